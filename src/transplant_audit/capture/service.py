"""Capture documents: exact bytes into the WARC archive, a ``source`` row and ledger entries.

Order of work for each document, so that a crash at any point loses nothing that
was acknowledged and leaves nothing half-written:

1. Before anything is written, every input is checked (exists, is a file, not
   empty, text decodes) and hashed in 1 MiB chunks; any bad input stops the whole
   run with a ``DataError`` naming the file.
2. Under the archive's file lock and the store's write lock: if the digest is not
   archived yet, the record is appended to the current WARC file and ``fsync``-ed
   (an unacknowledged tail left by an earlier crash is first moved to quarantine).
3. In the same database transaction: the ``archive_records`` row (new bytes only),
   the ``sources`` row created or attached, the ``captures`` row, and one ledger
   entry for each, then a Merkle batch seal. Commit = acknowledgement.

A crash after 2 and before 3 leaves a complete but unacknowledged record at the
WARC file's end; ``verify`` reports it as a notice and the next capture moves it
to ``archive/quarantine/``.
"""

from __future__ import annotations

import os
import re
import urllib.parse
import urllib.request
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from transplant_audit import error_codes as codes
from transplant_audit.capture.archive import (
    CHARSET_SAMPLE,
    Archive,
    RecordRef,
    choose_level,
    detect_charset,
    digest_file,
    html_title,
    sniff_media_type,
)
from transplant_audit.errors import ConfigError, DataError
from transplant_audit.fileerrors import read_error

CAPTURE_TABLES = ("archive_records", "captures")
"""Tables this area writes; each row is ledgered like the data-package resources."""

_LANG = re.compile(r"""<html[^>]*\blang\s*=\s*["']?([A-Za-z]{2})""", re.I)
_CHINESE_CHARSETS = ("gb2312", "gbk", "gb18030", "big5", "big5hkscs", "hz")


@dataclass(frozen=True)
class Prepared:
    """A checked, hashed input, ready to be archived."""

    path: Path
    uri: str
    """What was captured: the URL, or the file's ``file://`` URI."""
    digest: str
    size: int
    media_type: str
    charset: str | None
    title: str | None
    language: str | None
    compress_level: int = 1
    """zlib level for the WARC record (0 for incompressible bytes, see ``choose_level``)."""


@dataclass(frozen=True)
class CaptureResult:
    """What one capture did (the CLI prints it; ``--json`` dumps it)."""

    capture_id: int
    digest: str
    uri: str
    size: int
    media_type: str
    charset: str | None
    warc_file: str
    offset: int
    deduplicated: bool
    """True when these bytes were already archived (stored once, attached again)."""
    source_id: str
    source_action: str
    """``created``, ``attached`` (digest recorded on an existing source) or ``linked``."""
    captured_at: str

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def _text_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def capture_row_text(table: str, row: dict[str, Any]) -> dict[str, str]:
    """A row of ``archive_records``/``captures`` as text cells, for ledger payloads."""
    return {k: _text_cell(v) for k, v in sorted(row.items())}


def prepare(
    path: str | os.PathLike[str],
    *,
    uri: str | None = None,
    binary: bool = False,
    on_bytes: Callable[[int], None] | None = None,
) -> Prepared:
    """Check one local file and hash it (streamed, bounded memory). Raises ``DataError``."""
    p = Path(path).expanduser()
    name = str(path)
    if not p.exists():
        raise DataError(file=name, reason="no such file", code=codes.MissingPath)
    if p.is_dir():
        raise DataError(
            file=name,
            reason="is a directory; capture takes files (give the files inside it)",
            code=codes.NotAFile,
        )
    if not p.is_file():
        raise DataError(file=name, reason="is not a regular file", code=codes.NotAFile)
    try:
        with open(p, "rb") as fh:
            sample = fh.read(CHARSET_SAMPLE)
    except OSError as exc:
        raise read_error(name, exc) from exc
    if not sample:
        raise DataError(
            file=name, reason="file is empty (0 bytes): nothing to capture", code=codes.EmptyFile
        )
    digest, size = digest_file(p, on_bytes=on_bytes)
    media = "application/octet-stream" if binary else sniff_media_type(sample, p.name)
    charset = detect_charset(sample, media, name=name, truncated=size > len(sample))
    title = html_title(sample, charset) if media in ("text/html", "application/xhtml+xml") else None
    language = None
    if charset:
        m = _LANG.search(sample[:4096].decode("ascii", "replace"))
        if m:
            language = m.group(1).lower()
        elif charset in _CHINESE_CHARSETS:
            language = "zh"
    return Prepared(
        path=p,
        uri=uri or p.resolve().as_uri(),
        digest=digest,
        size=size,
        media_type=media,
        charset=charset,
        title=title,
        language=language,
        compress_level=choose_level(sample),
    )


