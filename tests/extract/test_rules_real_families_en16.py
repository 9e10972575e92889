"""English naming of whose count it is (issue 14, helper en16): a hospital's short name written
as two pinyin syllables ('Ren Ji', 'Fu Wai') or a unit named as the subject of the verb ('the
hospital had performed') keeps a count the hospital's, while a person by name stays a surgeon.
Every sentence here was WRITTEN HERE for these tests in the shape of the family (synthetic test
material, not quotes from the real-text sets and not evidence). Each case names the figure the
rules must give and the one they must not."""

from __future__ import annotations

import pytest

from .conftest import check_figures

IN_PERIOD = "transplants_in_period"
CUMULATIVE = "transplants_cumulative"
S_PERIOD = "surgeon_transplants_in_period"
S_CUMULATIVE = "surgeon_transplants_cumulative"

WHOSE = [
    # --- a hospital's short name in two capitalised pinyin syllables: the hospital's count --
    pytest.param(
        "Ren Ji has performed more than 1,000 liver transplants since 2004.",
        {(CUMULATIVE, 1000.0)},
        {(S_CUMULATIVE, 1000.0)},
        id="en-ren-ji-running-total",
    ),
    pytest.param(
        "Fu Wai completed 500 heart transplants by the end of 2019.",
        {(CUMULATIVE, 500.0)},
        {(S_CUMULATIVE, 500.0)},
        id="en-fu-wai-by-a-date",
    ),
    pytest.param(
        "Zhong Shan performed 300 kidney transplants last year.",
        {(IN_PERIOD, 300.0)},
        {(S_PERIOD, 300.0)},
        id="en-zhong-shan-last-year",
    ),
    pytest.param(
        "Tong Ji carried out 4,000 kidney transplants.",
        # name18: English with no perfect is a period's count (period._en_no_perfect)
        {(IN_PERIOD, 4000.0)},
        {(S_CUMULATIVE, 4000.0), (S_PERIOD, 4000.0)},
        id="en-tong-ji-second-syllable-a-surname",
    ),
    # --- near misses: a person by name stays the surgeon ----------------------------------
    pytest.param(
        "Dr Zheng Shusen has performed more than 1,000 liver transplants.",
        {(S_CUMULATIVE, 1000.0)},
        {(CUMULATIVE, 1000.0)},
        id="en-doctor-by-name",
    ),
    pytest.param(
        "Shen Zhongyang performed 150 liver transplants in 2005.",
        {(S_PERIOD, 150.0)},
        {(IN_PERIOD, 150.0)},
        id="en-surgeon-by-name-in-a-year",
    ),
    pytest.param(
        "Ren Jie has performed 800 kidney transplants.",
        {(S_CUMULATIVE, 800.0)},
        {(CUMULATIVE, 800.0)},
        id="en-person-whose-name-starts-like-a-hospital",
    ),
    # --- a unit is the subject of the count's verb: the unit's count ----------------------
    pytest.param(
        "Dr. Li's department has performed more than 200 heart transplants.",
        {(CUMULATIVE, 200.0)},
        {(S_CUMULATIVE, 200.0)},
        id="en-doctors-department",
    ),
    pytest.param(
        "The director said the hospital had performed 3,000 transplants.",
        {(CUMULATIVE, 3000.0)},
        {(S_CUMULATIVE, 3000.0)},
        id="en-director-said-the-hospital",
    ),
    # --- a person opens the sentence, the count's verb shares that subject ----------------
    pytest.param(
        "Wang specializes in liver surgery and immunology, and has completed over 2,000 liver "
        "transplants.",
        {(S_CUMULATIVE, 2000.0)},
        {(CUMULATIVE, 2000.0)},
        id="en-person-opens-and-has-completed",
    ),
    pytest.param(
        "He trained in Pittsburgh and has performed more than 500 liver transplants.",
        {(S_CUMULATIVE, 500.0)},
        {(CUMULATIVE, 500.0)},
        id="en-he-opens-and-has-performed",
    ),
    # near misses: a unit opens it, a person only says it, a hospital's short name opens it
    pytest.param(
        "The centre specializes in liver surgery, and has completed over 2,000 liver transplants.",
        {(CUMULATIVE, 2000.0)},
        {(S_CUMULATIVE, 2000.0)},
        id="en-unit-opens-and-has-completed",
    ),
    pytest.param(
        "Li said the hospital opened in 1990 and has performed 3,000 kidney transplants.",
        {(CUMULATIVE, 3000.0)},
        {(S_CUMULATIVE, 3000.0)},
        id="en-person-says-the-hospital",
    ),
    pytest.param(  # 'says' fits the verb shape ([a-z]+s): the speaker is no subject
        "Li says the hospital opened in 1990 and has performed 3,000 kidney transplants.",
        {(CUMULATIVE, 3000.0)},
        {(S_CUMULATIVE, 3000.0)},
        id="en-person-says-present-tense",
    ),
    pytest.param(
        "Ren Ji opened a new wing in 2005 and has performed 2,000 liver transplants.",
        {(CUMULATIVE, 2000.0)},
        {(S_CUMULATIVE, 2000.0)},
        id="en-hospital-short-name-opens",
    ),
    pytest.param(  # near miss: a surname that opens a place's name (Hong Kong, Wu County)
        "Hong Kong has grown fast, and has performed over 300 liver transplants.",
        {(CUMULATIVE, 300.0)},
        {(S_CUMULATIVE, 300.0)},
        id="en-hong-kong-opens",
    ),
    pytest.param(
        "Wu County is a small place and has performed over 300 kidney transplants.",
        {(CUMULATIVE, 300.0)},
        {(S_CUMULATIVE, 300.0)},
        id="en-surname-county-opens",
    ),
    # --- a unit headed by a named person is the subject: the unit's count -----------------
    pytest.param(
        "The department headed by Professor Wu has done 900 kidney transplants.",
        {(CUMULATIVE, 900.0)},
        {(S_CUMULATIVE, 900.0)},
        id="en-department-headed-by",
    ),
    pytest.param(
        "The centre, led by Dr Li, has performed 2,000 liver transplants.",
        {(CUMULATIVE, 2000.0)},
        {(S_CUMULATIVE, 2000.0)},
        id="en-centre-led-by",
    ),
    # near miss: a team led by a surgeon may be the surgeon's own (GUIDE: a named team)
    pytest.param(
        "The team, led by Dr. Chen, has performed 1,500 kidney transplants.",
        {(S_CUMULATIVE, 1500.0)},
        {(CUMULATIVE, 1500.0)},
        id="en-team-led-by-unchanged",
    ),
    # --- near misses: the person is the subject, the unit only a place ---------------------
    pytest.param(
        "Dr. Li has performed more than 200 heart transplants.",
        {(S_CUMULATIVE, 200.0)},
        {(CUMULATIVE, 200.0)},
        id="en-doctor-subject",
    ),
    pytest.param(
        "The chief surgeon at the hospital has performed 500 liver transplants.",
        {(S_CUMULATIVE, 500.0)},
        {(CUMULATIVE, 500.0)},
        id="en-surgeon-at-the-hospital",
    ),
]


