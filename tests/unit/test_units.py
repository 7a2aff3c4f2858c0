"""The one unit-conversion module, checked by hand against the bundled units and energy carriers."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from kcfield.domain.errors import DomainError
from kcfield.domain.messages import describe_error
from kcfield.domain.units import EnergyCarrier, Unit, UnitTable, rate

DATA = Path(__file__).resolve().parents[2] / "resources" / "data"


def _rows(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="module")
def table() -> UnitTable:
    return UnitTable(Unit(r["code"], r["dimension"], r["canonical"], float(r["factor"])) for r in _rows("units.csv"))


@pytest.fixture(scope="module")
def carriers() -> dict[str, EnergyCarrier]:
    return {
        r["code"]: EnergyCarrier(
            r["code"],
            r["unit"],
            float(r["net_heating_value_mj"]),
            float(r["co2_kg_per_unit"]) if r["co2_kg_per_unit"] else None,
        )
        for r in _rows("energy_carriers.csv")
    }


def test_kwh_is_3_6_mj(table: UnitTable) -> None:
    assert table.convert(1, "kWh", "MJ") == pytest.approx(3.6)
    assert table.convert(1, "MWh", "kWh") == pytest.approx(1000)
    assert table.convert(3600, "MJ", "kWh") == pytest.approx(1000)
    assert table.convert(1, "kgOE", "MJ") == pytest.approx(41.868)


def test_vietnamese_mass_units(table: UnitTable) -> None:
    assert table.convert(1, "t", "ta") == pytest.approx(10)  # 1 tấn = 10 tạ
    assert table.convert(1, "ta", "yen") == pytest.approx(10)  # 1 tạ = 10 yến
    assert table.convert(3, "ta", "kg") == pytest.approx(300)
    assert table.convert(5, "yen", "kg") == pytest.approx(50)
    assert table.convert(250, "yen", "t") == pytest.approx(2.5)
    value, unit = table.to_canonical(2, "t")
    assert (value, unit) == (2000, "kg")
    value, unit = table.to_canonical(500, "l")
    assert value == pytest.approx(0.5)
    assert unit == "m3"


def test_typed_spellings_resolve(table: UnitTable) -> None:
    assert table.resolve("m³") == "m3"
    assert table.resolve("KWH") == "kWh"
    assert table.resolve(" t ") == "t"
    assert table.resolve("bao") is None
    assert "kWh" in table
    assert "bao" not in table


def test_incompatible_units_are_refused_with_a_code(table: UnitTable) -> None:
    with pytest.raises(DomainError) as caught:
        table.convert(1, "kg", "m3")
    assert caught.value.code == "units.incompatible"
    assert caught.value.params["from_dimension"] == "mass"
    assert "m3" in describe_error(caught.value, "en")
    assert "khác loại" in describe_error(caught.value, "vi")


def test_unknown_unit_is_refused(table: UnitTable) -> None:
    with pytest.raises(DomainError) as caught:
        table.convert(1, "bao", "kg")
    assert caught.value.code == "units.unknown"


def test_rates(table: UnitTable) -> None:
    assert rate("kWh", "t") == "kWh/t"
    assert table.split_rate("kWh/t") == ("kWh", "t")
    assert table.per_unit("kWh/t", "MJ/t") == pytest.approx(3.6)
    assert table.per_unit("kWh/t", "kWh/kg") == pytest.approx(0.001)
    assert table.convert_rate(1050, "kWh/t", "kWh/kg") == pytest.approx(1.05)
    assert table.convert_rate(2035, "kJ/kg", "MJ/t") == pytest.approx(2035)  # the brick-kiln figure
    assert table.convert_rate(618, "Mcal/t", "MJ/t") == pytest.approx(618 * 4.1868)  # the bún survey
    assert table.convert_rate(21, "m3/t", "l/kg") == pytest.approx(21)  # 21,000 l per 1,000 kg


def test_bad_and_incompatible_rates(table: UnitTable) -> None:
    for bad in ("kWh", "kWh/", "kWh/t/t", "kWh/bao"):
        with pytest.raises(DomainError) as caught:
            table.split_rate(bad)
        assert caught.value.code == "units.bad_rate"
    with pytest.raises(DomainError) as caught:
        table.per_unit("kWh/m3", "kWh/t")
    assert caught.value.code == "units.incompatible"


def test_energy_of_carriers(table: UnitTable, carriers: dict[str, EnergyCarrier]) -> None:
    coal = carriers["coal_anthracite"]
    assert table.energy_mj(1000, "kg", coal) == pytest.approx(26_700)  # 1,000 kg × 26.7 MJ/kg
    assert table.energy_mj(1, "t", coal) == pytest.approx(26_700)  # converted into the carrier's kg first
    assert table.energy_mj(5, "ta", carriers["rice_husk"]) == pytest.approx(500 * 11.6)
    assert table.energy_mj(100, "l", carriers["diesel"]) == pytest.approx(3_610)
    assert table.energy_mj(1000, "kWh", carriers["electricity"]) == pytest.approx(3_600)
    assert table.energy_mj(1000, "kWh") == pytest.approx(3_600)  # an energy unit needs no carrier
    with pytest.raises(DomainError) as caught:
        table.energy_mj(100, "kg", carriers["diesel"])  # no density is guessed
    assert caught.value.code == "units.incompatible"
    with pytest.raises(DomainError) as caught:
        table.energy_mj(100, "kg")
    assert caught.value.code == "units.carrier_needed"


def test_co2_of_fuel(table: UnitTable, carriers: dict[str, EnergyCarrier]) -> None:
    assert table.co2_kg(1000, "kg", carriers["coal_anthracite"]) == pytest.approx(2_620)
    assert table.co2_kg(1, "t", carriers["coal_anthracite"]) == pytest.approx(2_620)
    assert table.co2_kg(1000, "kWh", carriers["electricity"]) is None  # the grid factor is used instead
    assert table.co2_kg(50, "kg", carriers["firewood"]) == 0
