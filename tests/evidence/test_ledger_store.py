"""The ledger wired to the store, on SQLite and PostgreSQL.

Imports are ledgered through the store's hook, a change made behind the ledger's
back is caught by verify, and two processes appending or importing at once keep
one valid chain. The data package used is the SYNTHETIC one of this directory's
conftest.
"""

from __future__ import annotations

import multiprocessing as mp
from pathlib import Path

import pytest
from sqlalchemy import select, text, update

from transplant_audit.capture.verify import check_state, load_state
from transplant_audit.evidence import ledger
from transplant_audit.evidence.archive_schema import LedgerEntry
from transplant_audit.evidence.frames import COLUMNS
from transplant_audit.evidence.schema import Observation


def _verify(store, home: Path):
    return check_state(load_state(store, home))


def test_import_is_ledgered_and_verifies(store, synthetic_package, syn, tmp_path):
    store.import_package(synthetic_package)
    with store.session() as s:
        entries = ledger.load_entries(s)
    assert len(entries) == sum(syn.rows.values())
    assert ledger.check_chain(entries) is None
    kinds = {e.kind for e in entries}
    assert "observation_created" in kinds
    report = _verify(store, tmp_path)
    assert report.ok, report.first_mismatch
    store.import_package(synthetic_package)  # unchanged: nothing new to ledger
    with store.session() as s:
        assert len(ledger.load_entries(s)) == len(entries)


def test_a_change_behind_the_ledgers_back_is_caught(store, synthetic_package, syn, tmp_path):
    store.import_package(synthetic_package)
    obs_id = syn.OBS["beds_a_1"]
    with store.session(write=True) as s:
        s.execute(update(Observation).where(Observation.id == obs_id).values(value=999.5))
    report = _verify(store, tmp_path)
    assert not report.ok
    first = report.first_mismatch
    assert first.code == "row-mismatch" and obs_id in first.where


def test_a_ledgered_edit_is_a_new_entry_and_verifies(store, synthetic_package, syn, tmp_path):
    store.import_package(synthetic_package)
    obs_id = syn.OBS["beds_a_1"]
    with store.session(write=True) as s:
        before = ledger.head(s)[0]
        obs = s.get(Observation, obs_id)
        obs.status = "disputed"
        s.flush()
        row = {c: getattr(obs, c) for c in COLUMNS["observations"]}
        ledger.append(
            s,
            "observation_disputed",
            f"observations/{obs_id}",
            {"resource": "observations", "row": row, "reason": "synthetic test"},
        )
    with store.session() as s:
        entries = ledger.load_entries(s)
    assert entries[-1].seq == before + 1 and entries[-1].kind == "observation_disputed"
    assert _verify(store, tmp_path).ok


def test_deleted_ledger_tail_entry_is_caught_via_rows(store, synthetic_package, tmp_path):
    store.import_package(synthetic_package)
    with store.session(write=True) as s:
        last = ledger.head(s)[0]
        s.execute(text("DELETE FROM ledger_entries WHERE seq = :s"), {"s": last})
    report = _verify(store, tmp_path)
    assert not report.ok
    assert {f.code for f in report.mismatches} & {"unledgered-row", "batch-gap", "row-mismatch"}


def _append_many(url: str, worker: int, n: int) -> None:
    from transplant_audit.evidence.store import Store

    st = Store.open(url=url)
    try:
        for i in range(n):
            # plain (non-write) sessions: the ledger's own lock must serialise us
            with st.session() as s:
                ledger.append(
                    s, "row_created", f"synthetic/{worker}-{i}", {"worker": worker, "i": i}
                )
                if i % 7 == 0:
                    ledger.seal(s)
    finally:
        st.close()


def _import(url: str, package: str) -> None:
    from transplant_audit.evidence.store import Store

    st = Store.open(url=url)
    try:
        st.import_package(package)
    finally:
        st.close()


