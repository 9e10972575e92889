"""Fit the extractor's confidence mapping (issue 14) on the candidates of the trainer's judge,
the pooled CHECK halves of heldout3..heldout9, and store it beside the weights.

Run:  python tools/calibrate_extractor.py           # refit and write model/calibration.json
      python tools/calibrate_extractor.py --check   # exit 1 when the stored mapping is stale

Run it again after every retrain (``tools/train_extractor.py``): the mapping records a digest
of the weights it was fitted for and of the data it was fitted on, and
``extract/confidence.py`` never applies a stale one.

What it fits on (chosen 2026-12-06, calib13, before any run of this version): the check
halves of ``train_extractor.JUDGE_HALVES`` (``train_extractor.load_judge``: 1,054 snippets,
sets ``heldoutN-check``), and nothing else: no training snippet, no tune half, no blind set
(heldout10). Why: the rules were tuned on the training snippets (a rules candidate there is
right ~90% of the time), so a mapping fitted on them was over-confident on unseen text (ECE
0.11-0.20 at main 8152217); the check halves are text no rules pass read and no model was
trained on, and they are labelled. The stored models (trained on the training sets only)
score them out of sample, so no refit per fold is needed: every candidate of the default
method, of the rules alone and of the learned method (where the candidates only the span
model proposes, origin ``added``, come from) gets its models' probabilities
(``confidence.evidence``) and a label (``evaluate.matched``: (indicator, value within 2%)).
Both origins' curves are fitted on these pairs: the added candidates exist there too, and
the span model's features read the rules, so the training snippets flatter them as well.

Cross-fitting, for an honest figure on the very pages fitted on: the pairs are split by page
into ``CROSS_FOLDS`` grouped folds (``train_extractor.folds``, GroupKFold by URL:
deterministic, no page in two folds); each fold is mapped by curves fitted on the other
folds, and the pooled held-out confidences give the cross-fitted reliability and expected
calibration error stored with the mapping (aggregate only) and printed by
``benchmarks/bench_extract.py --confidence``. The raw score of a rules candidate (span
model's probability, re-labeller's, or their mean: ``confidence.COMBINES``) is the one with
the lowest cross-fitted Brier score of the rules candidates. Then one isotonic regression per
origin (rules, added) on every pair. ``--rows``/``--from-rows`` keep the pairs so that the
fit alone can be redone (development only; ``--check`` still compares digests). Needs
scikit-learn (``pip install -e '.[train]'``); the stored mapping is JSON, read with numpy.
"""

from __future__ import annotations

import argparse
import hashlib
import inspect
import json
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import train_extractor as trainer  # noqa: E402

from transplant_audit.extract import confidence, learned, relabel  # noqa: E402
from transplant_audit.extract.evaluate import matched  # noqa: E402
from transplant_audit.fileerrors import write_bytes_atomic  # noqa: E402

OUT = confidence.CALIBRATION_FILE


def data_digest() -> str:
    """The trainer's training digest, and the source of what turns predictions into pairs
    (a change to either makes the stored mapping stale)."""
    h = hashlib.sha256(trainer.data_digest().encode())
    for fn in (confidence.evidence, confidence._rules_origin, relabel.group_probabilities):
        h.update(inspect.getsource(fn).encode())
    for fn in (examples, _doc_rows, _default_method, fit, nested_brier):
        h.update(inspect.getsource(fn).encode())
    return "sha256:" + h.hexdigest()


def examples(model: learned.Model, progress: bool = True) -> list[dict]:
    """One row per out-of-fold candidate of the default method, of the rules alone and of
    the learned method (a rules candidate two of them keep is one row; the learned method
    is where most candidates only the span model proposes come from, so the ``added`` curve
    has pairs even when ``combined``'s span stage is off): fold, set, language, origin,
    both probabilities, and whether it is a true figure."""
    real = trainer.load_real()
    synth = trainer.load_synthetic() if model.meta.get("synthetic") else []
    test_folds = trainer.folds([d.url for d in real])
    c_span = float(model.meta["C"])  # type: ignore[arg-type]
    r_meta = model.meta.get("relabel", {})
    c_rel = float(r_meta["C"]) if isinstance(r_meta, dict) else 1.0
    rows: list[dict] = []
    for k, test in enumerate(test_folds):
        held = set(test.tolist())
        train = [d for i, d in enumerate(real) if i not in held]
        span_model = trainer.fit(train + synth, c_span)
        relabeller = trainer.fit_relabel(train, c_rel)
        for i in test:
            rows.extend(_doc_rows(real[i], k, model, span_model, relabeller))
        if progress:
            print(f"  fold {k + 1}/{len(test_folds)}: {len(rows)} candidates", file=sys.stderr)
    return rows


