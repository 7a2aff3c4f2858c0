"""Cleaner-production reference data (units, energy carriers, benchmarks, parameters) and the indicator facts
of one assessment. No Qt: the CP screens and the report call :meth:`CPReference.indicators_for`.

Lookups are cached per instance like :class:`~kcfield.services.reference.ReferenceService`; call
:meth:`CPReference.forget` after a reference package replaced one of these datasets.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property

from sqlalchemy import select

from kcfield.domain.cp_indicators import (
    Benchmark,
    BenchmarkComparison,
    CategorySavings,
    EnergyTotal,
    Indicator,
    OptionEvaluation,
    compare_with_benchmarks,
    energy_total,
    evaluate_option,
    savings_by_category,
    specific_consumption,
)
from kcfield.domain.model import CPAssessment
from kcfield.domain.units import EnergyCarrier, Unit, UnitTable
from kcfield.services.context import ServiceContext
from kcfield.services.reference import ReferenceService
from kcfield.store.models import CPBenchmark, Parameter, UnitRow
from kcfield.store.models import EnergyCarrier as EnergyCarrierRow

GRID_EMISSION_FACTOR = "grid_emission_factor"  # t CO2 per MWh
GOOD_PAYBACK_YEARS = "cp_payback_good_years"


@dataclass(frozen=True, slots=True)
class CPFacts:
    indicators: tuple[Indicator, ...]
    comparisons: tuple[BenchmarkComparison, ...]
    energy: EnergyTotal | None
    options: tuple[OptionEvaluation, ...]
    savings_by_category: Mapping[int, CategorySavings]
    grid_emission_factor: float | None


class CPReference:
    def __init__(self, ctx: ServiceContext, reference: ReferenceService) -> None:
        self._ctx = ctx
        self._reference = reference

    @cached_property
    def units(self) -> UnitTable:
        with self._ctx.store.read() as session:
            rows = session.scalars(select(UnitRow).order_by(UnitRow.code)).all()
            return UnitTable(Unit(r.code, r.dimension, r.canonical, r.factor) for r in rows)

    @cached_property
    def carriers(self) -> dict[str, EnergyCarrier]:
        with self._ctx.store.read() as session:
            rows = session.scalars(select(EnergyCarrierRow).order_by(EnergyCarrierRow.code)).all()
            return {r.code: EnergyCarrier(r.code, r.unit, r.net_heating_value_mj, r.co2_kg_per_unit) for r in rows}

    @cached_property
    def benchmarks(self) -> tuple[Benchmark, ...]:
        with self._ctx.store.read() as session:
            rows = session.scalars(select(CPBenchmark).order_by(CPBenchmark.code)).all()
            return tuple(
                Benchmark(
                    r.code,
                    r.vsic_version,
                    r.vsic_code,
                    r.product,
                    r.indicator,
                    r.value,
                    r.unit,
                    r.comparison,
                    bool(r.is_legal_norm),
                    r.valid_from,
                    r.valid_to,
                    r.source,
                    r.mark,
                )
                for r in rows
            )

    @cached_property
    def parameters(self) -> dict[str, float]:
        with self._ctx.store.read() as session:
            return {p.code: p.value for p in session.scalars(select(Parameter))}

    @property
    def grid_emission_factor(self) -> float | None:
        return self.parameters.get(GRID_EMISSION_FACTOR)

    def benchmarks_for(self, vsic_version: str, vsic_code: str) -> list[Benchmark]:
        return [b for b in self.benchmarks if b.vsic_version == vsic_version and b.vsic_code == vsic_code]

    def indicators_for(self, assessment: CPAssessment, vsic_version: str, vsic_code: str) -> CPFacts:
        table, carriers = self.units, self.carriers
        indicators = specific_consumption(assessment, table, carriers)
        comparisons = compare_with_benchmarks(
            indicators,
            self.benchmarks,
            table,
            vsic_version=vsic_version,
            vsic_code=vsic_code,
            period_start=assessment.period_start,
            period_end=assessment.period_end,
        )
        factor = self.grid_emission_factor
        good = self.parameters.get(GOOD_PAYBACK_YEARS)
        options = tuple(
            evaluate_option(o, grid_factor_t_per_mwh=factor, good_payback_years=good, table=table, carriers=carriers)
            for o in assessment.options
        )
        return CPFacts(
            indicators=tuple(indicators),
            comparisons=tuple(comparisons),
            energy=energy_total(assessment, table, carriers),
            options=options,
            savings_by_category=savings_by_category(assessment.options),
            grid_emission_factor=factor,
        )

    def forget(self) -> None:
        for name in ("units", "carriers", "benchmarks", "parameters"):
            self.__dict__.pop(name, None)
