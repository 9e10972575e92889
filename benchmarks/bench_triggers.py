"""What gating the rules' regular expressions behind their trigger literals gains on the
dense pages (issue 14, perf16): the measurement behind leaving the gate (``triggers.py``,
beside this script) out of the extractor.

Run:  python benchmarks/bench_triggers.py [--passes 3] [--rounds 7] [--top 12]

The pages are ``bench_extract_speed.py``'s dense ones (SYNTHETIC test material). Three parts:

* **the calls**: every compiled pattern held by a module of the extractor is wrapped once to
  record its calls (method, text, positions) while the rules read the pages; printed: calls
  a page, and the time their replay takes (the best of ``--passes``, perf_counter, the
  replay loop's own cost included) against a page's time in the same process;
* **per pattern**: the same calls replayed through ``triggers.Gated`` (checked to answer as
  the pattern does), the time saved or lost a page; the ``--top`` biggest losses and every
  gain are printed, and the sum of the gains (an upper bound for gating only the winners);
* **end to end**: every pattern whose triggers are known gated in the modules' globals, the
  rules' output checked equal, then timed against the patterns as they are, interleaved
  over ``--rounds`` (process CPU time): the median of the per-round ratios.

perf16 (2026-12-06, load 3-8): ~9,900 calls a page replay in a quarter to a third of a page's
time; per pattern the gate loses for nearly every pattern (a regex call on a figure's short
texts costs 0.2-1 us, the Python-level literal test as much or more); end to end, all gated,
the page is slower (``bench_extract_speed.py --base 19e0177`` with every pattern gated in the
source: the base 1.56x as fast; with the seven patterns whose replay gained: 1.01x, noise).
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import bench_extract_speed  # noqa: E402
from triggers import Gated, gate  # noqa: E402

from transplant_audit.extract import core  # noqa: E402

Call = tuple[str, tuple[Any, ...], dict[str, Any]]


def _modules() -> list[Any]:
    """Every module of the extractor package, imported: a pattern is recorded wherever held."""
    import importlib
    import pkgutil

    import transplant_audit.extract as pkg

    names = sorted(info.name for info in pkgutil.iter_modules(pkg.__path__))
    return [importlib.import_module(f"{pkg.__name__}.{name}") for name in names]


class _Recorder:
    """A pattern's stand-in that records every call and answers as the pattern does."""

    __slots__ = ("rx", "calls")

    def __init__(self, rx: re.Pattern[str], calls: list[Call]) -> None:
        self.rx = rx
        self.calls = calls

    def __getattr__(self, name: str) -> Any:  # noqa: ANN401
        attr = getattr(self.rx, name)
        if not callable(attr):
            return attr

        def call(*args: Any, **kwargs: Any) -> Any:  # noqa: ANN401
            self.calls.append((name, args, kwargs))
            return attr(*args, **kwargs)

        return call


def _swap(mods: list[Any], wrap: Any) -> dict[tuple[int, str], Any]:  # noqa: ANN401
    """Replace every ``re.Pattern`` global of ``mods`` by ``wrap(name, rx)`` (one object
    a pattern, however many modules hold it); return the originals to restore."""
    made: dict[int, Any] = {}
    saved: dict[tuple[int, str], Any] = {}
    for i, mod in enumerate(mods):
        for key, value in list(vars(mod).items()):
            if isinstance(value, re.Pattern) and isinstance(value.pattern, str):
                if id(value) not in made:
                    made[id(value)] = wrap(f"{mod.__name__.rsplit('.', 1)[1]}.{key}", value)
                saved[(i, key)] = value
                setattr(mod, key, made[id(value)])
    return saved


def _restore(mods: list[Any], saved: dict[tuple[int, str], Any]) -> None:  # noqa: ANN401
    for (i, key), value in saved.items():
        setattr(mods[i], key, value)


def _record(mods: list[Any], pages: list[str]) -> tuple[dict[str, list[Call]], dict]:
    calls: dict[str, list[Call]] = defaultdict(list)
    rxs: dict[str, re.Pattern[str]] = {}

    def wrap(name: str, rx: re.Pattern[str]) -> _Recorder:
        rxs[name] = rx
        return _Recorder(rx, calls[name])

    saved = _swap(mods, wrap)
    for page in pages:
        core.extract_candidates(page)
    _restore(mods, saved)
    return calls, rxs


