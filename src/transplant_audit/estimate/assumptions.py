"""Model assumptions as data: a named parameter with a distribution, unit and sources.

Every number the estimate needs that is not an observation of one hospital is
an ``Assumption`` read from the ``assumptions`` resource of the evidence (built
from ``data-src/assumptions.csv``). Nothing here is a bare constant: the code
only knows the *names* it needs (``REQUIRED``) and how to draw from a
distribution. Users override any assumption from a YAML or CSV file
(``read_overrides``) without touching code.

Distributions (``low``/``mode``/``high`` columns):

* ``fixed``: always ``mode`` (or ``low`` when ``mode`` is empty).
* ``uniform``: flat between ``low`` and ``high``.
* ``triangular``: ``low``, ``mode``, ``high``.
* ``pert``: Beta-PERT with shape 4 (Vose, *Risk Analysis*, 2008, ch. 9):
  alpha = 1 + 4 (mode - low)/(high - low), beta = 1 + 4 (high - mode)/(high - low).
* ``lognormal``: ``low`` and ``high`` are the 5th and 95th percentiles:
  mu = (ln low + ln high)/2, sigma = (ln high - ln low)/(2 * 1.6449).
* ``integer_uniform``: whole numbers ``low`` .. ``high`` inclusive, equally likely
  (for a window in years).

All draws go through the distribution's quantile function (``ppf``), so Monte
Carlo and the Sobol sample share one code path.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import pandas as pd
from scipy import stats

from transplant_audit import error_codes as codes
from transplant_audit.errors import ConfigError, DataError

DISTRIBUTIONS = ("fixed", "uniform", "triangular", "pert", "lognormal", "integer_uniform")
Z95 = 1.6448536269514722  # standard normal 95th percentile

# name -> (unit, lowest allowed value, allow equal to lowest, highest allowed value)
# The bounds are physical facts (a stay is positive, a share is at most 1), not model values.
REQUIRED: dict[str, tuple[str, float, bool, float]] = {
    "occupancy_rate": ("fraction", 0.0, False, 3.0),
    "length_of_stay_days_kidney": ("days", 0.0, False, math.inf),
    "length_of_stay_days_liver": ("days", 0.0, False, math.inf),
    "length_of_stay_days_heart_lung": ("days", 0.0, False, math.inf),
    "length_of_stay_days_mixed": ("days", 0.0, False, math.inf),
    "transplant_share_of_department_beds": ("fraction", 0.0, False, 1.0),
    "licence_minimum_transplant_beds": ("beds", 0.0, False, math.inf),
    "transplants_per_surgeon_per_year": ("transplants/surgeon/year", 0.0, False, math.inf),
    "price_per_transplant_cny": ("CNY", 0.0, False, math.inf),
    "capacity_utilisation": ("fraction", 0.0, False, 1.0),
    "undated_figure_year": ("year", 1950.0, True, 2100.0),
    "approx_relative_half_width": ("fraction", 0.0, True, 1.0),
    "at_least_max_uplift": ("fraction", 0.0, True, 10.0),
    "at_most_max_shortfall": ("fraction", 0.0, True, 1.0),
    "centres_total": ("hospitals", 0.0, True, math.inf),
    "centres_licensed": ("hospitals", 0.0, True, math.inf),
    "centres_growth_2000_to_2004": ("ratio", 0.0, False, math.inf),
    "unlicensed_active_share_after_2007": ("fraction", 0.0, True, 1.0),
    "licensing_year": ("year", 1950.0, True, 2100.0),
}
"""The assumptions the model needs, with their unit and the physically possible range."""

MAX_MAGNITUDE = 1e12
"""Largest size any assumption's bound may have. Not a model value: every quantity here
(counts, days, beds, prices in CNY, years, shares) is far below it, while bounds like
1e308 overflow to inf once multiplied through the model (issue 10, hole 8)."""
TAIL_Q = 1e-12
"""The most extreme quantile ever drawn (``ppf`` clips to [TAIL_Q, 1 - TAIL_Q])."""


@dataclass(frozen=True)
class Assumption:
    """One model parameter: its distribution, unit, why, and which sources bound it."""

    name: str
    distribution: str
    low: float
    mode: float
    high: float
    unit: str
    applies_to: str = ""
    justification: str = ""
    source_ids: tuple[str, ...] = ()
    row: int | None = None
    origin: str = "assumptions"

    # -- quantiles ---------------------------------------------------------------
    def ppf(self, q: np.ndarray | float) -> np.ndarray:
        """Quantile function: ``q`` in [0, 1] -> parameter values (vectorised)."""
        q = np.clip(np.asarray(q, dtype=float), TAIL_Q, 1 - TAIL_Q)
        d, lo, mo, hi = self.distribution, self.low, self.mode, self.high
        if d == "fixed":
            return np.full_like(q, mo)
        if d == "uniform":
            return lo + (hi - lo) * q
        if d == "integer_uniform":
            return np.floor(lo + (hi - lo + 1) * q).clip(lo, hi)
        if d == "triangular":
            if hi == lo:
                return np.full_like(q, lo)
            return stats.triang.ppf(q, (mo - lo) / (hi - lo), loc=lo, scale=hi - lo)
        if d == "pert":
            if hi == lo:
                return np.full_like(q, lo)
            a = 1 + 4 * (mo - lo) / (hi - lo)
            b = 1 + 4 * (hi - mo) / (hi - lo)
            return lo + (hi - lo) * stats.beta.ppf(q, a, b)
        if d == "lognormal":
            mu = (math.log(lo) + math.log(hi)) / 2
            sigma = (math.log(hi) - math.log(lo)) / (2 * Z95)
            return np.exp(mu + sigma * stats.norm.ppf(q))
        raise ConfigError(f"assumption '{self.name}': unknown distribution '{d}'")

    def sample(self, rng: np.random.Generator, n: int) -> np.ndarray:
        """``n`` independent draws (inverse-CDF of uniform random numbers)."""
        if self.distribution == "fixed":
            return np.full(n, self.mode)
        return self.ppf(rng.random(n))

    @property
    def median(self) -> float:
        return float(self.ppf(0.5))

    def describe(self) -> str:
        """A short human-readable form, e.g. ``uniform(0.79, 1.31) fraction``."""
        if self.distribution == "fixed":
            return f"fixed {_fmt(self.mode)} {self.unit}"
        if self.distribution in ("triangular", "pert"):
            args = f"{_fmt(self.low)}, {_fmt(self.mode)}, {_fmt(self.high)}"
        else:
            args = f"{_fmt(self.low)}, {_fmt(self.high)}"
        extra = " (5th-95th pct)" if self.distribution == "lognormal" else ""
        return f"{self.distribution}({args}){extra} {self.unit}"

    @property
    def varies(self) -> bool:
        return self.distribution != "fixed" and self.high > self.low


def _fmt(x: float) -> str:
    return f"{x:g}"


def _num(value: object, *, file: str, row: int | None, field: str, name: str) -> float:
    if value is None or (isinstance(value, float) and math.isnan(value)) or value == "":
        return math.nan
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise DataError(
            file,
            f"assumption '{name}': {field} must be a number",
            row=row,
            field=field,
            value=value,
        ) from None
    if not math.isfinite(number) or abs(number) > MAX_MAGNITUDE:
        raise DataError(
            file,
            f"assumption '{name}': {field} must be a finite number no larger than "
            f"{MAX_MAGNITUDE:g} in size",
            row=row,
            field=field,
            value=value,
            code=codes.NotFinite,
        )
    return number


def make_assumption(
    record: Mapping[str, object], *, file: str = "assumptions", row: int | None = None
) -> Assumption:
    """Build and validate one assumption from a mapping with the resource's columns.

    Raises ``DataError`` naming file, row, field and reason for an impossible
    distribution (unknown kind, low above high, mode outside the range,
    non-positive bounds for a lognormal, a length of stay or occupancy <= 0).
    """
    name = str(record.get("name", "") or "").strip()
    if not name:
        raise DataError(file, "assumption without a name", row=row, field="name")
    dist = str(record.get("distribution", "") or "").strip().lower()
    if dist not in DISTRIBUTIONS:
        raise DataError(
            file,
            f"assumption '{name}': unknown distribution; use one of {', '.join(DISTRIBUTIONS)}",
            row=row,
            field="distribution",
            value=dist,
        )
    low = _num(record.get("low"), file=file, row=row, field="low", name=name)
    mode = _num(record.get("mode"), file=file, row=row, field="mode", name=name)
    high = _num(record.get("high"), file=file, row=row, field="high", name=name)
    if dist == "fixed":
        if math.isnan(mode):
            mode = low if not math.isnan(low) else high
        if math.isnan(mode):
            raise DataError(
                file, f"assumption '{name}': a fixed value needs mode", row=row, field="mode"
            )
        low = mode if math.isnan(low) else low
        high = mode if math.isnan(high) else high
    else:
        for fname, val in (("low", low), ("high", high)):
            if math.isnan(val):
                raise DataError(
                    file, f"assumption '{name}': {dist} needs {fname}", row=row, field=fname
                )
        if low > high:
            raise DataError(
                file,
                f"assumption '{name}': low ({_fmt(low)}) is above high ({_fmt(high)})",
                row=row,
                field="low",
                value=low,
            )
        if dist in ("triangular", "pert"):
            if math.isnan(mode):
                raise DataError(
                    file, f"assumption '{name}': {dist} needs mode", row=row, field="mode"
                )
            if not low <= mode <= high:
                raise DataError(
                    file,
                    f"assumption '{name}': mode ({_fmt(mode)}) is outside low..high",
                    row=row,
                    field="mode",
                    value=mode,
                )
        elif math.isnan(mode):
            mode = (
                float(np.exp((np.log(low) + np.log(high)) / 2))
                if dist == "lognormal" and low > 0
                else (low + high) / 2
            )
        if dist == "lognormal" and low <= 0:
            raise DataError(
                file,
                f"assumption '{name}': lognormal needs low > 0 "
                "(low and high are its 5th/95th percentiles)",
                row=row,
                field="low",
                value=low,
            )
    unit = str(record.get("unit", "") or "").strip()
    if name in REQUIRED:
        want_unit, floor, floor_ok, ceiling = REQUIRED[name]
        lo_bad = low < floor or (low == floor and not floor_ok)
        if lo_bad:
            what = "must be above" if not floor_ok else "must be at least"
            raise DataError(
                file,
                f"assumption '{name}': every value {what} {_fmt(floor)} {want_unit}",
                row=row,
                field="low",
                value=low,
            )
        if high > ceiling:
            raise DataError(
                file,
                f"assumption '{name}': values above {_fmt(ceiling)} {want_unit} are impossible",
                row=row,
                field="high",
                value=high,
            )
        if unit and unit != want_unit:
            raise DataError(
                file,
                f"assumption '{name}': unit must be '{want_unit}'",
                row=row,
                field="unit",
                value=unit,
            )
        unit = want_unit
    raw_ids = record.get("source_ids", record.get("source_urls", "")) or ""
    if isinstance(raw_ids, float):
        raw_ids = ""
    ids = tuple(s.strip() for s in str(raw_ids).split(";") if s.strip())
    just = record.get("justification", "") or ""
    applies = record.get("applies_to", "") or ""
    made = Assumption(
        name=name,
        distribution=dist,
        low=float(low),
        mode=float(mode),
        high=float(high),
        unit=unit,
        applies_to="" if isinstance(applies, float) else str(applies),
        justification="" if isinstance(just, float) else str(just),
        source_ids=ids,
        row=row,
        origin=file,
    )
    _check_draws(made, file=file, row=row)
    return made


def _check_draws(a: Assumption, *, file: str, row: int | None) -> None:
    """Refuse a distribution whose draws are not finite numbers (e.g. a lognormal whose
    5th/95th percentiles are 1e-300 and 1e300: its tails overflow to inf and nan)."""
    with np.errstate(all="ignore"):
        values = a.ppf(np.array([0.0, 0.5, 1.0]))
    if not np.all(np.isfinite(values)) or np.max(np.abs(values)) > MAX_MAGNITUDE:
        raise DataError(
            file,
            f"assumption '{a.name}': {a.describe()} gives draws that are not finite numbers "
            f"no larger than {MAX_MAGNITUDE:g} (from {values[0]:g} to {values[-1]:g}); "
            "narrow low..high",
            row=row,
            field="high",
            value=a.high,
            code=codes.NotFinite,
        )


def assumptions_from_frame(
    frame: pd.DataFrame, *, file: str = "assumptions"
) -> dict[str, Assumption]:
    """Validate the ``assumptions`` resource into ``name -> Assumption``.

    Row numbers in errors are 1-based file lines (header = 1). Duplicated
    names are refused.
    """
    out: dict[str, Assumption] = {}
    for i, rec in enumerate(frame.to_dict("records")):
        a = make_assumption(rec, file=file, row=i + 2)
        if a.name in out:
            raise DataError(
                file, f"assumption '{a.name}' is defined twice", row=i + 2, field="name"
            )
        out[a.name] = a
    return out


def check_complete(assumptions: Mapping[str, Assumption], *, file: str = "assumptions") -> None:
    """Every assumption the model needs must be present."""
    missing = [n for n in REQUIRED if n not in assumptions]
    if missing:
        raise DataError(
            file, "missing assumptions the model needs: " + ", ".join(missing), field="name"
        )


def apply_overrides(
    base: Mapping[str, Assumption],
    overrides: Mapping[str, Mapping[str, object]] | None,
    *,
    file: str = "overrides",
) -> dict[str, Assumption]:
    """Replace fields of named assumptions; an unknown name is refused (almost always a typo)."""
    out = dict(base)
    if not overrides:
        return out
    for i, (name, fields) in enumerate(overrides.items()):
        if name not in base:
            known = ", ".join(sorted(base))
            raise ConfigError(f"{file}: unknown assumption '{name}' (known: {known})")
        if not isinstance(fields, Mapping):
            raise ConfigError(
                f"{file}: assumption '{name}' must map to fields such as distribution, low, high"
            )
        bad = set(fields) - {
            "distribution",
            "low",
            "mode",
            "high",
            "unit",
            "justification",
            "source_ids",
            "source_urls",
        }
        if bad:
            raise ConfigError(
                f"{file}: assumption '{name}': unknown field(s) {', '.join(sorted(bad))}"
            )
        cur = base[name]
        rec: dict[str, object] = {
            "name": name,
            "distribution": cur.distribution,
            "low": cur.low,
            "mode": cur.mode,
            "high": cur.high,
            "unit": cur.unit,
            "applies_to": cur.applies_to,
            "justification": cur.justification,
            "source_ids": ";".join(cur.source_ids),
        }
        if "distribution" in fields and fields["distribution"] != cur.distribution:
            # a new distribution: do not inherit bounds the user did not restate
            rec.update({"low": None, "mode": None, "high": None})
        rec.update({k: v for k, v in fields.items()})
        if "justification" not in fields:
            rec["justification"] = f"overridden by {file}; was: {cur.describe()}"
        out[name] = replace(make_assumption(rec, file=file, row=i + 2), origin=file)
    return out


def read_overrides(path: str | Path) -> dict[str, dict[str, object]]:
    """Read an override file (I/O edge, used by the CLI and API).

    YAML: ``{name: {distribution: uniform, low: 0.8, high: 1.2}, ...}``.
    CSV: columns ``name`` and any of ``distribution,low,mode,high,unit,justification``.
    """
    p = Path(path)
    if not p.is_file():
        raise ConfigError(f"{p}: override file not found")
    if p.suffix.lower() in (".yaml", ".yml"):
        import yaml

        from transplant_audit.limits import YAML_BYTES
        from transplant_audit.safe_yaml import load_bounded

        try:
            with p.open("rb") as fh:  # read one byte past the limit, never the whole file
                raw = fh.read(YAML_BYTES.value() + 1)
            data = load_bounded(raw, str(p)) or {}
        except yaml.YAMLError as exc:
            raise ConfigError(f"{p}: not valid YAML ({exc})") from None
        if (
            isinstance(data, dict)
            and "assumptions" in data
            and isinstance(data["assumptions"], dict)
        ):
            data = data["assumptions"]
        if not isinstance(data, dict):
            raise ConfigError(f"{p}: expected a mapping of assumption name -> fields")
        return {str(k): dict(v) if isinstance(v, dict) else v for k, v in data.items()}
    if p.suffix.lower() == ".csv":
        frame = pd.read_csv(p, dtype=str, keep_default_na=False)
        if "name" not in frame.columns:
            raise DataError(str(p), "override CSV needs a 'name' column", row=1, field="name")
        out: dict[str, dict[str, object]] = {}
        for i, rec in enumerate(frame.to_dict("records")):
            name = rec.pop("name").strip()
            if not name:
                raise DataError(str(p), "empty assumption name", row=i + 2, field="name")
            out[name] = {k: v for k, v in rec.items() if v != ""}
        return out
    raise ConfigError(f"{p}: override file must be .yaml, .yml or .csv")
