"""The bundled data package: Frictionless table schemas, writing, reading, validation.

A data package is a directory with ``datapackage.json`` and one CSV per resource
(``sources``, ``hospitals``, ``observations``, ``official_series``, ``claims``,
``assumptions``, ``reference_series``), columns exactly as in ``frames.COLUMNS``.

- ``write_package(evidence, path)`` writes one deterministically (rows sorted by
  id, fixed number formatting, no timestamps), so writing the same evidence twice
  gives byte-identical files; the build script and the store's export both use it.
- ``read_package(path)`` returns typed ``Evidence`` (numbers float, years Int64,
  booleans ``boolean``, missing as NA).
- ``validate_package(path)`` collects every problem as a ``DataError`` (file, row,
  field, reason, stable code) instead of stopping at the first: our own rules
  (encoding, CSV shape, vocabulary, units, ids, references, ranges, dates) plus
  Frictionless's validation, translated into the same shape.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import math
import os
import re
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from transplant_audit import error_codes as codes
from transplant_audit.errors import DataError
from transplant_audit.evidence.frames import COLUMNS, NATIONAL, OPTIONAL_RESOURCES, Evidence
from transplant_audit.evidence.vocabulary import (
    BED_INDICATORS,
    BED_SCOPES,
    INDICATORS,
    LICENSED_VALUES,
    ORGANS,
    SOURCE_KINDS,
    SOURCE_PARTIES,
    Qualifier,
    Status,
    bed_scope_problem,
)
from transplant_audit.fileerrors import write_bytes_atomic
from transplant_audit.urls import source_url_problem

RESOURCES: tuple[str, ...] = tuple(COLUMNS)
"""Resource names, in package order."""

DATE_PATTERN = r"^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$"
"""A partial ISO date: ``2016``, ``2016-05`` or ``2016-05-16``."""

SOURCE_ID_PATTERN = r"^src_[0-9a-f]{10}$"
MISSING_LABEL = "not stated in the source, or not applicable"
LIST_SEPARATOR = ";"

_COUNT_KINDS = frozenset({"count", "money", "duration", "year", "rank", "rate", "share"})
"""Indicator kinds whose values can never be negative."""

_QUALIFIERS = [q.value for q in Qualifier]
_STATUSES = [s.value for s in Status]

PACKAGE_NAME = "transplant-audit-evidence"
PACKAGE_TITLE = "transplant-audit: sourced figures on organ transplant volume in China"


def source_id(url: str) -> str:
    """Stable source id: ``src_`` + the first 10 hex digits of sha256(url as written)."""
    return "src_" + hashlib.sha256(url.encode("utf-8")).hexdigest()[:10]


def _f(
    name: str, type_: str = "string", description: str = "", **constraints: Any
) -> dict[str, Any]:
    field: dict[str, Any] = {"name": name, "type": type_}
    if description:
        field["description"] = description
    if type_ == "boolean":
        field["trueValues"] = ["true"]
        field["falseValues"] = ["false"]
    if constraints:
        field["constraints"] = constraints
    return field


def _date(name: str, description: str) -> dict[str, Any]:
    return _f(name, "string", description, pattern=DATE_PATTERN)


def _src(name: str = "source_id", required: bool = True) -> dict[str, Any]:
    if required:
        return _f(
            name,
            "string",
            "id of the source (see sources)",
            required=True,
            pattern=SOURCE_ID_PATTERN,
        )
    return _f(name, "string", "id of the source (see sources)", pattern=SOURCE_ID_PATTERN)


def table_schemas() -> dict[str, dict[str, Any]]:
    """The Frictionless table schema of every resource (fields in ``COLUMNS`` order)."""
    organs_list = "organ codes separated by ';' (vocabulary: " + ", ".join(ORGANS) + ")"
    fields: dict[str, list[dict[str, Any]]] = {
        "sources": [
            _f(
                "id",
                "string",
                "src_ + first 10 hex digits of sha256(url)",
                required=True,
                unique=True,
                pattern=SOURCE_ID_PATTERN,
            ),
            _f(
                "url",
                "string",
                "the document's address, as written where it was cited",
                required=True,
                unique=True,
            ),
            _f("title", "string", "a short descriptive title"),
            _f("publisher", "string", "who published the document"),
            _f(
                "party",
                "string",
                "whose voice the source is",
                required=True,
                enum=list(SOURCE_PARTIES),
            ),
            _date("published", "publication date, partial allowed"),
            _date("retrieved", "when the document was retrieved, where known"),
            _f("language", "string", "ISO 639-1 language code", pattern=r"^[a-z]{2}$"),
            _f("kind", "string", "kind of document", required=True, enum=list(SOURCE_KINDS)),
            _f(
                "digest",
                "string",
                "sha256 of an archived copy, 'sha256:<hex>'",
                pattern=r"^sha256:[0-9a-f]{64}$",
            ),
            _f("note", "string"),
        ],
        "hospitals": [
            _f(
                "id",
                "string",
                "stable hospital key",
                required=True,
                unique=True,
                pattern=r"^[a-z0-9_]+$",
            ),
            _f("name_en", "string", "English name", required=True),
            _f("name_zh", "string", "Chinese name"),
            _f("province", "string"),
            _f("city", "string"),
            _f(
                "military",
                "boolean",
                "run by the People's Liberation Army or armed police",
                required=True,
            ),
            _f(
                "licensed",
                "string",
                (
                    "holds a national transplant licence: summary of its rows in licences "
                    "(false only where a list that should include it does not)"
                ),
                required=True,
                enum=list(LICENSED_VALUES),
            ),
            _f("licensed_organs", "string", "licensed " + organs_list),
            _f(
                "licence_year",
                "integer",
                "year of the licence, where known",
                minimum=1950,
                maximum=2100,
            ),
            _f(
                "organs_mentioned",
                "string",
                "organs the hospital is said to transplant; " + organs_list,
            ),
            _src("source_id", required=True),
            _f("note", "string"),
            _f(
                "aliases",
                "string",
                "other keys and names of the same hospital (renamed, renumbered), ';'-separated",
            ),
        ],
        "observations": [
            _f(
                "id",
                "string",
                "obs_ + hash of the defining fields",
                required=True,
                unique=True,
                pattern=r"^obs_[0-9a-f]{10}$",
            ),
            _f("hospital_id", "string", "hospital id, or 'national'", required=True),
            _f(
                "indicator",
                "string",
                "what was measured (vocabulary)",
                required=True,
                enum=sorted(INDICATORS),
            ),
            _f(
                "organ",
                "string",
                "organ code; empty when the source does not say",
                enum=list(ORGANS),
            ),
            _date("period_start", "start of the period the figure covers"),
            _date("period_end", "end of the period the figure covers"),
            _date("as_of", "date at which a stock (beds, staff, running total) was stated"),
            _f("value", "number", "the figure, in the indicator's canonical unit", required=True),
            _f(
                "qualifier",
                "string",
                "how the figure relates to the truth",
                required=True,
                enum=_QUALIFIERS,
            ),
            _f("unit", "string", "the indicator's canonical unit", required=True),
            _src(),
            _f("locator", "string", "where in the source (page, section, table, paragraph)"),
            _f("status", "string", "review status", required=True, enum=_STATUSES),
            _f("note", "string", "original wording, conversions, period as stated"),
            _f(
                "bed_scope",
                "string",
                "what a bed figure covers (required for bed indicators, empty otherwise)",
                enum=list(BED_SCOPES),
            ),
        ],
        "official_series": [
            _f("id", "string", required=True, unique=True, pattern=r"^off_[0-9a-f]{10}$"),
            _f(
                "series", "string", "series name; '_cumulative' marks running totals", required=True
            ),
            _f("year", "integer", required=True, minimum=1950, maximum=2100),
            _f("value", "number", required=True),
            _f("unit", "string", required=True),
            _f("qualifier", "string", required=True, enum=_QUALIFIERS),
            _f("partial_year", "boolean", "the figure covers only part of the year", required=True),
            _src(),
            _f("locator", "string"),
            _f("note", "string"),
            _f(
                "derived",
                "boolean",
                "computed from other rows (arithmetic in note), stated by no source",
                required=True,
            ),
        ],
        "claims": [
            _f("id", "string", required=True, unique=True, pattern=r"^clm_[0-9a-f]{10}$"),
            _f("quantity", "string", "what the claim counts", required=True),
            _f("claimant", "string", "who made the claim", required=True),
            _f("party", "string", required=True, enum=list(SOURCE_PARTIES)),
            _date("period_start", ""),
            _date("period_end", ""),
            _f("value_low", "number", required=True),
            _f("value_high", "number", "empty when only a bound is claimed"),
            _f("unit", "string", required=True),
            _f("qualifier", "string", required=True, enum=_QUALIFIERS),
            _src(),
            _f("locator", "string"),
            _f("note", "string"),
        ],
        "assumptions": [
            _f("name", "string", required=True, unique=True),
            _f("distribution", "string", required=True),
            _f("low", "number"),
            _f("mode", "number"),
            _f("high", "number"),
            _f("unit", "string", required=True),
            _f("applies_to", "string"),
            _f("justification", "string", required=True),
            _f("source_ids", "string", "source ids separated by ';'", required=True),
        ],
        "reference_series": [
            _f("id", "string", required=True, unique=True, pattern=r"^ref_[0-9a-f]{10}$"),
            _f("country", "string", required=True),
            _f("series", "string", required=True),
            _f("year", "integer", required=True, minimum=1900, maximum=2100),
            _f("value", "number", required=True),
            _f("unit", "string", required=True),
            _src(),
            _f("locator", "string"),
            _f("note", "string"),
        ],
        "licences": [
            _f("id", "string", required=True, unique=True, pattern=r"^lic_[0-9a-f]{10}$"),
            _f("hospital_id", "string", "hospital id (see hospitals)", required=True),
            _f("organ", "string", "organ the licence is for; empty = the list does not say"),
            _f("list_name", "string", "the published list", required=True),
            _f("list_year", "integer", "year of the list", minimum=1990, maximum=2100),
            _f(
                "licensed",
                "boolean",
                "true: on the list; false: absent from a list that should include it",
                required=True,
            ),
            _src(),
            _f("locator", "string"),
            _f("note", "string"),
        ],
    }
    keys = {r: ("name" if r == "assumptions" else "id") for r in RESOURCES}
    out: dict[str, dict[str, Any]] = {}
    for name in RESOURCES:
        assert [f["name"] for f in fields[name]] == COLUMNS[name], name
        schema: dict[str, Any] = {
            "$schema": "https://datapackage.org/profiles/2.0/tableschema.json",
            "fields": fields[name],
            "missingValues": [{"value": "", "label": MISSING_LABEL}],
            "primaryKey": [keys[name]],
        }
        if "source_id" in COLUMNS[name]:
            schema["foreignKeys"] = [
                {"fields": ["source_id"], "reference": {"resource": "sources", "fields": ["id"]}}
            ]
        out[name] = schema
    return out


# --------------------------------------------------------------------------- writing

_BOOL_COLUMNS = {
    ("hospitals", "military"),
    ("licences", "licensed"),
    ("official_series", "partial_year"),
    ("official_series", "derived"),
}
_INT_COLUMNS = {
    ("hospitals", "licence_year"),
    ("official_series", "year"),
    ("reference_series", "year"),
    ("licences", "list_year"),
}
_NUM_COLUMNS = {
    ("observations", "value"),
    ("official_series", "value"),
    ("claims", "value_low"),
    ("claims", "value_high"),
    ("assumptions", "low"),
    ("assumptions", "mode"),
    ("assumptions", "high"),
    ("reference_series", "value"),
}


def format_number(value: Any) -> str:
    """Shortest text for a number: integers without '.0', others by ``repr`` (exact round trip)."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, str):
        return value
    number = float(value)
    if number.is_integer() and abs(number) < 1e16:
        return str(int(number))
    return repr(number)


