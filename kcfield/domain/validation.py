"""Field and record rules: what a collaborator may save, and what only deserves a warning.

Every rule returns a list of :class:`Problem` with ``field`` set to the entity field, so a form can put the
message next to the right widget and an import can name the column. Nothing here raises: services call
:func:`normalized_establishment` (storage form of text), then :func:`validate_establishment`, and refuse to
write when a problem is blocking (``ValidationFailed``). ``today`` is a parameter so that tests and imports
of old paper forms do not depend on the clock.

Existence of province and commune codes is checked by ``kcfield.geo`` (it owns the reference lists), and the
eligibility rules live in their own module: this one only says whether a record is self-consistent.
"""

from __future__ import annotations

import dataclasses
import math
import re
import unicodedata
from collections.abc import Callable
from datetime import date
from typing import Any, Final, TypeVar

from kcfield.domain.enums import EstablishmentKind, Gender, TaxCodeKind
from kcfield.domain.errors import Problem, Severity
from kcfield.domain.identifiers import parse_personal_id, parse_phone, parse_tax_code
from kcfield.domain.model import EquipmentNeed, Establishment, Visit
from kcfield.domain.text import normalize

__all__ = [
    "MULTILINE_FIELDS",
    "PROBLEM_CODES",
    "VIETNAM_BOUNDS",
    "check_coordinates",
    "check_count",
    "check_email",
    "check_money",
    "check_non_negative",
    "check_not_future",
    "check_percent",
    "check_personal_id",
    "check_phone",
    "check_required",
    "check_tax_code",
    "check_year_founded",
    "in_vietnam",
    "normalized_establishment",
    "normalized_text_fields",
    "validate_equipment_need",
    "validate_establishment",
    "validate_visit",
]

#: Every code this module (and the identifier parsers it calls) can emit; the message catalogue has both
#: languages for each, which a test checks.
PROBLEM_CODES: Final = frozenset(
    {
        "required",
        "tax_code.format",
        "tax_code.check_digit",
        "tax_code.no_check_digit",
        "tax_code.zero_body",
        "tax_code.branch_suffix",
        "tax_code.kind_mismatch",
        "tax_code.personal_id_not_household",
        "personal_id.format",
        "personal_id.province",
        "personal_id.birth_year_future",
        "personal_id.sex_mismatch",
        "phone.format",
        "phone.length",
        "phone.old_mobile",
        "phone.unknown_network",
        "phone.unknown_area_code",
        "email.format",
        "coordinates.outside_vietnam",
        "coordinates.swapped",
        "coordinates.incomplete",
        "money.negative",
        "number.negative",
        "count.negative",
        "percent.range",
        "date.future",
        "year_founded.range",
        "year_founded.after_registration",
        "legal_form.not_enterprise",
        "workers.insured_exceeds_total",
        "workers.female_exceeds_total",
        "ocop.range",
        "capacity.unit_missing",
        "vsic.format",
        "vsic.version_missing",
        "craft_village.name_missing",
        "time.end_before_start",
        "quantity.not_positive",
        "need.own_exceeds_cost",
        "need.support_exceeds_cost",
        "need.shares_exceed_cost",
    }
)

#: (lat_min, lat_max, lon_min, lon_max): the mainland plus Phú Quốc, Côn Đảo, Hoàng Sa and Trường Sa. A box is
#: coarse on purpose: it catches swapped or mistyped coordinates and GPS fixes taken abroad, which is the aim.
VIETNAM_BOUNDS: Final = (6.0, 23.5, 102.1, 117.9)

_EARLIEST_FOUNDING_YEAR: Final = 1800  # craft workshops can be old; earlier years are typing mistakes
_EMAIL: Final = re.compile(r"[^@\s]+@[^@\s.]+(?:\.[^@\s.]+)+")
_VSIC: Final = re.compile(r"[0-9]{2,5}|[A-U]")


# -- field rules -----------------------------------------------------------------------------------------------


def check_required(value: object, field: str) -> list[Problem]:
    if value is None or (isinstance(value, str) and not value.strip()):
        return [Problem("required", field)]
    return []


