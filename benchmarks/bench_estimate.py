"""Benchmark: the vectorised estimate against a straightforward row-by-row pandas version.

Runs, on the bundled data package (all hospitals, 2000-2020):

each in its own process (so each peak memory is its own), printed side by side:

1. ``estimate(evidence, draws=100_000)`` (flat-prior scenarios) against the same
   model written the obvious way (``naive_national``: pandas ``itertuples`` over
   the figure rows, dicts per hospital-year, one draw at a time) on the same
   table, draws and noise; the baseline runs a subsample and is scaled linearly;
2. the calibrated model's NUTS fit on the bundled data (the stored fit's settings);
3. 1,000 SYNTHETIC hospitals x 10,000 draws: peak memory.

Targets (issue 11): 1. < 5 s and >= 50x the baseline; 2. < 2 min; 3. < 1.5 GB. Usage:
``python benchmarks/bench_estimate.py [--draws 100000] [--naive-draws 20] [--sobol-n 0]``.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import resource
import subprocess
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
            return own * fac(int(table.own_los_fig[h, g]))
        return params[engine.LOS_NAME[engine.ORGAN_GROUPS[g]]]

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
            if math.isnan(r.dist) and years[r.y] < y0:  # undated: counts from y0 on
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
        if not (math.isnan(r.dist) and years[r.y] < y0):
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
            n_lic = sum(1 for h in present if table.licence[h] == "true")
            n_unl = sum(1 for h in present if table.licence[h] == "false")
            n_unk = len(present) - n_lic - n_unl
            if y < lic_year:
                total += max(params["centres_total"] * ramp - len(present), 0) * per
            else:
                n_u = (
                    max(params["centres_total"] - params["centres_licensed"], 0)
                    * params["unlicensed_active_share_after_2007"]
                )
                missing = max(params["centres_licensed"] - n_lic, 0) + max(n_u - n_unl, 0)
                total += max(missing - n_unk, 0) * per  # unknown-status hospitals fill slots
            out[scen][yi] = total
        out["documented"][yi] = sum(v for (h, yy), v in rep.items() if yy == yi)
    return out


def synthetic_evidence(base: object, n_hosp: int, seed: int = 7) -> object:
    """SYNTHETIC evidence for the scale benchmark: ``n_hosp`` invented hospitals, each with a
    dated transplant-ward bed figure, surgeons and two yearly counts; the bundled assumptions."""
    from transplant_audit.evidence.frames import COLUMNS, Evidence

    rng = np.random.default_rng(seed)
    hosp = pd.DataFrame(
        {
            "id": [f"syn_{i:05d}" for i in range(n_hosp)],
            "licensed": rng.choice(["true", "false", "unknown"], n_hosp),
            "military": False,
            "licence_year": np.nan,
        },
        columns=COLUMNS["hospitals"],
    )
    rows = []
    for i, hid in enumerate(hosp["id"]):
        y = int(rng.integers(2000, 2016))
        rows.append((hid, "transplant_beds", "", f"{y}", float(rng.integers(10, 200))))
        rows.append((hid, "transplant_surgeons", "", f"{y}", float(rng.integers(2, 20))))
        for yy in (y, min(y + 3, 2020)):
            rows.append((hid, "transplants_in_period", f"{yy}", "", float(rng.integers(5, 300))))
        del i
    obs = pd.DataFrame(
        [
            {
                "id": f"obs_syn_{k}",
                "hospital_id": h,
                "indicator": ind,
                "period_start": ps,
                "period_end": ps,
                "as_of": asof,
                "value": v,
                "qualifier": "exact",
                "status": "synthetic",
                "bed_scope": "transplant_ward" if ind == "transplant_beds" else "",
            }
            for k, (h, ind, ps, asof, v) in enumerate(rows)
        ],
        columns=list(dict.fromkeys([*COLUMNS["observations"], "bed_scope"])),
    )
    return Evidence(
        sources=base.sources.iloc[:0],
        hospitals=hosp,
        observations=obs,
        official_series=base.official_series.iloc[:0],
        claims=base.claims.iloc[:0],
        assumptions=base.assumptions,
        origin="synthetic (benchmark)",
    )


def part_flat(args: argparse.Namespace) -> dict[str, float]:
    """100,000 flat-prior draws on all bundled hospitals x years, against the row-by-row
    baseline (subsample, scaled) on the same draws and noise."""
    evidence = read_package(args.package)
    years = "2000-2020"
    everything, _ = api.load_assumptions(evidence)
    assumptions, carry_back, _ = api.split_carry_back(everything)
    year_arr = api.parse_years(years, api.evidence_years(evidence))
    table = engine.build_table(evidence, year_arr, carry_back=carry_back)
    prep = engine.prepare(table, assumptions["licensing_year"].median)
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
    t0 = time.perf_counter()
    estimate(evidence, draws=args.draws, years=years, scenarios=list(engine.SCENARIOS))
    fast_s = time.perf_counter() - t0
    out = {
        "seconds": fast_s,
        "baseline_seconds": naive_per_draw * args.draws,
        "worst_rel_diff": worst,
        "hospitals": table.n_hosp,
    }
    if args.sobol_n:
        from transplant_audit.estimate import sensitivity

        t0 = time.perf_counter()
        sensitivity.sobol(prep, assumptions, 16, n=args.sobol_n, seed=DEFAULT_SEED)
        out["sobol_seconds"] = time.perf_counter() - t0
    return out


def part_fit(args: argparse.Namespace) -> dict[str, float]:
    """The calibrated model's NUTS fit on the bundled data (settings of the stored fit)."""
    from transplant_audit.estimate import calibrate, calibrated

    evidence = read_package(args.package)
    everything, _ = api.load_assumptions(evidence)
    assumptions, carry_back, _ = api.split_carry_back(everything)
    data = api.calibration_inputs(evidence, assumptions, {"carry_back": carry_back})
    t0 = time.perf_counter()
    post = calibrate.fit(data, calibrated.priors_from(everything), **calibrated.SAMPLER)
    return {
        "seconds": time.perf_counter() - t0,
        "max_r_hat": max(post.rhat.values()),
        "min_ess": min(post.ess.values()),
        "hospital_years": len(data),
    }


