"""Alembic migrations of the evidence store (run by ``Store.open``; no alembic.ini needed)."""

from __future__ import annotations


def drop_column(table: str, column: str) -> None:
    """Drop ``column`` from ``table`` in a migration's downgrade: a plain ``DROP COLUMN`` where
    the database has one (PostgreSQL; SQLite from 3.35), a batch table copy only on older
    SQLite. The copy rebuilds the table, and on SQLite dropping the old table under the
    foreign keys other tables hold on it fails once any of them has a row pointing there
    (``candidates`` once any candidate has a review decision)."""
    from alembic import op

    bind = op.get_bind()
    if bind.dialect.name != "sqlite" or bind.dialect.dbapi.sqlite_version_info >= (3, 35):
        op.drop_column(table, column)
        return
    with op.batch_alter_table(table) as batch:
        batch.drop_column(column)
