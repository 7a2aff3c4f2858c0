"""How much state support an equipment need may get, with the arithmetic explained in words.

The numbers (share of the cost, cap, multipliers, exclusions, dates) come from the machinery rule set in force
on the day asked (:mod:`kcfield.domain.rules`, ``resources/data/support_rules.json``); this module only knows
how to apply them:

1. No machinery rule in force that day → refused.
2. Conditions (Circular 46/2012 Art. 4–5, as flags of the rule set): the machine must be new when the rule
   says ``requires_new``; an ``exclusion_code`` listed among the rule's exclusions (fired-clay bricks in
   improved manual or ring kilns) is refused, naming the exclusion; an item already state-funded is refused
   when the rule says ``no_double_funding``. Every failed condition is reported, not only the first.
3. Share: ``floor(cost × support_pct / 100)`` in whole đồng (a rule without a percentage is a lump sum, so
   the share is the whole cost).
4. Cap: ``cap_vnd × m`` rounded down, where ``m`` is the **larger** of the multipliers that apply — the
   rule's ``line_multiplier`` for a full technology line, its ``priority_multiplier`` for a priority area or
   sector — or 1 when none applies. They do **not** multiply together: DOMAIN.md gives both as "up to 1.5 ×"
   of the same level, nothing in the texts we have says they stack, and the rule data has no field to say
   so; choosing the larger never overpays. The multipliers raise the cap only, never the share
   (interpretation, DOMAIN.md marks the texts S/C; the reason text says which multiplier was used).
5. Allowed = min(share, cap), and never more than what the establishment asked for when it asked for a
   positive amount.

All money is ``int`` VND. The caller decides ``priority`` (usually from :func:`eligibility.priority_criteria`).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction
from types import MappingProxyType

from kcfield.domain import messages
from kcfield.domain.eligibility import Reason, explain
from kcfield.domain.enums import NeedStatus
from kcfield.domain.model import EquipmentNeed
from kcfield.domain.rules import SupportItem, SupportRules, SupportRuleSet

__all__ = ["SupportAssessment", "SupportTotals", "allowed_support", "support_totals"]


@dataclass(frozen=True, slots=True)
class SupportAssessment:
    """The support one equipment need may get under one rule set.

    ``percent_amount_vnd`` is the share of the cost, ``cap_vnd`` the cap after the multiplier (``multiplier``,
    1.0 when none applied). When ``refused`` both are 0 and so is ``allowed_vnd``. ``capped`` means the cap
    (not the share nor the request) set the amount; ``limited_by_request`` that the request did.
    """

    allowed_vnd: int
    cost_vnd: int
    rule_code: str | None
    legal_basis: str
    percent_amount_vnd: int
    cap_vnd: int
    capped: bool
    refused: bool
    reasons: tuple[Reason, ...]
    multiplier: float = 1.0
    limited_by_request: bool = False

    def explain(self, lang: str = messages.DEFAULT_LANGUAGE) -> str:
        return explain(self.reasons, lang)


def allowed_support(need: EquipmentNeed, rules: SupportRules, on: date, *, priority: bool) -> SupportAssessment:
    """The machinery support ``need`` may get on ``on`` (see the module text for the rule order)."""
    cost = max(need.cost_vnd, 0)
    rule = rules.in_force(SupportItem.MACHINERY, on)
    if rule is None:
        reason = Reason("support.no_rule", {"on": on})
        return _refused(cost, None, "", (reason,))

    basis = rule.legal_basis
    refusals = _refusals(need, rule)
    if refusals:
        return _refused(cost, rule.code, basis, tuple(refusals))

    reasons: list[Reason] = []
    if need.exclusion_code and not any(x.code == need.exclusion_code for x in rule.exclusions):
        reasons.append(Reason("support.exclusion_not_listed", {"exclusion": need.exclusion_code, "legal_basis": basis}))
    if cost == 0:
        reasons.append(Reason("support.no_cost"))
        return SupportAssessment(0, 0, rule.code, basis, 0, 0, capped=False, refused=False, reasons=tuple(reasons))

    # Share of the cost. str() gives the shortest decimal of the float, so 33.3 % is 333/10, not 33.29999….
    if rule.support_pct is None:
        amount = cost
        reasons.append(Reason("support.lump_sum", {"cost": cost, "legal_basis": basis}))
    else:
        amount = math.floor(cost * Fraction(str(rule.support_pct)) / 100)
        reasons.append(Reason("support.share", {"pct": rule.support_pct, "cost": cost, "amount": amount}))

    cap, multiplier, cap_reasons = _cap(need, rule, priority=priority)
    reasons.extend(cap_reasons)

    limit = min(amount, cap)
    capped = amount > cap
    reasons.append(Reason("support.capped" if capped else "support.within_cap", {"allowed": limit}))

    allowed = limit
    requested = need.requested_support_vnd
    limited_by_request = 0 < requested < limit
    if limited_by_request:
        allowed = requested
        capped = False
        reasons.append(Reason("support.limited_by_request", {"requested": requested, "limit": limit}))
    elif requested > limit:
        reasons.append(Reason("support.request_exceeds", {"requested": requested, "limit": limit}))

    return SupportAssessment(
        allowed_vnd=allowed,
        cost_vnd=cost,
        rule_code=rule.code,
        legal_basis=basis,
        percent_amount_vnd=amount,
        cap_vnd=cap,
        capped=capped,
        refused=False,
        reasons=tuple(reasons),
        multiplier=multiplier,
        limited_by_request=limited_by_request,
    )


def _refused(cost: int, rule_code: str | None, basis: str, reasons: tuple[Reason, ...]) -> SupportAssessment:
    return SupportAssessment(0, cost, rule_code, basis, 0, 0, capped=False, refused=True, reasons=reasons)


def _refusals(need: EquipmentNeed, rule: SupportRuleSet) -> list[Reason]:
    basis = {"legal_basis": rule.legal_basis}
    found: list[Reason] = []
    if rule.requires_new and not need.is_new:
        found.append(Reason("support.not_new", basis))
    exclusion = next((x for x in rule.exclusions if need.exclusion_code and x.code == need.exclusion_code), None)
    if exclusion is not None:
        params = {
            "exclusion_vi": exclusion.name_vi,
            "exclusion_en": exclusion.name_en,
            "legal_basis": exclusion.legal_basis,
        }
        found.append(Reason("support.excluded", params))
    if rule.no_double_funding and need.previously_state_funded:
        found.append(Reason("support.double_funding", basis))
    return found


def _cap(need: EquipmentNeed, rule: SupportRuleSet, *, priority: bool) -> tuple[int, float, list[Reason]]:
    """The cap after the larger applicable multiplier, and the reasons saying which one and why."""
    basis = rule.legal_basis
    base = rule.cap_vnd
    notes: list[Reason] = []
    line = rule.line_multiplier if need.is_technology_line else None
    if need.is_technology_line and line is None:
        notes.append(Reason("support.no_line_multiplier", {"legal_basis": basis}))
    prio = rule.priority_multiplier if priority else None
    if priority and prio is None:
        notes.append(Reason("support.no_priority_multiplier", {"legal_basis": basis}))

    if line is None and prio is None:
        return base, 1.0, [*notes, Reason("support.cap", {"cap": base, "legal_basis": basis})]
    multiplier = max(m for m in (line, prio) if m is not None)
    cap = math.floor(base * Fraction(str(multiplier)))
    params = {"multiplier": multiplier, "base_cap": base, "cap": cap, "legal_basis": basis}
    if line is not None and prio is not None:
        both = {**params, "line_multiplier": line, "priority_multiplier": prio}
        return cap, multiplier, [*notes, Reason("support.cap_line_and_priority", both)]
    code = "support.cap_line" if line is not None else "support.cap_priority"
    return cap, multiplier, [*notes, Reason(code, params)]


# ---------------------------------------------------------------------------------------------------------
# Totals


@dataclass(frozen=True, slots=True)
class SupportTotals:
    """Sums over needs (one establishment, one commune, …); ``by_status`` holds the same sums per status,
    each without a further breakdown. Refused needs count in ``count`` and ``cost_vnd`` with 0 allowed."""

    count: int = 0
    cost_vnd: int = 0
    requested_vnd: int = 0
    own_contribution_vnd: int = 0
    allowed_vnd: int = 0
    refused_count: int = 0
    capped_count: int = 0
    by_status: Mapping[NeedStatus, SupportTotals] = field(default_factory=lambda: MappingProxyType({}))


def support_totals(needs_with_assessments: Iterable[tuple[EquipmentNeed, SupportAssessment]]) -> SupportTotals:
    overall = _Sums()
    per_status: dict[NeedStatus, _Sums] = {}
    for need, assessment in needs_with_assessments:
        overall.add(need, assessment)
        per_status.setdefault(need.status, _Sums()).add(need, assessment)
    by_status = {status: per_status[status].freeze() for status in NeedStatus if status in per_status}
    return overall.freeze(MappingProxyType(by_status))


class _Sums:
    __slots__ = ("allowed", "capped", "cost", "count", "own", "refused", "requested")

    def __init__(self) -> None:
        self.count = self.cost = self.requested = self.own = self.allowed = self.refused = self.capped = 0

    def add(self, need: EquipmentNeed, assessment: SupportAssessment) -> None:
        self.count += 1
        self.cost += assessment.cost_vnd
        self.requested += need.requested_support_vnd
        self.own += need.own_contribution_vnd
        self.allowed += assessment.allowed_vnd
        self.refused += assessment.refused
        self.capped += assessment.capped

    def freeze(self, by_status: Mapping[NeedStatus, SupportTotals] | None = None) -> SupportTotals:
        return SupportTotals(
            count=self.count,
            cost_vnd=self.cost,
            requested_vnd=self.requested,
            own_contribution_vnd=self.own,
            allowed_vnd=self.allowed,
            refused_count=self.refused,
            capped_count=self.capped,
            by_status=by_status if by_status is not None else MappingProxyType({}),
        )
