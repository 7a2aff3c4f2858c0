"""A full disk or a killed process gets a clear error and loses nothing already saved."""

from __future__ import annotations

import dataclasses
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import event

from kcfield.domain.errors import DomainError
from kcfield.domain.messages import describe_error
from kcfield.domain.model import Establishment
from kcfield.paths import AppPaths
from kcfield.services.container import Services, open_services

ROOT = Path(__file__).resolve().parents[2]


def _est(name: str) -> Establishment:
    return Establishment(name=name, province_code=79, commune_code=26596, village="Ấp Bắc")


def test_full_disk_is_a_clear_error_and_earlier_data_survives(profiled: Services) -> None:
    saved = profiled.establishments.create(_est("Cơ sở đã lưu"))
    engine = profiled.ctx.store.engine
    engine.dispose()

    @event.listens_for(engine, "connect")
    def _tiny_disk(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        pages = dbapi_connection.execute("PRAGMA page_count").fetchone()[0]
        dbapi_connection.execute(f"PRAGMA max_page_count={pages}")  # no room for one more page

    big = dataclasses.replace(_est("Cơ sở mới"), notes="ghi chú dài " * 20_000)
    with pytest.raises(DomainError) as caught:
        profiled.establishments.create(big)
    assert caught.value.code == "store.disk_full"
    assert "đầy" in describe_error(caught.value)
    event.remove(engine, "connect", _tiny_disk)
    engine.dispose()
    assert saved.id is not None
    assert profiled.establishments.get(saved.id).name == "Cơ sở đã lưu"
    assert profiled.establishments.count() == 1
    profiled.audit.verify()


def test_killed_demo_leaves_the_store_as_it_was(tmp_path: Path) -> None:
    data = tmp_path / "data"
    services = open_services(AppPaths(data))
    services.collaborators.save_local_user("CTV001", "Nguyễn Văn A")  # saved before the crash
    events_before = services.audit.count()
    services.close()
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    process = subprocess.Popen(
        [sys.executable, "-m", "kcfield", "demo", "--establishments", "200000", "--data-dir", str(data)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    wal = data / "kcfield.db-wal"
    deadline = time.monotonic() + 60
    # Kill it while it is writing: once the write-ahead log has grown past a few megabytes.
    while time.monotonic() < deadline and process.poll() is None:
        if wal.exists() and wal.stat().st_size > 4_000_000:
            break
        time.sleep(0.05)
    assert process.poll() is None, "the demo finished before it could be killed"
    process.send_signal(signal.SIGKILL)
    process.wait()
    con = sqlite3.connect(data / "kcfield.db")
    assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert con.execute("SELECT count(*) FROM establishments").fetchone() == (0,)
    con.close()
    reopened = open_services(AppPaths(data))
    user = reopened.collaborators.local_user()
    assert user is not None and user.full_name == "Nguyễn Văn A"
    assert reopened.audit.count() == events_before
    reopened.audit.verify()
    reopened.close()
