"""The input defects of issue 11, each on SYNTHETIC evidence that borrows the real hospital ids.

The values mimic the bundled rows that inflated capacity (jnu_first 1,300 building beds,
wuhan_union 1,050, csu_xiangya3 1,000, lanzhou_mil_general 900, pku_third 470, an
ophthalmic hospital's 229 cornea beds), but every frame here is synthetic.
"""

from __future__ import annotations

import pytest

from transplant_audit.estimate import estimate

from .synthetic import claim, hospital, make_evidence, obs

MIXED_STAY = 25  # synthetic length_of_stay_days_mixed
SHARE = 0.5  # synthetic transplant_share_of_department_beds


def nat(result, scenario: str, year: int) -> float:
    df = result.national()
    return float(df[(df.scenario == scenario) & (df.year == year)]["mean"].iloc[0])


def beds(n: float) -> float:
    return n * 365 / MIXED_STAY


INFLATING = [
    ("jnu_first", 1300, "building", "obs_jnu_1300"),
    ("wuhan_union", 1050, "building", "obs_wuhan_1050"),
    ("csu_xiangya3", 1000, "building", "obs_xy3_1000"),
    ("lanzhou_mil_general", 900, "building", "obs_lz_900"),
    ("pku_third", 470, "building", "obs_pku3_470"),
]


@pytest.mark.parametrize(("hid", "value", "scope", "oid"), INFLATING)
def test_building_and_whole_hospital_beds_never_enter_capacity(hid, value, scope, oid):
    ev = make_evidence(
        [hospital(hid)],
        [
            obs(hid, "department_beds", value, as_of="2010", bed_scope=scope, oid=oid),
            obs(hid, "transplant_beds", 40, as_of="2010", oid=f"{oid}_ward"),
        ],
    )
    r = estimate(ev, draws=3, years="2010-2010")
    assert nat(r, "capacity", 2010) == pytest.approx(beds(40))
    note = next(n for n in r.notes if oid in n)
    assert hid in note and scope in note and "not used" in note
    used = {o["observation_id"] for o in r.explain(hid, 2010)["observations"]}
    assert oid not in used and f"{oid}_ward" in used


@pytest.mark.parametrize(("hid", "value"), [("hmu_first", 229), ("pla_180", 180)])
def test_ophthalmic_hospitals_cornea_beds_never_enter_capacity(hid, value):
    ev = make_evidence(
        [hospital(hid)],
        [
            obs(hid, "department_beds", value, organ="cornea", as_of="2010", oid="obs_eye"),
            obs(hid, "transplant_beds", 20, organ="kidney", as_of="2010"),
        ],
    )
    r = estimate(ev, draws=3, years="2010-2010")
    assert nat(r, "capacity", 2010) == pytest.approx(20 * 365 / 20)  # kidney stay 20 days
    assert any("obs_eye" in n and "cornea" in n and "not used" in n for n in r.notes)


def test_other_department_beds_enter_through_the_department_share():
    ev = make_evidence(
        [hospital("lanzhou_mil_general")],
        [
            obs("lanzhou_mil_general", "department_beds", 47, organ="", as_of="2010"),
            obs("lanzhou_mil_general", "department_beds", 900, as_of="2010", bed_scope="building"),
        ],
    )
    r = estimate(ev, draws=3, years="2010-2010")
    assert nat(r, "capacity", 2010) == pytest.approx(SHARE * beds(47))


def test_transplant_department_scope_of_a_department_bed_figure_counts_in_full():
    ev = make_evidence(
        [hospital("csu_xiangya3")],
        [obs("csu_xiangya3", "department_beds", 150, as_of="2010", bed_scope="transplant_ward")],
    )
    r = estimate(ev, draws=3, years="2010-2010")
    assert nat(r, "capacity", 2010) == pytest.approx(beds(150))


def test_without_a_bed_scope_column_beds_are_unknown_and_left_out():
    ev = make_evidence(
        [hospital("wuhan_union")],
        [obs("wuhan_union", "transplant_beds", 100, as_of="2010", oid="obs_noscope")],
    )
    ev = ev.__class__(**{**ev.__dict__, "observations": ev.observations.drop(columns="bed_scope")})
    r = estimate(ev, draws=3, years="2010-2010")
    assert nat(r, "capacity", 2010) == 0.0
    assert any("obs_noscope" in n and "'unknown'" in n for n in r.notes)


