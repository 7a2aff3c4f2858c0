"""The province boxes behind the "visit outside the establishment's province" warning."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from kcfield.domain.errors import DomainError, Severity
from kcfield.domain.messages import describe
from kcfield.domain.model import Establishment
from kcfield.geo.coordinates import check_position, grow_bounds, in_bounds
from kcfield.resources import resource_path
from kcfield.services.container import Services
from kcfield.store import reference as loader

NOW = datetime(2026, 11, 27, tzinfo=UTC)

# The seat (and, for merged provinces, the former seats) of each unit, from general knowledge, to 0.01°.
SEATS: dict[int, list[tuple[float, float]]] = {
    1: [(21.0285, 105.8542)],
    4: [(22.6657, 106.2579)],
    8: [(21.8236, 105.2180), (22.8233, 104.9836)],
    11: [(21.3860, 103.0230)],
    12: [(22.3964, 103.4582)],
    14: [(21.3256, 103.9188)],
    15: [(22.4856, 103.9707), (21.7229, 104.9113)],
    19: [(21.5942, 105.8482), (22.1470, 105.8348)],
    20: [(21.8537, 106.7615)],
    22: [(20.9517, 107.0800)],
    24: [(21.1861, 106.0763), (21.2731, 106.1946)],
    25: [(21.3227, 105.4019), (21.3089, 105.6049), (20.8171, 105.3376)],
    31: [(20.8449, 106.6881), (20.9373, 106.3146)],
    33: [(20.6464, 106.0511), (20.4463, 106.3366)],
    37: [(20.2506, 105.9745), (20.5411, 105.9139), (20.4200, 106.1683)],
    38: [(19.8067, 105.7852)],
    40: [(18.6796, 105.6813)],
    42: [(18.3559, 105.8877)],
    44: [(16.8163, 107.1003), (17.4687, 106.6227)],
    46: [(16.4637, 107.5909)],
    48: [(16.0544, 108.2022), (15.5736, 108.4740)],
    51: [(15.1214, 108.8044), (14.3497, 108.0005)],
    52: [(13.9833, 108.0000), (13.7820, 109.2197)],
    56: [(12.2388, 109.1967), (11.5643, 108.9886)],
    66: [(12.6667, 108.0500), (13.0882, 109.3149)],
    68: [(11.9404, 108.4583), (12.0042, 107.6907), (10.9289, 108.1021)],
    75: [(10.9574, 106.8426), (11.5349, 106.8832)],
    79: [(10.7769, 106.7009), (10.9804, 106.6519), (10.3460, 107.0843), (8.6829, 106.6089)],
    80: [(11.3100, 106.0983), (10.5359, 106.4137)],
    82: [(10.4602, 105.6326), (10.3600, 106.3600)],
    86: [(10.2537, 105.9722), (10.2415, 106.3759), (9.9347, 106.3453)],
    91: [(10.3864, 105.4352), (10.0125, 105.0809), (10.2270, 103.9590)],
    92: [(10.0452, 105.7469), (9.7845, 105.4701), (9.6025, 105.9739)],
    96: [(9.1769, 105.1524), (9.2940, 105.7278)],
}


def test_every_province_has_a_box_holding_its_seats(services: Services) -> None:
    boxes = services.reference.province_bounds
    assert set(boxes) == set(services.reference.provinces) == set(SEATS)
    for code, seats in SEATS.items():
        for seat in seats:
            assert in_bounds(*seat, boxes[code]), (code, seat)


def test_far_provinces_do_not_hold_each_other(services: Services) -> None:
    boxes = services.reference.province_bounds
    hanoi, saigon, hue = SEATS[1][0], SEATS[79][0], SEATS[46][0]
    assert not in_bounds(*hanoi, boxes[79])
    assert not in_bounds(*saigon, boxes[1])
    assert not in_bounds(*hue, boxes[48]) or in_bounds(*hue, boxes[46])  # neighbours may overlap
    assert not in_bounds(*saigon, boxes[46])


def test_communes_with_a_centre_point_lie_in_their_province_box(services: Services) -> None:
    boxes = services.reference.province_bounds
    placed = [c for c in services.reference.communes.values() if c.latitude is not None]
    assert len(placed) == 30
    for commune in placed:
        assert commune.latitude is not None and commune.longitude is not None
        assert in_bounds(commune.latitude, commune.longitude, boxes[commune.province_code]), commune.name


def test_margin_grows_the_box_by_kilometres() -> None:
    lat_min, lat_max, lon_min, lon_max = grow_bounds((10.0, 11.0, 106.0, 107.0), 11.132)
    assert lat_min == pytest.approx(9.9) and lat_max == pytest.approx(11.1)
    # At 11° N a degree of longitude is 111.32 × cos(11°) ≈ 109.28 km, so 11.132 km is ≈ 0.1019°.
    assert lon_min == pytest.approx(106.0 - 0.10187, abs=1e-4) and lon_max == pytest.approx(107.0 + 0.10187, abs=1e-4)
    with pytest.raises(ValueError):
        grow_bounds((10.0, 11.0, 106.0, 107.0), -1)


def test_visit_in_hanoi_for_a_saigon_establishment_is_warned_by_name(services: Services) -> None:
    from kcfield.ui.visits.checks import province_area

    establishment = Establishment(name="Cơ sở thử", commune_code=26506)  # Phường Vũng Tàu, now in TP HCM
    area = province_area(services.reference, establishment)
    assert area is not None and area.name == "Thành phố Hồ Chí Minh"
    problems = check_position(21.0285, 105.8542, area.bounds, area.name)
    assert [p.code for p in problems] == ["coordinates.outside_named_province"]
    assert problems[0].severity is Severity.WARNING
    assert "ngoài địa bàn Thành phố Hồ Chí Minh" in describe(problems[0], "vi")
    assert check_position(10.7769, 106.7009, area.bounds, area.name) == []


def test_unknown_commune_or_missing_dataset_makes_no_province_check(services: Services) -> None:
    from kcfield.ui.visits.checks import province_area

    assert province_area(services.reference, Establishment(name="Không rõ xã")) is None


def test_changing_the_boxes_in_reference_data_changes_the_warning(services: Services) -> None:
    """A centre package can replace the boxes; the check follows without a code change."""
    info = next(i for i in loader.read_catalogue(resource_path("data")) if i.name == "province_bounds")
    document = json.loads((resource_path("data") / info.file).read_text("utf-8"))
    document["margin_km"] = 0
    document["bounds"]["79"] = [20.0, 22.0, 105.0, 107.0]  # a (wrong) box around Hà Nội for Hồ Chí Minh City
    with services.ctx.store.write() as session:
        loader.load_dataset(session, info, json.dumps(document).encode(), origin="centre", now=NOW)
    services.reference._forget()
    box = services.reference.province_bounds[79]
    assert check_position(21.0285, 105.8542, box, "TP HCM") == []
    assert [p.code for p in check_position(10.7769, 106.7009, box, "TP HCM")] == ["coordinates.outside_named_province"]


def test_a_malformed_box_document_is_a_clear_error(services: Services) -> None:
    info = next(i for i in loader.read_catalogue(resource_path("data")) if i.name == "province_bounds")
    with services.ctx.store.write() as session:
        loader.load_dataset(session, info, b'{"bounds": {"79": [11, 10, 106, 107]}}', origin="centre", now=NOW)
    services.reference._forget()
    with pytest.raises(DomainError) as caught:
        _ = services.reference.province_bounds
    assert caught.value.code == "reference.invalid" and caught.value.params["name"] == "province_bounds"
