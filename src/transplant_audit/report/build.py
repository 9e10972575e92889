"""Build the investigation report: run the analyses, assemble sections, write HTML, PDF and data.

``build_report`` is what ``transplant-audit report`` calls. The pure part is
:func:`assemble` (evidence and results in, :class:`Report` out; a section that fails
raises ``ReportSectionError`` naming it); running the estimate and forensic tests
happens in :func:`~transplant_audit.report.analyses.analyse`; writing happens in
:func:`~transplant_audit.report.write.write_report`, which writes everything into a
temporary directory next to the target and renames it into place only when every file
is complete, so a crash never leaves a half-written report.
"""

from __future__ import annotations

import hashlib
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import pandas as pd

from transplant_audit.errors import (
    ConfigError,
    ReportSectionError,
)
from transplant_audit.evidence.frames import COLUMNS, Evidence
from transplant_audit.report.analyses import (
    Analyses,
    Progress,
    analyse,
    run_donorpool,
    run_forensics_skipping,
    run_forensics_window,
)
from transplant_audit.report.compact import share_common_lines
from transplant_audit.report.coverage_section import coverage_section
from transplant_audit.report.donorpool_section import donorpool_section
from transplant_audit.report.localize import load_translation, localize
from transplant_audit.report.model import (
    Derivation,
    Figure,
    Headline,
    Notes,
    Para,
    Ref,
    Report,
    Section,
    Table,
    Unavailable,
)
from transplant_audit.report.sections.appendix import appendix
from transplant_audit.report.sections.breakdowns import breakdowns_section
from transplant_audit.report.sections.checks import checks_section
from transplant_audit.report.sections.context import EstimateContext
from transplant_audit.report.sections.evidence import evidence_summary
from transplant_audit.report.sections.forensics import forensics_section
from transplant_audit.report.sections.headline import headline_section
from transplant_audit.report.sections.hospitals import hospitals_section
from transplant_audit.report.sections.methods import methods, used_assumptions
from transplant_audit.report.sections.national import national_section
from transplant_audit.report.sections.official import official_and_claims
from transplant_audit.report.sections.window import paper_window_section, window_unavailable
from transplant_audit.report.write import ReportFiles, version, write_report

if TYPE_CHECKING:
    from transplant_audit.estimate.result import EstimateResult

T = TypeVar("T")


METHOD_TEXT = [
    "Three scenarios are estimated for every hospital and year. The documented floor adds up "
    "the transplants that hospitals, surgeons and officials themselves stated (period counts "
    "and differences of dated running totals); it is never imputed, so it is a lower bound. "
    "The capacity model converts stated transplant beds (or department beds times a "
    "transplant share) into transplants a year through occupancy and length of stay; where "
    "no beds are stated it uses the largest of the licence minimum, surgeons times "
    "transplants per surgeon, and revenue divided by price. The combined estimate takes, "
    "for each hospital and year, the larger of the stated count and the capacity times a "
    "utilisation factor.",
    "Hospitals with no figure of their own are imputed per stratum and year (before "
    "licensing: all centres; after: licensed and unlicensed centres) at the minimum "
    "capacity a licence requires; the report states the share of the total that rests on "
    "such imputations. A figure qualified as 'about', 'more than' or 'less than' enters the "
    "model as a range, not as a point.",
    "Every uncertain quantity is an assumption with a distribution, a unit, a justification "
    "and sources (table below). The model draws all assumptions together many times (Monte "
    "Carlo); each result is the median of those runs with the interval that holds 90% of "
    "them. Sobol indices and a tornado chart show which assumptions move the result most. "
    "The full rules are in the toolkit's docs/estimate.md.",
]


def evidence_digest(evidence: Evidence) -> str:
    """The data package digest if known, else sha256 over the resources as CSV (fixed order)."""
    if evidence.digest:
        return evidence.digest
    h = hashlib.sha256()
    for name in COLUMNS:
        frame = evidence.frame(name)
        h.update(name.encode())
        h.update(frame.to_csv(index=False, lineterminator="\n").encode("utf-8"))
    return "sha256:" + h.hexdigest()


