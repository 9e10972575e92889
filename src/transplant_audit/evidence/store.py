"""The evidence store: an investigation's data package in SQLite or PostgreSQL.

``Store.open()`` finds the database (``--db`` URL, else ``$TRANSPLANT_AUDIT_DB``,
else ``store.sqlite`` in the home directory), creates it if needed and upgrades
it to the newest schema with the Alembic migrations shipped in the package.

``import_package`` validates a data package and then upserts all of it in one
transaction (nothing half-imported); ``export_package`` writes the store back
out as a data package, byte-for-byte the same as the one imported when nothing
changed; ``evidence`` hands the pure core its read-only frames.

Concurrency: every writing transaction takes the store's write lock first
(SQLite: ``BEGIN IMMEDIATE`` with a busy timeout; PostgreSQL: a transaction-level
advisory lock), so two imports at once run one after the other.
"""

from __future__ import annotations

import csv
import functools
import io
import math
import os
import re
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    Boolean,
    Engine,
    Float,
    Integer,
    create_engine,
    delete,
    event,
    func,
    insert,
    select,
    update,
)
from sqlalchemy.engine import make_url
from sqlalchemy.exc import IntegrityError, OperationalError, ProgrammingError
from sqlalchemy.orm import Session

from transplant_audit import error_codes as codes
from transplant_audit.errors import ConfigError, DataError, TransplantAuditError
from transplant_audit.evidence.frames import COLUMNS, NATIONAL, OPTIONAL_RESOURCES, Evidence
from transplant_audit.evidence.schema import (
    RESOURCE_MODELS,
    AssumptionSource,
    ImportRun,
    PackageMeta,
    Source,
)
from transplant_audit.fileerrors import temp_dir_beside
from transplant_audit.paths import DB_ENV, SQLITE_FILENAME, home_dir

if TYPE_CHECKING:  # imported lazily: Alembic and pandas take a second to import
    import pandas as pd
    from alembic.config import Config

BUSY_TIMEOUT_SECONDS = 60.0
"""How long a SQLite writer waits for another writer before giving up."""

ADVISORY_LOCK_KEY = 0x7A_2016_0001
"""PostgreSQL advisory lock id of the store's write lock (any fixed 64-bit number)."""

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"

PRIMARY_KEYS: dict[str, str] = {
    name: ("name" if name == "assumptions" else "id") for name in COLUMNS
}
"""Resource -> primary-key column."""

SINGULAR: dict[str, str] = {
    "sources": "source",
    "hospitals": "hospital",
    "observations": "observation",
    "official_series": "official_series",
    "claims": "claim",
    "assumptions": "assumption",
    "reference_series": "reference_series",
    "licences": "licence",
}

LEDGER_KINDS: dict[str, tuple[str, str]] = {
    name: (f"{s}_added", f"{s}_changed") for name, s in SINGULAR.items()
} | {"observations": ("observation_created", "observation_edited")}
"""Resource -> (ledger kind for an added row, for a changed row)."""

REFERENCES: dict[str, dict[str, str]] = {
    "hospitals": {"source_id": "sources"},
    "observations": {"source_id": "sources", "hospital_id": "hospitals"},
    "official_series": {"source_id": "sources"},
    "claims": {"source_id": "sources"},
    "assumptions": {"source_ids": "sources"},
    "reference_series": {"source_id": "sources"},
    "licences": {"source_id": "sources", "hospital_id": "hospitals"},
}
"""Resource -> {column: resource its values must exist in}."""

MULTI_SEPARATOR = ";"


# --------------------------------------------------------------------------- URLs


def resolve_url(home: str | os.PathLike[str] | None = None, url: str | None = None) -> str:
    """The store's URL: ``url``, else ``$TRANSPLANT_AUDIT_DB``, else the home's SQLite file."""
    chosen = url or os.environ.get(DB_ENV)
    if chosen:
        return chosen
    return f"sqlite:///{home_dir(home) / SQLITE_FILENAME}"


