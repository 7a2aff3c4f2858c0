"""The one unit-conversion module: units, rates such as "kWh/t", and energy from carriers (DOMAIN.md §3).

Every factor comes from reference data (``units.csv``, ``energy_carriers.csv``) passed in as frozen
dataclasses; nothing here is a constant except the spelling variants people type (``m³`` for ``m3``).
A conversion that cannot be done raises :class:`~kcfield.domain.errors.DomainError` with a message code
(``units.unknown``, ``units.incompatible``, ``units.bad_rate``) instead of guessing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from kcfield.domain.errors import DomainError

ENERGY = "energy"
RATE_SEPARATOR = "/"
_SPELLINGS = str.maketrans({"³": "3", "²": "2", "\u00a0": "", " ": ""})


@dataclass(frozen=True, slots=True)
class Unit:
    code: str
    dimension: str  # mass, volume, energy, count, area, time
    canonical: str  # the dimension's canonical unit code (factor 1)
    factor: float  # value in ``canonical`` of one of this unit


@dataclass(frozen=True, slots=True)
class EnergyCarrier:
    code: str
    unit: str  # the unit the heating value and CO2 factor are given per
    net_heating_value_mj: float  # MJ per ``unit``
    co2_kg_per_unit: float | None = None  # None for electricity: use the grid emission factor


class UnitTable:
    """Lookups and conversions over the units reference rows."""

    def __init__(self, units: Iterable[Unit]) -> None:
        self._units: dict[str, Unit] = {u.code: u for u in units}
        folded: dict[str, list[str]] = {}
        for code in self._units:
            folded.setdefault(code.casefold(), []).append(code)
        # a case-insensitive spelling is accepted only when it names one unit
        self._folded = {k: v[0] for k, v in folded.items() if len(v) == 1}

    def __contains__(self, code: object) -> bool:
        return isinstance(code, str) and self.resolve(code) is not None

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(self._units)

    def resolve(self, code: str) -> str | None:
        """The table's code for what a person typed ("m³" → "m3", "KWH" → "kWh"), or None."""
        if code in self._units:
            return code
        cleaned = code.strip().translate(_SPELLINGS)
        if cleaned in self._units:
            return cleaned
        return self._folded.get(cleaned.casefold())

    def unit(self, code: str) -> Unit:
        resolved = self.resolve(code)
        if resolved is None:
            raise DomainError("units.unknown", unit=code)
        return self._units[resolved]

    def dimension(self, code: str) -> str:
        return self.unit(code).dimension

    def compatible(self, a: str, b: str) -> bool:
        ua, ub = self.resolve(a), self.resolve(b)
        return ua is not None and ub is not None and self._units[ua].dimension == self._units[ub].dimension

    def factor(self, from_code: str, to_code: str) -> float:
        """Multiply a value in ``from_code`` by this to get it in ``to_code`` (same dimension only)."""
        source, target = self.unit(from_code), self.unit(to_code)
        if source.dimension != target.dimension:
            raise DomainError(
                "units.incompatible",
                from_unit=from_code,
                to_unit=to_code,
                from_dimension=source.dimension,
                to_dimension=target.dimension,
            )
        return source.factor / target.factor

    def convert(self, value: float, from_code: str, to_code: str) -> float:
        return value * self.factor(from_code, to_code)

    def to_canonical(self, value: float, code: str) -> tuple[float, str]:
        unit = self.unit(code)
        return value * unit.factor, unit.canonical

    # --- rates ("kWh/t") -----------------------------------------------------------------------------------

    def split_rate(self, rate: str) -> tuple[str, str]:
        """ "kWh/t" → ("kWh", "t"), both known units; else DomainError("units.bad_rate")."""
        parts = rate.split(RATE_SEPARATOR)
        if len(parts) != 2 or not parts[0].strip() or not parts[1].strip():
            raise DomainError("units.bad_rate", unit=rate)
        numerator, denominator = (self.resolve(p) for p in parts)
        if numerator is None or denominator is None:
            raise DomainError("units.bad_rate", unit=rate)
        return numerator, denominator

    def per_unit(self, from_rate: str, to_rate: str) -> float:
        """Factor from one rate to another: kWh/t → MJ/t is 3.6, kWh/t → kWh/kg is 0.001.

        Numerators must share a dimension and so must denominators, else ``units.incompatible``.
        """
        from_num, from_den = self.split_rate(from_rate)
        to_num, to_den = self.split_rate(to_rate)
        return self.factor(from_num, to_num) / self.factor(from_den, to_den)

    def convert_rate(self, value: float, from_rate: str, to_rate: str) -> float:
        return value * self.per_unit(from_rate, to_rate)

    # --- energy -------------------------------------------------------------------------------------------

    def energy_mj(self, quantity: float, unit_code: str, carrier: EnergyCarrier | None = None) -> float:
        """Energy content in MJ of ``quantity`` ``unit_code`` of a carrier.

        A quantity already in an energy unit (kWh, kcal, kgOE …) converts directly (1 kWh = 3.6 MJ). A fuel
        given by mass or volume is converted into the carrier's own unit first (1 t coal → 1,000 kg) and then
        multiplied by its net heating value. A fuel in a unit of another dimension (diesel in kg when its value
        is per litre) is refused with ``units.incompatible``: no density is guessed.
        """
        if self.dimension(unit_code) == ENERGY:
            return self.convert(quantity, unit_code, "MJ")
        if carrier is None:
            raise DomainError("units.carrier_needed", unit=unit_code)
        return self.convert(quantity, unit_code, carrier.unit) * carrier.net_heating_value_mj

    def co2_kg(self, quantity: float, unit_code: str, carrier: EnergyCarrier) -> float | None:
        """Direct CO2 of burning ``quantity`` of a fuel, or None when the carrier has no factor (electricity)."""
        if carrier.co2_kg_per_unit is None:
            return None
        if self.compatible(unit_code, carrier.unit):
            return self.convert(quantity, unit_code, carrier.unit) * carrier.co2_kg_per_unit
        if self.dimension(unit_code) == ENERGY and carrier.net_heating_value_mj > 0:
            return self.energy_mj(quantity, unit_code) / carrier.net_heating_value_mj * carrier.co2_kg_per_unit
        raise DomainError(
            "units.incompatible",
            from_unit=unit_code,
            to_unit=carrier.unit,
            from_dimension=self.dimension(unit_code),
            to_dimension=self.dimension(carrier.unit),
        )


def rate(numerator: str, denominator: str) -> str:
    """The rate's unit text: rate("kWh", "t") == "kWh/t"."""
    return f"{numerator}{RATE_SEPARATOR}{denominator}"
