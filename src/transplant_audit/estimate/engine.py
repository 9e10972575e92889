"""The Monte Carlo engine: build the hospital-year table once, then simulate chunks of draws.

``build_table`` turns the evidence (pandas frames) into flat numpy arrays: one
row per (hospital, organ group, year) for every figure that can enter a method,
with the figure's value, its distance in years from the year it was observed,
its qualifier and the ids of the observations behind it. ``simulate`` then takes
per-draw assumption values (arrays of length D) and returns national totals and
per-hospital values for those D draws, with no Python loop over draws or
hospitals. Monte Carlo (random draws) and Sobol (quasi-random points) both call
``simulate``.

Rules (also in docs/estimate.md):

* A capacity figure (beds, surgeons) observed in year t counts for year y when
  |y - t| <= ``carry_window_years`` and y is not before the centre's first
  transplant year; the nearest figure in time wins, ties are averaged. An
  undated figure is placed at ``undated_figure_year``.
* capacity(h, y) = bed capacity (transplant beds, else department beds x
  ``transplant_share_of_department_beds``) where beds are known; otherwise the
  largest of minimum requirement (licensed hospitals from their licence year),
  personnel and revenue.
* reported(h, y) = the hospital's own counts in year y (period counts and
  differences of dated running totals, spread evenly); per organ the largest
  figure; a figure that does not name a single organ competes (max) with the
  sum over organs.
* combined(h, y) = max(reported, ``capacity_utilisation`` x capacity).
* Centres without a value (listed or not) are imputed per stratum and year:
  before ``licensing_year`` all centres form one stratum of
  ``centres_total`` x growth ramp; from it, licensed (``centres_licensed``) and
  unlicensed ((total - licensed) x ``unlicensed_active_share_after_2007``).
  Each missing centre is imputed at the minimum-requirement capacity (times
  utilisation for combined). The documented scenario is never imputed.
"""

# ruff: noqa: N803, N806  (array dimensions use their usual capital letters: H, Y, D, HY)
from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from transplant_audit.errors import ConfigError
from transplant_audit.estimate import methods
from transplant_audit.estimate.assumptions import Assumption
from transplant_audit.evidence.frames import Evidence

SCENARIOS = ("documented", "capacity", "combined")
ORGAN_GROUPS = ("kidney", "liver", "heart_lung", "unspecified")
"""Organ groups for beds and length of stay. ``unspecified``: beds or counts not split by organ."""
ORGAN_KEYS = ("kidney", "liver", "heart", "lung", "pancreas", "intestine", "cornea", "unspecified")
"""Organs for reported counts (by_organ)."""
QUAL_CODES = {"exact": 0, "": 0, "approx": 1, "at_least": 2, "at_most": 3}
STRATA = ("pre_licensing", "licensed", "unlicensed")
START_YEAR = 2000
LOS_NAME = {
    "kidney": "length_of_stay_days_kidney",
    "liver": "length_of_stay_days_liver",
    "heart_lung": "length_of_stay_days_heart_lung",
    "unspecified": "length_of_stay_days_mixed",
}


# --------------------------------------------------------------------------------------
# dates
_DATE_RE = re.compile(r"(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?")


def _parse_date(text: object, where: str = "mid") -> float:
    """Partial date ("2016", "2016-05", "2016-05-16") -> fractional year; NaN if absent.

    ``where``: "start", "mid" or "end" of the stated partial date.
    """
    if text is None or (isinstance(text, float) and math.isnan(text)):
        return math.nan
    s = str(text).strip()
    m = _DATE_RE.search(s)
    if not m or not s:
        return math.nan
    y = int(m.group(1))
    if m.group(3):
        mo, d = int(m.group(2)), int(m.group(3))
        return y + (mo - 1) / 12 + (d - 0.5) / 365.25
    if m.group(2):
        mo = int(m.group(2))
        span = (mo - 1) / 12, mo / 12
    else:
        span = 0.0, 1.0
    frac = {"start": span[0], "end": span[1], "mid": (span[0] + span[1]) / 2}[where]
    return y + frac


def _organ_group(organ: object) -> str:
    s = (
        ""
        if organ is None or (isinstance(organ, float) and math.isnan(organ))
        else str(organ).strip().lower()
    )
    if not s or ";" in s or s in ("all", "multi"):
        return "unspecified"
    for key in ("kidney", "liver"):
        if s.startswith(key):
            return key
    if s.startswith("heart") or s.startswith("lung"):
        return "heart_lung"
    return "unspecified"


def _organ_key(organ: object) -> str:
    s = (
        ""
        if organ is None or (isinstance(organ, float) and math.isnan(organ))
        else str(organ).strip().lower()
    )
    if (
        not s
        or ";" in s
        or s in ("all", "multi")
        or s in ("heart_lung", "liver_kidney", "pancreas_kidney")
    ):
        return "unspecified"
    for key in ORGAN_KEYS[:-1]:
        if s.startswith(key):
            return key
    return "unspecified"


