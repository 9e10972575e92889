"""A count for a period or a running total: the one decision, pure (text in, answer out).

``decide(view)`` reads the clause holding a count of transplants (or of donors, organs,
recipients), the whole sentence around it and the sentence before it, and answers
``in_period`` (a count of a named period, a span of years or a per-year rate: GUIDE.md
"Counts of transplants") or ``cumulative`` (a running total: 累计, 迄今, to date, a span
from the programme's first operation), with the reason, so a reviewer and a test can see
which cue decided. The cue classes are patterns in ``patterns.py`` (shared with the rest
of the extractor) and the few below that only this decision reads.

Order of the cues, first that applies wins (each step names its reason):

1. a mark passed, dated in parentheses (突破1000例(1993年)、2000例(1998年)), or a centre
   first to pass a mark (首家突破6000例) → cumulative;
2. a clause joining two statements with both kinds of cue ('400 a year and over 9,000 so
   far'): the steps below on the part holding the figure;
3. a span of years or dates in the clause → in period, unless it starts in the year of the
   programme's first operation (GUIDE.md, "From the start") → cumulative; the same for a
   span earlier in the sentence when only aspect words (已完成, has performed) follow;
4. a total before a year (1980年以前) → cumulative; a named period with only aspect words
   after it (今年上半年已进行...) → in period; a recent window (in the past three years) →
   in period;
5. a running-total word or an as-of date in the clause → cumulative, unless it is bound to
   a named period (今年以来, so far this year) → in period, or is only aspect ('have
   performed') inside a year the sentence opened with or the sentence before named for its
   counts → in period;
6. a per-year word or a year in the clause, or a named week or month → in period;
7. a weak total word (共完成, a total of) → cumulative (also after 目前, from a programme's
   start, before a year), or the period the sentence opened with or, failing that, the
   period of the counts in the sentence before (step 9b);
8. the sentence before the figure, read the same way (the last cue wins);
9. what follows the figure, a question answered, then the sentence before the figure's
   sentence when it states counts of a named period (or ends with ';');
10. an English count told in the simple past ('there were 3,017') → in period;
11. an English count with no perfect ('has performed', 'have been done') nor mark passed in
    its sentence or the one before, which is no running total either → in period: English
    tells a running total in the perfect (_en_no_perfect);
12. default: cumulative, the usual reading of a bare count on a hospital page.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from transplant_audit.extract import patterns as pat
from transplant_audit.extract.numbers import EN_ONES, EN_TENS
from transplant_audit.extract.rxprefix import speed_up
from transplant_audit.extract.text import last_pos

IN_PERIOD = "in_period"
CUMULATIVE = "cumulative"

EN_YEAR_RE = re.compile(
    rf"(?:^|\b(?:in|during|for|of|since|by|from|to|and|through|until|year|end of|fy)\s)"
    rf"(?:the\s)?(?:year\s)?({pat.YEAR})(?!\d)(?!,\d)(?!\s?年)"
)
"""An English year; a Chinese one (2012年…) is ZH_YEAR_RE's, which knows full dates."""
NEXT_NUMBER_RE = re.compile(r"\d")
_ZH_FEW = "一二两三四五六七八九十几数"
SHORT_SPAN_RE = re.compile(
    # months without a year (今年3月至9月, 1-6月, 1月份到5月), weeks (一个礼拜, 那个星期),
    # a recent window of months or weeks (过去一个月, 近两周)
    r"(?<!\d)\d{1,2}\s?月份?\s?(?:至|到|-|~|—|－)\s?\d{1,2}\s?月"
    rf"|(?:[{_ZH_FEW}这那上本同当]|\d{{1,2}})\s?个?\s?(?:礼拜|星期)(?!一(?!共)|二|三|四|五|六|日|天)"
    rf"|(?:过去|近|最近|这)\s?(?:[{_ZH_FEW}]|\d{{1,2}})\s?(?:个月|周|个星期|个礼拜)"
    rf"|(?<![每后\d])[{_ZH_FEW}]个月(?!后|前|以后|之后|以前|之前)"
    # English: months without a year, half a year, the same period
    rf"|(?:from|between)\s(?:early\s|late\s|mid-?)?{pat._MONTHS}\s(?:to|and|through|until|till)\s"
    rf"(?:early\s|late\s|mid-?)?{pat._MONTHS}(?:,?\s{pat.YEAR}(?!\d)|(?!\s?\d))"
    r"|(?:first|second|latter|last) half of (?:the|this|last|that) year"
    r"|(?:in|over|during|for|within)\s(?:the|that|this)\s(?:same\s|study\s)?(?:period|time span)"
    r"(?![a-z])"
)
"""A named stretch shorter than a year that no year pattern reads: months without a year,
a week, the past few months, 'over the same period'. A count in it is that period's."""
ZH_PER_WEEK_RE = re.compile(r"每\s?个?\s?(?:礼拜|星期|周|月)(?!后|以后|之后)")
"""每个星期, 每周, 每月: a per-week or per-month rate, like 每年 a period's count (GUIDE.md,
"Counts of transplants"); read in the count's own clause only (一周 before a later clause
with 已经 scopes nothing)."""
_FEW_DAYS = r"(?:\d{1,2}|[两二三四五六七八九十几数])"
DAYS_SPAN_RE = re.compile(
    # 连续奋战2天2夜, 三天三夜, 连续5天, 3天内, 两天里, 48小时内 (one day is the most in a day)
    rf"(?<![\d一二三四五六七八九十术后每])({_FEW_DAYS})\s?(?:天|日)\s?{_FEW_DAYS}\s?夜"
    rf"|(?:连续|一连)\s?{_FEW_DAYS}\s?(?:天|日|个?昼夜|夜)"
    rf"|(?<![\d一二三四五六七八九十术后每])({_FEW_DAYS})\s?(?:天|个?昼夜|小时)\s?(?:之内|内|里|时间里)"
    # 'in three days', 'over two consecutive days', 'within 48 hours', 'in the past five days'
    r"|(?<![a-z])(?:in|over|within|during)\s(?:the\s(?:past|last|first|next)\s)?"
    r"(?:two|three|four|five|six|seven|eight|nine|ten|a few|several|\d{1,2})\s"
    r"(?:consecutive\s|straight\s)?(?:days|nights|hours)(?![a-z])"
)
"""A stretch of a few days or hours (more than one: the most in one day is
``transplants_per_day_max``): the transplants done in it are that stretch's count, an event,
not a running total. 'three days after', 术后3天 and 每3天 name no such stretch."""
_DAYS_GATE = ("天", "夜", "连", "小时", "days", "nights", "hours")


