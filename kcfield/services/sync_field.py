"""The field side of package sync: the collaborator's key, the enrolment request, and exports (DESIGN.md §4).

**Export, and why in this order.** The pending changes are read in one read transaction; the package is
written (atomically, by :func:`kcfield.sync.package.write_package`) into ``outbox/``; only then, in ONE write
transaction, are the packed rows marked exported, the outbox row recorded and the sequence advanced. So:

- a crash before the commit leaves the rows pending and the sequence unused: the next export writes the same
  sequence number again (with a new package id) and removes the stray file of the failed attempt, so no
  number is skipped or used twice, and no change is lost;
- marking is a compare-and-set on the ``local_edits`` value that was packed: a record edited between the read
  and the commit keeps its newer edit pending for the next package;
- two exports racing for one sequence number: the second to commit finds the sequence moved, discards its
  file and says so; nothing of it is marked.

The copy to a chosen folder (a USB stick) is made after the commit, from the outbox file; packages stay in the
outbox until a receipt acknowledges them, and :meth:`FieldSyncService.resend_paths` lists those not yet
acknowledged.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import dataclasses
import hashlib
import os
import re
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import Table, bindparam, select, update
from sqlalchemy.orm import Session

from kcfield import __version__
from kcfield.domain.errors import DomainError
from kcfield.paths import AppPaths
from kcfield.services.attachments import AttachmentStore
from kcfield.services.context import ServiceContext
from kcfield.services.key_vault import KeyVault
from kcfield.services.records import audit
from kcfield.services.sync_enrolment import (
    KEY_FILE_NAME,
    EnrolmentRequest,
    build_enrolment_document,
    write_json_atomically,
)
from kcfield.services.sync_records import (
    AUDIT_MEMBER,
    PendingChanges,
    attachment_member,
    collect_pending,
    count_pending,
    member_name,
)
from kcfield.services.sync_state import (
    CENTRE_ENCRYPTION_KEY,
    LAST_AUDIT_SEQ,
    LAST_EXPORT_AT,
    NEXT_SEQUENCE,
    PREVIOUS_SHA256,
    last_audit_seq,
    next_sequence,
    read_state,
    set_state,
)
from kcfield.store.migrate import head_revision
from kcfield.store.models import SYNCED_TABLES, CollaboratorRow, SyncOutboxRow
from kcfield.store.record_lines import ENTITIES
from kcfield.sync.keys import encryption_public_bytes, fingerprint, is_usable_encryption_key, public_bytes
from kcfield.sync.manifest import is_valid_code
from kcfield.sync.package import PackageKind, Party, write_package

RECIPIENT = "centre"
PACKAGE_SUFFIX = ".kcpkg"
PACKAGE_NAME = re.compile(  # <sender>-<sequence>-<package id>.kcpkg, as package_file_name writes it
    r".+-(?P<sequence>\d{6,})-[0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12}\.kcpkg"
)
_TEMP_NAME = re.compile(r"\.(?P<name>.+\.kcpkg)\.[0-9a-f]{12}\.tmp")  # kcfield.sync.package writes through it


@dataclass(frozen=True)
class ExportResult:
    path: Path  # the package in the outbox
    package_id: str
    sequence: int
    sha256: str
    previous_sha256: str
    records: dict[str, int]  # entity -> records packed
    attachment_files: int
    audit_events: int
    copied_to: Path | None = None  # the copy in the folder asked for, if any

    @property
    def record_count(self) -> int:
        return sum(self.records.values())


@dataclass(frozen=True)
class OutboxEntry:
    package_id: str
    sequence: int
    path: Path
    sha256: str
    created_at: datetime
    kind: str
    record_count: int
    acknowledged_at: datetime | None
    receipt_summary: dict[str, Any] | None

    @property
    def acknowledged(self) -> bool:
        return self.acknowledged_at is not None


@dataclass(frozen=True)
class EnrolmentRequestFile:
    path: Path
    fingerprint: str


@dataclass(frozen=True)
class _Sender:
    code: str
    device_id: str
    full_name: str
    phone: str


class FieldSyncService:
    def __init__(
        self, ctx: ServiceContext, paths: AppPaths, attachments: AttachmentStore, *, app_version: str = __version__
    ) -> None:
        self._ctx = ctx
        self._paths = paths
        self._attachments = attachments
        self._app_version = app_version
        self.before_export: Callable[[], object] = lambda: None  # the container sets the backup before an export
        self.vault = KeyVault(self.key_path)  # the private key, opened once per session (optional passphrase)

    # --- key and enrolment ---------------------------------------------------------------------------------

    @property
    def key_path(self) -> Path:
        return self._paths.keys / KEY_FILE_NAME

    def ensure_key(self) -> str:
        """Make the collaborator's key pair if there is none yet; record its fingerprint on the local
        collaborator (when the profile exists). Returns the fingerprint. Called at first run and before every
        export or enrolment request. A passphrase-protected key is not opened: its public half is readable."""
        key_fingerprint = self.vault.fingerprint()
        self._record_fingerprint(key_fingerprint)
        return key_fingerprint

    def signing_key(self) -> Ed25519PrivateKey:
        """The collaborator's private key (``key.locked`` while a protected key is not opened)."""
        return self._key_and_fingerprint()[0]

    def enrol_request(self, out: Path) -> EnrolmentRequestFile:
        """Write the signed enrolment request the centre's ``enrol`` command reads (format in sync_enrolment)."""
        sender = self._sender()
        key, key_fingerprint = self._key_and_fingerprint()
        request = EnrolmentRequest(
            code=sender.code,
            full_name=sender.full_name,
            phone=sender.phone,
            device_id=sender.device_id,
            public_key=public_bytes(key),
            fingerprint=key_fingerprint,
            encryption_key=encryption_public_bytes(key),
            app_version=self._app_version,
            created_at=self._ctx.now().isoformat(),
        )
        write_json_atomically(out, build_enrolment_document(key, request))
        return EnrolmentRequestFile(out, key_fingerprint)

    # --- what is pending, what was sent ----------------------------------------------------------------------

    def pending_summary(self) -> dict[str, int]:
        """Records waiting for the next export, per entity (every entity named, zeros included)."""
        with self._ctx.store.read() as session:
            return count_pending(session)

    def outbox(self) -> list[OutboxEntry]:
        """Every package written by this device, in sequence order, acknowledged or not."""
        with self._ctx.store.read() as session:
            rows = session.scalars(select(SyncOutboxRow).order_by(SyncOutboxRow.sequence)).all()
            return [
                OutboxEntry(
                    package_id=r.package_id,
                    sequence=r.sequence,
                    path=self._paths.outbox / r.file_name,
                    sha256=r.sha256,
                    created_at=r.created_at,
                    kind=r.kind,
                    record_count=r.record_count,
                    acknowledged_at=r.acknowledged_at,
                    receipt_summary=dict(r.receipt_summary) if r.receipt_summary is not None else None,
                )
                for r in rows
            ]

    def resend_paths(self) -> list[Path]:
        """The files of packages no receipt has acknowledged yet, in sequence order (send them all again)."""
        return [entry.path for entry in self.outbox() if not entry.acknowledged]

    # --- export ----------------------------------------------------------------------------------------------

    def export(self, folder: Path | None = None) -> ExportResult | None:
        """Write a package of every pending change; None (and nothing written) when nothing is pending."""
        if folder is not None and not folder.is_dir():
            raise DomainError("sync_field.folder_missing", path=str(folder))
        sender = self._sender()
        key, key_fingerprint = self._key_and_fingerprint()
        with self._ctx.store.read() as session:
            state = read_state(session)
            pending = collect_pending(session, last_audit_seq(state))
        if pending.record_count == 0:
            return None
        encrypt_for = _centre_encryption_key(state)
        self.before_export()  # a backup of the store as it was before this package (kcfield.services.backups)
        sequence = next_sequence(state)
        previous = state.get(PREVIOUS_SHA256, "")
        members = self._members(pending)
        self._paths.outbox.mkdir(parents=True, exist_ok=True)
        now = self._ctx.now()
        try:
            written = write_package(
                self._paths.outbox,
                kind=PackageKind.FIELD_CHANGES,
                sender=Party("collaborator", sender.code, sender.device_id, key_fingerprint),
                recipient=RECIPIENT,
                sequence=sequence,
                previous_sha256=previous,
                members=members,
                key=key,
                app_version=self._app_version,
                schema_version=head_revision(),
                encrypt_for=encrypt_for,
                created_at=now,
            )
        except OSError as exc:  # a full disk, a read-only folder: nothing was written, the number is not used
            raise DomainError(
                "sync_field.write_failed", folder=str(self._paths.outbox), reason=exc.strerror or str(exc)
            ) from exc
        try:
            with self._ctx.store.write() as session:
                if next_sequence(read_state(session)) != sequence:
                    raise DomainError("sync_field.concurrent_export", sequence=sequence)
                _mark_exported(session, pending)
                session.add(
                    SyncOutboxRow(
                        package_id=written.manifest.package_id,
                        sequence=sequence,
                        file_name=written.path.name,
                        sha256=written.sha256,
                        created_at=now,
                        kind=str(PackageKind.FIELD_CHANGES),
                        record_count=pending.record_count,
                        acknowledged_at=None,
                        receipt_summary=None,
                    )
                )
                set_state(
                    session,
                    {
                        NEXT_SEQUENCE: str(sequence + 1),
                        PREVIOUS_SHA256: written.sha256,
                        LAST_EXPORT_AT: now.isoformat(),
                        LAST_AUDIT_SEQ: str(pending.last_audit_seq),
                    },
                )
        except BaseException:
            _discard(written.path)
            raise
        self._remove_strays(sequence, keep=written.path)
        result = ExportResult(
            path=written.path,
            package_id=written.manifest.package_id,
            sequence=sequence,
            sha256=written.sha256,
            previous_sha256=previous,
            records=pending.counts(),
            attachment_files=len(pending.files),
            audit_events=len(pending.audit_lines),
        )
        if folder is None or folder.resolve() == self._paths.outbox.resolve():
            return result
        return dataclasses.replace(result, copied_to=_copy_into(written.path, folder))

    # --- helpers -----------------------------------------------------------------------------------------------

    def _sender(self) -> _Sender:
        with self._ctx.store.read() as session:
            row = session.scalar(select(CollaboratorRow).where(CollaboratorRow.is_local_user.is_(True)))
            if row is None or not row.code:
                raise DomainError("sync_field.no_profile")
            if not is_valid_code(row.code):  # it names the package files and the sender
                raise DomainError("sync_field.bad_code", collaborator=row.code)
            return _Sender(row.code, row.device_id, row.full_name, row.phone)

    def _key_and_fingerprint(self) -> tuple[Ed25519PrivateKey, str]:
        key = self.vault.key()
        key_fingerprint = fingerprint(public_bytes(key))
        self._record_fingerprint(key_fingerprint)
        return key, key_fingerprint

    def _record_fingerprint(self, key_fingerprint: str) -> None:
        """Keep the local collaborator's recorded fingerprint equal to the key file's (audited when it moves)."""
        with self._ctx.store.read() as session:
            stored = session.scalar(
                select(CollaboratorRow.key_fingerprint).where(CollaboratorRow.is_local_user.is_(True))
            )
        if stored is not None and stored != key_fingerprint:
            with self._ctx.store.write() as session:
                row = session.scalar(select(CollaboratorRow).where(CollaboratorRow.is_local_user.is_(True)))
                if row is not None and row.key_fingerprint != key_fingerprint:
                    old, row.key_fingerprint = row.key_fingerprint, key_fingerprint
                    session.flush()
                    changes = {"key_fingerprint": [old, key_fingerprint]}
                    audit(session, self._ctx, "collaborator", row.id, "update", changes)

    def _members(self, pending: PendingChanges) -> dict[str, bytes]:
        members: dict[str, bytes] = {}
        for entity in ENTITIES:
            lines = pending.lines.get(entity)
            if lines:
                members[member_name(entity)] = b"".join(lines)
        if pending.audit_lines:
            members[AUDIT_MEMBER] = b"".join(pending.audit_lines)
        for sha256, wanted in sorted(pending.files.items()):
            members[attachment_member(sha256)] = self._attachment_bytes(sha256, wanted.file_name)
        return members

    def _attachment_bytes(self, sha256: str, file_name: str) -> bytes:
        """The stored file, refused if it is gone or its bytes no longer hash to what the record says."""
        try:
            data = self._attachments.path_of(sha256).read_bytes()
        except (FileNotFoundError, IsADirectoryError, ValueError):
            raise DomainError("sync_field.attachment_missing", name=file_name, sha256=sha256) from None
        if hashlib.sha256(data).hexdigest() != sha256:
            raise DomainError("sync_field.attachment_changed", name=file_name, sha256=sha256)
        return data

    def _remove_strays(self, sequence: int, *, keep: Path) -> None:
        """Files of earlier attempts at this sequence number, or an earlier one, that never committed (a crash,
        a lost race). Earlier numbers too: a kill between a commit and this clean-up leaves the failed attempt's
        file behind under a number that is now used.

        Only a file named like a package of such a number and absent from the outbox table is removed, so a
        committed package is never touched whatever its sender code looks like."""
        with self._ctx.store.read() as session:
            known = set(session.scalars(select(SyncOutboxRow.file_name)))
        for candidate in self._paths.outbox.glob(f"*{PACKAGE_SUFFIX}"):
            match = PACKAGE_NAME.fullmatch(candidate.name)
            if match and int(match["sequence"]) <= sequence and candidate != keep and candidate.name not in known:
                _discard(candidate)
        for candidate in self._paths.outbox.glob(".*.tmp"):  # half-written files of killed exports
            temp = _TEMP_NAME.fullmatch(candidate.name)
            match = PACKAGE_NAME.fullmatch(temp["name"]) if temp else None
            if match and int(match["sequence"]) <= sequence:
                _discard(candidate)


