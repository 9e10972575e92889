"""Text → candidate observations: the pure core of extraction.

``extract_candidates(text)`` reads one document's text and returns every figure it can
map to an indicator of the vocabulary, with value (in the indicator's canonical unit),
qualifier, organ, period or as-of date, the exact character span in ``text`` and a
snippet of context. No files, no database, no network: readers (``text.py``) and the CLI
(``commands.py``) do the I/O.

How a figure is found (each step is a list or pattern in ``patterns.py``):

1. Normalize without changing length (full-width → ASCII, traditional → simplified,
   lower case), so spans found in the normalized text point into the original.
2. Mask numbers that are never figures: phone numbers, dates, page numbers, ranks and
   ordinals, addresses, references, ages.
3. Find number tokens (Arabic, Chinese, mixed, English words); read the qualifier before
   (约, 近, more than...) and after (余, 多, 以上, 左右, or more...), the currency before
   (RMB, $, 人民币) and the counter or unit after (张, 例, 名, 天, 周, 个月, 万元, %, beds,
   transplants, weeks...).
4. Classify the counter and the words of the clause and sentence into one indicator
   (``transplant_beds`` vs ``total_beds``; ``transplants_cumulative`` vs
   ``transplants_in_period`` vs ``transplants_per_day_max``...). A number whose counter
   and context fit no indicator is dropped: precision first, a reviewer checks the rest.
5. Attach the nearest organ word, the period (year, year range, per year, per day) or
   as-of date, and the hospital named nearest before the figure.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace

from transplant_audit.evidence.vocabulary import (
    INDICATORS,
    UNIT_CONVERSIONS,
    Qualifier,
    canonical_unit,
)
from transplant_audit.extract import patterns as pat
from transplant_audit.extract.classify import (
    _ELLIPTIC_YEAR_RE,
    _EN_ORDINAL_DONOR_RE,
    _EN_SMALL,
    _EN_WOULD_NEED_AFTER_RE,
    _NO_DATE,
    _NO_ORGAN,
    _ORDINAL_OPERATION_RE,
    _ORDINAL_SUFFIX_RE,
    _ORDINAL_TRANSPLANT_RE,
    _PERIOD_INDICATORS,
    _PERIOD_OR_TOTAL,
    _UNIT_LEVEL,
    _as_of,
    _classify,
    _combine,
    _nearest_organ,
    _period_view,
    _previous_sentence,
    _target,
    _temporal,
    read_qualifiers,
    zh_donor_after,
)
from transplant_audit.extract.context import (
    Candidate,
    Doc,
    _Bounds,
    _Ctx,
    _doc_transplant,
    _has,
)
from transplant_audit.extract.counters import (
    _CLAUSE_CUT_RE,
    _PART_CLASSES,
    _YEAR_FULL_RE,
    _YEAR_ONLY_RE,
    _and_a_half,
    _bare_count,
    _breakdown_part,
    _Counter,
    _counter_after_breakdown,
    _counter_after_paren,
    _elliptic_counter,
    _en_price_item,
    _implied_counter,
    _item_label_counter,
    _label_counter,
    _list_counter,
    _list_sibling,
    _paren_item_counter,
    _ranked_next_counter,
    _subset_indicator,
    _table_head,
    _waiting_part,
    _zh_restated,
    list_item_head,
    range_high_end,
    read_counter,
)
from transplant_audit.extract.hospitals import (
    find_hospitals,
)
from transplant_audit.extract.money import (
    _MONEY_COUNTER,
    _converts_a_figure,
    _currency_before,
    _currency_window,
    _hkd_written,
    _hong_kong_dollars,
    _taiwan_dollars,
    currency_prefix,
)
from transplant_audit.extract.numbers import (
    ZH_BIG_UNITS,
    ZH_SMALL_UNITS,
    normalize,
    parse_english_number,
    parse_number,
    script_counts,
    unwrap_lines,
)
from transplant_audit.extract.period import NO_CUE_REASON, PeriodView
from transplant_audit.extract.period import decide as decide_period
from transplant_audit.extract.period import year_range as _year_range
from transplant_audit.extract.period import years as _years
from transplant_audit.extract.ranges import _mark_ranges, joins_range
from transplant_audit.extract.ranks import _en_rank_candidates, _rank_candidates
from transplant_audit.extract.rxprefix import speed_up
from transplant_audit.extract.spans import _flat, _hospital_at
from transplant_audit.extract.tables import _year_table_candidates
from transplant_audit.extract.years import _year_candidates

LANGUAGES = ("zh-Hans", "zh-Hant", "en")

HOURS_PER_DAY = 24.0
"""Hours → days. A definition, not an assumption; ``vocabulary.UNIT_CONVERSIONS`` has no
hours entry yet."""

TIME_TO_DAYS: dict[str, float] = {
    "days": 1.0,
    "weeks": UNIT_CONVERSIONS[("weeks", "days")],
    "months": UNIT_CONVERSIONS[("months", "days")],
    "years": UNIT_CONVERSIONS[("years", "days")],
    "hours": 1.0 / HOURS_PER_DAY,
}
_MAX_WAIT_YEARS = 60
"""A stated wait in years above this is read as a calendar year (2015年, 一一三年), not a
duration; Taiwanese kidney waits of 30 years (等到三十年) are real."""


_LANGUAGE_SAMPLE = 5000
"""Characters read to tell the language: a page's opening is enough."""


def detect_language(text: str) -> str:
    """``zh-Hant``, ``zh-Hans`` or ``en`` from the share of CJK characters and of
    traditional-only forms among them."""
    cjk, latin, trad = script_counts(text[:_LANGUAGE_SAMPLE])
    if cjk == 0 or cjk * 3 < latin:  # a CJK char carries about as much as 3 Latin letters
        return "en"
    return "zh-Hant" if trad >= 2 and trad * 40 >= cjk else "zh-Hans"


# --- boundaries ------------------------------------------------------------------------------


# --- the extractor ---------------------------------------------------------------------------


_HALVES = ("half", "一半", "半数")
"""Half of a whole, said without a numerator ('half of all transplants', 一半, 半数)."""


def _fraction_percent(tok: str) -> float:
    """'a sixth' → 16.67, '三分之一' → 33.33, '1/3' → 33.33, 'half (of)' and 一半 → 50: a
    fraction, as a percentage."""
    if tok in _HALVES:
        return 50.0
    if "/" in tok:
        num, _, den = tok.partition("/")
        return 100.0 * int(num) / int(den)
    if "分之" in tok:
        den, _, num = tok.partition("分之")
        return 100.0 * parse_number(num) / parse_number(den)
    num, den = tok.split()
    return 100.0 * _EN_SMALL[num] / pat.EN_FRACTIONS[den.rstrip("s")]


def adjacent_range(tok: str | None) -> tuple[float, float] | None:
    """Two consecutive Chinese digits are a range: 五六千 → (5000, 6000), 三四 → (3, 4),
    二三十 → (20, 30), and the idiom 三五 (3 to 5). Not 九十 (ninety) nor 十 as the second
    digit."""
    if tok and tok.startswith("三两") and len(tok) <= 3:
        tok = "二三" + tok[2:]  # 三两天: 'two or three', the larger digit said first
    tens = 0
    tm = pat.ADJACENT_TENS_RE.match(tok or "")
    if tm:  # 十五六万, 二十三四: the tens said once, the units a range
        tens = 10 * (pat.ZH_DIGIT_VALUES[tm.group(1)] if tm.group(1) else 1)
        tok = tok[tm.end() :]
        if not tok or tok[-1:] == "十":
            return None
    m = pat.ADJACENT_DIGITS_RE.match(tok or "")
    if not m:
        return None
    lo, hi = pat.ZH_DIGIT_VALUES[m.group(1)], pat.ZH_DIGIT_VALUES[m.group(2)]
    if hi != lo + 1 and (lo, hi) != (3, 5):  # 三五年 'three to five years', an idiom
        return None
    mult = 1.0  # 五六十万: 十 then 万, a compound multiplier
    for unit in m.group(3):
        mult *= float(ZH_SMALL_UNITS.get(unit) or ZH_BIG_UNITS.get(unit) or 1)
    return (tens + lo) * mult, (tens + hi) * mult


def _comma_adjacent_low(norm: str, s: int) -> int:
    """The low digit of 三、四十 / 兩、三百 at ``s`` (a range of consecutive first digits), or
    0 when the digit and the number after 、 are a list (三、五十)."""
    m = pat.ZH_COMMA_ADJACENT_RE.match(norm, s)
    if not m:
        return 0
    lo, hi = pat.ZH_DIGIT_VALUES[m.group(1)], pat.ZH_DIGIT_VALUES[m.group(2)]
    return lo if hi == lo + 1 else 0


def _comma_range(tok: str | None, low: int) -> tuple[float, float] | None:
    """(low, high) of the high end 四十 read after 三、: the low digit takes its multiplier."""
    if not tok or len(tok) < 2 or tok[1] not in "十百千万":
        return None
    mult = float(ZH_SMALL_UNITS.get(tok[1]) or ZH_BIG_UNITS.get(tok[1]) or 1)
    hi = pat.ZH_DIGIT_VALUES[tok[0]]
    return low * mult, hi * mult


_LONE_CAPITAL_DIGITS = frozenset("壹贰叁肆伍陆柒捌玖拾")
_NUMERAL_CHARS = frozenset("0123456789零〇○一二两三四五六七八九十百千万亿")
"""Characters of a number: a token straight after one is the tail of a number the tokens
cut where Arabic and Chinese digits meet (1千零5, 一千2百, 2千五百: patterns.ZH_MULT stops
at 1千, 2千), no figure of its own (it read 5, 200, 500)."""


def _cut_tail(norm: str, start: int) -> bool:
    """Does the number token at ``start`` of ``norm`` follow a numeral character (the tail
    of a number the tokens cut, no figure: _NUMERAL_CHARS)?"""
    return start > 0 and norm[start - 1] in _NUMERAL_CHARS


_UNIT_CHARS = frozenset("十百千万亿")
_HEAD_CUT_RE = re.compile(r"\d|[零〇○]|[一二两三四五六七八九][十百千万亿]")
"""What a number's head runs on into after a unit: Arabic digits (15万79 where
patterns.ZH_MULT takes no tail, 一千2百), a zero gap (15万零79, 1千零5) or a Chinese digit
with a unit of its own (2千五百); not a lone digit (30万一个, 20万一次)."""


def _cut_head(norm: str, end: int) -> bool:
    """Is the number token ending at ``end`` of ``norm`` the head of a number the tokens
    cut (no figure: it would read 15万79元 as 150000, half the number)? Its last character
    is a numeral character and what follows runs the number on (_HEAD_CUT_RE): Arabic
    digits after a Chinese numeral; a zero, or a digit with a unit, after a unit."""
    if end == 0 or end >= len(norm) or norm[end - 1] not in _NUMERAL_CHARS:
        return False
    nxt = norm[end]
    if nxt.isascii():
        return nxt.isdigit() and not norm[end - 1].isascii()
    return norm[end - 1] in _UNIT_CHARS and bool(_HEAD_CUT_RE.match(norm, end))