def _cell(resource: str, column: str, value: Any) -> str:
    if (resource, column) == ("hospitals", "licensed"):
        return licensed_text(value)
    if value is None or value is pd.NA:
        return ""
    if isinstance(value, float) and math.isnan(value):
        return ""
    if (resource, column) in _BOOL_COLUMNS:
        if isinstance(value, str):
            return value
        return "true" if bool(value) else "false"
    if (resource, column) in _INT_COLUMNS:
        return value if isinstance(value, str) else str(int(value))
    if (resource, column) in _NUM_COLUMNS:
        return format_number(value)
    return str(value)


def licensed_text(value: Any) -> str:
    """``hospitals.licensed`` as written: true/false, and unknown for anything missing."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return "unknown"
    if isinstance(value, str):
        return value.strip().lower() or "unknown"
    return "true" if bool(value) else "false"


def _csv_text(resource: str, frame: pd.DataFrame) -> str:
    columns = COLUMNS[resource]
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise DataError(
            file=f"{resource}.csv", reason=f"missing columns {missing}", code=codes.MissingColumn
        )
    key = "name" if resource == "assumptions" else "id"
    rows = [
        [_cell(resource, c, v) for c, v in zip(columns, rec, strict=True)]
        for rec in frame[columns].itertuples(index=False)
    ]
    key_at = columns.index(key)
    rows.sort(key=lambda r: r[key_at])
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(columns)
    writer.writerows(rows)
    return buf.getvalue()


def package_descriptor(csv_bytes: dict[str, bytes], version: str | None = None) -> dict[str, Any]:
    """The ``datapackage.json`` content for resources with the given CSV bytes.

    ``version`` (the package's release, semver) is stated when given; an export of a
    store has none.
    """
    schemas = table_schemas()
    resources = []
    for name in RESOURCES:
        data = csv_bytes[name]
        resources.append(
            {
                "name": name,
                "path": f"{name}.csv",
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "bytes": len(data),
                "hash": "sha256:" + hashlib.sha256(data).hexdigest(),
                "schema": schemas[name],
            }
        )
    return {
        "$schema": "https://datapackage.org/profiles/2.0/datapackage.json",
        "name": PACKAGE_NAME,
        **({"version": version} if version else {}),
        "title": PACKAGE_TITLE,
        "description": (
            "Figures on organ transplant capacity and volume in China, each with its source "
            "(URL, publisher, locator). Built by tools/build_data_package.py; see docs/data.md."
        ),
        "resources": resources,
    }


def package_csv_bytes(evidence: Evidence) -> dict[str, bytes]:
    """The bytes ``write_package`` writes to each ``<resource>.csv``: build them once and
    pass them to ``csv_digest`` and ``write_csv_bytes`` when both are needed."""
    return {name: _csv_text(name, evidence.frame(name)).encode("utf-8") for name in RESOURCES}


def evidence_digest(evidence: Evidence) -> str:
    """``package_digest`` of the package ``write_package(evidence, ...)`` would write,
    computed in memory."""
    return csv_digest(package_csv_bytes(evidence))


def write_package(evidence: Evidence, path: str | os.PathLike[str]) -> Path:
    """Write ``evidence`` as a data package in ``path`` (created if needed).

    Deterministic: rows sorted by id (``name`` for assumptions), numbers in their
    shortest exact form, ``\\n`` line ends, no timestamps. Every file is written to
    a temporary file and renamed, and ``datapackage.json`` last, so a reader never
    sees a half-written file.
    """
    return write_csv_bytes(package_csv_bytes(evidence), path, version=evidence.version or None)


def write_csv_bytes(
    csv_bytes: dict[str, bytes], path: str | os.PathLike[str], *, version: str | None = None
) -> Path:
    """Write the package whose CSV files are ``csv_bytes`` (from ``package_csv_bytes``)
    and its ``datapackage.json`` (stating ``version`` when given), as ``write_package``."""
    out = Path(path)
    descriptor = package_descriptor(csv_bytes, version=version)
    text = json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n"
    for name in RESOURCES:
        write_bytes_atomic(out / f"{name}.csv", csv_bytes[name])
    write_bytes_atomic(out / "datapackage.json", text.encode("utf-8"))
    return out


# --------------------------------------------------------------------------- reading


def _typed(resource: str, frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame.copy()
    for column in COLUMNS[resource]:
        raw = frame[column]
        if (resource, column) in _NUM_COLUMNS:
            frame[column] = pd.to_numeric(raw.replace("", None), errors="raise").astype("float64")
        elif (resource, column) in _INT_COLUMNS:
            frame[column] = pd.to_numeric(raw.replace("", None), errors="raise").astype("Int64")
        elif (resource, column) in _BOOL_COLUMNS:
            frame[column] = raw.map({"true": True, "false": False, "": pd.NA}).astype("boolean")
        else:
            frame[column] = raw.replace("", pd.NA).astype("string")
    return frame[COLUMNS[resource]]


def package_digest(path: str | os.PathLike[str]) -> str:
    """``sha256:<hex>`` over the package's CSV files, in resource order."""
    root = Path(path)
    files = {name: root / f"{name}.csv" for name in RESOURCES}
    return csv_digest({name: file.read_bytes() for name, file in files.items() if file.is_file()})


def csv_digest(csv_bytes: Mapping[str, bytes]) -> str:
    """``sha256:<hex>`` over each resource's name and CSV bytes (none if absent), in order."""
    digest = hashlib.sha256()
    for name in RESOURCES:
        digest.update(name.encode() + b"\0")
        digest.update(csv_bytes.get(name, b""))
        digest.update(b"\0")
    return "sha256:" + digest.hexdigest()


def read_package(path: str | os.PathLike[str], *, validate: bool = True) -> Evidence:
    """Read a data package directory into typed ``Evidence``.

    Raises ``DataError`` (the first problem found by ``validate_package``) when the
    package is not valid, so nothing downstream sees bad evidence. Columns: value-
    like columns float64, years Int64, booleans ``boolean``, text ``string``;
    missing cells are NA. A missing optional resource (``reference_series.csv``,
    ``licences.csv``) gives an empty frame. ``hospitals.licensed`` is text:
    ``true``, ``false`` or ``unknown``.
    ``validate=False`` is only for a package already validated with these exact bytes
    (``load.read_bundled`` keeps that record by digest).
    """
    root = Path(path)
    errors = validate_package(root) if validate else []
    if errors:
        raise errors[0]
    frames: dict[str, pd.DataFrame] = {}
    for name in RESOURCES:
        file = root / f"{name}.csv"
        if not file.is_file():
            raw = pd.DataFrame({c: pd.Series(dtype="object") for c in COLUMNS[name]})
        else:
            raw = pd.read_csv(file, dtype=str, keep_default_na=False, encoding="utf-8")
        frames[name] = _typed(name, raw)
    return Evidence(
        **frames, origin=str(root), digest=package_digest(root), version=stated_version(root)
    )


def stated_version(path: str | os.PathLike[str]) -> str:
    """The ``version`` of ``path/datapackage.json`` ("" when it states none or cannot be read)."""
    try:
        descriptor = json.loads((Path(path) / "datapackage.json").read_text("utf-8"))
    except (OSError, ValueError):
        return ""
    stated = descriptor.get("version") if isinstance(descriptor, dict) else None
    return stated if isinstance(stated, str) else ""


# --------------------------------------------------------------------------- validation

Rule = Callable[[str, int, dict[str, str]], Iterable[DataError]]


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.split(LIST_SEPARATOR) if part.strip()]


