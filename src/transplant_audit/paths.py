"""Where things live: the bundled data package and an investigation's home directory."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_dir

HOME_ENV = "TRANSPLANT_AUDIT_HOME"
DB_ENV = "TRANSPLANT_AUDIT_DB"
CACHE_ENV = "TRANSPLANT_AUDIT_CACHE_DIR"

SQLITE_FILENAME = "store.sqlite"
"""Name of the SQLite store inside the home directory (here so that checking for a
store does not import SQLAlchemy)."""


def bundled_package_dir() -> Path:
    """Directory of the data package shipped with transplant-audit.

    An installed wheel carries it as ``transplant_audit/_bundled_data``; a source
    checkout (editable install) uses ``data/`` at the repository root.
    """
    here = Path(__file__).resolve().parent
    installed = here / "_bundled_data"
    if (installed / "datapackage.json").is_file():
        return installed
    return here.parents[1] / "data"


def home_dir(home: str | os.PathLike[str] | None = None) -> Path:
    """The investigation's home: ``--home``, else ``$TRANSPLANT_AUDIT_HOME``, else per user."""
    if home is not None:
        return Path(home).expanduser()
    env = os.environ.get(HOME_ENV)
    if env:
        return Path(env).expanduser()
    return Path(user_data_dir("transplant-audit", appauthor=False))


def cache_dir() -> Path:
    """Rebuildable caches: ``$TRANSPLANT_AUDIT_CACHE_DIR``, else the platform cache dir."""
    from platformdirs import user_cache_dir

    env = os.environ.get(CACHE_ENV)
    return Path(env) if env else Path(user_cache_dir("transplant-audit", appauthor=False))
