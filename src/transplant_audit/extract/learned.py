"""A small learned step beside the rules (issue 14): a multinomial logistic regression that
reads every number the parser finds and says which indicator it is, or none.

Candidates are the numbers ``patterns.NUMBER_RE`` finds in the normalised text, each read
with the rules' own helpers (value, counter, currency prefix, range and list counters, from
``core``: ``_token_value``, ``_adjacent_range``, ``_read_counter``, ``_implied_counter``,
``_list_counter``, ``_counter_after_paren``, ``_TIME_TO_DAYS``, ``_flat``; renaming one of
them breaks this module, and tests/extract/test_learned.py says so), plus every candidate
the rules produce. Each span is described by sparse string
features (``span_features``): words or character n-grams either side, its counter and unit,
currency, year-likeness, table or list line, language and the rules' label for the span.
The weights are plain JSON + NPZ under ``extract/model/`` (no pickle), trained by
``tools/train_extractor.py`` with scikit-learn; inference here is numpy only.

Methods (``extract(text, method=...)``):

- ``rules``: the rules alone (``core.extract_candidates``);
- ``learned``: for every span, the model's most likely label when it is not NONE and its
  probability reaches ``add_threshold``;
- ``combined``: a rule candidate is kept when the model gives its indicator at least
  ``keep_threshold``; a span the rules left (or whose candidate was dropped) is added when
  the model's best label is not NONE with probability at least ``add_threshold``.

The thresholds and the default method are stored with the weights: they were chosen by
grouped cross-validation (docs/extract.md). Pure: text and a model in, candidates out;
``load_model`` is the only function that reads a file.
"""

from __future__ import annotations

import bisect
import json
import math
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

import numpy as np

from transplant_audit.evidence.vocabulary import INDICATORS, UNIT_CONVERSIONS
from transplant_audit.extract import core
from transplant_audit.extract import patterns as pat
from transplant_audit.extract.core import Candidate, detect_language, extract_candidates
from transplant_audit.extract.numbers import normalize

NONE = "NONE"
"""The label of a number that is no figure of the vocabulary."""
METHODS = ("rules", "learned", "combined")
DEFAULT_METHOD = "rules"
"""The method ``extract`` uses unless told otherwise. Grouped cross-validation preferred
``combined`` by a small margin (its choice is kept in model.json as ``default_method``), but on
heldout2, real pages gathered blind that neither the rules nor the model had seen, combined
scored no better than the rules (P/R 0.721/0.529 against 0.730/0.526) at a third of their speed
on dense pages, below the 100 pages/s the issue asks of a learned step (docs/extract.md)."""
MODEL_DIR = Path(__file__).parent / "model"
FEATURE_VERSION = "4"
"""Bump when ``span_features`` changes: the stored weights then no longer fit."""

