"""Tables of extraction and review (extraction engineer), on the store's shared ``Base``.

- ``candidates``: one row per figure the extractor found in a captured document, with
  the document's digest, the exact span and a snippet, and where review stands
  (``pending``, ``accepted`` by one reviewer, ``verified`` by two, ``disputed``,
  ``rejected``). When a reviewer accepts it, it becomes an ``observations`` row
  (``observation_id``).
- ``review_decisions``: every decision, never updated or deleted, each committed to by
  its ledger entry (``verify`` recomputes the row digest): who (reviewer), what
  (``accept``, ``edit``, ``reject``), the figure as that reviewer accepted it (canonical
  JSON), the reason, when. A reviewer's latest decision is the one that counts.
"""

from __future__ import annotations

from sqlalchemy import Float, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from transplant_audit.evidence.base import Base


class Candidate(Base):
    """A figure found by the extractor, waiting for (or through) review."""

    __tablename__ = "candidates"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    source_id: Mapped[str] = mapped_column(ForeignKey("sources.id"), index=True)
    digest: Mapped[str | None] = mapped_column(String(80))
    """``sha256:...`` of the document bytes read (the archive record)."""
    indicator: Mapped[str] = mapped_column(String(64))
    organ: Mapped[str | None] = mapped_column(String(32))
    value: Mapped[float] = mapped_column(Float)
    qualifier: Mapped[str] = mapped_column(String(16))
    unit: Mapped[str] = mapped_column(String(32))
    period: Mapped[str | None] = mapped_column(String(24))
    as_of: Mapped[str | None] = mapped_column(String(10))
    span_start: Mapped[int] = mapped_column(Integer)
    span_end: Mapped[int] = mapped_column(Integer)
    stated: Mapped[str] = mapped_column(Text)
    snippet: Mapped[str] = mapped_column(Text)
    snippet_start: Mapped[int] = mapped_column(Integer)
    hospital_text: Mapped[str | None] = mapped_column(Text)
    hospital_id: Mapped[str | None] = mapped_column(ForeignKey("hospitals.id"))
    language: Mapped[str] = mapped_column(String(16))
    locator: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), index=True)
    observation_id: Mapped[str | None] = mapped_column(ForeignKey("observations.id"))
    extracted_at: Mapped[str] = mapped_column(String(32))
    extracted_by: Mapped[str | None] = mapped_column(String(80))
    """Who ran the extraction (``review.identity_key``); they cannot review it. NULL for
    candidates stored before this was recorded."""
    confidence: Mapped[float | None] = mapped_column(Float, nullable=True)
    """The calibrated chance that the figure is right when it was stored
    (``extract/confidence.py``); NULL when unknown (stored before it was recorded, or while
    the mapping was stale). ``review --by-confidence`` offers the likely ones first."""


class ReviewDecision(Base):
    """One reviewer's decision on one candidate (append-only)."""

    __tablename__ = "review_decisions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    candidate_id: Mapped[str] = mapped_column(ForeignKey("candidates.id"), index=True)
    reviewer: Mapped[str] = mapped_column(String(80))
    action: Mapped[str] = mapped_column(String(16))
    figure: Mapped[str | None] = mapped_column(Text)
    """The figure as accepted (canonical JSON of its fields); NULL for a rejection."""
    reason: Mapped[str | None] = mapped_column(Text)
    decided_at: Mapped[str] = mapped_column(String(32))
