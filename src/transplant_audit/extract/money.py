"""Currency binding: the currency written before a number (US$, RMB, HK$), Hong Kong and
Taiwan dollars told apart from US dollars by the words around them, and the counter kind
each currency gives (_MONEY_COUNTER).
"""

from __future__ import annotations

import re

from transplant_audit.extract import patterns as pat
from transplant_audit.extract.context import (
    _Bounds,
)

_MONEY_COUNTER = {"usd": ("usd", "USD"), "cny": ("cny", "CNY"), "hkd": ("cny", "HKD")}


def _currency_before(norm: str, s: int) -> str:
    """The currency written just before the number at ``s`` ('US$', 'RMB', 'HK$'): its kind
    (usd, cny, hkd), or ''."""
    if pat.EN_HKD_PREFIX_RE.search(norm, max(0, s - 6), s):
        return "hkd"
    cur = pat.CURRENCY_PREFIX_RE.search(norm[max(0, s - 6) : s])
    return pat.CURRENCY_PREFIX_UNITS[re.sub(r"\s", "", cur.group("cur"))] if cur else ""


def _hkd_written(norm: str, s: int, uclass: str, mods: str, has_prefix: bool) -> int | None:
    """Where the Hong Kong dollar currency starts when the amount at ``s`` is written in it:
    'HK$892,900' (the prefix's start), '30,000 Hong Kong dollars' (``s``); else None."""
    if not has_prefix:
        prefix = pat.EN_HKD_PREFIX_RE.search(norm, max(0, s - 6), s)
        if prefix:
            return prefix.start()
    if uclass == "usd" and mods and pat.EN_HKD_WORDS_RE.search(mods):
        return s
    return None


def _hong_kong_dollars(norm: str, s: int, end: int, sentences: _Bounds) -> bool:
    """A yuan amount written without RMB/人民币 in a sentence about Hong Kong (籌集約150萬元
    手術費, a Hong Kong family's appeal) is in Hong Kong dollars: ``price_hkd``."""
    if pat.EXPLICIT_CNY_RE.search(norm[max(0, s - 6) : end + 4]):
        return False
    se_s, se_e = sentences.around(s, end)
    return bool(pat.HONG_KONG_CUE_RE.search(norm, se_s, se_e))


def _taiwan_dollars(norm: str, s: int, end: int, sentences: _Bounds) -> bool:
    """A yuan amount written without RMB/人民币 in a sentence about Taiwan is in New Taiwan
    dollars (花費約八百萬元), which the vocabulary has no indicator for."""
    if pat.EXPLICIT_CNY_RE.search(norm[max(0, s - 6) : end + 4]):
        return False
    se_s, se_e = sentences.around(s, end)
    before = norm[max(0, se_s - pat.DOC_CONTEXT_CHARS) : se_s]
    return bool(pat.TAIWAN_CUE_RE.search(norm[se_s:se_e]) or pat.TAIWAN_CUE_RE.search(before))
