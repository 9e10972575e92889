"""Too smooth to be counts: residual dispersion against Poisson and real-world noise.

A count of μ events has a standard deviation of at least √μ (Poisson); real
annual donor counts vary more, because practice, policy and chance change from
year to year. If an official series hugs a simple formula more tightly than
counting noise alone allows, the numbers were probably not counted.

The statistic is the Pearson dispersion of the best simple formula
(lowest AIC among linear, quadratic, exponential)::

    D = Σ (y_t − f_t)² / f_t  /  (n − k)

D ≈ 1 for Poisson counts around a correct formula and larger with
overdispersion. The lower-tail p-value P(D* ≤ D) comes from a parametric
bootstrap with a fixed seed: simulate counts around the fitted curve, refit
and reselect the formula the same way, recompute D*. Two nulls: Poisson, and
gamma-Poisson with variance μ + cv²μ², where cv is estimated from the bundled
reference series of other countries (national registry figures).

Pure functions only.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from transplant_audit.forensics import fits as fitmod

DEFAULT_SEED = 20191114
"""Default seed: the publication date of Robertson, Hinde & Lavee (2019-11-14)."""

SMOOTH_CANDIDATES: tuple[str, ...] = ("linear", "quadratic", "exponential")
"""Formulas the smoothness test chooses from (the same choice is redone on every simulation)."""

_K = {"linear": 2, "quadratic": 3, "exponential": 2}
_MU_FLOOR = 0.5  # a fitted count below half an event is treated as 0.5 in the variance


# ----------------------------------------------------------- batch fitting ---------


def _wls_poly(x: np.ndarray, ys: np.ndarray, w: np.ndarray) -> np.ndarray:
    """Weighted least squares per column: x (n × p), ys and w (n × m) → fitted (n × m)."""
    xtwx = np.einsum("ip,im,iq->mpq", x, w, x)
    xtwy = np.einsum("ip,im,im->mp", x, w, ys)
    xtwx = xtwx + np.eye(x.shape[1])[None] * 1e-12 * np.trace(xtwx, axis1=1, axis2=2)[:, None, None]
    beta = np.linalg.solve(xtwx, xtwy[..., None])[..., 0]  # m × p
    return x @ beta.T


def _poly_batch(s: np.ndarray, ys: np.ndarray, degree: int, iterations: int = 3) -> np.ndarray:
    """Poisson-weighted polynomial fit (IRLS, weights 1/μ) for every column of ``ys`` (n × m).

    Starting from ordinary least squares, each pass reweights by 1/max(μ, 0.5),
    so the small early counts are not swamped by the large later ones
    (quasi-Poisson estimation with identity link).
    """
    x = np.vander(s, degree + 1, increasing=True)
    beta, *_ = np.linalg.lstsq(x, ys, rcond=None)
    f = x @ beta
    for _ in range(iterations):
        f = _wls_poly(x, ys, 1.0 / np.maximum(f, _MU_FLOOR))
    return f


def _exp_batch(s: np.ndarray, ys: np.ndarray, iterations: int = 30) -> np.ndarray:
    """Poisson-weighted A·exp(b·s) for every column (Gauss–Newton from the log-linear start)."""
    n, m = ys.shape
    logy = np.log(np.maximum(ys, 0.5))
    x = np.vstack([np.ones(n), s]).T
    coef, *_ = np.linalg.lstsq(x, logy, rcond=None)
    amp = np.exp(coef[0])
    b = coef[1]
    for _ in range(iterations):
        e = np.exp(np.outer(s, b))  # n × m
        f = amp * e
        w = 1.0 / np.maximum(f, _MU_FLOOR)
        r = ys - f
        j1 = e  # d f / d amp
        j2 = amp * s[:, None] * e  # d f / d b
        a11 = np.sum(w * j1 * j1, 0)
        a12 = np.sum(w * j1 * j2, 0)
        a22 = np.sum(w * j2 * j2, 0)
        g1 = np.sum(w * j1 * r, 0)
        g2 = np.sum(w * j2 * r, 0)
        det = a11 * a22 - a12 * a12
        det = np.where(np.abs(det) < 1e-300, np.nan, det)
        d_amp = np.nan_to_num((a22 * g1 - a12 * g2) / det)
        d_b = np.clip(np.nan_to_num((a11 * g2 - a12 * g1) / det), -1.0, 1.0)
        amp = np.maximum(amp + d_amp, 1e-9)
        b = b + d_b
        if np.all(np.abs(d_b) < 1e-10):
            break
    return amp * np.exp(np.outer(s, b))


def _candidate_fits(years: np.ndarray, ys: np.ndarray) -> dict[str, np.ndarray]:
    s = np.asarray(years, float) - float(np.mean(years))
    out = {"linear": _poly_batch(s, ys, 1), "quadratic": _poly_batch(s, ys, 2)}
    if len(s) > 2:
        out["exponential"] = _exp_batch(s, ys)
    return out


def _select_and_disperse(
    years: np.ndarray, ys: np.ndarray, candidates: tuple[str, ...] = SMOOTH_CANDIDATES
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For every column: chosen formula index, Pearson dispersion D, chosen fitted values.

    The formula is chosen by a Pearson AIC, n·ln(X²/n) + 2k with
    X² = Σ (y − f)²/max(f, 0.5), matching the Poisson weighting of the fits.
    """
    n, m = ys.shape
    fitted = _candidate_fits(years, ys)
    names = [c for c in candidates if c in fitted and n > _K[c]]
    aics = np.empty((len(names), m))
    pearson = {}
    for i, name in enumerate(names):
        f = fitted[name]
        x2 = np.sum((ys - f) ** 2 / np.maximum(f, _MU_FLOOR), 0)
        x2 = np.where(np.isfinite(x2), x2, np.inf)
        pearson[name] = x2
        aics[i] = n * np.log(np.maximum(x2, 1e-12) / n) + 2 * _K[name]
    choice = np.argmin(aics, 0)
    chosen = np.empty_like(ys, dtype=float)
    d = np.empty(m)
    for i, name in enumerate(names):
        sel = choice == i
        chosen[:, sel] = fitted[name][:, sel]
        d[sel] = pearson[name][sel] / (n - _K[name])
    return choice, d, chosen


