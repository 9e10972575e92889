"""An exhibit: one figure with everything a third party needs to check it.

``transplant-audit exhibit OBSERVATION_ID --out DIR`` writes the observation and its
source row, the source's archived bytes and WARC record (when captured), the review
decisions, and every ledger entry about them with its Merkle inclusion proof, plus a
README saying how to check each digest and proof with standard tools (``sha256sum``,
``zcat``, a stdlib-only Python script). Nothing in the exhibit needs the toolkit.

``exhibit_files`` is pure (plain data in, file name -> bytes out); ``load_exhibit``
reads the store and the archive; ``write_exhibit`` writes the files into a temporary
directory and renames it into place, so DIR never holds half an exhibit.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import shutil
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from transplant_audit.errors import ConfigError, DataError
from transplant_audit.evidence import ledger
from transplant_audit.evidence.ledger import BatchData, EntryData
from transplant_audit.fileerrors import temp_dir_beside
from transplant_audit.jsonvalue import plain

EXTENSIONS = {
    "text/html": ".html",
    "application/pdf": ".pdf",
    "text/plain": ".txt",
    "application/json": ".json",
    "text/csv": ".csv",
}
"""Media type -> file extension of the archived document in the exhibit (else .bin)."""


@dataclass(frozen=True)
class ExhibitData:
    """Everything an exhibit holds, as plain data."""

    observation: dict[str, str]
    """The observation as the data package writes it (text cells)."""
    source: dict[str, str] | None
    candidate: dict[str, Any] | None
    decisions: list[dict[str, Any]]
    archive_record: dict[str, Any] | None
    captures: list[dict[str, Any]]
    document: bytes | None
    warc_record: bytes | None
    entries: list[EntryData]
    batches: list[BatchData]
    all_hashes: dict[int, list[str]] = field(default_factory=dict)
    """Batch id -> the entry hashes of the whole batch (for the inclusion proofs)."""


def _json(obj: Any) -> bytes:
    """Strict JSON (``jsonvalue.plain``: NaN as null), so any JSON reader can check it."""
    text = json.dumps(plain(obj), indent=2, ensure_ascii=False, sort_keys=True, allow_nan=False)
    return (text + "\n").encode()


def _proof(e: EntryData, batches: Sequence[BatchData], hashes: dict[int, list[str]]) -> dict:
    for b in batches:
        if b.first_seq <= e.seq <= b.last_seq:
            index = e.seq - b.first_seq
            return {
                "batch": b.id,
                "index": index,
                "size": b.last_seq - b.first_seq + 1,
                "path": ledger.inclusion_proof(hashes[b.id], index),
                "merkle_root": b.merkle_root,
            }
    raise ValueError(f"ledger entry {e.seq} is not sealed in a batch")


def _document_name(record: dict[str, Any] | None) -> str:
    media = str((record or {}).get("media_type") or "").split(";")[0].strip()
    return "source/document" + EXTENSIONS.get(media, ".bin")


def exhibit_files(data: ExhibitData) -> dict[str, bytes]:
    """The exhibit's files (relative name -> bytes). Pure."""
    files: dict[str, bytes] = {}
    obs_id = data.observation["id"]
    rows = {"rows/observation.json": ledger.row_canonical("observations", data.observation)}
    if data.source is not None:
        rows["rows/source.json"] = ledger.row_canonical("sources", data.source)
    for d in data.decisions:
        rows[f"rows/review_decision-{d['id']}.json"] = ledger.row_canonical("review_decisions", d)
    files.update(rows)
    files["figure.json"] = _json(
        {
            "observation": data.observation,
            "source": data.source,
            "candidate": data.candidate,
            "row_digests": {
                name: "sha256:" + hashlib.sha256(b).hexdigest() for name, b in rows.items()
            },
        }
    )
    if data.archive_record is not None and data.document is not None:
        files[_document_name(data.archive_record)] = data.document
        if data.warc_record is not None:
            files["source/record.warc.gz"] = data.warc_record
        files["source/capture.json"] = _json(
            {"archive_record": data.archive_record, "captures": data.captures}
        )
    else:
        files["source/NOT-CAPTURED.txt"] = _not_captured(data.source)
    files["review.json"] = _json({"candidate": data.candidate, "decisions": data.decisions})
    listed = []
    for e in data.entries:
        name = f"ledger/{e.seq:08d}"
        files[f"{name}.payload.json"] = e.payload.encode("utf-8")
        files[f"{name}.entry.json"] = ledger.canonical_json(
            {
                "seq": e.seq,
                "prev_hash": e.prev_hash,
                "kind": e.kind,
                "subject": e.subject,
                "payload_digest": e.payload_digest,
                "timestamp": e.timestamp,
            }
        )
        listed.append(
            {
                "seq": e.seq,
                "kind": e.kind,
                "subject": e.subject,
                "timestamp": e.timestamp,
                "prev_hash": e.prev_hash,
                "payload_digest": e.payload_digest,
                "entry_hash": e.entry_hash,
                "payload_file": f"{name}.payload.json",
                "entry_file": f"{name}.entry.json",
                "proof": _proof(e, data.batches, data.all_hashes),
            }
        )
    files["ledger/entries.json"] = _json(listed)
    files["check_proofs.py"] = CHECK_PROOFS.encode()
    files["README.md"] = _readme(obs_id, data, files).encode()
    files["SHA256SUMS"] = "".join(
        f"{hashlib.sha256(b).hexdigest()}  {name}\n" for name, b in sorted(files.items())
    ).encode()
    return files


