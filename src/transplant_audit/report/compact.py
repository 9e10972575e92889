"""Say repeated things once: lines shared by every derivation of a section.

The hospital derivations list the same model assumptions (with their sources)
for every hospital; on the bundled data that was about a third of the page.
``share_common_lines`` moves the lines that every derivation of a section has
in common into one block placed before them, and leaves in each derivation a
link to it. Nothing is dropped: every line, number and link is still in the
section, once. Pure: report model in, report model out.
"""

from __future__ import annotations

from transplant_audit.report.model import Derivation, Link, Run, Section

MIN_DERIVATIONS = 3
"""Below this many derivations, repeating a line costs less than a cross-reference."""


def _key(line: list[Run]) -> tuple[Run, ...]:
    return tuple(line)


def common_lines(derivations: list[Derivation]) -> list[list[Run]]:
    """Lines present in every derivation, in the order of the first one."""
    if not derivations:
        return []
    shared = set.intersection(*({_key(line) for line in d.lines} for d in derivations))
    return [line for line in derivations[0].lines if _key(line) in shared]


def share_common_lines(section: Section) -> Section:
    """Move lines common to all of ``section``'s derivations into one shared block."""
    derivations = [b for b in section.blocks if isinstance(b, Derivation)]
    if len(derivations) < MIN_DERIVATIONS:
        return section
    shared = common_lines(derivations)
    if not shared:
        return section
    anchor = f"{section.id}-shared-lines"
    keys = {_key(line) for line in shared}
    block = Derivation(
        anchor=anchor,
        title=f"The same for each of the {len(derivations)} derivations below",
        lines=shared,
    )
    pointer: list[Run] = [
        "And the ",
        Link(f"{len(shared)} lines shared by every derivation", anchor),
        ".",
    ]
    for d in derivations:
        d.lines = [line for line in d.lines if _key(line) not in keys] + [pointer]
    section.blocks.insert(section.blocks.index(derivations[0]), block)
    return section
