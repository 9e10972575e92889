"""The CLI and the bundled (real, sourced) data package: structure and invariants, not values."""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest
from rich.console import Console

from transplant_audit.estimate import estimate
from transplant_audit.evidence.package import read_package


@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):
    """Run ``transplant-audit ARGS`` in-process through ``cli.main`` (exit code and streams)."""
    from transplant_audit import cli as cli_module
    from transplant_audit.estimate import commands

    def run(args: list[str], home: Path) -> Run:
        monkeypatch.setenv("TRANSPLANT_AUDIT_HOME", str(home))
        monkeypatch.delenv("TRANSPLANT_AUDIT_DB", raising=False)
        monkeypatch.setattr(sys, "argv", ["transplant-audit", *args])
        monkeypatch.setattr(commands, "console", Console(width=200, force_terminal=False))
        code = 0
        try:
            cli_module.main()
        except SystemExit as exc:
            code = int(exc.code or 0)
        out = capsys.readouterr()
        return Run(code, out.out, out.err)

    return run


@pytest.fixture(scope="module")
def bundled(bundled_dir: Path):
    return read_package(bundled_dir)


def test_bundled_estimate_invariants(bundled):
    r = estimate(bundled, draws=300, years="2005-2016")
    d, c, k = (r.national_draws[s] for s in ("documented", "combined", "capacity"))
    assert np.all(c >= d - 1e-6)  # combined is never below what hospitals reported
    assert np.all(k > 0) and np.all(d >= 0)
    off = r.official()
    assert 10057 in set(off[off.year == 2015]["value"])  # Huang Jiefu, 2015
    assert 0 < r.imputed_share < 1
    assert len(r.by_hospital()) > 0 and len(r.check()) > 0
    assert r.inputs_digest.startswith("sha256:") and len(r.inputs_digest) == 71


def test_cli_estimate_json_csv_check(tmp_path: Path, cli):
    out = tmp_path / "est.json"
    p = cli(
        [
            "estimate",
            "--draws",
            "200",
            "--years",
            "2010-2016",
            "--check",
            "--sobol-n",
            "16",
            "--json",
            str(out),
            "--csv",
            str(tmp_path / "csv"),
        ],
        tmp_path / "home",
    )
    assert p.returncode == 0, p.stderr
    assert "Backtest" in p.stdout and "official claim" in p.stdout and "What drives" in p.stdout
    data = json.loads(out.read_text(encoding="utf-8"))
    assert {r["year"] for r in data["national"]} == set(range(2010, 2017))
    assert {r["scenario"] for r in data["national"]} == {
        "documented",
        "capacity",
        "combined",
        "calibrated",
    }
    assert {r["check"] for r in data["validation"]} == {"leave_one_hospital_out", "synthetic_truth"}
    official = [r for r in data["implied_utilisation"] if r["party"] == "chinese_official"]
    assert official and all(
        0 < r["implied_utilisation_p05"] <= r["implied_utilisation_median"] for r in official
    )
    assert "Validation of the calibrated model" in p.stdout and "R-hat" in p.stdout
    assert data["sensitivity"] and data["official"] and data["by_hospital"]
    assert data["inputs_digest"].startswith("sha256:")
    assert (tmp_path / "csv" / "national.csv").is_file() and (
        tmp_path / "csv" / "check.csv"
    ).is_file()


def test_cli_refuses_bad_input_with_one_line(tmp_path: Path, cli):
    bad = tmp_path / "over.yaml"
    bad.write_text("occupancy: {distribution: uniform, low: 0.9, high: 1.1}\n", encoding="utf-8")
    p = cli(
        ["estimate", "--draws", "10", "--no-sensitivity", "--assumptions", str(bad)], tmp_path / "h"
    )
    assert p.returncode == 2
    assert "unknown assumption 'occupancy'" in p.stderr and "Traceback" not in p.stderr
    bad.write_text(
        "length_of_stay_days_liver: {distribution: uniform, low: -2, high: 20}\n", encoding="utf-8"
    )
    p = cli(
        ["estimate", "--draws", "10", "--no-sensitivity", "--assumptions", str(bad)], tmp_path / "h"
    )
    assert p.returncode == 2 and "length_of_stay_days_liver" in p.stderr and "above 0" in p.stderr
    p = cli(
        ["estimate", "--draws", "10", "--no-sensitivity", "--years", "1990-1995"], tmp_path / "h"
    )
    assert p.returncode == 2 and "outside the evidence" in p.stderr


def test_cli_explain_prints_sources(tmp_path: Path, bundled, cli):
    p = cli(["explain", "tianjin_first_central", "2008", "--draws", "200"], tmp_path / "home")
    assert p.returncode == 0, p.stderr
    # its bed figures are shown with their sources, used or left out (with the reason)
    assert "transplant_beds" in p.stdout and "http" in p.stdout
    # a licensed hospital has at least the licence minimum: the bed assumptions are listed
    p = cli(["explain", "renji", "2010", "--draws", "200"], tmp_path / "home")
    assert p.returncode == 0, p.stderr
    assert "occupancy_rate" in p.stdout and "licensed=yes" in p.stdout
