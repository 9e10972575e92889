#!/usr/bin/env python3
"""Build the bundled data package (data/) from the compiled figures in ../shared/data.

Inputs:
- ``SHARED`` (default ``../shared/data`` next to the repository): hospitals.csv,
  hospital_observations.csv, national_figures.csv, official_series_reported.csv,
  official_2016_totals.csv, model_parameters.csv, parameters_matching_tourism.csv.
- ``data-src/`` (curated by the project): extra_sources.csv (URLs not in SHARED),
  assumptions.csv (estimate), reference_series.csv (forensics); each optional;
  VERSION, the package's release (semver), stated as ``version`` in datapackage.json.

Output: ``data/`` = datapackage.json + one CSV per resource (written by
``transplant_audit.evidence.package.write_package``) + EXCLUDED.csv, the rows left
out and why. Deterministic: same inputs give byte-identical files.

Usage: python tools/build_data_package.py [--shared DIR] [--src DIR] [--out DIR] [--check]
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import functools
import hashlib
import io
import math
import re
import sys
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

import pandas as pd

from transplant_audit import error_codes as codes
from transplant_audit.errors import DataError
from transplant_audit.evidence.frames import COLUMNS, GATHERED_COLUMNS, Evidence
from transplant_audit.evidence.package import (
    format_number,
    source_id,
    validate_package,
    write_package,
)
from transplant_audit.evidence.vocabulary import (
    BED_INDICATORS,
    INDICATORS,
    ORGANS,
    SOURCE_KINDS,
    SOURCE_PARTIES,
    UNIT_CONVERSIONS,
    Qualifier,
    Status,
    bed_scope_problem,
)
from transplant_audit.fileerrors import write_bytes_atomic

REPO = Path(__file__).resolve().parents[1]
DEFAULT_SHARED = REPO.parent / "shared" / "data"
DEFAULT_SRC = REPO / "data-src"
DEFAULT_OUT = REPO / "data"

EXTRA_SOURCES_HEADER = [
    "url",
    "title",
    "publisher",
    "party",
    "published",
    "retrieved",
    "language",
    "kind",
    "note",
]
ASSUMPTIONS_HEADER = [
    "name",
    "distribution",
    "low",
    "mode",
    "high",
    "unit",
    "applies_to",
    "justification",
    "source_urls",
]
OFFICIAL_HEADER = ["dataset", "year", "quantity", "value", "unit", "source_url", "locator"]
REFERENCE_HEADER = ["country", "series", "year", "value", "unit", "source_url", "locator", "note"]
EXCLUDED_HEADER = ["file", "row", "what", "reason"]

# --------------------------------------------------------------------------- small helpers


def _hash(prefix: str, *parts: str) -> str:
    return prefix + hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:10]


def _read(path: Path) -> list[tuple[int, dict[str, str]]]:
    """Rows of a UTF-8 CSV with their 1-based line numbers (header = 1)."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise DataError(
            file=str(path), reason=f"not UTF-8: {exc.reason}", code="encoding-error"
        ) from exc
    reader = csv.DictReader(io.StringIO(text, newline=""))
    rows = []
    for record in reader:
        if None in record or any(v is None for v in record.values()):
            raise DataError(
                file=str(path),
                row=reader.line_num,
                reason="wrong number of cells",
                code="wrong-column-count",
            )
        rows.append((reader.line_num, {k: (v or "").strip() for k, v in record.items()}))
    return rows


def _join(*parts: str) -> str:
    return "; ".join(p for p in parts if p)


@dataclass
class Excluded:
    rows: list[dict[str, str]] = field(default_factory=list)

    def add(self, file: str, row: int, what: str, reason: str) -> None:
        self.rows.append({"file": file, "row": str(row), "what": what, "reason": reason})


# --------------------------------------------------------------------------- sources

PUBLISHERS_HEADER = ["domain", "publisher", "party", "kind", "language", "source_url", "note"]
Publisher = tuple[str, str, str, str, str]
"""(domain suffix, publisher, party, kind, language)."""


@functools.lru_cache(maxsize=4)
def load_publishers(path: Path = DEFAULT_SRC / "publishers.csv") -> tuple[Publisher, ...]:
    """The publisher-by-domain table (data-src/publishers.csv), in file order.

    The first row whose ``domain`` is a suffix of the URL's host wins, so more specific
    domains come first. ``party`` is the voice of the original publisher (a mirror of a
    state-media article is state_media); ``language`` may be empty (then guessed from the
    URL, or left empty).
    """
    _check_header(path, PUBLISHERS_HEADER)
    out = []
    for line, r in _read(path):
        for column, allowed in (("party", SOURCE_PARTIES), ("kind", SOURCE_KINDS)):
            if r[column] not in allowed:
                raise DataError(
                    file=str(path),
                    row=line,
                    field=column,
                    reason=f"unknown {column}; allowed: {', '.join(allowed)}",
                    value=r[column],
                    code=codes.UNKNOWN_VALUE[column],
                )
        if not r["domain"] or not r["publisher"]:
            raise DataError(
                file=str(path),
                row=line,
                field="domain" if not r["domain"] else "publisher",
                reason="a value is required here",
                code="missing-value",
            )
        if r["language"] and not re.fullmatch(r"[a-z]{2}", r["language"]):
            raise DataError(
                file=str(path),
                row=line,
                field="language",
                reason="an ISO 639-1 code (two letters) or empty",
                value=r["language"],
                code="bad-language",
            )
        out.append((r["domain"].lower(), r["publisher"], r["party"], r["kind"], r["language"]))
    return tuple(out)


_PATH_LANG = re.compile(r"^/(fr|zh|de|es|ja|ko|ru|it|pt)(/|$)")
_URL_DATE = re.compile(
    r"(?<![0-9])((?:19|20)[0-9]{2})[-/](0[1-9]|1[0-2])(?:[-/]([0-2][0-9]|3[01]))?(?![0-9])"
)


def classify_url(
    url: str, publishers: tuple[Publisher, ...] | None = None
) -> tuple[str, str, str, str]:
    """(publisher, party, kind, language) from the URL host; unknown: (host, other, web, "")."""
    parts = urllib.parse.urlsplit(url)
    host = parts.netloc.lower().split(":")[0]
    for suffix, publisher, party, kind, language in publishers or load_publishers():
        if (
            host == suffix
            or host.endswith("." + suffix)
            or (suffix in host and "." not in suffix[-4:])
        ):
            return (
                publisher,
                party,
                kind,
                _explicit_language(url) or language or guess_language(url),
            )
    return host, "other", "web", guess_language(url)


def _explicit_language(url: str) -> str:
    """A language the URL names: /fr/, /zh/ prefixes, english. or en. hosts, /english/ or /EN/."""
    parts = urllib.parse.urlsplit(url)
    host = parts.netloc.lower()
    m = _PATH_LANG.match(parts.path)
    if m:
        return m.group(1)
    if host.startswith(("english.", "en.")) or re.search(r"/(english|EN|en)/", parts.path):
        return "en"
    return ""


_TLD_LANGUAGE = {"cn": "zh", "tw": "zh", "hk": "zh", "jp": "ja", "kr": "ko", "es": "es", "it": "it"}


def guess_language(url: str) -> str:
    """Language from the URL alone: an english./en. host is English; Chinese characters
    in the path, or a country domain (.cn, .tw, .hk, .jp, .kr, .es, .it), give that
    country's language; otherwise '' (unknown, not guessed)."""
    parts = urllib.parse.urlsplit(url)
    host = parts.netloc.lower().split(":")[0]
    if explicit := _explicit_language(url):
        return explicit
    if re.search(r"[\u4e00-\u9fff]", urllib.parse.unquote(parts.path + "?" + parts.query)):
        return "zh"
    return _TLD_LANGUAGE.get(host.rsplit(".", 1)[-1], "")


def url_date(url: str) -> str:
    """Publication date stated in the URL path (``/2016-05-16/``, ``/2018/05/05/``, ...)."""
    m = _URL_DATE.search(urllib.parse.urlsplit(url).path)
    if not m:
        return ""
    year, month, day = m.group(1), m.group(2), m.group(3)
    if int(year) > 2026:
        return ""
    if day and 1 <= int(day) <= 31:
        return f"{year}-{month}-{day}"
    return f"{year}-{month}"


def url_title(url: str) -> str:
    """A readable title from the URL's last meaningful path segment."""
    parts = urllib.parse.urlsplit(url)
    segments = [urllib.parse.unquote(s) for s in parts.path.split("/") if s]
    words = ""
    for segment in reversed(segments):
        stem = re.sub(r"\.(s?html?|php|aspx?|pdf)$", "", segment)
        if re.search(r"[A-Za-z\u4e00-\u9fff]{3,}", stem) and stem not in (
            "content",
            "article",
            "articles",
            "node",
            "detail",
        ):
            words = re.sub(r"[-_]+", " ", stem).strip()
            break
    host = parts.netloc.lower().removeprefix("www.")
    return f"{host}: {words}" if words else host


_LOCATOR_DATE = re.compile(r"^[A-Za-z][A-Za-z .'/-]*?\s((?:19|20)[0-9]{2}-[01][0-9]-[0-3][0-9])\b")
"""A locator opening with a publisher and a full date: 'hospital news 2018-12-28'."""


