"""Evidence coverage: which hospitals have which kind of figure, by province and licence status.

Pure: evidence (and an estimate result) in, frames and numbers out. The CLI
(``transplant-audit coverage``) and the report's coverage section both use it,
so a user sees where evidence is missing and how much of the estimate rests on
imputation instead of figures.
"""

from __future__ import annotations

import math
from typing import Any

import pandas as pd

from transplant_audit.evidence.frames import NATIONAL, Evidence
from transplant_audit.evidence.package import licensed_text
from transplant_audit.evidence.vocabulary import BED_INDICATORS, LICENSED_VALUES

FIGURE_KINDS: dict[str, frozenset[str]] = {
    "beds": BED_INDICATORS,
    "own_counts": frozenset(
        {"transplants_in_period", "transplants_cumulative", "transplants_per_year"}
    ),
    "staff": frozenset(
        {
            "transplant_surgeons",
            "transplant_staff",
            "transplant_nurses",
            "department_staff",
            "medical_staff",
            "senior_staff",
            "staff_total",
            "surgical_teams",
        }
    ),
    "opening_year": frozenset({"first_transplant_year", "transplant_unit_founded_year"}),
}
"""Kind of figure -> the indicators that count as one (a hospital has the kind if it has any)."""

COVERAGE_COLUMNS = ["province", "licensed", "hospitals", "with_any_figure", *FIGURE_KINDS]
UNKNOWN_PROVINCE = "(province not stated)"
ALL = "all"


def licensed_status(value: Any) -> str:
    """``true``/``false``/``unknown`` for any spelling a frame may hold (bool, NA, text):
    ``package.licensed_text``, with anything outside the vocabulary as unknown."""
    text = licensed_text(value)
    return text if text in LICENSED_VALUES else "unknown"


def hospital_kinds(evidence: Evidence) -> pd.DataFrame:
    """One row per hospital: province, licensed, and a boolean column per kind of figure."""
    hosp = evidence.hospitals
    obs = evidence.observations
    obs = obs[obs["hospital_id"].astype(str) != NATIONAL]
    out = pd.DataFrame(
        {
            "id": hosp["id"].astype(str).to_numpy(),
            "province": hosp["province"].fillna("").astype(str).replace("", UNKNOWN_PROVINCE),
            "licensed": [licensed_status(v) for v in hosp["licensed"]],
        }
    )
    with_any = set(obs["hospital_id"].astype(str))
    out["with_any_figure"] = out["id"].isin(with_any)
    for kind, indicators in FIGURE_KINDS.items():
        ids = set(obs.loc[obs["indicator"].isin(indicators), "hospital_id"].astype(str))
        out[kind] = out["id"].isin(ids)
    return out


def coverage_table(evidence: Evidence) -> pd.DataFrame:
    """Hospitals and how many have each kind of figure, by province x licence status.

    Rows are sorted by province then licence status (true, false, unknown); the last
    rows (province ``all``) total each licence status and then everything.
    """
    per = hospital_kinds(evidence)
    counted = ["with_any_figure", *FIGURE_KINDS]
    order = {v: i for i, v in enumerate(LICENSED_VALUES)}
    grouped = (
        per.groupby(["province", "licensed"])
        .agg(hospitals=("id", "size"), **{c: (c, "sum") for c in counted})
        .reset_index()
    )
    grouped = grouped.sort_values(
        ["province", "licensed"], key=lambda s: s.map(order) if s.name == "licensed" else s
    )
    totals = [
        {"province": ALL, "licensed": status, "hospitals": int(len(part))}
        | {c: int(part[c].sum()) for c in counted}
        for status, part in sorted(per.groupby("licensed"), key=lambda kv: order[kv[0]])
    ]
    totals.append(
        {"province": ALL, "licensed": ALL, "hospitals": int(len(per))}
        | {c: int(per[c].sum()) for c in counted}
    )
    table = pd.concat([grouped, pd.DataFrame(totals)], ignore_index=True)
    for c in ["hospitals", *counted]:
        table[c] = table[c].astype(int)
    return table[COVERAGE_COLUMNS].reset_index(drop=True)


def imputed_share(result: Any, year: int) -> float:
    """Share of the combined estimate for ``year`` that is imputed (NaN if not estimated).

    ``result`` is an ``estimate.result.EstimateResult``; the share is its own
    ``imputed()`` table's, never recomputed here.
    """
    table = result.imputed()
    row = table[(table["scenario"] == "combined") & (table["year"] == year)]
    if row.empty:
        return math.nan
    return float(row["imputed_share"].iloc[0])
