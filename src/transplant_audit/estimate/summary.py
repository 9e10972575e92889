"""The headline of an estimate: which scenario, which year, which claim it is compared with.

These are analytic choices, so they live with the estimate, not with the report that prints
them (as a statsmodels result has ``summary()``). :func:`headline_summary` is pure: the result's
own tables in, an :class:`EstimateSummary` out; ``EstimateResult.summary()`` calls it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

HEADLINE_SCENARIOS = ("calibrated", "combined", "capacity", "documented")
"""Scenario preference for headline figures: the first one a table has is shown."""
OFFICIAL_PARTIES = ("chinese_official", "state_media")
"""Claimants whose figures the headline compares with first (other claims if none)."""
P_CLAIM = "p_claim_at_or_above_estimate"
DRIVEN_THROUGH = {"calibrated": "capacity"}
"""Scenarios the assumptions reach only through another scenario's total: the calibrated one
is the national capacity times a utilisation drawn from the calibrated model's posterior (not
an assumption), so its drivers among the assumptions are those of the capacity."""


@dataclass(frozen=True)
class Interval:
    """A median with its 90% interval (5th and 95th percentiles over Monte Carlo draws)."""

    median: float
    p05: float
    p95: float


@dataclass(frozen=True)
class ClaimComparison:
    """One published claim next to the estimate of its year (``EstimateResult.comparison``)."""

    claim_id: str
    year: int
    claimant: str
    party: str
    value: float
    ratio: Interval
    """estimate ÷ claim over draws."""
    p_claim_at_or_above_estimate: float | None
    source_ids: tuple[str, ...]


@dataclass(frozen=True)
class ImpliedUse:
    """The capacity utilisation a claim requires (``EstimateResult.implied_utilisation``)."""

    year: int
    value: float
    utilisation: Interval


@dataclass(frozen=True)
class EstimateSummary:
    """The figures a headline needs, chosen by the estimate; a report only formats them."""

    scenario: str
    year: int
    estimate: Interval
    claim: ClaimComparison | None
    """The official claim nearest ``evidence_year`` (latest on ties), else any claim."""
    evidence_year: int | None
    """The year with the most hospital evidence, which chose the claim (None: no claim)."""
    implied: ImpliedUse | None
    imputed_share: float | None
    drivers: tuple[str, ...]
    """Assumptions with the largest total Sobol index, largest first."""
    sensitivity_year: int | None
    drivers_scenario: str = ""
    """The scenario whose Sobol indices chose ``drivers`` (``drivers_scenario``): the
    headline scenario itself, or the one it reaches the assumptions through."""


def drivers_scenario(scenario: str) -> str:
    """The scenario whose Sobol indices say which assumptions move ``scenario``."""
    return DRIVEN_THROUGH.get(scenario, scenario)


def preferred_scenario(scenarios: Iterable[object]) -> str:
    """The first of ``HEADLINE_SCENARIOS`` among ``scenarios``, else the first given."""
    have = list(dict.fromkeys(str(s) for s in scenarios))
    if not have:
        raise ValueError("no scenario to choose from")
    return next((s for s in HEADLINE_SCENARIOS if s in have), have[0])


def anchor_year(sensitivity_year: int | None, years: set[int]) -> int:
    """The year with the most hospital evidence if it is estimated, else the latest year."""
    if sensitivity_year is not None and sensitivity_year in years:
        return sensitivity_year
    return max(years)


def _nearest_claim(comparison: pd.DataFrame, years: set[int], anchor: int) -> pd.Series | None:
    """The claim row nearest ``anchor`` (latest on ties), official claimants first.

    Far from the best-evidenced year the carry-over assumptions, not hospital figures,
    drive the estimate, so the headline compares where the evidence is.
    """
    comp = comparison[pd.to_numeric(comparison["year"], errors="coerce").isin(years)]
    official = comp[comp["party"].astype(str).isin(OFFICIAL_PARTIES)]
    pool = official if len(official) else comp
    if not len(pool):
        return None
    year = pd.to_numeric(pool["year"])
    order = pd.DataFrame({"d": (year - anchor).abs(), "y": -year})
    return pool.loc[order.sort_values(["d", "y"]).index[0]]


def _claim(row: pd.Series, official: pd.DataFrame) -> ClaimComparison:
    sources = official[official["claim_id"].astype(str) == str(row["claim_id"])]["source_id"]
    p = row.get(P_CLAIM)
    return ClaimComparison(
        claim_id=str(row["claim_id"]),
        year=int(row["year"]),
        claimant=str(row.get("claimant", "")),
        party=str(row.get("party", "")),
        value=float(row["value"]),
        ratio=Interval(
            float(row["ratio_median"]), float(row["ratio_p05"]), float(row["ratio_p95"])
        ),
        p_claim_at_or_above_estimate=None if p is None or pd.isna(p) else float(p),
        source_ids=tuple(sources.astype(str)),
    )


def _implied(implied: pd.DataFrame, claim: ClaimComparison) -> ImpliedUse | None:
    """The claim's implied utilisation (its upper end when the claim is a range)."""
    if not len(implied):
        return None
    sel = implied[
        (implied["claim_id"].astype(str) == claim.claim_id)
        & (implied["year"].astype(int) == claim.year)
    ]
    if not len(sel):
        return None
    r = sel.iloc[-1]
    return ImpliedUse(
        year=int(r["year"]),
        value=float(r["value"]),
        utilisation=Interval(
            float(r["implied_utilisation_median"]),
            float(r["implied_utilisation_p05"]),
            float(r["implied_utilisation_p95"]),
        ),
    )


