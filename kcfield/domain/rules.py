"""Eligibility and support rules parsed from reference data.

The law behind khuyến công changes (Decree 45/2012 amended by 235/2025, Circular 26/2014 replaced by 28/2018)
and several facts are only secondary-source or interpretation (DOMAIN.md marks S/U). So thresholds, places,
caps and dates live in ``resources/data/eligibility.json`` and ``support_rules.json``, which the provincial
centre can correct by a reference package; code only knows *how* to apply a rule, never its numbers.

This module is pure: the caller reads the JSON and passes the decoded dict. A malformed file is refused as a
whole with ``DomainError("reference.invalid", name=..., reason=...)`` — a half-understood rule set would
silently give wrong advice, which is worse than none. ``reason`` is a technical path for the maintainer
(e.g. ``place_rules[1].effective_from: expected a date YYYY-MM-DD``).
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from types import MappingProxyType
from typing import Any, NoReturn, TypeVar

from kcfield.domain.enums import CommuneKind, EstablishmentKind, ProvinceKind, SizeClass
from kcfield.domain.errors import DomainError

_E = TypeVar("_E", bound=StrEnum)


class Mark(StrEnum):
    """How sure we are of a rule (DOMAIN.md): confirmed, secondary source, unconfirmed."""

    CONFIRMED = "C"
    SECONDARY = "S"
    UNCONFIRMED = "U"


class Comparison(StrEnum):
    GREATER = "gt"
    GREATER_OR_EQUAL = "ge"

    def holds(self, value: float, threshold: float) -> bool:
        return value > threshold if self is Comparison.GREATER else value >= threshold


class SupportItem(StrEnum):
    MACHINERY = "machinery"
    DEMONSTRATION_MODEL = "demonstration_model"
    ENTERPRISE_SETUP = "enterprise_setup"
    CP_CONSULTING = "cp_consulting"


@dataclass(frozen=True, slots=True)
class Period:
    """Days a rule is in force, both ends inclusive; ``effective_to=None`` means still in force."""

    effective_from: date
    effective_to: date | None

    def covers(self, on: date) -> bool:
        return self.effective_from <= on and (self.effective_to is None or on <= self.effective_to)

    def overlaps(self, other: Period) -> bool:
        self_end = self.effective_to or date.max
        other_end = other.effective_to or date.max
        return self.effective_from <= other_end and other.effective_from <= self_end


# ---------------------------------------------------------------------------------------------------------
# Eligibility rules


@dataclass(frozen=True, slots=True)
class SizeThreshold:
    """Upper bounds of one SME class; all inclusive (10 workers and 3 bn VND is still micro)."""

    size: SizeClass
    max_workers_insured: int
    max_revenue_vnd: int
    max_capital_vnd: int


@dataclass(frozen=True, slots=True)
class SizeRules:
    legal_basis: str
    period: Period
    mark: Mark
    thresholds: tuple[SizeThreshold, ...]  # micro, small, medium — ascending; above the last is large
    note: str = ""


@dataclass(frozen=True, slots=True)
class PlaceRule:
    """Which commune-level units of which provincial units are eligible places, during one period."""

    code: str
    legal_basis: str
    period: Period
    mark: Mark
    eligible_communes: Mapping[ProvinceKind, frozenset[CommuneKind]]
    craft_village_anywhere: bool
    note: str = ""

    def covers(self, province_kind: ProvinceKind, commune_kind: CommuneKind) -> bool:
        return commune_kind in self.eligible_communes.get(province_kind, frozenset())


@dataclass(frozen=True, slots=True)
class CleanerProductionException:
    code: str
    legal_basis: str
    period: Period
    mark: Mark
    note: str = ""


@dataclass(frozen=True, slots=True)
class KindRule:
    kind: EstablishmentKind
    requires_sme: bool  # an enterprise must be small or medium; households and cooperatives need no size test


@dataclass(frozen=True, slots=True)
class PriorityCriterion:
    """One priority criterion; ``threshold``/``comparison`` only for the measured ones (share, workers)."""

    code: str
    name_vi: str
    legal_basis: str
    period: Period
    mark: Mark
    threshold: float | None = None
    comparison: Comparison | None = None


@dataclass(frozen=True, slots=True)
class EligibilityRules:
    version: str
    source: str
    size: SizeRules
    place_rules: tuple[PlaceRule, ...]
    cleaner_production: CleanerProductionException
    kinds_legal_basis: str
    kinds: tuple[KindRule, ...]
    priority_criteria: tuple[PriorityCriterion, ...]

    @classmethod
    def from_dict(cls, d: Mapping[str, Any], name: str = "eligibility.json") -> EligibilityRules:
        top = _Node.root(d, name)
        size = top.child("size_classes")
        thresholds = tuple(
            SizeThreshold(
                size=c.enum("size", SizeClass),
                max_workers_insured=c.count("max_workers_insured"),
                max_revenue_vnd=c.count("max_revenue_vnd"),
                max_capital_vnd=c.count("max_capital_vnd"),
            )
            for c in size.children("classes")
        )
        if tuple(t.size for t in thresholds) != (SizeClass.MICRO, SizeClass.SMALL, SizeClass.MEDIUM):
            size.fail("classes: expected exactly micro, small, medium in this order")
        for smaller, larger in itertools.pairwise(thresholds):
            if (
                smaller.max_workers_insured > larger.max_workers_insured
                or smaller.max_revenue_vnd > larger.max_revenue_vnd
                or smaller.max_capital_vnd > larger.max_capital_vnd
            ):
                size.fail(f"classes: {larger.size} thresholds are below those of {smaller.size}")

        place_rules = tuple(
            PlaceRule(
                code=p.text("code"),
                legal_basis=p.text("legal_basis"),
                period=p.period(),
                mark=p.enum("mark", Mark),
                eligible_communes=p.child("eligible_communes").place_table(),
                craft_village_anywhere=p.flag("craft_village_anywhere"),
                note=p.optional_text("note"),
            )
            for p in top.children("place_rules")
        )
        top.no_overlap("place_rules", [(rule.code, rule.period) for rule in place_rules])

        cp = top.child("cleaner_production_exception")
        kinds_node = top.child("eligible_kinds")
        kinds = tuple(
            KindRule(kind=k.enum("kind", EstablishmentKind), requires_sme=k.flag("requires_sme"))
            for k in kinds_node.children("kinds")
        )
        if len({k.kind for k in kinds}) != len(kinds):
            kinds_node.fail("kinds: a kind is listed twice")

        criteria = tuple(_criterion(c) for c in top.children("priority_criteria"))
        for code in sorted({c.code for c in criteria}):
            top.no_overlap("priority_criteria", [(c.code, c.period) for c in criteria if c.code == code])

        return cls(
            version=top.text("version"),
            source=top.text("source"),
            size=SizeRules(
                legal_basis=size.text("legal_basis"),
                period=size.period(),
                mark=size.enum("mark", Mark),
                thresholds=thresholds,
                note=size.optional_text("note"),
            ),
            place_rules=place_rules,
            cleaner_production=CleanerProductionException(
                code=cp.text("code"),
                legal_basis=cp.text("legal_basis"),
                period=cp.period(),
                mark=cp.enum("mark", Mark),
                note=cp.optional_text("note"),
            ),
            kinds_legal_basis=kinds_node.text("legal_basis"),
            kinds=kinds,
            priority_criteria=criteria,
        )

    def place_rule_on(self, on: date) -> PlaceRule | None:
        """The place rule in force on ``on`` (periods never overlap), or None before the first one."""
        return next((rule for rule in self.place_rules if rule.period.covers(on)), None)

    def kind_rule(self, kind: EstablishmentKind) -> KindRule | None:
        return next((k for k in self.kinds if k.kind is kind), None)


# ---------------------------------------------------------------------------------------------------------
# Support rules


@dataclass(frozen=True, slots=True)
class Exclusion:
    code: str
    name_vi: str
    name_en: str
    legal_basis: str


@dataclass(frozen=True, slots=True)
class SupportRuleSet:
    """How much the state pays for one kind of support during one period (DESIGN.md §3, EquipmentNeed)."""

    code: str
    item: SupportItem
    name_vi: str
    legal_basis: str
    period: Period
    support_pct: float | None  # share of the cost; None when the support is a lump sum (enterprise set-up)
    cap_vnd: int
    line_multiplier: float | None  # a full technology line may get cap × this
    priority_multiplier: float | None  # priority areas or sectors may get levels × this
    requires_new: bool
    no_double_funding: bool
    exclusions: tuple[Exclusion, ...]
    mark: Mark
    note: str = ""

    @property
    def effective_from(self) -> date:
        return self.period.effective_from

    @property
    def effective_to(self) -> date | None:
        return self.period.effective_to


@dataclass(frozen=True, slots=True)
class SupportRules:
    version: str
    source: str
    rule_sets: tuple[SupportRuleSet, ...]

    @classmethod
    def from_dict(cls, d: Mapping[str, Any], name: str = "support_rules.json") -> SupportRules:
        top = _Node.root(d, name)
        rule_sets = tuple(_rule_set(s) for s in top.children("rule_sets"))
        codes = [s.code for s in rule_sets]
        if len(set(codes)) != len(codes):
            top.fail("rule_sets: a code is used twice")
        for item in SupportItem:
            top.no_overlap("rule_sets", [(s.code, s.period) for s in rule_sets if s.item is item])
        return cls(version=top.text("version"), source=top.text("source"), rule_sets=rule_sets)

    def in_force(self, item: SupportItem, on: date) -> SupportRuleSet | None:
        """The rule set for ``item`` in force on ``on``; None when no national rule applies that day."""
        return next((s for s in self.rule_sets if s.item is item and s.period.covers(on)), None)


# ---------------------------------------------------------------------------------------------------------
# Shape checks


def _criterion(c: _Node) -> PriorityCriterion:
    threshold = c.optional_number("threshold")
    comparison = None if c.is_null("comparison") else c.enum("comparison", Comparison)
    if (threshold is None) != (comparison is None):
        c.fail("threshold and comparison go together")
    return PriorityCriterion(
        code=c.text("code"),
        name_vi=c.optional_text("name_vi"),
        legal_basis=c.text("legal_basis"),
        period=c.period(),
        mark=c.enum("mark", Mark),
        threshold=threshold,
        comparison=comparison,
    )


def _rule_set(s: _Node) -> SupportRuleSet:
    support_pct = s.optional_number("support_pct", required=True)
    if support_pct is not None and support_pct > 100:
        s.fail("support_pct: more than 100 %")
    return SupportRuleSet(
        code=s.text("code"),
        item=s.enum("item", SupportItem),
        name_vi=s.text("name_vi"),
        legal_basis=s.text("legal_basis"),
        period=s.period(),
        support_pct=support_pct,
        cap_vnd=s.count("cap_vnd"),
        line_multiplier=s.multiplier("line_multiplier"),
        priority_multiplier=s.multiplier("priority_multiplier"),
        requires_new=s.flag("requires_new"),
        no_double_funding=s.flag("no_double_funding"),
        exclusions=tuple(
            Exclusion(
                code=x.text("code"),
                name_vi=x.text("name_vi"),
                name_en=x.text("name_en"),
                legal_basis=x.text("legal_basis"),
            )
            for x in s.children("exclusions")
        ),
        mark=s.enum("mark", Mark),
        note=s.optional_text("note"),
    )


@dataclass(frozen=True, slots=True)
class _Node:
    """One JSON object and where it sits in the file, so every refusal names the path of the bad value."""

    data: Mapping[str, Any]
    file: str
    path: str

    @classmethod
    def root(cls, value: Any, file: str) -> _Node:
        if not isinstance(value, Mapping):
            raise DomainError("reference.invalid", name=file, reason="(top): expected an object")
        return cls(value, file, "")

    def fail(self, reason: str) -> NoReturn:
        where = f"{self.path}." if self.path else ""
        raise DomainError("reference.invalid", name=self.file, reason=f"{where}{reason}")

    def _raw(self, key: str) -> Any:
        if key not in self.data:
            self.fail(f"{key}: missing")
        return self.data[key]

    def _sub(self, key: str) -> str:
        return f"{self.path}.{key}" if self.path else key

    def is_null(self, key: str) -> bool:
        return self.data.get(key) is None

    def child(self, key: str) -> _Node:
        value = self._raw(key)
        if not isinstance(value, Mapping):
            self.fail(f"{key}: expected an object")
        return _Node(value, self.file, self._sub(key))

    def children(self, key: str) -> list[_Node]:
        value = self._raw(key)
        if not isinstance(value, list):
            self.fail(f"{key}: expected a list")
        nodes = []
        for i, item in enumerate(value):
            if not isinstance(item, Mapping):
                self.fail(f"{key}[{i}]: expected an object")
            nodes.append(_Node(item, self.file, f"{self._sub(key)}[{i}]"))
        return nodes

    def text(self, key: str) -> str:
        value = self._raw(key)
        if not isinstance(value, str) or not value.strip():
            self.fail(f"{key}: expected a non-empty text")
        return value

    def optional_text(self, key: str) -> str:
        value = self.data.get(key)
        if value is None:
            return ""
        if not isinstance(value, str):
            self.fail(f"{key}: expected a text")
        return value

    def flag(self, key: str) -> bool:
        value = self._raw(key)
        if not isinstance(value, bool):
            self.fail(f"{key}: expected true or false")
        return value

    def count(self, key: str) -> int:
        """A whole number ≥ 0 (workers, VND); floats are refused so money is never rounded."""
        value = self._raw(key)
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            self.fail(f"{key}: expected a whole number ≥ 0")
        return value

    def optional_number(self, key: str, *, required: bool = False) -> float | None:
        """A number ≥ 0 or null; with ``required`` the key must be present even when null (no silent default)."""
        value = self._raw(key) if required else self.data.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
            self.fail(f"{key}: expected a number ≥ 0 or null")
        return float(value)

    def multiplier(self, key: str) -> float | None:
        value = self.optional_number(key, required=True)
        if value is not None and value < 1:
            self.fail(f"{key}: a multiplier below 1 would lower the level")
        return value

    def enum(self, key: str, enum: type[_E]) -> _E:
        return self.enum_value(key, self._raw(key), enum)

    def enum_value(self, label: str, value: Any, enum: type[_E]) -> _E:
        try:
            return enum(value)
        except ValueError:
            allowed = ", ".join(m.value for m in enum)
            self.fail(f"{label}: {value!r} is not one of {allowed}")

    def day(self, key: str) -> date:
        value = self._raw(key)
        if isinstance(value, str):
            try:
                return date.fromisoformat(value)
            except ValueError:
                pass
        self.fail(f"{key}: expected a date YYYY-MM-DD")

    def period(self) -> Period:
        start = self.day("effective_from")
        end = None if self._raw("effective_to") is None else self.day("effective_to")
        if end is not None and end < start:
            self.fail("effective_to: ends before it starts")
        return Period(start, end)

    def no_overlap(self, key: str, periods: Sequence[tuple[str, Period]]) -> None:
        """Two rules for the same thing in force on one day would make the answer depend on file order."""
        for i, (code_a, a) in enumerate(periods):
            for code_b, b in periods[i + 1 :]:
                if a.overlaps(b):
                    self.fail(f"{key}: {code_a} and {code_b} are both in force on some day")

    def place_table(self) -> Mapping[ProvinceKind, frozenset[CommuneKind]]:
        """``{"tinh": ["xa", ...], "thanh_pho_tw": [...]}``; both provincial kinds must be listed."""
        result: dict[ProvinceKind, frozenset[CommuneKind]] = {}
        for key, values in self.data.items():
            province_kind = self.enum_value(key, key, ProvinceKind)
            if not isinstance(values, list):
                self.fail(f"{key}: expected a list")
            result[province_kind] = frozenset(self.enum_value(key, v, CommuneKind) for v in values)
        missing = sorted(set(ProvinceKind) - result.keys())
        if missing:
            self.fail(f"missing {', '.join(missing)}")
        return MappingProxyType(result)
