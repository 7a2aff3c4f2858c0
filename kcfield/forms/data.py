"""What the visit forms print: plain frozen values, already formatted as Vietnamese text by the service.

The forms layer reads no store and formats no domain objects of its own accord: ``kcfield.services.printing``
turns records into these (money as "1.234.567", dates as "05/02/2026", enums as words), so the layout code
only places text. Tick boxes are decided by the service too (``Choice.ticked``).
"""

from __future__ import annotations

from dataclasses import dataclass

VISIT_FORM_CODE = "KC-01"
VISIT_FORM_VERSION = "KC-01/2026.1"


@dataclass(frozen=True, slots=True)
class Choice:
    """One tick box: ☐ label (☒ when ticked)."""

    code: str
    label: str
    ticked: bool = False


@dataclass(frozen=True, slots=True)
class ChecklistRow:
    """One question of the cleaner-production walk-through, under its theme (both in Vietnamese)."""

    code: str
    theme: str
    text: str


@dataclass(frozen=True, slots=True)
class BlankFormReference:
    """Reference vocabularies the blank form prints as tick boxes and lists (from reference data)."""

    establishment_kinds: tuple[Choice, ...]
    legal_forms: tuple[Choice, ...]
    tax_code_kinds: tuple[Choice, ...]
    sector_groups: tuple[Choice, ...]  # label "a) Công nghiệp chế biến …"
    need_purposes: tuple[Choice, ...]
    typical_product_levels: tuple[Choice, ...]
    environmental_permits: tuple[Choice, ...]
    position_sources: tuple[Choice, ...]
    checklist: tuple[ChecklistRow, ...]
    option_categories: tuple[Choice, ...] = ()
    equipment_rows: int = 5  # empty rows of the needs table
    form_version: str = VISIT_FORM_VERSION


@dataclass(frozen=True, slots=True)
class Field:
    """A label and its value as printed ("" prints as an empty line)."""

    label: str
    value: str


@dataclass(frozen=True, slots=True)
class Section:
    title: str
    fields: tuple[Field, ...]


@dataclass(frozen=True, slots=True)
class NeedRow:
    """One equipment need with the support the rules allow, all amounts in whole đồng as "1.234.567"."""

    equipment: str
    specification: str
    production_stage: str
    purposes: str
    quantity: str
    cost: str
    own_contribution: str
    requested: str
    allowed: str
    legal_basis: str
    explanation: str  # the arithmetic in words (share, cap, multiplier)
    status: str = ""
    capped: bool = False
    refused: bool = False


@dataclass(frozen=True, slots=True)
class NeedTotals:
    count: int
    cost: str
    requested: str
    allowed: str


@dataclass(frozen=True, slots=True)
class IndicatorRow:
    name: str
    value: str  # "1.150 kWh/t"
    benchmark: str  # "≤ 1.050 kWh/t" or ""
    comparison: str  # "cao hơn 9,5 %" or ""
    source: str


@dataclass(frozen=True, slots=True)
class OptionRow:
    category: str
    description: str
    investment: str
    net_savings: str
    payback: str
    screening: str


@dataclass(frozen=True, slots=True)
class CPSummary:
    heading: str  # "Đánh giá nhanh, kỳ 01/01/2026 – 31/12/2026"
    facts: tuple[Field, ...]  # product, output, focus step, …
    indicators: tuple[IndicatorRow, ...]
    options: tuple[OptionRow, ...]
    savings: tuple[Field, ...]  # per category: "1. Quản lý nội vi" → "đầu tư …; lợi ích …/năm"
    total_investment: str = ""
    total_net_savings: str = ""


@dataclass(frozen=True, slots=True)
class VisitFormData:
    """One visit form. ``visit is None`` makes a pre-filled form: the profile printed, the visit part, needs
    table and checklist left blank for handwriting (``reference`` then supplies the tick boxes)."""

    record_kind: str  # QR kind: "visit" or "establishment"
    record_id: str  # UUID text
    establishment_name: str
    profile: tuple[Section, ...]
    profile_note: str  # where the profile comes from (snapshot at finalising, or the current profile)
    draft: bool = False
    visit: tuple[Field, ...] | None = None
    observations: str = ""
    recommendations: str = ""
    next_steps: str = ""
    consent: bool | None = None
    needs: tuple[NeedRow, ...] = ()
    needs_total: NeedTotals | None = None
    cp: CPSummary | None = None
    collaborator_name: str = ""
    representative_name: str = ""
    reference: BlankFormReference | None = None
    form_version: str = VISIT_FORM_VERSION