@pytest.mark.parametrize(("text", "present", "absent"), WHOSE)
def test_whose_count(text: str, present: set, absent: set) -> None:
    check_figures(text, present, absent)


PERIOD = [
    # --- a rate per month or week after the count is a period's count ---------------------
    pytest.param(
        "The hospital performs about six kidney transplants each month.",
        {(IN_PERIOD, 6.0)},
        {(CUMULATIVE, 6.0)},
        id="en-each-month",
    ),
    pytest.param(
        "Since 2015 the centre has done 300 kidney transplants, about four transplants a week.",
        {(CUMULATIVE, 300.0), (IN_PERIOD, 4.0)},
        {(CUMULATIVE, 4.0)},
        id="en-running-total-then-a-week",
    ),
    # near miss: a month that is no rate of the count keeps the running total
    pytest.param(
        "To date the unit has performed 450 liver transplants, one of them within a month of "
        "opening.",
        {(CUMULATIVE, 450.0)},
        {(IN_PERIOD, 450.0)},
        id="en-month-not-a-rate",
    ),
    # --- a window of more than ten years back is a programme's life so far ----------------
    pytest.param(
        "The hospital has performed 1,060 kidney transplants in the past 30 years.",
        {(CUMULATIVE, 1060.0)},
        {(IN_PERIOD, 1060.0)},
        id="en-past-thirty-years",
    ),
    pytest.param(
        "There were 1,060 kidney transplants performed in the fifty years to December 2006.",
        {(CUMULATIVE, 1060.0)},
        {(IN_PERIOD, 1060.0)},
        id="en-past-fifty-years-in-words",
    ),
    pytest.param(
        "Results: 100 liver transplants were performed over the last 15 years.",
        {(CUMULATIVE, 100.0)},
        {(IN_PERIOD, 100.0)},
        id="en-over-the-last-fifteen-years",
    ),
    pytest.param(
        "Results: There were 14 heart transplants (three adult and 11 paediatric) performed "
        "in the 15 years to March 2010.",
        {(CUMULATIVE, 14.0), (CUMULATIVE, 3.0), (CUMULATIVE, 11.0)},
        {(IN_PERIOD, 14.0)},
        id="en-the-fifteen-years-to-a-date",
    ),
    # --- counted from the programme's first operation: its running total ------------------
    pytest.param(
        "From 1985, when the first liver transplant was performed, till the end of 2003, more "
        "than 900 liver transplants have been performed in six centres.",
        {(CUMULATIVE, 900.0)},
        {(IN_PERIOD, 900.0)},
        id="en-from-the-first-operation-till-a-year",
    ),
    # near misses: a per-year rate or a year the count is in, after the first operation
    pytest.param(
        "Since its first heart transplant in 1998, the unit performs about 30 heart "
        "transplants a year.",
        {(IN_PERIOD, 30.0)},
        {(CUMULATIVE, 30.0)},
        id="en-since-the-first-then-a-year",
    ),
    pytest.param(
        "Since the first kidney transplant, the hospital did 45 kidney transplants in 2012.",
        {(IN_PERIOD, 45.0)},
        {(CUMULATIVE, 45.0)},
        id="en-since-the-first-then-in-a-year",
    ),
    # --- a report named by its year reports that year's count ----------------------------
    pytest.param(
        "The Northland Kidney Registry's 2017 report recorded 5,149 kidney transplants.",
        {(IN_PERIOD, 5149.0)},
        {(CUMULATIVE, 5149.0)},
        id="en-a-years-report-recorded",
    ),
    pytest.param(
        "In its 2019 report, the ministry said hospitals had carried out 19,454 organ transplants.",
        {(IN_PERIOD, 19454.0)},
        {(CUMULATIVE, 19454.0)},
        id="en-in-its-years-report-had-carried-out",
    ),
    pytest.param(  # near miss: 'a total of' may sum the years before the report's
        "According to its 2019 report, the hospital has performed a total of 3,000 kidney "
        "transplants.",
        {(CUMULATIVE, 3000.0)},
        {(IN_PERIOD, 3000.0)},
        id="en-years-report-a-total-of",
    ),
    # near misses: a running total in a year's report, a report dated by its month
    pytest.param(
        "The 2017 report recorded a total of 30,000 liver transplants since 1993.",
        {(CUMULATIVE, 30000.0)},
        {(IN_PERIOD, 30000.0)},
        id="en-years-report-running-total-since",
    ),
    pytest.param(
        "In a June 2014 report, the hospital said it had performed 200 liver transplants.",
        {(CUMULATIVE, 200.0)},
        {(IN_PERIOD, 200.0)},
        id="en-report-dated-by-month",
    ),
    # --- hospitals ranked by their counts: one period's counts, even with 'has completed' --
    pytest.param(
        "In the national ranking of liver transplant volume, Eastport Central Hospital has "
        "completed 600 cases.",
        {(IN_PERIOD, 600.0)},
        {(CUMULATIVE, 600.0)},
        id="en-ranking-has-completed",
    ),
    # near misses: a ranked hospital's running total since a year or to date
    pytest.param(
        "The hospital, ranked first in the province, has performed 3,000 kidney transplants "
        "since 1990.",
        {(CUMULATIVE, 3000.0)},
        {(IN_PERIOD, 3000.0)},
        id="en-ranked-running-total-since",
    ),
    pytest.param(
        "The hospital ranked first in the country and has performed 3,000 kidney transplants "
        "to date.",
        {(CUMULATIVE, 3000.0)},
        {(IN_PERIOD, 3000.0)},
        id="en-ranked-running-total-to-date",
    ),
    pytest.param(  # 'has completed' alone, but an as-of date makes it a running total
        "In the national ranking of liver transplant volume, the hospital has completed 600 "
        "cases by the end of 2020.",
        {(CUMULATIVE, 600.0)},
        {(IN_PERIOD, 600.0)},
        id="en-ranking-has-completed-by-a-date",
    ),
    # near misses: a short window, a per-year rate inside a long one, a decade
    pytest.param(
        "The hospital has performed 900 kidney transplants in the past three years.",
        {(IN_PERIOD, 900.0)},
        {(CUMULATIVE, 900.0)},
        id="en-past-three-years",
    ),
    pytest.param(
        "There were 40 lung transplants performed in the 2 years to December 2006.",
        {(IN_PERIOD, 40.0)},
        {(CUMULATIVE, 40.0)},
        id="en-the-two-years-to-a-date",
    ),
    pytest.param(
        "Over the past 20 years, the country has performed 10,000 transplants a year.",
        {(IN_PERIOD, 10000.0)},
        {(CUMULATIVE, 10000.0)},
        id="en-per-year-inside-a-long-window",
    ),
    pytest.param(
        "In the past ten years, the hospital has performed 2,000 liver transplants.",
        {(IN_PERIOD, 2000.0)},
        {(CUMULATIVE, 2000.0)},
        id="en-past-decade-stays-a-window",
    ),
]


@pytest.mark.parametrize(("text", "present", "absent"), PERIOD)
def test_period_or_running_total(text: str, present: set, absent: set) -> None:
    check_figures(text, present, absent)


CONCURRENT = "concurrent_transplant_capacity"


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        pytest.param(
            "The unit can complete 12 kidney transplants at once.",
            {(CONCURRENT, 12.0)},
            {(CUMULATIVE, 12.0)},
            id="en-at-once",
        ),
        pytest.param(
            "The centre can carry out four liver transplants at one time.",
            {(CONCURRENT, 4.0)},
            {(CUMULATIVE, 4.0)},
            id="en-at-one-time",
        ),
        # near miss: 'at once' in a later clause of its own
        pytest.param(
            "The hospital has performed 300 liver transplants, and its surgeons started at once.",
            {(CUMULATIVE, 300.0)},
            {(CONCURRENT, 300.0)},
            id="en-at-once-in-another-clause",
        ),
    ],
)
def test_done_at_once_is_a_capacity(text: str, present: set, absent: set) -> None:
    check_figures(text, present, absent)
