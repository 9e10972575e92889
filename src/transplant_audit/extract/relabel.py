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
    "year": re.compile(r"(?:19[5-9]|20[0-4])(?<!\d\d\d\d)\d(?!\d)"),
    "year_range": re.compile(
        r"(?:19|20)(?<!\d\d\d)\d\d\s*年?\s*(?:-|–|—|~|至|到|to|and|through)\s*(?:(?:19|20)?\d\d)(?!\d)"
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
_HIT_TABLE = tuple(_HIT_NAMES[name] for name in _ALL_CUES)
"""``_HIT_NAMES`` by position: row ``q`` is the ``q``-th cue list of ``_ALL_CUES``."""
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
    def hit_ids(self) -> np.ndarray:
        """(cue lists × regions): the id of each feature ``region=cue``, -1 when unknown."""
        return np.array([[self.index.get(h, -1) for h in row] for row in _HIT_TABLE])

    @cached_property
    def _crossed(self) -> dict[str, np.ndarray]:
        return {}

    def crossed_ids(self, rule: str) -> np.ndarray:
        """(cue lists × regions): the id of each feature ``rule|region=cue`` of the
        ``_CROSSED`` regions, -1 when unknown or in another region (kept once asked)."""
        table = self._crossed.get(rule)
        if table is None:
            get = self.index.get
            table = np.array(
                [
                    [get(rule + "|" + h, -1) if h in _CROSSED_HITS else -1 for h in row]
                    for row in _HIT_TABLE
                ]
            )
            self._crossed[rule] = table
        return table

    @cached_property
    def _heads(self) -> dict[tuple[str, ...], list[int]]:
        return {}

    def head_ids(self, cands: list[Candidate], lang: str) -> tuple[np.ndarray, np.ndarray]:
        """(candidate row, id) of each candidate's ``_head`` features (-1 for one not in
        ``index``); the ids of each head, by ``_head_key`` and language, kept once asked."""
        rows: list[int] = []
        ids: list[int] = []
        for k, c in enumerate(cands):
            key = (*_head_key(c), lang)
            got = self._heads.get(key)
            if got is None:
                got = [self.index.get(f, -1) for f in _head(c, lang)]
                self._heads[key] = got
            rows += [k] * len(got)
            ids += got
        return np.array(rows, dtype=np.int64), np.array(ids, dtype=np.int64)

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


def _cue_present(norm: str, regions: np.ndarray) -> np.ndarray:
    """(candidates × cue lists × regions): does a match of the cue list start inside the
    region? ``regions`` is (candidates × regions × (lo, hi)); each list is searched once,
    over the span all the regions cover."""
    n = regions.shape[0]
    out = np.zeros((n, len(_ALL_CUES), len(_REGIONS)), dtype=bool)
    if not n:
        return out
    a, b = int(regions[:, :, 0].min()), int(regions[:, :, 1].max())
    for q, rx in enumerate(_ALL_CUES.values()):
        at = [m.start() for m in rx.finditer(norm, a, b)]
        if at:  # how many starts lie before each region's lo and hi, in one search
            below = np.searchsorted(np.array(at, dtype=np.int64), regions)
            out[:, q, :] = below[:, :, 1] > below[:, :, 0]
    return out


def _cue_hits(present: np.ndarray) -> list[list[str]]:
    """Each candidate's features ``region=cue`` (``_cue_present``'s cells), cue list by cue
    list in the order of ``_ALL_CUES``, regions in the order of ``_REGIONS``."""
    out: list[list[str]] = [[] for _ in range(present.shape[0])]
    rows, cues, cols = np.nonzero(present)
    for row, q, col in zip(rows.tolist(), cues.tolist(), cols.tolist(), strict=True):
        out[row].append(_HIT_TABLE[q][col])
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
    present, tails = _parts(norm, cands)
    out = []
    for k, hits in enumerate(_cue_hits(present)):
        rule = cands[k].indicator
        crossed = [rule + "|" + h for h in hits if h in _CROSSED_HITS]
        out.append(_head(cands[k], lang) + hits + crossed + tails[k])
    return out


def _parts(norm: str, cands: list[Candidate]) -> tuple[np.ndarray, list[list[str]]]:
    """What ``candidate_features`` reads of the text: the cue lists found by region
    (``_cue_present``), and each candidate's features after its cue features (``_tail``)."""
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
    by_sentence: dict[int, list[int]] = {}
    for k, i in enumerate(where):
        by_sentence.setdefault(i, []).append(k)
    tails = [_tail(norm, cands, k, by_sentence[where[k]], clauses[k]) for k in range(len(cands))]
    return _cue_present(norm, regions), tails


def _head(c: Candidate, lang: str) -> list[str]:
    """The rules' own reading of the candidate: indicator, language, qualifier, period,
    as-of date, organ and magnitude (``_head_key``'s fields, named)."""
    rule, qualifier, period, as_of, organ, mag = _head_key(c)
    return [
        "bias_rule=" + rule,
        "rule_lang=" + rule + "|" + lang,
        "lang=" + lang,
        "q=" + qualifier,
        "per=" + period + "|" + rule,
        "asof=" + as_of + "|" + rule,
        "organ=" + organ,
        "mag=" + mag + "|" + rule,
    ]


def _head_key(c: Candidate) -> tuple[str, ...]:
    """All of a candidate ``_head`` reads (with the language): candidates alike in these
    have the same head features."""
    mag = str(int(math.log10(c.value))) if c.value >= 1 else "<1"
    return (
        c.indicator,
        c.qualifier,
        _period_kind(c.period),
        str(bool(c.as_of)),
        str(bool(c.organ)),
        mag,
    )


def _tail(
    norm: str, cands: list[Candidate], k: int, same: list[int], clause: tuple[int, int]
) -> list[str]:
    """The candidate among its sentence's figures, the words next to it and its clause."""
    c = cands[k]
    rule = c.indicator
    others = [j for j in same if j != k]
    f = ["nsame=" + str(min(len(others), 3))]
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
            out += [side + chars[i : i + 2] for i in range(len(chars) - 1)]
        else:
            out += [side + w for w in _WORD_RE.findall(part)]
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
    return _softmax(model, feature_ids(model.index, features))


def document_probabilities(
    model: Relabeller, norm: str, cands: list[Candidate], lang: str
) -> np.ndarray:
    """``probabilities(model, candidate_features(norm, cands, lang))``, bit for bit, without
    naming the cue features: each cue list found in a region is turned into its ids
    (``Relabeller.hit_ids``, ``Relabeller.crossed_ids``) straight from ``_cue_present``."""
    present, tails = _parts(norm, cands)
    rows, ids = _string_ids(model.index, tails)
    head_rows, head_ids = model.head_ids(cands, lang)
    hit_rows, cues, cols = np.nonzero(present)
    rules = list(dict.fromkeys(c.indicator for c in cands))
    crossed = np.stack([model.crossed_ids(r) for r in rules]) if rules else model.hit_ids[None]
    which = np.array([rules.index(c.indicator) for c in cands], dtype=np.int64)
    all_rows = np.concatenate([head_rows, rows, hit_rows, hit_rows])
    all_ids = np.concatenate(
        [head_ids, ids, model.hit_ids[cues, cols], crossed[which[hit_rows], cues, cols]]
    )
    return _softmax(model, _slots(len(cands), len(model.index), all_rows, all_ids))


def _softmax(model: Relabeller, ids: np.ndarray) -> np.ndarray:
    logits = np.tile(model.intercept, (ids.shape[1], 1))
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
    return _slots(len(features), len(index), *_string_ids(index, features))


def _string_ids(index: dict[str, int], features: list[list[str]]) -> tuple[np.ndarray, ...]:
    """(candidate row, id) of every feature, -1 for one ``index`` does not hold."""
    lens = np.fromiter(map(len, features), dtype=np.int64, count=len(features))
    get = index.get
    flat = np.array([get(f, -1) for fs in features for f in fs], dtype=np.int64)
    return np.repeat(np.arange(len(features), dtype=np.int64), lens), flat


def _slots(n: int, pad: int, rows: np.ndarray, ids: np.ndarray) -> np.ndarray:
    """``feature_ids``' array from (candidate row, id) pairs in any order, repeated or not;
    an id of -1 (unknown) is left out."""
    key = np.sort(rows * (pad + 1) + ids + 1)
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
