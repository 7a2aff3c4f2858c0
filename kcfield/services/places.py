"""Where establishments are: the ones near a point, and a day's list of visits in a sensible order.

Nearby: a box around the point (a cheap SQL pre-filter on latitude/longitude) and then geodesic distances
(:mod:`kcfield.geo.distance`) on what is left, nearest first. The day's list ("lộ trình trong ngày") is kept
in the preferences so it survives a restart; its suggested order comes from :mod:`kcfield.geo.route`
(nearest neighbour, then 2-opt). Stops without a recorded position cannot be placed: they stay at the end, in
the order the person gave, and are marked so.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from sqlalchemy import select

from kcfield.geo.distance import Point, distance_m, nearby
from kcfield.geo.route import visiting_order
from kcfield.services.context import ServiceContext
from kcfield.services.preferences import Preferences
from kcfield.services.reference import ReferenceService
from kcfield.store.models import EstablishmentRow

__all__ = ["DayPlan", "NearbyPlace", "PlacesService", "PlanStop"]

MAX_STOPS = 60
_PLACE_COLUMNS = (
    EstablishmentRow.id,
    EstablishmentRow.name,
    EstablishmentRow.village,
    EstablishmentRow.commune_code,
    EstablishmentRow.latitude,
    EstablishmentRow.longitude,
)  # a field day is a handful; 60 keeps 2-opt instant and the printed batch reasonable


@dataclass(frozen=True)
class NearbyPlace:
    id: UUID
    name: str
    where: str  # "village, commune"
    latitude: float
    longitude: float
    distance_m: float


@dataclass(frozen=True)
class DayPlan:
    """The establishments to visit, in the order chosen, and where the day starts (``None``: at the first)."""

    stops: tuple[UUID, ...] = ()
    start: Point | None = None

    def with_stop(self, establishment_id: UUID) -> DayPlan:
        if establishment_id in self.stops:
            return self
        return DayPlan((*self.stops, establishment_id), self.start)

    def without(self, establishment_id: UUID) -> DayPlan:
        return DayPlan(tuple(s for s in self.stops if s != establishment_id), self.start)

    def moved(self, index: int, offset: int) -> DayPlan:
        target = index + offset
        if not (0 <= index < len(self.stops) and 0 <= target < len(self.stops)):
            return self
        stops = list(self.stops)
        stops[index], stops[target] = stops[target], stops[index]
        return DayPlan(tuple(stops), self.start)


@dataclass(frozen=True)
class PlanStop:
    id: UUID
    name: str
    where: str
    latitude: float | None
    longitude: float | None
    leg_m: float | None  # from the previous stop (or the start); None when either end has no position
    missing: bool = False  # deleted since it was planned, or not in this store


@dataclass(frozen=True)
class PlanRoute:
    stops: list[PlanStop] = field(default_factory=list)
    total_m: float = 0.0
    unplaced: int = 0  # stops without a position


class PlacesService:
    def __init__(self, ctx: ServiceContext, reference: ReferenceService, preferences: Preferences) -> None:
        self._ctx = ctx
        self._reference = reference
        self._preferences = preferences

    # -- nearby ------------------------------------------------------------------------------------------

    def nearby(
        self, point: Point, *, within_m: float = 5_000, limit: int = 20, exclude: UUID | None = None
    ) -> list[NearbyPlace]:
        """Establishments with a position within ``within_m`` of ``point``, nearest first."""
        lat, lon = point
        dlat = within_m / 111_000 + 1e-6  # a degree of latitude is at least 110.5 km: the box is never too small
        dlon = within_m / (111_000 * max(math.cos(math.radians(min(abs(lat) + dlat, 89.0))), 0.01)) + 1e-6
        with self._ctx.store.read() as session:
            rows = session.execute(
                select(*_PLACE_COLUMNS).where(
                    EstablishmentRow.deleted.is_(False),
                    EstablishmentRow.latitude.between(lat - dlat, lat + dlat),
                    EstablishmentRow.longitude.between(lon - dlon, lon + dlon),
                )
            ).all()
        by_id = {r.id: r for r in rows if r.id != exclude}
        found = nearby(point, ((r.id, r.latitude, r.longitude) for r in by_id.values()), limit, within_m)
        return [
            NearbyPlace(
                rid,
                by_id[rid].name,
                self._where(by_id[rid].village, by_id[rid].commune_code),
                by_id[rid].latitude,
                by_id[rid].longitude,
                metres,
            )
            for rid, metres in found
        ]

    # -- the day's list ---------------------------------------------------------------------------------

    def day_plan(self) -> DayPlan:
        raw = self._preferences.day_plan
        stops: list[UUID] = []
        for value in raw.get("stops", []):
            try:
                stops.append(UUID(str(value)))
            except ValueError:
                continue  # a damaged entry is dropped, the rest of the list kept
        start = raw.get("start")
        point: Point | None = None
        if isinstance(start, list) and len(start) == 2 and all(isinstance(v, int | float) for v in start):
            point = (float(start[0]), float(start[1]))
        return DayPlan(tuple(dict.fromkeys(stops))[:MAX_STOPS], point)

    def save_day_plan(self, plan: DayPlan) -> DayPlan:
        if len(plan.stops) > MAX_STOPS:
            plan = DayPlan(plan.stops[:MAX_STOPS], plan.start)
        value: dict[str, Any] = {"stops": [s.hex for s in plan.stops]}
        value["start"] = list(plan.start) if plan.start is not None else None
        self._preferences.day_plan = value
        return plan

    def add_to_day_plan(self, establishment_id: UUID) -> DayPlan:
        return self.save_day_plan(self.day_plan().with_stop(establishment_id))

    def route(self, plan: DayPlan) -> PlanRoute:
        """The plan's stops in its order, with the distance of each leg and the total (straight lines)."""
        rows = self._rows(plan.stops)
        stops: list[PlanStop] = []
        here = plan.start
        total = 0.0
        unplaced = 0
        for sid in plan.stops:
            row = rows.get(sid)
            if row is None:
                stops.append(PlanStop(sid, "", "", None, None, None, missing=True))
                continue
            point = (row.latitude, row.longitude) if row.latitude is not None and row.longitude is not None else None
            leg = distance_m(here, point) if here is not None and point is not None else None
            if point is None:
                unplaced += 1
            else:
                here = point
            total += leg or 0.0
            stops.append(
                PlanStop(sid, row.name, self._where(row.village, row.commune_code), row.latitude, row.longitude, leg)
            )
        return PlanRoute(stops, total, unplaced)

    def suggest_order(self, plan: DayPlan) -> DayPlan:
        """The same stops in a short visiting order; stops without a position keep their order at the end."""
        rows = self._rows(plan.stops)
        placed = [
            (sid, rows[sid].latitude, rows[sid].longitude)
            for sid in plan.stops
            if sid in rows and rows[sid].latitude is not None and rows[sid].longitude is not None
        ]
        if not placed:
            return plan
        start = plan.start if plan.start is not None else (placed[0][1], placed[0][2])
        ordered = visiting_order(start, placed)
        placed_ids = set(ordered)
        rest = [sid for sid in plan.stops if sid not in placed_ids]
        return DayPlan((*ordered, *rest), plan.start)

    # -- internals ----------------------------------------------------------------------------------------

    def _rows(self, ids: Sequence[UUID]) -> dict[UUID, Any]:
        if not ids:
            return {}
        with self._ctx.store.read() as session:
            found = session.execute(
                select(*_PLACE_COLUMNS).where(EstablishmentRow.id.in_(list(ids)), EstablishmentRow.deleted.is_(False))
            ).all()
        return {r.id: r for r in found}

    def _where(self, village: str, commune_code: int | None) -> str:
        commune = self._reference.communes.get(commune_code) if commune_code is not None else None
        return ", ".join(p for p in (village, commune.name if commune else "") if p)
