"""The report's evidence-coverage section: where figures are missing, and how much is imputed.

Pure: the same table as ``transplant-audit coverage`` (``evidence.coverage``),
and the imputed share read from the report's own estimate result.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from transplant_audit.evidence.coverage import FIGURE_KINDS, coverage_table, imputed_share
from transplant_audit.evidence.frames import Evidence
from transplant_audit.report.model import Block, Para, Section, Table, Unavailable

if TYPE_CHECKING:
    from transplant_audit.estimate.result import EstimateResult

COVERAGE_YEAR = 2016
"""The year whose imputed share the section states (the issue's reference year)."""


def coverage_section(ev: Evidence, estimate: EstimateResult | None) -> Section:
    """Hospitals with each kind of figure by province x licence status, and the imputed share."""
    sec = Section("coverage", "Where the evidence is thin")

    def share() -> list[Block]:
        if estimate is None:
            return [Unavailable("imputed share", "the estimate was not run")]
        value = imputed_share(estimate, COVERAGE_YEAR)
        if math.isnan(value):
            return [Unavailable("imputed share", f"the estimate does not cover {COVERAGE_YEAR}")]
        return [
            Para(
                [
                    f"{value:.1%} of the {COVERAGE_YEAR} combined estimate is imputed: it is "
                    "attributed to hospitals for which the evidence holds no figure, from the "
                    "number of centres the sources give. The table shows, by province and "
                    "licence status, how many hospitals have each kind of figure ("
                    + ", ".join(k.replace("_", " ") for k in FIGURE_KINDS)
                    + "); the rows with few figures are where more evidence would most "
                    "change the estimate."
                ]
            )
        ]

    def table() -> list[Block]:
        data = coverage_table(ev)
        data.columns = [c.replace("_", " ") for c in data.columns]
        return [
            Table(
                name="coverage_by_province",
                title="Hospitals with each kind of figure, by province and licence status",
                data=data,
                sortable=True,
                max_rows_pdf=60,
            )
        ]

    sec.add(*share(), *table())
    return sec
