"""Property tests (hypothesis) on SYNTHETIC hospitals: monotone, additive, order-invariant."""

from __future__ import annotations

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from transplant_audit.estimate import estimate

from .synthetic import hospital, make_evidence, obs

RANDOM = {
    "occupancy_rate": ("uniform", 0.8, None, 1.3),
    "length_of_stay_days_kidney": ("uniform", 12, None, 30),
    "capacity_utilisation": ("uniform", 0.05, None, 1.0),
    "transplants_per_surgeon_per_year": ("uniform", 10, None, 150),
}
SETTINGS = settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])

hosp_spec = st.fixed_dictionaries(
    {
        "beds": st.integers(1, 400),
        "organ": st.sampled_from(["kidney", "liver", ""]),
        "year": st.integers(2000, 2010),
        "count": st.one_of(st.none(), st.integers(0, 2000)),
        "surgeons": st.one_of(st.none(), st.integers(1, 30)),
        "licensed": st.booleans(),
        "qualifier": st.sampled_from(["exact", "approx", "at_least", "at_most"]),
    }
)


def build(specs, prefix="h", beds_scale=1.0, qualifiers=True):
    hs, os_ = [], []
    for i, s in enumerate(specs):
        hid = f"{prefix}{i}"
        hs.append(hospital(hid, licensed=s["licensed"]))
        q = s["qualifier"] if qualifiers else "exact"
        os_.append(
            obs(
                hid,
                "transplant_beds",
                s["beds"] * beds_scale,
                organ=s["organ"],
                as_of=str(s["year"]),
                qualifier=q,
                oid=f"{hid}_beds",
            )
        )
        if s["count"] is not None:
            os_.append(
                obs(
                    hid,
                    "transplants_in_period",
                    s["count"],
                    period_start=str(s["year"]),
                    period_end=str(s["year"]),
                    qualifier=q,
                    oid=f"{hid}_count",
                )
            )
        if s["surgeons"] is not None:
            os_.append(
                obs(
                    hid,
                    "transplant_surgeons",
                    s["surgeons"],
                    as_of=str(s["year"]),
                    qualifier=q,
                    oid=f"{hid}_surg",
                )
            )
    # a count in 2010 fixes the evidence's year range for every example
    hs.append(hospital("zz_anchor"))
    os_.append(
        obs(
            "zz_anchor",
            "transplants_in_period",
            0,
            period_start="2010",
            period_end="2010",
            oid="zz",
        )
    )
    return hs, os_


def run(hs, os_, changes=RANDOM, draws=40):
    return estimate(make_evidence(hs, os_, assumptions=changes), draws=draws, years="2000-2010")


@SETTINGS
@given(st.lists(hosp_spec, min_size=1, max_size=4), st.integers(0, 3), st.floats(1.01, 3.0))
def test_monotone_in_beds(specs, which, factor):
    base = run(*build(specs))
    specs2 = [dict(s) for s in specs]
    specs2[which % len(specs)]["beds"] = specs2[which % len(specs)]["beds"] * factor
    more = run(*build(specs2))
    for scen in ("capacity", "combined"):
        assert np.all(more.national_draws[scen] >= base.national_draws[scen] - 1e-6)


@SETTINGS
@given(st.lists(hosp_spec, min_size=1, max_size=4), st.floats(0.5, 1.5), st.floats(0.01, 1.0))
def test_monotone_in_occupancy(specs, occ, extra):
    hs, os_ = build(specs)
    lo = run(hs, os_, {**RANDOM, "occupancy_rate": ("fixed", occ, occ, occ)})
    hi = run(
        hs, os_, {**RANDOM, "occupancy_rate": ("fixed", occ + extra, occ + extra, occ + extra)}
    )
    for scen in ("capacity", "combined"):
        assert np.all(hi.national_draws[scen] >= lo.national_draws[scen] - 1e-6)
    assert np.allclose(hi.national_draws["documented"], lo.national_draws["documented"])


@SETTINGS
@given(st.lists(hosp_spec, min_size=1, max_size=3), st.lists(hosp_spec, min_size=1, max_size=3))
def test_additive_over_hospitals(a, b):
    # exact figures: the random assumptions are drawn identically in all three runs
    ha, oa = build(a, "a", qualifiers=False)
    hb, ob = build(b, "b", qualifiers=False)
    both = run(ha[:-1] + hb, oa[:-1] + ob)
    only_a = run(ha, oa)
    only_b = run(hb, ob)
    for scen in ("documented", "capacity", "combined"):
        assert np.allclose(
            both.national_draws[scen], only_a.national_draws[scen] + only_b.national_draws[scen]
        )


@SETTINGS
@given(st.lists(hosp_spec, min_size=2, max_size=5), st.randoms(use_true_random=False))
def test_invariant_to_row_order(specs, rnd):
    hs, os_ = build(specs)
    first = run(hs, os_)
    hs2, os2 = list(hs), list(os_)
    rnd.shuffle(hs2)
    rnd.shuffle(os2)
    second = run(hs2, os2)
    for scen in ("documented", "capacity", "combined"):
        assert np.array_equal(first.national_draws[scen], second.national_draws[scen])
