"""Review of the estimate code (x8): provenance that named inputs a hospital-year did not use.

Every hospital and figure here is SYNTHETIC (tests/estimate/synthetic.py).
"""

from __future__ import annotations

from typing import Any

import pytest
from tests.estimate.synthetic import hospital, make_evidence, obs

from transplant_audit.estimate import estimate


def _explain(observations: list[dict], hid: str, year: int, **hosp: Any) -> dict[str, Any]:
    ev = make_evidence([hospital(hid, **hosp)], observations)
    return estimate(ev, draws=20, years=f"{year}-{year}").explain(hid, year)


def _used(d: dict[str, Any]) -> dict[str, list[str]]:
    return {o["observation_id"]: o["used_by"] for o in d["observations"]}


def test_an_own_price_is_no_input_where_no_revenue_is():
    """On dd443ca a hospital's own price was listed (with its source) whenever beds gave a
    value, though only the revenue method reads a price."""
    d = _explain(
        [
            obs("a", "department_beds", 40, organ="kidney", as_of="2010", oid="obs_beds"),
            obs("a", "price_cny", 90000, organ="kidney", oid="obs_price"),
        ],
        "a",
        2010,
    )
    assert "bed_capacity" in d["values"] and "revenue" not in d["values"]
    assert "obs_beds" in _used(d) and "obs_price" not in _used(d)


def test_an_own_price_is_an_input_where_revenue_is():
    d = _explain(
        [
            obs("a", "revenue_cny", 9e6, organ="kidney", period_start="2010", oid="obs_rev"),
            obs("a", "price_cny", 90000, organ="kidney", oid="obs_price"),
            obs("a", "bed_occupancy_rate", 0.9, oid="obs_occ"),
        ],
        "a",
        2010,
    )
    assert "revenue" in d["values"] and "bed_capacity" not in d["values"]
    assert _used(d)["obs_price"] == ["price (own)"]
    # occupancy is read by beds and the licence minimum only (the hospital is unlicensed)
    assert "obs_occ" not in _used(d)


def test_the_qualifier_assumption_is_the_one_the_figure_is_drawn_with():
    """A floor and a ceiling of one hospital's occupancy enter the engine as one 'approx'
    figure (engine._common_qual), drawn with approx_relative_half_width. On dd443ca explain
    named at_least_max_uplift and at_most_max_shortfall instead (the observations' own
    qualifiers) and left out the assumption that was drawn."""
    d = _explain(
        [
            obs("a", "transplant_beds", 50, organ="kidney", as_of="2010"),
            obs("a", "bed_occupancy_rate", 0.9, qualifier="at_least", oid="obs_lo"),
            obs("a", "bed_occupancy_rate", 1.3, qualifier="at_most", oid="obs_hi"),
        ],
        "a",
        2010,
    )
    assert {"obs_lo", "obs_hi"} <= set(_used(d))
    names = [a["name"] for a in d["assumptions"]]
    assert "approx_relative_half_width" in names
    assert "at_least_max_uplift" not in names and "at_most_max_shortfall" not in names


def test_an_organs_own_stay_replaces_that_organs_stay_only():
    """docs/estimate.md: an own length of stay tied to an organ replaces the organ's stay.
    On dd443ca one liver stay (10 days) replaced every group's stay: the kidney beds and the
    licence minimum (mixed stay) were divided by it too. SYNTHETIC assumptions: occupancy 1,
    kidney stay 20 days, liver 25, mixed 25, licence minimum 10 beds."""
    observations = [
        obs("a", "transplant_beds", 20, organ="kidney", as_of="2010", oid="obs_kidney_beds"),
        obs("a", "transplant_beds", 5, organ="liver", as_of="2010", oid="obs_liver_beds"),
        obs("a", "avg_length_of_stay_days", 10, organ="liver", oid="obs_liver_stay"),
        obs("a", "transplants_in_period", 1, period_start="2008", period_end="2008"),
    ]
    beds = _explain(observations, "a", 2010, licensed=True, licence_year=2007.0)
    # kidney 20 x 365 / 20 (its own group's assumption) + liver 5 x 365 / 10 (own stay)
    assert beds["values"]["bed_capacity"]["median"] == pytest.approx(365 + 182.5, rel=1e-5)
    assert _used(beds)["obs_liver_stay"] == ["length of stay (own)"]
    ev = make_evidence([hospital("a", licensed=True, licence_year=2007.0)], observations)
    before_beds = estimate(ev, draws=20, years="2008-2010").explain("a", 2008)
    # no beds before 2010: the licence minimum at the mixed stay, 10 x 365 / 25
    assert before_beds["values"]["minimum_requirement"]["median"] == pytest.approx(146, rel=1e-5)
    assert "obs_liver_stay" not in _used(before_beds)


