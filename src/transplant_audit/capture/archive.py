"""The WARC archive: exact bytes of every captured document, with SHA-256 digests.

Layout: ``HOME/archive/ta-00001.warc.gz``, ``ta-00002.warc.gz`` ... Each file is a
sequence of gzip members, one WARC/1.1 ``resource`` record per member (the usual
``.warc.gz`` form, readable by warcio, pywb and the Internet Archive's tools).
Files are append-only: a record is written at the end, flushed and ``fsync``-ed
before the caller may acknowledge the capture. A crash can therefore leave at
most an unacknowledged tail (a truncated member, or a complete record the store
never heard of) after the last acknowledged record. ``scan_warc`` recognises it
and ``Archive.repair_tail`` moves it to ``archive/quarantine/`` (never deleted)
before the next append.

Digests are ``"sha256:<hex>"`` so the algorithm travels with the value:

* the *payload digest* is SHA-256 of the document's exact bytes (the WARC block of
  a ``resource`` record, i.e. the file as read, no transfer or content encoding);
* the *record digest* is SHA-256 of the record's compressed bytes as they sit in
  the ``.warc.gz`` file (the whole gzip member). The ledger commits to both, so a
  change to any byte of an archived record, header or gzip framing included, is
  caught (gzip's own CRC does not cover its header's time stamp).

The WARC header also carries ``WARC-Payload-Digest``/``WARC-Block-Digest`` as
``sha256:<base32>``, the form warcio and other WARC tools verify.

Large files stream through in 1 MiB chunks: memory stays bounded whatever the size.
"""

from __future__ import annotations

import base64
import codecs
import contextlib
import fcntl
import hashlib
import io
import mimetypes
import os
import re
import uuid
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, BinaryIO

from transplant_audit import error_codes as codes
from transplant_audit.errors import DataError

CHUNK = 1 << 20
"""Read and write in 1 MiB chunks so memory use does not grow with file size."""

ROLLOVER_BYTES = 1 << 30
"""Start a new WARC file once the current one reaches 1 GiB."""

COMPRESSION_LEVEL = 1
"""zlib level for compressible documents (HTML, text). 1 is several times faster than
warcio's default 9; the archive's job is fidelity, not size."""

INCOMPRESSIBLE_RATIO = 0.9
"""A document whose first 64 KiB compress to more than 90% of their size (PDF streams,
images, archives) is stored in gzip *stored* blocks (level 0): still a valid
``.warc.gz`` with the same CRC checks, written about 50 times faster."""


def choose_level(sample: bytes) -> int:
    """zlib level for a document, from a trial compression of its first 64 KiB."""
    probe = sample[:65536]
    if not probe:
        return COMPRESSION_LEVEL
    return 0 if len(zlib.compress(probe, 1)) > INCOMPRESSIBLE_RATIO * len(probe) else 1


CHARSET_SAMPLE = 256 * 1024
"""Bytes examined to detect a text document's charset."""

MAX_HEADER_BYTES = 64 * 1024
WARC_VERSION = "WARC/1.1"
FILE_PATTERN = re.compile(r"^ta-(\d{5})\.warc\.gz$")
GZIP_MAGIC = b"\x1f\x8b"


# --------------------------------------------------------------------------- digests


def sha256_hex_to_digest(hexdigest: str) -> str:
    return f"sha256:{hexdigest}"


def digest_bytes(data: bytes) -> str:
    """``sha256:<hex>`` of ``data``."""
    return sha256_hex_to_digest(hashlib.sha256(data).hexdigest())


def digest_stream(
    stream: BinaryIO, chunk: int = CHUNK, on_bytes: Callable[[int], None] | None = None
) -> tuple[str, int]:
    """``(sha256:<hex>, size)`` of everything left in ``stream``, read in chunks.

    ``on_bytes(n)`` is called after each chunk (for progress bars).
    """
    h = hashlib.sha256()
    size = 0
    while True:
        buf = stream.read(chunk)
        if not buf:
            break
        h.update(buf)
        size += len(buf)
        if on_bytes is not None:
            on_bytes(len(buf))
    return sha256_hex_to_digest(h.hexdigest()), size


