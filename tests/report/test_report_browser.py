"""Open the report in Debian's Chromium through Playwright and check it as a reader would.

Marked ``browser``. Skips when /usr/bin/chromium or Playwright is missing,
except under CI=true, where that is a failure. The report is built from the
SYNTHETIC evidence of conftest.py with the synthetic estimate/forensics
stand-ins, so it has every kind of chart; the screenshot path is printed.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from headless import ARGS, CHROMIUM, need_browser

pytestmark = pytest.mark.browser


def open_and_check(index: Path, screenshot: Path) -> dict:
    """Open ``index`` in Chromium; return what was seen (console errors, requests, charts)."""
    from playwright.sync_api import sync_playwright

    seen: dict = {"console_errors": [], "page_errors": [], "requests": [], "charts": {}}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.on(
                "console",
                lambda m: seen["console_errors"].append(m.text) if m.type == "error" else None,
            )
            page.on("pageerror", lambda e: seen["page_errors"].append(str(e)))
            page.on("request", lambda r: seen["requests"].append(r.url))
            page.goto(index.as_uri(), wait_until="load")
            containers = page.locator("div.chart[data-spec]")
            n = containers.count()
            page.wait_for_function(
                "n => document.querySelectorAll('div.chart[data-rendered=true]').length >= n",
                arg=n,
                timeout=30_000,
            )
            for i in range(n):
                c = containers.nth(i)
                cid = c.get_attribute("id")
                seen["charts"][cid] = c.locator("svg, canvas").count()
            page.screenshot(path=str(screenshot), full_page=False)
            seen["page"] = page
            # footnote: first note ref -> note; then the note's first source link -> appendix entry
            ref = page.locator("sup.fnref a").first
            ref.click()
            seen["hash_after_ref"] = page.evaluate("location.hash")
            note_id = seen["hash_after_ref"].lstrip("#")
            seen["note_visible"] = page.locator(f"[id='{note_id}']").is_visible()
            link = page.locator("ol.notes span.ids a[href^='#src_']").first
            target = link.get_attribute("href")
            link.click()
            seen["source_target"] = target
            seen["hash_after_source"] = page.evaluate("location.hash")
            seen["source_visible"] = page.locator(f"[id='{target[1:]}']").is_visible()
            seen["source_in_view"] = page.evaluate(
                "id => { const r = document.getElementById(id).getBoundingClientRect();"
                " return r.top >= 0 && r.top < window.innerHeight; }",
                target[1:],
            )
            # hospital derivation link from the sortable table
            d = page.locator("table[data-name='top_hospitals'] a[href^='#derivation-']").first
            dtarget = d.get_attribute("href")
            d.click()
            seen["derivation_hash"] = page.evaluate("location.hash")
            seen["derivation_visible"] = page.locator(f"[id='{dtarget[1:]}']").is_visible()
            # sorting: click the 'median' header twice and read the first cell
            th = page.locator("table[data-name='top_hospitals'] th", has_text="median").first
            th.click()
            seen["sorted_first_asc"] = (
                page.locator("table[data-name='top_hospitals'] tbody tr").first.get_attribute("id")
                or page.locator(
                    "table[data-name='top_hospitals'] tbody tr td:nth-child(2)"
                ).first.inner_text()
            )
            seen.pop("page")
        finally:
            browser.close()
    return seen


def test_report_in_chromium(report_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    need_browser()
    shot = tmp_path_factory.mktemp("screens") / "report.png"
    seen = open_and_check(report_dir / "index.html", shot)
    print(f"\nscreenshot: {shot}")
    assert seen["console_errors"] == [], seen["console_errors"]
    assert seen["page_errors"] == [], seen["page_errors"]
    page_uri = (report_dir / "index.html").as_uri()
    assert [u for u in seen["requests"] if u.split("#")[0] != page_uri] == []
    assert len(seen["charts"]) >= 8, seen["charts"]
    assert all(count >= 1 for count in seen["charts"].values()), seen["charts"]
    assert seen["hash_after_ref"].startswith("#note-") and seen["note_visible"]
    assert seen["hash_after_source"] == seen["source_target"]
    assert seen["source_visible"] and seen["source_in_view"]
    assert seen["derivation_hash"].startswith("#derivation-") and seen["derivation_visible"]
    assert shot.stat().st_size > 10_000
    keep = os.environ.get("TRANSPLANT_AUDIT_SCREENSHOT")
    if keep:
        shutil.copy(shot, keep)


REPORT_DIR_ENV = "TRANSPLANT_AUDIT_REPORT_DIR"


def test_existing_report_in_chromium(tmp_path_factory: pytest.TempPathFactory) -> None:
    """The same checks on a report you built (e.g. on the bundled data).

    transplant-audit report --out /tmp/r && \\
      TRANSPLANT_AUDIT_REPORT_DIR=/tmp/r pytest tests/report -m browser -s
    """
    where = os.environ.get(REPORT_DIR_ENV)
    if not where:
        pytest.skip(f"set {REPORT_DIR_ENV} to a report directory to check it in the browser")
    need_browser()
    index = Path(where) / "index.html"
    assert index.is_file(), f"{index} does not exist"
    shot = tmp_path_factory.mktemp("screens") / "existing-report.png"
    seen = open_and_check(index, shot)
    print(f"\nscreenshot: {shot}")
    assert seen["console_errors"] == [] and seen["page_errors"] == []
    assert [u for u in seen["requests"] if u.split("#")[0] != index.as_uri()] == []
    assert seen["charts"] and all(c >= 1 for c in seen["charts"].values()), seen["charts"]
    assert seen["source_visible"] and seen["source_in_view"]
    assert seen["derivation_visible"]
    keep = os.environ.get("TRANSPLANT_AUDIT_SCREENSHOT")
    if keep:
        shutil.copy(shot, keep)
