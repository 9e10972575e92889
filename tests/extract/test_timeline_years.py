"""A year that opens a timeline entry, joined by a dash to the capitalised event after it
('1988-First split-liver transplant surgery performed'), is that event's year, never a count
of the noun after it (tl26: the rules read it as 1,988 transplants in a running total as well
as the first year). Ranges of counts and a bed count before a hyphen keep their reading."""

from __future__ import annotations

import pytest

from transplant_audit.extract import learned


def _rules(text: str) -> list[tuple[str, float, str]]:
    return [(c.indicator, c.value, str(c.qualifier)) for c in learned.extract(text, method="rules")]


@pytest.mark.parametrize(
    "text",
    [
        "1988-First split-liver transplant surgery performed.",
        "1966-First successful pancreas transplant performed.",
        "- 1988-First split-liver transplant.",
        "Our history\n1993–First heart transplant in the region.",
    ],
)
def test_a_timeline_year_is_no_count(text: str) -> None:
    got = _rules(text)
    assert not [g for g in got if g[0] != "first_transplant_year"], got
    assert any(g[0] == "first_transplant_year" and g[1] in (1988, 1966, 1993) for g in got)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The hospital did 2000-3000 transplants.", ("transplants_in_period", 2000.0, "at_least")),
        ("A 1500-bed hospital opened in the city.", ("total_beds", 1500.0, "exact")),
        (
            "Since 2010, 1988 transplants have been done here.",
            ("transplants_cumulative", 1988.0, "exact"),
        ),
        ("2000-3000 transplants were done here.", ("transplants_in_period", 2000.0, "at_least")),
        ("2000-bed hospital opened here.", ("total_beds", 2000.0, "exact")),
        ("2000-Bed Hospital Opens Transplant Centre", ("total_beds", 2000.0, "exact")),
    ],
)
def test_other_numbers_keep_their_reading(text: str, expected: tuple) -> None:
    """A range of counts (a digit after the dash), a bed count (lower case after the hyphen,
    or the counter itself capitalised right after it), a year-like count mid-sentence (no
    dash, not at a line's start); the year-like ones at a line's start too."""
    assert expected in _rules(text)
