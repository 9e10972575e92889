"""The pure extractor on small synthetic sentences (fictional hospitals)."""

from __future__ import annotations

import json

import pytest

from transplant_audit.evidence.vocabulary import INDICATORS, ORGANS, Qualifier
from transplant_audit.extract.core import detect_language, extract_candidates


def one(text: str):  # noqa: ANN201
    cands = extract_candidates(text)
    assert len(cands) == 1, [(c.indicator, c.stated) for c in cands]
    return cands[0]


@pytest.mark.parametrize(
    ("text", "indicator", "value", "qualifier", "organ"),
    [
        ("该院至今已完成肝移植1200余例。", "transplants_cumulative", 1200, "at_least", "liver"),
        ("该院累计完成肾移植近千例。", "transplants_cumulative", 1000, "approx", "kidney"),
        ("该院2015年完成肝移植两千多例。", "transplants_in_period", 2000, "at_least", "liver"),
        ("该院开放床位约1500张。", "total_beds", 1500, "approx", ""),
        ("移植中心有床位200张左右。", "transplant_beds", 200, "approx", ""),
        ("病人等待肾源不到两周。", "wait_time_days", 14, "at_most", "kidney"),
        ("患者等待肝源约3个月。", "wait_time_days", 3 * 365.25 / 12, "approx", "liver"),
        ("一次肝移植费用约为20万元。", "price_cny", 200000, "approx", "liver"),
        ("外国人换肾需6万美元。", "price_usd", 60000, "exact", "kidney"),
        ("床位使用率达112%。", "bed_occupancy_rate", 1.12, "exact", ""),
        ("該院移植病床500張。", "transplant_beds", 500, "exact", ""),
        ("The hospital has 1,500 beds.", "total_beds", 1500, "exact", ""),
        (
            "It did more than 300 liver transplants in 2015.",
            "transplants_in_period",
            300,
            "at_least",
            "liver",
        ),
        (
            "Patients waited up to two weeks for a kidney.",
            "wait_time_days",
            14,
            "at_most",
            "kidney",
        ),
        ("A kidney transplant cost US$62,000.", "price_usd", 62000, "exact", "kidney"),
    ],
)
def test_figures(text: str, indicator: str, value: float, qualifier: str, organ: str) -> None:
    c = one(text)
    assert (c.indicator, c.qualifier, c.organ) == (indicator, qualifier, organ)
    assert c.value == pytest.approx(value)
    assert c.unit == INDICATORS[indicator].unit


@pytest.mark.parametrize(
    "text",
    [
        "咨询电话：0571-87236114。",
        "发布时间：2014年3月18日。",
        "详见第12页。",
        "该院肝移植排名全国第3名。",
        "地址：解放路128号3号楼。",
        "Call +86 20 8765 4321.",
        "Published on May 16, 2016.",
        "See page 212 and Table 4.",
        "The hospital ranked No. 3 nationwide.",
        "Address: 128 Jiefang Road, Room 301.",
        "患者今年52岁。",
        "他是一名肝移植外科医生。",
    ],
)
def test_non_figures_are_not_extracted(text: str) -> None:
    assert extract_candidates(text) == []


def test_span_points_into_the_original_text() -> None:
    text = "東江醫院器官移植中心擁有移植病床１５０張，累計完成腎移植４３００餘例。"
    found = extract_candidates(text)
    assert [c.value for c in found] == [150, 4300]  # full-width digits: not an empty loop
    for c in found:
        assert text[c.start : c.end] == c.stated
        assert c.snippet[c.start - c.snippet_start : c.end - c.snippet_start] == c.stated


def test_traditional_reads_like_simplified() -> None:
    hans = extract_candidates("该中心累计完成肾移植2000余例，肝移植1200例。")
    hant = extract_candidates("該中心累計完成腎移植2000餘例，肝移植1200例。")
    key = [(c.indicator, c.organ, c.value, c.qualifier) for c in hans]
    assert key == [(c.indicator, c.organ, c.value, c.qualifier) for c in hant]
    assert len(key) == 2


def test_range_gives_two_bounds() -> None:
    cands = extract_candidates("一次肝移植的费用为30万元至50万元。")
    assert [(c.value, c.qualifier) for c in cands] == [(300000, "at_least"), (500000, "at_most")]


def test_ordinal_transplant_is_a_running_total() -> None:
    c = one("2012年5月，该院完成第500例肝移植。")
    assert (c.indicator, c.value, c.as_of) == ("transplants_cumulative", 500, "2012-05")


def test_per_day_and_period_fields() -> None:
    c = one("该中心一天内完成肾移植7例。")
    assert (c.indicator, c.period) == ("transplants_per_day_max", "P1D")
    c = one("2010年至2014年，该院共完成肾移植手术1862例。")
    assert (c.indicator, c.period, c.period_start, c.period_end) == (
        "transplants_in_period",
        "2010/2014",
        "2010",
        "2014",
    )


def test_hospital_named_nearest_before() -> None:
    cands = extract_candidates("北川省人民医院开放床位2000张。西岭市中心医院开放床位900张。")
    assert [c.hospital for c in cands] == ["北川省人民医院", "西岭市中心医院"]


def test_english_hospital_names() -> None:
    from transplant_audit.extract.core import find_hospitals

    text = (
        "In 2015, Tianjin First Central Hospital grew. The First Affiliated Hospital of "
        "Zhejiang University and Riverside Provincial People's Hospital did too."
    )
    assert [name for _, name in find_hospitals(text)] == [
        "Tianjin First Central Hospital",
        "First Affiliated Hospital of Zhejiang University",
        "Riverside Provincial People's Hospital",
    ]


def test_candidates_are_valid_vocabulary_and_json() -> None:
    text = "该院移植中心成立于2001年，2003年完成首例肝移植，现有移植医生15名、护士30名。"
    cands = extract_candidates(text)
    assert {c.indicator for c in cands} >= {
        "transplant_unit_founded_year",
        "first_transplant_year",
        "transplant_surgeons",
    }
    for c in cands:
        assert c.indicator in INDICATORS
        assert c.organ == "" or c.organ in ORGANS
        assert c.qualifier in set(Qualifier)
        d = json.loads(json.dumps(c.to_dict(), ensure_ascii=False))
        assert {
            "indicator",
            "organ",
            "value",
            "qualifier",
            "unit",
            "period",
            "start",
            "end",
            "snippet",
        } <= set(d)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("该院肝移植中心", "zh-Hans"),
        ("該院肝移植中心醫院", "zh-Hant"),
        ("The hospital", "en"),
        ("", "en"),
    ],
)
def test_detect_language(text: str, lang: str) -> None:
    assert detect_language(text) == lang
