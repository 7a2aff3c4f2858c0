"""Entities of the domain as frozen dataclasses.

Services take and return these; ORM rows never leave the store. Each syncing entity carries its editable
fields plus ``id`` and ``meta`` (sync metadata, set by the store). A value built by a user or a form with
``id=None`` and ``meta=None`` is a *draft*: the service gives it an id when it is first saved.

Field names here are the column names in the store and the keys in sync packages: rename with care.
Money is whole VND in ``int``; physical quantities are ``float``; dates are ``datetime.date``; instants are
timezone-aware UTC ``datetime``.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any
from uuid import UUID

from kcfield.domain.enums import (
    ChecklistAnswer,
    CPInputCategory,
    CPKind,
    CPOutputCategory,
    EnvironmentalPermit,
    EstablishmentKind,
    Gender,
    LegalForm,
    NeedPurpose,
    NeedStatus,
    OptionScreening,
    OptionStatus,
    PositionSource,
    SectorGroup,
    TaxCodeKind,
    TypicalProductLevel,
    VisitStatus,
)


@dataclass(frozen=True, slots=True)
class RecordMeta:
    """Sync metadata every syncing record carries (DESIGN.md §3)."""

    base_revision: int = 0  # centre revision this copy derives from; 0 = never seen by the centre
    local_edits: int = 0  # bumped on each local change
    exported_edits: int = 0  # value of local_edits at the last export
    deleted: bool = False
    created_at: datetime | None = None
    created_by: str = ""
    updated_at: datetime | None = None
    updated_by: str = ""

    @property
    def has_unexported_changes(self) -> bool:
        return self.local_edits > self.exported_edits


@dataclass(frozen=True, slots=True)
class Position:
    latitude: float
    longitude: float
    accuracy_m: float | None = None
    source: PositionSource = PositionSource.MANUAL
    taken_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class Establishment:
    name: str = ""
    kind: EstablishmentKind = EstablishmentKind.HOUSEHOLD
    legal_form: LegalForm | None = None
    tax_code: str = ""
    tax_code_kind: TaxCodeKind | None = None
    registration_no: str = ""
    registration_date: date | None = None
    year_founded: int | None = None
    # Representative: personal data, masked in lists and exports unless needed.
    rep_name: str = ""
    rep_title: str = ""
    rep_gender: Gender | None = None
    rep_ethnic_minority: bool = False
    rep_phone: str = ""
    rep_email: str = ""
    rep_personal_id: str = ""
    owner_female: bool = False
    owner_ethnic_minority: bool = False
    # Location
    province_code: int | None = None
    commune_code: int | None = None
    village: str = ""
    street: str = ""
    legacy_address: str = ""  # a pre-2025 address (63 provinces, districts) kept as text
    craft_village_name: str = ""
    craft_village_recognised: bool = False
    latitude: float | None = None
    longitude: float | None = None
    position_accuracy_m: float | None = None
    position_source: PositionSource | None = None
    position_time: datetime | None = None
    # Activity
    vsic_version: str = ""
    vsic_code: str = ""
    sector_group: SectorGroup | None = None
    main_products: str = ""
    capacity_design: float | None = None
    capacity_actual: float | None = None
    capacity_unit: str = ""
    supporting_industry_product: bool = False
    # Size and resources
    workers_total: int | None = None
    workers_insured: int | None = None
    workers_female: int | None = None
    revenue_prev_year_vnd: int | None = None
    total_capital_vnd: int | None = None
    export_share_pct: float | None = None
    has_export_contract: bool = False
    local_material_share_pct: float | None = None
    # Recognition and compliance
    ocop_stars: int | None = None
    typical_product_level: TypicalProductLevel = TypicalProductLevel.NONE
    iso_certified: bool = False
    haccp_certified: bool = False
    other_certifications: str = ""
    environmental_permit: EnvironmentalPermit = EnvironmentalPermit.UNKNOWN
    applies_cleaner_production: bool = False
    earlier_state_support: bool = False
    earlier_state_support_note: str = ""
    notes: str = ""
    id: UUID | None = None
    meta: RecordMeta | None = None

    @property
    def position(self) -> Position | None:
        if self.latitude is None or self.longitude is None:
            return None
        return Position(
            self.latitude,
            self.longitude,
            self.position_accuracy_m,
            self.position_source or PositionSource.MANUAL,
            self.position_time,
        )


@dataclass(frozen=True, slots=True)
class Visit:
    establishment_id: UUID | None = None
    collaborator_code: str = ""
    visit_date: date | None = None
    start_time: time | None = None
    end_time: time | None = None
    purpose: str = ""
    respondent_name: str = ""
    respondent_title: str = ""
    respondent_phone: str = ""
    latitude: float | None = None
    longitude: float | None = None
    position_accuracy_m: float | None = None
    position_source: PositionSource | None = None
    position_time: datetime | None = None
    observations: str = ""
    recommendations: str = ""
    next_steps: str = ""
    consent: bool = False
    status: VisitStatus = VisitStatus.DRAFT
    finalised_at: datetime | None = None
    # The establishment profile as it was when the visit was finalised (field name -> JSON value).
    profile_snapshot: dict[str, Any] | None = None
    amends_visit_id: UUID | None = None  # an amendment points at the final visit it corrects
    id: UUID | None = None
    meta: RecordMeta | None = None


@dataclass(frozen=True, slots=True)
class EquipmentNeed:
    establishment_id: UUID | None = None
    visit_id: UUID | None = None
    equipment_name: str = ""
    specification: str = ""
    production_stage: str = ""
    purposes: frozenset[NeedPurpose] = frozenset()
    is_new: bool = True
    is_technology_line: bool = False
    quantity: float = 1.0
    unit_price_vnd: int = 0
    own_contribution_vnd: int = 0
    requested_support_vnd: int = 0
    supplier: str = ""
    exclusion_code: str = ""  # a rule-set exclusion that applies (e.g. fired-clay brick kiln), "" if none
    previously_state_funded: bool = False
    benefit_capacity_pct: float | None = None
    benefit_labour_saved: float | None = None
    benefit_energy_kwh_per_year: float | None = None
    status: NeedStatus = NeedStatus.PROPOSED
    notes: str = ""
    id: UUID | None = None
    meta: RecordMeta | None = None

    @property
    def cost_vnd(self) -> int:
        return round(self.quantity * self.unit_price_vnd)


@dataclass(frozen=True, slots=True)
class CPInput:
    category: CPInputCategory
    name: str
    quantity: float
    unit: str
    unit_price_vnd: int | None = None
    carrier_code: str = ""  # for energy: the fuel/carrier code in reference data (electricity, coal, ...)
    id: UUID | None = None


@dataclass(frozen=True, slots=True)
class CPOutput:
    category: CPOutputCategory
    name: str
    quantity: float
    unit: str
    destination: str = ""
    id: UUID | None = None


@dataclass(frozen=True, slots=True)
class CPChecklistEntry:
    item_code: str
    answer: ChecklistAnswer = ChecklistAnswer.UNKNOWN
    note: str = ""


@dataclass(frozen=True, slots=True)
class CPOption:
    category: int  # 1..8, the cleaner-production option categories
    description: str
    investment_vnd: int = 0
    annual_savings_vnd: int = 0
    added_operating_cost_vnd: int = 0
    resource_saved_quantity: float | None = None
    resource_saved_unit: str = ""
    resource_saved_carrier: str = ""  # e.g. "electricity" for the CO2 estimate
    screening: OptionScreening = OptionScreening.STUDY
    status: OptionStatus = OptionStatus.PROPOSED
    id: UUID | None = None


@dataclass(frozen=True, slots=True)
class CPAssessment:
    establishment_id: UUID | None = None
    visit_id: UUID | None = None
    kind: CPKind = CPKind.QUICK
    period_start: date | None = None
    period_end: date | None = None
    focus_step: str = ""
    product_name: str = ""
    output_quantity: float | None = None
    output_unit: str = ""
    notes: str = ""
    inputs: tuple[CPInput, ...] = ()
    outputs: tuple[CPOutput, ...] = ()
    checklist: tuple[CPChecklistEntry, ...] = ()
    options: tuple[CPOption, ...] = ()
    id: UUID | None = None
    meta: RecordMeta | None = None


@dataclass(frozen=True, slots=True)
class Attachment:
    owner_entity: str = ""  # "establishment", "visit", "equipment_need", "cp_assessment"
    owner_id: UUID | None = None
    sha256: str = ""
    file_name: str = ""
    media_type: str = ""
    size_bytes: int = 0
    caption: str = ""
    taken_at: datetime | None = None
    latitude: float | None = None
    longitude: float | None = None
    id: UUID | None = None
    meta: RecordMeta | None = None


@dataclass(frozen=True, slots=True)
class Collaborator:
    code: str
    full_name: str
    phone: str = ""
    province_code: int | None = None
    commune_codes: tuple[int, ...] = ()
    device_id: str = ""
    key_fingerprint: str = ""
    id: UUID | None = None


@dataclass(frozen=True, slots=True)
class AuditEvent:
    seq: int
    at: datetime
    actor: str
    device_id: str
    entity: str
    entity_id: str
    action: str
    changes: dict[str, Any] = field(default_factory=dict)  # field -> [old, new] (JSON values)
    prev_hash: str = ""
    hash: str = ""


SYNC_FIELDS = frozenset({"id", "meta"})


def editable_field_names(cls: type) -> tuple[str, ...]:
    """Names of the fields a person edits (everything but id and sync metadata)."""
    return tuple(f.name for f in dataclasses.fields(cls) if f.name not in SYNC_FIELDS)
