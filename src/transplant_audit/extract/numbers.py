"""Numbers as Chinese and English documents write them: 1,200, １２００, 五百, 一千二百, 2万, 1.5亿,
两千多, 百分之九十, two thousand.

Everything here works on single characters or on a whole token and keeps text length:
``normalize`` maps every character to exactly one character, so a span found in the
normalized text is the same span in the original. That is what lets a reviewer see the
figure where it stands.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path

import numpy as np

# --- width-preserving normalization -------------------------------------------------------

_FULLWIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_FULLWIDTH.update({0x3000: 0x20, 0xFFE5: ord("¥"), 0xFFE0: ord("¢")})

# Traditional -> simplified for the characters the extractor's word lists use. One
# character to one character (so spans are kept). Not a general converter: only what
# the patterns in patterns.py need to read traditional-script pages.
_TRAD_SIMP_PAIRS = (
    "醫医腎肾臟脏餘余張张萬万億亿術术臺台項项與与為为時时間间週周個个從从來来這这們们"
    "國国內内數数總总計计積积達达齊齐療疗診诊護护師师員员費费價价錢钱額额資资設设備备"
    "專专單单級级產产務务實实驗验際际於于後后幾几約约將将過过當当滿满長长屆届歲岁號号"
    "電电話话傳传郵邮編编頁页圖图區区樓楼層层場场動动開开辦办證证準准審审許许腸肠膽胆"
    "臨临兩两貳贰參叁陸陆轉转續续紀纪錄录歷历灣湾學学讓让較较據据報报導导稱称現现進进"
    "檢检測测評评獲获頂顶創创協协會会聯联體体統统標标訂订購购買买賣卖貨货幣币鏡镜雙双"
    "側侧團团隊队組组職职規规擴扩佔占處处應应對对聽听說说見见並并無无僅仅亞亚術术殘残"
    "獻献捐捐贈赠髒脏嚴严週周晝昼腦脑衛卫負负責责門门診诊患患廣广東东魯鲁蘇苏浙浙"
    "華华齊齐濟济漢汉瀋沈陽阳鄭郑寧宁龍龙黃黄戰战軍军區区屬属附附條条劃划樣样幫帮"
    "歡欢節节約约搶抢傷伤癥症療疗壽寿環环術术輸输贏赢運运靜静脈脉並并氣气溫温熱热"
    "極极優优勢势顯显級级類类種种約约飛飞機机銷销售售補补貼贴價价預预計计繳缴納纳"
    "該该監监經经營营業业興兴發发頭头盡尽邊边還还樂乐問问題题簡简構构觀观聞闻訊讯絡络網网"
    "質质調调記记訪访談谈裡里裏里狀状態态繼继紹绍細细結结圍围籌筹礎础劑剂藥药術术傷伤"
    "換换親亲則则復复別别領领織织雲云屍尸紐纽議议婦妇卻却縮缩遠远雜杂難难榮荣執执況况"
    "遊游獎奖兒儿顧顾趨趋遞递懷怀嬰婴驟骤簽签願愿註注勸劝癒愈輪轮視视廳厅麼么嗎吗讀读"
    "鐘钟鍾钟齡龄舉举線线貴贵賺赚擔担險险給给點点撥拨壓压維维絕绝斷断顆颗"
    "禮礼"
)
_TRAD_SIMP = {
    ord(_TRAD_SIMP_PAIRS[i]): ord(_TRAD_SIMP_PAIRS[i + 1])
    for i in range(0, len(_TRAD_SIMP_PAIRS) - 1, 2)
    if _TRAD_SIMP_PAIRS[i] != _TRAD_SIMP_PAIRS[i + 1]
}
_ASCII_LOWER = {cp: cp + 32 for cp in range(ord("A"), ord("Z") + 1)}


def _opencc_file(name: str) -> Path:
    """A data file of opencc-purepy, found without importing the package (its converter,
    which this module never uses, took about 15 ms to import)."""
    spec = find_spec("opencc_purepy")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("opencc-purepy is not installed (pip install 'opencc-purepy>=1.5,<2')")
    return Path(next(iter(spec.submodule_search_locations))) / "dicts" / name


def _opencc_characters() -> dict[int, int]:
    """Every traditional character OpenCC's character table (TSCharacters.txt, shipped with
    opencc-purepy) maps to one simplified character, so patterns written in simplified
    script read any traditional page, not only the characters listed above (愛, 膿, 鎮...).
    A character that is itself written in simplified text (in GB2312: 著名, 乾隆) is left
    as it is, as is one OpenCC maps to itself among others."""
    table = _opencc_file("TSCharacters.txt").read_text(encoding="utf-8")
    out: dict[int, int] = {}
    for line in table.splitlines():
        trad, _, simp = line.partition("\t")
        targets = simp.split()
        if len(trad) != 1 or not targets or len(targets[0]) != 1 or trad in targets:
            continue
        try:
            trad.encode("gb2312")
            continue  # also a simplified character
        except UnicodeEncodeError:
            out[ord(trad)] = ord(targets[0])
    return out


_TABLE: dict[int, int] = {}
_TABLE.update(_FULLWIDTH)
# full-width capitals become ASCII capitals first, then lower-case
for _k, _v in list(_TABLE.items()):
    if ord("A") <= _v <= ord("Z"):
        _TABLE[_k] = _v + 32
_TABLE.update(_opencc_characters())
_TABLE.update(_TRAD_SIMP)  # the list above wins where the two differ (參 → 叁)
_TABLE.update(_ASCII_LOWER)
_TABLE.update(
    {
        ord("\u00a0"): 0x20,
        ord("\u2009"): 0x20,
        ord("\u202f"): 0x20,
        ord("\u2002"): 0x20,
        ord("\u2003"): 0x20,
        ord("\u223c"): ord("~"),  # ∼ (tilde operator) in ranges: 6∼7例
        ord("\u2013"): ord("-"),
        ord("\u2014"): ord("-"),
        ord("\u2012"): ord("-"),
        ord("\u2212"): ord("-"),
        ord("\u2019"): ord("'"),
    }
)


def normalize(text: str) -> str:
    """Same-length normalization: full-width → ASCII, traditional → simplified (the
    characters our patterns use), ASCII lower case, odd spaces and dashes → plain ones.

    ``len(normalize(t)) == len(t)`` always, so spans carry over to the original text.
    A page with non-ASCII characters is mapped through ``_CODE_TABLE`` with numpy (the same
    characters as ``str.translate``; 8-29 times faster on 1-2k-character pages of the test
    corpora); a short or ASCII-only text is translated (CPython's ASCII path is 2-3 times
    faster than the array there).
    """
    if len(text) < _ARRAY_MIN_CHARS or text.isascii():
        return text.translate(_TABLE)
    cp = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    top = len(_CODE_TABLE) - 1
    out = _CODE_TABLE[np.minimum(cp, top)]
    beyond = cp > top
    if beyond.any():  # no character past the table's last one is mapped: keep it
        out[beyond] = cp[beyond]
    return out.tobytes().decode("utf-32-le", "surrogatepass")


def _code_table(table: dict[int, int]) -> np.ndarray:
    """``table`` as an array indexed by code point (identity where it maps nothing), up to
    its largest key."""
    out = np.arange(max(table) + 1, dtype=np.uint32)
    out[np.fromiter(table.keys(), dtype=np.int64)] = np.fromiter(table.values(), dtype=np.uint32)
    return out


_CODE_TABLE = _code_table(_TABLE)
_ARRAY_MIN_CHARS = 256
"""Below this many characters ``str.translate`` is as fast as the array's fixed cost."""


