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

from cli_process import cli_env
from transplant_audit.evidence import store as store_mod

RACER = """
import os, sqlite3, sys
from transplant_audit.evidence.store import BUSY_TIMEOUT_SECONDS, _journal_mode_wal
folder, rounds = sys.argv[1], int(sys.argv[2])
for r in range(rounds):
    print("ready", flush=True)
    while not os.path.exists(os.path.join(folder, f"go{r}")):
        pass
    c = sqlite3.connect(os.path.join(folder, f"r{r}.sqlite"), isolation_level=None,
                        timeout=BUSY_TIMEOUT_SECONDS)
    cur = c.cursor()
    _journal_mode_wal(cur)
    cur.close()
    c.execute("BEGIN IMMEDIATE")
    c.execute("CREATE TABLE IF NOT EXISTS t (x)")
    c.executemany("INSERT INTO t VALUES (?)", [(i,) for i in range(200)])
    c.execute("COMMIT")
    c.close()
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
    """Six processes switch one new file to WAL and write to it at once (what Store.open and
    an import do), eight rounds, each on a new file. The racers are started once and meet at
    a barrier each round: started anew each round, 48 imports beside spinning racers took
    about a minute on 2 cores, now 3 to 6 s. With the retry taken out of
    ``_journal_mode_wal`` it failed 5 of 6 runs, with it 5 of 5 passed (2026-12-06, 2 cores):
    a regression is caught here most of the time, by the two tests above always."""
    rounds = 8
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", RACER, str(tmp_path), str(rounds)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=cli_env(),  # this worktree's src/, not another installed copy
        )
        for _ in range(6)
    ]
    try:
        for round_ in range(rounds):
            for p in procs:  # every racer has finished the last round and waits at the barrier
                assert p.stdout is not None
                if p.stdout.readline().strip() != "ready":
                    p.wait(timeout=120)
                    assert p.stderr is not None
                    pytest.fail(f"a racer failed in round {round_}: {p.stderr.read()}")
            (tmp_path / f"go{round_}").write_text("go")
        for p in procs:
            _out, err = p.communicate(timeout=120)
            assert p.returncode == 0, err
    finally:
        for p in procs:
            if p.poll() is None:
                p.kill()
    for round_ in range(rounds):
        db = sqlite3.connect(tmp_path / f"r{round_}.sqlite")
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert db.execute("SELECT count(*) FROM t").fetchone()[0] == 6 * 200
        db.close()
