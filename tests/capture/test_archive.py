"""The WARC archive on its own: digests, media type, charset, round trip, torture set.

All documents and archives here are synthetic (made by the tests).
"""

from __future__ import annotations

import gzip
import hashlib
import io
from datetime import UTC, datetime
from pathlib import Path

import pytest
from capture_docs import ZH_SIMPLIFIED, html
from hypothesis import given, settings
from hypothesis import strategies as st
from warcio.archiveiterator import ArchiveIterator

from transplant_audit.capture import archive as A  # noqa: N812
from transplant_audit.errors import DataError

WHEN = datetime(2026, 11, 23, 3, 0, 0, tzinfo=UTC)


def _append(arch: A.Archive, data: bytes, name: str, tmp: Path) -> A.RecordRef:
    path = tmp / name
    path.write_bytes(data)
    digest, size = A.digest_file(path)
    media = A.sniff_media_type(data[: A.CHARSET_SAMPLE], name)
    charset = A.detect_charset(data, media, name)
    with arch.lock():
        return arch.append(
            path,
            size=size,
            digest=digest,
            target_uri=path.as_uri(),
            media_type=media,
            charset=charset,
            captured_at=WHEN,
        )


def test_digest_file_is_sha256_with_prefix_and_streams(tmp_path):
    data = bytes(range(256)) * 10_000  # 2.5 MB: several chunks
    p = tmp_path / "x.bin"
    p.write_bytes(data)
    digest, size = A.digest_file(p)
    assert digest == "sha256:" + hashlib.sha256(data).hexdigest()
    assert size == len(data)
    assert A.warc_to_digest(A.digest_to_warc(digest)) == digest


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("gb2312.html", {"gb2312", "gb18030"}),
        ("gbk.html", {"gbk", "gb18030"}),
        ("gb18030.html", {"gb18030"}),
        ("big5.html", {"big5", "big5hkscs", "cp950"}),
        ("undeclared-gbk.html", {"gbk", "gb18030", "gb2312"}),
        ("english.html", {"utf-8", "ascii"}),
        ("notes.txt", {"utf-8"}),
    ],
)
def test_charset_detection_of_chinese_and_other_pages(docs, name, expected):
    data = docs[name].read_bytes()
    media = A.sniff_media_type(data, name)
    charset = A.detect_charset(data, media, name)
    assert charset in expected
    data.decode(charset)  # the detected charset really decodes the page


def test_declared_gb2312_page_using_gbk_characters_is_reported_as_gb18030(tmp_path):
    """Chinese sites often declare gb2312 but use GBK-only characters (镕 is not in GB2312)."""
    data = html(ZH_SIMPLIFIED.format(n=1) + "镕", "gbk").replace(b"charset=gbk", b"charset=gb2312")
    with pytest.raises(UnicodeDecodeError):
        data.decode("gb2312")
    assert A.detect_charset(data, "text/html") == "gb18030"


def test_binary_media_have_no_charset_and_content_beats_the_name(docs):
    pdf = docs["report.pdf"].read_bytes()
    assert A.sniff_media_type(pdf, "page.html") == "application/pdf"
    assert A.detect_charset(pdf, "application/pdf") is None
    assert A.sniff_media_type(docs["photo.png"].read_bytes(), "x") == "image/png"
    assert A.sniff_media_type(b"<!doctype html><p>x", "x.txt") == "text/html"


def test_undecodable_text_is_a_clear_error():
    import random

    rng = random.Random(1)
    junk = bytes(rng.randrange(128, 256) for _ in range(4000))
    with pytest.raises(DataError) as info:
        A.detect_charset(junk, "text/plain", "junk.txt")
    assert info.value.code == "undecodable-charset"
    assert "junk.txt" in str(info.value) and "--binary" in str(info.value)


def test_title_is_decoded_with_the_page_charset(docs):
    data = docs["big5.html"].read_bytes()
    assert A.html_title(data, A.detect_charset(data, "text/html")) == "移植中心"