def _is_number(text: str) -> bool:
    try:
        return math.isfinite(float(text))
    except ValueError:
        return False


def _date_end(text: str) -> dt.date | None:
    """Last day a partial date can mean (``2016`` -> 2016-12-31), or None if malformed."""
    if not re.fullmatch(DATE_PATTERN, text):
        return None
    parts = [int(p) for p in text.split("-")]
    try:
        if len(parts) == 1:
            return dt.date(parts[0], 12, 31)
        if len(parts) == 2:
            first_next = dt.date(parts[0] + (parts[1] == 12), parts[1] % 12 + 1, 1)
            return first_next - dt.timedelta(days=1)
        return dt.date(parts[0], parts[1], parts[2])
    except ValueError:
        return None


def _date_start(text: str) -> dt.date | None:
    if not re.fullmatch(DATE_PATTERN, text):
        return None
    parts = [int(p) for p in text.split("-")] + [1, 1]
    try:
        return dt.date(parts[0], parts[1] if len(text) > 4 else 1, parts[2] if len(text) > 7 else 1)
    except ValueError:
        return None


class _Reader:
    """Reads one CSV strictly: UTF-8, header, column count; yields (line, row dict)."""

    def __init__(self, root: Path, resource: str, errors: list[DataError]) -> None:
        self.file = f"{resource}.csv"
        self.path = root / self.file
        self.resource = resource
        self.errors = errors
        self.rows: list[tuple[int, dict[str, str]]] = []
        self.ok = False
        self.digest = ""

    def read(self) -> None:
        raw = self.path.read_bytes()
        self.digest = "sha256:" + hashlib.sha256(raw).hexdigest()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = raw[: exc.start].count(b"\n") + 1
            self.errors.append(
                DataError(
                    file=self.file,
                    row=line,
                    reason=(
                        f"not UTF-8 text: byte 0x{raw[exc.start]:02x} cannot "
                        f"be decoded (save the file as UTF-8)"
                    ),
                    code=codes.EncodingError,
                )
            )
            return
        if text.startswith("\ufeff"):
            text = text[1:]
        reader = csv.reader(io.StringIO(text, newline=""))
        try:
            header = next(reader)
        except StopIteration:
            self.errors.append(
                DataError(
                    file=self.file,
                    row=1,
                    reason="the file is empty (no header)",
                    code=codes.BlankHeader,
                )
            )
            return
        except csv.Error as exc:
            self.errors.append(
                DataError(
                    file=self.file, row=1, reason=f"malformed CSV: {exc}", code=codes.MalformedCsv
                )
            )
            return
        expected = COLUMNS[self.resource]
        if header != expected:
            missing = [c for c in expected if c not in header]
            extra = [c for c in header if c not in expected]
            detail = []
            if missing:
                detail.append(f"missing {missing}")
            if extra:
                detail.append(f"unexpected {extra}")
            if not detail:
                detail.append("columns in the wrong order")
            self.errors.append(
                DataError(
                    file=self.file,
                    row=1,
                    reason=f"header must be {','.join(expected)}: " + "; ".join(detail),
                    value=",".join(header),
                    code=codes.BadHeader,
                )
            )
            return
        try:
            for record in reader:
                line = reader.line_num
                if not record:
                    continue
                if len(record) != len(expected):
                    self.errors.append(
                        DataError(
                            file=self.file,
                            row=line,
                            reason=f"row has {len(record)} cells, the header has {len(expected)}",
                            code=codes.WrongColumnCount,
                        )
                    )
                    continue
                self.rows.append((line, dict(zip(expected, record, strict=True))))
        except csv.Error as exc:
            self.errors.append(
                DataError(
                    file=self.file,
                    row=reader.line_num,
                    reason=f"malformed CSV: {exc}",
                    code=codes.MalformedCsv,
                )
            )
            return
        self.ok = True


