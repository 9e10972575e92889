"""Extraction work grows linearly with the text, even in a run-on text with no sentence end
(a list '肾移植1万200多例、...' many KB long): no number's context reaches further than
``context.UNIT_REACH`` characters, so the cue searches read a bounded amount per number.
Counted, not timed: the characters handed to the cue searches of the classification and the
period reading (``_has``, ``last_pos``: the hot functions) per number stay flat when the
text doubles (~1.1x); reading each number's whole sentence doubles them (2.0x, measured with
the reach unbounded). Texts: SYNTHETIC run-on lists made here."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from transplant_audit.extract import classify, core, period
from transplant_audit.extract.context import UNIT_REACH, _Bounds

RUN_ON = {
    "zh": "肾移植1万200多例、",  # a Chinese list with no full stop
    "en": "120 kidney transplants, 80 liver transplants, ",  # an English comma list
    "bare": "肾移植320例肝移植150例",  # numbers with no punctuation at all
}


def _chars_read_per_number(text: str, monkeypatch: pytest.MonkeyPatch) -> float:
    """Characters the cue searches of ``classify`` and ``period`` read, per number token."""
    read = [0]
    has, last_pos = classify._has, period.last_pos

    def counting_has(rx: re.Pattern[str], *texts: str) -> bool:
        read[0] += sum(len(t) for t in texts)
        return has(rx, *texts)

    def counting_last_pos(rx: re.Pattern[str], text: str) -> int:
        read[0] += len(text)
        return last_pos(rx, text)

    with monkeypatch.context() as m:
        m.setattr(classify, "_has", counting_has)
        m.setattr(classify, "_last_pos", counting_last_pos)
        m.setattr(period, "last_pos", counting_last_pos)
        found = core.extract_candidates(text)
    assert found, "the run-on text must yield figures, or nothing was measured"
    return read[0] / len(core.pat.NUMBER_RE.findall(text))


@pytest.mark.parametrize("shape", sorted(RUN_ON))
def test_work_per_number_is_flat_when_a_run_on_text_doubles(
    shape: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    unit = RUN_ON[shape]
    reps = 3 * UNIT_REACH // len(unit)  # a text three reaches long, then six
    small = _chars_read_per_number(unit * reps, monkeypatch)
    large = _chars_read_per_number(unit * 2 * reps, monkeypatch)
    # bounded reach: ~1.1x (more numbers far from both ends); whole sentences: ~2x
    assert large < 1.3 * small


def test_unit_reach_cuts_a_sentence_with_no_end() -> None:
    norm = "1例," * 3000  # no sentence end at all
    bounds = _Bounds(norm, core.pat.SENTENCE_END_RE)
    assert bounds.around(4000, 4002) == (4000 - UNIT_REACH, 4002 + UNIT_REACH)
    assert bounds.around(10, 12) == (0, 12 + UNIT_REACH)


def test_unit_reach_leaves_a_shorter_sentence_whole() -> None:
    norm = "a。" + "x" * 300 + "。b"
    bounds = _Bounds(norm, core.pat.SENTENCE_END_RE)
    assert bounds.around(100, 102) == (2, 302)


class _CountingSearch:
    """A stand-in for a compiled pattern that counts the characters its ``search`` reads."""

    def __init__(self, rx: re.Pattern[str]) -> None:
        self.rx, self.work = rx, 0

    def search(self, text: str, *args: int) -> re.Match[str] | None:
        self.work += len(text)
        return self.rx.search(text, *args)


def test_a_page_of_spoken_tallies_reads_its_topic_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """去年做了二百多 needs a transplant named somewhere in the text: that search reads the
    whole text (here it comes last), so it must run once per text, not once per tally
    (quadratic: 128 KB of tallies took 12 s)."""
    from transplant_audit.extract import counters

    text = "去年做了二百多," * 400 + "说的是肝移植。"
    counting = _CountingSearch(core.pat.ZH_SPOKEN_TALLY_TOPIC_RE)
    monkeypatch.setattr(core.pat, "ZH_SPOKEN_TALLY_TOPIC_RE", counting)
    counters._names_a_transplant.cache_clear()
    found = core.extract_candidates(text)
    assert sum(c.indicator == "transplants_in_period" for c in found) > 100  # tallies read
    assert counting.work <= len(text)


def _long_sentence(filler_chars: int) -> str:
    """A SYNTHETIC Chinese sentence: its year opens it, its figure closes it, ``filler_chars``
    of a real-looking clause list between, no full stop."""
    clause = "依托中国人体器官分配与共享计算机系统按照病情紧急程度、等待时间和组织配型进行分配，"
    filler = (clause * (filler_chars // len(clause) + 1))[:filler_chars]
    return "2018年，全国公民逝世后器官捐献" + filler + "共完成肾移植手术10000余例。"


def test_a_year_within_the_reach_is_read() -> None:
    (c,) = core.extract_candidates(_long_sentence(UNIT_REACH - 100))
    assert (c.indicator, c.value, c.period) == ("transplants_in_period", 10000, "2018")


def test_a_year_beyond_the_reach_is_lost() -> None:
    """The reach's cost, documented in context.UNIT_REACH: a cue more than UNIT_REACH
    characters before its figure in one unbroken sentence is not read."""
    (c,) = core.extract_candidates(_long_sentence(UNIT_REACH + 100))
    assert (c.value, c.period) == (10000, "")  # the name then falls to the rules' default
    # (transplants_cumulative at 8152217); only the lost year is the reach's doing


class _CountingFinditer:
    """A stand-in for a compiled pattern that counts the characters its ``finditer`` reads."""

    def __init__(self, rx: re.Pattern[str]) -> None:
        self.rx, self.work = rx, 0

    def finditer(self, text: str, *args: int) -> Iterator[re.Match[str]]:
        self.work += len(text)
        return self.rx.finditer(text, *args)


def test_an_unclosed_breakdown_is_read_within_the_reach(monkeypatch: pytest.MonkeyPatch) -> None:
    """A count of transplants, then an opening parenthesis never closed and a run-on list of
    bare numbers (SYNTHETIC): each number looks back for the breakdown it may belong to
    (counters._breakdown_part) within UNIT_REACH, not to the parenthesis however far back
    (quadratic: 50 KB took 12 s, 0.16 s bounded)."""
    from transplant_audit.extract import counters

    head, unit = "There were 12 transplants (", "x 7; "
    growth = _growth_when_a_line_doubles(
        counters, "_PART_SEPARATOR_RE", _CountingFinditer, head, unit, monkeypatch
    )
    assert growth < 1.3


class _PositionsTried:
    """A stand-in for an anchored pattern that counts the start positions its calls may try:
    a ``search`` every position of the span it searches, a ``match`` one."""

    def __init__(self, rx: re.Pattern[str]) -> None:
        self.rx, self.work = rx, 0

    def search(self, text: str, *args: int) -> re.Match[str] | None:
        pos = args[0] if args else 0
        endpos = min(args[1], len(text)) if len(args) > 1 else len(text)
        self.work += max(0, endpos - pos)  # the span searched, as ``search(text, pos, endpos)``
        return self.rx.search(text, *args)

    def match(self, text: str, *args: int) -> re.Match[str] | None:
        self.work += 1
        return self.rx.match(text, *args)


_Counter = _CountingFinditer | _PositionsTried  # a stand-in pattern that counts its ``work``


def _work_per_number(
    owner: object, name: str, counting: _Counter, text: str, mp: pytest.MonkeyPatch
) -> float:
    """The work ``counting``, standing in for ``owner.name``, counts while the English text
    is extracted, per number token."""
    with mp.context() as m:
        m.setattr(owner, name, counting)
        core.extract_candidates(text, language="en")
    assert counting.work, f"{name} was never used: nothing was measured"
    return counting.work / len(core.pat.NUMBER_RE.findall(text))


def _growth_when_a_line_doubles(
    owner: object, name: str, counter: type[_Counter], head: str, unit: str, mp: pytest.MonkeyPatch
) -> float:
    """How much the work per number on ``owner.name`` grows when a line of ``unit`` after
    ``head``, three reaches long, doubles: ~1 when each number's work is bounded, ~2 when
    it reads back along the line."""
    reps = 3 * UNIT_REACH // len(unit)
    small, large = (
        _work_per_number(owner, name, counter(getattr(owner, name)), head + unit * n * reps, mp)
        for n in (1, 2)
    )
    return large / small


def test_a_long_line_of_dashed_values_reads_each_label_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """One long line of 'label = value – ' (SYNTHETIC), under a heading: each value is a
    possible list item, whose label is matched at the line's start, not searched along the
    line (counters._item_label_counter; quadratic: 50 KB took 1.39 s, 0.09 s matched)."""
    head, unit = "Total transplants:\n", "kidney = 5 – "
    growth = _growth_when_a_line_doubles(
        core.pat, "EN_ITEM_LABEL_BEFORE_RE", _PositionsTried, head, unit, monkeypatch
    )
    assert growth < 1.3


def test_a_long_line_of_labelled_values_looks_back_within_the_reach(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """One long line of 'x 5; ' after a label (SYNTHETIC): each value looks for its label
    within UNIT_REACH before it, not along the whole line (counters._label_counter;
    quadratic: 50 KB took 9.9 s at aed41d1, 0.55 s bounded)."""
    head, unit = "Total transplants: ", "x 5; "
    growth = _growth_when_a_line_doubles(
        core.pat, "EN_LABEL_BEFORE_RE", _PositionsTried, head, unit, monkeypatch
    )
    assert growth < 1.3


def test_a_label_after_a_bar_is_still_read_on_a_long_line() -> None:
    """The bound keeps what a long line's value needs: its label after a '|' within the
    reach (SYNTHETIC)."""
    text = "filler words " * 100 + "| Liver transplants: 300 |"
    assert [c.value for c in core.extract_candidates(text, language="en")] == [300.0]
