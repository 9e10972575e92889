"""Write a report: index.html, report.pdf and data/, atomically (temp dir, then rename)."""

from __future__ import annotations

import json
import os
import shutil
import time
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError
from pathlib import Path
from typing import Any

import pandas as pd

from transplant_audit.errors import ConfigError
from transplant_audit.fileerrors import temp_dir_beside
from transplant_audit.jsonvalue import plain
from transplant_audit.report.analyses import Progress
from transplant_audit.report.fmt import spreadsheet_safe
from transplant_audit.report.model import Report


def version() -> str:
    """The installed package's version; ``0+unknown`` in a source checkout without metadata."""
    from importlib.metadata import version as _v

    try:
        return _v("transplant-audit")
    except PackageNotFoundError:
        return "0+unknown"


def write_json(path: Path, obj: Any) -> None:
    path.write_text(json.dumps(plain(obj), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


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
        write_json(json_path, df.astype(object).to_dict(orient="records"))  # plain() nulls NaN
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
    if out.is_dir() and any(out.iterdir()) and not (out / "index.html").exists():
        raise ConfigError(
            f"--out {out}: directory is not empty and holds no previous report; "
            "choose an empty or new directory so nothing of yours is replaced"
        )
    tmp = temp_dir_beside(out)  # follows the umask: a report is meant to be shared
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
