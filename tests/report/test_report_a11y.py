"""Accessibility (issue 18, item 13): axe-core through Playwright finds no serious or critical
violation in the report, and every chart keeps its text alternative. SYNTHETIC evidence.

Marked ``browser``; needs axe-playwright-python (test extra).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from headless import ARGS, CHROMIUM, need_browser

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("width", [1366, 390])
def test_no_serious_accessibility_violations(report_dir: Path, width: int) -> None:
    need_browser()
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            page = browser.new_page(viewport={"width": width, "height": 900}, bypass_csp=True)
            page.goto((report_dir / "index.html").as_uri(), wait_until="load")
            n = page.locator("div.chart[data-spec]").count()
            page.wait_for_function(
                "n => document.querySelectorAll('div.chart[data-rendered=true]').length >= n",
                arg=n,
                timeout=30_000,
            )
            labels = page.evaluate(
                "() => [...document.querySelectorAll('div.chart svg')]"
                ".map(s => s.getAttribute('aria-label') || '')"
            )
            results = Axe().run(page)
        finally:
            browser.close()
    serious = [
        f"{v['id']} ({v['impact']}): {v['help']} - {len(v['nodes'])} element(s), e.g. "
        f"{v['nodes'][0]['target']}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == [], "\n".join(serious)
    assert labels and all(len(label) > 20 for label in labels), labels