def _inputs(
    evidence: Evidence,
    analyses: Analyses,
    draws: int,
    seed: int | None,
    used_assumptions: pd.DataFrame | None,
) -> dict[str, Any]:
    est = analyses.estimate
    est_digest = est.inputs_digest if est is not None else None
    used_seed = est.seed if est is not None else seed
    if used_seed is None:
        from transplant_audit.estimate import DEFAULT_SEED

        used_seed = DEFAULT_SEED
    asm = used_assumptions if used_assumptions is not None else evidence.assumptions
    data_digest = evidence_digest(evidence)
    fr, window = analyses.forensics, analyses.forensics_window
    return {
        "tool": "transplant-audit",
        "version": version(),
        "python": sys.version.split()[0],
        "generated": datetime.now(UTC).isoformat(timespec="seconds"),
        "evidence_origin": evidence.origin,
        "data_package_digest": data_digest,
        "data_package_version": evidence.version or None,
        "estimate_inputs_digest": est_digest,
        "inputs_digest": est_digest or data_digest,
        "seed": used_seed,
        "draws": est.draws if est is not None else draws,
        "assumptions": asm.astype(object).where(asm.notna(), None).to_dict(orient="records"),
        "forensics_settings": fr.settings if fr is not None else None,
        "forensics_skipped_series": analyses.skipped_series,
        "forensics_window_settings": window.settings if window is not None else None,
        "counts": {name: int(len(evidence.frame(name))) for name in COLUMNS},
        "not_available": {
            k: v
            for k, v in (
                ("estimate", analyses.estimate_error),
                ("forensics", analyses.forensics_error),
                ("forensics_window", analyses.forensics_window_error),
            )
            if v
        },
    }


def renumber_notes(report: Report) -> None:
    """Number notes in the order their markers first appear (1, 2, 3 ... top to bottom)."""
    order: dict[int, int] = {}

    def visit(runs: list) -> None:
        for run in runs:
            if isinstance(run, Ref) and run.number not in order:
                order[run.number] = len(order) + 1

    def all_runs() -> list[list]:
        out: list[list] = []
        for sec in report.sections:
            for b in sec.blocks:
                if isinstance(b, Para):
                    out.append(b.runs)
                elif isinstance(b, Headline):
                    out += [i.detail for i in b.items]
                elif isinstance(b, Figure | Table):
                    out.append(b.caption)
                elif isinstance(b, Derivation):
                    out += b.lines
        return out

    lists = all_runs()
    for runs in lists:
        visit(runs)
    for note in report.notes.items:
        order.setdefault(note.number, len(order) + 1)
    for runs in lists:
        runs[:] = [Ref(order[r.number]) if isinstance(r, Ref) else r for r in runs]
    for note in report.notes.items:
        note.number = order[note.number]
    report.notes.items.sort(key=lambda n: n.number)


def build_section(name: str, build: Callable[[], T]) -> T:
    """Run one section's builder; any failure fails the report, naming the section.

    Nothing is written before every section is built, so a failing section leaves no
    report behind (and a previous report intact).
    """
    try:
        return build()
    except Exception as exc:
        raise ReportSectionError(name, exc) from exc


@dataclass
class _EstimateParts:
    sections: list[Section]
    headline_text: list[str]
    used_assumptions: pd.DataFrame | None
    model_notes: list[str]


ESTIMATE_SECTIONS: tuple[tuple[str, Callable[[EstimateContext], Section]], ...] = (
    ("national", national_section),
    ("breakdowns", breakdowns_section),
    ("hospitals", hospitals_section),
    ("checks", checks_section),
)


def _estimate_parts(evidence: Evidence, est: EstimateResult, notes: Notes) -> _EstimateParts:
    """The headline and the estimate's sections, from the estimate's own summary."""
    summary = build_section("headline", est.summary)
    ctx = EstimateContext(evidence, est, notes, summary)
    headline, text = build_section("headline", lambda: headline_section(ctx))
    sections = [headline]
    sections += [build_section(name, lambda fn=fn: fn(ctx)) for name, fn in ESTIMATE_SECTIONS]
    used = build_section("methods", lambda: used_assumptions(est))
    return _EstimateParts(sections, [text], used, [str(n) for n in est.notes])


def _no_estimate(reason: str) -> Section:
    return Section("headline", "Headline").add(
        Unavailable(
            "estimate",
            f"the estimate could not be computed ({reason}). "
            "The evidence, official figures and claims below are complete.",
        )
    )


def _forensics_sections(evidence: Evidence, analyses: Analyses, notes: Notes) -> list[Section]:
    """The full-series forensic tests and the paper's window, or why they are missing."""
    fr = analyses.forensics
    if fr is None:
        reason = analyses.forensics_error or "the forensic tests were not run"
        return [
            Section("forensics", "Forensic tests of the official figures").add(
                Unavailable("forensic tests", reason)
            )
        ]
    fsec = build_section("forensics", lambda: forensics_section(evidence, fr, notes))
    for name, reason in analyses.skipped_series.items():
        fsec.blocks.insert(1, Unavailable(f"forensic tests of series '{name}'", reason))
    out = [fsec]
    window = analyses.forensics_window
    if window is not None:
        out.append(
            build_section("forensics-window", lambda: paper_window_section(evidence, window, notes))
        )
    elif analyses.forensics_window_error:
        out.append(window_unavailable(analyses.forensics_window_error))
    return out


