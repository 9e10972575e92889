"""One reading of a figure's qualifier and span (``core.read_figure``): the rules' pipeline
reads every figure's through it (told what its steps read), and the learned method reads a
span the rules left through it alone (``learned._new_candidate``). Read alone, a number the
rules read must give the rules' own (qualifier, start, end). Synthetic sentences written for
this test, shaped like the real snippets' (no evidence)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from transplant_audit.extract import core, learned
from transplant_audit.extract import patterns as pat
from transplant_audit.extract.numbers import normalize
from transplant_audit.extract.ranges import joins_range

SAME = [
    # (sentence, the rules' readings (qualifier, stated) the reading alone must give)
    ("该院肝移植的平均等待时间不到两周。", [("at_most", "不到两周")]),
    ("該院肝移植的平均等待時間不到兩週。", [("at_most", "不到兩週")]),
    (
        "The average waiting time for a liver was less than two weeks.",
        [("at_most", "less than two weeks")],
    ),
    ("该院至今已完成肾移植500例以上。", [("at_least", "500例以上")]),
    ("該院至今已完成腎移植500例以上。", [("at_least", "500例以上")]),
    (
        "The hospital has performed more than 200 kidney transplants since 2010.",
        [("at_least", "more than 200 kidney transplants")],
    ),
    ("肝移植的费用约3万元。", [("approx", "约3万元")]),
    ("肝移植的費用約3萬元。", [("approx", "約3萬元")]),
    (
        "Patients usually wait 2 to 4 weeks for a donor liver.",
        [("at_least", "2 to "), ("at_most", "4 weeks")],
    ),
    ("患者等待肝源的时间一般为一到两周。", [("at_least", "一到"), ("at_most", "两周")]),
    ("病人等待肝源的時間一般為一到兩週。", [("at_least", "一到"), ("at_most", "兩週")]),
    # two figures joined by a range word (ranges._mark_ranges)
    ("肾移植费用为30万元至50万元。", [("at_least", "30万元"), ("at_most", "50万元")]),
    (
        "The unit grew from its original 29 beds to 70 beds.",
        [("at_least", "29 beds"), ("at_most", "70 beds")],
    ),
    (
        "A kidney costs between $50,000 and $100,000 in the clinic.",
        [("at_least", "$50,000"), ("at_most", "$100,000")],
    ),
    # the currency before the low end serves both (core._range_counter)
    (
        "Foreign patients paid US$20,000-30,000 for a kidney transplant.",
        [("at_least", "US$20,000"), ("at_most", "30,000")],
    ),
    # the currency written before the high end alone (ranges._mark_ranges joins them by
    # their indicator; read alone, a bare low end and a price)
    (
        "A kidney costs 20,000 to US$30,000 abroad.",
        [("at_least", "20,000"), ("at_most", "US$30,000")],
    ),
    ("肾移植费用为20万至人民币30万元。", [("at_least", "20万"), ("at_most", "人民币30万元")]),
    ("腎移植費用為20萬至人民幣30萬元。", [("at_least", "20萬"), ("at_most", "人民幣30萬元")]),
    # a digit ending a longer number before 、 is no comma range's low end (十三、四十例: the
    # rules read two figures; 三、四十 only from a lone digit)
    ("该院去年完成肝移植十三、四十例。", [("exact", "十三"), ("exact", "四十例")]),
    ("該院去年完成肝移植二十三、四十例。", [("exact", "二十三"), ("exact", "四十例")]),
    # an ordinal reads its counter after the suffix
    (
        "The hospital performed its 1,000th liver transplant in July.",
        [("exact", "1,000th liver transplant")],
    ),
    # or the counter it implies (core._ordinal_implied, the rules' and the reading alone's)
    (
        "The 315th donor at the hospital gave both kidneys in 2019.",
        [("exact", "315th donor")],
    ),
]


def _alone(text: str) -> list[tuple[str, str, tuple[int, int], tuple[int, int]]]:
    """(qualifier, stated) read alone at each number holding a rules candidate, with the
    rules' span and the one read alone."""
    norm = normalize(text)
    out = []
    for sp in learned.number_spans(text, norm, core.extract_candidates(text)):
        if sp.kind == "rule" or not sp.rules:
            continue
        m = pat.NUMBER_RE.match(norm, sp.start)
        assert m is not None
        q, s, e = core.read_figure(norm, m)
        rule = sp.rules[0]
        out.append((str(q), text[s:e], (rule.start, rule.end), (s, e)))
    return out


