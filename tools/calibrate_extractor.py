"""Fit the extractor's confidence mapping (issue 14) on the candidates of the trainer's judge,
the pooled CHECK halves of heldout3..heldout29, and store it beside the weights.

Run:  python tools/calibrate_extractor.py           # refit and write model/calibration.json
      python tools/calibrate_extractor.py --check   # exit 1 when the stored mapping is stale

Run it again after every retrain (``tools/train_extractor.py``): the mapping records a digest
of the weights it was fitted for and of the data it was fitted on, and
``extract/confidence.py`` never applies a stale one.

What it fits on (chosen 2026-12-06, calib13, before any run of this version): the check
halves of ``train_extractor.JUDGE_HALVES`` (``train_extractor.load_judge``: 1,225 snippets
today, as model.json's ``judge`` entry counts them; sets ``heldoutN-check``), and nothing
else: no training snippet, no tune half, no blind set (each set's check half joins after its
one blind score). Why: the
rules were tuned on the training snippets (a rules candidate there is right ~90% of the
time), so a mapping fitted on them was over-confident on unseen text (ECE 0.11-0.20 at main
8152217); the check halves are text no rules pass read and no model was trained on, and they
are labelled. The stored models (trained on the training sets only) score them out of
sample, so no refit per fold is needed: every candidate of the default method, of the rules
alone and of the learned method (where the candidates only the span model proposes, origin
``added``, come from) gets its models' probabilities (``confidence.evidence``) and a label
(``evaluate.matched``: (indicator, value within 2%)). Both origins' curves are fitted on
these pairs: the added candidates exist there too, and the span model's features read the
rules, so the training snippets flatter them as well.

Cross-fitting, for an honest figure on the very pages fitted on: the pairs are split by page
into ``CROSS_FOLDS`` grouped folds (``train_extractor.folds``, GroupKFold by URL:
deterministic, no page in two folds); each fold is mapped by curves fitted on the other
folds, and the pooled held-out confidences give the cross-fitted reliability and expected
calibration error stored with the mapping (aggregate only) and printed by
``benchmarks/bench_extract.py --confidence``. The raw score of a rules candidate (span
model's probability, re-labeller's, or their mean: ``confidence.COMBINES``) is the one with
the lowest cross-fitted Brier score of the rules candidates. Then one isotonic regression per
origin (rules, added) on every pair.

Leave-one-set-out (conf16): folds by page mix the sets, so they hide the shift between
them that every new blind set showed. Each check half is also mapped by curves fitted on the
OTHER halves (``leave_one_set_out``); the per-set expected calibration errors, weighted by
candidates, are the honest figure for a new set. The curve may be pulled toward the fitted
pairs' precision per origin (``confidence.Calibration.shrink``): the weight of
``SHRINK_GRID`` with the lowest leave-one-set-out figure, kept only when it is lower than the
curve alone's in 95% of resamples of the sets (``keep_rule``); it, its targets and the
per-set figures are stored (``shift``) and ``--check`` refuses a stored weight its own
figures do not choose. ``--rows``/``--from-rows`` keep the pairs so that the
fit alone can be redone (development only; ``--check`` still compares digests). Needs
scikit-learn (``pip install -e '.[train]'``); the stored mapping is JSON, read with numpy.
"""

from __future__ import annotations

import argparse
import hashlib
import inspect
import json
import sys
from collections.abc import Iterable
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import train_extractor as trainer  # noqa: E402

from transplant_audit.extract import confidence, learned, relabel  # noqa: E402
from transplant_audit.extract.evaluate import matched  # noqa: E402
from transplant_audit.fileerrors import write_bytes_atomic  # noqa: E402

OUT = confidence.CALIBRATION_FILE


