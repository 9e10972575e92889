"""Section builders: evidence and results in, report blocks out (pure).

Each builder takes the evidence (and, for later sections, an estimate or
forensics result) plus the report's :class:`~transplant_audit.report.model.Notes`,
and returns a :class:`Section`. A part that cannot be produced (an upstream
result is missing, or lacks a column) becomes an :class:`Unavailable` box with
the reason, never a crash and never a made-up number: see :func:`guarded`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pandas as pd

from transplant_audit.evidence.frames import NATIONAL, Evidence
from transplant_audit.report import charts
from transplant_audit.report.fmt import is_missing, num, year_of
from transplant_audit.report.model import (
    Block,
    Derivation,
    Figure,
    Link,
    Notes,
    Para,
    Run,
    Section,
    Table,
    Unavailable,
)

# Anchor prefixes: every evidence entry in the appendix has one id.
OBS = "obs-"
ASM = "asm-"
HOSP = "hospital-"
DERIV = "derivation-"
SOURCES_ANCHOR = "appendix-sources"
OBS_ANCHOR = "appendix-observations"
HOSP_ANCHOR = "appendix-hospitals"
ASM_ANCHOR = "methods"
CLAIMS_ANCHOR = "official"


_OBS_ID = re.compile(r"\b(obs_[0-9a-f]{6,})\b")


def _linkify_ids(text: str) -> list[Run]:
    """Text with every observation id turned into a link to its appendix entry."""
    runs: list[Run] = []
    pos = 0
    for m in _OBS_ID.finditer(text):
        if m.start() > pos:
            runs.append(text[pos : m.start()])
        runs.append(Link(m.group(1), OBS + m.group(1)))
        pos = m.end()
    if pos < len(text):
        runs.append(text[pos:])
    return runs


def source_anchor(source_id: str) -> str:
    """The element id of a source's appendix entry: the source id itself (``src_<10 hex>``)."""
    return str(source_id)


def guarded(what: str, build: Callable[[], list[Block]]) -> list[Block]:
    """Run one part of a section; on failure return a visible 'not available' box with the reason.

    Upstream results (estimate, forensics) are built in parallel by other
    people and may lack a method or column; the report must still be produced
    and must say plainly what is missing instead of guessing.
    """
    try:
        return build()
    except Exception as exc:  # noqa: BLE001 - the reason is shown to the reader
        reason = f"{type(exc).__name__}: {exc}".strip()
        return [Unavailable(what=what, reason=reason[:400])]


def split_multi(value: Any) -> list[str]:
    if is_missing(value):
        return []
    return [v.strip() for v in str(value).split(";") if v.strip()]


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


# ---------------------------------------------------------------- evidence summary


def evidence_summary(ev: Evidence, notes: Notes) -> Section:
    """What the evidence holds: hospitals, observations by indicator, sources by party, coverage."""
    sec = Section("evidence", "The evidence behind this report")
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
    sec.add(Para(runs))

    def by_indicator() -> list[Block]:
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

    def by_party() -> list[Block]:
        if src.empty:
            return [Unavailable("sources by party", "the evidence has no sources")]
        ct = pd.crosstab(src["party"].fillna("(unknown)"), src["kind"].fillna("(unknown)"))
        ct["all kinds"] = ct.sum(axis=1)
        ct = ct.sort_values("all kinds", ascending=False).reset_index()
        ct.columns.name = None
        return [Table(name="sources_by_party_and_kind", title="Sources by party and kind", data=ct)]

    def coverage() -> list[Block]:
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
                    notes.cite(
                        "Observation dates.", anchors=[Link("all observations", OBS_ANCHOR)]
                    ),
                ],
            )
        ]

    for part in (by_indicator, by_party, coverage):
        sec.add(*guarded(part.__name__.replace("_", " "), part))
    return sec


# ---------------------------------------------------------------- official figures and claims


def official_and_claims(ev: Evidence, notes: Notes) -> Section:
    """Official series as reported, and others' published totals (for comparison, never input)."""
    sec = Section("official", "Official figures and published claims")
    sec.add(
        Para(
            [
                "These are totals published by others: Chinese officials and state media on one "
                "side, investigators on the other. The estimates in this report never use them "
                "as input; they are shown so the estimate can be compared with them."
            ]
        )
    )

    def official() -> list[Block]:
        off = ev.official_series.copy()
        if off.empty:
            return [Unavailable("official series", "the evidence has no official series")]
        off["year"] = pd.to_numeric(off["year"], errors="coerce")
        off["value"] = pd.to_numeric(off["value"], errors="coerce")
        off = off.dropna(subset=["year", "value"])
        off["year"] = off["year"].astype(int)
        counts = off.groupby("series").size()
        keep = counts[counts >= 3].index
        plot = off[off["series"].isin(keep)][["series", "year", "value", "source_id", "locator"]]
        blocks: list[Block] = []
        if not plot.empty:
            alt_text = (
                f"Line chart of {len(keep)} official series as reported in the press, "
                f"{plot['year'].min()} to {plot['year'].max()}. Series: "
                + "; ".join(
                    f"{s} from {num(plot[plot.series == s].sort_values('year')['value'].iloc[0])} "
                    f"to {num(plot[plot.series == s].sort_values('year')['value'].iloc[-1])}"
                    for s in keep
                )
                + "."
            )
            ref = notes.cite("Official series as reported.", sources=plot["source_id"].astype(str))
            blocks.append(
                Figure(
                    name="official_series",
                    title="Official figures as reported",
                    spec=charts.official_lines(plot, alt_text),
                    data=plot,
                    alt=alt_text,
                    caption=[
                        "Official series with at least three years, as reported. Where two "
                        "reports disagree for a year, both points are kept.",
                        ref,
                    ],
                )
            )
        table = off[["series", "year", "value", "unit", "qualifier", "source_id", "locator"]]
        blocks.append(
            Table(
                name="official_series_table",
                title="Every official figure",
                data=table.sort_values(["series", "year"]),
                sortable=True,
                links={"source_id": ""},
                max_rows_pdf=60,
            )
        )
        return blocks

    def claims() -> list[Block]:
        cl = ev.claims
        if cl.empty:
            return [Unavailable("published claims", "the evidence has no claims")]
        table = cl[
            [
                "quantity",
                "claimant",
                "party",
                "period_start",
                "period_end",
                "value_low",
                "value_high",
                "unit",
                "source_id",
                "locator",
            ]
        ].copy()
        return [
            Table(
                name="claims",
                title="Published totals (claims)",
                data=table,
                sortable=True,
                anchors={},
                links={"source_id": ""},
                max_rows_pdf=60,
            )
        ]

    sec.add(*guarded("official series", official))
    sec.add(*guarded("published claims", claims))
    return sec


