"""Alembic migrations of the centre database: the field store's revisions plus the centre's own branch."""
