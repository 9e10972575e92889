"""Shared fixtures. Synthetic data made here is labelled synthetic and never enters data/."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO


@pytest.fixture(scope="session")
def bundled_dir() -> Path:
    return REPO / "data"


@pytest.fixture(autouse=True)
def _registry_key_in_tmp(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[None]:
    """The workbench app creates the registry's pseudonym key on start: keep it in a
    temporary directory, never in the user's data directory."""
    if "TRANSPLANT_AUDIT_REGISTRY_KEY_FILE" not in os.environ:
        path = tmp_path_factory.mktemp("registry-key") / "registry.key"
        monkeypatch.setenv("TRANSPLANT_AUDIT_REGISTRY_KEY_FILE", str(path))
    yield


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
