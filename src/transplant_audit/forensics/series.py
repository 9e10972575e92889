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
from typing import Any

import numpy as np
import pandas as pd

from transplant_audit.errors import DataError
from transplant_audit.fileerrors import read_error

MIN_POINTS = 4
"""Fewest years a series needs before any formula or smoothness test means anything."""

MAX_VARIANTS = 16
"""Cap on the variants tested when conflicts are run each way (2^4: four conflicting years).

Beyond it a documented subset is tested (see :func:`pick_variants`), never a refusal."""

VARIANT_SAMPLE_SEED = 20191114
"""Seed of the draw that picks the variants tested beyond the all-lowest and all-highest ones
when there are more than ``MAX_VARIANTS`` (fixed, so the same subset is tested every run)."""

DEFAULT_APPROX_TOLERANCE = 0.10
"""Relative half-width h within which an 'about' figure a corroborates an exact value e of the
same year (|e − a| ≤ h·a). It is the upper bound of the ``approx_relative_half_width``
assumption (data-src/assumptions.csv: 'about' taken as true to within ±0–10%); run_forensics
reads that bound from the evidence when present and uses this default otherwise."""

BOUND_QUALIFIERS = ("at_least", "at_most")
"""Qualifiers that make a figure a bound ("more than 6,300"), never a point value."""


@dataclass(frozen=True)
class Conflict:
    """Two or more different values stated for one year of one series."""

    series: str
    year: int
    values: tuple[float, ...]
    source_ids: tuple[str, ...]
    row_ids: tuple[str, ...] = ()
    kind: str = "values"
    """``values``: different exact values (these make variants); ``bound``: an exact value
    outside a stated bound ("more than 6,300" against 6,200); ``approx``: an 'about' figure
    farther from the exact value than the tolerance. Only ``values`` makes variants."""
    qualifiers: tuple[str, ...] = ()

    def describe(self) -> str:
        quals = self.qualifiers or ("exact",) * len(self.values)
        shown = ", ".join(
            f"{_QUAL_WORDS.get(q, '')}{_fmt(v)} ({s})"
            for v, s, q in zip(self.values, self.source_ids, quals, strict=False)
        )
        what = {
            "values": "conflicting values",
            "bound": "an exact value contradicts a stated bound:",
            "approx": "an approximate value is farther from the exact one than the tolerance:",
        }.get(self.kind, "conflicting values")
        return f"{self.series} {self.year}: {what} {shown}"


_QUAL_WORDS = {"approx": "about ", "at_least": "at least ", "at_most": "at most ", "exact": ""}


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
    """Years whose tested value the source gives as approximate ("about")."""
    variants_total: int = 1
    """How many combinations of conflicting values exist (``rule='each'``)."""
    variants_note: str = ""
    """When only a subset of the variants is tested: which ones and why, in plain words."""
    window: tuple[int, int] | None = None
    """Years tested (first, last) when a window was asked for."""
    outside_window: list[int] = field(default_factory=list)
    """Years the series has but the window left untested."""
    derived_years: list[int] = field(default_factory=list)
    """Years whose tested value is derived (e.g. a total minus stated years), not stated."""

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


def _not_utf8(p: Path) -> DataError:
    """The row and byte of the first byte that is not UTF-8 (pandas names only a position
    inside its read buffer)."""
    data = p.read_bytes()
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        row = data.count(b"\n", 0, exc.start) + 1
        return DataError(
            str(p),
            f"not UTF-8 text: byte 0x{data[exc.start]:02x} at offset {exc.start} "
            "(save the file as UTF-8)",
            row=row,
            code="encoding-error",
        )
    return DataError(str(p), "not UTF-8 text (save the file as UTF-8)", code="encoding-error")


def read_series_csv(path: str | Path, *, counts: bool = True) -> SeriesData:
    """Read a CSV with columns ``year,value`` (an edge function: the only file access here)."""
    p = Path(path)
    try:
        frame = pd.read_csv(p, dtype=str, keep_default_na=False)
    except OSError as exc:  # missing, a directory, a symlink loop, no permission
        raise read_error(p, exc) from None
    except UnicodeDecodeError:
        raise _not_utf8(p) from None
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
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


@dataclass
class YearEvidence:
    """What the rows of one series say about one year, after qualifiers are read.

    ``options`` are the point values that can be tested (distinct exact values, or the
    approximate values of a year with no exact one), each with its first source and
    locator; ``notes`` say in plain words which rows were left out and why.
    """

    year: int
    options: list[tuple[float, str, str]] = field(default_factory=list)
    approx_only: bool = False
    notes: list[str] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)


