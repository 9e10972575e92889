"""The GODT country table as reference series (one build step, called from build_data_package).

The WHO–ONT Global Observatory on Donation and Transplantation (GODT) country
table 2000–2017 (``../shared/data/godt_global_organ_donation_2000_2017.csv``)
gives deceased donors and transplants per organ, country and year. Which columns
become which reference series, with which unit and source URL, is data:
``data-src/godt_columns.csv`` (godt_column, series, unit, source_url, note). Without
that file this step adds nothing, so a build from another curated folder is unchanged.

Every kept cell is one reference row: country (mis-encoded names repaired, e.g.
``CÃ´te dâ€™Ivoire`` → ``Côte d’Ivoire``), series, year, value, unit, source URL,
and a locator naming the row and column of the table. Empty cells (NA) are
skipped; nothing is filled in. China's rows are kept as published (their 2010–2014
figures repeat: the stale-row test shows it); forensics leaves the tested
country out of its reference set.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

from transplant_audit.errors import DataError

GODT_FILE = "godt_global_organ_donation_2000_2017.csv"
COLUMNS_FILE = "godt_columns.csv"
COLUMNS_HEADER = ["godt_column", "series", "unit", "source_url", "note"]
KEY_COLUMNS = ("COUNTRY", "REPORTYEAR")


def repair_name(name: str) -> str:
    """Undo UTF-8 read as cp1252 (``CÃ´te`` → ``Côte``); other names unchanged."""
    if name.isascii():
        return name
    try:
        return name.encode("cp1252").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return name


def _rows(path: Path) -> list[tuple[int, dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return [(i + 2, r) for i, r in enumerate(csv.DictReader(fh))]


def _number(path: Path, line: int, column: str, text: str) -> float | None:
    if text.strip() in ("", "NA"):
        return None
    try:
        value = float(text)
    except ValueError as exc:
        raise DataError(
            file=str(path),
            row=line,
            field=column,
            reason="not a number",
            value=text,
            code="bad-number",
        ) from exc
    if value < 0 or not value.is_integer():
        raise DataError(
            file=str(path),
            row=line,
            field=column,
            reason="not a whole count",
            value=text,
            code="bad-number",
        )
    return value


def godt_reference_rows(
    shared: Path,
    src: Path,
    resolve: Callable[[str, str, int, str], str],
    row_id: Callable[..., str],
) -> list[dict[str, object]]:
    """Reference-series rows from the GODT table, per ``data-src/godt_columns.csv``.

    ``resolve(url, file, line, column)`` gives the source id of a URL (the build's
    SourceBook); ``row_id(prefix, *parts)`` the stable row id.
    """
    spec_path = src / COLUMNS_FILE
    if not spec_path.is_file():
        return []
    spec = _rows(spec_path)
    table = shared / GODT_FILE
    if not table.is_file():
        raise DataError(file=str(table), reason="input file missing", code="no-input")
    rows = _rows(table)
    header = list(rows[0][1]) if rows else []
    out: list[dict[str, object]] = []
    for line, s in spec:
        if s["godt_column"] not in header:
            raise DataError(
                file=str(spec_path),
                row=line,
                field="godt_column",
                reason=f"no such column in {GODT_FILE}",
                value=s["godt_column"],
                code="missing-column",
            )
        sid = resolve(s["source_url"], str(spec_path), line, "source_url")
        for tline, r in rows:
            value = _number(table, tline, s["godt_column"], r[s["godt_column"]])
            if value is None:
                continue
            country = repair_name(r["COUNTRY"])
            year = int(r["REPORTYEAR"])
            out.append(
                {
                    "id": row_id(
                        "ref_", "godt", country, s["series"], str(year), r[s["godt_column"]]
                    ),
                    "country": country,
                    "series": s["series"],
                    "year": year,
                    "value": value,
                    "unit": s["unit"],
                    "source_id": sid,
                    "locator": f"{GODT_FILE.removesuffix('.csv')}: COUNTRY '{r['COUNTRY']}', "
                    f"REPORTYEAR {year}, column '{s['godt_column']}' (line {tline})",
                    "note": s["note"],
                }
            )
    return out
