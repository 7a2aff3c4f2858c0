"""Cleaner-production assessments: one aggregate (the assessment with its inputs, outputs, checklist answers
and options), saved whole in one transaction and audited as one record."""

from __future__ import annotations

import builtins
from dataclasses import dataclass
from datetime import date
from typing import Any
from uuid import UUID

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from kcfield.domain.cp import validate_cp_assessment
from kcfield.domain.enums import CPKind
from kcfield.domain.errors import ValidationFailed
from kcfield.domain.model import CPAssessment, CPChecklistEntry, CPInput, CPOption, CPOutput
from kcfield.domain.serialization import to_json_value
from kcfield.services.context import ServiceContext
from kcfield.services.records import audit, insert_record, load_live, set_deleted, touch, update_record
from kcfield.store.mapping import domain_values, row_to_domain
from kcfield.store.models import (
    CPAssessmentRow,
    CPChecklistAnswerRow,
    CPChecklistItem,
    CPInputRow,
    CPOptionCategory,
    CPOptionRow,
    CPOutputRow,
    EstablishmentRow,
)

ENTITY = "cp_assessment"
CHILDREN = frozenset({"inputs", "outputs", "checklist", "options"})


@dataclass(frozen=True, slots=True)
class AssessmentListItem:
    """One row of the assessments list."""

    id: UUID
    establishment_id: UUID
    establishment_name: str
    kind: CPKind
    period_start: date | None
    period_end: date | None
    product_name: str
    options: int


@dataclass(frozen=True, slots=True)
class ChecklistItem:
    """One question of the walk-through checklist (reference data)."""

    code: str
    theme: str
    position: int
    text_vi: str
    text_en: str
    option_category: int | None

    def text(self, lang: str) -> str:
        return self.text_en if lang == "en" and self.text_en else self.text_vi


@dataclass(frozen=True, slots=True)
class OptionCategory:
    """One of the 8 cleaner-production option categories (reference data)."""

    number: int
    name_vi: str
    name_en: str
    description_vi: str = ""

    def name(self, lang: str) -> str:
        return self.name_en if lang == "en" and self.name_en else self.name_vi


