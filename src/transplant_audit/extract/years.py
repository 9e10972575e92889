"""First and founded years: "the first liver transplant in 1999", "成立于2004年", a list of
firsts in turn (先后 ... 分别于), read as year candidates (``first_transplant_year``,
``transplant_unit_founded_year``) with the transplant kind they date.
"""

from __future__ import annotations

import re

from transplant_audit.extract import patterns as pat
from transplant_audit.extract.context import (
    _PREVIOUS_CHARS,
    Candidate,
    Doc,
    _Bounds,
    _doc_transplant,
)
from transplant_audit.extract.numbers import (
    parse_number,
)
from transplant_audit.extract.rxprefix import speed_up
from transplant_audit.extract.spans import _hospital_at, _span_candidate

_FIRST_TX_RE = re.compile(
    r"(?:首例|第一例|第1例|首度|首创|首台|第一台|首个|首宗|第一宗|首件"
    # not a patient's own first: 接受首次肾移植, 首次行肾移植术的30例患者
    r"|(?<!接受)(?<!接受了)首次(?![^,。;]{0,12}?的[^,。;]{0,6}?(?:患者|病人|受者|受体)))"
    rf"[^,。;]{{0,14}}{pat.ZH_TX_WORD}"
    # 第一次 / 第一个 (the first time, the first one) said of a success or of the human
    # operation: 第一次成功的肾移植手术, 第一个人类心移植; not of a unit (第一个肝移植中心),
    # not a patient's own first (第一次移植后)
    r"|(?:第[一1](?:次|个)(?=[^,。;\d]{0,4}?(?:成功|人类|人体)))"
    rf"[^,。;\d]{{0,12}}?{pat.ZH_TX_WORD}"
    r"(?![^,。;]{0,3}?(?:中心|科|病区|病房|研究|基地|团队|医院|机构))"
    # the transplant's clause, then what it was: 完成活体肝移植,为国内首例
    rf"|{pat.ZH_TX_WORD}[^。;]{{0,12}}?,\s?(?:为|是|系|属|乃)[^,。;\d]{{0,6}}?(?:首例|首宗|第一例)"
    r"(?!患者|病人|受者)"
    rf"|{pat.ZH_TX_WORD}[^,。;]{{0,6}}(?:首例|第一例|首宗)"
    # pioneering: 开创了中国大陆活体肝移植的历史, 填补了省内心脏移植的空白, 肝移植实现了零
    # 的突破; the first hospital of a place to do it: 成为全省首家开展肺移植的医院
    r"|(?:开创|填补)了?[^,。;]{0,14}移植[^,。;]{0,3}?的?(?:历史|先河|空白)"
    r"|移植[^,。;]{0,8}?零的突破"
    # the transplant named earlier in its sentence, the first said last: 肝脏移植方面,…于1987年
    # 完成亚洲首例.
    rf"|{pat.ZH_TX_WORD}[^。;]{{0,24}}?(?:完成|实施|进行|开展)了?[^,。;\d]{{0,6}}?(?:首例|首宗)"
    r"(?=\s?[,。;]|$)"
    rf"|首家[^,。;]{{0,8}}?(?:开展|完成|实施)[^,。;]{{0,6}}?{pat.ZH_TX_WORD}"
    # a first success, or a first of the procedure named before (这项手术), in a text about
    # transplants (the pass runs only when one is named): 自2006年首例成功以来
    r"|(?:首例|首次)[^,。;\d]{0,4}?(?:获得|取得)?成功"
    r"|(?:首例|首次)[^,。;\d]{0,6}?(?:这|该|此)(?:项|种|类)?手术"
    # pioneering (率先完成国内成人分割肝移植) and a programme's start (1994年开展肾脏移植,
    # 2003年开始进行心脏移植); not a count (率先突破肾移植1000例, 2001年开展肾移植103), nor
    # a year that dates a running total (自1993年开展肾移植以来,累计...)
    rf"|(?:率先|{pat.YEAR}年(?:[^,。;\d]{{0,6}}?)(?:开展|开始|起步|启动)(?:了|进行|实施)?)"
    r"[^,。;\d]{0,14}?移植"
    r"(?![^,。;]{0,12}?(?:\d|[一二两三四五六七八九十百千]\s?[例台宗次]|以来))"
    # transplantation began in YEAR: 肝移植始于1967年
    rf"|{pat.ZH_TX_WORD}[^,。;]{{0,8}}(?:始于|起步于|起始于)"
    # English: a first operation (not a first unit: 'the first transplant department'), also
    # written as an abbreviation ('the first KT'); a programme begun ('started kidney
    # transplants in 1994', 'since beginning liver transplants'); a technique introduced,
    # first performed or making its debut
    # (not a first of something about transplantation: a conference, a journal, a law)
    # a list of organs, each with its own first: 'the first kidney, liver and heart
    # transplants were performed in 1970, 1990 and 1994 respectively'
    r"|first\s(?:successful\s)?(?:(?:kidney|liver|heart|lung|pancreas|cornea|intestine)"
    r"(?:,\s(?:and\s)?|\sand\s))+(?:[a-z-]+\s){0,2}?(?:kidney|liver|heart|lung|pancreas"
    r"|cornea|intestine)?\s?(?:[a-z-]+\s){0,2}?transplant(?:ation)?s"
    r"|first(?:-ever)?\s(?!(?:or|and)\s(?:an?\s)?(?:repeat|second|subsequent|re-?transplant))"
    r"(?!(?:[a-z'’-]+\s){0,4}?(?:conferences?|congress|journal|issue|meeting"
    r"|symposium|laws?|regulations?|society|association|course|paper|textbook|workshop|forum)\s)"
    r"(?:(?!hundred|thousand|dozen)[a-z'’-]+\s){0,5}?"
    r"(?:transplant(?:ation)?s?|kt|lt|ldlt|ddlt)(?![a-z])"
    r"(?!s?\s(?:center|centre|unit|department|ward|institute|team|program|hospital|base"
    r"|research|laws?|regulations?|legislation|tourism|papers?|conferences?|journal|society"
    r"|association|course|training|workshop|meeting|forum|ethics|committee))"
    r"|(?:began|begun|started|start|begin|beginning|starting)\s(?:to\s)?"
    r"(?:perform|carry out|do|conduct|develop|carrying out)(?:ing)?\s"
    r"(?:[a-z-]+,?\s){0,8}?transplant"
    r"|(?:began|begun|started|beginning|starting)\s"
    r"(?:(?!(?:to|for|more|of|from|on|with|against)\s|(?!living\s)[a-z-]*ing\s)[a-z-]+\s){0,3}?"
    r"transplant(?:s|ation)?"
    r"(?![a-z])(?!\s(?:center|centre|unit|department|ward|institute|team|program|hospital))"
    r"|transplant(?:ation)?\s(?:was|were)\s(?:first\s(?:introduced|performed|carried out|done)"
    r"|introduced)"
    r"|transplant(?:ation)?\s(?:\([a-z]{2,5}\)\s)?[^.;]{0,60}?since\sits\sdebut"
    r"|(?:performed|carried out|conducted|completed|did)\s(?:[a-z-]+\s){0,3}?transplant(?:s|ation)?"
    r"\s(?:[a-z'’-]+\s){0,3}?for\sthe\sfirst\s(?:time|(?:[a-z]+\s)?cases?)"
    # the first case or operation of the transplantation the text is about (the pass runs
    # only when one is named): 'until the first successful case was performed ... in 1991'
    # a programme begun, its subject first ('the kidney transplant program began in 1978'),
    # pioneered, or a hospital first in a place to do it
    r"|transplant(?:ation|s)?\s(?:program(?:me)?s?\s|services?\s)?(?:[^.;,\d]{0,30}?\s)?"
    r"(?:began|started|commenced|was launched|was started|was begun)(?![a-z])"
    r"(?!\s(?:to|with|when|after)\s)"  # 'began with the first renal transplant in 1969
    r"|pioneer(?:ed|ing)\s(?:[a-z'’-]+\s){0,3}?transplant"
    r"|first\s(?:in|of)\s(?:[a-z'’-]+\s){0,4}?to\s(?:perform|carry out|do|conduct|complete"
    r"|begin|start)\s(?:[a-z-]+\s){0,3}?transplant"
    r"|first\s(?:successful\s|such\s|clinical\s|human\s)?(?:case|operation|procedure)"
    r"(?=\s(?:was|were|in|at|on|took|came)(?![a-z])|\s?[,.;]"
    r"|\sof\s(?!(?:[a-z-]+\s){0,2}?(?:tourism|trafficking|fraud|abuse|rejection|infection)))"
)


