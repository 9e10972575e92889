"""Time and peak memory of hostile inputs against baselines measured in the same run.

Run:  python benchmarks/bench_limits.py [--text-mb 50] [--pdf-mb 200] [--yaml-levels 9]

Each case runs in its own subprocess; its wall time and peak resident memory
(``ru_maxrss`` of that child, from ``os.wait4``) are printed. The hostile files
are SYNTHETIC, generated here by ``tests/bombs.py`` (issue 10, hole 7):

* baseline ``python -c pass`` and baseline ``transplant-audit --help`` (start-up cost of
  the command line, which every case below pays too);
* PDF bomb: a ~200 KB PDF inflating to ``--pdf-mb`` MiB, ``transplant-audit extract``
  (want: exit 2, naming the limit);
* YAML bomb: a ~500-byte 'billion laughs' ``--assumptions`` file to ``estimate`` (exit 2);
* long text: a ``--text-mb`` MiB text read by ``extract.text.read_path`` (bounded stream),
  and the same file through the whole ``transplant-audit extract`` (reading + finding
  figures in the 2 M characters kept) for information.

Targets: each hostile case under 10 s and under 1 GB peak memory. The ``-startup``
column subtracts the ``--help`` baseline (importing the toolkit), which on a loaded
machine is most of each figure.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

from bombs import long_text, pdf_bomb, yaml_bomb  # noqa: E402

CLI = [sys.executable, "-m", "transplant_audit.cli"]


def measure(argv: list[str], env: dict[str, str]) -> tuple[float, float, int]:
    """(seconds, peak MiB, exit code) of one child process."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.stderr is not None:
        proc.stderr.close()
    return seconds, usage.ru_maxrss / 1024, proc.returncode


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--text-mb", type=int, default=50)
    ap.add_argument("--pdf-mb", type=int, default=200)
    ap.add_argument("--yaml-levels", type=int, default=9)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="ta-bench-limits-") as tmp:
        d = Path(tmp)
        env = {**os.environ, "TRANSPLANT_AUDIT_HOME": str(d / "home")}
        pdf = pdf_bomb(d / "bomb.pdf", inflated_mb=args.pdf_mb)
        yml = yaml_bomb(d / "laughs.yaml", levels=args.yaml_levels)
        txt = long_text(d / "long.txt", mb=args.text_mb)
        read = (
            "import sys; from transplant_audit.extract.text import read_path; "
            "read_path(sys.argv[1])"
        )
        cases = [
            ("baseline: python -c pass", [sys.executable, "-c", "pass"], None),
            ("baseline: transplant-audit --help", [*CLI, "--help"], None),
            (
                f"PDF bomb ({pdf.stat().st_size:,} B -> {args.pdf_mb} MiB): extract",
                [*CLI, "extract", str(pdf)],
                2,
            ),
            (
                f"YAML bomb ({yml.stat().st_size:,} B, {args.yaml_levels} levels): estimate",
                [*CLI, "estimate", "--draws", "10", "--no-sensitivity", "--assumptions", str(yml)],
                2,
            ),
            (
                f"text {txt.stat().st_size / 2**20:.0f} MiB: read_path (bounded stream)",
                [sys.executable, "-c", read, str(txt)],
                0,
            ),
            (
                f"text {txt.stat().st_size / 2**20:.0f} MiB: whole extract (info)",
                [*CLI, "extract", str(txt)],
                0,
            ),
        ]
        print(f"{'case':62} {'seconds':>8} {'-startup':>8} {'peak MiB':>9} {'exit':>5}  target")
        startup = 0.0
        for label, argv, want in cases:
            seconds, peak, code = measure(argv, env)
            if label.startswith("baseline: transplant-audit"):
                startup = seconds
            target = ""
            if want is not None and "info" not in label:
                ok = seconds < 10 and peak < 1024 and code == want
                target = f"{'met' if ok else 'NOT MET'} (<10 s, <1024 MiB, exit {want})"
            net = f"{seconds - startup:8.2f}" if startup and "python -c pass" not in label else ""
            print(f"{label:62} {seconds:8.2f} {net:>8} {peak:9.0f} {code:5d}  {target}")


if __name__ == "__main__":
    main()