# ----------------------------------------------------------- the test ---------------


@dataclass
class SmoothnessResult:
    """Outcome of the too-smooth test on one series under one noise model."""

    noise: str
    """``poisson`` or ``overdispersed``."""
    formula: str
    dispersion: float
    """Pearson dispersion D of the observed series."""
    p_value: float
    """Lower-tail P(D* ≤ D) under the noise model."""
    n_sim: int
    seed: int
    cv: float
    """Coefficient of variation of the extra-Poisson noise (0 for Poisson)."""
    expected_dispersion: float
    """Median D* under the noise model: what real counts of this size would show."""
    residual_sd: float
    expected_sd: float
    """Root mean square of √(μ + cv²μ²) over the years: the noise real counts would have."""
    details: dict[str, object] = field(default_factory=dict)


def observed_dispersion(years: np.ndarray, values: np.ndarray) -> tuple[str, float, np.ndarray]:
    """Best simple formula (lowest AIC), its Pearson dispersion D, and its fitted values."""
    y = np.asarray(values, float)[:, None]
    choice, d, chosen = _select_and_disperse(np.asarray(years, float), y)
    names = [c for c in SMOOTH_CANDIDATES if len(y) > _K[c]]
    return names[int(choice[0])], float(d[0]), chosen[:, 0]


