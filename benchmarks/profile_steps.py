"""Milliseconds a dense page spends in each step of the rules' per-number loop (issue 14).

Run:  python benchmarks/profile_steps.py [--rounds 10] [--pages dense|typical]

``core._extract`` sends every number token through a fixed chain of steps (``STEPS``) and
the mask test through a gate index and one window search per reject kind. This wraps each
step, the index and each kind's searches with a timer, runs the extractor over
``bench_extract_speed.py``'s pages (SYNTHETIC test material) and prints the milliseconds a
page in each, with the calls a page. The timers add their own cost (18.1 ms a dense page
wrapped against about 15.8 ms, 63.4 pages per CPU second, unwrapped; perf17, load 3): read
the shares, not the absolute time, and compare pages per CPU second with
``bench_extract_speed.py``. The extractor's output is the same wrapped or not (the wrappers
return what they wrap; tests/extract/test_profile_steps.py checks it).
"""

from __future__ import annotations

import argparse
import collections
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_extract_speed  # noqa: E402

STEPS = (
    "_page",
    "_token",
    "_ordinal",
    "_direct_counter",
    "_range_counter",
    "_local_counter",
    "_counter_from_previous",
    "_elliptic_counters",
    "_unit",
    "_currency",
    "_value",
    "_money_checks",
    "_qualifiers",
    "_statement",
    "_indicator",
    "_canonical_value",
    "_is_masked",
    "_emit",
    "_mark_ranges",
    "_side_passes",
)
"""The functions of ``core`` timed, in the order a number meets them (``_is_masked`` is
inside ``_canonical_value``; ``_mark_ranges`` and ``_side_passes`` run once a page)."""


class _Timed:
    """A compiled pattern whose search and finditer are timed under ``tag``."""

    def __init__(self, rx: Any, tag: str, seconds: dict, calls: dict) -> None:  # noqa: ANN401
        self.rx, self.tag, self.seconds, self.calls = rx, tag, seconds, calls

    def search(self, *args: Any) -> Any:  # noqa: ANN401
        t = time.perf_counter()
        found = self.rx.search(*args)
        self.seconds[self.tag] += time.perf_counter() - t
        self.calls[self.tag] += 1
        return found

    def finditer(self, *args: Any) -> Iterator[Any]:  # noqa: ANN401
        t = time.perf_counter()
        found = list(self.rx.finditer(*args))
        self.seconds[self.tag] += time.perf_counter() - t
        self.calls[self.tag] += 1
        return iter(found)


def _timed(fn: Callable, tag: str, seconds: dict, calls: dict) -> Callable:
    def run(*args: Any, **kwargs: Any) -> Any:  # noqa: ANN401
        t = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            seconds[tag] += time.perf_counter() - t
            calls[tag] += 1

    return run


@contextmanager
def instrumented() -> Iterator[tuple[dict[str, float], dict[str, int]]]:
    """Within the block every step of ``STEPS``, the mask's gate index and each reject
    kind's window searches are timed: (seconds, calls) by name. Restored on leaving."""
    from transplant_audit.extract import core

    seconds: dict[str, float] = collections.defaultdict(float)
    calls: dict[str, int] = collections.defaultdict(int)
    saved = {name: getattr(core, name) for name in STEPS}
    saved_build, saved_steps = core._GateIndex._build, core._REJECT_STEPS
    try:
        for name in STEPS:
            setattr(core, name, _timed(saved[name], name, seconds, calls))
        core._GateIndex._build = _timed(saved_build, "mask: gate index", seconds, calls)
        core._REJECT_STEPS = tuple(
            (kind, _Timed(rx, f"mask: {kind}", seconds, calls), needs, trigger)
            for kind, rx, needs, trigger in saved_steps
        )
        yield seconds, calls
    finally:
        for name, fn in saved.items():
            setattr(core, name, fn)
        core._GateIndex._build, core._REJECT_STEPS = saved_build, saved_steps


def profile(pages: list[str], rounds: int) -> tuple[float, list[tuple[str, float, float]]]:
    """(wrapped ms a page, [(name, ms a page, calls a page)]) over ``rounds`` passes."""
    from transplant_audit.extract.core import extract_candidates

    if not pages or rounds < 1:
        raise ValueError("profile needs pages and at least one round")
    with instrumented() as (seconds, calls):
        t = time.process_time()
        for _ in range(rounds):
            for page in pages:
                extract_candidates(page)
        total = time.process_time() - t
    n = rounds * len(pages)
    rows = [(name, seconds[name] / n * 1e3, calls[name] / n) for name in seconds]
    return total / n * 1e3, sorted(rows, key=lambda r: -r[1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--pages", choices=("dense", "typical"), default="dense")
    args = parser.parse_args(argv)
    if args.rounds < 1:
        parser.error("--rounds must be at least 1")
    page_ms, rows = profile(bench_extract_speed._pages(args.pages), args.rounds)
    print(f"{args.pages} pages, rules, {args.rounds} rounds: {page_ms:.2f} ms a page wrapped")
    print(f"  {'step':28s} {'ms/page':>8s} {'share':>6s} {'calls/page':>10s}")
    for name, ms, n in rows:
        print(f"  {name:28s} {ms:8.3f} {100 * ms / page_ms:5.1f}% {n:10.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
