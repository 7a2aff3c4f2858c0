"""Reading and writing positions: every accepted form, the hemisphere traps, and refusals."""

from __future__ import annotations

import pytest

from kcfield.domain.errors import DomainError, Severity
from kcfield.domain.messages import catalogue, describe, describe_error
from kcfield.geo.coordinates import PositionFormat, check_position, format_position, parse_position

BA_RIA_VUNG_TAU = (10.3, 10.85, 107.0, 107.6)  # coarse box, enough for the test


@pytest.mark.parametrize(
    ("text", "lat", "lon", "fmt"),
    [
        ("10.4912, 107.2714", 10.4912, 107.2714, PositionFormat.DECIMAL),
        ("10.4912,107.2714", 10.4912, 107.2714, PositionFormat.DECIMAL),
        ("  10.4912   107.2714 ", 10.4912, 107.2714, PositionFormat.DECIMAL),
        ("10,4912 107,2714", 10.4912, 107.2714, PositionFormat.DECIMAL),  # Vietnamese decimal comma
        ("10,4912; 107,2714", 10.4912, 107.2714, PositionFormat.DECIMAL),
        ("10,4912, 107,2714", 10.4912, 107.2714, PositionFormat.DECIMAL),
        ("-8.5 -106.6", -8.5, -106.6, PositionFormat.DECIMAL),
        ("+10.5, +107", 10.5, 107.0, PositionFormat.DECIMAL),
        ("10.4912° N, 107.2714° E", 10.4912, 107.2714, PositionFormat.DECIMAL),  # Google Maps
        ("10.4912N 107.2714E", 10.4912, 107.2714, PositionFormat.DECIMAL),
        ("33.9249° S, 18.4241° E", -33.9249, 18.4241, PositionFormat.DECIMAL),
        ("107.2714 E 10.4912 N", 10.4912, 107.2714, PositionFormat.DECIMAL),  # letters say which is which
        ("10°29'28.3\"N 107°16'17.0\"E", 10 + 29 / 60 + 28.3 / 3600, 107 + 16 / 60 + 17 / 3600, PositionFormat.DMS),
        ("10°29′28.3″N 107°16′17″E", 10 + 29 / 60 + 28.3 / 3600, 107 + 16 / 60 + 17 / 3600, PositionFormat.DMS),
        ("10º29'28''N 107º16'17''E", 10 + 29 / 60 + 28 / 3600, 107 + 16 / 60 + 17 / 3600, PositionFormat.DMS),
        ("10°29'28.3\" 107°16'17.0\"", 10 + 29 / 60 + 28.3 / 3600, 107 + 16 / 60 + 17 / 3600, PositionFormat.DMS),
        ("10 29.472 N 107 16.284 E", 10.4912, 107.2714, PositionFormat.DM),
        ("N10°29.472' E107°16.284'", 10.4912, 107.2714, PositionFormat.DM),
        ("10 29.472 107 16.284", 10.4912, 107.2714, PositionFormat.DM),
        ("10 29 46 N 107 10 05 E", 10.4961, 107.1681, PositionFormat.DMS),  # geopy reads (10.0, 5.0)
        ("10 29 46 107 10 05", 10.4961, 107.1681, PositionFormat.DMS),
        ("10 29 46 S 107 10 05 W", -10.4961, -107.1681, PositionFormat.DMS),
        ("geo:10.49,107.27", 10.49, 107.27, PositionFormat.GEO_URI),
        ("GEO:10.49,107.27,12;u=8", 10.49, 107.27, PositionFormat.GEO_URI),
        ("geo:0,0?q=10.49,107.27(Cơ sở Ba Hòa)", 10.49, 107.27, PositionFormat.GEO_URI),
        ("https://www.google.com/maps/@10.4912,107.2714,17z", 10.4912, 107.2714, PositionFormat.MAP_LINK),
        ("https://maps.google.com/?q=10.4912,107.2714", 10.4912, 107.2714, PositionFormat.MAP_LINK),
    ],
)
def test_accepted_forms(text: str, lat: float, lon: float, fmt: PositionFormat) -> None:
    parsed = parse_position(text)
    assert parsed.latitude == pytest.approx(lat, abs=1e-4)
    assert parsed.longitude == pytest.approx(lon, abs=1e-4)
    assert parsed.format is fmt


@pytest.mark.parametrize(
    ("text", "lat", "lon"),
    [
        ("10°29'28\" B, 107°16'17\" Đ", 10.4911, 107.2714),
        ("10°29'28\" b 107°16'17\" đ", 10.4911, 107.2714),
        ("10°29'28\" Bắc, 107°16'17\" Đông", 10.4911, 107.2714),
        ("10.5 Bac 107 Dong", 10.5, 107.0),  # typed without accents
        ("10.5 B 107 T", 10.5, -107.0),  # T = Tây = west
        ("8°41' N, 106°36' Đ", -8.6833, 106.6),  # N = Nam = south once a Vietnamese letter appears
        ("8.5 Nam 106.6 Đông", -8.5, 106.6),
    ],
)
def test_vietnamese_hemisphere_letters(text: str, lat: float, lon: float) -> None:
    parsed = parse_position(text)
    assert parsed.latitude == pytest.approx(lat, abs=1e-4)
    assert parsed.longitude == pytest.approx(lon, abs=1e-4)


