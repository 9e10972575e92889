"""Year → value series: validation, conflicts, gaps, cumulative ↔ annual.

Every forensic test works on a plain ``DataFrame`` with columns ``year`` and
``value`` (one row per year, sorted). This module turns the evidence's
``official_series`` resource, a CSV file or a Python mapping into that shape
and refuses bad input with a ``DataError`` that names file, row, field and
reason. Conflicting values for one year are never silently resolved: they are
reported, and the caller picks a rule (stop, choose by source id, or run each
variant).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from transplant_audit.errors import DataError

MIN_POINTS = 4
"""Fewest years a series needs before any formula or smoothness test means anything."""

MAX_VARIANTS = 16
"""Cap on the variants built when conflicts are run each way (2^4: four conflicting years)."""


@dataclass(frozen=True)
class Conflict:
    """Two or more different values stated for one year of one series."""

    series: str
    year: int
    values: tuple[float, ...]
    source_ids: tuple[str, ...]
    row_ids: tuple[str, ...] = ()

    def describe(self) -> str:
        shown = ", ".join(
            f"{_fmt(v)} ({s})" for v, s in zip(self.values, self.source_ids, strict=False)
        )
        return f"{self.series} {self.year}: conflicting values {shown}"


@dataclass
class SeriesData:
    """One tested series (or one variant of it) with what was left out and why."""

    name: str
    frame: pd.DataFrame
    """Columns ``year`` (int) and ``value`` (float), one row per year, sorted by year."""
    unit: str = ""
    source_ids: list[str] = field(default_factory=list)
    locators: list[str] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    choice: dict[int, float] = field(default_factory=dict)
    """For a conflict variant: year → the value this variant uses."""
    excluded: list[str] = field(default_factory=list)
    """Rows left out (partial years, unparseable) in plain words."""
    approx_years: list[int] = field(default_factory=list)
    """Years whose value the source gives as approximate ("about")."""

    @property
    def years(self) -> np.ndarray:
        return self.frame["year"].to_numpy(dtype=int)

    @property
    def values(self) -> np.ndarray:
        return self.frame["value"].to_numpy(dtype=float)

    def gaps(self) -> list[int]:
        return gaps(self.frame)


def _fmt(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else f"{v:g}"


def validate_series(
    frame: pd.DataFrame,
    *,
    file: str = "<series>",
    counts: bool = True,
    min_points: int = MIN_POINTS,
    row_offset: int = 2,
) -> pd.DataFrame:
    """Check a ``year,value`` table and return it cleaned (int years, float values, sorted).

    ``counts`` requires non-negative whole numbers (donors, transplants).
    ``row_offset`` maps the frame's positional index to the file's 1-based line
    number (header = line 1, so the first data row is line 2).
    """
    for col in ("year", "value"):
        if col not in frame.columns:
            raise DataError(
                file,
                f"a series needs columns 'year' and 'value'; '{col}' is missing",
                field=col,
                code="missing-column",
            )
    years: list[int] = []
    values: list[float] = []
    seen: dict[int, int] = {}
    for pos, (raw_year, raw_value) in enumerate(
        zip(frame["year"].tolist(), frame["value"].tolist(), strict=True)
    ):
        row = pos + row_offset
        year = _parse_year(raw_year, file, row)
        value = _parse_number(raw_value, file, row)
        if counts:
            if value < 0:
                raise DataError(
                    file,
                    "counts cannot be negative",
                    row=row,
                    field="value",
                    value=raw_value,
                    code="negative-count",
                )
            if not float(value).is_integer():
                raise DataError(
                    file,
                    "this test needs whole-number counts (donors, transplants)",
                    row=row,
                    field="value",
                    value=raw_value,
                    code="non-integer-count",
                )
        if year in seen:
            raise DataError(
                file,
                f"year {year} appears twice (first at row {seen[year]}); give one value per "
                "year, or keep both as separate series or variants",
                row=row,
                field="year",
                value=raw_year,
                code="duplicate-year",
            )
        seen[year] = row
        years.append(year)
        values.append(value)
    if len(years) < min_points:
        raise DataError(
            file,
            f"a series needs at least {min_points} years for these tests; got {len(years)}",
            field="year",
            code="too-few-points",
        )
    out = pd.DataFrame({"year": np.array(years, dtype=int), "value": np.array(values, float)})
    return out.sort_values("year", kind="stable").reset_index(drop=True)


def _parse_year(raw: object, file: str, row: int) -> int:
    text = str(raw).strip()
    if text.endswith(".0"):
        text = text[:-2]
    if len(text) >= 4 and text[:4].isdigit() and (len(text) == 4 or text[4] == "-"):
        return int(text[:4])
    raise DataError(
        file, "year must be a four-digit year", row=row, field="year", value=raw, code="bad-year"
    )


def _parse_number(raw: object, file: str, row: int) -> float:
    if raw is None or (isinstance(raw, float) and math.isnan(raw)):
        raise DataError(file, "value is empty", row=row, field="value", code="missing-value")
    text = str(raw).strip().replace(",", "")
    try:
        value = float(text)
    except ValueError:
        raise DataError(
            file, "value is not a number", row=row, field="value", value=raw, code="bad-number"
        ) from None
    if not math.isfinite(value):
        raise DataError(
            file,
            "value is not a finite number",
            row=row,
            field="value",
            value=raw,
            code="bad-number",
        )
    return value


def read_series_csv(path: str | Path, *, counts: bool = True) -> SeriesData:
    """Read a CSV with columns ``year,value`` (an edge function: the only file access here)."""
    p = Path(path)
    try:
        frame = pd.read_csv(p, dtype=str, keep_default_na=False)
    except FileNotFoundError:
        raise DataError(str(p), "file not found", code="missing-file") from None
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as exc:
        raise DataError(str(p), f"cannot read as CSV: {exc}", code="bad-csv") from None
    frame = frame.rename(columns={c: c.strip().lower() for c in frame.columns})
    clean = validate_series(frame, file=str(p), counts=counts)
    return SeriesData(name=p.stem, frame=clean, source_ids=[f"file:{p.name}"])


def series_from_mapping(
    name: str, data: Mapping[int, float] | Iterable[tuple[int, float]], *, counts: bool = True
) -> SeriesData:
    """Build a series from ``{year: value}`` or ``[(year, value), ...]`` (the Python API)."""
    pairs = list(data.items()) if isinstance(data, Mapping) else list(data)
    frame = pd.DataFrame(pairs, columns=["year", "value"])
    return SeriesData(
        name=name, frame=validate_series(frame, file=name, counts=counts, row_offset=1)
    )


def gaps(frame: pd.DataFrame) -> list[int]:
    """Years missing between the first and last year of a series."""
    if frame.empty:
        return []
    years = set(frame["year"].astype(int))
    return [y for y in range(min(years), max(years) + 1) if y not in years]


def difference(frame: pd.DataFrame, *, file: str = "<series>") -> pd.DataFrame:
    """Annual counts from a cumulative series: value(t) − value(t−1) for consecutive years.

    The first year has no predecessor and is dropped. A gap or a fall in the
    running total is an error: a difference across a gap would mix years, and a
    falling running total is itself a finding to report, not to difference.
    """
    f = frame.sort_values("year").reset_index(drop=True)
    missing = gaps(f)
    if missing:
        raise DataError(
            file,
            f"cannot difference a cumulative series with missing years {missing}",
            field="year",
            code="gap",
        )
    diffs = np.diff(f["value"].to_numpy(float))
    for i, d in enumerate(diffs):
        if d < 0:
            raise DataError(
                file,
                f"the running total falls from {_fmt(f['value'][i])} to "
                f"{_fmt(f['value'][i + 1])}; a cumulative count cannot fall",
                row=i + 3,
                field="value",
                value=f["value"][i + 1],
                code="falling-cumulative",
            )
    return pd.DataFrame({"year": f["year"].to_numpy()[1:], "value": diffs})


def accumulate(frame: pd.DataFrame, *, start: float = 0.0) -> pd.DataFrame:
    """The reverse of :func:`difference`: running totals, starting from ``start``."""
    f = frame.sort_values("year").reset_index(drop=True)
    return pd.DataFrame({"year": f["year"].to_numpy(), "value": start + np.cumsum(f["value"])})


# ---------------------------------------------------------------- evidence ----------

CONFLICT_RULES = ("stop", "each", "source")
"""How to treat two values for one year: ``stop`` (report and raise), ``each`` (build
one variant per combination and test every one), ``source`` (prefer the named source ids,
given in order)."""


def official_series_names(official: pd.DataFrame) -> list[str]:
    """Series names in the evidence's ``official_series`` resource, sorted."""
    if official is None or official.empty:
        return []
    return sorted(str(s) for s in official["series"].dropna().unique())


