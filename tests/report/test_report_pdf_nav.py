"""The PDF a reader navigates (issue 18, item 6): bookmarks, clickable source URLs, and the
Chinese font embedded (checked with poppler's pdffonts). SYNTHETIC evidence."""

from __future__ import annotations

import shutil
import subprocess
import warnings
from pathlib import Path

import pytest
from pypdf import PdfReader

from transplant_audit.errors import MissingFontWarning
from transplant_audit.report import pdf as pdf_mod

from .conftest import synthetic_report

WQY = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"


@pytest.fixture(scope="module")
def pdf_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    one = pdf_mod.chart_png(
        {
            "data": {"values": [{"x": 1}]},
            "mark": "point",
            "encoding": {"x": {"field": "x", "type": "quantitative"}},
        }
    )
    original = pdf_mod.chart_png
    pdf_mod.chart_png = lambda spec: one  # layout only: one small real PNG per chart
    try:
        rep = synthetic_report()
        path = tmp_path_factory.mktemp("pdfnav") / "report.pdf"
        pdf_mod.render_pdf(rep, path, version="test")
    finally:
        pdf_mod.chart_png = original
    return path


def test_pdf_has_an_outline_of_its_sections(pdf_path: Path) -> None:
    outline = PdfReader(pdf_path).outline
    top = [item.title for item in outline if not isinstance(item, list)]
    assert "Methods and assumptions" in top
    assert "Notes: where each figure comes from" in top
    assert any(isinstance(item, list) and item for item in outline)  # tables nest under sections


def test_source_urls_are_clickable_http_links(pdf_path: Path) -> None:
    uris = set()
    for page in PdfReader(pdf_path).pages:
        for annot in page.get("/Annots") or []:
            action = annot.get_object().get("/A")
            if action and action.get("/URI"):
                uris.add(str(action["/URI"]))
    assert "https://example.org/synthetic/hospital" in uris
    assert all(u.startswith(("http://", "https://")) for u in uris)


def test_the_cjk_font_is_embedded(pdf_path: Path) -> None:
    if not Path(WQY).is_file() or not shutil.which("pdffonts"):
        pytest.skip("needs fonts-wqy-microhei and poppler-utils (both in .ci/run)")
    out = subprocess.run(["pdffonts", str(pdf_path)], capture_output=True, text=True, check=True)
    # columns: name, type, encoding, emb, sub, uni, object, ID (the last six one word each)
    rows = [line.split() for line in out.stdout.splitlines()[2:]]
    cjk = [r for r in rows if "WenQuanYi" in r[0]]
    assert cjk, out.stdout
    assert all(r[-5] == "yes" for r in cjk), out.stdout  # emb


def test_without_a_truetype_cjk_font_the_pdf_step_says_what_to_install() -> None:
    pdf_mod.cjk_font.cache_clear()
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            assert pdf_mod.cjk_font(("/nonexistent/font.ttc",)) == pdf_mod.CID_FALLBACK
    finally:
        pdf_mod.cjk_font.cache_clear()
    hints = [w for w in caught if issubclass(w.category, MissingFontWarning)]
    assert hints and "apt-get install fonts-wqy-microhei" in str(hints[0].message)


def test_charts_render_in_parallel_in_order_and_failures_are_kept() -> None:
    from transplant_audit.report.model import Figure

    good = {"data": {"values": [{"x": 1}]}, "mark": "point", "encoding": {"x": {"field": "x"}}}
    bad = {"mark": "no-such-mark"}
    figs = [Figure(name=f"f{i}", title="t", spec=s, data=None, alt="a") for i, s in
            enumerate([good, bad, good])]  # fmt: skip
    seen: list[tuple[int, int]] = []
    pngs = pdf_mod.render_pngs(figs, workers=2, progress=lambda d, n: seen.append((d, n)))
    assert isinstance(pngs[0], bytes) and pngs[0].startswith(b"\x89PNG")
    assert isinstance(pngs[1], Exception) and isinstance(pngs[2], bytes)
    assert seen[-1] == (3, 3)
