"""Every validation problem and every field can be told to a person in Vietnamese and English."""

from __future__ import annotations

import dataclasses
import string
import unicodedata
from datetime import date, time

import pytest

from kcfield.domain.enums import EstablishmentKind, Gender, LegalForm, TaxCodeKind
from kcfield.domain.errors import Problem
from kcfield.domain.identifiers import parse_personal_id, parse_phone, parse_tax_code, tax_code_check_digit
from kcfield.domain.messages import catalogue, describe, field_label
from kcfield.domain.messages import fields as field_messages
from kcfield.domain.messages import validation as validation_messages
from kcfield.domain.model import CPAssessment, CPInput, CPOption, CPOutput, EquipmentNeed, Establishment, Visit
from kcfield.domain.validation import (
    PROBLEM_CODES,
    validate_equipment_need,
    validate_establishment,
    validate_visit,
)

TODAY = date(2025, 11, 20)


def emitted_problems() -> list[Problem]:
    """Problems from a battery of bad input, so the test covers what the code really emits with real params."""
    found: list[Problem] = []
    for raw in ("0100109107", "1", "0100000006", "0100109106-000", "003085001234", ""):
        found += parse_tax_code(raw).problems
    body_without_check_digit = next(f"{n:09d}" for n in range(10**8, 10**9) if tax_code_check_digit(f"{n:09d}") is None)
    found += parse_tax_code(body_without_check_digit + "0").problems
    for raw in ("0770850012", "003085001234"):
        found += parse_personal_id(raw).problems
    for raw in ("01689123456", "0871234567", "02173123456", "0912abc", "091234"):
        found += parse_phone(raw).problems
    records = [
        Establishment(tax_code="0100109106", tax_code_kind=TaxCodeKind.BRANCH, legal_form=LegalForm.PRIVATE,
                      registration_date=date(2030, 1, 1), year_founded=1500, rep_email="a@b", latitude=1.0,
                      longitude=1.0, workers_total=-1, workers_insured=-2, revenue_prev_year_vnd=-5,
                      export_share_pct=150.0, ocop_stars=7, craft_village_recognised=True, vsic_code="x",
                      capacity_design=-1.0),
        Establishment(name="x", kind=EstablishmentKind.ENTERPRISE, tax_code="077085001234", latitude=107.0,
                      longitude=10.0, workers_total=5, workers_insured=6, workers_female=7, year_founded=2020,
                      registration_date=date(2019, 1, 1), rep_personal_id="077485001234", rep_gender=Gender.MALE,
                      rep_phone="0168 912 3456", position_accuracy_m=-3.0),
        Establishment(name="x", latitude=10.0, rep_personal_id="077185001234", rep_gender=Gender.MALE),
    ]  # fmt: skip
    for record in records:
        found += validate_establishment(record, TODAY)
    found += validate_visit(Visit(start_time=time(10), end_time=time(9), longitude=1.0), TODAY)
    found += validate_visit(Visit(visit_date=date(2026, 1, 1)), TODAY)
    for need in (
        EquipmentNeed(quantity=0, unit_price_vnd=-1),
        EquipmentNeed(equipment_name="Máy", quantity=1, unit_price_vnd=100, own_contribution_vnd=101),
        EquipmentNeed(equipment_name="Máy", quantity=1, unit_price_vnd=100, requested_support_vnd=101),
        EquipmentNeed(equipment_name="Máy", quantity=1, unit_price_vnd=100, own_contribution_vnd=60,
                      requested_support_vnd=60),
    ):  # fmt: skip
        found += validate_equipment_need(need)
    return found


EMITTED = emitted_problems()


def test_the_battery_reaches_every_declared_code() -> None:
    assert {p.code for p in EMITTED} == PROBLEM_CODES


@pytest.mark.parametrize("code", sorted(PROBLEM_CODES))
def test_every_code_has_a_vietnamese_and_an_english_text(code: str) -> None:
    vi, en = validation_messages.CATALOGUE[code]
    assert vi.strip() and en.strip() and vi != en
    assert unicodedata.is_normalized("NFC", vi)
    assert not vi.isascii()  # written with diacritics, not a transliteration
    placeholders = [{name for _, name, _, _ in string.Formatter().parse(t) if name} for t in (vi, en)]
    assert placeholders[0] == placeholders[1]


def test_validation_catalogue_has_no_stale_codes() -> None:
    assert set(validation_messages.CATALOGUE) == PROBLEM_CODES


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_emitted_problem_reads_as_a_full_sentence(lang: str) -> None:
    for problem in EMITTED:
        sentence = describe(problem, lang)
        assert "{" not in sentence and "}" not in sentence, sentence
        assert not sentence.endswith(problem.code), "no text in the catalogue: describe() fell back to the code"
        assert sentence.startswith(field_label(problem.field, lang) + ": ")
        assert field_label(problem.field, lang) != problem.field, f"no label for {problem.field}"


def test_no_param_shadows_the_arguments_of_the_message_functions() -> None:
    for problem in EMITTED:
        assert not {"code", "lang", "field"} & problem.params.keys(), problem


def test_tax_code_problem_names_the_field_and_the_rule() -> None:
    (problem,) = parse_tax_code("0100109107").problems
    vi = describe(problem, "vi")
    assert vi.startswith("Mã số thuế: ")
    assert "chữ số cuối là 6" in vi and "quy tắc kiểm tra" in vi and "0100109107" in vi
    en = describe(problem, "en")
    assert en.startswith("Tax code: ") and "end in 6" in en


def test_money_in_messages_is_grouped_the_local_way() -> None:
    problem = Problem("need.own_exceeds_cost", "own_contribution_vnd", {"amount": 350_000_000, "cost": 300_000_000})
    assert "350.000.000 đồng" in describe(problem, "vi")
    assert "350,000,000 VND" in describe(problem, "en")


@pytest.mark.parametrize("record", [Establishment, Visit, EquipmentNeed, CPAssessment, CPInput, CPOutput, CPOption])
def test_every_field_of_the_edited_records_has_a_label(record: type) -> None:
    for f in dataclasses.fields(record):
        vi, en = field_messages.CATALOGUE[f"field.{f.name}"]
        assert vi and en
        assert unicodedata.is_normalized("NFC", vi)
        assert field_label(f.name, "vi") == vi
        assert field_label(f.name, "en") == en


def test_labels_read_as_vietnamese() -> None:
    assert field_label("tax_code") == "Mã số thuế"
    assert field_label("rep_personal_id").startswith("Số định danh cá nhân")
    assert field_label("workers_insured", "en") == "Workers with social insurance"


def test_catalogue_merges_without_duplicate_codes() -> None:
    merged = catalogue()
    assert merged.keys() >= PROBLEM_CODES
    assert "field.name" in merged