CROSS_FOLDS = 5
"""Grouped folds by page of the cross-fitted figures (``train_extractor.folds``)."""
POOLS = {
    "heldout3 check half": ("heldout3-check",),
    "heldout4-6 check halves": ("heldout4-check", "heldout5-check", "heldout6-check"),
    "heldout7-9 check halves": ("heldout7-check", "heldout8-check", "heldout9-check"),
    "heldout10 check half": ("heldout10-check",),
    "heldout11 check half": ("heldout11-check",),
    "heldout12 check half": ("heldout12-check",),
    "heldout13 check half": ("heldout13-check",),
    "heldout14 check half": ("heldout14-check",),
    "heldout15 check half": ("heldout15-check",),
    "heldout16 check half": ("heldout16-check",),
    "heldout17 check half": ("heldout17-check",),
    "heldout18 check half": ("heldout18-check",),
    "heldout19 check half": ("heldout19-check",),
    "heldout20 check half": ("heldout20-check",),
    "heldout21 check half": ("heldout21-check",),
    "heldout22 check half": ("heldout22-check",),
    "heldout23 check half": ("heldout23-check",),
    "heldout24 check half": ("heldout24-check",),
    "heldout25 check half": ("heldout25-check",),
    "heldout26 check half": ("heldout26-check",),
    "heldout27 check half": ("heldout27-check",),
    "heldout28 check half": ("heldout28-check",),
    "heldout29 check half": ("heldout29-check",),
}
"""The cross-fitted figures' pools (those ``bench_extract.py --confidence`` printed as unseen
before the mapping was fitted on them), and all of them pooled."""
SHRINK_GRID = (1.0, 0.9, 0.8, 0.7, 0.6, 0.5)
"""Weights of the curve against the fitted pairs' precision tried by leave-one-set-out
(``choose_shrink``; 1.0 is the curve alone). Folds by page mix the sets and hide the shift
between them; a new set is the case that matters (heldout10 and heldout11 were each far worse
calibrated blind than cross-fitted)."""


def data_digest() -> str:
    """The trainer's digest (training files, split by page, judge halves), the pairs' data
    (the check halves' snippets) and the source of what turns predictions into pairs and
    pairs into the mapping (a change to any makes the stored mapping stale)."""
    h = hashlib.sha256(trainer.data_digest().encode())
    for name in trainer.JUDGE_HALVES:
        h.update(json.dumps(trainer.check_half(name), sort_keys=True).encode())
    for fn in (confidence.evidence, confidence._rules_origin, relabel.group_probabilities):
        h.update(inspect.getsource(fn).encode())
    for fn in (trainer.load_judge, fit_docs, examples, _doc_rows, _default_method):
        h.update(inspect.getsource(fn).encode())
    for fn in (fit, _fit_curves, cross_fit, _scores, pooled_figures, confidence.shrunk):
        h.update(inspect.getsource(fn).encode())
    for fn in (
        shrink_targets,
        leave_one_set_out,
        per_set_figures,
        loso_by_shrink,
        _choose,
        choose_shrink,
        keep_rule,
        mean_ece,
    ):
        h.update(inspect.getsource(fn).encode())
    h.update(json.dumps([CROSS_FOLDS, POOLS, SHRINK_GRID, RESAMPLES, KEEP_SHARE]).encode())
    return "sha256:" + h.hexdigest()


def fit_docs() -> list[trainer.Doc]:
    """The snippets the mapping is fitted on: the judge's check halves, nothing else."""
    docs = trainer.load_judge()
    _only_check_halves(d.set for d in docs)
    return docs


def _only_check_halves(sets: Iterable[str]) -> None:
    """Raise ValueError when a set other than the judge's check halves would reach the fit
    (a training snippet, a tune half, a blind set)."""
    stray = sorted(set(sets) - set(trainer.JUDGE_SETS))
    if stray:
        raise ValueError(f"the confidence mapping is fitted on check halves only, not {stray}")


def examples(model: learned.Model, docs: list[trainer.Doc] | None = None) -> list[dict]:
    """One row per candidate of the default method, of the rules alone and of the learned
    method on the check halves (``fit_docs``), scored by the stored ``model`` (a rules
    candidate two of them keep is one row; the learned method is where most candidates only
    the span model proposes come from, so the ``added`` curve has pairs even when
    ``combined``'s span stage is off): fold (by page), set, language, origin, both
    probabilities, whether it is a true figure, and which methods list it."""
    docs = fit_docs() if docs is None else docs
    fold_of = {}
    for k, test in enumerate(trainer.folds([d.url for d in docs], CROSS_FOLDS)):
        fold_of.update({int(i): k for i in test})
    rows: list[dict] = []
    for i, d in enumerate(docs):
        rows.extend(_doc_rows(d, fold_of[i], model))
    return rows