def _not_captured(source: dict[str, str] | None) -> bytes:
    if source is None:
        return b"The observation names no source in this store.\n"
    lines = [
        "The source of this figure was not captured into this store's archive.",
        f"URL: {source.get('url') or '(none)'}",
        f"Digest stated by the source row: {source.get('digest') or '(none)'}",
        "Capture it with: transplant-audit capture URL, then build the exhibit again.",
    ]
    return ("\n".join(lines) + "\n").encode()


CHECK_PROOFS = '''"""Check every ledger entry of this exhibit: payload digest, entry hash and Merkle
inclusion proof (RFC 9162, sections 2.1.3.2). Python standard library only.
Run from the exhibit directory: python3 check_proofs.py"""

import hashlib
import json


def raw(d):
    return bytes.fromhex(d.split(":", 1)[1])


def h(b):
    return hashlib.sha256(b).digest()


bad = 0
for x in json.load(open("ledger/entries.json", encoding="utf-8")):
    p = x["proof"]
    ok = "sha256:" + h(open(x["payload_file"], "rb").read()).hex() == x["payload_digest"]
    ok &= "sha256:" + h(open(x["entry_file"], "rb").read()).hex() == x["entry_hash"]
    r, fn, sn = h(b"\\x00" + raw(x["entry_hash"])), p["index"], p["size"] - 1
    for q in p["path"]:
        if fn & 1 or fn == sn:
            r = h(b"\\x01" + raw(q) + r)
            while not fn & 1 and fn:
                fn, sn = fn >> 1, sn >> 1
        else:
            r = h(b"\\x01" + r + raw(q))
        fn, sn = fn >> 1, sn >> 1
    ok &= sn == 0 and r == raw(p["merkle_root"])
    bad += not ok
    print(x["seq"], x["kind"], "batch", p["batch"], p["merkle_root"], "ok" if ok else "FAILED")
print("all entries check" if not bad else f"{bad} entries FAILED")
raise SystemExit(1 if bad else 0)
'''