_WRAPPED_LINE_RE = re.compile(r"\n(?<=[a-z,]\n)\n*(?=[a-z])")
"""Line breaks inside a sentence (text copied from a PDF or a page with hard-wrapped lines:
'... were\nlisted on waiting lists'): a lower-case letter or comma before, a lower-case
letter after, read in the original case (lower case alone cannot tell 'for\nThe' apart).
Written as (?<=[a-z,])\n+(?=[a-z]) with the first line break before the look-behind, so the
engine skips from line break to line break (the same matches: tests/extract/test_fast_paths.py)."""


def unwrap_lines(text: str, norm: str) -> str:
    """``norm`` (``normalize(text)``) with each line break that wraps a sentence of ``text``
    turned into a space, so it ends no clause or sentence; same length, so spans still carry
    over. Used by the rules' reading of a document only (the learned step's features keep
    :func:`normalize`)."""
    if "\n" not in text:
        return norm
    cuts = [m.span() for m in _WRAPPED_LINE_RE.finditer(text)]
    if not cuts:
        return norm
    parts, last = [], 0
    for s, e in cuts:
        parts.append(norm[last:s])
        parts.append(" " * (e - s))
        last = e
    parts.append(norm[last:])
    return "".join(parts)


_TRAD_RE = re.compile("[" + "".join(re.escape(chr(cp)) for cp in _TRAD_SIMP) + "]")


