"""The second held-out real-text set (tests/extract/realtext/heldout2.json, issue 14): gathered
blind to the extractor, from pages none of the other sets used. These tests check the set
itself (size, form, disjointness, reproducibility, the texts-only export for a blind second
annotator); they never run the extractor on it. Scoring it is bench_extract.py's job."""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from .conftest import assert_snippets_well_formed

REALTEXT = Path(__file__).parent / "realtext"
LANGUAGES = ("en", "zh-Hans", "zh-Hant")


@pytest.fixture(scope="module")
def build_set() -> Iterator[ModuleType]:
    sys.path.insert(0, str(REALTEXT))
    try:
        import build_set as module

        yield module
    finally:
        sys.path.remove(str(REALTEXT))


@pytest.fixture(scope="module")
def docs() -> list[dict]:
    return json.loads((REALTEXT / "heldout2.json").read_text(encoding="utf-8"))


def test_size_languages_and_pages(docs: list[dict]) -> None:
    assert len(docs) >= 180
    langs = Counter(d["language"] for d in docs)
    for lang in LANGUAGES:
        assert langs[lang] >= 60, (lang, langs[lang])
    per_page = Counter(d["url"] for d in docs)
    assert len(per_page) >= 60
    assert max(per_page.values()) <= 5, per_page.most_common(1)
    assert sum(not d["gold"] for d in docs) >= 0.1 * len(docs)  # snippets with no figure


def test_snippets_are_well_formed(docs: list[dict]) -> None:
    assert not [d["id"] for d in docs if not d["id"].startswith("h2-")]
    assert_snippets_well_formed(docs)


def test_rebuilt_from_its_sources_and_disjoint(build_set: ModuleType, docs: list[dict]) -> None:
    """heldout2.json is exactly what build_set.py makes from raw/h*.txt, and the build refuses
    any page (URL however spelled) or 40-character run of text of realtext or dev2."""
    assert build_set.build_heldout2() == docs
    others = build_set.build() + build_set.build("d", "rt2")
    used = {build_set._url_key(d["url"]) for d in others}
    assert not {build_set._url_key(d["url"]) for d in docs} & used


def test_build_refuses_a_reused_page(build_set: ModuleType) -> None:
    first = build_set.build()[0]
    key = build_set._url_key(first["url"])
    assert build_set._url_key(f"http://www.{key}/") == key
    assert build_set._url_key(f"https://{key}") == key
    shingles = build_set._shingles("x" * 10 + first["text"][:60])
    assert shingles & build_set._shingles(first["text"])


def test_texts_only_export_hides_the_figures(
    build_set: ModuleType, docs: list[dict], tmp_path: Path
) -> None:
    out = tmp_path / "texts.txt"
    build_set.write_texts_only(out)
    lines = out.read_text(encoding="utf-8").splitlines()
    assert not [line for line in lines if line.startswith("F ")]
    texts = [line[2:].replace("\\n", "\n") for line in lines if line.startswith("T ")]
    assert texts == [d["text"] for d in docs]
