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


def test_jobs_store_captured_sources_as_one_process(
    tmp_path_factory: pytest.TempPathFactory, files: list[str]
) -> None:
    """Captured sources read by id: with --jobs 2 the candidates are stored by this process,
    in order, and the output (candidate ids included) is that of --jobs 1 in a twin home."""
    docs = [f for f in files if "missing" not in f][:5]
    outputs = []
    for jobs in ("1", "2"):
        home = tmp_path_factory.mktemp(f"home{jobs}")
        run(home, "capture", *docs)
        ids = _source_ids(home)
        sources = [ids[Path(d).name] for d in docs]
        result = run(home, "extract", *sources, "--json", "--extractor", "carol", "-j", jobs)
        outputs.append(result)
        assert _stored(home) == len(json.loads(result.stdout)) > 0
    assert outputs[1].stdout == outputs[0].stdout
    assert outputs[1].stderr == outputs[0].stderr
    assert all(r["candidate_id"] for r in json.loads(outputs[0].stdout))


def _source_ids(home: Path) -> dict[str, str]:
    from transplant_audit.evidence.archive_schema import Capture
    from transplant_audit.evidence.store import Store

    with Store.open(home=home) as store, store.session() as s:
        return {Path(c.uri).name: c.source_id for c in s.query(Capture)}


def _stored(home: Path) -> int:
    from sqlalchemy import func, select

    from transplant_audit.evidence.store import Store
    from transplant_audit.extract.review_schema import Candidate as StoredCandidate

    with Store.open(home=home) as store, store.session() as s:
        return int(s.execute(select(func.count()).select_from(StoredCandidate)).scalar_one())
