"""Which evidence the estimate may use, and why the rest is left out (pure: frames in, frames out).

Three input rules live here, each in one place:

* **bed scope**: a bed figure enters bed capacity only when it counts the beds of
  a transplant ward or transplant department; the beds of another department
  enter through ``transplant_share_of_department_beds``; beds of a building, a
  whole hospital or an unknown scope are kept in the data, listed in the notes
  and never used (they inflated capacity: a new surgery building is not a
  transplant ward). An evidence without a ``bed_scope`` column has scope
  ``unknown`` everywhere.
* **licence status**: ``true``, ``false`` or ``unknown``. ``unknown`` is its
  own stratum (``licence_unknown``), never folded into ``unlicensed``.
* **review status**: figures a reviewer marked ``disputed`` are left out unless
  asked for; the result says how many.

And every indicator the evidence holds is either used by a method or named in
a note with the reason it is not used (``INDICATOR_USE``).
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

BED_INDICATORS = ("transplant_beds", "department_beds")
TRANSPLANT_SCOPES = ("transplant_ward", "transplant_department")
DEPARTMENT_SCOPE = "other_department"
EXCLUDED_SCOPES = {
    "building": "beds of a whole building, not a transplant ward",
    "whole_hospital": "beds of the whole hospital, not a transplant ward",
    "unknown": "what the beds belong to is not known",
}
BED_SCOPES = (*TRANSPLANT_SCOPES, DEPARTMENT_SCOPE, *EXCLUDED_SCOPES)
TISSUE_ORGANS = ("cornea",)
"""Beds for tissue transplants (an eye hospital's cornea beds) never enter organ capacity:
the national figures count solid-organ transplants."""

LICENCE_STATES = ("true", "false", "unknown")
"""Licence status of a hospital as the estimate reads it."""

USED = "used"
INDICATOR_USE: dict[str, str] = {
    # used by a method
    "transplant_beds": USED,
    "department_beds": USED,
    "transplant_surgeons": USED,
    "transplants_in_period": USED,
    "transplants_cumulative": USED,
    "transplants_per_year": USED,
    "revenue_cny": USED,
    "price_cny": USED,
    "bed_occupancy_rate": USED,
    "avg_length_of_stay_days": USED,
    "first_transplant_year": USED,
    "transplant_unit_founded_year": USED,
    # counts that are not a hospital's own yearly volume
    "surgeon_transplants_cumulative": "one surgeon's career total, often across several centres",
    "surgeon_transplants_in_period": "one surgeon's total, often across several centres",
    "transplants_per_day_max": "a peak day, not a yearly volume",
    "transplants_per_day_capacity": "a one-day capacity claim, not a yearly volume",
    "concurrent_transplant_capacity": "operations at one time, not a yearly volume",
    "surgeries_per_year": "all surgery of a department or hospital, not transplants",
    "inpatients_per_year": "all inpatients, not transplants",
    "opo_donors": "donors of an organ procurement organisation, not one hospital's transplants",
    "opo_organs_utilised": "organs of a procurement organisation, shared between hospitals",
    "waitlist_size": "patients waiting, not operations",
    "volume_rank_national": "a rank, not a count",
    "volume_rank_global": "a rank, not a count",
    "national_share": "a share, not a count",
    "provincial_share": "a share, not a count",
    # other indicators: no method takes them
    "total_beds": "whole-hospital beds are not transplant beds",
    "total_beds_planned": "planned beds, not beds in use",
    "transplant_beds_planned": "planned beds, not beds in use",
    "icu_beds": "ICU beds serve every specialty",
    "wait_time_days": "waiting time is not a volume (the forensics module tests it)",
    "approved_transplant_licence": "licence status is read from the hospital list",
    "transplant_staff": "no method converts mixed staff counts into operations",
    "transplant_nurses": "no method converts nurses into operations",
    "staff_total": "whole-hospital staff",
    "department_staff": "staff of a department, not transplant surgeons",
    "medical_staff": "whole-hospital staff",
    "senior_staff": "whole-hospital staff",
    "surgical_teams": "no method converts teams into operations",
    "operating_rooms": "operating rooms serve every specialty",
    "surgical_fee_cny": "a surgeon's fee, not the price of a transplant",
    "price_hkd": "price in another currency; not converted",
    "capital_investment_cny": "investment, not transplant revenue",
    "research_funding_cny": "research funding, not transplant revenue",
}


def licence_status(values: pd.Series | np.ndarray | list) -> np.ndarray:
    """Hospitals' ``licensed`` column -> array of 'true' / 'false' / 'unknown'.

    Empty, NA and any word other than a clear yes or no are 'unknown'.
    """
    out = []
    for v in list(values):
        if v is None or v is pd.NA or (isinstance(v, float) and np.isnan(v)):
            out.append("unknown")
        elif isinstance(v, (bool, np.bool_)):
            out.append("true" if v else "false")
        else:
            s = str(v).strip().lower()
            out.append(
                "true"
                if s in ("true", "yes", "1", "1.0", "y", "t")
                else "false"
                if s in ("false", "no", "0", "0.0", "n", "f")
                else "unknown"
            )
    return np.array(out, dtype=object)


def bed_scope(rec: Mapping[str, object]) -> str:
    """The scope of one bed figure; absent, empty or unrecognised scopes are 'unknown'."""
    v = rec.get("bed_scope")
    if v is None or v is pd.NA or (isinstance(v, float) and np.isnan(v)):
        return "unknown"
    s = str(v).strip().lower()
    return s if s in BED_SCOPES else "unknown"


def left_out(rec: Mapping[str, object], reason: str) -> dict[str, object]:
    """A figure kept in the data but not used: what it is and why (shown by ``explain``)."""
    return {
        "observation_id": str(rec["id"]),
        "hospital_id": str(rec["hospital_id"]),
        "indicator": str(rec["indicator"]),
        "value": rec["value"],
        "source_id": str(rec.get("source_id") or ""),
        "reason": reason,
    }


def left_out_note(d: Mapping[str, object]) -> str:
    """The one-line note of a left-out figure."""
    v = d["value"]
    value = f"{float(v):g}" if isinstance(v, (int, float, np.number)) else str(v)
    return (
        f"observation {d['observation_id']} ({d['hospital_id']}, {d['indicator']} {value}): "
        f"{d['reason']}"
    )


DIVISORS = {"price_cny": "revenue / price", "avg_length_of_stay_days": "beds / stay"}
"""A hospital's own figures the model divides by: only a positive one can be used (the
assumptions' own bounds, ``assumptions.REQUIRED``, say the same of the national values)."""


def split_divisors(recs: list[dict]) -> tuple[list[dict], list[dict[str, object]]]:
    """Own price or stay records -> (the positive ones, the rest left out with the reason)."""
    keep, out = [], []
    for rec in recs:
        if float(rec["value"]) > 0:
            keep.append(rec)
        else:
            what = DIVISORS.get(str(rec["indicator"]), "a divisor")
            out.append(left_out(rec, f"not positive, so it cannot divide ({what}); not used"))
    return keep, out


def route_beds(recs: list[dict]) -> tuple[list[dict], list[dict], list[dict[str, object]]]:
    """Bed figures -> (transplant-scope records, other-department records, the rest left out)."""
    transplant, department, out = [], [], []
    for rec in recs:
        scope = bed_scope(rec)
        organ = str(rec.get("organ") or "").strip().lower()
        if organ in TISSUE_ORGANS:
            out.append(
                left_out(
                    rec,
                    f"{organ} beds (bed scope '{scope}'): tissue, not solid-organ, "
                    "transplants; kept in the data, not used for capacity",
                )
            )
        elif scope in TRANSPLANT_SCOPES:
            transplant.append(rec)
        elif scope == DEPARTMENT_SCOPE:
            department.append(rec)
        else:
            out.append(
                left_out(
                    rec,
                    f"bed scope '{scope}', {EXCLUDED_SCOPES[scope]}; "
                    "kept in the data, not used for capacity",
                )
            )
    return transplant, department, out


def drop_disputed(obs: pd.DataFrame, include: bool) -> tuple[pd.DataFrame, list[dict[str, object]]]:
    """Leave out figures whose review status is 'disputed' unless ``include``.

    Returns the observations to use and the figures left out.
    """
    if "status" not in obs or not len(obs):
        return obs, []
    disputed = obs["status"].astype("string").fillna("").str.strip().str.lower() == "disputed"
    if include or not disputed.any():
        return obs, []
    out = [
        left_out(r, "review status 'disputed'; left out (--include-disputed adds it)")
        for r in obs[disputed].to_dict("records")
    ]
    return obs[~disputed], out


def unused_indicator_notes(obs: pd.DataFrame) -> list[str]:
    """One note per indicator in the evidence that no method uses, naming it and why."""
    if not len(obs):
        return []
    counts = obs["indicator"].astype(str).value_counts()
    notes = []
    for name in sorted(counts.index):
        use = INDICATOR_USE.get(name, "the estimate has no method for this indicator")
        if use != USED:
            notes.append(f"indicator {name} ({int(counts[name])} figures): not used; {use}")
    return notes
