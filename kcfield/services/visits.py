"""Visits: drafts are edited freely; finalising locks the visit and keeps a snapshot of the profile.

A final visit is never rewritten. A correction is an *amendment*: a new draft visit that points at the final
one (``amends_visit_id``) and starts as its copy, so the original and the correction both stay on record.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date
from typing import Any
from uuid import UUID

from sqlalchemy import select

from kcfield.domain.enums import AuditAction, VisitStatus
from kcfield.domain.errors import Conflict, ValidationFailed
from kcfield.domain.model import Establishment, Visit
from kcfield.domain.serialization import to_json_value
from kcfield.domain.validation import validate_visit
from kcfield.services.context import ServiceContext
from kcfield.services.records import audit, insert_record, load_live, set_deleted, touch, update_record
from kcfield.store.mapping import domain_values, is_empty, row_to_domain
from kcfield.store.models import EstablishmentRow, VisitRow

ENTITY = "visit"


@dataclass(frozen=True, slots=True)
class VisitListItem:
    """One row of the visits list: the visit's headline plus the establishment's name."""

    id: UUID
    establishment_id: UUID
    establishment_name: str
    visit_date: date | None
    collaborator_code: str
    purpose: str
    status: VisitStatus
    has_position: bool
    amends_visit_id: UUID | None


class VisitService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def get(self, record_id: UUID) -> Visit:
        with self._ctx.store.read() as session:
            return row_to_domain(load_live(session, VisitRow, ENTITY, record_id), Visit)

    def of_establishment(self, establishment_id: UUID) -> list[Visit]:
        with self._ctx.store.read() as session:
            rows = session.scalars(
                select(VisitRow)
                .where(VisitRow.establishment_id == establishment_id, VisitRow.deleted.is_(False))
                .order_by(VisitRow.visit_date.desc(), VisitRow.id.desc())
            ).all()
            return [row_to_domain(r, Visit) for r in rows]

    def recent(self, limit: int = 500, establishment_id: UUID | None = None) -> list[VisitListItem]:
        """The newest visits (all establishments, or one), newest first, for the visits list."""
        query = (
            select(VisitRow, EstablishmentRow.name)
            .join(EstablishmentRow, EstablishmentRow.id == VisitRow.establishment_id)
            .where(VisitRow.deleted.is_(False))
        )
        if establishment_id is not None:
            query = query.where(VisitRow.establishment_id == establishment_id)
        query = query.order_by(VisitRow.visit_date.desc(), VisitRow.created_at.desc(), VisitRow.id.desc())
        with self._ctx.store.read() as session:
            return [
                VisitListItem(
                    id=row.id,
                    establishment_id=row.establishment_id,
                    establishment_name=name,
                    visit_date=row.visit_date,
                    collaborator_code=row.collaborator_code,
                    purpose=row.purpose,
                    status=VisitStatus(row.status),
                    has_position=row.latitude is not None and row.longitude is not None,
                    amends_visit_id=row.amends_visit_id,
                )
                for row, name in session.execute(query.limit(limit)).all()
            ]

    def create(self, draft: Visit) -> Visit:
        visit = self._validated(dataclasses.replace(draft, status=VisitStatus.DRAFT, finalised_at=None))
        if not visit.collaborator_code:
            visit = dataclasses.replace(visit, collaborator_code=self._ctx.identity.actor)
        with self._ctx.store.write() as session:
            load_live(session, EstablishmentRow, "establishment", _required(visit.establishment_id))
            row = insert_record(session, self._ctx, VisitRow, ENTITY, domain_values(visit))
            return row_to_domain(row, Visit)

    def update(self, visit: Visit) -> Visit:
        record_id = _required(visit.id)
        visit = self._validated(visit)
        with self._ctx.store.write() as session:
            row = load_live(session, VisitRow, ENTITY, record_id)
            if row.status == VisitStatus.FINAL:
                raise Conflict("visit.locked")
            # Status, snapshot and lock time change only through finalise().
            values = domain_values(visit, skip=frozenset({"status", "finalised_at", "profile_snapshot"}))
            update_record(session, self._ctx, row, ENTITY, values)
            return row_to_domain(row, Visit)

    def finalise(self, record_id: UUID) -> Visit:
        with self._ctx.store.write() as session:
            row = load_live(session, VisitRow, ENTITY, record_id)
            if row.status == VisitStatus.FINAL:
                return row_to_domain(row, Visit)
            problems = [p for p in validate_visit(row_to_domain(row, Visit), self._ctx.today()) if p.blocking]
            if problems:
                raise ValidationFailed(problems)
            establishment = session.get(EstablishmentRow, row.establishment_id)
            assert establishment is not None  # foreign key
            profile = domain_values(row_to_domain(establishment, Establishment))
            snapshot = profile_snapshot(profile, establishment.id, establishment.base_revision)
            row.status = VisitStatus.FINAL
            row.finalised_at = self._ctx.now()
            row.profile_snapshot = snapshot
            touch(row, self._ctx)
            session.flush()
            audit(session, self._ctx, ENTITY, row.id, AuditAction.FINALISE, {"status": ["draft", "final"]})
            return row_to_domain(row, Visit)

    def amend(self, record_id: UUID) -> Visit:
        """Start a correction of a final visit: a new draft that copies it and points back at it."""
        original = self.get(record_id)
        if original.status != VisitStatus.FINAL:
            raise Conflict("visit.not_final")
        draft = dataclasses.replace(
            original,
            id=None,
            meta=None,
            status=VisitStatus.DRAFT,
            finalised_at=None,
            profile_snapshot=None,
            amends_visit_id=record_id,
        )
        return self.create(draft)

    def delete(self, record_id: UUID) -> None:
        with self._ctx.store.write() as session:
            row = load_live(session, VisitRow, ENTITY, record_id)
            if row.status == VisitStatus.FINAL:
                raise Conflict("visit.locked")
            set_deleted(session, self._ctx, row, ENTITY, True)

    def _validated(self, visit: Visit) -> Visit:
        problems = [p for p in validate_visit(visit, self._ctx.today()) if p.blocking]
        if problems:
            raise ValidationFailed(problems)
        return visit


def profile_snapshot(profile: dict[str, Any], establishment_id: UUID, base_revision: int) -> dict[str, Any]:
    """The establishment as it was at a visit: its non-empty fields (the dataclass defaults fill the rest)."""
    snapshot = {k: to_json_value(v) for k, v in profile.items() if not is_empty(v)}
    snapshot["id"] = str(establishment_id)
    snapshot["base_revision"] = base_revision
    return snapshot


def _required(value: UUID | None) -> UUID:
    if value is None:
        raise ValueError("a saved record id is required here")
    return value