def _truthy(v: object) -> bool:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return False
    if isinstance(v, (bool, np.bool_)):
        return bool(v)
    return str(v).strip().lower() in ("true", "yes", "1", "1.0", "y", "t")


# --------------------------------------------------------------------------------------
@dataclass
class Rows:
    """Figure rows expanded to years: one row per (hospital, group, year)."""

    h: np.ndarray  # hospital index
    y: np.ndarray  # year index
    group: np.ndarray  # organ group / organ key index
    value: np.ndarray  # stated value (mean of tied figures) or amount in the year
    dist: np.ndarray  # years between row year and figure year (NaN: undated)
    fig: np.ndarray  # index into Table.figures (for noise and provenance)
    extra: dict[str, np.ndarray] = field(default_factory=dict)

    @classmethod
    def empty(cls) -> Rows:
        z = np.zeros(0, dtype=np.int64)
        return cls(z, z, z, np.zeros(0), np.zeros(0), z)

    def __len__(self) -> int:
        return len(self.h)

    def sorted_by(self, *keys: np.ndarray) -> Rows:
        order = np.lexsort(tuple(reversed(keys))) if len(self) else np.zeros(0, dtype=np.int64)
        return Rows(
            self.h[order],
            self.y[order],
            self.group[order],
            self.value[order],
            self.dist[order],
            self.fig[order],
            {k: v[order] for k, v in self.extra.items()},
        )


@dataclass
class Table:
    """Draw-independent arrays built once from the evidence."""

    years: np.ndarray
    hospital_ids: list[str]
    licensed: np.ndarray
    military: np.ndarray
    licence_year: np.ndarray  # NaN: unknown
    first_year: np.ndarray  # NaN: unknown
    figures: (
        pd.DataFrame
    )  # one row per figure: obs_ids, qual, indicator, hospital, year, value, note
    fig_qual: np.ndarray
    beds: Rows  # transplant beds, group = ORGAN_GROUPS index
    dept_beds: Rows
    surgeons: Rows
    reported: Rows  # group = ORGAN_KEYS index; value = amount in year
    revenue: Rows  # value = revenue in year (CNY)
    own_occupancy: np.ndarray  # (H,) NaN when none
    own_occupancy_fig: np.ndarray  # figure index or -1
    own_los: np.ndarray  # (H, 4) NaN when none
    own_los_fig: np.ndarray
    own_price: np.ndarray  # (H,) NaN when none
    own_price_fig: np.ndarray
    notes: list[str] = field(default_factory=list)

    @property
    def n_hosp(self) -> int:
        return len(self.hospital_ids)

    @property
    def n_years(self) -> int:
        return len(self.years)


def _figure_year(row: Mapping[str, object], published: Mapping[str, float]) -> tuple[float, str]:
    for col, where in (("as_of", "mid"), ("period_end", "mid"), ("period_start", "mid")):
        v = _parse_date(row.get(col), where)
        if not math.isnan(v):
            return v, col
    pub = published.get(str(row.get("source_id", "")), math.nan)
    if not math.isnan(pub):
        return pub, "source_published"
    return math.nan, "undated"


