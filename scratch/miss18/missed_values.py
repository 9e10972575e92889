"""Recall instrument (helper miss18): the gold figures of the READABLE real-text sets whose
value no rules candidate carries (within 2%, any indicator), each classified by WHY.

Causes (per number token whose value, read in some unit, is within 2% of the gold value):
  not_a_number   no number token of the text reads the value (words, mixed forms, sums)
  token_dropped  core._token refused the token (inside a figure, name, back-reference...)
  ordinal        core._ordinal refused it
  no_unit        no counter was read after all counter steps (never reached classification)
  <step>         the first core step that returned False (_unit, _value, _money_checks,
                 _qualifiers, _statement, _canonical_value, _indicator)
  classify:<fn>:<line>  _indicator failed: the last classify-module line run before None
  emitted_lost   emitted but not in the final output (restated, side passes)
The loop below mirrors core._extract; it reads only dev, dev2, heldout (v1), heldout2 and
the tune halves h3..h12. Run: PYTHONPATH=src python scratch/miss18/missed_values.py [-v]
"""

from __future__ import annotations

import collections
import sys

sys.path.insert(0, "benchmarks")

import bench_extract as be  # noqa: E402

from transplant_audit.extract import classify as cl  # noqa: E402
from transplant_audit.extract import core  # noqa: E402
from transplant_audit.extract import patterns as pat  # noqa: E402

READABLE = ["dev", "dev2", "heldout", "heldout2"] + [f"h{n}-tune" for n in range(3, 13)]
CTX: list[str] = []
SCALES = (1.0, 0.01, 1e4, 1e8, 1e6, 1e3, 7.0, 30.0, 365.0, 1 / 24)


def near(a: float, g: float) -> bool:
    return g != 0 and abs(a - g) <= 0.02 * abs(g)


def _classify_trace(f) -> str:  # noqa: ANN001
    """Re-run _classify under a tracer and follow the None it returns down the calls that
    passed it up: the deepest classify.py function that returned None, and its line."""
    events: list[tuple[int, str, int, object]] = []  # (depth, function, line, value)
    depth = [0]

    def tracer(frame, event, arg):  # noqa: ANN001, ANN202
        if frame.f_code.co_filename != cl.__file__ or frame.f_code.co_name.startswith("<"):
            return None
        if event == "call":
            depth[0] += 1
        elif event == "return":
            events.append((depth[0], frame.f_code.co_name, frame.f_lineno, arg))
            depth[0] -= 1
        return tracer

    sys.settrace(tracer)
    try:
        cl._classify(f.uclass, f.ctx, f.ordinal)
    finally:
        sys.settrace(None)
    # walk back from the top frame's return: the last return one level deeper before it
    i = len(events) - 1
    d, fn, ln, _ = events[i]
    while i > 0:
        j = i - 1
        while j >= 0 and events[j][0] > d + 1:
            j -= 1
        if j < 0 or events[j][0] != d + 1 or events[j][3] is not None:
            break
        i = j
        d, fn, ln, _ = events[i]
    return f"classify:{fn}:{ln}"