def number_fragment(norm: str, start: int, end: int) -> bool:
    """Is the number token ``start``-``end`` of ``norm`` a fragment of a longer number the
    tokens cut, its tail (1千零5 read 5, 2千五百 read 500) or its head (15万79 read 150000)?
    No figure then, in the rules (_token) and in the span stage (learned.extract_scored)."""
    return _cut_tail(norm, start) or _cut_head(norm, end)


_MID_MORE_RE = re.compile(r"[多余几][万亿]")


def more_than_stated(tok: str) -> bool:
    """Does the number token say more than its round figure (30多万, 三十余万, 十几万:
    at_least)? The rules' reading (``_direct_counter``) and a figure read alone
    (``_alone``)."""
    return ("多" in tok or "余" in tok or "几" in tok) and _MID_MORE_RE.search(tok) is not None


_RANGE_MULTIPLIERS = {"千": 1e3, "万": 1e4, "亿": 1e8}
_SCALE_WORDS = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9}
"""The English scale words the number pattern reads after an Arabic number (``scale``)."""


def shared_scale(low: re.Match[str], high: re.Match[str]) -> float:
    """6-10万元, 三到五万, 2 to 3 million: a multiplier or scale word written once, after the
    upper end, scales the lower end too; 1 when the lower end has its own (2万-3万, 2 million
    to 3 million), the upper has none, or sharing it would lift the lower end to the upper or
    over it (2008-10万, 2008-10 million; ``_below_high``). The one reading of a range's shared
    multiplier, for the rules and the learned method's spans (``learned._low_end_scale``)."""
    if low.group("arabic"):
        if low.group("mult") or low.group("scale"):
            return 1.0
        if high.group("arabic") and high.group("scale"):
            return _below_high(low, high, _SCALE_WORDS[high.group("scale")])
    elif not low.group("zh") or low.group("zh")[-1] in "十百千万亿":
        return 1.0
    tail = (high.group("mult") or "") if high.group("arabic") else (high.group("zh") or "")
    scale = _RANGE_MULTIPLIERS.get(tail[-1:], 1.0) if tail else 1.0
    return _below_high(low, high, scale) if scale != 1.0 else 1.0


def _below_high(low: re.Match[str], high: re.Match[str], scale: float) -> float:
    """``scale`` when it keeps the lower end under the upper, else 1; 1 too when either end
    cannot be read as a number (a digit run too long to parse)."""
    try:
        below = token_value(low) * scale < token_value(high)
    except (ValueError, KeyError, ZeroDivisionError):
        return 1.0
    return scale if below else 1.0


def token_value(m: re.Match[str]) -> float:
    if m.group("frac"):
        return _fraction_percent(m.group("frac"))
    if m.group("arabic"):
        if m.group("scale"):
            return parse_english_number(m.group("arabic") + " " + m.group("scale"))
        mult = (m.group("mult") or "").removeprefix("个")  # 20个亿: 亿 after the measure word
        return parse_number(m.group("arabic") + mult.lstrip("多余"))
    if m.group("zh"):
        tok = m.group("zh")
        if tok == "半":
            return 0.5  # 半年, 半个月
        if tok == "首":
            return 1.0  # 首位捐献者: the first donor, an ordinal one
        # 三十多万, 十几万: the qualifier is read apart
        tok = tok.replace("多", "").replace("余", "").replace("几", "").replace("个", "")
        if tok in ZH_SMALL_UNITS or tok in ZH_BIG_UNITS:
            return float(ZH_SMALL_UNITS.get(tok) or ZH_BIG_UNITS[tok])
        return parse_number(tok)
    if m.group("word").startswith("half"):
        # half a month; half a million (yuan)
        return 0.5 * parse_english_number(m.group("word")[len("half a ") :] or "one")
    return parse_english_number(m.group("word"))


_MASK_BEFORE = 48
_MASK_AFTER = 32


def _continues(before: str, first: str) -> bool:
    """Would a match starting at ``first`` begin in the middle of a word or number?"""
    if first.isdigit():
        return before.isdigit() or before in ",."
    if "a" <= first <= "z":
        return "a" <= before <= "z"
    return False


_ALL_KINDS = frozenset(pat.REJECT_PATTERNS)
_INDEX_MIN_QUERIES = 8
"""Figures seen before the density of a page is judged (see ``_GateIndex._pays``)."""
_DENSE_NUMBERS = 2
"""A page with more than this many number tokens per break-even window builds the gate index
at once: on the benchmark's pages about half the tokens reach the mask test (dense pages hold
3-5 tokens per window, typical ones under 0.5). A cost setting, not a rule: both ways mask
the same numbers (tests/extract/test_fast_paths.py)."""
_REJECT_STEPS = tuple(
    (kind, rx, pat.REJECT_NEEDS.get(kind), pat.REJECT_TRIGGERS[kind])
    for kind, rx in pat.REJECT_PATTERNS.items()
)
"""(kind, reject pattern, its needs gate or None, its trigger), in ``REJECT_PATTERNS``'
order: read once, not looked up in three dicts for every number."""


class _GateIndex:
    """Per document, where each reject kind's gate can match, so a number far from all of
    them is cleared by a bisection instead of regular-expression searches of its window.

    Built from one scan per kind of the word alternatives (``pat.REJECT_INDEX_WORDS``) and
    one scan for digits that open a digit alternative (``pat.REJECT_INDEX_DIGIT_RE``). A
    scan reports matches that do not overlap, and a gate match could start inside a
    reported one; so every gate match begins at a recorded start or inside a recorded span,
    and a window that meets none holds no gate match: skipping it changes nothing."""

    def __init__(self, norm: str) -> None:
        self.norm = norm
        self.spans: list[tuple[int, int, str]] | None = None  # built when it pays
        self.starts: list[int] = []
        self.longest = 0
        self.queries = 0
        self.numbers = 0  # number tokens on the page, when the caller knows (see expect)

    def expect(self, numbers: int) -> None:
        """The page holds ``numbers`` number tokens: a page with many more than break-even
        builds the index at its first query instead of after searching a third of
        break-even windows one by one. Only the cost changes, never an answer."""
        self.numbers = numbers

    def _pays(self, pos: int) -> bool:
        """Will the index pay for itself? Scanning the page once costs about what searching
        one window per ``_MASK_BEFORE + _MASK_AFTER`` characters does; the queries still to
        come are foreseen from those made up to ``pos``. A page with few figures never
        builds it, a dense one after a few figures. Either way the answer is the same."""
        n = len(self.norm)
        break_even = n / (_MASK_BEFORE + _MASK_AFTER)
        if self.numbers > _DENSE_NUMBERS * break_even:
            return True  # a dense page, known before its first figure
        # figures often cluster (a table, a list): judge only after a third of break-even
        if self.queries < max(_INDEX_MIN_QUERIES, break_even / 3):
            return False
        still_to_come = self.queries * (n / max(pos, 1) - 1)
        return still_to_come > break_even

    def _build(self) -> list[tuple[int, int, str]]:
        norm = self.norm
        found = [
            (m.start(), m.end(), kind)
            for kind, rx in pat.REJECT_INDEX_WORDS.items()
            for m in rx.finditer(norm)
        ]
        for d in pat.REJECT_INDEX_DIGIT_RE.finditer(norm):  # each such digit, one by one
            p = d.start()
            for kind, rx in pat.REJECT_INDEX_AFTER_DIGIT.items():
                m = rx.match(norm, p + 1)
                if m:
                    found.append((p, m.end(), kind))
        spans = sorted(found)
        self.starts = [a for a, _, _ in spans]
        self.longest = max((b - a for a, b, _ in spans), default=0)
        self.spans = spans
        return spans

    def kinds_near(self, lo: int, hi: int) -> frozenset[str] | set[str]:
        """The kinds whose gate can match inside norm[lo:hi]: those with a reported span
        meeting it (a span meeting it starts at lo - longest or later)."""
        spans = self.spans
        if spans is None:
            self.queries += 1
            if not self._pays(hi):
                return _ALL_KINDS  # the caller searches the window itself
            spans = self._build()
        i = bisect.bisect_left(self.starts, lo - self.longest)
        j = bisect.bisect_left(self.starts, hi, i)
        return {kind for _, b, kind in spans[i:j] if b > lo}


def _is_masked(norm: str, s: int, e: int, gates: _GateIndex | None = None) -> bool:
    """Is the number at [s, e) inside a phone number, date, page number, rank, address,
    reference or age? Only a window around the number is searched."""
    lo, hi = max(0, s - _MASK_BEFORE), min(len(norm), e + _MASK_AFTER)
    near = (gates or _GateIndex(norm)).kinds_near(lo, hi)
    if not near:
        return False
    # the gates have no look-behind, so searching norm[lo:hi] in place equals slicing it
    for kind, rx, needs, trigger in _REJECT_STEPS:
        if kind not in near:
            continue
        if needs is not None and not needs.search(norm, lo, hi):
            continue
        if not trigger.search(norm, lo, hi):
            continue
        for m in rx.finditer(norm, lo, hi):
            ms = m.start()
            if ms > 0 and _continues(norm[ms - 1], norm[ms]):
                continue  # starts inside a word or a longer number
            if ms < e and s < m.end():
                return True
            if m.start() >= e:
                break
    return False


def extract_candidates(
    text: str, *, language: str | None = None, snippet_chars: int = 60
) -> list[Candidate]:
    """Every figure in ``text`` that maps to an indicator, in document order.

    ``language`` (``zh-Hans``, ``zh-Hant``, ``en``) is detected when not given; it is
    recorded on each candidate, and the patterns read all three regardless, so a mixed
    page still yields its English and Chinese figures.

    Pinyin glosses that mirror sites put after characters (醫(yī)院, 捐獻(xiàn)) are read
    past: the text is scanned without them and every span is mapped back to ``text``.
    """
    if not text:
        return []
    if pat.PINYIN_GLOSS_RE.search(text):
        return _without_glosses(text, language, snippet_chars)
    return _extract(text, language, snippet_chars)


def _without_glosses(text: str, language: str | None, snippet_chars: int) -> list[Candidate]:
    keep: list[int] = []  # keep[i] = offset in ``text`` of character i of the clean text
    last = 0
    for m in pat.PINYIN_GLOSS_RE.finditer(text):
        keep.extend(range(last, m.start()))
        last = m.end()
    keep.extend(range(last, len(text)))
    clean = "".join(text[i] for i in keep)
    lang = language or detect_language(text)
    out: list[Candidate] = []
    for c in _extract(clean, lang, snippet_chars):
        start, end = keep[c.start], keep[c.end - 1] + 1
        sn_s = max(0, start - snippet_chars)
        out.append(
            replace(
                c,
                start=start,
                end=end,
                stated=text[start:end],
                snippet_start=sn_s,
                snippet=_flat(text[sn_s : min(len(text), end + snippet_chars)]),
            )
        )
    return out


@dataclass(slots=True)
class _Page:
    """What every step of the per-number loop reads of the document; set once by ``_page``,
    never changed by the loop."""

    text: str  # the document as given: spans, snippets and ``stated`` are read from it
    norm: str  # normalized, same length: every pattern reads it
    lang: str
    clauses: _Bounds
    sentences: _Bounds
    hospitals: list[tuple[int, str]]  # (position, name) of every hospital named
    numbers: list[re.Match[str]]  # every number token, in order
    doc_transplant: bool  # the title names a transplant centre or department
    gates: _GateIndex  # where reject patterns can match (for _is_masked)
    is_zh_text: bool  # the document is Chinese (either script)
    has_rows: bool  # a table row (two | at least) is possible
    has_lines: bool
    has_labels: bool  # a 'label: value' line is possible
    has_hk: bool  # Hong Kong dollars need 'hk' or 'hong kong'
    snippet_chars: int


