"""Accounts, passwords, sessions and the security log (store work, inside the caller's session).

Passwords are hashed with Argon2id (argon2-cffi's defaults, RFC 9106 low-memory
profile). A session is a random token in a cookie; the store keeps only its SHA-256,
with a CSRF token and the time it was last used, so a stolen database does not
give working cookies. After ``SecuritySettings.max_failures`` failed logins for one
account within ``failure_window`` seconds, logins for that account are refused
(HTTP 429) until the window has passed. Every login, failure, logout, password and
role change goes to ``security_log``; role changes also go to the ledger.
"""

from __future__ import annotations

import hashlib
import secrets
import time
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import delete, func, select

from transplant_audit.errors import ConfigError, TransplantAuditError
from transplant_audit.web.schema import Account, SecurityEvent, WebSession

ROLES = ("viewer", "investigator", "reviewer", "admin")
"""Roles from least to most rights; each role has the rights of the ones before it."""

REGISTRY_ROLES = ("reporter", "registrar", "analyst", "auditor")
"""Roles of the transplant-tourism registry (docs/registry.md). They stand apart from the
evidence roles above: none implies another, and none gives rights on the evidence."""

ALL_ROLES = ROLES + REGISTRY_ROLES

_USERNAME_CHARS = set("abcdefghijklmnopqrstuvwxyz0123456789._-")


@dataclass(frozen=True)
class SecuritySettings:
    """Limits of sessions and logins (security policy of the workbench, not model data)."""

    idle_seconds: float = 8 * 3600.0
    """A session unused for this long expires (8 hours: one working day)."""
    max_failures: int = 5
    """Failed logins for one account within ``failure_window`` before logins are refused."""
    failure_window: float = 15 * 60.0
    """Seconds over which failed logins are counted (15 minutes)."""
    min_password_length: int = 10


class AuthError(TransplantAuditError):
    """A login or permission problem; ``status`` is the HTTP status the API answers."""

    def __init__(self, message: str, status: int = 401) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class Principal:
    """Who is making a request: the account and its session's CSRF token."""

    username: str
    role: str
    csrf_token: str = ""

    def can(self, role: str) -> bool:
        if self.role not in ROLES or role not in ROLES:
            return self.role == role
        return ROLES.index(self.role) >= ROLES.index(role)


def normalize_username(name: str) -> str:
    """NFKC, case-folded, trimmed; only a-z 0-9 . _ - (so look-alike names cannot coexist)."""
    n = unicodedata.normalize("NFKC", name or "").casefold().strip()
    if not n or len(n) > 80 or not set(n) <= _USERNAME_CHARS:
        raise ConfigError(f"account name {name!r}: use 1-80 letters a-z, digits, '.', '_' or '-'")
    return n


def _now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _hasher() -> Any:
    from argon2 import PasswordHasher

    return PasswordHasher()  # Argon2id, RFC 9106 low-memory parameters


def hash_password(password: str, settings: SecuritySettings = SecuritySettings()) -> str:
    if len(password) < settings.min_password_length:
        raise ConfigError(
            f"the password is too short: use at least {settings.min_password_length} characters"
        )
    return _hasher().hash(password)


def _check_role(role: str) -> str:
    if role not in ALL_ROLES:
        raise ConfigError(f"role {role!r} is not one of: {', '.join(ALL_ROLES)}")
    return role


def log_event(
    session: Any, event: str, username: str, address: str | None, detail: str | None = None
) -> None:
    """Append one line to the security log (never a password)."""
    session.add(
        SecurityEvent(
            at=time.time(), event=event, username=username[:80], address=address, detail=detail
        )
    )


def _ledger(session: Any, kind: str, subject: str, payload: dict[str, Any]) -> None:
    from transplant_audit.evidence import ledger

    ledger.append(session, kind, subject, payload)


def has_accounts(session: Any) -> bool:
    return bool(session.scalar(select(func.count()).select_from(Account)))


def get_account(session: Any, username: str) -> Account | None:
    return session.execute(
        select(Account).where(Account.username == normalize_username(username))
    ).scalar_one_or_none()


def add_account(
    session: Any, username: str, role: str, password: str, *, by: str = "cli"
) -> Account:
    """Create an account; the role is recorded in the security log and the ledger."""
    name = normalize_username(username)
    _check_role(role)
    if get_account(session, name) is not None:
        raise ConfigError(f"account {name!r} exists already (change it: user passwd / user role)")
    now = _now_iso()
    acc = Account(
        username=name,
        role=role,
        password_hash=hash_password(password),
        disabled=False,
        created_at=now,
        password_changed_at=now,
    )
    session.add(acc)
    log_event(session, "account_added", name, None, f"role={role} by={by}")
    _ledger(session, "account_role_set", f"accounts/{name}", {"role": role, "by": by})
    session.flush()
    return acc


def _require(session: Any, username: str) -> Account:
    acc = get_account(session, username)
    if acc is None:
        raise ConfigError(f"no account {username!r} (list them: transplant-audit user list)")
    return acc


