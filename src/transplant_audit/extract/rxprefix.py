"""First-character look-aheads: the same regular expression, searched faster.

Python's regex engine skips quickly to a possible match only when a pattern starts with a
literal, a character class or alternatives that all start with a literal. A pattern that
starts otherwise (``\\d+``, ``(?:\\d{4}|[一二三]{4})``, a look-behind, alternatives opening
with groups) is tried in full at every position of the text. ``with_first_chars`` puts a
look-ahead on the class of characters a match can begin with in front of such a pattern:
the engine then leaves every other position after one class test. A look-ahead consumes
nothing and every match begins with a character of the class, so the matches are the same
(tests/extract/test_fast_paths.py compares them on every text of the repository).

The class is read from the parsed pattern (``re._parser``, the standard library's own
parser); anything this module does not follow (a pattern that can match the empty
string, ``.``, negated classes, back-references, flags) leaves the pattern unchanged.
"""

from __future__ import annotations

import re
from re import _constants as C  # noqa: N812
from re import _parser as P  # noqa: N812

_CATEGORY_CLASS = {
    C.CATEGORY_DIGIT: r"\d",
    C.CATEGORY_SPACE: r"\s",
    C.CATEGORY_WORD: r"\w",
}


class _UnknownError(Exception):
    """A construct whose first characters are not followed: leave the pattern as it is."""


def _char(code: int) -> str:
    return re.escape(chr(code))


def _class_items(items: list) -> set[str]:  # noqa: ANN401
    out: set[str] = set()
    for op, av in items:
        if op is C.LITERAL:
            out.add(_char(av))
        elif op is C.RANGE:
            out.add(f"{_char(av[0])}-{_char(av[1])}")
        elif op is C.CATEGORY and av in _CATEGORY_CLASS:
            out.add(_CATEGORY_CLASS[av])
        else:  # NEGATE, negated categories
            raise _UnknownError
    return out


def _first(items) -> tuple[set[str], bool]:  # noqa: ANN001
    """(class items a match of this sequence can begin with, can it match empty?)"""
    out: set[str] = set()
    for op, av in items:
        if op is C.LITERAL:
            return out | {_char(av)}, False
        if op is C.IN:
            return out | _class_items(av), False
        if op in (C.AT, C.ASSERT, C.ASSERT_NOT):
            continue  # zero width: the next item begins the match
        if op is C.SUBPATTERN:
            _group, add_flags, del_flags, sub = av
            if add_flags or del_flags:
                raise _UnknownError
            first, empty = _first(sub)
        elif op is C.BRANCH:
            first, empty = set(), False
            for alt in av[1]:
                f, e = _first(alt)
                first |= f
                empty = empty or e
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
            lo, _hi, sub = av
            first, empty = _first(sub)
            empty = empty or lo == 0
        elif op is C.ATOMIC_GROUP:
            first, empty = _first(av)
        else:  # ANY, NOT_LITERAL, GROUPREF, GROUPREF_EXISTS...
            raise _UnknownError
        out |= first
        if not empty:
            return out, False
    return out, True


def _engine_skips_already(parsed) -> bool:  # noqa: ANN001
    """Does the engine already skip ahead for this pattern (a literal or class first, or
    alternatives that all start with a literal)? Then a look-ahead would only slow it."""
    data = list(parsed)
    while data and data[0][0] is C.SUBPATTERN:
        data = list(data[0][1][3])
    if not data:
        return False
    op, av = data[0]
    if op in (C.LITERAL, C.IN):
        return True
    if op is C.BRANCH:
        return all(alt and alt[0][0] is C.LITERAL for alt in av[1])
    return False


def _first_class(parsed) -> str | None:  # noqa: ANN001
    try:
        first, empty = _first(parsed)
    except _UnknownError:
        return None
    if empty or not first:
        return None
    return "[" + "".join(sorted(first)) + "]"


def _parse(rx: re.Pattern[str]):  # noqa: ANN202
    if rx.flags & ~re.UNICODE or not isinstance(rx.pattern, str):
        return None  # flags (ignore case, verbose...) are not followed
    try:
        return P.parse(rx.pattern, rx.flags)
    except Exception:  # noqa: BLE001 -- a private parser: if it changes, keep the pattern
        return None


def first_chars(rx: re.Pattern[str]) -> str | None:
    """A character class every match of ``rx`` begins with, or None when not known."""
    parsed = _parse(rx)
    return None if parsed is None else _first_class(parsed)


def with_first_chars(rx: re.Pattern[str]) -> re.Pattern[str]:
    """``rx`` behind a look-ahead on its first characters, when that helps the engine."""
    parsed = _parse(rx)
    if parsed is None or _engine_skips_already(parsed):
        return rx
    cls = _first_class(parsed)
    if cls is None:
        return rx
    return re.compile(f"(?={cls})(?:{rx.pattern})", rx.flags)


_SPED_UP: set[re.Pattern[str]] = set()
"""Patterns ``speed_up`` made: one imported into another module is not wrapped twice."""


def speed_up(namespace: dict[str, object]) -> dict[str, re.Pattern[str]]:
    """Replace each compiled pattern named ``*_RE`` in ``namespace`` (a module's globals)
    by ``with_first_chars``; return the replaced ones, name → the pattern as written.
    A pattern imported from a module that already sped it up is left as it is."""
    before: dict[str, re.Pattern[str]] = {}
    for name, value in list(namespace.items()):
        if name.endswith("_RE") and isinstance(value, re.Pattern) and value not in _SPED_UP:
            fast = with_first_chars(value)
            if fast is not value:
                before[name] = value
                namespace[name] = fast
                _SPED_UP.add(fast)
    return before