def check_tax_code(raw: str, field: str = "tax_code") -> list[Problem]:
    return [] if not raw.strip() else list(parse_tax_code(raw, field).problems)


def check_personal_id(raw: str, today: date, field: str = "rep_personal_id") -> list[Problem]:
    if not raw.strip():
        return []
    parsed = parse_personal_id(raw, field)
    problems = list(parsed.problems)
    if parsed.birth_year is not None and parsed.birth_year > today.year:
        problems.append(Problem("personal_id.birth_year_future", field, {"year": str(parsed.birth_year)}))
    return problems


def check_phone(raw: str, field: str) -> list[Problem]:
    return [] if not raw.strip() else list(parse_phone(raw, field).problems)


def check_email(raw: str, field: str) -> list[Problem]:
    value = raw.strip()
    if value and not _EMAIL.fullmatch(value):
        return [Problem("email.format", field, {"value": value})]
    return []


def in_vietnam(lat: float, lon: float) -> bool:
    """True when the point lies in Vietnam's bounding box, islands included (NaN is never inside)."""
    lat_min, lat_max, lon_min, lon_max = VIETNAM_BOUNDS
    return lat_min <= lat <= lat_max and lon_min <= lon <= lon_max


def check_coordinates(
    lat: float | None, lon: float | None, lat_field: str = "latitude", lon_field: str = "longitude"
) -> list[Problem]:
    """Both or neither; inside Vietnam. Swapped latitude and longitude (a common slip) get their own message."""
    if lat is None and lon is None:
        return []
    if lat is None or lon is None:
        missing = lat_field if lat is None else lon_field
        return [Problem("coordinates.incomplete", missing)]
    if in_vietnam(lat, lon):
        return []
    params = {"latitude": f"{lat:.5f}", "longitude": f"{lon:.5f}"}
    code = "coordinates.swapped" if in_vietnam(lon, lat) else "coordinates.outside_vietnam"
    return [Problem(code, lat_field, params)]


def check_money(value: int | None, field: str) -> list[Problem]:
    return [Problem("money.negative", field)] if value is not None and value < 0 else []


def check_count(value: int | None, field: str) -> list[Problem]:
    return [Problem("count.negative", field)] if value is not None and value < 0 else []


def check_non_negative(value: float | None, field: str) -> list[Problem]:
    if value is not None and not (math.isfinite(value) and value >= 0):
        return [Problem("number.negative", field)]
    return []


def check_percent(value: float | None, field: str) -> list[Problem]:
    if value is not None and not 0 <= value <= 100:  # NaN fails both comparisons: reported too
        return [Problem("percent.range", field, {"value": f"{value:g}"})]
    return []


def check_not_future(value: date | None, field: str, today: date) -> list[Problem]:
    if value is not None and value > today:
        return [Problem("date.future", field, {"date": value.strftime("%d/%m/%Y")})]
    return []


def check_year_founded(year: int | None, today: date, field: str = "year_founded") -> list[Problem]:
    if year is not None and not _EARLIEST_FOUNDING_YEAR <= year <= today.year:
        params = {"min": str(_EARLIEST_FOUNDING_YEAR), "max": str(today.year), "value": str(year)}
        return [Problem("year_founded.range", field, params)]
    return []


# -- records ---------------------------------------------------------------------------------------------------


def _tax_code_problems(e: Establishment) -> list[Problem]:
    if not e.tax_code.strip():
        return []
    parsed = parse_tax_code(e.tax_code)
    problems = list(parsed.problems)
    if parsed.kind is None:
        return problems
    if e.tax_code_kind is not None and e.tax_code_kind is not parsed.kind:
        params = {"declared": e.tax_code_kind.value, "found": parsed.kind.value}
        problems.append(Problem("tax_code.kind_mismatch", "tax_code_kind", params))
    if parsed.kind is TaxCodeKind.PERSONAL_ID and e.kind is not EstablishmentKind.HOUSEHOLD:
        problems.append(Problem("tax_code.personal_id_not_household", "tax_code", {"kind": e.kind.value}))
    return problems