def safe_url(url: str) -> str:
    """``url`` with any password hidden, for messages and ``Evidence.origin``."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # noqa: BLE001 - a URL we cannot parse is shown as given
        return url


def alembic_config(url: str | None = None) -> Config:
    """A programmatic Alembic config for the shipped migrations (no alembic.ini needed)."""
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    if url:
        cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


@functools.lru_cache(maxsize=1)
def _shipped_revisions() -> tuple[frozenset[str], frozenset[str]] | None:
    """(every revision id, every parent id) of the shipped migrations, read from the files'
    ``revision`` / ``down_revision`` lines without importing Alembic; None when a file is
    unusual (a merge, a computed id), for the callers to ask Alembic instead."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in (MIGRATIONS_DIR / "versions").glob("*.py"):
        if path.name == "__init__.py":
            continue
        text = path.read_text(encoding="utf-8")
        rev = _REVISION_LINE.search(text)
        down = _DOWN_REVISION_LINE.search(text)
        if rev is None or down is None:
            return None
        revisions.add(rev.group(1))
        if down.group(1) != "None":
            parents.add(down.group(1).strip("\"'"))
    return frozenset(revisions), frozenset(parents)


@functools.lru_cache(maxsize=1)
def head_revisions() -> frozenset[str]:
    """Revision ids of the newest migrations shipped with this version (read once).

    Read from the migration files' ``revision`` / ``down_revision`` lines, so that
    opening an up-to-date store does not import Alembic (a second of start-up);
    anything unusual (a merge, a computed id) falls back to Alembic's own reading.
    """
    shipped = _shipped_revisions()
    heads = shipped[0] - shipped[1] if shipped else frozenset()
    return heads if len(heads) == 1 else _alembic_heads()


_REVISION_LINE = re.compile(r"^revision(?:\s*:\s*str)?\s*=\s*[\"'](\w+)[\"']\s*$", re.M)
_DOWN_REVISION_LINE = re.compile(
    r"^down_revision(?:\s*:[^=]+)?\s*=\s*(None|[\"']\w+[\"'])\s*$", re.M
)


@functools.lru_cache(maxsize=1)
def known_revisions() -> frozenset[str]:
    """Revision ids of every migration shipped with this version (read once; the same
    reading as ``head_revisions``, Alembic's own where a file is unusual)."""
    shipped = _shipped_revisions()
    if shipped is not None:
        return shipped[0]
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config())
    return frozenset(r.revision for r in script.walk_revisions())


def _alembic_heads() -> frozenset[str]:
    from alembic.script import ScriptDirectory

    return frozenset(ScriptDirectory.from_config(alembic_config()).get_heads())


def current_revisions(engine: Engine) -> frozenset[str]:
    """Revisions recorded in the store's ``alembic_version`` table (empty for a new store)."""
    from sqlalchemy import inspect, text

    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return frozenset()
        return frozenset(conn.scalars(text("SELECT version_num FROM alembic_version")))


# --------------------------------------------------------------------------- engine


WAL_RETRY_SLEEP_SECONDS = 0.05
"""Pause between tries of ``PRAGMA journal_mode=WAL`` while another connection holds the lock."""


def _journal_mode_wal(cur: Any, timeout: float | None = None) -> None:
    """Switch a SQLite connection to WAL, retrying while the database is locked.

    Two processes opening a fresh store at once both read it (a shared lock) and both ask for
    the exclusive lock the switch needs; SQLite then answers one of them "database is locked"
    at once, without waiting the busy timeout, to break the deadlock (seen in CI: two imports
    racing to create the store). The other finishes the switch, so trying again, until the
    busy timeout, finds the store in WAL already and the pragma does nothing."""
    import sqlite3
    import time

    deadline = time.monotonic() + (BUSY_TIMEOUT_SECONDS if timeout is None else timeout)
    while True:
        try:
            cur.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() >= deadline:
                raise
            time.sleep(WAL_RETRY_SLEEP_SECONDS)


def _make_engine(url: str) -> Engine:
    parsed = make_url(url)
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        database = parsed.database
        if database and database != ":memory:":
            Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_SECONDS})

        @event.listens_for(engine, "connect")
        def _sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
            # Let us issue BEGIN ourselves (pysqlite's own would be DEFERRED).
            dbapi_connection.isolation_level = None
            cur = dbapi_connection.cursor()
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute(f"PRAGMA busy_timeout={int(BUSY_TIMEOUT_SECONDS * 1000)}")
            if database and database != ":memory:":
                _journal_mode_wal(cur)
            cur.close()

        @event.listens_for(engine, "begin")
        def _sqlite_begin(conn: Any) -> None:
            immediate = conn.get_execution_options().get("ta_write", False)
            conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

        return engine
    if backend == "postgresql":
        try:
            engine = create_engine(url)
        except ModuleNotFoundError as exc:
            raise ConfigError(
                f"the store at {safe_url(url)} needs the PostgreSQL driver ({exc.name}): "
                "pip install 'transplant-audit[postgres]'"
            ) from exc

        @event.listens_for(engine, "begin")
        def _pg_begin(conn: Any) -> None:
            if conn.get_execution_options().get("ta_write", False):
                conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({ADVISORY_LOCK_KEY})")

        return engine
    raise ConfigError(
        f"unsupported database URL {safe_url(url)!r}: use sqlite:///PATH or "
        "postgresql+psycopg://USER:PASSWORD@HOST/DB"
    )


