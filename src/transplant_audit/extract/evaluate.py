"""Score the extractor against an annotated corpus: precision and recall per language and
per indicator.

A gold annotation names the figure's surface text in the document (``text``, the
``occurrence``-th match, 0-based), its indicator, organ, value in the canonical unit and
qualifier, and optionally ``period`` and ``as_of``. A candidate is a *true positive* when
its span overlaps the gold span and indicator, organ, qualifier and value (relative
difference below 1e-3) all agree; each gold figure matches at most one candidate. Period
and as-of are scored separately (share of true positives whose period and as-of agree),
because a figure with the right value but a wrong period is still worth a reviewer's look.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from transplant_audit.extract.core import Candidate, extract_candidates


@dataclass
class Tally:
    """True positives, false positives, false negatives."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        """tp / (tp + fp); 1.0 when nothing was predicted."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        """tp / (tp + fn); 1.0 when there was nothing to find."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


def summed(tallies: Iterable[Tally]) -> Tally:
    """One tally adding up ``tallies``."""
    t = Tally()
    for v in tallies:
        t.tp, t.fp, t.fn = t.tp + v.tp, t.fp + v.fp, t.fn + v.fn
    return t


@dataclass
class EvalReport:
    """Tallies by language and by indicator, plus the mistakes for inspection."""

    by_language: dict[str, Tally] = field(default_factory=dict)
    by_indicator: dict[str, Tally] = field(default_factory=dict)
    by_language_indicator: dict[tuple[str, str], Tally] = field(default_factory=dict)
    period_right: int = 0
    documents: int = 0
    false_positives: list[tuple[str, Candidate]] = field(default_factory=list)
    false_negatives: list[tuple[str, Mapping[str, object]]] = field(default_factory=list)

    @property
    def total(self) -> Tally:
        return summed(self.by_language.values())

    @property
    def period_accuracy(self) -> float:
        tp = self.total.tp
        return self.period_right / tp if tp else 1.0


def gold_span(text: str, gold: Mapping[str, object]) -> tuple[int, int]:
    """(start, end) of a gold annotation's surface text in the document."""
    needle = str(gold["text"])
    occurrence = int(gold.get("occurrence", 0))  # type: ignore[call-overload]
    pos = -1
    for _ in range(occurrence + 1):
        pos = text.find(needle, pos + 1)
        if pos < 0:
            raise ValueError(f"gold text {needle!r} not found in document")
    return pos, pos + len(needle)


def _same(c: Candidate, g: Mapping[str, object], gs: int, ge: int) -> bool:
    value = float(g["value"])  # type: ignore[arg-type]
    return (
        c.start < ge
        and gs < c.end
        and c.indicator == g["indicator"]
        and c.organ == g.get("organ", "")
        and c.qualifier == g.get("qualifier", "exact")
        and abs(c.value - value) <= 1e-3 * max(1.0, abs(value))
    )


def evaluate(
    documents: Iterable[Mapping[str, object]],
    extract: Callable[[str], list[Candidate]] = extract_candidates,
) -> EvalReport:
    """Run ``extract`` over each document (``id``, ``language``, ``text``, ``gold``) and tally."""
    report = EvalReport()
    for doc in documents:
        report.documents += 1
        text = str(doc["text"])
        lang = str(doc["language"])
        preds = extract(text)
        golds = list(doc.get("gold", []))  # type: ignore[call-overload]
        spans = [gold_span(text, g) for g in golds]
        used: set[int] = set()
        matched_gold: set[int] = set()
        for gi, (g, (gs, ge)) in enumerate(zip(golds, spans, strict=True)):
            for pi, c in enumerate(preds):
                if pi not in used and _same(c, g, gs, ge):
                    used.add(pi)
                    matched_gold.add(gi)
                    if c.period == g.get("period", "") and c.as_of == g.get("as_of", ""):
                        report.period_right += 1
                    break
        for gi, g in enumerate(golds):
            ind = str(g["indicator"])
            hit = gi in matched_gold
            for t in _tallies(report, lang, ind):
                if hit:
                    t.tp += 1
                else:
                    t.fn += 1
            if not hit:
                report.false_negatives.append((str(doc["id"]), g))
        for pi, c in enumerate(preds):
            if pi not in used:
                for t in _tallies(report, lang, c.indicator):
                    t.fp += 1
                report.false_positives.append((str(doc["id"]), c))
    return report


