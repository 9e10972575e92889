"""The PDF: pages, extractable text, and the CJK font fallback (SYNTHETIC evidence)."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest
from pypdf import PdfReader

from transplant_audit.report.build import Analyses, assemble
from transplant_audit.report.pdf import CID_FALLBACK, chart_png, cjk_font, render_pdf, text

from .conftest import FakeForensics, make_synthetic_evidence, synthetic_report


def test_chart_png_renders_a_real_png() -> None:
    rep = assemble(
        make_synthetic_evidence(), Analyses(forensics=FakeForensics()), draws=500, seed=7
    )
    png = chart_png(rep.figures()[0].spec)
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 5_000


def test_pdf_has_pages_and_extractable_text(tmp_path: Path, monkeypatch) -> None:
    # Rendering each chart is tested above; here a small real PNG stands in for every
    # chart so the layout test stays fast, and we count that each chart is placed.
    import transplant_audit.report.pdf as pdf_mod

    one = pdf_mod.chart_png(
        {
            "data": {"values": [{"x": 1}]},
            "mark": "point",
            "encoding": {"x": {"field": "x", "type": "quantitative"}},
        }
    )
    calls: list[dict] = []
    monkeypatch.setattr(pdf_mod, "chart_png", lambda spec: calls.append(spec) or one)
    rep = synthetic_report()
    path = tmp_path / "report.pdf"
    render_pdf(rep, path, version="test")
    with pdfplumber.open(path) as pdf:  # pdfplumber is slow: read the first and last pages
        n_pages = len(pdf.pages)
        first = pdf.pages[0].extract_text()
        last = pdf.pages[-1].extract_text()
    assert n_pages >= 3
    reader = PdfReader(path)
    alltext = "\n".join(p.extract_text() or "" for p in reader.pages)
    images = sum(len(p.images) for p in reader.pages)
    assert "Organ transplant volume in China" in first
    assert "16,800" in first  # the headline estimate (synthetic)
    assert "[1]" in last or "sources:" in last  # the notes close the document
    assert "Synthetic Journal" in alltext  # appendix
    assert "Notes: where each figure comes from" in alltext
    assert len(calls) == len(rep.figures())  # every chart is rendered ...
    assert images >= 1  # ... and placed (reportlab stores the identical stand-in once per page)
    assert not path.with_suffix(".pdf.part").exists()


def test_cjk_font_falls_back_to_builtin_cid_font() -> None:
    assert cjk_font(("/nonexistent/font.ttc",)) == CID_FALLBACK
    # Debian's Noto CJK is CFF-outlined, which reportlab cannot embed: it must fall back too
    noto = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
    assert cjk_font((noto,)) in (CID_FALLBACK, "ta-cjk")


def test_chinese_text_is_wrapped_in_the_cjk_font() -> None:
    out = text("Alpha 阿尔法 <b>", "STSong-Light")
    assert out == 'Alpha <font name="STSong-Light">阿尔法</font> &lt;b&gt;'


def test_symbols_missing_from_standard_fonts_use_the_wide_font() -> None:
    assert text("t − 1 ≥ 2", "X") == "t - 1 &gt;= 2"  # mapped to ASCII
    assert text("√n", "X") == '<font name="X">√</font>n'  # drawn in the CJK font
    assert text("R² ± 1·2", "X") == "R² ± 1·2"  # Windows-1252 has these


def test_a_failing_pdf_write_leaves_no_file(tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    """render_pdf writes through the shared atomic writer: when the final rename fails (a
    full disk, a lost mount) nothing is left where the PDF was to go, neither a half-written
    PDF nor a temp file, and the error is the one cannot-write line naming the reason.
    Before, its own ``.part`` file stayed behind. (A failing build left nothing before
    either: reportlab writes the file only once the story is laid out.)"""
    import os

    import transplant_audit.report.pdf as pdf_mod
    from transplant_audit.errors import TransplantAuditError

    one = pdf_mod.chart_png({"data": {"values": [{"x": 1}]}, "mark": "point"})
    monkeypatch.setattr(pdf_mod, "chart_png", lambda spec: one)
    out = tmp_path / "out"
    out.mkdir()

    def no_rename(src, dst) -> None:  # noqa: ANN001 - os.replace's signature
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", no_rename)
    with pytest.raises(TransplantAuditError) as failed:  # one cannot-write line
        render_pdf(synthetic_report(), out / "report.pdf", version="test")
    assert "No space left" in str(failed.value)
    assert list(out.iterdir()) == []
