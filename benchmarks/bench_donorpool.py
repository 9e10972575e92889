"""Benchmark the donor-pool model: 10,000 draws for both organs, vectorised vs a per-draw loop.

Both compute the same thing on the bundled, sourced assumptions: the deceased
donors a year needed for the official 2015 volume (10,057 transplants) at a
mean wait of 7 days, for kidney and liver. The vectorised path evaluates all
draws at once (``queue.donors_for_wait`` on arrays); the baseline calls the same
kernel one draw at a time, as a naive loop would. The baseline runs on a sample
of draws and is scaled to 10,000 (its cost is linear in draws). The script
prints both times, the ratio, the peak memory, and checks both give the same
donors for the sampled draws. Machines are noisy: compare the ratio, measured
in one run, rather than the seconds. Target: 10,000 draws for both organs in
under 30 s on 2 cores.

Run: python benchmarks/bench_donorpool.py [--draws 10000] [--loop-sample 200]
"""

from __future__ import annotations

import argparse
import os
import resource
import time

import numpy as np

from transplant_audit.donorpool import queue
from transplant_audit.donorpool.params import (
    DAYS_PER_YEAR,
    load_assumptions,
    quantiles_to_draws,
    required_names,
    uniform_numbers,
)
from transplant_audit.evidence.package import read_package
from transplant_audit.paths import bundled_package_dir

VOLUME = 10_057.0
WAIT_YEARS = 7 / DAYS_PER_YEAR


def _inputs(asm, organ: str, draws: int):  # type: ignore[no-untyped-def]
    names = required_names(organ, "none")
    d = quantiles_to_draws(organ, "none", asm, uniform_numbers(names, draws, 1))
    deceased = VOLUME * d.share_of_volume * d.deceased_share
    return deceased, d.group_share, d.organs_per_donor, d.compatibility, d.avail_years


def vectorised(asm, draws: int) -> dict[str, np.ndarray]:  # type: ignore[no-untyped-def]
    return {
        o: queue.donors_for_wait(WAIT_YEARS, *_inputs(asm, o, draws)) for o in ("kidney", "liver")
    }


def per_draw(asm, draws: int, sample: int) -> dict[str, np.ndarray]:  # type: ignore[no-untyped-def]
    out = {}
    for organ in ("kidney", "liver"):
        vol, share, k, c, avail = _inputs(asm, organ, draws)
        out[organ] = np.array(
            [
                queue.donors_for_wait(
                    WAIT_YEARS,
                    vol[i : i + 1],
                    share[i : i + 1],
                    k[i : i + 1],
                    c[i : i + 1],
                    avail[i : i + 1],
                )[0]
                for i in range(sample)
            ]
        )
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--draws", type=int, default=10_000)
    ap.add_argument("--loop-sample", type=int, default=200)
    args = ap.parse_args()
    asm = load_assumptions(read_package(bundled_package_dir()).assumptions)

    t0 = time.perf_counter()
    fast = vectorised(asm, args.draws)
    t_fast = time.perf_counter() - t0
    t0 = time.perf_counter()
    slow = per_draw(asm, args.draws, args.loop_sample)
    t_slow_sample = time.perf_counter() - t0
    t_slow = t_slow_sample * args.draws / args.loop_sample

    for organ in ("kidney", "liver"):
        same = np.allclose(fast[organ][: args.loop_sample], slow[organ], rtol=1e-6)
        med = float(np.median(fast[organ]))
        print(f"{organ}: median donors/yr at 7 days {med:,.0f}; loop agrees: {same}")
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    load = os.getloadavg()[0]
    print(f"vectorised, {args.draws:,} draws x 2 organs: {t_fast:.2f} s (target < 30 s)")
    print(
        f"per-draw loop: {t_slow_sample:.2f} s for {args.loop_sample} draws x 2 organs, "
        f"scaled to {args.draws:,}: {t_slow:.1f} s"
    )
    print(f"speed-up: {t_slow / t_fast:.0f}x; peak RSS {peak_mb:,.0f} MB; load average {load:.1f}")


if __name__ == "__main__":
    main()
