"""The extractor's speed-ups (issue 14) read exactly what the plain forms read: every
pattern behind a first-character look-ahead (``rxprefix``) finds the same matches, the
tighter gates hold for every reject match, and the digit fast path of parse_number gives
the general path's value. Texts: every text the output digest covers, plus SYNTHETIC
random strings made here from the characters the patterns care about."""

from __future__ import annotations

import random
import re
from typing import Any

import pytest

from transplant_audit.extract import classify, core, numbers, period
from transplant_audit.extract import patterns as pat
from transplant_audit.extract.numbers import normalize
from transplant_audit.extract.rxprefix import first_chars, with_first_chars

from .conftest import extractor_modules
from .test_output_digest import _module

ALPHABET = list("0123456789 -/.,:()+#[]年月日号楼室第页岁路里中国电话tel phone page no. room road")
ALPHABET += ["jan ", "sept ", "aged ", "lu", "china", "p. r.", "table ", "isbn", "doi"]
ALPHABET += ["电话:", "tel.", "(010) ", "+86 ", "1391234", "2015年", "三月", "5th ", "may ", "表"]
ALPHABET += ["第", "名", "rank ", "no.", "fig.", "[1", "-year-old", " years old", "楼", "单元"]


def _texts() -> list[str]:
    repo = [normalize(t) for texts in _module().text_sets().values() for t in texts]
    rng = random.Random(14)  # SYNTHETIC strings, fixed seed
    fuzz = ["".join(rng.choice(ALPHABET) for _ in range(60)) for _ in range(800)]
    return repo + fuzz


@pytest.fixture(scope="module")
def texts() -> list[str]:
    return _texts()


@pytest.mark.parametrize("kind", sorted(pat.REJECT_SOURCES))
def test_prefixed_reject_pattern_finds_the_same_spans(kind: str, texts: list[str]) -> None:
    plain = re.compile(pat.REJECT_SOURCES[kind])
    fast = pat.REJECT_PATTERNS[kind]
    assert fast.pattern != plain.pattern  # the look-ahead is there
    for t in texts:
        assert [m.span() for m in fast.finditer(t)] == [m.span() for m in plain.finditer(t)], t
        # windows too, as _is_masked searches them
        for lo in range(0, len(t), 37):
            hi = lo + 80
            got = [m.span() for m in fast.finditer(t, lo, hi)]
            assert got == [m.span() for m in plain.finditer(t, lo, hi)], (t, lo)


@pytest.mark.parametrize("kind", sorted(pat.REJECT_NEEDS))
def test_needs_gate_holds_for_every_reject_match(kind: str, texts: list[str]) -> None:
    seen = 0
    for t in texts:
        for m in pat.REJECT_PATTERNS[kind].finditer(t):
            seen += 1
            # the match, plus what its look-ahead read after it (中国 after a postcode)
            assert pat.REJECT_NEEDS[kind].search(t, m.start(), m.end() + 12), (t, m.group(0))
    assert seen > 20  # the texts exercise the pattern


def test_needs_gate_is_tighter_than_the_trigger() -> None:
    assert not pat.REJECT_NEEDS["date"].search("2015年完成肝移植100例")
    assert pat.REJECT_TRIGGERS["date"].search("2015年完成肝移植100例")
    assert not pat.REJECT_NEEDS["address"].search("据报道这里有100张床")


def test_digit_fast_path_equals_general_path() -> None:
    for token in ["0", "7", "0012", "1200", "2015", "123456789012345678901234"]:
        assert numbers.parse_number(token) == numbers._parse_number(token)
    assert numbers.parse_number("1,200") == 1200.0
    assert numbers.parse_number("２万") == 20000.0
    with pytest.raises(ValueError):
        numbers.parse_number("1,20,0")


_SPED_UP = extractor_modules()
"""Every module of the extractor; those whose ``*_RE`` patterns ``rxprefix.speed_up``
rewrites keep the forms as written in ``SLOW_FORMS``."""
SLOW_FORMS = [
    (f"{name}.{k}", v)
    for name, mod in sorted(_SPED_UP.items())
    for k, v in getattr(mod, "SLOW_FORMS", {}).items()
]


def _fast_form(name: str) -> re.Pattern[str]:
    mod, attr = name.split(".")
    return getattr(_SPED_UP[mod], attr)


def _same(a: re.Match[str] | None, b: re.Match[str] | None) -> bool:
    if a is None or b is None:
        return a is b
    return a.span() == b.span() and a.groupdict() == b.groupdict() and a.groups() == b.groups()