_last_tokens: tuple[str, list[re.Match[str]]] = ("", [])


def number_tokens(norm: str) -> list[re.Match[str]]:
    """Every ``NUMBER_RE`` match in ``norm``, in order (the caller must not change the list).

    The last text's list is kept: ``combined`` runs the rules, then the span stage scans
    its own normalized text (``learned.number_spans``), equal to the rules' one whenever no
    wrapped line was joined. One pattern's matches on equal strings are equal, so reusing
    them changes no answer; a scan costs ~0.5 ms a dense page (bench_extract's synthetic
    ~6 KB pages: median 0.51 ms, rv23b). Safe under threads (the web workbench): the text
    and its list are read and replaced as one tuple, and a list is returned only for an
    equal text, so another text's scan is never returned; at worst a scan is redone."""
    global _last_tokens
    last, found = _last_tokens
    if norm is last or norm == last:
        return found
    found = list(pat.NUMBER_RE.finditer(norm))
    _last_tokens = (norm, found)
    return found


def _page(text: str, language: str | None, snippet_chars: int) -> _Page:
    norm = unwrap_lines(text, normalize(text))
    hospitals = find_hospitals(text, norm)
    numbers = number_tokens(norm)
    gates = _GateIndex(norm)
    gates.expect(len(numbers))
    lang = language or detect_language(text)
    return _Page(
        text=text,
        norm=norm,
        lang=lang,
        clauses=_Bounds(norm, pat.CLAUSE_END_RE),
        sentences=_Bounds(norm, pat.SENTENCE_END_RE),
        hospitals=hospitals,
        numbers=numbers,
        doc_transplant=_doc_transplant(norm),
        gates=gates,
        is_zh_text=lang != "en",
        has_rows=norm.count("|") >= 2,  # a table row has two | at least (see _table_head)
        has_lines="\n" in norm,
        has_labels=":" in norm,
        has_hk="hk" in norm or "hong kong" in norm,
        snippet_chars=snippet_chars,
    )


_DISCRETE_CLASSES = frozenset(
    {"ops", "persons", "donors", "organs", "organ_items", "beds", "waiting", "rooms", "teams"}
)
_DOT_THOUSANDS_RE = re.compile(r"[1-9]\d{0,2}\.\d{2}0")
"""'6.400 kidney transplants': a dot before three digits ending in 0, in a count of things
that cannot be split, is a thousands separator (a page written with European separators)."""


_EN_COUNT_BEFORE_RE = re.compile(r"(?<![\d,.])\d[\d,.]*(?:\s(?:or so|[a-z-]+)){1,5}\s$")
"""A count and its noun phrase just before 'a year' ('70 patients a year', '35 kidney
transplants from dead donors a year'): the article makes a rate of the count, not a wait."""


@dataclass(slots=True)
class _Carry:
    """What the per-number loop carries from one number to the next."""

    out: list[Candidate] = field(default_factory=list)  # the figures found so far, in order
    taken: list[tuple[int, int]] = field(default_factory=list)  # their spans
    range_upper: set[int] = field(default_factory=set)  # starts of ranges' high ends
    # high ends of ranges priced by a currency before the low end (US$20,000-30,000)
    range_money: dict[int, str] = field(default_factory=dict)
    # 三、四十: the high end's start → (the low digit, where it starts)
    comma_low: dict[int, tuple[int, int]] = field(default_factory=dict)
    last_counter: tuple[int, _Counter] | None = None  # end and counter of the last figure


@dataclass(slots=True)
class _Figure:
    """One number token as the steps read it; each step fills in what it decides."""

    m: re.Match[str]  # the token (NUMBER_RE's groups: zh, arabic, frac, word...)
    s: int  # where the number starts and ends in the text
    e: int
    zh: str | None
    arabic: str | None
    frac: str | None
    is_zh_token: bool
    is_word: bool
    e_num: int  # where its counter is read: after an ordinal suffix ('1,000th') if any
    start: int  # the figure's span: the number, widened by currency and qualifiers
    end: int
    ordinal: bool = False  # 第1000例, the 1,000th
    cnt: _Counter | None = None  # the counter or unit it counts in (set by the counter steps)
    quals: list[Qualifier] = field(default_factory=list)
    range_lower: bool = False  # the low end of a range (2 to 4 weeks)
    range_scale: float = 1.0  # 6-10万元: the multiplier written once, after the high end
    plus_half: bool = False  # 'two and a half years'
    money_kind: str = ""  # the high end of a range priced by the currency before its low end
    cohort_item: bool = False  # (n = 295): a group of the count before
    list_item: bool = False  # '• Kidney = 3,709': a list item read by its label
    ranked_item: bool = False  # 'followed by Kyoto University with 72': the next item of a ranking
    uclass: str = ""  # the counter class (beds, ops, time, cny...) once the unit is read
    stated_unit: str = ""
    mult: float = 1.0
    mods: str = ""
    hkd: bool = False  # Hong Kong dollars written as such (HK$)
    hong_kong: bool = False  # yuan of a Hong Kong story: Hong Kong dollars
    adjacent: tuple[float, float] | None = None  # 五六千: (low, high) said as one number
    value: float = 0.0
    se_s: int = 0  # where its sentence starts
    ctx: _Ctx | None = None
    indicator: str = ""


def _extract(text: str, language: str | None, snippet_chars: int) -> list[Candidate]:
    """The figures of one document (without the pinyin glosses): each number token goes
    through the steps below in turn; a step that returns False (or None) drops it."""
    pg = _page(text, language, snippet_chars)
    carry = _Carry()
    for m in pg.numbers:
        f = _token(pg, carry, m)
        if f is None or not _ordinal(pg, f):
            continue
        cnt = _direct_counter(pg, carry, f)
        if not cnt.uclass:  # each counter step below reads one only when none is known yet
            cnt = _local_counter(pg, f, _range_counter(pg, carry, f, cnt))
        cnt = _counter_from_previous(pg, carry, f, cnt)
        if not cnt.uclass:
            cnt = _elliptic_counters(pg, f, cnt)
        if not cnt.uclass and f.arabic and not pg.is_zh_text:
            cnt = _ranked_next(pg, carry, f, cnt)
        if not (
            _unit(pg, f, cnt)
            and _currency(pg, f)
            and _value(pg, carry, f)
            and _money_checks(pg, f)
            and _qualifiers(pg, carry, f)
            and _statement(pg, f)
            and _indicator(pg, carry, f)
            and _canonical_value(pg, f)
        ):
            continue
        _emit(pg, carry, f)
    doc = Doc(text, pg.norm, pg.lang, pg.clauses, pg.sentences, pg.hospitals, snippet_chars)
    return _side_passes(_mark_ranges(carry.out, pg.norm), doc, pg.has_rows)


def _token(pg: _Page, carry: _Carry, m: re.Match[str]) -> _Figure | None:
    """The number token ``m``, or None when it is no figure of its own: inside the figure
    before, part of a name or a back-reference, the low digit of 三、四十 (kept for the
    number after it), a word (大陆), 数十, 二次."""
    norm = pg.norm
    s, e = m.span()
    taken = carry.taken
    if taken and s < taken[-1][1]:
        return None
    # the pattern ends '-$': the hyphen is the last character, or the one before a last
    # newline (where '$' also matches), so a number with neither cannot follow a name
    if "-" in norm[max(0, s - 2) : s] and pat.NAME_HYPHEN_BEFORE_RE.search(norm, max(0, s - 8), s):
        return None  # COVID-19, SARS-2: part of a name, not a count
    zh, arabic, frac = m.group("zh", "arabic", "frac")  # one call: read per figure
    if arabic and e - s == 4 and year_not_count(pg.text, norm, s, e):
        return None  # '1988-First ...', 'between 1997 and 1999 waiting': a year, no count
    is_zh_token = zh is not None
    if (is_zh_token or arabic) and number_fragment(norm, s, e):
        return None  # 1千零5 read 5, 15万79 read 150000: no half reading
    if norm[max(0, s - 3) : s].rstrip().endswith(pat.ZH_BACK_REFERENCE_WORDS):
        return None  # 这645例手术中: a back-reference to a figure already stated
    if is_zh_token and len(zh) == 1 and norm[e : e + 1] == "、":
        low = _comma_adjacent_low(norm, s)
        if low:  # 三、四十例: the first digit is the low end of the range read next
            carry.comma_low[e + 1] = (low, s)
            return None
    if is_zh_token and zh in _LONE_CAPITAL_DIGITS:
        return None  # 大陆 (陆 = 6 only in 陆佰), 陆续, 拾: a word, not a number
    if is_zh_token and zh[:1] in "十百千万" and norm[s - 1 : s] in ("数", "几"):
        return None  # 数十名, 几百例: 'dozens', 'hundreds', no figure
    if is_zh_token and zh == "二" and pat.ZH_RETRANSPLANT_RE.match(norm, e, e + 8):
        return None  # 二次双肺移植: a second (repeat) transplant, not a count of two
    is_word = m.group("word") is not None
    # e_num, start, end by position: keywords cost ~0.2 us a call (timeit, Python 3.11),
    # 313 number tokens on a dense page (docs/extract-history.md, perf11)
    return _Figure(m, s, e, zh, arabic, frac, is_zh_token, is_word, e, s, e)


_TIMELINE_YEAR_RE = re.compile(r"(?:19|20)\d\d\s?[-–—]\s?(?=[A-Z])")
"""A year opening a timeline entry, joined by a dash to the capitalised event after it."""
_LINE_LEADS = ("", "-", "*", "•", "·")


def _timeline_year(text: str, norm: str, s: int, e: int) -> bool:
    """Is the four-digit number at ``s``..``e`` a timeline entry's year: at the start of its
    line (after a list bullet at most) and followed by a dash and a capital ('1988-First
    split-liver transplant surgery performed', '2005 – Transplant centre opens')? Such a year
    is no count of the noun after it. Not when the word right after the dash is the number's
    own counter ('2000-Bed Hospital Opens': 2,000 beds); 2000-3000 (a digit) and '100-bed'
    (lower case) are never matched. ``text`` is the document as given (for the capital),
    ``norm`` its normalized form of the same length."""
    if not _TIMELINE_YEAR_RE.match(text, s):
        return False
    line_start = text.rfind("\n", 0, s) + 1
    if text[line_start:s].strip() not in _LINE_LEADS:
        return False
    cnt = read_counter(norm, e)
    return not (cnt.uclass and len(norm[e : cnt.end].strip(" -–—").split()) == 1)


def year_not_count(text: str, norm: str, s: int, e: int) -> bool:
    """Is the four-digit Arabic number at ``s``..``e`` a year that counts nothing: a timeline
    entry's year (``_timeline_year``) or a span's last year (``_span_end_year``)? The rules
    (``_token``) and the learned spans (``learned.number_spans``) both leave it out."""
    return _timeline_year(text, norm, s, e) or _span_end_year(norm, s, e)


