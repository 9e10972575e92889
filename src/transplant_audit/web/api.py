"""The JSON API under ``/api`` (described at ``/api/openapi.json``).

Every route but health and session needs a login; ``--public-read`` opens the
evidence GET routes (hospitals, sources, report) to anonymous readers, never the
review queue, accounts or jobs. Errors are ``{"error", "detail"}``.
"""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, Depends, File, Form, Query, Request, Response, UploadFile
from fastapi.responses import FileResponse, JSONResponse
from pydantic import BaseModel, Field
from sqlalchemy import text

from transplant_audit.errors import ConfigError, TransplantAuditError
from transplant_audit.web import accounts, review_queue
from transplant_audit.web.accounts import AuthError, Principal
from transplant_audit.web.auth import (
    CSRF_COOKIE,
    SESSION_COOKIE,
    ApiError,
    client_address,
    require,
)
from transplant_audit.web.views import hospital_detail, hospital_page, source_detail

router = APIRouter(prefix="/api")


class Login(BaseModel):
    username: str = Field(max_length=200)
    password: str = Field(max_length=1000)


class ReviewDecisionIn(BaseModel):
    action: Literal["accept", "edit", "reject"]
    fields: dict[str, str | float | None] | None = None
    reason: str | None = Field(default=None, max_length=2000)


class EstimateIn(BaseModel):
    overrides: dict[str, dict[str, str | float | None]] = Field(default_factory=dict)
    """Assumption name -> fields to change (distribution, low, mode, high)."""
    draws: int | None = Field(default=None, ge=100, le=20_000)
    seed: int | None = Field(default=None, ge=0, le=2**32 - 1)
    years: str | None = Field(default=None, max_length=20, pattern=r"^\d{4}(-\d{4})?$")


def set_session_cookies(request: Request, response: Response, token: str, csrf: str) -> None:
    secure = request.app.state.settings.behind_proxy
    response.set_cookie(
        SESSION_COOKIE, token, httponly=True, samesite="strict", secure=secure, path="/"
    )
    response.set_cookie(
        CSRF_COOKIE, csrf, httponly=False, samesite="strict", secure=secure, path="/"
    )


def login(request: Request, username: str, password: str) -> tuple[Principal, str]:
    """Check the password (logging the attempt either way); returns (principal, token)."""
    return _check(request, username, password, open_session=True)


def _check(
    request: Request, username: str, password: str, *, open_session: bool
) -> tuple[Principal, str]:
    store = request.app.state.store
    address = client_address(request)
    failure: AuthError | None = None
    token = ""
    with store.session() as s:
        try:
            acc = accounts.check_password(
                s, username, password, address, request.app.state.settings.security
            )
        except AuthError as exc:
            failure = exc  # the failure is logged: commit it, then answer
        else:
            csrf = ""
            if open_session:
                token, csrf = accounts.open_session(s, acc, address)
            principal = Principal(acc.username, acc.role, csrf)
    if failure is not None:
        raise ApiError(failure.status, str(failure))
    return principal, token


@router.get("/health", tags=["server"])
def health(request: Request) -> dict[str, Any]:
    """Liveness: the server answers and the store is reachable (no login)."""
    with request.app.state.store.session() as s:
        s.execute(text("SELECT 1"))
    return {"status": "ok", "store": request.app.state.store.backend}


@router.post("/session", tags=["session"])
def create_session(body: Login, request: Request, response: Response) -> dict[str, Any]:
    """Log in: sets the session and csrf_token cookies; send the CSRF token back as the
    X-CSRF-Token header on every state-changing request."""
    principal, token = login(request, body.username, body.password)
    set_session_cookies(request, response, token, principal.csrf_token)
    return {"username": principal.username, "role": principal.role,
            "csrf_token": principal.csrf_token}  # fmt: skip


@router.get("/session", tags=["session"])
def who_am_i(p: Principal = Depends(require())) -> dict[str, Any]:
    return {"username": p.username, "role": p.role}


@router.delete("/session", tags=["session"], status_code=204)
def delete_session(
    request: Request, response: Response, _p: Principal = Depends(require())
) -> Response:
    with request.app.state.store.session() as s:
        accounts.close_session(s, request.cookies.get(SESSION_COOKIE, ""), client_address(request))
    out = Response(status_code=204)
    out.delete_cookie(SESSION_COOKIE, path="/")
    out.delete_cookie(CSRF_COOKIE, path="/")
    return out