def token_fates(text: str) -> list[tuple[float, float, str, str]]:
    """(raw value, mult, uclass, fate) per number token, mirroring core._extract."""
    pg = core._page(text, None, 60)
    carry = core._Carry()
    fates = []
    for m in pg.numbers:
        try:
            raw = core._token_value(m)
        except ValueError:
            raw = float("nan")
        f = core._token(pg, carry, m)
        if f is None:
            fates.append((raw, 1.0, "", "token_dropped"))
            continue
        if not core._ordinal(pg, f):
            fates.append((raw, 1.0, "", "ordinal"))
            continue
        cnt = core._direct_counter(pg, carry, f)
        if not cnt.uclass:
            cnt = core._local_counter(pg, f, core._range_counter(pg, carry, f, cnt))
        cnt = core._counter_from_previous(pg, carry, f, cnt)
        if not cnt.uclass:
            cnt = core._elliptic_counters(pg, f, cnt)
        if hasattr(core, "_ranked_next") and not cnt.uclass and f.arabic and not pg.is_zh_text:
            cnt = core._ranked_next(pg, carry, f, cnt)  # added by miss18
        fate = ""
        for step in (
            core._unit,
            core._currency,
            core._value,
            core._money_checks,
            core._qualifiers,
            core._statement,
            core._indicator,
            core._canonical_value,
        ):
            args = (
                (pg, carry, f)
                if step in (core._value, core._qualifiers, core._indicator)
                else (pg, f)
            )
            if step is core._unit:
                args = (pg, f, cnt)
            if not step(*args):
                fate = step.__name__
                break
        if not fate:
            n_before = len(carry.out)
            core._emit(pg, carry, f)
            fate = "emitted" if len(carry.out) > n_before else "emitted_lost"
        elif not f.uclass and fate in ("_indicator", "_unit", "_statement", "_currency"):
            fate = "no_unit"
        elif fate == "_indicator":
            fate = _classify_trace(f)
        fates.append(
            (raw, f.mult or 1.0, pg.norm[max(0, f.s - 30) : f.e + 30].replace("\n", " "), fate)
        )
    return fates


def cause_of(g: dict, fates: list) -> str:  # noqa: C901
    value = float(g["value"])
    hits = [
        fate for raw, mult, _, fate in fates if any(near(raw * k, value) for k in (*SCALES, mult))
    ]
    CTX.clear()
    CTX.extend(c for raw, mult, c, _ in fates if any(near(raw * k, value) for k in (*SCALES, mult)))
    if not hits:
        if 1900 <= value <= 2100:
            return "year_side_pass"
        return "not_a_number"
    rank = ["emitted", "emitted_lost", "_canonical_value", "classify", "_statement",
            "_qualifiers", "_money_checks", "_value", "_currency", "_unit", "no_unit",
            "ordinal", "token_dropped"]  # fmt: skip
    best = min(hits, key=lambda h: rank.index(h.split(":")[0]))
    if best == "emitted":
        best = "emitted_other_value"  # emitted, yet no candidate carries it (unit/scale)
    return ("year:" if 1900 <= value <= 2100 else "") + best


def main(verbose: bool) -> None:
    table: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    examples: dict[str, list] = collections.defaultdict(list)
    for name in READABLE:
        docs = be.load_realtext(name)
        for d in docs:
            text = d["text"]
            if pat.PINYIN_GLOSS_RE.search(text):
                text = pat.PINYIN_GLOSS_RE.sub("", text)
            cands = core.extract_candidates(text)
            fates = None
            for g in d.get("gold", []):
                if any(near(c.value, float(g["value"])) for c in cands):
                    continue
                fates = fates if fates is not None else token_fates(text)
                cause = cause_of(g, fates)
                table[cause][d["language"]] += 1
                examples[cause].append(
                    (name, d["id"], d["language"], g["indicator"], g["value"], "|".join(CTX[:2]))
                )
    langs = ("en", "zh-Hans", "zh-Hant")
    print(f"{'cause':<48} " + " ".join(f"{lang:>8}" for lang in langs) + "    all  sets")
    tot = collections.Counter()
    for cause, c in sorted(table.items(), key=lambda kv: -sum(kv[1].values())):
        sets = len({e[0] for e in examples[cause]})
        print(f"{cause:<48} " + " ".join(f"{c[lang]:>8}" for lang in langs)
              + f" {sum(c.values()):>6} {sets:>5}")  # fmt: skip
        tot.update(c)
    print(f"{'TOTAL':<48} " + " ".join(f"{tot[lang]:>8}" for lang in langs)
          + f" {sum(tot.values()):>6}")  # fmt: skip
    if verbose:
        for cause, ex in examples.items():
            print(f"\n## {cause}")
            for e in ex:
                print("  ", *e)


if __name__ == "__main__":
    main("-v" in sys.argv)
