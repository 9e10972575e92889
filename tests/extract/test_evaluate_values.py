"""The value scoring (``evaluate_values``: tolerance, indicator, one candidate per gold figure)
and the value-only diagnostic (``evaluate_any_indicator``) against it, on tiny SYNTHETIC
document sets with a stub extractor (no extraction rules run)."""

from __future__ import annotations

from transplant_audit.extract.core import Candidate
from transplant_audit.extract.evaluate import evaluate_any_indicator, evaluate_values

# SYNTHETIC: two documents written for this test; gold lines as in tests/extract/realtext.
DOCS = [
    {
        "id": "syn-1",
        "language": "en",
        "text": "synthetic text one",
        "gold": [
            {"indicator": "transplants_in_period", "value": 300.0},
            {"indicator": "transplant_beds", "value": 50.0},
            {"indicator": "wait_days", "value": 14.0},
        ],
    },
    {
        "id": "syn-2",
        "language": "zh-Hans",
        "text": "synthetic text two",
        "gold": [{"indicator": "transplants_cumulative", "value": 1000.0}],
    },
]


def _cand(indicator: str, value: float) -> Candidate:
    return Candidate(indicator, "", value, "exact", "", "", "", 0, 1, "", 0, "", "", "")


PREDICTIONS = {
    # 300 under the wrong indicator; 50 right (within 2%); 14 missed; 999 found nowhere
    "synthetic text one": [
        _cand("transplants_cumulative", 300.0),
        _cand("transplant_beds", 50.9),
        _cand("transplant_beds", 999.0),
    ],
    # 1,000 is 3% off: a miss under either rule, and a false candidate
    "synthetic text two": [_cand("transplants_cumulative", 1030.0)],
}


def stub(text: str) -> list[Candidate]:
    return PREDICTIONS[text]


def test_value_only_counts_a_figure_named_wrong_as_found() -> None:
    named = evaluate_values(DOCS, stub)
    anyind = evaluate_any_indicator(DOCS, stub)
    en, en_any = named.by_language["en"], anyind.by_language["en"]
    assert (en.tp, en.fp, en.fn) == (1, 2, 2)  # only the beds
    assert (en_any.tp, en_any.fp, en_any.fn) == (2, 1, 1)  # the beds and the 300
    zh = anyind.by_language["zh-Hans"]
    assert (zh.tp, zh.fp, zh.fn) == (0, 1, 1)  # 2% is the limit, whatever the indicator
    assert (anyind.total.tp, anyind.total.fp, anyind.total.fn) == (2, 2, 2)
    assert anyind.total.precision == 0.5 and anyind.total.recall == 0.5
    missed = [(doc, g["indicator"]) for doc, g in anyind.false_negatives]
    assert missed == [("syn-1", "wait_days"), ("syn-2", "transplants_cumulative")]


def test_each_gold_figure_takes_one_candidate_the_closest() -> None:
    docs = [
        {
            "id": "syn-3",
            "language": "en",
            "text": "synthetic text three",
            "gold": [
                {"indicator": "transplant_beds", "value": 100.0},
                {"indicator": "transplants_in_period", "value": 100.0},
            ],
        }
    ]
    preds = [_cand("wait_days", 101.5), _cand("wait_days", 100.0), _cand("wait_days", 100.5)]
    r = evaluate_any_indicator(docs, lambda _text: preds)
    t = r.total
    assert (t.tp, t.fp, t.fn) == (2, 1, 0)
    assert [c.value for _, c in r.false_positives] == [101.5]  # the two closest were used


def test_value_scoring_tolerance_and_indicator() -> None:
    """2% of the gold value passes, 3% does not; a wrong indicator is a miss and a false
    positive; each gold figure takes one candidate."""
    doc = {
        "id": "x",
        "language": "en",
        "text": "t",
        "gold": [
            {"indicator": "wait_time_days", "value": 30.4375},
            {"indicator": "total_beds", "value": 1000},
            {"indicator": "price_cny", "value": 100000},
        ],
    }
    preds = [
        _cand("wait_time_days", 30.0),  # 1.4% off: a match
        _cand("total_beds", 1030.0),  # 3% off: no match
        _cand("price_usd", 100000.0),  # wrong indicator
        _cand("wait_time_days", 30.0),  # a second candidate for one gold figure
    ]
    t = evaluate_values([doc], lambda _: preds).by_language["en"]
    assert (t.tp, t.fp, t.fn) == (1, 3, 2)
