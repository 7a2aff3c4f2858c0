"""Derived facts: SME size class, CNNT eligibility and priority criteria, each explained in words."""

from __future__ import annotations

import copy
import dataclasses
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from kcfield.domain.eligibility import (
    PlaceFacts,
    Reason,
    cnnt_eligibility,
    explain,
    priority_criteria,
    size_class,
    supported_criteria,
)
from kcfield.domain.enums import CommuneKind, EstablishmentKind, ProvinceKind, SizeClass, TypicalProductLevel
from kcfield.domain.messages import catalogue
from kcfield.domain.model import Establishment
from kcfield.domain.reference import CommuneInfo, ProvinceInfo
from kcfield.domain.rules import EligibilityRules

DATA = Path(__file__).parents[2] / "resources" / "data"
RAW = json.loads((DATA / "eligibility.json").read_text(encoding="utf-8"))
RULES = EligibilityRules.from_dict(RAW)

BN = 1_000_000_000
BEFORE = date(2025, 10, 14)  # last day of the Decree 45/2012 place rule
AFTER = date(2025, 10, 15)  # Decree 235/2025 in force

HCMC = "Thành phố Hồ Chí Minh"
VUNG_TAU = PlaceFacts(CommuneKind.WARD, ProvinceKind.CENTRAL_CITY, "Phường Vũng Tàu", HCMC)
CHAU_DUC = PlaceFacts(CommuneKind.COMMUNE, ProvinceKind.CENTRAL_CITY, "Xã Châu Đức", HCMC)
CON_DAO = PlaceFacts(CommuneKind.SPECIAL_ZONE, ProvinceKind.CENTRAL_CITY, "Đặc khu Côn Đảo", HCMC)
PROVINCE_WARD = PlaceFacts(CommuneKind.WARD, ProvinceKind.PROVINCE, "Phường Bắc Giang", "Tỉnh Bắc Ninh")

HOUSEHOLD = Establishment(name="Cơ sở bánh tráng Hai Lúa", kind=EstablishmentKind.HOUSEHOLD)
SME = Establishment(
    name="Công ty TNHH Cơ khí Phước Hòa",
    kind=EstablishmentKind.ENTERPRISE,
    workers_insured=25,
    revenue_prev_year_vnd=12 * BN,
    total_capital_vnd=8 * BN,
)
LARGE = dataclasses.replace(SME, workers_insured=450, revenue_prev_year_vnd=900 * BN, total_capital_vnd=400 * BN)


def codes(reasons: tuple[Reason, ...]) -> list[str]:
    return [r.code for r in reasons]


# --- size class --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("workers", "revenue", "capital", "expected"),
    [
        (0, 0, 0, SizeClass.MICRO),
        (10, 3 * BN, None, SizeClass.MICRO),  # boundaries are inclusive
        (10, None, 3 * BN, SizeClass.MICRO),
        (11, 3 * BN, 3 * BN, SizeClass.SMALL),  # one worker too many for micro
        (10, 3 * BN + 1, 3 * BN + 1, SizeClass.SMALL),  # both figures one đồng over
        (10, 3 * BN + 1, 3 * BN, SizeClass.MICRO),  # revenue over, capital within: either suffices
        (10, 3 * BN, 3 * BN + 1, SizeClass.MICRO),  # capital over, revenue within
        (100, 50 * BN, 999 * BN, SizeClass.SMALL),
        (100, 50 * BN + 1, 20 * BN + 1, SizeClass.MEDIUM),
        (101, 1, 1, SizeClass.MEDIUM),  # the workers criterion is required whatever the money
        (200, 200 * BN, 100 * BN, SizeClass.MEDIUM),
        (200, 200 * BN + 1, 100 * BN + 1, SizeClass.LARGE),
        (201, 1, 1, SizeClass.LARGE),
        (201, None, None, SizeClass.LARGE),  # large by workers alone
        (None, 1, 1, SizeClass.UNKNOWN),
        (None, None, None, SizeClass.UNKNOWN),
        (200, None, None, SizeClass.UNKNOWN),
        (150, 250 * BN, None, SizeClass.UNKNOWN),  # the missing capital decides between medium and large
        (150, None, 150 * BN, SizeClass.UNKNOWN),
    ],
)
def test_size_class(workers: int | None, revenue: int | None, capital: int | None, expected: SizeClass) -> None:
    assessment = size_class(workers, revenue, capital, RULES)
    assert assessment.size is expected
    assert assessment.reasons


