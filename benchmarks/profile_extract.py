"""Where the extractor's time goes on the benchmark's pages: a sampling profile (issue 14).

Run:  python benchmarks/profile_extract.py [--method learned|rules|combined|span] [--seconds 20]
          [--pages dense|typical] [--top 40] [--interval-ms 0.5]

The pages are ``bench_extract_speed.py``'s (SYNTHETIC test material). The extractor runs on
them in a loop while a CPU-time timer (``ITIMER_PROF``) samples the Python stack every
``--interval-ms``, or as often as the kernel's timer tick allows (the interval had is
printed: 4 ms here at 0.5 asked, rv15b 2026-12-06). cProfile's per-call cost inflates the
many small functions of the per-number loop several times over; a sample costs the same
wherever it lands. Printed:

* the share of samples in which each function is on the stack (inclusive),
* the share in which it is the innermost Python frame (its own time, with the C calls it
  makes: a regular-expression search counts to the line that calls it),
* the same per source line.

``--method span`` is ``combined`` with the span stage forced on (the stored model's
thresholds replaced by ``bench_extract_speed.SPAN_ON``, add 0.9 and keep 0: a setting for
timing only, not a trained one),
what a new stage rule that turns the stage on would cost. Shares are of CPU time; the pages
per CPU second printed are slowed by the sampling (compare ``bench_extract_speed.py``).
"""

from __future__ import annotations

import argparse
import collections
import os
import signal
import sys
import time
from pathlib import Path
from types import FrameType

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_extract_speed  # noqa: E402


class _Sampler:
    """Counts, per sample, the functions on the stack and the innermost frame and line."""

    def __init__(self) -> None:
        self.samples = 0
        self.cpu_seconds = 0.0
        self.inclusive: collections.Counter[str] = collections.Counter()
        self.own: collections.Counter[str] = collections.Counter()
        self.lines: collections.Counter[str] = collections.Counter()

    def __call__(self, _signum: int, frame: FrameType | None) -> None:
        self.samples += 1
        seen: set[str] = set()
        first = True
        while frame is not None:
            code = frame.f_code
            key = f"{os.path.basename(code.co_filename)}:{code.co_name}"
            if first:
                self.own[key] += 1
                self.lines[f"{key}:{frame.f_lineno}"] += 1
                first = False
            if key not in seen:
                self.inclusive[key] += 1
                seen.add(key)
            frame = frame.f_back


def profile(method: str, which: str, seconds: float, interval: float) -> tuple[_Sampler, float]:
    """Sample the extractor on the pages for about ``seconds`` of CPU time; return the
    samples and the pages per CPU second while sampling."""
    pages = bench_extract_speed._pages(which)
    run = bench_extract_speed.extractor(method)
    for page in pages:
        run(page)  # warm-up: patterns compiled, caches filled
    sampler = _Sampler()
    signal.signal(signal.SIGPROF, sampler)
    signal.setitimer(signal.ITIMER_PROF, interval, interval)
    t0, done = time.process_time(), 0
    try:
        while time.process_time() - t0 < seconds:
            for page in pages:
                run(page)
            done += len(pages)
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0, 0)
        sampler.cpu_seconds = time.process_time() - t0
    return sampler, done / sampler.cpu_seconds


def _print_top(title: str, counts: collections.Counter[str], total: int, top: int) -> None:
    print(f"== {title}")
    for key, n in counts.most_common(top):
        print(f"{100 * n / total:5.1f}%  {key}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument(
        "--method",
        choices=bench_extract_speed.METHODS,
        default=None,
        help="the method profiled (default: the CLI's; see bench_extract_speed.py)",
    )
    ap.add_argument("--pages", choices=("dense", "typical"), default="dense")
    ap.add_argument("--seconds", type=float, default=20.0, help="CPU seconds sampled")
    ap.add_argument("--top", type=int, default=40, help="rows printed per table")
    ap.add_argument("--interval-ms", type=float, default=0.5, help="CPU time between samples")
    args = ap.parse_args(argv)
    args.method = args.method or bench_extract_speed.default_method()
    if args.seconds <= 0 or args.interval_ms <= 0 or args.top <= 0:
        ap.error("--seconds, --interval-ms and --top must be positive")
    sampler, rate = profile(args.method, args.pages, args.seconds, args.interval_ms / 1000)
    if not sampler.samples:
        print("no samples taken: raise --seconds", file=sys.stderr)
        return 1
    print(
        f"{args.pages} pages, method {args.method}: {sampler.samples} samples, one per "
        f"{1000 * sampler.cpu_seconds / sampler.samples:.2f} ms of CPU (asked "
        f"{args.interval_ms:g}; the kernel's timer tick may be coarser), "
        f"{rate:.1f} pages per CPU second while sampled"
    )
    _print_top("inclusive (on the stack)", sampler.inclusive, sampler.samples, args.top)
    _print_top("own (innermost Python frame)", sampler.own, sampler.samples, args.top)
    _print_top("own, per line", sampler.lines, sampler.samples, args.top)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
