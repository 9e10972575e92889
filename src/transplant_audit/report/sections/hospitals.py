"""Section: the hospitals with the largest estimated volume, each with its derivation."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from transplant_audit.estimate.summary import preferred_scenario
from transplant_audit.report.fmt import is_missing, num, pct, rounded
from transplant_audit.report.model import Block, Derivation, Link, Para, Run, Section, Table
from transplant_audit.report.sections.anchors import ASM, DERIV, HOSP, OBS
from transplant_audit.report.sections.context import EstimateContext, need

TOP_HOSPITALS = 25
TOP_CAPTION = (
    "median, p05, p95: transplants per year (median and 90% interval over "
    "model runs). A lower bound of 0 means that in some runs no figure of the "
    "hospital applies to that year (e.g. its bed count was stated too many "
    "years earlier); methods: which routes produced the figure."
)


def hospitals_section(ctx: EstimateContext) -> Section:
    """The largest hospitals in the headline year, each with its derivation."""
    return Section("hospitals", "Top hospitals").add(*_hospital_blocks(ctx))


def _hospital_blocks(ctx: EstimateContext) -> list[Block]:
    df = ctx.est.by_hospital()
    need(df, "hospital_id", "median", "p05", "p95", what="estimate.by_hospital()")
    if "scenario" in df.columns:
        df = df[df["scenario"].astype(str) == preferred_scenario(df["scenario"])]
    df, year = ctx.year_slice(df)
    when = f" in {year}" if year is not None else ""
    top = df.sort_values("median", ascending=False).head(TOP_HOSPITALS)
    table = _top_table(ctx, top)
    blocks: list[Block] = [
        Para(
            [
                f"The {len(table)} hospitals with the largest estimated volume{when} "
                "(combined estimate, transplants per year). The derivation of each figure "
                "(its observations, sources and assumptions) follows the table; in the web "
                "version, click a column heading to sort and a hospital id to jump to it.",
                ctx.cite(f"Hospital estimates{when}."),
            ]
        ),
        Table(
            name="top_hospitals",
            title=f"Top hospitals{when}",
            data=table,
            sortable=True,
            links={"derivation": DERIV},
            caption=[TOP_CAPTION],
        ),
    ]
    if year is not None:
        blocks += [_derivation(ctx, hid, year) for hid in top["hospital_id"].astype(str)]
    return blocks


def _names(ctx: EstimateContext) -> pd.DataFrame:
    return ctx.ev.hospitals.set_index(ctx.ev.hospitals["id"].astype(str))


def _top_table(ctx: EstimateContext, top: pd.DataFrame) -> pd.DataFrame:
    """The top hospitals with their names, province and licence, and a derivation link."""
    names = _names(ctx)

    def name_of(h: str, col: str) -> str:
        if h in names.index and not is_missing(names.at[h, col]):
            v = names.at[h, col]
            if isinstance(v, bool) or str(v) in ("True", "False"):
                return "yes" if str(v) == "True" else "no"
            return str(v)
        return "unknown" if col == "licensed" else ""

    ids = list(top["hospital_id"].astype(str))
    table = pd.DataFrame(
        {
            "rank": range(1, len(top) + 1),
            "hospital": [name_of(h, "name_en") or h for h in ids],
            "name_zh": [name_of(h, "name_zh") for h in ids],
            "province": [name_of(h, "province") for h in ids],
            "licensed": [name_of(h, "licensed") for h in ids],
            "median": top["median"].round(0).to_numpy(),
            "p05": top["p05"].round(0).to_numpy(),
            "p95": top["p95"].round(0).to_numpy(),
            "methods": top["methods"].to_numpy() if "methods" in top else "",
            "derivation": top["hospital_id"].astype(str).to_numpy(),
        }
    )
    if not table["name_zh"].astype(bool).any():
        table = table.drop(columns=["name_zh"])
    return table


def _derivation(ctx: EstimateContext, hid: str, year: int) -> Derivation:
    """One hospital-year's derivation: the hospital, each method's value, every observation
    and assumption with its sources (``EstimateResult.explain``)."""
    exp = ctx.est.explain(hid, year)
    names = _names(ctx)
    title = str(names.at[hid, "name_en"]) if hid in names.index else hid
    zh = names.at[hid, "name_zh"] if hid in names.index else None
    if not is_missing(zh) and str(zh):
        title += f" {zh}"
    lines: list[list[Run]] = []
    hosp = exp.get("hospital") or {}
    if hosp:
        lines.append(_hospital_line(hid, hosp))
    for method, s in (exp.get("values") or {}).items():
        if isinstance(s, Mapping):
            share = s.get("share_of_draws")
            tail = f", applies in {pct(share)} of runs" if share is not None and share < 1 else ""
            lines.append([f"{method.replace('_', ' ')}: {stats_text(s)}{tail}"])
    lines += [_observation_line(o) for o in exp.get("observations") or []]
    lines += [_assumption_line(a) for a in exp.get("assumptions") or []]
    return Derivation(anchor=DERIV + hid, title=f"{title} ({hid}), {year}", lines=lines)


def _word(v: Any) -> str:
    if isinstance(v, bool):
        return "yes" if v else "no"
    if isinstance(v, float) and v == int(v):
        return str(int(v))
    return str(v)


def _hospital_line(hid: str, hosp: Mapping[str, Any]) -> list[Run]:
    facts = ", ".join(
        f"{k.replace('_', ' ')}: {_word(v)}"
        for k, v in hosp.items()
        if v is not None and not is_missing(v)
    )
    return ["Hospital: " + facts, " (", Link("appendix entry", HOSP + hid), ")"]


def _observation_line(o: Mapping[str, Any]) -> list[Run]:
    oid = str(o.get("observation_id", ""))
    sid = str(o.get("source_id", ""))
    organ = f" ({o['organ']})" if o.get("organ") else ""
    qual = o.get("qualifier")
    qual = "" if qual in (None, "exact") else f" [{str(qual).replace('_', ' ')}]"
    used = ", ".join(o.get("used_by") or [])
    run: list[Run] = [
        f"Observation {o.get('indicator')}{organ} = {num(o.get('value'))}{qual}"
        f"{', ' + str(o['period']) if o.get('period') else ''}; used by {used}; "
    ]
    if oid:
        run += [Link(oid, OBS + oid), " "]
    if sid:
        run += ["source ", Link(sid, sid)]
    if o.get("locator"):
        run.append(f", {o['locator']}")
    return run


def _assumption_line(a: Mapping[str, Any]) -> list[Run]:
    name = str(a.get("name", ""))
    run: list[Run] = ["Assumption ", Link(name, ASM + name), f": {a.get('distribution', '')}"]
    for s in a.get("sources") or []:
        sid = str(s.get("source_id", "")) if isinstance(s, Mapping) else str(s)
        if sid:
            run += [" ", Link(sid, sid)]
    return run


def stats_text(s: Mapping[str, Any]) -> str:
    """``median M (90% interval A–B)`` of one result dict."""
    return (
        f"median {rounded(s.get('median'))} "
        f"(90% interval {rounded(s.get('p05'))}–{rounded(s.get('p95'))})"
    )
