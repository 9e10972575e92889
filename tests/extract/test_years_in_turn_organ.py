"""A Chinese list of first years said in turn (先后 / 相继 / 先後 / 相繼: 1998年、2001年先后完成了
首例器官移植手术) where no organ is named: every year of the list is a first_transplant_year
with an empty organ, not one guessed from elsewhere in the text (a first of a named organ
in the next clause keeps its own). The rule is years._zh_years_in_turn and the organ
choice before it in years.py ("their organs not told apart"). SYNTHETIC sentences."""

from __future__ import annotations

import pytest

from .conftest import first_years


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("该院于1998年、2001年先后完成了首例器官移植手术。", [1998.0, 2001.0]),
        ("该中心于2003年、2006年和2010年相继开展了首例移植手术。", [2003.0, 2006.0, 2010.0]),
        ("該院於1996年、1999年先後開展了移植手術。", [1996.0, 1999.0]),
        ("該中心於2003年、2006年及2010年相繼完成首例器官移植。", [2003.0, 2006.0, 2010.0]),
    ],
    ids=["xianhou", "xiangji", "xianhou-hant", "xiangji-hant"],
)
def test_a_year_list_in_turn_naming_no_organ_has_empty_organs(
    text: str, years: list[float]
) -> None:
    assert first_years(text) == [(y, "") for y in years]


def test_an_organ_named_in_the_next_clause_stays_with_its_own_year() -> None:
    text = "该院1998年、2001年先后开展了首例移植手术,2005年开展了首例肝移植。"
    assert first_years(text) == [(1998.0, ""), (2001.0, ""), (2005.0, "liver")]