_ZH_YEAR_LIST_NEXT_RE = re.compile(rf"\s?年?\s?[、和及与]\s?({pat.YEAR})\s?年")
"""The next year of a list (1998年、2001年先后开展了肝移植和心脏移植)."""


_ZH_SPAN_END_BEFORE_RE = re.compile(rf"(?<!\d){pat.YEAR}\s?年\s?(?:至|到|~|-)\s?$")
"""2018年至2023年11月, 2006年至2011年間: the year after it ends a span, the dates of a count
or an episode, never a first or a founding."""
_ZH_IN_TURN_RE = re.compile(r"先后|分别|相继|依次")
_ZH_CLAUSE_END_RE = re.compile(r"[,。;!?]")


def _zh_years_in_turn(
    norm: str, ys: int, ye: int, cue: int, used: set[int]
) -> list[tuple[int, int, float]]:
    """The other years of a list that the year at ``ys:ye`` belongs to, before a first's phrase
    said in turn (1998年、2001年先后开展了肝移植和心脏移植: each year a first of its own),
    marked used; [] without 先后/分别/相继 between the list and the phrase."""
    if not _ZH_IN_TURN_RE.search(norm, ye, cue + 1):
        return []
    found: list[tuple[int, int, float]] = []
    prev = _ZH_YEAR_LIST_PREV_RE.search(norm, max(0, ys - 12), ys)
    while prev and prev.start(1) not in used:
        used.add(prev.start(1))
        found.append((prev.start(1), prev.end(1), float(prev.group(1))))
        prev = _ZH_YEAR_LIST_PREV_RE.search(norm, max(0, prev.start(1) - 12), prev.start(1))
    nxt = _ZH_YEAR_LIST_NEXT_RE.match(norm, ye)
    while nxt and nxt.start(1) not in used and nxt.end() <= cue:
        used.add(nxt.start(1))
        found.append((nxt.start(1), nxt.end(1), float(nxt.group(1))))
        nxt = _ZH_YEAR_LIST_NEXT_RE.match(norm, nxt.end(1))
    return found