# --------------------------------------------------------------------------- package rows


@dataclass(frozen=True)
class PackageRows:
    """A data package read as typed rows, ready to upsert."""

    path: Path
    rows: dict[str, list[dict[str, Any]]]
    digest: str


def column_kind(resource: str, column: str) -> str:
    """``string``, ``number``, ``integer`` or ``boolean``: the store's type of a package column."""
    model = RESOURCE_MODELS[resource]
    col_type = model.__table__.columns[column].type
    if isinstance(col_type, Boolean):
        return "boolean"
    if isinstance(col_type, Integer):
        return "integer"
    if isinstance(col_type, Float):
        return "number"
    return "string"


def _parse_cell(kind: str, text: str) -> Any:
    """Text of one CSV cell -> the value the store keeps (raises ValueError with a reason)."""
    if text == "":
        return None
    if kind == "string":
        return text
    if kind == "number":
        try:
            value = float(text)
        except ValueError:
            raise ValueError("is not a number") from None
        if not math.isfinite(value):
            raise ValueError("is not a finite number")
        return value
    if kind == "integer":
        try:
            return int(text)
        except ValueError:
            raise ValueError("is not a whole number") from None
    if text == "true":
        return True
    if text == "false":
        return False
    raise ValueError("must be 'true' or 'false'")


def _year_of(row: dict[str, Any]) -> int | None:
    for key in ("period_start", "as_of", "period_end"):
        text = row.get(key)
        if text and len(text) >= 4 and text[:4].isdigit():
            return int(text[:4])
    return None


def read_package_rows(path: str | os.PathLike[str]) -> PackageRows:
    """Read a data package's CSVs (``<resource>.csv`` beside ``datapackage.json``) as typed rows.

    Checks what the store itself needs (UTF-8, CSV shape, header, cell types,
    unique ids); vocabulary and domain rules are ``package.validate_package``'s
    job and run before this in ``Store.import_package``.
    """
    from transplant_audit.evidence.package import escaping_symlinks, package_digest

    root = Path(path)
    if not (root / "datapackage.json").is_file():
        raise DataError(
            file=str(root / "datapackage.json"),
            reason="missing: not a data package directory",
            code=codes.NoDescriptor,
        )
    escaping = escaping_symlinks(root)
    if escaping:
        raise escaping[0]
    rows: dict[str, list[dict[str, Any]]] = {}
    for name, columns in COLUMNS.items():
        file_path = root / f"{name}.csv"
        if not file_path.is_file():
            if name in OPTIONAL_RESOURCES:
                rows[name] = []
                continue
            raise DataError(
                file=file_path.name, reason="resource file is missing", code=codes.MissingResource
            )
        raw = file_path.read_bytes()
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = raw[: exc.start].count(b"\n") + 1
            raise DataError(
                file=file_path.name,
                row=line,
                reason="not UTF-8 text (save the file as UTF-8)",
                code=codes.EncodingError,
            ) from exc
        rows[name] = _parse_csv(name, columns, text, file_path.name)
    return PackageRows(path=root, rows=rows, digest=package_digest(root))


