"""The learned method's per-indicator fallback (``learned.fallback_rules``, syn19): a span
whose rules candidate names an indicator the model saw in fewer than N real training spans
keeps that candidate; N and the counts are the trainer's (``GRID_FALLBACK``,
``span_counts``). Synthetic sentences and constructed probabilities only."""

from __future__ import annotations

import json
from dataclasses import replace

import numpy as np
import pytest

from transplant_audit.evidence.vocabulary import INDICATORS
from transplant_audit.extract import learned

from .conftest import TOOLS, import_script

TEXT = "The liver transplant centre has 120 transplant beds and 80 transplant nurses."
"""Rules: transplant_beds 120, transplant_nurses 80 (checked below)."""
CLASSES = (learned.NONE, "transplant_beds", "transplant_nurses")


@pytest.fixture(scope="module")
def trainer():  # noqa: ANN201
    return import_script(TOOLS, "train_extractor")


def _spans() -> tuple[str, list[learned.Span]]:
    lang, _, spans = learned.document_spans(TEXT, "en")
    ruled = [sp for sp in spans if sp.rules]
    assert [(sp.rules[0].indicator, sp.rules[0].value) for sp in ruled] == [
        ("transplant_beds", 120.0),
        ("transplant_nurses", 80.0),
    ]
    return lang, ruled


def _none_wins(n: int) -> np.ndarray:
    """Probabilities where the model calls every span no figure."""
    return np.tile([0.9, 0.05, 0.05], (n, 1))


def test_fallback_keeps_a_rare_indicator_and_not_a_common_one() -> None:
    lang, spans = _spans()
    counts = {"transplant_beds": 500, "transplant_nurses": 3}
    got = learned.decide_scored(
        TEXT,
        lang,
        spans,
        _none_wins(len(spans)),
        CLASSES,
        keep_threshold=None,
        add_threshold=0.5,
        counts=counts,
        fallback=50,
    )
    assert [(c.indicator, c.value, s) for c, s in got] == [("transplant_nurses", 80.0, 0.05)]
    assert learned.fallback_rules(spans[1], counts, 50) == list(spans[1].rules)
    assert learned.fallback_rules(spans[0], counts, 50) == []
    assert learned.fallback_rules(spans[1], {}, 1) == list(spans[1].rules)  # never seen: rare
    assert learned.fallback_rules(spans[1], counts, 3) == []  # 3 spans is not fewer than 3


def test_fallback_is_the_learned_methods_only() -> None:
    lang, spans = _spans()
    with pytest.raises(ValueError, match="learned method"):
        learned.decide_scored(
            TEXT,
            lang,
            spans,
            _none_wins(len(spans)),
            CLASSES,
            keep_threshold=0.3,
            add_threshold=0.5,
            counts={},
            fallback=10,
        )


def test_n_zero_is_the_learned_method_without_fallback() -> None:
    """With N = 0 every learned candidate is its span's most likely label, not NONE, at the
    add threshold at least (the learned method before the fallback). With a large N and an
    add threshold no probability reaches, the model adds nothing, so every candidate left is
    the fallback's: exactly the rules' candidates. (The check used to ask that a large N
    change the stored model's output on this text; the model retrained at c15c763 agrees with
    the rules on every span of it, so that check depended on the model, not on the code.)"""
    model = learned.load_model()
    text = TEXT + " 肝移植中心有移植护士80名，移植床位120张，完成肝移植300例。"
    doc = learned.Document.of(text, None)
    probs = doc.scores(model, list(range(len(doc.spans))))
    best = {
        (sp.start, sp.end): (model.classes[int(p.argmax())], float(p.max()))
        for sp, p in zip(doc.spans, probs, strict=True)
    }
    scored = learned.extract_scored(
        text, method="learned", model=replace(model, learned_fallback=0)
    )
    plain = [
        (label, score) == (c.indicator, s) and s is not None and s >= model.learned_add_threshold
        for c, s in scored
        for (start, end), (label, score) in best.items()
        if start < c.end and c.start < end
    ]
    assert plain and all(plain)
    silent = replace(model, learned_fallback=10**9, learned_add_threshold=1.01)
    kept = learned.extract_scored(text, method="learned", model=silent)
    rules = learned.extract(text, method="rules")
    assert rules
    assert [(c.indicator, c.value) for c, _ in kept] == [(c.indicator, c.value) for c in rules]


