"""The fast national-totals path equals the full engine (bundled data and SYNTHETIC cases)."""

from __future__ import annotations

import numpy as np
import pytest

from transplant_audit.estimate import api, engine
from transplant_audit.estimate.fastpath import FastModel
from transplant_audit.evidence.package import read_package

from .synthetic import hospital, make_evidence, obs

RANDOM = {
    "occupancy_rate": ("uniform", 0.8, None, 1.3),
    "length_of_stay_days_kidney": ("uniform", 12, None, 30),
    "length_of_stay_days_mixed": ("uniform", 12, None, 30),
    "capacity_utilisation": ("uniform", 0.05, None, 1.0),
    "undated_figure_year": ("integer_uniform", 2003, None, 2009),
    "transplants_per_surgeon_per_year": ("uniform", 10, None, 150),
    "transplant_share_of_department_beds": ("uniform", 0.25, None, 1.0),
    "price_per_transplant_cny": ("uniform", 30000, None, 600000),
    "centres_total": ("uniform", 20, None, 40),
    "centres_licensed": ("uniform", 5, None, 10),
    "unlicensed_active_share_after_2007": ("uniform", 0, None, 1),
    "approx_relative_half_width": ("uniform", 0, None, 0.1),
    "at_least_max_uplift": ("uniform", 0, None, 0.3),
}


def compare(evidence, years, draws=3000, seed=5):
    a, _ = api.load_assumptions(evidence)
    table = engine.build_table(evidence, api.parse_years(years, api.evidence_years(evidence)))
    prep = engine.prepare(table, a["licensing_year"].median)
    rng = np.random.default_rng(seed)
    params = engine.draw_params(a, rng, draws)
    u = rng.random((len(table.figures), draws), dtype=np.float32)
    ref = engine.simulate(prep, params, u, light=True)
    fast = FastModel.build(prep).national(params, u)
    for part in ("national", "imputed"):
        for s in engine.SCENARIOS:
            r, f = getattr(ref, part)[s], getattr(fast, part)[s]
            assert np.allclose(f, r, rtol=2e-6, atol=1e-3), (part, s, np.max(np.abs(f - r)))
    # and without measurement noise (the sensitivity analysis)
    ref = engine.simulate(prep, params, None, light=True)
    fast = FastModel.build(prep).national(params, None)
    for s in engine.SCENARIOS:
        assert np.allclose(fast.national[s], ref.national[s], rtol=2e-6, atol=1e-3)


def test_fast_path_equals_engine_on_a_synthetic_mix():
    hs = [
        hospital("a", licensed=True),
        hospital("b"),
        hospital("c", licensed=True, military=True),
        hospital("d"),
        hospital("e", licensed=True, licence_year=2009),
    ]
    os_ = [
        obs("a", "transplant_beds", 50, organ="kidney", as_of="2006", qualifier="approx"),
        obs("a", "transplant_beds", 120, as_of="2008"),  # unsplit against the organ sum
        obs("a", "transplant_surgeons", 8, as_of="2007"),
        obs(
            "a",
            "transplants_in_period",
            300,
            organ="kidney",
            period_start="2006",
            period_end="2007",
        ),
        obs(
            "a",
            "transplants_in_period",
            200,
            organ="kidney",
            period_start="2007",
            period_end="2007",
        ),
        obs(
            "a", "transplants_in_period", 90, organ="liver", period_start="2007", period_end="2007"
        ),
        obs("b", "department_beds", 80, qualifier="at_least"),  # undated
        obs("b", "transplants_cumulative", 100, organ="liver", as_of="2004"),
        obs("b", "transplants_cumulative", 400, organ="liver", as_of="2009"),
        obs("b", "first_transplant_year", 2001),
        obs("c", "transplant_surgeons", 12, as_of="2005", qualifier="at_most"),
        obs("c", "revenue_cny", 5_000_000, organ="all", period_start="2008", period_end="2008"),
        obs("d", "transplant_beds", 30, organ="liver"),  # undated
        obs("d", "transplant_beds", 40, organ="liver", as_of="2010"),
        obs("d", "bed_occupancy_rate", 1.2),
        obs("e", "transplants_in_period", 50, period_start="2010", period_end="2010"),
    ]
    compare(make_evidence(hs, os_, assumptions=RANDOM), "2000-2010")


@pytest.mark.parametrize("years", ["2000-2020", "2005-2016"])
def test_fast_path_equals_engine_on_bundled_data(bundled_dir, years):
    compare(read_package(bundled_dir), years, draws=1500)


def test_estimate_uses_fast_path_beyond_kept_draws(monkeypatch):
    """With more draws than are kept, the result still matches the engine-only run."""
    hs = [hospital("a", licensed=True), hospital("b")]
    os_ = [
        obs("a", "transplant_beds", 50, organ="kidney", as_of="2006", qualifier="approx"),
        obs("b", "transplant_surgeons", 5, as_of="2008"),
        obs("b", "transplants_in_period", 40, period_start="2008", period_end="2008"),
    ]
    ev = make_evidence(hs, os_, assumptions=RANDOM)
    monkeypatch.setattr(api, "KEEP_SPLIT_DRAWS", 300)
    monkeypatch.setattr(api, "FAST_CHUNK", 700)
    mixed = api.estimate(ev, draws=2000, years="2004-2008")
    monkeypatch.setattr(api, "KEEP_SPLIT_DRAWS", 10_000)
    monkeypatch.setattr(api, "CHUNK_CELLS", 10 * 10 * 10)  # same engine-only, many chunks
    assert mixed.national_draws["combined"].shape == (5, 2000)
    # same seed, different chunking: the same model, so the distributions agree closely
    engine_only = api.estimate(ev, draws=2000, years="2004-2008")
    for s in engine.SCENARIOS:
        m = mixed.national()[lambda d, s=s: d.scenario == s]["mean"].to_numpy()
        e = engine_only.national()[lambda d, s=s: d.scenario == s]["mean"].to_numpy()
        assert np.allclose(m, e, rtol=0.05, atol=1.0)
