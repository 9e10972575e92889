"""The one SQLAlchemy declarative ``Base`` every table of the store is declared on.

Core tables (``schema.py``), the archive and ledger (``archive_schema.py``) and
review tables (``extract/review_schema.py``) all share this ``Base`` so that
Alembic sees one metadata. The naming convention gives every constraint and
index a stable name, so migrations are the same on SQLite and PostgreSQL.
"""

from __future__ import annotations

from sqlalchemy import MetaData
from sqlalchemy.orm import DeclarativeBase

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Declarative base of the evidence store (shared by every area's tables)."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)