def _zh_organs_in_turn(
    norm: str,
    year: tuple[int, int, float],
    others: list[tuple[int, int, float]],
    m: re.Match[str],
    kinds: list[str],
) -> tuple[list[str], list[tuple[int, int, float, str]]]:
    """Pair the years of a list said in turn with the organs named after 先后/分别 in the same
    order (2001年、2003年和2005年分别开展了肝、肺和心脏移植: 2001 liver, 2003 lung, 2005
    heart): the organs of the year read first (``kinds``) and (start, end, year, organ) of the
    others. When the organs named are not one per year (as many, none named twice), the
    first year keeps ``kinds`` and the others get no organ."""
    if not others:
        return kinds, []
    cue = _ZH_IN_TURN_RE.search(norm, year[1], m.end() + 1)
    stop = _ZH_CLAUSE_END_RE.search(norm, m.end())
    end = stop.start() if stop else len(norm)
    found = pat.ORGAN_RE.finditer(norm, cue.end(), end) if cue else ()
    organs = [pat.ORGAN_WORDS[o.group(0)] for o in found]
    years = sorted([year, *others])
    if len(organs) != len(years) or len(set(organs)) != len(organs):
        return kinds, [(s, e, y, "") for s, e, y in others]
    paired = dict(zip(years, organs, strict=True))
    return [paired[year]], [(s, e, y, paired[(s, e, y)]) for s, e, y in others]


_ZH_YEAR_LIST_PREV_RE = re.compile(rf"(?<!\d)({pat.YEAR})\s?年?\s?[、和及与]\s?$")
"""The year before in a list (1998年、 before 2001年)."""