def test_a_stay_naming_no_organ_is_not_used():
    """A guard (it held on dd443ca too): a ward-wide stay replaces no organ's stay."""
    d = _explain(
        [
            obs("a", "transplant_beds", 20, organ="kidney", as_of="2010"),
            obs("a", "avg_length_of_stay_days", 5, oid="obs_ward_stay"),
        ],
        "a",
        2010,
    )
    assert d["values"]["bed_capacity"]["median"] == pytest.approx(365, rel=1e-5)
    assert "obs_ward_stay" not in _used(d)


def test_the_calibrated_headline_is_not_said_to_be_driven_by_an_assumption_it_never_draws():
    """The headline's drivers were the Sobol indices of the combined total whatever the
    headline scenario: on the bundled data the calibrated headline (capacity x a posterior
    utilisation) was said to be wide 'mainly because of' capacity_utilisation, which the
    calibrated scenario never draws (dd443ca: ('capacity_utilisation',
    'undated_figure_year')). Real bundled data, read only."""
    from transplant_audit.evidence.load import load_evidence

    result = estimate(load_evidence(), draws=200)
    s = result.summary(drivers=2)
    assert s.scenario == "calibrated"
    assert len(s.drivers) == 2 and "capacity_utilisation" not in s.drivers
    assert s.drivers_scenario == "capacity"
    # the JSON's sensitivity block stays that of the combined total, as documented
    assert result.sensitivity()["assumption"].iloc[0] == "capacity_utilisation"


def test_an_own_price_or_stay_of_zero_is_left_out_not_divided_by():
    """A hospital's own price of 0 ('free for soldiers') divided its revenue by zero: on
    dd443ca the national capacity and combined totals of every year with that revenue were
    NaN (null in --json). Now it is left out with the reason, like a national price of 0
    is refused by the assumptions' bounds; the national price (200,000) is used."""
    ev = make_evidence(
        [hospital("a")],
        [
            obs("a", "revenue_cny", 4e6, organ="kidney", period_start="2010", oid="obs_rev"),
            obs("a", "price_cny", 0, organ="kidney", oid="obs_free"),
            obs("a", "transplant_beds", 10, organ="liver", as_of="2010"),
            obs("a", "avg_length_of_stay_days", 0, organ="liver", oid="obs_no_stay"),
        ],
    )
    result = estimate(ev, draws=20, years="2010-2010")
    nat = result.national().set_index("scenario")["median"]
    # beds decide where present: 10 x 365 / 25 (the liver assumption, not the stay of 0)
    assert nat["capacity"] == pytest.approx(146, rel=1e-5)
    d = result.explain("a", 2010)
    assert {r["observation_id"] for r in d["left_out"]} == {"obs_free", "obs_no_stay"}
    assert all("cannot divide" in r["reason"] for r in d["left_out"])
    revenue_only = make_evidence(
        [hospital("a")],
        [
            o
            for o in ev.observations.to_dict("records")
            if o["indicator"] in ("revenue_cny", "price_cny")
        ],
    )
    nat = estimate(revenue_only, draws=20, years="2010-2010").national()
    assert nat.set_index("scenario")["median"]["capacity"] == pytest.approx(20, rel=1e-5)


def test_the_cli_does_not_call_a_span_of_yearly_intervals_a_90_percent_interval():
    """'estimate' printed a multi-year claim's implied utilisation as the median of its yearly
    medians with [lowest yearly p05 - highest yearly p95], under the title '(median, 90%)':
    KGM's 60,000 over 2000-2016 read '49.0% [22.2%-238.9%]', an envelope of 17 intervals,
    no 90% interval. The numbers stay; the title now says what they are. SYNTHETIC data."""
    from rich.console import Console
    from tests.estimate.synthetic import claim

    from transplant_audit.estimate import commands

    ev = make_evidence(
        [hospital("a")],
        [obs("a", "transplant_beds", 100, organ="kidney", as_of="2010")],
        claims=[claim("cl_1", "transplants_per_year", 5000, period=("2009", "2010"))],
    )
    result = estimate(ev, draws=50, years="2009-2010")
    assert len(result.implied_utilisation()) == 2  # one row per year of the claim
    old = commands.console
    commands.console = Console(width=400, record=True, force_terminal=False)
    try:
        commands._print_implied(result)
        text = " ".join(commands.console.export_text().split())  # the title wraps
    finally:
        commands.console = old
    assert "(median, 90%)" not in text
    assert "lowest yearly 5th" in text and "highest yearly 95th" in text
