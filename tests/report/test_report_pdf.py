"""The PDF: pages, extractable text, and the CJK font fallback (SYNTHETIC evidence)."""

from __future__ import annotations

from pathlib import Path

import pdfplumber

from transplant_audit.report.build import Analyses, assemble
from transplant_audit.report.pdf import CID_FALLBACK, cjk_font, render_pdf, text

from .conftest import FakeEstimate, FakeForensics, make_synthetic_evidence


def test_pdf_has_pages_and_extractable_text(tmp_path: Path) -> None:
    rep = assemble(
        make_synthetic_evidence(),
        Analyses(estimate=FakeEstimate(), forensics=FakeForensics()),
        draws=500,
        seed=7,
    )
    path = tmp_path / "report.pdf"
    render_pdf(rep, path, version="test")
    with pdfplumber.open(path) as pdf:
        assert len(pdf.pages) >= 3
        first = pdf.pages[0].extract_text()
        alltext = "\n".join(p.extract_text() or "" for p in pdf.pages)
        images = sum(len(p.images) for p in pdf.pages)
    assert "Organ transplant volume in China" in first
    assert "16,800" in alltext  # the headline estimate (synthetic)
    assert "Synthetic Journal" in alltext  # appendix
    assert "Notes: where each figure comes from" in alltext
    assert images >= len(rep.figures())  # every chart is drawn
    assert not path.with_suffix(".pdf.part").exists()


def test_cjk_font_falls_back_to_builtin_cid_font() -> None:
    assert cjk_font(("/nonexistent/font.ttc",)) == CID_FALLBACK
    # Debian's Noto CJK is CFF-outlined, which reportlab cannot embed: it must fall back too
    noto = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
    assert cjk_font((noto,)) in (CID_FALLBACK, "ta-cjk")


def test_chinese_text_is_wrapped_in_the_cjk_font() -> None:
    out = text("Alpha 阿尔法 <b>", "STSong-Light")
    assert out == 'Alpha <font name="STSong-Light">阿尔法</font> &lt;b&gt;'
