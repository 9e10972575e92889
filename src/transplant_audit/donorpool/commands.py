"""CLI: ``transplant-audit donorpool``, the donor pool implied by waiting times."""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path
from typing import Any

import typer
from rich.console import Console
from rich.table import Table

from transplant_audit.cli_options import DbOption, HomeOption, write_text_atomic
from transplant_audit.errors import ConfigError

console = Console()

HELP = """The donor pool implied by waiting times (populations and rates, never people).

Given a yearly transplant volume and a mean waiting time, how many deceased
donors a year a matching system needs (ABO-identical, crossmatch, optional HLA
rule; organs usable for hours), and the standing pool of donors available at
any moment. With --donors, the other way round: the waits that many donors
would give, or, when they cannot keep up, how fast the queue grows.

Every parameter is a sourced row of data/assumptions.csv (names donorpool_*);
override any of them with --assumptions FILE. The volume defaults to the
official figure for --year (2015: 10,057 transplants). There is deliberately no
per-patient input: the model describes populations, never a person.

Examples:
  transplant-audit donorpool --organ kidney --wait-days 7
  transplant-audit donorpool --wait-days 7 --wait-days 365 --volume 60000
  transplant-audit donorpool --donors 2766 --volume 10057
  transplant-audit donorpool --wait-days 7 --waitlist 300000
  transplant-audit donorpool --volume-from-estimate --year 2015 --json rows.json
"""


def _official_volume(evidence: Any, year: int) -> float:
    claims = evidence.claims
    if claims is None or not len(claims):
        raise ConfigError("no claims in the evidence; give --volume N")
    official = claims[
        claims["quantity"].isin(["transplants_performed", "transplants_all_organs"])
        & (claims["party"] == "chinese_official")
        & (claims["period_start"].astype(str).str[:4] == str(year))
    ]
    if not len(official):
        raise ConfigError(
            f"no official transplant total for {year} in the evidence; give --volume N"
        )
    return float(official.iloc[0]["value_low"])


def _estimate_volume(evidence: Any, year: int, draws: int) -> tuple[float, dict[str, float]]:
    """The combined estimate's median for ``year`` and its kidney/liver split where it has one."""
    from transplant_audit.estimate.api import estimate

    result = estimate(evidence, draws=min(draws, 2000), years=[year], scenarios=["combined"])
    nat = result.national()
    total = float(nat.loc[nat["year"] == year, "median"].iloc[0])
    split: dict[str, float] = {}
    try:
        organs = result.by_organ()
        organs = organs[(organs["year"] == year) & (organs["scenario"] == "combined")]
        med = dict(zip(organs["organ"], organs["median"], strict=False))
        known = {k: float(v) for k, v in med.items() if k != "unspecified" and v > 0}
        if known.get("kidney", 0) > 0 and known.get("liver", 0) > 0:
            s = sum(known.values())
            split = {o: total * known[o] / s for o in ("kidney", "liver")}
    except (AttributeError, KeyError, IndexError):  # an estimate without an organ split
        split = {}
    return total, split


def _write_json(target: str, payload: dict[str, Any]) -> None:
    text = json.dumps(payload, indent=2, ensure_ascii=False, allow_nan=False)
    if target == "-":
        sys.stdout.write(text + "\n")
        return
    write_text_atomic(Path(target), text + "\n")


def _fmt(x: object) -> str:
    if x is None:
        return "none"
    if isinstance(x, float):
        if math.isnan(x):
            return "-"
        if abs(x) >= 1e6:
            return f"{x / 1e6:.2f} M"
        return f"{x:,.0f}" if abs(x) >= 10 else f"{x:,.1f}"
    return str(x)


def _print(result: Any) -> None:
    rows = result.rows
    if result.kind == "implied_donors":
        table = Table(title="Deceased donors a year needed for a mean wait (90% interval)")
        for col in ("organ", "wait (days)", "volume", "donors/yr", "90% interval", "pool", "90%"):
            table.add_column(col, justify="right" if col != "organ" else "left")
        for r in rows:
            table.add_row(
                r["organ"],
                _fmt(r["wait_days"]),
                _fmt(r["volume"]),
                _fmt(r["donors_per_year_median"]),
                f"{_fmt(r['donors_per_year_p05'])} to {_fmt(r['donors_per_year_p95'])}",
                _fmt(r["pool_median"]),
                f"{_fmt(r['pool_p05'])} to {_fmt(r['pool_p95'])}",
            )
    else:
        table = Table(title="Mean waits the given donors would produce (90% interval)")
        for col in (
            "organ",
            "donors/yr",
            "volume",
            "steady state",
            "wait (days)",
            "90% interval",
            "queue growth/yr",
        ):
            table.add_column(col, justify="right" if col != "organ" else "left")
        for r in rows:
            table.add_row(
                r["organ"],
                _fmt(r["donors_per_year"]),
                _fmt(r["volume"]),
                f"{'yes' if r['steady_state'] else 'no'} ({r['steady_state_share']:.0%} of runs)",
                _fmt(r["wait_days_median"]),
                f"{_fmt(r['wait_days_p05'])} to {_fmt(r['wait_days_p95'])}",
                _fmt(r["backlog_growth_per_year"]),
            )
    console.print(table)
    s = result.settings
    console.print(
        f"{s['draws']:,} draws, seed {s['seed']}, HLA rule {s['hla_rule']}; "
        f"volume {s['volume_all_organs']:,.0f} transplants a year (all organs). "
        "'no' steady state: donors cannot keep up and the wait grows without limit."
    )