def _readme(obs_id: str, data: ExhibitData, files: dict[str, bytes]) -> str:
    doc = next((n for n in files if n.startswith("source/document")), None)
    record = data.archive_record or {}
    roots = sorted({(b.id, b.merkle_root) for b in data.batches if _batch_used(b, data)})
    parts = [
        f"# Exhibit: observation {obs_id}",
        "",
        "Written by `transplant-audit exhibit`. Everything here can be checked with standard",
        "tools; `sha256sum` prints the hex digest that follows `sha256:` in the files.",
        "",
        "## Files",
        "",
        "- `figure.json`: the observation and its source row, as the data package writes",
        "  them, and the digests of their canonical forms.",
        "- `rows/*.json`: the canonical JSON of each row (observation, source, review",
        "  decisions); its SHA-256 is the `row_digest` in the row's ledger entry payload.",
        "- `review.json`: the candidate the figure was extracted as and every review",
        "  decision (who, what, when).",
        "- `ledger/entries.json`: every ledger entry about these rows, each with its Merkle",
        "  inclusion proof; `ledger/NNNNNNNN.payload.json` and `.entry.json` hold the exact",
        "  bytes its `payload_digest` and `entry_hash` are computed over.",
        "- `check_proofs.py`: checks every entry and proof (Python standard library only).",
        "- `SHA256SUMS`: the digest of every other file.",
        "",
        "## How to check",
        "",
        "1. Nothing changed since the exhibit was written: `sha256sum -c SHA256SUMS`.",
    ]
    if doc:
        parts += [
            f"2. The document: `sha256sum {doc}` prints the hex of `{record.get('digest')}`,",
            "   the digest in `source/capture.json` and in the `archive_records` ledger entry.",
            "3. The WARC record as archived: `sha256sum source/record.warc.gz` prints the hex of",
            f"   `{record.get('record_digest')}`; `zcat source/record.warc.gz | head -20` shows",
            "   its headers (`WARC-Target-URI`, `WARC-Date`, `WARC-Payload-Digest`); the",
            f"   record's content is the document's {record.get('size')} bytes.",
        ]
    else:
        parts += [
            "2. The source was not captured: see `source/NOT-CAPTURED.txt` (its URL and the",
            "   digest the source row states, if any).",
        ]
    parts += [
        "4. Each row: `sha256sum rows/observation.json` equals the `row_digest` in the",
        "   payload of the observation's latest ledger entry (the same for the source and",
        '   each review decision): `grep -o \'"row_digest":"[^"]*"\' ledger/*.payload.json`.',
        "5. Each ledger entry: `sha256sum ledger/NNNNNNNN.payload.json` is its",
        "   `payload_digest`, `sha256sum ledger/NNNNNNNN.entry.json` its `entry_hash`",
        "   (canonical JSON: sorted keys, no spaces, UTF-8).",
        "6. Each inclusion proof: `python3 check_proofs.py` recomputes the Merkle root of",
        "   the entry's batch from the entry hash and the proof path (RFC 9162: leaf =",
        "   SHA-256(0x00 || hash), node = SHA-256(0x01 || left || right)). With openssl",
        "   instead: `printf '\\x00' | cat - <(xxd -r -p <<< HEX) | openssl dgst -sha256`",
        "   gives a leaf; combine nodes the same way.",
        "7. Compare each Merkle root below with the one in a manifest published elsewhere",
        "   (`transplant-audit manifest`): a root that matches a manifest published before",
        "   a dispute proves the entry was in the ledger then.",
        "",
        "| batch | Merkle root |",
        "|---|---|",
        *(f"| {bid} | `{root}` |" for bid, root in roots),
        "",
    ]
    return "\n".join(parts)


def _batch_used(b: BatchData, data: ExhibitData) -> bool:
    return any(b.first_seq <= e.seq <= b.last_seq for e in data.entries)


# --------------------------------------------------------------------------- store side


def _text_row(table: str, obj: Any) -> dict[str, str]:
    from transplant_audit.evidence.store import _text_row as store_text_row

    values = {c.name: getattr(obj, c.name) for c in obj.__table__.columns}
    return store_text_row(table, values)


def _columns(obj: Any) -> dict[str, Any]:
    """A stored row's columns as a dict (made JSON-safe where written, by ``_json``)."""
    return {c.name: getattr(obj, c.name) for c in obj.__table__.columns}


def _unknown(session: Any, obs_id: str) -> ConfigError:
    from sqlalchemy import select

    from transplant_audit.evidence.schema import Observation

    ids = list(session.execute(select(Observation.id)).scalars())
    close = difflib.get_close_matches(obs_id.strip().lower(), ids, n=3, cutoff=0.6)
    hint = f"; did you mean {' or '.join(close)}?" if close else ""
    return ConfigError(
        f"no observation {obs_id!r} in the store{hint} (ids: transplant-audit show, or "
        "review --list)"
    )


