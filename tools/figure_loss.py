"""Where the learned method loses a gold figure, on the readable training snippets only.

Run:  python tools/figure_loss.py [--examples 3] [--method learned]

Every gold figure of dev, dev2, held-out v1, heldout2 and the TUNE halves of the sets tuned
on by half (the trainer's ``real_records``: never a check half, never a blind set) that the
method misses (indicator, value within 2%) is put in one of three classes:

* (c) naming: a number span (``learned.number_spans``) reads the gold value in the gold
  indicator's unit (``learned.value_as``, or a rules candidate of that indicator on the
  span, within 2%): the value was there, the model did not name it (or named it below the
  add threshold);
* (b) value: no span gives that value, but a span whose stated number, or its value, is the
  gold value times a power of ten (a unit, a multiplier: 万, 亿, million, per cent; for a
  gold value of 10 or more), or a wait in a time unit left unread (2 yrs), or whose
  reading under another indicator's unit is the gold value: the number was read, its value
  taken wrong;
* (a) parse: no span holds the gold value in any of those readings: the parser never read
  that number (or the figure is not written as one number in the text).

``--scores`` adds the scores of rules and learned there and, in aggregate only, on the
pooled check halves of the trainer's judge. Prints the counts per language and a few
examples of (a) and (b) per language (the figure is not located in its snippet: the gold
carries no span, so the example is the whole snippet, cut). Scores only; lists no item of a
check half.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tools"))

from transplant_audit.evidence.vocabulary import INDICATORS  # noqa: E402
from transplant_audit.extract import core, learned  # noqa: E402
from transplant_audit.extract.evaluate import (  # noqa: E402
    Tally,
    evaluate_any_indicator,
    evaluate_values,
    matched,
    value_near,
)

SCALES = (1e-8, 1e-6, 1e-4, 1e-3, 1e-2, 1e2, 1e3, 1e4, 1e6, 1e8)
"""The powers of ten a wrongly read unit or multiplier moves a value by."""
LANGS = ("en", "zh-Hans", "zh-Hant")


def classify_miss(spans: list[learned.Span], gold: dict) -> str:
    """'c', 'b' or 'a' for one missed gold figure (see the module's docstring)."""
    ind, target = str(gold["indicator"]), float(gold["value"])
    for sp in spans:  # a span holding both ends of a range holds two rules candidates
        named = [c.value for c in sp.rules if c.indicator == ind]
        if any(value_near(v, target) for v in [*named, learned.value_as(sp, ind) or 0.0]):
            return "c"
    scales = SCALES if target >= 10 else ()  # 1,000 x 1e-3 is no misread 'first'
    days = tuple(core.TIME_TO_DAYS.values()) if INDICATORS[ind].unit == "days" else ()
    for sp in spans:
        readings = [sp.raw] + [sp.raw * k for k in (*scales, *days) if k]
        readings += [v for other in INDICATORS if (v := learned.value_as(sp, other)) is not None]
        if any(value_near(v, target) for v in readings if v):
            return "b"
    return "a"


def records(pool: str) -> list[tuple[str, dict]]:
    """(set name, snippet) of the training snippets, or of the pooled check halves."""
    import train_extractor as tr

    if pool == "train":
        return tr.real_records()
    return [(f"{n}-check", raw) for n in tr.JUDGE_HALVES for raw in tr.check_half(n)]


def losses(
    method: str, pool: str = "train"
) -> tuple[dict[str, Counter], dict[tuple[str, str], list[str]]]:
    """Per language the count of figures found, (a), (b), (c); and the examples (none
    for the check halves: counted in aggregate only)."""
    counts: dict[str, Counter] = defaultdict(Counter)
    examples: dict[tuple[str, str], list[str]] = defaultdict(list)
    for name, raw in records(pool):
        lang = raw["language"]
        preds = learned.extract(raw["text"], method=method, language=lang)
        _, found = matched(preds, raw["gold"])
        missed = [g for g, hit in zip(raw["gold"], found, strict=True) if not hit]
        counts[lang]["gold"] += len(found)
        counts[lang]["found"] += len(found) - len(missed)
        if not missed:
            continue
        _, _, spans = learned.document_spans(raw["text"], lang)
        for g in missed:
            cls = classify_miss(spans, g)
            counts[lang][cls] += 1
            if pool != "train":
                continue
            text = " ".join(raw["text"].split())
            examples[(lang, cls)].append(
                f"{name}/{raw['id']}: {g['indicator']}={g['value']:g} | {text[:220]}"
            )
    return counts, examples


def scores() -> None:
    """Rules and learned per language, (indicator, value) and value only, on the readable
    training snippets; then (indicator, value) on the pooled CHECK halves of the trainer's
    judge, in aggregate only (per language P/R, true/false/missed: never an item)."""
    import train_extractor as tr

    train = [raw for _, raw in tr.real_records()]
    check = [raw for name in tr.JUDGE_HALVES for raw in tr.check_half(name)]
    print(f"  {'pool':<7} {'method':<8} {'scoring':<7} {'language':<8} P      R      tp   fp   fn")
    pools = (("train", train, ("ind+val", "value")), ("check", check, ("ind+val",)))
    for pool, docs, kinds in pools:
        for method in ("rules", "learned"):
            found = {d["text"]: learned.extract(d["text"], method=method) for d in docs}
            for kind in kinds:
                score = evaluate_values if kind == "ind+val" else evaluate_any_indicator
                report = score(docs, found.__getitem__)
                for lang in (*LANGS, "all"):
                    t = report.total if lang == "all" else report.by_language.get(lang, Tally())
                    print(
                        f"  {pool:<7} {method:<8} {kind:<7} {lang:<8} {t.precision:.3f}  "
                        f"{t.recall:.3f}  {t.tp:>4} {t.fp:>4} {t.fn:>4}"
                    )


def _count_row(lang: str, c: Counter) -> str:
    miss = c["a"] + c["b"] + c["c"]
    cells = f"{c['gold']:>5} {c['found']:>5} {miss:>6} {c['a']:>5} {c['b']:>5} {c['c']:>5}"
    return f"  {lang:<9} {cells}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--examples", type=int, default=3, help="examples of (a) and (b) per language")
    ap.add_argument("--method", default="learned", help="extraction method (default learned)")
    ap.add_argument(
        "--scores",
        action="store_true",
        help="also score rules and learned on the training snippets and, in aggregate only, "
        "on the pooled check halves of heldout3-16",
    )
    ap.add_argument(
        "--pool",
        choices=("train", "check"),
        default="train",
        help="train: the readable training snippets (default); check: the pooled check halves "
        "of heldout3-16, counts only (no example is printed)",
    )
    args = ap.parse_args(argv)
    if args.examples < 0:
        ap.error("--examples must be >= 0")
    if args.method not in learned.METHODS:
        ap.error(f"unknown method {args.method!r}; one of {', '.join(learned.METHODS)}")
    counts, examples = losses(args.method, args.pool)
    where = "readable training snippets" if args.pool == "train" else "check halves (counts)"
    print(f"missed gold figures of the {where}, method {args.method}")
    print(
        f"  {'language':<9} {'gold':>5} {'found':>5} {'missed':>6} {'(a)':>5} {'(b)':>5} {'(c)':>5}"
    )
    total: Counter = Counter()
    for lang in LANGS:
        total.update(counts[lang])
        print(_count_row(lang, counts[lang]))
    print(_count_row("all", total))
    for lang in LANGS:
        for cls in ("a", "b"):
            for line in examples[(lang, cls)][: args.examples]:
                print(f"  ({cls}) {lang}: {line}")
    if args.scores:
        scores()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
