"""Trigger literals: a regular expression searched only when a word it needs is in the text.

Many cue patterns are long alternations that do not start with a literal, so the engine
tries them at every position of the text even when, as for most of a dense page's figures,
nothing matches. Yet every match of such a pattern contains one of a few literal strings
(``TRANSPLANT_CUE_RE``: '移植', 'transplant', ...; ``EN_TIME_ADJECTIVE_RE``: 'day', 'week',
...). ``trigger_literals`` reads that set from the parsed pattern (``re._parser``, the
standard library's own parser, as ``rxprefix`` does); ``Gated`` wraps a pattern and answers
"no match" at once when none of its trigger literals occurs in the part of the text a match
could cover (``str.find``, a C scan), and runs the pattern otherwise: the same matches.

The derivation, for a sequence of items: a match of the sequence contains a match of each
item, so any one item's set will do (the one with the longest shortest literal is kept, then
the smallest); runs of literal characters are joined into one literal; alternatives give the
union of their sets, and have none if any alternative has none; a repeat needs its body only
when it repeats at least once; a class of at most ``_MAX_CLASS`` plain characters gives its
characters. Zero-width items (anchors, look-arounds) need nothing (a look-behind may read
before ``pos``, so nothing inside one is counted). Anything else (``.``, negated or ranged
classes, back-references, ignore-case flags) needs nothing known, and a pattern whose
derivation needs nothing is not gated. tests/extract/test_triggers.py checks the derivation
on strings drawn from each pattern's parse tree and on every text of the repository.

**The extractor does not use the gate**: measured by ``bench_triggers.py`` beside this file
(perf16; its docstring and docs/extract.md, "Trigger literals for the rules' patterns"), it
made the dense pages slower. So it lives here with its benchmark, not in the package; a
rules-side design that skips whole rule steps when a window holds none of their triggers
would move it back.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from re import _constants as C  # noqa: N812
from re import _parser as P  # noqa: N812
from typing import Any

_MAX_CLASS = 8
"""A character class of more plain characters than this is not a trigger (too common)."""

_Lits = frozenset[str]


def _best(options: list[_Lits]) -> _Lits | None:
    """The most selective set: its shortest literal longest, then the fewest literals."""
    if not options:
        return None
    return min(options, key=lambda s: (-min(map(len, s)), len(s), sorted(s)))


def _class(items: list) -> _Lits | None:  # noqa: ANN401
    if len(items) > _MAX_CLASS or any(op is not C.LITERAL for op, _ in items):
        return None
    return frozenset(chr(av) for _, av in items)


def _item(op: Any, av: Any) -> _Lits | None:  # noqa: ANN401
    """The literals one item of a sequence needs (None: nothing known)."""
    if op is C.IN:
        return _class(av)
    if op is C.SUBPATTERN:
        _group, add_flags, del_flags, sub = av
        if (add_flags | del_flags) & (re.IGNORECASE | re.VERBOSE):
            return None
        return _sequence(sub)
    if op is C.ATOMIC_GROUP:
        return _sequence(av)
    if op is C.BRANCH:
        out: set[str] = set()
        for alt in av[1]:
            got = _sequence(alt)
            if got is None:
                return None
            out |= got
        return frozenset(out)
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
        lo, _hi, sub = av
        return _sequence(sub) if lo >= 1 else None
    return None  # AT, ASSERT, ASSERT_NOT (zero width), ANY, NOT_LITERAL, GROUPREF...


def _sequence(items: Any) -> _Lits | None:  # noqa: ANN401
    options: list[_Lits] = []
    run: list[str] = []
    for op, av in items:
        if op is C.LITERAL:
            run.append(chr(av))
            continue
        if run:
            options.append(frozenset({"".join(run)}))
            run = []
        got = _item(op, av)
        if got:
            options.append(got)
    if run:
        options.append(frozenset({"".join(run)}))
    return _best(options)


def trigger_literals(rx: re.Pattern[str]) -> frozenset[str] | None:
    """Literal strings one of which every match of ``rx`` contains, or None when not known
    (ignore-case or verbose patterns, or a pattern that can match without a fixed word)."""
    if not isinstance(rx.pattern, str) or rx.flags & (re.IGNORECASE | re.VERBOSE):
        return None
    try:
        parsed = P.parse(rx.pattern, rx.flags)
    except Exception:  # noqa: BLE001 -- a private parser: if it changes, do not gate
        return None
    return _sequence(parsed)


def max_width(rx: re.Pattern[str]) -> int | None:
    """The most characters a match of ``rx`` can cover, or None when unbounded."""
    hi = P.parse(rx.pattern, rx.flags).getwidth()[1]
    return None if hi >= C.MAXREPEAT else hi


class Gated:
    """``rx`` behind its trigger literals: each method answers as ``rx``'s would, without
    running ``rx`` when no trigger occurs where a match could be. Other attributes
    (``pattern``, ``flags``...) are ``rx``'s."""

    __slots__ = ("rx", "lits", "width")

    def __init__(self, rx: re.Pattern[str], lits: frozenset[str]) -> None:
        self.rx = rx
        self.lits = tuple(sorted(lits, key=lambda s: (len(s), s)))
        self.width = max_width(rx)

    def __getattr__(self, name: str) -> Any:  # noqa: ANN401
        return getattr(self.rx, name)

    def __repr__(self) -> str:
        return f"Gated({self.rx!r}, {self.lits!r})"

    def _in(self, text: str) -> bool:
        for lit in self.lits:  # noqa: SIM110 -- a loop, no generator: called per figure
            if lit in text:
                return True
        return False

    def _in_span(self, text: str, pos: int, end: int) -> bool:
        if pos < 0:  # re reads a negative position as 0, str.find from the end
            pos = 0
        if end < 0:
            return False  # re reads it as 0 too: no match can end there
        for lit in self.lits:  # noqa: SIM110
            if text.find(lit, pos, end) >= 0:
                return True
        return False

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        if endpos is None:
            if pos == 0:
                return self.rx.search(text) if self._in(text) else None
            endpos = len(text)
        return self.rx.search(text, pos, endpos) if self._in_span(text, pos, endpos) else None

    def match(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        end = len(text) if endpos is None else endpos
        if self.width is not None and max(pos, 0) + self.width < end:
            end = max(pos, 0) + self.width
        if not self._in_span(text, pos, end):
            return None
        return self.rx.match(text, pos) if endpos is None else self.rx.match(text, pos, endpos)

    def fullmatch(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        end = len(text) if endpos is None else endpos
        if not self._in_span(text, pos, end):
            return None
        return self.rx.fullmatch(text, pos, end)

    def finditer(
        self, text: str, pos: int = 0, endpos: int | None = None
    ) -> Iterator[re.Match[str]]:
        end = len(text) if endpos is None else endpos
        return self.rx.finditer(text, pos, end) if self._in_span(text, pos, end) else iter(())

    def findall(self, text: str, pos: int = 0, endpos: int | None = None) -> list[Any]:
        end = len(text) if endpos is None else endpos
        return self.rx.findall(text, pos, end) if self._in_span(text, pos, end) else []

    def split(self, text: str, maxsplit: int = 0) -> list[str]:
        return self.rx.split(text, maxsplit) if self._in(text) else [text]


def gate(rx: re.Pattern[str]) -> Gated | re.Pattern[str]:
    """``rx`` behind its trigger literals, or ``rx`` itself when they are not known."""
    lits = trigger_literals(rx)
    return rx if not lits else Gated(rx, lits)
