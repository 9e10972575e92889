"""Every error code the toolkit emits, declared once: code, title, message template.

Modelled on frictionless-py's ``errors`` (a class per error with its ``type``,
``title``, ``template`` and ``description``): each code here is a subclass of
``ErrorType``, registered in ``CATALOGUE`` by its code. ``DataError`` stays the
exception that carries file, row, field and value; its ``code`` is one of these
(call sites pass the class, e.g. ``code=codes.BadNumber``, or build the whole error
with ``codes.BadNumber.error(file, row=..., field=...)``, which fills in the
template). Codes never change once published (tests and users match on them); the
documented list in docs/errors.md is generated from this module by
``python tools/gen_error_docs.py``, and a test fails on any code in src/ that is not
declared here.

Frictionless's own findings are reported as ``frictionless-<type>`` for its error
types (``FRICTIONLESS_TYPES``, the types of frictionless 5; any other becomes
``frictionless-error``), except those mapped onto ours (``FRICTIONLESS_MAPPED``).
"""

from __future__ import annotations

from typing import Any, ClassVar

from transplant_audit.errors import DataError

CATALOGUE: dict[str, type[ErrorType]] = {}
"""Code -> its declared type, in declaration order."""

AREAS: dict[str, str] = {
    "general": "General",
    "package": "Data package validation (validate, import, read_package)",
    "store": "Store import",
    "capture": "Capture",
    "extract": "Extraction",
    "forensics": "Forensics input",
    "estimate": "Assumption overrides (estimate --assumptions)",
    "limits": "Limits on untrusted input (docs/security.md)",
    "build": "Building the bundled package (tools/build_data_package.py)",
    "registry": "Registry import (registry import FILE)",
    "frictionless": "Frictionless findings",
}


class ErrorType:
    """A declared error: its stable ``code``, a short ``title``, the message
    ``template`` (``str.format`` fields filled by ``error``) and the ``area``."""

    code: ClassVar[str] = ""
    title: ClassVar[str] = ""
    template: ClassVar[str] = ""
    area: ClassVar[str] = "general"

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if not cls.code:
            return
        if cls.code in CATALOGUE:
            raise TypeError(f"error code {cls.code!r} declared twice")
        if cls.area not in AREAS:
            raise TypeError(f"error code {cls.code!r}: unknown area {cls.area!r}")
        CATALOGUE[cls.code] = cls

    @classmethod
    def error(
        cls,
        file: str,
        *,
        row: int | None = None,
        field: str | None = None,
        value: object | None = None,
        reason: str | None = None,
        **params: Any,
    ) -> DataError:
        """A ``DataError`` with this code; ``reason`` defaults to the filled template."""
        return DataError(
            file=file,
            reason=reason if reason is not None else cls.template.format(**params),
            row=row,
            field=field,
            value=value,
            code=cls.code,
        )


class GenericDataError(ErrorType):
    code = "data-error"
    title = "Bad input"
    template = "{reason}"
    area = "general"


class CannotWrite(ErrorType):
    code = "cannot-write"
    title = "Output cannot be written"
    template = "cannot write the output: {reason}"
    area = "general"


class NoPackage(ErrorType):
    code = "no-package"
    title = "Not a package directory"
    template = "not a directory"
    area = "package"


class NoDescriptor(ErrorType):
    code = "no-descriptor"
    title = "No datapackage.json"
    template = "missing: not a data package directory"
    area = "package"


class BadDescriptor(ErrorType):
    code = "bad-descriptor"
    title = "Unreadable descriptor"
    template = "datapackage.json is not valid JSON or does not declare a resource"
    area = "package"


class SchemaMismatch(ErrorType):
    code = "schema-mismatch"
    title = "Table schema differs from ours"
    template = "table schema differs from ours (write it with write_package)"
    area = "package"


class BadResourcePath(ErrorType):
    code = "bad-resource-path"
    title = "Resource path is not NAME.csv"
    template = "resource path must be {name}.csv inside the package"
    area = "package"


