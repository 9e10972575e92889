"""A year-and-currency note in parentheses ('(2019 USD)') dates an amount beside it; with no
other amount in its sentence, a number of 1900-2099 before a currency in parentheses is the
amount itself ('a fee of (2000 yuan)': it gave no figure, read as the note of a price level).
Synthetic sentences."""

from __future__ import annotations

import pytest

from .conftest import check_figures

CASES = [
    pytest.param(
        "The kidney transplant was paid with a fee of (2000 yuan).",
        {("price_cny", 2000.0)},
        set(),
        id="an-amount-alone-in-parentheses",
    ),
    pytest.param(
        "A liver transplant costs (2020 US dollars) at the clinic.",
        {("price_usd", 2020.0)},
        set(),
        id="an-amount-alone-in-dollars",
    ),
    pytest.param(
        "肾移植费用2000元。",
        {("price_cny", 2000.0)},
        set(),
        id="guard-zh-amount",
    ),
    pytest.param(
        "The mean charge of a heart transplant (2019 USD) was $310,000.",
        {("price_usd", 310000.0)},
        {("price_usd", 2019.0)},
        id="near-miss-a-note-before-its-amount",
    ),
    pytest.param(
        "A kidney transplant cost 45,000 yuan (2019 yuan).",
        {("price_cny", 45000.0)},
        {("price_cny", 2019.0)},
        id="near-miss-a-note-after-its-amount",
    ),
    pytest.param(
        "Costs are in USD2019. A kidney transplant cost 30,000 yuan.",
        {("price_cny", 30000.0)},
        {("price_usd", 2019.0)},
        id="near-miss-a-glued-tag-alone",
    ),
]


@pytest.mark.parametrize(("text", "present", "absent"), CASES)
def test_a_year_and_currency_note_needs_an_amount_to_date(
    text: str, present: set, absent: set
) -> None:
    check_figures(text, present, absent)


# --- 'USD 2019 45,000': a space between the code and the year, a second amount after --------

SPACED = [
    pytest.param(
        "A liver transplant costs USD 2019 45,000.",
        {("price_usd", 45000.0)},
        {("price_usd", 2019.0)},
        id="usd-space-year-then-amount",
    ),
    pytest.param(
        "A kidney transplant cost RMB 2015 150,000 at the hospital.",
        {("price_cny", 150000.0)},
        {("price_cny", 2015.0)},
        id="rmb-space-year-then-amount",
    ),
    pytest.param(
        "The price was USD 2019 for a kidney transplant.",
        {("price_usd", 2019.0)},
        set(),
        id="near-miss-usd-space-amount-alone",
    ),
]


@pytest.mark.parametrize(("text", "present", "absent"), SPACED)
def test_a_spaced_currency_year_tag_before_an_amount(text: str, present: set, absent: set) -> None:
    check_figures(text, present, absent)


@pytest.mark.parametrize("text", ["Cost USD2019 45,000.", "Cost USD 2019 45,000."])
def test_the_amount_after_a_tag_spans_the_tag(text: str) -> None:
    from transplant_audit.extract.core import extract_candidates

    # the span started at s - 6 plus the tag's position in the whole text (12 here, not 5;
    # start past end in a longer sentence)
    [c] = extract_candidates(text)
    assert (c.start, c.end) == (text.index("USD"), text.index(".", text.index("45")))
