"""What a rules pass buys on text it did not read: the rules on each joined blind set's TUNE
half (open to rules passes since the set's one blind score) against its CHECK half (never read,
scored in aggregate only), per group of sets (issue 14).

Run:  python benchmarks/bench_rules_gap.py [--groups 3-12,13-23,24-28]

Prints, per group of sets, the rules' precision / recall on (indicator, value within 2%) on
the pooled tune halves and on the pooled check halves, and the gap. The halves of a set are
split by page before anyone reads either (``build_set.halves``), so a gap where rules passes
read the tune halves, and none where they did not, is what those passes fitted rather than
learned. Reads no blind set and prints no snippet.

Measured 2026-12-07 (main 6dfe45a6, heldout3-28 joined; 3.3 s): heldout3-12 (their tune halves
read by the rules passes of the sessions that joined them): tune P 0.895 R 0.818 (2,147
figures), check P 0.750 R 0.664 (2,173); heldout13-23 (read in part): tune 0.769 / 0.726 (930),
check 0.739 / 0.632 (1,081); heldout24-28 (read only by h28r's three small families): tune
0.624 / 0.640 (436), check 0.712 / 0.642 (525). The rules reach about 0.72 / 0.64 on every
group's unread half, as on the blind sets (heldout28 0.684 / 0.636, heldout29 0.721 / 0.688):
the passes raised the halves they read by about 0.15 in both, and on the halves no pass read
the rules score alike in every group.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from transplant_audit.extract.evaluate import Tally

REALTEXT = Path(__file__).resolve().parents[1] / "tests" / "extract" / "realtext"


def _pooled(halves: list[list[dict]]) -> Tally:
    """The rules' (tp, fp, fn) on ``halves``, pooled over them and their languages."""
    from transplant_audit.extract.evaluate import evaluate_values, summed

    return summed(t for docs in halves for t in evaluate_values(docs).by_language.values())


def _cell(t: Tally) -> str:
    return f"P {t.precision:.3f} R {t.recall:.3f} ({t.tp + t.fn:,} figures)"


def _groups(spec: str) -> list[tuple[int, int]]:
    out = []
    for part in spec.split(","):
        lo, _, hi = part.partition("-")
        out.append((int(lo), int(hi or lo)))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "--groups", default="3-12,13-23,24-28", help="ranges of heldoutN, e.g. 3-12,24-28"
    )
    args = ap.parse_args(argv)
    sys.path.insert(0, str(REALTEXT))
    import build_set  # the one place sets are split

    from transplant_audit.extract import learned

    joined = set(_joined())
    for lo, hi in _groups(args.groups):
        names = [f"heldout{n}" for n in range(lo, hi + 1)]
        missing = [n for n in names if n not in joined]
        if missing:
            print(f"refused: {', '.join(missing)} not joined by halves (blind or unknown)")
            return 2
        halves = [build_set.halves(name) for name in names]
        tune, check = _pooled([t for t, _ in halves]), _pooled([c for _, c in halves])
        print(f"heldout{lo}-{hi}: tune {_cell(tune)} | check {_cell(check)}")
    print(f"(rules of this checkout; the default method is {learned.DEFAULT_METHOD})")
    return 0


def _joined() -> tuple[str, ...]:
    """The sets joined by halves: the trainer's ``HALF_SETS`` (a blind set never is)."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))
    import train_extractor

    return tuple(train_extractor.HALF_SETS)


if __name__ == "__main__":
    raise SystemExit(main())