def digest_file(path: Path, on_bytes: Callable[[int], None] | None = None) -> tuple[str, int]:
    """``(sha256:<hex>, size)`` of a file, hashed in 1 MiB chunks (bounded memory)."""
    with open(path, "rb") as fh:
        return digest_stream(fh, on_bytes=on_bytes)


def digest_to_warc(digest: str) -> str:
    """``sha256:<hex>`` -> ``sha256:<BASE32>``, the form WARC tools expect in headers."""
    algo, _, hexval = digest.partition(":")
    return f"{algo}:{base64.b32encode(bytes.fromhex(hexval)).decode('ascii')}"


def warc_to_digest(value: str) -> str | None:
    """``sha256:<BASE32>`` (or hex) from a WARC header -> ``sha256:<hex>``; None if unreadable."""
    algo, sep, encoded = value.strip().partition(":")
    if not sep or algo.lower() != "sha256":
        return None
    try:
        raw = bytes.fromhex(encoded) if len(encoded) == 64 else base64.b32decode(encoded.upper())
    except (ValueError, base64.binascii.Error):
        return None
    if len(raw) != 32:
        return None
    return sha256_hex_to_digest(raw.hex())


# --------------------------------------------------------------------- media and charset

_MAGIC: list[tuple[bytes, str]] = [
    (b"%PDF-", "application/pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
    (b"PK\x03\x04", "application/zip"),
    (b"\xd0\xcf\x11\xe0", "application/x-ole-storage"),
]
_HTML_START = re.compile(rb"^\s*(<!doctype\s+html|<html|<head|<meta|<title|<body)", re.I)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""^<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_\-]+)""", re.I)
_TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.I | re.S)
_BOMS: list[tuple[bytes, str]] = [
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
]


def sniff_media_type(sample: bytes, name: str = "") -> str:
    """Media type from the leading bytes (magic numbers, HTML start), else the file name.

    Content wins over the name: a PDF saved as ``page.html`` is still a PDF.
    """
    for magic, media in _MAGIC:
        if sample.startswith(magic):
            return media
    body = sample
    for bom, _ in _BOMS:
        if body.startswith(bom):
            body = body[len(bom) :]
            break
    if _HTML_START.match(body[:1024]):
        return "text/html"
    guessed, _ = mimetypes.guess_type(name) if name else (None, None)
    if guessed:
        return guessed
    if not sample:
        return "application/octet-stream"
    # No name hint: text if it has no NUL bytes in the sample.
    return "application/octet-stream" if b"\x00" in sample[:8192] else "text/plain"


def is_text(media_type: str) -> bool:
    return media_type.startswith("text/") or media_type in (
        "application/xhtml+xml",
        "application/xml",
        "application/json",
        "application/javascript",
    )


def _codec_name(label: str) -> str | None:
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def _decodes(sample: bytes, codec: str, truncated: bool) -> bool:
    return _decode(sample, codec, truncated) is not None


def _decode(sample: bytes, codec: str, truncated: bool) -> str | None:
    try:
        decoder = codecs.getincrementaldecoder(codec)()
        return decoder.decode(sample, final=not truncated)
    except (UnicodeError, LookupError):
        return None


TEXT_CODECS = frozenset(
    {
        "utf-8",
        "ascii",
        "gb2312",
        "gbk",
        "gb18030",
        "big5",
        "big5hkscs",
        "cp950",
        "cp1252",
        "iso8859-1",
        "iso8859-15",
        "utf-16",
        "cp1251",
        "shift_jis",
        "euc_jp",
    }
)
"""Charsets we accept from the detector: Chinese, Western, Cyrillic and Japanese pages.
KOI8-R is left out: every high byte is a letter or box drawing in it, so it
"decodes" random bytes."""

MAX_BAD_CHAR_SHARE = 0.005
"""A decoding is text only if under 0.5% of its characters are control (other than
whitespace), private-use or replacement characters."""


_BAD_CHARS = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ue000-\uf8ff\ufffd\U000f0000-\U0010ffff]")
"""Control characters other than whitespace, private-use characters, U+FFFD."""


def _clean(sample: bytes, codec: str, truncated: bool) -> bool:
    """``sample`` decodes strictly under ``codec`` to something that looks like text."""
    text = _decode(sample, codec, truncated)
    if text is None:
        return False
    return len(_BAD_CHARS.findall(text)) <= MAX_BAD_CHAR_SHARE * max(1, len(text))


def detect_charset(
    sample: bytes, media_type: str, name: str = "", truncated: bool = False
) -> str | None:
    """The charset of a text document, or None for binary media (PDF, images).

    Order: byte-order mark; the charset the page declares (``<meta charset>``,
    XML ``encoding``) if the bytes decode with it; UTF-8; charset-normalizer's best
    guess (it tells GB2312/GBK/GB18030 from Big5, both common on Chinese hospital
    sites) if it is a charset in ``TEXT_CODECS``; then GB18030 and Big5 directly.
    A charset is accepted only if the bytes decode strictly and the result looks
    like text (see ``MAX_BAD_CHAR_SHARE``). A declared ``gb2312`` that only decodes
    as its superset GB18030 is reported as ``gb18030``.

    Raises ``DataError`` (code ``undecodable-charset``) when a text document decodes
    under none: its bytes are probably damaged or not text at all. ``truncated``
    says the sample is a prefix of a longer file (a multi-byte character may be cut).
    """
    if not is_text(media_type):
        return None
    for bom, codec in _BOMS:
        if sample.startswith(bom):
            return "utf-8-sig" if codec == "utf-8" else codec
    declared = None
    m = _XML_ENCODING.search(sample[:1024]) or _META_CHARSET.search(sample[:8192])
    if m:
        declared = _codec_name(m.group(1).decode("ascii", "replace"))
    if declared:
        if _clean(sample, declared, truncated):
            return declared
        if declared in ("gb2312", "gbk") and _clean(sample, "gb18030", truncated):
            return "gb18030"
    if _clean(sample, "utf-8", truncated):
        return "ascii" if sample.isascii() else "utf-8"
    from charset_normalizer import from_bytes

    best = from_bytes(sample).best()
    guess = _codec_name(best.encoding) if best is not None else None
    candidates = [guess] if guess in TEXT_CODECS else []
    for codec in [*candidates, "gb18030", "big5"]:
        if codec and _clean(sample, codec, truncated):
            return codec
    raise DataError(
        file=name or "<input>",
        reason=(
            f"looks like {media_type} but decodes under no known charset "
            f"(declared: {declared or 'none'}; tried utf-8, GB18030, Big5 and the "
            f"detector's guess {guess or 'none'}); the bytes may be damaged. Pass --binary "
            "to archive them unchanged as application/octet-stream"
        ),
        field="charset",
        code=codes.UndecodableCharset,
    )


def html_title(sample: bytes, charset: str | None) -> str | None:
    """The page's ``<title>``, decoded with its charset, whitespace collapsed; None if absent."""
    if not charset:
        return None
    text = sample[:65536].decode(charset, errors="replace")
    m = _TITLE.search(text)
    if not m:
        return None
    title = " ".join(m.group(1).split())
    return title[:300] or None


