"""Benchmark ``Store.export_package``: each CSV built once, against the old export that
built every CSV twice (baseline, measured in the same run).

The store is a fresh SQLite file in a temporary directory holding the bundled data
package (data/). The export dumps every table, builds each resource's CSV bytes,
digests them (so a store still holding exactly the imported release keeps its
version), and writes them. The old export built the bytes once for the digest
(``evidence_digest``) and again inside ``write_package``; the baseline below runs that
sequence on the same store. Runs alternate, new and old, ``--repeat`` times each; the
script prints the best and median seconds of each, their ratio, and checks that both
wrote byte-identical files (the exit status is 1 if they differ).

Run: python benchmarks/bench_store_export.py [--repeat 7]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from transplant_audit.evidence.frames import Evidence
from transplant_audit.evidence.package import evidence_digest, write_package
from transplant_audit.evidence.store import Store

REPO = Path(__file__).resolve().parents[1]


def old_export(store: Store, target: Path) -> Path:
    """The export before this change (same dump, same writer; each CSV built twice)."""
    frames = store._frames()
    version = store._imported_version(evidence_digest(Evidence(**frames)))
    return write_package(Evidence(**frames, version=version), target)


def new_export(store: Store, target: Path) -> Path:
    return store.export_package(target)


def files(path: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(path.iterdir())}


def timed(fn: Callable[[Store, Path], Path], store: Store, target: Path) -> float:
    start = time.perf_counter()
    fn(store, target)
    return time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=7, help="runs of each export (default 7)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        store = Store.open(url=f"sqlite:///{root / 'store.sqlite'}")
        store.import_package(REPO / "data")
        times: dict[str, list[float]] = {"old (each CSV twice)": [], "new (each CSV once)": []}
        for i in range(args.repeat):
            times["old (each CSV twice)"].append(timed(old_export, store, root / f"old{i}"))
            times["new (each CSV once)"].append(timed(new_export, store, root / f"new{i}"))
        last = root / f"new{args.repeat - 1}"
        same = files(root / "old0") == files(root / "new0") == files(last)
        store.close()
    for name, t in times.items():
        print(f"{name:22s} best {min(t):.3f} s  median {statistics.median(t):.3f} s")
    old, new = times["old (each CSV twice)"], times["new (each CSV once)"]
    best, median = min(old) / min(new), statistics.median(old) / statistics.median(new)
    print(f"ratio old/new: best {best:.2f}x, median {median:.2f}x ({args.repeat} runs each)")
    print(f"exported files byte-identical: {same}")
    sys.exit(0 if same else 1)


if __name__ == "__main__":
    main()