def _representative_problems(e: Establishment, today: date) -> list[Problem]:
    problems = check_phone(e.rep_phone, "rep_phone") + check_email(e.rep_email, "rep_email")
    problems += check_personal_id(e.rep_personal_id, today, "rep_personal_id")
    if e.rep_personal_id.strip() and e.rep_gender in (Gender.MALE, Gender.FEMALE):
        parsed = parse_personal_id(e.rep_personal_id)
        if parsed.sex is not None and parsed.sex is not e.rep_gender:
            params = {"digit": parsed.value[3]}
            problems.append(Problem("personal_id.sex_mismatch", "rep_personal_id", params, Severity.WARNING))
    return problems


def _workforce_problems(e: Establishment) -> list[Problem]:
    problems: list[Problem] = []
    for name in ("workers_total", "workers_insured", "workers_female"):
        problems += check_count(getattr(e, name), name)
    total = e.workers_total
    if total is not None and total >= 0:
        if e.workers_insured is not None and e.workers_insured > total:
            params = {"insured": e.workers_insured, "total": total}
            problems.append(Problem("workers.insured_exceeds_total", "workers_insured", params))
        if e.workers_female is not None and e.workers_female > total:
            params = {"female": e.workers_female, "total": total}
            problems.append(Problem("workers.female_exceeds_total", "workers_female", params))
    return problems


def validate_establishment(e: Establishment, today: date) -> list[Problem]:
    """Every field rule of an establishment profile plus the rules that tie fields together."""
    problems = check_required(e.name, "name")
    problems += _tax_code_problems(e)
    if e.legal_form is not None and e.kind is not EstablishmentKind.ENTERPRISE:
        problems.append(Problem("legal_form.not_enterprise", "legal_form", {"kind": e.kind.value}))
    problems += check_not_future(e.registration_date, "registration_date", today)
    problems += check_year_founded(e.year_founded, today)
    if (
        e.registration_date is not None
        and e.year_founded is not None
        and e.registration_date.year < e.year_founded <= today.year
    ):
        params = {"year": str(e.year_founded), "registered": str(e.registration_date.year)}
        problems.append(Problem("year_founded.after_registration", "year_founded", params, Severity.WARNING))
    problems += _representative_problems(e, today)
    if e.craft_village_recognised and not e.craft_village_name.strip():
        problems.append(Problem("craft_village.name_missing", "craft_village_name"))
    problems += check_coordinates(e.latitude, e.longitude)
    problems += check_non_negative(e.position_accuracy_m, "position_accuracy_m")
    if e.vsic_code.strip():
        if not _VSIC.fullmatch(e.vsic_code.strip()):
            problems.append(Problem("vsic.format", "vsic_code", {"value": e.vsic_code}))
        if not e.vsic_version.strip():
            problems.append(Problem("vsic.version_missing", "vsic_version"))
    for name in ("capacity_design", "capacity_actual"):
        problems += check_non_negative(getattr(e, name), name)
    if (e.capacity_design is not None or e.capacity_actual is not None) and not e.capacity_unit.strip():
        problems.append(Problem("capacity.unit_missing", "capacity_unit", severity=Severity.WARNING))
    problems += _workforce_problems(e)
    problems += check_money(e.revenue_prev_year_vnd, "revenue_prev_year_vnd")
    problems += check_money(e.total_capital_vnd, "total_capital_vnd")
    problems += check_percent(e.export_share_pct, "export_share_pct")
    problems += check_percent(e.local_material_share_pct, "local_material_share_pct")
    if e.ocop_stars is not None and not 1 <= e.ocop_stars <= 5:
        problems.append(Problem("ocop.range", "ocop_stars", {"value": e.ocop_stars}))
    return problems


def validate_visit(v: Visit, today: date) -> list[Problem]:
    """A visit needs its date (not in the future), a time range that runs forwards and a plausible position."""
    problems = check_required(v.visit_date, "visit_date")
    problems += check_not_future(v.visit_date, "visit_date", today)
    if v.start_time is not None and v.end_time is not None and v.end_time <= v.start_time:
        params = {"start": v.start_time.strftime("%H:%M"), "end": v.end_time.strftime("%H:%M")}
        problems.append(Problem("time.end_before_start", "end_time", params))
    problems += check_phone(v.respondent_phone, "respondent_phone")
    problems += check_coordinates(v.latitude, v.longitude)
    problems += check_non_negative(v.position_accuracy_m, "position_accuracy_m")
    return problems


