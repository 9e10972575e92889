"""archive records, captures and the hash-chained ledger (capture engineer)

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 03:20:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "archive_records",
        sa.Column("digest", sa.String(length=80), nullable=False),
        sa.Column("warc_file", sa.String(length=64), nullable=False),
        sa.Column("offset", sa.BigInteger(), nullable=False),
        sa.Column("length", sa.BigInteger(), nullable=False),
        sa.Column("record_digest", sa.String(length=80), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("media_type", sa.String(length=120), nullable=False),
        sa.Column("charset", sa.String(length=40), nullable=True),
        sa.Column("target_uri", sa.Text(), nullable=False),
        sa.Column("warc_date", sa.String(length=32), nullable=False),
        sa.Column("record_id", sa.String(length=80), nullable=False),
        sa.PrimaryKeyConstraint("digest", name=op.f("pk_archive_records")),
    )
    op.create_index(
        op.f("ix_archive_records_warc_file"), "archive_records", ["warc_file"], unique=False
    )
    op.create_table(
        "captures",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("digest", sa.String(length=80), nullable=False),
        sa.Column("uri", sa.Text(), nullable=False),
        sa.Column("captured_at", sa.String(length=32), nullable=False),
        sa.Column("source_id", sa.String(length=64), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["digest"],
            ["archive_records.digest"],
            name=op.f("fk_captures_digest_archive_records"),
        ),
        sa.ForeignKeyConstraint(
            ["source_id"], ["sources.id"], name=op.f("fk_captures_source_id_sources")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_captures")),
    )
    op.create_index(op.f("ix_captures_digest"), "captures", ["digest"], unique=False)
    op.create_index(op.f("ix_captures_source_id"), "captures", ["source_id"], unique=False)
    op.create_table(
        "ledger_entries",
        sa.Column("seq", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("prev_hash", sa.String(length=80), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("subject", sa.Text(), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("payload_digest", sa.String(length=80), nullable=False),
        sa.Column("timestamp", sa.String(length=32), nullable=False),
        sa.Column("entry_hash", sa.String(length=80), nullable=False),
        sa.Column("batch_id", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_ledger_entries")),
        sa.UniqueConstraint("entry_hash", name=op.f("uq_ledger_entries_entry_hash")),
    )
    op.create_index(op.f("ix_ledger_entries_kind"), "ledger_entries", ["kind"], unique=False)
    op.create_index(op.f("ix_ledger_entries_subject"), "ledger_entries", ["subject"], unique=False)
    op.create_index(
        op.f("ix_ledger_entries_batch_id"), "ledger_entries", ["batch_id"], unique=False
    )
    op.create_table(
        "ledger_batches",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("first_seq", sa.Integer(), nullable=False),
        sa.Column("last_seq", sa.Integer(), nullable=False),
        sa.Column("merkle_root", sa.String(length=80), nullable=False),
        sa.Column("sealed_at", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ledger_batches")),
    )


def downgrade() -> None:
    op.drop_table("ledger_batches")
    op.drop_index(op.f("ix_ledger_entries_batch_id"), table_name="ledger_entries")
    op.drop_index(op.f("ix_ledger_entries_subject"), table_name="ledger_entries")
    op.drop_index(op.f("ix_ledger_entries_kind"), table_name="ledger_entries")
    op.drop_table("ledger_entries")
    op.drop_index(op.f("ix_captures_source_id"), table_name="captures")
    op.drop_index(op.f("ix_captures_digest"), table_name="captures")
    op.drop_table("captures")
    op.drop_index(op.f("ix_archive_records_warc_file"), table_name="archive_records")
    op.drop_table("archive_records")
