"""Chinese recall families (helper zh21): gold figures the rules gave no candidate at all.

Every sentence here was written for this file by the helper (none is copied from a real-text
set); each test states the figure it expects, or the figure that must NOT appear. The families
were found by a scratch instrument kept outside the repository: the rules' missed Chinese gold
figures on the readable real-text sets whose value no candidate carried, grouped by the shape
of the text around the number.
"""

from __future__ import annotations

import pytest

from transplant_audit.extract.core import extract_candidates


def _found(text: str) -> dict[float, str]:
    return {c.value: c.indicator for c in extract_candidates(text)}


# Family W2: a count with no counter, then patients (of a place, 左右, 的 between) who wait for
# an organ: the count is the waiting list.
@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("据估计,约有80万国内患者正在等待肾脏移植,供体却远远不够。", 800000.0),
        ("據估計,約有80萬國內患者正在等待腎臟移植,供體卻遠遠不夠。", 800000.0),
        ("全省约有2000左右的病人等待肝移植,每年手术不足百例。", 2000.0),
        ("本市目前约有4000多的病人及家庭日夜煎熬,期盼并等候着器官进行移植。", 4000.0),
        ("本市目前約有4000多的病人及家庭日夜煎熬,期盼並等候著器官進行移植。", 4000.0),
    ],
)
def test_bare_count_of_patients_who_wait_is_the_waiting_list(text: str, value: float) -> None:
    assert _found(text).get(value) == "waitlist_size"


@pytest.mark.parametrize(
    "text",
    [
        "全省约有2000左右的病人接受透析治疗,费用由医保承担。",
        "约有80万国内患者前往医院就诊,其中多数无需等待。",
        "约有80万国内患者无需等待肾脏移植,药物即可控制病情。",
        "约有80万国内患者不在等待肾脏移植,而在接受透析。",
    ],
)
def test_bare_count_of_patients_who_do_not_wait_is_no_waiting_list(text: str) -> None:
    assert _found(text).get(2000.0 if "2000" in text else 800000.0) != "waitlist_size"


def test_patients_who_need_a_transplant_are_the_waiting_list() -> None:
    text = "我国每年约20万终末期肾病患者需移植,但手术量仅1.2万例。"
    assert _found(text).get(200000.0) == "waitlist_size"


def test_patients_who_need_no_transplant_are_no_waiting_list() -> None:
    text = "我国每年约20万终末期肾病患者无需移植,靠药物控制病情。"
    assert _found(text).get(200000.0) != "waitlist_size"


# Family W1: an organ's part of a waiting list counted just before it (a list of organs after
# the total, its verb left out): each part is on the waiting list too.
@pytest.mark.parametrize(
    ("text", "parts"),
    [
        (
            "目前本院登記等待器官的患者,以腎臟最多,等待者有260位;其次是肝臟有40多位,心臟則有9位。",
            (40.0, 9.0),
        ),
        (
            "目前本院登记等待器官的患者,以肾脏最多,等待者有260位;其次是肝脏有40多位,心脏则有9位。",
            (40.0, 9.0),
        ),
        (
            "今年全省仍有超过5600人在等待器官移植。其中缺口最大的是肾脏,人数突破4100人,"
            "第二位的肝脏也有900多人。",
            (4100.0, 900.0),
        ),
    ],
)
def test_organ_parts_after_a_waiting_list_are_the_waiting_list(
    text: str, parts: tuple[float, ...]
) -> None:
    found = _found(text)
    for value in parts:
        assert found.get(value) == "waitlist_size", value


def test_organ_transplants_after_a_waiting_list_are_no_part_of_it() -> None:
    text = "全省仍有超过5600人在等待器官移植,而去年肝脏移植也有310人,肾脏移植有520人。"
    found = _found(text)
    assert found.get(5600.0) == "waitlist_size"
    assert found.get(310.0) != "waitlist_size"
    assert found.get(520.0) != "waitlist_size"


def test_organ_deaths_after_a_waiting_list_are_no_part_of_it() -> None:
    text = "全省仍有超过5600人在等待器官移植,去年肾脏有120人在等待中死亡。"
    found = _found(text)
    assert found.get(5600.0) == "waitlist_size"
    assert found.get(120.0) != "waitlist_size"


def test_organ_count_without_a_waiting_list_before_is_no_waiting_list() -> None:
    text = "本院去年收治患者中,肾脏有40多位,心脏则有9位。"
    found = _found(text)
    assert found.get(40.0) != "waitlist_size"
    assert found.get(9.0) != "waitlist_size"


@pytest.mark.parametrize(
    "text",
    [
        "據統計,本州現在有三千多人,全國有超過八萬人,在等待器官移植。",
        "据统计,本州现在有三千多人,全国有超过八万人,在等待器官移植。",
    ],
)
def test_a_count_sharing_the_waiting_clause_of_the_next_is_the_waiting_list(text: str) -> None:
    found = _found(text)
    assert found.get(3000.0) == "waitlist_size"
    assert found.get(80000.0) == "waitlist_size"