def part_synthetic(args: argparse.Namespace) -> dict[str, float]:
    """1,000 SYNTHETIC hospitals x 10,000 draws: peak memory (RSS) of this process."""
    base = read_package(args.package)
    ev = synthetic_evidence(base, args.synthetic_hospitals)
    t0 = time.perf_counter()
    estimate(ev, draws=args.synthetic_draws, scenarios=list(engine.SCENARIOS))
    return {"seconds": time.perf_counter() - t0}


PARTS = {"flat": part_flat, "fit": part_fit, "synthetic": part_synthetic}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--draws", type=int, default=100_000)
    ap.add_argument("--naive-draws", type=int, default=20)
    ap.add_argument("--sobol-n", type=int, default=0, help="also time Sobol (0: skip)")
    ap.add_argument("--synthetic-hospitals", type=int, default=1000)
    ap.add_argument("--synthetic-draws", type=int, default=10_000)
    ap.add_argument("--package", type=Path, default=bundled_package_dir())
    ap.add_argument("--part", choices=sorted(PARTS), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.part:  # child process: one measurement, its own peak memory
        out = PARTS[args.part](args)
        out["peak_rss_mb"] = peak_rss_mb()
        print("RESULT " + json.dumps(out))
        return 0
    load0 = os.getloadavg()[0]
    res = {}
    for name in ("flat", "fit", "synthetic"):
        cmd = [sys.executable, __file__, "--part", name, *(argv or sys.argv[1:])]
        p = subprocess.run(cmd, capture_output=True, text=True, check=False)
        line = next((ln for ln in p.stdout.splitlines() if ln.startswith("RESULT ")), None)
        if line is None:
            print(p.stdout, p.stderr, file=sys.stderr)
            return 1
        res[name] = json.loads(line[7:])
    f, h, s = res["flat"], res["fit"], res["synthetic"]
    ratio = f["baseline_seconds"] / f["seconds"]
    print(f"machine: {os.cpu_count()} cores, load average {load0:.1f} at the start")
    print(f"{'measurement':48s} {'result':>22s} {'target':>14s}  met")
    rows = [
        (
            f"{args.draws:,} flat draws, {f['hospitals']} hospitals x 2000-2020",
            f"{f['seconds']:.2f} s, {f['peak_rss_mb']:,.0f} MB",
            "< 5 s",
            f["seconds"] < 5,
        ),
        (
            f"  vs row-by-row baseline ({args.naive_draws} draws, scaled)",
            f"{ratio:,.0f}x ({f['baseline_seconds']:,.0f} s)",
            ">= 50x",
            ratio >= 50,
        ),
        (
            f"hierarchical fit, bundled data ({h['hospital_years']} hospital-years)",
            f"{h['seconds']:.1f} s, R-hat {h['max_r_hat']:.3f}",
            "< 120 s",
            h["seconds"] < 120,
        ),
        (
            f"{args.synthetic_hospitals:,} synthetic hospitals x {args.synthetic_draws:,} draws",
            f"{s['peak_rss_mb']:,.0f} MB peak, {s['seconds']:.1f} s",
            "< 1,536 MB",
            s["peak_rss_mb"] < 1536,
        ),
    ]
    for what, result, target, met in rows:
        print(f"{what:48s} {result:>22s} {target:>14s}  {'yes' if met else 'NO'}")
    print(f"flat vs baseline: largest relative difference {f['worst_rel_diff']:.1e}")
    if "sobol_seconds" in f:
        print(f"Sobol N={args.sobol_n}: {f['sobol_seconds']:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
