"""who extracted each candidate; review decisions bound to the ledger

Adds ``candidates.extracted_by`` (the extractor's identity, NULL for candidates
stored before this revision: nobody is excluded from reviewing those). Review
decisions recorded before this revision were ledgered against their candidate
without a row digest; this migration appends one ``review_decision_bound`` entry per
existing decision row, committing to it as it stands at upgrade time, so that from
now on ``verify`` finds any decision row inserted or edited outside the toolkit.

Revision ID: 0004_extracted_by
Revises: 0003
Create Date: 2026-12-04 20:40:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from transplant_audit.evidence.migrations import drop_column

revision: str = "0004_extracted_by"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("candidates") as batch:
        batch.add_column(sa.Column("extracted_by", sa.String(length=80), nullable=True))
    _bind_existing_decisions()


def _bind_existing_decisions() -> None:
    from sqlalchemy.orm import Session

    from transplant_audit.evidence import ledger
    from transplant_audit.extract.review import DECISION_COLUMNS

    conn = op.get_bind()
    table = sa.table("review_decisions", *(sa.column(c) for c in DECISION_COLUMNS))
    rows = conn.execute(sa.select(table).order_by(table.c.id)).mappings().all()
    if not rows:
        return
    session = Session(bind=conn)
    for row in rows:
        ledger.append(
            session,
            "review_decision_bound",
            f"review_decisions/{row['id']}",
            {
                "resource": "review_decisions",
                "row": dict(row),
                "candidate": row["candidate_id"],
                "note": "decision made before decisions were bound to the ledger (0004)",
            },
        )
    session.flush()


def downgrade() -> None:
    drop_column("candidates", "extracted_by")
