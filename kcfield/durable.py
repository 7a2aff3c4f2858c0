"""Making a finished file survive a power cut: flush it, and flush the folder that names it.

Every atomic write in kcfield (key files, packages, attachments, drafts, backups) is "temporary file, fsync,
rename, fsync the folder"; the two flushes live here once. Only ``os``: any layer may use it.
"""

from __future__ import annotations

import os
from pathlib import Path


def fsync_file(path: Path) -> None:
    """Flush a file's bytes to the disk."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_dir(folder: Path) -> None:
    """Make a rename in ``folder`` durable (POSIX). Windows cannot open a folder this way, and NTFS journals
    renames itself."""
    if os.name != "posix":
        return
    fsync_file(folder)
