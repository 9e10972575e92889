"""Build realtext.json from the annotation sources in raw/*.txt (see GUIDE.md).

Run: python tests/extract/realtext/build_set.py
"""

from __future__ import annotations

import re
from pathlib import Path

from transplant_audit.evidence.vocabulary import INDICATORS, ORGANS, UNIT_CONVERSIONS

HERE = Path(__file__).resolve().parent
QUALIFIERS = {"exact", "approx", "at_least", "at_most"}
DURATION = {
    "d": 1.0,
    "w": UNIT_CONVERSIONS[("weeks", "days")],
    "mo": UNIT_CONVERSIONS[("months", "days")],
    "y": UNIT_CONVERSIONS[("years", "days")],
}
VALUE_RE = re.compile(r"^([0-9.]+)(d|w|mo|y)?$")


def parse_value(text: str) -> float:
    m = VALUE_RE.match(text)
    if not m:
        raise ValueError(f"bad value {text!r}")
    return round(float(m.group(1)) * DURATION.get(m.group(2) or "d", 1.0), 4)


def parse(path: Path) -> list[dict]:
    docs: list[dict] = []
    url = lang = ""
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        tag, _, rest = line.partition(" ")
        where = f"{path.name}:{n}"
        if tag == "U":
            url = rest.strip()
        elif tag == "L":
            lang = rest.strip()
            assert lang in {"en", "zh-Hans", "zh-Hant"}, where
        elif tag == "T":
            text = rest.replace("\\n", "\n")
            assert len(text) <= 400, f"{where}: snippet over 400 characters"
            docs.append({"url": url, "language": lang, "text": text, "gold": [], "src": where})
        elif tag == "F":
            parts = rest.split()
            ind, value = parts[0], parse_value(parts[1])
            qual = parts[2] if len(parts) > 2 else "exact"
            organ = parts[3] if len(parts) > 3 else ""
            assert ind in INDICATORS, f"{where}: unknown indicator {ind}"
            assert qual in QUALIFIERS, f"{where}: bad qualifier {qual}"
            assert organ == "" or organ in ORGANS, f"{where}: bad organ {organ}"
            docs[-1]["gold"].append(
                {
                    "indicator": ind,
                    "value": value,
                    "unit": INDICATORS[ind].unit,
                    "qualifier": qual,
                    "organ": organ,
                }
            )
        else:
            raise ValueError(f"{where}: unknown line tag {tag!r}")
    return docs


def build() -> list[dict]:
    docs: list[dict] = []
    for path in sorted((HERE / "raw").glob("b*.txt")):
        docs.extend(parse(path))
    for i, d in enumerate(docs):
        d["id"] = f"rt-{i:03d}"
    return docs


if __name__ == "__main__":
    from collections import Counter

    docs = build()
    langs = Counter(d["language"] for d in docs)
    figs = Counter()
    empty = Counter()
    for d in docs:
        figs[d["language"]] += len(d["gold"])
        empty[d["language"]] += not d["gold"]
    print(len(docs), "snippets", dict(langs), "figures", dict(figs), "none", dict(empty))
    print(len({d["url"] for d in docs}), "urls")
