"""Alembic migrations of the evidence store (run by ``Store.open``; no alembic.ini needed)."""
