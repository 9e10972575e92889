"""Estimation methods: pure, vectorised functions over arrays of hospital-years x draws.

Each method takes plain numpy arrays that broadcast against each other (rows
are hospital-years or figures, columns are Monte Carlo draws) and returns an
array of transplants per year. None of them opens a file or loops over draws.
"""

from __future__ import annotations

import numpy as np

ArrayLike = np.ndarray | float


def bed_capacity(
    beds: ArrayLike,
    occupancy_rate: ArrayLike,
    length_of_stay_days: ArrayLike,
    days: ArrayLike = 365.0,
) -> np.ndarray:
    """Transplants a ward can perform: beds x occupancy x days / mean stay.

    annual transplants = beds * occupancy_rate * days_in_period / length_of_stay_days

    Each occupied bed-day belongs to one patient; a patient occupies a bed for
    ``length_of_stay_days``. This is the formula the investigators' capacity
    estimates imply (COHRC on Tianjin First Central: 500 beds x 1.31 x 365 / 30
    = 7,968, "could do 8,000 a year",
    https://chinaorganharvest.org/myth/china-performs-about-10000-organ-transplants-per-year
    para 3; Kilgour, Gutmann & Matas 2016, ch. 10).
    """
    return (
        np.asarray(beds)
        * np.asarray(occupancy_rate)
        * np.asarray(days)
        / np.asarray(length_of_stay_days)
    )


def minimum_requirement(
    minimum_beds: ArrayLike,
    occupancy_rate: ArrayLike,
    length_of_stay_days: ArrayLike,
    days: ArrayLike = 365.0,
) -> np.ndarray:
    """Capacity of a licensed hospital run at the licence's minimum ward size.

    annual transplants = minimum_beds * occupancy_rate * days / length_of_stay_days

    COHRC 2018 estimated ~69,000 a year for 169 approved hospitals by assuming
    each kept only the Ministry of Health's minimum transplant beds
    (https://atcmeetingabstracts.com/abstract/organ-transplant-abuse-in-china-1-scale,
    Results para 1). The one minimum that could be read is a dedicated kidney ward
    of at least 10 beds (kidney-transplant quality-control standard,
    https://jjdof.com/chajibing/content_105690.shtml); the value is an assumption.
    """
    return bed_capacity(minimum_beds, occupancy_rate, length_of_stay_days, days)


def personnel(surgeons: ArrayLike, transplants_per_surgeon_per_year: ArrayLike) -> np.ndarray:
    """Throughput of the transplant surgeons: surgeons x transplants per surgeon per year.

    annual transplants = transplant_surgeons * transplants_per_surgeon_per_year

    COHRC used staffing as corroboration (Guangdong No. 2 Provincial People's
    Hospital: 100 cases a year need "far fewer" than its 10 surgeons,
    https://www.chinaorganharvest.org/hospitals/guangdong-no-2-provincial-peoples-hospital/ para 4).
    """
    return np.asarray(surgeons) * np.asarray(transplants_per_surgeon_per_year)


def revenue(revenue_cny_per_year: ArrayLike, price_per_transplant_cny: ArrayLike) -> np.ndarray:
    """Cases paid for by transplant income: revenue per year / price per transplant.

    annual transplants = revenue_cny_per_year / price_per_transplant_cny

    The revenue method of COHRC's "lucrative industry" findings (PLA 309's
    centre earned RMB 16.07 M in 2003,
    https://www.chinaorganharvest.org/report/findings/2-volume-drivers/lucrative-industry/ para 4).
    """
    return np.asarray(revenue_cny_per_year) / np.asarray(price_per_transplant_cny)


def annualise(count: ArrayLike, overlap_years: ArrayLike, period_years: ArrayLike) -> np.ndarray:
    """Share of a count reported for a period that falls in one calendar year.

    transplants in year = count * overlap_years / period_years

    Used for ``transplants_in_period`` and for the difference between two dated
    ``transplants_cumulative`` figures (the hospital's own counts; spreading
    evenly over the period is the simplest rule and is stated in docs/estimate.md).
    """
    return np.asarray(count) * np.asarray(overlap_years) / np.asarray(period_years)


def measurement_factor(
    qualifier_code: np.ndarray,
    u: np.ndarray | float,
    approx_half_width: ArrayLike,
    at_least_uplift: ArrayLike,
    at_most_shortfall: ArrayLike,
) -> np.ndarray:
    """Multiplier turning a stated figure into a draw of the true value.

    ``qualifier_code``: 0 exact, 1 approx, 2 at_least, 3 at_most (per row, shape (R, 1)
    or (R,)); ``u`` uniform(0, 1) per row and draw.

    * exact: 1
    * approx ("about"): 1 + h * (2u - 1), h = ``approx_relative_half_width``
    * at_least ("more than"): 1 + g * u, g = ``at_least_max_uplift`` (a floor)
    * at_most ("less than"): 1 - s * u, s = ``at_most_max_shortfall`` (a ceiling)
    """
    q = np.asarray(qualifier_code)
    u = np.asarray(u)
    out = np.ones(np.broadcast_shapes(q.shape, u.shape, np.shape(approx_half_width)))
    out = np.where(q == 1, 1.0 + np.asarray(approx_half_width) * (2.0 * u - 1.0), out)
    out = np.where(q == 2, 1.0 + np.asarray(at_least_uplift) * u, out)
    out = np.where(q == 3, 1.0 - np.asarray(at_most_shortfall) * u, out)
    return out


def combined(reported: np.ndarray, capacity: np.ndarray, utilisation: ArrayLike) -> np.ndarray:
    """The combined rule for one hospital-year.

    combined = max(reported, utilisation * capacity), ignoring whichever is missing (NaN);
    NaN when both are missing (the hospital-year is then imputed from its stratum).

    A hospital's own count is a floor (it under-reports, never over-reports in
    the evidence: Tianjin registered 7 liver transplants for 2010 while
    announcing 330); capacity times a utilisation share is what the beds and
    staff plausibly did. Taking the larger respects the floor.
    """
    used = np.asarray(capacity) * np.asarray(utilisation)
    both = np.fmax(reported, used)  # fmax ignores NaN on one side
    return both


def impute_centres(
    post: np.ndarray,
    n_total: np.ndarray,
    n_licensed: np.ndarray,
    n_unlicensed: np.ndarray,
    have: tuple[np.ndarray, np.ndarray, np.ndarray],
    per_centre: np.ndarray,
) -> dict[str, np.ndarray]:
    """Volume of the centres without a value, per stratum (broadcast arrays, (Y, D)).

    ``have``: how many hospitals with a value are licensed, unlicensed and of unknown
    licence status. Before licensing (``post`` False) all centres form one stratum of
    ``n_total``; after it the licensed and unlicensed strata are filled up to their
    sizes. A hospital of unknown status fills a slot of the total without being
    assigned to either stratum: the missing slots of both shrink in proportion.
    """
    h_lic, h_unl, h_unk = have
    pre = np.clip(n_total - h_lic - h_unl - h_unk, 0, None) * per_centre
    miss_l = np.clip(n_licensed - h_lic, 0, None)
    miss_u = np.clip(n_unlicensed - h_unl, 0, None)
    tot = miss_l + miss_u
    keep = np.where(tot > 0, np.clip(tot - h_unk, 0, None) / np.where(tot > 0, tot, 1.0), 0.0)
    return {
        "pre_licensing": np.where(post, 0.0, pre),
        "licensed": np.where(post, miss_l * keep * per_centre, 0.0),
        "unlicensed": np.where(post, miss_u * keep * per_centre, 0.0),
    }
