"""NMEA 0183: checksums, GGA and RMC fields, void fixes, and choosing the best recent fix."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from kcfield.geo.nmea import Fix, NmeaStats, best_fix, checksum, read_nmea


def sentence(body: str) -> str:
    return f"${body}*{checksum(body)}\r\n"


GGA = sentence("GNGGA,023015.00,1029.47200,N,10716.28400,E,1,09,0.9,12.3,M,2.1,M,,")
RMC = sentence("GPRMC,023015.00,A,1029.47200,N,10716.28400,E,0.05,,150325,,,A")
RMC_VOID = sentence("GPRMC,023016.00,V,,,,,,,150325,,,N")
GGA_NO_FIX = sentence("GNGGA,023017.00,,,,,0,00,99.99,,,,,,")
GSV = sentence("GPGSV,3,1,11,03,03,111,00,04,15,270,00,06,01,010,00,13,06,292,00")


def test_checksum_of_published_examples() -> None:
    # Widely published receiver output, checksums as printed by the receiver.
    assert checksum("GPGGA,092750.000,5321.6802,N,00630.3372,W,1,8,1.03,61.7,M,55.2,M,,") == "76"
    assert checksum("GPRMC,092750.000,A,5321.6802,N,00630.3372,W,0.02,31.66,280511,,,A") == "43"
    assert GGA.endswith("*70\r\n")


def test_gga_fields() -> None:
    (fix,) = read_nmea([GGA])
    assert fix.sentence == "GGA"
    assert fix.latitude == pytest.approx(10.4912)
    assert fix.longitude == pytest.approx(107.2714)
    assert fix.quality == 1
    assert fix.satellites == 9
    assert fix.hdop == 0.9
    assert fix.accuracy_m == 4.5  # HDOP × 5 m
    assert fix.altitude_m == 12.3
    assert fix.time == dt.time(2, 30, 15)
    assert fix.date is None


def test_rmc_fields_and_date_carried_to_following_gga() -> None:
    rmc, gga = read_nmea([RMC, GGA])
    assert rmc.sentence == "RMC"
    assert rmc.date == dt.date(2025, 3, 15)
    assert rmc.hdop is None and rmc.accuracy_m is None
    assert rmc.timestamp == dt.datetime(2025, 3, 15, 2, 30, 15, tzinfo=dt.UTC)
    assert gga.date == dt.date(2025, 3, 15)


def test_south_and_west() -> None:
    (fix,) = read_nmea([sentence("GPGGA,092750.000,5321.6802,S,00630.3372,W,1,8,1.03,61.7,M,55.2,M,,")])
    assert fix.latitude == pytest.approx(-(53 + 21.6802 / 60))
    assert fix.longitude == pytest.approx(-(6 + 30.3372 / 60))
    assert fix.time == dt.time(9, 27, 50)


def test_bad_checksum_skipped_and_counted() -> None:
    stats = NmeaStats()
    corrupted = GGA.replace("1029.47200", "1029.47300")  # one digit changed in transit, checksum kept
    wrong_sum = GGA.replace("*70", "*71")
    missing_sum = GGA.split("*")[0]
    fixes = list(read_nmea([corrupted, wrong_sum, missing_sum, RMC], stats))
    assert [f.sentence for f in fixes] == ["RMC"]
    assert stats.bad_checksum == 3
    assert stats.fixes == 1
    assert stats.sentences == 4


def test_lower_case_checksum_accepted() -> None:
    body = "GNGGA,023016.00,1029.47300,N,10716.28500,E,1,12,0.6,12.0,M,2.1,M,,"
    assert checksum(body) == "75"
    assert len(list(read_nmea([f"${body}*75"]))) == 1


def test_void_and_no_fix_ignored() -> None:
    stats = NmeaStats()
    assert list(read_nmea([RMC_VOID, GGA_NO_FIX], stats)) == []
    assert stats.no_fix == 2
    assert stats.fixes == 0


def test_other_sentences_and_noise_ignored() -> None:
    stats = NmeaStats()
    fixes = list(read_nmea(["", "garbage", GSV, "\x00\x00" + GGA], stats))
    assert len(fixes) == 1
    assert stats.ignored == 3


def test_malformed_fields_with_good_checksum_counted() -> None:
    stats = NmeaStats()
    bad = sentence("GNGGA,023015.00,10294.7200,N,10716.28400,E,1,09,0.9,12.3,M,2.1,M,,")  # minutes 94.72
    assert list(read_nmea([bad], stats)) == []
    assert stats.malformed == 1


def test_bytes_lines_and_file_path(tmp_path: Path) -> None:
    assert len(list(read_nmea([GGA.encode("ascii")]))) == 1
    log = tmp_path / "track.nmea"
    log.write_text(RMC + RMC_VOID + GGA, encoding="ascii")
    assert [f.sentence for f in read_nmea(log)] == ["RMC", "GGA"]


def test_plain_string_refused() -> None:
    with pytest.raises(TypeError):
        list(read_nmea(GGA))  # a str is an Iterable[str] to the type checker: refused at run time


def _fix(hdop: float | None, second: int) -> Fix:
    return Fix(10.49, 107.27, "GGA", time=dt.time(2, 30, second), hdop=hdop)


def test_best_fix_lowest_hdop_in_window() -> None:
    fixes = [_fix(0.5, 0), _fix(2.0, 1), _fix(1.2, 2), _fix(None, 3), _fix(0.9, 4)]
    assert best_fix(fixes, window=10) == fixes[0]
    assert best_fix(fixes, window=3) == fixes[4]  # the 0.5 fix is too old
    assert best_fix(fixes[:4], window=1) == fixes[3]  # only a fix without HDOP left: still a fix


def test_best_fix_tie_goes_to_most_recent() -> None:
    fixes = [_fix(0.8, 0), _fix(0.8, 1)]
    assert best_fix(fixes) == fixes[1]


def test_best_fix_empty_and_bad_window() -> None:
    assert best_fix([]) is None
    with pytest.raises(ValueError, match="window"):
        best_fix([], window=0)


def test_best_fix_from_a_stream() -> None:
    lines = [RMC, GGA, sentence("GNGGA,023016.00,1029.47300,N,10716.28500,E,1,12,0.6,12.0,M,2.1,M,,")]
    best = best_fix(read_nmea(lines), window=5)
    assert best is not None
    assert best.hdop == 0.6
    assert best.accuracy_m == 3.0
