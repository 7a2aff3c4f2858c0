"""Crash safety: the harness of ``scripts/crash_harness.py`` in its short form (3 kills of each operation), and
proof that its checks catch what they look for (a lost save, a damaged or stray package, a reused number)."""

from __future__ import annotations

import importlib.util
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from kcfield.domain.model import Establishment
from kcfield.paths import AppPaths
from kcfield.services.container import Services

ROOT = Path(__file__).resolve().parents[2]


def _harness() -> ModuleType:
    spec = importlib.util.spec_from_file_location("crash_harness", ROOT / "scripts" / "crash_harness.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["crash_harness"] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
def test_twelve_kills_lose_nothing(tmp_path: Path) -> None:
    out = tmp_path / "crash.json"
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "crash_harness.py"), "--kills", "12", "--seed", "3",
         "--workdir", str(tmp_path / "work"), "--json", str(out), "--old-establishments", "2000"],
        env=dict(os.environ, PYTHONPATH=str(ROOT)),
        capture_output=True,
        text=True,
        check=False,
        timeout=240,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    report = json.loads(out.read_text("utf-8"))
    assert report["failures"] == 0 and report["kills"] == 12
    for op in ("save", "import", "export", "migrate"):
        assert report["operations"][op]["kills"] == 3, op
        assert report["operations"][op]["acks_checked"] > 0, op
    assert "lost acks" in result.stdout and "integrity failures" in result.stdout


def _exported(trusted: Services) -> Any:
    trusted.establishments.create(Establishment(name="Cơ sở một", province_code=79, commune_code=26596))
    first = trusted.sync_field.export()
    trusted.establishments.create(Establishment(name="Cơ sở hai", province_code=79, commune_code=26596))
    second = trusted.sync_field.export()
    assert first is not None and second is not None
    return first, second


def test_the_checks_find_a_lost_save_and_a_damaged_outbox(trusted: Services, app_paths: AppPaths) -> None:
    harness = _harness()
    first, second = _exported(trusted)
    database = app_paths.database
    con = sqlite3.connect(database)
    [(raw_id,)] = con.execute("SELECT id FROM establishments WHERE name = 'Cơ sở một'").fetchall()
    facts: dict[str, Any] = {"packages": []}
    export_ack = {"t": "ack", "op": "export", "sequence": second.sequence, "sha256": second.sha256,
                  "file": second.path.name, "package_id": second.package_id, "copied_to": None}  # fmt: skip
    intact = [
        {"t": "intent", "op": "save", "id": raw_id, "field": "name", "value": "Cơ sở một"},
        {"t": "ack", "op": "save", "id": raw_id, "field": "name", "value": "Cơ sở một"},
        export_ack,
    ]
    assert harness.check_acks(con, app_paths.data_dir, intact, facts) == (2, [])
    assert harness.check_outbox(con, app_paths.data_dir) == ([], 0)

    # A save acknowledged with a value the store does not hold is a lost change (an unacknowledged later
    # attempt is allowed to have landed, an older value is not).
    lost = [*intact, {"t": "ack", "op": "save", "id": raw_id, "field": "name", "value": "Tên đã lưu"}]
    assert len(harness.check_acks(con, app_paths.data_dir, lost, facts)[1]) == 1
    landed = [*lost, {"t": "intent", "op": "save", "id": raw_id, "field": "name", "value": "Cơ sở một"}]
    assert harness.check_acks(con, app_paths.data_dir, landed, facts)[1] == []
    # The same number acknowledged for two packages.
    reused = [*intact, {**export_ack, "sha256": "0" * 64}]
    assert any("two different" in m for m in harness.check_acks(con, app_paths.data_dir, reused, facts)[1])

    # A stray of the next number is expected after a killed export; one of a used number is a fault.
    stray_next = first.path.with_name(first.path.name.replace(f"-{first.sequence:06d}-", f"-{3:06d}-"))
    stray_next.write_bytes(b"half")
    assert harness.check_outbox(con, app_paths.data_dir) == ([], 1)
    stray_used = first.path.with_name(first.path.name.replace(f"-{first.sequence:06d}-", f"-{2:06d}-"))
    stray_used.write_bytes(b"half")
    assert len(harness.check_outbox(con, app_paths.data_dir)[0]) == 1
    stray_used.unlink()
    # A damaged package, a skipped number, a wrong previous hash.
    first.path.write_bytes(first.path.read_bytes() + b"!")
    con.execute("UPDATE sync_state SET value = '4' WHERE key = 'next_sequence'")
    con.execute("UPDATE sync_state SET value = ? WHERE key = 'previous_sha256'", (first.sha256,))
    faults, _strays = harness.check_outbox(con, app_paths.data_dir)
    assert len(faults) == 3, faults
    con.close()


def test_a_kill_between_the_commit_and_the_clean_up_leaves_no_stray_for_good(
    trusted: Services, app_paths: AppPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two kills in a row: one after a package numbered 1 was written but before its commit (its file stays
    under a package's name), the next after the retry's commit but before it removed that file. The number is
    used now, so the next export must still clear the leftover: otherwise a second package numbered 1 sits in
    the outbox for good, to be carried to the centre by anyone who copies the folder."""
    from uuid import uuid4

    from kcfield.services.sync_field import FieldSyncService

    harness = _harness()
    trusted.establishments.create(Establishment(name="Cơ sở một", province_code=79, commune_code=26596))
    app_paths.outbox.mkdir(parents=True, exist_ok=True)
    leftover = app_paths.outbox / f"CTV001-000001-{uuid4()}.kcpkg"  # what the first killed export left
    leftover.write_bytes(b"a package whose commit never happened")
    half = app_paths.outbox / f".{leftover.name}.0123456789ab.tmp"  # an export killed while writing
    half.write_bytes(b"half a package")
    with monkeypatch.context() as patch:  # the second kill: after the commit, before the clean-up
        patch.setattr(FieldSyncService, "_remove_strays", lambda *_a, **_k: None)
        first = trusted.sync_field.export()
    assert first is not None and first.sequence == 1 and leftover.exists()
    trusted.establishments.create(Establishment(name="Cơ sở hai", province_code=79, commune_code=26596))
    second = trusted.sync_field.export()
    assert second is not None and second.sequence == 2
    assert not leftover.exists() and not half.exists()
    con = sqlite3.connect(app_paths.database)
    try:
        assert harness.check_outbox(con, app_paths.data_dir) == ([], 0)
    finally:
        con.close()
