"""One kcfield window per data folder, and no restore under a running window.

The window holds an exclusive, non-blocking lock on ``<data dir>/kcfield.lock`` (``fcntl.flock`` on POSIX,
``msvcrt.locking`` on Windows) for as long as it runs. The operating system drops the lock when the process
ends, however it ends (a crash, a kill, a power cut), so there is never a stale lock to clear by hand. A second
window on the same folder, or ``kcfield restore`` while a window is open, sees the lock taken and says so.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import IO

LOCK_NAME = "kcfield.lock"


class FolderLock:
    def __init__(self, data_dir: Path) -> None:
        self.path = data_dir / LOCK_NAME
        self._handle: IO[bytes] | None = None

    @property
    def held(self) -> bool:
        return self._handle is not None

    def acquire(self) -> bool:
        """Take the lock; False (and nothing held) when another process has it."""
        if self._handle is not None:
            return True
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle = self.path.open("a+b")
        try:
            _lock(handle)
        except OSError:
            handle.close()
            return False
        self._handle = handle
        return True

    def release(self) -> None:
        if self._handle is None:
            return
        try:
            _unlock(self._handle)
        finally:
            self._handle.close()
            self._handle = None

    def is_taken(self) -> bool:
        """True when another process holds the lock right now (checked by taking and dropping it)."""
        if self._handle is not None:
            return False
        if not self.acquire():
            return True
        self.release()
        return False


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _lock(handle: IO[bytes]) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)

    def _unlock(handle: IO[bytes]) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock(handle: IO[bytes]) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(handle: IO[bytes]) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
