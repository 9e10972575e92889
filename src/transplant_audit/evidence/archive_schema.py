"""Tables of the archive and the ledger (capture engineer), on the store's shared ``Base``.

- ``archive_records``: one row per distinct document (payload digest) in the WARC
  archive, with where its record sits and the digest of the stored record bytes.
  The same bytes captured twice are stored once, so ``digest`` is the key.
- ``captures``: one row per capture event (every time someone captured a file or
  URL, even if the bytes were already archived), linking to the record and to the
  ``sources`` row it created or attached to.
- ``ledger_entries``: the hash-chained, append-only log of every change to evidence.
- ``ledger_batches``: consecutive runs of entries sealed under a Merkle root, so one
  entry's inclusion can be proven with a short audit path.

Offsets, lengths and sizes are 64-bit: WARC files and documents may pass 2 GiB.
Times are UTC ISO-8601 text with microseconds (same on SQLite and PostgreSQL).
"""

from __future__ import annotations

from sqlalchemy import BigInteger, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from transplant_audit.evidence.base import Base


class ArchiveRecord(Base):
    """One document's exact bytes in the WARC archive (stored once per digest)."""

    __tablename__ = "archive_records"

    digest: Mapped[str] = mapped_column(String(80), primary_key=True)
    warc_file: Mapped[str] = mapped_column(String(64), index=True)
    offset: Mapped[int] = mapped_column(BigInteger)
    length: Mapped[int] = mapped_column(BigInteger)
    record_digest: Mapped[str] = mapped_column(String(80))
    size: Mapped[int] = mapped_column(BigInteger)
    media_type: Mapped[str] = mapped_column(String(120))
    charset: Mapped[str | None] = mapped_column(String(40))
    target_uri: Mapped[str] = mapped_column(Text)
    warc_date: Mapped[str] = mapped_column(String(32))
    record_id: Mapped[str] = mapped_column(String(80))


class Capture(Base):
    """One capture event: what was captured, from where, when, and which source it backs."""

    __tablename__ = "captures"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    digest: Mapped[str] = mapped_column(ForeignKey("archive_records.digest"), index=True)
    uri: Mapped[str] = mapped_column(Text)
    captured_at: Mapped[str] = mapped_column(String(32))
    source_id: Mapped[str | None] = mapped_column(ForeignKey("sources.id"), index=True)
    note: Mapped[str | None] = mapped_column(Text)


class LedgerEntry(Base):
    """One change to evidence. Never updated or deleted; an edit is a new entry.

    ``entry_hash`` = SHA-256 over the canonical JSON of
    ``{seq, prev_hash, kind, subject, payload_digest, timestamp}``
    (see ``transplant_audit.evidence.ledger.entry_hash``).
    """

    __tablename__ = "ledger_entries"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    prev_hash: Mapped[str] = mapped_column(String(80))
    kind: Mapped[str] = mapped_column(String(40), index=True)
    subject: Mapped[str] = mapped_column(Text, index=True)
    payload: Mapped[str] = mapped_column(Text)
    payload_digest: Mapped[str] = mapped_column(String(80))
    timestamp: Mapped[str] = mapped_column(String(32))
    entry_hash: Mapped[str] = mapped_column(String(80), unique=True)
    batch_id: Mapped[int | None] = mapped_column(Integer, index=True)


class LedgerBatch(Base):
    """Entries ``first_seq..last_seq`` sealed under an RFC 9162 Merkle tree root."""

    __tablename__ = "ledger_batches"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    first_seq: Mapped[int] = mapped_column(Integer)
    last_seq: Mapped[int] = mapped_column(Integer)
    merkle_root: Mapped[str] = mapped_column(String(80))
    sealed_at: Mapped[str] = mapped_column(String(32))
