"""``extract --jobs N`` when a worker process dies (killed by the OOM killer, a signal, a
crash in a C extension): the parent must not wait for it forever (review rv9). It says so
in one line and exits 2. The documents are synthetic test material written here."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# A CLI run in which the worker given the document holding DIE dies at once (os._exit, as a
# SIGKILL would leave it); every other document is scored as usual.
DRIVER = textwrap.dedent(
    """
    import os, sys
    from transplant_audit import cli
    from transplant_audit.extract import commands

    real = commands._score

    def dying(job):
        if "DIE" in job[0]:
            os._exit(9)
        return real(job)

    commands._score = dying
    sys.argv = ["transplant-audit", "extract", *sys.argv[1:]]
    cli.main()
    """
)


def test_a_dead_worker_is_one_line_exit_2_not_a_hang(tmp_path: Path) -> None:
    docs = []
    for i in range(5):
        p = tmp_path / f"d{i}.txt"
        body = "DIE" if i == 2 else "The (fictional) Riverside hospital"
        p.write_text(f"{body} did {i + 1}00 kidney transplants in 2015.", encoding="utf-8")
        docs.append(str(p))
    (tmp_path / "driver.py").write_text(DRIVER, encoding="utf-8")
    env = {**os.environ, "TRANSPLANT_AUDIT_HOME": str(tmp_path / "home"), "COLUMNS": "200"}
    env.pop("TRANSPLANT_AUDIT_DB", None)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), env.get("PYTHONPATH", "")])
    try:
        proc = subprocess.run(
            [sys.executable, str(tmp_path / "driver.py"), *docs, "--jobs", "2", "--json"],
            capture_output=True,
            text=True,
            env=env,
            timeout=90,  # the parent waited forever before the fix
        )
    except subprocess.TimeoutExpired as exc:
        raise AssertionError("extract --jobs 2 hung after a worker died") from exc
    assert proc.returncode == 2, proc.stderr
    lines = [ln for ln in proc.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and "worker process" in lines[0], proc.stderr
    assert "Traceback" not in proc.stderr
    assert proc.stdout == ""  # nothing listed as if the run had been whole