_WINDOW_CHARS = 12
"""Characters read either side of a number in Chinese text (character 1-3 grams)."""
_WINDOW_WORDS = 6
"""Words read either side of a number in English text (words and bigrams)."""
_SNIPPET_CHARS = 60
_BATCH_SPANS = 2000
"""Spans featurised and scored at once (~90 features each; the gathered weight rows of a
batch take about 90 × 38 × 8 bytes a span, ~55 MB)."""
_CJK_RE = re.compile(r"[\u4e00-\u9fff]")
_WORD_RE = re.compile(r"[a-z]+|[\u4e00-\u9fff]|[$¥%|]")
_CUES: dict[str, re.Pattern[str]] = {
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


# --- candidates -------------------------------------------------------------------------------


def _counter_for(norm: str, m: re.Match[str]) -> core._Counter:
    """The counter the rules would read for the number ``m`` (its own, implied, a range's
    or a list's last item's, or the noun after parentheses)."""
    s, e = m.span()
    cnt = core._read_counter(norm, e)
    if m.group("frac") or (m.group("zh") or "").startswith("百分之"):
        return core._Counter("percent", "percent", 1.0, [], "", e)
    if not cnt.uclass and m.group("zh") is None:
        cnt = core._implied_counter(norm, s, e, cnt)
    if not cnt.uclass:
        rj = pat.RANGE_JOIN_RE.match(norm[e : e + 6])
        m2 = pat.NUMBER_RE.match(norm, e + rj.end()) if rj else None
        if m2:
            cnt = core._counter_after_paren(norm, m2.end(), core._read_counter(norm, m2.end()))
    if not cnt.uclass:
        cnt = core._list_counter(norm, e, cnt)
    if not cnt.uclass:
        cnt = core._counter_after_paren(norm, e, cnt)
    return cnt


def _kind(m: re.Match[str]) -> str:
    for k in ("frac", "arabic", "zh", "word"):
        if m.group(k):
            return k
    return ""


def number_spans(text: str, norm: str, rules: list[Candidate]) -> list[Span]:
    """Every number in ``norm`` with its value and counter, and the rules' candidates
    attached to the span they overlap (a rule candidate on no number span is a span)."""
    spans: list[Span] = []
    for m in pat.NUMBER_RE.finditer(norm):
        try:
            adjacent = core._adjacent_range(m.group("zh")) if m.group("zh") else None
            value = adjacent[1] if adjacent else core._token_value(m)
        except (ValueError, KeyError, ZeroDivisionError):
            continue
        cnt = _counter_for(norm, m)
        s = m.start()
        cur = pat.CURRENCY_PREFIX_RE.search(norm[max(0, s - 6) : s])
        currency = pat.CURRENCY_PREFIX_UNITS[re.sub(r"\s", "", cur.group("cur"))] if cur else ""
        uclass = cnt.uclass or currency
        mult = cnt.mult if cnt.uclass else 1.0
        spans.append(Span(s, m.end(), value * mult, uclass, cnt.stated_unit, currency, _kind(m)))
    return _attach(spans, rules)


def _attach(spans: list[Span], rules: list[Candidate]) -> list[Span]:
    starts = [sp.start for sp in spans]
    found: dict[int, list[Candidate]] = {}
    extra: list[Span] = []
    for c in rules:
        i = _overlapping(spans, starts, c.start, c.end)
        if i is None:
            extra.append(Span(c.start, c.end, c.value, "rule", c.unit, "", "rule", False, (c,)))
        else:
            found.setdefault(i, []).append(c)
    out = [replace(sp, rules=tuple(found.get(i, ()))) for i, sp in enumerate(spans)]
    return sorted(out + extra, key=lambda sp: sp.start)


def _overlapping(spans: list[Span], starts: list[int], s: int, e: int) -> int | None:
    i = bisect.bisect_left(starts, s)
    for j in (i, i - 1, i + 1):  # the number inside a candidate that may start at a currency
        if 0 <= j < len(spans) and spans[j].start < e and s < spans[j].end:
            return j
    for j in range(max(0, i - 3), min(len(spans), i + 4)):
        if spans[j].start < e and s < spans[j].end:
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
        days = core._TIME_TO_DAYS.get(span.stated_unit)
        if span.stated_unit == "months+half":
            return (span.raw + 0.5) * core._TIME_TO_DAYS["months"]
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
    for k in (1, 2, 3):
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


def _near(starts: list[int], lo: int, hi: int) -> bool:
    i = bisect.bisect_left(starts, lo)
    return i < len(starts) and starts[i] < hi


def document_features(norm: str, spans: list[Span], lang: str) -> list[list[str]]:
    """The features of every span of one document."""
    cues = cue_positions(norm, spans)
    return [span_features(norm, sp, lang, cues) for sp in spans]


def span_features(
    norm: str, span: Span, lang: str, cues: dict[str, list[int]] | None = None
) -> list[str]:
    """The sparse features of one span (strings; each present feature counts 1). ``cues``
    is ``cue_positions(norm)`` (computed here when not given)."""
    s, e = span.start, span.end
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
    line_s = norm.rfind("\n", max(0, s - _LINE_CHARS), s) + 1 or max(0, s - _LINE_CHARS)
    line_e = norm.find("\n", e, e + _LINE_CHARS)
    line = norm[line_s : line_e if line_e >= 0 else e + _LINE_CHARS]
    if line.count("|") >= 2 or "\t" in line:
        f.append("table_line")
    if _LIST_LINE_RE.match(line):
        f.append("list_line")
    cues = cues if cues is not None else cue_positions(norm)
    u = span.uclass
    for name, starts in cues.items():
        if starts and _near(starts, s - _WIDE[0], e + _WIDE[1]):
            f.append("cw=" + name)
            f.append("ucw=" + u + "|" + name)
            if _near(starts, s - _NEAR[0], e + _NEAR[1]):
                f.append("cn=" + name)
                f.append("ucn=" + u + "|" + name)
    left = norm[max(0, s - _WINDOW_CHARS * 4) : s]
    right = norm[e : e + _WINDOW_CHARS * 4]
    if _CJK_RE.search(left[-_WINDOW_CHARS:]) or _CJK_RE.search(right[:_WINDOW_CHARS]):
        lw, rw = left[-_WINDOW_CHARS:], right[:_WINDOW_CHARS]
        _grams("L", lw, f)
        _grams("R", rw, f)
        f.append("LL=" + lw[-2:])
        f.append("RR=" + rw[:2])
        f.append("RR_rule=" + rw[:2] + "|" + rule)
    else:
        lw = _WORD_RE.findall(left)[-_WINDOW_WORDS:]
        rw = _WORD_RE.findall(right)[:_WINDOW_WORDS]
        _words("l:", lw, f)
        _words("r:", rw, f)
        f.append("l0=" + (lw[-1] if lw else ""))
        f.append("r0=" + (rw[0] if rw else ""))
        f.append("r0_rule=" + (rw[0] if rw else "") + "|" + rule)
    return f


def document_spans(text: str, language: str | None = None) -> tuple[str, str, list[Span]]:
    """(language, normalised text, spans) of a document: the rules run once here."""
    lang = language or detect_language(text)
    rules = extract_candidates(text, language=lang)
    norm = normalize(text)
    return lang, norm, number_spans(text, norm, rules)


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
    """Softmax probabilities (spans × classes) of the spans' features."""
    if not features:
        return np.zeros((0, len(model.classes)))
    return _batch_probabilities(model, features)


def score_spans(model: Model, norm: str, spans: list[Span], lang: str) -> np.ndarray:
    """``probabilities`` of a document's spans, their features built and scored in
    batches of ``_BATCH_SPANS`` so a long document's features never all sit in memory."""
    cues = cue_positions(norm, spans)
    out = np.zeros((len(spans), len(model.classes)))
    for lo in range(0, len(spans), _BATCH_SPANS):
        batch = spans[lo : lo + _BATCH_SPANS]
        feats = [span_features(norm, sp, lang, cues) for sp in batch]
        out[lo : lo + len(batch)] = _batch_probabilities(model, feats)
    return out


def _batch_probabilities(model: Model, features: list[list[str]]) -> np.ndarray:
    n = len(features)
    get = model.index.get
    ids = np.fromiter((get(name, -1) for fs in features for name in fs), dtype=np.int64)
    starts = np.concatenate(([0], np.cumsum([len(fs) for fs in features])[:-1]))
    known = ids >= 0
    counts = np.add.reduceat(known.astype(np.int64), starts)
    logits = np.tile(model.intercept, (n, 1))
    filled = counts > 0  # every span has its language feature, but stay safe
    if filled.any():
        offsets = np.concatenate(([0], np.cumsum(counts)[:-1]))[filled]
        logits[filled] += np.add.reduceat(model.weights[ids[known]], offsets, axis=0)
    logits -= logits.max(axis=1, keepdims=True)
    np.exp(logits, out=logits)
    logits /= logits.sum(axis=1, keepdims=True)
    return logits


def decide_scored(
    text: str,
    lang: str,
    spans: list[Span],
    probs: np.ndarray,
    classes: tuple[str, ...],
    *,
    keep_threshold: float | None,
    add_threshold: float,
) -> list[tuple[Candidate, float]]:
    """(candidate, model probability of its indicator) from spans and their probabilities:
    ``keep_threshold`` None is the learned method (the model decides every span), a number
    the combined one (a rule candidate stays when its indicator has that probability)."""
    out: list[tuple[Candidate, float]] = []
    for sp, p in zip(spans, probs, strict=True):
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
        rule = [(c, score) for c in sp.rules if c.indicator == label]
        if rule:
            out.extend(rule)
            continue
        value = value_as(sp, label)
        if value is not None:
            out.append((_new_candidate(text, lang, sp, label, value), score))
    out.sort(key=lambda cs: cs[0].start)
    return out


def _prob(p: np.ndarray, classes: tuple[str, ...], label: str) -> float:
    """The probability of ``label`` (0 for a label the model never saw in training)."""
    return float(p[classes.index(label)]) if label in classes else 0.0


def _new_candidate(text: str, lang: str, sp: Span, indicator: str, value: float) -> Candidate:
    sn_s = max(0, sp.start - _SNIPPET_CHARS)
    sn_e = min(len(text), sp.end + _SNIPPET_CHARS)
    return Candidate(
        indicator=indicator,
        organ=_organ_near(normalize(text[max(0, sp.start - 30) : sp.end + 30])),
        value=value,
        qualifier="exact",
        unit=INDICATORS[indicator].unit,
        period="",
        as_of="",
        start=sp.start,
        end=sp.end,
        snippet=core._flat(text[sn_s:sn_e]),
        snippet_start=sn_s,
        stated=text[sp.start : sp.end],
        hospital="",
        language=lang,
    )


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
) -> list[tuple[Candidate, float | None]]:
    """(candidate, score) of ``text`` by ``method`` (``rules``, ``learned``, ``combined``;
    "" is ``DEFAULT_METHOD``). The score is the model's probability of the candidate's
    indicator, None for the rules alone."""
    method = method or DEFAULT_METHOD
    if method not in METHODS:
        raise ValueError(f"unknown method {method!r}: one of {', '.join(METHODS)}")
    if method == "rules":
        return [(c, None) for c in extract_candidates(text, language=language)]
    if not text:
        return []
    model = model or load_model()
    lang, norm, spans = document_spans(text, language)
    probs = score_spans(model, norm, spans, lang)
    keep = model.keep_threshold if method == "combined" else None
    add = model.add_threshold if method == "combined" else model.learned_add_threshold
    return list(
        decide_scored(
            text, lang, spans, probs, model.classes, keep_threshold=keep, add_threshold=add
        )
    )


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


def model_from(meta: dict[str, object], weights: np.ndarray, intercept: np.ndarray) -> Model:
    """A Model from its JSON metadata and arrays."""
    features = list(meta["features"])  # type: ignore[call-overload]
    return Model(
        classes=tuple(meta["classes"]),  # type: ignore[call-overload]
        index={name: i for i, name in enumerate(features)},
        weights=np.asarray(weights, dtype=np.float64),
        intercept=np.asarray(intercept, dtype=np.float64),
        keep_threshold=float(meta["keep_threshold"]),  # type: ignore[arg-type]
        add_threshold=float(meta["add_threshold"]),  # type: ignore[arg-type]
        learned_add_threshold=float(meta.get("learned_add_threshold", 0.5)),  # type: ignore[arg-type]
        meta={k: v for k, v in meta.items() if k != "features"},
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
        return model_from(meta, npz["weights"], npz["intercept"])
