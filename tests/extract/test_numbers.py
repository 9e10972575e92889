"""Numbers in the forms documents write them. Synthetic inputs only."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from transplant_audit.extract.numbers import (
    normalize,
    parse_chinese_numeral,
    parse_english_number,
    parse_number,
)


@pytest.mark.parametrize(
    ("token", "value"),
    [
        ("五百", 500),
        ("一千二百", 1200),
        ("一千零五", 1005),
        ("两千", 2000),
        ("两万三千", 23000),
        ("十五", 15),
        ("二十", 20),
        ("一百一十", 110),
        ("壹佰", 100),
        ("二〇一五", 2015),
        ("1,200", 1200),
        ("１２００", 1200),
        ("１，２００", 1200),
        ("2万", 20000),
        ("1.5亿", 1.5e8),
        ("3千万", 3e7),
        ("8.6万", 86000),
        ("百分之九十", 90),
        ("2.5", 2.5),
    ],
)
def test_parse_number(token: str, value: float) -> None:
    assert parse_number(token) == pytest.approx(value)


@pytest.mark.parametrize(
    "token",
    [
        "",
        "abc",
        "1,20",
        "百",
        "医院",
        "1..2",
        "两三",
        "三四百",
        "一亿二亿",
        "一万二万三万",
        "两万万",
    ],
)
def test_parse_number_rejects(token: str) -> None:
    with pytest.raises(ValueError):
        parse_number(token)


@pytest.mark.parametrize(
    ("words", "value"),
    [
        ("two thousand", 2000),
        ("forty-five", 45),
        ("1.2 million", 1.2e6),
        ("a thousand", 1000),
        ("twelve", 12),
        ("three hundred", 300),
        ("12,000", 12000),
    ],
)
def test_parse_english(words: str, value: float) -> None:
    assert parse_english_number(words) == pytest.approx(value)


_DIGITS = "零一二三四五六七八九"


def _to_chinese(n: int) -> str:
    """Independent formatter (test oracle): the standard reading of 0 < n < 10**8."""

    def below_10k(m: int, leading: bool) -> str:
        out = ""
        zero = False
        for unit, ch in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
            d = m // unit % 10
            if d:
                if zero:
                    out += "零"
                    zero = False
                out += ("" if (unit == 10 and d == 1 and leading and not out) else _DIGITS[d]) + ch
            elif out:
                zero = True
        return out

    high, low = divmod(n, 10_000)
    if not high:
        return below_10k(low, True)
    s = below_10k(high, True) + "万"
    if low:
        s += ("零" if low < 1000 else "") + below_10k(low, False)
    return s


@settings(max_examples=150, deadline=None)
@given(st.integers(min_value=1, max_value=99_999_999))
def test_chinese_numerals_round_trip(n: int) -> None:
    assert parse_chinese_numeral(_to_chinese(n)) == n


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_normalize_keeps_length(text: str) -> None:
    assert len(normalize(text)) == len(text)


def test_normalize_maps_scripts_and_width() -> None:
    assert normalize("醫院腎移植１，２００餘例ABC") == "医院肾移植1,200余例abc"


def test_chinese_decimal_point() -> None:
    """一点一万 (Taiwanese and mainland news write decimals in characters) is 11,000."""
    from transplant_audit.extract.numbers import parse_number

    assert parse_number("一点一万") == 11000.0
    assert parse_number("三點五") == 3.5
