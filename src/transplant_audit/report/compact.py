"""Say repeated things once: lines that many derivations of a section share.

The hospital derivations list model assumptions (each with its distribution and
sources) for every hospital; on the bundled data most of those lines repeat from
hospital to hospital. ``share_common_lines`` states each line that at least
``MIN_DERIVATIONS`` derivations of a section share once, in a block before them,
and leaves in each derivation one line that links to that block and to the
entries the shared lines link to (e.g. each assumption's row in the methods
table). Nothing is dropped: every line, number and anchor is still in the
section. Pure: report model in, report model out.
"""

from __future__ import annotations

from collections import Counter

from transplant_audit.report.model import Derivation, Link, Run, Section

MIN_DERIVATIONS = 3
"""A line shared by fewer derivations is cheaper to repeat than to cross-reference."""


def _key(line: list[Run]) -> tuple[Run, ...]:
    return tuple(line)


def _first_link(line: list[Run]) -> Link | None:
    return next((r for r in line if isinstance(r, Link)), None)


def shared_lines(derivations: list[Derivation]) -> list[list[Run]]:
    """Lines (with a link to name them by) found in at least ``MIN_DERIVATIONS`` derivations,
    in order of first appearance."""
    counts = Counter(key for d in derivations for key in {_key(line) for line in d.lines})
    seen: set[tuple[Run, ...]] = set()
    out: list[list[Run]] = []
    for d in derivations:
        for line in d.lines:
            key = _key(line)
            if counts[key] >= MIN_DERIVATIONS and key not in seen and _first_link(line):
                seen.add(key)
                out.append(line)
    return out


def share_common_lines(section: Section) -> Section:
    """Move lines shared by many of ``section``'s derivations into one block before them."""
    derivations = [b for b in section.blocks if isinstance(b, Derivation)]
    if len(derivations) < MIN_DERIVATIONS:
        return section
    shared = shared_lines(derivations)
    if not shared:
        return section
    anchor = f"{section.id}-shared-lines"
    keys = {_key(line) for line in shared}
    for d in derivations:
        mine = [line for line in d.lines if _key(line) in keys]
        if not mine:
            continue
        pointer: list[Run] = ["Also (stated once in ", Link("the shared lines", anchor), "): "]
        for i, line in enumerate(mine):
            link = _first_link(line)
            pointer += ([", "] if i else []) + [link if link else ""]
        d.lines = [line for line in d.lines if _key(line) not in keys] + [pointer]
    block = Derivation(
        anchor=anchor,
        title=f"Lines shared by several of the {len(derivations)} derivations below",
        lines=shared,
    )
    section.blocks.insert(section.blocks.index(derivations[0]), block)
    return section