def has_traditional(text: str) -> int:
    """How many characters of ``text`` are traditional-only forms we know."""
    return len(_TRAD_RE.findall(text))


_TRAD_FLAGS = np.zeros(max(_TRAD_SIMP) + 1, dtype=bool)
_TRAD_FLAGS[np.fromiter(_TRAD_SIMP, dtype=np.int64)] = True


def script_counts(text: str) -> tuple[int, int, int]:
    """(CJK ideographs U+4E00-U+9FFF, ASCII letters, ``has_traditional``) of ``text``,
    counted in one pass over its code points (what a language guess weighs)."""
    cp = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    cjk = np.count_nonzero((cp >= 0x4E00) & (cp <= 0x9FFF))
    folded = cp | 0x20  # A-Z onto a-z; no other code point lands in a-z
    latin = np.count_nonzero((folded >= 0x61) & (folded <= 0x7A))
    trad = np.count_nonzero(
        _TRAD_FLAGS[np.minimum(cp, len(_TRAD_FLAGS) - 1)] & (cp < len(_TRAD_FLAGS))
    )
    return int(cjk), int(latin), int(trad)


# --- Chinese numerals -----------------------------------------------------------------------

ZH_DIGITS: dict[str, int] = {
    "零": 0,
    "〇": 0,
    "○": 0,
    "一": 1,
    "壹": 1,
    "二": 2,
    "贰": 2,
    "两": 2,
    "三": 3,
    "叁": 3,
    "四": 4,
    "肆": 4,
    "五": 5,
    "伍": 5,
    "六": 6,
    "陆": 6,
    "七": 7,
    "柒": 7,
    "八": 8,
    "捌": 8,
    "九": 9,
    "玖": 9,
}
ZH_SMALL_UNITS: dict[str, int] = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
ZH_BIG_UNITS: dict[str, int] = {"万": 10_000, "亿": 100_000_000}

ZH_DIGIT_CHARS = "".join(ZH_DIGITS)
ZH_NUMERAL_CHARS = ZH_DIGIT_CHARS + "".join(ZH_SMALL_UNITS) + "".join(ZH_BIG_UNITS)


_ZERO_CHARS = "零〇○"
_ARABIC_INT_RE = re.compile(r"\d{1,3}(?:,\d{3})+|\d+")
"""Arabic digits of a whole number, perhaps grouped by commas: 25, 8,390."""


def _digit(ch: str) -> int | None:
    """The value of one digit, Chinese (五, 两, 零) or Arabic (5), or None."""
    if ch in ZH_DIGITS:
        return ZH_DIGITS[ch]
    return int(ch) if ch.isascii() and ch.isdigit() else None


def _positional(s: str) -> int:
    """Chinese digits written one by one: 二〇一五 = 2015. Two digits without a zero (两三,
    三四) are "two or three", an approximation, not 23 or 34 (Taiwanese news writes longer
    numbers digit by digit: 三四五 = 345, 七六二二 = 7622)."""
    if len(s) == 2 and not any(ch in _ZERO_CHARS for ch in s):
        raise ValueError(f"vague Chinese numeral {s!r} (two or more numbers)")
    out = 0
    for ch in s:
        out = out * 10 + ZH_DIGITS[ch]
    return out


def _arabic_tail(s: str, unit: int | None) -> int:
    """Arabic digits ending a section after ``unit``: the low places (8千200 = 8200, 8百20 =
    820); a tail as large as its unit is no reading of the number (8千2000)."""
    if unit is None or not _ARABIC_INT_RE.fullmatch(s):
        raise ValueError(f"malformed number {s!r}")
    tail = int(s.replace(",", ""))
    if tail >= unit:
        raise ValueError(f"tail {s!r} as large as its unit {unit}")
    return tail