_EN_YEAR_LIST_NEXT_RE = re.compile(
    rf"\s?,\s?(?:and\s)?({pat.YEAR})(?!\d)|\s(?:and)\s({pat.YEAR})(?!\d)"
)
"""The next year of an English list (in 1969, 1991 and 1990)."""


_EN_RESPECTIVELY_RE = re.compile(r"^[.,]?\s?,?\s?respectively")


def _en_years_respectively(
    norm: str, ye: int, first: re.Match[str], used: set[int]
) -> list[tuple[int, int, float, str]]:
    """The years of a list after an English first of several organs, said 'respectively'
    ('the first kidney, liver and heart transplants ... in 1969, 1991 and 1990 respectively'):
    the first year's organ (start -1), then (start, end, year, organ) of each other year, the
    organs in the order named; marked used. [] unless 'respectively' closes the list."""
    found: list[tuple[int, int, float]] = []
    nxt = _EN_YEAR_LIST_NEXT_RE.match(norm, ye)
    end = ye
    while nxt:
        g = 1 if nxt.group(1) else 2
        found.append((nxt.start(g), nxt.end(g), float(nxt.group(g))))
        end = nxt.end(g)
        nxt = _EN_YEAR_LIST_NEXT_RE.match(norm, end)
    if not found or not _EN_RESPECTIVELY_RE.match(norm[end : end + 20]):
        return []
    organs = [pat.ORGAN_WORDS[o.group(0)] for o in pat.ORGAN_RE.finditer(first.group(0))]
    out = [(-1, ye, 0.0, organs[0] if organs else "")]  # the first year's own organ
    for i, (ys, y_end, year) in enumerate(found):
        if ys in used or i + 1 >= len(organs):
            continue  # a year with no organ of its own (bone marrow, named between) is left
        used.add(ys)
        out.append((ys, y_end, year, organs[i + 1]))
    return out


_EN_FIRST_AND_RE = re.compile(
    rf"\s?,?\s(?:and|as well as)\s(?:(?:its\s)?first\s)?(?:[a-z-]+\s){{0,3}}?"
    rf"transplant(?:s|ation)?\s(?:in|on)\s(?:[a-z]+\s){{0,2}}(?:\d{{1,2}},\s)?({pat.YEAR})(?!\d)"
    r"(?!['’]?s(?![a-z]))"  # 'in the 1990s': a decade, no year
)
"""'started kidney transplants in 1994 and liver transplants in 2001': a second kind begun
in the same breath, after the first one's year, is a first of its own."""


_EN_ORGAN_ADJECTIVES = ("cardiac", "renal", "hepatic", "pulmonary", "pancreatic", "intestinal")


_EN_ORGAN_RE = re.compile(
    r"(?<![-/])(?:"
    + pat._alt([w for w in pat.ORGAN_WORDS if w.isascii() and w not in _EN_ORGAN_ADJECTIVES])
    + r")(?![-/])"
)
"""English organ nouns naming a kind of first; not adjectives, which qualify it ('the first
kidney transplant after cardiac death'), nor a part of a compound kind the vocabulary does
not list ('combined heart-liver')."""


_EN_OTHER_KINDS_RE = re.compile(r"(?:,\s|\s)(?:and\s)?other\s")


_EN_KIND_MORE_RE = re.compile(
    rf"s?\s(?:and|as well as)\s(?:the\s|its\s|a\s)?(?:first\s)?(?:successful\s)?"
    rf"({_EN_ORGAN_RE.pattern})\stransplant"
)
"""'the first successful liver transplant and heart transplant': a second kind named in the
same first, sharing its year."""


_EN_AND_IN_RE = re.compile(r"(?:\sand|,)\s(?:then\s|later\s)?(?:in|on|by)\s(?:[a-z]+\s)?$")
"""A year after a first that opens the next coordinated phrase ('... and in 2000 the first lung
transplant') dates that phrase, not the first before it."""


_EN_SAME_YEAR_RE = re.compile(r"(?:the same|that same|that)\syear(?![a-z])")
"""'In the same year, it carried out the first ...': the year is the previous sentence's."""


