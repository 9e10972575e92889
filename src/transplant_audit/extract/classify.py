"""Classification: which indicator a figure with its counter and context reports. _classify
reads the counter kind and hands the figure to one family: waits (_classify_wait), money
(_classify_money), operations and transplants (_classify_ops) and beds, staff and units in
use (_classify_in_use); the small cue tests they share (organ, as-of date, donation,
surgeon, living donation...) live here too.
"""

from __future__ import annotations

import re
from dataclasses import replace

from transplant_audit.evidence.vocabulary import (
    INDICATORS,
    Qualifier,
)
from transplant_audit.extract import patterns as pat
from transplant_audit.extract import short_names, zh_donations
from transplant_audit.extract.context import (
    _PREVIOUS_CHARS,
    _Ctx,
    _has,
)
from transplant_audit.extract.counters import (
    _PARENS_RE,
    _is_subset,
    _list_head,
    _zh_price_column,
    _zh_price_list,
)
from transplant_audit.extract.period import NEXT_NUMBER_RE, PeriodView
from transplant_audit.extract.period import decide as decide_period
from transplant_audit.extract.period import year_range as _year_range
from transplant_audit.extract.period import years as _years
from transplant_audit.extract.places import is_zh_place
from transplant_audit.extract.rxprefix import speed_up
from transplant_audit.extract.text import last_pos as _last_pos
from transplant_audit.extract.years import _EN_ORGAN_RE

_ENUM_SPLIT_RE = re.compile(r"、|;|和|及|以及|与")


_CONJ_RE = re.compile(r"和|与|及|以及|、|,|;|and|as well as")


_ENUM_ORGANS_RE = re.compile(
    r"(?:肝|肾|心脏|肺|胰腺?)移植(?:、|和|及|与)(?:肝|肾|心脏|肺|胰腺?)移植[^,]{0,6}(?:两|三|四|2|3|4)个"
)


def _nearest_organ(ctx: _Ctx, *, sentence_fallback: bool, multi_ok: bool = False) -> str:
    """The organ word nearest the figure: attached after it (1200例肝移植, 300 liver
    transplants), else the last one before it in the clause, else in the sentence."""
    m = pat.ORGAN_RE.search(ctx.mods) if ctx.mods else None
    if m:
        return pat.ORGAN_WORDS[m.group(0)]
    right = pat.ORGAN_RE.search(ctx.right[:24])
    left_matches = list(pat.ORGAN_RE.finditer(ctx.left_clause))
    # 设有肝移植、肾移植两个病区，共有病床110张: the figure covers several organs
    organs_before = {pat.ORGAN_WORDS[x.group(0)] for x in left_matches}
    if (
        multi_ok
        and len(organs_before) > 1
        and not right
        and _ENUM_ORGANS_RE.search(ctx.left_clause)
    ):
        return ""
    if left_matches:
        last = left_matches[-1]
        between = ctx.left_clause[last.end() :]
        if right and right.start() <= 8 and (len(between) > 8 or _CONJ_RE.search(between)):
            return pat.ORGAN_WORDS[right.group(0)]
        return pat.ORGAN_WORDS[last.group(0)]
    if right:
        return pat.ORGAN_WORDS[right.group(0)]
    if sentence_fallback:
        if multi_ok and _ENUM_ORGANS_RE.search(ctx.sentence_left):
            return ""
        matches = list(pat.ORGAN_RE.finditer(ctx.sentence_left))
        if matches:
            return pat.ORGAN_WORDS[matches[-1].group(0)]
    return ""


def _as_of(text: str) -> str:
    m = pat.AS_OF_RE.search(text)
    if not m:
        return ""
    if m.group(1):
        return m.group(1) + (f"-{int(m.group(2)):02d}" if m.group(2) else "")
    return m.group(3) or ""


def _temporal(ctx: _Ctx) -> str:
    """``in_period`` or ``cumulative`` for a count: the one call of ``period.decide``."""
    return decide_period(_period_view(ctx)).kind


def _sentence_before(ctx: _Ctx, at: int) -> tuple[str, int]:
    """The sentence before the one starting at ``at`` ("" at the document's start), at most
    ``_PREVIOUS_CHARS`` long, and where it starts."""
    if at <= 1 or ctx.sentence_bounds is None:
        return "", 0
    start = ctx.sentence_bounds.around(at - 2, at - 1)[0]
    start = max(start, at - _PREVIOUS_CHARS)
    return ctx.doc[start : at - 1], start


def _previous_sentence(ctx: _Ctx) -> str:
    """The sentence before the figure's sentence in the document ("" at its start)."""
    return _sentence_before(ctx, ctx.sentence_start)[0]


_FOOTNOTE_LEAD_RE = re.compile(r"^\s*\d{1,4}(?=[a-z])")
"""A footnote number glued to the next sentence's first word ('... simultaneously.
435This department has ...')."""
_EN_IT_LEAD_RE = re.compile(r"^\s*(?:(?:in|by|since|as of)\s[^,]{1,30},\s)?it\s")


def _en_unit_before(ctx: _Ctx) -> re.Match[str] | None:
    """The unit an English sentence opening with 'It' speaks of: the unit the sentence before
    opens with (past a footnote number glued to its start), or, when that one opens with 'It'
    too ('In 2006, it completed ...'), the unit of the sentence before that; None when neither
    opens with a unit."""
    at = ctx.sentence_start
    for _ in range(2):
        before, at = _sentence_before(ctx, at)
        lead = _FOOTNOTE_LEAD_RE.sub("", before, count=1)
        unit = pat.EN_UNIT_LEAD_RE.match(lead)
        if unit or not _EN_IT_LEAD_RE.match(lead):
            return unit
    return None


def _next_sentence(ctx: _Ctx) -> str:
    """The sentence after the figure's sentence ("" at the document's end), at most
    ``_PREVIOUS_CHARS`` long."""
    if ctx.sentence_bounds is None:
        return ""
    end = ctx.sentence_start + len(ctx.sentence)
    if end + 1 >= len(ctx.doc):
        return ""
    _, nxt_end = ctx.sentence_bounds.around(end + 1, end + 2)
    return ctx.doc[end + 1 : min(nxt_end, end + 1 + _PREVIOUS_CHARS)]


def _period_view(ctx: _Ctx) -> PeriodView:
    return PeriodView(
        clause=ctx.clause,
        left_clause=ctx.left_clause,
        sentence=ctx.sentence,
        sentence_left=ctx.sentence_left,
        sentence_right=ctx.sentence_right,
        mods=ctx.mods,
        tail=ctx.tail,
        question=ctx.question,
        previous=_previous_sentence(ctx),
        previous_joined=ctx.sentence_start > 0 and ctx.doc[ctx.sentence_start - 1] == ";",
        first_to_pass=bool(_milestone(ctx) and pat.ZH_FIRST_TO_RE.search(ctx.left_clause)),
    )


def _surgeon(ctx: _Ctx) -> bool:
    """Is the count a surgeon's own: a cue in its clause (主刀, 'he has'), a Chinese person
    subject (他去年做了, 其在无锡做了, 副院长某某完成), or a person earlier in the sentence?"""
    if _en_unit_subject(ctx.sentence_left):
        return False
    if _has(pat.SURGEON_CUE_RE, ctx.clause) or _surgeon_before(ctx.sentence_left):
        return True
    left = ctx.sentence_left[-100:]
    if "experience" in left and pat.EN_EXPERIENCE_CUE_RE.search(left):
        return True  # 'Guan had experience in over 2,700 kidney transplants'; a career's
    if _en_experience_list(ctx.sentence_left):
        return True  # '... experience in "over 2,700 ..., over 40 ..., and close to 20 ...'
    if _en_surgeon_named_late(ctx.sentence_left):
        return True  # 'The director of the department, Peng Longkai, has completed 2,000'
    if (" his " in left or " her " in left) and pat.EN_HIS_OWN_BEFORE_RE.search(left):
        return True  # 'Shen conducted his 1600th liver transplant'
    left = ctx.left_clause
    if left.rstrip(" ,")[-1:] > "\u2e80":  # Chinese, a list's comma too (2130例肾移植,380例)
        person = pat.ZH_PERSON_SUBJECT_RE.search(left) or _zh_named_subject(left)
        if person:  # 鄭院長帶領團隊已完成1100例: the team he leads, the centre's count
            return not _ZH_LED_TEAM_RE.search(left, person.start())
        gate = _has(_ZH_CAREER_GATE_RE, ctx.sentence_left)  # a cheap test first
        return (gate and _zh_career(ctx.sentence_left)) or _zh_person_topic(ctx)
    # 'Fu Yaowen, the founder of the kidney transplantation center, had completed 3,000'
    if "," in ctx.sentence_left and _EN_TITLED_APPOSITION_RE.search(ctx.sentence_left):
        return True
    return _en_person_subject(ctx.sentence_left[-100:]) or _en_person_opens_sentence(
        ctx.sentence_left
    )


_EN_UNIT_SUBJECT_RE = re.compile(
    r"(?<!\sat\s)(?<!\sin\s)(?<!\sof\s)(?:the|his|her|its|their|\w['’]s)\s(?:[a-z-]+\s){0,2}?"
    r"(?:hospital|cent(?:er|re)|department|unit|institute|ward)\s(?:(?:has|had|have)\s)?"
    r"(?:[a-z]+ly\s)?(?:conducted|completed|performed|done|carried out|presided)\s[^,;.]{0,30}$"
)
"""English: a unit is the subject of the count's verb ('the director said the hospital had
performed 3,000', 'Dr. Li's department has performed 200', 'his centre has carried out 800',
'Li from No. 2 Hospital said the hospital has presided over 1,200'): the unit's count,
whoever is named before it."""


_EN_UNIT_LED_BY_RE = re.compile(
    r"(?:hospital|cent(?:er|re)|department|unit|institute|ward|division),?\s(?:which\sis\s)?"
    r"(?:headed|led|directed|run|chaired)\sby\s(?:[a-z.'’-]+\s){1,4}?,?\s?(?:(?:has|had|have)\s)?"
    r"(?:[a-z]+ly\s)?(?:conducted|completed|performed|done|carried out)\s[^,;.]{0,30}$"
)
"""'The department headed by Professor Wu has done 900', 'the centre, led by Dr Li, has
performed 2,000': the unit is the subject, its head only named (a team led by a surgeon may be
the surgeon's own, GUIDE.md "A named surgeon's team", and is not read here)."""


def _en_unit_subject(sentence_left: str) -> bool:
    """English: is a unit (hospital, centre, department) the subject right before the count,
    named alone or with the person who heads it (_EN_UNIT_LED_BY_RE)?"""
    left = sentence_left[-100:]
    if not left or left[-1:] > "\u2e80":
        return False
    if _EN_UNIT_SUBJECT_RE.search(left):
        return True
    return " by " in left and bool(_EN_UNIT_LED_BY_RE.search(left))


_EN_SURNAMES = (
    "bai|cai|cao|chan|chen|cheng|cheung|chow|cui|dai|deng|ding|dong|du|duan|fang|feng|fu|gao"
    "|gu|guan|guo|han|hao|ho|hong|hou|hu|huang|ji|jia|jiang|jin|kang|kong|lam|lau|lee|lei|leung"
    "|li|liang|liao|lin|liu|lo|lu|luo|mao|meng|mo|ng|pan|peng|qian|qin|qiu|ren|shao|shen|shi|su"
    "|sun|tan|tang|tao|tian|tsang|wang|wei|wen|wong|wu|xia|xiang|xiao|xie|xiong|xu|xue|yan|yao"
    "|ye|yin|yu|yuan|zeng|zhai|zhang|zhao|zheng|zhong|zhou|zhu|zou"
)
_EN_NAME = (
    rf"(?<!hong\s)(?:{_EN_SURNAMES})(?!\skong)"
    r"(?:\s(?!(?:hospital|cent(?:er|re)|department|institute|university|province|city|team"
    r"|group|district|county)(?![a-z]))[a-z]+(?:-[a-z]+)?)?"
)
"""A Chinese surname and, maybe, a given name (lower-cased text): not 'Hong Kong' nor a
surname before a unit word ('Wu County', 'Li Hospital')."""
_EN_PERSON_SUBJECT_RE = re.compile(
    rf"(?<![a-z'-]){_EN_NAME}"
    r"\s(?:(?:has|had|have)\s)?(?:[a-z]+ly\s)?"
    r"(?:conducted|completed|performed|done|carried out|operated on)\s[^,;.]{0,30}$"
)
"""A person named by a Chinese surname (and given name) is the subject of the count: 'Shen
had conducted over 1,000', 'Yu has completed over 3,800 surgical cases', 'Chen Litian
conducted over 500' (the text is lower-cased: a unit word after the name, 'Hong Kong',
keeps the count a unit's)."""


_EN_HOSPITAL_SHORT_NAME_RE = re.compile(
    short_names.short_name_pattern(short_names.en_hospital_short_names())
)
"""Chinese hospitals' short names written as spaced pinyin syllables ('Ren Ji', 'Fu Wai',
'Qian Fo Shan', 'Sheng Jing'): they read like a surname and given name, but name a
hospital, so a count after them is the hospital's. Derived from data/hospitals.csv
(extract/short_names.py; tools/build_en_hospital_short_names.py), not a hand list."""
_SHORT_NAME_REACH = max(len(" ".join(n)) for n in short_names.en_hospital_short_names())
"""The longest short name's length ('yu huang ding', 13): how far before and after a person's
name a short name covering it can reach."""


def _en_experience_list(sentence_left: str) -> bool:
    """A list of a surgeon's counts after 'had experience in' ('Guan had experience in "over
    2,700 kidney transplants, over 40 from relative donors, and close to 20 combined
    kidney-pancreas transplants"'): each item is the surgeon's own, however far from the cue
    (the list's items joined by commas and 'and', no sentence between)."""
    at = sentence_left.rfind("experience")
    if at < 0 or sentence_left[-1:] > "\u2e80":
        return False
    m = pat.EN_EXPERIENCE_CUE_RE.search(sentence_left, max(0, at - 30))
    return bool(m) and bool(_EN_COUNT_LIST_TAIL_RE.fullmatch(sentence_left, m.end()))


_EN_COUNT_LIST_TAIL_RE = re.compile(r'["“]?(?:[^;:."”]{0,80}?,\s)+(?:and\s)?[a-z ]{0,20}')
"""After 'experience in': list items, each ending on a comma, then the current item's words."""
_EN_NAMED_LATE_RE = re.compile(
    rf"(?:^|\.\s|^\W{{0,3}})(?:the\s)?(?:director|head|chief|founder|president|dean)\s"
    rf"[^,.;]{{0,80}},\s(?:(?:dr|prof|professor)\.?\s)?{_EN_NAME},\s"
    r"(?:(?:has|had|have)\s)?(?:[a-z]+ly\s)?(?:conducted|completed|performed|done|carried out"
    r"|operated on)\s[^,;.]{0,30}$"
)
"""A surgeon named after his title ('The director of the urological transplant department,
Peng Longkai, has completed more than 2,000'): his own count, not the unit's."""
_EN_PRESIDED_RE = re.compile(
    rf"(?<![a-z'-]){_EN_NAME}\s(?:from|of|at)\s(?:[^,;.]|(?<![a-z])no\.\s){{0,80}}?\s"
    r"(?:has\s|had\s)?presided\s$"
)
"""A surgeon named with his hospital before 'presided over' ('Chen Guihua from No. 3
Affiliated Hospital of Sun Yat-sen University presided over 1,000 liver transplant
operations'): his own count, read across the 'No.' that ends no sentence."""


def _en_surgeon_named_late(sentence_left: str) -> bool:
    """The surgeon's own count, named after his title (_EN_NAMED_LATE_RE) or with his hospital
    before 'presided' (_EN_PRESIDED_RE)."""
    if sentence_left.endswith("presided ") and _EN_PRESIDED_RE.search(sentence_left[-200:]):
        return True
    if not sentence_left.isascii() or "," not in sentence_left:
        return False
    return bool(_EN_NAMED_LATE_RE.search(sentence_left[-200:]))


def _en_person_subject(left: str) -> bool:
    """English: a surgeon named by a surname is the subject of the count just before it.
    (Surgeons who 'each' did it, 'Three doctors ... have each completed over one hundred',
    are read as surgeons before this, by SURGEON_CUE_RE and _surgeon_before.) Not when the
    'name' is a hospital's short name ('Ren Ji has performed 1,000 liver transplants')."""
    if not left or left[-1:] > "\u2e80":
        return False
    m = _EN_PERSON_SUBJECT_RE.search(left)
    return bool(m) and not _hospital_short_name_at(left, m.start())


_EN_PERSON_OPENS_RE = re.compile(
    rf"^\s*(?:(?:dr|prof|professor)\.?\s)?(?:{_EN_NAME}|he|she)"
    r"\s(?!(?:said|says|told|added|noted|stated|explained|believes|thinks)(?![a-z]))"
    r"(?:is|was|has|had|[a-z]+(?:s|ed))\s"
)
"""A sentence that opens with a person (a Chinese surname and given name, or he/she) as the
subject of its first verb: 'Liu specializes in kidney surgery, and has completed ...'."""
_EN_SUBJECTLESS_VERB_RE = re.compile(
    r"(?:,\s|\s)and\s(?:(?:has|had)\s)?(?:also\s)?(?:completed|performed|conducted|done"
    r"|carried out|operated on)\s[^,;.]{0,30}$"
)
"""'..., and has completed over 3,000': a verb of the count with no subject of its own, whose
subject is the sentence's."""


def _en_person_opens_sentence(sentence_left: str) -> bool:
    """English: a person opens the sentence and the count's verb, joined by 'and', shares that
    subject ('Liu specializes in kidney surgery, and has completed over 3,000'): the surgeon's
    own count. Not when the 'name' is a hospital's short name."""
    if not sentence_left or sentence_left[-1:] > "\u2e80" or " and " not in sentence_left:
        return False
    if not _EN_SUBJECTLESS_VERB_RE.search(sentence_left):
        return False
    m = _EN_PERSON_OPENS_RE.match(sentence_left)
    return bool(m) and not _hospital_short_name_at(sentence_left, m.start() + 1)


def _hospital_short_name_at(left: str, at: int) -> bool:
    """Does a hospital's short name (_EN_HOSPITAL_SHORT_NAME_RE) cover position ``at``?"""
    near = max(at - _SHORT_NAME_REACH, 0)
    return any(
        h.start() <= at < h.end()
        for h in _EN_HOSPITAL_SHORT_NAME_RE.finditer(left, near, at + _SHORT_NAME_REACH + 1)
    )


