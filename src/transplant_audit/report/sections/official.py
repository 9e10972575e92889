"""Section: official series as reported, and others' published totals (never model input)."""

from __future__ import annotations

import pandas as pd

from transplant_audit.evidence.frames import Evidence
from transplant_audit.report import charts
from transplant_audit.report.fmt import num
from transplant_audit.report.model import Block, Figure, Notes, Para, Section, Table, Unavailable


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

    sec.add(*official())
    sec.add(*claims())
    return sec
