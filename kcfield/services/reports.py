"""Printed reports: the equipment-needs summary (per establishment or per commune) and the cleaner-production
assessment report. This service gathers the records and the figures the other services already compute (the
allowed support of each need, the CP indicators and option evaluations) into the plain values of
:mod:`kcfield.forms.report_data`, then lets the forms layer write the PDF.

reportlab is imported only when a report is built (PITFALLS.md item 10: keep start-up fast).

Personal data (:mod:`kcfield.domain.personal`): a report that covers several establishments or is handed to
others (the establishment list, the needs summary of a commune) shows phones and personal ID numbers masked or
not at all; the visit form of one establishment, read and signed there by its representative, shows them
whole. The needs summary and the CP report print no phone or ID number.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING
from uuid import UUID

from sqlalchemy import select

from kcfield.domain.errors import DomainError, NotFound
from kcfield.domain.model import Establishment
from kcfield.domain.personal import mask_phone, mask_tax_code
from kcfield.domain.text import sort_key
from kcfield.resources import resource_path
from kcfield.services.assessments import CPAssessmentService
from kcfield.services.context import ServiceContext
from kcfield.services.cp_reference import CPReference
from kcfield.services.establishments import EstablishmentService
from kcfield.services.needs import EquipmentNeedService, NeedListItem
from kcfield.services.preferences import Preferences
from kcfield.services.reference import ReferenceService
from kcfield.services.registry import Eligibility, RegistryQuery, RegistryService
from kcfield.store.models import EquipmentNeedRow, EstablishmentRow

if TYPE_CHECKING:
    from kcfield.domain.rules import SupportRuleSet
    from kcfield.forms.page import DocumentSettings
    from kcfield.forms.report_data import EstablishmentNeeds

__all__ = ["LIST_LIMIT", "ReportsService"]

LIST_LIMIT = 5_000  # rows of a printed establishment list (about 150 pages); narrow the filter for the rest
_SIZES = {"micro": "Siêu nhỏ", "small": "Nhỏ", "medium": "Vừa", "large": "Lớn"}
_ELIGIBLE = {"yes": "Có", "no": "Không"}


class ReportsService:
    """Builds the printed reports into PDF files; every method returns the number of pages written."""

    def __init__(
        self,
        ctx: ServiceContext,
        reference: ReferenceService | None = None,
        *,
        establishments: EstablishmentService | None = None,
        needs: EquipmentNeedService | None = None,
        assessments: CPAssessmentService | None = None,
        cp_reference: CPReference | None = None,
        preferences: Preferences | None = None,
        font_dir: Path | None = None,
        registry: RegistryService | None = None,
    ) -> None:
        self._ctx = ctx
        self._registry = registry
        self._reference = reference if reference is not None else ReferenceService(ctx)
        self._establishments = (
            establishments if establishments is not None else EstablishmentService(ctx, self._reference)
        )
        self._needs = needs if needs is not None else EquipmentNeedService(ctx, self._establishments, self._reference)
        self._assessments = assessments if assessments is not None else CPAssessmentService(ctx)
        self._cp_reference = cp_reference if cp_reference is not None else CPReference(ctx, self._reference)
        self._preferences = preferences if preferences is not None else Preferences(ctx)
        self._font_dir = font_dir

    # --- equipment needs -----------------------------------------------------------------------------------

    def needs_summary_for_establishment(self, establishment_id: UUID, out: Path) -> int:
        """The needs of one establishment. NotFound for an unknown establishment, ``record.deleted`` for a
        deleted one, DomainError ``reports.no_needs`` when it has no needs (an empty table helps nobody)."""
        from kcfield.forms.needs_report import build_needs_summary
        from kcfield.forms.report_data import NeedsScope, NeedsSummaryData

        est = self._establishments.get(establishment_id)
        if est.meta is not None and est.meta.deleted:  # as every service refuses a deleted record
            raise DomainError("record.deleted", entity="establishment", id=str(establishment_id))
        items = self._needs.list(establishment_id)
        if not items:
            raise DomainError("reports.no_needs", name=est.name)
        group = self._group(est, items)
        data = NeedsSummaryData(
            scope=NeedsScope.ESTABLISHMENT,
            record_id=str(establishment_id),
            subject=est.name,
            subject_detail=self._address(est),
            establishments=(group,),
            rules=self._rules_applied(items),
        )
        return build_needs_summary(out, data, self._settings(est.province_code))

    def needs_summary_for_commune(self, commune_code: int, out: Path) -> int:
        """The needs of every live establishment of one commune, by establishment name (Vietnamese order).

        NotFound for a commune code that is not in the reference data; DomainError ``reports.no_needs_commune``
        when no establishment there has needs."""
        from kcfield.forms.needs_report import build_needs_summary
        from kcfield.forms.report_data import NeedsScope, NeedsSummaryData

        commune = self._reference.communes.get(commune_code)
        if commune is None:
            raise NotFound("commune", commune_code)
        province = self._reference.provinces.get(commune.province_code)
        with self._ctx.store.read() as session:
            ids = session.scalars(
                select(EquipmentNeedRow.establishment_id)
                .join(EstablishmentRow, EstablishmentRow.id == EquipmentNeedRow.establishment_id)
                .where(
                    EstablishmentRow.commune_code == commune_code,
                    EstablishmentRow.deleted.is_(False),
                    EquipmentNeedRow.deleted.is_(False),
                )
                .distinct()
            ).all()
        groups = []
        for est_id in ids:
            est = self._establishments.get(est_id)
            items = self._needs.list(est_id)
            if items:
                groups.append((est, items))
        if not groups:
            raise DomainError("reports.no_needs_commune", commune=commune.name)
        groups.sort(key=lambda g: (sort_key(g[0].name), str(g[0].id)))
        data = NeedsSummaryData(
            scope=NeedsScope.COMMUNE,
            record_id=str(commune_code),
            subject=commune.name,
            subject_detail=province.name if province is not None else "",
            establishments=tuple(self._group(est, items) for est, items in groups),
            rules=self._rules_applied([i for _, items in groups for i in items]),
        )
        return build_needs_summary(out, data, self._settings(commune.province_code))

    # --- cleaner production --------------------------------------------------------------------------------

    def cp_report(self, assessment_id: UUID, out: Path) -> int:
        """The report of one CP assessment; NotFound for an unknown one, ``record.deleted`` for a deleted one."""
        from kcfield.forms.cp_report import build_cp_report
        from kcfield.forms.report_data import CPReportData

        assessment = self._assessments.get(assessment_id)
        if assessment.establishment_id is None:  # the service refuses such a record; keep mypy honest
            raise NotFound("establishment", None)
        est = self._establishments.get(assessment.establishment_id)
        facts = self._cp_reference.indicators_for(assessment, est.vsic_version, est.vsic_code)
        vsic = self._reference.vsic.get((est.vsic_version, est.vsic_code))
        sector = f"{vsic.code} — {vsic.name_vi} (VSIC {vsic.version})" if vsic is not None else est.vsic_code
        data = CPReportData(
            assessment=assessment,
            establishment_name=est.name,
            establishment_address=self._address(est),
            vsic=sector,
            indicators=facts.indicators,
            comparisons=facts.comparisons,
            energy=facts.energy,
            options=facts.options,
            savings_by_category=facts.savings_by_category,
            category_names={c.number: c.name_vi for c in self._assessments.option_categories()},
            carrier_names=self._carrier_names(),
            grid_emission_factor=facts.grid_emission_factor,
        )
        return build_cp_report(out, data, self._settings(est.province_code))

    # --- the establishment list ----------------------------------------------------------------------------

    def establishment_list(self, query: RegistryQuery, out: Path, limit: int = LIST_LIMIT) -> int:
        """The registry's rows under ``query`` (at most ``limit``), personal data masked: the list leaves the
        establishment (see :mod:`kcfield.domain.personal` for what is masked where)."""
        from kcfield.forms.establishment_list import EstablishmentListData, build_establishment_list
        from kcfield.forms.visit_layout import ESTABLISHMENT_KINDS

        registry = self._registry if self._registry is not None else RegistryService(self._ctx, self._reference)
        ids = registry.search(query)
        rows = tuple(
            (
                item.name,
                ESTABLISHMENT_KINDS.get(item.kind.value, item.kind.value),
                mask_tax_code(item.tax_code),
                mask_phone(item.rep_phone),
                item.village,
                item.commune_name,
                f"{item.sector_group.letter})" if item.sector_group is not None else "—",
                _SIZES.get(item.size_class.value, "—"),
                _ELIGIBLE.get(item.cnnt_eligible.value, "—"),
            )
            for item in registry.items(ids[:limit])
        )
        data = EstablishmentListData(self._filter_text(query), len(ids), rows)
        user_province = None
        if rows:
            first = self._reference.communes.get(registry.items(ids[:1])[0].commune_code or -1)
            user_province = first.province_code if first is not None else None
        return build_establishment_list(out, data, self._settings(user_province))

    def _filter_text(self, query: RegistryQuery) -> str:
        from kcfield.forms.visit_layout import ESTABLISHMENT_KINDS

        parts: list[str] = []
        if query.commune_code is not None and query.commune_code in self._reference.communes:
            parts.append(self._reference.communes[query.commune_code].name)
        if query.kind is not None:
            parts.append(ESTABLISHMENT_KINDS.get(query.kind.value, query.kind.value))
        if query.sector_group is not None:
            parts.append(f"nhóm ngành {query.sector_group.letter})")
        if query.eligible is Eligibility.YES:
            parts.append("thuộc đối tượng CNNT")
        elif query.eligible is Eligibility.NO:
            parts.append("không thuộc đối tượng CNNT")
        if query.changed_only:
            parts.append("chỉ các cơ sở chưa gửi thay đổi")
        if query.text.strip():
            parts.append(f"tìm «{query.text.strip()}»")
        return "; ".join(parts)

    # --- helpers -------------------------------------------------------------------------------------------

    def _settings(self, province_code: int | None) -> DocumentSettings:
        from kcfield.forms.page import DocumentSettings

        province = self._reference.provinces.get(province_code) if province_code is not None else None
        return DocumentSettings(
            centre_name=self._preferences.centre_name,
            font_dir=self._font_dir or resource_path("fonts"),
            today=self._ctx.today(),
            province_name=_short_province(province.name) if province is not None else "",
        )

    def _group(self, est: Establishment, items: list[NeedListItem]) -> EstablishmentNeeds:
        from kcfield.forms.report_data import EstablishmentNeeds, NeedLine

        return EstablishmentNeeds(
            establishment_id=str(est.id),
            name=est.name,
            address=self._address(est),
            lines=tuple(NeedLine(i.need, i.assessment) for i in items),
        )

    def _rules_applied(self, items: list[NeedListItem]) -> tuple[SupportRuleSet, ...]:
        codes = {i.assessment.rule_code for i in items if i.assessment.rule_code}
        return tuple(r for r in self._reference.support_rules.rule_sets if r.code in codes)

    def _address(self, est: Establishment) -> str:
        commune = self._reference.communes.get(est.commune_code) if est.commune_code is not None else None
        province_code = est.province_code or (commune.province_code if commune is not None else None)
        province = self._reference.provinces.get(province_code) if province_code is not None else None
        parts = [est.street, est.village, commune.name if commune else "", province.name if province else ""]
        text = ", ".join(p.strip() for p in parts if p and p.strip())
        return text or est.legacy_address

    def _carrier_names(self) -> dict[str, str]:
        from kcfield.store.models import EnergyCarrier as EnergyCarrierRow

        with self._ctx.store.read() as session:
            return {r.code: r.name_vi for r in session.scalars(select(EnergyCarrierRow))}


def _short_province(name: str) -> str:
    """The place before the date line (Decree 30/2020, Appendix I): the province's name without its kind —
    "Thành phố Hà Nội" → "Hà Nội" — except Thành phố Hồ Chí Minh, which keeps it ("Hồ Chí Minh" alone names
    a person)."""
    if name == "Thành phố Hồ Chí Minh":
        return name
    for prefix in ("Thành phố ", "Tỉnh "):
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name
