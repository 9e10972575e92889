"""Section: what the evidence holds (sources, hospitals, observations by indicator, coverage)."""

from __future__ import annotations

from typing import Any

import pandas as pd

from transplant_audit.evidence.frames import NATIONAL, Evidence
from transplant_audit.report import charts
from transplant_audit.report.fmt import is_missing, num, year_of
from transplant_audit.report.model import (
    Block,
    Figure,
    Link,
    Notes,
    Para,
    Run,
    Section,
    Table,
    Unavailable,
)
from transplant_audit.report.sections.anchors import HOSP_ANCHOR, OBS_ANCHOR, SOURCES_ANCHOR


def _group_of(indicator: str) -> str:
    name = str(indicator)
    if name.startswith(("transplants_", "surgeon_transplants", "surgeries", "opo_", "inpatients")):
        return "volume"
    if name.endswith("_beds") or name in (
        "bed_occupancy_rate",
        "avg_length_of_stay_days",
        "operating_rooms",
        "concurrent_transplant_capacity",
    ):
        return "capacity"
    if name.startswith(
        ("transplant_surgeons", "transplant_staff", "transplant_nurses")
    ) or name in (
        "department_staff",
        "staff_total",
        "surgical_teams",
    ):
        return "personnel"
    if name.endswith(("_cny", "_usd")):
        return "money"
    return "other"


def _obs_year(row: pd.Series) -> int | None:
    for col in ("period_end", "period_start", "as_of"):
        y = year_of(row.get(col))
        if y is not None:
            return y
    return None


def _is_yes(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    return str(value).strip().lower() in ("yes", "true", "1", "y")


def evidence_summary(ev: Evidence, notes: Notes) -> Section:
    """What the evidence holds: hospitals, observations by indicator, sources by party, coverage."""
    sec = Section("evidence", "The evidence behind this report")
    sec.add(Para(_counts_runs(ev, notes)))
    sec.add(*_by_indicator(ev.observations))
    sec.add(*_by_party(ev.sources))
    sec.add(*_coverage(ev.observations, notes))
    return sec


def _counts_runs(ev: Evidence, notes: Notes) -> list[Run]:
    obs = ev.observations
    hosp = ev.hospitals
    src = ev.sources
    n_licensed = int(hosp["licensed"].map(_is_yes).sum()) if "licensed" in hosp else 0
    hospital_obs = obs[obs["hospital_id"].astype(str) != NATIONAL]
    status_counts = obs["status"].fillna("").astype(str).value_counts()
    ref_all = notes.cite(
        "Counts over the whole evidence appendix.",
        anchors=[
            Link("all sources", SOURCES_ANCHOR),
            Link("all hospitals", HOSP_ANCHOR),
            Link("all observations", OBS_ANCHOR),
        ],
    )
    runs: list[Run] = [
        f"The evidence holds {num(len(src))} sources, {num(len(hosp))} hospitals "
        f"({num(n_licensed)} with a national transplant licence) and {num(len(obs))} observations "
        f"({num(len(hospital_obs))} about single hospitals, "
        f"{num(len(obs) - len(hospital_obs))} about China as a whole)",
        ref_all,
        ". ",
    ]
    if len(status_counts):
        parts = ", ".join(f"{num(v)} {k or 'unreviewed'}" for k, v in status_counts.items())
        runs.append(f"Review status of the observations: {parts}. ")
    runs.append(
        "Almost every source is a party to the dispute (investigators, Falun Gong-affiliated "
        "media, Chinese state media and officials, hospitals themselves); the table of sources "
        "by party below lets you weigh them. No figure was dropped because of who said it."
    )
    return runs


def _by_indicator(obs: pd.DataFrame) -> list[Block]:
    if obs.empty:
        return [Unavailable("observations by indicator", "the evidence has no observations")]
    df = obs.copy()
    df["year"] = df.apply(_obs_year, axis=1)
    g = df.groupby("indicator", dropna=False)
    table = pd.DataFrame(
        {
            "observations": g.size(),
            "hospitals": g["hospital_id"].nunique(),
            "sources": g["source_id"].nunique(),
            "first year": g["year"].min(),
            "last year": g["year"].max(),
        }
    ).reset_index()
    table = table.sort_values("observations", ascending=False)
    for col in ("first year", "last year"):
        table[col] = table[col].map(lambda v: "" if is_missing(v) else str(int(v)))
    return [
        Table(
            name="observations_by_indicator",
            title="Observations by indicator",
            data=table,
            sortable=True,
        )
    ]


def _by_party(src: pd.DataFrame) -> list[Block]:
    if src.empty:
        return [Unavailable("sources by party", "the evidence has no sources")]
    ct = pd.crosstab(src["party"].fillna("(unknown)"), src["kind"].fillna("(unknown)"))
    ct["all kinds"] = ct.sum(axis=1)
    ct = ct.sort_values("all kinds", ascending=False).reset_index()
    ct.columns.name = None
    return [Table(name="sources_by_party_and_kind", title="Sources by party and kind", data=ct)]


def _coverage(obs: pd.DataFrame, notes: Notes) -> list[Block]:
    if obs.empty:
        return [Unavailable("coverage by year", "the evidence has no observations")]
    df = obs.copy()
    df["year"] = df.apply(_obs_year, axis=1)
    undated = int(df["year"].isna().sum())
    df = df.dropna(subset=["year"])
    df["year"] = df["year"].astype(int)
    df["group"] = df["indicator"].map(_group_of)
    counts = df.groupby(["year", "group"]).size().rename("observations").reset_index()
    if counts.empty:
        return [Unavailable("coverage by year", "no observation has a date")]
    busiest = counts.groupby("year")["observations"].sum().idxmax()
    alt_text = (
        f"Stacked bar chart of the number of observations per year from {counts['year'].min()} "
        f"to {counts['year'].max()}, split into volume, capacity, personnel, money and other "
        f"figures. The year with most observations is {busiest}. {undated} observations "
        "carry no date and are not shown."
    )
    return [
        Figure(
            name="coverage_by_year",
            title="Evidence coverage by year",
            spec=charts.counts_by_year(counts, alt_text),
            data=counts,
            alt=alt_text,
            caption=[
                f"Observations per year the figure refers to ({undated} undated observations "
                "not shown). Beds and staff are capacity; transplant counts are volume.",
                notes.cite("Observation dates.", anchors=[Link("all observations", OBS_ANCHOR)]),
            ],
        )
    ]
