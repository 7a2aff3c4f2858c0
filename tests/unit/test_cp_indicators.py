"""Cleaner-production indicators, benchmark comparison and option evaluation, with hand-checked numbers."""

from __future__ import annotations

import csv
import dataclasses
import string
from datetime import date
from pathlib import Path

import pytest

from kcfield.domain.cp_indicators import (
    Benchmark,
    Indicator,
    Position,
    annual_net_savings,
    co2_avoided_t,
    compare_with_benchmark,
    compare_with_benchmarks,
    energy_total,
    evaluate_option,
    savings_by_category,
    simple_payback_years,
    specific_consumption,
)
from kcfield.domain.eligibility import Reason, explain
from kcfield.domain.enums import CPInputCategory, CPOutputCategory
from kcfield.domain.messages import catalogue
from kcfield.domain.messages.cp_indicators import CATALOGUE
from kcfield.domain.model import CPAssessment, CPInput, CPOption, CPOutput
from kcfield.domain.units import EnergyCarrier, Unit, UnitTable
from kcfield.services.container import Services
from kcfield.services.cp_reference import CPReference

DATA = Path(__file__).resolve().parents[2] / "resources" / "data"
GRID = 0.6592


def _rows(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _date(text: str) -> date | None:
    return date.fromisoformat(text) if text else None


TABLE = UnitTable(Unit(r["code"], r["dimension"], r["canonical"], float(r["factor"])) for r in _rows("units.csv"))
CARRIERS = {
    r["code"]: EnergyCarrier(
        r["code"],
        r["unit"],
        float(r["net_heating_value_mj"]),
        float(r["co2_kg_per_unit"]) if r["co2_kg_per_unit"] else None,
    )
    for r in _rows("energy_carriers.csv")
}
BENCHMARKS = tuple(
    Benchmark(
        r["code"],
        r["vsic_version"],
        r["vsic_code"],
        r["product"],
        r["indicator"],
        float(r["value"]),
        r["unit"],
        r["comparison"],
        r["is_legal_norm"] == "1",
        _date(r["valid_from"]),
        _date(r["valid_to"]),
        r["source"],
        r["mark"],
    )
    for r in _rows("cp_benchmarks.csv")
)


def _catfish(output: float = 120, unit: str = "t", **changes: object) -> CPAssessment:
    a = CPAssessment(
        period_start=date(2024, 1, 1),
        period_end=date(2024, 12, 31),
        product_name="Cá tra phi lê đông lạnh",
        output_quantity=output,
        output_unit=unit,
        inputs=(
            CPInput(CPInputCategory.MATERIAL, "Cá tươi", 300, "t"),
            CPInput(CPInputCategory.ENERGY, "Điện năng", 150_000, "kWh", 2_000, "electricity"),
            CPInput(CPInputCategory.ENERGY, "Than đá", 1_000, "kg", None, "coal_anthracite"),
            CPInput(CPInputCategory.WATER, "Nước sạch", 1_800, "m3"),
        ),
        outputs=(
            CPOutput(CPOutputCategory.WASTEWATER, "Nước thải", 1_500, "m3"),
            CPOutput(CPOutputCategory.SOLID_WASTE, "Đầu, xương cá", 6, "t"),
        ),
    )
    return dataclasses.replace(a, **changes)  # type: ignore[arg-type]


def _by_code(indicators: list[Indicator]) -> dict[str, Indicator]:
    return {i.code: i for i in indicators}


def _all_reasons_known(reasons: tuple[Reason, ...]) -> None:
    for r in reasons:
        assert r.code in catalogue(), r.code
        for lang in ("vi", "en"):
            assert "{" not in r.text(lang), (r.code, r.text(lang))


def test_specific_consumption_hand_checked() -> None:
    found = _by_code(specific_consumption(_catfish(), TABLE, CARRIERS))
    electricity = found["electricity_per_product"]
    assert electricity.value == pytest.approx(1_250)  # 150,000 kWh ÷ 120 t
    assert electricity.unit == "kWh/t"
    assert electricity.inputs == ("Điện năng",)
    energy = found["energy_per_product"]
    assert energy.unit == "MJ/t"
    assert energy.value == pytest.approx((150_000 * 3.6 + 1_000 * 26.7) / 120)  # 4,722.5 MJ/t
    assert found["water_per_product"].value == pytest.approx(15)  # m3/t
    assert found["water_per_product"].unit == "m3/t"
    assert found["material_per_product"].value == pytest.approx(2.5)  # t/t
    assert found["wastewater_per_product"].value == pytest.approx(12.5)
    assert found["solid_waste_per_product"].value == pytest.approx(50)  # 6 t = 6,000 kg ÷ 120 t
    assert found["solid_waste_per_product"].unit == "kg/t"
    assert found["cost_per_product"].value == pytest.approx(2_500_000)  # 150,000 × 2,000 ₫ ÷ 120 t
    assert found["cost_per_product"].unit == "VND/t"
    for indicator in found.values():
        _all_reasons_known(indicator.reasons)
    assert "1250 kWh/t = 150,000 kWh ÷ 120 t" in explain(electricity.reasons, "en")
    assert "= 150.000 kWh ÷ 120 t" in explain(electricity.reasons, "vi")
    assert "(2 data rows)" in explain(energy.reasons, "en")


@pytest.mark.parametrize(("output", "unit"), [(120_000, "kg"), (1_200, "ta"), (12_000, "yen")])
def test_output_in_other_mass_units_converts_to_tonnes(output: float, unit: str) -> None:
    electricity = _by_code(specific_consumption(_catfish(output, unit), TABLE, CARRIERS))["electricity_per_product"]
    assert electricity.unit == "kWh/t"
    assert electricity.denominator == pytest.approx(120)
    assert electricity.value == pytest.approx(1_250)


def test_product_from_output_rows_when_no_quantity() -> None:
    a = _catfish(output_quantity=None, output_unit="")
    a = dataclasses.replace(a, outputs=(*a.outputs, CPOutput(CPOutputCategory.PRODUCT, "Phi lê", 120_000, "kg")))
    assert _by_code(specific_consumption(a, TABLE, CARRIERS))["electricity_per_product"].value == pytest.approx(1_250)


def test_no_product_no_indicators() -> None:
    assert specific_consumption(_catfish(output_quantity=None), TABLE, CARRIERS) == []
    assert specific_consumption(_catfish(0), TABLE, CARRIERS) == []


def test_energy_total_in_mj_and_kgoe_and_skipped_rows() -> None:
    a = _catfish()
    a = dataclasses.replace(
        a,
        inputs=(
            *a.inputs,
            CPInput(CPInputCategory.ENERGY, "Dầu DO", 50, "kg", None, "diesel"),  # diesel is per litre
            CPInput(CPInputCategory.ENERGY, "Than lạ", 10, "kg", None, "coal"),  # no such carrier
        ),
    )
    total = energy_total(a, TABLE, CARRIERS)
    assert total is not None
    assert total.mj == pytest.approx(566_700)
    assert total.kgoe == pytest.approx(566_700 / 41.868)
    assert total.by_carrier["coal_anthracite"] == pytest.approx(26_700)
    assert total.inputs == ("Điện năng", "Than đá")
    codes = [r.code for r in total.reasons]
    assert "cp_indicator.row_skipped_unit" in codes
    assert "cp_indicator.row_skipped_carrier" in codes
    _all_reasons_known(total.reasons)


def test_catfish_norm_comparison() -> None:
    indicators = specific_consumption(_catfish(), TABLE, CARRIERS)
    comparisons = compare_with_benchmarks(
        indicators,
        BENCHMARKS,
        TABLE,
        vsic_version="2018",
        vsic_code="1020",
        period_start=date(2024, 1, 1),
        period_end=date(2024, 12, 31),
    )
    by_code = {c.benchmark.code: c for c in comparisons}
    assert set(by_code) == {"BM_1020_CATFISH_ELEC", "BM_1020_SHRIMP_ELEC"}
    catfish = by_code["BM_1020_CATFISH_ELEC"]
    assert catfish.value == pytest.approx(1_250)
    assert catfish.ratio == pytest.approx(1_250 / 1_050)  # ≈ 1.19
    assert round(catfish.ratio, 2) == 1.19
    assert catfish.position is Position.ABOVE
    assert catfish.is_legal_norm
    assert "52/2018/TT-BCT" in catfish.source
    assert catfish.in_force is True
    assert catfish.exceeds_norm is True
    shrimp = by_code["BM_1020_SHRIMP_ELEC"]
    assert shrimp.position is Position.BELOW
    assert shrimp.exceeds_norm is False
    _all_reasons_known(catfish.reasons)
    assert "above the 1050 kWh/t" in explain(catfish.reasons, "en")


def test_norm_outside_its_dates_is_not_in_force() -> None:
    electricity = _by_code(specific_consumption(_catfish(), TABLE, CARRIERS))["electricity_per_product"]
    catfish = next(b for b in BENCHMARKS if b.code == "BM_1020_CATFISH_ELEC")
    later = compare_with_benchmark(
        electricity, catfish, TABLE, period_start=date(2026, 1, 1), period_end=date(2026, 6, 30)
    )
    assert later is not None
    assert later.in_force is False
    assert later.exceeds_norm is None
    unknown = compare_with_benchmark(electricity, catfish, TABLE)
    assert unknown is not None
    assert unknown.in_force is None
    assert "cp_benchmark.period_unknown" in [r.code for r in unknown.reasons]


def test_other_sector_or_indicator_is_not_compared() -> None:
    indicators = specific_consumption(_catfish(), TABLE, CARRIERS)
    assert compare_with_benchmarks(indicators, BENCHMARKS, TABLE, vsic_version="2018", vsic_code="1010") == []
    water = _by_code(indicators)["water_per_product"]
    catfish = next(b for b in BENCHMARKS if b.code == "BM_1020_CATFISH_ELEC")
    assert compare_with_benchmark(water, catfish, TABLE) is None
    per_piece = dataclasses.replace(catfish, unit="kWh/piece")
    electricity = _by_code(indicators)["electricity_per_product"]
    assert compare_with_benchmark(electricity, per_piece, TABLE) is None  # no wrong comparison


def test_changed_benchmark_data_changes_the_answer() -> None:
    electricity = _by_code(specific_consumption(_catfish(), TABLE, CARRIERS))["electricity_per_product"]
    centre = [dataclasses.replace(b, value=1_300) if b.code == "BM_1020_CATFISH_ELEC" else b for b in BENCHMARKS]
    found = compare_with_benchmarks([electricity], centre, TABLE, vsic_version="2018", vsic_code="1020")
    catfish = next(c for c in found if c.benchmark.code == "BM_1020_CATFISH_ELEC")
    assert catfish.position is Position.BELOW
    assert catfish.ratio == pytest.approx(1_250 / 1_300)
    per_kg = dataclasses.replace(centre[0], code="X", value=1.05, unit="kWh/kg")
    converted = compare_with_benchmark(electricity, per_kg, TABLE)
    assert converted is not None
    assert converted.value == pytest.approx(1.25)  # 1,250 kWh/t = 1.25 kWh/kg
    assert converted.ratio == pytest.approx(1_250 / 1_050)
    assert converted.reasons[0].code == "cp_benchmark.converted"


def test_energy_benchmark_in_mj_per_tonne() -> None:
    a = CPAssessment(
        output_quantity=10,
        output_unit="t",
        inputs=(CPInput(CPInputCategory.ENERGY, "Điện", 5_000, "kWh", None, "electricity"),),
    )
    energy = _by_code(specific_consumption(a, TABLE, CARRIERS))["energy_per_product"]
    assert energy.value == pytest.approx(1_800)  # 5,000 × 3.6 MJ ÷ 10 t
    large = next(b for b in BENCHMARKS if b.code == "BM_1062_STARCH_LARGE_ENERGY")
    found = compare_with_benchmark(energy, large, TABLE)
    assert found is not None
    assert found.ratio == pytest.approx(1_800 / 2_527)
    assert not found.is_legal_norm
    assert found.exceeds_norm is None


OPTION = CPOption(
    category=4,
    description="Biến tần cho máy nén lạnh",
    investment_vnd=60_000_000,
    annual_savings_vnd=30_000_000,
    added_operating_cost_vnd=5_000_000,
    resource_saved_quantity=10_000,
    resource_saved_unit="kWh",
    resource_saved_carrier="electricity",
)


def test_payback_and_net_savings() -> None:
    assert annual_net_savings(OPTION) == 25_000_000
    assert simple_payback_years(OPTION) == pytest.approx(2.4)  # 60 M ÷ (30 M − 5 M)
    assert annual_net_savings(OPTION, unit_price=2_000) == 15_000_000  # 10,000 kWh × 2,000 ₫ − 5 M
    assert simple_payback_years(OPTION, unit_price=2_000) == pytest.approx(4)
    losing = dataclasses.replace(OPTION, added_operating_cost_vnd=30_000_000)
    assert simple_payback_years(losing) is None
    assert simple_payback_years(dataclasses.replace(OPTION, annual_savings_vnd=1_000_000)) is None
    assert simple_payback_years(dataclasses.replace(OPTION, investment_vnd=0)) == 0


def test_co2_avoided() -> None:
    assert co2_avoided_t(OPTION, GRID) == pytest.approx(10_000 / 1000 * GRID)  # 6.592 t
    in_mwh = dataclasses.replace(OPTION, resource_saved_quantity=10, resource_saved_unit="MWh")
    assert co2_avoided_t(in_mwh, GRID, TABLE) == pytest.approx(6.592)
    assert co2_avoided_t(dataclasses.replace(OPTION, resource_saved_quantity=None), GRID) is None
    assert co2_avoided_t(OPTION, None) is None
    coal = dataclasses.replace(
        OPTION, resource_saved_quantity=2, resource_saved_unit="t", resource_saved_carrier="coal_anthracite"
    )
    assert co2_avoided_t(coal, GRID, TABLE, CARRIERS) == pytest.approx(2 * 2.62)  # 2,000 kg × 2.62 kg/kg
    water = dataclasses.replace(OPTION, resource_saved_unit="m3", resource_saved_carrier="")
    assert co2_avoided_t(water, GRID, TABLE, CARRIERS) is None


def test_evaluate_option_explains() -> None:
    found = evaluate_option(OPTION, grid_factor_t_per_mwh=GRID, good_payback_years=3)
    assert found.net_savings_vnd == 25_000_000
    assert found.payback_years == pytest.approx(2.4)
    assert found.good_payback is True
    assert found.co2_avoided_t == pytest.approx(6.592)
    _all_reasons_known(found.reasons)
    vi = explain(found.reasons, "vi")
    assert "2,4 năm" in vi and "60.000.000" in vi
    assert "10.000 kWh" in vi and "659,2 kg CO₂/MWh" in vi
    never = evaluate_option(dataclasses.replace(OPTION, annual_savings_vnd=0), good_payback_years=3)
    assert never.payback_years is None
    assert never.good_payback is None
    assert "cp_option.no_payback" in [r.code for r in never.reasons]


def test_savings_by_category_sums() -> None:
    options = [
        OPTION,
        dataclasses.replace(
            OPTION, category=1, investment_vnd=0, annual_savings_vnd=8_000_000, added_operating_cost_vnd=0
        ),
        dataclasses.replace(
            OPTION,
            category=1,
            investment_vnd=2_000_000,
            annual_savings_vnd=4_000_000,
            added_operating_cost_vnd=1_000_000,
        ),
    ]
    totals = savings_by_category(options)
    assert list(totals) == [1, 4]
    assert totals[1].options == 2
    assert totals[1].investment_vnd == 2_000_000
    assert totals[1].annual_savings_vnd == 12_000_000
    assert totals[1].net_savings_vnd == 11_000_000
    assert totals[4].net_savings_vnd == 25_000_000
    assert savings_by_category([]) == {}


def test_catalogue_texts_have_the_same_placeholders() -> None:
    for code, (vi, en) in CATALOGUE.items():
        assert vi.strip() and en.strip(), code
        vi_fields = {f for _, f, _, _ in string.Formatter().parse(vi) if f}
        en_fields = {f for _, f, _, _ in string.Formatter().parse(en) if f}
        assert vi_fields == en_fields, code
    for code in (
        "electricity_per_product",
        "energy_per_product",
        "water_per_product",
        "material_per_product",
        "wastewater_per_product",
        "solid_waste_per_product",
        "cost_per_product",
    ):
        assert f"cp_indicator.name.{code}" in catalogue()


def test_cp_reference_reads_the_store(services: Services) -> None:
    cp = CPReference(services.ctx, services.reference)
    assert cp.units.convert(1, "kWh", "MJ") == pytest.approx(3.6)
    assert cp.carriers["coal_anthracite"].net_heating_value_mj == pytest.approx(26.7)
    assert cp.carriers["electricity"].co2_kg_per_unit is None
    assert cp.grid_emission_factor == pytest.approx(GRID)
    assert {b.code for b in cp.benchmarks_for("2018", "1020")} == {"BM_1020_CATFISH_ELEC", "BM_1020_SHRIMP_ELEC"}
    catfish = next(b for b in cp.benchmarks if b.code == "BM_1020_CATFISH_ELEC")
    assert catfish.is_legal_norm is True
    assert catfish.valid_to == date(2025, 12, 31)
    facts = cp.indicators_for(_catfish(options=(OPTION,)), "2018", "1020")
    assert _by_code(list(facts.indicators))["electricity_per_product"].value == pytest.approx(1_250)
    compared = {c.benchmark.code: c for c in facts.comparisons}
    assert compared["BM_1020_CATFISH_ELEC"].position is Position.ABOVE
    assert compared["BM_1020_CATFISH_ELEC"].exceeds_norm is True
    assert facts.energy is not None
    assert facts.energy.mj == pytest.approx(566_700)
    assert facts.options[0].co2_avoided_t == pytest.approx(6.592)
    assert facts.options[0].good_payback is True  # 2.4 years within cp_payback_good_years = 3
    assert facts.savings_by_category[4].net_savings_vnd == 25_000_000
    assert cp.units is cp.units  # cached
    cp.forget()
    assert "units" not in cp.__dict__
