"""Chinese donation counts by kind, in mainland usage: which kind of donation the list item
holding a count names (GUIDE.md: 遗体捐献 is a body given for teaching, no figure; 遗体和器官,
遗体、器官及组织, 遗体器官 counted as one stay out; 器官 and 角膜 donations are donors; stem
cells and bone marrow are no organs).

A count's item is the words of the list entry that holds it: the noun after its counter
when the noun follows the count (3例角膜捐献、5例器官捐献), else the words before it back to the
last number or clause break (实现器官捐献85例、遗体捐献2例: 器官捐献 for 85, 遗体捐献 for 2).
Pure functions of strings; of the extractor, imports only its patterns.
"""

from __future__ import annotations

import re

from transplant_audit.extract import patterns as pat

_BREAK_RE = re.compile(r"[\d,;。:!?]")
"""What ends a count's item on either side: the number of the next or previous item, or a
clause break."""

_NOUN_AFTER_RE = re.compile(r"\s?(?:人体|公民逝世后)?(?:遗体|器官|眼?角膜|造血干细胞|骨髓|组织)")
"""The kind noun straight after the counter: the item is on the right (3例遗体捐献)."""

_STEM_RE = re.compile(r"造血干细胞|干细胞|骨髓|献血")

_JOINED_RE = re.compile(
    r"遗体\s?(?:[、和及与/(]|以及)?\s?(?:人体)?(?:器官|眼?角膜|组织)|(?:器官|眼?角膜)\s?[、和及与]\s?遗体"
)
"""Bodies and organs (or corneas, tissues) named as one count: 遗体和人体器官, 遗体、器官、组织,
遗体器官, 遗体(器官、角膜), 器官和遗体. Not 遗体及活体 (deceased and living donors)."""

_KINDS = (("stem", _STEM_RE), ("joined", _JOINED_RE), ("body", pat.BODY_DONATION_RE))

_KIND_NOUNS = (("cornea", re.compile(r"角膜")), ("organ", re.compile(r"器官|[肝肾心肺]脏")))

NO_FIGURE_KINDS = frozenset({"stem", "joined", "body"})
"""Kinds whose count is no figure in mainland usage."""


def own_item(left_clause: str, right: str) -> str:
    """The words of the list item that holds a count (``left_clause``: its clause before the
    number; ``right``: its clause after the counter)."""
    if _NOUN_AFTER_RE.match(right):
        m = _BREAK_RE.search(right)
        return right[: m.start()] if m else right
    cut = 0
    for m in _BREAK_RE.finditer(left_clause):
        cut = m.end()
    return left_clause[cut:]


def kind(item: str) -> str:
    """The donation kind an item names: ``stem``, ``joined``, ``body``, ``cornea``,
    ``organ`` or "" (none named)."""
    if "捐" not in item and "遗体" not in item and "角膜" not in item and "器官" not in item:
        return ""
    for name, rx in _KINDS:
        if rx.search(item):
            return name
    for name, rx in _KIND_NOUNS:
        if rx.search(item):
            return name
    return ""


def topic_kind(sentence_left: str) -> str:
    """The kind of the last donation named before a bare item in its sentence (登记成为遗体和
    人体器官捐献志愿者,已成功实现捐献140余例: ``joined``), "" when none."""
    at = sentence_left.rfind("捐")
    if at < 0:
        return ""
    return kind(sentence_left[max(0, at - 12) : at])
