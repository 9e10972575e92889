"""Chinese hospitals' short names written as spaced pinyin syllables ('Ren Ji', 'Fu Wai',
'Xiang Ya'), derived from the project's own hospital register, not a hand list.

English text writes a hospital's pinyin name joined ('Renji Hospital') or spaced ('Ren Ji
has performed 1,000 liver transplants'); spaced, it reads like a surname and a given name,
and the count would be read as a surgeon's. The names come from data/hospitals.csv
(``name_en`` and ``aliases``): the pinyin word just before 'Hospital' ('Shanghai Renji
Hospital' -> renji), not the row's province or city alone, not an ordinal, split into
syllables by the standard Mandarin syllable inventory (model/pinyin_syllables.json, derived
by tools/build_pinyin_syllables.py from mozillazg/pinyin-data). The derived list ships as
model/en_hospital_short_names.json (tools/build_en_hospital_short_names.py, with --check),
because data/ is not part of the installed package.

Pure core here (splitting, derivation, parsing, the pattern); the files are read once.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path

from . import derived_file

MODEL_DIR = Path(__file__).parent / "model"
SYLLABLES_FILE = MODEL_DIR / "pinyin_syllables.json"
SHORT_NAMES_FILE = MODEL_DIR / "en_hospital_short_names.json"
MIN_SYLLABLES = 400
"""Fewer syllables than this is a truncated or wrong inventory (425 today, 5 of them
interjections with no vowel: hm, hng, m, n, ng)."""
SYLLABLE_ANCHORS = ("a", "zhong", "shuang", "xiang", "lü", "ren", "ji", "fo")
PROVENANCE_KEYS = ("source", "commit", "licence", "derived_by")
REQUIRED_COLUMNS = ("id", "name_en", "province", "city")
NOT_PINYIN = frozenset({"china", "chinese"})
"""English words before 'Hospital' that split as pinyin by accident ('West China Hospital':
chi+na); the country's pinyin is Zhongguo."""
KEPT_BY_HAND: dict[tuple[str, ...], str] = {
    ("hua", "xi"): "West China Hospital (华西医院): the register names it in English, not Huaxi",
    ("xie", "he"): "Peking Union / Wuhan Union (协和医院): the register writes 'Union'",
    ("tian", "tan"): "Beijing Tiantan Hospital (天坛医院): not in the register",
    ("xuan", "wu"): "Xuanwu Hospital, Capital Medical University (宣武医院): not in the register",
}
"""Short names of the former hand list that the register does not give, kept with why."""
_WORD_BEFORE_HOSPITAL_RE = re.compile(r"(?<![\w'’-])([A-Za-z]+)\s+Hospital\b")
_VOWEL_OPENS = ("a", "o", "e")
_VOWEL_RE = re.compile("[aeiouü]")
"""Syllables with no vowel are interjections (呣 m, 嗯 ng, 哼 hng) and join no name: so
'Changgung' (Wade-Giles 长庚) is no pinyin, not chang+gu+ng."""
_SYLLABLE_RE = re.compile(r"[a-zü]{1,6}")


class ShortNameError(ValueError):
    """A syllable inventory, hospital row or short-name file is missing or malformed."""


def split_syllables(word: str, syllables: frozenset[str]) -> tuple[str, ...] | None:
    """The pinyin syllables of a joined word ('renji' -> ren, ji; 'qianfoshan' -> qian, fo,
    shan), or None when it is not pinyin ('hospital', 'union'; 'china' splits, see
    NOT_PINYIN). A syllable opening on a, o or e only opens the word (pinyin writes Xi'an
    with an apostrophe), so 'xian' is one syllable; an interjection (m, ng, hm) is no part;
    of the splits left, the one with fewest syllables, and of those the one whose earlier
    syllables are longest ('changan' -> chan, gan: 'an' cannot follow)."""
    word = word.lower()
    best: list[tuple[str, ...] | None] = [None] * (len(word) + 1)
    best[len(word)] = ()
    for start in range(len(word) - 1, -1, -1):
        for end in range(min(len(word), start + 6), start, -1):
            piece, rest = word[start:end], best[end]
            if rest is None or piece not in syllables:
                continue
            if (start and piece.startswith(_VOWEL_OPENS)) or not _VOWEL_RE.search(piece):
                continue
            if best[start] is None or len(rest) + 1 < len(best[start] or ()):
                best[start] = (piece, *rest)
    return best[0]


def parse_syllables(text: str, origin: str = "syllables") -> frozenset[str]:
    """The syllables of an inventory file's text, checked: JSON with a provenance, a count
    equal to the distinct syllables, at least MIN_SYLLABLES lower-case syllables, the
    SYLLABLE_ANCHORS among them. Raises ShortNameError saying what is wrong."""
    doc = _json(text, origin)
    items = derived_file.counted_list(doc, "syllables", origin, ShortNameError)
    words = ("syllable", "syllables", "the pinyin syllables")
    return derived_file.checked_entries(
        items, _SYLLABLE_RE, MIN_SYLLABLES, SYLLABLE_ANCHORS, words, origin, ShortNameError
    )


