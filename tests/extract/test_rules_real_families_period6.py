"""Counts and their names (issue 14, the seventh rules pass, pc6): families of real-text
mistakes in naming a count and reading its range, period or subject. Every sentence here was
written for these tests in the style of its family (synthetic test material: not quoted from
any page, not evidence). Each positive case asserts a reading the rules before this pass (main
at dd443ca) got wrong; cases marked "guard" already passed there and guard the pass; negative
cases assert figures that must stay unextracted."""

from __future__ import annotations

import pytest

from .conftest import check_figures as check
from .conftest import figure_triples as triples

IN = "transplants_in_period"
CUM = "transplants_cumulative"
ORGANS = "opo_organs_utilised"
WAIT = "wait_time_days"
WAITLIST = "waitlist_size"


# --- a range whose high end alone carries the counter ---------------------------------------


@pytest.mark.parametrize(
    ("text", "present"),
    [
        (
            "Heart transplants at the two clinics have stayed between 14 and 22 a year.",
            {(IN, 14.0, "at_least"), (IN, 22.0, "at_most")},
        ),
        (
            "The number of pancreas transplants in the region was just 6 to 11 per year.",
            {(IN, 6.0, "at_least"), (IN, 11.0, "at_most")},
        ),
        (
            "Officials said roughly 250 to 310 kidneys, livers and lungs are recovered from "
            "deceased donors per year.",
            {(ORGANS, 250.0, "at_least"), (ORGANS, 310.0, "at_most")},
        ),
        # a table row: the low end 1 was dropped as a list number
        (
            "Provincial clinic | 1-3 weeks for a kidney",
            {(WAIT, 7.0, "at_least"), (WAIT, 21.0, "at_most")},
        ),
    ],
)
def test_range_low_end_takes_the_high_ends_counter(text: str, present: set) -> None:
    check(text, present, set(), triples)


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        # a year before 'to' dates the figure before it; it is no low end
        (
            "Lung transplants climbed from 40 in 2011 to 130 in 2016.",
            {(IN, 2011.0, "at_least")},
        ),
        # a running total is one figure, not the end of a range
        (
            "Patients aged 18 to 60 made up most of the 1,400 transplants done so far.",
            {(CUM, 18.0, "at_least"), (CUM, 60.0, "at_least")},
        ),
    ],
)
def test_range_low_end_negatives(text: str, absent: set) -> None:
    check(text, set(), absent, triples)
