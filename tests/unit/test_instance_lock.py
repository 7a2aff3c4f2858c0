"""One window per data folder, and no restore under an open window: the lock another process holds."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from kcfield.cli import main
from kcfield.instance import FolderLock
from kcfield.paths import AppPaths
from kcfield.services.container import Services
from kcfield.store.backup import BackupKind

ROOT = Path(__file__).resolve().parents[2]
HOLD = """
import sys, time
from pathlib import Path
from kcfield.instance import FolderLock
lock = FolderLock(Path(sys.argv[1]))
assert lock.acquire()
print("LOCKED", flush=True)
time.sleep(120)
"""


@contextmanager
def held_elsewhere(folder: Path) -> Iterator[subprocess.Popen[str]]:
    """Another process (a running window, as far as the lock can tell) holding the folder's lock."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    child = subprocess.Popen([sys.executable, "-c", HOLD, str(folder)], stdout=subprocess.PIPE, text=True, env=env)
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "LOCKED"
        yield child
    finally:
        if child.poll() is None:
            child.kill()
        child.wait()


def test_the_lock_is_exclusive_and_dies_with_its_process(tmp_path: Path) -> None:
    mine = FolderLock(tmp_path)
    with held_elsewhere(tmp_path) as child:
        assert mine.is_taken()
        assert not mine.acquire() and not mine.held
        child.send_signal(signal.SIGKILL)  # a crash: the operating system drops the lock
        child.wait()
        assert mine.acquire() and mine.held
    mine.release()
    assert not mine.held and not mine.is_taken()


def test_restore_waits_for_the_open_window(
    app_paths: AppPaths, profiled: Services, capsys: pytest.CaptureFixture[str]
) -> None:
    made = profiled.backups.backup_now().path
    profiled.close()
    data = ["--lang", "en", "--data-dir", str(app_paths.data_dir)]
    with held_elsewhere(app_paths.data_dir):
        assert main([*data, "restore", str(made), "--yes"]) == 1
        err = capsys.readouterr().err
        assert "is open on the data folder" in err and err.count("\n") == 1
        kinds = [p.name for p in app_paths.backups.glob(f"*{BackupKind.BEFORE_RESTORE}*")]
        assert kinds == []  # nothing was touched
    assert main([*data, "restore", str(made), "--yes"]) == 0  # the window closed: the restore goes ahead
    assert "Restored from" in capsys.readouterr().out