def test_round_trip_and_warcio_reads_and_checks_our_records(tmp_path, docs):
    arch = A.Archive(tmp_path / "home")
    refs = [_append(arch, docs[n].read_bytes(), n, tmp_path) for n in sorted(docs)]
    assert len(set(r.warc_file for r in refs)) == 1
    path = arch.path(refs[0].warc_file)
    with open(path, "rb") as fh:
        scan = A.scan_warc(fh)
    assert scan.problem is None
    assert [(s.offset, s.length, s.record_digest) for s in scan.records] == [
        (r.offset, r.length, r.record_digest) for r in refs
    ]
    assert [s.payload_digest for s in scan.records] == [r.digest for r in refs]
    raw = path.read_bytes()
    for r in refs:  # record digest = sha256 of the stored gzip member
        assert (
            r.record_digest
            == "sha256:" + hashlib.sha256(raw[r.offset : r.offset + r.length]).hexdigest()
        )
    # warcio, an independent reader, parses every record and verifies our sha256 digests
    with open(path, "rb") as fh:
        seen = []
        for rec in ArchiveIterator(fh, check_digests=True):
            body = rec.content_stream().read()
            seen.append(
                (rec.rec_headers.get_header("WARC-Target-URI"), hashlib.sha256(body).hexdigest())
            )
            assert rec.digest_checker.passed is not False, rec.digest_checker.problems
    assert [s[1] for s in seen] == [r.digest[7:] for r in refs]
    # each member is a standalone gzip stream holding one WARC/1.1 record
    first = gzip.decompress(raw[refs[0].offset : refs[0].offset + refs[0].length])
    assert first.startswith(b"WARC/1.1\r\n") and first.endswith(b"\r\n\r\n")
    with open(path, "rb") as fh:
        assert b"".join(A.read_payload(fh, refs[2].offset)) == docs[sorted(docs)[2]].read_bytes()


def test_file_changing_during_capture_is_refused_and_nothing_is_left(tmp_path):
    arch = A.Archive(tmp_path / "home")
    p = tmp_path / "a.txt"
    p.write_bytes(b"first version of the page\n")
    digest, size = A.digest_file(p)
    p.write_bytes(b"second version of the page\n")
    with arch.lock(), pytest.raises(DataError) as info:
        arch.append(
            p,
            size=size,
            digest=digest,
            target_uri="file:///a.txt",
            media_type="text/plain",
            charset="ascii",
            captured_at=WHEN,
        )
    assert info.value.code == "changed-during-capture"
    assert arch.path(arch.current_file()).stat().st_size == 0


def test_repair_tail_moves_unacknowledged_bytes_to_quarantine(tmp_path, docs):
    arch = A.Archive(tmp_path / "home")
    r1 = _append(arch, docs["notes.txt"].read_bytes(), "n.txt", tmp_path)
    path = arch.path(r1.warc_file)
    with open(path, "ab") as fh:
        fh.write(b"\x1f\x8b\x08\x00half a record")
    moved = arch.repair_tail(r1.warc_file, r1.offset + r1.length)
    assert moved is not None and moved.read_bytes() == b"\x1f\x8b\x08\x00half a record"
    assert path.stat().st_size == r1.offset + r1.length
    with open(path, "rb") as fh:
        assert A.scan_warc(fh).problem is None


# ----------------------------------------------------------------------------- torture set


def _member(record: bytes) -> bytes:
    return gzip.compress(record, mtime=0)


def _warc(payload: bytes, declared: bytes | None = None, length: int | None = None) -> bytes:
    digest = A.digest_to_warc("sha256:" + hashlib.sha256(declared or payload).hexdigest())
    head = (
        "WARC/1.1\r\nWARC-Type: resource\r\nWARC-Record-ID: <urn:uuid:0>\r\n"
        f"WARC-Payload-Digest: {digest}\r\n"
        f"Content-Length: {length if length is not None else len(payload)}\r\n\r\n"
    ).encode()
    return head + payload + b"\r\n\r\n"


@pytest.fixture()
def good(tmp_path, docs) -> tuple[bytes, list[A.RecordRef]]:
    arch = A.Archive(tmp_path / "torture")
    refs = [
        _append(arch, docs[n].read_bytes(), n, tmp_path)
        for n in ("gb2312.html", "report.pdf", "big5.html")
    ]
    return arch.path(refs[0].warc_file).read_bytes(), refs


def _flip(data: bytes, pos: int, mask: int = 0x5A) -> bytes:
    b = bytearray(data)
    b[pos] ^= mask
    return bytes(b)


