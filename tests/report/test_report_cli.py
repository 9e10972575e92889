"""``transplant-audit report`` end to end on the bundled data package (real engines)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from transplant_audit.cli import app
from transplant_audit.report.commands import group_problems


@pytest.mark.slow
def test_report_command_on_bundled_data(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("TRANSPLANT_AUDIT_HOME", str(tmp_path / "home"))  # no store: bundled data
    monkeypatch.delenv("TRANSPLANT_AUDIT_DB", raising=False)
    out = tmp_path / "report"
    result = CliRunner().invoke(
        app, ["report", "--out", str(out), "--draws", "300", "--seed", "11", "--no-pdf"]
    )
    assert result.exit_code == 0, result.output
    assert f"Wrote {out / 'index.html'}" in result.output.replace("\n", "")
    html = (out / "index.html").read_text()
    inputs = json.loads((out / "data" / "inputs.json").read_text())
    assert inputs["draws"] == 300 and inputs["seed"] == 11
    assert inputs["data_package_digest"].startswith("sha256:")
    assert inputs["counts"]["sources"] > 100  # the real bundled package, not a fixture
    if "estimate" not in inputs["not_available"]:
        assert "Estimated transplants in China in" in result.output
        assert (out / "data" / "national_series.csv").is_file()
        assert 'id="chart-national_series"' in html
    else:  # the estimate could not run: the report says why, and still has the evidence
        assert "Not available: estimate" in html
    assert (out / "data" / "coverage_by_year.csv").is_file()


def test_bad_draws_is_exit_code_2(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["report", "--out", str(tmp_path / "r"), "--draws", "5"])
    assert result.exit_code == 2
    assert not (tmp_path / "r").exists()


def test_problems_are_grouped_by_reason() -> None:
    lines = group_problems(
        [f"derivation of h{i} in 2019: TypeError: boom" for i in range(5)] + ["tornado: empty"]
    )
    assert lines == [
        "derivation of h0 in 2019, derivation of h1 in 2019, derivation of h2 in 2019 (+2 more): "
        "TypeError: boom",
        "tornado: empty",
    ]


def test_manifest_without_a_store_is_exit_code_2(tmp_path: Path, monkeypatch, capsys) -> None:
    from transplant_audit.cli import main

    monkeypatch.setenv("TRANSPLANT_AUDIT_HOME", str(tmp_path / "empty-home"))
    monkeypatch.delenv("TRANSPLANT_AUDIT_DB", raising=False)
    argv = ["transplant-audit", "report", "--out", str(tmp_path / "r"), "--manifest", "--no-pdf"]
    monkeypatch.setattr("sys.argv", argv)
    with pytest.raises(SystemExit) as stop:
        main()
    assert stop.value.code == 2
    assert "--manifest needs an evidence store" in capsys.readouterr().err.replace("\n", "")
    assert not (tmp_path / "r").exists()
    assert not (tmp_path / "empty-home").exists()  # checking for a store creates nothing


def test_a_failing_section_fails_the_command_and_writes_nothing(
    tmp_path: Path, monkeypatch, capsys
) -> None:
    """One section raises: exit code 2, one line naming the section and the cause, no report,
    no temporary directory. SYNTHETIC evidence and results (tests/report/conftest.py)."""
    from transplant_audit.cli import main
    from transplant_audit.report import build as build_mod
    from transplant_audit.report import commands as report_commands

    from .conftest import FakeEstimate, FakeForensics, make_synthetic_evidence

    monkeypatch.setattr(report_commands, "load_for_report", lambda h, d: make_synthetic_evidence())
    monkeypatch.setattr(
        build_mod,
        "analyse",
        lambda ev, **kw: build_mod.Analyses(estimate=FakeEstimate(), forensics=FakeForensics()),
    )

    def broken(ev, notes):  # noqa: ANN001, ANN202
        raise ValueError("a broken table (synthetic)")

    monkeypatch.setattr(build_mod, "official_and_claims", broken)
    out = tmp_path / "r"
    monkeypatch.setattr("sys.argv", ["transplant-audit", "report", "--out", str(out), "--no-pdf"])
    with pytest.raises(SystemExit) as stop:
        main()
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert "report section 'official' failed: ValueError: a broken table (synthetic)" in err
    assert "Traceback" not in err
    assert list(tmp_path.iterdir()) == []  # neither the report nor a temporary directory
