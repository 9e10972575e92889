"""English families of real-text mistakes fixed for issue 14 (fourth pass). Every sentence
here was written for these tests in the style of the family (synthetic test material, not
quotes from the real-text sets and not evidence). Each positive case names a figure the
rules before this pass missed or got wrong; each negative names one that must stay out."""

from __future__ import annotations

import pytest

from transplant_audit.extract.core import extract_candidates


def found(text: str) -> set[tuple[str, float]]:
    return {(c.indicator, round(c.value, 2)) for c in extract_candidates(text)}


def check(text: str, present: set[tuple[str, float]], absent: set[tuple[str, float]]) -> None:
    assert present or absent, "a case must expect or exclude a figure"
    got = found(text)
    assert present <= got, got
    assert not (absent & got), got


# --- number reading and sentence scope ----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        # a comma after the last digit group ends the number, it does not cut it to 100
        (
            "A kidney costs RMB¥90,000 and a liver RMB¥150,000, respectively.",
            {("price_cny", 150000.0)},
            {("price_cny", 150.0)},
        ),
        (
            "A heart transplant costs RMB 400,000, about twice the price of a kidney.",
            {("price_cny", 400000.0)},
            {("price_cny", 400.0)},
        ),
        # the dot of an abbreviation (U.S., Dr.) ends no sentence or clause
        (
            "The median waiting time for a lung transplant in the U.S. is 120 days.",
            {("wait_time_days", 120.0)},
            set(),
        ),
    ],
)
def test_number_reading_and_sentence_scope(
    text: str, present: set[tuple[str, float]], absent: set[tuple[str, float]]
) -> None:
    check(text, present, absent)
