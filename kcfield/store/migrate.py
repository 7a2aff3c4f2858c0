"""Open the local store: back up the file, then bring its schema to the current Alembic head.

Vorta's habit: never migrate a user's only copy. When the schema revision in the file differs from the
code's head, the file is copied (with SQLite's online backup API, which is consistent even with a WAL in
flight) into ``backups/`` before ``alembic upgrade head`` runs. A file made by a newer kcfield is refused
rather than guessed at, and a file that is not a database is refused with its path named.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

from kcfield.domain.errors import DomainError
from kcfield.store.engine import Store, make_engine, sqlite_url
from kcfield.store.search import ensure_change_triggers

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


def head_revision() -> str:
    script = ScriptDirectory(str(MIGRATIONS_DIR))
    head = script.get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


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
        raise DomainError("store.not_a_database", path=str(path)) from exc
    head = head_revision()
    known = {rev.revision for rev in ScriptDirectory(str(MIGRATIONS_DIR)).walk_revisions()}
    if found is not None and found not in known:
        engine.dispose()
        raise DomainError("store.newer_schema", found=found)
    backup = None
    if not created and found != head:
        backup = backup_sqlite(path, backups_dir, label=f"before-{head}", now=now)
    if found != head:
        upgrade(engine)
    with engine.begin() as conn:
        ensure_change_triggers(conn)
    return OpenResult(Store(engine), created, found, backup)


def backup_sqlite(path: Path, backups_dir: Path, *, label: str, now: datetime | None = None) -> Path:
    backups_dir.mkdir(parents=True, exist_ok=True)
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%dT%H%M%SZ")
    target = backups_dir / f"{path.stem}-{stamp}-{label}.db"
    counter = 1
    while target.exists():
        target = backups_dir / f"{path.stem}-{stamp}-{label}-{counter}.db"
        counter += 1
    partial = target.with_suffix(".db.partial")
    source = sqlite3.connect(path)
    try:
        dest = sqlite3.connect(partial)
        try:
            source.backup(dest)
        finally:
            dest.close()
    finally:
        source.close()
    partial.replace(target)  # a killed copy never looks like a finished backup
    return target


def _check_is_sqlite(path: Path) -> None:
    with path.open("rb") as handle:
        header = handle.read(16)
    if header != b"SQLite format 3\x00":
        raise DomainError("store.not_a_database", path=str(path))
