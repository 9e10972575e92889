"""Extraction time against text length on run-on texts (no sentence end in many KB), where
a cost quadratic in the text would show: a hostile or badly formatted upload must not stall
the workbench.

Run:  python benchmarks/bench_extract_scaling.py [--sizes 2,5,10,20,50] [--shapes ...]
          [--base REV] [--baseline-src DIR] [--method rules|combined]

Each shape is a short SYNTHETIC unit repeated up to the size (KB of UTF-8):

* ``zh_list`` '1万200多例、', ``zh_tx`` '肾移植1万200多例、': Chinese 、-lists, no full stop,
* ``en_list`` '120 kidney, 80 liver, ', ``en_tx`` '120 kidney transplants, 80 liver
  transplants, ': English comma lists,
* ``digits`` '1200 ', ``zh_bare`` '肾移植320例肝移植150例', ``en_bare`` '120 kidney transplants
  80 liver transplants ': numbers with no punctuation at all.

Printed per shape and size: CPU seconds of one extraction (``time.process_time`` in a fresh
process per tree and shape), milliseconds per KB, and the growth exponent between 10 and
50 KB (or the two largest sizes), log(t_large / t_small) / log(kb_large / kb_small): 1 is
linear, 2 quadratic. With ``--base REV`` or ``--baseline-src DIR`` the same shapes run on that
extractor too, one after the other in the same run, with the ratio base / current and
whether the candidates are identical (a SHA-256 of each size's output, taken untimed).
Last run: docs/extract.md, "Run-on texts".
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))

SHAPES = {
    "zh_list": "1万200多例、",
    "zh_tx": "肾移植1万200多例、",
    "en_list": "120 kidney, 80 liver, ",
    "en_tx": "120 kidney transplants, 80 liver transplants, ",
    "digits": "1200 ",
    "zh_bare": "肾移植320例肝移植150例",
    "en_bare": "120 kidney transplants 80 liver transplants ",
}


def run_on(shape: str, kb: int) -> str:
    """``shape``'s unit repeated until the text holds ``kb`` KB of UTF-8 (SYNTHETIC)."""
    unit = SHAPES[shape]
    return unit * math.ceil(kb * 1024 / len(unit.encode("utf-8")))


def worker(shape: str, sizes: list[int], method: str) -> dict[str, float | str]:
    """CPU seconds of one extraction of ``shape`` at each size, in this process, and a
    SHA-256 of each size's candidates (``sha:KB``, not timed)."""
    from transplant_audit.extract import learned

    if method != "rules":
        learned.load_model()  # reading the weights is not timed
    learned.extract(run_on(shape, 1), method=method)  # warm up: patterns compiled
    out: dict[str, float | str] = {}
    for kb in sizes:
        text = run_on(shape, kb)
        t0 = time.process_time()
        found = learned.extract(text, method=method)
        out[str(kb)] = time.process_time() - t0
        recs = json.dumps([c.to_dict() for c in found], sort_keys=True, ensure_ascii=False)
        out[f"sha:{kb}"] = hashlib.sha256(recs.encode("utf-8")).hexdigest()
    return out


def _run(src: Path, shape: str, sizes: list[int], method: str) -> dict:
    cmd = [sys.executable, __file__, "--worker", shape, "--method", method]
    cmd += ["--sizes", ",".join(map(str, sizes))]
    env = dict(os.environ, PYTHONPATH=str(src))
    out = subprocess.run(cmd, check=True, capture_output=True, text=True, env=env).stdout
    return json.loads(out)


def _slope_sizes(sizes: list[int]) -> tuple[int, int]:
    """10 and 50 KB when both are measured, else the two largest sizes."""
    return (10, 50) if {10, 50} <= set(sizes) else tuple(sorted(sizes)[-2:])


def exponent(times: dict[str, float], sizes: list[int]) -> float:
    """Growth exponent between 10 and 50 KB (or the two largest sizes): 1 linear, 2
    quadratic."""
    small, large = _slope_sizes(sizes)
    ratio = max(times[str(large)], 1e-9) / max(times[str(small)], 1e-9)
    return math.log(ratio) / math.log(large / small)


def _sizes(value: str) -> list[int]:
    try:
        sizes = sorted({int(x) for x in value.split(",") if x.strip()})
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"sizes must be whole KB, e.g. 2,5,10: {value!r}"
        ) from None
    if len(sizes) < 2 or sizes[0] < 1:
        raise argparse.ArgumentTypeError("give at least two sizes of 1 KB or more")
    return sizes


def _shapes(value: str) -> list[str]:
    names = [x.strip() for x in value.split(",") if x.strip()]
    unknown = [n for n in names if n not in SHAPES]
    if unknown or not names:
        raise argparse.ArgumentTypeError(f"unknown shape(s) {unknown}; known: {sorted(SHAPES)}")
    return names


def _trees(args: argparse.Namespace, tmp: Path) -> dict[str, Path]:
    from bench_extract_speed import _export

    trees = {"current": ROOT / "src"}
    if args.base:
        trees["base"] = _export(args.base, tmp / "base")
        print(f"base = git revision {args.base}")
    for i, d in enumerate(args.baseline_src):
        if not (Path(d) / "transplant_audit").is_dir():
            raise SystemExit(f"error: --baseline-src {d}: no transplant_audit package there")
        trees[f"src{i}"] = Path(d)
        print(f"src{i} = {d}")
    return trees


def _print_shape(shape: str, res: dict[str, dict], sizes: list[int]) -> None:
    names = list(res)
    print(f"\n{shape}: {SHAPES[shape]!r} repeated")
    head = "   KB " + "".join(f"| {n:>9} s  ms/KB " for n in names)
    print(head + ("| base/current" if len(names) > 1 else ""))
    for kb in sizes:
        row = f"{kb:5d} "
        for n in names:
            t = res[n][str(kb)]
            row += f"| {t:11.3f} {1000 * t / kb:6.1f} "
        if len(names) > 1:
            row += "| " + " ".join(
                f"{res[n][str(kb)] / max(res['current'][str(kb)], 1e-9):.1f}x" for n in names[1:]
            )
            same = all(res[n][f"sha:{kb}"] == res["current"][f"sha:{kb}"] for n in names[1:])
            row += "  output " + ("identical" if same else "DIFFERS")
        print(row)
    small, large = _slope_sizes(sizes)
    print(
        f"  growth exponent {small}->{large} KB (1 linear, 2 quadratic): "
        + ", ".join(f"{n} {exponent(res[n], sizes):.2f}" for n in names)
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--sizes", type=_sizes, default=[2, 5, 10, 20, 50], help="KB, e.g. 2,5,10")
    ap.add_argument("--shapes", type=_shapes, default=list(SHAPES), help="comma-separated")
    ap.add_argument("--method", choices=("rules", "combined"), default="rules")
    ap.add_argument("--base", help="git revision whose extractor to compare against")
    ap.add_argument("--baseline-src", action="append", default=[], metavar="DIR")
    ap.add_argument("--worker", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.worker:
        print(json.dumps(worker(args.worker, args.sizes, args.method)))
        return 0
    print(f"load average at start: {os.getloadavg()}")
    with tempfile.TemporaryDirectory() as tmp:
        trees = _trees(args, Path(tmp))
        for shape in args.shapes:
            res = {name: _run(src, shape, args.sizes, args.method) for name, src in trees.items()}
            _print_shape(shape, res, args.sizes)
    print(f"\nload average at end: {os.getloadavg()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
