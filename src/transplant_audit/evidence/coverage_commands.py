"""``transplant-audit coverage`` and ``sources --check``: where evidence is missing, and link rot.

The computations are in ``evidence.coverage`` (pure) and ``evidence.linkcheck``
(the network); this module reads the evidence, calls the estimate API for the
imputed share, and renders tables or JSON.
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from transplant_audit.cli_options import DbOption, HomeOption, json_to_stdout, write_json_output
from transplant_audit.errors import ConfigError, TransplantAuditError
from transplant_audit.jsonvalue import plain

if TYPE_CHECKING:  # pandas loads when a command runs, not when the CLI starts
    import pandas as pd

    from transplant_audit.evidence.frames import Evidence

DEFAULT_YEAR = 2016
DEFAULT_DRAWS = 2000

JsonPathOption = Annotated[
    str | None,
    typer.Option(
        "--json",
        help="Write the result as JSON to this file ('-' prints it instead of the table).",
        show_default=False,
    ),
]


def estimated_imputed_share(evidence: Evidence, year: int, draws: int) -> tuple[float, str]:
    """(share of ``year``'s combined estimate that is imputed, why not if NaN), via the API."""
    from transplant_audit.estimate.api import estimate
    from transplant_audit.evidence.coverage import imputed_share

    with Progress(
        TextColumn("[bold]estimate[/]"),
        BarColumn(),
        TextColumn("{task.completed:,}/{task.total:,} draws"),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=True,
    ) as bar:
        task = bar.add_task("draws", total=draws)
        try:
            result = estimate(
                evidence,
                draws=draws,
                years=f"{year}-{year}",
                scenarios=["combined"],
                progress=lambda done, total: bar.update(task, completed=done, total=total),
            )
        except TransplantAuditError as exc:
            return math.nan, str(exc)
    return imputed_share(result, year), ""


def coverage_command(
    json_out: JsonPathOption = None,
    year: Annotated[
        int, typer.Option("--year", help="Year whose combined estimate is split.")
    ] = DEFAULT_YEAR,
    draws: Annotated[
        int,
        typer.Option("--draws", "-n", help="Monte Carlo draws of the estimate (0: skip it)."),
    ] = DEFAULT_DRAWS,
    home: HomeOption = None,
    db: DbOption = None,
) -> None:
    """Show where evidence is missing: hospitals with each kind of figure, by province and
    licence status, and the share of the year's combined estimate that is imputed.

    Kinds of figure: beds (any bed indicator), own counts (transplants in a period,
    running totals, stated annual rates), staff, and the opening or first-transplant
    year. Licence status is the hospital's 'licensed' (true/false/unknown). The imputed
    share comes from the estimate (hospitals without figures are imputed); the lower
    it is, the more of the estimate rests on sourced figures.
    """
    from transplant_audit.evidence.coverage import FIGURE_KINDS, coverage_table
    from transplant_audit.evidence.load import load_evidence

    if draws < 0:
        raise ConfigError(f"--draws must be 0 or more (got {draws})")
    evidence = load_evidence(home=home, db=db)
    table = coverage_table(evidence)
    share, why = (math.nan, "skipped (--draws 0)")
    if draws:
        share, why = estimated_imputed_share(evidence, year, draws)
    data = {
        "year": year,
        "draws": draws,
        "imputed_share": None if math.isnan(share) else share,
        "imputed_share_note": why,
        "figure_kinds": {k: sorted(v) for k, v in FIGURE_KINDS.items()},
        "evidence": evidence.origin,
        "rows": table.to_dict("records"),
    }
    text = json.dumps(plain(data), indent=1, ensure_ascii=False, allow_nan=False)
    if json_out is not None and json_to_stdout(json_out):
        write_json_output(Path(json_out), text, None)  # stdout holds the JSON alone
        return
    _print_coverage(table, share, why, year, evidence)
    if json_out is not None:
        write_json_output(Path(json_out), text, Console(highlight=False))


def _print_coverage(
    table: pd.DataFrame, share: float, why: str, year: int, evidence: Evidence
) -> None:
    console = Console(highlight=False)
    out = Table(
        title="Hospitals with each kind of figure, by province and licence status",
        caption=f"evidence from {evidence.origin}" if evidence.origin else None,
    )
    for col in table.columns:
        out.add_column(col.replace("_", " "), justify="left" if col in ("province",) else "right")
    for rec in table.itertuples(index=False):
        style = "bold" if rec.province == "all" else None
        out.add_row(*(str(v) for v in rec), style=style)
    console.print(out)
    if math.isnan(share):
        console.print(f"imputed share of the {year} combined estimate: not computed ({why})")
    else:
        console.print(
            f"imputed share of the {year} combined estimate: [bold]{share:.1%}[/] "
            "(hospitals without figures, imputed from the number of centres)"
        )


# --------------------------------------------------------------------------- sources --check


def check_sources(
    evidence: Evidence,
    frame: pd.DataFrame,
    *,
    timeout: float,
    rate: float,
    home: Path | None,
    db: str | None,
    json_out: bool,
) -> None:
    """Try every URL of ``frame`` (a source table) and print which are dead, with archives."""
    import pandas as pd

    from transplant_audit.evidence.linkcheck import RateLimit, check_links

    if timeout <= 0 or rate <= 0:
        raise ConfigError("--timeout and --rate must be above 0")
    archived = _archived(evidence, home, db)
    pairs = list(zip(frame["id"].astype(str), frame["url"].astype(str), strict=True))
    with Progress(
        TextColumn("[bold]checking links[/]"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=True,
        disable=json_out,
    ) as bar:
        task = bar.add_task("links", total=len(pairs))
        results = check_links(
            pairs,
            timeout=timeout,
            rate=rate,
            archived=archived,
            progress=lambda done: bar.update(task, completed=done),
            limiter=RateLimit(rate),
        )
    if json_out:
        sys.stdout.write(json.dumps([r.to_dict() for r in results], ensure_ascii=False) + "\n")
        return
    console = Console(highlight=False)
    bad = [r for r in results if r.outcome != "ok"]
    out = Table(title=f"{len(bad)} of {len(results)} source URLs not reachable")
    for col in ("id", "outcome", "status", "reason", "archived copy", "url"):
        out.add_column(col, overflow="fold")
    for r in bad:
        out.add_row(
            r.source_id,
            r.outcome,
            "" if r.http_status is None else str(r.http_status),
            f"{r.method} {r.reason}".strip(),
            r.archived or "none",
            r.url,
        )
    console.print(out)
    counts = pd.Series([r.outcome for r in results]).value_counts()
    console.print(", ".join(f"{k} {v}" for k, v in counts.items()))


def _archived(evidence: Evidence, home: Path | None, db: str | None) -> dict[str, str]:
    import pandas as pd

    from transplant_audit.evidence.linkcheck import archived_copies
    from transplant_audit.evidence.load import store_exists

    src = evidence.sources
    rows = [
        (str(i), str(u), "" if pd.isna(d) else str(d))
        for i, u, d in zip(src["id"], src["url"], src["digest"], strict=True)
    ]
    if not store_exists(home, db):
        return {sid: f"captured elsewhere ({d}); no local store" for sid, _, d in rows if d}
    from transplant_audit.evidence.store import Store

    with Store.open(home=home, url=db) as store, store.session() as session:
        return archived_copies(session, rows)


def register(app: typer.Typer) -> None:
    app.command("coverage")(coverage_command)
