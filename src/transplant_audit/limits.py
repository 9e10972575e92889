"""Stated limits for every reader of untrusted input, each raisable by an environment variable.

Small inputs can cost a lot: a 204 KB PDF that inflates to 200 MB, a 485-byte
YAML "billion laughs", a 50 MB text file of which 2 M characters are used
(issue 10, hole 7). Each reader checks its limit before doing the costly work.
Over a hard limit the input is refused with one line naming the limit and the
variable that raises it (exit 2); a long but legitimate text is read as a
bounded stream, with a warning saying how much was read.

The table of limits is data (:data:`LIMITS`), documented in docs/security.md.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from transplant_audit.errors import ConfigError, DataError


@dataclass(frozen=True)
class Limit:
    """One limit: its default, unit, the environment variable that raises it, and why."""

    name: str
    default: int
    unit: str
    env: str
    why: str

    def value(self) -> int:
        """The limit in force: the environment variable if set (a positive integer), else
        the default."""
        raw = os.environ.get(self.env)
        if raw is None or raw.strip() == "":
            return self.default
        try:
            value = int(raw.strip().replace("_", ""))
        except ValueError:
            value = 0
        if value <= 0:
            raise ConfigError(f"{self.env}={raw!r}: must be a positive whole number ({self.unit})")
        return value

    def exceeded(self, file: str, found: str, *, code: str, field: str | None = None) -> DataError:
        """The error for input over this limit: names the limit and how to raise it."""
        return DataError(
            file=file,
            field=field,
            reason=f"{found}, over the limit of {self.value():,} {self.unit} "
            f"({self.why}; raise it with the environment variable {self.env}=N)",
            code=code,
        )


MiB = 1024 * 1024

DOCUMENT_BYTES = Limit(
    "document bytes",
    64 * MiB,
    "bytes",
    "TRANSPLANT_AUDIT_MAX_DOCUMENT_BYTES",
    "largest PDF read whole for extraction",
)
TEXT_BYTES = Limit(
    "text bytes read",
    16 * MiB,
    "bytes",
    "TRANSPLANT_AUDIT_MAX_TEXT_BYTES",
    "HTML and plain text are read as a bounded stream; the rest is skipped with a warning",
)
PDF_PAGES = Limit(
    "PDF pages",
    2_000,
    "pages",
    "TRANSPLANT_AUDIT_MAX_PDF_PAGES",
    "pages a PDF may have",
)
PDF_DECOMPRESSED = Limit(
    "PDF decompressed bytes",
    100 * MiB,
    "bytes",
    "TRANSPLANT_AUDIT_MAX_PDF_DECOMPRESSED_BYTES",
    "total size of a PDF's Flate streams other than images once inflated; a 2,000-page "
    "text report needs some tens of MB",
)
YAML_BYTES = Limit(
    "YAML bytes",
    1 * MiB,
    "bytes",
    "TRANSPLANT_AUDIT_MAX_YAML_BYTES",
    "size of an --assumptions YAML file",
)
YAML_ALIASES = Limit(
    "YAML aliases",
    100,
    "aliases",
    "TRANSPLANT_AUDIT_MAX_YAML_ALIASES",
    "aliases (*name) in an --assumptions YAML file",
)
YAML_DEPTH = Limit(
    "YAML nesting",
    20,
    "levels",
    "TRANSPLANT_AUDIT_MAX_YAML_DEPTH",
    "nesting depth of an --assumptions YAML file",
)
YAML_NODES = Limit(
    "YAML nodes",
    100_000,
    "nodes",
    "TRANSPLANT_AUDIT_MAX_YAML_NODES",
    "nodes of an --assumptions YAML file with every alias expanded (a 'billion laughs' "
    "file is far larger)",
)

REGISTRY_CSV_BYTES = Limit(
    "registry CSV bytes",
    256 * MiB,
    "bytes",
    "TRANSPLANT_AUDIT_MAX_REGISTRY_CSV_BYTES",
    "largest case file `registry import` reads whole (100,000 cases are about 12 MiB)",
)

REQUEST_BYTES = Limit(
    "workbench request bytes",
    1 * MiB,
    "bytes",
    "TRANSPLANT_AUDIT_MAX_REQUEST_BYTES",
    "largest request body the workbench reads, except a document upload (which has its own "
    "limit of 200 MiB); logins, review decisions and case reports are a few KiB",
)

LIMITS: tuple[Limit, ...] = (
    DOCUMENT_BYTES,
    TEXT_BYTES,
    PDF_PAGES,
    PDF_DECOMPRESSED,
    YAML_BYTES,
    YAML_ALIASES,
    YAML_DEPTH,
    YAML_NODES,
    REGISTRY_CSV_BYTES,
    REQUEST_BYTES,
)
