"""Calibration on a SYNTHETIC population with known truth.

The truth is generated here, independently of the engine, from the model's own
stated uncertainty: true occupancy, stay and utilisation drawn from the
assumption ranges, true beds within the stated precision of each figure. If the
engine propagates uncertainty correctly, its 90% interval must contain about
90% of such truths (and its 50% interval about half).
"""

from __future__ import annotations

import numpy as np

from transplant_audit.estimate import estimate

from .synthetic import hospital, make_evidence, obs

STATED_BEDS = [40, 75, 120, 500, 60, 33]
QUALIFIERS = ["approx", "exact", "at_least", "approx", "at_most", "approx"]
REPORTED = [None, 300, None, 2000, None, 150]
CHANGES = {
    "occupancy_rate": ("uniform", 0.8, None, 1.3),
    "length_of_stay_days_kidney": ("uniform", 12, None, 30),
    "capacity_utilisation": ("uniform", 0.2, None, 1.0),
    "approx_relative_half_width": ("fixed", 0.1, 0.1, 0.1),
    "at_least_max_uplift": ("fixed", 0.3, 0.3, 0.3),
    "at_most_max_shortfall": ("fixed", 0.3, 0.3, 0.3),
}


def true_totals(rng: np.random.Generator, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Independent generator of the truth (capacity and combined national totals in 2010)."""
    occ = rng.uniform(0.8, 1.3, n)
    los = rng.uniform(12, 30, n)
    util = rng.uniform(0.2, 1.0, n)
    cap = np.zeros(n)
    comb = np.zeros(n)
    for beds, q, rep in zip(STATED_BEDS, QUALIFIERS, REPORTED, strict=True):
        u = rng.uniform(0, 1, n)
        factor = {
            "exact": 1.0 + 0 * u,
            "approx": 1 + 0.1 * (2 * u - 1),
            "at_least": 1 + 0.3 * u,
            "at_most": 1 - 0.3 * u,
        }[q]
        c = beds * factor * occ * 365 / los
        cap += c
        comb += np.maximum(rep if rep is not None else 0.0, util * c)
    return cap, comb


def test_intervals_cover_the_truth_at_nominal_rate():
    hs, os_ = [], []
    for i, (beds, q, rep) in enumerate(zip(STATED_BEDS, QUALIFIERS, REPORTED, strict=True)):
        hs.append(hospital(f"h{i}"))
        os_.append(obs(f"h{i}", "transplant_beds", beds, organ="kidney", qualifier=q, as_of="2010"))
        if rep is not None:
            os_.append(
                obs(f"h{i}", "transplants_in_period", rep, period_start="2010", period_end="2010")
            )
    result = estimate(make_evidence(hs, os_, assumptions=CHANGES), draws=20_000, years="2010-2010")
    nat = result.national().set_index("scenario")
    cap_truth, comb_truth = true_totals(np.random.default_rng(7), 4000)
    for scen, truth in (("capacity", cap_truth), ("combined", comb_truth)):
        row = nat.loc[scen]
        cover90 = np.mean((truth >= row["p05"]) & (truth <= row["p95"]))
        cover50 = np.mean((truth >= row["p25"]) & (truth <= row["p75"]))
        assert abs(cover90 - 0.90) < 0.025, (scen, cover90)
        assert abs(cover50 - 0.50) < 0.035, (scen, cover50)
        # the median of 4,000 truths has a standard error near 1% here
        assert abs(np.median(truth) - row["median"]) / row["median"] < 0.04


def test_a_model_that_ignores_uncertainty_would_fail_this_check():
    """The check has teeth: occupancy and stay fixed at their middle: a far too narrow interval."""
    hs = [hospital(f"h{i}") for i in range(len(STATED_BEDS))]
    os_ = [
        obs(f"h{i}", "transplant_beds", b, organ="kidney", qualifier=q, as_of="2010")
        for i, (b, q) in enumerate(zip(STATED_BEDS, QUALIFIERS, strict=True))
    ]
    narrow = {
        **CHANGES,
        "occupancy_rate": ("fixed", 1.05, 1.05, 1.05),
        "length_of_stay_days_kidney": ("fixed", 21, 21, 21),
    }
    row = estimate(
        make_evidence(hs, os_, assumptions=narrow), draws=4000, years="2010-2010"
    ).national()
    row = row.set_index("scenario").loc["capacity"]
    cap_truth, _ = true_totals(np.random.default_rng(8), 4000)
    cover90 = np.mean((cap_truth >= row["p05"]) & (cap_truth <= row["p95"]))
    assert cover90 < 0.5