class CPAssessmentService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def get(self, record_id: UUID) -> CPAssessment:
        with self._ctx.store.read() as session:
            return _load(session, load_live(session, CPAssessmentRow, ENTITY, record_id))

    def of_establishment(self, establishment_id: UUID) -> builtins.list[CPAssessment]:
        with self._ctx.store.read() as session:
            rows = session.scalars(
                select(CPAssessmentRow)
                .where(CPAssessmentRow.establishment_id == establishment_id, CPAssessmentRow.deleted.is_(False))
                .order_by(CPAssessmentRow.id)
            ).all()
            return [_load(session, r) for r in rows]

    def list(self, establishment_id: UUID | None = None) -> builtins.list[AssessmentListItem]:
        """Live assessments (of one establishment, or all), newest period first."""
        with self._ctx.store.read() as session:
            options = (
                select(func.count())
                .select_from(CPOptionRow)
                .where(CPOptionRow.assessment_id == CPAssessmentRow.id)
                .scalar_subquery()
            )
            query = (
                select(CPAssessmentRow, EstablishmentRow.name, options)
                .join(EstablishmentRow, EstablishmentRow.id == CPAssessmentRow.establishment_id)
                .where(CPAssessmentRow.deleted.is_(False))
            )
            if establishment_id is not None:
                query = query.where(CPAssessmentRow.establishment_id == establishment_id)
            items = [
                AssessmentListItem(
                    id=row.id,
                    establishment_id=row.establishment_id,
                    establishment_name=name,
                    kind=CPKind(row.kind),
                    period_start=row.period_start,
                    period_end=row.period_end,
                    product_name=row.product_name,
                    options=int(count or 0),
                )
                for row, name, count in session.execute(query).all()
            ]
        items.sort(key=lambda i: (i.period_start or date.min, str(i.id)), reverse=True)
        return items

    def checklist_items(self) -> builtins.list[ChecklistItem]:
        """The walk-through checklist from reference data, by theme then position."""
        with self._ctx.store.read() as session:
            rows = session.scalars(
                select(CPChecklistItem).order_by(CPChecklistItem.theme, CPChecklistItem.position)
            ).all()
            return [ChecklistItem(r.code, r.theme, r.position, r.text_vi, r.text_en, r.option_category) for r in rows]

    def option_categories(self) -> builtins.list[OptionCategory]:
        """The option categories (1..8) from reference data."""
        with self._ctx.store.read() as session:
            rows = session.scalars(select(CPOptionCategory).order_by(CPOptionCategory.number)).all()
            return [OptionCategory(r.number, r.name_vi, r.name_en, r.description_vi or "") for r in rows]

    def create(self, draft: CPAssessment) -> CPAssessment:
        self._check(draft)
        assert draft.establishment_id is not None  # checked above
        with self._ctx.store.write() as session:
            load_live(session, EstablishmentRow, "establishment", draft.establishment_id)
            row = insert_record(session, self._ctx, CPAssessmentRow, ENTITY, domain_values(draft, skip=CHILDREN))
            children = self._write_children(session, row.id, draft)
            audit(session, self._ctx, ENTITY, row.id, "children", {"children": [None, children]})
            return _load(session, row)

    def update(self, assessment: CPAssessment) -> CPAssessment:
        if assessment.id is None:
            raise ValueError("update() needs a saved record")
        self._check(assessment)
        with self._ctx.store.write() as session:
            row = load_live(session, CPAssessmentRow, ENTITY, assessment.id)
            before = _children_json(_load(session, row))
            changed = update_record(session, self._ctx, row, ENTITY, domain_values(assessment, skip=CHILDREN))
            for table in (CPInputRow, CPOutputRow, CPChecklistAnswerRow, CPOptionRow):
                session.execute(delete(table).where(table.assessment_id == row.id))
            after = self._write_children(session, row.id, assessment)
            if after != before:
                if not changed:
                    touch(row, self._ctx)
                audit(session, self._ctx, ENTITY, row.id, "children", {"children": [before, after]})
            session.flush()
            return _load(session, row)

    def delete(self, record_id: UUID) -> None:
        with self._ctx.store.write() as session:
            set_deleted(session, self._ctx, load_live(session, CPAssessmentRow, ENTITY, record_id), ENTITY, True)

    def _write_children(self, session: Session, assessment_id: UUID, a: CPAssessment) -> dict[str, Any]:
        parts: tuple[tuple[type[Any], tuple[CPInput | CPOutput | CPOption, ...]], ...] = (
            (CPInputRow, a.inputs),
            (CPOutputRow, a.outputs),
            (CPOptionRow, a.options),
        )
        for table, items in parts:
            for position, item in enumerate(items):
                record_id = item.id or self._ctx.ids.new()
                session.add(table(id=record_id, assessment_id=assessment_id, position=position, **domain_values(item)))
        for entry in a.checklist:
            session.add(CPChecklistAnswerRow(assessment_id=assessment_id, **domain_values(entry)))
        session.flush()
        return _children_json(a)

    def _check(self, a: CPAssessment) -> None:
        problems = [p for p in validate_cp_assessment(a) if p.blocking]
        if problems:
            raise ValidationFailed(problems)


def _children_json(a: CPAssessment) -> dict[str, Any]:
    def plain(items: tuple[Any, ...]) -> list[Any]:
        return [{k: to_json_value(v) for k, v in domain_values(i).items()} for i in items]

    return {
        "inputs": plain(a.inputs),
        "outputs": plain(a.outputs),
        "checklist": plain(a.checklist),
        "options": plain(a.options),
    }


def _load(session: Session, row: CPAssessmentRow) -> CPAssessment:
    def rows(table: Any, order: Any) -> list[Any]:
        return list(session.scalars(select(table).where(table.assessment_id == row.id).order_by(order)))

    inputs = tuple(row_to_domain(r, CPInput) for r in rows(CPInputRow, CPInputRow.position))
    outputs = tuple(row_to_domain(r, CPOutput) for r in rows(CPOutputRow, CPOutputRow.position))
    checklist = tuple(
        row_to_domain(r, CPChecklistEntry) for r in rows(CPChecklistAnswerRow, CPChecklistAnswerRow.item_code)
    )
    options = tuple(row_to_domain(r, CPOption) for r in rows(CPOptionRow, CPOptionRow.position))
    return row_to_domain(row, CPAssessment, inputs=inputs, outputs=outputs, checklist=checklist, options=options)
