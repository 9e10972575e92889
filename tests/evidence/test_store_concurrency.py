"""Two processes importing into one store at once must queue, not corrupt it.

SQLite: BEGIN IMMEDIATE with a busy timeout; PostgreSQL: a transaction-level
advisory lock. Packages are the SYNTHETIC one from conftest.py and a variant
with one more observation.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
from sqlalchemy import func, select

from transplant_audit.evidence.store import Store

IMPORTER = """
import sys, time
from pathlib import Path
from transplant_audit.evidence.store import Store
url, package, go = sys.argv[1], sys.argv[2], Path(sys.argv[3])
store = Store.open(url=url)
while not go.exists():
    time.sleep(0.01)
report = store.import_package(package, validate=False)  # the lock is under test, not rules
print(report.total_added, report.total_changed, report.total_unchanged, time.time())
"""

HOLDER = """
import sys, time
from pathlib import Path
from sqlalchemy import text
from transplant_audit.evidence.store import Store
url, flag, seconds = sys.argv[1], Path(sys.argv[2]), float(sys.argv[3])
store = Store.open(url=url)
with store.session(write=True) as s:
    s.execute(text("SELECT 1"))
    flag.write_text("locked")
    time.sleep(seconds)
    about_to_release = time.time()  # taken while still holding the lock
print(about_to_release)
"""


def _variant(syn, path: Path) -> Path:  # type: ignore[no-untyped-def]
    obs = syn.frames()["observations"]
    extra = obs.iloc[[0]].copy()
    extra["id"] = "obs_ffffffffff"
    extra["value"] = "123"
    return syn.write(path, {"observations": pd.concat([obs, extra])})


def _run(script: str, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", script, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_two_imports_at_once_both_succeed_and_agree(
    store_url: str,
    syn,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    # Nothing opened the store before: on a fresh store both processes also race
    # to create and migrate it when they start.
    a = syn.write(tmp_path / "a")
    b = _variant(syn, tmp_path / "b")
    go = tmp_path / "go"
    procs = [_run(IMPORTER, store_url, str(p), str(go)) for p in (a, b)]
    time.sleep(0.2)
    go.write_text("go")
    results = [p.communicate(timeout=120) for p in procs]
    for proc, (_out, err) in zip(procs, results, strict=True):
        assert proc.returncode == 0, err
    added = sorted(int(out.split()[0]) for out, _ in results)
    total_rows = sum(syn.rows.values())
    # One import added everything it had; the other found those rows and added
    # only what was new to it (0 or the one extra observation).
    assert added in ([1, total_rows], [0, total_rows + 1]), added

    with Store.open(url=store_url) as store:
        counts = store.counts()
        assert counts["observations"] == syn.rows["observations"] + 1
        assert counts["sources"] == syn.rows["sources"]
        try:
            from transplant_audit.evidence import ledger
            from transplant_audit.evidence.archive_schema import LedgerEntry
        except ModuleNotFoundError:
            return
        with store.session() as s:
            entries = s.scalar(select(func.count()).select_from(LedgerEntry))
            assert entries == total_rows + 1
            assert ledger.check_chain(ledger.load_entries(s)) is None


def test_an_import_waits_for_the_write_lock(
    store_url: str,
    syn,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    """Another process holds the write lock for a second; our import queues behind it."""
    Store.open(url=store_url).close()
    package = syn.write(tmp_path / "pkg")
    flag = tmp_path / "locked"
    holder = _run(HOLDER, store_url, str(flag), "1.0")
    deadline = time.time() + 60
    while not flag.exists():
        assert holder.poll() is None, holder.communicate()[1]
        assert time.time() < deadline, "the lock holder never started"
        time.sleep(0.01)
    with Store.open(url=store_url) as store:
        report = store.import_package(package, validate=False)
        imported_at = time.time()
        assert report.total_added == sum(syn.rows.values())
        assert store.counts() == syn.rows
    out_h, err_h = holder.communicate(timeout=120)
    assert holder.returncode == 0, err_h
    released_at = float(out_h.split()[-1])
    assert imported_at >= released_at, "the import finished while another writer held the lock"