class SymlinkOut(ErrorType):
    code = "symlink-out"
    title = "Symlink out of the package"
    template = "is a symbolic link to a file outside the package; refused"
    area = "package"


class HashMismatch(ErrorType):
    code = "hash-mismatch"
    title = "File differs from its declared hash"
    template = "the file changed after the package was written; rebuild it"
    area = "package"


class MissingResource(ErrorType):
    code = "missing-resource"
    title = "Resource file missing"
    template = "resource file is missing"
    area = "package"


class MissingColumn(ErrorType):
    code = "missing-column"
    title = "Column missing"
    template = "missing columns {columns}"
    area = "package"


class EncodingError(ErrorType):
    code = "encoding-error"
    title = "Not UTF-8"
    template = "not UTF-8 text (save the file as UTF-8)"
    area = "general"


class BlankHeader(ErrorType):
    code = "blank-header"
    title = "Empty file"
    template = "the file is empty (no header)"
    area = "package"


class BadHeader(ErrorType):
    code = "bad-header"
    title = "Wrong header"
    template = "header must be {columns}"
    area = "package"


class MalformedCsv(ErrorType):
    code = "malformed-csv"
    title = "Malformed CSV"
    template = "malformed CSV: {detail}"
    area = "package"


class WrongColumnCount(ErrorType):
    code = "wrong-column-count"
    title = "Wrong number of cells"
    template = "row has {cells} cells, the header has {columns}"
    area = "package"


class MissingValue(ErrorType):
    code = "missing-value"
    title = "Required value missing"
    template = "a value is required here"
    area = "package"


class MissingSourceId(ErrorType):
    code = "missing-source-id"
    title = "Source id missing"
    template = "a value is required here"
    area = "package"


class BadNumber(ErrorType):
    code = "bad-number"
    title = "Not a number"
    template = "not a number"
    area = "package"


class BadInteger(ErrorType):
    code = "bad-integer"
    title = "Not a whole number"
    template = "not a whole number"
    area = "package"


class BadBoolean(ErrorType):
    code = "bad-boolean"
    title = "Not true/false"
    template = "must be 'true' or 'false'"
    area = "package"


class BadDate(ErrorType):
    code = "bad-date"
    title = "Not a date"
    template = "not a date (use YYYY, YYYY-MM or YYYY-MM-DD)"
    area = "package"


class BadPattern(ErrorType):
    code = "bad-pattern"
    title = "Does not match the pattern"
    template = "does not match the pattern {pattern} (whole value)"
    area = "package"


class DuplicateId(ErrorType):
    code = "duplicate-id"
    title = "Duplicate id"
    template = "duplicate {key}: already used on row {first}"
    area = "package"


class DanglingSourceId(ErrorType):
    code = "dangling-source-id"
    title = "Unknown source id"
    template = "no source with this id in sources.csv"
    area = "package"


class UnknownIndicator(ErrorType):
    code = "unknown-indicator"
    title = "Unknown indicator"
    template = "unknown indicator; see the vocabulary"
    area = "package"


class WrongUnit(ErrorType):
    code = "wrong-unit"
    title = "Not the indicator's unit"
    template = "unit must be the indicator's canonical unit {unit}"
    area = "package"


class NegativeValue(ErrorType):
    code = "negative-value"
    title = "Negative count"
    template = "a count, amount, duration, year, rank or rate cannot be negative"
    area = "package"


class OutOfRange(ErrorType):
    code = "out-of-range"
    title = "Value out of range"
    template = "value outside what the indicator can be"
    area = "package"


class FutureDate(ErrorType):
    code = "future-date"
    title = "Date in the future"
    template = "date is in the future (today is {today})"
    area = "package"


class BadPeriod(ErrorType):
    code = "bad-period"
    title = "Period ends before it starts"
    template = "the period ends before it starts"
    area = "package"


