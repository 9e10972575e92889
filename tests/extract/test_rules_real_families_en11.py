"""English families of real-text mistakes fixed for issue 14 (eleventh pass, x11en). Every
sentence here was written for these tests in new words (synthetic test sentences written for
each family, not quotes from the real-text sets and not evidence). Each positive case names a
figure the rules on main before this pass (a12bf35) missed or named wrong; negatives (ids
``near-miss-...``) are figures that must stay out, the near misses of each family."""

from __future__ import annotations

import pytest

from .conftest import check_figures, figure_triples

WAIT = "waitlist_size"
IN_PERIOD = "transplants_in_period"
CUMULATIVE = "transplants_cumulative"
DAYS_PER_YEAR = 365.25

# --- a bare number continuing a count reads the noun its sentence named before it ----------

ELLIPSIS_CASES = [
    pytest.param(
        "Patients awaiting kidney transplants in the province grew from 3,210 to 3,655 over "
        "the decade.",
        {(WAIT, 3210.0), (WAIT, 3655.0)},
        {(IN_PERIOD, 3210.0), (IN_PERIOD, 3655.0)},
        id="awaiting-subject-from-to",
    ),
    pytest.param(
        "The number of people on the waiting list dropped from 812 in 2012 to 640 as of June.",
        {(WAIT, 812.0), (WAIT, 640.0)},
        set(),
        id="guard-on-the-waiting-list-to-as-of",
    ),
    pytest.param(
        "Children who need liver transplants rose from 21 annually to about 35 now.",
        {(WAIT, 21.0), (WAIT, 35.0)},
        {(IN_PERIOD, 21.0)},
        id="need-subject-annually",
    ),
    pytest.param(
        "The unit did 58 liver transplants in the first nine months of this year, compared to "
        "49 last year.",
        {(IN_PERIOD, 58.0), (IN_PERIOD, 49.0)},
        set(),
        id="period-adverbial-no-block",
    ),
    pytest.param(
        "The unit did 31 kidney transplants from deceased donors last year, compared with 12 "
        "from living donors.",
        {(IN_PERIOD, 12.0)},
        {("opo_donors", 12.0)},
        id="transplants-from-donors-subject",
    ),
    pytest.param(
        "Aside from a peak of 60 overseas liver transplants in 2009, the number has hovered "
        "between 17 and 28.",
        {(IN_PERIOD, 17.0), (IN_PERIOD, 28.0)},
        set(),
        id="between-low-and-high",
    ),
    pytest.param(
        "The study covered 218 kidney transplants done between 1994 and 2009.31",
        {(IN_PERIOD, 218.0)},
        {(IN_PERIOD, 2009.31)},
        id="near-miss-between-years-footnote",
    ),
    pytest.param(
        # a count of transplants beside it (rewritten by x13en: the guard could not fail
        # while the sentence gave no figure at all)
        "The number of transplant centres grew from 12 to 19, and the number of liver "
        "transplants grew from 140 to 210.",
        {(IN_PERIOD, 140.0), (IN_PERIOD, 210.0)},
        {(IN_PERIOD, 12.0), (IN_PERIOD, 19.0), (CUMULATIVE, 19.0)},
        id="near-miss-centres-are-no-transplants",
    ),
]


@pytest.mark.parametrize(("text", "present", "absent"), ELLIPSIS_CASES)
def test_elliptic_counts(text: str, present: set, absent: set) -> None:
    check_figures(text, present, absent)


RATE_CASES = [
    pytest.param(
        # the count itself is a figure (x13en: 'get a new liver' reads as received)
        "Roughly 55 patients a year get a new liver at the two hospitals.",
        {(IN_PERIOD, 55.0)},
        {("wait_time_days", DAYS_PER_YEAR)},
        id="near-miss-count-a-year-is-a-rate",
    ),
    pytest.param(
        "Adults in the region often wait a year for a donor kidney.",
        {("wait_time_days", DAYS_PER_YEAR)},
        set(),
        id="guard-a-year-wait-still-read",
    ),
]


@pytest.mark.parametrize(("text", "present", "absent"), RATE_CASES)
def test_a_year_after_a_count_is_a_rate(text: str, present: set, absent: set) -> None:
    check_figures(text, present, absent)


# --- spans and named periods: counts of a period, not running totals -----------------------

