"""Rules a record must pass before it is saved, and the storage form of its text."""

from __future__ import annotations

import dataclasses
import unicodedata
from datetime import date, time
from typing import Any

import pytest

from kcfield.domain.enums import EstablishmentKind, Gender, LegalForm, TaxCodeKind
from kcfield.domain.errors import Problem, Severity
from kcfield.domain.model import EquipmentNeed, Establishment, Visit
from kcfield.domain.validation import (
    PROBLEM_CODES,
    check_coordinates,
    in_vietnam,
    normalized_establishment,
    validate_equipment_need,
    validate_establishment,
    validate_visit,
)

TODAY = date(2025, 11, 20)

GOOD = Establishment(
    name="Công ty TNHH Gốm Bình Dương",
    kind=EstablishmentKind.ENTERPRISE,
    legal_form=LegalForm.LLC_ONE,
    tax_code="0300588569",
    tax_code_kind=TaxCodeKind.ENTERPRISE,
    registration_date=date(2010, 4, 1),
    year_founded=2008,
    rep_name="Nguyễn Thị Hoa",
    rep_gender=Gender.FEMALE,
    rep_phone="0912345678",
    rep_email="hoa@gombd.vn",
    rep_personal_id="077185001234",
    latitude=10.35,
    longitude=107.08,
    vsic_version="2018",
    vsic_code="2393",
    capacity_design=1200.0,
    capacity_actual=900.0,
    capacity_unit="tấn/năm",
    workers_total=40,
    workers_insured=30,
    workers_female=25,
    revenue_prev_year_vnd=12_000_000_000,
    total_capital_vnd=5_000_000_000,
    export_share_pct=20.0,
    local_material_share_pct=60.0,
    ocop_stars=4,
)


def problems_of(**changes: Any) -> list[tuple[str, str]]:
    return [(p.code, p.field) for p in validate_establishment(dataclasses.replace(GOOD, **changes), TODAY)]


def test_a_complete_consistent_establishment_has_no_problems() -> None:
    assert validate_establishment(GOOD, TODAY) == []


def test_an_empty_draft_only_needs_a_name() -> None:
    assert [(p.code, p.field) for p in validate_establishment(Establishment(), TODAY)] == [("required", "name")]
    assert problems_of(name="   ") == [("required", "name")]


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"tax_code": "0300588568"}, ("tax_code.check_digit", "tax_code")),
        ({"tax_code": "030058856"}, ("tax_code.format", "tax_code")),
        ({"tax_code": "0300588569-000", "tax_code_kind": TaxCodeKind.BRANCH}, ("tax_code.branch_suffix", "tax_code")),
        ({"tax_code_kind": TaxCodeKind.BRANCH}, ("tax_code.kind_mismatch", "tax_code_kind")),
        ({"tax_code": "077185001234", "tax_code_kind": None}, ("tax_code.personal_id_not_household", "tax_code")),
        ({"kind": EstablishmentKind.COOPERATIVE}, ("legal_form.not_enterprise", "legal_form")),
        ({"registration_date": date(2025, 11, 21)}, ("date.future", "registration_date")),
        ({"year_founded": 1799}, ("year_founded.range", "year_founded")),
        ({"year_founded": 2026}, ("year_founded.range", "year_founded")),
        ({"rep_phone": "01689123456"}, ("phone.old_mobile", "rep_phone")),
        ({"rep_phone": "09123"}, ("phone.length", "rep_phone")),
        ({"rep_email": "hoa@gombd"}, ("email.format", "rep_email")),
        ({"rep_email": "hoa gombd.vn"}, ("email.format", "rep_email")),
        ({"rep_personal_id": "003185001234"}, ("personal_id.province", "rep_personal_id")),
        ({"rep_personal_id": "07718500123"}, ("personal_id.format", "rep_personal_id")),
        ({"rep_personal_id": "077430001234", "rep_gender": None}, ("personal_id.birth_year_future", "rep_personal_id")),
        ({"latitude": None}, ("coordinates.incomplete", "latitude")),
        ({"longitude": None}, ("coordinates.incomplete", "longitude")),
        ({"latitude": 48.85, "longitude": 2.35}, ("coordinates.outside_vietnam", "latitude")),
        ({"latitude": 107.08, "longitude": 10.35}, ("coordinates.swapped", "latitude")),
        ({"position_accuracy_m": -1.0}, ("number.negative", "position_accuracy_m")),
        ({"vsic_code": "23.93"}, ("vsic.format", "vsic_code")),
        ({"vsic_version": ""}, ("vsic.version_missing", "vsic_version")),
        ({"capacity_actual": -5.0}, ("number.negative", "capacity_actual")),
        ({"workers_insured": 41}, ("workers.insured_exceeds_total", "workers_insured")),
        ({"workers_female": 41}, ("workers.female_exceeds_total", "workers_female")),
        ({"workers_total": -1, "workers_insured": None, "workers_female": None}, ("count.negative", "workers_total")),
        ({"revenue_prev_year_vnd": -1}, ("money.negative", "revenue_prev_year_vnd")),
        ({"total_capital_vnd": -1}, ("money.negative", "total_capital_vnd")),
        ({"export_share_pct": 100.5}, ("percent.range", "export_share_pct")),
        ({"local_material_share_pct": -0.1}, ("percent.range", "local_material_share_pct")),
        ({"local_material_share_pct": float("nan")}, ("percent.range", "local_material_share_pct")),
        ({"ocop_stars": 0}, ("ocop.range", "ocop_stars")),
        ({"ocop_stars": 6}, ("ocop.range", "ocop_stars")),
        ({"craft_village_recognised": True}, ("craft_village.name_missing", "craft_village_name")),
    ],
)
def test_each_rule_reports_its_code_on_its_field(changes: dict[str, Any], expected: tuple[str, str]) -> None:
    assert problems_of(**changes) == [expected]


