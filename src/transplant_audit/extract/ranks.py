"""Rank candidates: a hospital's rank by transplant volume, nationally or in the world
(``volume_rank_national`` / ``volume_rank_global``), read from rank figures the masking
step set aside (Chinese 第N / 前N / 排名, English "ranked first", "top N", superlatives).
"""

from __future__ import annotations

import re

from transplant_audit.evidence.vocabulary import (
    Qualifier,
)
from transplant_audit.extract import patterns as pat
from transplant_audit.extract.context import (
    Candidate,
    Doc,
)
from transplant_audit.extract.numbers import (
    parse_number,
)
from transplant_audit.extract.spans import _hospital_at, _span_candidate


def _rank_indicator(world: bool) -> str:
    """The rank indicator for a world (or global) rank, else a national one."""
    return "volume_rank_global" if world else "volume_rank_national"


def _rank_value(m: re.Match[str]) -> tuple[float, Qualifier] | None:
    """(rank, qualifier) of a ZH_VOLUME_RANK_RE match: 第28位 → 28, 首位 → 1, 前十 → 10
    at most."""
    if m.group("first"):
        return 1.0, Qualifier.EXACT
    tok, qual = (m.group("top"), Qualifier.AT_MOST) if m.group("top") else (m.group("nth"), None)
    try:
        value = parse_number(tok)
    except ValueError:
        return None
    return value, qual or Qualifier.EXACT


def _rank_candidates(doc: Doc) -> list[Candidate]:
    """``volume_rank_national`` and ``volume_rank_global`` in Chinese text: a rank in the
    country (全国, 国内, 全大陆) or the world (世界, 全球) whose sentence names transplants
    and a volume (数量, 例数, 手术量, a count of 例) before it, and whose clause names no
    quality (生存率, 水平...)."""
    text, norm, clauses, sentences, lang, hospitals, snippet_chars = (
        doc.text,
        doc.norm,
        doc.clauses,
        doc.sentences,
        doc.lang,
        doc.hospitals,
        doc.snippet_chars,
    )
    out: list[Candidate] = []
    for m in pat.ZH_VOLUME_RANK_RE.finditer(norm):
        se_s, _ = sentences.around(m.start(), m.end())
        cl_s, _ = clauses.around(m.start(), m.end())
        left = norm[se_s : m.start()]
        volume = pat.ZH_VOLUME_WORD_RE.search(left) or pat.ZH_RANK_VOLUME_AFTER_RE.match(
            norm, m.end()
        )
        # the transplant word up to the rank, or in the volume noun after it (第二大器官移植国)
        if not volume or not pat.TRANSPLANT_CUE_RE.search(norm, se_s, max(m.end(), volume.end())):
            continue
        if pat.ZH_RANK_QUALITY_RE.search(norm[cl_s : m.end()]):
            continue
        rank = _rank_value(m)
        if rank is None or rank[0] < 1:
            continue
        value, qual = rank
        # 中国「是世界排名第二: a world scope anywhere in the match (its scope group included)
        world = "世界" in m[0] or "全球" in m[0]
        om = list(pat.ORGAN_RE.finditer(left))
        organ = pat.ORGAN_WORDS[om[-1].group(0)] if om else ""
        out.append(
            _span_candidate(
                text,
                m.start(),
                m.end(),
                snippet_chars,
                lang,
                indicator=_rank_indicator(world),
                value=value,
                organ=organ,
                qualifier=qual,
                hospital=_hospital_at(hospitals, m.start()),
            )
        )
    for m in pat.ZH_SUPERLATIVE_VOLUME_RE.finditer(norm) if "最多" in norm else ():
        se_s, _ = sentences.around(m.start(), m.end())
        left = norm[se_s : m.start()]
        world = m.group("what") == "国家" or "世界" in left or "全球" in left
        om = list(pat.ORGAN_RE.finditer(norm, se_s, m.end()))
        out.append(
            _span_candidate(
                text,
                m.start(),
                m.end(),
                snippet_chars,
                lang,
                indicator=_rank_indicator(world),
                value=1.0,
                organ=pat.ORGAN_WORDS[om[-1].group(0)] if om else "",
                qualifier=Qualifier.EXACT,
                hospital=_hospital_at(hospitals, m.start()),
            )
        )
    return out


_EN_TOP_WORDS = {"three": 3, "five": 5, "ten": 10}


def _en_rank_value(m: re.Match[str]) -> tuple[float, Qualifier] | None:
    """(rank, qualifier) of an EN_RANK_RE match; 'the top 10' is a rank of at most 10."""
    if m.group("top"):
        top = m.group("top")
        return float(_EN_TOP_WORDS.get(top) or int(top)), Qualifier.AT_MOST
    word = m.group("hash") or m.group("no") or m.group("verb") or m.group("place")
    if m.group("most"):
        return 1.0, Qualifier.EXACT
    word = word or m.group("superl") or m.group("only")
    if word.isdigit():
        return float(word), Qualifier.EXACT
    if word in pat.EN_ORDINAL_VALUES:
        return float(pat.EN_ORDINAL_VALUES[word]), Qualifier.EXACT
    digits = word[:-2]
    return (float(digits), Qualifier.EXACT) if digits.isdigit() else None