def _zh_person_topic(ctx: _Ctx) -> bool:
    """Chinese: does the count's clause, with no subject of its own (已经成功施行肝脏移植1029例,
    转眼完成1700多例), continue a person by name that its sentence, or the sentence before when
    the part before the clause names no one, is about (某某院士在...。截止2011年9月,已经成功
    施行...)? Not when the person leads a team or unit (某某带领团队,完成了...), nor when a
    unit or another subject comes first. _surgeon asks only once the clause has no pronoun,
    title or name subject of its own (ZH_PERSON_SUBJECT_RE, _zh_named_subject)."""
    clause = ctx.left_clause
    if not pat.ZH_SUBJECTLESS_DID_RE.search(clause):
        return False
    if pat.ZH_UNIT_SUBJECT_RE.search(clause) or pat.ZH_CLAUSE_SUBJECT_RE.search(clause):
        return False
    before = ctx.sentence_left[: len(ctx.sentence_left) - len(clause)]
    for topic in (before, _previous_sentence(ctx)):
        if not topic.strip(" ,"):
            continue
        topic = topic.lstrip()
        m = pat.ZH_PERSON_TOPIC_RE.match(topic)
        if m and not _zh_topic_not_person(m):
            if _ZH_SPEAKER_AFTER_RE.match(topic, m.end()):
                return False  # 某院长指出,林口长庚医院...完成113例: a speaker, not the doer
            return not _ZH_LED_TEAM_RE.search(topic)
        if pat.ZH_UNIT_SUBJECT_RE.search(topic) or pat.ZH_CLAUSE_SUBJECT_RE.search(topic):
            return False  # a unit or another subject before it: the count is not a person's
    return False


_ZH_SPEAKER_AFTER_RE = re.compile(r"[^,。;\d]{0,3}?(?:指出|表示|说|介绍|称|透露|强调|谈到)")


_ZH_NAMED_SUBJECT_VERBS = ("完成", "施", "做", "主刀")


def _zh_named_subject(left_clause: str) -> re.Match[str] | None:
    """A person by name as the subject of the count's clause (某某某累计完成了): the first
    surname-led name right before the verb that is no place or common word (ZH_NOT_NAMES_RE).
    Gated on a completion verb in the clause, so most clauses pay one substring test."""
    if not any(verb in left_clause for verb in _ZH_NAMED_SUBJECT_VERBS):
        return None
    for m in pat.ZH_NAMED_SUBJECT_RE.finditer(left_clause):
        titled = bool(_ZH_TITLE_BEFORE_RE.search(left_clause, 0, m.start(1)))
        if not _zh_not_person(m.group(1), titled):
            return m
    return None


def _zh_not_person(name: str, titled: bool) -> bool:
    """A surname-led word that names no person: a common word or a unit's (ZH_NOT_NAMES_RE),
    or a place by its bare name (唐山, 许昌, 江山: places.is_zh_place) unless a title makes it
    a person (江山教授, 主任:江山)."""
    if pat.ZH_NOT_NAMES_RE.search(name):
        return True
    return not titled and is_zh_place(name)


def _zh_topic_not_person(m: re.Match[str]) -> bool:
    """The name of a ZH_PERSON_TOPIC_RE match names no person. Titled when a title follows it
    (group 1: 江山教授), precedes it (group 3: 主刀医生是江山,) or an age does (现年75岁的)."""
    name = m.group(1) or m.group(2) or m.group(3)
    titled = m.group(2) is None or "岁" in m.string[m.start() : m.start(2)]
    return _zh_not_person(name, titled)


_ZH_TITLE_BEFORE_RE = re.compile(r"(?:教授|医生|医师|主任|院长|院士|专家)[:：、]?\s?$")
"""A title right before a name (主任:江山累计完成): the name is a person's even if a place's."""


_EN_TITLED_APPOSITION_RE = re.compile(
    r",\s(?:the\s)?(?:founder|director|head|chief|president|dean|pioneer)(?![a-z])[^,.;]{0,80},"
    r"\s(?:had|has|have|who)\s[^,.;]{0,20}$"
)
"""A person named, then a title in apposition, then the verb of the count: the person is the
subject ('Fu Yaowen, the founder of the center, had completed')."""


_ZH_LED_TEAM_RE = re.compile(
    r"(?:带领|率领|领导)(?:的)?[^,。;\d]{0,6}?(?:团队|小组|中心|医院|科室)"
)
"""A team or unit a surgeon leads (鄭院長帶領團隊, 他所领导的移植中心): the subject of the
count is the unit, whose count it is."""


_ZH_CAREER_RE = re.compile(
    r"(?:从医|执业|手术|职业|外科(?:医生|医师)?|医生|医师|医学|移植)生涯|从医|行医"
    r"|[参叁]与(?:施行|实施|完成|开展)"
)
"""A person's own career or part in the operations (在30余年的从医生涯中, 在他26年的外科医生
生涯里, 行医40几载, 参与施行肾脏移植手术七百余例): the counts of the sentence are that surgeon's.
參與 normalizes to 叁与."""


_ZH_TITLED_OPENING_RE = re.compile(r"\s?[^\s,。;\d]{1,3}(?:院长|教授|主任|医师)(?:为|是)")
"""A sentence that opens on a surgeon by name and title described (陈院长为我国肝脏移植技术的
开拓者, ...完成第1,000例): he is the subject of its counts."""


def _zh_career(sentence_left: str) -> bool:
    """Chinese: does the sentence tell a surgeon's career or part before the count (from
    _ZH_CAREER_RE, or an opening on a titled surgeon), with no team led or unit as subject
    after it (率领团队, 移植中心完成)?"""
    m = _ZH_TITLED_OPENING_RE.match(sentence_left)
    for career in _ZH_CAREER_RE.finditer(sentence_left, max(0, len(sentence_left) - 120)):
        m = career  # the last career cue before the count
    if m is None:
        return False
    after = sentence_left[m.end() :]
    return not (_ZH_LED_TEAM_RE.search(after) or _ZH_UNIT_DID_RE.search(after))


_ZH_UNIT_DID_RE = re.compile(
    r"(?:中心|医院|我院|本院|该院|团队|小组)[^,。;\d]{0,4}?(?:完成|实施|开展)"
)
"""A unit doing the operations, named after a surgeon's career cue: the unit's count."""


def _surgeon_before(sentence_left: str) -> bool:
    """A person is the subject of the count (主刀, 他已, 教授完成) earlier in the sentence,
    and no unit (外科, 中心, 医院) is named after the person."""
    left = sentence_left[-100:]
    p = _last_pos(pat.SURGEON_CUE_RE, left)
    if left[-1:] > "\u2e80":  # Chinese: a pronoun subject (其在无锡做了205例,在杭州做了165例)
        p = max(p, _last_pos(pat.ZH_PERSON_SUBJECT_RE, left))
        named = _zh_named_subject(left)  # 某某施行肝移植1080例,同时施行肝肾联合移植25例
        if named:
            p = max(p, named.start())
    if p < 0:
        return False
    return not pat.ZH_UNIT_SUBJECT_RE.search(left, p + 2)


def _paragraph(ctx: _Ctx) -> tuple[int, int]:
    """Where the figure's paragraph (its line of the document) starts and ends in ``doc``."""
    doc, at = ctx.doc, max(ctx.sentence_start, 0)
    end = doc.find("\n", at)
    return doc.rfind("\n", 0, at) + 1, end if end >= 0 else len(doc)


def _paragraph_transplant(ctx: _Ctx) -> bool:
    """Does the figure's paragraph speak of transplantation? Read only on rare paths (ranked
    staff, a bare per-year count), so no whole-text scan per number."""
    return bool(ctx.doc) and bool(pat.TRANSPLANT_CUE_RE.search(ctx.doc, *_paragraph(ctx)))


def _other_department(ctx: _Ctx) -> bool:
    """Does the figure's paragraph name a department (科室, 'cardiothoracic surgery
    department') and never speak of transplantation? Its ranked surgeons are then a
    department's staff, not transplant surgeons (GUIDE.md, "Staff of other departments")."""
    if not ctx.doc or _paragraph_transplant(ctx):
        return False
    return bool(pat.DEPARTMENT_CUE_RE.search(ctx.doc, *_paragraph(ctx)))


def _milestone(ctx: _Ctx) -> bool:
    """Does the count pass a mark (突破6000例, 破了13,000)? 突破 may have been read as the
    figure's qualifier, so the prefix is searched with the clause before it."""
    return bool(pat.ZH_MILESTONE_BEFORE_RE.search((ctx.left_clause[-4:] + ctx.prefix)[-6:]))


def _target(sentence_left: str, chinese: bool, uclass: str) -> bool:
    """Is the figure a target, a forecast or a rule's threshold (目标, 预计, 规定, 应超过),
    said in its sentence before it and not undone by a contrast (但...才775台)? English: a
    target or hope whose 'to', 'exceed', 'another' or 'reach' takes the figure in one clause
    ('expects to increase the eye donor number to 500 in 2017'; EN_TARGET_BEFORE_RE), beds
    left alone (beds to come are planned beds, _PLANNED_OF)."""
    if not chinese:
        return uclass != "beds" and bool(pat.EN_TARGET_BEFORE_RE.search(sentence_left[-90:]))
    m = pat.ZH_TARGET_RE.search(sentence_left)
    if not m:  # a hope reaches only its own clause (希望今年可做10例,去年完成了8例)
        return bool(_ZH_HOPE_RE.search(sentence_left, sentence_left.rfind(",") + 1))
    return _last_pos(pat.ZH_CONTRAST_RE, sentence_left) < m.start()


_ZH_HOPE_RE = re.compile(r"希望|盼望|期望|期待|打算")
"""希望今年可做10至12宗: a hope for the future, like a target (GUIDE.md, forecasts)."""


def _donation(ctx: _Ctx) -> bool:
    """Is the count next to a donation word, with no transplant word between them?
    (完成器官捐献6302例, 100例公民逝世后器官捐献案例, 21,000 cases of organ donation)
    Bone marrow and blood donations are not organ donations."""
    if pat.NOT_DONATED_RE.search(ctx.clause):
        return False
    if pat.NOT_ORGAN_DONATION_RE.search(ctx.sentence) and _zh_donation_kind(ctx) not in (
        "organ",
        "cornea",
    ):
        return False  # 器官捐献132例、造血干细胞捐献46例: the organ item stays a donation
    if pat.DONATION_CUE_RE.search(ctx.mods):  # 6,300 posthumous organ donation cases
        return True
    if _BARE_DONATE_BEFORE_RE.search(ctx.left_clause[-4:]):
        return True  # 去年捐了6例, 共捐30多例: donations counted in speech (GUIDE.md)
    left = ctx.sentence_left[-32:]  # across 、-lists and pinyin glosses: 捐獻(xiàn)分別為2766、
    d = _last_pos(pat.DONATION_LEFT_CUE_RE, left)
    if d >= 0 and d > _last_pos(pat.TRANSPLANT_CUE_RE, left):
        # 完成10469例器官移植手术, 四十三宗肝臟移植: the count's own noun, after it in its
        # clause, is a transplant (a donation word further back does not make it a donation)
        own = _ENUM_SPLIT_RE.split(ctx.right[:24], maxsplit=1)[0]  # 捐献5272例、移植19326例
        d_right = pat.DONATION_CUE_RE.search(own)
        return not pat.TRANSPLANT_CUE_RE.search(own[: d_right.start()] if d_right else own)
    right = _CONTRAST_CUT_RE.split(ctx.right[:32], 1)[0]  # 1万例……却没有器官捐献系统
    m = pat.DONATION_CUE_RE.search(right)
    if m and _ZH_TURN_RE.search(right, 0, m.start()):
        return False  # 到1万例…却没有任何正式的器官捐献系统: the donation word says something else
    # 4宗器官捐贈移植手術, 48例器官捐献肝移植, 31例公民逝世后器官捐献肝移植: a transplant of a
    # donated organ, not a donation
    if m and (
        _DONATED_ORGAN_TX_RE.match(right, m.end()) or _DONATED_TX_AFTER_RE.match(right, m.end())
    ):
        return False
    if m and not pat.TRANSPLANT_CUE_RE.search(right[: m.start()]):
        return not pat.TRANSPLANT_CUE_RE.search(ctx.mods)
    return False


_DONATED_ORGAN_TX_RE = re.compile(
    rf"\s?(?:供|来源|的)?\s?(?:[肝肾心肺胰]脏?|胰肾|肝肾|心肺|角膜|器官)?\s?(?:{pat.TRANSPLANT_CUE_RE.pattern})"
)
"""What follows a donation word when the count is of transplants of donated organs (捐献肝移植,
捐赠移植手术, 捐献供肾移植)."""


def _own_statement(ctx: _Ctx) -> str:
    """The part of the figure's clause that holds it, when the clause joins two statements
    ('10 people donated one of their kidneys last year while 20 became donors after they
    died': 'died' is the other statement's)."""
    left = pat.CONJUNCT_SPLIT_RE.split(ctx.left_clause)[-1]
    return left + " " + pat.CONJUNCT_SPLIT_RE.split(ctx.right, maxsplit=1)[0]


_EN_LIVING_GIFT_RE = re.compile(
    r"(?<![a-z])donat(?:ed|ing|e)\s(?:one of (?:their|his|her) kidneys|(?:a|one) kidney"
    r"|(?:a\s)?part of (?:their|his|her|a) liver|(?:a\s)?lobe of)"
)


_LIVING_RE = re.compile(r"活体|(?<![a-z])(?:living|live)(?![a-z])")


def _living_donation(ctx: _Ctx) -> bool:
    """Is a donation count's own item a living donation (17宗活体捐赠, '45 living
    donations')? Living donors counted alone are their transplants (GUIDE.md, "Donors counted
    together"); 遗体及活体 together stay donors."""
    right = _ENUM_SPLIT_RE.split(ctx.right[:12], maxsplit=1)[0]
    own = _ENUM_SPLIT_RE.split(ctx.left_clause)[-1][-8:] + " " + ctx.mods + " " + right
    together = pat.ZH_DECEASED_AND_LIVING_RE
    if not _LIVING_RE.search(own):
        # 活體器官捐贈數字不多,...一年只有約50宗: the sentence's last donation is a living one
        p = _last_pos(_ZH_LIVING_TOPIC_RE, ctx.sentence_left)
        topic = _ZH_LIVING_TOPIC_RE.match(ctx.sentence_left, p) if p >= 0 else None
        if topic is None or "捐" in ctx.sentence_left[topic.end() :]:
            return False
        return not together.search(ctx.sentence_left, max(0, topic.start() - 6), topic.end())
    return not (together.search(ctx.left_clause[-12:]) or together.search(right))


_ZH_LIVING_TOPIC_RE = re.compile(r"活体[^,。;\d]{0,4}?捐(?:赠|献)")


_GENERIC_TX_AFTER_RE = re.compile(
    r"\s?[^,。;\d]{0,3}?(?:移植|换[肝肾心肺](?!\s?(?:病人|患者|病患|病友)))"
    r"(?!\s?(?:中心|医院|科|机构|单位|团队|小组|病房|病区|资质|项目|学会))"
)
"""个 then a transplant word (50个尸肾移植, 一晚上就做6个换肾手术, 5个病患换肾成功): the count
counts transplants."""


_ZH_TURN_RE = re.compile(r"却|但|然而|没有|並無|并无|不是")
"""Between a count and a donation word after it: a turn or a negation; the word belongs to
another statement."""


_BARE_DONATE_BEFORE_RE = re.compile(r"(?<![募])捐了?\s?$")
"""The bare verb 捐 just before a count (捐了6例, 共捐30多例, 一年能捐10个): donations."""


_DONATED_BEFORE_RE = re.compile(r"(?<![募])(?:捐|捐献|捐赠)了?\s?$")


_CONTRAST_CUT_RE = re.compile(r"却|但|而|没有")
"""Where a count's clause turns (从每年几千例到1万例……却没有器官捐献系统): a donation word
after the turn names no donation counted before it."""


_DONATED_TX_AFTER_RE = re.compile(r"\s?(?:[肝肾心肺胰]脏?|器官)?移植")
"""After a donation word: a transplant of a donated organ (器官捐献肝移植, 捐赠移植)."""


def _zh_organs_given_after(ctx: _Ctx) -> bool:
    """个 then the organ and a donation verb after it (160个器官捐出, 300片眼角膜捐出): organs
    donated, read from the right when the noun follows the count."""
    return bool(pat.ZH_ORGANS_GIVEN_AFTER_RE.match(ctx.right))


def _zh_near(ctx: _Ctx) -> bool:
    """Is there Chinese next to the figure? True at once in a Chinese document; elsewhere (a
    Chinese passage on an English page) the characters just before and after are read. Keeps
    the Chinese-only rules off English text."""
    return ctx.chinese or bool(
        pat.CJK_RE.search(ctx.sentence_left, len(ctx.sentence_left) - 8)
        or pat.CJK_RE.search(ctx.right, 0, 4)
    )


def _zh_one_operation_team(ctx: _Ctx, role_text: tuple[str, str, str]) -> bool:
    """Are the staff or doctors counted the team of one operation told as news (四个医疗团队、
    超过六十名医护人员、十五个小时手术; 昨天...9名医护人员...完成)? A unit's staffing is no
    event."""
    if not pat.ZH_ONE_OPERATION_RE.search(ctx.sentence) or not _zh_near(ctx):
        return False  # no single operation told, or English text
    return _has(pat.STAFF_NOUN_RE, *role_text) or _has(pat.SURGEON_NOUN_RE, *role_text)


def _zh_admissions_of_a_year(ctx: _Ctx) -> bool:
    """Chinese admissions of a year: 年收治病人近两千人次 (年 before the verb), or 住院人数31万
    人次 in a sentence dated by its year (2014年门诊量为426万人次,住院人数...)."""
    if pat.ZH_YEAR_ADMITS_RE.search(ctx.left_clause):
        return True
    return bool(pat.ZH_ADMISSIONS_NOUN_RE.search(ctx.left_clause)) and bool(
        _years(ctx.sentence_left)
    )


def _zh_donations_counted(ctx: _Ctx) -> bool:
    """Is a 个 count the object of a donation verb straight before it, with no organ noun
    (捐献了4个, 一年能捐5~10个; GUIDE: donation cases counted in speech), in a text about
    organ donation? 捐献器官8个 counts organs (the organ branch reads it first)."""
    if ctx.right[:1] > "\u2e80" and not ctx.right.startswith(("左右", "而", "但")):
        return False  # 捐赠600个保温瓶: 个 counts the thing named after it
    tail = ctx.left_clause[-8:]
    d = _last_pos(pat.DONATION_LEFT_CUE_RE, tail)
    if d < 0 or pat.ORGAN_NOUN_RE.search(tail, d) or pat.NOT_DONATED_RE.search(ctx.clause):
        return False
    if "活体" in tail:
        return False  # 活体捐赠只有8个: living donations are counted as their transplants
    return not pat.NOT_ORGAN_DONATION_RE.search(ctx.sentence) and _has(
        pat.DONATION_CUE_RE, ctx.before_doc, ctx.sentence
    )


