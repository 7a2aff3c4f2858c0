"""An order in which to visit establishments in one day: nearest neighbour, then 2-opt.

The route starts at ``start`` (where the collaborator is) and ends at the last stop: it is an open path, not a
round trip. Distances are geodesic (:func:`kcfield.geo.distance.distance_m`). Both steps are deterministic:
ties go to the stop listed first, and 2-opt scans pairs in a fixed order and takes the first improvement. The
result is a good order, not a proven shortest one; for the handful of stops of a field day that is plenty.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from typing import Final, TypeVar

from kcfield.geo.distance import Point, distance_m

__all__ = ["nearest_neighbour_order", "route_length_m", "visiting_order"]

K = TypeVar("K", bound=Hashable)

_EPSILON_M: Final = 1e-6  # an improvement smaller than this is rounding noise: stop there
_MAX_PASSES: Final = 1000


def route_length_m(start: Point, points: Iterable[Point]) -> float:
    """Metres from ``start`` through ``points`` in the given order (no return leg)."""
    total, here = 0.0, start
    for p in points:
        total += distance_m(here, p)
        here = p
    return total


def _prepare(start: Point, stops: Iterable[tuple[K, float, float]]) -> tuple[list[K], list[list[float]]]:
    ids: list[K] = []
    points: list[Point] = [start]
    for sid, lat, lon in stops:
        ids.append(sid)
        points.append((lat, lon))
    if len(set(ids)) != len(ids):
        raise ValueError("stop ids must be unique")
    n = len(points)
    matrix = [[0.0] * n for _ in range(n)]
    for i in range(n):
        for j in range(i + 1, n):
            matrix[i][j] = matrix[j][i] = distance_m(points[i], points[j])
    return ids, matrix


def _nearest_neighbour(matrix: Sequence[Sequence[float]]) -> list[int]:
    """Node indices (0 is the start, not included) in nearest-neighbour order."""
    remaining = list(range(1, len(matrix)))
    path: list[int] = []
    here = 0
    while remaining:
        nxt = min(remaining, key=lambda j: matrix[here][j])  # min keeps the first of equals: input order
        remaining.remove(nxt)
        path.append(nxt)
        here = nxt
    return path


def _two_opt(path: list[int], matrix: Sequence[Sequence[float]]) -> list[int]:
    """Reverse segments while that shortens the open path 0 → path[0] → … → path[-1]."""
    nodes = [0, *path]
    n = len(nodes)
    for _ in range(_MAX_PASSES):
        improved = False
        for i in range(1, n - 1):
            for j in range(i + 1, n):
                a, b, c = nodes[i - 1], nodes[i], nodes[j]
                before = matrix[a][b]
                after = matrix[a][c]
                if j + 1 < n:
                    d = nodes[j + 1]
                    before += matrix[c][d]
                    after += matrix[b][d]
                if after < before - _EPSILON_M:
                    nodes[i : j + 1] = reversed(nodes[i : j + 1])
                    improved = True
        if not improved:
            break
    return nodes[1:]


def nearest_neighbour_order(start: Point, stops: Iterable[tuple[K, float, float]]) -> list[K]:
    """The nearest-neighbour order alone (what :func:`visiting_order` starts from)."""
    ids, matrix = _prepare(start, stops)
    return [ids[k - 1] for k in _nearest_neighbour(matrix)]


def visiting_order(start: Point, stops: Iterable[tuple[K, float, float]]) -> list[K]:
    """Stop ids in a short visiting order from ``start``; stops are ``(id, latitude, longitude)``."""
    ids, matrix = _prepare(start, stops)
    order = _two_opt(_nearest_neighbour(matrix), matrix)
    return [ids[k - 1] for k in order]