def _qualifier(raw: object) -> str:
    q = "" if raw is None or (isinstance(raw, float) and math.isnan(raw)) else str(raw)
    q = q.strip().lower()
    return q or "exact"


def read_years(
    full: pd.DataFrame,
    name: str,
    *,
    approx_tolerance: float = DEFAULT_APPROX_TOLERANCE,
    running_total: bool = False,
) -> dict[int, YearEvidence]:
    """Sort the full-year rows of one series into tested values, notes and conflicts.

    Rules (issue: official rows with 'about' and 'more than' figures):

    * A row qualified ``at_least``/``at_most`` is a bound, not a count: never a tested value.
      It is left out with a note; an exact value of the same year below an ``at_least``
      bound (above an ``at_most`` bound) is a ``bound`` conflict. A year with only bounds
      is a gap.
    * An ``approx`` value a of a year that also has exact values corroborates them when
      some exact e has |e − a| ≤ ``approx_tolerance``·a, and is then left out with a note;
      otherwise it is an ``approx`` conflict (and still not tested). A year with only
      approximate values keeps them.
    * For a ``running_total`` (cumulative series) the rows of one year may be stated at
      different dates ("659 by 22 Feb 2013", "over 1,400 by the end of 2013"), so a bound
      is not compared with the exact value: it is left out with a note saying so.
    * Identical values from several sources are one value; only different exact values
      (or different approximate values of an approx-only year) are ``values`` conflicts.
    """
    out: dict[int, YearEvidence] = {}
    if full.empty:
        return out
    quals = [_qualifier(q) for q in full.get("qualifier", pd.Series([""] * len(full)))]
    rows = full.assign(_q=quals)
    for year, grp in rows.groupby("year_int", sort=True):
        ye = YearEvidence(year=int(year))
        recs = [
            (
                float(r["value_num"]),
                str(r.get("source_id", "")),
                str(r.get("locator", "")),
                str(r.get("id", "")),
                str(r["_q"]),
            )
            for _, r in grp.iterrows()
        ]
        exact = [r for r in recs if r[4] not in ("approx", *BOUND_QUALIFIERS)]
        approx = [r for r in recs if r[4] == "approx"]
        bounds = [r for r in recs if r[4] in BOUND_QUALIFIERS]
        pool = exact or approx
        ye.approx_only = not exact and bool(approx)
        seen: set[float] = set()
        for v, sid, loc, _, _ in pool:
            if v not in seen:
                seen.add(v)
                ye.options.append((v, sid, loc))
        distinct = [v for v, _, _ in ye.options]
        if len(distinct) > 1:
            firsts = [next(r for r in pool if r[0] == v) for v in distinct]
            ye.conflicts.append(
                Conflict(
                    series=name,
                    year=int(year),
                    values=tuple(distinct),
                    source_ids=tuple(
                        "; ".join(dict.fromkeys(r[1] for r in pool if r[0] == v)) for v in distinct
                    ),
                    row_ids=tuple(r[3] for r in firsts),
                    kind="values",
                    qualifiers=tuple(r[4] for r in firsts),
                )
            )
        # approximate figures beside exact ones: corroboration or conflict, never tested
        if exact:
            for v, sid, _, rid, _ in approx:
                near = [e for e in distinct if abs(e - v) <= approx_tolerance * v]
                if near:
                    ye.notes.append(
                        f"{rid} ({year}: about {_fmt(v)}, {sid}) corroborates the exact "
                        f"{' / '.join(_fmt(e) for e in near)} (within ±{approx_tolerance:.0%} "
                        "of the 'about' figure), so the exact value is tested"
                    )
                else:
                    ye.notes.append(
                        f"{rid} ({year}: about {_fmt(v)}, {sid}) is an approximate figure and "
                        "the year has an exact one; reported as a conflict, not tested"
                    )
                    ye.conflicts.append(
                        _pair_conflict(
                            name, int(year), (v, sid, rid, "approx"), distinct, exact, "approx"
                        )
                    )
        # bounds: never point values; a contradicted bound is a conflict
        for v, sid, _, rid, q in bounds:
            word = "more than / at least" if q == "at_least" else "less than / at most"
            ye.notes.append(
                f"{rid} ({year}: {word} {_fmt(v)}, {sid}) is a bound, not a count"
                + ("" if ye.options else f"; {year} has no point value and is a gap")
            )
            if running_total:
                ye.notes[-1] += (
                    " (running totals within one year may be stated at different dates, so "
                    "it is not compared with the exact value)"
                )
                bad = []
            elif q == "at_least":
                bad = [e for e in distinct if e < v * (1 - approx_tolerance * ye.approx_only)]
            else:
                bad = [e for e in distinct if e > v * (1 + approx_tolerance * ye.approx_only)]
            if bad:
                ye.conflicts.append(
                    _pair_conflict(name, int(year), (v, sid, rid, q), bad, pool, "bound")
                )
        out[int(year)] = ye
    return out


