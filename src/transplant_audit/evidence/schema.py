"""Core tables of the evidence store: one table per data-package resource.

Each table has exactly the columns of its resource in ``frames.COLUMNS`` (same
names, and NOT NULL where the package's table schema says ``required``), plus
one store-only column that is never exported: ``observations.year``, the first
year the observation is about (from ``period_start``, else ``as_of``, else
``period_end``), indexed so that "hospital, indicator, year" look-ups are fast.

An observation about China as a whole has ``hospital_id`` ``"national"`` in the
package; in the store it is NULL so that ``hospital_id`` can be a real foreign
key to ``hospitals``. Assigning ``"national"`` to the attribute stores NULL
(see ``Observation._national_is_null``). Multi-valued cells (``source_ids``,
``licensed_organs``, ``organs_mentioned``) keep their ``;``-separated text;
``assumptions.source_ids`` is also resolved into ``assumption_sources`` rows so
that every source an assumption cites is a checked foreign key.

Partial dates ("2016", "2016-05", "2016-05-16") are kept as text: turning
"2016" into 2016-01-01 would invent precision the source does not have.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column, validates

from transplant_audit.evidence.base import Base
from transplant_audit.evidence.frames import NATIONAL

SOURCE_FK = "sources.id"


class Source(Base):
    """One document (URL or file) that figures come from."""

    __tablename__ = "sources"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    url: Mapped[str] = mapped_column(Text, unique=True)
    title: Mapped[str | None] = mapped_column(Text)
    publisher: Mapped[str | None] = mapped_column(Text)
    party: Mapped[str] = mapped_column(String(40), index=True)
    published: Mapped[str | None] = mapped_column(String(10))
    retrieved: Mapped[str | None] = mapped_column(String(10))
    language: Mapped[str | None] = mapped_column(String(16))
    kind: Mapped[str] = mapped_column(String(32))
    digest: Mapped[str | None] = mapped_column(String(80))
    note: Mapped[str | None] = mapped_column(Text)


class Hospital(Base):
    """A hospital or transplant centre."""

    __tablename__ = "hospitals"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name_en: Mapped[str] = mapped_column(Text)
    name_zh: Mapped[str | None] = mapped_column(Text)
    province: Mapped[str | None] = mapped_column(Text, index=True)
    city: Mapped[str | None] = mapped_column(Text)
    military: Mapped[bool] = mapped_column(Boolean)
    licensed: Mapped[str] = mapped_column(  # true | false | unknown
        String(8), default="unknown", server_default="unknown"
    )
    licensed_organs: Mapped[str | None] = mapped_column(Text)
    licence_year: Mapped[int | None] = mapped_column(Integer)
    organs_mentioned: Mapped[str | None] = mapped_column(Text)
    source_id: Mapped[str] = mapped_column(ForeignKey(SOURCE_FK), index=True)
    note: Mapped[str | None] = mapped_column(Text)
    aliases: Mapped[str | None] = mapped_column(Text)


class Licence(Base):
    """One hospital's entry (or dated absence) on a published list of licensed hospitals."""

    __tablename__ = "licences"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    hospital_id: Mapped[str] = mapped_column(ForeignKey("hospitals.id"), index=True)
    organ: Mapped[str | None] = mapped_column(String(32))
    list_name: Mapped[str] = mapped_column(Text)
    list_year: Mapped[int | None] = mapped_column(Integer)
    licensed: Mapped[bool] = mapped_column(Boolean)
    source_id: Mapped[str] = mapped_column(ForeignKey(SOURCE_FK), index=True)
    locator: Mapped[str | None] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)


class Observation(Base):
    """One stated figure about a hospital (or, with hospital_id NULL, about China)."""

    __tablename__ = "observations"
    __table_args__ = (
        Index("ix_observations_hospital_indicator_year", "hospital_id", "indicator", "year"),
        Index("ix_observations_indicator_year", "indicator", "year"),
    )

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    hospital_id: Mapped[str | None] = mapped_column(ForeignKey("hospitals.id"))
    indicator: Mapped[str] = mapped_column(String(64))
    organ: Mapped[str | None] = mapped_column(String(32))
    period_start: Mapped[str | None] = mapped_column(String(10))
    period_end: Mapped[str | None] = mapped_column(String(10))
    as_of: Mapped[str | None] = mapped_column(String(10))
    value: Mapped[float] = mapped_column(Float)
    qualifier: Mapped[str] = mapped_column(String(16))
    unit: Mapped[str] = mapped_column(String(32))
    source_id: Mapped[str] = mapped_column(ForeignKey(SOURCE_FK), index=True)
    locator: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16))
    note: Mapped[str | None] = mapped_column(Text)
    bed_scope: Mapped[str | None] = mapped_column(String(24))
    year: Mapped[int | None] = mapped_column(Integer)

    @validates("hospital_id")
    def _national_is_null(self, _key: str, value: str | None) -> str | None:
        """``"national"`` (the package's marker for China as a whole) is stored as NULL."""
        return None if value in (None, "", NATIONAL) else value


