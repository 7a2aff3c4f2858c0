"""Cleaner-production indicators, benchmark comparison and option evaluation (DOMAIN.md §3).

Pure arithmetic over a :class:`~kcfield.domain.model.CPAssessment` and reference data passed in as frozen
dataclasses (units, energy carriers, benchmarks, the grid emission factor), so a centre package that changes a
figure changes the answer without a code change. Every result carries a :class:`Reason` chain naming the
figures it used, so a collaborator can check the sum by hand.

* specific consumption = input ÷ product over the same period; the product is counted in tonnes when it is
  weighed (``t``), in m³ for volumes and in the canonical unit otherwise;
* annual net savings = resource saved × unit price (or the stated yearly savings) − added operating cost;
  simple payback = investment ÷ annual net savings (None when the net savings are not positive);
  CO₂ avoided = kWh saved ÷ 1,000 × grid emission factor (t CO₂/MWh).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from kcfield.domain.eligibility import Reason
from kcfield.domain.enums import CPInputCategory, CPOutputCategory
from kcfield.domain.errors import DomainError
from kcfield.domain.model import CPAssessment, CPInput, CPOption
from kcfield.domain.units import ENERGY, EnergyCarrier, UnitTable, rate

ELECTRICITY = "electricity"
KWH = "kWh"
MJ = "MJ"
KGOE = "kgOE"
VND = "VND"
# the denominator an indicator uses for a product of each dimension; other dimensions use their canonical unit
PRODUCT_UNIT_BY_DIMENSION: Mapping[str, str] = {"mass": "t", "volume": "m3"}


class IndicatorCode(StrEnum):
    ELECTRICITY = "electricity_per_product"
    ENERGY = "energy_per_product"
    WATER = "water_per_product"
    MATERIAL = "material_per_product"
    WASTEWATER = "wastewater_per_product"
    SOLID_WASTE = "solid_waste_per_product"
    COST = "cost_per_product"


@dataclass(frozen=True, slots=True)
class Indicator:
    code: str  # an IndicatorCode value
    value: float
    unit: str  # a rate, e.g. "kWh/t"
    numerator: float  # the total input in the rate's numerator unit
    denominator: float  # the product in the rate's denominator unit
    inputs: tuple[str, ...]  # names of the rows summed
    reasons: tuple[Reason, ...] = ()

    @property
    def numerator_unit(self) -> str:
        return self.unit.split("/", 1)[0]

    @property
    def denominator_unit(self) -> str:
        return self.unit.split("/", 1)[1]


@dataclass(frozen=True, slots=True)
class Benchmark:
    code: str
    vsic_version: str
    vsic_code: str
    product: str
    indicator: str
    value: float
    unit: str
    comparison: str  # "max" (a ceiling) or "typical" (an observed figure)
    is_legal_norm: bool
    valid_from: date | None = None
    valid_to: date | None = None
    source: str = ""
    mark: str = ""


class Position(StrEnum):
    ABOVE = "above"
    EQUAL = "equal"
    BELOW = "below"


@dataclass(frozen=True, slots=True)
class BenchmarkComparison:
    indicator: Indicator
    benchmark: Benchmark
    value: float  # the indicator in the benchmark's unit
    ratio: float  # value ÷ benchmark value
    position: Position
    in_force: bool | None  # the benchmark's dates cover the assessment period; None when either is unknown
    reasons: tuple[Reason, ...] = ()

    @property
    def is_legal_norm(self) -> bool:
        return self.benchmark.is_legal_norm

    @property
    def source(self) -> str:
        return self.benchmark.source

    @property
    def exceeds_norm(self) -> bool | None:
        """True when a legal ceiling in force is exceeded; None when the benchmark is no norm or not in force."""
        if not (self.benchmark.is_legal_norm and self.benchmark.comparison == "max") or self.in_force is not True:
            return None
        return self.position is Position.ABOVE


@dataclass(frozen=True, slots=True)
class EnergyTotal:
    mj: float
    kgoe: float | None  # None when the units table has no kgOE
    by_carrier: Mapping[str, float]  # MJ per carrier code ("" for rows without one)
    inputs: tuple[str, ...]
    reasons: tuple[Reason, ...] = ()
    parts: tuple[tuple[str, float], ...] = ()  # (input name, MJ) per row counted


@dataclass(frozen=True, slots=True)
class OptionEvaluation:
    option: CPOption
    net_savings_vnd: float
    payback_years: float | None
    co2_avoided_t: float | None
    good_payback: bool | None  # payback within the centre's rule of thumb; None when it cannot be said
    reasons: tuple[Reason, ...] = ()


@dataclass(frozen=True, slots=True)
class CategorySavings:
    category: int
    options: int
    investment_vnd: int
    annual_savings_vnd: int
    added_operating_cost_vnd: int

    @property
    def net_savings_vnd(self) -> int:
        return self.annual_savings_vnd - self.added_operating_cost_vnd


@dataclass(frozen=True, slots=True)
class ProductQuantity:
    quantity: float
    unit: str
    reasons: tuple[Reason, ...] = field(default_factory=tuple)


# --- the product ------------------------------------------------------------------------------------------


def product_quantity(assessment: CPAssessment, table: UnitTable) -> ProductQuantity | None:
    """The product over the period in its indicator unit (t, m3 or canonical), or None when unknown or zero.

    The assessment's own output quantity wins; otherwise the product rows of the output table are summed.
    """
    if assessment.output_quantity is not None and assessment.output_unit:
        rows = [(assessment.product_name, assessment.output_quantity, assessment.output_unit)]
    else:
        rows = [(o.name, o.quantity, o.unit) for o in assessment.outputs if o.category is CPOutputCategory.PRODUCT]
    if not rows or table.resolve(rows[0][2]) is None:
        return None
    dimension = table.dimension(rows[0][2])
    target = PRODUCT_UNIT_BY_DIMENSION.get(dimension) or table.unit(rows[0][2]).canonical
    total = 0.0
    reasons: list[Reason] = []
    for name, quantity, unit in rows:
        if not table.compatible(unit, target):
            reasons.append(_reason("cp_indicator.row_skipped_unit", {"name": name, "unit": unit, "target": target}))
            continue
        total += table.convert(quantity, unit, target)
        if table.resolve(unit) != target:
            reasons.append(
                _reason(
                    "cp_indicator.converted",
                    {
                        "name": name,
                        "quantity": float(quantity),
                        "unit": unit,
                        "value": table.convert(quantity, unit, target),
                        "target": target,
                    },
                )
            )
    if total <= 0:
        return None
    return ProductQuantity(total, target, tuple(reasons))


# --- specific consumption ---------------------------------------------------------------------------------


def specific_consumption(
    assessment: CPAssessment, table: UnitTable, carriers: Mapping[str, EnergyCarrier]
) -> list[Indicator]:
    """Every indicator the assessment's data allows; none when the product quantity is missing or zero."""
    product = product_quantity(assessment, table)
    if product is None:
        return []
    out: list[Indicator] = []

    def add(code: IndicatorCode, numerator_unit: str, parts: Sequence[tuple[str, float]], notes: list[Reason]) -> None:
        if not parts:
            return
        total = sum(v for _, v in parts)
        unit = rate(numerator_unit, product.unit)
        value = total / product.quantity
        reason = _reason(
            "cp_indicator.computed",
            {
                "value": value,
                "unit": unit,
                "total": total,
                "numerator_unit": numerator_unit,
                "product": product.quantity,
                "product_unit": product.unit,
                "rows": len(parts),
            },
        )
        out.append(
            Indicator(
                code.value,
                value,
                unit,
                total,
                product.quantity,
                tuple(n for n, _ in parts),
                (*product.reasons, *notes, reason),
            )
        )

    inputs = assessment.inputs
    electricity = [i for i in inputs if i.category is CPInputCategory.ENERGY and i.carrier_code == ELECTRICITY]
    notes: list[Reason] = []
    add(IndicatorCode.ELECTRICITY, KWH, _summed(electricity, table, KWH, notes), notes)

    energy = energy_total(assessment, table, carriers)
    if energy is not None and energy.inputs:
        add(IndicatorCode.ENERGY, MJ, energy.parts, list(energy.reasons))

    notes = []
    water = [i for i in inputs if i.category is CPInputCategory.WATER]
    add(IndicatorCode.WATER, "m3", _summed(water, table, "m3", notes), notes)

    notes = []
    material = [i for i in inputs if i.category is CPInputCategory.MATERIAL]
    add(IndicatorCode.MATERIAL, "t", _summed(material, table, "t", notes), notes)

    notes = []
    wastewater = [(o.name, o.quantity, o.unit) for o in assessment.outputs if o.category is CPOutputCategory.WASTEWATER]
    add(IndicatorCode.WASTEWATER, "m3", _summed_rows(wastewater, table, "m3", notes), notes)

    notes = []
    solid = [(o.name, o.quantity, o.unit) for o in assessment.outputs if o.category is CPOutputCategory.SOLID_WASTE]
    add(IndicatorCode.SOLID_WASTE, "kg", _summed_rows(solid, table, "kg", notes), notes)

    costs = [(i.name, i.quantity * i.unit_price_vnd) for i in inputs if i.unit_price_vnd is not None]
    add(IndicatorCode.COST, VND, costs, [])
    return out


