"""The local store: durability settings, migrations, backups, refusal of foreign files."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from kcfield.domain.errors import DomainError
from kcfield.store.engine import make_engine, sqlite_url
from kcfield.store.migrate import head_revision, open_sqlite_store, upgrade
from kcfield.store.models import Base


def _diff(url: str) -> list[object]:
    engine = make_engine(url)
    try:
        upgrade(engine)
        with engine.connect() as conn:
            opts = {"compare_type": True}
            return list(compare_metadata(MigrationContext.configure(conn, opts=opts), Base.metadata))
    finally:
        engine.dispose()


def test_migrated_sqlite_schema_equals_models(tmp_path: Path) -> None:
    assert _diff(sqlite_url(tmp_path / "s.db")) == []


@pytest.mark.postgres
def test_migrated_postgres_schema_equals_models(postgres_url: str) -> None:
    assert _diff(postgres_url) == []


def test_pragmas_are_durable(tmp_path: Path) -> None:
    opened = open_sqlite_store(tmp_path / "k.db", tmp_path / "b")
    with opened.store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000
    opened.store.dispose()


def test_new_store_is_created_at_head_without_backup(tmp_path: Path) -> None:
    opened = open_sqlite_store(tmp_path / "k.db", tmp_path / "b")
    assert opened.created and opened.backup is None and opened.from_revision is None
    opened.store.dispose()
    again = open_sqlite_store(tmp_path / "k.db", tmp_path / "b")
    assert not again.created and again.from_revision == head_revision() and again.backup is None
    again.store.dispose()


def test_old_store_is_backed_up_before_upgrade(tmp_path: Path) -> None:
    db = tmp_path / "k.db"
    opened = open_sqlite_store(db, tmp_path / "b")
    with opened.store.write() as session:
        session.execute(text("UPDATE alembic_version SET version_num = '0000_before'"))
    opened.store.dispose()
    # Pretend the file is at an older revision the code knows: point it at the base and check the copy.
    con = sqlite3.connect(db)
    con.execute("DELETE FROM alembic_version")
    con.execute("CREATE TABLE marker (x INTEGER)")
    con.execute("INSERT INTO marker VALUES (42)")
    con.commit()
    con.close()
    with pytest.raises(OperationalError):  # the tables exist, so re-running 0001 fails...
        open_sqlite_store(db, tmp_path / "b")
    backups = list((tmp_path / "b").glob("k-*-before-*.db"))
    assert len(backups) == 1  # ...but only after the untouched copy was made
    copy = sqlite3.connect(backups[0])
    assert copy.execute("SELECT x FROM marker").fetchone() == (42,)
    copy.close()


def test_a_store_from_a_newer_version_is_refused_untouched(tmp_path: Path) -> None:
    db = tmp_path / "k.db"
    open_sqlite_store(db, tmp_path / "b").store.dispose()
    con = sqlite3.connect(db)
    con.execute("UPDATE alembic_version SET version_num = '9999_future'")
    con.commit()
    con.close()
    before = db.read_bytes()
    with pytest.raises(DomainError) as caught:
        open_sqlite_store(db, tmp_path / "b")
    assert caught.value.code == "store.newer_schema"
    assert db.read_bytes() == before


def test_a_file_that_is_not_a_database_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "k.db"
    db.write_bytes(b"this is a spreadsheet, not a database" * 10)
    with pytest.raises(DomainError) as caught:
        open_sqlite_store(db, tmp_path / "b")
    assert caught.value.code == "store.not_a_database"
    assert db.read_bytes().startswith(b"this is a spreadsheet")


def test_plain_engine_for_postgres_urls_has_no_sqlite_pragmas() -> None:
    engine = make_engine("postgresql+psycopg://nobody@127.0.0.1:1/none")
    assert engine.dialect.name == "postgresql"
    engine.dispose()


def test_an_interrupted_upgrade_leaves_the_old_revision_whole(tmp_path: Path) -> None:
    """Every step of an upgrade runs in one transaction: a failure in the last step undoes the earlier ones."""
    from alembic import command
    from sqlalchemy import event

    from kcfield.store.migrate import alembic_config, current_revision

    db = tmp_path / "k.db"
    engine = make_engine(sqlite_url(db))
    command.upgrade(alembic_config(engine), "0001")
    with engine.begin() as conn:
        columns_before = [row[1] for row in conn.exec_driver_sql("PRAGMA table_info(establishments)")]

    def fail_in_the_last_step(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        if "CREATE TABLE sync_outbox" in statement:  # 0003, after 0002 rebuilt the establishments table
            raise RuntimeError("power cut")

    event.listen(engine, "before_cursor_execute", fail_in_the_last_step)
    with pytest.raises(RuntimeError, match="power cut"):
        upgrade(engine)
    event.remove(engine, "before_cursor_execute", fail_in_the_last_step)
    assert current_revision(engine) == "0001"
    with engine.begin() as conn:
        assert [row[1] for row in conn.exec_driver_sql("PRAGMA table_info(establishments)")] == columns_before
        assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
    upgrade(engine)  # the next start finishes the whole upgrade
    assert current_revision(engine) == head_revision()
    engine.dispose()