def find_conflicts(official: pd.DataFrame, name: str) -> list[Conflict]:
    """Years of series ``name`` with more than one distinct (full-year) value."""
    rows = _full_year_rows(official, name)[0]
    out: list[Conflict] = []
    for year, grp in rows.groupby("year_int", sort=True):
        vals = grp["value_num"].tolist()
        if len(set(vals)) > 1:
            out.append(
                Conflict(
                    series=name,
                    year=int(year),
                    values=tuple(vals),
                    source_ids=tuple(str(s) for s in grp["source_id"]),
                    row_ids=tuple(str(s) for s in grp.get("id", pd.Series(dtype=str))),
                )
            )
    return out


def _full_year_rows(official: pd.DataFrame, name: str) -> tuple[pd.DataFrame, list[str]]:
    """Rows of series ``name`` that state a full year, with parsed year and value.

    Partial-year rows and unparseable rows are left out and described in the
    second element, so the caller can show them as caveats.
    """
    file = "official_series.csv"
    sub = official[official["series"].astype(str) == name]
    if sub.empty:
        known = ", ".join(official_series_names(official)) or "none"
        raise DataError(
            file,
            f"no series named '{name}' (known: {known})",
            field="series",
            value=name,
            code="unknown-series",
        )
    excluded: list[str] = []
    kept: list[dict] = []
    for pos, (_, r) in enumerate(sub.iterrows()):
        rid = str(r.get("id", f"row {pos + 2}"))
        if str(r.get("partial_year", "")).strip().lower() in ("true", "1", "yes"):
            excluded.append(f"{rid} ({r['year']}: {r['value']}) covers part of a year only")
            continue
        try:
            year = _parse_year(r["year"], file, pos + 2)
            value = _parse_number(r["value"], file, pos + 2)
        except DataError as exc:
            excluded.append(f"{rid}: {exc.reason}")
            continue
        row = {k: r[k] for k in sub.columns}
        row["year_int"] = year
        row["value_num"] = value
        kept.append(row)
    full = pd.DataFrame(kept, columns=[*sub.columns, "year_int", "value_num"])
    return full, excluded


