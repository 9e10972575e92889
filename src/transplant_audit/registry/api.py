"""The registry's routes under ``/api/registry`` (a router the workbench app includes).

Roles (docs/registry.md): ``reporter`` enters and reads its own centre's cases;
``registrar`` does so for every centre, lists all cases, resolves near-duplicates and
deletes with a reason; ``analyst`` reads aggregates only; ``auditor`` reads the access log.
No other role (not even admin) reaches case data. Every case-level read goes to the ledger.
"""

from __future__ import annotations

import hashlib
import json
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, FastAPI, Path, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field, ValidationError

from transplant_audit.registry import publish
from transplant_audit.registry import store as rstore
from transplant_audit.registry.core import CaseFields, CaseIn, case_record, classify
from transplant_audit.registry.keyfile import key_path, load_or_create_key
from transplant_audit.web.accounts import Principal
from transplant_audit.web.auth import ApiError, principal_of
from transplant_audit.web.auth import _check_csrf as check_csrf

router = APIRouter(prefix="/api/registry", tags=["registry"])

CASE_ROLES = ("reporter", "registrar")
CaseId = Annotated[str, Path(pattern=r"^rc_[0-9a-f]{16}$", description="A case id (rc_ + 16 hex).")]
AGGREGATE_ROLES = ("reporter", "registrar", "analyst", "auditor")


def roles(*allowed: str) -> Any:
    """A dependency: logged in with one of ``allowed`` (401 / 403), CSRF on writes."""

    async def dependency(request: Request) -> Principal:
        principal = principal_of(request)
        if principal is None:
            raise ApiError(401, "login required", "POST /api/session with username and password")
        if principal.role not in allowed:
            raise ApiError(403, "forbidden", f"this needs one of the roles {', '.join(allowed)} "
                           f"(you are {principal.role})")  # fmt: skip
        await check_csrf(request, principal)
        return principal

    return Depends(dependency)


class CaseCreated(BaseModel):
    case_id: str
    near_duplicate_of: list[str] = Field(default_factory=list)


NO_CONTROL = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f]*$"
"""Text without NUL or other control characters (PostgreSQL refuses NUL in text)."""


class Reason(BaseModel):
    reason: str = Field(min_length=3, max_length=2000, pattern=NO_CONTROL)


class Correction(BaseModel):
    fields: dict[str, str | int | float | None] = Field(min_length=1)
    """Stored fields to change (any case field but the identifiers and the centre)."""
    reason: str = Field(min_length=3, max_length=2000, pattern=NO_CONTROL)


class Resolution(BaseModel):
    action: Literal["same", "distinct"]
    reason: str = Field(min_length=3, max_length=2000, pattern=NO_CONTROL)


def _centre(session: Any, who: Principal, asked: str | None) -> str:
    """The centre a case is entered for: a reporter's own; a registrar must name one."""
    if who.role == "reporter":
        own = rstore.centre_of(session, who.username)
        if own is None:
            raise ApiError(403, "forbidden", "this reporter is not bound to a centre "
                           "(user add NAME --role reporter --centre CENTRE)")  # fmt: skip
        if asked not in (None, own):
            raise ApiError(403, "forbidden", "a reporter enters cases for its own centre only")
        return own
    if not asked:
        raise ApiError(422, "invalid request", "reporting_centre is required for a registrar")
    return asked


def _visible_centre(session: Any, who: Principal) -> str | None:
    """The only centre a reporter may see ("" if unbound: none); None for a registrar."""
    if who.role != "reporter":
        return None
    return rstore.centre_of(session, who.username) or ""


@router.post("/cases", status_code=201, response_model=CaseCreated,
             responses={409: {"description": "duplicate: {error, detail, case_id}"}})  # fmt: skip
