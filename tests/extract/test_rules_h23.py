"""Two families read on heldout23's tune half after its one blind score (h23r, 2026-12-07),
fixed at their cause; the sentences here are written for the tests, none is quoted from a set.

- **Operations still to come are no figure** (GUIDE.md: forecasts). '... hoped that 10-12 more
  kidney transplants would be performed before the year ends' gave a period's count of 10
  (the range's low end) and 12; 'will perform the 9th liver transplant on Monday' gave a
  running total of 9 (``patterns.EN_FUTURE_DONE_AFTER_RE``, ``patterns.EN_WILL_DO_BEFORE_RE``,
  ``core._en_to_come``). A count done beside one to come keeps its reading.
- **'The current year' is a named period.** '80 kidney transplants in the first eight months
  of the current year' was read as a running total (``patterns.EN_NAMED_PERIOD_RE``).

Measured: the rules' output on heldout3-23's pooled check halves is identical (2,125 / 722 /
1,129); on their tune halves one true figure more and four false fewer.
"""

from __future__ import annotations

import pytest

from transplant_audit.extract import learned


def _read(text: str, method: str = "rules") -> list[tuple[str, float]]:
    return [(c.indicator, c.value) for c in learned.extract(text, method=method)]


@pytest.mark.parametrize("method", ["rules", "combined"])
@pytest.mark.parametrize(
    "text",
    [
        "The director hoped that 10-12 more kidney transplants would be performed before the "
        "year ends.",
        "About 10 to 12 kidney transplants will be performed each month at the new centre.",
        "Surgeons will perform the 9th liver transplant at the unit on Monday.",
        "The director hoped that 10 or 12 more kidney transplants would be performed before "
        "the year ends.",
    ],
)
def test_operations_to_come_are_no_figure(text: str, method: str) -> None:
    assert _read(text, method) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "There were 150 kidney transplants last year and 200 will be performed this year.",
            ("transplants_in_period", 150.0),
        ),
        (
            "The hospital has performed 300 kidney transplants, and more will be performed "
            "next year.",
            ("transplants_cumulative", 300.0),
        ),
        # the review of h23r: a count done beside operations to come, and other kinds of figure
        (
            "The hospital has performed 300 kidney transplants and more will be performed next "
            "year.",
            ("transplants_cumulative", 300.0),
        ),
        (
            "The centre performed 500 kidney transplants last year and more would be performed "
            "this year.",
            ("transplants_in_period", 500.0),
        ),
        (
            "The hospital has 200 transplant beds where operations will be performed.",
            ("transplant_beds", 200.0),
        ),
        (
            "A liver transplant costs 300,000 yuan and will be performed in Tianjin.",
            ("price_cny", 300000.0),
        ),
    ],
)
def test_a_count_beside_one_to_come_keeps_its_reading(
    text: str, expected: tuple[str, float]
) -> None:
    assert expected in _read(text)


def test_the_current_year_is_a_named_period() -> None:
    text = "We have performed 80 kidney transplants in the first eight months of the current year."
    assert ("transplants_in_period", 80.0) in _read(text)


@pytest.mark.xfail(
    strict=True,
    reason="a known wrong reading: 'is set to perform' is a forecast (GUIDE.md), but the "
    "wider pattern that read it lost a true figure on the pooled check halves, so it was "
    "narrowed; this test fails (and should be turned around) once it is read",
)
def test_is_set_to_perform_is_still_read_as_a_figure() -> None:
    assert _read("The hospital is set to perform 10 kidney transplants.") == []
