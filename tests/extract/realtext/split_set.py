"""Split the real-text set ONCE into dev and held-out halves, by URL, with a fixed seed.

Run: python tests/extract/realtext/split_set.py   (writes realtext.json, dev.json, heldout.json)

All snippets of one page go to the same half. Pages are shuffled per language with the
fixed seed, then each page goes to the half that has fewer snippets of that language so
far, so both halves hold about half of every language.
"""

from __future__ import annotations

import json
import random
from collections import defaultdict

from build_set import HERE, build

SEED = 20261204


def split(docs: list[dict]) -> tuple[list[dict], list[dict]]:
    pages: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for d in docs:
        pages[(d["language"], d["url"])].append(d)
    rng = random.Random(SEED)
    halves: dict[str, list[dict]] = {"dev": [], "heldout": []}
    for lang in sorted({lang for lang, _ in pages}):
        keys = sorted(k for k in pages if k[0] == lang)
        rng.shuffle(keys)
        counts = {"dev": 0, "heldout": 0}
        for k in keys:
            half = min(counts, key=lambda h: (counts[h], h))
            halves[half].extend(pages[k])
            counts[half] += len(pages[k])
    return halves["dev"], halves["heldout"]


def write(name: str, docs: list[dict]) -> None:
    (HERE / name).write_text(
        json.dumps(docs, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )


if __name__ == "__main__":
    docs = build()
    dev, heldout = split(docs)
    assert not {d["url"] for d in dev} & {d["url"] for d in heldout}
    write("realtext.json", docs)
    write("dev.json", dev)
    write("heldout.json", heldout)
    for name, part in (("dev", dev), ("heldout", heldout)):
        langs: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        for d in part:
            langs[d["language"]][0] += 1
            langs[d["language"]][1] += len(d["gold"])
        print(name, {k: tuple(v) for k, v in sorted(langs.items())})
