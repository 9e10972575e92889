"""The learned re-labeller (issue 14): name a rules candidate right, or drop it.

On unseen pages the rules find most numbers but give many the wrong indicator (a count for a
period read as a running total, donors as transplants, a hospital's beds as the transplant
ward's). The re-labeller reads each rules candidate in its whole sentence and its
neighbours and says, among the indicators it may be confused with (its ``group``, stored
with the weights) and NONE (no figure), which one it is. A small multinomial logistic
regression over sparse string features (``candidate_features``), trained by
``tools/train_extractor.py`` with scikit-learn; inference here is numpy only.

Decision (``decide``): with the probabilities renormalised over the candidate's own
indicator, its group and NONE, the candidate is dropped when NONE reaches ``drop_threshold``
and beats every other indicator, moved to the most likely other indicator of its group when
that reaches ``switch_threshold``, and kept otherwise. Both thresholds are chosen by the
trainer's grouped cross-validation; whether the stage runs, by its judge (the check
halves). A switch keeps the value (every group holds indicators counted in the same way)
and takes the new indicator's canonical unit.

Pure: text, candidates and weights in, candidates out.
"""

from __future__ import annotations

import bisect
import math
import re
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache

import numpy as np

from transplant_audit.evidence.vocabulary import canonical_unit
from transplant_audit.extract import patterns as pat
from transplant_audit.extract.core import Candidate
from transplant_audit.extract.evaluate import value_only_matches

NONE = "NONE"

CUES: dict[str, re.Pattern[str]] = {
    "annual": pat.ANNUAL_CUE_RE,
    "cumulative": pat.STRONG_CUMULATIVE_CUE_RE,
    "cumulative_weak": pat.WEAK_CUMULATIVE_CUE_RE,
    "study": pat.STUDY_PERIOD_RE,
    "concurrent": pat.CONCURRENT_CUE_RE,
    "surgeon": pat.SURGEON_CUE_RE,
    "transplant": pat.TRANSPLANT_CUE_RE,
    "first": pat.FIRST_CUE_RE,
    "founded": pat.FOUNDED_CUE_RE,
    "bed": pat.BED_NOUN_RE,
    "icu": pat.ICU_CUE_RE,
    "department": pat.DEPARTMENT_CUE_RE,
    "hospital": pat.HOSPITAL_WIDE_CUE_RE,
    "waitlist": pat.WAITLIST_CUE_RE,
    "wait": pat.WAIT_CUE_RE,
    "stay": pat.STAY_CUE_RE,
    "revenue": pat.REVENUE_CUE_RE,
    "invest": pat.INVEST_CUE_RE,
    "fee": pat.SURGICAL_FEE_CUE_RE,
    "price": pat.PRICE_CUE_RE,
    "occupancy": pat.OCCUPANCY_CUE_RE,
    "share": pat.SHARE_CUE_RE,
    "room": pat.ROOM_CUE_RE,
    "team": pat.TEAM_CUE_RE,
    "planned": pat.PLANNED_CUE_RE,
    "donation": pat.DONATION_CUE_RE,
    "organ": pat.ORGAN_RE,
    "inpatient": pat.INPATIENT_CUE_RE,
}
"""The rules' own word lists (patterns.py): what a figure is about, named more generally
than the words of a few hundred pages can name it. The span model (learned.py) reads them
too."""

