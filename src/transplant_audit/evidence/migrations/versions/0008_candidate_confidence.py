"""each candidate's calibrated confidence, stored for review

Adds ``candidates.confidence``: the calibrated chance that the figure is right
(``extract/confidence.py``), recorded when the candidate is stored, so that ``review``
can offer the likely ones first. NULL for candidates stored before this revision and for
any stored while the confidence mapping was stale.

Revision ID: 0008_candidate_confidence
Revises: 0007_registry
Create Date: 2026-12-05 12:40:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008_candidate_confidence"
down_revision: str | None = "0007_registry"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("candidates") as batch:
        batch.add_column(sa.Column("confidence", sa.Float(), nullable=True))


def downgrade() -> None:
    # A plain DROP COLUMN where the database has one (PostgreSQL; SQLite from 3.35): batch
    # mode rebuilds ``candidates`` on SQLite, and dropping the old table under the foreign
    # keys review_decisions holds fails once any candidate has been reviewed.
    bind = op.get_bind()
    if bind.dialect.name != "sqlite" or bind.dialect.dbapi.sqlite_version_info >= (3, 35):
        op.drop_column("candidates", "confidence")
        return
    with op.batch_alter_table("candidates") as batch:
        batch.drop_column("confidence")