_DATELINE_AFTER_RE = re.compile(r"年\s?\d{1,2}\s?月\s?\d{1,2}\s?日\s?(?:讯|电|消息)")
"""The rest of a news dateline after its year (2025年4月12日讯, 3月5日电)."""


_FOUNDED_RE = re.compile(
    r"移植(?:中心|科|研究所|病区|研究中心|专科|病房)[^。;]{0,24}?"
    r"(?:成立|建立|组建|创建|创立|挂牌|揭牌|始建|建于|开设|设立|开科|建科)"
    r"|(?:成立|组建|创建|建立|创立|设立|开设)[^。;,]{0,10}移植(?:专业)?(?:中心|科|研究所|病区|研究中心|专科|病房|学科)"
    # a centre designated or approved as such (GUIDE heldout9): 正式命名为全军器官移植中心
    r"|(?:命名为|批准为|确定为|认定为|批准成为|被批准成立)[^。;,]{0,10}移植(?:中心|研究所|研究中心)"
    r"|transplant(?:ation)?\s(?:and\s[a-z]+\s)?(?:center|centre|unit|institute|department|ward"
    r"|division|program)[^.;]{0,40}?(?:founded|establi[a-z]*|set up|created|opened|approved)"
    r"|(?:founded|established|set up|created|opened)\s(?:its\s|a\s|the\s)?(?:[a-z']+\s){0,3}"
    r"transplant(?:ation)?\s(?:center|centre|unit|institute|department|ward|division|program)"
    # 'Established in 1994, the Liver Transplant Center has 80 beds'
    r"|(?:founded|established|set up|created|opened)\s(?:in\s)?(?:[a-z]+\s)?\d{4},\s"
    r"(?:the|its|our)\s(?:[a-z'-]+\s){0,3}transplant(?:ation)?\s"
    r"(?:center|centre|unit|institute|department|ward|division|program)"
)


_FOUNDED_SELF_RE = re.compile(
    r"(?:本科|本中心|我科|我中心|该科|该中心|本所|我所|该所)[^。;,]{0,3}(?:始建|成立|组建|创建|建立)"
    r"|(?:the|this|our) (?:center|centre|unit|department) was (?:founded|established|set up)"
)


_YEAR_FIGURE_RE = re.compile(
    rf"(?<![\d.])(?<!\d,)({pat.YEAR})(?!\d)(?!,\d)(?!['’]?s(?![a-z]))"  # the 1980s: a decade
    r"(?!\s?[余多]?\s?(?:例|台|张|名|年代|transplant|bed|case))"  # 2000余例: a count
)


_ZH_YEAR_FIGURE_RE = re.compile(
    r"(?<![〇零○一二三四五六七八九十])(?:(?<=民国)(?:[一二三四五六七八九十]{1,4}|\s?\d{2,3})"
    r"|[一二][〇零○九][〇零○一二三四五六七八九]{2})(?=\s?年)"
)
"""A year in Chinese numerals: 一九九四年, 二〇〇四年, and the Republic of China's years after
民国 (民国七十六年 = 1987)."""


_ROC_YEAR_OFFSET = 1911
"""民国 year 1 is 1912: a calendar definition."""


_ZH_DIGIT_CHARS = {"〇": 0, "零": 0, "○": 0, **pat.ZH_DIGIT_VALUES}


def _year_value(token: str) -> float:
    """The calendar year of a year token: 1994, 一九九四, 七十六 (after 民国: 1987)."""
    if token.strip().isdigit():
        value = float(token)
        return value + _ROC_YEAR_OFFSET if value < 200 else value  # 民国76年 = 1987
    if len(token) == 4 and all(ch in _ZH_DIGIT_CHARS for ch in token):
        return float("".join(str(_ZH_DIGIT_CHARS[ch]) for ch in token))
    return parse_number(token) + _ROC_YEAR_OFFSET


def _year_spans(norm: str, lo: int, hi: int) -> list[tuple[int, int, float]]:
    """(start, end, year) of every year in norm[lo:hi], in Arabic or Chinese numerals."""
    found = [(ym.start(1), ym.end(1), 0.0) for ym in _YEAR_FIGURE_RE.finditer(norm, lo, hi)]
    if "年" in norm[lo:hi]:
        found += [(m.start(), m.end(), 0.0) for m in _ZH_YEAR_FIGURE_RE.finditer(norm, lo, hi)]
        found.sort()
    return found


