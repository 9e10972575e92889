"""The controlled vocabulary: indicators, units, organs, qualifiers, statuses.

One place, used by the data package schema, the store, validation, the
estimators and the extractor. Each indicator has exactly one canonical unit;
figures stated in other units (weeks, months, 万元) are converted on the way in
and the original wording is kept in the observation's ``note``.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Qualifier(StrEnum):
    """How a stated figure relates to the truth. It changes how a figure enters a model."""

    EXACT = "exact"
    APPROX = "approx"  # 约, 近, 左右, about, nearly
    AT_LEAST = "at_least"  # 余, 多, 以上, more than, over
    AT_MOST = "at_most"  # 不到, 以下, less than, up to


class Status(StrEnum):
    """Review status of an observation."""

    EXTRACTED = "extracted"
    VERIFIED = "verified"
    DISPUTED = "disputed"


ORGANS: tuple[str, ...] = (
    "kidney",
    "liver",
    "heart",
    "lung",
    "pancreas",
    "intestine",
    "cornea",
    "heart_lung",
    "liver_kidney",
    "pancreas_kidney",
    "multi",  # several organs, not split in the source
    "all",  # the figure covers every organ the hospital transplants
)
"""Organ codes. An empty organ means the source does not say."""

SOURCE_KINDS: tuple[str, ...] = (
    "report",
    "hospital_site",
    "news",
    "journal",
    "official_statement",
    "registry",
    "book",
    "web",
)

SOURCE_PARTIES: tuple[str, ...] = (
    "investigators",  # KGM, COHRC, ETAC, WOIPFG and similar
    "falun_gong_affiliated",
    "state_media",  # Xinhua, Global Times, China Daily, CGTN, ecns, people.cn ...
    "chinese_official",  # NHC, COTRS, Red Cross Society of China statements
    "hospital",  # the hospital's own site or staff
    "academic",  # peer-reviewed journals and registries
    "independent_media",
    "commercial",
    "other",
)
"""Whose voice a source is. Never a reason to drop a figure; users filter on it."""


@dataclass(frozen=True)
class Indicator:
    name: str
    unit: str
    description: str
    kind: str  # count | rate | duration | money | year | flag | rank | share
    max_value: float | None = None


def _i(
    name: str, unit: str, kind: str, description: str, max_value: float | None = None
) -> Indicator:
    return Indicator(name=name, unit=unit, description=description, kind=kind, max_value=max_value)


INDICATORS: dict[str, Indicator] = {
    i.name: i
    for i in [
        # capacity
        _i("total_beds", "beds", "count", "beds in the whole hospital"),
        _i("transplant_beds", "beds", "count", "beds dedicated to organ transplantation"),
        _i(
            "department_beds",
            "beds",
            "count",
            (
                "beds of the department that transplants (e.g. urology, "
                "hepatobiliary), not transplant-only"
            ),
        ),
        _i(
            "total_beds_planned",
            "beds",
            "count",
            "beds of the whole hospital planned or under construction (not yet in use)",
        ),
        _i(
            "transplant_beds_planned",
            "beds",
            "count",
            "transplant beds planned or under construction (not yet in use)",
        ),
        _i("icu_beds", "beds", "count", "intensive-care beds (transplant ICU where stated)"),
        _i(
            "bed_occupancy_rate",
            "fraction",
            "rate",
            "share of bed-days occupied; above 1 means overflow beds",
            max_value=3.0,
        ),
        _i("avg_length_of_stay_days", "days", "duration", "mean stay of a transplant patient"),
        _i("operating_rooms", "rooms", "count", "operating rooms available for transplants"),
        _i(
            "concurrent_transplant_capacity",
            "transplants",
            "count",
            "transplants that can be performed at the same time",
        ),
        # volume
        _i(
            "transplants_in_period",
            "transplants",
            "count",
            "transplants performed in the stated period",
        ),
        _i(
            "transplants_cumulative",
            "transplants",
            "count",
            "running total of transplants since the centre began, as of a date",
        ),
        _i(
            "transplants_per_day_max",
            "transplants",
            "count",
            "most transplants reported in one day (or one night/shift)",
        ),
        _i(
            "transplants_per_year",
            "transplants",
            "count",
            (
                "a stated annual rate ('over 200 a year', an average over "
                "several years), not tied to one calendar year"
            ),
        ),
        _i(
            "transplants_per_day_capacity",
            "transplants",
            "count",
            "transplants per day the centre says it can do",
        ),
        _i(
            "surgeries_per_year",
            "surgeries",
            "count",
            "operations per year (all surgery of the department unless stated)",
        ),
        _i(
            "surgeon_transplants_cumulative",
            "transplants",
            "count",
            "transplants one named surgeon has performed, as of a date",
        ),
        _i(
            "surgeon_transplants_in_period",
            "transplants",
            "count",
            "transplants one named surgeon performed in the period",
        ),
        _i("inpatients_per_year", "patients", "count", "inpatient admissions per year"),
        _i(
            "opo_donors",
            "donors",
            "count",
            "donors handled by the hospital's organ procurement organisation",
        ),
        _i("opo_organs_utilised", "organs", "count", "organs used from the hospital's OPO"),
        # personnel
        _i("transplant_surgeons", "persons", "count", "surgeons who perform transplants"),
        _i("transplant_staff", "persons", "count", "all staff of the transplant centre"),
        _i("transplant_nurses", "persons", "count", "transplant nurses"),
        _i("department_staff", "persons", "count", "staff of the transplanting department"),
        _i(
            "medical_staff",
            "persons",
            "count",
            "medical (professional, health-technical) staff of the hospital or department",
        ),
        _i(
            "senior_staff",
            "persons",
            "count",
            "staff with senior titles (chief and associate chief physicians)",
        ),
        _i("staff_total", "persons", "count", "staff of the whole hospital"),
        _i("surgical_teams", "teams", "count", "transplant surgical teams"),
        # money
        _i("revenue_cny", "CNY", "money", "transplant revenue in the period (yuan)"),
        _i(
            "capital_investment_cny",
            "CNY",
            "money",
            "capital investment in transplant facilities (yuan)",
        ),
        _i(
            "research_funding_cny",
            "CNY",
            "money",
            "state research funding for transplantation (yuan)",
        ),
        _i("price_cny", "CNY", "money", "price of one transplant (yuan)"),
        _i("price_usd", "USD", "money", "price of one transplant (US dollars)"),
        _i("price_hkd", "HKD", "money", "price of one transplant (Hong Kong dollars)"),
        _i("surgical_fee_cny", "CNY", "money", "fee for one transplant operation (yuan)"),
        # time
        _i(
            "wait_time_days",
            "days",
            "duration",
            "waiting time for an organ (weeks and months converted to days)",
        ),
        _i(
            "first_transplant_year",
            "year",
            "year",
            "year of the centre's first transplant of this organ",
        ),
        _i("transplant_unit_founded_year", "year", "year", "year the transplant unit was founded"),
        # status, ranks, shares
        _i(
            "approved_transplant_licence",
            "flag",
            "flag",
            "1 if the hospital holds a national licence for this organ",
        ),
        _i(
            "volume_rank_national",
            "rank",
            "rank",
            "the centre's rank by volume in China (1 = largest)",
        ),
        _i("volume_rank_global", "rank", "rank", "the centre's rank by volume in the world"),
        _i(
            "national_share",
            "fraction",
            "share",
            "share of all transplants in China",
            max_value=1.0,
        ),
        _i(
            "provincial_share",
            "fraction",
            "share",
            "share of all transplants in the province",
            max_value=1.0,
        ),
        _i("waitlist_size", "patients", "count", "patients on the centre's waiting list"),
    ]
}
"""Indicator name → definition. Extend deliberately: add a line here, with its unit."""

UNIT_CONVERSIONS: dict[tuple[str, str], float] = {
    ("weeks", "days"): 7.0,
    ("months", "days"): 365.25 / 12.0,
    ("years", "days"): 365.25,
    ("percent", "fraction"): 0.01,
    ("%", "fraction"): 0.01,
    ("10k CNY", "CNY"): 1e4,  # 万元
    ("100M CNY", "CNY"): 1e8,  # 亿元
}
"""(from, to) → multiplier. Used where a source states a figure in another unit."""


BED_INDICATORS: frozenset[str] = frozenset(
    {
        "total_beds",
        "transplant_beds",
        "department_beds",
        "icu_beds",
        "total_beds_planned",
        "transplant_beds_planned",
    }
)
"""Indicators that count beds: each of their observations carries a ``bed_scope``."""


class BedScope(StrEnum):
    """What a bed figure covers. Beds of a building or a whole hospital are not transplant beds."""

    TRANSPLANT_WARD = "transplant_ward"  # a ward (or centre) for transplant patients only
    TRANSPLANT_DEPARTMENT = "transplant_department"  # a department that mostly transplants
    OTHER_DEPARTMENT = "other_department"  # urology, hepatobiliary, ophthalmology... (mixed)
    BUILDING = "building"  # a building or campus that houses the transplant unit among others
    WHOLE_HOSPITAL = "whole_hospital"
    UNKNOWN = "unknown"  # the source does not say


BED_SCOPES: tuple[str, ...] = tuple(s.value for s in BedScope)

BED_SCOPES_ALLOWED: dict[str, frozenset[str]] = {
    "total_beds": frozenset({"whole_hospital", "building", "unknown"}),
    "total_beds_planned": frozenset({"whole_hospital", "building", "unknown"}),
    "transplant_beds": frozenset(
        {"transplant_ward", "transplant_department", "building", "unknown"}
    ),
    "transplant_beds_planned": frozenset(
        {"transplant_ward", "transplant_department", "building", "unknown"}
    ),
    "department_beds": frozenset(
        {"transplant_department", "other_department", "building", "unknown"}
    ),
    "icu_beds": frozenset(
        {
            "transplant_ward",
            "transplant_department",
            "other_department",
            "whole_hospital",
            "unknown",
        }
    ),
}
"""Bed indicator -> the scopes consistent with it (a transplant_beds figure is never
``whole_hospital``; a hospital's total is never one ward). ``building`` is allowed for
ward and department figures because sources often give a new building's beds as the
transplant centre's; the scope then tells a model not to count them as transplant beds."""

LICENSED_VALUES: tuple[str, ...] = ("true", "false", "unknown")
"""``hospitals.licensed``: summarises the hospital's rows in ``licences``; never empty."""


def bed_scope_problem(indicator: str, scope: str) -> str | None:
    """Why ``scope`` does not fit ``indicator`` (or None): the single consistency rule."""
    if indicator in BED_INDICATORS:
        if not scope:
            return f"{indicator} is a bed figure: bed_scope is required (use 'unknown')"
        if scope not in BED_SCOPES:
            return f"unknown bed scope; allowed: {', '.join(BED_SCOPES)}"
        if scope not in BED_SCOPES_ALLOWED[indicator]:
            allowed = ", ".join(sorted(BED_SCOPES_ALLOWED[indicator]))
            return f"bed_scope {scope} is inconsistent with {indicator} (allowed: {allowed})"
        return None
    if scope:
        return f"{indicator} is not a bed figure: bed_scope must be empty"
    return None


def is_indicator(name: str) -> bool:
    return name in INDICATORS


def canonical_unit(indicator: str) -> str:
    return INDICATORS[indicator].unit
