"""China's (and Hong Kong's, Macao's and Taiwan's) place names, to tell a city that opens on a
surname character (唐山, 许昌, 江山) from a person named before a count's verb.

The names are the bare names (唐山 for 唐山市) of province-, prefecture- and county-level
divisions, derived by tools/build_zh_places.py from the National Bureau of Statistics'
division codes as compiled in github.com/modood/Administrative-divisions-of-China (WTFPL;
source, commit and date in the file's ``provenance``). Simplified script only: the extractor
normalizes traditional text to simplified (numbers.normalize) before any rule reads it.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from . import derived_file

GAZETTEER = Path(__file__).parent / "model" / "zh_places.json"
MIN_NAMES = 2000
"""Fewer names than this is a truncated or wrong file: 3,275 today, 2,654 of them from the
county level alone (areas.csv's 2,839 county-level divisions, zones dropped, as bare names)."""
ANCHORS = ("北京", "上海", "广州", "唐山", "许昌", "台北", "香港")
"""Names every true gazetteer of China holds: a file missing one is not the gazetteer."""
PROVENANCE_KEYS = ("source", "commit", "publisher", "licence", "derived_by")
_NAME_RE = re.compile(r"[\u4e00-\u9fff]{2,12}")


class GazetteerError(ValueError):
    """The gazetteer file is missing, malformed, too short or not a list of place names."""


def parse_gazetteer(text: str, origin: str = "gazetteer") -> frozenset[str]:
    """The names of a gazetteer file's text, checked: JSON with a provenance naming its
    source, a count equal to the names, at least MIN_NAMES names of 2-12 Chinese characters
    each, and the ANCHORS among them. Raises GazetteerError saying what is wrong."""
    doc = derived_file.json_object(text, origin, GazetteerError)
    names = derived_file.counted_list(doc, "names", origin, GazetteerError)
    derived_file.check_provenance(doc, PROVENANCE_KEYS, origin, GazetteerError)
    words = ("place name", "names", "China's gazetteer")
    return derived_file.checked_entries(
        names, _NAME_RE, MIN_NAMES, ANCHORS, words, origin, GazetteerError
    )


def load_gazetteer(path: Path = GAZETTEER) -> frozenset[str]:
    """The checked names of a gazetteer file (GazetteerError if unreadable or invalid)."""
    text = derived_file.read_text(path, GazetteerError)
    return parse_gazetteer(text, str(path))


@cache
def zh_places() -> frozenset[str]:
    """The shipped gazetteer's names, read once."""
    return load_gazetteer()


def is_zh_place(word: str) -> bool:
    """Is the word exactly a place's bare name (唐山, 许昌, 江山)? Not a longer word that opens
    on one (黄山峰 may be a person)."""
    return word in zh_places()
