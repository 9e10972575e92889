"""``transplant-audit report``: the one-command investigation report."""

from __future__ import annotations

import webbrowser
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from transplant_audit.errors import ConfigError
from transplant_audit.fileerrors import write_bytes_atomic

if TYPE_CHECKING:
    from transplant_audit.evidence.frames import Evidence
    from transplant_audit.report.write import ReportFiles

console = Console()

STAGES = {
    "load": "Reading the evidence",
    "estimate": "Estimating volume (Monte Carlo)",
    "forensics": "Forensic tests of official series",
    "html": "Writing index.html",
    "data": "Writing data/ tables",
    "pdf": "Rendering report.pdf",
}


def load_for_report(home: Path | None, db: str | None) -> Evidence:
    """The evidence to report on: the store (``--db``/``--home``) if it holds an import,
    else the bundled package."""
    from transplant_audit.evidence.load import load_evidence

    return load_evidence(home, db)


def make_manifest_for_report(home: Path | None, db: str | None) -> dict:
    """The signed evidence manifest of the store at ``--home``/``--db`` (see ``manifest``)."""
    from transplant_audit.evidence.load import store_exists
    from transplant_audit.evidence.store import Store
    from transplant_audit.paths import home_dir

    if not store_exists(home, db):
        raise ConfigError(
            "--manifest needs an evidence store: import a data package first "
            "(transplant-audit import) or pass --home/--db"
        )
    from transplant_audit.capture.manifest import make_manifest

    with Store.open(home=home, url=db) as store:
        return make_manifest(store, home_dir(home))


def report(
    out: Path = typer.Option(
        Path("report"),
        "--out",
        "-o",
        help="Directory to write index.html, report.pdf and data/ into.",
    ),
    open_: bool = typer.Option(
        False, "--open", help="Open index.html in your web browser when done."
    ),
    draws: int = typer.Option(
        10_000,
        "--draws",
        min=100,
        help="Monte Carlo draws: more draws, steadier intervals, slower.",
    ),
    seed: int | None = typer.Option(
        None,
        "--seed",
        help="Random seed (default: the estimate's documented default seed, so runs repeat).",
    ),
    home: Path | None = typer.Option(
        None,
        "--home",
        help="Investigation home holding the evidence store (default: $TRANSPLANT_AUDIT_HOME).",
    ),
    db: str | None = typer.Option(
        None,
        "--db",
        help="Database URL of the evidence store (SQLite or PostgreSQL) instead of --home.",
    ),
    pdf: bool = typer.Option(True, "--pdf/--no-pdf", help="Also write report.pdf (on by default)."),
    manifest: bool = typer.Option(
        False,
        "--manifest",
        help=(
            "Embed the signed evidence manifest (every capture's digest, the ledger head) as "
            "data/manifest.json. Needs an evidence store; verifies the archive and seals the "
            "ledger first, as 'transplant-audit manifest' does."
        ),
    ),
    lang: str = typer.Option(
        "en",
        "--lang",
        help=(
            "Language of the report as a BCP 47 tag: en, or zh-Hans (Simplified Chinese "
            "headline, section titles, methods summary and glossary; numbers and links "
            "identical to English)."
        ),
    ),
    compare: Path | None = typer.Option(
        None,
        "--compare",
        help=(
            "A report directory written earlier: print what moved (every figure of data/ "
            "that changed, appeared or disappeared) and write it to data/compare.csv."
        ),
    ),
) -> None:
    """Write the investigation report: estimates, forensic tests and every source, linked.

    Runs the volume estimates and the forensic tests on your evidence (the
    bundled, sourced data package unless you imported your own), prints the
    headline figures, and writes to --out:

    \b
      index.html  one self-contained page that works offline
      report.pdf  the same report for print
      data/       every table behind every chart (CSV and JSON) and inputs.json
                  (data digest, assumptions, seed, draws, version) to reproduce it

    Every figure in the report has a numbered note that links to the
    observations, assumptions and sources that produced it.
    """
    old_tables = read_report_tables(compare) if compare is not None else None
    cmd = f"transplant-audit report --draws {draws}" + (
        f" --seed {seed}" if seed is not None else ""
    )
    evidence, files = _build_with_progress(
        home,
        db,
        manifest,
        out,
        draws=draws,
        seed=seed,
        pdf=pdf,
        command=cmd,
        lang=lang,
    )
    _print_written(evidence, files)
    if old_tables is not None and compare is not None:
        print_comparison(old_tables, files.data, compare)
    if open_:
        webbrowser.open(files.html.as_uri())


