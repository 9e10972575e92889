"""Families of Chinese real-text mistakes (simplified and traditional) fixed for issue 14,
seventh rules pass (rzh6). Every sentence here was written for these tests in new words
(synthetic test material: not quoted from any page, not evidence). Each positive case asserts
a figure the rules of main before this pass (dd443ca) missed or labelled wrongly, or a number
they wrongly read that must now stay out; cases whose id starts with ``guard-`` already held
on dd443ca: they guard the pass, they do not show what it added."""

from __future__ import annotations

import pytest

from .conftest import check_figures
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
        pytest.param(
            "患者移植后住院约二十天即可回家。",
            ("avg_length_of_stay_days", 20.0),
            id="guard-about",
        ),
    ],
)
def test_typical_stay_is_kept(text: str, present: tuple[str, float]) -> None:
    assert present in pairs(text)