def test_unknown_workers_names_what_is_missing() -> None:
    assessment = size_class(None, 1 * BN, 1 * BN, RULES)
    assert codes(assessment.reasons) == ["size.workers_unknown"]
    assert assessment.is_sme is None
    assert "lao động tham gia bảo hiểm xã hội" in explain(assessment.reasons, "vi")
    assert "workers with social insurance is missing" in explain(assessment.reasons, "en")


def test_both_figures_unknown_names_them() -> None:
    assessment = size_class(50, None, None, RULES)
    assert codes(assessment.reasons) == ["size.finance_unknown"]
    assert "doanh thu năm và tổng nguồn vốn" in explain(assessment.reasons)


def test_large_by_workers_cites_the_limit_and_the_decree() -> None:
    assessment = size_class(201, None, None, RULES)
    assert codes(assessment.reasons) == ["size.large_by_workers"]
    text = explain(assessment.reasons)
    assert "201 lao động" in text and "200" in text and "Nghị định 80/2021/NĐ-CP" in text
    assert assessment.is_sme is False


def test_one_missing_figure_gives_an_upper_bound_and_says_so() -> None:
    assessment = size_class(8, 5 * BN, None, RULES)
    assert assessment.size is SizeClass.SMALL
    assert assessment.provisional
    assert codes(assessment.reasons) == ["size.within_revenue", "size.may_be_smaller"]
    text = explain(assessment.reasons, "vi")
    assert "doanh nghiệp siêu nhỏ nếu tổng nguồn vốn không quá 3.000.000.000 ₫" in text
    assert "micro enterprise if its total capital is at most 3,000,000,000 VND" in explain(assessment.reasons, "en")


def test_a_missing_figure_cannot_make_a_smaller_class_when_workers_rule_it_out() -> None:
    assessment = size_class(50, 5 * BN, None, RULES)
    assert assessment.size is SizeClass.SMALL
    assert not assessment.provisional


def test_size_reason_cites_the_figure_that_decided() -> None:
    by_capital = size_class(10, 3 * BN + 1, 3 * BN, RULES)
    assert codes(by_capital.reasons) == ["size.within_capital"]
    assert "tổng nguồn vốn 3.000.000.000 ₫ (không quá 3.000.000.000 ₫)" in explain(by_capital.reasons)


# --- eligibility -------------------------------------------------------------------------------------------


def test_ward_of_centrally_run_city_is_not_eligible_after_decree_235() -> None:
    result = cnnt_eligibility(HOUSEHOLD, VUNG_TAU, RULES, AFTER)
    assert result.eligible is False
    assert result.explain("vi") == (
        "Hộ kinh doanh là đối tượng CNNT; cơ sở tại Phường Vũng Tàu (phường của thành phố trực thuộc trung ương)"
        " không thuộc địa bàn được hỗ trợ theo Nghị định 235/2025/NĐ-CP, trừ khi nằm trong làng nghề được công nhận"
    )
    assert result.explain("en").startswith("Business households are CNNT beneficiaries; the establishment in")


def test_recognised_craft_village_makes_a_ward_eligible() -> None:
    in_village = dataclasses.replace(HOUSEHOLD, craft_village_recognised=True, craft_village_name="Làng nghề A")
    result = cnnt_eligibility(in_village, VUNG_TAU, RULES, AFTER)
    assert result.eligible is True
    assert codes(result.reasons) == ["elig.kind.HKD", "elig.place_not_covered", "elig.craft_village_named"]
    assert "(Làng nghề A)" in result.explain()
    unnamed = dataclasses.replace(in_village, craft_village_name="  ")
    assert codes(cnnt_eligibility(unnamed, VUNG_TAU, RULES, AFTER).reasons)[-1] == "elig.craft_village"


