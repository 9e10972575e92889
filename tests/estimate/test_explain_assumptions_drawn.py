"""``explain`` lists only the assumptions its hospital-year draws (review r7).

On main (379807c) a hospital-year with beds listed every assumption the bed method can
read: the national occupancy and all four stays even where the hospital's own occupancy
and stay replaced them, stays of organ groups it has no beds of, the department share
without department beds and the undated year without an undated figure; revenue listed the
national price under the hospital's own. Every hospital and figure here is SYNTHETIC
(tests/estimate/synthetic.py).
"""

from __future__ import annotations

from tests.estimate.synthetic import hospital, make_evidence, obs

from transplant_audit.estimate import estimate


def _names(observations: list[dict], **hosp: object) -> list[str]:
    ev = make_evidence([hospital("a", **hosp)], observations)
    d = estimate(ev, draws=20, years="2010-2010").explain("a", 2010)
    return [a["name"] for a in d["assumptions"]]


def test_own_occupancy_and_stay_replace_the_national_ones() -> None:
    names = _names(
        [
            obs("a", "transplant_beds", 20, organ="kidney", as_of="2010"),
            obs("a", "avg_length_of_stay_days", 10, organ="kidney"),
            obs("a", "bed_occupancy_rate", 0.9),
        ]
    )
    assert names == ["capacity_utilisation"]


def test_the_national_ones_stay_where_no_own_figure_is() -> None:
    """Kidney beds (dated) and liver department beds (undated), no own rates: the stays of
    those two groups, not of heart and lung nor the mixed one."""
    names = _names(
        [
            obs("a", "transplant_beds", 20, organ="kidney", as_of="2010"),
            obs("a", "department_beds", 50, organ="liver"),
        ]
    )
    assert names == [
        "occupancy_rate",
        "length_of_stay_days_kidney",
        "length_of_stay_days_liver",
        "transplant_share_of_department_beds",
        "undated_figure_year",
        "capacity_utilisation",
    ]


def test_an_own_price_replaces_the_national_price() -> None:
    own = _names(
        [
            obs("a", "revenue_cny", 9e6, organ="kidney", period_start="2010"),
            obs("a", "price_cny", 90000, organ="kidney"),
        ]
    )
    national = _names([obs("a", "revenue_cny", 9e6, organ="kidney", period_start="2010")])
    assert "price_per_transplant_cny" not in own
    assert "price_per_transplant_cny" in national


def test_what_the_engine_says_is_drawn_covers_what_moves_its_values() -> None:
    """``engine.assumptions_drawn`` (what ``explain`` lists) against the engine's own
    numbers: raising any assumption a method can read changes a hospital-year's value of
    that method only where it is said to be drawn there. Five SYNTHETIC hospitals: own
    occupancy and kidney stay; none; undated liver department beds; revenue with and
    without an own price; a licensed one valued by its minimum requirement."""
    import numpy as np

    from transplant_audit.estimate import engine
    from transplant_audit.estimate.provenance import METHOD_ASSUMPTIONS

    ev = make_evidence(
        [hospital(h) for h in "abcde"[:4]] + [hospital("e", licensed=True, licence_year=2005)],
        [
            obs("a", "transplant_beds", 20, organ="kidney", as_of="2010"),
            obs("a", "avg_length_of_stay_days", 10, organ="kidney"),
            obs("a", "bed_occupancy_rate", 0.9),
            obs("b", "transplant_beds", 20, organ="kidney", as_of="2010"),
            obs("b", "transplant_beds", 10, organ="liver", as_of="2010"),
            obs("c", "department_beds", 50, organ="liver"),
            obs("d", "revenue_cny", 9e6, organ="kidney", period_start="2010"),
            obs("d", "price_cny", 90000, organ="kidney"),
            obs("d", "revenue_cny", 9e6, organ="kidney", period_start="2011"),
        ],
    )
    result = estimate(ev, draws=20, years="2010-2011")
    prep, t = result.prepared, result.prepared.table
    base = {n: np.array([float(a.median)]) for n, a in result.assumptions.items()}

    def per_hy(params: dict) -> dict[str, np.ndarray]:
        return engine.simulate(prep, params, None, keep_per_hy=True).per_hy

    before = per_hy(base)
    moved: dict[tuple[str, str], set[tuple[int, int]]] = {}
    for method, names in METHOD_ASSUMPTIONS.items():
        if method not in engine.assumptions_drawn(t, 0, 0):
            continue
        for name in names:
            raised = {
                **base,
                name: base[name] + (5.0 if name.endswith("_year") else base[name] * 0.5),
            }
            after = per_hy(raised)[method][:, 0]
            was = before[method][:, 0]
            changed = ~np.isclose(after, was, equal_nan=True)
            moved[(method, name)] = {
                (h, yi)
                for yi in range(t.n_years)
                for h in range(t.n_hosp)
                if changed[yi * t.n_hosp + h]
            }
    said = {
        (method, name, h, yi)
        for h in range(t.n_hosp)
        for yi in range(t.n_years)
        for method, names in engine.assumptions_drawn(t, h, yi).items()
        for name in names
    }
    unlisted = {
        (method, name, t.hospital_ids[h], yi)
        for (method, name), cells in moved.items()
        for h, yi in cells
        if (method, name, h, yi) not in said
    }
    assert unlisted == set()
    # the check is live: the national occupancy and price move b's beds and the
    # revenue year without an own price, not a's beds nor the year priced by d itself
    hb, ha, hd = (t.hospital_ids.index(x) for x in "bad")
    assert (hb, 0) in moved[("bed_capacity", "occupancy_rate")]
    assert (ha, 0) not in moved[("bed_capacity", "occupancy_rate")]
    assert moved[("revenue", "price_per_transplant_cny")] == set()  # d's own price, both years
    assert moved[("bed_capacity", "undated_figure_year")]  # c's undated department beds
    assert moved[("minimum_requirement", "occupancy_rate")]  # e, at the national occupancy