PERIOD_CASES = [
    pytest.param(
        "From 2004 to the end of 2016, the department has completed over 900 kidney transplants.",
        {(IN_PERIOD, 900.0)},
        {(CUMULATIVE, 900.0)},
        id="from-year-to-the-end-of-year",
    ),
    pytest.param(
        "The registry holds 640 heart transplants performed from March 3rd, 2012 to "
        "October 21st, 2019 at 11 centres.",
        {(IN_PERIOD, 640.0)},
        {(CUMULATIVE, 640.0)},
        id="dates-with-ordinal-days",
    ),
    pytest.param(
        "Between early June and late August 2021, the ring arranged about nine illegal kidney "
        "transplants.",
        {(IN_PERIOD, 9.0)},
        {(CUMULATIVE, 9.0)},
        id="months-span-with-year",
    ),
    pytest.param(
        "In the four years after 2010, it performed only 210 liver transplants.",
        {(IN_PERIOD, 210.0)},
        {(CUMULATIVE, 210.0)},
        id="years-after-a-year",
    ),
    pytest.param(
        "The western group of hospitals, which has carried out 9 heart transplants this year, "
        "asked for more nurses.",
        {(IN_PERIOD, 9.0)},
        {(CUMULATIVE, 9.0)},
        id="perfect-with-this-year",
    ),
    pytest.param(
        "Doctors recently teamed up with a visiting team to complete three living donor kidney "
        "transplants in the city.",
        {(IN_PERIOD, 3.0)},
        {(CUMULATIVE, 3.0)},
        id="recent-event",
    ),
    pytest.param(
        "The centre has performed more than 1,300 liver transplants since it opened.",
        {(CUMULATIVE, 1300.0)},
        {(IN_PERIOD, 1300.0)},
        id="near-miss-running-total-stays",
    ),
]


@pytest.mark.parametrize(("text", "present", "absent"), PERIOD_CASES)
def test_period_or_running_total(text: str, present: set, absent: set) -> None:
    check_figures(text, present, absent)


# --- numbers written with a scale word or European separators ------------------------------

NUMBER_CASES = [
    pytest.param(
        "Each year about 200-thousand patients there need organ transplants.",
        {(WAIT, 200000.0)},
        {(WAIT, 200.0)},
        id="hyphen-thousand",
    ),
    pytest.param(
        "From 2011 to 2015, there were over 12 hundred donors in the province.",
        {("opo_donors", 1200.0)},
        {("opo_donors", 12.0)},
        id="digits-hundred",
    ),
    pytest.param(
        "The agency said nearly 7.300 kidney transplants were performed last year.",
        {(IN_PERIOD, 7300.0)},
        {(IN_PERIOD, 7.3)},
        id="dot-thousands-in-a-count",
    ),
    pytest.param(
        "The operation cost 5.500 yuan in fees.",
        set(),
        {("price_cny", 5500.0)},
        id="near-miss-money-keeps-the-dot",
    ),
    pytest.param(
        "About 1.500 million people are on the waiting list for a transplant in China.",
        {("waitlist_size", 1500000.0)},
        {("waitlist_size", 1500.0)},
        id="near-miss-a-scale-word-keeps-the-dot",
    ),
]


@pytest.mark.parametrize(("text", "present", "absent"), NUMBER_CASES)
def test_number_forms(text: str, present: set, absent: set) -> None:
    check_figures(text, present, absent)


# --- waiting lists named by candidates, being put on the list, or need of such operations --

WAITING_CASES = [
    pytest.param(
        "At the end of 2019 the national liver waiting list had 14,210 candidates.",
        {(WAIT, 14210.0)},
        set(),
        id="list-had-candidates",
    ),
    pytest.param(
        "Of these, 730 have been put on the waiting list for a kidney.",
        {(WAIT, 730.0)},
        set(),
        id="have-been-put-on-the-list",
    ),
    pytest.param(
        "Heart transplants are rare here. About 25 patients are in need of such operations "
        "every year.",
        {(WAIT, 25.0)},
        set(),
        id="in-need-of-such-operations",
    ),
    pytest.param(
        # a waiting list beside it (x13en: the guard could not fail without one)
        "The council had 30 candidates for its board in 2018, when 412 patients were on the "
        "kidney waiting list.",
        {(WAIT, 412.0)},
        {(WAIT, 30.0)},
        id="near-miss-candidates-of-an-election",
    ),
]