class PasswordChange(BaseModel):
    current_password: str = Field(max_length=1000)
    new_password: str = Field(max_length=1000)


@router.post("/session/password", tags=["session"], status_code=204)
def change_password(
    body: PasswordChange, request: Request, p: Principal = Depends(require())
) -> Response:
    """Change one's own password (the current one is checked); every session of the
    account ends, this one included: log in again."""
    _check(request, p.username, body.current_password, open_session=False)
    try:
        with request.app.state.store.session() as s:
            accounts.set_password(s, p.username, body.new_password, by=p.username,
                                  address=client_address(request))  # fmt: skip
    except ConfigError as exc:
        raise ApiError(400, "password refused", str(exc)) from exc
    out = Response(status_code=204)
    out.delete_cookie(SESSION_COOKIE, path="/")
    out.delete_cookie(CSRF_COOKIE, path="/")
    return out


@router.get("/hospitals", tags=["evidence"], response_model=None)
def list_hospitals(
    request: Request,
    limit: int = Query(50, ge=1, le=1000),
    offset: int = Query(0, ge=0, le=1_000_000),
    q: str | None = Query(None, max_length=200),
    province: str | None = Query(None, max_length=100),
    licensed: bool | None = None,
    military: bool | None = None,
    evidence_kind: str | None = Query(None, max_length=64, description="an indicator"),
    _p: Principal | None = Depends(require(public=True)),
) -> JSONResponse:
    """Hospitals with how many figures and sources each has: ``{"items", "total"}``."""
    try:
        items, total = hospital_page(
            request.app.state.evidence,
            limit,
            offset,
            q=q,
            province=province,
            licensed=licensed,
            military=military,
            evidence_kind=evidence_kind,
        )
    except ConfigError as exc:
        raise ApiError(400, "bad filter", str(exc)) from exc
    return JSONResponse({"items": items, "total": total, "limit": limit, "offset": offset})


@router.get("/hospitals/{hospital_id}", tags=["evidence"])
def get_hospital(
    hospital_id: str, request: Request, _p: Principal | None = Depends(require(public=True))
) -> dict[str, Any]:
    """One hospital: every figure with its source and locator, conflicts, sources."""
    found = hospital_detail(request.app.state.evidence, hospital_id)
    if found is None:
        raise ApiError(404, "not found", f"no hospital {hospital_id!r}")
    return found


@router.get("/sources/{source_id}", tags=["evidence"])
def get_source(
    source_id: str, request: Request, _p: Principal | None = Depends(require(public=True))
) -> dict[str, Any]:
    """One source, how many rows cite it, and its archived copies."""
    found = source_detail(request.app.state.evidence, request.app.state.store, source_id)
    if found is None:
        raise ApiError(404, "not found", f"no source {source_id!r}")
    return found


@router.get("/review/queue", tags=["review"])
def review_queue_api(
    request: Request,
    limit: int = Query(50, ge=1, le=500),
    p: Principal = Depends(require("reviewer")),
) -> dict[str, Any]:
    """Candidates waiting for this account's decision (never its own extractions)."""
    with request.app.state.store.session() as s:
        items = review_queue.queue(s, p.username, limit)
    return {"items": items, "total": len(items)}


def decide(request: Request, p: Principal, cand_id: str, body: ReviewDecisionIn) -> dict[str, Any]:
    """Record a decision as account ``p`` (shared by the API and the review page)."""
    try:
        with request.app.state.store.session(write=True) as s:
            outcome = review_queue.decide(
                s, cand_id, p.username, body.action, body.fields, body.reason
            )
    except review_queue.OwnExtractionError as exc:
        raise ApiError(
            403, "own extraction", "you extracted this figure: two other people must review it"
        ) from exc
    except ConfigError as exc:
        status = 404 if str(exc).startswith("no candidate") else 400
        raise ApiError(status, "review refused", str(exc)) from exc
    return {
        "candidate_id": cand_id,
        "status": outcome.status,
        "figure": outcome.figure,
        "accepted_by": list(outcome.accepted_by),
        "rejected_by": list(outcome.rejected_by),
        "disagreement": outcome.disagreement,
    }


