"""SYNTHETIC evidence for the estimate tests: invented hospitals and figures, never real data.

Every frame built here is labelled synthetic (sources say so). The assumption
values are chosen for easy hand computation, not taken from any source.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

from transplant_audit.evidence.frames import COLUMNS, Evidence

SYNTHETIC_SOURCE = "src_synthetic"

# name -> (distribution, low, mode, high, unit); fixed values make hand computation exact
BASE_ASSUMPTIONS: dict[str, tuple[str, float, float, float, str]] = {
    "occupancy_rate": ("fixed", 1.0, 1.0, 1.0, "fraction"),
    "length_of_stay_days_kidney": ("fixed", 20, 20, 20, "days"),
    "length_of_stay_days_liver": ("fixed", 25, 25, 25, "days"),
    "length_of_stay_days_heart_lung": ("fixed", 30, 30, 30, "days"),
    "length_of_stay_days_mixed": ("fixed", 25, 25, 25, "days"),
    "transplant_share_of_department_beds": ("fixed", 0.5, 0.5, 0.5, "fraction"),
    "licence_minimum_transplant_beds": ("fixed", 10, 10, 10, "beds"),
    "transplants_per_surgeon_per_year": ("fixed", 20, 20, 20, "transplants/surgeon/year"),
    "price_per_transplant_cny": ("fixed", 200000, 200000, 200000, "CNY"),
    "capacity_utilisation": ("fixed", 0.5, 0.5, 0.5, "fraction"),
    "undated_figure_year": ("fixed", 2010, 2010, 2010, "year"),
    "approx_relative_half_width": ("fixed", 0.1, 0.1, 0.1, "fraction"),
    "at_least_max_uplift": ("fixed", 0.2, 0.2, 0.2, "fraction"),
    "at_most_max_shortfall": ("fixed", 0.2, 0.2, 0.2, "fraction"),
    "centres_total": ("fixed", 0, 0, 0, "hospitals"),
    "centres_licensed": ("fixed", 0, 0, 0, "hospitals"),
    "centres_growth_2000_to_2004": ("fixed", 1, 1, 1, "ratio"),
    "unlicensed_active_share_after_2007": ("fixed", 1, 1, 1, "fraction"),
    "licensing_year": ("fixed", 2007, 2007, 2007, "year"),
}


def assumptions_frame(changes: Mapping[str, tuple] | None = None) -> pd.DataFrame:
    """SYNTHETIC assumptions; ``changes`` name -> (distribution, low, mode, high)."""
    rows = []
    spec = dict(BASE_ASSUMPTIONS)
    for k, v in (changes or {}).items():
        spec[k] = (*v[:4], BASE_ASSUMPTIONS[k][4]) if k in BASE_ASSUMPTIONS else tuple(v)
    for name, (dist, lo, mo, hi, unit) in spec.items():
        rows.append(
            {
                "name": name,
                "distribution": dist,
                "low": lo,
                "mode": mo,
                "high": hi,
                "unit": unit,
                "applies_to": "",
                "justification": "synthetic test value",
                "source_ids": SYNTHETIC_SOURCE,
            }
        )
    # centres_total and centres_licensed are never 0 in real data; tests use 0: no imputation
    return pd.DataFrame(rows, columns=COLUMNS["assumptions"])


def hospital(
    hid: str, *, licensed: bool = False, military: bool = False, licence_year: float | None = None
) -> dict:
    return {
        "id": hid,
        "name_en": f"Synthetic hospital {hid}",
        "name_zh": "",
        "province": "",
        "city": "",
        "military": military,
        "licensed": licensed,
        "licensed_organs": "",
        "licence_year": licence_year,
        "organs_mentioned": "",
        "source_id": SYNTHETIC_SOURCE,
        "note": "synthetic",
    }


_counter = [0]


def claim(
    cid: str,
    quantity: str,
    low: float,
    high: float | None = None,
    *,
    period: tuple[str, str] = ("2010", "2010"),
    unit: str = "transplants/year",
    party: str = "chinese_official",
    claimant: str = "synthetic official",
) -> dict:
    """One SYNTHETIC published claim (``high`` defaults to ``low``: an exact figure)."""
    return {
        "id": cid,
        "quantity": quantity,
        "claimant": claimant,
        "party": party,
        "period_start": period[0],
        "period_end": period[1],
        "value_low": low,
        "value_high": low if high is None else high,
        "unit": unit,
        "qualifier": "exact",
        "source_id": SYNTHETIC_SOURCE,
        "locator": "synthetic",
        "note": "synthetic",
    }


def obs(
    hid: str,
    indicator: str,
    value: float,
    *,
    organ: str = "",
    qualifier: str = "exact",
    period_start: str = "",
    period_end: str = "",
    as_of: str = "",
    unit: str = "",
    oid: str | None = None,
    bed_scope: str | None = None,
    status: str = "verified",
) -> dict:
    """One SYNTHETIC observation. Bed figures default to the scope their indicator names
    (transplant_beds: transplant_department; department_beds: other_department)."""
    _counter[0] += 1
    if bed_scope is None:
        bed_scope = DEFAULT_SCOPE.get(indicator, "")
    return {
        "id": oid or f"obs_syn_{_counter[0]}",
        "hospital_id": hid,
        "indicator": indicator,
        "organ": organ,
        "period_start": period_start,
        "period_end": period_end,
        "as_of": as_of,
        "value": value,
        "qualifier": qualifier,
        "unit": unit,
        "source_id": SYNTHETIC_SOURCE,
        "locator": "synthetic",
        "status": status,
        "note": "synthetic",
        "bed_scope": bed_scope,
    }


DEFAULT_SCOPE = {"transplant_beds": "transplant_department", "department_beds": "other_department"}
OBS_COLUMNS = [
    *COLUMNS["observations"],
    *(["bed_scope"] * ("bed_scope" not in COLUMNS["observations"])),
]


def make_evidence(
    hospitals: Sequence[dict],
    observations: Sequence[dict],
    *,
    assumptions: Mapping[str, tuple] | pd.DataFrame | None = None,
    claims: Sequence[dict] = (),
) -> Evidence:
    """SYNTHETIC Evidence from plain dicts."""
    src = pd.DataFrame(
        [
            {
                "id": SYNTHETIC_SOURCE,
                "url": "https://example.invalid/synthetic",
                "title": "synthetic test data",
                "publisher": "tests (synthetic)",
                "party": "other",
                "published": "",
                "retrieved": "",
                "language": "en",
                "kind": "web",
                "digest": "",
                "note": "synthetic",
            }
        ],
        columns=COLUMNS["sources"],
    )
    a = assumptions if isinstance(assumptions, pd.DataFrame) else assumptions_frame(assumptions)
    return Evidence(
        sources=src,
        hospitals=pd.DataFrame(list(hospitals), columns=COLUMNS["hospitals"]),
        observations=pd.DataFrame(list(observations), columns=OBS_COLUMNS),
        official_series=pd.DataFrame(columns=COLUMNS["official_series"]),
        claims=pd.DataFrame(list(claims), columns=COLUMNS["claims"]),
        assumptions=a,
        origin="synthetic",
    )