def _en_rank_local(norm: str, m: re.Match[str], se_s: int, se_e: int) -> bool:
    """Is the rank one within a province, region or city? Read in the rank's own clause
    ('ranked 12th among 122 hospitals in China and 2nd in the province': the first is
    national), not the whole sentence."""
    left = pat.EN_RANK_CLAUSE_CUT_RE.split(norm[se_s : m.start()])[-1]
    right = pat.EN_RANK_CLAUSE_CUT_RE.split(norm[m.end() : se_e], 1)[0]
    return bool(pat.EN_RANK_LOCAL_RE.search(left + " " + right))


def _en_superlative_of_volume(m: re.Match[str], sentence: str) -> bool:
    """A superlative ('the most', 'the busiest', 'the largest') is a volume rank 1 when the
    sentence gives its scope (country, world) and, for size words, says it is by volume."""
    if not pat.EN_SUPERLATIVE_SCOPE_RE.search(sentence) and not m.group(0).startswith(("'", "’")):
        return False
    if pat.EN_SUPERLATIVE_CONTINENT_RE.search(sentence):
        return False
    if pat.EN_SUPERLATIVE_SIZE_RE.match(m.group("most")):
        return bool(pat.EN_SUPERLATIVE_VOLUME_RE.search(sentence))
    if m.group("most") == "most":
        return bool(pat.EN_MOST_COUNT_RE.match(m.string, m.start("most")))
    return True


_WORD_RUN_RE = re.compile(r"[a-z'’\s-]*")
"""Letters, spaces, hyphens and apostrophes: all that EN_RANK_RE's look-aheads read between a
superlative and its 'transplant' ('the busiest schedule of deceased-donor kidney transplants'
reads 45 characters past 'busiest'), so a window ends only where such a run ends."""


def _en_rank_matches(norm: str) -> list[re.Match[str]]:
    """EN_RANK_RE's matches, searched only near the words they need (EN_RANK_GATE_WORDS)."""
    w = pat.EN_RANK_WINDOW
    spans = []
    for word in pat.EN_RANK_GATE_WORDS:  # str.find: much faster than one alternation
        i = norm.find(word)
        while i >= 0:
            spans.append((max(0, i - w), min(len(norm), i + len(word) + w)))
            i = norm.find(word, i + 1)
    windows: list[list[int]] = []
    for lo, hi in sorted(spans):
        hi = _WORD_RUN_RE.match(norm, hi).end()  # the superlative's look-ahead reads on
        if windows and lo <= windows[-1][1]:
            windows[-1][1] = max(windows[-1][1], hi)  # overlapping windows are searched as one
        else:
            windows.append([lo, hi])
    return [m for lo, hi in windows for m in pat.EN_RANK_RE.finditer(norm, lo, hi)]


def _en_rank_candidates(doc: Doc) -> list[Candidate]:
    """``volume_rank_national`` / ``volume_rank_global`` from English ranks by volume, in a
    sentence about transplants (or right after one), never ranks of survival or quality."""
    text, norm, sentences, lang, hospitals, snippet_chars = (
        doc.text,
        doc.norm,
        doc.sentences,
        doc.lang,
        doc.hospitals,
        doc.snippet_chars,
    )
    out: list[Candidate] = []
    for m in _en_rank_matches(norm):
        se_s, se_e = sentences.around(m.start(), m.end())
        sentence = norm[se_s:se_e]
        before = norm[max(0, se_s - pat.DOC_CONTEXT_CHARS * 2) : se_s]
        if not (pat.EN_RANK_VOLUME_RE.search(sentence) or pat.EN_RANK_VOLUME_RE.search(before)):
            continue
        if pat.EN_RANK_NOT_VOLUME_RE.search(sentence) or _en_rank_local(norm, m, se_s, se_e):
            continue
        if m.group("most") and not _en_superlative_of_volume(m, sentence):
            continue
        ranked = _en_rank_value(m)
        if ranked is None or ranked[0] < 1:
            continue
        value, qualifier = ranked
        glob = pat.EN_RANK_GLOBAL_RE.search(sentence)
        indicator = _rank_indicator(glob is not None)
        group = next(
            g
            for g in ("hash", "no", "verb", "place", "superl", "top", "only", "most")
            if m.group(g)
        )
        s, e = m.span(group)
        organs = list(pat.ORGAN_RE.finditer(norm, se_s, se_e)) or list(
            pat.ORGAN_RE.finditer(before)
        )
        organ = pat.ORGAN_WORDS[organs[0].group(0)] if organs else ""
        out.append(
            _span_candidate(
                text,
                s,
                e,
                snippet_chars,
                lang,
                indicator=indicator,
                value=value,
                organ=organ,
                qualifier=qualifier,
                hospital=_hospital_at(hospitals, s),
            )
        )
    return out
