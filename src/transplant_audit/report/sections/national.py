"""Section: transplants per year (every scenario, the claims, the cumulative total)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from transplant_audit.estimate.summary import preferred_scenario
from transplant_audit.report import charts
from transplant_audit.report.fmt import rounded
from transplant_audit.report.model import Block, Figure, Para, Section, Table, Unavailable
from transplant_audit.report.sections.context import EstimateContext, need, party_label

if TYPE_CHECKING:
    from transplant_audit.estimate.result import EstimateResult


def national_section(ctx: EstimateContext) -> Section:
    """Every scenario per year with the claims, the comparison table, the cumulative total."""
    sec = Section("national", "Transplants per year")
    sec.add(*_series_blocks(ctx))
    sec.add(*_comparison_blocks(ctx))
    sec.add(*_cumulative_blocks(ctx))
    return sec


SCENARIOS_TEXT = (
    "Three scenarios are shown. The documented floor counts only transplants "
    "that sources state (a lower bound: most hospitals state no count). The "
    "capacity model converts stated beds, surgeons and licence minimums into "
    "transplants a year. The combined estimate takes, for each hospital, the "
    "larger of its stated count and its capacity times a utilisation factor, "
    "and imputes hospitals with no figure (see Methods)."
)
SERIES_CAPTION = (
    "Lines: median of each scenario. Shaded: 50% (darker) and 90% (lighter) "
    "intervals of the combined estimate; the intervals of the other scenarios "
    "are in the data table. Red markers: published claims, shaped by who made "
    "them (never used as input)."
)


def _series_blocks(ctx: EstimateContext) -> list[Block]:
    nat = ctx.est.national()
    need(nat, "year", "scenario", "median", "p05", "p25", "p75", "p95", what="estimate.national()")
    off = _official_points(ctx.est)
    data = nat.copy()
    alt_text = _series_alt(data, len(off))
    ref = ctx.cite("National estimate per year, every scenario.")
    return [
        Para([SCENARIOS_TEXT, ref]),
        Figure(
            name="national_series",
            title="Transplants per year: estimate and published claims",
            spec=charts.national_series(data, off, alt_text),
            data=data,
            alt=alt_text,
            caption=[SERIES_CAPTION, ref],
        ),
    ]


def _series_alt(data: pd.DataFrame, claims: int) -> str:
    """The national chart in words: the headline scenario's first, peak and last year."""
    scen = preferred_scenario(data["scenario"])
    main = data[data["scenario"].astype(str) == scen].sort_values("year")
    peak = main.loc[main["median"].idxmax()]
    alt_text = (
        f"Line chart of estimated transplants per year, {int(main['year'].min())} to "
        f"{int(main['year'].max())}, for the scenarios "
        + ", ".join(dict.fromkeys(data["scenario"].astype(str)))
        + f". The {scen} median is {rounded(main['median'].iloc[0])} in "
        f"{int(main['year'].iloc[0])}, peaks at {rounded(peak['median'])} in "
        f"{int(peak['year'])} and is {rounded(main['median'].iloc[-1])} in "
        f"{int(main['year'].iloc[-1])}; shaded bands show 50% and 90% intervals."
    )
    if claims:
        alt_text += f" Diamonds mark {claims} published claims (claim-years)."
    return alt_text


def _comparison_blocks(ctx: EstimateContext) -> list[Block]:
    comp = ctx.est.comparison()
    if len(comp) == 0:
        return [
            Unavailable("comparison with claims", "no annual claim falls in the estimated years")
        ]
    need(comp, "year", "value", "ratio_median", what="estimate.comparison()")
    table = comp.copy()
    if "claim_id" in table.columns:
        off = ctx.est.official()
        src = dict(zip(off["claim_id"].astype(str), off["source_id"].astype(str), strict=False))
        table["source_id"] = table["claim_id"].astype(str).map(src)
    table = table.sort_values(["year", "party"] if "party" in table else ["year"])
    return [
        Table(
            name="comparison",
            title="Estimate compared with each published claim",
            data=table,
            sortable=True,
            links={"source_id": ""},
            caption=[
                "ratio = estimate ÷ claim (median and 90% interval over model runs); "
                "p_claim_at_or_above_estimate = share of runs in which the claim is at least "
                "the estimate.",
                ctx.cite("Comparison of the estimate with published claims."),
            ],
        )
    ]


def _cumulative_blocks(ctx: EstimateContext) -> list[Block]:
    cum = ctx.est.cumulative()
    need(cum, "year", "scenario", "median", "p05", "p95", what="estimate.cumulative()")
    scen = preferred_scenario(cum["scenario"])
    last = cum[cum["scenario"].astype(str) == scen].sort_values("year").iloc[-1]
    first_year = int(cum["year"].min())
    label = charts.SCENARIO_LABELS.get(scen, scen)
    ref = ctx.cite(f"Cumulative estimate since {first_year}.")
    alt_text = (
        f"Line chart of cumulative estimated transplants since {first_year} by scenario; "
        f"the {label} reaches {rounded(last['median'])} by {int(last['year'])} "
        f"(90% interval {rounded(last['p05'])} to {rounded(last['p95'])})."
    )
    return [
        Para(
            [
                f"Added up from {first_year} to {int(last['year'])}, the {label} is "
                f"{rounded(last['median'])} transplants (90% interval "
                f"{rounded(last['p05'])} to {rounded(last['p95'])}).",
                ref,
            ]
        ),
        Figure(
            name="cumulative",
            title=f"Cumulative transplants since {first_year}",
            spec=charts.cumulative(cum, alt_text),
            data=cum,
            alt=alt_text,
            caption=[
                "Running total of the yearly estimate: median of each scenario; shaded: "
                "90% interval of the combined estimate.",
                ref,
            ],
        ),
    ]


def _official_points(est: EstimateResult) -> pd.DataFrame:
    """Annual claims from ``est.official()`` as year, label (who), claimant, value, source_id."""
    off = est.official()
    cols = ["year", "label", "claimant", "value", "source_id"]
    if len(off) == 0:
        return pd.DataFrame(columns=cols)
    out = pd.DataFrame(
        {
            "year": pd.to_numeric(off["year"], errors="coerce"),
            "label": off["party"].astype(str).map(party_label),
            "claimant": off["claimant"].astype(str),
            "value": pd.to_numeric(off["value"], errors="coerce"),
            "source_id": off["source_id"].astype(str),
        }
    ).dropna(subset=["year", "value"])
    out["year"] = out["year"].astype(int)
    return out[cols]
