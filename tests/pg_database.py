"""PostgreSQL for the tests: one throw-away database per fixture, on the server named by
``TRANSPLANT_AUDIT_TEST_PG_URL`` (skipped when unset or unreachable; a failure under CI)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest

PG_ENV = "TRANSPLANT_AUDIT_TEST_PG_URL"


def skip_or_fail(reason: str) -> None:
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"PostgreSQL tests cannot run under CI: {reason}")
    pytest.skip(f"PostgreSQL tests skipped: {reason}")


def admin_connect() -> tuple[Any, Any]:
    """(autocommit connection, URL) of the admin database; skips when there is none."""
    import psycopg
    from sqlalchemy.engine import make_url

    admin = os.environ.get(PG_ENV)
    if not admin:
        skip_or_fail(f"{PG_ENV} is not set")
    u = make_url(admin)
    try:
        conn = psycopg.connect(
            host=u.host or "localhost",
            port=u.port or 5432,
            user=u.username,
            password=u.password,
            dbname=u.database,
            autocommit=True,
            connect_timeout=5,
        )
    except Exception as exc:  # noqa: BLE001 - any connection failure means "unreachable"
        skip_or_fail(f"server at {PG_ENV} is unreachable ({type(exc).__name__}: {exc})")
    return conn, u


@contextmanager
def fresh_database(prefix: str, template: str | None = None) -> Iterator[str]:
    """The URL of a new database ``<prefix><random>`` (a copy of ``template`` if given),
    dropped on leaving the block."""
    conn, u = admin_connect()
    name = f"{prefix}{uuid.uuid4().hex[:12]}"
    with conn:
        conn.execute(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
    try:
        yield u.set(database=name).render_as_string(hide_password=False)
    finally:
        conn, _ = admin_connect()
        with conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
