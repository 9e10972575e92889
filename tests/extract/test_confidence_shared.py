"""The confidence shares the extraction's work (``learned.Document``: rules once, numbers read
once, only the spans candidates sit on scored) without changing a number, and
``extract --no-confidence`` skips it. benchmarks/confidence_identity.py checks the same
identity over every real-text set and the corpus against another tree. Sentences written
here are synthetic test material, not evidence."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from transplant_audit.extract import confidence as cf
from transplant_audit.extract import learned

from .conftest import run, write_note

SYNTHETIC = (
    "The (fictional) Riverside hospital has 120 transplant beds and performed 300 kidney "
    "transplants in 2015, up from 12 in 2010; 45% of 80 patients waited 2 weeks. A liver "
    "transplant cost 250,000 yuan. Table: 2011 | 37 | 2012 | 41.\n"
    "（虚构）河畔医院2016年完成肝移植85例，床位1200张，等待时间约3个月，费用约20万元。\n"
)
"""Synthetic test material (an invented hospital), repeated to make a denser page."""
PAGE = SYNTHETIC * 6


def test_scoring_some_spans_gives_the_rows_of_scoring_all() -> None:
    model = learned.load_model()
    doc = learned.Document.of(PAGE)
    every = learned.score_spans(model, doc.norm, doc.spans, doc.lang)
    some = [i for i in range(len(doc.spans)) if i % 3 == 1]
    assert len(some) >= 10
    assert np.array_equal(doc.scores(model, some), every[some])
    assert np.array_equal(doc.scores(model, list(range(len(doc.spans)))), every)


@pytest.mark.parametrize("method", learned.METHODS)
def test_sharing_the_document_changes_no_candidate_score_or_confidence(method: str) -> None:
    model = learned.load_model()
    alone = learned.extract_scored(PAGE, method=method, model=model)
    doc = learned.Document.of(PAGE)
    shared = learned.extract_scored(PAGE, method=method, model=model, document=doc)
    assert shared == alone and len(alone) >= 20
    cands = [c for c, _ in alone]
    # every span scored, the rules run again: what the confidence computed before sharing
    lang, norm, spans = learned.document_spans(PAGE)
    probs = learned.score_spans(model, norm, spans, lang)
    rules = [c for sp in spans for c in sp.rules]
    r = model.relabeller
    rprobs = relabel_probs(r, norm, rules, lang)
    before = cf.evidence(spans, probs, model.classes, rules, rprobs, r, cands)
    after = cf.document_evidence(PAGE, cands, model=model, document=doc)
    assert [(e.origin, e.p_span) for e in after] == [(e.origin, e.p_span) for e in before]
    np.testing.assert_array_equal([e.p_relabel for e in after], [e.p_relabel for e in before])
    got = [q for _, _, q in cf.extract_confident(PAGE, method=method, model=model)]
    cal = cf.load_calibration()
    assert got == [cal.probability(e) for e in before]


def relabel_probs(r, norm, rules, lang):  # noqa: ANN001, ANN201
    from transplant_audit.extract import relabel

    if r is None or not rules:
        return None
    return relabel.probabilities(r, relabel.candidate_features(norm, rules, lang))


def test_document_candidates_rounds_and_cuts_once() -> None:
    full = cf.extract_confident(PAGE)
    stored = cf.document_candidates(PAGE)
    assert [(c, s) for c, s, _ in stored] == [(c, s) for c, s, _ in full]
    assert [q for _, _, q in stored] == [round(q, cf.STORED_DIGITS) for _, _, q in full]
    cut = sorted(q for _, _, q in stored)[len(stored) // 2]
    assert cf.document_candidates(PAGE, minimum=cut) == [it for it in stored if it[2] >= cut]
    bare = cf.document_candidates(PAGE, with_confidence=False)
    assert bare == [(c, s, None) for c, s, _ in stored]
    with pytest.raises(ValueError):
        cf.document_candidates(PAGE, with_confidence=False, minimum=0.5)


def _page(tmp_path: Path) -> str:
    return write_note(tmp_path, PAGE, "page.txt")


@pytest.mark.parametrize("method", ["rules", "learned"])
def test_no_confidence_lists_the_same_candidates_with_none(tmp_path: Path, method: str) -> None:
    page = _page(tmp_path)
    on = json.loads(run(tmp_path, "extract", page, "--json", "--method", method).stdout)
    off = run(tmp_path, "extract", page, "--json", "--method", method, "--no-confidence")
    got = json.loads(off.stdout)
    assert len(got) == len(on) >= 20
    assert all(r["confidence"] is not None for r in on)
    assert got == [{**r, "confidence": None} for r in on]


def test_no_confidence_with_a_cut_is_a_usage_error(tmp_path: Path) -> None:
    page = _page(tmp_path)
    proc = run(tmp_path, "extract", page, "--no-confidence", "--min-confidence", "0.5", ok=False)
    assert proc.returncode == 2
    assert "--min-confidence" in proc.stderr and "Traceback" not in proc.stderr
    assert proc.stdout == ""


def test_a_number_read_later_is_the_number_read_at_once() -> None:
    doc = learned.Document.of(PAGE)
    unread = doc.numbers
    full = learned.number_spans(PAGE, doc.norm, doc.rules)
    assert sum(not sp.kind for sp in unread) >= 20
    assert [learned.read_span(doc.norm, sp) for sp in unread] == full
    assert doc.spans == full and doc.numbers is doc.spans