def series_variants(
    official: pd.DataFrame,
    name: str,
    *,
    rule: str = "each",
    prefer_sources: Iterable[str] = (),
    counts: bool = True,
    min_points: int = MIN_POINTS,
) -> list[SeriesData]:
    """The series ``name`` from ``official_series``, one ``SeriesData`` per conflict variant.

    ``rule='stop'`` raises a ``DataError`` listing every conflict; ``'source'``
    keeps, for each conflicting year, the value from the first of
    ``prefer_sources`` that states it (and raises if none does); ``'each'``
    returns one variant per combination of the conflicting values (at most
    ``MAX_VARIANTS``), each naming its choices.
    """
    if rule not in CONFLICT_RULES:
        raise DataError(
            "<options>",
            f"conflict rule must be one of {CONFLICT_RULES}",
            field="rule",
            value=rule,
            code="bad-rule",
        )
    full, excluded = _full_year_rows(official, name)
    conflicts = find_conflicts(official, name)
    units = sorted({str(u) for u in full.get("unit", pd.Series(dtype=str)) if str(u)})
    approx = sorted(
        {
            int(y)
            for y, q in zip(full["year_int"], full.get("qualifier", [""] * len(full)), strict=False)
            if str(q) == "approx"
        }
    )
    base_pairs: dict[int, list[tuple[float, str, str]]] = {}
    for _, r in full.iterrows():
        base_pairs.setdefault(int(r["year_int"]), []).append(
            (float(r["value_num"]), str(r.get("source_id", "")), str(r.get("locator", "")))
        )
    # de-duplicate identical values stated by several sources
    options: dict[int, list[float]] = {
        y: sorted({v for v, _, _ in lst}, key=lambda v: [x[0] for x in lst].index(v))
        for y, lst in base_pairs.items()
    }
    conflict_years = sorted(y for y, opts in options.items() if len(opts) > 1)

    if conflict_years and rule == "stop":
        raise DataError(
            "official_series.csv",
            "conflicting values: "
            + "; ".join(c.describe() for c in conflicts)
            + ". Choose a rule: run each variant, or prefer a source id",
            field="value",
            code="conflict",
        )
    choices: list[dict[int, float]]
    if not conflict_years:
        choices = [{}]
    elif rule == "source":
        prefs = list(prefer_sources)
        choice: dict[int, float] = {}
        for y in conflict_years:
            picked = None
            for sid in prefs:
                for v, s, _ in base_pairs[y]:
                    if s == sid:
                        picked = v
                        break
                if picked is not None:
                    break
            if picked is None:
                raise DataError(
                    "official_series.csv",
                    f"{name} {y}: none of the preferred sources {prefs} states this year; "
                    f"sources: {[s for _, s, _ in base_pairs[y]]}",
                    field="source_id",
                    code="conflict",
                )
            choice[y] = picked
        choices = [choice]
    else:
        combos = list(itertools.product(*[options[y] for y in conflict_years]))
        if len(combos) > MAX_VARIANTS:
            raise DataError(
                "official_series.csv",
                f"{name}: {len(combos)} conflict variants exceed the cap of {MAX_VARIANTS}; "
                "prefer sources instead",
                field="value",
                code="too-many-variants",
            )
        choices = [dict(zip(conflict_years, c, strict=True)) for c in combos]

    out: list[SeriesData] = []
    for choice in choices:
        pairs = [(y, choice.get(y, options[y][0])) for y in sorted(options)]
        frame = pd.DataFrame(pairs, columns=["year", "value"])
        label = name
        if choice:
            label = name + "[" + ",".join(f"{y}={_fmt(v)}" for y, v in choice.items()) + "]"
        clean = validate_series(
            frame,
            file=f"official_series.csv ({label})",
            counts=counts,
            min_points=min_points,
            row_offset=1,
        )
        used_sources: list[str] = []
        used_locators: list[str] = []
        for y, v in pairs:
            for val, sid, loc in base_pairs[y]:
                if val == v:
                    if sid and sid not in used_sources:
                        used_sources.append(sid)
                    if loc:
                        used_locators.append(f"{y}: {loc}")
                    break
        out.append(
            SeriesData(
                name=label,
                frame=clean,
                unit=";".join(units),
                source_ids=used_sources,
                locators=used_locators,
                conflicts=conflicts,
                choice=choice,
                excluded=list(excluded),
                approx_years=approx,
            )
        )
    return out
