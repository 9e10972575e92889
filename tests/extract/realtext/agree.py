"""Agreement between the first annotation of a held-out set, as it stood before
reconciliation (its raw batches at a git revision), and the blind second annotation kept in
second/, on (indicator, value within 2%) as the extractor is scored.

Run: python tests/extract/realtext/agree.py REV SET PREFIX [PREFIX ...]
     e.g. python tests/extract/realtext/agree.py d5115b3 heldout4 mE mS mT
     (d5115b3: heldout4's three parts merged, before the lead's reconciliation)

Prints the counts and F1 per language and overall, and the number of snippets differing.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

from build_set import HERE, parse

from transplant_audit.extract.evaluate import VALUE_TOLERANCE as TOLERANCE


def _same(a: dict, b: dict) -> bool:
    scale = max(abs(a["value"]), 1e-9)
    return a["indicator"] == b["indicator"] and abs(a["value"] - b["value"]) <= TOLERANCE * scale


def matched(first: list[dict], second: list[dict]) -> int:
    """Figures of ``first`` matched one-to-one by a figure of ``second``."""
    used = [False] * len(second)
    hits = 0
    for g in first:
        for j, h in enumerate(second):
            if not used[j] and _same(g, h):
                used[j] = True
                hits += 1
                break
    return hits


def first_annotation(rev: str, prefix: str) -> list[dict]:
    """The raw batches ``raw/PREFIX*.txt`` as they were at git revision ``rev``."""
    names = subprocess.run(
        ["git", "ls-tree", "--name-only", rev, f"{HERE}/raw/"],
        capture_output=True,
        text=True,
        check=True,
        cwd=HERE,
    ).stdout.split()
    docs: list[dict] = []
    with tempfile.TemporaryDirectory() as tmp:
        for name in sorted(n for n in names if Path(n).name.startswith(prefix)):
            text = subprocess.run(
                ["git", "show", f"{rev}:./{name}"],
                capture_output=True,
                text=True,
                check=True,
                cwd=HERE,
            ).stdout
            path = Path(tmp) / Path(name).name
            path.write_text(text, encoding="utf-8")
            docs += parse(path)
    return docs


def main(argv: list[str]) -> int:
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    rev, name, prefixes = argv[0], argv[1], argv[2:]
    tally: Counter[str] = Counter()
    for prefix in prefixes:
        second = parse(HERE / "second" / f"{name}_{prefix}_second_annotation.txt")
        by_text = {d["text"]: d for d in second}
        for doc in first_annotation(rev, prefix):
            other = by_text[doc["text"]]
            hits = matched(doc["gold"], other["gold"])
            for key, n in (
                ("first", len(doc["gold"])),
                ("second", len(other["gold"])),
                ("both", hits),
            ):
                tally[key] += n
                tally[f"{doc['language']}:{key}"] += n
            tally["differing"] += hits != len(doc["gold"]) or hits != len(other["gold"])
            tally["snippets"] += 1
    for lang in ("en", "zh-Hans", "zh-Hant", ""):
        k = f"{lang}:" if lang else ""
        if tally[k + "first"] + tally[k + "second"]:
            f1 = 2 * tally[k + "both"] / (tally[k + "first"] + tally[k + "second"])
            print(
                f"{lang or 'all':<8} first {tally[k + 'first']:>4} second "
                f"{tally[k + 'second']:>4} both {tally[k + 'both']:>4} F1 {f1:.3f}"
            )
    print(f"snippets differing: {tally['differing']} of {tally['snippets']}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