# --------------------------------------------------------------------------- writing


@dataclass(frozen=True)
class RecordRef:
    """Where a captured document sits in the archive and what it hashes to."""

    digest: str
    """``sha256:<hex>`` of the document's bytes (the payload)."""
    warc_file: str
    """File name inside ``HOME/archive``."""
    offset: int
    length: int
    """Bytes of the gzip member holding the record."""
    record_digest: str
    """``sha256:<hex>`` of those ``length`` bytes as stored."""
    size: int
    media_type: str
    charset: str | None
    target_uri: str
    warc_date: str
    record_id: str


class _HashingCounter:
    """File-like sink: compresses to gzip, writes to ``out``, hashes and counts what it wrote."""

    def __init__(self, out: BinaryIO, level: int) -> None:
        self.out = out
        self.compressor = zlib.compressobj(level, zlib.DEFLATED, zlib.MAX_WBITS + 16)
        self.hash = hashlib.sha256()
        self.count = 0

    def _emit(self, data: bytes) -> None:
        if data:
            self.out.write(data)
            self.hash.update(data)
            self.count += len(data)

    def write(self, data: bytes) -> None:
        self._emit(self.compressor.compress(data))

    def flush(self) -> None:
        """warcio calls this after each record; the gzip member is closed in ``finish``."""

    def finish(self) -> None:
        self._emit(self.compressor.flush())


