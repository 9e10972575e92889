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

* A capacity figure (beds, surgeons) observed in year t counts for the years
  from t until the year of a newer figure (forward only), never before the
  centre's first transplant (or opening) year; before t only by an explicit
  per-hospital ``carry_back_years:<hospital_id>`` assumption. An undated figure
  is placed at ``undated_figure_year`` and counts from then on. Only beds of a
  transplant ward or department enter bed capacity, beds of another department
  through the department share; other scopes are left out (``inputs.py``).
* capacity(h, y) = bed capacity (transplant beds, else department beds x
  ``transplant_share_of_department_beds``) where beds are known; otherwise the
  largest of minimum requirement (licensed hospitals from their licence year),
  personnel and revenue.
* reported(h, y) = the hospital's own counts in year y (period counts and
  differences of dated running totals, spread evenly); per organ the largest
  figure; a figure that does not name a single organ competes (max) with the
  sum over organs. A running total of a subset (``subset:`` in the note) is its
  own sequence, so it acts as a floor and is never differenced against totals.
* combined(h, y) = max(reported, ``capacity_utilisation`` x capacity).
* Centres without a value (listed or not) are imputed per stratum and year:
  before ``licensing_year`` all centres form one stratum of
  ``centres_total`` x growth ramp; from it, licensed (``centres_licensed``) and
  unlicensed ((total - licensed) x ``unlicensed_active_share_after_2007``).
  Each missing centre is imputed at the minimum-requirement capacity (times
  utilisation for combined). The documented scenario is never imputed.
"""

# ruff: noqa: N802, N803, N806  (array dimensions use their usual capital letters: H, Y, D, HY)
from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from transplant_audit.errors import ConfigError
from transplant_audit.estimate import inputs, methods
from transplant_audit.estimate.assumptions import Assumption
from transplant_audit.evidence.frames import Evidence

SCENARIOS = ("documented", "capacity", "combined")
ORGAN_GROUPS = ("kidney", "liver", "heart_lung", "unspecified")
"""Organ groups for beds and length of stay. ``unspecified``: beds or counts not split by organ."""
ORGAN_KEYS = ("kidney", "liver", "heart", "lung", "pancreas", "intestine", "cornea", "unspecified")
"""Organs for reported counts (by_organ)."""
QUAL_CODES = {"exact": 0, "": 0, "approx": 1, "at_least": 2, "at_most": 3}
STRATA = ("pre_licensing", "licensed", "unlicensed", "licence_unknown")
START_YEAR = 2000
OWN = "hospital's own figure (all years)"
"""How a hospital's own occupancy, stay or price is dated: it counts for every year."""
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


def _subset_of(rec: Mapping[str, object]) -> str:
    """The subset a figure covers ("paediatric liver transplants only"), or "" for all cases.

    The data build records sub-types of an organ (living donor, paediatric, split,
    DCD donors, an indication) as the organ plus ``subset: ...`` in the note.
    """
    note = rec.get("note")
    if not isinstance(note, str) or "subset:" not in note:
        return ""
    return note.split("subset:", 1)[1].strip().lower()


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
    licensed: np.ndarray  # True only where the licence status is 'true'
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
    own_los: np.ndarray  # (H, 4) per organ group; NaN when none
    own_los_fig: np.ndarray  # (H, 4) figure index or -1
    own_price: np.ndarray  # (H,) NaN when none
    own_price_fig: np.ndarray
    notes: list[str] = field(default_factory=list)
    licence: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=object))
    """Per hospital 'true' / 'false' / 'unknown' (inputs.licence_status)."""
    n_disputed: int = 0
    """Figures left out because their review status is 'disputed'."""
    left_out: list[dict[str, object]] = field(default_factory=list)
    """Figures kept in the data but not used, with the reason (inputs.left_out)."""

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


def _rate_period(rec: Mapping[str, object], published: Mapping[str, float]) -> tuple[float, float]:
    """(start, end) of a yearly rate: its stated period, else the calendar year of its date
    (as_of, else the source's publication); (NaN, NaN) when it has none."""
    s = _parse_date(rec.get("period_start"), "start")
    e = _parse_date(rec.get("period_end"), "end")
    if not math.isnan(s) and not math.isnan(e) and e > s:
        return s, e
    if not math.isnan(s):
        return s, s + 1.0
    if not math.isnan(e):
        return e - 1.0, e
    t, _ = _figure_year(rec, published)
    if math.isnan(t):
        return math.nan, math.nan
    return float(math.floor(t)), float(math.floor(t)) + 1.0


Interval = tuple[int, int, float, float, float, bool, int]
"""(hospital, group, start, end, amount, is a yearly rate, figure index) of a period figure."""


def _published_dates(src: pd.DataFrame) -> dict[str, float]:
    """Publication date (fractional year) of each source id."""
    published: dict[str, float] = {}
    if len(src):
        for sid, pub in zip(
            src["id"].astype(str), src.get("published", pd.Series(dtype=object)), strict=False
        ):
            published[sid] = _parse_date(pub, "mid")
    return published


