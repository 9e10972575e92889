"""Pure rules of the registry: pseudonyms, case fields, identifier-looking text, duplicates.

Pseudonym scheme (docs/registry.md): ``HMAC-SHA256(key, "v1|" + ID + "|" + BIRTH_DATE)``
in hex, where ID is the national identifier NFKC-normalised, upper-cased, with spaces,
hyphens, dots and slashes removed, and BIRTH_DATE is ISO ``YYYY-MM-DD``. The identifier
and the birth date are used only to compute it and are never kept, logged or echoed.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from transplant_audit.evidence.vocabulary import ORGANS

PSEUDONYM_VERSION = "v1"
SEXES = ("female", "male", "other", "unknown")
BROKER = ("yes", "no", "unknown")
DONOR_TYPES = ("deceased", "living", "not_stated", "other")
INFORMATION_SOURCES = ("patient_interview", "medical_records", "both", "other")
REGISTRY_ORGANS = tuple(o for o in ORGANS if o != "all")
NEAR_MONTHS = 2
"""A case of the same pseudonym and organ within this many months is a near-duplicate."""

FREE_TEXT_FIELDS = (
    "home_region",
    "destination_city",
    "destination_hospital",
    "documents_received",
    "followup_outcome",
    "notes",
)
"""Fields clinicians type freely; each is refused if it looks like it holds an identifier."""

_IDENTIFIER_PATTERNS = (
    ("a run of 7 or more digits (ID, passport or phone number)", r"\d(?:[\s\-./]?\d){6,}"),
    ("a date (birth date?)", r"\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}"),
    ("a date (birth date?)", r"\b\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}\b"),
    ("an e-mail address", r"[^\s@]+@[^\s@]+\.[A-Za-z]{2,}"),
    ("letters followed by 6 or more digits (document number)", r"\b[A-Za-z]{1,3}\d{6,}"),
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]")
_IDENTIFIER_RE = [(why, re.compile(p)) for why, p in _IDENTIFIER_PATTERNS]


def identifier_reason(text: str | None) -> str | None:
    """Why ``text`` looks like it holds a personal identifier, or None. Never echoes it."""
    if not text:
        return None
    flat = unicodedata.normalize("NFKC", text)
    for why, rx in _IDENTIFIER_RE:
        if rx.search(flat):
            return f"looks like it holds an identifier ({why}); leave identifiers out of notes"
    return None


def normalize_identifier(national_id: str) -> str:
    """The national identifier as hashed: NFKC, upper case, no spaces/hyphens/dots/slashes."""
    flat = unicodedata.normalize("NFKC", national_id).upper()
    return re.sub(r"[\s\-./]", "", flat)


def pseudonym(key: bytes, national_id: str, birth_date: date) -> str:
    """The keyed pseudonym of a patient (hex HMAC-SHA256; see the module docstring)."""
    ident = normalize_identifier(national_id)
    if not ident:
        raise ValueError("the national identifier is empty")
    msg = f"{PSEUDONYM_VERSION}|{ident}|{birth_date.isoformat()}".encode()
    return hmac.new(key, msg, hashlib.sha256).hexdigest()


def month_index(month: str) -> int:
    """``"YYYY-MM"`` as a month count (for the ±2 month rule)."""
    year, mon = month.split("-")
    return int(year) * 12 + int(mon) - 1


class CaseFields(BaseModel):
    """The fields of a case kept as entered (what a registrar may correct)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    reporting_centre: str | None = Field(default=None, max_length=80, pattern=r"^[\w.\- ]+$")
    sex: Literal["female", "male", "other", "unknown"] = "unknown"
    home_region: str | None = Field(default=None, max_length=80)
    organ: Literal[REGISTRY_ORGANS]  # type: ignore[valid-type]
    transplant_month: str = Field(pattern=r"^(19[5-9]\d|20\d\d)-(0[1-9]|1[0-2])$")
    destination_country: str = Field(pattern=r"^[A-Z]{2}$")
    destination_city: str | None = Field(default=None, max_length=120)
    destination_hospital: str | None = Field(default=None, max_length=200)
    wait_told_days: int | None = Field(default=None, ge=0, le=3650)
    wait_actual_days: int | None = Field(default=None, ge=0, le=3650)
    price_paid: float | None = Field(default=None, ge=0, le=1e9)
    price_currency: str | None = Field(default=None, pattern=r"^[A-Z]{3}$")
    broker_involved: Literal["yes", "no", "unknown"] = "unknown"
    donor_type_stated: Literal["deceased", "living", "not_stated", "other"] = "not_stated"
    documents_received: str | None = Field(default=None, max_length=500)
    followup_outcome: str | None = Field(default=None, max_length=500)
    information_source: Literal["patient_interview", "medical_records", "both", "other"] = (
        "patient_interview"
    )
    notes: str | None = Field(default=None, max_length=2000)

    @field_validator(*FREE_TEXT_FIELDS)
    @classmethod
    def _no_identifiers(cls, v: str | None) -> str | None:
        if v and _CONTROL.search(v):
            raise ValueError("control characters are not allowed")
        reason = identifier_reason(v)
        if reason:
            raise ValueError(reason)
        return v or None

    @model_validator(mode="after")
    def _price_has_currency(self) -> CaseFields:
        if self.price_paid is not None and self.price_currency is None:
            raise ValueError("price_paid needs price_currency (ISO 4217, e.g. USD)")
        return self


