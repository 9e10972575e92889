"""core._ONE_EVENT_MAX on the readable Chinese sets: the rules' candidates a cap drops, by band
of value, and how many of them are gold figures (same indicator, value within 2%).

Readable sets only (period_branches.READABLE: dev, dev2, held-out v1, heldout2, tune halves),
all tuned on: the tallies say what the cap did there, not what it does on unseen text.

Run: PYTHONPATH=src python benchmarks/one_event_cap.py
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import period_branches  # noqa: E402

from transplant_audit.extract import core  # noqa: E402
from transplant_audit.extract.evaluate import value_only_matches  # noqa: E402

BANDS = ((0, 4), (4, 10), (10, 10**9))


def _keys(text: str, cap: int) -> dict[tuple, object]:
    core._ONE_EVENT_MAX = cap
    return {(c.start, c.indicator, c.value): c for c in core.extract_candidates(text)}


def main() -> None:
    kept = core._ONE_EVENT_MAX
    tally: Counter = Counter()
    try:
        for name in period_branches.READABLE:
            for d in period_branches.load(name):
                if not d["language"].startswith("zh"):
                    continue
                by_cap = {cap: _keys(d["text"], cap) for band in BANDS for cap in band}
                for lo, hi in BANDS:
                    for start, indicator, value in by_cap[lo].keys() - by_cap[hi].keys():
                        c = by_cap[lo][(start, indicator, value)]
                        right = any(
                            value_only_matches(c, g) and g["indicator"] == indicator
                            for g in d.get("gold", [])
                        )
                        tally[(f"{lo + 1}-{hi}", right)] += 1
    finally:
        core._ONE_EVENT_MAX = kept
    for lo, hi in BANDS:
        band = f"{lo + 1}-{hi}"
        right, false = tally[(band, True)], tally[(band, False)]
        print(f"values {band}: {right + false} dropped, {right} of them gold figures")


if __name__ == "__main__":
    main()
