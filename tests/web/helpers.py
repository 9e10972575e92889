"""Helpers of the workbench tests. Everything made here is SYNTHETIC: made-up account
names and passwords, and an invented document about a real hospital id of the bundled
package; it lives only in the tests' temporary stores and never enters data/."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

PASSWORD = "synthetic-password-1"
SYNTHETIC_TEXT = (
    "SYNTHETIC TEST DOCUMENT. Tianjin First Central Hospital performed 330 liver "
    "transplants in 2010. The hospital has 500 transplant beds."
)


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

    found = extract_candidates(SYNTHETIC_TEXT, language="en")
    with store.session(write=True) as s:
        source = s.execute(select(Hospital.source_id).limit(1)).scalar_one()
        hospitals = [
            {"id": h.id, "name_zh": h.name_zh, "name_en": h.name_en}
            for h in s.execute(select(Hospital)).scalars()
        ]
        locators = [f"chars {c.start}-{c.end}" for c in found]
        save_candidates(s, source, None, found, locators, hospitals, extracted_by=extracted_by)
        ids = [candidate_id(source, None, c) for c in found]
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