def top_drivers(sensitivity: pd.DataFrame, n: int) -> tuple[str, ...]:
    """The ``n`` assumptions with the largest total Sobol index (ST), largest first."""
    if n <= 0 or not len(sensitivity):
        return ()
    top = sensitivity.sort_values("ST", ascending=False).head(n)
    return tuple(top["assumption"].astype(str))


def headline_summary(
    national: pd.DataFrame,
    comparison: pd.DataFrame,
    official: pd.DataFrame,
    implied: pd.DataFrame,
    *,
    imputed_share: float | None,
    sensitivity: pd.DataFrame,
    sensitivity_year: int | None,
    drivers: int = 2,
) -> EstimateSummary:
    """Choose the headline scenario, year and claim from an estimate's tables.

    ``national``, ``comparison``, ``official`` and ``implied`` are the frames of
    ``EstimateResult.national()``, ``.comparison()``, ``.official()`` and
    ``.implied_utilisation()`` (``comparison`` of the headline scenario, the first of
    ``HEADLINE_SCENARIOS`` that ``national`` has); ``sensitivity`` that of
    ``.sensitivity(scenario=drivers_scenario(headline scenario))`` (may be empty).
    The headline year is the claim's year, or the latest estimated year without a claim.
    """
    scenario = preferred_scenario(national["scenario"])
    if len(comparison) and set(comparison["scenario"].astype(str)) != {scenario}:
        raise ValueError(
            f"the comparison is of scenario(s) {sorted(set(comparison['scenario']))}, "
            f"the headline of {scenario}: the ratio must be the headline estimate's"
        )
    rows = national[(national["scenario"].astype(str) == scenario) & national["median"].notna()]
    if rows.empty:
        raise ValueError(f"the {scenario} scenario has no estimated year")
    years = set(rows["year"].astype(int))
    claim = evidence_year = None
    if len(comparison):
        evidence_year = anchor_year(sensitivity_year, years)
        row = _nearest_claim(comparison, years, evidence_year)
        claim = _claim(row, official) if row is not None else None
        evidence_year = evidence_year if claim is not None else None
    year = claim.year if claim is not None else max(years)
    at = rows[rows["year"].astype(int) == year].iloc[0]
    share = None if imputed_share is None or pd.isna(imputed_share) else float(imputed_share)
    return EstimateSummary(
        scenario=scenario,
        year=year,
        estimate=Interval(float(at["median"]), float(at["p05"]), float(at["p95"])),
        claim=claim,
        evidence_year=evidence_year,
        implied=_implied(implied, claim) if claim is not None else None,
        imputed_share=share,
        drivers=top_drivers(sensitivity, drivers),
        sensitivity_year=sensitivity_year,
        drivers_scenario=drivers_scenario(scenario),
    )
