"""The annotated corpus (synthetic test material, see corpus/README.md): well-formed, and
the extractor meets the issue's precision and recall targets on every language."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from transplant_audit.evidence.vocabulary import INDICATORS, ORGANS, Qualifier
from transplant_audit.extract.evaluate import evaluate, gold_span

CORPUS = Path(__file__).parent / "corpus"
SETS = {
    "dev": [("zh_hans.json", "zh-Hans"), ("zh_hant.json", "zh-Hant"), ("en.json", "en")],
    "heldout": [("heldout.json", None)],
    "heldout2": [("heldout2.json", None)],
    "heldout3": [("heldout3.json", None)],
}


def load(name: str) -> list[dict]:
    docs = []
    for filename, lang in SETS[name]:
        for d in json.loads((CORPUS / filename).read_text(encoding="utf-8")):
            if lang:
                d["language"] = lang
            docs.append(d)
    return docs


@pytest.mark.parametrize("name", list(SETS))
def test_corpus_is_well_formed(name: str) -> None:
    docs = load(name)
    ids = [d["id"] for d in docs]
    assert len(ids) == len(set(ids))
    for d in docs:
        assert d["language"] in ("zh-Hans", "zh-Hant", "en")
        for g in d["gold"]:
            assert g["indicator"] in INDICATORS, (d["id"], g)
            assert g.get("organ", "") == "" or g["organ"] in ORGANS, (d["id"], g)
            assert g.get("qualifier", "exact") in set(Qualifier), (d["id"], g)
            s, e = gold_span(d["text"], g)
            assert d["text"][s:e] == g["text"]


@pytest.mark.parametrize("name", list(SETS))
def test_targets_per_language(name: str) -> None:
    report = evaluate(load(name))
    for lang in ("zh-Hans", "zh-Hant", "en"):
        t = report.by_language[lang]
        assert t.precision >= 0.9, (name, lang, t)
        assert t.recall >= 0.8, (name, lang, t)


def test_evaluation_counts_mistakes() -> None:
    """The scorer itself: a wrong qualifier is a false positive and a false negative."""
    doc = {
        "id": "x",
        "language": "zh-Hans",
        "text": "该院至今已完成肝移植1200余例。",
        "gold": [
            {
                "indicator": "transplants_cumulative",
                "organ": "liver",
                "value": 1200,
                "qualifier": "exact",
                "text": "1200余例",
            }
        ],
    }
    r = evaluate([doc])
    t = r.by_language["zh-Hans"]
    assert (t.tp, t.fp, t.fn) == (0, 1, 1)
    doc["gold"][0]["qualifier"] = "at_least"
    t = evaluate([doc]).by_language["zh-Hans"]
    assert (t.tp, t.fp, t.fn) == (1, 0, 0)
