"""Sobol indices and tornado on a SYNTHETIC product model with known indices."""

from __future__ import annotations

import pytest

from transplant_audit.estimate import estimate

from .synthetic import hospital, make_evidence, obs

# combined = utilisation x 100 beds x occupancy x 365 / 25: a product of two independent uniforms.
# X1 = occupancy ~ U(0.5, 1.5): E 1, Var 1/12;  X2 = utilisation ~ U(0.2, 1.0): E 0.6, Var 0.64/12
# V = E[X1^2] E[X2^2] - (E X1 E X2)^2 = (13/12)(0.36 + 0.64/12) - 0.36
V = (13 / 12) * (0.36 + 0.64 / 12) - 0.36
S1_OCC = 0.36 * (1 / 12) / V
S1_UTIL = 1.0 * (0.64 / 12) / V
CHANGES = {
    "occupancy_rate": ("uniform", 0.5, None, 1.5),
    "capacity_utilisation": ("uniform", 0.2, None, 1.0),
    "transplants_per_surgeon_per_year": ("uniform", 10, None, 150),  # no surgeons: cannot matter
}


@pytest.fixture(scope="module")
def result():
    ev = make_evidence(
        [hospital("a")], [obs("a", "transplant_beds", 100, as_of="2010")], assumptions=CHANGES
    )
    return estimate(ev, draws=100, years="2010-2010")


def test_sobol_recovers_analytic_indices(result):
    s = result.sensitivity(n=4096, year=2010).set_index("assumption")
    assert s.loc["occupancy_rate", "S1"] == pytest.approx(S1_OCC, abs=0.05)
    assert s.loc["capacity_utilisation", "S1"] == pytest.approx(S1_UTIL, abs=0.05)
    assert s.loc["occupancy_rate", "ST"] == pytest.approx(1 - S1_UTIL, abs=0.05)
    assert s.loc["capacity_utilisation", "ST"] == pytest.approx(1 - S1_OCC, abs=0.05)
    assert abs(s.loc["transplants_per_surgeon_per_year", "ST"]) < 0.01
    assert list(s.index[:2]) == ["capacity_utilisation", "occupancy_rate"]


def test_sobol_capacity_only_occupancy_matters(result):
    s = result.sensitivity(n=1024, year=2010, scenario="capacity").set_index("assumption")
    assert s.loc["occupancy_rate", "S1"] == pytest.approx(1.0, abs=0.03)
    assert abs(s.loc["capacity_utilisation", "ST"]) < 0.01


def test_tornado_swings(result):
    t = result.tornado(year=2010).set_index("assumption")
    base = 0.6 * 100 * 1.0 * 365 / 25
    assert t["base"].iloc[0] == pytest.approx(base)
    # occupancy at its 5th and 95th percentiles: 0.55 and 1.45
    assert t.loc["occupancy_rate", "total_at_low"] == pytest.approx(base * 0.55)
    assert t.loc["occupancy_rate", "total_at_high"] == pytest.approx(base * 1.45)
    assert t.loc["transplants_per_surgeon_per_year", "swing"] == 0.0
    assert t.index[0] == "capacity_utilisation"  # 0.24..0.96 of 0.6: the largest swing
