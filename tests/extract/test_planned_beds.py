"""Beds of a building not yet in use are planned beds, not beds in use.

Found while gathering evidence (docs/gathering.md): a 2009 news item on a building whose
foundation stone was just laid ("建成后总床位数720张") was read as 720 beds in use.
"""

from transplant_audit.extract.core import extract_candidates


def _beds(text: str, language: str) -> list[tuple[str, float]]:
    return [
        (c.indicator, c.value)
        for c in extract_candidates(text, language=language)
        if c.indicator.endswith("beds") or c.indicator.endswith("beds_planned")
    ]


def test_beds_after_completion_are_planned() -> None:
    text = "该医院综合楼今日奠基,总建筑面积17.6万平方米,建成后总床位数720张。"
    assert _beds(text, "zh-Hans") == [("total_beds_planned", 720.0)]


def test_transplant_building_under_construction_in_english() -> None:
    text = "The new organ transplant building, under construction, will have 300 transplant beds."
    assert _beds(text, "en") == [("transplant_beds_planned", 300.0)]


def test_a_building_that_has_opened_has_beds_in_use() -> None:
    text = "新落成的器官移植中心建筑面积4.6万平方米,共有移植床位500余张。"
    assert _beds(text, "zh-Hans") == [("transplant_beds", 500.0)]


def test_beds_in_use_stay_in_use() -> None:
    assert _beds("医院现有床位3000张。", "zh-Hans") == [("total_beds", 3000.0)]
