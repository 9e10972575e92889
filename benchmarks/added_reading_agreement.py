"""How often a span the learned method adds reads the qualifier and span the rules would
(issue 14): every rules candidate on a number of the readable real training snippets, read
again as if the model had added it (its span stripped of the rules' candidates, so
``learned.added_readings``: it reads it the way it reads a span the rules left), compared with
the rules candidate's own (qualifier, start, end).

The snippets are the trainer's real training records (``tools/train_extractor.py``,
``real_records``: dev, dev2, held-out v1 and heldout2 whole, the TUNE halves of the sets
tuned on by half, ``HALF_SETS``, by ``build_set.halves``: heldout3 to heldout17 since
heldout17 joined); no check half and no blind set is read.

Run:  PYTHONPATH=src python benchmarks/added_reading_agreement.py
      PYTHONPATH=src python benchmarks/added_reading_agreement.py --show 20   # disagreements
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

import train_extractor  # noqa: E402

from transplant_audit.extract import learned  # noqa: E402
from transplant_audit.extract.numbers import normalize  # noqa: E402


def compare(text: str, language: str) -> list[tuple[tuple, tuple]]:
    """(rules' reading, added reading) of every rules candidate on a number of
    ``text``, each reading (qualifier, start, end) (``learned.added_readings``)."""
    return [
        ((r.qualifier, r.start, r.end), (a.qualifier, a.start, a.end))
        for r, a in learned.added_readings(text, language)
    ]


def _kinds(rule: tuple, added: tuple) -> list[str]:
    return [k for k, a, b in zip(("qualifier", "start", "end"), rule, added, strict=True) if a != b]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "--show", type=int, default=0, metavar="N", help="print the first N disagreements"
    )
    args = ap.parse_args(argv)
    same = total = 0
    by_kind: Counter[str] = Counter()
    by_lang: Counter[tuple[str, bool]] = Counter()
    shown = 0
    for name, raw in train_extractor.real_records():
        text = raw["text"]
        for rule, added in compare(text, raw["language"]):
            ok = rule == added
            total += 1
            same += ok
            by_lang[(raw["language"], ok)] += 1
            if ok:
                continue
            by_kind.update(_kinds(rule, added))
            if shown < args.show:
                shown += 1
                s = min(rule[1], added[1])
                e = max(rule[2], added[2])
                print(
                    f"{name} {raw['id']}: rules {rule[0]} {text[rule[1] : rule[2]]!r}"
                    f" | added {added[0]} {text[added[1] : added[2]]!r}"
                    f" | {normalize(text[max(0, s - 20) : e + 20])!r}"
                )
    if total == 0:
        print("no rules candidate on a number was read", file=sys.stderr)
        return 1
    print(f"same reading: {same} of {total} ({same / total:.3f})")
    for lang in sorted({lg for lg, _ in by_lang}):
        n_same, n = by_lang[(lang, True)], by_lang[(lang, True)] + by_lang[(lang, False)]
        print(f"  {lang}: {n_same} of {n}")
    print("differing in: " + ", ".join(f"{k} {by_kind[k]}" for k in ("qualifier", "start", "end")))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
