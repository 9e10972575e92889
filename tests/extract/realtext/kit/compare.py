"""The snippets whose first annotation (as gathered) and blind second annotation differ, on
(indicator, value within 2%) as the extractor is scored, per part, with the pooled F1.

Run: PYTHONPATH=src python tests/extract/realtext/kit/compare.py GATHER_DIR PREFIX SECOND_DIR
     (second annotations: SECOND_DIR/<PREFIX><PART>_second_annotation.txt, one per part,
     line for line the part's texts with F lines added)
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from agree import matched  # noqa: E402  (the one matching rule of the agreement figures)
from build_set import parse  # noqa: E402
from parts import parts  # noqa: E402


def _row(g: dict) -> tuple[str, float, str, str]:
    return (g["indicator"], g["value"], g["qualifier"], g["organ"])


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    gather, prefix, second_dir = Path(argv[0]), argv[1], Path(argv[2])
    both = first_n = second_n = 0
    for part, paths in parts(gather, prefix).items():
        path = second_dir / f"{prefix}{part}_second_annotation.txt"
        if not path.exists():
            print(f"== {part}: no second annotation yet")
            continue
        first = [d for p in paths for d in parse(p)]
        second = parse(path)
        if [d["text"] for d in first] != [d["text"] for d in second]:
            raise SystemExit(f"{path}: its texts are not the part's, line for line")
        differ = 0
        for a, b in zip(first, second, strict=True):
            hits = matched(a["gold"], b["gold"])
            both += hits
            first_n += len(a["gold"])
            second_n += len(b["gold"])
            if hits != len(a["gold"]) or hits != len(b["gold"]):
                differ += 1
                print(f"--- {part} {a['src']} {a['text'][:260]!r}")
                print("   first :", [_row(g) for g in a["gold"]])
                print("   second:", [_row(g) for g in b["gold"]])
        print(f"== {part}: {len(first)} snippets, {differ} differ")
    p, r = both / max(second_n, 1), both / max(first_n, 1)
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    print(f"pooled F1 second vs first {f1:.3f} (first {first_n}, second {second_n}, both {both})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
