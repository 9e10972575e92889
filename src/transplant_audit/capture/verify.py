"""Verify the archive, the store and the ledger against each other; report the first mismatch.

``check_state`` is pure: it takes everything as plain data (ledger entries and
batches, table rows as the database returns them, and openers for the WARC
files) and recomputes every digest. ``load_state`` reads that data from a store
and a home directory. What is checked, in order:

1. the ledger chain: every payload digest, entry hash and ``prev_hash`` link;
2. the Merkle batches: they tile the entries and their roots recompute;
3. every row of every ledgered table (the seven data-package resources,
   ``archive_records``, ``captures`` and ``review_decisions``) against the ``row_digest``
   its latest
   ledger entry committed to; a row with no entry, or an entry whose row is gone,
   is a mismatch;
4. every candidate's ``extracted_by`` against its ``candidate_extracted`` entry (so the
   extractor cannot be erased to let them review their own figure);
5. every WARC file, record by record (gzip integrity, WARC framing, payload
   SHA-256), and every ``archive_records`` row against the bytes at its offset
   (record digest over the stored bytes, payload digest, size).

Findings are *mismatches* (evidence differs from what was committed: exit 1) or
*notices* (an interrupted, never-acknowledged capture left a tail at the end of a
WARC file: nothing acknowledged is affected; the next capture moves it aside).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from transplant_audit import error_codes as codes
from transplant_audit.capture.archive import Archive, ScanResult, scan_warc
from transplant_audit.capture.service import CAPTURE_TABLES
from transplant_audit.evidence import ledger
from transplant_audit.evidence.frames import COLUMNS
from transplant_audit.evidence.ledger import BatchData, EntryData

MISMATCH = "mismatch"
NOTICE = "notice"

REVIEW_TABLES: tuple[str, ...] = ("review_decisions",)
"""Review decisions: each row is committed to by its ``review_decision`` entry, so a
decision inserted or edited straight in the database is a mismatch."""

LEDGERED_TABLES: tuple[str, ...] = (*COLUMNS.keys(), *CAPTURE_TABLES, *REVIEW_TABLES)
"""Tables whose every row must match what the ledger committed to."""

REMOVAL_KINDS: frozenset[str] = frozenset(
    {"observation_retracted", "row_deleted", "source_deleted", "row_removed"}
)
"""Entry kinds after which the row may be gone (a retraction may also keep the row
with status ``retracted``; then it must match the entry like any other)."""


def primary_key(table: str) -> str:
    return {"assumptions": "name", "archive_records": "digest"}.get(table, "id")


@dataclass(frozen=True)
class Finding:
    """One thing ``verify`` found: severity, stable code, where, and why."""

    severity: str
    code: str
    where: str
    reason: str

    def line(self) -> str:
        return f"{self.where}: {self.reason} [{self.code}]"


@dataclass
class VerifyState:
    """Everything ``check_state`` needs, as plain data (no database, no files)."""

    entries: list[EntryData]
    batches: list[BatchData]
    rows: dict[str, list[dict[str, Any]]]
    """Table -> rows as the database returns them (ledgered tables only)."""
    warc_files: dict[str, Callable[[], BinaryIO]]
    """WARC file name -> a callable opening it for binary reading."""
    extractors: dict[str, str | None] = field(default_factory=dict)
    """Candidate id -> ``extracted_by`` as the database holds it."""


@dataclass
class VerifyReport:
    findings: list[Finding] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def mismatches(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == MISMATCH]

    @property
    def notices(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == NOTICE]

    @property
    def ok(self) -> bool:
        return not self.mismatches

    @property
    def first_mismatch(self) -> Finding | None:
        m = self.mismatches
        return m[0] if m else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "counts": self.counts,
            "mismatches": [f.__dict__ for f in self.mismatches],
            "notices": [f.__dict__ for f in self.notices],
        }


def committed_rows(
    entries: Sequence[EntryData], upto: int | None = None, *, removed: set[str] | None = None
) -> dict[str, tuple[int, str]]:
    """Subject -> (seq, row_digest) of the latest entry committing to a row (up to ``upto``).

    Subjects whose latest such entry is a removal (``REMOVAL_KINDS``) are added to
    ``removed`` when a set is given.
    """
    latest: dict[str, tuple[int, str]] = {}
    for e in entries:
        if upto is not None and e.seq > upto:
            break
        try:
            payload = json.loads(e.payload)
        except ValueError:
            continue
        if isinstance(payload, dict) and isinstance(payload.get("row_digest"), str):
            latest[e.subject] = (e.seq, payload["row_digest"])
            if removed is not None:
                if e.kind in REMOVAL_KINDS:
                    removed.add(e.subject)
                else:
                    removed.discard(e.subject)
    return latest


def _check_rows(state: VerifyState, report: VerifyReport) -> None:
    removed: set[str] = set()
    latest = committed_rows(state.entries, removed=removed)
    seen: set[str] = set()
    for table in LEDGERED_TABLES:
        rows = state.rows.get(table)
        if rows is None:
            continue
        key = primary_key(table)
        for row in rows:
            subject = ledger.subject_of(table, row.get(key))
            seen.add(subject)
            committed = latest.get(subject)
            where = f"{table} row {row.get(key)!s}"
            if committed is None:
                report.findings.append(
                    Finding(
                        MISMATCH,
                        "unledgered-row",
                        where,
                        "no ledger entry commits to this row (added outside the toolkit?)",
                    )
                )
                continue
            try:
                digest = ledger.row_digest(table, row)
            except (UnicodeError, ValueError) as exc:
                report.findings.append(
                    Finding(MISMATCH, "row-unreadable", where, f"cannot be hashed ({exc})")
                )
                continue
            if digest != committed[1]:
                report.findings.append(
                    Finding(
                        MISMATCH,
                        "row-mismatch",
                        where,
                        f"row hashes to {digest}, ledger entry {committed[0]} committed to "
                        f"{committed[1]}: it was changed without a ledger entry",
                    )
                )
    for subject, (seq, _) in latest.items():
        table = subject.partition("/")[0]
        if table in state.rows and subject not in seen and subject not in removed:
            report.findings.append(
                Finding(
                    MISMATCH,
                    "row-missing",
                    subject.replace("/", " row ", 1),
                    f"ledger entry {seq} committed to this row but the store no longer has it",
                )
            )


def _check_extractors(state: VerifyState, report: VerifyReport) -> None:
    recorded: dict[str, str | None] = {}
    for e in state.entries:
        if e.kind != "candidate_extracted" or not e.subject.startswith("candidates/"):
            continue
        try:
            payload = json.loads(e.payload)
        except ValueError:
            continue
        if isinstance(payload, dict):
            recorded[e.subject.partition("/")[2]] = payload.get("extracted_by")
    for cand_id, held in state.extractors.items():
        if cand_id in recorded and (held or None) != (recorded[cand_id] or None):
            report.findings.append(
                Finding(
                    MISMATCH,
                    "extractor-mismatch",
                    f"candidates row {cand_id}",
                    f"extracted_by is {held!r} but its ledger entry recorded "
                    f"{recorded[cand_id]!r}: it was changed without a ledger entry",
                )
            )


def _check_archive(state: VerifyState, report: VerifyReport) -> None:
    by_file: dict[str, list[dict[str, Any]]] = {}
    for rec in state.rows.get("archive_records", []):
        by_file.setdefault(str(rec["warc_file"]), []).append(rec)
    names = sorted(set(state.warc_files) | set(by_file))
    scanned_records = 0
    for name in names:
        recs = sorted(by_file.get(name, []), key=lambda r: int(r["offset"]))
        opener = state.warc_files.get(name)
        if opener is None:
            report.findings.append(
                Finding(
                    MISMATCH,
                    codes.MissingPath.code,
                    f"archive/{name}",
                    f"the store lists {len(recs)} record(s) in this WARC file but it is missing",
                )
            )
            continue
        with opener() as fh:
            scan: ScanResult = scan_warc(fh)
        scanned_records += len(scan.records)
        ack_end = max((int(r["offset"]) + int(r["length"]) for r in recs), default=0)
        found = {s.offset: s for s in scan.records}
        known_offsets = set()
        for rec in recs:
            offset, length = int(rec["offset"]), int(rec["length"])
            known_offsets.add(offset)
            where = f"archive/{name} record at offset {offset} ({rec['digest']})"
            s = found.get(offset)
            if s is None:
                if scan.problem is not None and scan.problem.offset <= offset:
                    reason = f"unreadable: {scan.problem.reason}"
                    code = scan.problem.code
                else:
                    reason, code = "no record starts at this offset", "record-missing"
                report.findings.append(Finding(MISMATCH, code, where, reason))
                continue
            checks = [
                (s.length == length, "length-mismatch", f"is {s.length} bytes, expected {length}"),
                (
                    s.record_digest == rec["record_digest"],
                    "record-digest-mismatch",
                    f"stored bytes hash to {s.record_digest}, the store committed to "
                    f"{rec['record_digest']}",
                ),
                (
                    s.payload_digest == rec["digest"],
                    "payload-digest-mismatch",
                    f"document bytes hash to {s.payload_digest}",
                ),
                (
                    s.payload_size == int(rec["size"]),
                    "size-mismatch",
                    f"document is {s.payload_size} bytes, expected {rec['size']}",
                ),
                (
                    (
                        s.headers.get("WARC-Target-URI"),
                        s.headers.get("WARC-Record-ID"),
                        s.headers.get("WARC-Date"),
                    )
                    == (rec["target_uri"], rec["record_id"], rec["warc_date"]),
                    "header-mismatch",
                    "the record's WARC-Target-URI, WARC-Record-ID or WARC-Date differ from "
                    "the store's row",
                ),
            ]
            for passed, code, reason in checks:
                if not passed:
                    report.findings.append(Finding(MISMATCH, code, where, reason))
                    break
        if scan.problem is not None:
            p = scan.problem
            if p.offset < ack_end:
                if not any(f.where.startswith(f"archive/{name} ") for f in report.mismatches):
                    report.findings.append(
                        Finding(MISMATCH, p.code, f"archive/{name} offset {p.offset}", p.reason)
                    )
            else:
                report.findings.append(
                    Finding(
                        NOTICE,
                        "unacknowledged-tail",
                        f"archive/{name} offset {p.offset}",
                        f"{scan.size - p.offset} bytes after the last acknowledged record "
                        f"({p.reason}); an interrupted capture that was never acknowledged. "
                        "The next capture moves them to archive/quarantine/",
                    )
                )
        for s in scan.records:
            if s.offset in known_offsets:
                continue
            if s.offset >= ack_end:
                report.findings.append(
                    Finding(
                        NOTICE,
                        "unacknowledged-record",
                        f"archive/{name} offset {s.offset}",
                        "a complete record the store never acknowledged (the capture was "
                        "interrupted before its commit); the next capture moves it to "
                        "archive/quarantine/",
                    )
                )
            else:
                report.findings.append(
                    Finding(
                        MISMATCH,
                        "unknown-record",
                        f"archive/{name} offset {s.offset}",
                        "a record between acknowledged records that the store does not know",
                    )
                )
    report.counts["warc_files"] = len(names)
    report.counts["warc_records"] = scanned_records


def check_state(state: VerifyState) -> VerifyReport:
    """Recompute every digest and link (pure). Mismatches come in the order checked."""
    report = VerifyReport()
    problem = ledger.check_chain(state.entries)
    if problem is not None:
        report.findings.append(Finding(MISMATCH, problem.code, problem.where, problem.reason))
    problem = ledger.check_batches(state.entries, state.batches)
    if problem is not None:
        report.findings.append(Finding(MISMATCH, problem.code, problem.where, problem.reason))
    _check_rows(state, report)
    _check_extractors(state, report)
    _check_archive(state, report)
    report.counts.update(
        {
            "ledger_entries": len(state.entries),
            "ledger_batches": len(state.batches),
            "archive_records": len(state.rows.get("archive_records", [])),
            "captures": len(state.rows.get("captures", [])),
            "rows_checked": sum(len(v) for v in state.rows.values()),
        }
    )
    return report


def load_state(store: Any, home: Path) -> VerifyState:
    """Read the ledger, every ledgered table and the WARC file list (no checking here).

    Reads under the ledger's write lock, so a capture or import committing meanwhile
    cannot leave us with its rows but not its entries (PostgreSQL's READ COMMITTED
    would otherwise show each query a different moment).
    """
    from sqlalchemy import select

    from transplant_audit.evidence import all_tables  # noqa: F401  (register every table)
    from transplant_audit.evidence.base import Base

    archive = Archive(home)
    with store.session(write=True) as s:
        ledger.lock(s)
        raw = s.connection().connection.dbapi_connection
        old_factory = getattr(raw, "text_factory", None)
        if s.get_bind().dialect.name == "sqlite":
            # damaged text must reach the checks (and fail them), not crash the read
            raw.text_factory = lambda b: b.decode("utf-8", "surrogateescape")
        try:
            entries = ledger.load_entries(s)
            batches = ledger.load_batches(s)
            rows: dict[str, list[dict[str, Any]]] = {}
            for table in LEDGERED_TABLES:
                tbl = Base.metadata.tables.get(table)
                if tbl is None:
                    continue
                rows[table] = [dict(r._mapping) for r in s.execute(select(tbl))]
            extractors = _load_extractors(s)
        finally:
            if old_factory is not None:
                raw.text_factory = old_factory
    files = {name: _opener(archive.path(name)) for name in archive.files()}
    return VerifyState(
        entries=entries, batches=batches, rows=rows, warc_files=files, extractors=extractors
    )


def _load_extractors(session: Any) -> dict[str, str | None]:
    from sqlalchemy import select

    from transplant_audit.evidence.base import Base

    tbl = Base.metadata.tables.get("candidates")
    if tbl is None or "extracted_by" not in tbl.c:
        return {}
    return {str(r[0]): r[1] for r in session.execute(select(tbl.c.id, tbl.c.extracted_by))}


def _opener(path: Path) -> Callable[[], BinaryIO]:
    return lambda: open(path, "rb")  # noqa: SIM115 - the caller closes it


def verify(store: Any, home: Path) -> VerifyReport:
    """Load everything from ``store`` and ``home`` and check it."""
    return check_state(load_state(store, home))
