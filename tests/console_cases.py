"""Errors a user can make at the INSTALLED ``transplant-audit`` script, and what each must give:
exit 2 and no traceback; a usage error shows Typer's usage panel, an error of the data (a
missing file, a bad CSV) exactly one line naming the file (and row and field) and reason.

One list, run from two places: ``tests/test_usage_errors.py`` (the script on PATH, in the
test run) and ``.ci/clean_venv_check`` (``python tests/console_cases.py SCRIPT``: the
script of a fresh non-editable install with the newest allowed dependencies). Standard
library only, so the fresh venv needs nothing more. The CSV files are SYNTHETIC.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Case:
    """One command line (``{dir}`` is the case's scratch directory) and what it must print."""

    id: str
    args: tuple[str, ...]
    usage: str | None = None
    """Text of the usage panel's first line, for a usage error (else a one-line error)."""
    expect: tuple[str, ...] = ()
    """Fragments of the message: in stderr for a usage error, in its one line otherwise."""
    files: dict[str, str] = field(default_factory=dict)
    """Files written into ``{dir}`` first (name -> text)."""


CASES = (
    Case("unknown-command", ("nosuchcmd",), "Usage: transplant-audit", ("No such command",)),
    Case("missing-argument", ("show",), "Usage: transplant-audit show", ("Missing argument",)),
    Case(
        "draws-not-int",
        ("estimate", "--draws", "abc"),
        "Usage: transplant-audit estimate",
        ("--draws",),
    ),
    Case(
        "misspelt-option",
        ("hospitals", "--provnce", "X"),
        "Usage: transplant-audit hospitals",
        ("--provnce",),
    ),
    Case(
        "unknown-option",
        ("estimate", "--no-such-option"),
        "Usage: transplant-audit estimate",
        ("No such option", "--no-such-option"),
    ),
    Case(
        "group-unknown-subcommand",
        ("registry", "nosub"),
        "Usage: transplant-audit registry",
        ("No such command", "nosub"),
    ),
    Case(
        "extract-missing-argument",
        ("extract",),
        "Usage: transplant-audit extract",
        ("Missing argument", "SOURCE"),
    ),
    Case("extract-bad-method", ("extract", "--method", "nosuch", "x.txt"), None, ("nosuch",)),
    Case(
        "missing-file",
        ("forensics", "--csv", "{dir}/absent.csv"),
        expect=("absent.csv", "no such file", "[missing-path]"),
    ),
    Case(
        "csv-missing-column",
        ("forensics", "--csv", "{dir}/series.csv"),
        expect=("series.csv", "'year'", "[missing-column]"),
        files={"series.csv": "a,b\n1,2\n"},
    ),
    Case(
        "csv-bad-number",
        ("forensics", "--csv", "{dir}/counts.csv"),
        expect=("counts.csv", "row 3", "field 'value'", "'abc'", "[bad-number]"),
        files={"counts.csv": "year,value\n2010,5\n2011,abc\n"},
    ),
)


COMMANDS = (
    "capture",
    "coverage",
    "donorpool",
    "estimate",
    "exhibit",
    "explain",
    "export",
    "extract",
    "forensics",
    "hospitals",
    "import",
    "ledger",
    "manifest",
    "registry",
    "report",
    "review",
    "serve",
    "show",
    "sources",
    "user",
    "validate",
    "verify",
)
"""Every top-level command: each ``COMMAND --help`` must exit 0 with its usage and no
traceback (tests/test_usage_errors.py checks this list is the app's)."""


def run(script: str, args: list[str], workdir: Path) -> subprocess.CompletedProcess[str]:
    """``script ARGS`` with its own empty investigation home under ``workdir``."""
    env = {**os.environ, "TRANSPLANT_AUDIT_HOME": str(workdir / "home"), "COLUMNS": "200"}
    return subprocess.run(
        [script, *args], capture_output=True, text=True, env=env, timeout=120, check=False
    )


def problems(script: str, case: Case, workdir: Path) -> list[str]:
    """What is wrong with ``case`` at ``script`` (empty when it behaves)."""
    for name, text in case.files.items():
        (workdir / name).write_text(text, encoding="utf-8")
    proc = run(script, [a.replace("{dir}", str(workdir)) for a in case.args], workdir)
    out = []
    if proc.returncode != 2:
        out.append(f"exit {proc.returncode}, want 2")
    if "Traceback" in proc.stdout + proc.stderr or "ModuleNotFoundError" in proc.stderr:
        out.append("a traceback")
    if case.usage is not None:
        text = proc.stderr
        if case.usage not in text:
            out.append(f"no {case.usage!r}")
    else:
        lines = [line for line in proc.stderr.splitlines() if line.strip()]
        if len(lines) != 1:
            out.append(f"{len(lines)} lines on stderr, want 1")
        text = lines[0] if lines else ""
    out += [f"no {frag!r}" for frag in case.expect if frag not in text]
    return [f"{case.id} ({' '.join(case.args)}): {p}\n{proc.stderr}" for p in out]


def help_problems(script: str, command: str, workdir: Path) -> list[str]:
    """What is wrong with ``script COMMAND --help`` (empty when it exits 0 with the
    command's usage on stdout and no traceback)."""
    proc = run(script, [command, "--help"], workdir)
    out = []
    if proc.returncode != 0:
        out.append(f"exit {proc.returncode}, want 0")
    if "Traceback" in proc.stdout + proc.stderr:
        out.append("a traceback")
    if f"Usage: transplant-audit {command}" not in proc.stdout:
        out.append("no usage line on stdout")
    return [f"{command} --help: {p}\n{proc.stderr}" for p in out]


def main(argv: list[str]) -> int:
    """Run every case and every command's ``--help`` at the script ``argv[1]``; print what
    fails; 1 if anything did."""
    found = []
    for case in CASES:
        with tempfile.TemporaryDirectory() as tmp:
            found += problems(argv[1], case, Path(tmp))
    with tempfile.TemporaryDirectory() as tmp:
        for command in COMMANDS:
            found += help_problems(argv[1], command, Path(tmp))
    for p in found:
        print(p, file=sys.stderr)
    if not found:
        print(
            f"console script: {len(CASES)} error cases exit 2 with a usage panel or one line; "
            f"--help of {len(COMMANDS)} commands exits 0"
        )
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