def _zh_donation_kind(ctx: _Ctx) -> str:
    """Mainland Chinese: the donation kind the count's own list item names (zh_donations: 器官
    捐献85例、遗体捐献2例 → organ, body), or for a bare item (已实现捐献140余例) the kind named
    last before it in its sentence; "" elsewhere."""
    if ctx.traditional or not ctx.chinese:
        return ""
    item = zh_donations.own_item(ctx.left_clause, ctx.right)
    k = zh_donations.kind(item)
    if k or "捐" not in item or not ctx.left_clause.endswith(item):
        return k
    return zh_donations.topic_kind(ctx.sentence_left[: len(ctx.sentence_left) - len(item)])


def _zh_no_figure_donation(ctx: _Ctx) -> bool:
    """Mainland Chinese: is the count a donation of a kind that is no figure (遗体捐献611人,
    遗体、器官及组织捐献2164例, 造血干细胞捐献46人, 已累计成功捐献18例遗体和器官)?"""
    if "捐" not in ctx.sentence_left[-40:] and "捐" not in ctx.right[:16]:
        return False
    return _zh_donation_kind(ctx) in zh_donations.NO_FIGURE_KINDS


def _body_donation(ctx: _Ctx) -> bool:
    """Is the count's own item a body donation in mainland usage (完成遗体捐献120例, 器官捐献
    356例: only the first; 遗体、器官及组织捐献2164例, one count of both), or does it go on
    from one (遗体捐献293例,累计2166例)? The own item is zh_donations.own_item; going on is
    an item naming no kind whose last donation word before it in the sentence is 遗体's."""
    if ctx.traditional or "遗体" not in ctx.sentence:
        return False
    own = _zh_donation_kind(ctx)
    if own:
        return own in zh_donations.NO_FIGURE_KINDS
    d = _last_pos(pat.DONATION_LEFT_CUE_RE, ctx.sentence_left)
    return d >= 0 and bool(pat.BODY_DONATION_RE.search(ctx.sentence_left, max(0, d - 4), d))


_EN_TX_FOR_BEFORE_RE = re.compile(
    r"(?<![a-z])transplant(?:s|ations?)?\s(?:[a-z-]+\s){0,5}?for\s"
    r"(?:(?:more than|over|about|some|nearly|around|almost|only)\s)?$"
)
"""'arranged organ transplants for more than 200 Japanese patients', 'performed liver
transplants from living donors for five patients': the people the transplants were for."""


def _received_transplant(ctx: _Ctx) -> bool:
    """Persons who got a transplant (得到腎移植的病人有一七八人), not people waiting to get
    one (正在等待器官捐贈接受移植) nor people who once had one (曾在我院接受肝移植)."""
    m = pat.RECEIVED_TX_RE.search(ctx.clause)
    if not m and "recipient" in ctx.mods and _has(pat.TRANSPLANT_CUE_RE, ctx.sentence_left):
        return True  # '1585 liver transplants ... for 173 paediatric and 1412 adult recipients'
    if not m and (
        _ZH_RECIPIENT_BEFORE_RE.search(ctx.left_clause[-8:])
        or _ZH_RECIPIENT_AFTER_RE.match(ctx.right)
    ):
        # 肾移植受者达到210人, 收录1.2万多位肝移植患者: recipients, unless waiting or former
        return not _has(pat.WAITLIST_CUE_RE, ctx.clause) and not _has(pat.FORMER_CUE_RE, ctx.clause)
    if not m and _saved_by_organs(ctx):
        return True  # 捐献的器官挽救了3000余名患者的生命, 拯救了138名器官衰竭病人
    if not m and _persons_did_transplant(ctx):
        return True  # 38名末期肺衰竭病人完成换肺, 160人在中国做了器官移植手术
    if not m and ctx.chinese and _zh_running_recipients(ctx):
        return True  # 心脏移植个案中,20岁以下者累计77人; 肝移植部分,累计完成120位
    if not m and ctx.chinese and _zh_clause_got_transplant(ctx):
        return True  # 等候的病人约700人,但每年完成换肾手术的只有约30人: the second are recipients
    if not m and ctx.left_clause.rstrip().endswith(("为", "替")):
        return bool(pat.ZH_PERFORMED_FOR_RE.search(ctx.right))  # 为3000名患者实施了肾移植
    if (
        not m
        and ctx.left_clause.endswith(" ")
        and _EN_TX_FOR_BEFORE_RE.search(ctx.left_clause[-90:])
    ):
        # transplants for 200 patients; not the patients of a count of transplants already
        # stated ('306 cases of liver transplantation for 292 patients'), nor a group of them
        # ('including lung transplant for 5 patients with ARDS')
        return not (
            _has(pat.WAITLIST_CUE_RE, ctx.left_clause)
            or _has(pat.TX_COUNT_RE, ctx.sentence_left)
            or "including" in ctx.left_clause
        )
    if not m and pat.NEW_LIFE_RE.search(ctx.right):
        return not pat.TRANSPLANT_CUE_RE.search(ctx.sentence_left)
    if not m or _has(pat.FORMER_CUE_RE, ctx.clause):
        return False
    if m["travel"] and pat.STAFF_OR_SURGEON_WORD_RE.search(ctx.mods):
        return False  # '12 surgeons went to Japan for ...': staff who travel, no recipients
    w = pat.WAITLIST_CUE_RE.search(ctx.clause)
    return not (w and w.start() < m.start())


_ZH_RECIPIENT_BEFORE_RE = re.compile(r"移植(?:受者|受体|患者|病人)[^,。;\d]{0,2}$")


_ZH_RECIPIENT_AFTER_RE = re.compile(
    r"\s?(?:余|多)?\s?(?:位|名|例|人)?(?:[^,。;\d]{0,4}?移植(?:受者|受体|患者|病人)"
    # people who received a donated organ: 九人获遗赠肾, 250名病人获器官捐赠, 45人获捐赠肝脏
    r"|[^,。;\d]{0,3}?(?:获得?|得到|接受了?)了?(?:遗体|遗|亲属|活体|大爱)?"
    r"(?:(?:器官|[肝肾心肺]脏?)(?:捐赠|捐献)(?!志愿|登记|证|卡|意愿|宣传|荣誉|奖|基金)"
    r"|(?:捐赠|捐献|赠)的?(?:器官|[肝肾心肺]|眼?角膜)))"
)
"""肾移植受者达到210人, 收录1.2万多位肝移植患者, 九人获遗赠肾: transplant recipients counted
(GUIDE, "Recipients are transplants")."""


_SAVED_BEFORE_RE = re.compile(r"(?:挽救|拯救|救活|救了)了?\s?(?:[^,。;\d]{0,4}?)$")


_TREATED_BEFORE_RE = re.compile(r"救治了?\s?(?:[^,。;\d]{0,8}?)$")
"""已救治器官衰竭患者4631名: the persons treated, read as recipients only after a donation."""


_BENEFITED_BEFORE_RE = re.compile(r"(?:受益|受惠)(?:人数|者|患者|病人)?(?:约|近|超过|逾|达)?\s?$")
"""成功捐赠5例受益13人, 捐出的器官受惠人數約680人: the recipients of donated organs."""


_ORGAN_GIVEN_RE = re.compile(r"器官|捐献|捐赠")


def _saved_by_organs(ctx: _Ctx) -> bool:
    """Chinese: persons whose lives donated organs saved (捐献的器官挽救了6000余人的生命,
    拯救了138名器官衰竭病人), or who were treated or benefited after donations counted
    before them (已见证成功捐献1698例,已救治器官衰竭患者4631名; 成功捐赠5例受益13人), are the
    recipients, so transplants (GUIDE.md, "Recipients are transplants"); only when the
    sentence before the count speaks of organs (of donation, for the treated and benefited)."""
    left = ctx.left_clause[-12:]
    if "救" in left and _SAVED_BEFORE_RE.search(left[-10:]):
        return bool(_ORGAN_GIVEN_RE.search(ctx.sentence_left))
    if ("救治" in left and _TREATED_BEFORE_RE.search(left)) or (
        "受" in left and _BENEFITED_BEFORE_RE.search(left)
    ):
        return "捐" in ctx.sentence_left[: len(ctx.sentence_left) - 12]
    return False


def _en_saved_by_organs(ctx: _Ctx) -> bool:
    """English: persons donated organs or transplants saved or helped ('30,000 people have
    donated their organs after death, saving more than 90,000 lives'; 'has helped 230
    transplant patients') are the recipients, so transplants (GUIDE.md, "Recipients are
    transplants"); only when donation or transplants are named before the count or in its
    clause, and not staff helped ('has helped 40 surgeons learn new techniques') nor patients
    helped while they wait ('has helped 300 patients awaiting a transplant': the waiting
    list)."""
    left = ctx.left_clause[-40:]
    if not any(w in left for w in pat.EN_SAVED_GATE) or not pat.EN_SAVED_BEFORE_RE.search(left):
        return False
    if pat.STAFF_OR_SURGEON_WORD_RE.search(ctx.mods) or _has(
        pat.WAITLIST_CUE_RE, ctx.clause, ctx.mods
    ):
        return False
    # the cue before the count or in its own clause, not a later clause ('Vaccines have saved
    # 2 million lives, while transplants remain costly')
    return _has(pat.DONATION_CUE_RE, ctx.sentence_left, ctx.clause) or _has(
        pat.TRANSPLANT_CUE_RE, ctx.sentence_left, ctx.clause, ctx.mods
    )


_ZH_PERSONS_DID_TX_RE = re.compile(
    r"^[^,。;\d]{0,14}?(?:完成了?|做了|做过|进行了?|施行了?)[^,。;\d]{0,10}?"
    r"(?:移植|换肺|换肝|换肾|换心)"
)


def _persons_did_transplant(ctx: _Ctx) -> bool:
    """Chinese: are the persons counted the patients who had a transplant (38名末期肺衰竭病人
    完成换肺或心肺移植手术, 160人在中国做了器官移植手术)? Not staff who did one (50名医生完成),
    nor people waiting (等待), nor a team or colleagues (团队, 同事)."""
    right = ctx.right[:30]
    if not right or right[:1] < "\u2e80" or "移" not in right and "换" not in right:
        return False
    m = _ZH_PERSONS_DID_TX_RE.match(right)
    if not m:
        return False
    span = right[: m.end()]
    if _has(pat.STAFF_NOUN_RE, span) or _has(pat.SURGEON_NOUN_RE, span):
        return False
    return not (_has(pat.WAITLIST_CUE_RE, span) or _has(_COLLEAGUES_RE, span, ctx.left_clause[-6:]))


_COLLEAGUES_RE = re.compile(r"团队|同事|同行|医护")


_ZH_DID_TX_GATE = ("移", "换", "得", "获", "分到")
"""Substrings one of which every match of ZH_CLAUSE_DID_TX_BEFORE_RE holds."""


def _zh_running_recipients(ctx: _Ctx) -> bool:
    """Chinese: persons counted by a running total (累计77人, 累计完成120位, 共四十三位病人受惠)
    right after the transplant the sentence is about (心脏移植个案中, 肝移植部分, 肺移植手术有二十年
    历史): the recipients, so transplants. Not donors, people registered or waiting, staff,
    nor patients treated, followed up or trained."""
    if not pat.ZH_RUNNING_TOTAL_BEFORE_RE.search(ctx.left_clause[-8:]):
        return False
    if not pat.TRANSPLANT_CUE_RE.search(ctx.sentence_left[-40:]):
        return False
    if _has(pat.WAITLIST_CUE_RE, ctx.sentence_left[-40:]):
        return False  # 以等待肾脏移植者最多,共8831人: the waiting list, counted by organ
    clause = ctx.clause
    return not (
        _has(pat.WAITLIST_CUE_RE, clause)
        or _has(pat.DONATION_CUE_RE, clause)
        or _has(pat.REGISTRATION_CUE_RE, clause)
        or _has(pat.STAFF_NOUN_RE, clause)
        or _has(pat.SURGEON_NOUN_RE, clause)
        or _has(pat.ZH_NOT_RECIPIENTS_RE, clause)
    )


def _zh_clause_got_transplant(ctx: _Ctx) -> bool:
    """Chinese: does the count's own clause say the persons had a transplant (每年完成换肾手术的
    只有约30人, 每年仅两百多人得到肾脏)? The clause decides, not a waiting list named in the
    clause before (等候的病人约700人,但...). Not staff, not people waiting or once treated."""
    left = ctx.left_clause[-24:]
    if any(w in left for w in _ZH_DID_TX_GATE) and pat.ZH_CLAUSE_DID_TX_BEFORE_RE.search(left):
        hit = left
    elif pat.ZH_CLAUSE_GOT_ORGAN_AFTER_RE.match(ctx.right):
        hit = ctx.right[:16]
    else:
        return False
    if _has(pat.STAFF_NOUN_RE, hit) or _has(pat.SURGEON_NOUN_RE, hit):
        return False
    if _has(pat.ZH_NOT_RECIPIENTS_RE, hit):
        return False  # 移植后存活的人数: survivors, not the transplants
    return not _has(pat.WAITLIST_CUE_RE, ctx.clause) and not _has(pat.FORMER_CUE_RE, ctx.clause)


def _within_hours(ctx: _Ctx) -> bool:
    """Is the count done within a day's hours or fewer (十七小时内, 'within 18 hours')?"""
    near = ctx.sentence_left[-24:]
    for text in (ctx.clause, near):
        if ("小时" in text or "hours" in text) and pat.PER_DAY_HOURS_RE.search(text):
            return True
    return False


def _en_one_day(ctx: _Ctx) -> bool:
    """Is an English count scoped to one day by its sentence ('On a single day in 2006, ...',
    'on April 5, 2005, the centre performed', '12 transplants per day', 'on the same day'),
    and not a running total ('had performed')?"""
    day = _en_per_day_words(ctx.sentence)
    day = day or bool(pat.EN_DATE_LEAD_RE.match(ctx.sentence_left))
    day = day or bool(pat.EN_PER_DAY_AFTER_RE.match(ctx.right))
    return day and not _has(pat.STRONG_CUMULATIVE_CUE_RE, ctx.clause)


_EN_PER_DAY_GATE = ("day", "night", "morning", " of")
"""Substrings one of which every match of EN_PER_DAY_WORDS_RE holds."""


_EN_EVENT_WORDS = ("simultaneous", "same time", " on ", *_EN_PER_DAY_GATE)
"""Substrings one of which every event cue holds: a cheap gate before the regexes (the
per-day words' gate included, so the two cannot drift apart)."""


def _en_event(ctx: _Ctx) -> bool:
    """Does the sentence tell one event of transplants ('6 transplant surgeries in 6 operating
    rooms simultaneously ... on that day')? Its rooms and headcounts are no unit's figures."""
    sentence = ctx.sentence
    if not (
        any(w in sentence for w in _EN_EVENT_WORDS) or sentence.startswith("on ")
    ) or not pat.EN_PAST_OPS_RE.search(sentence):
        return False  # a sentence can open with EN_EVENT_RE's 'on april 5' (no space before)
    if pat.EN_EVENT_RE.search(sentence):
        return True
    return _en_per_day_words(sentence)


def _en_per_day_words(sentence: str) -> bool:
    """Does ``sentence`` scope a count to one day ('on a single day', 'on that morning', 'in
    the afternoon of')? EN_PER_DAY_WORDS_RE behind its cheap substring gate."""
    return any(w in sentence for w in _EN_PER_DAY_GATE) and bool(
        pat.EN_PER_DAY_WORDS_RE.search(sentence)
    )


def _helped_by_donations(ctx: _Ctx) -> bool:
    """Chinese: recipients told as the outcome of donations (使2151名患者获得新生, 让800多名
    患者重见光明, 捐献的器官挽救了6000余人): they share the period of the donation tally they
    follow, a running total unless a period is named (GUIDE: donation tallies), so the
    period decision alone names them, not the missing word 累计 in their own clause."""
    m = pat.NEW_LIFE_RE.search(ctx.right)
    if m:  # 受惠 ('benefited', Hong Kong reports of a period) keeps the period cues' reading
        return "受惠" not in m.group(0)
    return _saved_by_organs(ctx)


def _received_indicator(ctx: _Ctx) -> str:
    """People who received a transplant, counted: a running total only when the sentence
    says so (累计, to date, a total of, an as-of date after it); otherwise the patients of a
    period, a report or a study ('764 people undergoing heart transplants', 'patients undergo
    ... each year')."""
    if _temporal(ctx) == "in_period" or _year_range(ctx.sentence):
        return "transplants_in_period"
    if ctx.chinese and _helped_by_donations(ctx):
        return "transplants_cumulative"  # 已有948位捐献者,让2000多名患者重见光明: the tally's
    cues = (pat.STRONG_CUMULATIVE_CUE_RE, pat.WEAK_CUMULATIVE_CUE_RE, pat.AS_OF_RE)
    if any(_has(rx, ctx.clause, ctx.sentence_left) for rx in cues):
        return "transplants_cumulative"
    nxt = NEXT_NUMBER_RE.search(ctx.sentence_right)  # this count's as-of date, not a later one's
    if _has(pat.EN_AS_OF_DATE_RE, ctx.sentence_right[: nxt.start() if nxt else None]):
        return "transplants_cumulative"  # '12 have had heart transplants, as of May this year'
    return "transplants_in_period"


_CENTRE_RE = re.compile(r"cent(?:er|re)|institute")


_GENERAL_SURGERY_RE = re.compile(r"手术|surger|operation|procedure")


_UTILISED_RE = re.compile(r"transplanted|utili[sz]ed|used")


_OF_AFTER_RE = re.compile(r"\s?of\s")


_ORDINAL_SUFFIX_RE = re.compile(r"(?:st|nd|rd|th)(?![a-z])")


_ORDINAL_TRANSPLANT_RE = re.compile(r"(?:st|nd|rd|th)\s(?:[a-z0-9\"'“”‘’-]+\s){0,3}transplant")


_ORDINAL_OPERATION_RE = re.compile(
    r"(?:st|nd|rd|th)\s(?:[a-z-]+\s){0,2}(?:surgery|operation|procedure|case)(?![a-z])"
)
"""'The 9,000th surgery': an ordinal operation, a running total when the text around it is
about transplants."""


_EN_ORDINAL_DONOR_RE = re.compile(
    r"(?:st|nd|rd|th)\s(?:(?!of\s|anniversary)[a-z-]+\s){0,2}?(?:donor|donator|donation)(?![a-z])"
    r"(?!\s(?:card|drive|campaign|day|week|month|event|ceremony|law|program|registry|list))"
)
"""'the 315th donator since 2010', 'its 400th organ donation': an ordinal donor (GUIDE
heldout3, 'Ordinal donors'), counted as opo_donors."""


_PLANNED_OF = {"total_beds": "total_beds_planned", "transplant_beds": "transplant_beds_planned"}