class BadRange(ErrorType):
    code = "bad-range"
    title = "High below low"
    template = "a claim's high is below its low, or a count is negative"
    area = "package"


class UnknownQualifier(ErrorType):
    code = "unknown-qualifier"
    title = "Unknown qualifier"
    template = "unknown qualifier; allowed: {allowed}"
    area = "package"


class UnknownStatus(ErrorType):
    code = "unknown-status"
    title = "Unknown status"
    template = "unknown status; allowed: {allowed}"
    area = "package"


class UnknownOrgan(ErrorType):
    code = "unknown-organ"
    title = "Unknown organ"
    template = "unknown organ; allowed: {allowed}"
    area = "package"


class UnknownParty(ErrorType):
    code = "unknown-party"
    title = "Unknown party"
    template = "unknown party; allowed: {allowed}"
    area = "package"


class UnknownKind(ErrorType):
    code = "unknown-kind"
    title = "Unknown source kind"
    template = "unknown kind; allowed: {allowed}"
    area = "package"


class UnknownHospital(ErrorType):
    code = "unknown-hospital"
    title = "Unknown hospital"
    template = "no hospital with this id in hospitals.csv"
    area = "package"


class ConstraintError(ErrorType):
    code = "constraint-error"
    title = "Frictionless constraint"
    template = "frictionless constraint-error: {note}"
    area = "package"


class BadValue(ErrorType):
    code = "bad-value"
    title = "Cell cannot be stored"
    template = "{reason}"
    area = "store"


class DanglingReference(ErrorType):
    code = "dangling-reference"
    title = "Reference to nothing"
    template = "refers to a {what} that does not exist"
    area = "store"


class EmptyPageList(ErrorType):
    code = "empty-list"
    title = "Page list without pages"
    template = "lists no page"
    area = "capture"


class BadPageRow(ErrorType):
    code = "bad-row"
    title = "Bad row of a page list"
    template = "{reason}"
    area = "capture"


class DecisionRefused(ErrorType):
    code = "refused"
    title = "A decision of a decisions file was refused"
    template = "{reason}"
    area = "extract"


class MissingPath(ErrorType):
    code = "missing-path"
    title = "No such file"
    template = "no such file"
    area = "general"


class NotAFile(ErrorType):
    code = "not-a-file"
    title = "Not a regular file (a directory, a device)"
    template = "not a regular file"
    area = "general"


class Unreadable(ErrorType):
    code = "unreadable"
    title = "Cannot be read"
    template = "cannot be read: {reason}"
    area = "general"


class EmptyFile(ErrorType):
    code = "empty-file"
    title = "Empty file"
    template = "the file is empty: nothing to capture"
    area = "capture"


class UnknownSource(ErrorType):
    code = "unknown-source"
    title = "Unknown source id"
    template = "no source with this id in the store"
    area = "capture"


class FetchFailed(ErrorType):
    code = "fetch-failed"
    title = "Download failed"
    template = "could not fetch the URL: {reason}"
    area = "capture"


class ChangedDuringCapture(ErrorType):
    code = "changed-during-capture"
    title = "File changed while captured"
    template = "the file changed while it was being captured; capture it again"
    area = "capture"


class UndecodableCharset(ErrorType):
    code = "undecodable-charset"
    title = "No charset decodes it"
    template = "looks like {media_type} but decodes under no known charset"
    area = "capture"


class BadManifest(ErrorType):
    code = "bad-manifest"
    title = "Unreadable manifest"
    template = "not a manifest: {reason}"
    area = "capture"


class TooLarge(ErrorType):
    code = "too-large"
    title = "Document too large"
    template = "the document is larger than the limit"
    area = "extract"


class BinaryDocument(ErrorType):
    code = "binary-document"
    title = "Binary data"
    template = "binary data: not an HTML, PDF or text document"
    area = "extract"


