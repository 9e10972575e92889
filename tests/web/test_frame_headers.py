"""Clickjacking and MIME sniffing on the workbench (x7's adversarial audit).

On main no response said it must not be framed: another site could load the review
queue in an invisible frame and trick a logged-in reviewer into clicking "accept". Every
response now carries ``X-Frame-Options: DENY``, ``Content-Security-Policy:
frame-ancestors 'none'`` and ``X-Content-Type-Options: nosniff``.
"""

from __future__ import annotations

from typing import Any

import pytest


@pytest.mark.parametrize("path", ["/login", "/hospitals", "/api/health", "/static/workbench.css"])
def test_no_page_can_be_framed_or_sniffed(web: Any, path: str) -> None:
    r = web.client().get(path, follow_redirects=False)
    assert r.status_code < 500
    assert r.headers.get("x-frame-options") == "DENY"
    assert "frame-ancestors 'none'" in r.headers.get("content-security-policy", "")
    assert r.headers.get("x-content-type-options") == "nosniff"
