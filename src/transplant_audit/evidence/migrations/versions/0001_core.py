"""Core tables of the evidence store: one per data-package resource, plus import bookkeeping.

Revision ID: 0001
Revises: (none, the first migration)
Create Date: 2026-11-23
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "assumptions",
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("distribution", sa.Text(), nullable=False),
        sa.Column("low", sa.Float(), nullable=True),
        sa.Column("mode", sa.Float(), nullable=True),
        sa.Column("high", sa.Float(), nullable=True),
        sa.Column("unit", sa.String(length=32), nullable=False),
        sa.Column("applies_to", sa.Text(), nullable=True),
        sa.Column("justification", sa.Text(), nullable=False),
        sa.Column("source_ids", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_assumptions")),
    )
    op.create_table(
        "imports",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("imported_at", sa.String(length=32), nullable=False),
        sa.Column("origin", sa.Text(), nullable=False),
        sa.Column("digest", sa.String(length=80), nullable=False),
        sa.Column("added", sa.Integer(), nullable=False),
        sa.Column("changed", sa.Integer(), nullable=False),
        sa.Column("unchanged", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_imports")),
    )
    op.create_table(
        "package_meta",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_package_meta")),
    )
    op.create_table(
        "sources",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("publisher", sa.Text(), nullable=True),
        sa.Column("party", sa.String(length=40), nullable=False),
        sa.Column("published", sa.String(length=10), nullable=True),
        sa.Column("retrieved", sa.String(length=10), nullable=True),
        sa.Column("language", sa.String(length=16), nullable=True),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("digest", sa.String(length=80), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sources")),
        sa.UniqueConstraint("url", name=op.f("uq_sources_url")),
    )
    op.create_index(op.f("ix_sources_party"), "sources", ["party"], unique=False)
    op.create_table(
        "assumption_sources",
        sa.Column("assumption_name", sa.String(length=120), nullable=False),
        sa.Column("source_id", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["assumption_name"],
            ["assumptions.name"],
            name=op.f("fk_assumption_sources_assumption_name_assumptions"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["source_id"], ["sources.id"], name=op.f("fk_assumption_sources_source_id_sources")
        ),
        sa.PrimaryKeyConstraint("assumption_name", "source_id", name=op.f("pk_assumption_sources")),
    )
    op.create_index(
        op.f("ix_assumption_sources_source_id"), "assumption_sources", ["source_id"], unique=False
    )
    op.create_table(
        "claims",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("quantity", sa.Text(), nullable=False),
        sa.Column("claimant", sa.Text(), nullable=False),
        sa.Column("party", sa.String(length=40), nullable=False),
        sa.Column("period_start", sa.String(length=10), nullable=True),
        sa.Column("period_end", sa.String(length=10), nullable=True),
        sa.Column("value_low", sa.Float(), nullable=False),
        sa.Column("value_high", sa.Float(), nullable=True),
        sa.Column("unit", sa.String(length=32), nullable=False),
        sa.Column("qualifier", sa.String(length=16), nullable=False),
        sa.Column("source_id", sa.String(length=64), nullable=False),
        sa.Column("locator", sa.Text(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["source_id"], ["sources.id"], name=op.f("fk_claims_source_id_sources")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_claims")),
    )
    op.create_index(op.f("ix_claims_quantity"), "claims", ["quantity"], unique=False)
    op.create_index(op.f("ix_claims_source_id"), "claims", ["source_id"], unique=False)
    op.create_table(
        "hospitals",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("name_en", sa.Text(), nullable=False),
        sa.Column("name_zh", sa.Text(), nullable=True),
        sa.Column("province", sa.Text(), nullable=True),
        sa.Column("city", sa.Text(), nullable=True),
        sa.Column("military", sa.Boolean(), nullable=False),
        sa.Column("licensed", sa.Boolean(), nullable=True),
        sa.Column("licensed_organs", sa.Text(), nullable=True),
        sa.Column("licence_year", sa.Integer(), nullable=True),
        sa.Column("organs_mentioned", sa.Text(), nullable=True),
        sa.Column("source_id", sa.String(length=64), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["source_id"], ["sources.id"], name=op.f("fk_hospitals_source_id_sources")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_hospitals")),
    )
    op.create_index(op.f("ix_hospitals_province"), "hospitals", ["province"], unique=False)
    op.create_index(op.f("ix_hospitals_source_id"), "hospitals", ["source_id"], unique=False)
    op.create_table(
        "official_series",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("series", sa.Text(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("value", sa.Float(), nullable=False),
        sa.Column("unit", sa.String(length=32), nullable=False),
        sa.Column("qualifier", sa.String(length=16), nullable=False),
        sa.Column("partial_year", sa.Boolean(), nullable=False),
        sa.Column("source_id", sa.String(length=64), nullable=False),
        sa.Column("locator", sa.Text(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["source_id"], ["sources.id"], name=op.f("fk_official_series_source_id_sources")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_official_series")),
    )
    op.create_index(
        "ix_official_series_series_year", "official_series", ["series", "year"], unique=False
    )
    op.create_index(
        op.f("ix_official_series_source_id"), "official_series", ["source_id"], unique=False
    )
    op.create_table(
        "reference_series",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("country", sa.Text(), nullable=False),
        sa.Column("series", sa.Text(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("value", sa.Float(), nullable=False),
        sa.Column("unit", sa.String(length=32), nullable=False),
        sa.Column("source_id", sa.String(length=64), nullable=False),
        sa.Column("locator", sa.Text(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["source_id"], ["sources.id"], name=op.f("fk_reference_series_source_id_sources")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reference_series")),
    )
    op.create_index(
        "ix_reference_series_country_series_year",
        "reference_series",
        ["country", "series", "year"],
        unique=False,
    )
    op.create_index(
        op.f("ix_reference_series_source_id"), "reference_series", ["source_id"], unique=False
    )
    op.create_table(
        "observations",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("hospital_id", sa.String(length=64), nullable=True),
        sa.Column("indicator", sa.String(length=64), nullable=False),
        sa.Column("organ", sa.String(length=32), nullable=True),
        sa.Column("period_start", sa.String(length=10), nullable=True),
        sa.Column("period_end", sa.String(length=10), nullable=True),
        sa.Column("as_of", sa.String(length=10), nullable=True),
        sa.Column("value", sa.Float(), nullable=False),
        sa.Column("qualifier", sa.String(length=16), nullable=False),
        sa.Column("unit", sa.String(length=32), nullable=False),
        sa.Column("source_id", sa.String(length=64), nullable=False),
        sa.Column("locator", sa.Text(), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("year", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["hospital_id"], ["hospitals.id"], name=op.f("fk_observations_hospital_id_hospitals")
        ),
        sa.ForeignKeyConstraint(
            ["source_id"], ["sources.id"], name=op.f("fk_observations_source_id_sources")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_observations")),
    )
    op.create_index(
        "ix_observations_hospital_indicator_year",
        "observations",
        ["hospital_id", "indicator", "year"],
        unique=False,
    )
    op.create_index(
        "ix_observations_indicator_year", "observations", ["indicator", "year"], unique=False
    )
    op.create_index(op.f("ix_observations_source_id"), "observations", ["source_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_observations_source_id"), table_name="observations")
    op.drop_index("ix_observations_indicator_year", table_name="observations")
    op.drop_index("ix_observations_hospital_indicator_year", table_name="observations")
    op.drop_table("observations")
    op.drop_index(op.f("ix_reference_series_source_id"), table_name="reference_series")
    op.drop_index("ix_reference_series_country_series_year", table_name="reference_series")
    op.drop_table("reference_series")
    op.drop_index(op.f("ix_official_series_source_id"), table_name="official_series")
    op.drop_index("ix_official_series_series_year", table_name="official_series")
    op.drop_table("official_series")
    op.drop_index(op.f("ix_hospitals_source_id"), table_name="hospitals")
    op.drop_index(op.f("ix_hospitals_province"), table_name="hospitals")
    op.drop_table("hospitals")
    op.drop_index(op.f("ix_claims_source_id"), table_name="claims")
    op.drop_index(op.f("ix_claims_quantity"), table_name="claims")
    op.drop_table("claims")
    op.drop_index(op.f("ix_assumption_sources_source_id"), table_name="assumption_sources")
    op.drop_table("assumption_sources")
    op.drop_index(op.f("ix_sources_party"), table_name="sources")
    op.drop_table("sources")
    op.drop_table("package_meta")
    op.drop_table("imports")
    op.drop_table("assumptions")
