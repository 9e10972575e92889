"""A span the learned method adds (the rules left it) or re-names (the rules named another
indicator) carries the rules' qualifier and span, not the bare number's with ``exact``
(lq21): the synthetic corpus is matched on qualifier, so an added 不到兩週 read ``exact``
over "兩" counted once false and once missed (heldout2, zh-Hant). The model is replaced
by fixed probabilities, so these hold whatever the stored weights are (synthetic
sentences, no evidence)."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from transplant_audit.extract import learned
from transplant_audit.extract.core import detect_language, extract_candidates
from transplant_audit.extract.numbers import normalize

from .test_corpus import SETS
from .test_corpus import load as load_corpus


def _decided(text: str, label: str, *, keep_rules: bool) -> list[learned.Candidate]:
    """The learned method's candidates when the model names every number ``label`` (with
    the rules' candidates on their spans, or with every span stripped of them: added)."""
    norm = normalize(text)
    spans = learned.number_spans(text, norm, extract_candidates(text))
    if not keep_rules:
        spans = [replace(sp, rules=()) for sp in spans if sp.kind != "rule"]
    probs = np.tile([0.0, 1.0], (len(spans), 1))
    scored = learned.decide_scored(
        text,
        detect_language(text),
        spans,
        probs,
        (learned.NONE, label),
        keep_threshold=None,
        add_threshold=0.5,
    )
    return [c for c, _ in scored]


ADDED = [
    # the corpus's case (h2-hant-02's sentence), and in Simplified characters
    ("病人說，他在醫院只等了不到兩週就換了肝。", "wait_time_days", [(14, "at_most", "不到兩週")]),
    ("他只等了不到两周就换了肝。", "wait_time_days", [(14, "at_most", "不到两周")]),
    (
        "The hospital has performed more than 200 kidney transplants.",
        "transplants_cumulative",
        [(200, "at_least", "more than 200 kidney transplants")],
    ),
    (
        "He said he paid up to $50,000 for the kidney.",
        "price_usd",
        [(50000, "at_most", "up to $50,000")],
    ),
    ("肝移植费用约3万元。", "price_cny", [(30000, "approx", "约3万元")]),
    ("費用約為人民幣40萬元。", "price_cny", [(400000, "approx", "約為人民幣40萬元")]),
    ("该院已完成肾移植500例以上。", "transplants_cumulative", [(500, "at_least", "500例以上")]),
    ("該院已完成腎移植1200餘例。", "transplants_cumulative", [(1200, "at_least", "1200餘例")]),
    ("他等了三個多月。", "wait_time_days", [(91.3125, "at_least", "三個多月")]),
    ("費用五六千元。", "price_cny", [(6000, "at_most", "五六千元")]),
    # a range the rules left: its ends as the rules read one (core._range_counter)
    (
        "他等了一到两周就换了肾。",
        "wait_time_days",
        [(7, "at_least", "一到"), (14, "at_most", "两周")],
    ),
    (
        "He waited 2 to 4 weeks for a kidney.",
        "wait_time_days",
        [(14, "at_least", "2 to "), (28, "at_most", "4 weeks")],
    ),
]


@pytest.mark.parametrize(("text", "label", "expected"), ADDED)
def test_an_added_span_reads_its_qualifier_and_unit(
    text: str, label: str, expected: list[tuple[float, str, str]]
) -> None:
    got = _decided(text, label, keep_rules=False)
    assert [(c.value, c.qualifier, c.stated) for c in got] == expected
    for c in got:
        assert text[c.start : c.end] == c.stated
        assert c.indicator == label


RENAMED = [
    ("患者术后平均住院时间为2至3周。", "wait_time_days"),
    ("肾移植费用为30万元至50万元。", "price_hkd"),
    ("Patients waited between 2 and 4 weeks for a liver.", "avg_length_of_stay_days"),
    ("病人等待肝源的時間為兩到三週。", "avg_length_of_stay_days"),
]


@pytest.mark.parametrize(("text", "label"), RENAMED)
def test_a_renamed_span_keeps_the_rules_reading(text: str, label: str) -> None:
    """A range the rules read (its ends at_least / at_most, by core or by ranges.py) keeps
    its qualifiers and spans when the model names it another indicator."""
    rules = extract_candidates(text)
    assert len(rules) == 2 and all(c.indicator != label for c in rules)
    got = _decided(text, label, keep_rules=True)
    assert [(c.indicator, c.qualifier, c.start, c.end) for c in got] == [
        (label, c.qualifier, c.start, c.end) for c in rules
    ]
    assert [c.qualifier for c in got] == ["at_least", "at_most"]


def test_added_reading_is_the_rules_reading_on_the_corpus() -> None:
    """Every rules candidate of the synthetic corpus on a number, read again as if the model
    had added it (its span stripped of the rules' candidates): the same qualifier and span
    on nearly all (the rest: a range joined across two figures by ranges.py, a rank, an
    ordinal, readings only the rules' later steps make)."""
    same = total = 0
    for name in SETS:
        for d in load_corpus(name):
            for rule, c in learned.added_readings(d["text"]):
                total += 1
                same += (c.qualifier, c.start, c.end) == (rule.qualifier, rule.start, rule.end)
    assert total >= 100
    assert same / total >= 0.95, (same, total)
