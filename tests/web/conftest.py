"""Fixtures of the workbench tests: a store holding the bundled evidence, on SQLite and
PostgreSQL, copied fresh for each test from a template imported once per session.

The documents, candidates and accounts made here are SYNTHETIC (invented text about a
real hospital id of the bundled package, made-up account names); they live only in the
temporary stores of the tests and never enter data/.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

PG_ENV = "TRANSPLANT_AUDIT_TEST_PG_URL"
PASSWORD = "synthetic-password-1"
SYNTHETIC_TEXT = (
    "SYNTHETIC TEST DOCUMENT. Tianjin First Central Hospital performed 330 liver "
    "transplants in 2010. The hospital has 500 transplant beds."
)


def _skip_or_fail(reason: str) -> None:
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"PostgreSQL tests cannot run under CI: {reason}")
    pytest.skip(f"PostgreSQL tests skipped: {reason}")


def _pg_admin() -> Any:
    import psycopg
    from sqlalchemy.engine import make_url

    admin = os.environ.get(PG_ENV)
    if not admin:
        _skip_or_fail(f"{PG_ENV} is not set")
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
    except Exception as exc:  # noqa: BLE001 - any failure means unreachable
        _skip_or_fail(f"server at {PG_ENV} is unreachable ({type(exc).__name__}: {exc})")
    return conn, u


def _import_bundled(url: str) -> None:
    from transplant_audit.evidence import package
    from transplant_audit.evidence.store import Store
    from transplant_audit.paths import bundled_package_dir

    with Store.open(url=url) as store:
        store.import_package(bundled_package_dir(), validate=False)
    assert package  # the package was validated by its own tests; this is a copy of it


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "store.sqlite"
    _import_bundled(f"sqlite:///{path}")
    return path


@pytest.fixture(scope="session")
def pg_template() -> Iterator[str]:
    conn, u = _pg_admin()
    name = f"ta_wb_tmpl_{uuid.uuid4().hex[:8]}"
    with conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    _import_bundled(u.set(database=name).render_as_string(hide_password=False))
    yield name
    conn2, _ = _pg_admin()
    with conn2:
        conn2.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh store holding the bundled evidence (SQLite file, or PostgreSQL database)."""
    if request.param == "sqlite":
        template = request.getfixturevalue("sqlite_template")
        target = tmp_path / "home" / "store.sqlite"
        target.parent.mkdir(parents=True)
        shutil.copyfile(template, target)
        yield f"sqlite:///{target}"
        return
    template = request.getfixturevalue("pg_template")
    conn, u = _pg_admin()
    name = f"ta_wb_{uuid.uuid4().hex[:10]}"
    with conn:
        conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    yield u.set(database=name).render_as_string(hide_password=False)
    conn2, _ = _pg_admin()
    with conn2:
        conn2.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture()
def store(store_url: str) -> Iterator[Any]:
    from transplant_audit.evidence.store import Store

    s = Store.open(url=store_url)
    try:
        yield s
    finally:
        s.close()


def add_user(store: Any, name: str, role: str, password: str = PASSWORD) -> None:
    from transplant_audit.web import accounts

    with store.session(write=True) as s:
        accounts.add_account(s, name, role, password, by="test")


def seed_candidates(store: Any, extracted_by: str) -> list[str]:
    """Extract the SYNTHETIC text as if ``extracted_by`` had done it; returns candidate ids."""
    from sqlalchemy import select

    from transplant_audit.evidence.schema import Hospital
    from transplant_audit.extract.core import extract_candidates
    from transplant_audit.extract.review import candidate_id, save_candidates
    from transplant_audit.web.review_queue import record_extractor

    found = extract_candidates(SYNTHETIC_TEXT, language="en")
    with store.session(write=True) as s:
        source = s.execute(select(Hospital.source_id).limit(1)).scalar_one()
        hospitals = [
            {"id": h.id, "name_zh": h.name_zh, "name_en": h.name_en}
            for h in s.execute(select(Hospital)).scalars()
        ]
        save_candidates(s, source, None, found, [f"chars {c.start}-{c.end}" for c in found],
                        hospitals)  # fmt: skip
        ids = [candidate_id(source, None, c) for c in found]
        record_extractor(s, ids, extracted_by)
    return ids


@dataclass
class Web:
    """A TestClient on an app over ``store``, with helpers to log in."""

    store: Any
    app: Any

    def client(self) -> Any:
        from fastapi.testclient import TestClient

        return TestClient(self.app, raise_server_exceptions=False)

    def login(self, name: str, password: str = PASSWORD) -> Any:
        c = self.client()
        r = c.post("/api/session", json={"username": name, "password": password})
        assert r.status_code == 200, r.text
        c.headers["X-CSRF-Token"] = r.json()["csrf_token"]
        return c


@pytest.fixture()
def web(store: Any, tmp_path: Path) -> Iterator[Web]:
    from transplant_audit.web.app import ServerSettings, create_app

    app = create_app(store, ServerSettings(report_dir=tmp_path / "report", estimate_draws=200))
    yield Web(store, app)
    app.state.jobs.shutdown(wait=True)
