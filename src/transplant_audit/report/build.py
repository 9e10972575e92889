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
from pathlib import Path
from typing import Any

import pandas as pd

from transplant_audit.errors import ConfigError
from transplant_audit.evidence.frames import COLUMNS, Evidence
from transplant_audit.report.model import Notes, Report, Section, Unavailable
from transplant_audit.report.results import EstimateSections, forensics_section
from transplant_audit.report.sections import (
    appendix,
    evidence_summary,
    methods,
    official_and_claims,
)

Progress = Callable[[str, int, int], None]
"""``progress(stage, done, total)``: stage is 'estimate', 'forensics', 'html', 'pdf' or 'data'."""

METHOD_TEXT = [
    "The estimate combines two independent routes. The documented route counts transplants "
    "that hospitals, surgeons and officials themselves stated, with each figure's qualifier "
    "('more than', 'about') entering the model as a range. The capacity route converts "
    "stated transplant beds into transplants per year with occupancy and length of stay. "
    "Where a hospital states no figure, its value is imputed from similar hospitals and the "
    "report says how much of the total rests on such imputations.",
    "Every uncertain quantity is an assumption with a distribution, a unit, a justification "
    "and sources (table below). The model draws all assumptions together many times (Monte "
    "Carlo); each result is the median of those runs with the interval that holds 95% of them. "
    "Sobol indices and a tornado chart show which assumptions move the result most.",
]


def version() -> str:
    try:
        from importlib.metadata import version as _v

        return _v("transplant-audit")
    except Exception:  # noqa: BLE001 - a source checkout without metadata
        return "0+unknown"


@dataclass
class Analyses:
    """The upstream results, or the reason each is missing."""

    estimate: Any | None = None
    forensics: Any | None = None
    estimate_error: str | None = None
    forensics_error: str | None = None
    seconds: dict[str, float] = field(default_factory=dict)


def analyse(
    evidence: Evidence,
    *,
    draws: int,
    seed: int | None,
    progress: Progress | None = None,
) -> Analyses:
    """Run the estimate and the forensic tests; a failure is recorded with its reason, not raised.

    A report with a clear "not available" box is more useful than no report;
    the reason also goes to the CLI's output and to ``data/inputs.json``.
    Our own data errors (``TransplantAuditError``) are raised: bad input must
    be fixed, not papered over.
    """
    from transplant_audit.errors import TransplantAuditError

    out = Analyses()
    t0 = time.perf_counter()
    try:
        from transplant_audit import estimate as est_mod

        kwargs: dict[str, Any] = {"draws": draws}
        if seed is not None:
            kwargs["seed"] = seed
        if progress is not None:
            kwargs["progress"] = lambda done, total: progress("estimate", done, total)
        out.estimate = est_mod.estimate(evidence, **kwargs)
    except TransplantAuditError:
        raise
    except Exception as exc:  # noqa: BLE001 - reported in the document and by the CLI
        out.estimate_error = f"{type(exc).__name__}: {exc}"
    out.seconds["estimate"] = time.perf_counter() - t0
    if progress is not None:
        progress("estimate", 1, 1)
    t1 = time.perf_counter()
    try:
        from transplant_audit import forensics as fr_mod

        out.forensics = fr_mod.run_forensics(evidence)
    except TransplantAuditError:
        raise
    except Exception as exc:  # noqa: BLE001
        out.forensics_error = f"{type(exc).__name__}: {exc}"
    out.seconds["forensics"] = time.perf_counter() - t1
    if progress is not None:
        progress("forensics", 1, 1)
    return out


def evidence_digest(evidence: Evidence) -> str:
    """The data package digest if known, else sha256 over the resources as CSV (stable column order)."""
    if evidence.digest:
        return evidence.digest
    h = hashlib.sha256()
    for name in COLUMNS:
        frame = evidence.frame(name)
        h.update(name.encode())
        h.update(frame.to_csv(index=False, lineterminator="\n").encode("utf-8"))
    return "sha256:" + h.hexdigest()


