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
from pathlib import Path
from typing import Any

import pytest

from .helpers import Web

PG_ENV = "TRANSPLANT_AUDIT_TEST_PG_URL"


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


@pytest.fixture()
def web(store: Any, tmp_path: Path) -> Iterator[Web]:
    from transplant_audit.web.app import ServerSettings, create_app

    settings = ServerSettings(
        report_dir=tmp_path / "report", home=tmp_path / "web-home", estimate_draws=200
    )
    app = create_app(store, settings)
    yield Web(store, app)
    app.state.jobs.shutdown(wait=True)
