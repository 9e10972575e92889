"""Ratio and consistency tests: constant ratios, series that should agree, counter jumps.

Robertson et al. (2019) found internal ratios in China's official data that do
not move the way counted ratios do, and two central datasets (COTRS and the
Red Cross) that disagree where they should be identical. DAFOH reported a
registry counter that rose by exactly 25,000 in one day. These tests put
numbers on such findings.

Pure functions.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy import stats


@dataclass
class RatioResult:
    """Constancy of numerator/denominator across years against counting noise."""

    model: str
    years: list[int]
    ratios: list[float]
    pooled_ratio: float
    chi2: float
    df: int
    p_lower: float
    """P(X² ≤ observed): small when the ratio is steadier than counting allows."""
    p_upper: float
    """P(X² ≥ observed): small when it varies more than counting allows (common in real data)."""


def ratio_constancy(
    years: np.ndarray, numerator: np.ndarray, denominator: np.ndarray, model: str = "poisson"
) -> RatioResult:
    """Chi-square test that numerator_t / denominator_t is one constant r for every year.

    ``poisson`` (e.g. organs per donor): numerator_t ~ Poisson(r·den_t),
    X² = Σ (num_t − r̂·den_t)² / (r̂·den_t), r̂ = Σnum/Σden.
    ``binomial`` (a share, numerator ≤ denominator, e.g. kidneys among organs):
    num_t ~ Binomial(den_t, p), X² = Σ (num_t − p̂·den_t)² / (den_t·p̂(1 − p̂)).
    Under the model X² ~ χ²(n − 1). Both tails are reported: a very small X²
    means the ratio is steadier than independent counts allow.
    """
    t = np.asarray(years, int)
    num = np.asarray(numerator, float)
    den = np.asarray(denominator, float)
    if len(t) < 3:
        raise ValueError("a ratio test needs at least 3 years in common")
    if np.any(den <= 0):
        raise ValueError("denominators must be above zero")
    if model == "poisson":
        r = num.sum() / den.sum()
        exp = r * den
        var = exp
    elif model == "binomial":
        if np.any(num > den):
            raise ValueError("binomial model needs numerator ≤ denominator every year")
        r = num.sum() / den.sum()
        exp = r * den
        var = den * r * (1 - r)
    else:
        raise ValueError("model must be 'poisson' or 'binomial'")
    var = np.maximum(var, 1e-12)
    chi2 = float(np.sum((num - exp) ** 2 / var))
    df = len(t) - 1
    return RatioResult(
        model=model,
        years=t.tolist(),
        ratios=(num / den).tolist(),
        pooled_ratio=float(r),
        chi2=chi2,
        df=df,
        p_lower=float(stats.chi2.cdf(chi2, df)),
        p_upper=float(stats.chi2.sf(chi2, df)),
    )


@dataclass
class EqualityResult:
    """Two series that should be identical, compared year by year."""

    years: list[int]
    a: list[float]
    b: list[float]
    mismatched_years: list[int]
    max_abs_diff: float
    max_rel_diff: float


def cross_consistency(a: pd.DataFrame, b: pd.DataFrame, tolerance: float = 0.0) -> EqualityResult:
    """Years where two year,value series that should agree differ by more than ``tolerance``."""
    m = a.merge(b, on="year", suffixes=("_a", "_b")).sort_values("year")
    if m.empty:
        raise ValueError("the two series have no year in common")
    va = m["value_a"].to_numpy(float)
    vb = m["value_b"].to_numpy(float)
    diff = np.abs(va - vb)
    rel = diff / np.maximum(np.maximum(np.abs(va), np.abs(vb)), 1e-12)
    bad = m["year"][diff > tolerance].astype(int).tolist()
    return EqualityResult(
        years=m["year"].astype(int).tolist(),
        a=va.tolist(),
        b=vb.tolist(),
        mismatched_years=bad,
        max_abs_diff=float(diff.max()),
        max_rel_diff=float(rel.max()),
    )


def trailing_zeros(x: float) -> int:
    """How many zeros a whole number ends in (0 for non-integers and zero itself)."""
    if not float(x).is_integer() or x == 0:
        return 0
    n = int(abs(x))
    z = 0
    while n % 10 == 0:
        n //= 10
        z += 1
    return z


@dataclass
class JumpResult:
    """Increments of a running counter: falls, round-number jumps, outsized jumps."""

    increments: list[float]
    labels: list[str]
    falls: list[str] = field(default_factory=list)
    round_jumps: list[str] = field(default_factory=list)
    max_trailing_zeros: int = 0
    p_round: float = 1.0
    """P(at least one of m increments ends in ≥ z zeros) with uniform last digits:
    1 − (1 − 10^−z)^m, for the roundest increment observed (z zeros)."""
    outliers: list[str] = field(default_factory=list)


def counter_jumps(
    increments: np.ndarray | list[float],
    labels: list[str] | None = None,
    min_round_zeros: int = 3,
    min_size: float = 1000,
    robust_z: float = 5.0,
) -> JumpResult:
    """Examine the increments of a cumulative counter (one per interval, e.g. per day).

    A fall is impossible for a running total. A *round* jump (at least
    ``min_size`` and ending in at least ``min_round_zeros`` zeros, such as
    +25,000 in one day) is unlikely for real registrations: if last digits are
    uniform, an increment ends in z zeros with probability 10^−z. Outsized
    jumps are those more than ``robust_z`` robust standard deviations
    (1.4826·MAD) above the median increment (only with 5 or more increments).
    """
    inc = np.asarray(increments, float)
    labs = labels or [str(i) for i in range(len(inc))]
    res = JumpResult(increments=inc.tolist(), labels=list(labs))
    zeros = [trailing_zeros(v) if abs(v) >= min_size else 0 for v in inc]
    for v, lab, z in zip(inc, labs, zeros, strict=True):
        if v < 0:
            res.falls.append(f"{lab}: {v:+,.0f}")
        if z >= min_round_zeros:
            res.round_jumps.append(f"{lab}: {v:+,.0f}")
    if len(inc):
        zmax = max(zeros)
        res.max_trailing_zeros = zmax
        res.p_round = float(1 - (1 - 10.0**-zmax) ** len(inc)) if zmax > 0 else 1.0
    if len(inc) >= 5:
        med = float(np.median(inc))
        scale = 1.4826 * float(np.median(np.abs(inc - med)))
        if scale > 0:
            for v, lab in zip(inc, labs, strict=True):
                if (v - med) / scale > robust_z:
                    res.outliers.append(f"{lab}: {v:+,.0f}")
    return res
