"""Review rv1: EN_RANK_RE was searched only in windows of EN_RANK_WINDOW characters around
its gate words, but a superlative's look-ahead reads up to five words of any length to its
'transplant', so 'the busiest schedule of deceased-donor kidney transplants' (45 characters
past 'busiest') was cut off. Examples written for this test, not copied from a set."""

from __future__ import annotations

import pytest

from transplant_audit.extract import learned
from transplant_audit.extract import patterns as pat
from transplant_audit.extract.numbers import normalize
from transplant_audit.extract.ranks import _en_rank_matches


@pytest.mark.parametrize(
    "text",
    [
        "Renmin Hospital performs the busiest schedule of deceased-donor kidney transplants in "
        "China, about 300 a year.",
        "It had the largest programme of cardiac-death-donation liver-and-kidney transplants.",
    ],
)
def test_window_keeps_every_match_of_the_pattern(text: str) -> None:
    norm = normalize(text)
    want = [m.span() for m in pat.EN_RANK_RE.finditer(norm)]
    assert want
    assert [m.span() for m in _en_rank_matches(norm)] == want


def test_long_superlative_is_a_volume_rank() -> None:
    text = (
        "Renmin Hospital performs the busiest schedule of deceased-donor kidney transplants in "
        "China, about 300 a year."
    )
    got = {(c.indicator, c.value, c.organ) for c in learned.extract(text, method="rules")}
    assert ("volume_rank_national", 1.0, "kidney") in got


def test_rank_of_success_rate_is_no_volume_rank() -> None:
    text = "Our unit reports the highest success rate among adult heart transplants in the country."
    got = [c.indicator for c in learned.extract(text, method="rules")]
    assert not any(i.startswith("volume_rank") for i in got)


def test_hash_rank_far_before_its_ranking() -> None:
    """'#2 ... ranking': the gate word 'rank' may stand more than EN_RANK_WINDOW characters
    after the '#' the match starts at, so '#' is a gate word too."""
    text = (
        "The hospital was listed #2 transplantation establishments nationwide in the ranking of "
        "kidney transplant volume."
    )
    norm = normalize(text)
    assert [m.span() for m in _en_rank_matches(norm)] == [
        m.span() for m in pat.EN_RANK_RE.finditer(norm)
    ]
    got = {(c.indicator, c.value) for c in learned.extract(text, method="rules")}
    assert ("volume_rank_national", 2.0) in got


@pytest.mark.parametrize(
    "text",
    ["该中心每年的器官受者数量位居全国第一。", "本院受赠个案数量全国第一。"],
)
def test_zh_rank_with_a_cue_other_than_yizhi(text: str) -> None:
    """The side pass of Chinese ranks ran only when the text held 移植 or 换, though its
    sentence test (TRANSPLANT_CUE_RE) also takes 受者 and 受赠个案."""
    got = {(c.indicator, c.value) for c in learned.extract(text, method="rules")}
    assert ("volume_rank_national", 1.0) in got


def test_event_date_opening_the_text() -> None:
    """_en_event's cheap gate looked for ' on ', so a text opening with 'On April 5' (no space
    before it) never reached EN_EVENT_RE: the rooms of one day's operations were read as the
    unit's operating rooms."""
    text = "On April 5 the hospital performed 6 liver transplants in 6 operating rooms."
    got = {c.indicator for c in learned.extract(text, method="rules")}
    assert "operating_rooms" not in got
    assert "transplants_per_day_max" in got