def energy_total(
    assessment: CPAssessment, table: UnitTable, carriers: Mapping[str, EnergyCarrier]
) -> EnergyTotal | None:
    """All energy inputs in MJ (and kgOE), each converted with its carrier's heating value; None if none."""
    rows = [i for i in assessment.inputs if i.category is CPInputCategory.ENERGY]
    if not rows:
        return None
    by_carrier: dict[str, float] = {}
    used: list[tuple[str, float]] = []
    reasons: list[Reason] = []
    for item in rows:
        carrier = carriers.get(item.carrier_code) if item.carrier_code else None
        if table.resolve(item.unit) is None:
            reasons.append(_reason("cp_indicator.row_skipped_unknown_unit", {"name": item.name, "unit": item.unit}))
            continue
        if carrier is None and table.dimension(item.unit) != ENERGY:
            reasons.append(
                _reason("cp_indicator.row_skipped_carrier", {"name": item.name, "carrier": item.carrier_code or "—"})
            )
            continue
        try:
            mj = table.energy_mj(item.quantity, item.unit, carrier)
        except DomainError:
            target = carrier.unit if carrier else MJ
            reasons.append(
                _reason("cp_indicator.row_skipped_unit", {"name": item.name, "unit": item.unit, "target": target})
            )
            continue
        by_carrier[item.carrier_code] = by_carrier.get(item.carrier_code, 0.0) + mj
        used.append((item.name, mj))
        if carrier is not None and table.dimension(item.unit) != ENERGY:
            reasons.append(
                _reason(
                    "cp_indicator.energy_row",
                    {
                        "name": item.name,
                        "quantity": float(item.quantity),
                        "unit": item.unit,
                        "ncv": carrier.net_heating_value_mj,
                        "carrier_unit": carrier.unit,
                        "mj": mj,
                    },
                )
            )
        else:
            reasons.append(
                _reason(
                    "cp_indicator.energy_row_direct",
                    {"name": item.name, "quantity": float(item.quantity), "unit": item.unit, "mj": mj},
                )
            )
    total = sum(by_carrier.values())
    kgoe = table.convert(total, MJ, KGOE) if KGOE in table and MJ in table else None
    reasons.append(_reason("cp_indicator.energy_total", {"mj": total, "kgoe": kgoe}))
    return EnergyTotal(total, kgoe, by_carrier, tuple(n for n, _ in used), tuple(reasons), tuple(used))


