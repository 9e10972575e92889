"""``python -m transplant_audit`` runs the command line like the ``transplant-audit`` script:
its help, and a usage error that exits 2 with the message (rv11)."""

from __future__ import annotations

from pathlib import Path

from cli_process import run_cli


def test_python_m_shows_the_extract_help() -> None:
    done = run_cli("extract", "--help")
    assert done.returncode == 0, done.stderr
    assert "--method" in done.stdout


def test_python_m_usage_error_exits_non_zero_with_its_message(tmp_path: Path) -> None:
    doc = tmp_path / "a.txt"
    doc.write_text("In 2016 the hospital performed 560 kidney transplants.\n", encoding="utf-8")
    done = run_cli("extract", str(doc), "--method", "bogus", "--home", str(tmp_path / "home"))
    assert done.returncode == 2
    assert "--method must be one of" in done.stderr