def _parse_zh_section(s: str) -> int:
    """A numeral below 万, in Chinese digits, Arabic digits or both: 三千二百零五, 十五, 五百,
    8千2百, 3千9百50. A last digit straight after 百 or 千 (no 零 between) stands one place
    below it, as spoken: 一百五 = 150, 三千二 = 3200, 8千2 = 8200 (一千零五 = 1005)."""
    if _ARABIC_INT_RE.fullmatch(s):
        return int(s.replace(",", ""))
    if all(ch in ZH_DIGITS for ch in s):
        return _positional(s)
    total = 0
    digit: int | None = None
    last_unit: int | None = None
    zero_after_unit = False  # 一千零五: the last digit is read as written
    for i, ch in enumerate(s):
        if ch.isascii() and s[i + 1 : i + 2].isascii() and i + 1 < len(s):
            if digit:  # 1百九12: a digit with no unit before the tail
                raise ValueError(f"two digits in a row in numeral {s!r}")
            return total + _arabic_tail(s[i:], last_unit)  # 8千200: Arabic digits to the end
        d = _digit(ch)
        if d is not None:
            if digit is not None and (digit != 0 or d == 0):  # 二〇 after 八千, 零零
                raise ValueError(f"two digits in a row in numeral {s!r}")
            if d == 0 and last_unit is None:  # a zero is a gap after a unit (一千零五)
                raise ValueError(f"zero before any unit in numeral {s!r}")
            digit = d
            zero_after_unit = zero_after_unit or d == 0
        elif ch in ZH_SMALL_UNITS:
            unit = ZH_SMALL_UNITS[ch]
            if last_unit is not None and unit >= last_unit:
                raise ValueError(f"units out of order in numeral {s!r}")
            total += _unit_digit(s, digit, unit, total) * unit
            digit, last_unit, zero_after_unit = None, unit, False
        else:
            raise ValueError(f"not a numeral character: {ch!r}")
    if digit == 0:
        raise ValueError(f"a zero ends numeral {s!r}")  # 一百零: the gap before nothing
    if digit:
        below = last_unit // 10 if last_unit and last_unit > 10 and not zero_after_unit else 1
        total += digit * below
    return total


def _unit_digit(s: str, digit: int | None, unit: int, total: int) -> int:
    """The digit a unit multiplies: the one before it, or 1 for a 十 with none (十五 = 15,
    一百十 = 110, spoken); a 百 or 千 with none, or a zero, is no number."""
    if digit == 0:
        raise ValueError(f"zero before a unit in numeral {s!r}")  # 一百零十 is no 100
    if digit is not None:
        return digit
    if unit == 10:
        return 1
    raise ValueError(f"unit without digit in numeral {s!r}")