def set_role(session: Any, username: str, role: str, *, by: str = "cli") -> Account:
    acc = _require(session, username)
    _check_role(role)
    if acc.role != role:
        log_event(session, "role_changed", acc.username, None, f"{acc.role}->{role} by={by}")
        _ledger(
            session,
            "account_role_set",
            f"accounts/{acc.username}",
            {"role": role, "previous": acc.role, "by": by},
        )
        acc.role = role
    return acc


def set_password(
    session: Any, username: str, password: str, *, by: str = "cli", address: str | None = None
) -> Account:
    """Set a new password and end the account's sessions."""
    acc = _require(session, username)
    acc.password_hash = hash_password(password)
    acc.password_changed_at = _now_iso()
    session.execute(delete(WebSession).where(WebSession.account_id == acc.id))
    log_event(session, "password_changed", acc.username, address, f"by={by}")
    return acc


def set_disabled(session: Any, username: str, disabled: bool = True, *, by: str = "cli") -> Account:
    """Disable (or enable) an account; disabling ends its sessions."""
    acc = _require(session, username)
    acc.disabled = disabled
    if disabled:
        session.execute(delete(WebSession).where(WebSession.account_id == acc.id))
    log_event(session, "account_disabled" if disabled else "account_enabled", acc.username, None,
              f"by={by}")  # fmt: skip
    _ledger(
        session,
        "account_disabled" if disabled else "account_enabled",
        f"accounts/{acc.username}",
        {"by": by},
    )
    return acc


def list_accounts(session: Any) -> list[dict[str, Any]]:
    rows = session.execute(select(Account).order_by(Account.username)).scalars()
    return [
        {
            "username": a.username,
            "role": a.role,
            "disabled": bool(a.disabled),
            "created_at": a.created_at,
            "password_changed_at": a.password_changed_at,
        }
        for a in rows
    ]


def recent_failures(session: Any, username: str, settings: SecuritySettings) -> int:
    since = time.time() - settings.failure_window
    return int(
        session.scalar(
            select(func.count())
            .select_from(SecurityEvent)
            .where(SecurityEvent.username == username)
            .where(SecurityEvent.event == "login_failed")
            .where(SecurityEvent.at >= since)
        )
        or 0
    )


def check_password(
    session: Any,
    username: str,
    password: str,
    address: str | None,
    settings: SecuritySettings = SecuritySettings(),
) -> Account:
    """The account if ``password`` is right; logs the attempt. Raises ``AuthError``
    (401 wrong name or password, 429 too many recent failures for this account)."""
    from argon2.exceptions import InvalidHashError, VerificationError

    try:
        name = normalize_username(username)
    except ConfigError:
        name = (username or "")[:80]
    if recent_failures(session, name, settings) >= settings.max_failures:
        log_event(session, "login_throttled", name, address)
        raise AuthError(
            "too many failed logins for this account: try again in 15 minutes", status=429
        )
    acc = session.execute(select(Account).where(Account.username == name)).scalar_one_or_none()
    ok = False
    if acc is not None and not acc.disabled:
        try:
            ok = _hasher().verify(acc.password_hash, password)
        except (VerificationError, InvalidHashError):
            ok = False
    else:
        _hasher().hash("timing-equaliser")  # same work whether or not the account exists
    if not ok:
        log_event(session, "login_failed", name, address)
        raise AuthError("wrong account name or password", status=401)
    if _hasher().check_needs_rehash(acc.password_hash):
        acc.password_hash = _hasher().hash(password)
    return acc


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("ascii", "replace")).hexdigest()


def open_session(session: Any, acc: Account, address: str | None) -> tuple[str, str]:
    """Start a session for ``acc``: returns (cookie token, CSRF token)."""
    token = secrets.token_urlsafe(32)
    csrf = secrets.token_urlsafe(32)
    now = time.time()
    session.add(
        WebSession(
            token_hash=_token_hash(token),
            account_id=acc.id,
            csrf_token=csrf,
            created_at=now,
            last_seen=now,
            address=address,
        )
    )
    log_event(session, "login", acc.username, address)
    return token, csrf


def resolve_session(
    session: Any, token: str, settings: SecuritySettings = SecuritySettings()
) -> Principal | None:
    """The principal of a cookie token, or None (unknown, expired, account disabled).

    Touches ``last_seen`` at most once a minute, so reads stay cheap."""
    if not token:
        return None
    row = session.execute(
        select(WebSession, Account)
        .join(Account, Account.id == WebSession.account_id)
        .where(WebSession.token_hash == _token_hash(token))
    ).first()
    if row is None:
        return None
    ws, acc = row
    now = time.time()
    if acc.disabled or now - ws.last_seen > settings.idle_seconds:
        session.delete(ws)
        return None
    if now - ws.last_seen > 60:
        ws.last_seen = now
    return Principal(acc.username, acc.role, ws.csrf_token)


def close_session(session: Any, token: str, address: str | None) -> None:
    ws = session.get(WebSession, _token_hash(token or ""))
    if ws is None:
        return
    acc = session.get(Account, ws.account_id)
    session.delete(ws)
    log_event(session, "logout", acc.username if acc else "?", address)
