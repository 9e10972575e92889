"""Mixed numbers (Arabic digits among Chinese units) read whole or refused, never by half.

8百20 read 800 and 8千2000 read 8000 (the tail dropped, the old digit-by-digit reading),
3万8千2000 raised, 一万五 read 10005 (spoken: 15000), 八千二〇〇 read 8000 and one 亿 after
another (一亿亿亿...) raised RecursionError out of the extractor. The parser is fuzzed here
against a small reference reader written apart from it (below 万 a grammar over token
classes, not a loop over characters; above it the text split once on 亿, each side once on
万, and the parts summed, not the parser's recursive partition): random mixes of digits,
〇一二...十百千万亿, 两, 零 and commas.
Synthetic inputs only."""

from __future__ import annotations

import math
import random
import re
from collections.abc import Callable
from dataclasses import replace

import pytest

from transplant_audit.extract import learned
from transplant_audit.extract.core import extract_candidates
from transplant_audit.extract.numbers import parse_number

# --- the reference reader ------------------------------------------------------------------

_ZH = dict(zip("〇○零一二两三四五六七八九", (0, 0, 0, 1, 2, 2, 3, 4, 5, 6, 7, 8, 9), strict=True))
_POWER = {"十": 1, "百": 2, "千": 3}
_MULTS = {"": 1, "万": 10**4, "亿": 10**8, "万万": 10**8, "万亿": 10**12}
_MULTS.update({u + b: 10**p * _MULTS[b] for u, p in _POWER.items() for b in ("", "万", "亿")})
_WHOLE = r"\d{1,3}(?:,\d{3})+|\d+"
_SECTION = re.compile(r"(?!Z)(?:(DQ))?(?:(Z?)(DB))?(?:(Z?)(DS)|(S))?(?:(Z?)([DA]))?")
"""A section below 万 over token classes: D a digit 1-9, Z a zero, A Arabic digits (two
characters or more), Q/B/S 千/百/十; places fall from 千 to 十, a zero only after a unit and
before a digit (十 with no digit: 十五, 一百十)."""


def _tokens(s: str) -> list[tuple[str, str]]:
    """(class, text) of each token: runs of Arabic digits and commas are one token."""
    out = []
    for m in re.finditer(r"[\d,]+|.", s):
        t = m.group()
        if t in _ZH or (len(t) == 1 and t.isdigit()):
            out.append(("Z" if (_ZH.get(t, 0) if t in _ZH else int(t)) == 0 else "D", t))
        elif t[0] in "0123456789,":
            out.append(("A", t))
        elif t in _POWER:
            out.append(({"千": "Q", "百": "B", "十": "S"}[t], t))
        else:
            out.append(("?", t))
    return out


def _digit(t: str) -> int:
    return _ZH[t] if t in _ZH else int(t)


def _ref_section(s: str) -> int | None:
    """A numeral below 万, or None."""
    if re.fullmatch(_WHOLE, s):
        return int(s.replace(",", ""))
    if s and all(ch in _ZH for ch in s):  # digit by digit; two without a zero are vague
        vague = len(s) == 2 and not any(_ZH[ch] == 0 and ch in "〇○零" for ch in s)
        return None if vague else int("".join(str(_ZH[ch]) for ch in s))
    toks = _tokens(s)
    classes = "".join(c for c, _ in toks)
    m = _SECTION.fullmatch(classes)
    if not s or not m or (classes.endswith("A") and len(classes) == 1):
        return None
    value, i, place = 0, 0, None  # place: the power of the last unit, for the tail
    for group in m.groups():
        if not group:
            continue
        if group == "Z":
            i += 1
            continue
        if group in ("D", "A"):  # the tail
            text = toks[i][1]
            if group == "A":
                if place is None or not re.fullmatch(_WHOLE, text):
                    return None
                tail = int(text.replace(",", ""))
                return value + tail if tail < 10**place else None
            gap = i > 0 and toks[i - 1][0] == "Z"
            shift = place - 1 if place and place > 1 and not gap else 0
            return value + _digit(text) * 10**shift
        digit = _digit(toks[i][1]) if group[0] == "D" else 1
        i += len(group)
        place = _POWER[toks[i - 1][1]]
        value += digit * 10**place
    return value


_ZEROS = "〇○零"


def _ref_part(s: str, unit: int, read: Callable[[str], int | None]) -> int | None:
    """The part after 万 or 亿 (``unit``), read by ``read``: nothing is 0; one digit alone
    stands a place below the unit (一万五 = 15000); after one zero (a gap) it is below a
    tenth of the unit (一万零五 = 10005), else below the unit."""
    if not s:
        return 0
    if len(s) == 1 and (s in _ZH or s.isdigit()) and _digit(s):
        return _digit(s) * unit // 10
    gap = s[0] in _ZEROS
    if gap and (len(s) == 1 or s[1] in _ZEROS):
        return None
    value = read(s[1:] if gap else s)
    bound = unit // 10 if gap else unit
    return value if value is not None and value < bound else None


