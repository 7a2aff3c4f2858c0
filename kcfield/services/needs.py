"""Equipment-support needs of an establishment, the support the rules allow for each, and totals.

The allowed support follows the machinery rule set in force on the need's visit date (or on a given day when
the need has no dated visit); the establishment's priority criteria raise the cap (kcfield.domain.support).
"""

from __future__ import annotations

import builtins
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import TypeVar
from uuid import UUID

from sqlalchemy import select
from sqlalchemy.orm import InstrumentedAttribute, Session

from kcfield.domain.enums import NeedStatus
from kcfield.domain.errors import ValidationFailed
from kcfield.domain.model import EquipmentNeed, Establishment
from kcfield.domain.need_status import check_transition
from kcfield.domain.rules import SupportRules
from kcfield.domain.support import SupportAssessment, SupportTotals, allowed_support, support_totals
from kcfield.domain.validation import validate_equipment_need
from kcfield.services.context import ServiceContext
from kcfield.services.establishments import EstablishmentService
from kcfield.services.records import insert_record, load_live, set_deleted, update_record
from kcfield.services.reference import ReferenceService
from kcfield.store.mapping import domain_values, row_to_domain
from kcfield.store.models import EquipmentNeedRow, EstablishmentRow, VisitRow

ENTITY = "equipment_need"
_Row = TypeVar("_Row")
_V = TypeVar("_V")


@dataclass(frozen=True, slots=True)
class NeedListItem:
    """One row of the needs list: the need, where it belongs and the support the rules allow for it."""

    need: EquipmentNeed
    establishment_name: str
    commune_code: int | None
    commune_name: str
    assessment: SupportAssessment


class EquipmentNeedService:
    def __init__(
        self,
        ctx: ServiceContext,
        establishments: EstablishmentService | None = None,
        reference: ReferenceService | None = None,
    ) -> None:
        self._ctx = ctx
        self._reference = reference if reference is not None else ReferenceService(ctx)
        self._establishments = (
            establishments if establishments is not None else EstablishmentService(ctx, self._reference)
        )

    def get(self, record_id: UUID) -> EquipmentNeed:
        with self._ctx.store.read() as session:
            return row_to_domain(load_live(session, EquipmentNeedRow, ENTITY, record_id), EquipmentNeed)

    def of_establishment(self, establishment_id: UUID) -> builtins.list[EquipmentNeed]:
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
            problems = check_transition(NeedStatus(row.status), need.status)
            if problems:
                raise ValidationFailed(problems)
            update_record(session, self._ctx, row, ENTITY, domain_values(need))
            return row_to_domain(row, EquipmentNeed)

    def delete(self, record_id: UUID) -> None:
        with self._ctx.store.write() as session:
            set_deleted(session, self._ctx, load_live(session, EquipmentNeedRow, ENTITY, record_id), ENTITY, True)

    # --- allowed support and totals ------------------------------------------------------------------

    def assess(self, need: EquipmentNeed, on: date | None = None) -> SupportAssessment:
        """The support ``need`` may get: under the rule set in force on its visit's date when it has a dated
        visit, else on ``on`` (default today); the cap rises when the establishment meets a priority criterion."""
        day, priority = self.support_basis(need, on)
        return allowed_support(need, self._reference.support_rules, day, priority=priority)

    def support_basis(self, need: EquipmentNeed, on: date | None = None) -> tuple[date, bool]:
        """(the day whose rules apply, whether the establishment has priority) for :meth:`assess`; an editor
        reads these once and then works out the support itself at every keystroke."""
        visit_date: date | None = None
        est: Establishment | None = None
        with self._ctx.store.read() as session:
            if need.visit_id is not None:
                visit_date = session.scalar(select(VisitRow.visit_date).where(VisitRow.id == need.visit_id))
            if need.establishment_id is not None:
                row = session.get(EstablishmentRow, need.establishment_id)
                est = row_to_domain(row, Establishment) if row is not None else None
        return visit_date or on or self._ctx.today(), self._priority(est)

    def support_rules(self) -> SupportRules:
        """The support rules from reference data (cached by the reference service)."""
        return self._reference.support_rules

    def list(self, establishment_id: UUID | None = None) -> builtins.list[NeedListItem]:
        """Live needs (of one establishment, or all), by establishment name then id, each with its assessment."""
        today = self._ctx.today()
        with self._ctx.store.read() as session:
            query = select(EquipmentNeedRow).where(EquipmentNeedRow.deleted.is_(False))
            if establishment_id is not None:
                query = query.where(EquipmentNeedRow.establishment_id == establishment_id)
            needs = [row_to_domain(r, EquipmentNeed) for r in session.scalars(query.order_by(EquipmentNeedRow.id))]
            est_ids = {n.establishment_id for n in needs}
            visit_ids = {n.visit_id for n in needs if n.visit_id is not None}
            establishments = {
                r.id: row_to_domain(r, Establishment)
                for r in _chunked_rows(session, EstablishmentRow, EstablishmentRow.id, est_ids)
            }
            visit_dates = dict(_chunked_pairs(session, VisitRow.id, VisitRow.visit_date, visit_ids))
        rules = self._reference.support_rules
        communes = self._reference.communes
        priorities: dict[UUID | None, bool] = {}
        items: builtins.list[NeedListItem] = []
        for need in needs:
            est = establishments.get(need.establishment_id) if need.establishment_id is not None else None
            if need.establishment_id not in priorities:
                priorities[need.establishment_id] = self._priority(est)
            day = (visit_dates.get(need.visit_id) if need.visit_id is not None else None) or today
            assessment = allowed_support(need, rules, day, priority=priorities[need.establishment_id])
            code = est.commune_code if est is not None else None
            commune = communes.get(code) if code is not None else None
            items.append(
                NeedListItem(
                    need=need,
                    establishment_name=est.name if est is not None else "",
                    commune_code=code,
                    commune_name=commune.name if commune is not None else "",
                    assessment=assessment,
                )
            )
        items.sort(key=lambda i: (i.establishment_name.casefold(), str(i.need.id)))
        return items

    def totals_by_establishment(self, establishment_id: UUID) -> SupportTotals:
        return totals_of(self.list(establishment_id))

    def totals_by_commune(self) -> builtins.list[tuple[int, str, SupportTotals]]:
        """(commune code, commune name, totals) by commune name; establishments without a commune are
        gathered under code 0 with an empty name, last."""
        return totals_by_commune_of(self.list())

    def _priority(self, est: Establishment | None) -> bool:
        if est is None:
            return False
        facts = self._establishments.facts(est)
        return any(c.met is True for c in facts.priorities)

    def _check(self, need: EquipmentNeed) -> None:
        problems = [p for p in validate_equipment_need(need) if p.blocking]
        if problems:
            raise ValidationFailed(problems)