EXTRA_CUES: dict[str, re.Pattern[str]] = {
    "year": re.compile(r"(?<!\d)(?:19[5-9]\d|20[0-4]\d)(?!\d)"),
    "year_range": re.compile(
        r"(?<!\d)(?:19|20)\d\d\s*年?\s*(?:-|–|—|~|至|到|to|and|through)\s*(?:(?:19|20)?\d\d)(?!\d)"
    ),
    "total": re.compile(
        r"total|in all|altogether|overall|combined|总共|共计|总计|合计|共完成|共有|共实施|总数"
    ),
    "per_period": re.compile(
        r"per year|a year|each year|every year|annually|last year|this year|that year"
        r"|in (?:19|20)\d\d|during|between|per month|a month|each month|per day|a day"
        r"|每月|每天|每日|月份|季度|上半年|下半年"
    ),
    "more": re.compile(r"more than|over|at least|exceed|余|多|以上|逾|超过"),
    "person": re.compile(
        r"doctor|surgeon|physician|nurse|staff|professor|expert|医生|医师|护士|专家|教授|职工|员工"
    ),
    "ranked": re.compile(r"rank|first|largest|top|居|第一|首位|榜首|前列|最多|之最"),
    "money": re.compile(r"yuan|usd|us\$|\$|dollar|rmb|cost|fee|price|元|费|价|收费"),
}
"""Words the rules' lists leave out but a reader of a whole sentence weighs: years and year
ranges (a count of a period), totals, per-period words, people, ranks and money."""

_ALL_CUES = {**CUES, **EXTRA_CUES}
_REGIONS = ("sb", "sa", "cl", "ps", "ns")
"""Where a cue is looked for: the sentence before the figure, after it, the figure's clause,
the previous sentence and the next one."""
_CROSSED = ("cl", "sb")
"""Regions whose cues are also read together with the rules' indicator."""
_CLAUSE_READ = 40
"""How many characters of the figure's clause either side are read as words."""
_HIT_NAMES = {name: tuple(r + "=" + name for r in _REGIONS) for name in _ALL_CUES}
"""Each cue list's features ``region=cue``, by region (built once, not per hit)."""
_CROSSED_HITS = frozenset(r + "=" + name for name in _ALL_CUES for r in _CROSSED)
"""The hits (``_HIT_NAMES``) in the ``_CROSSED`` regions, also read with the rules' indicator."""
_WORD_RE = re.compile(r"[a-z]+|[\u4e00-\u9fff]")
_NON_HAN_RE = re.compile(r"[^\u4e00-\u9fff]")


@dataclass(frozen=True)
class Relabeller:
    """Weights of the re-labeller and its decision settings."""

    classes: tuple[str, ...]
    index: dict[str, int]
    weights: np.ndarray  # (features, classes)
    intercept: np.ndarray  # (classes,)
    groups: tuple[tuple[str, ...], ...]
    switch_threshold: float
    drop_threshold: float

    @cached_property
    def padded_weights(self) -> np.ndarray:
        """``weights`` with a row of zeros below (the column ``feature_ids`` pads with)."""
        return np.vstack([self.weights, np.zeros((1, self.weights.shape[1]))])

    @cached_property
    def column(self) -> dict[str, int]:
        """Each class's column in ``weights``."""
        return _columns(self.classes)

    def group_of(self, indicator: str) -> tuple[str, ...]:
        """The indicators ``indicator`` may be moved to (itself included)."""
        for g in self.groups:
            if indicator in g:
                return g
        return (indicator,)


@lru_cache(maxsize=16)
def _columns(classes: tuple[str, ...]) -> dict[str, int]:
    return {name: i for i, name in enumerate(classes)}


def _bounds(norm: str, rx: re.Pattern[str]) -> list[int]:
    """Offsets where a unit (sentence or clause) ends: each match's end, then the text's."""
    return [m.end() for m in rx.finditer(norm)] + [len(norm)]


def _unit_at(ends: list[int], pos: int) -> tuple[int, int, int]:
    """(start, end, index) of the unit holding ``pos``."""
    i = bisect.bisect_right(ends, pos)
    i = min(i, len(ends) - 1)
    return (ends[i - 1] if i else 0), ends[i], i


