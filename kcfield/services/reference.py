"""Reference data: first-start loading of the bundled files and read access for the other services.

Lookups are cached per instance (a few thousand small rows) and dropped when a dataset is reloaded, so the
GUI thread never waits on SQL to name a commune.
"""

from __future__ import annotations

from functools import cached_property
from typing import Any

from sqlalchemy import select

from kcfield.domain.eligibility import PlaceFacts
from kcfield.domain.enums import CommuneKind, ProvinceKind
from kcfield.domain.errors import DomainError
from kcfield.domain.reference import CommuneInfo, DatasetVersion, ProvinceInfo, VsicInfo
from kcfield.domain.rules import EligibilityRules, SupportRules
from kcfield.geo.coordinates import Bounds, grow_bounds
from kcfield.resources import resource_path
from kcfield.services.context import ServiceContext
from kcfield.store import reference as loader
from kcfield.store.models import Commune, Province, ReferenceDataset, VsicCode


class ReferenceService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def ensure_loaded(self) -> list[str]:
        """Load bundled datasets that are missing or changed; returns the names loaded."""
        with self._ctx.store.write() as session:
            loaded = loader.ensure_bundled(session, resource_path("data"), self._ctx.now())
        if loaded:
            self._forget()
        return loaded

    def datasets(self) -> list[DatasetVersion]:
        with self._ctx.store.read() as session:
            rows = session.scalars(select(ReferenceDataset).order_by(ReferenceDataset.name)).all()
            return [DatasetVersion(r.name, r.version, r.origin, r.source) for r in rows]

    @cached_property
    def provinces(self) -> dict[int, ProvinceInfo]:
        with self._ctx.store.read() as session:
            return {
                p.code: ProvinceInfo(p.code, p.name, ProvinceKind(p.kind), p.centrally_run, p.phone_area_code)
                for p in session.scalars(select(Province).order_by(Province.code))
            }

    @cached_property
    def communes(self) -> dict[int, CommuneInfo]:
        with self._ctx.store.read() as session:
            return {
                c.code: CommuneInfo(
                    c.code,
                    c.name,
                    CommuneKind(c.kind),
                    c.province_code,
                    c.former_province,
                    c.latitude,
                    c.longitude,
                    c.radius_km,
                    c.difficult,
                    c.ethnic_minority_area,
                )
                for c in session.scalars(select(Commune).order_by(Commune.code))
            }

    @cached_property
    def vsic(self) -> dict[tuple[str, str], VsicInfo]:
        with self._ctx.store.read() as session:
            return {
                (v.version, v.code): VsicInfo(v.version, v.code, v.name_vi, v.name_en, v.sector_group)
                for v in session.scalars(select(VsicCode).order_by(VsicCode.version, VsicCode.code))
            }

    @cached_property
    def eligibility_rules(self) -> EligibilityRules:
        return EligibilityRules.from_dict(self._document("eligibility"))

    @cached_property
    def support_rules(self) -> SupportRules:
        return SupportRules.from_dict(self._document("support_rules"))

    @cached_property
    def province_bounds(self) -> dict[int, Bounds]:
        """Each province's box grown by the dataset's margin, for the "outside the province" warning.

        Empty when the dataset is missing (an old store or a centre that withdrew it): the check is then
        simply not made. A malformed document is an error, so a bad centre package does not go unnoticed.
        """
        try:
            raw = self._document("province_bounds")
        except DomainError:
            return {}
        try:
            margin = float(raw.get("margin_km", 0))
            boxes: dict[int, Bounds] = {}
            for code, box in dict(raw["bounds"]).items():
                lat_min, lat_max, lon_min, lon_max = (float(v) for v in box)
                if not (lat_min < lat_max and lon_min < lon_max):
                    raise ValueError(f"empty box for province {code}")
                boxes[int(code)] = grow_bounds((lat_min, lat_max, lon_min, lon_max), margin)
        except (KeyError, TypeError, ValueError) as exc:
            raise DomainError("reference.invalid", name="province_bounds", reason=str(exc)) from exc
        return boxes

    def province_of_commune(self, commune_code: int | None) -> ProvinceInfo | None:
        commune = self.communes.get(commune_code) if commune_code is not None else None
        return self.provinces.get(commune.province_code) if commune is not None else None

    def communes_of(self, province_code: int) -> list[CommuneInfo]:
        return [c for c in self.communes.values() if c.province_code == province_code]

    def place_facts(self, commune_code: int | None) -> PlaceFacts | None:
        commune = self.communes.get(commune_code) if commune_code is not None else None
        if commune is None:
            return None
        return PlaceFacts.from_reference(commune, self.provinces[commune.province_code])

    def _document(self, name: str) -> dict[str, Any]:
        with self._ctx.store.read() as session:
            return dict(loader.document(session, name))

    def forget(self) -> None:
        """Drop the cached lookups (a dataset was replaced, e.g. by a centre package)."""
        self._forget()

    def _forget(self) -> None:
        for name in ("provinces", "communes", "vsic", "eligibility_rules", "support_rules", "province_bounds"):
            self.__dict__.pop(name, None)
