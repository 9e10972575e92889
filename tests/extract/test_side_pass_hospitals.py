"""The hospital a side pass (years.py, tables.py) gives each of its figures: the one named
last before the figure, as the main pipeline does. SYNTHETIC sentences and tables written
for these tests (东江市第一人民医院 is the fixtures' made-up hospital)."""

from __future__ import annotations

import pytest

from transplant_audit.extract.core import extract_candidates

HOSP = "东江市第一人民医院"
HOSP_HANT = "東江市第一人民醫院"
OTHER = "上海市第一人民医院"


def _hospitals_of(text: str, indicator: str) -> dict[float, str]:
    """Value → hospital of each candidate of ``indicator`` the rules find in ``text``."""
    return {c.value: c.hospital for c in extract_candidates(text) if c.indicator == indicator}


# --- a Chinese first-list said in turn (years._zh_years_in_turn) ---------------------------


@pytest.mark.parametrize(
    ("text", "hospital", "years"),
    [
        # the later year of the list, after the year the phrase is read with
        (f"{HOSP}1998年、2001年先后开展了肝移植和心脏移植。", HOSP, {1998.0, 2001.0}),
        (f"{HOSP_HANT}1998年、2001年先後開展了肝移植和心臟移植。", HOSP_HANT, {1998.0, 2001.0}),
        # the earlier and the later year around the one the phrase is read with
        (
            f"{HOSP}于1998年、2001年、2005年分别开展了首例肝移植、肾移植和心脏移植。",
            HOSP,
            {1998.0, 2001.0, 2005.0},
        ),
        # a hospital named before, another one after: each year is the first one's
        (
            f"{OTHER}器官移植中心简介。{HOSP}2003年、2006年和2010年相继开展了肝、肺和心脏移植。",
            HOSP,
            {2003.0, 2006.0, 2010.0},
        ),
    ],
    ids=["two-years", "two-years-hant", "three-years", "two-hospitals"],
)
def test_every_year_of_a_first_list_in_turn_names_the_hospital(
    text: str, hospital: str, years: set[float]
) -> None:
    got = _hospitals_of(text, "first_transplant_year")
    assert set(got) == years, got
    assert all(h == hospital for h in got.values()), got


def test_a_first_list_without_a_hospital_names_none() -> None:
    got = _hospitals_of("该中心1998年、2001年先后开展了肝移植和心脏移植。", "first_transplant_year")
    assert set(got) == {1998.0, 2001.0} and set(got.values()) == {""}, got


# --- a year table under a hospital's name (tables._year_table_candidates) ------------------

TABLE = "| 年度 | 肾移植总量 | 尸体肾移植 |\n| 2009 | 164 | 21 |\n| 2010 | 180 | 30 |\n"


def test_year_table_cells_name_the_hospital_before_the_table() -> None:
    got = _hospitals_of(f"{HOSP}肾移植年度统计\n{TABLE}", "transplants_in_period")
    assert set(got) == {164.0, 21.0, 180.0, 30.0}, got
    assert set(got.values()) == {HOSP}, got


def test_year_table_cells_name_the_last_hospital_before_them_not_the_first() -> None:
    text = f"{OTHER}器官移植中心简介。{HOSP}肾移植年度统计\n{TABLE}"
    got = _hospitals_of(text, "transplants_in_period")
    assert set(got) == {164.0, 21.0, 180.0, 30.0}, got
    assert set(got.values()) == {HOSP}, got