def _span_end_year(norm: str, s: int, e: int) -> bool:
    """Is the number at ``s``..``e`` the last year of an English span of years whose first
    year comes right before it, as ``patterns.EN_YEAR_RANGE_RE`` reads one ('536 Canadians
    died between 1997 and 1999 waiting for organ transplants', 'from 2001 to 2003')? Not the
    hyphened form (1997-1999, read by the ranges), not when a counter follows it ('between
    1990 and 2000 transplants': a range of counts), nor when it is no later year."""
    for m in pat.EN_YEAR_RANGE_RE.finditer(norm, max(0, s - 40), e):
        for first, last in ((1, 2), (3, 4)):
            if m.start(last) == s and m.end(last) == e:
                later = int(m.group(last)) > int(m.group(first))
                return later and not read_counter(norm, e).uclass
    return False


def _ordinal(pg: _Page, f: _Figure) -> bool:
    """第1000例, the 1,000th: mark an ordinal; False for an ordinal that counts nothing
    (the 3rd largest) unless it numbers a transplant or an operation."""
    norm, s, e = pg.norm, f.s, f.e
    if norm[max(0, s - 2) : s].rstrip().endswith("第") or f.zh == "首":
        f.ordinal = True
    elif _ORDINAL_SUFFIX_RE.match(norm[e : e + 3]):
        if pat.ORDINAL_PERSON_RE.match(norm, e, e + 40) and pat.TRANSPLANT_CUE_RE.search(
            norm[max(0, s - 200) : e + 120]
        ):
            pass  # the 200th person to undergo such an operation: counter set below
        elif (
            not _ORDINAL_TRANSPLANT_RE.match(norm[e : e + 40])
            and not (
                _ORDINAL_OPERATION_RE.match(norm[e : e + 40])
                and pat.TRANSPLANT_CUE_RE.search(norm[max(0, s - 200) : e + 120])
            )
            and not _EN_ORDINAL_DONOR_RE.match(norm, e, e + 40)  # the 315th donor
        ):
            return False
        f.ordinal = True
        f.e_num = e + 2
    return True


def _direct_counter(pg: _Page, carry: _Carry, f: _Figure) -> _Counter:
    """The counter written after the number (or implied by the token: a fraction, 百分之,
    an ordinal of a transplant), the qualifiers it carries, 'and a half', and the currency
    of a range's low end for its high end."""
    norm, s, e, e_num = pg.norm, f.s, f.e, f.e_num
    cnt = read_counter(norm, e_num)
    if f.frac:
        cnt = _Counter("percent", "percent", 1.0, [], "", e)
    if f.ordinal and not cnt.uclass and e_num == e + 2:
        cnt = _ordinal_implied(norm, e)  # the 315th donor, the 9,000th surgery
    if not cnt.uclass and not f.is_zh_token:
        cnt = _implied_counter(norm, s, e, cnt)
    if f.is_zh_token and f.zh.startswith("百分之"):
        cnt = _Counter("percent", "percent", 1.0, [], "", e)
    f.quals = list(cnt.quals or [])
    if more_than_stated(f.m.group(0)):
        f.quals.append(Qualifier.AT_LEAST)  # 30多万, 三十余万, 十几万
    if not cnt.uclass and not f.is_zh_token and norm.startswith(" and a half", e):
        cnt, f.plus_half, f.range_lower = _and_a_half(norm, e, carry.range_upper)
    f.money_kind = carry.range_money.pop(s, "")
    if f.money_kind and not cnt.uclass:  # the high end of US$20,000-30,000
        cnt = _Counter(*_MONEY_COUNTER[f.money_kind], 1.0, [], "", e)
    return cnt


def _range_counter(pg: _Page, carry: _Carry, f: _Figure, cnt: _Counter) -> _Counter:
    """一到两周, 2 to 4 weeks: the second number's counter serves both (and US$20,000-30,000
    its currency); the figure is the low end, the next number is marked the high end."""
    if cnt.uclass:
        return cnt
    norm = pg.norm
    found = range_high_end(norm, f.e)
    if not found:
        return cnt
    join_end, m2, cnt2 = found
    if cnt2.uclass:
        cnt = _Counter(cnt2.uclass, cnt2.stated_unit, cnt2.mult, [], cnt2.mods, join_end)
        f.range_lower = True
        carry.range_upper.add(m2.start())
        f.range_scale = shared_scale(f.m, m2)
    elif f.arabic and m2.group("arabic"):
        kind = _currency_before(norm, f.s)
        if kind:  # US$20,000-30,000: the currency before serves both ends
            carry.range_money[m2.start()] = kind
            f.range_lower = True
            carry.range_upper.add(m2.start())
            f.range_scale = shared_scale(f.m, m2)  # 人民币40-60万: 万 for both
    return cnt


def _local_counter(pg: _Page, f: _Figure, cnt: _Counter) -> _Counter:
    """A counter named a little further on: a list's shared noun, one after a parenthesis."""
    if not cnt.uclass:
        cnt = _list_counter(pg.norm, f.e, cnt)
    if not cnt.uclass:
        cnt = _counter_after_paren(pg.norm, f.e, cnt)
    if not cnt.uclass and not pg.is_zh_text:
        cnt = _counter_after_breakdown(pg.norm, f.e, cnt)
    if (
        not cnt.uclass
        and not f.is_zh_token
        and " of " in pg.norm[f.e : f.e + 12]  # a quick test before the regular expression
        and pat.EN_OF_THE_TRANSPLANTS_AFTER_RE.match(pg.norm, f.e)
    ):
        cnt = _Counter("ops", "transplants", 1.0, [], "", f.e)  # 26 of the transplants were
    return cnt


def _part_of_the_whole_before(norm: str, s: int, e: int, prev_start: int) -> bool:
    """'Of the 124 kidney transplants performed in 2016, 111 were ...': the clause before the
    number opens on 'of the' and holds the figure before it."""
    if norm[s - 2 : s] != ", ":
        return False  # a quick test before the regular expression
    m = pat.OF_THE_PARENT_BEFORE_RE.search(norm, max(0, s - 100), s)
    if not m or m.start() > prev_start:
        return False
    # '..., 27 are still alive': the survivors among them, an outcome, no count of transplants
    return not pat.EN_OUTCOME_PART_AFTER_RE.match(norm, e, e + 40)


def _donor_kind_part(norm: str, s: int, e: int, prev_end: int) -> bool:
    """English: '..., while 25 were from deceased donors', 'of which only 73 were of living
    donors': a bare number, soon after the count of transplants before it, told as the part
    one kind of donor gave."""
    if s - prev_end > 160 or "\n" in norm[prev_end:s]:
        return False
    return bool(pat.EN_DONOR_KIND_PART_AFTER_RE.match(norm, e, e + 80))


def _counter_from_previous(pg: _Page, carry: _Carry, f: _Figure, cnt: _Counter) -> _Counter:
    """A counter taken from the figure before: a subset of a count of transplants (Among
    them, 4,138...), a part of beds (including 60 in its ward), a cohort's group (n = 295),
    a part of the waiting list (English: ``_waiting_part``; Chinese: ``_zh_waiting_item``)."""
    norm, s, e, out = pg.norm, f.s, f.e, carry.out
    if (
        not cnt.uclass
        and out
        and "transplants" in out[-1].indicator
        and (
            pat.SUBSET_BEFORE_RE.search(norm[max(0, s - 16) : s])
            or pat.SUBSET_AFTER_RE.match(norm, e)
            or pat.FURTHER_BEFORE_RE.search(norm[max(0, s - 24) : s])
            or _part_of_the_whole_before(norm, s, e, out[-1].start)
            or _donor_kind_part(norm, s, e, out[-1].end)
        )
    ):
        cnt = _Counter("ops", "transplants", 1.0, [], "", e)  # Among them, 4,138 came from
    last_counter = carry.last_counter
    if (
        not cnt.uclass
        and last_counter is not None
        and last_counter[1].uclass in _PART_CLASSES
        and s - last_counter[0] < 40
        and pat.EN_PART_BEFORE_RE.search(norm, max(0, s - 24), s)
        and pat.EN_PART_WHERE_RE.match(norm, e, e + 12)
    ):
        part = last_counter[1]  # 1,200 beds, including 60 in its transplant ward
        place = _CLAUSE_CUT_RE.split(norm[e : e + 48], 1)[0]  # read as its noun phrase
        cnt = _Counter(part.uclass, part.stated_unit, part.mult, [], place, e)
    f.cohort_item = (
        cnt.uclass in ("", "ops")
        and bool(out)
        and "transplants" in out[-1].indicator
        and bool(pat.COHORT_ITEM_BEFORE_RE.search(norm, max(0, s - 12), s))
    ) or _breakdown_item(pg, f, cnt, out)
    if f.cohort_item and cnt.uclass != "ops":
        end = cnt.end if cnt.uclass else e  # '58 deceased donors' keeps its words
        cnt = _Counter("ops", "transplants", 1.0, [], norm[max(0, s - 12) : s], end)
    if (
        cnt.uclass in ("", "organ_items")
        and out
        and out[-1].indicator == "waitlist_size"
        and f.arabic
        and _waiting_part(norm, out[-1].end, s, e)
    ):
        cnt = _Counter("waiting", "patients", 1.0, [], cnt.mods, max(e, cnt.end))
    elif cnt.uclass == "persons" and pg.is_zh_text and _zh_waiting_item(pg, carry, f):
        cnt = _Counter("waiting", "patients", 1.0, [], cnt.mods, cnt.end)  # 肝脏则有15位
    return cnt


_ZH_WAITING_ITEM_REACH = 150
"""How far back (characters) the waiting-list figure an organ's part follows may end."""


def _zh_waiting_item(pg: _Page, carry: _Carry, f: _Figure) -> bool:
    """Is the Chinese count of persons an organ's part of a waiting list counted shortly
    before (等待者有180位;其次是眼角膜有20多位,肝脏则有15位)? Its clause names an organ and
    no donation, transplant or death (zh21)."""
    norm, s = pg.norm, f.s
    if not pat.ZH_WAITING_ITEM_BEFORE_RE.search(norm, max(0, s - 16), s):
        return False
    if not any(
        c.indicator == "waitlist_size" and s - _ZH_WAITING_ITEM_REACH <= c.end <= s
        for c in carry.out
    ):
        return False
    clause_s, clause_e = pg.clauses.around(s, f.e)
    clause = norm[clause_s:clause_e]
    return not any(w in clause for w in pat.ZH_WAITING_ITEM_CLAUSE_EXCLUDED)


def _breakdown_item(pg: _Page, f: _Figure, cnt: _Counter, out: list[Candidate]) -> bool:
    """English: a part of a breakdown in parentheses of the count of transplants just before
    ('12 transplants (two single-lung and 10 double-lung)', '65 (58 deceased donors, 7 living
    donors)'): no counter of its own, or the donor kind of the transplants. A number written
    like a year is a part only when it is smaller than the largest count just before it (the
    whole): '3,120 transplants (2016 kidney, 1,104 liver)' has a part of 2016, '120
    transplants (2016 kidney, 15 liver)' a year."""
    if pg.is_zh_text or not out or "transplants" not in out[-1].indicator:
        return False
    if cnt.uclass not in ("", "ops") and not (
        cnt.uclass == "donors" and pat.EN_DONOR_KIND_RE.search(cnt.mods)
    ):
        return False
    if f.arabic and _YEAR_ONLY_RE.match(f.m.group(0)):
        whole = max([out[-1].value] + [c.value for c in out if c.start >= f.s - 160])
        if token_value(f.m) >= whole:
            return False
    return _breakdown_part(pg.norm, f.s, f.e, out[-1].start, out[-1].end)


