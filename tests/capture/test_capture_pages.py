"""capture --pages: many saved web pages, each under the address it was published at.

Every page here is SYNTHETIC test text written for this test.
"""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from transplant_audit.cli import app
from transplant_audit.errors import ConfigError, DataError

runner = CliRunner()

HEADER = "path,url,title,publisher,party,kind,note\n"


def _pages(tmp_path: Path, rows: str) -> Path:
    folder = tmp_path / "pages"
    folder.mkdir(exist_ok=True)
    (folder / "a.txt").write_text("合成测试页面甲:医院现有床位1200张。\n", encoding="utf-8")
    (folder / "b.txt").write_text("Synthetic test page B: the centre has 40 beds.\n")
    listing = folder / "list.csv"
    listing.write_text(HEADER + rows, encoding="utf-8")
    return listing


def _run(home: Path, *args: str):
    return runner.invoke(app, ["capture", *args, "--home", str(home), "--json"])


def test_a_page_list_captures_each_page_under_its_url(tmp_path: Path) -> None:
    home = tmp_path / "home"
    listing = _pages(
        tmp_path,
        "a.txt,https://example.invalid/a,Page A,Example Hospital,hospital,hospital_site,saved\n"
        "b.txt,https://example.invalid/b,Page B,Example News,state_media,news,\n",
    )
    result = _run(home, "--pages", str(listing))
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert [o["uri"] for o in out] == ["https://example.invalid/a", "https://example.invalid/b"]
    from transplant_audit.evidence.schema import Source
    from transplant_audit.evidence.store import Store

    with Store.open(home=home) as store, store.session() as s:
        src = s.get(Source, out[1]["source_id"])
        assert (src.url, src.party, src.kind, src.publisher) == (
            "https://example.invalid/b",
            "state_media",
            "news",
            "Example News",
        )
        assert src.digest == out[1]["digest"]
    assert runner.invoke(app, ["verify", "--home", str(home)]).exit_code == 0


def test_a_bad_row_names_list_row_and_field_and_writes_nothing(tmp_path: Path) -> None:
    home = tmp_path / "home"
    listing = _pages(
        tmp_path,
        "a.txt,https://example.invalid/a,Page A,,hospital,hospital_site,\n"
        "missing.txt,https://example.invalid/m,Missing,,other,web,\n",
    )
    result = _run(home, "--pages", str(listing))
    err = result.exception
    assert isinstance(err, DataError) and err.exit_code == 2
    assert "list.csv, row 3, field 'path'" in str(err) and "no such file" in str(err)
    # nothing written: row 2 was good, but the list is checked whole before any capture
    assert not list(home.glob("archive/*.warc.gz"))


def test_a_row_without_a_published_address_is_refused(tmp_path: Path) -> None:
    listing = _pages(tmp_path, "a.txt,not-a-url,Page A,,other,web,\n")
    err = _run(tmp_path / "home", "--pages", str(listing)).exception
    assert isinstance(err, DataError) and "row 2, field 'url'" in str(err)


def test_pages_and_files_together_are_refused(tmp_path: Path) -> None:
    listing = _pages(tmp_path, "a.txt,https://example.invalid/a,,,other,web,\n")
    result = _run(tmp_path / "home", str(listing.parent / "b.txt"), "--pages", str(listing))
    assert isinstance(result.exception, ConfigError) and result.exception.exit_code == 2
    assert "not both" in str(result.exception)
