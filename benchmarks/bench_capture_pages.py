"""Benchmark capturing saved web pages: one `capture --url` process per page vs one
`capture --pages LIST` process for all of them.

Run:  python benchmarks/bench_capture_pages.py [--pages 6]

The pages are SYNTHETIC short texts made here (about 1 KB each, like the page texts the
evidence gathering saves, see docs/gathering.md). Both ways run the installed
`transplant-audit` console script in fresh homes, in this run, on this machine:

* baseline: `transplant-audit capture FILE --url URL ...` once per page (what had to be
  done before --pages existed: --url takes one input only);
* page list: `transplant-audit capture --pages list.csv` once.

Printed: wall-clock seconds for each and pages per minute.
"""

from __future__ import annotations

import argparse
import csv
import subprocess
import tempfile
import time
from pathlib import Path


def make_pages(folder: Path, n: int) -> Path:
    rows = []
    for i in range(n):
        path = folder / f"page{i}.txt"
        text = f"合成测试页面 {i}:该院器官移植中心现有床位{40 + i}张。" * 20
        path.write_text(text + "\n", encoding="utf-8")
        rows.append(
            {
                "path": path.name,
                "url": f"https://example.invalid/page{i}",
                "title": f"Synthetic page {i}",
                "publisher": "bench",
                "party": "other",
                "kind": "web",
                "note": "synthetic benchmark page",
            }
        )
    listing = folder / "list.csv"
    with listing.open("w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    return listing


def run(*args: str) -> None:
    subprocess.run(["transplant-audit", *args], check=True, capture_output=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pages", type=int, default=6)
    n = ap.parse_args().pages
    with tempfile.TemporaryDirectory(prefix="bench-pages-") as tmp:
        root = Path(tmp)
        listing = make_pages(root, n)
        rows = list(csv.DictReader(listing.open(encoding="utf-8")))
        t0 = time.perf_counter()
        for r in rows:
            run(
                "capture",
                str(root / r["path"]),
                "--url",
                r["url"],
                "--title",
                r["title"],
                "--home",
                str(root / "home-one-by-one"),
            )
        one_by_one = time.perf_counter() - t0
        t0 = time.perf_counter()
        run("capture", "--pages", str(listing), "--home", str(root / "home-list"))
        listed = time.perf_counter() - t0
    print(f"{n} synthetic pages")
    print(
        f"baseline, one capture --url per page: {one_by_one:6.1f} s "
        f"({60 * n / one_by_one:5.1f} pages/min)"
    )
    print(
        f"capture --pages list.csv, one run:    {listed:6.1f} s ({60 * n / listed:5.1f} pages/min)"
    )
    print(f"speed-up: {one_by_one / listed:.1f}x")


if __name__ == "__main__":
    main()
