"""A small learned step beside the rules (issue 14): a multinomial logistic regression that
reads every number the parser finds and says which indicator it is, or none.

Candidates are the numbers ``patterns.NUMBER_RE`` finds in the normalised text, each read
with the rules' own helpers (from ``core``: the value, ``token_value`` and
``adjacent_range``, ``shared_scale``, ``short_year``; the years that count nothing and
are no span, ``year_not_count``; the counter, ``counter_at``; days,
``TIME_TO_DAYS``; and the qualifier and span of a span added, ``read_figure``; from
``counters``, a range's high end and the months after a count of years, ``range_high_end``
and ``read_counter`` (sp24's value reading); from ``money``, the currency before it,
``currency_prefix``; renaming one of them breaks this module, and
tests/extract/test_learned.py says so), plus every candidate the rules produce. Each span
is described by sparse string features (``span_features``): words or character n-grams
either side, its counter and unit, currency, year-likeness, table or list line, language and
the rules' label for the span.
The weights are plain JSON + NPZ under ``extract/model/`` (no pickle), trained by
``tools/train_extractor.py`` with scikit-learn; inference here is numpy only.

Training builds the features as strings (``document_features``); inference
(``score_spans``) finds the same features faster: the character n-grams as packed integer
keys looked up with numpy (``GramTable``), the cue lists for all spans at once
(``cue_rows``), a span's own features once per distinct kind of span. Both give bit-for-bit
the same probabilities (tests/extract/test_learned.py). Each feature counts once per span.

Methods (``extract(text, method=...)``):

- ``rules``: the rules alone (``core.extract_candidates``);
- ``learned``: for every span, the model's most likely label when it is not NONE and its
  probability reaches ``add_threshold`` (a span it adds or re-names carries the rules'
  qualifier and span, ``_new_candidate``: 不到两周 at_most, not 两 exact); but a span with
  a rules candidate naming an indicator the model saw in fewer than ``learned_fallback``
  real training spans keeps that rules candidate instead (``fallback_rules``, the
  per-indicator fallback);
- ``combined``: a rule candidate is kept when the model gives its indicator at least
  ``keep_threshold``; a span the rules left (or whose candidate was dropped) is added when
  the model's best label is not NONE with probability at least ``add_threshold`` (when
  neither can happen, ``span_stage`` is off and no span is scored; when only the veto can,
  only the spans holding a rules candidate are scored, ``vetoed``); then every rules
  candidate left goes through the re-labeller (``relabel.py``), which may move it to another
  indicator of its group or drop it.

The thresholds and the default method are stored with the weights: the thresholds chosen by
grouped cross-validation on the training snippets, whether each stage runs and the default by
the trainer's rule on its judge, the check halves of heldout3 to heldout14 (docs/extract.md).
Pure: text and a model in, candidates out;
``load_model`` is the only function that reads a file.
"""

from __future__ import annotations

import bisect
import json
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

import numpy as np

from transplant_audit.evidence.vocabulary import INDICATORS, UNIT_CONVERSIONS, Qualifier
from transplant_audit.extract import core, counters, relabel, spans
from transplant_audit.extract import patterns as pat
from transplant_audit.extract.core import Candidate, detect_language, extract_candidates
from transplant_audit.extract.money import currency_prefix
from transplant_audit.extract.numbers import normalize

NONE = "NONE"
"""The label of a number that is no figure of the vocabulary."""
METHODS = ("rules", "learned", "combined")
DEFAULT_METHOD = "combined"
"""The method ``extract`` uses unless told otherwise: the stored model's ``default_method``
(tests hold the two equal), decided by the trainer's rule 3 (tools/train_extractor.py,
``decide_default``) on its judge, the pooled check halves of the blind sets joined by half,
never trained on. The rules, unless another allowed method loses no language more than 0.01
precision and its gain over them in the trainer's objective (macro F-beta: beta² 0.8 / 0.9
since tgt31, beta 0.5 before) is real by a paired page bootstrap (5th
percentile of 2,000 resampled gains above 0); of two that pass, the one nearer the rules
(``combined``) unless the other's lead is real by the same test (the tie rule, tie26).

The figures behind the stored decision are in model.json's ``judge`` (printed by the
trainer); every retrain's decision, newest first, and the blind score of each model are in
docs/extract.md ("Every retrain's decision", "Every blind score so far"), so nothing here
goes stale at the next retrain but this constant, which tests hold to model.json."""
MODEL_DIR = Path(__file__).parent / "model"
FEATURE_VERSION = "5"
"""Bump when ``span_features`` changes: the stored weights then no longer fit."""

_WINDOW_CHARS = 12
"""Characters read either side of a number in Chinese text (character 1-3 grams)."""
_WINDOW_WORDS = 6
"""Words read either side of a number in English text (words and bigrams)."""
_GRAM_SIZES = (1, 2, 3)
"""Character n-gram lengths read in Chinese text."""
_SNIPPET_CHARS = 60
_BATCH_SPANS = 2000
"""Spans featurised and scored at once (~90 features each; the gathered weight rows of a
batch take about 90 × 38 × 8 bytes a span, ~55 MB)."""
_WORD_RE = re.compile(r"[a-z]+|[\u4e00-\u9fff]|[$¥%|]")
_CUES: dict[str, re.Pattern[str]] = relabel.CUES
"""The rules' own word lists, read as features in a near and a wide window: they name
what a figure is about more generally than the n-grams of a few hundred snippets can."""
_LINE_CHARS = 200
"""How far either side of a number its line is read (table and list markers)."""
_NEAR = (24, 16)
_WIDE = (120, 60)
_LIST_LINE_RE = re.compile(r"^\s*(?:[-*•·]|\d{1,2}[.)、])\s")


@dataclass(frozen=True)
class Span:
    """One number the parser found, read with the rules' helpers.

    ``raw`` is the value times its multiplier (万 → 10,000) in the stated unit;
    ``rules`` are the rules' candidates on this span (empty when the rules left it).
    """

    start: int
    end: int
    raw: float
    uclass: str
    stated_unit: str
    currency: str
    kind: str
    yearlike: bool = False
    rules: tuple[Candidate, ...] = ()


