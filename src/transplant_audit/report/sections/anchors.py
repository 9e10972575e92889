"""Anchor ids shared by the sections: every evidence entry in the appendix has one id."""

from __future__ import annotations

import re

from transplant_audit.report.model import Link, Run

OBS = "obs-"
ASM = "asm-"
HOSP = "hospital-"
DERIV = "derivation-"
SOURCES_ANCHOR = "appendix-sources"
OBS_ANCHOR = "appendix-observations"
HOSP_ANCHOR = "appendix-hospitals"
ASM_ANCHOR = "methods"
CLAIMS_ANCHOR = "official"

_OBS_ID = re.compile(r"\b(obs_[0-9a-f]{6,})\b")


def linkify_ids(text: str) -> list[Run]:
    """Text with every observation id turned into a link to its appendix entry."""
    runs: list[Run] = []
    pos = 0
    for m in _OBS_ID.finditer(text):
        if m.start() > pos:
            runs.append(text[pos : m.start()])
        runs.append(Link(m.group(1), OBS + m.group(1)))
        pos = m.end()
    if pos < len(text):
        runs.append(text[pos:])
    return runs
