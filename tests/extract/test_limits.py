"""Reader limits against SYNTHETIC hostile documents built here (issue 10, hole 7).

On the old main a 204 KB PDF inflating to 200 MB hung ``extract`` for minutes
and a 50 MB text file was read whole (4.6 GB peak). Now the PDF is refused
before parsing, naming the limit and its environment variable, and a long text
is read as a bounded stream with a warning saying how much was read.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bombs import long_text, pdf_bomb
from transplant_audit import limits
from transplant_audit.cli import app
from transplant_audit.errors import ConfigError, DataError
from transplant_audit.extract.text import inflated_size, read_bounded, read_document, read_path

runner = CliRunner()


def test_pdf_bomb_is_refused_naming_the_limit(tmp_path: Path) -> None:
    bomb = pdf_bomb(tmp_path / "bomb.pdf", inflated_mb=200)
    assert bomb.stat().st_size < 400_000
    result = runner.invoke(app, ["extract", str(bomb), "--home", str(tmp_path / "h")])
    exc = result.exception
    assert isinstance(exc, DataError), result.output
    assert exc.code == "pdf-too-large-inflated" and exc.exit_code == 2
    assert limits.PDF_DECOMPRESSED.env in str(exc) and "bomb.pdf" in str(exc)


def test_inflated_size_stops_at_the_budget(tmp_path: Path) -> None:
    data = pdf_bomb(tmp_path / "b.pdf", inflated_mb=8).read_bytes()
    assert inflated_size(data, 1 << 40) == 8 << 20  # counted exactly when under budget
    assert 1 << 20 < inflated_size(data, 1 << 20) <= 2 << 20  # stops just past the budget


def test_decompressed_limit_is_raised_by_its_environment_variable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = pdf_bomb(tmp_path / "b.pdf", inflated_mb=2).read_bytes()
    monkeypatch.setenv(limits.PDF_DECOMPRESSED.env, str(1 << 20))
    with pytest.raises(DataError, match=limits.PDF_DECOMPRESSED.env):
        read_document(data, name="b.pdf")
    monkeypatch.setenv(limits.PDF_DECOMPRESSED.env, str(3 << 20))
    doc = read_document(data, name="b.pdf")
    assert doc.kind == "pdf" and len(doc.page_starts) == 1


def _pdf_with_pages(path: Path, pages: int) -> bytes:
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path))
    for i in range(pages):
        c.drawString(72, 720, f"Synthetic page {i + 1}: 12 transplants")
        c.showPage()
    c.save()
    return path.read_bytes()


def test_page_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = _pdf_with_pages(tmp_path / "p.pdf", 3)
    monkeypatch.setenv(limits.PDF_PAGES.env, "2")
    with pytest.raises(DataError, match=limits.PDF_PAGES.env) as exc:
        read_document(data, name="p.pdf")
    assert exc.value.code == "pdf-too-many-pages" and "3 pages" in str(exc.value)
    monkeypatch.setenv(limits.PDF_PAGES.env, "3")
    assert len(read_document(data, name="p.pdf").page_starts) == 3


def test_pdf_over_the_document_size_is_refused(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "p.pdf"
    _pdf_with_pages(path, 1)
    monkeypatch.setenv(limits.DOCUMENT_BYTES.env, "100")
    with pytest.raises(DataError, match=limits.DOCUMENT_BYTES.env):
        read_path(path)


class CountingReader(io.RawIOBase):
    def __init__(self, data: bytes) -> None:
        self.inner = io.BytesIO(data)
        self.count = 0

    def readable(self) -> bool:
        return True

    def read(self, n: int = -1) -> bytes:
        out = self.inner.read(n)
        self.count += len(out)
        return out


def test_long_text_is_read_as_a_bounded_stream(tmp_path: Path, monkeypatch) -> None:
    path = long_text(tmp_path / "long.txt", mb=4)
    monkeypatch.setenv(limits.TEXT_BYTES.env, str(1 << 20))
    reader = CountingReader(path.read_bytes())
    data = read_bounded(reader, path.stat().st_size, str(path))
    assert reader.count <= 1 << 20  # never more than the limit is read
    assert len(data) <= 1 << 20
    doc = read_path(path)
    assert doc.warnings and "read the first" in doc.warnings[0]
    assert f"of {path.stat().st_size:,} bytes" in doc.warnings[0]
    assert limits.TEXT_BYTES.env in doc.warnings[0]
    assert doc.text.endswith("\n") and "\ufffd" not in doc.text  # cut at a line end
    assert "肝移植1,234例" in doc.text


def test_a_bad_limit_value_is_a_config_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(limits.TEXT_BYTES.env, "lots")
    with pytest.raises(ConfigError, match=limits.TEXT_BYTES.env):
        limits.TEXT_BYTES.value()
    monkeypatch.setenv(limits.TEXT_BYTES.env, "2_000_000")
    assert limits.TEXT_BYTES.value() == 2_000_000
