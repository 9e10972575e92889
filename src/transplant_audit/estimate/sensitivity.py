"""Which assumption drives the answer: Sobol indices (SALib) and a one-at-a-time tornado.

Both evaluate the model on the national total of one year, with every
observation at the middle of its measurement range (only the assumptions vary),
in one vectorised call per batch of sample points: the model is ``simulate``
with the sample points as its "draws".
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from transplant_audit.estimate import engine
from transplant_audit.estimate.assumptions import Assumption

CHUNK = 4_096
"""Sample points per fast-model call. The model's arrays are atoms x points (float64), so
20,000 points (the estimate's chunk) allocate hundreds of MB per call; measured on the bundled
data, Sobol indices and tornado took 1.33 s with 20,000 points per call and 0.29 s with 4,096,
with identical results (every point is evaluated on its own; benchmarks/bench_cli.py times
the report). The gain is on the first call in a process, the one a CLI run or report makes:
repeated in one process, both sizes took about 0.27 s (2026-12-05, load 3.3)."""


def _evaluate(
    prep: engine.Prepared, params: Mapping[str, np.ndarray], year_index: int, scenario: str
) -> np.ndarray:
    """National total of one year for every sample point (fast path, batched on threads)."""
    from concurrent.futures import ThreadPoolExecutor

    from transplant_audit.estimate.api import THREADS
    from transplant_audit.estimate.fastpath import FastModel

    fast = FastModel.build(prep)
    n = len(next(iter(params.values())))
    out = np.empty(n)

    def run(a: int) -> None:
        chunk = {k: v[a : a + CHUNK] for k, v in params.items()}
        out[a : a + CHUNK] = fast.national(chunk, None).national[scenario][year_index]

    starts = range(0, n, CHUNK)
    if len(starts) == 1 or THREADS <= 1:
        for a in starts:
            run(a)
    else:
        with ThreadPoolExecutor(max_workers=THREADS) as pool:
            list(pool.map(run, starts))
    return out


def varying(assumptions: Mapping[str, Assumption]) -> list[str]:
    return [n for n in sorted(assumptions) if assumptions[n].varies]


def sobol(
    prep: engine.Prepared,
    assumptions: Mapping[str, Assumption],
    year_index: int,
    *,
    n: int = 1024,
    scenario: str = "combined",
    seed: int = 0,
) -> pd.DataFrame:
    """First-order (S1) and total (ST) Sobol indices of the national total.

    Saltelli's scheme via SALib (``SALib.sample.sobol.sample`` with ``n`` base
    samples, N(D+2) model runs, then ``SALib.analyze.sobol.analyze``; Saltelli
    et al. 2010, Comput. Phys. Commun. 181:259). The unit-cube points are mapped
    through each assumption's quantile function, so any distribution works.
    Fixed assumptions are left out. Columns: assumption, S1, S1_conf, ST, ST_conf.
    """
    from SALib.analyze import sobol as sobol_analyze
    from SALib.sample import sobol as sobol_sample

    names = varying(assumptions)
    cols = ["assumption", "S1", "S1_conf", "ST", "ST_conf"]
    if not names:
        return pd.DataFrame(columns=cols)
    problem = {"num_vars": len(names), "names": names, "bounds": [[0.0, 1.0]] * len(names)}
    n = int(2 ** max(1, int(np.ceil(np.log2(max(n, 2))))))  # Sobol' sequences want powers of two
    unit = sobol_sample.sample(problem, n, calc_second_order=False, seed=seed)
    params = {name: assumptions[name].ppf(unit[:, i]) for i, name in enumerate(names)}
    for name, a in assumptions.items():
        if name not in params:
            params[name] = np.full(len(unit), a.median)
    y = _evaluate(prep, params, year_index, scenario)
    if np.allclose(y, y[0]):
        return pd.DataFrame(
            {"assumption": names, "S1": 0.0, "S1_conf": 0.0, "ST": 0.0, "ST_conf": 0.0}
        )
    res = sobol_analyze.analyze(
        problem, y, calc_second_order=False, print_to_console=False, seed=seed
    )
    df = pd.DataFrame(
        {
            "assumption": names,
            "S1": res["S1"],
            "S1_conf": res["S1_conf"],
            "ST": res["ST"],
            "ST_conf": res["ST_conf"],
        }
    )
    return df.sort_values("ST", ascending=False, ignore_index=True)


def tornado(
    prep: engine.Prepared,
    assumptions: Mapping[str, Assumption],
    year_index: int,
    *,
    scenario: str = "combined",
) -> pd.DataFrame:
    """One at a time: each assumption at its 5th and 95th percentile, the others at their median.

    Columns: assumption, low_value, high_value, total_at_low, total_at_high,
    swing (|high - low|), base.
    Sorted by swing, largest first.
    """
    names = varying(assumptions)
    cols = [
        "assumption",
        "low_value",
        "high_value",
        "total_at_low",
        "total_at_high",
        "swing",
        "base",
    ]
    m = 1 + 2 * len(names)
    base = {k: np.full(m, a.median) for k, a in assumptions.items()}
    lows, highs = [], []
    for i, name in enumerate(names):
        lo, hi = (float(v) for v in assumptions[name].ppf(np.array([0.05, 0.95])))
        base[name][1 + 2 * i] = lo
        base[name][2 + 2 * i] = hi
        lows.append(lo)
        highs.append(hi)
    y = _evaluate(prep, base, year_index, scenario)
    rows = []
    for i, name in enumerate(names):
        a, b = y[1 + 2 * i], y[2 + 2 * i]
        rows.append(
            {
                "assumption": name,
                "low_value": lows[i],
                "high_value": highs[i],
                "total_at_low": a,
                "total_at_high": b,
                "swing": abs(b - a),
                "base": y[0],
            }
        )
    df = pd.DataFrame(rows, columns=cols)
    return df.sort_values("swing", ascending=False, ignore_index=True)