def test_a_household_may_use_the_owners_personal_id_as_tax_code() -> None:
    household = dataclasses.replace(
        GOOD, kind=EstablishmentKind.HOUSEHOLD, legal_form=None, tax_code="077185001234", tax_code_kind=None
    )
    assert validate_establishment(household, TODAY) == []


def test_boundaries_are_allowed() -> None:
    edge = dict(workers_insured=40, workers_female=40, export_share_pct=0.0, local_material_share_pct=100.0,
                ocop_stars=1, registration_date=TODAY, year_founded=2010, revenue_prev_year_vnd=0)  # fmt: skip
    assert problems_of(**edge) == []
    assert problems_of(ocop_stars=5, year_founded=1800, registration_date=None) == []


def test_warnings_do_not_block_saving() -> None:
    found = validate_establishment(
        dataclasses.replace(GOOD, rep_gender=Gender.MALE, capacity_unit="", rep_phone="0871234567"), TODAY
    )
    assert {p.code for p in found} == {"personal_id.sex_mismatch", "capacity.unit_missing", "phone.unknown_network"}
    assert all(p.severity is Severity.WARNING and not p.blocking for p in found)


def test_sex_is_not_checked_when_the_gender_is_other_or_unknown() -> None:
    assert problems_of(rep_gender=Gender.OTHER) == []
    assert problems_of(rep_gender=None) == []


def test_founding_after_registration_is_a_warning() -> None:
    found = validate_establishment(dataclasses.replace(GOOD, year_founded=2012), TODAY)
    assert [(p.code, p.severity) for p in found] == [("year_founded.after_registration", Severity.WARNING)]


def test_every_problem_points_at_a_real_field() -> None:
    bad = dataclasses.replace(
        GOOD, name="", tax_code="1", legal_form=LegalForm.PRIVATE, kind=EstablishmentKind.HOUSEHOLD,
        rep_phone="x", rep_email="x", rep_personal_id="x", latitude=0.0, workers_insured=99, ocop_stars=9,
        export_share_pct=-1.0, revenue_prev_year_vnd=-1, craft_village_recognised=True, vsic_code="x",
    )  # fmt: skip
    found = validate_establishment(bad, TODAY)
    names = {f.name for f in dataclasses.fields(Establishment)}
    assert len(found) >= 12
    assert all(p.field in names for p in found)
    assert {p.code for p in found} <= PROBLEM_CODES


# -- coordinates -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lat", "lon", "inside"),
    [
        (21.03, 105.85, True),  # Hà Nội
        (10.35, 107.08, True),  # Vũng Tàu
        (8.68, 106.61, True),  # Côn Đảo
        (10.23, 103.96, True),  # Phú Quốc
        (16.5, 111.6, True),  # Hoàng Sa
        (8.64, 111.92, True),  # Trường Sa
        (23.36, 105.32, True),  # Lũng Cú, the northern tip
        (13.75, 100.50, False),  # Bangkok
        (48.85, 2.35, False),  # Paris
        (0.0, 0.0, False),  # an empty GPS fix
        (float("nan"), 105.0, False),
    ],
)
def test_in_vietnam(lat: float, lon: float, inside: bool) -> None:
    assert in_vietnam(lat, lon) is inside


def test_coordinates_use_the_given_field_names() -> None:
    (problem,) = check_coordinates(1.0, 1.0, "lat", "lon")
    assert (problem.code, problem.field, problem.params) == (
        "coordinates.outside_vietnam",
        "lat",
        {"latitude": "1.00000", "longitude": "1.00000"},
    )


# -- visits ----------------------------------------------------------------------------------------------------