def smoothness_test(
    years: np.ndarray,
    values: np.ndarray,
    *,
    cv: float = 0.0,
    n_sim: int = 4000,
    seed: int = DEFAULT_SEED,
) -> SmoothnessResult:
    """Is the series closer to its best simple formula than counts of that size can be?

    Null model: y_t ~ Poisson(λ_t), λ_t ~ Gamma(shape 1/cv², scale μ_t·cv²)
    (plain Poisson when cv = 0), with μ_t the fitted curve of the observed
    series. The formula is re-chosen by AIC on every simulated series, so the
    p-value accounts for picking the best of several formulas. p = (1 + #{D* ≤ D})
    / (1 + n_sim).
    """
    t = np.asarray(years, float)
    y = np.asarray(values, float)
    formula, d_obs, mu = observed_dispersion(t, y)
    mu = np.maximum(mu, _MU_FLOOR)
    rng = np.random.default_rng(seed)
    lam = np.repeat(mu[:, None], n_sim, axis=1)
    if cv > 0:
        shape = 1.0 / cv**2
        lam = rng.gamma(shape, lam / shape)
    sims = rng.poisson(lam).astype(float)
    _, d_sim, _ = _select_and_disperse(t, sims)
    d_sim = d_sim[np.isfinite(d_sim)]
    p = float((1 + np.sum(d_sim <= d_obs)) / (1 + len(d_sim)))
    var = mu + (cv * mu) ** 2
    resid = y - np.maximum(mu, 0)
    return SmoothnessResult(
        noise="overdispersed" if cv > 0 else "poisson",
        formula=formula,
        dispersion=d_obs,
        p_value=p,
        n_sim=int(len(d_sim)),
        seed=seed,
        cv=float(cv),
        expected_dispersion=float(np.median(d_sim)) if len(d_sim) else float("nan"),
        residual_sd=float(np.sqrt(np.mean(resid**2))),
        expected_sd=float(np.sqrt(np.mean(var))),
        details={
            "fitted": mu.tolist(),
            "d_sim_quantiles": {q: float(np.quantile(d_sim, q)) for q in (0.01, 0.05, 0.5, 0.95)}
            if len(d_sim)
            else {},
        },
    )


# ----------------------------------------------------------- reference series --------


@dataclass
class ReferenceDispersion:
    """Extra-Poisson noise of real registry series, as a coefficient of variation."""

    cv: float
    """The cv used for the overdispersed null: the ``quantile`` of the per-series cvs."""
    quantile: float
    per_series: pd.DataFrame
    """country, series, n_windows, cv (median over windows of that series)."""
    window: int


def _windows(frame: pd.DataFrame, length: int) -> list[pd.DataFrame]:
    """Every run of ``length`` consecutive years in a year,value frame."""
    f = frame.sort_values("year").reset_index(drop=True)
    years = f["year"].to_numpy(int)
    out = []
    for i in range(0, len(f) - length + 1):
        if years[i + length - 1] - years[i] == length - 1:
            out.append(f.iloc[i : i + length])
    return out


def cv_estimate(years: np.ndarray, values: np.ndarray) -> float:
    """Method-of-moments cv² of the noise around the best simple formula, as cv.

    With E[r_t²] ≈ (μ_t + cv²μ_t²)(n − k)/n, cv² = (Σr²·n/(n−k) − Σμ) / Σμ²,
    floored at 0.
    """
    y = np.asarray(values, float)
    formula, _, mu = observed_dispersion(years, y)
    k = _K[formula]
    n = len(y)
    mu = np.maximum(mu, _MU_FLOOR)
    r2 = float(np.sum((y - mu) ** 2))
    cv2 = (r2 * n / (n - k) - float(mu.sum())) / float(np.sum(mu**2))
    return float(np.sqrt(max(cv2, 0.0)))


def reference_frames(reference: pd.DataFrame) -> dict[tuple[str, str], pd.DataFrame]:
    """Split the ``reference_series`` resource into (country, series) → year,value frames."""
    out: dict[tuple[str, str], pd.DataFrame] = {}
    if reference is None or reference.empty:
        return out
    ref = reference.copy()
    ref["year"] = pd.to_numeric(ref["year"].astype(str).str[:4], errors="coerce")
    ref["value"] = pd.to_numeric(ref["value"], errors="coerce")
    ref = ref.dropna(subset=["year", "value"])
    for (country, series), grp in ref.groupby(["country", "series"], sort=True):
        g = grp.groupby("year", as_index=False)["value"].first()
        g["year"] = g["year"].astype(int)
        out[(str(country), str(series))] = g[["year", "value"]].reset_index(drop=True)
    return out