def _parse_csv(name: str, columns: list[str], text: str, file: str) -> list[dict[str, Any]]:
    """Rows of one resource CSV as typed dicts (``__row__`` = line number, header = 1)."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader, None)
    except csv.Error as exc:
        raise DataError(
            file=file, row=1, reason=f"malformed CSV: {exc}", code=codes.MalformedCsv
        ) from exc
    if header is None:
        raise DataError(
            file=file, row=1, reason="the file is empty (no header)", code=codes.BlankHeader
        )
    if header != columns:
        raise DataError(
            file=file,
            row=1,
            reason=f"header must be {','.join(columns)}",
            value=",".join(header),
            code=codes.BadHeader,
        )
    pk = PRIMARY_KEYS[name]
    kinds = {c: column_kind(name, c) for c in columns}
    out: list[dict[str, Any]] = []
    seen: dict[str, int] = {}
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            raise DataError(
                file=file,
                row=reader.line_num,
                reason=f"malformed CSV: {exc}",
                code=codes.MalformedCsv,
            ) from exc
        line = reader.line_num
        if not cells:
            continue
        if len(cells) != len(columns):
            raise DataError(
                file=file,
                row=line,
                reason=f"row has {len(cells)} cells, the header has {len(columns)}",
                code=codes.WrongColumnCount,
            )
        record: dict[str, Any] = {}
        for column, cell in zip(columns, cells, strict=True):
            try:
                record[column] = _parse_cell(kinds[column], cell)
            except ValueError as exc:
                raise DataError(
                    file=file,
                    row=line,
                    field=column,
                    value=cell,
                    reason=str(exc),
                    code=codes.BadValue,
                ) from exc
        key = record[pk]
        if key is None:
            raise DataError(
                file=file,
                row=line,
                field=pk,
                reason="a value is required here",
                code=codes.MissingValue,
            )
        if key in seen:
            raise DataError(
                file=file,
                row=line,
                field=pk,
                value=key,
                reason=f"duplicate id (first on row {seen[key]})",
                code=codes.DuplicateId,
            )
        seen[key] = line
        record["__row__"] = line
        out.append(record)
    return out


# --------------------------------------------------------------------------- ledger hook


def record_change(session: Session, kind: str, subject: str, payload: dict[str, Any]) -> None:
    """Append one change to the ledger inside the caller's transaction.

    The hook between the store and the capture engineer's hash-chained ledger
    (``transplant_audit.evidence.ledger.append``). Until that module exists this
    does nothing, so the store works on its own.
    """
    try:
        from transplant_audit.evidence import ledger
    except ModuleNotFoundError as exc:
        if exc.name == "transplant_audit.evidence.ledger":
            return
        raise
    ledger.append(session, kind, subject, payload)


# --------------------------------------------------------------------------- results


@dataclass(frozen=True)
class ImportReport:
    """What one import did, per resource: rows added, changed, unchanged, and kept.

    ``kept`` counts rows the store holds that the package does not (they stay:
    an import never deletes evidence).
    """

    origin: str
    digest: str
    added: dict[str, int] = field(default_factory=dict)
    changed: dict[str, int] = field(default_factory=dict)
    unchanged: dict[str, int] = field(default_factory=dict)
    kept: dict[str, int] = field(default_factory=dict)
    lowered: list[str] = field(default_factory=list)
    """Observation ids the package marks ``verified`` that were imported as ``extracted``
    (see ``import_status``)."""
    warnings: list[str] = field(default_factory=list)
    """One line each: what the import did that the user should know (status lowered,
    a resource without ``hash``)."""

    @property
    def total_added(self) -> int:
        return sum(self.added.values())

    @property
    def total_changed(self) -> int:
        return sum(self.changed.values())

    @property
    def total_unchanged(self) -> int:
        return sum(self.unchanged.values())

    def summary(self) -> str:
        return (
            f"{self.total_added} added, {self.total_changed} changed, "
            f"{self.total_unchanged} unchanged"
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "origin": self.origin,
            "digest": self.digest,
            "added": self.added,
            "changed": self.changed,
            "unchanged": self.unchanged,
            "kept": self.kept,
            "lowered_to_extracted": self.lowered,
            "warnings": self.warnings,
        }


# --------------------------------------------------------------------------- store


class Store:
    """An investigation's evidence store (SQLite file or PostgreSQL database)."""

    def __init__(self, engine: Engine, url: str) -> None:
        self.engine = engine
        self.url = url
        self._write_engine = engine.execution_options(ta_write=True)
        # Reads of several tables see one snapshot (SQLite's deferred transactions
        # already do; PostgreSQL's default READ COMMITTED would not).
        self._snapshot_engine = (
            engine.execution_options(isolation_level="REPEATABLE READ")
            if engine.dialect.name == "postgresql"
            else engine
        )

    # -- opening

    @classmethod
    def open(
        cls,
        home: str | os.PathLike[str] | None = None,
        url: str | None = None,
        *,
        upgrade: bool = True,
    ) -> Store:
        """Open (and create, and upgrade to the newest schema) the store.

        ``url`` (``--db``) wins over ``$TRANSPLANT_AUDIT_DB``, which wins over
        ``store.sqlite`` in the home directory (``--home``, ``$TRANSPLANT_AUDIT_HOME``,
        else a per-user data directory).
        """
        resolved = resolve_url(home, url)
        store = cls(_make_engine(resolved), resolved)
        if upgrade:
            try:
                store.upgrade()
            except ConfigError:
                store.close()
                raise
            except (OperationalError, ProgrammingError) as exc:
                store.close()
                reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
                raise ConfigError(
                    f"cannot open the store at {safe_url(resolved)}: {reason}"
                ) from exc
        return store

    def upgrade(self) -> None:
        """Bring the schema to the newest migration, under the write lock (safe to race)."""
        current = current_revisions(self.engine)
        if current == head_revisions():
            return
        self._refuse_unknown(current)
        if not current:
            self._refuse_unrecorded()
        from alembic import command
        from alembic.util import CommandError

        try:
            with self._write_engine.begin() as conn:
                cfg = alembic_config()
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, "heads")
        except CommandError as exc:  # e.g. two rows in alembic_version: rolled back
            raise ConfigError(
                f"cannot upgrade the store at {safe_url(self.url)}: its schema revisions "
                f"({', '.join(sorted(current))}) do not form one point of this version's "
                f"migrations ({str(exc).splitlines()[0]}); the store is left as it was"
            ) from None

    def _refuse_unknown(self, current: frozenset[str]) -> None:
        """A ConfigError when ``current`` holds a revision this version does not ship."""
        unknown = sorted(current - known_revisions())
        if unknown:
            raise ConfigError(
                f"the store at {safe_url(self.url)} was written by a newer transplant-audit "
                f"(its schema revision {', '.join(unknown)} is unknown to this version, whose "
                f"newest is {', '.join(sorted(head_revisions()))}): upgrade transplant-audit, "
                "or use another store with --home or --db"
            )

    def _refuse_unrecorded(self) -> None:
        """A ConfigError when the store holds this toolkit's tables but records no schema
        revision (``alembic_version`` empty or missing: emptied by hand, a partial copy), so
        no migration can know where to start; before, the first ``CREATE TABLE`` failed with
        "table assumptions already exists". The tables are listed before the revisions are
        read again, so a store another process has just created (tables and revision in one
        commit) is never mistaken for one."""
        from sqlalchemy import inspect, text

        from transplant_audit.evidence.all_tables import metadata

        with self.engine.connect() as conn:
            names = set(inspect(conn).get_table_names())
            ours = sorted(names & set(metadata.tables))
            if ours and "alembic_version" in names:
                ours = [] if conn.scalar(text("SELECT count(*) FROM alembic_version")) else ours
        if ours:
            raise ConfigError(
                f"the store at {safe_url(self.url)} holds {len(ours)} of transplant-audit's "
                "tables but its alembic_version table records no schema revision, so it "
                "cannot be upgraded: restore the store from a backup, "
                "or, if you know which version wrote it, insert that revision into "
                f"alembic_version (this version's newest is "
                f"{', '.join(sorted(head_revisions()))}); or use another store with --home or "
                "--db. The store is left as it was"
            )

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    @property
    def backend(self) -> str:
        return self.engine.dialect.name

    @property
    def display_url(self) -> str:
        return safe_url(self.url)

    @contextmanager
    def session(self, write: bool = False) -> Iterator[Session]:
        """A session in one transaction: committed on success, rolled back on any error.

        ``write=True`` takes the store's write lock first, so concurrent writers
        queue instead of interleaving.
        """
        with Session(self._write_engine if write else self.engine) as session, session.begin():
            yield session

    @contextmanager
    def _snapshot(self) -> Iterator[Session]:
        """A read-only session whose queries all see the same committed state."""
        with Session(self._snapshot_engine) as session, session.begin():
            yield session

    # -- reading

    def counts(self) -> dict[str, int]:
        """Rows per resource table."""
        with self._snapshot() as s:
            return {
                name: s.scalar(select(func.count()).select_from(model)) or 0
                for name, model in RESOURCE_MODELS.items()
            }

    def has_import(self) -> bool:
        """True when the store holds evidence (an import was done or rows were added)."""
        with self.session() as s:
            return bool(s.scalar(select(func.count()).select_from(Source)))

    def evidence(self) -> Evidence:
        """The store's evidence as typed frames, the same as ``read_package`` of its export.

        Columns and dtypes follow ``package.read_package`` (numbers float64, years
        Int64, booleans ``boolean``, text ``string``, missing as NA), rows sorted by
        id; ``digest`` is that of the package ``export_package`` would write, so
        results computed from the store and from the same package carry the same
        inputs digest.
        """
        from transplant_audit.evidence.package import evidence_digest

        frames = self._frames()
        digest = evidence_digest(Evidence(**frames))
        version = self._imported_version(digest)
        return Evidence(**frames, origin=self.display_url, digest=digest, version=version)

    def _frames(self) -> dict[str, pd.DataFrame]:
        """Every resource's rows, dumped in one snapshot, as ``package.read_package``'s
        frames (what ``evidence`` holds and ``export_package`` writes)."""
        with self._snapshot() as s:
            tables = {name: _dump_rows(s, name, model) for name, model in RESOURCE_MODELS.items()}
        return {name: _frame(name, rows) for name, rows in tables.items()}

    def _imported_version(self, digest: str) -> str:
        """The ``version`` the last imported package stated, if the store still holds exactly
        that package (same digest); "" once anything changed, since a changed store is no
        longer that release."""
        with self.session() as s:
            held = s.get(PackageMeta, "last_import_digest")
            stated = s.get(PackageMeta, "last_import_version")
            if held is None or stated is None or held.value != digest:
                return ""
            return stated.value

    # -- import

    def import_package(
        self,
        path: str | os.PathLike[str],
        *,
        validate: bool = True,
        progress: Callable[[int, int], None] | None = None,
    ) -> ImportReport:
        """Validate a data package, then upsert all of it in one transaction.

        Any validation error raises ``DataError`` (the first one, with the count
        of the others) before anything is written. Rows are matched by id: new
        ids are added, rows whose values differ are updated, identical rows are
        left alone, so importing the same package twice changes nothing. Rows the
        store holds that the package lacks are kept. Every added or changed row
        is appended to the ledger in the same transaction.
        """
        from transplant_audit.evidence.package import package_warnings

        root = Path(path)
        if not root.is_dir():
            raise DataError(file=str(root), reason="not a directory", code=codes.NoPackage)
        from transplant_audit.evidence.package import (
            legacy_changes,
            stated_version,
            upgrade_package,
        )

        with tempfile.TemporaryDirectory(prefix="ta-import-") as tmp:
            (Path(tmp) / "snapshot").mkdir()
            snapshot = snapshot_package(root, Path(tmp) / "snapshot")
            older = legacy_changes(snapshot)
            if older:  # a package from before bed scopes, aliases, licences: fill and say so
                snapshot = Path(tmp) / "upgraded"
                upgrade_package(Path(tmp) / "snapshot", snapshot)
            if validate:
                _raise_validation_errors(snapshot, shown=root)
            package = read_package_rows(snapshot)
            version = stated_version(Path(tmp) / "snapshot")
        report = ImportReport(origin=str(root.resolve()), digest=package.digest)
        report.warnings.extend(f"older package: {line}" for line in older)
        if not older:
            report.warnings.extend(package_warnings(root))
        total = sum(len(r) for r in package.rows.values())
        done = 0
        try:
            with self.session(write=True) as s:
                _check_references(s, package)
                for name, model in RESOURCE_MODELS.items():
                    added, changed, unchanged, kept = _upsert(
                        s, name, model, package.rows[name], report.lowered
                    )
                    report.added[name], report.changed[name] = added, changed
                    report.unchanged[name], report.kept[name] = unchanged, kept
                    done += len(package.rows[name])
                    if progress is not None:
                        progress(done, total)
                if report.total_added or report.total_changed:
                    s.add(
                        ImportRun(
                            imported_at=datetime.now(UTC).isoformat(timespec="seconds"),
                            origin=report.origin,
                            digest=package.digest,
                            added=report.total_added,
                            changed=report.total_changed,
                            unchanged=report.total_unchanged,
                        )
                    )
                # every import says which release was imported last, even one that changed no
                # row (a re-release with a new version only); whether the store still holds
                # exactly it is decided by digest when the version is read
                _set_meta(s, "last_import_digest", package.digest)
                _set_meta(s, "last_import_version", version)
                if report.lowered:
                    report.warnings.append(
                        f"{len(report.lowered)} observation(s) marked verified in the package "
                        "were imported as extracted: a package carries no review decisions, "
                        "and only two-person review in this store verifies a figure "
                        f"(first: {report.lowered[0]})"
                    )
        except IntegrityError as exc:
            raise TransplantAuditError(
                f"{root}: the store refused the package, nothing was imported: {exc.orig}"
            ) from exc
        return report

    # -- export

    def export_package(self, path: str | os.PathLike[str], *, overwrite: bool = False) -> Path:
        """Write the store as a data package in ``path`` (all or nothing).

        The package is written by ``package.write_package`` (the same writer the
        build script uses) into a temporary directory beside ``path`` and renamed
        into place, so ``path`` never holds half a package. A store that holds
        exactly an imported package exports it byte for byte.
        """
        from transplant_audit.evidence.package import (
            csv_digest,
            package_csv_bytes,
            write_csv_bytes,
        )

        target = Path(path)
        if target.exists() and not target.is_dir():
            raise ConfigError(f"{target} exists and is not a directory")
        if target.is_dir() and any(target.iterdir()) and not overwrite:
            raise ConfigError(
                f"{target} exists and is not empty: choose a new directory, or overwrite it"
            )
        frames = self._frames()
        tmp = temp_dir_beside(target)  # a parent that is a file: one cannot-write line
        try:
            # each CSV is built once: digested (the store holds exactly the imported
            # release: keep its version), then written
            data = package_csv_bytes(Evidence(**frames))
            write_csv_bytes(data, tmp, version=self._imported_version(csv_digest(data)))
            if target.exists():
                old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent))
                old.rmdir()
                target.rename(old)
                tmp.rename(target)
                shutil.rmtree(old, ignore_errors=True)
            else:
                tmp.rename(target)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        return target


