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

OPEN = (rv.PENDING, rv.ACCEPTED, rv.DISPUTED)


class OwnExtractionError(Exception):
    """The reviewer extracted this figure."""


def extractor_of(cand: Any) -> str | None:
    """Who extracted a candidate (its ``extracted_by``; None when nobody was recorded)."""
    return cand.extracted_by or None


def is_extractor(cand: Any, username: str) -> bool:
    who = extractor_of(cand)
    return bool(who) and rv.identity_key(who) == rv.identity_key(username)


def item(session: Any, cand: Any) -> dict[str, Any]:
    """A candidate as the queue shows it: the figure to accept, the snippet and the
    position of the stated figure inside it, where review stands."""
    outcome = rv.review_state(rv.decisions_of(session, cand.id), extracted_by=cand.extracted_by)
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
        "extracted_by": extractor_of(cand),
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
        if is_extractor(cand, username):
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
    if cand is not None and is_extractor(cand, username):
        raise OwnExtractionError(cand_id)
    return rv.decide(session, cand_id, username, action, changes=fields, reason=reason)
