"""Three families read on the tune halves of heldout24 to heldout28 after heldout28's one blind
score (2026-12-07), fixed at their cause; every sentence here is written for the tests (synthetic),
none is quoted from a set.

- **A bed count used as an adjective describes what follows it** (beds7). 'a 500-bed
  facility' and 'the 500-bed Regional Hospital' are the whole hospital's beds even in a
  sentence about transplants (``classify._EN_BED_HOSPITAL_RE``); 'a 40-bed transplant ward' was
  read as 40 transplants, because the counter after 'bed' ('transplant') took over
  (``counters.read_counter``): now 40 transplant beds.
- **The year so far and a few numbered months are a named period** (per33): 'Since the
  beginning of the year, 43 transplants ...', 'in the first three months', 'over the
  four-month period' were read as running totals (``patterns.EN_SHORT_PERIOD_RE``).
- **Bare counts in parentheses, two or more in a row, after a count** (list33): 'Kidney is the
  most frequent (16,895), followed by liver (6,455), then heart (2,531)' gave nothing for the
  three items (``counters._paren_item_counter``); a year or a lone parenthesised number does not.

Measured with the rules on the pooled check halves of heldout3-28 (the judge): identical
(en 1,020 / 368 / 687 true / false / missed; the families are rare there); on the training
snippets (earlier sets whole and the tune halves) ten true figures more and seven false fewer,
all English.
"""

from __future__ import annotations

import pytest

from transplant_audit.extract.core import extract_candidates


def _read(text: str) -> list[tuple[str, float]]:
    return [(c.indicator, c.value) for c in extract_candidates(text)]


def test_a_hospital_wing_and_a_centre_facility_are_not_the_hospital() -> None:
    """The review's cases: the noun after 'hospital' names the part; a unit named just before
    'a 50-bed facility' owns it; 'United' is no 'unit'."""
    assert ("transplant_beds", 30) in _read("Transplant recipients stay in a 30-bed hospital wing.")
    got = _read("The transplant centre, a 50-bed facility, performed 300 kidney transplants.")
    assert ("total_beds", 50) not in got
    assert ("total_beds", 500) in _read(
        "Kidney transplants are done at the 500-bed United Hospital."
    )


@pytest.mark.parametrize(
    ("text", "beds"),
    [
        ("The 60th kidney transplant was done at City Hospital, a 700-bed facility, in May.", 700),
        ("Liver transplants began in the 450-bed Riverside General Hospital in 2012.", 450),
        ("Its transplant team works in a 900-bed multi-specialty teaching hospital.", 900),
    ],
)
def test_a_bed_count_before_a_hospital_is_the_hospitals(text: str, beds: float) -> None:
    got = _read(text)
    assert ("total_beds", beds) in got
    assert ("transplant_beds", beds) not in got


def test_a_bed_count_before_a_transplant_ward_is_its_beds() -> None:
    assert ("transplant_beds", 40) in _read("The hospital has a 40-bed transplant ward.")
    assert ("transplant_beds", 60) in _read("The 60-bed transplant center opened in 2004.")
    # the run of counters still names the unit when no hyphen joins the first to the number
    assert ("transplant_surgeons", 12) in _read("It employs 12 transplant surgeons.")


@pytest.mark.parametrize(
    "text",
    [
        "Since the beginning of the year, 37 transplants have been performed in the country.",
        "In total, in the first three months, 131 organ transplants were performed there.",
        "Over the five-month period, 240 persons have received transplanted organs.",
        "Year to date, 65 kidney transplants have been carried out at the centre.",
    ],
)
def test_the_year_so_far_and_a_few_months_are_a_period(text: str) -> None:
    got = _read(text)
    assert any(ind == "transplants_in_period" for ind, _ in got), got
    assert not any(ind == "transplants_cumulative" for ind, _ in got), got


def test_a_programme_since_a_year_is_still_a_running_total() -> None:
    got = _read("Since 1998 the centre has performed 1,400 kidney transplants.")
    assert ("transplants_cumulative", 1400) in got


def test_bare_counts_in_parentheses_after_a_count_are_its_items() -> None:
    text = (
        "In 2020 there were 9,120 transplants in the region. Kidney was the most frequent "
        "(5,210), followed by liver (2,340), then heart (880)."
    )
    got = _read(text)
    for value in (9120, 5210, 2340, 880):
        assert ("transplants_in_period", value) in got, got


@pytest.mark.parametrize(
    "text",
    [
        # a year in parentheses is no item
        "In 2020 there were 9,120 transplants in the region, then in Osaka (2021), Kyoto (2022).",
        # one parenthesised number alone is no list
        "In 2020 there were 9,120 transplants in the region, most of them kidneys (5,210).",
        # a share in parentheses is no count
        "In 2020 there were 9,120 transplants, kidneys (57%), livers (26%) and hearts (10%).",
        # numbered citations after countries, ages, a rate: no organ named before them
        "In 2019, 9,120 kidney transplants were done in India (12), followed by Brazil (13).",
        "In 2020 there were 9,120 transplants, the median age of recipients (45), donors (52).",
        # one bare count beside a share is no list of two
        "In 2020 there were 9,120 transplants. Kidney (5,210), liver (57%), then heart (880).",
    ],
)
def test_what_is_no_list_of_counts_stays_out(text: str) -> None:
    """The review's cases too: citations after countries, ages, rates, one bare count with a
    share beside it."""
    values = [v for _, v in _read(text)]
    assert values == [9120], values
