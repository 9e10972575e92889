"""Section: how the estimates are made, and every assumption the model ran with."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from transplant_audit.evidence.frames import COLUMNS, Evidence
from transplant_audit.report.fmt import num
from transplant_audit.report.model import Derivation, Notes, Para, Section, Table, Unavailable
from transplant_audit.report.sections.anchors import ASM, linkify_ids

if TYPE_CHECKING:
    from transplant_audit.estimate.result import EstimateResult


def methods(
    ev: Evidence,
    notes: Notes,
    method_text: list[str] | None = None,
    used: pd.DataFrame | None = None,
    model_notes: list[str] | None = None,
) -> Section:
    """How the estimates are made, and every assumption with its distribution, unit and sources.

    ``used`` is the table of assumptions the estimate actually ran with
    (including defaults and overrides); without it, the evidence's table.
    """
    sec = Section("methods", "Methods and assumptions")
    for text in method_text or []:
        sec.add(Para([text]))
    if model_notes:
        sec.add(
            Derivation(
                anchor="model-notes",
                title=(
                    f"Notes from this run of the model ({len(model_notes)}): which figures "
                    "were not used and why, and which assumptions came from claims"
                ),
                lines=[linkify_ids(note) for note in model_notes],
            )
        )
    asm = used if used is not None and not used.empty else ev.assumptions
    if asm.empty:
        sec.add(Unavailable("assumptions", "the evidence has no assumptions table"))
        return sec
    cols = [*COLUMNS["assumptions"], "origin"]  # origin: the run's assumptions only
    table = asm[[c for c in cols if c in asm.columns]].copy()
    sec.add(
        Para(
            [
                f"The model uses {num(len(table))} assumptions. Each has a distribution (a "
                "range wherever the evidence is uncertain), a unit, a justification and its "
                "sources; the sensitivity section shows which of them drive the result."
            ]
        ),
        Table(
            name="assumptions",
            title="Assumptions",
            data=table,
            sortable=True,
            anchors={"name": ASM},
            links={"source_ids": ""},
        ),
    )
    return sec


def used_assumptions(est: EstimateResult) -> pd.DataFrame | None:
    """The assumptions the estimate actually ran with (defaults and overrides), or None."""
    if not est.assumptions:
        return None
    return pd.DataFrame(
        [
            {
                "name": a.name,
                "distribution": a.describe(),
                "low": a.low,
                "mode": a.mode,
                "high": a.high,
                "unit": a.unit,
                "justification": a.justification,
                "source_ids": ";".join(a.source_ids),
                "origin": a.origin,
            }
            for a in est.assumptions.values()
        ]
    )