def _pair_conflict(
    name: str,
    year: int,
    odd: tuple[float, str, str, str],
    values: list[float],
    pool: list[tuple[float, str, str, str, str]],
    kind: str,
) -> Conflict:
    v, sid, rid, q = odd
    firsts = [next(r for r in pool if r[0] == e) for e in values]
    return Conflict(
        series=name,
        year=year,
        values=(v, *values),
        source_ids=(sid, *(r[1] for r in firsts)),
        row_ids=(rid, *(r[3] for r in firsts)),
        kind=kind,
        qualifiers=(q, *(r[4] for r in firsts)),
    )


def _in_window(full: pd.DataFrame, years: tuple[int, int] | None) -> tuple[pd.DataFrame, list[int]]:
    if years is None or full.empty:
        return full, []
    first, last = years
    inside = full["year_int"].between(first, last)
    outside = sorted({int(y) for y in full.loc[~inside, "year_int"]})
    return full[inside].reset_index(drop=True), outside


def check_window(years: tuple[int, int] | None) -> tuple[int, int] | None:
    """Validate a (first, last) year window; None means every year."""
    if years is None:
        return None
    try:
        first, last = (int(y) for y in years)
    except (TypeError, ValueError):
        raise DataError(
            "<options>",
            "years must be (first, last)",
            field="years",
            value=years,
            code="bad-window",
        ) from None
    if first > last or not (1900 <= first <= 2100 and 1900 <= last <= 2100):
        raise DataError(
            "<options>",
            "the year window must be two four-digit years, first ≤ last (e.g. 2010-2018)",
            field="years",
            value=f"{first}-{last}",
            code="bad-window",
        )
    return first, last


def find_conflicts(
    official: pd.DataFrame,
    name: str,
    *,
    approx_tolerance: float = DEFAULT_APPROX_TOLERANCE,
    years: tuple[int, int] | None = None,
    running_total: bool = False,
) -> list[Conflict]:
    """Conflicts of series ``name``: different exact values for one year (``values``),
    exact values outside a stated bound (``bound``) and 'about' figures farther than the
    tolerance from the exact value (``approx``). Identical values are not a conflict."""
    full, _ = _in_window(_full_year_rows(official, name)[0], check_window(years))
    found = read_years(full, name, approx_tolerance=approx_tolerance, running_total=running_total)
    return [c for ye in found.values() for c in ye.conflicts]


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


def pick_variants(
    options: Mapping[int, list[float]],
    *,
    cap: int = MAX_VARIANTS,
    seed: int = VARIANT_SAMPLE_SEED,
) -> tuple[list[dict[int, float]], int]:
    """Choices of one value per conflicting year: every combination, or a subset of ``cap``.

    Returns (choices, total combinations). Beyond ``cap`` the subset always holds the
    all-lowest and the all-highest choices (the extremes of any monotone statistic's
    range are most likely there) and ``cap − 2`` others drawn without replacement with
    ``seed``; choices come in the order of the full product, so the subset is the
    same on every run and on every machine.
    """
    years = sorted(options)
    if not years:
        return [{}], 1
    sizes = [len(options[y]) for y in years]
    total = int(np.prod(sizes))
    if total <= cap:
        combos = list(itertools.product(*[options[y] for y in years]))
        return [dict(zip(years, c, strict=True)) for c in combos], total
    lowest = tuple(sorted(options[y])[0] for y in years)
    highest = tuple(sorted(options[y])[-1] for y in years)

    def index_of(combo: tuple[float, ...]) -> int:
        idx = 0
        for y, v, size in zip(years, combo, sizes, strict=True):
            idx = idx * size + options[y].index(v)
        return idx

    fixed = {index_of(lowest), index_of(highest)}
    rng = np.random.default_rng(seed)
    others = [i for i in range(total) if i not in fixed] if total < 1_000_000 else None
    k = cap - len(fixed)
    if others is not None:
        picked = set(rng.choice(len(others), size=k, replace=False).tolist())
        chosen = fixed | {others[i] for i in picked}
    else:  # astronomically many: draw indices until enough distinct ones
        chosen = set(fixed)
        while len(chosen) < cap:
            chosen.add(int(rng.integers(total)))

    def combo_at(idx: int) -> dict[int, float]:
        out: dict[int, float] = {}
        for y, size in zip(reversed(years), reversed(sizes), strict=True):
            idx, r = divmod(idx, size)
            out[y] = options[y][r]
        return {y: out[y] for y in years}

    return [combo_at(i) for i in sorted(chosen)], total


