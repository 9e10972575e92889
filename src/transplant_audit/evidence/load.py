"""Where the evidence comes from: the store when it holds an import, else the bundled package.

Every command and the Python API get their ``Evidence`` through
``load_evidence``, so a new user sees real data at once (the bundled package)
and an investigator who imported their own package sees theirs.
"""

from __future__ import annotations

import os
from pathlib import Path

from transplant_audit.evidence.frames import Evidence
from transplant_audit.paths import DB_ENV, bundled_package_dir, home_dir


def store_exists(home: str | os.PathLike[str] | None = None, db: str | None = None) -> bool:
    """True when a store is configured (``db`` / ``$TRANSPLANT_AUDIT_DB``) or the home has one.

    Checking never creates anything: reading evidence must not leave files behind.
    """
    from transplant_audit.evidence.store import SQLITE_FILENAME

    if db or os.environ.get(DB_ENV):
        return True
    return (home_dir(home) / SQLITE_FILENAME).is_file()


def load_evidence(home: str | os.PathLike[str] | None = None, db: str | None = None) -> Evidence:
    """The store's evidence when it holds an import, else the bundled data package.

    ``home`` is the investigation's home directory (``--home``), ``db`` a database
    URL (``--db``); both default to their environment variables. The returned
    ``Evidence.origin`` says which was used.
    """
    if store_exists(home, db):
        from transplant_audit.evidence.store import Store

        with Store.open(home=home, url=db) as store:
            if store.has_import():
                return store.evidence()
    return read_bundled()


def read_bundled() -> Evidence:
    """The data package shipped with transplant-audit."""
    from transplant_audit.evidence.package import read_package

    return read_package(Path(bundled_package_dir()))
