"""Processes opening one fresh SQLite store at the same moment all get it in WAL mode.

Both read the new file (a shared lock) and both ask for the exclusive lock that switching to
WAL needs; SQLite breaks that deadlock by answering one of them "database is locked" at once,
without waiting the busy timeout. CI once failed so (two imports racing to create the store,
tests/evidence/test_store_concurrency.py); store._journal_mode_wal now tries again.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from transplant_audit.evidence import store as store_mod

RACER = """
import os, sqlite3, sys
from transplant_audit.evidence.store import BUSY_TIMEOUT_SECONDS, _journal_mode_wal
db, go = sys.argv[1], sys.argv[2]
print("ready", flush=True)
while not os.path.exists(go):
    pass
c = sqlite3.connect(db, isolation_level=None, timeout=BUSY_TIMEOUT_SECONDS)
cur = c.cursor()
_journal_mode_wal(cur)
cur.close()
c.execute("BEGIN IMMEDIATE")
c.execute("CREATE TABLE IF NOT EXISTS t (x)")
c.executemany("INSERT INTO t VALUES (?)", [(i,) for i in range(200)])
c.execute("COMMIT")
"""


class _LockedCursor:
    """A cursor whose first ``locked`` calls fail as SQLite does when it breaks a deadlock."""

    def __init__(self, locked: int, message: str = "database is locked") -> None:
        self.locked, self.message, self.calls = locked, message, 0

    def execute(self, sql: str) -> None:
        assert sql == "PRAGMA journal_mode=WAL"
        self.calls += 1
        if self.calls <= self.locked:
            raise sqlite3.OperationalError(self.message)


def test_wal_switch_tries_again_while_locked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store_mod, "WAL_RETRY_SLEEP_SECONDS", 0.0)
    cur = _LockedCursor(locked=3)
    store_mod._journal_mode_wal(cur, timeout=5.0)
    assert cur.calls == 4


def test_wal_switch_gives_up_at_the_timeout_and_on_other_errors() -> None:
    with pytest.raises(sqlite3.OperationalError, match="locked"):
        store_mod._journal_mode_wal(_LockedCursor(locked=10**6), timeout=0.2)
    cur = _LockedCursor(locked=1, message="disk I/O error")
    with pytest.raises(sqlite3.OperationalError, match="disk I/O"):
        store_mod._journal_mode_wal(cur, timeout=5.0)
    assert cur.calls == 1  # not a lock: no retry


def test_processes_racing_on_a_fresh_file_all_switch_to_wal(tmp_path: Path) -> None:
    """Six processes per round switch one new file to WAL and write to it at once (what
    Store.open and an import do). With the retry taken out of ``_journal_mode_wal`` this test
    failed 3 of 4 runs (2026-12-06, 2 cores), with it 3 of 3 passed: a regression is caught
    here most of the time, by the two tests above always."""
    for round_ in range(8):
        db = tmp_path / f"r{round_}.sqlite"
        go = tmp_path / f"go{round_}"
        procs = [
            subprocess.Popen(
                [sys.executable, "-c", RACER, str(db), str(go)],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for _ in range(6)
        ]
        for p in procs:  # every racer has imported and is waiting at the barrier
            assert p.stdout is not None and p.stdout.readline().strip() == "ready"
        go.write_text("go")
        for p in procs:
            _out, err = p.communicate(timeout=120)
            assert p.returncode == 0, err
        assert sqlite3.connect(db).execute("PRAGMA journal_mode").fetchone()[0] == "wal"