def reference_dispersion(
    reference: pd.DataFrame, window: int, quantile: float = 0.25, min_window: int = 5
) -> ReferenceDispersion | None:
    """cv of real registry series over windows as long as the tested series.

    For each reference series, cv is estimated on every run of ``window``
    consecutive years (or on the whole series if shorter, when it has at least
    ``min_window`` years) and the median over runs is kept. The cv used is the
    ``quantile`` of those per-series values: the lower quartile by default, a
    deliberately conservative choice (less noise makes "too smooth" harder to
    find). Returns None when no reference series is long enough.
    """
    rows = []
    for (country, series), frame in reference_frames(reference).items():
        length = min(window, len(frame))
        if length < min_window:
            continue
        wins = _windows(frame, length)
        if not wins:
            continue
        cvs = [cv_estimate(w["year"].to_numpy(), w["value"].to_numpy()) for w in wins]
        rows.append(
            {
                "country": country,
                "series": series,
                "n_windows": len(wins),
                "window": length,
                "cv": float(np.median(cvs)),
            }
        )
    if not rows:
        return None
    table = pd.DataFrame(rows)
    return ReferenceDispersion(
        cv=float(np.quantile(table["cv"], quantile)),
        quantile=quantile,
        per_series=table,
        window=window,
    )


def reference_ranking(
    reference: pd.DataFrame,
    tested_name: str,
    years: np.ndarray,
    values: np.ndarray,
    formula: str = "quadratic",
    min_window: int = 5,
) -> pd.DataFrame:
    """Rank the tested series' fit among every reference window of the same length.

    As Robertson et al. (2019) did against 50 countries: fit ``formula``
    (general quadratic by default, ordinary least squares as in the paper) to
    every run of n consecutive years of every reference series and to the
    tested series, and report its adjusted R²; also report the Pearson
    dispersion D of the best simple formula (the smoothness test's statistic),
    which unlike R² does not reward steep growth. Best adjusted R² first.
    Columns: country, series, start, end, n, adj_r2, dispersion, tested (bool),
    rank_adj_r2, rank_dispersion (1 = smoothest).
    """
    n = len(values)
    rows = []
    tested_fit = fitmod.fit_formula(np.asarray(years), np.asarray(values, float), formula)
    rows.append(
        {
            "country": "(tested)",
            "series": tested_name,
            "start": int(years[0]),
            "end": int(years[-1]),
            "n": n,
            "adj_r2": tested_fit.adj_r2,
            "dispersion": observed_dispersion(years, values)[1],
            "tested": True,
        }
    )
    for (country, series), frame in reference_frames(reference).items():
        length = min(n, len(frame))
        if length < min_window:
            continue
        for w in _windows(frame, length):
            f = fitmod.fit_formula(w["year"].to_numpy(), w["value"].to_numpy(float), formula)
            if not f.ok:
                continue
            rows.append(
                {
                    "country": country,
                    "series": series,
                    "start": int(w["year"].iloc[0]),
                    "end": int(w["year"].iloc[-1]),
                    "n": length,
                    "adj_r2": f.adj_r2,
                    "dispersion": observed_dispersion(
                        w["year"].to_numpy(), w["value"].to_numpy(float)
                    )[1],
                    "tested": False,
                }
            )
    table = pd.DataFrame(rows)
    table["rank_adj_r2"] = table["adj_r2"].rank(ascending=False, method="min").astype(int)
    table["rank_dispersion"] = table["dispersion"].rank(ascending=True, method="min").astype(int)
    return table.sort_values("adj_r2", ascending=False, kind="stable").reset_index(drop=True)
