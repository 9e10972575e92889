"""A count for a period or a running total when no cue names either (issue 14, helper name18).

English tells a running total in the perfect ('has performed', 'have been done'); a count with
no cue told otherwise is the count of a period, a study or an event (period._en_no_perfect).
The perfect, a mark passed, a programme's first operation, or a running total or as-of date in
the sentence before keep the running total; Chinese has no tense to read and keeps it too.
Every sentence here was WRITTEN HERE for these tests (synthetic test material, not quotes from
the real-text sets and not evidence). Each case names the figure the rules must give and the
one they must not."""

from __future__ import annotations

import pytest

from transplant_audit.extract.period import PeriodView, decide

from .conftest import check_figures

IN_PERIOD = "transplants_in_period"
CUMULATIVE = "transplants_cumulative"

CASES = [
    # --- English with no perfect and no cue: a period's, a study's or an event's count ----
    pytest.param(
        "Investigators identified 212 foreign transplants in the hospital records.",
        {(IN_PERIOD, 212.0)},
        {(CUMULATIVE, 212.0)},
        id="en-study-identified",
    ),
    pytest.param(
        "The broker who arranged the five kidney transplants was arrested in Delhi.",
        {(IN_PERIOD, 5.0)},
        {(CUMULATIVE, 5.0)},
        id="en-event-arranged",
    ),
    pytest.param(
        "About 64% (3,410) of the transplants used kidneys from living donors.",
        {(IN_PERIOD, 3410.0)},
        {(CUMULATIVE, 3410.0)},
        id="en-share-of-transplants",
    ),
    # --- near misses: the perfect, a mark, a start or a running total before keep it ------
    pytest.param(
        "The hospital has performed 2,300 liver transplants.",
        {(CUMULATIVE, 2300.0)},
        {(IN_PERIOD, 2300.0)},
        id="near-miss-perfect",
    ),
    pytest.param(
        "Having completed 640 heart transplants, the team is the largest in the region.",
        {(CUMULATIVE, 640.0)},
        {(IN_PERIOD, 640.0)},
        id="near-miss-having",
    ),
    pytest.param(
        "The centre reached a milestone this spring. It completed 3,000 kidney transplants.",
        {(CUMULATIVE, 3000.0)},
        {(IN_PERIOD, 3000.0)},
        id="near-miss-milestone-in-the-sentence-before",
    ),
    pytest.param(
        "After its first liver transplant in 1998, the unit completed 850 liver transplants.",
        {(CUMULATIVE, 850.0)},
        {(IN_PERIOD, 850.0)},
        id="near-miss-from-the-programmes-start",
    ),
    pytest.param(
        "As of June 30, 2022, transplants by organ:\n  • Kidney = 1,480\n  • Liver = 920",
        {(CUMULATIVE, 1480.0), (CUMULATIVE, 920.0)},
        {(IN_PERIOD, 1480.0), (IN_PERIOD, 920.0)},
        id="near-miss-as-of-list",
    ),
    pytest.param(
        "该院完成肝移植手术1200余例。",
        {(CUMULATIVE, 1200.0)},
        {(IN_PERIOD, 1200.0)},
        id="near-miss-chinese-has-no-tense",
    ),
]


@pytest.mark.parametrize(("text", "present", "absent"), CASES)
def test_count_with_no_cue(text: str, present: set, absent: set) -> None:
    check_figures(text, present, absent)


def _view(sentence: str, previous: str = "") -> PeriodView:
    """A view of a figure at the end of ``sentence`` (normalized text is lower case)."""
    s = sentence.lower()
    return PeriodView(clause=s, left_clause=s, sentence=s, sentence_left=s, previous=previous)


@pytest.mark.parametrize(
    ("sentence", "previous", "kind"),
    [
        ("the company coordinated", "", "in_period"),
        ("the company has coordinated", "", "cumulative"),
        ("the company coordinated", "the programme has grown.", "cumulative"),
        ("the company coordinated", "by the end of 2019, a total of 40 were done.", "cumulative"),
        ("the company coordinated", "it began in 2001.", "cumulative"),
        ("该公司协调了", "", "cumulative"),
    ],
)
def test_decide_reason_names_the_step(sentence: str, previous: str, kind: str) -> None:
    """The decision itself: the English step answers in_period with its own reason, and
    every guard leaves the no-cue default."""
    got = decide(_view(sentence, previous))
    assert got.kind == kind
    if kind == "in_period":
        assert "no perfect" in got.reason
    else:
        assert got.reason == "no cue: a bare count"
