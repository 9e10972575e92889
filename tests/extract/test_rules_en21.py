"""English rules of helper en21: false candidates that carry no figure in GUIDE.md (junior
staff grades counted apart, ranks within a province or city, rates, one patient's wait, one
body's organs, targets) and a surgeon's own count named late.
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
            "The hospital has 1,200 beds, 85 senior professionals, 240 intermediate "
            "professionals and 30 staff with PhDs. Its kidney transplant unit is well known.",
            {("senior_staff", 85.0)},
            {("medical_staff", 240.0)},
            id="intermediate-professionals",
        ),
        # near misses: a transplant team's attending surgeons are its surgeons
        pytest.param(
            "The liver transplant centre has 3 chief surgeons, 4 associate chief surgeons and "
            "7 attending surgeons.",
            {("transplant_surgeons", 7.0), ("transplant_surgeons", 3.0)},
            set(),
            id="transplant-centre-attending",
        ),
        pytest.param(
            "The kidney transplant team has 40 staff, including 5 chief surgeons and 8 "
            "attending surgeons.",
            {("transplant_surgeons", 8.0)},
            set(),
            id="transplant-team-staff-attending",
        ),
    ],
)
def test_junior_staff_grades(text: str, present: set, absent: set) -> None:
    """GUIDE.md 'Parts of a hospital's staff' and 'A team's list'."""
    check_figures(text, present, absent)


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        pytest.param(
            "By the number of transplants it performs, the centre ranks first in Zhejiang.",
            set(),
            {("volume_rank_national", 1.0)},
            id="ranks-first-in-a-province",
        ),
        pytest.param(
            "It has the largest number of liver transplants in Tianjin and a leading place "
            "in the country.",
            set(),
            {("volume_rank_national", 1.0)},
            id="largest-number-in-a-municipality",
        ),
        # near miss: a hospital in a city ranked in the country
        pytest.param(
            "The Chengdu hospital ranks second in China in kidney transplants.",
            {("volume_rank_national", 2.0)},
            set(),
            id="national-rank-of-a-city-hospital",
        ),
        # near miss: Hong Kong is left out of the provincial names (a territory-wide rank)
        pytest.param(
            "The centre ranks first in Hong Kong by the number of liver transplants.",
            {("volume_rank_national", 1.0)},
            set(),
            id="rank-in-hong-kong",
        ),
    ],
)
def test_rank_within_a_province(text: str, present: set, absent: set) -> None:
    """GUIDE.md: only national and global volume ranks are figures."""
    check_figures(text, present, absent)


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        pytest.param(
            "In 2020 the region reached 2,410 organ transplants, or 87 transplants p.m.p.",
            {("transplants_in_period", 2410.0)},
            {("transplants_in_period", 87.0), ("transplants_cumulative", 87.0)},
            id="dotted-pmp",
        ),
        pytest.param(
            "The charity says only four out of 1 million people each year in the territory "
            "donate organs after death.",
            set(),
            {("opo_donors", 1000000.0)},
            id="out-of-a-million",
        ),
        # near miss: a base that is a list, not a rate
        pytest.param(
            "Out of 12,000 patients on the waiting list, 700 received a transplant.",
            {("waitlist_size", 12000.0)},
            set(),
            id="out-of-a-waiting-list",
        ),
    ],
)
def test_rates_read_as_counts(text: str, present: set, absent: set) -> None:
    """GUIDE.md: rates carry no figure."""
    check_figures(text, present, absent)


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        pytest.param(
            "The patient entered the exchange scheme when it opened in the region and had "
            "been waiting for nearly four years when a match came.",
            set(),
            {("wait_time_days", 1461.0)},
            id="the-patient-had-been-waiting",
        ),
        pytest.param(
            "Mr Lau received a well-matched kidney 16 years after his first graft failed.",
            set(),
            {("wait_time_days", 5844.0)},
            id="years-after-an-event",
        ),
        # near misses: a stated wait, with 'after' or for a group
        pytest.param(
            "Patients wait an average of three years after being listed for a kidney.",
            {("wait_time_days", 1095.75)},
            set(),
            id="average-wait-after-listing",
        ),
        pytest.param(
            "Patients wait an average of three years after their listing for a kidney.",
            {("wait_time_days", 1095.75)},
            set(),
            id="wait-word-with-years-after-their",
        ),
        pytest.param(
            "Most patients get a liver within 10 days after the assessment.",
            {("wait_time_days", 10.0)},
            set(),
            id="days-after-an-event-stay-a-wait",
        ),
        pytest.param(
            "Patients still on the list had been waiting for 12 months on average.",
            {("wait_time_days", 365.25)},
            set(),
            id="group-had-been-waiting",
        ),
    ],
)
def test_one_patients_wait(text: str, present: set, absent: set) -> None:
    """GUIDE.md: one patient's own wait, told as an anecdote, carries no figure."""
    check_figures(text, present, absent)


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        pytest.param(
            "After the accident the family donated the girl's four organs to patients in the city.",
            set(),
            {("opo_organs_utilised", 4.0)},
            id="one-persons-organs",
        ),
        pytest.param(
            "The brokers persuaded the men to donate one of the two kidneys for cash.",
            set(),
            {("opo_organs_utilised", 2.0)},
            id="one-of-the-two-kidneys",
        ),
        pytest.param(
            "Someone who dies in a road accident can help at least six people by donating two "
            "kidneys, a liver, and a pair of corneas.",
            set(),
            {
                ("opo_organs_utilised", 2.0),
                ("transplants_in_period", 6.0),
                ("transplants_cumulative", 6.0),
            },
            id="one-body-listed",
        ),
        # near misses: organs of many donors stay counts
        pytest.param(
            "One of the 2,600 organs donated this year went to a child.",
            {("opo_organs_utilised", 2600.0)},
            set(),
            id="one-of-many-organs",
        ),
        pytest.param(
            "Last year the organ procurement organisation allocated two kidneys and 14 livers "
            "to the centre.",
            {("opo_organs_utilised", 2.0), ("opo_organs_utilised", 14.0)},
            set(),
            id="a-pair-beside-a-count",
        ),
        pytest.param(
            "Last year 32 kidneys and one heart were donated in the province.",
            {("opo_organs_utilised", 32.0)},
            set(),
            id="kidneys-and-one-heart",
        ),
        pytest.param(
            "In 2021, 4,100 kidneys and a further 1,500 livers were donated.",
            {("opo_organs_utilised", 4100.0), ("opo_organs_utilised", 1500.0)},
            set(),
            id="organs-of-a-year",
        ),
    ],
)
def test_one_bodys_organs(text: str, present: set, absent: set) -> None:
    """GUIDE.md 'One donation': one donor's organs and recipients carry no figure."""
    check_figures(text, present, absent)


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        pytest.param(
            "The authority expects to raise the cornea donor number to 650 in 2024.",
            set(),
            {("opo_donors", 650.0)},
            id="expects-to-raise-to",
        ),
        pytest.param(
            "The transplant centre will finish another 40 liver transplants in the remaining "
            "months of the year.",
            set(),
            {("transplants_in_period", 40.0)},
            id="will-finish-another",
        ),
        # near misses: beds to come stay beds (planned beds are their own rule); a plan
        # named earlier leaves a stated count alone
        pytest.param(
            "The new building will increase the hospital's beds to 1,350.",
            {("total_beds", 1350.0)},
            set(),
            id="beds-to-come",
        ),
        pytest.param(
            "The city plans to build a new centre, and its hospital has performed 3,200 "
            "transplants.",
            {("transplants_cumulative", 3200.0)},
            set(),
            id="plan-then-a-stated-count",
        ),
    ],
)
def test_targets(text: str, present: set, absent: set) -> None:
    """GUIDE.md: targets for the future carry no figure."""
    check_figures(text, present, absent)


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        pytest.param(
            "The head of the liver transplant department, Zhao Minghui, has completed more "
            "than 1,800 liver transplants.",
            {("surgeon_transplants_cumulative", 1800.0)},
            {("transplants_cumulative", 1800.0)},
            id="title-then-name",
        ),
        pytest.param(
            'The paper said Zhou had experience in "over 1,900 kidney transplants, over 60 '
            "kidney transplants from living relatives, and close to 25 combined "
            'kidney-pancreas transplants."',
            {("surgeon_transplants_cumulative", 25.0)},
            {("transplants_cumulative", 25.0), ("transplants_in_period", 25.0)},
            id="experience-list-third-item",
        ),
        pytest.param(
            "Li Jianmin from No. 2 People's Hospital of Hangzhou presided over 1,200 liver "
            "transplant operations.",
            {("surgeon_transplants_in_period", 1200.0)},
            {("transplants_in_period", 1200.0), ("transplants_cumulative", 1200.0)},
            id="name-with-hospital-presided",
        ),
        # near miss: the hospital presides, its name after the person who speaks
        pytest.param(
            "Li Jianmin from No. 2 People's Hospital of Hangzhou said the hospital has presided "
            "over 1,200 liver transplant operations.",
            {("transplants_cumulative", 1200.0)},
            {("surgeon_transplants_cumulative", 1200.0)},
            id="named-person-says-the-hospital-presided",
        ),
        # near miss: the unit is the subject after the director speaks
        pytest.param(
            "The director of the hospital, Dr Wang, said the hospital has completed 2,300 "
            "kidney transplants.",
            {("transplants_cumulative", 2300.0)},
            set(),
            id="director-reports-the-hospital",
        ),
    ],
)
def test_surgeon_named_late(text: str, present: set, absent: set) -> None:
    """GUIDE.md: a surgeon's own count is the surgeon's."""
    check_figures(text, present, absent)