# --------------------------------------------------------------------------- helpers


def snapshot_package(root: Path, into: Path) -> Path:
    """Copy a package's descriptor and resource files into ``into``, reading each once.

    Validation and import then read the same bytes (a file changed, or a descriptor
    pointing validation at a decoy, cannot slip other bytes past it). Symbolic links
    leading out of the package are refused.
    """
    from transplant_audit.evidence.package import RESOURCES, escaping_symlinks

    escaping = escaping_symlinks(root)
    if escaping:
        raise escaping[0]
    for name in ("datapackage.json", *(f"{r}.csv" for r in RESOURCES)):
        source = root / name
        if source.is_file():
            (into / name).write_bytes(source.read_bytes())
    return into


def _raise_validation_errors(root: Path, shown: Path | None = None) -> None:
    from transplant_audit.evidence.package import validate_package

    errors = validate_package(root)
    if not errors:
        return
    first = errors[0]
    if len(errors) == 1:
        raise first
    more = len(errors) - 1
    raise DataError(
        file=first.file,
        row=first.row,
        field=first.field,
        value=first.value,
        reason=(
            f"{first.reason}; and {more} more error{'s' if more > 1 else ''} "
            f"(list them all with: transplant-audit validate {shown or root})"
        ),
        code=first.code,
    )


