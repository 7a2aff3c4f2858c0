"""Conflicts a person resolves: list, show, and take the field's value, the centre's, or a value typed in.

Resolving writes a new revision of the record when the chosen value differs from the centre's current one
(so the next reference package carries it to every laptop), and marks the conflict resolved with who, when
and what. A conflict is never resolved twice.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from kcfield.centre.db import CentreDatabase, utc_now
from kcfield.centre.history import NewRevision, append_revisions, current_heads, revision_data
from kcfield.centre.models import CentreConflict, ConflictStatus
from kcfield.domain.errors import DomainError
from kcfield.services.context import ServiceContext
from kcfield.services.establishments import EstablishmentService
from kcfield.services.reference import ReferenceService
from kcfield.store.record_lines import line_row, write_lines

__all__ = ["CentreConflicts", "ConflictView"]


@dataclass(frozen=True)
class ConflictView:
    id: int
    entity: str
    record_id: str
    field_name: str
    base_value: Any
    centre_value: Any
    field_value: Any
    sender: str
    status: str
    resolution: Any
    created_at: datetime

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "entity": self.entity,
            "record_id": self.record_id,
            "field": self.field_name,
            "base": self.base_value,
            "centre": self.centre_value,
            "field_value": self.field_value,
            "sender": self.sender,
            "status": self.status,
            "resolution": self.resolution,
            "created_at": self.created_at.isoformat(),
        }


class CentreConflicts:
    def __init__(self, db: CentreDatabase, clock: Callable[[], datetime] = utc_now) -> None:
        self._db, self._clock = db, clock

    def list(self, *, open_only: bool = True) -> list[ConflictView]:
        with self._db.read() as session:
            query = select(CentreConflict).order_by(CentreConflict.id)
            if open_only:
                query = query.where(CentreConflict.status == ConflictStatus.OPEN.value)
            return [_view(row) for row in session.scalars(query)]

    def show(self, conflict_id: int) -> ConflictView:
        with self._db.read() as session:
            return _view(_get(session, conflict_id))

    def resolve(self, conflict_id: int, take: str, who: str = "centre") -> ConflictView:
        """``take``: ``field`` (the device's value), ``centre`` (keep the centre's) or a JSON value."""
        with self._db.write() as session:
            row = _get(session, conflict_id)
            if row.status != ConflictStatus.OPEN.value:
                raise DomainError("centre.conflict_resolved", id=conflict_id)
            if take == "field":
                value = row.field_value
            elif take == "centre":
                value = row.centre_value
            else:
                try:
                    value = json.loads(take)
                except json.JSONDecodeError:
                    value = take  # plain text needs no quotes on the command line
            head = current_heads(session, row.entity, [row.record_id])[row.record_id]
            line = revision_data(session, row.entity, row.record_id, head.revision) or {}
            fields = dict(line.get("fields") or {})
            current = bool(line.get("deleted")) if row.field_name == "deleted" else fields.get(row.field_name)
            if value != current:
                new_line = dict(line)
                if row.field_name == "deleted":
                    new_line["deleted"] = bool(value)
                else:
                    fields[row.field_name] = value
                    new_line["fields"] = fields
                now = self._clock()
                new_line["updated_at"] = now.isoformat()
                new_line["updated_by"] = who
                revision = head.revision + 1
                written = line_row(row.entity, new_line, base_revision=revision)  # the value must read as the field
                append_revisions(
                    session,
                    [
                        NewRevision(
                            row.entity, row.record_id, revision, new_line, "centre", "", bool(new_line.get("deleted"))
                        )
                    ],
                    now,
                )
                if row.entity == "establishment":
                    context = ServiceContext(self._db.store)
                    profiles = EstablishmentService(context, ReferenceService(context))
                    written.values.update(profiles.derived_columns(written.record))
                write_lines(session, [written])
            row.status = ConflictStatus.RESOLVED.value
            row.resolution = value
            row.resolved_at = self._clock()
            row.resolved_by = who
            session.flush()
            return _view(row)


def _get(session: Session, conflict_id: int) -> CentreConflict:
    row = session.get(CentreConflict, conflict_id)
    if row is None:
        raise DomainError("centre.unknown_conflict", id=conflict_id)
    return row


def _view(row: CentreConflict) -> ConflictView:
    return ConflictView(
        row.id,
        row.entity,
        str(row.record_id),
        row.field_name,
        row.base_value,
        row.centre_value,
        row.field_value,
        row.sender,
        row.status,
        row.resolution,
        row.created_at,
    )