def post_case(request: Request, case: CaseIn, who: Principal = roles(*CASE_ROLES)) -> Any:
    """Report one case. The national ID and birth date become a keyed pseudonym and are
    discarded. 409 if the same patient, organ and month is stored; a case within two
    months of another for the same patient and organ is stored and queued."""
    key = request.app.state.registry_key
    with request.app.state.store.session(write=True) as s:
        record = case_record(case, key, _centre(s, who, case.reporting_centre))
        try:
            case_id, match = rstore.add_case(s, record, who.username)
        except rstore.DuplicateCaseError as dup:
            existing = dup.case_id
        else:
            existing = None
    if existing is not None:
        return JSONResponse(
            {"error": "duplicate", "detail": "this patient, organ and transplant month is "
             "already reported", "case_id": existing}, status_code=409)  # fmt: skip
    return CaseCreated(case_id=case_id, near_duplicate_of=list(match.case_ids))


@router.get("/cases")
def list_cases(
    request: Request,
    limit: int = Query(50, ge=1, le=500),
    offset: int = Query(0, ge=0),
    who: Principal = roles(*CASE_ROLES),
) -> dict[str, Any]:
    """Cases, paged: a registrar sees all, a reporter its own centre's (logged in the ledger)."""
    with request.app.state.store.session(write=True) as s:
        items, total = rstore.list_cases(s, who.username, _visible_centre(s, who), limit, offset)
    return {"items": items, "total": total}


def _case_for(s: Any, who: Principal, case_id: CaseId) -> Any:
    case = rstore.get_case(s, case_id)
    centre = _visible_centre(s, who)
    if case is None or (centre is not None and case.reporting_centre != centre):
        raise ApiError(404, "not found", f"no case {case_id} you may see")
    return case


@router.get("/cases/{case_id}")
def get_case(request: Request, case_id: CaseId, who: Principal = roles(*CASE_ROLES)) -> Any:
    """One case (logged in the ledger)."""
    with request.app.state.store.session(write=True) as s:
        case = _case_for(s, who, case_id)
        rstore.log_read(s, who.username, "case", [case_id])
        return rstore.public(case)


@router.post("/cases/{case_id}/delete")
def delete_case(request: Request, case_id: CaseId, body: Reason,
                who: Principal = roles("registrar")) -> dict[str, Any]:  # fmt: skip
    """Delete a case with a reason (registrar; recorded in the ledger)."""
    with request.app.state.store.session(write=True) as s:
        rstore.delete_case(s, _case_for(s, who, case_id), who.username, body.reason)
    return {"case_id": case_id, "deleted": True}


@router.patch("/cases/{case_id}")
def correct_case(request: Request, case_id: CaseId, body: Correction,
                 who: Principal = roles("registrar")) -> Any:  # fmt: skip
    """Correct stored fields of a case with a reason (registrar; recorded in the ledger).
    The identifiers cannot be corrected: delete the case and report it again."""
    if "reporting_centre" in body.fields:
        raise ApiError(422, "invalid request", "the reporting centre cannot be corrected")
    with request.app.state.store.session(write=True) as s:
        case = _case_for(s, who, case_id)
        current = rstore.public(case)
        merged = {k: current[k] for k in CaseFields.model_fields} | body.fields
        try:
            checked = CaseFields.model_validate(merged)
        except ValidationError as exc:
            detail = [{"loc": list(e.get("loc", ())), "msg": str(e.get("msg", ""))}
                      for e in exc.errors()]  # fmt: skip
            raise ApiError(422, "invalid request", detail) from None  # type: ignore[arg-type]
        others = [o for o in rstore.same_patient_organ(s, case.pseudonym, checked.organ)
                  if o[0] != case_id]  # fmt: skip
        match = classify(checked.transplant_month, others)
        if match.kind == "duplicate":
            existing = match.case_ids[0]
        else:
            existing = None
            changed = {k: v for k, v in checked.model_dump().items() if current[k] != v}
            rstore.correct_case(s, case, changed, who.username, body.reason)
            result = rstore.public(case)
    if existing is not None:
        return JSONResponse({"error": "duplicate", "detail": "the corrected case would repeat "
                             "another", "case_id": existing}, status_code=409)  # fmt: skip
    return result