def _doc_rows(
    d: trainer.Doc,
    fold: int,
    stored: learned.Model,
    span_model: learned.Model,
    relabeller: relabel.Relabeller,
) -> list[dict]:
    """The pairs of one held-out document, predicted by the fold's models."""
    probs = learned.probabilities(span_model, d.features)
    rprobs = relabel.probabilities(relabeller, d.cand_features) if d.cands else None
    default = _default_method(d, stored, span_model, relabeller, probs, rprobs)
    learned_only = learned.decide_scored(
        d.text,
        d.language,
        d.spans,
        probs,
        span_model.classes,
        keep_threshold=None,
        add_threshold=stored.learned_add_threshold,
    )
    rows = []
    seen: set[int] = set()
    for cands in (default, d.cands, [c for c, _ in learned_only]):
        right, _ = matched(cands, d.gold)
        evs = confidence.evidence(
            d.spans, probs, span_model.classes, d.cands, rprobs, relabeller, cands
        )
        for c, ok, ev in zip(cands, right, evs, strict=True):
            if id(c) in seen:
                continue
            seen.add(id(c))
            rows.append(
                {
                    "fold": fold,
                    "set": d.set,
                    "language": d.language,
                    "origin": ev.origin,
                    "p_span": ev.p_span,
                    "p_relabel": ev.p_relabel,
                    "right": bool(ok),
                }
            )
    return rows


def _default_method(
    d: trainer.Doc,
    stored: learned.Model,
    span_model: learned.Model,
    relabeller: relabel.Relabeller,
    probs: np.ndarray,
    rprobs: np.ndarray | None,
) -> list:
    """The stored default method's candidates of ``d`` with the fold's models (the stored
    thresholds and stages)."""
    method = str(stored.meta.get("default_method", learned.DEFAULT_METHOD))
    if method == "rules":
        return list(d.cands)
    keep = stored.keep_threshold if method == "combined" else None
    add = stored.add_threshold if method == "combined" else stored.learned_add_threshold
    if method == "combined" and not stored.span_stage:
        scored = [(c, None) for c in d.cands]
    else:
        scored = learned.decide_scored(
            d.text,
            d.language,
            d.spans,
            probs,
            span_model.classes,
            keep_threshold=keep,
            add_threshold=add,
        )
    r = stored.relabeller
    if method == "combined" and stored.relabel_stage and r is not None and rprobs is not None:
        scored = relabel.apply(
            scored, d.cands, rprobs, relabeller, r.switch_threshold, r.drop_threshold
        )
    return [c for c, _ in scored]


def _evidence(row: dict) -> confidence.Evidence:
    return confidence.Evidence(row["origin"], row["p_span"], row["p_relabel"])


def _isotonic(x: np.ndarray, y: np.ndarray):  # noqa: ANN202
    from sklearn.isotonic import IsotonicRegression

    return IsotonicRegression(y_min=0.0, y_max=1.0, increasing=True, out_of_bounds="clip").fit(x, y)


FIT_ON = ("all", "unseen")
"""Which out-of-fold pairs a rules candidate's mapping is fitted on: every training snippet,
or only those of the set the rules were tuned on least (``trainer.UNSEEN_SETS``, held-out v1:
rules passes read its errors, none tuned on its texts), where a rules candidate is right
about as often as on a new page (on the sets the rules were tuned on it is right more often,
and a mapping fitted there would flatter them)."""


def _judged(rows: list[dict]) -> np.ndarray:
    """Which pairs the rules candidates' mapping is judged on: those of the set the rules read
    least (held-out v1, ``trainer.UNSEEN_SETS``); two rules passes read its errors, so it is
    the least-tuned training set, not an unseen one."""
    return np.array([r["set"] in trainer.UNSEEN_SETS for r in rows])


