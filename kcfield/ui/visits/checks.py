"""What the visit editor says about the form: every problem, placed under its box, and what blocks saving."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from kcfield.domain import messages
from kcfield.domain.errors import Problem, Severity
from kcfield.domain.model import Establishment, Visit
from kcfield.domain.validation import validate_visit
from kcfield.geo.coordinates import Bounds, check_position
from kcfield.geo.distance import far_from
from kcfield.services.reference import ReferenceService
from kcfield.ui.visits.form import FIELD_ROWS

__all__ = ["Findings", "ProvinceArea", "blocker_names", "collect", "province_area"]


@dataclass
class Findings:
    rows: dict[str, tuple[str, Severity]] = field(default_factory=dict)  # row -> (text, worst severity)
    blocking: list[tuple[str, str]] = field(default_factory=list)  # (row, message) of each error
    general: list[str] = field(default_factory=list)  # problems about no box in particular
    distance_m: int | None = None  # how far the visit is from the establishment, when that was worth a warning

    def add(self, row: str | None, text: str, severity: Severity) -> None:
        if row is None:
            self.general.append(text)
            if severity == Severity.ERROR:
                self.blocking.append(("", text))
            return
        if severity == Severity.ERROR:
            self.blocking.append((row, text))
        old = self.rows.get(row)
        if old is None:
            self.rows[row] = (text, severity)
        elif text not in old[0]:
            worst = Severity.ERROR if Severity.ERROR in (old[1], severity) else Severity.WARNING
            first, second = (
                (text, old[0]) if severity == Severity.ERROR and old[1] != Severity.ERROR else (old[0], text)
            )
            self.rows[row] = (f"{first}\n{second}", worst)


@dataclass(frozen=True)
class ProvinceArea:
    """The box of the establishment's province (grown by the reference data's margin) and its name."""

    bounds: Bounds
    name: str


def province_area(reference: ReferenceService, establishment: Establishment) -> ProvinceArea | None:
    """Where the establishment's commune says it is; ``None`` when the commune or the box is unknown."""
    province = reference.province_of_commune(establishment.commune_code)
    if province is None:
        return None
    bounds = reference.province_bounds.get(province.code)
    return ProvinceArea(bounds, province.name) if bounds is not None else None


def collect(
    visit: Visit,
    input_problems: list[tuple[str, str]],
    establishment: Establishment | None,
    today: date,
    lang: str,
    area: ProvinceArea | None = None,
) -> Findings:
    found = Findings()
    for box, text in input_problems:
        found.add(box, text, Severity.ERROR)
    problems: list[Problem] = list(validate_visit(visit, today))
    if visit.latitude is not None and visit.longitude is not None:
        bounds, name = (area.bounds, area.name) if area is not None else (None, "")
        problems += [p for p in check_position(visit.latitude, visit.longitude, bounds, name) if p not in problems]
        if establishment is not None and establishment.latitude is not None and establishment.longitude is not None:
            warning = far_from((visit.latitude, visit.longitude), (establishment.latitude, establishment.longitude))
            if warning is not None:
                problems.append(warning)
                found.distance_m = int(warning.params["distance_m"])
    seen: set[tuple[str, str | None]] = set()
    for problem in problems:
        if (problem.code, problem.field) in seen:
            continue
        seen.add((problem.code, problem.field))
        row = FIELD_ROWS.get(problem.field or "")
        if row is not None and any(r == row for r, _t in input_problems):
            continue  # an unreadable box already says what is wrong with it
        severity = Severity.ERROR if problem.blocking else Severity.WARNING
        found.add(row, messages.describe(problem, lang), severity)
    return found


def blocker_names(found: Findings, labels: dict[str, str]) -> list[str]:
    """The boxes (or, for problems about no box, the messages) that stop saving, each once."""
    names: list[str] = []
    for row, text in found.blocking:
        name = labels.get(row, text) if row else text
        if name not in names:
            names.append(name)
    return names