@router.post("/review/{candidate_id}", tags=["review"])
def review_decide(
    candidate_id: str,
    body: ReviewDecisionIn,
    request: Request,
    p: Principal = Depends(require("reviewer")),
) -> dict[str, Any]:
    """Accept, edit or reject a candidate as the logged-in account (two-person rule)."""
    return decide(request, p, candidate_id, body)


MAX_UPLOAD = 200 * 1024 * 1024
"""Largest document accepted by POST /api/captures (200 MB; larger: `capture` on the CLI)."""


@router.post("/captures", tags=["capture"], status_code=201)
async def create_capture(
    request: Request,
    file: UploadFile = File(...),
    url: str = Form(..., max_length=2000, pattern=r"^https?://\S+$"),
    note: str | None = Form(None, max_length=2000),
    party: str = Form("other", max_length=40),
    kind: str = Form("web", max_length=32),
    title: str | None = Form(None, max_length=500),
    publisher: str | None = Form(None, max_length=500),
    _p: Principal = Depends(require("investigator")),
) -> dict[str, Any]:
    """Preserve an uploaded document (with the URL it was published at) in the archive."""
    from starlette.concurrency import run_in_threadpool

    from transplant_audit.web.captures import capture_upload

    data = await file.read(MAX_UPLOAD + 1)
    if len(data) > MAX_UPLOAD:
        raise ApiError(413, "too large", "documents above 200 MB: use transplant-audit capture")
    settings = request.app.state.settings
    try:
        return await run_in_threadpool(
            capture_upload, request.app.state.store, settings.home, file.filename or "", data,
            url=url, note=note, party=party, kind=kind, title=title, publisher=publisher,
        )  # fmt: skip
    except TransplantAuditError as exc:
        raise ApiError(400, "capture refused", str(exc)) from exc


@router.post("/captures/{source_id}/extract", tags=["capture"])
def extract_capture(
    source_id: str, request: Request, p: Principal = Depends(require("investigator"))
) -> dict[str, Any]:
    """Extract the figures of a captured source; they wait for two other reviewers."""
    from transplant_audit.web.captures import extract_source

    try:
        return extract_source(
            request.app.state.store, request.app.state.settings.home, source_id, p.username
        )
    except ConfigError as exc:
        raise ApiError(404, "not found", str(exc)) from exc
    except TransplantAuditError as exc:
        raise ApiError(400, "extraction refused", str(exc)) from exc


@router.post("/estimate", tags=["estimate"], status_code=202)
def start_estimate(
    body: EstimateIn, request: Request, p: Principal = Depends(require("viewer"))
) -> dict[str, Any]:
    """Start an estimate with assumption overrides; poll the job URL for the result."""
    job_id = request.app.state.jobs.submit("estimate", body.model_dump(), p.username)
    return {"job": job_id, "url": f"/api/jobs/{job_id}"}


class ReportIn(BaseModel):
    draws: int | None = Field(default=None, ge=100, le=100_000)
    seed: int | None = Field(default=None, ge=0, le=2**32 - 1)
    pdf: bool = True


@router.post("/report", tags=["report"], status_code=202)
def publish_report(
    body: ReportIn, request: Request, p: Principal = Depends(require("admin"))
) -> dict[str, Any]:
    """Build the report on the store's evidence and publish it (admin; a background job)."""
    job_id = request.app.state.jobs.submit("report", body.model_dump(), p.username)
    return {"job": job_id, "url": f"/api/jobs/{job_id}"}


@router.get("/jobs/{job_id}", tags=["estimate"])
def get_job(
    job_id: str, request: Request, _p: Principal = Depends(require("viewer"))
) -> dict[str, Any]:
    """Progress of a job and, when done, its result (an estimate: as ``estimate --json``)."""
    from transplant_audit.web.jobs import job_view
    from transplant_audit.web.schema import Job

    with request.app.state.store.session() as s:
        job = s.get(Job, job_id)
        if job is None:
            raise ApiError(404, "not found", f"no job {job_id!r}")
        return job_view(job)


@router.get("/report/latest", tags=["report"], response_model=None)
def latest_report(
    request: Request, _p: Principal | None = Depends(require(public=True))
) -> FileResponse:
    """The latest published report (index.html), as ``transplant-audit report`` wrote it."""
    path = request.app.state.settings.report_dir / "index.html"
    if not path.is_file():
        raise ApiError(404, "no report", f"no report in {request.app.state.settings.report_dir}")
    return FileResponse(path, media_type="text/html")
