"""Server-rendered pages through TestClient (SQLite): login form, filters, languages,
review form with its CSRF field, estimate form and its chart fragment."""

from __future__ import annotations

import re
import time
from typing import Any

import pytest

from transplant_audit.evidence.load import read_bundled

from .helpers import PASSWORD, add_user, seed_candidates

pytestmark = pytest.mark.parametrize("store_url", ["sqlite"], indirect=True)


def _form_login(web: Any, name: str) -> Any:
    c = web.client()
    r = c.post("/login", data={"username": name, "password": PASSWORD, "next": "/hospitals"},
               follow_redirects=False)  # fmt: skip
    assert r.status_code == 303 and r.headers["location"] == "/hospitals"
    return c


def _csrf(html: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


def test_pages_need_login_and_filters_work(web: Any) -> None:
    c = web.client()
    r = c.get("/hospitals", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/login")
    add_user(web.store, "alice", "viewer")
    bad = c.post("/login", data={"username": "alice", "password": "nope-nope-nope"})
    assert bad.status_code == 401 and "wrong account name or password" in bad.text
    c = _form_login(web, "alice")
    page = c.get("/hospitals")
    total = len(read_bundled().hospitals)  # the bundled package grows as evidence is gathered
    assert page.status_code == 200 and f'<span id="total">{total}</span>' in page.text
    tianjin = c.get("/hospitals", params={"province": "Tianjin"}).text
    n = int(re.search(r'<span id="total">(\d+)</span>', tianjin).group(1))
    assert 0 < n < total
    detail = c.get("/hospitals/tianjin_first_central").text
    assert "天津市第一中心医院" in detail and "/api/sources/src_" in detail
    assert c.get("/hospitals/nope").status_code == 404


def test_language_from_browser_and_switch(web: Any) -> None:
    add_user(web.store, "alice", "viewer")
    c = _form_login(web, "alice")
    zh = c.get("/hospitals", headers={"Accept-Language": "zh-CN,zh;q=0.9,en;q=0.5"}).text
    assert '<html lang="zh-CN">' in zh and "医院" in zh and "省份" in zh
    en = c.get("/hospitals", headers={"Accept-Language": "en-GB"}).text
    assert '<html lang="en">' in en and "Province" in en
    c.get("/lang/zh", params={"next": "/hospitals"})
    assert "省份" in c.get("/hospitals", headers={"Accept-Language": "en"}).text


def test_review_form_two_people_and_own_extraction(web: Any) -> None:
    for name in ("alice", "bob", "carol"):
        add_user(web.store, name, "reviewer")
    cand = seed_candidates(web.store, "carol")[0]
    carol = _form_login(web, "carol")
    assert "Nothing left for you to review" in carol.get("/review").text
    html = carol.get("/hospitals").text
    r = carol.post(f"/review/{cand}", data={"action": "accept", "csrf_token": _csrf(html)})
    assert r.status_code == 403 and "own extraction" in r.text
    statuses = []
    for name in ("alice", "bob"):
        c = _form_login(web, name)
        page = c.get("/review").text
        assert cand in page and "<mark>" in page
        no_token = c.post(f"/review/{cand}", data={"action": "accept"})
        assert no_token.status_code == 403
        r = c.post(f"/review/{cand}", data={"action": "accept", "csrf_token": _csrf(page),
                   "hospital_id": "tianjin_first_central"})  # fmt: skip
        statuses.append(re.search(r"<strong>([a-z]+)</strong>", r.text).group(1))
    assert statuses == ["accepted", "verified"]


def test_estimate_form_runs_a_job_and_draws_the_chart(web: Any) -> None:
    add_user(web.store, "alice", "viewer")
    c = _form_login(web, "alice")
    page = c.get("/estimate").text
    assert 'name="high__capacity_utilisation"' in page
    r = c.post("/estimate", data={"csrf_token": _csrf(page), "low__capacity_utilisation": "0.9"},
               headers={"HX-Request": "true"})  # fmt: skip
    assert r.status_code == 200
    job = re.search(r'hx-get="/estimate/jobs/(job_[0-9a-f]+)"', r.text).group(1)
    for _ in range(600):
        frag = c.get(f"/estimate/jobs/{job}").text
        if 'data-status="done"' in frag or 'data-status="failed"' in frag:
            break
        time.sleep(0.1)
    assert 'data-status="done"' in frag and '<polyline class="line"' in frag
    assert "capacity_utilisation" in frag  # the override is shown with the chart
    assert 'id="comparison"' in frag and 'id="imputed-share"' in frag
