"""Guards of the en14 rules that no test could fail (review rv15a: with each guard removed,
the en14 tests all passed). SYNTHETIC sentences written for these tests, not quoted from any
page, not evidence. Each case passes on main 6dd53d8 and fails with its guard removed (the
mutation named in its id)."""

from __future__ import annotations

import pytest

from transplant_audit.extract.core import extract_candidates

from .conftest import check_figures

IN_PERIOD = "transplants_in_period"
CUMULATIVE = "transplants_cumulative"


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        pytest.param(
            "Transplants performed in 2019:\n  • Kidney survival = 95\n  • Liver = 40",
            {(IN_PERIOD, 40.0)},
            {(IN_PERIOD, 95.0)},
            id="item-not-count-survival",
        ),
        pytest.param(
            "Transplants performed in 2019:\n  • Kidney list = 300\n  • Liver = 40",
            {(IN_PERIOD, 40.0)},
            {(IN_PERIOD, 300.0)},
            id="item-not-count-waiting-list",
        ),
        pytest.param(
            "Transplants since the programme opened:\n  • Kidney = 1998\n  • Liver – 40",
            {(CUMULATIVE, 40.0)},
            {(CUMULATIVE, 1998.0)},
            id="item-year-value",
        ),
        pytest.param(
            "The centre did 48 transplants; later, per the hospital report (12 kidney, 3 liver).",
            # name18: English with no perfect is a period's count (period._en_no_perfect)
            {(IN_PERIOD, 48.0)},
            {(CUMULATIVE, 12.0), (CUMULATIVE, 3.0), (IN_PERIOD, 12.0), (IN_PERIOD, 3.0)},
            id="breakdown-opens-after-another-clause",
        ),
        pytest.param(
            "The centre did 71 liver transplants (62 kidney donors, 9 living donors).",
            # name18: English with no perfect is a period's count (period._en_no_perfect)
            {(IN_PERIOD, 9.0)},
            {(CUMULATIVE, 62.0), (IN_PERIOD, 62.0)},
            id="breakdown-donors-of-no-kind",
        ),
    ],
)
def test_guards_of_lists_and_breakdowns(text: str, present: set, absent: set) -> None:
    check_figures(text, present, absent)


def test_an_item_under_a_heading_of_totals_is_a_running_total() -> None:
    """core._indicator: a list item read by its label whose context names no transplants
    falls to transplants_cumulative, then to the period its heading names."""
    text = (
        "Transplant activity, all years since the unit opened in 1990 (the figures below are "
        "totals):\n\n  • Kidney = 3,709\n  • Liver = 1,200"
    )
    check_figures(text, {(CUMULATIVE, 3709.0), (CUMULATIVE, 1200.0)}, set())


def test_a_part_counted_in_donors_keeps_its_words() -> None:
    """'58 deceased donors' in a breakdown is a part of the transplants; its span keeps the
    words after the number (core._counter_from_previous: end = cnt.end)."""
    text = "In 2019 there were 65 transplants (58 deceased donors, 7 living donors)."
    spans = {c.value: text[c.start : c.end] for c in extract_candidates(text, language="en")}
    assert spans[58.0] == "58 deceased donors" and spans[7.0] == "7 living donors"
