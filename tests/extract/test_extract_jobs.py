"""``extract --jobs N``: many documents read by worker processes give the same output, byte
for byte and in the same order, as one process (issue 14). The documents are texts of the
synthetic corpus (tests/extract/corpus, test material written by the project)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from transplant_audit.extract import commands

from .conftest import run

CORPUS = Path(__file__).parent / "corpus"


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """Eleven corpus documents of the three languages as text files, plus one that is
    missing (an error line for it, the others still read)."""
    d = tmp_path_factory.mktemp("docs")
    docs = []
    for name in ("zh_hans.json", "zh_hant.json", "en.json"):
        docs += json.loads((CORPUS / name).read_text(encoding="utf-8"))[:4]
    paths = []
    for i, doc in enumerate(docs[:11]):
        p = d / f"doc{i:02d}.txt"
        p.write_text(doc["text"], encoding="utf-8")
        paths.append(str(p))
    paths.insert(5, str(d / "missing.txt"))
    return paths


@pytest.mark.parametrize("method", ["rules", "combined"])
def test_jobs_output_identical(tmp_path: Path, files: list[str], method: str) -> None:
    one = run(tmp_path, "extract", *files, "--json", "--method", method, ok=False)
    two = run(tmp_path, "extract", *files, "--json", "--method", method, "--jobs", "2", ok=False)
    assert one.returncode == two.returncode == 2  # the missing file
    assert two.stdout == one.stdout
    assert two.stderr == one.stderr
    records = json.loads(one.stdout)
    assert len(records) > 20
    order = list(dict.fromkeys(r["source"] for r in records))
    assert order == sorted(order)  # the sources' order (their names sort as given)
    assert "missing.txt" in one.stderr


def test_jobs_table_identical(tmp_path: Path, files: list[str]) -> None:
    ok = [f for f in files if "missing" not in f]
    one = run(tmp_path, "extract", *ok)
    three = run(tmp_path, "extract", *ok, "-j", "3")
    assert three.stdout == one.stdout
    assert "candidate figures in 11 documents" in one.stdout


def test_jobs_must_be_positive(tmp_path: Path, files: list[str]) -> None:
    result = run(tmp_path, "extract", files[0], "--jobs", "0", ok=False)
    assert result.returncode == 2


def test_windows_keep_order() -> None:
    sources = [f"s{i}" for i in range(19)]
    assert commands._windows(sources, 1) == [[s] for s in sources]
    grouped = commands._windows(sources, 2)
    assert [len(w) for w in grouped] == [8, 8, 3]
    assert [s for w in grouped for s in w] == sources
