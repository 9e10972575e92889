"""Review of extracted candidates by two people, and the store work behind it.

The rule (``review_state``, pure): each reviewer's *latest* decision counts.

* no decision → ``pending``;
* one reviewer accepted (or edited) → ``accepted``: an observation exists with status
  ``extracted``, waiting for a second reviewer;
* two *different* reviewers accepted the same figure, and nobody's latest decision
  disagrees → ``verified`` (two-person rule; one reviewer accepting twice is still one);
* an acceptance and a rejection, or two acceptances of different figures → ``disputed``:
  the observation is kept with status ``disputed`` and the review queue shows the
  disagreement until a reviewer changes their decision;
* only rejections → ``rejected``: no observation (one that existed is retracted).

Identities are compared after ``identity`` (NFKC, case-folded, invisible and format
characters removed), so ``alice``, ``Alice`` and ``alice`` + U+200B are one person; the
person who extracted a candidate (``extracted_by``) cannot be one of its reviewers.

The second half (``save_candidates``, ``decide``, ``next_candidate``...) works inside the
caller's store transaction and appends every step to the ledger.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from transplant_audit import error_codes as codes
from transplant_audit.errors import ConfigError, DataError
from transplant_audit.evidence.frames import NATIONAL
from transplant_audit.evidence.vocabulary import (
    BED_INDICATORS,
    INDICATORS,
    ORGANS,
    Qualifier,
    Status,
)
from transplant_audit.extract.core import Candidate as Found
from transplant_audit.extract.numbers import normalize

ACTIONS = ("accept", "edit", "reject")
FIGURE_FIELDS = (
    "hospital_id",
    "indicator",
    "organ",
    "value",
    "qualifier",
    "unit",
    "period",
    "as_of",
)
"""What a reviewer accepts: the figure's fields (the observation's, less provenance)."""

PENDING, ACCEPTED, VERIFIED, DISPUTED, REJECTED = (
    "pending",
    "accepted",
    "verified",
    "disputed",
    "rejected",
)
OBSERVATION_STATUS = {
    ACCEPTED: str(Status.EXTRACTED),
    VERIFIED: str(Status.VERIFIED),
    DISPUTED: str(Status.DISPUTED),
}
_PERIOD_RE = re.compile(r"^(?:\d{4}(?:/\d{4})?|P1Y|P1D)?$")
_DATE_RE = re.compile(r"^(?:\d{4}(?:-\d{2}(?:-\d{2})?)?)?$")


# --- pure: the review rule -------------------------------------------------------------------


def identity_key(name: str | None) -> str:
    """A person's name as the two-person rule compares it: NFKC, without format and
    control characters (zero-width spaces and joiners, word joiner, BOM, bidi controls:
    Unicode categories Cf and Cc), whitespace collapsed, case-folded. "" when nothing is
    left."""
    text = unicodedata.normalize("NFKC", name or "")
    text = "".join(
        " " if ch.isspace() else ch
        for ch in text
        if ch.isspace() or unicodedata.category(ch) not in ("Cf", "Cc")
    )
    return " ".join(text.casefold().split())


def identity(name: str | None, *, option: str = "--reviewer NAME") -> str:
    """``identity_key`` of a name given on the command line; refuses an empty one."""
    key = identity_key(name)
    if not key:
        raise ConfigError(
            f"say who you are: {option} (or $TRANSPLANT_AUDIT_REVIEWER); "
            f"{name!r} is empty once invisible characters are removed"
            if name
            else f"say who you are: {option} (or $TRANSPLANT_AUDIT_REVIEWER)"
        )
    return key


@dataclass(frozen=True)
class Decision:
    """One decision as the rule sees it (in the order they were made)."""

    reviewer: str
    action: str
    figure: Mapping[str, Any] | None = None
    reason: str | None = None


@dataclass(frozen=True)
class Outcome:
    """Where review of one candidate stands."""

    status: str
    figure: dict[str, Any] | None = None
    """The figure the observation carries: the agreed one, else the first accepted."""
    accepted_by: tuple[str, ...] = ()
    rejected_by: tuple[str, ...] = ()
    figures: tuple[dict[str, Any], ...] = field(default_factory=tuple)
    """Distinct figures accepted (more than one means reviewers disagree on the values)."""

    @property
    def disagreement(self) -> str:
        """One line saying who disagrees with whom ("" when nobody does)."""
        if self.status != DISPUTED:
            return ""
        parts = []
        if len(self.figures) > 1:
            parts.append(
                "accepted different figures: " + "; ".join(_short(f) for f in self.figures)
            )
        if self.rejected_by:
            parts.append(f"rejected by {', '.join(self.rejected_by)}")
        return f"accepted by {', '.join(self.accepted_by)}; " + "; ".join(parts)


def canonical_figure(figure: Mapping[str, Any]) -> dict[str, Any]:
    """The figure with every field present, text trimmed and the value rounded to 12
    significant digits, so equal figures compare equal whatever their path."""
    out: dict[str, Any] = {}
    for k in FIGURE_FIELDS:
        v = figure.get(k)
        if k == "value":
            v = float(f"{float(v):.12g}") if v is not None else None
        else:
            v = "" if v is None else str(v).strip()
        out[k] = v
    return out


def _key(figure: Mapping[str, Any]) -> str:
    return json.dumps(canonical_figure(figure), sort_keys=True, ensure_ascii=False)


def _short(f: Mapping[str, Any]) -> str:
    return (
        f"{f.get('indicator')} {f.get('organ') or '-'} {f.get('qualifier')} {f.get('value')} "
        f"{f.get('unit')} {f.get('period') or f.get('as_of') or ''} @ {f.get('hospital_id')}"
    ).strip()


def review_state(decisions: Sequence[Decision], *, extracted_by: str | None = None) -> Outcome:
    """Apply the two-person rule to a candidate's decisions (oldest first).

    Reviewers are compared by ``identity_key``; decisions by the candidate's extractor
    (``extracted_by``) do not count."""
    extractor = identity_key(extracted_by)
    latest: dict[str, Decision] = {}
    for d in decisions:
        if d.action not in ACTIONS:
            raise ValueError(f"unknown review action {d.action!r}")
        who = identity_key(d.reviewer)
        if extractor and who == extractor:
            continue
        latest.pop(who, None)  # keep insertion order = order of latest decisions
        latest[who] = d
    if not latest:
        return Outcome(PENDING)
    groups: dict[str, list[str]] = {}
    figures: dict[str, dict[str, Any]] = {}
    for reviewer, d in latest.items():
        if d.action in ("accept", "edit"):
            if d.figure is None:
                raise ValueError("an acceptance carries the accepted figure")
            k = _key(d.figure)
            groups.setdefault(k, []).append(reviewer)
            figures.setdefault(k, canonical_figure(d.figure))
    rejected = tuple(r for r, d in latest.items() if d.action == "reject")
    accepted = tuple(r for members in groups.values() for r in members)
    if not groups:
        return Outcome(REJECTED, None, (), rejected)
    first = next(iter(groups))
    if rejected or len(groups) > 1:
        return Outcome(DISPUTED, figures[first], accepted, rejected, tuple(figures.values()))
    status = VERIFIED if len(groups[first]) >= 2 else ACCEPTED
    return Outcome(status, figures[first], accepted, rejected, (figures[first],))


def validate_figure(figure: Mapping[str, Any], hospital_ids: Iterable[str]) -> dict[str, Any]:
    """Check a figure a reviewer accepts; the unit follows the indicator. Raises
    ``ConfigError`` naming the field and what to change."""
    f = canonical_figure(figure)
    if f["indicator"] not in INDICATORS:
        raise ConfigError(
            f"indicator {f['indicator']!r} is not in the vocabulary "
            f"(e.g. {', '.join(list(INDICATORS)[:6])}, ...)"
        )
    f["unit"] = INDICATORS[f["indicator"]].unit
    if f["organ"] and f["organ"] not in ORGANS:
        raise ConfigError(f"organ {f['organ']!r} is not one of: {', '.join(ORGANS)} (or empty)")
    if f["qualifier"] not in {str(q) for q in Qualifier}:
        raise ConfigError(
            f"qualifier {f['qualifier']!r} is not one of: {', '.join(str(q) for q in Qualifier)}"
        )
    v = f["value"]
    if v is None or not math.isfinite(v) or v <= 0:
        raise ConfigError(f"value must be a positive number (got {v!r})")
    mx = INDICATORS[f["indicator"]].max_value
    if mx is not None and v > mx:
        raise ConfigError(f"value {v} is above the most {f['indicator']} can be ({mx})")
    if not _PERIOD_RE.fullmatch(f["period"]):
        raise ConfigError(f"period {f['period']!r}: write 2015, 2010/2015, P1Y (per year) or P1D")
    if not _DATE_RE.fullmatch(f["as_of"]):
        raise ConfigError(f"as-of date {f['as_of']!r}: write 2016, 2016-05 or 2016-05-31")
    if not f["hospital_id"]:
        raise ConfigError(
            "say which hospital the figure is about: --hospital ID (ids: `transplant-audit "
            "hospitals`) or --national"
        )
    if f["hospital_id"] != NATIONAL and f["hospital_id"] not in set(hospital_ids):
        raise ConfigError(
            f"hospital {f['hospital_id']!r} is not in the store (see `transplant-audit hospitals`)"
        )
    return f


def match_hospital(name: str, hospitals: Iterable[Mapping[str, Any]]) -> str | None:
    """The id of the one hospital whose Chinese or English name matches ``name`` (the
    name as the document writes it); None when none or several match."""
    if not name:
        return None
    n = normalize(name).strip()
    exact: list[str] = []
    partial: list[str] = []
    for h in hospitals:
        for col in ("name_zh", "name_en"):
            cand = normalize(str(h.get(col) or "")).strip()
            if not cand:
                continue
            if cand == n:
                exact.append(str(h["id"]))
            elif len(n) >= 4 and (n in cand or cand in n):
                partial.append(str(h["id"]))
    for found in (exact, partial):
        ids = sorted(set(found))
        if len(ids) == 1:
            return ids[0]
    return None


def candidate_id(source_id: str, digest: str | None, c: Found) -> str:
    """Stable id of a candidate: the same figure in the same bytes gets the same id."""
    key = f"{source_id}|{digest or ''}|{c.start}|{c.end}|{c.indicator}"
    return "cand_" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def observation_id(cand_id: str) -> str:
    """The observation a candidate becomes: ``obs_`` + 10 hex digits, as the package's
    schema requires (hash of the candidate id, so it never collides with a package row's
    hash of its defining fields by design, only by chance at 1 in 16**10)."""
    return "obs_" + hashlib.sha256(cand_id.encode("utf-8")).hexdigest()[:10]


def figure_of_candidate(row: Any) -> dict[str, Any]:
    """The figure as the extractor read it (before any reviewer)."""
    return canonical_figure(
        {
            "hospital_id": row.hospital_id or "",
            "indicator": row.indicator,
            "organ": row.organ or "",
            "value": row.value,
            "qualifier": row.qualifier,
            "unit": row.unit,
            "period": row.period or "",
            "as_of": row.as_of or "",
        }
    )


def observation_values(
    cand: Any, figure: Mapping[str, Any], status: str, outcome: Outcome
) -> dict[str, Any]:
    """The observations row for an accepted figure (as the store holds it)."""
    period = figure["period"]
    period_start = period_end = None
    if period and period[0].isdigit():
        period_start, _, period_end = period.partition("/")
        period_end = period_end or period_start
    note = f"extracted: {cand.stated!r}"
    if period in ("P1Y", "P1D"):
        note += f"; stated per {'year' if period == 'P1Y' else 'day'}"
    note += f"; accepted by {', '.join(outcome.accepted_by)}"
    if outcome.rejected_by:
        note += f"; rejected by {', '.join(outcome.rejected_by)}"
    values = {
        "id": observation_id(cand.id),
        "hospital_id": None if figure["hospital_id"] == NATIONAL else figure["hospital_id"],
        "indicator": figure["indicator"],
        "organ": figure["organ"] or None,
        "period_start": period_start,
        "period_end": period_end,
        "as_of": figure["as_of"] or None,
        "value": figure["value"],
        "qualifier": figure["qualifier"],
        "unit": figure["unit"],
        "source_id": cand.source_id,
        "locator": cand.locator,
        "status": status,
        "note": note,
        # the extractor cannot tell a ward's beds from a building's: unknown until curated
        "bed_scope": "unknown" if figure["indicator"] in BED_INDICATORS else None,
    }
    values["year"] = _year_of(values)
    return values


def _year_of(row: Mapping[str, Any]) -> int | None:
    for key in ("period_start", "as_of", "period_end"):
        text = row.get(key)
        if text and len(text) >= 4 and text[:4].isdigit():
            return int(text[:4])
    return None


# --- store work (inside the caller's transaction) --------------------------------------------


def utc_now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _ledger(session: Any, kind: str, subject: str, payload: dict[str, Any]) -> None:
    from transplant_audit.evidence import ledger

    ledger.append(session, kind, subject, payload)


def _text_row(values: Mapping[str, Any]) -> dict[str, str]:
    from transplant_audit.evidence.store import _text_row as store_text_row

    return store_text_row("observations", dict(values))


def save_candidates(
    session: Any,
    source_id: str,
    digest: str | None,
    found: Sequence[Found],
    locators: Sequence[str],
    hospitals: Sequence[Mapping[str, Any]] = (),
    *,
    extracted_by: str | None = None,
    confidences: Sequence[float | None] | None = None,
) -> tuple[list[Any], int]:
    """Store new candidates of one document (status ``pending``) and ledger each.

    Returns (rows added, how many were already stored). A figure already stored for
    the same bytes and span is not added twice. ``extracted_by`` (who ran the
    extraction, compared as ``identity_key``) is recorded on each candidate and in its
    ledger entry; that person cannot review it. ``confidences`` (one per figure, from
    ``extract/confidence.py``) are stored with the candidates, not ledgered: they order the
    review and are no evidence.
    """
    from transplant_audit.extract.review_schema import Candidate

    extractor = identity_key(extracted_by) or None
    added: list[Any] = []
    known = 0
    now = utc_now()
    confs = list(confidences) if confidences is not None else [None] * len(found)
    for c, loc, conf in zip(found, locators, confs, strict=True):
        cid = candidate_id(source_id, digest, c)
        if session.get(Candidate, cid) is not None:
            known += 1
            continue
        row = Candidate(
            id=cid,
            source_id=source_id,
            digest=digest,
            indicator=c.indicator,
            organ=c.organ or None,
            value=c.value,
            qualifier=c.qualifier,
            unit=c.unit,
            period=c.period or None,
            as_of=c.as_of or None,
            span_start=c.start,
            span_end=c.end,
            stated=c.stated,
            snippet=c.snippet,
            snippet_start=c.snippet_start,
            hospital_text=c.hospital or None,
            hospital_id=match_hospital(c.hospital, hospitals),
            language=c.language,
            locator=loc,
            status=PENDING,
            observation_id=None,
            extracted_at=now,
            extracted_by=extractor,
            confidence=conf,
        )
        session.add(row)
        added.append(row)
        _ledger(
            session,
            "candidate_extracted",
            f"candidates/{cid}",
            {
                "source_id": source_id,
                "digest": digest,
                "span": [c.start, c.end],
                "stated": c.stated,
                "figure": figure_of_candidate(row),
                "extracted_by": extractor,
            },
        )
    session.flush()
    return added, known


def save_scored(
    session: Any,
    source_id: str,
    digest: str | None,
    scored: Sequence[tuple[Found, float | None, float | None]],
    locators: Sequence[str],
    *,
    extracted_by: str | None,
) -> tuple[list[Any], int]:
    """``save_candidates`` for one document's (candidate, score, confidence) items as
    ``confidence.document_candidates`` gives them, each candidate's hospital matched against
    the store's register: the one storing step of ``extract`` and the web workbench."""
    from sqlalchemy import select

    from transplant_audit.evidence.schema import Hospital

    hospitals = [
        {"id": h.id, "name_zh": h.name_zh, "name_en": h.name_en}
        for h in session.execute(select(Hospital)).scalars()
    ]
    return save_candidates(
        session,
        source_id,
        digest,
        [c for c, _, _ in scored],
        locators,
        hospitals,
        extracted_by=extracted_by,
        confidences=[q for _, _, q in scored],
    )


