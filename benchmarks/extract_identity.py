"""Identity check for pure refactors of the extractor (any method): one SHA-256 per text file.

Run:  python benchmarks/extract_identity.py [--method rules|learned|combined]

For every snippet text of every tests/extract/realtext/*.json set (but the blind ones,
``is_blind``) and every text of tests/extract/corpus/*.json (all test material), the output of
``learned.extract(text, method=M)`` (``--method``, default ``rules``) is serialised as
JSON (``Candidate.to_dict``, keys sorted) and hashed, one hash per file, plus a total over
all files. Only hashes are printed: never a snippet, a candidate or a score, so held-out
sets stay blind. Run it before and after a refactor (e.g. with ``PYTHONPATH`` pointing at
the old ``src/``): every line must match.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIRST_BLIND = 8
"""heldout8 was the first real-text set kept blind here until its one scoring at the freeze;
it and every later ``heldoutN.json`` are never opened here, not even to hash the output (the
totals then stay comparable before and after a set lands), a set no list names yet included."""
_HELDOUT_FILE_RE = re.compile(r"heldout(\d+)\.json")


def is_blind(name: str) -> bool:
    """Is ``name`` (a realtext file's name) heldout8.json or a later ``heldoutN.json``?"""
    m = _HELDOUT_FILE_RE.fullmatch(name)
    return bool(m) and int(m[1]) >= FIRST_BLIND


SETS = [
    *sorted(
        p for p in (ROOT / "tests" / "extract" / "realtext").glob("*.json") if not is_blind(p.name)
    ),
    *sorted((ROOT / "tests" / "extract" / "corpus").glob("*.json")),
]


def file_hash(path: Path, method: str = "rules") -> str:
    """SHA-256 over ``method``'s candidates of each text in ``path``, one JSON line per text."""
    from transplant_audit.extract import learned

    h = hashlib.sha256()
    for doc in json.loads(path.read_text(encoding="utf-8")):
        recs = [c.to_dict() for c in learned.extract(doc["text"], method=method)]
        h.update(json.dumps(recs, sort_keys=True, ensure_ascii=False).encode("utf-8"))
        h.update(b"\n")
    return h.hexdigest()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--method", default="rules", choices=("rules", "learned", "combined"))
    args = parser.parse_args(argv)
    total = hashlib.sha256()
    for path in SETS:
        digest = file_hash(path, args.method)
        total.update(digest.encode("ascii"))
        print(f"{digest}  {path.relative_to(ROOT)}")
    print(f"{total.hexdigest()}  total")
    return 0


if __name__ == "__main__":
    sys.exit(main())