def _cell_year_candidate(text: str, ys: int, ye: int, lang: str, chars: int) -> Candidate:
    return _span_candidate(
        text,
        ys,
        ye,
        chars,
        lang,
        indicator="transplant_unit_founded_year",
        value=float(text[ys:ye]),
    )


def _first_kinds(norm: str, m: re.Match[str], organ: str) -> list[str]:
    """The organs of each kind an English first names (guide: "a first of each kind
    named"): 'began carrying out pancreas-kidney, liver-kidney, and other ... transplants' →
    two kinds ('other ...' names none), 'the first liver transplant and heart transplant' →
    two; ``[organ]`` when it names one kind or is not English."""
    head = norm[m.start() : m.end()]
    if not head.isascii():
        return [organ]
    cut = _EN_OTHER_KINDS_RE.search(head)
    kinds = [  # one kind per comma-separated item: 'kidney and pancreas' is one combined kind
        pat.ORGAN_WORDS[om.group(0)]
        for item in (head[: cut.start()] if cut else head).split(",")
        if (om := _EN_ORGAN_RE.search(item))
    ]
    more = _EN_KIND_MORE_RE.match(norm, m.end())
    if more:
        kinds.append(pat.ORGAN_WORDS[more.group(1)])
    unique = list(dict.fromkeys(kinds))
    return unique if len(unique) > 1 else [organ]


def _same_year(norm: str, sentences: _Bounds, m: re.Match[str]) -> tuple[int, int] | None:
    """The span of the last year before the sentence (within ``_PREVIOUS_CHARS``), for an
    English first whose own sentence has no year but says 'in the same year' / 'that year'."""
    lo, hi = sentences.around(m.start(), m.end())
    if lo <= 1 or not _EN_SAME_YEAR_RE.search(norm, lo, hi):
        return None
    years = _year_spans(norm, max(0, lo - _PREVIOUS_CHARS), lo)
    return (years[-1][0], years[-1][1]) if years else None


_ZH_OPERATION_RE = re.compile(r"移植|换[肝肾心肺]|手术(?!机器人|器械|设备|系统|显微镜|室)")
"""An operation told: 手术 as the operation, not as the kind of a tool or room (手术机器人)."""


def _zh_previous_year(norm: str, sentences: _Bounds, m: re.Match[str]) -> tuple[int, int] | None:
    """The span of the last year of the sentence just before, for a Chinese first whose own
    sentence has no year, when that sentence tells an operation (2020年6月,某院成功进行…联合
    移植。该手术为世界首例…): the first is that operation, dated there."""
    if norm[m.start() : m.end()].isascii():
        return None  # English has its own rule ('in the same year')
    lo, _ = sentences.around(m.start(), m.end())
    if lo <= 1:
        return None
    plo, _ = sentences.around(lo - 2, lo - 1)
    if not _ZH_OPERATION_RE.search(norm, plo, lo):
        return None
    years = [y for y in _year_spans(norm, plo, lo) if not _zh_span_year(norm, y[0])]
    return (years[-1][0], years[-1][1]) if years else None


def _zh_span_year(norm: str, ys: int) -> bool:
    """Does the year at ``ys`` start or end a Chinese span of years (2018年至2023年11月)?"""
    return bool(
        pat.ZH_YEAR_RANGE_RE.match(norm, ys)
        or _ZH_SPAN_END_BEFORE_RE.search(norm, max(0, ys - 8), ys)
    )


_EN_PROGRAMME_RE = re.compile(r"program(?:me)?s?\s")
_EN_FIRST_OPERATION_RE = re.compile(
    r"(?<![a-z])first\s(?:(?!program)[a-z'’-]+\s){0,4}?(?:transplant(?:ation)?s?|operation|case)"
    r"(?![a-z])"
)


