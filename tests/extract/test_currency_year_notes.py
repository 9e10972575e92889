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
