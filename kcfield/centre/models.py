"""Tables only the centre has: enrolled collaborators, received packages, revision history, conflicts,
assignments and the centre's own settings.

They live on their own :class:`CentreBase` (a second ``MetaData`` with the field's naming convention), not on
:class:`kcfield.store.models.Base`: importing this module must not change the field store's schema, which
its own migrations and schema test compare against ``Base.metadata``. The centre's migrations target both
metadata objects (:data:`CENTRE_METADATA`), so the centre database is the shared schema plus these tables.

Bulk work is the point of the design (PITFALLS 10: an import of 10,000 records must run at 2,000 records/s):
the current revision of a record is one primary-key lookup in :class:`RecordHead` and a new revision is one
row appended to :class:`Revision`; both are written with Core ``insert()`` over lists, never row by row.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Any
from uuid import UUID

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    Uuid,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from kcfield.store.models import NAMING_CONVENTION, Base
from kcfield.store.types import UTCDateTime

VERSION_TABLE = "centre_alembic_version"


class CollaboratorStatus(StrEnum):
    ACTIVE = "active"
    REVOKED = "revoked"


class PackageStatus(StrEnum):
    APPLIED = "applied"
    HELD = "held"  # arrived before an earlier package of its device; applied when the gap fills
    REJECTED = "rejected"


class ConflictStatus(StrEnum):
    OPEN = "open"
    RESOLVED = "resolved"


class CentreBase(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {  # noqa: RUF012 - SQLAlchemy reads this class attribute
        datetime: UTCDateTime(),
        dict[str, Any]: JSON(),
        list[Any]: JSON(),
        UUID: Uuid(),
    }


class CentreCollaborator(CentreBase):
    """An enrolled collaborator: the key the centre trusts for their packages and the communes they cover."""

    __tablename__ = "centre_collaborators"
    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    full_name: Mapped[str] = mapped_column(String(120))
    public_key: Mapped[bytes] = mapped_column(LargeBinary(32))  # raw Ed25519 public key
    key_fingerprint: Mapped[str] = mapped_column(String(80), unique=True)
    # raw X25519 public key (derived from the signing key on the laptop, sent in the enrolment request): what
    # the packages for this collaborator are sealed for. NULL for one enrolled by an older version.
    encryption_key: Mapped[bytes | None] = mapped_column(LargeBinary(32))
    device_id: Mapped[str] = mapped_column(String(40))
    status: Mapped[str] = mapped_column(String(12), default=CollaboratorStatus.ACTIVE.value)
    communes: Mapped[list[Any]] = mapped_column(JSON, default=list)  # commune codes (int)
    enrolled_at: Mapped[datetime]
    revoked_at: Mapped[datetime | None]


class CentrePackage(CentreBase):
    """Every package that got past verification: its outcome, its receipt, and while held, its bytes."""

    __tablename__ = "centre_packages"
    __table_args__ = (
        UniqueConstraint("sender", "device_id", "sequence", name="uq_centre_packages_sender_device_sequence"),
        Index("ix_centre_packages_status", "status"),
    )
    package_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64))  # of the whole file: what idempotency compares
    sender: Mapped[str] = mapped_column(String(40))
    device_id: Mapped[str] = mapped_column(String(40))
    sequence: Mapped[int] = mapped_column(Integer)
    previous_sha256: Mapped[str] = mapped_column(String(64), default="")
    kind: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(12))
    reason: Mapped[str] = mapped_column(Text, default="")
    records: Mapped[int] = mapped_column(Integer, default=0)
    received_at: Mapped[datetime]
    applied_at: Mapped[datetime | None]
    receipt: Mapped[bytes | None] = mapped_column(LargeBinary)  # the signed receipt package, as sent back
    content: Mapped[bytes | None] = mapped_column(LargeBinary)  # a held package's file; cleared once applied


class RecordHead(CentreBase):
    """The current revision of each synced record: one primary-key lookup answers "where is this record now"."""

    __tablename__ = "centre_record_heads"
    entity: Mapped[str] = mapped_column(String(30), primary_key=True)
    record_id: Mapped[UUID] = mapped_column(Uuid(), primary_key=True)
    revision: Mapped[int] = mapped_column(Integer)
    device_id: Mapped[str] = mapped_column(String(40), default="")
    package_id: Mapped[str] = mapped_column(String(36), default="")
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)
    updated_at: Mapped[datetime]


class Revision(CentreBase):
    """Every revision the centre made of a record: the base of a later three-way merge.

    ``data`` is the whole record line as it travels (id, base_revision, local_edits, deleted, timestamps,
    authors and ``fields``), so any revision can be compared field by field or sent back out unchanged.
    """

    __tablename__ = "centre_revisions"
    entity: Mapped[str] = mapped_column(String(30), primary_key=True)
    record_id: Mapped[UUID] = mapped_column(Uuid(), primary_key=True)
    revision: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    device_id: Mapped[str] = mapped_column(String(40), default="")
    package_id: Mapped[str] = mapped_column(String(36), default="")
    created_at: Mapped[datetime]


class CentreConflict(CentreBase):
    """A field changed differently at the centre and on a device: both values kept until a person decides."""

    __tablename__ = "centre_conflicts"
    __table_args__ = (
        Index("ix_centre_conflicts_record", "entity", "record_id"),
        Index("ix_centre_conflicts_status", "status"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    entity: Mapped[str] = mapped_column(String(30))
    record_id: Mapped[UUID] = mapped_column(Uuid())
    field_name: Mapped[str] = mapped_column(String(80))
    base_revision: Mapped[int] = mapped_column(Integer, default=0)
    centre_revision: Mapped[int] = mapped_column(Integer, default=0)
    # JSON values; a JSON null is a real value here (the field was empty), so these columns are never SQL NULL.
    base_value: Mapped[Any] = mapped_column(JSON)
    centre_value: Mapped[Any] = mapped_column(JSON)
    field_value: Mapped[Any] = mapped_column(JSON)
    package_id: Mapped[str] = mapped_column(String(36))
    sender: Mapped[str] = mapped_column(String(40), default="")
    device_id: Mapped[str] = mapped_column(String(40), default="")
    status: Mapped[str] = mapped_column(String(12), default=ConflictStatus.OPEN.value)
    resolution: Mapped[Any | None] = mapped_column(JSON)
    created_at: Mapped[datetime]
    resolved_at: Mapped[datetime | None]
    resolved_by: Mapped[str] = mapped_column(String(40), default="")


class Assignment(CentreBase):
    """Work the centre gives a collaborator: one establishment, or a whole commune, with an optional due date."""

    __tablename__ = "centre_assignments"
    __table_args__ = (
        CheckConstraint("establishment_id IS NOT NULL OR commune_code IS NOT NULL", name="establishment_or_commune"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    collaborator_code: Mapped[str] = mapped_column(ForeignKey("centre_collaborators.code"), index=True)
    establishment_id: Mapped[UUID | None] = mapped_column(Uuid())
    commune_code: Mapped[int | None] = mapped_column(Integer)
    due_date: Mapped[date | None] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime]


class CentreState(CentreBase):
    """The centre's own settings: its key fingerprint, its code and device id, counters of packages it sends."""

    __tablename__ = "centre_state"
    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


CENTRE_METADATA: tuple[MetaData, ...] = (Base.metadata, CentreBase.metadata)


def centre_tables() -> dict[str, Any]:
    """Every table of the centre database by name (the shared schema and the centre's own)."""
    tables: dict[str, Any] = {}
    for metadata in CENTRE_METADATA:
        tables.update(metadata.tables)
    return tables


class RequestNonce(CentreBase):
    """A nonce of a signed HTTP request the service accepted (kcfield.sync.http_auth): its primary key makes a
    replay fail even across a restart or a second server process. Rows older than the replay window are
    deleted by the service as it goes; ``seen_at`` is indexed for that."""

    __tablename__ = "centre_request_nonces"
    __table_args__ = (Index("ix_centre_request_nonces_seen_at", "seen_at"),)
    nonce: Mapped[str] = mapped_column(String(32), primary_key=True)
    collaborator: Mapped[str] = mapped_column(String(40))
    seen_at: Mapped[datetime]
