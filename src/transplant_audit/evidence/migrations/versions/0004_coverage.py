"""bed scope, derived official figures, hospital aliases, licensed text, licences table

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-04 21:00:00

Existing bed figures get ``bed_scope`` ``unknown`` (the store did not know); a
hospital's ``licensed`` becomes text: true/false, and ``unknown`` where it was NULL.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_BED_INDICATORS = (
    "total_beds",
    "transplant_beds",
    "department_beds",
    "icu_beds",
    "total_beds_planned",
    "transplant_beds_planned",
)
"""Frozen copy of vocabulary.BED_INDICATORS as of this revision (migrations never import
code that can change later)."""


def upgrade() -> None:
    with op.batch_alter_table("observations") as batch:
        batch.add_column(sa.Column("bed_scope", sa.String(length=24), nullable=True))
    beds = ", ".join(f"'{i}'" for i in _BED_INDICATORS)
    op.execute(f"UPDATE observations SET bed_scope = 'unknown' WHERE indicator IN ({beds})")
    with op.batch_alter_table("hospitals") as batch:
        batch.add_column(sa.Column("aliases", sa.Text(), nullable=True))
        batch.add_column(sa.Column("licensed_text", sa.String(length=8), nullable=True))
    op.execute(
        "UPDATE hospitals SET licensed_text = CASE WHEN licensed IS NULL THEN 'unknown' "
        "WHEN licensed THEN 'true' ELSE 'false' END"
    )
    with op.batch_alter_table("hospitals") as batch:
        batch.drop_column("licensed")
    with op.batch_alter_table("hospitals") as batch:
        batch.alter_column(
            "licensed_text",
            new_column_name="licensed",
            existing_type=sa.String(length=8),
            nullable=False,
        )
    with op.batch_alter_table("official_series") as batch:
        batch.add_column(
            sa.Column("derived", sa.Boolean(), nullable=False, server_default=sa.false())
        )
    with op.batch_alter_table("official_series") as batch:
        batch.alter_column("derived", existing_type=sa.Boolean(), server_default=None)
    op.create_table(
        "licences",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("hospital_id", sa.String(length=64), nullable=False),
        sa.Column("organ", sa.String(length=32), nullable=True),
        sa.Column("list_name", sa.Text(), nullable=False),
        sa.Column("list_year", sa.Integer(), nullable=True),
        sa.Column("licensed", sa.Boolean(), nullable=False),
        sa.Column("source_id", sa.String(length=64), nullable=False),
        sa.Column("locator", sa.Text(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["hospital_id"], ["hospitals.id"], name=op.f("fk_licences_hospital_id_hospitals")
        ),
        sa.ForeignKeyConstraint(
            ["source_id"], ["sources.id"], name=op.f("fk_licences_source_id_sources")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_licences")),
    )
    op.create_index(op.f("ix_licences_hospital_id"), "licences", ["hospital_id"], unique=False)
    op.create_index(op.f("ix_licences_source_id"), "licences", ["source_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_licences_source_id"), table_name="licences")
    op.drop_index(op.f("ix_licences_hospital_id"), table_name="licences")
    op.drop_table("licences")
    with op.batch_alter_table("hospitals") as batch:
        batch.add_column(sa.Column("licensed_bool", sa.Boolean(), nullable=True))
    op.execute(
        "UPDATE hospitals SET licensed_bool = CASE licensed WHEN 'true' THEN TRUE "
        "WHEN 'false' THEN FALSE ELSE NULL END"
    )
    with op.batch_alter_table("hospitals") as batch:
        batch.drop_column("licensed")
        batch.drop_column("aliases")
    with op.batch_alter_table("hospitals") as batch:
        batch.alter_column("licensed_bool", new_column_name="licensed", existing_type=sa.Boolean())
    with op.batch_alter_table("official_series") as batch:
        batch.drop_column("derived")
    with op.batch_alter_table("observations") as batch:
        batch.drop_column("bed_scope")
