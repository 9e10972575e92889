"""Check the relative links of Markdown files: every linked file exists and every
``#anchor`` names a heading of the file it points to (GitHub's heading ids).

Run:  python tools/check_doc_links.py                 # README*.md and docs/*.md
      python tools/check_doc_links.py docs/extract.md # only the files named

Prints one line per broken link (file, link, reason) and a count; exit 1 when a link is
broken, 2 when a named file does not exist. Links inside fenced code or an inline code span
are text, not links; a link with a title ('[a](b.md#c "C")') is checked. Links with a
scheme (https:, mailto:) are not followed. Written when docs/extract.md was split into the
reference and docs/extract-history.md, whose sections are linked by anchor from both files.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_FENCE = re.compile(r"^```.*?^```", re.S | re.M)
_HEADING = re.compile(r"^#{1,6} (.+?)\s*#*\s*$", re.M)
_CODE_SPAN = re.compile(r"(?<!`)(`{1,3})(?!`)(?:(?!\n[ \t]*\n).)*?(?<!`)\1(?!`)", re.S)
"""An inline code span, perhaps wrapped but within its paragraph (`` `[a](b.md)` `` is text,
not a link)."""
_LINK = re.compile(r"\]\(<?([^()\s>]+)>?(?:\s+(?:\"[^\"]*\"|'[^']*'))?\)")
"""A link's target, bare or in <>, with or without a title ('[a](b.md "B")'); no parenthesis
in it, so that a text of many '](' is read in linear time."""
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def heading_ids(markdown: str) -> set[str]:
    """The anchors GitHub gives the headings of ``markdown``: lower case, every character but
    letters, digits, ``_``, ``-`` and spaces removed, spaces as ``-``; a repeated id gets
    ``-1``, ``-2``, ... Headings inside fenced code are not headings."""
    ids: set[str] = set()
    seen: dict[str, int] = {}
    for m in _HEADING.finditer(_FENCE.sub("", markdown)):
        base = re.sub(r"[^\w\- ]", "", m.group(1).strip().lower()).replace(" ", "-")
        n = seen.get(base, 0)
        seen[base] = n + 1
        ids.add(base if n == 0 else f"{base}-{n}")
    return ids


def broken_links(path: Path) -> list[str]:
    """One line for each relative link of ``path`` whose file or anchor does not exist."""
    text = _CODE_SPAN.sub("", _FENCE.sub("", path.read_text(encoding="utf-8")))
    out: list[str] = []
    for m in _LINK.finditer(text):
        target = m.group(1)
        if _SCHEME.match(target):
            continue
        file_part, _, anchor = target.partition("#")
        dest = (path.parent / file_part) if file_part else path
        if not dest.is_file():
            out.append(f"{path}: {target}: no such file")
        elif (
            anchor
            and dest.suffix == ".md"
            and anchor not in heading_ids(dest.read_text(encoding="utf-8"))
        ):
            out.append(f"{path}: {target}: no such heading")
    return out


def default_files() -> list[Path]:
    """README*.md at the top and every Markdown file of docs/."""
    return sorted(ROOT.glob("README*.md")) + sorted((ROOT / "docs").glob("*.md"))


def main(argv: list[str]) -> int:
    files = [Path(a) for a in argv] or default_files()
    missing = [f for f in files if not f.is_file()]
    if missing:
        print(f"check_doc_links: no such file: {missing[0]}", file=sys.stderr)
        return 2
    problems = [line for f in files for line in broken_links(f)]
    for line in problems:
        print(line)
    print(f"{len(files)} files, {len(problems)} broken links")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
