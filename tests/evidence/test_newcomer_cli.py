"""A new user's first commands (issue 18): did-you-mean for hospitals, names accepted by
explain, and a store holding only captures says what happened and what to do."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from cli_process import cli_env, run_cli
from transplant_audit.errors import ConfigError
from transplant_audit.evidence.commands import did_you_mean, find_hospital
from transplant_audit.evidence.load import read_bundled


@pytest.fixture(scope="module")
def evidence():  # type: ignore[no-untyped-def]
    return read_bundled()


def test_a_typo_gets_a_did_you_mean(evidence) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ConfigError) as caught:
        find_hospital(evidence, "tianjin frist central")
    assert "did you mean: tianjin_first_central" in str(caught.value)
    assert did_you_mean("Tainjin", evidence.hospitals)[0] == "tianjin_first_central"
    assert did_you_mean("zzzzqqqq", evidence.hospitals) == []


def test_names_and_ids_find_the_same_hospital(evidence) -> None:  # type: ignore[no-untyped-def]
    by_name = find_hospital(evidence, "Tianjin First Central")
    assert by_name["id"] == find_hospital(evidence, "tianjin_first_central")["id"]


def _cli(args: list[str], home: Path) -> subprocess.CompletedProcess[str]:
    return run_cli(*args, env=cli_env(TRANSPLANT_AUDIT_HOME=str(home)), timeout=600)


def test_explain_accepts_a_name(tmp_path: Path) -> None:
    out = _cli(["explain", "Tianjin First Central", "2010", "-n", "200"], tmp_path / "home")
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("tianjin_first_central 2010")


def test_capture_before_import_warns_and_import_bundled_fixes_it(tmp_path: Path) -> None:
    home = tmp_path / "home"
    page = tmp_path / "page.html"
    page.write_text("<html><body>SYNTHETIC page: 12 transplants in 2010</body></html>", "utf-8")
    assert _cli(["capture", str(page)], home).returncode == 0
    empty = _cli(["hospitals"], home)
    assert empty.returncode == 0
    assert "no hospitals or observations" in empty.stderr
    assert "transplant-audit import --bundled" in empty.stderr
    assert _cli(["import", "--bundled"], home).returncode == 0
    full = _cli(["hospitals", "--json"], home)
    assert full.returncode == 0 and "warning" not in full.stderr
    assert '"tianjin_first_central"' in full.stdout
    both = _cli(["import", "--bundled", str(tmp_path)], home)
    assert both.returncode == 2 and "one of the two" in both.stderr