def _mark_exported(session: Session, pending: PendingChanges) -> None:
    """exported_edits := the local_edits packed, only where local_edits still equals it (compare-and-set)."""
    connection = session.connection()
    for entity, marks in pending.marks.items():
        table = SYNCED_TABLES[entity].__table__  # type: ignore[attr-defined]
        assert isinstance(table, Table)
        statement = (
            update(table)
            .where(table.c.id == bindparam("k_id"), table.c.local_edits == bindparam("k_edits"))
            .values(exported_edits=bindparam("k_edits"))
        )
        connection.execute(statement, [{"k_id": record_id, "k_edits": edits} for record_id, edits in marks])


def _centre_encryption_key(state: dict[str, str]) -> bytes:
    """The centre's X25519 public key, learnt from its welcome (or a later reference) package."""
    try:
        value = base64.b64decode(state.get(CENTRE_ENCRYPTION_KEY, ""), validate=True)
    except (binascii.Error, ValueError):
        value = b""
    if not is_usable_encryption_key(value):
        raise DomainError("sync_field.no_centre_key")
    return value


def _copy_into(package: Path, folder: Path) -> Path:
    """Copy a package into a folder (temp name, fsync, rename): a pulled USB stick never holds half a package
    under the real name."""
    target = folder / package.name
    try:
        fd, temp_name = tempfile.mkstemp(prefix=".incoming-", dir=folder)
        try:
            with os.fdopen(fd, "wb") as writer, package.open("rb") as reader:
                shutil.copyfileobj(reader, writer)
                writer.flush()
                os.fsync(writer.fileno())
            Path(temp_name).replace(target)
        except BaseException:
            _discard(Path(temp_name))
            raise
    except OSError as exc:
        raise DomainError(
            "sync_field.copy_failed", folder=str(folder), path=str(package), reason=exc.strerror or str(exc)
        ) from exc
    return target


def _discard(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        path.unlink()
