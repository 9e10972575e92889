"""Property tests (hypothesis) of the pure kernels, on synthetic series."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from transplant_audit.forensics import dispersion, fits, ratios
from transplant_audit.forensics.series import validate_series

counts = st.lists(st.integers(min_value=1, max_value=50_000), min_size=6, max_size=12)


@settings(max_examples=30, deadline=None)
@given(counts, st.randoms(use_true_random=False))
def test_row_order_does_not_matter(values, rnd) -> None:
    years = list(range(2000, 2000 + len(values)))
    pairs = list(zip(years, values, strict=True))
    shuffled = pairs[:]
    rnd.shuffle(shuffled)
    a = validate_series(pd.DataFrame(pairs, columns=["year", "value"]))
    b = validate_series(pd.DataFrame(shuffled, columns=["year", "value"]))
    pd.testing.assert_frame_equal(a, b)
    fa = dispersion.observed_dispersion(a["year"].to_numpy(), a["value"].to_numpy())
    fb = dispersion.observed_dispersion(b["year"].to_numpy(), b["value"].to_numpy())
    assert fa[0] == fb[0] and np.isclose(fa[1], fb[1])


@settings(max_examples=30, deadline=None)
@given(counts, st.floats(min_value=0.01, max_value=100))
def test_r2_does_not_depend_on_the_unit(values, scale) -> None:
    y = np.asarray(values, float)
    if np.ptp(y) == 0:
        return
    t = np.arange(2000, 2000 + len(y))
    for formula in ("linear", "quadratic", "cubic"):
        a = fits.fit_formula(t, y, formula)
        b = fits.fit_formula(t, y * scale, formula)
        assert np.isclose(a.r2, b.r2, atol=1e-9)
        assert np.isclose(a.adj_r2, b.adj_r2, atol=1e-9)


@settings(max_examples=30, deadline=None)
@given(counts)
def test_more_parameters_never_fit_worse(values) -> None:
    y = np.asarray(values, float)
    t = np.arange(2000, 2000 + len(y))
    rss = [fits.fit_formula(t, y, f).rss for f in ("linear", "quadratic", "cubic")]
    assert rss[0] >= rss[1] - 1e-6 * max(rss[0], 1) and rss[1] >= rss[2] - 1e-6 * max(rss[1], 1)


@given(st.integers(min_value=1, max_value=10**6), st.integers(min_value=0, max_value=6))
def test_trailing_zeros(base, zeros) -> None:
    n = base * 10**zeros
    assert ratios.trailing_zeros(n) >= zeros
    assert ratios.trailing_zeros(n + 1) == 0 or (n + 1) % 10 == 0