def zh_donor_after(after: str, person: bool = False) -> bool:
    """Chinese: does a donor follow an ordinal and its counter (``after``: the text right
    after them): 第二位器官捐献者, 第300位捐赠者, 首位“大爱供者”? Not a living donation
    (首例活体捐献肝移植: the transplant's first) nor the operation or case a donation names
    (第二例...器官捐献肾移植手术, 首宗...捐赠个案). ``person``: the donor must be named as a
    person (捐献者, 供者), not the act (首例捐献, a programme's milestone)."""
    head = after[:16]
    if "捐" not in head and "供者" not in head:
        return False
    m = pat.ZH_ORDINAL_DONOR_AFTER_RE.match(head)
    if not m or pat.ZH_LIVING_RE.search(head, 0, m.end()):
        return False
    if person and not m.group(0).endswith(("者", "人")):
        return False
    return not pat.ZH_DONATION_OPERATION_AFTER_RE.match(after[m.end() : m.end() + 10])


def _zh_ordinal_donor(ctx: _Ctx) -> bool:
    """Chinese: a donor follows the ordinal (第二位器官捐献者, see zh_donor_after)."""
    return zh_donor_after(ctx.right)


_ONE_DONATION_COUNTS = frozenset(
    ("opo_organs_utilised", "transplants_in_period", "transplants_cumulative")
)


def _zh_one_donation(ctx: _Ctx) -> bool:
    """Chinese: is the count one donor's organs or recipients (这名男子捐献出的2个肾脏, 死者家人
    捐出的器官至少拯救六名病患)? One donor is the subject earlier in the sentence and the
    clause names no running total (GUIDE: "One donation")."""
    left = ctx.sentence_left
    if "捐" not in left:
        return False
    m = pat.ZH_ONE_DONOR_RE.search(left)
    if not m:
        return False
    after = left[m.end() :] + " " + ctx.clause  # a total named after the donor: 累计已有120人
    return not _has(pat.STRONG_CUMULATIVE_CUE_RE, after) and not _has(
        pat.WEAK_CUMULATIVE_CUE_RE, after
    )


def _classify(uclass: str, ctx: _Ctx, ordinal: bool) -> str | None:
    """Counter class and context → indicator name, or None when it is no indicator.

    Beds of a building not yet in use ('建成后', 'under construction') are planned beds.
    """
    if ordinal and uclass in ("persons", "ops") and _zh_ordinal_donor(ctx):
        return "opo_donors"  # 第二位器官捐献者, 首例角膜捐献: the Nth donor, N donors so far
    name = _classify_in_use(uclass, ctx, ordinal)
    if name is None and uclass in ("persons", "ops") and not ctx.chinese:
        name = "transplants_in_period" if _en_sited_cohort(ctx) else None
    if name in _ONE_DONATION_COUNTS and ctx.chinese and _zh_one_donation(ctx):
        return None  # 这名男子捐献出的2个肾脏...使3名患者重获新生: one donor's organs
    if name in _HEADCOUNTS and ctx.chinese and _zh_accused_or_searched(ctx):
        return None  # 9469名医务人员,涉嫌参与活摘; 对9519多名移植执业医生的...搜索: no staff
    if name in _PLANNED_OF and _has(pat.PLANNED_CUE_RE, ctx.sentence_left, ctx.right[:24]):
        return _PLANNED_OF[name]
    if name in _GANG_RENAMED and not ctx.chinese and _en_gang_case(ctx):
        return "transplants_in_period"  # four hospitals had performed about 60 illegal transplants
    if name == "waitlist_size" and not ctx.chinese and _en_listed_over_span(ctx):
        return None  # 951 patients were registered on the waiting list from 1988 to 1998
    if name in _COHORT_COUNTS and _unsited_cohort(ctx):
        return None
    if name in _COHORT_COUNTS and ctx.chinese and _zh_cohort_sex_split(ctx):
        return None  # 其中男性116例,女性51例: a study group split by sex is no subset
    return name


_HEADCOUNTS = frozenset(name for name, ind in INDICATORS.items() if ind.unit == "persons")
"""The vocabulary's counts of people (surgeons, nurses, a department's or hospital's staff)."""
_ZH_ACCUSED_AFTER_RE = re.compile(r"涉嫌|涉案|被告|嫌疑|[参叁]与活摘")  # 參與 normalizes to 叁与
_ZH_SEARCHED_BEFORE_RE = re.compile(r"(?:对|對)\s?$")


def _zh_accused_or_searched(ctx: _Ctx) -> bool:
    """Chinese: is the headcount people accused or suspected (医务人员多达535名...涉嫌参与活摘,
    15名被告人) or the doctors an investigation searched (对9519多名移植执业医生的...资料...搜索)?
    Neither is a unit's staff (GUIDE heldout10, 'The scope of an investigation')."""
    if _ZH_ACCUSED_AFTER_RE.search(ctx.sentence_right[:16]) or _ZH_ACCUSED_AFTER_RE.search(
        ctx.left_clause[-16:]
    ):
        return True
    return bool(_ZH_SEARCHED_BEFORE_RE.search(ctx.left_clause[-2:]))


def _zh_cohort_sex_split(ctx: _Ctx) -> bool:
    """Chinese: is the count one side of a study group's split by sex (回顾分析...167例肾移植受者
    ...其中男性116例,女性51例; 男6例,女2例,年龄23~65岁)? A study says so in its sentence or the
    one before (回顾, 选取, 纳入, 资料, 年龄); national statistics split by sex stay subsets."""
    tail = ctx.left_clause[-8:]
    if ("男" not in tail and "女" not in tail) or not _ZH_SEX_SPLIT_BEFORE_RE.search(tail):
        return False
    return _has(_ZH_STUDY_RE, ctx.sentence, _previous_sentence(ctx))


_ZH_STUDY_RE = re.compile(r"回顾|选取|纳入|入选|临床资料|资料|本组|年龄|随访")
"""Words of a study's description of its patients."""


_ZH_SEX_SPLIT_BEFORE_RE = re.compile(
    r"(?:^|[,、;]|其中)\s?[男女](?:性|患者|病人|患儿|受者|受体)?\s?[:为有]?\s?$"
)
"""A count right after 男 or 女 opening its item (其中男19例,女11例): a cohort split by sex
(GUIDE.md, heldout5 "Cohort splits"), no figure."""


_EN_WOULD_NEED_AFTER_RE = re.compile(r"(?<![a-z])would\s(?:only\s)?(?:require|need)(?![a-z])")
"""A figure whose clause goes on 'would require' is the writer's hypothetical, not a value."""


_COHORT_COUNTS = frozenset(
    {"transplants_in_period", "transplants_cumulative", "opo_donors", "opo_organs_utilised"}
)


_EN_COHORT_TITLE_RE = re.compile(
    r"(?<![a-z])(?:experience|report|series|review|analysis)\s(?:of|with)\s$"
)


_EN_ENROLLED_RE = re.compile(r"(?<![a-z])(?:enrolled|were included)(?![a-z])")


_EN_SITE_RE = re.compile(
    r"(?<![a-z])(?:our|this|the)\s(?:[a-z]+\s)?(?:cent(?:er|re)|hospital|institution|unit)"
    r"|(?<![a-z])(?:hospital|cent(?:er|re)|institute)\s(?:of|at|in)\s|(?<![a-z])(?:at|in)\s[a-z]+"
    r"\s(?:[a-z]+\s)?(?:hospital|cent(?:er|re))"
)


def _unsited_cohort(ctx: _Ctx) -> bool:
    """English: a study cohort with no centre ('a single center experience of 367 cases', 'A
    total of 362 patients who received liver transplantation were enrolled', 'A study
    enrolled 415 kidney transplants'): GUIDE.md, cohorts need both a centre and a span."""
    if ctx.left_clause[-1:] > "\u2e80" or ctx.right[:1] > "\u2e80":
        return ctx.chinese and _zh_unsited_cohort(ctx)
    if _EN_COHORT_TITLE_RE.search(ctx.left_clause[-24:]):
        return True
    if _en_single_centre_study(ctx):
        return True
    sentence = ctx.sentence
    if "enrol" not in sentence and "included" not in sentence:
        return False
    return bool(_EN_ENROLLED_RE.search(sentence)) and not _EN_SITE_RE.search(sentence)


_EN_SINGLE_CENTRE_RE = re.compile(
    r"(?<![a-z])(?:a|one|this)\s(?:[a-z]+\s)?single[- ](?:[a-z]+\s)?(?:cent(?:er|re)|institution"
    r"|hospital)s?(?![a-z])|(?<![a-z])single[- ]cent(?:er|re)(?![a-z])"
)
"""'in a single Chinese center', 'at a single institution', 'this single-center study': the
study says it was done in one centre without naming it."""


_EN_STUDY_RE = re.compile(
    r"(?<![a-z])(?:stud(?:y|ied)|retrospectiv|analy[sz]|review|enrolled|included|cohort)"
)
"""Words of a study's description of its cases."""


_EN_NAMED_SITE_RE = re.compile(
    r"(?<![a-z])our\s(?:[a-z]+\s)?(?:cent(?:er|re)|hospital|institution)"
)


def _en_single_centre_study(ctx: _Ctx) -> bool:
    """English: a study's count whose sentence (or, for a group 'n = 181', the sentence
    before) says 'in a single center' and names no centre (GUIDE.md, heldout14: 'in a single
    center' names no centre; "Cohorts, again"). A named hospital in the same text keeps it
    ('This single-center study examined 239 patients ... at Shahid Rajaee Hospital')."""
    text = ctx.sentence
    if "single" not in text and ("n = " in text or _EN_STUDY_RE.search(text)):
        text = _previous_text_sentence(ctx) + " " + text
    if "single" not in text or not _EN_STUDY_RE.search(text):
        return False
    return bool(_EN_SINGLE_CENTRE_RE.search(text)) and not _en_site_named(text)


def _previous_text_sentence(ctx: _Ctx) -> str:
    """The sentence before the figure's, past a blank line between them ("" at the start)."""
    before, at = _sentence_before(ctx, ctx.sentence_start)
    if not before.strip() and at > 0:
        before = _sentence_before(ctx, at)[0]
    return before


_EN_HOSPITAL_NAMED_RE = re.compile(
    r"(?<![a-z])(?!(?:a|an|the|this|our|one|single|each|any|every|per)\s)[a-z]+\s"
    r"(?:hospital|university|infirmary)(?![a-z])"
)
"""A hospital named by a word before 'Hospital' ('Shahid Rajaee Hospital'), not 'a hospital'."""


def _en_site_named(text: str) -> bool:
    """A study's text names its site: 'our center / hospital / institution' or a named
    hospital. The one test of both cohort rules (unnamed single centre; named centre)."""
    return bool(_EN_NAMED_SITE_RE.search(text) or _EN_HOSPITAL_NAMED_RE.search(text))


_EN_COHORT_NOUN_RE = re.compile(
    r"^(?:[a-z]+\s){0,3}(?:patients|recipients|donors|children|cases|adults)(?![a-z])"
)
_EN_COHORT_DONE_RE = re.compile(
    r"(?<![a-z])(?:underwent|undergoing|received|receiving|transplant|[a-z]*lt(?![a-z])|kt(?![a-z]))"
)
_EN_COHORT_PART_LEAD_RE = re.compile(r"^\s*(?:among|of)\s(?:these|them|whom)")


def _en_sited_cohort(ctx: _Ctx) -> bool:
    """English: a study's patients transplanted at a named centre (or 'our center') over a
    span of dates ('A total of 70 patients underwent AALDLT at our center between January 2002
    and January 2007'; 'Among these, 67 patients received a right lobe graft'): GUIDE.md,
    "Study cohorts": the centre's transplants in that span (transplants_in_period)."""
    if not _EN_COHORT_NOUN_RE.match(ctx.mods) or ctx.left_clause.endswith("for "):
        return False  # '306 cases of liver transplantation for 292 patients': the count's own
    text = ctx.sentence
    if _EN_COHORT_PART_LEAD_RE.match(text):
        text = _previous_text_sentence(ctx) + " " + text
    if not _EN_COHORT_DONE_RE.search(ctx.clause + " " + ctx.mods):
        return False
    if not _en_date_span(text):
        return False
    return _en_site_named(text)


_EN_REGISTERED_ON_RE = re.compile(
    r"(?<![a-z])(?:were|was|been)\s(?:newly\s)?(?:registered|listed|enlisted)\s(?:on|in|with|for)\s"
)
_EN_FLOW_SPAN_RE = re.compile(
    r"(?<![a-z])(?:during|between|over\sthe\s(?:past|last)|in\sthe\s(?:year|period))(?![a-z])"
)


def _en_listed_over_span(ctx: _Ctx) -> bool:
    """English: people registered on a waiting list over a span ('During the year of 2015,
    12 154 kidney transplant candidates ... were registered on the waiting list'; 'From Jan.
    1988 to Dec. 1998, 951 patients were registered'): new listings are a flow onto the list,
    not its size (GUIDE.md, 'Listings are not the list')."""
    sentence = ctx.sentence
    if not _EN_REGISTERED_ON_RE.search(sentence):
        return False
    # past a sentence cut by an abbreviation's stop ('From Jan. 1988 to Dec. 1998, 951 ...')
    text = ctx.doc[max(0, ctx.sentence_start - 40) : max(0, ctx.sentence_start)] + sentence
    return bool(_EN_FLOW_SPAN_RE.search(text)) or _en_date_span(text)


def _en_date_span(text: str) -> bool:
    """'between January 2002 and January 2007', 'from 1988 to 1998', '2010-2018': a span of
    dates or years (the period rules' own patterns)."""
    return bool(pat.EN_DATE_SPAN_RE.search(text) or pat.EN_YEAR_RANGE_RE.search(text))


_GANG_RENAMED = frozenset(
    {"transplants_cumulative", "surgeon_transplants_in_period", "surgeon_transplants_cumulative"}
)
_EN_GANG_RE = re.compile(
    r"(?<![a-z])(?:police|arrest(?:ed)?|racket|kingpin|gang|defendants?|accomplices"
    r"|traffick(?:ing|ers?|ed)?|convicted|sentenced)(?![a-z])"
)
"""Words of a criminal case: police, arrests, a racket, defendants, trafficking."""


def _en_gang_case(ctx: _Ctx) -> bool:
    """English: transplants of a criminal case ('four hospitals had performed about 60 illegal
    transplants ..., whom the police arrested'; 'the group ... participated in three
    transplants'): GUIDE.md, 'Organ trade', a gang's transplants are transplants_in_period,
    neither a running total nor a surgeon's."""
    return bool(_EN_GANG_RE.search(ctx.sentence) or _EN_GANG_RE.search(_previous_sentence(ctx)))


def _zh_unsited_cohort(ctx: _Ctx) -> bool:
    """Chinese: a study's patients (回顾性分析345例肾移植患者, 对入选的331例患者, a series told by
    sex: 男6例,女2例) with neither a centre (医院, 中心, 本院) nor a span of dates
    (GUIDE.md: cohorts need both; one of the two is kept, as the h4 check half scored a
    Chinese cohort with only one as a figure)."""
    sentence = ctx.sentence
    if not pat.ZH_STUDY_CUE_RE.search(sentence):
        return False
    spanned = bool(pat.ZH_YEAR_RANGE_RE.search(sentence) or pat.ZH_DATE_SPAN_RE.search(sentence))
    return not (spanned or pat.ZH_SITE_RE.search(sentence))


_OTHER_RESULT_WORDS = ("result", "report", "diagnos", "visa", "approval", "repl", "answer")
"""A cheap gate before EN_OTHER_RESULT_RE: its words' stems."""


_ZH_TIME_POINT_AFTER_RE = re.compile(r"\s?(?:以?[后後]|[来來])")
_ZH_WAITED_BEFORE_RE = re.compile(r"(?:等[了待候]?|[轮輪苦]?候)\s?(?:了|长达|達|达|超过)?\s?$")


def _zh_time_point(ctx: _Ctx) -> bool:
    """两年以后如果没有复发就可以做移植, 兩年後輪候者幾乎消失, 过去16年来: a duration followed
    by 后/以后/来 dates a moment or spans the past, it is no wait; unless a wait verb takes
    it (等了两年后才等到肾源)."""
    return (
        ctx.chinese
        and bool(_ZH_TIME_POINT_AFTER_RE.match(ctx.right))
        and not _ZH_WAITED_BEFORE_RE.search(ctx.left_clause[-6:])
    )


