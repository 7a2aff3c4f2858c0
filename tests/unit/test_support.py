"""Support an equipment need may get: hand-checked amounts under the shipped rules, and the words for them."""

from __future__ import annotations

import copy
import dataclasses
import json
import string
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from kcfield.domain.eligibility import Reason
from kcfield.domain.enums import NeedStatus
from kcfield.domain.messages import catalogue
from kcfield.domain.model import EquipmentNeed
from kcfield.domain.rules import SupportRules
from kcfield.domain.support import SupportAssessment, allowed_support, support_totals

DATA = Path(__file__).parents[2] / "resources" / "data"
RAW: dict[str, Any] = json.loads((DATA / "support_rules.json").read_text(encoding="utf-8"))
RULES = SupportRules.from_dict(RAW)

M = 1_000_000  # one million đồng
NOW = date(2025, 6, 1)  # Circular 28/2018: 50 %, cap 300 million, line × 1.5, no priority multiplier
OLD = date(2016, 1, 1)  # Joint Circular 26/2014: 50 %, cap 200 million, priority × 1.5, no line multiplier
BRICK_KILN = "fired_clay_brick_manual_ring_kiln"


def machine(price: int, **changes: Any) -> EquipmentNeed:
    return dataclasses.replace(EquipmentNeed(equipment_name="Máy ép", unit_price_vnd=price), **changes)


def codes(a: SupportAssessment) -> list[str]:
    return [r.code for r in a.reasons]


def rules_with(code: str, **changes: Any) -> SupportRules:
    raw = copy.deepcopy(RAW)
    rule = next(r for r in raw["rule_sets"] if r["code"] == code)
    rule.update(changes)
    return SupportRules.from_dict(raw)


# --- the examples under Circular 28/2018 ----------------------------------------------------------


def test_technology_line_of_1200_million_is_capped_at_450_million() -> None:
    a = allowed_support(machine(1200 * M, is_technology_line=True), RULES, NOW, priority=False)
    assert a.cost_vnd == 1200 * M
    assert a.percent_amount_vnd == 600 * M  # 50 % of 1,200 million
    assert a.cap_vnd == 450 * M  # 1.5 × 300 million
    assert a.multiplier == 1.5
    assert a.allowed_vnd == 450 * M
    assert a.capped and not a.refused and not a.limited_by_request
    assert a.rule_code == "tt28_2018_machinery"
    assert "28/2018" in a.legal_basis
    assert codes(a) == ["support.share", "support.cap_line", "support.capped"]


def test_the_example_reads_as_the_arithmetic_in_vietnamese_and_english() -> None:
    a = allowed_support(machine(1200 * M, is_technology_line=True), RULES, NOW, priority=False)
    assert a.explain("vi") == (
        "50% của 1.200.000.000 ₫ là 600.000.000 ₫; mức trần cho dây chuyền công nghệ là 1,5 × 300.000.000 ₫ ="
        " 450.000.000 ₫ (Thông tư 28/2018/TT-BTC (sửa đổi bởi Thông tư 64/2024/TT-BTC)); vượt mức trần nên hỗ"
        " trợ tối đa 450.000.000 ₫"
    )
    en = a.explain("en")
    assert "1.5 × 300,000,000 VND = 450,000,000 VND" in en
    assert en.endswith("the support is at most 450,000,000 VND")


def test_machine_of_400_million_gets_half() -> None:
    a = allowed_support(machine(400 * M), RULES, NOW, priority=False)
    assert (a.percent_amount_vnd, a.cap_vnd, a.allowed_vnd, a.capped) == (200 * M, 300 * M, 200 * M, False)
    assert codes(a) == ["support.share", "support.cap", "support.within_cap"]
    assert "200.000.000" in a.explain("vi")


def test_machine_of_700_million_is_capped_at_300_million() -> None:
    a = allowed_support(machine(700 * M), RULES, NOW, priority=False)
    assert (a.percent_amount_vnd, a.cap_vnd, a.allowed_vnd, a.capped) == (350 * M, 300 * M, 300 * M, True)


def test_cost_is_quantity_times_unit_price() -> None:
    a = allowed_support(machine(150 * M, quantity=3), RULES, NOW, priority=False)
    assert (a.cost_vnd, a.percent_amount_vnd, a.allowed_vnd) == (450 * M, 225 * M, 225 * M)


