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


# --- people who received a transplant, people who need one ----------------------------------


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        # recipients counted by the verb that made them recipients
        (
            "Of the 412 patients undergoing kidney transplants at the centre, most did well.",
            {("transplants_in_period", 412.0)},
            set(),
        ),
        (
            "Last year 58 people had heart transplants in the province.",
            {("transplants_in_period", 58.0)},
            set(),
        ),
        (
            "Of 9,000 listed for a kidney transplant, only 2,300 underwent the operation in 2019.",
            {("transplants_in_period", 2300.0)},
            set(),
        ),
        (
            "Between 2008 and 2012, 1,310 Japanese patients underwent overseas KT.",
            {("transplants_in_period", 1310.0)},
            set(),
        ),
        # people who need or await a transplant are a waiting list, not transplants
        (
            "Some 80,000 patients need kidney transplants every year in the country.",
            {("waitlist_size", 80000.0)},
            set(),
        ),
        (
            "An estimated 600,000 residents need organ transplants each year.",
            {("waitlist_size", 600000.0)},
            {("transplants_in_period", 600000.0)},
        ),
        (
            "More than 900 patients await liver transplants at the two centres.",
            {("waitlist_size", 900.0)},
            set(),
        ),
        (
            "The registry lists 3,400 patients waiting for livers and 6,100 waiting for kidneys.",
            {("waitlist_size", 6100.0)},
            set(),
        ),
        # a flow into the list is not its size
        (
            "About 700 patients are added to the waiting list each month.",
            set(),
            {("waitlist_size", 700.0)},
        ),
    ],
)
def test_recipients_and_people_in_need(
    text: str, present: set[tuple[str, float]], absent: set[tuple[str, float]]
) -> None:
    check(text, present, absent)
