"""Simple formulas fitted to a year → value series, and forward prediction.

Robertson, Hinde & Lavee (BMC Medical Ethics 20:79, 2019) found that China's
official deceased-donor counts for 2010–2018 follow a general quadratic with
adjusted R² 0.9995 and, with later data, a one-parameter quadratic
a·(t − t0)². Real annual counts wander around any smooth curve by at least
counting (Poisson) noise. This module fits the candidate formulas and measures
how well they fit (R², adjusted R², AIC) and how well a fit on early years
predicts the later ones compared with what count noise allows.

All functions are pure: arrays in, dataclasses out.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial

import numpy as np
import pandas as pd
from scipy import optimize, stats

FORMULAS: tuple[str, ...] = ("linear", "quadratic", "quadratic_1p", "cubic", "exponential")
"""Formula names, in the order they are reported."""

FORMULA_TEXT: dict[str, str] = {
    "linear": "b0 + b1*(t - tc)",
    "quadratic": "b0 + b1*(t - tc) + b2*(t - tc)^2",
    "quadratic_1p": "a*(t - t0)^2",
    "cubic": "b0 + b1*(t - tc) + b2*(t - tc)^2 + b3*(t - tc)^3",
    "exponential": "A*exp(b*(t - tc))",
}
"""Each formula in plain notation; ``tc`` is the mean year (centering keeps fits stable)."""


@dataclass
class FitResult:
    """One formula fitted by least squares to one series."""

    formula: str
    params: dict[str, float]
    k: int
    """Number of fitted parameters (a chosen t0 is not fitted and does not count)."""
    n: int
    years: np.ndarray
    values: np.ndarray
    fitted: np.ndarray
    rss: float
    r2: float
    adj_r2: float
    aic: float
    ok: bool = True
    reason: str = ""
    _predict: Callable[[np.ndarray], np.ndarray] | None = field(default=None, repr=False)

    def predict(self, years: Sequence[float] | np.ndarray) -> np.ndarray:
        """Values the formula gives for ``years``."""
        if self._predict is None:
            return np.full(len(np.asarray(years)), np.nan)
        return self._predict(np.asarray(years, dtype=float))

    @property
    def residuals(self) -> np.ndarray:
        return self.values - self.fitted

    def as_row(self) -> dict[str, object]:
        return {
            "formula": self.formula,
            "expression": FORMULA_TEXT[self.formula],
            "k": self.k,
            "n": self.n,
            "r2": self.r2,
            "adj_r2": self.adj_r2,
            "aic": self.aic,
            "rss": self.rss,
            "params": dict(self.params),
            "ok": self.ok,
            "reason": self.reason,
        }


def adjusted_r2(rss: np.ndarray | float, tss: np.ndarray | float, n: int, k: int) -> np.ndarray:
    """Adjusted R² = 1 − (RSS/(n−k)) / (TSS/(n−1)) (NaN when n ≤ k or TSS = 0). Arrays work."""
    rss_a = np.asarray(rss, float)
    tss_a = np.asarray(tss, float)
    with np.errstate(divide="ignore", invalid="ignore"):
        adj = 1.0 - (rss_a / (n - k)) / (tss_a / (n - 1))
    return np.where((tss_a > 0) & (n > k), adj, np.nan)


def goodness(values: np.ndarray, fitted: np.ndarray, k: int) -> tuple[float, float, float, float]:
    """RSS, R², adjusted R² and AIC of a least-squares fit with ``k`` parameters.

    R² = 1 − RSS/TSS with TSS about the mean (the same for every formula, so
    the models compare on one scale). Adjusted R² = 1 − (RSS/(n−k)) / (TSS/(n−1)),
    the usual form where k counts every fitted parameter including the intercept.
    AIC = n·ln(RSS/n) + 2k (Gaussian errors, constant dropped; Burnham & Anderson
    2002, eq. 2.13). RSS is floored at 1e-12·TSS so a perfect fit stays finite.
    """
    y = np.asarray(values, float)
    n = len(y)
    rss = float(np.sum((y - fitted) ** 2))
    tss = float(np.sum((y - y.mean()) ** 2))
    r2 = 1.0 - rss / tss if tss > 0 else float("nan")
    adj = float(adjusted_r2(rss, tss, n, k))
    floor = max(tss, 1.0) * 1e-12
    aic = n * float(np.log(max(rss, floor) / n)) + 2 * k
    return rss, r2, adj, aic


def ols_fitted(x: np.ndarray, ys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Least squares of every column of ``ys`` (n × m) on the design ``x`` (n × p), via QR.

    Returns (coefficients p × m, fitted n × m). One small QR for all columns: much
    faster than an SVD-based solver per call with thousands of columns, and as stable.
    """
    q, r = np.linalg.qr(x)
    qty = q.T @ ys
    return np.linalg.solve(r, qty), q @ qty


