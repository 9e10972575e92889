"""Usage errors through the INSTALLED console script (issue 10, hole 1).

The old main crashed every usage error with ``ModuleNotFoundError: No module
named 'click'`` (exit 1): these tests run ``transplant-audit`` itself in a
subprocess, as a user would, so a broken entry point or dependency shows here.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

SCRIPT = shutil.which("transplant-audit")

pytestmark = pytest.mark.skipif(
    SCRIPT is None and os.environ.get("CI") != "true",
    reason="the transplant-audit console script is not installed (pip install -e .)",
)


def _run(*args: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    assert SCRIPT is not None, "transplant-audit console script not on PATH"
    env = {**os.environ, "TRANSPLANT_AUDIT_HOME": str(tmp_path / "home"), "COLUMNS": "200"}
    return subprocess.run(
        [SCRIPT, *args], capture_output=True, text=True, env=env, timeout=120, check=False
    )


@pytest.mark.parametrize(
    ("args", "usage", "message"),
    [
        (["nosuchcmd"], "Usage: transplant-audit", "No such command 'nosuchcmd'"),
        (["show"], "Usage: transplant-audit show", "Missing argument"),
        (["estimate", "--draws", "abc"], "Usage: transplant-audit estimate", "--draws"),
        (["hospitals", "--provnce", "X"], "Usage: transplant-audit hospitals", "--provnce"),
    ],
    ids=["unknown-command", "missing-argument", "draws-not-int", "misspelt-option"],
)
def test_usage_error_exits_2_with_usage_line(
    args: list[str], usage: str, message: str, tmp_path: Path
) -> None:
    proc = _run(*args, tmp_path=tmp_path)
    assert proc.returncode == 2, proc.stderr
    assert usage in proc.stderr
    assert message in proc.stderr
    assert "Traceback" not in proc.stderr + proc.stdout
    assert "ModuleNotFoundError" not in proc.stderr


def test_data_error_is_one_line_exit_2(tmp_path: Path) -> None:
    bad = tmp_path / "series.csv"
    bad.write_text("a,b\n1,2\n", encoding="utf-8")
    proc = _run("forensics", "--csv", str(bad), tmp_path=tmp_path)
    assert proc.returncode == 2, proc.stderr
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, proc.stderr
    assert "series.csv" in lines[0] and "'year'" in lines[0] and "[missing-column]" in lines[0]
    assert "Traceback" not in proc.stderr


def test_help_exits_0(tmp_path: Path) -> None:
    proc = _run("--help", tmp_path=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "Usage: transplant-audit" in proc.stdout
