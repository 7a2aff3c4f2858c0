"""Automatic and manual backups of the local store, and restoring one (the mechanics are in kcfield.store.backup).

**When backups are made.** Once a day (at app start and by the CLI's commands, when the newest daily backup is
older than 24 hours), before every import of a centre package and before every export, before a migration
(kcfield.store.migrate), before a restore (the current data, kept aside), and whenever the person asks.

**Restore** is a function over :class:`AppPaths`, not a method of an open store: the live database must be
closed while it is replaced (the GUI closes its window and services, restores, then reopens them). It never
leaves the person without a database, whenever the process dies; the steps and why they come in this order:

1. *Verify the chosen backup* (SQLite header, integrity_check, a schema revision this code knows, the kcfield
   tables). A bad file is refused before anything is touched.
2. *Copy it into a temp file in the data folder* with the online backup API, and migrate the copy to the
   current schema. All further work happens on that copy; the live file is still untouched, and a crash
   leaves only a ``.partial`` temp file that is cleaned up later. Same folder as the live file, so the final
   step never crosses a file system.
3. *Keep the current store aside* as a "before-restore" backup (online backup API when it is readable, else
   its raw files, -wal included). Done before the carry-forward so the facts are read from this one consistent
   snapshot, and before the swap so the current data exists somewhere at every instant.
4. *Carry the sync facts forward* into the copy, so the centre never sees a package number reused or skipped:
   outbox rows the backup lacks, the trusted centre keys, the next sequence number (one past the highest of
   the backup, the current store and — when the current store is unreadable — the package files in
   ``outbox/``) and the hash of the highest package. Package files neither database knows get their outbox
   rows rebuilt from the file name, hash and time (the packages are sealed for the centre; the field never
   reads them).
5. *Write an audit event* in the copy, in the same chain as every other change.
6. *Make the copy the live store*: SQLite's backup API from the copy INTO the live file — one write
   transaction of SQLite's own, which with WAL either commits whole or is rolled back on the next open. When
   the live file is not a database at all (nothing to protect: its bytes are already kept aside), the copy,
   switched to a rollback journal, replaces it with an atomic rename after the stale -wal/-shm are removed
   (a stale WAL must never be replayed onto a different file).
7. Remove the temp copy and rotate the backups.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import select

from kcfield.domain.errors import DomainError
from kcfield.durable import fsync_dir, fsync_file
from kcfield.paths import AppPaths
from kcfield.services.sync_field import PACKAGE_NAME, PACKAGE_SUFFIX
from kcfield.services.sync_state import (
    CENTRE_ENCRYPTION_KEY,
    CENTRE_FINGERPRINT,
    CENTRE_PUBLIC_KEY,
    FIRST_SEQUENCE,
    LAST_AUDIT_SEQ,
    LAST_EXPORT_AT,
    NEXT_SEQUENCE,
    PREVIOUS_SHA256,
)
from kcfield.store import backup as files
from kcfield.store.audit import PendingEvent, append_events
from kcfield.store.backup import BackupInfo, BackupKind, RotationPolicy
from kcfield.store.engine import Store, make_engine, sqlite_url
from kcfield.store.migrate import current_revision, head_revision, upgrade
from kcfield.store.models import CollaboratorRow
from kcfield.store.search import ensure_change_triggers

__all__ = ["BackupService", "RestoreResult", "restore"]

DAILY_INTERVAL = timedelta(hours=24)
TRUST_KEYS = (CENTRE_PUBLIC_KEY, CENTRE_FINGERPRINT, CENTRE_ENCRYPTION_KEY)  # the current store's trust wins
# Facts about the data itself: the restored data keeps its own (the centre re-sends what the backup lacks).
NOT_CARRIED = frozenset({LAST_AUDIT_SEQ, "reference_built_at"})
OUTBOX_COLUMNS = (
    "package_id",
    "sequence",
    "file_name",
    "sha256",
    "created_at",
    "kind",
    "record_count",
    "acknowledged_at",
    "receipt_summary",
)
FIELD_CHANGES_KIND = "field-changes"
RESTORE_TEMP_PREFIX = ".restore-"


@dataclass(frozen=True)
class RestoreResult:
    restored_from: Path
    revision: str  # the backup's schema revision (before the copy was migrated)
    kept_aside: Path | None  # the current store, kept as a before-restore backup (None: there was none)
    current_readable: bool  # False: the current store was damaged; its raw files were kept aside
    next_sequence: int  # the number the next package for the centre will carry
    previous_sha256: str
    carried_packages: int  # outbox rows taken from the current store
    rebuilt_packages: int  # outbox rows rebuilt from files in outbox/


class BackupService:
    """Backups of one store (``database``, by default the data folder's) into the data folder's backups/."""

    def __init__(
        self,
        paths: AppPaths,
        database: Path | None = None,
        *,
        clock: Callable[[], datetime] | None = None,
        policy: RotationPolicy = files.DEFAULT_POLICY,
    ) -> None:
        self._paths = paths
        self.database = database or paths.database
        self._clock = clock or (lambda: datetime.now(UTC))
        self._policy = policy

    @property
    def folder(self) -> Path:
        return self._paths.backups

    def backups(self) -> list[BackupInfo]:
        """Every finished backup of this store, newest first."""
        return files.list_backups(self.folder, self.database.stem)

    def backup_now(self, kind: BackupKind = BackupKind.MANUAL) -> BackupInfo:
        """Make a backup now; returns it (the rotation runs after, never removing the one just made)."""
        now = self._clock()
        path = files.make_backup(self.database, self.folder, kind, now=now)
        files.rotate(self.folder, self.database.stem, now=now, policy=self._policy)
        return BackupInfo(path, kind, now.replace(microsecond=0), path.stat().st_size, files.read_revision(path))

    def before(self, kind: BackupKind) -> Path | None:
        """The automatic backup before an import or export (a store not yet on disk has nothing to save)."""
        if not self.database.is_file():
            return None
        return self.backup_now(kind).path

    def before_import(self) -> None:
        self.before(BackupKind.BEFORE_IMPORT)

    def before_export(self) -> None:
        self.before(BackupKind.BEFORE_EXPORT)

    def daily_if_due(self) -> Path | None:
        """The daily backup when the newest one is older than 24 hours (or there is none); also clears leftovers
        of killed backups. Returns the new backup, or None when none was due."""
        now = self._clock()
        files.remove_partials(self.folder, now=now)
        files.remove_partials(self._paths.data_dir, now=now)
        if not self.database.is_file():
            return None
        dailies = [
            b
            for b in files.list_backups(self.folder, self.database.stem, with_revision=False)
            if b.kind is BackupKind.DAILY
        ]
        if dailies and now - dailies[0].taken_at < DAILY_INTERVAL:
            return None
        return self.backup_now(BackupKind.DAILY).path


# --- restore --------------------------------------------------------------------------------------------------


def restore(
    paths: AppPaths, chosen: Path, *, database: Path | None = None, now: datetime | None = None
) -> RestoreResult:
    """Replace the store with the backup ``chosen`` (see the module docstring for the steps). The store must
    be closed by this process. Raises DomainError (backup.*) with the live store untouched when the backup is
    bad."""
    live = database or paths.database
    now = now or datetime.now(UTC)
    # 1. Verify first: nothing is touched for a bad backup.
    revision = files.verify_backup(chosen)
    paths.data_dir.mkdir(parents=True, exist_ok=True)
    paths.backups.mkdir(parents=True, exist_ok=True)
    temp = paths.data_dir / f"{RESTORE_TEMP_PREFIX}{now.strftime(files.STAMP_FORMAT)}-{os.getpid()}.db.partial"
    _remove_with_companions(temp)
    try:
        # 2. A private copy of the backup, at the current schema.
        files.copy_database(chosen, temp)
        _migrate(temp)
        # 3. The current store kept aside (one consistent snapshot, read by step 4).
        aside, readable = _keep_aside(live, paths.backups, now)
        # 4. The sync facts carried forward into the copy.
        facts = _carry_forward(temp, aside if readable else None, paths.outbox)
        # 5. The restore in the audit chain.
        _audit(temp, chosen, aside, facts, now)
        # 6. The copy becomes the live store.
        _install(temp, live, readable, aside)
    finally:
        # 7. The temp copy goes whatever happened (a crash leaves it as a .partial for remove_partials).
        _remove_with_companions(temp)
    files.rotate(paths.backups, live.stem, now=now)
    return RestoreResult(
        restored_from=chosen,
        revision=revision,
        kept_aside=aside,
        current_readable=readable,
        next_sequence=facts.next_sequence,
        previous_sha256=facts.previous_sha256,
        carried_packages=facts.carried,
        rebuilt_packages=facts.rebuilt,
    )


@dataclass(frozen=True)
class _Facts:
    next_sequence: int
    previous_sha256: str
    carried: int
    rebuilt: int


def _migrate(temp: Path) -> None:
    engine = make_engine(sqlite_url(temp))
    try:
        if current_revision(engine) != head_revision():
            upgrade(engine)
        with engine.begin() as conn:
            ensure_change_triggers(conn)
    finally:
        engine.dispose()


def _keep_aside(live: Path, folder: Path, now: datetime) -> tuple[Path | None, bool]:
    """The current store as a before-restore backup: (its path, whether SQLite could read it)."""
    if not live.is_file():
        return None, False
    if files.is_sound(live):
        return files.make_backup(live, folder, BackupKind.BEFORE_RESTORE, now=now), True
    target = folder / files.backup_name(live.stem, str(BackupKind.BEFORE_RESTORE), now)
    counter = 1
    while target.exists():
        target = folder / f"{live.stem}-{now.strftime(files.STAMP_FORMAT)}-{BackupKind.BEFORE_RESTORE}-{counter}.db"
        counter += 1
    files.copy_raw(live, target)
    fsync_dir(folder)
    return target, False


def _carry_forward(temp: Path, current: Path | None, outbox: Path) -> _Facts:
    """Bring the copy's sync facts up to what the current store (or, without it, the outbox folder) knows.

    ``current`` is the kept-aside snapshot of a readable current store, or None."""
    con = sqlite3.connect(files.uri(temp), uri=True, isolation_level=None)
    try:
        if current is not None:  # ATTACH is refused inside a transaction
            con.execute("ATTACH DATABASE ? AS cur", (files.uri(current, mode="ro"),))
        con.execute("BEGIN IMMEDIATE")
        state = dict(con.execute("SELECT key, value FROM sync_state").fetchall())
        floor = _sequence(state)
        carried = 0
        current_next = 0
        current_state: dict[str, str] = {}
        if current is not None:
            current_state = dict(con.execute("SELECT key, value FROM cur.sync_state").fetchall())
            current_next = _sequence(current_state)
            floor = max(floor, current_next)
            columns = ", ".join(OUTBOX_COLUMNS)
            # A package the current store committed wins over anything the backup holds at its number.
            con.execute(
                "DELETE FROM main.sync_outbox WHERE sequence IN (SELECT sequence FROM cur.sync_outbox) "
                "AND package_id NOT IN (SELECT package_id FROM cur.sync_outbox)"
            )
            carried = con.execute(
                f"INSERT INTO main.sync_outbox ({columns}) SELECT {columns} FROM cur.sync_outbox "
                "WHERE package_id NOT IN (SELECT package_id FROM main.sync_outbox)"
            ).rowcount
            # Receipts that arrived after the backup: the packages stay acknowledged.
            con.execute(
                "UPDATE main.sync_outbox SET acknowledged_at = c.acknowledged_at, receipt_summary = c.receipt_summary "
                "FROM cur.sync_outbox AS c WHERE c.package_id = main.sync_outbox.package_id "
                "AND main.sync_outbox.acknowledged_at IS NULL AND c.acknowledged_at IS NOT NULL"
            )
            for key, value in current_state.items():
                trust = key in TRUST_KEYS and bool(value)  # what the current store trusts now wins
                missing = key not in state and key not in NOT_CARRIED and key not in (NEXT_SEQUENCE, PREVIOUS_SHA256)
                if trust or missing:
                    state[key] = value
            if current_state.get(LAST_EXPORT_AT, "") > state.get(LAST_EXPORT_AT, ""):
                state[LAST_EXPORT_AT] = current_state[LAST_EXPORT_AT]
        rows = {
            int(seq): (str(name), str(sha))
            for seq, name, sha in con.execute("SELECT sequence, file_name, sha256 FROM main.sync_outbox")
        }
        rebuilt = 0
        for sequence, path in _outbox_files(outbox).items():
            if sequence in rows:
                continue
            if current is not None and sequence >= current_next:
                # The readable current store never committed this number: the file is the leftover of an export
                # that died before its commit, which the next export at this number replaces. Counting it would
                # skip a number.
                continue
            sha = _sha256(path)
            created = datetime.fromtimestamp(path.stat().st_mtime, UTC)
            con.execute(
                "INSERT INTO main.sync_outbox (package_id, sequence, file_name, sha256, created_at, kind, "
                "record_count, acknowledged_at, receipt_summary) VALUES (?, ?, ?, ?, ?, ?, 0, NULL, NULL)",
                (_package_id(path), sequence, path.name, sha, _stored_time(created), FIELD_CHANGES_KIND),
            )
            rows[sequence] = (path.name, sha)
            rebuilt += 1
        highest = max([floor - 1, *rows.keys()]) if rows else floor - 1
        next_sequence = max(highest + 1, FIRST_SEQUENCE)
        previous = _previous_sha256(next_sequence, rows, outbox, state, current_state)
        state[NEXT_SEQUENCE] = str(next_sequence)
        state[PREVIOUS_SHA256] = previous
        con.executemany(
            "INSERT INTO main.sync_state (key, value) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            sorted(state.items()),
        )
        con.execute("COMMIT")
        if current is not None:
            con.execute("DETACH DATABASE cur")
    except BaseException:
        with contextlib.suppress(sqlite3.Error):
            con.execute("ROLLBACK")
        raise
    finally:
        con.close()
    return _Facts(next_sequence, previous, max(carried, 0), rebuilt)


def _previous_sha256(
    next_sequence: int,
    rows: dict[int, tuple[str, str]],
    outbox: Path,
    state: dict[str, str],
    current_state: dict[str, str],
) -> str:
    """The hash of the package numbered next_sequence - 1: its file when it is still in outbox/, else what
    the databases recorded."""
    last = next_sequence - 1
    if last < FIRST_SEQUENCE:
        return ""
    if last in rows:
        name, recorded = rows[last]
        path = outbox / name
        return _sha256(path) if path.is_file() else recorded
    for known in (current_state, state):
        if _sequence(known) == next_sequence and known.get(PREVIOUS_SHA256):
            return known[PREVIOUS_SHA256]
    return state.get(PREVIOUS_SHA256, "")


def _outbox_files(outbox: Path) -> dict[int, Path]:
    """Package files in outbox/ by sequence; of two at one number (an export that died between its commit and
    removing the earlier attempt's file) the newer is the committed one."""
    found: dict[int, Path] = {}
    if not outbox.is_dir():
        return found
    for path in outbox.glob(f"*{PACKAGE_SUFFIX}"):
        match = PACKAGE_NAME.fullmatch(path.name)
        if match is None:
            continue
        sequence = int(match["sequence"])
        other = found.get(sequence)
        if other is None or path.stat().st_mtime > other.stat().st_mtime:
            found[sequence] = path
    return found


def _package_id(path: Path) -> str:
    return path.name.removesuffix(PACKAGE_SUFFIX)[-36:]


def _sequence(state: dict[str, Any]) -> int:
    value = str(state.get(NEXT_SEQUENCE) or "")
    return int(value) if value.isdigit() else FIRST_SEQUENCE


def _stored_time(value: datetime) -> str:
    """The text SQLAlchemy stores for kcfield's UTC datetime columns in SQLite (naive UTC, microseconds)."""
    return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(block)
    return digest.hexdigest()


def _audit(temp: Path, chosen: Path, aside: Path | None, facts: _Facts, now: datetime) -> None:
    engine = make_engine(sqlite_url(temp))
    try:
        store = Store(engine)
        with store.write() as session:
            me = session.scalar(select(CollaboratorRow).where(CollaboratorRow.is_local_user.is_(True)))
            changes = {
                "backup": chosen.name,
                "kept_aside": aside.name if aside is not None else "",
                "next_sequence": facts.next_sequence,
            }
            append_events(
                session,
                [PendingEvent("store", "local", "restore", changes)],
                at=now,
                actor=me.code if me is not None else "",
                device_id=me.device_id if me is not None else "",
            )
    finally:
        engine.dispose()


def _install(temp: Path, live: Path, readable: bool, aside: Path | None) -> None:
    if readable:
        # SQLite writes every page of the copy into the live file inside one write transaction of the live
        # database (WAL): a crash before its commit leaves the current data, after it the restored data.
        source = sqlite3.connect(temp)
        try:
            dest = sqlite3.connect(live, timeout=10)
            try:
                source.backup(dest)
                dest.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            except sqlite3.Error as exc:
                raise DomainError("backup.restore_install_failed", reason=str(exc), aside=str(aside or "")) from exc
            finally:
                dest.close()
        finally:
            source.close()
        return
    # The live file is missing or not a database (its bytes are kept aside): the copy, as one self-contained
    # file, takes its place by an atomic rename. The stale -wal/-shm go first: SQLite would replay a leftover
    # WAL onto whatever file has the live name.
    con = sqlite3.connect(temp)
    try:
        con.execute("PRAGMA journal_mode=DELETE")
    finally:
        con.close()
    fsync_file(temp)
    for suffix in ("-wal", "-shm", "-journal"):
        with contextlib.suppress(FileNotFoundError):
            live.with_name(live.name + suffix).unlink()
    temp.replace(live)
    fsync_dir(live.parent)


def _remove_with_companions(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        with contextlib.suppress(FileNotFoundError):
            path.with_name(path.name + suffix).unlink()
