"""Reference rule files: the shipped JSON parses to the facts of DOMAIN.md, and a malformed file is refused."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from kcfield.domain.enums import CommuneKind, EstablishmentKind, ProvinceKind, SizeClass
from kcfield.domain.errors import DomainError
from kcfield.domain.messages import describe_error
from kcfield.domain.rules import Comparison, EligibilityRules, Mark, SupportItem, SupportRules

DATA = Path(__file__).parents[2] / "resources" / "data"


def _load(name: str) -> dict[str, Any]:
    return json.loads((DATA / name).read_text(encoding="utf-8"))  # type: ignore[no-any-return]


ELIGIBILITY = _load("eligibility.json")
SUPPORT = _load("support_rules.json")


@pytest.fixture(scope="module")
def rules() -> EligibilityRules:
    return EligibilityRules.from_dict(ELIGIBILITY)


@pytest.fixture(scope="module")
def support() -> SupportRules:
    return SupportRules.from_dict(SUPPORT)


# --- the shipped eligibility rules -------------------------------------------------------------------------


def test_eligibility_file_has_version_and_source(rules: EligibilityRules) -> None:
    assert rules.version == "2025.1"
    assert "235/2025" in rules.source


def test_size_thresholds_are_decree_80_for_industry(rules: EligibilityRules) -> None:
    got = [(t.size, t.max_workers_insured, t.max_revenue_vnd, t.max_capital_vnd) for t in rules.size.thresholds]
    assert got == [
        (SizeClass.MICRO, 10, 3_000_000_000, 3_000_000_000),
        (SizeClass.SMALL, 100, 50_000_000_000, 20_000_000_000),
        (SizeClass.MEDIUM, 200, 200_000_000_000, 100_000_000_000),
    ]
    assert "80/2021" in rules.size.legal_basis
    assert rules.size.mark is Mark.SECONDARY


@pytest.mark.parametrize(
    ("on", "code"),
    [
        (date(2012, 7, 9), None),
        (date(2012, 7, 10), "nd45_2012_place"),
        (date(2025, 10, 14), "nd45_2012_place"),
        (date(2025, 10, 15), "nd235_2025_place"),
        (date(2040, 1, 1), "nd235_2025_place"),
    ],
)
def test_place_rule_in_force_switches_on_15_october_2025(rules: EligibilityRules, on: date, code: str | None) -> None:
    rule = rules.place_rule_on(on)
    assert (rule.code if rule else None) == code


def test_place_rules_follow_domain_text(rules: EligibilityRules) -> None:
    old = rules.place_rule_on(date(2025, 1, 1))
    new = rules.place_rule_on(date(2026, 1, 1))
    assert old is not None and new is not None
    assert old.mark is Mark.UNCONFIRMED and new.mark is Mark.SECONDARY
    assert "45/2012" in old.legal_basis and "235/2025" in new.legal_basis
    assert old.craft_village_anywhere and new.craft_village_anywhere
    for province_kind in ProvinceKind:
        assert old.covers(province_kind, CommuneKind.COMMUNE)
        assert old.covers(province_kind, CommuneKind.SPECIAL_ZONE)
        assert not old.covers(province_kind, CommuneKind.WARD)
    assert new.covers(ProvinceKind.PROVINCE, CommuneKind.WARD)
    assert not new.covers(ProvinceKind.CENTRAL_CITY, CommuneKind.WARD)
    assert new.covers(ProvinceKind.CENTRAL_CITY, CommuneKind.COMMUNE)
    assert new.covers(ProvinceKind.CENTRAL_CITY, CommuneKind.SPECIAL_ZONE)


def test_kinds_and_cleaner_production_exception(rules: EligibilityRules) -> None:
    assert {k.kind for k in rules.kinds} == set(EstablishmentKind)
    assert [k.kind for k in rules.kinds if k.requires_sme] == [EstablishmentKind.ENTERPRISE]
    assert rules.cleaner_production.mark is Mark.CONFIRMED


def test_priority_criteria_thresholds_and_dates(rules: EligibilityRules) -> None:
    by_code = {c.code: c for c in rules.priority_criteria}
    assert set(by_code) == {
        "difficult_commune",
        "ethnic_minority_area",
        "export_contract",
        "local_raw_material",
        "workers",
        "supporting_industry",
        "typical_product",
        "owner_female",
        "owner_ethnic_minority",
    }
    assert (by_code["local_raw_material"].threshold, by_code["local_raw_material"].comparison) == (
        50,
        Comparison.GREATER,
    )
    assert (by_code["workers"].threshold, by_code["workers"].comparison) == (50, Comparison.GREATER_OR_EQUAL)
    for code in ("owner_female", "owner_ethnic_minority"):
        assert by_code[code].period.effective_from == date(2025, 10, 15)
        assert by_code[code].mark is Mark.SECONDARY


# --- the shipped support rules -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("item", "on", "code", "cap"),
    [
        (SupportItem.MACHINERY, date(2014, 3, 31), None, None),
        (SupportItem.MACHINERY, date(2014, 4, 1), "jc26_2014_machinery", 200_000_000),
        (SupportItem.MACHINERY, date(2018, 5, 11), "jc26_2014_machinery", 200_000_000),
        (SupportItem.MACHINERY, date(2018, 5, 12), "tt28_2018_machinery", 300_000_000),
        (SupportItem.DEMONSTRATION_MODEL, date(2025, 1, 1), "tt28_2018_demonstration_model", 1_000_000_000),
        (SupportItem.ENTERPRISE_SETUP, date(2025, 1, 1), "tt28_2018_enterprise_setup", 10_000_000),
        (SupportItem.CP_CONSULTING, date(2013, 2, 4), None, None),
        (SupportItem.CP_CONSULTING, date(2013, 2, 5), "jc221_2012_cp_consulting", 50_000_000),
        (SupportItem.CP_CONSULTING, date(2018, 5, 11), "jc221_2012_cp_consulting", 50_000_000),
        (SupportItem.CP_CONSULTING, date(2018, 5, 12), None, None),
    ],
)
def test_support_rule_in_force(
    support: SupportRules, item: SupportItem, on: date, code: str | None, cap: int | None
) -> None:
    rule = support.in_force(item, on)
    assert (rule.code if rule else None, rule.cap_vnd if rule else None) == (code, cap)


def test_support_rule_details(support: SupportRules) -> None:
    old = support.in_force(SupportItem.MACHINERY, date(2015, 1, 1))
    new = support.in_force(SupportItem.MACHINERY, date(2025, 1, 1))
    assert old is not None and new is not None
    assert (old.support_pct, old.line_multiplier, old.priority_multiplier, old.mark) == (50, None, 1.5, Mark.CONFIRMED)
    assert (new.support_pct, new.line_multiplier, new.priority_multiplier, new.mark) == (50, 1.5, None, Mark.SECONDARY)
    assert old.effective_to == date(2018, 5, 11) and new.effective_from == date(2018, 5, 12)
    assert new.requires_new and new.no_double_funding
    brick = next(x for x in new.exclusions if x.code == "fired_clay_brick_manual_ring_kiln")
    assert brick.name_vi == "Sản xuất gạch, ngói đất sét nung bằng lò thủ công cải tiến, lò vòng"
    assert "46/2012" in brick.legal_basis
    setup = support.in_force(SupportItem.ENTERPRISE_SETUP, date(2025, 1, 1))
    assert setup is not None and setup.support_pct is None
    assert all(isinstance(s.cap_vnd, int) for s in support.rule_sets)
    assert all(s.no_double_funding for s in support.rule_sets)


# --- malformed files ---------------------------------------------------------------------------------------

Mutation = Callable[[dict[str, Any]], None]


def _set(path: str, value: Any) -> Mutation:
    def mutate(d: dict[str, Any]) -> None:
        *parents, last = path.split("/")
        node: Any = d
        for key in parents:
            node = node[int(key)] if key.isdigit() else node[key]
        node[int(last) if last.isdigit() else last] = value

    return mutate


def _delete(path: str) -> Mutation:
    def mutate(d: dict[str, Any]) -> None:
        *parents, last = path.split("/")
        node: Any = d
        for key in parents:
            node = node[int(key)] if key.isdigit() else node[key]
        del node[last]

    return mutate


def _append_copy(list_path: str, index: int, **changes: Any) -> Mutation:
    def mutate(d: dict[str, Any]) -> None:
        items = d[list_path]
        items.append({**copy.deepcopy(items[index]), **changes})

    return mutate


ELIGIBILITY_BREAKAGES: dict[str, tuple[Mutation, str]] = {
    "no version": (_delete("version"), "version: missing"),
    "empty source": (_set("source", " "), "source"),
    "money as float": (_set("size_classes/classes/0/max_revenue_vnd", 3e9), "classes[0].max_revenue_vnd"),
    "money as text": (_set("size_classes/classes/1/max_capital_vnd", "20 tỷ"), "classes[1].max_capital_vnd"),
    "workers as bool": (_set("size_classes/classes/0/max_workers_insured", True), "max_workers_insured"),
    "negative workers": (_set("size_classes/classes/0/max_workers_insured", -1), "max_workers_insured"),
    "classes out of order": (
        lambda d: d["size_classes"]["classes"].reverse(),
        "micro, small, medium",
    ),
    "small below micro": (_set("size_classes/classes/1/max_workers_insured", 5), "below those of micro"),
    "unknown size": (_set("size_classes/classes/2/size", "mega"), "size_classes.classes[2].size"),
    "unknown mark": (_set("place_rules/0/mark", "X"), "place_rules[0].mark"),
    "bad date": (_set("place_rules/1/effective_from", "15/10/2025"), "place_rules[1].effective_from"),
    "ends before it starts": (_set("place_rules/0/effective_to", "2000-01-01"), "ends before it starts"),
    "missing effective_to": (_delete("place_rules/1/effective_to"), "place_rules[1].effective_to: missing"),
    "overlapping place rules": (_set("place_rules/0/effective_to", "2025-10-15"), "both in force"),
    "open-ended overlap": (_set("place_rules/0/effective_to", None), "both in force"),
    "unknown commune kind": (_set("place_rules/1/eligible_communes/tinh", ["xa", "huyen"]), "huyen"),
    "unknown province kind": (_set("place_rules/1/eligible_communes/quan", []), "quan"),
    "province kind missing": (_delete("place_rules/1/eligible_communes/thanh_pho_tw"), "missing thanh_pho_tw"),
    "communes not a list": (_set("place_rules/1/eligible_communes/tinh", "xa"), "expected a list"),
    "craft village flag as text": (_set("place_rules/0/craft_village_anywhere", "yes"), "craft_village_anywhere"),
    "place rules not a list": (_set("place_rules", {}), "place_rules: expected a list"),
    "place rule not an object": (_set("place_rules/0", "nd45"), "place_rules[0]: expected an object"),
    "unknown kind": (_set("eligible_kinds/kinds/0/kind", "CTY"), "eligible_kinds.kinds[0].kind"),
    "kind twice": (_set("eligible_kinds/kinds/1/kind", "DN"), "listed twice"),
    "no cleaner-production exception": (_delete("cleaner_production_exception"), "cleaner_production_exception"),
    "threshold without comparison": (_delete("priority_criteria/3/comparison"), "go together"),
    "unknown comparison": (_set("priority_criteria/4/comparison", "lt"), "priority_criteria[4].comparison"),
    "threshold as text": (_set("priority_criteria/4/threshold", "50"), "priority_criteria[4].threshold"),
    "criterion periods overlap": (
        _append_copy("priority_criteria", 0, effective_from="2020-01-01"),
        "both in force",
    ),
}


@pytest.mark.parametrize("case", list(ELIGIBILITY_BREAKAGES), ids=list(ELIGIBILITY_BREAKAGES))
def test_malformed_eligibility_rules_are_refused(case: str) -> None:
    mutate, where = ELIGIBILITY_BREAKAGES[case]
    broken = copy.deepcopy(ELIGIBILITY)
    mutate(broken)
    with pytest.raises(DomainError) as caught:
        EligibilityRules.from_dict(broken)
    assert caught.value.code == "reference.invalid"
    assert caught.value.params["name"] == "eligibility.json"
    assert where in caught.value.params["reason"]


SUPPORT_BREAKAGES: dict[str, tuple[Mutation, str]] = {
    "cap as float": (_set("rule_sets/0/cap_vnd", 200_000_000.0), "rule_sets[0].cap_vnd"),
    "percent over 100": (_set("rule_sets/0/support_pct", 150), "more than 100"),
    "percent as text": (_set("rule_sets/0/support_pct", "50%"), "support_pct"),
    "missing line multiplier": (_delete("rule_sets/1/line_multiplier"), "rule_sets[1].line_multiplier: missing"),
    "multiplier below 1": (_set("rule_sets/1/line_multiplier", 0.5), "below 1"),
    "unknown item": (_set("rule_sets/2/item", "training"), "rule_sets[2].item"),
    "two machinery rules at once": (_set("rule_sets/0/effective_to", None), "both in force"),
    "duplicate code": (_set("rule_sets/2/code", "tt28_2018_machinery"), "used twice"),
    "exclusions not a list": (_set("rule_sets/0/exclusions", "gạch"), "exclusions: expected a list"),
    "exclusion without English": (_delete("rule_sets/1/exclusions/0/name_en"), "exclusions[0].name_en"),
    "requires_new as number": (_set("rule_sets/0/requires_new", 1), "requires_new"),
}


@pytest.mark.parametrize("case", list(SUPPORT_BREAKAGES), ids=list(SUPPORT_BREAKAGES))
def test_malformed_support_rules_are_refused(case: str) -> None:
    mutate, where = SUPPORT_BREAKAGES[case]
    broken = copy.deepcopy(SUPPORT)
    mutate(broken)
    with pytest.raises(DomainError) as caught:
        SupportRules.from_dict(broken)
    assert caught.value.code == "reference.invalid"
    assert caught.value.params["name"] == "support_rules.json"
    assert where in caught.value.params["reason"]


@pytest.mark.parametrize("top", [[SUPPORT], "rules", None])
def test_a_file_that_is_not_an_object_is_refused(top: Any) -> None:
    with pytest.raises(DomainError) as caught:
        SupportRules.from_dict(top)
    assert caught.value.code == "reference.invalid"
    assert "(top)" in caught.value.params["reason"]


def test_refusal_reads_as_a_sentence_naming_the_file() -> None:
    broken = copy.deepcopy(SUPPORT)
    broken["rule_sets"][0]["cap_vnd"] = "hai trăm triệu"
    with pytest.raises(DomainError) as caught:
        SupportRules.from_dict(broken, name="ba-ria.json")
    sentence = describe_error(caught.value, "vi")
    assert sentence.startswith("Dữ liệu tham chiếu ba-ria.json không hợp lệ: rule_sets[0].cap_vnd")


def test_parsing_does_not_change_the_input() -> None:
    before = copy.deepcopy(ELIGIBILITY)
    EligibilityRules.from_dict(ELIGIBILITY)
    assert before == ELIGIBILITY


def test_parsed_rules_are_immutable(rules: EligibilityRules) -> None:
    rule = rules.place_rule_on(date(2026, 1, 1))
    assert rule is not None
    with pytest.raises(TypeError):
        rule.eligible_communes[ProvinceKind.CENTRAL_CITY] = frozenset(CommuneKind)  # type: ignore[index]
