"""The report as plain data: sections of blocks, footnotes, and the tables behind them.

The section builders (``sections.py``) turn evidence and results into these
dataclasses; the HTML, PDF and data writers only render them. Keeping one
neutral model means the web page, the PDF and ``data/`` can never disagree
about a figure: they are three views of the same object.

Text is a list of *runs*: plain strings, :class:`Ref` (a footnote marker that
links to a note) and :class:`Link` (an in-report link such as a source entry).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd


@dataclass(frozen=True)
class Ref:
    """A footnote marker pointing at note ``number`` in the notes section."""

    number: int


@dataclass(frozen=True)
class Link:
    """An in-report link: ``anchor`` is an element id, without the ``#``."""

    text: str
    anchor: str


Run = str | Ref | Link


@dataclass
class Para:
    """One paragraph of text made of runs."""

    runs: list[Run]
    kind: str = "text"  # text | caveat


@dataclass
class Unavailable:
    """A section part that could not be produced, and why. Rendered as a visible box."""

    what: str
    reason: str


@dataclass
class HeadlineItem:
    label: str
    value: str
    detail: list[Run] = field(default_factory=list)


@dataclass
class Headline:
    """The big numbers at the top of the report."""

    items: list[HeadlineItem]


@dataclass
class Figure:
    """A chart: a Vega-Lite spec plus the table behind it (written to ``data/<name>``)."""

    name: str
    title: str
    spec: dict[str, Any]
    data: pd.DataFrame
    alt: str
    caption: list[Run] = field(default_factory=list)


@dataclass
class Table:
    """A table. ``anchors`` maps a column to an id prefix: each row gets ``id=prefix+value``.

    ``links`` maps a column to an id prefix: each cell links to ``#prefix+value``
    (multi-valued cells separated by ";" become one link per value).
    """

    name: str
    title: str
    data: pd.DataFrame
    sortable: bool = False
    anchors: dict[str, str] = field(default_factory=dict)
    links: dict[str, str] = field(default_factory=dict)
    urls: tuple[str, ...] = ()
    caption: list[Run] = field(default_factory=list)
    export: bool = True
    max_rows_pdf: int | None = None


@dataclass
class Derivation:
    """How one hospital-year figure was derived: lines of text, each with its citations."""

    anchor: str
    title: str
    lines: list[list[Run]]


Block = Para | Unavailable | Headline | Figure | Table | Derivation


@dataclass
class Section:
    id: str
    title: str
    blocks: list[Block] = field(default_factory=list)

    def add(self, *blocks: Block) -> Section:
        self.blocks.extend(blocks)
        return self


@dataclass
class Note:
    """A footnote: what the figure is, and the evidence entries that produced it."""

    number: int
    text: str
    sources: list[str] = field(default_factory=list)
    observations: list[str] = field(default_factory=list)
    assumptions: list[str] = field(default_factory=list)
    anchors: list[Link] = field(default_factory=list)


class Notes:
    """Numbered footnotes. ``cite`` returns a :class:`Ref` to put after a figure."""

    def __init__(self) -> None:
        self.items: list[Note] = []

    def cite(
        self,
        text: str,
        *,
        sources: Iterable[str] = (),
        observations: Iterable[str] = (),
        assumptions: Iterable[str] = (),
        anchors: Iterable[Link] = (),
    ) -> Ref:
        note = Note(
            number=len(self.items) + 1,
            text=text,
            sources=_unique(sources),
            observations=_unique(observations),
            assumptions=_unique(assumptions),
            anchors=list(anchors),
        )
        self.items.append(note)
        return Ref(note.number)

    def same_as(self, note: Note, min_items: int = 10) -> int | None:
        """The number of an earlier note with exactly the same (long) evidence lists, if any.

        A long list of observations is printed once; later notes with the same
        evidence point back to it instead of repeating hundreds of ids.
        """
        key = (note.observations, note.assumptions, note.sources)
        if sum(len(k) for k in key) < min_items:
            return None
        for other in self.items:
            if other.number >= note.number:
                break
            if (other.observations, other.assumptions, other.sources) == key:
                return other.number
        return None


def _unique(values: Iterable[str]) -> list[str]:
    seen: dict[str, None] = {}
    for value in values:
        text = str(value).strip()
        if text and text.lower() != "nan":
            seen.setdefault(text, None)
    return list(seen)


@dataclass
class Report:
    """Everything the writers need."""

    title: str
    subtitle: str
    sections: list[Section]
    notes: Notes
    inputs: dict[str, Any]
    headline_text: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    """Upstream parts that were not available (shown in the report and printed by the CLI)."""
    attachments: dict[str, Any] = field(default_factory=dict)
    """Extra JSON files for ``data/`` (file name -> content), e.g. the evidence manifest."""
    lang: str = "en"
    """BCP 47 tag of the report's language (``report --lang``)."""
    ui: dict[str, str] = field(default_factory=dict)
    """Translated fixed strings of the page (notes title, ...); missing keys stay English."""

    def figures(self) -> list[Figure]:
        return [b for s in self.sections for b in s.blocks if isinstance(b, Figure)]

    def tables(self) -> list[Table]:
        return [b for s in self.sections for b in s.blocks if isinstance(b, Table)]

    def unavailable(self) -> list[Unavailable]:
        return [b for s in self.sections for b in s.blocks if isinstance(b, Unavailable)]


def runs_text(runs: Sequence[Run]) -> str:
    """Plain text of runs (footnote markers as [n])."""
    out: list[str] = []
    for run in runs:
        if isinstance(run, Ref):
            out.append(f"[{run.number}]")
        elif isinstance(run, Link):
            out.append(run.text)
        else:
            out.append(run)
    return "".join(out)
