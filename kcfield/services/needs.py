"""Equipment-support needs of an establishment (the allowed support is computed by a later feature)."""

from __future__ import annotations

from uuid import UUID

from sqlalchemy import select

from kcfield.domain.errors import ValidationFailed
from kcfield.domain.model import EquipmentNeed
from kcfield.domain.validation import validate_equipment_need
from kcfield.services.context import ServiceContext
from kcfield.services.records import insert_record, load_live, set_deleted, update_record
from kcfield.store.mapping import domain_values, row_to_domain
from kcfield.store.models import EquipmentNeedRow, EstablishmentRow

ENTITY = "equipment_need"


class EquipmentNeedService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def get(self, record_id: UUID) -> EquipmentNeed:
        with self._ctx.store.read() as session:
            return row_to_domain(load_live(session, EquipmentNeedRow, ENTITY, record_id), EquipmentNeed)

    def of_establishment(self, establishment_id: UUID) -> list[EquipmentNeed]:
        with self._ctx.store.read() as session:
            rows = session.scalars(
                select(EquipmentNeedRow)
                .where(EquipmentNeedRow.establishment_id == establishment_id, EquipmentNeedRow.deleted.is_(False))
                .order_by(EquipmentNeedRow.id)
            ).all()
            return [row_to_domain(r, EquipmentNeed) for r in rows]

    def create(self, draft: EquipmentNeed) -> EquipmentNeed:
        self._check(draft)
        if draft.establishment_id is None:
            raise ValueError("an equipment need belongs to an establishment")
        with self._ctx.store.write() as session:
            load_live(session, EstablishmentRow, "establishment", draft.establishment_id)
            row = insert_record(session, self._ctx, EquipmentNeedRow, ENTITY, domain_values(draft))
            return row_to_domain(row, EquipmentNeed)

    def update(self, need: EquipmentNeed) -> EquipmentNeed:
        if need.id is None:
            raise ValueError("update() needs a saved record")
        self._check(need)
        with self._ctx.store.write() as session:
            row = load_live(session, EquipmentNeedRow, ENTITY, need.id)
            update_record(session, self._ctx, row, ENTITY, domain_values(need))
            return row_to_domain(row, EquipmentNeed)

    def delete(self, record_id: UUID) -> None:
        with self._ctx.store.write() as session:
            set_deleted(session, self._ctx, load_live(session, EquipmentNeedRow, ENTITY, record_id), ENTITY, True)

    def _check(self, need: EquipmentNeed) -> None:
        problems = [p for p in validate_equipment_need(need) if p.blocking]
        if problems:
            raise ValidationFailed(problems)
