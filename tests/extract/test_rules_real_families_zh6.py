"""Families of Chinese real-text mistakes (simplified and traditional) fixed for issue 14,
seventh rules pass (rzh6). Every sentence here was written for these tests in new words
(synthetic test material: not quoted from any page, not evidence). Each positive case asserts
a figure the rules of main before this pass (dd443ca) missed or labelled wrongly, or a number
they wrongly read that must now stay out; cases whose id starts with ``guard-`` already held
on dd443ca: they guard the pass, they do not show what it added."""

from __future__ import annotations

import pytest

from .conftest import check_figures, figure_triples
from .conftest import figure_pairs as pairs

# --- stays in hospital: one patient's stay is an anecdote, a typical stay is a figure ------


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        pytest.param(
            "李女士在省城换肾后住院共四十天,才搭火车回到老家。",
            ("avg_length_of_stay_days", 40.0),
            id="named-patient-total",
        ),
        pytest.param(
            "老陈住院两周后便出国散心去了。",
            ("avg_length_of_stay_days", 14.0),
            id="stay-then-event",
        ),
        pytest.param(
            "那位病人飛到天津後,住院僅十天,院方就替他找到了腎臟。",
            ("avg_length_of_stay_days", 10.0),
            id="hant-only-ten-days",
        ),
    ],
)
def test_one_patients_stay_is_no_figure(text: str, absent: tuple[str, float]) -> None:
    check_figures(text, set(), {absent})


@pytest.mark.parametrize(
    ("text", "present"),
    [
        pytest.param(
            "该院肾移植受者术后平均住院时间为18天。",
            ("avg_length_of_stay_days", 18.0),
            id="guard-average",
        ),
        pytest.param(
            "外國病人到該中心換肝,一般住院五週左右。",
            ("avg_length_of_stay_days", 35.0),
            id="guard-typical-hant",
        ),
        pytest.param(  # no 可 beside the 约: the figure's own qualifier makes it typical
            "患者移植后住院约二十天。",
            ("avg_length_of_stay_days", 20.0),
            id="guard-about",
        ),
    ],
)
def test_typical_stay_is_kept(text: str, present: tuple[str, float]) -> None:
    assert present in pairs(text)


# --- waiting lists counted in 万 with no 人 straight after the number ----------------------


@pytest.mark.parametrize(
    ("text", "present"),
    [
        pytest.param(
            "据估计,全省约有8万肾病人需要换肾。",
            ("waitlist_size", 80000.0),
            id="organ-disease-patients",
        ),
        pytest.param(
            "全国每年约有五万角膜盲患者在排队等待移植。",
            ("waitlist_size", 50000.0),
            id="blind-patients",
        ),
        pytest.param(
            "據統計,全國等候換腎的尿毒症病友有上百萬人。",
            ("waitlist_size", 1000000.0),
            id="hant-bare-hundred-wan-persons",
        ),
        pytest.param(
            "目前排队等肾源的还有12万多,而每年能做的只有几千例。",
            ("waitlist_size", 120000.0),
            id="waiters-named-by-the-wait",
        ),
        pytest.param(
            "全国等待肝移植的患者约有30万人。",
            ("waitlist_size", 300000.0),
            id="guard-plain-persons",
        ),
    ],
)
def test_waitlist_in_wan(text: str, present: tuple[str, float]) -> None:
    assert present in pairs(text)


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        # 数百万: 'several million', no figure
        pytest.param(
            "全国等待器官移植的病人有数百万人。",
            ("waitlist_size", 1000000.0),
            id="guard-several-million",
        ),
        # 万人次 counts visits, not persons: no waiting list
        pytest.param(
            "该中心移植门诊每年接待的候诊者达上百万人次。",
            ("waitlist_size", 1000000.0),
            id="guard-visits-not-persons",
        ),
        # a city's population is no waiting list
        pytest.param(
            "该市常住人口有上百万人。", ("waitlist_size", 1000000.0), id="guard-population"
        ),
    ],
)
def test_waitlist_in_wan_negatives(text: str, absent: tuple[str, float]) -> None:
    check_figures(text, set(), {absent})


# --- a first whose own sentence has no year: the operation told in the sentence before -----


@pytest.mark.parametrize(
    ("text", "present"),
    [
        pytest.param(
            "2017年3月,某大学附属医院为一名男童实施了活体小肠移植。此例手术为全省首例小肠移植。",
            ("first_transplant_year", 2017.0),
            id="anaphor-sentence",
        ),
        pytest.param(
            "1999年秋,該院外科團隊完成了一台胰腎聯合移植手術。這也是台灣首例胰腎聯合移植。",
            ("first_transplant_year", 1999.0),
            id="hant-this-was-the-first",
        ),
        pytest.param(
            "该院于2003年成功完成首例肝移植。",
            ("first_transplant_year", 2003.0),
            id="guard-year-in-own-sentence",
        ),
    ],
)
def test_first_dated_by_the_sentence_before(text: str, present: tuple[str, float]) -> None:
    assert present in pairs(text)


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        # the sentence before tells no operation: its year dates something else
        pytest.param(
            "2008年,该院新门诊楼落成启用。该院首例肾移植由外院专家主刀。",
            ("first_transplant_year", 2008.0),
            id="guard-sentence-before-without-operation",
        ),
    ],
)
def test_first_not_dated_by_an_unrelated_sentence(text: str, absent: tuple[str, float]) -> None:
    check_figures(text, set(), {absent})


# --- number grammar: 一两 and 两三 are ranges of two consecutive numbers, like 三四 ---------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "院方表示,病人等待肾源通常要一两个月。",
            {("wait_time_days", 30.44, "at_least"), ("wait_time_days", 60.88, "at_most")},
            id="one-two-months",
        ),
        pytest.param(
            "據醫院說法,等候心臟供體大約兩三週。",
            {("wait_time_days", 14.0, "at_least"), ("wait_time_days", 21.0, "at_most")},
            id="hant-two-three-weeks",
        ),
        pytest.param(
            "该中心每年施行两三百例肾移植手术。",
            {
                ("transplants_in_period", 200.0, "at_least"),
                ("transplants_in_period", 300.0, "at_most"),
            },
            id="two-three-hundred",
        ),
        pytest.param(
            "病人等待肝源一般需要三四周。",
            {("wait_time_days", 21.0, "at_least"), ("wait_time_days", 28.0, "at_most")},
            id="guard-three-four-weeks",
        ),
    ],
)
def test_couple_ranges(text: str, expected: set[tuple[str, float, str]]) -> None:
    assert expected <= figure_triples(text)
