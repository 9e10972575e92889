"""Ranges: two figures of one indicator joined by a range word (30万元至50万元, 2 weeks to
4 weeks, US$10,000 to US$20,000) become a lower bound (at_least) and an upper bound (at_most).
"""

from __future__ import annotations

import re
from dataclasses import replace

from transplant_audit.evidence.vocabulary import (
    Qualifier,
)
from transplant_audit.extract import patterns as pat
from transplant_audit.extract.context import (
    Candidate,
)
from transplant_audit.extract.rxprefix import speed_up

_RANGE_BETWEEN_RE = re.compile(r"^\s?(?:到|至|-|~|〜|to)\s?(?:人民币|rmb|\$|us\$)?\s?$")

_LOW_END_BEFORE_RE = re.compile(
    r"(?:(?<![a-z])(?P<between>between)\s)?(?<![\d.,])(?P<low>\d{1,3}(?:,\d{3})*|\d+)"
    r"\s?(?P<join>to|and|-|–|~)\s?$"
)
"""'between 23 and 39', '41 to 73 per year', '100 to 120 livers': the low end of a range
just before a figure, a bare Arabic number (the high end's counter or implied counter
serves both)."""

_LEAD_NUMBER_RE = re.compile(r"\d{1,3}(?:,\d{3})+|\d+")


_DURATION_INDICATORS = frozenset({"wait_time_days", "avg_length_of_stay_days"})
_YEARS_END_RE = re.compile(r"years?$")
_MONTHS_END_RE = re.compile(r"months?$")
_ZH_WHOLE_YEARS_RE = re.compile(r"^[^半]*年$")
_ZH_MONTHS_RE = re.compile(r"^零?[^半年]*[个個]月")


def _join_durations(cands: list[Candidate], norm: str) -> list[Candidate]:
    """'five years and nine months', 5年9個月, 两年二个月, 五年零九个月: whole years right
    before a count of months are one duration, their sum (GUIDE.md: 两年二个月 = 26 months),
    not two waits (``_years_then_months`` says when)."""
    if " and " not in norm and "年" not in norm:
        return cands
    out: list[Candidate] = []
    for c in cands:
        a = out[-1] if out else None
        joined = None
        if a is not None and c.indicator == a.indicator and a.indicator in _DURATION_INDICATORS:
            joined = _years_then_months(a, c, norm[a.end : c.start])
        if joined is not None:
            out[-1] = joined
            continue
        out.append(c)
    return out


def _years_then_months(a: Candidate, c: Candidate, between: str) -> Candidate | None:
    """``a`` (years) and ``c`` (months) as one duration, or None. English joins them by
    'and' and keeps the years' qualifier; Chinese writes them together or with 零 (not
    半年7个月左右, an approximate range told loosely, nor 2年至3个月, which ``_mark_ranges``
    reads as a range) and keeps the months' qualifier when the years are exact."""
    if between == " and " and _YEARS_END_RE.search(a.stated) and _MONTHS_END_RE.search(c.stated):
        qualifier = a.qualifier
    elif (
        between in ("", "零")
        and _ZH_WHOLE_YEARS_RE.search(a.stated)
        and _ZH_MONTHS_RE.search(c.stated)
    ):
        qualifier = a.qualifier if a.qualifier != "exact" else c.qualifier
    else:
        return None
    return replace(
        a,
        value=round(a.value + c.value, 6),
        qualifier=qualifier,
        end=c.end,
        stated=a.stated + between + c.stated,
    )


def _mark_ranges(cands: list[Candidate], norm: str) -> list[Candidate]:
    """30万元至50万元, 2 weeks to 4 weeks: two figures of one indicator joined by a range
    word become a lower bound (at_least) and an upper bound (at_most); a duration in years
    and months joined by 'and' is one duration first (``_join_durations``)."""
    out = _join_durations(cands, norm)
    for i in range(len(out) - 1):
        a, b = out[i], out[i + 1]
        if a.indicator == b.indicator and joins_range(norm, a.start, a.end, b.start):
            out[i] = replace(a, qualifier=str(Qualifier.AT_LEAST))
            out[i + 1] = replace(b, qualifier=str(Qualifier.AT_MOST))
    return _add_low_ends(out, norm)