def _summed(items: Iterable[CPInput], table: UnitTable, target: str, notes: list[Reason]) -> list[tuple[str, float]]:
    return _summed_rows([(i.name, i.quantity, i.unit) for i in items], table, target, notes)


def _summed_rows(
    rows: Iterable[tuple[str, float, str]], table: UnitTable, target: str, notes: list[Reason]
) -> list[tuple[str, float]]:
    parts: list[tuple[str, float]] = []
    for name, quantity, unit in rows:
        if not table.compatible(unit, target):
            notes.append(_reason("cp_indicator.row_skipped_unit", {"name": name, "unit": unit, "target": target}))
            continue
        value = table.convert(quantity, unit, target)
        if table.resolve(unit) != target:
            notes.append(
                _reason(
                    "cp_indicator.converted",
                    {"name": name, "quantity": float(quantity), "unit": unit, "value": value, "target": target},
                )
            )
        parts.append((name, value))
    return parts


# --- benchmarks -------------------------------------------------------------------------------------------


def compare_with_benchmark(
    indicator: Indicator,
    benchmark: Benchmark,
    table: UnitTable,
    *,
    period_start: date | None = None,
    period_end: date | None = None,
) -> BenchmarkComparison | None:
    """The indicator against one benchmark of the same indicator, in the benchmark's unit.

    None when the benchmark is for another indicator or its unit cannot be reached (e.g. per piece vs per
    tonne): no comparison is better than a wrong one.
    """
    if benchmark.indicator != indicator.code or benchmark.value <= 0:
        return None
    try:
        value = table.convert_rate(indicator.value, indicator.unit, benchmark.unit)
    except DomainError:
        return None
    ratio = value / benchmark.value
    position = Position.EQUAL if abs(ratio - 1) < 1e-9 else Position.ABOVE if ratio > 1 else Position.BELOW
    in_force = _in_force(benchmark, period_start, period_end)
    reasons: list[Reason] = []
    if benchmark.unit != indicator.unit:
        reasons.append(
            _reason(
                "cp_benchmark.converted",
                {
                    "value": indicator.value,
                    "unit": indicator.unit,
                    "converted": value,
                    "benchmark_unit": benchmark.unit,
                },
            )
        )
    reasons.append(
        _reason(
            f"cp_benchmark.{position.value}",
            {
                "value": value,
                "unit": benchmark.unit,
                "benchmark": float(benchmark.value),
                "ratio": ratio,
                "product": benchmark.product,
                "source": benchmark.source,
            },
        )
    )
    kind = "cp_benchmark.legal_norm" if benchmark.is_legal_norm else "cp_benchmark.not_a_norm"
    reasons.append(_reason(kind, {"mark": benchmark.mark or "—"}))
    if in_force is True:
        reasons.append(
            _reason("cp_benchmark.in_force", {"valid_from": benchmark.valid_from, "valid_to": benchmark.valid_to})
        )
    elif in_force is False:
        reasons.append(
            _reason("cp_benchmark.not_in_force", {"valid_from": benchmark.valid_from, "valid_to": benchmark.valid_to})
        )
    elif benchmark.valid_from or benchmark.valid_to:
        reasons.append(
            _reason("cp_benchmark.period_unknown", {"valid_from": benchmark.valid_from, "valid_to": benchmark.valid_to})
        )
    return BenchmarkComparison(indicator, benchmark, value, ratio, position, in_force, tuple(reasons))