def _json(text: str, origin: str) -> dict[str, object]:
    """A derived file's JSON object with a provenance naming its source."""
    doc = derived_file.json_object(text, origin, ShortNameError)
    derived_file.check_provenance(doc, PROVENANCE_KEYS, origin, ShortNameError)
    return doc


def _row_names(row: Mapping[str, str | None], number: int) -> tuple[list[str], set[str]]:
    """A register row's English names (name_en and aliases) and its own place words."""
    absent = [c for c in REQUIRED_COLUMNS if row.get(c) is None]
    if absent or None in row:
        what = f"lacks {', '.join(absent)}" if absent else "has more fields than the header"
        raise ShortNameError(f"hospitals.csv row {number} ({row.get('id')!r}): {what}")
    name = (row["name_en"] or "").strip()
    if not name or not (row["id"] or "").strip():
        raise ShortNameError(f"hospitals.csv row {number} ({row.get('id')!r}): empty id/name_en")
    aliases = [a.strip() for a in (row.get("aliases") or "").split(";") if a.strip()]
    places = {re.sub(r"[\s'’-]", "", (row[c] or "").lower()) for c in ("province", "city")}
    return [name, *aliases], places


def short_names_from_rows(
    rows: Iterable[Mapping[str, str | None]], syllables: frozenset[str]
) -> list[dict[str, object]]:
    """The register's pinyin short names: for each row, the word just before 'Hospital' in
    its English name and aliases, unless it is the row's province or city or NOT_PINYIN,
    when it splits into two or more syllables (an English ordinal, 'Second', never does).
    One entry per name, sorted: {"name": "renji", "syllables": ["ren", "ji"], "hospitals":
    [ids]}. Rows are numbered from 2 (the header is line 1); a malformed row raises
    ShortNameError naming it."""
    found: dict[tuple[str, ...], set[str]] = {}
    for number, row in enumerate(rows, 2):
        names, places = _row_names(row, number)
        for name in names:
            for m in _WORD_BEFORE_HOSPITAL_RE.finditer(name):
                word = m.group(1).lower()
                if word in places or word in NOT_PINYIN:
                    continue
                split = split_syllables(word, syllables)
                if split and len(split) >= 2:
                    found.setdefault(split, set()).add(str(row["id"]).strip())
    return [
        {"name": "".join(s), "syllables": list(s), "hospitals": sorted(ids)}
        for s, ids in sorted(found.items())
    ]


def parse_short_names(text: str, origin: str = "short names") -> tuple[tuple[str, ...], ...]:
    """The syllables of each short name in a derived file's text, checked: provenance, a
    count, each entry a name equal to its two or more syllables joined, with hospitals."""
    doc = _json(text, origin)
    entries = derived_file.counted_list(doc, "names", origin, ShortNameError)
    out: list[tuple[str, ...]] = []
    for entry in entries:
        syl = entry.get("syllables") if isinstance(entry, dict) else None
        ok = (
            isinstance(syl, list)
            and len(syl) >= 2
            and all(isinstance(s, str) and _SYLLABLE_RE.fullmatch(s) for s in syl)
            and isinstance(entry, dict)
            and entry.get("name") == "".join(syl)
            and bool(entry.get("hospitals"))
        )
        if not ok:
            raise ShortNameError(f"{origin}: malformed entry {entry!r}")
        out.append(tuple(syl))  # type: ignore[arg-type]
    return tuple(out)


def short_name_pattern(names: Iterable[tuple[str, ...]]) -> str:
    """A regex (for lower-cased text) matching any of the names with every syllable spaced
    ('ren ji', 'qian fo shan'), as whole words; longest first. Joined, 'Renji' is one word
    and no person; part-joined, 'Li Huili' is how a person is written, so it stays one."""
    alts = sorted({r"\s".join(map(re.escape, n)) for n in names}, key=lambda a: (-len(a), a))
    if not alts:
        raise ShortNameError("no short names to match")
    return r"(?<![a-z])(?:" + "|".join(alts) + r")(?![a-z])"


@cache
def en_hospital_short_names() -> tuple[tuple[str, ...], ...]:
    """The shipped derived short names and those KEPT_BY_HAND, read once."""
    text = derived_file.read_text(SHORT_NAMES_FILE, ShortNameError)
    derived = parse_short_names(text, str(SHORT_NAMES_FILE))
    return tuple(dict.fromkeys((*derived, *KEPT_BY_HAND)))


@cache
def pinyin_syllables() -> frozenset[str]:
    """The shipped syllable inventory, read once."""
    text = derived_file.read_text(SYLLABLES_FILE, ShortNameError)
    return parse_syllables(text, str(SYLLABLES_FILE))
