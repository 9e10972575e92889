"""Trigger literals (``benchmarks/triggers.py``, perf16; the extractor does not use them):
every match of an extractor pattern contains one of the literals derived for it, so a gate
built on them answers as the pattern does. Checked three ways: the derivation on small
patterns whose answer is known, SYNTHETIC strings drawn from each pattern's own parse tree
(every alternative gets drawn), and the matches of every pattern on every text the output
digest covers. ``Gated`` answers as the pattern does for every method and window."""

from __future__ import annotations

import random
import re
from re import _constants as C  # noqa: N812
from re import _parser as P  # noqa: N812
from typing import Any

import pytest

from .conftest import extractor_modules, load_benchmark
from .test_fast_paths import _texts

triggers = load_benchmark("triggers")
Gated, gate, max_width, trigger_literals = (
    triggers.Gated,
    triggers.gate,
    triggers.max_width,
    triggers.trigger_literals,
)


def _patterns() -> dict[str, re.Pattern[str]]:
    """Every compiled ``*_RE`` pattern of the extractor's modules whose triggers are known."""
    out: dict[str, re.Pattern[str]] = {}
    for mod_name, mod in sorted(extractor_modules().items()):
        for name, value in vars(mod).items():
            pattern = isinstance(value, re.Pattern) and isinstance(value.pattern, str)
            if pattern and trigger_literals(value):
                out.setdefault(f"{mod_name}.{name}", value)
    return out


PATTERNS = _patterns()


def _unexplained(rx: re.Pattern[str], lits: frozenset[str], texts: list[str]) -> list[str]:
    """The matches of ``rx`` in ``texts`` that hold none of ``lits`` (should be none)."""
    bad = []
    for t in texts:
        for m in rx.finditer(t):
            if not any(lit in m.group(0) for lit in lits):
                bad.append(m.group(0))
    return bad


# --- strings drawn from a pattern's parse tree ------------------------------------------

_CATEGORY_CHARS = {C.CATEGORY_DIGIT: "7", C.CATEGORY_SPACE: " ", C.CATEGORY_WORD: "w"}


def _draw_class(items: list, rng: random.Random) -> str:  # noqa: ANN401
    chars: list[str] = []
    for op, av in items:
        if op is C.NEGATE:
            return rng.choice("Q#\u00e9")
        if op is C.LITERAL:
            chars.append(chr(av))
        elif op is C.RANGE:
            chars.append(chr(rng.randint(av[0], av[1])))
        elif op is C.CATEGORY:
            chars.append(_CATEGORY_CHARS.get(av, "Q"))
    return rng.choice(chars) if chars else "Q"


def _draw(items: Any, rng: random.Random) -> str:  # noqa: ANN401
    out: list[str] = []
    for op, av in items:
        if op is C.LITERAL:
            out.append(chr(av))
        elif op is C.NOT_LITERAL or op is C.ANY:
            out.append(rng.choice(" aQ7中"))
        elif op is C.IN:
            out.append(_draw_class(av, rng))
        elif op is C.SUBPATTERN:
            out.append(_draw(av[3], rng))
        elif op is C.ATOMIC_GROUP:
            out.append(_draw(av, rng))
        elif op is C.BRANCH:
            out.append(_draw(rng.choice(av[1]), rng))
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
            lo, hi, sub = av
            n = rng.randint(lo, min(hi, lo + 2))
            out.extend(_draw(sub, rng) for _ in range(n))
        # AT, ASSERT, ASSERT_NOT, GROUPREF...: nothing drawn
    return "".join(out)


def _drawn(rx: re.Pattern[str], n: int, seed: int) -> list[str]:
    rng = random.Random(seed)  # SYNTHETIC strings, fixed seed
    tree = P.parse(rx.pattern, rx.flags)
    return [_draw(tree, rng) for _ in range(n)]


# --- the derivation on patterns whose answer is known -----------------------------------


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        ("移植|换肝", {"移植", "换肝"}),
        ("a?bc", {"bc"}),
        ("[ab]cd", {"cd"}),
        ("[ab]", {"a", "b"}),
        ("x(?:yz|w)", {"x"}),  # 'x' needed alone beats two shorter-or-equal options
        ("(?:yz|wv)x", {"yz", "wv"}),  # the longer shortest literal wins
        ("(?=foo)bar", {"bar"}),
        ("(?<=foo)\\d+", None),  # a look-behind's text may lie before pos: not counted
        ("x*", None),
        ("(?:ab|c*)", None),
        ("\\d+", None),
        ("[a-z]+q{1,3}", {"q"}),
        ("[^a]b", {"b"}),
        ("(?i)abc", None),
        ("a(?i:bc)", {"a"}),
        ("", None),
    ],
)
def test_derivation_on_known_patterns(pattern: str, expected: set[str] | None) -> None:
    got = trigger_literals(re.compile(pattern))
    assert (set(got) if got else None) == expected