def _inputs(evidence: Evidence, analyses: Analyses, draws: int, seed: int | None) -> dict[str, Any]:
    est = analyses.estimate
    est_digest = None
    used_seed = seed
    if est is not None:
        est_digest = getattr(est, "inputs_digest", None)
        try:
            d = est.to_dict()
            used_seed = d.get("seed", used_seed)
        except Exception:  # noqa: BLE001
            pass
    if used_seed is None:
        try:
            from transplant_audit.estimate import DEFAULT_SEED

            used_seed = DEFAULT_SEED
        except Exception:  # noqa: BLE001
            used_seed = None
    assumptions = evidence.assumptions.astype(object).where(evidence.assumptions.notna(), None)
    return {
        "tool": "transplant-audit",
        "version": version(),
        "python": sys.version.split()[0],
        "generated": datetime.now(UTC).isoformat(timespec="seconds"),
        "evidence_origin": evidence.origin,
        "data_package_digest": evidence_digest(evidence),
        "estimate_inputs_digest": est_digest,
        "inputs_digest": est_digest or evidence_digest(evidence),
        "seed": used_seed,
        "draws": draws,
        "assumptions": assumptions.to_dict(orient="records"),
        "counts": {name: int(len(evidence.frame(name))) for name in COLUMNS},
        "not_available": {
            k: v
            for k, v in (
                ("estimate", analyses.estimate_error),
                ("forensics", analyses.forensics_error),
            )
            if v
        },
    }


def assemble(evidence: Evidence, analyses: Analyses, *, draws: int, seed: int | None) -> Report:
    """Evidence and results in, the report model out (pure: no files, no network)."""
    notes = Notes()
    sections: list[Section] = []
    headline_text: list[str] = []
    problems: list[str] = []
    if analyses.estimate is not None:
        es = EstimateSections(evidence, analyses.estimate, notes)
        sections.append(es.headline())
        headline_text = es.headline_text
        sections += [es.national(), es.breakdowns(), es.hospitals(), es.checks()]
    else:
        reason = analyses.estimate_error or "the estimate was not run"
        problems.append(f"estimate: {reason}")
        sections.append(
            Section("headline", "Headline").add(
                Unavailable(
                    "estimate",
                    f"the estimate could not be computed ({reason}). "
                    "The evidence, official figures and claims below are complete.",
                )
            )
        )
    if analyses.forensics is not None:
        sections.append(forensics_section(evidence, analyses.forensics, notes))
    else:
        reason = analyses.forensics_error or "the forensic tests were not run"
        problems.append(f"forensics: {reason}")
        sections.append(
            Section("forensics", "Forensic tests of the official figures").add(
                Unavailable("forensic tests", reason)
            )
        )
    sections.insert(1, official_and_claims(evidence, notes))
    sections.insert(1, evidence_summary(evidence, notes))
    sections.append(methods(evidence, notes, METHOD_TEXT))
    sections += appendix(evidence, notes)
    report = Report(
        title="Organ transplant volume in China: an evidence-linked estimate",
        subtitle=(
            "Estimates with uncertainty from sourced hospital figures, compared with official "
            "claims; every number links to the observations, assumptions and sources behind it."
        ),
        sections=sections,
        notes=notes,
        inputs=_inputs(evidence, analyses, draws, seed),
        headline_text=headline_text,
        problems=problems,
    )
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
    """Every table behind every chart and table, as CSV and JSON, plus inputs.json and notes.json."""
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
        df.to_csv(csv_path, index=False, lineterminator="\n")
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
    """Replace ``out`` with ``tmp``: rename the old report aside, rename the new one in, delete the old."""
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


def build_report(
    evidence: Evidence,
    out: Path,
    *,
    draws: int = 10_000,
    seed: int | None = None,
    pdf: bool = True,
    progress: Progress | None = None,
    command: str = "transplant-audit report",
) -> ReportFiles:
    """Run estimates and forensic tests on ``evidence`` and write the report to ``out``."""
    if draws < 100:
        raise ConfigError(f"--draws {draws}: use at least 100 draws for a meaningful interval")
    analyses = analyse(evidence, draws=draws, seed=seed, progress=progress)
    t = time.perf_counter()
    report = assemble(evidence, analyses, draws=draws, seed=seed)
    assemble_s = time.perf_counter() - t
    files = write_report(report, out, command=command, pdf=pdf, progress=progress)
    files.seconds.update(analyses.seconds)
    files.seconds["assemble"] = assemble_s
    return files
