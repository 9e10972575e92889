"""English families of real-text mistakes fixed for issue 14 (sixth pass, ren5). Every
sentence here was written for these tests in the style of the family (synthetic test
material, not quotes from the real-text sets and not evidence). Each positive case names a
figure the rules before this pass missed or got wrong; each negative names one that must
stay out."""

from __future__ import annotations

from transplant_audit.extract.core import extract_candidates

from .conftest import figure_pairs as found


def _first_years(text: str) -> list[tuple[float, str]]:
    """(year, organ) of every first_transplant_year candidate, duplicates kept."""
    return sorted(
        (c.value, c.organ)
        for c in extract_candidates(text)
        if c.indicator == "first_transplant_year"
    )


# --- first years: each kind a first names, the same year, the first case --------------------


def test_a_first_naming_two_kinds_gives_one_year_each() -> None:
    text = (
        "Dr. Lee performed the region's first kidney transplant in 1972, and the first "
        "liver transplant and lung transplant followed in 1986."
    )
    assert _first_years(text) == [(1972.0, "kidney"), (1986.0, "liver"), (1986.0, "lung")]


def test_kinds_begun_in_a_list_are_one_first_each_but_not_the_others() -> None:
    text = (
        "Surgeons at the centre started performing kidney transplants in 1995. That year "
        "it also began carrying out heart, lung, and other multi-organ transplants."
    )
    assert _first_years(text) == [(1995.0, "heart"), (1995.0, "kidney"), (1995.0, "lung")]


def test_in_the_same_year_takes_the_year_of_the_sentence_before() -> None:
    text = (
        "In 2004, the hospital opened a new surgical building. Its staff grew quickly. "
        "In the same year, it completed the first liver transplant in the county."
    )
    assert ("first_transplant_year", 2004.0) in found(text)


def test_the_first_successful_case_of_the_transplantation_named() -> None:
    text = (
        "Heart transplantation was not offered in the city until the first successful case "
        "was carried out at a provincial hospital in May 1998."
    )
    assert ("first_transplant_year", 1998.0) in found(text)


def test_a_compound_or_combined_kind_stays_one_first() -> None:
    for text in (
        "In 2009 the team did the first combined heart-liver transplantation in the province.",
        "In 2011 it completed the province's first kidney and pancreas transplant.",
        "In 2013 it did the first kidney transplant after cardiac death in the city.",
    ):
        assert len(_first_years(text)) == 1, text


def test_no_first_without_a_first_or_a_year() -> None:
    text = (
        "In 2004, the hospital opened a new surgical building. In the same year, it "
        "completed 120 liver transplants."
    )
    assert not _first_years(text)
    assert not _first_years("The kidney transplant team held its first case conference in 2015.")
