"""tools/godt.py: the GODT country table as reference series (a build step of its own).

The small GODT-like tables written here are SYNTHETIC (made-up countries and
figures); the last test reads the bundled data package.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pandas as pd
import pytest

from transplant_audit.errors import DataError

REPO = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("godt_step", REPO / "tools" / "godt.py")
godt = importlib.util.module_from_spec(_spec)
sys.modules["godt_step"] = godt
_spec.loader.exec_module(godt)

URL = "https://example.org/synthetic/godt.csv"
HEADER = "REGION,COUNTRY,REPORTYEAR,POPULATION,TOTAL Actual DD,DD Kidney Tx\n"


def _write(tmp: Path, body: str, spec_column: str = "TOTAL Actual DD") -> tuple[Path, Path]:
    shared, src = tmp / "shared", tmp / "src"
    shared.mkdir(parents=True)
    src.mkdir(parents=True)
    (shared / godt.GODT_FILE).write_text(HEADER + body, encoding="utf-8")
    (src / godt.COLUMNS_FILE).write_text(
        "godt_column,series,unit,source_url,note\n"
        f"{spec_column},deceased_donors,donors,{URL},synthetic\n",
        encoding="utf-8",
    )
    return shared, src


def _resolve(url: str, file: str, line: int, column: str) -> str:
    assert url == URL
    return "src_synthetic"


def _hash(prefix: str, *parts: str) -> str:
    return prefix + str(abs(hash(parts)) % 10**10).zfill(10)


def test_rows_repaired_names_and_no_filled_cells(tmp_path: Path) -> None:
    shared, src = _write(
        tmp_path,
        "Africa,CÃ´te dâ€™Ivoire,2010,20,5,NA\n"
        "Europe,Testland,2010,1,NA,3\n"
        "Europe,Testland,2011,1,12,4\n",
    )
    rows = godt.godt_reference_rows(shared, src, _resolve, _hash)
    assert [(r["country"], r["year"], r["value"]) for r in rows] == [
        ("Côte d’Ivoire", 2010, 5.0),
        ("Testland", 2011, 12.0),
    ]
    assert rows[1]["locator"].startswith("godt_global_organ_donation_2000_2017: COUNTRY")
    assert "column 'TOTAL Actual DD'" in rows[1]["locator"]
    assert all(r["source_id"] == "src_synthetic" for r in rows)


def test_no_column_map_adds_nothing(tmp_path: Path) -> None:
    shared, src = _write(tmp_path, "Europe,Testland,2011,1,12,4\n")
    (src / godt.COLUMNS_FILE).unlink()
    assert godt.godt_reference_rows(shared, src, _resolve, _hash) == []


def test_unknown_column_and_bad_count_are_refused(tmp_path: Path) -> None:
    shared, src = _write(tmp_path, "Europe,Testland,2011,1,12,4\n", spec_column="No Such")
    with pytest.raises(DataError) as info:
        godt.godt_reference_rows(shared, src, _resolve, _hash)
    assert info.value.field == "godt_column" and info.value.row == 2
    shared2, src2 = _write(tmp_path / "b", "Europe,Testland,2011,1,12.5,4\n")
    with pytest.raises(DataError) as info:
        godt.godt_reference_rows(shared2, src2, _resolve, _hash)
    assert info.value.row == 2 and info.value.field == "TOTAL Actual DD"


def test_bundled_package_has_the_godt_reference_set() -> None:
    ref = pd.read_csv(REPO / "data" / "reference_series.csv")
    g = ref[ref["locator"].fillna("").str.startswith("godt_global_organ_donation")]
    donors = g[g["series"] == "deceased_donors"]
    long_enough = donors.groupby("country")["year"].nunique()
    assert (long_enough >= 8).sum() >= 50  # the README: 83 countries for 8 or more years
    china = g[(g["country"] == "China") & (g["series"] == "deceased_donor_kidney_transplants")]
    assert set(china[china["year"].between(2010, 2014)]["value"]) == {4577}