class SourceBook:
    """All sources: every URL cited in SHARED plus data-src/extra_sources.csv."""

    def __init__(self) -> None:
        self.rows: dict[str, dict[str, str]] = {}
        self.locator_dates: dict[str, set[str]] = {}
        self.curated: set[str] = set()
        self.publishers: tuple[Publisher, ...] | None = None

    def note_locator(self, url: str, locator: str) -> None:
        """Remember a full date that opens a locator ('Ningbo Daily 2025-03-18, ...')."""
        m = _LOCATOR_DATE.match(locator)
        if m:
            self.locator_dates.setdefault(source_id(url), set()).add(m.group(1))

    def apply_locator_dates(self) -> None:
        """``published`` from the locators when the URL has no date and they agree on one.

        Only for news and hospital pages, whose citing locators name the page's
        own date ('hospital news 2018-12-28'); never for curated rows.
        """
        for sid, dates in self.locator_dates.items():
            row = self.rows.get(sid)
            if row is None or sid in self.curated or row["published"] or len(dates) != 1:
                continue
            if row["kind"] in ("news", "hospital_site"):
                row["published"] = next(iter(dates))
                row["note"] = _join(row["note"], "published date as given in the citing locator")

    def add_cited(self, url: str, title: str = "") -> str:
        sid = source_id(url)
        if sid in self.rows:
            return sid
        publisher, party, kind, language = classify_url(url, self.publishers)
        self.rows[sid] = {
            "id": sid,
            "url": url,
            "title": title or url_title(url),
            "publisher": publisher,
            "party": party,
            "published": url_date(url),
            "retrieved": "",
            "language": language,
            "kind": kind,
            "digest": "",
            "note": "",
        }
        return sid

    def add_extra(self, file: str, line: int, row: dict[str, str]) -> None:
        url = row["url"]
        if not url:
            raise DataError(
                file=file, row=line, field="url", reason="a URL is required", code="missing-value"
            )
        sid = source_id(url)
        self.curated.add(sid)
        publisher, party, kind, language = classify_url(url, self.publishers)
        self.rows[sid] = {
            "id": sid,
            "url": url,
            "title": row["title"] or url_title(url),
            "publisher": row["publisher"] or publisher,
            "party": row["party"] or party,
            "published": row["published"] or url_date(url),
            "retrieved": row["retrieved"],
            "language": row["language"] or language,
            "kind": row["kind"] or kind,
            "digest": "",
            "note": row["note"],
        }

    def resolve(self, url: str, file: str, line: int, column: str) -> str:
        sid = source_id(url)
        if sid not in self.rows:
            raise DataError(
                file=file,
                row=line,
                field=column,
                reason="URL has no source row (add it to data-src/extra_sources.csv)",
                value=url,
                code="unknown-source-url",
            )
        return sid


# --------------------------------------------------------------------------- qualifiers and periods

_AT_LEAST = re.compile(
    r"(\bmore than\b|\bover\b|\babove\b|\bat least\b|\bor more\b|\blower bound\b|\bexceeds?\b"
    r"|(?<!expected )>\s?[0-9]|余|多|以上)",
    re.I,
)
_AT_MOST = re.compile(
    r"(\bless than\b|\bfewer than\b|\bup to\b|\bas many as\b|\bas high as\b|\bupper bound\b"
    r"|不到|以下)",
    re.I,
)
_APPROX = re.compile(
    r"(\babout\b|\bapprox|\bnearly\b|\baround\b|\broughly\b|\balmost\b|~|'some'|约|近|左右)", re.I
)
_RANGE_LOW = re.compile(r"(\(lower\)|\blower end\b)", re.I)
_RANGE_HIGH = re.compile(r"(\(upper\)|\bupper end\b)", re.I)


def qualifier_from(*texts: str) -> str:
    """Qualifier from the wording: range ends first, then at_least, at_most, approx; else exact.

    The two ends of a stated range ('1-2 months' given as two rows) become
    at_least (lower end) and at_most (upper end): the truth lies between them.
    """
    text = " | ".join(t for t in texts if t)
    if _RANGE_LOW.search(text):
        return "at_least"
    if _RANGE_HIGH.search(text):
        return "at_most"
    if _AT_LEAST.search(text):
        return "at_least"
    if _AT_MOST.search(text):
        return "at_most"
    if _APPROX.search(text):
        return "approx"
    return "exact"


_D = r"[0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?"
_MONTHS = {
    m: i
    for i, m in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ],
        1,
    )
}


@dataclass(frozen=True)
class Period:
    """A parsed period: either a point (one date), a start/end, or an as-of date."""

    start: str = ""
    end: str = ""
    as_of: str = ""
    point: str = ""
    clean: bool = True  # False when words were dropped: the raw text then goes into note


def parse_period(text: str) -> Period:
    """Parse the period wordings of the compiled sheets into dates.

    Handles: '2010', '2016-05', '2003-2006', '2014-07 to 2021-03', 'as of 2007-09',
    'by 2005', 'end 2016', 'after 2006-09', 'before 2019-10', 'since 2000 (...)',
    'phone inquiry reported 2024-06', 'week to 2014-01-30', 'N consecutive years to
    2023', 'c. 2019', '2005 (July)', 'mid-2017', '2000s', '10th five-year plan'
    (2001-2005). Anything else gives an empty period with ``clean=False``.
    """
    raw = text.strip()
    if not raw:
        return Period()
    t = raw
    clean = True
    m = re.fullmatch(rf"({_D}) \((\w+)\)", t)
    if m and m.group(2).lower() in _MONTHS:
        t = f"{m.group(1)}-{_MONTHS[m.group(2).lower()]:02d}"
        clean = False
    m = re.fullmatch(rf"to ({_D}) \((\w+)\)", t)
    if m and m.group(2).lower() in _MONTHS:
        t = f"to {m.group(1)}-{_MONTHS[m.group(2).lower()]:02d}"
        clean = False
    if re.search(r"\(.*\)$", t):
        t = re.sub(r"\s*\(.*\)$", "", t).strip()
        clean = False
    if re.match(r"^c\.\s?", t):
        t = re.sub(r"^c\.\s?", "", t)
        clean = False
    if t.startswith("mid-"):
        t = t[4:]
        clean = False
    if re.fullmatch(r"as of c\. ?" + _D, t):
        t = "as of " + t.split()[-1]
        clean = False
    if re.fullmatch(_D, t):
        return Period(point=t, clean=clean)
    m = re.fullmatch(r"([0-9]{4})-([0-9]{4})", t) or re.fullmatch(rf"({_D}) to ({_D})", t)
    if m:
        return Period(start=m.group(1), end=m.group(2), clean=clean)
    m = re.fullmatch(rf"(?:as of|by|end|phone inquiry reported) ({_D})", t)
    if m:
        return Period(as_of=m.group(1), clean=clean and t.startswith("as of"))
    m = re.fullmatch(rf"(?:after|since) ({_D})", t)
    if m:
        return Period(start=m.group(1), clean=False)
    m = re.fullmatch(rf"(?:before|to) ({_D})", t)
    if m:
        return Period(end=m.group(1), clean=False)
    m = re.fullmatch(r"week to ([0-9]{4}-[0-9]{2}-[0-9]{2})", t)
    if m:
        end = dt.date.fromisoformat(m.group(1))
        return Period(start=(end - dt.timedelta(days=6)).isoformat(), end=m.group(1), clean=False)
    m = re.fullmatch(r"([0-9]+) consecutive years to ([0-9]{4})", t)
    if m:
        years, last = int(m.group(1)), int(m.group(2))
        return Period(start=str(last - years + 1), end=str(last), clean=False)
    m = re.fullmatch(r"([0-9]{3})0s", t)
    if m:
        return Period(start=f"{m.group(1)}0", end=f"{m.group(1)}9", clean=False)
    if t == "10th five-year plan":
        return Period(start="2001", end="2005", clean=False)
    m = re.fullmatch(rf"({_D}) report", t)
    if m:
        return Period(as_of=m.group(1), clean=False)
    return Period(clean=False)


# --------------------------------------------------------------------------- hospital observations

# raw indicator -> (indicator, factor, wording). A factor other than 1 converts the value
# from the unit named by the wording to the canonical unit; with factor 1 the wording
# goes into note as it is.
INDICATOR_MAP: dict[str, tuple[str, float, str]] = {
    "wait_time_weeks": ("wait_time_days", UNIT_CONVERSIONS[("weeks", "days")], "weeks"),
    "wait_time_months": ("wait_time_days", UNIT_CONVERSIONS[("months", "days")], "months"),
    "transplant_price_cny": ("price_cny", 1.0, ""),
    "transplant_price_hkd": ("price_hkd", 1.0, ""),
    "total_beds_registered": ("total_beds", 1.0, ""),
    "professional_staff": ("medical_staff", 1.0, ""),
}

EXCLUDED_INDICATORS: dict[str, str] = {
    "transplant_anesthesiologists": (
        "sub-role headcount (anaesthetists of one team); no indicator and no model uses it"
    ),
    "transplant_icu_doctors": (
        "sub-role headcount (ICU doctors of one team); no indicator and no model uses it"
    ),
    "transplant_categories": (
        "number of organ/tissue/cell types offered is not a volume or capacity figure"
    ),
    "organs_received_single_batch": (
        "one delivery of organs is an event, not a rate or a capacity; kept in the source"
    ),
    "simultaneous_batch_events": (
        "count of occasions with simultaneous operations; no indicator fits without a rate"
    ),
    "foreign_patient_countries": "number of countries of origin of patients is not a volume figure",
    "outpatients_per_day": "hospital-wide outpatient traffic, not transplant activity",
    "annual_patient_turnover": (
        "the wording is ambiguous (turnover of what); cannot be mapped without guessing"
    ),
    "isolation_ward_rooms": "isolation rooms are not operating rooms or beds as counted elsewhere",
    "inpatients_census": (
        "a ward census (patients present on a day) is not admissions "
        "per year; converting needs length of stay"
    ),
    "admissions_per_month": (
        "monthly admissions of one department; converting to a "
        "year would assume every month is alike"
    ),
    "surgery_capacity_per_day": "hospital-wide surgeries per day (all types), not transplants",
}

# raw organ -> (organ, note); multi-organ strings listed here become 'multi' (see split rule)
ORGAN_MAP: dict[str, tuple[str, str]] = {
    "heart-lung": ("heart_lung", ""),
    "liver-kidney": ("liver_kidney", ""),
    "pancreas-kidney": ("pancreas_kidney", ""),
    "liver_living_donor": ("liver", "subset: living-donor liver transplants only"),
    "kidney_living_donor": ("kidney", "subset: living-donor kidney transplants only"),
    "intestine_living_donor": ("intestine", "subset: living-donor intestine transplants only"),
    "liver_paediatric": ("liver", "subset: paediatric liver transplants only"),
    "liver_cdcd": (
        "liver",
        "subset: liver transplants from Chinese category-III (DCD) donors only",
    ),
    "liver_split": ("liver", "subset: split-liver transplants only"),
    "liver_hcc": ("liver", "subset: liver transplants for hepatocellular carcinoma only"),
    "liver_nontumour": ("liver", "subset: liver transplants for non-tumour disease only"),
    "any": ("", "organ not specified ('any')"),
    "retransplant": ("", "re-transplantation after a failed first transplant; organ not stated"),
}

