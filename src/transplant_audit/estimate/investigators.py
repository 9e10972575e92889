"""The investigators' methods as named scenarios, from sourced inputs only (pure: arrays in).

``cohrc2018``: COHRC's floor for the approved system: every approved hospital runs the
licence minimum of transplant beds, turned into operations with occupancy and stay.
COHRC's own per-organ minimums, occupancy and stay were not found; the scenario uses
the sourced ones (``licence_minimum_transplant_beds``: 10 beds, an undated kidney
quality-control standard not confirmed as COHRC's rule; the occupancy and stay
assumptions) and reports, beside its result, the value the missing input would need
to reach COHRC's published 69,000. That figure is arithmetic on the published number,
shown for the reader: it never enters the model.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from transplant_audit.estimate import methods

COHRC_HOSPITALS_QUANTITY = "approved_transplant_hospitals"
COHRC_HEADLINE_QUANTITY = "minimum_capacity_approved_hospitals"
COHRC_MISSING = (
    "COHRC's per-organ minimum transplant beds (and the occupancy and stay it applied): "
    "the text after 'Basic Methodology' in its report section 3 was not reachable"
)


def cohrc2018(params: Mapping[str, np.ndarray], hospitals: float, years: np.ndarray) -> np.ndarray:
    """(Y, D): ``hospitals`` x the licence-minimum capacity, from the licensing year on."""
    per = methods.minimum_requirement(
        params["licence_minimum_transplant_beds"],
        params["occupancy_rate"],
        params["length_of_stay_days_mixed"],
    )
    post = years.astype(float)[:, None] >= params["licensing_year"][None, :]
    return np.where(post, hospitals * per[None, :], 0.0)


def cohrc2018_needed_beds(
    params: Mapping[str, np.ndarray], hospitals: float, published: float
) -> np.ndarray:
    """(D,): minimum beds a centre would need for ``published`` a year, with the sourced
    occupancy and stay (the inverse of ``methods.minimum_requirement``)."""
    one_bed = methods.minimum_requirement(
        1.0, params["occupancy_rate"], params["length_of_stay_days_mixed"]
    )
    return published / (hospitals * one_bed)
