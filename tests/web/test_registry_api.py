"""The registry's routes on the workbench (SQLite and PostgreSQL). All cases are SYNTHETIC,
generated in tests/web/registry_synthetic.py; no real patient data is used."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from scipy.optimize import linprog

from .helpers import add_user
from .registry_synthetic import BIRTH_DATE, NATIONAL_ID, case, random_cases

CASES = "/api/registry/cases"
AGG = "/api/registry/aggregates"


def add_reporter(store: Any, name: str, centre: str) -> None:
    from transplant_audit.registry.store import bind_centre

    add_user(store, name, "reporter")
    with store.session(write=True) as s:
        bind_centre(s, name, centre)


@pytest.fixture()
def registrar(web: Any) -> Any:
    add_user(web.store, "reg1", "registrar")
    return web.login("reg1")


def test_post_then_duplicate_409_then_near_duplicate_queued(web: Any, registrar: Any) -> None:
    r = registrar.post(CASES, json=case())
    assert r.status_code == 201, r.text
    first = r.json()["case_id"]
    again = registrar.post(CASES, json=case())
    assert again.status_code == 409
    assert again.json() == {
        "error": "duplicate",
        "detail": again.json()["detail"],
        "case_id": first,
    }
    near = registrar.post(CASES, json=case(transplant_month="2019-07"))
    assert near.status_code == 201
    assert near.json()["near_duplicate_of"] == [first]
    far = registrar.post(CASES, json=case(transplant_month="2019-10"))
    assert far.status_code == 201 and far.json()["near_duplicate_of"] == []
    queue = registrar.get("/api/registry/duplicates").json()["items"]
    assert [(q["case_id"], q["other_case_id"]) for q in queue] == [(near.json()["case_id"], first)]
    done = registrar.post(
        f"/api/registry/duplicates/{queue[0]['id']}",
        json={"action": "same", "reason": "one transplant, reported twice"},
    )
    assert done.status_code == 200
    assert registrar.get("/api/registry/duplicates").json()["items"] == []
    assert registrar.get(f"{CASES}/{near.json()['case_id']}").status_code == 404
    assert registrar.get(CASES).json()["total"] == 2


def test_hospital_is_matched_to_the_evidence_base(web: Any, registrar: Any) -> None:
    cid = registrar.post(CASES, json=case()).json()["case_id"]
    got = registrar.get(f"{CASES}/{cid}").json()
    assert got["hospital_id"]  # "Tianjin First Central Hospital" is in the bundled package
    assert "pseudonym" not in got and "national_id" not in got


def test_free_text_that_looks_like_an_identifier_is_refused(web: Any, registrar: Any) -> None:
    for notes in (
        f"patient {NATIONAL_ID}",
        "born 1961-07-23",
        "call 0912 345 678",
        "mail a.b@example.org",
        "passport E12345678",
    ):
        r = registrar.post(CASES, json=case(notes=notes))
        assert r.status_code == 422, notes
        assert "identifier" in r.text
        assert NATIONAL_ID not in r.text and "12345678" not in r.text
    assert registrar.post(CASES, json=case(notes="told 30 days, waited 12")).status_code == 201


def test_bad_identifier_error_does_not_echo_it(web: Any, registrar: Any) -> None:
    r = registrar.post(CASES, json=case(birth_date="1961-13-45"))
    assert r.status_code == 422 and "1961-13-45" not in r.text
    r = registrar.post(CASES, json=case(national_id=" - ", notes=None))
    assert r.status_code == 422 and "birth" not in r.text.lower(), r.text


def test_roles(web: Any, registrar: Any) -> None:
    add_user(web.store, "ana", "analyst")
    add_user(web.store, "aud", "auditor")
    add_user(web.store, "boss", "admin")
    add_reporter(web.store, "rep-a", "centre-a")
    add_reporter(web.store, "rep-b", "centre-b")
    a_case = registrar.post(CASES, json=case()).json()["case_id"]
    analyst = web.login("ana")
    assert analyst.get(CASES).status_code == 403
    assert analyst.get(f"{CASES}/{a_case}").status_code == 403
    assert analyst.post(CASES, json=case(national_id="SYNTH-OTHER1")).status_code == 403
    assert analyst.get(AGG).status_code == 200
    for name in ("boss", "aud"):
        assert web.login(name).get(CASES).status_code == 403
    assert web.client().get(CASES).status_code == 401
    assert web.client().get(AGG).status_code == 401
    rep_a, rep_b = web.login("rep-a"), web.login("rep-b")
    assert rep_b.get(f"{CASES}/{a_case}").status_code == 404
    assert rep_a.get(f"{CASES}/{a_case}").status_code == 200
    own = rep_b.post(CASES, json=case(national_id="SYNTH-B1", reporting_centre=None))
    assert own.status_code == 201
    assert rep_b.post(CASES, json=case(national_id="SYNTH-B2")).status_code == 403  # centre-a
    assert [c["case_id"] for c in rep_b.get(CASES).json()["items"]] == [own.json()["case_id"]]
    assert rep_a.post(f"{CASES}/{a_case}/delete", json={"reason": "wrong"}).status_code == 403
    log = web.login("aud").get("/api/registry/access-log").json()["items"]
    reads = [e for e in log if e["kind"] == "registry_cases_read"]
    assert {e["payload"]["by"] for e in reads} == {"rep-a", "rep-b"}
    assert any(a_case in e["payload"]["case_ids"] for e in reads)
    assert analyst.get("/api/registry/access-log").status_code == 403


def test_csrf_needed_on_posts(web: Any, registrar: Any) -> None:
    del registrar.headers["X-CSRF-Token"]
    assert registrar.post(CASES, json=case()).status_code == 403


def test_reads_are_in_the_ledger_and_verify_passes(
    web: Any, registrar: Any, tmp_path: Path
) -> None:
    from transplant_audit.capture.verify import verify

    cid = registrar.post(CASES, json=case()).json()["case_id"]
    registrar.get(f"{CASES}/{cid}")
    registrar.get(CASES)
    report = verify(web.store, tmp_path / "home")
    assert report.ok, [f.message for f in report.mismatches]
    with web.store.session() as s:
        from sqlalchemy import select

        from transplant_audit.evidence.archive_schema import LedgerEntry

        kinds = s.execute(
            select(LedgerEntry.kind, LedgerEntry.payload).where(LedgerEntry.kind.like("registry_%"))
        ).all()
    assert [k for k, _ in kinds].count("registry_cases_read") == 2
    assert all(NATIONAL_ID not in p and BIRTH_DATE not in p for _, p in kinds)


def _post_all(client: Any, bodies: list[dict[str, Any]]) -> None:
    for b in bodies:
        assert client.post(CASES, json=b).status_code == 201


def released_tables(client: Any) -> dict[tuple[str, ...], list[dict[str, Any]]]:
    axes = ("year", "destination_country", "organ")
    out = {}
    for by in [axes, axes[:2], axes[::2], axes[1:], axes[:1], axes[1:2], axes[2:], ()]:
        r = client.get(AGG, params={"by": ",".join(by)})
        assert r.status_code == 200, r.text
        out[by] = r.json()["cells"]
    return out


def lp_intervals(tables: dict[tuple[str, ...], list[dict[str, Any]]]) -> list[tuple[float, float]]:
    """Bound every suppressed cell using only what was released: every inner cell is an
    unknown >= 0; each released table cell is the sum of the inner cells under it; shown
    counts fix those sums. Returns [low, high] of each suppressed cell of every table."""
    axes = ("year", "destination_country", "organ")
    inner = tables[axes]
    n = len(inner)
    a_eq, b_eq, hidden = [], [], []
    for by, cells in tables.items():
        for cell in cells:
            row = np.array([float(all(c[a] == cell[a] for a in by)) for c in inner])
            if cell["suppressed"]:
                hidden.append(row)
            else:
                a_eq.append(row)
                b_eq.append(cell["count"])
    out = []
    for row in hidden:
        lo = linprog(row, A_eq=np.array(a_eq), b_eq=b_eq, bounds=(0, None), method="highs")
        hi = linprog(-row, A_eq=np.array(a_eq), b_eq=b_eq, bounds=(0, None), method="highs")
        assert lo.status == 0 and hi.status in (0, 3)
        out.append((lo.fun, math.inf if hi.status == 3 else -hi.fun))
    assert n
    return out


def test_aggregates_suppress_and_cannot_be_undone(web: Any, registrar: Any) -> None:
    bodies = random_cases(60)
    bodies += random_cases(
        3, seed=9, transplant_month="2021-03", destination_country="EG", organ="liver"
    )
    _post_all(registrar, bodies)
    analyst_name = "ana2"
    add_user(web.store, analyst_name, "analyst")
    analyst = web.login(analyst_name)
    tables = released_tables(analyst)
    for cells in tables.values():
        for c in cells:
            assert c["suppressed"] == (c["count"] is None)
            assert c["count"] is None or c["count"] == 0 or c["count"] >= 5
    three = [
        c
        for c in tables[("year", "destination_country", "organ")]
        if (c["year"], c["destination_country"], c["organ"]) == (2021, "EG", "liver")
    ]
    assert three == [
        {
            "year": 2021,
            "destination_country": "EG",
            "organ": "liver",
            "count": None,
            "suppressed": True,
        }
    ]
    assert any(c["count"] == 0 for c in tables[("year", "destination_country", "organ")])
    intervals = lp_intervals(tables)
    assert intervals
    for lo, hi in intervals:
        values = math.inf if math.isinf(hi) else math.floor(hi + 1e-6) - math.ceil(lo - 1e-6) + 1
        assert values >= 5, (lo, hi)
    assert analyst.get(AGG, params={"by": "hospital"}).status_code == 422


@pytest.mark.parametrize("store_url", ["sqlite"], indirect=True)
def test_identifier_never_reaches_any_file(
    web: Any, registrar: Any, store_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    """Every file the SQLite store wrote (database, journal), the key file and the logs."""
    import logging

    caplog.set_level(logging.DEBUG)
    cid = registrar.post(CASES, json=case()).json()["case_id"]
    registrar.post(CASES, json=case())  # duplicate: its error must not echo either
    registrar.post(CASES, json=case(notes=f"id {NATIONAL_ID}"))
    registrar.get(f"{CASES}/{cid}")
    registrar.get(CASES)
    web.store.engine.dispose()
    db_dir = Path(store_url.removeprefix("sqlite:///")).parent
    import os

    key_file = Path(os.environ["TRANSPLANT_AUDIT_REGISTRY_KEY_FILE"])
    files = [p for p in db_dir.rglob("*") if p.is_file()] + [key_file]
    assert any(p.suffix == ".sqlite" for p in files)
    needles = [NATIONAL_ID, NATIONAL_ID.replace("-", ""), BIRTH_DATE, BIRTH_DATE.replace("-", "")]
    for path in files:
        data = path.read_bytes()
        for needle in needles:
            assert needle.encode() not in data, f"{needle} found in {path}"
            assert needle.encode("utf-16-le") not in data
    for needle in needles:
        assert needle not in caplog.text


def test_key_file_created_0600(web: Any) -> None:
    import os
    import stat

    path = Path(os.environ["TRANSPLANT_AUDIT_REGISTRY_KEY_FILE"])
    assert path.is_file()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert len(bytes.fromhex(path.read_text().strip())) == 32


def test_aggregates_page_shows_only_released_counts(web: Any, registrar: Any) -> None:
    _post_all(registrar, random_cases(3, seed=4, transplant_month="2020-02"))
    add_user(web.store, "ana3", "analyst")
    page = web.login("ana3").get("/registry/aggregates")
    assert page.status_code == 200
    assert "<svg" in page.text and "suppressed" in page.text
    assert ">3<" not in page.text  # the lone cell of 3 cases is not shown
    assert web.client().get("/registry/aggregates", follow_redirects=False).status_code == 303
    add_user(web.store, "viewer1", "viewer")
    assert web.login("viewer1").get("/registry/aggregates").status_code == 403


def test_registrar_corrects_with_a_reason(web: Any, registrar: Any) -> None:
    cid = registrar.post(CASES, json=case()).json()["case_id"]
    other = registrar.post(CASES, json=case(transplant_month="2020-06")).json()["case_id"]
    url = f"{CASES}/{cid}"
    r = registrar.patch(url, json={"fields": {"wait_actual_days": 21}, "reason": "typo in form"})
    assert r.status_code == 200 and r.json()["wait_actual_days"] == 21
    bad = registrar.patch(url, json={"fields": {"notes": "born 1961-07-23"}, "reason": "add"})
    assert bad.status_code == 422 and "1961-07-23" not in bad.text
    dup = registrar.patch(url, json={"fields": {"transplant_month": "2020-06"}, "reason": "date"})
    assert dup.status_code == 409 and dup.json()["case_id"] == other
    assert (
        registrar.patch(url, json={"fields": {"national_id": "X"}, "reason": "x y"}).status_code
        == 422
    )
    add_reporter(web.store, "rep-c", "centre-a")
    rep = web.login("rep-c")
    assert rep.patch(url, json={"fields": {"sex": "female"}, "reason": "abc"}).status_code == 403


def test_public_read_never_opens_registry_routes(store: Any, tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from transplant_audit.web.app import ServerSettings, create_app

    app = create_app(store, ServerSettings(public_read=True, report_dir=tmp_path))
    anon = TestClient(app)
    assert anon.get("/api/hospitals").status_code == 200  # public evidence is open
    for url in (CASES, AGG, "/api/registry/medians", "/api/registry/access-log"):
        assert anon.get(url).status_code == 401, url
    app.state.jobs.shutdown(wait=True)


def test_verify_finds_a_rewritten_access_log_entry(
    web: Any, registrar: Any, tmp_path: Path
) -> None:
    from sqlalchemy import update

    from transplant_audit.capture.verify import verify
    from transplant_audit.evidence.archive_schema import LedgerEntry

    cid = registrar.post(CASES, json=case()).json()["case_id"]
    registrar.get(f"{CASES}/{cid}")
    assert verify(web.store, tmp_path / "home").ok
    with web.store.session(write=True) as s:
        s.execute(
            update(LedgerEntry)
            .where(LedgerEntry.kind == "registry_cases_read")
            .values(payload='{"by":"someone-else","case_ids":[],"what":"case"}')
        )
    assert not verify(web.store, tmp_path / "home").ok


def test_malformed_case_ids_are_422_not_a_database_error(web: Any, registrar: Any) -> None:
    for bad in ("rc_%00", "x" * 300, "rc_zz"):
        assert registrar.get(f"{CASES}/{bad}").status_code == 422, bad