def build_table(evidence: Evidence, years: np.ndarray) -> Table:
    """Turn the evidence into the arrays ``simulate`` needs (pandas here, once)."""
    hosp = evidence.hospitals.copy()
    obs = evidence.observations.copy()
    src = evidence.sources
    published: dict[str, float] = {}
    if len(src):
        for sid, pub in zip(
            src["id"].astype(str), src.get("published", pd.Series(dtype=object)), strict=False
        ):
            published[sid] = _parse_date(pub, "mid")
    ids = [str(x) for x in hosp["id"].tolist()]
    hindex = {h: i for i, h in enumerate(ids)}
    H = len(ids)
    licensed = (
        np.array([_truthy(v) for v in hosp["licensed"]], dtype=bool) if H else np.zeros(0, bool)
    )
    military = (
        np.array([_truthy(v) for v in hosp["military"]], dtype=bool) if H else np.zeros(0, bool)
    )
    lic_year = (
        pd.to_numeric(hosp.get("licence_year"), errors="coerce").to_numpy(float)
        if H
        else np.zeros(0)
    )
    notes: list[str] = []

    obs = obs[obs["hospital_id"].astype(str).isin(hindex)].copy()
    obs["value"] = pd.to_numeric(obs["value"], errors="coerce")
    obs = obs[obs["value"].notna()]
    obs["h"] = obs["hospital_id"].astype(str).map(hindex)
    obs["qualifier"] = obs["qualifier"].fillna("").astype(str).str.strip().str.lower()

    first_year = np.full(H, np.nan)
    fy = obs[obs["indicator"] == "first_transplant_year"]
    first_by_group: dict[tuple[int, str], float] = {}
    for rec in fy.to_dict("records"):
        h, v = int(rec["h"]), float(rec["value"])
        first_year[h] = v if math.isnan(first_year[h]) else min(first_year[h], v)
        g = _organ_group(rec.get("organ"))
        key = (h, g)
        first_by_group[key] = min(first_by_group.get(key, v), v)

    fig_records: list[dict[str, object]] = []

    def add_figure(
        obs_ids: list[str], qual: str, indicator: str, h: int, year: float, value: float, how: str
    ) -> int:
        fig_records.append(
            {
                "obs_ids": tuple(obs_ids),
                "qualifier": qual,
                "indicator": indicator,
                "h": h,
                "year": year,
                "value": value,
                "dated_by": how,
            }
        )
        return len(fig_records) - 1

    Y = len(years)
    year_arr = years.astype(float)

    def carried_rows(
        indicator: str, group_fn: Callable[[object], str], groups: tuple[str, ...]
    ) -> Rows:
        sub = obs[obs["indicator"] == indicator]
        hs, ys, gs, vals, dists, figs = [], [], [], [], [], []
        if not len(sub):
            return Rows.empty()
        sub = sub.assign(g=[groups.index(group_fn(o)) for o in sub["organ"]])
        for (h, g), grp in sub.groupby(["h", "g"], sort=True):
            h, g = int(h), int(g)
            dated: list[tuple[float, dict]] = []
            undated: list[dict] = []
            for rec in grp.to_dict("records"):
                t, how = _figure_year(rec, published)
                rec["_how"] = how
                (undated.append(rec) if math.isnan(t) else dated.append((t, rec)))
            start = (
                first_by_group.get((h, groups[g]), first_year[h])
                if groups is ORGAN_GROUPS
                else first_year[h]
            )
            active = np.ones(Y, bool) if math.isnan(start) else (year_arr >= math.floor(start))
            if dated:
                tyear = np.array([math.floor(t) for t, _ in dated], float)
                uniq = np.unique(tyear)
                fig_of_year = {}
                for ty in uniq:
                    recs = [r for (t, r), yy in zip(dated, tyear, strict=True) if yy == ty]
                    vals_ = [float(r["value"]) for r in recs]
                    qual = _common_qual(recs)
                    fig_of_year[ty] = (
                        add_figure(
                            [str(r["id"]) for r in recs],
                            qual,
                            indicator,
                            h,
                            ty,
                            float(np.mean(vals_)),
                            recs[0]["_how"],
                        ),
                        float(np.mean(vals_)),
                    )
                for yi in np.nonzero(active)[0]:
                    d = np.abs(uniq - year_arr[yi])
                    best = uniq[d == d.min()]
                    if len(best) == 1:
                        fi, v = fig_of_year[best[0]]
                    else:  # equally near before and after: average, provenance of both
                        f0, v0 = fig_of_year[best[0]]
                        f1, v1 = fig_of_year[best[1]]
                        v = (v0 + v1) / 2
                        fi = add_figure(
                            list(fig_records[f0]["obs_ids"]) + list(fig_records[f1]["obs_ids"]),
                            _common_qual(
                                [
                                    {"qualifier": fig_records[f0]["qualifier"]},
                                    {"qualifier": fig_records[f1]["qualifier"]},
                                ]
                            ),
                            indicator,
                            h,
                            float(year_arr[yi]),
                            v,
                            "average of two equally near figures",
                        )
                    hs.append(h), ys.append(yi), gs.append(g), vals.append(v)
                    dists.append(float(d.min())), figs.append(fi)
            elif undated:
                v = float(np.mean([float(r["value"]) for r in undated]))
                fi = add_figure(
                    [str(r["id"]) for r in undated],
                    _common_qual(undated),
                    indicator,
                    h,
                    math.nan,
                    v,
                    "undated",
                )
                for yi in np.nonzero(active)[0]:
                    hs.append(h), ys.append(yi), gs.append(g), vals.append(v)
                    dists.append(math.nan), figs.append(fi)
        return Rows(
            np.array(hs, np.int64),
            np.array(ys, np.int64),
            np.array(gs, np.int64),
            np.array(vals, float),
            np.array(dists, float),
            np.array(figs, np.int64),
        )

    beds = carried_rows("transplant_beds", _organ_group, ORGAN_GROUPS)
    dept = carried_rows("department_beds", _organ_group, ORGAN_GROUPS)
    surgeons = carried_rows("transplant_surgeons", lambda o: "unspecified", ORGAN_GROUPS)

    # ---- period figures: reported counts, differences of running totals, revenue
    def period_rows(intervals: list[tuple[int, int, float, float, float, bool, int]]) -> Rows:
        hs, ys, gs, vals, figs = [], [], [], [], []
        for h, g, s, e, count, is_rate, fi in intervals:
            for yi, y in enumerate(year_arr):
                ov = min(e, y + 1) - max(s, y)
                if ov <= 0:
                    continue
                amount = count * ov if is_rate else float(methods.annualise(count, ov, e - s))
                hs.append(h), ys.append(yi), gs.append(g), vals.append(amount), figs.append(fi)
        n = len(hs)
        return Rows(
            np.array(hs, np.int64),
            np.array(ys, np.int64),
            np.array(gs, np.int64),
            np.array(vals, float),
            np.zeros(n),
            np.array(figs, np.int64),
        )

    def is_rate(rec: Mapping[str, object]) -> bool:
        u = str(rec.get("unit", "") or "").lower()
        return "/year" in u or "per year" in u or "/yr" in u

    rep_int: list[tuple[int, int, float, float, float, bool, int]] = []
    for rec in obs[obs["indicator"] == "transplants_in_period"].to_dict("records"):
        s = _parse_date(rec.get("period_start"), "start")
        e = _parse_date(rec.get("period_end"), "end")
        if math.isnan(e) and not math.isnan(s) and is_rate(rec):
            e = s + 1  # a stated yearly rate "as of" a date
        if math.isnan(e) and not math.isnan(s):
            e = _parse_date(rec.get("period_start"), "end")
        if math.isnan(s) and not math.isnan(e):
            if is_rate(rec):
                s = e - 1
            else:
                notes.append(f"observation {rec['id']}: period has no start; not used")
                continue
        if math.isnan(s) or e <= s:
            notes.append(f"observation {rec['id']}: no usable period; not used")
            continue
        fi = add_figure(
            [str(rec["id"])],
            rec["qualifier"],
            "transplants_in_period",
            int(rec["h"]),
            e,
            float(rec["value"]),
            "period",
        )
        rep_int.append(
            (
                int(rec["h"]),
                ORGAN_KEYS.index(_organ_key(rec.get("organ"))),
                s,
                e,
                float(rec["value"]),
                is_rate(rec),
                fi,
            )
        )
    cum = obs[obs["indicator"] == "transplants_cumulative"]
    for (h, okey), grp in cum.assign(k=[_organ_key(o) for o in cum["organ"]]).groupby(["h", "k"]):
        pts = []
        for rec in grp.to_dict("records"):
            t, how = _figure_year(rec, published)
            if math.isnan(t):
                notes.append(f"observation {rec['id']}: running total without a date; not used")
                continue
            pts.append((t, rec))
        pts.sort(key=lambda p: p[0])
        prev_t, prev_v, prev_id = math.nan, math.nan, ""
        for t, rec in pts:
            v = float(rec["value"])
            if math.isnan(prev_t):
                s = _parse_date(rec.get("period_start"), "start")
                if math.isnan(s):
                    g = _organ_group(okey if okey != "unspecified" else "")
                    s = first_by_group.get((int(h), g), first_year[int(h)])
                if not math.isnan(s) and t > s:
                    fi = add_figure(
                        [str(rec["id"])],
                        rec["qualifier"],
                        "transplants_cumulative",
                        int(h),
                        t,
                        v,
                        "running total since start",
                    )
                    rep_int.append((int(h), ORGAN_KEYS.index(okey), s, t, v, False, fi))
            elif t > prev_t and v > prev_v:
                fi = add_figure(
                    [prev_id, str(rec["id"])],
                    rec["qualifier"],
                    "transplants_cumulative",
                    int(h),
                    t,
                    v - prev_v,
                    "difference of running totals",
                )
                rep_int.append((int(h), ORGAN_KEYS.index(okey), prev_t, t, v - prev_v, False, fi))
            elif v <= prev_v:
                notes.append(
                    f"observations {prev_id} and {rec['id']}: running total does not rise "
                    f"({prev_v:g} then {v:g}); the later one starts a new sequence"
                )
            prev_t, prev_v, prev_id = t, v, str(rec["id"])
    reported = period_rows(rep_int)

    rev_int: list[tuple[int, int, float, float, float, bool, int]] = []
    for rec in obs[obs["indicator"] == "revenue_cny"].to_dict("records"):
        if (
            _organ_group(rec.get("organ")) == "unspecified"
            and str(rec.get("organ") or "").lower() not in ("all", "multi")
            and ";" not in str(rec.get("organ") or "")
        ):
            notes.append(
                f"observation {rec['id']}: revenue not stated as transplant revenue (no organ); not used"
            )
            continue
        s = _parse_date(rec.get("period_start"), "start")
        e = _parse_date(rec.get("period_end"), "end")
        if math.isnan(e) and not math.isnan(s):
            e = _parse_date(rec.get("period_start"), "end")
        if math.isnan(s) or math.isnan(e) or e <= s:
            notes.append(f"observation {rec['id']}: revenue without a period; not used")
            continue
        fi = add_figure(
            [str(rec["id"])],
            rec["qualifier"],
            "revenue_cny",
            int(rec["h"]),
            e,
            float(rec["value"]),
            "period",
        )
        rev_int.append((int(rec["h"]), 0, s, e, float(rec["value"]), False, fi))
    revenue = period_rows(rev_int)

    def own_value(indicator: str, require_organ: bool) -> tuple[np.ndarray, np.ndarray]:
        vals = np.full(H, np.nan)
        figs = np.full(H, -1, np.int64)
        sub = obs[obs["indicator"] == indicator]
        for h, grp in sub.groupby("h"):
            recs = grp.to_dict("records")
            if require_organ:
                recs = [r for r in recs if _organ_group(r.get("organ")) != "unspecified"]
            if not recs:
                continue
            v = float(np.mean([float(r["value"]) for r in recs]))
            vals[int(h)] = v
            figs[int(h)] = add_figure(
                [str(r["id"]) for r in recs],
                _common_qual(recs),
                indicator,
                int(h),
                math.nan,
                v,
                "hospital's own figure (all years)",
            )
        return vals, figs

    occ, occ_fig = own_value("bed_occupancy_rate", False)
    los_any, los_fig = own_value(
        "avg_length_of_stay_days", True
    )  # department-wide stays are not transplant stays
    own_los = np.repeat(los_any[:, None], len(ORGAN_GROUPS), axis=1)
    price, price_fig = own_value("price_cny", False)

    figures = pd.DataFrame(
        fig_records, columns=["obs_ids", "qualifier", "indicator", "h", "year", "value", "dated_by"]
    )
    fig_qual = np.array([QUAL_CODES.get(q, 0) for q in figures["qualifier"]], np.int64)
    return Table(
        years=years,
        hospital_ids=ids,
        licensed=licensed,
        military=military,
        licence_year=lic_year,
        first_year=first_year,
        figures=figures,
        fig_qual=fig_qual,
        beds=beds,
        dept_beds=dept,
        surgeons=surgeons,
        reported=reported,
        revenue=revenue,
        own_occupancy=occ,
        own_occupancy_fig=occ_fig,
        own_los=own_los,
        own_los_fig=los_fig,
        own_price=price,
        own_price_fig=price_fig,
        notes=notes,
    )


