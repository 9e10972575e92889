"""The headline compares the estimate with the official claim nearest the best-evidenced year."""

from __future__ import annotations

from transplant_audit.report.results import _evidence_year


class _Est:
    def __init__(self, year: int) -> None:
        self._year = year

    def sensitivity_year(self) -> int:
        return self._year


def test_evidence_year_is_the_estimates_best_evidenced_year() -> None:
    assert _evidence_year(_Est(2014), {2010, 2014, 2019}) == 2014


def test_evidence_year_falls_back_to_latest_when_outside_or_unknown() -> None:
    assert _evidence_year(_Est(1990), {2010, 2019}) == 2019
    assert _evidence_year(object(), {2010, 2019}) == 2019
