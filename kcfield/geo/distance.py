"""Distances on the WGS-84 ellipsoid (geopy's geodesic) and what the app does with them.

Points are ``(latitude, longitude)`` tuples in decimal degrees; candidates are ``(id, latitude, longitude)``.
geopy is imported lazily so that starting the app does not pay for it.
"""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from typing import Final, TypeVar

from kcfield.domain.errors import Problem, Severity
from kcfield.domain.text import fold

__all__ = [
    "DuplicateHint",
    "Point",
    "distance_m",
    "duplicate_hints",
    "far_from",
    "name_key",
    "nearby",
]

Point = tuple[float, float]
K = TypeVar("K", bound=Hashable)

_METRES_PER_DEGREE: Final = 111_320.0  # along a meridian, rounded up a little: used only to pre-filter


def distance_m(a: Point, b: Point) -> float:
    """Geodesic distance in metres between two (latitude, longitude) points."""
    from geopy.distance import geodesic

    return float(geodesic(a, b).meters)


def nearby(
    point: Point, candidates: Iterable[tuple[K, float, float]], limit: int | None = 10, within_m: float | None = None
) -> list[tuple[K, float]]:
    """``(id, metres)`` of the nearest candidates, nearest first (ties keep the input order).

    ``within_m`` drops candidates farther than that; ``limit`` caps the list (``None``: no cap).
    """
    found = [(cid, distance_m(point, (lat, lon))) for cid, lat, lon in candidates]
    if within_m is not None:
        found = [(cid, d) for cid, d in found if d <= within_m]
    found.sort(key=lambda p: p[1])
    return found if limit is None else found[:limit]


def far_from(visit_point: Point | None, establishment_point: Point | None, threshold_m: float = 500) -> Problem | None:
    """A warning when a visit was recorded more than ``threshold_m`` from the establishment's position.

    ``None`` when either position is unknown or the two are close enough. The distance goes in the params
    (whole metres) so the message can say how far.
    """
    if visit_point is None or establishment_point is None:
        return None
    d = distance_m(visit_point, establishment_point)
    if d <= threshold_m:
        return None
    params = {"distance_m": round(d), "threshold_m": round(threshold_m)}
    return Problem("coordinates.far_from_establishment", "latitude", params, Severity.WARNING)


# -- duplicates ------------------------------------------------------------------------------------------------

#: Folded words that say what kind of establishment it is rather than which one: "Cơ sở Bánh tráng Ba Hòa" and
#: "Hộ kinh doanh Bánh tráng Ba Hòa" are the same place. Longest first.
_KIND_PREFIXES: Final = tuple(
    sorted(
        (
            "cong ty trach nhiem huu han mot thanh vien",
            "cong ty trach nhiem huu han",
            "cong ty tnhh mtv",
            "cong ty tnhh",
            "cong ty co phan",
            "cong ty cp",
            "cong ty",
            "doanh nghiep tu nhan",
            "dntn",
            "hop tac xa",
            "htx",
            "to hop tac",
            "tht",
            "ho kinh doanh",
            "hkd",
            "co so san xuat",
            "co so",
            "cs",
            "xuong",
        ),
        key=len,
        reverse=True,
    )
)
_PUNCT: Final = re.compile(r"[^\w\s]+")


def name_key(name: str) -> str:
    """Folded name without punctuation and without a leading kind word ("Công ty TNHH", "Cơ sở", "HTX")."""
    key = " ".join(_PUNCT.sub(" ", fold(name)).split())
    for prefix in _KIND_PREFIXES:
        if key == prefix or key.startswith(prefix + " "):
            return key[len(prefix) :].strip() or key
    return key


@dataclass(frozen=True, slots=True)
class DuplicateHint:
    first_id: Hashable
    second_id: Hashable
    distance_m: float
    similarity: float  # 0–1, difflib ratio of the two name keys


def duplicate_hints(
    items: Iterable[tuple[Hashable, str, float | None, float | None]],
    within_m: float = 50,
    name_similarity: float = 0.8,
) -> list[DuplicateHint]:
    """Pairs of establishments a few tens of metres apart with similar names: maybe one place entered twice.

    ``items`` are ``(id, name, latitude, longitude)``; those without a position are skipped. Names are
    compared by :func:`name_key` with ``difflib.SequenceMatcher``. Pairs come nearest first, each once, with
    ``first_id`` the one listed first in ``items``. Points are swept in latitude order so that only neighbours
    are measured.
    """
    located = [
        (i, cid, name_key(name), lat, lon)
        for i, (cid, name, lat, lon) in enumerate(items)
        if lat is not None and lon is not None and math.isfinite(lat) and math.isfinite(lon)
    ]
    located.sort(key=lambda p: p[3])
    lat_window = within_m / _METRES_PER_DEGREE * 1.01
    hints: list[tuple[int, int, DuplicateHint]] = []
    for a_pos, a in enumerate(located):
        lon_window = lat_window / max(math.cos(math.radians(a[3])), 0.01)
        for b in located[a_pos + 1 :]:
            if b[3] - a[3] > lat_window:
                break
            if abs(b[4] - a[4]) > lon_window:
                continue
            first, second = (a, b) if a[0] < b[0] else (b, a)
            ratio = difflib.SequenceMatcher(None, first[2], second[2]).ratio()
            if ratio < name_similarity:
                continue
            d = distance_m((first[3], first[4]), (second[3], second[4]))
            if d <= within_m:
                hints.append((first[0], second[0], DuplicateHint(first[1], second[1], d, ratio)))
    hints.sort(key=lambda h: (h[2].distance_m, h[0], h[1]))
    return [h[2] for h in hints]