def _below(s: str, unit: int) -> int:
    """What follows 万 or 亿: a number below ``unit`` (3万8,390 = 38390), below a tenth of it
    after 零 (一万零五 = 10005), or one digit alone one place below it, as spoken (一万五 =
    15000, 1万5 = 15000, 一亿五 = 150,000,000)."""
    if not s:
        return 0
    d = _digit(s) if len(s) == 1 else None
    if d:
        return d * unit // 10
    gap = s[0] in _ZERO_CHARS
    if gap and (len(s) == 1 or s[1] in _ZERO_CHARS):
        raise ValueError(f"malformed zero in {s!r}")
    value = _read_numeral(s[1:] if gap else s)
    if value >= (unit // 10 if gap else unit):
        raise ValueError(f"{s!r} after a unit of {unit} is too large for its place")
    return value


def _read_numeral(s: str) -> int:
    """A numeral with at most one 亿 and one 万 on either side of it (一万亿 = 10**12); a bare
    万 or 亿 is its unit."""
    for ch in "亿万":
        if ch in s:
            left, _, right = s.partition(ch)
            if (not left and right) or ch in right:
                raise ValueError(f"malformed numeral {s!r}")  # 万五, 三万0万, 一亿二亿
            unit = ZH_BIG_UNITS[ch]
            return (_read_numeral(left) if left else 1) * unit + _below(right, unit)
    return _parse_zh_section(s)


def parse_chinese_numeral(s: str) -> int:
    """Value of a Chinese numeral: 五百 → 500, 一千二百 → 1200, 两万三千 → 23000, 一亿 → 10**8.

    Handles 零 gaps (一千零五 → 1005), 十 without a leading digit (十五 → 15),
    financial forms (壹贰叁), positional digits (二〇一五 → 2015), a last digit one place
    below the unit before it (一万五 → 15000, 两百五 → 250) and Arabic digits among the
    characters (3万8千200 → 38200, 8百20 → 820).
    Raises ``ValueError`` for anything else, a tail as large as its unit too (8千2000).
    """
    s = s.strip()
    if not s:
        raise ValueError("empty numeral")
    return _read_numeral(s)


# --- Arabic and mixed -----------------------------------------------------------------------

_ARABIC_RE = re.compile(r"^(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?$")


def parse_number(token: str) -> float:
    """Value of a number token in any of the forms documents use.

    ``1,200`` → 1200; ``１２００`` → 1200; ``2万`` → 20000; ``1.5亿`` → 1.5e8;
    ``3千万`` → 3e7; ``五百`` → 500; ``两千`` → 2000; ``百分之九十`` → 90 (the caller
    knows it is a percentage). Raises ``ValueError`` when the token is not a number, or
    is too large for a float (a run of hundreds of digits is no figure).
    """
    if token.isascii() and token.isdecimal():
        value = float(token)  # plain digits, the common case: what the general path gives
    else:
        try:
            value = _parse_number(token)
        except OverflowError:  # 九 * 400: an int too large to convert to float
            raise ValueError(f"number too large: {token[:20]!r}...") from None
    if value == math.inf:
        raise ValueError(f"number too large: {token[:20]!r}...")
    return value


_MULT_RE = re.compile(r"[十百千]?[万亿]?|万[万亿]")
"""The multipliers after a number: 2万, 3千万, 1.5亿, 2万亿; 万万 (an old 亿). Not 2百百, 2万千."""

_PARSE_CACHE_SIZE = 4096
"""Distinct number tokens remembered: a document repeats its years and round figures."""


@lru_cache(maxsize=_PARSE_CACHE_SIZE)
def _parse_number(token: str) -> float:
    t = (token if token.isascii() else normalize(token)).strip().replace(" ", "")
    if t.isascii():
        t = t.lower()
    if not t:
        raise ValueError("empty number")
    if t.startswith("百分之"):
        return _parse_number(t[3:])
    t = t.replace("廿", "二十").replace("卅", "三十")  # 廿三 = 23, 卅 = 30
    # Arabic digits, possibly followed by Chinese multipliers: 2万, 1.5亿, 3千万
    m = re.match(r"^([\d.,]+)([十百千万亿]*)$", t)
    if m:
        digits, mult = m.groups()
        if not _ARABIC_RE.match(digits):
            raise ValueError(f"malformed number {token!r}")
        if not _MULT_RE.fullmatch(mult):
            raise ValueError(f"malformed multiplier in {token!r}")
        value = float(digits.replace(",", ""))
        for ch in mult:
            value *= ZH_SMALL_UNITS.get(ch) or ZH_BIG_UNITS[ch]
        return value
    # a Chinese decimal: 一点一万 = 11000, 三点五 = 3.5
    m = re.match(
        r"^([零〇○一二两三四五六七八九十]+)点([零〇○一二三四五六七八九]+)([十百千万亿]*)$", t
    )
    if m:
        whole, frac, mult = m.groups()
        if not _MULT_RE.fullmatch(mult):
            raise ValueError(f"malformed multiplier in {token!r}")
        digits = "".join(str(ZH_DIGITS[ch]) for ch in frac)
        value = float(f"{parse_chinese_numeral(whole)}.{digits}")
        for ch in mult:
            value *= ZH_SMALL_UNITS.get(ch) or ZH_BIG_UNITS[ch]
        return value
    # a mixed number (8千200 = 8200, 3万8,390 = 38390, 8百20 = 820, 1千2百) or Chinese
    if all(ch.isdigit() or ch == "," or ch in ZH_NUMERAL_CHARS for ch in t):
        return float(parse_chinese_numeral(t))
    raise ValueError(f"not a number: {token!r}")


# --- English number words -------------------------------------------------------------------

EN_ONES: dict[str, int] = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "a": 1,
    "an": 1,
}
EN_TENS: dict[str, int] = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
EN_SCALES: dict[str, int] = {
    "hundred": 100,
    "thousand": 1000,
    "million": 1_000_000,
    "billion": 1_000_000_000,
}


def parse_english_number(words: str) -> float:
    """Value of an English number phrase or a digit string with a scale word.

    ``two thousand`` → 2000; ``forty-five`` → 45; ``1.2 million`` → 1.2e6;
    ``a thousand`` → 1000; ``12,000`` → 12000. Raises ``ValueError`` otherwise.
    """
    parts = [p for p in re.split(r"[\s-]+", words.lower().strip()) if p and p != "and"]
    if not parts:
        raise ValueError("empty number")
    total = 0.0
    current = 0.0
    seen = False
    for p in parts:
        if _ARABIC_RE.match(p):
            current += float(p.replace(",", ""))
        elif p in EN_ONES:
            current += EN_ONES[p]
        elif p in EN_TENS:
            current += EN_TENS[p]
        elif p in EN_SCALES:
            scale = EN_SCALES[p]
            if not seen and current == 0:
                current = 1
            if scale == 100:
                current *= 100
            else:
                total += current * scale
                current = 0
        else:
            raise ValueError(f"not an English number word: {p!r}")
        seen = True
    if not math.isfinite(total + current):
        raise ValueError(f"number too large: {words[:20]!r}...")
    return total + current
