"""Fixtures for the capture tests. Every document made here is SYNTHETIC (see capture_docs)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from capture_docs import make_documents


@pytest.fixture()
def docs(tmp_path: Path) -> dict[str, Path]:
    return make_documents(tmp_path / "docs")


@pytest.fixture()
def home(tmp_path: Path) -> Path:
    h = tmp_path / "home"
    h.mkdir()
    return h


@pytest.fixture()
def store(home: Path) -> Iterator[object]:
    """An empty SQLite store in ``home``."""
    from transplant_audit.evidence.store import Store

    s = Store.open(home=home)
    try:
        yield s
    finally:
        s.close()
