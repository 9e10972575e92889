"""Ratio constancy, cross-consistency and counter jumps on synthetic numbers."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from transplant_audit.forensics import ratios


def test_exactly_constant_ratio_is_too_steady() -> None:
    den = np.array([100, 250, 600, 1100, 1800, 2600])
    r = ratios.ratio_constancy(np.arange(2013, 2019), 3 * den, den)
    assert r.chi2 == pytest.approx(0.0)
    assert r.p_lower < 1e-6
    assert r.pooled_ratio == pytest.approx(3.0)


def test_binomial_share_with_real_noise_is_not_too_steady() -> None:
    rng = np.random.default_rng(1)
    den = np.array([500, 700, 900, 1200, 1500, 1800, 2100])
    num = rng.binomial(den, 0.6)  # synthetic
    r = ratios.ratio_constancy(np.arange(2012, 2019), num, den, "binomial")
    assert 0.01 < r.p_lower < 0.99
    with pytest.raises(ValueError):
        ratios.ratio_constancy([1, 2, 3], [5, 5, 5], [4, 4, 4], "binomial")


def test_cross_consistency_reports_mismatched_years() -> None:
    a = pd.DataFrame({"year": [2015, 2016, 2017], "value": [2766, 4080, 5135]})
    b = pd.DataFrame({"year": [2016, 2017, 2018], "value": [4080, 5148, 6302]})
    r = ratios.cross_consistency(a, b)
    assert r.years == [2016, 2017]
    assert r.mismatched_years == [2017]
    assert r.max_abs_diff == 13


def test_counter_jumps_round_and_falls() -> None:
    assert ratios.trailing_zeros(25000) == 3
    assert ratios.trailing_zeros(25001) == 0
    r = ratios.counter_jumps([137, 212, 25000, 198, -40, 175], labels=list("abcdef"))
    assert r.round_jumps == ["c: +25,000"]
    assert r.falls == ["e: -40"]
    assert r.max_trailing_zeros == 3
    assert r.p_round == pytest.approx(1 - (1 - 1e-3) ** 6)
    assert r.outliers == ["c: +25,000"]
    plain = ratios.counter_jumps([137, 212, 198, 175, 160])
    assert not plain.round_jumps and not plain.falls and plain.p_round == 1.0