def test_an_unrecognised_craft_village_does_not_count() -> None:
    named_only = dataclasses.replace(HOUSEHOLD, craft_village_name="Làng gốm", craft_village_recognised=False)
    assert cnnt_eligibility(named_only, VUNG_TAU, RULES, AFTER).eligible is False


@pytest.mark.parametrize("place", [CHAU_DUC, CON_DAO], ids=["xa-chau-duc", "dac-khu-con-dao"])
@pytest.mark.parametrize("on", [BEFORE, AFTER])
def test_commune_and_special_zone_of_a_central_city_are_eligible(place: PlaceFacts, on: date) -> None:
    result = cnnt_eligibility(HOUSEHOLD, place, RULES, on)
    assert result.eligible is True
    assert codes(result.reasons) == ["elig.kind.HKD", "elig.place_ok"]
    assert place.commune_name in result.explain()


def test_ward_of_a_province_is_eligible_only_from_15_october_2025() -> None:
    before = cnnt_eligibility(HOUSEHOLD, PROVINCE_WARD, RULES, BEFORE)
    after = cnnt_eligibility(HOUSEHOLD, PROVINCE_WARD, RULES, AFTER)
    assert before.eligible is False and "Nghị định 45/2012/NĐ-CP" in before.explain()
    assert after.eligible is True and "Nghị định 235/2025/NĐ-CP" in after.explain()
    assert "(phường của tỉnh)" in after.explain()


@pytest.mark.parametrize(
    "kind", [EstablishmentKind.HOUSEHOLD, EstablishmentKind.COOPERATIVE, EstablishmentKind.COOPERATIVE_GROUP]
)
def test_non_enterprise_kinds_need_no_size(kind: EstablishmentKind) -> None:
    result = cnnt_eligibility(Establishment(kind=kind), CHAU_DUC, RULES, AFTER)
    assert result.eligible is True
    assert codes(result.reasons) == [f"elig.kind.{kind.value}", "elig.place_ok"]


def test_small_enterprise_is_eligible() -> None:
    result = cnnt_eligibility(SME, CHAU_DUC, RULES, AFTER)
    assert result.eligible is True
    assert codes(result.reasons) == ["elig.kind.DN", "elig.sme", "elig.place_ok"]
    assert "cơ sở là doanh nghiệp nhỏ theo Điều 5 Nghị định 80/2021/NĐ-CP" in result.explain()


def test_large_enterprise_is_not_eligible_even_in_an_eligible_place() -> None:
    result = cnnt_eligibility(LARGE, CHAU_DUC, RULES, AFTER)
    assert result.eligible is False
    assert codes(result.reasons) == ["elig.kind.DN", "size.large_by_workers", "elig.large"]


def test_cleaner_production_waives_size_and_place() -> None:
    cp = dataclasses.replace(LARGE, applies_cleaner_production=True)
    result = cnnt_eligibility(cp, VUNG_TAU, RULES, AFTER)
    assert result.eligible is True
    assert codes(result.reasons) == ["elig.kind.DN", "elig.cleaner_production"]
    assert "sản xuất sạch hơn" in result.explain() and "Nghị định 45/2012/NĐ-CP" in result.explain()


def test_enterprise_of_unknown_size_cannot_be_decided_in_an_eligible_place() -> None:
    unknown = dataclasses.replace(SME, workers_insured=None)
    result = cnnt_eligibility(unknown, CHAU_DUC, RULES, AFTER)
    assert result.eligible is None
    assert codes(result.reasons) == ["elig.kind.DN", "size.workers_unknown", "elig.place_ok", "elig.undecided"]


def test_enterprise_of_unknown_size_in_an_excluded_place_is_not_eligible() -> None:
    unknown = dataclasses.replace(SME, workers_insured=None)
    result = cnnt_eligibility(unknown, VUNG_TAU, RULES, AFTER)
    assert result.eligible is False
    assert codes(result.reasons) == ["elig.kind.DN", "size.workers_unknown", "elig.place_excluded"]


def test_unknown_place_cannot_be_decided_unless_in_a_craft_village() -> None:
    result = cnnt_eligibility(HOUSEHOLD, None, RULES, AFTER)
    assert result.eligible is None
    assert codes(result.reasons) == ["elig.kind.HKD", "elig.place_unknown", "elig.undecided"]
    in_village = dataclasses.replace(HOUSEHOLD, craft_village_recognised=True)
    assert cnnt_eligibility(in_village, None, RULES, AFTER).eligible is True