def _doc_rows(d: trainer.Doc, fold: int, model: learned.Model) -> list[dict]:
    """The pairs of one document, predicted by the stored models."""
    relabeller = model.relabeller
    probs = learned.probabilities(model, d.features)
    rprobs = (
        relabel.probabilities(relabeller, d.cand_features)
        if d.cands and relabeller is not None
        else None
    )
    learned_only = learned.decide_scored(
        d.text,
        d.language,
        d.spans,
        probs,
        model.classes,
        keep_threshold=None,
        add_threshold=model.learned_add_threshold,
        counts=model.span_counts,
        fallback=model.learned_fallback,
    )
    lists = {
        "default": _default_method(d, model, probs, rprobs),
        "rules": list(d.cands),
        "learned": [c for c, _ in learned_only],
    }
    rows: dict[int, dict] = {}
    for method, cands in lists.items():
        right, _ = matched(cands, d.gold)
        evs = confidence.evidence(d.spans, probs, model.classes, d.cands, rprobs, relabeller, cands)
        for c, ok, ev in zip(cands, right, evs, strict=True):
            row = rows.setdefault(
                id(c),
                {
                    "fold": fold,
                    "set": d.set,
                    "language": d.language,
                    "origin": ev.origin,
                    "p_span": ev.p_span,
                    "p_relabel": ev.p_relabel,
                    "right": bool(ok),
                    "methods": [],
                },
            )
            row["methods"].append(method)
    return list(rows.values())


def _default_method(
    d: trainer.Doc, model: learned.Model, probs: np.ndarray, rprobs: np.ndarray | None
) -> list:
    """The stored default method's candidates of ``d`` (the stored thresholds and stages)."""
    method = str(model.meta.get("default_method", learned.DEFAULT_METHOD))
    if method == "rules":
        return list(d.cands)
    keep = model.keep_threshold if method == "combined" else None
    add = model.add_threshold if method == "combined" else model.learned_add_threshold
    if method == "combined" and not model.span_stage:
        scored = [(c, None) for c in d.cands]
    else:
        scored = learned.decide_scored(
            d.text,
            d.language,
            d.spans,
            probs,
            model.classes,
            keep_threshold=keep,
            add_threshold=add,
            counts=model.span_counts,
            fallback=model.learned_fallback if keep is None else 0,
        )
    r = model.relabeller
    if method == "combined" and model.relabel_stage and r is not None and rprobs is not None:
        scored = relabel.apply(scored, d.cands, rprobs, r, r.switch_threshold, r.drop_threshold)
    return [c for c, _ in scored]


def _evidence(row: dict) -> confidence.Evidence:
    return confidence.Evidence(row["origin"], row["p_span"], row["p_relabel"])


def _isotonic(x: np.ndarray, y: np.ndarray):  # noqa: ANN202
    from sklearn.isotonic import IsotonicRegression

    return IsotonicRegression(y_min=0.0, y_max=1.0, increasing=True, out_of_bounds="clip").fit(x, y)


def _fit_curves(rows: list[dict], combine: str) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """One isotonic curve per origin present in ``rows``: (breakpoints, probabilities)."""
    curves = {}
    for origin in confidence.ORIGINS:
        ours = [r for r in rows if r["origin"] == origin]
        if ours:
            x = np.array([confidence.raw_score(combine, _evidence(r)) for r in ours])
            iso = _isotonic(x, np.array([float(r["right"]) for r in ours]))
            curves[origin] = (iso.X_thresholds_, iso.y_thresholds_)
    return curves


