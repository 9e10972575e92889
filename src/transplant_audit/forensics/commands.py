"""``transplant-audit forensics``: run the forensic tests and print plain-word verdicts."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from transplant_audit.cli_options import json_path_aware, write_json_output, write_text_atomic
from transplant_audit.errors import ConfigError, DataError
from transplant_audit.jsonvalue import plain

if TYPE_CHECKING:
    from transplant_audit.evidence.frames import Evidence
    from transplant_audit.forensics.api import ForensicsResult
    from transplant_audit.forensics.series import SeriesData

console = Console()


def _load_evidence(home: str | None):  # noqa: ANN202 - Evidence, imported lazily
    try:
        from transplant_audit.evidence.load import load_evidence
    except ImportError:  # the store's loader not there yet: read the bundled package
        from transplant_audit.evidence.package import read_package
        from transplant_audit.paths import bundled_package_dir

        return read_package(bundled_package_dir())
    return load_evidence(home)


def _pairs(specs: list[str], sep: str, what: str) -> list[tuple[str, str, str]]:
    out = []
    for spec in specs:
        model = "poisson"
        body = spec
        if ":" in spec:
            body, model = spec.rsplit(":", 1)
        if sep not in body:
            raise ConfigError(
                f"{what} '{spec}' must look like A{sep}B"
                + ("[:poisson|binomial]" if sep == "/" else "")
            )
        a, b = (x.strip() for x in body.split(sep, 1))
        out.append((a, b, model))
    return out


def forensics(
    series: list[str] = typer.Argument(
        None, help="Official series to test (names from official_series). None: all of them."
    ),
    all_series: bool = typer.Option(False, "--all", help="Test every official series."),
    csv: list[Path] = typer.Option(
        [], "--csv", help="A CSV file with columns year,value to test (repeatable)."
    ),
    cumulative: bool = typer.Option(
        False, "--cumulative", help="The --csv files are running totals: test yearly differences."
    ),
    accumulate_csv: bool = typer.Option(
        False,
        "--accumulate",
        help="The reverse of --cumulative: test the running totals of the --csv yearly counts.",
    ),
    json_out: Path | None = typer.Option(
        None, "--json", help="Write the results as JSON records to this file ('-': stdout)."
    ),
    details: bool = typer.Option(False, "--details", help="Include each test's details in JSON."),
    verbose: bool = typer.Option(
        False,
        "--verbose",
        "-v",
        help="After the summary, print every test's full verdict, caveats, fits and sources.",
    ),
    charts: Path | None = typer.Option(
        None, "--charts", help="Write a chart (HTML and SVG) of each series and its fits here."
    ),
    conflicts: str = typer.Option(
        "each",
        "--conflicts",
        help="Two values for one year: 'each' tests every variant, 'stop' reports and stops, "
        "'source' uses --prefer.",
    ),
    prefer: list[str] = typer.Option(
        [], "--prefer", help="With --conflicts source: source ids to prefer, in order."
    ),
    ratio: list[str] = typer.Option(
        [],
        "--ratio",
        help="NUM/DEN[:poisson|binomial]: test that this ratio is steadier than counts allow. "
        "Default: organs per donor pairs found by unit.",
    ),
    same: list[str] = typer.Option(
        [], "--same", help="A=B: two series that should be identical, compared year by year."
    ),
    alpha: float = typer.Option(0.05, help="Flag a test when its p-value is below this."),
    sims: int = typer.Option(4000, help="Simulations for the smoothness test."),
    seed: int = typer.Option(20191114, help="Random seed (fixed, so results repeat exactly)."),
    holdout: int = typer.Option(2, help="Years held out at the end for the prediction test."),
    t0: float | None = typer.Option(
        None, help="Fix t0 of the one-parameter quadratic a*(t - t0)^2 instead of fitting it."
    ),
    train_until: int | None = typer.Option(
        None,
        "--train-until",
        help="Prediction test: fit on the years up to this one and predict the later ones "
        "(instead of --holdout).",
    ),
    years: str | None = typer.Option(
        None,
        "--years",
        help="Test only these years, FIRST-LAST (e.g. 2010-2018, the window of Robertson, "
        "Hinde & Lavee 2019); the other years are named in the caveats.",
    ),
    list_series: bool = typer.Option(
        False, "--list", help="List the official series (years, values, unit) and stop."
    ),
    home: str | None = typer.Option(None, help="Investigation home (default: bundled data)."),
) -> None:
    """Forensic tests of official statistics: are these numbers counted, or made?

    For each series: formula fits (linear, quadratic, one-parameter quadratic,
    cubic, exponential) with R², adjusted R² and AIC; the too-smooth test
    (residuals against Poisson and real-registry noise, with a p-value); a fit
    on early years predicting later ones (two-sided verdict); its rank among
    every window of the same length of the reference countries (the GODT
    table and national registries: the paper's R² ranks, reported, and the
    dispersion rank, which can flag); Benford and last-digit tests (refused
    when data are too few); ratio constancy, cross-consistency, counter jumps
    and stale (repeated) rows. Conflicting source values are tested each way.
    A constant or all-zero series is 'not testable'. The output starts with a
    summary (one line per series and test, flagged first); --verbose adds every
    verdict with its caveats, the fits and the sources.
    """
    _check_options(conflicts, alpha, sims)
    window = _parse_years(years) if years else None
    extra = _csv_series(csv, cumulative, accumulate_csv)
    if list_series:
        _list(_load_evidence(home))
        return
    evidence = _load_evidence(home)  # also the reference countries for --csv series
    names = _series_names(evidence, series, all_series, csv)
    result = _run_with_progress(
        evidence,
        names,
        extra_series=extra,
        conflict_rule=conflicts,
        prefer_sources=prefer,
        ratio_pairs=_pairs(ratio, "/", "--ratio") if ratio else None,
        equal_pairs=[(a, b) for a, b, _ in _pairs(same, "=", "--same")],
        alpha=alpha,
        n_sim=sims,
        seed=seed,
        holdout=holdout,
        t0=t0,
        train_until=train_until,
        years=window,
    )
    _print_summary(result)
    if verbose:
        _print(result, evidence)
    else:
        console.print("[dim]Full verdicts, caveats, fits and sources: add --verbose.[/]")
    if json_out is not None:
        _write_json(result, evidence, json_out, details)
    if charts is not None:
        _write_charts(result, charts)


def _check_options(conflicts: str, alpha: float, sims: int) -> None:
    """One clear error for a bad --conflicts, --alpha or --sims."""
    if conflicts not in ("each", "stop", "source"):
        raise ConfigError("--conflicts must be each, stop or source")
    if alpha <= 0 or alpha >= 1:
        raise ConfigError("--alpha must be between 0 and 1")
    if sims < 100:
        raise ConfigError("--sims must be at least 100")


def _csv_series(csv: list[Path], cumulative: bool, accumulate_csv: bool) -> list[SeriesData]:
    """The --csv series, differenced (--cumulative) or accumulated (--accumulate)."""
    from transplant_audit.forensics.series import (
        SeriesData,
        accumulate,
        difference,
        read_series_csv,
    )

    extra: list[SeriesData] = []
    for path in csv:
        sd = read_series_csv(path, counts=True)
        if cumulative and accumulate_csv:
            raise ConfigError("choose --cumulative or --accumulate, not both")
        if accumulate_csv:
            sd = SeriesData(
                name=sd.name + " (running total)",
                frame=accumulate(sd.frame),
                source_ids=sd.source_ids,
            )
        if cumulative:
            sd = SeriesData(
                name=sd.name + " (differenced)",
                frame=difference(sd.frame, file=str(path)),
                source_ids=sd.source_ids,
            )
        extra.append(sd)
    return extra


def _series_names(
    evidence: Evidence, series: list[str] | None, all_series: bool, csv: list[Path]
) -> list[str] | None:
    """The official series to test: those named, None for all, [] for only --csv series."""
    from transplant_audit.forensics.api import check_series_names

    if series or all_series or not csv:
        if series and not all_series:
            check_series_names(evidence, series)
            return list(series)
        return None
    return []


def _run_with_progress(
    evidence: Evidence, names: list[str] | None, **options: object
) -> ForensicsResult:
    """``run_forensics`` with a progress bar on stderr."""
    from transplant_audit.forensics.api import run_forensics

    with Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total} series"),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=True,
    ) as bar:
        task = bar.add_task("forensic tests", total=None)

        def progress(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        return run_forensics(evidence, names, progress=progress, **options)


def _write_json(result: ForensicsResult, evidence: Evidence, json_out: Path, details: bool) -> None:
    """Settings, one record per test and the series tested, as JSON (to a file or stdout)."""
    payload = {
        "settings": result.settings,
        "results": result.to_records(details),
        "series": _series_payload(result, evidence),
    }
    text = json.dumps(plain(payload), indent=2, ensure_ascii=False, allow_nan=False, default=str)
    write_json_output(json_out, text, console)


def _write_charts(result: ForensicsResult, charts: Path) -> None:
    """An HTML chart of each series and its fits, and an SVG when vl-convert can make one."""
    from transplant_audit.forensics.charts import fit_chart

    for name in result._fits:
        chart = fit_chart(result, name)
        safe = "".join(c if c.isalnum() or c in "-_" else "_" for c in name)
        write_text_atomic(charts / f"{safe}.html", chart.to_html())
        try:
            import vl_convert as vlc

            write_text_atomic(charts / f"{safe}.svg", vlc.vegalite_to_svg(chart.to_json()))
        except Exception as exc:  # SVG is a convenience; HTML is always written
            console.print(f"[yellow]SVG not written for {name}: {exc}[/]")
    console.print(f"charts written to {charts}")


def _parse_years(text: str) -> tuple[int, int]:
    """'2010-2018' (or '2010:2018', '2010–2018') → (2010, 2018)."""
    t = text.strip().replace("–", "-").replace(":", "-")
    parts = [p.strip() for p in t.split("-")]
    if len(parts) != 2 or not all(p.isdigit() and len(p) == 4 for p in parts):
        raise ConfigError(f"--years must look like 2010-2018; got '{text}'")
    first, last = int(parts[0]), int(parts[1])
    if first > last:
        raise ConfigError(f"--years: the first year must not be after the last; got '{text}'")
    return first, last


def _list(evidence) -> None:  # noqa: ANN001
    from transplant_audit.forensics.series import official_series_names

    off = evidence.official_series
    table = Table(title=f"official series in {evidence.origin}", title_justify="left")
    for col in ("series", "unit", "years", "values (full years)"):
        table.add_column(col)
    for name in official_series_names(off):
        rows = off[off["series"].astype(str) == name].sort_values("year")
        full = rows[~rows["partial_year"].fillna(False).astype(bool)]
        vals = ", ".join(
            f"{int(y)}: {v:g}" for y, v in zip(full["year"], full["value"], strict=True)
        )
        units = ", ".join(sorted({str(u) for u in rows["unit"].dropna()}))
        years = f"{int(rows['year'].min())}-{int(rows['year'].max())}"
        table.add_row(name, units, years, vals or "(partial years only)")
    console.print(table)


def _series_payload(result, evidence) -> dict[str, object]:  # noqa: ANN001
    """Each tested series with its values and sources (id, URL, publisher), for the JSON."""
    sources = {}
    if evidence is not None and not evidence.sources.empty:
        sources = {str(r["id"]): r for _, r in evidence.sources.iterrows()}
    out: dict[str, object] = {}
    for name, frame in result.series.items():
        srcs = []
        for sid in result.sources(name):
            row = sources.get(sid)
            srcs.append(
                {
                    "id": sid,
                    "url": None if row is None else str(row.get("url", "")),
                    "publisher": None if row is None else str(row.get("publisher", "")),
                }
            )
        out[name] = {
            "years": [int(y) for y in frame["year"]],
            "values": [float(v) for v in frame["value"]],
            "sources": srcs,
        }
    return out


def _fit_table(result, name: str) -> Table:  # noqa: ANN001
    """Every formula fitted to one series: parameters, R², adjusted R², AIC."""
    from transplant_audit.forensics.fits import FORMULA_TEXT

    t = Table(title=f"formula fits: {escape(name)}", title_justify="left")
    for col in ("formula", "k", "R²", "adjusted R²", "AIC", "parameters"):
        t.add_column(col, justify="right" if col in ("k", "R²", "adjusted R²", "AIC") else "left")
    best = min((f for f in result.fit_results(name).values() if f.ok), key=lambda f: f.aic)
    for f in result.fit_results(name).values():
        if not f.ok:
            t.add_row(f.formula, str(f.k), "—", "—", "—", escape(f.reason))
            continue
        params = ", ".join(f"{k}={v:.6g}" for k, v in f.params.items() if k != "t0_fitted")
        label = f"{f.formula}{' (best AIC)' if f is best else ''}"
        t.add_row(
            label,
            str(f.k),
            f"{f.r2:.5f}",
            f"{f.adj_r2:.5f}",
            f"{f.aic:.2f}",
            f"{FORMULA_TEXT[f.formula]}; {params}",
        )
    return t


def _print_summary(result) -> None:  # noqa: ANN001
    """One line per series and test (versions folded), flagged tests first."""
    table = Table(title="Summary", title_justify="left", expand=True, box=None)
    table.add_column("series", ratio=3, no_wrap=True, overflow="ellipsis")
    table.add_column("test", no_wrap=True, overflow="ellipsis")
    table.add_column("flag", justify="center", no_wrap=True)
    table.add_column("flagged in", justify="right", no_wrap=True)
    table.add_column("p", justify="right", no_wrap=True)
    table.add_column("finding", ratio=4, no_wrap=True, overflow="ellipsis")
    for _, r in result.summary().iterrows():
        p = r["p_value"]
        p_txt = "—" if p is None or p != p else (f"{p:.2g}" if p >= 1e-4 else "<1e-4")
        flag = "[bold red]YES[/]" if r["flagged"] else "no"
        table.add_row(
            escape(str(r["series"])),
            r["test"],
            flag,
            str(r["flagged_in"]),
            p_txt,
            escape(r["finding"]),
        )
    wide = (
        Console(width=max(console.width, 150), stderr=console.stderr)
        if not console.is_terminal
        else console
    )
    wide.print(table)
    flagged = result.flagged()
    console.print(
        f"{len(result.results)} tests, {len(flagged)} flagged "
        f"(alpha {result.settings['alpha']}, seed {result.settings['seed']})."
    )
    refs = result.settings.get("reference_noise") or {}
    if refs:
        console.print(
            "Reference noise (extra-Poisson cv by window length): "
            + "; ".join(f"{n} years: {txt}" for n, txt in refs.items())
            + "."
        )


def _print(result, evidence) -> None:  # noqa: ANN001
    sources = {}
    if evidence is not None and not evidence.sources.empty:
        sources = {str(r["id"]): r for _, r in evidence.sources.iterrows()}
    by_series: dict[str, list] = {}
    for r in result.results:
        by_series.setdefault(r.series, []).append(r)
    for name, rows in by_series.items():
        table = Table(title=name, title_justify="left", show_lines=True, expand=True)
        table.add_column("test", no_wrap=True)
        table.add_column("statistic", justify="right")
        table.add_column("p", justify="right")
        table.add_column("flag", justify="center")
        table.add_column("verdict and caveats", ratio=1)
        for r in rows:
            stat = "—" if r.statistic is None else f"{r.statistic:.4g}"
            p = "—" if r.p_value is None else (f"{r.p_value:.2g}" if r.p_value >= 1e-4 else "<1e-4")
            flag = "[bold red]YES[/]" if r.flagged else "no"
            text = escape(r.verdict)
            if r.caveats and not r.verdict.startswith("Not run"):
                text += "\n[dim]" + "\n".join(f"• {escape(c)}" for c in r.caveats) + "[/]"
            table.add_row(r.test, stat, p, flag, text)
        console.print(table)
        if name in result._fits:
            console.print(_fit_table(result, name))
        sids = result.sources(name)
        for sid in sids:
            s = sources.get(sid)
            if s is not None:
                console.print(
                    f"  source {sid}: {s.get('publisher', '')} — {s.get('url', '')}",
                    highlight=False,
                )
            else:
                console.print(f"  source {sid}", highlight=False)


def register(app: typer.Typer) -> None:
    """Add this area's commands to the app."""
    app.command(name="forensics")(json_path_aware(console)(forensics))


__all__ = ["register", "forensics", "DataError"]