def _check_required_and_types(
    resource: str, file: str, rows: list[tuple[int, dict[str, str]]]
) -> list[DataError]:
    errors: list[DataError] = []
    schema = table_schemas()[resource]
    for field in schema["fields"]:
        name = field["name"]
        cons = field.get("constraints", {})
        for line, row in rows:
            value = row[name]
            if value == "":
                if cons.get("required"):
                    code = (
                        codes.MissingSourceId
                        if name in ("source_id", "source_ids")
                        else codes.MissingValue
                    )
                    errors.append(
                        DataError(
                            file=file,
                            row=line,
                            field=name,
                            reason="a value is required here",
                            code=code,
                        )
                    )
                continue
            if field["type"] == "number" and not _is_number(value):
                errors.append(
                    DataError(
                        file=file,
                        row=line,
                        field=name,
                        reason="not a number",
                        value=value,
                        code=codes.BadNumber,
                    )
                )
            elif field["type"] == "integer" and not re.fullmatch(r"-?[0-9]+", value):
                errors.append(
                    DataError(
                        file=file,
                        row=line,
                        field=name,
                        reason="not a whole number",
                        value=value,
                        code=codes.BadInteger,
                    )
                )
            elif field["type"] == "boolean" and value not in ("true", "false"):
                errors.append(
                    DataError(
                        file=file,
                        row=line,
                        field=name,
                        reason="must be 'true' or 'false'",
                        value=value,
                        code=codes.BadBoolean,
                    )
                )
            elif cons.get("pattern") not in (None, DATE_PATTERN) and not pattern_fullmatch(
                cons["pattern"], value
            ):
                errors.append(
                    DataError(
                        file=file,
                        row=line,
                        field=name,
                        reason=f"does not match the pattern {cons['pattern']} (whole value)",
                        value=value,
                        code=codes.BadPattern,
                    )
                )
            elif resource == "sources" and name == "url" and (why := source_url_problem(value)):
                errors.append(  # web or captured-file URLs only: javascript:/data: are script
                    DataError(
                        file=file,
                        row=line,
                        field=name,
                        reason=f"URL {why}",
                        value=value,
                        code=codes.BadUrl,
                    )
                )
            elif cons.get("pattern") == DATE_PATTERN and _date_end(value) is None:
                errors.append(
                    DataError(
                        file=file,
                        row=line,
                        field=name,
                        reason="not a date (use YYYY, YYYY-MM or YYYY-MM-DD)",
                        value=value,
                        code=codes.BadDate,
                    )
                )
    return errors


