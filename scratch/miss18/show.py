"""Print readable snippets by id (readable sets only) with gold and rules candidates."""

import sys

sys.path.insert(0, "benchmarks")
import bench_extract as be
from missed_values import READABLE

from transplant_audit.extract.core import extract_candidates

want = set(sys.argv[1:])
for name in READABLE:
    for d in be.load_realtext(name):
        if d["id"] in want:
            print(f"=== {name} {d['id']} {d['language']}\n{d['text']}")
            print("  gold:", [(g["indicator"], g["value"]) for g in d.get("gold", [])])
            print("  cand:", [(c.indicator, c.value) for c in extract_candidates(d["text"])])
