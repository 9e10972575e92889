"""The blind-set kit (tests/extract/realtext/kit/): its checks refuse what the build refuses,
its export hides the first annotation, its comparison finds the snippets that differ. The
snippets here are SYNTHETIC, written for these tests (the one real line is an earlier set's
URL, to be refused)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import REALTEXT

KIT = REALTEXT / "kit"
NEW_PAGE = (
    "U https://example.org/synthetic/kit-test\nL en\n"
    "T The (synthetic) unit did 40 kidney transplants in 2019.\n"
    "F transplants_in_period 40 exact kidney\n"
    "T A (synthetic) sentence with no figure at all.\n"
)


def _run(script: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(KIT / script), *args], capture_output=True, text=True, check=False
    )


def _gather(tmp_path: Path, text: str, name: str = "zE01.txt") -> Path:
    (tmp_path / "E").mkdir(parents=True, exist_ok=True)
    (tmp_path / "E" / name).write_text(text, encoding="utf-8")
    return tmp_path


def _earlier_url() -> str:
    for line in (REALTEXT / "raw" / "fE01.txt").read_text(encoding="utf-8").splitlines():
        if line.startswith("U "):
            return line[2:]
    raise AssertionError("no URL in raw/fE01.txt")


@pytest.mark.parametrize(
    ("name", "part"),
    [
        ("iE01.txt", "E"),
        ("iE21.txt", "E2"),
        ("iT32.txt", "T3"),
        ("jS15.txt", "S"),
        ("jT41.txt", "T4"),
        ("abE21.txt", "E2"),  # a two-letter prefix, once the single letters are spent
    ],
)
def test_a_file_name_gives_its_part(name: str, part: str) -> None:
    sys.path.insert(0, str(KIT))
    try:
        from parts import part_of
    finally:
        sys.path.remove(str(KIT))
    assert part_of(Path(name)) == part


def test_check_passes_a_new_page_and_refuses_an_earlier_one(tmp_path: Path) -> None:
    ok = _run("check.py", str(_gather(tmp_path / "a", NEW_PAGE)), "heldout99", "z")
    assert ok.returncode == 0 and ok.stdout.startswith("OK 2 snippets"), ok.stdout + ok.stderr
    reused = NEW_PAGE.replace("https://example.org/synthetic/kit-test", _earlier_url())
    bad = _run("check.py", str(_gather(tmp_path / "b", reused)), "heldout99", "z")
    assert bad.returncode == 1 and bad.stdout.startswith("FAIL"), bad.stdout + bad.stderr
    assert "reuses" in bad.stdout


def test_check_refuses_an_unknown_indicator(tmp_path: Path) -> None:
    wrong = NEW_PAGE.replace("transplants_in_period", "transplants_per_fortnight")
    bad = _run("check.py", str(_gather(tmp_path, wrong)), "heldout99", "z")
    assert bad.returncode == 1 and "unknown indicator" in bad.stdout, bad.stdout


def test_export_hides_the_figures_and_compare_finds_a_difference(tmp_path: Path) -> None:
    gather = _gather(tmp_path / "g", NEW_PAGE)
    out = tmp_path / "second"
    done = _run("export_texts.py", str(gather), "z", str(out), "7")
    assert done.returncode == 0, done.stderr
    texts = (out / "in" / "zE_texts.txt").read_text(encoding="utf-8")
    assert "F " not in texts and texts.count("\nT ") == 2
    assert (out / "spot_sample.txt").read_text(encoding="utf-8").count("T ") == 2
    second = texts.replace(
        "in 2019.\n", "in 2019.\nF transplants_cumulative 40 exact kidney\n"
    )  # the second annotator names it otherwise
    (out / "zE_second_annotation.txt").write_text(second, encoding="utf-8")
    got = _run("compare.py", str(gather), "z", str(out))
    assert got.returncode == 0, got.stderr
    assert "== E: 2 snippets, 1 differ" in got.stdout
    assert "pooled F1 second vs first 0.000" in got.stdout


def _kit_module(name: str):  # noqa: ANN202
    sys.path[:0] = [str(KIT), str(REALTEXT)]
    try:
        return __import__(name)
    finally:
        sys.path.remove(str(KIT))
        sys.path.remove(str(REALTEXT))


def test_a_longer_prefix_is_not_swept_into_an_earlier_batch(tmp_path: Path) -> None:
    """Every single letter is a used raw prefix (o, heldout25's, was the last): a later set's
    'abE01.txt' must not join batch a (heldout17) in the build, nor be gathered as part of a
    set whose prefix is a. Earlier batches' names (b01.txt, aE01.txt) stay in theirs."""
    build_set, parts = _kit_module("build_set"), _kit_module("parts")
    raw = tmp_path / "raw"
    raw.mkdir()
    for name in ("a01.txt", "aE01.txt", "aT21.txt", "abE01.txt", "abS21.txt", "aE01.txt.bak"):
        (raw / name).write_text(NEW_PAGE, encoding="utf-8")
    assert [p.name for p in build_set.batch_files(raw, "a")] == ["a01.txt", "aE01.txt", "aT21.txt"]
    assert [p.name for p in build_set.batch_files(raw, "ab")] == ["abE01.txt", "abS21.txt"]
    gather = tmp_path / "gather"
    for folder, name in (("E", "aE01.txt"), ("E", "abE01.txt"), ("S", "abS21.txt")):
        (gather / folder).mkdir(parents=True, exist_ok=True)
        (gather / folder / name).write_text(NEW_PAGE, encoding="utf-8")
    assert [p.name for p in parts.gather_files(gather, "a")] == ["aE01.txt"]
    assert parts.parts(gather, "ab") == {
        "E": [gather / "E" / "abE01.txt"],
        "S2": [gather / "S" / "abS21.txt"],
    }