def _classify_wait(ctx: _Ctx) -> str | None:
    """A duration: a wait, a length of stay, or None."""
    if _has(pat.STUDY_PERIOD_RE, ctx.right[:24]):
        return None
    near = ctx.sentence_left[-40:]
    if ("一" in near or "这" in near or "该" in near) and pat.ZH_ONE_PERSON_RE.search(near):
        return None  # 其中一名受赠者轮候肝脏3年: one person's anecdote
    if "wait" in ctx.sentence and pat.EN_ONE_PERSON_WAIT_RE.search(ctx.sentence):
        return None  # a patient waited only a week: one person's anecdote
    if (
        "year" in ctx.mods
        and pat.EN_TIME_AFTER_RE.match(ctx.right)
        and not _has(pat.EN_WAIT_WORD_RE, ctx.left_clause, ctx.question, ctx.before_doc[-100:])
    ):
        return None  # 'received a kidney 19 years after her first one failed': a time point
    if "岁" in ctx.before_doc and pat.ZH_PERSON_AGE_RE.search(ctx.before_doc):
        return None  # 55岁陈先生...等了3年就得到大爱捐赠: one aged patient's anecdote
    if _zh_one_patient_wait(ctx):
        return None
    if pat.ZH_LASTING_BEFORE_RE.search(ctx.left_clause[-4:]):
        return None  # 持续二十年至今: how long something lasted
    if _zh_time_point(ctx):
        return None  # 两年以后就可以做肾移植: a moment, not a wait
    if "last" in ctx.left_clause[-24:] and pat.EN_LASTING_BEFORE_RE.search(ctx.left_clause[-24:]):
        return None  # the operation lasted 12 hours
    if _has(pat.STAY_CUE_RE, ctx.clause) or _has(pat.EN_STAY_CUE_RE, ctx.clause):
        if pat.EN_ONE_PERSON_STAY_RE.search(ctx.clause):
            return None  # the patient stayed in hospital for 21 days: an anecdote
        if _zh_untypical_stay(ctx):
            return None  # 王住院三周后即返台: one patient's stay, said as an event
        return "avg_length_of_stay_days"
    if "术后" in ctx.left_clause[-8:]:
        # 术后10天即可出院: counted from the operation, a stay when it ends in discharge, else
        # no wait (术后3个月复查)
        return "avg_length_of_stay_days" if "出院" in ctx.clause else None
    if not _has(pat.EN_STRONG_WAIT_RE, ctx.clause) and (
        "year" in ctx.mods and pat.EN_LONG_SPAN_BEFORE_RE.search(ctx.left_clause[-24:])
    ):
        return None  # in 13 years, for 21 years: a programme's life, no wait
    if (
        any(w in ctx.clause for w in _OTHER_RESULT_WORDS)
        and pat.EN_OTHER_RESULT_RE.search(ctx.clause)
        and not _has(pat.EN_STRONG_WAIT_RE, ctx.clause)
        and not pat.EN_ORGAN_WITHIN_RE.search(ctx.clause)
        and not _EN_ORGAN_RE.search(ctx.clause)
    ):
        return None  # obtain the results in one or two days: no organ is waited for
    if (
        "donor" in ctx.left_clause
        and pat.EN_DONOR_STATE_RE.match(ctx.left_clause)
        and not _has(pat.EN_STRONG_WAIT_RE, ctx.clause)
    ):
        return None  # the donor was kept on life support for two days
    head = ctx.table_head
    if head and _has(pat.OUTCOME_AFTER_RE, head[-240:]):
        head = ""  # a table of survival by year after transplant: no waits
    if _has(pat.WAIT_CUE_RE, ctx.clause, ctx.question, head, ctx.mods):
        return "wait_time_days"  # mods: a label, 'Waiting time (days): 14'
    if pat.WAIT_TIME_NOUN_RE.search(ctx.sentence_left[-40:]):
        return "wait_time_days"  # 平均轮候时间为第二最长,达38个月
    colon = ctx.sentence_left.rfind(":")
    if colon >= 0 and pat.WAIT_CUE_RE.search(ctx.sentence_left, max(0, colon - 20), colon):
        return "wait_time_days"  # 等待時間:肝臟1至2週,腎臟1個月: the head serves the list
    if pat.ZH_WAIT_BEFORE_RE.search(ctx.left_clause[-4:]):
        return "wait_time_days"  # 一般等一个月, 须等一星期: the figure is what 等 takes
    if pat.ZH_WAIT_SPEED_BEFORE_RE.search(ctx.left_clause[-12:]) and _has(
        pat.WAIT_CUE_RE, ctx.sentence_left, ctx.question, ctx.before_doc
    ):
        return "wait_time_days"  # 等待2-3天,慢的也只有1-2周: the clause goes on from a wait
    if pat.ZH_AVERAGE_BEFORE_RE.search(ctx.left_clause[-6:]) and (
        pat.ZH_WAITED_FOR_BEFORE_RE.search(ctx.sentence_left[-30:])
    ):
        return "wait_time_days"  # 等一个肾,平均97.4个月: the average of the wait just named
    if _zh_wait_can_after(ctx):
        return "wait_time_days"  # 一个月左右能安排手术: what the hospital can do after it
    if (
        _has(pat.EN_WAIT_CUE_RE, ctx.clause)
        or pat.EN_WAIT_FOR_AFTER_RE.match(ctx.right)
        or pat.EN_ORGAN_WITHIN_RE.search(ctx.left_clause[-90:])
        or pat.EN_ORGAN_WITHIN_RE.match(ctx.right, 0, 30)
    ):
        return "wait_time_days"  # it takes a week to get a kidney; 1 week for a liver
    if ctx.list_at >= 0 and _has(pat.LIST_HEAD_WAIT_RE, _list_head(ctx.doc, ctx.list_at)):
        return "wait_time_days"  # a list of hospitals under 'Waiting times:'
    if _en_wait_carried(ctx):
        return "wait_time_days"  # 'if they wait their turn ..., it might take 10 to 15 years'

    if pat.EN_PARALLEL_ORGAN_RE.match(ctx.left_clause) and _has(pat.WAIT_CUE_RE, ctx.sentence_left):
        return "wait_time_days"  # the wait for a kidney is 2-4 weeks, for a liver 1-2 weeks
    # 平均等待時間為5.2年，相較國外約3年: a comparison borrows the sentence's measure
    if _has(pat.COMPARE_CUE_RE, ctx.left_clause) and _has(pat.WAIT_CUE_RE, ctx.sentence_left):
        return "wait_time_days"
    return None


def _zh_wait_can_after(ctx: _Ctx) -> bool:
    """Chinese: is the duration followed by what can then be done (安排手术, 能做上, 就可以找到,
    patterns.ZH_WAIT_CAN_AFTER_RE), in a sentence on transplants? Checked only after the
    anecdote filters above (one patient's story stays no wait)."""
    return (
        ctx.chinese
        and bool(pat.ZH_WAIT_CAN_AFTER_RE.match(ctx.sentence_right))
        and _has(pat.TRANSPLANT_CUE_RE, ctx.sentence)
    )


_EN_IT_TAKES_RE = re.compile(
    r"(?<![a-z])(?:it\s)?(?:(?:might|may|can|could|will|would|usually|often)\s)?"
    r"(?:takes?|took|taking)\s(?:(?:between|from|about|around|up to|only|just|roughly)\s)?"
    r"(?:(?:[a-z\d.]+\s){1,2}(?:to|and)\s|[\d.]+\s?-\s?)?$"  # a range's high end
)
_EN_WAIT_TIME_NOUN_RE = re.compile(r"(?<![a-z])(?:waiting|wait)\s(?:time|period)s?(?![a-z])")
_EN_OTHER_DURATION_RE = re.compile(
    r"(?<![a-z])(?:operations?|surgery|surgeries|procedures?|recover[a-z]*|stay|survival|surviv"
    r"|dialysis|hospitali[sz]ation|treatment|transport)(?![a-z])"
)


def _en_wait_carried(ctx: _Ctx) -> bool:
    """An English duration whose clause says no wait, in a sentence that does: 'if they wait
    their turn for an organ ..., it might take 10 to 15 years', 'for kidney transplants it
    takes between a week and a month', 'This waiting time varied ..., from a low of 1.4 years
    ... to a high of 5.1 years'. Not when the clause or the words after the wait name another
    duration (the operation, the stay, survival)."""
    left = ctx.sentence_left
    if not left.isascii() or _has(_EN_OTHER_DURATION_RE, ctx.left_clause):
        return False
    if _EN_IT_TAKES_RE.search(ctx.left_clause[-40:]):
        return _has(pat.EN_STRONG_WAIT_RE, left) or _has(pat.TRANSPLANT_CUE_RE, ctx.left_clause)
    noun = _EN_WAIT_TIME_NOUN_RE.search(left)
    return bool(noun) and not _EN_OTHER_DURATION_RE.search(left, noun.end())


def _zh_one_patient_wait(ctx: _Ctx) -> bool:
    """A Chinese duration told as one patient's story: followed by what then happened (等了十天
    就有供体, 不到一周就匹配到), told as a wait done (苦苦等了七八年, not 平均等了) or with 他/她
    as its clause's subject (她已等待了四个多月)."""
    if not _zh_near(ctx):
        return False  # no Chinese next to the duration: English text
    if pat.ZH_EVENT_AFTER_WAIT_RE.match(ctx.sentence_right):  # across the clause's comma
        return True
    if pat.ZH_OTHER_WAITER_RE.search(ctx.left_clause):
        return True  # 家属在手术室外等待了6个小时: no patient waits
    if pat.ZH_WAITED_BEFORE_RE.search(ctx.left_clause[-6:]) and not pat.ZH_TYPICAL_WAIT_RE.search(
        ctx.left_clause
    ):
        return True  # 苦苦等了七八年也没有..., 排队等了近2年的时间,才获得: one patient's past wait
    return bool(pat.ZH_ONE_PERSON_PRONOUN_RE.search(ctx.left_clause))


def _zh_untypical_stay(ctx: _Ctx) -> bool:
    """A Chinese stay in hospital (住院) whose clause has no word making it typical (平均, 一般,
    住院时间, 约, 需要, 可...): one patient's stay told as an event (某某住院共54天, 住院仅一个
    礼拜, 住院三周后即返台), an anecdote (GUIDE: a typical or average stay, not one patient's).
    The clause is read whole, the figure's own qualifiers (住院约十八天, 18天左右) included."""
    if "住院" not in ctx.clause or not _zh_near(ctx):
        return False
    named = pat.ZH_NAMED_PERSON_RE.search(ctx.left_clause)
    if named and not pat.ZH_SPEECH_AFTER_RE.match(ctx.left_clause, named.end()):
        return True  # 张先生换肝后住院时间长达四十天: one named patient's stay (not 王女士说)
    return not pat.ZH_TYPICAL_STAY_RE.search(_whole_clause(ctx))


def _whole_clause(ctx: _Ctx) -> str:
    """The figure's clause with the figure and its qualifiers in it (ctx.clause leaves them
    out): the clause text before, the figure as written, the clause text after."""
    figure = ctx.sentence[len(ctx.sentence_left) : len(ctx.sentence) - len(ctx.sentence_right)]
    return ctx.left_clause + figure + ctx.right


def _priced_at(ctx: _Ctx) -> bool:
    """'kidneys at 160,000 yuan ($25,000)', 'a new kidney on the mainland for 20,000 Hong Kong
    dollars', 'half a million yuan (about $70,000) for a single lung': the amount (or the one
    it converts, in the parentheses after it) prices an organ or a transplant."""
    left = ctx.sentence_left[-48:]
    if "at" in left and pat.EN_ORGAN_PRICED_AT_RE.search(left):
        return True
    wide = ctx.sentence_left[-80:]  # the gate reads the window the pattern searches
    if "for" in wide and pat.EN_ORGAN_FOR_AMOUNT_RE.search(wide):
        return True
    after = ctx.sentence_right[:80]
    return "for " in after and bool(pat.EN_AMOUNT_FOR_ORGAN_AFTER_RE.match(after))


_NOT_A_PRICE_WORDS = ("donor", "compensat", "total", "altogether", "medical", "combined")
"""Substrings one of which EN_NOT_A_PRICE_RE needs: a cheap gate before the regex."""


def _zh_fee_alone(ctx: _Ctx) -> bool:
    """A Chinese 手术费 in a sentence that lists no other line of the bill (no 药费, 住院费,
    肾源费, no 手术当天): the fee stands for what the transplant costs (GUIDE: Money, the
    operation's fee is ``surgical_fee_cny`` only as one line of a cost breakdown)."""
    sent = ctx.sentence
    if "手术费" not in sent or "手术当天" in sent or "|" in sent or not _zh_near(ctx):
        return False
    return not pat.ZH_OTHER_COST_LINE_RE.search(sent) and not pat.ZH_BILL_PART_RE.search(sent)


def _en_seller_pay(ctx: _Ctx) -> bool:
    """What the seller of an organ gets or asks (GUIDE.md heldout6: sellers' pay stays out):
    'people selling kidneys only received around 40,000 yuan', 'sold part of his liver for
    40,000 yuan ($5,860)' (the amount in parentheses restates the one before), 'were paid
    US$6000 for their kidneys', 'had also wanted 200,000 yuan for his kidney'."""
    left = ctx.left_clause[-96:]
    if "(" in ctx.sentence_left[-24:]:  # a parenthesis opens a clause of its own
        bare = pat.EN_CONVERSION_TAIL_RE.sub("", ctx.sentence_left[-96:])
        left = bare if len(bare) < len(ctx.sentence_left[-96:]) else left
    seller = left[-64:]
    if ("sell" in seller or "sold" in seller) and pat.EN_SELLER_GETS_BEFORE_RE.search(seller):
        return True
    return bool(
        left.isascii()
        and pat.EN_PAID_OR_ASKED_BEFORE_RE.search(left[-40:])
        and pat.EN_FOR_OWN_ORGAN_AFTER_RE.match(ctx.sentence_right[:80])
    )


def _classify_money(uclass: str, ctx: _Ctx) -> str | None:
    """An amount in ``cny`` or ``usd``: a price, fee, revenue, funding or investment, or None."""
    texts = (ctx.clause, ctx.mods)
    if any(w in ctx.sentence for w in _NOT_A_PRICE_WORDS) and pat.EN_NOT_A_PRICE_RE.search(
        ctx.sentence
    ):
        return None  # the donors are paid US$1200; costs totaling 7 million yuan
    left = ctx.left_clause[-40:]
    if ("donor" in left or "seller" in left or "vendor" in left) and (
        pat.EN_DONOR_PAID_BEFORE_RE.search(left)
    ):
        return None  # of which the donor received $5,000
    if _en_seller_pay(ctx):
        return None  # people selling kidneys only received around 40,000 yuan
    if left.isascii() and pat.EN_OTHER_COST_RE.search(left):
        return None  # drugs cost another 30,000 yuan a year: not the transplant's price
    if _zh_aid_or_received(ctx):
        return None  # 救助金, 中介拿走10万元, 补偿价格: no price, fee or funding
    if uclass == "usd":
        if _has(pat.PRICE_CUE_RE, *texts, ctx.sentence_left, ctx.question):
            return "price_usd"
        if _has(pat.EN_PRICE_CUE_RE, ctx.sentence_left) or _priced_at(ctx):
            return "price_usd"
        if _has(pat.PRICE_CHANGE_RE, ctx.sentence_left) and _has(pat.PRICE_CUE_RE, ctx.before_doc):
            return "price_usd"
        if pat.ZH_TX_AMOUNT_BEFORE_RE.search(ctx.left_clause[-12:]):
            return "price_usd"  # 心脏移植13万至16万美元: the transplant's price, in dollars
        return None
    row = ctx.before_doc.rsplit("\n", 1)[-1]
    if "|" in row and pat.COST_LINE_NOT_OPERATION_RE.search(row):
        return None  # 术后住院费用 | 3万~8万元: one line of a cost breakdown
    if "|" in row and "手术费用" in row:
        return "surgical_fee_cny"  # 手术费用 | 10万~20万元: the operation's line of a breakdown
    if "|" in row and _zh_price_column(ctx.doc, ctx.sentence_start + len(ctx.sentence_left)):
        return "price_cny"  # 医院 | 等待时间 | 费用 over 天津 | 2周 | 25万元: the price column
    if pat.ZH_COST_LINE_BEFORE_RE.search(ctx.left_clause[-12:]):
        return None  # 术后每年抗排斥药物费用约3万元: a line of the cost that is no operation
    line = _zh_breakdown_line(ctx) if ctx.chinese else None
    if line is not None:
        return line or None  # 手术费用则...有所差异,一般在7万至10万元: the operation's line
    if _has(pat.SURGICAL_FEE_CUE_RE, *texts):
        if pat.FEES_LISTED_RE.search(ctx.clause):
            return "price_cny"  # 手术费、捐赠费约四十万: fees summed, what the patient pays
        if _zh_fee_alone(ctx):
            return "price_cny"  # 35万元的手术费成难关: no bill broken down, the price
        return "surgical_fee_cny"
    if _has(pat.REVENUE_CUE_RE, *texts):
        return "revenue_cny"
    if _has(pat.FUNDING_CUE_RE, *texts):
        return "research_funding_cny"
    if _has(pat.INVEST_CUE_RE, *texts):
        if _zh_near(ctx) and not _has(pat.TRANSPLANT_CUE_RE, ctx.sentence):
            return None  # 投资3亿元建设的新门诊大楼: a general building (GUIDE, heldout3)
        return "capital_investment_cny"
    if _zh_recurring_cost(ctx):
        return None  # 换肾后每月药费大约需要一万元, 透析年均花费10万元: no transplant's price
    if _has(pat.PRICE_CUE_RE, *texts, ctx.sentence_left, ctx.question):
        return "price_cny"
    if _has(pat.EN_PRICE_CUE_RE, ctx.sentence_left) or _priced_at(ctx):
        return "price_cny"
    if pat.ZH_TX_AMOUNT_BEFORE_RE.search(ctx.left_clause[-12:]):
        return "price_cny"  # 心脏移植约50万元、肺移植约60万元: the transplant's price
    if pat.ZH_PRICE_HEAD_RE.search(ctx.left_clause[-4:]):
        return "price_cny"  # 买肾55万: what the buyer paid
    if pat.ZH_ORGAN_SOLD_BEFORE_RE.search(ctx.left_clause[-8:]):
        return "price_cny"  # 一个肾卖15万元: the organ's price
    if "\n" in ctx.before_doc and _zh_price_list(ctx.doc, ctx.sentence_start):
        return "price_cny"  # 官方指导价:\n- 肝脏 25-35万: a line of a price list
    if _has(pat.PRICE_CHANGE_RE, ctx.left_clause) and _has(pat.PRICE_CUE_RE, ctx.before_doc):
        return "price_cny"
    return None


_ZH_RECURRING_COST_RE = re.compile(
    r"(?:每个?月|每個月|月均|年均|每年|每次(?!移植|手术|手術|换|換))[^,。;\d]{0,12}$"
)
"""A cost per month, per year or per session (每月药费, 透析年均花费, 人工肝支持每次; not
每次移植收费, the price of each transplant) just before the amount."""


def _zh_recurring_cost(ctx: _Ctx) -> bool:
    """A Chinese amount paid again and again (drugs each month, dialysis a year, a machine
    rented by the month, one session of liver support): a running cost, not the price of a
    transplant (GUIDE: cost breakdowns, drugs per year are not annotated)."""
    return ctx.chinese and bool(_ZH_RECURRING_COST_RE.search(ctx.left_clause[-16:]))


_ZH_COST_HEAD_RE = re.compile(r"([^,。;\d]{0,8})(?<![消经免浪])费用?")
"""A cost noun in prose and the words before it (术前检查费用, 肾源费用, 手术费用); not 消费
(consumption), 经费 (funds), 免费 (free)."""


_ZH_OTHER_LINE_WORDS_RE = re.compile(r"检查|化验|药|住院|随访|复查|护理|术后|术前|评估")


_ZH_BREAKDOWN_RE = re.compile(
    r"(?:术前|检查|化验|住院|药物?|随访|复查|护理|术后|[肾肝心肺]源|供体)[^,。;\d]{0,8}?费"
)
"""A line of a cost breakdown other than the operation's, somewhere near."""


def _zh_breakdown_line(ctx: _Ctx) -> str | None:
    """Chinese prose cost breakdown: an amount whose clause names no cost, after a cost noun
    earlier in its sentence (术后治疗费用则包括...药物的费用,每月在3000-5000元; 手术费用则根据...
    有所差异,一般在7万至10万元), next to another line of the breakdown. "" for a line that is no
    operation (tests, drugs, the stay: no figure), ``surgical_fee_cny`` for the operation's
    line; None when the amount is no such line (GUIDE.md, heldout2 "Cost breakdowns")."""
    if _has(pat.PRICE_CUE_RE, ctx.left_clause) or "费" in ctx.left_clause:
        return None  # the clause names its own cost (手术费、药费等总共约45万元: a sum)
    before = ctx.sentence_left[: len(ctx.sentence_left) - len(ctx.left_clause)]
    heads = list(_ZH_COST_HEAD_RE.finditer(before)) if "费" in before else []
    if not heads:
        return None
    head = heads[-1].group(1)[-8:]
    if _ZH_OTHER_LINE_WORDS_RE.search(head):
        return ""
    if not head.endswith(("手术", "手术的")) and "手术" not in head[-4:]:
        return None
    at = ctx.sentence_start if ctx.sentence_start >= 0 else 0
    near = ctx.doc[max(0, at - 200) : at + len(ctx.sentence) + 200] if ctx.doc else ctx.sentence
    others = [m for m in _ZH_BREAKDOWN_RE.finditer(near) if "手术费" not in m.group(0)]
    return "surgical_fee_cny" if others else None


_ZH_PAID_RE = re.compile(r"补偿|报酬|计酬")


