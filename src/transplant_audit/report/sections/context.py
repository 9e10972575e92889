"""What the estimate sections share: the result, its headline summary, and how they cite it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pandas as pd

from transplant_audit.evidence.frames import Evidence
from transplant_audit.report.fmt import num
from transplant_audit.report.model import Link, Notes, Ref
from transplant_audit.report.sections.anchors import ASM_ANCHOR

if TYPE_CHECKING:
    from transplant_audit.estimate.result import EstimateResult
    from transplant_audit.estimate.summary import EstimateSummary

PARTY_LABELS = {
    "chinese_official": "Chinese officials",
    "state_media": "Chinese state media",
    "investigators": "investigators",
    "falun_gong_affiliated": "Falun Gong-affiliated media",
    "academic": "academic",
}


def party_label(party: str) -> str:
    """Who made a claim, in words."""
    return PARTY_LABELS.get(str(party), str(party))


def need(df: pd.DataFrame, *cols: str, what: str) -> None:
    """Raise a clear error when a result table lacks a column the report needs."""
    missing = [c for c in cols if c not in df.columns]
    if missing:
        raise KeyError(
            f"{what} has no column(s) {', '.join(missing)} (has: {', '.join(map(str, df.columns))})"
        )


def first_col(df: pd.DataFrame, *candidates: str) -> str | None:
    """The first of ``candidates`` that ``df`` has."""
    return next((c for c in candidates if c in df.columns), None)


@dataclass
class EstimateContext:
    """One estimate result, its summary, the evidence and the report's notes."""

    ev: Evidence
    est: EstimateResult
    notes: Notes
    summary: EstimateSummary
    _provenance: dict[str, list[str]] | None = field(default=None, repr=False)

    def provenance(self) -> dict[str, list[str]]:
        """Observation ids, assumption names and source ids behind the national estimate."""
        if self._provenance is None:
            self._provenance = _provenance(self.ev, self.est)
        return self._provenance

    def cite(self, text: str) -> Ref:
        """A note linking ``text`` to everything the national estimate rests on."""
        p = self.provenance()
        return self.notes.cite(
            text,
            observations=p["observations"],
            assumptions=p["assumptions"],
            sources=p["sources"],
            anchors=[Link("methods and assumptions", ASM_ANCHOR)],
        )

    def draws(self) -> str:
        return num(self.est.draws)

    def year_slice(self, df: pd.DataFrame) -> tuple[pd.DataFrame, int | None]:
        """The rows of the headline year (else the latest year ``df`` has) and that year."""
        if "year" not in df.columns or df.empty:
            return df, None
        years = pd.to_numeric(df["year"], errors="coerce")
        have = set(years.dropna().astype(int))
        year = self.summary.year if self.summary.year in have else int(years.max())
        return df[years == year], year


def _provenance(ev: Evidence, est: EstimateResult) -> dict[str, list[str]]:
    prov: dict[str, list[str]] = {"observations": [], "assumptions": [], "sources": []}
    if est.assumptions:
        prov["assumptions"] = [str(n) for n in est.assumptions]
        prov["sources"] = [str(s) for a in est.assumptions.values() for s in a.source_ids]
    elif not ev.assumptions.empty:
        prov["assumptions"] = list(ev.assumptions["name"].astype(str))
        prov["sources"] = [
            s.strip()
            for cell in ev.assumptions["source_ids"].dropna().astype(str)
            for s in cell.split(";")
            if s.strip()
        ]
    obs = est.observations
    if "id" in obs.columns:
        prov["observations"] = list(obs["id"].astype(str))
        if "source_id" in obs.columns:
            prov["sources"] += list(obs["source_id"].dropna().astype(str))
    return prov
