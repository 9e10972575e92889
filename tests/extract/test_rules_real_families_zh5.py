"""Families of Chinese real-text mistakes (simplified and traditional) fixed for issue 14,
sixth rules pass (rzh5). Every sentence here was written for these tests in the style of its
family (synthetic test material: not quoted from any page, not evidence). Each positive case
asserts a figure that the rules before this pass missed or labelled wrongly; each negative
case a number that must stay unextracted or keep its reading."""

from __future__ import annotations

import pytest

from .conftest import figure_pairs as pairs
from .conftest import figure_triples as found

# --- number grammar: 三、四十 (a range written as its first digits), 6∼7 ----------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "全省去年捐献器官五、六十例,今年还不到一半。",
            {("opo_donors", 50.0, "at_least"), ("opo_donors", 60.0, "at_most")},
        ),
        (
            "他的團隊每年要做兩、三百台腎移植手術。",
            {
                ("transplants_in_period", 200.0, "at_least"),
                ("transplants_in_period", 300.0, "at_most"),
            },
        ),
        (
            "該院等候肝臟移植的病人有七、八千名。",
            {("waitlist_size", 7000.0, "at_least"), ("waitlist_size", 8000.0, "at_most")},
        ),
        # ∼ (the tilde operator) joins a range like ~
        (
            "据该院介绍,等待肝源一般需要2∼4周。",
            {("wait_time_days", 14.0, "at_least"), ("wait_time_days", 28.0, "at_most")},
        ),
    ],
)
def test_comma_and_tilde_ranges(text: str, expected: set[tuple[str, float, str]]) -> None:
    assert expected <= found(text)


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        # 三、五十: not consecutive digits, a list (three, fifty) and no range
        ("今年捐献器官三、五十例不等。", ("opo_donors", 30.0)),
        # a list of single numbers stays a list
        ("该院等候肾移植的病人有三、四名。", ("waitlist_size", 30.0)),
    ],
)
def test_comma_lists_are_no_range(text: str, absent: tuple[str, float]) -> None:
    assert absent not in pairs(text)


# --- counter binding: 个 before a unit of time, or before 人, counts that, not organs ---------


def test_hours_with_measure_word_are_a_wait() -> None:
    assert ("wait_time_days", 1.5) in pairs("該中心稱,等候合適的肝源通常只要36個小時。")


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        # hours of cold storage after donation are no organs
        ("捐獻的腎臟在低溫下可保存二十至三十個小時。", "opo_organs_utilised"),
        ("器官捐献后,心脏一般只能保存4到6个小时。", "opo_organs_utilised"),
        # the people in an operating room are no rooms
        ("当晚的手术室里一共11个人,包括两名移植医生。", "operating_rooms"),
    ],
)
def test_measure_word_before_unit_is_no_count(text: str, absent: str) -> None:
    assert not any(ind == absent for ind, _ in pairs(text))
