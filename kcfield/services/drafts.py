"""Drafts of forms being typed, kept on disk so a power cut or a crash loses at most the last two seconds.

DESIGN.md §6 promises that a power cut loses at most the form being typed, "which autosave has kept as a
draft". A draft is one small JSON file per open form, ``<folder>/<key>.json``, holding the form's values as
:func:`kcfield.domain.serialization.to_json` writes them. Drafts live outside the database on purpose: they
are half-typed and often invalid, must never sync, and writing one must not take the database's single write
lock while the collaborator types.

Each save is atomic: the new content goes to a temporary file in the same folder, is flushed and fsynced,
then ``os.replace`` swaps it in (atomic on POSIX and on Windows), and the folder itself is fsynced where the
platform allows, so the rename is durable too. After a power cut the file is the old draft or the new one,
never half of each. A temporary file left by a crash mid-write is ignored by :meth:`DraftStore.pending` and
removed once it is old; a damaged draft (a disk that lied about fsync, a hand-edited file) is skipped and
logged, never allowed to stop the app from starting.

Keys become file names, so only hex digits and dashes are accepted (a UUID's hex or its dashed form): a key
can never name a path outside the folder.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import re
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Final
from uuid import UUID

from kcfield.durable import fsync_dir
from kcfield.services.context import utc_now

log = logging.getLogger(__name__)

FORMAT_VERSION: Final = 1
SUFFIX: Final = ".json"
_TEMP_SUFFIX: Final = ".tmp"
_KEY: Final = re.compile(r"[0-9a-f](?:[0-9a-f-]{0,62}[0-9a-f])?")  # lower case only: one key, one file
#: A temporary file older than this was left by a crash (a save takes milliseconds); it is removed.
LEFTOVER_AGE_S: Final = 3600.0


@dataclass(frozen=True, slots=True)
class DraftInfo:
    """What a list of unfinished forms shows: which record, under what name, typed when."""

    key: str
    entity: str  # "establishment", "visit", ...
    record_id: UUID | None  # None: a record that was never saved
    title: str
    saved_at: datetime


def check_key(key: str) -> str:
    """``key`` itself when it is a safe draft key (lower-case hex digits and inner dashes, at most 64 characters,
    e.g. ``uuid.hex`` or ``str(uuid)``), else ValueError."""
    if not isinstance(key, str) or not _KEY.fullmatch(key):
        raise ValueError(f"invalid draft key: {key!r}")
    return key


class DraftStore:
    """Drafts in one folder. Thread-safe: the GUI saves from a background task while it lists or discards."""

    def __init__(self, folder: Path, clock: Callable[[], datetime] = utc_now) -> None:
        self._folder = Path(folder)
        self._clock = clock
        self._lock = threading.Lock()

    @property
    def folder(self) -> Path:
        return self._folder

    # --- writing ----------------------------------------------------------------------------------------

    def save(self, key: str, entity: str, record_id: UUID | None, title: str, values: dict[str, Any]) -> None:
        """Write (or replace) the draft ``key`` atomically and durably; ``values`` must be JSON-ready."""
        path = self._path(key)
        document = {
            "format": FORMAT_VERSION,
            "key": key,
            "entity": entity,
            "record_id": None if record_id is None else str(record_id),
            "title": title,
            "saved_at": self._clock().isoformat(),
            "values": values,
        }
        data = json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")
        with self._lock:
            self._folder.mkdir(parents=True, exist_ok=True)
            handle, temp_name = tempfile.mkstemp(prefix=f".{key}.", suffix=_TEMP_SUFFIX, dir=self._folder)
            temp = Path(temp_name)
            try:
                with os.fdopen(handle, "wb") as out:
                    out.write(data)
                    out.flush()
                    os.fsync(out.fileno())
                temp.replace(path)  # os.replace: atomic on POSIX and Windows
            except BaseException:
                temp.unlink(missing_ok=True)
                raise
            _settle(self._folder)

    def discard(self, key: str) -> None:
        """Delete the draft ``key``; nothing happens when there is none."""
        path = self._path(key)
        with self._lock:
            path.unlink(missing_ok=True)
            _settle(self._folder)

    # --- reading ----------------------------------------------------------------------------------------

    def load(self, key: str) -> dict[str, Any]:
        """The values of the draft ``key``. FileNotFoundError when there is none, ValueError when it is damaged."""
        document = _read(self._path(key))
        values = document["values"]
        return dict(values)

    def info(self, key: str) -> DraftInfo:
        return _info(self._path(key).stem, _read(self._path(key)))

    def pending(self) -> list[DraftInfo]:
        """Every readable draft, newest first. Damaged files are logged and skipped; crash leftovers ignored."""
        if not self._folder.is_dir():
            return []
        found: list[DraftInfo] = []
        for path in self._folder.iterdir():
            if path.name.startswith(".") and path.name.endswith(_TEMP_SUFFIX):
                self._remove_if_stale(path)
                continue
            if path.suffix != SUFFIX or not _KEY.fullmatch(path.stem) or not path.is_file():
                continue
            try:
                found.append(_info(path.stem, _read(path)))
            except (OSError, ValueError) as error:
                log.warning("draft %s skipped: %s", path.name, error)
        found.sort(key=lambda d: (d.saved_at, d.key), reverse=True)
        return found

    # --- internals --------------------------------------------------------------------------------------

    def _path(self, key: str) -> Path:
        return self._folder / f"{check_key(key)}{SUFFIX}"

    def _remove_if_stale(self, path: Path) -> None:
        try:
            if time.time() - path.stat().st_mtime > LEFTOVER_AGE_S:
                path.unlink(missing_ok=True)
                log.info("removed %s, left by an interrupted draft save", path.name)
        except OSError as error:
            log.warning("could not remove draft leftover %s: %s", path.name, error)


def _read(path: Path) -> dict[str, Any]:
    """The draft document at ``path``; ValueError when it is not one (truncated, not JSON, wrong shape)."""
    raw = path.read_bytes()
    try:
        document = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ValueError(f"not a readable draft ({error})") from None
    if not isinstance(document, dict) or not isinstance(document.get("values"), dict):
        raise ValueError("not a draft document")
    if document.get("format") != FORMAT_VERSION:
        raise ValueError(f"unknown draft format {document.get('format')!r}")
    return document


def _info(key: str, document: dict[str, Any]) -> DraftInfo:
    try:
        record_id = document.get("record_id")
        saved_at = datetime.fromisoformat(str(document["saved_at"]))
        if saved_at.tzinfo is None:  # a hand-edited file: read as UTC so sorting never mixes naive and aware
            saved_at = saved_at.replace(tzinfo=UTC)
        return DraftInfo(
            key=key,
            entity=str(document.get("entity", "")),
            record_id=None if record_id in (None, "") else UUID(str(record_id)),
            title=str(document.get("title", "")),
            saved_at=saved_at,
        )
    except (KeyError, TypeError, ValueError) as error:
        raise ValueError(f"damaged draft header ({error})") from None


def _settle(folder: Path) -> None:
    """Make a rename or delete in the drafts folder durable, where the file system allows: some (network
    shares) refuse fsync on a folder, and a draft is a safety net whose own file was already synced."""
    with contextlib.suppress(OSError):
        fsync_dir(folder)