def _zh_aid_or_received(ctx: _Ctx) -> bool:
    """Chinese amounts that are no price, fee or funding: aid to patients or families (the
    clause names a relief fund or grant) and money a seller, broker or surgeon receives."""
    if not _zh_near(ctx):
        return False  # no Chinese next to the amount: English text
    if pat.ZH_RECEIVED_MONEY_BEFORE_RE.search(ctx.left_clause[-12:]):
        return True
    if pat.ZH_PROFIT_AFTER_RE.match(ctx.right):
        return True  # 15万元之间的巨大利润: a margin
    if _has(_ZH_PAID_RE, ctx.sentence_left):
        # 合法的补偿价格,肾脏约美金2000-4000元: what a donor is paid; 以人民币计酬,...供体费约20万:
        # the lines of a broker's chain, paid on (GUIDE: broker chains)
        return True
    return _has(pat.ZH_AID_CUE_RE, ctx.clause) and not _has(_ZH_RESEARCH_RE, ctx.clause)


_ZH_RESEARCH_RE = re.compile(r"科研|课题|经费|研究")
"""获得国家科研经费1200万元资助: research money, which 资助 does not make aid."""


def _en_medical(ctx: _Ctx) -> bool:
    """An English headcount of medical or professional staff ('3,926 medical professional
    personnel'), read in the counter's own words and the few words before it."""
    return _has(pat.EN_MEDICAL_STAFF_RE, ctx.mods, ctx.left_clause[-12:])


def _follows_counts(ctx: _Ctx) -> str:
    """A bare count of cases or operations that names nothing (2017年突破100例, 'three operations
    performed here last year', '(10,057 cases)') continues the counts stated before it, in its
    sentence or the one before: "transplants" or "donors" when the last such count was of
    transplants or of donations, "" otherwise, and always "" for a hospital's operations of
    every kind (年手术量, 台次, 'surgeries')."""
    if _has(pat.GENERAL_VOLUME_RE, ctx.left_clause[-10:], ctx.mods, ctx.right[:6]):
        return ""
    for text in (ctx.sentence_left, _previous_sentence(ctx)):
        if not text or not any(ch.isdigit() for ch in text):
            continue
        tx = _last_pos(pat.TX_COUNT_RE, text)
        dn = _last_pos(pat.DONATION_COUNT_RE, text)
        if tx >= 0 or dn >= 0:
            if tx > dn:
                return "transplants"
            return "" if pat.NOT_ORGAN_DONATION_RE.search(text) else "donors"  # 骨髓捐献
    return ""


_ZH_SURGERY_BEFORE_RE = re.compile(
    r"(?:实施|施行|完成|开展|操刀|主刀|进行|做)(?:了|过)?([^,。;:\d的]{1,8}?手术)\s?$"
)
_ZH_SURGERY_AFTER_RE = re.compile(r"\s?([^,。;:\d的]{1,6}?手术)")


def _zh_other_surgery(ctx: _Ctx) -> bool:
    """Chinese: is the figure a count of operations named as another kind of surgery, the
    noun right before it (施行肝胆胰手术4,000余例, 累计实施肝癌手术8000余例) or right after it
    (操刀上万台肝脏手术), with no transplant or donation word in that noun (肝移植手术, 换肝手术
    stay transplants, 捐献手术 donations; a bare 手术 and 这样的手术 are left to the
    sentence)? A surgeon's career of liver surgery is not a count of transplants."""
    noun = ""
    if "手术" in ctx.left_clause[-12:]:
        m = _ZH_SURGERY_BEFORE_RE.search(ctx.left_clause)
        noun = m.group(1) if m else ""
    if not noun and "手术" in ctx.right[:10]:
        m = _ZH_SURGERY_AFTER_RE.match(ctx.right)
        noun = m.group(1) if m else ""
    return len(noun) > 2 and "捐" not in noun and not pat.TRANSPLANT_CUE_RE.search(noun)


def _surgeries_if_annual(ctx: _Ctx) -> str | None:
    """A count of all operations, not transplants: a year's (a per-year word in its clause or
    sentence, a year in its clause) is ``surgeries_per_year``, any other no figure."""
    annual = _has(pat.ANNUAL_CUE_RE, ctx.clause, ctx.sentence_left) or _years(ctx.clause)
    return "surgeries_per_year" if annual else None


def _classify_ops(ctx: _Ctx, ordinal: bool, transplant: bool, local_left: str) -> str | None:
    """The indicator of a count of operations (_classify_in_use's "ops" class)."""
    if _has(pat.DEVICE_CUE_RE, ctx.left_clause[-8:], ctx.right[:6]):
        return None
    if pat.EN_NOT_OPS_AFTER_RE.match(ctx.right) or pat.EN_STOREY_RE.match(ctx.mods):
        return None  # three transplant centres; a 10-story transplantation building
    if pat.NOUN_MODIFIER_AFTER_RE.match(ctx.right) and not (
        _milestone(ctx) and pat.ZH_FIRST_TO_RE.search(ctx.left_clause)
    ):
        return None
    if pat.EN_RATE_AFTER_RE.match(ctx.right):
        return None  # 92.7 transplants per 100 wait-list years
    if pat.CHANGE_BEFORE_RE.search(ctx.left_clause[-16:]):
        return None
    if ctx.chinese and _zh_other_surgery(ctx):
        # 累计实施肝癌手术8000余例, 操刀上万台肝脏手术: no transplants; 每年完成四级手术900台
        # counts a year's operations
        return _surgeries_if_annual(ctx)
    if pat.OUTCOME_AFTER_RE.search(ctx.right[:16]) or ctx.left_clause.endswith("first "):
        return None  # 2例…患者术后长期生存; 'its first two heart transplants'
    if (
        (ctx.right[:1] > "\u2e80" or ctx.left_clause[-1:] > "\u2e80")
        and (  # Chinese: gate
            pat.ZH_COMPLICATION_AFTER_RE.search(ctx.right, 0, 16)
            or ("出院" in ctx.right[:12] and pat.ZH_DISCHARGED_AFTER_RE.match(ctx.right))
            or pat.ZH_COMPLICATION_RE.search(ctx.left_clause, max(0, len(ctx.left_clause) - 10))
        )
    ):
        return None  # 4例出现胆道狭窄, 术后发生肝脓肿8例: complications within a series

    if pat.ZH_WAITING_AFTER_RE.match(ctx.right):
        return "waitlist_size"  # 2400多宗等候移植个案: cases waiting
    if "需求" in ctx.left_clause[-8:]:
        return "waitlist_size"  # 每年新增肝移植需求约3万例: the demand, people in need
    if pat.NEED_MODS_RE.search(ctx.mods):
        return "waitlist_size"  # two million Chinese need organ transplants
    if "of " in ctx.sentence_right[:12] and pat.EN_DONATION_KIND_AFTER_RE.match(ctx.sentence_right):
        return "opo_donors"  # 164 cases of DBCD: donations by kind
    if _body_donation(ctx):
        return None  # 完成遗体捐献293例: bodies for medical teaching (mainland usage)
    if _donation(ctx) and not _is_subset(ctx):
        if not _living_donation(ctx):
            return "opo_donors"  # but 'Among them, 4,138 came from donations' are transplants
        transplant = True  # 17宗活体捐赠, '45 living donations': living donors' transplants
    if _has(pat.DONOR_SUBJECT_RE, local_left) and not _has(
        pat.TRANSPLANT_CUE_RE, ctx.clause, ctx.mods
    ):
        return "opo_donors"  # 国内捐赠者从每年2百多例: what the donors number
    if (
        _has(_GENERAL_SURGERY_RE, ctx.mods)
        and not _has(pat.TRANSPLANT_CUE_RE, ctx.mods)
        and pat.EN_ALL_KINDS_AFTER_RE.match(ctx.right)
        and pat.EN_TX_COUNT_BEFORE_RE.search(ctx.sentence_left)
    ):
        # '300 kidney transplants in 2018 and 30,000 surgeries overall': all operations
        return _surgeries_if_annual(ctx)
    tx_near = _has(pat.TRANSPLANT_CUE_RE, ctx.sentence_left[-40:], ctx.question)
    # a table row or list item under a heading about transplants, or a count whose
    # sentence names transplantation after it (累计成功开展11万例,...器官移植国)
    tx_near = tx_near or _has(pat.TRANSPLANT_CUE_RE, ctx.before_doc, ctx.sentence)
    if not transplant and not tx_near and ctx.mods:
        tx_near = bool(pat.EN_TX_ABBREV_RE.search(ctx.mods))  # 20,877 LT; (KT, 977
    if not transplant and not tx_near:
        general = _has(_GENERAL_SURGERY_RE, ctx.left_clause, ctx.mods)
        # a bare count continuing the counts before it: '10 kidney transplants a year ...
        # three operations performed here last year'; 累计捐献250多例...2017年突破100例
        follows = _follows_counts(ctx) if general or not ctx.doc_transplant else ""
        if follows == "donors" and not _paragraph_transplant(ctx):
            return "opo_donors"
        if follows != "transplants" and (general or not ctx.doc_transplant):
            if _has(pat.ANNUAL_CUE_RE, ctx.clause, ctx.sentence_left) or _years(ctx.clause):
                # 每年施行1000例以上 in a paragraph about kidney transplants: that paragraph's
                # transplants; a count of operations in general (手术, surgeries) stays one
                if general or not _paragraph_transplant(ctx):
                    return "surgeries_per_year"
            else:
                return None
    if ordinal:  # 第1000例; 他的第1600例 is the surgeon's own; 他今年第100台 this year's
        surgeon = _surgeon(ctx)
        if pat.ORDINAL_PERIOD_RE.search(ctx.left_clause[-8:]) or (
            not ctx.chinese and pat.ORDINAL_PERIOD_AFTER_RE.match(ctx.sentence_right[:80])
        ):
            return "surgeon_transplants_in_period" if surgeon else "transplants_in_period"
        return "surgeon_transplants_cumulative" if surgeon else "transplants_cumulative"
    if _has(pat.PER_DAY_CAPACITY_RE, ctx.clause, ctx.sentence_left[-24:]):
        return "transplants_per_day_capacity"
    if _has(pat.PER_DAY_MAX_RE, ctx.clause, ctx.sentence_left[-24:]) or (
        (_en_one_day(ctx) or _within_hours(ctx))
        and not _has(pat.CONCURRENT_CUE_RE, ctx.clause, ctx.mods)
    ):
        return "transplants_per_day_max"
    if _has(pat.CONCURRENT_CUE_RE, ctx.clause, ctx.mods):
        return "concurrent_transplant_capacity"
    surgeon = _surgeon(ctx)
    in_period = _temporal(ctx) == "in_period"
    if surgeon and ctx.chinese and _zh_career(ctx.sentence_left):
        return "surgeon_transplants_cumulative"  # 行医40几载...超过了400例: a career's total
    if surgeon:
        return "surgeon_transplants_in_period" if in_period else "surgeon_transplants_cumulative"
    return "transplants_in_period" if in_period else "transplants_cumulative"


_EN_NEXT_ITEM_RE = re.compile(r"\s(?:and|as well as|plus)\s|,")
_EN_UNIT_FOR_TX_RE = re.compile(
    r"(?:\sof\s(?:[a-z&,-]+\s){0,6}?[a-z&-]+)?\s(?:is|was)\s(?:[^.;]{0,80}?\s)?"
    r"(?:base|cent(?:er|re)|unit)\sfor\s(?:[a-z,-]+\s){0,6}(?:organ\s)?transplant"
)
"""What the unit a sentence opens with is, said straight after it: 'Its Department of
Hepatobiliary Surgery is the largest clinical base ... for ... organ transplantation': a unit
for transplants, whose beds are transplant beds (GUIDE.md, beds)."""
_EN_CENTRE_DOES_TX_RE = re.compile(
    r"\s(?:[a-z]+ly\s)?(?:performed|performs|carried out|carries out|conducted|conducts"
    r"|completed)\s(?:[^.;]{0,60}?\s)?transplant"
)
"""'the center successfully performed the first liver transplantation': a centre that does
transplants (a department that did a first transplant stays a department: its beds are
department beds, as the sets annotate them)."""


def _en_bed_owner(ctx: _Ctx) -> str | None:
    """English beds whose owner is named outside their clause: a building's ('a surgical
    building with 900 beds': a department's; 'The new building has 500 beds' after a
    transplant centre put it to use: the centre's), or the unit the sentence before opens with
    when this one says 'It has' ('The kidney transplant discipline of ... is ... It currently
    has 79 open beds'). None when neither reads."""
    left = ctx.left_clause
    building = "build" in left or "tower" in left or "complex" in left
    if building and pat.EN_BEDS_OF_BUILDING_RE.search(left):
        if "surg" in left:
            return "department_beds"  # a surgery building (GUIDE: department_beds)
        if _has(pat.TRANSPLANT_CUE_RE, ctx.sentence_left, _previous_sentence(ctx)):
            return "transplant_beds"
        return None
    if "it" in left[:8] and pat.EN_PRONOUN_HAS_RE.match(left):
        unit = _en_unit_before(ctx)
        if unit:
            # a unit named for transplants, or whose own sentence says it is for them or
            # (a centre) does them
            at = unit.end()
            tx = (
                _has(pat.TRANSPLANT_CUE_RE, unit.group(0))
                or bool(_EN_UNIT_FOR_TX_RE.match(unit.string, at))
                or (
                    unit.group(0)[-4:] in ("nter", "ntre")
                    and bool(_EN_CENTRE_DOES_TX_RE.match(unit.string, at))
                )
            )
            return "transplant_beds" if tx else "department_beds"
    return None


def _zh_beds_of_part(ctx: _Ctx, local_left: str, local_right: str) -> str | None:
    """Chinese beds of a part of a hospital that does no transplants: dialysis beds (180床洗肾
    病床, 洗肾中心...床位) and a building's beds (儿童医疗大楼...病床数共有460床) are
    department_beds; a building not yet in use has planned beds (total, by _PLANNED_OF)."""
    if not ("床" in ctx.sentence_left or "床" in local_right[:8]) or not _zh_near(ctx):
        return None
    if _has(pat.ZH_DIALYSIS_RE, local_left[-10:], local_right[:8]):
        return "department_beds"
    if _has(pat.ZH_BUILDING_BEDS_RE, ctx.sentence_left):
        planned = _has(pat.PLANNED_CUE_RE, ctx.sentence_left, ctx.sentence_right)
        return "total_beds" if planned else "department_beds"
    left = ctx.left_clause[-20:]
    hospital = _last_pos(pat.HOSPITAL_WIDE_CUE_RE, left)
    if hospital >= 0 and _last_pos(pat.ZH_DEPT_NOUN_RE, left) > hospital:
        # 该院泌尿外科有床位120张: the department named after the hospital owns the beds;
        # a department that does transplants has transplant beds (GUIDE)
        return "transplant_beds" if _has(pat.TRANSPLANT_CUE_RE, ctx.sentence) else "department_beds"
    return None


def _one_donors_organs(ctx: _Ctx) -> bool:
    """Organs counted by name that one donor gave (GUIDE heldout6, one donation): 'his liver
    and two kidneys were donated', 'she donated the liver and two corneas'."""
    return bool(
        pat.EN_ONE_DONOR_RE.search(ctx.sentence_left)
        or pat.EN_DONATED_THE_ORGAN_BEFORE_RE.search(ctx.left_clause[-48:])
    )


def _one_body_organs(ctx: _Ctx) -> bool:
    """Organs of one body counted by name (GUIDE.md: one donation, an anecdote): after one
    person's possessive or 'one of the' ('donated the son's three organs', 'donate one of the
    two kidneys'), or a pair listed beside a single organ ('by donating two kidneys, a liver,
    and a pair of corneas'; '32 kidneys and one heart were donated' stays a count)."""
    return bool(
        pat.EN_ONE_BODY_BEFORE_RE.search(ctx.left_clause[-40:])
        or pat.EN_ONE_OF_TWO_RE.search(ctx.left_clause[-20:] + _figure_text(ctx))
        or (
            pat.EN_PAIR_RE.match(_figure_text(ctx))
            and pat.EN_SINGLE_ORGAN_AFTER_RE.match(ctx.sentence_right)
        )
    )


_ZH_TRAFFICKED_CLASSES = frozenset({"organ_items", "generic", "persons"})


def _zh_trafficked_organs(ctx: _Ctx) -> bool:
    """Chinese kidneys (or livers) counted in a sentence about organs taken or sold (共摘取了
    51枚活体肾脏,出售给...; 51个肾脏,...非法买卖人体器官案件; 摘了300多人的肾脏,卖给...): each
    went into a recipient, so the count is the case's transplants (zh21)."""
    return bool(
        pat.ZH_TRAFFICKED_ORGANS_AFTER_RE.match(ctx.right)
        and pat.ZH_TRAFFICKING_RE.search(ctx.sentence)
    )


def _en_transplanted_organ_list(ctx: _Ctx) -> bool:
    """An English count of organs by name in a list a verb of transplanting heads: a next
    item ('transplanted 900 kidneys, 120 livers') or the first one, the list after it."""
    if pat.EN_TRANSPLANTED_ORGANS_LIST_RE.search(ctx.sentence_left[-240:]):
        return True
    return bool(
        pat.TRANSPLANTING_BEFORE_RE.search(ctx.left_clause[-30:])
        and pat.EN_ORGAN_LIST_NEXT_RE.match(ctx.sentence_right)
    )


