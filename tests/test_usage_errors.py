"""Usage errors through the INSTALLED console script (issue 10, hole 1).

The old main crashed every usage error with ``ModuleNotFoundError: No module
named 'click'`` (exit 1): these tests run ``transplant-audit`` itself in a
subprocess, as a user would, so a broken entry point or dependency shows here. The
error cases live in ``console_cases.py``, which ``.ci/clean_venv_check`` runs too.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from console_cases import CASES, COMMANDS, Case, help_problems, problems, run

SCRIPT = shutil.which("transplant-audit")

pytestmark = pytest.mark.skipif(
    SCRIPT is None and os.environ.get("CI") != "true",
    reason="the transplant-audit console script is not installed (pip install -e .)",
)


def _run(*args: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    assert SCRIPT is not None, "transplant-audit console script not on PATH"
    return run(SCRIPT, list(args), tmp_path)


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_error_exits_2_with_usage_panel_or_one_line(case: Case, tmp_path: Path) -> None:
    """Each case of ``console_cases`` (also run by ``.ci/clean_venv_check`` in a fresh venv)."""
    assert SCRIPT is not None, "transplant-audit console script not on PATH"
    assert problems(SCRIPT, case, tmp_path) == []


def test_the_checker_sees_a_traceback_and_a_second_line(tmp_path: Path) -> None:
    """``problems`` itself can fail: a script that dies with a traceback, exit 1, and one
    that prints two lines are both reported."""
    fake = tmp_path / "fake"
    fake.write_text(
        "#!/bin/sh\necho 'Traceback (most recent call last):' >&2\necho boom >&2\nexit 1\n"
    )
    fake.chmod(0o755)
    case = next(c for c in CASES if c.id == "missing-file")
    found = " ".join(problems(str(fake), case, tmp_path))
    assert "exit 1, want 2" in found and "a traceback" in found
    assert "2 lines on stderr, want 1" in found and "no '[missing-path]'" in found


def test_help_exits_0(tmp_path: Path) -> None:
    proc = _run("--help", tmp_path=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "Usage: transplant-audit" in proc.stdout


@pytest.mark.parametrize("command", COMMANDS)
def test_each_command_help_exits_0(command: str, tmp_path: Path) -> None:
    """``COMMAND --help`` of each top-level command (also run in the fresh venv by
    ``.ci/clean_venv_check``)."""
    assert SCRIPT is not None, "transplant-audit console script not on PATH"
    assert help_problems(SCRIPT, command, tmp_path) == []


def test_the_help_list_is_every_top_level_command() -> None:
    """console_cases.COMMANDS names each command the app registers, so a new command's
    --help is checked in the fresh venv too."""
    import typer.main

    from transplant_audit.cli import app

    assert sorted(COMMANDS) == sorted(typer.main.get_command(app).commands)


def test_the_help_checker_sees_a_failing_help(tmp_path: Path) -> None:
    """``help_problems`` itself can fail: exit 1 with a traceback and no usage is reported."""
    fake = tmp_path / "fake"
    fake.write_text("#!/bin/sh\necho 'Traceback (most recent call last):' >&2\nexit 1\n")
    fake.chmod(0o755)
    found = " ".join(help_problems(str(fake), "report", tmp_path))
    assert "exit 1, want 0" in found and "a traceback" in found and "no usage line" in found
