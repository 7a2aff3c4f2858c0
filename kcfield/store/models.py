"""SQLAlchemy 2.x typed models of the local store (the centre shares them and adds its own tables).

Column names equal the field names of the domain dataclasses in :mod:`kcfield.domain.model`, so the mapping
in :mod:`kcfield.store.mapping` is mechanical. Enumerations are stored as their stable string values, money as
whole VND (BigInteger), quantities as floats. Constraint names follow one convention so Alembic's batch mode
can find them on SQLite.
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any
from uuid import UUID

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    Time,
    Uuid,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from kcfield.store.types import UTCDateTime

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {  # noqa: RUF012 - SQLAlchemy reads this class attribute
        datetime: UTCDateTime(),
        dict[str, Any]: JSON(),
        list[Any]: JSON(),
        UUID: Uuid(),
    }


class SyncMixin:
    """Sync metadata of DESIGN.md §3 on every aggregate that travels in packages."""

    id: Mapped[UUID] = mapped_column(Uuid(), primary_key=True)
    base_revision: Mapped[int] = mapped_column(Integer, default=0)
    local_edits: Mapped[int] = mapped_column(Integer, default=0)
    exported_edits: Mapped[int] = mapped_column(Integer, default=0)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime]
    created_by: Mapped[str] = mapped_column(String(40), default="")
    updated_at: Mapped[datetime]
    updated_by: Mapped[str] = mapped_column(String(40), default="")


# --- reference data -------------------------------------------------------------------------------------


class ReferenceDataset(Base):
    __tablename__ = "reference_datasets"
    name: Mapped[str] = mapped_column(String(60), primary_key=True)
    version: Mapped[str] = mapped_column(String(40))
    source: Mapped[str] = mapped_column(Text, default="")
    origin: Mapped[str] = mapped_column(String(20), default="bundled")  # bundled | centre
    sha256: Mapped[str] = mapped_column(String(64), default="")
    loaded_at: Mapped[datetime]
    # Whole-document datasets (rules) are kept as JSON here; tabular ones fill their own tables.
    document: Mapped[dict[str, Any] | None] = mapped_column(JSON, default=None)


class Province(Base):
    __tablename__ = "provinces"
    code: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    name: Mapped[str] = mapped_column(String(80))
    kind: Mapped[str] = mapped_column(String(20))
    centrally_run: Mapped[bool] = mapped_column(Boolean)
    phone_area_code: Mapped[str] = mapped_column(String(4), default="")


class Commune(Base):
    __tablename__ = "communes"
    code: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    name: Mapped[str] = mapped_column(String(80))
    kind: Mapped[str] = mapped_column(String(20))
    province_code: Mapped[int] = mapped_column(ForeignKey("provinces.code"), index=True)
    former_province: Mapped[str] = mapped_column(String(80), default="")
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    radius_km: Mapped[float | None] = mapped_column(Float)
    difficult: Mapped[bool | None] = mapped_column(Boolean)
    ethnic_minority_area: Mapped[bool | None] = mapped_column(Boolean)
    search_text: Mapped[str] = mapped_column(String(80), default="")


class SectorGroupRow(Base):
    __tablename__ = "sector_groups"
    code: Mapped[str] = mapped_column(String(4), primary_key=True)
    letter: Mapped[str] = mapped_column(String(2))
    name_vi: Mapped[str] = mapped_column(Text)
    name_en: Mapped[str] = mapped_column(Text)
    legal_basis: Mapped[str] = mapped_column(Text, default="")


class VsicCode(Base):
    __tablename__ = "vsic_codes"
    version: Mapped[str] = mapped_column(String(8), primary_key=True)
    code: Mapped[str] = mapped_column(String(8), primary_key=True)
    name_vi: Mapped[str] = mapped_column(Text)
    name_en: Mapped[str] = mapped_column(Text, default="")
    sector_group: Mapped[str] = mapped_column(String(4), default="")


class CPOptionCategory(Base):
    __tablename__ = "cp_option_categories"
    number: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    name_vi: Mapped[str] = mapped_column(Text)
    name_en: Mapped[str] = mapped_column(Text)
    description_vi: Mapped[str] = mapped_column(Text, default="")


class CPChecklistItem(Base):
    __tablename__ = "cp_checklist_items"
    code: Mapped[str] = mapped_column(String(12), primary_key=True)
    theme: Mapped[str] = mapped_column(String(30))
    position: Mapped[int] = mapped_column(Integer)
    text_vi: Mapped[str] = mapped_column(Text)
    text_en: Mapped[str] = mapped_column(Text)
    option_category: Mapped[int | None] = mapped_column(Integer)


class CPBenchmark(Base):
    __tablename__ = "cp_benchmarks"
    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    vsic_version: Mapped[str] = mapped_column(String(8))
    vsic_code: Mapped[str] = mapped_column(String(8), index=True)
    product: Mapped[str] = mapped_column(Text)
    indicator: Mapped[str] = mapped_column(String(40))
    value: Mapped[float] = mapped_column(Float)
    unit: Mapped[str] = mapped_column(String(20))
    comparison: Mapped[str] = mapped_column(String(10))
    is_legal_norm: Mapped[bool] = mapped_column(Boolean)
    valid_from: Mapped[date | None] = mapped_column(Date)
    valid_to: Mapped[date | None] = mapped_column(Date)
    source: Mapped[str] = mapped_column(Text)
    mark: Mapped[str] = mapped_column(String(2), default="")


class UnitRow(Base):
    __tablename__ = "units"
    code: Mapped[str] = mapped_column(String(16), primary_key=True)
    name_vi: Mapped[str] = mapped_column(String(60))
    name_en: Mapped[str] = mapped_column(String(60))
    dimension: Mapped[str] = mapped_column(String(20))
    canonical: Mapped[str] = mapped_column(String(16))
    factor: Mapped[float] = mapped_column(Float)


class EnergyCarrier(Base):
    __tablename__ = "energy_carriers"
    code: Mapped[str] = mapped_column(String(30), primary_key=True)
    name_vi: Mapped[str] = mapped_column(String(80))
    name_en: Mapped[str] = mapped_column(String(80))
    unit: Mapped[str] = mapped_column(String(16))
    net_heating_value_mj: Mapped[float] = mapped_column(Float)
    co2_kg_per_unit: Mapped[float | None] = mapped_column(Float)
    source: Mapped[str] = mapped_column(Text, default="")


class Parameter(Base):
    __tablename__ = "parameters"
    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[float] = mapped_column(Float)
    unit: Mapped[str] = mapped_column(String(20), default="")
    source: Mapped[str] = mapped_column(Text, default="")
    effective_from: Mapped[date | None] = mapped_column(Date)
    mark: Mapped[str] = mapped_column(String(2), default="")


# --- people and settings --------------------------------------------------------------------------------


class CollaboratorRow(Base):
    __tablename__ = "collaborators"
    id: Mapped[UUID] = mapped_column(Uuid(), primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    full_name: Mapped[str] = mapped_column(String(120))
    phone: Mapped[str] = mapped_column(String(20), default="")
    province_code: Mapped[int | None] = mapped_column(ForeignKey("provinces.code"))
    commune_codes: Mapped[list[Any]] = mapped_column(JSON, default=list)
    device_id: Mapped[str] = mapped_column(String(40), default="")
    key_fingerprint: Mapped[str] = mapped_column(String(80), default="")
    is_local_user: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime]


class ChangeCounter(Base):
    """Counters bumped by triggers on every write to a table (see kcfield.store.search)."""

    __tablename__ = "change_counters"
    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[int] = mapped_column(BigInteger, default=0)


class Preference(Base):
    """Preferences that travel with the data (window state stays in QSettings)."""

    __tablename__ = "preferences"
    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[dict[str, Any]] = mapped_column(JSON)


# --- the collaborator's records -------------------------------------------------------------------------


class EstablishmentRow(SyncMixin, Base):
    __tablename__ = "establishments"
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(4))
    legal_form: Mapped[str | None] = mapped_column(String(8))
    tax_code: Mapped[str] = mapped_column(String(20), default="", index=True)
    tax_code_kind: Mapped[str | None] = mapped_column(String(8))
    registration_no: Mapped[str] = mapped_column(String(40), default="")
    registration_date: Mapped[date | None] = mapped_column(Date)
    year_founded: Mapped[int | None] = mapped_column(Integer)
    rep_name: Mapped[str] = mapped_column(String(120), default="")
    rep_title: Mapped[str] = mapped_column(String(80), default="")
    rep_gender: Mapped[str | None] = mapped_column(String(1))
    rep_ethnic_minority: Mapped[bool] = mapped_column(Boolean, default=False)
    rep_phone: Mapped[str] = mapped_column(String(20), default="")
    rep_email: Mapped[str] = mapped_column(String(120), default="")
    rep_personal_id: Mapped[str] = mapped_column(String(12), default="")
    owner_female: Mapped[bool] = mapped_column(Boolean, default=False)
    owner_ethnic_minority: Mapped[bool] = mapped_column(Boolean, default=False)
    province_code: Mapped[int | None] = mapped_column(ForeignKey("provinces.code"))
    commune_code: Mapped[int | None] = mapped_column(ForeignKey("communes.code"), index=True)
    village: Mapped[str] = mapped_column(String(120), default="")
    street: Mapped[str] = mapped_column(String(200), default="")
    legacy_address: Mapped[str] = mapped_column(Text, default="")
    craft_village_name: Mapped[str] = mapped_column(String(120), default="")
    craft_village_recognised: Mapped[bool] = mapped_column(Boolean, default=False)
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    position_accuracy_m: Mapped[float | None] = mapped_column(Float)
    position_source: Mapped[str | None] = mapped_column(String(10))
    position_time: Mapped[datetime | None]
    vsic_version: Mapped[str] = mapped_column(String(8), default="")
    vsic_code: Mapped[str] = mapped_column(String(8), default="")
    sector_group: Mapped[str | None] = mapped_column(String(4))
    main_products: Mapped[str] = mapped_column(Text, default="")
    capacity_design: Mapped[float | None] = mapped_column(Float)
    capacity_actual: Mapped[float | None] = mapped_column(Float)
    capacity_unit: Mapped[str] = mapped_column(String(40), default="")
    supporting_industry_product: Mapped[bool] = mapped_column(Boolean, default=False)
    workers_total: Mapped[int | None] = mapped_column(Integer)
    workers_insured: Mapped[int | None] = mapped_column(Integer)
    workers_female: Mapped[int | None] = mapped_column(Integer)
    revenue_prev_year_vnd: Mapped[int | None] = mapped_column(BigInteger)
    total_capital_vnd: Mapped[int | None] = mapped_column(BigInteger)
    export_share_pct: Mapped[float | None] = mapped_column(Float)
    has_export_contract: Mapped[bool] = mapped_column(Boolean, default=False)
    local_material_share_pct: Mapped[float | None] = mapped_column(Float)
    ocop_stars: Mapped[int | None] = mapped_column(Integer)
    typical_product_level: Mapped[str] = mapped_column(String(12), default="none")
    iso_certified: Mapped[bool] = mapped_column(Boolean, default=False)
    haccp_certified: Mapped[bool] = mapped_column(Boolean, default=False)
    other_certifications: Mapped[str] = mapped_column(Text, default="")
    environmental_permit: Mapped[str] = mapped_column(String(16), default="unknown")
    applies_cleaner_production: Mapped[bool] = mapped_column(Boolean, default=False)
    earlier_state_support: Mapped[bool] = mapped_column(Boolean, default=False)
    earlier_state_support_note: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    # Derived columns kept by the store for search, filters and Vietnamese ordering in SQL (never edited).
    search_text: Mapped[str] = mapped_column(Text, default="")
    name_sort: Mapped[str] = mapped_column(Text, default="")
    size_class: Mapped[str] = mapped_column(String(8), default="unknown")
    cnnt_eligible: Mapped[str] = mapped_column(String(8), default="unknown")  # yes | no | unknown

    __table_args__ = (
        Index("ix_establishments_changed", "local_edits", "exported_edits"),
        # The registry loads live rows in Vietnamese name order.
        Index("ix_establishments_list", "deleted", "name_sort"),
    )


class VisitRow(SyncMixin, Base):
    __tablename__ = "visits"
    establishment_id: Mapped[UUID] = mapped_column(ForeignKey("establishments.id"), index=True)
    collaborator_code: Mapped[str] = mapped_column(String(40), default="")
    visit_date: Mapped[date | None] = mapped_column(Date, index=True)
    start_time: Mapped[time | None] = mapped_column(Time)
    end_time: Mapped[time | None] = mapped_column(Time)
    purpose: Mapped[str] = mapped_column(Text, default="")
    respondent_name: Mapped[str] = mapped_column(String(120), default="")
    respondent_title: Mapped[str] = mapped_column(String(80), default="")
    respondent_phone: Mapped[str] = mapped_column(String(20), default="")
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    position_accuracy_m: Mapped[float | None] = mapped_column(Float)
    position_source: Mapped[str | None] = mapped_column(String(10))
    position_time: Mapped[datetime | None]
    observations: Mapped[str] = mapped_column(Text, default="")
    recommendations: Mapped[str] = mapped_column(Text, default="")
    next_steps: Mapped[str] = mapped_column(Text, default="")
    consent: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[str] = mapped_column(String(8), default="draft")
    finalised_at: Mapped[datetime | None]
    profile_snapshot: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    amends_visit_id: Mapped[UUID | None] = mapped_column(ForeignKey("visits.id"))


class EquipmentNeedRow(SyncMixin, Base):
    __tablename__ = "equipment_needs"
    establishment_id: Mapped[UUID] = mapped_column(ForeignKey("establishments.id"), index=True)
    visit_id: Mapped[UUID | None] = mapped_column(ForeignKey("visits.id"), index=True)
    equipment_name: Mapped[str] = mapped_column(String(200))
    specification: Mapped[str] = mapped_column(Text, default="")
    production_stage: Mapped[str] = mapped_column(String(120), default="")
    purposes: Mapped[list[Any]] = mapped_column(JSON, default=list)
    is_new: Mapped[bool] = mapped_column(Boolean, default=True)
    is_technology_line: Mapped[bool] = mapped_column(Boolean, default=False)
    quantity: Mapped[float] = mapped_column(Float, default=1.0)
    unit_price_vnd: Mapped[int] = mapped_column(BigInteger, default=0)
    own_contribution_vnd: Mapped[int] = mapped_column(BigInteger, default=0)
    requested_support_vnd: Mapped[int] = mapped_column(BigInteger, default=0)
    supplier: Mapped[str] = mapped_column(String(200), default="")
    exclusion_code: Mapped[str] = mapped_column(String(60), default="")
    previously_state_funded: Mapped[bool] = mapped_column(Boolean, default=False)
    benefit_capacity_pct: Mapped[float | None] = mapped_column(Float)
    benefit_labour_saved: Mapped[float | None] = mapped_column(Float)
    benefit_energy_kwh_per_year: Mapped[float | None] = mapped_column(Float)
    status: Mapped[str] = mapped_column(String(12), default="proposed")
    notes: Mapped[str] = mapped_column(Text, default="")


class CPAssessmentRow(SyncMixin, Base):
    __tablename__ = "cp_assessments"
    establishment_id: Mapped[UUID] = mapped_column(ForeignKey("establishments.id"), index=True)
    visit_id: Mapped[UUID | None] = mapped_column(ForeignKey("visits.id"), index=True)
    kind: Mapped[str] = mapped_column(String(10), default="quick")
    period_start: Mapped[date | None] = mapped_column(Date)
    period_end: Mapped[date | None] = mapped_column(Date)
    focus_step: Mapped[str] = mapped_column(String(200), default="")
    product_name: Mapped[str] = mapped_column(String(200), default="")
    output_quantity: Mapped[float | None] = mapped_column(Float)
    output_unit: Mapped[str] = mapped_column(String(16), default="")
    notes: Mapped[str] = mapped_column(Text, default="")


class CPInputRow(Base):
    """Part of a CP assessment aggregate: syncs with its assessment, not on its own."""

    __tablename__ = "cp_inputs"
    id: Mapped[UUID] = mapped_column(Uuid(), primary_key=True)
    assessment_id: Mapped[UUID] = mapped_column(ForeignKey("cp_assessments.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    category: Mapped[str] = mapped_column(String(12))
    name: Mapped[str] = mapped_column(String(200))
    quantity: Mapped[float] = mapped_column(Float)
    unit: Mapped[str] = mapped_column(String(16))
    unit_price_vnd: Mapped[int | None] = mapped_column(BigInteger)
    carrier_code: Mapped[str] = mapped_column(String(30), default="")


class CPOutputRow(Base):
    __tablename__ = "cp_outputs"
    id: Mapped[UUID] = mapped_column(Uuid(), primary_key=True)
    assessment_id: Mapped[UUID] = mapped_column(ForeignKey("cp_assessments.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    category: Mapped[str] = mapped_column(String(12))
    name: Mapped[str] = mapped_column(String(200))
    quantity: Mapped[float] = mapped_column(Float)
    unit: Mapped[str] = mapped_column(String(16))
    destination: Mapped[str] = mapped_column(String(200), default="")


class CPChecklistAnswerRow(Base):
    __tablename__ = "cp_checklist_answers"
    assessment_id: Mapped[UUID] = mapped_column(ForeignKey("cp_assessments.id", ondelete="CASCADE"), primary_key=True)
    item_code: Mapped[str] = mapped_column(String(12), primary_key=True)
    answer: Mapped[str] = mapped_column(String(8))
    note: Mapped[str] = mapped_column(Text, default="")


class CPOptionRow(Base):
    __tablename__ = "cp_options"
    id: Mapped[UUID] = mapped_column(Uuid(), primary_key=True)
    assessment_id: Mapped[UUID] = mapped_column(ForeignKey("cp_assessments.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    category: Mapped[int] = mapped_column(Integer)
    description: Mapped[str] = mapped_column(Text)
    investment_vnd: Mapped[int] = mapped_column(BigInteger, default=0)
    annual_savings_vnd: Mapped[int] = mapped_column(BigInteger, default=0)
    added_operating_cost_vnd: Mapped[int] = mapped_column(BigInteger, default=0)
    resource_saved_quantity: Mapped[float | None] = mapped_column(Float)
    resource_saved_unit: Mapped[str] = mapped_column(String(16), default="")
    resource_saved_carrier: Mapped[str] = mapped_column(String(30), default="")
    screening: Mapped[str] = mapped_column(String(8), default="study")
    status: Mapped[str] = mapped_column(String(14), default="proposed")


class AttachmentRow(SyncMixin, Base):
    __tablename__ = "attachments"
    owner_entity: Mapped[str] = mapped_column(String(20))
    owner_id: Mapped[UUID] = mapped_column(Uuid(), index=True)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    file_name: Mapped[str] = mapped_column(String(255))
    media_type: Mapped[str] = mapped_column(String(80))
    size_bytes: Mapped[int] = mapped_column(BigInteger)
    caption: Mapped[str] = mapped_column(Text, default="")
    taken_at: Mapped[datetime | None]
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)


class AuditEventRow(Base):
    """Append-only, hash-chained log of every change (written in the same transaction as the change)."""

    __tablename__ = "audit_events"
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime]
    actor: Mapped[str] = mapped_column(String(40))
    device_id: Mapped[str] = mapped_column(String(40), default="")
    entity: Mapped[str] = mapped_column(String(30))
    entity_id: Mapped[str] = mapped_column(String(40), index=True)
    action: Mapped[str] = mapped_column(String(12))
    changes: Mapped[dict[str, Any]] = mapped_column(JSON)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64), unique=True)


SYNCED_TABLES: dict[str, type[SyncMixin]] = {
    "establishment": EstablishmentRow,
    "visit": VisitRow,
    "equipment_need": EquipmentNeedRow,
    "cp_assessment": CPAssessmentRow,
    "attachment": AttachmentRow,
}


# --- package sync (field side) --------------------------------------------------------------------------


class SyncOutboxRow(Base):
    """A package this device wrote, kept until the centre's receipt acknowledges it (DESIGN.md §4)."""

    __tablename__ = "sync_outbox"
    package_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    sequence: Mapped[int] = mapped_column(Integer, unique=True)
    file_name: Mapped[str] = mapped_column(String(255))
    sha256: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime]
    kind: Mapped[str] = mapped_column(String(20))
    record_count: Mapped[int] = mapped_column(Integer, default=0)
    acknowledged_at: Mapped[datetime | None]
    receipt_summary: Mapped[dict[str, Any] | None] = mapped_column(JSON, default=None)


class SyncStateRow(Base):
    """Small facts of the sync protocol: next sequence number, previous package hash, the trusted centre key,
    when the last export ran and the last audit event it carried (keys in kcfield.services.sync_state)."""

    __tablename__ = "sync_state"
    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="")