def decisions_of(session: Any, cand_id: str) -> list[Decision]:
    from sqlalchemy import select

    from transplant_audit.extract.review_schema import ReviewDecision

    rows = session.execute(
        select(ReviewDecision)
        .where(ReviewDecision.candidate_id == cand_id)
        .order_by(ReviewDecision.id)
    ).scalars()
    return [
        Decision(r.reviewer, r.action, json.loads(r.figure) if r.figure else None, r.reason)
        for r in rows
    ]


def shown_figure(session: Any, cand: Any) -> dict[str, Any]:
    """What a reviewer is asked to accept: the observation's current figure when one
    exists (the first reviewer's, possibly edited), else the extractor's reading."""
    outcome = review_state(decisions_of(session, cand.id), extracted_by=cand.extracted_by)
    return dict(outcome.figure) if outcome.figure else figure_of_candidate(cand)


def decide(
    session: Any,
    cand_id: str,
    reviewer: str,
    action: str,
    *,
    changes: Mapping[str, Any] | None = None,
    reason: str | None = None,
) -> Outcome:
    """Record one reviewer's decision and bring candidate and observation in line.

    ``accept`` takes the figure as shown (``shown_figure``) plus ``changes`` (a hospital
    chosen for it, for instance); ``edit`` is an acceptance with changed values;
    ``reject`` needs a reason. Every step goes to the ledger in the same transaction.
    """
    from sqlalchemy import select

    from transplant_audit.evidence.schema import Hospital, Observation
    from transplant_audit.extract.review_schema import Candidate, ReviewDecision

    reviewer = identity(reviewer)
    if action not in ACTIONS:
        raise ConfigError(f"action must be one of {', '.join(ACTIONS)}")
    cand = session.get(Candidate, cand_id)
    if cand is None:
        raise ConfigError(f"no candidate {cand_id!r} (list them: transplant-audit review --list)")
    if cand.extracted_by and identity_key(cand.extracted_by) == reviewer:
        raise ConfigError(
            f"{reviewer!r} extracted {cand_id}: the two-person rule needs two reviewers "
            "other than the person who extracted the figure"
        )
    figure: dict[str, Any] | None = None
    if action == "reject":
        if not (reason or "").strip():
            raise ConfigError("a rejection needs a reason: --reason TEXT")
    else:
        figure = shown_figure(session, cand)
        figure.update({k: v for k, v in (changes or {}).items() if v is not None})
        hospital_ids = session.execute(select(Hospital.id)).scalars().all()
        figure = validate_figure(figure, hospital_ids)
        if (
            action == "accept"
            and changes
            and any(k not in ("hospital_id",) for k, v in changes.items() if v is not None)
        ):
            action = "edit"
    decision = ReviewDecision(
        candidate_id=cand_id,
        reviewer=reviewer,
        action=action,
        figure=json.dumps(figure, sort_keys=True, ensure_ascii=False) if figure else None,
        reason=(reason or "").strip() or None,
        decided_at=utc_now(),
    )
    session.add(decision)
    session.flush()  # the decision's id, which its ledger entry commits to
    _ledger(
        session,
        "review_decision",
        f"review_decisions/{decision.id}",
        {
            "resource": "review_decisions",
            "row": decision_row(decision),
            "candidate": cand_id,
            "reviewer": reviewer,
            "action": action,
            "figure": figure,
            "reason": reason or None,
        },
    )
    session.flush()
    outcome = review_state(decisions_of(session, cand_id), extracted_by=cand.extracted_by)
    obs = session.get(Observation, observation_id(cand_id))
    if outcome.status == REJECTED or outcome.figure is None:
        if obs is not None:
            cand.observation_id = None
            session.flush()
            row = _text_row(_obs_dict(obs))
            session.delete(obs)
            _ledger(
                session,
                "observation_retracted",
                f"observations/{obs.id}",
                {"resource": "observations", "row": row, "reason": reason or "rejected"},
            )
    else:
        status = OBSERVATION_STATUS[outcome.status]
        values = observation_values(cand, outcome.figure, status, outcome)
        if obs is None:
            session.add(Observation(**values))
            session.flush()
            cand.observation_id = values["id"]
            _ledger(
                session,
                "observation_created",
                f"observations/{values['id']}",
                {"resource": "observations", "row": _text_row(values), "candidate": cand_id},
            )
        else:
            old = _obs_dict(obs)
            diff = {k: [old.get(k), v] for k, v in values.items() if old.get(k) != v}
            if diff:
                for k, v in values.items():
                    setattr(obs, k, v)
                kind = {
                    "verified": "observation_verified",
                    "disputed": "observation_disputed",
                }.get(status if "status" in diff else "", "observation_edited")
                _ledger(
                    session,
                    kind,
                    f"observations/{values['id']}",
                    {"resource": "observations", "row": _text_row(values), "changed": diff},
                )
    cand.status = outcome.status
    session.flush()
    return outcome


