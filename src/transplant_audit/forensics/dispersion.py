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

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

import numpy as np
import pandas as pd

from transplant_audit.forensics import fits as fitmod

T = TypeVar("T")

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
    _, f = fitmod.ols_fitted(x, ys)
    for _ in range(iterations):
        f = _wls_poly(x, ys, 1.0 / np.maximum(f, _MU_FLOOR))
    return f


def _exp_batch(s: np.ndarray, ys: np.ndarray, iterations: int = 30) -> np.ndarray:
    """Poisson-weighted A·exp(b·s) for every column (Gauss–Newton from the log-linear start)."""
    n, m = ys.shape
    logy = np.log(np.maximum(ys, 0.5))
    x = np.vstack([np.ones(n), s]).T
    coef, _ = fitmod.ols_fitted(x, logy)
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


def batch_dispersion(years: np.ndarray, ys: np.ndarray) -> np.ndarray:
    """Pearson dispersion D of the best simple formula for every column of ``ys`` (n × m)."""
    return _select_and_disperse(np.asarray(years, float), np.asarray(ys, float))[1]


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
    """The cv used for the overdispersed null."""
    quantile: float | None
    """None: pooled method of moments over every window; else this quantile of per-series cv²."""
    per_series: pd.DataFrame
    """country, series, dataset, n_windows, window, cv2, cv (median over that series' windows)."""
    window: int
    n_windows: int = 0

    def describe(self) -> str:
        """How the cv was estimated, in words."""
        how = (
            f"pooled method of moments over {self.n_windows} windows"
            if self.quantile is None
            else f"the {self.quantile:.0%} quantile of cv² over series"
        )
        return (
            f"cv {self.cv:.3f}: {how} of {len(self.per_series)} reference deceased-donor "
            f"series with at least {self.window} consecutive years"
        )


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


GODT_LOCATOR = "godt_global_organ_donation"
"""Locator prefix of rows from the GODT country table (tools/godt.py)."""


class ReferenceSet:
    """The ``reference_series`` resource, split into frames once and reused by every test.

    Pass one to ``reference_dispersion`` or ``ranking.ranking_table`` in place of
    the raw frame when many series are tested against the same reference.
    """

    def __init__(self, reference: pd.DataFrame) -> None:
        self.table = reference
        self._frames: dict[tuple[str, ...] | None, dict[tuple[str, str, str], pd.DataFrame]] = {}
        self._memo: dict[tuple[object, ...], Any] = {}

    def memoised(self, key: tuple[object, ...], compute: Callable[[], T]) -> T:
        """``compute()`` once per ``key`` for this reference (results are shared: read-only).

        Every series of the same length is compared with the same reference windows, so
        their fits and statistics are computed once, not once per tested series.
        """
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]

    @property
    def empty(self) -> bool:
        return self.table is None or self.table.empty

    def frames(self, units: tuple[str, ...] | None) -> dict[tuple[str, str, str], pd.DataFrame]:
        key = tuple(units) if units is not None else None
        if key not in self._frames:
            self._frames[key] = reference_frames(self.table, units)
        return self._frames[key]


def reference_frames(
    reference: pd.DataFrame | ReferenceSet, units: tuple[str, ...] | None = None
) -> dict[tuple[str, str, str], pd.DataFrame]:
    """Split ``reference_series`` into (country, series, dataset) → year,value frames.

    ``dataset`` is ``GODT`` for rows of the GODT country table and ``registry``
    for national registry figures: the same country's series from the two are
    kept apart (they can differ in definition), never merged. ``units`` keeps only
    series in those units (None: all).
    """
    if isinstance(reference, ReferenceSet):
        return reference.frames(units)
    out: dict[tuple[str, str, str], pd.DataFrame] = {}
    if reference is None or reference.empty:
        return out
    ref = reference.copy()
    if units is not None and "unit" in ref.columns:
        ref = ref[ref["unit"].astype(str).isin(units)]
    ref["year"] = pd.to_numeric(ref["year"].astype(str).str[:4], errors="coerce")
    ref["value"] = pd.to_numeric(ref["value"], errors="coerce")
    ref = ref.dropna(subset=["year", "value"])
    locator = ref["locator"] if "locator" in ref.columns else pd.Series("", index=ref.index)
    ref["dataset"] = np.where(
        locator.fillna("").astype(str).str.startswith(GODT_LOCATOR), "GODT", "registry"
    )
    ref = ref.sort_values(["country", "series", "dataset", "year"], kind="stable")
    ref = ref.drop_duplicates(["country", "series", "dataset", "year"], keep="first")
    keys = list(
        zip(ref["country"].astype(str), ref["series"].astype(str), ref["dataset"], strict=True)
    )
    years = ref["year"].to_numpy(int)
    values = ref["value"].to_numpy(float)
    start = 0
    for i in range(1, len(keys) + 1):
        if i == len(keys) or keys[i] != keys[start]:
            out[keys[start]] = pd.DataFrame({"year": years[start:i], "value": values[start:i]})
            start = i
    return out