def _hospital_attributes(
    hosp: pd.DataFrame,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(licence status, licensed, military, licence year) per hospital, in ``hosp`` order."""
    H = len(hosp)
    licence = inputs.licence_status(hosp["licensed"]) if H else np.zeros(0, dtype=object)
    military = (
        np.array([_truthy(v) for v in hosp["military"]], dtype=bool) if H else np.zeros(0, bool)
    )
    lic_year = (
        pd.to_numeric(hosp.get("licence_year"), errors="coerce").to_numpy(float)
        if H
        else np.zeros(0)
    )
    return licence, licence == "true", military, lic_year


def _carry_back_years(carry_back: Mapping[str, float] | None, hindex: dict[str, int]) -> np.ndarray:
    """Per hospital, the years its earliest capacity figure may be carried backwards."""
    back = np.zeros(len(hindex))
    for hid, n in (carry_back or {}).items():
        if hid in hindex:
            back[hindex[hid]] = float(n)
    return back


def _records_by_indicator(obs: pd.DataFrame, hindex: dict[str, int]) -> dict[str, list[dict]]:
    """Numeric observations of the known hospitals as records, grouped by indicator."""
    obs = obs[obs["hospital_id"].astype(str).isin(hindex)].copy()
    obs["value"] = pd.to_numeric(obs["value"], errors="coerce")
    obs = obs[obs["value"].notna()]
    obs["h"] = obs["hospital_id"].astype(str).map(hindex)
    obs["qualifier"] = obs["qualifier"].fillna("").astype(str).str.strip().str.lower()
    by_indicator: dict[str, list[dict]] = {}
    for rec in obs.to_dict("records"):
        rec = {k: (None if v is pd.NA else v) for k, v in rec.items()}
        by_indicator.setdefault(str(rec["indicator"]), []).append(rec)
    return by_indicator


def _grouped(recs: list[dict], key: Callable[[dict], tuple]) -> list[tuple[tuple, list[dict]]]:
    """Records grouped by ``key``, groups in key order, records in input order."""
    out: dict[tuple, list[dict]] = {}
    for r in recs:
        out.setdefault(key(r), []).append(r)
    return sorted(out.items())


def _is_rate(rec: Mapping[str, object]) -> bool:
    """Whether a figure's unit says it is a yearly rate."""
    u = str(rec.get("unit", "") or "").lower()
    return "/year" in u or "per year" in u or "/yr" in u


def _is_transplant_revenue(rec: Mapping[str, object]) -> bool:
    """Revenue counts only when stated for an organ, for all organs or several."""
    organ = str(rec.get("organ") or "")
    return (
        _organ_group(rec.get("organ")) != "unspecified"
        or organ.lower() in ("all", "multi")
        or ";" in organ
    )


@dataclass
class _RowLists:
    """Columns of ``Rows`` while they are collected."""

    hs: list[int] = field(default_factory=list)
    ys: list[int] = field(default_factory=list)
    gs: list[int] = field(default_factory=list)
    vals: list[float] = field(default_factory=list)
    dists: list[float] = field(default_factory=list)
    figs: list[int] = field(default_factory=list)

    def add(self, h: int, yi: int, g: int, value: float, dist: float, fig: int) -> None:
        self.hs.append(h), self.ys.append(yi), self.gs.append(g)
        self.vals.append(value), self.dists.append(dist), self.figs.append(fig)

    def rows(self) -> Rows:
        return Rows(
            np.array(self.hs, np.int64),
            np.array(self.ys, np.int64),
            np.array(self.gs, np.int64),
            np.array(self.vals, float),
            np.array(self.dists, float),
            np.array(self.figs, np.int64),
        )


@dataclass
class _TableBuilder:
    """The state ``build_table`` shares between its steps: the records, the figures
    registered so far (their order is the figure index) and the notes."""

    years: np.ndarray
    by_indicator: dict[str, list[dict]]
    published: dict[str, float]
    back: np.ndarray  # carry_back years per hospital
    notes: list[str]
    fig_records: list[dict[str, object]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.year_arr = self.years.astype(float)
        self.first_year, self.first_by_group = self._first_years()

    @property
    def n_hosp(self) -> int:
        return len(self.back)

    def recs_of(self, indicator: str) -> list[dict]:
        return [dict(r) for r in self.by_indicator.get(indicator, [])]

    def _first_years(self) -> tuple[np.ndarray, dict[tuple[int, str], float]]:
        """First transplant year per hospital (else the unit's opening year) and per
        (hospital, organ group)."""
        first_year = np.full(self.n_hosp, np.nan)
        first_by_group: dict[tuple[int, str], float] = {}
        for rec in self.recs_of("first_transplant_year"):
            h, v = int(rec["h"]), float(rec["value"])
            first_year[h] = v if math.isnan(first_year[h]) else min(first_year[h], v)
            key = (h, _organ_group(rec.get("organ")))
            first_by_group[key] = min(first_by_group.get(key, v), v)
        for rec in self.recs_of("transplant_unit_founded_year"):  # an opening year bounds the start
            h, v = int(rec["h"]), float(rec["value"])
            if math.isnan(first_year[h]):
                first_year[h] = v
        return first_year, first_by_group

    def add_figure(
        self,
        obs_ids: list[str],
        qual: str,
        indicator: str,
        h: int,
        year: float,
        value: float,
        how: str,
    ) -> int:
        """Register a figure; returns its index into ``Table.figures``."""
        self.fig_records.append(
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
        return len(self.fig_records) - 1

    def add_single(self, rec: dict, indicator: str, year: float, how: str) -> int:
        """Register a figure made of one observation at its stated value."""
        return self.add_figure(
            [str(rec["id"])],
            rec["qualifier"],
            indicator,
            int(rec["h"]),
            year,
            float(rec["value"]),
            how,
        )

    def figures(self) -> pd.DataFrame:
        return pd.DataFrame(
            self.fig_records,
            columns=["obs_ids", "qualifier", "indicator", "h", "year", "value", "dated_by"],
        )

    # ---- capacity figures, carried over years
    def carried_rows(
        self,
        sub: list[dict],
        indicator: str,
        group_fn: Callable[[object], str],
        groups: tuple[str, ...],
    ) -> Rows:
        """Forward-only carrying: a figure describes its hospital from its year until the
        year of a newer figure; before its year only by ``carry_back`` (never before the
        first-transplant or opening year)."""
        if not sub:
            return Rows.empty()
        acc = _RowLists()
        for (h, g), grp in _grouped(
            [dict(r) for r in sub], lambda r: (int(r["h"]), groups.index(group_fn(r.get("organ"))))
        ):
            dated, undated = self._split_dated(grp)
            start = (
                self.first_by_group.get((h, groups[g]), self.first_year[h])
                if groups is ORGAN_GROUPS
                else self.first_year[h]
            )
            active = (
                np.ones(len(self.years), bool)
                if math.isnan(start)
                else (self.year_arr >= math.floor(start))
            )
            if dated:
                self._carry_dated(acc, h, g, dated, active, indicator)
            elif undated:
                self._carry_undated(acc, h, g, undated, active, indicator)
        return acc.rows()

    def _split_dated(self, grp: list[dict]) -> tuple[list[tuple[float, dict]], list[dict]]:
        """(year, record) of the dated records and the undated ones; notes how each is dated."""
        dated: list[tuple[float, dict]] = []
        undated: list[dict] = []
        for rec in grp:
            t, how = _figure_year(rec, self.published)
            rec["_how"] = how
            (undated.append(rec) if math.isnan(t) else dated.append((t, rec)))
        return dated, undated

    def _carry_dated(
        self,
        acc: _RowLists,
        h: int,
        g: int,
        dated: list[tuple[float, dict]],
        active: np.ndarray,
        indicator: str,
    ) -> None:
        """One figure per calendar year (mean of ties), each carried to the later years
        until the next one; the earliest backwards by the hospital's ``carry_back``."""
        tyear = np.array([math.floor(t) for t, _ in dated], float)
        uniq = np.unique(tyear)
        fig_of_year = {}
        for ty in uniq:
            recs = [r for (t, r), yy in zip(dated, tyear, strict=True) if yy == ty]
            v = float(np.mean([float(r["value"]) for r in recs]))
            fi = self.add_figure(
                [str(r["id"]) for r in recs],
                _common_qual(recs),
                indicator,
                h,
                ty,
                v,
                recs[0]["_how"],
            )
            fig_of_year[ty] = (fi, v)
        for yi in np.nonzero(active)[0]:
            y = self.year_arr[yi]
            before = uniq[uniq <= y]
            if len(before):
                ty = before.max()
            elif uniq[0] - y <= self.back[h]:
                ty = uniq[0]  # carried backwards by the hospital's own assumption
            else:
                continue
            fi, v = fig_of_year[ty]
            acc.add(h, yi, g, v, float(abs(y - ty)), fi)

    def _carry_undated(
        self,
        acc: _RowLists,
        h: int,
        g: int,
        undated: list[dict],
        active: np.ndarray,
        indicator: str,
    ) -> None:
        """Undated figures (their mean) count in every active year, at an unknown distance."""
        v, fi = self.mean_figure(undated, indicator, h, "undated")
        for yi in np.nonzero(active)[0]:
            acc.add(h, yi, g, v, math.nan, fi)

    # ---- period figures: reported counts, differences of running totals, revenue
    def period_rows(self, intervals: list[Interval]) -> Rows:
        """Spread each period figure over the calendar years it overlaps."""
        acc = _RowLists()
        for h, g, s, e, count, is_rate, fi in intervals:
            for yi, y in enumerate(self.year_arr):
                ov = min(e, y + 1) - max(s, y)
                if ov <= 0:
                    continue
                amount = count * ov if is_rate else float(methods.annualise(count, ov, e - s))
                acc.add(h, yi, g, amount, 0.0, fi)
        return acc.rows()

    def period_intervals(self) -> list[Interval]:
        """Counts stated for a period (``transplants_in_period``)."""
        out: list[Interval] = []
        for rec in self.recs_of("transplants_in_period"):
            s = _parse_date(rec.get("period_start"), "start")
            e = _parse_date(rec.get("period_end"), "end")
            if math.isnan(e) and not math.isnan(s) and _is_rate(rec):
                e = s + 1  # a stated yearly rate "as of" a date
            if math.isnan(e) and not math.isnan(s):
                e = _parse_date(rec.get("period_start"), "end")
            if math.isnan(s) and not math.isnan(e):
                if _is_rate(rec):
                    s = e - 1
                else:
                    self.notes.append(f"observation {rec['id']}: period has no start; not used")
                    continue
            if math.isnan(s) or e <= s:
                self.notes.append(f"observation {rec['id']}: no usable period; not used")
                continue
            fi = self.add_single(rec, "transplants_in_period", e, "period")
            organ = ORGAN_KEYS.index(_organ_key(rec.get("organ")))
            out.append((int(rec["h"]), organ, s, e, float(rec["value"]), _is_rate(rec), fi))
        return out

    def rate_intervals(self) -> list[Interval]:
        """Stated yearly rates (``transplants_per_year``) over their period."""
        out: list[Interval] = []
        for rec in self.recs_of("transplants_per_year"):
            s, e = _rate_period(rec, self.published)
            if math.isnan(s):
                self.notes.append(
                    f"observation {rec['id']} ({rec['hospital_id']}, transplants_per_year): "
                    "no date, period or dated source; not used"
                )
                continue
            fi = self.add_single(rec, "transplants_per_year", e, "yearly rate")
            organ = ORGAN_KEYS.index(_organ_key(rec.get("organ")))
            out.append((int(rec["h"]), organ, s, e, float(rec["value"]), True, fi))
        return out

    def cumulative_intervals(self) -> list[Interval]:
        """Running totals: the first since the start, then differences of successive ones.

        A running total of a subset (e.g. paediatric or living-donor liver transplants,
        marked "subset: ..." in the note by the data build) forms its own sequence:
        differencing it against the hospital's all-case totals would invent volume."""
        out: list[Interval] = []
        for (h, okey, _subset), grp in _grouped(
            self.recs_of("transplants_cumulative"),
            lambda r: (int(r["h"]), _organ_key(r.get("organ")), _subset_of(r)),
        ):
            out.extend(self._running_total_intervals(int(h), okey, self._dated_points(grp)))
        return out

    def _dated_points(self, grp: list[dict]) -> list[tuple[float, dict]]:
        """(date, record) of the running totals with a date, in date order."""
        pts = []
        for rec in grp:
            t, _how = _figure_year(rec, self.published)
            if math.isnan(t):
                self.notes.append(
                    f"observation {rec['id']}: running total without a date; not used"
                )
                continue
            pts.append((t, rec))
        pts.sort(key=lambda p: p[0])
        return pts

    def _running_total_intervals(
        self, h: int, okey: str, pts: list[tuple[float, dict]]
    ) -> list[Interval]:
        """Intervals of one running-total sequence of a hospital and organ."""
        out: list[Interval] = []
        organ = ORGAN_KEYS.index(okey)
        prev_t, prev_v, prev_id = math.nan, math.nan, ""
        for t, rec in pts:
            v = float(rec["value"])
            if math.isnan(prev_t):
                s = _parse_date(rec.get("period_start"), "start")
                if math.isnan(s):
                    g = _organ_group(okey if okey != "unspecified" else "")
                    s = self.first_by_group.get((h, g), self.first_year[h])
                if not math.isnan(s) and t > s:
                    fi = self.add_single(
                        rec, "transplants_cumulative", t, "running total since start"
                    )
                    out.append((h, organ, s, t, v, False, fi))
            elif t > prev_t and v > prev_v:
                fi = self.add_figure(
                    [prev_id, str(rec["id"])],
                    rec["qualifier"],
                    "transplants_cumulative",
                    h,
                    t,
                    v - prev_v,
                    "difference of running totals",
                )
                out.append((h, organ, prev_t, t, v - prev_v, False, fi))
            elif v <= prev_v:
                self.notes.append(
                    f"observations {prev_id} and {rec['id']}: running total does not rise "
                    f"({prev_v:g} then {v:g}); the later one starts a new sequence"
                )
            prev_t, prev_v, prev_id = t, v, str(rec["id"])
        return out

    def revenue_intervals(self) -> list[Interval]:
        """Transplant revenue (``revenue_cny``) over its stated period."""
        out: list[Interval] = []
        for rec in self.recs_of("revenue_cny"):
            if not _is_transplant_revenue(rec):
                self.notes.append(
                    f"observation {rec['id']}: revenue not stated as transplant revenue "
                    "(no organ); not used"
                )
                continue
            s = _parse_date(rec.get("period_start"), "start")
            e = _parse_date(rec.get("period_end"), "end")
            if math.isnan(e) and not math.isnan(s):
                e = _parse_date(rec.get("period_start"), "end")
            if math.isnan(s) or math.isnan(e) or e <= s:
                self.notes.append(f"observation {rec['id']}: revenue without a period; not used")
                continue
            fi = self.add_single(rec, "revenue_cny", e, "period")
            out.append((int(rec["h"]), 0, s, e, float(rec["value"]), False, fi))
        return out

    # ---- a hospital's own rates, used for all years
    def mean_figure(self, recs: list[dict], indicator: str, h: int, how: str) -> tuple[float, int]:
        """Register the mean of undated records as one figure: (its value, its index)."""
        v = float(np.mean([float(r["value"]) for r in recs]))
        fi = self.add_figure(
            [str(r["id"]) for r in recs], _common_qual(recs), indicator, h, math.nan, v, how
        )
        return v, fi

    def own_value(self, indicator: str) -> tuple[np.ndarray, np.ndarray]:
        """Per hospital the mean of its own figures of ``indicator`` (NaN: none) and the
        figure index (-1: none)."""
        vals = np.full(self.n_hosp, np.nan)
        figs = np.full(self.n_hosp, -1, np.int64)
        for (h,), recs in _grouped(self.recs_of(indicator), lambda r: (int(r["h"]),)):
            vals[int(h)], figs[int(h)] = self.mean_figure(recs, indicator, int(h), OWN)
        return vals, figs

    def own_value_by_group(self, indicator: str) -> tuple[np.ndarray, np.ndarray]:
        """Per hospital and organ group, the mean of its own figures of ``indicator`` for
        that organ (NaN: none) and the figure index (-1: none), shape (H, groups). A figure
        naming no single organ is not used (a department-wide stay is no transplant stay),
        and an organ's figure stands for that organ only."""
        vals = np.full((self.n_hosp, len(ORGAN_GROUPS)), np.nan)
        figs = np.full((self.n_hosp, len(ORGAN_GROUPS)), -1, np.int64)
        recs = [r for r in self.recs_of(indicator) if _organ_group(r.get("organ")) != "unspecified"]
        for (h, g), grp in _grouped(
            recs, lambda r: (int(r["h"]), ORGAN_GROUPS.index(_organ_group(r.get("organ"))))
        ):
            vals[h, g], figs[h, g] = self.mean_figure(grp, indicator, int(h), OWN)
        return vals, figs


def _start_builder(
    evidence: Evidence,
    years: np.ndarray,
    ids: list[str],
    include_disputed: bool,
    carry_back: Mapping[str, float] | None,
) -> tuple[_TableBuilder, list[dict], list[dict], list[dict[str, object]], int]:
    """The builder over the usable observations, the transplant and department bed
    records, the figures left out and how many of them were disputed."""
    obs, disputed = inputs.drop_disputed(evidence.observations, include_disputed)
    notes = inputs.unused_indicator_notes(obs)
    obs = obs.sort_values(["hospital_id", "indicator", "id"], kind="stable").copy()
    hindex = {h: i for i, h in enumerate(ids)}
    by_indicator = _records_by_indicator(obs, hindex)
    bed_recs = [r for ind in inputs.BED_INDICATORS for r in by_indicator.get(ind, [])]
    t_beds, d_beds, scoped_out = inputs.route_beds(bed_recs)
    left_out = disputed + scoped_out
    for indicator in inputs.DIVISORS:  # a price or stay of 0 would divide by zero
        if indicator in by_indicator:
            by_indicator[indicator], not_positive = inputs.split_divisors(by_indicator[indicator])
            left_out += not_positive
    b = _TableBuilder(
        years=years,
        by_indicator=by_indicator,
        published=_published_dates(evidence.sources),
        back=_carry_back_years(carry_back, hindex),
        notes=[inputs.left_out_note(d) for d in left_out] + notes,
    )
    return b, t_beds, d_beds, left_out, len(disputed)


def build_table(
    evidence: Evidence,
    years: np.ndarray,
    *,
    include_disputed: bool = False,
    carry_back: Mapping[str, float] | None = None,
) -> Table:
    """Turn the evidence into the arrays ``simulate`` needs (pandas here, once).

    ``include_disputed`` keeps figures a reviewer disputed; ``carry_back`` maps a
    hospital id to how many years its earliest bed or staff figure may describe
    the hospital *before* its date (an explicit, sourced per-hospital assumption;
    without one a figure only counts from its date on). The steps run in a fixed
    order, because that order numbers the figures and orders the notes.
    """
    # sorted by id, so that the row order of the evidence never changes a result
    hosp = evidence.hospitals.sort_values("id", kind="stable").reset_index(drop=True)
    ids = [str(x) for x in hosp["id"].tolist()]
    licence, licensed, military, lic_year = _hospital_attributes(hosp)
    b, t_beds, d_beds, left_out, n_disputed = _start_builder(
        evidence, years, ids, include_disputed, carry_back
    )
    beds = b.carried_rows(t_beds, "transplant_beds", _organ_group, ORGAN_GROUPS)
    dept = b.carried_rows(d_beds, "department_beds", _organ_group, ORGAN_GROUPS)
    surgeons = b.carried_rows(
        b.recs_of("transplant_surgeons"),
        "transplant_surgeons",
        lambda o: "unspecified",
        ORGAN_GROUPS,
    )
    reported = b.period_rows(b.period_intervals() + b.rate_intervals() + b.cumulative_intervals())
    revenue = b.period_rows(b.revenue_intervals())
    occ, occ_fig = b.own_value("bed_occupancy_rate")
    los, los_fig = b.own_value_by_group("avg_length_of_stay_days")
    price, price_fig = b.own_value("price_cny")
    figures = b.figures()
    return Table(
        years=years,
        hospital_ids=ids,
        licensed=licensed,
        military=military,
        licence_year=lic_year,
        first_year=b.first_year,
        figures=figures,
        fig_qual=np.array([QUAL_CODES.get(q, 0) for q in figures["qualifier"]], np.int64),
        beds=beds,
        dept_beds=dept,
        surgeons=surgeons,
        reported=reported,
        revenue=revenue,
        own_occupancy=occ,
        own_occupancy_fig=occ_fig,
        own_los=los,
        own_los_fig=los_fig,
        own_price=price,
        own_price_fig=price_fig,
        notes=b.notes,
        licence=licence,
        n_disputed=n_disputed,
        left_out=left_out,
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
# the prepared, draw-independent index structure (built once per run)
DTYPE = np.float32
"""Working precision of the Monte Carlo arrays: 7 significant digits, far finer than any
input, at two thirds of the CPU time of float64 (measured: 94 vs 141 us per draw)."""


def _group_starts(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Start offsets of runs of equal ``keys`` (sorted) and the key of each run."""
    if len(keys) == 0:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    brk = np.nonzero(np.diff(keys))[0] + 1
    starts = np.concatenate(([0], brk)).astype(np.int64)
    return starts, keys[starts]


def _layers(keys: np.ndarray) -> list[tuple[np.ndarray, np.ndarray]]:
    """Split row indices into layers whose keys are unique, for duplicate-safe scatter.

    Layer j holds the j-th occurrence of every key: ``dest[k] = op(dest[k], v[rows])``
    applied layer by layer equals a grouped reduction, one cheap pass per layer.
    """
    if len(keys) == 0:
        return []
    order = np.argsort(keys, kind="stable")
    sk = keys[order]
    starts = np.concatenate(([0], np.nonzero(np.diff(sk))[0] + 1))
    rank = np.arange(len(sk)) - np.repeat(starts, np.diff(np.concatenate((starts, [len(sk)]))))
    out = []
    for j in range(int(rank.max()) + 1):
        rows = order[rank == j]
        out.append((rows, keys[rows]))
    return out


def _scatter(
    dest: np.ndarray,
    layers: list[tuple[np.ndarray, np.ndarray]],
    vals: np.ndarray,
    op: Callable[..., np.ndarray],
    fresh: bool = False,
) -> None:
    """In place: ``dest[key] = op(dest[key], vals[row])`` for every (row, key), duplicates reduced.

    ``fresh``: ``dest`` holds the identity of ``op`` (zeros, False), so the first
    layer is a plain assignment.
    """
    for j, (rows, keys) in enumerate(layers):
        if fresh and j == 0:
            dest[keys] = vals[rows]
        else:
            dest[keys] = op(dest[keys], vals[rows])


@dataclass
class BedRows:
    """Bed-type rows in active coordinates (hy = year * n_active + position)."""

    base: np.ndarray  # (R,) stated value
    fig: np.ndarray  # (R,) figure index
    pair: np.ndarray  # (R,) index into Prepared.pairs (hospital, organ group)
    dist: np.ndarray  # (R,) years from the figure (NaN: undated)
    year: np.ndarray  # (R,) calendar year of the row
    undated: np.ndarray  # indices of undated rows
    spec_layers: list[tuple[np.ndarray, np.ndarray]]  # organ-specific rows -> hy (summed)
    uns_layers: list[tuple[np.ndarray, np.ndarray]]  # unsplit rows -> hy (max)
    rows: Rows  # the original rows (full hospital index)
    cell: np.ndarray  # (R,) position of each row's hospital-year in the compact cells

    @property
    def year_values(self) -> np.ndarray:
        return np.unique(self.year) if len(self.year) else np.zeros(1)

    @property
    def n_dist(self) -> int:
        d = self.dist[~np.isnan(self.dist)]
        return int(d.max()) + 1 if len(d) else 1

    @property
    def window_code(self) -> np.ndarray:
        """Per row: its distance (dated) or n_dist + index of its year (undated). Cached."""
        cached = self.__dict__.get("_code")
        if cached is None:
            undated = np.isnan(self.dist)
            yi = np.searchsorted(self.year_values, self.year)
            cached = np.where(undated, self.n_dist + yi, np.nan_to_num(self.dist)).astype(np.int64)
            self.__dict__["_code"] = cached
        return cached

    @classmethod
    def build(
        cls,
        rows: Rows,
        pos: np.ndarray,
        n_act: int,
        pair_index: dict[tuple[int, int], int],
        years: np.ndarray,
        cells: np.ndarray,
    ) -> BedRows:
        """Layers are keyed by position in ``cells`` (sorted hy), the compact output space."""
        hy = np.searchsorted(cells, rows.y * n_act + pos[rows.h])
        uns = ORGAN_GROUPS.index("unspecified")
        spec_sel = np.nonzero(rows.group != uns)[0]
        uns_sel = np.nonzero(rows.group == uns)[0]
        spec_layers = [(spec_sel[r], k) for r, k in _layers(hy[spec_sel])]
        uns_layers = [(uns_sel[r], k) for r, k in _layers(hy[uns_sel])]
        pair = np.array(
            [pair_index[(int(h), int(g))] for h, g in zip(rows.h, rows.group, strict=True)],
            np.int64,
        )
        return cls(
            base=rows.value.astype(DTYPE),
            fig=rows.fig,
            pair=pair,
            dist=rows.dist,
            year=years[rows.y].astype(float),
            undated=np.nonzero(np.isnan(rows.dist))[0],
            spec_layers=spec_layers,
            uns_layers=uns_layers,
            rows=rows,
            cell=hy,
        )


@dataclass
class Prepared:
    """Index arrays derived from a ``Table`` once, so that ``simulate`` only does array arithmetic.

    Hospitals without any figure and without a licence never have a value; they
    are left out of the dense arrays ("active" hospitals only: licensed, then
    unlicensed, then those of unknown licence status)
    and enter only through the stratum counts of the imputation.
    """

    table: Table
    act: np.ndarray  # active hospital indices (licensed first)
    pos: np.ndarray  # full index -> active position (-1: inactive)
    n_lic: int  # number of licensed active hospitals (positions 0..n_lic-1)
    n_unl: int  # then the unlicensed ones; the rest have an unknown licence status
    pairs_h: np.ndarray  # (K,) full hospital index of each (hospital, organ group) pair
    pairs_g: np.ndarray  # (K,) organ group
    beds: BedRows
    dept: BedRows
    surg: BedRows
    rep_rows: Rows
    rep_group_layers: list[tuple[np.ndarray, np.ndarray]]  # row -> group (hy, organ key): max
    rep_gkeys: np.ndarray  # (G,) hy * n_keys + key of each group
    rep_spec_layers: list[tuple[np.ndarray, np.ndarray]]  # specific-organ group -> hy: sum
    rep_uns_layers: list[tuple[np.ndarray, np.ndarray]]  # unsplit group -> hy: max
    rep_present: np.ndarray  # (HYa,) bool
    rep_cells: np.ndarray  # sorted hy with a reported count (compact space of the rep layers)
    bed_cells: np.ndarray  # sorted hy with a transplant or department bed row
    surg_cells: np.ndarray  # sorted hy with a surgeon row
    rev_cells: np.ndarray  # sorted hy with revenue
    rev_rows: Rows
    rev_layers: list[tuple[np.ndarray, np.ndarray]]  # row -> hy: sum
    minreq_ok: np.ndarray  # (HYa,) bool
    minreq_cells: np.ndarray  # hy where the minimum requirement applies
    minreq_h: np.ndarray  # (HYa,) active position of each hy
    mil_act: np.ndarray  # (Ha,) bool

    @property
    def n_act(self) -> int:
        return len(self.act)


def prepare(table: Table, licensing_year: float) -> Prepared:
    """Build the index structure for ``simulate`` (draw-independent)."""
    t = table
    H, Y = t.n_hosp, t.n_years
    used = np.zeros(H, bool)
    for r in (t.beds, t.dept_beds, t.surgeons, t.reported, t.revenue):
        used[r.h] = True
    used |= t.licensed
    status = t.licence if len(t.licence) == H else np.where(t.licensed, "true", "unknown")
    act = np.concatenate([np.nonzero(used & (status == s))[0] for s in inputs.LICENCE_STATES])
    pos = np.full(H, -1, np.int64)
    pos[act] = np.arange(len(act))
    Ha = len(act)
    n_lic = int((used & (status == "true")).sum())
    n_unl = int((used & (status == "false")).sum())
    pairs: dict[tuple[int, int], int] = {}
    for r in (t.beds, t.dept_beds, t.surgeons):
        for h, g in zip(r.h.tolist(), r.group.tolist(), strict=True):
            pairs.setdefault((h, g), len(pairs))
    pairs_h = np.array([k[0] for k in pairs], np.int64)
    pairs_g = np.array([k[1] for k in pairs], np.int64)

    def hy_of(r: Rows) -> np.ndarray:
        return r.y * Ha + pos[r.h]

    bed_cells = np.unique(np.concatenate([hy_of(t.beds), hy_of(t.dept_beds)]))
    surg_cells = np.unique(hy_of(t.surgeons))
    beds = BedRows.build(t.beds, pos, Ha, pairs, t.years, bed_cells)
    dept = BedRows.build(t.dept_beds, pos, Ha, pairs, t.years, bed_cells)
    surg = BedRows.build(t.surgeons, pos, Ha, pairs, t.years, surg_cells)

    nk = len(ORGAN_KEYS)
    rep = t.reported
    rkey = (rep.y * Ha + pos[rep.h]) * nk + rep.group
    rep_gkeys, ginv = np.unique(rkey, return_inverse=True)
    ghy, gk = rep_gkeys // nk, rep_gkeys % nk
    uns = ORGAN_KEYS.index("unspecified")
    rep_spec = np.nonzero(gk != uns)[0]
    rep_uns = np.nonzero(gk == uns)[0]
    rep_present = np.zeros(Y * Ha, bool)
    rep_present[ghy] = True
    rep_cells = np.unique(ghy)
    gci = np.searchsorted(rep_cells, ghy)
    rev = t.revenue
    lic_year = np.where(np.isnan(t.licence_year), licensing_year, t.licence_year)
    year_col = np.repeat(t.years.astype(float), Ha)
    h_col = np.tile(np.arange(Ha), Y)
    minreq_ok = t.licensed[act][h_col] & (year_col >= lic_year[act][h_col])
    return Prepared(
        table=t,
        act=act,
        pos=pos,
        n_lic=n_lic,
        n_unl=n_unl,
        pairs_h=pairs_h,
        pairs_g=pairs_g,
        beds=beds,
        dept=dept,
        surg=surg,
        rep_rows=rep,
        rep_group_layers=_layers(ginv.ravel()),
        rep_gkeys=rep_gkeys,
        rep_spec_layers=[(rep_spec[r], k) for r, k in _layers(gci[rep_spec])],
        rep_uns_layers=[(rep_uns[r], k) for r, k in _layers(gci[rep_uns])],
        rep_cells=rep_cells,
        bed_cells=bed_cells,
        surg_cells=surg_cells,
        rev_cells=np.unique(rev.y * Ha + pos[rev.h]),
        rep_present=rep_present,
        rev_rows=rev,
        rev_layers=_layers(
            np.searchsorted(np.unique(rev.y * Ha + pos[rev.h]), rev.y * Ha + pos[rev.h])
        ),
        minreq_ok=minreq_ok,
        minreq_cells=np.nonzero(minreq_ok)[0],
        minreq_h=h_col,
        mil_act=t.military[act],
    )


@dataclass
class ChunkOut:
    national: dict[str, np.ndarray]  # scenario -> (Y, D)
    imputed: dict[str, np.ndarray]  # scenario -> (Y, D)
    strata: dict[str, np.ndarray]  # f"{scenario}:{group}" -> (Y, D)
    organ: dict[str, np.ndarray]  # f"{scenario}:{organ}" -> (Y, D)
    per_hy: dict[str, np.ndarray]  # scenario/method -> (H*Y, D), NaN where no value


def present_table(b: BedRows, y0: np.ndarray) -> np.ndarray:
    """(codes, D) bool: whether a row of each window code applies in each draw.

    A dated row always applies (``build_table`` made it only for the years its
    figure describes: forward from its date). An undated figure is placed at
    ``undated_figure_year`` and applies from that year on.
    """
    table = np.empty((b.n_dist + len(b.year_values), len(y0)), bool)
    table[: b.n_dist] = True
    np.greater_equal(b.year_values[:, None], y0[None, :], out=table[b.n_dist :])
    return table


def _window(b: BedRows, y0: np.ndarray) -> np.ndarray:
    """(R, D) bool: the row's figure applies in this draw (one gather from ``present_table``)."""
    return present_table(b, y0)[b.window_code]


def _beds_dense(
    b: BedRows,
    fac: np.ndarray,
    coef: np.ndarray,
    scale: np.ndarray | float,
    y0: np.ndarray,
    HY: int,
    detail: bool = False,
) -> tuple[np.ndarray, ...]:
    """Bed capacity per hy (dense (HY, D)) and its presence: max(sum over organs, unsplit beds)."""
    D = fac.shape[1]
    val = np.zeros((HY, D), DTYPE)
    have = np.zeros((HY, D), bool)
    if not len(b.base):
        return (val, have, np.zeros((0, D), DTYPE), val.copy()) if detail else (val, have)
    mask = _window(b, y0)
    v = fac[b.fig]
    v *= coef[b.pair]
    v *= b.base[:, None] * 365.0  # methods.bed_capacity with occupancy/stay folded into coef
    if not isinstance(scale, float):
        v *= scale
    v *= mask
    _scatter(val, b.spec_layers, v, np.add, fresh=True)
    _scatter(have, b.spec_layers, mask, np.logical_or, fresh=True)
    spec_sum = val.copy() if detail else None
    _scatter(val, b.uns_layers, v, np.maximum)
    _scatter(have, b.uns_layers, mask, np.logical_or)
    if detail:
        return val, have, v, spec_sum
    return val, have


def figure_factors(
    qualifier_code: np.ndarray,
    p: Mapping[str, np.ndarray],
    u_fig: np.ndarray | None,
    draws: int,
) -> np.ndarray:
    """Measurement factor per figure and draw, shape (F, D): ``methods.measurement_factor``
    as a table gather, 1 + A[q] (u - C[q]). ``u_fig`` None uses u = 0.5 (the median draw).
    """
    A = np.stack(
        [
            np.zeros(draws, DTYPE),
            2 * p["approx_relative_half_width"],
            p["at_least_max_uplift"],
            -p["at_most_max_shortfall"],
        ]
    )
    C = np.array([0.0, 0.5, 0.0, 0.0], DTYPE)
    q = qualifier_code
    if u_fig is None:
        return 1.0 + A[q] * (0.5 - C[q])[:, None]
    return 1.0 + A[q] * (u_fig - C[q][:, None])


def own_figure_stated(own: np.ndarray) -> np.ndarray:
    """Where a hospital's own occupancy, stay or price (``Table.own_*``) replaces the
    national assumption: wherever it states one (not NaN). The one rule that
    ``occupancy_and_stay``, the revenue step (here and in the fast path) and
    ``assumptions_drawn`` read."""
    return ~np.isnan(own)


def assumptions_drawn(t: Table, h: int, yi: int) -> dict[str, set[str]]:
    """The national assumptions hospital ``h`` draws in year index ``yi``, for each method
    that can read a hospital's own rate, as the simulation computes it: ``bed_capacity``,
    the occupancy unless its own, the stay of each organ group it has beds of unless its
    own, the department share with department beds, the undated year with an undated bed
    figure (``occupancy_and_stay``, ``_bed_capacity``, ``present_table``);
    ``minimum_requirement``, the licence minimum and year and the mixed stay, the occupancy
    unless its own (``minimum_requirements``); ``revenue``, the price unless its own
    (``_revenue``). ``explain`` lists these (estimate/provenance.py)."""
    occupancy = set() if own_figure_stated(t.own_occupancy[h]) else {"occupancy_rate"}
    beds = set(occupancy)
    for rows, department in ((t.beds, False), (t.dept_beds, True)):
        sel = (rows.h == h) & (rows.y == yi)
        for g in np.unique(rows.group[sel]):
            if not own_figure_stated(t.own_los[h, int(g)]):
                beds.add(LOS_NAME[ORGAN_GROUPS[int(g)]])
        if department and sel.any():
            beds.add("transplant_share_of_department_beds")
        if np.isnan(rows.dist[sel]).any():
            beds.add("undated_figure_year")
    minimum = {"licence_minimum_transplant_beds", "licensing_year", LOS_NAME["unspecified"]}
    own_price = own_figure_stated(t.own_price[h])
    return {
        "bed_capacity": beds,
        "minimum_requirement": minimum | occupancy,
        "revenue": set() if own_price else {"price_per_transplant_cny"},
    }


def occupancy_and_stay(
    t: Table, p: Mapping[str, np.ndarray], fac: np.ndarray, draws: int
) -> tuple[Callable[[np.ndarray], np.ndarray], Callable[[np.ndarray, np.ndarray], np.ndarray]]:
    """``(occ_of, inv_los_of)`` for the table ``t`` at these draws: ``occ_of(h)``, the bed
    occupancy of hospitals ``h`` (their own stated rate times its figure's factor, else the
    national assumption), shape (len(h), D); ``inv_los_of(h, g)``, 1 / the days a stay
    lasts for hospitals ``h`` in organ groups ``g`` (own stated stay, else the group's
    assumption). Shared by ``simulate`` and the fast path."""
    occ_d = p["occupancy_rate"]
    inv_los = np.stack([1.0 / p[LOS_NAME[g]] for g in ORGAN_GROUPS])  # (4, D)

    def occ_of(h_full: np.ndarray) -> np.ndarray:
        own = t.own_occupancy[h_full]
        out = np.broadcast_to(occ_d, (len(h_full), draws)).copy()
        has = own_figure_stated(own)
        if has.any():
            out[has] = own[has][:, None] * fac[t.own_occupancy_fig[h_full[has]]]
        return out

    def inv_los_of(h_full: np.ndarray, g: np.ndarray) -> np.ndarray:
        out = inv_los[g].copy()
        own = t.own_los[h_full, g]
        has = own_figure_stated(own)
        if has.any():
            out[has] = 1.0 / (own[has][:, None] * fac[t.own_los_fig[h_full[has], g[has]]])
        return out

    return occ_of, inv_los_of


@dataclass
class _Chunk:
    """What every step of ``simulate`` reads for one chunk of D draws: the prepared
    table, the assumption values, the figure factors and the occupancy/stay lookups."""

    prep: Prepared
    p: dict[str, np.ndarray]
    fac: np.ndarray  # (F, D) measurement factor per figure
    y0: np.ndarray  # (D,) year at which undated figures start
    occ_of: Callable[[np.ndarray], np.ndarray]
    inv_los_of: Callable[[np.ndarray, np.ndarray], np.ndarray]
    D: int

    @property
    def t(self) -> Table:
        return self.prep.table

    @property
    def Ha(self) -> int:
        return self.prep.n_act

    @property
    def Y(self) -> int:
        return self.prep.table.n_years

    @property
    def HY(self) -> int:
        return self.Ha * self.Y


@dataclass
class _Methods:
    """Each method's values in one chunk, on its own compact cells, and the dense
    (HY, D) capacity and combined estimates with their presence."""

    capacity: np.ndarray
    cap_have: np.ndarray
    minward: np.ndarray  # (D,) minimum requirement at the national assumptions
    mr_h: np.ndarray  # (Ha, D) minimum requirement per active hospital
    pers: np.ndarray
    pers_have: np.ndarray
    rv: np.ndarray
    beds: _BedValues
    rep_c: np.ndarray
    per_group: np.ndarray | None
    comb: np.ndarray | None = None
    comb_have: np.ndarray | None = None


@dataclass
class _BedValues:
    """Bed capacity on the bed cells: the value used (transplant beds, else department
    beds x share) and, per source, the row values, organ-split sums and presence."""

    bed: np.ndarray
    bed_have: np.ndarray
    t_rows: np.ndarray
    t_spec: np.ndarray
    t_val: np.ndarray
    t_have: np.ndarray
    d_rows: np.ndarray
    d_spec: np.ndarray
    d_val: np.ndarray
    dept_have: np.ndarray


def minimum_requirements(
    prep: Prepared,
    p: Mapping[str, np.ndarray],
    occ_of: Callable[[np.ndarray], np.ndarray],
    inv_los_of: Callable[[np.ndarray, np.ndarray], np.ndarray],
) -> tuple[np.ndarray, np.ndarray]:
    """(the licence minimum's capacity at the national assumptions (D,), used for
    imputation; per active hospital at its own occupancy and mixed stay (Ha, D)).
    Shared by ``simulate`` and the fast path."""
    minward = methods.minimum_requirement(
        p["licence_minimum_transplant_beds"], p["occupancy_rate"], p["length_of_stay_days_mixed"]
    )
    mr_h = methods.minimum_requirement(
        p["licence_minimum_transplant_beds"][None, :], occ_of(prep.act), 1.0
    ) * inv_los_of(prep.act, np.full(prep.n_act, ORGAN_GROUPS.index("unspecified")))
    return minward, mr_h


def _minimum_requirement(c: _Chunk, capacity: np.ndarray, cap_have: np.ndarray) -> tuple:
    """Minimum requirement (licensed hospitals from their licence year) into ``capacity``;
    returns (national-assumption value (D,), also used for imputation; per hospital (Ha, D))."""
    prep = c.prep
    minward, mr_h = minimum_requirements(prep, c.p, c.occ_of, c.inv_los_of)
    mr_cells = prep.minreq_cells
    capacity[mr_cells] = mr_h[prep.minreq_h[mr_cells]]
    cap_have[mr_cells] = True
    return minward, mr_h


def _personnel(
    c: _Chunk, capacity: np.ndarray, cap_have: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Personnel capacity (one row per hospital-year) into ``capacity`` where larger."""
    sc = c.prep.surg_cells
    pers = np.zeros((len(sc), c.D), DTYPE)
    pers_have = np.zeros((len(sc), c.D), bool)
    s = c.prep.surg
    if len(s.base):
        mask = _window(s, c.y0)
        v = methods.personnel(
            s.base[:, None] * c.fac[s.fig], c.p["transplants_per_surgeon_per_year"]
        )
        v *= mask
        _scatter(pers, s.uns_layers, v, np.add, fresh=True)
        _scatter(pers_have, s.uns_layers, mask, np.logical_or, fresh=True)
        capacity[sc] = np.maximum(capacity[sc], pers)
        cap_have[sc] |= pers_have
    return pers, pers_have


def _revenue(c: _Chunk, capacity: np.ndarray, cap_have: np.ndarray) -> np.ndarray:
    """Revenue-implied volume (static presence) into ``capacity`` where larger."""
    prep = c.prep
    rvc = prep.rev_cells
    rv = np.zeros((len(rvc), c.D), DTYPE)
    if len(prep.rev_rows):
        r = prep.rev_rows
        own_p = c.t.own_price[r.h]
        price = np.where(
            own_figure_stated(own_p)[:, None],
            own_p[:, None],
            c.p["price_per_transplant_cny"][None, :],
        )
        v = methods.revenue(r.value[:, None] * c.fac[r.fig], price)
        _scatter(rv, prep.rev_layers, v, np.add, fresh=True)
        capacity[rvc] = np.maximum(capacity[rvc], rv)
        cap_have[rvc] = True
    return rv


def _bed_capacity(
    c: _Chunk, coef: np.ndarray, capacity: np.ndarray, cap_have: np.ndarray
) -> _BedValues:
    """Beds: transplant beds, else department beds x share; where present they replace
    the other methods in ``capacity``."""
    prep = c.prep
    bc = prep.bed_cells
    n_bc = len(bc)
    bed, bed_have, t_rows, t_spec = _beds_dense(prep.beds, c.fac, coef, 1.0, c.y0, n_bc, True)
    dept, dept_have, d_rows, d_spec = _beds_dense(
        prep.dept,
        c.fac,
        coef,
        c.p["transplant_share_of_department_beds"][None, :],
        c.y0,
        n_bc,
        True,
    )
    t_val, t_have = bed, bed_have.copy()
    if n_bc:
        bed = np.where(bed_have, bed, dept)
        bed_have |= dept_have
        capacity[bc] = np.where(bed_have, bed, capacity[bc])
        cap_have[bc] |= bed_have
    return _BedValues(bed, bed_have, t_rows, t_spec, t_val, t_have, d_rows, d_spec, dept, dept_have)


def reported_counts(
    prep: Prepared, fac: np.ndarray, D: int
) -> tuple[np.ndarray, np.ndarray | None]:
    """Reported counts: per (hy, organ) the largest figure; per hy max(sum of organs,
    unsplit). Returns (values on the reported cells, per (hy, organ) values or None).
    Shared by ``simulate`` and the fast path."""
    rep_c = np.zeros((len(prep.rep_cells), D), DTYPE)
    per_group = None
    if len(prep.rep_rows):
        r = prep.rep_rows
        v = r.value[:, None] * fac[r.fig]
        per_group = np.zeros((len(prep.rep_gkeys), D), DTYPE)
        _scatter(per_group, prep.rep_group_layers, v, np.maximum, fresh=True)
        _scatter(rep_c, prep.rep_spec_layers, per_group, np.add, fresh=True)
        _scatter(rep_c, prep.rep_uns_layers, per_group, np.maximum)
    return rep_c, per_group


def _method_values(c: _Chunk) -> _Methods:
    """Every method on its own compact cells (the hospital-years it can apply to); only
    capacity, combined and their presence are dense (HY, D)."""
    # occupancy / stay per (hospital, organ group) pair, (K, D)
    coef = c.occ_of(c.prep.pairs_h) * c.inv_los_of(c.prep.pairs_h, c.prep.pairs_g)
    capacity = np.zeros((c.HY, c.D), DTYPE)
    cap_have = np.zeros((c.HY, c.D), bool)
    minward, mr_h = _minimum_requirement(c, capacity, cap_have)
    pers, pers_have = _personnel(c, capacity, cap_have)
    rv = _revenue(c, capacity, cap_have)
    beds = _bed_capacity(c, coef, capacity, cap_have)
    rep_c, per_group = reported_counts(c.prep, c.fac, c.D)
    m = _Methods(capacity, cap_have, minward, mr_h, pers, pers_have, rv, beds, rep_c, per_group)
    rc = c.prep.rep_cells
    m.comb = capacity * c.p["capacity_utilisation"][None, :]
    m.comb[rc] = np.maximum(m.comb[rc], rep_c)
    m.comb_have = cap_have.copy()
    m.comb_have[rc] = True
    return m


@dataclass
class _Centres:
    """Centre counts per year and draw for imputation (``methods.impute_centres``)."""

    post: np.ndarray  # (Y, 1) year is from the licensing year on
    n_total: np.ndarray
    n_lic: np.ndarray
    n_unl: np.ndarray
    L: int  # active hospitals [0, L) are licensed, [L, LU) unlicensed, the rest unknown
    LU: int

    def impute(self, c: _Chunk, have: np.ndarray, per: np.ndarray) -> dict[str, np.ndarray]:
        """Per stratum, the volume of the centres without a value."""
        h3 = have.reshape(c.Y, c.Ha, c.D)
        L, LU = self.L, self.LU
        counts = (h3[:, :L].sum(axis=1), h3[:, L:LU].sum(axis=1), h3[:, LU:].sum(axis=1))
        return methods.impute_centres(self.post, self.n_total, self.n_lic, self.n_unl, counts, per)


def centre_counts(
    years: np.ndarray, p: Mapping[str, np.ndarray]
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(post, total, licensed, unlicensed) centres per year and draw: before the licensing
    year all centres (total x growth ramp); from it licensed and unlicensed ((total -
    licensed) x active share). ``post`` (Y, 1): the year is from the licensing year on.
    Shared by ``simulate`` and the fast path."""
    years_f = years.astype(float)
    post = (years_f >= p["licensing_year"][0])[:, None]
    ramp = _growth_ramp(years_f, p["centres_growth_2000_to_2004"])
    n_unl = (
        np.clip(p["centres_total"] - p["centres_licensed"], 0, None)
        * p["unlicensed_active_share_after_2007"]
    )[None, :]
    return post, p["centres_total"][None, :] * ramp, p["centres_licensed"][None, :], n_unl


def _centres(c: _Chunk) -> _Centres:
    """Centre counts for imputation (``centre_counts``) and the active hospitals' strata."""
    return _Centres(*centre_counts(c.t.years, c.p), c.prep.n_lic, c.prep.n_lic + c.prep.n_unl)


def _national(
    c: _Chunk, m: _Methods, parts_cap: dict, parts_comb: dict
) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray]]:
    """National totals per scenario (sum over hospitals + imputed centres) and the
    imputed part."""
    Y, Ha, D = c.Y, c.Ha, c.D
    rc = c.prep.rep_cells
    imp_cap = parts_cap["pre_licensing"] + parts_cap["licensed"] + parts_cap["unlicensed"]
    imp_comb = parts_comb["pre_licensing"] + parts_comb["licensed"] + parts_comb["unlicensed"]
    rep_year = np.zeros((Y, len(rc)))
    rep_year[rc // Ha, np.arange(len(rc))] = 1.0
    nat = {
        "documented": rep_year @ m.rep_c if len(rc) else np.zeros((Y, D)),
        "capacity": m.capacity.reshape(Y, Ha, D).sum(axis=1) + imp_cap,
        "combined": m.comb.reshape(Y, Ha, D).sum(axis=1) + imp_comb,
    }
    imputed = {"documented": np.zeros((Y, D)), "capacity": imp_cap, "combined": imp_comb}
    return nat, imputed


def _strata(
    c: _Chunk, m: _Methods, cen: _Centres, parts_cap: dict, parts_comb: dict
) -> dict[str, np.ndarray]:
    """Per scenario, totals by licence stratum, military/civilian and the imputed part."""
    Y, Ha, D = c.Y, c.Ha, c.D
    rep = np.zeros((c.HY, D), DTYPE)
    rep[c.prep.rep_cells] = m.rep_c
    mil = c.prep.mil_act[None, :, None]
    post, L, LU = cen.post, cen.L, cen.LU
    strata: dict[str, np.ndarray] = {}
    for scen, v3, parts in (
        ("documented", rep.reshape(Y, Ha, D), None),
        ("capacity", m.capacity.reshape(Y, Ha, D), parts_cap),
        ("combined", m.comb.reshape(Y, Ha, D), parts_comb),
    ):
        lic_sum = v3[:, :L].sum(axis=1)
        unl_sum = v3[:, L:LU].sum(axis=1)
        unk_sum = v3[:, LU:].sum(axis=1)
        z = {k: np.zeros((Y, D)) for k in ("pre_licensing", "licensed", "unlicensed")}
        pr = parts or z
        strata[f"{scen}:licensed"] = np.where(post, lic_sum, 0.0) + pr["licensed"]
        strata[f"{scen}:unlicensed"] = np.where(post, unl_sum, 0.0) + pr["unlicensed"]
        strata[f"{scen}:licence_unknown"] = np.where(post, unk_sum, 0.0)
        strata[f"{scen}:pre_licensing"] = (
            np.where(post, 0.0, lic_sum + unl_sum + unk_sum) + pr["pre_licensing"]
        )
        strata[f"{scen}:military"] = (v3 * mil).sum(axis=1)
        strata[f"{scen}:civilian"] = (v3 * ~mil).sum(axis=1)
        strata[f"{scen}:imputed"] = pr["pre_licensing"] + pr["licensed"] + pr["unlicensed"]
    return strata


def _capacity_by_organ(
    c: _Chunk, m: _Methods, national_capacity: np.ndarray
) -> dict[str, np.ndarray]:
    """Capacity by organ group: organ-split beds where their sum is what counted; the
    rest of the national capacity is 'unspecified'."""
    prep, b = c.prep, m.beds
    bc = prep.bed_cells
    n_bc = len(bc)
    cap_org = {g: np.zeros((c.Y, c.D)) for g in ORGAN_GROUPS}
    for rows_b, rows_v, spec_sum, val, chosen in (
        (prep.beds, b.t_rows, b.t_spec, b.t_val, b.t_have),
        (prep.dept, b.d_rows, b.d_spec, b.d_val, ~b.t_have & b.dept_have),
    ):
        if not len(rows_v):
            continue
        use_spec = chosen & (spec_sum >= val * (1 - 1e-6)) & (m.cap_have[bc] if n_bc else chosen)
        for gi, g in enumerate(ORGAN_GROUPS[:-1]):
            sel = np.nonzero(rows_b.rows.group == gi)[0]
            if len(sel):
                np.add.at(cap_org[g], rows_b.rows.y[sel], rows_v[sel] * use_spec[rows_b.cell[sel]])
    split = sum(cap_org[g] for g in ORGAN_GROUPS[:-1])
    organ = {f"capacity:{g}": cap_org[g] for g in ORGAN_GROUPS[:-1]}
    organ["capacity:unspecified"] = national_capacity - split
    return organ


def _per_hy(c: _Chunk, m: _Methods) -> dict[str, np.ndarray]:
    """Per scenario and method, the value of every hospital-year (NaN where none)."""
    prep, t, Y, Ha, D = c.prep, c.t, c.Y, c.Ha, c.D

    def dense(cells: np.ndarray, vals: np.ndarray, have: np.ndarray | None) -> np.ndarray:
        out = np.full((c.HY, D), np.nan, DTYPE)
        if len(cells):
            out[cells] = vals if have is None else np.where(have, vals, np.nan)
        return out

    def full(d: np.ndarray) -> np.ndarray:
        out = np.full((Y, t.n_hosp, D), np.nan, DTYPE)
        out[:, prep.act, :] = d.reshape(Y, Ha, D)
        return out.reshape(Y * t.n_hosp, D)

    mr_cells = prep.minreq_cells
    return {
        "documented": full(dense(prep.rep_cells, m.rep_c, None)),
        "capacity": full(np.where(m.cap_have, m.capacity, np.nan)),
        "combined": full(np.where(m.comb_have, m.comb, np.nan)),
        "bed_capacity": full(dense(prep.bed_cells, m.beds.bed, m.beds.bed_have)),
        "minimum_requirement": full(dense(mr_cells, m.mr_h[prep.minreq_h[mr_cells]], None)),
        "personnel": full(dense(prep.surg_cells, m.pers, m.pers_have)),
        "revenue": full(dense(prep.rev_cells, m.rv, None)),
    }


def simulate(
    prep: Prepared,
    params: Mapping[str, np.ndarray],
    u_fig: np.ndarray | None,
    *,
    keep_per_hy: bool = False,
    light: bool = False,
) -> ChunkOut:
    """Evaluate the model for D draws at once.

    ``params``: assumption name -> values, shape (D,). ``u_fig``: uniform(0, 1)
    per figure and draw, shape (F, D), the measurement noise; ``None`` puts every
    figure at the middle of its range (used by the sensitivity analysis, which
    varies the assumptions only). ``light``: national totals only.
    """
    t = prep.table
    D = len(next(iter(params.values())))
    p = {k: np.asarray(v, DTYPE) for k, v in params.items()}
    fac = figure_factors(t.fig_qual, p, u_fig, D)
    occ_of, inv_los_of = occupancy_and_stay(t, p, fac, D)
    c = _Chunk(prep, p, fac, np.floor(p["undated_figure_year"]), occ_of, inv_los_of, D)
    m = _method_values(c)
    # ---- national totals and imputation per stratum and year
    cen = _centres(c)
    parts_cap = cen.impute(c, m.cap_have, m.minward[None, :])
    parts_comb = cen.impute(c, m.comb_have, (m.minward * p["capacity_utilisation"])[None, :])
    nat, imputed = _national(c, m, parts_cap, parts_comb)
    strata: dict[str, np.ndarray] = {}
    organ: dict[str, np.ndarray] = {}
    per_hy: dict[str, np.ndarray] = {}
    if not light:
        strata = _strata(c, m, cen, parts_cap, parts_comb)
        Y, Ha = c.Y, c.Ha
        organ = _organ_split(prep, m.per_group, m.rep_c, nat["documented"], Y, Ha, D)
        organ.update(_capacity_by_organ(c, m, nat["capacity"]))
        if keep_per_hy:
            per_hy = _per_hy(c, m)
    return ChunkOut(nat, imputed, strata, organ, per_hy)


def _organ_split(
    prep: Prepared,
    per_group: np.ndarray | None,
    rep_c: np.ndarray,
    documented: np.ndarray,
    Y: int,
    Ha: int,
    D: int,
) -> dict[str, np.ndarray]:
    """Documented counts by organ: organ-specific figures where their sum is what counted."""
    out = {f"documented:{o}": np.zeros((Y, D)) for o in ORGAN_KEYS}
    if per_group is None or not len(per_group):
        out["documented:unspecified"] = documented.copy()
        return out
    nk = len(ORGAN_KEYS)
    ghy, gk = prep.rep_gkeys // nk, prep.rep_gkeys % nk
    gci = np.searchsorted(prep.rep_cells, ghy)
    spec_sum = np.zeros_like(rep_c)
    _scatter(spec_sum, prep.rep_spec_layers, per_group, np.add, fresh=True)
    used_spec = rep_c <= spec_sum * (1 + 1e-12)
    total = np.zeros((Y, D))
    for oi, o in enumerate(ORGAN_KEYS[:-1]):
        sel = np.nonzero(gk == oi)[0]
        if not len(sel):
            continue
        contrib = np.where(used_spec[gci[sel]], per_group[sel], 0.0)
        acc = np.zeros((Y, D))
        np.add.at(acc, ghy[sel] // Ha, contrib)
        out[f"documented:{o}"] = acc
        total += acc
    out["documented:unspecified"] = documented - total
    return out


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
