"""Counts and their names (issue 14, the sixth rules pass, pc5): families of real-text mistakes
in naming a count (in a period or a running total; transplants, donors, organs, surgeons).
Every sentence here was written for these tests in the style of its family (synthetic test
material: not quoted from any page, not evidence). Each positive case asserts a reading the
rules before this pass got wrong; each negative case a reading that must stay as it was."""

from __future__ import annotations

import pytest

from .conftest import figure_pairs as pairs

IN = "transplants_in_period"
CUM = "transplants_cumulative"
SURGEONS = "transplant_surgeons"


def check(text: str, expected: set[tuple[str, float]], absent: set[tuple[str, float]]) -> None:
    got = pairs(text)
    assert expected <= got, (text, got)
    assert not (absent & got), (text, got)


# --- ranked staff of a department its paragraph never ties to transplantation ---------------


@pytest.mark.parametrize(
    ("text", "values"),
    [
        (
            "The department of thoracic surgery now has 5 professors, 7 associate chief "
            "physicians and 12 attending physicians.",
            (5, 7, 12),
        ),
        ("心血管内科现有主任医师6名,副主任医师9名,主治医师11名。", (6, 9, 11)),
        ("神經外科現有主任醫師4名,副主任醫師5名。", (4, 5)),
    ],
)
def test_ranked_staff_of_another_department_are_no_transplant_surgeons(
    text: str, values: tuple[int, ...]
) -> None:
    got = pairs(text)
    assert not {(SURGEONS, float(v)) for v in values} & got, got


@pytest.mark.parametrize(
    ("text", "values"),
    [
        # the paragraph says transplantation: a transplant unit's surgeons
        (
            "The department of urology has 3 chief surgeons and 4 associate chief surgeons. "
            "It began kidney transplantation in 1982.",
            (3, 4),
        ),
        ("肾移植科现有主任医师5名,副主任医师6名。", (5, 6)),
        # no department named ('It has', a profile's own unit): kept as before
        (
            "It has 2 chief surgeons, 6 associate chief surgeons and 8 attending surgeons.",
            (2, 6, 8),
        ),
    ],
)
def test_ranked_staff_tied_to_transplantation_stay_surgeons(
    text: str, values: tuple[int, ...]
) -> None:
    check(text, {(SURGEONS, float(v)) for v in values}, set())
