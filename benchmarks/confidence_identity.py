"""Does a change to the confidence's code change any candidate or any confidence?

Hashes (candidate, score, confidence) of ``extract.confidence.extract_confident`` for every
method over every document of tests/extract/realtext/*.json (heldout8.json and every later
heldoutN.json excepted, ``extract_identity.is_blind``: never read here) and
tests/extract/corpus/*.json, and over the page-sized documents the throughput benchmarks
time (corpus texts joined, ~6,000 characters). Floats are hashed by ``repr``: equal
digests mean bit-for-bit equal numbers.

Run it on two source trees and compare the digests it prints, e.g. main against a branch::

    mkdir -p /tmp/base && git -C /work/main archive HEAD src | tar -x -C /tmp/base
    PYTHONPATH=/tmp/base/src python benchmarks/confidence_identity.py
    PYTHONPATH=src python benchmarks/confidence_identity.py

``--compare SRC`` does both in one run (SRC's digests in a child process).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

from extract_identity import is_blind

TESTS = Path(__file__).resolve().parents[1] / "tests" / "extract"
METHODS = ("rules", "learned", "combined")


def documents() -> dict[str, list[tuple[str, str | None]]]:
    """(text, language) of every document, by set name."""
    sets: dict[str, list[tuple[str, str | None]]] = {}
    joined: list[str] = []
    for folder in ("realtext", "corpus"):
        for path in sorted((TESTS / folder).glob("*.json")):
            if is_blind(path.name):
                continue
            docs = json.loads(path.read_text(encoding="utf-8"))
            sets[f"{folder}/{path.name}"] = [(d["text"], d.get("language")) for d in docs]
            if folder == "corpus":
                joined.extend(d["text"] for d in docs)
    sets["pages (corpus joined)"] = [(p, None) for p in _pages(joined)]
    return sets


def _pages(texts: list[str], size: int = 6000) -> list[str]:
    """Page-sized documents as benchmarks/bench_extract.py's ``pages`` builds them."""
    out, buf = [], ""
    for t in texts * 4:
        buf += t + "\n\n"
        if len(buf) >= size:
            out.append(buf)
            buf = ""
    return out


def digests(methods: tuple[str, ...] = METHODS) -> dict[str, dict[str, object]]:
    """method -> {candidates, with confidence, digest} over every document."""
    from transplant_audit.extract.confidence import extract_confident

    sets = documents()
    out: dict[str, dict[str, object]] = {}
    for method in methods:
        h = hashlib.sha256()
        n = known = 0
        for name, docs in sets.items():
            for i, (text, lang) in enumerate(docs):
                for c, s, q in extract_confident(text, method=method, language=lang):
                    row = [name, i, c.to_dict(), repr(s), repr(q)]
                    h.update(json.dumps(row, ensure_ascii=False, sort_keys=True).encode())
                    n += 1
                    known += q is not None
        out[method] = {"candidates": n, "with confidence": known, "digest": h.hexdigest()}
    return out


def _child(src: str, methods: tuple[str, ...]) -> dict[str, dict[str, object]]:
    env = dict(os.environ, PYTHONPATH=src)
    cmd = [sys.executable, __file__, "--json", "--methods", ",".join(methods)]
    return json.loads(subprocess.run(cmd, env=env, check=True, capture_output=True).stdout)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--methods", default=",".join(METHODS), help="comma-separated methods")
    ap.add_argument("--json", action="store_true", help="print the digests as JSON")
    ap.add_argument("--compare", metavar="SRC", help="another tree's src/ to compare with")
    args = ap.parse_args()
    methods = tuple(m for m in args.methods.split(",") if m)
    mine = digests(methods)
    if args.json:
        print(json.dumps(mine))
        return 0
    import transplant_audit

    print(f"code: {Path(transplant_audit.__file__).parent}")
    other = _child(args.compare, methods) if args.compare else None
    same = True
    for m, d in mine.items():
        print(
            f"  {m:<9} {d['candidates']:>6} candidates, {d['with confidence']:>6} with a "
            f"confidence, sha256 {d['digest']}"
        )
        if other is not None:
            o = other[m]
            eq = o == d
            same = same and eq
            print(
                f"  {'':<9} {o['candidates']:>6} candidates, {o['with confidence']:>6} with a "
                f"confidence, sha256 {o['digest']}  ({args.compare}): "
                + ("identical" if eq else "DIFFERENT")
            )
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
