"""Backups of the local store: made whole or not at all, rotated, verified, restored with the current store kept
aside."""

from __future__ import annotations

import os
import signal
import sqlite3
import stat
import subprocess
import sys
import textwrap
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from kcfield.cli import main
from kcfield.domain.errors import DomainError
from kcfield.paths import AppPaths
from kcfield.services.backups import BackupService, restore
from kcfield.services.container import Services, open_services
from kcfield.store.backup import (
    BackupKind,
    list_backups,
    make_backup,
    remove_partials,
    rotate,
    verify_backup,
)
from kcfield.store.fingerprint import content_digest
from kcfield.store.migrate import head_revision
from kcfield.sync import keys
from kcfield.sync.manifest import PackageKind
from tests.conftest import CentreKeys
from tests.ui.test_sync_page import centre_package
from tests.unit.test_services import _draft

T0 = datetime(2026, 11, 1, 3, 0, tzinfo=UTC)


def _establishment(services: Services, name: str) -> None:
    services.establishments.create(_draft(name=name))


def _names(db: Path) -> set[str]:
    con = sqlite3.connect(db)
    try:
        return {row[0] for row in con.execute("SELECT name FROM establishments")}
    finally:
        con.close()


def test_a_backup_is_a_sound_private_copy_listed_with_its_kind_and_revision(profiled: Services) -> None:
    _establishment(profiled, "Cơ sở Mây tre Phú Vinh")
    made = profiled.backups.backup_now()
    assert made.path.parent == profiled.backups.folder
    assert stat.S_IMODE(made.path.stat().st_mode) == 0o600
    assert verify_backup(made.path) == head_revision()
    assert _names(made.path) == {"Cơ sở Mây tre Phú Vinh"}
    listed = profiled.backups.backups()
    assert [b.path for b in listed] == [made.path]
    assert listed[0].kind is BackupKind.MANUAL and listed[0].revision == head_revision()
    assert listed[0].size == made.path.stat().st_size > 0
    assert not list(made.path.parent.glob("*.partial"))


def test_rotation_keeps_recent_ones_every_manual_the_newest_and_young_before_restore(tmp_path: Path) -> None:
    db = tmp_path / "kcfield.db"
    con = sqlite3.connect(db)
    con.execute("CREATE TABLE t (x)")
    con.close()
    folder = tmp_path / "backups"
    made: dict[BackupKind, list[Path]] = {}
    for day in range(12):
        for kind in (BackupKind.DAILY, BackupKind.BEFORE_IMPORT, BackupKind.MANUAL):
            made.setdefault(kind, []).append(make_backup(db, folder, kind, now=T0 + timedelta(days=day)))
    old_restore = make_backup(db, folder, BackupKind.BEFORE_RESTORE, now=T0 - timedelta(days=90))
    young_restores = [
        make_backup(db, folder, BackupKind.BEFORE_RESTORE, now=T0 + timedelta(days=11, minutes=m)) for m in range(12)
    ]
    now = T0 + timedelta(days=12)
    removed = set(rotate(folder, now=now))
    left = {b.path for b in list_backups(folder)}
    assert set(made[BackupKind.DAILY][-7:]) <= left and not set(made[BackupKind.DAILY][:-7]) & left
    assert set(made[BackupKind.BEFORE_IMPORT][-10:]) <= left and not set(made[BackupKind.BEFORE_IMPORT][:-10]) & left
    assert set(made[BackupKind.MANUAL]) <= left  # every manual one
    assert set(young_restores) <= left  # twelve, more than ten, all younger than 30 days
    assert old_restore in removed  # beyond the ten newest and 90 days old
    # The newest backup survives whatever the policy says.
    lonely = tmp_path / "lonely"
    only = make_backup(db, lonely, BackupKind.BEFORE_EXPORT, now=T0)
    from kcfield.store.backup import RotationPolicy

    assert rotate(lonely, now=now, policy=RotationPolicy(keep=((BackupKind.BEFORE_EXPORT, 0),))) == []
    assert only.exists()


def test_daily_backup_only_when_the_last_is_a_day_old(app_paths: AppPaths, profiled: Services) -> None:
    clock_now = [T0]
    service = BackupService(app_paths, clock=lambda: clock_now[0])
    first = service.daily_if_due()
    assert first is not None
    clock_now[0] = T0 + timedelta(hours=23)
    assert service.daily_if_due() is None
    clock_now[0] = T0 + timedelta(hours=24, seconds=1)
    second = service.daily_if_due()
    assert second is not None and second != first
    assert [b.kind for b in service.backups()] == [BackupKind.DAILY, BackupKind.DAILY]


