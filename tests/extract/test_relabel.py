"""The learned re-labeller (extract/relabel.py, issue 14): what it reads of a sentence, how it
decides, that it rebuilds from its training data and gives identical output for identical
weights. Sentences and weights written here are synthetic test material, not evidence."""

from __future__ import annotations

import random
import re
from dataclasses import replace

import numpy as np
import pytest

from transplant_audit.extract import learned, relabel
from transplant_audit.extract.core import extract_candidates
from transplant_audit.extract.numbers import normalize

from .conftest import TOOLS, import_script

CUM, PER = "transplants_cumulative", "transplants_in_period"
TEXT = (
    "In 2015 the (fictional) Riverside centre opened a new ward. "
    "It has performed 300 liver transplants so far. The hospital has 900 beds."
)


@pytest.fixture(scope="module")
def trainer():  # noqa: ANN201
    return import_script(TOOLS, "train_extractor")


def _toy(switch: float = 0.6, drop: float = 0.6) -> relabel.Relabeller:
    """A synthetic re-labeller of three classes whose probabilities the tests set directly."""
    return relabel.Relabeller(
        classes=(relabel.NONE, CUM, PER),
        index={},
        weights=np.zeros((0, 3)),
        intercept=np.zeros(3),
        groups=((CUM, PER),),
        switch_threshold=switch,
        drop_threshold=drop,
    )


def _candidate(indicator: str = CUM):  # noqa: ANN202
    found = extract_candidates(
        "The (fictional) unit has performed 300 transplants so far.", language="en"
    )
    assert found
    return replace(found[0], indicator=indicator)


def test_features_read_the_sentence_and_its_neighbours() -> None:
    """Cue words are marked by where they are: before or after the figure in its sentence,
    in its clause, in the sentence before or after; the other figures of the sentence and
    the document's other candidates are read too."""
    cands = extract_candidates(TEXT, language="en")
    norm = normalize(TEXT)
    feats = relabel.candidate_features(norm, cands, "en")
    by_value = {c.value: set(f) for c, f in zip(cands, feats, strict=True)}
    f = by_value[300.0]
    assert "sa=cumulative" in f  # 'so far' after the figure
    assert "ps=year" in f  # '2015' in the sentence before
    assert "ns=bed" in f  # 'beds' in the sentence after
    assert "sb=year" not in f  # no year in its own sentence
    assert any(x.startswith("bias_rule=") for x in f)


def test_a_feature_counts_once_and_order_does_not_matter() -> None:
    """Same features in any order, repeated or not, give bit-for-bit the same numbers."""
    model = learned.load_model().relabeller
    assert model is not None
    cands = extract_candidates(TEXT, language="en")
    feats = relabel.candidate_features(normalize(TEXT), cands, "en")
    shuffled = []
    rng = random.Random(14)
    for fs in feats:
        fs2 = fs + fs[:3]
        rng.shuffle(fs2)
        shuffled.append(fs2)
    a = relabel.probabilities(model, feats)
    assert np.array_equal(a, relabel.probabilities(model, shuffled))
    assert np.allclose(a.sum(axis=1), 1.0)


def test_probabilities_of_many_candidates_are_those_of_one_at_a_time() -> None:
    """The batched product (``feature_ids``, one slot at a time over all candidates) gives
    each candidate's row bit for bit as summing its own known weights in column order does,
    with features repeated, unknown, or none at all."""
    model = learned.load_model().relabeller
    assert model is not None
    rng = random.Random(18)
    names = list(model.index)
    feats = [[], ["no such feature"]]
    feats += [rng.choices(names, k=rng.randint(1, 60)) + ["no such feature"] for _ in range(40)]
    ids = relabel.feature_ids(model.index, feats)
    assert ids.shape == (max(len(set(fs)) for fs in feats) - 1, len(feats))  # unknown: no slot
    got = relabel.probabilities(model, feats)
    for row, fs in zip(got, feats, strict=True):
        known = sorted({model.index[f] for f in fs if f in model.index})
        logits = model.intercept.copy()
        if known:
            logits += model.weights[known].sum(axis=0)
        p = np.exp(logits - logits.max())
        assert np.array_equal(row, p / p.sum())


