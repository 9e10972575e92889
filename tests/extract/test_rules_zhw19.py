"""Chinese naming and durations in the rules (helper zhw19).

Every sentence here was written for this file by the helper (none is copied from a real-text
set: synthetic test material, not evidence); each test states the figure it expects, or the
reading that must NOT appear, and near misses that must keep their old reading.

1. Whole years right before a count of months (5年9個月, 两年二个月) are one duration, their
   sum (GUIDE.md: 两年二个月 is ONE figure of 26 months), not two waits; 半年 and a range word
   between the two keep two figures.
2. N个器官捐献者 counts people (donors), not organs: the head noun is 捐献者.
3. A duration followed by 后/以后/来 dates a moment or spans the past (三年以后, 过去12年来),
   no wait, unless a wait verb takes it (等三年后才等到).
"""

from __future__ import annotations

import pytest

from .conftest import figure_pairs as pairs
from .conftest import figure_triples as triples

MONTH = 30.4375  # days in a month, the extractor's unit (365.25 / 12)


@pytest.mark.parametrize(
    ("text", "months"),
    [
        ("該院的病人平均要等候4年3個月才能換腎。", 51),
        ("该院的病人平均要等候三年二个月才能换肝。", 38),
        ("肾移植病人平均要等候六年零五个月。", 77),
    ],
)
def test_years_then_months_is_one_wait(text: str, months: int) -> None:
    waits = {v for ind, v in pairs(text) if ind == "wait_time_days"}
    assert waits == {round(months * MONTH, 2)}, waits


def test_years_then_months_keeps_approx() -> None:
    got = triples("病人一般要等候3年4个月左右。")
    assert ("wait_time_days", round(40 * MONTH, 2), "approx") in got, got


@pytest.mark.parametrize(
    "text",
    [
        "病人平均要等候半年8个月左右。",  # 半年: a loose range, not a sum
        "病人一般要等候3年至4个月。",  # a range word between: two ends
    ],
)
def test_half_year_or_range_stays_two_figures(text: str) -> None:
    waits = [v for ind, v in pairs(text) if ind == "wait_time_days"]
    assert len(waits) == 2, waits


def test_calendar_month_is_no_duration() -> None:
    got = pairs("病人于2019年8月开始等候肾移植,等了4年3个月。")
    waits = {v for ind, v in got if ind == "wait_time_days"}
    assert round(2019 * 365.25 + 8 * MONTH, 2) not in waits, got


@pytest.mark.parametrize(
    "text",
    [
        "官方称该省去年有3千个器官捐献者。",
        "官方稱該省去年有3千個器官捐贈者。",
    ],
)
def test_donor_people_after_counter(text: str) -> None:
    got = pairs(text)
    assert ("opo_donors", 3000.0) in got, got
    assert ("opo_organs_utilised", 3000.0) not in got, got


@pytest.mark.parametrize(
    "text",
    [
        "该省去年捐献器官300个。",  # the organs are the head noun
        "该省去年共有300个器官捐出。",
    ],
)
def test_organs_counted_stay_organs(text: str) -> None:
    assert ("opo_organs_utilised", 300.0) in pairs(text)


# --- 3. a duration followed by 后/以后/来 dates a moment, it is no wait -----------------------


@pytest.mark.parametrize(
    "text",
    [
        "医生认为三年以后如果肿瘤没有复发就可以做肝移植。",
        "該法律通過,三年後輪候肝臟移植者大幅減少。",
        "在过去12年来该中心的器官移植数量一直增长。",
        # the word after 后 opening with 天/日/年 (天津, 日本, 年轻) is still a time point
        "該法律通過,三年後日本輪候肝臟移植者大幅減少。",
        "该法律通过三年后天津轮候肝移植者大幅减少。",
        "医生认为三年以后年轻患者就可以做肝移植。",
    ],
)
def test_time_point_is_no_wait(text: str) -> None:
    assert not [v for ind, v in pairs(text) if ind == "wait_time_days"], pairs(text)


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("肝移植一般要等三年后才能等到肝源。", 3 * 365.25),  # 等 takes it: a wait
        ("肾移植一般需要等待半年以后才能做。", 182.62),
        ("肾移植病人平均要等候三年。", 3 * 365.25),
    ],
)
def test_waited_duration_stays_a_wait(text: str, days: float) -> None:
    assert ("wait_time_days", round(days, 2)) in pairs(text)
