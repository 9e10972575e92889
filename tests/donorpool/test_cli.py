"""``transplant-audit donorpool`` as a user runs it (the installed console script)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from cli_process import cli_env, run_cli


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return run_cli("donorpool", *args, env=cli_env(COLUMNS="120"))


def test_done_criterion_seven_vs_365_days(tmp_path: Path) -> None:
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    for wait, out in (("7", a), ("365", b)):
        r = _run("--organ", "kidney", "--wait-days", wait, "--draws", "1000", "--json", str(out))
        assert r.returncode == 0, r.stderr
    ra = json.loads(a.read_text())["rows"][0]
    rb = json.loads(b.read_text())["rows"][0]
    assert ra["volume"] == rb["volume"]
    assert ra["donors_per_year_median"] > rb["donors_per_year_median"]


def test_official_2015_donors_say_whether_steady(tmp_path: Path) -> None:
    r = _run("--donors", "2766", "--volume", "10057", "--draws", "1000", "--json", "-")
    assert r.returncode == 0, r.stderr
    rows = json.loads(r.stdout)["rows"]
    assert {row["organ"] for row in rows} == {"kidney", "liver"}
    for row in rows:
        assert isinstance(row["steady_state"], bool)
        assert set(row) >= {
            "organ",
            "year",
            "donors_per_year",
            "volume",
            "steady_state",
            "wait_days_median",
            "wait_days_p05",
            "wait_days_p95",
            "backlog_growth_per_year",
        }
        if row["steady_state"]:
            assert row["wait_days_median"] is not None


def test_table_output_says_steady_state() -> None:
    r = _run("--donors", "2766", "--volume", "10057", "--draws", "200")
    assert r.returncode == 0, r.stderr
    assert "steady" in r.stdout


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (("--organ", "heart"), "--organ"),
        (("--wait-days", "-3"), "wait-days"),
        (("--volume", "0"), "volume"),
        (("--donors", "100", "--wait-days", "7"), "opposite"),
        (("--hla", "a2"), "--hla"),
        (("--volume", "1", "--volume-from-estimate"), "not both"),
    ],
)
def test_bad_input_exits_2_with_one_line(args: tuple[str, ...], needle: str) -> None:
    r = _run(*args, "--draws", "100")
    assert r.returncode == 2
    assert needle in r.stderr
    assert "Traceback" not in r.stderr


def test_no_per_patient_input() -> None:
    # The ethical line: nothing asks for one person's blood group or HLA type.
    r = _run("--blood-group", "A")
    assert r.returncode == 2
    help_text = _run("--help").stdout.lower()
    assert "blood-group" not in help_text and "hla-type" not in help_text
