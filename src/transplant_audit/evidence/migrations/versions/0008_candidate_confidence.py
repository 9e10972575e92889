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

from transplant_audit.evidence.migrations import drop_column

revision: str = "0008_candidate_confidence"
down_revision: str | None = "0007_registry"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("candidates") as batch:
        batch.add_column(sa.Column("confidence", sa.Float(), nullable=True))


def downgrade() -> None:
    drop_column("candidates", "confidence")
