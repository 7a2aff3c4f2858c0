"""Reading positions the way people paste or type them, writing them back, and checking them.

:func:`parse_position` is our own parser, on purpose: geopy's ``Point`` silently misreads some strings
("10 29 46 N 107 10 05 E" becomes (10.0, 5.0)) and does not know Vietnamese hemisphere letters. Whatever is
not clearly one latitude and one longitude is refused with ``DomainError("coordinates.unreadable")`` instead of
guessed. Accepted forms:

* decimal degrees, latitude first: ``10.4912, 107.2714``; ``-8.5 106.6``; with a Vietnamese decimal comma the
  two numbers are separated by a space (or ", "): ``10,4912 107,2714``. When a string uses decimal points, a
  comma is only ever a separator; when it has none, a comma *between two digits* is a decimal comma, and a
  string where that cannot be told apart (``10,4912,107,2714``) is refused;
* Google Maps copies: ``10.4912° N, 107.2714° E``; Google Maps links (``…/@10.49,107.27,17z``, ``?q=10.49,107.27``);
* degrees-minutes-seconds and degrees-decimal-minutes, units optional when hemisphere letters follow or
  precede each coordinate: ``10°29'28.3"N 107°16'17.0"E``, ``10 29 46 N 107 10 05 E``, ``N10°29.472'
  E107°16.284'``, ``10 29.472 N 107 16.284 E``; without letters, an even split is accepted (``10 29 46 107 10 05``);
* ``geo:`` URIs (RFC 5870): ``geo:10.49,107.27``, ``geo:10.49,107.27;u=12``, and Android's
  ``geo:0,0?q=10.49,107.27(label)``.

**Hemisphere letters.** English: N, S, E, W (and the words North, South, East, West). Vietnamese: B = Bắc
(north), N = Nam (**south**), Đ = Đông (east), T = Tây (west), and the words Bắc, Nam, Đông, Tây (with or
without accents). The letter "N" is the only one both systems use, with opposite meanings, so the rule is:
*if any of B, Đ, T or the words Bắc, Nam, Đông, Tây appear, every letter is read as Vietnamese and "N" means
Nam (south); otherwise the letters are English and "N" means north.* Letters of both systems together
("10 B 107 E") are refused, and so is a sign together with a letter ("-10 N"). A Vietnamese reading of "N"
usually gives a point far south of Vietnam, which :func:`check_position` then reports: nothing is silently
"corrected".
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum
from typing import Final, Literal

from kcfield.domain.errors import DomainError, Problem, Severity
from kcfield.domain.text import fold
from kcfield.domain.validation import check_coordinates

__all__ = [
    "ParsedPosition",
    "PositionFormat",
    "check_position",
    "format_position",
    "grow_bounds",
    "in_bounds",
    "parse_position",
]

Bounds = tuple[float, float, float, float]  # (lat_min, lat_max, lon_min, lon_max), as VIETNAM_BOUNDS


class PositionFormat(StrEnum):
    DECIMAL = "decimal"  # decimal degrees, with or without hemisphere letters
    DM = "dm"  # degrees and decimal minutes
    DMS = "dms"  # degrees, minutes and seconds
    GEO_URI = "geo_uri"  # geo:lat,lon
    MAP_LINK = "map_link"  # a Google Maps (or similar) link carrying @lat,lon or q=lat,lon


@dataclass(frozen=True, slots=True)
class ParsedPosition:
    latitude: float
    longitude: float
    format: PositionFormat


# -- parsing ---------------------------------------------------------------------------------------------------

_NUM: Final = r"[+-]?\d+(?:\.\d+)?"
_GEO_URI: Final = re.compile(rf"geo:\s*({_NUM})\s*,\s*({_NUM})(?:\s*,\s*{_NUM})?(?P<rest>[;?].*)?", re.I | re.S)
_GEO_QUERY: Final = re.compile(rf"[?&]q=\s*({_NUM})\s*,\s*({_NUM})\s*(?:\(.*\))?\s*(?:&.*)?$", re.S)
_LINK: Final = re.compile(r"https?://\S+", re.I)
_LINK_AT: Final = re.compile(rf"/@({_NUM}),({_NUM})(?:,|$|/|\?)")
_LINK_QUERY: Final = re.compile(rf"[?&](?:q|query|ll|destination)=({_NUM})(?:,|%2C)\s*(?:\+|%20)?({_NUM})(?:&|$)", re.I)

_TRANSLATE: Final = str.maketrans(
    {
        "º": "°",  # masculine ordinal, often typed for the degree sign
        "˚": "°",  # ring above
        "′": "'",
        "’": "'",
        "‘": "'",
        "´": "'",
        "`": "'",
        "″": '"',
        "”": '"',
        "“": '"',
        "−": "-",  # minus sign
        "–": "-",  # en dash
        "\u00a0": " ",
        "\u202f": " ",
    }
)

# Hemisphere words and letters -> (axis, sign, system). Letters are matched as typed (upper or lower case);
# words are matched folded (accents and case removed, so "Đông", "đông" and "dong" are the same word).
_LAT, _LON = "lat", "lon"
_EN, _VI = "en", "vi"
_LETTERS: Final = {
    "n": (_LAT, 1, None),  # north in English, Nam (south) in Vietnamese: decided per string
    "s": (_LAT, -1, _EN),
    "e": (_LON, 1, _EN),
    "w": (_LON, -1, _EN),
    "b": (_LAT, 1, _VI),
    "đ": (_LON, 1, _VI),
    "t": (_LON, -1, _VI),
}
_WORDS: Final = {
    "north": (_LAT, 1, _EN),
    "south": (_LAT, -1, _EN),
    "east": (_LON, 1, _EN),
    "west": (_LON, -1, _EN),
    "bac": (_LAT, 1, _VI),
    "nam": (_LAT, -1, _VI),
    "dong": (_LON, 1, _VI),
    "tay": (_LON, -1, _VI),
}

_TOKEN: Final = re.compile(
    r"""(?P<space>\s+)
      |(?P<sign>[+-])
      |(?P<num>\d+(?:[.,]\d+)?)
      |(?P<deg>°)
      |(?P<sec>"|'')
      |(?P<min>')
      |(?P<sep>[,;])
      |(?P<word>[^\W\d_]+)
    """,
    re.X,
)
_UNIT_ORDER: Final = ("deg", "min", "sec")


class _Unreadable(Exception):
    """Internal: the text is not clearly one position."""


@dataclass(slots=True)
class _Hemi:
    axis: str
    sign: int
    system: str | None


@dataclass(slots=True)
class _Num:
    text: str
    value: float
    unit: str | None = None
    negative: bool = False
    signed: bool = False
    follows_digit_comma: bool = False


def parse_position(text: str) -> ParsedPosition:
    """One position from a pasted or typed text; ``DomainError("coordinates.unreadable", text=...)`` otherwise.

    Latitude must be within ±90° and longitude within ±180°; without hemisphere letters latitude comes first.
    Whether the point is in Vietnam is not this function's business: see :func:`check_position`.
    """
    cleaned = " ".join(unicodedata.normalize("NFC", text).translate(_TRANSLATE).split())
    try:
        lat, lon, fmt = _parse(cleaned)
    except (_Unreadable, ValueError, OverflowError):
        raise DomainError("coordinates.unreadable", text=text.strip()) from None
    if not (math.isfinite(lat) and math.isfinite(lon) and abs(lat) <= 90 and abs(lon) <= 180):
        raise DomainError("coordinates.unreadable", text=text.strip())
    return ParsedPosition(lat + 0.0, lon + 0.0, fmt)  # + 0.0 turns -0.0 into 0.0


def _parse(s: str) -> tuple[float, float, PositionFormat]:
    if not s:
        raise _Unreadable
    if s[:4].casefold() == "geo:":
        return _parse_geo_uri(s)
    if _LINK.fullmatch(s):
        return _parse_link(s)
    return _parse_free(s)


def _parse_geo_uri(s: str) -> tuple[float, float, PositionFormat]:
    m = _GEO_URI.fullmatch(s)
    if m is None:
        raise _Unreadable
    lat, lon = float(m.group(1)), float(m.group(2))
    rest = m.group("rest") or ""
    q = _GEO_QUERY.search(rest)
    if q is not None and lat == 0 and lon == 0:  # Android: geo:0,0?q=lat,lon(label)
        lat, lon = float(q.group(1)), float(q.group(2))
    return lat, lon, PositionFormat.GEO_URI


def _parse_link(s: str) -> tuple[float, float, PositionFormat]:
    found = {(m.group(1), m.group(2)) for m in _LINK_AT.finditer(s)}
    found |= {(m.group(1), m.group(2)) for m in _LINK_QUERY.finditer(s)}
    if len(found) != 1:  # none, or two different places in one link: do not pick one
        raise _Unreadable
    lat, lon = found.pop()
    return float(lat), float(lon), PositionFormat.MAP_LINK


def _tokens(s: str) -> list[_Num | _Hemi | str]:
    """Numbers, hemispheres and the separators "," / ";" (as the string "sep"); anything else is refused."""
    decimal_point = re.search(r"\d\.\d", s) is not None
    out: list[_Num | _Hemi | str] = []
    pending_sign: str | None = None
    pos = 0
    while pos < len(s):
        m = _TOKEN.match(s, pos)
        if m is None:
            raise _Unreadable
        kind, raw = m.lastgroup, m.group()
        end = m.end()
        if kind == "num":
            if "," in raw and decimal_point:  # decimal points in use: this comma separates two numbers
                raw, end = raw.split(",", 1)[0], m.start() + raw.index(",")
            num = _Num(raw, float(raw.replace(",", ".")))
            if pending_sign is not None:
                num.signed, num.negative = True, pending_sign == "-"
                pending_sign = None
            out.append(num)
        elif pending_sign is not None:
            raise _Unreadable  # a sign not directly followed by a number
        elif kind == "sign":
            pending_sign = raw
        elif kind in _UNIT_ORDER:
            last = out[-1] if out else None
            if not isinstance(last, _Num) or last.unit is not None:
                raise _Unreadable
            last.unit = kind
        elif kind == "sep":
            before, after = s[m.start() - 1 : m.start()], s[end : end + 1]
            if raw == "," and before.isdigit() and after.isdigit() and not decimal_point:
                raise _Unreadable  # "10,4912,107,2714": which comma is the decimal one?
            out.append("sep")
        elif kind == "word":
            out.append(_hemisphere(raw))
        pos = end
    if pending_sign is not None:
        raise _Unreadable
    return out


def _hemisphere(word: str) -> _Hemi:
    entry = _LETTERS.get(word.casefold()) if len(word) == 1 else _WORDS.get(fold(word))
    if entry is None:
        raise _Unreadable
    return _Hemi(*entry)


def _parse_free(s: str) -> tuple[float, float, PositionFormat]:
    tokens = _tokens(s)
    hemis = [t for t in tokens if isinstance(t, _Hemi)]
    if hemis:
        return _parse_with_hemispheres(tokens, hemis)
    groups = _split_unlettered(tokens)
    (lat, lat_fmt), (lon, lon_fmt) = (_value(g) for g in groups)
    return lat, lon, _combined(lat_fmt, lon_fmt)


def _parse_with_hemispheres(
    tokens: list[_Num | _Hemi | str], hemis: list[_Hemi]
) -> tuple[float, float, PositionFormat]:
    if len(hemis) != 2:
        raise _Unreadable
    systems = {h.system for h in hemis} - {None}
    if len(systems) > 1:
        raise _Unreadable  # "10 B 107 E": Vietnamese and English letters mixed
    vietnamese = systems == {_VI}
    for h in hemis:
        if h.system is None:  # the letter N
            h.sign = -1 if vietnamese else 1
    items = [t for t in tokens if t != "sep"]
    groups = _split_lettered(items)
    result: dict[str, tuple[float, PositionFormat]] = {}
    for hemi, nums in groups:
        if any(n.signed for n in nums) or hemi.axis in result:
            raise _Unreadable  # a sign and a letter together, or two latitudes
        value, fmt = _value(nums)
        result[hemi.axis] = (value * hemi.sign, fmt)
    (lat, lat_fmt), (lon, lon_fmt) = result[_LAT], result[_LON]
    return lat, lon, _combined(lat_fmt, lon_fmt)


def _split_lettered(items: list[_Num | _Hemi | str]) -> list[tuple[_Hemi, list[_Num]]]:
    """Letters after each coordinate ("10 N 107 E") or before each ("N 10 E 107"), not a mixture."""
    candidates: list[list[tuple[_Hemi, list[_Num]]]] = []
    for letters_first in (False, True):
        groups: list[tuple[_Hemi, list[_Num]]] = []
        nums: list[_Num] = []
        pending: _Hemi | None = None
        ok = True
        for item in items:
            if isinstance(item, _Num):
                nums.append(item)
                continue
            assert isinstance(item, _Hemi)
            if letters_first:
                if pending is not None:
                    groups.append((pending, nums))
                elif nums:
                    ok = False
                pending, nums = item, []
            else:
                groups.append((item, nums))
                nums = []
        if letters_first and pending is not None:
            groups.append((pending, nums))
        elif nums:
            ok = False
        if ok and len(groups) == 2 and all(g[1] for g in groups):
            candidates.append(groups)
    if len(candidates) != 1:
        raise _Unreadable
    return candidates[0]


def _split_unlettered(tokens: list[_Num | _Hemi | str]) -> tuple[list[_Num], list[_Num]]:
    """Latitude then longitude: split at the one separator, else at the second degree sign, else in halves."""
    seps = [i for i, t in enumerate(tokens) if t == "sep"]
    nums = [t for t in tokens if isinstance(t, _Num)]
    if len(seps) > 1:
        raise _Unreadable
    if seps:
        first = [t for t in tokens[: seps[0]] if isinstance(t, _Num)]
        second = [t for t in tokens[seps[0] + 1 :] if isinstance(t, _Num)]
        return first, second
    degrees = [i for i, n in enumerate(nums) if n.unit == "deg"]
    if len(degrees) == 2 and degrees[0] == 0:
        return nums[: degrees[1]], nums[degrees[1] :]
    if degrees or len(nums) not in (2, 4, 6) or any(n.unit for n in nums):
        raise _Unreadable
    half = len(nums) // 2
    return nums[:half], nums[half:]


def _value(nums: list[_Num]) -> tuple[float, PositionFormat]:
    """Degrees from 1–3 numbers (degrees, minutes, seconds); only the last may have a fraction."""
    if not 1 <= len(nums) <= 3:
        raise _Unreadable
    for i, n in enumerate(nums):
        if n.unit is not None and n.unit != _UNIT_ORDER[i]:
            raise _Unreadable  # "29' 10°", or seconds without minutes
        if i > 0 and n.signed:
            raise _Unreadable
        if i < len(nums) - 1 and not n.text.isdigit():
            raise _Unreadable  # "10.5 30": a fraction of a degree and then minutes
        if i > 0 and n.value >= 60:
            raise _Unreadable
    degrees = nums[0].value + sum(n.value / 60**i for i, n in enumerate(nums[1:], start=1))
    fmt = (PositionFormat.DECIMAL, PositionFormat.DM, PositionFormat.DMS)[len(nums) - 1]
    return (-degrees if nums[0].negative else degrees), fmt


def _combined(a: PositionFormat, b: PositionFormat) -> PositionFormat:
    if a != b:
        raise _Unreadable  # "10.49 107 16 17": latitude and longitude written differently
    return a


# -- writing ---------------------------------------------------------------------------------------------------

_HEMI_LETTERS: Final = {"vi": ("B", "N", "Đ", "T"), "en": ("N", "S", "E", "W")}


def format_position(
    latitude: float, longitude: float, style: Literal["decimal", "dms"] = "decimal", lang: str = "vi"
) -> str:
    """A position for people or for pasting.

    ``decimal``: ``10.491200, 107.271400`` in every language (decimal points and ", ", six decimals ≈ 0.1 m),
    which Google Maps and :func:`parse_position` both read. ``dms``: ``10°29'28.3"B 107°16'17.0"Đ`` in
    Vietnamese (B/N/Đ/T, N = Nam = south) and ``10°29'28.3"N 107°16'17.0"E`` in English.
    """
    if not (math.isfinite(latitude) and math.isfinite(longitude)):
        raise ValueError("position is not finite")
    if style == "decimal":
        return f"{latitude:.6f}, {longitude:.6f}"
    if style != "dms":
        raise ValueError(f"unknown style {style!r}")
    north, south, east, west = _HEMI_LETTERS["en" if lang == "en" else "vi"]
    lat = _dms(abs(latitude)) + (north if latitude >= 0 else south)
    lon = _dms(abs(longitude)) + (east if longitude >= 0 else west)
    return f"{lat} {lon}"


def _dms(value: float) -> str:
    tenths = round(value * 36_000)  # whole tenths of a second, so 59.96" carries into the next minute
    degrees, rest = divmod(tenths, 36_000)
    minutes, tenth_seconds = divmod(rest, 600)
    return f"{degrees:d}°{minutes:02d}'{tenth_seconds / 10:04.1f}\""


# -- checking --------------------------------------------------------------------------------------------------


def in_bounds(latitude: float, longitude: float, bounds: Bounds) -> bool:
    lat_min, lat_max, lon_min, lon_max = bounds
    return lat_min <= latitude <= lat_max and lon_min <= longitude <= lon_max


def grow_bounds(bounds: Bounds, margin_km: float) -> Bounds:
    """The box grown by ``margin_km`` on every side (a degree of longitude shrinks with the cosine of latitude)."""
    lat_min, lat_max, lon_min, lon_max = bounds
    if margin_km < 0 or not all(math.isfinite(v) for v in (*bounds, margin_km)):
        raise ValueError(f"bad bounds {bounds!r} or margin {margin_km!r}")
    dlat = margin_km / 111.32
    widest = max(abs(lat_min), abs(lat_max))  # the box's side nearest a pole has the shortest degree
    dlon = margin_km / (111.32 * max(math.cos(math.radians(widest)), 0.01))
    return (lat_min - dlat, lat_max + dlat, lon_min - dlon, lon_max + dlon)


def check_position(
    latitude: float, longitude: float, province_bounds: Bounds | None = None, province_name: str = ""
) -> list[Problem]:
    """Domain checks (inside Vietnam, swapped) plus a warning when outside the province's box when known.

    ``province_bounds`` is (lat_min, lat_max, lon_min, lon_max) like ``VIETNAM_BOUNDS``; the province warning
    is only given for a position that passed the Vietnam check, so one mistake gets one message.
    """
    problems = check_coordinates(latitude, longitude)
    if not problems and province_bounds is not None and not in_bounds(latitude, longitude, province_bounds):
        params = {"latitude": f"{latitude:.5f}", "longitude": f"{longitude:.5f}"}
        code = "coordinates.outside_province"
        if province_name:
            params["province"] = province_name
            code = "coordinates.outside_named_province"
        problems.append(Problem(code, "latitude", params, Severity.WARNING))
    return problems
