"""The Python API mirrors the CLI: ``transplant_audit.estimate(...)`` and friends."""

from __future__ import annotations

import pandas as pd

import transplant_audit as ta
from transplant_audit.estimate import EstimateResult


def test_estimate_is_callable_at_top_level_and_matches_the_pure_function() -> None:
    evidence = ta.load_evidence(home="/nonexistent-home-for-api-test")  # no store: bundled package
    via_module = ta.estimate(evidence, draws=300, seed=7)
    via_function = ta.estimate.estimate(evidence, draws=300, seed=7)
    assert isinstance(via_module, EstimateResult)
    pd.testing.assert_frame_equal(via_module.national(), via_function.national())
    scenarios = set(via_module.national()["scenario"])
    # the calibrated scenario joins when the stored posterior matches the bundled data
    assert scenarios == {"documented", "capacity", "combined", "calibrated"}


def test_top_level_names_are_exported() -> None:
    for name in ta.__all__:
        assert hasattr(ta, name), name