def _half_known(model: relabel.Relabeller, seed: int) -> relabel.Relabeller:
    """``model`` knowing only a random half of its features (the rest unknown)."""
    names = sorted(random.Random(seed).sample(sorted(model.index), len(model.index) // 2))
    rows = [model.index[f] for f in names]
    return replace(model, index={f: i for i, f in enumerate(names)}, weights=model.weights[rows])


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (TEXT + " It did 40 heart and 25 lung transplants in 2019, and 12 in 2020.", "en"),
        ("（虚构）某中心2019年完成肝移植120例、肾移植85例。截至去年，累计完成3000例。", "zh-Hans"),
    ],
)
def test_document_probabilities_equal_the_string_features(text: str, lang: str) -> None:
    """The straight-to-ids path gives bit for bit what naming every feature and looking it
    up gives, with several candidates in one sentence and one in another, with a model
    that knows every feature or only half of them, and with no candidate at all."""
    full = learned.load_model().relabeller
    assert full is not None
    norm = normalize(text)
    cands = extract_candidates(text, language=lang)
    sentences = {norm[: c.start].count("。") + norm[: c.start].count(". ") for c in cands}
    assert len(cands) >= 3 and len(sentences) >= 2
    for model in (full, _half_known(full, 19)):
        want = relabel.probabilities(model, relabel.candidate_features(norm, cands, lang))
        got = relabel.document_probabilities(model, norm, cands, lang)
        assert got.shape == (len(cands), len(model.classes))
        assert np.array_equal(got, want)
    assert relabel.document_probabilities(full, norm, [], lang).shape == (0, len(full.classes))


def test_decide_moves_drops_and_keeps() -> None:
    c = _candidate(CUM)
    toy = _toy()
    moved, p = relabel.decide(c, np.array([0.1, 0.2, 0.7]), toy)
    assert moved is not None and moved.indicator == PER and p == pytest.approx(0.7)
    assert moved.value == c.value and moved.unit == "transplants"
    kept, p = relabel.decide(c, np.array([0.1, 0.4, 0.5]), toy)  # 0.5 under the threshold
    assert kept is c and p == pytest.approx(0.4)
    dropped, p = relabel.decide(c, np.array([0.7, 0.2, 0.1]), toy)
    assert dropped is None and p == pytest.approx(0.7)
    never = _toy(switch=1.01, drop=1.01)
    assert relabel.decide(c, np.array([0.05, 0.05, 0.9]), never)[0] is c
    assert relabel.decide(c, np.array([0.9, 0.05, 0.05]), never)[0] is c


def test_an_indicator_outside_the_model_is_never_moved() -> None:
    """A candidate whose indicator the re-labeller never saw keeps it; its score is the
    probability that it is a figure at all."""
    c = _candidate("transplant_beds")
    kept, p = relabel.decide(c, np.array([0.3, 0.6, 0.1]), _toy())
    assert kept is c and p == pytest.approx(0.7)


def test_groups_hold_one_way_of_counting(trainer) -> None:  # noqa: ANN001
    """A move keeps the value, so every group must hold indicators counted alike (no price
    in dollars beside one in yuan, no beds beside persons)."""
    from transplant_audit.evidence.vocabulary import INDICATORS

    counts = {"transplants", "surgeries", "donors", "organs", "patients"}
    seen: set[str] = set()
    for group in trainer.RELABEL_GROUPS:
        units = {INDICATORS[i].unit for i in group}
        assert len(units) == 1 or units <= counts, group
        assert not seen & set(group)
        seen |= set(group)


def test_relabeller_rebuilds_from_training_data(trainer) -> None:  # noqa: ANN001
    """Fitting again on the stored setting gives the stored weights: deterministic, and
    nobody edited them by hand. Within 2e-3: lbfgs stops at its gradient tolerance, so the
    BLAS thread count moves where it stops; the stored fit ran on OpenBLAS's default threads,
    and a test worker that imported the CLI first runs on one (``cli._one_blas_thread``), where
    the refit lands 2.7e-4 from the stored intercept (measured 2026-12-07 with that model; in
    a fresh process within 6e-8). A hand edit moves a weight by far more."""
    model = learned.load_model().relabeller
    assert model is not None
    meta = learned.load_model().meta["relabel"]
    again = trainer.fit_relabel(trainer.load_real(), float(meta["C"]))  # type: ignore[index]
    assert again.classes == model.classes
    assert again.index == model.index
    assert np.allclose(again.weights, model.weights, rtol=0, atol=2e-3)
    assert np.allclose(again.intercept, model.intercept, rtol=0, atol=2e-3)
    assert model.switch_threshold == meta["switch_threshold"]  # type: ignore[index]
    assert [list(g) for g in model.groups] == meta["groups"]  # type: ignore[index]