FLOW_INDICATORS = frozenset(
    {
        "transplants_in_period",
        "surgeries_per_year",
        "inpatients_per_year",
        "revenue_cny",
        "research_funding_cny",
        "opo_donors",
        "opo_organs_utilised",
        "surgeon_transplants_in_period",
        "national_share",
        "provincial_share",
    }
)
"""Indicators counted over a period: a bare date means the period, not an as-of date."""

_PER_DAY_WINDOW = re.compile(r"^transplants(?:/(\w+)| \((.+)\))$")

CANONICAL_SYNONYMS = {
    "surgeries/year": "surgeries",
    "patients/year": "patients",
    "CNY/operation": "CNY",
    "CNY/year": "CNY",
    "rank (top N)": "rank",
    "rank (of 122)": "rank",
}


def organs_for(raw: str) -> tuple[list[str], str]:
    """Organ codes for a raw organ string, and a note. Multi-organ strings -> ['multi']."""
    raw = raw.strip()
    if raw == "" or raw in ORGANS:
        return [raw], ""
    if raw in ORGAN_MAP:
        organ, note = ORGAN_MAP[raw]
        return [organ], note
    if ";" in raw:
        return ["multi"], f"organs together: {raw.replace(';', ', ')}"
    raise KeyError(raw)


def _inputs(shared: Path, src: Path, name: str) -> list[tuple[str, Path, bool]]:
    """(label, path, curated) for a compiled sheet and its optional data-src counterpart.

    ``../shared/data`` is read-only; further figures of the same shape go into
    ``data-src/<name>`` with the same header, and their URLs need a source row.
    """
    out = [(name, shared / name, False)]
    extra = src / name
    if extra.is_file():
        with (shared / name).open(encoding="utf-8", newline="") as handle:
            header = next(csv.reader(handle), [])
        _check_header(extra, header)
        out.append((f"data-src/{name}", extra, True))
    return out


@dataclass
class HospitalFacts:
    """What the observation rows say about each hospital (Chinese name, licences, a source)."""

    licences: dict[str, list[str]] = field(default_factory=dict)
    licence_years: dict[str, str] = field(default_factory=dict)
    names_zh: dict[str, str] = field(default_factory=dict)
    first_source: dict[str, str] = field(default_factory=dict)
    licensed_by_flag: set[str] = field(default_factory=set)


def build_observations(
    shared: Path, src: Path, sources: SourceBook, excluded: Excluded
) -> tuple[pd.DataFrame, HospitalFacts]:
    """Observations from hospital_observations.csv (and data-src's), plus facts per hospital."""
    out: list[dict[str, str]] = []
    facts = HospitalFacts()
    seen_lines: dict[str, tuple[str, int]] = {}
    licences, licence_years, names_zh = facts.licences, facts.licence_years, facts.names_zh
    known = {r["hospital_key"] for _, r in _read(shared / "hospitals.csv")}
    for file, path, curated in _inputs(shared, src, "hospital_observations.csv"):
        for line, r in _read(path):
            what = f"{r['hospital_key']} {r['indicator']} {r['organ']} {r['value']} {r['unit']}"
            if r["hospital_name_zh"] and r["hospital_key"] not in names_zh:
                names_zh[r["hospital_key"]] = r["hospital_name_zh"]
            raw_ind = r["indicator"]
            if raw_ind in EXCLUDED_INDICATORS:
                excluded.add(file, line, what, EXCLUDED_INDICATORS[raw_ind])
                continue
            indicator, factor, conv = INDICATOR_MAP.get(raw_ind, (raw_ind, 1.0, ""))
            if indicator == "transplants_in_period" and r["unit"].startswith("transplants/year"):
                indicator = "transplants_per_year"
            if indicator not in INDICATORS:
                excluded.add(file, line, what, "indicator not in the vocabulary")
                continue
            try:
                organs, organ_note = organs_for(r["organ"])
            except KeyError:
                excluded.add(file, line, what, f"organ '{r['organ']}' not in the vocabulary")
                continue
            if indicator == "approved_transplant_licence" and r["organ"] and ";" in r["organ"]:
                organs = sorted(
                    {o for o in (x.strip().replace("-", "_") for x in r["organ"].split(";")) if o}
                )
                organ_note = ""
            try:
                value = float(r["value"])
            except ValueError:
                excluded.add(file, line, what, "value is not a number")
                continue
            unit = INDICATORS[indicator].unit
            notes = [r["note"]]
            if factor != 1.0:
                stated_unit = conv.removesuffix("s") if r["value"] == "1" else conv
                notes.append(
                    f"stated as {r['value']} {stated_unit}, converted to days (x{factor:g})"
                )
                value *= factor
            if raw_ind != indicator and raw_ind not in ("wait_time_weeks", "wait_time_months"):
                notes.append(f"indicator stated as '{raw_ind}'")
            raw_unit = r["unit"]
            if indicator == "transplants_per_day_max":
                m = _PER_DAY_WINDOW.match(raw_unit)
                window = (m.group(1) or m.group(2)) if m else raw_unit
                if window and window != "day":
                    notes.append(f"window: {window} (unit stated as '{raw_unit}')")
            elif indicator == "transplants_per_day_capacity":
                pass
            elif indicator == "transplants_per_year":
                if raw_unit != "transplants/year":
                    notes.append(f"unit stated as '{raw_unit}'")
            elif (
                raw_unit not in (unit, "")
                and factor == 1.0
                and CANONICAL_SYNONYMS.get(raw_unit) != unit
            ):
                if indicator == "opo_organs_utilised" or (raw_unit == "kidneys"):
                    pass
                else:
                    notes.append(f"unit stated as '{raw_unit}'")
            elif raw_unit.startswith("rank ("):
                notes.append(f"rank stated as '{raw_unit}'")
            period = parse_period(r["period"])
            start, end, as_of = period.start, period.end, period.as_of
            if period.point:
                if indicator in FLOW_INDICATORS:
                    start = end = period.point
                else:
                    as_of = period.point
            if r["period"] and not period.clean:
                notes.append(f"period stated as '{r['period']}'")
            qualifier = qualifier_from(r["note"], raw_unit)
            if raw_unit == "rank (top N)":
                qualifier = "at_most"
            if indicator == "approved_transplant_licence" and value == 1.0:
                # flag 1 = holds the licence for this organ; 0 rows stay observations only
                facts.licensed_by_flag.add(r["hospital_key"])
                for organ in organs:
                    if organ:
                        licences.setdefault(r["hospital_key"], []).append(organ)
                # a licence year needs a dated grant for a named organ; 'as of' is only when stated
                if period.point and any(organs):
                    year = period.point[:4]
                    licence_years[r["hospital_key"]] = min(
                        year, licence_years.get(r["hospital_key"], year)
                    )
            if curated and r["hospital_key"] not in known:
                raise DataError(
                    file=file,
                    row=line,
                    field="hospital_key",
                    reason="no such hospital in hospitals.csv",
                    value=r["hospital_key"],
                    code="unknown-hospital",
                )
            if curated and r["source_url"]:
                sid = sources.resolve(r["source_url"], file, line, "source_url")
            else:
                sid = sources.add_cited(r["source_url"]) if r["source_url"] else ""
            if not sid:
                excluded.add(file, line, what, "no source URL")
                continue
            facts.first_source.setdefault(r["hospital_key"], sid)
            for organ in organs:
                oid = _hash(
                    "obs_",
                    r["hospital_key"],
                    raw_ind,
                    r["organ"],
                    organ,
                    r["value"],
                    r["unit"],
                    r["period"],
                    r["source_url"],
                    r["locator"],
                    r["note"],
                )
                if oid in seen_lines:
                    first_file, first_line = seen_lines[oid]
                    where = (
                        f"row {first_line}"
                        if first_file == file
                        else f"{first_file} row {first_line}"
                    )
                    excluded.add(file, line, what, f"exact duplicate of {where}")
                    continue
                seen_lines[oid] = (file, line)
                out.append(
                    {
                        "id": oid,
                        "hospital_id": r["hospital_key"],
                        "indicator": indicator,
                        "organ": organ,
                        "period_start": start,
                        "period_end": end,
                        "as_of": as_of,
                        "value": value,
                        "qualifier": qualifier,
                        "unit": unit,
                        "source_id": sid,
                        "locator": r["locator"],
                        "status": "extracted",
                        "note": _join(*notes, organ_note),
                        "bed_scope": "",
                    }
                )
    frame = pd.DataFrame(out, columns=COLUMNS["observations"])
    return frame, facts


def build_hospitals(
    shared: Path, sources: SourceBook, facts: HospitalFacts, excluded: Excluded
) -> pd.DataFrame:
    """Hospitals from hospitals.csv; licensed organs from approved_transplant_licence rows.

    The hospital's source is its profile page; a hospital without one takes the
    source of its first observation (which names it), or is left out.
    """
    file = "hospitals.csv"
    out = []
    for line, r in _read(shared / file):
        key = r["hospital_key"]
        hospital_note = ""
        if r["profile_url"]:
            title = (
                f"COHRC hospital profile: {r['name_en']}"
                if "chinaorganharvest" in r["profile_url"]
                else ""
            )
            sid = sources.add_cited(r["profile_url"], title=title)
        elif key in facts.first_source:
            sid = facts.first_source[key]
            hospital_note = (
                "no profile page; name and place as given by the source of its observations"
            )
        else:
            excluded.add(
                file, line, key, "no profile URL and no sourced observation: cannot be cited"
            )
            continue
        organs, others = [], []
        for o in r["organs_mentioned"].split(";"):
            o = o.strip().replace("-", "_")
            if o:
                (organs if o in ORGANS else others).append(o)
        flags = {"yes": True, "no": False}
        licensed = {"yes": "true", "no": "false"}.get(r["approved"], "unknown")
        if licensed == "unknown" and key in facts.licensed_by_flag:
            licensed = "true"
            hospital_note = _join(
                hospital_note, "licensed: from its approved_transplant_licence observations"
            )
        out.append(
            {
                "id": r["hospital_key"],
                "name_en": r["name_en"],
                "name_zh": facts.names_zh.get(key, ""),
                "province": r["province"],
                "city": r["city"],
                "military": flags[r["military"]],
                "licensed": licensed,
                "licensed_organs": ";".join(sorted(set(facts.licences.get(key, [])))),
                "licence_year": facts.licence_years.get(key, ""),
                "organs_mentioned": ";".join(sorted(set(organs))),
                "source_id": sid,
                "note": _join(
                    hospital_note,
                    "also mentioned (not in the organ vocabulary): "
                    + ", ".join(sorted(set(others)))
                    if others
                    else "",
                ),
                "aliases": "",
            }
        )
    return pd.DataFrame(out, columns=COLUMNS["hospitals"])