REFERENCE_UNITS: tuple[str, ...] = ("donors",)
"""Reference series whose noise is measured by default: deceased-donor counts."""


def _cv2_parts(years: np.ndarray, ys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per column: excess variance Σr²·n/(n−k) − Σμ and Σμ² around the best simple formula."""
    t = np.asarray(years, float)
    ys = np.asarray(ys, float)
    n = ys.shape[0]
    choice, _, mu = _select_and_disperse(t, ys)
    names = [c for c in SMOOTH_CANDIDATES if n > _K[c]]
    k = np.array([_K[names[c]] for c in choice])
    mu = np.maximum(mu, _MU_FLOOR)
    r2 = np.sum((ys - mu) ** 2, axis=0)
    return r2 * n / (n - k) - mu.sum(axis=0), np.sum(mu**2, axis=0)


def cv2_batch(years: np.ndarray, ys: np.ndarray) -> np.ndarray:
    """Method-of-moments cv² for every column of ``ys`` (n × m), not floored at 0.

    With E[r_t²] ≈ (μ_t + cv²μ_t²)(n − k)/n around the best simple formula,
    cv² = (Σr²·n/(n−k) − Σμ) / Σμ². Unfloored, so that averaging over windows and
    series is not biased upwards by sampling noise, nor pinned at 0 by a floor.
    """
    excess, mu2 = _cv2_parts(years, ys)
    return excess / mu2


def reference_dispersion(
    reference: pd.DataFrame | ReferenceSet,
    window: int,
    quantile: float | None = None,
    min_window: int = 5,
    units: tuple[str, ...] | None = REFERENCE_UNITS,
    exclude_countries: tuple[str, ...] = ("China",),
) -> ReferenceDispersion | None:
    """Extra-Poisson noise (cv) of real registry series over windows as long as the tested one.

    Uses every run of ``window`` consecutive years of every reference series with
    at least that many years (deceased-donor counts by default, the tested country
    left out): the same windows the reference ranking uses. By default (``quantile``
    None) cv² is the pooled method-of-moments estimate over all those windows,
    Σ(Σr²·n/(n−k) − Σμ) / ΣΣμ², which weights each window by its size, so large
    programmes (where extra-Poisson noise matters) count most; a ``quantile`` uses
    that quantile of the per-series median cv² instead. cv = √max(0, cv²). (The
    previous estimate, each window floored at 0 and the lower quartile over
    series, gave cv = 0 whenever a quarter of the series looked Poisson, making
    the overdispersed test a copy of the Poisson one.) None when no reference
    series has ``max(window, min_window)`` consecutive years.
    """
    if isinstance(reference, ReferenceSet):
        key = ("dispersion", window, quantile, min_window, units, exclude_countries)
        return reference.memoised(
            key,
            lambda: _reference_dispersion(
                reference.frames(units), window, quantile, min_window, exclude_countries
            ),
        )
    frames = reference_frames(reference, units)
    return _reference_dispersion(frames, window, quantile, min_window, exclude_countries)


def _reference_dispersion(
    frames: dict[tuple[str, str, str], pd.DataFrame],
    window: int,
    quantile: float | None,
    min_window: int,
    exclude_countries: tuple[str, ...],
) -> ReferenceDispersion | None:
    length = max(window, min_window)
    rows = []
    excess_total = mu2_total = 0.0
    n_windows = 0
    for (country, series, dataset), frame in frames.items():
        if len(frame) < length or country in exclude_countries:
            continue
        wins = _windows(frame, length)
        if not wins:
            continue
        ys = np.column_stack([w["value"].to_numpy(float) for w in wins])
        ys = ys[:, np.ptp(ys, axis=0) > 0]  # constant windows: nothing to estimate (as ranking)
        if ys.shape[1] == 0:
            continue
        excess, mu2 = _cv2_parts(np.arange(length, dtype=float), ys)
        ok = np.isfinite(excess) & np.isfinite(mu2) & (mu2 > 0)
        if not ok.any():
            continue
        excess_total += float(excess[ok].sum())
        mu2_total += float(mu2[ok].sum())
        n_windows += int(ok.sum())
        med = float(np.median(excess[ok] / mu2[ok]))
        rows.append(
            {
                "country": country,
                "series": series,
                "dataset": dataset,
                "n_windows": int(ok.sum()),
                "window": length,
                "cv2": med,
                "cv": float(np.sqrt(max(med, 0.0))),
            }
        )
    if not rows:
        return None
    table = pd.DataFrame(rows)
    cv2 = (
        excess_total / mu2_total if quantile is None else float(np.quantile(table["cv2"], quantile))
    )
    return ReferenceDispersion(
        cv=float(np.sqrt(max(cv2, 0.0))),
        quantile=quantile,
        per_series=table,
        window=length,
        n_windows=n_windows,
    )
