"""``create_app(store, settings)``: the workbench as a FastAPI application.

The app holds the store, a cache of its evidence, the job runner and the
settings in ``app.state``. Errors under ``/api`` are JSON ``{"error", "detail"}``
with the right status and never a stack trace; pages that need a login send the
browser to ``/login``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from transplant_audit.errors import TransplantAuditError
from transplant_audit.web.accounts import SecuritySettings
from transplant_audit.web.auth import ApiError
from transplant_audit.web.bodylimit import BodyLimit
from transplant_audit.web.headers import SecurityHeaders
from transplant_audit.web.jobs import JobRunner
from transplant_audit.web.views import EvidenceCache

HERE = Path(__file__).resolve().parent
log = logging.getLogger("transplant_audit.web")


@dataclass(frozen=True)
class ServerSettings:
    """How the server runs (``transplant-audit serve`` options)."""

    behind_proxy: bool = False
    """TLS ends at a reverse proxy: cookies are marked Secure."""
    public_read: bool = False
    """Anonymous readers may GET hospitals, sources and the report."""
    report_dir: Path = Path("report")
    """Where the latest report (index.html) is read from."""
    home: Path = Path(".")
    """The investigation's home: captured documents go to its ``archive/``."""
    estimate_draws: int = 2000
    """Monte Carlo draws of an estimate started from the workbench (the CLI's default is
    10,000; fewer keep a page interactive on a small server; the API can ask for more)."""
    job_threads: int = 1
    security: SecuritySettings = field(default_factory=SecuritySettings)


def estimate_work(cache: EvidenceCache, settings: ServerSettings) -> Callable[..., dict[str, Any]]:
    """The ``estimate`` job: ``estimate(...)`` on the store's evidence, as ``estimate --json``."""

    def work(params: Mapping[str, Any], progress: Callable[[float], None]) -> dict[str, Any]:
        from transplant_audit.estimate.api import DEFAULT_SEED, estimate

        seed = params.get("seed")
        result = estimate(
            cache.get(),
            draws=int(params.get("draws") or settings.estimate_draws),
            seed=DEFAULT_SEED if seed is None else int(seed),
            years=params.get("years") or None,
            overrides=params.get("overrides") or None,
            progress=lambda done, total: progress(done / max(total, 1)),
        )
        return result.to_dict(with_sensitivity=False)

    return work


def report_work(cache: EvidenceCache, settings: ServerSettings) -> Callable[..., dict[str, Any]]:
    """The ``report`` job: build the report on the store's evidence and publish it in
    ``settings.report_dir`` (written aside and renamed into place by ``write_report``)."""

    def work(params: Mapping[str, Any], progress: Callable[[float], None]) -> dict[str, Any]:
        from transplant_audit.report.build import build_report

        files = build_report(
            cache.get(),
            settings.report_dir,
            draws=int(params.get("draws") or 10_000),
            seed=params.get("seed"),
            pdf=bool(params.get("pdf", True)),
            command="transplant-audit serve (POST /api/report)",
        )
        progress(1.0)
        return {
            "html": str(files.html),
            "pdf": str(files.pdf) if files.pdf else None,
            "seconds": {k: round(v, 2) for k, v in files.seconds.items()},
        }

    return work


def _error(status: int, error: str, detail: Any = "") -> JSONResponse:
    return JSONResponse({"error": error, "detail": detail}, status_code=status)


def _wants_page(request: Request) -> bool:
    return not request.url.path.startswith("/api")


def install_error_handlers(app: FastAPI) -> None:
    from transplant_audit.web.pages import error_page

    @app.exception_handler(ApiError)
    async def api_error(request: Request, exc: ApiError) -> Response:
        if _wants_page(request):
            if exc.status == 401:
                return RedirectResponse(f"/login?next={request.url.path}", status_code=303)
            return error_page(request, exc.status, exc.error, exc.detail)
        return _error(exc.status, exc.error, exc.detail)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        detail = [
            {"loc": list(e.get("loc", ())), "msg": str(e.get("msg", ""))} for e in exc.errors()
        ]
        if _wants_page(request):
            return error_page(request, 422, "invalid request", "; ".join(d["msg"] for d in detail))
        return _error(422, "invalid request", detail)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        text = {404: "not found", 405: "method not allowed", 413: "too large"}.get(
            exc.status_code, "error"
        )
        if _wants_page(request):
            return error_page(request, exc.status_code, text, str(exc.detail))
        return _error(exc.status_code, text, str(exc.detail))

    @app.exception_handler(TransplantAuditError)
    async def ours(request: Request, exc: TransplantAuditError) -> Response:
        return _error(400, "refused", str(exc))

    @app.exception_handler(Exception)
    async def crash(request: Request, exc: Exception) -> Response:
        log.exception("internal error on %s %s", request.method, request.url.path)
        return _error(500, "internal error", "the server log has the details")


def create_app(store: Any, settings: ServerSettings | None = None) -> FastAPI:
    """The workbench on an open ``Store`` (already migrated and holding evidence)."""
    from transplant_audit.registry import api as registry_api
    from transplant_audit.web import api, pages

    settings = settings or ServerSettings()
    cache = EvidenceCache(store)
    kinds = {"estimate": estimate_work(cache, settings), "report": report_work(cache, settings)}
    runner = JobRunner(store, kinds, settings.job_threads)

    @asynccontextmanager
    async def lifespan(_app: FastAPI):  # type: ignore[no-untyped-def]
        yield
        runner.shutdown()

    app = FastAPI(
        title="transplant-audit workbench",
        version="1",
        description=(
            "Browse sourced evidence, review extracted figures under the two-person rule, "
            "run estimates and read the report. Log in with POST /api/session; send the "
            "csrf_token cookie's value as X-CSRF-Token on every state-changing request."
        ),
        openapi_url="/api/openapi.json",
        docs_url="/api/docs",
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.store = store
    app.state.settings = settings
    app.state.evidence = cache
    app.state.jobs = runner
    install_error_handlers(app)
    app.include_router(api.router)
    app.include_router(pages.router)
    registry_api.install(app)  # the transplant-tourism registry's routes and pseudonym key
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.add_middleware(BodyLimit, limit_for=_body_limit, detail=_too_large)
    app.add_middleware(SecurityHeaders)  # outermost: the 413 of BodyLimit gets them too
    return app


UPLOAD_PATH = "/api/captures"
MULTIPART_OVERHEAD = 1024 * 1024
"""Room for the form fields and boundaries around an upload of the largest size."""


def _body_limit(path: str) -> int:
    from transplant_audit.limits import REQUEST_BYTES
    from transplant_audit.web.api import MAX_UPLOAD

    return MAX_UPLOAD + MULTIPART_OVERHEAD if path == UPLOAD_PATH else REQUEST_BYTES.value()


def _too_large(limit: int) -> str:
    from transplant_audit.limits import REQUEST_BYTES

    return (
        f"the request body is over the limit of {limit:,} bytes (raise it with the "
        f"environment variable {REQUEST_BYTES.env}=N; uploads have their own limit)"
    )