@dataclass(frozen=True)
class GramTable:
    """The model's character n-gram features (``L2ab``: the bigram ``ab`` left of a number)
    as sorted integer keys, so a document's n-grams are looked up with numpy at once.

    A key packs the n-gram's code points, 21 bits each; ``keys[(side, k)]`` is sorted and
    ``ids[(side, k)]`` holds the feature index of each key."""

    keys: dict[tuple[str, int], np.ndarray]
    ids: dict[tuple[str, int], np.ndarray]

    @classmethod
    def of(cls, index: dict[str, int]) -> GramTable:
        """The table of every ``L``/``R`` n-gram feature in ``index``."""
        found: dict[tuple[str, int], list[tuple[int, int]]] = {
            (side, k): [] for side in "LR" for k in _GRAM_SIZES
        }
        for name, i in index.items():
            if len(name) >= 3 and name[0] in "LR" and name[1] in "123":
                k = int(name[1])
                if len(name) == 2 + k:
                    found[(name[0], k)].append((_pack(name[2:]), i))
        keys, ids = {}, {}
        for key, pairs in found.items():
            pairs.sort()
            keys[key] = np.array([a for a, _ in pairs], dtype=np.uint64)
            ids[key] = np.array([b for _, b in pairs], dtype=np.int64)
        return cls(keys, ids)

    def lookup(self, cp: np.ndarray, side: str, k: int, at: np.ndarray) -> np.ndarray:
        """The feature index of the ``k``-gram of code points ``cp`` starting at each offset
        in ``at`` on ``side`` (-1 when the model has no such feature)."""
        grams = cp[at].astype(np.uint64)
        for j in range(1, k):
            grams |= cp[at + j].astype(np.uint64) << np.uint64(21 * j)
        table = self.keys[(side, k)]
        found = np.full(len(grams), -1, dtype=np.int64)
        if len(table) and len(grams):
            pos = np.minimum(np.searchsorted(table, grams), len(table) - 1)
            hit = table[pos] == grams
            found[hit] = self.ids[(side, k)][pos[hit]]
        return found


def _pack(chars: str) -> int:
    """An n-gram's code points, 21 bits each, the first in the lowest bits."""
    return sum(ord(ch) << (21 * j) for j, ch in enumerate(chars))


@dataclass(frozen=True)
class Model:
    """Weights of the multinomial logistic regression and its decision settings."""

    classes: tuple[str, ...]
    index: dict[str, int]
    weights: np.ndarray  # (features, classes)
    intercept: np.ndarray  # (classes,)
    keep_threshold: float
    add_threshold: float
    learned_add_threshold: float
    meta: dict[str, object]
    grams: GramTable | None = field(default=None, compare=False, repr=False)
    """The character n-gram features as integer keys (built by ``model_from``)."""
    relabeller: relabel.Relabeller | None = field(default=None, compare=False, repr=False)
    """The re-labeller ``combined`` runs on the rules' candidates (None: not trained)."""
    span_counts: dict[str, int] = field(default_factory=dict, compare=False, repr=False)
    """Real training spans per indicator label (``NONE`` left out) the weights were fitted
    on (the synthetic corpus never counted): what ``fallback_rules`` reads."""
    learned_fallback: int = 0
    """The learned method's fallback count N (``fallback_rules``; 0: off), chosen by the
    trainer's CV (``GRID_FALLBACK``)."""

    @property
    def relabel_stage(self) -> bool:
        """Does ``combined`` let the re-labeller move or drop candidates? Not when both its
        thresholds are above 1 (it then only scores, when the span stage is off)."""
        r = self.relabeller
        return r is not None and (r.switch_threshold <= 1.0 or r.drop_threshold <= 1.0)

    @property
    def span_stage(self) -> bool:
        """Does ``combined`` consult the span model? Not when its thresholds can neither
        veto (keep 0) nor add (above 1): then scoring every number is skipped."""
        return self.keep_threshold > 0.0 or self.add_threshold <= 1.0


# --- candidates -------------------------------------------------------------------------------


_KINDS = ("frac", "arabic", "zh", "word")


def _kind(m: re.Match[str]) -> str:
    for k, g in zip(_KINDS, m.group(*_KINDS), strict=True):
        if g:
            return k
    return ""


def number_spans(
    text: str, norm: str, rules: list[Candidate], *, full: bool = True, read: bool = True
) -> list[Span]:
    """Every number in ``norm`` with its value and counter, and the rules' candidates
    attached to the span they overlap (a rule candidate on no number span is a span).
    ``full`` False leaves the counter of a span the rules found unread (its ``uclass``,
    units, kind empty): ``combined`` with a keep threshold of 0 never reads those. ``read``
    False leaves every number's counter unread (``read_span`` reads one when needed)."""
    found: list[tuple[re.Match[str], float]] = []
    for m in core.number_tokens(norm):  # the rules' scan when they read the same text
        zh = m.group("zh")
        four = m.group("arabic") and m.end() - m.start() == 4
        if four and core.year_not_count(text, norm, m.start(), m.end()):
            continue  # a timeline's or a span's year, as the rules read it: no span
        try:
            adjacent = core.adjacent_range(zh) if zh else None
            year = None if adjacent else core.short_year(norm, m)
            value = adjacent[1] if adjacent else year or core.token_value(m)
        except (ValueError, KeyError, ZeroDivisionError):
            continue
        found.append((m, value))
    bounds = [m.span() for m, _ in found]
    ruled, extra = _attach(bounds, rules)
    spans = [
        Span(m.start(), m.end(), value, "", "", "", "", False, tuple(ruled.get(i, ())))
        if not read or (i in ruled and not full)
        else _number_span(norm, m, value, tuple(ruled.get(i, ())))
        for i, (m, value) in enumerate(found)
    ]
    return sorted(spans + extra, key=lambda sp: sp.start)


def read_span(norm: str, span: Span) -> Span:
    """``span`` with its counter read, as ``number_spans`` reads it (a span already read, or
    a rules candidate on no number, is returned as it is)."""
    if span.kind:
        return span
    m = pat.NUMBER_RE.match(norm, span.start)  # the match ``finditer`` found there
    if m is None or m.end() != span.end:
        raise ValueError(f"no number read at {span.start}-{span.end}")
    return _number_span(norm, m, span.raw, span.rules)