def pattern_fullmatch(pattern: str, value: str) -> bool:
    """True when the whole of ``value`` matches a schema ``pattern``: anchored at both
    ends with ``re.fullmatch`` (a ``$`` alone also matches before a final newline, so
    ``obs_0123456789\n`` would pass ``^obs_[0-9a-f]{10}$`` with ``re.match``)."""
    return re.fullmatch(pattern.removeprefix("^").removesuffix("$"), value) is not None


def _enum_error(
    file: str, line: int, field: str, value: str, allowed: Iterable[str], what: str
) -> DataError:
    return codes.UNKNOWN_VALUE[what].error(
        file, row=line, field=field, value=value, allowed=", ".join(allowed)
    )


def _check_rows(
    resource: str,
    file: str,
    rows: list[tuple[int, dict[str, str]]],
    source_ids: set[str] | None,
    hospital_ids: set[str] | None,
    today: dt.date,
) -> list[DataError]:
    errors: list[DataError] = []
    key = "name" if resource == "assumptions" else "id"
    seen: dict[str, int] = {}
    for line, row in rows:
        ident = row[key]
        if ident:
            if ident in seen:
                errors.append(
                    DataError(
                        file=file,
                        row=line,
                        field=key,
                        reason=f"duplicate {key}: already used on row {seen[ident]}",
                        value=ident,
                        code=codes.DuplicateId,
                    )
                )
            else:
                seen[ident] = line
        sid_cell = row.get("source_id")
        if source_ids is not None and sid_cell and sid_cell not in source_ids:
            errors.append(
                DataError(
                    file=file,
                    row=line,
                    field="source_id",
                    reason="no source with this id in sources.csv",
                    value=row["source_id"],
                    code=codes.DanglingSourceId,
                )
            )
        if resource == "assumptions" and source_ids is not None:
            for sid in _split(row["source_ids"]):
                if sid not in source_ids:
                    errors.append(
                        DataError(
                            file=file,
                            row=line,
                            field="source_ids",
                            reason="no source with this id in sources.csv",
                            value=sid,
                            code=codes.DanglingSourceId,
                        )
                    )
        for qfield, allowed, what in (
            ("qualifier", _QUALIFIERS, "qualifier"),
            ("status", _STATUSES, "status"),
            ("party", SOURCE_PARTIES, "party"),
            ("kind", SOURCE_KINDS, "kind"),
            ("licensed", LICENSED_VALUES if resource == "hospitals" else (), "licensed"),
        ):
            if not allowed:
                continue
            if qfield in row and row[qfield] and row[qfield] not in allowed:
                errors.append(_enum_error(file, line, qfield, row[qfield], allowed, what))
        for ofield in ("organ", "licensed_organs", "organs_mentioned"):
            if ofield in row and row[ofield]:
                for organ in _split(row[ofield]) if ofield != "organ" else [row[ofield]]:
                    if organ not in ORGANS:
                        errors.append(_enum_error(file, line, ofield, organ, ORGANS, "organ"))
        for dfield in ("as_of", "period_start", "period_end", "published", "retrieved"):
            value = row.get(dfield, "")
            start = _date_start(value) if value else None
            if start is not None and start > today:
                errors.append(
                    DataError(
                        file=file,
                        row=line,
                        field=dfield,
                        reason=f"date is in the future (today is {today.isoformat()})",
                        value=value,
                        code=codes.FutureDate,
                    )
                )
        if resource == "observations":
            errors.extend(_check_observation(file, line, row, hospital_ids, today))
        elif resource == "licences":
            errors.extend(_check_licence(file, line, row, hospital_ids))
        else:
            errors.extend(_check_counts(resource, file, line, row))
    return errors


