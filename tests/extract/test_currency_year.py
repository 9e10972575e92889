"""A year written straight after a currency word is no amount: 人民币2015年 and RMB2015年度
are the year 2015, not a price of 2015 yuan (the currency prefix used to turn the counter
年 into money). An amount after the currency still reads. Synthetic sentences (rv11)."""

from __future__ import annotations

import pytest

from .conftest import figure_pairs, figure_pairs_of


@pytest.mark.parametrize(
    "text",
    [
        # x13en: each with the amount it states, so the guard can fail (the three sentences
        # gave no figure at all before)
        "肝移植费用为人民币2015年,约为人民币20万元。",
        "肝移植费用按RMB 2015年价格计为20万元。",
        "肝移植费用为RMB2015年度预算的一部分,约20万元。",
    ],
)
def test_a_year_after_a_currency_word_is_no_price(text: str) -> None:
    assert figure_pairs_of(text, "price") == {("price_cny", 200000.0)}, figure_pairs(text)


def test_an_amount_after_a_currency_word_still_reads() -> None:
    assert figure_pairs_of("肝移植费用为人民币20万元。", "price_cny", 200000.0)