ZH_YEARS_BACK_RE = re.compile(
    r"(?<![\d一二两三四五六七八九十百千零〇○多几])(?:\d{1,2}|[一二两三四五六七八九十]{1,3})\s?年来"
)
"""十二年来, 4年来: the last N years, named by their number (近N年 is ANNUAL_CUE_RE's; 多年来
names no span; 2003年来 is no count of years)."""
_FOUNDED_RE = re.compile(rf"{pat.FOUNDED_CUE_RE.pattern}|创办|建院|开院")


def _years_back(v: PeriodView) -> bool:
    """Is the count one of the last N years (十二年来腎臟移植不超過十例, 4年来已有5个病患换肾),
    written before the figure, with no running-total word (累计, 至今), no mark passed (突破)
    and no programme start or founding in the sentence or the one before (then the N years
    are the programme's life, a running total: GUIDE.md, "Running totals over a programme's
    whole life", "From the start")?"""
    left = v.sentence_left
    if "年来" not in left or not ZH_YEARS_BACK_RE.search(left):
        return False
    if not only_aspect(v.sentence) or "突破" in v.sentence:
        return False
    for text in (v.sentence, v.previous):
        if text and (pat.PROGRAMME_START_RE.search(text) or _FOUNDED_RE.search(text)):
            return False
    return True


def _days_span(text: str) -> bool:
    """DAYS_SPAN_RE behind a cheap gate (each of its matches holds one of _DAYS_GATE)."""
    if not text or not any(w in text for w in _DAYS_GATE):
        return False
    return bool(DAYS_SPAN_RE.search(text))


class PeriodView(NamedTuple):
    """What the decision reads about one count (normalized text, figure left out of
    ``clause``)."""

    clause: str
    left_clause: str
    sentence: str
    sentence_left: str
    sentence_right: str = ""
    mods: str = ""
    tail: str = ""
    question: str = ""
    previous: str = ""  # the sentence before the figure's sentence ("" at a start)
    previous_joined: bool = False  # that sentence ended with ';': one sentence, two parts
    first_to_pass: bool = False  # 首家突破6000例: the centre's own milestone


class PeriodDecision(NamedTuple):
    """``kind`` is ``in_period`` or ``cumulative``; ``reason`` names the cue that decided."""

    kind: str
    reason: str


def may_hold_year(text: str) -> bool:
    """Can ``pat.YEAR`` (1950-2049) match in ``text``? Each of its matches begins with 19 or
    20, so a text with neither holds none: a cheap test before the year patterns."""
    return "20" in text or "19" in text


_CACHE = 4096
"""Texts remembered by the year readers: one figure's decision asks about the same clause
and sentence several times, and the figures of one sentence share it."""


@lru_cache(maxsize=_CACHE)
def years(text: str) -> tuple[str, ...]:
    """Calendar years named in ``text`` (2015年; in 2015), in order."""
    if not may_hold_year(text):
        return ()
    found = [(m.start(), m.group(1)) for m in pat.ZH_YEAR_RE.finditer(text)]
    found += [(m.start(1), m.group(1)) for m in EN_YEAR_RE.finditer(text)]
    return tuple(y for _, y in sorted(found))


_SPAN_PATTERNS = (
    pat.ZH_YEAR_RANGE_RE,
    pat.EN_YEAR_RANGE_RE,
    pat.ZH_DATE_SPAN_RE,
    pat.EN_DATE_SPAN_RE,
)


def _span_intervals(text: str) -> list[tuple[int, int]]:
    """Where the spans of years or dates in ``text`` start and end."""
    if text.count("19") + text.count("20") < 2:
        return []
    return [m.span() for rx in _SPAN_PATTERNS for m in rx.finditer(text)]


def _span(text: str) -> re.Match[str] | None:
    if text.count("19") + text.count("20") < 2:  # a span names two years (cheap gate)
        return None
    for rx in _SPAN_PATTERNS:
        m = rx.search(text)
        if m:
            return m
    return None


@lru_cache(maxsize=_CACHE)
def year_range(text: str) -> str:
    """The first span of years or dates in ``text`` as ``start/end`` ("" when none)."""
    m = _span(text)
    if not m:
        return ""
    ys = [g for g in m.groups() if g]
    return f"{ys[0]}/{ys[1]}"


