"""The workbench in Debian's Chromium through Playwright, on PostgreSQL: log in, review a
candidate as two accounts until it is verified, be refused one's own extraction, change
an assumption and see the chart change; axe-core finds no serious violations.

Marked ``browser`` and ``postgres``: skips when /usr/bin/chromium, Playwright or the
server is missing, except under CI=true, where that is a failure. Accounts and the
extracted document are SYNTHETIC (helpers.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from headless import ARGS, CHROMIUM, need_browser
from transplant_audit.evidence.load import read_bundled

from .helpers import PASSWORD, add_user, seed_candidates
from .live import live_server

pytestmark = [
    pytest.mark.browser,
    pytest.mark.postgres,
    pytest.mark.parametrize("store_url", ["postgresql"], indirect=True),
]


@pytest.fixture()
def site(web: Any) -> Iterator[tuple[str, Any]]:
    need_browser("axe_playwright_python")
    from playwright.sync_api import sync_playwright

    with live_server(web.app) as base, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            yield base, browser
        finally:
            browser.close()


def _login(browser: Any, base: str, name: str) -> Any:
    page = browser.new_context(base_url=base).new_page()
    page.goto("/hospitals")
    assert "/login" in page.url
    page.get_by_label("Account").fill(name)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/hospitals")
    return page


def _serious(page: Any) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    found = Axe().run(page).response["violations"]
    return [f"{v['id']} ({v['impact']})" for v in found if v["impact"] in ("serious", "critical")]


def test_review_as_two_people_and_refused_own_extraction(site: tuple[str, Any], web: Any) -> None:
    base, browser = site
    for name in ("alice", "bob", "carol"):
        add_user(web.store, name, "reviewer")
    cand = seed_candidates(web.store, "carol")[0]

    carol = _login(browser, base, "carol")
    assert carol.locator("#total").inner_text() == str(len(read_bundled().hospitals))
    carol.goto("/review")
    assert carol.locator("#empty").is_visible()  # her own extractions are not in her queue
    status = carol.evaluate(
        """async (cand) => {
             const token = document.cookie.match(/csrf_token=([^;]+)/)[1];
             const r = await fetch('/api/review/' + cand, {method: 'POST',
               headers: {'Content-Type': 'application/json', 'X-CSRF-Token': token},
               body: JSON.stringify({action: 'accept'})});
             return [r.status, (await r.json()).error];
           }""",
        cand,
    )
    assert status == [403, "own extraction"]

    outcomes = []
    for name in ("alice", "bob"):
        page = _login(browser, base, name)
        page.goto("/review")
        assert page.locator("#candidate").get_attribute("data-id") == cand
        assert page.locator("mark").inner_text() == "330 liver transplants"
        if page.locator("#hospital_id").count():
            page.locator("#hospital_id").fill("tianjin_first_central")
            page.locator("body").click()  # leave the field, so the shortcut is not typed
        page.keyboard.press("a")
        page.wait_for_selector("#done")
        outcomes.append(page.locator("#done strong").inner_text())
    assert outcomes == ["accepted", "verified"]


def test_assumption_change_redraws_the_chart_and_pages_are_accessible(
    site: tuple[str, Any], web: Any
) -> None:
    base, browser = site
    add_user(web.store, "alice", "reviewer")
    seed_candidates(web.store, "carol-cli")
    page = _login(browser, base, "alice")
    problems = {"hospitals": _serious(page)}
    page.goto("/hospitals/tianjin_first_central")
    problems["hospital"] = _serious(page)
    page.goto("/review")
    problems["review"] = _serious(page)

    page.goto("/estimate")
    page.locator("#run").click()
    page.wait_for_selector('#job[data-status="done"]', timeout=120_000)
    before = page.locator("#chart-line").get_attribute("points")
    problems["estimate"] = _serious(page)
    page.locator("#low__capacity_utilisation").fill("0.9")
    page.locator("#run").click()
    page.wait_for_function(
        "(old) => { const l = document.querySelector('#chart-line');"
        " return l && l.getAttribute('points') !== old; }",
        arg=before,
        timeout=120_000,
    )
    assert "capacity_utilisation" in page.locator("#job").get_attribute("data-overrides")
    page.goto("/lang/zh?next=/hospitals")
    assert page.locator("html").get_attribute("lang") == "zh-CN"
    problems["hospitals-zh"] = _serious(page)
    page.context.clear_cookies()
    page.goto("/login")
    problems["login"] = _serious(page)
    assert all(not v for v in problems.values()), problems
