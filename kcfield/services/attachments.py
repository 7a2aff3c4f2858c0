"""Photos and documents attached to records (DESIGN.md §3, Attachment).

The files never go into the database. :class:`AttachmentStore` keeps them in a content-addressed folder,
``attachments/ab/abcdef…`` (the sha256 of the bytes, fanned out by its first two hex digits), so the same
photo attached twice is stored once and a changed or truncated file is found by hashing it again.
:class:`AttachmentService` writes the ``attachments`` record (owner, hash, name, type, size, caption, when and
where taken) through :mod:`kcfield.services.records`, with its audit event, in one write transaction.

Order of a new attachment: the owner is checked, the file is stored (temp file, fsync, atomic rename), then the
record is written. If the record cannot be written the stored file stays behind unreferenced; being
content-addressed it harms nothing and is reused by the next attachment of the same bytes.

Deleting an attachment is a soft delete of its record only: other records may share the file, and a package
still carries it until the deletion is synced.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import re
import stat
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import BinaryIO
from uuid import UUID

from sqlalchemy import select

from kcfield.domain.errors import DomainError, NotFound
from kcfield.domain.model import Attachment
from kcfield.domain.text import normalize
from kcfield.durable import fsync_dir
from kcfield.services.context import ServiceContext
from kcfield.services.records import insert_record, load_live, set_deleted, update_record
from kcfield.store.mapping import row_to_domain
from kcfield.store.models import (
    AttachmentRow,
    CPAssessmentRow,
    EquipmentNeedRow,
    EstablishmentRow,
    SyncMixin,
    VisitRow,
)

ENTITY = "attachment"

MAX_ATTACHMENT_BYTES = 50 * 1024 * 1024  # a phone photo is 2-8 MB; a scanned PDF rarely above 20 MB
CHUNK_BYTES = 1024 * 1024
FILE_NAME_MAX = 255  # the column's width

# Accepted media, told by their first bytes (the file name's extension is not trusted).
MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"%PDF-", "application/pdf"),
)
MAGIC_BYTES = max(len(m) for m, _ in MAGIC)

OWNER_TABLES: dict[str, type[SyncMixin]] = {
    "establishment": EstablishmentRow,
    "visit": VisitRow,
    "equipment_need": EquipmentNeedRow,
    "cp_assessment": CPAssessmentRow,
}

_SHA256 = re.compile(r"[0-9a-f]{64}")
_TEMP_PREFIX = ".incoming-"
_NO_SPACE = frozenset({errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)})


def detect_media_type(head: bytes) -> str | None:
    """The media type of a file from its first bytes, or None when it is not an accepted kind."""
    for magic, media_type in MAGIC:
        if head.startswith(magic):
            return media_type
    return None


@dataclass(frozen=True, slots=True)
class StoredFile:
    sha256: str
    size: int
    path: Path
    media_type: str


class AttachmentStore:
    """A content-addressed folder of attachment files: ``folder/ab/<sha256>``."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def path_of(self, sha256: str) -> Path:
        if not _SHA256.fullmatch(sha256):
            raise ValueError(f"not a sha256 in lower-case hex: {sha256!r}")
        return self.folder / sha256[:2] / sha256

    def exists(self, sha256: str) -> bool:
        return self.path_of(sha256).is_file()

    def put(self, source: Path) -> StoredFile:
        """Copy ``source`` in under the hash of its bytes; the same bytes already stored are kept, not copied."""
        name = source.name
        try:
            info = source.stat()
        except FileNotFoundError:
            raise DomainError("attachment.source_missing", name=name) from None
        if not stat.S_ISREG(info.st_mode):
            raise DomainError("attachment.not_a_file", name=name)
        _check_size(info.st_size, name)
        self.folder.mkdir(parents=True, exist_ok=True)
        with source.open("rb") as reader:
            if not stat.S_ISREG(os.fstat(reader.fileno()).st_mode):  # replaced between stat() and open()
                raise DomainError("attachment.not_a_file", name=name)
            head = reader.read(CHUNK_BYTES)
            media_type = detect_media_type(head[:MAGIC_BYTES])
            if media_type is None:
                raise DomainError("attachment.unsupported_type", name=name)
            sha256, size, temp = self._copy_to_temp(reader, head, name)
        try:
            final = self.path_of(sha256)
            if final.is_file() and _hash_file(final) == (sha256, size):
                temp.unlink()  # already stored: deduplicated
            else:
                final.parent.mkdir(exist_ok=True)
                temp.replace(final)  # atomic; also repairs a damaged copy of the same bytes
                fsync_dir(final.parent)
        except OSError as exc:
            _discard(temp)
            if exc.errno in _NO_SPACE:
                raise DomainError("store.disk_full") from exc
            raise
        except BaseException:
            _discard(temp)
            raise
        return StoredFile(sha256, size, final, media_type)

    def verify(self, sha256: str) -> bool:
        """True when the stored file is there and its bytes still hash to ``sha256``."""
        path = self.path_of(sha256)
        try:
            return _hash_file(path)[0] == sha256
        except (FileNotFoundError, IsADirectoryError):
            return False

    def open(self, sha256: str) -> BinaryIO:
        try:
            return self.path_of(sha256).open("rb")
        except FileNotFoundError:
            raise DomainError("attachment.file_missing", sha256=sha256) from None

    def leftover_temp_files(self) -> list[Path]:
        """Temporary files of copies that never finished (e.g. power lost mid-copy)."""
        if not self.folder.is_dir():
            return []
        return sorted(self.folder.glob(f"{_TEMP_PREFIX}*"))

    def _copy_to_temp(self, reader: BinaryIO, head: bytes, name: str) -> tuple[str, int, Path]:
        digest = hashlib.sha256()
        size = 0
        fd, temp_name = tempfile.mkstemp(prefix=_TEMP_PREFIX, dir=self.folder)
        temp = Path(temp_name)
        try:
            try:
                chunk = head
                while chunk:
                    size += len(chunk)
                    _check_size(size, name)  # the file may have grown since stat()
                    digest.update(chunk)
                    _write_all(fd, chunk)
                    chunk = reader.read(CHUNK_BYTES)
                os.fsync(fd)
            finally:
                os.close(fd)
        except OSError as exc:
            _discard(temp)
            if exc.errno in _NO_SPACE:
                raise DomainError("store.disk_full") from exc
            raise
        except BaseException:
            _discard(temp)
            raise
        return digest.hexdigest(), size, temp


