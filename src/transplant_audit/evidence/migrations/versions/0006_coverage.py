"""bed scope, derived official figures, hospital aliases, licensed text, licences table

Revision ID: 0006_coverage
Revises: 0004_workbench
Create Date: 2026-12-04 21:00:00

Existing bed figures get ``bed_scope`` ``unknown`` (the store did not know); a
hospital's ``licensed`` becomes text: true/false, and ``unknown`` where it was NULL.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from transplant_audit.evidence.migrations import drop_column

revision: str = "0006_coverage"
down_revision: str | None = "0004_workbench"
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


def _sqlite() -> bool:
    return op.get_bind().dialect.name == "sqlite"


def _add(table: str, column: sa.Column) -> None:
    # a plain ALTER TABLE ADD COLUMN: never a batch table copy, which on SQLite would
    # drop and recreate a table other tables' foreign keys point at
    op.add_column(table, column)


def upgrade() -> None:
    _add("observations", sa.Column("bed_scope", sa.String(length=24), nullable=True))
    beds = ", ".join(f"'{i}'" for i in _BED_INDICATORS)
    op.execute(f"UPDATE observations SET bed_scope = 'unknown' WHERE indicator IN ({beds})")
    _add("hospitals", sa.Column("aliases", sa.Text(), nullable=True))
    _add(
        "hospitals",
        sa.Column("licensed_text", sa.String(length=8), nullable=False, server_default="unknown"),
    )
    op.execute(
        "UPDATE hospitals SET licensed_text = CASE WHEN licensed IS NULL THEN 'unknown' "
        "WHEN licensed THEN 'true' ELSE 'false' END"
    )
    drop_column("hospitals", "licensed")
    if _sqlite():
        op.execute("ALTER TABLE hospitals RENAME COLUMN licensed_text TO licensed")
    else:
        op.alter_column("hospitals", "licensed_text", new_column_name="licensed")
    _add(
        "official_series",
        sa.Column("derived", sa.Boolean(), nullable=False, server_default=sa.false()),
    )
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
    drop_column("official_series", "derived")
    _add("hospitals", sa.Column("licensed_bool", sa.Boolean(), nullable=True))
    op.execute(
        "UPDATE hospitals SET licensed_bool = CASE licensed WHEN 'true' THEN TRUE "
        "WHEN 'false' THEN FALSE ELSE NULL END"
    )
    drop_column("hospitals", "licensed")
    if _sqlite():
        op.execute("ALTER TABLE hospitals RENAME COLUMN licensed_bool TO licensed")
    else:
        op.alter_column("hospitals", "licensed_bool", new_column_name="licensed")
    drop_column("hospitals", "aliases")
    drop_column("observations", "bed_scope")