@pytest.mark.parametrize(("name", "slow"), SLOW_FORMS, ids=[n for n, _ in SLOW_FORMS])
def test_sped_up_pattern_matches_as_written(
    name: str, slow: re.Pattern[str], texts: list[str]
) -> None:
    fast = _fast_form(name)
    assert fast.pattern.startswith("(?=[") and fast.pattern.endswith(f"(?:{slow.pattern})")
    for t in texts:
        got = [(m.span(), m.groups()) for m in fast.finditer(t)]
        assert got == [(m.span(), m.groups()) for m in slow.finditer(t)], (name, t[:80])
        if len(t) <= 400:  # match and windowed search, as the extractor calls them
            for pos in range(0, len(t), 7):
                assert _same(fast.match(t, pos), slow.match(t, pos)), (name, t, pos)
                assert _same(fast.search(t, pos, pos + 40), slow.search(t, pos, pos + 40))


def test_sped_up_patterns_cover_the_hot_ones() -> None:
    assert {"NUMBER_RE", "ANNUAL_CUE_RE", "SURGEON_CUE_RE", "PREFIX_QUALIFIER_RE"} <= set(
        pat.SLOW_FORMS
    )


def test_first_chars_of_constructs() -> None:
    assert first_chars(re.compile(r"(?<![a-z])\d+年")) == r"[\d]"
    assert first_chars(re.compile(r"(?:ab)?c|\s?d")) == r"[\sacd]"
    assert first_chars(re.compile(r"x*")) is None  # can match the empty string
    assert first_chars(re.compile(r".a")) is None  # any character
    assert first_chars(re.compile(r"[^a]b")) is None  # negated class
    assert first_chars(re.compile(r"abc", re.I)) is None  # flags are not followed
    literal = re.compile(r"移植|transplant")
    assert with_first_chars(literal) is literal  # the engine already skips ahead


class _NeverIndex(core._GateIndex):
    def _pays(self, pos: int) -> bool:
        return False


class _AlwaysIndex(core._GateIndex):
    def _pays(self, pos: int) -> bool:
        return True


def test_gate_index_masks_exactly_what_window_searches_mask(texts: list[str]) -> None:
    masked = 0
    for norm in texts:
        never, always = _NeverIndex(norm), _AlwaysIndex(norm)
        for m in pat.NUMBER_RE.finditer(norm):
            s, e = m.span()
            got = core._is_masked(norm, s, e, always)
            assert got == core._is_masked(norm, s, e, never), (norm[max(0, s - 50) : e + 40], s)
            masked += got
    assert masked > 100  # the texts hold dates, phone numbers, ranks...


def test_gate_index_is_built_for_dense_pages_only(monkeypatch: pytest.MonkeyPatch) -> None:
    sets = _module().text_sets()
    index = core._GateIndex
    for page, dense in ((sets["bench-dense"][0], True), (sets["bench-typical"][0], False)):
        gates = index(normalize(page))
        monkeypatch.setattr(core, "_GateIndex", lambda norm, g=gates: g)
        core.extract_candidates(page)
        assert (gates.spans is not None) is dense


def test_gate_index_begins_every_gate_match(texts: list[str]) -> None:
    for norm in texts:
        spans = _AlwaysIndex(norm)._build()
        for kind, trigger in pat.REJECT_TRIGGERS.items():
            gate = pat.REJECT_NEEDS.get(kind) or trigger
            every_start = re.compile(f"(?=(?:{gate.pattern}))")  # overlapping ones too
            mine = [(a, b) for a, b, k in spans if k == kind]
            for m in every_start.finditer(norm):
                p = m.start()
                assert any(a <= p < max(b, a + 1) for a, b in mine), (kind, norm[p : p + 30])


def test_year_gate_holds_for_every_year() -> None:
    """period.may_hold_year's premise: every string pat.YEAR matches begins with 19 or 20."""
    years = [f"{n:04d}" for n in range(10000) if re.fullmatch(pat.YEAR, f"{n:04d}")]
    assert years and all(y[:2] in ("19", "20") for y in years)
    assert not period.may_hold_year("1850年 and 2150") and period.may_hold_year("in 1998")


def test_year_gate_changes_no_year_reading(texts: list[str]) -> None:
    """On every text, the gated year readers give what the patterns give ungated."""
    for t in texts:
        if period.may_hold_year(t):
            continue
        for rx in (pat.ZH_YEAR_RE, period.EN_YEAR_RE, pat.ZH_YEAR_RANGE_RE, pat.EN_YEAR_RANGE_RE):
            assert rx.search(t) is None, (rx.pattern, t)


def test_per_day_gate_lets_every_alternative_through() -> None:
    """classify._en_per_day_words's substring gate passes each form EN_PER_DAY_WORDS_RE reads
    (the old gates of _en_one_day and _en_event dropped 'on that morning', 'in the
    afternoon of')."""
    for s in (
        "on a single day",
        "during one night",
        "on the same night",
        "within the same day",
        "on that morning",
        "in the afternoon of",
    ):
        assert pat.EN_PER_DAY_WORDS_RE.search(s) and classify._en_per_day_words(s), s


