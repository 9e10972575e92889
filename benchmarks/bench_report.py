"""Benchmark: the full report on the bundled data vs the estimate alone (baseline, same run).

Target (issue 5): the report with default draws in under 30 seconds on a
2-core machine. The baseline is ``transplant_audit.estimate.estimate`` on the
same evidence with the same draws, measured in this run, so the ratio says
what the report adds on top of the model (sensitivity, forensic tests,
charts, HTML, PDF) independently of how fast this machine is today.

Usage: python benchmarks/bench_report.py [--draws N] [--repeat R] [--no-pdf]
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

TARGET_SECONDS = 30.0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--draws", type=int, default=10_000)
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--no-pdf", action="store_true")
    args = ap.parse_args()

    from transplant_audit.estimate import estimate
    from transplant_audit.evidence.load import read_bundled
    from transplant_audit.report.build import build_report
    from transplant_audit.report.html import vega_bundle

    t = time.perf_counter()
    evidence = read_bundled()
    load_s = time.perf_counter() - t
    vega_bundle()  # warm: built once per machine, then read from the user cache

    est_times: list[float] = []
    rep_times: list[float] = []
    stages: dict[str, float] = {}
    for _ in range(args.repeat):
        t = time.perf_counter()
        estimate(evidence, draws=args.draws)
        est_times.append(time.perf_counter() - t)
        with tempfile.TemporaryDirectory() as tmp:
            t = time.perf_counter()
            out = Path(tmp) / "report"
            files = build_report(evidence, out, draws=args.draws, pdf=not args.no_pdf)
            rep_times.append(time.perf_counter() - t)
            stages = files.seconds
            headline = files.report.headline_text
            problems = files.report.problems

    est = statistics.median(est_times)
    rep = statistics.median(rep_times)
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f}")
    print(f"bundled evidence: read in {load_s:.2f} s")
    print(f"draws: {args.draws}, repeats: {args.repeat}, pdf: {not args.no_pdf}")
    print(f"baseline  estimate alone      : {est:7.2f} s")
    print(f"report    (estimate + all)    : {rep:7.2f} s")
    print(f"ratio     report / estimate   : {rep / est:7.2f}x")
    print("report stages (s): " + ", ".join(f"{k} {v:.2f}" for k, v in stages.items()))
    verdict = "meets" if rep < TARGET_SECONDS else "MISSES"
    print(f"target    < {TARGET_SECONDS:.0f} s               : {verdict} ({rep:.1f} s)")
    for line in headline:
        print(f"headline: {line}")
    if problems:
        print(f"not available: {len(problems)} part(s), first: {problems[0]}")


if __name__ == "__main__":
    main()