TORTURE = {
    # name: (make broken bytes from (good, refs), expected code, records intact before it)
    "empty file": (lambda g, r: b"", None, 0),
    "truncated mid-record (crash while writing)": (
        lambda g, r: g[: r[2].offset + r[2].length // 2],
        "truncated",
        2,
    ),
    "truncated inside a gzip header": (lambda g, r: g[: r[2].offset + 5], "truncated", 2),
    "one byte of a gzip member": (lambda g, r: g[: r[2].offset + 1], "truncated", 2),
    "garbage appended": (lambda g, r: g + b"GARBAGE!", "not-gzip", 3),
    "uncompressed WARC": (lambda g, r: _warc(b"hello"), "not-gzip", 0),
    "flipped byte in compressed data": (
        lambda g, r: _flip(g, r[1].offset + r[1].length // 2),
        "corrupt-member",
        1,
    ),
    "flipped byte in gzip CRC32 trailer": (
        lambda g, r: _flip(g, r[0].offset + r[0].length - 6),
        "corrupt-member",
        0,
    ),
    "gzip member that is not a WARC record": (
        lambda g, r: g + _member(b"just some text\r\n\r\n"),
        "bad-record",
        3,
    ),
    "Content-Length larger than the content": (
        lambda g, r: g + _member(_warc(b"abc", length=10)),
        "bad-record",
        3,
    ),
    "Content-Length smaller than the content": (
        lambda g, r: g + _member(_warc(b"abcdefgh", length=3)),
        "bad-record",
        3,
    ),
    "payload differs from its declared sha256": (
        lambda g, r: g + _member(_warc(b"forged", declared=b"original")),
        "payload-digest-mismatch",
        3,
    ),
}


@pytest.mark.parametrize("name", sorted(TORTURE))
def test_torture_set_of_broken_archives_gets_the_expected_diagnosis(good, name):
    make, code, intact = TORTURE[name]
    data, refs = good
    broken = make(data, refs)
    scan = A.scan_warc(io.BytesIO(broken))
    if code is None:
        assert scan.problem is None
    else:
        assert scan.problem is not None, f"{name}: no problem found"
        assert scan.problem.code == code, scan.problem
        assert str(scan.problem.offset) in scan.problem.reason
    assert len(scan.records) == intact
    for s, r in zip(scan.records, refs, strict=False):
        assert s.record_digest == r.record_digest


def test_gzip_header_time_stamp_flip_passes_gzip_but_changes_the_record_digest(good):
    """gzip's CRC does not cover its header: only our record digest catches this change."""
    data, refs = good
    broken = _flip(data, refs[1].offset + 4)  # MTIME byte of the second member
    scan = A.scan_warc(io.BytesIO(broken))
    assert scan.problem is None and len(scan.records) == 3
    assert scan.records[1].payload_digest == refs[1].digest
    assert scan.records[1].record_digest != refs[1].record_digest


def test_incompressible_bytes_are_stored_uncompressed_and_still_verify(tmp_path):
    import random

    data = random.Random(5).randbytes(300_000)  # synthetic, like a PDF stream or a JPEG
    assert A.choose_level(data) == 0
    assert A.choose_level(b"<html>" + "肝移植 ".encode() * 20_000) == 1
    p = tmp_path / "r.bin"
    p.write_bytes(data)
    digest, size = A.digest_file(p)
    arch = A.Archive(tmp_path / "home")
    with arch.lock():
        ref = arch.append(
            p,
            size=size,
            digest=digest,
            target_uri=p.as_uri(),
            media_type="application/octet-stream",
            charset=None,
            captured_at=WHEN,
            level=0,
        )
    assert size < ref.length < size + 1000  # stored blocks: a few bytes of framing only
    with open(arch.path(ref.warc_file), "rb") as fh:
        scan = A.scan_warc(fh)
    assert scan.problem is None and scan.records[0].payload_digest == digest
    with open(arch.path(ref.warc_file), "rb") as fh:
        assert b"".join(A.read_payload(fh, 0)) == data


@settings(max_examples=25, deadline=None)
@given(
    payloads=st.lists(st.binary(min_size=1, max_size=2000), min_size=1, max_size=3),
    chunk=st.sampled_from([1, 7, 64, 4096, 1 << 20]),
    level=st.sampled_from([0, 1]),
    data=st.data(),
)
def test_scan_round_trips_at_any_chunk_size_and_sees_any_flipped_byte(payloads, chunk, level, data):
    """Property: what write_record wrote, scan_warc reads back exactly, however the
    stream is cut into chunks; one flipped byte anywhere changes a record digest or
    is reported as a problem. Payloads are synthetic (generated)."""
    import unittest.mock

    buf = io.BytesIO()
    refs = []
    for i, payload in enumerate(payloads):
        digest = A.digest_bytes(payload)
        offset = buf.tell()
        length, record_digest, _, _ = A.write_record(
            buf,
            io.BytesIO(payload),
            size=len(payload),
            digest=digest,
            target_uri=f"file:///synthetic/{i}",
            media_type="application/octet-stream",
            charset=None,
            captured_at=WHEN,
            level=level,
        )
        refs.append((offset, length, record_digest, digest))
    raw = buf.getvalue()
    with unittest.mock.patch.object(A, "CHUNK", chunk):
        scan = A.scan_warc(io.BytesIO(raw))
        assert scan.problem is None
        assert [
            (s.offset, s.length, s.record_digest, s.payload_digest) for s in scan.records
        ] == refs
        pos = data.draw(st.integers(0, 10**9)) % len(raw)  # record ids vary the length
        flipped = bytearray(raw)
        flipped[pos] ^= data.draw(st.integers(1, 255))
        scan2 = A.scan_warc(io.BytesIO(bytes(flipped)))
    seen = [(s.offset, s.length, s.record_digest, s.payload_digest) for s in scan2.records]
    assert scan2.problem is not None or seen != refs
