"""Options shared by every command that reads or writes an investigation's store."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

F = TypeVar("F", bound=Callable[..., Any])

HomeOption = Annotated[
    Path | None,
    typer.Option(
        "--home",
        help=(
            "The investigation's home directory (holds store.sqlite, archive/ and the ledger). "
            "Default: $TRANSPLANT_AUDIT_HOME, else a per-user data directory."
        ),
        show_default=False,
    ),
]
DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        help=(
            "Database URL of the store, e.g. postgresql+psycopg://user:password@host/db. "
            "Default: $TRANSPLANT_AUDIT_DB, else store.sqlite in the home directory."
        ),
        show_default=False,
    ),
]


# --- one JSON convention (README "JSON output") -------------------------------------------
# Commands that write JSON to a file take ``--json PATH``; ``--json -`` writes it to stdout
# instead (and moves tables and progress to stderr, so stdout holds JSON only). Commands
# that print JSON take the flag ``--json``. Both forms stay, because scripts rely on them.

JSON_STDOUT = "-"


def json_to_stdout(path: object) -> bool:
    """True for ``--json -``."""
    return path is not None and str(path) == JSON_STDOUT


def json_path_aware(console: Any, option: str = "json_out") -> Callable[[F], F]:
    """Wrap a command so that with ``--json -`` its ``console`` prints to stderr."""

    def wrap(func: F) -> F:
        @functools.wraps(func)
        def run(*args: Any, **kwargs: Any) -> Any:
            if not json_to_stdout(kwargs.get(option)):
                return func(*args, **kwargs)
            before = console.stderr
            console.stderr = True
            try:
                return func(*args, **kwargs)
            finally:
                console.stderr = before

        return run  # type: ignore[return-value]

    return wrap


def write_text_atomic(path: Path, text: str) -> None:
    """Write ``text`` (UTF-8) to a temp file beside ``path``, then rename (never half-written).

    An output path that cannot be written (a directory, a path under a file, no
    permission) is a ``DataError`` naming it: one line and exit 2, no temp file left.
    """
    from transplant_audit.fileerrors import write_bytes_atomic

    write_bytes_atomic(path, text.encode("utf-8"))


def write_json_output(path: Path, text: str, console: Any) -> None:
    """Write JSON ``text`` to ``path`` atomically and say so, or to stdout for ``-``."""
    if not text.endswith("\n"):
        text += "\n"
    if json_to_stdout(path):
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    write_text_atomic(path, text)
    console.print(f"wrote {path}")