# --------------------------------------------------------------------------- bed scopes

BED_SCOPES_HEADER = ["observation_id", "hospital_id", "value", "indicator", "bed_scope", "reason"]


def apply_bed_scopes(observations: pd.DataFrame, src: Path) -> pd.DataFrame:
    """Give every bed figure its ``bed_scope`` from data-src/bed_scopes.csv.

    Each row names an observation (id, with its hospital and value as a check that the
    mapping is not stale), the scope and the reason read from the source's locator or
    note; ``indicator`` may correct a figure filed under the wrong bed indicator (said in
    note). A bed figure without a row gets ``unknown``; other figures get no scope.
    """
    path = src / "bed_scopes.csv"
    file = "data-src/bed_scopes.csv"
    mapping: dict[str, tuple[int, dict[str, str]]] = {}
    if path.is_file():
        _check_header(path, BED_SCOPES_HEADER)
        for line, r in _read(path):
            if r["observation_id"] in mapping:
                raise DataError(
                    file=file,
                    row=line,
                    field="observation_id",
                    reason=f"listed twice (first on row {mapping[r['observation_id']][0]})",
                    value=r["observation_id"],
                    code="duplicate-id",
                )
            mapping[r["observation_id"]] = (line, r)
    frame = observations.copy()
    by_id = {oid: i for i, oid in enumerate(frame["id"])}
    scopes = ["unknown" if ind in BED_INDICATORS else "" for ind in frame["indicator"]]
    indicators, notes = list(frame["indicator"]), list(frame["note"])
    for oid, (line, r) in mapping.items():
        i = by_id.get(oid)
        if i is None:
            raise DataError(
                file=file,
                row=line,
                field="observation_id",
                reason="no such observation (stale mapping: regenerate the row)",
                value=oid,
                code="unknown-observation",
            )
        if r["hospital_id"] != frame["hospital_id"].iat[i] or float(r["value"]) != float(
            frame["value"].iat[i]
        ):
            raise DataError(
                file=file,
                row=line,
                field="value",
                reason=(
                    f"observation is {frame['hospital_id'].iat[i]} "
                    f"{format_number(frame['value'].iat[i])}, not this"
                ),
                value=f"{r['hospital_id']} {r['value']}",
                code="stale-mapping",
            )
        problem = bed_scope_problem(r["indicator"], r["bed_scope"])
        if problem or r["indicator"] not in BED_INDICATORS or not r["reason"]:
            raise DataError(
                file=file,
                row=line,
                field="bed_scope",
                reason=problem or "needs a bed indicator and a reason",
                value=r["bed_scope"],
                code="bad-bed-scope",
            )
        extra = [f"bed scope {r['bed_scope']}: {r['reason']}"]
        if r["indicator"] != indicators[i]:
            extra.insert(0, f"filed as {indicators[i]}, corrected to {r['indicator']}")
            indicators[i] = r["indicator"]
        scopes[i] = r["bed_scope"]
        notes[i] = _join(notes[i], *extra)
    frame["indicator"], frame["bed_scope"], frame["note"] = indicators, scopes, notes
    return frame


# --------------------------------------------------------------------------- claims


def claimant_party(claimant: str) -> str:
    """Whose voice a claim is, from the claimant wording of national_figures.csv."""
    c = claimant.lower()
    if c.startswith("official"):
        return "chinese_official"
    # the voice is the claimant's, not the one citing it ("X as cited by Y")
    c = c.split(" as cited by ")[0]
    if re.search(r"\bcma\b|chinese medical association|cotrs|\bnhc\b", c):
        return "chinese_official"
    if c.startswith("hospital website"):
        return "hospital"
    if re.search(r"kilgour|gutmann|matas|cohrc|dafoh|woipfg|bloody harvest", c):
        return "investigators"
    if re.search(r"stoporganharvesting|minghui|clearwisdom|falun", c):
        return "falun_gong_affiliated"
    if re.search(r"\bcri\b|market", c):
        return "commercial"
    return "other"


def split_unit(unit: str) -> tuple[str, str]:
    """('transplants/yr (lower bound, 'over')') -> ('transplants/year', "lower bound, 'over'")."""
    m = re.match(r"^([^(]*)(?:\((.*)\))?(.*)$", unit)
    base, paren, rest = (
        (m.group(1) or "").strip(),
        (m.group(2) or "").strip(),
        (m.group(3) or "").strip(),
    )
    base = re.sub(r"/yr\b", "/year", base)
    return base or unit, _join(paren, rest.lstrip("; "))


def build_claims(shared: Path, src: Path, sources: SourceBook, excluded: Excluded) -> pd.DataFrame:
    """Claims from national_figures.csv (and data-src's)."""
    out = []
    for file, path, curated in _inputs(shared, src, "national_figures.csv"):
        for line, r in _read(path):
            what = f"{r['quantity']} {r['year_or_period']} {r['value_low']}-{r['value_high']}"
            try:
                low = float(r["value_low"])
                high = float(r["value_high"]) if r["value_high"] else None
            except ValueError:
                excluded.add(file, line, what, "value is not a number")
                continue
            unit, unit_note = split_unit(r["unit"])
            period = parse_period(r["year_or_period"])
            start = period.start or period.point
            end = period.end or period.point or period.as_of
            notes = [unit_note]
            if r["year_or_period"] and not period.clean:
                notes.append(f"period stated as '{r['year_or_period']}'")
            out.append(
                {
                    "id": _hash(
                        "clm_",
                        r["quantity"],
                        r["year_or_period"],
                        r["value_low"],
                        r["value_high"],
                        r["unit"],
                        r["claimant"],
                        r["source_url"],
                        r["locator"],
                    ),
                    "quantity": r["quantity"],
                    "claimant": r["claimant"],
                    "party": claimant_party(r["claimant"]),
                    "period_start": start,
                    "period_end": end,
                    "value_low": low,
                    "value_high": high if high is not None else pd.NA,
                    "unit": unit,
                    "qualifier": qualifier_from(r["unit"])
                    if high is None or high == low
                    else "exact",
                    "source_id": (
                        sources.resolve(r["source_url"], file, line, "source_url")
                        if curated
                        else sources.add_cited(r["source_url"])
                    ),
                    "locator": r["locator"],
                    "note": _join(*notes),
                }
            )
    return pd.DataFrame(out, columns=COLUMNS["claims"])


# --------------------------------------------------------------------------- official series

# Official series are named <base>_<measure>[_cumulative]. The base comes from the
# compiled dataset, the measure from the quantity once its modifiers are read off
# (cumulative_ prefix; _approx, _lower_bound, _alt, _as_worded, partial-year and
# as-of suffixes). Unknown datasets or measures are left out and listed.
DATASET_BASE: dict[str, str] = {
    "ext_national_deceased_donors": "national",
    "ext_national_transplants": "national",
    "robertson2019_table7_transplant_totals": "national",
    "ext_redcross_website_counter": "redcross_counter",
    "ext_redcross_donors": "redcross",
    "ext_redcross_registrations": "redcross",
    "ext_guangdong_redcross_donors": "guangdong_redcross",
}

# quantity core -> (measure, unit, note)
MEASURES: dict[str, tuple[str, str, str]] = {
    "deceased_donors": ("deceased_donors", "donors", ""),
    "deceased_donation_cases": ("deceased_donors", "donors", "stated as donation cases"),
    "donors": ("deceased_donors", "donors", ""),
    "donations": ("deceased_donors", "donors", "stated as donations"),
    "organ_donations": ("deceased_donors", "donors", "stated as organ donations (donors)"),
    "donors_per_million": ("deceased_donors_pmp", "donors per million population", ""),
    "organs_donated": ("organs_donated", "organs", ""),
    "major_organs_donated": ("organs_donated", "organs", "major organs"),
    "organs_procured": ("organs_donated", "organs", "stated as organs procured"),
    "organs": ("organs_donated", "organs", ""),
    "organs_transplanted": ("organs_transplanted", "organs", ""),
    "all_organs_transplanted": ("organs_transplanted", "organs", "all organs"),
    "transplants": ("transplants", "transplants", ""),
    "transplants_total": ("transplants", "transplants", "including living-donor transplants"),
    "transplants_incl_living": ("transplants", "transplants", "including living-donor transplants"),
    "transplants_pilot_first_year": ("transplants", "transplants", "first year of the pilot"),
    "kidney_and_liver_transplants": ("transplants_kidney_liver", "transplants", ""),
    "kidney_transplants": ("transplants_kidney", "transplants", ""),
    "liver_transplants": ("transplants_liver", "transplants", ""),
    "heart_transplants": ("transplants_heart", "transplants", ""),
    "lung_transplants": ("transplants_lung", "transplants", ""),
    "remainder": (
        "transplants_other_organs",
        "transplants",
        "derived by the authors: all organs minus kidney+liver, lung, heart",
    ),
    "living_related_donations": ("living_donors", "donors", "living related donors"),
    "donation_cases_total": ("donation_cases", "donation cases", "deceased and living donors"),
    "registered_donors": ("registered", "persons", "registered donors"),
    "registrations": ("registrations", "persons", ""),
    "new_registrations": ("registrations", "persons", "new registrations in the year"),
    "registrants_added": ("registrants_added_one_day", "persons", "registrations added in one day"),
}

