"""Document readers on good and bad synthetic input: never a crash, a clear error or an
empty result."""

from __future__ import annotations

import io
import time

import pytest

from transplant_audit.errors import DataError
from transplant_audit.extract.core import extract_candidates
from transplant_audit.extract.text import (
    MAX_CHARS,
    decode_bytes,
    read_document,
    read_path,
    sniff_kind,
)

PAGE = (
    "<html><head><meta charset='{cs}'><title>东江医院</title></head><body>"
    "<nav>首页 | 新闻 | 联系我们 电话：0752-2288123</nav><article><h1>移植中心简介</h1>"
    "<p>东江医院肝移植中心成立于2002年，现有移植病床86张。</p>"
    "<p>截至2016年底累计完成肝移植1300余例。</p></article>"
    "<footer>版权所有 2016</footer></body></html>"
)


@pytest.mark.parametrize("charset", ["utf-8", "gbk", "gb18030"])
def test_html_main_text_and_charset(charset: str) -> None:
    doc = read_document(PAGE.format(cs=charset).encode(charset), name="page.html")
    assert doc.kind == "html"
    assert doc.title == "东江医院"
    assert "累计完成肝移植1300余例" in doc.text
    found = {(c.indicator, c.value) for c in extract_candidates(doc.text)}
    assert ("transplant_beds", 86) in found
    assert ("transplants_cumulative", 1300) in found


def test_big5_html() -> None:
    page = PAGE.replace("东江医院", "東江醫院").replace("简介", "簡介")
    page = page.replace("肝移植中心成立于", "肝移植中心成立於").replace(
        "现有移植病床86张", "現有移植病床86張"
    )
    page = (
        page.replace("累计", "累計")
        .replace("余例", "餘例")
        .replace("首页 | 新闻 | 联系我们 电话", "電話")
    )
    page = page.replace("版权所有", "版權所有")
    doc = read_document(page.format(cs="big5").encode("big5"), name="page.html")
    assert "累計完成肝移植1300餘例" in doc.text


@pytest.mark.parametrize(
    "markup",
    [
        b"<html><body><p>unclosed <b>bold <div>1,200 beds<p>",
        b"<<<>>><p>1,200 beds</p></div></div></html></html>",
        b"<html><body><script>var x = '<p>9,999 beds</p>';</script><p>1,200 beds</p>",
        b"<p>1,200 beds" + b"<div>" * 5000,
        b"<html>\x00\x00<body>1,200 beds\x00</body>",
    ],
)
def test_broken_html_reads(markup: bytes) -> None:
    doc = read_document(markup, name="broken.html")
    assert "1,200 beds" in doc.text
    assert "9,999" not in doc.text


def test_pdf_pages_and_locator(sample_pdf: bytes) -> None:
    doc = read_document(sample_pdf, name="report.pdf")
    assert doc.kind == "pdf"
    assert len(doc.page_starts) == 2
    cands = extract_candidates(doc.text)
    liver = next(c for c in cands if c.indicator == "transplants_in_period")
    assert doc.page_of(liver.start) == 2
    loc = doc.locator(liver.start, liver.end)
    assert loc.startswith("page 2,")
    assert "300 liver transplants" in loc  # a quote the reader can search for


def test_truncated_pdf_is_a_clear_error(sample_pdf: bytes) -> None:
    with pytest.raises(DataError) as err:
        read_document(sample_pdf[: len(sample_pdf) // 3], name="cut.pdf")
    assert err.value.code == "bad-pdf"
    assert "cut.pdf" in str(err.value)


def test_encrypted_pdf_is_refused(sample_pdf: bytes) -> None:
    from pypdf import PdfReader, PdfWriter

    w = PdfWriter()
    w.append(PdfReader(io.BytesIO(sample_pdf)))
    w.encrypt("secret")
    buf = io.BytesIO()
    w.write(buf)
    with pytest.raises(DataError) as err:
        read_document(buf.getvalue(), name="locked.pdf")
    assert err.value.code == "encrypted-pdf"


def test_encrypted_pdf_with_empty_password_opens(sample_pdf: bytes) -> None:
    from pypdf import PdfReader, PdfWriter

    w = PdfWriter()
    w.append(PdfReader(io.BytesIO(sample_pdf)))
    w.encrypt(user_password="", owner_password="owner")
    buf = io.BytesIO()
    w.write(buf)
    assert "1,500 beds" in read_document(buf.getvalue(), name="open.pdf").text


def test_binary_garbage_is_refused() -> None:
    import random

    rnd = random.Random(7)
    data = bytes(rnd.randrange(256) for _ in range(20000))
    with pytest.raises(DataError) as err:
        read_document(data, name="noise.bin")
    assert err.value.code in ("binary-document", "bad-pdf")


def test_mixed_encodings_line_by_line() -> None:
    data = (
        "肝移植1200余例\n".encode()
        + "腎移植300例\n".encode("big5")
        + "肾移植500例\n".encode("gb18030")
    )
    text, enc = decode_bytes(data)
    assert enc == "mixed"
    assert text.splitlines() == ["肝移植1200余例", "腎移植300例", "肾移植500例"]


@pytest.mark.parametrize("codec", ["utf-16", "utf-8-sig"])
def test_bom_text(codec: str) -> None:
    doc = read_document("累计完成肝移植1200余例。".encode(codec), name="a.txt")
    assert doc.text.endswith("累计完成肝移植1200余例。")


def test_empty_and_whitespace() -> None:
    assert read_document(b"", name="e.txt").text == ""
    assert read_document(b"  \n\t ", name="e.txt").text == ""


def test_fifty_megabyte_page_is_read_within_limits() -> None:
    """A 50 MB page: main-text extraction is skipped, the text is capped, no crash."""
    para = "<p>本院新闻：今日天气晴，欢迎来访。Synthetic filler without figures.</p>\n"
    body = para * (50 * 1024 * 1024 // len(para.encode()))
    data = ("<html><head><title>big</title></head><body><p>移植病床86张。</p>" + body).encode()
    assert len(data) >= 50 * 1024 * 1024
    t0 = time.perf_counter()
    doc = read_document(data, name="big.html")
    assert len(doc.text) <= MAX_CHARS
    assert any("main-text extraction skipped" in w for w in doc.warnings)
    assert any("only the first" in w for w in doc.warnings)
    cands = extract_candidates(doc.text)
    assert [(c.indicator, c.value) for c in cands] == [("transplant_beds", 86)]
    assert time.perf_counter() - t0 < 120  # a guard against hanging, not a speed test


def test_sniff_kind() -> None:
    assert sniff_kind(b"%PDF-1.7 ...") == "pdf"
    assert sniff_kind(b"<!DOCTYPE html><html>") == "html"
    assert sniff_kind(b"plain words", name="a.htm") == "html"
    assert sniff_kind(b"plain words") == "text"


def test_read_path_errors(tmp_path) -> None:  # noqa: ANN001
    with pytest.raises(DataError, match="no such file"):
        read_path(tmp_path / "missing.txt")
    with pytest.raises(DataError, match="not a file"):
        read_path(tmp_path)
    p = tmp_path / "a.txt"
    p.write_text("该院至今已完成肝移植1200余例。", encoding="utf-8")
    assert read_path(p).encoding == "utf-8"
