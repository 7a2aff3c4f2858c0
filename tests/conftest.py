"""Shared fixtures. Qt runs offscreen in every test, set here before any Qt import."""

from __future__ import annotations

import base64
import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("KCFIELD_LANG", "vi")

from kcfield.domain.ids import IdFactory
from kcfield.paths import AppPaths
from kcfield.services import sync_state
from kcfield.services.container import Services, build_services
from kcfield.services.context import ServiceContext
from kcfield.store.migrate import open_sqlite_store
from kcfield.sync import keys
from kcfield.sync.package import OpenedPackage, read_package


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


@dataclass
class CentreKeys:
    """A test centre's identity as a field laptop sees it, with the private key tests need to read packages.

    ``read(path)`` opens a package the way the centre would: decrypted with the centre's X25519 key, the
    signature checked against the keys in ``trusted`` (fingerprint → raw Ed25519 public key; the ``trusted``
    fixture puts the local collaborator's key there)."""

    key: Ed25519PrivateKey = field(default_factory=Ed25519PrivateKey.generate)
    code: str = "TTKC"
    trusted: dict[str, bytes] = field(default_factory=dict)

    @property
    def public_key(self) -> bytes:
        return keys.public_bytes(self.key)

    @property
    def fingerprint(self) -> str:
        return keys.fingerprint(self.public_key)

    @property
    def encryption_key(self) -> X25519PrivateKey:
        return keys.encryption_private_key(self.key)

    @property
    def encryption_public_key(self) -> bytes:
        return keys.encryption_public_bytes(self.key)

    def trust(self, public: bytes) -> None:
        self.trusted[keys.fingerprint(public)] = public

    def read(self, path: Path) -> OpenedPackage:
        return read_package(path, self.trusted.get, self.encryption_key)


@pytest.fixture
def centre_keys() -> CentreKeys:
    """A fresh test centre identity (see :class:`CentreKeys`)."""
    return CentreKeys()


@pytest.fixture
def trusted(profiled: Services, centre_keys: CentreKeys) -> Services:
    """``profiled`` whose laptop trusts ``centre_keys`` as its centre, as after importing a welcome package:
    exports work and are sealed for the centre; ``centre_keys.read(path)`` opens them."""
    profiled.sync_field.ensure_key()
    collaborator = keys.load_private_key(profiled.sync_field.key_path)
    centre_keys.trust(keys.public_bytes(collaborator))
    with profiled.ctx.store.write() as session:
        sync_state.set_state(
            session,
            {
                sync_state.CENTRE_PUBLIC_KEY: base64.b64encode(centre_keys.public_key).decode("ascii"),
                sync_state.CENTRE_FINGERPRINT: centre_keys.fingerprint,
                sync_state.CENTRE_ENCRYPTION_KEY: base64.b64encode(centre_keys.encryption_public_key).decode("ascii"),
            },
        )
    return profiled


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