def _classify_in_use(uclass: str, ctx: _Ctx, ordinal: bool) -> str | None:
    """Counter class and context → indicator name, reading every count as in use."""
    # waits and amounts read cues of their own: the shared cues below are not computed for them
    if uclass == "time":
        return _classify_wait(ctx)
    if uclass == "waiting":
        return "waitlist_size"  # a part of the waiting list just counted (_waiting_part)
    if uclass in _ZH_TRAFFICKED_CLASSES and ctx.chinese and _zh_trafficked_organs(ctx):
        return _classify_in_use("ops", ctx, ordinal)  # 摘取了51枚活体肾脏: the case's transplants
    if uclass in ("cny", "usd"):
        return _classify_money(uclass, ctx)
    if (
        uclass in ("ops", "persons")
        and not ctx.chinese
        and pat.EN_TISSUE_MODS_RE.search(ctx.mods)
        and "donat" not in ctx.mods
    ):
        return None  # 45 skin recipients, 12 bone grafts: tissues are no organ transplants
    local_left = _ENUM_SPLIT_RE.split(ctx.left_clause)[-1]
    local_right = _ENUM_SPLIT_RE.split(ctx.right[:24])[0]
    transplant = _has(pat.TRANSPLANT_CUE_RE, ctx.left_clause, local_right, ctx.mods)
    if uclass == "ops":  # reads none of the cues below
        return _classify_ops(ctx, ordinal, transplant, local_left)
    near = (local_left, local_right, ctx.mods)
    sentence_tx = _has(pat.TRANSPLANT_CUE_RE, ctx.sentence_left)
    hospital_wide = _has(pat.HOSPITAL_WIDE_CUE_RE, ctx.left_clause[-20:])
    if uclass == "beds":
        return _in_use_beds(ctx, local_left, local_right, transplant, sentence_tx, hospital_wide)
    if uclass == "persons":
        return _in_use_persons(ctx, local_left, local_right, transplant, sentence_tx, hospital_wide)
    if uclass == "visits":
        return _in_use_visits(ctx)
    if uclass == "donors":
        return _in_use_donors(ctx, local_left)
    if uclass in ("organ_items", "generic") and ctx.chinese and _zh_donated_organ_tally(ctx):
        return "opo_organs_utilised"  # 共捐献大器官1267个,眼角膜652枚: corneas counted
    if uclass == "organ_items" and not ctx.chinese and _one_donors_organs(ctx):
        return None  # his liver and two kidneys were donated; donated the liver and two corneas
    if uclass in ("organs", "organ_items") and not ctx.chinese and _one_body_organs(ctx):
        return None  # donated the son's three organs; donating two kidneys, a liver, ...
    if uclass in ("organs", "organ_items"):
        if "donor" in ctx.clause and pat.EN_PER_DONOR_RE.search(ctx.clause):
            return None  # each donor gives on average 3.2 organs: a ratio
        if pat.EN_ORGANS_TRANSPLANTED_RE.match(ctx.right) and not _has(
            pat.DONATION_CUE_RE, ctx.clause, ctx.mods
        ):
            return _classify_in_use("ops", ctx, ordinal)  # 60,000 organs are transplanted
        if pat.EN_ORGANS_DONATED_AFTER_RE.match(ctx.sentence_right):
            return "opo_organs_utilised"  # 1,400 kidneys (and 2,300 organs) were donated
        if pat.EN_DONOR_ORGANS_RE.search(ctx.left_clause[-28:]) or pat.EN_DONOR_ORGANS_RE.match(
            ctx.mods
        ):
            return "opo_organs_utilised"  # 35 donor livers; transplants involving 32,984 organs
    if uclass == "organs":
        if pat.EN_ORGANS_YIELDED_BEFORE_RE.search(ctx.left_clause[-24:]) and _has(
            pat.DONATION_CUE_RE, ctx.sentence_left
        ):
            return "opo_organs_utilised"  # 450 deceased donations, resulting in 1,300 organs
        if _has(pat.DONATION_CUE_RE, ctx.clause, ctx.mods) or _has(_UTILISED_RE, ctx.clause):
            return "opo_organs_utilised"
        if _has(pat.EN_ORGANS_GIVEN_RE, ctx.clause) and "living" not in ctx.clause:
            return "opo_organs_utilised"  # deceased donors who contributed 5,000 organs
        return None
    if uclass == "organ_items":  # 300 lungs were donated; transplanting 153 livers
        if ctx.chinese and ctx.right[:1] > "\u2e80":
            return None  # 两枚捐献的肝脏: one event's organs, the noun after; 角膜380枚 is a tally
        if _has(pat.DONATION_CUE_RE, ctx.clause) or _has(pat.ORGAN_ITEMS_ALLOCATED_RE, ctx.right):
            return "opo_organs_utilised"
        if not ctx.chinese and _en_transplanted_organ_list(ctx):
            # one list, one period: the sentence's ('transplants of 176 kidneys, 40 livers,
            # and 137 corneas through September 2014')
            return _classify_in_use("ops", replace(ctx, clause=ctx.sentence), ordinal)
        if pat.TRANSPLANTING_BEFORE_RE.search(ctx.left_clause[-30:]):
            return _classify_in_use("ops", ctx, ordinal)
        if not ctx.chinese and pat.EN_TRANSPLANTS_LISTED_BEFORE_RE.search(ctx.sentence_left[-160:]):
            return _classify_in_use("ops", ctx, ordinal)  # transplants included 60 kidneys, ...
        if not ctx.chinese and pat.EN_DONATED_ORGANS_LIST_RE.search(ctx.sentence_left[-240:]):
            return "opo_organs_utilised"  # the donated organs included 4 hearts, 5 lungs, ...
        return None
    if uclass == "percent":
        return _in_use_percent(ctx, transplant, sentence_tx)
    if uclass == "rooms":
        return _in_use_rooms(ctx, local_left, local_right)
    if uclass == "teams":
        return "surgical_teams" if transplant or _has(pat.TEAM_CUE_RE, *near) else None
    if uclass == "generic":  # 个: what it counts is the noun before it
        return _in_use_generic(ctx, ordinal, transplant, sentence_tx)
    return None


_EN_BED_HOSPITAL_RE = re.compile(
    r"\s(?:(?!(?:transplant|organ|ward|unit|department|cent(?:er|re)|wing|building|dialysis"
    r"|isolation|icu)\b)[a-z'’.&-]+\s){0,5}?"
    r"(?:hospital|facility|medical (?:college|cent(?:er|re))|institution|tertiary)\b"
    r"(?!\s(?:wing|unit|ward|rooms?|department|block|building)\b)"
)
"""English (beds7): the hospital an adjectival bed count describes ('a 500-bed facility', 'the
500-bed Yangon Speciality Hospital', 'a 350-bed multi-speciality tertiary care hospital'): the
whole hospital's beds, whatever the sentence says of transplants; not a transplant ward's,
unit's, wing's or building's ('a 40-bed transplant ward', 'a 30-bed hospital wing'), nor a
dialysis or isolation facility's."""
_EN_UNIT_BEFORE_RE = re.compile(r"(?<![a-z])(?:cent(?:er|re)|unit|ward|department|institute)s?\b")
"""A unit named just before 'a 50-bed facility' owns the beds ('The transplant centre, a 50-bed
facility'), not the hospital."""


def _bed_hospital(ctx: _Ctx) -> bool:
    """Is the adjectival bed count the whole hospital's (``_EN_BED_HOSPITAL_RE``)?"""
    m = _EN_BED_HOSPITAL_RE.match(ctx.right)
    if not m:
        return False
    unit_before = _EN_UNIT_BEFORE_RE.search(ctx.sentence_left[-60:])
    return not (m.group(0).endswith("facility") and unit_before)


def _in_use_beds(
    ctx: _Ctx,
    local_left: str,
    local_right: str,
    transplant: bool,
    sentence_tx: bool,
    hospital_wide: bool,
) -> str | None:
    """Beds: ICU, transplant, department or hospital-wide (total) beds."""
    if pat.ZH_NOT_BED_AFTER_RE.match(ctx.right):
        return None
    # '62 open beds and 12 intensive care beds': the next item's ICU cue is not this one's
    own_right = local_right
    if local_right.isascii():
        own_right = _EN_NEXT_ITEM_RE.split(local_right, 1)[0]
    own_left = local_left
    if local_left.isascii():  # '45 ICU beds and 1,800 beds in total': nor the item before
        if ")" in ctx.sentence_left[-80:] and ctx.sentence_left.endswith(local_left):
            # 'an independent SICU (Surgical Intensive Care Unit) with 9 beds': the clause
            # starts after the parenthesis, its owner before it
            local_left = _PARENS_RE.sub(" ", ctx.sentence_left[-120:])
        own_left = _EN_NEXT_ITEM_RE.split(local_left)[-1]
    if _has(pat.ICU_CUE_RE, own_left, own_right, ctx.mods):
        return "icu_beds"
    if ctx.mods == "bed" and _bed_hospital(ctx):
        return "total_beds"  # 'a 500-bed facility', 'the 500-bed Yangon Speciality Hospital'
    if transplant:
        return "transplant_beds"
    owner = _en_bed_owner(ctx) if ctx.left_clause.isascii() else None
    if owner:
        return owner
    zh_part = _zh_beds_of_part(ctx, local_left, local_right)
    if zh_part:
        return zh_part
    unit = pat.UNIT_SUBJECT_RE.search(ctx.left_clause)
    if unit and pat.EN_HOSPITAL_SUBJECT_RE.match(ctx.sentence_left):
        unit = None  # This hospital owns the X center and has 4,200 beds
        hospital_wide = True
    if unit and not hospital_wide:
        # "The center has 90 beds ... 1,300 kidney transplants": a transplant centre;
        # "The department has 120 beds": a department unless named for transplants
        centre = _CENTRE_RE.search(unit.group(0))
        where = (ctx.sentence, ctx.before_doc) if centre else (ctx.before_doc,)
        return "transplant_beds" if _has(pat.TRANSPLANT_CUE_RE, *where) else "department_beds"
    if hospital_wide:
        return "total_beds"
    if _has(pat.DEPARTMENT_CUE_RE, ctx.left_clause[-20:], ctx.mods):
        return "transplant_beds" if sentence_tx else "department_beds"
    if sentence_tx or ctx.doc_transplant and not _has(pat.HOSPITAL_WIDE_CUE_RE, ctx.sentence_left):
        return "transplant_beds"
    if _has(pat.DEPARTMENT_CUE_RE, ctx.sentence_left) and not _has(
        pat.HOSPITAL_WIDE_CUE_RE, ctx.sentence_left
    ):
        return "department_beds"
    return "total_beds"


def _in_use_persons(
    ctx: _Ctx,
    local_left: str,
    local_right: str,
    transplant: bool,
    sentence_tx: bool,
    hospital_wide: bool,
) -> str | None:
    """Persons: donors, recipients, staff, surgeons, the waiting list, or no headcount."""
    if pat.EN_BECAME_DONORS_RE.match(ctx.right) and "living" not in ctx.right[:60]:
        return "opo_donors"  # more than 20 people became donors after they died
    if not ctx.chinese and _en_saved_by_organs(ctx):
        if pat.EN_ONE_DONOR_RE.search(ctx.sentence_left) or pat.EN_ONE_BODY_LIST_RE.search(
            ctx.sentence_right
        ):
            return None  # his liver and two kidneys were donated to help three patients
        kind = "in_period" if _temporal(ctx) == "in_period" else "cumulative"
        # 'Through his transplants, he has saved the lives of 1,000 patients': his own count,
        # when he did transplants, not only the persons' noun names them ('she has helped 60
        # transplant recipients file complaints': no surgeon)
        own = _surgeon(ctx) and _has(pat.TRANSPLANT_CUE_RE, ctx.sentence_left, ctx.right)
        return f"surgeon_transplants_{kind}" if own else f"transplants_{kind}"
    if (
        ctx.left_clause[-1:] > "\u2e80"
        and pat.ZH_NOT_A_HEAD_BEFORE_RE.search(ctx.left_clause[-10:])
        and not _saved_by_organs(ctx)  # 器官...拯救了190名病人: recipients (transplants)
    ):
        return None  # 较前年少10人: a change; 挽救了3名患者: the saved, no donors
    if "平均" in ctx.left_clause[-6:] and pat.ZH_PER_ONE_AFTER_RE.search(ctx.right, 0, 14):
        return None  # 平均13名病人轮候一个器官: a ratio, no headcount
    if ctx.chinese and pat.ZH_ATTENDEES_AFTER_RE.match(ctx.right):
        return None  # 500多名市民参加了器官捐献宣传活动: people at an event
    if ctx.chinese and _zh_not_donors_at_event(ctx):
        return None  # 80多名...器官捐赠者家属参与; 出席者有...医疗团队约120人: no donors
    if (
        _has(pat.NOT_A_HEADCOUNT_RE, _own_statement(ctx))
        or pat.EN_RATE_DENOMINATOR_BEFORE_RE.search(ctx.left_clause[-12:])
        or _en_out_of_round_base(ctx)
        or ("每" in ctx.sentence_left and _per_million(ctx.sentence_left))
        or pat.EN_ADDED_AFTER_RE.match(ctx.right)
        or (pat.LIVES_AFTER_RE.match(ctx.right) and not (ctx.chinese and _saved_by_organs(ctx)))
        or ctx.left_clause.endswith("每")  # 每100万人: a rate's denominator
    ):
        return None
    if pat.EN_ON_LIST_RE.search(ctx.mods) and _has(pat.PATIENT_NOUN_RE, ctx.mods):
        return "waitlist_size"  # the number of patients on the transplant list fell to
    titled = pat.WITH_TITLE_RE.match(ctx.right)
    if titled:
        return "senior_staff" if "senior" in titled.group("what") else None
    if _received_transplant(ctx):
        if _has(pat.CONCURRENT_CUE_RE, ctx.clause):
            return "concurrent_transplant_capacity"  # 三位病人同时接受肾移植手术
        return _received_indicator(ctx)
    role_text = (local_left[-14:], local_right[:10], ctx.mods)
    tail = ctx.left_clause[-30:]
    if any(w in tail for w in ("train", "educat", "cultivat")) and pat.EN_TRAINED_BEFORE_RE.search(
        tail
    ):
        return None  # has trained more than 300 transplant surgeons: no headcount
    if _en_event(ctx) and not _received_transplant(ctx):
        return None  # more than 60 doctors carried out 6 transplants on that day
    if _zh_one_operation_team(ctx, role_text):
        return None  # 9名医护人员以近乎完美的技艺...: the team of one operation
    tx = transplant or sentence_tx or ctx.doc_transplant
    tx = tx or _has(pat.TRANSPLANT_CUE_RE, ctx.clause)
    staff_like = _has(pat.STAFF_NOUN_RE, *role_text) or _has(pat.SURGEON_NOUN_RE, *role_text)
    unit_tx = _en_staff_unit(ctx) if staff_like and not ctx.chinese else None
    tx = tx or bool(unit_tx)
    waiting = _has(pat.WAITLIST_CUE_RE, ctx.clause) or (
        _has(pat.WAITLIST_CUE_RE, ctx.sentence_left)
        and _has(pat.PATIENT_NOUN_RE, ctx.sentence_left)
        # 有八千人在等待器官移植,而...捐贈人數僅151人: the count's own clause names what it
        # counts (donors); the waiting of an earlier clause is another count's
        and not (ctx.chinese and _has(pat.DONATION_CUE_RE, ctx.clause))
    )
    # 加入等候器官移植名單,名單上目前有十二萬兩千多人: the people on the waiting list named before
    waiting = waiting or (
        ctx.chinese
        and "名单上" in ctx.sentence_left
        and bool(_ZH_ON_WAITING_LIST_RE.search(ctx.sentence_left))
    )
    if pat.ZH_BARE_DEMAND_AFTER_RE.match(ctx.right):
        return "waitlist_size"  # 每年约30万的需求: the people in need
    if len(ctx.right) <= 8 and pat.ZH_WAITING_NEXT_RE.match(ctx.sentence_right, len(ctx.right)):
        return "waitlist_size"  # 还有10701人,正在等待器官移植: the next clause says what
    if len(ctx.right) <= 8 and pat.ZH_WAITING_NEXT_PARALLEL_RE.match(
        ctx.sentence_right, len(ctx.right)
    ):
        return "waitlist_size"  # 纽约有八千多人,全美有十万人,在等待器官移植: a shared verb
    if waiting and pat.ZH_DIALYSIS_RE.search(ctx.clause):
        waiting = _has(pat.WAITLIST_CUE_RE, ctx.clause)  # on dialysis: waiting only if said
    if waiting and not staff_like:
        # people who signed up to donate are no waiting list; 登记等待 (registered as
        # waiting) is one
        registered = _has(pat.REGISTRATION_CUE_RE, ctx.clause)
        return (
            None if registered and not _has(pat.WAITLIST_CUE_RE, ctx.clause) else ("waitlist_size")
        )
    if _has(pat.DONATION_CUE_RE, ctx.clause) and not staff_like:
        if ctx.chinese and _zh_no_figure_donation(ctx):
            return None  # 实现遗体捐献611人、...造血干细胞捐献46人: bodies, stem cells
        if _has(pat.NOT_DONATED_RE, ctx.clause):
            return None  # 未捐赠成功的个案共86名: donations that did not happen
        if _has(pat.REGISTRATION_CUE_RE, ctx.clause):
            return None
        if _EN_LIVING_GIFT_RE.search(ctx.right, 0, 48):
            # 'about 10 people donated one of their kidneys last year': living donors,
            # counted alone, are their transplants (GUIDE.md, "Donors counted together")
            in_period = _temporal(ctx) == "in_period"
            return "transplants_in_period" if in_period else "transplants_cumulative"
        return "opo_donors"
    if (
        not staff_like
        and pat.DONOR_SUBJECT_RE.search(ctx.sentence_left)
        and not pat.LIVING_DONORS_ONLY_RE.search(ctx.sentence_left)
        and not _has(pat.TRANSPLANT_CUE_RE, ctx.sentence_left, ctx.right)
        and not _has(pat.REGISTRATION_CUE_RE, ctx.sentence_left)
    ):
        return "opo_donors"  # 至于遗体及活体捐赠者,过去两年分别有52及48人: the topic
    if (
        not ctx.chinese
        and any(w in ctx.mods for w in _SENIOR_CLASS_WORDS)
        and pat.EN_SENIOR_CLASS_RE.match(ctx.mods + ctx.right)
    ):
        return "senior_staff" if _en_staff_tied(ctx) else None
    if not ctx.chinese and _en_junior_grade(ctx):
        return None  # '195 intermediate professionals' of a hospital
    if _has(pat.SENIOR_NOUN_RE, *role_text) and not _has(pat.SURGEON_NOUN_RE, *role_text):
        return "senior_staff"
    if _has(pat.NURSE_NOUN_RE, *role_text):
        return "transplant_nurses" if tx else None
    if _has(pat.SURGEON_NOUN_RE, *role_text):
        # '3 chief surgeons, 2 associate chief surgeons': ranked surgeons listed as a
        # unit's staffing are its transplant surgeons unless the hospital is the subject;
        # 'Its staff includes 165 chief physicians' lists senior titles
        listed = not transplant and _has(pat.EN_STAFF_LIST_RE, ctx.sentence_left)
        if listed and _has(pat.EN_SENIOR_RANK_RE, *role_text):
            return "senior_staff"
        ranked = _has(pat.SURGEON_RANK_RE, *role_text) and not hospital_wide
        ranked = ranked and not _has(pat.HOSPITAL_WIDE_CUE_RE, ctx.sentence_left)
        # GUIDE (heldout4): staff of a unit the text does not tie to transplantation
        # (its sentence, the 80 characters before, the sentences before and after)
        ranked = ranked and _has(
            pat.TRANSPLANT_CUE_RE,
            ctx.before_doc,
            ctx.sentence,
            _previous_sentence(ctx),
            _next_sentence(ctx),
        )
        return "transplant_surgeons" if tx or ranked and not _other_department(ctx) else None
    if _has(pat.STAFF_NOUN_RE, *role_text):
        if transplant or (tx and not hospital_wide):
            return "transplant_staff"
        if unit_tx is False or _has(pat.DEPARTMENT_CUE_RE, ctx.left_clause[-12:]):
            return None  # the staff of a unit the text does not tie to transplantation
        return "medical_staff" if _en_medical(ctx) else "staff_total"
    return None


