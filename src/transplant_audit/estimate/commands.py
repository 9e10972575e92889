"""CLI commands of this area: ``transplant-audit estimate`` and ``transplant-audit explain``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn
from rich.table import Table

from transplant_audit.cli_options import json_path_aware, write_json_output, write_text_atomic
from transplant_audit.errors import ConfigError
from transplant_audit.jsonvalue import plain

console = Console()


def _load(home: str | None, db: str | None) -> Any:
    try:
        from transplant_audit.evidence.load import load_evidence
    except ImportError:  # pragma: no cover - before the store landed
        from transplant_audit.evidence.package import read_package
        from transplant_audit.paths import bundled_package_dir

        return read_package(bundled_package_dir())
    return load_evidence(home, db)


def _n(x: float) -> str:
    return "-" if x != x else f"{x:,.0f}"


def estimate_cmd(
    draws: int = typer.Option(
        10_000, "--draws", "-n", help="Monte Carlo draws (more = smoother intervals)."
    ),
    seed: int | None = typer.Option(
        None,
        "--seed",
        help="Random seed; the same seed gives identical results (default: a fixed seed).",
    ),
    years: str | None = typer.Option(
        None,
        "--years",
        help="Years A-B (e.g. 2005-2016). Default: 2000 to the latest year with evidence.",
    ),
    scenario: list[str] = typer.Option(
        [],
        "--scenario",
        help="documented, capacity, combined (= flat_prior), calibrated or cohrc2018 (repeat "
        "for several). Default: all, calibrated when a stored posterior matches the data; asking "
        "for calibrated fits one when none does (about a minute).",
    ),
    assumptions: Path | None = typer.Option(
        None,
        "--assumptions",
        help="YAML or CSV file overriding assumptions by name (distribution, low, mode, high).",
    ),
    json_out: Path | None = typer.Option(
        None, "--json", help="Write the full result as JSON to this file ('-': stdout)."
    ),
    csv_dir: Path | None = typer.Option(
        None, "--csv", help="Write national, by_hospital, ... as CSV files here."
    ),
    check: bool = typer.Option(
        False, "--check", help="Print the backtest: own counts against capacity methods."
    ),
    include_disputed: bool = typer.Option(
        False,
        "--include-disputed",
        help="Also use figures a reviewer marked 'disputed' (left out by default; "
        "the output says how many).",
    ),
    sensitivity: bool = typer.Option(
        True,
        "--sensitivity/--no-sensitivity",
        help="Compute Sobol indices and the tornado (which assumption drives the answer).",
    ),
    sobol_n: int = typer.Option(
        1024, "--sobol-n", help="Sobol base samples (a power of two; runs = n x (assumptions + 2))."
    ),
    home: str | None = typer.Option(
        None, "--home", help="Investigation home (default: $TRANSPLANT_AUDIT_HOME or bundled data)."
    ),
    db: str | None = typer.Option(
        None, "--db", help="Database URL of the evidence store (default: $TRANSPLANT_AUDIT_DB)."
    ),
) -> None:
    """Estimate transplant volume per year from hospital evidence, with intervals.

    Three scenarios: DOCUMENTED (what hospitals themselves reported: a floor),
    CAPACITY (what their beds and staff could perform) and COMBINED (the best
    estimate: a hospital's own count, or a share of its capacity when larger).
    Hospitals without figures are imputed from the number of centres the
    sources give. Every assumption comes from the data package with its source;
    override any of them with --assumptions. Official claims are shown next to
    the estimate.
    """
    if draws < 1:
        raise ConfigError(f"--draws must be at least 1 (got {draws})")
    if assumptions is not None:
        from transplant_audit.estimate.assumptions import read_overrides

        read_overrides(assumptions)  # a bad or hostile file fails before the evidence loads
    evidence = _load(home, db)
    result = _estimate_with_progress(
        evidence,
        draws=draws,
        seed=seed,
        years=years,
        scenarios=scenario or None,
        overrides=assumptions,
        include_disputed=include_disputed,
    )
    _print_result(result, check)
    if sensitivity:
        with console.status("sensitivity (Sobol, tornado) ..."):
            sob = result.sensitivity(n=sobol_n)
            tor = result.tornado()
        _print_sensitivity(result, sob, tor)
    console.print(
        f"[dim]inputs {result.inputs_digest[:23]}…  draws {result.draws:,}  seed {result.seed}  "
        f"evidence {getattr(evidence, 'origin', '')}[/]"
    )
    if json_out is not None:
        data = result.to_dict(with_sensitivity=sensitivity, sensitivity_n=sobol_n)
        text = json.dumps(data, indent=1, ensure_ascii=False, allow_nan=False)
        write_json_output(json_out, text, console)
    if csv_dir is not None:
        _write_csv(result, csv_dir, sensitivity, sobol_n)


def _estimate_with_progress(evidence: Any, *, draws: int, seed: int | None, **options: Any) -> Any:
    """``api.estimate`` (at the documented seed unless one is given) with a progress bar."""
    from transplant_audit.estimate.api import DEFAULT_SEED, estimate

    with Progress(
        TextColumn("[bold]estimate[/]"),
        BarColumn(),
        TextColumn("{task.completed:,}/{task.total:,} draws"),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=console,
        transient=True,
    ) as bar:
        task = bar.add_task("draws", total=draws)

        def progress(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        return estimate(
            evidence,
            draws=draws,
            seed=DEFAULT_SEED if seed is None else seed,
            progress=progress,
            **options,
        )


def _print_result(result: Any, check: bool) -> None:
    """The national table, implied utilisation, calibration, investigators' figures and,
    with --check, the backtest and validation."""
    _print_national(result)
    _print_implied(result)
    _print_calibration(result)
    _print_investigators(result)
    if result.disputed_left_out:
        console.print(
            f"{result.disputed_left_out} disputed figure(s) left out (--include-disputed adds them)"
        )
    if check:
        _print_check(result)
        _print_validation(result)


def _write_csv(result: Any, csv_dir: Path, sensitivity: bool, sobol_n: int) -> None:
    """One CSV file per table of the result (with the sensitivity tables when asked)."""
    frames = {
        "national": result.national(),
        "cumulative": result.cumulative(),
        "official": result.official(),
        "comparison": result.comparison(),
        "by_hospital": result.by_hospital(),
        "by_stratum": result.by_stratum(),
        "by_organ": result.by_organ(),
        "check": result.check(),
        "imputed": result.imputed(),
        "implied_utilisation": result.implied_utilisation(),
    }
    if sensitivity:
        frames["sensitivity"] = result.sensitivity(n=sobol_n)
        frames["tornado"] = result.tornado()
    from transplant_audit.report.fmt import spreadsheet_safe  # text cells: no formulas

    for name, frame in frames.items():
        write_text_atomic(csv_dir / f"{name}.csv", spreadsheet_safe(frame).to_csv(index=False))
    console.print(f"wrote {len(frames)} CSV files to {csv_dir}")


def _print_national(result: Any) -> None:
    nat = result.national()
    main = "combined" if "combined" in result.scenarios else result.scenarios[-1]
    comp = result.comparison(scenario=main)
    official = (
        comp[comp["party"] == "chinese_official"].groupby("year")["value"].max()
        if len(comp)
        else {}
    )
    table = Table(
        title="Transplants per year in China: estimate (median and 90% interval)", show_lines=False
    )
    table.add_column("year", justify="right")
    for s in result.scenarios:
        table.add_column(s, justify="right")
    table.add_column("official claim", justify="right")
    table.add_column(f"{main} ÷ official", justify="right")
    table.add_column("P(official ≥ estimate)", justify="right")
    piv = {(int(r["year"]), r["scenario"]): r for r in nat.to_dict("records")}
    for y in result.years:
        y = int(y)
        cells = []
        for s in result.scenarios:
            r = piv[(y, s)]
            cells.append(f"{_n(r['median'])} [{_n(r['p05'])}–{_n(r['p95'])}]")
        off = official.get(y) if hasattr(official, "get") else None
        if off is not None and len(comp):
            c = comp[
                (comp["year"] == y) & (comp["party"] == "chinese_official") & (comp["value"] == off)
            ].iloc[0]
            cells += [
                _n(off),
                f"{c['ratio_median']:.1f}",
                f"{c['p_claim_at_or_above_estimate']:.2f}",
            ]
        else:
            cells += ["", "", ""]
        table.add_row(str(y), *cells)
    console.print(table)
    cum = result.cumulative()
    last = cum[cum["year"] == int(result.years[-1])]
    parts = [
        f"{r['scenario']} {_n(r['median'])} [{_n(r['p05'])}–{_n(r['p95'])}]"
        for r in last.to_dict("records")
    ]
    console.print(f"cumulative {int(result.years[0])}–{int(result.years[-1])}: " + "; ".join(parts))
    if "combined" in result.scenarios:
        console.print(f"imputed share of the combined total: {result.imputed_share:.0%}")
    others = comp[comp["party"] != "chinese_official"] if len(comp) else comp
    if len(others):
        g = others.groupby("claimant").agg(
            years=("year", "count"),
            value=("value", "first"),
            ratio=("ratio_median", "median"),
            p=("p_claim_at_or_above_estimate", "median"),
        )
        t2 = Table(title=f"Others' published figures (per year) against the {main} estimate")
        for c in ("claimant", "years", "value", "estimate ÷ claim (median)", "P(claim ≥ estimate)"):
            t2.add_column(c)
        for name, r in g.iterrows():
            t2.add_row(
                str(name)[:60],
                str(int(r["years"])),
                _n(r["value"]),
                f"{r['ratio']:.2f}",
                f"{r['p']:.2f}",
            )
        console.print(t2)


def _print_calibration(result: Any) -> None:
    """The calibrated model's convergence diagnostics, its utilisation and disclosure."""
    cal = result.calibration
    if not cal.get("diagnostics"):
        return
    t = Table(title=f"Calibrated model ({cal['source']} posterior): convergence")
    for c in ("parameter", "R-hat", "effective sample size"):
        t.add_column(c, justify="right")
    for d in cal["diagnostics"]:
        t.add_row(str(d["parameter"]), f"{d['r_hat']:.3f}", f"{d['ess']:.0f}")
    console.print(t)
    console.print(
        f"calibrated: {cal['hospital_years']} hospital-years at {cal['hospitals']} hospitals; "
        f"mean utilisation {cal['mean_utilisation_median']:.1%} "
        f"[{cal['mean_utilisation_p05']:.1%}–{cal['mean_utilisation_p95']:.1%}] under the "
        f"disclosure prior (posterior median disclosure {cal['disclosure_median']:.1%}); "
        "the data fix utilisation × disclosure only: --json has the disclosure curve"
    )


def _print_investigators(result: Any) -> None:
    """Each investigators' method from sourced inputs, next to its published headline."""
    for r in result.investigators:
        console.print(
            f"{r['scenario']} ({r['year']}): {_n(r['median'])} [{_n(r['p05'])}–{_n(r['p95'])}] "
            f"from {r['hospitals']:g} approved hospitals at {r['used_instead']}; published "
            f"{_n(r['published_value'])}. Missing: {r['missing_input']}. To reach the "
            f"published figure it would need {r['needed_value_median']:.0f} "
            f"[{r['needed_value_p05']:.0f}–{r['needed_value_p95']:.0f}] "
            f"{r['needed_value_name']} (arithmetic, not an input)."
        )


def _print_validation(result: Any) -> None:
    if not result.validation:
        console.print("validation: none stored (run tools/build_posterior.py)")
        return
    t = Table(title="Validation of the calibrated model: interval coverage")
    for c in ("check", "nominal", "coverage", "n"):
        t.add_column(c, justify="right")
    for r in result.validation:
        t.add_row(r["check"], f"{r['nominal']:.0%}", f"{r['coverage']:.1%}", str(r["n"]))
    console.print(t)


def _print_implied(result: Any) -> None:
    """Per claimant (and value), the capacity utilisation its claim requires."""
    imp = result.implied_utilisation()
    if not len(imp):
        return
    t = Table(
        title="Utilisation of capacity each published yearly figure requires: the median of "
        "its yearly medians \\[lowest yearly 5th – highest yearly 95th percentile] (one year: "
        "its 90% interval; --json has every year)"
    )
    for c in ("claimant", "years", "value", "implied utilisation"):
        t.add_column(c)
    for (claimant, value), g in imp.groupby(["claimant", "value"], sort=False):
        years = f"{int(g['year'].min())}–{int(g['year'].max())}"
        med = g["implied_utilisation_median"].median()
        lo, hi = g["implied_utilisation_p05"].min(), g["implied_utilisation_p95"].max()
        t.add_row(str(claimant)[:60], years, _n(value), f"{med:.1%} [{lo:.1%}–{hi:.1%}]")
    console.print(t)


def _print_check(result: Any) -> None:
    summ = result.check_summary()
    t = Table(
        title="Backtest: hospitals' own counts against each capacity method (same hospital-year)"
    )
    for c in (
        "method",
        "hospital-years",
        "hospitals",
        "median own ÷ method",
        "own count inside 90% interval",
        "own count ≤ method p95",
    ):
        t.add_column(c, justify="right")
    for r in summ.to_dict("records"):
        t.add_row(
            r["method"],
            str(r["hospital_years"]),
            str(r["hospitals"]),
            f"{r['ratio_median']:.2f}",
            f"{r['share_covered']:.0%}",
            f"{r['share_below_p95']:.0%}",
        )
    console.print(t)
    console.print(
        "[dim]A ratio far below 1 means the hospital reported much less than its capacity "
        "(under-use or "
        "under-reporting); above 1 means the capacity method is too low for that hospital.[/]"
    )


def _print_sensitivity(result: Any, sob: Any, tor: Any) -> None:
    year = result.sensitivity_year()
    t = Table(
        title=f"What drives the combined total for {year}: Sobol indices and one-at-a-time swing"
    )
    for c in ("assumption", "S1 (alone)", "ST (with interactions)", "swing 5th→95th pct"):
        t.add_column(c, justify="right" if c != "assumption" else "left")
    swing = {r["assumption"]: r for r in tor.to_dict("records")}
    for r in sob.to_dict("records"):
        sw = swing.get(r["assumption"])
        t.add_row(
            r["assumption"],
            f"{r['S1']:.2f} ± {r['S1_conf']:.2f}",
            f"{r['ST']:.2f} ± {r['ST_conf']:.2f}",
            f"{_n(sw['total_at_low'])} → {_n(sw['total_at_high'])}" if sw else "",
        )
    console.print(t)


def explain_cmd(
    hospital: str = typer.Argument(
        ...,
        help="Hospital id (e.g. tianjin_first_central) or part of its English or Chinese name.",
    ),
    year: int = typer.Argument(..., help="Calendar year."),
    draws: int = typer.Option(
        2000, "--draws", "-n", help="Monte Carlo draws for the values shown."
    ),
    seed: int | None = typer.Option(
        None, "--seed", help="Random seed (default: the documented fixed seed)."
    ),
    json_out: Path | None = typer.Option(
        None, "--json", help="Also write the derivation as JSON to this file ('-': stdout)."
    ),
    home: str | None = typer.Option(
        None, "--home", help="Investigation home (default: bundled data)."
    ),
    db: str | None = typer.Option(None, "--db", help="Database URL of the evidence store."),
) -> None:
    """Show how one hospital-year was estimated: each input figure with its source and locator,
    each assumption with its distribution and source, and the values of each method."""
    from transplant_audit.estimate.api import DEFAULT_SEED, estimate
    from transplant_audit.evidence.commands import find_hospital

    evidence = _load(home, db)
    hospital = str(find_hospital(evidence, hospital)["id"])
    result = estimate(
        evidence, draws=draws, seed=DEFAULT_SEED if seed is None else seed, years=f"{year}-{year}"
    )
    d = result.explain(hospital, year)
    h = d["hospital"]
    console.print(
        f"[bold]{hospital}[/] {year}: licensed={_licence_word(h['licensed'])} "
        f"military={h['military']} "
        f"first transplant year={h['first_transplant_year'] or 'unknown'}"
    )
    if not d["values"]:
        console.print(
            "No figure applies to this hospital-year: "
            "it is counted only through the imputation of its stratum."
        )
    t = Table(title="Values (transplants in the year)")
    for c in ("method", "median", "90% interval", "share of draws"):
        t.add_column(c)
    for m, v in d["values"].items():
        t.add_row(
            m, _n(v["median"]), f"{_n(v['p05'])}–{_n(v['p95'])}", f"{v['share_of_draws']:.0%}"
        )
    console.print(t)
    t = Table(title="Input observations", show_lines=True)
    for c in (
        "observation",
        "indicator",
        "value",
        "qualifier",
        "period",
        "used by",
        "source",
        "locator",
    ):
        t.add_column(c, overflow="fold")
    for o in d["observations"]:
        t.add_row(
            o["observation_id"],
            f"{o['indicator']} {o['organ'] or ''}",
            str(o["value"]),
            o["qualifier"],
            o["period"] or o["dated_by"],
            ", ".join(o["used_by"]),
            f"{o['publisher'] or ''}\n{o['url'] or ''}",
            str(o["locator"] or ""),
        )
    console.print(t)
    if d.get("left_out"):
        t = Table(title="Figures of this hospital left out (kept in the data)", show_lines=True)
        for c in ("observation", "indicator", "value", "why", "source"):
            t.add_column(c, overflow="fold")
        for o in d["left_out"]:
            t.add_row(
                o["observation_id"],
                o["indicator"],
                str(o["value"]),
                o["reason"],
                f"{o['publisher'] or ''}\n{o['url'] or ''}",
            )
        console.print(t)
    t = Table(title="Assumptions", show_lines=True)
    for c in ("name", "distribution", "justification", "sources"):
        t.add_column(c, overflow="fold")
    for a in d["assumptions"]:
        t.add_row(
            a["name"],
            a["distribution"],
            a["justification"],
            "\n".join(f"{s['publisher'] or ''} {s['url'] or ''}" for s in a["sources"]),
        )
    console.print(t)
    if json_out is not None:
        text = json.dumps(plain(d), indent=1, ensure_ascii=False, allow_nan=False)
        write_json_output(json_out, text, console)


def register(app: typer.Typer) -> None:
    """Add this area's commands to the app."""
    app.command("estimate")(json_path_aware(console)(estimate_cmd))
    app.command("explain")(json_path_aware(console)(explain_cmd))


def _licence_word(status: str) -> str:
    """'true' / 'false' / 'unknown' as ``show`` prints a licence: yes, no or '?'."""
    return {"true": "yes", "false": "no"}.get(str(status), "? (unknown)")
