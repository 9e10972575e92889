"""Benchmark the too-smooth test: batched refits vs a per-simulation loop (baseline, same run).

The smoothness p-value refits three formulas to every simulated series. The
batched kernel (dispersion._select_and_disperse) fits all simulations at once
with NumPy; the baseline refits each simulated series one by one with the
same Poisson-weighted formulas. Both run here on the same synthetic series;
the script prints seconds per 1,000 simulations and the speed-up ratio, and
checks that both give the same dispersion for the same simulated series.

Run: python benchmarks/bench_forensics.py
"""

from __future__ import annotations

import time

import numpy as np

from transplant_audit.forensics import dispersion


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


if __name__ == "__main__":
    main()
