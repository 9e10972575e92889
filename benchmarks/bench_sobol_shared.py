"""Benchmark: the headline's two Sobol analyses (combined total for --json, capacity for the
calibrated headline's drivers) on one shared design against one design each.

Baseline (what summary() did before): the old ``sensitivity.sobol`` twice, written out here
(``_one_design``), each drawing the SALib sample and running the model on its N(D+2)
points. Now: ``sensitivity.sobol_runs`` once (one sample, one model run giving every
scenario) and ``sobol_indices`` per scenario. On the bundled data, the sensitivity year,
both measured in this run, interleaved, after one warm-up; the script also checks that both
ways give identical indices (a check that fails if the shared path maps a name, a seed or a
scenario wrongly). Usage:
``python benchmarks/bench_sobol_shared.py [--n 1024] [--repeats 3]``.
"""

from __future__ import annotations

import argparse
import statistics
import time

import numpy as np
import pandas as pd

from transplant_audit.estimate import api, engine, sensitivity
from transplant_audit.estimate.api import DEFAULT_SEED, estimate
from transplant_audit.evidence.load import load_evidence

SCENARIOS = ("combined", "capacity")
SOBOL_COLUMNS = ("S1", "S1_conf", "ST", "ST_conf")


def _one_design(
    prep: engine.Prepared, assumptions: dict, yi: int, n: int, scenario: str
) -> pd.DataFrame:
    """The analysis as ``sensitivity.sobol`` ran it before the shared design, written out
    here (SALib sample, the model for this one scenario, SALib analyze), so the identity
    check compares against code that does not go through ``sobol_runs``."""
    from SALib.analyze import sobol as sobol_analyze
    from SALib.sample import sobol as sobol_sample

    names = sensitivity.varying(assumptions)
    problem = {"num_vars": len(names), "names": names, "bounds": [[0.0, 1.0]] * len(names)}
    n = int(2 ** max(1, int(np.ceil(np.log2(max(n, 2))))))
    unit = sobol_sample.sample(problem, n, calc_second_order=False, seed=DEFAULT_SEED)
    params = {name: assumptions[name].ppf(unit[:, i]) for i, name in enumerate(names)}
    for name, a in assumptions.items():
        params.setdefault(name, np.full(len(unit), a.median))
    y = sensitivity._evaluate(prep, params, yi, scenario)
    res = sobol_analyze.analyze(
        problem, y, calc_second_order=False, print_to_console=False, seed=DEFAULT_SEED
    )
    df = pd.DataFrame({"assumption": names, **{k: res[k] for k in SOBOL_COLUMNS}})
    return df.sort_values("ST", ascending=False, ignore_index=True)


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
        return {s: _one_design(prep, assumptions, yi, args.n, s) for s in SCENARIOS}

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
