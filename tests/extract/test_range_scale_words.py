"""A range's English scale word written once, after the high end, scales the low end too
(scale26): '2 to 3 million yuan' is 2,000,000 to 3,000,000, as 6-10万 is 60,000 to 100,000.
Until scale26 the rules read its low end as 2 (``core.shared_scale`` read only Chinese
multipliers) and the learned method patched its own spans with a table of its own."""

from __future__ import annotations

from dataclasses import replace

import pytest

from transplant_audit.extract import learned


def _figures(text: str, method: str) -> list[tuple[str, float, str]]:
    return [(c.indicator, c.value, str(c.qualifier)) for c in learned.extract(text, method=method)]


RANGES = [
    ("A liver transplant costs 2 to 3 million yuan in Beijing.", 2e6, 3e6),
    ("Each kidney sold for 5-10 thousand dollars.", 5e3, 1e4),
    ("A heart transplant costs 1.5 to 2 million yuan there.", 1.5e6, 2e6),
]


@pytest.mark.parametrize("method", ["rules", "combined"])
@pytest.mark.parametrize(("text", "low", "high"), RANGES)
def test_the_low_end_shares_the_scale_word(method: str, text: str, low: float, high: float) -> None:
    """Both ends read with the shared scale, nothing below the low end. ``combined`` is held
    to the reading without its span veto (the veto at keep 0.7 or more, keepj27, drops '5-10
    thousand dollars''s low end: the model's call on a sentence written for this test); with
    its veto it may only drop candidates of that reading, never add one below the low end."""
    vetoed = set(_figures(text, method))
    assert not any(v < low for _, v, _ in vetoed)
    model = replace(learned.load_model(), keep_threshold=0.0)
    found = {
        (c.indicator, c.value, str(c.qualifier))
        for c in learned.extract(text, method=method, model=model)
    }
    values = {(v, q) for _, v, q in found}
    assert (low, "at_least") in values
    assert (high, "at_most") in values
    assert not any(v < low for v, _ in values)
    assert vetoed <= found  # the veto drops, it does not read anew


@pytest.mark.parametrize(("text", "low", "high"), RANGES)
def test_the_learned_spans_read_the_shared_scale(text: str, low: float, high: float) -> None:
    """The learned method reads both ends' spans with the shared scale (``number_spans``,
    through ``core.shared_scale``); whether it names the low end is the model's choice (the
    retrain with heldout21's halves, add threshold 0.8, leaves '2 to 3 million yuan''s low
    end at 0.695; the retrain with heldout25's halves, add threshold 0.95, names neither end
    of it), so only the reading is held here, and no figure below the low end."""
    from transplant_audit.extract.core import extract_candidates
    from transplant_audit.extract.numbers import normalize

    spans = learned.number_spans(text, normalize(text), extract_candidates(text))
    assert [sp.raw for sp in spans] == [low, high]
    values = {(v, q) for _, v, q in _figures(text, "learned")}
    assert values <= {(low, "at_least"), (high, "at_most")}  # the ends as read, or nothing


@pytest.mark.parametrize(
    ("text", "low"),
    [
        ("A liver transplant costs 2 million to 3 million yuan.", 2e6),  # its own scale word
        ("A liver transplant costs 200,000 to 3 million yuan.", 2e5),  # already large
    ],
)
def test_a_low_end_with_its_own_size_is_left_alone(text: str, low: float) -> None:
    values = sorted(v for _, v, _ in _figures(text, "rules"))
    assert values and values[0] == low


@pytest.mark.parametrize("method", ["rules", "learned", "combined"])
def test_a_low_end_too_long_to_read_is_left_alone(method: str) -> None:
    """A digit run too long to parse before a range word and a scale word: the scale is not
    shared and nothing crashes (scale26 first read the low end unguarded, and every method
    raised ValueError; review of 2026-12-06)."""
    learned.extract("It cost RMB " + "9" * 400 + "-3 million.", method=method)


@pytest.mark.parametrize("method", ["rules", "learned"])
def test_a_chinese_multiplier_never_lifts_the_low_end_over_the_high(method: str) -> None:
    """15-10万元: sharing 万 would read the low end as 150,000, over the high end's 100,000.
    The guard lives in ``core.shared_scale`` for every multiplier, so the rules and the
    learned method's spans read it alike (until the re-read, only the spans were guarded and
    the rules gave 150,000 at_least); 6-8万 still shares it."""
    got = {c.value for c in learned.extract("肝移植手术费用约为人民币15-10万元。", method=method)}
    assert 150000.0 not in got and 100000.0 in got
    text = "肝移植费用约为6-8万元。"
    shared = {c.value for c in learned.extract(text, method=method)}
    if method == "rules":
        assert {60000.0, 80000.0} <= shared
    else:  # whether learned names the low end is the model's choice (the retrain with
        # heldout23's halves, add 0.9, leaves it out): its spans' reading is held instead
        from transplant_audit.extract.core import extract_candidates
        from transplant_audit.extract.numbers import normalize

        spans = learned.number_spans(text, normalize(text), extract_candidates(text))
        assert [sp.raw for sp in spans] == [60000.0, 80000.0]
        assert 80000.0 in shared and not any(v < 60000.0 for v in shared)