def programme_start_years(*texts: str) -> set[str]:
    """Years named in a sentence that speaks of a first operation or a programme's start
    (首例...1964年; 'The first KT ... in 1967'), spans of years left out."""
    found: set[str] = set()
    for text in texts:
        if text and pat.PROGRAMME_START_RE.search(text) and may_hold_year(text):
            plain = text
            for rx in _SPAN_PATTERNS:
                plain = rx.sub(" ", plain)
            found.update(years(plain))
    return found


def _from_start(v: PeriodView, text: str) -> bool:
    """Does the span of ``text`` start in the year of the programme's first operation?"""
    m = _span(text)
    if not m:
        return False
    start = next(g for g in m.groups() if g)
    return start in programme_start_years(v.previous, v.sentence)


def only_aspect(s: str) -> bool:
    """Are the running-total cues of ``s`` only aspect (已完成, 已达), with no true running
    total (累计, 至今, 以来) anywhere in ``s``?"""
    for m in pat.STRONG_CUMULATIVE_CUE_RE.finditer(s):
        if not pat.ZH_ASPECT_CUE_RE.match(s, m.start()):
            return False
    return True


NO_CUE_REASON = "no cue: a bare count"
"""The reason of step 12, the default: no cue named a period or a running total."""


def _in(reason: str) -> PeriodDecision:
    return PeriodDecision(IN_PERIOD, reason)


def _cum(reason: str) -> PeriodDecision:
    return PeriodDecision(CUMULATIVE, reason)


def _both_kinds(c: str) -> bool:
    """Does the clause hold a running-total cue and a period cue at once?"""
    total = pat.STRONG_CUMULATIVE_CUE_RE.search(c) or pat.WEAK_CUMULATIVE_CUE_RE.search(c)
    return bool(total and (pat.ANNUAL_CUE_RE.search(c) or years(c) or year_range(c)))


def _conjunct(v: PeriodView) -> PeriodView | None:
    """When a clause joins two statements ('3,000 a year and over 35,000 so far', 每年...而
    累计...) with both kinds of cue, the part holding the figure, as a narrower view."""
    if not _both_kinds(v.clause):
        return None
    left = v.left_clause
    inside = _span_intervals(v.clause)  # 'between 2000 and 2010' is one span, not two parts
    cut = [
        m.end()
        for m in pat.CONJUNCT_SPLIT_RE.finditer(left)
        if not any(a <= m.start() < b for a, b in inside)
    ]
    if cut:
        left = left[cut[-1] :]
    right = v.clause[len(v.left_clause) :]
    at = len(v.left_clause)
    for m in pat.CONJUNCT_SPLIT_RE.finditer(right):
        if not any(a <= at + m.start() < b for a, b in inside):
            right = right[: m.start()]
            break
    narrow = left + right
    if narrow == v.clause:
        return None
    return v._replace(clause=narrow, left_clause=left)


def _clause_cues(v: PeriodView) -> PeriodDecision | None:
    """Steps 1-6: cues in the figure's own clause (in the part of it holding the figure
    when it joins two statements)."""
    if pat.MILESTONE_DATED_RE.match(v.sentence_right) and pat.ZH_MILESTONE_WORD_RE.search(
        v.sentence_left
    ):
        return _cum("a mark passed, dated in parentheses")
    part = _conjunct(v)
    if part is not None:
        found = _clause_cues(part)
        if found:
            return PeriodDecision(found.kind, found.reason + " (its part of the clause)")
    c = v.clause
    if v.first_to_pass:
        return _cum("first to pass a mark")
    if _rate_after(v.sentence_right):
        return _in("a per-month or per-week rate after the count (six a month)")
    if "first" in v.sentence_left and _since_first(v.sentence_left, c):
        return _cum("since the programme's first operation: its life so far")
    if year_range(c):
        if _from_start(v, c):
            return _cum("span from the programme's first operation")
        return _in("span of years in the clause")
    if year_range(v.sentence_left) and only_aspect(v.sentence):
        if _from_start(v, v.sentence_left):
            return _cum("span from the programme's first operation, earlier in the sentence")
        return _in("span earlier in the sentence, only aspect words after it")
    if pat.RUNNING_UNTIL_RE.search(c):
        return _cum("a total up to a year (before 1980)")
    named = pat.ZH_EXPLICIT_PERIOD_RE.search(c) and not pat.AS_OF_RE.search(c)
    if named and only_aspect(c):
        return _in("named period, aspect only")
    recent = pat.EN_RECENT_SPAN_RE.search(v.sentence_left) or pat.EN_RECENT_SPAN_RE.search(c)
    if recent:  # before the count or in its clause, not a later clause
        if _long_window(recent.group(0), c):
            return _cum("a window of more than ten years back: the programme's life so far")
        return _in("recent window")
    after = v.sentence_right  # 'There were 12 (two single-lung, ...) performed in the 12 years to'
    to_date = EN_YEARS_TO_DATE_RE.search(c + " " + after) if "years" in c + after else None
    if to_date and _long_window(to_date.group(0), c):
        return _cum("the N years to a date, more than ten: the programme's life so far")
    if _years_back(v):
        return _in("the last N years (十二年来), not a programme's life")
    if len(v.mods) > 24 and years(v.mods):
        return _in("year in a column label")
    if _change_to_year(v):
        return _in("the later end of a change from a year's count (从每年十几例发展到2004年)")
    if "report" in v.sentence_left and _year_report(v):
        return _in("a year's report ('its 2019 report'): that year's count")
    if _peak_year(v):
        return _in("a peak year's count (到2006年达到最高峰,2万例)")
    if pat.STRONG_CUMULATIVE_CUE_RE.search(c) or pat.AS_OF_RE.search(c):
        if pat.PERIOD_SO_FAR_RE.search(v.sentence_left) or pat.PERIOD_SO_FAR_RE.search(c):
            return _in("a named period so far (今年以来, so far this year)")
        if _aspect_in_named_period(v):
            return _in("aspect only (has performed, 已完成) inside a year named before it")
        if _en_ranking_aspect(v):
            return _in("aspect only (has completed) in a ranking of hospitals")
        return _cum("running-total word or as-of date in the clause")
    if pat.EN_AS_OF_DATE_RE.search(c):
        return _cum("as-of date (month and day) in the clause")
    if pat.ANNUAL_CUE_RE.search(c) or years(c):
        return _in("per-year word or year in the clause")
    if "/年" in c or "/ 年" in c:
        return _in("a per-year rate written with a slash (100多例/年)")
    if "每" in c and ZH_PER_WEEK_RE.search(c):
        return _in("a per-week or per-month rate in the clause (每个星期都有三例)")
    if "year" in c and pat.EN_NAMED_PERIOD_RE.search(c):
        return _in("a named year in the clause (in the same year, that year)")
    if _change_from_to(v):
        return _in("one end of a change from one count to another (grew from 80 to 150)")
    if pat.EN_SHORT_PERIOD_RE.search(v.sentence_left) or pat.ZH_SHORT_PERIOD_RE.search(
        v.sentence_left
    ):
        return _in("a named week, month or quarter")
    if pat.EN_SHORT_PERIOD_RE.search(c):
        return _in("a named week, month or quarter in the clause ('in one week')")
    if _period_since_year(v):
        return _cum("the period since a year named before it ('since 2019, ... during the period')")
    if _short_span(v.sentence_left) or _short_span(c):
        return _in("months without a year, a week or the same period")
    if _days_span(v.sentence_left) or _days_span(c):
        return _in("a stretch of a few days or hours (in three days, 2天2夜)")
    return None


