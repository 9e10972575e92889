"""A tamper-evident ledger of every change to evidence: hash chain plus Merkle batches.

Every change (``source_added``, ``observation_created``/``edited``/``verified``/
``disputed``/``retracted``, ``capture_added`` ...) is appended as one entry that
commits to the previous entry and to the content it describes. Entries are never
rewritten: an edit is a new entry. Consecutive entries are sealed into batches
under a Merkle root, so a third party can check that one entry is included with
a proof of ``log2(n)`` hashes.

Hashes (all ``"sha256:<hex>"``):

* ``payload_digest = SHA-256(canonical_json(payload))``
* ``entry_hash = SHA-256(canonical_json({seq, prev_hash, kind, subject,
  payload_digest, timestamp}))``; the first entry's ``prev_hash`` is ``GENESIS``.
* Merkle tree hash of RFC 9162 (Certificate Transparency v2, section 2.1.1) over
  the batch's entry hashes: leaf = SHA-256(0x00 || h), node = SHA-256(0x01 || l || r),
  split at the largest power of two below n. Inclusion proofs and their check follow
  RFC 9162 sections 2.1.3.1 and 2.1.3.2.

``canonical_json`` is JSON with sorted keys, no whitespace, UTF-8, no NaN (a
subset of RFC 8785 that is exact for the strings, integers and floats we store).

A row of a resource table is committed to by ``row_digest``: SHA-256 of the
canonical JSON of its cells, typed by the column (numbers as floats in shortest
exact form), so the same row gives the same digest whether it comes from SQLite,
PostgreSQL or as the package's text. ``verify`` recomputes it from the store.

The first half of this module is pure (bytes and dicts in, digests out); the
second half appends and seals inside the caller's SQLAlchemy transaction,
serialised across processes (PostgreSQL: ``pg_advisory_xact_lock``; SQLite: an
early write that takes the database's write lock, waiting up to the busy timeout).
"""

from __future__ import annotations

import functools
import hashlib
import json
import math
import numbers
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from transplant_audit.evidence.frames import COLUMNS, NATIONAL

GENESIS = "sha256:" + "0" * 64
"""``prev_hash`` of the first entry."""

BATCH_SIZE = 256
"""Entries are sealed into a batch automatically once this many are unsealed."""

LOCK_KEY = 7_316_022_106
"""PostgreSQL advisory lock key that serialises ledger writers (any fixed bigint)."""

KINDS: tuple[str, ...] = (
    "source_added",
    "source_edited",
    "row_created",
    "row_edited",
    "observation_created",
    "observation_edited",
    "observation_verified",
    "observation_disputed",
    "observation_retracted",
    "capture_added",
    "record_added",
    "import_done",
)
"""Entry kinds in use. Others are allowed (the ledger does not interpret kinds)."""

# ------------------------------------------------------------------------------ pure


def canonical_json(obj: Any) -> bytes:
    """Canonical bytes of a JSON value: sorted keys, no spaces, UTF-8, no NaN."""
    return json.dumps(
        obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    ).encode("utf-8")


def sha256_digest(data: bytes) -> str:
    return "sha256:" + hashlib.sha256(data).hexdigest()


def payload_digest(payload: Mapping[str, Any]) -> str:
    return sha256_digest(canonical_json(payload))


def entry_hash(
    seq: int, prev_hash: str, kind: str, subject: str, payload_digest: str, timestamp: str
) -> str:
    """SHA-256 over the canonical JSON of the entry's committed fields."""
    return sha256_digest(
        canonical_json(
            {
                "seq": seq,
                "prev_hash": prev_hash,
                "kind": kind,
                "subject": subject,
                "payload_digest": payload_digest,
                "timestamp": timestamp,
            }
        )
    )


def normalize_value(value: Any) -> Any:
    """A cell as a canonical JSON value: numbers as floats (NaN/inf as text), dates ISO."""
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, (numbers.Real, Decimal)):
        number = float(value)
        if math.isnan(number) or math.isinf(number):
            return repr(number)
        return number
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, (bytes, bytearray)):
        return bytes(value).hex()
    return str(value)


_TRUE = frozenset({"true", "yes", "1", "y", "t"})


