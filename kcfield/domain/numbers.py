"""Numbers, money and dates the way Vietnamese users read and type them (DOMAIN.md §6).

Vietnamese writes ``1.234.567,89``: the dot groups thousands and the comma is the decimal mark, the reverse of
English. People also paste English-formatted figures from spreadsheets, and type money as "1,5 tỷ". Parsing
is therefore explicit about which reading it picks; formatting is done here rather than with ``locale``
because the process locale is whatever the laptop has, and Qt's vi_VN short date (``d/M/yy``) is not what
official documents use.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from decimal import Decimal
from typing import Final

__all__ = [
    "format_date_vi",
    "format_number",
    "format_vnd",
    "format_vnd_scaled",
    "official_date_line",
    "parse_date_vi",
    "parse_decimal",
    "parse_vnd",
]

_SPACES: Final = re.compile(r"\s+")  # Unicode-aware: also no-break and narrow no-break spaces
_GROUPED: Final = {sep: re.compile(rf"[1-9][0-9]{{0,2}}(?:{re.escape(sep)}[0-9]{{3}})+") for sep in ".,"}
_VI_THOUSANDS: Final = re.compile(r"[1-9][0-9]{0,2}\.[0-9]{3}")
_NUMBER: Final = re.compile(r"[+-]?[0-9]*\.?[0-9]+")
_SWAP_SEPARATORS: Final = str.maketrans(",.", ".,")


def _grouped(digits: str, sep: str) -> bool:
    return _GROUPED[sep].fullmatch(digits) is not None


def _prepare(text: str) -> str:
    s = unicodedata.normalize("NFKC", text)
    s = s.replace("\u2212", "-")  # the minus sign a word processor puts in
    return _SPACES.sub("", s)


def parse_decimal(text: str) -> float:
    """Parse a number typed in Vietnamese or plain (English/programmer) notation.

    Disambiguation rule, in order:

    1. Spaces (also no-break and narrow no-break) are thousands grouping and are dropped.
    2. Both "." and "," present: the one that comes last is the decimal mark, the other groups thousands
       ("1.234,5" and "1,234.5" are both 1234.5).
    3. Only ",": one comma is the Vietnamese decimal mark ("1,5" = 1.5, "1,234" = 1.234); several commas group
       thousands ("1,234,567").
    4. Only ".": several dots group thousands ("1.234.567"); a single dot followed by exactly three digits after
       a 1–3 digit part not starting with 0 groups thousands too ("1.234" = 1234, as a Vietnamese user means it);
       any other single dot is a decimal point ("1234.5", "0.125", "3.14").

    Grouping must be well formed (groups of three), so "1.23.4" is rejected rather than guessed at.
    Raises ValueError on anything else, including "", "NaN" and "inf".
    """
    return float(_plain_decimal(text))


def _plain_decimal(text: str) -> str:
    """The number in ``text`` as a plain "-1234.5" string, by the rule of :func:`parse_decimal`."""
    s = _prepare(text)
    sign = ""
    if s[:1] in ("+", "-"):
        sign, s = s[0], s[1:]
    if not s:
        raise ValueError(f"not a number: {text!r}")
    if "." in s and "," in s:
        decimal_mark = "." if s.rfind(".") > s.rfind(",") else ","
        group_mark = "," if decimal_mark == "." else "."
        whole, _, fraction = s.rpartition(decimal_mark)
        if not _grouped(whole, group_mark) and not whole.isdigit():
            raise ValueError(f"badly grouped number: {text!r}")
        s = whole.replace(group_mark, "") + "." + fraction
    elif "," in s:
        s = s.replace(",", ".") if s.count(",") == 1 else _ungroup(s, ",", text)
    elif s.count(".") > 1 or _VI_THOUSANDS.fullmatch(s):
        s = _ungroup(s, ".", text)
    if not _NUMBER.fullmatch(s) or not s.isascii():
        raise ValueError(f"not a number: {text!r}")
    return sign + s


def _ungroup(s: str, sep: str, original: str) -> str:
    if not _grouped(s, sep):
        raise ValueError(f"badly grouped number: {original!r}")
    return s.replace(sep, "")


_CURRENCY: Final = re.compile(r"(₫|đồng|đ|vnđ|vnd|dong)$", re.IGNORECASE)
_MULTIPLIERS: Final = (
    (re.compile(r"(tỷ|tỉ|ty)$", re.IGNORECASE), 1_000_000_000),
    (re.compile(r"(triệu|trieu|tr)$", re.IGNORECASE), 1_000_000),
    (re.compile(r"(nghìn|ngàn|nghin|ngan|k)$", re.IGNORECASE), 1_000),
)


def parse_vnd(text: str) -> int:
    """Whole đồng from "1.234.567", "1234567", "1 234 567", "1,234,567", "1.234.567 ₫", "1,5 tỷ", "300 triệu".

    With a word multiplier (nghìn/ngàn/k, triệu/tr, tỷ/tỉ) the number may have a decimal part read by
    :func:`parse_decimal`; the result must then come out whole. Without one, the figure must be a whole number
    of đồng, grouped or not: "1.234,5" is refused rather than rounded, since money has no decimals here.
    Raises ValueError on garbage, negatives and fractions of a đồng.
    """
    s = unicodedata.normalize("NFC", unicodedata.normalize("NFKC", text)).strip()
    s = _CURRENCY.sub("", s).strip()
    multiplier = 1
    for pattern, factor in _MULTIPLIERS:
        if pattern.search(s):
            s, multiplier = pattern.sub("", s).strip(), factor
            break
    compact = _prepare(s)
    if compact.startswith("-"):
        raise ValueError(f"money cannot be negative: {text!r}")
    compact = compact.removeprefix("+")
    if not compact:
        raise ValueError(f"not an amount of money: {text!r}")
    if multiplier == 1:
        if compact.isascii() and compact.isdigit():
            return int(compact)
        for sep in (".", ","):
            if _grouped(compact, sep):
                return int(compact.replace(sep, ""))
        raise ValueError(f"not a whole amount of đồng: {text!r}")
    value = Decimal(_plain_decimal(compact)) * multiplier  # exact: "1,0000001 k" is not a whole amount
    if value != value.to_integral_value():
        raise ValueError(f"not a whole amount of đồng: {text!r}")
    return int(value)


def format_number(x: float, decimals: int = 0, lang: str = "vi") -> str:
    """Grouped with a fixed number of decimals: vi "1.234,5", en "1,234.5"."""
    english = f"{x:,.{decimals}f}"
    if lang == "en":
        return english
    return english.translate(_SWAP_SEPARATORS)


def format_vnd(n: int, lang: str = "vi") -> str:
    """Money as printed on Vietnamese documents: "1.234.567 ₫" (no decimals; "1,234,567 ₫" in English)."""
    return f"{format_number(n, 0, lang)} ₫"


def format_vnd_scaled(n: int, lang: str = "vi") -> str:
    """Large sums the way reports quote them: "9,05 tỷ đồng", "300 triệu đồng"; below a million as format_vnd."""
    for factor, vi_unit, en_unit in (
        (1_000_000_000, "tỷ đồng", "billion VND"),
        (1_000_000, "triệu đồng", "million VND"),
    ):
        if abs(n) >= factor:
            number = format_number(n / factor, 2, lang).rstrip("0").rstrip(",.")
            return f"{number} {vi_unit if lang == 'vi' else en_unit}"
    return format_vnd(n, lang)


def format_date_vi(d: date) -> str:
    """dd/MM/yyyy, always two-digit day and month: "05/02/2025"."""
    return f"{d.day:02d}/{d.month:02d}/{d.year:04d}"


def parse_date_vi(text: str) -> date:
    """Day first, "/" "-" or "." between parts, two- or four-digit year ("5/2/25" = 05/02/2025). ValueError else."""
    m = re.fullmatch(r"\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})\s*", text)
    if not m:
        raise ValueError(f"not a date (dd/mm/yyyy): {text!r}")
    day, month, year = (int(g) for g in m.groups())
    if len(m.group(3)) == 2:
        year += 2000
    return date(year, month, day)


def official_date_line(d: date, place: str = "") -> str:
    """The date line of an administrative document: "Vũng Tàu, ngày 05 tháng 02 năm 2025".

    Decree 30/2020/NĐ-CP: days below 10 and months 1 and 2 take a leading zero (so "tháng 01" cannot be misread
    as "tháng 10"/"tháng 11" or "tháng 12" after a later pen stroke); months 3–12 are written plain.
    """
    month = f"{d.month:02d}" if d.month <= 2 else str(d.month)
    line = f"ngày {d.day:02d} tháng {month} năm {d.year}"
    place = " ".join(place.split())
    return f"{place}, {line}" if place else line[0].upper() + line[1:]
