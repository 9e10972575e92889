"""A year written straight after a currency word is no amount: 人民币2015年 and RMB2015年度
are the year 2015, not a price of 2015 yuan (the currency prefix used to turn the counter
年 into money). An amount after the currency still reads. Synthetic sentences (rv11)."""

from __future__ import annotations

import pytest

from .conftest import figure_pairs, figure_pairs_of


@pytest.mark.parametrize(
    "text",
    [
        "肝移植费用为人民币2015年。",
        "肝移植费用为RMB 2015年。",
        "肝移植费用为RMB2015年度预算的一部分。",
    ],
)
def test_a_year_after_a_currency_word_is_no_price(text: str) -> None:
    assert not figure_pairs_of(text, "price"), figure_pairs(text)


def test_an_amount_after_a_currency_word_still_reads() -> None:
    assert figure_pairs_of("肝移植费用为人民币20万元。", "price_cny", 200000.0)
