"""Reads and writes of the registry's tables, inside the caller's store session.

Every read of case-level data is appended to the hash-chained ledger (who, which cases),
so ``transplant-audit verify`` covers the access log. The ledger never receives a
pseudonym, an identifier or a birth date: only case ids, centres and account names.
"""

from __future__ import annotations

import re
import secrets
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import numpy as np
from sqlalchemy import func, select

from transplant_audit.evidence import ledger
from transplant_audit.registry.core import STORED_FIELDS, Match, classify
from transplant_audit.registry.schema import (
    RegistryCase,
    RegistryNearDuplicate,
    RegistryReporterCentre,
)

DIMS = ("year", "destination_country", "organ")
"""Axes of the released table (and of its margins)."""

PUBLIC_FIELDS: tuple[str, ...] = ("case_id", "birth_year", *STORED_FIELDS, "hospital_id",
                                  "reported_by", "reported_at")  # fmt: skip
"""Fields of a case shown to reporters and registrars (never the pseudonym)."""


class DuplicateCaseError(Exception):
    """The same pseudonym, organ and transplant month is stored already."""

    def __init__(self, case_id: str) -> None:
        super().__init__(case_id)
        self.case_id = case_id


def new_case_id() -> str:
    return "rc_" + secrets.token_hex(8)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _norm(name: str | None) -> str:
    return " ".join(unicodedata.normalize("NFKC", name or "").casefold().split())


def hospital_index(session: Any) -> dict[str, str]:
    """Normalised English and Chinese hospital names of the evidence base -> hospital id
    (English names also without their bracketed part, e.g. "(Oriental Organ ...)")."""
    from transplant_audit.evidence.schema import Hospital

    index: dict[str, str] = {}
    for hid, zh, en in session.execute(select(Hospital.id, Hospital.name_zh, Hospital.name_en)):
        for name in (zh, en, re.sub(r"\s*[(（].*?[)）]", "", en or "")):
            if name:
                index.setdefault(_norm(name), hid)
    return index


def same_patient_organ(session: Any, pseudonym: str, organ: str) -> list[tuple[str, str]]:
    rows = session.execute(
        select(RegistryCase.case_id, RegistryCase.transplant_month).where(
            RegistryCase.pseudonym == pseudonym,
            RegistryCase.organ == organ,
            RegistryCase.deleted.is_(False),
        )
    )
    return [(r[0], r[1]) for r in rows]


def add_case(
    session: Any, record: Mapping[str, Any], by: str, hospitals: Mapping[str, str] | None = None
) -> tuple[str, Match]:
    """Store one case (``core.case_record``); raises ``DuplicateCaseError`` on an exact duplicate,
    queues near-duplicates for the registrar."""
    match = classify(
        record["transplant_month"],
        same_patient_organ(session, record["pseudonym"], record["organ"]),
    )
    if match.kind == "duplicate":
        raise DuplicateCaseError(match.case_ids[0])
    case_id = new_case_id()
    hospitals = hospital_index(session) if hospitals is None else hospitals
    session.add(
        RegistryCase(
            case_id=case_id,
            hospital_id=hospitals.get(_norm(record.get("destination_hospital"))),
            reported_by=by,
            reported_at=_now(),
            deleted=False,
            **record,
        )
    )
    for other in match.case_ids:
        session.add(RegistryNearDuplicate(case_id=case_id, other_case_id=other, status="open"))
    session.flush()
    ledger.append(
        session,
        "registry_case_added",
        f"registry_cases/{case_id}",
        {"by": by, "centre": record["reporting_centre"], "near_duplicate_of": list(match.case_ids)},
    )
    return case_id, match


def log_read(session: Any, by: str, what: str, case_ids: Iterable[str]) -> None:
    """Append a case-level read to the ledger (who, what, which cases)."""
    ledger.append(
        session, "registry_cases_read", f"registry_access/{by}", {"by": by, "what": what,
                                                                  "case_ids": list(case_ids)}
    )  # fmt: skip


def public(case: RegistryCase) -> dict[str, Any]:
    return {f: getattr(case, f) for f in PUBLIC_FIELDS}


