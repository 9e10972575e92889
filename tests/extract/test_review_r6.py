"""Bugs a review of the sixth rules passes found (r6), each shown on a sentence written for
this test: the test fails on the code before the fix (main at c1a1404)."""

from __future__ import annotations

import pytest

from .conftest import figure_pairs as pairs


def test_a_plural_group_waiting_on_average_is_a_stated_wait() -> None:
    """EN_ONE_PERSON_WAIT_RE read any word after 'while' as one person, so a stated average
    ('while Canadians waited an average of 4 years') was dropped as an anecdote."""
    text = "In 2015, while Canadians waited an average of 4 years for a kidney, others did not."
    assert ("wait_time_days", 1461.0) in pairs(text)
    assert not pairs("After Chua waited only two weeks, he received a kidney.")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("日前,该院移植中心共有医生30名。", {("transplant_surgeons", 30.0)}),
        (
            "当天,肝移植中心现有外科医生25名,护士40名。",
            {("transplant_surgeons", 25.0), ("transplant_nurses", 40.0)},
        ),
    ],
)
def test_a_news_opener_is_not_one_operation(text: str, expected: set) -> None:
    """ZH_ONE_OPERATION_RE took 日前/当天 (ordinary news openers) for one operation told as
    news, and dropped the unit's staffing."""
    assert expected <= pairs(text)


@pytest.mark.parametrize("verb", ["educated", "cultivated"])
def test_people_educated_over_the_years_are_no_headcount(verb: str) -> None:
    """The cheap 'train' check before EN_TRAINED_BEFORE_RE skipped the pattern's other verbs."""
    text = f"The transplant centre has {verb} more than 200 transplant surgeons."
    assert not pairs(text)
