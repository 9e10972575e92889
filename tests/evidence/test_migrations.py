"""The Alembic migrations build exactly the schema the models declare, on both backends."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import MetaData, create_engine, inspect

from transplant_audit.evidence import schema
from transplant_audit.evidence.all_tables import metadata
from transplant_audit.evidence.base import NAMING_CONVENTION
from transplant_audit.evidence.store import Store, head_revisions

CORE_TABLES = {
    model.__tablename__
    for model in (
        schema.Source,
        schema.Hospital,
        schema.Observation,
        schema.OfficialSeries,
        schema.Claim,
        schema.Assumption,
        schema.AssumptionSource,
        schema.ReferenceSeries,
        schema.PackageMeta,
        schema.ImportRun,
    )
}


def schema_differences(url: str, target: MetaData, tables: set[str] | None = None) -> list:
    """Alembic autogenerate's differences between the database at ``url`` and ``target``."""

    def include_name(name: str | None, type_: str, _parents: dict) -> bool:
        return tables is None or type_ != "table" or name in tables or name == "alembic_version"

    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            ctx = MigrationContext.configure(
                conn,
                opts={
                    "compare_type": True,
                    "target_metadata": target,
                    "include_name": include_name,
                },
            )
            return compare_metadata(ctx, target)
    finally:
        engine.dispose()


def _core_metadata() -> MetaData:
    md = MetaData(naming_convention=NAMING_CONVENTION)
    for table in metadata.sorted_tables:
        if table.name in CORE_TABLES:
            table.to_metadata(md)
    return md


def test_core_migration_matches_core_models(store_url: str) -> None:
    Store.open(url=store_url).close()
    assert schema_differences(store_url, _core_metadata(), CORE_TABLES) == []


def test_all_migrations_match_all_models(store_url: str) -> None:
    """Every area's tables (core, archive/ledger, review): migrations == models."""
    Store.open(url=store_url).close()
    assert schema_differences(store_url, metadata) == []


def test_open_upgrades_to_head_and_is_repeatable(store_url: str) -> None:
    with Store.open(url=store_url) as store:
        with store.engine.connect() as conn:
            current = set(MigrationContext.configure(conn).get_current_heads())
        assert current == head_revisions()
        tables = set(inspect(store.engine).get_table_names())
    assert tables >= CORE_TABLES
    with Store.open(url=store_url) as again:  # a second open changes nothing
        assert again.counts()["sources"] == 0


def test_downgrade_to_base_and_back(tmp_path: Path) -> None:
    from alembic import command

    from transplant_audit.evidence.store import alembic_config

    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    Store.open(url=url).close()
    cfg = alembic_config(url)
    command.downgrade(cfg, "base")
    engine = create_engine(url)
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    engine.dispose()
    command.upgrade(cfg, "heads")
    assert schema_differences(url, metadata) == []


@pytest.mark.parametrize("revision", ["0001"])
def test_migration_files_are_shipped_inside_the_package(revision: str) -> None:
    from transplant_audit.evidence.store import MIGRATIONS_DIR

    assert (MIGRATIONS_DIR / "env.py").is_file()
    assert any(p.name.startswith(revision) for p in (MIGRATIONS_DIR / "versions").glob("*.py"))
    assert (MIGRATIONS_DIR / "versions" / "__init__.py").is_file()  # found by setuptools


def test_a_store_from_a_newer_version_is_one_clear_error_and_left_alone(tmp_path: Path) -> None:
    """A store written by a newer transplant-audit (a schema revision this version does not
    ship) is refused with one line naming the store and the revision, exit 2, and the store
    is left as it was; before, Alembic's "Can't locate revision" traceback reached the user."""
    import hashlib
    import sqlite3

    from typer.testing import CliRunner

    from transplant_audit.cli import app
    from transplant_audit.errors import ConfigError

    home = tmp_path / "home"
    Store.open(home=home).close()
    db = home / "store.sqlite"
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_from_a_newer_version'")
    conn.close()
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    page = tmp_path / "page.txt"
    page.write_text("The hospital has 120 transplant beds.\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["extract", "--home", str(home), str(page)])
    # cli.main turns a ConfigError into one line and exit 2 (tests/test_usage_errors.py)
    assert isinstance(result.exception, ConfigError), result.exception
    message = str(result.exception)
    assert "9999_from_a_newer_version" in message and "newer transplant-audit" in message
    assert str(db) in message and "\n" not in message
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before


def test_known_revisions_hold_every_shipped_migration() -> None:
    from transplant_audit.evidence.store import MIGRATIONS_DIR, known_revisions

    files = [p for p in (MIGRATIONS_DIR / "versions").glob("*.py") if p.name != "__init__.py"]
    assert len(known_revisions()) == len(files)
    assert head_revisions() <= known_revisions()


def test_fast_head_reading_agrees_with_alembic() -> None:
    from transplant_audit.evidence.store import _alembic_heads

    assert head_revisions() == _alembic_heads()


def test_fast_known_reading_agrees_with_alembic() -> None:
    from alembic.script import ScriptDirectory

    from transplant_audit.evidence.store import alembic_config, known_revisions

    script = ScriptDirectory.from_config(alembic_config())
    assert known_revisions() == {r.revision for r in script.walk_revisions()}


def test_coverage_migration_keeps_data_and_fills_scopes(
    synthetic_package: Path, tmp_path: Path
) -> None:
    """0006 on a store holding (SYNTHETIC) evidence: down and up again without a table copy
    that foreign keys would refuse; licensed survives, bed figures come back 'unknown'."""
    from alembic import command

    from transplant_audit.evidence.store import alembic_config

    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    with Store.open(url=url) as store:
        store.import_package(synthetic_package)
    cfg = alembic_config(url)
    command.downgrade(cfg, "0004_workbench")
    command.upgrade(cfg, "heads")
    with Store.open(url=url) as store:
        ev = store.evidence()
    licensed = dict(zip(ev.hospitals["id"], ev.hospitals["licensed"], strict=True))
    assert licensed == {"syn_alpha": "true", "syn_beta": "false"}
    beds = ev.observations[ev.observations["indicator"] == "transplant_beds"]
    assert set(beds["bed_scope"]) == {"unknown"}
    assert ev.official_series["derived"].eq(False).all()