def test_unknown_licence_is_its_own_stratum_never_unlicensed():
    ev = make_evidence(
        [hospital("renji", licensed=None), hospital("changzheng", licensed=False)],
        [
            obs("renji", "transplant_beds", 50, as_of="2010"),
            obs("changzheng", "transplant_beds", 20, as_of="2010"),
        ],
    )
    r = estimate(ev, draws=3, years="2010-2010")
    st = r.by_stratum()
    st = st[(st.scenario == "capacity") & (st.year == 2010)].set_index("stratum")["mean"]
    assert st["licence_unknown"] == pytest.approx(beds(50))
    assert st["unlicensed"] == pytest.approx(beds(20))
    assert r.explain("renji", 2010)["hospital"]["licensed"] == "unknown"
    assert r.explain("changzheng", 2010)["hospital"]["licensed"] == "false"


def test_disputed_figures_are_left_out_by_default_and_counted():
    ev = make_evidence(
        [hospital("tianjin_first_central")],
        [
            obs(
                "tianjin_first_central",
                "transplants_in_period",
                330,
                period_start="2010",
                period_end="2010",
                status="disputed",
                oid="obs_tianjin_330",
            ),
            obs(
                "tianjin_first_central",
                "transplants_in_period",
                7,
                period_start="2011",
                period_end="2011",
            ),
        ],
    )
    r = estimate(ev, draws=3, years="2010-2011")
    assert nat(r, "documented", 2010) == 0.0
    assert r.disputed_left_out == 1
    assert r.to_dict(with_sensitivity=False)["disputed_left_out"] == 1
    assert any("obs_tianjin_330" in n and "disputed" in n for n in r.notes)
    r2 = estimate(ev, draws=3, years="2010-2011", include_disputed=True)
    assert nat(r2, "documented", 2010) == pytest.approx(330)
    assert r2.disputed_left_out == 0


def test_transplants_per_year_rows_are_yearly_counts():
    ev = make_evidence(
        [hospital("changzheng"), hospital("xinqiao"), hospital("pla_458")],
        [
            obs("changzheng", "transplants_per_year", 200, organ="kidney", as_of="2007-09"),
            obs(
                "xinqiao",
                "transplants_per_year",
                180,
                organ="kidney",
                period_start="1998",
                period_end="2002",
            ),
            obs("pla_458", "transplants_per_year", 20, organ="liver", oid="obs_pla458_undated"),
        ],
    )
    r = estimate(ev, draws=3, years="2000-2007")
    assert nat(r, "documented", 2007) == pytest.approx(200)
    assert nat(r, "documented", 2003) == 0.0
    assert nat(r, "documented", 2001) == pytest.approx(180)
    assert any("obs_pla458_undated" in n and "not used" in n for n in r.notes)


def test_every_unused_indicator_is_named_in_the_notes():
    ev = make_evidence(
        [hospital("wuxi_peoples")],
        [
            obs(
                "wuxi_peoples",
                "surgeon_transplants_in_period",
                200,
                period_start="2021",
                period_end="2021",
            ),
            obs("wuxi_peoples", "transplants_per_day_max", 12, as_of="2019"),
            obs("wuxi_peoples", "some_new_indicator", 3, as_of="2019"),
            obs(
                "wuxi_peoples", "transplants_in_period", 156, period_start="2020", period_end="2020"
            ),
        ],
    )
    r = estimate(ev, draws=3, years="2019-2020")
    for name in ("surgeon_transplants_in_period", "transplants_per_day_max", "some_new_indicator"):
        assert any(n.startswith(f"indicator {name} ") and "not used" in n for n in r.notes), name
    assert not any(n.startswith("indicator transplants_in_period ") for n in r.notes)