EN_RATE_AFTER_RE = re.compile(
    r"[^,;.()]{0,40}?(?<![a-z])(?:a|per|each|every)\s(?:month|week)(?![a-z])"
)
"""'numbering about six transplants each month', 'four liver transplants a week': a rate per
month or week right after the count (before the next comma) is a period's count, like a
per-year rate (GUIDE.md, "Counts per week")."""
_OVER_TEN = "|".join(w for w, v in (EN_ONES | EN_TENS).items() if v > 10)
_DIGIT_WORD = "|".join(w for w, v in EN_ONES.items() if 0 < v < 10 and w not in ("a", "an"))
EN_LONG_WINDOW_RE = re.compile(
    rf"(?<![a-z\d])(?:1[1-9]|[2-9]\d|(?:{_OVER_TEN})(?:[- ](?:{_DIGIT_WORD}))?)\syears(?![a-z])"
)
"""More than ten years ('the past 30 years', 'the last 15 years', 'twenty years'; the words
are numbers.EN_ONES' and EN_TENS', as for digits up to 99): a window so
long that the count in it is a programme's life so far (GUIDE.md, 'Running totals over a
programme's whole life'), not a recent window."""
EN_YEARS_TO_DATE_RE = re.compile(
    rf"(?<![a-z])in\sthe\s\S+\syears\s(?:to|until|up to|ending)\s(?:(?:the\s)?end\sof\s)?"
    rf"(?:{pat._MONTHS}\s)?{pat.YEAR}(?!\d)"
)
"""'performed in the 12 years to December 2006': the N years up to a date."""


EN_SINCE_FIRST_RE = re.compile(
    rf"(?<![a-z])(?:since|from)\s(?:{pat.YEAR},?\s(?:when|as)\s)?(?:the|its|our|their)\s"
    r"(?:very\s)?first\s(?:[a-z-]+\s){0,3}?(?:transplant|transplantation|operation|procedure)s?"
    r"(?![a-z])"
)
"""'Since the first renal transplant was performed till end of 1994', 'From 1979, when the
first renal transplant was performed, ...': a count from the programme's first operation is
its running total (GUIDE.md, "From the start")."""
EN_IN_A_YEAR_RE = re.compile(rf"(?<![a-z])in\s(?:the\s)?(?:year\s)?{pat.YEAR}(?!\d)")
"""'60 transplants in 2008 alone': a year the count is in, not an end point ('till 1994')."""


def _since_first(sentence_left: str, clause: str) -> bool:
    """Does the sentence count from the programme's first operation (EN_SINCE_FIRST_RE), with
    no per-year word nor a year the count is 'in' in the count's clause?"""
    m = EN_SINCE_FIRST_RE.search(sentence_left)
    if not m:
        return False
    rest = clause.replace(m.group(0), " ")
    return not (pat.ANNUAL_CUE_RE.search(rest) or EN_IN_A_YEAR_RE.search(rest))


EN_YEAR_REPORT_RE = re.compile(
    rf"(?<![\d,.$])(?:fy\s?)?{pat.YEAR}(?:[-/–](?:\d{{2}}|{pat.YEAR}))?\s(?:annual\s|national\s"
    r"|official\s)?(?:report|data\sreport|registry\sreport)(?![a-z])"
)
"""'The registry's 2017 report recorded 5,149', 'In its 2019 report, the ministry said': a
report named by its year reports that year's counts (GUIDE.md, "Counts of transplants")."""


_MONTH_BEFORE_RE = re.compile(rf"{pat._MONTHS}\s(?:\d{{1,2}},?\s)?$")