def _number_span(norm: str, m: re.Match[str], value: float, rules: tuple[Candidate, ...]) -> Span:
    """The span of the number ``m`` (worth ``value``) with its counter read."""
    cnt = core.counter_at(norm, m)
    value *= _low_end_scale(norm, m)
    if cnt.stated_unit == "years":
        value += _and_months(norm, cnt.end)
    s = m.start()
    _, currency = currency_prefix(norm, s)
    uclass = cnt.uclass or currency
    mult = cnt.mult if cnt.uclass else 1.0
    kind = _kind(m)
    yearlike = not uclass and _is_yearlike(m.group(0), kind, value)
    return Span(s, m.end(), value * mult, uclass, cnt.stated_unit, currency, kind, yearlike, rules)


_AND_RE = re.compile(r"\s?(?:and\s|又|零)?")


def _and_months(norm: str, e: int) -> float:
    """The months, in years, of a duration said in years and months (二年二个月 26 months,
    三年零一个月, 2 years and 3 months), read after the years' counter ending at ``e``; 0
    when no count of fewer than 12 months follows."""
    m2 = pat.NUMBER_RE.match(norm, _AND_RE.match(norm, e).end())  # type: ignore[union-attr]
    if m2 is None or counters.read_counter(norm, m2.end()).stated_unit != "months":
        return 0.0
    try:
        months = core.token_value(m2)
    except (ValueError, KeyError, ZeroDivisionError):
        return 0.0
    return months / 12 if 0 < months < 12 else 0.0


def _low_end_scale(norm: str, m: re.Match[str]) -> float:
    """The multiplier a range's low end shares with its high end when it is written once,
    after the high end (6-8万, 三到五万, 2 to 3 million: 60,000, 30,000, 2,000,000), 1 when
    the low end has its own, the range has none, or it would lift the low end over the high
    end (2008-10万): ``core.shared_scale``, the rules' one reading."""
    found = counters.range_high_end(norm, m.end())
    return 1.0 if found is None else core.shared_scale(m, found[1])


def _is_yearlike(stated: str, kind: str, value: float) -> bool:
    """A bare four-digit Arabic number that reads as a year (1950-2049)."""
    return kind == "arabic" and len(stated) == 4 and value.is_integer() and 1950 <= value <= 2049


def _attach(
    bounds: list[tuple[int, int]], rules: list[Candidate]
) -> tuple[dict[int, list[Candidate]], list[Span]]:
    """The rules' candidates on each number span (by index into ``bounds``, the spans'
    (start, end)), and a span of its own for each candidate on no number."""
    starts = [s for s, _ in bounds]
    found: dict[int, list[Candidate]] = {}
    extra: list[Span] = []
    for c in rules:
        i = _overlapping(bounds, starts, c.start, c.end)
        if i is None:
            extra.append(Span(c.start, c.end, c.value, "rule", c.unit, "", "rule", False, (c,)))
        else:
            found.setdefault(i, []).append(c)
    return found, extra


def _overlapping(bounds: list[tuple[int, int]], starts: list[int], s: int, e: int) -> int | None:
    i = bisect.bisect_left(starts, s)
    for j in (i, i - 1, i + 1):  # the number inside a candidate that may start at a currency
        if 0 <= j < len(bounds) and bounds[j][0] < e and s < bounds[j][1]:
            return j
    for j in range(max(0, i - 3), min(len(bounds), i + 4)):
        if bounds[j][0] < e and s < bounds[j][1]:
            return j
    return None


def value_as(span: Span, indicator: str) -> float | None:
    """The span's value in ``indicator``'s canonical unit, or None when its counter cannot
    be one (a percentage as a count, a bare number as a wait)."""
    for c in span.rules:
        if c.indicator == indicator:
            return c.value
    info = INDICATORS.get(indicator)
    if info is None:
        return None
    if info.unit == "days":
        days = core.TIME_TO_DAYS.get(span.stated_unit)
        if span.stated_unit == "months+half":
            return (span.raw + 0.5) * core.TIME_TO_DAYS["months"]
        value = span.raw * days if days is not None else None
    elif info.unit == "fraction":
        pct = span.uclass == "percent"
        value = span.raw * UNIT_CONVERSIONS[("percent", "fraction")] if pct else None
    elif span.uclass in ("time", "percent"):
        value = None
    else:
        value = span.raw
    if value is None or value <= 0:
        return None
    if info.max_value is not None and value > info.max_value:
        return None
    return round(value, 6)


# --- features --------------------------------------------------------------------------------


def _grams(prefix: str, chars: str, out: list[str]) -> None:
    n = len(chars)
    for k in _GRAM_SIZES:
        for i in range(n - k + 1):
            out.append(prefix + str(k) + chars[i : i + k])


def _words(prefix: str, words: list[str], out: list[str]) -> None:
    out.extend(prefix + w for w in words)
    out.extend(prefix + a + "_" + b for a, b in zip(words, words[1:], strict=False))


def cue_positions(norm: str, spans: list[Span] | None = None) -> dict[str, list[int]]:
    """Where each cue word list matches (start offsets, in order), searched once per
    document and only in the wide windows around ``spans`` (all of ``norm`` when None), so
    a span's cue features are two bisections per list."""
    if spans is None:
        windows = [(0, len(norm))]
    else:
        windows = []
        for sp in spans:
            lo, hi = max(0, sp.start - _WIDE[0]), min(len(norm), sp.end + _WIDE[1])
            if windows and lo <= windows[-1][1]:
                windows[-1] = (windows[-1][0], max(hi, windows[-1][1]))
            else:
                windows.append((lo, hi))
    return {
        name: [m.start() for lo, hi in windows for m in rx.finditer(norm, lo, hi)]
        for name, rx in _CUES.items()
    }


_CUE_SLOTS = (("cw=", "ucw=", _WIDE), ("cn=", "ucn=", _NEAR))
"""A cue list in a span's wide or near window: a feature alone and one with the counter."""