@pytest.mark.parametrize(("text", "expected"), SAME)
def test_a_figure_read_alone_reads_as_the_rules(text: str, expected: list) -> None:
    rules = core.extract_candidates(text)
    assert [(c.qualifier, c.stated) for c in rules] == expected  # the rules read them so
    got = _alone(text)
    assert [(q, stated) for q, stated, _, _ in got] == expected
    assert all(rule_span == span for _, _, rule_span, span in got)


@pytest.mark.parametrize(("text", "expected"), SAME)
def test_an_added_span_reads_as_the_rules(text: str, expected: list) -> None:
    """The learned method's added span (the rules' candidates stripped) reads the same."""
    norm = normalize(text)
    for sp in learned.number_spans(text, norm, core.extract_candidates(text)):
        if sp.kind == "rule" or not sp.rules:
            continue
        rule = sp.rules[0]
        bare = replace(sp, rules=())
        value = learned.value_as(bare, rule.indicator)
        assert value is not None
        c = learned._new_candidate(text, norm, "", bare, rule.indicator, value)
        assert (c.qualifier, c.start, c.end) == (rule.qualifier, rule.start, rule.end)


def test_the_high_end_of_a_comma_range_reads_from_its_low_digit() -> None:
    """三、四十例: the rules read the figure at 四十, its span from 三, at_most."""
    text = "该院今年完成肝移植三、四十例。"
    norm = normalize(text)
    high = pat.NUMBER_RE.search(norm, text.index("四十"))
    assert high is not None and high.group(0) == "四十"
    q, s, e = core.read_figure(norm, high)
    rule = core.extract_candidates(text)[0]
    assert (str(q), s, e) == (rule.qualifier, rule.start, rule.end) == ("at_most", 9, 14)


@pytest.mark.parametrize(
    ("text", "number", "expected"),
    [
        # a year dates the figure before: no range's high end (the rules: over 5,500)
        ("The number rose from 30 in 2010 to over 5,500 this year.", "5,500", "at_least"),
        ("Donations fell from 5,233 to 5,033 last year.", "5,233", "exact"),  # a change
        ("Donations fell from 5,233 to 5,033 last year.", "5,033", "exact"),
        # two prices in two currencies, no range
        ("He paid $40,000 for a kidney and 300,000 yuan for a liver.", "40,000", "exact"),
        # a bare year before a range word and a price: a date, no range's low end
        ("In 2015 to US$30,000 rose the price of a kidney.", "2015", "exact"),
        # nor a bare year before a range word and a bare number: a date, no low end
        ("It rose from 100 in 2015 to 500 in 2019.", "2015", "exact"),
    ],
)
def test_no_range_end_where_there_is_none(text: str, number: str, expected: str) -> None:
    norm = normalize(text)
    m = pat.NUMBER_RE.search(norm, norm.index(number))
    assert m is not None and m.group(0) == number
    assert str(core.read_figure(norm, m)[0]) == expected


def test_the_rules_read_every_figure_through_read_figure(monkeypatch: pytest.MonkeyPatch) -> None:
    """The pipeline's qualifier step calls ``read_figure`` (one reading, not a copy)."""
    text = "该院至今已完成肾移植500例以上。"
    calls: list[str] = []
    real = core.read_figure

    def spy(norm: str, m, told=None):  # type: ignore[no-untyped-def]
        calls.append(m.group(0))
        return real(norm, m, told)

    monkeypatch.setattr(core, "read_figure", spy)
    assert [c.stated for c in core.extract_candidates(text)] == ["500例以上"]
    assert calls == ["500"]


def test_ranges_join_two_figures_by_the_same_test() -> None:
    norm = normalize("肾移植费用为30万元至50万元。")
    assert joins_range(norm, 6, 10, 11)
    norm = normalize("Donations fell from 5,233 to 5,033 last year.")
    s1, s2 = norm.index("5,233"), norm.index("5,033")
    assert not joins_range(norm, s1, s1 + 5, s2)


def test_an_added_spans_organ_is_read_from_the_pages_normalised_text() -> None:
    """``_new_candidate`` reads the organ from ``norm`` around the span (a slice of the
    page's normalised text), not from the raw text normalised again."""
    text = "該院完成腎移植500例以上。"
    norm = normalize(text)
    sp = next(sp for sp in learned.number_spans(text, norm, []) if sp.raw == 500)
    c = learned._new_candidate(text, norm, "zh-Hant", sp, "transplants_cumulative", 500.0)
    assert c.organ == "kidney"
    # the same span with another page reading (肾 read as 肝): the organ follows ``norm``
    other = norm.replace("肾", "肝")
    assert other != norm
    c = learned._new_candidate(text, other, "zh-Hant", sp, "transplants_cumulative", 500.0)
    assert c.organ == "liver"