DECISION_COLUMNS = ("id", "candidate_id", "reviewer", "action", "figure", "reason", "decided_at")
"""The columns of a ``review_decisions`` row its ledger entry commits to (all of them)."""


def decision_row(decision: Any) -> dict[str, Any]:
    """A decision row as its ledger entry records it (``ledger.row_digest`` hashes it the
    same way when ``verify`` reads the row back from the database)."""
    return {c: getattr(decision, c) for c in DECISION_COLUMNS}


def _obs_dict(obs: Any) -> dict[str, Any]:
    """The observation row as the ledger records it: the resource's columns plus ``year``."""
    from transplant_audit.evidence.frames import COLUMNS

    return {c: getattr(obs, c) for c in (*COLUMNS["observations"], "year")}


def review_order(candidate: Any, by_confidence: bool = False) -> tuple[Any, ...]:
    """The order candidates are offered and listed in: by source and position in the
    document, or (``by_confidence``) the most likely first, unknown confidence last."""
    place = (candidate.source_id, candidate.span_start, candidate.id)
    if not by_confidence:
        return place
    return (candidate.confidence.is_(None), candidate.confidence.desc(), *place)


def next_candidate(
    session: Any,
    reviewer: str,
    source_id: str | None = None,
    skip: Iterable[str] = (),
    *,
    by_confidence: bool = False,
) -> Any | None:
    """The next candidate this reviewer has not decided on: pending ones, ones waiting
    for a second reviewer and disputed ones, in ``review_order``."""
    from sqlalchemy import select

    from transplant_audit.extract.review_schema import Candidate, ReviewDecision

    reviewer = identity_key(reviewer)
    decided = select(ReviewDecision.candidate_id).where(ReviewDecision.reviewer == reviewer)
    q = (
        select(Candidate)
        .where(Candidate.status.in_((PENDING, ACCEPTED, DISPUTED)))
        .where(Candidate.id.not_in(decided))
        .where((Candidate.extracted_by.is_(None)) | (Candidate.extracted_by != reviewer))
        .order_by(*review_order(Candidate, by_confidence))
        .limit(1)
    )
    if source_id:
        q = q.where(Candidate.source_id == source_id)
    skipped = list(skip)
    if skipped:
        q = q.where(Candidate.id.not_in(skipped))
    return session.execute(q).scalars().first()