def test_english_n_is_north_without_vietnamese_letters() -> None:
    assert parse_position("8°41' N, 106°36' E").latitude == pytest.approx(8.6833, abs=1e-4)


def test_nam_reading_is_then_flagged_outside_vietnam() -> None:
    parsed = parse_position("8°41' N, 106°36' Đ")
    problems = check_position(parsed.latitude, parsed.longitude)
    assert [p.code for p in problems] == ["coordinates.outside_vietnam"]
    assert problems[0].blocking


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "hello",
        "10.4912",
        "10.4912, 107.2714, 5",
        "10,4912,107,2714",  # which comma is the decimal one?
        "10,107",  # one number with a decimal comma
        "10.4912, 107,2714",  # decimal point and decimal comma mixed
        "10 B 107 E",  # Vietnamese and English letters mixed
        "8.5 Nam 106.6 E",
        "-10 N 107 E",  # sign and letter
        "10 N 107 N",  # two latitudes
        "10 N",
        "N 10 107 E",  # letters neither all before nor all after
        "10 N 107 E 5",
        "10.5 30 N 107 E",  # fraction of a degree followed by minutes
        "10 61 N 107 E",  # 61 minutes
        "10 30 75 N 107 E",  # 75 seconds
        "29' 10° N 107 E",  # units out of order
        "10.49 107 16 17",  # latitude decimal, longitude DMS
        "10 20 30",  # odd count without letters
        "95, 107",  # latitude beyond 90
        "10, 190",
        "1e5 2e5",
        "10 D 107 X",
        "10.5 -",
        "geo:",
        "geo:abc,def",
        "https://example.com/no/position",
        "https://www.google.com/maps/@10.49,107.27,17z?q=11.0,106.0",  # two different places
        "Vĩ độ 10.49 Kinh độ 107.27",
    ],
)
def test_garbage_and_ambiguity_refused(text: str) -> None:
    with pytest.raises(DomainError) as caught:
        parse_position(text)
    assert caught.value.code == "coordinates.unreadable"
    assert caught.value.params == {"text": text.strip()}


def test_unreadable_message_in_both_languages() -> None:
    with pytest.raises(DomainError) as caught:
        parse_position("abc")
    assert "«abc»" in describe_error(caught.value, "vi")
    assert "Cannot read the position «abc»" in describe_error(caught.value, "en")


def test_format_decimal_round_trips() -> None:
    text = format_position(10.4912, 107.2714)
    assert text == "10.491200, 107.271400"
    assert parse_position(text).latitude == pytest.approx(10.4912)


def test_format_dms_languages() -> None:
    assert format_position(10.4912, 107.2714, "dms") == "10°29'28.3\"B 107°16'17.0\"Đ"
    assert format_position(10.4912, 107.2714, "dms", lang="en") == "10°29'28.3\"N 107°16'17.0\"E"
    assert format_position(-8.6833, -106.6, "dms", lang="vi") == "8°40'59.9\"N 106°36'00.0\"T"
    assert format_position(-8.6833, -106.6, "dms", lang="en") == "8°40'59.9\"S 106°36'00.0\"W"


def test_format_dms_carries_rounded_seconds() -> None:
    assert format_position(10.9999999, 107.9999999, "dms", lang="en") == "11°00'00.0\"N 108°00'00.0\"E"


@pytest.mark.parametrize(("lat", "lon"), [(10.4912, 107.2714), (-8.6833, -106.6), (0.0, 0.0), (23.39, 102.14)])
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_format_dms_parses_back(lat: float, lon: float, lang: str) -> None:
    parsed = parse_position(format_position(lat, lon, "dms", lang=lang))
    assert parsed.latitude == pytest.approx(lat, abs=1e-4)
    assert parsed.longitude == pytest.approx(lon, abs=1e-4)


def test_format_rejects_unknown_style_and_nan() -> None:
    with pytest.raises(ValueError, match="style"):
        format_position(10, 107, "utm")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="finite"):
        format_position(float("nan"), 107)


def test_check_position_inside_vietnam_and_province() -> None:
    assert check_position(10.4912, 107.2714) == []
    assert check_position(10.4912, 107.2714, BA_RIA_VUNG_TAU) == []


def test_check_position_outside_province_is_a_warning() -> None:
    problems = check_position(21.0285, 105.8542, BA_RIA_VUNG_TAU)  # Hà Nội
    assert [p.code for p in problems] == ["coordinates.outside_province"]
    assert problems[0].severity is Severity.WARNING
    assert problems[0].params == {"latitude": "21.02850", "longitude": "105.85420"}
    assert describe(problems[0], "en").startswith("Latitude: the position (21.02850, 105.85420) lies outside")


def test_check_position_outside_vietnam_gives_one_problem() -> None:
    problems = check_position(48.85, 2.35, BA_RIA_VUNG_TAU)
    assert [p.code for p in problems] == ["coordinates.outside_vietnam"]


def test_check_position_swapped() -> None:
    assert [p.code for p in check_position(107.2714, 10.4912)] == ["coordinates.swapped"]


def test_geo_message_codes_have_both_texts() -> None:
    for code in ("coordinates.unreadable", "coordinates.outside_province", "coordinates.far_from_establishment"):
        vi, en = catalogue()[code]
        assert vi.strip() and en.strip() and vi != en