def _tallies(report: EvalReport, lang: str, indicator: str) -> list[Tally]:
    return [
        report.by_language.setdefault(lang, Tally()),
        report.by_indicator.setdefault(indicator, Tally()),
        report.by_language_indicator.setdefault((lang, indicator), Tally()),
    ]


VALUE_TOLERANCE = 0.02
"""Real-text scoring: a candidate matches a gold figure when the indicator is the same and
the value is within 2% (issue 14); span, organ and qualifier are not required."""


@dataclass
class ValueReport:
    """Tallies by language for (indicator, value) matching, plus the mistakes."""

    by_language: dict[str, Tally] = field(default_factory=dict)
    false_positives: list[tuple[str, Candidate]] = field(default_factory=list)
    false_negatives: list[tuple[str, Mapping[str, object]]] = field(default_factory=list)

    @property
    def total(self) -> Tally:
        return summed(self.by_language.values())


def value_matches(
    c: Candidate, g: Mapping[str, object], tolerance: float = VALUE_TOLERANCE
) -> bool:
    """Same indicator and value within ``tolerance`` (relative to the gold value)."""
    return c.indicator == g["indicator"] and value_only_matches(c, g, tolerance)


def evaluate_values(
    documents: Iterable[Mapping[str, object]],
    extract: Callable[[str], list[Candidate]] = extract_candidates,
    matches: Callable[[Candidate, Mapping[str, object]], bool] = value_matches,
) -> ValueReport:
    """Score ``extract`` on documents (``id``, ``language``, ``text``, ``gold``) by
    (indicator, value within 2%), each gold figure matched to at most one candidate (the
    closest in value). ``matches`` decides whether a candidate may match a gold figure."""
    report = ValueReport()
    for doc in documents:
        lang = str(doc["language"])
        tally = report.by_language.setdefault(lang, Tally())
        preds = extract(str(doc["text"]))
        gold = list(doc.get("gold", []))  # type: ignore[call-overload]
        right, found = matched(preds, gold, matches)
        for g, hit in zip(gold, found, strict=True):
            if hit:
                tally.tp += 1
            else:
                tally.fn += 1
                report.false_negatives.append((str(doc["id"]), g))
        for c, ok in zip(preds, right, strict=True):
            if not ok:
                tally.fp += 1
                report.false_positives.append((str(doc["id"]), c))
    return report


def matched(
    preds: list[Candidate],
    gold: list[Mapping[str, object]],
    matches: Callable[[Candidate, Mapping[str, object]], bool] = value_matches,
) -> tuple[list[bool], list[bool]]:
    """(is each candidate a true figure, is each gold figure found): each gold figure, in
    order, takes the closest in value of the candidates not yet taken that ``matches`` it.
    The one matching rule of ``evaluate_values`` and of the confidence calibration."""
    used: set[int] = set()
    found = []
    for g in gold:
        hits = [i for i, c in enumerate(preds) if i not in used and matches(c, g)]
        if hits:
            used.add(min(hits, key=lambda i: abs(preds[i].value - float(g["value"]))))  # type: ignore[arg-type]
        found.append(bool(hits))
    return [i in used for i in range(len(preds))], found


def value_near(value: float, gold: float, tolerance: float = VALUE_TOLERANCE) -> bool:
    """Is ``value`` within ``tolerance`` of ``gold`` (relative to the gold value)? The one
    value rule of real-text scoring."""
    return abs(value - gold) <= tolerance * abs(gold)


def value_only_matches(
    c: Candidate, g: Mapping[str, object], tolerance: float = VALUE_TOLERANCE
) -> bool:
    """Value within ``tolerance`` (``value_near``), whatever indicator either names: the
    value rule, which ``value_matches`` adds the indicator to."""
    return value_near(c.value, float(g["value"]), tolerance)  # type: ignore[arg-type]


def evaluate_any_indicator(
    documents: Iterable[Mapping[str, object]],
    extract: Callable[[str], list[Candidate]] = extract_candidates,
) -> ValueReport:
    """A diagnostic, not the score: ``evaluate_values`` with a candidate matching a gold
    figure on its value alone (within 2%), any indicator. The gap between this and the
    (indicator, value) score is the figures found but named wrong."""
    return evaluate_values(documents, extract, value_only_matches)