def joins_range(norm: str, a_start: int, a_end: int, b_start: int) -> bool:
    """Are the figures at ``a_start``-``a_end`` and from ``b_start`` a range's two ends
    (30万元至50万元, between 250,000 and 300,000 yuan), not a change (fell from 5,233 to
    5,033: two states)? The rules' reading of two figures (``_mark_ranges``) and of a
    figure read alone (``core._told_alone``)."""
    gap = norm[a_end:b_start]
    between = gap in (" and ", " and $", " and rmb ", " and ¥") and bool(
        pat.EN_BETWEEN_BEFORE_RE.search(norm, max(0, a_start - 16), a_start)
    )  # between 250,000 and 300,000 yuan
    if not (between or _RANGE_BETWEEN_RE.match(gap)):
        return False
    return not pat.EN_CHANGE_FROM_RE.search(norm, max(0, a_start - 40), a_start)


def _year_like(token: str) -> bool:
    """A bare four-digit number from 1900 to 2099: a year, never a range's low end."""
    return len(token) == 4 and token[:2] in ("19", "20")


def _add_low_ends(cands: list[Candidate], norm: str) -> list[Candidate]:
    """A range whose high end alone became a figure ('hovered between 23 and 39', 'only 41 to
    73 per year', 'about 100 to 120 livers ... are donated'): the bare number before the range
    word is its low end, the same indicator (at_least), and the high end becomes at_most.
    Not the start of a change ('rose from 60 to 210', 'from 20 to 1,000': two states, the
    second already read), not a year, not a low end that is
    already a figure or that is no smaller than the high end."""
    taken = [(c.start, c.end) for c in cands]
    added: list[Candidate] = []
    out = list(cands)
    for i, b in enumerate(cands):
        one_figure = b.indicator.endswith(("_cumulative", "_year"))
        if b.qualifier not in ("exact", "at_most") or one_figure:
            continue  # a running total or a year is one figure, not the end of a range
        m = _LOW_END_BEFORE_RE.search(norm, max(0, b.start - 24), b.start)
        if not m or (m["join"] == "and") != bool(m["between"]):
            continue  # 'and' joins two ends only after 'between'
        lo_s, lo_e = m.start("low"), m.end("low")
        if any(s < lo_e and lo_s < e for s, e in taken):
            continue
        if pat.EN_CHANGE_FROM_RE.search(norm, max(0, lo_s - 40), lo_s):
            continue
        if norm.endswith("from ", 0, lo_s):
            continue  # 'from 20 to 1,000 transplants': a change told without its verb
        high = _LEAD_NUMBER_RE.search(norm, b.start, b.end)
        high_value = float(high.group(0).replace(",", "")) if high else 0.0
        low_value = float(m["low"].replace(",", ""))
        if not high_value or low_value >= high_value or _year_like(m["low"]):
            continue  # 'from 135 in 1999 to 4,000': a year dates the figure before
        ratio = b.value / high_value  # the high end's unit (weeks → days) serves both
        added.append(
            replace(
                b,
                value=round(low_value * ratio, 6),
                qualifier=str(Qualifier.AT_LEAST),
                start=lo_s,
                end=lo_e,
                stated=m["low"],
            )
        )
        out[i] = replace(b, qualifier=str(Qualifier.AT_MOST))
    if not added:
        return out
    return sorted(out + added, key=lambda c: c.start)


SLOW_FORMS = speed_up(globals())
"""This module's ``*_RE`` patterns behind look-aheads on their first characters (``rxprefix``):
the same matches, found faster. Name → the pattern as written, for tests."""