def list_candidates(
    session: Any,
    status: str | None = None,
    source_id: str | None = None,
    *,
    by_confidence: bool = False,
) -> list[Any]:
    from sqlalchemy import select

    from transplant_audit.extract.review_schema import Candidate

    q = select(Candidate).order_by(*review_order(Candidate, by_confidence))
    if status:
        q = q.where(Candidate.status == status)
    if source_id:
        q = q.where(Candidate.source_id == source_id)
    return list(session.execute(q).scalars())


# --- a file of decisions (review --decisions FILE) --------------------------------------------

DECISION_FILE_COLUMNS = ("candidate", "action", "hospital", "set", "reason")
"""Columns of a decisions file; ``candidate`` and ``action`` are required."""

_ACTION_WORDS = {"a": "accept", "e": "edit", "r": "reject"}


@dataclass(frozen=True)
class DecisionRow:
    """One reviewer decision read from a decisions file (``line`` is its line number)."""

    line: int
    candidate: str
    action: str
    changes: dict[str, Any]
    reason: str | None


def parse_changes(text: str) -> dict[str, Any]:
    """'indicator=department_beds;qualifier=at_least' → changes; raises ``ValueError``."""
    out: dict[str, Any] = {}
    for part in filter(None, (p.strip() for p in (text or "").split(";"))):
        key, sep, value = part.partition("=")
        key = key.strip().replace("-", "_")
        if not sep or key not in FIGURE_FIELDS or key == "unit":
            fields = ", ".join(f for f in FIGURE_FIELDS if f != "unit")
            raise ValueError(f"{part!r}: write FIELD=VALUE with FIELD one of {fields}")
        if key == "value":
            try:
                out[key] = float(value.replace(",", ""))
            except ValueError as exc:
                raise ValueError(f"value={value!r}: not a number") from exc
        else:
            out[key] = value.strip()
    return out


