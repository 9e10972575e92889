"""Currency binding: the currency written before a number (US$, RMB, HK$), Hong Kong and
Taiwan dollars told apart from US dollars by the words around them, the counter kind
each currency gives (_MONEY_COUNTER), the text read for a foreign currency around an amount
and an amount in parentheses converting another (_converts_a_figure).
"""

from __future__ import annotations

import re

from transplant_audit.evidence.vocabulary import INDICATORS
from transplant_audit.extract import patterns as pat
from transplant_audit.extract.context import (
    Candidate,
    _Bounds,
)

_MONEY_COUNTER = {"usd": ("usd", "USD"), "cny": ("cny", "CNY"), "hkd": ("cny", "HKD")}


def _currency_before(norm: str, s: int) -> str:
    """The currency written just before the number at ``s`` ('US$', 'RMB', 'HK$'): its kind
    (usd, cny, hkd), or ''."""
    if pat.EN_HKD_PREFIX_RE.search(norm, max(0, s - 6), s):
        return "hkd"
    return currency_prefix(norm, s)[1]


def currency_prefix(norm: str, s: int) -> tuple[int, str]:
    """(where it starts, its class: usd or cny) of the currency prefix written just before
    the number at ``s`` (US$, $, RMB, ¥, 人民币: ``patterns.CURRENCY_PREFIX_RE``), or
    (``s``, '') when there is none. One reading for ``_currency_before``, a figure read
    alone (``core._alone``) and the span stage's spans (``learned._number_span``)."""
    cur = pat.CURRENCY_PREFIX_RE.search(norm[max(0, s - 6) : s])
    if cur is None:
        return s, ""
    kind = pat.CURRENCY_PREFIX_UNITS[re.sub(r"\s", "", cur.group("cur"))]
    return max(0, s - 6) + cur.start(), kind


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


def _currency_window(norm: str, s: int, end: int) -> str:
    """The text read for a foreign currency around an amount at ``s:end``: the 8 characters
    before it and the amount, from an opening parenthesis on when one opens just before (800万
    日元(约合59.5万元人民币): the converted amount inside is in its own currency), and the 4
    characters after it unless a parenthesis opens there (800万日元)."""
    start = max(0, s - 8)
    paren = norm.rfind("(", start, s)  # normalize made a full-width （ this one
    after = norm[end : end + 4]  # 800万日元: the currency written straight after the amount
    return norm[paren + 1 if paren >= 0 else start : end] + (after if after[:1] != "(" else "")


_CONVERSION_OPEN_RE = re.compile(
    r"(?P<pre>(?:us|hk|nt|s|a|c)?\$|rmb\s?¥?|¥|£|€)?\d[\d,.]*"
    r"(?:\s?(?:million|billion|thousand))?(?P<cur>(?:\s[a-z.]+){0,2})\s?\(\s?"
    r"(?:about\s|approximately\s|approx\.\s?|around\s|roughly\s|some\s|nearly\s|or\s)?$"
)
"""An amount opening a parenthesis straight after another amount ('70,000 yuan (8,750 US
dollars)', '$15,000 (¥2 million)'): the same sum in another currency."""
_READ_CURRENCY_WORDS = frozenset({"yuan", "rmb", "renminbi", "us dollars", "dollars", "usd"})
_MONEY_INDICATORS = frozenset(
    name for name, info in INDICATORS.items() if info.unit in ("CNY", "USD", "HKD")
)
"""The indicators counted in money, from the vocabulary (a new one needs no edit here)."""


def _converts_a_figure(norm: str, start: int, out: list[Candidate]) -> bool:
    """False for an amount in parentheses converting an amount just before it in yuan or
    dollars that the rules read and left out (a seller's pay, another treatment's cost): the
    conversion is a second figure only of a figure (GUIDE.md, money). An amount in a currency
    the rules do not read (VND, pounds, yen) leaves its conversion to be read as usual. A
    prefix is read when ``_currency_before`` binds it (patterns.CURRENCY_PREFIX_UNITS and
    HK$): US$, $, HK$, RMB, RMB¥, ¥, not NT$, S$, £ or €."""
    if "(" not in norm[max(0, start - 16) : start]:
        return True
    m = _CONVERSION_OPEN_RE.search(norm, max(0, start - 48), start)
    if not m:
        return True
    cur = m["cur"].strip()
    pre = m["pre"] or ""
    read = bool(_currency_before(pre, len(pre))) and not cur if pre else cur in _READ_CURRENCY_WORDS
    if not read:
        return True
    return bool(out) and out[-1].end >= m.start() and out[-1].indicator in _MONEY_INDICATORS