def nested_brier(rows: list[dict], combine: str, fit_on: str) -> float:
    """Brier score, on the pairs of the set the rules read least (``_judged``), of the rules
    candidates' isotonic mapping with raw scores formed by ``combine`` and fitted on
    ``fit_on`` pairs of the other folds (fold by fold)."""
    ours = [r for r in rows if r["origin"] == "rules"]
    x = np.array([confidence.raw_score(combine, _evidence(r)) for r in ours])
    y = np.array([float(r["right"]) for r in ours])
    fold = np.array([r["fold"] for r in ours])
    judged = _judged(ours)
    usable = judged if fit_on == "unseen" else np.ones(len(ours), dtype=bool)
    err = []
    for k in np.unique(fold):
        train, test = (fold != k) & usable, (fold == k) & judged
        if test.any():
            pred = _isotonic(x[train], y[train]).predict(x[test])
            err.extend(((pred - y[test]) ** 2).tolist())
    return float(np.mean(err))


def fit(rows: list[dict], model_digest: str) -> dict:
    """The stored mapping: the combine and the pairs to fit on with the best nested Brier
    score on the least-read set's pairs (``_judged``), then one isotonic regression per
    origin (an added candidate's on every pair: they are few, and the rules' tuning does not
    make them)."""
    briers = {(c, f): nested_brier(rows, c, f) for c in confidence.COMBINES for f in FIT_ON}
    combine, fit_on = min(briers, key=briers.__getitem__)
    curves, counts = {}, {}
    for origin in confidence.ORIGINS:
        ours = [r for r in rows if r["origin"] == origin]
        if origin == "rules" and fit_on == "unseen":
            ours = [r for r in ours if r["set"] in trainer.UNSEEN_SETS]
        if not ours:
            continue
        x = np.array([confidence.raw_score(combine, _evidence(r)) for r in ours])
        y = np.array([float(r["right"]) for r in ours])
        iso = _isotonic(x, y)
        curves[origin] = {
            "x": [round(float(v), 6) for v in iso.X_thresholds_],
            "y": [round(float(v), 6) for v in iso.y_thresholds_],
        }
        counts[origin] = {"candidates": len(ours), "true": int(y.sum())}
    by_set: dict[str, list[int]] = {}
    for r in rows:
        t = by_set.setdefault(r["origin"] + " " + r["set"], [0, 0])
        t[0] += 1
        t[1] += int(r["right"])
    return {
        "combine": combine,
        "rules_fit_on": fit_on,
        "curves": curves,
        "model_digest": model_digest,
        "data_digest": data_digest(),
        "nested_brier_unseen_rules": {f"{c} {f}": round(v, 5) for (c, f), v in briers.items()},
        "examples": counts,
        "pairs_by_set": {k: {"candidates": n, "true": t} for k, (n, t) in sorted(by_set.items())},
        "fitted_on": (
            "out-of-fold predictions of the trainer's real-text training snippets "
            f"({', '.join(trainer.REAL_SETS)}; tune halves only of "
            f"{', '.join(trainer.HALF_SETS)}), {trainer.FOLDS} grouped folds by page; "
            f"rules candidates judged on {', '.join(trainer.UNSEEN_SETS)}"
        ),
        "method": "isotonic regression (scikit-learn IsotonicRegression) per origin",
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--check", action="store_true", help="exit 1 when the mapping is stale")
    ap.add_argument("--rows", type=Path, help="also write the out-of-fold pairs (JSON) here")
    ap.add_argument("--from-rows", type=Path, help="fit on pairs written by --rows (no refit)")
    args = ap.parse_args(argv)
    digest = confidence.model_digest(learned.MODEL_DIR)
    if args.check:
        stored = json.loads(OUT.read_text(encoding="utf-8")) if OUT.exists() else {}
        ok = stored.get("model_digest") == digest and stored.get("data_digest") == data_digest()
        print(
            "calibration is current"
            if ok
            else "stale calibration: run python tools/calibrate_extractor.py"
        )
        return 0 if ok else 1
    if args.from_rows:
        rows = json.loads(args.from_rows.read_text(encoding="utf-8"))
    else:
        rows = examples(learned.load_model())
    if args.rows:
        args.rows.write_text(json.dumps(rows), encoding="utf-8")
    meta = fit(rows, digest)
    # atomic: a crash mid-write leaves the old mapping, never half of a new one
    write_bytes_atomic(OUT, (json.dumps(meta, indent=1, sort_keys=True) + "\n").encode("utf-8"))
    print(
        f"wrote {OUT}: combine {meta['combine']}, rules fitted on {meta['rules_fit_on']} "
        f"(nested Brier {meta['nested_brier_unseen_rules']}); "
        f"{meta['examples']}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