def test_surgical_volume_gate_passes_every_noun() -> None:
    """The gate before EN_SURGICAL_VOLUME_BEFORE_RE holds each of its nouns (it once held
    'volume' alone, so 'surgical count of' was never read)."""
    for noun in ("volume", "count"):
        text = f"The hospital had an annual surgical {noun} of 105,000."
        got = {(c.indicator, c.value) for c in core.extract_candidates(text)}
        assert ("surgeries_per_year", 105000.0) in got, noun


def test_normalize_array_path_equals_translate() -> None:
    """``normalize`` maps a page through a numpy code-point table: the same string as
    ``str.translate`` with the table, on every repository text and on SYNTHETIC strings
    of mapped, unmapped, astral and lone-surrogate characters at the length threshold."""
    repo = [t for texts in _module().text_sets().values() for t in texts]
    rng = random.Random(9)  # SYNTHETIC characters, fixed seed
    keys = sorted(numbers._TABLE)
    pool = [*rng.sample(keys, 400), 0xD800, 0xDFFF, 0x1F600, max(keys), max(keys) + 1, 0x10FFFF]
    pool += [rng.randrange(0x110000) for _ in range(200)]
    made = ["".join(chr(rng.choice(pool)) for _ in range(n)) for n in (255, 256, 257, 4000)]
    for t in [*repo, *made]:
        assert normalize(t) == t.translate(numbers._TABLE)
    assert any(len(t) >= numbers._ARRAY_MIN_CHARS for t in repo)


def test_script_counts_equal_the_regular_expressions() -> None:
    """``numbers.script_counts`` (what ``detect_language`` weighs) counts what the character
    classes count, on every repository text and on SYNTHETIC strings around the ranges'
    edges, upper case, traditional forms, astral characters and lone surrogates."""
    repo = [t for texts in _module().text_sets().values() for t in texts]
    rng = random.Random(5)  # SYNTHETIC characters, fixed seed
    edges = [0x40, 0x41, 0x5A, 0x5B, 0x60, 0x61, 0x7A, 0x7B, 0xC1, 0x141, 0x4DFF, 0x4E00, 0x9FFF]
    edges += [0xA000, 0xD800, 0x1F600, 0x10FFFF, *rng.sample(sorted(numbers._TRAD_SIMP), 50)]
    made = ["".join(chr(rng.choice(edges)) for _ in range(n)) for n in (1, 40, 3000)]
    cjk_re, latin_re = re.compile(r"[\u4e00-\u9fff]"), re.compile(r"[A-Za-z]")
    for t in [*repo, *made, ""]:
        expected = (len(cjk_re.findall(t)), len(latin_re.findall(t)), numbers.has_traditional(t))
        assert numbers.script_counts(t) == expected


def test_number_re_gate_keeps_every_match(texts: list[str]) -> None:
    """``NUMBER_RE``'s look-ahead (a letter only after a non-letter) leaves its matches and
    groups those of ``NUMBER_BODY`` alone, on every repository text and on SYNTHETIC strings
    of number words glued into words and after digits."""
    rng = random.Random(21)  # SYNTHETIC strings, fixed seed
    words = ["one", "two", "ten", "a", "half", "third", "seventy", "thousand", "often", "anyone"]
    words += ["hundred", "twenty-one", "a half", "half a", "3", "1,200", "五", "十二", "半年", "e"]
    words += [" ", " ", "-", "s", "th", "day", "week", "within a", "百分之", "首位捐献", "x"]
    made = ["".join(rng.choice(words) for _ in range(40)) for _ in range(600)]
    body = re.compile(pat.NUMBER_BODY)
    for t in [*texts, *made]:
        got = [(m.span(), m.groupdict()) for m in pat.NUMBER_RE.finditer(t)]
        assert got == [(m.span(), m.groupdict()) for m in body.finditer(t)]


