"""Debian's Chromium through Playwright, for the tests marked ``browser`` (workbench, report)."""

from __future__ import annotations

import importlib
import os
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip


def need_browser(*modules: str) -> None:
    """Skip unless Chromium and ``playwright`` (and ``modules``) are here; under CI=true a
    missing piece is a failure, not a skip."""
    reason = None
    if not Path(CHROMIUM).exists():
        reason = f"{CHROMIUM} is missing (apt-get install chromium)"
    else:
        for name in ("playwright.sync_api", *modules):
            try:
                importlib.import_module(name)
            except ImportError as exc:
                reason = f"{exc.name} is not installed (pip install -e '.[test]')"
                break
    if reason:
        if os.environ.get("CI") == "true":
            pytest.fail(f"browser test cannot run under CI: {reason}")
        pytest.skip(reason)