def _ref_split(s: str, mark: str, unit: int, read: Callable[[str], int | None]) -> int | None:
    """A numeral with at most one ``mark`` (万 = 10**4, 亿 = 10**8), or None: the part before
    it times ``unit`` (a bare mark is one unit) plus the part after, each read by ``read``;
    with no mark, ``read`` alone."""
    pieces = s.split(mark)
    if len(pieces) == 1:
        return read(s)
    if len(pieces) > 2 or (not pieces[0] and pieces[1]):
        return None
    high = read(pieces[0]) if pieces[0] else 1
    low = _ref_part(pieces[1], unit, read)
    return None if high is None or low is None else high * unit + low


def _ref_below_yi(s: str) -> int | None:
    """A numeral with at most one 万 and each side a section."""
    return _ref_split(s, "万", 10**4, _ref_section)


def _ref_big(s: str) -> int | None:
    """A numeral with 万 and 亿: split once on 亿, each side read with at most one 万 of its
    own (一万亿 = 10**12)."""
    return _ref_split(s, "亿", 10**8, _ref_below_yi)


def ref_read(s: str) -> int | None:
    """The reference reading of ``s`` (digits, 〇一二...十百千万亿, 两, 零, commas), or None."""
    m = re.fullmatch(r"([\d,]+)([十百千万亿]*)", s)
    if m:  # Arabic digits, perhaps with multipliers: 2万, 3千万
        ok = re.fullmatch(_WHOLE, m[1]) and m[2] in _MULTS
        return int(m[1].replace(",", "")) * _MULTS[m[2]] if ok else None
    return _ref_big(s)


# --- named cases -----------------------------------------------------------------------------

READS = [
    ("8百20", 820),
    ("8百2", 820),
    ("8千200", 8200),
    ("8千2", 8200),
    ("8千零20", 8020),
    ("3万8千200", 38200),
    ("3万8,390", 38390),
    ("1万25", 10025),
    ("1万5", 15000),
    ("12万3千", 123000),
    ("一百五", 150),
    ("一千零五", 1005),
    ("一万五", 15000),
    ("一万零五百", 10500),
    ("一亿五", 150_000_000),
    ("两百五", 250),
    ("二〇一五", 2015),
    ("一百十", 110),
]
REFUSED = ["8千2000", "3万8千2000", "1万20000", "8百200", "八千二〇〇", "一百零十", "一百零"]
REFUSED += ["2百百", "二十三十", "一万零五千", "两三", "一" + "亿" * 3000]


@pytest.mark.parametrize(("token", "value"), READS)
def test_the_parser_reads_mixed_numbers(token: str, value: int) -> None:
    assert parse_number(token) == value
    assert ref_read(token) == value  # the reference reader agrees on the named cases


@pytest.mark.parametrize("token", REFUSED, ids=[t[:12] for t in REFUSED])
def test_the_parser_refuses_malformed_numbers(token: str) -> None:
    with pytest.raises(ValueError):
        parse_number(token)
    assert ref_read(token) is None


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("全年完成肾移植8百20例。", 820.0),  # was 20: the pattern split 8百 from 20例
        ("全年完成肾移植3万8千200例。", 38200.0),
        ("目前等待肾移植的患者有1万5人。", 15000.0),
        ("肾移植费用为15万79元。", 150079.0),  # was 150000: 万's tail took no 元 (num15)
    ],
)
def test_the_extractor_reads_the_whole_mixed_number(text: str, value: float) -> None:
    assert [c.value for c in extract_candidates(text)] == [value]


@pytest.mark.parametrize(
    ("number", "whole"),
    [
        ("8千2000", None),  # was the tail 2000 alone (8千 then 2000例); malformed: no figure
        ("3万8千2000", None),
        # the tokens split where Arabic and Chinese digits meet: the tail was read alone
        ("1千零5", 1005.0),  # was 5; read whole since rv15a
        ("1万零500", 10500.0),  # was 500; read whole since rv15a
        ("一千2百", None),  # was 200
        ("2千五百", None),  # was 500 (2千 then 五百例)
        ("1百五十", None),  # was 50
        ("3千五", None),  # was 5
    ],
)
@pytest.mark.parametrize("method", ["rules", "combined", "learned"])
def test_a_mixed_number_cut_by_the_tokens_is_read_whole_or_not_at_all(
    number: str, whole: float | None, method: str
) -> None:
    # never the tail alone: the whole number (where rv15a's readers take it whole) or no
    # figure (rv15c's cut); the other count of the sentence is still read, so an extractor
    # that read nothing would fail; the span stage (combined, learned) once added 500, 200
    # and 500 after the rules did not
    text = f"累计完成肾移植{number}例,肝移植36例。"
    expected = [36.0] if whole is None else [whole, 36.0]
    assert [c.value for c in learned.extract(text, method=method)] == expected