_MON = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
_DATE_TOKEN = rf"(?:[0-9]{{1,2}}{_MON}(?:[0-9]{{4}})?|{_MON}[0-9]{{4}})"
_SERIES_PARTIAL = re.compile(
    rf"_((?:to|at)_?{_DATE_TOKEN}|{_DATE_TOKEN}|H1|Q1toQ3|partial_[0-9]{{4}}|Jan_Nov)$"
)
_SERIES_SPAN = re.compile(r"_([0-9]{4})_to_([0-9]{4})$")


def map_series(
    dataset: str, quantity: str, unit_text: str
) -> tuple[str, str, str, bool, str] | None:
    """(series, unit, qualifier, partial_year, note) for a compiled row, or None if unknown.

    The qualifier comes from the quantity's suffix (``_approx``, ``_lower_bound``)
    or else from the unit's wording; a row is a partial year when the quantity or
    unit says so (``_to_16Nov``, ``_Q1toQ3``, ``_H1``, '(partial year')) and it is
    not a running total (for which the date is the as-of date, kept in note).
    """
    base = DATASET_BASE.get(dataset)
    if base is None:
        return None
    q = quantity
    notes: list[str] = []
    cumulative = q.startswith("cumulative_") or bool(re.search(r"\(cumulative\b", unit_text))
    if q.startswith("cumulative_"):
        q = q.removeprefix("cumulative_")
    qualifier = ""
    partial = False
    changed = True
    while changed:
        changed = False
        for suffix, effect in (
            ("_approx", "approx"),
            ("_lower_bound", "at_least"),
            ("_alt", "alt"),
            ("_as_worded", "worded"),
        ):
            if q.endswith(suffix):
                q = q.removesuffix(suffix)
                changed = True
                if effect in ("approx", "at_least"):
                    qualifier = effect
                elif effect == "alt":
                    notes.append("second source for the year")
                else:
                    notes.append("as worded: annual or cumulative unclear")
        m = _SERIES_SPAN.search(q) or _SERIES_PARTIAL.search(q)
        if m:
            q = q[: m.start()]
            changed = True
            if cumulative:
                notes.append(f"running total, {m.group(0).strip('_').replace('_', ' ')}")
            else:
                partial = True
                notes.append(f"part of the year: {m.group(0).strip('_').replace('_', ' ')}")
    measure = MEASURES.get(q)
    if measure is None:
        return None
    name, unit, note = measure
    if "partial year" in unit_text and not cumulative:
        partial = True
    if "one-day" in unit_text or name == "registrants_added_one_day":
        partial = True
    if not qualifier:
        qualifier = qualifier_from(unit_text.replace("partial year", ""))
    if base == "guangdong_redcross" and name == "deceased_donors":
        name = "donors"  # historical series name, kept stable
    if base == "redcross_counter" and name == "deceased_donors":
        name = "donors"
    series = f"{base}_{name}" + ("_cumulative" if cumulative else "")
    return series, unit, qualifier, partial, _join(note, *notes)


def build_official(
    shared: Path, src: Path, sources: SourceBook, excluded: Excluded
) -> pd.DataFrame:
    """Official series from the compiled sheets and from data-src/official_series.csv."""
    out = []
    inputs = [
        ("official_series_reported.csv", shared / "official_series_reported.csv"),
        ("official_2016_totals.csv", shared / "official_2016_totals.csv"),
        *_optional_shared(shared, "official_series_additions.csv"),
    ]
    curated = src / "official_series.csv"
    if curated.is_file():
        _check_header(curated, OFFICIAL_HEADER)
        inputs.append(("data-src/official_series.csv", curated))
    for file, path in inputs:
        for line, r in _read(path):
            what = f"{r['dataset']} {r['year']} {r['quantity']} {r['value']}"
            mapped = map_series(r["dataset"], r["quantity"], r["unit"])
            if mapped is None:
                excluded.add(file, line, what, "no series for this dataset/quantity")
                continue
            series, unit, qualifier, partial, note = mapped
            if not r["source_url"]:
                raise DataError(
                    file=file,
                    row=line,
                    field="source_url",
                    reason="every figure needs a source",
                    code="missing-source-id",
                )
            try:
                year, value = int(r["year"]), float(r["value"])
            except ValueError as exc:
                raise DataError(
                    file=file,
                    row=line,
                    field="year/value",
                    reason="not a number",
                    code="bad-number",
                ) from exc
            sid = (
                sources.resolve(r["source_url"], file, line, "source_url")
                if file.startswith("data-src")
                else sources.add_cited(r["source_url"])
            )
            out.append(
                {
                    "id": _hash(
                        "off_",
                        file.removeprefix("data-src/"),
                        r["dataset"],
                        r["year"],
                        r["quantity"],
                        r["value"],
                        r["source_url"],
                        r["locator"],
                    ),
                    "series": series,
                    "year": year,
                    "value": value,
                    "unit": unit,
                    "qualifier": qualifier,
                    "partial_year": partial,
                    "source_id": sid,
                    "locator": r["locator"],
                    "note": _join(
                        note,
                        f"unit stated as '{r['unit']}'" if r["unit"] != unit else "",
                        f"quantity '{r['quantity']}'",
                        "from data-src/official_series.csv" if file.startswith("data-src") else "",
                    ),
                    "derived": False,
                }
            )
    return pd.DataFrame(out, columns=COLUMNS["official_series"])


OPTIONAL_SHARED = "official_series_additions.csv"
"""A compiled sheet added later to SHARED (same header as official_series_reported.csv)."""


def _optional_shared(shared: Path, name: str) -> list[tuple[str, Path]]:
    path = shared / name
    return [(name, path)] if path.is_file() else []


DERIVED_HEADER = ["series", "year", "total_id", "minus_ids", "qualifier", "note"]


def build_derived(official: pd.DataFrame, src: Path) -> pd.DataFrame:
    """Add the derived rows of data-src/derived_series.csv: a total minus stated years.

    A derived value is stated nowhere: it is ``total - sum(terms)`` over rows already in
    the frame (named by id, so the arithmetic is checkable), with ``derived`` true, the
    arithmetic and the terms' sources in ``note``, and the total's source and locator.
    """
    path = src / "derived_series.csv"
    if not path.is_file():
        return official
    _check_header(path, DERIVED_HEADER)
    file = "data-src/derived_series.csv"
    by_id = official.set_index("id")
    out = []
    for line, r in _read(path):
        ids = [r["total_id"], *(x.strip() for x in r["minus_ids"].split(";") if x.strip())]
        for column, oid in [("total_id", ids[0])] + [("minus_ids", i) for i in ids[1:]]:
            if oid not in by_id.index:
                raise DataError(
                    file=file,
                    row=line,
                    field=column,
                    reason="no official_series row with this id",
                    value=oid,
                    code="unknown-id",
                )
        total, terms = by_id.loc[ids[0]], [by_id.loc[i] for i in ids[1:]]
        value = float(total["value"]) - sum(float(t["value"]) for t in terms)
        if value < 0:
            raise DataError(
                file=file, row=line, reason="the terms exceed the total", code="negative-value"
            )
        arithmetic = " - ".join(
            [f"{format_number(total['value'])} ({total['series']} {ids[0]})"]
            + [
                f"{format_number(t['value'])} ({t['year']}, {i})"
                for t, i in zip(terms, ids[1:], strict=True)
            ]
        )
        out.append(
            {
                "id": _hash("off_", "derived", r["series"], r["year"], *ids),
                "series": r["series"],
                "year": int(r["year"]),
                "value": value,
                "unit": total["unit"],
                "qualifier": r["qualifier"] or "exact",
                "partial_year": False,
                "source_id": total["source_id"],
                "locator": total["locator"],
                "note": _join(
                    f"derived, not stated: {arithmetic} = {format_number(value)}", r["note"]
                ),
                "derived": True,
            }
        )
    return pd.concat([official, pd.DataFrame(out, columns=official.columns)], ignore_index=True)


# ------------------------------------------------------------------ curated inputs from data-src


def _check_header(path: Path, expected: list[str]) -> None:
    with path.open(encoding="utf-8", newline="") as handle:
        header = next(csv.reader(handle), [])
    if header != expected:
        raise DataError(
            file=str(path),
            row=1,
            reason=f"header must be {','.join(expected)}",
            value=",".join(header),
            code="bad-header",
        )


def build_assumptions(src: Path, sources: SourceBook) -> pd.DataFrame:
    path = src / "assumptions.csv"
    out = []
    if path.is_file():
        _check_header(path, ASSUMPTIONS_HEADER)
        for line, r in _read(path):
            urls = [u.strip() for u in r["source_urls"].split(";") if u.strip()]
            if not urls:
                raise DataError(
                    file=str(path),
                    row=line,
                    field="source_urls",
                    reason="every assumption needs a source",
                    code="missing-source-id",
                )
            ids = sorted({sources.resolve(u, str(path), line, "source_urls") for u in urls})
            row = {c: r[c] for c in COLUMNS["assumptions"] if c != "source_ids"}
            for c in ("low", "mode", "high"):
                if row[c]:
                    try:
                        row[c] = float(row[c])
                    except ValueError as exc:
                        raise DataError(
                            file=str(path),
                            row=line,
                            field=c,
                            reason="not a number",
                            value=row[c],
                            code="bad-number",
                        ) from exc
            row["source_ids"] = ";".join(ids)
            out.append(row)
    return pd.DataFrame(out, columns=COLUMNS["assumptions"])


def build_reference(src: Path, sources: SourceBook) -> pd.DataFrame:
    path = src / "reference_series.csv"
    out = []
    if path.is_file():
        _check_header(path, REFERENCE_HEADER)
        for line, r in _read(path):
            if not r["source_url"]:
                raise DataError(
                    file=str(path),
                    row=line,
                    field="source_url",
                    reason="every figure needs a source",
                    code="missing-source-id",
                )
            try:
                value = float(r["value"])
                year = int(r["year"])
            except ValueError as exc:
                raise DataError(
                    file=str(path),
                    row=line,
                    field="value/year",
                    reason="not a number",
                    code="bad-number",
                ) from exc
            out.append(
                {
                    "id": _hash(
                        "ref_",
                        r["country"],
                        r["series"],
                        r["year"],
                        r["value"],
                        r["source_url"],
                        r["locator"],
                    ),
                    "country": r["country"],
                    "series": r["series"],
                    "year": year,
                    "value": value,
                    "unit": r["unit"],
                    "source_id": sources.resolve(r["source_url"], str(path), line, "source_url"),
                    "locator": r["locator"],
                    "note": r["note"],
                }
            )
    return pd.DataFrame(out, columns=COLUMNS["reference_series"])