def test_no_place_rule_before_decree_45() -> None:
    result = cnnt_eligibility(HOUSEHOLD, CHAU_DUC, RULES, date(2010, 1, 1))
    assert result.eligible is None
    assert codes(result.reasons)[-2:] == ["elig.no_place_rule", "elig.undecided"]
    assert "01/01/2010" in result.explain()


def test_a_kind_the_rules_exclude_is_not_eligible() -> None:
    raw = copy.deepcopy(RAW)
    raw["eligible_kinds"]["kinds"] = [k for k in raw["eligible_kinds"]["kinds"] if k["kind"] != "THT"]
    rules = EligibilityRules.from_dict(raw)
    result = cnnt_eligibility(Establishment(kind=EstablishmentKind.COOPERATIVE_GROUP), CHAU_DUC, rules, AFTER)
    assert result.eligible is False
    assert result.explain() == "Tổ hợp tác không thuộc đối tượng CNNT theo Điều 2 Nghị định 45/2012/NĐ-CP"


def test_a_place_rule_without_craft_village_exception_says_so() -> None:
    raw = copy.deepcopy(RAW)
    raw["place_rules"][1]["craft_village_anywhere"] = False
    rules = EligibilityRules.from_dict(raw)
    in_village = dataclasses.replace(HOUSEHOLD, craft_village_recognised=True)
    result = cnnt_eligibility(in_village, VUNG_TAU, rules, AFTER)
    assert result.eligible is False
    assert codes(result.reasons)[-1] == "elig.place_excluded_no_exception"
    assert "làng nghề" not in result.explain()


def test_place_facts_from_reference_data() -> None:
    commune = CommuneInfo(code=26506, name="Phường Vũng Tàu", kind=CommuneKind.WARD, province_code=79, difficult=False)
    province = ProvinceInfo(code=79, name=HCMC, kind=ProvinceKind.CENTRAL_CITY, centrally_run=True)
    assert PlaceFacts.from_reference(commune, province) == dataclasses.replace(VUNG_TAU, difficult=False)


# --- priority criteria -------------------------------------------------------------------------------------


def met(e: Establishment, code: str, place: PlaceFacts | None = CHAU_DUC, on: date = AFTER) -> bool | None:
    return next(r for r in priority_criteria(e, place, RULES, on) if r.code == code).met


@pytest.mark.parametrize(("workers", "expected"), [(50, True), (49, False), (None, None)])
def test_workers_criterion_is_fifty_or_more(workers: int | None, expected: bool | None) -> None:
    assert met(dataclasses.replace(HOUSEHOLD, workers_total=workers), "workers") is expected


def test_insured_workers_prove_the_workers_criterion_but_never_disprove_it() -> None:
    assert met(dataclasses.replace(HOUSEHOLD, workers_total=None, workers_insured=60), "workers") is True
    assert met(dataclasses.replace(HOUSEHOLD, workers_total=None, workers_insured=10), "workers") is None


@pytest.mark.parametrize(
    ("share", "expected"), [(50.0, False), (50.1, True), (100.0, True), (0.0, False), (None, None)]
)
def test_local_material_share_must_exceed_fifty_percent(share: float | None, expected: bool | None) -> None:
    assert met(dataclasses.replace(HOUSEHOLD, local_material_share_pct=share), "local_raw_material") is expected


def test_local_material_reason_shows_the_share_in_each_language() -> None:
    e = dataclasses.replace(HOUSEHOLD, local_material_share_pct=50.0)
    result = next(r for r in priority_criteria(e, CHAU_DUC, RULES, AFTER) if r.code == "local_raw_material")
    assert "50% giá trị nguyên liệu, chưa đạt mức trên 50%" in result.reason.text("vi")
    e = dataclasses.replace(HOUSEHOLD, local_material_share_pct=50.1)
    result = next(r for r in priority_criteria(e, CHAU_DUC, RULES, AFTER) if r.code == "local_raw_material")
    assert "50,1%" in result.reason.text("vi") and "50.1%" in result.reason.text("en")