def _year_report(v: PeriodView) -> bool:
    """Is the count told by a report named by its year (EN_YEAR_REPORT_RE, before the count in
    its sentence), with no running-total cue but aspect ('had carried out') and no total word
    ('a total of' may sum the years) in the sentence so far nor in the clause?"""
    text = v.sentence_left + " " + v.clause
    if not may_hold_year(v.sentence_left):
        return False
    if not any(
        not _MONTH_BEFORE_RE.search(v.sentence_left, 0, m.start())
        for m in EN_YEAR_REPORT_RE.finditer(v.sentence_left)
    ):
        return False  # no report named by a year alone ('a June 2014 report' is dated)
    if pat.AS_OF_RE.search(text) or pat.WEAK_CUMULATIVE_CUE_RE.search(text):
        return False
    return only_aspect(text)


def _en_ranking_aspect(v: PeriodView) -> bool:
    """English: hospitals ranked by their counts ('In the national ranking of liver transplant
    volume, X has completed 600 cases'), the count's running-total cues only aspect and no
    as-of date: one period's counts compared (RANKING_CUE_RE), not running totals ('since'
    is a running-total cue, no aspect: only_aspect refuses it)."""
    s = v.sentence
    if not ("rank" in s or "top" in s or " the most" in s) or not pat.RANKING_CUE_RE.search(s):
        return False
    if pat.AS_OF_RE.search(s) or pat.EN_AS_OF_DATE_RE.search(s):
        return False
    return only_aspect(s)


def _rate_after(right: str) -> bool:
    """Is a per-month or per-week rate written right after the count (EN_RATE_AFTER_RE)?"""
    return ("month" in right or "week" in right) and bool(EN_RATE_AFTER_RE.match(right))


def _long_window(window: str, clause: str) -> bool:
    """Is ``window`` more than ten years back, with no per-year word in ``clause`` besides
    it ('over the past two decades ... 10,000 a year' stays a rate)?"""
    if not EN_LONG_WINDOW_RE.search(window):
        return False
    return not pat.ANNUAL_CUE_RE.search(clause.replace(window, " "))


ZH_PEAK_RE = re.compile(r"峰值|高峰|顶峰|历史新高|最高纪录")
"""A peak reached (达到峰值, 达到历史最高峰, 创历史新高): the count of the year it names."""


def _peak_year(v: PeriodView) -> bool:
    """Is the count the one of a peak year: a peak word in the few characters before it (到
    2006年达到历史最高峰,2万例; 于2004年达到了峰值13000例), a year in the sentence before it
    and no running-total word (累计) in its clause? A peak is one year's count, whatever 到
    before the year says (GUIDE.md, "Counts of transplants")."""
    near = v.sentence_left[-14:]
    if "峰" not in near and "高" not in near:
        return False
    return bool(
        ZH_PEAK_RE.search(near)
        and years(v.sentence_left)
        and not pat.STRONG_CUMULATIVE_CUE_RE.search(v.left_clause)
    )


_EN_THE_PERIOD_RE = re.compile(
    r"(?<![a-z])(?:in|over|during|for|within)\s(?:the|that|this)\speriod(?![a-z])"
    r"(?!\s(?:from|of|between|to|until|till|when|in which)\s)"
)
_EN_SINCE_YEAR_RE = re.compile(rf"(?<![a-z])since\s(?:the\s)?(?:year\s)?{pat.YEAR}(?!\d)")


def _period_since_year(v: PeriodView) -> bool:
    """English: is 'the period' of the count's sentence the one since a year named before it
    ('had started liver and kidney transplants since 2019, and carried out 330 liver ...
    transplants during the period')? That period runs to now: its count is a running total
    (h22r). 'Over the same period' and a period with an end ('between 2015 and 2019') stay
    SHORT_SPAN_RE's period."""
    if "period" not in v.sentence or "since" not in v.sentence_left:
        return False
    m = _EN_THE_PERIOD_RE.search(v.sentence)
    if m is None:
        return False
    since = _EN_SINCE_YEAR_RE.search(v.sentence, 0, m.start())
    return since is not None and not year_range(v.sentence)


def _short_span(text: str) -> bool:
    """SHORT_SPAN_RE behind a cheap gate: each of its matches holds one of _SHORT_SPAN_GATE
    (月, 礼拜, 星期, 周; 'from'/'between' before a month's name; 'half', 'period', 'span')."""
    if not text:
        return False
    if not any(w in text for w in _SHORT_SPAN_GATE):
        return False
    return bool(SHORT_SPAN_RE.search(text))


_EN_CHANGE_SPAN_RE = re.compile(
    r"(?<![a-z])(?:increas|rise|rose|risen|grew|grow|fell|fall|drop|declin|decreas|jump|climb"
    r"|doubl|tripl)[a-z]*\s(?:[^.;]{0,60}?\s)?from\s"
)
"""'grew from 80 to 150', 'an increase in deceased donor transplants, from 11,020 to': the
counts a change compares are the counts of two periods, not running totals."""
ZH_CHANGE_FROM_RE = re.compile(
    r"(?:由|从)[^,。;]{0,12}?(?:增加|增长|增|上升|升|下降|降|减少|减|跌|回落)(?:到|至|为)"
)
"""由120例增加到260例: the same in Chinese."""
_CHANGE_TAIL_BREAK_RE = re.compile(r"[;,]\s?(?!\d)|\sand\s|\bbut\b")


