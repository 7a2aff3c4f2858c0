"""The centre database: created once, migrated to the models on both databases, refuses what it must."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import func, select, text

from kcfield.centre import migrate
from kcfield.centre.db import next_counter, open_centre
from kcfield.centre.models import CENTRE_METADATA, VERSION_TABLE
from kcfield.centre.setup import init_centre
from kcfield.domain.errors import DomainError
from kcfield.store.engine import make_engine, sqlite_url
from kcfield.store.migrate import open_sqlite_store
from kcfield.store.models import Commune, ReferenceDataset
from kcfield.sync import keys
from tests.centre.conftest import CentreTarget, PostgresServer


def _reference_counts(target: CentreTarget) -> tuple[int, int]:
    with target.open() as db, db.read() as session:
        communes = session.scalar(select(func.count()).select_from(Commune))
        datasets = session.scalar(select(func.count()).select_from(ReferenceDataset))
    return int(communes or 0), int(datasets or 0)


def test_init_is_idempotent(empty_target: CentreTarget) -> None:
    first = init_centre(empty_target.url, empty_target.data_dir, empty_target.key)
    assert first.created and first.key_created and "communes" in first.reference_loaded
    assert first.identity.key_path == empty_target.key_path and empty_target.key_path.exists()
    counts = _reference_counts(empty_target)
    assert counts[0] > 3000
    key_bytes = empty_target.key_path.read_bytes()

    second = init_centre(empty_target.url, empty_target.data_dir, empty_target.key)
    assert not second.created and not second.key_created and not second.upgraded
    assert second.reference_loaded == ()
    assert second.identity.fingerprint == first.identity.fingerprint
    assert second.identity.device_id == first.identity.device_id
    assert empty_target.key_path.read_bytes() == key_bytes
    assert _reference_counts(empty_target) == counts


def test_migrated_schema_equals_models(empty_target: CentreTarget) -> None:
    with open_centre(empty_target.url, empty_target.data_dir, create=True) as db:
        assert migrate.current_revisions(db.engine) == migrate.head_revisions()
        with db.engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True, "version_table": VERSION_TABLE})
            assert list(compare_metadata(context, list(CENTRE_METADATA))) == []


def test_the_centre_branch_follows_the_field_schema() -> None:
    """Both branches are heads of one history: a new field revision reaches the centre without a copy."""
    heads = migrate.head_revisions()
    assert "c0001" in migrate.known_revisions()
    assert any(not h.startswith("c") for h in heads), heads  # the field store's head


def test_sqlite_pragmas_are_durable(sqlite_template: Path) -> None:
    with open_centre(None, sqlite_template) as db, db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL


def test_commands_other_than_init_need_an_initialised_database(empty_target: CentreTarget) -> None:
    with pytest.raises(DomainError) as caught:
        open_centre(empty_target.url, empty_target.data_dir)
    assert caught.value.code == "centre.not_initialised"
    assert not (empty_target.data_dir / "centre.db").exists()


def test_a_database_from_a_newer_version_is_refused(target: CentreTarget) -> None:
    with target.open() as db, db.write() as session:
        session.execute(text(f"UPDATE {VERSION_TABLE} SET version_num = 'c9999' WHERE version_num LIKE 'c%'"))
    with pytest.raises(DomainError) as caught:
        target.open()
    assert caught.value.code == "store.newer_schema" and "c9999" in caught.value.params["found"]


def test_an_older_database_is_backed_up_then_upgraded(tmp_path: Path) -> None:
    path = tmp_path / "centre.db"
    engine = make_engine(sqlite_url(path))
    command.upgrade(migrate.alembic_config(engine), "0001")  # an old centre: the first shared schema only
    engine.dispose()
    with open_centre(f"sqlite:///{path}", None) as db:
        assert db.upgraded and db.from_revisions == {"0001"}
        assert db.backup is not None and db.backup.parent == tmp_path / "backups"
        assert migrate.current_revisions(db.engine) == migrate.head_revisions()
    copy = sqlite3.connect(db.backup)
    assert copy.execute(f"SELECT version_num FROM {VERSION_TABLE}").fetchall() == [("0001",)]
    copy.close()


def test_a_field_store_is_not_taken_for_a_centre(tmp_path: Path) -> None:
    opened = open_sqlite_store(tmp_path / "kcfield.db", tmp_path / "backups")
    opened.store.dispose()
    before = (tmp_path / "kcfield.db").read_bytes()
    with pytest.raises(DomainError) as caught:
        init_centre(f"sqlite:///{tmp_path / 'kcfield.db'}", None)
    assert caught.value.code == "centre.not_a_centre_database"
    assert (tmp_path / "kcfield.db").read_bytes() == before


def test_a_file_that_is_not_a_database_is_refused(tmp_path: Path) -> None:
    (tmp_path / "centre.db").write_text("bảng tính, không phải cơ sở dữ liệu", encoding="utf-8")
    with pytest.raises(DomainError) as caught:
        init_centre(None, tmp_path)
    assert caught.value.code == "store.not_a_database"


@pytest.mark.parametrize("url", ["mysql://u@h/db", "sqlite://", "not a url"])
def test_unusable_urls_are_refused(url: str, tmp_path: Path) -> None:
    with pytest.raises(DomainError) as caught:
        open_centre(url, tmp_path)
    assert caught.value.code == "centre.bad_url"


def test_a_lost_key_is_never_silently_replaced(target: CentreTarget) -> None:
    target.key_path.unlink()
    with pytest.raises(DomainError) as caught:
        init_centre(target.url, target.data_dir, target.key)
    assert caught.value.code == "centre.key_missing"
    assert not target.key_path.exists()


def test_another_key_file_is_refused(target: CentreTarget) -> None:
    target.key_path.unlink()
    keys.save_private_key(target.key_path, keys.generate_private_key())
    with pytest.raises(DomainError) as caught:
        init_centre(target.url, target.data_dir, target.key)
    assert caught.value.code == "centre.key_mismatch"


@pytest.mark.postgres
def test_postgres_needs_a_key_path(pg_server: PostgresServer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KCFIELD_CENTRE_KEY", raising=False)
    url = pg_server.create()
    try:
        with pytest.raises(DomainError) as caught:
            init_centre(url, None, None)
        assert caught.value.code == "centre.key_path_needed"
        with pytest.raises(DomainError) as untouched:
            open_centre(url, None)
        assert untouched.value.code == "centre.not_initialised"  # refused before anything was created
    finally:
        pg_server.drop(url)


def test_the_key_path_comes_from_the_environment(
    empty_target: CentreTarget, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    key = tmp_path / "elsewhere" / "centre.pem"
    monkeypatch.setenv("KCFIELD_CENTRE_KEY", str(key))
    result = init_centre(empty_target.url, empty_target.data_dir, None)
    assert result.identity.key_path == key and key.exists()


def test_counters_in_the_centre_state(target: CentreTarget) -> None:
    with target.open() as db:
        with db.write() as session:
            assert next_counter(session, "reference.sequence") == 1
        with db.write() as session:
            assert next_counter(session, "reference.sequence") == 2
