"""Digit tests: Benford first and second digit, last-digit uniformity.

Counts that arise from many independent events spread over several orders of
magnitude tend to follow Benford's law in their leading digits; the last
digit of large counts is close to uniform. Invented numbers often break both
(people favour round endings and avoid repeats). These tests only mean
something with enough values spread widely enough, so each refuses when the
data are too few or too narrow, and warns when they are borderline.

Pure functions.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np
from scipy import stats

from transplant_audit.forensics.dispersion import DEFAULT_SEED

FIRST_DIGIT_P = np.log10(1.0 + 1.0 / np.arange(1, 10))
"""Benford first-digit probabilities P(d) = log10(1 + 1/d), d = 1..9."""

SECOND_DIGIT_P = np.array(
    [sum(np.log10(1.0 + 1.0 / (10 * k + d)) for k in range(1, 10)) for d in range(10)]
)
"""Benford second-digit probabilities P(d) = Σ_{k=1..9} log10(1 + 1/(10k + d)), d = 0..9."""

# Nigrini (2012), Forensic Analytics, Table 7.1: MAD conformity ranges.
MAD_BANDS: dict[str, tuple[tuple[float, str], ...]] = {
    "first": (
        (0.006, "close conformity"),
        (0.012, "acceptable conformity"),
        (0.015, "marginally acceptable conformity"),
        (float("inf"), "nonconformity"),
    ),
    "second": (
        (0.008, "close conformity"),
        (0.010, "acceptable conformity"),
        (0.012, "marginally acceptable conformity"),
        (float("inf"), "nonconformity"),
    ),
}

MIN_VALUES_REFUSE = 10
"""Below this many usable values a digit test is not run."""
MIN_VALUES_WARN = 100
"""Below this many values the test runs with a warning (Nigrini's bands assume large samples)."""
MIN_ORDERS_REFUSE = 1.0
"""Benford: refuse when the values span less than one order of magnitude (max/min < 10)."""
MIN_ORDERS_WARN = 2.0
"""Benford: warn when the values span less than two orders of magnitude."""
LARGE_N = 1000
"""From this many values on, chi-square rejects trivial deviations; the MAD band decides."""


@dataclass
class DigitResult:
    """One digit test on one set of values."""

    test: str
    n: int
    ran: bool
    observed: list[int] = field(default_factory=list)
    expected: list[float] = field(default_factory=list)
    chi2: float | None = None
    p_value: float | None = None
    p_method: str = ""
    mad: float | None = None
    conformity: str = ""
    flagged: bool = False
    caveats: list[str] = field(default_factory=list)
    refused: str = ""


def significant_digits(values: np.ndarray | list[float], position: int) -> np.ndarray:
    """The ``position``-th significant digit (1 = leading) of each positive value.

    Uses the decimal representation (``%.14e``) so 0.3 and 300 both lead with 3.
    Values with fewer significant digits than ``position`` (e.g. 7 for the
    second digit) are dropped for integer-valued inputs.
    """
    out = []
    for v in np.asarray(values, float):
        if not np.isfinite(v) or v <= 0:
            continue
        if position > 1 and float(v).is_integer() and v < 10 ** (position - 1):
            continue
        mantissa = f"{v:.14e}".split("e")[0].replace(".", "")
        out.append(int(mantissa[position - 1]))
    return np.array(out, dtype=int)


def mad(observed_counts: np.ndarray, expected_p: np.ndarray) -> float:
    """Nigrini's mean absolute deviation: mean over digits of |observed share − expected share|."""
    n = observed_counts.sum()
    return float(np.mean(np.abs(observed_counts / n - expected_p)))


def conformity(mad_value: float, which: str) -> str:
    """Nigrini's conformity band for a MAD (``which`` = ``first`` or ``second``)."""
    for upper, label in MAD_BANDS[which]:
        if mad_value <= upper:
            return label
    return "nonconformity"


def _chi2_p(counts: np.ndarray, p: np.ndarray, seed: int, n_sim: int) -> tuple[float, float, str]:
    n = int(counts.sum())
    exp = n * p
    chi2 = float(np.sum((counts - exp) ** 2 / exp))
    if np.all(exp >= 5):
        return chi2, float(stats.chi2.sf(chi2, len(p) - 1)), "chi-square approximation"
    rng = np.random.default_rng(seed)
    sims = rng.multinomial(n, p, size=n_sim)
    chi_sim = np.sum((sims - exp) ** 2 / exp, 1)
    pv = float((1 + np.sum(chi_sim >= chi2 - 1e-9)) / (1 + n_sim))
    return chi2, pv, f"Monte Carlo ({n_sim} multinomial draws; some expected counts below 5)"


def _tested(
    test: str, counts: np.ndarray, p: np.ndarray, seed: int, n_sim: int, caveats: list[str]
) -> DigitResult:
    """A digit test that ran, not yet flagged: ``counts`` against the expected shares ``p``
    (the chi-square or Monte Carlo p-value of ``_chi2_p``, and the MAD)."""
    chi2, pv, method = _chi2_p(counts, p, seed, n_sim)
    n = int(counts.sum())
    return DigitResult(
        test=test,
        n=n,
        ran=True,
        observed=counts.tolist(),
        expected=(n * p).tolist(),
        chi2=chi2,
        p_value=pv,
        p_method=method,
        mad=mad(counts, p),
        caveats=caveats,
    )


def _refuse(test: str, n: int, reason: str) -> DigitResult:
    return DigitResult(test=test, n=n, ran=False, refused=reason, caveats=[reason])


def benford_test(
    values: np.ndarray | list[float],
    which: str = "first",
    *,
    alpha: float = 0.05,
    seed: int = DEFAULT_SEED,
    n_sim: int = 20_000,
) -> DigitResult:
    """Benford first- or second-digit test: chi-square p-value and Nigrini's MAD band.

    Flagged when p < alpha, except from ``LARGE_N`` values on, where the MAD
    band must also say "nonconformity" (Nigrini 2012, ch. 7: chi-square finds
    trivial departures significant in large samples).
    """
    test = f"benford_{which}_digit"
    vals = np.asarray([v for v in np.asarray(values, float) if np.isfinite(v) and v > 0])
    position = 1 if which == "first" else 2
    digits = significant_digits(vals, position)
    n = len(digits)
    if n < MIN_VALUES_REFUSE:
        return _refuse(
            test,
            n,
            f"only {n} usable values; a digit test needs at least "
            f"{MIN_VALUES_REFUSE} (and hundreds to be reliable)",
        )
    orders = float(np.log10(vals.max() / vals.min())) if len(vals) else 0.0
    if orders < MIN_ORDERS_REFUSE:
        return _refuse(
            test,
            n,
            f"values span {orders:.2f} orders of magnitude; Benford's law "
            f"needs data spread over at least {MIN_ORDERS_REFUSE:g}",
        )
    caveats = []
    if n < MIN_VALUES_WARN:
        caveats.append(
            f"only {n} values: the test has little power and Nigrini's MAD bands "
            "assume large samples"
        )
    if orders < MIN_ORDERS_WARN:
        caveats.append(
            f"values span only {orders:.2f} orders of magnitude; Benford's law is "
            "expected for data spread over several"
        )
    p = FIRST_DIGIT_P if which == "first" else SECOND_DIGIT_P
    lo = 1 if which == "first" else 0
    counts = np.bincount(digits, minlength=10)[lo:10]
    result = _tested(test, counts, p, seed, n_sim, caveats)
    band = conformity(result.mad, which)
    flagged = result.p_value < alpha and (n < LARGE_N or band == "nonconformity")
    return replace(result, conformity=band, flagged=bool(flagged))


def last_digit_test(
    values: np.ndarray | list[float],
    *,
    min_value: float = 100,
    alpha: float = 0.05,
    seed: int = DEFAULT_SEED,
    n_sim: int = 20_000,
) -> DigitResult:
    """Uniformity of the last digit of whole-number counts of at least ``min_value``.

    Only values with three or more digits by default, so the last digit is not
    also a leading digit (which follows Benford, not uniform). Also reports the
    share ending in 0 (rounding) in the caveats when it is high.
    """
    test = "last_digit_uniform"
    vals = np.asarray(
        [
            v
            for v in np.asarray(values, float)
            if np.isfinite(v) and float(v).is_integer() and v >= min_value
        ]
    )
    n = len(vals)
    if n < MIN_VALUES_REFUSE:
        return _refuse(
            test,
            n,
            f"only {n} whole values of at least {min_value:g}; the test "
            f"needs at least {MIN_VALUES_REFUSE}",
        )
    digits = (vals % 10).astype(int)
    counts = np.bincount(digits, minlength=10)
    caveats = []
    if n < 50:
        caveats.append(f"only {n} values: only gross departures from uniform can show")
    zero_share = counts[0] / n
    if zero_share >= 0.3:
        caveats.append(f"{zero_share:.0%} of values end in 0: rounding or stated approximations")
    result = _tested(test, counts, np.full(10, 0.1), seed, n_sim, caveats)
    return replace(result, flagged=bool(result.p_value < alpha))