# --------------------------------------------------------------------------- gathered evidence
# data-src/gathered/*.csv: sources, hospitals, figures and licence-list entries gathered
# through capture -> extract -> review. Each file is optional; each row is checked and a bad
# one stops the build with file, row, field and reason.

_DATE_RE = re.compile(r"^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$")
_BOOL = {"true": True, "false": False}


def _refuse(file: str, line: int, field: str, reason: str, value: str = "", code: str = "") -> None:
    raise DataError(
        file=file, row=line, field=field, reason=reason, value=value, code=code or "bad-value"
    )


def _gathered_rows(src: Path, name: str) -> tuple[str, list[tuple[int, dict[str, str]]]]:
    path = src / "gathered" / f"{name}.csv"
    if not path.is_file():
        return f"data-src/gathered/{name}.csv", []
    _check_header(path, GATHERED_COLUMNS[name])
    return f"data-src/gathered/{name}.csv", _read(path)


def _check_enum(file: str, line: int, row: dict[str, str], field: str, allowed: object) -> None:
    value = row[field]
    if value and value not in allowed:  # type: ignore[operator]
        _refuse(file, line, field, f"not in the vocabulary ({field})", value, f"unknown-{field}")


def _date_problem(text: str) -> str:
    """Why ``text`` is not a partial ISO date of the calendar ('' when it is one)."""
    if not _DATE_RE.match(text):
        return "not a date (YYYY, YYYY-MM or YYYY-MM-DD)"
    if len(text) == 10:
        try:
            dt.date.fromisoformat(text)
        except ValueError:
            return "not a day of the calendar"
    return ""


def _check_dates(file: str, line: int, row: dict[str, str], *fields: str) -> None:
    for f in fields:
        problem = _date_problem(row[f]) if row[f] else ""
        if problem:
            _refuse(file, line, f, problem, row[f], "bad-date")


def add_gathered_sources(src: Path, sources: SourceBook) -> None:
    """Sources of gathered figures: a captured page's metadata and digest win over a guess."""
    file, rows = _gathered_rows(src, "sources")
    for line, r in rows:
        if not r["url"]:
            _refuse(file, line, "url", "a URL is required", code="missing-value")
        _check_enum(file, line, r, "party", SOURCE_PARTIES)
        _check_enum(file, line, r, "kind", SOURCE_KINDS)
        _check_dates(file, line, r, "published", "retrieved")
        if r["digest"] and not re.fullmatch(r"sha256:[0-9a-f]{64}", r["digest"]):
            _refuse(file, line, "digest", "must be sha256:<64 hex digits>", r["digest"])
        language = r["language"].split("-")[0].lower()  # BCP 47 zh-Hans -> ISO 639-1 zh
        if language and not re.fullmatch(r"[a-z]{2}", language):
            _refuse(file, line, "language", "an ISO 639-1 code such as zh or en", r["language"])
        sid = sources.add_cited(r["url"])
        row = sources.rows[sid]
        for column in ("title", "publisher", "party", "published", "retrieved"):
            row[column] = r[column] or row[column]
        row["language"] = language or row["language"]
        if r["language"] and r["language"] != language:
            row["note"] = _join(row["note"], f"language tag {r['language']}")
        row["kind"] = r["kind"] or row["kind"]
        if r["digest"]:
            if row["digest"] and row["digest"] != r["digest"]:
                row["note"] = _join(row["note"], f"also captured with digest {r['digest']}")
            else:
                row["digest"] = r["digest"]
        row["note"] = _join(row["note"], r["note"]) if r["note"] not in row["note"] else row["note"]
        sources.curated.add(sid)


# --------------------------------------------------------------------------- source dates

SOURCE_DATES_HEADER = [
    "url",
    "published",
    "kind_of_date",
    "evidence",
    "locator",
    "found_via",
    "looked_up",
]
DATE_KINDS = ("published", "updated", "online")
"""What the date read on a page is: a publication date or dateline, a "Last updated" line,
or a journal's "Published online" / "First online" date."""
URL_PATH_LOCATOR = "URL path"
"""Locator of a date read from the URL path itself (a full date only), not from a page."""
NOTE_FROM_PAGE = "published date read from the stored copy"
NOTE_FROM_PATH = "published date read from the URL path"
"""How a source's note says the overlay dated it; the counts block counts these notes."""


def read_source_dates(path: Path, sources: SourceBook) -> list[tuple[int, dict[str, str]]]:
    """Rows of data-src/source_dates.csv, each checked; the first bad one raises DataError.

    A row with ``published`` records a date read on the stored copy of a source (or, with
    locator ``URL path``, a full date the URL path itself carries); a row without one
    records a look-up that found no stored copy or no date on it.
    """
    _check_header(path, SOURCE_DATES_HEADER)
    file = f"data-src/{path.name}"
    seen: dict[str, int] = {}
    rows = _read(path)
    for line, r in rows:
        if not r["url"]:
            _refuse(file, line, "url", "a URL is required", code="missing-value")
        if source_id(r["url"]) not in sources.rows:
            _refuse(
                file,
                line,
                "url",
                "not the URL of any source (write it exactly as in sources.csv)",
                r["url"],
                "unknown-source-url",
            )
        if r["url"] in seen:
            _refuse(file, line, "url", f"repeats row {seen[r['url']]}", r["url"], "duplicate-id")
        seen[r["url"]] = line
        _check_dates(file, line, r, "looked_up", "published")
        if len(r["looked_up"]) != 10:
            _refuse(file, line, "looked_up", "the day of the look-up (YYYY-MM-DD)", r["looked_up"])
        if r["published"]:
            _check_dated_row(file, line, r)
        elif r["kind_of_date"] or r["evidence"]:
            _refuse(file, line, "published", "kind_of_date or evidence given without a date")
    return rows


def _check_dated_row(file: str, line: int, r: dict[str, str]) -> None:
    if r["published"] > r["looked_up"]:
        _refuse(file, line, "published", "after the day it was looked up", r["published"])
    if r["kind_of_date"] not in DATE_KINDS:
        _refuse(
            file,
            line,
            "kind_of_date",
            f"must be one of {', '.join(DATE_KINDS)}",
            r["kind_of_date"],
        )
    for column in ("evidence", "locator"):
        if not r[column]:
            _refuse(file, line, column, "required with a date", code="missing-value")
    if len(r["evidence"]) > 200 or "\n" in r["evidence"]:
        _refuse(file, line, "evidence", "at most one short sentence (200 characters)")
    if r["locator"] == URL_PATH_LOCATOR:
        if r["evidence"] not in urllib.parse.urlsplit(r["url"]).path:
            _refuse(file, line, "evidence", "a URL-path date must quote the path", r["evidence"])
    elif not r["found_via"]:
        _refuse(
            file, line, "found_via", "the stored copy's address is required", code="missing-value"
        )


def apply_source_dates(src: Path, sources: SourceBook) -> None:
    """Fill empty ``published`` cells from data-src/source_dates.csv (if there is one).

    A source that already has a different date is an error (row, field ``published``),
    never overwritten; the same date is left as it is.
    """
    path = src / "source_dates.csv"
    if not path.is_file():
        return
    for line, r in read_source_dates(path, sources):
        if not r["published"]:
            continue
        row = sources.rows[source_id(r["url"])]
        if row["published"] and row["published"] != r["published"]:
            _refuse(
                f"data-src/{path.name}",
                line,
                "published",
                f"conflicts with {row['published']} already stated for {row['id']}",
                r["published"],
                "conflict",
            )
        if row["published"]:
            continue
        row["published"] = r["published"]
        if r["locator"] == URL_PATH_LOCATOR:
            said = f"{NOTE_FROM_PATH} ({r['evidence']})"
        else:
            said = f"{NOTE_FROM_PAGE} ({r['kind_of_date']}, {r['locator']})"
        row["note"] = _join(row["note"], said)


@dataclass
class Gathered:
    """Gathered rows, checked, keyed to canonical hospital ids."""

    hospitals: dict[str, dict[str, str]] = field(default_factory=dict)
    aliases: dict[str, str] = field(default_factory=dict)
    observations: list[dict[str, object]] = field(default_factory=list)
    licences: list[dict[str, object]] = field(default_factory=list)


ALIASES_HEADER = ["hospital_id", "alias", "source_url", "locator", "note"]


def apply_aliases(hospitals: pd.DataFrame, src: Path, sources: SourceBook) -> pd.DataFrame:
    """Add the sourced other names and keys of data-src/hospital_aliases.csv to ``aliases``.

    A renamed, renumbered or merged hospital stays one row; its former keys then also
    resolve gathered rows to it. Each alias needs a source and must not be another row's id.
    """
    path = src / "hospital_aliases.csv"
    if not path.is_file():
        return hospitals
    _check_header(path, ALIASES_HEADER)
    file = "data-src/hospital_aliases.csv"
    frame = hospitals.copy()
    ids = list(frame["id"])
    aliases = {
        i: [a for a in str(v or "").split(";") if a]
        for i, v in zip(ids, frame["aliases"], strict=True)
    }
    for line, r in _read(path):
        if r["hospital_id"] not in aliases:
            _refuse(
                file, line, "hospital_id", "no such hospital", r["hospital_id"], "unknown-hospital"
            )
        if not r["alias"] or r["alias"] in aliases:
            _refuse(file, line, "alias", "empty, or the id of another hospital row", r["alias"])
        sources.resolve(r["source_url"], file, line, "source_url")
        if r["alias"] not in aliases[r["hospital_id"]]:
            aliases[r["hospital_id"]].append(r["alias"])
    frame["aliases"] = [";".join(aliases[i]) for i in ids]
    return frame


