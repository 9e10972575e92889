"""Tables of the workbench (accounts, sessions, security log, jobs), on the store's ``Base``.

- ``accounts``: one row per person: name, role, Argon2id hash, disabled flag.
- ``web_sessions``: a login; only the SHA-256 of the cookie token is kept, with the
  CSRF token and when it was last used (idle expiry).
- ``security_log``: logins, failures, logouts, password and role changes: who, when,
  from which address (never a password).
- ``jobs``: background work (estimates): status, progress, parameters, result JSON.

Who extracted a candidate is ``candidates.extracted_by`` (extract area); the workbench
records the account name there.
"""

from __future__ import annotations

from sqlalchemy import Boolean, Float, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from transplant_audit.evidence.base import Base


class Account(Base):
    """A person who logs in to the workbench (or authenticates ``review`` on the CLI)."""

    __tablename__ = "accounts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    username: Mapped[str] = mapped_column(String(80), unique=True)
    role: Mapped[str] = mapped_column(String(16))
    password_hash: Mapped[str] = mapped_column(Text)
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[str] = mapped_column(String(32))
    password_changed_at: Mapped[str] = mapped_column(String(32))


class WebSession(Base):
    """One login session; ``token_hash`` is the SHA-256 of the cookie's random token."""

    __tablename__ = "web_sessions"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), index=True)
    csrf_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[float] = mapped_column(Float)
    last_seen: Mapped[float] = mapped_column(Float)
    address: Mapped[str | None] = mapped_column(String(64))


class SecurityEvent(Base):
    """One line of the security log (append-only)."""

    __tablename__ = "security_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[float] = mapped_column(Float, index=True)
    event: Mapped[str] = mapped_column(String(32))
    username: Mapped[str] = mapped_column(String(80), index=True)
    address: Mapped[str | None] = mapped_column(String(64))
    detail: Mapped[str | None] = mapped_column(Text)


class Job(Base):
    """Background work: an estimate with overrides, run by the in-process runner."""

    __tablename__ = "jobs"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(16), index=True)
    progress: Mapped[float] = mapped_column(Float, default=0.0)
    params: Mapped[str] = mapped_column(Text)
    result: Mapped[str | None] = mapped_column(Text)
    error: Mapped[str | None] = mapped_column(Text)
    created_by: Mapped[str] = mapped_column(String(80))
    created_at: Mapped[str] = mapped_column(String(32))
    finished_at: Mapped[str | None] = mapped_column(String(32))
