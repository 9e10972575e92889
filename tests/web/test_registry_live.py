"""The issue's 'done when' on a real server (uvicorn on 127.0.0.1, SQLite store): a
registrar posts a SYNTHETIC case (201), posts it again (409), and the synthetic national
ID appears in none of the store's files; an analyst gets 403 on the case list."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest

from .helpers import PASSWORD, add_user
from .live import live_server
from .registry_synthetic import NATIONAL_ID, case

pytestmark = pytest.mark.parametrize("store_url", ["sqlite"], indirect=True)


def _login(base: str, name: str) -> httpx.Client:
    c = httpx.Client(base_url=base)
    r = c.post("/api/session", json={"username": name, "password": PASSWORD})
    assert r.status_code == 200, r.text
    c.headers["X-CSRF-Token"] = r.json()["csrf_token"]
    return c


def test_done_when_on_a_live_server(web: Any, store_url: str) -> None:
    add_user(web.store, "registrar1", "registrar")
    add_user(web.store, "analyst1", "analyst")
    with live_server(web.app) as base:
        reg = _login(base, "registrar1")
        first = reg.post("/api/registry/cases", json=case())
        assert first.status_code == 201
        again = reg.post("/api/registry/cases", json=case())
        assert again.status_code == 409
        assert again.json()["error"] == "duplicate"
        assert again.json()["case_id"] == first.json()["case_id"]
        assert _login(base, "analyst1").get("/api/registry/cases").status_code == 403
    web.store.engine.dispose()
    root = Path(store_url.removeprefix("sqlite:///")).parent
    files = [p for p in root.rglob("*") if p.is_file()]
    assert files
    for p in files:
        assert NATIONAL_ID.encode() not in p.read_bytes(), p