def read_gathered_hospitals(src: Path, known: dict[str, str]) -> Gathered:
    """Hospitals of data-src/gathered/hospitals.csv, merged with known ones by key or alias.

    ``known`` maps every existing hospital id and alias to its id. A gathered key that is an
    existing id adds to that row (aliases, Chinese name); a gathered key whose alias is an
    existing id becomes an alias of it, so one hospital stays one row.
    """
    file, rows = _gathered_rows(src, "hospitals")
    out = Gathered(aliases=dict(known))
    for line, r in rows:
        key = r["hospital_key"]
        if not re.fullmatch(r"[a-z0-9_]+", key):
            _refuse(file, line, "hospital_key", "use lower-case letters, digits and _", key)
        if r["military"] not in _BOOL:
            _refuse(file, line, "military", "must be 'true' or 'false'", r["military"])
        if not r["name_en"]:
            _refuse(file, line, "name_en", "an English name is required", code="missing-value")
        names = [a.strip() for a in r["aliases"].split(";") if a.strip()]
        target = out.aliases.get(key) or next(
            (out.aliases[a] for a in names if a in out.aliases), key
        )
        row = out.hospitals.setdefault(target, {**r, "hospital_key": target, "aliases": ""})
        if row is not r and target == key and row["name_en"] != r["name_en"]:
            row["note"] = _join(row["note"], f"also named '{r['name_en']}' (row {line})")
        merged = [a for a in row["aliases"].split(";") if a]
        for alias in [key, *names]:
            if alias != target and alias not in merged:
                merged.append(alias)
        row["aliases"] = ";".join(merged)
        row["line"] = str(line)
        for alias in [key, *names]:
            out.aliases[alias] = target
    return out


def read_gathered_rows(
    src: Path, sources: SourceBook, gathered: Gathered, excluded: Excluded
) -> None:
    """Observations and licence-list rows of data-src/gathered, checked and de-duplicated.

    A row repeating an earlier one (same figure, same source and locator) is merged into
    it and listed in EXCLUDED.csv; different figures for the same thing are all kept.
    """
    file, rows = _gathered_rows(src, "observations")
    seen: dict[str, int] = {}
    for line, r in rows:
        hid = _gathered_hospital(file, line, r["hospital_key"], gathered)
        ind = INDICATORS.get(r["indicator"])
        if ind is None:
            _refuse(file, line, "indicator", "not in the vocabulary", r["indicator"])
        if r["unit"] != ind.unit:
            _refuse(file, line, "unit", f"the unit of {ind.name} is '{ind.unit}'", r["unit"])
        _check_enum(file, line, r, "organ", ORGANS)
        _check_enum(file, line, r, "qualifier", [q.value for q in Qualifier])
        _check_enum(file, line, r, "status", [s.value for s in Status])
        _check_dates(file, line, r, "period_start", "period_end", "as_of")
        if (problem := bed_scope_problem(r["indicator"], r["bed_scope"])) is not None:
            _refuse(file, line, "bed_scope", problem, r["bed_scope"], "bad-bed-scope")
        value = _gathered_number(file, line, r["value"])
        if not r["locator"]:
            _refuse(file, line, "locator", "say where in the source", code="missing-value")
        sid = sources.resolve(r["source_url"], file, line, "source_url")
        key = (hid, r["indicator"], r["organ"], r["period_start"], r["period_end"], r["as_of"])
        oid = _hash("obs_", "gathered", *key, r["value"], r["qualifier"], sid, r["locator"])
        if oid in seen:  # the same figure from the same place: one row
            what = f"{hid} {r['indicator']} {r['organ']} {r['value']}"
            excluded.add(file, line, what, f"duplicate of row {seen[oid]}, merged")
            continue
        seen[oid] = line
        gathered.observations.append(
            {
                "id": oid,
                "hospital_id": hid,
                "indicator": r["indicator"],
                "organ": r["organ"],
                "period_start": r["period_start"],
                "period_end": r["period_end"],
                "as_of": r["as_of"],
                "value": value,
                "qualifier": r["qualifier"] or "exact",
                "unit": r["unit"],
                "source_id": sid,
                "locator": r["locator"],
                "status": r["status"] or "extracted",
                "note": r["note"],
                "bed_scope": r["bed_scope"],
            }
        )
    file, rows = _gathered_rows(src, "licences")
    seen = {}
    for line, r in rows:
        hid = _gathered_hospital(file, line, r["hospital_key"], gathered)
        _check_enum(file, line, r, "organ", ORGANS)
        if r["licensed"] not in _BOOL:
            _refuse(file, line, "licensed", "must be 'true' or 'false'", r["licensed"])
        if not r["list_name"]:
            _refuse(file, line, "list_name", "name the published list", code="missing-value")
        if r["list_year"] and not re.fullmatch(r"(19|20)[0-9]{2}", r["list_year"]):
            _refuse(file, line, "list_year", "a year like 2007", r["list_year"])
        sid = sources.resolve(r["source_url"], file, line, "source_url")
        lid = _hash("lic_", hid, r["organ"], r["list_name"], r["list_year"], r["licensed"], sid)
        if lid in seen:
            what = f"{hid} {r['organ']} {r['list_name']} {r['list_year']}"
            excluded.add(file, line, what, f"duplicate of row {seen[lid]}, merged")
            continue
        seen[lid] = line
        gathered.licences.append(
            {
                "id": lid,
                "hospital_id": hid,
                "organ": r["organ"],
                "list_name": r["list_name"],
                "list_year": int(r["list_year"]) if r["list_year"] else pd.NA,
                "licensed": _BOOL[r["licensed"]],
                "source_id": sid,
                "locator": r["locator"],
                "note": r["note"],
            }
        )


def _gathered_hospital(file: str, line: int, key: str, gathered: Gathered) -> str:
    hid = gathered.aliases.get(key)
    if hid is None:
        _refuse(
            file,
            line,
            "hospital_key",
            "no such hospital (add it to data-src/gathered/hospitals.csv)",
            key,
            "unknown-hospital",
        )
    return hid  # type: ignore[return-value]