def _launch_before_first(norm: str, sentences: _Bounds, m: re.Match[str]) -> bool:
    """An English programme launched or begun, in a sentence that states its first
    transplant apart ('A lung transplant programme was launched in August 1994 ... with the
    first single-lung transplant performed in July 1995'): the launch dates no operation."""
    if not _EN_PROGRAMME_RE.search(m.group(0)) or "first" in m.group(0):
        return False
    lo, hi = sentences.around(m.start(), m.end())
    return any(
        f.start() >= m.end() or f.end() <= m.start()
        for f in _EN_FIRST_OPERATION_RE.finditer(norm, lo, hi)
    )


_ZH_OTHER_EVENT_RE = re.compile(
    r"毕业|成立|创立|创办|出生|加入|当选|获[^,。;]{0,8}资格|颁布|出台|(?:实施|施行)新?的?《"
)
"""What a year in another clause of a first's sentence may date instead (2005年毕业于, 2012年获
外科专科资格, 2018年成立的联盟, 2024年5月1日开始实施新的《条例》): that event, not the first."""


def _zh_dates_other_event(norm: str, clauses: _Bounds, ys: int, ye: int) -> bool:
    """Chinese: does the year's own clause tell another event (_ZH_OTHER_EVENT_RE)?"""
    if "年" not in norm[ye : ye + 2]:
        return False  # an English year, or a year with no 年 after it
    lo, hi = clauses.around(ys, ye)
    return bool(_ZH_OTHER_EVENT_RE.search(norm, lo, hi))


