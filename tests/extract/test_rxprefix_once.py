"""``rxprefix.speed_up`` wraps each pattern once, and the wrapping changes no reading.

A ``*_RE`` pattern one module imports from another that already sped it up (classify's
``_EN_ORGAN_RE`` from years) must not be wrapped a second time: ``_SPED_UP`` guards that
(speed only, so no output test can see it broken; these tests do). And the extractor with
every sped-up pattern put back as written gives the same candidates as the fast one, on
SYNTHETIC figure-like texts drawn by hypothesis."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from transplant_audit.extract import rxprefix
from transplant_audit.extract.core import extract_candidates

from .conftest import extractor_modules
from .test_fuzz import PIECES

MODULES = extractor_modules()


def _one_of(*words: str) -> st.SearchStrategy[str]:
    return st.sampled_from(words)


# SYNTHETIC sentences from a small grammar of the figures the extractor reads, so that most
# draws hold a figure (random pieces alone rarely make one)
EN_SENTENCE = st.tuples(
    _one_of("The hospital", "Dongjiang First People's Hospital", "Its centre", "The team"),
    _one_of("performed", "has", "had", "carried out", "charges", "reported", "waited"),
    _one_of("", "about ", "more than ", "nearly ", "up to ", "some "),
    _one_of(
        "two",
        "three",
        "ten",
        "twelve",
        "two hundred",
        "a thousand",
        "1,200",
        "300",
        "RMB 150,000",
        "US$60,000",
        "three to four",
        "2-4",
        "thirty",
    ),
    _one_of("", "liver ", "kidney ", "heart ", "transplant "),
    _one_of("transplants", "beds", "surgeons", "weeks", "days", "months", "yuan", "operations"),
    _one_of(
        "",
        " in 2015",
        " a year",
        " since 1998",
        " per day",
        " in total",
        " so far",
        " by the end of 2014",
        " annually",
        " for a liver",
    ),
).map(lambda p: f"{p[0]} {p[1]} {p[2]}{p[3]} {p[4]}{p[5]}{p[6]}.")
EN_FIRST = st.tuples(
    _one_of("The first", "Its first", "The first successful"),
    _one_of("liver", "kidney", "heart", "lung"),
    _one_of("1978", "1998", "2004", "2016"),
).map(lambda p: f"{p[0]} {p[1]} transplant was performed in {p[2]}.")
ZH_SENTENCE = st.tuples(
    _one_of("东江市第一人民医院", "该院", "该中心", "東江市第一人民醫院"),
    _one_of("", "2015年", "截至2016年底", "去年", "每年"),
    _one_of("累计完成", "共完成", "完成", "开展", "现有", "等待", "费用约"),
    _one_of("", "肝", "肾", "心脏", "腎"),
    _one_of("移植", "移植病床", "手术"),
    _one_of("1300", "五百", "两千", "86", "3", "30万", "1.5万", "三、四十", "二十一"),
    _one_of("余例", "例", "张", "名", "天", "周", "个月", "元", "万元", "多例", "例次"),
).map(lambda p: "".join(p) + "。")
ZH_FIRST = st.tuples(
    _one_of("该院", "东江市第一人民医院"),
    _one_of("1998年", "2001年", "1998年、2001年先后"),
    _one_of("开展了首例肝移植", "完成首例肾移植", "成立器官移植中心"),
).map(lambda p: "".join(p) + "。")
figure_text = st.lists(
    st.one_of(EN_SENTENCE, EN_FIRST, ZH_SENTENCE, ZH_FIRST, st.sampled_from(PIECES)),
    min_size=1,
    max_size=6,
).map(" ".join)
"""SYNTHETIC: sentences of figures in English and Chinese, with pieces between."""


def _slow_forms() -> dict[re.Pattern[str], re.Pattern[str]]:
    """Each sped-up pattern of every module → the pattern as written."""
    out: dict[re.Pattern[str], re.Pattern[str]] = {}
    for mod in MODULES.values():
        for name, slow in getattr(mod, "SLOW_FORMS", {}).items():
            out[getattr(mod, name)] = slow
    return out


def test_no_module_records_a_sped_up_pattern_as_written() -> None:
    """What each module keeps as 'the pattern as written' was not already made fast
    elsewhere: with the guard gone, classify and core wrap imported patterns twice."""
    twice = sorted(
        f"{name}.{attr}"
        for name, mod in MODULES.items()
        for attr, slow in getattr(mod, "SLOW_FORMS", {}).items()
        if slow in rxprefix._SPED_UP
    )
    assert twice == []


def test_an_imported_sped_up_pattern_is_the_same_object() -> None:
    """classify imports years' _EN_ORGAN_RE: it is years' fast pattern itself, once wrapped."""
    years, classify = MODULES["years"], MODULES["classify"]
    assert classify._EN_ORGAN_RE is years._EN_ORGAN_RE
    assert "_EN_ORGAN_RE" in years.SLOW_FORMS and "_EN_ORGAN_RE" not in classify.SLOW_FORMS
    written = years.SLOW_FORMS["_EN_ORGAN_RE"].pattern
    assert classify._EN_ORGAN_RE.pattern.endswith(f"])(?:{written})")
    assert classify._EN_ORGAN_RE.pattern.count("(?=[") == written.count("(?=[") + 1


def test_speed_up_leaves_a_fast_pattern_alone() -> None:
    """A namespace holding a pattern speed_up already made (as an importing module's
    globals do): left as it is, and not reported as replaced."""
    first: dict[str, object] = {"YEAR_RE": re.compile(r"(?<![a-z])\d{4}年")}
    written = first["YEAR_RE"]
    assert rxprefix.speed_up(first) == {"YEAR_RE": written}
    fast = first["YEAR_RE"]
    assert fast is not written and fast in rxprefix._SPED_UP
    importer: dict[str, object] = {"YEAR_RE": fast}
    assert rxprefix.speed_up(importer) == {}
    assert importer["YEAR_RE"] is fast


def _restore_written_forms(monkeypatch: pytest.MonkeyPatch) -> int:
    """Put every module's sped-up ``*_RE`` back as written; return how many were put back."""
    slow = _slow_forms()
    restored = 0
    for mod in MODULES.values():
        for attr, value in list(vars(mod).items()):
            if attr.endswith("_RE") and value in slow:
                monkeypatch.setattr(mod, attr, slow[value])
                restored += 1
    return restored