_COUNT_FIELDS: dict[str, tuple[str, ...]] = {
    "official_series": ("value",),
    "claims": ("value_low", "value_high"),
    "reference_series": ("value",),
}
"""Columns holding counts (donors, transplants, hospitals, rates): never negative."""


def _check_counts(resource: str, file: str, line: int, row: dict[str, str]) -> list[DataError]:
    errors: list[DataError] = []
    for name in _COUNT_FIELDS.get(resource, ()):
        text = row[name]
        if _is_number(text) and float(text) < 0:
            errors.append(
                DataError(
                    file=file,
                    row=line,
                    field=name,
                    reason="a published count cannot be negative",
                    value=text,
                    code=codes.NegativeValue,
                )
            )
    low, high = row.get("value_low", ""), row.get("value_high", "")
    if resource == "claims" and _is_number(low) and _is_number(high) and float(high) < float(low):
        errors.append(
            DataError(
                file=file,
                row=line,
                field="value_high",
                reason=f"below value_low ({row['value_low']})",
                value=row["value_high"],
                code=codes.BadRange,
            )
        )
    return errors


def _check_licence(
    file: str, line: int, row: dict[str, str], hospital_ids: set[str] | None
) -> list[DataError]:
    hid = row["hospital_id"]
    if hid and hospital_ids is not None and hid not in hospital_ids:
        return [
            DataError(
                file=file,
                row=line,
                field="hospital_id",
                reason="no hospital with this id in hospitals.csv",
                value=hid,
                code="unknown-hospital",
            )
        ]
    return []


def _check_bed_scope(file: str, line: int, row: dict[str, str]) -> list[DataError]:
    problem = bed_scope_problem(row["indicator"], row["bed_scope"])
    if problem is None:
        return []
    code = "missing-bed-scope" if not row["bed_scope"] else "bad-bed-scope"
    return [
        DataError(
            file=file,
            row=line,
            field="bed_scope",
            reason=problem,
            value=row["bed_scope"],
            code=code,
        )
    ]


def _kind_range_problem(kind: str, value: float, today: dt.date) -> str | None:
    """Why ``value`` is impossible for an indicator of this kind, or None."""
    if kind == "flag" and value not in (0.0, 1.0):
        return "a flag is 0 or 1"
    if kind == "year" and (not value.is_integer() or not 1900 <= value <= today.year):
        return f"a year between 1900 and {today.year}"
    if kind == "rank" and (not value.is_integer() or value < 1):
        return "a rank is a whole number from 1"
    return None


def _check_observation(
    file: str, line: int, row: dict[str, str], hospital_ids: set[str] | None, today: dt.date
) -> list[DataError]:
    errors: list[DataError] = []
    hid = row["hospital_id"]
    if hid and hid != NATIONAL and hospital_ids is not None and hid not in hospital_ids:
        errors.append(
            DataError(
                file=file,
                row=line,
                field="hospital_id",
                reason=(
                    "no hospital with this id in hospitals.csv (use "
                    "'national' for China as a whole)"
                ),
                value=hid,
                code=codes.UnknownHospital,
            )
        )
    name = row["indicator"]
    indicator = INDICATORS.get(name)
    if indicator is None:
        if name:
            errors.append(
                DataError(
                    file=file,
                    row=line,
                    field="indicator",
                    reason="unknown indicator (see evidence/vocabulary.py INDICATORS)",
                    value=name,
                    code=codes.UnknownIndicator,
                )
            )
        return errors
    errors.extend(_check_bed_scope(file, line, row))
    if row["unit"] and row["unit"] != indicator.unit:
        errors.append(
            DataError(
                file=file,
                row=line,
                field="unit",
                reason=(
                    f"unit of {name} must be '{indicator.unit}' (convert the "
                    f"value and keep the wording in note)"
                ),
                value=row["unit"],
                code=codes.WrongUnit,
            )
        )
    if _is_number(row["value"]):
        value = float(row["value"])
        if value < 0 and indicator.kind in _COUNT_KINDS:
            errors.append(
                DataError(
                    file=file,
                    row=line,
                    field="value",
                    reason=f"{name} cannot be negative",
                    value=row["value"],
                    code=codes.NegativeValue,
                )
            )
        elif indicator.kind in ("rate", "share") and value <= 0 and name == "bed_occupancy_rate":
            errors.append(
                DataError(
                    file=file,
                    row=line,
                    field="value",
                    reason="occupancy must be above 0",
                    value=row["value"],
                    code=codes.OutOfRange,
                )
            )
        elif (problem := _kind_range_problem(indicator.kind, value, today)) is not None:
            errors.append(
                DataError(
                    file=file,
                    row=line,
                    field="value",
                    reason=f"{name}: {problem}",
                    value=row["value"],
                    code=codes.OutOfRange,
                )
            )
        elif indicator.max_value is not None and value > indicator.max_value:
            errors.append(
                DataError(
                    file=file,
                    row=line,
                    field="value",
                    reason=(
                        f"{name} cannot exceed "
                        f"{format_number(indicator.max_value)} (a fraction, not a percent)"
                    ),
                    value=row["value"],
                    code=codes.OutOfRange,
                )
            )
    for early, late in (("period_start", "period_end"),):
        a, b = row[early], row[late]
        sa, eb = (_date_start(a) if a else None), (_date_end(b) if b else None)
        if sa is not None and eb is not None and sa > eb:
            errors.append(
                DataError(
                    file=file,
                    row=line,
                    field=late,
                    reason=f"ends before {early} ({a})",
                    value=b,
                    code=codes.BadPeriod,
                )
            )
    return errors