def cross_fit(rows: list[dict], combine: str) -> np.ndarray:
    """Each row's confidence by the curves fitted on the other folds' rows (by page)."""
    out = np.full(len(rows), np.nan)
    fold = np.array([r["fold"] for r in rows])
    for k in np.unique(fold):
        cal = confidence.Calibration(
            combine, _fit_curves([r for r in rows if r["fold"] != k], combine), ""
        )
        for i in np.flatnonzero(fold == k):
            out[i] = cal.probability(_evidence(rows[i]))
    return out


def _scores(conf: np.ndarray, right: np.ndarray) -> dict:
    """Aggregate figures of confidences against labels: ECE, Brier, means, bins."""
    bins, ece = confidence.reliability(conf, right)
    return {
        "candidates": len(conf),
        "ece": round(ece, 4),
        "brier": round(float(np.mean((conf - right) ** 2)), 4),
        "mean_confidence": round(float(conf.mean()), 4),
        "precision": round(float(right.mean()), 4),
        "bins": [[lo, round(mc, 4), round(obs, 4), n] for lo, mc, obs, n in bins],
    }


def pooled_figures(rows: list[dict], conf: np.ndarray) -> dict[str, dict]:
    """Cross-fitted figures of ``conf`` per method (its candidates) and per pool."""
    right = np.array([float(r["right"]) for r in rows])
    sets = np.array([r["set"] for r in rows])
    pools = {**POOLS, "all check halves": trainer.JUDGE_SETS}
    out: dict[str, dict] = {}
    for method in ("default", "rules", "learned"):
        has = np.array([method in r["methods"] for r in rows])
        for pool, members in pools.items():
            m = has & np.isin(sets, members)
            if m.any():
                out[f"{method} {pool}"] = _scores(conf[m], right[m])
    return out


def shrink_targets(rows: list[dict]) -> dict[str, float]:
    """origin -> precision of ``rows`` of that origin (what a shrink pulls toward)."""
    out = {}
    for origin in confidence.ORIGINS:
        right = [float(r["right"]) for r in rows if r["origin"] == origin]
        if right:
            out[origin] = float(np.mean(right))
    return out


def leave_one_set_out(rows: list[dict], combine: str, shrink: float = 1.0) -> np.ndarray:
    """Each row's confidence by curves fitted on the OTHER sets' rows, shrunk by ``shrink``
    toward their precision per origin: every set is mapped as a new set would be."""
    out = np.full(len(rows), np.nan)
    sets = np.array([r["set"] for r in rows])
    for s in np.unique(sets):
        train = [r for r in rows if r["set"] != s]
        cal = confidence.Calibration(
            combine,
            _fit_curves(train, combine),
            "",
            shrink=shrink,
            targets=shrink_targets(train),
        )
        for i in np.flatnonzero(sets == s):
            out[i] = cal.probability(_evidence(rows[i]))
    return out


def per_set_figures(rows: list[dict], conf: np.ndarray, method: str = "default") -> dict:
    """Aggregate figures of ``conf`` on ``method``'s candidates per set, and ``mean ECE``:
    the per-set expected calibration errors weighted by candidates (what a new set sees;
    pooling the sets first would let their shifts cancel)."""
    right = np.array([float(r["right"]) for r in rows])
    sets = np.array([r["set"] for r in rows])
    has = np.array([method in r["methods"] for r in rows])
    per = {
        s: _scores(conf[has & (sets == s)], right[has & (sets == s)])
        for s in _in_order(set(sets[has]))
    }
    mean = mean_ece({k: [v["ece"], v["candidates"]] for k, v in per.items()})
    return {"mean ECE": round(mean, 4), "pooled": _scores(conf[has], right[has]), "sets": per}


def _in_order(names: set[str]) -> list[str]:
    """The judge's sets among ``names`` in the judge's order, then any others sorted."""
    return [s for s in trainer.JUDGE_SETS if s in names] + sorted(names - set(trainer.JUDGE_SETS))


def loso_by_shrink(
    rows: list[dict], combine: str, grid: tuple[float, ...] = SHRINK_GRID
) -> dict[float, dict]:
    """Each weight's leave-one-set-out ``per_set_figures`` of the default method's
    candidates, computed once: ``choose_shrink`` picks from them and ``fit`` stores them."""
    return {w: per_set_figures(rows, leave_one_set_out(rows, combine, w)) for w in grid}