def _run_two(target, args_a, args_b) -> None:
    # fork: the children start at once (no re-import) and each opens its own engine
    ctx = mp.get_context("fork")
    procs = [ctx.Process(target=target, args=args_a), ctx.Process(target=target, args=args_b)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
        assert p.exitcode == 0, f"worker failed with exit code {p.exitcode}"


def test_two_processes_appending_at_once_keep_one_chain(store, store_url):
    n = 40
    _run_two(_append_many, (store_url, 1, n), (store_url, 2, n))
    with store.session(write=True) as s:
        ledger.seal(s)
    with store.session() as s:
        entries = ledger.load_entries(s)
        batches = ledger.load_batches(s)
        subjects = set(s.execute(select(LedgerEntry.subject)).scalars())
    assert len(entries) == 2 * n
    assert {f"synthetic/{w}-{i}" for w in (1, 2) for i in range(n)} == subjects
    assert ledger.check_chain(entries) is None
    assert ledger.check_batches(entries, batches) is None
    workers = [e.subject.split("/")[1][0] for e in entries]
    assert workers.count("1") == n and len(set(workers)) == 2


def test_two_processes_importing_at_once_keep_one_valid_chain(
    store, store_url, syn, tmp_path, quick_validation
):
    a = syn.write(tmp_path / "package-a")
    frames = syn.frames()
    obs = frames["observations"].copy()
    obs["value"] = [str(float(v) + 1) if v else v for v in obs["value"]]
    b = syn.write(tmp_path / "package-b", edit={"observations": obs})
    _run_two(_import, (store_url, str(a)), (store_url, str(b)))
    with store.session() as s:
        entries = ledger.load_entries(s)
    assert ledger.check_chain(entries) is None
    assert len(entries) == sum(syn.rows.values()) + len(obs)
    report = _verify(store, tmp_path / "home-unused")
    assert report.ok, report.first_mismatch


@pytest.mark.parametrize("n", [1, 255, 256, 257])
def test_append_seals_a_batch_every_batch_size_entries(store, n):
    with store.session() as s:
        for i in range(n):
            ledger.append(s, "row_created", f"synthetic/{i}", {"i": i})
    with store.session() as s:
        batches = ledger.load_batches(s)
        entries = ledger.load_entries(s)
    assert len(batches) == n // ledger.BATCH_SIZE
    assert ledger.check_batches(entries, batches) is None
    with store.session(write=True) as s:
        ledger.seal(s)
    with store.session() as s:
        proof = ledger.proof_for(s, n)
    assert ledger.verify_inclusion(
        proof["entry_hash"], proof["index"], proof["size"], proof["proof"], proof["merkle_root"]
    )


def test_capture_and_verify_work_the_same_on_this_backend(store, synthetic_package, tmp_path):
    """Capture into the store (SQLite or PostgreSQL) with an archive in tmp_path."""
    from sqlalchemy import update as sa_update

    from transplant_audit.capture import service
    from transplant_audit.evidence.archive_schema import Capture

    store.import_package(synthetic_package)
    home = tmp_path / "home"
    pages = []
    for i, charset in enumerate(("gb2312", "big5", "utf-8")):
        p = tmp_path / f"page{i}.html"
        page = (
            f"<html><head><meta charset='{charset}'></head><body>synthetic 移植 {i}</body></html>"
        )
        p.write_bytes(page.encode(charset))
        pages.append(str(p))
    results = service.capture(store, home, pages, note="synthetic")
    assert [r.charset for r in results] == ["gb2312", "big5", "utf-8"]
    again = service.capture(store, home, pages[:1])[0]
    assert again.deduplicated
    assert _verify(store, home).ok
    with store.session(write=True) as s:
        s.execute(sa_update(Capture).where(Capture.id == 1).values(note="changed later"))
    report = _verify(store, home)
    assert report.first_mismatch.code == "row-mismatch"
    assert report.first_mismatch.where == "captures row 1"


def test_a_retracted_and_deleted_observation_verifies_but_a_silent_delete_does_not(
    store, synthetic_package, syn, tmp_path
):
    from sqlalchemy import delete

    store.import_package(synthetic_package)
    gone, silent = syn.OBS["beds_a_1"], syn.OBS["tx_a"]
    with store.session(write=True) as s:
        obs = s.get(Observation, gone)
        row = {c: getattr(obs, c) for c in COLUMNS["observations"]}
        s.delete(obs)
        ledger.append(
            s,
            "observation_retracted",
            f"observations/{gone}",
            {"resource": "observations", "row": row, "reason": "synthetic"},
        )
    assert _verify(store, tmp_path).ok
    with store.session(write=True) as s:
        s.execute(delete(Observation).where(Observation.id == silent))
    report = _verify(store, tmp_path)
    assert report.first_mismatch.code == "row-missing"
    assert silent in report.first_mismatch.where
