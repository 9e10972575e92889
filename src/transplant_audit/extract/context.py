"""The types every extraction stage shares: the Candidate it returns, the document's
clause/sentence boundaries (_Bounds) and a figure's context (_Ctx), and the small
tests on them. Imports nothing of the extractor's stages, so every stage can import it.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import asdict, dataclass

from transplant_audit.extract import patterns as pat


@dataclass(frozen=True)
class Candidate:
    """One figure found in a document, not yet reviewed.

    ``value`` is in ``unit``, the indicator's canonical unit (days for waits, fractions
    for rates, yuan for CNY amounts); ``stated`` keeps the wording as written.
    ``start``/``end`` index the document text; ``snippet`` is the text around it and
    ``snippet_start`` its offset in the document, so ``start - snippet_start`` is where
    the figure begins inside the snippet.
    """

    indicator: str
    organ: str
    value: float
    qualifier: str
    unit: str
    period: str
    as_of: str
    start: int
    end: int
    snippet: str
    snippet_start: int
    stated: str
    hospital: str
    language: str

    def to_dict(self) -> dict[str, object]:
        """The ``--json`` record: the issue's keys first, then the extra context."""
        return asdict(self)

    @property
    def period_start(self) -> str:
        """First year of ``period`` ("" when the period is a rate such as P1Y or unknown)."""
        return self.period.split("/")[0] if self.period[:1].isdigit() else ""

    @property
    def period_end(self) -> str:
        """Last year of ``period`` ("" when not a calendar period)."""
        return self.period.split("/")[-1] if self.period[:1].isdigit() else ""


UNIT_REACH = 1000
"""How far a clause or sentence reaches either side of the span it holds: at most this many
characters. A run-on text with no sentence end (a list '肾移植1万200多例、...' many KB long,
a PDF table flattened without full stops) would otherwise give every number the whole text
as its sentence, and every cue search of every number would read it: time quadratic in the
text (27-98 s for a 50 KB run-on list before, 1.4-4.7 s after; docs/extract.md, "Run-on
texts"). No text the output digest covers, nor dev, dev2, heldout, heldout2, has a sentence
reaching more than 319 characters from a number (heldout2; the most ``s - left`` or ``right -
e`` of any call here, unclamped), so none is cut (digest and identity hashes unchanged).

The cost: a cue further than this from its figure in one unbroken sentence is not read. A
SYNTHETIC Chinese sentence '2018年，全国…（1,100 characters of clauses）…共完成肾移植手术
10000余例。' gives transplants_cumulative with no period instead of transplants_in_period
2018 (tests/extract/test_scaling.py pins both sides of the reach)."""


class _Bounds:
    def __init__(self, norm: str, rx: re.Pattern[str]) -> None:
        self.pos = [m.start() for m in rx.finditer(norm)]
        self.n = len(norm)

    def around(self, s: int, e: int) -> tuple[int, int]:
        """(start, end) of the unit (clause or sentence) holding [s, e), cut to at most
        ``UNIT_REACH`` characters before ``s`` and after ``e``."""
        i = bisect.bisect_left(self.pos, s)
        left = self.pos[i - 1] + 1 if i > 0 else 0
        j = bisect.bisect_left(self.pos, e)
        right = self.pos[j] if j < len(self.pos) else self.n
        # comparisons, not max()/min() (~430 calls a dense page): ~0.3 us a call less in a
        # timeit of a dense page's spans; on the whole extraction either form is within the
        # noise of the reach-free code (in-process A/B, 12 rounds: 0.99x-1.01x median)
        if s - left > UNIT_REACH:
            left = s - UNIT_REACH
        if right - e > UNIT_REACH:
            right = e + UNIT_REACH
        return left, right


@dataclass(slots=True)
class _Ctx:
    clause: str  # the clause holding the figure, the figure itself left out
    left_clause: str  # clause text before the figure
    right: str  # from the end of the figure to the end of its clause
    sentence_left: str  # sentence text before the figure (includes left_clause)
    sentence: str
    mods: str  # English words between number and counter, and the counter
    question: str  # the question a Q/A answer replies to ("" otherwise)
    doc_transplant: bool  # the document's title names a transplant centre or department
    before_doc: str = ""  # the document text just before the figure, across line breaks
    tail: str = ""  # the sentence after the figure up to the next comma (past parentheses)
    table_head: str = ""  # for a table row (a line with |), the text above it
    prefix: str = ""  # the qualifier or currency before the number, part of the figure (突破)
    sentence_right: str = ""  # the sentence after the figure
    sentence_start: int = -1  # where the sentence starts in ``doc``
    sentence_bounds: _Bounds | None = None  # the document's sentences (for the one before)
    list_at: int = -1  # in a text of several lines, where the figure starts (see _list_head)
    doc: str = ""  # the normalized document (a reference, for what is read only on demand)
    traditional: bool = False  # the document is in traditional script (zh-Hant)
    chinese: bool = False  # the document is Chinese (either script): the zh-only rules apply


def _has(rx: re.Pattern[str], *texts: str) -> bool:
    for t in texts:  # noqa: SIM110 -- a loop, no generator: called ~100 times per figure
        if t and rx.search(t):
            return True
    return False


def _doc_transplant(norm: str) -> bool:
    """Does the document's title line (the first line, when the text has several) speak of
    transplantation? Then 'the centre', 'the department' and bare counts refer to it."""
    head = norm[: pat.TITLE_CHARS]
    if "\n" not in head:
        return False
    return bool(pat.TITLE_TRANSPLANT_RE.search(head.split("\n")[0]))


_PREVIOUS_CHARS = 400
"""How far back the sentence before a figure's sentence is looked for."""


@dataclass(frozen=True, slots=True)
class Doc:
    """One document as the side passes (years, ranks, tables) read it: the text as given and
    normalized, its language, its clause and sentence bounds, the hospitals named in it and
    how many characters a snippet keeps."""

    text: str
    norm: str
    lang: str
    clauses: _Bounds
    sentences: _Bounds
    hospitals: list[tuple[int, str]]
    snippet_chars: int
