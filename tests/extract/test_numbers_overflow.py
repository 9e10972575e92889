"""Absurdly long digit runs: a number too large for a float is no number (ValueError), and
the extractor reads past it rather than crashing or emitting an infinite figure. Synthetic
inputs only (rv11)."""

from __future__ import annotations

import math

import pytest

from transplant_audit.extract.core import extract_candidates
from transplant_audit.extract.numbers import parse_english_number, parse_number

_HUGE = "9" * 400  # float('9' * 400) is inf; int('9' * 400) cannot be made a float


@pytest.mark.parametrize(
    "token",
    [_HUGE, _HUGE + "万", _HUGE + "千200", _HUGE + "万8,390", "九" * 400, _HUGE + "亿亿"],
    ids=["digits", "wan", "qian-tail", "wan-comma-tail", "zh-digits", "yi-yi"],
)
def test_a_number_too_large_for_a_float_is_a_value_error(token: str) -> None:
    with pytest.raises(ValueError):
        parse_number(token)


def test_an_english_number_too_large_for_a_float_is_a_value_error() -> None:
    with pytest.raises(ValueError):
        parse_english_number(_HUGE + " million")


@pytest.mark.parametrize(
    "text",
    [
        "累计完成肾移植" + _HUGE + "千200多例。",  # the mixed-number tail (8千200多例)
        "费用为" + _HUGE + "万8,390元。",
        "肝移植" + "九" * 400 + "例",
        "the hospital performed " + _HUGE + " transplants in 2010.",
        "a kidney costs US$" + _HUGE + ".",
        "费用为" + _HUGE + "元",
        "transplants rose to " + _HUGE + " million in 2010",
    ],
    ids=["qian-tail", "wan-comma-tail", "zh-digits", "en-count", "usd", "cny", "en-scale"],
)
def test_the_extractor_gives_no_infinite_figure_for_a_huge_digit_run(text: str) -> None:
    for c in extract_candidates(text):
        assert math.isfinite(c.value), (c.indicator, c.value)


def test_ordinary_mixed_numbers_still_read() -> None:
    assert parse_number("8千200") == 8200
    assert parse_number("3万8,390") == 38390
    assert parse_number("1,200") == 1200
    assert parse_english_number("1.2 million") == 1_200_000


def test_a_table_cell_too_large_for_a_float_is_skipped_not_infinite() -> None:
    big = ",".join(["1"] + ["000"] * 120)  # 361 digits in comma groups
    text = f"| 年度 | 肾移植总量 |\n| 2009 | {big} |\n| 2010 | 180 |"
    values = [c.value for c in extract_candidates(text)]
    assert values and all(math.isfinite(v) for v in values)
    assert 180 in values  # the ordinary row is still read


@pytest.mark.parametrize(
    ("token", "value"),
    [("3万8千200", 38200), ("3万8千20", 38020), ("3千9百50", 3950), ("3万8千2百", 38200)],
)
def test_a_longer_arabic_tail_after_a_mixed_head_is_kept(token: str, value: float) -> None:
    assert parse_number(token) == value  # 3万8千200 was read 38000, the 200 dropped


def test_a_tail_as_large_as_its_unit_is_malformed() -> None:
    with pytest.raises(ValueError):
        parse_number("3万8千2000")  # was 38000


@pytest.mark.parametrize(
    ("token", "value"),
    [("1万2,500", 12500), ("1万25", 10025), ("3万8千2", 38200), ("3万8千20", 38020)],
)
def test_one_tail_pattern_reads_both_heads(token: str, value: float) -> None:
    # an Arabic tail after a one-unit head (comma tails too) and after a longer head; one
    # digit alone after 千 stands one place below it, as 三万八千二 is spoken (38200; it was
    # read 38002, which is written 3万8千零2)
    assert parse_number(token) == value
