"""Section: the estimate by organ and by licence (strata) in the headline year."""

from __future__ import annotations

import pandas as pd

from transplant_audit.estimate.summary import preferred_scenario
from transplant_audit.report import charts
from transplant_audit.report.fmt import rounded
from transplant_audit.report.model import Block, Figure, Link, Para, Section, Table, Unavailable
from transplant_audit.report.sections.anchors import ASM
from transplant_audit.report.sections.context import EstimateContext, need


def breakdowns_section(ctx: EstimateContext) -> Section:
    """The headline year by organ (documented counts) and by licence stratum."""
    sec = Section("breakdowns", "By organ and by licence")
    sec.add(*_by_organ(ctx))
    sec.add(*_by_stratum(ctx))
    return sec


def _interval_figure(
    ctx: EstimateContext,
    df: pd.DataFrame,
    category: str,
    name: str,
    title: str,
    what: str,
    scenario: str,
) -> list[Block]:
    need(df, category, "median", "p05", "p95", what=what)
    df, year = ctx.year_slice(df)
    when = f" in {year}" if year is not None else ""
    if df.empty:
        return [Unavailable(title, f"{what} returned no rows")]
    df = df.sort_values("median", ascending=False)
    label = charts.SCENARIO_LABELS.get(scenario, scenario)
    alt_text = (
        f"Bar chart of the {label}{when} by {category}, with 90% intervals: "
        + "; ".join(
            f"{r[category]} {rounded(r['median'])} ({rounded(r['p05'])} to {rounded(r['p95'])})"
            for _, r in df.head(12).iterrows()
        )
        + "."
    )
    ref = ctx.cite(f"{title}{when} ({label}).")
    return [
        Figure(
            name=name,
            title=f"{title}{when} ({label})",
            spec=charts.interval_bars(df, category, f"{title}{when}", alt_text),
            data=df,
            alt=alt_text,
            caption=["Median (bar) with 90% interval (black line).", ref],
        )
    ]


def _by_organ(ctx: EstimateContext) -> list[Block]:
    df = ctx.est.by_organ()
    need(df, "organ", "scenario", what="estimate.by_organ()")
    scen = preferred_scenario(df["scenario"])
    df = df[df["scenario"].astype(str) == scen]
    sliced, _ = ctx.year_slice(df)
    zero = sliced[(sliced["median"].fillna(0) == 0) & (sliced["p95"].fillna(0) == 0)]
    df = df[~df["organ"].isin(set(zero["organ"]))]
    blocks = _interval_figure(
        ctx, df, "organ", "by_organ", "Transplants by organ", "estimate.by_organ()", scen
    )
    if len(zero):
        blocks.append(
            Para([f"No stated count in that year for: {', '.join(map(str, zero['organ']))}."])
        )
    if scen == "documented":
        blocks.insert(
            0,
            Para(
                [
                    "The split by organ uses the stated counts only (the documented floor): "
                    "capacity figures rarely say which organ. 'unspecified' is volume whose "
                    "source does not name the organ."
                ]
            ),
        )
    return blocks


def _by_stratum(ctx: EstimateContext) -> list[Block]:
    df = ctx.est.by_stratum()
    need(df, "stratum", "scenario", what="estimate.by_stratum()")
    scen = preferred_scenario(df["scenario"])
    df = df[df["scenario"].astype(str) == scen]
    licence = df[df["stratum"].isin(["licensed", "unlicensed", "licence_unknown", "pre_licensing"])]
    blocks: list[Block] = [
        Para(
            [
                "Hospitals with a national transplant licence against those without one "
                "that are documented as transplanting; 'pre_licensing' is volume before "
                "licensing began (the year is the assumption ",
                Link("licensing_year", ASM + "licensing_year"),
                "). 'licence_unknown' is hospitals whose licence status no published list "
                "settles; they are never counted as unlicensed. Volume at unlicensed "
                "hospitals is, by its nature, the least documented part of the estimate.",
            ]
        )
    ]
    blocks += _interval_figure(
        ctx,
        licence,
        "stratum",
        "by_licence",
        "Licensed vs unlicensed hospitals",
        "estimate.by_stratum()",
        scen,
    )
    sliced, year = ctx.year_slice(df)
    blocks.append(
        Table(
            name="by_stratum",
            title=f"Every stratum in {year}" if year else "Every stratum",
            data=sliced,
            sortable=True,
            caption=[
                "licensed + unlicensed + licence_unknown + pre_licensing = total; military + "
                "civilian + imputed = total (the military status of imputed hospitals is "
                "unknown)."
            ],
        )
    )
    return blocks
