"""Capture an uploaded document and extract its figures as an account (store work at the edge).

Uses the capture and extraction areas' public functions; what this adds is who did it:
the extracting account is recorded, so that account cannot review those figures.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from sqlalchemy import select

from transplant_audit.errors import ConfigError

MAX_NAME_CHARS = 100
"""Longest client file name kept (file systems stop at 255 bytes; the name is only a hint:
the capture records the URL)."""


def upload_name(filename: str | None) -> str:
    """A safe local name for an upload: the last path part, printable characters only, never
    ``.``/``..``, at most ``MAX_NAME_CHARS`` characters (else ``upload`` + its suffix)."""
    name = Path((filename or "").replace("\\", "/")).name
    name = "".join(ch for ch in name if ch.isprintable())
    if name in ("", ".", ".."):
        return "upload"
    if len(name) > MAX_NAME_CHARS:
        suffix = Path(name).suffix
        return "upload" + (suffix if len(suffix) <= 16 else "")
    return name


def capture_upload(
    store: Any, home: Path, filename: str, data: bytes, **source: Any
) -> dict[str, Any]:
    """Capture ``data`` (published at ``source['url']``) into ``home``'s archive and store."""
    from transplant_audit.capture.service import capture

    safe = upload_name(filename)
    with tempfile.TemporaryDirectory(prefix="ta-upload-") as tmp:
        path = Path(tmp) / safe
        path.write_bytes(data)
        results = capture(store, home, [str(path)], **source)
    return results[0].to_dict()


def extract_source(store: Any, home: Path, source_id: str, username: str) -> dict[str, Any]:
    """Extract the latest captured copy of ``source_id`` as ``extract`` does (its default
    method, each candidate with its confidence: ``confidence.document_candidates``); store
    new candidates as ``username``'s."""
    from transplant_audit.capture.archive import Archive, read_payload
    from transplant_audit.evidence.archive_schema import ArchiveRecord, Capture
    from transplant_audit.extract.confidence import document_candidates
    from transplant_audit.extract.review import candidate_id, save_scored
    from transplant_audit.extract.text import read_document

    with store.session() as s:
        cap = s.execute(
            select(Capture).where(Capture.source_id == source_id).order_by(Capture.id.desc())
        ).scalars().first()  # fmt: skip
        if cap is None:
            raise ConfigError(f"no captured document for source {source_id!r}")
        record = s.get(ArchiveRecord, cap.digest)
        digest, warc, offset = record.digest, record.warc_file, record.offset
        name, media, charset = record.target_uri, record.media_type, record.charset
    with Archive(home).path(warc).open("rb") as fh:
        data = b"".join(read_payload(fh, offset))
    doc = read_document(data, name=name, content_type=media, charset=charset)
    scored = document_candidates(doc.text)  # what ``extract`` stores, confidence included
    found = [c for c, _, _ in scored]
    locators = [doc.locator(c.start, c.end) for c in found]
    with store.session(write=True) as s:
        added, known = save_scored(s, source_id, digest, scored, locators, extracted_by=username)
    return {
        "source_id": source_id,
        "digest": digest,
        "candidates": [candidate_id(source_id, digest, c) for c in found],
        "added": len(added),
        "already_stored": known,
        "warnings": list(doc.warnings),
    }
