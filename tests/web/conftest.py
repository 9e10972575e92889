"""Fixtures of the workbench tests: a store holding the bundled evidence, on SQLite and
PostgreSQL, copied fresh for each test from a template imported once per session.

The documents, candidates and accounts made here are SYNTHETIC (invented text about a
real hospital id of the bundled package, made-up account names); they live only in the
temporary stores of the tests and never enter data/.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from pg_database import fresh_database

from .helpers import Web


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
    from sqlalchemy.engine import make_url

    with fresh_database("ta_wb_tmpl_") as url:
        _import_bundled(url)
        yield str(make_url(url).database)


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
    with fresh_database("ta_wb_", template=template) as url:
        yield url


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