def load_exhibit(store: Any, home: Path, obs_id: str) -> ExhibitData:
    """Read the observation and everything about it; seals the ledger's unsealed
    entries first (a ledger operation like any other) so every entry has a proof."""
    from sqlalchemy import select

    from transplant_audit.capture.archive import Archive, read_payload
    from transplant_audit.evidence.archive_schema import ArchiveRecord, Capture, LedgerEntry
    from transplant_audit.evidence.schema import Observation, Source
    from transplant_audit.extract.review_schema import Candidate, ReviewDecision

    with store.session(write=True) as s:
        if s.get(Observation, obs_id) is None:
            raise _unknown(s, obs_id)
        ledger.seal(s)
    with store.session() as s:
        obs = s.get(Observation, obs_id)
        if obs is None:
            raise _unknown(s, obs_id)
        source = s.get(Source, obs.source_id) if obs.source_id else None
        cand = s.execute(
            select(Candidate).where(Candidate.observation_id == obs_id)
        ).scalar_one_or_none()
        decisions = (
            [
                _columns(d)
                for d in s.execute(
                    select(ReviewDecision)
                    .where(ReviewDecision.candidate_id == cand.id)
                    .order_by(ReviewDecision.id)
                ).scalars()
            ]
            if cand is not None
            else []
        )
        captures = (
            list(
                s.execute(
                    select(Capture).where(Capture.source_id == source.id).order_by(Capture.id)
                ).scalars()
            )
            if source is not None
            else []
        )
        digest = cand.digest if cand is not None and cand.digest else None
        if digest is None and captures:
            digest = captures[-1].digest
        record = s.get(ArchiveRecord, digest) if digest else None
        subjects = {f"observations/{obs_id}"}
        if source is not None:
            subjects.add(f"sources/{source.id}")
        if cand is not None:
            subjects.add(f"candidates/{cand.id}")
        subjects.update(f"review_decisions/{d['id']}" for d in decisions)
        if record is not None:
            subjects.add(f"archive_records/{record.digest}")
            subjects.update(f"captures/{c.id}" for c in captures if c.digest == record.digest)
        rows = s.execute(
            select(LedgerEntry).where(LedgerEntry.subject.in_(subjects)).order_by(LedgerEntry.seq)
        ).scalars()
        entries = [
            EntryData(
                e.seq,
                e.prev_hash,
                e.kind,
                e.subject,
                e.payload,
                e.payload_digest,
                e.timestamp,
                e.entry_hash,
                e.batch_id,
            )
            for e in rows
        ]
        batches = [b for b in ledger.load_batches(s) if any(b.id == e.batch_id for e in entries)]
        all_hashes = {
            b.id: list(
                s.execute(
                    select(LedgerEntry.entry_hash)
                    .where(LedgerEntry.seq.between(b.first_seq, b.last_seq))
                    .order_by(LedgerEntry.seq)
                ).scalars()
            )
            for b in batches
        }
        observation = _text_row("observations", obs)
        source_row = _text_row("sources", source) if source is not None else None
        candidate = _columns(cand) if cand is not None else None
        record_row = _columns(record) if record is not None else None
        capture_rows = [_columns(c) for c in captures if record and c.digest == record.digest]
    document = warc = None
    if record_row is not None:
        path = Archive(home).path(record_row["warc_file"])
        if not path.is_file():
            raise DataError(str(path), "archive file missing (run transplant-audit verify)")
        with path.open("rb") as fh:
            document = b"".join(read_payload(fh, int(record_row["offset"])))
            fh.seek(int(record_row["offset"]))
            warc = fh.read(int(record_row["length"]))
    return ExhibitData(
        observation=observation,
        source=source_row,
        candidate=candidate,
        decisions=decisions,
        archive_record=record_row,
        captures=capture_rows,
        document=document,
        warc_record=warc,
        entries=entries,
        batches=batches,
        all_hashes=all_hashes,
    )


def write_exhibit(files: dict[str, bytes], out: Path) -> Path:
    """Write the files into a temporary directory beside ``out`` and rename it into
    place; ``out`` must not exist or be empty."""
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise ConfigError(f"{out} exists and is not empty: choose a new directory")
    tmp = temp_dir_beside(out)
    try:
        for name, data in files.items():
            path = tmp / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        if out.exists():
            out.rmdir()
        tmp.rename(out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return out
