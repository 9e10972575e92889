"""Benchmark the too-smooth test: batched refits vs a per-simulation loop (baseline, same run).

The smoothness p-value refits three formulas to every simulated series. The
batched kernel (dispersion._select_and_disperse) fits all simulations at once
with NumPy; the baseline refits each simulated series one by one with the
same Poisson-weighted formulas. Both run here on the same synthetic series;
the script prints seconds per 1,000 simulations and the speed-up ratio, and
checks that both give the same dispersion for the same simulated series.

Second part, the reference ranking (issue 13): every window of every reference
series (the GODT country table plus national registries, deceased-donor counts)
for every window length 5–18, ranked by general-quadratic adjusted R²,
one-parameter-quadratic adjusted R² and dispersion, batched
(``ranking.ranking_table``) against a per-window loop (baseline: one
``fits.fit_formula`` and one ``observed_dispersion`` per window, what the
previous version did), on the same windows; then ``run_forensics`` on all
official series (what ``forensics --all`` computes) and the ``forensics --all``
command end to end, against the 10 s target.

Run: python benchmarks/bench_forensics.py
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

from transplant_audit.evidence.package import read_package
from transplant_audit.forensics import dispersion, fits, ranking, run_forensics

REPO = Path(__file__).resolve().parents[1]


def baseline(years: np.ndarray, sims: np.ndarray) -> np.ndarray:
    """The same computation one simulated series at a time (what a naive loop does)."""
    out = np.empty(sims.shape[1])
    for j in range(sims.shape[1]):
        _, d, _ = dispersion._select_and_disperse(years, sims[:, [j]])
        out[j] = d[0]
    return out


def main() -> None:
    years = np.arange(2010, 2019).astype(float)
    mu = 80 * (years - 2009.3) ** 2 + 40  # synthetic curve
    rng = np.random.default_rng(1)
    n_base, n_batch = 500, 20_000
    sims = rng.poisson(np.repeat(mu[:, None], n_batch, 1)).astype(float)

    t0 = time.perf_counter()
    d_base = baseline(years, sims[:, :n_base])
    t_base = time.perf_counter() - t0

    t0 = time.perf_counter()
    _, d_batch, _ = dispersion._select_and_disperse(years, sims)
    t_batch = time.perf_counter() - t0

    same = np.allclose(d_base, d_batch[:n_base], rtol=1e-6, atol=1e-9)
    per_k_base = t_base / n_base * 1000
    per_k_batch = t_batch / n_batch * 1000
    base_txt = f"{n_base:>6} simulations in {t_base:.3f} s = {per_k_base:.4f} s per 1,000"
    batch_txt = f"{n_batch:>6} simulations in {t_batch:.3f} s = {per_k_batch:.4f} s per 1,000"
    print(f"baseline loop : {base_txt}")
    print(f"batched kernel: {batch_txt}")
    print(f"speed-up (baseline / batched, per simulation): {per_k_base / per_k_batch:.1f}x")
    print(f"same dispersion values on the shared simulations: {same}")

    t0 = time.perf_counter()
    dispersion.smoothness_test(years, np.round(mu), n_sim=4000)
    print(f"one smoothness_test with 4,000 simulations: {time.perf_counter() - t0:.3f} s")
    bench_ranking()


def _loop_ranking(wins: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Baseline: each window fitted on its own (quadratic, one-parameter, dispersion)."""
    t = np.arange(wins.shape[0], dtype=float)
    q, q1, d = (np.empty(wins.shape[1]) for _ in range(3))
    for j in range(wins.shape[1]):
        q[j] = fits.fit_formula(t, wins[:, j], "quadratic").adj_r2
        q1[j] = fits.fit_formula(t, wins[:, j], "quadratic_1p").adj_r2
        d[j] = dispersion.observed_dispersion(t, wins[:, j])[1]
    return q, q1, d


def bench_ranking() -> None:
    evidence = read_package(REPO / "data")
    ref = evidence.reference_series
    lengths = range(5, 19)
    t0 = time.perf_counter()
    total = 0
    tables = {}
    for n in lengths:
        years = np.arange(2000, 2000 + n)
        tables[n] = ranking.ranking_table(
            ref, "synthetic", years, np.round(117.0 * (years - 1999) ** 2)
        )
        total += int((~tables[n]["tested"]).sum())
    t_batch = time.perf_counter() - t0
    print(f"reference ranking, batched: {total} windows (lengths 5–18) in {t_batch:.3f} s")

    n = 9
    _, wins = ranking.reference_windows(ref, n)
    t0 = time.perf_counter()
    q, q1, d = _loop_ranking(wins)
    t_loop = time.perf_counter() - t0
    batch = ranking.window_statistics(np.arange(n, dtype=float), wins)
    t0 = time.perf_counter()
    ranking.window_statistics(np.arange(n, dtype=float), wins)
    t_b9 = time.perf_counter() - t0
    same = (
        np.allclose(q, batch["adj_r2"], atol=1e-9)
        and np.allclose(q1, batch["adj_r2_1p"], atol=1e-6)
        and np.allclose(d, batch["dispersion"], rtol=1e-6)
    )
    print(
        f"{wins.shape[1]} nine-year windows: per-window loop {t_loop:.3f} s, batched "
        f"{t_b9:.3f} s ({t_loop / max(t_b9, 1e-9):.0f}x); same statistics: {same}"
    )

    t0, c0 = time.perf_counter(), time.process_time()
    res = run_forensics(evidence)
    t_run, c_run = time.perf_counter() - t0, time.process_time() - c0
    print(
        f"run_forensics on all official series: {len(res.results)} tests in {t_run:.2f} s "
        f"wall, {c_run:.2f} s CPU"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "transplant_audit.cli", "forensics", "--all"],
        env=env,
        capture_output=True,
        check=True,
    )
    t_cli = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    load = os.getloadavg()[0]
    print(
        f"forensics --all end to end: {t_cli:.2f} s wall, {cpu:.2f} s CPU (target under 10 s "
        f"on 2 cores; load average {load:.1f} on {os.cpu_count()} cores while measuring: "
        "wall time includes waiting for the CPU)"
    )


if __name__ == "__main__":
    main()