ZH_CHANGE_TO_YEAR_RE = re.compile(
    rf"(?:发展|增加|增长|上升|提高|提升|升|增)(?:到|至)\s?{pat.YEAR}\s?年(?!\s?(?:底|末|为止|止))"
)
"""发展到2004年(突破千例): the later end of a change, the count of that year (no year-end, no
为止: 到2004年底 is an as-of date)."""
ZH_CHANGE_FROM_ANNUAL_RE = re.compile(
    rf"(?:从|由)[^。;]{{0,20}}?(?:每年|年均|一年|{pat.YEAR}\s?年)"
)
"""从过去每年十几例, 由2000年的: the earlier end of that change, a year's count."""


def _change_to_year(v: PeriodView) -> bool:
    """Is the count the later end of a change from a year's count to another year's
    (从过去每年肾移植十几例,发展到2004年突破千例), with no running-total word of its own?"""
    if "到" not in v.clause and "至" not in v.clause:
        return False
    m = ZH_CHANGE_TO_YEAR_RE.search(v.clause)
    if not m or pat.STRONG_CUMULATIVE_CUE_RE.search(v.clause):
        return False
    opening = v.sentence_left[: len(v.sentence_left) - len(v.left_clause) + m.start()]
    return bool(ZH_CHANGE_FROM_ANNUAL_RE.search(opening))


def _change_from_to(v: PeriodView) -> bool:
    """Is the count one end of a change from one count to another, with no total word?"""
    c = v.clause
    if pat.WEAK_CUMULATIVE_CUE_RE.search(c):
        return False
    if "由" in c or "从" in c:
        return bool(ZH_CHANGE_FROM_RE.search(c))
    left = v.sentence_left[-100:]
    if "from" not in left:
        return False
    ends = [m.end() for m in _EN_CHANGE_SPAN_RE.finditer(left)]
    if not ends:
        return False
    tail = left[ends[-1] :]
    return len(tail) <= 40 and not _CHANGE_TAIL_BREAK_RE.search(tail)


RECENT_EVENT_RE = re.compile(
    r"近日|近期|日前|昨日|昨天|今天|今日|前日|前天|日内|当日|当天|元旦|春节期间"
    r"|(?<![a-z])(?:recently|yesterday|today|this week|this morning)(?![a-z])"
)
"""近日,该院成功完成3例肝移植; 近期连续完成3例; 'we recently ... completed two living donor liver
transplants': news of a recent event counts that event, not a running total."""
SPAN_OPEN_RE = re.compile(r"(?<![a-z])(?:between|from)(?![a-z])|自|从")
"""The opening of a span ('Between the beginning of 2016 up to October 22'): the date after
it closes the span, it is no as-of date of a running total."""
_SHORT_SPAN_GATE = ("月", "礼拜", "星期", "周", "from", "between", "half", "period", "span")


_CLAUSE_PART_RE = re.compile(r"[^,;。]*[,;。]?")
FIRST_STRETCH_RE = re.compile(
    r"(?<![a-z])(?:first|initial)\s(?:[a-z0-9-]+\s)?(?:months?|weeks?|half|quarter|days?|years?)"
    r"(?![a-z])|(?:首|头|第一)[\d一二两三四五六七八九十]{0,2}个?(?:月|周|季度|年)"
)
"""'the first six months', 首3个月: a stretch of time, not a programme's first operation."""


ZH_SINCE_YEAR_RE = re.compile(
    rf"(?:自|从)\s?{pat.YEAR}\s?年?(?:\s?\d{{1,2}}\s?月份?)?\s?(?:起|开始)"
    rf"(?![^,。;]{{0,6}}?(?:至|到)\s?(?:{pat.YEAR}|今年|去年|\d{{1,2}}\s?月))"
)
"""自1991年起, 从2005年开始 with no end: from a year up to now, a running total like 以来 (a
span with an end, 自2001年起至2010年, stays a period)."""
_SINCE_WORD = " 以来 "


def _since_read_as_running(v: PeriodView) -> PeriodView:
    """The view with 自1991年起 (no end) written as 以来, the running-total word it means, so
    its year is not read as a named period."""
    if "起" not in v.sentence and "开始" not in v.sentence:
        return v
    if not ZH_SINCE_YEAR_RE.search(v.sentence):
        return v
    sub = ZH_SINCE_YEAR_RE.sub
    return v._replace(
        clause=sub(_SINCE_WORD, v.clause),
        left_clause=sub(_SINCE_WORD, v.left_clause),
        sentence_left=sub(_SINCE_WORD, v.sentence_left),
        sentence=sub(_SINCE_WORD, v.sentence),
    )


def _start_years_blanked(v: PeriodView) -> PeriodView:
    """The view with the years of a programme's first operation blanked from the text before
    the figure's clause (2001年完成首例肝移植,10年来…已经突破五百例; 'its first liver transplant
    in 2002'): that year opens the programme's life, it names no period the count belongs
    to (GUIDE.md, "From the start"). A clause holding a span keeps its years."""
    s = v.sentence_left[: len(v.sentence_left) - len(v.left_clause)]
    if not s or not may_hold_year(s) or not pat.PROGRAMME_START_RE.search(s):
        return v
    parts = []
    for part in _CLAUSE_PART_RE.findall(s):
        opening = FIRST_STRETCH_RE.sub(" ", part)  # 'the first six months of 2019' is a period
        if pat.PROGRAMME_START_RE.search(opening) and not year_range(part):
            part = pat.ZH_YEAR_RE.sub(" ", part)
            part = EN_YEAR_RE.sub(" ", part)
        parts.append(part)
    blanked = "".join(parts)
    if blanked == s:
        return v
    return v._replace(sentence_left=blanked + v.left_clause)


