"""``EstimateResult``: the labelled result of one run, with intervals and provenance.

Holds the draws of the national totals (all draws), of the splits (the first
``keep_split`` draws) and of each hospital-year (the first ``keep_hospital``
draws), and turns them into DataFrames on request. Nothing here reads files.
"""

# ruff: noqa: N803, N806  (array dimensions use their usual capital letters: H, Y, D, HY)
from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from transplant_audit.estimate.assumptions import Assumption
from transplant_audit.estimate.engine import ORGAN_KEYS, SCENARIOS, Prepared
from transplant_audit.estimate.summary import (
    EstimateSummary,
    drivers_scenario,
    headline_summary,
    preferred_scenario,
)
from transplant_audit.jsonvalue import plain

STAT_COLUMNS = ["mean", "median", "p025", "p05", "p25", "p75", "p95", "p975"]
_QS = np.array([0.025, 0.05, 0.25, 0.75, 0.95, 0.975])


def summarise(draws: np.ndarray) -> np.ndarray:
    """Rows of draws (R, N) -> (R, 8): mean, median, p2.5, p5, p25, p75, p95, p97.5."""
    if draws.shape[-1] == 0:
        return np.full((draws.shape[0], len(STAT_COLUMNS)), np.nan)
    mean = np.mean(draws, axis=-1)
    qs = np.quantile(draws, np.concatenate(([0.5], _QS)), axis=-1)
    return np.column_stack([mean, qs[0], *qs[1:]])


ANNUAL_CLAIM_COLUMNS: list[str] = [
    "year",
    "claim_id",
    "quantity",
    "claimant",
    "party",
    "value_low",
    "value_high",
    "value",
    "source_id",
    "locator",
]
"""Columns of ``annual_claims`` and ``EstimateResult.official()``."""