def test_max_width() -> None:
    assert max_width(re.compile("ab(?:c|de)")) == 4
    assert max_width(re.compile("a\\s*b")) is None


def test_extractor_has_patterns_to_check() -> None:
    assert len(PATTERNS) > 300  # the walk found the modules' patterns


# --- every extractor pattern ------------------------------------------------------------


def test_drawn_strings_that_match_hold_a_trigger() -> None:
    matched = 0
    for name, rx in PATTERNS.items():
        lits = trigger_literals(rx)
        assert lits
        drawn = _drawn(rx, 40, seed=len(name))
        bad = _unexplained(rx, lits, drawn)
        assert not bad, (name, sorted(lits), bad[:3])
        matched += sum(1 for s in drawn if rx.search(s))
    assert matched > 20 * len(PATTERNS)  # most drawn strings do match: the check has teeth


def test_every_match_on_the_repository_texts_holds_a_trigger() -> None:
    texts = _texts()
    seen = 0
    for name, rx in PATTERNS.items():
        lits = trigger_literals(rx)
        assert lits
        bad = _unexplained(rx, lits, texts)
        assert not bad, (name, sorted(lits), bad[:3])
        seen += sum(1 for t in texts[:200] if rx.search(t))
    assert seen > 1000


def test_the_check_catches_a_missing_trigger() -> None:
    rx = re.compile("移植|换肝|transplant")
    drawn = _drawn(rx, 40, seed=1)
    assert _unexplained(rx, frozenset({"移植", "transplant"}), drawn)  # 换肝 left out
    assert not _unexplained(rx, trigger_literals(rx) or frozenset(), drawn)


# --- Gated answers as the pattern does --------------------------------------------------

GATE_SAMPLE = ["patterns.TRANSPLANT_CUE_RE", "patterns.AS_OF_RE", "patterns.EN_COUNTER_RE"]
GATE_SAMPLE += ["patterns.EN_TIME_ADJECTIVE_RE", "patterns.CONJUNCT_SPLIT_RE"]
GATE_SAMPLE += ["patterns.ZH_COUNTER_RE", "years._FIRST_TX_RE", "patterns.RANGE_JOIN_RE"]


def _same(a: Any, b: Any) -> bool:  # noqa: ANN401
    if isinstance(a, re.Match) or isinstance(b, re.Match):
        return a is not None and b is not None and a.span() == b.span()
    return a == b


@pytest.mark.parametrize("name", GATE_SAMPLE)
def test_gated_answers_as_the_pattern(name: str) -> None:
    rx = PATTERNS[name]
    g = gate(rx)
    assert isinstance(g, Gated)
    for t in _texts()[::7]:
        for pos in range(0, len(t), max(1, len(t) // 9)):
            end = min(len(t), pos + 40)
            assert _same(g.match(t, pos), rx.match(t, pos)), (name, pos)
            assert _same(g.match(t, pos, end), rx.match(t, pos, end)), (name, pos)
            assert _same(g.search(t, pos), rx.search(t, pos)), (name, pos)
            assert _same(g.search(t, pos, end), rx.search(t, pos, end)), (name, pos)
            assert _same(g.fullmatch(t, pos, end), rx.fullmatch(t, pos, end)), (name, pos)
        assert _same(g.search(t), rx.search(t))
        assert [m.span() for m in g.finditer(t)] == [m.span() for m in rx.finditer(t)]
        assert g.findall(t) == rx.findall(t)
        assert g.split(t) == rx.split(t)
    assert g.pattern == rx.pattern  # other attributes are the pattern's


def test_gated_reads_negative_positions_as_re_does() -> None:
    rx = re.compile("移植|transplant")
    g = gate(rx)
    for t in ["移植100例", "a transplant", "none here", ""]:
        for pos, end in [(-3, None), (-100, None), (0, -1), (-2, 4), (2, -50)]:
            args = (t, pos) if end is None else (t, pos, end)
            assert _same(g.search(*args), rx.search(*args)), (t, pos, end)
            assert _same(g.match(*args), rx.match(*args)), (t, pos, end)


def test_gate_leaves_patterns_without_triggers() -> None:
    rx = re.compile("\\d+")
    assert gate(rx) is rx