class BadPdf(ErrorType):
    code = "bad-pdf"
    title = "Damaged PDF"
    template = "PDF is damaged or truncated and could not be read"
    area = "extract"


class EncryptedPdf(ErrorType):
    code = "encrypted-pdf"
    title = "Encrypted PDF"
    template = "the PDF is encrypted"
    area = "extract"


class BadCsv(ErrorType):
    code = "bad-csv"
    title = "Unreadable series CSV"
    template = "cannot read the CSV: {reason}"
    area = "forensics"


class BadYear(ErrorType):
    code = "bad-year"
    title = "Not a year"
    template = "not a year"
    area = "forensics"


class DuplicateYear(ErrorType):
    code = "duplicate-year"
    title = "Year twice"
    template = "year {year} appears twice"
    area = "forensics"


class NegativeCount(ErrorType):
    code = "negative-count"
    title = "Negative count"
    template = "counts cannot be negative"
    area = "forensics"


class NonIntegerCount(ErrorType):
    code = "non-integer-count"
    title = "Not a whole count"
    template = "this test needs whole-number counts"
    area = "forensics"


class TooFewPoints(ErrorType):
    code = "too-few-points"
    title = "Too few years"
    template = "a series needs at least {min_points} years for these tests"
    area = "forensics"


class Gap(ErrorType):
    code = "gap"
    title = "Missing years"
    template = "cannot difference a cumulative series with missing years"
    area = "forensics"


class FallingCumulative(ErrorType):
    code = "falling-cumulative"
    title = "Running total falls"
    template = "a cumulative count cannot fall"
    area = "forensics"


class UnknownSeries(ErrorType):
    code = "unknown-series"
    title = "Unknown series"
    template = "no series named {name}"
    area = "forensics"


class BadWindow(ErrorType):
    code = "bad-window"
    title = "Bad year window"
    template = "years must be (first, last)"
    area = "forensics"


class BadRule(ErrorType):
    code = "bad-rule"
    title = "Unknown conflict rule"
    template = "conflict rule must be one of {rules}"
    area = "forensics"


class Conflict(ErrorType):
    code = "conflict"
    title = "Conflicting values"
    template = "conflicting values for one year"
    area = "forensics"


class UnknownSourceUrl(ErrorType):
    code = "unknown-source-url"
    title = "URL without a source row"
    template = "URL has no source row (add it to data-src/extra_sources.csv)"
    area = "build"


class MissingBedScope(ErrorType):
    code = "missing-bed-scope"
    title = "Bed figure without a bed scope"
    template = "{indicator} is a bed figure: bed_scope is required (use 'unknown')"
    area = "package"


class BadBedScope(ErrorType):
    code = "bad-bed-scope"
    title = "Bed scope unknown or inconsistent with the indicator"
    template = "bed_scope {scope} does not fit {indicator}"
    area = "package"


class UnknownLicensed(ErrorType):
    code = "unknown-licensed"
    title = "Licence status not true, false or unknown"
    template = "unknown licensed; allowed: {allowed}"
    area = "package"


class BadLanguage(ErrorType):
    code = "bad-language"
    title = "Not a language code"
    template = "an ISO 639-1 code (two letters) or empty"
    area = "build"


class UnknownObservation(ErrorType):
    code = "unknown-observation"
    title = "Mapping names an observation that is not built"
    template = "no such observation (stale mapping: regenerate the row)"
    area = "build"


class StaleMapping(ErrorType):
    code = "stale-mapping"
    title = "Mapping row no longer matches its observation"
    template = "observation is {actual}, not this"
    area = "build"


class UnknownId(ErrorType):
    code = "unknown-id"
    title = "Derived row names a row that does not exist"
    template = "no official_series row with this id"
    area = "build"


class NoInput(ErrorType):
    code = "no-input"
    title = "Input missing"
    template = "input file missing"
    area = "build"


class BadUrl(ErrorType):
    code = "bad-url"
    title = "Not an absolute http(s) URL"
    template = "URL {problem}"
    area = "capture"


