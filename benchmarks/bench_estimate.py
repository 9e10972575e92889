"""Benchmark: the vectorised estimate against a straightforward row-by-row pandas version.

Runs, on the bundled data package (all hospitals, 2000-2020):

1. ``estimate(evidence, draws=100_000)``: wall time and peak memory (RSS);
2. the same model written the obvious way (``naive_national``: pandas
   ``itertuples`` over the figure rows, Python dicts per hospital-year, one draw
   at a time) on the same table, the same assumption draws and the same
   measurement noise. It is far too slow for 100,000 draws, so it runs a
   subsample of draws and its time is scaled linearly (said in the output);
   both versions' national totals are compared on that subsample;
3. Sobol indices with N = 8192 base samples (N x (D + 2) model runs).

Targets (issue 3): >= 50x faster than the straightforward version, < 5 s and
< 2 GB for 100,000 draws, Sobol N = 8192 < 60 s. Usage:
``python benchmarks/bench_estimate.py [--draws 100000] [--naive-draws 20] [--sobol-n 8192]``.
"""

from __future__ import annotations

import argparse
import math
import os
import resource
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

from transplant_audit.estimate import api, engine
from transplant_audit.estimate.api import DEFAULT_SEED, estimate
from transplant_audit.evidence.package import read_package
from transplant_audit.paths import bundled_package_dir


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def naive_national(
    table: engine.Table, params: dict[str, float], u: np.ndarray
) -> dict[str, np.ndarray]:
    """One draw of the model, row by row with pandas and dicts (the baseline)."""
    years = [int(y) for y in table.years]
    qual = table.fig_qual
    a = {
        0: 0.0,
        1: 2 * params["approx_relative_half_width"],
        2: params["at_least_max_uplift"],
        3: -params["at_most_max_shortfall"],
    }
    c = {0: 0.0, 1: 0.5, 2: 0.0, 3: 0.0}

    def fac(f: int) -> float:
        return 1.0 + a[int(qual[f])] * (u[f] - c[int(qual[f])])

    def occ(h: int) -> float:
        own = table.own_occupancy[h]
        return (
            params["occupancy_rate"]
            if math.isnan(own)
            else own * fac(int(table.own_occupancy_fig[h]))
        )

    def los(h: int, g: int) -> float:
        own = table.own_los[h, g]
        if not math.isnan(own):
            return own * fac(int(table.own_los_fig[h]))
        return params[engine.LOS_NAME[engine.ORGAN_GROUPS[g]]]

    k = math.floor(params["carry_window_years"])
    y0 = math.floor(params["undated_figure_year"])
    uns = engine.ORGAN_GROUPS.index("unspecified")

    def frame(rows: engine.Rows) -> pd.DataFrame:
        return pd.DataFrame(
            {
                "h": rows.h,
                "y": rows.y,
                "g": rows.group,
                "value": rows.value,
                "dist": rows.dist,
                "fig": rows.fig,
            }
        )

    def beds(rows: engine.Rows, share: float) -> dict[tuple[int, int], float]:
        spec: dict[tuple[int, int], float] = {}
        unsplit: dict[tuple[int, int], float] = {}
        for r in frame(rows).itertuples():
            dist = abs(years[r.y] - y0) if math.isnan(r.dist) else r.dist
            if dist > k:
                continue
            v = r.value * fac(r.fig) * share * occ(r.h) * 365 / los(r.h, r.g)
            key = (r.h, r.y)
            if r.g == uns:
                unsplit[key] = max(unsplit.get(key, 0.0), v)
            else:
                spec[key] = spec.get(key, 0.0) + v
        out = dict(spec)
        for key, v in unsplit.items():
            out[key] = max(out.get(key, 0.0), v)
        return out

    bed = beds(table.beds, 1.0)
    for key, v in beds(table.dept_beds, params["transplant_share_of_department_beds"]).items():
        bed.setdefault(key, v)
    others: dict[tuple[int, int], float] = {}
    for r in frame(table.surgeons).itertuples():
        dist = abs(years[r.y] - y0) if math.isnan(r.dist) else r.dist
        if dist <= k:
            key = (r.h, r.y)
            others[key] = (
                others.get(key, 0.0)
                + r.value * fac(r.fig) * params["transplants_per_surgeon_per_year"]
            )
    lic_year = params["licensing_year"]
    for h in range(table.n_hosp):
        if not table.licensed[h]:
            continue
        ly = lic_year if math.isnan(table.licence_year[h]) else table.licence_year[h]
        mr = params["licence_minimum_transplant_beds"] * occ(h) * 365 / los(h, uns)
        for yi, y in enumerate(years):
            if y >= ly:
                others[(h, yi)] = max(others.get((h, yi), 0.0), mr)
    rev: dict[tuple[int, int], float] = {}
    for r in frame(table.revenue).itertuples():
        own = table.own_price[r.h]
        price = params["price_per_transplant_cny"] if math.isnan(own) else own
        rev[(r.h, r.y)] = rev.get((r.h, r.y), 0.0) + r.value * fac(r.fig) / price
    for key, v in rev.items():
        others[key] = max(others.get(key, 0.0), v)
    cap = dict(others)
    cap.update(bed)
    per_key: dict[tuple[int, int, int], float] = {}
    for r in frame(table.reported).itertuples():
        key = (r.h, r.y, r.g)
        per_key[key] = max(per_key.get(key, 0.0), r.value * fac(r.fig))
    rep: dict[tuple[int, int], float] = {}
    rep_uns: dict[tuple[int, int], float] = {}
    ukey = engine.ORGAN_KEYS.index("unspecified")
    for (h, y, g), v in per_key.items():
        if g == ukey:
            rep_uns[(h, y)] = max(rep_uns.get((h, y), 0.0), v)
        else:
            rep[(h, y)] = rep.get((h, y), 0.0) + v
    for key, v in rep_uns.items():
        rep[key] = max(rep.get(key, 0.0), v)
    util = params["capacity_utilisation"]
    comb = {key: max(rep.get(key, 0.0), util * cap.get(key, 0.0)) for key in set(rep) | set(cap)}
    minward = (
        params["licence_minimum_transplant_beds"]
        * params["occupancy_rate"]
        * 365
        / params["length_of_stay_days_mixed"]
    )
    out = {s: np.zeros(len(years)) for s in engine.SCENARIOS}
    g = params["centres_growth_2000_to_2004"]
    for yi, y in enumerate(years):
        ramp = 1 / g + (1 - 1 / g) * min(max((y - 2000) / 4, 0), 1)
        for scen, vals, per in (("capacity", cap, minward), ("combined", comb, minward * util)):
            present = [h for (h, yy) in vals if yy == yi]
            total = sum(vals[(h, yi)] for h in present)
            n_lic = sum(1 for h in present if table.licensed[h])
            n_unl = len(present) - n_lic
            if y < lic_year:
                total += max(params["centres_total"] * ramp - len(present), 0) * per
            else:
                total += max(params["centres_licensed"] - n_lic, 0) * per
                n_u = (
                    max(params["centres_total"] - params["centres_licensed"], 0)
                    * params["unlicensed_active_share_after_2007"]
                )
                total += max(n_u - n_unl, 0) * per
            out[scen][yi] = total
        out["documented"][yi] = sum(v for (h, yy), v in rep.items() if yy == yi)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--draws", type=int, default=100_000)
    ap.add_argument("--naive-draws", type=int, default=20)
    ap.add_argument("--sobol-n", type=int, default=8192)
    ap.add_argument("--package", type=Path, default=bundled_package_dir())
    args = ap.parse_args(argv)

    evidence = read_package(args.package)
    years = "2000-2020"
    assumptions, _ = api.load_assumptions(evidence)
    year_arr = api.parse_years(years, api.evidence_years(evidence))
    table = engine.build_table(evidence, year_arr)
    prep = engine.prepare(table, assumptions["licensing_year"].median)
    print(
        f"data: {args.package}  hospitals {table.n_hosp} (active {prep.n_act})  years {years}  "
        f"figures {len(table.figures)}  assumptions {len(assumptions)}"
    )

    # same draws and noise for both versions, on a subsample
    rng = np.random.default_rng(DEFAULT_SEED)
    n = args.naive_draws
    params = engine.draw_params(assumptions, rng, n)
    u = rng.random((len(table.figures), n))
    fast = engine.simulate(prep, params, u, light=True)
    t0 = time.perf_counter()
    worst = 0.0
    for d in range(n):
        one = naive_national(table, {k: float(v[d]) for k, v in params.items()}, u[:, d])
        for s in engine.SCENARIOS:
            ref = fast.national[s][:, d]
            worst = max(worst, float(np.max(np.abs(one[s] - ref) / np.maximum(np.abs(ref), 1.0))))
    naive_per_draw = (time.perf_counter() - t0) / n
    print(
        f"straightforward (row-by-row pandas): {naive_per_draw * 1e3:.1f} ms per draw, "
        f"measured on {n} draws;"
        f" scaled to {args.draws:,} draws: {naive_per_draw * args.draws:,.1f} s"
    )
    print(f"  largest relative difference from the vectorised totals on those draws: {worst:.2e}")

    rss0 = peak_rss_mb()
    load0 = os.getloadavg()[0]
    c0 = time.process_time()
    t0 = time.perf_counter()
    result = estimate(evidence, draws=args.draws, years=years)
    fast_s = time.perf_counter() - t0
    cpu_s = time.process_time() - c0
    rss1 = peak_rss_mb()
    print(
        f"vectorised estimate(): {args.draws:,} draws in {fast_s:.2f} s "
        f"(includes table build, per-hospital and split summaries)"
    )
    print(
        f"  peak RSS {rss1:,.0f} MB (before the run {rss0:,.0f} MB); CPU time {cpu_s:.2f} s "
        f"(all threads); machine load average {load0:.1f} on {os.cpu_count()} cores at the start"
    )
    ratio = naive_per_draw * args.draws / fast_s
    print(
        f"speed-up: {ratio:,.0f}x  (target >= 50x); time target < 5 s: "
        f"{'met' if fast_s < 5 else 'NOT met'}; "
        f"memory target < 2 GB: {'met' if rss1 < 2048 else 'NOT met'}"
    )
    nat = result.national()
    row = nat[(nat.year == 2016) & (nat.scenario == "combined")].iloc[0]
    print(
        f"  (combined 2016: median {row['median']:,.0f}, "
        f"90% interval {row['p05']:,.0f}-{row['p95']:,.0f})"
    )

    if args.sobol_n:
        from transplant_audit.estimate import sensitivity

        year = result.sensitivity_year()
        yi = int(np.nonzero(year_arr == year)[0][0])
        t0 = time.perf_counter()
        sob = sensitivity.sobol(prep, assumptions, yi, n=args.sobol_n, seed=DEFAULT_SEED)
        sob_s = time.perf_counter() - t0
        runs = args.sobol_n * (len(sensitivity.varying(assumptions)) + 2)
        print(
            f"Sobol N={args.sobol_n}: {runs:,} model runs in {sob_s:.1f} s (target < 60 s: "
            f"{'met' if sob_s < 60 else 'NOT met'}); year {year}; top: "
            + ", ".join(f"{r.assumption} ST={r.ST:.2f}" for r in sob.head(3).itertuples())
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
