"""The shape the extractor's derived data files share (model/zh_places.json,
pinyin_syllables.json, en_hospital_short_names.json): UTF-8 JSON, an object with a
``provenance`` naming its source and a list whose length is its ``count``. Each check takes
the caller's error class, so a wrong gazetteer stays a GazetteerError and a wrong syllable
inventory a ShortNameError; what each file's entries must be is its own module's. The
three tools that derive them (tools/build_zh_places.py, build_pinyin_syllables.py,
build_en_hospital_short_names.py) end on ``write_or_check``."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from pathlib import Path


def read_text(path: Path, error: type[ValueError]) -> str:
    """The file's text, or ``error`` saying it cannot be read (missing, not UTF-8)."""
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise error(f"{path}: cannot read ({exc})") from exc


def json_object(text: str, origin: str, error: type[ValueError]) -> dict[str, object]:
    """The text's JSON object, or ``error`` when it is not JSON or not an object."""
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise error(f"{origin}: not JSON ({exc})") from exc
    if not isinstance(doc, dict):
        raise error(f"{origin}: not a JSON object")
    return doc


def check_provenance(
    doc: Mapping[str, object], keys: Iterable[str], origin: str, error: type[ValueError]
) -> None:
    """``error`` unless the doc's provenance gives every one of ``keys``, non-empty."""
    prov = doc.get("provenance")
    missing = [k for k in keys if not isinstance(prov, dict) or not prov.get(k)]
    if missing:
        raise error(f"{origin}: provenance lacks {', '.join(missing)}")


def counted_list(
    doc: Mapping[str, object], key: str, origin: str, error: type[ValueError]
) -> list[object]:
    """doc[key] as a list of distinct items whose number is doc['count'], or ``error``."""
    items = doc.get(key)
    if not isinstance(items, list):
        raise error(f"{origin}: no list of {key!r}")
    distinct = {json.dumps(i, sort_keys=True) for i in items}
    if doc.get("count") != len(items) or len(distinct) != len(items):
        raise error(f"{origin}: count {doc.get('count')!r} != {len(distinct)} {key}")
    return items


def checked_entries(
    items: list[object],
    entry: re.Pattern[str],
    minimum: int,
    anchors: Iterable[str],
    names: tuple[str, str, str],
    origin: str,
    error: type[ValueError],
) -> frozenset[str]:
    """``items`` as a frozenset, or ``error``: when an item is no string matching ``entry``
    whole, when there are fewer than ``minimum`` (a truncated file), or when one of the
    ``anchors`` is absent (another file of the same shape). ``names`` words the messages:
    (one entry, the entries, what the file must be), e.g. ('syllable', 'syllables', 'the
    pinyin syllables')."""
    one, many, what = names
    bad = [i for i in items if not isinstance(i, str) or not entry.fullmatch(i)]
    if bad:
        raise error(f"{origin}: {len(bad)} entries are no {one}, e.g. {bad[0]!r}")
    if len(items) < minimum:
        raise error(f"{origin}: only {len(items)} {many} (< {minimum}): truncated?")
    present = set(items)
    absent = [a for a in anchors if a not in present]
    if absent:
        raise error(f"{origin}: lacks {', '.join(absent)}: not {what}")
    return frozenset(items)  # type: ignore[arg-type]


def write_or_check(path: Path, text: str, check: bool, summary: str) -> int:
    """What a build tool does with a derivation's ``text``: with ``check``, compare it with
    the shipped file at ``path`` (0 when equal, 1 when it differs or is absent); without,
    write it there. Prints what it found or did (``summary``: what was written, e.g. '425
    syllables'); returns the exit status."""
    if check:
        same = path.is_file() and path.read_text(encoding="utf-8") == text
        print(f"{path.name}: {'up to date' if same else 'DIFFERS from the derivation'}")
        return 0 if same else 1
    path.write_text(text, encoding="utf-8")
    print(f"wrote {path} ({summary})")
    return 0
