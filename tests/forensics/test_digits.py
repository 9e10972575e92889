"""Digit tests checked against an independent implementation written here from Nigrini's formulas.

The reference functions below use only ``math`` and string handling, not the
module under test, so an error in either shows up as a disagreement.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import stats

from transplant_audit.forensics import digits


def ref_first_digit_p() -> list[float]:
    # Benford (1938), Nigrini (2012) eq. 5.1: P(D1 = d) = log10(1 + 1/d)
    return [math.log10(1 + 1 / d) for d in range(1, 10)]


def ref_second_digit_p() -> list[float]:
    # Nigrini (2012) eq. 5.2: P(D2 = d) = sum_{k=1}^{9} log10(1 + 1/(10k + d))
    return [sum(math.log10(1 + 1 / (10 * k + d)) for k in range(1, 10)) for d in range(10)]


def ref_digit(x: int, pos: int) -> int:
    return int(str(x)[pos - 1])


def ref_mad(values: list[int], pos: int) -> float:
    p = ref_first_digit_p() if pos == 1 else ref_second_digit_p()
    lo = 1 if pos == 1 else 0
    usable = [v for v in values if len(str(v)) >= pos]
    counts = [sum(1 for v in usable if ref_digit(v, pos) == d) for d in range(lo, 10)]
    n = len(usable)
    return sum(abs(c / n - q) for c, q in zip(counts, p, strict=True)) / len(p)


def test_published_probabilities() -> None:
    # Nigrini (2012) Table 5.1: first digit 1 = 0.30103, 9 = 0.04576; second digit 0 = 0.11968
    assert digits.FIRST_DIGIT_P[0] == pytest.approx(0.30103, abs=5e-6)
    assert digits.FIRST_DIGIT_P[8] == pytest.approx(0.04576, abs=5e-6)
    assert digits.SECOND_DIGIT_P[0] == pytest.approx(0.11968, abs=5e-6)
    assert digits.SECOND_DIGIT_P[9] == pytest.approx(0.08500, abs=5e-6)
    assert np.allclose(digits.FIRST_DIGIT_P, ref_first_digit_p())
    assert np.allclose(digits.SECOND_DIGIT_P, ref_second_digit_p())


def test_mad_closed_form_all_ones() -> None:
    # every value leads with 1: MAD = (|1 - 0.30103| + sum_{d>=2} P(d)) / 9 = 2*(1-0.30103)/9
    vals = [1, 12, 155, 1999, 10, 13, 14, 16, 170, 18, 19, 100]
    res = digits.benford_test(vals, "first")
    assert res.ran
    assert res.mad == pytest.approx(2 * (1 - math.log10(2)) / 9, abs=1e-12)
    assert res.conformity == "nonconformity"


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_agrees_with_independent_implementation(seed) -> None:
    rng = np.random.default_rng(seed)
    vals = [int(v) for v in np.floor(10 ** rng.uniform(1, 5, 3000))]  # synthetic Benford data
    for pos, which in ((1, "first"), (2, "second")):
        res = digits.benford_test(vals, which)
        assert res.mad == pytest.approx(ref_mad(vals, pos), abs=1e-12)
        p = ref_first_digit_p() if pos == 1 else ref_second_digit_p()
        lo = 1 if pos == 1 else 0
        counts = [
            sum(1 for v in vals if len(str(v)) >= pos and ref_digit(v, pos) == d)
            for d in range(lo, 10)
        ]
        chi = stats.chisquare(counts, [sum(counts) * q for q in p])
        assert res.chi2 == pytest.approx(chi.statistic)
        assert res.p_value == pytest.approx(chi.pvalue)
        # synthetic Benford data, 3000 values: conform (Nigrini bands)
        assert res.conformity in ("close conformity", "acceptable conformity")


def test_uniform_first_digits_are_flagged() -> None:
    rng = np.random.default_rng(8)
    vals = rng.integers(1, 10, 2000) * 10 ** rng.integers(0, 4, 2000)  # synthetic
    res = digits.benford_test(vals, "first")
    assert res.flagged
    assert res.conformity == "nonconformity"


def test_refusals_and_warnings() -> None:
    few = digits.benford_test([12, 340, 5600, 78, 91], "first")
    assert not few.ran and "at least 10" in few.refused
    narrow = digits.benford_test(list(range(100, 190, 5)), "first")
    assert not narrow.ran and "orders of magnitude" in narrow.refused
    warned = digits.benford_test([12, 340, 5600, 78, 91, 23, 456, 7890, 15, 260, 33, 47], "first")
    assert warned.ran
    assert any("only 12 values" in c for c in warned.caveats)
    assert "Monte Carlo" in warned.p_method
    last = digits.last_digit_test([12, 15, 18])
    assert not last.ran


def test_last_digit_rounding_flagged() -> None:
    vals = [1000, 2500, 3000, 4100, 5000, 6200, 7000, 8300, 9000, 1200, 1500, 1700] * 3
    res = digits.last_digit_test(vals)
    assert res.flagged
    assert any("end in 0" in c for c in res.caveats)
    rng = np.random.default_rng(2)
    fine = digits.last_digit_test(rng.integers(100, 100_000, 500))  # synthetic
    assert not fine.flagged
