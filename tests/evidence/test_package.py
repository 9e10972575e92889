"""The bundled data package in data/: valid, typed when read, round-trips exactly."""

from __future__ import annotations

import filecmp
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from transplant_audit.errors import DataError
from transplant_audit.evidence.frames import COLUMNS, NATIONAL
from transplant_audit.evidence.package import (
    RESOURCES,
    format_number,
    read_package,
    source_id,
    validate_package,
    write_package,
)
from transplant_audit.evidence.vocabulary import INDICATORS

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "data"


@pytest.fixture(scope="module")
def bundled():
    return read_package(DATA)


def test_bundled_package_validates_without_errors() -> None:
    errors = validate_package(DATA)
    assert errors == [], "\n".join(str(e) for e in errors[:20])


def test_read_package_types_and_columns(bundled) -> None:
    for name in RESOURCES:
        assert list(bundled.frame(name).columns) == COLUMNS[name]
    obs = bundled.observations
    assert obs["value"].dtype == "float64"
    assert str(bundled.official_series["year"].dtype) == "Int64"
    assert str(bundled.hospitals["military"].dtype) == "boolean"
    assert obs["organ"].isna().any(), "missing organ must be NA, not ''"
    assert not (obs["organ"] == "").any()
    assert bundled.digest.startswith("sha256:") and len(bundled.digest) == 71
    assert bundled.origin == str(DATA)


def test_every_row_has_a_source_that_resolves(bundled) -> None:
    ids = set(bundled.sources["id"])
    for name in ("hospitals", "observations", "official_series", "claims", "reference_series"):
        frame = bundled.frame(name)
        assert frame["source_id"].notna().all(), name
        assert set(frame["source_id"]) <= ids, name
    for cell in bundled.assumptions["source_ids"]:
        assert set(cell.split(";")) <= ids
    # source ids are sha256(url)[:10]
    for sid, url in zip(bundled.sources["id"], bundled.sources["url"], strict=True):
        assert sid == source_id(url)


def test_bundled_content_is_the_real_compilation(bundled) -> None:
    obs = bundled.observations
    assert len(bundled.hospitals) >= 120
    assert len(obs) >= 600
    assert set(obs["indicator"]) <= set(INDICATORS)
    assert (obs["status"] == "extracted").all()
    units = obs["indicator"].map(lambda i: INDICATORS[i].unit)
    assert (obs["unit"] == units).all()
    hospital_ids = set(bundled.hospitals["id"]) | {NATIONAL}
    assert set(obs["hospital_id"]) <= hospital_ids
    # conflicts are kept: Tianjin First Central's 500 and 700 transplant beds
    tianjin = obs[
        (obs["hospital_id"] == "tianjin_first_central") & (obs["indicator"] == "transplant_beds")
    ]
    assert {500.0, 700.0} <= set(tianjin["value"])
    # and both official 2017 donor counts
    donors = bundled.official_series
    d2017 = donors[(donors["series"] == "national_deceased_donors") & (donors["year"] == 2017)]
    assert {5135.0, 5148.0} <= set(d2017["value"])


def test_round_trip_read_write_is_byte_identical(bundled, tmp_path: Path) -> None:
    out = write_package(bundled, tmp_path / "copy")
    names = [f"{n}.csv" for n in RESOURCES] + ["datapackage.json"]
    match, mismatch, errors = filecmp.cmpfiles(DATA, out, names, shallow=False)
    assert mismatch == [] and errors == [], (mismatch, errors)
    again = read_package(out)
    for name in RESOURCES:
        pd.testing.assert_frame_equal(again.frame(name), bundled.frame(name))
    assert again.digest == bundled.digest


def test_write_is_deterministic_under_row_order(bundled, tmp_path: Path) -> None:
    shuffled = {name: bundled.frame(name).sample(frac=1.0, random_state=7) for name in RESOURCES}
    from transplant_audit.evidence.frames import Evidence

    write_package(Evidence(**shuffled, version=bundled.version), tmp_path / "a")
    write_package(bundled, tmp_path / "b")
    for name in [f"{n}.csv" for n in RESOURCES] + ["datapackage.json"]:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name


def test_read_package_refuses_invalid_package(tmp_path: Path, bundled) -> None:
    out = write_package(bundled, tmp_path / "bad")
    path = out / "observations.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    cells = lines[1].split(",")
    cells[2] = "not_an_indicator"
    lines[1] = ",".join(cells)
    path.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(DataError) as info:
        read_package(out)
    assert info.value.file == "observations.csv"
    assert info.value.row == 2


@pytest.mark.parametrize(
    ("value", "text"),
    [(500.0, "500"), (0.9, "0.9"), (1.311, "1.311"), (1e9, "1000000000"), (30.4375, "30.4375")],
)
def test_format_number(value: float, text: str) -> None:
    assert format_number(value) == text
    assert float(text) == value


@given(st.floats(allow_nan=False, allow_infinity=False, min_value=-1e15, max_value=1e15))
def test_format_number_round_trips_any_float(value: float) -> None:
    assert float(format_number(value)) == value
