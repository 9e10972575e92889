"""Exact values on tiny hand-computed SYNTHETIC cases, reproducibility and bad input."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from transplant_audit.errors import ConfigError, DataError
from transplant_audit.estimate import DEFAULT_SEED, estimate

from .synthetic import claim, hospital, make_evidence, obs


def nat(result, scenario: str, year: int) -> float:
    df = result.national()
    return float(df[(df.scenario == scenario) & (df.year == year)]["mean"].iloc[0])


def test_bed_capacity_hand_computed():
    # 50 kidney beds x occupancy 1.0 x 365 / 20 days = 912.5 ; 30 liver beds x 365 / 25 = 438
    ev = make_evidence(
        [hospital("a"), hospital("z")],
        [
            obs("a", "transplant_beds", 50, organ="kidney", as_of="2010"),
            obs("a", "transplant_beds", 30, organ="liver", as_of="2010"),
            # z only extends the evidence to 2013 (a count, no capacity)
            obs("z", "transplants_in_period", 1, period_start="2013", period_end="2013"),
        ],
    )
    r = estimate(ev, draws=5, years="2008-2013")
    assert nat(r, "capacity", 2010) == pytest.approx(912.5 + 438.0)
    # forward only: never before the figure's year, kept until a newer figure
    assert nat(r, "capacity", 2008) == 0.0
    assert nat(r, "capacity", 2013) == pytest.approx(1350.5)
    # combined = utilisation 0.5 x capacity (no reported count)
    assert nat(r, "combined", 2010) == pytest.approx(0.5 * 1350.5)
    assert nat(r, "documented", 2010) == 0.0
    assert nat(r, "documented", 2013) == 1.0


def test_unsplit_beds_compete_with_organ_sum():
    # unsplit 100 beds x 365/25 = 1460 > kidney 50 x 365/20 = 912.5: the larger counts, not both
    ev = make_evidence(
        [hospital("a")],
        [
            obs("a", "transplant_beds", 50, organ="kidney", as_of="2010"),
            obs("a", "transplant_beds", 100, as_of="2010"),
        ],
    )
    r = estimate(ev, draws=3, years="2010-2010")
    assert nat(r, "capacity", 2010) == pytest.approx(1460.0)


def test_department_beds_only_without_transplant_beds():
    # department 80 beds x share 0.5 x 365 / 25 (unsplit) = 584
    ev = make_evidence(
        [hospital("a"), hospital("b")],
        [
            obs("a", "department_beds", 80, as_of="2010"),
            obs("b", "department_beds", 80, as_of="2010"),
            obs("b", "transplant_beds", 10, organ="kidney", as_of="2010"),
        ],
    )
    r = estimate(ev, draws=3, years="2010-2010")
    assert nat(r, "capacity", 2010) == pytest.approx(584.0 + 10 * 365 / 20)


def test_minimum_requirement_personnel_and_revenue():
    # licensed from 2007: 10 beds x 365 / 25 = 146 ; surgeons 5 x 20 = 100 (smaller, so 146 stays)
    # unlicensed c: 12 surgeons x 20 = 240 ; d: revenue 2,000,000 / 200,000 = 10
    ev = make_evidence(
        [hospital("b", licensed=True), hospital("c"), hospital("d")],
        [
            obs("b", "transplant_surgeons", 5, as_of="2012"),
            obs("c", "transplant_surgeons", 12, as_of="2012"),
            obs("d", "revenue_cny", 2_000_000, organ="all", period_start="2012", period_end="2012"),
        ],
    )
    r = estimate(ev, draws=3, years="2005-2012")
    assert nat(r, "capacity", 2012) == pytest.approx(146 + 240 + 10)
    # 2006: before licensing, b has no figure within the window (2012 - 2 = 2010)
    assert nat(r, "capacity", 2006) == 0.0
    row = (
        r.by_hospital()
        .query("hospital_id == 'b' and year == 2012 and scenario == 'capacity'")
        .iloc[0]
    )
    assert row["methods"] == "minimum_requirement;personnel"


def test_reported_period_and_running_totals_spread_evenly():
    # 300 in 2010-2012 -> 100 a year; running total 1000 (as of end 2012) then 1600 (end 2015):
    # 600 over 2013-2015 -> 200 a year
    ev = make_evidence(
        [hospital("a")],
        [
            obs(
                "a",
                "transplants_in_period",
                300,
                organ="kidney",
                period_start="2010",
                period_end="2012",
            ),
            obs("a", "transplants_cumulative", 1000, organ="liver", as_of="2012-12-31"),
            obs("a", "transplants_cumulative", 1600, organ="liver", as_of="2015-12-31"),
        ],
    )
    r = estimate(ev, draws=3, years="2009-2016")
    assert nat(r, "documented", 2011) == pytest.approx(100.0)
    assert nat(r, "documented", 2014) == pytest.approx(200.0, rel=1e-3)
    assert nat(r, "documented", 2016) == pytest.approx(0.0, abs=1.0)
    assert nat(r, "documented", 2009) == 0.0
    org = r.by_organ().query("year == 2014 and organ == 'liver'")["mean"].iloc[0]
    assert org == pytest.approx(200.0, rel=1e-3)


def test_combined_takes_the_larger_of_reported_and_used_capacity():
    # capacity 912.5, utilisation 0.5 -> 456.25 ; reported 600 > 456.25
    ev = make_evidence(
        [hospital("a"), hospital("b")],
        [
            obs("a", "transplant_beds", 50, organ="kidney", as_of="2010"),
            obs("a", "transplants_in_period", 600, period_start="2010", period_end="2010"),
            obs("b", "transplant_beds", 50, organ="kidney", as_of="2010"),
            obs("b", "transplants_in_period", 100, period_start="2010", period_end="2010"),
        ],
    )
    r = estimate(ev, draws=3, years="2010-2010")
    assert nat(r, "combined", 2010) == pytest.approx(600 + 456.25)
    chk = r.check()
    assert set(chk["hospital_id"]) == {"a", "b"}
    a = chk.set_index("hospital_id").loc["a"]
    assert a["ratio_median"] == pytest.approx(600 / 912.5)


def test_qualifiers_floor_and_ceiling():
    # at_least 100 beds with uplift up to 20%: every draw between 100 and 120 beds
    ev = make_evidence(
        [hospital("a")], [obs("a", "transplant_beds", 100, qualifier="at_least", as_of="2010")]
    )
    r = estimate(ev, draws=4000, years="2010-2010")
    v = r.national_draws["capacity"][0] / (365 / 25)
    assert v.min() >= 100 - 1e-9 and v.max() <= 120 + 1e-9
    assert v.mean() == pytest.approx(110, abs=0.5)
    ev = make_evidence(
        [hospital("a")], [obs("a", "transplant_beds", 100, qualifier="at_most", as_of="2010")]
    )
    v = estimate(ev, draws=4000, years="2010-2010").national_draws["capacity"][0] / (365 / 25)
    assert v.min() >= 80 - 1e-9 and v.max() <= 100 + 1e-9


def test_imputation_by_stratum_hand_computed():
    # 2010 (after licensing): 5 licensed centres, 1 listed with beds ->
    # 4 imputed at 10 x 365/25 = 146;
    # unlicensed: (20 - 5) x share 1.0 = 15, none observed -> 15 x 146
    changes = {"centres_total": ("fixed", 20, 20, 20), "centres_licensed": ("fixed", 5, 5, 5)}
    ev = make_evidence(
        [hospital("a", licensed=True)],
        [obs("a", "transplant_beds", 50, organ="kidney", as_of="2010")],
        assumptions=changes,
    )
    r = estimate(ev, draws=3, years="2010-2010")
    assert nat(r, "capacity", 2010) == pytest.approx(912.5 + 4 * 146 + 15 * 146)
    assert nat(r, "combined", 2010) == pytest.approx(0.5 * (912.5 + 19 * 146))
    assert r.imputed_share == pytest.approx(19 * 146 / (912.5 + 19 * 146))
    st = (
        r.by_stratum().query("year == 2010 and scenario == 'capacity'").set_index("stratum")["mean"]
    )
    assert st["licensed"] == pytest.approx(912.5 + 4 * 146)
    assert st["unlicensed"] == pytest.approx(15 * 146)
    assert st["imputed"] == pytest.approx(19 * 146)


def test_growth_ramp_before_2004():
    # 2000: centres_total / growth 3 -> 30 / 3 = 10 centres, none observed -> 10 x 146
    changes = {
        "centres_total": ("fixed", 30, 30, 30),
        "centres_growth_2000_to_2004": ("fixed", 3, 3, 3),
    }
    ev = make_evidence(
        [hospital("a")],
        [
            obs("a", "transplant_beds", 1, as_of="2000"),
            obs("a", "transplants_in_period", 0, period_start="2004", period_end="2004"),
        ],
        assumptions=changes,
    )
    r = estimate(ev, draws=2, years="2000-2004")
    own = 1 * 365 / 25  # a's one bed, carried forward from 2000
    per = 10 * 365 / 25  # an imputed centre: the licence minimum of 10 beds
    assert nat(r, "capacity", 2000) == pytest.approx(own + 9 * per)
    assert nat(r, "capacity", 2002) == pytest.approx(own + (20 - 1) * per)  # 30 x (1/3 + 2/3 x 2/4)
    assert nat(r, "capacity", 2004) == pytest.approx(own + 29 * per)  # a's bed still counts
    assert nat(r, "combined", 2004) == pytest.approx(0.5 * (own + 29 * per))


def test_same_seed_identical_other_seed_differs():
    changes = {
        "occupancy_rate": ("uniform", 0.8, None, 1.3),
        "capacity_utilisation": ("uniform", 0.1, None, 1),
    }
    ev = make_evidence(
        [hospital("a")],
        [
            obs("a", "transplant_beds", 50, as_of="2010", qualifier="approx"),
            obs("a", "transplant_beds", 60, as_of="2011"),
        ],
        assumptions=changes,
    )
    a = estimate(ev, draws=300, years="2009-2011")
    b = estimate(ev, draws=300, years="2009-2011")
    c = estimate(ev, draws=300, years="2009-2011", seed=DEFAULT_SEED + 1)
    pd.testing.assert_frame_equal(a.national(), b.national())
    assert a.inputs_digest == b.inputs_digest != c.inputs_digest
    assert not np.allclose(a.national()["mean"], c.national()["mean"])


def test_years_outside_evidence_and_bad_options():
    ev = make_evidence([hospital("a")], [obs("a", "transplant_beds", 50, as_of="2010")])
    with pytest.raises(ConfigError, match="outside the evidence, which covers 2000-2010"):
        estimate(ev, draws=2, years="1995-2005")
    with pytest.raises(ConfigError, match="outside"):
        estimate(ev, draws=2, years="2009-2012")
    with pytest.raises(ConfigError, match="expected A-B"):
        estimate(ev, draws=2, years="soon")
    with pytest.raises(ConfigError, match="unknown scenario"):
        estimate(ev, draws=2, scenarios=["optimistic"])
    with pytest.raises(ConfigError, match="unknown assumption 'occupancy'"):
        estimate(ev, draws=2, overrides={"occupancy": {"low": 1}})


def test_missing_or_bad_assumption_in_evidence():
    ev = make_evidence(
        [hospital("a")], [], assumptions={"length_of_stay_days_liver": ("uniform", -5, None, 20)}
    )
    with pytest.raises(DataError, match="length_of_stay_days_liver") as err:
        estimate(ev, draws=2)
    assert err.value.field == "low" and err.value.row is not None
    ev = make_evidence([hospital("a")], [])
    object.__setattr__(ev, "assumptions", ev.assumptions.iloc[1:])
    with pytest.raises(DataError, match="missing assumptions the model needs: occupancy_rate"):
        estimate(ev, draws=2)


def test_explain_lists_observations_sources_and_assumptions():
    ev = make_evidence(
        [hospital("a")],
        [
            obs(
                "a",
                "transplant_beds",
                50,
                organ="kidney",
                as_of="2010",
                oid="obs_beds",
                qualifier="approx",
            ),
            obs(
                "a",
                "transplants_in_period",
                100,
                period_start="2010",
                period_end="2010",
                oid="obs_count",
            ),
            obs("a", "transplant_surgeons", 3, as_of="2011", oid="obs_surgeons"),
        ],
    )
    d = estimate(ev, draws=20, years="2010-2011").explain("a", 2011)
    ids = {o["observation_id"] for o in d["observations"]}
    # the 2010 count does not speak for 2011; the beds are carried; surgeons are a method too
    assert ids == {"obs_beds", "obs_surgeons"}
    o = next(o for o in d["observations"] if o["observation_id"] == "obs_beds")
    assert o["url"] == "https://example.invalid/synthetic" and o["locator"] == "synthetic"
    names = {a["name"] for a in d["assumptions"]}
    assert {
        "occupancy_rate",
        "length_of_stay_days_kidney",
        "approx_relative_half_width",
        "capacity_utilisation",
    } <= names
    assert set(d["values"]) >= {"bed_capacity", "capacity", "combined"}
    with pytest.raises(ConfigError, match="not in the evidence"):
        estimate(ev, draws=2, years="2010-2010").explain("zz", 2010)


def test_to_dict_has_documented_keys():
    import json

    ev = make_evidence(
        [hospital("a")],
        [obs("a", "transplant_beds", 50, as_of="2010")],
        claims=[claim("clm_x", "transplants_performed", 500)],
    )
    d = estimate(ev, draws=50, years="2009-2010").to_dict(sensitivity_n=16)
    for key in (
        "national",
        "official",
        "by_hospital",
        "sensitivity",
        "inputs_digest",
        "comparison",
        "check",
        "tornado",
        "cumulative",
        "imputed_share",
    ):
        assert key in d
    assert set(d["national"][0]) >= {
        "year",
        "scenario",
        "mean",
        "median",
        "p05",
        "p25",
        "p75",
        "p95",
    }
    assert d["official"][0]["value"] == 500 and d["official"][0]["year"] == 2010
    cmp_row = d["comparison"][0]
    # capacity 50 x 365 / 25 = 730, combined 365: ratio 365 / 500
    assert cmp_row["ratio_median"] == pytest.approx(365 / 500)
    assert cmp_row["p_claim_at_or_above_estimate"] == 1.0
    json.dumps(d, allow_nan=False)


def test_capacity_by_organ_group():
    # a: kidney 50 beds (912.5) + liver 30 beds (438);
    # b: unsplit 100 beds (1460) beats its kidney 20 beds (365)
    ev = make_evidence(
        [hospital("a"), hospital("b")],
        [
            obs("a", "transplant_beds", 50, organ="kidney", as_of="2010"),
            obs("a", "transplant_beds", 30, organ="liver", as_of="2010"),
            obs("b", "transplant_beds", 100, as_of="2010"),
            obs("b", "transplant_beds", 20, organ="kidney", as_of="2010"),
        ],
    )
    r = estimate(ev, draws=5, years="2010-2010")
    org = r.by_organ().query("scenario == 'capacity'").set_index("organ")["mean"]
    assert org["kidney"] == pytest.approx(912.5)
    assert org["liver"] == pytest.approx(438.0)
    assert org["unspecified"] == pytest.approx(1460.0)
    assert org.sum() == pytest.approx(nat(r, "capacity", 2010))


def test_a_subset_running_total_is_not_differenced_against_all_case_totals():
    # SYNTHETIC: all-case liver totals 1000 (2012) and 1600 (2015) -> 200 a year in
    # 2013-2015; a paediatric-only running total of 100 (2014) must not start a new
    # sequence that turns 1600 - 100 into 1,500 transplants in 2015.
    sub = obs("a", "transplants_cumulative", 100, organ="liver", as_of="2014-06-30")
    sub["note"] = "synthetic; subset: paediatric liver transplants only"
    ev = make_evidence(
        [hospital("a")],
        [
            obs("a", "first_transplant_year", 2005, organ="liver"),
            obs("a", "transplants_cumulative", 1000, organ="liver", as_of="2012-12-31"),
            sub,
            obs("a", "transplants_cumulative", 1600, organ="liver", as_of="2015-12-31"),
        ],
    )
    r = estimate(ev, draws=3, years="2013-2015")
    assert nat(r, "documented", 2015) == pytest.approx(200.0, rel=1e-3)
    assert nat(r, "documented", 2014) == pytest.approx(200.0, rel=1e-3)


def test_figure_factors_gather_equals_the_documented_measurement_factor():
    # SYNTHETIC: random qualifiers, draws and spreads
    import numpy as np

    from transplant_audit.estimate import methods
    from transplant_audit.estimate.engine import figure_factors

    rng = np.random.default_rng(3)
    q = rng.integers(0, 4, size=40)
    draws = 7
    p = {
        "approx_relative_half_width": rng.uniform(0, 0.1, draws),
        "at_least_max_uplift": rng.uniform(0, 0.3, draws),
        "at_most_max_shortfall": rng.uniform(0, 0.3, draws),
    }
    u = rng.uniform(size=(40, draws))
    want = methods.measurement_factor(
        q[:, None],
        u,
        p["approx_relative_half_width"],
        p["at_least_max_uplift"],
        p["at_most_max_shortfall"],
    )
    np.testing.assert_allclose(figure_factors(q, p, u, draws), want, rtol=1e-6)
    median = methods.measurement_factor(q[:, None], 0.5, *p.values())
    np.testing.assert_allclose(figure_factors(q, p, None, draws), median, rtol=1e-6)