@router.get("/duplicates")
def duplicates(request: Request, who: Principal = roles("registrar")) -> dict[str, Any]:
    """The registrar's queue of open near-duplicates."""
    with request.app.state.store.session(write=True) as s:
        items = rstore.open_queue(s)
        ids = {i["case_id"] for i in items} | {i["other_case_id"] for i in items}
        rstore.log_read(s, who.username, "duplicates", sorted(ids))
    return {"items": items, "total": len(items)}


@router.post("/duplicates/{item_id}")
def resolve(request: Request, body: Resolution, item_id: int = Path(ge=1, le=2**31 - 1),
            who: Principal = roles("registrar")) -> dict[str, Any]:  # fmt: skip
    """Resolve a near-duplicate: 'same' transplant (the newer case is deleted) or 'distinct'."""
    with request.app.state.store.session(write=True) as s:
        try:
            return rstore.resolve(s, item_id, body.action == "same", who.username, body.reason)
        except LookupError as exc:
            raise ApiError(404, "not found", str(exc)) from exc


def current_release(request: Request) -> publish.Release:
    """The released tables of the live cases (recomputed only when the counts change)."""
    with request.app.state.store.session() as s:
        counts = rstore.count_cube(s)
    digest = hashlib.sha256(
        json.dumps([list(map(str, c)) for c in counts.categories]).encode() + counts.inner.tobytes()
    ).hexdigest()
    cached = getattr(request.app.state, "registry_release", None)
    if cached is None or cached[0] != digest:
        cached = (digest, publish.release(rstore.DIMS, counts.categories, counts.inner))
        request.app.state.registry_release = cached
    return cached[1]


@router.get("/aggregates")
def aggregates(
    request: Request,
    by: str = Query("year,destination_country,organ", max_length=80,
                    description="Comma-separated axes: year, destination_country, organ."),
    who: Principal = roles(*AGGREGATE_ROLES),
) -> dict[str, Any]:  # fmt: skip
    """Suppressed case counts by the chosen axes (a table of the jointly released set)."""
    axes = [a.strip() for a in by.split(",") if a.strip()]
    rel = current_release(request)
    try:
        cells = rel.table(axes)
    except ValueError as exc:
        raise ApiError(422, "invalid request", str(exc)) from exc
    return {"by": axes, "rule": publish.RULE, "cells": cells}


@router.get("/medians")
def medians(request: Request, who: Principal = roles(*AGGREGATE_ROLES)) -> dict[str, Any]:
    """Median waiting time and price by year and destination country (cells of >= 5 only)."""
    rel = current_release(request)
    with request.app.state.store.session() as s:
        rows = rstore.value_rows(s)
    return {"rule": publish.RULE, "items": publish.medians(rel, rows)}


@router.get("/access-log")
def access_log(
    request: Request,
    limit: int = Query(100, ge=1, le=1000),
    offset: int = Query(0, ge=0),
    who: Principal = roles("auditor"),
) -> dict[str, Any]:
    """Registry entries of the hash-chained ledger: reads, additions, deletions (auditor)."""
    from sqlalchemy import func, select

    from transplant_audit.evidence.archive_schema import LedgerEntry

    where = LedgerEntry.kind.like("registry_%")
    with request.app.state.store.session() as s:
        total = s.scalar(select(func.count()).select_from(LedgerEntry).where(where)) or 0
        rows = s.execute(
            select(LedgerEntry).where(where).order_by(LedgerEntry.seq).limit(limit).offset(offset)
        ).scalars()
        items = [{"seq": e.seq, "kind": e.kind, "subject": e.subject, "timestamp": e.timestamp,
                  "payload": json.loads(e.payload), "entry_hash": e.entry_hash}
                 for e in rows]  # fmt: skip
    return {"items": items, "total": int(total)}


def install(app: FastAPI) -> None:
    """Load (or create, 0600) the pseudonym key and add the registry's routes to ``app``."""
    from transplant_audit.registry import pages

    app.state.registry_key = load_or_create_key(key_path())
    app.include_router(router)
    app.include_router(pages.router)