@functools.lru_cache(maxsize=64)
def column_kinds(table: str) -> dict[str, str]:
    """Column -> ``number``/``integer``/``boolean``/``string`` from the store's table types."""
    from sqlalchemy import Boolean, Float, Integer, Numeric

    from transplant_audit.evidence import all_tables  # noqa: F401  (register every table)
    from transplant_audit.evidence.base import Base

    tbl = Base.metadata.tables.get(table)
    if tbl is None:
        return {}
    kinds = {}
    for col in tbl.columns:
        t = col.type
        if isinstance(t, Boolean):
            kinds[col.name] = "boolean"
        elif isinstance(t, Integer):
            kinds[col.name] = "integer"
        elif isinstance(t, (Float, Numeric)):
            kinds[col.name] = "number"
        else:
            kinds[col.name] = "string"
    return kinds


def canonical_cell(kind: str, value: Any) -> Any:
    """One cell, typed or as package text, in one canonical JSON form.

    ``""`` and None are null; numbers are floats (shortest exact repr, NaN/inf as
    text); integers ints; booleans from ``true/false/yes/no/1/0``; anything that does
    not parse stays text, so a damaged cell still changes the digest.
    """
    if value is None or value == "":
        return None
    try:
        if kind == "number":
            number = float(value) + 0.0  # -0.0 is 0.0: the package writes both as "0"
            return repr(number) if math.isnan(number) or math.isinf(number) else number
        if kind == "integer":
            number = float(value)
            return int(number) if number.is_integer() else repr(number)
        if kind == "boolean":
            if isinstance(value, str):
                return value.strip().lower() in _TRUE
            return bool(value)
    except (TypeError, ValueError, OverflowError):
        return str(value)
    return normalize_value(value)


def row_digest(table: str, row: Mapping[str, Any]) -> str:
    """SHA-256 of ``row_canonical`` (the row's canonical JSON)."""
    return sha256_digest(row_canonical(table, row))


def row_canonical(table: str, row: Mapping[str, Any]) -> bytes:
    """The canonical JSON bytes of a row over the table's data-package columns.

    ``row`` may hold typed values (as the database returns them) or the cells as
    the data package writes them (text): each cell goes through ``canonical_cell``
    with the column's type, so both give the same digest. For the seven
    data-package resources the columns are those of ``frames.COLUMNS`` (store-only
    columns are excluded) and an observation's ``hospital_id`` of ``national`` or
    NULL is the same; for any other table, every column of the table.
    """
    kinds = column_kinds(table)
    columns = COLUMNS.get(table) or sorted(kinds or row)
    cells = {}
    for c in columns:
        value = row.get(c)
        if table == "observations" and c == "hospital_id" and value == NATIONAL:
            value = None
        cells[c] = canonical_cell(kinds.get(c, "string"), value)
    return canonical_json({"table": table, "row": cells})


def _leaf(entry: str) -> bytes:
    return hashlib.sha256(b"\x00" + _raw(entry)).digest()


def _node(left: bytes, right: bytes) -> bytes:
    return hashlib.sha256(b"\x01" + left + right).digest()


def _raw(digest: str) -> bytes:
    algo, sep, hexval = digest.partition(":")
    if not sep or algo != "sha256" or len(hexval) != 64:
        raise ValueError(f"not a sha256:<hex> digest: {digest!r}")
    return bytes.fromhex(hexval)


def _split(n: int) -> int:
    """Largest power of two strictly less than ``n`` (n >= 2)."""
    k = 1
    while k * 2 < n:
        k *= 2
    return k


def _mth(leaves: Sequence[bytes]) -> bytes:
    n = len(leaves)
    if n == 0:
        return hashlib.sha256(b"").digest()
    if n == 1:
        return leaves[0]
    k = _split(n)
    return _node(_mth(leaves[:k]), _mth(leaves[k:]))


def merkle_root(entry_hashes: Sequence[str]) -> str:
    """RFC 9162 Merkle tree hash over entry hashes (in order), as ``sha256:<hex>``."""
    return "sha256:" + _mth([_leaf(h) for h in entry_hashes]).hex()


