"""Benchmark: the headline's two Sobol analyses (combined total for --json, capacity for the
calibrated headline's drivers) on one shared design against one design each.

Baseline (what summary() did before): ``sensitivity.sobol`` twice, each drawing the SALib
sample and running the model on its N(D+2) points. Now: ``sensitivity.sobol_runs`` once
(one sample, one model run giving every scenario) and ``sobol_indices`` per scenario. On
the bundled data, the sensitivity year, both measured in this run, interleaved, after one
warm-up; the script also checks that both ways give identical indices. Usage:
``python benchmarks/bench_sobol_shared.py [--n 1024] [--repeats 3]``.
"""

from __future__ import annotations

import argparse
import statistics
import time

import pandas as pd

from transplant_audit.estimate import api, engine, sensitivity
from transplant_audit.estimate.api import DEFAULT_SEED, estimate
from transplant_audit.evidence.load import load_evidence

SCENARIOS = ("combined", "capacity")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=1024, help="Sobol base samples (as estimate)")
    ap.add_argument("--repeats", type=int, default=3)
    args = ap.parse_args(argv)
    evidence = load_evidence()
    result = estimate(evidence, draws=200)
    everything, _ = api.load_assumptions(evidence)
    assumptions, carry_back, _ = api.split_carry_back(everything)
    table = engine.build_table(evidence, result.years, carry_back=carry_back)
    prep = engine.prepare(table, assumptions["licensing_year"].median)
    yi = int(list(result.years).index(result.sensitivity_year()))

    def separate() -> dict[str, pd.DataFrame]:
        return {
            s: sensitivity.sobol(prep, assumptions, yi, n=args.n, scenario=s, seed=DEFAULT_SEED)
            for s in SCENARIOS
        }

    def shared() -> dict[str, pd.DataFrame]:
        runs = sensitivity.sobol_runs(prep, assumptions, yi, n=args.n, seed=DEFAULT_SEED)
        return {s: sensitivity.sobol_indices(runs, s) for s in SCENARIOS}

    a, b = separate(), shared()  # warm-up, and the identity check
    for s in SCENARIOS:
        pd.testing.assert_frame_equal(a[s], b[s])
    times: dict[str, list[float]] = {"separate": [], "shared": []}
    for _ in range(args.repeats):
        for name, fn in (("separate", separate), ("shared", shared)):
            t0 = time.perf_counter()
            fn()
            times[name].append(time.perf_counter() - t0)
    base, new = (statistics.median(times[k]) for k in ("separate", "shared"))
    print(
        f"Sobol n={args.n}, {len(sensitivity.varying(assumptions))} assumptions, "
        f"year {result.sensitivity_year()}, scenarios {', '.join(SCENARIOS)}"
    )
    print(f"identical indices: yes ({len(SCENARIOS)} scenarios)")
    print(f"baseline, one design each: median {base:.2f} s  {times['separate']}")
    print(f"shared design:             median {new:.2f} s  {times['shared']}")
    print(f"saved {base - new:.2f} s ({base / new:.2f}x)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
