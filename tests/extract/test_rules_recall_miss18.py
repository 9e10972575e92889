"""Recall of bare counts that continue a count named before them (helper miss18).

Every sentence here was written for this file by the helper (none is copied from a real-text
set); each test states the figure it expects, or the figure that must NOT appear. The family
was found by a scratch instrument kept outside the repository (it copies the per-number
loop): gold values no rules candidate carried on the readable real-text sets because the
bare number never got a unit (the next items of a ranking, 'accounted for N', 'that number
had risen to N', 'by the end of 2018').
"""

from __future__ import annotations

import pytest

from transplant_audit.extract.core import extract_candidates


def _found(text: str) -> dict[float, str]:
    return {c.value: c.indicator for c in extract_candidates(text)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The City Hospital led the region with 140 liver transplants in 2021, followed by "
            "the Provincial Hospital with 95 and the Medical College with 61.",
            {140.0, 95.0, 61.0},
        ),
        (
            "Last year the heart centre performed the most transplants, at 52 cases, followed by "
            "the Children's Hospital at 38 cases and the Union Hospital at 27.",
            {52.0, 38.0, 27.0},
        ),
    ],
)
def test_next_items_of_a_ranking_count_what_the_first_counts(
    text: str, expected: set[float]
) -> None:
    found = _found(text)
    assert expected <= set(found)
    assert {found[v] for v in expected} == {"transplants_in_period"}


def test_a_share_and_the_ranked_items_after_it_keep_the_whole_counts_period() -> None:
    found = _found(
        "Of the 900 organ transplants performed in the province last year, kidney "
        "transplants accounted for 512, followed by liver and heart transplants with 230 and "
        "118, respectively."
    )
    for value in (900.0, 512.0, 230.0, 118.0):
        assert found.get(value) == "transplants_in_period", value


def test_donors_accounting_for_a_share_count_the_transplants_before() -> None:
    """'accounted for' opens a part of the count before (counters._en_subset): the
    transplants split by donor kind, not a count of donors (GUIDE.md, subsets)."""
    found = _found(
        "Surgeons at the centre performed 300 transplants in 2018, and living donors "
        "accounted for 120."
    )
    assert found.get(120.0) == "transplants_in_period"


def test_that_number_counts_the_transplants_named_before() -> None:
    found = _found(
        "In 1999 the country reported 2,480 kidney transplants annually. By 2006, that "
        "number had risen to approximately 7,000."
    )
    assert found.get(7000.0, "").startswith("transplants_")


def test_a_continued_count_dated_by_the_end_of_a_year() -> None:
    found = _found(
        "The region recorded 45 deceased organ donors in 2011, and that number rose to 310 "
        "by the end of 2018."
    )
    assert found.get(310.0) == "opo_donors"


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        # the figure before is no count of transplants or donors: beds
        (
            "The province has 12,000 hospital beds for transplant patients, followed by the "
            "capital with 3,000.",
            3000.0,
        ),
        # the figure before stands in another sentence
        (
            "The hospital did 200 kidney transplants in 2020. It was followed by a second "
            "hospital with 150.",
            150.0,
        ),
        # a year after 'followed by' is no item
        ("The clinic did 200 kidney transplants in 2020, followed by a pause in 2021.", 2021.0),
        # a year where the next item's count would stand ('at', 'with') is still no item
        ("Tokyo led with 109 transplants, followed by Kyoto, which joined at 2019.", 2019.0),
        # a multiple, no count
        (
            "In 2005 the clinic reported 420 liver transplants a year. By 2012, that number had "
            "risen to 3 times that level.",
            3.0,
        ),
        # 'that number' of centres, no transplants
        (
            "The region has 40 dialysis centres, and that number rose to 65 by the end of 2018.",
            65.0,
        ),
        # 'accounted for' a share in percent is no count
        ("Kidney transplants accounted for 60 percent of the total.", 60.0),
        # 'for' after anything but 'accounted' continues no count
        (
            "The centre did 300 liver transplants in 2019, and paid for 120, while others paid "
            "nothing.",
            120.0,
        ),
    ],
)
def test_near_misses_stay_without_a_figure(text: str, absent: float) -> None:
    assert absent not in _found(text)


@pytest.mark.parametrize(
    ("text", "value", "indicator"),
    [
        (
            "To date, the unit has performed more than 260 successful adult and paediatric "
            "living and deceased donor kidney transplantations.",
            260.0,
            "transplants_cumulative",
        ),
        (
            "The transplant department employs 9 chief and associate chief physicians.",
            9.0,
            "transplant_surgeons",
        ),
    ],
)
def test_a_long_run_of_organ_donor_and_rank_words_keeps_its_counter(
    text: str, value: float, indicator: str
) -> None:
    assert _found(text).get(value) == indicator


def test_a_run_of_other_words_or_one_opening_on_and_reads_no_counter() -> None:
    from transplant_audit.extract.counters import read_counter

    norm = "ward 12 and paediatric living donor liver transplants"
    assert read_counter(norm, norm.index("12") + 2).uclass == ""  # opens on 'and'
    norm = "had 40 young healthy and adult liver transplants"
    assert read_counter(norm, norm.index("40") + 2).uclass == ""  # 'young', 'healthy'
    norm = "had 40 adult and paediatric living and deceased donor liver transplants"
    assert read_counter(norm, norm.index("40") + 2).uclass == "ops"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("過去器捐人數每年平均一百人,去年一百五十八人創下新高。", {100.0, 158.0}),
        ("該院器捐人數二○一七年為八十人,二○一八年增至一百零五人。", {80.0, 105.0}),
    ],
)
def test_a_chinese_headcount_of_a_later_year_continues_the_donors_before(
    text: str, expected: set[float]
) -> None:
    found = _found(text)
    assert {found.get(v) for v in expected} == {"opo_donors"}


@pytest.mark.parametrize(
    "text",
    [
        # another noun between: the medical staff at an event, no donors
        "器捐人數去年為一百二十人,另有醫護人員五十八人參加活動。",
        # the count before stands in another sentence
        "器捐人數去年為一百二十人。去年五十八人參加了活動。",
    ],
)
def test_a_chinese_headcount_not_continuing_the_donors_stays_without_a_figure(text: str) -> None:
    assert 58.0 not in _found(text)