def test_export_and_import_make_a_backup_first(trusted: Services, centre_keys: CentreKeys, tmp_path: Path) -> None:
    assert trusted.sync_field.export() is None  # nothing pending: no package, no backup
    assert trusted.backups.backups() == []
    _establishment(trusted, "Cơ sở Gốm Bát Tràng")
    assert trusted.sync_field.export() is not None
    assert [b.kind for b in trusted.backups.backups()] == [BackupKind.BEFORE_EXPORT]
    bogus = tmp_path / "x.kcpkg"
    bogus.write_bytes(b"not a package")
    with pytest.raises(DomainError):
        trusted.sync_import.import_file(bogus)
    assert [b.kind for b in trusted.backups.backups()] == [BackupKind.BEFORE_EXPORT]  # refused: no backup
    collaborator = trusted.sync_field.signing_key()
    reference = centre_package(
        tmp_path, centre_keys.key, PackageKind.CENTRE_REFERENCE, {}, keys.encryption_public_bytes(collaborator)
    )
    trusted.sync_import.import_file(reference)
    assert [b.kind for b in trusted.backups.backups()] == [BackupKind.BEFORE_IMPORT, BackupKind.BEFORE_EXPORT]


def test_a_backup_that_finds_the_disk_full_stops_the_export_clearly(
    trusted: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    _establishment(trusted, "Cơ sở Gốm Bát Tràng")

    def full(*_args: object, **_kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("kcfield.store.backup.copy_database", full)
    with pytest.raises(DomainError) as caught:
        trusted.sync_field.export()
    assert caught.value.code == "backup.failed" and "No space" in str(caught.value.params)
    assert trusted.backups.backups() == []
    assert list(trusted.backups.folder.glob("*.partial")) == []
    assert trusted.sync_field.outbox() == []  # the export did not happen: its number is still free
    monkeypatch.undo()
    assert trusted.sync_field.export().sequence == 1  # type: ignore[union-attr]


def test_a_killed_backup_leaves_no_file_that_looks_finished(tmp_path: Path) -> None:
    db = tmp_path / "kcfield.db"
    con = sqlite3.connect(db)
    con.execute("CREATE TABLE t (x BLOB)")
    con.executemany("INSERT INTO t VALUES (?)", [(os.urandom(4000),) for _ in range(500)])
    con.commit()
    con.close()
    folder = tmp_path / "backups"
    child = textwrap.dedent(f"""
        import os, signal
        from pathlib import Path
        from kcfield.store.backup import make_backup

        def die(status, remaining, total):
            os.kill(os.getpid(), signal.SIGKILL)  # half-way through the copy

        make_backup(Path({str(db)!r}), Path({str(folder)!r}), "manual", pages=10, progress=die)
    """)
    run = subprocess.run([sys.executable, "-c", child], check=False, cwd=Path(__file__).resolve().parents[2])
    assert run.returncode == -signal.SIGKILL
    assert list_backups(folder) == []  # nothing looks finished...
    leftovers = list(folder.glob("*.partial"))
    assert len(leftovers) == 1  # ...the half copy is only a .partial
    assert remove_partials(folder, now=datetime.now(UTC)) == 0  # it might be a backup in progress
    assert remove_partials(folder, now=datetime.now(UTC) + timedelta(hours=2)) >= 1
    assert not list(folder.iterdir())


def test_a_damaged_backup_is_refused_and_the_current_store_is_untouched(
    app_paths: AppPaths, profiled: Services
) -> None:
    _establishment(profiled, "Cơ sở Dệt lụa Vạn Phúc")
    backup = profiled.backups.backup_now().path
    profiled.close()
    data = bytearray(backup.read_bytes())
    middle = len(data) // 2
    data[middle : middle + 64] = os.urandom(64)  # flip bytes in the middle of the file
    backup.write_bytes(bytes(data))
    before = app_paths.database.read_bytes()
    with pytest.raises(DomainError) as caught:
        restore(app_paths, backup)
    assert caught.value.code == "backup.damaged"
    assert app_paths.database.read_bytes() == before
    assert [b.kind for b in list_backups(app_paths.backups)] == [BackupKind.MANUAL]  # nothing kept aside
    assert not list(app_paths.data_dir.glob("*.partial"))


@pytest.mark.parametrize(
    ("content", "code"),
    [(b"hello, not a database" * 10, "backup.not_sqlite"), (None, "backup.not_kcfield")],
)
def test_other_files_are_refused_with_a_clear_code(tmp_path: Path, content: bytes | None, code: str) -> None:
    path = tmp_path / "other.db"
    if content is None:
        con = sqlite3.connect(path)
        con.execute("CREATE TABLE notes (x)")
        con.close()
    else:
        path.write_bytes(content)
    with pytest.raises(DomainError) as caught:
        verify_backup(path)
    assert caught.value.code == code


def test_a_backup_from_a_newer_kcfield_is_refused(profiled: Services) -> None:
    backup = profiled.backups.backup_now().path
    con = sqlite3.connect(backup)
    con.execute("UPDATE alembic_version SET version_num = '9999_future'")
    con.commit()
    con.close()
    with pytest.raises(DomainError) as caught:
        verify_backup(backup)
    assert caught.value.code == "backup.unknown_revision"


def test_restore_round_trip_keeps_the_current_store_aside(app_paths: AppPaths, profiled: Services) -> None:
    _establishment(profiled, "Cơ sở Nón lá Chuông")
    backup = profiled.backups.backup_now().path
    _establishment(profiled, "Cơ sở Chiếu cói Kim Sơn")  # made after the backup: gone after the restore
    profiled.close()
    current_digest = content_digest(app_paths.database)
    result = restore(app_paths, backup)
    assert _names(app_paths.database) == {"Cơ sở Nón lá Chuông"}
    tables = ("establishments", "visits", "equipment_needs", "cp_assessments", "attachments")
    assert content_digest(app_paths.database, tables) == content_digest(backup, tables)
    assert result.current_readable and result.kept_aside is not None
    assert result.kept_aside.name.endswith("-before-restore.db")
    assert content_digest(result.kept_aside) == current_digest  # the current data, whole, kept aside
    assert stat.S_IMODE(result.kept_aside.stat().st_mode) == 0o600
    assert not list(app_paths.data_dir.glob("*.partial*"))
    reopened = open_services(app_paths)
    try:
        assert {e.action for e in reopened.audit.history("local")} == {"restore"}
        reopened.audit.verify()  # the chain is whole, the restore event included
    finally:
        reopened.close()


def test_restore_over_an_unreadable_store_keeps_its_raw_files(app_paths: AppPaths, profiled: Services) -> None:
    _establishment(profiled, "Cơ sở Sơn mài Tương Bình Hiệp")
    backup = profiled.backups.backup_now().path
    profiled.close()
    garbage = os.urandom(8192)
    app_paths.database.write_bytes(garbage)
    result = restore(app_paths, backup)
    assert not result.current_readable
    assert result.kept_aside is not None and result.kept_aside.read_bytes() == garbage
    assert _names(app_paths.database) == {"Cơ sở Sơn mài Tương Bình Hiệp"}
    reopened = open_services(app_paths)  # the restored store opens like any other
    try:
        assert reopened.establishments.count() == 1
        reopened.audit.verify()
    finally:
        reopened.close()


def test_cli_backup_list_and_restore(
    app_paths: AppPaths, profiled: Services, capsys: pytest.CaptureFixture[str]
) -> None:
    _establishment(profiled, "Cơ sở Đúc đồng Đại Bái")
    profiled.close()
    data = ["--lang", "en", "--data-dir", str(app_paths.data_dir)]
    assert main([*data, "backup"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Backed up into ")
    made = Path(out.removeprefix("Backed up into ").rsplit(" (", 1)[0])
    assert made.is_file()
    assert main([*data, "backups"]) == 0
    listing = capsys.readouterr().out
    assert str(made) in listing and "manual" in listing and head_revision() in listing
    # Without a terminal and without --yes, nothing happens.
    assert main([*data, "restore", str(made)]) == 1
    assert "--yes" in capsys.readouterr().err
    assert main([*data, "restore", str(made), "--yes"]) == 0
    said = capsys.readouterr().out
    assert "Restored from" in said and "kept in" in said and "number 1." in said
    assert main([*data, "restore", str(app_paths.data_dir / "nothing.db"), "--yes"]) == 1
    assert "was not found" in capsys.readouterr().err