def _choose(by_shrink: dict[float, dict]) -> tuple[float, dict[float, dict[str, list[float]]]]:
    """``keep_rule``'s weight from ``loso_by_shrink``'s figures, and the per-set figures it
    read (weight -> set -> [ECE, candidates])."""
    figures = {
        w: {s: [v["ece"], v["candidates"]] for s, v in full["sets"].items()}
        for w, full in by_shrink.items()
    }
    return keep_rule(figures), figures


def choose_shrink(
    rows: list[dict], combine: str, grid: tuple[float, ...] = SHRINK_GRID
) -> tuple[float, dict[float, dict[str, list[float]]]]:
    """The weight ``keep_rule`` picks from each weight's leave-one-set-out per-set ECE of the
    default method's candidates, and those figures (weight -> set -> [ECE, candidates])."""
    return _choose(loso_by_shrink(rows, combine, grid))


RESAMPLES = 2000
"""Resamples of the sets in ``keep_rule``'s bootstrap (seeded: the choice is reproducible)."""
KEEP_SHARE = 0.95
"""Share of the set resamples in which a shrink must lower the mean per-set ECE to be kept
(a one-sided 95% bootstrap: nine sets are few, and a fall within their spread is noise)."""


def mean_ece(per_set: dict[str, list[float]], sets: list[str] | None = None) -> float:
    """Candidate-weighted mean of per-set ECEs (``sets``: a resample, with repeats)."""
    sets = list(per_set) if sets is None else sets
    n = sum(per_set[s][1] for s in sets)
    return sum(per_set[s][0] * per_set[s][1] for s in sets) / n


def keep_rule(figures: dict[float, dict[str, list[float]]]) -> float:
    """The weight with the lowest mean per-set ECE (ties: the larger weight), kept only when
    it is lower than the curve alone's (1.0) in ``KEEP_SHARE`` of ``RESAMPLES`` resamples of
    the sets with replacement; otherwise 1.0 (no shrink)."""
    if 1.0 not in figures:
        raise ValueError("the shrink grid must hold 1.0 (the curve alone)")
    best = 1.0
    for w in sorted(figures, reverse=True):
        if mean_ece(figures[w]) < mean_ece(figures[best]):
            best = w
    if best == 1.0:
        return best
    names = sorted(figures[1.0])
    rng = np.random.default_rng(0)
    wins = 0
    for _ in range(RESAMPLES):
        pick = [names[i] for i in rng.integers(0, len(names), len(names))]
        wins += mean_ece(figures[best], pick) < mean_ece(figures[1.0], pick)
    return best if wins >= KEEP_SHARE * RESAMPLES else 1.0


def _without_set_bins(figures: dict) -> dict:
    """``per_set_figures`` with each set's reliability bins left out (stored: the pooled
    bins, and per set its ECE, mean confidence and precision)."""
    sets = {k: {f: x for f, x in v.items() if f != "bins"} for k, v in figures["sets"].items()}
    return {**figures, "sets": sets}


def shift_problem(stored: dict) -> str | None:
    """What is wrong with the stored mapping's ``shift`` entry, or None: missing, tried on
    another grid than ``SHRINK_GRID``, a weight other than the one ``choose_shrink``'s rule
    picks from the stored figures, or settings ``confidence.calibration_from`` refuses."""
    shift = stored.get("shift")
    if not isinstance(shift, dict) or "loso_set_ece_by_shrink" not in shift:
        return "no leave-one-set-out shrink stored"
    figures = {float(w): v for w, v in shift["loso_set_ece_by_shrink"].items()}
    if sorted(figures) != sorted(SHRINK_GRID):
        return "the shrink was chosen on another grid"
    best = keep_rule(figures)
    if float(shift.get("shrink", float("nan"))) != best:
        return f"the stored shrink is not the one its figures choose ({best})"
    try:
        confidence.calibration_from(stored, "")
    except (ValueError, KeyError, TypeError) as exc:
        return f"the stored mapping is refused ({exc})"
    return None


