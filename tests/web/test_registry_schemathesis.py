"""Schemathesis on the registry's routes, logged in as a registrar and as an analyst, on
PostgreSQL: no registry route answers with a 5xx. Cases are SYNTHETIC
(registry_synthetic.py); generated bodies are whatever Schemathesis invents."""

from __future__ import annotations

from typing import Any

import pytest

from .helpers import add_user
from .registry_synthetic import random_cases
from .test_schemathesis import run_schema

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.parametrize("store_url", ["postgresql"], indirect=True),
]


@pytest.mark.parametrize("role", ["registrar", "analyst"])
def test_no_server_errors_on_registry_routes(web: Any, role: str) -> None:
    add_user(web.store, "reg", "registrar")
    seeder = web.login("reg")
    for body in random_cases(12, seed=5):
        assert seeder.post("/api/registry/cases", json=body).status_code == 201
    if role != "registrar":
        add_user(web.store, "who", role)
    login = seeder if role == "registrar" else web.login("who")
    ran, failures, seen = run_schema(web, login, lambda op: op.path.startswith("/api/registry"))
    assert ran >= 8
    assert not failures, failures
    assert 200 in seen