class OfficialSeries(Base):
    """One year of an official statistic (donors, transplants, by organ or registry)."""

    __tablename__ = "official_series"
    __table_args__ = (Index("ix_official_series_series_year", "series", "year"),)

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    series: Mapped[str] = mapped_column(Text)
    year: Mapped[int] = mapped_column(Integer)
    value: Mapped[float] = mapped_column(Float)
    unit: Mapped[str] = mapped_column(String(32))
    qualifier: Mapped[str] = mapped_column(String(16))
    partial_year: Mapped[bool] = mapped_column(Boolean)
    source_id: Mapped[str] = mapped_column(ForeignKey(SOURCE_FK), index=True)
    locator: Mapped[str | None] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)
    derived: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class Claim(Base):
    """A published total by someone else, kept for comparison only."""

    __tablename__ = "claims"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    quantity: Mapped[str] = mapped_column(Text, index=True)
    claimant: Mapped[str] = mapped_column(Text)
    party: Mapped[str] = mapped_column(String(40))
    period_start: Mapped[str | None] = mapped_column(String(10))
    period_end: Mapped[str | None] = mapped_column(String(10))
    value_low: Mapped[float] = mapped_column(Float)
    value_high: Mapped[float | None] = mapped_column(Float)
    unit: Mapped[str] = mapped_column(String(32))
    qualifier: Mapped[str] = mapped_column(String(16))
    source_id: Mapped[str] = mapped_column(ForeignKey(SOURCE_FK), index=True)
    locator: Mapped[str | None] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)


class Assumption(Base):
    """A named model parameter: distribution, bounds, unit, justification, sources."""

    __tablename__ = "assumptions"

    name: Mapped[str] = mapped_column(String(120), primary_key=True)
    distribution: Mapped[str] = mapped_column(Text)
    low: Mapped[float | None] = mapped_column(Float)
    mode: Mapped[float | None] = mapped_column(Float)
    high: Mapped[float | None] = mapped_column(Float)
    unit: Mapped[str] = mapped_column(String(32))
    applies_to: Mapped[str | None] = mapped_column(Text)
    justification: Mapped[str] = mapped_column(Text)
    source_ids: Mapped[str] = mapped_column(Text)


class AssumptionSource(Base):
    """Link from an assumption to each source it cites (resolved ``source_ids``)."""

    __tablename__ = "assumption_sources"

    assumption_name: Mapped[str] = mapped_column(
        ForeignKey("assumptions.name", ondelete="CASCADE"), primary_key=True
    )
    source_id: Mapped[str] = mapped_column(ForeignKey(SOURCE_FK), primary_key=True, index=True)


class ReferenceSeries(Base):
    """One year of a comparable statistic from another country (for forensics)."""

    __tablename__ = "reference_series"
    __table_args__ = (
        Index("ix_reference_series_country_series_year", "country", "series", "year"),
    )

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    country: Mapped[str] = mapped_column(Text)
    series: Mapped[str] = mapped_column(Text)
    year: Mapped[int] = mapped_column(Integer)
    value: Mapped[float] = mapped_column(Float)
    unit: Mapped[str] = mapped_column(String(32))
    source_id: Mapped[str] = mapped_column(ForeignKey(SOURCE_FK), index=True)
    locator: Mapped[str | None] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)


class PackageMeta(Base):
    """Key/value facts about the imported package (its descriptor, digest)."""

    __tablename__ = "package_meta"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class ImportRun(Base):
    """One import that changed the store: when, from where, and what it changed."""

    __tablename__ = "imports"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    imported_at: Mapped[str] = mapped_column(String(32))
    origin: Mapped[str] = mapped_column(Text)
    digest: Mapped[str] = mapped_column(String(80))
    added: Mapped[int] = mapped_column(Integer)
    changed: Mapped[int] = mapped_column(Integer)
    unchanged: Mapped[int] = mapped_column(Integer)


RESOURCE_MODELS: dict[str, type[Base]] = {
    "sources": Source,
    "hospitals": Hospital,
    "observations": Observation,
    "official_series": OfficialSeries,
    "claims": Claim,
    "assumptions": Assumption,
    "reference_series": ReferenceSeries,
    "licences": Licence,
}
"""Resource name -> table model, in foreign-key order (sources first)."""