def donorpool_cmd(
    organ: list[str] = typer.Option(
        [], "--organ", help="kidney or liver (repeat for both). Default: both."
    ),
    wait_days: list[float] = typer.Option(
        [], "--wait-days", help="Mean waiting time in days (repeat for several). Default: 7."
    ),
    volume: float | None = typer.Option(
        None, "--volume", help="Transplants a year, all organs (split by sourced organ shares)."
    ),
    volume_from_estimate: bool = typer.Option(
        False, "--volume-from-estimate", help="Use the combined estimate's median for --year."
    ),
    year: int = typer.Option(2015, "--year", help="Year of the volume (official or estimate)."),
    waitlist: float | None = typer.Option(
        None,
        "--waitlist",
        help="Patients already waiting (all organs): the first-come wait then needs "
        "waitlist / wait organs a year.",
    ),
    donors: float | None = typer.Option(
        None, "--donors", help="Deceased donors a year: print the waits they would give."
    ),
    hla: str = typer.Option(
        "none", "--hla", help="Kidney HLA rule: none (China's rules), dr_le1 or dr0."
    ),
    availability_days: float | None = typer.Option(
        None,
        "--availability-days",
        help="How long a donor stays available (default: organ viability, hours).",
    ),
    draws: int = typer.Option(10_000, "--draws", "-n", help="Monte Carlo draws."),
    seed: int | None = typer.Option(None, "--seed", help="Random seed (default: fixed)."),
    assumptions: Path | None = typer.Option(
        None, "--assumptions", help="YAML or CSV overriding donorpool_* assumptions by name."
    ),
    sensitivity: bool = typer.Option(
        False, "--sensitivity", help="Also compute Sobol indices (first wait, each organ)."
    ),
    json_out: str | None = typer.Option(
        None, "--json", help="Write the rows as JSON to this file ('-' for stdout)."
    ),
    home: HomeOption = None,
    db: DbOption = None,
) -> None:
    from transplant_audit.donorpool import model
    from transplant_audit.donorpool.params import ORGANS, load_assumptions
    from transplant_audit.estimate.assumptions import read_overrides
    from transplant_audit.evidence.load import load_evidence

    organs = list(dict.fromkeys(organ)) or list(ORGANS)
    bad = [o for o in organs if o not in ORGANS]
    if bad:
        raise ConfigError(f"--organ must be kidney or liver (got {', '.join(bad)})")
    if volume is not None and volume_from_estimate:
        raise ConfigError("give either --volume or --volume-from-estimate, not both")
    evidence = load_evidence(home, db)
    overrides = read_overrides(assumptions) if assumptions else None
    asm = load_assumptions(evidence.assumptions, overrides)
    split: dict[str, float] | None = None
    if volume_from_estimate:
        volume, split = _estimate_volume(evidence, year, draws)
    elif volume is None:
        volume = _official_volume(evidence, year)
    common: dict[str, Any] = {
        "organs": organs,
        "volume": float(volume),
        "year": year,
        "draws": draws,
        "seed": model.DEFAULT_SEED if seed is None else seed,
        "hla_rule": hla,
        "avail_days": availability_days,
    }
    if donors is not None:
        if wait_days:
            raise ConfigError("--wait-days and --donors answer opposite questions; give one")
        result = model.waits_from_donors(asm, donors=donors, **common)
    else:
        if waitlist is not None and (not math.isfinite(waitlist) or waitlist <= 0):
            raise ConfigError(f"--waitlist must be a positive number (got {waitlist})")
        result = model.implied_donors(
            asm,
            wait_days=wait_days or [7.0],
            organ_volumes=split or None,
            waitlist=waitlist,
            **common,
        )
        if sensitivity:
            from transplant_audit.donorpool.sensitivity import sobol_indices

            result.sensitivity = sobol_indices(asm, wait_days=(wait_days or [7.0])[0], **common)
    if json_out == "-":
        _write_json("-", result.to_dict())
        return
    _print(result)
    if result.sensitivity:
        for r in result.sensitivity:
            console.print(
                f"  Sobol {r['organ']}: {r['assumption']} S1 {r['S1']:.2f} ST {r['ST']:.2f}"
            )
    if json_out:
        _write_json(json_out, result.to_dict())
        console.print(f"wrote {json_out}")


def register(app: typer.Typer) -> None:
    app.command("donorpool", help=HELP)(donorpool_cmd)