def _path(m: int, leaves: Sequence[bytes]) -> list[bytes]:
    n = len(leaves)
    if n <= 1:
        return []
    k = _split(n)
    if m < k:
        return [*_path(m, leaves[:k]), _mth(leaves[k:])]
    return [*_path(m - k, leaves[k:]), _mth(leaves[:k])]


def inclusion_proof(entry_hashes: Sequence[str], index: int) -> list[str]:
    """Audit path (RFC 9162 PATH(m, D[n])) proving entry ``index`` (0-based) is in the batch."""
    if not 0 <= index < len(entry_hashes):
        raise IndexError(f"index {index} outside a batch of {len(entry_hashes)}")
    return ["sha256:" + h.hex() for h in _path(index, [_leaf(h) for h in entry_hashes])]


def verify_inclusion(entry: str, index: int, size: int, proof: Sequence[str], root: str) -> bool:
    """Check an inclusion proof (RFC 9162 section 2.1.3.2). Pure; never raises on bad input."""
    try:
        if not 0 <= index < size:
            return False
        fn, sn = index, size - 1
        r = _leaf(entry)
        for p in proof:
            if sn == 0:
                return False
            pb = _raw(p)
            if fn & 1 or fn == sn:
                r = _node(pb, r)
                if not fn & 1:
                    while fn & 1 == 0 and fn != 0:
                        fn >>= 1
                        sn >>= 1
            else:
                r = _node(r, pb)
            fn >>= 1
            sn >>= 1
        return sn == 0 and r == _raw(root)
    except ValueError:
        return False


@dataclass(frozen=True)
class EntryData:
    """An entry as plain data (what the store holds), for pure checking."""

    seq: int
    prev_hash: str
    kind: str
    subject: str
    payload: str
    payload_digest: str
    timestamp: str
    entry_hash: str
    batch_id: int | None = None


@dataclass(frozen=True)
class BatchData:
    id: int
    first_seq: int
    last_seq: int
    merkle_root: str
    sealed_at: str = ""


@dataclass(frozen=True)
class ChainProblem:
    """The first thing wrong with the ledger: a stable code, where, and why."""

    code: str
    where: str
    reason: str


def check_chain(entries: Sequence[EntryData]) -> ChainProblem | None:
    """Recompute every payload digest, entry hash and link; return the first problem.

    Codes: ``seq-gap`` (entries missing or out of order), ``payload-digest-mismatch``,
    ``payload-not-canonical`` (stored payload text is not canonical JSON),
    ``entry-hash-mismatch``, ``chain-broken`` (prev_hash is not the previous entry's hash).
    """
    prev = GENESIS
    for expected_seq, e in enumerate(entries, start=1):
        try:
            problem = _check_entry(e, expected_seq, prev)
        except (UnicodeError, ValueError, TypeError) as exc:
            problem = ChainProblem(
                "entry-unreadable", f"ledger entry {e.seq}", f"cannot be hashed ({exc})"
            )
        if problem is not None:
            return problem
        prev = e.entry_hash
    return None


def _check_entry(e: EntryData, expected_seq: int, prev: str) -> ChainProblem | None:
    where = f"ledger entry {e.seq}"
    if e.seq != expected_seq:
        return ChainProblem("seq-gap", where, f"expected entry {expected_seq} here, found {e.seq}")
    text = e.payload.encode("utf-8", "surrogateescape")
    if sha256_digest(text) != e.payload_digest:
        return ChainProblem(
            "payload-digest-mismatch",
            where,
            f"payload hashes to {sha256_digest(text)}, entry says {e.payload_digest}",
        )
    try:
        if canonical_json(json.loads(e.payload)) != text:
            raise ValueError
    except ValueError:
        return ChainProblem("payload-not-canonical", where, "stored payload is not canonical JSON")
    if e.prev_hash != prev:
        return ChainProblem(
            "chain-broken",
            where,
            f"prev_hash {e.prev_hash} is not the hash of entry {e.seq - 1} ({prev})",
        )
    recomputed = entry_hash(e.seq, e.prev_hash, e.kind, e.subject, e.payload_digest, e.timestamp)
    if recomputed != e.entry_hash:
        return ChainProblem(
            "entry-hash-mismatch",
            where,
            f"fields hash to {recomputed}, stored entry_hash is {e.entry_hash}",
        )
    return None


