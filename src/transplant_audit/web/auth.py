"""Who is asking: session cookies, roles and CSRF checks (FastAPI dependencies).

The session cookie (``ta_session``) is HttpOnly and SameSite=Strict, and Secure
when TLS ends at a proxy (``serve --behind-proxy``). CSRF protection is the double
submit pattern: the server sets a readable ``csrf_token`` cookie at login; every
state-changing request must carry the same token in an ``X-CSRF-Token`` header (API
clients, htmx) or a ``csrf_token`` form field (plain forms), and it must be the
token of the caller's own session. Login itself is exempt.
"""

from __future__ import annotations

import hmac
from collections.abc import Callable, Coroutine
from typing import Any

from fastapi import Request

from transplant_audit.web import accounts
from transplant_audit.web.accounts import Principal

SESSION_COOKIE = "ta_session"
CSRF_COOKIE = "csrf_token"
CSRF_HEADER = "X-CSRF-Token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class ApiError(Exception):
    """An error the API answers as JSON ``{"error", "detail"}`` with ``status``."""

    def __init__(self, status: int, error: str, detail: str = "") -> None:
        super().__init__(error)
        self.status = status
        self.error = error
        self.detail = detail


def client_address(request: Request) -> str | None:
    return request.client.host if request.client else None


def principal_of(request: Request) -> Principal | None:
    """The logged-in principal of this request, or None (resolved once per request)."""
    if getattr(request.state, "principal_resolved", False):
        return request.state.principal
    token = request.cookies.get(SESSION_COOKIE, "")
    found = None
    if token:
        store = request.app.state.store
        with store.session() as s:
            found = accounts.resolve_session(s, token, request.app.state.settings.security)
    request.state.principal = found
    request.state.principal_resolved = True
    return found


async def _check_csrf(request: Request, principal: Principal) -> None:
    if request.method in SAFE_METHODS:
        return
    sent = request.headers.get(CSRF_HEADER, "")
    if not sent and request.headers.get("content-type", "").startswith(
        ("application/x-www-form-urlencoded", "multipart/form-data")
    ):
        form = await request.form()
        sent = str(form.get("csrf_token", ""))
    cookie = request.cookies.get(CSRF_COOKIE, "")
    if not (
        sent
        and hmac.compare_digest(sent, cookie)
        and hmac.compare_digest(sent, principal.csrf_token)
    ):
        raise ApiError(403, "CSRF check failed", f"send the {CSRF_COOKIE} cookie's value as "
                       f"the {CSRF_HEADER} header or a csrf_token form field")  # fmt: skip


def require(
    role: str = "viewer", *, public: bool = False
) -> Callable[[Request], Coroutine[Any, Any, Principal | None]]:
    """A dependency: the caller must be logged in with at least ``role`` (401 / 403), and
    state-changing requests must pass the CSRF check. ``public=True`` lets anonymous
    callers through when the server runs with ``--public-read``."""

    async def dependency(request: Request) -> Principal | None:
        principal = principal_of(request)
        if principal is None:
            if public and request.app.state.settings.public_read:
                return None
            raise ApiError(401, "login required", "POST /api/session with username and password")
        if not principal.can(role):
            raise ApiError(
                403, "forbidden", f"this needs the {role} role (you are {principal.role})"
            )
        await _check_csrf(request, principal)
        return principal

    return dependency
