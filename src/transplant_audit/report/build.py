"""Build the investigation report: run the analyses, assemble sections, write HTML, PDF and data.

``build_report`` is what ``transplant-audit report`` calls. The pure part is
:func:`assemble` (evidence and results in, :class:`Report` out); running the
estimate and forensic tests happens in :func:`analyse`; writing happens in
:func:`write_report`, which writes everything into a temporary directory next
to the target and renames it into place only when every file is complete, so a
crash never leaves a half-written report.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import pandas as pd

from transplant_audit.errors import (
    ConfigError,
    DataError,
    NotEstimableError,
    ReportSectionError,
)
from transplant_audit.evidence.frames import COLUMNS, Evidence
from transplant_audit.report.compact import share_common_lines
from transplant_audit.report.coverage_section import coverage_section
from transplant_audit.report.donorpool_section import donorpool_section
from transplant_audit.report.fmt import spreadsheet_safe
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
from transplant_audit.report.sections.window import (
    PAPER_SERIES,
    PAPER_WINDOW,
    paper_window_section,
    window_unavailable,
)

if TYPE_CHECKING:
    from transplant_audit.estimate.result import EstimateResult
    from transplant_audit.forensics.api import ForensicsResult
    from transplant_audit.report.donorpool_section import DonorPoolInputs

T = TypeVar("T")

Progress = Callable[[str, int, int], None]
"""``progress(stage, done, total)``: stage is 'estimate', 'forensics', 'html', 'pdf' or 'data'."""

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


def version() -> str:
    """The installed package's version; ``0+unknown`` in a source checkout without metadata."""
    from importlib.metadata import version as _v

    try:
        return _v("transplant-audit")
    except PackageNotFoundError:
        return "0+unknown"


@dataclass
class Analyses:
    """The upstream results, or the reason each is missing."""

    estimate: EstimateResult | None = None
    forensics: ForensicsResult | None = None
    estimate_error: str | None = None
    forensics_error: str | None = None
    seconds: dict[str, float] = field(default_factory=dict)
    skipped_series: dict[str, str] = field(default_factory=dict)
    """Official series the forensic tests refused (name -> reason); the others were tested."""
    forensics_window: ForensicsResult | None = None
    """The deceased-donor series tested on the paper's years only (``PAPER_WINDOW``)."""
    forensics_window_error: str | None = None
    """Why the window run is missing; None also when the evidence lacks the series."""
    donorpool: DonorPoolInputs | None = None
    """The donor-pool section's inputs (``donorpool_section.DonorPoolInputs``)."""
    donorpool_error: str | None = None


MAX_SKIPPED_SERIES = 5


def run_forensics_skipping(evidence: Evidence) -> tuple[ForensicsResult, dict[str, str]]:
    """``run_forensics`` on every official series; a series it refuses is left out and named.

    ``run_forensics`` raises a ``DataError`` whose reason starts with the
    series name when one series cannot be tested as it stands (e.g. too many
    conflicting versions). One bad series should not hide the tests of all the
    others, so that series is left out, the run repeated, and the reason shown
    in the report. Any other error is raised.
    """
    from transplant_audit.errors import DataError
    from transplant_audit.forensics import run_forensics

    names = sorted({str(s) for s in evidence.official_series["series"].dropna()})
    skipped: dict[str, str] = {}
    while True:
        try:
            series = None if not skipped else [n for n in names if n not in skipped]
            return run_forensics(evidence, series), skipped
        except DataError as exc:
            name = str(exc.reason).split(":", 1)[0].strip()
            if name not in names or name in skipped or len(skipped) >= MAX_SKIPPED_SERIES:
                raise
            skipped[name] = str(exc)


