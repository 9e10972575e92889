"""Shared fixtures. Synthetic data made here is labelled synthetic and never enters data/."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO


@pytest.fixture(scope="session")
def bundled_dir() -> Path:
    return REPO / "data"


# Tests that use a PostgreSQL server get the ``postgres`` marker, so ``pytest -m postgres``
# selects them (and ``-m "not postgres"`` leaves them out): those asking for a PostgreSQL
# fixture, and the "postgresql" case of the stores parametrised over both backends.
PG_FIXTURES = frozenset({"pg_url", "pg_review_url"})


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        names = set(getattr(item, "fixturenames", ()))
        callspec = getattr(item, "callspec", None)
        params = set(map(str, callspec.params.values())) if callspec else set()
        if names & PG_FIXTURES or "postgresql" in params:
            item.add_marker(pytest.mark.postgres)
