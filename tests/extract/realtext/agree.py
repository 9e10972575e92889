"""Agreement between the first annotation of a held-out set, as it stood before
reconciliation (its raw batches at a git revision), and the blind second annotation kept in
second/, on (indicator, value within 2%) as the extractor is scored.

Run: python tests/extract/realtext/agree.py REV SET PREFIX [PREFIX ...]
     e.g. python tests/extract/realtext/agree.py d5115b3 heldout4 mE mS mT
     (d5115b3: heldout4's three parts merged, before the lead's reconciliation)
     python tests/extract/realtext/agree.py --ceiling
     (the sets of CEILING_SETS, heldout4 to heldout8: each annotator scored as the extractor
     is, per language; heldout8's first annotation stands at two revisions, CORRECTIONS.md:
     7bdba55 for its English and Simplified parts, 2b6d15b for its Traditional part)

Prints the counts and F1 per language and overall, and the number of snippets differing.
With --ceiling, prints per set and language the precision / recall of the second annotator
scored against the first (one annotator against another, neither seeing the other;
all are instances of the same AI assistant, CORRECTIONS.md),
and of each annotator against the final key (which both shaped at reconciliation, so an
upper bound): the level two readers of the guide reach, to set the extractor's scores
beside.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

from build_set import HERE, is_batch_file, parse

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
    """The raw batches ``raw/PREFIX<NN>.txt`` (``PREFIX`` may end in the language letter, e.g.
    ``oE``) as they were at git revision ``rev``; exactly that prefix, as ``batch_files``."""
    names = subprocess.run(
        ["git", "ls-tree", "--name-only", rev, f"{HERE}/raw/"],
        capture_output=True,
        text=True,
        check=True,
        cwd=HERE,
    ).stdout.split()
    docs: list[dict] = []
    with tempfile.TemporaryDirectory() as tmp:
        for name in sorted(n for n in names if is_batch_file(Path(n).name, prefix)):
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


PARTS = ("E", "S", "T")
"""Batch-name suffix of each language part: English, Simplified, Traditional Chinese."""
CEILING_SETS: tuple[tuple[str | dict[str, str], str, str], ...] = (
    ("d5115b3", "heldout4", "m"),
    ("d5231a8", "heldout5", "n"),
    ("737242b", "heldout6", "p"),
    ("92b5816", "heldout7", "q"),
    ({"E": "7bdba55", "S": "7bdba55", "T": "2b6d15b"}, "heldout8", "r"),
)
"""Each set's revision before reconciliation (CORRECTIONS.md; one per part where the parts
were merged at different times), name and batch prefix."""
LANGUAGES = ("en", "zh-Hans", "zh-Hant")


def _pr(tally: Counter, key: tuple[str, ...]) -> str:
    tp, said, gold = (tally[(*key, k)] for k in ("tp", "said", "gold"))
    return f"{tp / said:.3f} / {tp / gold:.3f}" if said and gold else "-"


def ceiling_tally(rev: str | dict[str, str], name: str, prefix: str) -> Counter:
    """Counts for (language, who, tp|said|gold), who in first, second (each against the
    final key) and second_vs_first; ``rev`` is the first annotation's revision, or one per
    part (``PARTS``)."""
    import json

    key = {d["text"]: d for d in json.loads((HERE / f"{name}.json").read_text(encoding="utf-8"))}
    tally: Counter = Counter()
    for part in PARTS:
        path = HERE / "second" / f"{name}_{prefix}{part}_second_annotation.txt"
        second = {d["text"]: d for d in parse(path)}
        at = rev if isinstance(rev, str) else rev[part]
        for doc in first_annotation(at, prefix + part):
            final = key.get(doc["text"])
            if final is None:  # a snippet dropped at reconciliation
                continue
            other = second[doc["text"]]
            pairs = (
                ("first", doc, final),
                ("second", other, final),
                ("second_vs_first", other, doc),
            )
            for who, said, truth in pairs:
                tally[(doc["language"], who, "tp")] += matched(said["gold"], truth["gold"])
                tally[(doc["language"], who, "said")] += len(said["gold"])
                tally[(doc["language"], who, "gold")] += len(truth["gold"])
    return tally


def ceiling() -> int:
    pooled: Counter = Counter()
    print(f"{'set':<9} {'language':<8} {'second vs first':>16} {'first vs key':>16} "
          f"{'second vs key':>16}")  # fmt: skip
    for rev, name, prefix in CEILING_SETS:
        tally = ceiling_tally(rev, name, prefix)
        pooled.update(tally)
        for lang in LANGUAGES:
            cells = [_pr(tally, (lang, who)) for who in ("second_vs_first", "first", "second")]
            print(f"{name:<9} {lang:<8} " + " ".join(f"{c:>16}" for c in cells))
    for lang in LANGUAGES:
        cells = [_pr(pooled, (lang, who)) for who in ("second_vs_first", "first", "second")]
        print(f"{'pooled':<9} {lang:<8} " + " ".join(f"{c:>16}" for c in cells))
    return 0


def main(argv: list[str]) -> int:
    if argv == ["--ceiling"]:
        return ceiling()
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
