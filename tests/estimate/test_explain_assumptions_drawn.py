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