def run_forensics_window(evidence: Evidence) -> ForensicsResult | None:
    """The paper's series on the paper's years (2010–2018); None if the evidence lacks it.

    Robertson, Hinde & Lavee (2019) tested 2010–2018; the series now runs further and
    includes the 2020 COVID-19 fall, so the report shows both this window and the
    full series.
    """
    from transplant_audit.forensics import run_forensics

    names = {str(s) for s in evidence.official_series["series"].dropna()}
    if PAPER_SERIES not in names:
        return None
    return run_forensics(evidence, [PAPER_SERIES], years=PAPER_WINDOW)


NOT_AVAILABLE = (NotEstimableError, DataError)
"""What an analysis may raise on valid evidence that is not enough for it: the report shows a
"not available" box with the reason. Anything else is a failure and stops the report."""


def analyse(
    evidence: Evidence,
    *,
    draws: int,
    seed: int | None,
    progress: Progress | None = None,
) -> Analyses:
    """Run the estimate, the forensic tests and the donor-pool model.

    Evidence that is valid but not enough for one of them (``NOT_AVAILABLE``:
    ``NotEstimableError``, or a ``DataError`` such as "no assumptions") is recorded
    with its reason, shown as a "not available" box, printed by the CLI and kept in
    ``data/inputs.json``, since the evidence sections are still worth reading. Any other
    error (a bad option, a bug) is raised: the report must not hide it.
    """
    out = Analyses()
    t0 = time.perf_counter()
    try:
        out.estimate = _run_estimate(evidence, draws, seed, progress)
    except NOT_AVAILABLE as exc:
        out.estimate_error = f"{type(exc).__name__}: {exc}"
    out.seconds["estimate"] = time.perf_counter() - t0
    if progress is not None:
        progress("estimate", 1, 1)
    t1 = time.perf_counter()
    try:
        out.forensics, out.skipped_series = run_forensics_skipping(evidence)
    except NOT_AVAILABLE as exc:
        out.forensics_error = f"{type(exc).__name__}: {exc}"
    try:
        out.forensics_window = run_forensics_window(evidence)
    except NOT_AVAILABLE as exc:
        out.forensics_window_error = f"{type(exc).__name__}: {exc}"
    out.seconds["forensics"] = time.perf_counter() - t1
    if progress is not None:
        progress("forensics", 1, 1)
    t2 = time.perf_counter()
    try:
        out.donorpool = run_donorpool(evidence)
    except NOT_AVAILABLE as exc:
        out.donorpool_error = f"{type(exc).__name__}: {exc}"
    out.seconds["donorpool"] = time.perf_counter() - t2
    return out


def _run_estimate(
    evidence: Evidence, draws: int, seed: int | None, progress: Progress | None
) -> EstimateResult:
    from transplant_audit import estimate as est_mod

    kwargs: dict[str, Any] = {"draws": draws}
    if seed is not None:
        kwargs["seed"] = seed
    if progress is not None:
        kwargs["progress"] = lambda done, total: progress("estimate", done, total)
    return est_mod.estimate(evidence, **kwargs)


def _claim_rows(evidence: Evidence, quantity: str, party: str | None = None) -> pd.DataFrame:
    claims = evidence.claims
    sel = claims[claims["quantity"] == quantity]
    if party is not None:
        sel = sel[sel["party"] == party]
    return sel