def series_variants(
    official: pd.DataFrame,
    name: str,
    *,
    rule: str = "each",
    prefer_sources: Iterable[str] = (),
    counts: bool = True,
    min_points: int = MIN_POINTS,
    approx_tolerance: float = DEFAULT_APPROX_TOLERANCE,
    years: tuple[int, int] | None = None,
    label_window: bool = False,
    running_total: bool = False,
) -> list[SeriesData]:
    """The series ``name`` from ``official_series``, one ``SeriesData`` per conflict variant.

    Qualifiers are read first (:func:`read_years`): bounds and corroborating 'about'
    figures are left out with a note, contradictions are reported as conflicts, and only
    genuinely different exact values make variants. ``years=(first, last)`` keeps only
    those years (the others are named in ``outside_window``); ``label_window`` adds
    " (first–last)" to the series name. ``rule='stop'`` raises a ``DataError`` listing
    conflicting values; ``'source'`` keeps, for each conflicting year, the value from the
    first of ``prefer_sources`` that states it (and raises if none does); ``'each'``
    returns one variant per combination of the conflicting values, or beyond
    ``MAX_VARIANTS`` the documented subset of :func:`pick_variants`.
    """
    _check_rule(rule)
    window = check_window(years)
    full, excluded = _full_year_rows(official, name)
    full, outside = _in_window(full, window)
    read = read_years(full, name, approx_tolerance=approx_tolerance, running_total=running_total)
    conflicts = [c for ye in read.values() for c in ye.conflicts]
    for ye in read.values():
        excluded.extend(ye.notes)
    units = sorted({str(u) for u in full.get("unit", pd.Series(dtype=str)) if str(u)})
    base_pairs = {y: ye.options for y, ye in read.items() if ye.options}
    options: dict[int, list[float]] = {y: [v for v, _, _ in o] for y, o in base_pairs.items()}
    label_base = name
    if window is not None and label_window:
        label_base = f"{name} ({window[0]}–{window[1]})"
    choices, total, note = _variant_choices(full, name, rule, options, prefer_sources, conflicts)
    common = {
        "unit": ";".join(units),
        "conflicts": conflicts,
        "approx_years": sorted(y for y, ye in read.items() if ye.approx_only),
        "variants_total": total,
        "variants_note": note,
        "window": window,
        "outside_window": outside,
    }
    return [
        _variant_series(full, options, choice, label_base, excluded, counts, min_points, **common)
        for choice in choices
    ]


def _check_rule(rule: str) -> None:
    if rule not in CONFLICT_RULES:
        raise DataError(
            "<options>",
            f"conflict rule must be one of {CONFLICT_RULES}",
            field="rule",
            value=rule,
            code="bad-rule",
        )


def _variant_choices(
    full: pd.DataFrame,
    name: str,
    rule: str,
    options: dict[int, list[float]],
    prefer_sources: Iterable[str],
    conflicts: list[Conflict],
) -> tuple[list[dict[int, float]], int, str]:
    """(the value chosen per conflicting year for each variant, the number of combinations,
    a note when fewer than all are tested), by the conflict ``rule``."""
    conflict_years = sorted(y for y, opts in options.items() if len(opts) > 1)
    if conflict_years and rule == "stop":
        raise DataError(
            "official_series.csv",
            "conflicting values: "
            + "; ".join(c.describe() for c in conflicts if c.kind == "values")
            + ". Choose a rule: run each variant, or prefer a source id",
            field="value",
            code="conflict",
        )
    if not conflict_years:
        return [{}], 1, ""
    if rule == "source":
        return [_preferred_choice(full, name, conflict_years, options, prefer_sources)], 1, ""
    choices, total = pick_variants({y: options[y] for y in conflict_years})
    note = ""
    if total > len(choices):
        note = (
            f"{total} combinations of the conflicting values ({len(conflict_years)} years: "
            f"{', '.join(map(str, conflict_years))}) exceed the cap of {MAX_VARIANTS}; "
            f"{len(choices)} are tested: the all-lowest, the all-highest and "
            f"{len(choices) - 2} drawn at random (seed {VARIANT_SAMPLE_SEED}). The range "
            "across tested variants may be narrower than across all of them"
        )
    return choices, total, note


