"""Engines and sessions for the local SQLite store (and the centre's database by URL).

Durability settings follow DESIGN.md §6: WAL so readers never block the writer, ``synchronous=FULL`` so a
write is on disk when the call returns, foreign keys on, a busy timeout so a second connection waits instead
of failing. pysqlite's own transaction handling is switched off and we emit ``BEGIN`` ourselves: a write
transaction starts with ``BEGIN IMMEDIATE`` and so takes the write lock up front, which is what makes the
hash-chained audit log safe when two writers race (a deferred transaction would read the chain head, then
fail to upgrade its lock).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import Connection
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from kcfield.domain.errors import DomainError

BUSY_TIMEOUT_MS = 10_000
WRITE_OPTION = "kcfield_write"


def sqlite_url(path: Path) -> str:
    return f"sqlite+pysqlite:///{path}"


def make_engine(url: str, *, echo: bool = False) -> Engine:
    """Create an engine; never at import time (HOUSE-STYLE: engine made by a function)."""
    if url.startswith("sqlite"):
        engine = create_engine(url, echo=echo, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
        _configure_sqlite(engine)
        return engine
    return create_engine(url, echo=echo, pool_pre_ping=True)


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves (see module docstring)
        cursor = dbapi_connection.cursor()
        try:
            if engine.url.database not in (None, "", ":memory:"):
                cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA synchronous=FULL")
            cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        if conn.get_execution_options().get(WRITE_OPTION):
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            conn.exec_driver_sql("BEGIN")


def _storage_error(exc: OperationalError, engine: Engine) -> Exception:
    message = str(exc.orig).lower()
    if "disk is full" in message or "disk i/o error" in message:
        return DomainError("store.disk_full")
    if "readonly" in message or "read-only" in message:
        return DomainError("store.read_only", path=str(engine.url.database or ""))
    return exc


class Store:
    """The one database a process works on: an engine and a way to open read and write sessions."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._sessions = sessionmaker(bind=engine, expire_on_commit=False, autoflush=False)
        self._write_sessions = sessionmaker(
            bind=engine.execution_options(**{WRITE_OPTION: True}), expire_on_commit=False, autoflush=False
        )

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self._sessions() as session:
            try:
                yield session
            finally:
                session.rollback()

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One write transaction: committed when the block ends, rolled back on any exception.

        A full disk or a read-only folder becomes a :class:`DomainError` the user can act on; the
        transaction is rolled back, so what was saved before is untouched.
        """
        try:
            with self._write_sessions() as session, session.begin():
                yield session
        except OperationalError as exc:
            raise _storage_error(exc, self.engine) from exc

    def dispose(self) -> None:
        self.engine.dispose()
