"""Import every module that declares tables on ``Base``, so Alembic sees them all.

Alembic's ``env.py`` and the schema-equals-migrations test import this module
and use ``Base.metadata``. Areas whose table modules do not exist yet are
skipped, so the store works while they are being written.
"""

from __future__ import annotations

import importlib

from transplant_audit.evidence import schema  # noqa: F401  (core tables)
from transplant_audit.evidence.base import Base

TABLE_MODULES: tuple[str, ...] = (
    "transplant_audit.evidence.schema",
    "transplant_audit.evidence.archive_schema",  # capture engineer: archive + ledger
    "transplant_audit.extract.review_schema",  # extraction engineer: review
    "transplant_audit.web.schema",  # workbench: accounts, sessions, security log, jobs
    "transplant_audit.registry.schema",  # registry: cases, near-duplicate queue, centres
)

for _name in TABLE_MODULES[1:]:
    try:
        importlib.import_module(_name)
    except ModuleNotFoundError as exc:  # that area has not landed its tables yet
        if exc.name != _name:
            raise

metadata = Base.metadata
"""The metadata of every table of the store."""
