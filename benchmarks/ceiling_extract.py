"""What an early exit for the number tokens with no unit could gain on the dense pages
(issue 14), and what one exit that keeps the output costs (perf15).

Run:  python benchmarks/ceiling_extract.py [--rounds 12] [--passes 3]

94 of a dense page's 313 number tokens get no unit and are dropped only at ``_currency``,
after every counter step (docs/extract.md, "Where a dense page's time goes"). Each mode runs
the rules' extractor on ``bench_extract_speed.py``'s dense pages (SYNTHETIC test material),
the modes interleaved round by round in this process, process CPU time a page:

* ``as-is``: the extractor unchanged;
* ``mask-first``: a number masked (date, phone number, address... ``core._is_masked``) that
  is no ordinal and starts no range ('-', 'to', 'and a half': the counter steps write to
  the carry only then) is dropped right after ``_ordinal``, before the counter steps; the
  mask's answer is kept for the last step, so no number is tested twice. Its output is
  checked equal to ``as-is`` (a different output stops the run);
* ``oracle`` (output NOT kept: a bound only): every token that ``as-is`` drops at
  ``_currency`` with no unit skips the counter steps, as if a free test knew them;
* ``next-char`` (output NOT kept: a bound only): every non-ordinal token whose next
  character is in ``TERMINAL`` (the characters after which no token of these pages got a
  unit) skips them.

Then the address reject with a literal prefilter (perf15's second item): the pattern's
first alternative (a street name before a house number, ``[\u4e00-\u9fff]{1,12}...号``) can
match in a window only if ``STREET_NUMBER_RE`` does, so without it the pattern's other
alternatives give the same matches there; timed on the windows the mask test searches
for an address on these pages, the matches checked equal.

Printed: ms a page per mode (median and min over rounds) and the median of the per-round
ratios as-is / mode (above 1: the mode is faster). perf15 (2026-12-06, load 6-7): oracle
1.12-1.14x, next-char 1.03-1.06x, mask-first 0.93-0.95x; the address prefilter 0.178 ->
0.138 ms a page, a quarter of a percent of a page (see docs/extract.md, "Speed today").
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import bench_extract_speed  # noqa: E402

from transplant_audit.extract import core  # noqa: E402
from transplant_audit.extract import patterns as pat  # noqa: E402
from transplant_audit.extract.rxprefix import with_first_chars  # noqa: E402

TERMINAL = frozenset(".)月日号\n级岁楼般家:所体平;列]倍字共层上室路支晚")
"""Characters after which no number token of the dense pages got a unit (perf15's probe):
the ``next-char`` bound's class, not a rule."""

STREET_NUMBER_RE = re.compile(r"(?:路|街|道|巷|胡同|里)\s?\d+\s?号")
"""What every match of the address reject's first alternative holds (大道 ends in 道)."""
_STREET_ALT = r"[\u4e00-\u9fff]{1,12}(?:路|街|道|巷|大道|胡同|里)\s?\d+\s?号(?:院|楼)?|"

MODES = ("as-is", "mask-first", "oracle", "next-char")


def _dropped_at_currency(pages: list[str]) -> set[tuple[str, int]]:
    """(page, start) of every token ``_currency`` drops with no unit."""
    dead: set[tuple[str, int]] = set()
    real = core._currency

    def spy(pg: core._Page, f: core._Figure) -> bool:
        kept = real(pg, f)
        if not kept and not f.uclass:
            dead.add((pg.text, f.s))
        return kept

    _run_with(pages, "_currency", spy)
    return dead


def _run_with(pages: list[str], step: str, spy: Callable[..., bool]) -> None:
    """Runs the extractor over ``pages`` with ``core.<step>`` replaced by ``spy`` (which
    calls the real step and records what it needs), the real step restored after."""
    real = getattr(core, step)
    setattr(core, step, spy)
    try:
        for page in pages:
            core.extract_candidates(page)
    finally:
        setattr(core, step, real)


class _Modes:
    """Wraps ``core._ordinal`` (the step before the counter steps) and ``core._is_masked``
    so that one switch selects the mode."""

    def __init__(self, dead: set[tuple[str, int]]) -> None:
        self.mode = "as-is"
        self.dead = dead
        self.masked: dict[tuple[str, int, int], bool] = {}  # mask-first: per extraction
        self.ordinal = core._ordinal
        self.is_masked = core._is_masked

    def install(self) -> None:
        core._ordinal = self._ordinal
        core._is_masked = self._is_masked

    def _is_masked(self, norm: str, s: int, e: int, gates: core._GateIndex | None = None) -> bool:
        known = self.masked.get((norm, s, e)) if self.mode == "mask-first" else None
        return self.is_masked(norm, s, e, gates) if known is None else known

    def _ordinal(self, pg: core._Page, f: core._Figure) -> bool:
        if not self.ordinal(pg, f):
            return False
        if self.mode == "as-is" or f.ordinal:
            return True
        if self.mode == "oracle":
            return (pg.text, f.s) not in self.dead
        if self.mode == "next-char":
            return pg.norm[f.e : f.e + 1] not in TERMINAL
        norm, e = pg.norm, f.e
        if pat.RANGE_JOIN_RE.match(norm[e : e + 6]) or norm.startswith(" and a half", e):
            return True  # the counter steps may write to the carry: left to them
        masked = self.is_masked(norm, f.s, e, pg.gates)
        self.masked[(norm, f.s, e)] = masked
        return not masked


def _timed(pages: list[str], passes: int, modes: _Modes) -> float:
    start = time.process_time()
    for _ in range(passes):
        for page in pages:
            modes.masked.clear()
            core.extract_candidates(page)
    return (time.process_time() - start) / (passes * len(pages)) * 1000


def _outputs(pages: list[str], modes: _Modes) -> list[list[core.Candidate]]:
    out = []
    for page in pages:
        modes.masked.clear()
        out.append(core.extract_candidates(page))
    return out


def _address_prefilter(pages: list[str], rounds: int) -> str:
    """The address reject's searches on the mask's windows, as is and behind the prefilter."""
    source = pat.REJECT_SOURCES["address"]
    if not source.startswith(_STREET_ALT):
        return "address prefilter: the pattern changed, not timed"
    full = pat.REJECT_PATTERNS["address"]
    rest = with_first_chars(re.compile(source[len(_STREET_ALT) :]))
    windows = []
    real = core._is_masked

    def spy(norm: str, s: int, e: int, gates: core._GateIndex | None = None) -> bool:
        lo, hi = max(0, s - core._MASK_BEFORE), min(len(norm), e + core._MASK_AFTER)
        if "address" in (gates or core._GateIndex(norm)).kinds_near(lo, hi):
            windows.append((norm, lo, hi))
        return real(norm, s, e, gates)

    _run_with(pages, "_is_masked", spy)

    def prefiltered(norm: str, lo: int, hi: int) -> re.Pattern[str]:
        """The pattern the prefilter searches this window with (timed and checked alike)."""
        return full if STREET_NUMBER_RE.search(norm, lo, hi) else rest

    def old() -> None:
        for norm, lo, hi in windows:
            list(full.finditer(norm, lo, hi))

    def new() -> None:
        for norm, lo, hi in windows:
            list(prefiltered(norm, lo, hi).finditer(norm, lo, hi))

    same = all(
        [m.span() for m in full.finditer(n, lo, hi)]
        == [m.span() for m in prefiltered(n, lo, hi).finditer(n, lo, hi)]
        for n, lo, hi in windows
    )
    best = {}
    for name, fn in (("as is", old), ("prefilter", new)):
        runs = []
        for _ in range(rounds):
            start = time.process_time()
            fn()
            runs.append(time.process_time() - start)
        best[name] = min(runs) / len(pages) * 1000
    return (
        f"address reject on {len(windows) / len(pages):.1f} windows a page: as is "
        f"{best['as is']:.3f} ms a page, prefilter {best['prefilter']:.3f} (min of {rounds}); "
        f"matches {'equal' if same else 'DIFFERENT'}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rounds", type=int, default=12, help="interleaved rounds")
    parser.add_argument("--passes", type=int, default=3, help="passes over the pages a round")
    args = parser.parse_args(argv)
    if args.rounds < 1 or args.passes < 1:
        parser.error("--rounds and --passes must be at least 1")
    pages = bench_extract_speed._pages("dense")
    dead = _dropped_at_currency(pages)
    modes = _Modes(dead)
    modes.install()
    expected = _outputs(pages, modes)
    modes.mode = "mask-first"
    if _outputs(pages, modes) != expected:
        print("mask-first changed the output: stopped", file=sys.stderr)
        return 1
    print(
        f"{len(pages)} dense pages; {len(dead) / len(pages):.1f} tokens a page dropped at "
        "_currency with no unit; mask-first output identical"
    )
    times: dict[str, list[float]] = {m: [] for m in MODES}
    run: Callable[[], float] = lambda: _timed(pages, args.passes, modes)  # noqa: E731
    for _ in range(args.rounds):
        for mode in MODES:
            modes.mode = mode
            times[mode].append(run())
    for mode in MODES:
        ratio = statistics.median(a / b for a, b in zip(times["as-is"], times[mode], strict=True))
        print(
            f"{mode:10s} {statistics.median(times[mode]):6.2f} ms/page "
            f"[min {min(times[mode]):.2f}]  as-is / {mode}: {ratio:.3f}"
        )
    core._ordinal, core._is_masked = modes.ordinal, modes.is_masked
    print(_address_prefilter(pages, 15 * args.rounds))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