def fetch_url(url: str, directory: Path, timeout: float = 30.0) -> Path:
    """Download ``url`` to a file in ``directory`` (streamed). Optional; never used by tests."""
    scheme = urllib.parse.urlparse(url).scheme
    if scheme not in ("http", "https"):
        raise ConfigError(f"cannot fetch {url!r}: only http and https URLs are fetched")
    target = directory / "fetched.bin"
    request = urllib.request.Request(url, headers={"User-Agent": "transplant-audit capture"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as resp, open(target, "wb") as out:
            while True:
                buf = resp.read(1 << 20)
                if not buf:
                    break
                out.write(buf)
    except OSError as exc:
        raise DataError(file=url, reason=f"could not fetch: {exc}", code=codes.FetchFailed) from exc
    return target


def _acknowledged_end(session: Any, warc_file: str) -> int:
    from sqlalchemy import func, select

    from transplant_audit.evidence.archive_schema import ArchiveRecord

    end = session.execute(
        select(func.max(ArchiveRecord.offset + ArchiveRecord.length)).where(
            ArchiveRecord.warc_file == warc_file
        )
    ).scalar()
    return int(end or 0)


def _source_text(source: Any) -> dict[str, str]:
    """A ``sources`` row as text cells (the data package's form)."""
    from transplant_audit.evidence.frames import COLUMNS

    return {c: _text_cell(getattr(source, c, None)) for c in COLUMNS["sources"]}


def _attach_source(
    session: Any,
    prepared: Prepared,
    *,
    source_id: str | None,
    url: str | None,
    date: str,
    party: str,
    kind: str,
    title: str | None,
    publisher: str | None,
    note: str | None,
) -> tuple[str, str]:
    """Create or attach the ``sources`` row; ledger it when it changes. -> (id, action)."""
    from transplant_audit.evidence import ledger
    from transplant_audit.evidence.package import source_id as make_source_id
    from transplant_audit.evidence.schema import Source
    from transplant_audit.evidence.vocabulary import SOURCE_KINDS, SOURCE_PARTIES

    if source_id:
        source = session.get(Source, source_id)
        if source is None:
            raise DataError(
                file="--source-id",
                reason="no source with this id in the store (import the data package first, "
                "or leave out --source-id to create one)",
                value=source_id,
                code=codes.UnknownSource,
            )
    else:
        address = url or prepared.uri
        source = session.get(Source, make_source_id(address))
        if source is None:
            from sqlalchemy import select

            source = session.execute(select(Source).where(Source.url == address)).scalar()
        if source is None:
            if party not in SOURCE_PARTIES:
                raise ConfigError(f"--party must be one of {', '.join(SOURCE_PARTIES)}")
            if kind not in SOURCE_KINDS:
                raise ConfigError(f"--kind must be one of {', '.join(SOURCE_KINDS)}")
            source = Source(
                id=make_source_id(address),
                url=address,
                title=title or prepared.title,
                publisher=publisher,
                party=party,
                published=None,
                retrieved=date,
                language=prepared.language,
                kind=kind,
                digest=prepared.digest,
                note=note,
            )
            if "position" in Source.__table__.columns:
                source.position = _next_position(session)
            session.add(source)
            session.flush()
            ledger.append(
                session,
                "source_added",
                ledger.subject_of("sources", source.id),
                {"resource": "sources", "row": _source_text(source), "by": "capture"},
            )
            return source.id, "created"
    if not source.digest:
        source.digest = prepared.digest
        if not source.retrieved:
            source.retrieved = date
        session.flush()
        ledger.append(
            session,
            "source_edited",
            ledger.subject_of("sources", source.id),
            {"resource": "sources", "row": _source_text(source), "by": "capture"},
        )
        return source.id, "attached"
    return source.id, "linked"


def _next_position(session: Any) -> int:
    from sqlalchemy import func, select

    from transplant_audit.evidence.schema import Source

    return int(session.execute(select(func.max(Source.position))).scalar() or 0) + 1


def capture_prepared(
    store: Any,
    archive: Archive,
    items: Sequence[Prepared],
    *,
    note: str | None = None,
    source_id: str | None = None,
    url: str | None = None,
    party: str = "other",
    kind: str = "web",
    title: str | None = None,
    publisher: str | None = None,
    progress: Callable[[int, int], None] | None = None,
    after_archive: Callable[[RecordRef], None] | None = None,
    on_bytes: Callable[[int], None] | None = None,
) -> list[CaptureResult]:
    """Archive each prepared input and record it in the store, one transaction per input.

    ``after_archive`` is a test hook called after the WARC record is ``fsync``-ed
    and before the database commit (the crash-safety test kills the process there).
    """
    from transplant_audit.evidence import ledger
    from transplant_audit.evidence.archive_schema import ArchiveRecord, Capture

    results: list[CaptureResult] = []
    total = sum(i.size for i in items)
    done = 0
    with archive.lock():
        for item in items:
            now = datetime.now(UTC)
            stamp = now.strftime("%Y-%m-%dT%H:%M:%S.%fZ")
            with store.session(write=True) as s:
                ledger.lock(s)
                record = s.get(ArchiveRecord, item.digest)
                deduplicated = record is not None
                if record is None:
                    name = archive.current_file()
                    ref = archive.append(
                        item.path,
                        size=item.size,
                        digest=item.digest,
                        target_uri=url or item.uri,
                        media_type=item.media_type,
                        charset=item.charset,
                        captured_at=now,
                        acknowledged_end=_acknowledged_end(s, name),
                        level=item.compress_level,
                        on_bytes=on_bytes,
                    )
                    if after_archive is not None:
                        after_archive(ref)
                    record = ArchiveRecord(
                        digest=ref.digest,
                        warc_file=ref.warc_file,
                        offset=ref.offset,
                        length=ref.length,
                        record_digest=ref.record_digest,
                        size=ref.size,
                        media_type=ref.media_type,
                        charset=ref.charset,
                        target_uri=ref.target_uri,
                        warc_date=ref.warc_date,
                        record_id=ref.record_id,
                    )
                    s.add(record)
                    s.flush()
                    ledger.append(
                        s,
                        "record_added",
                        ledger.subject_of("archive_records", record.digest),
                        {"resource": "archive_records", "row": record_row(record)},
                    )
                sid, action = _attach_source(
                    s,
                    item,
                    source_id=source_id,
                    url=url,
                    date=stamp[:10],
                    party=party,
                    kind=kind,
                    title=title,
                    publisher=publisher,
                    note=note,
                )
                cap = Capture(
                    digest=item.digest,
                    uri=url or item.uri,
                    captured_at=stamp,
                    source_id=sid,
                    note=note,
                )
                s.add(cap)
                s.flush()
                ledger.append(
                    s,
                    "capture_added",
                    ledger.subject_of("captures", cap.id),
                    {"resource": "captures", "row": capture_row(cap)},
                )
                ledger.seal(s)
                results.append(
                    CaptureResult(
                        capture_id=cap.id,
                        digest=item.digest,
                        uri=cap.uri,
                        size=item.size,
                        media_type=item.media_type,
                        charset=item.charset,
                        warc_file=record.warc_file,
                        offset=record.offset,
                        deduplicated=deduplicated,
                        source_id=sid,
                        source_action=action,
                        captured_at=stamp,
                    )
                )
            done += item.size
            if progress is not None:
                progress(done, total)
    return results


def record_row(record: Any) -> dict[str, str]:
    """An ``archive_records`` row as text cells (the form the ledger commits to)."""
    return capture_row_text(
        "archive_records", {col.name: getattr(record, col.name) for col in record.__table__.columns}
    )


def capture_row(cap: Any) -> dict[str, str]:
    """A ``captures`` row as text cells (the form the ledger commits to)."""
    return capture_row_text(
        "captures", {col.name: getattr(cap, col.name) for col in cap.__table__.columns}
    )


def check_capture_options(
    inputs: Sequence[str],
    *,
    note: str | None = None,
    url: str | None = None,
    party: str = "other",
    kind: str = "web",
    title: str | None = None,
    publisher: str | None = None,
) -> None:
    """Check every option and URL input before anything is written (issue 10, holes 2, 8).

    URLs must be absolute http(s) URIs with no control character or whitespace (they
    become WARC headers and report links); the note, title and publisher may hold no
    control character (title and publisher: no line break either); ``party`` and
    ``kind`` must be in the vocabulary. Raises ``DataError``/``ConfigError`` naming
    the option.
    """
    from transplant_audit.evidence.vocabulary import SOURCE_KINDS, SOURCE_PARTIES
    from transplant_audit.urls import check_text, check_url

    if not inputs:
        raise ConfigError("give at least one file or URL to capture")
    if url is not None:
        if len(inputs) != 1:
            raise ConfigError("--url names where one document was published: give one input")
        check_url(url, "--url")
    for item in inputs:
        if _looks_like_url(item):
            check_url(item, "PATH_OR_URL")
    check_text(note, "--note")
    check_text(title, "--title", single_line=True)
    check_text(publisher, "--publisher", single_line=True)
    if party not in SOURCE_PARTIES:
        raise ConfigError(f"--party must be one of {', '.join(SOURCE_PARTIES)} (got {party!r})")
    if kind not in SOURCE_KINDS:
        raise ConfigError(f"--kind must be one of {', '.join(SOURCE_KINDS)} (got {kind!r})")


def _looks_like_url(item: str) -> bool:
    """An input naming a scheme (``http:``, ``javascript:`` ...) rather than an existing file."""
    return bool(re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", item)) and not Path(item).exists()


def capture(
    store: Any,
    home: Path,
    inputs: Sequence[str],
    *,
    note: str | None = None,
    source_id: str | None = None,
    url: str | None = None,
    party: str = "other",
    kind: str = "web",
    title: str | None = None,
    publisher: str | None = None,
    binary: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> list[CaptureResult]:
    """Capture local files (or http/https URLs, fetched) into ``home``'s archive and store.

    All inputs are checked and hashed first; any bad one raises ``DataError`` and
    nothing is written. ``url`` says where the bytes of a local file were published
    (the source's URL); it needs exactly one input.
    """
    import tempfile

    check_capture_options(
        inputs, note=note, url=url, party=party, kind=kind, title=title, publisher=publisher
    )
    archive = Archive(home)
    total = 0
    for item in inputs:
        path = Path(item)
        if not _looks_like_url(item) and path.is_file():
            total += 2 * path.stat().st_size  # hashing pass + writing pass
    done = [0]

    def on_bytes(n: int) -> None:
        done[0] += n
        if progress is not None:
            progress(min(done[0], total), total)

    with tempfile.TemporaryDirectory(prefix="ta-fetch-") as tmp:
        prepared: list[Prepared] = []
        for i, item in enumerate(inputs):
            if _looks_like_url(item):
                sub = Path(tmp) / str(i)
                sub.mkdir()
                fetched = fetch_url(item, sub)
                prepared.append(prepare(fetched, uri=item, binary=binary))
            else:
                prepared.append(prepare(item, binary=binary, on_bytes=on_bytes))
        return capture_prepared(
            store,
            archive,
            prepared,
            note=note,
            source_id=source_id,
            url=url,
            party=party,
            kind=kind,
            title=title,
            publisher=publisher,
            on_bytes=on_bytes,
        )


PAGE_LIST_COLUMNS = ("path", "url", "title", "publisher", "party", "kind", "note")
"""Columns of a page list (``capture --pages FILE``); ``path`` and ``url`` are required."""


@dataclass(frozen=True)
class PageRow:
    """One saved page of a page list, checked and hashed, with where it was published."""

    prepared: Prepared
    url: str
    title: str | None
    publisher: str | None
    party: str
    kind: str
    note: str | None


def read_page_list(path: str | os.PathLike[str], *, binary: bool = False) -> list[PageRow]:
    """Read and check a CSV list of saved pages; every file is checked and hashed.

    Paths are relative to the list's folder. A bad row raises ``DataError`` naming the
    list, the row and the field; nothing is written.
    """
    import csv

    listing = Path(path)
    name = str(path)
    try:
        with open(listing, encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh)
            header = reader.fieldnames or []
            rows = list(reader)
    except OSError as exc:  # missing, a directory, a symlink loop, no permission
        raise read_error(name, exc) from exc
    except UnicodeDecodeError as exc:
        raise DataError(file=name, reason="not UTF-8 text", code=codes.EncodingError) from exc
    for col in ("path", "url"):
        if col not in header:
            raise DataError(
                file=name,
                row=1,
                field=col,
                reason="required column missing",
                code=codes.MissingColumn,
            )
    if not rows:
        raise DataError(file=name, reason="lists no page", code=codes.EmptyPageList)
    return [_page_row(listing, i, r, binary) for i, r in enumerate(rows, start=2)]


def _page_row(listing: Path, i: int, r: dict[str, str], binary: bool) -> PageRow:
    """Check one row of a page list (``i`` is its line number) and hash its file."""
    from transplant_audit.evidence.vocabulary import SOURCE_KINDS, SOURCE_PARTIES

    def bad(
        field: str, reason: str, value: object = None, code: Any = codes.BadPageRow
    ) -> DataError:
        return DataError(
            file=str(listing), row=i, field=field, reason=reason, value=value, code=code
        )

    from transplant_audit.urls import text_problem, url_problem

    url = (r.get("url") or "").strip()
    problem = url_problem(url)
    if problem is not None:
        raise bad(
            "url",
            f"must be the http(s) address the page was published at: URL {problem}",
            url,
            codes.BadUrl,
        )
    for field, single_line in (("title", True), ("publisher", True), ("note", False)):
        problem = text_problem(r.get(field) or "", single_line=single_line)
        if problem is not None:
            raise bad(field, problem, r.get(field), codes.ControlCharacter)
    party = (r.get("party") or "").strip() or "other"
    if party not in SOURCE_PARTIES:
        raise bad("party", f"must be one of {', '.join(SOURCE_PARTIES)}", party)
    kind = (r.get("kind") or "").strip() or "web"
    if kind not in SOURCE_KINDS:
        raise bad("kind", f"must be one of {', '.join(SOURCE_KINDS)}", kind)
    rel = (r.get("path") or "").strip()
    if not rel:
        raise bad("path", "empty: name the saved file")
    try:
        prepared = prepare(listing.parent / rel, uri=url, binary=binary)
    except DataError as exc:
        raise bad("path", exc.reason, rel, exc.code) from exc
    return PageRow(
        prepared=prepared,
        url=url,
        title=(r.get("title") or "").strip() or None,
        publisher=(r.get("publisher") or "").strip() or None,
        party=party,
        kind=kind,
        note=(r.get("note") or "").strip() or None,
    )


def capture_page_list(
    store: Any,
    home: Path,
    path: str | os.PathLike[str],
    *,
    binary: bool = False,
    progress: Callable[[int, int], None] | None = None,
    rows: Sequence[PageRow] | None = None,
) -> list[CaptureResult]:
    """Capture every saved page of a page list, each under the URL it was published at.

    All rows are checked and hashed before anything is written (pass ``rows`` already
    read by ``read_page_list`` to check them before the store is even opened); then one
    transaction per page, as for several inputs to ``capture``.
    """
    rows = read_page_list(path, binary=binary) if rows is None else rows
    archive = Archive(home)
    results: list[CaptureResult] = []
    for k, row in enumerate(rows, start=1):
        results += capture_prepared(
            store,
            archive,
            [row.prepared],
            note=row.note,
            url=row.url,
            party=row.party,
            kind=row.kind,
            title=row.title,
            publisher=row.publisher,
        )
        if progress is not None:
            progress(k, len(rows))
    return results