@pytest.mark.parametrize(("text", "present", "absent"), WAITING_CASES)
def test_waiting_lists(text: str, present: set, absent: set) -> None:
    check_figures(text, present, absent)


FORECAST_CASES = [
    pytest.param(
        # last year's count beside it (x13en: the guard could not fail without one)
        "A new HK$3 million grant will allow five more heart transplants a year, on top of the "
        "12 heart transplants done last year.",
        {(IN_PERIOD, 12.0)},
        {(IN_PERIOD, 5.0), (CUMULATIVE, 5.0)},
        id="near-miss-will-allow",
    ),
    pytest.param(
        "The hospital performed 40 lung transplants last year.",
        {(IN_PERIOD, 40.0)},
        set(),
        id="stated-count-kept",
    ),
]


@pytest.mark.parametrize(("text", "present", "absent"), FORECAST_CASES)
def test_what_money_will_allow_is_no_figure(text: str, present: set, absent: set) -> None:
    check_figures(text, present, absent)


# --- beds: the owner before a parenthesis; a unit for transplants --------------------------

BED_CASES = [
    pytest.param(
        "The ward has 60 beds and a separate SICU (surgical intensive care unit) with 8 beds.",
        {("icu_beds", 8.0)},
        {("total_beds", 8.0), ("department_beds", 8.0)},
        id="icu-named-before-a-parenthesis",
    ),
    pytest.param(
        "Its Department of Urology is the main clinical base for kidney transplantation in the "
        "region. It has 88 beds.",
        {("transplant_beds", 88.0)},
        {("department_beds", 88.0)},
        id="department-that-is-a-base-for-transplantation",
    ),
    pytest.param(
        "In May 2004, the center successfully performed the first lung transplant in the "
        "province. It has 64 beds.",
        {("transplant_beds", 64.0)},
        {("department_beds", 64.0)},
        id="centre-that-performs-transplants",
    ),
    pytest.param(
        "In 1999, the department carried out the first liver transplant in the city. It has "
        "150 beds.",
        {("department_beds", 150.0)},
        {("transplant_beds", 150.0)},
        id="near-miss-department-with-a-first-stays-a-department",
    ),
]


@pytest.mark.parametrize(("text", "present", "absent"), BED_CASES)
def test_bed_owners(text: str, present: set, absent: set) -> None:
    check_figures(text, present, absent)


# --- what sellers of organs receive or ask is no price --------------------------------------

SELLER_CASES = [
    pytest.param(
        "Buyers paid 300,000 yuan each, while the villagers selling kidneys only got about "
        "25,000 yuan.",
        {("price_cny", 300000.0)},
        {("price_cny", 25000.0)},
        id="people-selling-kidneys-got",
    ),
    pytest.param(
        # the patients' price beside it (x13en: the guard could not fail without one)
        "A farmer travelled to the city to sell his kidney and had asked 90,000 yuan for it; "
        "a kidney transplant there costs patients 250,000 yuan.",
        {("price_cny", 250000.0)},
        {("price_cny", 90000.0)},
        id="guard-to-sell-his-kidney-asked",
    ),
    pytest.param(
        "Brokers sold each kidney for 180,000 yuan to patients.",
        {("price_cny", 180000.0)},
        set(),
        id="near-miss-organ-sold-for-is-the-price",
    ),
]


@pytest.mark.parametrize(("text", "present", "absent"), SELLER_CASES)
def test_sellers_pay_is_no_price(text: str, present: set, absent: set) -> None:
    check_figures(text, present, absent)


def test_between_range_gets_its_qualifiers() -> None:
    """'hovered between 17 and 28': the ends of a range, at_least and at_most."""
    check_figures(
        "Apart from 60 liver transplants abroad in 2009, the number in recent years has hovered "
        "between 17 and 28.",
        {(IN_PERIOD, 17.0, "at_least"), (IN_PERIOD, 28.0, "at_most")},
        set(),
        found=figure_triples,
    )


# --- money: conversions of no figure, codes glued to digits, other costs -------------------

