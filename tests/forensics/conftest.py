"""Fixtures for the forensics tests. Every series and evidence frame here is synthetic."""

from __future__ import annotations

import pandas as pd
import pytest

from transplant_audit.evidence.frames import COLUMNS, Evidence


def _empty(name: str) -> pd.DataFrame:
    return pd.DataFrame(columns=COLUMNS[name])


def make_evidence(official_rows: list[dict], reference_rows: list[dict] | None = None) -> Evidence:
    """Synthetic evidence with only official_series (and optionally reference_series) filled."""
    off = pd.DataFrame(official_rows, columns=COLUMNS["official_series"])
    ref = pd.DataFrame(reference_rows or [], columns=COLUMNS["reference_series"])
    return Evidence(
        sources=_empty("sources"),
        hospitals=_empty("hospitals"),
        observations=_empty("observations"),
        official_series=off,
        claims=_empty("claims"),
        assumptions=_empty("assumptions"),
        reference_series=ref,
        origin="synthetic (tests/forensics)",
    )


def off_row(
    series: str,
    year: int,
    value: float,
    source: str = "src_aaaaaaaaaa",
    *,
    unit: str = "donors",
    partial: bool = False,
    qualifier: str = "exact",
) -> dict:
    """One synthetic official_series row."""
    return {
        "id": f"off_{abs(hash((series, year, value, source))) % 10**10:010d}",
        "series": series,
        "year": year,
        "value": value,
        "unit": unit,
        "qualifier": qualifier,
        "partial_year": partial,
        "source_id": source,
        "locator": "synthetic",
        "note": "synthetic test row",
    }


@pytest.fixture
def synthetic_evidence() -> Evidence:
    """A synthetic official series with two conflicting years, an organs series and a counter."""
    rows = []
    donors = {
        2010: 40,
        2011: 230,
        2012: 580,
        2013: 1100,
        2014: 1770,
        2015: 2600,
        2016: 3590,
        2017: 4740,
        2018: 6050,
    }
    for y, v in donors.items():
        rows.append(off_row("national_deceased_donors", y, v, "src_1111111111"))
    rows.append(off_row("national_deceased_donors", 2010, 63, "src_2222222222"))
    rows.append(off_row("national_deceased_donors", 2017, 4753, "src_3333333333"))
    rows.append(off_row("national_deceased_donors", 2016, 2950, "src_1111111111", partial=True))
    for y, v in donors.items():
        rows.append(off_row("national_organs_donated", y, 3 * v, "src_1111111111", unit="organs"))
    rows.append(
        off_row(
            "redcross_counter_registrants_added_one_day",
            2015,
            25000,
            "src_4444444444",
            unit="persons",
            partial=True,
        )
    )
    rows.append(
        off_row("national_deceased_donors_pmp", 2018, 4.53, unit="donors per million population")
    )
    return make_evidence(rows)
