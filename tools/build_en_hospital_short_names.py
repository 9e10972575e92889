"""Derive the English hospital short names the extractor reads
(extract/model/en_hospital_short_names.json) from data/hospitals.csv, and check the file.

Run:  python tools/build_en_hospital_short_names.py           # derive and write the file
      python tools/build_en_hospital_short_names.py --check   # exit 1 when it differs

Each name is the pinyin word just before 'Hospital' in a row's name_en or aliases ('Shanghai
Renji Hospital' -> ren ji), split by the shipped syllable inventory
(extract/model/pinyin_syllables.json); see extract/short_names.py for the rules. A malformed
row is refused with its line number (exit 2).
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

from transplant_audit.extract import derived_file
from transplant_audit.extract import short_names as sn

ROOT = Path(__file__).resolve().parents[1]
REGISTER = ROOT / "data" / "hospitals.csv"
PROVENANCE = {
    "source": "data/hospitals.csv (name_en, aliases; each row cites its source_id)",
    "commit": "the repository's own (re-derive with --check after editing the register)",
    "licence": "the project's",
    "derived_by": "tools/build_en_hospital_short_names.py",
    "syllables": "extract/model/pinyin_syllables.json",
    "content": "pinyin word before 'Hospital', split into syllables; not a place, ordinal",
}


def derive(register: Path) -> dict[str, object]:
    """The shipped file's content, from the register."""
    with register.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    names = sn.short_names_from_rows(rows, sn.pinyin_syllables())
    return {"provenance": PROVENANCE, "count": len(names), "names": names}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--register", type=Path, default=REGISTER, help="hospitals.csv to read")
    ap.add_argument("--check", action="store_true", help="exit 1 if the shipped file differs")
    args = ap.parse_args(argv)
    try:
        doc = derive(args.register)
    except (OSError, UnicodeDecodeError, csv.Error, sn.ShortNameError) as exc:
        print(f"error: {args.register}: {exc}", file=sys.stderr)
        return 2
    text = json.dumps(doc, ensure_ascii=False, indent=1) + "\n"
    return derived_file.write_or_check(
        sn.SHORT_NAMES_FILE, text, args.check, f"{doc['count']} names"
    )


if __name__ == "__main__":
    sys.exit(main())
