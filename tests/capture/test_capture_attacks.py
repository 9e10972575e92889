"""Attacks on capture's options (issue 10, holes 2 and 8): refused before anything is written.

On the old main the CRLF URL was accepted with exit 0 (and ``verify`` failed
forever after), and ``--party nonsense`` wrote the WARC record before refusing.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from transplant_audit.cli import app
from transplant_audit.errors import TransplantAuditError
from transplant_audit.urls import is_web_url, url_problem

runner = CliRunner()

CRLF_URL = "http://x/a\r\nWARC-Type: response\r\nX-Injected: 1"


def run(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=True)


def _snapshot(home: Path) -> dict[str, bytes]:
    """Every file under ``home`` with its bytes (the store and the archive)."""
    return {
        str(p.relative_to(home)): p.read_bytes()
        for p in sorted(home.rglob("*"))
        if p.is_file() and p.name != ".lock"
    }


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        (("--url", CRLF_URL), "--url"),
        (("--url", "javascript:alert(document.domain)//"), "--url"),
        (("--url", "http://x/a b"), "--url"),
        (("--url", "file:///etc/passwd"), "--url"),
        (("--url", "http://x/\x00"), "--url"),
        (("--note", "ok\r\nWARC-Type: response"), "--note"),
        (("--title", "a\nb"), "--title"),
        (("--publisher", "p\x1b[31m"), "--publisher"),
        (("--party", "nonsense"), "--party"),
        (("--kind", "nonsense"), "--kind"),
    ],
    ids=[
        "crlf-url",
        "javascript-url",
        "space-in-url",
        "file-url",
        "nul-in-url",
        "crlf-note",
        "newline-title",
        "escape-publisher",
        "party",
        "kind",
    ],
)
def test_bad_option_refused_before_anything_is_written(home, docs, extra, field):
    first = run("capture", str(docs["notes.txt"]), "--home", str(home), "--json")
    assert first.exit_code == 0, first.output
    before = _snapshot(home)
    result = run("capture", str(docs["english.html"]), "--home", str(home), *extra)
    assert result.exit_code != 0, result.output
    assert isinstance(result.exception, TransplantAuditError)
    assert result.exception.exit_code == 2
    assert field in str(result.exception)
    assert _snapshot(home) == before
    assert run("verify", "--home", str(home)).exit_code == 0


def test_bad_option_on_a_fresh_home_creates_no_store(tmp_path, docs):
    home = tmp_path / "fresh"
    result = run("capture", str(docs["notes.txt"]), "--home", str(home), "--url", CRLF_URL)
    assert isinstance(result.exception, TransplantAuditError)
    assert not home.exists() or _snapshot(home) == {}


def test_url_input_with_bad_scheme_is_refused(home):
    result = run("capture", "javascript:alert(1)//", "--home", str(home))
    assert isinstance(result.exception, TransplantAuditError)
    assert "PATH_OR_URL" in str(result.exception)
    assert _snapshot(home) == {}


def test_crlf_url_through_the_console_entry_point_is_one_line(home, docs, capsys):
    """The error line names the field; the store stays verifiable afterwards."""
    from transplant_audit import cli

    with pytest.raises(SystemExit) as exc:
        import sys

        argv = sys.argv
        sys.argv = ["transplant-audit", "capture", str(docs["notes.txt"]), "--home", str(home)]
        sys.argv += ["--url", CRLF_URL]
        try:
            cli.main()
        finally:
            sys.argv = argv
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert "--url" in err and "control character" in err and "[bad-url]" in err


def test_a_good_chinese_iri_is_still_accepted(home, docs):
    url = "https://www.例子.cn/医院/简介.html?id=1"
    result = run("capture", str(docs["notes.txt"]), "--home", str(home), "--url", url, "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)[0]["uri"] == url
    assert run("verify", "--home", str(home)).exit_code == 0


@pytest.mark.parametrize(
    "value",
    [
        "http://x/a\r\nb",
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "data:text/html,<b>",
        "//x/a",
    ],
)
def test_only_http_urls_are_web_urls(value):
    assert url_problem(value) is not None
    assert not is_web_url(value)


def test_archive_refuses_header_injection_from_any_caller(tmp_path):
    import io
    from datetime import UTC, datetime

    from transplant_audit.capture.archive import digest_bytes, write_record
    from transplant_audit.errors import DataError

    data = b"synthetic"
    out = io.BytesIO()
    with pytest.raises(DataError, match="WARC-Target-URI"):
        write_record(
            out,
            io.BytesIO(data),
            size=len(data),
            digest=digest_bytes(data),
            target_uri=CRLF_URL,
            media_type="text/plain",
            charset=None,
            captured_at=datetime.now(UTC),
        )
    assert out.getvalue() == b""


@pytest.mark.parametrize(
    ("row", "field"),
    [
        ('"http://x/a\nWARC-Type: response",,', "url"),
        ("javascript:alert(1)//,,", "url"),
        ('https://example.org/p,"a\r\nb",', "title"),
    ],
    ids=["newline-url", "javascript-url", "crlf-title"],
)
def test_page_list_rows_are_validated_before_anything_is_written(home, docs, row, field):
    listing = docs["notes.txt"].parent / "pages.csv"
    listing.write_text(f"path,url,title,note\nnotes.txt,{row}\n", encoding="utf-8")
    result = run("capture", "--pages", str(listing), "--home", str(home))
    assert isinstance(result.exception, TransplantAuditError), result.output
    assert f"field '{field}'" in str(result.exception) and "row 2" in str(result.exception)
    assert _snapshot(home) == {}