# ------------------------------------------------------------------ time follows the evidence
def tianjin(extra=(), assumptions=None):
    return make_evidence(
        [hospital("tianjin_first_central")],
        [
            obs("tianjin_first_central", "first_transplant_year", 2001),
            obs("tianjin_first_central", "transplant_beds", 500, as_of="2006-09"),
            # a count in 2016 only extends the evidence to 2016
            obs(
                "tianjin_first_central",
                "transplants_in_period",
                0,
                period_start="2016",
                period_end="2016",
            ),
            *extra,
        ],
        assumptions=assumptions,
    )


def test_a_bed_figure_counts_forward_only_until_a_newer_one():
    r = estimate(tianjin(), draws=3, years="2000-2016")
    assert nat(r, "capacity", 2005) == 0.0  # before the 2006 building: no beds
    assert nat(r, "capacity", 2006) == pytest.approx(beds(500))
    assert nat(r, "capacity", 2016) == pytest.approx(beds(500))  # not 0 ten years on
    newer = [obs("tianjin_first_central", "transplant_beds", 300, as_of="2012")]
    r2 = estimate(tianjin(newer), draws=3, years="2000-2016")
    assert nat(r2, "capacity", 2011) == pytest.approx(beds(500))
    assert nat(r2, "capacity", 2012) == pytest.approx(beds(300))
    assert nat(r2, "capacity", 2016) == pytest.approx(beds(300))


def test_going_backwards_needs_a_per_hospital_assumption_and_stops_at_the_first_year():
    back = {
        "carry_back_years:tianjin_first_central": ("fixed", 20, 20, 20, "years"),
    }
    r = estimate(tianjin(assumptions=back), draws=3, years="2000-2006")
    assert nat(r, "capacity", 2003) == pytest.approx(beds(500))
    assert nat(r, "capacity", 2001) == pytest.approx(beds(500))
    assert nat(r, "capacity", 2000) == 0.0  # never before the first transplant year
    assert any("carry_back_years:tianjin_first_central" in n for n in r.notes)


def test_implied_utilisation_rows_have_the_documented_fields():
    syn = claim(
        "clm_syn",
        "transplants_per_year_estimate",
        100.0,
        200.0,
        party="other",
        claimant="synthetic claimant",
    )
    ev = make_evidence(
        [hospital("a")], [obs("a", "transplant_beds", 100, as_of="2010")], claims=[syn]
    )
    rows = estimate(ev, draws=3, years="2010-2010").to_dict(with_sensitivity=False)[
        "implied_utilisation"
    ]
    assert [set(r) for r in rows] == [
        {
            "claim_id",
            "year",
            "claimant",
            "party",
            "value",
            "implied_utilisation_median",
            "implied_utilisation_p05",
            "implied_utilisation_p95",
        }
    ] * 2
    assert [r["value"] for r in rows] == [100.0, 200.0]
    assert rows[0]["implied_utilisation_median"] == pytest.approx(100 / beds(100))
    assert rows[1]["implied_utilisation_p95"] == pytest.approx(200 / beds(100))


@pytest.mark.parametrize(
    "oid",
    [
        "obs_83311fb27d",  # jnu_first 1,300, new ward building
        "obs_18ae341973",  # wuhan_union 1,050, new surgery ward building
        "obs_83c73d21c5",  # csu_xiangya3 1,000, new surgery building
        "obs_3ea698c788",  # lanzhou_mil_general 900, surgical building
        "obs_9b87e1c579",  # pku_third 470, new surgical building
        "obs_21c0ca9168",  # hmu_first 229, affiliated ophthalmic hospital (cornea)
        "obs_12095174ea",  # pla_180 180, No. 180 Ophthalmic Hospital (cornea)
    ],
)
def test_bundled_inflating_bed_rows_are_left_out(oid, bundled_table):
    left = {d["observation_id"]: d for d in bundled_table.left_out}
    assert oid in left, f"{oid} entered capacity"
    used = set()
    for rows in (bundled_table.beds, bundled_table.dept_beds):
        for f in set(rows.fig.tolist()):
            used |= set(bundled_table.figures.iloc[f]["obs_ids"])
    assert oid not in used


@pytest.fixture(scope="module")
def bundled_table(bundled_dir):
    import numpy as np

    from transplant_audit.estimate import engine
    from transplant_audit.evidence.package import read_package

    return engine.build_table(read_package(bundled_dir), np.arange(2000, 2021))
