"""The one way a syncing record is inserted, changed, deleted or restored.

Every path bumps ``local_edits``, stamps ``updated_at/by`` and appends its audit event in the caller's write
transaction, so no service can forget one of the three.
"""

from __future__ import annotations

from typing import Any, TypeVar
from uuid import UUID

from sqlalchemy.orm import Session

from kcfield.domain.enums import AuditAction
from kcfield.domain.errors import DomainError, NotFound
from kcfield.domain.serialization import to_json_value
from kcfield.services.context import ServiceContext
from kcfield.store.audit import PendingEvent, append_events
from kcfield.store.mapping import apply_values, is_empty
from kcfield.store.models import SyncMixin

R = TypeVar("R", bound=SyncMixin)


def audit(session: Session, ctx: ServiceContext, entity: str, record_id: UUID, action: str, changes: Any) -> None:
    append_events(
        session,
        [PendingEvent(entity, str(record_id), action, changes)],
        at=ctx.now(),
        actor=ctx.identity.actor,
        device_id=ctx.identity.device_id,
    )


def insert_record(
    session: Session,
    ctx: ServiceContext,
    row_cls: type[R],
    entity: str,
    values: dict[str, Any],
    derived: dict[str, Any] | None = None,
) -> R:
    """Insert a new record. ``derived`` columns (search keys) are stored but not audited: they follow from
    the values."""
    now = ctx.now()
    columns: dict[str, Any] = {
        "id": ctx.ids.new(),
        "base_revision": 0,
        "local_edits": 1,
        "exported_edits": 0,
        "deleted": False,
        "created_at": now,
        "created_by": ctx.identity.actor,
        "updated_at": now,
        "updated_by": ctx.identity.actor,
    }
    row = row_cls(**columns, **values, **(derived or {}))
    session.add(row)
    session.flush()
    changes = {k: [None, to_json_value(v)] for k, v in values.items() if not is_empty(v)}
    audit(session, ctx, entity, row.id, AuditAction.CREATE, changes)
    return row


def load_live(session: Session, row_cls: type[R], entity: str, record_id: UUID) -> R:
    row = session.get(row_cls, record_id)
    if row is None:
        raise NotFound(entity, record_id)
    if row.deleted:
        raise DomainError("record.deleted", entity=entity, id=str(record_id))
    return row


def update_record(
    session: Session,
    ctx: ServiceContext,
    row: SyncMixin,
    entity: str,
    values: dict[str, Any],
    derived: dict[str, Any] | None = None,
) -> dict[str, list[Any]]:
    changes = apply_values(row, values)
    for name, value in (derived or {}).items():
        setattr(row, name, value)
    if changes:
        touch(row, ctx)
        session.flush()
        audit(session, ctx, entity, row.id, AuditAction.UPDATE, changes)
    return changes


def set_deleted(session: Session, ctx: ServiceContext, row: SyncMixin, entity: str, deleted: bool) -> None:
    if row.deleted == deleted:
        return
    row.deleted = deleted
    touch(row, ctx)
    session.flush()
    action = AuditAction.DELETE if deleted else AuditAction.RESTORE
    audit(session, ctx, entity, row.id, action, {"deleted": [not deleted, deleted]})


def touch(row: SyncMixin, ctx: ServiceContext) -> None:
    row.local_edits += 1
    row.updated_at = ctx.now()
    row.updated_by = ctx.identity.actor