class CaseIn(CaseFields):
    """One case report as a clinician enters it (JSON body or a CSV row).

    ``national_id`` and ``birth_date`` are write-only: they become the pseudonym (and the
    birth year) and are then discarded."""

    national_id: str = Field(min_length=1, max_length=64, repr=False)
    birth_date: date = Field(repr=False)

    @field_validator("national_id")
    @classmethod
    def _id_has_content(cls, v: str) -> str:
        if not normalize_identifier(v):
            raise ValueError("the national identifier is empty")
        return v

    @field_validator("birth_date")
    @classmethod
    def _plausible_birth(cls, v: date) -> date:
        if not date(1900, 1, 1) <= v <= date.today():
            raise ValueError("the birth date must be between 1900-01-01 and today")
        return v

    @model_validator(mode="after")
    def _month_after_birth(self) -> CaseIn:
        if month_index(self.transplant_month) < self.birth_date.year * 12:
            raise ValueError("the transplant month is before the birth year")
        return self


STORED_FIELDS: tuple[str, ...] = tuple(CaseFields.model_fields)
"""Fields of a case kept as entered (besides the pseudonym and birth year)."""


def case_record(case: CaseIn, key: bytes, centre: str) -> dict[str, Any]:
    """The row to store: the pseudonym and birth year replace the identifier and birth date."""
    row = case.model_dump(include=set(STORED_FIELDS))
    row["reporting_centre"] = centre
    row["pseudonym"] = pseudonym(key, case.national_id, case.birth_date)
    row["birth_year"] = case.birth_date.year
    row["year"] = int(case.transplant_month[:4])
    return row


@dataclass(frozen=True)
class Match:
    """How a new case relates to the stored cases of the same pseudonym and organ."""

    kind: Literal["new", "duplicate", "near"]
    case_ids: tuple[str, ...] = ()


def classify(month: str, same_patient_organ: Iterable[tuple[str, str]]) -> Match:
    """``same_patient_organ``: (case_id, transplant_month) of stored cases with the same
    pseudonym and organ. Same month: duplicate; within ``NEAR_MONTHS``: near-duplicate."""
    m = month_index(month)
    exact: list[str] = []
    near: list[str] = []
    for case_id, other in same_patient_organ:
        gap = abs(month_index(other) - m)
        if gap == 0:
            exact.append(case_id)
        elif gap <= NEAR_MONTHS:
            near.append(case_id)
    if exact:
        return Match("duplicate", (sorted(exact)[0],))
    if near:
        return Match("near", tuple(sorted(near)))
    return Match("new")