def test_odd_cost_is_rounded_down_to_the_dong() -> None:
    a = allowed_support(machine(1_000_001), RULES, NOW, priority=False)
    assert a.allowed_vnd == 500_000  # half of 1,000,001 is 500,000.5


# --- multipliers -------------------------------------------------------------------------------------------


def test_priority_raises_the_cap_under_joint_circular_26() -> None:
    without = allowed_support(machine(700 * M), RULES, OLD, priority=False)
    assert (without.cap_vnd, without.allowed_vnd, without.capped) == (200 * M, 200 * M, True)
    with_priority = allowed_support(machine(700 * M), RULES, OLD, priority=True)
    assert with_priority.cap_vnd == 300 * M  # 1.5 × 200 million
    assert (with_priority.allowed_vnd, with_priority.capped) == (300 * M, True)  # share 350 million
    assert "support.cap_priority" in codes(with_priority)
    assert "1,5 × 200.000.000 ₫ = 300.000.000 ₫" in with_priority.explain("vi")


def test_priority_changes_nothing_when_the_rule_has_no_priority_multiplier() -> None:
    a = allowed_support(machine(700 * M), RULES, NOW, priority=True)
    assert (a.cap_vnd, a.allowed_vnd, a.multiplier) == (300 * M, 300 * M, 1.0)
    assert codes(a) == ["support.share", "support.no_priority_multiplier", "support.cap", "support.capped"]


def test_a_line_under_joint_circular_26_has_the_plain_cap_and_says_why() -> None:
    a = allowed_support(machine(1200 * M, is_technology_line=True), RULES, OLD, priority=False)
    assert (a.percent_amount_vnd, a.cap_vnd, a.allowed_vnd) == (600 * M, 200 * M, 200 * M)
    assert "support.no_line_multiplier" in codes(a)
    assert "26/2014" in a.legal_basis


def test_line_and_priority_multipliers_do_not_multiply_the_larger_applies() -> None:
    rules = rules_with("tt28_2018_machinery", priority_multiplier=1.2)
    line = machine(2000 * M, is_technology_line=True)  # share 1,000 million, above any cap here
    a = allowed_support(line, rules, NOW, priority=True)
    assert (a.cap_vnd, a.allowed_vnd, a.multiplier) == (450 * M, 450 * M, 1.5)  # not 1.5 × 1.2 × 300 = 540
    assert "support.cap_line_and_priority" in codes(a)
    assert "áp dụng hệ số lớn hơn" in a.explain("vi")

    rules = rules_with("tt28_2018_machinery", priority_multiplier=2)
    a = allowed_support(line, rules, NOW, priority=True)
    assert (a.cap_vnd, a.allowed_vnd, a.multiplier) == (600 * M, 600 * M, 2.0)


# --- the request -------------------------------------------------------------------------------------------


def test_never_more_than_requested() -> None:
    a = allowed_support(machine(400 * M, requested_support_vnd=150 * M), RULES, NOW, priority=False)
    assert (a.allowed_vnd, a.limited_by_request, a.capped) == (150 * M, True, False)
    assert codes(a)[-1] == "support.limited_by_request"
    assert "150.000.000" in a.explain("vi")


def test_a_request_below_the_cap_decides_and_the_item_is_not_reported_capped() -> None:
    line = machine(1200 * M, is_technology_line=True, requested_support_vnd=400 * M)
    a = allowed_support(line, RULES, NOW, priority=False)
    assert (a.allowed_vnd, a.cap_vnd, a.capped, a.limited_by_request) == (400 * M, 450 * M, False, True)


def test_a_request_above_the_allowed_amount_is_cut_and_said() -> None:
    a = allowed_support(machine(400 * M, requested_support_vnd=250 * M), RULES, NOW, priority=False)
    assert (a.allowed_vnd, a.limited_by_request) == (200 * M, False)
    assert codes(a)[-1] == "support.request_exceeds"


def test_a_request_equal_to_the_allowed_amount_changes_nothing() -> None:
    a = allowed_support(machine(400 * M, requested_support_vnd=200 * M), RULES, NOW, priority=False)
    assert a.allowed_vnd == 200 * M
    assert codes(a) == ["support.share", "support.cap", "support.within_cap"]


# --- refusals ----------------------------------------------------------------------------------------------


def test_a_used_machine_is_refused() -> None:
    a = allowed_support(machine(400 * M, is_new=False), RULES, NOW, priority=False)
    assert a.refused and a.allowed_vnd == 0 and a.cost_vnd == 400 * M
    assert codes(a) == ["support.not_new"]