@dataclass
class EstimateResult:
    """National, per-hospital and split estimates with their provenance.

    Methods return DataFrames with stable column names (the report and the
    ``--json`` output depend on them; see docs/estimate.md).
    """

    years: np.ndarray
    scenarios: tuple[str, ...]
    draws: int
    seed: int
    assumptions: dict[str, Assumption]
    national_draws: dict[str, np.ndarray]  # scenario -> (Y, draws)
    imputed_draws: dict[str, np.ndarray]
    split_draws: dict[str, np.ndarray]  # "scenario:group" -> (Y, keep_split)
    organ_draws: dict[str, np.ndarray]
    hy_draws: dict[str, np.ndarray]  # scenario/method -> (HY, keep_hospital)
    prepared: Prepared
    claims: pd.DataFrame
    evidence_sources: pd.DataFrame
    observations: pd.DataFrame
    inputs_digest: str
    notes: list[str] = field(default_factory=list)
    capacity_total_draws: np.ndarray | None = None
    """(Y, draws) national capacity, kept whatever scenarios were asked for (implied use)."""
    calibration: dict[str, Any] = field(default_factory=dict)
    """The calibrated model: priors, diagnostics, disclosure curve (``calibrated.summary``)."""
    validation: list[dict[str, Any]] = field(default_factory=list)
    """Rows check, nominal, coverage, n (leave_one_hospital_out, synthetic_truth)."""
    investigators: list[dict[str, Any]] = field(default_factory=list)
    """Investigators' methods next to their published headline (``api._add_investigators``)."""
    disputed_left_out: int = 0
    """Figures left out because a reviewer disputed them (``include_disputed`` adds them)."""
    _sensitivity_fn: Callable[..., Any] | None = None
    _cache: dict[str, Any] = field(default_factory=dict)

    # ---------------------------------------------------------------- national
    def national(self) -> pd.DataFrame:
        """year, scenario, mean, median, p025, p05, p25, p75, p95, p975 (transplants per year)."""
        return self._by_year(lambda draws: draws)

    def cumulative(self) -> pd.DataFrame:
        """Running total since the first year: year, scenario and the same statistics."""
        return self._by_year(lambda draws: np.cumsum(draws, axis=0))

    def _by_year(self, transform: Callable[[np.ndarray], np.ndarray]) -> pd.DataFrame:
        """Per scenario and year the statistics of ``transform`` of its national draws."""
        rows = []
        for scen in self.scenarios:
            stats = summarise(transform(self.national_draws[scen]))
            for yi, y in enumerate(self.years):
                rows.append(
                    {
                        "year": int(y),
                        "scenario": scen,
                        **dict(zip(STAT_COLUMNS, stats[yi], strict=True)),
                    }
                )
        return pd.DataFrame(rows, columns=["year", "scenario", *STAT_COLUMNS])

    @property
    def imputed_share(self) -> float:
        """Share of the combined total (all years, mean over draws) that is imputed."""
        if "combined" not in self.national_draws:
            return math.nan
        tot = float(self.national_draws["combined"].sum(axis=0).mean())
        imp = float(self.imputed_draws["combined"].sum(axis=0).mean())
        return imp / tot if tot > 0 else math.nan

    def imputed(self) -> pd.DataFrame:
        """year, scenario, imputed_mean, total_mean, imputed_share."""
        rows = []
        for scen in self.scenarios:
            imp = self.imputed_draws[scen].mean(axis=1)
            tot = self.national_draws[scen].mean(axis=1)
            for yi, y in enumerate(self.years):
                share = imp[yi] / tot[yi] if tot[yi] > 0 else math.nan
                rows.append(
                    {
                        "year": int(y),
                        "scenario": scen,
                        "imputed_mean": imp[yi],
                        "total_mean": tot[yi],
                        "imputed_share": share,
                    }
                )
        return pd.DataFrame(rows)

    # ---------------------------------------------------------------- splits
    def _split(self, source: dict[str, np.ndarray], column: str) -> pd.DataFrame:
        rows = []
        for key, arr in source.items():
            scen, group = key.split(":", 1)
            stats = summarise(arr)
            for yi, y in enumerate(self.years):
                rows.append(
                    {
                        "year": int(y),
                        "scenario": scen,
                        column: group,
                        **dict(zip(STAT_COLUMNS, stats[yi], strict=True)),
                    }
                )
        return pd.DataFrame(rows, columns=["year", "scenario", column, *STAT_COLUMNS])

    def by_stratum(self) -> pd.DataFrame:
        """year, scenario, stratum, stats.

        stratum: licensed, unlicensed, licence_unknown, pre_licensing, military, civilian,
        imputed. ``licence_unknown``: hospitals whose licence status is not known (never
        counted as unlicensed).

        licensed + unlicensed + licence_unknown + pre_licensing = total;
        military + civilian + imputed = total
        (the military status of imputed centres is unknown).
        """
        return self._split(self.split_draws, "stratum")

    def by_organ(self) -> pd.DataFrame:
        """year, scenario, organ, stats: documented counts by organ and capacity by organ group.

        Organ-split figures count where their sum is what the rule used; the rest,
        including imputed centres, is 'unspecified'.
        """
        return self._split(self.organ_draws, "organ")

    def by_hospital(self) -> pd.DataFrame:
        """hospital_id, year, scenario, stats, methods used: every hospital-year with a value."""
        t = self.prepared.table
        H = t.n_hosp
        rows = []
        for scen in self.scenarios:
            if scen not in self.hy_draws:  # national-only scenarios (calibrated)
                continue
            arr = self.hy_draws[scen]
            has = ~np.isnan(arr).all(axis=1)
            idx = np.nonzero(has)[0]
            if not len(idx):
                continue
            stats = summarise(np.nan_to_num(arr[idx]))
            meth = self._methods_at(idx)
            for j, hy in enumerate(idx):
                rows.append(
                    {
                        "hospital_id": t.hospital_ids[hy % H],
                        "year": int(t.years[hy // H]),
                        "scenario": scen,
                        **dict(zip(STAT_COLUMNS, stats[j], strict=True)),
                        "methods": meth[j],
                    }
                )
        return pd.DataFrame(
            rows, columns=["hospital_id", "year", "scenario", *STAT_COLUMNS, "methods"]
        )

    def _methods_at(self, idx: np.ndarray) -> list[str]:
        names = ("reported", "bed_capacity", "minimum_requirement", "personnel", "revenue")
        keys = ("documented", "bed_capacity", "minimum_requirement", "personnel", "revenue")
        present = [~np.isnan(self.hy_draws[k][idx]).all(axis=1) for k in keys]
        return [
            ";".join(n for n, p in zip(names, col, strict=True) if p)
            for col in zip(*present, strict=True)
        ]

    # ---------------------------------------------------------------- claims
    def official(self) -> pd.DataFrame:
        """Annual all-organ claims, one row per claim and year.

        Columns: year, claim_id, quantity, claimant, party, value_low, value_high, value,
        source_id, locator.
        """
        cols = ANNUAL_CLAIM_COLUMNS
        return self.claims[cols].copy() if len(self.claims) else pd.DataFrame(columns=cols)

    def comparison(self, scenario: str = "combined") -> pd.DataFrame:
        """Each claim-year next to the estimate: ratio estimate / claim and P(claim >= estimate)."""
        cols = [
            "year",
            "claim_id",
            "claimant",
            "party",
            "value",
            "scenario",
            "estimate_median",
            "ratio_median",
            "ratio_p05",
            "ratio_p95",
            "p_claim_at_or_above_estimate",
        ]
        off = self.official()
        if not len(off) or scenario not in self.national_draws:
            return pd.DataFrame(columns=cols)
        rows = []
        ymap = {int(y): i for i, y in enumerate(self.years)}
        for rec in off.to_dict("records"):
            yi = ymap.get(int(rec["year"]))
            if yi is None or not rec["value"] or math.isnan(rec["value"]):
                continue
            est = self.national_draws[scenario][yi]
            ratio = est / rec["value"]
            rows.append(
                {
                    "year": int(rec["year"]),
                    "claim_id": rec["claim_id"],
                    "claimant": rec["claimant"],
                    "party": rec["party"],
                    "value": rec["value"],
                    "scenario": scenario,
                    "estimate_median": float(np.median(est)),
                    "ratio_median": float(np.median(ratio)),
                    "ratio_p05": float(np.quantile(ratio, 0.05)),
                    "ratio_p95": float(np.quantile(ratio, 0.95)),
                    "p_claim_at_or_above_estimate": float(np.mean(rec["value"] >= est)),
                }
            )
        return pd.DataFrame(rows, columns=cols)

    # ---------------------------------------------------------------- backtest
    def check(self) -> pd.DataFrame:
        """Backtest: every hospital-year where an own count and a capacity method both exist.

        Columns: hospital_id, year, method, reported_median, method_p05, method_median,
        method_p95, ratio_median (reported / method), ratio_p05, ratio_p95,
        covered (reported median inside the method's 90% interval), below_p95.
        """
        t = self.prepared.table
        H = t.n_hosp
        rep = self.hy_draws["documented"]
        rows = []
        for method in ("bed_capacity", "minimum_requirement", "personnel", "revenue"):
            m = self.hy_draws[method]
            both = ~np.isnan(rep).all(axis=1) & ~np.isnan(m).all(axis=1)
            for hy in np.nonzero(both)[0]:
                r, c = rep[hy], m[hy]
                ok = ~np.isnan(r) & ~np.isnan(c) & (c > 0)
                if not ok.any():
                    continue
                ratio = r[ok] / c[ok]
                rq = float(np.median(r[ok]))
                c05, c50, c95 = np.quantile(c[ok], [0.05, 0.5, 0.95])
                rows.append(
                    {
                        "hospital_id": t.hospital_ids[hy % H],
                        "year": int(t.years[hy // H]),
                        "method": method,
                        "reported_median": rq,
                        "method_p05": c05,
                        "method_median": c50,
                        "method_p95": c95,
                        "ratio_median": float(np.median(ratio)),
                        "ratio_p05": float(np.quantile(ratio, 0.05)),
                        "ratio_p95": float(np.quantile(ratio, 0.95)),
                        "covered": bool(c05 <= rq <= c95),
                        "below_p95": bool(rq <= c95),
                    }
                )
        return pd.DataFrame(
            rows,
            columns=[
                "hospital_id",
                "year",
                "method",
                "reported_median",
                "method_p05",
                "method_median",
                "method_p95",
                "ratio_median",
                "ratio_p05",
                "ratio_p95",
                "covered",
                "below_p95",
            ],
        )

    def check_summary(self) -> pd.DataFrame:
        """Per method: hospital-years, median ratio reported/method, share covered, share <= p95."""
        c = self.check()
        if not len(c):
            return pd.DataFrame(
                columns=[
                    "method",
                    "hospital_years",
                    "hospitals",
                    "ratio_median",
                    "share_covered",
                    "share_below_p95",
                ]
            )
        g = c.groupby("method")
        return pd.DataFrame(
            {
                "hospital_years": g.size(),
                "hospitals": g["hospital_id"].nunique(),
                "ratio_median": g["ratio_median"].median(),
                "share_covered": g["covered"].mean(),
                "share_below_p95": g["below_p95"].mean(),
            }
        ).reset_index()

    # ---------------------------------------------------------------- sensitivity
    def sensitivity(
        self, n: int = 1024, year: int | None = None, scenario: str = "combined"
    ) -> pd.DataFrame:
        """Sobol indices of the national total in ``year``: assumption, S1, S1_conf, ST, ST_conf."""
        key = f"sobol:{n}:{year}:{scenario}"
        if key not in self._cache:
            from transplant_audit.estimate.sensitivity import sobol_indices

            assert self._sensitivity_fn is not None
            runs_key = f"sobol-runs:{n}:{year}"  # one design and model run for every scenario
            if runs_key not in self._cache:
                self._cache[runs_key] = self._sensitivity_fn("sobol_runs", n=n, year=year)
            self._cache[key] = sobol_indices(self._cache[runs_key], scenario)
        return self._cache[key]

    def tornado(self, year: int | None = None, scenario: str = "combined") -> pd.DataFrame:
        """One at a time: assumption, low_value, high_value, total_at_low, total_at_high, swing."""
        key = f"tornado:{year}:{scenario}"
        if key not in self._cache:
            assert self._sensitivity_fn is not None
            self._cache[key] = self._sensitivity_fn("tornado", year=year, scenario=scenario)
        return self._cache[key]

    def sensitivity_year(self) -> int:
        """Default sensitivity year: most hospital-years with evidence (the latest on ties)."""
        t = self.prepared.table
        H = t.n_hosp
        arr = self.hy_draws.get("combined")
        if arr is None or not len(arr):
            return int(self.years[-1])
        has = (~np.isnan(arr).all(axis=1)).reshape(len(self.years), H).sum(axis=1)
        best = np.nonzero(has == has.max())[0][-1]
        return int(self.years[best])

    # ---------------------------------------------------------------- implied utilisation
    def implied_utilisation(self) -> pd.DataFrame:
        """For each published national yearly claim (each end of a range), the capacity
        utilisation it requires: claim / national capacity, per draw of the capacity model.

        Needs no utilisation prior: every other assumption still varies.
        Columns: claim_id, year, claimant, party, value, implied_utilisation_median,
        implied_utilisation_p05, implied_utilisation_p95.
        """
        cols = [
            "claim_id",
            "year",
            "claimant",
            "party",
            "value",
            "implied_utilisation_median",
            "implied_utilisation_p05",
            "implied_utilisation_p95",
        ]
        cap = self.capacity_total_draws
        if cap is None or not len(self.claims):
            return pd.DataFrame(columns=cols)
        year_index = {int(y): i for i, y in enumerate(self.years)}
        rows = []
        for rec in self.claims.to_dict("records"):
            yi = year_index.get(int(rec["year"]))
            if yi is None:
                continue
            for value in sorted({float(rec["value_low"]), float(rec["value_high"])}):
                if math.isnan(value):
                    continue
                u = implied_utilisation(value, cap[yi])
                rows.append(
                    {
                        "claim_id": rec["claim_id"],
                        "year": int(rec["year"]),
                        "claimant": rec["claimant"],
                        "party": rec["party"],
                        "value": value,
                        "implied_utilisation_median": float(np.median(u)),
                        "implied_utilisation_p05": float(np.quantile(u, 0.05)),
                        "implied_utilisation_p95": float(np.quantile(u, 0.95)),
                    }
                )
        return pd.DataFrame(rows, columns=cols)

    # ---------------------------------------------------------------- headline
    def summary(self, drivers: int = 2) -> EstimateSummary:
        """The headline figures: scenario, year, interval, the claim compared with, the
        utilisation it implies, the imputed share and the ``drivers`` assumptions that widen
        the interval most (Sobol ST; ``drivers=0`` skips the sensitivity analysis).

        The ratio estimate ÷ claim is that of the headline scenario, so the headline's
        estimate, claim and ratio agree with each other; so are the drivers (the calibrated
        scenario's are those of the capacity it scales: it draws no utilisation assumption)."""
        nat = self.national()
        scenario = preferred_scenario(nat["scenario"])
        return headline_summary(
            nat,
            self.comparison(scenario),
            self.official(),
            self.implied_utilisation(),
            imputed_share=self.imputed_share,
            sensitivity=(
                self.sensitivity(scenario=drivers_scenario(scenario))
                if drivers > 0
                else pd.DataFrame()
            ),
            sensitivity_year=self.sensitivity_year(),
            drivers=drivers,
        )

    # ---------------------------------------------------------------- provenance
    def explain(self, hospital_id: str, year: int) -> dict[str, Any]:
        """The derivation of one hospital-year: methods, values, observations, assumptions."""
        from transplant_audit.estimate.provenance import explain

        return explain(self, hospital_id, year)

    # ---------------------------------------------------------------- serialisation
    def to_dict(
        self, *, with_sensitivity: bool = True, sensitivity_n: int = 1024
    ) -> dict[str, Any]:
        """The ``--json`` structure (documented in docs/estimate.md; stable keys)."""

        def recs(df: pd.DataFrame) -> list[dict[str, Any]]:
            return [{k: plain(v) for k, v in r.items()} for r in df.to_dict("records")]

        nat = self.national()
        out: dict[str, Any] = {
            "schema": "transplant-audit/estimate/1",
            "inputs_digest": self.inputs_digest,
            "draws": self.draws,
            "seed": self.seed,
            "years": [int(y) for y in self.years],
            "scenarios": list(self.scenarios),
            "national": recs(nat),
            "cumulative": recs(self.cumulative()),
            "imputed_share": plain(self.imputed_share),
            "imputed": recs(self.imputed()),
            "official": recs(self.official()),
            "comparison": recs(self.comparison()),
            "by_hospital": recs(self.by_hospital()),
            "by_stratum": recs(self.by_stratum()),
            "by_organ": recs(self.by_organ()),
            "check": recs(self.check()),
            "check_summary": recs(self.check_summary()),
            "assumptions": [
                {
                    "name": a.name,
                    "distribution": a.distribution,
                    "low": a.low,
                    "mode": a.mode,
                    "high": a.high,
                    "unit": a.unit,
                    "justification": a.justification,
                    "source_ids": list(a.source_ids),
                    "origin": a.origin,
                }
                for a in self.assumptions.values()
            ],
            "notes": list(self.notes),
            "disputed_left_out": int(self.disputed_left_out),
            "investigators": plain(self.investigators),
            "implied_utilisation": recs(self.implied_utilisation()),
            "calibration": plain(self.calibration),
            "validation": [
                {k: plain(r[k]) for k in ("check", "nominal", "coverage", "n")}
                for r in self.validation
            ],
        }
        if with_sensitivity:
            out["sensitivity_year"] = self.sensitivity_year()
            out["sensitivity"] = recs(self.sensitivity(n=sensitivity_n))
            out["tornado"] = recs(self.tornado())
        return out


def implied_utilisation(claim: float, capacity: np.ndarray) -> np.ndarray:
    """Utilisation a national claim requires: claim / capacity (per draw; NaN where the
    capacity is 0, which no utilisation can meet; shown as null in --json)."""
    cap = np.asarray(capacity, float)
    return np.where(cap > 0, claim / np.where(cap > 0, cap, 1.0), np.nan)


__all__ = ["EstimateResult", "STAT_COLUMNS", "summarise", "SCENARIOS", "ORGAN_KEYS"]
