"""Derive the Mandarin pinyin syllable inventory the extractor reads
(extract/model/pinyin_syllables.json) and check the shipped file.

Run:  python tools/build_pinyin_syllables.py --repo DIR           # derive and write the file
      python tools/build_pinyin_syllables.py --repo DIR --check   # exit 1 when it differs

DIR is a git clone of https://github.com/mozillazg/pinyin-data (MIT), whose pinyin.txt
merges every reading of every character from the Unicode Unihan database (kHanyuPinyin,
kMandarin, kTGHZ2013, kXHC1983, kHanyuPinlu; Unihan of 2024-07-31) and its hand corrections.
The file is read at the pinned SOURCE_COMMIT with ``git show``. The inventory is the set of
those readings with the tone marks removed (ü kept): the toneless syllables of Mandarin (425
today, 5 of them interjections with no vowel: hm, hng, m, n, ng). Not the 8,105
standard characters' most common readings alone (kMandarin_8105.txt): they lack fo (佛 reads
fú there), and Qianfoshan Hospital is 千佛山.

Why: hospitals' English names write a pinyin compound ("Renji Hospital"); the extractor
splits it into syllables to know the spaced form "Ren Ji", which reads like a surname and a
given name (extract/short_names.py, tools/build_en_hospital_short_names.py).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import unicodedata
from pathlib import Path

from transplant_audit.extract import derived_file

SOURCE_URL = "https://github.com/mozillazg/pinyin-data"
SOURCE_COMMIT = "82759f96236a65141ddc0cc9198fa688b7b8a7fa"
SOURCE_FILE = "pinyin.txt"
OUT = (
    Path(__file__).resolve().parents[1]
    / "src/transplant_audit/extract/model"
    / "pinyin_syllables.json"
)
PROVENANCE = {
    "source": SOURCE_URL,
    "commit": SOURCE_COMMIT,
    "commit_date": "2025-06-14",
    "file": SOURCE_FILE,
    "publisher": (
        "mozillazg/pinyin-data: readings of every character, merged from the Unicode Unihan "
        "database (kHanyuPinyin, kMandarin, kTGHZ2013, kXHC1983, kHanyuPinlu; 2024-07-31)"
    ),
    "licence": "MIT (LICENSE in the source)",
    "derived_by": "tools/build_pinyin_syllables.py",
    "fetched": "2026-12-06",
    "content": "toneless pinyin syllables (tone marks removed, ü kept), sorted",
}


def toneless(reading: str) -> str:
    """A pinyin reading without its tone mark ('zhōng' -> 'zhong', 'lǜ' -> 'lü')."""
    decomposed = unicodedata.normalize("NFD", reading.strip().lower())
    kept = "".join(c for c in decomposed if not unicodedata.combining(c) or c == "\u0308")
    return unicodedata.normalize("NFC", kept)


def syllables_of(text: str) -> list[str]:
    """The sorted toneless syllables of a kMandarin file's text ('U+4E2D: zhōng  # 中')."""
    found: set[str] = set()
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        if ":" not in line:
            raise ValueError(f"{SOURCE_FILE} line {number}: no 'code: readings' ({line!r})")
        readings = line.split(":", 1)[1].split("#", 1)[0]
        found.update(toneless(r) for r in readings.split(",") if r.strip())
    return sorted(found)


def derive(repo: Path) -> dict[str, object]:
    """The shipped file's content, from the clone at SOURCE_COMMIT."""
    text = subprocess.run(
        ["git", "-C", str(repo), "show", f"{SOURCE_COMMIT}:{SOURCE_FILE}"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    syllables = syllables_of(text)
    return {"provenance": PROVENANCE, "count": len(syllables), "syllables": syllables}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repo", type=Path, required=True, help="clone of " + SOURCE_URL)
    ap.add_argument("--check", action="store_true", help="exit 1 if the shipped file differs")
    args = ap.parse_args(argv)
    try:
        doc = derive(args.repo)
    except (subprocess.CalledProcessError, ValueError, OSError) as exc:
        print(f"error: cannot derive from {args.repo}: {exc}", file=sys.stderr)
        return 2
    text = json.dumps(doc, ensure_ascii=False, indent=1) + "\n"
    return derived_file.write_or_check(OUT, text, args.check, f"{doc['count']} syllables")


if __name__ == "__main__":
    sys.exit(main())
