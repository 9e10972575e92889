"""The workbench API on SQLite and PostgreSQL: login, sessions, CSRF, roles, evidence,
review under the two-person rule with accounts, estimate jobs, errors as JSON."""

from __future__ import annotations

import csv
import time
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, update

from .helpers import PASSWORD, add_user, seed_candidates


def _hospital_rows(repo_root: Path) -> int:
    with (repo_root / "data" / "hospitals.csv").open(encoding="utf-8", newline="") as fh:
        return sum(1 for _ in csv.DictReader(fh))


def test_health_open_hospitals_need_login(web: Any) -> None:
    c = web.client()
    r = c.get("/api/health")
    assert r.status_code == 200 and r.json()["status"] == "ok"
    r = c.get("/api/hospitals")
    assert r.status_code == 401
    assert set(r.json()) == {"error", "detail"}
    for path in ("/api/hospitals/x", "/api/sources/x", "/api/review/queue", "/api/jobs/x",
                 "/api/report/latest", "/api/session"):  # fmt: skip
        assert c.get(path).status_code == 401, path


def test_login_then_hospitals_total_is_the_csv_rows(web: Any, repo_root: Path) -> None:
    add_user(web.store, "alice", "viewer")
    c = web.login("alice")
    r = c.get("/api/hospitals")
    assert r.status_code == 200
    body = r.json()
    assert body["total"] == _hospital_rows(repo_root)
    assert len(body["items"]) == 50
    page = c.get("/api/hospitals", params={"limit": 7, "offset": 10}).json()
    assert [h["id"] for h in page["items"]] == [h["id"] for h in body["items"][10:17]]
    tianjin = c.get("/api/hospitals", params={"province": "tianjin", "limit": 1000}).json()
    assert tianjin["total"] > 0
    assert all(h["province"] == "Tianjin" for h in tianjin["items"])
    military = c.get("/api/hospitals", params={"military": "true", "limit": 1000}).json()
    assert 0 < military["total"] < body["total"]
    assert all(h["military"] is True for h in military["items"])


def test_hospital_and_source_detail(web: Any) -> None:
    add_user(web.store, "alice", "viewer")
    c = web.login("alice")
    r = c.get("/api/hospitals/tianjin_first_central")
    assert r.status_code == 200
    d = r.json()
    assert d["hospital"]["name_zh"] == "天津市第一中心医院"
    assert d["observations"] and all(o["source_id"] and o["url"] for o in d["observations"])
    sid = d["observations"][0]["source_id"]
    s = c.get(f"/api/sources/{sid}").json()
    assert s["id"] == sid and s["rows"] >= 1 and s["url"].startswith("http")
    missing = c.get("/api/hospitals/no_such_hospital")
    assert missing.status_code == 404 and missing.json()["error"] == "not found"


def test_bad_query_is_422_json_not_a_trace(web: Any) -> None:
    add_user(web.store, "alice", "viewer")
    c = web.login("alice")
    r = c.get("/api/hospitals", params={"limit": "lots"})
    assert r.status_code == 422
    assert r.json()["error"] == "invalid request"
    r = c.get("/api/hospitals", params={"evidence_kind": "nonsense"})
    assert r.status_code == 400 and "unknown indicator" in r.json()["detail"]


def test_cookie_flags(web: Any) -> None:
    add_user(web.store, "alice", "viewer")
    r = web.client().post("/api/session", json={"username": "alice", "password": PASSWORD})
    cookies = r.headers.get_list("set-cookie")
    session = next(c for c in cookies if c.startswith("ta_session="))
    csrf = next(c for c in cookies if c.startswith("csrf_token="))
    assert "HttpOnly" in session and "SameSite=strict" in session and "Secure" not in session
    assert "HttpOnly" not in csrf and "SameSite=strict" in csrf


