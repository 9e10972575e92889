"""The formula fits against NIST StRD certified linear least-squares results (outside oracle).

Data and certified values: NIST Statistical Reference Datasets, Linear Least Squares
Regression, https://www.itl.nist.gov/div898/strd/lls/lls.shtml
- Norris (calibration of ozone monitors; 36 observations, y = B0 + B1·x): certified
  B0 = -0.262323073774029, B1 = 1.00211681802045, residual SD 0.884796396144373,
  R² 0.999993745883712, residual SS 26.6173985294224 (Norris.dat as shipped with
  SciPy's tests, scipy/stats/tests/data/nist_linregress/Norris.dat).
- Pontius (load-cell deflection; 40 observations, y = B0 + B1·x + B2·x²): certified
  B0 = 0.673565789473684E-03, B1 = 0.732059160401003E-06, B2 = -0.316081871345029E-14,
  residual SS 0.155761768796992E-05 (Pontius.dat; the values as used by the GNU
  Scientific Library's multifit tests).
These are real measurements published by NIST, not synthetic data.
"""

from __future__ import annotations

import numpy as np
import pytest

from transplant_audit.forensics import fits

NORRIS_Y = [
    0.1, 338.8, 118.1, 888.0, 9.2, 228.1, 668.5, 998.5, 449.1, 778.9, 559.2, 0.3, 0.1, 778.1,
    668.8, 339.3, 448.9, 10.8, 557.7, 228.3, 998.0, 888.8, 119.6, 0.3, 0.6, 557.6, 339.3, 888.0,
    998.5, 778.9, 10.2, 117.6, 228.9, 668.4, 449.2, 0.2,
]  # fmt: skip
NORRIS_X = [
    0.2, 337.4, 118.2, 884.6, 10.1, 226.5, 666.3, 996.3, 448.6, 777.0, 558.2, 0.4, 0.6, 775.5,
    666.9, 338.0, 447.5, 11.6, 556.0, 228.1, 995.8, 887.6, 120.2, 0.3, 0.3, 556.8, 339.1, 887.2,
    999.0, 779.0, 11.1, 118.3, 229.2, 669.1, 448.9, 0.5,
]  # fmt: skip
PONTIUS_X = [150000.0 * i for i in range(1, 21)] * 2
PONTIUS_Y = [
    0.11019, 0.21956, 0.32949, 0.43899, 0.54803, 0.65694, 0.76562, 0.87487, 0.98292, 1.09146,
    1.20001, 1.30822, 1.41599, 1.52399, 1.63194, 1.73947, 1.84646, 1.95392, 2.06128, 2.16844,
    0.11052, 0.22018, 0.32939, 0.43886, 0.54798, 0.65739, 0.76596, 0.87474, 0.98300, 1.09150,
    1.20004, 1.30818, 1.41613, 1.52408, 1.63159, 1.73965, 1.84696, 1.95445, 2.06177, 2.16829,
]  # fmt: skip


def _rel(a: float, b: float) -> float:
    return abs(a - b) / abs(b)


def test_linear_fit_matches_nist_norris() -> None:
    x, y = np.array(NORRIS_X), np.array(NORRIS_Y)
    f = fits.fit_polynomial(x, y, 1)
    p = f.params
    b1 = p["b1"]
    b0 = p["b0"] - b1 * p["tc"]
    assert _rel(b0, -0.262323073774029) < 1e-9
    assert _rel(b1, 1.00211681802045) < 1e-9
    assert _rel(f.rss, 26.6173985294224) < 1e-9
    assert _rel(f.r2, 0.999993745883712) < 1e-12
    assert _rel(float(np.sqrt(f.rss / (len(y) - 2))), 0.884796396144373) < 1e-9


def test_quadratic_fit_matches_nist_pontius() -> None:
    x, y = np.array(PONTIUS_X), np.array(PONTIUS_Y)
    f = fits.fit_polynomial(x, y, 2)
    p = f.params
    tc, c0, c1, c2 = p["tc"], p["b0"], p["b1"], p["b2"]
    b2 = c2
    b1 = c1 - 2 * c2 * tc
    b0 = c0 - c1 * tc + c2 * tc**2
    assert _rel(b0, 0.673565789473684e-03) < 1e-7
    assert _rel(b1, 0.732059160401003e-06) < 1e-7
    assert _rel(b2, -0.316081871345029e-14) < 1e-7
    assert _rel(f.rss, 0.155761768796992e-05) < 1e-7


def test_batched_quadratic_rss_matches_nist_pontius() -> None:
    """The reference ranking's batched fit gives the certified residual sum of squares."""
    x, y = np.array(PONTIUS_X), np.array(PONTIUS_Y)
    rss = fits.quadratic_batch(x, np.column_stack([y, y]))
    assert rss.shape == (2,)
    assert _rel(float(rss[0]), 0.155761768796992e-05) < 1e-7


@pytest.mark.parametrize("t0", [2009.3, 2005.0])
def test_one_parameter_quadratic_recovers_an_exact_curve(t0: float) -> None:
    """a·(t − t0)² with no noise: the profile search finds t0 and a (R² = 1)."""
    t = np.arange(2010, 2019, dtype=float)
    y = 117.0 * (t - t0) ** 2  # synthetic, exact
    f = fits.fit_quadratic_1p(t, y)
    assert abs(f.params["t0"] - t0) < 1e-4
    assert _rel(f.params["a"], 117.0) < 1e-5
    assert f.r2 > 1 - 1e-10