def test_fired_clay_brick_kiln_is_refused_naming_the_exclusion() -> None:
    a = allowed_support(machine(400 * M, exclusion_code=BRICK_KILN), RULES, NOW, priority=False)
    assert a.refused and a.allowed_vnd == 0
    assert codes(a) == ["support.excluded"]
    assert "lò thủ công cải tiến" in a.explain("vi")
    assert "46/2012" in a.explain("vi")
    assert "ring kilns" in a.explain("en")


def test_an_item_already_state_funded_is_refused() -> None:
    a = allowed_support(machine(400 * M, previously_state_funded=True), RULES, NOW, priority=False)
    assert a.refused and a.allowed_vnd == 0
    assert codes(a) == ["support.double_funding"]


def test_every_failed_condition_is_named() -> None:
    need = machine(400 * M, is_new=False, exclusion_code=BRICK_KILN, previously_state_funded=True)
    a = allowed_support(need, RULES, NOW, priority=False)
    assert codes(a) == ["support.not_new", "support.excluded", "support.double_funding"]
    assert (a.percent_amount_vnd, a.cap_vnd, a.capped) == (0, 0, False)


def test_conditions_follow_the_rule_flags() -> None:
    rules = rules_with("tt28_2018_machinery", requires_new=False, no_double_funding=False, exclusions=[])
    need = machine(400 * M, is_new=False, exclusion_code=BRICK_KILN, previously_state_funded=True)
    a = allowed_support(need, rules, NOW, priority=False)
    assert not a.refused and a.allowed_vnd == 200 * M
    assert codes(a)[0] == "support.exclusion_not_listed"  # the code is not silently dropped


def test_a_date_before_any_machinery_rule_is_refused() -> None:
    a = allowed_support(machine(400 * M), RULES, date(2014, 3, 31), priority=False)
    assert a.refused and a.allowed_vnd == 0
    assert (a.rule_code, a.legal_basis) == (None, "")
    assert codes(a) == ["support.no_rule"]
    assert "31/03/2014" in a.explain("vi")


@pytest.mark.parametrize(
    ("on", "rule_code", "cap"),
    [
        (date(2014, 4, 1), "jc26_2014_machinery", 200 * M),
        (date(2018, 5, 11), "jc26_2014_machinery", 200 * M),
        (date(2018, 5, 12), "tt28_2018_machinery", 300 * M),
    ],
)
def test_the_rule_in_force_on_the_day_sets_the_cap(on: date, rule_code: str, cap: int) -> None:
    a = allowed_support(machine(700 * M), RULES, on, priority=False)
    assert (a.rule_code, a.cap_vnd, a.allowed_vnd) == (rule_code, cap, cap)


# --- data, not code ----------------------------------------------------------------------------------------


def test_changing_the_rule_data_changes_the_result() -> None:
    higher = rules_with("tt28_2018_machinery", cap_vnd=500 * M)
    a = allowed_support(machine(700 * M), higher, NOW, priority=False)
    assert (a.cap_vnd, a.allowed_vnd, a.capped) == (500 * M, 350 * M, False)
    line = allowed_support(machine(1200 * M, is_technology_line=True), higher, NOW, priority=False)
    assert (line.cap_vnd, line.allowed_vnd) == (750 * M, 600 * M)

    lower_share = rules_with("tt28_2018_machinery", support_pct=30)
    assert allowed_support(machine(400 * M), lower_share, NOW, priority=False).allowed_vnd == 120 * M


def test_a_decimal_percentage_is_exact() -> None:
    rules = rules_with("tt28_2018_machinery", support_pct=33.3)
    assert allowed_support(machine(300 * M), rules, NOW, priority=False).allowed_vnd == 99_900_000


def test_a_rule_without_percentage_is_a_lump_sum_up_to_the_cap() -> None:
    rules = rules_with("tt28_2018_machinery", support_pct=None)
    assert allowed_support(machine(100 * M), rules, NOW, priority=False).allowed_vnd == 100 * M
    a = allowed_support(machine(400 * M), rules, NOW, priority=False)
    assert (a.allowed_vnd, a.capped) == (300 * M, True)
    assert codes(a)[0] == "support.lump_sum"


