"""Section: official series as reported, and others' published totals (never model input)."""

from __future__ import annotations

import pandas as pd

from transplant_audit.evidence.frames import COLUMNS, Evidence
from transplant_audit.report import charts
from transplant_audit.report.fmt import num
from transplant_audit.report.model import Block, Figure, Notes, Para, Section, Table, Unavailable

INTRO = (
    "These are totals published by others: Chinese officials and state media on one "
    "side, investigators on the other. The estimates in this report never use them "
    "as input; they are shown so the estimate can be compared with them."
)
CLAIM_COLUMNS = [c for c in COLUMNS["claims"] if c not in ("id", "note")]
"""The claims table: every column of the evidence but its id and note (the qualifier says
whether a figure is a floor, a ceiling or approximate)."""
OFFICIAL_COLUMNS = [c for c in COLUMNS["official_series"] if c not in ("id", "note")]
"""The official-series table: every column but the id and note (``partial_year``: the figure
covers part of the year; ``derived``: computed from other rows, stated by no source)."""
MIN_YEARS_CHARTED = 3
"""An official series is charted when it has at least this many years (all are tabled)."""


def official_and_claims(ev: Evidence, notes: Notes) -> Section:
    """Official series as reported, and others' published totals (for comparison, never input)."""
    sec = Section("official", "Official figures and published claims")
    sec.add(Para([INTRO]))
    sec.add(*_official_blocks(ev.official_series, notes))
    sec.add(*_claims_blocks(ev.claims))
    return sec


def _official_blocks(official: pd.DataFrame, notes: Notes) -> list[Block]:
    if official.empty:
        return [Unavailable("official series", "the evidence has no official series")]
    off = official.copy()
    off["year"] = pd.to_numeric(off["year"], errors="coerce")
    off["value"] = pd.to_numeric(off["value"], errors="coerce")
    off = off.dropna(subset=["year", "value"])
    off["year"] = off["year"].astype(int)
    counts = off.groupby("series").size()
    keep = counts[counts >= MIN_YEARS_CHARTED].index
    plot = off[off["series"].isin(keep)][["series", "year", "value", "source_id", "locator"]]
    blocks: list[Block] = [] if plot.empty else [_official_figure(plot, list(keep), notes)]
    table = off[OFFICIAL_COLUMNS]
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


def _official_figure(plot: pd.DataFrame, keep: list[str], notes: Notes) -> Figure:
    def ends(s: str) -> str:
        values = plot[plot.series == s].sort_values("year")["value"]
        return f"{s} from {num(values.iloc[0])} to {num(values.iloc[-1])}"

    alt_text = (
        f"Line chart of {len(keep)} official series as reported in the press, "
        f"{plot['year'].min()} to {plot['year'].max()}. Series: "
        + "; ".join(ends(s) for s in keep)
        + "."
    )
    ref = notes.cite("Official series as reported.", sources=plot["source_id"].astype(str))
    return Figure(
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


def _claims_blocks(claims: pd.DataFrame) -> list[Block]:
    if claims.empty:
        return [Unavailable("published claims", "the evidence has no claims")]
    return [
        Table(
            name="claims",
            title="Published totals (claims)",
            data=claims[CLAIM_COLUMNS].copy(),
            sortable=True,
            anchors={},
            links={"source_id": ""},
            max_rows_pdf=60,
        )
    ]
