"""A blind set's parts as gathered: the files ``GATHER_DIR/*/PREFIX<L><NN>.txt`` grouped by
gatherer (``<L>`` the language letter E, S or T; ``NN`` 01-19 the first gatherer of a
language, 21-29 the second, 31-39 a third, 41-49 a fourth: parts E, E2, E3, E4 ...; heldout23's
Traditional parts were T, T3 and T4), in file order."""

from __future__ import annotations

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from build_set import is_batch_file  # noqa: E402

_NAME_RE = re.compile(r"^[a-z]+(?P<lang>[EST])(?P<tens>\d)\d\.txt$")


def part_of(path: Path) -> str:
    """'iE01.txt' → 'E', 'iE21.txt' → 'E2', 'iT32.txt' → 'T3'."""
    m = _NAME_RE.match(path.name)
    if m is None:
        raise ValueError(f"{path}: not a raw batch name such as iE01.txt")
    tens = int(m.group("tens"))
    return m.group("lang") + (str(tens) if tens >= 2 else "")


def gather_files(gather_dir: Path, prefix: str) -> list[Path]:
    """The raw files ``GATHER_DIR/*/PREFIX<L><NN>.txt`` of a set being gathered, sorted by
    folder and name; exactly ``prefix`` (``build_set.is_batch_file``, the build's own rule), so
    a longer prefix that starts with it is not swept in."""
    return sorted(p for p in gather_dir.glob("*/*.txt") if is_batch_file(p.name, prefix))


def parts(gather_dir: Path, prefix: str) -> dict[str, list[Path]]:
    """Part name → its files, sorted."""
    out: dict[str, list[Path]] = {}
    for path in gather_files(gather_dir, prefix):
        out.setdefault(part_of(path), []).append(path)
    return out