VISIT = Visit(visit_date=date(2025, 11, 18), start_time=time(8, 30), end_time=time(10, 0), latitude=10.35,
              longitude=107.08, respondent_phone="0254 3852 123")  # fmt: skip


def visit_problems(**changes: Any) -> list[tuple[str, str]]:
    return [(p.code, p.field) for p in validate_visit(dataclasses.replace(VISIT, **changes), TODAY)]


def test_a_good_visit_has_no_problems() -> None:
    assert validate_visit(VISIT, TODAY) == []
    assert visit_problems(start_time=None, end_time=None, latitude=None, longitude=None, respondent_phone="") == []


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"visit_date": None}, [("required", "visit_date")]),
        ({"visit_date": date(2025, 11, 21)}, [("date.future", "visit_date")]),
        ({"end_time": time(8, 30)}, [("time.end_before_start", "end_time")]),
        ({"end_time": time(7, 0)}, [("time.end_before_start", "end_time")]),
        ({"latitude": 1.0, "longitude": 1.0}, [("coordinates.outside_vietnam", "latitude")]),
        ({"longitude": None}, [("coordinates.incomplete", "longitude")]),
        ({"respondent_phone": "0168 912 3456"}, [("phone.old_mobile", "respondent_phone")]),
    ],
)
def test_visit_rules(changes: dict[str, Any], expected: list[tuple[str, str]]) -> None:
    assert visit_problems(**changes) == expected


# -- equipment needs -------------------------------------------------------------------------------------------

NEED = EquipmentNeed(equipment_name="Lò nung gốm tiết kiệm năng lượng", quantity=2, unit_price_vnd=150_000_000,
                     own_contribution_vnd=150_000_000, requested_support_vnd=150_000_000)  # fmt: skip


def need_problems(**changes: Any) -> list[Problem]:
    return validate_equipment_need(dataclasses.replace(NEED, **changes))


def test_a_good_need_has_no_problems() -> None:
    assert need_problems() == []


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"equipment_name": " "}, [("required", "equipment_name")]),
        ({"quantity": 0}, [("quantity.not_positive", "quantity")]),
        ({"quantity": -1.0}, [("quantity.not_positive", "quantity")]),
        ({"unit_price_vnd": -1}, [("money.negative", "unit_price_vnd")]),
        ({"own_contribution_vnd": -1}, [("money.negative", "own_contribution_vnd")]),
        ({"requested_support_vnd": -1}, [("money.negative", "requested_support_vnd")]),
        ({"own_contribution_vnd": 300_000_001}, [("need.own_exceeds_cost", "own_contribution_vnd")]),
        ({"requested_support_vnd": 300_000_001}, [("need.support_exceeds_cost", "requested_support_vnd")]),
        ({"requested_support_vnd": 150_000_001}, [("need.shares_exceed_cost", "requested_support_vnd")]),
    ],
)
def test_need_rules(changes: dict[str, Any], expected: list[tuple[str, str]]) -> None:
    assert [(p.code, p.field) for p in need_problems(**changes)] == expected


def test_shares_above_cost_is_only_a_warning_and_carries_the_amounts() -> None:
    (problem,) = need_problems(requested_support_vnd=150_000_001)
    assert problem.severity is Severity.WARNING
    assert problem.params == {"amount": 300_000_001, "cost": 300_000_000}


# -- normalisation ---------------------------------------------------------------------------------------------


def test_normalized_establishment_puts_text_and_identifiers_in_storage_form() -> None:
    typed = dataclasses.replace(
        GOOD,
        name=unicodedata.normalize("NFD", "  Hợp tác xã  Mây tre  "),
        village="Ấp\u00a0Bắc",
        notes=unicodedata.normalize("NFD", "Dòng một  \r\nDòng hai\n"),
        tax_code="0300 588 569 - 001",
        tax_code_kind=None,
        rep_phone="+84 912.345.678",
        rep_personal_id="077 185 001 234",
    )
    clean = normalized_establishment(typed)
    assert clean.name == "Hợp tác xã Mây tre"
    assert unicodedata.is_normalized("NFC", clean.name)
    assert clean.village == "Ấp Bắc"
    assert clean.notes == "Dòng một\nDòng hai"  # line breaks in free text are kept
    assert clean.tax_code == "0300588569-001"
    assert clean.tax_code_kind is TaxCodeKind.BRANCH
    assert clean.rep_phone == "0912345678"
    assert clean.rep_personal_id == "077185001234"
    assert normalized_establishment(clean) == clean


def test_normalized_establishment_leaves_unrecognised_identifiers_as_typed() -> None:
    typed = dataclasses.replace(GOOD, tax_code="0300588568", rep_phone="01689123456")
    clean = normalized_establishment(typed)
    assert (clean.tax_code, clean.rep_phone) == ("0300588568", "01689123456")
    assert normalized_establishment(GOOD) == GOOD