def _number_of_other(norm: str, s: int) -> bool:
    """'The number of transplant hospitals fell from 212 in 2019 to 150': the sentence's
    'number of' names what the bare count counts, and it is no transplant (hospitals,
    centres, facilities)."""
    if "number of" not in norm[max(0, s - 160) : s]:
        return False  # a quick test before the regular expression
    nof = pat.NUMBER_OF_RE.search(norm[max(0, s - 160) : s])
    return bool(nof) and bool(pat.EN_ELLIPSIS_BLOCK_RE.search(nof.group("noun")))


def _elliptic_counters(pg: _Page, f: _Figure, cnt: _Counter) -> _Counter:
    """A counter left out and read from the sentence: an English elliptic count, a label or
    column head, a bare count dated by a year in a sentence about transplants."""
    norm, s, e = pg.norm, f.s, f.e
    if not cnt.uclass and not f.is_zh_token and f.arabic:
        cnt = _elliptic_counter(norm, s, e, pg.sentences, cnt)
    if not cnt.uclass and f.arabic and (pg.has_rows or pg.has_labels):
        cnt = _label_counter(norm, s, e, cnt)
    if not cnt.uclass and f.arabic and pg.has_lines and not pg.is_zh_text:
        cnt = _item_label_counter(norm, s, e, cnt)
        f.list_item = bool(cnt.uclass)
    if not cnt.uclass and not f.is_zh_token:
        # "rose from 150 in 2004 to 600 in 2006": a bare count dated by a year, in a
        # sentence about transplants, counts transplants
        ell = _ELLIPTIC_YEAR_RE.match(norm, e)
        if (
            ell
            and (
                pat.TRANSPLANT_CUE_RE.search(norm[max(0, s - 80) : s])
                or pat.DONATION_CUE_RE.search(norm[max(0, s - 40) : s])
            )
            and not _YEAR_ONLY_RE.match(f.m.group(0))
            and not pat.EN_RATE_BEFORE_RE.search(norm, max(0, s - 80), s)
            and not _footnote_mark(pg.text, s, e)
            and not _number_of_other(norm, s)
        ):
            cnt = _Counter("ops", "transplants", 1.0, [], "", e)
    return cnt


def _ranked_next(pg: _Page, carry: _Carry, f: _Figure, cnt: _Counter) -> _Counter:
    """A list's next item counted by the figure before it, and marked so that it is named as
    that figure is: a ranked list's after 'followed by', or a bare count in parentheses after
    an organ, one of two or more in a row (list33)."""
    se_s, _ = pg.sentences.around(f.s, f.e)
    cnt = _ranked_next_counter(pg.norm, f.s, f.e, se_s, carry.last_counter, cnt)
    if not cnt.uclass and carry.out:
        prev = carry.out[-1]
        cnt = _paren_item_counter(
            pg.norm, f.s, f.e, prev.indicator, prev.end, carry.last_counter, cnt
        )
    f.ranked_item = bool(cnt.uclass) and bool(carry.out)
    return cnt


def _ordinal_donor(pg: _Page, f: _Figure) -> bool:
    """第二位器官捐献者, 首位“大爱供者”: a Chinese ordinal person who is a donor, counted
    (GUIDE: "Ordinal donors"); other ordinal persons (第一位受益者) stay out."""
    if f.uclass == "donors":
        return not f.is_zh_token  # the 315th donor (English: _EN_ORDINAL_DONOR_RE)
    return f.uclass == "persons" and _donor_after(pg, f)


def _donor_after(pg: _Page, f: _Figure) -> bool:
    """Does a donor follow the ordinal and its counter (二位器官捐献者, 首位捐献者)? The
    first (首, 一) only when named as a person (classify.zh_donor_after)."""
    first = f.zh in ("首", "一")
    return zh_donor_after(pg.norm[f.end : f.end + 26], person=first)


def _unit(pg: _Page, f: _Figure, cnt: _Counter) -> bool:
    """Take the counter's class and unit; False for an ordinal that numbers no operation,
    a ratio's denominator (one in 30) and a duration used as an adjective (5-year)."""
    f.cnt = cnt
    f.uclass, f.stated_unit, f.mult, f.mods, f.end = (
        cnt.uclass,
        cnt.stated_unit,
        cnt.mult,
        cnt.mods,
        cnt.end,
    )
    if f.ordinal and f.uclass != "ops" and not _ordinal_donor(pg, f):
        return False
    norm, s = pg.norm, f.s
    if (
        not f.is_zh_token
        and (" in" in (before := norm[max(0, s - 12) : s]) or "every" in before)
        and (pat.EN_ONE_IN_BEFORE_RE.search(norm, max(0, s - 12), s))
    ):
        return False  # only one in 30 patients, 3 of every 10: a ratio's denominator
    if (
        f.uclass == "time"
        and f.is_word
        and norm[s] == "a"
        and _EN_COUNT_BEFORE_RE.search(norm, max(0, s - 48), s)
    ):
        return False  # '70 patients a year', '35 transplants from dead donors a year': a rate
    # a three-month shutdown, 5-year survival: a duration of something else
    return not (f.uclass == "time" and pat.EN_TIME_ADJECTIVE_RE.match(norm, f.e_num, f.end + 12))


_TAG_LAST_CHARS = frozenset("(dby ")
"""The last character before a currency-year tag's year: '(', the end of usd, rmb, cny, or
the space after them ('USD 2019 45,000')."""


def _currency_year_tag(pg: _Page, s: int, arabic: str) -> bool:
    """The year at ``s`` is a currency-year tag: glued after a currency code ('USD2019') or a
    year-and-currency note in parentheses ('(2019 USD)') beside an amount it dates. The caller
    tests _TAG_LAST_CHARS."""
    norm = pg.norm
    if not _YEAR_FULL_RE.fullmatch(arabic):
        return False
    if norm[s - 1 : s] == " ":  # 'USD 2019 45,000': the tag only before a second amount
        return bool(pat.CURRENCY_YEAR_TAG_RE.match(norm, max(0, s - 4), s + len(arabic) + 2))
    if norm[s - 1 : s] != "(":
        return bool(pat.CURRENCY_YEAR_TAG_RE.match(norm, max(0, s - 3), s + len(arabic) + 1))
    note = pat.CURRENCY_YEAR_PAREN_RE.match(norm, s)
    if not note:
        return False
    # a note dates an amount in its sentence ('the charge (2019 USD) was $310,000'); with no
    # other amount there, the number in parentheses is the amount ('a fee of (2000 yuan)')
    se_s, se_e = pg.sentences.around(s, note.end())
    before = _OTHER_AMOUNT_RE.search(norm, se_s, s - 1)
    return bool(before or _OTHER_AMOUNT_RE.search(norm, note.end(), se_e))


_OTHER_AMOUNT_RE = re.compile(r"(?<![\d,.])(?!(?:19|20)\d\d(?![\d,]))\d")
"""A number that is no year of 1900-2099 (the amount a currency-year note dates)."""


def _currency(pg: _Page, f: _Figure) -> bool:
    """The currency before the number (RMB, US$, 'dollars', HK$: the span widens to it),
    or for Chinese a count with no counter read by the nouns near it; False when the
    number still has no unit, or is a year after 'in'."""
    norm, s = pg.norm, f.s
    uclass, stated_unit, mult = f.uclass, f.stated_unit, f.mult
    start = s
    arabic = f.arabic
    if (
        arabic
        and len(arabic) == 4
        and norm[s - 1 : s] in _TAG_LAST_CHARS
        and _currency_year_tag(pg, s, arabic)
    ):
        return False  # USD2019, (2019 USD): the year of a currency's price level, no amount
    cur = pat.CURRENCY_PREFIX_RE.search(norm[max(0, s - 6) : s])
    cur_at = max(0, s - 6) + cur.start() if cur else s
    if not cur and not uclass and s >= 2 and norm[s - 2].isdigit() and norm[s - 1] == " ":
        # 'USD2019 45,000', 'USD 2019 45,000': the tag's currency is the amount's
        cur = pat.CURRENCY_YEAR_TAG_BEFORE_RE.search(norm, max(0, s - 10), s)
        cur_at = cur.start() if cur else s  # matched in norm itself, not in a slice
    if not cur and not uclass and norm.find("dollar", max(0, s - 12), s) >= 0:
        word = pat.EN_CURRENCY_WORD_BEFORE_RE.search(norm, max(0, s - 12), s)
        if word:
            start, stated_unit, uclass, mult = word.start(), "USD", "usd", 1.0
    if cur and uclass == "time" and stated_unit == "years":
        cur = None  # 人民币2015年, RMB2015年度: a year (or years) after a currency word, no amount
    if cur:
        start = cur_at
        cur_class = pat.CURRENCY_PREFIX_UNITS[re.sub(r"\s", "", cur.group("cur"))]
        if uclass not in ("cny", "usd"):
            stated_unit = "USD" if cur_class == "usd" else "CNY"
            uclass, mult = cur_class, 1.0
    hkd_at = (
        s
        if f.money_kind == "hkd"
        else _hkd_written(norm, s, uclass, f.mods, cur is not None)
        if pg.has_hk
        else None
    )
    f.hkd = hkd_at is not None
    if hkd_at is not None:
        start = min(start, hkd_at)
        if uclass not in ("cny", "usd"):  # HK$892,900: priced like yuan, as price_hkd
            uclass, stated_unit, mult = "cny", "HKD", 1.0
    if not uclass and pg.is_zh_text:  # counts with no counter, read by the nouns near them
        bare = _bare_count(norm, s, f.e, f.m.group(0))
        if bare:
            uclass, stated_unit, mult, f.end = bare
    if (
        uclass == "cny"
        and "美金" in norm[max(0, s - 16) : s]
        and pat.ZH_USD_BEFORE_RE.search(norm, max(0, s - 16), s)
    ):
        uclass, stated_unit = "usd", "USD"  # 美金2000-4000元: dollars, not yuan
    f.uclass, f.stated_unit, f.mult, f.start = uclass, stated_unit, mult, start
    if not uclass:
        return False
    return not (
        uclass not in ("time",)
        and f.arabic
        and _YEAR_FULL_RE.fullmatch(f.arabic)
        and pat.YEAR_PREPOSITION_RE.search(norm[max(0, s - 8) : s])
    )  # "in 1978 revolutionized transplantation", "revenue ... in 2008"