def test_literal_first_boundaries_equal_their_class_forms(texts: list[str]) -> None:
    """Sentence and clause ends and wrapped line breaks are written so that every alternative
    begins with a literal (the engine then skips between candidates at C speed): the same
    matches as the forms with a character class or a leading look-behind, on every
    repository text (normalized, and as given for line breaks) and on SYNTHETIC strings."""
    dot, foot = pat._EN_ABBREV_DOT, pat._EN_FOOTNOTE_DOT
    forms = {
        pat.SENTENCE_END_RE: rf"[。!?\n]|;(?![^()]{{0,40}}\))|{dot}(?=\s|$)|{foot}",
        pat.CLAUSE_END_RE: rf"[。!?;\n()]|{dot}(?=\s|$)|{foot}|,(?!\d{{3}}(?!\d))",
        numbers._WRAPPED_LINE_RE: r"(?<=[a-z,])\n+(?=[a-z])",
        pat.PINYIN_GLOSS_RE: pat.PINYIN_GLOSS_RE.pattern.replace(
            r"\((?<=[\u4e00-\u9fff]\()", r"(?<=[\u4e00-\u9fff])\(", 1
        ),
    }
    rng = random.Random(33)  # SYNTHETIC strings, fixed seed
    pieces = ["a", "Z", ",", ".", "\n", "\n\n", ";", "(", ")", "。", "!", "?", " ", "1", "dr."]
    pieces += ["no.", "u.s.", "fig.2", "12", "1,200", "word", "It", "x\n", "\ny", "醫", "(yī)"]
    pieces += ["(kt)", "(xiàn)", "((", "院("]
    made = ["".join(rng.choice(pieces) for _ in range(50)) for _ in range(800)]
    raw = [t for texts_ in _module().text_sets().values() for t in texts_]
    for fast, written in forms.items():
        assert written != fast.pattern
        slow = re.compile(written)
        for t in [*texts, *raw, *made]:
            assert [m.span() for m in fast.finditer(t)] == [m.span() for m in slow.finditer(t)]


def _contexts(texts: list[str], monkeypatch: pytest.MonkeyPatch) -> list[tuple[Any, Any]]:
    """(page, context) of every context ``core._context`` builds while the rules read
    ``texts``."""
    built: list[tuple[Any, Any]] = []
    context = core._context

    def recording(pg: object, f: object) -> object:
        ctx = context(pg, f)
        built.append((pg, ctx))
        return ctx

    with monkeypatch.context() as m:
        m.setattr(core, "_context", recording)
        for t in texts:
            core.extract_candidates(t)
    return built


def _assert_field_relations(c) -> None:  # noqa: ANN001 - a context._Ctx
    """The relations of a context's fields: the clause is its left and right, the sentence
    starts with its left part and ends with its right part, the tail is the right part to its
    first comma, the prefix and the text before the document's figure meet at the number, a
    question is the text just before the sentence; and each field has its type."""
    from transplant_audit.extract.context import _Bounds

    assert c.clause == c.left_clause + " " + c.right
    assert c.sentence_left.endswith(c.left_clause)
    assert c.sentence == c.doc[c.sentence_start : c.sentence_start + len(c.sentence)]
    assert c.sentence.startswith(c.sentence_left)
    assert c.sentence.endswith(c.sentence_right)
    assert c.sentence_right.startswith(c.right)
    assert c.tail == c.sentence_right.split(",", 1)[0]
    at = c.sentence_start + len(c.sentence_left)  # where the figure starts, prefix and all
    assert (c.doc[:at] + c.prefix).endswith(c.before_doc)
    q_at = c.doc.find(c.question, max(0, c.sentence_start - len(c.question) - 4))
    assert 0 <= q_at < c.sentence_start or not c.question
    assert isinstance(c.sentence_bounds, _Bounds)
    assert type(c.list_at) is int and type(c.sentence_start) is int
    assert {type(c.traditional), type(c.chinese), type(c.doc_transplant)} == {bool}
    assert all(type(x) is str for x in (c.mods, c.question, c.table_head, c.prefix))


def test_context_passes_ctx_fields_in_their_order(
    texts: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """``core._context`` builds ``_Ctx`` by position (keywords cost a class call more than
    twice as much): each context it builds on the test texts holds its fields' relations
    (:func:`_assert_field_relations`), so two fields passed in each other's place fail here."""
    built = _contexts(texts[:400], monkeypatch)
    assert len(built) > 200
    for _, c in built:
        _assert_field_relations(c)


@pytest.mark.parametrize(
    ("text", "traditional", "chinese"),
    [
        (
            "Report. In 2015, the centre, it said, performed 300 liver transplants, up a tenth.",
            0,
            0,
        ),
        ("报告。去年,该院共完成肝移植300例,较前年增加。", 0, 1),
        ("報告。去年,該院共完成肝移植300例,較前年增加。", 1, 1),
    ],
    ids=["en", "zh-Hans", "zh-Hant"],
)
def test_context_fields_hold_what_their_names_say(
    text: str, traditional: int, chinese: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The flags and the document the positional call in ``core._context`` passes, per
    language (and the fields' relations, as on the test texts above): the script flags are
    the language's, the document and bounds the page's own objects."""
    seen = _contexts([text], monkeypatch)
    assert seen
    for pg, c in seen:
        assert c.doc is pg.norm and c.sentence_bounds is pg.sentences
        assert c.traditional is bool(traditional) and c.chinese is bool(chinese)
        _assert_field_relations(c)
        assert c.question == ""