def _cue_hits(norm: str, regions: np.ndarray) -> list[list[str]]:
    """For each row of ``regions`` (candidates × regions × (lo, hi)), the features
    ``region=cue`` of every cue list with a match starting inside that region."""
    n = regions.shape[0]
    out: list[list[str]] = [[] for _ in range(n)]
    if not n:
        return out
    lo_all, hi_all = regions[:, :, 0], regions[:, :, 1]
    a, b = int(lo_all.min()), int(hi_all.max())
    for name, rx in _ALL_CUES.items():
        at = np.array([m.start() for m in rx.finditer(norm, a, b)], dtype=np.int64)
        if not len(at):
            continue
        present = np.searchsorted(at, hi_all) > np.searchsorted(at, lo_all)
        names = _HIT_NAMES[name]
        rows, cols = np.nonzero(present)
        for row, col in zip(rows.tolist(), cols.tolist(), strict=True):
            out[row].append(names[col])
    return out


def _period_kind(period: str) -> str:
    if not period:
        return ""
    if "/" in period:
        return "range"
    if period.startswith("P"):
        return period
    return "year" if len(period) == 4 else "date"


def candidate_features(norm: str, cands: list[Candidate], lang: str) -> list[list[str]]:
    """The sparse features of each rules candidate (``cands`` in document order): the rules'
    indicator, qualifier and period, the cue lists in its sentence (before and after it), its
    clause and the sentences either side, years, its rank among the sentence's figures, the
    other candidates' indicators there, its magnitude and the words next to it."""
    sent_ends = _bounds(norm, pat.SENTENCE_END_RE)
    clause_ends = _bounds(norm, pat.CLAUSE_END_RE)
    bounds: list[tuple[int, ...]] = []
    where: list[int] = []
    clauses: list[tuple[int, int]] = []
    for c in cands:
        a, b, i = _unit_at(sent_ends, c.start)
        ca, cb, _ = _unit_at(clause_ends, c.start)
        pa = sent_ends[i - 2] if i >= 2 else 0
        nb = sent_ends[min(i + 1, len(sent_ends) - 1)]
        bounds.append((a, c.start, c.end, b, ca, cb, pa, a, b, nb))
        where.append(i)
        clauses.append((ca, cb))
    regions = np.array(bounds, dtype=np.int64).reshape(len(cands), len(_REGIONS), 2)
    hits = _cue_hits(norm, regions)
    by_sentence: dict[int, list[int]] = {}
    for k, i in enumerate(where):
        by_sentence.setdefault(i, []).append(k)
    return [
        _features(norm, cands, k, by_sentence[where[k]], hits[k], lang, clauses[k])
        for k in range(len(cands))
    ]


def _features(
    norm: str,
    cands: list[Candidate],
    k: int,
    same: list[int],
    hits: list[str],
    lang: str,
    clause: tuple[int, int],
) -> list[str]:
    c = cands[k]
    rule = c.indicator
    f = [
        "bias_rule=" + rule,
        "rule_lang=" + rule + "|" + lang,
        "lang=" + lang,
        "q=" + c.qualifier,
        "per=" + _period_kind(c.period) + "|" + rule,
        "asof=" + str(bool(c.as_of)) + "|" + rule,
        "organ=" + str(bool(c.organ)),
        "mag=" + (str(int(math.log10(c.value))) if c.value >= 1 else "<1") + "|" + rule,
    ]
    f.extend(hits)
    f.extend(rule + "|" + h for h in hits if h in _CROSSED_HITS)
    others = [j for j in same if j != k]
    f.append("nsame=" + str(min(len(others), 3)))
    pos = same.index(k)
    f.append("pos=" + ("first" if pos == 0 else "last" if pos == len(same) - 1 else "mid"))
    f.extend("nb=" + cands[j].indicator for j in others)
    alike = [cands[j].value for j in others if cands[j].unit == c.unit]
    if alike:
        f.append(("largest|" if max(alike) <= c.value else "smaller|") + rule)
    if pos:
        f.append("prev=" + cands[same[pos - 1]].indicator + "|" + rule)
    if pos < len(same) - 1:
        f.append("next=" + cands[same[pos + 1]].indicator + "|" + rule)
    f.extend(_near(norm, c.start, c.end, rule))
    f.extend(_clause_words(norm, c, clause))
    return f