def test_combined_is_identical_for_identical_weights() -> None:
    """Two loads of the same weights give the same candidates and scores, field by field.
    Both stages are switched on: the stored thresholds turn them off, and ``combined`` would
    then return the rules without reading a weight."""

    def on(m: learned.Model) -> learned.Model:
        assert m.relabeller is not None
        r = replace(m.relabeller, switch_threshold=0.5, drop_threshold=0.5)
        return replace(m, keep_threshold=0.5, add_threshold=0.5, relabeller=r)

    texts = [TEXT, "该院(虚构)已累计完成肝移植1200例,2015年完成300例。移植病区有床位60张。"]
    first = on(learned.load_model())
    second = on(learned.load_model.__wrapped__())  # a fresh load, not the cached one
    assert first.span_stage and first.relabel_stage
    for text in texts:
        a = learned.extract_scored(text, method="combined", model=first)
        b = learned.extract_scored(text, method="combined", model=second)
        assert [(c.to_dict(), s) for c, s in a] == [(c.to_dict(), s) for c, s in b]
        assert a and all(s is not None and 0.0 <= s <= 1.0 for _, s in a)


def test_combined_skips_the_span_model_when_its_stage_is_off(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """With thresholds that can neither veto nor add, the span model is not run at all (the
    speed of ``combined`` depends on it), and the rules' candidates go to the re-labeller."""
    model = learned.load_model()
    off = replace(model, keep_threshold=0.0, add_threshold=1.01)
    assert not off.span_stage

    def boom(*args: object, **kwargs: object) -> None:
        raise AssertionError("span model scored")

    monkeypatch.setattr(learned, "score_spans", boom)
    found = learned.extract(TEXT, method="combined", model=off)
    assert {c.value for c in found} <= {c.value for c in extract_candidates(TEXT, language="en")}


def test_naming_confusions_sort_rules_candidates_by_their_name(trainer) -> None:  # noqa: ANN001
    """``--confusions`` counts a candidate right when a gold figure has its indicator and
    value, a wrong name when gold has its value under another indicator only (in the
    re-labeller's group or not), and none when no gold figure has its value (synthetic
    snippet and gold)."""
    raw = {
        "id": "toy-1",
        "text": "The (fictional) unit has performed 300 transplants so far. It has 40 beds.",
        "gold": [{"indicator": PER, "value": 300.0}],
    }
    doc = trainer.prepare(raw, "en", "https://example.org/toy", "toy")
    kinds = {c.value: trainer.naming_kind(doc, k) for k, c in enumerate(doc.cands)}
    by_value = {c.value: c.indicator for c in doc.cands}
    assert by_value[300.0] == CUM  # the rules read 'so far' as a running total
    assert kinds[300.0] == "wrong_name"
    assert kinds[40.0] == "none"
    table = trainer.naming_confusions([doc])
    assert table["kinds"][("en", "wrong_name")] == 1
    assert table["kinds"][("en", "in_group")] == 1
    assert table["pairs"] == {("en", CUM, PER): 1}
    doc.gold.append({"indicator": CUM, "value": 300.0})
    assert trainer.naming_kind(doc, [c.value for c in doc.cands].index(300.0)) == "right"


def test_context_alone_reads_no_feature_naming_the_rules_indicator(trainer) -> None:  # noqa: ANN001
    """``without_rule`` leaves out exactly the features that name the rules' indicator."""
    cands = extract_candidates(TEXT, language="en")
    feats = relabel.candidate_features(normalize(TEXT), cands, "en")
    for c, fs in zip(cands, feats, strict=True):
        kept = trainer.without_rule(fs, c.indicator)
        assert kept and len(kept) < len(fs)
        named = {f for f in fs if c.indicator in re.split(r"[=|]", f)}
        assert not named & set(kept) and not [f for f in kept if f.startswith("bias_rule=")]
        assert set(fs) - set(kept) == named


def test_context_alone_keeps_a_longer_indicator_holding_the_rules_one(trainer) -> None:  # noqa: ANN001
    """'transplants_cumulative' is inside 'surgeon_transplants_cumulative': a neighbour's
    name or a cue holding the longer one is context, not the rules' name (4 training
    candidates lost such a feature when the test was a substring one)."""
    fs = [f"bias_rule={CUM}", f"per=none|{CUM}", f"nb=surgeon_{CUM}", "nb=total_beds_planned"]
    assert trainer.without_rule(fs, CUM) == [f"nb=surgeon_{CUM}", "nb=total_beds_planned"]
    assert trainer.without_rule(fs, "total_beds") == fs[1:]


def test_switch_outcomes_count_fixes_and_breaks(trainer) -> None:  # noqa: ANN001
    """A move to the training target is a fix, a move away from it a break (synthetic
    probabilities through ``relabel.decide``)."""
    raw = {
        "id": "toy-2",
        "text": "The (fictional) unit has performed 300 transplants so far.",
        "gold": [{"indicator": PER, "value": 300.0}],
    }
    doc = trainer.prepare(raw, "en", "https://example.org/toy2", "toy")
    doc.cands = [c for c in doc.cands if c.indicator == CUM]
    doc.cand_labels = [PER] * len(doc.cands)
    assert doc.cands
    moved = np.tile([0.05, 0.15, 0.8], (len(doc.cands), 1))  # NONE, CUM, PER
    assert trainer.switch_outcomes([doc], [(_toy(), moved)], 0.7) == {"fix": len(doc.cands)}
    assert not trainer.switch_outcomes([doc], [(_toy(), moved)], 0.9)
    doc.cand_labels = [CUM] * len(doc.cands)
    assert trainer.switch_outcomes([doc], [(_toy(), moved)], 0.7) == {"break": len(doc.cands)}


def _docs_and_preds(trainer, **found: tuple[int, int]):  # noqa: ANN001, ANN202
    """One made-up snippet per language with ten gold figures (values 1-10), and for each
    name of ``found`` its (true, false) candidates in every language: the first ``true``
    gold values and ``false`` values no gold figure has."""
    from transplant_audit.extract.context import Candidate

    def cand(value: float) -> Candidate:
        return Candidate(PER, "", value, "exact", "", "", "", 0, 1, "", 0, "", "", "")

    gold = [{"indicator": PER, "value": v} for v in range(1, 11)]
    docs = [
        trainer.Doc(lang, f"https://x.example/{lang}", "test", lang, "", gold, [], [], [])
        for lang in trainer.LANGUAGES
    ]
    preds = {
        name: {
            d.id: [cand(v) for v in range(1, tp + 1)] + [cand(1000 + v) for v in range(fp)]
            for d in docs
        }
        for name, (tp, fp) in found.items()
    }
    return docs, preds


@pytest.mark.usefixtures("f05_objective")
def test_cv_score_is_macro_f05(trainer) -> None:  # noqa: ANN001
    """pf18: every setting is chosen in CV by macro F0.5 (``DEFAULT_BETA``), so of two
    settings the precise one (5 true, 0 false of 10: F1 0.667, F0.5 0.833) scores above the
    recalling one (9 true, 7 false: F1 0.692, F0.5 0.608), the reverse of macro F1."""
    docs, preds = _docs_and_preds(trainer, precise=(5, 0), recalling=(9, 7))
    score = {k: trainer.cv_score(docs, p) for k, p in preds.items()}
    f1 = {k: trainer.macro_f1(trainer._scores(docs, p)) for k, p in preds.items()}
    assert score["precise"] == pytest.approx(1.25 * 0.5 / (0.25 + 0.5))
    assert score["precise"] > score["recalling"]
    assert f1["recalling"] > f1["precise"]


@pytest.mark.usefixtures("f05_objective")
def test_pick_relabel_takes_the_best_f05_that_keeps_precision(trainer) -> None:  # noqa: ANN001
    """pf18: of the re-labeller's settings that keep the base's pooled precision (6 true, 6
    false of 10: P 0.5), the one with the best macro F0.5 (drops: 5 true, 0 false) is
    taken, not the one with the best macro F1 (moves: 9 true, 7 false); the setting that
    changes nothing is never a candidate; one under the floor is refused however high its
    F0.5."""
    docs, preds = _docs_and_preds(
        trainer, base=(6, 6), moves=(9, 7), drops=(5, 0), precise=(8, 2), kept=(6, 1), lossy=(10, 3)
    )
    never = trainer.NEVER
    rows = [
        {"switch_threshold": never, "drop_threshold": never, "preds": preds["base"]},
        {"switch_threshold": 0.5, "drop_threshold": never, "preds": preds["moves"]},
        {"switch_threshold": never, "drop_threshold": 0.9, "preds": preds["drops"]},
    ]
    f1 = {k: trainer.macro_f1(trainer._scores(docs, p)) for k, p in preds.items()}
    assert f1["moves"] > f1["drops"] > f1["base"]
    assert trainer.pick_relabel(docs, rows, preds["base"]) is rows[2]
    assert trainer.pick_relabel(docs, rows[:2], preds["base"]) is rows[1]
    # on a base of P 0.8, a setting at P 0.769 (F0.5 0.806) is refused for one at P 0.857
    # (F0.5 0.789): the floor is unchanged
    kept = {"switch_threshold": 0.5, "drop_threshold": 0.9, "preds": preds["kept"]}
    lossy = {"switch_threshold": 0.5, "drop_threshold": 0.5, "preds": preds["lossy"]}
    assert trainer.cv_score(docs, preds["lossy"]) > trainer.cv_score(docs, preds["kept"])
    assert trainer.pick_relabel(docs, [lossy, kept], preds["precise"]) is kept