MONEY_CASES = [
    pytest.param(
        "A transplant costs 60,000 yuan (8,300 US dollars), but dialysis will cost up to "
        "90,000 yuan (12,400 US dollars) a year.",
        {("price_cny", 60000.0), ("price_usd", 8300.0)},
        {("price_cny", 90000.0), ("price_usd", 12400.0)},
        id="conversion-of-another-treatments-cost",
    ),
    pytest.param(
        "The broker said a liver would cost £40,000 ($52,000) at the hospital.",
        {("price_usd", 52000.0)},
        set(),
        id="guard-conversion-of-a-foreign-price-kept",
    ),
    pytest.param(
        "Afterwards the patient paid Rmb210,000 for the kidney transplant.",
        {("price_cny", 210000.0)},
        set(),
        id="currency-code-glued-to-digits",
    ),
    pytest.param(
        # the patients' price beside it (x13en: the guard could not fail without one)
        "The middleman made a profit of Rmb30,000 on each kidney transplant, for which "
        "patients paid Rmb200,000.",
        {("price_cny", 200000.0)},
        {("price_cny", 30000.0)},
        id="near-miss-brokers-profit",
    ),
]


@pytest.mark.parametrize(("text", "present", "absent"), MONEY_CASES)
def test_money_conversions_and_codes(text: str, present: set, absent: set) -> None:
    check_figures(text, present, absent)


# --- waits said by the sentence, not the clause; durations in years and months -------------

WAIT_CASES = [
    pytest.param(
        "Patients know that if they queue for a liver at home, it could take 4 to 6 years.",
        {("wait_time_days", 4 * DAYS_PER_YEAR), ("wait_time_days", 6 * DAYS_PER_YEAR)},
        set(),
        id="it-could-take-after-a-wait",
    ),
    pytest.param(
        "For liver transplants it usually takes between two weeks and two months.",
        {("wait_time_days", 14.0), ("wait_time_days", round(2 * 30.4375, 2))},
        set(),
        id="for-transplants-it-takes",
    ),
    pytest.param(
        "The waiting time differed between regions, from a low of 2.5 years in one state to a "
        "high of 6 years in another.",
        {("wait_time_days", round(2.5 * DAYS_PER_YEAR, 2)), ("wait_time_days", 6 * DAYS_PER_YEAR)},
        set(),
        id="waiting-time-noun-earlier",
    ),
    pytest.param(
        # a stated wait beside it (x13en: the guard could not fail without one)
        "The wait is about 3 months there, but the liver transplant operation takes about 8 hours.",
        {("wait_time_days", round(3 * 30.4375, 2))},
        {("wait_time_days", round(8 / 24, 2))},
        id="near-miss-operation-takes",
    ),
    pytest.param(
        "Kidney patients wait on average four years and three months for an organ.",
        {("wait_time_days", round(4 * DAYS_PER_YEAR + 3 * 30.4375, 2))},
        {("wait_time_days", 4 * DAYS_PER_YEAR), ("wait_time_days", round(3 * 30.4375, 2))},
        id="years-and-months-one-wait",
    ),
]


@pytest.mark.parametrize(("text", "present", "absent"), WAIT_CASES)
def test_waits_of_the_sentence(text: str, present: set, absent: set) -> None:
    check_figures(text, present, absent)


# --- recipients: people who received a new organ, people transplants were done for ---------

RECIPIENT_CASES = [
    pytest.param(
        "Only five people have received new lungs so far this year, the registry said.",
        {(IN_PERIOD, 5.0)},
        set(),
        id="received-new-organs",
    ),
    pytest.param(
        "In 2015 the agency arranged kidney transplants for more than 90 foreign patients.",
        {(IN_PERIOD, 90.0)},
        set(),
        id="transplants-for-patients",
    ),
    pytest.param(
        "The centre did 120 liver transplants for 115 patients between 2001 and 2006.",
        {(IN_PERIOD, 120.0)},
        {(IN_PERIOD, 115.0), (CUMULATIVE, 115.0)},
        id="near-miss-patients-of-a-stated-count",
    ),
    pytest.param(
        "There is a waiting list for transplants for 300 patients in the city.",
        set(),
        {(IN_PERIOD, 300.0), (CUMULATIVE, 300.0)},
        id="near-miss-waiting-for-transplants",
    ),
]


@pytest.mark.parametrize(("text", "present", "absent"), RECIPIENT_CASES)
def test_recipients(text: str, present: set, absent: set) -> None:
    check_figures(text, present, absent)
