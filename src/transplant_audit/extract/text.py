"""Documents (bytes) → plain text the extractor reads: HTML, PDF, plain text.

``read_document(data)`` never opens files and never crashes on bad input: it returns a
``Document`` (possibly with empty text and warnings) or raises ``DataError`` with a clear
reason (encrypted PDF, damaged PDF, binary data). ``read_path`` is the thin file edge.

* HTML: the main text by trafilatura (boilerplate, menus and footers left out), with a
  fallback to all visible text by lxml when trafilatura finds nothing or fails, and a
  plain tag-stripping fallback for pages too large or too broken for either.
* PDF: pdfplumber page by page (page start offsets kept, so a figure's locator names its
  page); pypdf when pdfplumber fails (it tolerates more damage); encrypted PDFs that do
  not open with an empty password are refused with a clear error.
* Text: byte-order mark, then strict UTF-8, then charset detection (charset-normalizer);
  a file that mixes encodings (UTF-8 lines and GB18030 or Big5 lines) is decoded line by
  line.
"""

from __future__ import annotations

import html
import io
import logging
import re
import warnings as pywarnings
from dataclasses import dataclass, field
from pathlib import Path

from transplant_audit import error_codes as codes
from transplant_audit import limits
from transplant_audit.errors import DataError

MAX_CHARS = 2_000_000
"""Text beyond this many characters is not read (a warning says so): extraction time
grows with the text and no hospital page or report chapter needs more."""
TRAFILATURA_MAX_BYTES = 5 * 1024 * 1024
"""HTML above this size skips trafilatura (slow and memory-hungry on huge pages)."""
HUGE_MARKUP_CHARS = 4 * MAX_CHARS
"""Markup beyond this many characters is not read: the text cannot be longer than it."""
BINARY_SHARE = 0.10
"""A sample with more control bytes than this share is binary, not text."""


@dataclass
class Document:
    """The text of one document, and what the reader noticed on the way."""

    text: str
    kind: str  # html | pdf | text
    encoding: str = ""
    title: str = ""
    page_starts: list[int] = field(default_factory=list)
    """PDF: offset in ``text`` where each page begins (page 1 at index 0)."""
    warnings: list[str] = field(default_factory=list)

    def page_of(self, offset: int) -> int | None:
        """1-based page holding ``offset`` (PDF only)."""
        if not self.page_starts:
            return None
        page = 0
        for i, start in enumerate(self.page_starts):
            if start <= offset:
                page = i
            else:
                break
        return page + 1

    def locator(self, start: int, end: int, quote_chars: int = 12) -> str:
        """Where a span is, in words a reader can follow and a quote to search for:
        ``page 3, chars 120-131 of the text: "...累计完成肝移植1300余例..."``."""
        page = self.page_of(start)
        where = f"chars {start}-{end} of the {'main ' if self.kind == 'html' else ''}text"
        if page:
            where = f"page {page}, {where}"
        if quote_chars and 0 <= start < end <= len(self.text):
            lo, hi = max(0, start - quote_chars), min(len(self.text), end + quote_chars)
            quote = " ".join(self.text[lo:hi].split())
            where += f': "...{quote}..."'
        return where


# --- kind sniffing ---------------------------------------------------------------------------

_HTML_HINT = re.compile(rb"<(?:!doctype\s+html|html|head|body|title|meta|div|p|table|br)\b", re.I)


def sniff_kind(data: bytes, name: str = "", content_type: str = "") -> str:
    """``pdf``, ``html`` or ``text`` from the magic bytes, the content type and the name."""
    head = data[:2048].lstrip()
    ct = content_type.lower()
    if head.startswith(b"%PDF-") or b"%PDF-" in data[:1024] or "pdf" in ct:
        return "pdf"
    if "html" in ct or name.lower().endswith((".html", ".htm", ".xhtml")):
        return "html"
    if _HTML_HINT.search(data[:4096]):
        return "html"
    return "text"


def _looks_binary(sample: bytes) -> bool:
    if not sample:
        return False
    if b"\x00" in sample[:4096] and not (
        sample.startswith((b"\xff\xfe", b"\xfe\xff")) or _utf16_without_bom(sample)
    ):
        return True
    control = sum(1 for b in sample if b < 9 or 13 < b < 32 or b == 127)
    return control / len(sample) > BINARY_SHARE


