"""Money, numbers and dates in Vietnamese notation."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kcfield.domain.numbers import (
    format_date_vi,
    format_number,
    format_vnd,
    format_vnd_scaled,
    official_date_line,
    parse_date_vi,
    parse_decimal,
    parse_vnd,
)


@pytest.mark.parametrize(
    ("typed", "amount"),
    [
        ("1.234.567", 1_234_567),
        ("1234567", 1_234_567),
        ("1 234 567", 1_234_567),
        ("1\u00a0234\u00a0567", 1_234_567),
        ("1.234.567 ₫", 1_234_567),
        ("1.234.567đ", 1_234_567),
        ("1.234.567 đồng", 1_234_567),
        ("1,234,567 VND", 1_234_567),
        ("0", 0),
        ("1,5 tỷ", 1_500_000_000),
        ("1.5 tỷ", 1_500_000_000),
        ("2 tỉ", 2_000_000_000),
        ("300 triệu", 300_000_000),
        ("12,5 triệu đồng", 12_500_000),
        ("500 nghìn", 500_000),
        ("500k", 500_000),
        ("+100", 100),
    ],
)
def test_parse_vnd_accepts_what_people_type(typed: str, amount: int) -> None:
    assert parse_vnd(typed) == amount


@pytest.mark.parametrize(
    "typed", ["", "  ", "₫", "abc", "-5", "-1.000 ₫", "1.234,5", "1,5", "1.23.4", "12.34", "1e6", "nan", "1,0000001 k"]
)
def test_parse_vnd_refuses_garbage_negatives_and_fractions_of_a_dong(typed: str) -> None:
    with pytest.raises(ValueError):
        parse_vnd(typed)


def test_format_vnd() -> None:
    assert format_vnd(1_234_567) == "1.234.567 ₫"
    assert format_vnd(0) == "0 ₫"
    assert format_vnd(999) == "999 ₫"
    assert format_vnd(1_234_567, lang="en") == "1,234,567 ₫"


def test_format_vnd_scaled_for_large_sums() -> None:
    assert format_vnd_scaled(9_050_000_000) == "9,05 tỷ đồng"
    assert format_vnd_scaled(300_000_000) == "300 triệu đồng"
    assert format_vnd_scaled(1_500_000, "en") == "1.5 million VND"
    assert format_vnd_scaled(250_000) == "250.000 ₫"


@given(st.integers(min_value=0, max_value=10**15))
def test_money_round_trips_through_its_display(n: int) -> None:
    assert parse_vnd(format_vnd(n)) == n
    assert parse_vnd(format_vnd(n, "en")) == n


def test_format_number_vi_and_en() -> None:
    assert format_number(1234.5, 1) == "1.234,5"
    assert format_number(1234.5, 1, lang="en") == "1,234.5"
    assert format_number(1234567.891, 2) == "1.234.567,89"
    assert format_number(-0.5, 2) == "-0,50"
    assert format_number(1234) == "1.234"


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("1.234,5", 1234.5),  # Vietnamese
        ("1234.5", 1234.5),  # plain
        ("1,234.5", 1234.5),  # English, pasted from a spreadsheet
        ("1,5", 1.5),  # one comma: Vietnamese decimal mark
        ("1,234", 1.234),  # ... even with three digits after it
        ("1.234", 1234.0),  # one dot then exactly three digits: Vietnamese grouping
        ("0.125", 0.125),  # leading zero cannot start a group: decimal
        ("12.50", 12.5),
        ("1.234.567", 1234567.0),
        ("1,234,567", 1234567.0),
        ("1 234,5", 1234.5),
        ("-3,2", -3.2),
        ("\u22123,2", -3.2),
        ("42", 42.0),
        (",5", 0.5),
    ],
)
def test_parse_decimal_disambiguation_rule(typed: str, value: float) -> None:
    assert parse_decimal(typed) == pytest.approx(value)


@pytest.mark.parametrize("typed", ["", "-", ".", "abc", "1..2", "1.23.4", "1,2,3", "1.234,5,6", "nan", "inf", "1e3"])
def test_parse_decimal_refuses_garbage(typed: str) -> None:
    with pytest.raises(ValueError):
        parse_decimal(typed)


@given(st.floats(min_value=-1e12, max_value=1e12, allow_nan=False), st.integers(0, 4))
def test_vietnamese_numbers_round_trip(x: float, decimals: int) -> None:
    shown = format_number(x, decimals)
    assert parse_decimal(shown) == pytest.approx(round(x, decimals), abs=10**-decimals)


@given(st.floats(min_value=-1e12, max_value=1e12, allow_nan=False), st.integers(1, 2))
def test_english_numbers_with_decimals_round_trip(x: float, decimals: int) -> None:
    shown = format_number(x, decimals, lang="en")
    assert parse_decimal(shown) == pytest.approx(round(x, decimals), abs=10**-decimals)


def test_format_date_vi_is_dd_mm_yyyy() -> None:
    assert format_date_vi(date(2025, 2, 5)) == "05/02/2025"
    assert format_date_vi(date(2025, 12, 31)) == "31/12/2025"


def test_parse_date_vi_reads_day_first() -> None:
    assert parse_date_vi("05/02/2025") == date(2025, 2, 5)
    assert parse_date_vi("5/2/25") == date(2025, 2, 5)
    assert parse_date_vi("15-3-2025") == date(2025, 3, 15)
    for bad in ("2025-02-05", "31/02/2025", "05/13/2025", ""):
        with pytest.raises(ValueError):
            parse_date_vi(bad)


def test_official_date_line_examples() -> None:
    assert official_date_line(date(2025, 2, 5), "Vũng Tàu") == "Vũng Tàu, ngày 05 tháng 02 năm 2025"
    assert official_date_line(date(2025, 3, 15), "Vũng Tàu") == "Vũng Tàu, ngày 15 tháng 3 năm 2025"
    assert official_date_line(date(2025, 1, 20), "Côn Đảo") == "Côn Đảo, ngày 20 tháng 01 năm 2025"
    assert official_date_line(date(2025, 10, 1), "") == "Ngày 01 tháng 10 năm 2025"


@pytest.mark.parametrize("month", range(1, 13))
def test_official_date_line_pads_only_months_1_and_2(month: int) -> None:
    line = official_date_line(date(2025, month, 9), "Bà Rịa")
    expected_month = f"0{month}" if month <= 2 else str(month)
    assert line == f"Bà Rịa, ngày 09 tháng {expected_month} năm 2025"