def _weak_total(v: PeriodView) -> PeriodDecision:
    """Step 7: 共完成 / a total of, over the period the sentence opened with or a life."""
    s = v.sentence_left
    if pat.STRONG_CUMULATIVE_CUE_RE.search(s):
        return _cum("total after a running-total word")
    if pat.ZH_PRESENT_RE.search(v.left_clause):
        return _cum("total as it stands now (目前...共)")
    if _from_start(v, s):
        return _cum("total over a span from the programme's first operation")
    if pat.RUNNING_UNTIL_RE.search(s):
        return _cum("total up to a year (before 1980)")
    as_of = pat.AS_OF_RE.search(s) or pat.EN_AS_OF_DATE_RE.search(s)
    if (
        as_of
        and not year_range(s)
        and not SPAN_OPEN_RE.search(s, 0, as_of.start())
        and not pat.ZH_EXPLICIT_PERIOD_RE.search(s, as_of.end())
    ):
        return _cum("total up to an as-of date (By the end of 2019, a total of)")
    if year_range(s) or years(s):
        return _in("total over the period the sentence opened")
    named = pat.ZH_EXPLICIT_PERIOD_RE.search(s) or pat.EN_NAMED_PERIOD_RE.search(s)
    if not as_of and (named or _short_span(s)):
        return _in("total over the named period the sentence opened (去年, last year)")
    if not as_of and only_aspect(v.sentence) and _neighbour_cues(v):
        return _in("total continuing the sentence before, which states a year's counts")
    return _cum("total")


_EN_PAST_PERFECT_RE = re.compile(r"(?<![a-z])(?:had|already|since|as early as)(?![a-z])")
"""'the center had already performed 3,100', 'as early as 2001 it had conducted': a total
reached by a date (an as-of reading), not the count of the year named."""


def _aspect_in_named_period(v: PeriodView) -> bool:
    """Are the clause's running-total cues only aspect ('have performed', 已完成), with no
    as-of date, inside a year the sentence opened with ('In 2019, the centre has performed
    300') or the sentence before named for its counts ('... 48.9 donors per million in 2019.
    A total of 2,301 donors have performed 5,449 transplants')? GUIDE.md, "Counts of
    transplants": a count with a year is that year's; a running total needs its own cue."""
    if not (only_aspect(v.sentence_left) and only_aspect(v.clause)):
        return False  # a later clause of its own (bringing the total to ...) leaves it
    text = v.sentence_left + " " + v.clause
    if pat.AS_OF_RE.search(text) or pat.EN_AS_OF_DATE_RE.search(text):
        return False
    if _EN_PAST_PERFECT_RE.search(text):
        return False
    for before in (v.sentence_left, v.previous):  # 'opened in 2000, has performed': its life
        if before and (pat.PROGRAMME_START_RE.search(before) or _FOUNDED_RE.search(before)):
            return False
    opening = v.sentence_left[: len(v.sentence_left) - len(v.left_clause)] + v.left_clause
    if may_hold_year(opening) and EN_YEAR_RE.search(opening):
        return True
    return _neighbour_cues(v) is not None


def _until_year_before(s: str) -> bool:
    """Does the sentence before the figure name a total up to a year (2011年以前,某某至少完成;
    1999年前,中国...) with no year, named period or per-year word after it? Its counts are
    running totals, not counts of the year named (GUIDE.md, "Counts of transplants")."""
    ends = [m.end() for m in pat.RUNNING_UNTIL_RE.finditer(s)]
    if not ends:
        return False
    rest = s[ends[-1] :]
    return not (
        years(rest) or pat.ANNUAL_CUE_RE.search(rest) or pat.ZH_EXPLICIT_PERIOD_RE.search(rest)
    )


def _sentence_cues(v: PeriodView) -> PeriodDecision | None:
    """Step 8: the sentence before the figure; the last cue wins."""
    s = v.sentence_left
    if "年" in s and _until_year_before(s):
        return _cum("a total up to a year earlier in the sentence (2011年以前,某某完成)")
    cum = max(
        last_pos(pat.STRONG_CUMULATIVE_CUE_RE, s),
        last_pos(pat.AS_OF_RE, s),
        last_pos(pat.EN_AS_OF_DATE_RE, s),
    )
    as_of_end = max(
        (m.end() for rx in (pat.AS_OF_RE, pat.EN_AS_OF_DATE_RE) for m in rx.finditer(s)),
        default=-1,
    )
    explicit = last_pos(pat.ZH_EXPLICIT_PERIOD_RE, s)
    if explicit >= 0 and explicit >= as_of_end and only_aspect(s):
        return _in("named period earlier in the sentence")
    per = max(
        last_pos(pat.ANNUAL_CUE_RE, s),
        last_pos(pat.ZH_YEAR_RE, s),
        last_pos(EN_YEAR_RE, s),
        last_pos(pat.ZH_YEAR_RANGE_RE, s),
        last_pos(pat.EN_YEAR_RANGE_RE, s),
    )
    weak = last_pos(pat.WEAK_CUMULATIVE_CUE_RE, s)
    if year_range(s) and last_pos(pat.STRONG_CUMULATIVE_CUE_RE, s) < 0:
        if _from_start(v, s):
            return _cum("span from the programme's first operation, earlier in the sentence")
        return _in("span of years earlier in the sentence")
    if cum < 0 and pat.RANKING_CUE_RE.search(v.sentence):
        return _in("ranking of one period's counts")
    if per > cum and per >= 0 and per >= as_of_end:
        return _in("period cue after any running-total cue")
    if weak >= 0 and cum < 0 and year_range(v.sentence):
        return _in("total over a span later in the sentence")
    if cum >= 0 or weak >= 0:
        return _cum("running-total word earlier in the sentence")
    return None


