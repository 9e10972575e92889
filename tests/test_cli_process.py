"""tests/cli_process.py runs this worktree's code: a child started with ``cli_env()`` imports
transplant_audit from this worktree's src/, even when the caller's PYTHONPATH is unset and
another copy is installed (as /work/main is on the machine where it was written), and even
from another directory."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from cli_process import SRC, cli_env, run_cli

_WHERE = "import transplant_audit; print(transplant_audit.__file__)"


def test_a_child_imports_this_worktrees_package(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("PYTHONPATH", raising=False)
    out = subprocess.run(
        [sys.executable, "-c", _WHERE], env=cli_env(), cwd=tmp_path, capture_output=True,
        text=True, check=True, timeout=60,
    ).stdout  # fmt: skip
    assert Path(out.strip()).resolve().is_relative_to(Path(SRC).resolve())


def test_run_cli_gives_a_usage_error_exit_2(tmp_path: Path) -> None:
    r = run_cli("no-such-command", cwd=tmp_path)
    assert r.returncode == 2 and "no-such-command" in r.stderr