def _value(pg: _Page, carry: _Carry, f: _Figure) -> bool:
    """The number's value as stated: the high end of 五六千 or 三、四十 (the span then starts
    at the low digit), scaled by a range's shared multiplier, plus a half; False when it
    cannot be read or is a wait in years that is a calendar year."""
    adjacent = adjacent_range(f.zh) if f.is_zh_token else None
    comma_low = carry.comma_low
    if comma_low and f.s in comma_low:
        low_digit, f.start = comma_low.pop(f.s)  # the span starts at the low digit
        adjacent = _comma_range(f.zh, low_digit)
    f.adjacent = adjacent
    try:
        value = adjacent[1] if adjacent else token_value(f.m) * f.range_scale
        value += 0.5 if f.plus_half else 0.0
    except ValueError:
        return False
    if (
        f.uclass in _DISCRETE_CLASSES
        and f.arabic
        and _DOT_THOUSANDS_RE.fullmatch(f.arabic)
        and not f.m.group("scale")
        and not (f.m.group("mult") or "").lstrip("多余")
    ):  # 'close to 6.400 transplants'; not 6.400万例 nor 1.500 million, a decimal point
        value = float(f.arabic.replace(".", "")) * f.range_scale
    f.value = value
    # 2015年: a calendar year, no wait; dropped before its context is read
    return not (
        f.uclass == "time" and f.stated_unit in ("years", "years+half") and value > _MAX_WAIT_YEARS
    )


def _money_checks(pg: _Page, f: _Figure) -> bool:
    """Foreign currencies (NT dollars, Singapore dollars), Hong Kong dollars, a rank among
    persons (前三名) and 'one' as an article (一名, one surgeon) are no figure here."""
    norm, s, end = pg.norm, f.s, f.end
    uclass = f.uclass
    if f.hkd:
        uclass = f.uclass = "cny"
    elif uclass in ("cny", "usd") and pat.FOREIGN_CURRENCY_RE.search(
        _currency_window(norm, s, end)
    ):
        return False
    elif uclass == "usd" and (
        pat.EN_FOREIGN_CURRENCY_RE.search(norm, s, end) or pat.EN_FOREIGN_CURRENCY_RE.search(f.mods)
    ):
        return False  # 7,734,540,000 NT dollars; 20,000-30,000 Singapore dollars
    if uclass == "cny" and not f.hkd and _taiwan_dollars(norm, s, end, pg.sentences):
        return False
    f.hong_kong = f.hkd or (uclass == "cny" and _hong_kong_dollars(norm, s, end, pg.sentences))
    if uclass == "persons" and pat.TOP_N_BEFORE_RE.search(norm, max(0, s - 2), s):
        return False  # 等候人数前三名: a rank
    return not (
        f.value == 1
        and (f.is_zh_token or f.is_word)
        and uclass not in ("time", "percent")
        and not pat.EN_ONE_RANKED_RE.match(norm, f.e, f.e + 24)
        and not (f.ordinal and _donor_after(pg, f))  # 第一位捐献者, 首例捐献: the first donor
    )  # 一名, 一例, one surgeon: an article, not a figure


def _qualifiers(pg: _Page, carry: _Carry, f: _Figure) -> bool:
    """The figure's qualifier and span (``read_figure``, told what the steps before read:
    its token's and counter's qualifiers, the span past its currency and counter, a range's
    end). False when the widened span runs into the figure before."""
    told = Told(
        quals=f.quals,
        start=f.start,
        end=f.end,
        uclass=f.uclass,
        range_end="low"
        if f.range_lower
        else "high"
        if f.s in carry.range_upper or f.adjacent
        else "",
    )
    qualifier, start, end = read_figure(pg.norm, f.m, told)
    f.quals, f.start, f.end = [qualifier], start, end
    taken = carry.taken
    return not (taken and start < taken[-1][1])


@dataclass(frozen=True, slots=True)
class Told:
    """What the rules' steps read of a figure before its qualifiers (``read_figure``)."""

    quals: list[Qualifier]  # its counter's and its token's qualifiers (1200余例, 30多万)
    start: int  # where it starts: the number, or a currency before it (RMB, US$, dollar)
    end: int  # where it ends: the number, or its counter (past a range word: 一到, 2 to)
    uclass: str  # its counter's class (ops, time, cny...), a currency's when it has none
    range_end: str  # "low" (一到两周's 一), "high" (its 两周, 五六千), "" for neither


def read_figure(
    norm: str, m: re.Match[str], told: Told | None = None
) -> tuple[Qualifier, int, int]:
    """(qualifier, start, end) of the figure at the number token ``m`` of ``norm``, as the
    rules read it: the qualifiers of its counter and token, then those written before its
    currency and after its counter (``read_qualifiers``: 不到两周, more than 200, 约3万元,
    500例以上), each widening the span; a range's low end is at_least, its high end
    at_most. The rules' pipeline tells what its steps read (``Told``); without it the
    figure is read alone, as the span stage reads a number the rules left
    (``learned._new_candidate``): ``_told_alone``."""
    told = told or _told_alone(norm, m)
    found, start, end = read_qualifiers(
        norm, m.start(), told.start, told.end, told.uclass, m.group("zh")
    )
    if told.range_end == "low":
        return Qualifier.AT_LEAST, start, end
    if told.range_end == "high":
        return Qualifier.AT_MOST, start, end
    return _combine(told.quals + found), start, end


def _told_alone(norm: str, m: re.Match[str]) -> Told:
    """What the rules' steps would read of the number ``m`` with nothing read before it:
    its counter (``counter_at``; an ordinal's, the 1,000th liver transplant), the currency
    before it, a range's end: 一到两周, 2 to 4 weeks (``_range_low_end``), US$20,000-30,000
    (``_money_range_low``); 五六千, 三、四十 (the span from the low digit), or the number
    after such a low end; or one of two figures of one counter joined by a range word
    (30万元至50万元, 29 beds to 70 beds, between $50,000 and $100,000:
    ``ranges.joins_range``, as ``_mark_ranges`` joins two figures of one indicator)."""
    s = m.start()
    zh = m.group("zh")
    quals, start, end, uclass = _alone(norm, m)
    low = _comma_low_before(norm, s) if zh else 0
    if low:  # 三、四十例, 兩、三百台: the span from the low digit, the high end at_most
        return Told(quals, s - 2, end, uclass, "high" if _comma_range(zh, low) else "")
    low_end = _range_low_end(norm, m)
    if low_end:
        return Told(quals, start, low_end, uclass, "low")
    if _money_range_low(norm, m):
        return Told(quals, start, end, uclass, "low")
    if (zh and adjacent_range(zh)) or _range_high_end(norm, s):
        return Told(quals, start, end, uclass, "high")
    if any(_money_range_low(norm, lo, s) for lo in _numbers_before(norm, s)):
        return Told(quals, start, end, uclass, "high")
    return Told(quals, start, end, uclass, _figure_range_end(norm, m, start, end, uclass))


def _alone(norm: str, m: re.Match[str]) -> tuple[list[Qualifier], int, int, str]:
    """(qualifiers, start, end, counter class) of the number ``m`` read alone: its
    counter's and token's qualifiers, the span over the currency before it and its
    counter."""
    s, e = m.span()
    ordinal = _ORDINAL_SUFFIX_RE.match(norm[e : e + 3]) is not None
    cnt = _ordinal_counter(norm, e) if ordinal else counter_at(norm, m)
    quals = list(cnt.quals or [])
    if more_than_stated(m.group(0)):
        quals.append(Qualifier.AT_LEAST)
    start, currency = currency_prefix(norm, s)
    end = max(e, cnt.end) if cnt.uclass else e
    return quals, start, end, cnt.uclass or currency


def _comma_low_before(norm: str, s: int) -> int:
    """The low digit of 三、四十 when the number at ``s`` is its high end (``_token``: a
    lone Chinese digit, then 、: the whole number token before the 、, so not the 三 of
    十三、四十), or 0."""
    if s < 2 or norm[s - 1] != "、":
        return 0
    lo = next(reversed(list(_numbers_before(norm, s - 1))), None)  # the token before 、
    if lo is None or lo.span() != (s - 2, s - 1) or not lo.group("zh"):
        return 0
    return _comma_adjacent_low(norm, s - 2)


def _ordinal_counter(norm: str, e: int) -> _Counter:
    """The counter of an ordinal ending at ``e`` before its suffix, as ``_direct_counter``
    reads one: after the suffix ('the 1,000th liver transplant'); else the one it implies
    (``_ordinal_implied``)."""
    cnt = read_counter(norm, e + 2)
    return cnt if cnt.uclass else _ordinal_implied(norm, e)


def _ordinal_implied(norm: str, e: int) -> _Counter:
    """The counter an English ordinal ending at ``e`` (before its suffix) implies when none
    is written after the suffix: a donor (the 315th donor, its 400th organ donation) unless
    a transplant follows; else a transplant (the 200th person to undergo such an
    operation, the 500th "split" liver transplant case, the 9,000th surgery: the ordinal
    patterns of ``_ordinal`` read them). The rules' reading (``_direct_counter``) and a
    figure read alone (``_ordinal_counter``)."""
    donor = _EN_ORDINAL_DONOR_RE.match(norm, e, e + 40)
    if donor and not _ORDINAL_TRANSPLANT_RE.match(norm[e : e + 40]):
        return _Counter("donors", "donors", 1.0, [], donor.group(0), donor.end())
    return _Counter("ops", "transplants", 1.0, [], "", e + 2)


_RANGE_PARTNER_REACH = 12
"""How far a range's other end is looked for past the figure's span (' and rmb ')."""


def _figure_range_end(norm: str, m: re.Match[str], start: int, end: int, uclass: str) -> str:
    """ "low" or "high" when the figure at ``m`` (``start``-``end`` before its qualifiers)
    and the number after or before it, read alone with the same counter class, are joined
    as a range (``ranges.joins_range`` on their spans widened by their qualifiers); "" when
    they are not."""
    s, zh = m.start(), m.group("zh")
    _, a_start, a_end = read_qualifiers(norm, s, start, end, uclass, zh)
    fig = (a_start, a_end, uclass, m.group(0))
    nxt = pat.NUMBER_RE.search(norm, a_end, a_end + _RANGE_PARTNER_REACH)
    if nxt and _joined(norm, fig, nxt, after=True):
        return "low"
    before = list(pat.NUMBER_RE.finditer(norm, max(0, a_start - 48), a_start))
    if before and _joined(norm, fig, before[-1], after=False):
        return "high"
    return ""


def _joined(
    norm: str, fig: tuple[int, int, str, str], other: re.Match[str], *, after: bool
) -> bool:
    """Is the number ``other`` (after or before the figure ``fig``: its widened start, end,
    counter class and token) the range's other end?"""
    _, start, end, uclass = _alone(norm, other)
    if not _one_counter(fig[2], fig[3], uclass, other.group(0)):
        return False
    _, o_start, o_end = read_qualifiers(norm, other.start(), start, end, uclass, other.group("zh"))
    if after:
        return joins_range(norm, fig[0], fig[1], o_start)
    return joins_range(norm, o_start, o_end, fig[0])


_MONEY_CLASSES = frozenset(pat.CURRENCY_PREFIX_UNITS.values())


def _one_counter(a: str, a_token: str, b: str, b_token: str) -> bool:
    """Can two figures (counter class and token each) be one range's ends: the same class
    (never an unread one at a bare year on either side, 'from 30 in 2010 to over 5,500',
    'from 100 in 2015 to 500': a year dates a figure), or a bare number and a price, the
    currency written before the high end alone (20,000 to US$30,000, 20万至人民币30万元:
    ``_mark_ranges`` joins them by indicator)?"""
    a_year, b_year = (_YEAR_FULL_RE.fullmatch(t) is not None for t in (a_token, b_token))
    if a == b:
        return bool(a) or not (a_year or b_year)
    if not a:
        return b in _MONEY_CLASSES and not a_year
    return not b and a in _MONEY_CLASSES and not b_year