def _check_references(session: Session, package: PackageRows) -> None:
    """Every referenced source/hospital must be in the package or already in the store."""
    known: dict[str, set[str]] = {}
    for target in ("sources", "hospitals"):
        model = RESOURCE_MODELS[target]
        ids = set(session.scalars(select(model.__table__.c.id)))
        ids.update(r["id"] for r in package.rows[target])
        known[target] = ids
    for name, refs in REFERENCES.items():
        for row in package.rows[name]:
            for column, target in refs.items():
                value = row.get(column)
                if value is None or (column == "hospital_id" and value == NATIONAL):
                    continue
                values = value.split(MULTI_SEPARATOR) if column == "source_ids" else [value]
                for one in (v.strip() for v in values):
                    if one and one not in known[target]:
                        raise DataError(
                            file=f"{name}.csv",
                            row=row["__row__"],
                            field=column,
                            value=one,
                            reason=f"refers to a {SINGULAR[target]} that does not exist",
                            code=codes.DanglingReference,
                        )


IMPORT_KEEPS_STATUS = frozenset({"extracted", "disputed"})
"""Observation statuses an import takes as the package states them. ``verified`` is
earned only by two-person review in a store: a package carries no review decisions, so
a row it marks ``verified`` is imported as ``extracted`` unless the store already holds
that observation as ``verified`` (an import never raises a status)."""