def _gathered_number(file: str, line: int, text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not math.isfinite(value):
        _refuse(file, line, "value", "not a number", text, "bad-number")
    return value


def merge_gathered(
    hospitals: pd.DataFrame, observations: pd.DataFrame, gathered: Gathered
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Hospitals with gathered rows and licence summaries, all observations, the licences."""
    licences = pd.DataFrame(gathered.licences, columns=COLUMNS["licences"])
    first_source: dict[str, str] = {}
    for row in [*gathered.observations, *gathered.licences]:
        first_source.setdefault(str(row["hospital_id"]), str(row["source_id"]))
    rows = {r["id"]: dict(r) for r in hospitals.to_dict("records")}
    for hid, g in sorted(gathered.hospitals.items()):
        row = rows.get(hid)
        if row is None:
            if hid not in first_source:
                _refuse(
                    "data-src/gathered/hospitals.csv",
                    int(g["line"]),
                    "hospital_key",
                    "no gathered figure or licence row cites this hospital: it has no source",
                    hid,
                    "missing-source-id",
                )
            row = rows[hid] = {
                "id": hid,
                "name_en": g["name_en"],
                "name_zh": g["name_zh"],
                "province": g["province"],
                "city": g["city"],
                "military": _BOOL[g["military"]],
                "licensed": "unknown",
                "licensed_organs": "",
                "licence_year": "",
                "organs_mentioned": "",
                "source_id": first_source[hid],
                "note": _join("gathered; source: its first gathered figure", g["note"]),
                "aliases": "",
            }
        row["name_zh"] = row["name_zh"] or g["name_zh"]
        old = [a for a in str(row["aliases"] or "").split(";") if a]
        row["aliases"] = ";".join(old + [a for a in g["aliases"].split(";") if a not in old])
    for row in rows.values():
        summarise_licences(row, licences[licences["hospital_id"] == row["id"]])
    frame = pd.DataFrame(list(rows.values()), columns=COLUMNS["hospitals"])
    obs = pd.concat(
        [observations, pd.DataFrame(gathered.observations, columns=COLUMNS["observations"])],
        ignore_index=True,
    )
    return frame, obs, licences


def summarise_licences(row: dict[str, object], licences: pd.DataFrame) -> None:
    """``licensed`` from the hospital's list entries: on a list -> true; absent from every
    list that should include it -> false; no list entry -> as before (else unknown)."""
    if licences.empty:
        return
    held = licences[licences["licensed"].astype(bool)]
    if not held.empty:
        row["licensed"] = "true"
        organs = {o for o in str(row["licensed_organs"] or "").split(";") if o}
        organs |= {o for o in held["organ"] if o}
        row["licensed_organs"] = ";".join(sorted(organs))
        years = [int(y) for y in held["list_year"] if not pd.isna(y)]
        if years and row["licence_year"] == "":
            row["licence_year"] = min(years)
    else:
        row["licensed"] = "false"


# --------------------------------------------------------------------------- main


def _godt() -> ModuleType:
    """The GODT build step, tools/godt.py (loaded by path: tools/ is not a package)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("godt", Path(__file__).with_name("godt.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


SEMVER = re.compile(r"(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)")
"""MAJOR.MINOR.PATCH (semver 2.0.0 without pre-release or build metadata)."""


def package_version(src: Path) -> str:
    """The release of the package, from ``data-src/VERSION`` (one line); "" without that file.

    Written to datapackage.json as ``version``. Bump it before a release, as docs/data.md
    says (``tools/data_changelog.py`` suggests the level from what changed).
    """
    path = src / "VERSION"
    if not path.is_file():
        return ""
    text = path.read_text("utf-8").strip()
    if not SEMVER.fullmatch(text):
        raise DataError(
            file=str(path),
            row=1,
            field="version",
            value=text,
            reason="not a semantic version MAJOR.MINOR.PATCH (e.g. 1.2.0)",
            code=codes.BadValue,
        )
    return text


def build(shared: Path, src: Path) -> tuple[Evidence, list[dict[str, str]]]:
    """Everything in memory: the evidence and the excluded rows (nothing written)."""
    if not shared.is_dir():
        raise DataError(
            file=str(shared), reason="shared data folder not found (use --shared)", code="no-input"
        )
    sources = SourceBook()
    own = src / "publishers.csv"
    sources.publishers = load_publishers(own if own.is_file() else DEFAULT_SRC / "publishers.csv")
    excluded = Excluded()
    # every URL cited anywhere in SHARED becomes a source, so curated files can cite them
    for file, column in (
        ("hospitals.csv", "profile_url"),
        ("hospital_observations.csv", "source_url"),
        ("national_figures.csv", "source_url"),
        ("official_series_reported.csv", "source_url"),
        ("official_2016_totals.csv", "source_url"),
        *[(name, "source_url") for name, _ in _optional_shared(shared, OPTIONAL_SHARED)],
        ("model_parameters.csv", "source_url"),
        ("parameters_matching_tourism.csv", "source_url"),
    ):
        path = shared / file
        if not path.is_file():
            raise DataError(file=str(path), reason="input file missing", code="no-input")
        for line, r in _read(path):
            if r[column]:
                if file == "hospitals.csv" and "chinaorganharvest" in r[column]:
                    sources.add_cited(r[column], title=f"COHRC hospital profile: {r['name_en']}")
                else:
                    sources.add_cited(r[column])
                sources.note_locator(r[column], r.get("locator", ""))
            elif file != "hospitals.csv":
                excluded.add(
                    file, line, ",".join(list(r.values())[:3]), f"no {column}: cannot be cited"
                )
    extra = src / "extra_sources.csv"
    if extra.is_file():
        _check_header(extra, EXTRA_SOURCES_HEADER)
        for line, r in _read(extra):
            sources.add_extra(str(extra), line, r)
    add_gathered_sources(src, sources)
    sources.apply_locator_dates()
    apply_source_dates(src, sources)
    observations, facts = build_observations(shared, src, sources, excluded)
    observations = apply_bed_scopes(observations, src)
    hospitals = build_hospitals(shared, sources, facts, excluded)
    hospitals = apply_aliases(hospitals, src, sources)
    known = {h: h for h in hospitals["id"]}
    for h, names in zip(hospitals["id"], hospitals["aliases"], strict=True):
        known.update({a: h for a in str(names or "").split(";") if a})
    gathered = read_gathered_hospitals(src, known)
    read_gathered_rows(src, sources, gathered, excluded)
    hospitals, observations, licences = merge_gathered(hospitals, observations, gathered)
    claims = build_claims(shared, src, sources, excluded)
    official = build_derived(build_official(shared, src, sources, excluded), src)
    assumptions = build_assumptions(src, sources)
    reference = build_reference(src, sources)
    godt_rows = _godt().godt_reference_rows(shared, src, sources.resolve, _hash)
    if godt_rows:
        reference = pd.concat([reference, pd.DataFrame(godt_rows)], ignore_index=True)
    source_frame = pd.DataFrame(
        sorted(sources.rows.values(), key=lambda r: r["id"]), columns=COLUMNS["sources"]
    )
    evidence = Evidence(
        sources=source_frame,
        hospitals=hospitals,
        observations=observations,
        official_series=official,
        claims=claims,
        assumptions=assumptions,
        reference_series=reference,
        licences=licences,
        version=package_version(src),
    )
    rows = sorted(excluded.rows, key=lambda r: (r["file"], int(r["row"]), r["what"]))
    return evidence, rows


COUNTS_START = "<!-- counts:start (written by tools/build_data_package.py) -->"
COUNTS_END = "<!-- counts:end -->"


def counts_markdown(
    evidence: Evidence, excluded: list[dict[str, str]], looked_up: list[dict[str, str]] = ()
) -> str:
    """The counts section of docs/data.md, from the built evidence (no hand-typed numbers).

    ``looked_up`` are the rows of data-src/source_dates.csv, summarised in one line.
    """
    obs, hosp, src = evidence.observations, evidence.hospitals, evidence.sources
    licensed = hosp["licensed"].map({"true": "yes", "false": "no"}).fillna("not known")
    lic = licensed.value_counts()
    n_extra = int(src["note"].fillna("").ne("").sum())
    left = [r for r in excluded if r["file"] == "hospital_observations.csv"]
    ref = evidence.reference_series

    def vc(series: pd.Series) -> str:
        counts = series.value_counts()
        return ", ".join(
            f"{k} {v}" for k, v in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        )

    rows = [
        (
            "sources",
            len(src),
            "every URL cited in `../shared/data` plus `data-src/extra_sources.csv`",
        ),
        (
            "hospitals",
            len(hosp),
            f"{int(hosp['military'].astype(bool).sum())} military; licensed: "
            f"{lic.get('yes', 0)} yes, {lic.get('no', 0)} no, {lic.get('not known', 0)} not known",
        ),
        (
            "observations",
            len(obs),
            f"{obs['hospital_id'].nunique()} hospitals, {obs['indicator'].nunique()} indicators; "
            f"{len(left)} rows of `hospital_observations.csv` left out",
        ),
        (
            "official_series",
            len(evidence.official_series),
            f"{evidence.official_series['series'].nunique()} series",
        ),
        ("claims", len(evidence.claims), "every row of `national_figures.csv`"),
        ("assumptions", len(evidence.assumptions), "`data-src/assumptions.csv`"),
        (
            "reference_series",
            len(ref),
            f"`data-src/reference_series.csv` and the GODT table: "
            f"{ref['country'].nunique()} countries, "
            f"{ref['series'].nunique()} series",
        ),
        (
            "licences",
            len(evidence.licences),
            f"`data-src/gathered/licences.csv`: {evidence.licences['hospital_id'].nunique()} "
            f"hospitals, {evidence.licences['list_name'].nunique()} lists",
        ),
    ]
    lines = [COUNTS_START, "", "| resource | rows | notes |", "|---|---|---|"]
    lines += [f"| `{name}` | {n} | {what} |" for name, n, what in rows]
    lines += [
        "",
        f"Observations by qualifier: {vc(obs['qualifier'])}. By status: {vc(obs['status'])}.",
        f"Sources by party: {vc(src['party'])}. By kind: {vc(src['kind'])}.",
        f"Sources with a note (curated, or dated from a locator or a stored copy): {n_extra}.",
        _dated_line(src),
        _looked_up_line(looked_up),
        "",
        COUNTS_END,
    ]
    return "\n".join(lines)


def _dated_line(src: pd.DataFrame) -> str:
    """How many sources state a ``published`` date, and where the overlay's dates came from."""
    published = src["published"].fillna("")
    note = src["note"].fillna("")
    pages = int(note.str.contains(NOTE_FROM_PAGE, regex=False).sum())
    paths = int(note.str.contains(NOTE_FROM_PATH, regex=False).sum())
    return (
        f"Sources with a `published` date: {int(published.ne('').sum())} of {len(src)} "
        f"({pages} read from stored copies of the pages and {paths} from a full date in the "
        f"URL path, both via `data-src/source_dates.csv`); {int(published.eq('').sum())} undated."
    )


def _looked_up_line(rows: list[dict[str, str]] | tuple[()]) -> str:
    """What the look-ups recorded in data-src/source_dates.csv found, by outcome."""
    dated = [r for r in rows if r["published"]]
    kinds = {k: sum(r["kind_of_date"] == k for r in dated) for k in DATE_KINDS}
    from_path = sum(r["locator"] == URL_PATH_LOCATOR for r in dated)
    no_copy = sum(not r["published"] and not r["found_via"] for r in rows)
    no_date = sum(not r["published"] and bool(r["found_via"]) for r in rows)
    return (
        f"`data-src/source_dates.csv`: {len(rows)} sources; {len(dated)} dated "
        f"({', '.join(f'{k} {n}' for k, n in kinds.items())}; {from_path} of them from the URL "
        f"path); {no_date} with a stored copy that shows no date; {no_copy} without a stored "
        "copy at their address."
    )


def update_docs_counts(doc: Path, block: str) -> None:
    """Replace the counts block of docs/data.md (between the markers), if the file has one."""
    if not doc.is_file():
        return
    text = doc.read_text(encoding="utf-8")
    if COUNTS_START not in text or COUNTS_END not in text:
        return
    head, rest = text.split(COUNTS_START, 1)
    _, tail = rest.split(COUNTS_END, 1)
    new = head + block + tail
    if new != text:
        write_bytes_atomic(doc, new.encode("utf-8"))


def excluded_csv(rows: list[dict[str, str]]) -> bytes:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=EXCLUDED_HEADER, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buf.getvalue().encode("utf-8")


def ensure_extra_sources(src: Path) -> None:
    """Create data-src/extra_sources.csv with its header if it does not exist."""
    path = src / "extra_sources.csv"
    if not path.exists():
        write_bytes_atomic(path, (",".join(EXTRA_SOURCES_HEADER) + "\n").encode("utf-8"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--shared", type=Path, default=DEFAULT_SHARED, help="folder with the compiled CSVs"
    )
    parser.add_argument(
        "--src", type=Path, default=DEFAULT_SRC, help="folder with curated inputs (data-src)"
    )
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder (data)")
    parser.add_argument(
        "--check",
        action="store_true",
        help="build to a temp dir and compare with --out; exit 1 if different",
    )
    args = parser.parse_args(argv)
    try:
        evidence, excluded = build(args.shared, args.src)
        if args.check:
            import filecmp
            import tempfile

            with tempfile.TemporaryDirectory() as tmp:
                write_package(evidence, tmp)
                write_bytes_atomic(Path(tmp) / "EXCLUDED.csv", excluded_csv(excluded))
                names = [p.name for p in Path(tmp).iterdir()]
                _, mismatch, errors = filecmp.cmpfiles(tmp, args.out, names, shallow=False)
                if mismatch or errors:
                    print(f"data package out of date: {sorted(mismatch + errors)}")
                    return 1
            print("data package up to date")
            return 0
        ensure_extra_sources(args.src)
        write_package(evidence, args.out)
        write_bytes_atomic(args.out / "EXCLUDED.csv", excluded_csv(excluded))
        if args.out.resolve() == DEFAULT_OUT.resolve():
            dates = args.src / "source_dates.csv"
            looked_up = [r for _, r in _read(dates)] if dates.is_file() else []
            block = counts_markdown(evidence, excluded, looked_up)
            update_docs_counts(REPO / "docs" / "data.md", block)
        problems = validate_package(args.out)
    except DataError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    counts = ", ".join(f"{name} {len(evidence.frame(name))}" for name in COLUMNS)
    print(f"wrote {args.out}: {counts}; excluded {len(excluded)} rows (EXCLUDED.csv)")
    for problem in problems:
        print(f"invalid: {problem}", file=sys.stderr)
    return 2 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