def _year_candidates(doc: Doc) -> list[Candidate]:
    """``first_transplant_year`` and ``transplant_unit_founded_year``: the year nearest to
    a 'first transplant' or 'centre founded' phrase, in its clause, else its sentence."""
    text, norm, clauses, sentences, lang, hospitals, snippet_chars = (
        doc.text,
        doc.norm,
        doc.clauses,
        doc.sentences,
        doc.lang,
        doc.hospitals,
        doc.snippet_chars,
    )
    out: list[Candidate] = []
    if (
        "移植" not in norm
        and "transplant" not in norm
        and "换" not in norm
        and not ("first" in norm and pat.EN_TX_ABBREV_RE.search(norm))
    ):
        return out  # both phrases need a word for transplantation (移植, 换心, the first KT)
    used: set[int] = set()
    doc_transplant = _doc_transplant(norm)
    rules: list[tuple[str, re.Pattern[str]]] = [
        ("first_transplant_year", _FIRST_TX_RE),
        ("transplant_unit_founded_year", _FOUNDED_RE),
    ]
    if doc_transplant:
        rules.append(("transplant_unit_founded_year", _FOUNDED_SELF_RE))
    cells = pat.CELL_UNIT_END_RE.search(norm) is not None  # a cheap gate: most pages have none
    for m in pat.CELL_FOUNDED_YEAR_RE.finditer(norm) if cells else ():
        used.add(m.start("year"))
        out.append(_cell_year_candidate(text, m.start("year"), m.end("year"), lang, snippet_chars))
    first_organs: dict[int, set[str]] = {}  # a first year's position → the organs it dates
    read_with_and = 0  # the end of the last first read with its year by _EN_FIRST_AND_RE
    for indicator, rx in rules:
        for m in rx.finditer(norm):
            if indicator == "first_transplant_year" and m.start() < read_with_and:
                continue  # 'and its first liver transplant in 2003': already read, year and all
            if indicator == "first_transplant_year" and _launch_before_first(norm, sentences, m):
                continue  # 'a programme launched in 1994 ... the first transplant in 1995'
            if indicator == "first_transplant_year" and pat.ZH_TISSUE_TX_RE.search(
                norm, m.start(), m.end() + 2
            ):
                continue  # 首例...甲状旁腺移植: a tissue's first, no organ's (GUIDE, heldout7)
            best: tuple[int, int, int] | None = None
            om = pat.ORGAN_RE.search(norm[m.start() : m.end()]) or pat.ORGAN_RE.search(
                norm[max(0, m.start() - 12) : m.start()]
            )
            organ = pat.ORGAN_WORDS[om.group(0)] if om else ""
            for lo_is_clause, (lo, hi) in (
                (True, clauses.around(m.start(), m.end())),
                (False, sentences.around(m.start(), m.end())),
            ):
                for ys, ye, _ in _year_spans(norm, lo, hi):
                    if ys > m.end() and _EN_AND_IN_RE.search(norm, m.end(), ys):
                        continue  # '... and in 2000 the first lung transplant': not this one's
                    if norm.startswith("年", ye) and _DATELINE_AFTER_RE.match(norm, ye):
                        continue  # 【看中国2025年4月12日讯】: the story's date, no first
                    if _zh_span_year(norm, ys):
                        continue  # 2018年至2023年11月: a span dates a count, not a first
                    if (
                        not lo_is_clause
                        and indicator == "first_transplant_year"
                        and _zh_dates_other_event(norm, clauses, ys, ye)
                    ):
                        continue  # 2005年毕业于...,曾参与首宗...移植: the year of another event
                    # one year may date the firsts of several organs ('its first two heart
                    # transplants and first lung transplant in 2006'), not two of one organ
                    shared = organ and indicator == "first_transplant_year" and lo_is_clause
                    if ys in used and not (shared and organ not in first_organs.get(ys, {organ})):
                        continue
                    dist = min(abs(ye - m.start()), abs(ys - m.end()))
                    if best is None or dist < best[0]:
                        best = (dist, ys, ye)
                if best is not None:
                    break
            if best is None and indicator == "first_transplant_year":
                same = _same_year(norm, sentences, m) or _zh_previous_year(norm, sentences, m)
                if same and _zh_dates_other_event(norm, clauses, *same):
                    same = None  # 2024年开始实施新的《条例》。...完成首例: the rule's year
                best = (0, *same) if same else None
            if best is None:
                continue
            _, ys, ye = best
            year = _year_value(norm[ys:ye])
            used.add(ys)
            kinds = [organ]
            in_turn: list[tuple[int, int, float, str]] = []
            if indicator == "first_transplant_year" and ys > m.end() and "respectively" in norm:
                in_turn = _en_years_respectively(norm, ye, m, used)
            if in_turn:  # each year its own organ, in the order named
                kinds = [in_turn[0][3]]
                in_turn = in_turn[1:]
            elif indicator == "first_transplant_year":
                kinds = _first_kinds(norm, m, organ)
                first_organs.setdefault(ys, set()).update(kinds)
            if indicator == "first_transplant_year" and ys < m.end() and "年" in norm[ye : ye + 2]:
                # 1998年、2001年先后…: the list's other years, each with its organ in turn
                zh = _zh_years_in_turn(norm, ys, ye, m.end(), used)
                kinds, in_turn = _zh_organs_in_turn(norm, (ys, ye, year), zh, m, kinds)
            out.extend(
                _span_candidate(
                    text,
                    ys,
                    ye,
                    snippet_chars,
                    lang,
                    indicator=indicator,
                    value=year,
                    organ=kind,
                    hospital=_hospital_at(hospitals, ys),
                )
                for kind in kinds
            )
            out.extend(
                _span_candidate(
                    text,
                    y2s,
                    y2e,
                    snippet_chars,
                    lang,
                    indicator=indicator,
                    value=year2,
                    organ=organ2,
                    hospital=_hospital_at(hospitals, y2s),
                )
                for y2s, y2e, year2, organ2 in in_turn
            )
            if indicator == "first_transplant_year" and ys > m.end():
                nxt = _EN_FIRST_AND_RE.match(norm, ye)
                if nxt and nxt.start(1) not in used:
                    used.add(nxt.start(1))
                    read_with_and = nxt.end(1)
                    om = pat.ORGAN_RE.search(nxt.group(0))
                    out.append(
                        _span_candidate(
                            text,
                            nxt.start(1),
                            nxt.end(1),
                            snippet_chars,
                            lang,
                            indicator=indicator,
                            value=float(nxt.group(1)),
                            organ=pat.ORGAN_WORDS[om.group(0)] if om else "",
                            hospital=_hospital_at(hospitals, nxt.start(1)),
                        )
                    )
    return out


SLOW_FORMS = speed_up(globals())
"""This module's ``*_RE`` patterns behind look-aheads on their first characters (``rxprefix``):
the same matches, found faster. Name → the pattern as written, for tests."""
