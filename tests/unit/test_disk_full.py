"""A full disk, a full USB stick, a read-only store or data folder: a clear message, and nothing already saved
is lost. (The tests run as root, for whom file modes do not stop a write: read-only is simulated with
SQLite's ``query_only`` and with a refused ``mkdir``; a full disk with SQLite's ``max_page_count``, a file size
limit in a child process, and ``ENOSPC`` from ``fsync`` on one folder.)"""

from __future__ import annotations

import dataclasses
import errno
import os
import sqlite3
import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event

from kcfield.domain.errors import DomainError
from kcfield.domain.messages import describe_error
from kcfield.domain.model import Establishment
from kcfield.paths import AppPaths
from kcfield.services.container import Services, open_services

ROOT = Path(__file__).resolve().parents[2]


def _est(name: str, **values: Any) -> Establishment:
    return Establishment(name=name, province_code=79, commune_code=26596, village="Ấp Bắc", **values)


@contextmanager
def _connections(services: Services, pragma: Callable[[sqlite3.Connection], None]) -> Iterator[None]:
    """Every new connection of the store gets ``pragma``; the old ones are closed first."""
    engine = services.ctx.store.engine
    engine.dispose()

    def _on_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        pragma(dbapi_connection)

    event.listen(engine, "connect", _on_connect)
    try:
        yield
    finally:
        event.remove(engine, "connect", _on_connect)
        engine.dispose()


def _no_room(con: sqlite3.Connection) -> None:
    pages = con.execute("PRAGMA page_count").fetchone()[0]
    con.execute(f"PRAGMA max_page_count={pages}")


def _query_only(con: sqlite3.Connection) -> None:
    con.execute("PRAGMA query_only=ON")


@contextmanager
def _full_folder(monkeypatch: pytest.MonkeyPatch, folder: Path) -> Iterator[list[str]]:
    """``fsync`` of any file inside ``folder`` fails with ENOSPC, as on a full disk or USB stick (delayed
    allocation reports it there). Yields the names refused."""
    real_fsync = os.fsync
    refused: list[str] = []
    prefix = str(folder.resolve()) + os.sep

    def fsync(fd: int) -> None:
        target = str(Path(f"/proc/self/fd/{fd}").readlink())
        if target.startswith(prefix):
            refused.append(Path(target).name)
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real_fsync(fd)

    with monkeypatch.context() as patch:
        patch.setattr(os, "fsync", fsync)
        yield refused


def _outbox_state(services: Services) -> tuple[int, list[int], dict[str, int]]:
    from kcfield.services.sync_state import next_sequence, read_state

    with services.ctx.store.read() as session:
        state = read_state(session)
    return (
        next_sequence(state),
        [e.sequence for e in services.sync_field.outbox()],
        services.sync_field.pending_summary(),
    )


# --- the store on a full disk ---------------------------------------------------------------------------------


def test_a_save_on_a_full_disk_is_refused_clearly_and_the_app_works_once_there_is_room(profiled: Services) -> None:
    saved = profiled.establishments.create(_est("Cơ sở đã lưu"))
    assert saved.id is not None
    changed = profiled.establishments.update(dataclasses.replace(saved, village="Ấp Đông"))
    events = profiled.audit.count()
    with _connections(profiled, _no_room):
        with pytest.raises(DomainError) as caught:
            profiled.establishments.create(_est("Cơ sở mới", notes="ghi chú dài " * 20_000))
        assert caught.value.code == "store.disk_full"
        assert "đầy" in describe_error(caught.value, "vi") and "full" in describe_error(caught.value, "en")
        with pytest.raises(DomainError) as caught:  # an update too: refused, the saved value stays
            profiled.establishments.update(dataclasses.replace(changed, notes="x" * 400_000))
        assert caught.value.code == "store.disk_full"
        assert profiled.establishments.get(saved.id).village == "Ấp Đông"  # reading still works
    assert profiled.establishments.get(saved.id).village == "Ấp Đông"
    assert profiled.establishments.get(saved.id).notes == ""
    assert profiled.establishments.count() == 1
    assert profiled.audit.count() == events  # neither refused write left an audit event behind
    # Room made: the same save goes through.
    again = profiled.establishments.create(_est("Cơ sở mới", notes="ghi chú dài " * 20_000))
    assert again.id is not None and profiled.establishments.count() == 2
    profiled.audit.verify()