def test_stored_counts_are_the_real_training_spans(
    trainer,  # noqa: ANN001
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """model.json's span_counts are per indicator of the vocabulary and equal a recount of
    the real training snippets' span labels; its fallback N is of the grid; ``--check``'s
    ``stale_reasons`` refuses counts that differ."""
    stored = json.loads((learned.MODEL_DIR / "model.json").read_text(encoding="utf-8"))
    counts = stored["span_counts"]
    assert counts and learned.NONE not in counts
    assert set(counts) <= set(INDICATORS)
    assert all(isinstance(v, int) and v > 0 for v in counts.values())
    assert stored["learned_fallback"] in trainer.GRID_FALLBACK
    recount = trainer.recount_spans()
    assert counts == recount
    loaded = learned.load_model()
    assert (loaded.span_counts, loaded.learned_fallback) == (counts, stored["learned_fallback"])
    monkeypatch.setattr(trainer, "recount_spans", lambda: recount)  # counted once
    counted = "span_counts differ from the real training spans recounted"
    assert counted not in trainer.stale_reasons(stored)
    wrong = {**stored, "span_counts": {**counts, "icu_beds": 10**6}}
    assert counted in trainer.stale_reasons(wrong)
    assert any(
        "learned_fallback" in r for r in trainer.stale_reasons({**stored, "learned_fallback": 7})
    )


def _docs(trainer):  # noqa: ANN001, ANN202
    gold = [
        {"indicator": "transplant_beds", "value": 120},
        {"indicator": "transplant_nurses", "value": 80},
    ]
    raws = [
        {"id": f"s{i}", "language": "en", "text": TEXT.replace("liver", organ), "gold": gold}
        for i, organ in enumerate(("liver", "kidney", "heart"))
    ]
    return [trainer.prepare(r, "en", f"https://example.org/{r['id']}", "dev") for r in raws]


def test_fit_counts_its_own_real_training_spans(trainer) -> None:  # noqa: ANN001
    """A fit counts the spans of the documents it is fitted on (a fold's own), and never the
    synthetic corpus's."""
    docs = _docs(trainer)
    synthetic = [replace(d, set="synthetic", id=d.id + "x") for d in docs]
    model = trainer.fit(docs[:2] + synthetic, 1.0)
    expected: dict[str, int] = {}
    for d in docs[:2]:
        for label in d.labels:
            if label != learned.NONE:
                expected[label] = expected.get(label, 0) + 1
    assert model.span_counts == expected == {"transplant_beds": 2, "transplant_nurses": 2}
    assert model.meta["span_counts"] == expected


@pytest.mark.parametrize("right", [True, False])
def test_cv_chooses_the_fallback_by_the_objective(trainer, right: bool) -> None:  # noqa: ANN001
    """The CV's N is the one with the best out-of-fold macro F0.5 (ties to the smaller N):
    where the model calls every span no figure and the rules are right, falling back wins;
    where the rules are wrong, every N scores 0 and N = 0 is kept."""
    docs = _docs(trainer)
    if not right:
        docs = [replace(d, gold=[{"indicator": "icu_beds", "value": 7}]) for d in docs]
    probs, classes = [], []
    for d in docs:
        p = np.zeros((len(d.spans), len(CLASSES)))
        p[:, 0] = 1.0
        probs.append(p)
        classes.append(CLASSES)
    counts = [{"transplant_beds": 15, "transplant_nurses": 60}] * len(docs)
    allowed = {
        (keep, add, n): True
        for keep in (None, *trainer.GRID_KEEP)
        for add in trainer.GRID_ADD
        for n in trainer.GRID_FALLBACK
    }
    best = trainer._best_thresholds(docs, probs, classes, allowed, counts)
    score = {
        n: trainer.cv_score(docs, trainer._decisions(docs, probs, classes, None, 0.5, counts, n))
        for n in trainer.GRID_FALLBACK
    }
    top = max(score.values())
    assert best["learned"]["fallback"] == min(n for n, s in score.items() if s == top)
    assert best["learned"]["score"] == top
    if right:  # N = 20 keeps the beds only, 100 both: they differ and 100 wins
        assert score[20] < score[100] and best["learned"]["fallback"] == 100
    else:
        assert best["learned"]["fallback"] == 0