def _utf16_without_bom(sample: bytes) -> bool:
    """Every second byte zero: UTF-16 text without a byte-order mark."""
    s = sample[:512]
    if len(s) < 8:
        return False
    zeros_odd = s[1::2].count(0) / max(1, len(s[1::2]))
    zeros_even = s[0::2].count(0) / max(1, len(s[0::2]))
    return zeros_odd > 0.9 or zeros_even > 0.9


# --- decoding --------------------------------------------------------------------------------

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)


def _codec(label: str) -> str | None:
    import codecs

    try:
        return codecs.lookup(label.strip().lower()).name
    except LookupError:
        return None


def decode_bytes(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """(text, encoding name) of ``data``; never raises.

    Order: byte-order mark; the declared charset (HTML meta or HTTP header) if it decodes
    strictly; strict UTF-8; charset-normalizer's best guess; line by line for files that
    mix encodings (each line: UTF-8, GB18030, Big5, then cp1252), reported as ``mixed``.
    GB2312 and GBK labels are read as GB18030, their superset.
    """
    boms = (
        (b"\xef\xbb\xbf", "utf-8-sig"),
        (b"\xff\xfe", "utf-16"),
        (b"\xfe\xff", "utf-16"),
    )
    for bom, codec in boms:
        if data.startswith(bom):
            return data.decode(codec, errors="replace"), codec
    if _utf16_without_bom(data):
        codec = "utf-16-le" if data[1:512:2].count(0) > data[0:512:2].count(0) else "utf-16-be"
        return data.decode(codec, errors="replace"), codec
    if declared:
        codec = _codec(declared)
        if codec in ("gb2312", "gbk"):
            codec = "gb18030"
        if codec:
            try:
                return data.decode(codec), codec
            except (UnicodeDecodeError, LookupError):
                pass
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    guess = _normalizer_guess(data)
    if guess:
        return guess
    return _decode_lines(data), "mixed"


def _normalizer_guess(data: bytes) -> tuple[str, str] | None:
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - a declared dependency
        return None
    try:
        best = from_bytes(data[: 2 * 1024 * 1024]).best()
    except Exception:  # noqa: BLE001 - the detector must never take the reader down
        return None
    if best is None or best.encoding is None:
        return None
    codec = "gb18030" if best.encoding in ("gb2312", "gbk") else best.encoding
    try:
        return data.decode(codec), codec
    except (UnicodeDecodeError, LookupError):
        return None


# Frequent characters of hospital pages in both scripts: a line that decodes under both
# GB18030 and Big5 is read in the codec that yields more of them.
_COMMON_CHARS = frozenset(
    "的一是在有和了人中年月日大为上个国我以要他时来用们生到作地于出就分对成会可主发"
    "医院移植肝肾心肺例张名床位手术完成累计共开展中心科室患者病人等待天周费用元万亿年"
    "醫院腎臟張術例計開展中心科室患者病人等待週費萬億為個們時來會對於國發與過這"
)


def _cjk_score(text: str) -> int:
    good = sum(1 for ch in text if ch in _COMMON_CHARS)
    odd = sum(1 for ch in text if "\ue000" <= ch <= "\uf8ff" or "\u3100" <= ch <= "\u312f")
    return good - 3 * odd


def _decode_lines(data: bytes) -> str:
    out: list[str] = []
    for line in data.split(b"\n"):
        try:
            out.append(line.decode("utf-8"))
            continue
        except UnicodeDecodeError:
            pass
        options: list[str] = []
        for codec in ("gb18030", "big5"):
            try:
                options.append(line.decode(codec))
            except UnicodeDecodeError:
                continue
        if options:
            out.append(max(options, key=_cjk_score))
        else:
            out.append(line.decode("cp1252", errors="replace"))
    return "\n".join(out)


# --- readers ---------------------------------------------------------------------------------


def read_document(
    data: bytes,
    *,
    name: str = "",
    content_type: str = "",
    charset: str | None = None,
    max_chars: int = MAX_CHARS,
    total_bytes: int | None = None,
) -> Document:
    """The text of a document given as bytes. ``name`` (file name or URL) names it in
    errors and hints at its kind; ``content_type`` and ``charset`` come from a capture.

    Limits (:mod:`transplant_audit.limits`): a PDF over the document size, page or
    decompressed-size limit is refused with ``DataError``; HTML and text beyond
    ``TEXT_BYTES`` are cut (at a line end) with a warning saying how much was read.
    ``total_bytes`` is the document's full size when ``data`` is already a bounded
    prefix of it (the warning then names both)."""
    label = name or "document"
    kind = sniff_kind(data, name, content_type)
    if kind == "pdf":
        check_pdf_size(max(len(data), total_bytes or 0), label)
        return _finish(read_pdf(data, name=label), max_chars)
    data, note = bound_text(data, total=total_bytes)
    if not data.strip():
        return Document(text="", kind="text", warnings=["empty document"])
    if kind == "html":
        doc = read_html(data, charset=charset)
    else:
        unicode_bom = data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"))
        if not unicode_bom and not _utf16_without_bom(data) and _looks_binary(data[:65536]):
            raise DataError(
                label,
                "binary data: not an HTML, PDF or text document",
                code=codes.BinaryDocument,
            )
        text, enc = decode_bytes(data, charset)
        doc = Document(text=text, kind="text", encoding=enc)
    if note:
        doc.warnings.insert(0, note)
    return _finish(doc, max_chars)


def _finish(doc: Document, max_chars: int) -> Document:
    if len(doc.text) > max_chars:
        doc.warnings.append(
            f"text has {len(doc.text):,} characters; only the first {max_chars:,} were read"
        )
        doc.text = doc.text[:max_chars]
    doc.text = doc.text.replace("\x00", " ")
    return doc


def check_pdf_size(size: int, name: str) -> None:
    """Refuse a PDF over ``limits.DOCUMENT_BYTES`` (a PDF must be read whole)."""
    if size > limits.DOCUMENT_BYTES.value():
        raise limits.DOCUMENT_BYTES.exceeded(name, f"PDF is {size:,} bytes", code=codes.TooLarge)


def bound_text(data: bytes, *, total: int | None = None) -> tuple[bytes, str]:
    """``data`` cut to ``limits.TEXT_BYTES`` at a line end, and the warning (or "")."""
    limit = limits.TEXT_BYTES.value()
    total = max(total or 0, len(data))
    if total <= limit:
        return data, ""
    cut = data[:limit]
    newline = cut.rfind(b"\n", max(0, limit - 65536))
    if newline > 0:
        cut = cut[: newline + 1]
    note = (
        f"read the first {len(cut):,} of {total:,} bytes (limit {limit:,} bytes, "
        f"{limits.TEXT_BYTES.env}); the rest was not read"
    )
    return cut, note


def read_bounded(fh: io.BufferedIOBase | io.RawIOBase, size: int, name: str) -> bytes:
    """Read what ``read_document`` needs from an open file of ``size`` bytes.

    A PDF is read whole (after the size check); other documents only up to
    ``limits.TEXT_BYTES`` (a bounded stream: memory stays small for any file size).
    """
    head = fh.read(2048) or b""
    if sniff_kind(head, name) == "pdf":
        check_pdf_size(size, name)
        return head + (fh.read() or b"")
    return head + (fh.read(max(0, limits.TEXT_BYTES.value() - len(head))) or b"")


def read_path(path: str | Path, *, max_chars: int = MAX_CHARS) -> Document:
    """Read a document file (the I/O edge of ``read_document``), as a bounded stream."""
    p = Path(path)
    if not p.exists():
        raise DataError(str(p), "no such file", code=codes.MissingFile)
    if not p.is_file():
        raise DataError(str(p), "not a file", code=codes.NotAFile)
    size = p.stat().st_size
    with p.open("rb") as fh:
        data = read_bounded(fh, size, str(p))
    return read_document(data, name=str(p), max_chars=max_chars, total_bytes=size)


_TITLE_RE = re.compile(r"<title[^>]*>(.*?)</title>", re.I | re.S)
_SCRIPT_RE = re.compile(r"<(script|style|noscript|template)\b.*?</\1\s*>", re.I | re.S)
_BLOCK_RE = re.compile(r"<(?:br|/p|/div|/li|/tr|/h[1-6]|/td|/th|/section|/article)\b[^>]*>", re.I)
_TAG_RE = re.compile(r"<[^>]{0,2000}>")


def read_html(data: bytes, *, charset: str | None = None) -> Document:
    """Main text of an HTML page; falls back to all visible text, then to stripped tags."""
    declared = charset
    if not declared:
        m = _META_CHARSET.search(data[:8192])
        declared = m.group(1).decode("ascii", "replace") if m else None
    markup, enc = decode_bytes(data, declared)
    warns: list[str] = []
    if len(markup) > HUGE_MARKUP_CHARS:
        warns.append(
            f"page has {len(markup):,} characters of markup; only the first "
            f"{HUGE_MARKUP_CHARS:,} were read"
        )
        markup = markup[:HUGE_MARKUP_CHARS]
    markup = markup.replace("\x00", "")
    tm = _TITLE_RE.search(markup[:200_000])
    title = html.unescape(re.sub(r"\s+", " ", tm.group(1))).strip() if tm else ""
    text = ""
    if len(data) <= TRAFILATURA_MAX_BYTES:
        text = _trafilatura(markup, warns)
    else:
        warns.append(
            f"page is {len(data) / 1e6:.0f} MB: main-text extraction skipped, all text read"
        )
    if not text.strip():
        text = _lxml_text(markup, warns) if len(data) <= TRAFILATURA_MAX_BYTES else ""
    if not text.strip():
        text = _strip_tags(markup)
    if title and not text.startswith(title):
        text = title + "\n" + text
    return Document(text=text, kind="html", encoding=enc, title=title, warnings=warns)


def _trafilatura(markup: str, warns: list[str]) -> str:
    try:
        import trafilatura
    except ImportError:  # pragma: no cover - a declared dependency
        warns.append("trafilatura not installed: all visible text read")
        return ""
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    logging.getLogger("htmldate").setLevel(logging.CRITICAL)
    try:
        with pywarnings.catch_warnings():
            pywarnings.simplefilter("ignore")
            out = trafilatura.extract(
                markup,
                include_tables=True,
                include_comments=False,
                favor_recall=True,
                deduplicate=False,
            )
    except Exception as exc:  # noqa: BLE001 - a broken page must not stop a batch
        warns.append(f"main-text extraction failed ({type(exc).__name__}); all visible text read")
        return ""
    return out or ""


def _lxml_text(markup: str, warns: list[str]) -> str:
    try:
        import lxml.html

        tree = lxml.html.fromstring(markup)
        for bad in tree.xpath("//script|//style|//noscript|//template"):
            bad.drop_tree()
        for br in tree.xpath("//br|//p|//div|//li|//tr|//h1|//h2|//h3|//h4|//td"):
            br.tail = ("\n" + br.tail) if br.tail else "\n"
        return re.sub(r"\n\s*\n+", "\n", tree.text_content())
    except Exception:  # noqa: BLE001 - fall through to tag stripping
        warns.append("HTML could not be parsed; tags stripped")
        return ""


def _strip_tags(markup: str) -> str:
    s = _SCRIPT_RE.sub(" ", markup)
    s = _BLOCK_RE.sub("\n", s)
    s = _TAG_RE.sub(" ", s)
    s = html.unescape(s)
    return re.sub(r"[ \t\r\f\v]+", " ", s)


_STREAM = re.compile(rb"(?<!end)stream\r?\n")


def _is_image(data: bytes, stream_at: int) -> bool:
    """Whether the dictionary before the ``stream`` keyword at ``stream_at`` is an image's."""
    start = data.rfind(b"obj", max(0, stream_at - 4096), stream_at)
    head = data[start if start >= 0 else max(0, stream_at - 4096) : stream_at]
    return b"/Image" in head


def inflated_size(data: bytes, budget: int) -> int:
    """Total size of the PDF's zlib (Flate) streams once inflated, images left out (text
    extraction never inflates them), counted without keeping the output; stops as soon
    as it passes ``budget`` (so a bomb costs little)."""
    import zlib

    total = 0
    step = 1 << 20
    for m in _STREAM.finditer(data):
        if _is_image(data, m.start()):
            continue  # text extraction never inflates images
        inflater = zlib.decompressobj()
        pos = m.end()
        try:
            while not inflater.eof and pos < len(data):
                pending = data[pos : pos + 65536]
                pos += 65536
                while pending and not inflater.eof:
                    total += len(inflater.decompress(pending, step))
                    if total > budget:
                        return total
                    pending = inflater.unconsumed_tail
        except zlib.error:
            continue
    return total


def _check_pdf_limits(data: bytes, name: str) -> None:
    budget = limits.PDF_DECOMPRESSED.value()
    size = inflated_size(data, budget)
    if size > budget:
        raise limits.PDF_DECOMPRESSED.exceeded(
            name,
            f"PDF of {len(data):,} bytes inflates to more than {budget:,} bytes",
            code=codes.PdfTooLargeInflated,
        )


def read_pdf(data: bytes, *, name: str = "document") -> Document:
    """Text of a PDF, page by page. Raises ``DataError`` for encrypted or unreadable PDFs
    and for PDFs over the page or decompressed-size limit (checked before any parsing)."""
    _check_pdf_limits(data, name)
    _check_encryption(data, name)
    warns: list[str] = []
    pages: list[str] | None = None
    try:
        pages = _pdfplumber_pages(data)
    except Exception as exc:  # noqa: BLE001 - try the more tolerant reader next
        warns.append(f"pdfplumber failed ({type(exc).__name__}); read with pypdf")
    if pages is None:
        try:
            pages = _pypdf_pages(data)
        except Exception as exc:  # noqa: BLE001
            raise DataError(
                name,
                f"PDF is damaged or truncated and could not be read ({type(exc).__name__})",
                code=codes.BadPdf,
            ) from exc
    starts: list[int] = []
    parts: list[str] = []
    pos = 0
    for text in pages:
        starts.append(pos)
        parts.append(text)
        pos += len(text) + 2
    if not any(p.strip() for p in pages):
        warns.append("no text layer (a scanned PDF needs OCR first)")
    return Document(text="\n\n".join(parts), kind="pdf", page_starts=starts, warnings=warns)


def _check_encryption(data: bytes, name: str) -> None:
    try:
        from pypdf import PdfReader
    except ImportError:  # pragma: no cover
        return
    try:
        with pywarnings.catch_warnings():
            pywarnings.simplefilter("ignore")
            logging.getLogger("pypdf").setLevel(logging.CRITICAL)
            reader = PdfReader(io.BytesIO(data), strict=False)
            if reader.is_encrypted and not reader.decrypt(""):
                raise DataError(
                    name, "PDF is encrypted; give a decrypted copy", code=codes.EncryptedPdf
                )
            pages = len(reader.pages)
    except DataError:
        raise
    except Exception:  # noqa: BLE001 - damage is diagnosed by the readers below
        return
    if pages > limits.PDF_PAGES.value():
        raise limits.PDF_PAGES.exceeded(
            name, f"PDF has {pages:,} pages", code=codes.PdfTooManyPages
        )


def _pdfplumber_pages(data: bytes) -> list[str]:
    import pdfplumber

    logging.getLogger("pdfminer").setLevel(logging.CRITICAL)
    with pywarnings.catch_warnings():
        pywarnings.simplefilter("ignore")
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            return [(page.extract_text() or "") for page in pdf.pages]


def _pypdf_pages(data: bytes) -> list[str]:
    from pypdf import PdfReader

    with pywarnings.catch_warnings():
        pywarnings.simplefilter("ignore")
        reader = PdfReader(io.BytesIO(data), strict=False)
        pages = [(p.extract_text() or "") for p in reader.pages]
    if not pages:
        raise ValueError("no pages")
    return pages


def last_pos(rx: re.Pattern[str], text: str) -> int:
    """Start of the last match of ``rx`` in ``text`` (-1 when none): a general regex helper
    the extractor's stages share."""
    pos = -1
    for m in rx.finditer(text):
        pos = m.start()
    return pos