def _clause_words(norm: str, c: Candidate, clause: tuple[int, int]) -> list[str]:
    """The words (English) or character bigrams (Chinese) of the figure's clause before it
    (up to ``_CLAUSE_READ`` characters) and after it, each marked with its side and read
    together with the group of the rules' indicator."""
    a, b = clause
    before = norm[max(a, c.start - _CLAUSE_READ) : c.start]
    after = norm[c.end : min(b, c.end + _CLAUSE_READ)]
    out = []
    for side, part in (("cb:", before), ("ca:", after)):
        if pat.CJK_RE.search(part):
            chars = _NON_HAN_RE.sub("", part)
            out.extend(side + chars[i : i + 2] for i in range(len(chars) - 1))
        else:
            out.extend(side + w for w in _WORD_RE.findall(part))
    return out


def _near(norm: str, s: int, e: int, rule: str) -> list[str]:
    """The two words (English) or characters (Chinese) either side of the figure."""
    left, right = norm[max(0, s - 24) : s], norm[e : e + 24]
    if pat.CJK_RE.search(norm, max(0, s - 4), min(len(norm), e + 4)):
        lw, rw = left.replace(" ", "")[-2:], right.replace(" ", "")[:2]
        return ["L=" + lw, "R=" + rw, "L1=" + lw[-1:], "R1=" + rw[:1], "R|" + rule + "=" + rw]
    lws, rws = _WORD_RE.findall(left)[-2:], _WORD_RE.findall(right)[:2]
    f = ["l:" + w for w in lws] + ["r:" + w for w in rws]
    f.append("r0|" + rule + "=" + (rws[0] if rws else ""))
    return f


def probabilities(model: Relabeller, features: list[list[str]]) -> np.ndarray:
    """Softmax probabilities (candidates × classes); a feature present twice counts once.

    All candidates at once: slot by slot (``feature_ids``), each candidate's weights are
    added in the order of their columns, as a sum over one candidate's rows adds them, so
    the figures are those of one candidate at a time, bit for bit."""
    logits = np.tile(model.intercept, (len(features), 1))
    ids = feature_ids(model.index, features)
    if len(ids):
        table = model.padded_weights
        total = table.take(ids[0], axis=0)
        for slot in ids[1:]:
            total += table.take(slot, axis=0)
        logits += total
    logits -= logits.max(axis=1, keepdims=True)
    np.exp(logits, out=logits)
    logits /= logits.sum(axis=1, keepdims=True)
    return logits


def feature_ids(index: dict[str, int], features: list[list[str]]) -> np.ndarray:
    """(slots × candidates): column ``k`` holds the ids (``index``) of candidate ``k``'s
    known features, each once and in increasing order, then ``len(index)`` (the zero row of
    ``Relabeller.padded_weights``) up to the longest candidate's count."""
    n, pad = len(features), len(index)
    lens = np.fromiter(map(len, features), dtype=np.int64, count=n)
    get = index.get
    flat = np.array([get(f, -1) for fs in features for f in fs], dtype=np.int64)
    key = np.sort(np.repeat(np.arange(n, dtype=np.int64) * (pad + 1), lens) + flat + 1)
    key = key[np.diff(key, prepend=-1) != 0]  # np.unique's result, cheaper here
    row, col = np.divmod(key, pad + 1)
    known = col > 0
    row, col = row[known], col[known] - 1
    counts = np.bincount(row, minlength=n)
    slot = np.arange(len(row)) - (np.cumsum(counts) - counts)[row]
    ids = np.full((int(counts.max(initial=0)), n), pad, dtype=np.int64)
    ids[slot, row] = col
    return ids


