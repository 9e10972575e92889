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


def _mark_ranges(cands: list[Candidate], norm: str) -> list[Candidate]:
    """30万元至50万元, 2 weeks to 4 weeks: two figures of one indicator joined by a range
    word become a lower bound (at_least) and an upper bound (at_most)."""
    out = list(cands)
    for i in range(len(out) - 1):
        a, b = out[i], out[i + 1]
        between = norm[a.end : b.start] in (" and ", " and $", " and rmb ", " and ¥") and bool(
            pat.EN_BETWEEN_BEFORE_RE.search(norm, max(0, a.start - 16), a.start)
        )  # between 250,000 and 300,000 yuan
        if a.indicator == b.indicator and (
            between or _RANGE_BETWEEN_RE.match(norm[a.end : b.start])
        ):
            if pat.EN_CHANGE_FROM_RE.search(norm, max(0, a.start - 40), a.start):
                continue  # fell from 5,233 to 5,033: two states, not a range
            out[i] = replace(a, qualifier=str(Qualifier.AT_LEAST))
            out[i + 1] = replace(b, qualifier=str(Qualifier.AT_MOST))
    return out


SLOW_FORMS = speed_up(globals())
"""This module's ``*_RE`` patterns behind look-aheads on their first characters (``rxprefix``):
the same matches, found faster. Name → the pattern as written, for tests."""