def _frictionless_errors(root: Path) -> list[DataError]:
    """Frictionless validation of the whole package, as ``DataError``s."""
    import frictionless

    descriptor = root / "datapackage.json"
    report = frictionless.validate(str(descriptor))
    out: list[DataError] = []
    for error in report.errors:
        out.append(
            DataError(
                file="datapackage.json",
                reason=error.message,
                code=codes.frictionless_code(error.type, mapped=False),
            )
        )
    for task in report.tasks:
        file = Path(task.place).name if task.place else f"{task.name}.csv"
        for error in task.errors:
            etype = getattr(error, "type", "error")
            row = getattr(error, "row_number", None)
            field = getattr(error, "field_name", None)
            cell = getattr(error, "cell", None)
            note = getattr(error, "note", "") or error.message
            if etype in ("hash-count", "byte-count"):
                note += (
                    "; the file changed after datapackage.json was written: rebuild it "
                    "(tools/build_data_package.py, or export from a store)"
                )
            out.append(
                DataError(
                    file=file,
                    row=row,
                    field=field,
                    reason=f"frictionless {etype}: {note}",
                    value=cell,
                    code=codes.frictionless_code(etype),
                )
            )
    return out


def _check_descriptor(root: Path) -> list[DataError]:
    """The descriptor must declare our table schemas: a loosened schema would hide errors."""
    path = root / "datapackage.json"
    if not path.is_file():
        return []
    file = "datapackage.json"
    try:
        descriptor = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        return [DataError(file=file, reason=f"not valid JSON: {exc}", code=codes.BadDescriptor)]
    expected = table_schemas()
    declared = {r.get("name"): r for r in descriptor.get("resources", []) if isinstance(r, dict)}
    errors = []
    for name in RESOURCES:
        resource = declared.get(name)
        if resource is None:
            if name not in OPTIONAL_RESOURCES:
                errors.append(
                    DataError(
                        file=file,
                        field=name,
                        reason="resource not declared",
                        code=codes.BadDescriptor,
                    )
                )
            continue
        if resource.get("path") != f"{name}.csv" or "data" in resource:
            errors.append(
                DataError(
                    file=file,
                    field=name,
                    reason=(
                        f"resource path must be {name}.csv inside the package (import reads "
                        "that file, so validation must read the same one)"
                    ),
                    value=resource.get("path", "inline data" if "data" in resource else None),
                    code=codes.BadResourcePath,
                )
            )
        if resource.get("schema") != expected[name]:
            errors.append(
                DataError(
                    file=file,
                    field=name,
                    reason="table schema differs from ours (write it with write_package)",
                    code=codes.SchemaMismatch,
                )
            )
    return errors


def _check_hashes(root: Path, readers: dict[str, _Reader]) -> list[DataError]:
    """A declared ``sha256:`` hash must be that of the bytes read (others: Frictionless)."""
    errors = []
    for name, declared in resource_hashes(root).items():
        reader = readers.get(name)
        if reader is None or declared is None or not declared.startswith("sha256:"):
            continue
        if reader.digest and reader.digest != declared.lower():
            errors.append(
                DataError(
                    file=reader.file,
                    reason=(
                        f"the file hashes to {reader.digest} but datapackage.json declares "
                        f"{declared}: the file changed after the package was written; "
                        "rebuild it (tools/build_data_package.py, or export from a store)"
                    ),
                    code=codes.HashMismatch,
                )
            )
    return errors


def resource_hashes(root: Path) -> dict[str, str | None]:
    """Resource name -> the ``hash`` its descriptor declares (None when absent); empty
    when the descriptor is missing or unreadable."""
    try:
        descriptor = json.loads((root / "datapackage.json").read_text(encoding="utf-8"))
        declared = [r for r in descriptor.get("resources", []) if isinstance(r, dict)]
    except (OSError, UnicodeDecodeError, ValueError, AttributeError):
        return {}
    return {
        str(r.get("name")): (r["hash"] if isinstance(r.get("hash"), str) else None)
        for r in declared
    }


def package_warnings(path: str | os.PathLike[str]) -> list[str]:
    """What a valid package lacks that the user should know: resources whose descriptor
    has no ``hash`` (their integrity cannot be checked)."""
    root = Path(path)
    return [
        f"{root / 'datapackage.json'}: resource '{name}' has no hash, so a change to "
        f"{name}.csv after the package was written cannot be detected (write the package "
        'with write_package, or add "hash": "sha256:...")'
        for name, digest in resource_hashes(root).items()
        if digest is None and name in RESOURCES
    ]


def escaping_symlinks(root: Path) -> list[DataError]:
    """A descriptor or resource file that is a symlink leading out of the package."""
    base = root.resolve()
    errors = []
    for name in ("datapackage.json", *(f"{r}.csv" for r in RESOURCES)):
        p = root / name
        if p.is_symlink() and not p.resolve().is_relative_to(base):
            errors.append(
                DataError(
                    file=name,
                    reason="is a symbolic link to a file outside the package; refused",
                    value=os.readlink(p),
                    code=codes.SymlinkOut,
                )
            )
    return errors


