"""``EstimateResult.summary()``: the headline's analytic choices, on SYNTHETIC data only."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from transplant_audit.estimate import estimate
from transplant_audit.estimate.summary import (
    EstimateSummary,
    anchor_year,
    headline_summary,
    preferred_scenario,
)

from .synthetic import claim, hospital, make_evidence, obs

YEARS = [2014, 2015, 2016, 2017, 2018]


def _national() -> pd.DataFrame:
    """SYNTHETIC national table: combined = 1000 × (year − 2013); calibrated = 2 × combined."""
    rows = []
    for scen, k in (("combined", 1.0), ("calibrated", 2.0), ("documented", 0.1)):
        for y in YEARS:
            m = k * 1000 * (y - 2013)
            rows.append({"year": y, "scenario": scen, "median": m, "p05": m / 2, "p95": m * 2})
    return pd.DataFrame(rows)


def _comparison(claims: list[tuple[int, str, float]], scenario: str = "calibrated") -> pd.DataFrame:
    """SYNTHETIC comparison rows (year, party, value) with invented ratios."""
    return pd.DataFrame(
        {
            "scenario": scenario,
            "year": [y for y, _, _ in claims],
            "claim_id": [f"cl_{y}_{p}" for y, p, _ in claims],
            "claimant": [f"synthetic {p}" for _, p, _ in claims],
            "party": [p for _, p, _ in claims],
            "value": [v for _, _, v in claims],
            "ratio_median": [1.5] * len(claims),
            "ratio_p05": [1.1] * len(claims),
            "ratio_p95": [2.5] * len(claims),
            "p_claim_at_or_above_estimate": [0.02] * len(claims),
        }
    )


def _official(comp: pd.DataFrame) -> pd.DataFrame:
    return comp[["year", "claim_id"]].assign(source_id="src_synthetic")


def _implied(claim_id: str, year: int) -> pd.DataFrame:
    """SYNTHETIC: a range claim has two rows (low, high end); the high end is last."""
    return pd.DataFrame(
        {
            "claim_id": [claim_id, claim_id],
            "year": [year, year],
            "value": [9000.0, 11000.0],
            "implied_utilisation_median": [0.6, 0.7],
            "implied_utilisation_p05": [0.5, 0.6],
            "implied_utilisation_p95": [0.8, 0.9],
        }
    )


SENS = pd.DataFrame({"assumption": ["a", "b", "c"], "ST": [0.2, 0.7, 0.4]})


def _summary(claims, *, s_year=2016, implied=None, drivers=2) -> EstimateSummary:  # noqa: ANN001
    comp = _comparison(claims)
    return headline_summary(
        _national(),
        comp,
        _official(comp),
        implied if implied is not None else pd.DataFrame(),
        imputed_share=0.25,
        sensitivity=SENS,
        sensitivity_year=s_year,
        drivers=drivers,
    )


def test_the_official_claim_nearest_the_best_evidenced_year_is_the_headline() -> None:
    s = _summary(
        [
            (2014, "chinese_official", 5000.0),
            (2018, "chinese_official", 10000.0),
            (2016, "investigators", 90000.0),  # nearer, but not an official claim
        ],
        s_year=2017,
        implied=_implied("cl_2018_chinese_official", 2018),
    )
    assert s.scenario == "calibrated"  # preferred over combined when the result has it
    assert (s.year, s.evidence_year) == (2018, 2017)
    assert s.estimate.median == 2 * 1000 * 5 and s.estimate.p95 == 20000
    assert s.claim is not None and s.claim.claim_id == "cl_2018_chinese_official"
    assert s.claim.source_ids == ("src_synthetic",)
    assert s.claim.ratio.median == 1.5 and s.claim.p_claim_at_or_above_estimate == 0.02
    assert s.implied is not None and s.implied.value == 11000.0  # the range's upper end
    assert s.implied.utilisation.median == 0.7
    assert s.drivers == ("b", "c") and s.imputed_share == 0.25


def test_ties_go_to_the_later_claim_and_non_official_claims_are_the_fallback() -> None:
    tie = _summary([(2015, "state_media", 1.0), (2017, "chinese_official", 2.0)], s_year=2016)
    assert tie.claim is not None and tie.claim.year == 2017
    other = _summary([(2014, "investigators", 60000.0)], s_year=2016)
    assert other.claim is not None and other.claim.party == "investigators"
    assert other.year == 2014 and other.implied is None


def test_without_claims_the_headline_is_the_latest_year() -> None:
    s = _summary([], drivers=0)
    assert (s.year, s.claim, s.evidence_year, s.drivers) == (2018, None, None, ())
    outside = _summary([(2030, "chinese_official", 1.0)])  # no estimate for that year
    assert outside.claim is None and outside.year == 2018


def test_the_ratio_must_be_of_the_headline_scenario() -> None:
    """The headline shows the calibrated estimate, so a ratio of another scenario is refused."""
    comp = _comparison([(2018, "chinese_official", 10000.0)], scenario="combined")
    with pytest.raises(ValueError, match="ratio must be the headline estimate's"):
        headline_summary(
            _national(),
            comp,
            _official(comp),
            pd.DataFrame(),
            imputed_share=None,
            sensitivity=SENS,
            sensitivity_year=2018,
        )


def test_scenario_preference_and_anchor_year() -> None:
    assert preferred_scenario(["documented", "capacity", "combined"]) == "combined"
    assert preferred_scenario(["scenario_x"]) == "scenario_x"
    with pytest.raises(ValueError):
        preferred_scenario([])
    assert anchor_year(2014, {2010, 2014, 2019}) == 2014
    assert anchor_year(1990, {2010, 2019}) == 2019
    assert anchor_year(None, {2010, 2019}) == 2019


def test_summary_of_a_real_result_matches_its_tables() -> None:
    """SYNTHETIC evidence: 50 transplant beds, occupancy 1, stay 25 days -> capacity 730 a
    year, utilisation 0.5 -> combined 365; an official claim of 500 for 2010."""
    ev = make_evidence(
        [hospital("a")],
        [obs("a", "transplant_beds", 50, as_of="2010")],
        claims=[claim("clm_x", "transplants_performed", 500)],
    )
    result = estimate(ev, draws=50, years="2009-2010")
    s = result.summary(drivers=0)
    assert s.scenario == "combined" and s.year == 2010
    assert s.estimate.median == pytest.approx(365.0)
    assert s.claim is not None and s.claim.ratio.median == pytest.approx(365 / 500)
    assert s.implied is not None
    assert s.implied.utilisation.median == pytest.approx(500 / 730)
    assert s.imputed_share == 0.0 and s.drivers == ()
    nat = result.national()
    row = nat[(nat.scenario == s.scenario) & (nat.year == s.year)].iloc[0]
    assert np.isclose(row["median"], s.estimate.median)