def cue_rows(cues: dict[str, list[int]], spans: list[Span]) -> dict[tuple[str, int], np.ndarray]:
    """For each cue list and window (0 wide, 1 near), the rows of ``spans`` with a match of
    the list in that window (``_WIDE``, ``_NEAR`` characters before and after the number),
    looked up for all spans at once."""
    out: dict[tuple[str, int], np.ndarray] = {}
    if not spans:
        return out
    s = np.fromiter((sp.start for sp in spans), dtype=np.int64, count=len(spans))
    e = np.fromiter((sp.end for sp in spans), dtype=np.int64, count=len(spans))
    for name, starts in cues.items():
        if not starts:
            continue
        at = np.asarray(starts, dtype=np.int64)
        last = len(at) - 1
        for slot, (_, _, (before, after)) in enumerate(_CUE_SLOTS):
            i = np.searchsorted(at, s - before)
            found = np.flatnonzero((i <= last) & (at[np.minimum(i, last)] < e + after))
            if len(found):
                out[(name, slot)] = found
    return out


def cue_hits(cues: dict[str, list[int]], spans: list[Span]) -> list[tuple[list[str], list[str]]]:
    """For each span, the cue lists matching in its wide window and in its near window."""
    hits: list[tuple[list[str], list[str]]] = [([], []) for _ in spans]
    for (name, slot), rows in cue_rows(cues, spans).items():
        for row in rows.tolist():
            hits[row][slot].append(name)
    return hits


def document_features(norm: str, spans: list[Span], lang: str) -> list[list[str]]:
    """The features of every span of one document."""
    hits = cue_hits(cue_positions(norm, spans), spans)
    return [span_features(norm, sp, lang, hits=h) for sp, h in zip(spans, hits, strict=True)]


def _cjk_context(norm: str, s: int, e: int) -> bool:
    """Is the number read in Chinese (character n-grams) rather than English (words)?"""
    return bool(
        pat.CJK_RE.search(norm, max(0, s - _WINDOW_CHARS), s)
        or pat.CJK_RE.search(norm, e, e + _WINDOW_CHARS)
    )


def span_features(
    norm: str,
    span: Span,
    lang: str,
    cues: dict[str, list[int]] | None = None,
    *,
    grams: bool = True,
    hits: tuple[list[str], list[str]] | None = None,
) -> list[str]:
    """The sparse features of one span (strings; a feature present twice counts once).
    ``hits`` are its cue lists (``cue_hits``; found in ``cues``, ``cue_positions(norm)``,
    when not given); ``grams`` False leaves out the character n-grams (``GramTable`` reads
    them faster)."""
    f = _span_own_features(span, lang)
    f.extend(_span_context_features(norm, span, cues, grams=grams, hits=hits))
    return f


def _span_own_features(span: Span, lang: str) -> list[str]:
    """The features of the span itself (its rules' label, counter, unit, kind, magnitude):
    the same for every span with the same ``_own_key``."""
    rule = span.rules[0].indicator if span.rules else NONE
    f = [
        "lang=" + lang,
        "rule=" + rule,
        "rule_lang=" + rule + "|" + lang,
        "uclass=" + span.uclass,
        "unit=" + span.stated_unit,
        "cur=" + span.currency,
        "kind=" + span.kind,
        "mag=" + str(int(math.log10(span.raw))) if span.raw >= 1 else "mag=<1",
        "nrules=" + str(len(span.rules)),
    ]
    if span.yearlike:
        f.append("yearlike")
    return f


def _own_key(span: Span) -> tuple[object, ...]:
    """What ``_span_own_features`` reads of a span (its language is the document's)."""
    rule = span.rules[0].indicator if span.rules else NONE
    mag = int(math.log10(span.raw)) if span.raw >= 1 else None
    kinds = (span.uclass, span.stated_unit, span.currency, span.kind)
    return (rule, *kinds, mag, len(span.rules), span.yearlike)


def _span_context_features(
    norm: str,
    span: Span,
    cues: dict[str, list[int]] | None = None,
    *,
    grams: bool = True,
    hits: tuple[list[str], list[str]] | None = None,
    cjk: bool | None = None,
) -> list[str]:
    """The features of the span's surroundings: its line, cue lists, words or characters."""
    s, e = span.start, span.end
    rule = span.rules[0].indicator if span.rules else NONE
    f: list[str] = []
    line_s = norm.rfind("\n", max(0, s - _LINE_CHARS), s) + 1 or max(0, s - _LINE_CHARS)
    line_e = norm.find("\n", e, e + _LINE_CHARS)
    line = norm[line_s : line_e if line_e >= 0 else e + _LINE_CHARS]
    if line.count("|") >= 2 or "\t" in line:
        f.append("table_line")
    if _LIST_LINE_RE.match(line):
        f.append("list_line")
    if hits is None:
        hits = cue_hits(cues if cues is not None else cue_positions(norm), [span])[0]
    u = span.uclass
    for (alone, with_counter, _), names in zip(_CUE_SLOTS, hits, strict=True):
        f.extend(alone + name for name in names)
        f.extend(with_counter + u + "|" + name for name in names)
    if _cjk_context(norm, s, e) if cjk is None else cjk:
        lw, rw = norm[max(0, s - _WINDOW_CHARS) : s], norm[e : e + _WINDOW_CHARS]
        if grams:
            _grams("L", lw, f)
            _grams("R", rw, f)
        f.append("LL=" + lw[-2:])
        f.append("RR=" + rw[:2])
        f.append("RR_rule=" + rw[:2] + "|" + rule)
    else:
        lw = _WORD_RE.findall(norm[max(0, s - _WINDOW_CHARS * 4) : s])[-_WINDOW_WORDS:]
        rw = _WORD_RE.findall(norm[e : e + _WINDOW_CHARS * 4])[:_WINDOW_WORDS]
        _words("l:", lw, f)
        _words("r:", rw, f)
        f.append("l0=" + (lw[-1] if lw else ""))
        f.append("r0=" + (rw[0] if rw else ""))
        f.append("r0_rule=" + (rw[0] if rw else "") + "|" + rule)
    return f


def document_spans(
    text: str, language: str | None = None, *, full: bool = True
) -> tuple[str, str, list[Span]]:
    """(language, normalised text, spans) of a document: the rules run once here
    (``full``: see ``number_spans``)."""
    lang = language or detect_language(text)
    rules = extract_candidates(text, language=lang)
    norm = normalize(text)
    return lang, norm, number_spans(text, norm, rules, full=full)


