"""Centre fixtures: every test that takes ``backend`` runs on SQLite and on PostgreSQL.

Initialising a centre loads 3,321 communes, so each backend is initialised once per session and copied for each
test: the SQLite file (and its key) by a file copy, the PostgreSQL database by ``CREATE DATABASE … TEMPLATE``.
"""

from __future__ import annotations

import shutil
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from kcfield.centre.db import CentreDatabase, open_centre
from kcfield.centre.setup import init_centre

BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


@dataclass(frozen=True)
class CentreTarget:
    """Where a test's centre lives, as the command line would be told: --db, --data-dir, --key."""

    backend: str
    url: str | None
    data_dir: Path
    key: Path | None

    def argv(self) -> list[str]:
        args = ["--data-dir", str(self.data_dir)]
        if self.url is not None:
            args += ["--db", self.url]
        if self.key is not None:
            args += ["--key", str(self.key)]
        return args

    def open(self) -> CentreDatabase:
        return open_centre(self.url, self.data_dir)

    @property
    def key_path(self) -> Path:
        return self.key if self.key is not None else self.data_dir / "centre-key.pem"


class PostgresServer:
    """Makes and drops throw-away databases next to the session's one (tests/conftest.py ``postgres_url``)."""

    def __init__(self, session_url: str) -> None:
        self._url = make_url(session_url)
        self._admin = create_engine(session_url, isolation_level="AUTOCOMMIT")

    def create(self, template: str | None = None) -> str:
        name = f"kcfield_centre_{uuid.uuid4().hex[:10]}"
        clause = f' TEMPLATE "{template}"' if template else ""
        with self._admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"{clause}'))
        return self._url.set(database=name).render_as_string(hide_password=False)

    def drop(self, url: str) -> None:
        name = make_url(url).database
        with self._admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))

    def close(self) -> None:
        self._admin.dispose()


@pytest.fixture(scope="session")
def pg_server(postgres_url: str) -> Iterator[PostgresServer]:
    server = PostgresServer(postgres_url)
    yield server
    server.close()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("centre-template")
    init_centre(None, folder)
    return folder


@pytest.fixture(scope="session")
def postgres_template(
    pg_server: PostgresServer, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, Path]]:
    key = tmp_path_factory.mktemp("centre-pg-key") / "centre-key.pem"
    url = pg_server.create()
    init_centre(url, None, key)
    yield url, key
    pg_server.drop(url)


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def empty_target(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[CentreTarget]:
    """A place where no centre database exists yet."""
    data_dir = tmp_path / "data"
    if backend == "sqlite":
        yield CentreTarget(backend, None, data_dir, None)
        return
    server: PostgresServer = request.getfixturevalue("pg_server")
    url = server.create()
    yield CentreTarget(backend, url, data_dir, tmp_path / "keys" / "centre-key.pem")
    server.drop(url)


@pytest.fixture
def target(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[CentreTarget]:
    """An initialised centre (reference data loaded, key made), private to the test."""
    data_dir = tmp_path / "data"
    if backend == "sqlite":
        template: Path = request.getfixturevalue("sqlite_template")
        shutil.copytree(template, data_dir)
        yield CentreTarget(backend, None, data_dir, None)
        return
    server: PostgresServer = request.getfixturevalue("pg_server")
    template_url, template_key = request.getfixturevalue("postgres_template")
    key = tmp_path / "keys" / "centre-key.pem"
    key.parent.mkdir(parents=True)
    shutil.copy2(template_key, key)
    url = server.create(template=make_url(template_url).database)
    yield CentreTarget(backend, url, data_dir, key)
    server.drop(url)


@pytest.fixture
def centre(target: CentreTarget) -> Iterator[CentreDatabase]:
    db = target.open()
    yield db
    db.close()
