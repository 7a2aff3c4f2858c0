"""Shared fixtures. Qt runs offscreen in every test, set here before any Qt import."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("KCFIELD_LANG", "vi")

from kcfield.domain.ids import IdFactory
from kcfield.paths import AppPaths
from kcfield.services.container import Services, build_services
from kcfield.services.context import ServiceContext
from kcfield.store.migrate import open_sqlite_store


class FakeClock:
    """A clock tests move by hand: 10:00 in Vietnam on 26/11/2026, one second later at every reading."""

    def __init__(self, start: datetime = datetime(2026, 11, 26, 3, 0, tzinfo=UTC)) -> None:
        self.now = start

    def __call__(self) -> datetime:
        self.now += timedelta(seconds=1)
        return self.now


@pytest.fixture(scope="session")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated store with reference data loaded, made once and copied for each test (loading 3,321
    communes per test would dominate the suite's time)."""
    folder = tmp_path_factory.mktemp("template")
    opened = open_sqlite_store(folder / "kcfield.db", folder / "backups")
    services = build_services(ServiceContext(opened.store), opened, folder / "attachments")
    services.close()
    return folder / "kcfield.db"


@pytest.fixture
def app_paths(tmp_path: Path) -> AppPaths:
    return AppPaths(tmp_path / "data").ensure()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def services(app_paths: AppPaths, template_db: Path, clock: FakeClock) -> Iterator[Services]:
    shutil.copyfile(template_db, app_paths.database)
    opened = open_sqlite_store(app_paths.database, app_paths.backups)
    built = build_services(ServiceContext(opened.store, clock=clock, ids=IdFactory()), opened, app_paths.attachments)
    yield built
    built.close()


@pytest.fixture
def profiled(services: Services) -> Services:
    """Services with a local collaborator profile saved (so changes have an author)."""
    services.collaborators.save_local_user("CTV001", "Nguyễn Thị Lan", "0912345678", 79, (26596, 26680))
    return services


POSTGRES_URL = os.environ.get("KCFIELD_TEST_POSTGRES", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A throw-away PostgreSQL database for this test session; skipped (with the reason) only when no server
    answers."""
    import uuid

    from sqlalchemy import create_engine, text
    from sqlalchemy.exc import OperationalError

    admin = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    name = f"kcfield_test_{uuid.uuid4().hex[:10]}"
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except OperationalError as exc:
        admin.dispose()
        pytest.skip(f"no PostgreSQL server at {POSTGRES_URL}: {exc.orig}")
    url = POSTGRES_URL.rsplit("/", 1)[0] + f"/{name}"
    try:
        yield url
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
