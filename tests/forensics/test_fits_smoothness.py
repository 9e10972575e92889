"""Formula fits and the too-smooth test on synthetic series with known answers."""

from __future__ import annotations

import numpy as np
import pytest

from transplant_audit.forensics import dispersion, fits, ranking

YEARS = np.arange(2010, 2019)


def test_quadratic_recovered_and_chosen_by_aic() -> None:
    # synthetic: exact quadratic plus tiny noise
    rng = np.random.default_rng(0)
    y = 50 + 30 * (YEARS - 2010) + 70 * (YEARS - 2010) ** 2 + rng.normal(0, 0.5, len(YEARS))
    fs = fits.fit_all(YEARS, y)
    q = fs["quadratic"]
    assert q.k == 3
    assert q.params["b2"] == pytest.approx(70, rel=1e-3)
    assert q.adj_r2 > 0.99999
    assert fits.best_fit({k: v for k, v in fs.items() if k != "cubic"}).formula == "quadratic"
    # the general formulas for R2 and adjusted R2
    rss = float(np.sum((y - q.fitted) ** 2))
    tss = float(np.sum((y - y.mean()) ** 2))
    assert q.r2 == pytest.approx(1 - rss / tss)
    assert q.adj_r2 == pytest.approx(1 - (rss / 6) / (tss / 8))
    assert q.aic == pytest.approx(9 * np.log(rss / 9) + 6)


def test_one_parameter_quadratic_finds_t0_and_accepts_fixed_t0() -> None:
    y = 75.0 * (YEARS - 2008.6) ** 2  # synthetic
    fitted = fits.fit_quadratic_1p(YEARS, y)
    assert fitted.params["t0"] == pytest.approx(2008.6, abs=1e-3)
    assert fitted.params["a"] == pytest.approx(75.0, rel=1e-4)
    assert fitted.k == 2
    fixed = fits.fit_quadratic_1p(YEARS, y, t0=2008.6)
    assert fixed.k == 1
    assert fixed.params["a"] == pytest.approx(75.0)
    assert fixed.predict([2020])[0] == pytest.approx(75.0 * 11.4**2)


def test_exponential_needs_positive_values_and_fits_growth() -> None:
    y = 10 * np.exp(0.3 * (YEARS - 2010))  # synthetic
    e = fits.fit_exponential(YEARS, y)
    assert e.params["b"] == pytest.approx(0.3, rel=1e-6)
    bad = fits.fit_exponential(YEARS, np.r_[0, y[1:]])
    assert not bad.ok and "above zero" in bad.reason


def test_prediction_of_formula_data_is_flagged_and_noisy_data_is_not() -> None:
    y = np.round(80 * (YEARS - 2009.3) ** 2)  # synthetic formula data
    p = fits.predict_forward(YEARS, y, "quadratic", holdout=2)
    assert p.test_years == [2017, 2018]
    assert p.p_lower_poisson < 0.01
    rng = np.random.default_rng(5)
    noisy = rng.poisson(80 * (YEARS - 2009.3) ** 2 * rng.gamma(25, 1 / 25, len(YEARS)))
    q = fits.predict_forward(YEARS, noisy, "quadratic", holdout=2)
    assert q.p_lower_poisson > 0.05


@pytest.mark.parametrize("formula", ["quadratic", "exponential", "linear"])
def test_formula_plus_tiny_noise_is_flagged_too_smooth(formula) -> None:
    rng = np.random.default_rng(11)
    s = YEARS - 2010
    truth = {
        "quadratic": 40 + 60 * s + 75 * s**2,
        "exponential": 40 * np.exp(0.6 * s),
        "linear": 300 + 400 * s,
    }[formula]
    y = np.round(truth + rng.normal(0, 1.0, len(s)))  # synthetic: formula + tiny noise
    r = dispersion.smoothness_test(YEARS, y, n_sim=2000, seed=3)
    assert r.p_value < 0.01
    assert r.dispersion < 0.1
    assert r.expected_dispersion > 0.5


def _false_positive_rate(cv: float, n_series: int) -> float:
    mu = 80 * (YEARS - 2009.3) ** 2 + 40
    flagged = 0
    for s in range(n_series):
        rng = np.random.default_rng(10_000 + s)
        lam = mu if cv == 0 else rng.gamma(1 / cv**2, mu * cv**2)
        y = rng.poisson(lam)  # synthetic counts
        flagged += dispersion.smoothness_test(YEARS, y, cv=cv, n_sim=300, seed=s).p_value < 0.05
    return flagged / n_series


@pytest.mark.parametrize("cv", [0.0, 0.1])
def test_real_count_noise_passes_at_about_the_nominal_rate(cv) -> None:
    """Poisson (cv 0) and gamma-Poisson (cv 0.1) series: flagged about 5% of the time.

    Tolerance: 200 series, binomial sd = sqrt(0.05*0.95/200) = 0.0154; accept 0.05 ± 2.9 sd.
    """
    rate = _false_positive_rate(cv, 200)
    assert 0.005 <= rate <= 0.095


def test_overdispersion_matters() -> None:
    """Counts with 10% extra noise look too rough for Poisson, fine for the right cv."""
    mu = 80 * (YEARS - 2009.3) ** 2 + 40
    rng = np.random.default_rng(99)
    y = rng.poisson(rng.gamma(100, mu / 100))  # synthetic, cv 0.1
    pois = dispersion.smoothness_test(YEARS, y, n_sim=1000)
    over = dispersion.smoothness_test(YEARS, y, cv=0.1, n_sim=1000)
    assert pois.dispersion > 3
    assert over.expected_dispersion > pois.expected_dispersion * 3


def test_same_seed_same_answer() -> None:
    y = np.array([40, 230, 580, 1100, 1770, 2600, 3590, 4740, 6050])  # synthetic
    a = dispersion.smoothness_test(YEARS, y, n_sim=500, seed=7)
    b = dispersion.smoothness_test(YEARS, y, n_sim=500, seed=7)
    assert a.p_value == b.p_value and a.dispersion == b.dispersion


def test_reference_dispersion_and_ranking() -> None:
    import pandas as pd

    rng = np.random.default_rng(4)
    rows = []
    for c in range(5):  # synthetic reference countries with 10% noise around a slow trend
        for y in range(2000, 2015):
            mu = 200 + 10 * (y - 2000)
            rows.append(
                {
                    "id": f"ref_{c}{y}",
                    "country": f"C{c}",
                    "series": "deceased_donors",
                    "year": y,
                    "value": float(rng.poisson(rng.gamma(100, mu / 100))),
                    "unit": "donors",
                    "source_id": "src_x",
                    "locator": "",
                    "note": "",
                }
            )
    ref = pd.DataFrame(rows)
    rd = dispersion.reference_dispersion(ref, window=9)
    assert rd is not None and len(rd.per_series) == 5
    assert 0.03 < rd.cv < 0.2
    smooth = np.round(80 * (YEARS - 2009.3) ** 2)
    table = ranking.ranking_table(ref, "tested", YEARS, smooth)
    tested = table[table["tested"]].iloc[0]
    assert tested["rank_dispersion"] == 1
    assert tested["rank_adj_r2"] == 1
    assert (table["n"] == 9).all()
    assert tested["rank_adj_r2_1p"] == 1
