"""The command line run in a fresh process, as a user runs it: one helper for the tests that
need a real process (exit codes, stderr, file modes, environment variables, ``python -m``).

``run_cli`` runs ``python -m transplant_audit ARGS`` (the same command line as the
``transplant-audit`` script) on this worktree's src/, never on another installed copy."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

SRC = str(Path(__file__).resolve().parents[1] / "src")
"""This worktree's src/, put first on the child's PYTHONPATH."""


def cli_env(**extra: str) -> dict[str, str]:
    """The caller's environment for a child CLI: no TRANSPLANT_AUDIT_DB (a store set for the
    test session must not leak in), output 200 columns wide (no wrapped messages), this
    worktree's src/ first on PYTHONPATH, then ``extra``."""
    env = {**os.environ, "COLUMNS": "200"}
    env.pop("TRANSPLANT_AUDIT_DB", None)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (SRC, env.get("PYTHONPATH")) if p)
    env.update(extra)
    return env


def run_cli(
    *args: str,
    env: dict[str, str] | None = None,
    stdin: str = "",
    cwd: Path | None = None,
    timeout: float = 300,
) -> subprocess.CompletedProcess[str]:
    """``python -m transplant_audit ARGS`` with ``env`` (``cli_env()`` when None) and ``stdin``
    as its input (empty: a command that waits for input gets end-of-file, not a hang)."""
    return subprocess.run(
        [sys.executable, "-m", "transplant_audit", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=cli_env() if env is None else env,
        cwd=cwd,
        timeout=timeout,
        check=False,
    )