def quadratic_batch(t: np.ndarray, ys: np.ndarray) -> np.ndarray:
    """Ordinary least-squares general quadratic for every column of ``ys`` (n × m): RSS per column.

    The paper's fit (Robertson et al. 2019), in (t − mean t) for numerical stability.
    """
    s = np.asarray(t, float) - float(np.mean(t))
    _, fitted = ols_fitted(np.vander(s, 3, increasing=True), ys)
    return np.sum((ys - fitted) ** 2, axis=0)


def profile_quadratic_1p(
    t: np.ndarray, ys: np.ndarray, grid_points: int = 801
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Least-squares a·(t − t0)² with t0 fitted, for every column of ``ys`` (n × m).

    For fixed t0 the best a is closed-form, a = Σy·x / Σx² with x = (t − t0)²; t0 is
    searched on a grid from 3 spans before the first year to the last year, then on
    a 41-point grid one step either side of each column's best point, then by a
    parabola through the three best points. Returns (a, t0, RSS), one per column.
    """
    t = np.asarray(t, float)
    ys = np.asarray(ys, float)
    span = float(t.max() - t.min()) + 1.0
    lo, hi = float(t.min()) - 3 * span, float(t.max())
    grid = np.linspace(lo, hi, grid_points)
    step = grid[1] - grid[0]

    def rss_on(c: np.ndarray) -> tuple[np.ndarray, np.ndarray]:  # c: g × m (or g × 1)
        x = (t[None, :, None] - c[:, None, :]) ** 2  # g × n × m
        sxx = np.sum(x * x, axis=1)
        a = np.where(sxx > 0, np.sum(x * ys[None], axis=1) / np.where(sxx > 0, sxx, 1), 0.0)
        rss = np.sum((ys[None] - a[:, None, :] * x) ** 2, axis=1)
        return rss, a

    m = ys.shape[1]
    best = np.empty(m)
    for start in range(0, m, 256):  # bounded memory: grid × n × 256 columns at a time
        cols = slice(start, min(m, start + 256))
        rss = _grid_rss(t, ys[:, cols], grid)
        best[cols] = grid[np.argmin(rss, axis=0)]
    fine = best[None, :] + np.linspace(-step, step, 41)[:, None]
    fine = np.clip(fine, lo, hi)
    rss_f, _ = rss_on(fine)
    i = np.clip(np.argmin(rss_f, axis=0), 1, 39)
    cols = np.arange(m)
    c0, c1 = fine[i - 1, cols], fine[i, cols]
    r0, r1, r2 = rss_f[i - 1, cols], rss_f[i, cols], rss_f[i + 1, cols]
    den = r0 - 2 * r1 + r2
    with np.errstate(divide="ignore", invalid="ignore"):
        vertex = c1 + 0.5 * (c1 - c0) * (r0 - r2) / den
    cand = np.where((den > 0) & (np.abs(vertex - c1) <= (c1 - c0)), vertex, c1)
    rss_c, _ = rss_on(cand[None, :])
    use = rss_c[0] <= r1
    t0 = np.where(use, cand, c1)
    rss_final, a_final = rss_on(t0[None, :])
    return a_final[0], t0, rss_final[0]


def _grid_rss(t: np.ndarray, ys: np.ndarray, grid: np.ndarray) -> np.ndarray:
    """RSS of the best a·(t − c)² for every grid point c (rows) and column of ``ys``."""
    x = (t[None, :] - grid[:, None]) ** 2  # g × n
    sxx = np.sum(x * x, axis=1)  # g
    sxy = x @ ys  # g × m
    syy = np.sum(ys * ys, axis=0)  # m
    with np.errstate(divide="ignore", invalid="ignore"):
        rss = syy[None, :] - np.where(sxx[:, None] > 0, sxy**2 / sxx[:, None], 0.0)
    return rss


def _result(
    formula: str,
    params: dict[str, float],
    k: int,
    t: np.ndarray,
    y: np.ndarray,
    fn: Callable[[np.ndarray], np.ndarray],
) -> FitResult:
    fitted = fn(t)
    rss, r2, adj, aic = goodness(y, fitted, k)
    return FitResult(
        formula, params, k, len(y), t.astype(int), y, fitted, rss, r2, adj, aic, _predict=fn
    )


def _failed(formula: str, t: np.ndarray, y: np.ndarray, reason: str, k: int) -> FitResult:
    nan = float("nan")
    return FitResult(
        formula,
        {},
        k,
        len(y),
        t.astype(int),
        y,
        np.full(len(y), nan),
        nan,
        nan,
        nan,
        nan,
        ok=False,
        reason=reason,
    )


# The fitted formulas as module-level functions (bound with functools.partial), so a fit
# can be pickled, e.g. to hand results from one process to another.
def _polynomial_at(x: np.ndarray, coef: np.ndarray, tc: float) -> np.ndarray:
    return np.polynomial.polynomial.polyval(np.asarray(x, float) - tc, coef)


def _quadratic_1p_at(x: np.ndarray, a: float, c0: float) -> np.ndarray:
    return a * (np.asarray(x, float) - c0) ** 2


def _exponential_at(x: np.ndarray, amp: float, b: float, tc: float) -> np.ndarray:
    return amp * np.exp(b * (np.asarray(x, float) - tc))


def fit_polynomial(years: np.ndarray, values: np.ndarray, degree: int) -> FitResult:
    """Least-squares polynomial of ``degree`` in (t − mean year)."""
    t = np.asarray(years, float)
    y = np.asarray(values, float)
    name = {1: "linear", 2: "quadratic", 3: "cubic"}[degree]
    k = degree + 1
    if len(y) <= k:
        return _failed(name, t, y, f"needs more than {k} years", k)
    tc = float(t.mean())
    coef = np.polynomial.polynomial.polyfit(t - tc, y, degree)
    params = {"tc": tc, **{f"b{i}": float(c) for i, c in enumerate(coef)}}

    return _result(name, params, k, t, y, partial(_polynomial_at, coef=coef, tc=tc))


def fit_quadratic_1p(years: np.ndarray, values: np.ndarray, t0: float | None = None) -> FitResult:
    """One-parameter quadratic a·(t − t0)² (Robertson et al. 2019: "simpler one-parameter").

    With ``t0`` given, only ``a`` is fitted: a = Σ y·x / Σ x², x = (t − t0)².
    Without it, t0 is fitted too (profile least squares: for each t0 the best
    ``a`` is closed-form; t0 is searched on a fine grid from 3 spans before the
    first year to the last year, then refined), so k = 2.
    """
    t = np.asarray(years, float)
    y = np.asarray(values, float)
    k = 1 if t0 is not None else 2
    if len(y) <= k:
        return _failed("quadratic_1p", t, y, f"needs more than {k} years", k)

    if t0 is None:
        a_arr, t0_arr, _ = profile_quadratic_1p(t, y[:, None])
        a, c0 = float(a_arr[0]), float(t0_arr[0])
    else:
        c0 = float(t0)
        x = (t - c0) ** 2
        sxx = float(np.sum(x * x))
        a = float(np.sum(x * y) / sxx) if sxx > 0 else 0.0

    fn = partial(_quadratic_1p_at, a=a, c0=c0)
    return _result("quadratic_1p", {"a": a, "t0": c0, "t0_fitted": float(t0 is None)}, k, t, y, fn)


def fit_exponential(years: np.ndarray, values: np.ndarray) -> FitResult:
    """A·exp(b·(t − tc)) by non-linear least squares on the original scale.

    Started from the log-linear fit; needs every value above zero.
    """
    t = np.asarray(years, float)
    y = np.asarray(values, float)
    if len(y) <= 2:
        return _failed("exponential", t, y, "needs more than 2 years", 2)
    if np.any(y <= 0):
        return _failed("exponential", t, y, "needs every value above zero", 2)
    tc = float(t.mean())
    s = t - tc
    b_start, loga = np.polyfit(s, np.log(y), 1)
    try:
        (amp, b), _ = optimize.curve_fit(
            lambda x, amp, b: amp * np.exp(b * x),
            s,
            y,
            p0=(float(np.exp(loga)), float(b_start)),
            maxfev=10_000,
        )
    except (RuntimeError, optimize.OptimizeWarning) as exc:
        return _failed("exponential", t, y, f"did not converge: {exc}", 2)

    fn = partial(_exponential_at, amp=float(amp), b=float(b), tc=tc)
    return _result("exponential", {"A": float(amp), "b": float(b), "tc": tc}, 2, t, y, fn)


def fit_formula(
    years: np.ndarray, values: np.ndarray, formula: str, t0: float | None = None
) -> FitResult:
    """Fit one named formula (see ``FORMULAS``)."""
    if formula == "linear":
        return fit_polynomial(years, values, 1)
    if formula == "quadratic":
        return fit_polynomial(years, values, 2)
    if formula == "cubic":
        return fit_polynomial(years, values, 3)
    if formula == "quadratic_1p":
        return fit_quadratic_1p(years, values, t0)
    if formula == "exponential":
        return fit_exponential(years, values)
    raise ValueError(f"unknown formula {formula!r}; choose from {FORMULAS}")


def fit_all(years: np.ndarray, values: np.ndarray, t0: float | None = None) -> dict[str, FitResult]:
    """Every formula in ``FORMULAS`` fitted to one series."""
    return {f: fit_formula(years, values, f, t0) for f in FORMULAS}


def best_fit(fits: dict[str, FitResult]) -> FitResult:
    """The fit with the lowest AIC among those that worked."""
    ok = [f for f in fits.values() if f.ok and np.isfinite(f.aic)]
    if not ok:
        raise ValueError("no formula could be fitted")
    return min(ok, key=lambda f: f.aic)


def fits_table(fits: dict[str, FitResult]) -> pd.DataFrame:
    """One row per formula: k, R², adjusted R², AIC, parameters."""
    return pd.DataFrame([f.as_row() for f in fits.values()])


@dataclass
class Prediction:
    """A formula fitted on the early years, used to predict the later ones."""

    formula: str
    train_years: list[int]
    test_years: list[int]
    actual: np.ndarray
    predicted: np.ndarray
    z_poisson: np.ndarray
    chi2_poisson: float
    p_lower_poisson: float
    cv: float | None = None
    z_overdispersed: np.ndarray | None = None
    chi2_overdispersed: float | None = None
    p_lower_overdispersed: float | None = None

    @property
    def error(self) -> np.ndarray:
        return self.actual - self.predicted


def predict_forward(
    years: np.ndarray,
    values: np.ndarray,
    formula: str,
    holdout: int = 2,
    t0: float | None = None,
    cv: float | None = None,
) -> Prediction:
    """Fit ``formula`` on all but the last ``holdout`` years; predict those years.

    Each prediction error e is set against the noise a count of that size has:
    z = e / sqrt(μ) under Poisson (μ = predicted count) and, when a
    reference coefficient of variation ``cv`` is given, z = e / sqrt(μ + cv²μ²)
    (gamma-Poisson overdispersion). Under that noise Σz² is about χ² with
    ``holdout`` degrees of freedom; ignoring the fitted parameters' own
    uncertainty makes real errors *larger*, so a small Σz² (lower-tail
    p = F_χ²(Σz²)) is conservative evidence that the later years were read off
    the formula rather than counted.
    """
    t = np.asarray(years, float)
    y = np.asarray(values, float)
    if holdout < 1 or len(y) - holdout < 3:
        raise ValueError("need at least 3 training years and 1 held-out year")
    train_t, train_y = t[:-holdout], y[:-holdout]
    fit = fit_formula(train_t, train_y, formula, t0)
    test_t, test_y = t[-holdout:], y[-holdout:]
    mu = fit.predict(test_t)
    mu_safe = np.maximum(mu, 1.0)
    z = (test_y - mu) / np.sqrt(mu_safe)
    chi2 = float(np.sum(z**2))
    pred = Prediction(
        formula=formula,
        train_years=train_t.astype(int).tolist(),
        test_years=test_t.astype(int).tolist(),
        actual=test_y,
        predicted=mu,
        z_poisson=z,
        chi2_poisson=chi2,
        p_lower_poisson=float(stats.chi2.cdf(chi2, holdout)),
    )
    if cv is not None:
        zo = (test_y - mu) / np.sqrt(mu_safe + (cv * mu_safe) ** 2)
        pred.cv = float(cv)
        pred.z_overdispersed = zo
        pred.chi2_overdispersed = float(np.sum(zo**2))
        pred.p_lower_overdispersed = float(stats.chi2.cdf(pred.chi2_overdispersed, holdout))
    return pred
