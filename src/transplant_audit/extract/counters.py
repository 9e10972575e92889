"""What a number counts: the counter or noun after it (read_counter: 例, 张, beds,
transplants...), or, when none follows, the counter a list, a table column or row, a label,
the subject of the clause or an ellipsis implies (_implied_counter, _elliptic_counter,
_list_counter, _counter_after_paren).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from transplant_audit.evidence.vocabulary import (
    Qualifier,
)
from transplant_audit.extract import patterns as pat
from transplant_audit.extract.context import (
    UNIT_REACH,
    Candidate,
    _Bounds,
    _Ctx,
    _has,
)
from transplant_audit.extract.numbers import ZH_NUMERAL_CHARS
from transplant_audit.extract.period import years as _years
from transplant_audit.extract.rxprefix import speed_up

_YEAR_ONLY_RE = re.compile(pat.YEAR + r"$")


_YEAR_FULL_RE = re.compile(pat.YEAR)
"""Patterns the hot path used to compile (through ``re``'s cache) on every number."""


_EN_STOP = frozenset(
    {
        "for",
        "a",
        "an",
        "the",
        "of",
        "in",
        "on",
        "at",
        "to",
        "and",
        "or",
        "by",
        "with",
        "were",
        "was",
        "is",
        "are",
        "has",
        "have",
        "had",
        "from",
        "per",
        "each",
        "every",
        "than",
        "its",
        "his",
        "her",
        "their",
        "this",
        "that",
        "which",
        "who",
        "as",
        "be",
        "been",
        "into",
        "over",
        "under",
        "about",
        # a date after the number ('rose to 5,800 last year'), not its unit
        "last",
        "next",
        "past",
        "previous",
        "following",
        "coming",
        # a verb after the number: '5,146 citizens donated organs' counts citizens, not organs
        "donated",
        "received",
        "underwent",
        "died",
        "gave",
    }
)


_TIMES_OPS_RE = re.compile(r"[^,。;]{0,6}(?:移植|手术)")
_TX_BEFORE_TIMES_RE = re.compile(
    rf"移植(?:手术)?(?:共|达|了|累计|总共|共计)?\s?[\d,.{ZH_NUMERAL_CHARS}]+\s?$"
)
"""肾脏移植手术9次: the transplants named before the count of times, which counts them (not
手术 alone: 接受手术2次 is one patient's operations)."""


_EN_NEXT_COUNTER_RE = re.compile(rf"\s({pat._alt(list(pat.EN_COUNTERS))})(?![a-z])")


@dataclass(slots=True)
class _Counter:
    uclass: str = ""
    stated_unit: str = ""
    mult: float = 1.0
    quals: list[Qualifier] | None = None
    mods: str = ""
    end: int = 0


def _label_lines(norm: str, e: int) -> bool:
    """The number ending at ``e`` ends a line 'label number' and the next line is one too
    ('surgeons 12\nnurses 30'): a list of labelled figures, read line by line."""
    nl = norm.find("\n", e)
    if nl < 0 or not pat.EN_LABEL_LINE_RE.fullmatch(norm, norm.rfind("\n", 0, e) + 1, e):
        return False
    end = norm.find("\n", nl + 1)
    return bool(pat.EN_LABEL_LINE_RE.fullmatch(norm, nl + 1, len(norm) if end < 0 else end))


def _times_are_ops(norm: str, e: int, end: int) -> bool:
    """Does 次 after the number ending at ``e`` count operations? A transplant or an
    operation named right after it (3次肾移植) or a transplant right before the number
    (肾脏移植手术9次);
    not times of something else (两次担任, 增长3次)."""
    if pat.ZH_TIMES_NOT_OPS_RE.match(norm, end, end + 4):
        return False
    if _TIMES_OPS_RE.match(norm, end, end + 12):
        return True
    return bool(_TX_BEFORE_TIMES_RE.search(norm, max(0, e - 24), e))


def read_counter(norm: str, e: int) -> _Counter:
    """The counter or unit right after a number ending at ``e`` (and its qualifiers)."""
    rest = norm[e : e + 40]
    out = _Counter("", "", 1.0, [], "", e)  # by position: keywords slow this per-number call
    assert out.quals is not None
    zc = pat.ZH_COUNTER_RE.match(rest)
    if zc:
        counter = zc.group("counter")
        out.uclass, out.stated_unit, out.mult, implied = pat.ZH_COUNTERS[counter]
        if zc.group("sfx") == "几" and norm[e - 1 : e] not in ("十", "百", "千"):
            return _Counter(end=e, quals=[])  # 几 is 'some' only after 十/百/千 (十几张)
        if zc.group("sfx"):
            out.quals.append(pat.NUMBER_SUFFIX_QUALIFIERS[zc.group("sfx")])
        if implied:
            out.quals.append(implied)
        out.end = e + zc.end()
        if counter == "周" and norm[out.end : out.end + 1] in ("年", "末", "岁"):
            return _Counter(end=e, quals=[])
        if counter == "次" and not _times_are_ops(norm, e, out.end):
            return _Counter(end=e, quals=[])  # 增长3次, 每周三次透析: times, not operations
        return out
    ec = pat.EN_COUNTER_RE.match(rest)
    if not (ec and ec.group("counter")):
        return _modifier_run_counter(norm, e, out)
    mods = ec.group("mods") or ""
    if any(w in _EN_STOP for w in mods.split()) and not pat.EN_ORGAN_COORD_RE.match(mods):
        return _modifier_run_counter(norm, e, out)  # an 'and' that may join two figures
    if "\n" in ec.group(0) and rest[ec.end() : ec.end() + 1] == ":":
        return out  # 'Annual transplants: 400\nBeds: 120': the next line's label
    if "\n" in ec.group(0) and _label_lines(norm, e):
        return out  # 'surgeons 12\nnurses 30': the next line's label, not this counter
    counter = ec.group("counter")
    out.uclass, out.stated_unit, out.mult, implied = pat.EN_COUNTERS[counter]
    if ec.group("sfx"):
        out.quals.append(Qualifier.AT_LEAST)
    out.end = e + ec.end()
    nxt = None
    if not (counter == "bed" and norm[e : e + 1] == "-"):  # '40-bed transplant ward': beds
        nxt = _EN_NEXT_COUNTER_RE.match(norm, out.end, out.end + 25)
    if nxt:  # "12 transplant surgeons": the last counter of the run names the unit
        mods = mods + counter + " "
        counter = nxt.group(1)
        out.uclass, out.stated_unit, out.mult, implied = pat.EN_COUNTERS[counter]
        out.end = nxt.end()
        if "\n" in norm[e : out.end] and norm[out.end : out.end + 1] == ":":
            return _Counter(end=e, quals=[])  # 'Beds: 1,200\nTransplant beds: 80'
    out.mods = mods + counter
    return out


def _modifier_run_counter(norm: str, e: int, out: _Counter) -> _Counter:
    """English: the counter after a long run of organ, donor-kind and staff-rank words
    (EN_MODIFIER_RUN_COUNTER_RE), or ``out`` (no counter) when there is none."""
    if e >= len(norm) or norm[e] not in " +-" or not norm[e + 1 : e + 2].isalpha():
        return out  # a quick test before the regular expression
    run = pat.EN_MODIFIER_RUN_COUNTER_RE.match(norm, e, e + 120)
    if not run:
        return out
    counter = run.group("counter")
    uclass, unit, mult, _ = pat.EN_COUNTERS[counter]
    quals = [Qualifier.AT_LEAST] if norm[e] != " " else []
    return _Counter(uclass, unit, mult, quals, run.group("mods") + counter, run.end())


_SIBLING_OF = frozenset(
    {"opo_donors", "transplants_in_period", "surgeon_transplants_in_period", "revenue_cny"}
)


_ZH_RESTATED_BEFORE_RE = re.compile(r"(?:即|亦即|也就是|相当于|约合|合)\s?(?:超过|约|近)?\s?$")


def _zh_restated(prev: Candidate, indicator: str, value: float, norm: str, start: int) -> bool:
    """Is the figure at ``start`` the one before restated (平均51个月,即4.25年; 351个月,即超过29
    年): the same indicator and value within 2%, after 即 / 也就是 close behind it?"""
    if prev.indicator != indicator or start - prev.end > 12 or value <= 0:
        return False
    if abs(prev.value - value) > 0.02 * max(prev.value, value):
        return False
    return bool(_ZH_RESTATED_BEFORE_RE.search(norm, prev.end, start))


def _list_sibling(out: list[Candidate], norm: str, start: int, se_s: int) -> str | None:
    """The indicator of the item before in a list of (year, count) pairs (2010年15例,2011年
    34例,2012年113例): a later item far from the list's cue keeps the first item's."""
    if not out:
        return None
    prev = out[-1]
    if prev.start < se_s or prev.indicator not in _SIBLING_OF:
        return None
    return prev.indicator if pat.ZH_LIST_GAP_RE.match(norm[prev.end : start]) else None


_EN_PRICE_OF = {"usd": "price_usd", "cny": "price_cny"}


_PRICE_ITEM_GAP = 60


def _en_price_item(prev: Candidate, norm: str, start: int, uclass: str) -> str | None:
    """The price of the next item of an English price list led by organs ('kidney
    US$62,000; liver US$98,000'): an amount right after a price, past a separator and an organ
    word, is a price in its own currency."""
    if prev.indicator not in _EN_PRICE_OF.values() or not 0 <= start - prev.end <= _PRICE_ITEM_GAP:
        return None
    gap = pat.EN_PRICE_ITEM_GAP_RE.fullmatch(norm, prev.end, start)
    return _EN_PRICE_OF[uclass] if gap else None


def _bare_count(norm: str, s: int, e: int, tok: str) -> tuple[str, str, float, int] | None:
    """A Chinese count with no counter after it: in 万 next to a price or patient noun (see
    _bare_wan), or before a disease and a patient noun (150万终末期肾病患者: persons), or
    before patients who wait for an organ (150万中国患者正在等待器官移植: the waiting list),
    or a tally said in speech (去年做了二百多: operations). Substring gates first: most
    numbers have none nearby."""
    near = norm[s : e + 12]
    if "万" in near and ("万" in tok or pat.ZH_RANGE_TO_WAN_RE.match(norm, e, e + 12)):
        bare = _bare_wan(norm, s, e)
        if bare:
            return bare
    if ("患者" in near or "病人" in near) and pat.ZH_DISEASE_PATIENTS_AFTER_RE.match(
        norm, e, e + 12
    ):
        return "persons", "人", 1.0, e
    if ("患者" in near or "病人" in near or "病患" in near) and _waiting_patients(norm, e):
        return "waiting", "patients", 1.0, e
    if "做" in norm[max(0, s - 5) : s] and _spoken_tally(norm, s, e):
        return "ops", "例", 1.0, e
    return None


def _spoken_tally(norm: str, s: int, e: int) -> bool:
    """A year's tally said in speech, the clause ending after it: so many and more (去年做了
    二百多) or nearly so many (去年一年做了快150, zh21), in a text that names a transplant."""
    plain = pat.ZH_SPOKEN_TALLY_AFTER_RE.match(norm, e) and pat.ZH_SPOKEN_TALLY_BEFORE_RE.search(
        norm, max(0, s - 16), s
    )
    said = plain or (
        pat.ZH_SPOKEN_NEAR_TALLY_AFTER_RE.match(norm, e)
        and pat.ZH_SPOKEN_NEAR_TALLY_BEFORE_RE.search(norm, max(0, s - 18), s)
    )
    return bool(said) and _names_a_transplant(norm)


def _waiting_patients(norm: str, e: int) -> bool:
    """Do patients who wait for an organ follow the bare count ending at ``e`` (150万中国患者
    正在等待器官移植, 7000多的病人及家庭备受煎熬,天天期待并等候着器官)? (zh21)"""
    return bool(pat.ZH_WAITING_PATIENTS_AFTER_RE.match(norm, e, e + 48))


@functools.lru_cache(maxsize=1)
def _names_a_transplant(norm: str) -> bool:
    """Does the text name a transplant anywhere (the spoken tally's topic)? Searched once per
    text, not once per tally: a long page of tallies would read its whole length per number."""
    return bool(pat.ZH_SPOKEN_TALLY_TOPIC_RE.search(norm))


def _bare_wan(norm: str, s: int, e: int) -> tuple[str, str, float, int] | None:
    """A count in 万 with no counter after it, read by the noun around it: yuan after or
    before a price noun (肾源费用(15万-40万), 70万的手术费用, 人民币大约两百万), persons after a
    patient noun and a copula (病人为100-150万). (class, stated unit, multiplier, end)."""
    mult = 1.0 if "万" in norm[s:e] else 1e4  # 100-150万: the lower end borrows the 万
    if pat.ZH_BARE_AMOUNT_BEFORE_RE.search(norm, max(0, s - 20), s) or (
        pat.ZH_BARE_AMOUNT_AFTER_RE.match(norm, e, e + 12)
    ):
        return "cny", "CNY", mult, e
    if "|" in norm[max(0, s - 40) : s] and _zh_price_column(norm, s):
        return "cny", "CNY", mult, e  # 器官 | 价格 over 肝脏 | 25万-35万: yuan
    if "\n" in norm and _zh_price_list(norm, s):
        return "cny", "CNY", mult, e  # a price list's line: 官方指导价: \n- 肝脏 25-35万
    if pat.ZH_PRICE_HEAD_RE.search(norm, max(0, s - 20), s):
        return "cny", "CNY", mult, e
    if pat.ZH_TX_NEEDS_BEFORE_RE.search(norm, max(0, s - 16), s):
        return "cny", "CNY", mult, e  # 换肾需要20万: yuan
    if pat.ZH_ADMISSIONS_BARE_BEFORE_RE.search(norm, max(0, s - 12), s):
        return "visits", "人次", mult, e  # 住院量有6万多: admissions
    if pat.ZH_BARE_PERSONS_BEFORE_RE.search(norm, max(0, s - 20), s) or (
        pat.ZH_BARE_DEMAND_AFTER_RE.match(norm, e, e + 8)
    ):
        return "persons", "人", mult, e
    return None


def _row_above(norm: str, line_start: int) -> bool:
    """Does the line above the one starting at ``line_start`` hold a '|' too? A line with one
    '|' ('Renji Hospital | 2 weeks') is a row of a table without outer bars only then."""
    if line_start < 2:
        return False
    above = norm[norm.rfind("\n", 0, line_start - 1) + 1 : line_start - 1]
    return "|" in above


def _table_head(norm: str, s: int) -> str:
    """The text above a table row (its header), or above a cell or list item written on a
    line of its own (醫院\n\n等待時間\n\n上海某醫院\n\n1週; - 天津: 兩週); "" when the figure
    is in running text."""
    line_start = norm.rfind("\n", 0, s) + 1
    line_end = norm.find("\n", s)
    line = norm[line_start : line_end if line_end >= 0 else len(norm)]
    if line.count("|") >= 2 or (line.count("|") == 1 and _row_above(norm, line_start)):
        return norm[max(0, line_start - pat.TABLE_HEADER_CHARS) : line_start]
    cell = len(line.strip()) <= pat.CELL_LINE_CHARS and not pat.PROSE_MARK_RE.search(line)
    if line_start and cell:
        return norm[max(0, line_start - pat.CELL_HEADER_CHARS) : line_start]
    return ""


def _label_counter(norm: str, s: int, e: int, cnt: _Counter) -> _Counter:
    """A value with no counter after it, in a 'Label: value' line or a table cell, counts
    what its label or its column header names ('Total transplants: 2,300', 'Beds: 120',
    'Hospital | Liver transplants |' over 'Renji | 300 |')."""
    if not pat.EN_LABEL_VALUE_END_RE.match(norm, e, e + 40) or _YEAR_FULL_RE.fullmatch(norm, s, e):
        return cnt
    line_start = norm.rfind("\n", max(0, s - UNIT_REACH), s) + 1
    if not line_start and s > UNIT_REACH:
        # a line longer than the reach (a run-on text): its label may follow a '|' or ';'
        # within the reach; searching the whole line for every value on it was quadratic
        lm = pat.EN_LABEL_BEFORE_RE.search(norm, s - UNIT_REACH, s)
        return _labelled(lm.group("label"), cnt, e) if lm else cnt
    before = norm[line_start:s]
    label = ""
    lm = pat.EN_LABEL_BEFORE_RE.search(before)
    if lm:
        label = lm.group("label")
    elif before.count("|") >= 1 and before.rstrip().endswith("|"):
        label = _column_header(norm, line_start, before.count("|"))
    return _labelled(label, cnt, e)


def _labelled(label: str, cnt: _Counter, e: int) -> _Counter:
    """The counter a value's label or column header names, else ``cnt``."""
    if not label:
        return cnt
    found = pat.EN_LABEL_COUNTER_RE.findall(label)
    if not found:
        money = pat.EN_LABEL_MONEY_RE.search(label)  # 'Price (US$)' over 'Kidney | 62,000'
        if money:
            kind = "usd" if money.group("usd") else "cny"
            return _Counter(kind, kind.upper(), 1.0, [], label.strip(), e)
        return cnt
    uclass, unit, mult, _ = pat.EN_COUNTERS[found[-1]]
    return _Counter(uclass, unit, mult, [], label.strip(), e)


_ORGAN_ITEM_WORDS = frozenset(w for w, c in pat.EN_COUNTERS.items() if c[0] == "organ_items")
"""Organ names the counter table reads as organs ('kidneys'): in a list item's label they
name the organ of the transplants counted ('All Kidneys = 121')."""


def _item_label_counter(norm: str, s: int, e: int, cnt: _Counter) -> _Counter:
    """English: a value on a list line 'label = value' or 'label – value' (a bullet allowed)
    under a heading about transplants counts the transplants its label names: a counted noun
    ('Lung transplants – 25'), or an organ alone ('• Kidney = 3,709', 'All Livers (including
    multi-organ) = 55'); GUIDE.md: a list item counts like the sentence it abbreviates."""
    if cnt.uclass or not pat.EN_ITEM_VALUE_END_RE.match(norm, e, e + 70):
        return cnt
    if _YEAR_FULL_RE.fullmatch(norm, s, e):
        return cnt
    line_start = norm.rfind("\n", 0, s) + 1
    # match, not search: the pattern is anchored at the line's start, and a search tries
    # every position of a long line for each number on it (quadratic in the line)
    lm = pat.EN_ITEM_LABEL_BEFORE_RE.match(norm[line_start:s])
    if not lm:
        return cnt
    label = lm.group("label")
    found = [w for w in pat.EN_LABEL_COUNTER_RE.findall(label) if w not in _ORGAN_ITEM_WORDS]
    if found:
        if pat.EN_COUNTERS[found[-1]][0] != "ops":
            return cnt  # 'Beds – 120': no count of transplants
    elif not pat.ORGAN_RE.search(label) or pat.EN_ITEM_NOT_COUNT_RE.search(label):
        return cnt
    elif not pat.TRANSPLANT_CUE_RE.search(list_item_head(norm, line_start)):
        return cnt  # an organ alone counts transplants only under a heading about them
    return _Counter("ops", "transplants", 1.0, [], label.strip(), e)


_ITEM_LINE_RE = re.compile(rf"\s*(?:$|[-•*·]|{pat.EN_ITEM_LABEL}{pat.EN_ITEM_LABEL_MARK}\s*\d)")
"""A blank line or another item of the same list (bulleted, or 'label = value' read with the
item's own label pattern, pat.EN_ITEM_LABEL_BEFORE_RE)."""


def _lines_above(norm: str, line_start: int) -> Iterator[str]:
    """The lines above the one starting at ``line_start``, nearest first, at most
    pat.TABLE_ROWS_BACK of them (a list's or a table's rows back to its heading)."""
    end = line_start - 1
    for _ in range(pat.TABLE_ROWS_BACK):
        if end <= 0:
            return
        start = norm.rfind("\n", 0, end) + 1
        yield norm[start:end]
        end = start - 1


def list_item_head(norm: str, line_start: int) -> str:
    """The heading of the list whose item starts at ``line_start``: the nearest line above that
    is neither blank nor another item ("" when the list opens the text)."""
    return next((ln for ln in _lines_above(norm, line_start) if not _ITEM_LINE_RE.match(ln)), "")


_NUMERIC_CELL_RE = re.compile(
    r"\s*[\d.,%~-]*(?:\s?[万千亿]?元?)?(?:\s?[-~至到]\s?[\d.]+\s?[万千亿]?元?)?\s*"
)
"""A data cell (300, 1,200, 25万-35万, 16万元): a row above the value that is no header."""


def _column_header(norm: str, line_start: int, column: int) -> str:
    """The header cell of column ``column`` (0-based, counted by '|') of the table whose row
    starts at ``line_start``: the nearest line above with as many cells, not a --- rule."""
    for row in _lines_above(norm, line_start):
        cells = row.split("|")
        # a header with the cell (rows need no closing '|': 医院 | 等待时间 | 费用)
        if len(cells) > column and not set(row) <= set("|-: "):
            if _NUMERIC_CELL_RE.fullmatch(cells[column]):
                continue  # another data row
            return cells[column]
    return ""


def _list_head(norm: str, s: int) -> str:
    """The text above a short list line with no verb of its own ('Renji Hospital: 1 week for
    a liver transplant', '- 1-2 months for a kidney'), or "" for a line of running text."""
    line_start = norm.rfind("\n", 0, s) + 1
    if not line_start:
        return ""
    line_end = norm.find("\n", s)
    line = norm[line_start : line_end if line_end >= 0 else len(norm)]
    if len(line) > pat.LIST_LINE_MAX or not pat.LIST_LINE_RE.match(line):
        return ""
    return norm[max(0, line_start - pat.TABLE_HEADER_CHARS) : line_start]


_BULLET_RE = re.compile(r"\s*(?:[-•*·]|\d{1,2}[.)、]\s?)")


def _zh_price_column(norm: str, s: int) -> bool:
    """Is ``s`` in a table cell whose column header names a price (费用, 价格, 收费)?"""
    line_start = norm.rfind("\n", 0, s) + 1
    before = norm[line_start:s]
    if "|" not in before or not line_start:
        return False
    return bool(pat.ZH_PRICE_COLUMN_RE.search(_column_header(norm, line_start, before.count("|"))))


def _zh_price_list(norm: str, s: int) -> bool:
    """Is ``s`` on a line of a list under a price heading (官方指导价(2023年版): then '- 肝脏
    25-35万', '- 肾脏 16-20万/个'), the list's earlier lines skipped?"""
    head = _list_head(norm, s)
    if not head:
        return False
    for line in reversed(head.split("\n")):
        if not line.strip() or _BULLET_RE.match(line):
            continue  # an empty line or an earlier item of the same list
        return bool(pat.ZH_PRICE_HEAD_RE.search(line))
    return False


def _en_saved_before(norm: str, s: int) -> bool:
    """Does an English verb of saving or helping come right before the number at ``s``?"""
    before = norm[max(0, s - 40) : s]
    return any(w in before for w in pat.EN_SAVED_GATE) and bool(
        pat.EN_SAVED_BEFORE_RE.search(before)
    )


def _implied_counter(norm: str, s: int, e: int, cnt: _Counter) -> _Counter:
    """A counter the sentence implies without writing it after the number: 'the number of
    people who donated organs ... reached 5,810' (the noun before), 'close to 400 British
    Columbians are currently waiting' (people waiting)."""
    if pat.BARE_TRANSPLANT_AFTER_RE.match(norm, e):
        return _Counter("ops", "transplants", 1.0, [], "", e)  # 临床完成1.6万器官移植
    at_cell_end = (e == len(norm) or norm[e] in "\n|") and not _YEAR_ONLY_RE.match(norm[s:e])
    if at_cell_end and pat.TRANSPLANT_BEFORE_CELL_END_RE.search(norm, max(0, s - 4), s):
        return _Counter("ops", "transplants", 1.0, [], "", e)  # 开展肾移植103 (a cell)
    if pat.EN_TX_ABBREV_DONE_AFTER_RE.match(norm, e, e + 40):
        return _Counter("ops", "transplants", 1.0, [], "transplants", e)  # 487 HT were performed
    if pat.WITH_TITLE_RE.match(norm[e : e + 60]):
        return _Counter("persons", "staff", 1.0, [], "", e)  # ..., 257 with associate senior
    if pat.EN_DONATE_AFTER_RE.match(norm, e, e + 60):
        return _Counter("donors", "donors", 1.0, [], "", e)  # only 200 donate their organs
    rec = pat.RECEIVED_AFTER_RE.match(norm, e, e + 90)
    if rec and not pat.STAFF_OR_SURGEON_WORD_RE.search(rec["who"]):
        return _Counter("ops", "transplants", 1.0, [], "", e)  # only 1,500 underwent the
    after = norm[e : e + 40]
    if (
        (" one" in after or " it" in after)
        and pat.EN_RECEIVE_ONE_AFTER_RE.match(norm, e, e + 40)
        and pat.TRANSPLANT_CUE_RE.search(norm, max(0, s - 120), s)
    ):
        return _Counter("ops", "transplants", 1.0, [], "", e)  # only 10,000 receive one
    before = norm[max(0, s - 40) : s]
    if ("volume" in before or "count" in before or "total" in before) and (  # its nouns
        pat.EN_SURGICAL_VOLUME_BEFORE_RE.search(before)
    ):
        return _Counter("ops", "surgeries", 1.0, [], "surgeries", e)  # surgical volume of 105,000
    if (
        ("year" in after[:12] or "annual" in after[:12])
        and pat.EN_BARE_PER_YEAR_RE.match(norm, e, e + 12)
        and not _YEAR_ONLY_RE.match(norm[s:e])
        and pat.TRANSPLANT_CUE_RE.search(norm, max(0, s - 120), e + 120)
    ):
        if _waiting_subject(norm, s):  # 'patients who need lung transplants ... 14 annually'
            return _Counter("waiting", "patients", 1.0, [], "", e)
        return _Counter("ops", "transplants", 1.0, [], "", e)  # instead of 10,000 a year
    nof = pat.NUMBER_OF_RE.search(norm[max(0, s - 160) : s])
    if nof:
        noun = nof.group("noun")
        if (
            pat.DONATION_CUE_RE.search(noun)
            or pat.EN_DONATION_KIND_RE.fullmatch(noun)
            or (pat.EN_DONORS_NOUN_RE.search(noun) and "living" not in noun)
        ):
            return _Counter("donors", "donors", 1.0, [], noun, e)  # the number of OD exceeded
        if pat.EN_ON_LIST_RE.search(noun) and (
            pat.PATIENT_NOUN_RE.search(noun) or pat.EN_PEOPLE_NOUN_RE.match(noun)
        ):
            return _Counter("persons", "patients", 1.0, [], noun, e)
        if pat.TRANSPLANT_CUE_RE.search(noun):
            if pat.EN_ELLIPSIS_BLOCK_RE.search(noun):
                return cnt  # the number of transplant centres grew from 12: no transplants
            return _Counter("ops", "transplants", 1.0, [], noun, e)
        if pat.WAITLIST_CUE_RE.search(noun):
            return _Counter("persons", "patients", 1.0, [], noun, e)
    if (
        "number" in norm[max(0, s - 90) : s]
        and not _MULTIPLE_AFTER_RE.match(norm, e)
        and _back_to_transplants(norm, s)
    ):
        return _Counter("ops", "transplants", 1.0, [], "transplants", e)  # the annual number
    if pat.WAITING_AFTER_RE.match(norm, e, e + 80):
        return _Counter("persons", "patients", 1.0, [], "", e)
    tail = norm[e : e + 90]
    if any(w in tail for w in pat.EN_NEED_GATE) and pat.EN_NEED_AFTER_RE.match(norm, e, e + 90):
        return _Counter("persons", "patients", 1.0, [], "", e)  # 250,000 of them need one
    if " lives" in norm[e : e + 16] and _en_saved_before(norm, s):
        return _Counter("persons", "people", 1.0, [], "lives", e)  # saving 90,000 lives
    if " of" in before[-14:] and pat.EN_STAFF_OF_BEFORE_RE.search(before):
        return _Counter("persons", "staff", 1.0, [], "staff", e)  # a staff of 85
    if "demand" in before and pat.EN_DEMAND_BEFORE_RE.search(before):
        return _Counter("waiting", "patients", 1.0, [], "demand", e)  # demand at 90,000
    return cnt


_MULTIPLE_AFTER_RE = re.compile(r"\s?(?:times|fold|-fold|percent|%)")
"""'the number in 2000 was 10 times higher': a multiple, no count."""


_BACK_NOUN_CHARS = 200
"""How far back a count with no noun of its own ('the annual number ... to 5,192') looks for
the noun it counts."""


def _back_to_transplants(norm: str, s: int) -> bool:
    """English: does a count with no noun of its own ('the annual number had tripled to
    5,192', 'the number of these operations fell to 310', 'the number in 2016 was 120') count
    the transplants named last before it? Not when the last count noun is another (centres,
    donors, beds)."""
    m = pat.EN_NUMBER_BACK_RE.search(norm, max(0, s - 90), s)
    if not m:
        return False
    if m["own"]:
        return True  # 'the number of transplants in 2012 (108)': its own noun, before a year
    lo = max(0, m.start() - _BACK_NOUN_CHARS)
    nouns = list(pat.EN_BACK_NOUN_RE.finditer(norm, lo, m.start()))
    return bool(nouns) and nouns[-1].lastgroup == "tx"


_PART_CLASSES = frozenset({"beds", "persons", "rooms"})


_CLAUSE_CUT_RE = re.compile(r"[,.;()]")


_ELLIPSIS_SUBJECT_BACK = 160


_PARENS_RE = re.compile(r"\([^()]*\)")


_BETWEEN_AND_RE = re.compile(
    r"(?<![a-z])between\s(?:about\s)?(?!(?:19|20)\d\d(?![\d,]))\d[\d,.]*\sand\s$"
)
"""'between 23 and ': the high end of a range whose low end continued a count (not the
second year of 'between 1992 and 2008')."""


_PERIOD_PHRASE_RE = re.compile(
    r"(?<![a-z])(?:in|during|over|for)\sthe\s(?:first|past|last|previous)\s(?:[a-z0-9]+\s)?"
    r"(?:days|weeks|months)(?![a-z])"
)
"""A period adverbial between a continued count and its noun ('46 transplants in the first
six months of this year, compared to 62 last year'): it dates the count, it is not what the
count measures (EN_ELLIPSIS_BLOCK_RE's 'months')."""


_ELLIPSIS_LAST_WORDS = frozenset(
    [
        "from",
        "to",
        "with",
        "versus",
        "vs",
        "vs.",
        "reached",
        "totaled",
        "totalled",
        "at",
        "and",
        "about",
        "around",
        "nearly",
        "almost",
        "over",
        "than",
        "some",
        "only",
        "under",
        "below",
        "above",
        "between",
        "of",
        "for",
    ]
)
"""The last word before a number EN_ELLIPSIS_LEFT_RE can match."""


_ELLIPSIS_COUNTERS = {
    "waiting": ("waiting", "patients"),
    "ops": ("ops", "transplants"),
    "organs": ("organs", "organs"),
    "donors": ("donors", "donors"),
    "beds": ("beds", "beds"),
}


def _waiting_subject(norm: str, s: int) -> bool:
    """Is the last count noun in the 120 characters before ``s`` people waiting for or in
    need of a transplant ('patients who need lung transplants has surged from 14 annually')?"""
    found = list(pat.EN_ELLIPSIS_SUBJECT_RE.finditer(norm, max(0, s - 120), s))
    return bool(found) and found[-1].lastgroup == "waiting"


def _elliptic_counter(norm: str, s: int, e: int, sentences: _Bounds, cnt: _Counter) -> _Counter:
    """A bare English number continuing a count its sentence named before it ('The number
    of KT increased from 6 in 2001 to 206 in 2005', 'donors decreased to 52 (1.09 pmp) in
    2000 compared to 162', '2,766 donors in 2015 and 4,080 in 2016') counts that noun."""
    words = norm[max(0, s - 16) : s].split()
    if words and words[-1][-1:] in "(;" and words[-1] not in _ELLIPSIS_LAST_WORDS:
        return _paren_counter(norm, s, e, sentences, cnt)
    if not words or words[-1] not in _ELLIPSIS_LAST_WORDS:
        return cnt  # a quick test before the regular expression
    if words[-1] == "of" and (len(words) < 2 or words[-2] not in ("average", "total")):
        return cnt  # only 'an average of', 'a total of' end the left words with 'of'
    if words[-1] == "for" and (len(words) < 2 or words[-2] != "accounted"):
        return cnt  # only 'accounted for' ends the left words with 'for'
    left = pat.EN_ELLIPSIS_LEFT_RE.search(norm, max(0, s - 36), s)
    if not left:
        return cnt
    right = pat.EN_ELLIPSIS_RIGHT_RE.match(norm, e, e + 60)
    if not right or (
        left.group("and")
        and not right.group("year")
        and not _BETWEEN_AND_RE.search(norm, max(0, s - 32), s)  # between 23 and 39
    ):
        return cnt
    return _subject_counter(norm, s, e, left.start(), sentences, cnt)


_EN_PAREN_SPAN_AFTER_RE = re.compile(
    rf"\s(?:since|between|from|in|during|through|until|by)\s(?:the\s)?(?:end of\s)?{pat.YEAR}"
)
"""What follows a bare number opening a parenthesis or after its ';' that restates the count
before it over another span: '(8794 since 1984; 2745 between 2010 and 2019)'."""


def _paren_counter(norm: str, s: int, e: int, sentences: _Bounds, cnt: _Counter) -> _Counter:
    """English: a bare number in parentheses after a count, with its own span ('300
    transplants were performed (8794 since 1984; 2745 between 2010 and 2019)'), counts
    the same noun."""
    p = norm.rfind("(", max(0, s - 80), s)
    if p < 0 or ")" in norm[p:s] or not _EN_PAREN_SPAN_AFTER_RE.match(norm, e, e + 40):
        return cnt
    return _subject_counter(norm, s, e, p, sentences, cnt)


def _subject_counter(
    norm: str, s: int, e: int, left_start: int, sentences: _Bounds, cnt: _Counter
) -> _Counter:
    """The counter of the noun a continued count counts: the last transplant, organ or donor
    noun of the sentence before ``left_start``, unless a word between makes it measure
    something else."""
    if _YEAR_FULL_RE.fullmatch(norm, s, e):
        return cnt  # from 1998 to 2009: years
    se_s, _ = sentences.around(s, e)
    lo = max(se_s, s - _ELLIPSIS_SUBJECT_BACK)
    found = list(pat.EN_ELLIPSIS_SUBJECT_RE.finditer(norm, lo, left_start))
    subject = found[-1] if found else None
    if subject is None:
        return cnt
    between = _PARENS_RE.sub(" ", norm[max(lo, subject.start() - 40) : s])  # (1.09 pmp)
    if "the " in between:  # 'in the first six months of this year': when, not what
        between = _PERIOD_PHRASE_RE.sub(" ", between)
    kind = subject.lastgroup or ""
    if kind == "beds":  # the block word 'beds' is the subject itself
        between = between.replace("beds", " ")
    if pat.EN_ELLIPSIS_BLOCK_RE.search(between):
        return cnt
    uclass, unit = _ELLIPSIS_COUNTERS[kind]
    return _Counter(uclass, unit, 1.0, [], subject.group(0), e)


_RANKED_NEXT_GAP = 90
"""How far a ranked list's next item may stand from the figure before it (a name between)."""


_EN_RANKED_NEXT_BEFORE_RE = re.compile(
    r"(?<![a-z])(?:with|at)\s(?:about\s|around\s|nearly\s|over\s|more than\s|some\s)?$"
)
"""'followed by Kyoto University with 72', 'the University of Osaka at 43': the next item's
name, then its bare count."""


_EN_RANKED_NEXT_AFTER_RE = re.compile(r"\s?[,.;)]|\sand(?![a-z])|\s?$")


def _ranked_next_counter(
    norm: str, s: int, e: int, se_s: int, last: tuple[int, _Counter] | None, cnt: _Counter
) -> _Counter:
    """English: a bare count after 'followed by' that ranks the next item of a list by the
    noun of the figure before it in its sentence ('The University of Tokyo topped the list
    with 109 cases, followed by Kyoto University with 72 and Tohoku University with 56';
    'transplants accounted for 768, followed by corneal and liver transplants with 396 and
    363, respectively') counts that noun: transplants or donors only."""
    if last is None or last[1].uclass not in ("ops", "donors") or not se_s <= last[0] <= s:
        return cnt
    gap = norm[last[0] : s]
    if len(gap) > _RANKED_NEXT_GAP or any(c in gap for c in ".;!?"):
        return cnt
    if "followed by" not in norm[se_s:s] or _YEAR_FULL_RE.fullmatch(norm, s, e):
        return cnt
    if not _EN_RANKED_NEXT_AFTER_RE.match(norm, e, e + 16):
        return cnt
    item = _EN_RANKED_NEXT_BEFORE_RE.search(gap) or (
        gap in (" and ", ", and ") and "respectively" in norm[e : e + 16]
    )
    if not item:
        return cnt
    prev = last[1]
    return _Counter(prev.uclass, prev.stated_unit, 1.0, [], "", e)


_PAREN_ITEM_OF = frozenset(
    {"transplants_in_period", "transplants_cumulative", "opo_donors", "waitlist_size"}
)
"""What the figure before a list of bare counts in parentheses may count for them to count it."""
_PAREN_ITEM_REACH = 200
_PAREN_ITEM_ORGAN_RE = re.compile(
    r"(?<![a-z])(?:kidneys?|livers?|hearts?|lungs?|pancreas|intestines?|corneas?)[^()\d.;]{0,30}\($"
)
"""The item names an organ just before its parenthesis ('followed by liver (')."""
_PAREN_ITEM_GAP = (
    r"\)\s?(?:,|;|,?\s(?:and|then|followed by))\s(?:then\s|followed by\s)?[^()\d.;]{1,50}\("
)
_PAREN_ITEM_NEXT_RE = re.compile(_PAREN_ITEM_GAP + r"\d[\d,]*\)")
_PAREN_ITEM_BEFORE_RE = re.compile(r"\(\d[\d,]*" + _PAREN_ITEM_GAP + "$")


def _paren_item_counter(
    norm: str,
    s: int,
    e: int,
    prev_indicator: str,
    prev_end: int,
    last: tuple[int, _Counter] | None,
    cnt: _Counter,
) -> _Counter:
    """English (list33): a bare count alone in parentheses after an organ's name, one of two or
    more such counts in a row ('Kidney is the most frequent (16,895), followed by liver
    (6,455), then heart (2,531)'), soon after a count of transplants, donors or waiting
    patients (``prev_indicator``, ending at ``prev_end``; its counter ``last``), counts that
    figure's noun. Not a year; not a number after a country, an age or a rate ('India (12)':
    a citation, 'recipients (45)')."""
    if norm[s - 1 : s] != "(" or norm[e : e + 1] != ")" or _YEAR_FULL_RE.fullmatch(norm, s, e):
        return cnt
    if last is None or prev_indicator not in _PAREN_ITEM_OF:
        return cnt
    if not 0 < s - prev_end <= _PAREN_ITEM_REACH:
        return cnt
    if not _PAREN_ITEM_ORGAN_RE.search(norm, max(0, s - 48), s):
        return cnt
    if not (
        _PAREN_ITEM_NEXT_RE.match(norm, e, e + 72)
        or _PAREN_ITEM_BEFORE_RE.search(norm, max(0, s - 72), s)
    ):
        return cnt
    return _Counter(last[1].uclass, last[1].stated_unit, 1.0, [], "", e)


_WAITING_PART_GAP = 160


def _waiting_part(norm: str, prev_end: int, s: int, e: int) -> bool:
    """Is the bare English number at [s, e) a part of the waiting list counted just before
    it (ending at ``prev_end``)? A subset or a clause of the same sentence with a verb of
    waiting or needing after the number, or a next item of such a part, its verb left out."""
    gap = norm[prev_end:s]
    if len(gap) > _WAITING_PART_GAP or not gap.isascii():
        return False
    verb = pat.EN_WAITING_PART_VERB_RE.match(norm, e, e + 40)
    if verb and (pat.EN_WAITING_PART_BEFORE_RE.search(gap) or "." not in gap):
        return True
    return bool(pat.EN_WAITING_ITEM_GAP_RE.fullmatch(gap) and pat.EN_WAITING_ITEM_RE.match(norm, e))


_PAREN_OF_RE = re.compile(r"\)\s?(?:of(?=\s))?")


def _counter_after_paren(norm: str, e: int, cnt: _Counter) -> _Counter:
    """A figure in parentheses counts the noun after them: '5%-10% (3500-7000) of kidney
    transplants'."""
    if cnt.uclass:
        return cnt
    m = _PAREN_OF_RE.match(norm, e)
    return read_counter(norm, m.end()) if m else cnt


def range_high_end(norm: str, e: int) -> tuple[int, re.Match[str], _Counter] | None:
    """The range word after the number ending at ``e`` and the number after it (一到两周,
    2 to 4 weeks, 5%-10% (3500-7000) of): (where the range word ends, the high end, the
    high end's counter, its own or the noun after parentheses); None when no range word
    and number follow. One reading for the rules (``core._range_counter``) and the spans
    (``learned._counter_for``, ``learned._range_low_end``)."""
    rj = pat.RANGE_JOIN_RE.match(norm[e : e + 6])
    m2 = pat.NUMBER_RE.match(norm, e + rj.end()) if rj else None
    if rj is None or m2 is None:
        return None
    return e + rj.end(), m2, _counter_after_paren(norm, m2.end(), read_counter(norm, m2.end()))


_BREAKDOWN_PAREN_RE = re.compile(r"\s?\((?=[^()\n]{0,90}?\d)[^()\n]{1,90}\)")
"""A breakdown in parentheses right after a count, a number in it ('15 (2 single-lung, 11
double-lung and 2 heart-lung) transplants')."""


def _counter_after_breakdown(norm: str, e: int, cnt: _Counter) -> _Counter:
    """The count before a breakdown in parentheses counts the noun after them when that noun
    is transplants ('There have been 15 (2 single-lung, ...) transplants performed'); the
    figure's span stays the number, so the parts inside are read as figures of their own."""
    if cnt.uclass:
        return cnt
    m = _BREAKDOWN_PAREN_RE.match(norm, e)
    if not m:
        return cnt
    after = read_counter(norm, m.end())
    if after.uclass != "ops":
        return cnt
    return _Counter(after.uclass, after.stated_unit, after.mult, after.quals, after.mods, e)


_PART_LABEL_RE = re.compile(r"\s*(?:[a-z][a-z \[\]/-]{0,40}[:=]\s*)?")
"""What may stand between a part's separator and its number: nothing, or a label with ':'
or '=' ('(KT: 174', '(kidney = 12')."""
_PART_END_RE = re.compile(r"(?:\s?[a-z][a-z -]{0,30}?)?\s?(?:\)|,|;|\sand\s)")
"""A part of a breakdown ends at the next part or the closing parenthesis, after at most a
few words ('2 single-lung,', '10 double-lung)', '58 deceased donors,', '174;')."""
_PART_SEPARATOR_RE = re.compile(r"[(,;]|\sand\s")
_PART_KIND_RE = re.compile(
    r"(?<![a-z])(?:single|double|bilateral|p(?:a)?ediatric|adults?|child(?:ren)?"
    r"|re-?transplants?|kts?|lts?)(?![a-z])"
    rf"|{pat.EN_DONOR_KIND_RE.pattern}"
)
"""A kind of transplant a part of a breakdown names besides an organ ('2 single-lung', '58
deceased donors' by pat.EN_DONOR_KIND_RE's donor kinds, 'KT, 174'); a part named by anything
else ('173 directly noted') is a tally of another kind, no part of the count."""


def _breakdown_part(norm: str, s: int, e: int, prev_start: int, prev_end: int) -> bool:
    """Is the number at ``s``-``e`` a part of a breakdown in parentheses opened at the count
    just before it ('12 transplants (two single-lung and 10 double-lung)', '15 (2 single-lung,
    11 double-lung) transplants', '336 ... (kidney transplantation [KT], 174; ...)')? A part
    carries the indicator of the whole (GUIDE.md: a subset count). The parenthesis is looked
    for within UNIT_REACH characters before the number, like every context: a run-on text
    of parts in one unclosed parenthesis otherwise rereads it whole for each number."""
    p = norm.rfind("(", max(0, prev_start - 100, s - UNIT_REACH), s)
    if p < 0 or p > prev_end + 40 or ")" in norm[p:s] or "\n" in norm[p:s]:
        return False
    # (a parenthesis before the count's start: that count is an earlier part of the breakdown)
    if p > prev_end and not re.fullmatch(r"[^.;()\n]{0,40}", norm[prev_end:p]):
        return False  # the parenthesis opens after another clause, not at the count
    seg = norm[p:s]
    last = max((m.end() for m in _PART_SEPARATOR_RE.finditer(seg)), default=-1)
    if last < 0 or not _PART_LABEL_RE.fullmatch(seg, last):
        return False
    end = _PART_END_RE.match(norm, e, e + 40)
    if not end:
        return False
    # the part's words: what follows the number, or the label of the piece before it
    piece = seg[max(0, seg.rfind(";"), seg.rfind("(")) :] + norm[e : end.end()]
    return bool(pat.ORGAN_RE.search(piece) or _PART_KIND_RE.search(piece))


def _is_subset(ctx: _Ctx) -> bool:
    """Does the figure open a subset of the one before ('including 300', 'Among them, 4,138',
    其中300例)?"""
    return bool(
        pat.SUBSET_CUE_RE.match(ctx.left_clause)
        or pat.SUBSET_BEFORE_RE.search(ctx.sentence_left[-16:])
        or (not ctx.chinese and _en_subset(ctx))
    )


def _en_subset(ctx: _Ctx) -> bool:
    """English parts named around the number: '40 or so of those', '26 of the transplants',
    'Of the 124 transplants performed in 2016, 111 were ...', 'kidney transplants accounted
    for 768' (a share of the count before)."""
    return bool(
        pat.SUBSET_AFTER_RE.match(ctx.right)
        or pat.EN_OF_THE_TRANSPLANTS_AFTER_RE.match(ctx.right)
        or (ctx.sentence_left.startswith("of the ") and ctx.sentence_left.endswith(", "))
        or ctx.sentence_left.endswith(" accounted for ")
    )


def _subset_indicator(indicator: str, ctx: _Ctx, out: list[Candidate], se_s: int) -> str:
    """A subset of the figure before it ('including 300 living-donor', 其中…, 'Among them,
    4,138') counts the same thing: a surgeon's count stays a surgeon's count, and a count
    with no period of its own keeps its parent's period or running total."""
    if not out or out[-1].start < se_s - 200:
        return indicator
    if indicator == "opo_donors":
        # '9,000 liver transplants, including 7,502 living donors and 1,498 deceased
        # donors': the transplants split by donor, not a count of donors (GUIDE.md subsets)
        prev = out[-1].indicator
        parent = prev.startswith("transplants_") and not prev.endswith(("_max", "_capacity"))
        return prev if parent and _is_subset(ctx) else indicator
    prev = out[-1].indicator
    if (
        indicator == "surgeries_per_year"
        and prev.startswith("transplants_")
        and not prev.endswith(("_max", "_capacity"))
        and not ctx.chinese
        and _en_subset(ctx)
    ):
        return prev  # 'only 40 or so of those come from unrelated donors': the year's part
    if "transplants" not in indicator or not _is_subset(ctx):
        return indicator
    if prev == "surgeries_per_year" and indicator.endswith("_cumulative"):
        # 年手术量5万台次。其中肾移植200例: a part of one year's operations is that year's
        own = _has(pat.STRONG_CUMULATIVE_CUE_RE, ctx.clause)
        return indicator if own else indicator.replace("_cumulative", "_in_period")
    if "transplants" not in prev or prev.endswith(("per_day_max", "per_day_capacity")):
        return indicator
    own = _years(ctx.clause) or _has(pat.ANNUAL_CUE_RE, ctx.clause)
    own = own or _has(pat.STRONG_CUMULATIVE_CUE_RE, ctx.clause)
    # '204 lung transplants in 2016, 150 of which were carried out by one doctor'
    one_surgeon = _has(pat.SURGEON_CUE_RE, ctx.clause)
    surgeon = "surgeon_" if prev.startswith("surgeon_") or one_surgeon else ""
    if one_surgeon and not own:
        return surgeon + prev.removeprefix("surgeon_")
    if own:
        return surgeon + indicator.removeprefix("surgeon_")
    return prev


_LIST_ITEMS_MAX = 8


def _list_counter(norm: str, e: int, cnt: _Counter) -> _Counter:
    """The counter of the last item of a list the number opens (2381 domestic and 2518
    overseas kidney transplants; 2766、4080、5146、6302例), with the number's own words
    between it and the joining word kept as its modifiers."""
    pos = e
    for _ in range(_LIST_ITEMS_MAX):
        j = pat.LIST_JOIN_RE.match(norm, pos, pos + 30)
        if not j:
            return cnt
        m2 = pat.NUMBER_RE.match(norm, j.end())
        if not m2:
            return cnt
        cnt2 = read_counter(norm, m2.end())
        if cnt2.uclass:
            own = norm[e : j.end()]
            own_words = " ".join(w for w in re.findall(r"[a-z-]+", own) if w not in ("and", "or"))
            mods = (own_words + " " + cnt2.mods).strip() if cnt2.mods else cnt2.mods
            return _Counter(cnt2.uclass, cnt2.stated_unit, cnt2.mult, [], mods, e)
        pos = m2.end()
    return cnt


_AND_A_HALF = len(" and a half")


def _and_a_half(norm: str, e: int, range_upper: set[int]) -> tuple[_Counter, bool, bool]:
    """'two and a half years' (the duration after 'and a half'), and 'two and a half to
    three years' (a range whose high end names the unit): (counter, plus a half, range low
    end). A counter with no class when neither reads."""
    at = e + _AND_A_HALF
    cnt = read_counter(norm, at)
    if cnt.uclass == "time":
        return cnt, True, False
    rj = pat.RANGE_JOIN_RE.match(norm[at : at + 6])
    m2 = pat.NUMBER_RE.match(norm, at + rj.end()) if rj else None
    if rj and m2:
        cnt2 = read_counter(norm, m2.end())
        if cnt2.uclass == "time":
            range_upper.add(m2.start())
            return _Counter("time", cnt2.stated_unit, cnt2.mult, [], cnt2.mods, at), True, True
    return _Counter("", "", 1.0, [], "", e), False, False


SLOW_FORMS = speed_up(globals())
"""This module's ``*_RE`` patterns behind look-aheads on their first characters (``rxprefix``):
the same matches, found faster. Name → the pattern as written, for tests."""
