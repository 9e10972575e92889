"""data-src/source_dates.csv: publication dates read from stored copies of the sources.

The build fills an empty ``published`` from it, never overwrites a different date, and
refuses a bad row with file, row and field. The shared folder and curated files made
here are SYNTHETIC (example.org URLs, invented dates) and never enter data/.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from test_build import _synthetic_shared, tool

from transplant_audit.errors import DataError
from transplant_audit.evidence.package import source_id

REPO = Path(__file__).resolve().parents[2]
HEADER = "url,published,kind_of_date,evidence,locator,found_via,looked_up\n"
U1, U2, U3 = (f"https://example.org/synthetic/{n}" for n in ("a", "b", "c"))
EXTRA = "https://example.org/synthetic/dated-elsewhere"


def _src(tmp_path: Path, dates: str, extra_published: str = "2020") -> Path:
    """A SYNTHETIC data-src: one extra source already dated, and the given source_dates rows."""
    src = tmp_path / "data-src"
    src.mkdir()
    (src / "extra_sources.csv").write_text(
        "url,title,publisher,party,published,retrieved,language,kind,note\n"
        f"{EXTRA},Synthetic,Example,other,{extra_published},,en,web,synthetic\n",
        encoding="utf-8",
    )
    (src / "source_dates.csv").write_text(HEADER + dates, encoding="utf-8")
    return src


def _build(tmp_path: Path, dates: str, extra_published: str = "2020"):  # noqa: ANN202
    shared = _synthetic_shared(tmp_path / "shared")
    evidence, _ = tool.build(shared, _src(tmp_path, dates, extra_published))
    return evidence.sources.set_index("id")


def test_overlay_fills_only_empty_dates_and_says_so(tmp_path: Path) -> None:
    sources = _build(
        tmp_path,
        f"{U1},2019-05-01,updated,Last updated 1 May 2019,footer 'Last updated',{U1},2026-12-05\n"
        f"{U2},,,,no date in the stored copy's opening text,{U2}/,2026-12-05\n"
        f"{EXTRA},2020,published,(2020),citation line,{EXTRA},2026-12-05\n",
    )
    a = sources.loc[source_id(U1)]
    assert a["published"] == "2019-05-01"
    assert a["note"].endswith(
        "published date read from the stored copy (updated, footer 'Last updated')"
    )
    b = sources.loc[source_id(U2)]  # looked up, no date: stays empty, no note
    assert b["published"] == "" and "stored copy" not in b["note"]
    extra = sources.loc[source_id(EXTRA)]  # already dated with the same value: untouched
    assert extra["published"] == "2020" and extra["note"] == "synthetic"
    assert sources.loc[source_id(U3), "published"] == ""  # not in the file


def test_a_conflicting_date_is_an_error_naming_file_row_field(tmp_path: Path) -> None:
    with pytest.raises(DataError) as info:
        _build(
            tmp_path,
            f"{U1},2019,published,(2019),citation line,{U1},2026-12-05\n"
            f"{EXTRA},2019-03,published,March 2019,header dateline,{EXTRA},2026-12-05\n",
        )
    err = info.value
    assert (err.file, err.row, err.field, err.code) == (
        "data-src/source_dates.csv",
        3,
        "published",
        "conflict",
    )
    assert "2020" in err.reason and err.value == "2019-03"


@pytest.mark.parametrize(
    ("row", "field", "code"),
    [
        (f"{U1},2019-13-01,published,x,header,{U1},2026-12-05", "published", "bad-date"),
        (f"{U1},2019-02-30,published,x,header,{U1},2026-12-05", "published", "bad-date"),
        (f"{U1},May 2019,published,x,header,{U1},2026-12-05", "published", "bad-date"),
        (f"{U1},2019,published,x,header,{U1},2026-12", "looked_up", "bad-value"),
        (f"{U1},2027-01-01,published,x,header,{U1},2026-12-05", "published", "bad-value"),
        (f"{U1},2019,modified,x,header,{U1},2026-12-05", "kind_of_date", "bad-value"),
        (f"{U1},2019,published,,header,{U1},2026-12-05", "evidence", "missing-value"),
        (f"{U1},2019,published,x,,{U1},2026-12-05", "locator", "missing-value"),
        (f"{U1},2019,published,x,header,,2026-12-05", "found_via", "missing-value"),
        (f"{U1},2019-01-02,published,20190102,URL path,,2026-12-05", "evidence", "bad-value"),
        (f"{U1},,published,x,header,{U1},2026-12-05", "published", "bad-value"),
        (f"{U1}/,2019,published,x,header,{U1},2026-12-05", "url", "unknown-source-url"),
        (f"https://example.org/no-source,2019,published,x,h,{U1},2026-12-05", "url", ""),
    ],
)
def test_a_bad_row_is_one_error_naming_file_row_field(
    tmp_path: Path, row: str, field: str, code: str
) -> None:
    with pytest.raises(DataError) as info:
        _build(tmp_path, f"{U2},,,,no stored copy found,,2026-12-05\n{row}\n")
    err = info.value
    assert (err.file, err.row, err.field) == ("data-src/source_dates.csv", 3, field)
    assert err.code == (code or "unknown-source-url")


def test_a_repeated_url_is_refused(tmp_path: Path) -> None:
    row = f"{U1},2019,published,(2019),citation line,{U1},2026-12-05\n"
    with pytest.raises(DataError) as info:
        _build(tmp_path, row + row)
    assert (info.value.row, info.value.field, info.value.code) == (3, "url", "duplicate-id")


def test_the_command_exits_2_with_one_line_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shared = _synthetic_shared(tmp_path / "shared")
    src = _src(tmp_path, f"{U1},2019-13,published,x,header,{U1},2026-12-05\n")
    out = tmp_path / "out"
    code = tool.main(["--shared", str(shared), "--src", str(src), "--out", str(out)])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 2 and len(err) == 1
    assert "source_dates.csv" in err[0] and "row 2" in err[0] and "published" in err[0]
    assert not out.exists()


def _bundled_dates() -> list[dict[str, str]]:
    with (REPO / "data-src" / "source_dates.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _bundled_sources() -> dict[str, dict[str, str]]:
    with (REPO / "data" / "sources.csv").open(encoding="utf-8", newline="") as f:
        return {r["url"]: r for r in csv.DictReader(f)}


def test_every_bundled_row_is_a_source_and_its_date_is_in_the_package() -> None:
    dates, sources = _bundled_dates(), _bundled_sources()
    assert dates, "data-src/source_dates.csv is empty"
    for row in dates:
        assert row["url"] in sources, f"not a source: {row['url']}"
        if row["published"]:
            assert sources[row["url"]]["published"] == row["published"], row["url"]


def test_count_of_dated_sources_is_what_the_file_implies() -> None:
    dates, sources = _bundled_dates(), _bundled_sources()
    dated = [r for r in dates if r["published"]]
    notes = (tool.NOTE_FROM_PAGE, tool.NOTE_FROM_PATH)
    noted = [s for s in sources.values() if any(n in s["note"] for n in notes)]
    # every dated row fills a source that had no date otherwise, and only those say so
    assert sorted(s["url"] for s in noted) == sorted(r["url"] for r in dated)
    from_pages = sum(r["locator"] != tool.URL_PATH_LOCATOR for r in dated)
    stored = [s for s in noted if tool.NOTE_FROM_PAGE in s["note"]]
    assert len(stored) == from_pages