def _preferred_choice(
    full: pd.DataFrame,
    name: str,
    conflict_years: list[int],
    options: dict[int, list[float]],
    prefer_sources: Iterable[str],
) -> dict[int, float]:
    """Per conflicting year, the value of the first preferred source that states it."""
    prefs = list(prefer_sources)
    choice: dict[int, float] = {}
    for y in conflict_years:
        picked = None
        for sid in prefs:
            for v, s, _ in _all_stating(full, y, options[y]):
                if s == sid:
                    picked = v
                    break
            if picked is not None:
                break
        if picked is None:
            raise DataError(
                "official_series.csv",
                f"{name} {y}: none of the preferred sources {prefs} states this year; "
                f"sources: {[s for _, s, _ in _all_stating(full, y, options[y])]}",
                field="source_id",
                code="conflict",
            )
        choice[y] = picked
    return choice


def _variant_series(
    full: pd.DataFrame,
    options: dict[int, list[float]],
    choice: dict[int, float],
    label_base: str,
    excluded: list[str],
    counts: bool,
    min_points: int,
    **common: Any,
) -> SeriesData:
    """One variant: the first value of every year, except the chosen ones, validated."""
    pairs = [(y, choice.get(y, options[y][0])) for y in sorted(options)]
    frame = pd.DataFrame(pairs, columns=["year", "value"])
    label = label_base
    if choice:
        label = label_base + "[" + ",".join(f"{y}={_fmt(v)}" for y, v in choice.items()) + "]"
    clean = validate_series(
        frame,
        file=f"official_series.csv ({label})",
        counts=counts,
        min_points=min_points,
        row_offset=1,
    )
    used_sources, used_locators = _sources_of(full, pairs)
    return SeriesData(
        derived_years=_derived_years(full, pairs),
        name=label,
        frame=clean,
        source_ids=used_sources,
        locators=used_locators,
        choice=choice,
        excluded=list(excluded),
        **common,
    )


def _sources_of(full: pd.DataFrame, pairs: list[tuple[int, float]]) -> tuple[list[str], list[str]]:
    """The source ids (first-seen order) and 'year: locator' lines stating these values."""
    used_sources: list[str] = []
    used_locators: list[str] = []
    for y, v in pairs:
        for _val, sid, loc in _all_stating(full, y, [v]):
            if sid and sid not in used_sources:
                used_sources.append(sid)
            if loc:
                used_locators.append(f"{y}: {loc}")
    return used_sources, used_locators


_TRUE = {"true", "1", "yes", "y", "t"}


def _derived_years(full: pd.DataFrame, pairs: list[tuple[int, float]]) -> list[int]:
    """Years whose chosen value comes from a row marked ``derived`` (column optional)."""
    if "derived" not in full.columns:
        return []
    flag = full["derived"].map(lambda v: str(v).strip().lower() in _TRUE)
    marked = {
        (int(y), float(v))
        for y, v in zip(full.loc[flag, "year_int"], full.loc[flag, "value_num"], strict=True)
    }
    return sorted(int(y) for y, v in pairs if (int(y), float(v)) in marked)


def _all_stating(
    full: pd.DataFrame, year: int, values: Iterable[float]
) -> list[tuple[float, str, str]]:
    """(value, source id, locator) of every point-value row of ``year`` stating one of ``values``
    (identical values from several sources all count as its sources)."""
    wanted = set(values)
    out = []
    for _, r in full[full["year_int"] == year].iterrows():
        if _qualifier(r.get("qualifier")) in BOUND_QUALIFIERS:
            continue
        if float(r["value_num"]) in wanted:
            out.append(
                (float(r["value_num"]), str(r.get("source_id", "")), str(r.get("locator", "")))
            )
    return out