def counter_at(norm: str, m: re.Match[str]) -> _Counter:
    """The counter the rules would read for the number ``m`` with nothing read before it
    (its own, implied, a range's or a list's last item's, or the noun after parentheses):
    what the span stage reads of every number (``learned.number_spans``). A calendar year
    before 年 (2019年, 九五年) has none, as the rules read one (sp24); an abbreviated time
    unit after an Arabic number (2 yrs, 6 mos, 3 wks, 21 d) is one."""
    s, e = m.span()
    cnt = read_counter(norm, e)
    if cnt.stated_unit == "years" and calendar_year(norm, m):
        return _Counter(end=e, quals=[])  # 2019年, 九五年: a year, not a wait
    if m.group("frac") or (m.group("zh") or "").startswith("百分之"):
        return _Counter("percent", "percent", 1.0, [], "", e)
    if not cnt.uclass and m.group("arabic"):
        cnt = _abbreviated_time(norm, e, cnt)
    if not cnt.uclass and m.group("zh") is None:
        cnt = _implied_counter(norm, s, e, cnt)
    if not cnt.uclass:
        found = range_high_end(norm, e)
        if found:
            cnt = found[2]
    if not cnt.uclass:
        cnt = _list_counter(norm, e, cnt)
    if not cnt.uclass:
        cnt = _counter_after_paren(norm, e, cnt)
    return cnt


_ABBREVIATED_TIME_RE = re.compile(
    r"(?:[ \u00a0]?(?P<unit>yrs?|mos|wks?)|[ \u00a0](?P<d>d))(?![a-z\d])"
)
"""A time unit abbreviated after an Arabic number: 2 yrs, 6 mos, 3 wks, and the day of
medical writing in either language, after a space (术后住院时间平均21 d; not 3d, 3-D)."""
_ABBREVIATED_UNITS = {"yr": "years", "yrs": "years", "mos": "months", "wk": "weeks",
                      "wks": "weeks", "d": "days"}  # fmt: skip


def _abbreviated_time(norm: str, e: int, cnt: _Counter) -> _Counter:
    """``cnt``, or the time counter of an abbreviated unit right after the number."""
    am = _ABBREVIATED_TIME_RE.match(norm, e)
    if am is None:
        return cnt
    unit = _ABBREVIATED_UNITS[am.group("unit") or am.group("d")]
    return _Counter("time", unit, 1.0, [], "", am.end())


_SHORT_YEAR_RE = re.compile(r"[零〇○一二三四五六七八九]{2}")
_ZH_YEAR_RE = re.compile(r"[一二][零〇○一二三四五六七八九]{3}")
_ZERO_DIGITS = "零〇○"


def calendar_year(norm: str, m: re.Match[str]) -> bool:
    """Is the number ``m``, before 年, a calendar year: four Arabic digits 1900-2100, four
    Chinese digits said one by one (一九六七), or the last two (``short_year``)?"""
    tok = m.group("arabic") or ""
    if m.group("mult") or m.group("scale"):
        return False
    if len(tok) == 4 and tok.isdigit():
        return 1900 <= int(tok) <= 2100
    zh = m.group("zh") or ""
    if _ZH_YEAR_RE.fullmatch(zh):  # 一九六七年, 二〇一六年: a year said digit by digit
        return True
    return not adjacent_range(zh) and short_year(norm, m) is not None


def short_year(norm: str, m: re.Match[str]) -> float | None:
    """A year said by its last two digits, one by one, before 年 (九五年 1995, 一六年 2016,
    〇八年 2008: a wait would say 九十五年), which the parser refuses as two numbers (or
    reads 〇八 as 8); 19xx from 50, 20xx below; None for any other token. Two consecutive
    digits (一二年, 三五年) are a range (``adjacent_range``): the caller asks first."""
    zh = m.group("zh") or ""
    if not _SHORT_YEAR_RE.fullmatch(zh) or norm[m.end() : m.end() + 1] != "年":
        return None
    digits = [0 if ch in _ZERO_DIGITS else pat.ZH_DIGIT_VALUES[ch] for ch in zh]
    tail = 10 * digits[0] + digits[1]
    return float(1900 + tail if tail >= 50 else 2000 + tail)


def _range_low_end(norm: str, m: re.Match[str]) -> int:
    """Where the low end of 一到两周, 2 to 4 weeks ends (past the range word) when ``m`` is
    one, as the rules read it (``_range_counter``: a number with no counter of its own
    before a range word and a number with one); 0 when it is none."""
    e = m.end()
    if read_counter(norm, e).uclass:
        return 0
    found = range_high_end(norm, e)
    return found[0] if found and found[2].uclass else 0


def _range_high_end(norm: str, s: int) -> bool:
    """Is the number at ``s`` the high end of such a range (the low end right before it)?"""
    return any(_range_low_end(norm, lo) == s for lo in _numbers_before(norm, s))


def _numbers_before(norm: str, s: int) -> Iterator[re.Match[str]]:
    """The number tokens that could be a range's low end before the number at ``s``."""
    return pat.NUMBER_RE.finditer(norm, max(0, s - 24), s)


def _money_range_low(norm: str, m: re.Match[str], high: int = -1) -> bool:
    """Is ``m`` the low end of US$20,000-30,000, 人民币40-60万 (``_range_counter``: an Arabic
    number with no counter of its own after a currency, a range word and an Arabic number),
    its high end at ``high`` when given?"""
    s, e = m.span()
    if not m.group("arabic") or read_counter(norm, e).uclass:
        return False
    if m.group("zh") is None and _implied_counter(norm, s, e, read_counter(norm, e)).uclass:
        return False
    found = range_high_end(norm, e)
    if not found or found[2].uclass or not found[1].group("arabic"):
        return False
    return (high < 0 or found[1].start() == high) and bool(_currency_before(norm, s))


def _context(pg: _Page, f: _Figure) -> _Ctx:
    """The figure's clause and sentence (the figure left out), the question a Q/A answer
    replies to, and what the classification reads besides."""
    norm, s, e, start, end = pg.norm, f.s, f.e, f.start, f.end
    sentences = pg.sentences
    cl_s, cl_e = pg.clauses.around(s, e)
    se_s, se_e = sentences.around(s, e)
    question = ""
    if se_s > 1 and (
        pat.ANSWER_MARKER_RE.match(norm[se_s : se_s + 16])
        or (norm[se_s - 1] == "?" and f.uclass == "time")  # '"How long ...?" "A week or two."'
    ):
        q_s, q_e = sentences.around(se_s - 2, se_s - 1)
        question = norm[q_s : q_e + 1]
    f.se_s = se_s
    cl_left, cl_right, se_right = norm[cl_s:start], norm[end:cl_e], norm[end:se_e]
    # positional, in _Ctx's field order (test_fast_paths checks the fields' relations): with
    # 19 keywords the call took 1.8-2.1 us against 0.6-0.9 (timeit, Python 3.11); the whole
    # extraction: 1.02x [0.94-1.07], within its noise (c05179a)
    return _Ctx(
        cl_left + " " + cl_right,  # clause
        cl_left,  # left_clause
        cl_right,  # right
        norm[se_s:start],  # sentence_left
        norm[se_s:se_e],  # sentence
        f.mods,  # mods
        question,
        pg.doc_transplant,
        norm[max(0, s - pat.DOC_CONTEXT_CHARS) : s],  # before_doc
        se_right.split(",", 1)[0],  # tail
        _table_head(norm, s) if f.uclass == "time" else "",  # table_head: only waits read it
        norm[start:s],  # prefix
        se_right,  # sentence_right
        se_s,  # sentence_start
        sentences,  # sentence_bounds
        s if pg.has_lines and f.uclass == "time" else -1,  # list_at
        norm,  # doc
        pg.lang == "zh-Hant",  # traditional
        pg.is_zh_text,  # chinese
    )


def _statement(pg: _Page, f: _Figure) -> bool:
    """Build the figure's context; False for a hypothetical, a forecast, 'would require'
    and a target or (Chinese) a threshold: no value stated as fact."""
    ctx = f.ctx = _context(pg, f)
    if pat.HYPOTHETICAL_RE.search(ctx.left_clause) or (
        "to " in ctx.right and pat.EN_FORECAST_RE.search(ctx.right, 0, 60)
    ):
        return False
    if "would" in ctx.right and _EN_WOULD_NEED_AFTER_RE.search(ctx.right, 0, 60):
        return False  # 'conducting 100 transplants each year would require no more than 10 beds
    if not pg.is_zh_text and f.uclass == "ops" and _en_to_come(ctx, _after_number(pg, f)):
        return False  # '15-20 more ... would be performed', 'will perform the 17th ...'
    if pg.is_zh_text and f.uclass == "ops" and _offered(ctx):
        return False  # 推出了免费20例肝移植: a promotion's cases, not transplants done
    # 目标...增加到一年五万例, 规定...少于四例, 'expects to increase ... to 500': a target
    return not _target(ctx.sentence_left, pg.is_zh_text, f.uclass)


def _en_to_come(ctx: _Ctx, after: str) -> bool:
    """English: is the count of operations still to come, said after it (in ``after``, its
    sentence from the end of its number on: '... would be performed') or right before it
    ('will perform the 17th')? (h23r)"""
    right = after[:100]
    if ("would" in right or "will" in right) and pat.EN_FUTURE_DONE_AFTER_RE.search(right):
        return True
    left = ctx.left_clause[-60:]
    return ("will" in left or "shall" in left) and bool(pat.EN_WILL_DO_BEFORE_RE.search(left))


def _after_number(pg: _Page, f: _Figure) -> str:
    """The figure's sentence from the end of its number on, its counter and suffix included
    (``sentence_right`` starts after them, and they may hold the 'and' that ends the count's
    clause: '300 kidney transplants and more will be performed next year')."""
    ctx = f.ctx
    return pg.norm[f.e : ctx.sentence_start + len(ctx.sentence)]


def _offered(ctx: _Ctx) -> bool:
    """Are the Chinese cases offered in a promotion (免费, 促销) in the sentence before the
    count or straight after it (10例免费儿童肝移植计划)?"""
    left, right = ctx.sentence_left, ctx.right[:16]
    if "免费" not in left and "促销" not in left and "免费" not in right:
        return False  # every offer names 免费 or 促销: most sentences have neither
    return bool(pat.ZH_OFFER_RE.search(left) or pat.ZH_OFFER_RE.match(right))


