"""Which step of period.decide named each count (in_period / cumulative), right or wrong.

Readable sets only (dev, dev2, held-out v1, heldout2, tune halves h3..h12; never a check
half). For every rules candidate named transplants_in_period / transplants_cumulative (or
the surgeon_ pair), the reason period.decide gave for its figure, and the outcome against the
snippet's gold:
right (same indicator, value within 2%), swap (value of a gold figure of the other member of
the pair), other (a gold figure of another indicator), none (no gold figure has the value).

Run: PYTHONPATH=src python benchmarks/period_branches.py [--detail REASON] [--lang L] [--sets S..]

With PYTHONPATH pointing at an older tree's src/ (git archive <commit> src), it tallies a tune
half as the rules stood when that set was scored blind (name18 did so for h6, h7, h9-h12).
The step is the reason period.decide gave; '(not named by period.decide)' is a count the
classifier named before asking it (an ordinal, a recipients' count).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REALTEXT = ROOT / "tests/extract/realtext"
sys.path.insert(0, str(REALTEXT))

import build_set  # noqa: E402

from transplant_audit.extract import classify  # noqa: E402
from transplant_audit.extract.core import extract_candidates  # noqa: E402
from transplant_audit.extract.evaluate import value_only_matches  # noqa: E402

PAIR = {
    "transplants_in_period": "transplants_cumulative",
    "transplants_cumulative": "transplants_in_period",
    "surgeon_transplants_in_period": "surgeon_transplants_cumulative",
    "surgeon_transplants_cumulative": "surgeon_transplants_in_period",
}
READABLE = ["dev", "dev2", "heldout", "heldout2"] + [f"h{n}-tune" for n in range(3, 13)]

_seen: dict[int, str] = {}
_orig = classify._temporal


def _recording(ctx):  # noqa: ANN001, ANN202
    d = classify.decide_period(classify._period_view(ctx))
    _seen[ctx.sentence_start + len(ctx.sentence_left)] = d.reason
    return d.kind


classify._temporal = _recording


def outcome(c, gold: list[dict]) -> str:  # noqa: ANN001
    vals = [g for g in gold if value_only_matches(c, g)]
    inds = {g["indicator"] for g in vals}
    if c.indicator in inds:
        return "right"
    if PAIR[c.indicator] in inds:
        return "swap"
    return "other" if inds else "none"


def load(name: str) -> list[dict]:
    m = re.fullmatch(r"h(\d+)-tune", name)
    if m:
        return build_set.halves(f"heldout{m[1]}")[0]
    return json.loads((REALTEXT / f"{name}.json").read_text(encoding="utf-8"))


def rows(sets: list[str]):  # noqa: ANN201
    for name in sets:
        for d in load(name):
            _seen.clear()
            cands = extract_candidates(d["text"])
            for c in cands:
                if c.indicator not in PAIR:
                    continue
                reason = _seen.get(c.start, "(not named by period.decide)")
                yield name, d, c, reason, outcome(c, d.get("gold", []))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--detail", default="")
    ap.add_argument("--lang", default="")
    ap.add_argument("--sets", nargs="*", default=READABLE)
    a = ap.parse_args()
    bad = [s for s in a.sets if s not in READABLE]
    if bad:
        sys.exit(f"period_branches: readable sets only ({' '.join(READABLE)}); not {bad}")
    table: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for name, d, c, reason, out in rows(a.sets):
        kind = "in" if "in_period" in c.indicator else "cum"
        table[(d["language"], f"{kind}: {reason}")][out] += 1
        table[("all", f"{kind}: {reason}")][out] += 1
        if a.detail and a.detail in reason and (not a.lang or a.lang == d["language"]):
            at = c.start
            print(f"[{out}] {name} {d['id']} {c.indicator} {c.value:g} | {reason}")
            print("    ", d["text"][max(0, at - 160) : at + 80].replace("\n", " "))
            gold = [(g["indicator"], g["value"]) for g in d.get("gold", [])]
            print("     gold:", gold)
    if a.detail:
        return
    for lang in ("en", "zh-Hans", "zh-Hant", "all"):
        keys = sorted((k for k in table if k[0] == lang), key=lambda k: -sum(table[k].values()))
        tot = Counter()
        for k in keys:
            tot.update(table[k])
        print(
            f"== {lang}: right {tot['right']} swap {tot['swap']} other {tot['other']} "
            f"none {tot['none']}"
        )
        for k in keys:
            t = table[k]
            print(f"  {t['right']:>3} {t['swap']:>3} {t['other']:>3} {t['none']:>3}  {k[1]}")


if __name__ == "__main__":
    main()