@pytest.mark.parametrize(
    ("number", "head"),
    [
        # the head of a number the tokens cut was read where its tail was refused (num15)
        ("15万79", 150000.0),  # no counter after 79, so 万 took no tail
        ("15万零79", 150000.0),
        ("2千五百", 2000.0),
        ("一千2百", 1000.0),
        ("1千零5", 1000.0),
        ("3万8千2000", 38000.0),
    ],
)
@pytest.mark.parametrize("method", ["rules", "combined", "learned"])
def test_a_mixed_number_cut_by_the_tokens_gives_no_figure_not_its_head(
    number: str, head: float, method: str
) -> None:
    # a price read by the rules (150000 for 15万79), a count of visits by the span stage
    # alone (2000 for 2千五百人次); the other count is still read, so a reader of nothing fails
    # (a hospital's count, 该院完成...: the span model retrained with heldout13's tune half no
    # longer reads the bare 肝移植36例 after a count of visits, and the span veto of the
    # retrain after syn19 drops "另有肝移植36例" after a price, and the veto at keep 0.7 or more
    # (keepj27) "该院完成肝移植36例" after it: learned calls on sentences written for this
    # test, not the mixed number's reading, so combined is also held without its veto)
    no_veto = replace(learned.load_model(), keep_threshold=0.0)
    for text in (
        f"肾移植费用为{number},该院完成肝移植36例。",
        f"等待肾移植的患者有{number}人次,该院完成肝移植36例。",
    ):
        values = [c.value for c in learned.extract(text, method=method)]
        assert head not in values, (text, values)
        if method == "combined":  # every candidate the veto may drop: the head never
            unvetoed = [c.value for c in learned.extract(text, method=method, model=no_veto)]
            assert head not in unvetoed and 36.0 in unvetoed, (text, unvetoed)
            assert set(values) <= set(unvetoed), (text, values, unvetoed)  # a veto only drops
        # the span stage alone reads no price here (learned), and the veto's call after a
        # price is the model's (combined): the 36 is held where neither applies
        if method == "rules" or "人次" in text:
            assert 36.0 in values, (text, values)


def test_a_lone_digit_after_a_multiplier_does_not_cut_the_number() -> None:
    # 30万一年 'three hundred thousand a year': 一 starts the next words, not the number's tail
    text = "肾移植费用为30万一年,肝移植36例。"
    assert sorted(c.value for c in extract_candidates(text)) == [36.0, 300000.0]


# --- the fuzz ----------------------------------------------------------------------------------

_PIECES = list("0123456789〇零一二两三四五六七八九十百千万亿,○") + ["200", "20", "2,000", "05"]
_WEIGHTS = [2] * 10 + [2, 3] + [2] * 10 + [4, 4, 4, 3, 2, 1, 1] + [1, 1, 1, 1]


def _samples(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choices(_PIECES, _WEIGHTS, k=rng.randint(1, 7))) for _ in range(n)]


def _parse_or_none(token: str) -> float | None:
    try:
        return parse_number(token)
    except ValueError:
        return None


def test_the_parser_agrees_with_the_reference_reader_on_random_mixes() -> None:
    samples = _samples(30_000, seed=14)
    read = 0
    for token in samples:
        want = ref_read(token)
        got = _parse_or_none(token)  # any exception but ValueError fails the test
        assert got == (None if want is None else float(want)), (token, got, want)
        read += got is not None
    assert read > 3000, read  # a fair share of the mixes are numbers, both ways


_NUMERAL_CHARS = frozenset("0123456789〇○零一二两三四五六七八九十百千万亿")


def test_the_extractor_reads_no_tail_of_random_mixes() -> None:
    # no figure starts straight after a numeral character: a token cut out of the middle of
    # a longer number (亿8 read 8, 一千2百 read 200) is no reading of it
    read = 0
    for token in _samples(1500, seed=15):
        for text in (f"累计完成肾移植{token}例。", f"费用为{token}元。", f"共{token}人等待"):
            for c in extract_candidates(text):
                assert math.isfinite(c.value), (text, c)
                assert text[c.start - 1] not in _NUMERAL_CHARS, (text, c)
                # nor does one end where the number runs on: Arabic digits after a Chinese
                # numeral, a zero after a unit (15万79 read 150000, 15万零79 read 150000)
                after, last = text[c.end : c.end + 1], text[c.end - 1]
                assert not (after.isascii() and after.isdigit() and not last.isascii()), (
                    text,
                    c,
                )
                assert not (last in "十百千万亿" and after in "〇○零"), (text, c)
                read += 1
    assert read > 500, read  # many mixes are still read (868 with the seeds here)


def test_one_yi_after_another_is_no_crash() -> None:
    # raised RecursionError out of extract_candidates (the numeral split at each 亿 in turn)
    assert extract_candidates("共" + "一亿" * 3000 + "例。") == []
