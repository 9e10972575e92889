"""Tables of the registry, on the store's ``Base`` (migration 0005_registry).

- ``registry_cases``: one reported case; the patient is only a keyed pseudonym and a
  birth year (never the national identifier or birth date).
- ``registry_near_duplicates``: the registrar's queue of near-duplicate pairs.
- ``registry_reporter_centres``: the centre a reporter account is bound to.
"""

from __future__ import annotations

from sqlalchemy import Boolean, Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from transplant_audit.evidence.base import Base


class RegistryCase(Base):
    __tablename__ = "registry_cases"
    __table_args__ = (
        Index("ix_registry_cases_match", "pseudonym", "organ"),
        Index("ix_registry_cases_cell", "year", "destination_country", "organ"),
    )

    case_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    pseudonym: Mapped[str] = mapped_column(String(64))
    reporting_centre: Mapped[str] = mapped_column(String(80), index=True)
    birth_year: Mapped[int] = mapped_column(Integer)
    sex: Mapped[str] = mapped_column(String(16))
    home_region: Mapped[str | None] = mapped_column(String(80))
    organ: Mapped[str] = mapped_column(String(32))
    transplant_month: Mapped[str] = mapped_column(String(7))
    year: Mapped[int] = mapped_column(Integer)
    destination_country: Mapped[str] = mapped_column(String(2))
    destination_city: Mapped[str | None] = mapped_column(String(120))
    destination_hospital: Mapped[str | None] = mapped_column(String(200))
    hospital_id: Mapped[str | None] = mapped_column(String(64))
    wait_told_days: Mapped[int | None] = mapped_column(Integer)
    wait_actual_days: Mapped[int | None] = mapped_column(Integer)
    price_paid: Mapped[float | None] = mapped_column(Float)
    price_currency: Mapped[str | None] = mapped_column(String(3))
    broker_involved: Mapped[str] = mapped_column(String(8))
    donor_type_stated: Mapped[str] = mapped_column(String(16))
    documents_received: Mapped[str | None] = mapped_column(Text)
    followup_outcome: Mapped[str | None] = mapped_column(Text)
    information_source: Mapped[str] = mapped_column(String(32))
    notes: Mapped[str | None] = mapped_column(Text)
    reported_by: Mapped[str] = mapped_column(String(80))
    reported_at: Mapped[str] = mapped_column(String(32))
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)
    deleted_reason: Mapped[str | None] = mapped_column(Text)


class RegistryNearDuplicate(Base):
    __tablename__ = "registry_near_duplicates"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("registry_cases.case_id"), index=True)
    other_case_id: Mapped[str] = mapped_column(ForeignKey("registry_cases.case_id"))
    status: Mapped[str] = mapped_column(String(16), index=True)
    resolved_by: Mapped[str | None] = mapped_column(String(80))
    reason: Mapped[str | None] = mapped_column(Text)


class RegistryReporterCentre(Base):
    __tablename__ = "registry_reporter_centres"

    username: Mapped[str] = mapped_column(String(80), primary_key=True)
    centre: Mapped[str] = mapped_column(String(80))