def check_batches(
    entries: Sequence[EntryData], batches: Sequence[BatchData]
) -> ChainProblem | None:
    """Batches must tile entries 1..k without gaps and their roots must recompute."""
    by_seq = {e.seq: e for e in entries}
    expected_first = 1
    for expected_id, b in enumerate(batches, start=1):
        where = f"ledger batch {b.id}"
        if b.id != expected_id or b.first_seq != expected_first or b.last_seq < b.first_seq:
            return ChainProblem(
                "batch-gap",
                where,
                f"expected batch {expected_id} starting at entry {expected_first}, found "
                f"batch {b.id} for entries {b.first_seq}..{b.last_seq}",
            )
        hashes = []
        for seq in range(b.first_seq, b.last_seq + 1):
            e = by_seq.get(seq)
            if e is None:
                return ChainProblem("batch-gap", where, f"entry {seq} of the batch is missing")
            if e.batch_id != b.id:
                return ChainProblem(
                    "batch-membership",
                    f"ledger entry {seq}",
                    f"belongs to batch {b.id} but says batch {e.batch_id}",
                )
            hashes.append(e.entry_hash)
        try:
            root = merkle_root(hashes)
        except ValueError as exc:
            return ChainProblem("batch-root-mismatch", where, f"an entry hash is unreadable: {exc}")
        if root != b.merkle_root:
            return ChainProblem(
                "batch-root-mismatch",
                where,
                f"entries {b.first_seq}..{b.last_seq} give Merkle root {root}, "
                f"batch says {b.merkle_root}",
            )
        expected_first = b.last_seq + 1
    for e in entries:
        if e.seq >= expected_first and e.batch_id is not None:
            return ChainProblem(
                "batch-membership",
                f"ledger entry {e.seq}",
                f"says batch {e.batch_id}, which does not cover it",
            )
    return None