# ---------------------------------------------------------------- methods and assumptions


def methods(
    ev: Evidence,
    notes: Notes,
    method_text: list[str] | None = None,
    used: pd.DataFrame | None = None,
    model_notes: list[str] | None = None,
) -> Section:
    """How the estimates are made, and every assumption with its distribution, unit and sources.

    ``used`` is the table of assumptions the estimate actually ran with
    (including defaults and overrides); without it, the evidence's table.
    """
    sec = Section("methods", "Methods and assumptions")
    for text in method_text or []:
        sec.add(Para([text]))
    if model_notes:
        sec.add(
            Derivation(
                anchor="model-notes",
                title=(
                    f"Notes from this run of the model ({len(model_notes)}): which figures "
                    "were not used and why, and which assumptions came from claims"
                ),
                lines=[_linkify_ids(note) for note in model_notes],
            )
        )
    asm = used if used is not None and not used.empty else ev.assumptions
    if asm.empty:
        sec.add(Unavailable("assumptions", "the evidence has no assumptions table"))
        return sec
    cols = [
        "name",
        "distribution",
        "low",
        "mode",
        "high",
        "unit",
        "applies_to",
        "justification",
        "source_ids",
        "origin",
    ]
    table = asm[[c for c in cols if c in asm.columns]].copy()
    sec.add(
        Para(
            [
                f"The model uses {num(len(table))} assumptions. Each has a distribution (a "
                "range wherever the evidence is uncertain), a unit, a justification and its "
                "sources; the sensitivity section shows which of them drive the result."
            ]
        ),
        Table(
            name="assumptions",
            title="Assumptions",
            data=table,
            sortable=True,
            anchors={"name": ASM},
            links={"source_ids": ""},
        ),
    )
    return sec


# ---------------------------------------------------------------- appendix


def appendix(ev: Evidence, notes: Notes) -> list[Section]:
    """The evidence appendix: every source, hospital and observation, each with its own anchor."""
    src = ev.sources[
        ["id", "title", "publisher", "url", "party", "kind", "published", "retrieved", "digest"]
    ].copy()
    src["digest"] = src["digest"].map(lambda d: "" if is_missing(d) else str(d))
    sources = Section(SOURCES_ANCHOR, "Appendix A: sources").add(
        Para(
            [
                f"All {num(len(src))} sources. A digest (sha256) is shown where the page or file "
                "was archived; the archived copy proves what the page said when it was captured."
            ]
        ),
        Table(
            name="sources",
            title="Sources",
            data=src,
            sortable=True,
            anchors={"id": ""},
            urls=("url",),
        ),
    )
    hosp = ev.hospitals[
        [
            "id",
            "name_en",
            "name_zh",
            "province",
            "city",
            "military",
            "licensed",
            "licensed_organs",
            "source_id",
        ]
    ].copy()
    hospitals = Section(HOSP_ANCHOR, "Appendix B: hospitals").add(
        Table(
            name="hospitals",
            title="Hospitals",
            data=hosp,
            sortable=True,
            anchors={"id": HOSP},
            links={"source_id": ""},
        )
    )
    obs = ev.observations[
        [
            "id",
            "hospital_id",
            "indicator",
            "organ",
            "period_start",
            "period_end",
            "as_of",
            "value",
            "qualifier",
            "unit",
            "status",
            "source_id",
            "locator",
        ]
    ].copy()
    observations = Section(OBS_ANCHOR, "Appendix C: observations").add(
        Para(
            [
                f"All {num(len(obs))} observations: one stated figure each, with its source and "
                "where in the source it is (locator)."
            ]
        ),
        Table(
            name="observations",
            title="Observations",
            data=obs,
            sortable=True,
            anchors={"id": OBS},
            links={"source_id": "", "hospital_id": HOSP},
            max_rows_pdf=None,
        ),
    )
    return [sources, hospitals, observations]
