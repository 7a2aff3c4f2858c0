"""Positions from a GPS receiver's NMEA 0183 sentences (a log file now, a serial port later).

Read: GGA (``$GPGGA``, ``$GNGGA``, any two-letter talker) and RMC (``$GPRMC``, ``$GNRMC``, …). Every sentence
must carry a checksum (``*hh``, the XOR of the characters between ``$`` and ``*``) that matches; a sentence
without one or with a wrong one is skipped and counted in :class:`NmeaStats`. A GGA with fix quality 0 and an
RMC with status ``V`` (void) or mode ``N`` carry no position and are skipped (counted as ``no_fix``); other
sentence types (GSA, GSV, VTG, …) are counted as ``ignored``.

**Accuracy.** Receivers report HDOP (horizontal dilution of precision), not metres. We estimate
``accuracy_m ≈ HDOP × 5 m`` (a typical user-equivalent range error of a consumer receiver under open sky);
it is an order of magnitude for ranking fixes and for the record's ``position_accuracy_m``, not a guarantee.
RMC carries no HDOP, so its fixes have ``accuracy_m = None``.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Final

__all__ = ["HDOP_TO_METRES", "Fix", "NmeaStats", "best_fix", "checksum", "read_nmea"]

#: Metres of horizontal error per unit of HDOP (see the module docstring).
HDOP_TO_METRES: Final = 5.0

_SENTENCE: Final = re.compile(
    r"\$(?P<body>(?P<talker>[A-Z]{2})(?P<type>[A-Z]{3}),[^*$]*)(?:\*(?P<sum>[0-9A-Fa-f]{2}))?"
)


@dataclass(frozen=True, slots=True)
class Fix:
    latitude: float
    longitude: float
    sentence: str  # "GGA" or "RMC"
    time: dt.time | None = None  # UTC
    date: dt.date | None = None  # from RMC; a GGA gets the date of the last RMC read, if any
    quality: int | None = None  # GGA fix quality: 1 GPS, 2 DGPS, 4 RTK fixed, 5 RTK float, 6 dead reckoning…
    satellites: int | None = None
    hdop: float | None = None
    altitude_m: float | None = None

    @property
    def accuracy_m(self) -> float | None:
        return None if self.hdop is None else round(self.hdop * HDOP_TO_METRES, 1)

    @property
    def timestamp(self) -> dt.datetime | None:
        if self.time is None or self.date is None:
            return None
        return dt.datetime.combine(self.date, self.time, tzinfo=dt.UTC)


@dataclass(slots=True)
class NmeaStats:
    """What a reading saw; pass one to :func:`read_nmea` and read it after (or during) the iteration."""

    sentences: int = 0  # lines that looked like an NMEA sentence
    fixes: int = 0
    bad_checksum: int = 0  # missing or wrong checksum: skipped
    no_fix: int = 0  # GGA quality 0, RMC void: skipped
    malformed: int = 0  # right checksum, unreadable fields: skipped
    ignored: int = 0  # other sentence types, and lines that are not NMEA at all


def checksum(body: str) -> str:
    """The two hex digits of a sentence body (the text between ``$`` and ``*``)."""
    value = 0
    for ch in body.encode("ascii", errors="replace"):
        value ^= ch
    return f"{value:02X}"


def read_nmea(source: Iterable[str | bytes] | os.PathLike[str], stats: NmeaStats | None = None) -> Iterator[Fix]:
    """Fixes in the order read. ``source`` is a file path (``Path``) or any iterable of lines (str or bytes).

    A plain ``str`` is refused (``TypeError``): it would be read character by character; pass ``Path(name)``
    for a file or ``[sentence]`` for one line.
    """
    if isinstance(source, str):
        raise TypeError("read_nmea: pass Path(...) for a file, or an iterable of lines")
    stats = stats if stats is not None else NmeaStats()
    if isinstance(source, os.PathLike):
        with Path(source).open(encoding="ascii", errors="replace") as lines:
            yield from _read(lines, stats)
    else:
        yield from _read(source, stats)


def _read(lines: Iterable[str | bytes], stats: NmeaStats) -> Iterator[Fix]:
    last_date: dt.date | None = None
    for raw in lines:
        line = raw.decode("ascii", errors="replace") if isinstance(raw, bytes) else raw
        m = _SENTENCE.search(line.strip())
        if m is None:
            stats.ignored += 1
            continue
        stats.sentences += 1
        if m.group("sum") is None or m.group("sum").upper() != checksum(m.group("body")):
            stats.bad_checksum += 1
            continue
        kind = m.group("type")
        if kind not in ("GGA", "RMC"):
            stats.ignored += 1
            continue
        fields = m.group("body").split(",")[1:]
        try:
            fix = _gga(fields, last_date) if kind == "GGA" else _rmc(fields)
        except (ValueError, IndexError):
            stats.malformed += 1
            continue
        if fix is None:
            stats.no_fix += 1
            continue
        if fix.sentence == "RMC":
            last_date = fix.date
        stats.fixes += 1
        yield fix


def _gga(f: list[str], last_date: dt.date | None) -> Fix | None:
    # hhmmss.ss, lat, N/S, lon, E/W, quality, satellites, hdop, altitude, M, geoid separation, M, age, station
    quality = int(f[5]) if f[5] else 0
    if quality == 0 or not f[1] or not f[3]:
        return None
    return Fix(
        latitude=_angle(f[1], f[2], 2, "NS"),
        longitude=_angle(f[3], f[4], 3, "EW"),
        sentence="GGA",
        time=_time(f[0]),
        date=last_date,
        quality=quality,
        satellites=int(f[6]) if f[6] else None,
        hdop=float(f[7]) if f[7] else None,
        altitude_m=float(f[8]) if len(f) > 8 and f[8] else None,
    )


def _rmc(f: list[str]) -> Fix | None:
    # hhmmss.ss, status A/V, lat, N/S, lon, E/W, speed (kn), course, ddmmyy, variation, E/W[, mode[, nav status]]
    mode = f[11] if len(f) > 11 else ""
    if f[1] != "A" or mode == "N" or not f[2] or not f[4]:
        return None
    return Fix(
        latitude=_angle(f[2], f[3], 2, "NS"),
        longitude=_angle(f[4], f[5], 3, "EW"),
        sentence="RMC",
        time=_time(f[0]),
        date=_date(f[8]) if f[8] else None,
    )


def _angle(value: str, hemisphere: str, degree_digits: int, letters: str) -> float:
    """``ddmm.mmmm`` / ``dddmm.mmmm`` with its hemisphere letter -> signed decimal degrees."""
    whole, _, fraction = value.partition(".")
    if len(whole) != degree_digits + 2 or not whole.isdigit() or (fraction and not fraction.isdigit()):
        raise ValueError(value)
    degrees = int(whole[:degree_digits])
    minutes = float(f"{whole[degree_digits:]}.{fraction or '0'}")
    limit = 90 if degree_digits == 2 else 180
    if minutes >= 60 or degrees + minutes / 60 > limit or hemisphere not in letters or not hemisphere:
        raise ValueError(value)
    result = degrees + minutes / 60
    return -result if hemisphere == letters[1] else result


def _time(value: str) -> dt.time | None:
    if not value:
        return None
    whole, _, fraction = value.partition(".")
    if len(whole) != 6 or not whole.isdigit() or (fraction and not fraction.isdigit()):
        raise ValueError(value)
    micro = round(float(f"0.{fraction or '0'}") * 1_000_000)
    return dt.time(int(whole[:2]), int(whole[2:4]), int(whole[4:6]), min(micro, 999_999))


def _date(value: str) -> dt.date:
    if len(value) != 6 or not value.isdigit():
        raise ValueError(value)
    return dt.date(2000 + int(value[4:]), int(value[2:4]), int(value[:2]))


def best_fix(fixes: Iterable[Fix], window: int = 10) -> Fix | None:
    """Among the last ``window`` fixes, the one with the lowest HDOP (fixes without HDOP rank last; on a tie,
    the most recent wins). ``None`` when there is no fix at all."""
    if window < 1:
        raise ValueError("window must be at least 1")
    recent = list(deque(fixes, maxlen=window))
    if not recent:
        return None
    ranked = sorted(enumerate(recent), key=lambda p: (p[1].hdop is None, p[1].hdop or 0.0, -p[0]))
    return ranked[0][1]
