"""Oversized request bodies on the workbench (x7's adversarial audit).

On main any route read a body of any size before validating it: a 2 MiB JSON login (no
account needed) was parsed whole and answered 422, so an anonymous client could make the
server hold as much as it sent. Now a body over the limit is refused with 413 as soon as
the limit is passed, by its Content-Length or, when chunked, while it streams. The
bodies are SYNTHETIC filler.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .helpers import PASSWORD, SYNTHETIC_TEXT, add_user

BIG = 2 * 1024 * 1024


def _chunks(total: int) -> Iterator[bytes]:
    yield b'{"username": "x", "password": "'
    for _ in range(total // 65536):
        yield b"a" * 65536
    yield b'"}'


def test_an_oversized_body_is_refused_with_413(web: Any) -> None:
    c = web.client()
    body = b'{"username": "x", "password": "' + b"a" * BIG + b'"}'
    r = c.post("/api/session", content=body, headers={"Content-Type": "application/json"})
    assert r.status_code == 413, r.text
    assert "TRANSPLANT_AUDIT_MAX_REQUEST_BYTES" in r.text
    chunked = c.post(
        "/api/session", content=_chunks(BIG), headers={"Content-Type": "application/json"}
    )
    assert chunked.status_code == 413, chunked.text


def test_small_bodies_and_uploads_still_work(web: Any) -> None:
    add_user(web.store, "dave", "investigator")
    r = web.client().post("/api/session", json={"username": "dave", "password": PASSWORD})
    assert r.status_code == 200, r.text
    page = (f"<html><body><p>{SYNTHETIC_TEXT}</p>" + "<p>x</p>" * 400_000).encode()
    assert len(page) > BIG  # an upload may be larger than the limit of other requests
    form = {"url": "https://example.org/synthetic/big-upload", "note": "synthetic"}
    up = web.login("dave").post("/api/captures", data=form, files={"file": ("a.html", page)})
    assert up.status_code == 201, up.text
