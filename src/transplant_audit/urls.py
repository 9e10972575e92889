"""One policy for URLs and free text that end up in WARC headers, the store or the report.

A URL is accepted only if it is an absolute ``http``/``https`` URI (RFC 3986;
an IRI with Chinese characters is accepted when its RFC 3987 encoding is a
valid URI) with a host and no control character or whitespace anywhere. Free
text (a note, a title, a reviewer's name) may not hold control characters other
than tab and newline. Header values (one line each) may not hold any.

The report uses :func:`is_web_url` to decide what becomes a link, so capture and
report share one definition (issue 10, holes 2 and 3).
"""

from __future__ import annotations

import unicodedata

import rfc3986
from rfc3986 import exceptions as rfc_exceptions
from rfc3986 import validators

from transplant_audit import error_codes as codes
from transplant_audit.errors import DataError

WEB_SCHEMES = ("http", "https")

_VALIDATOR = (
    validators.Validator()
    .allow_schemes(*WEB_SCHEMES)
    .require_presence_of("scheme", "host")
    .check_validity_of("scheme", "userinfo", "host", "port", "path", "query", "fragment")
)


def _bad_char(value: str, allowed: str = "") -> tuple[int, str] | None:
    """First control character (Unicode category Cc, or a line/paragraph separator)."""
    for i, ch in enumerate(value):
        if ch in allowed:
            continue
        if unicodedata.category(ch) in ("Cc", "Zl", "Zp"):
            return i, ch
    return None


def url_problem(value: str) -> str | None:
    """Why ``value`` is not an acceptable http(s) URL, or ``None`` when it is."""
    if not value:
        return "is empty"
    bad = _bad_char(value)
    if bad is not None:
        return f"holds a control character {bad[1]!r} at position {bad[0]}"
    for i, ch in enumerate(value):
        if ch.isspace() or unicodedata.category(ch) == "Zs":
            return f"holds whitespace {ch!r} at position {i} (percent-encode it as %20)"
    try:
        ref = rfc3986.iri_reference(value).encode().normalize()
        _VALIDATOR.validate(ref)
    except rfc_exceptions.UnpermittedComponentError:
        return "is not an http or https URL (only these may be captured or linked)"
    except rfc_exceptions.MissingComponentError as exc:
        missing = ", ".join(exc.args[2]) if len(exc.args) > 2 else "a component"
        return f"is not an absolute http(s) URL (no {missing})"
    except (rfc_exceptions.RFC3986Exception, ValueError, UnicodeError) as exc:
        return f"is not a valid URL (RFC 3986): {exc.args[0] if exc.args else exc}"
    return None


def source_url_problem(value: str) -> str | None:
    """Why ``value`` cannot be a source's URL in a data package, or ``None``: a web URL
    (:func:`url_problem`) or the ``file:`` URI of a document captured from disk (what
    ``capture PATH`` records, ``file:///...``, no control character or whitespace). Any
    other scheme (``javascript:``, ``data:``) is refused: it would be script, not a source."""
    if value.startswith("file:///"):
        rest = value[len("file://") :]
        if _bad_char(rest) is None and not any(ch.isspace() for ch in rest):
            return None
    return url_problem(value)


def is_web_url(value: object) -> bool:
    """True for a string that :func:`url_problem` accepts (the only kind made a link)."""
    return isinstance(value, str) and url_problem(value) is None


def check_url(value: str, field: str) -> str:
    """Return ``value`` unchanged, or raise ``DataError`` naming ``field`` and the reason."""
    problem = url_problem(value)
    if problem is not None:
        raise DataError(
            file="command line",
            field=field,
            reason=f"URL {problem}",
            value=value,
            code=codes.BadUrl,
        )
    return value


def text_problem(value: str, *, single_line: bool = False) -> str | None:
    """Why free text is refused (a control character; tab and newline are allowed unless
    ``single_line``), or ``None``."""
    bad = _bad_char(value, "" if single_line else "\t\n")
    if bad is None:
        return None
    kind = "a line break or control character" if single_line else "a control character"
    return f"holds {kind} {bad[1]!r} at position {bad[0]}"


def check_text(value: str | None, field: str, *, single_line: bool = False) -> str | None:
    """Refuse control characters in free text (tab and newline allowed unless ``single_line``)."""
    if value is None:
        return None
    problem = text_problem(value, single_line=single_line)
    if problem is not None:
        raise DataError(
            file="command line",
            field=field,
            reason=problem,
            value=value,
            code=codes.ControlCharacter,
        )
    return value