def _after_cues(v: PeriodView) -> PeriodDecision | None:
    """Step 9: what follows the figure in its sentence, and a question it answers."""
    if year_range(v.sentence) or pat.ANNUAL_CUE_RE.search(v.tail):
        return _in("span or per-year word after the figure")
    if v.question and (pat.ANNUAL_CUE_RE.search(v.question) or years(v.question)):
        return _in("period in the question answered")
    nxt = NEXT_NUMBER_RE.search(v.sentence_right)
    annual = pat.EN_ANNUAL_AFTER_RE.search(v.sentence_right, 0, nxt.start() if nxt else 10**9)
    if annual and _in_as_of_date(v.sentence_right, annual):
        return _cum("as-of date later in the sentence ('as of March this year')")
    if annual:
        return _in("per-year word later in the sentence")
    return None


def _in_as_of_date(text: str, annual: re.Match[str]) -> bool:
    """Is the per-year word 'this year' part of an as-of date ('as of March this year', 'by
    the end of this year')? Then it dates a running total, it names no period (h22r)."""
    return any(
        m.start() <= annual.start() and annual.end() <= m.end()
        for m in pat.EN_AS_OF_BY_DATE_RE.finditer(text)
    )


def decide(v: PeriodView) -> PeriodDecision:
    """``in_period`` or ``cumulative`` for one count, with the reason (see the module doc)."""
    v = _since_read_as_running(v)
    found = _clause_cues(v)
    if found:
        return found
    v = _start_years_blanked(v)
    if pat.WEAK_CUMULATIVE_CUE_RE.search(v.clause):
        return _weak_total(v)
    found = _sentence_cues(v) or _after_cues(v) or _neighbour_cues(v)
    if found:
        return found
    if pat.EN_SIMPLE_PAST_RE.search(v.clause):
        return _in("a completed past event, told in the simple past")
    if RECENT_EVENT_RE.search(v.sentence_left):
        return _in("a recent event (近日, 昨日): the count of that event")
    if _en_no_perfect(v):
        return _in("English with no perfect nor total anywhere near: a report of a period")
    return _cum(NO_CUE_REASON)


EN_PERFECT_RE = re.compile(
    r"(?<![a-z])(?:has|have|had|having|'ve|milestones?|landmark|record)(?![a-z])|里程碑"
)
"""What English tells a running total with when no total word is there: the perfect ('has
performed', 'have been done', 'had completed', 'Having performed'), or a mark passed ('Achieves
Milestone of 9,000', 'a landmark')."""


_EN_WORD_RE = re.compile(r"[a-z]{3}")


def _en_no_perfect(v: PeriodView) -> bool:
    """Is a count with no cue English (a sentence with no Chinese character and some English
    word), told with no perfect nor mark passed (EN_PERFECT_RE) in its sentence or the one
    before, and is the sentence before no running total or as-of date ('As of December 31,
    2023, total transplants include:' before a list)? English tells a running total in the
    perfect; a bare count told otherwise ('373 foreign transplants were identified', 'the
    company that coordinated the four transplants', 'organized about six illegal kidney
    transplants') is the count of a period, a study or an event. Chinese has no tense to read:
    完成 N例 with no cue stays a running total (name18 measured both on the readable sets and
    on each tune half as the rules stood when it was first scored)."""
    s, p = v.sentence, v.previous
    if pat.CJK_RE.search(s) or not _EN_WORD_RE.search(s) or EN_PERFECT_RE.search(s):
        return False
    if pat.PROGRAMME_START_RE.search(s):
        return False  # 'After its first donation in 2014, the province completed 800': its life
    if not p:
        return True
    return not (
        EN_PERFECT_RE.search(p)
        or pat.PROGRAMME_START_RE.search(p)
        or pat.STRONG_CUMULATIVE_CUE_RE.search(p)
        or pat.WEAK_CUMULATIVE_CUE_RE.search(p)
        or pat.AS_OF_RE.search(p)
        or pat.EN_AS_OF_DATE_RE.search(p)
    )


def _neighbour_cues(v: PeriodView) -> PeriodDecision | None:
    """Step 9b: a sentence with no cue of its own continues the one before it when that one
    states a count of a named period (...1,200 kidney transplants in 2016. 300 liver
    transplants were also done). A per-year rate (年均200例) names no period a list goes on
    with; a running total or a programme's start there leaves the default. A part before a
    semicolon (2018年,捐献数量位居世界第二位;移植手术量突破两万例) is the same sentence: its
    period holds without a count of its own."""
    p = v.previous
    if not p or not (v.previous_joined or pat.NEIGHBOUR_COUNT_RE.search(p)):
        return None
    if pat.STRONG_CUMULATIVE_CUE_RE.search(p) and not only_aspect(p):
        return None
    if year_range(p) and not _from_start(v, p):
        return _in("span of years in the sentence before")
    if pat.PROGRAMME_START_RE.search(p) or pat.AS_OF_RE.search(p):
        return None
    if pat.ZH_EXPLICIT_PERIOD_RE.search(p) or pat.EN_NAMED_PERIOD_RE.search(p) or years(p):
        return _in("period of the counts in the sentence before")
    return None


SLOW_FORMS = speed_up(globals())
"""This module's ``*_RE`` patterns behind look-aheads on their first characters, as in
``patterns`` and ``core``: the same matches, found faster (tests/extract/test_fast_paths.py)."""
