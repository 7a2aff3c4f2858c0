"""Reference facts as the rest of the code sees them (loaded from the store, never from constants)."""

from __future__ import annotations

from dataclasses import dataclass

from kcfield.domain.enums import CommuneKind, ProvinceKind


@dataclass(frozen=True, slots=True)
class ProvinceInfo:
    code: int
    name: str
    kind: ProvinceKind
    centrally_run: bool
    phone_area_code: str = ""


@dataclass(frozen=True, slots=True)
class CommuneInfo:
    code: int
    name: str
    kind: CommuneKind
    province_code: int
    former_province: str = ""
    latitude: float | None = None
    longitude: float | None = None
    radius_km: float | None = None
    difficult: bool | None = None
    ethnic_minority_area: bool | None = None


@dataclass(frozen=True, slots=True)
class VsicInfo:
    version: str
    code: str
    name_vi: str
    name_en: str
    sector_group: str


@dataclass(frozen=True, slots=True)
class DatasetVersion:
    name: str
    version: str
    origin: str
    source: str
