"""The cohrc2018 scenario on SYNTHETIC evidence: sourced inputs only, the missing input named,
and the value it would need consistent with the published figure (never fed back)."""

from __future__ import annotations

import numpy as np
import pytest

from transplant_audit.estimate import estimate
from transplant_audit.estimate import investigators as inv

from .synthetic import claim as synthetic_claim
from .synthetic import hospital, make_evidence, obs


def claim(cid: str, quantity: str, value: float, unit: str) -> dict:
    return synthetic_claim(
        cid,
        quantity,
        value,
        period=("2007", "2016"),
        unit=unit,
        party="investigators",
        claimant="synthetic investigators",
    )


def test_cohrc2018_uses_sourced_inputs_and_names_what_is_missing():
    ev = make_evidence(
        [hospital("a")],
        [obs("a", "transplants_in_period", 5, period_start="2016", period_end="2016")],
        claims=[
            claim("clm_n", inv.COHRC_HOSPITALS_QUANTITY, 100, "hospitals"),
            claim("clm_h", inv.COHRC_HEADLINE_QUANTITY, 30_000, "transplants/year"),
        ],
    )
    r = estimate(ev, draws=50, years="2005-2016", scenarios=["cohrc2018"])
    nat = r.national().set_index("year")
    # 100 hospitals x 10 beds x occupancy 1 x 365 / 25 days (synthetic assumptions)
    assert nat.loc[2016, "median"] == pytest.approx(100 * 10 * 365 / 25)
    assert nat.loc[2006, "median"] == 0.0  # before the licensing year
    row = r.to_dict(with_sensitivity=False)["investigators"][0]
    assert row["published_value"] == 30_000 and "Basic Methodology" in row["missing_input"]
    # the needed value reproduces the published figure when put into the same formula
    assert row["needed_value_median"] * 100 * 365 / 25 == pytest.approx(30_000)


def test_needed_beds_inverts_the_minimum_requirement():
    p = {
        "licence_minimum_transplant_beds": np.array([10.0, 20.0]),
        "occupancy_rate": np.array([0.8, 1.2]),
        "length_of_stay_days_mixed": np.array([20.0, 30.0]),
        "licensing_year": np.array([2007.0, 2007.0]),
    }
    need = inv.cohrc2018_needed_beds(p, 169, 69_000)
    p2 = {**p, "licence_minimum_transplant_beds": need}
    assert inv.cohrc2018(p2, 169, np.array([2016]))[0] == pytest.approx([69_000, 69_000])
