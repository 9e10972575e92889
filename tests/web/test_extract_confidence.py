"""The workbench stores each extracted candidate with its confidence, as ``extract`` does
(one code path: ``extract.confidence.document_candidates``), so review --by-confidence ranks
the workbench's candidates too (SQLite and PostgreSQL). The uploaded page is SYNTHETIC."""

from __future__ import annotations

from typing import Any

from .helpers import SYNTHETIC_TEXT, add_user


def test_workbench_extraction_stores_the_cli_confidence(web: Any) -> None:
    from transplant_audit.extract import review as rv
    from transplant_audit.extract.confidence import document_candidates, load_calibration
    from transplant_audit.extract.review_schema import Candidate
    from transplant_audit.extract.text import read_document

    assert load_calibration().current  # else every confidence is rightly None
    add_user(web.store, "dave", "reviewer")
    dave = web.login("dave")
    page = f"<html><body><p>{SYNTHETIC_TEXT}</p></body></html>".encode()
    form = {"url": "https://example.org/synthetic/workbench-confidence", "party": "hospital",
            "kind": "hospital_site", "note": "synthetic test upload"}  # fmt: skip
    r = dave.post("/api/captures", data=form, files={"file": ("s.html", page, "text/html")})
    assert r.status_code == 201, r.text
    sid, digest = r.json()["source_id"], r.json()["digest"]
    r = dave.post(f"/api/captures/{sid}/extract")
    assert r.status_code == 200, r.text
    ids = r.json()["candidates"]
    assert len(ids) >= 2

    text = read_document(page, name="s.html", content_type="text/html").text
    want = {rv.candidate_id(sid, digest, c): q for c, _, q in document_candidates(text)}
    with web.store.session() as s:
        stored = {i: s.get(Candidate, i).confidence for i in ids}
        ranked = [row.confidence for row in rv.list_candidates(s, by_confidence=True)]
    assert stored == want
    assert all(q is not None and 0.0 <= q <= 1.0 for q in stored.values())
    assert ranked == sorted(stored.values(), reverse=True)
