"""Mixed numbers the number pattern once split, so only their tail was read: 8千200元 gave
a price of 200, 3万8千200例 a count of 200, 3千9百例 a count of 900 (rv11 report; strict
xfails until x13zh). patterns.ZH_MULT now takes the tail after 千 before 元 too, 千 after
万8, 百 after 千9, and two digits after that 百 (3千9百50例, rv13a). Synthetic sentences."""

from __future__ import annotations

import pytest

from transplant_audit.extract.core import extract_candidates
from transplant_audit.extract.numbers import parse_number

CASES = [
    pytest.param("费用为8千200元。", "8千200", 8200.0, id="qian-yuan"),
    pytest.param("累计完成肾移植3万8千200例。", "3万8千200", 38200.0, id="wan-qian"),
    pytest.param("全年完成肾移植3千9百例。", "3千9百", 3900.0, id="qian-bai"),
    # rv13a: two digits after 百 (gave 50, the tail alone, as 3千9百例's 百 once gave 900)
    pytest.param("全年完成肾移植3千9百50例。", "3千9百50", 3950.0, id="qian-bai-tail"),
    pytest.param("累计完成肾移植3万8千2百50例。", "3万8千2百50", 38250.0, id="wan-qian-bai-tail"),
    # rv15a: a tail straight after 万 before 元 (gave two prices, 10,000 and 200)
    pytest.param("肾移植费用为1万200元。", "1万200", 10200.0, id="wan-yuan"),
    # rv15a: a 零 gap before the tail (gave the tail alone: 5 and 300)
    pytest.param("累计完成肾移植1千零5例。", "1千零5", 1005.0, id="qian-ling"),
    pytest.param("累计完成肾移植2万零300例。", "2万零300", 20300.0, id="wan-ling"),
    # rv15a: a tail before 床 (gave 100 beds)
    pytest.param("该院共有床位2千100床。", "2千100", 2100.0, id="qian-chuang"),
]


@pytest.mark.parametrize(("text", "token", "value"), CASES)
def test_the_parser_reads_the_whole_mixed_number(text: str, token: str, value: float) -> None:
    assert parse_number(token) == value


@pytest.mark.parametrize(("text", "token", "value"), CASES)
def test_the_extractor_reads_the_whole_mixed_number(text: str, token: str, value: float) -> None:
    assert [c.value for c in extract_candidates(text)] == [value]