def list_cases(
    session: Any, by: str, centre: str | None, limit: int, offset: int
) -> tuple[list[dict[str, Any]], int]:
    """A page of live cases (one centre's, or all with ``centre=None``), logged as a read."""
    q = select(RegistryCase).where(RegistryCase.deleted.is_(False))
    if centre is not None:
        q = q.where(RegistryCase.reporting_centre == centre)
    total = session.scalar(select(func.count()).select_from(q.subquery())) or 0
    rows = session.execute(q.order_by(RegistryCase.case_id).limit(limit).offset(offset)).scalars()
    items = [public(c) for c in rows]
    log_read(session, by, "list", [i["case_id"] for i in items])
    return items, int(total)


def get_case(session: Any, case_id: str) -> RegistryCase | None:
    case = session.get(RegistryCase, case_id)
    return None if case is None or case.deleted else case


def delete_case(session: Any, case: RegistryCase, by: str, reason: str) -> None:
    """Mark a case deleted (kept for the ledger's sake, never counted or shown again)."""
    case.deleted = True
    case.deleted_reason = reason
    ledger.append(session, "registry_case_deleted", f"registry_cases/{case.case_id}",
                  {"by": by, "reason": reason})  # fmt: skip


def correct_case(session: Any, case: RegistryCase, fields: Mapping[str, Any], by: str,
                 reason: str) -> None:  # fmt: skip
    """Change stored fields of a case (already validated), with a reason in the ledger."""
    for name, value in fields.items():
        setattr(case, name, value)
    ledger.append(session, "registry_case_corrected", f"registry_cases/{case.case_id}",
                  {"by": by, "reason": reason, "fields": sorted(fields)})  # fmt: skip


def open_queue(session: Any) -> list[dict[str, Any]]:
    rows = session.execute(
        select(RegistryNearDuplicate).where(RegistryNearDuplicate.status == "open")
    ).scalars()
    return [{"id": r.id, "case_id": r.case_id, "other_case_id": r.other_case_id} for r in rows]


def resolve(session: Any, item_id: int, same: bool, by: str, reason: str) -> dict[str, Any]:
    """Resolve a near-duplicate: the same transplant (the newer case is deleted) or two."""
    item = session.get(RegistryNearDuplicate, item_id)
    if item is None or item.status != "open":
        raise LookupError(f"no open near-duplicate {item_id}")
    item.status = "same" if same else "distinct"
    item.resolved_by = by
    item.reason = reason
    ledger.append(session, "registry_duplicate_resolved", f"registry_near_duplicates/{item_id}",
                  {"by": by, "same": same, "reason": reason})  # fmt: skip
    if same:
        case = get_case(session, item.case_id)
        if case is not None:
            delete_case(session, case, by, f"duplicate of {item.other_case_id}: {reason}")
    return {"id": item_id, "status": item.status}


def bind_centre(session: Any, username: str, centre: str) -> None:
    row = session.get(RegistryReporterCentre, username)
    if row is None:
        session.add(RegistryReporterCentre(username=username, centre=centre))
    else:
        row.centre = centre
    ledger.append(session, "registry_centre_bound", f"accounts/{username}", {"centre": centre})


def centre_of(session: Any, username: str) -> str | None:
    row = session.get(RegistryReporterCentre, username)
    return row.centre if row else None


@dataclass(frozen=True)
class Counts:
    """Live case counts on the axes ``DIMS``: categories per axis and the inner cube."""

    categories: tuple[tuple[Any, ...], ...]
    inner: np.ndarray


def count_cube(session: Any) -> Counts:
    """Counts of live cases by year x destination country x organ (zeros filled in)."""
    cols = [getattr(RegistryCase, d) for d in DIMS]
    rows = session.execute(
        select(*cols, func.count()).where(RegistryCase.deleted.is_(False)).group_by(*cols)
    ).all()
    cats = tuple(tuple(sorted({r[i] for r in rows})) for i in range(len(DIMS)))
    inner = np.zeros(tuple(len(c) for c in cats), dtype=np.int64)
    pos = [{v: i for i, v in enumerate(c)} for c in cats]
    for r in rows:
        inner[tuple(pos[i][r[i]] for i in range(len(DIMS)))] = r[-1]
    return Counts(cats, inner)


def value_rows(session: Any) -> list[tuple[Any, ...]]:
    """(year, country, wait_actual_days, price_paid, price_currency) of live cases."""
    return list(
        session.execute(
            select(
                RegistryCase.year,
                RegistryCase.destination_country,
                RegistryCase.wait_actual_days,
                RegistryCase.price_paid,
                RegistryCase.price_currency,
            ).where(RegistryCase.deleted.is_(False))
        )
    )
