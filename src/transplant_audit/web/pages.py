"""Server-rendered pages (Jinja2 + htmx, served from the package; no CDN, no JS build).

Pages share the API's rules: the same login, roles and CSRF check (forms carry
the token as a hidden ``csrf_token`` field; htmx sends it as ``X-CSRF-Token``).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from transplant_audit.urls import is_web_url
from transplant_audit.web import i18n
from transplant_audit.web.accounts import Principal
from transplant_audit.web.auth import ApiError, principal_of, require

HERE = Path(__file__).resolve().parent
templates = Jinja2Templates(directory=str(HERE / "templates"))
templates.env.tests["web_url"] = is_web_url  # only http(s) URLs become links (docs/security.md)
router = APIRouter(include_in_schema=False)
PAGE_SIZE = 50


def render(
    request: Request, name: str, context: dict[str, Any] | None = None, status: int = 200
) -> HTMLResponse:
    lang = i18n.choose(request.cookies.get("lang"), request.headers.get("accept-language"))
    tr = i18n.translations(lang)
    principal = principal_of(request)
    ctx = {
        "request": request,
        "_": tr.gettext,
        "lang": lang,
        "languages": i18n.LANGUAGES,
        "user": principal,
        "csrf": principal.csrf_token if principal else "",
        "path": request.url.path,
    }
    ctx.update(context or {})
    return templates.TemplateResponse(request, name, ctx, status_code=status)


def error_page(request: Request, status: int, error: str, detail: Any = "") -> HTMLResponse:
    return render(request, "error.html", {"status": status, "error": error, "detail": detail},
                  status=status)  # fmt: skip


def _safe_next(target: str | None) -> str:
    return target if target and target.startswith("/") and not target.startswith("//") else "/"


@router.get("/", response_class=HTMLResponse)
def home() -> Response:
    return RedirectResponse("/hospitals", status_code=303)


@router.get("/lang/{code}")
def switch_language(code: str, next: str = "/") -> Response:  # noqa: A002
    out = RedirectResponse(_safe_next(next), status_code=303)
    if code in i18n.LANGUAGES:
        out.set_cookie("lang", code, samesite="strict", path="/", max_age=365 * 86400)
    return out


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request, next: str = "/hospitals") -> HTMLResponse:  # noqa: A002
    return render(request, "login.html", {"next": _safe_next(next), "message": ""})


@router.post("/login")
def login_form(
    request: Request,
    username: str = Form(..., max_length=200),
    password: str = Form(..., max_length=1000),
    next: str = Form("/hospitals"),  # noqa: A002
) -> Response:
    from transplant_audit.web.api import login, set_session_cookies

    try:
        principal, token = login(request, username, password)
    except ApiError as exc:
        ctx = {"next": _safe_next(next), "message": exc.error, "username": username}
        return render(request, "login.html", ctx, status=exc.status)
    out = RedirectResponse(_safe_next(next), status_code=303)
    set_session_cookies(request, out, token, principal.csrf_token)
    return out


@router.post("/logout")
def logout(request: Request, _p: Principal = Depends(require())) -> Response:
    from transplant_audit.web import accounts
    from transplant_audit.web.auth import CSRF_COOKIE, SESSION_COOKIE, client_address

    with request.app.state.store.session() as s:
        accounts.close_session(s, request.cookies.get(SESSION_COOKIE, ""), client_address(request))
    out = RedirectResponse("/login", status_code=303)
    out.delete_cookie(SESSION_COOKIE, path="/")
    out.delete_cookie(CSRF_COOKIE, path="/")
    return out


def _flag(value: str | None) -> bool | None:
    return {"yes": True, "no": False}.get(value or "")


@router.get("/hospitals", response_class=HTMLResponse)
def hospitals_page(
    request: Request,
    q: str = Query("", max_length=200),
    province: str = Query("", max_length=100),
    licensed: str = Query("", max_length=3),
    military: str = Query("", max_length=3),
    kind: str = Query("", max_length=64),
    page: int = Query(1, ge=1, le=10_000),
    _p: Principal | None = Depends(require(public=True)),
) -> HTMLResponse:
    from transplant_audit.evidence.vocabulary import INDICATORS
    from transplant_audit.web.views import hospital_page, provinces

    cache = request.app.state.evidence
    start = (page - 1) * PAGE_SIZE
    try:
        items, total = hospital_page(
            cache, PAGE_SIZE, start, q=q or None, province=province or None,
            licensed=_flag(licensed), military=_flag(military), evidence_kind=kind or None,
        )  # fmt: skip
    except Exception as exc:  # noqa: BLE001 - a bad filter value is shown, not raised
        raise ApiError(400, "bad filter", str(exc)) from exc
    filters = {"q": q, "province": province, "licensed": licensed, "military": military,
               "kind": kind}  # fmt: skip
    query = "&".join(f"{k}={quote(v)}" for k, v in filters.items() if v)
    return render(
        request,
        "hospitals.html",
        {
            "items": items,
            "total": total,
            "page": page,
            "pages": max(1, -(-total // PAGE_SIZE)),
            "filters": filters,
            "query": query,
            "provinces": provinces(cache),
            "kinds": sorted(INDICATORS),
        },
    )


@router.get("/hospitals/{hospital_id}", response_class=HTMLResponse)
def hospital_page(
    hospital_id: str, request: Request, _p: Principal | None = Depends(require(public=True))
) -> HTMLResponse:
    from transplant_audit.web.views import hospital_detail

    found = hospital_detail(request.app.state.evidence, hospital_id)
    if found is None:
        raise ApiError(404, "not found", f"no hospital {hospital_id!r}")
    return render(request, "hospital.html", found)


@router.get("/review", response_class=HTMLResponse)
def review_page(
    request: Request,
    skip: int = Query(0, ge=0, le=10_000),
    p: Principal = Depends(require("reviewer")),
) -> HTMLResponse:
    from transplant_audit.web import review_queue

    with request.app.state.store.session() as s:
        items = review_queue.queue(s, p.username, limit=skip + 1)
    current = items[skip] if len(items) > skip else None
    if current is None and skip:
        current = items[0] if items else None
        skip = 0
    return render(request, "review.html", {"item": current, "skip": skip, "message": ""})


@router.post("/review/{candidate_id}")
def review_form(
    candidate_id: str,
    request: Request,
    action: str = Form(..., max_length=10),
    reason: str = Form("", max_length=2000),
    hospital_id: str = Form("", max_length=64),
    p: Principal = Depends(require("reviewer")),
) -> Response:
    from transplant_audit.web.api import ReviewDecisionIn, decide

    if action not in ("accept", "reject"):
        raise ApiError(400, "review refused", "action must be accept or reject")
    fields = {"hospital_id": hospital_id} if hospital_id and action == "accept" else None
    body = ReviewDecisionIn(action=action, fields=fields, reason=reason or None)  # type: ignore[arg-type]
    try:
        outcome = decide(request, p, candidate_id, body)
    except ApiError as exc:
        from transplant_audit.web import review_queue

        with request.app.state.store.session() as s:
            items = review_queue.queue(s, p.username, limit=1)
        ctx = {"item": items[0] if items else None, "skip": 0,
               "message": f"{exc.error}: {exc.detail}"}  # fmt: skip
        return render(request, "review.html", ctx, status=exc.status)
    return RedirectResponse(f"/review?done={outcome['status']}", status_code=303)


def _assumption_rows(request: Request) -> list[dict[str, Any]]:
    from transplant_audit.web.views import records

    frame = request.app.state.evidence.get().assumptions
    return records(frame.sort_values("name"))


@router.get("/estimate", response_class=HTMLResponse)
def estimate_page(
    request: Request,
    job: str = Query("", max_length=40),
    _p: Principal = Depends(require("viewer")),
) -> HTMLResponse:
    return render(
        request,
        "estimate.html",
        {
            "assumptions": _assumption_rows(request),
            "job": _job_context(request, job) if job else None,
        },  # fmt: skip
    )


@router.post("/estimate", response_class=HTMLResponse)
async def estimate_form(request: Request, p: Principal = Depends(require("viewer"))) -> Response:
    form = await request.form()
    overrides: dict[str, dict[str, float]] = {}
    for row in _assumption_rows(request):
        for part in ("low", "mode", "high"):
            sent = str(form.get(f"{part}__{row['name']}", "")).strip()
            if not sent:
                continue
            try:
                value = float(sent)
            except ValueError as exc:
                raise ApiError(400, "bad value", f"{row['name']} {part}: {sent!r}") from exc
            if row.get(part) is None or abs(value - float(row[part])) > 1e-12:
                overrides.setdefault(row["name"], {})[part] = value
    job_id = request.app.state.jobs.submit(
        "estimate", {"overrides": overrides, "draws": None, "seed": None, "years": None},
        p.username,
    )  # fmt: skip
    if request.headers.get("HX-Request"):
        return render(request, "estimate_job.html", {"job": _job_context(request, job_id)})
    return RedirectResponse(f"/estimate?job={job_id}", status_code=303)


def _job_context(request: Request, job_id: str) -> dict[str, Any]:
    from transplant_audit.web.chart import national_svg
    from transplant_audit.web.jobs import job_view
    from transplant_audit.web.schema import Job

    with request.app.state.store.session() as s:
        job = s.get(Job, job_id)
        if job is None:
            raise ApiError(404, "not found", f"no job {job_id!r}")
        view = job_view(job)
    if view["status"] == "done":
        result = view["result"]
        view["chart"] = national_svg(result["national"])
        view["overrides"] = json.dumps(view["params"].get("overrides") or {}, sort_keys=True)
        view["comparison"] = result.get("comparison", [])
    return view


@router.get("/estimate/jobs/{job_id}", response_class=HTMLResponse)
def estimate_job_fragment(
    job_id: str, request: Request, _p: Principal = Depends(require("viewer"))
) -> HTMLResponse:
    return render(request, "estimate_job.html", {"job": _job_context(request, job_id)})


@router.get("/report", response_class=HTMLResponse)
def report_page(
    request: Request, _p: Principal | None = Depends(require(public=True))
) -> HTMLResponse:
    path = request.app.state.settings.report_dir / "index.html"
    return render(request, "report.html", {"exists": path.is_file(), "where": str(path)})
