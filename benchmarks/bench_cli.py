"""Benchmark: command-line start-up and the full report against ``python -c pass`` (same run).

Targets (issue 18): ``transplant-audit --help`` under 0.3 s, ``transplant-audit
hospitals`` under 0.6 s, and the full ``report`` under 8 s on 2 cores when the
estimate's Bayesian fit is cached (the stored posterior matches the inputs digest;
checked first with ``estimate --json -``, whose ``calibration.source`` must be
``bundled``). Each command runs as a fresh process, as a user runs it, with this
interpreter; the median of ``--repeat`` runs is printed as wall time and as CPU time
(user + sys of the child and its workers). "over base" is the command's wall time
minus the interpreter's own start-up (``python -c pass``) measured in the same run.
The caches are warmed first (one untimed run of each command: the validated package,
the vega bundle, the chart PNGs), as after the first use on a machine; ``--cold``
gives the report an empty cache directory instead (every chart rendered, the package
validated). The machine's load average is printed before and after: on a shared
machine, measure when it is quiet (below 1).

``--one-process`` also times the report in one process (``TRANSPLANT_AUDIT_PROCESSES=1``,
row ``report/1p``), to show what the second process gives in the same run.

Usage: python benchmarks/bench_cli.py [--repeat R] [--report-repeat R] [--no-report]
       [--draws N] [--cold] [--one-process]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time

TARGETS = {"--help": 0.3, "hospitals": 0.6, "report": 8.0}
CLI = [sys.executable, "-m", "transplant_audit.cli"]


def run(cmd: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def median_of(
    cmd: list[str], repeat: int, cold_in: str | None = None, extra: dict[str, str] | None = None
) -> tuple[float, float]:
    """Median wall and CPU of ``repeat`` runs; with ``cold_in``, each in a new cache dir there;
    ``extra`` environment variables for the command."""
    runs = []
    for _ in range(repeat):
        env = {**os.environ, **(extra or {})}
        if cold_in is not None:
            env["TRANSPLANT_AUDIT_CACHE_DIR"] = tempfile.mkdtemp(dir=cold_in)
        runs.append(run(cmd, env))
    return statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs)


def fit_source() -> str:
    """Where the estimate's calibrated fit came from: 'bundled' when the stored one matched."""
    out = subprocess.run(
        [*CLI, "estimate", "--json", "-"], capture_output=True, text=True, check=True
    )
    return str(json.loads(out.stdout).get("calibration", {}).get("source", "none"))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=5, help="runs of --help and hospitals")
    ap.add_argument("--report-repeat", type=int, default=5, help="runs of the report")
    ap.add_argument("--no-report", action="store_true", help="skip timing the full report")
    ap.add_argument("--draws", type=int, default=10_000, help="draws for the timed report")
    ap.add_argument("--cold", action="store_true", help="time the report with empty caches")
    ap.add_argument(
        "--one-process",
        action="store_true",
        help="also time the report with TRANSPLANT_AUDIT_PROCESSES=1 (no second process)",
    )
    args = ap.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        commands: dict[str, list[str]] = {
            "--help": [*CLI, "--help"],
            "hospitals": [*CLI, "hospitals"],
        }
        extra: dict[str, dict[str, str]] = {}
        if not args.no_report:
            out = os.path.join(tmp, "report")
            commands["report"] = [*CLI, "report", "--out", out, "--draws", str(args.draws)]
            if args.one_process:
                commands["report/1p"] = commands["report"]
                extra["report/1p"] = {"TRANSPLANT_AUDIT_PROCESSES": "1"}
            source = fit_source()
            print(f"estimate's calibrated fit: {source} (cached fit: {source == 'bundled'})")
        for cmd in {tuple(c): c for c in commands.values()}.values():  # warm the caches
            run(cmd)
        print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f} (before)")
        base_wall, base_cpu = median_of([sys.executable, "-c", "pass"], args.repeat)
        print(f"baseline python -c pass: wall {base_wall:.3f} s, cpu {base_cpu:.3f} s")
        print(f"{'command':<10} {'runs':>4} {'wall s':>8} {'cpu s':>8} {'over base':>10} target")
        for name, cmd in commands.items():
            is_report = name.startswith("report")
            repeat = args.report_repeat if is_report else args.repeat
            cold = tmp if is_report and args.cold else None
            wall, cpu = median_of(cmd, repeat, cold, extra.get(name))
            target = TARGETS[name.split("/")[0]]
            verdict = f"< {target:g} s: " + ("met" if wall < target else "NOT met") + " (wall)"
            print(
                f"{name:<10} {repeat:>4} {wall:>8.3f} {cpu:>8.3f} {wall - base_wall:>10.3f} "
                f"{verdict}"
            )
        print(f"load average {os.getloadavg()[0]:.2f} (after)")


if __name__ == "__main__":
    main()
