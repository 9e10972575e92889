"""The bad-input catalogue, through ``transplant-audit import`` on SQLite and PostgreSQL.

Each case breaks one thing in the SYNTHETIC package. The import must refuse it
with one line naming file, row, field and reason, exit with code 2, and leave
the store exactly as it was (the good package was imported first, so "nothing
half-imported" is checked against a non-empty store).

One seeded store per backend serves the whole module: a refused import must
leave it as it was, so every case compares against the same snapshot.

The catalogue runs with our own validation rules only (``quick_validation``:
Frictionless's extra pass costs most of a second per package and catches none
of these first); ``test_full_validation_path_refuses_too`` runs the unpatched
``import`` once per backend.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy import select

from transplant_audit import cli
from transplant_audit.evidence.schema import RESOURCE_MODELS
from transplant_audit.evidence.store import Store


@dataclass(frozen=True)
class Case:
    name: str
    file: str
    field: str | None
    reason: str
    make: Callable[[object, Path], tuple[Path, str]]
    """(syn, dir) -> (package path, text that must be on the error's row)."""


def _edit_obs(key: str, **changes: str) -> Callable[[object, Path], tuple[Path, str]]:
    def make(syn, path: Path) -> tuple[Path, str]:  # type: ignore[no-untyped-def]
        frames = syn.frames()
        obs = frames["observations"].copy()
        for column, value in changes.items():
            obs.loc[obs["id"] == syn.OBS[key], column] = value
        return syn.write(path, {"observations": obs}), syn.OBS[key]

    return make


def _duplicate(syn, path: Path) -> tuple[Path, str]:  # type: ignore[no-untyped-def]
    obs = syn.frames()["observations"]
    twin = obs[obs["id"] == syn.OBS["beds_a_1"]].copy()
    twin["value"] = "999"
    return syn.write(path, {"observations": pd.concat([obs, twin])}), ",999,"


def _malformed(syn, path: Path) -> tuple[Path, str]:  # type: ignore[no-untyped-def]
    pkg = syn.write(path)
    csv_path = pkg / "observations.csv"
    lines = csv_path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[2] = lines[2].replace(",", ',"', 1)  # an opening quote that never closes
    csv_path.write_text("".join(lines), encoding="utf-8")
    return pkg, lines[2].split(",", 1)[0]


def _short_row(syn, path: Path) -> tuple[Path, str]:  # type: ignore[no-untyped-def]
    pkg = syn.write(path)
    csv_path = pkg / "claims.csv"
    lines = csv_path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[1] = ",".join(lines[1].split(",")[:5]) + "\n"
    csv_path.write_text("".join(lines), encoding="utf-8")
    return pkg, lines[1].split(",", 1)[0]


def _wrong_encoding(syn, path: Path) -> tuple[Path, str]:  # type: ignore[no-untyped-def]
    pkg = syn.write(path)
    csv_path = pkg / "hospitals.csv"
    text = csv_path.read_text(encoding="utf-8")
    csv_path.write_bytes(text.encode("gb18030"))  # Chinese names, not UTF-8
    return pkg, "syn_alpha"


CASES = [
    Case("unknown indicator", "observations.csv", "indicator", "unknown indicator",
         _edit_obs("beds_a_1", indicator="transplant_bedz")),
    Case("unknown unit", "observations.csv", "unit", "unit of transplant_beds",
         _edit_obs("beds_a_1", unit="weeks")),
    Case("missing source id", "observations.csv", "source_id", "required",
         _edit_obs("beds_a_1", source_id="")),
    Case("dangling source id", "observations.csv", "source_id", "no source with this id",
         _edit_obs("beds_a_1", source_id="src_00000000ff")),
    Case("duplicate id", "observations.csv", "id", "duplicate", _duplicate),
    Case("negative count", "observations.csv", "value", "cannot be negative",
         _edit_obs("beds_a_1", value="-5")),
    Case("occupancy above 3", "observations.csv", "value", "cannot exceed 3",
         _edit_obs("beds_b", value="3.5")),
    Case("as-of date in the future", "observations.csv", "as_of", "in the future",
         _edit_obs("beds_a_1", as_of="2999-01-01")),
    Case("malformed CSV", "observations.csv", None, "", _malformed),
    Case("row with missing cells", "claims.csv", None, "cells", _short_row),
    Case("wrong encoding", "hospitals.csv", None, "UTF-8", _wrong_encoding),
]  # fmt: skip


def _dump(store: Store) -> dict[str, list[tuple]]:
    with store.session() as s:
        return {
            name: sorted(tuple(r) for r in s.execute(select(model.__table__)).all())
            for name, model in RESOURCE_MODELS.items()
        }


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def seeded(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    syn,  # type: ignore[no-untyped-def]
) -> tuple[str, dict[str, list[tuple]]]:
    """(URL, snapshot) of a store holding the good synthetic package, per backend."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('seeded') / 'store.sqlite'}"
    else:
        url = request.getfixturevalue("pg_url")  # a fresh database for this module
    with Store.open(url=url) as store:
        store.import_package(syn.write(tmp_path_factory.mktemp("good") / "pkg"), validate=False)
        return url, _dump(store)


def run_cli(
    args: list[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> tuple[int, str, str]:
    """Run ``transplant-audit ARGS`` in-process through the real entry point."""
    monkeypatch.setattr(sys, "argv", ["transplant-audit", *args])
    code = 0
    try:
        cli.main()
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def _line_of(package: Path, file: str, marker: str) -> int:
    data = (package / file).read_bytes()
    for number, line in enumerate(data.split(b"\n"), start=1):
        if marker.encode("utf-8") in line:
            return number
    raise AssertionError(f"{marker!r} not in {file}")


@pytest.mark.usefixtures("quick_validation")
@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_input_is_refused_with_one_line_and_nothing_changes(
    case: Case,
    seeded: tuple[str, dict[str, list[tuple]]],
    syn,  # type: ignore[no-untyped-def]
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    store_url, before = seeded
    bad, marker = case.make(syn, tmp_path / "bad")
    code, out, err = run_cli(["import", str(bad), "--db", store_url], monkeypatch, capsys)

    assert code == 2, (out, err)
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    line = lines[0]
    assert line.startswith("error: ")
    assert case.file in line
    assert case.reason in line
    if case.field is not None:
        assert f"field '{case.field}'" in line
    if case.name == "wrong encoding":  # placed by the byte that cannot be decoded
        assert "row " in line
    elif case.name == "malformed CSV":
        # An unclosed quote swallows the rest of the file into one record: the
        # error may name the line where it starts or the one where it ends.
        last = len((bad / case.file).read_bytes().rstrip(b"\n").split(b"\n"))
        start = _line_of(bad, case.file, marker)
        assert any(f"row {n}:" in line for n in (start, last)), line
    else:
        assert f"row {_line_of(bad, case.file, marker)}" in line, line
    with Store.open(url=store_url) as store:
        assert _dump(store) == before


def test_full_validation_path_refuses_too(
    seeded: tuple[str, dict[str, list[tuple]]],
    syn,  # type: ignore[no-untyped-def]
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Unpatched import (our rules + Frictionless): still one line, exit 2, store untouched."""
    store_url, before = seeded
    bad, marker = _edit_obs("beds_a_1", value="-5", unit="weeks")(syn, tmp_path / "bad")
    code, _out, err = run_cli(["import", str(bad), "--db", store_url], monkeypatch, capsys)
    assert code == 2
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    row = _line_of(bad, "observations.csv", marker)
    assert f"observations.csv, row {row}, field 'unit'" in lines[0]
    assert "and 1 more error " in lines[0]
    with Store.open(url=store_url) as store:
        assert _dump(store) == before
