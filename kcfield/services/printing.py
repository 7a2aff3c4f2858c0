"""Printing use cases: the blank, pre-filled and filled visit forms, and finding a record from a scanned QR.

This is where records become the plain, already-formatted values of :mod:`kcfield.forms.data` (vi_VN numbers,
dd/MM/yyyy dates, Vietnamese words for codes): the forms layer only lays them out.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from datetime import date, datetime, time
from pathlib import Path
from typing import Any
from uuid import UUID

from sqlalchemy import select

from kcfield.domain import messages
from kcfield.domain.enums import VisitStatus
from kcfield.domain.errors import DomainError, NotFound
from kcfield.domain.messages import field_label
from kcfield.domain.model import CPAssessment, EquipmentNeed, Establishment, Visit
from kcfield.domain.numbers import format_date_vi, format_number
from kcfield.domain.serialization import from_json
from kcfield.forms.data import (
    BlankFormReference,
    ChecklistRow,
    Choice,
    CPSummary,
    Field,
    IndicatorRow,
    NeedRow,
    NeedTotals,
    OptionRow,
    Section,
    VisitFormData,
)
from kcfield.forms.page import DocumentSettings, decode_qr_payload
from kcfield.forms.visit_form import build_blank_form, build_visit_forms
from kcfield.forms.visit_layout import (
    CHECKLIST_THEMES,
    COMPARISON_POSITIONS,
    CP_KINDS,
    ENVIRONMENTAL_PERMITS,
    ESTABLISHMENT_KINDS,
    GENDERS,
    LEGAL_FORMS,
    NEED_PURPOSES,
    NEED_STATUSES,
    OPTION_SCREENING,
    POSITION_SOURCES,
    PROFILE_LAYOUT,
    TAX_CODE_KINDS,
    TYPICAL_PRODUCT_LEVELS,
)
from kcfield.resources import resource_path
from kcfield.services.assessments import CPAssessmentService
from kcfield.services.collaborators import CollaboratorService
from kcfield.services.context import VIETNAM_TZ, ServiceContext
from kcfield.services.cp_reference import CPReference
from kcfield.services.establishments import EstablishmentService
from kcfield.services.needs import EquipmentNeedService
from kcfield.services.preferences import Preferences
from kcfield.services.reference import ReferenceService
from kcfield.services.visits import VisitService
from kcfield.store.models import SectorGroupRow

Progress = Callable[[int, int], bool]

_VOCABULARIES: dict[str, dict[str, str]] = {
    "kind": ESTABLISHMENT_KINDS,
    "legal_form": LEGAL_FORMS,
    "tax_code_kind": TAX_CODE_KINDS,
    "rep_gender": GENDERS,
    "position_source": POSITION_SOURCES,
    "typical_product_level": TYPICAL_PRODUCT_LEVELS,
    "environmental_permit": ENVIRONMENTAL_PERMITS,
}
_MONEY_FIELDS = frozenset({"revenue_prev_year_vnd", "total_capital_vnd"})


class PrintingService:
    def __init__(
        self,
        ctx: ServiceContext,
        *,
        reference: ReferenceService,
        establishments: EstablishmentService,
        visits: VisitService,
        needs: EquipmentNeedService,
        assessments: CPAssessmentService,
        cp_reference: CPReference,
        preferences: Preferences,
        collaborators: CollaboratorService,
        font_dir: Path | None = None,
    ) -> None:
        self._ctx = ctx
        self._reference = reference
        self._establishments = establishments
        self._visits = visits
        self._needs = needs
        self._assessments = assessments
        self._cp_reference = cp_reference
        self._preferences = preferences
        self._collaborators = collaborators
        self._font_dir = font_dir or resource_path("fonts")

    # --- documents --------------------------------------------------------------------------------------------

    def blank_form(self, out: Path) -> int:
        return build_blank_form(out, self.settings(), self.blank_reference())

    def visit_form(self, visit_id: str, out: Path) -> int:
        return self.visit_forms([visit_id], out)

    def visit_forms(self, visit_ids: Sequence[str], out: Path, progress: Progress | None = None) -> int:
        """Filled forms of the visits, in the given order, in one PDF."""
        forms = [self._visit_data(self._visits.get(_uuid(v, "visit"))) for v in visit_ids]
        return build_visit_forms(out, forms, self.settings(), progress)

    def prefilled_forms(self, establishment_ids: Sequence[str], out: Path, progress: Progress | None = None) -> int:
        """A form per establishment (a day's list, in the given order): profile filled in, visit part blank."""
        reference = self.blank_reference()
        forms = []
        for text_id in establishment_ids:
            est = self._establishments.get(_uuid(text_id, "establishment"))
            forms.append(
                VisitFormData(
                    record_kind="establishment",
                    record_id=str(est.id),
                    establishment_name=est.name,
                    profile=self._profile(est),
                    profile_note="Thông tin cơ sở hiện có trong dữ liệu; hãy kiểm tra và sửa trực tiếp trên phiếu.",
                    representative_name=est.rep_name,
                    collaborator_name=self._collaborator_name(),
                    reference=reference,
                )
            )
        return build_visit_forms(out, forms, self.settings(), progress)

    def find_by_qr(self, payload_text: str) -> tuple[str, str]:
        """(kind, record id) of a scanned payload after checking the record exists here."""
        target = decode_qr_payload(payload_text)
        if target.kind == "blank":
            raise DomainError("forms.qr_blank")
        getters: dict[str, Callable[[UUID], object]] = {
            "visit": self._visits.get,
            "establishment": self._establishments.get,
            "needs": self._establishments.get,  # a needs summary is printed per establishment
            "cp": self._assessments.get,
        }
        if target.kind == "needs" and target.record_id.isdigit():  # a commune's needs summary
            if int(target.record_id) not in self._reference.communes:
                raise DomainError("forms.qr_record_missing", kind=target.kind, id=target.record_id)
            return target.kind, target.record_id
        try:
            getters[target.kind](UUID(target.record_id))
        except NotFound:
            raise DomainError("forms.qr_record_missing", kind=target.kind, id=target.record_id) from None
        return target.kind, target.record_id

    # --- inputs of the forms ----------------------------------------------------------------------------------

    def settings(self) -> DocumentSettings:
        province = ""
        user = self._collaborators.local_user()
        if user is not None and user.province_code is not None:
            info = self._reference.provinces.get(user.province_code)
            province = _short_place(info.name) if info else ""
        return DocumentSettings(
            centre_name=self._preferences.centre_name,
            font_dir=self._font_dir,
            today=self._ctx.today(),
            province_name=province,
        )

    def blank_reference(self) -> BlankFormReference:
        with self._ctx.store.read() as session:
            groups = session.scalars(select(SectorGroupRow).order_by(SectorGroupRow.code)).all()
            sector_groups = tuple(Choice(g.code, f"{g.letter}) {g.name_vi}") for g in groups)
        checklist = tuple(
            ChecklistRow(i.code, CHECKLIST_THEMES.get(i.theme, i.theme), i.text_vi)
            for i in self._assessments.checklist_items()
        )
        categories = tuple(Choice(str(c.number), c.name_vi) for c in self._assessments.option_categories())
        return BlankFormReference(
            establishment_kinds=_choices(ESTABLISHMENT_KINDS),
            legal_forms=_choices(LEGAL_FORMS),
            tax_code_kinds=_choices(TAX_CODE_KINDS),
            sector_groups=sector_groups,
            need_purposes=_choices(NEED_PURPOSES),
            typical_product_levels=_choices(TYPICAL_PRODUCT_LEVELS),
            environmental_permits=_choices(ENVIRONMENTAL_PERMITS),
            position_sources=_choices(POSITION_SOURCES),
            checklist=checklist,
            option_categories=categories,
        )

    def _visit_data(self, visit: Visit) -> VisitFormData:
        assert visit.id is not None and visit.establishment_id is not None
        draft = visit.status != VisitStatus.FINAL
        current = self._establishments.get(visit.establishment_id)
        if not draft and visit.profile_snapshot:
            snapshot = {k: v for k, v in visit.profile_snapshot.items() if k not in ("id", "base_revision")}
            est = dataclasses.replace(from_json(Establishment, snapshot), id=current.id)
            finalised = visit.finalised_at.astimezone(VIETNAM_TZ).date() if visit.finalised_at else None
            note = "Thông tin cơ sở tại thời điểm hoàn tất lần khảo sát" + (
                f" ({format_date_vi(finalised)})." if finalised else "."
            )
        else:
            est = current
            note = "Bản nháp: thông tin cơ sở hiện tại (chưa chốt theo lần khảo sát)."
        needs = [n for n in self._needs.of_establishment(visit.establishment_id) if n.visit_id == visit.id]
        need_rows, totals = self._need_rows(needs)
        cp = next(
            (a for a in self._assessments.of_establishment(visit.establishment_id) if a.visit_id == visit.id), None
        )
        return VisitFormData(
            record_kind="visit",
            record_id=str(visit.id),
            establishment_name=est.name,
            profile=self._profile(est),
            profile_note=note,
            draft=draft,
            visit=self._visit_fields(visit),
            observations=visit.observations,
            recommendations=visit.recommendations,
            next_steps=visit.next_steps,
            consent=visit.consent,
            needs=need_rows,
            needs_total=totals,
            cp=self._cp_summary(cp, est) if cp is not None else None,
            collaborator_name=self._collaborator_name(visit.collaborator_code),
            representative_name=visit.respondent_name or est.rep_name,
        )

    def _profile(self, est: Establishment) -> tuple[Section, ...]:
        return tuple(
            Section(title, tuple(Field(field_label(name), self._profile_value(est, name)) for name in names))
            for title, names in PROFILE_LAYOUT
        )

    def _profile_value(self, est: Establishment, name: str) -> str:
        value: Any = getattr(est, name)
        if name == "province_code":
            info = self._reference.provinces.get(value) if value is not None else None
            return info.name if info else _plain(value)
        if name == "commune_code":
            commune = self._reference.communes.get(value) if value is not None else None
            return commune.name if commune else _plain(value)
        if name == "sector_group":
            return f"{value.letter})" if value is not None else ""
        if name in _VOCABULARIES:
            return _VOCABULARIES[name].get(str(value), "") if value is not None else ""
        if name in _MONEY_FIELDS:
            return format_number(value) if value is not None else ""
        if name in ("latitude", "longitude"):
            return format_number(value, 6) if value is not None else ""
        return _plain(value)

    def _visit_fields(self, visit: Visit) -> tuple[Field, ...]:
        times = " – ".join(t.strftime("%H:%M") for t in (visit.start_time, visit.end_time) if t is not None)
        position = ""
        if visit.latitude is not None and visit.longitude is not None:
            position = f"{format_number(visit.latitude, 6)}, {format_number(visit.longitude, 6)}"
            if visit.position_accuracy_m is not None:
                position += f" (± {format_number(visit.position_accuracy_m)} m)"
            if visit.position_source is not None:
                position += f", {POSITION_SOURCES.get(visit.position_source.value, '')}"
        return (
            Field(field_label("visit_date"), format_date_vi(visit.visit_date) if visit.visit_date else ""),
            Field("Thời gian", times),
            Field(field_label("purpose"), visit.purpose),
            Field(field_label("respondent_name"), visit.respondent_name),
            Field(field_label("respondent_title"), visit.respondent_title),
            Field(field_label("respondent_phone"), visit.respondent_phone),
            Field("Toạ độ tại nơi khảo sát", position),
            Field(field_label("collaborator_code"), visit.collaborator_code),
        )

    def _need_rows(self, needs: Sequence[EquipmentNeed]) -> tuple[tuple[NeedRow, ...], NeedTotals | None]:
        rows = []
        cost = requested = allowed = 0
        for need in needs:
            a = self._needs.assess(need)
            cost, requested, allowed = (
                cost + a.cost_vnd,
                requested + need.requested_support_vnd,
                allowed + a.allowed_vnd,
            )
            rows.append(
                NeedRow(
                    equipment=need.equipment_name,
                    specification=need.specification,
                    production_stage=need.production_stage,
                    purposes="; ".join(NEED_PURPOSES[p.value] for p in sorted(need.purposes)),
                    quantity=format_number(need.quantity, 0 if need.quantity == int(need.quantity) else 2),
                    cost=format_number(a.cost_vnd),
                    own_contribution=format_number(need.own_contribution_vnd),
                    requested=format_number(need.requested_support_vnd),
                    allowed=format_number(a.allowed_vnd),
                    legal_basis=a.legal_basis,
                    explanation=a.explain("vi"),
                    status=NEED_STATUSES.get(need.status.value, ""),
                    capped=a.capped,
                    refused=a.refused,
                )
            )
        if not rows:
            return (), None
        return tuple(rows), NeedTotals(len(rows), format_number(cost), format_number(requested), format_number(allowed))

    def _cp_summary(self, cp: CPAssessment, est: Establishment) -> CPSummary:
        facts = self._cp_reference.indicators_for(cp, est.vsic_version, est.vsic_code)
        period = " – ".join(format_date_vi(d) for d in (cp.period_start, cp.period_end) if d is not None)
        heading = CP_KINDS.get(cp.kind.value, "") + (f", kỳ {period}" if period else "")
        output = ""
        if cp.output_quantity is not None:
            output = f"{format_number(cp.output_quantity, 2).rstrip('0').rstrip(',')} {cp.output_unit}".strip()
        compared = {c.indicator.code: c for c in facts.comparisons}
        indicators = []
        for ind in facts.indicators:
            c = compared.get(ind.code)
            benchmark = comparison = source = ""
            if c is not None:
                sign = "≤ " if c.benchmark.comparison == "max" else "~ "
                benchmark = f"{sign}{_num(c.benchmark.value)} {c.benchmark.unit}"
                comparison = f"{COMPARISON_POSITIONS.get(c.position.value, '')} ({_num(c.ratio * 100)} %)"
                source = c.benchmark.source
            name = messages.text(f"cp_indicator.name.{ind.code}", "vi")
            indicators.append(
                IndicatorRow(
                    name[:1].upper() + name[1:], f"{_num(ind.value)} {ind.unit}", benchmark, comparison, source
                )
            )
        categories = {c.number: c.name_vi for c in self._assessments.option_categories()}
        options = tuple(
            OptionRow(
                category=f"{e.option.category}. {categories.get(e.option.category, '')}",
                description=e.option.description,
                investment=format_number(e.option.investment_vnd),
                net_savings=format_number(round(e.net_savings_vnd)),
                payback=_num(e.payback_years) if e.payback_years is not None else "—",
                screening=OPTION_SCREENING.get(e.option.screening.value, ""),
            )
            for e in facts.options
        )
        savings = tuple(
            Field(
                f"{n}. {categories.get(n, '')}",
                f"{s.options} giải pháp; đầu tư {format_number(s.investment_vnd)} đồng; lợi ích "
                f"{format_number(s.annual_savings_vnd - s.added_operating_cost_vnd)} đồng/năm",
            )
            for n, s in sorted(facts.savings_by_category.items())
        )
        return CPSummary(
            heading=heading,
            facts=(
                Field(field_label("product_name"), cp.product_name),
                Field(field_label("output_quantity"), output),
                Field(field_label("focus_step"), cp.focus_step),
            ),
            indicators=tuple(indicators),
            options=options,
            savings=savings,
            total_investment=format_number(sum(o.investment_vnd for o in cp.options)) if cp.options else "",
            total_net_savings=format_number(round(sum(e.net_savings_vnd for e in facts.options))) if cp.options else "",
        )

    def _collaborator_name(self, code: str = "") -> str:
        user = self._collaborators.local_user()
        if user is not None and (not code or user.code == code):
            return user.full_name
        return ""


def _choices(labels: dict[str, str]) -> tuple[Choice, ...]:
    return tuple(Choice(code, label) for code, label in labels.items())


def _uuid(text: str, entity: str) -> UUID:
    try:
        return UUID(str(text))
    except ValueError:
        raise NotFound(entity, text) from None


def _num(x: float) -> str:
    """A measured figure: up to 2 decimals, trailing zeros dropped ("1.150", "9,5")."""
    return format_number(x, 2).rstrip("0").rstrip(",")


def _plain(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if isinstance(value, date | datetime):
        return format_date_vi(value)
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, float):
        return _num(value)
    if isinstance(value, int):
        return format_number(value) if abs(value) >= 10_000 else str(value)
    return str(value)


def _short_place(name: str) -> str:
    """ "Tỉnh Đồng Nai" → "Đồng Nai", "Thành phố Hồ Chí Minh" → "Hồ Chí Minh" (the dated line's place name)."""
    for prefix in ("Thành phố ", "Tỉnh "):
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name
