"""Precision of the Chinese rules: numbers that are no figure of the vocabulary (helper zhp18).

Every sentence here was written for this file by the helper (none is copied from a real-text
set); each test states the figure it expects, or the figure that must NOT appear, and near
misses that must keep their figure. The families were found by a scratch instrument kept
outside the repository: the rules' false Chinese candidates on the readable real-text sets
whose value is no gold value at all, grouped by indicator and by the kind of number.
"""

from __future__ import annotations

import pytest

from transplant_audit.extract.core import extract_candidates


def _found(text: str) -> dict[float, str]:
    return {c.value: c.indicator for c in extract_candidates(text)}


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("肾移植做完以后,病人每月药费大概需要八千元左右,要长期服用。", 8000.0),
        ("如果暂时等不到肾源,可以在家做透析,租用透析机每个月费用约7000元。", 7000.0),
        ("等待移植期间负担很重:尿毒症患者透析年均花费8万元左右。", 80000.0),
        ("肝衰竭病人在等待肝源时,人工肝治疗每次需要1.2万元。", 12000.0),
    ],
)
def test_a_running_cost_by_month_year_or_session_is_no_price(text: str, value: float) -> None:
    assert value not in _found(text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("该团伙每次移植收费在20万元至30万元之间。", 200000.0),
        ("医生介绍,在该院做一例肝移植的费用约40万元。", 400000.0),
    ],
)
def test_the_price_of_each_transplant_stays_a_price(text: str, value: float) -> None:
    assert _found(text).get(value) == "price_cny"


@pytest.mark.parametrize(
    ("text", "seller", "price"),
    [
        ("换肾的患者花费35万元,卖肾者到手只有2万元。", 20000.0, 350000.0),
        ("每宗手術收費約30萬元,付給供體的僅2萬多元。", 20000.0, 300000.0),
    ],
)
def test_what_a_seller_gets_is_no_price(text: str, seller: float, price: float) -> None:
    found = _found(text)
    assert seller not in found
    assert found.get(price) == "price_cny"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("教授这次来访,为病人做了两台肾移植手术。", 2.0),
        ("医院邀请了三位接受肝移植的病人在会上分享经验。", 3.0),
        ("目前,3名受赠者均已出院,情况稳定。", 3.0),
        ("该中心肾移植效果良好,存活最久的2例都超过了十年。", 2.0),
        ("法院查明,该团伙组织实施了8次肾脏移植手术,其中两起未遂。", 2.0),
    ],
)
def test_a_few_operations_of_one_story_are_no_figure(text: str, value: float) -> None:
    assert value not in _found(text)


@pytest.mark.parametrize(
    ("text", "value", "indicator"),
    [
        ("2023年该院完成心脏移植3例。", 3.0, "transplants_in_period"),
        ("截至目前,该院累计完成小肠移植2例。", 2.0, "transplants_cumulative"),
        ("该院开展第三例心脏移植手术。", 3.0, "transplants_cumulative"),
        ("该院完成了8次肾脏移植手术。", 8.0, "transplants_cumulative"),
        ("我们每个星期都有三例活体肝移植手术。", 3.0, "transplants_in_period"),
        # a table's row: a cell of a table, no story
        ("| 项目 | 数量 |\n| 完成肝移植手术 | 3例 |", 3.0, "transplants_cumulative"),
    ],
)
def test_a_small_count_with_a_period_a_total_an_ordinal_or_in_a_table_keeps_its_figure(
    text: str, value: float, indicator: str
) -> None:
    assert _found(text).get(value) == indicator


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("主任说,临床上也见过苦苦等了五六年也没等到合适肝源的病人。", 2191.5),
        ("据报道,这位外国政要在名单上排队等了近3年的时间,才获得捐赠的心脏。", 1095.75),
        ("医院里一名接受换肾的老妇说,去年等待两周,花了30万元。", 14.0),
    ],
)
def test_one_patients_wait_told_as_done_is_no_wait(text: str, value: float) -> None:
    found = _found(text)
    assert found.get(value) != "wait_time_days"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("该院肾移植病人平均等了两年才等到肾源。", 730.5),
        ("医生说,在我们这里一般等一个月左右就能安排肝移植。", 30.4375),
        ("在这家医院肝移植的平均等待时间为3个月。", 91.3125),
        ("从入院到做上肾移植,前后只等了十天。", 10.0),
    ],
)
def test_a_typical_wait_stays_a_wait(text: str, value: float) -> None:
    assert _found(text).get(value) == "wait_time_days"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("据统计,全球已有超过2 000例患者接受了胰岛移植治疗。", 2000.0),
        ("该院骨科一年做300例骨移植。", 300.0),
        ("2005年,该院为患者实施了国内首例同种异体甲状旁腺移植手术。", 2005.0),
    ],
)
def test_a_cell_or_tissue_transplant_is_no_organ_figure(text: str, value: float) -> None:
    assert value not in _found(text)


@pytest.mark.parametrize(
    ("text", "value", "indicator"),
    [
        ("该院一年做300例肾移植。", 300.0, "transplants_in_period"),
        ("2005年,该院为患者实施了国内首例胰肾联合移植手术。", 2005.0, "first_transplant_year"),
        ("2019年,该中心完成胰腺移植20例。", 20.0, "transplants_in_period"),
    ],
)
def test_an_organ_transplant_beside_the_tissue_words_keeps_its_figure(
    text: str, value: float, indicator: str
) -> None:
    assert _found(text).get(value) == indicator


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("报告汇总了上百家医院的资料,发现有1234名医务人员,涉嫌参与非法摘取器官。", 1234.0),
        ("据该组织统计,这些医院被指涉嫌参与的移植科医务人员多达321名。", 321.0),
        ("包括中介和医护人员在内的12名被告人,在民房内非法摘取肾脏。", 12.0),
        ("调查人员对4321名移植科医生的公开论文和报道进行了搜索。", 4321.0),
    ],
)
def test_accused_or_searched_people_are_no_staff(text: str, value: float) -> None:
    assert value not in _found(text)


@pytest.mark.parametrize(
    ("text", "value", "indicator"),
    [
        ("该院器官移植科现有医务人员56名,其中主任医师8名。", 56.0, "transplant_staff"),
        ("该中心现有移植外科医生12名。", 12.0, "transplant_surgeons"),
    ],
)
def test_a_units_headcount_stays_staff(text: str, value: float, indicator: str) -> None:
    assert _found(text).get(value) == indicator
