"""SYNTHETIC case reports for the registry tests: invented national IDs, birth dates and
cases generated here. They are not real patients and never leave the tests' temporary
stores."""

from __future__ import annotations

import random
from typing import Any

NATIONAL_ID = "SYNTH-Z98765432"
"""A made-up identifier; the tests search every written file for it."""
BIRTH_DATE = "1961-07-23"


def case(**over: Any) -> dict[str, Any]:
    """One synthetic case report (JSON body of POST /api/registry/cases)."""
    body: dict[str, Any] = {
        "national_id": NATIONAL_ID,
        "birth_date": BIRTH_DATE,
        "reporting_centre": "centre-a",
        "sex": "male",
        "home_region": "north",
        "organ": "kidney",
        "transplant_month": "2019-05",
        "destination_country": "CN",
        "destination_city": "Tianjin",
        "destination_hospital": "Tianjin First Central Hospital",
        "wait_told_days": 14,
        "wait_actual_days": 10,
        "price_paid": 70000,
        "price_currency": "USD",
        "broker_involved": "yes",
        "donor_type_stated": "not_stated",
        "information_source": "patient_interview",
    }
    body.update(over)
    return body


def random_cases(n: int, seed: int = 7, **fixed: Any) -> list[dict[str, Any]]:
    """``n`` synthetic cases of distinct invented patients spread over years, countries and
    organs (skewed, so some cells are small)."""
    rng = random.Random(seed)
    countries = ["CN", "IN", "PK", "EG", "CO"]
    organs = ["kidney", "liver", "heart"]
    out = []
    for i in range(n):
        drawn = {
            "national_id": f"SYNTH{seed:03d}{i:09d}",
            "birth_date": f"{rng.randint(1940, 1999)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}",
            "transplant_month": f"{rng.choice([2018, 2019, 2019, 2020])}-0{rng.randint(1, 9)}",
            "destination_country": countries[min(int(rng.expovariate(1.2)), 4)],
            "organ": organs[min(int(rng.expovariate(1.5)), 2)],
        }
        out.append(case(**{**drawn, **fixed}))
    return out