def warc_date(moment: datetime) -> str:
    """WARC/1.1 date with microseconds, UTC: ``2026-11-23T03:30:00.123456Z``."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def write_record(
    out: BinaryIO,
    stream: BinaryIO,
    *,
    size: int,
    digest: str,
    target_uri: str,
    media_type: str,
    charset: str | None,
    captured_at: datetime,
    level: int = COMPRESSION_LEVEL,
    extra_headers: dict[str, str] | None = None,
    on_bytes: Callable[[int], None] | None = None,
) -> tuple[int, str, str, str]:
    """Write one gzip-compressed WARC ``resource`` record holding ``size`` bytes from ``stream``.

    The record is built by warcio's ``WARCWriter`` (headers, Content-Length,
    digests we supply so warcio need not buffer); we only supply the gzip layer so
    we can hash the exact stored bytes as they are written.

    Returns ``(length, record_digest, warc_date, record_id)``. Raises ``DataError``
    if the stream does not yield exactly ``size`` bytes with ``digest`` (the file
    changed while it was being captured).
    """
    from warcio.warcwriter import WARCWriter

    content_type = media_type + (f"; charset={charset}" if charset else "")
    record_id = f"<urn:uuid:{uuid.uuid4()}>"
    date = warc_date(captured_at)
    headers = {
        "WARC-Record-ID": record_id,
        "WARC-Date": date,
        "Content-Type": content_type,
        "WARC-Payload-Digest": digest_to_warc(digest),
        "WARC-Block-Digest": digest_to_warc(digest),
        "WARC-Identified-Payload-Type": media_type,
    }
    if extra_headers:
        headers.update(extra_headers)
    _check_header_values({"WARC-Target-URI": target_uri, **headers})
    checker = _CheckingReader(stream, size, on_bytes)
    sink = _HashingCounter(out, level)
    writer = WARCWriter(sink, gzip=False, warc_version=WARC_VERSION)
    record = writer.create_warc_record(
        target_uri,
        "resource",
        payload=checker,
        length=size,
        warc_content_type=content_type,
        warc_headers_dict=headers,
    )
    writer.write_record(record)
    sink.finish()
    if checker.read_bytes != size or checker.digest() != digest:
        raise DataError(
            file=target_uri,
            reason="the file changed while it was being captured (size or digest differ "
            "between the hashing pass and the writing pass); capture it again",
            code=codes.ChangedDuringCapture,
        )
    return sink.count, sha256_hex_to_digest(sink.hash.hexdigest()), date, record_id


def _check_header_values(headers: dict[str, str]) -> None:
    """Last line of defence: a header value with a control character would inject headers.

    ``capture`` validates its options first; this catches any other caller.
    """
    for name, value in headers.items():
        if any(ord(ch) < 0x20 or ord(ch) == 0x7F for ch in value):
            raise DataError(
                file="WARC header",
                field=name,
                reason="holds a control character (CR/LF would inject WARC headers)",
                value=value,
                code=codes.ControlCharacter,
            )


class _CheckingReader(io.RawIOBase):
    """Reads at most ``limit`` bytes from ``stream`` and hashes them on the way."""

    def __init__(
        self, stream: BinaryIO, limit: int, on_bytes: Callable[[int], None] | None = None
    ) -> None:
        self.stream = stream
        self.on_bytes = on_bytes
        self.limit = limit
        self.read_bytes = 0
        self.hash = hashlib.sha256()

    def readable(self) -> bool:
        return True

    def tell(self) -> int:
        return self.read_bytes

    def seek(self, pos: int, whence: int = 0) -> int:  # warcio checks tell/seek only
        if (whence, pos) not in ((0, self.read_bytes), (1, 0)):
            raise io.UnsupportedOperation("stream is forward-only")
        return self.read_bytes

    def read(self, n: int = -1) -> bytes:
        remaining = self.limit - self.read_bytes
        if remaining <= 0:
            return b""
        n = remaining if n is None or n < 0 else min(n, remaining)
        data = self.stream.read(min(n, CHUNK))
        self.read_bytes += len(data)
        self.hash.update(data)
        if self.on_bytes is not None and data:
            self.on_bytes(len(data))
        return data

    def digest(self) -> str:
        return sha256_hex_to_digest(self.hash.hexdigest())


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class Archive:
    """The append-only WARC files of one investigation home (``HOME/archive``)."""

    def __init__(self, home: Path) -> None:
        self.home = Path(home)
        self.dir = self.home / "archive"

    # -- files
    def files(self) -> list[str]:
        """WARC file names in order (``ta-00001.warc.gz`` ...)."""
        if not self.dir.is_dir():
            return []
        return sorted(p.name for p in self.dir.iterdir() if FILE_PATTERN.match(p.name))

    def path(self, name: str) -> Path:
        return self.dir / name

    def current_file(self) -> str:
        """The file the next record goes to: the last one, or a new one past 1 GiB."""
        names = self.files()
        if not names:
            return "ta-00001.warc.gz"
        last = names[-1]
        if self.path(last).stat().st_size >= ROLLOVER_BYTES:
            number = int(FILE_PATTERN.match(last).group(1)) + 1  # type: ignore[union-attr]
            return f"ta-{number:05d}.warc.gz"
        return last

    @contextlib.contextmanager
    def lock(self) -> Iterator[None]:
        """Exclusive lock for writers (one capture at a time per home, across processes)."""
        self.dir.mkdir(parents=True, exist_ok=True)
        with open(self.dir / ".lock", "a+b") as fh:
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(fh.fileno(), fcntl.LOCK_UN)

    def repair_tail(self, name: str, acknowledged_end: int) -> Path | None:
        """Move bytes after ``acknowledged_end`` of ``name`` to ``archive/quarantine/``.

        Those bytes are an interrupted capture nobody acknowledged (a truncated
        record, or a complete one the store never recorded). They are kept, never
        deleted, so nothing is lost; the WARC file is cut back to its last
        acknowledged record so the next record starts on a clean boundary.
        Call with the archive lock held. Returns the quarantine file, if any.
        """
        path = self.path(name)
        if not path.exists():
            return None
        size = path.stat().st_size
        if size <= acknowledged_end:
            return None
        qdir = self.dir / "quarantine"
        qdir.mkdir(parents=True, exist_ok=True)
        target = qdir / f"{name}.{acknowledged_end}.tail"
        tmp = target.with_suffix(".tmp")
        with open(path, "rb") as src, open(tmp, "wb") as dst:
            src.seek(acknowledged_end)
            while True:
                buf = src.read(CHUNK)
                if not buf:
                    break
                dst.write(buf)
            dst.flush()
            os.fsync(dst.fileno())
        os.replace(tmp, target)
        _fsync_dir(qdir)
        with open(path, "r+b") as fh:
            fh.truncate(acknowledged_end)
            fh.flush()
            os.fsync(fh.fileno())
        return target

    def append(
        self,
        source: Path | BinaryIO,
        *,
        size: int,
        digest: str,
        target_uri: str,
        media_type: str,
        charset: str | None,
        captured_at: datetime,
        acknowledged_end: int | None = None,
        level: int = COMPRESSION_LEVEL,
        on_bytes: Callable[[int], None] | None = None,
    ) -> RecordRef:
        """Append one record and ``fsync`` it; only then may the caller acknowledge it.

        Call with ``lock()`` held. ``acknowledged_end`` is where the last record the
        store knows about ends in the current file; any tail beyond it is moved to
        quarantine first (see ``repair_tail``). On a write error the file is cut
        back to where it was, so nothing half-written remains.
        """
        self.dir.mkdir(parents=True, exist_ok=True)
        name = self.current_file()
        path = self.path(name)
        created = not path.exists()
        if acknowledged_end is not None and not created:
            self.repair_tail(name, acknowledged_end)
        with contextlib.ExitStack() as stack:
            stream = (
                stack.enter_context(open(source, "rb"))
                if isinstance(source, (str, os.PathLike))
                else source
            )
            out = stack.enter_context(open(path, "ab"))
            offset = out.seek(0, os.SEEK_END)
            try:
                length, record_digest, date, record_id = write_record(
                    out,
                    stream,
                    size=size,
                    digest=digest,
                    target_uri=target_uri,
                    media_type=media_type,
                    charset=charset,
                    captured_at=captured_at,
                    level=level,
                    on_bytes=on_bytes,
                )
                out.flush()
                os.fsync(out.fileno())
            except BaseException:
                out.flush()
                out.truncate(offset)
                os.fsync(out.fileno())
                raise
        if created:
            _fsync_dir(self.dir)
        return RecordRef(
            digest=digest,
            warc_file=name,
            offset=offset,
            length=length,
            record_digest=record_digest,
            size=size,
            media_type=media_type,
            charset=charset,
            target_uri=target_uri,
            warc_date=date,
            record_id=record_id,
        )


# --------------------------------------------------------------------------- reading


@dataclass
class ScannedRecord:
    """One record found by ``scan_warc``: where it is and what its bytes hash to."""

    offset: int
    length: int
    record_digest: str
    payload_digest: str
    payload_size: int
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class ScanProblem:
    """The first thing wrong in a WARC file, with a stable code and a plain reason."""

    code: str
    offset: int
    reason: str


@dataclass
class ScanResult:
    records: list[ScannedRecord]
    problem: ScanProblem | None
    size: int


class _RecordParser:
    """Streaming parser of one decompressed WARC record: header block, content, CRLFCRLF."""

    def __init__(self) -> None:
        self.header_buf = bytearray()
        self.headers: dict[str, str] | None = None
        self.content_length = 0
        self.content_seen = 0
        self.trailer = bytearray()
        self.hash = hashlib.sha256()
        self.error: str | None = None
        self.status = ""

    def feed(self, data: bytes) -> None:
        if self.error or not data:
            return
        if self.headers is None:
            self.header_buf += data
            end = self.header_buf.find(b"\r\n\r\n")
            if end < 0:
                if len(self.header_buf) > MAX_HEADER_BYTES:
                    self.error = "WARC header block longer than 64 KiB or not terminated"
                return
            rest = bytes(self.header_buf[end + 4 :])
            self._parse_headers(bytes(self.header_buf[:end]))
            if self.error:
                return
            data = rest
        take = min(len(data), self.content_length - self.content_seen)
        if take:
            self.hash.update(data[:take])
            self.content_seen += take
        self.trailer += data[take:]
        if len(self.trailer) > 4:
            self.error = "bytes after the record's end (Content-Length too small?)"

    def _parse_headers(self, block: bytes) -> None:
        try:
            text = block.decode("utf-8")
        except UnicodeDecodeError:
            self.error = "WARC header is not valid UTF-8"
            return
        lines = text.split("\r\n")
        self.status = lines[0]
        if not lines[0].startswith("WARC/1."):
            self.error = f"not a WARC record (first line {lines[0][:30]!r})"
            return
        headers: dict[str, str] = {}
        for line in lines[1:]:
            name, sep, value = line.partition(":")
            if not sep or not name.strip():
                self.error = f"malformed WARC header line {line[:40]!r}"
                return
            headers[name.strip()] = value.strip()
        lengths = [v for k, v in headers.items() if k.lower() == "content-length"]
        if not lengths or not lengths[0].isdigit():
            self.error = "WARC record has no valid Content-Length"
            return
        self.headers = headers
        self.content_length = int(lengths[0])

    def finish(self) -> str | None:
        """None if the record was complete and well formed, else the reason."""
        if self.error:
            return self.error
        if self.headers is None:
            return "WARC header block not terminated"
        if self.content_seen != self.content_length:
            return (
                f"content is {self.content_seen} bytes, Content-Length says {self.content_length}"
            )
        if bytes(self.trailer) != b"\r\n\r\n":
            return "record does not end with CRLF CRLF"
        return None

    def digest(self) -> str:
        return sha256_hex_to_digest(self.hash.hexdigest())


def _header(headers: dict[str, str], name: str) -> str | None:
    for k, v in headers.items():
        if k.lower() == name.lower():
            return v
    return None


def scan_warc(fh: BinaryIO, start: int = 0) -> ScanResult:
    """Read a ``.warc.gz`` file member by member from ``start``; stop at the first problem.

    For every complete record it returns offset, compressed length, SHA-256 of the
    stored bytes and of the payload; it checks gzip integrity (CRC32 and length,
    via zlib), the WARC header, Content-Length, the closing CRLFCRLF and the
    ``WARC-Payload-Digest`` when it is SHA-256. Problem codes:
    ``not-gzip`` (bytes that do not start a gzip member), ``corrupt-member``
    (inflate or gzip CRC failed), ``truncated`` (the file ends inside a member,
    as after a crash mid-write), ``bad-record`` (not a well-formed WARC record),
    ``payload-digest-mismatch`` (payload differs from the digest in its header).
    Memory stays bounded: data flows through in 1 MiB chunks.
    """
    fh.seek(0, os.SEEK_END)
    size = fh.tell()
    fh.seek(start)
    records: list[ScannedRecord] = []
    pos = start
    pending = b""
    try:
        while True:
            if not pending:
                pending = fh.read(CHUNK)
            if not pending:
                return ScanResult(records, None, size)
            pending = _gzip_start(fh, pending, pos)
            member = _inflate_member(fh, pending, pos)
            pending = member.rest
            pos = member.start + member.length
            records.append(_checked_record(member))
    except _ScanStopError as stop:
        return ScanResult(records, stop.problem, size)


class _ScanStopError(Exception):
    """The scan stops at this problem (records before it stay valid)."""

    def __init__(self, problem: ScanProblem) -> None:
        super().__init__(problem.reason)
        self.problem = problem


@dataclass
class _Member:
    """One gzip member read to its end: where it starts, its compressed length, the bytes
    after it already read, the parsed record and the hash of its stored bytes."""

    start: int
    length: int
    rest: bytes
    parser: _RecordParser
    raw_hash: Any


def _gzip_start(fh: BinaryIO, pending: bytes, pos: int) -> bytes:
    """``pending``, topped up to hold the gzip magic; stops when it is not a gzip member."""
    if len(pending) < 2:
        pending += fh.read(CHUNK)
    if not pending.startswith(GZIP_MAGIC):
        if len(pending) < 2 and not fh.read(1):
            raise _ScanStopError(
                ScanProblem("truncated", pos, f"file ends inside the gzip header at offset {pos}")
            )
        raise _ScanStopError(
            ScanProblem(
                "not-gzip",
                pos,
                f"bytes at offset {pos} do not start a gzip member (got {pending[:4].hex()})",
            )
        )
    return pending


def _inflate_member(fh: BinaryIO, pending: bytes, member_start: int) -> _Member:
    """Inflate one member chunk by chunk into a record parser, hashing the stored bytes;
    stops on damaged data (``corrupt-member``) or a file that ends inside it (``truncated``)."""
    inflater = zlib.decompressobj(zlib.MAX_WBITS + 16)
    parser = _RecordParser()
    raw_hash = hashlib.sha256()
    consumed = 0
    while True:
        try:
            _inflate_chunk(inflater, pending, parser)
        except zlib.error as exc:
            raise _ScanStopError(
                ScanProblem(
                    "corrupt-member",
                    member_start,
                    f"record at offset {member_start}: compressed data damaged ({exc})",
                )
            ) from None
        if inflater.eof:
            used = len(pending) - len(inflater.unused_data)
            raw_hash.update(pending[:used])
            return _Member(member_start, consumed + used, inflater.unused_data, parser, raw_hash)
        raw_hash.update(pending)
        consumed += len(pending)
        pending = fh.read(CHUNK)
        if not pending:
            raise _ScanStopError(
                ScanProblem(
                    "truncated",
                    member_start,
                    f"file ends inside the record at offset {member_start} "
                    f"({consumed} bytes of it present): an interrupted write",
                )
            )


def _inflate_chunk(inflater: Any, pending: bytes, parser: _RecordParser) -> None:
    """Feed one chunk of compressed bytes through ``inflater`` into ``parser``."""
    out = inflater.decompress(pending, CHUNK)
    parser.feed(out)
    # drain: input zlib could not take yet, and output held back by the
    # CHUNK limit (a full-size output may mean more is pending)
    while not inflater.eof and (inflater.unconsumed_tail or len(out) == CHUNK):
        out = inflater.decompress(inflater.unconsumed_tail, CHUNK)
        parser.feed(out)
        if not out and not inflater.unconsumed_tail:
            break


def _checked_record(m: _Member) -> ScannedRecord:
    """The record of a member, after the WARC checks (``bad-record``) and the SHA-256
    payload digest its header declares (``payload-digest-mismatch``)."""
    why = m.parser.finish()
    if why:
        raise _ScanStopError(
            ScanProblem("bad-record", m.start, f"record at offset {m.start}: {why}")
        )
    headers = m.parser.headers or {}
    payload_digest = m.parser.digest()
    declared = _header(headers, "WARC-Payload-Digest")
    if (
        declared
        and declared.lower().startswith("sha256:")
        and warc_to_digest(declared) != payload_digest
    ):
        raise _ScanStopError(
            ScanProblem(
                "payload-digest-mismatch",
                m.start,
                f"record at offset {m.start}: payload hashes to {payload_digest}, "
                f"its header says {declared}",
            )
        )
    return ScannedRecord(
        offset=m.start,
        length=m.length,
        record_digest=sha256_hex_to_digest(m.raw_hash.hexdigest()),
        payload_digest=payload_digest,
        payload_size=m.parser.content_seen,
        headers=headers,
    )


def read_payload(fh: BinaryIO, offset: int) -> Iterator[bytes]:
    """Yield the payload bytes of the record at ``offset`` (decompressed, in chunks)."""
    from warcio.archiveiterator import ArchiveIterator

    fh.seek(offset)
    for record in ArchiveIterator(fh):
        stream = record.content_stream()
        while True:
            buf = stream.read(CHUNK)
            if not buf:
                return
            yield buf
    return