def test_secure_cookies_behind_proxy(store: Any, tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from transplant_audit.web.app import ServerSettings, create_app

    add_user(store, "alice", "viewer")
    app = create_app(store, ServerSettings(behind_proxy=True, report_dir=tmp_path))
    r = TestClient(app).post("/api/session", json={"username": "alice", "password": PASSWORD})
    assert all("Secure" in c for c in r.headers.get_list("set-cookie"))


def test_wrong_password_then_rate_limit_and_log(web: Any) -> None:
    from transplant_audit.web.schema import SecurityEvent

    add_user(web.store, "alice", "viewer")
    c = web.client()
    wrong = {"username": "alice", "password": "not-the-password"}
    for _ in range(5):
        assert c.post("/api/session", json=wrong).status_code == 401
    right = {"username": "alice", "password": PASSWORD}
    r = c.post("/api/session", json=right)
    assert r.status_code == 429 and set(r.json()) == {"error", "detail"}
    with web.store.session() as s:
        events = s.execute(select(SecurityEvent).order_by(SecurityEvent.id)).scalars().all()
        kinds = [e.event for e in events]
        assert kinds.count("login_failed") == 5 and "login_throttled" in kinds
        assert all(e.address for e in events if e.event == "login_failed")
        text = " ".join(f"{e.detail} {e.username}" for e in events)
        assert "not-the-password" not in text and PASSWORD not in text
        # the window passes: failures older than 15 minutes no longer count
        s.execute(update(SecurityEvent).values(at=SecurityEvent.at - 16 * 60))
    assert c.post("/api/session", json=right).status_code == 200


def test_csrf_double_submit(web: Any) -> None:
    add_user(web.store, "alice", "viewer")
    c = web.login("alice")
    token = c.headers.pop("X-CSRF-Token")
    assert c.post("/api/estimate", json={}).status_code == 403
    r = c.post("/api/estimate", json={}, headers={"X-CSRF-Token": "forged"})
    assert r.status_code == 403 and r.json()["error"] == "CSRF check failed"
    # another account's token is refused too (it is not this session's)
    add_user(web.store, "bob", "viewer")
    other = web.login("bob").headers["X-CSRF-Token"]
    c.cookies.set("csrf_token", other)
    assert c.post("/api/estimate", json={}, headers={"X-CSRF-Token": other}).status_code == 403
    c.cookies.set("csrf_token", token)
    assert c.post("/api/estimate", json={}, headers={"X-CSRF-Token": token}).status_code == 202


def test_logout_and_idle_expiry(web: Any) -> None:
    from transplant_audit.web.schema import WebSession

    add_user(web.store, "alice", "viewer")
    c = web.login("alice")
    assert c.delete("/api/session").status_code == 204
    assert c.get("/api/hospitals").status_code == 401
    c = web.login("alice")
    assert c.get("/api/hospitals").status_code == 200
    with web.store.session() as s:
        s.execute(update(WebSession).values(last_seen=time.time() - 8 * 3600 - 5))
    assert c.get("/api/hospitals").status_code == 401


def test_disabled_account_cannot_log_in_and_loses_its_sessions(web: Any) -> None:
    from transplant_audit.web import accounts

    add_user(web.store, "alice", "viewer")
    c = web.login("alice")
    with web.store.session(write=True) as s:
        accounts.set_disabled(s, "alice", True, by="test")
    assert c.get("/api/hospitals").status_code == 401
    r = web.client().post("/api/session", json={"username": "alice", "password": PASSWORD})
    assert r.status_code == 401


def test_roles(web: Any) -> None:
    add_user(web.store, "vic", "viewer")
    c = web.login("vic")
    r = c.get("/api/review/queue")
    assert r.status_code == 403 and "reviewer" in r.json()["detail"]


def test_two_person_rule_with_accounts(web: Any) -> None:
    from transplant_audit.evidence.schema import Observation
    from transplant_audit.extract.review import observation_id

    for name in ("carol", "alice", "bob"):
        add_user(web.store, name, "reviewer")
    ids = seed_candidates(web.store, "carol")
    cand = ids[0]
    carol, alice, bob = (web.login(n) for n in ("carol", "alice", "bob"))
    assert carol.get("/api/review/queue").json()["total"] == 0  # never one's own extraction
    queue = alice.get("/api/review/queue").json()
    assert {i["id"] for i in queue["items"]} == set(ids)
    item = next(i for i in queue["items"] if i["id"] == cand)
    a, b = item["highlight"]
    assert item["snippet"][a:b] == item["stated"]
    r = carol.post(f"/api/review/{cand}", json={"action": "accept"})
    assert r.status_code == 403 and r.json()["error"] == "own extraction"
    fields = {"hospital_id": "tianjin_first_central"}  # the name in the text is ambiguous
    r = alice.post(f"/api/review/{cand}", json={"action": "accept", "fields": fields})
    assert r.status_code == 200 and r.json()["status"] == "accepted", r.text
    r = bob.post(f"/api/review/{cand}", json={"action": "accept"})
    assert r.status_code == 200 and r.json()["status"] == "verified"
    assert r.json()["accepted_by"] == ["alice", "bob"]
    with web.store.session() as s:
        assert s.get(Observation, observation_id(cand)).status == "verified"
    r = alice.post(f"/api/review/{ids[1]}", json={"action": "reject"})
    assert r.status_code == 400 and "reason" in r.json()["detail"]
    assert alice.post("/api/review/cand_nope", json={"action": "accept"}).status_code == 404


def _wait(c: Any, url: str, seconds: float = 120) -> dict[str, Any]:
    for _ in range(int(seconds * 10)):
        job = c.get(url).json()
        if job["status"] in ("done", "failed"):
            return job
        time.sleep(0.1)
    raise AssertionError(f"job {url} did not finish")


def test_estimate_job_with_override_changes_the_result(web: Any) -> None:
    add_user(web.store, "alice", "viewer")
    c = web.login("alice")
    base = c.post("/api/estimate", json={"draws": 200})
    assert base.status_code == 202
    changed = c.post(
        "/api/estimate",
        json={"draws": 200, "overrides": {"capacity_utilisation": {"low": 0.9, "high": 1.0}}},
    )
    j1, j2 = _wait(c, base.json()["url"]), _wait(c, changed.json()["url"])
    assert j1["status"] == j2["status"] == "done", (j1.get("error"), j2.get("error"))
    assert j1["result"]["schema"] == "transplant-audit/estimate/1"

    def combined(job: dict[str, Any]) -> float:
        return sum(r["mean"] for r in job["result"]["national"] if r["scenario"] == "combined")

    assert combined(j2) > combined(j1)
    bad = c.post("/api/estimate", json={"overrides": {"no_such_assumption": {"low": 1}}})
    job = _wait(c, bad.json()["url"])
    assert job["status"] == "failed" and "unknown assumption" in job["error"]


def test_public_read_opens_evidence_not_review(store: Any, tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from transplant_audit.web.app import ServerSettings, create_app

    app = create_app(store, ServerSettings(public_read=True, report_dir=tmp_path))
    c = TestClient(app)
    assert c.get("/api/hospitals").status_code == 200
    assert c.get("/api/hospitals/tianjin_first_central").status_code == 200
    assert c.get("/api/review/queue").status_code == 401
    assert c.get("/api/jobs/x").status_code == 401
    assert c.post("/api/estimate", json={}).status_code == 401


def test_openapi_describes_the_api(web: Any) -> None:
    spec = web.client().get("/api/openapi.json").json()
    for path in ("/api/health", "/api/session", "/api/hospitals", "/api/hospitals/{hospital_id}",
                 "/api/sources/{source_id}", "/api/review/queue", "/api/review/{candidate_id}",
                 "/api/estimate", "/api/jobs/{job_id}", "/api/report/latest"):  # fmt: skip
        assert path in spec["paths"], path


def test_upload_extract_and_the_extractor_cannot_review(web: Any) -> None:
    from .helpers import SYNTHETIC_TEXT

    add_user(web.store, "dave", "reviewer")
    add_user(web.store, "alice", "reviewer")
    add_user(web.store, "vic", "viewer")
    dave, alice = web.login("dave"), web.login("alice")
    page = f"<html><body><p>{SYNTHETIC_TEXT}</p></body></html>".encode()
    form = {"url": "https://example.org/synthetic/workbench-upload", "party": "hospital",
            "kind": "hospital_site", "note": "synthetic test upload"}  # fmt: skip
    files = {"file": ("synthetic.html", page, "text/html")}
    denied = web.login("vic").post("/api/captures", data=form, files=files)
    assert denied.status_code == 403
    r = dave.post("/api/captures", data=form, files=files)
    assert r.status_code == 201, r.text
    sid = r.json()["source_id"]
    assert r.json()["digest"].startswith("sha256:")
    bad = dave.post("/api/captures", data={**form, "url": "not a url"}, files=files)
    assert bad.status_code == 422
    r = dave.post(f"/api/captures/{sid}/extract")
    assert r.status_code == 200, r.text
    ids = r.json()["candidates"]
    assert r.json()["added"] == len(ids) >= 2
    assert dave.get("/api/review/queue").json()["total"] == 0
    assert {i["id"] for i in alice.get("/api/review/queue").json()["items"]} >= set(ids)
    r = dave.post(f"/api/review/{ids[0]}", json={"action": "reject", "reason": "mine"})
    assert r.status_code == 403
    assert dave.post("/api/captures/src_0000000000/extract").status_code == 404


@pytest.mark.slow
def test_admin_publishes_the_report(web: Any) -> None:
    add_user(web.store, "root", "admin")
    add_user(web.store, "rev", "reviewer")
    c = web.login("root")
    assert c.get("/api/report/latest").status_code == 404
    assert web.login("rev").post("/api/report", json={}).status_code == 403
    r = c.post("/api/report", json={"draws": 100, "pdf": False})
    assert r.status_code == 202
    job = _wait(c, r.json()["url"], seconds=600)
    assert job["status"] == "done", job.get("error")
    page = c.get("/api/report/latest")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "<html" in page.text.lower()


def test_change_own_password(web: Any) -> None:
    add_user(web.store, "alice", "viewer")
    c = web.login("alice")
    new = "a-new-synthetic-password"
    short = c.post("/api/session/password",
                   json={"current_password": PASSWORD, "new_password": "short"})  # fmt: skip
    assert short.status_code == 400 and "too short" in short.json()["detail"]
    wrong = c.post("/api/session/password",
                   json={"current_password": "not-it-at-all", "new_password": new})  # fmt: skip
    assert wrong.status_code == 401
    ok = c.post("/api/session/password", json={"current_password": PASSWORD, "new_password": new})
    assert ok.status_code == 204
    assert c.get("/api/hospitals").status_code == 401  # sessions ended
    r = web.client().post("/api/session", json={"username": "alice", "password": PASSWORD})
    assert r.status_code == 401
    web.login("alice", new)