def validate_equipment_need(n: EquipmentNeed) -> list[Problem]:
    """A proposed machine: named, a positive quantity, money that adds up to no more than its cost."""
    problems = check_required(n.equipment_name, "equipment_name")
    if not (math.isfinite(n.quantity) and n.quantity > 0):
        problems.append(Problem("quantity.not_positive", "quantity"))
    for name in ("unit_price_vnd", "own_contribution_vnd", "requested_support_vnd"):
        problems += check_money(getattr(n, name), name)
    if problems:
        return problems  # the cost comparisons below would only repeat the same mistake
    cost = n.cost_vnd
    if n.own_contribution_vnd > cost:
        params = {"amount": n.own_contribution_vnd, "cost": cost}
        problems.append(Problem("need.own_exceeds_cost", "own_contribution_vnd", params))
    if n.requested_support_vnd > cost:
        params = {"amount": n.requested_support_vnd, "cost": cost}
        problems.append(Problem("need.support_exceeds_cost", "requested_support_vnd", params))
    if not problems and n.own_contribution_vnd + n.requested_support_vnd > cost:
        params = {"amount": n.own_contribution_vnd + n.requested_support_vnd, "cost": cost}
        problems.append(Problem("need.shares_exceed_cost", "requested_support_vnd", params, Severity.WARNING))
    return problems


# -- normalisation ---------------------------------------------------------------------------------------------

#: Free-text fields where line breaks carry meaning: NFC and trimmed, but whitespace inside is kept.
MULTILINE_FIELDS: Final = frozenset(
    {
        "notes",
        "main_products",
        "other_certifications",
        "earlier_state_support_note",
        "legacy_address",
        "purpose",
        "observations",
        "recommendations",
        "next_steps",
        "specification",
    }
)

_T = TypeVar("_T")


def _multiline(s: str) -> str:
    lines = unicodedata.normalize("NFC", s).replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(line.rstrip() for line in lines).strip()


def normalized_text_fields(record: _T) -> _T:
    """A copy of a dataclass record with every ``str`` field in storage form (see :mod:`kcfield.domain.text`)."""
    if not dataclasses.is_dataclass(record) or isinstance(record, type):
        raise TypeError(f"expected a dataclass instance, got {type(record).__name__}")
    changes: dict[str, Any] = {}
    for f in dataclasses.fields(record):
        value = getattr(record, f.name)
        if isinstance(value, str):
            fixed = _multiline(value) if f.name in MULTILINE_FIELDS else normalize(value)
            if fixed != value:
                changes[f.name] = fixed
    return dataclasses.replace(record, **changes) if changes else record


def _canonical(value: str, parse: Callable[[str], Any]) -> str:
    """The parser's canonical form when the value is recognised without blocking problems, else unchanged."""
    if not value:
        return value
    parsed = parse(value)
    return str(parsed.value) if parsed.ok else value


def normalized_establishment(e: Establishment) -> Establishment:
    """Storage form of an establishment: text in NFC with tidy whitespace, identifiers in canonical form.

    A recognised tax code becomes "0100109106" / "0100109106-001" and, when its kind was not recorded, the
    kind is filled in; a recognised phone becomes its national digits ("0912345678"). Values that do not parse
    are left as typed so validation can point at exactly what the person entered.
    """
    e = normalized_text_fields(e)
    changes: dict[str, Any] = {
        "rep_phone": _canonical(e.rep_phone, parse_phone),
        "rep_personal_id": _canonical(e.rep_personal_id, parse_personal_id),
        "rep_email": e.rep_email.replace(" ", ""),
    }
    if e.tax_code:
        parsed = parse_tax_code(e.tax_code)
        if parsed.ok:
            changes["tax_code"] = parsed.value
            if e.tax_code_kind is None:
                changes["tax_code_kind"] = parsed.kind
    return dataclasses.replace(e, **changes)