def _candidates(text: str) -> list[dict]:
    return [c.to_dict() for c in extract_candidates(text)]


def _both_ways(text: str) -> tuple[list[dict], list[dict]]:
    fast = _candidates(text)
    with pytest.MonkeyPatch.context() as mp:
        assert _restore_written_forms(mp) >= len(rxprefix._SPED_UP)
        slow = _candidates(text)
    return fast, slow


@settings(max_examples=120, deadline=None, suppress_health_check=list(HealthCheck))
@given(figure_text)
def test_fast_and_written_patterns_give_the_same_candidates(text: str) -> None:
    fast, slow = _both_ways(text)
    assert fast == slow


def test_the_written_forms_are_really_used() -> None:
    """The comparison above compares two different things: with the written forms put back,
    the extractor's globals hold patterns without the look-ahead, and still find figures."""
    text = "东江市第一人民医院累计完成肝移植1200余例，现有移植病床86张。It has 300 beds."
    with pytest.MonkeyPatch.context() as mp:
        _restore_written_forms(mp)
        assert MODULES["patterns"].NUMBER_RE not in rxprefix._SPED_UP
        slow = _candidates(text)
    assert MODULES["patterns"].NUMBER_RE in rxprefix._SPED_UP
    assert len(slow) >= 3 and slow == _candidates(text)
