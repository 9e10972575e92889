"""Check a blind set's raw files while they are gathered, with the build's own checks
against every earlier set (``build_set._BATCHES``): format and vocabulary, no page of an earlier
set, no 40-character run, near copy, other-script copy or contained text of an earlier
snippet, at most 5 snippets per page, no repeats within the set. Prints OK with the counts,
or FAIL and the first problem (exit 1).

Run (gatherers run it after every file):
    PYTHONPATH=src python tests/extract/realtext/kit/check.py GATHER_DIR NAME PREFIX
e.g. ... check.py /work/gather23 heldout23 j   (files GATHER_DIR/*/j*.txt)
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))
import build_set as bs  # noqa: E402
from parts import gather_files  # noqa: E402


def check(gather_dir: Path, name: str, prefix: str) -> tuple[bool, str]:
    """(ok, message) for the raw files ``gather_dir/*/PREFIX<L><NN>.txt`` (``gather_files``)
    of the set ``name``."""
    docs: list[dict] = []
    for path in gather_files(gather_dir, prefix):
        try:
            docs.extend(bs.parse(path))
        except (AssertionError, ValueError) as exc:
            return False, f"FAIL {path.parent.name}/{path.name}: {exc}"
    for i, d in enumerate(docs):
        d["id"] = f"new-{i:03d}"
    earlier = [d for p, i in bs._BATCHES if p != prefix for d in bs.build(p, i)]
    try:
        bs.assert_blind(name, docs, earlier)
    except AssertionError as exc:
        return False, f"FAIL {exc}"
    langs = Counter(d["language"] for d in docs)
    figs: Counter[str] = Counter()
    for d in docs:
        figs[d["language"]] += len(d["gold"])
    return True, f"OK {len(docs)} snippets {dict(langs)} figures {dict(figs)}"


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    ok, message = check(Path(argv[0]), argv[1], argv[2])
    print(message)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