def import_status(stated: str | None, held: str | None) -> str | None:
    """The status an imported observation gets: ``stated`` (the package's) unless that
    would raise it above what review in this store established (``held``, None for a new
    row)."""
    if stated is None or stated in IMPORT_KEEPS_STATUS:
        return stated
    if held == stated:
        return stated
    return "extracted"


def _to_db(name: str, row: dict[str, Any]) -> dict[str, Any]:
    values = {c: row[c] for c in COLUMNS[name]}
    if name == "observations":
        if values["hospital_id"] == NATIONAL:
            values["hospital_id"] = None
        values["year"] = _year_of(values)
    return values


def _upsert(
    session: Session,
    name: str,
    model: type,
    rows: list[dict[str, Any]],
    lowered: list[str] | None = None,
) -> tuple[int, int, int, int]:
    """Insert new rows, update changed ones; returns (added, changed, unchanged, kept).

    Observations get ``import_status``; the ids whose status was lowered are appended
    to ``lowered``."""
    pk = PRIMARY_KEYS[name]
    table = model.__table__
    columns = list(table.columns.keys())
    existing = {r[pk]: dict(r) for r in session.execute(select(table)).mappings()}
    to_add: list[dict[str, Any]] = []
    to_change: list[dict[str, Any]] = []
    unchanged = 0
    added_kind, changed_kind = LEDGER_KINDS[name]
    incoming: set[str] = set()
    for row in rows:
        values = _to_db(name, row)
        key = values[pk]
        incoming.add(key)
        old = existing.get(key)
        if name == "observations":
            status = import_status(values["status"], old["status"] if old else None)
            if status != values["status"] and lowered is not None:
                lowered.append(key)
            values["status"] = status
        if old is None:
            to_add.append(values)
            record_change(
                session,
                added_kind,
                f"{name}/{key}",
                {"resource": name, "row": _text_row(name, values)},
            )
            continue
        diff = {c: [old[c], values[c]] for c in columns if old[c] != values[c]}
        if not diff:
            unchanged += 1
            continue
        to_change.append(values)
        record_change(
            session,
            changed_kind,
            f"{name}/{key}",
            {"resource": name, "row": _text_row(name, values), "changed": diff},
        )
    if to_add:
        session.execute(insert(model), to_add)
    if to_change:
        session.execute(update(model), to_change)
    if name == "assumptions" and (to_add or to_change):
        names = [v["name"] for v in to_add + to_change]
        session.execute(delete(AssumptionSource).where(AssumptionSource.assumption_name.in_(names)))
        links = [
            {"assumption_name": v["name"], "source_id": sid}
            for v in to_add + to_change
            for sid in dict.fromkeys(
                part.strip() for part in (v["source_ids"] or "").split(MULTI_SEPARATOR)
            )
            if sid
        ]
        if links:
            session.execute(insert(AssumptionSource), links)
    return len(to_add), len(to_change), unchanged, len(set(existing) - incoming)