def _indicator(pg: _Page, carry: _Carry, f: _Figure) -> bool:
    """Counter class and context → indicator (``_classify``), with the figures before as
    a fallback (a list's sibling, an English price item) and to refine it (a subset, a
    cohort's group); False when none fits."""
    ctx, uclass, out = f.ctx, f.uclass, carry.out
    indicator = _classify(uclass, ctx, f.ordinal)
    if f.ranked_item:  # the next item of a ranking counts what the item before it counts
        indicator = out[-1].indicator
    if (
        (uclass == "ops" and indicator in (None, "surgeries_per_year"))
        or (uclass == "cny" and indicator is None)
        or (uclass == "persons" and indicator is None and pg.is_zh_text)  # 去年二百六十四人
    ):
        indicator = _list_sibling(out, pg.norm, f.start, f.se_s) or indicator
    if indicator is None and uclass in ("cny", "usd") and out and not pg.is_zh_text:
        indicator = _en_price_item(out[-1], pg.norm, f.start, uclass)
    if indicator is None and f.list_item:  # its heading named transplants, further back than
        indicator = "transplants_cumulative"  # the context reads; its period is read below
    if indicator is None:
        return False
    if pg.is_zh_text and _zh_tissue_count(f, indicator):
        return False  # 年做500例骨移植, 1500例患者接受了胰岛移植: no organ transplants
    if pg.is_zh_text and _zh_one_event_count(f, indicator):
        return False  # 完成三台肺移植手术, 存活最久的2例: a few operations of one story
    if uclass in ("cny", "usd") and not _converts_a_figure(pg.norm, f.start, out):
        return False  # 'NT$1.5 million (about $46,200)': the conversion of no figure
    if f.hong_kong:  # 籌集約150萬元手術費 in a Hong Kong story: Hong Kong dollars
        if indicator not in ("price_cny", "surgical_fee_cny"):
            return False
        indicator = "price_hkd"
    indicator = _subset_indicator(indicator, ctx, out, f.se_s)
    if f.cohort_item and "transplants" in indicator:
        indicator = out[-1].indicator  # (n = 295): a group of the count before
    if f.list_item and indicator in ("transplants_in_period", "transplants_cumulative"):
        indicator = _list_item_indicator(pg.norm, f.s, f.end)
    f.indicator = indicator
    return True


def _zh_tissue_count(f: _Figure, indicator: str) -> bool:
    """A Chinese count of transplants whose clause goes on to a cell or tissue transplant
    (the first 移植 after it is 胰岛移植, 骨移植, 骨髓移植...): no organ transplants."""
    if not indicator.startswith("transplants_") or f.ctx is None:
        return False
    right = f.ctx.right
    at = right.find("移植")
    return at >= 0 and bool(pat.ZH_TISSUE_TX_RE.search(right, max(0, at - 6), at + 2))


_ONE_EVENT_MAX = 4
"""The most transplants a Chinese count with no period and no running total may hold and
still be read as one story's (a day's operations, one donor's recipients, a court case's).
On the readable Chinese sets (tuned on: no estimate for unseen text), at 76b7a53, the counts
such a cap drops were: at most 4, 1 gold figure of 12; 5 to 10, none of 4; above 10, 37 of
53 (得到肺移植的病人有廿人; ``python benchmarks/one_event_cap.py``)."""


def _zh_one_event_count(f: _Figure, indicator: str) -> bool:
    """A Chinese count of at most ``_ONE_EVENT_MAX`` transplants (or recipients) whose
    clause, sentence and neighbours name neither a period nor a running total (the period
    decision's default): the operations of one event told as a story (完成三台肺移植手术,
    4名受贈者均已出院, 存活最久的2例, 其中兩起未遂), no figure of the vocabulary. An ordinal
    (第三例), a list or table item and a cohort's group keep their figure."""
    if indicator not in ("transplants_in_period", "transplants_cumulative"):
        return False
    if f.ordinal or f.list_item or f.cohort_item or f.ctx is None:
        return False
    if f.value * f.mult > _ONE_EVENT_MAX or "|" in f.ctx.sentence:
        return False
    return decide_period(_period_view(f.ctx)).reason == NO_CUE_REASON


def _list_item_indicator(norm: str, s: int, end: int) -> str:
    """A list item's count of transplants: for the period its own line names, else the one
    its heading names ('As of December 31, 2023, total transplants include:' → a running
    total; '2024 was a great year for the program' → that year's), read by the one period
    decision with the heading as the sentence before, joined to the item."""
    line_start = norm.rfind("\n", 0, s) + 1
    line_end = norm.find("\n", end)
    line_end = len(norm) if line_end < 0 else line_end
    left, right = norm[line_start:s], norm[end:line_end]
    view = PeriodView(
        clause=left + " " + right,
        left_clause=left,
        sentence=left + " " + right,
        sentence_left=left,
        sentence_right=right,
        previous=list_item_head(norm, line_start),
        previous_joined=True,
    )
    return "transplants_" + decide_period(view).kind


def _canonical_value(pg: _Page, f: _Figure) -> bool:
    """The value in the indicator's canonical unit (days, fraction, yuan...); False when it
    is not positive, above the indicator's maximum, or the number is masked (a date, a
    phone number...: the last filter, the most costly)."""
    value, stated_unit = f.value, f.stated_unit
    if f.uclass == "time":
        if stated_unit == "months+half":  # 一个半月: one and a half months
            value, stated_unit = value + 0.5, "months"
        elif stated_unit == "years+half":  # 一年半: one and a half years
            value, stated_unit = value + 0.5, "years"
        value = value * TIME_TO_DAYS[stated_unit]
    elif f.uclass == "percent":
        value = value * f.mult * UNIT_CONVERSIONS[("percent", "fraction")]
    else:
        value = value * f.mult
    if value <= 0:
        return False
    max_value = INDICATORS[f.indicator].max_value
    if max_value is not None and value > max_value:
        return False
    f.value = value
    if f.ordinal and f.indicator == "opo_donors":
        return True  # 第二位捐献者: the rank mask's 第N位 is the Nth donor here
    return not _is_masked(pg.norm, f.s, f.e, pg.gates)


def _emit(pg: _Page, carry: _Carry, f: _Figure) -> None:
    """Period or as-of date, organ and hospital; append the Candidate (and the low end of
    五六千 as its own figure) unless it restates the figure before in another unit."""
    ctx, indicator, out = f.ctx, f.indicator, carry.out
    period, as_of = _period_of(indicator, ctx)
    organ = ""
    if indicator not in _NO_ORGAN:
        organ = _nearest_organ(ctx, sentence_fallback=True, multi_ok=indicator in _UNIT_LEVEL)
    hospital = _hospital_at(pg.hospitals, f.s)
    start, end, text = f.start, f.end, pg.text
    if pg.is_zh_text and out and _zh_restated(out[-1], indicator, f.value, pg.norm, start):
        return  # 51个月,即4.25年: the figure before, said again in another unit
    sn_s = max(0, start - pg.snippet_chars)
    sn_e = min(len(text), end + pg.snippet_chars)
    out.append(
        Candidate(
            indicator=indicator,
            organ=organ,
            value=round(f.value, 6),
            qualifier=str(_combine(f.quals)),
            unit=canonical_unit(indicator),
            period=period,
            as_of=as_of,
            start=start,
            end=end,
            snippet=_flat(text[sn_s:sn_e]),
            snippet_start=sn_s,
            stated=text[start:end],
            hospital=hospital,
            language=pg.lang,
        )
    )
    carry.taken.append((start, end))
    carry.last_counter = (end, f.cnt) if f.cnt is not None else None  # (always set by _unit)
    if f.adjacent:  # 五六千人, 三四周: the low end of the range as its own figure
        high = out[-1]
        low = round(high.value * f.adjacent[0] / f.adjacent[1], 6)
        out.append(replace(high, value=low, qualifier=str(Qualifier.AT_LEAST)))


def _side_passes(out: list[Candidate], doc: Doc, has_rows: bool) -> list[Candidate]:
    """The figures found by number are joined by those the side passes find (first and
    founded years, ranks, year-column tables), in text order."""
    norm = doc.norm
    out.extend(_year_candidates(doc))
    if pat.TRANSPLANT_CUE_RE.search(norm):  # the cue _rank_candidates asks of each sentence
        out.extend(_rank_candidates(doc))
    if has_rows and norm.count("|") >= 4:
        taken_starts = {c.start for c in out}
        out.extend(c for c in _year_table_candidates(doc) if c.start not in taken_starts)
    if any(w in norm for w in pat.EN_RANK_GATE_WORDS):
        out.extend(_en_rank_candidates(doc))
    out.sort(key=lambda c: c.start)
    return out


def _footnote_mark(text: str, s: int, e: int) -> bool:
    """A bare number between a sentence's full stop and the capital that opens the next one
    ('... in 2005. 520 In 2010, it ...') is a footnote mark of the page, not a count."""
    return (
        text[max(0, s - 2) : s].rstrip().endswith(".")
        and text[e : e + 1] == " "
        and text[e + 1 : e + 2].isupper()
    )


def _period_of(indicator: str, ctx: _Ctx) -> tuple[str, str]:
    """(period, as_of) of a figure: a year, a year range, P1Y (per year), P1D (per day).
    Donors and organs used take a period when the period decision reads them as a count
    for a period (2015年全国捐献2766例), an as-of date when it reads a running total."""
    if indicator in _PERIOD_INDICATORS or (
        indicator in _PERIOD_OR_TOTAL and _temporal(ctx) == "in_period"
    ):
        period = _year_range(ctx.clause) or _year_range(ctx.sentence_left)
        if period:
            return period, ""
        ys = _years(ctx.clause)
        if ys:
            return ys[-1], ""
        if _has(pat.ANNUAL_CUE_RE, ctx.clause):
            return "P1Y", ""
        ys = _years(ctx.sentence_left)
        if ys:
            return ys[-1], ""
        if _has(pat.ANNUAL_CUE_RE, ctx.sentence_left, ctx.question):
            return "P1Y", ""
        return _period_before(ctx), ""
    if indicator in ("transplants_per_day_max", "transplants_per_day_capacity"):
        ys = _years(ctx.clause)
        return "P1D", _as_of(ctx.clause) or (ys[-1] if ys else "")
    if indicator in ("transplants_cumulative", "surgeon_transplants_cumulative") or (
        indicator in _PERIOD_OR_TOTAL
    ):
        return "", _as_of(ctx.clause) or _as_of(ctx.sentence_left) or _lead_date(ctx.sentence_left)
    if indicator in _NO_DATE:
        return "", ""
    as_of = _as_of(ctx.clause)
    if not as_of:
        ys = _years(ctx.left_clause)
        as_of = ys[-1] if ys else ""
    return "", as_of


def _period_before(ctx: _Ctx) -> str:
    """The period of a count that continues the sentence before it (2016年完成肾移植1200例。
    肝移植另有300例 → 2016): its span or the year it opens with, when the decision read
    it there."""
    if "sentence before" not in decide_period(_period_view(ctx)).reason:
        return ""
    previous = _previous_sentence(ctx)
    ys = _years(previous)
    return _year_range(previous) or (ys[0] if ys else "")


_LEAD_DATE_RE = re.compile(rf"^\s*(?:in\s)?({pat.YEAR})\s?年?\s?(?:(\d{{1,2}})\s?月)?")


def _lead_date(sentence_left: str) -> str:
    """A date opening the sentence (2012年5月，...) dates a running total stated in it."""
    m = _LEAD_DATE_RE.match(sentence_left)
    if not m:
        return ""
    return m.group(1) + (f"-{int(m.group(2)):02d}" if m.group(2) else "")


SLOW_FORMS = speed_up(globals())
"""This module's ``*_RE`` patterns behind look-aheads on their first characters, as in
``patterns``: the same matches, found faster. Name → the pattern as written, for tests."""