def test_a_count_before_a_parallel_count_without_waiting_is_no_waiting_list() -> None:
    text = "据统计,本州现在有三千多人,全国有超过八万人,在接受透析治疗。"
    assert _found(text).get(3000.0) != "waitlist_size"


# The spoken tally (counters._bare_count): a year's count said as nearly so many.
def test_spoken_tally_said_as_nearly_so_many_counts_operations() -> None:
    text = "某医院肾移植科医生(电话):去年一年做了快120,今年比去年做得多。"
    assert _found(text).get(120.0) == "transplants_in_period"


def test_spoken_nearly_so_many_without_a_transplant_is_no_count() -> None:
    text = "某医院骨科医生(电话):去年一年做了快120,今年比去年做得多。"
    assert 120.0 not in _found(text)


# Family A: a wait whose cue is in an earlier clause of its sentence (平均 after 等一个肾,
# 等待器官的时间 or 轮候器官时间 before a comparison).
@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("在该国等一个肺,平均26.5个月。", 26.5 * 30.4375),
        ("該國輪候器官時間極長,平均45天。", 45.0),
        ("在甲国平均等待器官的时间是三年多,在乙国也需要5年。", 5 * 365.25),
    ],
)
def test_wait_cued_earlier_in_the_sentence_is_a_wait(text: str, value: float) -> None:
    found = {round(c.value, 2): c.indicator for c in extract_candidates(text)}
    assert found.get(round(value, 2)) == "wait_time_days"


@pytest.mark.parametrize(
    "text",
    [
        "该院肾移植受者术后随访,平均26.5个月。",
        "在甲国平均等待器官的时间很长,这项研究历时5年。",
    ],
)
def test_durations_without_a_wait_stay_out(text: str) -> None:
    found = {round(c.value, 2): c.indicator for c in extract_candidates(text)}
    assert found.get(round(26.5 * 30.4375, 2)) != "wait_time_days"
    assert found.get(round(5 * 365.25, 2)) != "wait_time_days"


# Family K: kidneys counted in a sentence about organs taken or sold are a trafficking case's
# transplants.
@pytest.mark.parametrize(
    ("text", "value"),
    [
        (
            "据检方指控,2015年5月至9月间,该团伙在出租屋内共手术摘取了23枚活体肾脏,出售给需要换肾的尿毒症患者。",
            23.0,
        ),
        ("據檢方指控,2019年至2020年間該團伙在出租屋內摘了40多人的腎臟,賣給需要換腎的病人。", 40.0),
    ],
)
def test_kidneys_taken_or_sold_are_the_case_transplants(text: str, value: float) -> None:
    assert _found(text).get(value) == "transplants_in_period"


@pytest.mark.parametrize(
    "text",
    [
        "该院去年为23名肾脏病患者提供透析,其中多人在等待。",
        "两枚捐献的肾脏分别移植给两名患者。",
        "该团伙共摘取了23枚活体肾脏移植所需的器械。",
        # kidneys counted with no taking or selling in the sentence
        "该院去年共有23枚活体肾脏,全部用于亲属间移植。",
        "该中心去年共接收了23枚肾脏,全部来自公民逝世后捐献。",
    ],
)
def test_kidneys_not_taken_or_sold_stay_out(text: str) -> None:
    found = _found(text)
    assert found.get(23.0) not in ("transplants_in_period", "transplants_cumulative")
    assert found.get(2.0) not in ("transplants_in_period", "transplants_cumulative")


def test_an_average_after_a_wait_named_only_earlier_in_the_text_is_no_wait() -> None:
    text = "该院肝移植患者等待供肝。术后随访发现,受者平均存活8年。"
    found = {round(c.value, 2): c.indicator for c in extract_candidates(text)}
    assert found.get(round(8 * 365.25, 2)) != "wait_time_days"


def test_an_average_right_after_a_wait_of_an_earlier_sentence_is_no_wait() -> None:
    # 平均 reads a wait named in its own sentence only (ZH_WAITED_FOR_BEFORE_RE)
    text = "该院患者都在等待供肾。移植后受者平均5年复查一次。"
    found = {round(c.value, 2): c.indicator for c in extract_candidates(text)}
    assert found.get(round(5 * 365.25, 2)) != "wait_time_days"


def test_organ_recipients_after_a_waiting_list_are_no_part_of_it() -> None:
    text = "全市等候换肝的患者约三千人,去年得到肝脏的只有两百多人。"
    found = _found(text)
    assert found.get(3000.0) == "waitlist_size"
    assert found.get(200.0) != "waitlist_size"
