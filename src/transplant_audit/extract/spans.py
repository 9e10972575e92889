"""A span found in the text → a ``Candidate``: the snippet around it (line breaks flattened,
same length) and the hospital named nearest before it.
"""

from __future__ import annotations

import bisect

from transplant_audit.evidence.vocabulary import (
    Qualifier,
    canonical_unit,
)
from transplant_audit.extract.context import (
    Candidate,
)


def _span_candidate(
    text: str,
    s: int,
    e: int,
    chars: int,
    lang: str,
    *,
    indicator: str,
    value: float,
    organ: str = "",
    qualifier: Qualifier = Qualifier.EXACT,
    period: str = "",
    hospital: str = "",
) -> Candidate:
    """A candidate for text[s:e] with its snippet (``chars`` either side): the one place the
    side passes (years, ranks, table cells) build a Candidate."""
    sn_s = max(0, s - chars)
    return Candidate(
        indicator=indicator,
        organ=organ,
        value=value,
        qualifier=str(qualifier),
        unit=canonical_unit(indicator),
        period=period,
        as_of="",
        start=s,
        end=e,
        snippet=_flat(text[sn_s : min(len(text), e + chars)]),
        snippet_start=sn_s,
        stated=text[s:e],
        hospital=hospital,
        language=lang,
    )


def _hospital_at(hospitals: list[tuple[int, str]], pos: int) -> str:
    """The hospital named last before ``pos`` (the first one when none is before it)."""
    if not hospitals:
        return ""
    i = bisect.bisect_right(hospitals, pos, key=lambda h: h[0]) - 1
    return hospitals[max(i, 0)][1]


def _flat(s: str) -> str:
    """Snippet with line breaks and tabs as spaces (same length, so offsets hold)."""
    return (
        s.replace("\n", " ")
        .replace("\r", " ")
        .replace("\t", " ")
        .replace("\v", " ")
        .replace("\f", " ")
    )
