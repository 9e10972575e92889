"""Write each part's U/L/T lines without the F lines, for a blind second annotator, and a
random sample of snippets (with their page URL) for the spot check.

Run: PYTHONPATH=src python tests/extract/realtext/kit/export_texts.py GATHER_DIR PREFIX OUT_DIR SEED
     writes OUT_DIR/in/<set>_<PREFIX><PART>_texts.txt per part and OUT_DIR/spot_sample.txt
     (28 snippets drawn with SEED from all parts).
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from parts import parts  # noqa: E402

SPOT_SAMPLE = 28


def texts_only(paths: list[Path]) -> str:
    """The U, L and T lines of ``paths`` in order, a blank line between pages."""
    lines: list[str] = []
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith(("U ", "L ", "T ")):
                lines.append(line)
            elif not line.strip() and lines and lines[-1]:
                lines.append("")
        if lines and lines[-1]:
            lines.append("")
    return "\n".join(lines).strip() + "\n"


def spot_sample(paths: list[Path], seed: int, n: int = SPOT_SAMPLE) -> str:
    """``n`` snippets drawn at random, each as '# file', 'U url', 'T text'."""
    found: list[tuple[str, str, str]] = []
    for path in paths:
        url = ""
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("U "):
                url = line[2:]
            elif line.startswith("T "):
                found.append((path.name, url, line))
    picked = random.Random(seed).sample(found, min(n, len(found)))
    return "\n".join(f"# {name}\nU {url}\n{t}\n" for name, url, t in picked)


def main(argv: list[str]) -> int:
    if len(argv) != 4:
        print(__doc__, file=sys.stderr)
        return 2
    gather, prefix, out, seed = Path(argv[0]), argv[1], Path(argv[2]), int(argv[3])
    (out / "in").mkdir(parents=True, exist_ok=True)
    every: list[Path] = []
    for part, paths in parts(gather, prefix).items():
        (out / "in" / f"{prefix}{part}_texts.txt").write_text(texts_only(paths), encoding="utf-8")
        every += paths
        print(part, sum(t.startswith("T ") for t in texts_only(paths).splitlines()), "snippets")
    (out / "spot_sample.txt").write_text(spot_sample(every, seed), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