def utc_now() -> str:
    """UTC time stamp with microseconds: ``2026-11-23T03:30:00.123456Z``."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


# --------------------------------------------------------------------------- store side


def _tables():  # type: ignore[no-untyped-def]
    from transplant_audit.evidence.archive_schema import LedgerBatch, LedgerEntry

    return LedgerEntry, LedgerBatch


def lock(session: Any) -> None:
    """Take the ledger's write lock for the rest of the caller's transaction.

    PostgreSQL: ``pg_advisory_xact_lock`` (released at commit or rollback). SQLite:
    a no-op ``UPDATE`` that makes SQLite take its database write lock now, before
    the head is read, waiting up to the connection's busy timeout. Either way, two
    processes appending at once queue up and keep one chain.
    """
    from sqlalchemy import text

    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": LOCK_KEY})
    else:
        session.execute(text("UPDATE ledger_entries SET seq = seq WHERE 1 = 0"))


def _cached_head(session: Any) -> list[Any] | None:
    """The head remembered for the current transaction (valid while we hold the lock)."""
    cached = session.info.get("ta_ledger_head")
    if cached is not None and cached[0] is session.get_transaction():
        return cached
    return None


def head(session: Any) -> tuple[int, str]:
    """``(last seq, last entry hash)``; ``(0, GENESIS)`` for an empty ledger."""
    from sqlalchemy import select

    cached = _cached_head(session)
    if cached is not None:
        return cached[1], cached[2]
    entry_cls, _ = _tables()
    row = session.execute(
        select(entry_cls.seq, entry_cls.entry_hash).order_by(entry_cls.seq.desc()).limit(1)
    ).first()
    return (0, GENESIS) if row is None else (int(row[0]), str(row[1]))


def append(session: Any, kind: str, subject: str, payload: dict[str, Any]) -> Any:
    """Append one entry inside the caller's transaction and return it (a ``LedgerEntry``).

    Serialised across processes by ``lock`` (taken once per transaction); nothing
    is committed here, so the entry and the change it describes land together or
    not at all. A payload describing a row (``{"resource": table, "row": {...}}``,
    the row as the data package writes it) gets its ``row_digest`` added, which
    ``verify`` compares with the row the store holds. Seals a batch when
    ``BATCH_SIZE`` entries are unsealed.
    """
    entry_cls, _ = _tables()
    if not kind or not subject:
        raise ValueError("a ledger entry needs a kind and a subject")
    if "resource" in payload and isinstance(payload.get("row"), Mapping):
        payload = {**payload, "row_digest": row_digest(payload["resource"], payload["row"])}
    if _cached_head(session) is None:
        lock(session)
        seq, prev = head(session)
    else:
        seq, prev = head(session)
    text = canonical_json(payload).decode("utf-8")
    pdigest = sha256_digest(text.encode("utf-8"))
    stamp = utc_now()
    new_hash = entry_hash(seq + 1, prev, kind, subject, pdigest, stamp)
    entry = entry_cls(
        seq=seq + 1,
        prev_hash=prev,
        kind=kind,
        subject=subject,
        payload=text,
        payload_digest=pdigest,
        timestamp=stamp,
        entry_hash=new_hash,
        batch_id=None,
    )
    session.add(entry)
    session.info["ta_ledger_head"] = [session.get_transaction(), seq + 1, new_hash]
    if (seq + 1) % BATCH_SIZE == 0:
        seal(session)
    return entry


def seal(session: Any) -> Any | None:
    """Seal every unsealed entry into a new batch with its Merkle root; None if none.

    Runs in the caller's transaction under the ledger lock.
    """
    from sqlalchemy import func, select, update

    entry_cls, batch_cls = _tables()
    if _cached_head(session) is None:
        lock(session)
    session.flush()
    rows = session.execute(
        select(entry_cls.seq, entry_cls.entry_hash)
        .where(entry_cls.batch_id.is_(None))
        .order_by(entry_cls.seq)
    ).all()
    if not rows:
        return None
    last_id = session.execute(select(func.max(batch_cls.id))).scalar() or 0
    batch = batch_cls(
        id=last_id + 1,
        first_seq=int(rows[0][0]),
        last_seq=int(rows[-1][0]),
        merkle_root=merkle_root([r[1] for r in rows]),
        sealed_at=utc_now(),
    )
    session.add(batch)
    session.flush()
    session.execute(
        update(entry_cls)
        .where(entry_cls.seq >= batch.first_seq, entry_cls.seq <= batch.last_seq)
        .values(batch_id=batch.id)
        .execution_options(synchronize_session=False)
    )
    for obj in session.identity_map.values():
        if isinstance(obj, entry_cls) and batch.first_seq <= obj.seq <= batch.last_seq:
            session.expire(obj, ["batch_id"])
    return batch


def subject_of(table: str, key: Any) -> str:
    """Subject of a row's entries: ``"<table>/<key>"`` (the store's convention)."""
    return f"{table}/{key}"


def load_entries(session: Any) -> list[EntryData]:
    from sqlalchemy import select

    entry_cls, _ = _tables()
    return [
        EntryData(
            seq=e.seq,
            prev_hash=e.prev_hash,
            kind=e.kind,
            subject=e.subject,
            payload=e.payload,
            payload_digest=e.payload_digest,
            timestamp=e.timestamp,
            entry_hash=e.entry_hash,
            batch_id=e.batch_id,
        )
        for e in session.execute(select(entry_cls).order_by(entry_cls.seq)).scalars()
    ]


def load_batches(session: Any) -> list[BatchData]:
    from sqlalchemy import select

    _, batch_cls = _tables()
    return [
        BatchData(b.id, b.first_seq, b.last_seq, b.merkle_root, b.sealed_at)
        for b in session.execute(select(batch_cls).order_by(batch_cls.id)).scalars()
    ]


def proof_for(session: Any, seq: int) -> dict[str, Any]:
    """Inclusion proof of entry ``seq`` in its sealed batch, as a JSON-ready dict."""
    entries = load_entries(session)
    batches = load_batches(session)
    for b in batches:
        if b.first_seq <= seq <= b.last_seq:
            hashes = [e.entry_hash for e in entries if b.first_seq <= e.seq <= b.last_seq]
            index = seq - b.first_seq
            return {
                "seq": seq,
                "entry_hash": hashes[index],
                "batch": b.id,
                "index": index,
                "size": len(hashes),
                "proof": inclusion_proof(hashes, index),
                "merkle_root": b.merkle_root,
            }
    raise LookupError(f"ledger entry {seq} is not in a sealed batch yet")