class AttachmentService:
    def __init__(self, ctx: ServiceContext, store: AttachmentStore) -> None:
        self._ctx = ctx
        self.store = store

    def get(self, record_id: UUID) -> Attachment:
        with self._ctx.store.read() as session:
            return row_to_domain(load_live(session, AttachmentRow, ENTITY, record_id), Attachment)

    def of_owner(self, owner_entity: str, owner_id: UUID) -> list[Attachment]:
        _owner_table(owner_entity)
        with self._ctx.store.read() as session:
            rows = session.scalars(
                select(AttachmentRow)
                .where(
                    AttachmentRow.owner_entity == owner_entity,
                    AttachmentRow.owner_id == owner_id,
                    AttachmentRow.deleted.is_(False),
                )
                .order_by(AttachmentRow.created_at, AttachmentRow.id)
            ).all()
            return [row_to_domain(r, Attachment) for r in rows]

    def add(
        self,
        owner_entity: str,
        owner_id: UUID,
        source: Path,
        caption: str = "",
        taken_at: datetime | None = None,
        latitude: float | None = None,
        longitude: float | None = None,
    ) -> Attachment:
        owner_table = _owner_table(owner_entity)
        if taken_at is not None:
            if taken_at.tzinfo is None:
                raise ValueError("taken_at must carry its time zone")
            taken_at = taken_at.astimezone(UTC)
        _check_position(latitude, longitude)
        with self._ctx.store.read() as session:  # refuse before copying anything
            load_live(session, owner_table, owner_entity, owner_id)
        stored = self.store.put(source)
        values = {
            "owner_entity": owner_entity,
            "owner_id": owner_id,
            "sha256": stored.sha256,
            "file_name": normalize(source.name)[:FILE_NAME_MAX],
            "media_type": stored.media_type,
            "size_bytes": stored.size,
            "caption": normalize(caption),
            "taken_at": taken_at,
            "latitude": latitude,
            "longitude": longitude,
        }
        with self._ctx.store.write() as session:
            load_live(session, owner_table, owner_entity, owner_id)  # still there inside the transaction
            row = insert_record(session, self._ctx, AttachmentRow, ENTITY, values)
            return row_to_domain(row, Attachment)

    def set_caption(self, record_id: UUID, caption: str) -> Attachment:
        with self._ctx.store.write() as session:
            row = load_live(session, AttachmentRow, ENTITY, record_id)
            update_record(session, self._ctx, row, ENTITY, {"caption": normalize(caption)})
            return row_to_domain(row, Attachment)

    def delete(self, record_id: UUID) -> None:
        """Soft-delete the record; the file stays (shared by other records, needed by packages until synced)."""
        with self._ctx.store.write() as session:
            set_deleted(session, self._ctx, load_live(session, AttachmentRow, ENTITY, record_id), ENTITY, True)

    def file_path(self, record_id: UUID) -> Path:
        return self.store.path_of(self.get(record_id).sha256)

    def verify(self, record_id: UUID) -> bool:
        with self._ctx.store.read() as session:
            row = session.get(AttachmentRow, record_id)
            if row is None:
                raise NotFound(ENTITY, record_id)
            sha256 = row.sha256
        return self.store.verify(sha256)

    def verify_all(self) -> list[UUID]:
        """Ids of live attachments whose file is missing or no longer matches its hash (each file hashed once)."""
        with self._ctx.store.read() as session:
            pairs = session.execute(
                select(AttachmentRow.id, AttachmentRow.sha256)
                .where(AttachmentRow.deleted.is_(False))
                .order_by(AttachmentRow.id)
            ).all()
        verdicts: dict[str, bool] = {}
        bad: list[UUID] = []
        for record_id, sha256 in pairs:
            if sha256 not in verdicts:
                verdicts[sha256] = self.store.verify(sha256)
            if not verdicts[sha256]:
                bad.append(record_id)
        return bad


def _owner_table(owner_entity: str) -> type[SyncMixin]:
    table = OWNER_TABLES.get(owner_entity)
    if table is None:
        raise DomainError("attachment.bad_owner", entity=owner_entity)
    return table


def _check_position(latitude: float | None, longitude: float | None) -> None:
    if latitude is None and longitude is None:
        return
    if latitude is None or longitude is None or not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        raise DomainError("attachment.bad_position")


def _check_size(size: int, name: str) -> None:
    if size > MAX_ATTACHMENT_BYTES:
        raise DomainError("attachment.too_large", name=name, limit_mb=MAX_ATTACHMENT_BYTES // (1024 * 1024))


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def _hash_file(path: Path) -> tuple[str, int]:
    digest = hashlib.sha256()
    size = 0
    with path.open("rb") as reader:
        while chunk := reader.read(CHUNK_BYTES):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


def _discard(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        path.unlink()
