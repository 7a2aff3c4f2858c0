"""Derived facts of an establishment: SME size class, CNNT eligibility, priority criteria.

These are never typed in (DESIGN.md §3): they follow from what the collaborator recorded and from rules that
are reference data (:mod:`kcfield.domain.rules`), because the law changed in 2025 and several rules are only
secondary-source or interpretation. Each answer carries its :class:`Reason` chain so the collaborator can
read *why* — and spot a wrong figure — instead of trusting an unexplained yes/no.

Three-valued answers: ``None`` means "cannot decide from the data we have", which is different from "no";
the reasons then say what is missing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from kcfield.domain import messages
from kcfield.domain.enums import CommuneKind, ProvinceKind, SizeClass, TypicalProductLevel
from kcfield.domain.model import Establishment
from kcfield.domain.reference import CommuneInfo, ProvinceInfo
from kcfield.domain.rules import EligibilityRules, PlaceRule, PriorityCriterion

TERM_SUFFIX = "_term"  # a param whose key ends so holds a message code, rendered in the reader's language


@dataclass(frozen=True, slots=True)
class Reason:
    """One step of an explanation: a message code and the values it cites (legal basis, figures, names).

    Params stay language-neutral (numbers, dates, codes); :meth:`text` renders them for one language.
    """

    code: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        clash = {"code", "lang"} & self.params.keys()
        if clash:  # messages.text takes these as its own arguments
            raise ValueError(f"reason params may not be named {sorted(clash)}")

    def text(self, lang: str = messages.DEFAULT_LANGUAGE) -> str:
        return messages.text(self.code, lang, **_localise(self.params, lang))

    def term_codes(self) -> tuple[str, ...]:
        """Message codes the params refer to (for checking the catalogue is complete)."""
        return tuple(str(v) for k, v in self.params.items() if k.endswith(TERM_SUFFIX))


def explain(reasons: Iterable[Reason], lang: str = messages.DEFAULT_LANGUAGE) -> str:
    """The chain as one sentence: steps joined by '; ', the first letter capitalised."""
    joined = "; ".join(r.text(lang) for r in reasons)
    return joined[:1].upper() + joined[1:]


@dataclass(frozen=True, slots=True)
class PlaceFacts:
    """What eligibility needs to know about where an establishment works (commune and province level)."""

    commune_kind: CommuneKind
    province_kind: ProvinceKind
    commune_name: str
    province_name: str
    difficult: bool | None = None
    ethnic_minority_area: bool | None = None

    @classmethod
    def from_reference(cls, commune: CommuneInfo, province: ProvinceInfo) -> PlaceFacts:
        return cls(
            commune_kind=commune.kind,
            province_kind=province.kind,
            commune_name=commune.name,
            province_name=province.name,
            difficult=commune.difficult,
            ethnic_minority_area=commune.ethnic_minority_area,
        )


@dataclass(frozen=True, slots=True)
class SizeAssessment:
    size: SizeClass
    reasons: tuple[Reason, ...]
    # True when one financial figure is missing and it could place the enterprise in a smaller class;
    # ``size`` is then the class the known figures prove, an upper bound.
    provisional: bool = False

    @property
    def is_sme(self) -> bool | None:
        if self.size is SizeClass.UNKNOWN:
            return None
        return self.size is not SizeClass.LARGE


@dataclass(frozen=True, slots=True)
class EligibilityAssessment:
    eligible: bool | None  # None: cannot decide from the data recorded
    reasons: tuple[Reason, ...]

    def explain(self, lang: str = messages.DEFAULT_LANGUAGE) -> str:
        return explain(self.reasons, lang)


@dataclass(frozen=True, slots=True)
class CriterionResult:
    code: str
    met: bool | None  # None: the data needed is missing
    reason: Reason


# ---------------------------------------------------------------------------------------------------------
# Size class


def size_class(
    workers_insured: int | None, revenue_vnd: int | None, capital_vnd: int | None, rules: EligibilityRules
) -> SizeAssessment:
    """SME class under the size rules: the workers criterion is required, then revenue OR capital suffices.

    All bounds are inclusive. A missing figure never guesses: with workers unknown, or both financial figures
    unknown, the class is UNKNOWN — except that more workers than a medium enterprise may have already makes
    it LARGE whatever the money says.
    """
    size_rules = rules.size
    basis = size_rules.legal_basis
    thresholds = size_rules.thresholds
    if workers_insured is None:
        return SizeAssessment(SizeClass.UNKNOWN, (Reason("size.workers_unknown", {"legal_basis": basis}),))
    medium = thresholds[-1]
    if workers_insured > medium.max_workers_insured:
        params = {"workers": workers_insured, "max_workers": medium.max_workers_insured, "legal_basis": basis}
        return SizeAssessment(SizeClass.LARGE, (Reason("size.large_by_workers", params),))
    if revenue_vnd is None and capital_vnd is None:
        params = {"workers": workers_insured, "legal_basis": basis}
        return SizeAssessment(SizeClass.UNKNOWN, (Reason("size.finance_unknown", params),))

    for index, bound in enumerate(thresholds):
        if workers_insured > bound.max_workers_insured:
            continue
        revenue_ok = revenue_vnd is not None and revenue_vnd <= bound.max_revenue_vnd
        capital_ok = capital_vnd is not None and capital_vnd <= bound.max_capital_vnd
        if not (revenue_ok or capital_ok):
            continue
        base = {
            "size_term": f"size.term.{bound.size.value}",
            "workers": workers_insured,
            "max_workers": bound.max_workers_insured,
            "legal_basis": basis,
        }
        if revenue_ok:
            reason = Reason("size.within_revenue", {**base, "revenue": revenue_vnd, "max": bound.max_revenue_vnd})
        else:
            reason = Reason("size.within_capital", {**base, "capital": capital_vnd, "max": bound.max_capital_vnd})
        reasons = [reason]
        # A smaller class the workers allow failed only on the known figure: the missing one could rescue it.
        smaller = [b for b in thresholds[:index] if workers_insured <= b.max_workers_insured]
        if smaller and (revenue_vnd is None or capital_vnd is None):
            smallest = smaller[0]
            missing_revenue = revenue_vnd is None
            reasons.append(
                Reason(
                    "size.may_be_smaller",
                    {
                        "size_term": f"size.term.{smallest.size.value}",
                        "missing_term": "size.term.revenue" if missing_revenue else "size.term.capital",
                        "max": smallest.max_revenue_vnd if missing_revenue else smallest.max_capital_vnd,
                    },
                )
            )
        return SizeAssessment(bound.size, tuple(reasons), provisional=len(reasons) > 1)

    if revenue_vnd is None or capital_vnd is None:
        # The known figure is above every class; the missing one alone decides between SME and large.
        known_is_revenue = revenue_vnd is not None
        params = {
            "known_term": "size.term.revenue" if known_is_revenue else "size.term.capital",
            "value": revenue_vnd if known_is_revenue else capital_vnd,
            "max": medium.max_revenue_vnd if known_is_revenue else medium.max_capital_vnd,
            "missing_term": "size.term.capital" if known_is_revenue else "size.term.revenue",
            "max_missing": medium.max_capital_vnd if known_is_revenue else medium.max_revenue_vnd,
            "legal_basis": basis,
        }
        return SizeAssessment(SizeClass.UNKNOWN, (Reason("size.figure_exceeds_other_missing", params),))
    params = {
        "revenue": revenue_vnd,
        "capital": capital_vnd,
        "max_revenue": medium.max_revenue_vnd,
        "max_capital": medium.max_capital_vnd,
        "legal_basis": basis,
    }
    return SizeAssessment(SizeClass.LARGE, (Reason("size.large_by_finance", params),))


# ---------------------------------------------------------------------------------------------------------
# CNNT eligibility


def cnnt_eligibility(
    e: Establishment, place: PlaceFacts | None, rules: EligibilityRules, on: date
) -> EligibilityAssessment:
    """Is the establishment a CNNT beneficiary on ``on``? Checks kind, the cleaner-production exception,
    size (enterprises only), then place; every step adds a reason so the answer reads as a chain."""
    kind_rule = rules.kind_rule(e.kind)
    if kind_rule is None:
        params = {"kind_term": f"elig.term.kind.{e.kind.value}", "legal_basis": rules.kinds_legal_basis}
        return EligibilityAssessment(False, (Reason("elig.kind_excluded", params),))
    reasons = [Reason(f"elig.kind.{e.kind.value}", {"legal_basis": rules.kinds_legal_basis})]

    cp = rules.cleaner_production
    if e.applies_cleaner_production and cp.period.covers(on):
        reasons.append(Reason("elig.cleaner_production", {"legal_basis": cp.legal_basis}))
        return EligibilityAssessment(True, tuple(reasons))

    size_undecided = False
    if kind_rule.requires_sme:
        assessment = size_class(e.workers_insured, e.revenue_prev_year_vnd, e.total_capital_vnd, rules)
        if assessment.size is SizeClass.LARGE:
            reasons.extend(assessment.reasons)
            reasons.append(Reason("elig.large", {"legal_basis": rules.size.legal_basis}))
            return EligibilityAssessment(False, tuple(reasons))
        if assessment.size is SizeClass.UNKNOWN:
            size_undecided = True
            reasons.extend(assessment.reasons)
        else:
            params = {"size_term": f"size.term.{assessment.size.value}", "legal_basis": rules.size.legal_basis}
            reasons.append(Reason("elig.sme", params))

    place_eligible, place_reasons = _place_check(e, place, rules.place_rule_on(on), on)
    reasons.extend(place_reasons)
    if place_eligible is False:
        return EligibilityAssessment(False, tuple(reasons))
    if size_undecided or place_eligible is None:
        reasons.append(Reason("elig.undecided"))
        return EligibilityAssessment(None, tuple(reasons))
    return EligibilityAssessment(True, tuple(reasons))


def _place_check(
    e: Establishment, place: PlaceFacts | None, rule: PlaceRule | None, on: date
) -> tuple[bool | None, list[Reason]]:
    if rule is None:
        return None, [Reason("elig.no_place_rule", {"on": on})]
    basis = {"legal_basis": rule.legal_basis}
    village = _craft_village_reason(e, rule)
    if place is None:
        if village is not None:
            return True, [Reason("elig.place_unknown", basis), village]
        return None, [Reason("elig.place_unknown", basis)]
    where = {
        **basis,
        "commune": place.commune_name,
        "commune_term": f"elig.term.{place.commune_kind.value}",
        "province_term": f"elig.term.{place.province_kind.value}",
    }
    if rule.covers(place.province_kind, place.commune_kind):
        return True, [Reason("elig.place_ok", where)]
    if village is not None:
        return True, [Reason("elig.place_not_covered", where), village]
    code = "elig.place_excluded" if rule.craft_village_anywhere else "elig.place_excluded_no_exception"
    return False, [Reason(code, where)]


def _craft_village_reason(e: Establishment, rule: PlaceRule) -> Reason | None:
    """A recognised craft village is an eligible place wherever it lies, when the rule says so."""
    if not (e.craft_village_recognised and rule.craft_village_anywhere):
        return None
    name = e.craft_village_name.strip()
    if name:
        return Reason("elig.craft_village_named", {"legal_basis": rule.legal_basis, "craft_village": name})
    return Reason("elig.craft_village", {"legal_basis": rule.legal_basis})


# ---------------------------------------------------------------------------------------------------------
# Priority criteria


def priority_criteria(
    e: Establishment, place: PlaceFacts | None, rules: EligibilityRules, on: date
) -> tuple[CriterionResult, ...]:
    """Each priority criterion of the rules, once per code, in the order of the rules.

    A criterion not in force on ``on`` is reported as not met with the dates, so "female owner" before
    15/10/2025 says why it does not count rather than silently disappearing.
    """
    codes = list(dict.fromkeys(c.code for c in rules.priority_criteria))
    results = []
    for code in codes:
        versions = [c for c in rules.priority_criteria if c.code == code]
        current = next((c for c in versions if c.period.covers(on)), None)
        if current is None:
            results.append(CriterionResult(code, False, _not_in_force(versions, on)))
            continue
        evaluate = _EVALUATORS.get(code)
        if evaluate is None:
            reason = Reason("priority.unsupported", {"criterion": current.name_vi or code, "criterion_code": code})
            results.append(CriterionResult(code, None, reason))
            continue
        result = evaluate(e, place, current)
        outcome = "unknown" if result.met is None else ("met" if result.met else "not_met")
        message = result.code or f"priority.{code}.{outcome}"
        params = {"legal_basis": current.legal_basis, "criterion_term": f"priority.term.{code}", **result.params}
        reason = Reason(message, params)
        results.append(CriterionResult(code, result.met, reason))
    return tuple(results)


def _not_in_force(versions: list[PriorityCriterion], on: date) -> Reason:
    later = [c for c in versions if c.period.effective_from > on]
    term = f"priority.term.{versions[0].code}"
    if later:
        first = min(later, key=lambda c: c.period.effective_from)
        params = {
            "criterion_term": term,
            "effective_from": first.period.effective_from,
            "legal_basis": first.legal_basis,
        }
        return Reason("priority.not_yet_in_force", params)
    last = max(versions, key=lambda c: c.period.effective_from)
    return Reason("priority.no_longer_in_force", {"criterion_term": term, "effective_to": last.period.effective_to})


@dataclass(frozen=True, slots=True)
class _Outcome:
    met: bool | None
    params: dict[str, Any] = field(default_factory=dict)
    code: str = ""  # a message other than the criterion's own met / not_met / unknown


_Evaluator = Callable[[Establishment, PlaceFacts | None, PriorityCriterion], _Outcome]


def _difficult(e: Establishment, place: PlaceFacts | None, c: PriorityCriterion) -> _Outcome:
    return _Outcome(None if place is None else place.difficult)


def _ethnic_area(e: Establishment, place: PlaceFacts | None, c: PriorityCriterion) -> _Outcome:
    return _Outcome(None if place is None else place.ethnic_minority_area)


def _measured(value: float | None, c: PriorityCriterion, params: dict[str, Any]) -> _Outcome:
    if c.threshold is None or c.comparison is None:
        return _Outcome(None, params, "priority.no_threshold")
    params = {**params, "threshold": c.threshold, "comparison_term": f"priority.term.{c.comparison.value}"}
    if value is None:
        return _Outcome(None, params)
    return _Outcome(c.comparison.holds(value, c.threshold), params)


def _local_material(e: Establishment, place: PlaceFacts | None, c: PriorityCriterion) -> _Outcome:
    share = e.local_material_share_pct
    return _measured(share, c, {"share": share})


def _workers(e: Establishment, place: PlaceFacts | None, c: PriorityCriterion) -> _Outcome:
    if e.workers_total is None and e.workers_insured is not None:
        # Insured workers are a subset of regular workers: enough of them proves the criterion; too few, nothing.
        result = _measured(float(e.workers_insured), c, {"workers": e.workers_insured})
        if result.met:
            return _Outcome(True, result.params, "priority.workers.met_by_insured")
        return _Outcome(None, result.params, result.code)
    value = None if e.workers_total is None else float(e.workers_total)
    return _measured(value, c, {"workers": e.workers_total})


def _typical_product(e: Establishment, place: PlaceFacts | None, c: PriorityCriterion) -> _Outcome:
    level = e.typical_product_level
    return _Outcome(level is not TypicalProductLevel.NONE, {"level_term": f"priority.term.level.{level.value}"})


def _flag(get: Callable[[Establishment], bool]) -> _Evaluator:
    """A criterion read from one yes/no field; the form records these as ticks, so they are never unknown."""

    def evaluate(e: Establishment, place: PlaceFacts | None, c: PriorityCriterion) -> _Outcome:
        return _Outcome(get(e))

    return evaluate


_EVALUATORS: dict[str, _Evaluator] = {
    "difficult_commune": _difficult,
    "ethnic_minority_area": _ethnic_area,
    "export_contract": _flag(lambda e: e.has_export_contract),
    "local_raw_material": _local_material,
    "workers": _workers,
    "supporting_industry": _flag(lambda e: e.supporting_industry_product),
    "typical_product": _typical_product,
    "owner_female": _flag(lambda e: e.owner_female),
    "owner_ethnic_minority": _flag(lambda e: e.owner_ethnic_minority),
}


def supported_criteria() -> frozenset[str]:
    """Criterion codes this version knows how to evaluate; others in the rules are reported as unsupported."""
    return frozenset(_EVALUATORS)


# ---------------------------------------------------------------------------------------------------------
# Rendering


def _localise(params: Mapping[str, Any], lang: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in params.items():
        if key.endswith(TERM_SUFFIX) and isinstance(value, str):
            out[key] = messages.text(value, lang)
        elif isinstance(value, date):
            out[key] = value.strftime("%d/%m/%Y")
        elif isinstance(value, float):
            digits = f"{value:.2f}".rstrip("0").rstrip(".")
            out[key] = digits.replace(".", ",") if lang == "vi" else digits
        elif value is None:
            out[key] = "—"
        else:
            out[key] = value
    return out
