"""Backups of the local store: made with SQLite's online backup API, listed, rotated and verified.

**Making one.** The store is copied with SQLite's online backup API, which reads one consistent snapshot even
while the app writes (WAL mode: writers are not blocked). The copy goes into ``<name>.partial`` (created with
mode 0600 before SQLite opens it: a backup holds personal data), is switched to a rollback journal so the copy
is one self-contained file, flushed to disk, and only then renamed to its final ``.db`` name. A process
killed half-way therefore leaves only a ``.partial`` file, which nothing lists as a backup and
:func:`remove_partials` deletes later.

**Names.** ``<stem>-<UTC yyyymmddThhmmssZ>-<kind>[-n].db`` in the backups folder, so the kind and time are
known without opening the file. The centre's own upgrade copies (stem ``centre``) share the folder and are not
listed here.

**Rotation** keeps the newest few of each automatic kind, every manual one, never the newest backup of all,
and never a copy kept aside by a restore that is younger than 30 days.

**Verification** (before a restore) refuses with a :class:`DomainError` code a file that is not SQLite, is
damaged (``PRAGMA integrity_check``), carries a schema revision this code does not know, or lacks the
kcfield tables.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from pathlib import Path

from kcfield.domain.errors import DomainError
from kcfield.durable import fsync_dir, fsync_file

SQLITE_HEADER = b"SQLite format 3\x00"
BACKUP_SUFFIX = ".db"
PARTIAL_SUFFIX = ".partial"
STAMP_FORMAT = "%Y%m%dT%H%M%SZ"
FILE_MODE = 0o600
# Tables every kcfield store has since the first revision that had sync (0003): a file without them is not a
# kcfield store, whatever its alembic_version says.
REQUIRED_TABLES = (
    "alembic_version",
    "collaborators",
    "establishments",
    "visits",
    "audit_events",
    "sync_outbox",
    "sync_state",
)
PARTIAL_MAX_AGE = timedelta(hours=1)  # a live backup of a 100k store takes seconds; older partials are leftovers

_NAME = re.compile(r"(?P<stem>.+?)-(?P<stamp>\d{8}T\d{6}Z)-(?P<label>[a-z][a-z0-9-]*?)(?:-(?P<n>\d+))?\.db")


class BackupKind(StrEnum):
    DAILY = "daily"
    BEFORE_IMPORT = "before-import"
    BEFORE_EXPORT = "before-export"
    BEFORE_MIGRATION = "before-migration"
    MANUAL = "manual"
    BEFORE_RESTORE = "before-restore"


@dataclass(frozen=True)
class RotationPolicy:
    """How many of each kind to keep (None: all). The newest backup overall is always kept, and so is every
    before-restore copy younger than ``restore_grace``."""

    keep: tuple[tuple[BackupKind, int | None], ...] = (
        (BackupKind.DAILY, 7),
        (BackupKind.BEFORE_IMPORT, 10),
        (BackupKind.BEFORE_EXPORT, 10),
        (BackupKind.BEFORE_MIGRATION, 10),
        (BackupKind.BEFORE_RESTORE, 10),
        (BackupKind.MANUAL, None),
    )
    restore_grace: timedelta = timedelta(days=30)

    def limit(self, kind: BackupKind) -> int | None:
        return dict(self.keep).get(kind)


DEFAULT_POLICY = RotationPolicy()


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    kind: BackupKind
    taken_at: datetime  # UTC, from the file name
    size: int  # bytes
    revision: str  # the schema revision read from the file ("" when unreadable)
    order: int = 0  # the -n counter of backups taken within the same second

    @property
    def name(self) -> str:
        return self.path.name


# --- making ------------------------------------------------------------------------------------------------


def backup_name(stem: str, label: str, now: datetime) -> str:
    return f"{stem}-{now.astimezone(UTC).strftime(STAMP_FORMAT)}-{label}{BACKUP_SUFFIX}"


def make_backup(
    database: Path,
    folder: Path,
    kind: BackupKind | str,
    *,
    now: datetime | None = None,
    pages: int = -1,
    progress: Callable[[int, int, int], object] | None = None,
) -> Path:
    """Copy ``database`` into ``folder`` as a backup of ``kind``; returns the finished file.

    ``pages`` and ``progress`` are SQLite's backup step size and callback (-1: the whole store in one step, one
    read snapshot)."""
    if not database.is_file():
        raise DomainError("backup.store_missing", path=str(database))
    folder.mkdir(parents=True, exist_ok=True)
    target = _free_name(folder, database.stem, str(kind), now or datetime.now(UTC))
    partial = target.with_name(target.name + PARTIAL_SUFFIX)
    try:
        copy_database(database, partial, pages=pages, progress=progress)
        partial.replace(target)  # the finished name appears only once the copy is complete and on disk
        fsync_dir(folder)
    except (OSError, sqlite3.Error) as exc:  # a full disk, a folder that cannot be written
        _unlink(partial)
        reason = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
        raise DomainError("backup.failed", path=str(folder), reason=reason) from exc
    except BaseException:
        _unlink(partial)
        raise
    return target


def backup_sqlite(path: Path, backups_dir: Path, *, label: str, now: datetime | None = None) -> Path:
    """A backup of ``path`` labelled ``label`` (the centre's upgrade copies; kept for its callers)."""
    return make_backup(path, backups_dir, label, now=now)


def copy_database(
    source_path: Path,
    target: Path,
    *,
    pages: int = -1,
    progress: Callable[[int, int, int], object] | None = None,
) -> None:
    """SQLite online backup of ``source_path`` into a NEW file ``target`` (mode 0600, rollback journal,
    fsynced). ``target`` must not exist."""
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    os.close(fd)
    try:
        source = sqlite3.connect(uri(source_path, mode="ro"), uri=True)
    except sqlite3.Error as exc:
        raise DomainError("backup.store_unreadable", path=str(source_path), reason=str(exc)) from exc
    try:
        dest = sqlite3.connect(target)
        try:
            try:
                source.backup(dest, pages=pages, progress=progress)
            except sqlite3.DatabaseError as exc:
                raise DomainError("backup.store_unreadable", path=str(source_path), reason=str(exc)) from exc
            # The live store runs in WAL mode and the copy inherits it; a backup must be one file on its own.
            dest.execute("PRAGMA journal_mode=DELETE")
        finally:
            dest.close()
    finally:
        source.close()
    fsync_file(target)


def _free_name(folder: Path, stem: str, label: str, now: datetime) -> Path:
    """A name after every one already used in this second: a name the rotation freed is not handed out again
    (it would sort as the oldest of the second, and the rotation would delete the backup just made)."""
    target = folder / backup_name(stem, label, now)
    base = target.name.removesuffix(BACKUP_SUFFIX)
    numbered = re.compile(
        rf"{re.escape(base)}(?:-(?P<n>\d+))?{re.escape(BACKUP_SUFFIX)}(?:{re.escape(PARTIAL_SUFFIX)}.*)?"
    )
    used = [int(m["n"] or 0) for p in folder.glob(f"{base}*") if (m := numbered.fullmatch(p.name))]
    if not used:
        return target
    return folder / f"{base}-{max(used) + 1}{BACKUP_SUFFIX}"


def copy_raw(database: Path, target: Path) -> None:
    """Copy a store's files as they are (main file, then its -wal), for a store SQLite cannot read: the copy
    keeps whatever a person or a repair tool might still recover. Companions travel as ``<target>-wal``."""
    _copy_file(database, target)
    for suffix in ("-wal",):
        companion = database.with_name(database.name + suffix)
        if companion.exists():
            _copy_file(companion, target.with_name(target.name + suffix))


def _copy_file(source: Path, target: Path) -> None:
    partial = target.with_name(target.name + PARTIAL_SUFFIX)
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
    try:
        with os.fdopen(fd, "wb") as writer, source.open("rb") as reader:
            shutil.copyfileobj(reader, writer, 1024 * 1024)
            writer.flush()
            os.fsync(writer.fileno())
        partial.replace(target)
    except BaseException:
        _unlink(partial)
        raise


# --- listing and rotation ------------------------------------------------------------------------------------


def parse_name(path: Path, stem: str) -> tuple[BackupKind, datetime, int] | None:
    match = _NAME.fullmatch(path.name)
    if match is None or match["stem"] != stem:
        return None
    label = match["label"]
    try:
        kind = BackupKind(label)
    except ValueError:
        if not label.startswith("before"):
            return None
        kind = BackupKind.BEFORE_MIGRATION  # older copies were labelled before-<revision>
    taken_at = datetime.strptime(match["stamp"], STAMP_FORMAT).replace(tzinfo=UTC)
    return kind, taken_at, int(match["n"] or 0)


def list_backups(folder: Path, stem: str = "kcfield", *, with_revision: bool = True) -> list[BackupInfo]:
    """The finished backups of the store named ``stem`` in ``folder``, newest first."""
    if not folder.is_dir():
        return []
    found: list[tuple[int, BackupInfo]] = []
    for path in folder.glob(f"{stem}-*{BACKUP_SUFFIX}"):
        parsed = parse_name(path, stem)
        if parsed is None:
            continue
        kind, taken_at, order = parsed
        try:
            status = path.stat()
        except FileNotFoundError:
            continue  # rotated away by another process meanwhile
        revision = read_revision(path) if with_revision else ""
        found.append((status.st_mtime_ns, BackupInfo(path, kind, taken_at, status.st_size, revision, order)))
    # Names give the second; within one second the file times tell which came last.
    found.sort(key=lambda pair: (pair[1].taken_at, pair[1].order, pair[0], pair[1].path.name), reverse=True)
    return [info for _mtime, info in found]


def rotate(
    folder: Path, stem: str = "kcfield", *, now: datetime | None = None, policy: RotationPolicy = DEFAULT_POLICY
) -> list[Path]:
    """Delete the backups the policy does not keep; returns what was deleted."""
    now = now or datetime.now(UTC)
    backups = list_backups(folder, stem, with_revision=False)
    if not backups:
        return []
    newest = backups[0].path
    seen: dict[BackupKind, int] = {}
    removed: list[Path] = []
    for backup in backups:  # newest first
        seen[backup.kind] = seen.get(backup.kind, 0) + 1
        limit = policy.limit(backup.kind)
        if limit is None or seen[backup.kind] <= limit or backup.path == newest:
            continue
        if backup.kind is BackupKind.BEFORE_RESTORE and now - backup.taken_at < policy.restore_grace:
            continue
        for path in (backup.path, backup.path.with_name(backup.path.name + "-wal")):
            _unlink(path)
        removed.append(backup.path)
    return removed


def remove_partials(folder: Path, *, now: datetime | None = None, older_than: timedelta = PARTIAL_MAX_AGE) -> int:
    """Delete ``*.partial`` files (and their journals) left by a killed backup or restore; returns how many. Only those
    older than ``older_than``: a younger one may belong to a backup another process is making right now."""
    if not folder.is_dir():
        return 0
    limit = (now or datetime.now(UTC)).timestamp() - older_than.total_seconds()
    removed = 0
    for path in folder.glob(f"*{PARTIAL_SUFFIX}*"):  # with its -journal, -wal, -shm
        try:
            if path.stat().st_mtime <= limit:
                path.unlink()
                removed += 1
        except FileNotFoundError:
            continue
    return removed


# --- reading and verifying -------------------------------------------------------------------------------------


def read_revision(path: Path) -> str:
    """The Alembic revision stored in the file, "" when it cannot be read."""
    try:
        con = sqlite3.connect(uri(path, mode="ro"), uri=True)
    except sqlite3.Error:
        return ""
    try:
        row = con.execute("SELECT version_num FROM alembic_version").fetchone()
        return str(row[0]) if row else ""
    except sqlite3.Error:
        return ""
    finally:
        con.close()


def verify_backup(path: Path) -> str:
    """Check that ``path`` is a sound kcfield store this code can open; returns its schema revision.

    Refuses with: backup.missing, backup.not_sqlite (wrong header), backup.damaged (integrity_check),
    backup.not_kcfield (tables missing), backup.unknown_revision (made by a newer kcfield, or foreign)."""
    from kcfield.store.migrate import known_revisions

    if not path.is_file():
        raise DomainError("backup.missing", path=str(path))
    with path.open("rb") as handle:
        if handle.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
            raise DomainError("backup.not_sqlite", path=str(path))
    try:
        con = sqlite3.connect(uri(path, mode="ro"), uri=True)
    except sqlite3.Error as exc:
        raise DomainError("backup.damaged", path=str(path), detail=str(exc)) from exc
    try:
        try:
            result = [str(row[0]) for row in con.execute("PRAGMA integrity_check(20)")]
        except sqlite3.DatabaseError as exc:
            raise DomainError("backup.damaged", path=str(path), detail=str(exc)) from exc
        if result != ["ok"]:
            raise DomainError("backup.damaged", path=str(path), detail="; ".join(result[:3]))
        tables = {str(row[0]) for row in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        missing = [t for t in REQUIRED_TABLES if t not in tables]
        if missing:
            raise DomainError("backup.not_kcfield", path=str(path), tables=", ".join(missing))
        row = con.execute("SELECT version_num FROM alembic_version").fetchone()
    finally:
        con.close()
    revision = str(row[0]) if row else ""
    if revision not in known_revisions():
        raise DomainError("backup.unknown_revision", path=str(path), revision=revision or "—")
    return revision


def is_sound(path: Path) -> bool:
    """True when ``path`` is an SQLite file that opens and passes integrity_check (any schema)."""
    try:
        with path.open("rb") as handle:
            if handle.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
                return False
        con = sqlite3.connect(uri(path, mode="ro"), uri=True)
        try:
            return [str(r[0]) for r in con.execute("PRAGMA integrity_check(1)")] == ["ok"]
        finally:
            con.close()
    except (OSError, sqlite3.Error):
        return False


# --- small file helpers ---------------------------------------------------------------------------------------


def uri(path: Path, **params: str) -> str:
    """An SQLite URI for ``path`` (quoted, so a folder name with '?' or '#' stays a name)."""
    query = "&".join(f"{key}={value}" for key, value in params.items())
    return path.resolve().as_uri() + (f"?{query}" if query else "")


def _unlink(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        path.unlink()