def _build_with_progress(
    home: Path | None, db: str | None, manifest: bool, out: Path, **options: object
) -> tuple[Evidence, ReportFiles]:
    """Load the evidence (and the manifest when asked) and build the report, one progress
    bar per stage."""
    from transplant_audit.report.build import build_report

    with Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        TextColumn("{task.completed:.0f}/{task.total:.0f}"),
        TimeElapsedColumn(),
        console=console,
        transient=False,
    ) as bar:
        tasks: dict[str, int] = {}

        def progress(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(STAGES.get(stage, stage), total=max(total, 1))
            bar.update(tasks[stage], completed=done, total=max(total, 1))

        progress("load", 0, 1)
        evidence = load_for_report(home, db)
        progress("load", 1, 1)
        manifest_data = make_manifest_for_report(home, db) if manifest else None
        files = build_report(evidence, out, progress=progress, manifest=manifest_data, **options)
    return evidence, files


def _print_written(evidence: Evidence, files: ReportFiles) -> None:
    """The headline, what was not available, the evidence and inputs digest, the files."""
    rep = files.report
    console.print()
    if rep.headline_text:
        for line in rep.headline_text:
            console.print(f"[bold]{line}[/]")
    for line in group_problems(rep.problems):
        console.print(f"[yellow]not available:[/] {line}", highlight=False)
    console.print(
        f"Evidence: {evidence.origin or 'bundled data package'}; "
        f"inputs {rep.inputs.get('inputs_digest')}"
    )
    console.print(f"Wrote {files.html}")
    if files.pdf:
        console.print(f"Wrote {files.pdf}")
    console.print(f"Wrote {files.data}/ (tables behind every chart, inputs.json)")


def read_report_tables(where: Path) -> dict:
    """``{name: DataFrame}`` of a report directory's ``data/*.csv`` (DataError if none)."""
    import pandas as pd

    from transplant_audit.errors import DataError

    data = where / "data"
    files = sorted(data.glob("*.csv")) if data.is_dir() else []
    if not files:
        raise DataError(
            file=str(data), reason="no report tables here: give a directory written by 'report'"
        )
    tables = {}
    for file in files:
        try:
            tables[file.stem] = pd.read_csv(file)
        except (ValueError, UnicodeDecodeError) as exc:
            raise DataError(file=str(file), reason=f"unreadable CSV: {exc}") from exc
    return tables


def print_comparison(old_tables: dict, data_dir: Path, old_dir: Path, top: int = 15) -> None:
    """Print the largest moves between ``old_tables`` and the new report; write compare.csv."""
    from rich.table import Table as RichTable

    from transplant_audit.report.compare import compare_tables

    new_tables = read_report_tables(data_dir.parent)
    new_tables.pop("compare", None)
    old_tables.pop("compare", None)
    moved = compare_tables(old_tables, new_tables)
    target = data_dir / "compare.csv"
    # whole or not at all, no .part file left behind, one cannot-write line on failure
    write_bytes_atomic(target, moved.to_csv(index=False).encode("utf-8"))
    if moved.empty:
        console.print(f"Compared with {old_dir}: nothing moved.")
        return
    order = moved["relative"].abs().fillna(float("inf")).sort_values(ascending=False).index
    table = RichTable(
        title=f"Compared with {old_dir}: {len(moved)} figures moved (largest first)",
        caption=f"all of them: {target}",
    )
    for col in ("table", "key", "column", "old", "new", "change"):
        table.add_column(col, overflow="ellipsis" if col == "key" else "fold", max_width=48)
    for _, r in moved.loc[order].head(top).iterrows():
        change = "" if r["change"] is None or r["change"] != r["change"] else f"{r['change']:+,.4g}"
        cells = [r[c] for c in ("table", "key", "column", "old", "new")]
        table.add_row(*(f"{c:,.4g}" if isinstance(c, float) else str(c) for c in cells), change)
    console.print(table)


def group_problems(problems: list[str]) -> list[str]:
    """One line per distinct reason: 'derivation of a, b, c (+22 more): TypeError ...'."""
    by_reason: dict[str, list[str]] = {}
    for p in problems:
        what, _, reason = p.partition(": ")
        by_reason.setdefault(reason, []).append(what)
    lines = []
    for reason, whats in by_reason.items():
        shown = ", ".join(whats[:3]) + (f" (+{len(whats) - 3} more)" if len(whats) > 3 else "")
        lines.append(f"{shown}: {reason}" if reason else shown)
    return lines


def register(app: typer.Typer) -> None:
    """Add ``report`` to the app."""
    app.command("report")(report)