def test_female_owner_counts_only_from_15_october_2025() -> None:
    owner = dataclasses.replace(HOUSEHOLD, owner_female=True, owner_ethnic_minority=True)
    before = {r.code: r for r in priority_criteria(owner, CHAU_DUC, RULES, BEFORE)}
    after = {r.code: r for r in priority_criteria(owner, CHAU_DUC, RULES, AFTER)}
    for code in ("owner_female", "owner_ethnic_minority"):
        assert before[code].met is False
        assert before[code].reason.code == "priority.not_yet_in_force"
        assert "15/10/2025" in before[code].reason.text()
        assert after[code].met is True
    assert met(HOUSEHOLD, "owner_female") is False


@pytest.mark.parametrize(
    ("place", "expected"),
    [
        (None, None),
        (CHAU_DUC, None),  # place known but the commune's status is not
        (dataclasses.replace(CHAU_DUC, difficult=True), True),
        (dataclasses.replace(CHAU_DUC, difficult=False), False),
    ],
)
def test_difficult_commune_comes_from_the_place(place: PlaceFacts | None, expected: bool | None) -> None:
    assert met(HOUSEHOLD, "difficult_commune", place) is expected


def test_ethnic_minority_area_comes_from_the_place() -> None:
    assert met(HOUSEHOLD, "ethnic_minority_area", dataclasses.replace(CON_DAO, ethnic_minority_area=True)) is True
    assert met(HOUSEHOLD, "ethnic_minority_area", None) is None


@pytest.mark.parametrize("level", list(TypicalProductLevel))
def test_typical_product_of_any_level(level: TypicalProductLevel) -> None:
    e = dataclasses.replace(HOUSEHOLD, typical_product_level=level)
    assert met(e, "typical_product") is (level is not TypicalProductLevel.NONE)


def test_flag_criteria() -> None:
    e = dataclasses.replace(HOUSEHOLD, has_export_contract=True, supporting_industry_product=True)
    assert met(e, "export_contract") is True and met(e, "supporting_industry") is True
    assert met(HOUSEHOLD, "export_contract") is False and met(HOUSEHOLD, "supporting_industry") is False


def test_missing_data_gives_none_with_a_reason() -> None:
    results = priority_criteria(HOUSEHOLD, None, RULES, AFTER)
    unknown = {r.code: r.reason.code for r in results if r.met is None}
    assert unknown == {
        "difficult_commune": "priority.difficult_commune.unknown",
        "ethnic_minority_area": "priority.ethnic_minority_area.unknown",
        "local_raw_material": "priority.local_raw_material.unknown",
        "workers": "priority.workers.unknown",
    }


def test_results_follow_the_order_of_the_rules_once_per_code() -> None:
    results = priority_criteria(HOUSEHOLD, CHAU_DUC, RULES, AFTER)
    assert [r.code for r in results] == [c["code"] for c in RAW["priority_criteria"]]


def test_unknown_and_expired_criteria_from_the_centre() -> None:
    raw = copy.deepcopy(RAW)
    raw["priority_criteria"].append(
        {
            "code": "green_product",
            "name_vi": "Sản phẩm xanh",
            "legal_basis": "Quyết định X",
            "effective_from": "2025-01-01",
            "effective_to": None,
            "mark": "U",
        }
    )
    raw["priority_criteria"][2]["effective_to"] = "2024-12-31"  # export contract no longer a priority
    raw["priority_criteria"][4].update(threshold=None, comparison=None)  # workers without a threshold
    rules = EligibilityRules.from_dict(raw)
    e = dataclasses.replace(HOUSEHOLD, has_export_contract=True, workers_total=80)
    results = {r.code: r for r in priority_criteria(e, CHAU_DUC, rules, AFTER)}
    assert (results["green_product"].met, results["green_product"].reason.code) == (None, "priority.unsupported")
    assert "Sản phẩm xanh" in results["green_product"].reason.text()
    assert (results["export_contract"].met, results["export_contract"].reason.code) == (
        False,
        "priority.no_longer_in_force",
    )
    assert "31/12/2024" in results["export_contract"].reason.text()
    assert (results["workers"].met, results["workers"].reason.code) == (None, "priority.no_threshold")


