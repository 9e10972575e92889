"""Options shared by every command that reads or writes an investigation's store."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

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