def compare_with_benchmarks(
    indicators: Iterable[Indicator],
    benchmarks: Iterable[Benchmark],
    table: UnitTable,
    *,
    vsic_version: str,
    vsic_code: str,
    period_start: date | None = None,
    period_end: date | None = None,
) -> list[BenchmarkComparison]:
    """Each indicator against every benchmark of the establishment's VSIC code (catfish and shrimp both)."""
    mine = [b for b in benchmarks if b.vsic_version == vsic_version and b.vsic_code == vsic_code]
    out: list[BenchmarkComparison] = []
    for indicator in indicators:
        for benchmark in mine:
            found = compare_with_benchmark(
                indicator, benchmark, table, period_start=period_start, period_end=period_end
            )
            if found is not None:
                out.append(found)
    return out


def _in_force(benchmark: Benchmark, start: date | None, end: date | None) -> bool | None:
    if benchmark.valid_from is None and benchmark.valid_to is None:
        return None
    if start is None and end is None:
        return None
    first = start if start is not None else end
    last = end if end is not None else start
    if benchmark.valid_from is not None and first is not None and first < benchmark.valid_from:
        return False
    return not (benchmark.valid_to is not None and last is not None and last > benchmark.valid_to)


# --- options ----------------------------------------------------------------------------------------------


def annual_net_savings(option: CPOption, unit_price: float | None = None) -> float:
    """Resource saved × unit price (when a price is given and the quantity known), else the stated yearly
    savings, less the added operating cost."""
    if unit_price is not None and option.resource_saved_quantity is not None:
        gross = option.resource_saved_quantity * unit_price
    else:
        gross = float(option.annual_savings_vnd)
    return gross - option.added_operating_cost_vnd


def simple_payback_years(option: CPOption, unit_price: float | None = None) -> float | None:
    """Investment ÷ annual net savings; None when the option saves nothing net (it never pays back)."""
    net = annual_net_savings(option, unit_price)
    if net <= 0:
        return None
    return option.investment_vnd / net