def run_donorpool(evidence: Evidence) -> DonorPoolInputs:
    """Inputs of the donor-pool section: volumes and donor counts from the evidence's claims."""
    from transplant_audit.donorpool import model
    from transplant_audit.donorpool.params import load_assumptions
    from transplant_audit.report.donorpool_section import DonorPoolInputs

    asm = load_assumptions(evidence.assumptions)
    volumes: dict[str, float] = {}
    claims: dict[str, tuple[str, str]] = {}
    official = _claim_rows(evidence, "transplants_performed", "chinese_official")
    official = official[official["period_start"].astype(str).str[:4] == "2015"]
    if len(official):
        r = official.iloc[0]
        volumes["official 2015"] = float(r["value_low"])
        claims["official 2015"] = (str(r["id"]), str(r["source_id"]))
    kgm = _claim_rows(evidence, "transplants_per_year_estimate", "investigators")
    if len(kgm):
        r = kgm.iloc[0]
        for end, col in (("low", "value_low"), ("high", "value_high")):
            if pd.notna(r[col]) and str(r[col]) != "":
                label = f"{r['claimant']} {end}"
                volumes[label] = float(r[col])
                claims[label] = (str(r["id"]), str(r["source_id"]))
    if not volumes:
        raise NotEstimableError("no official or investigators' yearly volume among the claims")
    curve = model.wait_curve(asm, volumes=volumes)
    donors = _claim_rows(evidence, "deceased_donors", "chinese_official")
    donors = donors[donors["period_start"].astype(str).str[:4].isin(["2015", "2016"])]
    donor_rows = pd.DataFrame(
        {
            "label": [f"official deceased donors {str(v)[:4]}" for v in donors["period_start"]],
            "donors": donors["value_low"].astype(float),
            "year": donors["period_start"].astype(str).str[:4],
            "claim_id": donors["id"],
            "source_id": donors["source_id"],
        }
    ).sort_values("year")
    waitlist: dict[str, object] = {}
    wl = _claim_rows(evidence, "transplant_waiting_list", "chinese_official")
    if len(wl):
        r = wl.iloc[0]
        res = model.implied_donors(
            asm,
            organs=["kidney"],
            wait_days=[7.0],
            volume=1.0,
            waitlist=float(r["value_low"]),
            draws=2000,
        )
        waitlist = {
            "value": float(r["value_low"]),
            "claim": str(r["id"]),
            "source": str(r["source_id"]),
            "kidney_7": res.rows[0]["donors_per_year_median"],
        }
    return DonorPoolInputs(
        curve=curve,
        official_donors=donor_rows.reset_index(drop=True),
        volumes=volumes,
        volume_claims=claims,
        assumptions=sorted(
            n for n in evidence.assumptions["name"].astype(str) if n.startswith("donorpool_")
        ),
        waitlist=waitlist,
    )


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
    est_digest = getattr(est, "inputs_digest", None) if est is not None else None
    used_seed = getattr(est, "seed", seed) if est is not None else seed
    if used_seed is None:
        from transplant_audit.estimate import DEFAULT_SEED

        used_seed = DEFAULT_SEED
    asm = used_assumptions if used_assumptions is not None else evidence.assumptions
    data_digest = evidence_digest(evidence)
    forensics_settings = getattr(analyses.forensics, "settings", None)
    return {
        "tool": "transplant-audit",
        "version": version(),
        "python": sys.version.split()[0],
        "generated": datetime.now(UTC).isoformat(timespec="seconds"),
        "evidence_origin": evidence.origin,
        "data_package_digest": data_digest,
        "estimate_inputs_digest": est_digest,
        "inputs_digest": est_digest or data_digest,
        "seed": used_seed,
        "draws": getattr(est, "draws", draws) if est is not None else draws,
        "assumptions": asm.astype(object).where(asm.notna(), None).to_dict(orient="records"),
        "forensics_settings": forensics_settings,
        "forensics_skipped_series": analyses.skipped_series,
        "forensics_window_settings": getattr(analyses.forensics_window, "settings", None),
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


# ---------------------------------------------------------------- writers


def _clean(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if hasattr(value, "item") and not isinstance(value, str | bytes):
        try:
            return _clean(value.item())
        except (ValueError, AttributeError):
            pass
    if isinstance(value, pd.Timestamp):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _clean(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_clean(v) for v in value]
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    return value


def write_json(path: Path, obj: Any) -> None:
    path.write_text(json.dumps(_clean(obj), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def write_data(report: Report, data_dir: Path) -> list[Path]:
    """Every table behind every chart and table as CSV and JSON, plus inputs.json, notes.json."""
    data_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    seen: set[str] = set()
    frames: list[tuple[str, pd.DataFrame]] = [(f.name, f.data) for f in report.figures()]
    frames += [(t.name, t.data) for t in report.tables() if t.export]
    for name, df in frames:
        if name in seen:
            continue
        seen.add(name)
        csv_path = data_dir / f"{name}.csv"
        # For spreadsheets: formula-like text cells get a leading ' (JSON keeps exact text).
        spreadsheet_safe(df).to_csv(csv_path, index=False, lineterminator="\n")
        json_path = data_dir / f"{name}.json"
        records = df.astype(object).where(df.notna(), None).to_dict(orient="records")
        write_json(json_path, records)
        written += [csv_path, json_path]
    for f in report.figures():
        spec_path = data_dir / f"{f.name}.vl.json"
        write_json(spec_path, f.spec)
        written.append(spec_path)
    write_json(
        data_dir / "notes.json",
        [
            {
                "number": n.number,
                "text": n.text,
                "observations": n.observations,
                "assumptions": n.assumptions,
                "sources": n.sources,
            }
            for n in report.notes.items
        ],
    )
    write_json(data_dir / "inputs.json", report.inputs)
    for name, content in report.attachments.items():
        write_json(data_dir / name, content)
        written.append(data_dir / name)
    written += [data_dir / "notes.json", data_dir / "inputs.json"]
    return written


@dataclass
class ReportFiles:
    out: Path
    html: Path
    pdf: Path | None
    data: Path
    seconds: dict[str, float]
    report: Report


def write_report(
    report: Report,
    out: Path,
    *,
    command: str = "transplant-audit report",
    pdf: bool = True,
    progress: Progress | None = None,
) -> ReportFiles:
    """Write index.html, report.pdf and data/ into ``out`` atomically (temp dir, then rename)."""
    from transplant_audit.report.html import render_html

    out = Path(out).expanduser().resolve()
    if out.exists() and not out.is_dir():
        raise ConfigError(f"--out {out}: exists and is not a directory")
    out.parent.mkdir(parents=True, exist_ok=True)
    if out.is_dir() and any(out.iterdir()) and not (out / "index.html").exists():
        raise ConfigError(
            f"--out {out}: directory is not empty and holds no previous report; "
            "choose an empty or new directory so nothing of yours is replaced"
        )
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.tmp-", dir=out.parent))
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o777 & ~umask)  # mkdtemp makes it private; a report is meant to be shared
    seconds: dict[str, float] = {}
    try:
        t = time.perf_counter()
        html = render_html(report, version=version(), command=command)
        (tmp / "index.html").write_text(html, encoding="utf-8")
        seconds["html"] = time.perf_counter() - t
        if progress:
            progress("html", 1, 1)
        t = time.perf_counter()
        write_data(report, tmp / "data")
        seconds["data"] = time.perf_counter() - t
        if progress:
            progress("data", 1, 1)
        if pdf:
            from transplant_audit.report.pdf import render_pdf

            t = time.perf_counter()
            render_pdf(
                report,
                tmp / "report.pdf",
                version=version(),
                progress=(lambda d, n: progress("pdf", d, n)) if progress else None,
            )
            seconds["pdf"] = time.perf_counter() - t
        _swap_into_place(tmp, out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return ReportFiles(
        out=out,
        html=out / "index.html",
        pdf=(out / "report.pdf") if pdf else None,
        data=out / "data",
        seconds=seconds,
        report=report,
    )


def _swap_into_place(tmp: Path, out: Path) -> None:
    """Replace ``out`` with ``tmp``: old report aside, new one in, then delete the old."""
    old: Path | None = None
    if out.exists():
        old = out.parent / f".{out.name}.old-{os.getpid()}-{time.time_ns()}"
        os.replace(out, old)
    try:
        os.replace(tmp, out)
    except BaseException:
        if old is not None:
            os.replace(old, out)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


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