def _en_out_of_round_base(ctx: _Ctx) -> bool:
    """'only three out of 1 million people each year donate organs': persons counted as a
    round base after 'out of' are a rate's denominator, no headcount (GUIDE.md: rates)."""
    if not pat.EN_OUT_OF_BEFORE_RE.search(ctx.left_clause[-20:]):
        return False
    return bool(pat.EN_ROUND_BASE_RE.match(_figure_text(ctx)))


def _figure_text(ctx: _Ctx) -> str:
    """The figure's own text in its sentence (between sentence_left and sentence_right)."""
    return ctx.sentence[len(ctx.sentence_left) : len(ctx.sentence) - len(ctx.sentence_right)]


def _en_junior_grade(ctx: _Ctx) -> bool:
    """Staff of a grade below the senior titles counted apart ('195 intermediate
    professionals', '226 intermediate specialists' of a hospital): parts of a hospital's staff,
    no figure (GUIDE.md, "Parts of a hospital's staff"). Attending physicians are left to the
    surgeon rule (a transplant team's are its surgeons, GUIDE.md "A team's list")."""
    return "intermediate" in ctx.mods and bool(pat.EN_JUNIOR_RANK_RE.search(ctx.mods))


def _zh_not_donors_at_event(ctx: _Ctx) -> bool:
    """Chinese persons who are no headcount of donors or patients: family members counted
    (80多名...捐赠者家属参与), attendees listed after 出席者, names engraved on a memorial."""
    left = ctx.sentence_left
    if ("家" in ctx.right[:20] or "亲属" in ctx.right[:20]) and _ZH_FAMILY_AFTER_RE.match(
        ctx.right
    ):
        return True
    if ("出席" in left or "与会" in left or "加者" in left) and _ZH_ATTENDEES_BEFORE_RE.search(
        left
    ):
        return True
    return "刻" in left and bool(
        _ZH_ENGRAVED_RE.search(left) and _ZH_NAMES_AFTER_RE.match(ctx.right)
    )


_ZH_CAREER_GATE_RE = re.compile(r"医|[参叁]与|院长|教授|主任|生涯")
"""What _zh_career's patterns all hold (a cheap test before them)."""


_ZH_ENGRAVED_RE = re.compile(r"镌刻|刻[着著]|刻有|铭刻|刻上")  # 著 is GB2312: kept
_ZH_NAMES_AFTER_RE = re.compile(r"[^,。;\d]{0,12}?(?:姓名|名字)")
"""纪念碑上镌刻着5126位捐献者的姓名: names on a memorial (bodies and organs, over the years),
no count of organ donors."""


_ZH_ORGAN_TALLY_BEFORE_RE = re.compile(r"(?:眼角膜|角膜|大器官|器官|[肝肾心肺]脏)(?:组织)?\s?$")


def _zh_donated_organ_tally(ctx: _Ctx) -> bool:
    """Chinese: is the count a tally of donated organs or corneas, the noun before it (共捐献
    大器官1267个,眼角膜652枚; 捐献器官1321个、眼角膜组织87只), after a donation verb in its
    sentence with no transplant or registration between (GUIDE.md, heldout7: corneas
    counted as corneas → opo_organs_utilised)?"""
    if ctx.right[:1] > "\u2e80" or not _ZH_ORGAN_TALLY_BEFORE_RE.search(ctx.left_clause):
        return False
    at = _last_pos(pat.DONATION_LEFT_CUE_RE, ctx.sentence_left)
    if at < 0:
        return False
    between = ctx.sentence_left[at:]
    return not (
        _has(pat.TRANSPLANT_CUE_RE, between)
        or _has(pat.REGISTRATION_CUE_RE, between)
        or _has(pat.NOT_DONATED_RE, between)
    )


_ZH_ON_WAITING_LIST_RE = re.compile(r"(?:等候|等待|轮候)[^,。;\d]{0,8}名单[^。;!?\d]{0,8}名单上")
"""The waiting list named, then the people on it (等候器官移植名单,名单上目前有...人)."""


_ZH_FAMILY_AFTER_RE = re.compile(
    r"[^,。;\d]{0,16}?(?:家属|亲属|家人)(?![^,。;\d]{0,3}?(?:同意|决定|签))"
)
"""80多名来自中部县市的器官捐赠者家属: the family members counted, no donors or patients
(家属同意捐献, the families who agreed, are left to the donation rules)."""


_ZH_ATTENDEES_BEFORE_RE = re.compile(r"(?:出席者|与会者|[参叁]加者|出席的有)[^。;!?\d]*$")
"""出席者有副院长...及捐赠及受赠家属、医疗团队约120人: the people at an event, listed."""


_SENIOR_CLASS_WORDS = ("senior", "profess", "chief")
"""Words one of which EN_SENIOR_CLASS_RE needs among a count's words and counter: a cheap gate
before the regex."""


def _en_staff_unit(ctx: _Ctx) -> bool | None:
    """Whose staff an English count is, when its sentence's subject is a unit: one it names
    ('The department has 60 staff') or 'It' / 'Its medical team' after a sentence that opens
    with a unit ('The liver transplant section ... is ... It now has 48 employees'). True when
    that unit is tied to transplantation (its name, the sentence, the sentence before), False
    when not (GUIDE.md, heldout4: no figure), None when the subject is no unit."""
    left = ctx.sentence_left
    if pat.EN_HOSPITAL_SUBJECT_RE.match(left):
        return None
    unit = pat.EN_UNIT_LEAD_RE.match(left)
    before = ""
    if unit is None and "it" in left[:6] and pat.EN_PRONOUN_SUBJECT_RE.match(left):
        unit = _en_unit_before(ctx)
        before = _previous_sentence(ctx)
    if unit is None:
        return None
    return _has(pat.TRANSPLANT_CUE_RE, unit.group(0), ctx.sentence, before)


def _en_staff_tied(ctx: _Ctx) -> bool:
    """Are a staff class's members a figure (GUIDE.md, heldout4 and heldout5)? Yes when the
    text ties them to transplantation or counts them for a whole hospital, unless the
    paragraph names another department and never speaks of transplantation."""
    near = (ctx.before_doc, ctx.sentence, _previous_sentence(ctx), _next_sentence(ctx))
    tied = _has(pat.TRANSPLANT_CUE_RE, *near) or _has(pat.HOSPITAL_WIDE_CUE_RE, *near)
    return tied and not _other_department(ctx)


def _in_use_visits(ctx: _Ctx) -> str | None:
    """Visits (人次): donations counted per person, transplants counted per person by a running
    total, or inpatients admitted a year."""
    if _has(pat.DONATION_CUE_RE, ctx.left_clause[-12:]) and not _has(
        pat.REGISTRATION_CUE_RE, ctx.clause
    ):
        return "opo_donors"  # 已接受公民器官捐献269人次: donations counted per person
    if ctx.chinese and _zh_running_recipients(ctx):
        return _received_indicator(ctx)  # 肾脏移植累计完成850人次: transplants per person
    # 收治…人次 a year; 'admits 80,000 inpatients a year' (the counter names them)
    if _has(pat.INPATIENT_CUE_RE, ctx.clause, ctx.mods) and (
        _has(pat.ANNUAL_CUE_RE, ctx.clause, ctx.sentence_left)
        or _years(ctx.clause)
        or _zh_admissions_of_a_year(ctx)
    ):
        return "inpatients_per_year"
    return None


def _in_use_donors(ctx: _Ctx, local_left: str) -> str | None:
    """Donors: deceased donors (``opo_donors``) or living donations (transplants); rates,
    potential and registered donors are no count."""
    if pat.EN_RATE_AFTER_RE.match(ctx.right) or pat.EN_RANGE_TO_RATE_RE.match(ctx.right):
        return None  # 46.3 donors per million population, 'from 7.8 to 11.4 donors per': rates
    if _has(pat.POTENTIAL_CUE_RE, ctx.mods, local_left[-12:]):
        return None
    if _has(pat.REGISTRATION_CUE_RE, ctx.clause):
        return None
    if "list" in ctx.sentence_left and pat.EN_DONOR_LIST_RE.search(ctx.sentence_left[-80:]):
        return None  # 'the donor list is only about 373,000 people, compared to 145 million'
    if _living_donation(ctx):  # '45 living donations', '60 living kidney donors'
        in_period = _temporal(ctx) == "in_period"
        return "transplants_in_period" if in_period else "transplants_cumulative"
    if not ctx.chinese and _EN_ORGAN_DONATIONS_RE.search(ctx.mods):
        return "opo_organs_utilised"  # 'eight heart donations', 'kidney donations dropped from 72'
    return "opo_donors"


_EN_ORGAN_DONATIONS_RE = re.compile(
    r"(?<![a-z])(?:kidney|liver|heart|lung|pancreas)s?\s(?:[a-z-]+\s)?donations?(?![a-z])"
)
"""Donations named by a solid organ ('heart donations', 'kidney donations'): each donation is
an organ given, counted as organs (GUIDE.md: a registry's donations by organ count organs);
'organ donations' and donations of corneas or tissue keep their own reading."""


def _en_bed_use(ctx: _Ctx) -> bool:
    """An English rate of use of beds: 'utilization rate' just before the percentage, with
    beds named in its sentence or the one before ('It has 46 beds; in 2015, the utilization
    rate exceeded 130%') and no organ or donor in its clause (an organ utilisation rate)."""
    window = ctx.sentence_left[-40:]
    if not pat.EN_BED_USE_RE.search(window):
        return False
    if _has(pat.ORGAN_RE, window) or any(w in window for w in ("organ", "donor", "donat")):
        return False
    return "bed" in ctx.sentence or "bed" in _previous_sentence(ctx)


def _in_use_percent(ctx: _Ctx, transplant: bool, sentence_tx: bool) -> str | None:
    """Percentages: bed occupancy, or a provincial or national share of transplants."""
    if _has(pat.OCCUPANCY_CUE_RE, ctx.clause, ctx.sentence_left[-30:]):
        if _zh_near(ctx) and pat.ZH_NOT_BED_USE_RE.search(ctx.left_clause[-12:]):
            return None  # 手术室使用率, 设备使用率: the use of rooms or equipment, no beds
        return "bed_occupancy_rate"
    if not ctx.chinese and "rate" in ctx.sentence_left and _en_bed_use(ctx):
        return "bed_occupancy_rate"
    share = _has(pat.SHARE_CUE_RE, ctx.clause) or bool(_OF_AFTER_RE.match(ctx.right))
    if not share or pat.SHARE_OF_PLACES_RE.search(ctx.left_clause[-12:]):
        return None
    of_count = _has(pat.ZH_SHARE_OF_COUNT_RE, ctx.clause) and _has(
        pat.TRANSPLANT_CUE_RE, ctx.before_doc
    )
    of_tx = "of" in ctx.right[:4] and bool(pat.EN_SHARE_OF_TX_RE.match(ctx.right))
    if transplant or sentence_tx or of_count or of_tx:
        if _has(pat.PROVINCIAL_SHARE_CUE_RE, ctx.clause):
            return "provincial_share"
        if _has(pat.NATIONAL_SHARE_CUE_RE, ctx.clause):
            return "national_share"
    return None


def _in_use_rooms(ctx: _Ctx, local_left: str, local_right: str) -> str | None:
    """Rooms: operating rooms (not the rooms of one event)."""
    if _en_event(ctx):
        return None  # performed simultaneously in four operating rooms on April 30
    if _has(pat.ROOM_CUE_RE, local_left[-12:], local_right[:8], ctx.mods):
        return "operating_rooms"
    if "|" in ctx.before_doc and _has(pat.ROOM_CUE_RE, ctx.before_doc.split("\n")[-1]):
        return "operating_rooms"
    return None


_ZH_DONOR_PEOPLE_AFTER_RE = re.compile(r"\s?(?:人体|遗体)?器官捐[献獻赠贈]者")
"""5千个器官捐献者, 30个器官捐贈者: the head noun 捐献者 names people, so 个 counts donors
(捐献器官30个, 30个器官捐出: the organs are the head noun there)."""


def _in_use_generic(ctx: _Ctx, ordinal: bool, transplant: bool, sentence_tx: bool) -> str | None:
    """A generic counter (个, 项...): read from the nouns and cues around it."""
    if ctx.right[:1] == "人" and ctx.right[1:2] != "体":
        return None  # 手术室一共9个人: 个 counts the people after it, not the rooms
    if _ZH_DONOR_PEOPLE_AFTER_RE.match(ctx.right):
        return "opo_donors"  # 中国有5千个器官捐献者: people, not organs
    before = ctx.left_clause[-10:]
    if ("移植" in ctx.right[:6] or "换" in ctx.right[:4]) and _GENERIC_TX_AFTER_RE.match(ctx.right):
        return _classify_in_use("ops", ctx, ordinal)  # 去年只有50个尸肾移植
    if _DONATED_BEFORE_RE.search(before):  # 一年能捐5到10个, 今年捐献了4个 (GUIDE.md)
        if _has(pat.ORGAN_NOUN_RE, ctx.right[:6]):
            return "opo_organs_utilised"  # 捐献了4个器官
        # 捐赠600个保温瓶: a thing named after 个 is no donation case
        return None if ctx.right.lstrip()[:1] > "\u2e80" else "opo_donors"
    if _zh_organs_given_after(ctx):
        return "opo_organs_utilised"  # 去年共有160个器官捐出: the organ and its verb after
    if pat.ZH_DISTRIBUTED_BEFORE_RE.search(before) and _has(
        pat.ZH_ORGAN_OR_CORNEA_RE, ctx.right[:6]
    ):
        return "opo_organs_utilised"  # 眼库去年分发300片眼角膜: organs given out
    if _has(pat.ORGAN_NOUN_RE, before, ctx.sentence_left[-12:]) and (
        _has(pat.DONATION_CUE_RE, ctx.left_clause, ctx.sentence_left)
        or _has(pat.ZH_PROCURED_RE, ctx.left_clause, ctx.sentence_left)
    ):
        if "岁" in ctx.sentence_left and pat.ZH_PERSON_AGE_RE.search(ctx.sentence_left):
            return None  # 为30岁的赵先生移植了胰腺和肾脏两个器官: one patient's organs
        return "opo_organs_utilised"
    if _has(pat.TEAM_CUE_RE, before):
        return "surgical_teams" if transplant or sentence_tx else None
    if _zh_donations_counted(ctx):
        return "opo_donors"  # 今年捐献了4个, 一年能捐5~10个: donations counted in speech
    if _has(pat.ROOM_CUE_RE, before):
        return "operating_rooms"
    return None


_QUALIFIER_RANK = {
    Qualifier.EXACT: 0,
    Qualifier.APPROX: 1,
    Qualifier.AT_LEAST: 2,
    Qualifier.AT_MOST: 2,
}


def _combine(qs: list[Qualifier]) -> Qualifier:
    """Several qualifiers on one figure (约200例左右): a bound wins over approx, approx
    over exact; between two bounds the first stated wins."""
    best = Qualifier.EXACT
    for q in qs:
        if _QUALIFIER_RANK[q] > _QUALIFIER_RANK[best]:
            best = q
    return best


_ELLIPTIC_YEAR_RE = re.compile(rf"\s(?:in|during)\s{pat.YEAR}(?!\d)")


_BARE_MULT_PREFIX = {
    "上": Qualifier.AT_LEAST,
    "近": Qualifier.APPROX,
    "逾": Qualifier.AT_LEAST,
    "过": Qualifier.AT_LEAST,
    "超": Qualifier.AT_LEAST,
    "约": Qualifier.APPROX,
}


def read_qualifiers(
    norm: str, s: int, start: int, end: int, uclass: str, zh: str | None
) -> tuple[list[Qualifier], int, int]:
    """The qualifiers written around the number at ``s`` whose figure is norm[start:end]
    (``start`` past its currency, ``end`` past its counter), each widening the span: a bare
    multiplier's prefix (上万, 近千) or the qualifier before the figure (不到, more than, 约;
    约 before a share: 约占三成), and the one after its counter (以上, 左右, or more; not 多
    after a duration, read with the counter: 3个多月). (qualifiers, start, end). The one
    reading of the rules (``core._qualifiers``) and of the spans the learned method adds."""
    quals: list[Qualifier] = []
    if zh in ("百", "千", "万") and s > 0 and norm[s - 1] in _BARE_MULT_PREFIX:
        quals.append(_BARE_MULT_PREFIX[norm[s - 1]])
        start = s - 1
    else:
        left = norm[max(0, start - 14) : start]
        pq = pat.PREFIX_QUALIFIER_RE.search(left)
        if pq:
            quals.append(pat.PREFIX_QUALIFIERS[pq.group("q")])
            start = max(0, start - 14) + pq.start()
        elif uclass == "percent" and pat.SHARE_APPROX_RE.search(left):
            quals.append(Qualifier.APPROX)  # 约占全省的三成
    tq = pat.TRAILING_QUALIFIER_RE.match(norm[end : end + 24])
    if tq and not (uclass == "time" and tq.group("q") == "多"):
        quals.append(pat.TRAILING_QUALIFIERS[tq.group("q")])
        end += tq.end()
    return quals, start, end


_PERIOD_OR_TOTAL = frozenset({"opo_donors", "opo_organs_utilised"})
"""Indicators with no separate running-total indicator: the period decision sets whether
their date is a period or an as-of date."""


_PERIOD_INDICATORS = frozenset(
    {
        "transplants_in_period",
        "surgeon_transplants_in_period",
        "surgeries_per_year",
        "inpatients_per_year",
        "revenue_cny",
    }
)


_NO_ORGAN = frozenset({"total_beds", "staff_total", "inpatients_per_year", "surgeries_per_year"})


_UNIT_LEVEL = frozenset(
    {"transplant_beds", "transplant_surgeons", "transplant_nurses", "transplant_staff"}
)


_NO_DATE = frozenset({"wait_time_days", "price_cny", "price_usd", "surgical_fee_cny"})


_EN_SMALL = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4}


_ZH_NUMERAL_START = frozenset("一二两三四五六七八九十百千")


_PER_MILLION_RE = re.compile(
    r"每\s?[\d一二三四五六七八九十百千.]+\s?(?:万\s?[^\d,。;]{0,3}?(?:人|居民|民众)"
    r"|(?:位|名)[^。;]{0,12}中)"
)
"""每一百万人中, 每100万人, 每100万居民中, 每7位患者中: the persons after it are a rate's
numerator."""


def _per_million(sentence_left: str) -> bool:
    """Is the count the first number after 每100万人(中) / 每100萬港人中 in its sentence, the
    numerator of a rate? A later count (每100万人中仅55人捐出器官,...每年逾2000名病人轮候)
    is a figure of its own."""
    ends = [m.end() for m in _PER_MILLION_RE.finditer(sentence_left)]
    if not ends:
        return False
    return not any(c.isdigit() or c in _ZH_NUMERAL_START for c in sentence_left[ends[-1] :])


SLOW_FORMS = speed_up(globals())
"""This module's ``*_RE`` patterns behind look-aheads on their first characters (``rxprefix``):
the same matches, found faster. Name → the pattern as written, for tests."""
