"""Three families read on heldout22's tune half after its one blind score (h22r, 2026-12-07),
fixed at their cause; the sentences here are written for the tests, none is quoted from a set.

- **'This year' inside an as-of date names no period.** In '12 patients have had heart
  transplants there, as of May this year' the rules took 'this year' for a per-year word after
  the figure and called the count the year's; the as-of date makes it a running total
  (``period._in_as_of_date``).
- **'The period' since a year runs to now.** 'The unit began kidney transplants in 2015 ... since
  2015, and completed 210 kidney transplants during the period' read 'during the period' as a
  short named span; after 'since YEAR' it is the unit's life (``period._period_since_year``).
  'Over the same period' with a span that ends stays a period's count.
- **A surgeon's career by another word.** 在他30年的外科医生生涯里 (his surgeon's career) made
  no career cue (only 从医生涯, 手术生涯, ... did), so the count went to the unit
  (``classify._ZH_CAREER_RE``).
"""

from __future__ import annotations

import pytest

from transplant_audit.extract import learned


def _read(text: str, method: str = "rules") -> list[tuple[str, float]]:
    return [(c.indicator, c.value) for c in learned.extract(text, method=method)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "12 patients have had heart transplants there, as of May this year.",
            ("transplants_cumulative", 12.0),
        ),
        (
            "40 residents have received liver transplants abroad, as of June last year.",
            ("transplants_cumulative", 40.0),
        ),
    ],
)
def test_this_year_in_an_as_of_date_dates_a_total(text: str, expected: tuple[str, float]) -> None:
    assert expected in _read(text)


def test_this_year_alone_stays_a_period() -> None:
    got = _read("The hospital performed 40 liver transplants this year.")
    assert ("transplants_in_period", 40.0) in got


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The unit has offered kidney transplants since 2015, and completed 210 kidney "
            "transplants during the period.",
            ("transplants_cumulative", 210.0),
        ),
        (
            "Between 2015 and 2018 the unit completed 210 kidney transplants, and 90 liver "
            "transplants over the same period.",
            ("transplants_in_period", 90.0),
        ),
        (
            "The unit completed 210 kidney transplants during the period.",
            ("transplants_in_period", 210.0),
        ),
    ],
)
def test_the_period_since_a_year_is_the_units_life(text: str, expected: tuple[str, float]) -> None:
    assert expected in _read(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "在他30年的外科医生生涯里,肾脏移植手术已逾两千例。",
            ("surgeon_transplants_cumulative", 2000.0),
        ),
        ("在她的职业生涯中,共完成肝移植800余例。", ("surgeon_transplants_cumulative", 800.0)),
        ("该院移植中心成立20年来,共完成肝移植800余例。", ("transplants_cumulative", 800.0)),
    ],
)
def test_a_surgeons_career_by_another_word(text: str, expected: tuple[str, float]) -> None:
    assert expected in _read(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the review of h22r: an as-of date of a later count, a period's end, a period with ends
        (
            "The study followed 764 people undergoing heart transplants, and 120 of them had "
            "died as of May.",
            ("transplants_in_period", 764.0),
        ),
        (
            "The unit performed 40 liver transplants, from January until May this year.",
            ("transplants_in_period", 40.0),
        ),
        (
            "The unit has offered kidney transplants since 2015, and completed 210 kidney "
            "transplants during the period from March to June.",
            ("transplants_in_period", 210.0),
        ),
        (
            "在他30年的外科醫師生涯中,共完成肝移植2000餘例。",
            ("surgeon_transplants_cumulative", 2000.0),
        ),
    ],
)
def test_the_reviews_cases_keep_their_reading(text: str, expected: tuple[str, float]) -> None:
    assert expected in _read(text)
