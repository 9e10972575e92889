"""Freeze the extractor's output: a digest of every candidate (all fields) on every text
the repository holds, so a speed-up can be shown to change nothing (issue 14).

Run:  python benchmarks/extract_digest.py            # compare with the committed digest
      python benchmarks/extract_digest.py --write    # regenerate it, deliberately
      python benchmarks/extract_digest.py --dump out.jsonl   # every candidate, for a diff

Texts (all test material, none of it evidence):

* ``corpus``: the synthetic annotated corpus (tests/extract/corpus/*.json),
* ``realtext``: the real-text snippets (realtext.json = dev + held-out halves, dev2.json);
  only the extractor's output is hashed, never a score, so no held-out error is shown,
* ``realtext-pages``: each raw source file's snippets joined into one page (longer
  context across sentences),
* ``bench-dense``, ``bench-typical``: the pages ``bench_extract.py`` times,
* ``heldout-halves``: heldout2 and the tune and check halves of every set tuned on by half
  (the trainer's ``HALF_SETS``), the texts the trainer fits and judges on. A rules change
  that moves only these (en19's did) showed "output identical" before they were added
  (2026-12-06); a held-out set joins only after its one blind scoring.

Each set is run by the rules (``core.extract_candidates``: the set's name), by the
``combined`` method (``extract --method combined``: the rules and the learned step's stored
stages, ``learned.extract_scored``: ``combined/`` before the name) and by the ``learned``
method (``learned/``; the default since 9b20719, hashed since rv24a found that the default's
own output was frozen by nothing), each candidate with its score (to ``SCORE_DIGITS``
decimals).
The digest is a SHA-256 over the JSON of each text's candidate list (``Candidate.to_dict``,
keys sorted), one per set and method, stored in tests/extract/output_digest.json;
tests/extract/test_output_digest.py fails when any set's output changes. A change that is
meant (a new rule, a retrained model) regenerates it with ``--write`` in the same commit.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_extract  # noqa: E402

from transplant_audit.extract import learned  # noqa: E402
from transplant_audit.extract.core import extract_candidates  # noqa: E402

DIGEST_FILE = ROOT / "tests" / "extract" / "output_digest.json"
REALTEXT = ROOT / "tests" / "extract" / "realtext"


def _raw_pages() -> list[str]:
    """Each raw real-text file's text lines (``T ...``) joined as one page.

    Only the batches of realtext and dev2 (``b*``, ``d*``): heldout2's batches (``h*``) are a
    test set, kept out of everything but its scoring.
    """
    out: list[str] = []
    paths = [*(REALTEXT / "raw").glob("b*.txt"), *(REALTEXT / "raw").glob("d*.txt")]
    for path in sorted(paths):
        lines = path.read_text(encoding="utf-8").splitlines()
        out.append("\n".join(line[2:] for line in lines if line.startswith("T ")))
    return out


def text_sets() -> dict[str, list[str]]:
    """Set name → texts, in a fixed order."""
    corpus: list[dict] = []
    for name in bench_extract.FILES:
        corpus += bench_extract.load(name)
    realtext: list[str] = []
    for name in ("realtext", "dev2"):
        realtext += [d["text"] for d in bench_extract.load_realtext(name)]
    return {
        "corpus": [d["text"] for d in corpus],
        "realtext": realtext,
        "realtext-pages": _raw_pages(),
        "bench-dense": bench_extract.pages(corpus),
        "bench-typical": bench_extract.typical_pages(corpus),
        "heldout-halves": _heldout_halves(),
    }


def _heldout_halves() -> list[str]:
    """heldout2's texts, then each half-set's tune and check halves, newest set first (the
    halves ``bench_extract.value_only_sets`` lists)."""
    halves = [s for s in bench_extract.value_only_sets() if s.endswith(("-tune", "-check"))]
    return [d["text"] for name in ["heldout2", *halves] for d in bench_extract.load_realtext(name)]


SCORE_DIGITS = 9
"""Decimals of a model score kept in the digest. The scores come through ``np.exp``, whose
float64 results differ in the last bits between CPUs (numpy's AVX-512 code path against
libm's on AVX2 machines): hashed in full, the same decisions gave another digest on an AVX2
machine (2026-12-07). Nine decimals keep every real change and make such a difference rare,
not impossible: a score within a few ulps of a rounding boundary still flips. A score is None
where the method scores no span (``learned.extract_scored``) and stays None."""

METHODS = {"": "rules", "combined/": "combined", "learned/": "learned"}
"""Key prefix → extraction method."""


def records(texts: list[str], method: str = "rules") -> Iterator[list[dict[str, object]]]:
    """Each text's candidates as dictionaries (with the model's score for the learned
    methods)."""
    for t in texts:
        if method == "rules":
            yield [c.to_dict() for c in extract_candidates(t)]
        else:
            yield [
                {**c.to_dict(), "score": None if p is None else round(p, SCORE_DIGITS)}
                for c, p in learned.extract_scored(t, method=method)
            ]


def digests(sets: dict[str, list[str]] | None = None) -> dict[str, dict[str, object]]:
    """Method prefix and set name → {texts, candidates, sha256} of the output."""
    out: dict[str, dict[str, object]] = {}
    for prefix, method in METHODS.items():
        for name, texts in (sets or text_sets()).items():
            h = hashlib.sha256()
            n = 0
            for recs in records(texts, method):
                n += len(recs)
                h.update(json.dumps(recs, sort_keys=True, ensure_ascii=False).encode("utf-8"))
                h.update(b"\n")
            out[prefix + name] = {"texts": len(texts), "candidates": n, "sha256": h.hexdigest()}
    return out


def differences(expected: dict, actual: dict) -> list[str]:
    """One line per set whose output differs from the committed digest."""
    lines = []
    for name in sorted(set(expected) | set(actual)):
        e, a = expected.get(name), actual.get(name)
        if e != a:
            lines.append(f"{name}: committed {e} != now {a}")
    return lines


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--write", action="store_true", help="regenerate the committed digest")
    ap.add_argument("--dump", type=Path, help="write every candidate as JSON lines here")
    args = ap.parse_args(argv)
    sets = text_sets()
    if args.dump:
        with args.dump.open("w", encoding="utf-8") as f:
            for prefix, method in METHODS.items():
                for name, texts in sets.items():
                    for i, recs in enumerate(records(texts, method)):
                        for r in recs:
                            row = {"set": prefix + name, "text": i, **r}
                            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    actual = digests(sets)
    if args.write:
        DIGEST_FILE.write_text(json.dumps(actual, indent=2, sort_keys=True) + "\n", "utf-8")
        print(f"wrote {DIGEST_FILE.relative_to(ROOT)}")
        return 0
    expected = json.loads(DIGEST_FILE.read_text(encoding="utf-8"))
    diff = differences(expected, actual)
    for line in diff:
        print(line)
    total = sum(int(d["candidates"]) for d in actual.values())  # type: ignore[call-overload]
    print(f"{'output CHANGED' if diff else 'output identical'}: {total} candidates")
    return 1 if diff else 0


if __name__ == "__main__":
    sys.exit(main())
