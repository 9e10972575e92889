"""How one hospital-year was derived: methods, input observations with sources, assumptions."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from transplant_audit.errors import ConfigError
from transplant_audit.estimate import engine
from transplant_audit.jsonvalue import plain

if TYPE_CHECKING:
    from transplant_audit.estimate.result import EstimateResult

METHOD_ASSUMPTIONS = {
    "bed_capacity": [
        "occupancy_rate",
        "length_of_stay_days_kidney",
        "length_of_stay_days_liver",
        "length_of_stay_days_heart_lung",
        "length_of_stay_days_mixed",
        "transplant_share_of_department_beds",
        "undated_figure_year",
    ],
    "minimum_requirement": [
        "licence_minimum_transplant_beds",
        "occupancy_rate",
        "length_of_stay_days_mixed",
        "licensing_year",
    ],
    "personnel": ["transplants_per_surgeon_per_year", "undated_figure_year"],
    "revenue": ["price_per_transplant_cny"],
    "reported": [],
    "combined": ["capacity_utilisation"],
}
OWN_FIGURES = (
    ("own_occupancy_fig", "occupancy (own)", ("bed_capacity", "minimum_requirement")),
    ("own_price_fig", "price (own)", ("revenue",)),
)
"""A hospital's own rate (its figure index in ``Table``), how it is shown, and the methods
that read it (engine: occupancy enters beds and the minimum requirement, the price only
revenue). It is an input of a hospital-year only where one of them has a value. An own
length of stay is per organ group and enters only the beds of that group."""
QUALIFIER_ASSUMPTIONS = {
    "approx": "approx_relative_half_width",
    "at_least": "at_least_max_uplift",
    "at_most": "at_most_max_shortfall",
}


def _stats(arr: np.ndarray) -> dict[str, float] | None:
    v = arr[~np.isnan(arr)]
    if not len(v):
        return None
    return {
        "median": float(np.median(v)),
        "p05": float(np.quantile(v, 0.05)),
        "p95": float(np.quantile(v, 0.95)),
        "share_of_draws": float(len(v) / len(arr)),
    }


def explain(result: EstimateResult, hospital_id: str, year: int) -> dict[str, Any]:
    """The derivation of one hospital-year as a plain dict (``transplant-audit explain``).

    Keys: hospital_id, year, hospital (licensed, military), values (per method and
    scenario: median, 5th and 95th percentile, share of draws in which it applied),
    observations (id, indicator, organ, value, qualifier, dated_by, source publisher,
    url, locator, used_by), assumptions (name, distribution, justification, sources).
    """
    t = result.prepared.table
    h, yi = _locate(t, hospital_id, year)
    values = _method_values(result, yi * t.n_hosp + h)
    src = (
        result.evidence_sources.set_index(result.evidence_sources["id"].astype(str))
        if len(result.evidence_sources)
        else None
    )
    observations, quals = _observation_rows(result, _figures_used(t, h, yi, values), src)
    names = _assumption_names(values, quals, _not_drawn(t, h, yi))
    assumptions = _assumption_rows(result, names, src)
    return {
        "left_out": _left_out(t.left_out, hospital_id, src),
        "year": int(year),
        "hospital": {
            "licensed": str(t.licence[h]) if len(t.licence) else "unknown",
            "military": bool(t.military[h]),
            "first_transplant_year": plain(t.first_year[h]),
        },
        "hospital_id": hospital_id,
        "values": values,
        "observations": observations,
        "assumptions": assumptions,
        "rules": engine.__doc__.split("Rules (also in docs/estimate.md):")[1].strip()
        if engine.__doc__
        else "",
    }


def _locate(t: engine.Table, hospital_id: str, year: int) -> tuple[int, int]:
    """(hospital index, year index) in the table; a ConfigError when either is not there."""
    if hospital_id not in t.hospital_ids:
        raise ConfigError(f"hospital '{hospital_id}' is not in the evidence")
    years = [int(y) for y in t.years]
    if int(year) not in years:
        raise ConfigError(f"year {year} is outside the estimated years {years[0]}-{years[-1]}")
    return t.hospital_ids.index(hospital_id), years.index(int(year))


def _method_values(result: EstimateResult, hy: int) -> dict[str, Any]:
    """Per method and scenario with a value in this hospital-year, its draw statistics."""
    values: dict[str, Any] = {}
    for key in (
        "documented",
        "bed_capacity",
        "minimum_requirement",
        "personnel",
        "revenue",
        "capacity",
        "combined",
    ):
        arr = result.hy_draws.get(key)
        if arr is not None:
            s = _stats(arr[hy])
            if s:
                values["reported" if key == "documented" else key] = s
    return values


def _figures_used(t: engine.Table, h: int, yi: int, values: dict[str, Any]) -> dict[int, set[str]]:
    """Figure index -> the methods that used it in this hospital-year."""
    fig_used: dict[int, set[str]] = {}
    bed_groups: set[int] = set()
    for method, rows in (
        ("bed_capacity", t.beds),
        ("bed_capacity (department beds)", t.dept_beds),
        ("personnel", t.surgeons),
        ("reported", t.reported),
        ("revenue", t.revenue),
    ):
        sel = (rows.h == h) & (rows.y == yi)
        for f in rows.fig[sel]:
            fig_used.setdefault(int(f), set()).add(method)
        if method.startswith("bed_capacity"):
            bed_groups.update(int(g) for g in rows.group[sel])
    for g in sorted(bed_groups):
        if t.own_los_fig[h, g] >= 0 and "bed_capacity" in values:
            fig_used.setdefault(int(t.own_los_fig[h, g]), set()).add("length of stay (own)")
    for arr, method, users in OWN_FIGURES:
        if getattr(t, arr)[h] >= 0 and any(m in values for m in users):
            fig_used.setdefault(int(getattr(t, arr)[h]), set()).add(method)
    return fig_used


def _observation_rows(
    result: EstimateResult, fig_used: dict[int, set[str]], src: pd.DataFrame | None
) -> tuple[list[dict[str, Any]], set[str]]:
    """Each observation behind the figures used, with its source; and the qualifiers the
    figures enter the model with."""
    t = result.prepared.table
    obs = result.observations.set_index(result.observations["id"].astype(str))
    observations = []
    quals: set[str] = set()
    for f, used in sorted(fig_used.items()):
        fig = t.figures.iloc[f]
        for oid in fig["obs_ids"]:
            if oid not in obs.index:
                continue
            o = obs.loc[oid]
            if hasattr(o, "iloc") and getattr(o, "ndim", 1) > 1:
                o = o.iloc[0]
            observations.append(_observation_row(oid, o, fig["dated_by"], src, used))
        # the figure's qualifier is the one the engine draws (engine._common_qual: a floor
        # and a ceiling together enter as 'approx'), not each observation's
        quals.add(str(fig["qualifier"] or "exact"))
    return observations, quals


def _observation_row(
    oid: str, o: pd.Series, dated_by: str, src: pd.DataFrame | None, used: set[str]
) -> dict[str, Any]:
    sid = str(o.get("source_id", ""))
    s = _source(src, sid)
    return {
        "observation_id": oid,
        "indicator": o.get("indicator"),
        "organ": plain(o.get("organ")),
        "value": plain(o.get("value")),
        "qualifier": str(plain(o.get("qualifier")) or "exact"),
        "unit": plain(o.get("unit")),
        "period": " ".join(
            str(plain(o.get(c)) or "") for c in ("period_start", "period_end", "as_of")
        ).strip(),
        "dated_by": dated_by,
        "source_id": sid,
        "publisher": plain(s.get("publisher")) if s is not None else None,
        "url": plain(s.get("url")) if s is not None else None,
        "locator": plain(o.get("locator")),
        "used_by": sorted(used),
    }


def _not_drawn(t: engine.Table, h: int, yi: int) -> dict[str, set[str]]:
    """Per method, the assumptions of ``METHOD_ASSUMPTIONS`` this hospital-year does not
    draw (which it draws is the engine's to say: ``engine.assumptions_drawn``)."""
    drawn = engine.assumptions_drawn(t, h, yi)
    return {m: set(METHOD_ASSUMPTIONS[m]) - names for m, names in drawn.items()}


def _assumption_names(
    values: dict[str, Any], quals: set[str], not_drawn: dict[str, set[str]] | None = None
) -> list[str]:
    """The assumptions behind the methods with a value (less those ``not_drawn`` names for
    the method) and the qualifiers of the inputs."""
    names: list[str] = []
    for m in values:
        skip = (not_drawn or {}).get(m, set())
        names += [n for n in METHOD_ASSUMPTIONS.get(m, []) if n not in skip]
    if "capacity" in values or "combined" in values:
        names += METHOD_ASSUMPTIONS["combined"]
    names += [QUALIFIER_ASSUMPTIONS[q] for q in sorted(quals) if q in QUALIFIER_ASSUMPTIONS]
    return list(dict.fromkeys(names))


def _assumption_rows(
    result: EstimateResult, names: list[str], src: pd.DataFrame | None
) -> list[dict[str, Any]]:
    """Each assumption with its distribution, justification and sources."""
    assumptions = []
    for n in names:
        a = result.assumptions.get(n)
        if a is None:
            continue
        srcs = []
        for sid in a.source_ids:
            s = _source(src, sid)
            srcs.append(
                {
                    "source_id": sid,
                    "publisher": plain(s.get("publisher")) if s is not None else None,
                    "url": plain(s.get("url")) if s is not None else sid,
                }
            )
        assumptions.append(
            {
                "name": n,
                "distribution": a.describe(),
                "justification": a.justification,
                "sources": srcs,
                "origin": a.origin,
            }
        )
    return assumptions


def _source(src: pd.DataFrame | None, sid: str) -> pd.Series | None:
    """The row of source ``sid`` in ``src`` (indexed by id), None when it is not there."""
    return src.loc[sid] if src is not None and sid in src.index else None


def _left_out(
    rows: list[dict[str, Any]], hospital_id: str, src: pd.DataFrame | None
) -> list[dict[str, Any]]:
    """The hospital's figures that the estimate left out, with the reason and the source."""
    out = []
    for d in rows:
        if d["hospital_id"] != hospital_id:
            continue
        sid = str(d.get("source_id", ""))
        s = _source(src, sid)
        out.append(
            {
                **d,
                "value": plain(d["value"]),
                "publisher": plain(s.get("publisher")) if s is not None else None,
                "url": plain(s.get("url")) if s is not None else None,
            }
        )
    return out