@dataclass
class Document:
    """One document's work that extraction and its confidence share, each part done once
    and only when asked: the rules (``rules``), every number read (``spans``, as
    ``document_spans`` reads them; ``numbers`` without their counters) and the span
    model's probabilities of any of its spans (``scores``: a span is read and scored once,
    with the cue lists of all the document's spans, so its row is what ``score_spans`` of
    every span gives, bit for bit)."""

    text: str
    lang: str
    norm: str
    rules: list[Candidate]
    _spans: list[Span] | None = field(default=None, repr=False)
    _unread: list[Span] | None = field(default=None, repr=False)
    _cues: dict[str, list[int]] | None = field(default=None, repr=False)
    _rows: dict[int, np.ndarray] = field(default_factory=dict, repr=False)
    _model: Model | None = field(default=None, repr=False)

    @classmethod
    def of(cls, text: str, language: str | None = None) -> Document:
        """The document ``text`` with its rules run (its language detected unless given)."""
        lang = language or detect_language(text)
        return cls(text, lang, normalize(text), extract_candidates(text, language=lang))

    @property
    def spans(self) -> list[Span]:
        """Every number with its counter read (``number_spans``, ``full``), read once."""
        if self._spans is None:
            self._spans = number_spans(self.text, self.norm, self.rules)
        return self._spans

    @property
    def numbers(self) -> list[Span]:
        """The same spans with only their place, value and rules' candidates sure to be
        read (counters read only when ``spans`` was asked for)."""
        if self._spans is not None:
            return self._spans
        if self._unread is None:
            self._unread = number_spans(self.text, self.norm, self.rules, read=False)
        return self._unread

    def scores(self, model: Model, rows: list[int]) -> np.ndarray:
        """The span model's probabilities (len(rows) × classes) of ``spans[i]`` for each i
        in ``rows``; a row already scored (by the same model) is not scored again."""
        if self._model is not model:
            self._model, self._rows = model, {}
        ask = sorted({i for i in rows if i not in self._rows})
        if ask:
            spans = self.numbers
            if self._cues is None:
                self._cues = cue_positions(self.norm, spans)
            batch = [read_span(self.norm, spans[i]) for i in ask]
            got = score_spans(model, self.norm, batch, self.lang, self._cues)
            self._rows.update(zip(ask, got, strict=True))
        if not rows:
            return np.zeros((0, len(model.classes)))
        return np.stack([self._rows[i] for i in rows])


def label_spans(spans: list[Span], gold: list[dict[str, object]], tolerance: float) -> list[str]:
    """Training labels: each gold figure names the first span whose value in the gold
    indicator's unit is within ``tolerance`` of it (a span the rules gave that indicator
    first); every other span is NONE. Gold figures carry no span in the real-text set, so
    the value is what ties them to a number."""
    labels = [NONE] * len(spans)
    for g in gold:
        ind, target = str(g["indicator"]), float(g["value"])  # type: ignore[arg-type]
        free = [i for i, lab in enumerate(labels) if lab == NONE]
        hits = [
            i
            for i in free
            if (v := value_as(spans[i], ind)) is not None and abs(v - target) <= tolerance * target
        ]
        if hits:
            labels[min(hits, key=lambda i: (_label_rank(spans[i], ind), i))] = ind
    return labels


def _label_rank(span: Span, indicator: str) -> int:
    """Which of several spans of the gold value is the gold figure: the rules' candidate of
    that indicator first, then a number with a counter, and a year-like bare number last
    (unless the indicator is a year)."""
    if any(c.indicator == indicator for c in span.rules):
        return 0
    year = INDICATORS[indicator].unit == "year"
    if span.yearlike and not year:
        return 3
    return 1 if span.uclass or year else 2


# --- inference -------------------------------------------------------------------------------


def probabilities(model: Model, features: list[list[str]]) -> np.ndarray:
    """Softmax probabilities (spans × classes) of the spans' string features."""
    get = model.index.get
    rows, ids = [], []
    for i, fs in enumerate(features):
        known = [j for j in map(get, fs) if j is not None]
        rows.extend([i] * len(known))
        ids.extend(known)
    return _softmax(
        model, np.asarray(rows, dtype=np.int64), np.asarray(ids, dtype=np.int64), len(features)
    )


