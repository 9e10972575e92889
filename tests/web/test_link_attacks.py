"""Source URLs that are script, on the workbench's hospital page (x7's adversarial audit).

``import DIR`` accepts any text as a source's URL, so an imported package (or a row edited
in the database) can hold ``javascript:...`` or ``data:text/html,...``. On main the page
``/hospitals/<id>`` made it a live ``<a href>``: a click ran script as the logged-in
investigator. The report already linked only web URLs; the workbench now does the same.
The URLs are SYNTHETIC attacks written into a temporary test store.
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import select, update

from .helpers import add_user

ATTACKS = ["javascript:alert(document.cookie)//", "data:text/html,<script>alert(1)</script>",
           " JaVaScRiPt:alert(1)"]  # fmt: skip


def test_script_urls_are_text_not_links(web: Any) -> None:
    from transplant_audit.evidence.schema import Observation, Source

    with web.store.session(write=True) as s:
        ids = s.execute(
            select(Observation.source_id)
            .where(Observation.hospital_id == "tianjin_first_central")
            .distinct()
        ).scalars().all()  # fmt: skip
        assert len(ids) >= len(ATTACKS)
        for sid, url in zip(ids, ATTACKS, strict=False):
            s.execute(update(Source).where(Source.id == sid).values(url=url))
    add_user(web.store, "alice", "viewer")
    page = web.login("alice").get("/hospitals/tianjin_first_central")
    assert page.status_code == 200
    hrefs = re.findall(r'href="([^"]*)"', page.text)
    assert not [h for h in hrefs if re.match(r"\s*(javascript|data):", h, re.I)], hrefs
    assert "javascript:alert(document.cookie)//" in page.text  # still shown, as text
    assert any(h.startswith("https://") for h in hrefs)  # web URLs stay links