def _format_cell(kind: str, value: Any) -> str:
    if value is None:
        return ""
    if kind == "boolean":
        return "true" if value else "false"
    if kind == "number":
        number = float(value)
        return str(int(number)) if number.is_integer() and abs(number) < 1e16 else repr(number)
    return str(value)


def _text_row(name: str, values: dict[str, Any]) -> dict[str, str]:
    """A row as the package writes it (all text), for ledger payloads."""
    out = {}
    for column in COLUMNS[name]:
        value = values.get(column)
        if name == "observations" and column == "hospital_id" and value is None:
            value = NATIONAL
        out[column] = _format_cell(column_kind(name, column), value)
    return out


def _set_meta(session: Session, key: str, value: str) -> None:
    row = session.get(PackageMeta, key)
    if row is None:
        session.add(PackageMeta(key=key, value=value))
    else:
        row.value = value


def _dump_rows(session: Session, name: str, model: type) -> list[dict[str, Any]]:
    """All rows of a resource table, sorted by id in code-point order (as the package is)."""
    pk = PRIMARY_KEYS[name]
    rows = [dict(r) for r in session.execute(select(model.__table__)).mappings()]
    rows.sort(key=lambda r: r[pk])
    return rows


_DTYPES = {"number": "float64", "integer": "Int64", "boolean": "boolean", "string": "string"}


def _frame(name: str, rows: list[dict[str, Any]]) -> pd.DataFrame:
    """Rows of one table as a typed frame with the resource's columns (``read_package`` dtypes)."""
    import numpy as np
    import pandas as pd

    columns = COLUMNS[name]
    data: dict[str, pd.Series] = {}
    for column in columns:
        values = [r.get(column) for r in rows]
        if name == "observations" and column == "hospital_id":
            values = [NATIONAL if v is None else v for v in values]
        dtype = _DTYPES[column_kind(name, column)]
        if dtype == "float64":
            series = pd.Series([np.nan if v is None else float(v) for v in values], dtype=dtype)
        else:
            series = pd.Series([pd.NA if v is None else v for v in values], dtype=dtype)
        data[column] = series
    return pd.DataFrame(data, columns=columns)
