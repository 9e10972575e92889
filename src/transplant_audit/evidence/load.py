"""Where the evidence comes from: the store when it holds an import, else the bundled package.

Every command and the Python API get their ``Evidence`` through
``load_evidence``, so a new user sees real data at once (the bundled package)
and an investigator who imported their own package sees theirs.
"""

from __future__ import annotations

import csv
import hashlib
import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from transplant_audit.paths import DB_ENV, bundled_package_dir, cache_dir, home_dir

if TYPE_CHECKING:
    from transplant_audit.evidence.frames import Evidence

# Code whose change can change a validation verdict: part of the cache key.
_VALIDATOR_MODULES = ("package.py", "vocabulary.py", "frames.py")


def store_exists(home: str | os.PathLike[str] | None = None, db: str | None = None) -> bool:
    """True when a store is configured (``db`` / ``$TRANSPLANT_AUDIT_DB``) or the home has one.

    Checking never creates anything: reading evidence must not leave files behind.
    """
    from transplant_audit.paths import SQLITE_FILENAME

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
                evidence = store.evidence()
                if evidence.hospitals.empty and evidence.observations.empty:
                    _warn_empty_store(store.display_url, len(evidence.sources), home, db)
                return evidence
    return read_bundled()


def _warn_empty_store(where: str, sources: int, home: object, db: str | None) -> None:
    """The store has only captured sources: say so, and how to start from the bundled data."""
    import warnings

    from transplant_audit.errors import EmptyStoreWarning

    flags = f" --home {home}" if home is not None else ""
    flags += f" --db {db}" if db else ""
    warnings.warn(
        EmptyStoreWarning(
            f"the store {where} holds {sources} source(s) but no hospitals or observations "
            "(captures were made, no data package imported), so this shows an empty store; "
            f"to start from the bundled data, run: transplant-audit import --bundled{flags}"
        ),
        stacklevel=3,
    )


def read_bundled() -> Evidence:
    """The data package shipped with transplant-audit, validated once per content.

    Validating takes about as long as everything else a small command does, and the
    bundled package only changes with a new release; so a successful validation is
    recorded in the cache directory under a key over the package's bytes, the
    validator's code and the frictionless version. Only successes are recorded:
    an invalid package is validated (and reported) every time.
    """
    from transplant_audit.evidence.package import read_package

    root = Path(bundled_package_dir())
    marker = _validated_marker(root)
    if marker.is_file():
        return read_package(root, validate=False)
    evidence = read_package(root)
    try:
        marker.parent.mkdir(parents=True, exist_ok=True)
        marker.write_text(str(root) + "\n", "utf-8")
    except OSError:
        pass  # a read-only cache only costs the validation again next time
    return evidence


def validated_bundled_dir() -> Path | None:
    """The bundled package's directory if these exact bytes were validated before, else None.

    Lets a command that needs only a resource or two read the CSV files directly
    (``read_rows``) instead of loading every resource with pandas.
    """
    root = Path(bundled_package_dir())
    return root if _validated_marker(root).is_file() else None


def _validated_marker(root: Path) -> Path:
    """The cache file that records a successful validation of ``root``'s exact bytes."""
    return cache_dir() / "validated" / validation_key(root)


def read_rows(
    root: Path, resource: str, columns: Sequence[str] | None = None
) -> list[dict[str, str]]:
    """The rows of ``root/<resource>.csv`` as text (a missing cell is ""); only ``columns``."""
    with (root / f"{resource}.csv").open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        keep = list(columns) if columns is not None else list(reader.fieldnames or [])
        return [{c: row.get(c) or "" for c in keep} for row in reader]


def validation_key(root: Path) -> str:
    """sha256 over every file of the package and the code that validates it."""
    from importlib.metadata import PackageNotFoundError, version

    digest = hashlib.sha256()
    for file in sorted(p for p in root.rglob("*") if p.is_file()):
        digest.update(file.relative_to(root).as_posix().encode() + b"\0")
        digest.update(file.read_bytes() + b"\0")
    here = Path(__file__).resolve().parent
    for name in _VALIDATOR_MODULES:
        digest.update((here / name).read_bytes() + b"\0")
    try:
        digest.update(version("frictionless").encode())
    except PackageNotFoundError:
        digest.update(b"no-frictionless")
    return digest.hexdigest()