def test_no_price_gives_nothing_and_says_so() -> None:
    a = allowed_support(machine(0), RULES, NOW, priority=False)
    assert (a.allowed_vnd, a.refused) == (0, False)
    assert codes(a) == ["support.no_cost"]


# --- totals ------------------------------------------------------------------------------------------------


def test_totals_sum_cost_request_and_allowed_overall_and_by_status() -> None:
    needs = [
        machine(1200 * M, is_technology_line=True, requested_support_vnd=500 * M, own_contribution_vnd=700 * M),
        machine(400 * M, requested_support_vnd=150 * M, status=NeedStatus.APPROVED),
        machine(700 * M, status=NeedStatus.APPROVED),
        machine(400 * M, is_new=False, requested_support_vnd=200 * M, status=NeedStatus.REJECTED),
    ]
    pairs = [(n, allowed_support(n, RULES, NOW, priority=False)) for n in needs]
    t = support_totals(pairs)
    assert t.count == 4
    assert t.cost_vnd == 2700 * M
    assert t.requested_vnd == 850 * M
    assert t.own_contribution_vnd == 700 * M
    assert t.allowed_vnd == (450 + 150 + 300 + 0) * M
    assert (t.refused_count, t.capped_count) == (1, 2)
    assert list(t.by_status) == [NeedStatus.PROPOSED, NeedStatus.APPROVED, NeedStatus.REJECTED]
    approved = t.by_status[NeedStatus.APPROVED]
    assert (approved.count, approved.cost_vnd, approved.allowed_vnd) == (2, 1100 * M, 450 * M)
    assert dict(approved.by_status) == {}
    assert t.by_status[NeedStatus.REJECTED].refused_count == 1


def test_totals_of_nothing_are_zero() -> None:
    t = support_totals([])
    assert (t.count, t.cost_vnd, t.allowed_vnd, dict(t.by_status)) == (0, 0, 0, {})


# --- words -------------------------------------------------------------------------------------------------


def _all_assessments() -> list[SupportAssessment]:
    both = rules_with("tt28_2018_machinery", priority_multiplier=1.2)
    lump = rules_with("tt28_2018_machinery", support_pct=None)
    unlisted = rules_with("tt28_2018_machinery", exclusions=[])
    line = machine(1200 * M, is_technology_line=True)
    refused = machine(400 * M, is_new=False, exclusion_code=BRICK_KILN, previously_state_funded=True)
    return [
        allowed_support(line, RULES, NOW, priority=True),
        allowed_support(line, RULES, OLD, priority=True),
        allowed_support(line, both, NOW, priority=True),
        allowed_support(machine(400 * M), lump, NOW, priority=False),
        allowed_support(machine(400 * M), RULES, NOW, priority=False),
        allowed_support(machine(400 * M, requested_support_vnd=1 * M), RULES, NOW, priority=False),
        allowed_support(machine(400 * M, requested_support_vnd=900 * M), RULES, NOW, priority=False),
        allowed_support(machine(0, exclusion_code=BRICK_KILN), unlisted, NOW, priority=False),
        allowed_support(refused, RULES, NOW, priority=False),
        allowed_support(machine(400 * M), RULES, date(2000, 1, 1), priority=False),
    ]


def test_every_support_code_is_emitted_and_has_vietnamese_and_english_text() -> None:
    from kcfield.domain.messages import support as messages

    reasons: list[Reason] = [r for a in _all_assessments() for r in a.reasons]
    assert {r.code for r in reasons} == set(messages.CATALOGUE)
    known = catalogue()
    for reason in reasons:
        vi, en = known[reason.code]
        assert vi.strip() and en.strip() and vi != en, reason.code
        for lang in ("vi", "en"):
            rendered = reason.text(lang)
            assert "{" not in rendered and "}" not in rendered, (reason.code, lang, rendered)
            assert "None" not in rendered, (reason.code, lang, rendered)


def test_vietnamese_and_english_texts_cite_the_same_values() -> None:
    from kcfield.domain.messages import support as messages

    for code, (vi, en) in messages.CATALOGUE.items():
        assert code.startswith("support.")
        vi_fields = {f for _, f, _, _ in string.Formatter().parse(vi) if f}
        en_fields = {f for _, f, _, _ in string.Formatter().parse(en) if f}
        if code == "support.excluded":  # the exclusion's own name in each language
            vi_fields.discard("exclusion_vi")
            en_fields.discard("exclusion_en")
        assert vi_fields == en_fields, code
