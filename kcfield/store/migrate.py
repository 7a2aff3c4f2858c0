"""Open the local store: back up the file, then bring its schema to the current Alembic head.

Vorta's habit: never migrate a user's only copy. When the schema revision in the file differs from the
code's head, the file is copied (with SQLite's online backup API, which is consistent even with a WAL in
flight) into ``backups/`` before ``alembic upgrade head`` runs. A file made by a newer kcfield is refused
rather than guessed at, and a file that is not a database is refused with its path named. The copy is made by
:mod:`kcfield.store.backup` (kind "before-migration"), like every other backup.
"""

from __future__ import annotations

import errno
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError

from kcfield.domain.errors import DomainError
from kcfield.store.backup import BackupKind, backup_sqlite, make_backup
from kcfield.store.engine import Store, _storage_error, make_engine, sqlite_url
from kcfield.store.search import ensure_change_triggers

__all__ = [  # backup_sqlite lives in kcfield.store.backup now; it stays importable from here
    "MIGRATIONS_DIR",
    "OpenResult",
    "alembic_config",
    "backup_sqlite",
    "current_revision",
    "head_revision",
    "known_revisions",
    "open_sqlite_store",
    "upgrade",
]

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


@dataclass(frozen=True)
class OpenResult:
    store: Store
    created: bool
    from_revision: str | None
    backup: Path | None


def alembic_config(engine: Engine) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["engine"] = engine
    return config


@cache  # the scripts ship with the code: read them once per process (each read costs ~10 ms)
def head_revision() -> str:
    script = ScriptDirectory(str(MIGRATIONS_DIR))
    head = script.get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


@cache
def known_revisions() -> frozenset[str]:
    return frozenset({rev.revision for rev in ScriptDirectory(str(MIGRATIONS_DIR)).walk_revisions()})


def upgrade(engine: Engine) -> None:
    command.upgrade(alembic_config(engine), "head")


def open_sqlite_store(path: Path, backups_dir: Path, *, now: datetime | None = None) -> OpenResult:
    path.parent.mkdir(parents=True, exist_ok=True)
    created = not path.exists() or path.stat().st_size == 0
    if not created:
        _check_is_sqlite(path)
    engine = make_engine(sqlite_url(path))
    try:
        found = None if created else current_revision(engine)
    except Exception as exc:
        engine.dispose()
        raise _storage_problem(exc, engine, path) or DomainError("store.not_a_database", path=str(path)) from exc
    head = head_revision()
    if found is not None and found not in known_revisions():
        engine.dispose()
        raise DomainError("store.newer_schema", found=found)
    backup = None
    try:
        if not created and found != head:
            backup = make_backup(path, backups_dir, BackupKind.BEFORE_MIGRATION, now=now)
        if found != head:
            upgrade(engine)
        with engine.begin() as conn:
            ensure_change_triggers(conn)
    except (OperationalError, OSError) as exc:
        engine.dispose()
        problem = _storage_problem(exc, engine, path)
        if problem is None:
            raise
        raise problem from exc
    return OpenResult(Store(engine), created, found, backup)


def _storage_problem(exc: BaseException, engine: Engine, path: Path) -> DomainError | None:
    """A store that cannot be written (read-only folder or medium) or a full disk, as the user's error; None
    for anything else. Without this, the app's start would end in a traceback."""
    if isinstance(exc, OperationalError):
        mapped = _storage_error(exc, engine)
        if isinstance(mapped, DomainError):
            return mapped
        if "unable to open" in str(exc.orig).lower():  # SQLite may not create the file or its -wal/-shm
            return DomainError("store.read_only", path=str(path.parent))
    elif isinstance(exc, OSError):
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            return DomainError("store.disk_full")
        if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            return DomainError("store.read_only", path=str(path.parent))
    return None


def _check_is_sqlite(path: Path) -> None:
    with path.open("rb") as handle:
        header = handle.read(16)
    if header != b"SQLite format 3\x00":
        raise DomainError("store.not_a_database", path=str(path))
