"""Benchmark capture throughput (MB/s) against a plain copy + SHA-256 of the same bytes.

Run:  python benchmarks/bench_capture.py [--mb 64] [--repeat 3]

For two SYNTHETIC files of ``--mb`` megabytes each, made here (random bytes, like
PDFs and images that do not compress; and repeated Chinese HTML text, which does):

* baseline: ``shutil.copyfile`` to a new file + ``fsync`` + ``hashlib.sha256`` over
  the same bytes in 1 MiB chunks (what an investigator would do by hand);
* capture: ``transplant_audit.capture.service.capture`` into a fresh home with a
  SQLite store: hash pass, WARC record written through gzip (level 1) and hashed,
  ``fsync``, then the source, capture and ledger rows in one transaction;
* capture again: the same bytes once more (deduplicated: hash pass + ledger only).

Each figure is the best of ``--repeat`` runs, measured in this run on this machine;
the ratio capture/baseline is printed for each file.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from transplant_audit.capture import service
from transplant_audit.evidence.store import Store

CHUNK = 1 << 20


def make_files(directory: Path, mb: int) -> dict[str, Path]:
    rng = random.Random(2026)
    size = mb * 1024 * 1024
    random_path = directory / "synthetic-random.bin"
    with open(random_path, "wb") as fh:
        left = size
        while left:
            n = min(CHUNK, left)
            fh.write(rng.randbytes(n))
            left -= n
    page = (
        '<html><head><meta charset="gb18030"><title>合成测试页</title></head><body>'
        + "".join(
            f"<p>合成数据：某医院器官移植中心 {i} 年开展肝移植约 {rng.randrange(50, 3000)} 例。</p>"
            for i in range(400)
        )
        + "</body></html>"
    ).encode("gb18030")
    text_path = directory / "synthetic-page.html"
    with open(text_path, "wb") as fh:
        written = 0
        while written < size:
            fh.write(page)
            written += len(page)
    return {"random bytes (incompressible)": random_path, "GB18030 HTML text": text_path}


def baseline(path: Path, out_dir: Path) -> None:
    target = out_dir / "copy.bin"
    shutil.copyfile(path, target)
    with open(target, "rb+") as fh:
        os.fsync(fh.fileno())
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        while buf := fh.read(CHUNK):
            h.update(buf)
    target.unlink()


def best_of(repeat: int, fn: Callable[[], None]) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=int, default=64, help="size of each test file in MB")
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure (best kept)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="ta-bench-capture-") as tmp:
        root = Path(tmp)
        files = make_files(root, args.mb)
        print(f"capture throughput, {args.mb} MB per file, best of {args.repeat} runs")
        print(
            f"{'file':32} {'baseline MB/s':>14} {'capture MB/s':>13} {'ratio':>6} "
            f"{'again MB/s':>11}"
        )
        for label, path in files.items():
            mb = path.stat().st_size / 1e6
            t_base = best_of(args.repeat, lambda p=path: baseline(p, root))

            # the store is opened outside the timing; the capture itself is timed
            def timed_capture(p: Path = path, n: list[int] = [0]) -> tuple[float, float]:  # noqa: B006
                n[0] += 1
                home = root / f"home-{n[0]}"
                with Store.open(home=home) as store:
                    t0 = time.perf_counter()
                    service.capture(store, home, [str(p)])
                    first = time.perf_counter() - t0
                    t0 = time.perf_counter()
                    service.capture(store, home, [str(p)])
                    again = time.perf_counter() - t0
                shutil.rmtree(home)
                return first, again

            runs = [timed_capture() for _ in range(args.repeat)]
            t_cap = min(r[0] for r in runs)
            t_again = min(r[1] for r in runs)
            print(
                f"{label:32} {mb / t_base:14.1f} {mb / t_cap:13.1f} "
                f"{t_cap / t_base:6.2f} {mb / t_again:11.1f}"
            )
        print("ratio = capture time / baseline time (1.0 = as fast as copy + sha256)")


if __name__ == "__main__":
    main()
