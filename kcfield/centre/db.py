"""Open the centre database: SQLite ``centre.db`` in the data folder by default, PostgreSQL by URL.

The same rules as the field store (kcfield.store.migrate): a database made by a newer kcfield is refused
untouched; an older one is upgraded, and on SQLite the file is copied into ``backups/`` first. Only ``init``
may create a database; every other command on a missing or empty one says to run ``init``.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine, inspect, select
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError
from sqlalchemy.orm import Session

from kcfield.centre import migrate
from kcfield.centre.models import CentreState
from kcfield.domain.errors import DomainError
from kcfield.paths import resolve_paths
from kcfield.store.engine import Store, make_engine, sqlite_url
from kcfield.store.migrate import backup_sqlite

ENV_CENTRE_KEY = "KCFIELD_CENTRE_KEY"
SQLITE_HEADER = b"SQLite format 3\x00"


@dataclass(frozen=True)
class CentreLocation:
    """Where the database is: its URL, and for SQLite its file and the folder its backups go to."""

    url: str
    sqlite_path: Path | None
    backups: Path | None

    @property
    def is_sqlite(self) -> bool:
        return self.sqlite_path is not None

    def display(self) -> str:
        """The URL with any password hidden, or the SQLite file's path: safe to print."""
        if self.sqlite_path is not None:
            return str(self.sqlite_path)
        return make_url(self.url).render_as_string(hide_password=True)


class CentreDatabase:
    """The centre's engine and its read and write sessions (a :class:`kcfield.store.engine.Store`)."""

    def __init__(self, store: Store, location: CentreLocation, *, created: bool, from_revisions: frozenset[str]):
        self.store = store
        self.location = location
        self.created = created
        self.from_revisions = from_revisions
        self.backup: Path | None = None
        self.upgraded = False  # an existing database was brought to the code's schema

    @property
    def engine(self) -> Engine:
        return self.store.engine

    @property
    def dialect(self) -> str:
        return self.store.dialect

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self.store.read() as session:
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        with self.store.write() as session:
            yield session

    def close(self) -> None:
        self.store.dispose()

    def __enter__(self) -> CentreDatabase:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def locate(url: str | None, data_dir: str | Path | None = None) -> CentreLocation:
    """Resolve ``--db`` (or its absence) to a location; a URL that cannot be a database is a user mistake."""
    if url is None or url.strip() == "":
        paths = resolve_paths(data_dir)
        return CentreLocation(sqlite_url(paths.centre_database), paths.centre_database, paths.backups)
    try:
        parsed = make_url(url.strip())
    except ArgumentError as exc:
        raise DomainError("centre.bad_url", url=url) from exc
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        if parsed.database in (None, "", ":memory:"):
            raise DomainError("centre.bad_url", url=url)
        path = Path(parsed.database).expanduser().resolve()
        return CentreLocation(sqlite_url(path), path, path.parent / "backups")
    if backend != "postgresql":
        raise DomainError("centre.bad_url", url=url)
    return CentreLocation(parsed.render_as_string(hide_password=False), None, None)


def open_centre(
    url: str | None, data_dir: str | Path | None = None, *, create: bool = False, now: datetime | None = None
) -> CentreDatabase:
    """Open (and when needed upgrade) the centre database; with ``create`` make it when it does not exist."""
    location = locate(url, data_dir)
    if location.sqlite_path is not None:
        _check_sqlite_file(location.sqlite_path, create=create)
    try:
        engine = make_engine(location.url)
    except (ArgumentError, NoSuchModuleError) as exc:
        raise DomainError("centre.bad_url", url=location.display()) from exc
    try:
        found = migrate.current_revisions(engine)
    except OperationalError as exc:
        engine.dispose()
        if location.is_sqlite:
            raise DomainError("store.not_a_database", path=location.display()) from exc
        raise DomainError("centre.db_unreachable", url=location.display(), reason=_first_line(exc)) from exc
    unknown = sorted(found - migrate.known_revisions())
    if unknown:
        engine.dispose()
        raise DomainError("store.newer_schema", found=", ".join(unknown))
    if not found and not create:
        engine.dispose()
        raise DomainError("centre.not_initialised", where=location.display())
    if not found and _has_tables(engine):
        engine.dispose()  # some other database (a field store?): never migrate over someone else's tables
        raise DomainError("centre.not_a_centre_database", where=location.display())
    db = CentreDatabase(Store(engine), location, created=not found, from_revisions=found)
    if found != migrate.head_revisions():
        if found and location.sqlite_path is not None and location.backups is not None:
            db.backup = backup_sqlite(location.sqlite_path, location.backups, label="before-centre-upgrade", now=now)
        try:
            migrate.upgrade(engine)
        except Exception:
            engine.dispose()
            raise
        db.upgraded = bool(found)
    return db


def resolve_key_path(location: CentreLocation, given: str | Path | None = None) -> Path:
    """``--key`` first, then ``KCFIELD_CENTRE_KEY``, then beside a SQLite file (``centre.db`` →
    ``centre-key.pem``); PostgreSQL has no folder of its own, so it needs one of the first two."""
    if given:
        return Path(given).expanduser().resolve()
    from_env = os.environ.get(ENV_CENTRE_KEY)
    if from_env:
        return Path(from_env).expanduser().resolve()
    path = location.sqlite_path
    if path is None:
        raise DomainError("centre.key_path_needed")
    return path.with_name(f"{path.stem}-key.pem")


# --- centre_state ---------------------------------------------------------------------------------------


def get_state(session: Session, key: str) -> str | None:
    return session.scalar(select(CentreState.value).where(CentreState.key == key))


def set_state(session: Session, key: str, value: str) -> None:
    row = session.get(CentreState, key)
    if row is None:
        session.add(CentreState(key=key, value=value))
    else:
        row.value = value
    session.flush()


def next_counter(session: Session, key: str) -> int:
    """Increment a counter kept in centre_state (e.g. the sequence of reference packages) inside the caller's
    write transaction, and return the new value."""
    row = session.get(CentreState, key, with_for_update=True)
    value = (int(row.value) if row is not None else 0) + 1
    set_state(session, key, str(value))
    return value


def utc_now() -> datetime:
    return datetime.now(UTC)


def _check_sqlite_file(path: Path, *, create: bool) -> None:
    exists = path.exists() and path.stat().st_size > 0
    if not exists:
        if not create:
            raise DomainError("centre.not_initialised", where=str(path))
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise DomainError("store.read_only", path=str(path.parent)) from exc
        return
    if path.is_dir():
        raise DomainError("store.not_a_database", path=str(path))
    with path.open("rb") as handle:
        if handle.read(16) != SQLITE_HEADER:
            raise DomainError("store.not_a_database", path=str(path))


def _has_tables(engine: Engine) -> bool:
    return bool(inspect(engine).get_table_names())


def _first_line(exc: OperationalError) -> str:
    message = str(exc.orig).strip() or type(exc.orig).__name__
    return message.splitlines()[0]
