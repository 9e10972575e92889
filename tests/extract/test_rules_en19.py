"""English rules of helper en19: sellers' pay is no price in three more phrasings, and one
person's wait told as 'X who ... waited' is an anecdote. SYNTHETIC sentences written for
these tests (not quoted from any page, not evidence; names and figures are invented). Each
case states the figure it expects or excludes; the near misses beside each family must keep
their figure. Checked against main 4580b67: every case of a new rule failed there, every
near miss passed."""

from __future__ import annotations

import pytest

from .conftest import check_figures


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        pytest.param(
            "The farmer sold part of his liver for 30,000 yuan ($4,400) through a broker.",
            set(),
            {("price_cny", 30000.0), ("price_usd", 4400.0)},
            id="sold-part-of-his-liver-and-its-conversion",
        ),
        pytest.param(
            "The donor agreed to sell his kidney for 90 million rupiah (8,100 US dollars).",
            set(),
            {("price_usd", 8100.0)},
            id="sell-his-kidney-conversion-in-parentheses",
        ),
        pytest.param(
            "Villagers were paid US$5000 for their kidneys by the gang.",
            set(),
            {("price_usd", 5000.0)},
            id="were-paid-for-their-kidneys",
        ),
        pytest.param(
            "One young man had wanted 150,000 yuan for his kidney.",
            set(),
            {("price_cny", 150000.0)},
            id="wanted-for-his-kidney",
        ),
        # near misses: what a patient pays stays a price
        pytest.param(
            "He paid $65,000 for his kidney in a hospital abroad.",
            {("price_usd", 65000.0)},
            set(),
            id="patient-paid-for-his-kidney",
        ),
        pytest.param(
            "She was asked to pay 180,000 yuan for her kidney transplant.",
            {("price_cny", 180000.0)},
            set(),
            id="for-her-kidney-transplant",
        ),
        pytest.param(
            "A liver transplant there costs 380,000 yuan ($55,000).",
            {("price_cny", 380000.0), ("price_usd", 55000.0)},
            set(),
            id="price-with-a-conversion",
        ),
    ],
)
def test_sellers_pay_is_no_price(text: str, present: set, absent: set) -> None:
    """GUIDE.md heldout6: only what the buyer pays is a price; sellers' pay stays out."""
    check_figures(text, present, absent)


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        pytest.param(
            "Kim Min-ho who had kidney failure waited 9 years to receive a kidney transplant.",
            set(),
            {("wait_time_days", round(9 * 365.25, 2))},
            id="named-person-who-waited",
        ),
        pytest.param(
            "Doctors saved a six-year-old boy who has been waiting for a liver for 5 months.",
            set(),
            {("wait_time_days", round(5 * 30.4375, 2))},
            id="boy-who-has-been-waiting",
        ),
        pytest.param(
            "The recipient is a teacher. She was weak and had been waiting for a donor for"
            " the last seven months.",
            set(),
            {("wait_time_days", round(7 * 30.4375, 2))},
            id="she-had-been-waiting",
        ),
        # near misses: a group's or an average wait stays a wait
        pytest.param(
            "Patients who waited for a kidney transplant waited 4 years on average.",
            {("wait_time_days", round(4 * 365.25, 2))},
            set(),
            id="patients-who-waited-average",
        ),
        pytest.param(
            "Children who needed a heart waited about 10 months.",
            {("wait_time_days", round(10 * 30.4375, 2))},
            set(),
            id="children-who",
        ),
    ],
)
def test_one_persons_wait_is_an_anecdote(text: str, present: set, absent: set) -> None:
    """GUIDE.md: one patient's own wait told as an anecdote carries no figure."""
    check_figures(text, present, absent)
