"""Benchmark applying reviewer decisions: one `review --candidate ID` process per decision
vs one `review --decisions FILE` process for all of them.

Run:  python benchmarks/bench_review_decisions.py [--figures 6]

A SYNTHETIC page with ``--figures`` bed counts is made, captured and extracted twice, in
two fresh homes, in this run; then its candidates are all accepted (as national figures)
one process per decision in the first home, and with one decisions file in the second.
Printed: wall-clock seconds for each and decisions per minute.
"""

from __future__ import annotations

import argparse
import csv
import json
import subprocess
import tempfile
import time
from pathlib import Path


def ta(home: Path, *args: str) -> str:
    cmd = ["transplant-audit", *args, "--home", str(home)]
    return subprocess.run(cmd, check=True, capture_output=True, text=True).stdout


def prepare(root: Path, name: str, n: int) -> tuple[Path, list[str]]:
    home = root / name
    page = root / "page.txt"
    text = "".join(f"合成测试:第{i + 1}病区现有床位{40 + i}张。\n" for i in range(n))
    page.write_text(text, encoding="utf-8")
    sid = json.loads(
        ta(home, "capture", str(page), "--url", "https://example.invalid/p", "--json")
    )[0]["source_id"]
    cands = json.loads(ta(home, "extract", sid, "--json"))
    return home, [c["candidate_id"] for c in cands]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--figures", type=int, default=6)
    n = ap.parse_args().figures
    with tempfile.TemporaryDirectory(prefix="bench-review-") as tmp:
        root = Path(tmp)
        home1, ids1 = prepare(root, "one-by-one", n)
        home2, ids2 = prepare(root, "file", n)
        t0 = time.perf_counter()
        for cid in ids1:
            ta(home1, "review", "--candidate", cid, "--accept", "--national", "--reviewer", "bench")
        one_by_one = time.perf_counter() - t0
        f = root / "decisions.csv"
        with f.open("w", newline="", encoding="utf-8") as fh:
            w = csv.writer(fh)
            w.writerow(["candidate", "action", "hospital", "set", "reason"])
            w.writerows([[cid, "accept", "national", "", ""] for cid in ids2])
        t0 = time.perf_counter()
        ta(home2, "review", "--decisions", str(f), "--reviewer", "bench")
        in_file = time.perf_counter() - t0
    k = len(ids1)
    print(f"{k} synthetic candidates accepted")
    print(
        f"baseline, one review --candidate per decision: {one_by_one:6.1f} s "
        f"({60 * k / one_by_one:6.1f} decisions/min)"
    )
    print(
        f"review --decisions FILE, one run:              {in_file:6.1f} s "
        f"({60 * k / in_file:6.1f} decisions/min)"
    )
    print(f"speed-up: {one_by_one / in_file:.1f}x")


if __name__ == "__main__":
    main()
