"""registry: cases (pseudonymous), near-duplicate queue, reporter centres (registry engineer)

Revision ID: 0007_registry
Revises: 0006_coverage
Create Date: 2026-12-04 21:18:32.055150
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007_registry"
down_revision: str | None = "0006_coverage"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "registry_cases",
        sa.Column("case_id", sa.String(length=32), nullable=False),
        sa.Column("pseudonym", sa.String(length=64), nullable=False),
        sa.Column("reporting_centre", sa.String(length=80), nullable=False),
        sa.Column("birth_year", sa.Integer(), nullable=False),
        sa.Column("sex", sa.String(length=16), nullable=False),
        sa.Column("home_region", sa.String(length=80), nullable=True),
        sa.Column("organ", sa.String(length=32), nullable=False),
        sa.Column("transplant_month", sa.String(length=7), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("destination_country", sa.String(length=2), nullable=False),
        sa.Column("destination_city", sa.String(length=120), nullable=True),
        sa.Column("destination_hospital", sa.String(length=200), nullable=True),
        sa.Column("hospital_id", sa.String(length=64), nullable=True),
        sa.Column("wait_told_days", sa.Integer(), nullable=True),
        sa.Column("wait_actual_days", sa.Integer(), nullable=True),
        sa.Column("price_paid", sa.Float(), nullable=True),
        sa.Column("price_currency", sa.String(length=3), nullable=True),
        sa.Column("broker_involved", sa.String(length=8), nullable=False),
        sa.Column("donor_type_stated", sa.String(length=16), nullable=False),
        sa.Column("documents_received", sa.Text(), nullable=True),
        sa.Column("followup_outcome", sa.Text(), nullable=True),
        sa.Column("information_source", sa.String(length=32), nullable=False),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("reported_by", sa.String(length=80), nullable=False),
        sa.Column("reported_at", sa.String(length=32), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("deleted_reason", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("case_id", name=op.f("pk_registry_cases")),
    )
    with op.batch_alter_table("registry_cases", schema=None) as batch_op:
        batch_op.create_index(
            "ix_registry_cases_cell", ["year", "destination_country", "organ"], unique=False
        )
        batch_op.create_index("ix_registry_cases_match", ["pseudonym", "organ"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_registry_cases_reporting_centre"), ["reporting_centre"], unique=False
        )

    op.create_table(
        "registry_reporter_centres",
        sa.Column("username", sa.String(length=80), nullable=False),
        sa.Column("centre", sa.String(length=80), nullable=False),
        sa.PrimaryKeyConstraint("username", name=op.f("pk_registry_reporter_centres")),
    )
    op.create_table(
        "registry_near_duplicates",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("case_id", sa.String(length=32), nullable=False),
        sa.Column("other_case_id", sa.String(length=32), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("resolved_by", sa.String(length=80), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["registry_cases.case_id"],
            name=op.f("fk_registry_near_duplicates_case_id_registry_cases"),
        ),
        sa.ForeignKeyConstraint(
            ["other_case_id"],
            ["registry_cases.case_id"],
            name=op.f("fk_registry_near_duplicates_other_case_id_registry_cases"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_registry_near_duplicates")),
    )
    with op.batch_alter_table("registry_near_duplicates", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_registry_near_duplicates_case_id"), ["case_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_registry_near_duplicates_status"), ["status"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("registry_near_duplicates", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_registry_near_duplicates_status"))
        batch_op.drop_index(batch_op.f("ix_registry_near_duplicates_case_id"))

    op.drop_table("registry_near_duplicates")
    op.drop_table("registry_reporter_centres")
    with op.batch_alter_table("registry_cases", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_registry_cases_reporting_centre"))
        batch_op.drop_index("ix_registry_cases_match")
        batch_op.drop_index("ix_registry_cases_cell")

    op.drop_table("registry_cases")
