"""Figures in ``|``-separated tables whose column is headed by a year (年度, 年份, year):
each count cell read as ``transplants_in_period`` of its row's year.
"""

from __future__ import annotations

import re
from dataclasses import replace

from transplant_audit.extract import patterns as pat
from transplant_audit.extract.context import (
    Candidate,
    Doc,
)
from transplant_audit.extract.numbers import (
    parse_number,
)
from transplant_audit.extract.spans import _hospital_at, _span_candidate


def _table_cells(norm: str) -> list[tuple[int, int]]:
    """(start, end) of every cell of the page's ``|``-separated tables: the text between
    two ``|``, stripped; a row break is a line break inside that text, and a cell written
    over several lines (移植肾1年\n存活率) stays one cell."""
    cells: list[tuple[int, int]] = []
    prev = 0
    for m in re.finditer(r"\||$", norm):
        a, b = prev, m.start()
        while a < b and norm[a].isspace():
            a += 1
        while b > a and norm[b - 1].isspace():
            b -= 1
        if a < b:
            cells.append((a, b))
        prev = m.end()
    return cells


def _table_header(norm: str, cells: list[tuple[int, int]], lo: int, hi: int) -> int:
    """Index of the year column's header cell among cells[lo:hi] (the last whose last line
    is 年度, 年份, year...), or -1."""
    for i in range(hi - 1, lo - 1, -1):
        a, b = cells[i]
        if pat.TABLE_YEAR_HEAD_RE.match(norm[a:b].split("\n")[-1].strip()):
            return i
    return -1


def _year_table_candidates(doc: Doc) -> list[Candidate]:
    """Counts in a year-by-column table (年度 | 肾移植总量 | 尸体肾移植 |, then 2009 | 164 |
    21 |): each count under a column whose header names transplants (not a rate, a mean,
    money or beds) is ``transplants_in_period`` of the row's year, organ from the header."""
    text, norm, lang, hospitals, snippet_chars = (
        doc.text,
        doc.norm,
        doc.lang,
        doc.hospitals,
        doc.snippet_chars,
    )
    cells = _table_cells(norm)
    out: list[Candidate] = []
    i = 0
    while i < len(cells):
        j = i
        while j < len(cells) and not pat.TABLE_YEAR_CELL_RE.fullmatch(norm[slice(*cells[j])]):
            j += 1
        h0 = _table_header(norm, cells, max(i, j - pat.TABLE_MAX_COLUMNS), j)
        width = j - h0
        if j >= len(cells) or h0 < 0 or width < 2:
            i = j + 1
            continue
        heads = [norm[slice(*c)] for c in cells[h0:j]]
        k = j
        while k + width <= len(cells):
            row = cells[k : k + width]
            texts = [norm[slice(*c)] for c in row]
            if not pat.TABLE_YEAR_CELL_RE.fullmatch(texts[0]) or any(
                pat.TABLE_YEAR_CELL_RE.fullmatch(t) for t in texts[1:]
            ):
                break
            year = texts[0][:4]
            for col in range(1, width):
                head = heads[col]
                if not pat.TRANSPLANT_CUE_RE.search(head) or pat.TABLE_NOT_COUNT_HEAD_RE.search(
                    head
                ):
                    continue
                if not pat.TABLE_COUNT_CELL_RE.fullmatch(texts[col]):
                    continue
                try:
                    value = parse_number(texts[col])
                except ValueError:
                    continue  # hundreds of digit groups: too large for a float, no count
                if value <= 0:
                    continue  # a zero cell: nothing of that kind that year
                om = pat.ORGAN_RE.search(head)
                s, e = row[col]
                out.append(
                    _table_candidate(
                        text, s, e, value, year, om.group(0) if om else "", lang, snippet_chars
                    )
                )
            k += width
        i = max(k, j + 1)
    return [replace(c, hospital=_hospital_at(hospitals, c.start)) for c in out]


def _table_candidate(
    text: str, s: int, e: int, value: float, year: str, organ_word: str, lang: str, chars: int
) -> Candidate:
    return _span_candidate(
        text,
        s,
        e,
        chars,
        lang,
        indicator="transplants_in_period",
        value=value,
        organ=pat.ORGAN_WORDS.get(organ_word, ""),
        period=year,
    )
