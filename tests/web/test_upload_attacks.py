"""Hostile upload file names on ``POST /api/captures`` (x7's adversarial audit).

On main the name ``..`` made the server write the upload onto its temp directory, and a
name of 300 characters overflowed the file-system's limit: both were a 500 "internal
error" instead of a capture. The client's file name is only a hint (the URL is what is
recorded), so any name must give a capture. The document is SYNTHETIC.
"""

from __future__ import annotations

from typing import Any

import pytest

from .helpers import SYNTHETIC_TEXT, add_user

NAMES = ["..", ".", "../../etc/passwd", "x" * 300 + ".html", "a\r\nX-Evil: 1.html", "a\tb.html"]


@pytest.mark.parametrize("name", NAMES, ids=["dotdot", "dot", "traversal", "long", "crlf", "tab"])
def test_any_upload_name_gives_a_capture_not_a_500(web: Any, name: str) -> None:
    add_user(web.store, "dave", "investigator")
    dave = web.login("dave")
    page = f"<html><body><p>{SYNTHETIC_TEXT}</p></body></html>".encode()
    form = {"url": "https://example.org/synthetic/upload-name", "note": "synthetic upload"}
    r = dave.post("/api/captures", data=form, files={"file": (name, page, "text/html")})
    assert r.status_code == 201, r.text
    assert r.json()["uri"] == form["url"]
    assert r.json()["digest"].startswith("sha256:")