_CHILD = textwrap.dedent(
    """
    import resource, signal, sys
    from pathlib import Path
    from kcfield.domain.errors import DomainError
    from kcfield.domain.model import Establishment
    from kcfield.paths import AppPaths
    from kcfield.services.container import open_services

    data = Path(sys.argv[1])
    services = open_services(AppPaths(data))
    big = Establishment(name="Cơ sở lớn", province_code=79, commune_code=26596, notes="ghi chú " * 400_000)
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG instead
    limit = max(p.stat().st_size for p in data.glob("kcfield.db*")) + 64 * 1024
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, resource.RLIM_INFINITY))
    try:
        services.establishments.create(big)
    except DomainError as error:
        print(error.code)
    else:
        print("saved")
    """
)


def test_a_write_the_file_system_refuses_is_a_clear_error_and_loses_nothing(tmp_path: Path) -> None:
    """A real failed write (a file size limit: the kernel refuses the write, as a full disk does)."""
    data = tmp_path / "data"
    services = open_services(AppPaths(data))
    services.collaborators.save_local_user("CTV001", "Nguyễn Văn A")
    saved = services.establishments.create(_est("Cơ sở đã lưu"))
    assert saved.id is not None
    events = services.audit.count()
    services.close()
    result = subprocess.run(
        [sys.executable, "-c", _CHILD, str(data)], capture_output=True, text=True, check=False, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "store.disk_full"
    con = sqlite3.connect(data / "kcfield.db")
    try:
        assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    finally:
        con.close()
    reopened = open_services(AppPaths(data))
    try:
        assert reopened.establishments.get(saved.id).name == "Cơ sở đã lưu"
        assert reopened.establishments.count() == 1
        assert reopened.audit.count() == events
        reopened.audit.verify()
        reopened.establishments.create(_est("Cơ sở sau khi dọn ổ"))
        assert reopened.establishments.count() == 2
    finally:
        reopened.close()


# --- exports on a full disk or USB stick ------------------------------------------------------------------------


def test_an_export_into_a_full_outbox_is_a_clear_error_and_uses_no_sequence_number(
    trusted: Services, app_paths: AppPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    trusted.establishments.create(_est("Cơ sở chờ gửi"))
    before = _outbox_state(trusted)
    outbox = app_paths.outbox
    outbox.mkdir(parents=True, exist_ok=True)
    with _full_folder(monkeypatch, outbox) as refused, pytest.raises(DomainError) as caught:
        trusted.sync_field.export()
    assert refused, "the outbox write was not attempted"
    assert caught.value.code == "sync_field.write_failed"
    message = describe_error(caught.value, "en")
    assert str(outbox) in message and "No space left on device" in message
    assert list(outbox.iterdir()) == []  # no package under its real name, and no temporary file either
    assert _outbox_state(trusted) == before  # the sequence is not used, the changes are still pending
    result = trusted.sync_field.export()  # room made: the same number goes out
    assert result is not None and result.sequence == before[0]
    assert [p.name for p in outbox.iterdir()] == [result.path.name]


@pytest.mark.parametrize("failure", ["fsync", "half written"])
def test_an_export_onto_a_full_usb_stick_is_a_clear_error_and_keeps_the_package_for_resending(
    trusted: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failure: str
) -> None:
    from kcfield.services import sync_field

    trusted.establishments.create(_est("Cơ sở chờ gửi"))
    usb = tmp_path / "usb"
    usb.mkdir()
    first_sequence = _outbox_state(trusted)[0]
    context: AbstractContextManager[list[str]]
    if failure == "fsync":
        context = _full_folder(monkeypatch, usb)
    else:

        def half_then_full(reader: Any, writer: Any, length: int = 0) -> None:
            writer.write(reader.read(100))
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        monkeypatch.setattr(sync_field.shutil, "copyfileobj", half_then_full)
        context = nullcontext([])
    with context, pytest.raises(DomainError) as caught:
        trusted.sync_field.export(usb)
    monkeypatch.undo()  # room on the stick again
    assert caught.value.code == "sync_field.copy_failed"
    message = describe_error(caught.value, "en")
    assert str(usb) in message and "No space left on device" in message
    assert list(usb.iterdir()) == []  # nothing half-written on the stick, under any name
    # The package itself is safe in the outbox, listed for resending, and its number is not used again.
    [entry] = trusted.sync_field.outbox()
    assert entry.sequence == first_sequence and entry.path.is_file() and not entry.acknowledged
    assert trusted.sync_field.resend_paths() == [entry.path]
    assert sum(trusted.sync_field.pending_summary().values()) == 0
    trusted.establishments.create(_est("Cơ sở thứ hai"))
    second = trusted.sync_field.export(usb)
    assert second is not None and second.sequence == first_sequence + 1 and second.copied_to is not None
    assert second.previous_sha256 == entry.sha256  # the chain runs through the package that stayed behind


# --- read-only store and data folder ----------------------------------------------------------------------------


def test_a_save_into_a_read_only_store_says_so_and_changes_nothing(profiled: Services, app_paths: AppPaths) -> None:
    saved = profiled.establishments.create(_est("Cơ sở đã lưu"))
    assert saved.id is not None
    with _connections(profiled, _query_only):
        with pytest.raises(DomainError) as caught:
            profiled.establishments.update(dataclasses.replace(saved, village="Ấp Tây"))
        assert caught.value.code == "store.read_only"
        assert str(app_paths.data_dir) in describe_error(caught.value, "en")
    assert profiled.establishments.get(saved.id).village == "Ấp Bắc"
    profiled.establishments.update(dataclasses.replace(saved, village="Ấp Tây"))  # writable again
    assert profiled.establishments.get(saved.id).village == "Ấp Tây"


def test_starting_on_a_data_folder_that_cannot_be_written_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "data"
    real_mkdir = Path.mkdir

    def refused_mkdir(self: Path, *args: Any, **kwargs: Any) -> None:
        if self == data or data in self.parents:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(self))
        real_mkdir(self, *args, **kwargs)

    monkeypatch.setattr(Path, "mkdir", refused_mkdir)
    with pytest.raises(DomainError) as caught:
        open_services(AppPaths(data))
    assert caught.value.code == "store.read_only"
    assert str(data) in describe_error(caught.value, "en")


def _cannot_open(_con: sqlite3.Connection) -> None:
    raise sqlite3.OperationalError("unable to open database file")  # what SQLite says when it may not make -shm


@pytest.mark.parametrize(("existing", "refusal"), [(False, _query_only), (True, _query_only), (True, _cannot_open)])
def test_starting_when_the_store_cannot_be_written_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, existing: bool, refusal: Callable[[sqlite3.Connection], None]
) -> None:
    """A new store, or one that must be upgraded or opened in WAL mode, in a folder where SQLite may not write:
    the user is told the folder is not writable (not that the file is damaged, not a traceback)."""
    from kcfield.store import migrate

    data = tmp_path / "data"
    if existing:
        services = open_services(AppPaths(data))
        services.close()
        con = sqlite3.connect(data / "kcfield.db")
        con.execute("UPDATE alembic_version SET version_num = '0002'")  # an upgrade is due
        con.execute("DROP TABLE sync_state")
        con.execute("DROP TABLE sync_outbox")
        con.commit()
        con.close()
    real_make_engine = migrate.make_engine

    def read_only_engine(url: str, **kwargs: Any) -> Any:
        engine = real_make_engine(url, **kwargs)
        event.listen(engine, "connect", lambda con, _record: refusal(con))
        return engine

    monkeypatch.setattr(migrate, "make_engine", read_only_engine)
    with pytest.raises(DomainError) as caught:
        open_services(AppPaths(data))
    assert caught.value.code == "store.read_only"
    assert str(data) in describe_error(caught.value, "en")
