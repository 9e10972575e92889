"""Naming in the Chinese rules (helper zhn19).

Every sentence here was written for this file by the helper (none is copied from a real-text
set); each test states the figure it expects, or the figure that must NOT appear, and near
misses that must keep their figure. The families were found by a scratch instrument kept
outside the repository: the rules' false Chinese candidates on the readable real-text sets,
split into values no gold figure has and true values under the wrong indicator.

Traditional 參 normalizes to 叁 (numbers._TRAD_SIMP: the financial numeral), so 參與 and 參加
read as 叁与 and 叁加: a word list written 参与 alone never matched a Traditional page. 著 is
also a GB2312 character, so normalization keeps it: 等著, 刻著 never read as 等着, 刻着.
"""

from __future__ import annotations

import pytest

from transplant_audit.extract.core import extract_candidates


def _found(text: str) -> dict[float, str]:
    return {c.value: c.indicator for c in extract_candidates(text)}


@pytest.mark.parametrize(
    "text",
    [
        "名單列出該院移植科醫生45名,參與活摘器官。",
        "名单列出该院移植科医生45名,参与活摘器官。",
    ],
)
def test_people_said_to_take_part_in_forced_harvesting_are_no_staff(text: str) -> None:
    assert 45.0 not in _found(text)


def test_doctors_taking_part_in_research_stay_surgeons() -> None:
    text = "名單列出該院移植科醫生45名,參與器官移植研究。"
    assert _found(text).get(45.0) == "transplant_surgeons"


@pytest.mark.parametrize(
    "text",
    [
        "王建國參與施行腎臟移植手術七百餘例。",
        "在三十年裡,王建國參與施行腎臟移植手術七百餘例。",
        "王建国参与施行肾脏移植手术七百余例。",
    ],
)
def test_a_surgeons_part_in_the_operations_is_his_count_in_both_scripts(text: str) -> None:
    assert _found(text).get(700.0) == "surgeon_transplants_cumulative"


def test_a_units_total_stays_the_units() -> None:
    assert _found("該院累計施行腎臟移植手術七百餘例。").get(700.0) == "transplants_cumulative"


@pytest.mark.parametrize(
    "text",
    [
        "紀念活動的參加者有副院長、捐贈者家屬及醫療團隊約120人。",
        "纪念活动的参加者有副院长、捐赠者家属及医疗团队约120人。",
    ],
)
def test_attendees_listed_after_the_word_for_participants_are_no_donors(text: str) -> None:
    assert 120.0 not in _found(text)


@pytest.mark.parametrize(
    "text",
    [
        "本院肝移植手術有二十年歷史,累計參加病友會的共四十三位。",
        "本院肝移植手术有二十年历史,累计参加病友会的共四十三位。",
    ],
)
def test_members_of_a_patients_club_are_no_transplants(text: str) -> None:
    assert 43.0 not in _found(text)


def test_a_running_total_of_recipients_stays_transplants() -> None:
    text = "本院肝移植手術有二十年歷史,累計共四十三位病人受惠。"
    assert _found(text).get(43.0) == "transplants_cumulative"


@pytest.mark.parametrize(
    "text",
    [
        "紀念碑上刻著5126位捐獻者的姓名。",
        "纪念碑上刻着5126位捐献者的姓名。",
    ],
)
def test_names_engraved_on_a_memorial_are_no_donor_count(text: str) -> None:
    assert 5126.0 not in _found(text)


def test_a_running_total_of_donors_stays_donors() -> None:
    assert _found("本市累計有5126位器官捐獻者。").get(5126.0) == "opo_donors"


@pytest.mark.parametrize(
    "text",
    [
        "全港仍有2100名病人在等著器官移植。",
        "全港仍有2100名病人等著移植。",
        "全港仍有2100名病人等着移植。",
        "全港仍有2100名病人在等候器官移植。",
    ],
)
def test_patients_waiting_for_a_transplant_are_the_waiting_list(text: str) -> None:
    assert _found(text).get(2100.0) == "waitlist_size"
