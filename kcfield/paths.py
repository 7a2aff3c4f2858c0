"""Where kcfield keeps its data, configuration, logs and caches.

Order of precedence: an explicit ``--data-dir``, then ``KCFIELD_DATA_DIR``, then the platform's user data
folder (``~/.local/share/kcfield`` on Linux, ``%LOCALAPPDATA%\\KhuyenCong\\kcfield`` on Windows).
Everything a collaborator's work depends on lives under the one data folder, so a backup of that folder is a
backup of their work.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

ENV_DATA_DIR = "KCFIELD_DATA_DIR"


@dataclass(frozen=True)
class AppPaths:
    data_dir: Path

    @property
    def database(self) -> Path:
        return self.data_dir / "kcfield.db"

    @property
    def centre_database(self) -> Path:
        return self.data_dir / "centre.db"

    @property
    def backups(self) -> Path:
        return self.data_dir / "backups"

    @property
    def attachments(self) -> Path:
        return self.data_dir / "attachments"

    @property
    def outbox(self) -> Path:
        return self.data_dir / "outbox"

    @property
    def drafts(self) -> Path:
        return self.data_dir / "drafts"

    @property
    def keys(self) -> Path:
        return self.data_dir / "keys"

    @property
    def logs(self) -> Path:
        return self.data_dir / "logs"

    @property
    def printouts(self) -> Path:
        """PDFs built for preview and printing: a cache, emptied of old files at start-up."""
        return self.data_dir / "cache" / "print"

    def ensure(self) -> AppPaths:
        for folder in (self.data_dir, self.backups, self.attachments, self.outbox, self.drafts, self.logs):
            folder.mkdir(parents=True, exist_ok=True)
        return self


def default_data_dir() -> Path:
    from platformdirs import user_data_dir

    from kcfield import APP_AUTHOR, APP_NAME

    return Path(user_data_dir(APP_NAME, APP_AUTHOR))


def resolve_paths(data_dir: str | Path | None = None) -> AppPaths:
    if data_dir is not None:
        return AppPaths(Path(data_dir).expanduser().resolve())
    from_env = os.environ.get(ENV_DATA_DIR)
    if from_env:
        return AppPaths(Path(from_env).expanduser().resolve())
    return AppPaths(default_data_dir())
