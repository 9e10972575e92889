"""Paths a careless or hostile user gives where a file is expected (x7's adversarial audit).

A directory, a symlink loop or an existing file where a directory is wanted: each must
give exit 2 and ONE line naming the path and the reason (no traceback), and leave no
temp file or half-written output behind. Runs the INSTALLED ``transplant-audit``
script, as a user would (``console_cases.problems``). The CSV files are SYNTHETIC.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from console_cases import Case, problems

SCRIPT = shutil.which("transplant-audit")


TABLE = """
forensics-csv-is-dir  | forensics --csv {dir}/adir           | adir; directory; [not-a-file]
forensics-csv-loop    | forensics --csv {dir}/loop           | loop; symbolic links; [unreadable]
verify-manifest-dir   | verify --manifest {dir}/adir         | adir; directory; [not-a-file]
verify-manifest-loop  | verify --manifest {dir}/loop         | loop; symbolic links; [unreadable]
verify-key-is-dir | verify --manifest {dir}/afile --public-key {dir}/adir | adir; [not-a-file]
capture-pages-is-dir  | capture --pages {dir}/adir           | adir; directory; [not-a-file]
capture-pages-loop    | capture --pages {dir}/loop           | loop; symbolic links; [unreadable]
coverage-json-to-dir  | coverage --json {dir}/adir           | adir; directory; [cannot-write]
donorpool-json-to-dir | donorpool --json {dir}/adir          | adir; directory; [cannot-write]
forensics-json-to-dir | forensics --all --json {dir}/adir    | adir; directory; [cannot-write]
estimate-json-to-dir  | estimate --draws 200 --json {dir}/adir | adir; directory; [cannot-write]
json-under-a-file     | coverage --json {dir}/afile/out.json | afile; [cannot-write]
estimate-csv-in-file  | estimate --draws 200 --csv {dir}/afile | afile; [cannot-write]
forensics-charts-in-file | forensics --all --charts {dir}/afile | afile; [cannot-write]
export-under-a-file   | export {dir}/afile/pkg              | afile/pkg; [cannot-write]
manifest-out-is-dir   | manifest --out {dir}/adir            | adir; directory; [cannot-write]
manifest-key-to-dir | manifest --out {dir}/m.json --public-key-out {dir}/adir | adir; [cannot-write]
manifest-to-dir-key | manifest --out {dir}/adir --public-key-out {dir}/k.pem | adir; [cannot-write]
registry-out-is-file | registry aggregates --out {dir}/afile | afile; not a directory
registry-out-in-file | registry aggregates --out {dir}/afile/agg | afile/agg; [cannot-write]
"""
"""One case a line: id | command line | fragments its one error line must hold."""

CASES = tuple(
    Case(id_.strip(), tuple(args.split()), expect=tuple(e.strip() for e in expect.split(";")))
    for id_, args, expect in (line.split("|") for line in TABLE.strip().splitlines())
)


def _listing(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if "home" not in p.parts)


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_a_wrong_kind_of_path_gives_one_line_and_writes_nothing(case: Case, tmp_path: Path) -> None:
    assert SCRIPT is not None, "transplant-audit console script not on PATH"
    (tmp_path / "adir").mkdir()
    (tmp_path / "afile").write_text("not a directory\n", encoding="utf-8")
    (tmp_path / "loop").symlink_to(tmp_path / "loop2")
    (tmp_path / "loop2").symlink_to(tmp_path / "loop")
    before = _listing(tmp_path)
    assert problems(SCRIPT, case, tmp_path) == []
    assert _listing(tmp_path) == before, "a temp file or partial output was left behind"
    assert (tmp_path / "afile").read_text(encoding="utf-8") == "not a directory\n"


def test_invalid_utf8_names_the_row(tmp_path: Path) -> None:
    """On main the error said "position 0" of a decoder chunk and no row; the bad byte is in
    row 3 (SYNTHETIC counts, a Latin-1 byte in the value)."""
    assert SCRIPT is not None, "transplant-audit console script not on PATH"
    (tmp_path / "counts.csv").write_bytes(b"year,value\n2010,5\n2011,6\xff\n2012,7\n2013,8\n")
    case = Case(
        "invalid-utf8",
        ("forensics", "--csv", "{dir}/counts.csv"),
        expect=("counts.csv", "row 3", "UTF-8", "0xff", "[encoding-error]"),
    )
    assert problems(SCRIPT, case, tmp_path) == []


def test_an_unreadable_capture_input_says_so_in_the_codes_words(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file capture may not open (permission) is the one ``unreadable`` line of
    ``fileerrors.read_error``: 'cannot be read: REASON', the code's documented template
    (root ignores file modes, so ``open`` is made to refuse)."""
    import builtins

    from transplant_audit.capture import service
    from transplant_audit.errors import DataError

    page = tmp_path / "page.html"
    page.write_text("<p>x</p>", encoding="utf-8")
    real_open = builtins.open

    def refuse(file, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        if Path(file) == page:
            raise PermissionError(13, "Permission denied")
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", refuse)
    with pytest.raises(DataError) as info:
        service.prepare(page)
    assert info.value.code == "unreadable"
    assert info.value.reason == "cannot be read: Permission denied"


@pytest.mark.parametrize(
    "args",
    [("estimate", "--assumptions", "{dir}/bad.yaml"), ("capture", "--pages", "{dir}/bad.csv")],
    ids=["yaml-override", "page-list"],
)
def test_invalid_utf8_elsewhere_is_the_same_code(args: tuple[str, ...], tmp_path: Path) -> None:
    """Not UTF-8 is [encoding-error] everywhere (docs/errors.md, merged codes); an assumption
    override and a page list said [bad-encoding] on dd443ca. SYNTHETIC bytes."""
    assert SCRIPT is not None, "transplant-audit console script not on PATH"
    (tmp_path / "bad.yaml").write_bytes(b"capacity_utilisation: {distribution: fixed}\n# \xff\n")
    (tmp_path / "bad.csv").write_bytes(b"path,url\n\xff.html,https://example.org/\n")
    name = args[-1].rsplit("/", 1)[-1]
    case = Case("not-utf8-" + name, args, expect=(name, "UTF-8", "[encoding-error]"))
    assert problems(SCRIPT, case, tmp_path) == []
