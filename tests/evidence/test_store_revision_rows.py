"""Opening a store whose ``alembic_version`` table is not what this version's linear chain
of migrations can write (review rv9): two rows (a copy merged by hand, a crash between two
tools) must be one line naming the store and its revisions, exit 2, with the store left as
it was; before, Alembic's "overlaps with other requested revisions" traceback reached the
user (exit 1). A store from an older version still upgrades, keeping its data."""

from __future__ import annotations

import hashlib
import sqlite3
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from transplant_audit.cli import app
from transplant_audit.errors import ConfigError
from transplant_audit.evidence.store import Store, current_revisions, head_revisions


def _store_with(home: Path, *sql: str) -> Path:
    Store.open(home=home).close()
    db = home / "store.sqlite"
    with sqlite3.connect(db) as conn:
        for statement in sql:
            conn.execute(statement)
    conn.close()
    return db


def test_two_revision_rows_are_one_clear_error_and_left_alone(tmp_path: Path) -> None:
    db = _store_with(tmp_path, "INSERT INTO alembic_version VALUES ('0007_registry')")
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    result = CliRunner().invoke(app, ["review", "--list", "--home", str(tmp_path)])
    assert isinstance(result.exception, ConfigError), result.exception
    message = str(result.exception)
    assert str(db) in message and "0007_registry" in message and "\n" not in message
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before


def _cli(*args: str) -> str:
    result = CliRunner().invoke(app, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def _reviewed_store(home: Path, tmp_path: Path) -> None:
    """A store holding one candidate with one review decision (a SYNTHETIC note)."""
    note = tmp_path / "note.txt"
    note.write_text("The (fictional) Riverside hospital did 300 kidney transplants in 2015.\n")
    _cli("capture", str(note), "--home", str(home))
    with sqlite3.connect(home / "store.sqlite") as conn:
        (sid,) = conn.execute("SELECT source_id FROM captures").fetchone()
    conn.close()
    _cli("extract", sid, "--home", str(home), "--extractor", "carol")
    with sqlite3.connect(home / "store.sqlite") as conn:
        (cid,) = conn.execute("SELECT id FROM candidates").fetchone()
    conn.close()
    _cli(
        "review",
        "--home",
        str(home),
        "--candidate",
        cid,
        "--reject",
        "--reason",
        "test",
        "--reviewer",
        "alice",
    )


def _rows(home: Path) -> tuple[list[tuple], int]:
    with sqlite3.connect(home / "store.sqlite") as conn:
        cands = conn.execute("SELECT id, status FROM candidates").fetchall()
        (decisions,) = conn.execute("SELECT count(*) FROM review_decisions").fetchone()
    conn.close()
    return cands, decisions


def test_a_0007_store_with_review_decisions_upgrades_and_keeps_them(tmp_path: Path) -> None:
    """A store of the version before (schema 0007) holding a reviewed candidate upgrades on
    open, the candidate and its decision kept (confidence unknown). Rebuilding ``candidates``
    (Alembic's batch mode on SQLite) dropped the old table under foreign keys that
    review_decisions holds: FOREIGN KEY constraint failed, and no upgrade."""
    home = tmp_path / "home"
    _reviewed_store(home, tmp_path)
    kept = _rows(home)
    assert kept[1] == 1
    # as the version before wrote it (sqlite3 leaves foreign keys off)
    with sqlite3.connect(home / "store.sqlite") as conn:
        conn.execute("ALTER TABLE candidates DROP COLUMN confidence")
        conn.execute("UPDATE alembic_version SET version_num = '0007_registry'")
    conn.close()
    with Store.open(home=home) as store:
        assert current_revisions(store.engine) == head_revisions()
    assert _rows(home) == kept
    with sqlite3.connect(home / "store.sqlite") as conn:
        assert conn.execute("SELECT confidence FROM candidates").fetchall() == [(None,)]
    conn.close()


def test_downgrading_0008_keeps_reviewed_candidates(tmp_path: Path) -> None:
    from alembic import command

    from transplant_audit.evidence.store import alembic_config

    home = tmp_path / "home"
    _reviewed_store(home, tmp_path)
    kept = _rows(home)
    with Store.open(home=home) as store, store._write_engine.begin() as conn:
        cfg = alembic_config()
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0007_registry")
    assert _rows(home) == kept


@pytest.mark.parametrize("rows", [[], ["0008_candidate_confidence", "9999_newer"]])
def test_other_revision_tables_are_one_line(tmp_path: Path, rows: list[str]) -> None:
    sql = ["DELETE FROM alembic_version"] + [
        f"INSERT INTO alembic_version VALUES ('{r}')" for r in rows
    ]
    db = _store_with(tmp_path, *sql)
    result = CliRunner().invoke(app, ["review", "--list", "--home", str(tmp_path)])
    assert isinstance(result.exception, ConfigError), result.exception
    assert str(db) in str(result.exception) and "\n" not in str(result.exception)


@pytest.mark.parametrize(
    "sql", ["DELETE FROM alembic_version", "DROP TABLE alembic_version"], ids=["empty", "gone"]
)
def test_tables_without_a_recorded_revision_are_a_clear_error(
    tmp_path: Path, sql: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The toolkit's tables with no revision in ``alembic_version`` (emptied by hand, a
    partial copy): one line naming the store, that no revision is recorded and what to do,
    exit 2 (as every store refusal, docs/store.md) through the real entry point, the store left as
    it was. Before, the first migration's CREATE TABLE failed: "table assumptions already
    exists"."""
    from transplant_audit import cli

    db = _store_with(tmp_path, sql)
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    monkeypatch.setattr(
        sys, "argv", ["transplant-audit", "review", "--list", "--home", str(tmp_path)]
    )
    with pytest.raises(SystemExit) as exited:
        cli.main()
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1, err
    message = err.strip()
    assert message.startswith("error: ") and str(db) in message
    assert "records no schema revision" in message and "already exists" not in message
    assert "backup" in message and "".join(head_revisions()) in message
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before


def test_an_empty_database_is_still_created(tmp_path: Path) -> None:
    """The refusal above is for the toolkit's tables only: an empty alembic_version in an
    otherwise empty database is a new store, built as before."""
    db = tmp_path / "store.sqlite"
    with sqlite3.connect(db) as conn:
        conn.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)")
        conn.execute("CREATE TABLE someone_elses (x INTEGER)")
    conn.close()
    with Store.open(home=tmp_path) as store:
        assert current_revisions(store.engine) == head_revisions()
