"""Bring a centre database to the code's schema with Alembic, on SQLite and PostgreSQL alike.

The centre's environment reads two version folders: the field store's (the shared schema) and its own
(``kcfield/centre/migrations/versions``, the centre tables). Both branches are recorded in
``centre_alembic_version``, and "head" means every branch's head.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

from kcfield.centre.models import VERSION_TABLE
from kcfield.store.migrate import MIGRATIONS_DIR as STORE_MIGRATIONS_DIR

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
VERSION_LOCATIONS = (STORE_MIGRATIONS_DIR / "versions", MIGRATIONS_DIR / "versions")


def alembic_config(engine: Engine | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("path_separator", "newline")
    config.set_main_option("version_locations", "\n".join(str(p) for p in VERSION_LOCATIONS))
    if engine is not None:
        config.attributes["engine"] = engine
    return config


def script_directory() -> ScriptDirectory:
    return ScriptDirectory.from_config(alembic_config())


def head_revisions() -> frozenset[str]:
    return frozenset(script_directory().get_heads())


def known_revisions() -> frozenset[str]:
    return frozenset(rev.revision for rev in script_directory().walk_revisions())


def current_revisions(engine: Engine) -> frozenset[str]:
    """The revisions recorded in the database (empty for a database the centre never migrated)."""
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"version_table": VERSION_TABLE})
        return frozenset(context.get_current_heads())


def upgrade(engine: Engine) -> None:
    command.upgrade(alembic_config(engine), "heads")
