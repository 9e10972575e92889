"""The headline's capacity Sobol indices share the combined total's design (one SALib
sample, one model run per point) and equal what a separate analysis gives.

SYNTHETIC evidence (tests/estimate/synthetic.py): one hospital, 100 beds.
"""

from __future__ import annotations

import pandas as pd
import pytest

from transplant_audit.estimate import estimate

from .synthetic import hospital, make_evidence, obs

CHANGES = {
    "occupancy_rate": ("uniform", 0.5, None, 1.5),
    "capacity_utilisation": ("uniform", 0.2, None, 1.0),
}


def _result():  # type: ignore[no-untyped-def]
    ev = make_evidence(
        [hospital("a")], [obs("a", "transplant_beds", 100, as_of="2010")], assumptions=CHANGES
    )
    return estimate(ev, draws=50, years="2010-2010")


def test_two_scenarios_run_the_model_on_one_design_once() -> None:
    result = _result()
    calls: list[str] = []
    inner = result._sensitivity_fn

    def counted(kind: str, **kw):  # type: ignore[no-untyped-def]
        calls.append(kind)
        return inner(kind, **kw)

    result._sensitivity_fn = counted
    combined = result.sensitivity(n=256, year=2010)
    capacity = result.sensitivity(n=256, year=2010, scenario="capacity")
    assert len(calls) == 1, calls  # was one model run per scenario
    util = capacity.set_index("assumption").loc["capacity_utilisation", "ST"]
    assert util == pytest.approx(0.0, abs=1e-12)  # capacity does not draw it
    assert combined.set_index("assumption").loc["capacity_utilisation", "ST"] > 0.3


@pytest.mark.parametrize("scenario", ["combined", "capacity"])
def test_shared_design_gives_the_separate_analysis(scenario: str) -> None:
    """Indices of a scenario asked second (sharing the first's runs) equal those of a fresh
    result asked for that scenario alone."""
    shared = _result()
    other = "capacity" if scenario == "combined" else "combined"
    shared.sensitivity(n=256, year=2010, scenario=other)
    alone = _result().sensitivity(n=256, year=2010, scenario=scenario)
    pd.testing.assert_frame_equal(shared.sensitivity(n=256, year=2010, scenario=scenario), alone)