def read_decision_rows(name: str, rows: Sequence[Mapping[str, str]]) -> list[DecisionRow]:
    """Check the rows of a decisions file (header is line 1). Raises ``DataError``."""
    out: list[DecisionRow] = []
    for line, r in enumerate(rows, start=2):
        cand = (r.get("candidate") or "").strip()
        if not cand:
            raise DataError(file=name, row=line, field="candidate", reason="empty")
        word = (r.get("action") or "").strip().lower()
        action = _ACTION_WORDS.get(word, word)
        if action not in ACTIONS:
            raise DataError(
                file=name,
                row=line,
                field="action",
                value=word,
                reason="must be accept, edit or reject (a, e, r)",
            )
        try:
            changes = parse_changes(r.get("set") or "")
        except ValueError as exc:
            raise DataError(file=name, row=line, field="set", reason=str(exc)) from exc
        hospital = (r.get("hospital") or "").strip()
        if hospital:
            changes["hospital_id"] = hospital
        reason = (r.get("reason") or "").strip() or None
        if action == "reject" and not reason:
            raise DataError(file=name, row=line, field="reason", reason="a rejection needs one")
        if action == "accept" and set(changes) - {"hospital_id"}:
            action = "edit"
        out.append(DecisionRow(line, cand, action, changes, reason))
    return out


def apply_decision_rows(
    session: Any, name: str, rows: Sequence[DecisionRow], reviewer: str
) -> list[Outcome]:
    """Apply checked decisions in the caller's transaction; a refused one raises
    ``DataError`` naming its line, so the caller's rollback leaves nothing half-written."""
    outcomes = []
    for row in rows:
        try:
            outcomes.append(
                decide(
                    session,
                    row.candidate,
                    reviewer,
                    row.action,
                    changes=row.changes,
                    reason=row.reason,
                )
            )
        except ConfigError as exc:
            raise DataError(
                file=name, row=row.line, reason=str(exc), code=codes.DecisionRefused
            ) from exc
    return outcomes