def fit(rows: list[dict], model_digest: str) -> dict:
    """The stored mapping: the combine with the lowest cross-fitted Brier score of the rules
    candidates, one isotonic regression per origin on every pair, and the cross-fitted
    figures (aggregate). Raises ValueError when a pair is not of a check half."""
    _only_check_halves(r["set"] for r in rows)
    ours = [i for i, r in enumerate(rows) if r["origin"] == "rules"]
    right = np.array([float(r["right"]) for r in rows])
    crossed = {c: cross_fit(rows, c) for c in confidence.COMBINES}
    briers = {c: float(np.mean((p[ours] - right[ours]) ** 2)) for c, p in crossed.items()}
    combine = min(briers, key=briers.__getitem__)
    by_shrink = loso_by_shrink(rows, combine)  # the leave-one-set-out work, once
    weight, by_weight = _choose(by_shrink)
    targets = shrink_targets(rows)
    loso = {w: by_shrink[w] for w in dict.fromkeys((1.0, weight))}
    curves = {
        origin: {"x": [round(float(v), 6) for v in x], "y": [round(float(v), 6) for v in y]}
        for origin, (x, y) in _fit_curves(rows, combine).items()
    }
    counts = {
        o: {
            "candidates": sum(r["origin"] == o for r in rows),
            "true": int(sum(r["right"] for r in rows if r["origin"] == o)),
        }
        for o in curves
    }
    by_set: dict[str, list[int]] = {}
    for r in rows:
        t = by_set.setdefault(r["origin"] + " " + r["set"], [0, 0])
        t[0] += 1
        t[1] += int(r["right"])
    return {
        "combine": combine,
        "curves": curves,
        "model_digest": model_digest,
        "data_digest": data_digest(),
        "cross_fitted_brier_rules": {c: round(v, 5) for c, v in briers.items()},
        "cross_fitted": pooled_figures(rows, crossed[combine]),
        "shift": {
            "shrink": weight,
            "targets": {o: round(v, 6) for o, v in targets.items()},
            "loso_set_ece_by_shrink": {str(w): v for w, v in by_weight.items()},
            "loso_mean_ece_by_shrink": {
                str(w): round(mean_ece(v), 4) for w, v in by_weight.items()
            },
            "loso_default": {str(w): _without_set_bins(v) for w, v in loso.items()},
            "why": (
                "the curve is pulled toward the fitted pairs' precision per origin by the "
                f"weight of {list(SHRINK_GRID)} with the lowest leave-one-set-out mean per-set "
                "ECE of the default method's candidates (each check half mapped by curves "
                "fitted on the others), kept only when it is lower than the curve alone's in "
                f"{KEEP_SHARE:.0%} of {RESAMPLES} resamples of the sets (else 1.0, the curve alone)"
            ),
        },
        "examples": counts,
        "pairs_by_set": {k: {"candidates": n, "true": t} for k, (n, t) in sorted(by_set.items())},
        "fitted_on": (
            "candidates of the stored models on the check halves of "
            f"{', '.join(trainer.JUDGE_HALVES)} (the trainer's judge; never trained on, no "
            f"training snippet, no blind set); cross-fitted figures by {CROSS_FOLDS} grouped "
            "folds by page"
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
        problem = shift_problem(stored) if ok else None
        print(
            "calibration is current"
            if ok and problem is None
            else f"stale calibration{': ' + problem if problem else ''}: "
            "run python tools/calibrate_extractor.py"
        )
        return 0 if ok and problem is None else 1
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
        f"wrote {OUT}: combine {meta['combine']}, shrink {meta['shift']['shrink']} "
        f"(leave-one-set-out mean ECE by shrink {meta['shift']['loso_mean_ece_by_shrink']}); "
        f"(cross-fitted Brier, rules "
        f"{meta['cross_fitted_brier_rules']}); {meta['examples']}; cross-fitted ECE "
        + ", ".join(f"{k} {v['ece']:.3f}" for k, v in meta["cross_fitted"].items())
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
