"""Section: the forensic tests of the deceased-donor series in the paper's years only."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from transplant_audit.evidence.frames import Evidence
from transplant_audit.report.model import Block, Notes, Para, Section, Table, Unavailable
from transplant_audit.report.sections.forensics import (
    findings_blocks,
    fit_chart_blocks,
    variant_range_blocks,
)

if TYPE_CHECKING:
    from transplant_audit.forensics.api import ForensicsResult

PAPER_SERIES = "national_deceased_donors"
"""The series Robertson, Hinde & Lavee analysed."""
PAPER_WINDOW = (2010, 2018)
"""The years Robertson, Hinde & Lavee (BMC Medical Ethics 20:79, 2019) tested."""
PAPER_WHY = (
    "Robertson, Hinde & Lavee (BMC Medical Ethics 20:79, 2019) tested China's official "
    "deceased-donor counts for 2010–2018 and found they fit a quadratic almost exactly. The "
    "official series in the evidence now runs to 2024 and includes the fall of 2020 (COVID-19), "
    "which no smooth formula follows, so tests on the full series answer a different question "
    "from the paper's. To check the paper's finding on its own terms, the tests below use "
    "{first}–{last} only; the previous section tests every year available."
)
FIT_COLUMNS = ("formula", "k", "r2", "adj_r2", "aic")


def _title() -> str:
    first, last = PAPER_WINDOW
    return f"Forensic tests in the paper's window, {first}–{last} ({PAPER_SERIES})"


def paper_window_section(ev: Evidence, fr: ForensicsResult, notes: Notes) -> Section:
    """The forensic tests of the deceased-donor series restricted to the paper's years."""
    first, last = PAPER_WINDOW
    sec = Section("forensics-window", _title())
    sec.add(Para([PAPER_WHY.format(first=first, last=last)]))
    sec.add(
        *findings_blocks(
            ev, fr, notes, "forensic_tests_window", f"Every forensic test, {first}–{last}"
        )
    )
    sec.add(
        *variant_range_blocks(
            fr,
            "forensic_variant_ranges_window",
            f"Range across versions of the series, {first}–{last}",
        )
    )
    sec.add(*_fit_table(fr))
    sec.add(*fit_chart_blocks(ev, fr, notes))
    return sec


def window_unavailable(reason: str) -> Section:
    """The window's section when its run failed for a reason the user should see."""
    first, last = PAPER_WINDOW
    return Section("forensics-window", _title()).add(
        Unavailable(f"forensic tests {first}–{last}", reason)
    )


def _fit_table(fr: ForensicsResult) -> list[Block]:
    """Every formula's fit on the window, next to the paper's adjusted R²."""
    first, last = PAPER_WINDOW
    rows = []
    for name in fr.series:
        try:
            summary = fr.fit_summary(name)
        except KeyError:
            continue  # not fit-tested by design (running totals, rates)
        for _, r in summary.iterrows():
            rows.append({"series": name, **{c: r.get(c) for c in FIT_COLUMNS}})
    if not rows:
        return []
    return [
        Table(
            name="forensic_fits_window",
            title=f"Formula fits, {first}–{last} (the paper reported adjusted R² 0.9995)",
            data=pd.DataFrame(rows),
            sortable=True,
        )
    ]
