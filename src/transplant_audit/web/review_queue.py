"""The review queue for an account, and decisions with the account as the reviewer.

The two-person rule itself is ``extract.review`` (``decide``, ``review_state``);
this module adds what accounts make possible: the reviewer is the authenticated
account, and the account that extracted a figure may not review it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import select

from transplant_audit.extract import review as rv
from transplant_audit.web.schema import CandidateExtractor

OPEN = (rv.PENDING, rv.ACCEPTED, rv.DISPUTED)


class OwnExtractionError(Exception):
    """The reviewer extracted this figure."""


def extractor_of(session: Any, cand: Any) -> str | None:
    """Who extracted a candidate: its own ``extracted_by`` when the table has it, else the
    account the workbench recorded, else None (extracted on the command line)."""
    own = getattr(cand, "extracted_by", None)
    if own:
        return str(own)
    row = session.get(CandidateExtractor, cand.id)
    return row.username if row is not None else None


def record_extractor(session: Any, candidate_ids: list[str], username: str) -> None:
    for cid in candidate_ids:
        if session.get(CandidateExtractor, cid) is None:
            session.add(CandidateExtractor(candidate_id=cid, username=username))


def item(session: Any, cand: Any) -> dict[str, Any]:
    """A candidate as the queue shows it: the figure to accept, the snippet and the
    position of the stated figure inside it, where review stands."""
    outcome = rv.review_state(rv.decisions_of(session, cand.id))
    start = cand.span_start - cand.snippet_start
    return {
        "id": cand.id,
        "source_id": cand.source_id,
        "figure": rv.shown_figure(session, cand),
        "stated": cand.stated,
        "snippet": cand.snippet,
        "highlight": [start, start + (cand.span_end - cand.span_start)],
        "hospital_text": cand.hospital_text,
        "locator": cand.locator,
        "status": outcome.status,
        "accepted_by": list(outcome.accepted_by),
        "rejected_by": list(outcome.rejected_by),
        "disagreement": outcome.disagreement,
        "extracted_by": extractor_of(session, cand),
    }


def queue(session: Any, username: str, limit: int = 50) -> list[dict[str, Any]]:
    """Open candidates this account has not decided on and did not extract."""
    from transplant_audit.extract.review_schema import Candidate, ReviewDecision

    decided = select(ReviewDecision.candidate_id).where(ReviewDecision.reviewer == username)
    rows = session.execute(
        select(Candidate)
        .where(Candidate.status.in_(OPEN))
        .where(Candidate.id.not_in(decided))
        .order_by(Candidate.source_id, Candidate.span_start, Candidate.id)
    ).scalars()
    out = []
    for cand in rows:
        if extractor_of(session, cand) == username:
            continue
        out.append(item(session, cand))
        if len(out) >= limit:
            break
    return out


def decide(
    session: Any,
    cand_id: str,
    username: str,
    action: str,
    fields: Mapping[str, Any] | None = None,
    reason: str | None = None,
) -> rv.Outcome:
    """``extract.review.decide`` with the account as reviewer; refuses its own extraction."""
    from transplant_audit.extract.review_schema import Candidate

    cand = session.get(Candidate, cand_id)
    if cand is not None and extractor_of(session, cand) == username:
        raise OwnExtractionError(cand_id)
    return rv.decide(session, cand_id, username, action, changes=fields, reason=reason)
