"""What the two reports print: plain frozen values the services assemble (forms never reach the store).

The figures themselves are domain results computed once by the domain code — a
:class:`~kcfield.domain.support.SupportAssessment` per need, the CP indicators, comparisons, energy total and
option evaluations of :mod:`kcfield.domain.cp_indicators` — so a report can never disagree with the screen
that showed the same record. The report only lays them out; the words a collaborator typed come with them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType

from kcfield.domain.cp_indicators import (
    BenchmarkComparison,
    CategorySavings,
    EnergyTotal,
    Indicator,
    OptionEvaluation,
)
from kcfield.domain.model import CPAssessment, EquipmentNeed
from kcfield.domain.rules import SupportRuleSet
from kcfield.domain.support import SupportAssessment

__all__ = [
    "CPReportData",
    "EstablishmentNeeds",
    "NeedLine",
    "NeedsScope",
    "NeedsSummaryData",
]


@dataclass(frozen=True, slots=True)
class NeedLine:
    """One equipment need and the support the rules in force allow for it."""

    need: EquipmentNeed
    assessment: SupportAssessment


@dataclass(frozen=True, slots=True)
class EstablishmentNeeds:
    """The needs of one establishment, in the order they are printed."""

    establishment_id: str  # UUID text
    name: str
    address: str  # "Ấp Bắc, Xã Châu Đức, Thành phố Hồ Chí Minh"; "" when unknown
    lines: tuple[NeedLine, ...]


class NeedsScope(StrEnum):
    ESTABLISHMENT = "establishment"
    COMMUNE = "commune"


@dataclass(frozen=True, slots=True)
class NeedsSummaryData:
    """An equipment-needs summary for one establishment or for one commune.

    ``record_id`` goes into the QR code: the establishment's UUID text, or the commune code as text.
    ``rules`` are the rule sets that the assessments applied (their legal basis is printed under the table).
    """

    scope: NeedsScope
    record_id: str
    subject: str  # the establishment's or the commune's name, as printed under the title
    subject_detail: str  # address of the establishment, or the province of the commune
    establishments: tuple[EstablishmentNeeds, ...]
    rules: tuple[SupportRuleSet, ...] = ()


@dataclass(frozen=True, slots=True)
class CPReportData:
    """A cleaner-production assessment with every figure the domain computed for it.

    ``category_names`` are the 8 option categories from reference data (1 → "Quản lý nội vi", …);
    ``carrier_names`` name the energy carriers (electricity → "Điện lưới"); ``vsic`` is the sector as printed
    ("1020 — Chế biến, bảo quản thuỷ sản …", "" when unknown).
    """

    assessment: CPAssessment
    establishment_name: str
    establishment_address: str
    vsic: str
    indicators: tuple[Indicator, ...]
    comparisons: tuple[BenchmarkComparison, ...]
    energy: EnergyTotal | None
    options: tuple[OptionEvaluation, ...]
    savings_by_category: Mapping[int, CategorySavings]
    category_names: Mapping[int, str] = field(default_factory=lambda: MappingProxyType({}))
    carrier_names: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    grid_emission_factor: float | None = None  # t CO₂/MWh

    @property
    def record_id(self) -> str:
        return "" if self.assessment.id is None else str(self.assessment.id)
