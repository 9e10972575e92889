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
