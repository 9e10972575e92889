"""Benchmark: command-line start-up against ``python -c pass`` (baseline, same run).

Targets (issue 18): ``transplant-audit --help`` under 0.3 s and ``transplant-audit
hospitals`` under 0.6 s; ``report`` is timed too (no target here, see
bench_report.py). Each command runs as a fresh process, as a user runs it, with
the installed console script's interpreter; the median of ``--repeat`` runs is
printed as wall time and as CPU time (user + sys of the child). On a machine
shared with other work, CPU time is the steadier figure; "over baseline" is the
command's time minus the interpreter's own start-up measured in the same run.
The caches are warmed first (one untimed run of each command), as after the
first use on a machine.

Usage: python benchmarks/bench_cli.py [--repeat R] [--no-report] [--draws N]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time

TARGETS = {"--help": 0.3, "hospitals": 0.6}
CLI = [sys.executable, "-m", "transplant_audit.cli"]


def run(cmd: list[str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def median_of(cmd: list[str], repeat: int) -> tuple[float, float]:
    runs = [run(cmd) for _ in range(repeat)]
    return statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--no-report", action="store_true", help="skip timing the full report")
    ap.add_argument("--draws", type=int, default=10_000, help="draws for the timed report")
    args = ap.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        commands: dict[str, list[str]] = {
            "--help": [*CLI, "--help"],
            "hospitals": [*CLI, "hospitals"],
        }
        if not args.no_report:
            commands["report"] = [
                *CLI,
                "report",
                "--out",
                os.path.join(tmp, "report"),
                "--draws",
                str(args.draws),
            ]
        for cmd in commands.values():  # warm the caches (validated package, vega bundle)
            run(cmd)
        base_wall, base_cpu = median_of([sys.executable, "-c", "pass"], args.repeat)
        print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f}")
        print(f"baseline python -c pass: wall {base_wall:.3f} s, cpu {base_cpu:.3f} s")
        print(f"{'command':<12} {'wall s':>8} {'cpu s':>8} {'cpu over base':>14} {'target':>8}")
        for name, cmd in commands.items():
            repeat = 1 if name == "report" else args.repeat
            wall, cpu = median_of(cmd, repeat)
            target = TARGETS.get(name)
            verdict = ""
            if target is not None:
                verdict = f"< {target:.1f} " + ("met" if cpu < target else "NOT met")
            print(f"{name:<12} {wall:>8.3f} {cpu:>8.3f} {cpu - base_cpu:>14.3f} {verdict:>8}")


if __name__ == "__main__":
    main()
