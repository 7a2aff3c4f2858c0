"""Alembic migrations of the store (batch mode, so they run on SQLite)."""