class ControlCharacter(ErrorType):
    code = "control-character"
    title = "A control character in text or a header"
    template = "holds a control character {char!r}"
    area = "capture"


class BadPublicKey(ErrorType):
    code = "bad-public-key"
    title = "Not an Ed25519 public key"
    template = "not an Ed25519 public key (want a PEM public key or 64 hex digits)"
    area = "capture"


class NotFinite(ErrorType):
    code = "not-finite"
    title = "An assumption bound or draw that is not a finite number"
    template = "{what} must be a finite number no larger than {limit} in size"
    area = "estimate"


class PdfTooLargeInflated(ErrorType):
    code = "pdf-too-large-inflated"
    title = "PDF inflates beyond the limit"
    template = "PDF inflates to more than {limit} bytes"
    area = "limits"


class PdfTooManyPages(ErrorType):
    code = "pdf-too-many-pages"
    title = "PDF has more pages than the limit"
    template = "PDF has {pages} pages, over the limit of {limit}"
    area = "limits"


class YamlTooLarge(ErrorType):
    code = "yaml-too-large"
    title = "YAML file larger than the limit"
    template = "file has more than {limit} bytes"
    area = "limits"


class YamlTooManyAliases(ErrorType):
    code = "yaml-too-many-aliases"
    title = "YAML file with more aliases than the limit"
    template = "more than {limit} aliases"
    area = "limits"


class YamlTooDeep(ErrorType):
    code = "yaml-too-deep"
    title = "YAML file nested deeper than the limit"
    template = "nested more than {limit} levels deep"
    area = "limits"


class YamlTooManyNodes(ErrorType):
    code = "yaml-too-many-nodes"
    title = "YAML file whose aliases expand beyond the limit ('billion laughs')"
    template = "expands to {nodes} nodes, over the limit of {limit}"
    area = "limits"


FRICTIONLESS_TYPES: tuple[str, ...] = (
    "ascii-value",
    "blank-header",
    "blank-label",
    "blank-row",
    "byte-count",
    "catalog-error",
    "cell-error",
    "check-error",
    "checklist-error",
    "compression-error",
    "control-error",
    "data-error",
    "dataset-error",
    "detector-error",
    "deviated-cell",
    "deviated-value",
    "dialect-error",
    "duplicate-label",
    "duplicate-row",
    "encoding-error",
    "extra-cell",
    "extra-label",
    "field-count",
    "field-error",
    "file-error",
    "forbidden-value",
    "foreign-key",
    "format-error",
    "hash-count",
    "header-error",
    "incorrect-label",
    "inquiry-error",
    "inquiry-task-error",
    "label-error",
    "metadata-error",
    "missing-cell",
    "missing-label",
    "package-error",
    "pipeline-error",
    "primary-key",
    "report-error",
    "report-task-error",
    "required-value",
    "resource-error",
    "row-constraint",
    "row-count",
    "row-error",
    "schema-error",
    "scheme-error",
    "sequential-value",
    "source-error",
    "stats-error",
    "step-error",
    "table-dimensions",
    "table-error",
    "truncated-value",
    "type-error",
    "unique-error",
    "unmatched-header",
)
"""Frictionless 5's error types, reported as ``frictionless-<type>`` (constraint-error
is reported under its own name, see ``ConstraintError``; the base type ``error`` and
any type not listed as ``frictionless-error``)."""


class RegistryImport(ErrorType):
    code = "registry-import"
    title = "Bad registry case row"
    template = "{reason}"
    area = "registry"
    # the value is never shown: a row may hold a national identifier or birth date


class FrictionlessError(ErrorType):
    code = "frictionless-error"
    title = "Frictionless finding of another type"
    template = "frictionless {type}: {note}"
    area = "frictionless"


