"""One exception family for the whole toolkit.

The CLI turns any ``TransplantAuditError`` into one clear line on stderr and
exit code 2. ``DataError`` says exactly where bad input is: file, row, field
and reason, so a user can open the file and fix it.
"""

from __future__ import annotations

from dataclasses import dataclass


class TransplantAuditError(Exception):
    """Base class for every error the toolkit raises on purpose."""

    exit_code: int = 2


@dataclass
class DataError(TransplantAuditError):
    """Bad input data. ``row`` is the 1-based line number in the file (header = 1)."""

    file: str
    reason: str
    row: int | None = None
    field: str | None = None
    value: object | None = None
    code: str = "data-error"
    """A code declared in ``transplant_audit.error_codes`` (the declared type may be
    passed: its ``code`` is kept)."""

    def __post_init__(self) -> None:
        self.code = str(getattr(self.code, "code", self.code))
        super().__init__(str(self))

    def __reduce__(self) -> tuple[type, tuple[object, ...]]:
        """Pickle by fields (the report hands errors from its second process to the first)."""
        return type(self), (self.file, self.reason, self.row, self.field, self.value, self.code)

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f", row {self.row}"
        if self.field:
            where += f", field '{self.field}'"
        shown = ""
        if self.value is not None and self.value != "":
            text = str(self.value)
            shown = f" (got {text[:60]!r})"
        return f"{where}: {self.reason}{shown} [{self.code}]"


class ConfigError(TransplantAuditError):
    """A bad option, override file or environment setting."""


class NotEstimableError(TransplantAuditError):
    """A quantity that cannot be estimated from the evidence; carries the reason."""


class HintWarning(UserWarning):
    """Something the user should know and can fix; the CLI prints it as one ``warning:`` line."""


class MissingFontWarning(HintWarning):
    """No embeddable CJK font: the PDF's Chinese text relies on the reader's fonts."""


class EmptyStoreWarning(HintWarning):
    """The store holds captures but no imported evidence: commands show an empty store.

    The command line prints it as one ``warning:`` line with what to do.
    """


class ReportSectionError(TransplantAuditError):
    """A section of the report could not be built; the report is not written."""

    def __init__(self, section: str, cause: BaseException) -> None:
        self.section = section
        super().__init__(f"report section '{section}' failed: {type(cause).__name__}: {cause}")
