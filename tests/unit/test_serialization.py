"""Records survive a trip through JSON (drafts, audit, packages) unchanged."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, time
from uuid import UUID

from kcfield.domain.enums import (
    ChecklistAnswer,
    CPInputCategory,
    EstablishmentKind,
    Gender,
    NeedPurpose,
    PositionSource,
    SectorGroup,
    TaxCodeKind,
    VisitStatus,
)
from kcfield.domain.model import (
    CPAssessment,
    CPChecklistEntry,
    CPInput,
    EquipmentNeed,
    Establishment,
    RecordMeta,
    Visit,
)
from kcfield.domain.serialization import from_json, to_json

ID = UUID("01937a2c-0000-7000-8000-000000000001")


def _trip(obj: object) -> object:
    return from_json(type(obj), json.loads(json.dumps(to_json(obj), ensure_ascii=False)))


def test_establishment_round_trip() -> None:
    est = Establishment(
        name="Cơ sở Đất Đỏ",
        kind=EstablishmentKind.ENTERPRISE,
        tax_code="0100109106",
        tax_code_kind=TaxCodeKind.ENTERPRISE,
        registration_date=date(2020, 2, 5),
        rep_gender=Gender.FEMALE,
        latitude=10.49,
        longitude=107.27,
        position_source=PositionSource.GPS,
        position_time=datetime(2026, 1, 1, 3, tzinfo=UTC),
        sector_group=SectorGroup.DD,
        revenue_prev_year_vnd=2_500_000_000,
        id=ID,
        meta=RecordMeta(base_revision=3, local_edits=1, created_at=datetime(2026, 1, 1, tzinfo=UTC)),
    )
    assert _trip(est) == est


def test_visit_need_and_assessment_round_trip() -> None:
    visit = Visit(establishment_id=ID, visit_date=date(2026, 11, 2), start_time=time(8, 30), status=VisitStatus.FINAL,
                  profile_snapshot={"name": "x"})  # fmt: skip
    need = EquipmentNeed(establishment_id=ID, equipment_name="Máy sấy", purposes=frozenset({NeedPurpose.QUALITY}))
    cp = CPAssessment(
        establishment_id=ID,
        inputs=(CPInput(CPInputCategory.ENERGY, "Điện", 10.0, "kWh", 2100, "electricity"),),
        checklist=(CPChecklistEntry("HK01", ChecklistAnswer.NO),),
    )
    for obj in (visit, need, cp):
        assert _trip(obj) == obj


def test_unknown_keys_are_ignored_and_missing_ones_defaulted() -> None:
    est = from_json(Establishment, {"name": "A", "no_such_field": 1})
    assert est.name == "A" and est.kind is EstablishmentKind.HOUSEHOLD