def _answer(obj: Any, call: Call) -> Any:  # noqa: ANN401
    name, args, kwargs = call
    got = getattr(obj, name)(*args, **kwargs)
    if name == "finditer":
        return [m.span() for m in got]
    return got.span() if isinstance(got, re.Match) else got


def _replay(obj: Any, calls: list[Call], passes: int) -> float:  # noqa: ANN401
    best = float("inf")
    for _ in range(passes):
        t0 = time.perf_counter()
        for name, args, kwargs in calls:
            got = getattr(obj, name)(*args, **kwargs)
            if name == "finditer":
                for _m in got:
                    pass
        best = min(best, time.perf_counter() - t0)
    return best


def _page_time(pages: list[str], passes: int) -> float:
    best = float("inf")
    for _ in range(passes):
        t0 = time.process_time()
        for page in pages:
            core.extract_candidates(page)
        best = min(best, time.process_time() - t0)
    return best


def _per_pattern(calls: dict, rxs: dict, passes: int, n: int) -> list[tuple[float, str, str]]:
    rows: list[tuple[float, str, str]] = []
    for name, cl in calls.items():
        gated = gate(rxs[name])
        if not cl or not isinstance(gated, Gated):
            continue
        for call in cl:
            if _answer(gated, call) != _answer(rxs[name], call):
                raise SystemExit(f"{name}.{call[0]}: the gate answered otherwise: stopped")
        raw = _replay(rxs[name], cl, passes)
        fast = _replay(gated, cl, passes)
        note = f"{len(cl) / n:6.1f} calls, {1e6 * raw / n:7.1f} -> {1e6 * fast / n:7.1f} us"
        rows.append((1e6 * (raw - fast) / n, name, note))
    return sorted(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--passes", type=int, default=3, help="replays or passes, best kept")
    parser.add_argument("--rounds", type=int, default=7, help="interleaved end-to-end rounds")
    parser.add_argument("--top", type=int, default=12, help="biggest losses printed")
    args = parser.parse_args(argv)
    if args.passes < 1 or args.rounds < 1 or args.top < 0:
        parser.error("--passes and --rounds must be at least 1, --top at least 0")
    pages = bench_extract_speed._pages("dense")
    n = len(pages)
    mods = _modules()
    calls, rxs = _record(mods, pages)
    total_calls = sum(len(c) for c in calls.values())
    replay = sum(_replay(rxs[k], c, args.passes) for k, c in calls.items())
    page = _page_time(pages, args.passes)
    print(
        f"{n} dense pages: {total_calls / n:.0f} regex calls a page replay in "
        f"{1e3 * replay / n:.2f} ms a page; a page takes {1e3 * page / n:.2f} ms "
        f"({replay / page:.0%})"
    )
    rows = _per_pattern(calls, rxs, args.passes, n)
    gains = [r for r in rows if r[0] > 0]
    print(
        f"gated one by one, the {len(rows)} called patterns with known triggers: {len(gains)}"
        f" gain, {sum(r[0] >= 0.5 for r in gains)} of them 0.5 us a page or more (printed)"
    )
    for saved, name, note in rows[: args.top] + [r for r in gains if r[0] >= 0.5]:
        print(f"  {saved:+8.1f} us a page  {name:42s} {note}")
    print(f"  sum of the gains: {sum(r[0] for r in gains):.1f} us a page")
    expected = [core.extract_candidates(p) for p in pages]
    gated_globals = _swap(mods, lambda _name, rx: gate(rx))
    same = [core.extract_candidates(p) for p in pages] == expected
    _restore(mods, gated_globals)
    if not same:
        print("every pattern gated changed the output: stopped", file=sys.stderr)
        return 1
    ratios = []
    for _ in range(args.rounds):
        plain = _page_time(pages, 1)
        saved = _swap(mods, lambda _name, rx: gate(rx))
        fast = _page_time(pages, 1)
        _restore(mods, saved)
        ratios.append(plain / fast)
    print(
        f"every pattern gated (output identical): plain / gated {statistics.median(ratios):.2f}x"
        f" [{min(ratios):.2f}-{max(ratios):.2f}] over {args.rounds} rounds (above 1: faster)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
