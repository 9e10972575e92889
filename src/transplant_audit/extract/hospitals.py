"""Hospital names in a document: where each is named (Chinese names ending in 医院 or a
branch 院区/分院, English names around Hospital / Medical Centre), so a figure can be given
the hospital named nearest before it.
"""

from __future__ import annotations

import re

from transplant_audit.extract import patterns as pat
from transplant_audit.extract.numbers import (
    normalize,
)
from transplant_audit.extract.rxprefix import speed_up

_GENERIC_HOSPITAL_RE = re.compile(
    r"^(?:一|这|那|该|本|各|多|每|两|几|数|综合|三级|三甲|甲等|大型|现代|知名|著名|公立|民营|私立|军队|部队|全国|其他|其它|省级|市级|县级|大医院|医院)"
)


_HOSPITAL_WORD_RE = re.compile("医院")


_NAME_RUN_RE = re.compile(r"[\u4e00-\u9fff()（）]{2,}$")


_EN_HOSPITAL_WORD_RE = re.compile(r"Hospital|Medical Cent(?:er|re)")


_EN_NAME_BEFORE_RE = re.compile(r"(?:[A-Z][\w'’.&-]*\s(?:(?:of|and|for|the)\s)*){1,8}$")


_EN_NAME_AFTER_RE = re.compile(r"\s(?:of|at)\s(?:the\s)?(?:[A-Z][\w'’.-]*\s?){1,6}")


_EN_NAME_WINDOW = 120


_BRANCH_RE = re.compile(r"[\u4e00-\u9fff]{0,6}?(?:院区|分院)")


_HOSPITAL_NAME_MAX = 30


_DATE_UNITS = "年月日"
"""At most this many characters of a Chinese hospital name before 医院."""


def find_hospitals(text: str, norm: str | None = None) -> list[tuple[int, str]]:
    """(position, name as written) of every hospital named in ``text``."""
    norm = normalize(text) if norm is None else norm
    out: list[tuple[int, str]] = []
    for m in _HOSPITAL_WORD_RE.finditer(norm):
        e = m.end()
        lo = max(0, m.start() - _HOSPITAL_NAME_MAX)
        run = _NAME_RUN_RE.search(norm, lo, m.start())
        if run is None:
            continue
        s = run.start()
        tail = _BRANCH_RE.match(norm, e)
        if tail:
            e = tail.end()
        trimmed = pat.ZH_HOSPITAL_LEAD_TRIM.sub("", norm[s:e])
        s = e - len(trimmed) if trimmed else e
        while s < e and norm[s] in "()（）":
            s += 1
        if 0 < s < e and norm[s] in _DATE_UNITS and norm[s - 1].isdigit():
            s += 1  # "2021年3月复旦大学附属中山医院": the 月 of a date is not part of the name
        if e - s >= 4 and not _GENERIC_HOSPITAL_RE.match(norm[s:e]):
            out.append((s, text[s:e]))
    prev_end = 0
    for m in _EN_HOSPITAL_WORD_RE.finditer(text):
        lo = max(prev_end, m.start() - _EN_NAME_WINDOW)
        before = _EN_NAME_BEFORE_RE.search(text, lo, m.start())
        if before is None:
            continue
        end = m.end()
        after = _EN_NAME_AFTER_RE.match(text, end)
        if after:
            end = after.end()
        prev_end = end
        name = re.sub(r"^(?:the|The)\s", "", text[before.start() : end]).strip()
        out.append((before.start(), name))
    out.sort()
    return out


SLOW_FORMS = speed_up(globals())
"""This module's ``*_RE`` patterns behind look-aheads on their first characters (``rxprefix``):
the same matches, found faster. Name → the pattern as written, for tests."""
