"""Distances, nearby search, visit-far-from-establishment, duplicate hints and visiting order."""

from __future__ import annotations

import itertools

import pytest

from kcfield.domain.errors import Severity
from kcfield.domain.messages import describe
from kcfield.geo.distance import distance_m, duplicate_hints, far_from, name_key, nearby
from kcfield.geo.route import nearest_neighbour_order, route_length_m, visiting_order

VUNG_TAU = (10.346, 107.084)
BA_RIA = (10.496, 107.168)


def test_vung_tau_to_ba_ria_about_19_km() -> None:
    assert distance_m(VUNG_TAU, BA_RIA) == pytest.approx(19_000, abs=1_000)
    assert distance_m(VUNG_TAU, BA_RIA) == pytest.approx(distance_m(BA_RIA, VUNG_TAU))
    assert distance_m(VUNG_TAU, VUNG_TAU) == 0


def test_nearby_sorted_limited_and_within() -> None:
    candidates = [("ba_ria", *BA_RIA), ("here", 10.3461, 107.0841), ("ha_noi", 21.0285, 105.8542)]
    found = nearby(VUNG_TAU, candidates, limit=2)
    assert [cid for cid, _ in found] == ["here", "ba_ria"]
    assert found[0][1] < 20
    assert [cid for cid, _ in nearby(VUNG_TAU, candidates, within_m=25_000, limit=None)] == ["here", "ba_ria"]
    assert nearby(VUNG_TAU, [], limit=3) == []


def test_far_from() -> None:
    assert far_from(VUNG_TAU, (10.3465, 107.0845)) is None  # about 70 m
    assert far_from(None, VUNG_TAU) is None
    problem = far_from(VUNG_TAU, BA_RIA)
    assert problem is not None
    assert problem.code == "coordinates.far_from_establishment"
    assert problem.severity is Severity.WARNING
    assert 18_000 < problem.params["distance_m"] < 20_000
    assert problem.params["threshold_m"] == 500
    assert "m from the establishment" in describe(problem, "en")
    assert "cách vị trí của cơ sở" in describe(problem, "vi")
    assert far_from(VUNG_TAU, BA_RIA, threshold_m=25_000) is None


def test_name_key_drops_kind_words() -> None:
    assert name_key("Cơ sở Bánh tráng Ba Hòa") == "banh trang ba hoa"
    assert name_key("HKD  Bánh tráng Ba Hoà.") == "banh trang ba hoa"
    assert name_key("Công ty TNHH Đồng Tâm") == "dong tam"
    assert name_key("Cơ sở") == "co so"


def test_duplicate_hints() -> None:
    items = [
        (1, "Cơ sở Bánh tráng Ba Hòa", 10.49120, 107.27140),
        (2, "Hộ kinh doanh Bánh Tráng Ba Hoà", 10.49140, 107.27150),  # ~25 m away, same name
        (3, "Cơ sở Mộc Tân Phát", 10.49125, 107.27145),  # close, different name
        (4, "Bánh tráng Ba Hòa", 10.50500, 107.27140),  # same name, 1.5 km away
        (5, "Bánh tráng Ba Hòa", None, None),  # no position
    ]
    hints = duplicate_hints(items)
    assert [(h.first_id, h.second_id) for h in hints] == [(1, 2)]
    assert hints[0].distance_m < 50
    assert hints[0].similarity == pytest.approx(1.0)
    assert duplicate_hints(items, within_m=2_000) != hints  # 4 joins in with a larger radius
    assert duplicate_hints([]) == []


# Four stops on a line east of the start, listed out of order: the answer is obvious.
LINE = [("c", 10.0, 107.03), ("a", 10.0, 107.01), ("d", 10.0, 107.04), ("b", 10.0, 107.02)]
START = (10.0, 107.0)


def test_route_on_a_line() -> None:
    assert visiting_order(START, LINE) == ["a", "b", "c", "d"]
    assert nearest_neighbour_order(START, LINE) == ["a", "b", "c", "d"]


def test_route_on_a_square_from_a_corner() -> None:
    square = [("ne", 10.01, 107.01), ("se", 10.0, 107.01), ("nw", 10.01, 107.0)]
    order = visiting_order((10.0, 107.0), square)
    assert order in (["se", "ne", "nw"], ["nw", "ne", "se"])  # around the square, never across it


def test_two_opt_fixes_a_nearest_neighbour_detour() -> None:
    # Nearest neighbour goes to the close stop just west, then has to cross back east and return west.
    stops = [("w1", 10.0, 106.999), ("e1", 10.0, 107.002), ("e2", 10.0, 107.004), ("w2", 10.0, 106.990)]
    nn = nearest_neighbour_order(START, stops)
    best = visiting_order(START, stops)
    points = dict((sid, (lat, lon)) for sid, lat, lon in stops)
    nn_len = route_length_m(START, [points[s] for s in nn])
    best_len = route_length_m(START, [points[s] for s in best])
    assert best_len <= nn_len + 1e-6
    brute = min(route_length_m(START, [points[s] for s in p]) for p in itertools.permutations(points))
    assert best_len == pytest.approx(brute, rel=1e-9)


@pytest.mark.parametrize("seed", range(5))
def test_two_opt_never_worse_than_nearest_neighbour(seed: int) -> None:
    import random

    rng = random.Random(seed)
    stops = [(i, 10.3 + rng.random() * 0.2, 107.0 + rng.random() * 0.2) for i in range(8)]
    points = {sid: (lat, lon) for sid, lat, lon in stops}
    nn = nearest_neighbour_order(VUNG_TAU, stops)
    best = visiting_order(VUNG_TAU, stops)
    assert sorted(best) == list(range(8))
    best_len = route_length_m(VUNG_TAU, [points[s] for s in best])
    assert best_len <= route_length_m(VUNG_TAU, [points[s] for s in nn]) + 1e-6
    assert visiting_order(VUNG_TAU, stops) == best  # deterministic


def test_route_edge_cases() -> None:
    assert visiting_order(START, []) == []
    assert visiting_order(START, [("only", 10.0, 107.1)]) == ["only"]
    with pytest.raises(ValueError, match="unique"):
        visiting_order(START, [("x", 10.0, 107.1), ("x", 10.0, 107.2)])
    assert route_length_m(START, []) == 0
