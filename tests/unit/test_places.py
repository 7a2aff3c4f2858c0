"""Establishments near a point and the day's visiting list (stored, ordered, with distances)."""

from __future__ import annotations

import pytest

from kcfield.domain.model import Establishment
from kcfield.geo.distance import distance_m
from kcfield.services.container import Services
from kcfield.services.places import DayPlan

BASE = (10.4911, 107.2714)  # Phường Bà Rịa area


def make(services: Services, name: str, lat: float | None, lon: float | None, commune: int = 26596) -> Establishment:
    return services.establishments.create(
        Establishment(name=name, commune_code=commune, village="Ấp Bắc", latitude=lat, longitude=lon)
    )


def test_nearby_lists_establishments_within_the_radius_nearest_first(services: Services) -> None:
    far = make(services, "Cơ sở xa", BASE[0] + 0.1, BASE[1])  # ≈ 11 km north
    near = make(services, "Cơ sở gần", BASE[0] + 0.001, BASE[1])  # ≈ 111 m
    middle = make(services, "Cơ sở vừa", BASE[0], BASE[1] + 0.01)  # ≈ 1.09 km east
    make(services, "Cơ sở chưa có toạ độ", None, None)
    gone = make(services, "Cơ sở đã xoá", BASE[0] + 0.0005, BASE[1])
    assert gone.id is not None
    services.establishments.delete(gone.id)

    found = services.places.nearby(BASE, within_m=5_000)
    assert [p.name for p in found] == ["Cơ sở gần", "Cơ sở vừa"]
    assert found[0].id == near.id and found[1].id == middle.id
    assert found[0].distance_m == pytest.approx(110.6, abs=1.0)
    assert found[1].distance_m == pytest.approx(distance_m(BASE, (BASE[0], BASE[1] + 0.01)))
    assert found[0].where.startswith("Ấp Bắc, ")
    assert far.id not in {p.id for p in services.places.nearby(BASE, within_m=10_000)}
    assert far.id in {p.id for p in services.places.nearby(BASE, within_m=12_000)}
    assert [p.name for p in services.places.nearby(BASE, within_m=5_000, exclude=near.id)] == ["Cơ sở vừa"]
    assert len(services.places.nearby(BASE, within_m=5_000, limit=1)) == 1


def test_the_day_plan_survives_and_suggests_a_short_order(services: Services) -> None:
    # Four stops along a line going east, listed in a zig-zag order.
    east = [make(services, f"Cơ sở {i}", BASE[0], BASE[1] + 0.01 * i) for i in range(4)]
    unplaced = make(services, "Cơ sở không toạ độ", None, None)
    ids = [e.id for e in east]
    assert all(i is not None for i in ids) and unplaced.id is not None
    zigzag = DayPlan((ids[0], ids[3], unplaced.id, ids[1], ids[2]))  # type: ignore[arg-type]
    services.places.save_day_plan(zigzag)
    assert services.places.day_plan() == zigzag  # stored, e.g. across a restart

    before = services.places.route(zigzag)
    ordered = services.places.suggest_order(zigzag)
    assert ordered.stops == (ids[0], ids[1], ids[2], ids[3], unplaced.id)  # the unplaced one goes last
    after = services.places.route(ordered)
    leg = distance_m((BASE[0], BASE[1]), (BASE[0], BASE[1] + 0.01))
    assert after.total_m == pytest.approx(3 * leg, rel=1e-3)
    assert before.total_m == pytest.approx(6 * leg, rel=1e-3)  # 0→3, 3→1, 1→2: 3 + 2 + 1 legs
    assert after.unplaced == 1 and after.stops[-1].leg_m is None
    assert after.stops[0].leg_m is None  # no start given: the day starts at the first stop


def test_a_start_point_changes_the_order(services: Services) -> None:
    a = make(services, "Cơ sở A", BASE[0], BASE[1])
    b = make(services, "Cơ sở B", BASE[0], BASE[1] + 0.05)
    assert a.id is not None and b.id is not None
    plan = DayPlan((a.id, b.id), start=(BASE[0], BASE[1] + 0.06))  # the collaborator starts east of B
    assert services.places.suggest_order(plan).stops == (b.id, a.id)
    route = services.places.route(DayPlan((b.id, a.id), plan.start))
    assert route.stops[0].leg_m == pytest.approx(distance_m(plan.start, (BASE[0], BASE[1] + 0.05)))  # type: ignore[arg-type]


def test_adding_twice_keeps_one_stop_and_deleted_stops_are_marked(services: Services) -> None:
    a = make(services, "Cơ sở A", BASE[0], BASE[1])
    assert a.id is not None
    services.places.add_to_day_plan(a.id)
    plan = services.places.add_to_day_plan(a.id)
    assert plan.stops == (a.id,)
    services.establishments.delete(a.id)
    route = services.places.route(plan)
    assert route.stops[0].missing


def test_a_damaged_stored_plan_keeps_what_it_can(services: Services) -> None:
    a = make(services, "Cơ sở A", BASE[0], BASE[1])
    assert a.id is not None
    services.preferences.day_plan = {"stops": ["không phải mã", a.id.hex, a.id.hex], "start": ["x", 1]}
    assert services.places.day_plan() == DayPlan((a.id,), None)
