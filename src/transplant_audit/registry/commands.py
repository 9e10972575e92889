"""CLI of the registry: ``registry import FILE`` and ``registry aggregates --out DIR``."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import Progress

from transplant_audit.cli_options import DbOption, HomeOption
from transplant_audit.errors import ConfigError
from transplant_audit.fileerrors import temp_dir_beside

registry_app = typer.Typer(
    help=(
        "The transplant-tourism registry (docs/registry.md): import case reports from CSV "
        "and publish suppressed aggregates. Cases are entered on the workbench "
        "(`transplant-audit serve`) by reporter and registrar accounts."
    ),
    no_args_is_help=True,
)


def check_centre(role: str, centre: str | None) -> None:
    """``user add``: a reporter needs a centre; other roles take none."""
    if role == "reporter" and not centre:
        raise ConfigError("a reporter must be bound to a centre: add --centre CENTRE")
    if centre and role != "reporter":
        raise ConfigError("--centre is only for the reporter role")


def _open(home: Path | None, db: str | None) -> Any:
    from transplant_audit.evidence.store import Store

    return Store.open(home=home, url=db)


@registry_app.command("import")
def import_cmd(
    file: Annotated[Path, typer.Argument(help="CSV of case reports, one per row (docs/registry.md"
                                         " lists the columns; reporting_centre is required).")],
    by: Annotated[str, typer.Option(help="Who imports (recorded in the ledger).")] = "cli",
    home: HomeOption = None,
    db: DbOption = None,
) -> None:  # fmt: skip
    """Import a ministry's existing case reports, all or nothing.

    Each national ID and birth date becomes a keyed pseudonym (key file:
    $TRANSPLANT_AUDIT_REGISTRY_KEY_FILE, created 0600 if missing) and is discarded. Any
    bad row or exact duplicate stops the import with one line naming the row and field;
    nothing is written. Near-duplicates (same patient and organ, within two months) are
    imported and queued for a registrar.
    """
    from transplant_audit.registry.importer import import_cases, read_rows
    from transplant_audit.registry.keyfile import key_path, load_or_create_key

    total = len(read_rows(file))
    key = load_or_create_key(key_path(home))
    with _open(home, db) as store, Progress(console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("checking and importing cases", total=total)
        with store.session(write=True) as s:
            done = import_cases(s, file, key, by, progress=lambda n: bar.advance(task, n))
    Console().print(f"imported {done['cases']} cases ({done['near_duplicates']} near-duplicate "
                    "pairs queued for a registrar)")  # fmt: skip


def _write_csv(path: Path, fields: list[str], rows: list[dict[str, Any]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=fields, lineterminator="\n")
        w.writeheader()
        for r in rows:
            w.writerow({k: ("" if r.get(k) is None else r[k]) for k in fields})


_TYPES = {"year": "integer", "destination_country": "string", "organ": "string",
          "count": "integer", "suppressed": "boolean", "measure": "string", "unit": "string",
          "median": "number"}  # fmt: skip


def write_package(rel: Any, med: list[dict[str, Any]], out: Path) -> Path:
    """Write the released tables and medians as a Frictionless package, atomically."""
    from transplant_audit.registry.publish import RULE

    if out.exists() and not out.is_dir():
        raise ConfigError(f"{out} exists and is not a directory: choose a new --out directory")
    if out.exists() and any(out.iterdir()):
        raise ConfigError(f"{out} exists and is not empty: choose a new --out directory")
    tmp = temp_dir_beside(out, "registry")
    source = {"title": "Transplant-tourism registry (transplant-audit registry aggregates)"}
    resources = []
    tables = {**rel.margin_tables(), "medians": med}
    for name, rows in tables.items():
        if name == "medians":
            fields = ["year", "destination_country", "measure", "unit", "median"]
        else:
            fields = [d for d in rel.dims if d in name] + ["count", "suppressed"]
        _write_csv(tmp / f"{name}.csv", fields, rows)
        resources.append({
            "name": name.replace("_x_", "-x-").replace("_", "-"), "path": f"{name}.csv",
            "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
            "description": RULE, "sources": [source],
            "schema": {"fields": [{"name": f, "type": _TYPES[f]} for f in fields]},
        })  # fmt: skip
    (tmp / "datapackage.json").write_text(json.dumps({
        "name": "transplant-tourism-registry-aggregates", "title": "Transplant-tourism registry:"
        " suppressed aggregates", "description": RULE, "sources": [source],
        "resources": resources}, indent=1) + "\n", encoding="utf-8")  # fmt: skip
    if out.exists():
        out.rmdir()
    shutil.move(str(tmp), str(out))
    return out


@registry_app.command("aggregates")
def aggregates_cmd(
    out: Annotated[Path, typer.Option(help="New directory for the Frictionless package.")],
    home: HomeOption = None,
    db: DbOption = None,
) -> None:
    """Publish the suppressed aggregates as a Frictionless data package.

    Tables: year x destination country x organ and all its margins, suppressed together
    (cells of 1-4 hidden, plus complementary cells, so no hidden cell can be narrowed to
    fewer than 5 values); and median waiting time and price by year and destination
    country for released cells of at least 5 cases. Never by hospital.
    """
    from transplant_audit.registry import publish
    from transplant_audit.registry import store as rstore

    with _open(home, db) as store, store.session() as s:
        counts = rstore.count_cube(s)
        values = rstore.value_rows(s)
    rel = publish.release(rstore.DIMS, counts.categories, counts.inner)
    path = write_package(rel, publish.medians(rel, values), out)
    hidden = int(rel.suppressed.sum())
    Console().print(f"wrote {path} ({int(rel.cube.size)} cells, {hidden} suppressed)")


def register(app: typer.Typer) -> None:
    app.add_typer(registry_app, name="registry")
