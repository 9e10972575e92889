"""Importing a package written before bed scopes, hospital aliases and licences.

SYNTHETIC: the older package is the conftest's synthetic package with the new
columns and resource removed, as packages written before them looked.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from typer.testing import CliRunner

from transplant_audit.cli import app
from transplant_audit.evidence.package import legacy_changes, read_package, upgrade_package


def _drop_column(path: Path, column: str) -> None:
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    header = [c for c in rows[0] if c != column]
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=header, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")


@pytest.fixture()
def older_package(synthetic_package: Path) -> Path:
    _drop_column(synthetic_package / "observations.csv", "bed_scope")
    _drop_column(synthetic_package / "hospitals.csv", "aliases")
    hospitals = synthetic_package / "hospitals.csv"
    hospitals.write_text(
        hospitals.read_text(encoding="utf-8").replace(",true,false,", ",true,,"), encoding="utf-8"
    )
    (synthetic_package / "licences.csv").unlink()
    return synthetic_package


def test_current_package_needs_nothing(synthetic_package: Path) -> None:
    assert legacy_changes(synthetic_package) == []


def test_upgrade_fills_unknown_for_beds_only(older_package: Path, tmp_path: Path) -> None:
    changes = upgrade_package(older_package, tmp_path / "new")
    assert any("2 bed figures get bed_scope 'unknown'" in c for c in changes)
    assert any("1 empty licensed cells become 'unknown'" in c for c in changes)
    evidence = read_package(tmp_path / "new")
    obs = evidence.observations
    beds = obs["indicator"] == "transplant_beds"
    assert set(obs.loc[beds, "bed_scope"]) == {"unknown"}
    assert obs.loc[~beds, "bed_scope"].isna().all()
    assert set(evidence.hospitals["licensed"]) == {"true", "unknown"}
    assert evidence.licences.empty


def test_cli_import_of_older_package_says_so(older_package: Path, tmp_path: Path) -> None:
    env = {"TRANSPLANT_AUDIT_HOME": str(tmp_path / "home"), "COLUMNS": "250"}
    result = CliRunner().invoke(app, ["import", str(older_package)], env=env)
    assert result.exit_code == 0, result.output
    assert "older package" in result.output
    assert "bed_scope 'unknown'" in result.output
    exported = tmp_path / "out"
    assert CliRunner().invoke(app, ["export", str(exported)], env=env).exit_code == 0
    assert "bed_scope" in (exported / "observations.csv").read_text(encoding="utf-8").split("\n")[0]
