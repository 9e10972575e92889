"""Every pattern of the extractor reads normalized text (extract.numbers.normalize: the
traditional->simplified character table, full-width forms to ASCII). A pattern that spells a
character only in a form normalize() rewrites can never match, silently: the rule it carries
is dead for every text. (The same family of mistake, the other way round, was found by rzh5:
the table turns 參 into the numeral 叁, so text's 參加 never met patterns written 参加.) This
test reads every compiled regex of every module of the extract package but the normalizer
itself, and requires, for each CJK or full-width character normalize() rewrites, that its
normalized form is in the same pattern too (a pattern may keep both spellings). The
parametrized cases show the check catches such a pattern."""

from __future__ import annotations

import re

import pytest

from transplant_audit.extract.numbers import normalize

from .conftest import extractor_modules


def _is_rewritten(ch: str) -> bool:
    cjk = "\u3400" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef" or "\u3000" <= ch <= "\u303f"
    return cjk and normalize(ch) != ch


def unreachable_characters(patterns: dict[str, re.Pattern]) -> list[tuple[str, str, str]]:
    """(pattern name, character, its normalized form) for characters spelled only in a form
    normalize() rewrites."""
    found = []
    for name, rx in patterns.items():
        if not isinstance(rx.pattern, str):
            continue  # a bytes pattern reads no text
        for ch in sorted(set(rx.pattern)):
            if _is_rewritten(ch) and normalize(ch) not in rx.pattern:
                found.append((name, ch, normalize(ch)))
    return found


def _extract_patterns() -> dict[str, re.Pattern]:
    out = {}
    for short, module in extractor_modules().items():
        if short == "numbers":
            continue  # the normalizer itself: its tables spell what it rewrites
        for name, value in vars(module).items():
            if isinstance(value, re.Pattern):
                out[f"{short}.{name}"] = value
    return out


def test_no_pattern_spells_a_character_only_in_a_form_normalize_rewrites() -> None:
    patterns = _extract_patterns()
    assert len(patterns) > 250  # the rules' patterns were found
    assert unreachable_characters(patterns) == []


@pytest.mark.parametrize(
    ("pattern", "bad"),
    [
        (re.compile("參加"), True),  # the table turns 參 into 叁: never matches
        (re.compile("移植中心"), False),
        (re.compile("[愛爱]心"), False),  # both spellings kept: fine
        (re.compile("器官捐贈"), True),  # 贈 becomes 赠
    ],
)
def test_the_check_catches_a_pattern_that_cannot_match(pattern: re.Pattern, bad: bool) -> None:
    assert bool(unreachable_characters({"p": pattern})) is bad