# --- every reason has words in both languages --------------------------------------------------------------


def _all_reasons() -> list[Reason]:
    establishments = [
        HOUSEHOLD,
        SME,
        LARGE,
        dataclasses.replace(LARGE, applies_cleaner_production=True),
        dataclasses.replace(SME, workers_insured=None),
        dataclasses.replace(SME, workers_insured=8, total_capital_vnd=None, revenue_prev_year_vnd=5 * BN),
        dataclasses.replace(HOUSEHOLD, craft_village_recognised=True, craft_village_name="Làng nghề B"),
        dataclasses.replace(HOUSEHOLD, craft_village_recognised=True),
        Establishment(
            kind=EstablishmentKind.COOPERATIVE,
            workers_total=60,
            local_material_share_pct=70.0,
            has_export_contract=True,
            supporting_industry_product=True,
            typical_product_level=TypicalProductLevel.NATIONAL,
            owner_female=True,
            owner_ethnic_minority=True,
        ),
        Establishment(kind=EstablishmentKind.COOPERATIVE_GROUP, workers_total=5, local_material_share_pct=10.0),
        Establishment(kind=EstablishmentKind.COOPERATIVE_GROUP, workers_insured=55),
    ]
    places: list[PlaceFacts | None] = [
        None,
        VUNG_TAU,
        CHAU_DUC,
        dataclasses.replace(CON_DAO, difficult=True, ethnic_minority_area=True),
        dataclasses.replace(PROVINCE_WARD, difficult=False, ethnic_minority_area=False),
    ]
    reasons: list[Reason] = []
    for e in establishments:
        for place in places:
            for on in (date(2010, 1, 1), BEFORE, AFTER):
                reasons.extend(cnnt_eligibility(e, place, RULES, on).reasons)
                reasons.extend(r.reason for r in priority_criteria(e, place, RULES, on))
    sizes = [(None, 1, 1), (50, None, None), (201, None, None), (300, 1, 1), (150, 250 * BN, None)]
    sizes += [(150, None, 250 * BN), (150, 250 * BN, 250 * BN), (5, 1, None), (5, None, 1), (8, 5 * BN, None)]
    sizes += [(8, None, 5 * BN)]
    for workers, revenue, capital in sizes:
        reasons.extend(size_class(workers, revenue, capital, RULES).reasons)
    return reasons


def test_every_emitted_reason_has_vietnamese_and_english_text() -> None:
    reasons = _all_reasons()
    seen = {r.code for r in reasons}
    assert len(seen) > 40
    known = catalogue()
    for reason in reasons:
        for code in (reason.code, *reason.term_codes()):
            assert code in known, code
            vi, en = known[code]
            assert vi and en and vi != en, code
        for lang in ("vi", "en"):
            rendered = reason.text(lang)
            assert "{" not in rendered and "}" not in rendered, (reason.code, lang, rendered)
            assert rendered != reason.code


def test_catalogue_covers_every_outcome_of_every_supported_criterion() -> None:
    known = catalogue()
    for code in supported_criteria():
        assert f"priority.{code}.met" in known and f"priority.{code}.not_met" in known
        assert f"priority.term.{code}" in known
    prefixes = ("elig.", "size.", "priority.")
    from kcfield.domain.messages import eligibility as messages

    assert all(code.startswith(prefixes) for code in messages.CATALOGUE)


def test_explain_capitalises_and_joins() -> None:
    reasons = (Reason("elig.kind.THT"), Reason("elig.undecided"))
    assert explain(reasons, "vi") == (
        "Tổ hợp tác là đối tượng CNNT; chưa đủ dữ liệu để kết luận cơ sở có thuộc đối tượng CNNT hay không"
    )
    assert explain((), "en") == ""


def test_reason_params_stay_language_neutral() -> None:
    result = cnnt_eligibility(HOUSEHOLD, VUNG_TAU, RULES, AFTER)
    params: dict[str, Any] = dict(result.reasons[-1].params)
    assert params["commune_term"] == "elig.term.phuong"
    assert params["legal_basis"] == "Nghị định 235/2025/NĐ-CP"
