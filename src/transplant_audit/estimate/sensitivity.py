"""Which assumption drives the answer: Sobol indices (SALib) and a one-at-a-time tornado.

Both evaluate the model on the national total of one year, with every
observation at the middle of its measurement range (only the assumptions vary),
in one vectorised call per batch of sample points: the model is ``simulate``
with the sample points as its "draws".
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from transplant_audit.estimate import engine
from transplant_audit.estimate.assumptions import Assumption

CHUNK = 4_096
"""Sample points per fast-model call. The model's arrays are atoms x points (float64), so
20,000 points (the estimate's chunk) allocate hundreds of MB per call; measured on the bundled
data, Sobol indices and tornado took 1.33 s with 20,000 points per call and 0.29 s with 4,096,
with the same results (every point is evaluated on its own, though vectorised sums may group
terms by the chunk and move the last bits: 4,096 gave identical indices, a 700-point chunk moved
a Sobol index by 7e-18, numpy 2.4, 2026-12-06; tests/estimate/test_sensitivity_chunk.py allows
rtol 1e-9; benchmarks/bench_cli.py times the report). The gain is on the first call in a
process, the one a CLI run or report makes: repeated in one process, both sizes took about
0.27 s (2026-12-05, load 3.3)."""


def _evaluate_all(
    prep: engine.Prepared, params: Mapping[str, np.ndarray], year_index: int
) -> dict[str, np.ndarray]:
    """National total of one year for every sample point, for every scenario the fast
    model computes (one evaluation serves them all; batched on threads)."""
    from concurrent.futures import ThreadPoolExecutor

    from transplant_audit.estimate.api import THREADS
    from transplant_audit.estimate.fastpath import FastModel

    fast = FastModel.build(prep)
    n = len(next(iter(params.values())))

    def run(a: int) -> dict[str, np.ndarray]:
        chunk = {k: v[a : a + CHUNK] for k, v in params.items()}
        nat = fast.national(chunk, None).national
        return {sc: np.asarray(v[year_index], dtype=float) for sc, v in nat.items()}

    starts = range(0, n, CHUNK)
    if len(starts) == 1 or THREADS <= 1:
        parts = [run(a) for a in starts]
    else:
        with ThreadPoolExecutor(max_workers=THREADS) as pool:
            parts = list(pool.map(run, starts))
    return {sc: np.concatenate([p[sc] for p in parts]) for sc in parts[0]}


def _evaluate(
    prep: engine.Prepared, params: Mapping[str, np.ndarray], year_index: int, scenario: str
) -> np.ndarray:
    """National total of one year of ``scenario`` for every sample point."""
    return _evaluate_all(prep, params, year_index)[scenario]


def varying(assumptions: Mapping[str, Assumption]) -> list[str]:
    return [n for n in sorted(assumptions) if assumptions[n].varies]


@dataclass(frozen=True)
class SobolRuns:
    """One Saltelli design (SALib sample) and the model's output at its points, for every
    scenario: Sobol indices of any scenario are computed from it without running the
    model again (the headline's capacity indices share the combined total's design)."""

    names: list[str]
    outputs: dict[str, np.ndarray]
    seed: int


def sobol_runs(
    prep: engine.Prepared,
    assumptions: Mapping[str, Assumption],
    year_index: int,
    *,
    n: int = 1024,
    seed: int = 0,
) -> SobolRuns:
    """The Saltelli design of ``n`` base samples (N(D+2) points, SALib) and the national
    total of one year at each point, for every scenario. Fixed assumptions stay at
    their median and are left out of the design."""
    from SALib.sample import sobol as sobol_sample

    names = varying(assumptions)
    if not names:
        return SobolRuns(names, {}, seed)
    n = int(2 ** max(1, int(np.ceil(np.log2(max(n, 2))))))  # Sobol' sequences want powers of two
    unit = sobol_sample.sample(_problem(names), n, calc_second_order=False, seed=seed)
    params = {name: assumptions[name].ppf(unit[:, i]) for i, name in enumerate(names)}
    for name, a in assumptions.items():
        if name not in params:
            params[name] = np.full(len(unit), a.median)
    return SobolRuns(names, _evaluate_all(prep, params, year_index), seed)


def _problem(names: list[str]) -> dict[str, Any]:
    return {"num_vars": len(names), "names": names, "bounds": [[0.0, 1.0]] * len(names)}


def sobol_indices(runs: SobolRuns, scenario: str = "combined") -> pd.DataFrame:
    """First-order (S1) and total (ST) Sobol indices of ``scenario`` from a shared design
    (``SALib.analyze.sobol.analyze``). Columns: assumption, S1, S1_conf, ST, ST_conf."""
    from SALib.analyze import sobol as sobol_analyze

    names = runs.names
    cols = ["assumption", "S1", "S1_conf", "ST", "ST_conf"]
    if not names:
        return pd.DataFrame(columns=cols)
    y = runs.outputs[scenario]
    if np.allclose(y, y[0]):
        return pd.DataFrame(
            {"assumption": names, "S1": 0.0, "S1_conf": 0.0, "ST": 0.0, "ST_conf": 0.0}
        )
    res = sobol_analyze.analyze(
        _problem(names), y, calc_second_order=False, print_to_console=False, seed=runs.seed
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
    runs = sobol_runs(prep, assumptions, year_index, n=n, seed=seed)
    return sobol_indices(runs, scenario)


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