def _common_qual(recs: list[Mapping[str, object]]) -> str:
    quals = {str(r.get("qualifier") or "").strip().lower() for r in recs}
    quals.discard("")
    if len(quals) == 1:
        return quals.pop()
    if not quals or quals == {"exact"}:
        return "exact"
    return "approx"


# --------------------------------------------------------------------------------------
# grouped reductions over sorted rows (no Python loop over draws)
def _group_starts(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Start offsets of runs of equal ``keys`` (sorted) and the key of each run."""
    if len(keys) == 0:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    brk = np.nonzero(np.diff(keys))[0] + 1
    starts = np.concatenate(([0], brk))
    return starts, keys[starts]


def _nan_group_sum(vals: np.ndarray, starts: np.ndarray) -> np.ndarray:
    """Sum per group ignoring NaN; NaN where the whole group is NaN."""
    if len(starts) == 0:
        return np.zeros((0, vals.shape[1]))
    present = ~np.isnan(vals)
    s = np.add.reduceat(np.where(present, vals, 0.0), starts, axis=0)
    n = np.add.reduceat(present, starts, axis=0)
    s[n == 0] = np.nan
    return s


def _nan_group_max(vals: np.ndarray, starts: np.ndarray) -> np.ndarray:
    if len(starts) == 0:
        return np.zeros((0, vals.shape[1]))
    m = np.fmax.reduceat(vals, starts, axis=0)
    return m


@dataclass
class Prepared:
    """Row orders and group boundaries derived from a ``Table`` (draw-independent)."""

    table: Table
    beds: Rows
    dept: Rows
    surgeons: Rows
    reported: Rows
    revenue: Rows
    beds_g: tuple[np.ndarray, np.ndarray]  # (starts of (hy, organ-group specific), keys)
    rep_keys: np.ndarray
    rep_starts: np.ndarray


def prepare(table: Table) -> Prepared:
    H = table.n_hosp

    def hy(r: Rows) -> np.ndarray:
        return r.y * H + r.h

    beds = table.beds.sorted_by(hy(table.beds), table.beds.group)
    dept = table.dept_beds.sorted_by(hy(table.dept_beds), table.dept_beds.group)
    surg = table.surgeons.sorted_by(hy(table.surgeons))
    rep = table.reported.sorted_by(hy(table.reported), table.reported.group)
    rev = table.revenue.sorted_by(hy(table.revenue))
    rep_key = hy(rep) * len(ORGAN_KEYS) + rep.group
    rep_starts, rep_keys = _group_starts(rep_key)
    return Prepared(
        table, beds, dept, surg, rep, rev, (np.zeros(0), np.zeros(0)), rep_keys, rep_starts
    )


def _by_hy_organ(
    vals: np.ndarray,
    rows: Rows,
    H: int,
    n_groups: int,
    unspecified: int,
    HY: int,
    combine_max: bool,
) -> tuple[np.ndarray, np.ndarray]:
    """Reduce rows (sorted by hy, group) to per-(hy, group) then to per-hy.

    Returns (per_hy (HY, D) with NaN where nothing, per_group (G, D) with its keys
    encoded in rows). Per hy: max(sum over specific groups, unspecified group).
    """
    D = vals.shape[1]
    key = (rows.y * H + rows.h) * n_groups + rows.group
    starts, keys = _group_starts(key)
    per = _nan_group_max(vals, starts) if combine_max else _nan_group_sum(vals, starts)
    hyk = keys // n_groups
    grp = keys % n_groups
    out = np.full((HY, D), np.nan)
    spec = grp != unspecified
    if spec.any():
        s2, k2 = _group_starts(hyk[spec])
        out[k2] = _nan_group_sum(per[spec], s2)
    if (~spec).any():
        u_hy = hyk[~spec]
        out[u_hy] = np.fmax(out[u_hy], per[~spec])
    return out, per


@dataclass
class ChunkOut:
    national: dict[str, np.ndarray]  # scenario -> (Y, D)
    imputed: dict[str, np.ndarray]  # scenario -> (Y, D)
    strata: dict[str, np.ndarray]  # f"{scenario}:{group}" -> (Y, D)
    organ: dict[str, np.ndarray]  # f"{scenario}:{organ}" -> (Y, D)
    per_hy: dict[str, np.ndarray]  # scenario/method -> (HY, D)


def simulate(
    prep: Prepared,
    params: Mapping[str, np.ndarray],
    u_fig: np.ndarray | None,
    *,
    keep_per_hy: bool = False,
    light: bool = False,
) -> ChunkOut:
    """Evaluate the model for D draws.

    ``params``: assumption name -> values, shape (D,). ``u_fig``: uniform(0, 1)
    per figure and draw, shape (F, D), the measurement noise; ``None`` puts every
    figure at the middle of its range (used by the sensitivity analysis, which
    varies the assumptions only). ``light``: national totals only.
    """
    t = prep.table
    H, Y = t.n_hosp, t.n_years
    HY = H * Y
    D = len(next(iter(params.values())))
    p = {k: np.asarray(v, float) for k, v in params.items()}
    occ_d = p["occupancy_rate"]
    los_d = np.stack([p[LOS_NAME[g]] for g in ORGAN_GROUPS])  # (4, D)
    k_d = np.floor(p["carry_window_years"])
    y0_d = np.floor(p["undated_figure_year"])
    nan = np.nan

    def factor(fig: np.ndarray) -> np.ndarray:
        u = 0.5 if u_fig is None else u_fig[fig]
        return methods.measurement_factor(
            t.fig_qual[fig][:, None],
            u,
            p["approx_relative_half_width"],
            p["at_least_max_uplift"],
            p["at_most_max_shortfall"],
        )

    # occupancy per hospital: own figure (with its qualifier) or the assumption
    def occ_rows(h: np.ndarray) -> np.ndarray:
        own = t.own_occupancy[h]
        has = ~np.isnan(own)
        out = np.broadcast_to(occ_d, (len(h), D)).copy()
        if has.any():
            out[has] = own[has][:, None] * factor(t.own_occupancy_fig[h[has]])
        return out

    def los_rows(h: np.ndarray, g: np.ndarray) -> np.ndarray:
        own = t.own_los[h, g]
        has = ~np.isnan(own)
        out = los_d[g].copy()
        if has.any():
            out[has] = own[has][:, None] * factor(t.own_los_fig[h[has]])
        return out

    def window(rows: Rows) -> np.ndarray:
        yr = t.years[rows.y].astype(float)[:, None]
        dist = np.where(
            np.isnan(rows.dist)[:, None], np.abs(yr - y0_d[None, :]), rows.dist[:, None]
        )
        return dist <= k_d[None, :]

    # ---- bed capacity (transplant beds; department beds x share where no transplant beds)
    def beds_value(rows: Rows, share: np.ndarray | float) -> np.ndarray:
        if not len(rows):
            return np.full((HY, D), nan)
        v = methods.bed_capacity(
            rows.value[:, None] * factor(rows.fig) * share,
            occ_rows(rows.h),
            los_rows(rows.h, rows.group),
        )
        v = np.where(window(rows), v, nan)
        out, _ = _by_hy_organ(
            v, rows, H, len(ORGAN_GROUPS), ORGAN_GROUPS.index("unspecified"), HY, False
        )
        return out

    bed_cap = beds_value(prep.beds, 1.0)
    dept_cap = beds_value(prep.dept, p["transplant_share_of_department_beds"][None, :])
    bed_cap = np.where(np.isnan(bed_cap), dept_cap, bed_cap)

    # ---- minimum requirement: licensed hospitals from their licence year
    lic_default = p["licensing_year"][0]
    lic_year = np.where(np.isnan(t.licence_year), lic_default, t.licence_year)
    year_col = np.repeat(t.years.astype(float), H)
    h_col = np.tile(np.arange(H), Y)
    minreq_ok = t.licensed[h_col] & (year_col >= lic_year[h_col])
    occ_h = occ_rows(np.arange(H))  # (H, D)
    min_beds = p["licence_minimum_transplant_beds"]
    los_mixed = los_d[ORGAN_GROUPS.index("unspecified")]
    minreq_h = methods.minimum_requirement(min_beds[None, :], occ_h, los_mixed[None, :])  # (H, D)
    minreq = np.where(minreq_ok[:, None], minreq_h[h_col], nan)

    # ---- personnel
    pers = np.full((HY, D), nan)
    if len(prep.surgeons):
        r = prep.surgeons
        v = methods.personnel(
            r.value[:, None] * factor(r.fig), p["transplants_per_surgeon_per_year"][None, :]
        )
        v = np.where(window(r), v, nan)
        starts, keys = _group_starts(r.y * H + r.h)
        pers[keys] = _nan_group_sum(v, starts)

    # ---- revenue
    rev = np.full((HY, D), nan)
    if len(prep.revenue):
        r = prep.revenue
        own_p = t.own_price[r.h]
        price = np.where(
            np.isnan(own_p)[:, None], p["price_per_transplant_cny"][None, :], own_p[:, None]
        )
        v = methods.revenue(r.value[:, None] * factor(r.fig), price)
        starts, keys = _group_starts(r.y * H + r.h)
        rev[keys] = _nan_group_sum(v, starts)

    # beds where known; otherwise the largest of the other methods (the licence
    # minimum is a floor a lower staff or revenue figure cannot undercut)
    others = np.fmax(np.fmax(minreq, pers), rev)
    capacity = np.where(np.isnan(bed_cap), others, bed_cap)

    # ---- reported (documented)
    if len(prep.reported):
        r = prep.reported
        v = r.value[:, None] * factor(r.fig)
        reported, rep_per = _by_hy_organ(
            v, r, H, len(ORGAN_KEYS), ORGAN_KEYS.index("unspecified"), HY, True
        )
    else:
        reported = np.full((HY, D), nan)
        rep_per = np.zeros((0, D))

    util = p["capacity_utilisation"][None, :]
    comb = methods.combined(reported, capacity, util)

    # ---- imputation per stratum and year
    years_f = t.years.astype(float)
    ramp = _growth_ramp(years_f, p["centres_growth_2000_to_2004"])  # (Y, D)
    n_total = p["centres_total"][None, :] * ramp
    n_lic = np.broadcast_to(p["centres_licensed"][None, :], (Y, D))
    n_unl = (
        np.clip(p["centres_total"] - p["centres_licensed"], 0, None)[None, :]
        * p["unlicensed_active_share_after_2007"][None, :]
    )
    post = (years_f >= lic_default)[:, None]
    minward = methods.minimum_requirement(min_beds, occ_d, los_mixed)  # (D,)

    cap3 = capacity.reshape(Y, H, D)
    comb3 = comb.reshape(Y, H, D)
    rep3 = reported.reshape(Y, H, D)
    lic_h = t.licensed[None, :, None]

    def impute(
        vals3: np.ndarray, scale: np.ndarray | float
    ) -> tuple[np.ndarray, dict[str, np.ndarray]]:
        have = ~np.isnan(vals3)
        n_lic_obs = (have & lic_h).sum(axis=1)
        n_unl_obs = (have & ~lic_h).sum(axis=1)
        n_all_obs = have.sum(axis=1)
        miss_pre = np.clip(n_total - n_all_obs, 0, None)
        miss_lic = np.clip(n_lic - n_lic_obs, 0, None)
        miss_unl = np.clip(n_unl - n_unl_obs, 0, None)
        per = minward[None, :] * scale
        parts = {
            "pre_licensing": np.where(post, 0.0, miss_pre * per),
            "licensed": np.where(post, miss_lic * per, 0.0),
            "unlicensed": np.where(post, miss_unl * per, 0.0),
        }
        return parts["pre_licensing"] + parts["licensed"] + parts["unlicensed"], parts

    imp_cap, parts_cap = impute(cap3, 1.0)
    imp_comb, parts_comb = impute(comb3, util)

    nat = {
        "documented": np.nansum(rep3, axis=1),
        "capacity": np.nansum(cap3, axis=1) + imp_cap,
        "combined": np.nansum(comb3, axis=1) + imp_comb,
    }
    imputed = {"documented": np.zeros((Y, D)), "capacity": imp_cap, "combined": imp_comb}
    strata: dict[str, np.ndarray] = {}
    organ: dict[str, np.ndarray] = {}
    per_hy: dict[str, np.ndarray] = {}
    if not light:
        mil_h = t.military[None, :, None]
        for scen, v3, parts in (
            ("documented", rep3, None),
            ("capacity", cap3, parts_cap),
            ("combined", comb3, parts_comb),
        ):
            z = np.nan_to_num(v3)
            strata[f"{scen}:licensed"] = np.where(post, (z * lic_h).sum(axis=1), 0.0) + (
                parts["licensed"] if parts else 0.0
            )
            strata[f"{scen}:unlicensed"] = np.where(post, (z * ~lic_h).sum(axis=1), 0.0) + (
                parts["unlicensed"] if parts else 0.0
            )
            strata[f"{scen}:pre_licensing"] = np.where(post, 0.0, z.sum(axis=1)) + (
                parts["pre_licensing"] if parts else 0.0
            )
            strata[f"{scen}:military"] = (z * mil_h).sum(axis=1)
            strata[f"{scen}:civilian"] = (z * ~mil_h).sum(axis=1)
            strata[f"{scen}:imputed"] = (
                parts["pre_licensing"] + parts["licensed"] + parts["unlicensed"]
                if parts
                else np.zeros((Y, D))
            )
        # organ split of the documented scenario: specific organs where their sum
        # is what counted, the rest 'unspecified'
        if len(rep_per):
            r = prep.reported
            key = (r.y * H + r.h) * len(ORGAN_KEYS) + r.group
            _, keys = _group_starts(key)
            hyk, grp = keys // len(ORGAN_KEYS), keys % len(ORGAN_KEYS)
            spec_sum = np.zeros((HY, D))
            spec = grp != ORGAN_KEYS.index("unspecified")
            np.add.at(spec_sum, hyk[spec], np.nan_to_num(rep_per[spec]))
            used_spec = np.nan_to_num(reported) <= spec_sum + 1e-9
            tot = np.zeros((Y, D))
            yk = hyk // H
            for oi, o in enumerate(ORGAN_KEYS[:-1]):
                sel = grp == oi
                acc = np.zeros((Y, D))
                if sel.any():
                    contrib = np.where(used_spec[hyk[sel]], np.nan_to_num(rep_per[sel]), 0.0)
                    np.add.at(acc, yk[sel], contrib)
                organ[f"documented:{o}"] = acc
                tot += acc
            organ["documented:unspecified"] = nat["documented"] - tot
        if keep_per_hy:
            per_hy = {
                "documented": reported,
                "capacity": capacity,
                "combined": comb,
                "bed_capacity": bed_cap,
                "minimum_requirement": minreq,
                "personnel": pers,
                "revenue": rev,
            }
    return ChunkOut(nat, imputed, strata, organ, per_hy)


def _growth_ramp(years: np.ndarray, growth: np.ndarray) -> np.ndarray:
    """Share of the centre count active in each year: 1/growth in 2000 rising linearly to 1 in 2004.

    Huang Jiefu: the number of hospitals doing transplants "more than tripled"
    from 2000 to 2004 (as cited by Robertson, VOC 2020).
    """
    frac = np.clip((years - START_YEAR) / 4.0, 0.0, 1.0)[:, None]
    g = np.asarray(growth, float)[None, :]
    return 1.0 / g + (1.0 - 1.0 / g) * frac


def draw_params(
    assumptions: Mapping[str, Assumption], rng: np.random.Generator, n: int
) -> dict[str, np.ndarray]:
    """One independent draw per assumption and per Monte Carlo draw (names in sorted order)."""
    return {name: assumptions[name].sample(rng, n) for name in sorted(assumptions)}


def check_fixed(assumptions: Mapping[str, Assumption]) -> None:
    if assumptions["licensing_year"].varies:
        raise ConfigError("assumption 'licensing_year' must be fixed (it defines the strata)")