def validate_package(
    path: str | os.PathLike[str], *, today: dt.date | None = None, frictionless: bool = True
) -> list[DataError]:
    """Every problem in the package at ``path``, as ``DataError``s (empty list = valid).

    Our rules run first (file by file: encoding, header, column count, required
    cells, numbers, dates, vocabulary, canonical units, ids, references, ranges,
    future dates). Frictionless's validation runs when the files are readable,
    and its findings are added unless one of ours already names the same file,
    row and field. ``today`` (default: the current UTC date) bounds dates.
    """
    root = Path(path)
    today = today or dt.datetime.now(dt.UTC).date()
    errors: list[DataError] = []
    if not root.is_dir():
        return [DataError(file=str(root), reason="not a directory", code=codes.NoPackage)]
    escaping = escaping_symlinks(root)
    if escaping:
        return escaping
    if not (root / "datapackage.json").is_file():
        errors.append(
            DataError(
                file="datapackage.json",
                reason="missing: not a data package directory",
                code=codes.NoDescriptor,
            )
        )
    readers: dict[str, _Reader] = {}
    for name in RESOURCES:
        reader = _Reader(root, name, errors)
        if not reader.path.is_file():
            if name not in OPTIONAL_RESOURCES:
                errors.append(
                    DataError(
                        file=reader.file,
                        reason="resource file is missing",
                        code=codes.MissingResource,
                    )
                )
            continue
        reader.read()
        errors.extend(_check_required_and_types(name, reader.file, reader.rows))
        readers[name] = reader
    source_ids = (
        {row["id"] for _, row in readers["sources"].rows}
        if "sources" in readers and readers["sources"].ok
        else None
    )
    hospital_ids = (
        {row["id"] for _, row in readers["hospitals"].rows}
        if "hospitals" in readers and readers["hospitals"].ok
        else None
    )
    for name, reader in readers.items():
        errors.extend(_check_rows(name, reader.file, reader.rows, source_ids, hospital_ids, today))
    errors.extend(_check_descriptor(root))
    errors.extend(_check_hashes(root, readers))
    all_readable = all(r.ok for r in readers.values()) and (root / "datapackage.json").is_file()
    if frictionless and all_readable:
        seen = {(e.file, e.row, e.field) for e in errors}
        seen_rows = {(e.file, e.row) for e in errors}
        for error in _frictionless_errors(root):
            if (error.file, error.row, error.field) in seen:
                continue
            if error.field is None and (error.file, error.row) in seen_rows:
                continue
            if error.code == "dangling-source-id" and any(
                e.code == "dangling-source-id" and e.file == error.file and e.row == error.row
                for e in errors
            ):
                continue
            errors.append(error)
    return errors


# --------------------------------------------------------------------------- older packages

LEGACY_COLUMNS: dict[str, list[str]] = {
    "hospitals": [c for c in COLUMNS["hospitals"] if c != "aliases"],
    "observations": [c for c in COLUMNS["observations"] if c != "bed_scope"],
    "official_series": [c for c in COLUMNS["official_series"] if c != "derived"],
}
"""Headers of packages written before hospital aliases and bed scopes existed."""


def _header(path: Path) -> list[str]:
    if not path.is_file():
        return []
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            return next(csv.reader(handle), [])
    except (UnicodeDecodeError, csv.Error):
        return []  # not readable: validation reports it


def legacy_changes(path: str | os.PathLike[str]) -> list[str]:
    """What reading the package at ``path`` as a current one needs (empty: it is current).

    A package from before bed scopes, hospital aliases, ``licensed=unknown`` and the
    ``licences`` resource is recognised by its exact older headers; anything else is
    left to ``validate_package`` to report.
    """
    root = Path(path)
    obs_old = _header(root / "observations.csv") == LEGACY_COLUMNS["observations"]
    hosp_old = _header(root / "hospitals.csv") == LEGACY_COLUMNS["hospitals"]
    off_old = _header(root / "official_series.csv") == LEGACY_COLUMNS["official_series"]
    if not (obs_old or hosp_old or off_old):
        return []
    changes = []
    if obs_old:
        obs = pd.read_csv(root / "observations.csv", dtype=str, keep_default_na=False)
        n_beds = int(obs["indicator"].isin(BED_INDICATORS).sum())
        changes.append(
            f"observations.csv has no bed_scope column (older package): "
            f"{n_beds} bed figures get bed_scope 'unknown'"
        )
    if hosp_old:
        hosp = pd.read_csv(root / "hospitals.csv", dtype=str, keep_default_na=False)
        n_unknown = int((hosp["licensed"] == "").sum())
        changes.append(
            "hospitals.csv has no aliases column (older package): aliases left empty; "
            f"{n_unknown} empty licensed cells become 'unknown'"
        )
    if off_old:
        changes.append("official_series.csv has no derived column (older package): all false")
    if not (root / "licences.csv").is_file():
        changes.append("no licences.csv (older package): no licence rows")
    return changes


def upgrade_package(path: str | os.PathLike[str], out: str | os.PathLike[str]) -> list[str]:
    """Write the older package at ``path`` as a current one in ``out``; return what changed.

    Bed figures get ``bed_scope`` ``unknown`` (the older package did not say), other
    observations an empty scope; hospitals get empty ``aliases`` and ``licensed``
    ``unknown`` where it was empty. Nothing else changes; ``path`` is not touched.
    """
    root = Path(path)
    changes = legacy_changes(root)
    frames: dict[str, pd.DataFrame] = {}
    for name in RESOURCES:
        file = root / f"{name}.csv"
        if file.is_file():
            frames[name] = pd.read_csv(file, dtype=str, keep_default_na=False, encoding="utf-8-sig")
        else:
            frames[name] = pd.DataFrame({c: pd.Series(dtype="object") for c in COLUMNS[name]})
    obs = frames["observations"]
    if "bed_scope" not in obs.columns:
        obs["bed_scope"] = obs["indicator"].map(lambda i: "unknown" if i in BED_INDICATORS else "")
    hosp = frames["hospitals"]
    if "aliases" not in hosp.columns:
        hosp["aliases"] = ""
    hosp["licensed"] = hosp["licensed"].replace("", "unknown")
    if "derived" not in frames["official_series"].columns:
        frames["official_series"]["derived"] = "false"
    write_package(Evidence(**frames), out)
    return changes
