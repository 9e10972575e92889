"""English rules of helper enc20: study cohorts (a single unnamed centre gives no figure; a
named centre or 'our center' with a span gives the centre's transplants in that span), digit
groups split by one space, new listings over a span, and a criminal case's transplants.
SYNTHETIC sentences written for these tests (not quoted from any page, not evidence; names
and figures are invented). Each case states the figure it expects or excludes; the near
misses beside each family must keep their figure."""

from __future__ import annotations

import pytest

from .conftest import check_figures


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        pytest.param(
            "We analysed 412 consecutive kidney transplantations performed at a single "
            "institution from 2001 to 2019.",
            set(),
            {("transplants_in_period", 412.0)},
            id="single-institution",
        ),
        pytest.param(
            "Objective: to review 58 cases of pediatric liver transplantation in a single "
            "Chinese center.\n\nMethods: The study included 58 cases of liver transplantation "
            "completed between 2009 and 2017.",
            set(),
            {("transplants_in_period", 58.0)},
            id="single-centre-then-the-study-included",
        ),
        pytest.param(
            "The aim of this study was to compare outcomes of 640 liver transplantations "
            "performed at a single institution from 1998 to 2016.\nThe study population was "
            "split by donor type: deceased donor LT (n = 240) and living donor LT (n = 400).",
            set(),
            {("transplants_in_period", 240.0), ("transplants_in_period", 400.0)},
            id="groups-of-a-single-institution-cohort",
        ),
        # near misses: a named hospital keeps the cohort; a record 'by a single center' is no study
        pytest.param(
            "This single-center retrospective study examined 182 heart transplant patients "
            "from 2010-2018 at Lakeside Memorial Hospital.",
            {("transplants_in_period", 182.0)},
            set(),
            id="single-center-named-hospital",
        ),
        pytest.param(
            "Last year the Riverside Transplant Center performed 875 solid organ transplants, "
            "the most ever completed by a single center in the state.",
            {("transplants_in_period", 875.0)},
            set(),
            id="record-by-a-single-center",
        ),
    ],
)
def test_single_unnamed_centre_cohort(text: str, present: set, absent: set) -> None:
    """GUIDE.md heldout14: 'in a single center' names no centre; such a cohort has no figure."""
    check_figures(text, present, absent)


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        pytest.param(
            "Methods: A total of 84 patients underwent ABOi-LDLT at our center between "
            "March 2004 and May 2012. Among these, 79 patients received a right lobe graft "
            "and 5 patients received dual grafts.",
            {
                ("transplants_in_period", 84.0),
                ("transplants_in_period", 79.0),
                ("transplants_in_period", 5.0),
            },
            set(),
            id="our-center-span-and-its-parts",
        ),
        pytest.param(
            "Between June 2015 and April 2021, 16 patients with end-stage renal disease "
            "underwent RAKT at the Northgate General Hospital.",
            {("transplants_in_period", 16.0)},
            set(),
            id="named-hospital-span",
        ),
        # near misses: no span, or the patients of a count already stated
        pytest.param(
            "A total of 84 patients underwent ABOi-LDLT at our center.",
            set(),
            {("transplants_in_period", 84.0)},
            id="our-center-no-span",
        ),
        pytest.param(
            "There were 210 cases of liver transplantation for 201 patients at Harbour "
            "Hospital from May 1995 to June 2004.",
            {("transplants_in_period", 210.0)},
            {("transplants_in_period", 201.0)},
            id="patients-of-the-count",
        ),
    ],
)
def test_sited_spanned_cohort(text: str, present: set, absent: set) -> None:
    """GUIDE.md 'Study cohorts': a named centre's (or 'our center's') patients over a span."""
    check_figures(text, present, absent)


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        pytest.param(
            "The number of patients remaining on the kidney wait list is 31 408 at the end "
            "of the year.",
            {("waitlist_size", 31408.0)},
            {("waitlist_size", 31.0), ("waitlist_size", 408.0)},
            id="space-grouped-count",
        ),
        pytest.param(
            "In 2009, with 13 000 organ transplants, the country ranked second in the world.",
            {("transplants_in_period", 13000.0)},
            {("transplants_in_period", 13.0)},
            id="space-grouped-transplants",
        ),
    ],
)
def test_space_grouped_thousands(text: str, present: set, absent: set) -> None:
    """'31 408' (thousands split by a space, journal style) is one number."""
    check_figures(text, present, absent)


def test_table_row_runs_stay_apart() -> None:
    """A table row's numbers split by spaces stay separate numbers (no 120135)."""
    from .conftest import figure_pairs

    got = figure_pairs("New transplant patients 120 135 118 97")
    assert not any(v in (120135.0, 135118.0) for _, v in got), got


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        pytest.param(
            "During the year of 2018, 9,212 kidney transplant candidates were registered on "
            "the waiting list of the national system.",
            set(),
            {("waitlist_size", 9212.0)},
            id="registered-during-a-year",
        ),
        pytest.param(
            "From Mar. 1990 to Nov. 2000, 712 patients were registered on the renal "
            "transplantation waiting list of the Eastbay Hospital.",
            set(),
            {("waitlist_size", 712.0)},
            id="registered-from-to-abbreviated-months",
        ),
        # near miss: the list's size at a date stays
        pytest.param(
            "As of March 2021, 6,340 patients were registered on the waiting list for a "
            "kidney transplant.",
            {("waitlist_size", 6340.0)},
            set(),
            id="registered-as-of",
        ),
    ],
)
def test_new_listings_over_a_span(text: str, present: set, absent: set) -> None:
    """GUIDE.md 'Listings are not the list': registrations over a span are a flow."""
    check_figures(text, present, absent)


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        pytest.param(
            "Investigators said three clinics had performed about 45 illegal transplants, "
            "according to the statements of the accused, whom the police arrested.",
            {("transplants_in_period", 45.0)},
            {("transplants_cumulative", 45.0)},
            id="police-illegal-transplants",
        ),
        pytest.param(
            "Police detained the ring in June. The group took part in four transplants and "
            "earned 8,000 yuan from each one before its members were arrested.",
            {("transplants_in_period", 4.0)},
            {("surgeon_transplants_in_period", 4.0)},
            id="gang-took-part-in-transplants",
        ),
        pytest.param(
            "Three clinics linked to the trafficking network had performed about 45 illegal "
            "transplants.",
            {("transplants_in_period", 45.0)},
            {("transplants_cumulative", 45.0)},
            id="trafficking-network",
        ),
        # near miss: a hospital's running total with no criminal case stays a running total
        pytest.param(
            "Since 1995 the hospital has performed a total of 1,240 kidney transplants.",
            {("transplants_cumulative", 1240.0)},
            set(),
            id="hospital-running-total",
        ),
    ],
)
def test_criminal_case_transplants(text: str, present: set, absent: set) -> None:
    """GUIDE.md 'Organ trade': a gang's transplants are transplants_in_period."""
    check_figures(text, present, absent)