def totals_of(items: Iterable[NeedListItem]) -> SupportTotals:
    return support_totals((i.need, i.assessment) for i in items)


def totals_by_commune_of(items: Iterable[NeedListItem]) -> builtins.list[tuple[int, str, SupportTotals]]:
    """:meth:`EquipmentNeedService.totals_by_commune` over list rows already loaded (no I/O)."""
    groups: dict[int, builtins.list[NeedListItem]] = {}
    names: dict[int, str] = {}
    for item in items:
        code = item.commune_code or 0
        groups.setdefault(code, []).append(item)
        names[code] = item.commune_name
    ordered = sorted(groups, key=lambda c: (c == 0, names[c].casefold(), c))
    return [(code, names[code], totals_of(groups[code])) for code in ordered]


_CHUNK = 500  # stays under SQLite's bound-parameter limit


def _chunked_rows(
    session: Session, model: type[_Row], column: InstrumentedAttribute[UUID], ids: Iterable[UUID | None]
) -> Iterator[_Row]:
    ordered = builtins.list(ids)
    for start in range(0, len(ordered), _CHUNK):
        yield from session.scalars(select(model).where(column.in_(ordered[start : start + _CHUNK])))


def _chunked_pairs(
    session: Session, key: InstrumentedAttribute[UUID], value: InstrumentedAttribute[_V], ids: Iterable[UUID]
) -> Iterator[tuple[UUID, _V]]:
    ordered = builtins.list(ids)
    for start in range(0, len(ordered), _CHUNK):
        rows = session.execute(select(key, value).where(key.in_(ordered[start : start + _CHUNK])))
        yield from ((k, v) for k, v in rows)
