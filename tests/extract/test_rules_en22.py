"""English rules of helper en22: figures the rules found no candidate for at all (value-only
misses), fixed where the number is read: organs counted by name in a list a verb of
transplanting heads, 'U.S.' between a number and its noun, and a bare number told as the part
one kind of donor gave of the transplants just counted.
SYNTHETIC sentences written for these tests (not quoted from any page, not evidence; names
and figures are invented). Each case states the figure it expects or excludes; the near
misses beside each family must keep (or stay without) their figure."""

from __future__ import annotations

import pytest

from .conftest import check_figures


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        pytest.param(
            "The institute has so far completed transplants of at least 5,120 kidneys, 2,330 "
            "livers, and 8,004 corneas through June 2015.",
            {
                ("transplants_cumulative", 5120.0),
                ("transplants_cumulative", 2330.0),
                ("transplants_cumulative", 8004.0),
            },
            {("transplants_in_period", 5120.0), ("transplants_in_period", 2330.0)},
            id="transplants-of-organ-list",
        ),
        pytest.param(
            "The unit has transplanted, besides the 600 kidneys from deceased donors, 900 "
            "kidneys from living relatives, 120 livers, 30 heart valves, and 4,100 corneas.",
            {
                ("transplants_cumulative", 900.0),
                ("transplants_cumulative", 120.0),
                ("transplants_cumulative", 4100.0),
            },
            {("transplants_cumulative", 30.0)},
            id="transplanted-organ-list-past-a-tissue",
        ),
        # near misses: organs donated after the list, and a lone count keep their own reading
        pytest.param(
            "The centre transplanted 40 kidneys last year, and 12 hearts were donated.",
            {("transplants_in_period", 40.0), ("opo_organs_utilised", 12.0)},
            {("transplants_in_period", 12.0), ("transplants_cumulative", 12.0)},
            id="organ-list-then-donated",
        ),
        pytest.param(
            "Surgeons there have transplanted 300 corneas.",
            {("transplants_cumulative", 300.0)},
            set(),
            id="transplanted-one-organ",
        ),
    ],
)
def test_transplanted_organ_list(text: str, present: set, absent: set) -> None:
    """Each organ of a list a verb of transplanting heads is a transplant count, read for the
    period the whole sentence names."""
    check_figures(text, present, absent)


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        pytest.param(
            "Patients paid 12,000 U.S. dollars for a liver transplant.",
            {("price_usd", 12000.0)},
            set(),
            id="us-dollars-with-stops",
        ),
        pytest.param(
            "Patients paid 12,000-18,000 U.S. dollars for the operation.",
            {("price_usd", 12000.0), ("price_usd", 18000.0)},
            set(),
            id="us-dollars-range",
        ),
        pytest.param(
            "Hearts made up 9% of the roughly 35,000 U.S. organ transplants last year.",
            {("transplants_in_period", 35000.0)},
            set(),
            id="us-before-the-noun",
        ),
        # near miss: 'the U.S.' after a count does not stop its reading
        pytest.param(
            "About 5,000 liver transplants are performed in the U.S. each year.",
            {("transplants_in_period", 5000.0)},
            set(),
            id="in-the-us-after",
        ),
    ],
)
def test_us_with_full_stops(text: str, present: set, absent: set) -> None:
    """'U.S.' is one of the words between a number and its noun."""
    check_figures(text, present, absent)


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        pytest.param(
            "Of the total transplants performed, 310 involved living donors, while 25 were "
            "from deceased donors.",
            {("transplants_in_period", 25.0)},
            set(),
            id="while-part-from-deceased",
        ),
        pytest.param(
            "412 kidney transplantations were performed in Norway in 2009, of which only 73 "
            "were of living donors.",
            {("transplants_in_period", 73.0)},
            set(),
            id="of-which-part-of-living",
        ),
        pytest.param(
            "About 80% (21,300) of the transplants involved organs from deceased donors. The "
            "remaining 20% (5,300) were performed with organs from living donors.",
            {("transplants_in_period", 5300.0)},
            set(),
            id="remaining-share-in-parentheses",
        ),
        # near misses: a part without a donor kind, and donors counted in a sentence after
        pytest.param(
            "Of 41,000 adult heart transplants, 6,100 (15%) involved donors aged over 50.",
            set(),
            {("transplants_in_period", 6100.0), ("transplants_cumulative", 6100.0)},
            id="part-by-donor-age",
        ),
        pytest.param(
            "The hospital performed 300 transplants last year. In 2010, 45 donors were registered.",
            {("transplants_in_period", 300.0)},
            {("transplants_in_period", 45.0)},
            id="donors-in-the-next-sentence",
        ),
    ],
)
def test_donor_kind_part(text: str, present: set, absent: set) -> None:
    """A bare number told as the part one kind of donor gave of the transplants just counted
    is a count of those transplants."""
    check_figures(text, present, absent)