def co2_avoided_t(
    option: CPOption,
    grid_factor_t_per_mwh: float | None,
    table: UnitTable | None = None,
    carriers: Mapping[str, EnergyCarrier] | None = None,
) -> float | None:
    """Tonnes of CO₂ a year: electricity saved (kWh ÷ 1,000 × grid factor), or a fuel saved × its CO₂ factor
    when ``carriers`` are given. None when the saving is not stated in a convertible way."""
    quantity, unit = option.resource_saved_quantity, option.resource_saved_unit
    if quantity is None or not unit:
        return None
    if option.resource_saved_carrier == ELECTRICITY:
        if grid_factor_t_per_mwh is None:
            return None
        if unit == KWH:
            kwh = quantity
        elif table is not None and table.compatible(unit, KWH):
            kwh = table.convert(quantity, unit, KWH)
        else:
            return None
        return kwh / 1000 * grid_factor_t_per_mwh
    carrier = (carriers or {}).get(option.resource_saved_carrier)
    if carrier is None or table is None:
        return None
    try:
        kg = table.co2_kg(quantity, unit, carrier)
    except DomainError:
        return None
    return None if kg is None else kg / 1000


def evaluate_option(
    option: CPOption,
    *,
    grid_factor_t_per_mwh: float | None = None,
    good_payback_years: float | None = None,
    table: UnitTable | None = None,
    carriers: Mapping[str, EnergyCarrier] | None = None,
    unit_price: float | None = None,
) -> OptionEvaluation:
    net = annual_net_savings(option, unit_price)
    payback = simple_payback_years(option, unit_price)
    co2 = co2_avoided_t(option, grid_factor_t_per_mwh, table, carriers)
    gross = net + option.added_operating_cost_vnd
    reasons = [
        _reason(
            "cp_option.net_savings",
            {"net": _money(net), "gross": _money(gross), "added": option.added_operating_cost_vnd},
        )
    ]
    if payback is None:
        reasons.append(_reason("cp_option.no_payback", {"net": _money(net)}))
    else:
        reasons.append(
            _reason("cp_option.payback", {"years": payback, "investment": option.investment_vnd, "net": _money(net)})
        )
    good: bool | None = None
    if payback is not None and good_payback_years is not None:
        good = payback <= good_payback_years
        code = "cp_option.payback_good" if good else "cp_option.payback_long"
        reasons.append(_reason(code, {"limit": float(good_payback_years)}))
    if co2 is not None and option.resource_saved_quantity is not None:
        saved = {"co2": co2, "quantity": float(option.resource_saved_quantity), "unit": option.resource_saved_unit}
        if option.resource_saved_carrier == ELECTRICITY:
            reasons.append(
                _reason("cp_option.co2_electricity", {**saved, "factor": _kg_per_mwh(grid_factor_t_per_mwh)})
            )
        else:
            reasons.append(_reason("cp_option.co2_fuel", {**saved, "carrier": option.resource_saved_carrier}))
    return OptionEvaluation(option, net, payback, co2, good, tuple(reasons))


def savings_by_category(options: Iterable[CPOption]) -> dict[int, CategorySavings]:
    """Totals per option category (1–8), in category order."""
    totals: dict[int, CategorySavings] = {}
    for o in options:
        before = totals.get(o.category, CategorySavings(o.category, 0, 0, 0, 0))
        totals[o.category] = CategorySavings(
            o.category,
            before.options + 1,
            before.investment_vnd + o.investment_vnd,
            before.annual_savings_vnd + o.annual_savings_vnd,
            before.added_operating_cost_vnd + o.added_operating_cost_vnd,
        )
    return dict(sorted(totals.items()))


def _reason(code: str, params: Mapping[str, Any]) -> Reason:
    """A reason whose whole-number figures are ints, so they print with thousands separators (150.000 kWh)."""
    return Reason(code, {k: _plain(v) for k, v in params.items()})


def _plain(value: Any) -> Any:
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return int(value)
    return value


def _kg_per_mwh(t_per_mwh: float | None) -> float | None:
    # 0.6592 t/MWh prints as 659.2 kg/MWh: reasons show two decimals, which would round the factor
    return None if t_per_mwh is None else round(t_per_mwh * 1000, 6)


def _money(value: float) -> int:
    return round(value)