def _frictionless_type(ftype: str) -> type[ErrorType]:
    name = "Frictionless" + "".join(p.capitalize() for p in ftype.split("-"))
    return type(
        name,
        (ErrorType,),
        {
            "code": f"frictionless-{ftype}",
            "title": f"Frictionless {ftype}",
            "template": "frictionless " + ftype + ": {note}",
            "area": "frictionless",
        },
    )


FRICTIONLESS: dict[str, type[ErrorType]] = {t: _frictionless_type(t) for t in FRICTIONLESS_TYPES}

FRICTIONLESS_MAPPED: dict[str, type[ErrorType]] = {
    "type-error": BadValue,
    "constraint-error": ConstraintError,
    "primary-key": DuplicateId,
    "foreign-key": DanglingSourceId,
    "unique-error": DuplicateId,
    "missing-cell": WrongColumnCount,
    "extra-cell": WrongColumnCount,
    "hash-count": HashMismatch,
    "byte-count": HashMismatch,
    "encoding-error": EncodingError,
}
"""Frictionless error types reported under one of our codes."""

UNKNOWN_VALUE: dict[str, type[ErrorType]] = {
    "qualifier": UnknownQualifier,
    "status": UnknownStatus,
    "organ": UnknownOrgan,
    "party": UnknownParty,
    "kind": UnknownKind,
    "licensed": UnknownLicensed,
}
"""Vocabulary -> the error for a value outside it."""


def frictionless_code(ftype: str, *, mapped: bool = True) -> type[ErrorType]:
    """The declared type a Frictionless error type is reported as."""
    if mapped and ftype in FRICTIONLESS_MAPPED:
        return FRICTIONLESS_MAPPED[ftype]
    if ftype == "constraint-error":
        return ConstraintError
    return FRICTIONLESS.get(ftype, FrictionlessError)


MERGED: dict[str, type[ErrorType]] = {
    "missing-file": MissingPath,
    "bad-encoding": EncodingError,
    "is-directory": NotAFile,
}
"""Codes that meant the same as another and were merged into it (the kept one was the
documented, more widely used code). No command emits the old code any more."""

MissingFile = MissingPath  # was "missing-file" (extract, forensics --csv)
PageListEncoding = EncodingError  # was "bad-encoding" (capture --pages, YAML overrides)
IsDirectory = NotAFile  # was "is-directory" (capture DIR)


def declared(code: str) -> bool:
    """True when ``code`` is in the catalogue."""
    return code in CATALOGUE


def markdown() -> str:
    """docs/errors.md, generated from the catalogue (``python tools/gen_error_docs.py``)."""
    lines = [
        "# Error codes",
        "",
        "<!-- Generated by `python tools/gen_error_docs.py` from",
        "src/transplant_audit/error_codes.py; do not edit by hand. -->",
        "",
        "Every error the toolkit reports about bad input ends with its code in brackets,",
        "e.g. `observations.csv, row 5, field 'value': not a number (got 'x') [bad-number]`,",
        "and `validate`/`import --json` report the same codes. Codes never change once",
        "published, except when two meant the same thing and were merged (the list at the",
        "end); scripts may match on them. The message shown is the template below with",
        "its fields filled in (some call sites say more).",
        "",
    ]
    for area, heading in AREAS.items():
        members = [t for t in CATALOGUE.values() if t.area == area]
        if not members:
            continue
        lines += [f"## {heading}", "", "| code | what | message |", "|---|---|---|"]
        for t in members:
            template = t.template.replace("|", "\\|")
            lines.append(f"| `{t.code}` | {t.title} | {template} |")
        lines.append("")
    lines += [
        "## Merged codes",
        "",
        "Two codes that said the same thing were merged into the one kept below; scripts",
        "matching the old code should match the new one.",
        "",
        "| old code | now reported as |",
        "|---|---|",
    ]
    lines += [f"| `{old}` | `{new.code}` |" for old, new in MERGED.items()]
    lines.append("")
    return "\n".join(lines)