def assemble(
    evidence: Evidence,
    analyses: Analyses,
    *,
    draws: int,
    seed: int | None,
    share_repeated: bool = True,
) -> Report:
    """Evidence and results in, the report model out (pure: no files, no network).

    A section that fails raises ``ReportSectionError`` naming it. ``share_repeated``
    states lines common to every derivation of a section once
    (``compact.share_common_lines``); off, each derivation repeats them.
    """
    notes = Notes()
    problems: list[str] = []
    if analyses.estimate is not None:
        parts = _estimate_parts(evidence, analyses.estimate, notes)
    else:
        reason = analyses.estimate_error or "the estimate was not run"
        problems.append(f"estimate: {reason}")
        parts = _EstimateParts([_no_estimate(reason)], [], None, [])
    sections = parts.sections
    if analyses.forensics is None:
        problems.append(
            f"forensics: {analyses.forensics_error or 'the forensic tests were not run'}"
        )
    sections += _forensics_sections(evidence, analyses, notes)
    sections.append(
        build_section(
            "donorpool",
            lambda: donorpool_section(analyses.donorpool, notes, analyses.donorpool_error),
        )
    )
    official = build_section("official", lambda: official_and_claims(evidence, notes))
    coverage = build_section("coverage", lambda: coverage_section(evidence, analyses.estimate))
    summary = build_section("evidence", lambda: evidence_summary(evidence, notes))
    sections[1:1] = [summary, coverage, official]
    sections.append(
        build_section(
            "methods",
            lambda: methods(
                evidence, notes, METHOD_TEXT, parts.used_assumptions, parts.model_notes
            ),
        )
    )
    sections += build_section("appendix", lambda: appendix(evidence, notes))
    if share_repeated:
        for section in sections:
            share_common_lines(section)
    report = Report(
        title="Organ transplant volume in China: an evidence-linked estimate",
        subtitle=(
            "Estimates with uncertainty from sourced hospital figures, compared with official "
            "claims; every number links to the observations, assumptions and sources behind it."
        ),
        sections=sections,
        notes=notes,
        inputs=_inputs(evidence, analyses, draws, seed, parts.used_assumptions),
        headline_text=parts.headline_text,
        problems=problems,
    )
    renumber_notes(report)
    for block in report.unavailable():
        if block.what not in ("estimate", "forensic tests"):
            report.problems.append(f"{block.what}: {block.reason}")
    return report


def attach_manifest(report: Report, manifest: dict[str, Any]) -> None:
    """Embed the evidence manifest: data/manifest.json, its digest in inputs.json and the text."""
    report.attachments["manifest.json"] = manifest
    report.inputs["evidence_manifest"] = {
        "file": "data/manifest.json",
        "signed_digest": manifest.get("signed_digest"),
        "signed": "signature" in manifest,
    }


def build_report(
    evidence: Evidence,
    out: Path,
    *,
    draws: int = 10_000,
    seed: int | None = None,
    pdf: bool = True,
    progress: Progress | None = None,
    command: str = "transplant-audit report",
    manifest: dict[str, Any] | None = None,
    lang: str = "en",
) -> ReportFiles:
    """Run estimates and forensic tests on ``evidence`` and write the report to ``out``.

    ``manifest`` (from ``transplant_audit.capture.manifest.make_manifest``) is
    embedded as ``data/manifest.json`` and its signed digest recorded in
    ``inputs.json``, so readers can check the evidence with
    ``transplant-audit verify --manifest data/manifest.json``.
    """
    if draws < 100:
        raise ConfigError(f"--draws {draws}: use at least 100 draws for a meaningful interval")
    translation = load_translation(lang)  # an unknown language fails before the long work
    analyses = analyse(evidence, draws=draws, seed=seed, progress=progress)
    t = time.perf_counter()
    report = assemble(evidence, analyses, draws=draws, seed=seed)
    if translation is not None:
        localize(report, translation)
    if manifest is not None:
        attach_manifest(report, manifest)
    assemble_s = time.perf_counter() - t
    files = write_report(report, out, command=command, pdf=pdf, progress=progress)
    files.seconds.update(analyses.seconds)
    files.seconds["assemble"] = assemble_s
    return files


__all__ = [
    "Analyses",
    "ReportFiles",
    "analyse",
    "assemble",
    "attach_manifest",
    "build_report",
    "run_donorpool",
    "run_forensics_skipping",
    "run_forensics_window",
    "version",
    "write_report",
]
