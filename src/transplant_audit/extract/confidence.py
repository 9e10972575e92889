"""A calibrated confidence for every candidate (issue 14): its chance of being a true figure.

Investigators review every candidate; what helps them most is how likely each is to be
right. ``learned.extract`` already decides with model probabilities; this module reads them
for every candidate of any method, without changing the candidates:

- the span model's probability of the candidate's indicator at its number (scored here
  also where ``combined`` keeps a span unscored; only the spans candidates sit on are read
  and scored, each as scoring every span would score it: ``learned.Document``), and
- for a candidate of the rules (kept, or moved within its group by the re-labeller), the
  re-labeller's probability of its indicator among its group and NONE
  (``relabel.group_probabilities``).

A candidate's raw score is one of these or their mean (``Calibration.combine``, chosen by
the calibration tool), and the raw score becomes a probability through an isotonic
(monotone, step-wise linear) mapping per origin (``rules``: a rules candidate; ``added``: a
candidate only the span model proposed). The mapping is fitted by
``tools/calibrate_extractor.py`` on the candidates of the check halves of heldout3 onward
(the trainer's judge, ``JUDGE_HALVES`` in tools/train_extractor.py: never trained on; rules
passes read them in aggregate only), and stored as plain JSON
(``model/calibration.json``) with a digest of the weights it was fitted for: a retrain makes
it stale, and a stale mapping is never applied (``Calibration.current``). The curve may be
pulled toward the fitted precision (``Calibration.shrink``, chosen leave-one-set-out by the
tool: 1.0, none, unless a weight lowers that figure in 95% of resamples of the sets). Numpy
only at inference.

Pure: text, candidates, weights and mapping in, confidences out; ``load_calibration`` and
``model_digest`` are the only functions that read files.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

import numpy as np

from transplant_audit.extract import learned, relabel
from transplant_audit.extract.core import Candidate

ORIGINS = ("rules", "added")
"""Where a candidate comes from: the rules (kept or re-labelled), or the span model alone."""
COMBINES = ("span", "relabel", "mean")
"""How a rules candidate's raw score is formed from the two models' probabilities (an added
candidate has only the span model's)."""
CALIBRATION_FILE = learned.MODEL_DIR / "calibration.json"
MODEL_FILES = ("model.json", "weights.npz")


@dataclass(frozen=True)
class Evidence:
    """What the models say of one candidate: its origin, the span model's probability of
    its indicator and the re-labeller's (NaN where the re-labeller did not read it)."""

    origin: str
    p_span: float
    p_relabel: float = float("nan")


@dataclass(frozen=True)
class Calibration:
    """Isotonic mappings from a raw score to the chance of a true figure, per origin."""

    combine: str
    curves: dict[str, tuple[np.ndarray, np.ndarray]]
    """origin -> (raw-score breakpoints, increasing; probability at each, non-decreasing)."""
    model_digest: str
    current: bool = True
    """False when the stored weights are not those the mapping was fitted for."""
    meta: dict[str, object] = field(default_factory=dict, compare=False, repr=False)
    shrink: float = 1.0
    """Weight of the curve against ``targets`` (1: the curve alone). Chosen by the calibration
    tool by leave-one-set-out: a new set is harder or easier than the fitted ones."""
    targets: dict[str, float] = field(default_factory=dict)
    """origin -> the precision of the fitted pairs of that origin, what ``shrink`` pulls to."""

    def raw(self, ev: Evidence) -> float:
        """The raw score of one candidate (``combine`` for a rules candidate)."""
        if ev.origin != "rules" or np.isnan(ev.p_relabel) or self.combine == "span":
            return ev.p_span
        if self.combine == "relabel":
            return ev.p_relabel
        return (ev.p_span + ev.p_relabel) / 2

    def probability(self, ev: Evidence) -> float:
        """The calibrated chance that the candidate is a true figure, in [0, 1]."""
        origin = ev.origin if ev.origin in self.curves else "rules"
        x, y = self.curves[origin]
        p = float(np.interp(self.raw(ev), x, y))
        if self.shrink < 1.0:
            p = shrunk(p, self.targets[origin], self.shrink)
        return float(np.clip(p, 0.0, 1.0))


def shrunk(p: float, target: float, weight: float) -> float:
    """``p`` pulled toward ``target``: ``target + weight * (p - target)`` (monotone in ``p``
    for a weight in (0, 1])."""
    return target + weight * (p - target)


def raw_score(combine: str, ev: Evidence) -> float:
    """``Calibration.raw`` for a combination not yet fitted (the calibration tool's)."""
    return Calibration(combine, {}, "").raw(ev)


def evidence(
    spans: list[learned.Span],
    span_probs: np.ndarray,
    classes: tuple[str, ...],
    rules: list[Candidate],
    relabel_probs: np.ndarray | None,
    relabeller: relabel.Relabeller | None,
    candidates: list[Candidate],
) -> list[Evidence]:
    """The ``Evidence`` of each of ``candidates`` (any method's, on one document) from the
    document's spans and their span-model probabilities (every span scored), its rules
    candidates and their re-labeller probabilities. A candidate is the rules' when a rules
    candidate has its start, end and value and an indicator of the same group (the
    re-labeller may have moved it); it is read at the span it overlaps."""
    col = {name: i for i, name in enumerate(classes)}
    bounds = [(sp.start, sp.end) for sp in spans]
    starts = [s for s, _ in bounds]
    by_place: dict[tuple[int, int, float], list[int]] = {}
    for k, r in enumerate(rules):
        by_place.setdefault((r.start, r.end, r.value), []).append(k)
    out = []
    for c in candidates:
        i = learned._overlapping(bounds, starts, c.start, c.end)
        row = span_probs[i] if i is not None else None
        p_span = float(row[col[c.indicator]]) if row is not None and c.indicator in col else 0.0
        k = _rules_origin(c, rules, by_place.get((c.start, c.end, c.value), []), relabeller)
        if k is None:
            out.append(Evidence("added", p_span))
            continue
        p_rel = float("nan")
        if (
            relabeller is not None
            and relabel_probs is not None
            and c.indicator in relabeller.column
        ):
            q = relabel.group_probabilities(c.indicator, relabel_probs[k], relabeller)
            p_rel = q[c.indicator]
        out.append(Evidence("rules", p_span, p_rel))
    return out


def _rules_origin(
    c: Candidate, rules: list[Candidate], ks: list[int], relabeller: relabel.Relabeller | None
) -> int | None:
    """The index of the rules candidate ``c`` is (same place and value, its indicator or one
    of its group), or None."""
    for k in ks:
        group = relabeller.group_of(rules[k].indicator) if relabeller else (rules[k].indicator,)
        if c.indicator == rules[k].indicator or c.indicator in group:
            return k
    return None


def document_evidence(
    text: str,
    candidates: list[Candidate],
    *,
    language: str | None = None,
    model: learned.Model,
    document: learned.Document | None = None,
) -> list[Evidence]:
    """``evidence`` of ``candidates`` found in ``text`` with ``model`` (the candidates
    themselves are not touched). ``document`` (``learned.Document.of(text, language)``, the
    one the candidates were extracted with) lends the rules and spans already computed;
    only the spans the candidates sit on are scored (the rows ``evidence`` reads), each
    with the cue lists of all the document's spans, so every probability is the one
    scoring every span gives."""
    doc = document or learned.Document.of(text, language)
    spans = doc.numbers  # ``evidence`` reads their places and rules; ``scores`` the rest
    probs = np.full((len(spans), len(model.classes)), np.nan)  # a row no candidate reads
    bounds = [(sp.start, sp.end) for sp in spans]
    starts = [s for s, _ in bounds]
    at = [learned._overlapping(bounds, starts, c.start, c.end) for c in candidates]
    rows = sorted({i for i in at if i is not None})
    if rows:
        probs[rows] = doc.scores(model, rows)
    rules = [c for sp in spans for c in sp.rules]
    r = model.relabeller
    rprobs = (
        relabel.probabilities(r, relabel.candidate_features(doc.norm, rules, doc.lang))
        if r is not None and rules
        else None
    )
    return evidence(spans, probs, model.classes, rules, rprobs, r, candidates)


def confidences(
    text: str,
    candidates: list[Candidate],
    *,
    language: str | None = None,
    model: learned.Model | None = None,
    calibration: Calibration | None = None,
    document: learned.Document | None = None,
) -> list[float | None]:
    """The calibrated chance that each of ``candidates`` (found in ``text`` by any method of
    ``learned.extract``) is a true figure; None for every candidate when the mapping is
    stale (fitted for other weights). ``document``: see ``document_evidence``."""
    if not candidates:
        return []
    calibration = calibration or load_calibration()
    if not calibration.current:
        return [None] * len(candidates)
    model = model or learned.load_model()
    evs = document_evidence(text, candidates, language=language, model=model, document=document)
    return [calibration.probability(ev) for ev in evs]


def extract_confident(
    text: str,
    *,
    method: str = "",
    language: str | None = None,
    model: learned.Model | None = None,
    calibration: Calibration | None = None,
) -> list[tuple[Candidate, float | None, float | None]]:
    """(candidate, score, confidence) of ``text``: ``learned.extract_scored``'s candidates and
    scores unchanged, each with its calibrated confidence (``confidences``). The two share
    one ``learned.Document``: the rules run once, the numbers are read once and a span is
    scored at most once (only those a candidate sits on, when the method scores none)."""
    doc = learned.Document.of(text, language) if text else None
    scored = learned.extract_scored(
        text, method=method, language=language, model=model, document=doc
    )
    conf = confidences(
        text,
        [c for c, _ in scored],
        language=language,
        model=model,
        calibration=calibration,
        document=doc,
    )
    return [(c, s, q) for (c, s), q in zip(scored, conf, strict=True)]


STORED_DIGITS = 4
"""Decimal places a confidence keeps once computed: what is printed is what is stored."""


def document_candidates(
    text: str,
    *,
    method: str = "",
    language: str | None = None,
    with_confidence: bool = True,
    minimum: float = 0.0,
) -> list[tuple[Candidate, float | None, float | None]]:
    """(candidate, score, confidence) of one document as ``extract`` lists and stores them
    and the web workbench stores them: ``extract_confident``'s, those below ``minimum``
    dropped (``above``), each confidence rounded to ``STORED_DIGITS`` places. Without
    ``with_confidence`` the confidence is not computed (None; ``minimum`` must be 0)."""
    if not with_confidence:
        if minimum > 0:
            raise ValueError("a confidence cut needs the confidence")
        scored = learned.extract_scored(text, method=method, language=language)
        return [(c, s, None) for c, s in scored]
    # rounded before the cut: what is listed and stored is what is cut on
    items = [
        (c, s, None if q is None else round(q, STORED_DIGITS))
        for c, s, q in extract_confident(text, method=method, language=language)
    ]
    return above(items, minimum)


def above(
    items: list[tuple[Candidate, float | None, float | None]], minimum: float
) -> list[tuple[Candidate, float | None, float | None]]:
    """The items whose confidence reaches ``minimum`` (an unknown confidence never does,
    unless ``minimum`` is 0)."""
    if minimum <= 0:
        return list(items)
    return [it for it in items if it[2] is not None and it[2] >= minimum]


# --- reliability ------------------------------------------------------------------------------


def reliability(
    conf: np.ndarray, right: np.ndarray, bins: int = 10
) -> tuple[list[tuple[float, float, float, int]], float]:
    """(rows of (bin low, mean confidence, observed precision, candidates) of the non-empty
    bins of width 1/``bins``; expected calibration error: the candidate-weighted mean gap
    between mean confidence and observed precision)."""
    conf, right = np.asarray(conf, dtype=float), np.asarray(right, dtype=float)
    which = np.minimum((conf * bins).astype(int), bins - 1)
    rows, ece = [], 0.0
    for b in range(bins):
        m = which == b
        n = int(m.sum())
        if not n:
            continue
        mc, obs = float(conf[m].mean()), float(right[m].mean())
        rows.append((b / bins, mc, obs, n))
        ece += n / len(conf) * abs(mc - obs)
    return rows, ece


def precision_recall_at(
    conf: np.ndarray, right: np.ndarray, gold: int, threshold: float
) -> tuple[float, float, int]:
    """(precision, recall, candidates kept) of the candidates with confidence at least
    ``threshold``; recall is over ``gold`` figures (a kept true candidate finds one)."""
    keep = np.asarray(conf) >= threshold
    n, tp = int(keep.sum()), int(np.asarray(right)[keep].sum())
    return (tp / n if n else 1.0), (tp / gold if gold else 1.0), n


def lowest_threshold(
    conf: np.ndarray, right: np.ndarray, gold: int, target: float, step: float = 0.01
) -> tuple[float, float, float] | None:
    """The lowest threshold on a grid of ``step`` where precision reaches ``target``, with
    (threshold, precision, recall) there; None when no threshold keeping a candidate does."""
    for t in np.arange(0.0, 1.0 + step / 2, step):
        p, r, n = precision_recall_at(conf, right, gold, float(t))
        if n and p >= target:
            return round(float(t), 4), p, r
    return None


# --- stored mapping ----------------------------------------------------------------------------


def calibration_from(meta: dict[str, object], current_digest: str) -> Calibration:
    """A Calibration from its JSON (``current`` when fitted for ``current_digest``)."""
    combine = str(meta["combine"])
    if combine not in COMBINES:
        raise ValueError(f"calibration: unknown combine {combine!r}")
    stored = meta["curves"]
    if not isinstance(stored, dict) or "rules" not in stored:
        raise ValueError("calibration: no curve for rules candidates (every origin's fallback)")
    curves = {str(origin): _curve(str(origin), curve) for origin, curve in stored.items()}
    digest = str(meta["model_digest"])
    weight, targets = _shift(meta.get("shift"), curves)
    return Calibration(combine, curves, digest, digest == current_digest, meta, weight, targets)


def _shift(shift: object, curves: dict[str, object]) -> tuple[float, dict[str, float]]:
    """(shrink, targets) of the stored ``shift`` entry; none stored is no shrink. A weight
    outside (0, 1] or a target that is not a probability of every origin is refused."""
    if shift is None:
        return 1.0, {}
    if not isinstance(shift, dict):
        raise ValueError("calibration: shift is not a mapping")
    weight = float(shift["shrink"])
    targets = {str(o): float(v) for o, v in dict(shift.get("targets", {})).items()}
    if not 0.0 < weight <= 1.0:
        raise ValueError(f"calibration: shrink {weight!r} is not in (0, 1]")
    if weight < 1.0 and set(curves) - set(targets):
        raise ValueError("calibration: shrink without a target for every origin")
    if any(not 0.0 <= v <= 1.0 for v in targets.values()):
        raise ValueError("calibration: a shrink target outside [0, 1]")
    return weight, targets


def _curve(origin: str, curve: dict[str, object]) -> tuple[np.ndarray, np.ndarray]:
    """One origin's (x, y) points: as many of each, finite, both non-decreasing, and every
    y a probability (NaN would compare false with every check and reach the output)."""
    x = np.asarray(curve["x"], dtype=float)
    y = np.asarray(curve["y"], dtype=float)
    if x.ndim != 1 or x.shape != y.shape or not len(x):
        raise ValueError(f"calibration: the {origin} curve is not a list of points")
    if not (np.isfinite(x).all() and np.isfinite(y).all()):
        raise ValueError(f"calibration: the {origin} curve has a point that is not finite")
    if np.any(y < 0) or np.any(y > 1):
        raise ValueError(f"calibration: the {origin} curve has a probability outside [0, 1]")
    if np.any(np.diff(x) < 0) or np.any(np.diff(y) < 0):
        raise ValueError(f"calibration: the {origin} curve is not monotone")
    return x, y


@lru_cache(maxsize=4)
def model_digest(directory: Path = learned.MODEL_DIR) -> str:
    """sha256 of the stored weights' files (``model.json``, ``weights.npz``)."""
    h = hashlib.sha256()
    for name in MODEL_FILES:
        h.update(name.encode() + b"\0" + (directory / name).read_bytes() + b"\0")
    return "sha256:" + h.hexdigest()


@lru_cache(maxsize=4)
def load_calibration(path: Path = CALIBRATION_FILE) -> Calibration:
    """Read the stored mapping; ``current`` says whether it fits the stored weights (a
    missing file is a mapping that fits nothing). Raises ValueError, naming the file, when
    it cannot be read as a mapping."""
    if not path.exists():
        return Calibration("span", {}, "", current=False)
    try:
        meta = json.loads(path.read_text(encoding="utf-8"))
        read = calibration_from(meta, "")
    except (ValueError, KeyError, TypeError) as exc:
        raise ValueError(f"{path}: not a confidence mapping ({exc!r})") from exc
    return replace(read, current=read.model_digest == model_digest(path.parent))
