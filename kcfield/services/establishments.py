"""Establishment profiles: create, change, delete (softly), restore, read, and explain derived facts."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date
from typing import Any
from uuid import UUID

from sqlalchemy import bindparam, func, select, update
from sqlalchemy.orm import Session

from kcfield.domain.eligibility import (
    CriterionResult,
    EligibilityAssessment,
    SizeAssessment,
    cnnt_eligibility,
    priority_criteria,
    size_class,
)
from kcfield.domain.enums import EstablishmentKind
from kcfield.domain.errors import NotFound, Problem, Severity, ValidationFailed
from kcfield.domain.model import Establishment
from kcfield.domain.validation import normalized_establishment, validate_establishment
from kcfield.services.context import ServiceContext
from kcfield.services.preferences import DERIVED_FACTS_STAMP
from kcfield.services.progress import CancelToken, Progress, ProgressUpdate, no_progress
from kcfield.services.records import insert_record, load_live, set_deleted, update_record
from kcfield.services.reference import ReferenceService
from kcfield.store.mapping import domain_values, row_to_domain
from kcfield.store.models import Base, EstablishmentRow, Preference
from kcfield.store.search import establishment_search_text, sort_text

ENTITY = "establishment"
_REFRESH_BATCH = 5000
# The fields the size and eligibility rules read (kcfield/domain/eligibility.py), as stored; enums are rebuilt.
_RULE_INPUTS = (
    "kind",
    "workers_insured",
    "workers_total",
    "revenue_prev_year_vnd",
    "total_capital_vnd",
    "commune_code",
    "craft_village_name",
    "craft_village_recognised",
    "applies_cleaner_production",
)


@dataclass(frozen=True)
class EstablishmentFacts:
    """Facts derived from a profile, never typed in: size class, CNNT eligibility, priority criteria."""

    size: SizeAssessment
    eligibility: EligibilityAssessment
    priorities: tuple[CriterionResult, ...]


class EstablishmentService:
    def __init__(self, ctx: ServiceContext, reference: ReferenceService) -> None:
        self._ctx = ctx
        self._ref = reference

    # --- reading -------------------------------------------------------------------------------------

    def get(self, record_id: UUID) -> Establishment:
        with self._ctx.store.read() as session:
            return row_to_domain(_get_row(session, record_id), Establishment)

    def count(self, *, include_deleted: bool = False) -> int:
        with self._ctx.store.read() as session:
            query = select(func.count()).select_from(EstablishmentRow)
            if not include_deleted:
                query = query.where(EstablishmentRow.deleted.is_(False))
            return int(session.scalar(query) or 0)

    # --- checking ------------------------------------------------------------------------------------

    def check(self, draft: Establishment) -> list[Problem]:
        """Every problem of a draft, blocking or not, without saving anything (for live validation)."""
        est = normalized_establishment(draft)
        return validate_establishment(est, self._ctx.today()) + self._reference_problems(est)

    def facts(self, est: Establishment, on: date | None = None) -> EstablishmentFacts:
        rules = self._ref.eligibility_rules
        on = on or self._ctx.today()
        place = self._ref.place_facts(est.commune_code)
        size = size_class(est.workers_insured, est.revenue_prev_year_vnd, est.total_capital_vnd, rules)
        return EstablishmentFacts(
            size=size,
            eligibility=cnnt_eligibility(est, place, rules, on),
            priorities=priority_criteria(est, place, rules, on),
        )

    # --- writing -------------------------------------------------------------------------------------

    def create(self, draft: Establishment) -> Establishment:
        est = self._validated(draft)
        with self._ctx.store.write() as session:
            row = insert_record(session, self._ctx, EstablishmentRow, ENTITY, *self._values(est))
            return row_to_domain(row, Establishment)

    def update(self, est: Establishment) -> Establishment:
        record_id = est.id
        if record_id is None:
            raise ValueError("update() needs a saved establishment; use create() for a draft")
        est = self._validated(est)
        with self._ctx.store.write() as session:
            row = load_live(session, EstablishmentRow, ENTITY, record_id)
            update_record(session, self._ctx, row, ENTITY, *self._values(est))
            return row_to_domain(row, Establishment)

    def delete(self, record_id: UUID) -> Establishment:
        """Soft delete: the record stays (and syncs as a delete); :meth:`restore` undoes it."""
        return self._set_deleted(record_id, True)

    def restore(self, record_id: UUID) -> Establishment:
        return self._set_deleted(record_id, False)

    # --- derived columns -----------------------------------------------------------------------------

    def derived_facts_stamp(self) -> str:
        """Identifies what the stored size/eligibility columns depend on: the eligibility rules document and
        the place rule in force today. When it changes (a centre update, or a rule's start date passing),
        :meth:`refresh_derived` brings every stored row up to date."""
        rules = self._ref.eligibility_rules
        in_force = rules.place_rule_on(self._ctx.today())
        source = {d.name: d.version for d in self._ref.datasets()}
        return f"{source.get('eligibility', '')}|{rules.version}|{in_force.code if in_force else '-'}"

    def derived_facts_outdated(self) -> str | None:
        """The new stamp when the stored derived columns are out of date, else None."""
        stamp = self.derived_facts_stamp()
        with self._ctx.store.read() as session:
            pref = session.get(Preference, DERIVED_FACTS_STAMP)
            stored = pref.value.get("v") if pref is not None else None
        return None if stored == stamp else stamp

    def refresh_derived(
        self, stamp: str, *, progress: Progress = no_progress, cancel: CancelToken | None = None
    ) -> int:
        """Recompute size class and eligibility of every establishment; returns how many rows changed.

        Reads only the columns the rules look at (a full ORM load of 100k rows took tens of seconds and held
        the interpreter lock against the search thread) and commits batch by batch, so a refresh cut short
        by closing the app keeps what it did; the stamp is written last, so an unfinished refresh runs again.
        """
        cancel = cancel or CancelToken()
        columns = [EstablishmentRow.id, *(getattr(EstablishmentRow, name) for name in _RULE_INPUTS)]
        with self._ctx.store.read() as session:
            rows = session.execute(select(*columns, EstablishmentRow.size_class, EstablishmentRow.cnnt_eligible)).all()
        rules = self._ref.eligibility_rules
        today = self._ctx.today()
        changed = 0
        for start in range(0, len(rows), _REFRESH_BATCH):
            cancel.check()
            updates = []
            for row in rows[start : start + _REFRESH_BATCH]:
                values = {name: row[i + 1] for i, name in enumerate(_RULE_INPUTS)}
                est = Establishment(**{**values, "kind": EstablishmentKind(values["kind"])})
                size = size_class(est.workers_insured, est.revenue_prev_year_vnd, est.total_capital_vnd, rules)
                eligible = _tri_state(
                    cnnt_eligibility(est, self._ref.place_facts(est.commune_code), rules, today).eligible
                )
                if (row.size_class, row.cnnt_eligible) != (size.size.value, eligible):
                    updates.append({"row_id": row.id, "size": size.size.value, "eligible": eligible})
            if updates:
                with self._ctx.store.write() as session:
                    table = Base.metadata.tables[EstablishmentRow.__tablename__]
                    session.connection().execute(
                        update(table)
                        .where(table.c.id == bindparam("row_id"))
                        .values(size_class=bindparam("size"), cnnt_eligible=bindparam("eligible")),
                        updates,
                    )
                changed += len(updates)
            progress(ProgressUpdate("derived.progress", min(start + _REFRESH_BATCH, len(rows)), len(rows)))
        self.record_derived_stamp(stamp)
        return changed

    def record_derived_stamp(self, stamp: str) -> None:
        with self._ctx.store.write() as session:
            store_derived_stamp(session, stamp)

    # --- internals -----------------------------------------------------------------------------------

    def _set_deleted(self, record_id: UUID, deleted: bool) -> Establishment:
        with self._ctx.store.write() as session:
            row = _get_row(session, record_id)
            set_deleted(session, self._ctx, row, ENTITY, deleted)
            return row_to_domain(row, Establishment)

    def _validated(self, draft: Establishment) -> Establishment:
        est = normalized_establishment(draft)
        problems = [p for p in self.check(est) if p.blocking]
        if problems:
            raise ValidationFailed(problems)
        return est

    def _values(self, est: Establishment) -> tuple[dict[str, Any], dict[str, Any]]:
        """Column values to store and audit, and the derived columns (stored for search and filters, not
        audited: they follow from the values)."""
        commune = self._ref.communes.get(est.commune_code) if est.commune_code is not None else None
        if commune is not None and est.province_code is None:
            est = dataclasses.replace(est, province_code=commune.province_code)
        return domain_values(est), self.derived_columns(est)

    def derived_columns(self, est: Establishment) -> dict[str, Any]:
        commune = self._ref.communes.get(est.commune_code) if est.commune_code is not None else None
        rules = self._ref.eligibility_rules
        size = size_class(est.workers_insured, est.revenue_prev_year_vnd, est.total_capital_vnd, rules)
        eligibility = cnnt_eligibility(est, self._ref.place_facts(est.commune_code), rules, self._ctx.today())
        return {
            "search_text": establishment_search_text(est, commune.name if commune else ""),
            "name_sort": sort_text(est.name),
            "size_class": size.size.value,
            "cnnt_eligible": _tri_state(eligibility.eligible),
        }

    def _reference_problems(self, est: Establishment) -> list[Problem]:
        problems: list[Problem] = []
        if est.province_code is not None and est.province_code not in self._ref.provinces:
            problems.append(Problem("reference.unknown_province", "province_code", {"code": est.province_code}))
        if est.commune_code is not None:
            commune = self._ref.communes.get(est.commune_code)
            if commune is None:
                problems.append(Problem("reference.unknown_commune", "commune_code", {"code": est.commune_code}))
            elif est.province_code is not None and commune.province_code != est.province_code:
                province = self._ref.provinces.get(est.province_code)
                problems.append(
                    Problem(
                        "reference.commune_not_in_province",
                        "commune_code",
                        {"commune": commune.name, "province": province.name if province else est.province_code},
                    )
                )
        if est.vsic_code:
            version = est.vsic_version or "2018"
            if (version, est.vsic_code) not in self._ref.vsic:
                problems.append(
                    Problem("reference.unknown_vsic", "vsic_code", {"code": est.vsic_code, "version": version})
                )
        if est.commune_code is None and not est.legacy_address:
            problems.append(Problem("reference.commune_missing", "commune_code", {}, Severity.WARNING))
        return problems


def store_derived_stamp(session: Session, stamp: str) -> None:
    """Record, in the caller's transaction, the rules the stored derived columns were computed with."""
    pref = session.get(Preference, DERIVED_FACTS_STAMP)
    if pref is None:
        session.add(Preference(key=DERIVED_FACTS_STAMP, value={"v": stamp}))
    else:
        pref.value = {"v": stamp}


def _tri_state(value: bool | None) -> str:
    return "unknown" if value is None else ("yes" if value else "no")


def _get_row(session: Session, record_id: UUID) -> EstablishmentRow:
    row = session.get(EstablishmentRow, record_id)
    if row is None:
        raise NotFound(ENTITY, record_id)
    return row
