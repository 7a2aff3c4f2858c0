"""Vietnamese identifiers: tax codes, personal identification numbers, phone numbers (DOMAIN.md §4).

Each ``parse_*`` function takes what a person typed and returns a frozen result carrying the canonical value,
what was recognised and the problems found. They never raise: a form shows every problem at once, and a
bulk import keeps going and reports rows. ``field`` names the entity field the value came from, so the
problems are ready for :func:`kcfield.domain.messages.describe`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum
from typing import Final

from kcfield.domain.enums import Gender, TaxCodeKind
from kcfield.domain.errors import Problem, Severity

__all__ = [
    "BIRTH_PROVINCE_CODES",
    "LANDLINE_AREA_CODES",
    "MOBILE_PREFIXES",
    "OLD_MOBILE_PREFIXES",
    "MobileNetwork",
    "PersonalIdResult",
    "PhoneKind",
    "PhoneResult",
    "TaxCodeResult",
    "convert_old_mobile",
    "make_tax_code",
    "parse_personal_id",
    "parse_phone",
    "parse_tax_code",
    "tax_code_check_digit",
]

_SEPARATORS: Final = re.compile(r"[\s.\-()/]+")


def _clean(raw: str) -> str:
    """NFKC (full-width digits from some IMEs become ASCII) and trimmed."""
    return unicodedata.normalize("NFKC", raw).strip()


# -- tax code --------------------------------------------------------------------------------------------------

_TAX_WEIGHTS: Final = (31, 29, 23, 19, 17, 13, 7, 5, 3)
_TAX_10: Final = re.compile(r"[0-9]{10}")
_TAX_13: Final = re.compile(r"([0-9]{10})-?([0-9]{3})")
_DIGITS_12: Final = re.compile(r"[0-9]{12}")


@dataclass(frozen=True, slots=True)
class TaxCodeResult:
    value: str  # canonical: "0100109106", "0100109106-001" or the 12 digits; the cleaned input when unrecognised
    kind: TaxCodeKind | None  # None when the shape matches no kind
    problems: tuple[Problem, ...] = ()

    @property
    def ok(self) -> bool:
        return not any(p.blocking for p in self.problems)


def tax_code_check_digit(body9: str) -> int | None:
    """The 10th digit for a 9-digit body, or None when the weighted sum is divisible by 11.

    r = (31·N1 + 29·N2 + 23·N3 + 19·N4 + 17·N5 + 13·N6 + 7·N7 + 5·N8 + 3·N9) mod 11 and N10 = 10 − r; r = 0 would
    need a check "digit" of 10, so the tax authority never issues such a body. Every weight is non-zero mod 11
    and 11 is prime, so any single mistyped digit changes r: the check catches every one-digit typo.
    """
    if len(body9) != 9 or not body9.isascii() or not body9.isdigit():
        raise ValueError(f"a tax code body is 9 digits, got {body9!r}")
    r = sum(w * int(d) for w, d in zip(_TAX_WEIGHTS, body9, strict=True)) % 11
    return None if r == 0 else 10 - r


def make_tax_code(body9: str) -> str:
    """A valid 10-digit tax code from 9 digits (demo data, tests). About 1 body in 11 has none: ValueError."""
    digit = tax_code_check_digit(body9)
    if digit is None or body9[2:] == "0000000":
        raise ValueError(f"no valid tax code has the body {body9}")
    return f"{body9}{digit}"


def _check_tax10(code: str, field: str) -> list[Problem]:
    body = code[:9]
    if body[2:] == "0000000":
        return [Problem("tax_code.zero_body", field, {"value": code})]
    expected = tax_code_check_digit(body)
    if expected is None:
        return [Problem("tax_code.no_check_digit", field, {"value": code})]
    if int(code[9]) != expected:
        return [Problem("tax_code.check_digit", field, {"value": code, "expected": str(expected), "found": code[9]})]
    return []


def parse_tax_code(raw: str, field: str = "tax_code") -> TaxCodeResult:
    """Recognise a 10-digit code, a 13-digit dependent-unit code or a 12-digit personal ID used as tax code.

    Spaces and dots typed as grouping are ignored; a 13-digit code may be typed with or without its dash.
    """
    cleaned = _clean(raw)
    compact = re.sub(r"[\s.]+", "", cleaned)
    if not compact:
        return TaxCodeResult("", None, (Problem("required", field),))
    if _TAX_10.fullmatch(compact):
        return TaxCodeResult(compact, TaxCodeKind.ENTERPRISE, tuple(_check_tax10(compact, field)))
    if _DIGITS_12.fullmatch(compact):
        person = parse_personal_id(compact, field)
        return TaxCodeResult(person.value, TaxCodeKind.PERSONAL_ID, person.problems)
    if m := _TAX_13.fullmatch(compact):
        main, suffix = m.group(1), m.group(2)
        problems = _check_tax10(main, field)
        if suffix == "000":
            problems.append(Problem("tax_code.branch_suffix", field, {"value": f"{main}-{suffix}"}))
        return TaxCodeResult(f"{main}-{suffix}", TaxCodeKind.BRANCH, tuple(problems))
    digits = sum(ch.isdigit() for ch in compact)
    return TaxCodeResult(compact, None, (Problem("tax_code.format", field, {"value": cleaned, "digits": digits}),))


# -- personal identification number ----------------------------------------------------------------------------

#: Birth-province codes of the old 63-province list (DOMAIN.md §4); numbers keep them after the 2025 mergers.
BIRTH_PROVINCE_CODES: Final = frozenset(
    f"{n:03d}"
    for n in (
        1, 2, 4, 6, 8, 10, 11, 12, 14, 15, 17, 19, 20, 22, 24, 25, 26, 27, 30, 31,
        33, 34, 35, 36, 37, 38, 40, 42, 44, 45, 46, 48, 49, 51, 52, 54, 56, 58, 60, 62,
        64, 66, 67, 68, 70, 72, 74, 75, 77, 79, 80, 82, 83, 84, 86, 87, 89, 91, 92, 93,
        94, 95, 96,
    )
)  # fmt: skip
_CENTURIES: Final = (1900, 2000, 2100, 2200, 1800)  # by 4th digit // 2: 0/1, 2/3, 4/5, 6/7, 8/9


@dataclass(frozen=True, slots=True)
class PersonalIdResult:
    value: str  # the 12 digits, or the cleaned input when it is not 12 digits
    birth_province_code: str | None = None
    sex: Gender | None = None  # even 4th digit = male, odd = female
    birth_century: int | None = None  # 1800, 1900, 2000, 2100 or 2200
    birth_year: int | None = None
    problems: tuple[Problem, ...] = ()

    @property
    def ok(self) -> bool:
        return not any(p.blocking for p in self.problems)


def parse_personal_id(raw: str, field: str = "rep_personal_id") -> PersonalIdResult:
    """Check the shape and decode birth province, sex and birth year; there is no check digit to verify.

    Whether the birth year is plausible depends on today's date, so that check is in validation.
    """
    compact = re.sub(r"[\s.]+", "", _clean(raw))
    if not compact:
        return PersonalIdResult("", problems=(Problem("required", field),))
    if not _DIGITS_12.fullmatch(compact):
        digits = sum(ch.isdigit() for ch in compact)
        return PersonalIdResult(compact, problems=(Problem("personal_id.format", field, {"digits": digits}),))
    province, sex_digit = compact[:3], int(compact[3])
    century = _CENTURIES[sex_digit // 2]
    problems: tuple[Problem, ...] = ()
    if province not in BIRTH_PROVINCE_CODES:
        problems = (Problem("personal_id.province", field, {"province_code": province}),)
    return PersonalIdResult(
        compact,
        birth_province_code=province,
        sex=Gender.MALE if sex_digit % 2 == 0 else Gender.FEMALE,
        birth_century=century,
        birth_year=century + int(compact[4:6]),
        problems=problems,
    )


# -- phone numbers ---------------------------------------------------------------------------------------------


class PhoneKind(StrEnum):
    MOBILE = "mobile"
    LANDLINE = "landline"


class MobileNetwork(StrEnum):
    VIETTEL = "Viettel"
    VINAPHONE = "VinaPhone"
    MOBIFONE = "MobiFone"
    VIETNAMOBILE = "Vietnamobile"
    GMOBILE = "Gmobile"


def _prefixes(network: MobileNetwork, spec: str) -> dict[str, MobileNetwork]:
    out: dict[str, MobileNetwork] = {}
    for part in spec.split():
        first, _, last = part.partition("-")
        for n in range(int(first), int(last or first) + 1):
            out[f"0{n:02d}"] = network
    return out


#: 3-digit prefixes of 10-digit mobiles (DOMAIN.md §4). Other operators exist (e.g. virtual networks): a prefix
#: missing here is a warning, not an error.
MOBILE_PREFIXES: Final[dict[str, MobileNetwork]] = {
    **_prefixes(MobileNetwork.VIETTEL, "32-39 86 96-98"),
    **_prefixes(MobileNetwork.VINAPHONE, "81-85 88 91 94"),
    **_prefixes(MobileNetwork.MOBIFONE, "70 76-79 89 90 93"),
    **_prefixes(MobileNetwork.VIETNAMOBILE, "52 56 58 92"),
    **_prefixes(MobileNetwork.GMOBILE, "59 99"),
}

#: Old 11-digit mobile prefixes and their 10-digit replacements (the 2018 renumbering).
OLD_MOBILE_PREFIXES: Final[dict[str, str]] = {
    "0120": "070", "0121": "079", "0122": "077", "0126": "076", "0128": "078",
    "0123": "083", "0124": "084", "0125": "085", "0127": "081", "0129": "082",
    **{f"016{i}": f"03{i}" for i in range(2, 10)},
    "0186": "056", "0188": "058", "0199": "059",
}  # fmt: skip

#: Landline area codes after the 2017 renumbering (63-province list). Hà Nội 24 and TP. Hồ Chí Minh 28 have two
#: digits, the others three. A code missing here is a warning: the 2025 mergers may bring changes.
LANDLINE_AREA_CODES: Final = frozenset(
    str(n)
    for n in (
        24, 28, 203, 204, 205, 206, 207, 208, 209, 210, 211, 212, 213, 214, 215, 216, 218, 219, 220, 221,
        222, 225, 226, 227, 228, 229, 232, 233, 234, 235, 236, 237, 238, 239, 251, 252, 254, 255, 256, 257,
        258, 259, 260, 261, 262, 263, 269, 270, 271, 272, 273, 274, 275, 276, 277, 290, 291, 292, 293, 294,
        296, 297, 299,
    )
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class PhoneResult:
    value: str  # national digits "0912345678" when recognised, otherwise the cleaned input
    kind: PhoneKind | None = None
    network: MobileNetwork | None = None
    area_code: str | None = None
    problems: tuple[Problem, ...] = ()

    @property
    def ok(self) -> bool:
        return not any(p.blocking for p in self.problems)

    @property
    def display(self) -> str:
        """Grouped for reading aloud: "0912 345 678", "024 3825 1234", "0254 3852 123"."""
        v = self.value
        if self.kind is PhoneKind.MOBILE:
            return f"{v[:4]} {v[4:7]} {v[7:]}"
        if self.kind is PhoneKind.LANDLINE:
            split = 1 + len(self.area_code or "")
            rest = v[split:]
            return f"{v[:split]} {rest[:4]} {rest[4:]}"
        return v

    @property
    def e164(self) -> str:
        """International form "+84912345678" for links and SMS apps, "" when not recognised."""
        return f"+84{self.value[1:]}" if self.kind is not None else ""


def _national_digits(raw: str) -> str:
    """Drop grouping characters and turn +84 / 0084 / 84 into the national leading 0."""
    s = _SEPARATORS.sub("", _clean(raw))
    for prefix in ("+84", "0084"):
        if s.startswith(prefix):
            rest = s[len(prefix) :]
            return rest if rest.startswith("0") else "0" + rest
    if s.startswith("84") and len(s) in (11, 12) and s[2] != "0":
        return "0" + s[2:]
    return s


def convert_old_mobile(raw: str) -> str | None:
    """The current 10-digit number for an old 11-digit mobile (0168 xxx xxxx -> 038 xxx xxxx), else None."""
    s = _national_digits(raw)
    if len(s) == 11 and s.isascii() and s.isdigit() and s[:4] in OLD_MOBILE_PREFIXES:
        return OLD_MOBILE_PREFIXES[s[:4]] + s[4:]
    return None


def parse_phone(raw: str, field: str = "rep_phone") -> PhoneResult:
    """Recognise a 10-digit mobile or an 11-digit landline.

    Old 11-digit mobiles are errors (they stopped working in 2018) whose params carry the converted number,
    so a form can offer it with one click. An unknown mobile prefix is only a warning.
    """
    s = _national_digits(raw)
    if not s:
        return PhoneResult("", problems=(Problem("required", field),))
    if not (s.isascii() and s.isdigit()):
        return PhoneResult(s, problems=(Problem("phone.format", field, {"value": s}),))
    if len(s) == 10 and s[0] == "0" and s[1] in "356789":
        network = MOBILE_PREFIXES.get(s[:3])
        problems: tuple[Problem, ...] = ()
        if network is None:
            problems = (Problem("phone.unknown_network", field, {"prefix": s[:3]}, Severity.WARNING),)
        return PhoneResult(s, PhoneKind.MOBILE, network, problems=problems)
    if len(s) == 11 and s.startswith("02"):
        area = s[1:3] if s[1:3] in ("24", "28") else s[1:4]
        problems = ()
        if area not in LANDLINE_AREA_CODES:
            problems = (Problem("phone.unknown_area_code", field, {"area_code": area}, Severity.WARNING),)
        return PhoneResult(s, PhoneKind.LANDLINE, area_code=area, problems=problems)
    if (converted := convert_old_mobile(s)) is not None:
        return PhoneResult(s, problems=(Problem("phone.old_mobile", field, {"old": s, "suggested": converted}),))
    return PhoneResult(s, problems=(Problem("phone.length", field, {"value": s, "digits": len(s)}),))
