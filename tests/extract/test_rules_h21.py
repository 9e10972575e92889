"""Two families read on heldout21's tune half after its one blind score (h21r, 2026-12-07),
fixed at their cause; the sentences here are written for the tests, none is quoted from a set.

- **A span's last year is no count.** In '210 patients died between 2001 and 2003 waiting for
  organ transplants' the rules read 2003 as a waiting list of 2,003 people
  (``core._span_end_year``). A range of counts with its counter after it ('between 1990 and
  2000 transplants') keeps its reading.
- **A list of donated organs counted by name.** After 'The donated organs included four
  hearts,' the rules read the first organ only (the word of donation is in its clause) and
  left the rest (``patterns.EN_DONATED_ORGANS_LIST_RE``: the word of donation heads the list);
  a list that a verb of transplanting heads stays transplants, and one body's organs stay out.

A re-read by a reviewer who wrote none of it found a crash (a four-character number that is
no run of digits, '20.5', reached ``int``), a transplant list split in two after 'donors' in
an earlier clause, and one donor's organs counted; the tests below hold all three.
"""

from __future__ import annotations

import pytest

from transplant_audit.extract import learned


def _read(text: str, method: str = "rules") -> list[tuple[str, float]]:
    return [(c.indicator, c.value) for c in learned.extract(text, method=method)]


@pytest.mark.parametrize("method", ["rules", "combined", "learned"])
@pytest.mark.parametrize(
    "text",
    [
        "According to the group, 210 patients died between 2001 and 2003 waiting for organs.",
        "Some 80 people died from 1998 to 2004 waiting for a kidney.",
        "between 2011 and 2013 waiting lists grew in every province.",
    ],
)
def test_the_last_year_of_a_span_is_no_count(text: str, method: str) -> None:
    got = _read(text, method)
    assert not [g for g in got if g[1] in (2003.0, 2004.0, 2013.0)], got


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Between 1990 and 2000 transplants a year were done.", ("transplants_in_period", 2000.0)),
        (
            "Between 2001 and 2008 the hospital performed 3000 kidney transplants.",
            ("transplants_in_period", 3000.0),
        ),
        ("Since 2015, 2017 transplants have been done here.", ("transplants_cumulative", 2017.0)),
    ],
)
def test_counts_near_a_span_keep_their_reading(text: str, expected: tuple[str, float]) -> None:
    assert expected in _read(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The donated organs included four hearts, five lungs, six livers and ten kidneys.",
            [4.0, 5.0, 6.0, 10.0],
        ),
        ("The donations yielded 70 kidneys, 34 livers and eight hearts.", [70.0, 34.0, 8.0]),
    ],
)
def test_every_organ_of_a_donated_list_counts(text: str, expected: list[float]) -> None:
    got = _read(text)
    assert [v for ind, v in got if ind == "opo_organs_utilised"] == expected, got


def test_a_transplanted_list_after_donors_stays_transplants() -> None:
    got = _read("Organs from 40 donors: surgeons transplanted 60 kidneys, 30 livers and 10 hearts.")
    assert ("opo_donors", 40.0) in got
    assert [v for ind, v in got if ind == "transplants_in_period"] == [60.0, 30.0, 10.0], got


def test_one_body_s_organs_stay_out() -> None:
    assert _read("He donated his organs; his two kidneys, a liver and a heart saved four.") == []


@pytest.mark.parametrize("method", ["combined", "learned"])
def test_the_learned_spans_leave_out_what_the_rules_read_as_a_year(method: str) -> None:
    """``core.year_not_count`` is one reading for both: a timeline entry's year (tl26) and a
    span's last year are no span of the learned step either."""
    got = _read("Our history\n1988-First split-liver transplant surgery performed.", method)
    assert not [g for g in got if g[0] != "first_transplant_year"], got


@pytest.mark.parametrize("method", ["rules", "combined", "learned"])
@pytest.mark.parametrize(
    "text",
    [
        "The rate rose from 1999 to 20.5 percent.",
        "Between 2010 and 20 万 people",
        "from 1990 to 19.9",
    ],
)
def test_a_span_to_a_number_that_is_no_year_does_not_crash(text: str, method: str) -> None:
    assert isinstance(_read(text, method), list)


@pytest.mark.parametrize(
    "text",
    [
        "Thanks to 40 donors, transplants last year included 60 kidneys, 30 livers and 10 hearts.",
        "The hospital, which had 40 donors in 2019, transplanted 60 kidneys, 30 livers, 10 hearts.",
        "Donor numbers rose, and the surgeons replaced 60 kidneys, 30 livers and 10 hearts.",
    ],
)
def test_donors_in_an_earlier_clause_do_not_name_a_list(text: str) -> None:
    got = _read(text)
    assert not [g for g in got if g[0] == "opo_organs_utilised"], got


@pytest.mark.parametrize(
    "text",
    [
        "The 25-year-old donor's organs included two kidneys, two lungs and two corneas.",
        "The donor, a 30-year-old teacher, gave two kidneys, two lungs and two corneas.",
    ],
)
def test_one_donor_s_organs_stay_out(text: str) -> None:
    assert _read(text) == []


def test_a_singular_organ_keeps_the_donated_list_going() -> None:
    got = _read("The donations yielded 70 kidneys, 1 liver and 8 hearts.")
    assert [v for ind, v in got if ind == "opo_organs_utilised"] == [70.0, 1.0, 8.0], got