def decide(
    cand: Candidate,
    p: np.ndarray,
    model: Relabeller,
    switch_threshold: float | None = None,
    drop_threshold: float | None = None,
) -> tuple[Candidate | None, float]:
    """(the candidate as re-labelled, or None when dropped; the probability of its final
    indicator among its group and NONE). A candidate whose indicator the model never saw is
    never moved, and its score is the probability that it is a figure at all."""
    switch = model.switch_threshold if switch_threshold is None else switch_threshold
    drop = model.drop_threshold if drop_threshold is None else drop_threshold
    col = model.column
    if cand.indicator not in col:
        return cand, 1.0 - float(p[col[NONE]]) if NONE in col else 1.0
    prob = group_probabilities(cand.indicator, p, model)
    p_none = prob.pop(NONE, 0.0)
    others = {a: v for a, v in prob.items() if a != cand.indicator}
    best = max(others, key=lambda a: (others[a], a), default=None)
    if p_none >= drop and p_none > max(prob.values()):
        return None, p_none
    if best is not None and others[best] >= switch and others[best] > prob[cand.indicator]:
        return replace(cand, indicator=best, unit=canonical_unit(best)), others[best]
    return cand, prob[cand.indicator]


def group_probabilities(indicator: str, p: np.ndarray, model: Relabeller) -> dict[str, float]:
    """The probabilities ``p`` (one candidate's row) renormalised over ``indicator``, the
    other indicators of its group and NONE (those the model knows): what ``decide`` weighs,
    and what ``confidence`` reads as the re-labeller's belief in a candidate's indicator."""
    col = model.column
    alts = [a for a in (*model.group_of(indicator), indicator, NONE) if a in col]
    alts = list(dict.fromkeys(alts))
    q = p[[col[a] for a in alts]]
    q = q / q.sum()
    return dict(zip(alts, q.tolist(), strict=True))


def apply(
    scored: list[tuple[Candidate, float | None]],
    rules: list[Candidate],
    probs: np.ndarray,
    model: Relabeller,
    switch_threshold: float | None = None,
    drop_threshold: float | None = None,
) -> list[tuple[Candidate, float | None]]:
    """``scored`` with every candidate of ``rules`` (row ``k`` of ``probs`` is ``rules[k]``'s,
    matched by identity) re-labelled or dropped by ``decide``; any other candidate keeps its
    label and score. The one loop of ``learned.combined`` and the trainer's search."""
    at = {id(c): k for k, c in enumerate(rules)}
    out: list[tuple[Candidate, float | None]] = []
    for c, s in scored:
        k = at.get(id(c))
        if k is None:
            out.append((c, s))
            continue
        new, score = decide(c, probs[k], model, switch_threshold, drop_threshold)
        if new is not None:
            out.append((new, score))
    return out


def label_candidates(
    cands: list[Candidate], gold: list[dict[str, object]], groups: tuple[tuple[str, ...], ...]
) -> list[str]:
    """Training targets: a candidate's own indicator when a gold figure has it and its value
    (``value_only_matches``), else the first indicator of its group a gold figure of that
    value has, else NONE (a number no annotator recorded under any indicator it may take)."""
    out = []
    for c in cands:
        group = next((g for g in groups if c.indicator in g), (c.indicator,))
        near = {g["indicator"] for g in gold if value_only_matches(c, g)}
        target = next((a for a in (c.indicator, *group) if a in near), NONE)
        out.append(target)
    return out


def model_from(meta: dict[str, object], weights: np.ndarray, intercept: np.ndarray) -> Relabeller:
    """A Relabeller from the ``relabel`` part of model.json and its arrays."""
    features = list(meta["features"])  # type: ignore[call-overload]
    return Relabeller(
        classes=tuple(meta["classes"]),  # type: ignore[call-overload]
        index={name: i for i, name in enumerate(features)},
        weights=np.asarray(weights, dtype=np.float64),
        intercept=np.asarray(intercept, dtype=np.float64),
        groups=tuple(tuple(g) for g in meta["groups"]),  # type: ignore[attr-defined]
        switch_threshold=float(meta["switch_threshold"]),  # type: ignore[arg-type]
        drop_threshold=float(meta["drop_threshold"]),  # type: ignore[arg-type]
    )