def score_spans(
    model: Model,
    norm: str,
    spans: list[Span],
    lang: str,
    cues: dict[str, list[int]] | None = None,
) -> np.ndarray:
    """``probabilities`` of a document's spans, in batches of ``_BATCH_SPANS``; the same
    numbers as ``probabilities(model, document_features(...))``, but the character n-grams
    are looked up with numpy (``GramTable``) rather than built as strings. ``cues`` are
    ``cue_positions(norm, spans)`` unless given (a document's, when only some of its spans
    are scored: a span's row is then what scoring them all gives)."""
    cues = cue_positions(norm, spans) if cues is None else cues
    cp = np.frombuffer(norm.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    out = np.zeros((len(spans), len(model.classes)))
    for lo in range(0, len(spans), _BATCH_SPANS):
        batch = spans[lo : lo + _BATCH_SPANS]
        rows, ids = _span_ids(model, norm, cp, batch, lang, cues)
        out[lo : lo + len(batch)] = _softmax(model, rows, ids, len(batch))
    return out


def _span_ids(
    model: Model,
    norm: str,
    cp: np.ndarray,
    spans: list[Span],
    lang: str,
    cues: dict[str, list[int]],
) -> tuple[np.ndarray, np.ndarray]:
    """(span row, feature index) of every known feature of ``spans``: the string features
    but the n-grams, then the n-grams of the spans read in Chinese, looked up at once."""
    get = model.index.get
    rows: list[int] = []
    ids: list[int] = []
    cjk: list[int] = []
    no_cues: tuple[list[str], list[str]] = ([], [])
    own: dict[tuple[object, ...], list[int]] = {}
    for i, sp in enumerate(spans):
        key = _own_key(sp)
        known = own.get(key)
        if known is None:
            feats = _span_own_features(sp, lang)
            known = own[key] = [j for j in map(get, feats) if j is not None]
        in_cjk = _cjk_context(norm, sp.start, sp.end)
        feats = _span_context_features(norm, sp, grams=False, hits=no_cues, cjk=in_cjk)
        known = known + [j for j in map(get, feats) if j is not None]
        rows.extend([i] * len(known))
        ids.extend(known)
        if in_cjk:
            cjk.append(i)
    all_rows, all_ids = [np.asarray(rows, dtype=np.int64)], [np.asarray(ids, dtype=np.int64)]
    _cue_ids(model, cues, spans, all_rows, all_ids)
    if cjk:
        table = model.grams or GramTable.of(model.index)
        row = np.asarray(cjk, dtype=np.int64)
        s = np.asarray([spans[i].start for i in cjk], dtype=np.int64)
        e = np.asarray([spans[i].end for i in cjk], dtype=np.int64)
        a, b = np.maximum(0, s - _WINDOW_CHARS), np.minimum(len(norm), e + _WINDOW_CHARS)
        for k in _GRAM_SIZES:
            for side, first, stop in (("L", a, s - k + 1), ("R", e, b - k + 1)):
                r, at = _ranges(row, first, stop)
                found = table.lookup(cp, side, k, at)
                all_rows.append(r)
                all_ids.append(found)
    rows_a, ids_a = np.concatenate(all_rows), np.concatenate(all_ids)
    keep = ids_a >= 0
    return rows_a[keep], ids_a[keep]


def _cue_ids(
    model: Model,
    cues: dict[str, list[int]],
    spans: list[Span],
    all_rows: list[np.ndarray],
    all_ids: list[np.ndarray],
) -> None:
    """Append the (row, feature index) pairs of the spans' cue features (``span_features``'
    ``cw=``, ``ucw=``, ``cn=``, ``ucn=``), found for all spans at once."""
    get = model.index.get
    uclasses = sorted({sp.uclass for sp in spans})
    code = {u: i for i, u in enumerate(uclasses)}
    ucode = np.fromiter((code[sp.uclass] for sp in spans), dtype=np.int64, count=len(spans))
    for (name, slot), rows in cue_rows(cues, spans).items():
        alone, with_counter, _ = _CUE_SLOTS[slot]
        fid = get(alone + name)
        if fid is not None:
            all_rows.append(rows)
            all_ids.append(np.full(len(rows), fid, dtype=np.int64))
        table = np.array([get(with_counter + u + "|" + name, -1) for u in uclasses])
        all_rows.append(rows)
        all_ids.append(table[ucode[rows]])


def _ranges(row: np.ndarray, first: np.ndarray, stop: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(row, offset) for every offset in [first, stop) of each row (empty when stop ≤ first)."""
    lens = np.maximum(stop - first, 0)
    total = int(lens.sum())
    ends = np.cumsum(lens)
    at = np.arange(total, dtype=np.int64) - np.repeat(ends - lens, lens) + np.repeat(first, lens)
    return np.repeat(row, lens), at


def _softmax(model: Model, rows: np.ndarray, ids: np.ndarray, n: int) -> np.ndarray:
    """Softmax probabilities of ``n`` spans from their (row, feature index) pairs, each
    pair counted once (as in training, where a feature is present or not). The pairs are
    put in one order first, so the same features give bit-for-bit the same numbers.

    A span's weight rows are summed one after another in ascending feature order, from 0:
    what ``np.add.reduceat`` of the gathered rows gave before (perf21), as the product of a
    0/1 CSR matrix with the weights, which reads the rows in place (bench_extract's seven
    ~6 KB synthetic pages, medians on a loaded 2-core machine: gather and reduceat 2.7 ms,
    the product 0.5 ms; rv23b). 0 + w is w but for the sign of a zero, which
    no softmax output keeps (exp(-0.0) = exp(0.0)). scipy is imported here, on the first
    scoring: listing the methods or running the rules alone does not load it."""
    from scipy.sparse import csr_matrix

    logits = np.tile(model.intercept, (n, 1))
    if len(ids):
        width = np.int64(len(model.index))
        # stable (radix/tim) sort: on those pages' runs of sorted ids a third of quicksort's
        # time (median 0.36 vs 1.04 ms); equal values are indistinguishable: the same order
        pairs = np.sort(rows * width + ids, kind="stable")
        pairs = pairs[_run_starts(pairs)]
        rows, ids = np.divmod(pairs, width)
        indptr = np.searchsorted(rows, np.arange(n + 1))
        ones = np.ones(len(ids), dtype=model.weights.dtype)
        logits += csr_matrix((ones, ids, indptr), shape=(n, len(model.weights))) @ model.weights
    logits -= logits.max(axis=1, keepdims=True)
    np.exp(logits, out=logits)
    logits /= logits.sum(axis=1, keepdims=True)
    return logits


def _run_starts(a: np.ndarray) -> np.ndarray:
    """True where a sorted array's value differs from the one before (and at 0): what
    ``np.r_[True, a[1:] != a[:-1]]`` gives, without ``np.r_``'s per-call cost."""
    out = np.empty(len(a), dtype=bool)
    out[:1] = True
    np.not_equal(a[1:], a[:-1], out=out[1:])
    return out


def fallback_rules(sp: Span, counts: Mapping[str, int], fallback: int) -> list[Candidate]:
    """The learned method's per-indicator fallback: the rules candidates of ``sp`` whose
    indicator has fewer than ``fallback`` real training spans in ``counts`` (an indicator
    missing from ``counts`` has none). The learned method keeps these instead of the model's
    decision on the span. Why: a model that saw an indicator in a handful of spans (or none:
    no Chinese transplant_nurses span at all, syn18) cannot name it, and on such spans the
    rules' reading is all the toolkit knows; this cost the learned method 8 of the synthetic
    corpus's 12 (file, language) cells, all Chinese. ``fallback`` 0 never falls back (the
    learned method as it was); N is chosen by the trainer's CV (``GRID_FALLBACK``, counted on
    each fit's own training spans)."""
    if fallback <= 0:
        return []
    return [c for c in sp.rules if counts.get(c.indicator, 0) < fallback]


def decide_scored(
    text: str,
    lang: str,
    spans: list[Span],
    probs: np.ndarray,
    classes: tuple[str, ...],
    *,
    keep_threshold: float | None,
    add_threshold: float,
    counts: Mapping[str, int] | None = None,
    fallback: int = 0,
) -> list[tuple[Candidate, float | None]]:
    """(candidate, model probability of its indicator) from spans and their probabilities:
    ``keep_threshold`` None is the learned method (the model decides every span, but a span
    with a rules candidate of an indicator rarer than ``fallback`` in ``counts`` keeps those
    candidates, ``fallback_rules``, scored with the model's probability of their indicator),
    a number the combined one (a rule candidate stays when its indicator has that
    probability; with a threshold of 0 it always stays, unscored: its score is None and its
    row of ``probs`` is never read, so ``extract_scored`` does not compute it). The fallback
    is the learned method's only: asking it with a keep threshold is an error."""
    if fallback > 0 and keep_threshold is not None:
        raise ValueError("the per-indicator fallback is the learned method's (keep None) only")
    counts = counts or {}
    norm = ""
    out: list[tuple[Candidate, float | None]] = []
    for sp, p in zip(spans, probs, strict=True):
        rare = fallback_rules(sp, counts, fallback)
        if rare:
            out.extend((c, _prob(p, classes, c.indicator)) for c in rare)
            continue
        if keep_threshold is not None and keep_threshold <= 0 and sp.rules:
            out.extend((c, None) for c in sp.rules)
            continue
        if keep_threshold is not None and sp.rules:
            kept = [(c, _prob(p, classes, c.indicator)) for c in sp.rules]
            kept = [(c, q) for c, q in kept if q >= keep_threshold]
            if kept:
                out.extend(kept)
                continue
        best = int(p.argmax())
        label, score = classes[best], float(p[best])
        if label == NONE or score < add_threshold:
            continue
        rule: list[tuple[Candidate, float | None]]
        rule = [(c, score) for c in sp.rules if c.indicator == label]
        if rule:
            out.extend(rule)
            continue
        value = value_as(sp, label)
        if value is not None:
            norm = norm or normalize(text)  # once, and only when a span is added or re-named
            out.append((_new_candidate(text, norm, lang, sp, label, value), score))
    out.sort(key=lambda cs: cs[0].start)
    return out


def _prob(p: np.ndarray, classes: tuple[str, ...], label: str) -> float:
    """The probability of ``label`` (0 for a label the model never saw in training)."""
    return float(p[classes.index(label)]) if label in classes else 0.0


def _new_candidate(
    text: str, norm: str, lang: str, sp: Span, indicator: str, value: float
) -> Candidate:
    """The candidate of a span the model names ``indicator`` where the rules named none or
    another, with the rules' qualifier and span: a span the rules read keeps its rules
    candidate's (its qualifier and widened span, a range's end as ``ranges`` marked it), a
    span they left is read as they would read it (``_stated_reading``). ``norm`` is
    ``text`` normalised (the same length): the organ is read from it, around the span."""
    organ = _organ_near(norm[max(0, sp.start - _ORGAN_REACH) : sp.end + _ORGAN_REACH])
    if sp.rules:
        rule = sp.rules[0]
        qualifier, start, end = Qualifier(rule.qualifier), rule.start, rule.end
    else:
        qualifier, start, end = _stated_reading(norm, sp)
    return spans._span_candidate(
        text,
        start,
        end,
        _SNIPPET_CHARS,
        lang,
        indicator=indicator,
        value=value,
        organ=organ,
        qualifier=qualifier,
    )


def added_readings(text: str, language: str | None = None) -> list[tuple[Candidate, Candidate]]:
    """(rules candidate, the same span read as if the model had added it) for every rules
    candidate on a number of ``text``: the span stripped of its rules candidates, so
    ``_new_candidate`` reads it the way it reads a span the rules left. What
    benchmarks/added_reading_agreement.py counts on real text and
    tests/extract/test_learned_added_qualifiers.py on the synthetic corpus."""
    lang, norm, spans = document_spans(text, language)
    out = []
    for sp in spans:
        if sp.kind == "rule" or not sp.rules:
            continue
        rule = sp.rules[0]
        bare = replace(sp, rules=())
        value = value_as(bare, rule.indicator)
        if value is not None:
            out.append((rule, _new_candidate(text, norm, lang, bare, rule.indicator, value)))
    return out


def _stated_reading(norm: str, sp: Span) -> tuple[Qualifier, int, int]:
    """(qualifier, start, end) of the number span ``sp`` read alone, as the rules read a
    figure (``core.read_figure``)."""
    m = pat.NUMBER_RE.match(norm, sp.start)
    if m is None or m.end() != sp.end:
        return Qualifier.EXACT, sp.start, sp.end
    return core.read_figure(norm, m)


_ORGAN_REACH = 30
"""Characters read either side of an added span for its organ (``_organ_near``)."""


def _organ_near(window: str) -> str:
    """The organ named closest to the middle of ``window`` ("" when none is named)."""
    mid = len(window) / 2
    best = min(pat.ORGAN_RE.finditer(window), key=lambda m: abs(m.start() - mid), default=None)
    return pat.ORGAN_WORDS.get(best.group(0), "") if best else ""


def extract_scored(
    text: str,
    *,
    method: str = "",
    language: str | None = None,
    model: Model | None = None,
    document: Document | None = None,
) -> list[tuple[Candidate, float | None]]:
    """(candidate, score) of ``text`` by ``method`` (``rules``, ``learned``, ``combined``;
    "" is ``DEFAULT_METHOD``). The score is the model's probability of the candidate's
    indicator, None where no model was asked: every candidate of the rules alone, and under
    ``combined`` a rules candidate no stage could change (keep threshold 0, re-labeller off),
    whose span is then not scored at all. ``document`` (``Document.of(text, language)``)
    lends its rules, spans and scores and keeps what this computes for a later reader (the
    confidence); the candidates and scores are the same with it or without."""
    method = method or DEFAULT_METHOD
    if method not in METHODS:
        raise ValueError(f"unknown method {method!r}: one of {', '.join(METHODS)}")
    if method == "rules":
        rules = document.rules if document else extract_candidates(text, language=language)
        return [(c, None) for c in rules]
    if not text:
        return []
    model = model or load_model()
    if method == "combined" and not model.span_stage:
        doc = document or Document.of(text, language)
        return _relabelled(model, doc.norm, doc.lang, doc.rules, [(c, None) for c in doc.rules])
    keep = model.keep_threshold if method == "combined" else None
    add = model.add_threshold if method == "combined" else model.learned_add_threshold
    doc = document or Document.of(text, language)
    lang, norm = doc.lang, doc.norm
    if keep is not None and keep > 0 and add > 1.0:
        # a veto only: only the rules' spans are scored (``vetoed``)
        rules = [c for sp in doc.numbers for c in sp.rules]  # in spans' order, as below
        return _relabelled(model, norm, lang, rules, vetoed(doc, model, keep))
    if keep is None or keep > 0:
        spans = doc.spans
        probs = doc.scores(model, list(range(len(spans))))
    else:
        # with a keep threshold of 0 a span the rules found is never scored: skip its counter
        spans = number_spans(text, norm, doc.rules, full=False)
        probs = _scores_needed(model, norm, spans, lang, keep)
    # the tail or head of a number the tokens cut (2千五百 read 500, 15万79 read 150000) is
    # no figure, as in the rules; dropped here, not in number_spans, so the stored model's
    # training spans stay the same
    whole = [
        i
        for i, sp in enumerate(spans)
        if sp.rules or not core.number_fragment(norm, sp.start, sp.end)
    ]
    if len(whole) < len(spans):
        spans, probs = [spans[i] for i in whole], probs[whole]
    fallback = model.learned_fallback if keep is None else 0
    scored = decide_scored(
        text,
        lang,
        spans,
        probs,
        model.classes,
        keep_threshold=keep,
        add_threshold=add,
        counts=model.span_counts,
        fallback=fallback,
    )
    if method == "combined":
        rules = [c for sp in spans for c in sp.rules]
        return _relabelled(model, norm, lang, rules, list(scored))
    return list(scored)


def vetoed(doc: Document, model: Model, keep: float) -> list[tuple[Candidate, float | None]]:
    """``combined``'s span stage when it can only veto (adding off: ``add_threshold`` above
    1, which no probability reaches): every rules candidate whose indicator the span model
    gives at least ``keep`` on its span, with that probability. Only the spans holding a
    rules candidate are read and scored: a span without one could only be added, and a
    span's row does not depend on which others are scored (``Document.scores``), so this
    is what ``decide_scored`` gives on every span's scores, bit for bit: it is
    ``decide_scored`` itself (one keep rule), on those spans only."""
    ask = [i for i, sp in enumerate(doc.numbers) if sp.rules]
    return decide_scored(
        doc.text,
        doc.lang,
        [doc.numbers[i] for i in ask],
        doc.scores(model, ask),
        model.classes,
        keep_threshold=keep,
        add_threshold=model.add_threshold,
    )


def _scores_needed(
    model: Model, norm: str, spans: list[Span], lang: str, keep: float | None
) -> np.ndarray:
    """``score_spans`` of the spans ``decide_scored`` reads: with a keep threshold of 0 the
    spans the rules found are kept whatever the model says, so only the others are scored
    (their rows are NaN, never read)."""
    if keep is None or keep > 0:
        return score_spans(model, norm, spans, lang)
    ask = [i for i, sp in enumerate(spans) if not sp.rules]
    out = np.full((len(spans), len(model.classes)), np.nan)
    if ask:
        out[ask] = score_spans(model, norm, [spans[i] for i in ask], lang)
    return out


def _relabelled(
    model: Model,
    norm: str,
    lang: str,
    rules: list[Candidate],
    scored: list[tuple[Candidate, float | None]],
) -> list[tuple[Candidate, float | None]]:
    """``scored`` with every rules candidate re-labelled (or dropped) by the re-labeller;
    a candidate the span model added keeps its label and score."""
    r = model.relabeller
    if r is None or not model.relabel_stage:
        return list(scored)  # the re-labeller would change nothing: skip its cost
    probs = relabel.document_probabilities(r, norm, rules, lang)
    return relabel.apply(scored, rules, probs, r)


def extract(
    text: str,
    *,
    method: str = "",
    language: str | None = None,
    model: Model | None = None,
) -> list[Candidate]:
    """Candidates of ``text`` by ``method`` (see ``extract_scored``)."""
    return [c for c, _ in extract_scored(text, method=method, language=language, model=model)]


# --- stored weights --------------------------------------------------------------------------


def model_from(
    meta: dict[str, object],
    weights: np.ndarray,
    intercept: np.ndarray,
    relabel_arrays: tuple[np.ndarray, np.ndarray] | None = None,
) -> Model:
    """A Model from its JSON metadata and arrays (the re-labeller's when it was trained)."""
    rmeta = meta.get("relabel")
    relabeller = (
        relabel.model_from(rmeta, *relabel_arrays)  # type: ignore[arg-type]
        if isinstance(rmeta, dict) and relabel_arrays is not None
        else None
    )
    features = list(meta["features"])  # type: ignore[call-overload]
    index = {name: i for i, name in enumerate(features)}
    return Model(
        classes=tuple(meta["classes"]),  # type: ignore[call-overload]
        index=index,
        weights=np.asarray(weights, dtype=np.float64),
        intercept=np.asarray(intercept, dtype=np.float64),
        keep_threshold=float(meta["keep_threshold"]),  # type: ignore[arg-type]
        add_threshold=float(meta["add_threshold"]),  # type: ignore[arg-type]
        learned_add_threshold=float(meta.get("learned_add_threshold", 0.5)),  # type: ignore[arg-type]
        meta={k: v for k, v in meta.items() if k != "features"},
        grams=GramTable.of(index),
        relabeller=relabeller,
        span_counts={str(k): int(v) for k, v in dict(meta.get("span_counts") or {}).items()},  # type: ignore[call-overload]
        learned_fallback=int(meta.get("learned_fallback", 0)),  # type: ignore[call-overload]
    )


@lru_cache(maxsize=2)
def load_model(directory: Path = MODEL_DIR) -> Model:
    """Read ``model.json`` and ``weights.npz`` (``allow_pickle=False``)."""
    meta = json.loads((directory / "model.json").read_text(encoding="utf-8"))
    if meta.get("feature_version") != FEATURE_VERSION:
        raise ValueError(
            f"{directory / 'model.json'}: feature version {meta.get('feature_version')} "
            f"does not match the code's {FEATURE_VERSION}; run python tools/train_extractor.py"
        )
    with np.load(directory / "weights.npz", allow_pickle=False) as npz:
        extra = (
            (npz["relabel_weights"], npz["relabel_intercept"])
            if "relabel_weights" in npz.files
            else None
        )
        return model_from(meta, npz["weights"], npz["intercept"], extra)
