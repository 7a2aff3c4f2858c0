"""Possible duplicates of an establishment, looked for before it is saved.

Business keys are never the identity (DESIGN.md §3): two records with one tax code are a *duplicate to review*,
not a key collision, so nothing here refuses a save. It only lets the form ask "is this the same place as …?"
before a second profile of one workshop is made — the commonest registry mistake when two collaborators, or
one collaborator on two visits, meet a business household that has no tax code yet.

Two signals:

* **same tax code**: the normalised code (``parse_tax_code(...).value``: "0100109106-001" whether typed with
  the dash or without) equals that of a live record;
* **similar name in the same commune**: the folded names (no tones, đ→d, case folded) have a
  :class:`difflib.SequenceMatcher` ratio of at least :data:`NAME_THRESHOLD`, so "Co so hai san Dat Do" typed
  without a Vietnamese keyboard matches "Cơ sở Hải sản Đất Đỏ".

Cost, measured on a 2-core machine like the collaborators' laptops with 5,000 generated names in one commune
(the list ``tests/unit/test_duplicates.py`` builds): 17–22 ms per call in all, ~5 ms to read the rows and
~12 ms to compare them. The comparison stays linear because the target name is the matcher's second sequence
(its index is built once) and two cheap upper bounds run before the quadratic ``ratio()``:
``real_quick_ratio()`` (lengths only, O(1)) and ``quick_ratio()`` (letter counts, O(n)). In that list a third
of the names pass the length bound, three in 5,000 pass the letter counts, and ``ratio()`` runs on those only.
The first pass reads just the name and search text (no ids: converting 5,000 UUIDs cost as much as comparing),
a second query fetches the ids of the matches.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final, Literal
from uuid import UUID

from sqlalchemy import select

from kcfield.domain.identifiers import parse_tax_code
from kcfield.domain.model import Establishment
from kcfield.domain.text import fold
from kcfield.geo.distance import duplicate_hints
from kcfield.services.context import ServiceContext
from kcfield.services.reference import ReferenceService
from kcfield.store.models import EstablishmentRow

NAME_THRESHOLD: Final = 0.85
NEARBY_M: Final = 50  # metres: one building or yard
MAX_CANDIDATES: Final = 5
_SEARCH_SEPARATOR: Final = " | "  # kcfield.store.search joins the folded parts with it; the name comes first

Reason = Literal["same_tax_code", "similar_name", "nearby_similar_name"]


@dataclass(frozen=True, slots=True)
class DuplicateCandidate:
    id: UUID
    name: str
    commune_name: str
    tax_code: str
    reason: Reason
    similarity: float  # folded-name ratio, 0..1 (also given for a same-tax-code match, for the reader)


class DuplicateFinder:
    def __init__(self, ctx: ServiceContext, reference: ReferenceService) -> None:
        self._ctx = ctx
        self._ref = reference

    def find(self, est: Establishment) -> list[DuplicateCandidate]:
        """At most :data:`MAX_CANDIDATES` live records that may be ``est`` itself, best first: same tax code
        before similar name, then by name similarity. ``est`` (by id) is never reported."""
        target = fold(est.name)
        by_id: dict[UUID, DuplicateCandidate] = {}
        for candidate in self._same_tax_code(est, target):
            by_id.setdefault(candidate.id, candidate)
        for candidate in self._similar_names(est, target):
            by_id.setdefault(candidate.id, candidate)
        for candidate in self._nearby_similar_names(est):
            by_id.setdefault(candidate.id, candidate)
        ranked = sorted(by_id.values(), key=lambda c: (c.reason != "same_tax_code", -c.similarity, fold(c.name)))
        return ranked[:MAX_CANDIDATES]

    # --- the two signals --------------------------------------------------------------------------------

    def _same_tax_code(self, est: Establishment, target: str) -> list[DuplicateCandidate]:
        if not est.tax_code.strip():
            return []
        parsed = parse_tax_code(est.tax_code)
        if not parsed.value:
            return []
        # Stored codes are canonical; the digits-only spelling also finds a row written by an older import.
        spellings = {parsed.value, parsed.value.replace("-", "")}
        query = select(
            EstablishmentRow.id, EstablishmentRow.name, EstablishmentRow.commune_code, EstablishmentRow.tax_code
        ).where(EstablishmentRow.deleted.is_(False), EstablishmentRow.tax_code.in_(sorted(spellings)))
        if est.id is not None:
            query = query.where(EstablishmentRow.id != est.id)
        with self._ctx.store.read() as session:
            rows = session.execute(query.limit(50)).all()
        return [
            self._candidate(row_id, name, commune, tax, "same_tax_code", _ratio(target, fold(name)))
            for row_id, name, commune, tax in rows
        ]

    def _similar_names(self, est: Establishment, target: str) -> list[DuplicateCandidate]:
        if est.commune_code is None or not target:
            return []
        live_here = (EstablishmentRow.deleted.is_(False), EstablishmentRow.commune_code == est.commune_code)
        # Pass 1 reads two text columns only: turning 5,000 ids into UUID objects would cost more than the
        # comparison itself. Pass 2 fetches the ids of the few names that matched.
        with self._ctx.store.read() as session:
            texts = session.execute(select(EstablishmentRow.name, EstablishmentRow.search_text).where(*live_here)).all()
            matched = _similar(target, texts)
            if not matched:
                return []
            # The best few names are enough (one more, in case one of them is ``est`` itself).
            similar = dict(sorted(matched.items(), key=lambda item: -item[1])[: MAX_CANDIDATES + 1])
            query = select(EstablishmentRow.id, EstablishmentRow.name, EstablishmentRow.tax_code).where(
                *live_here, EstablishmentRow.name.in_(sorted(similar))
            )
            if est.id is not None:
                query = query.where(EstablishmentRow.id != est.id)
            rows = session.execute(query).all()
        return [
            self._candidate(row_id, name, est.commune_code, tax_code, "similar_name", similar[name])
            for row_id, name, tax_code in rows
        ]

    def _nearby_similar_names(self, est: Establishment) -> list[DuplicateCandidate]:
        """Similar names a few tens of metres apart, whatever the recorded commune (a place near a commune
        boundary, or entered with the wrong commune, is still one place)."""
        if est.latitude is None or est.longitude is None:
            return []
        box = NEARBY_M / 111_000  # degrees of latitude; a generous box for longitude at Vietnam's latitudes
        with self._ctx.store.read() as session:
            rows = session.execute(
                select(
                    EstablishmentRow.id,
                    EstablishmentRow.name,
                    EstablishmentRow.commune_code,
                    EstablishmentRow.tax_code,
                    EstablishmentRow.latitude,
                    EstablishmentRow.longitude,
                ).where(
                    EstablishmentRow.deleted.is_(False),
                    EstablishmentRow.latitude.between(est.latitude - box, est.latitude + box),
                    EstablishmentRow.longitude.between(est.longitude - 1.1 * box, est.longitude + 1.1 * box),
                )
            ).all()
        others = {row.id: row for row in rows if row.id != est.id}
        items = [("self", est.name, est.latitude, est.longitude)]
        items += [(row.id, row.name, row.latitude, row.longitude) for row in others.values()]
        found = []
        for hint in duplicate_hints(items, within_m=NEARBY_M, name_similarity=NAME_THRESHOLD):
            if "self" not in (hint.first_id, hint.second_id):
                continue
            other_id = hint.second_id if hint.first_id == "self" else hint.first_id
            row = others[other_id]
            found.append(
                self._candidate(
                    row.id, row.name, row.commune_code, row.tax_code, "nearby_similar_name", hint.similarity
                )
            )
        return found

    def _candidate(
        self, row_id: UUID, name: str, commune_code: int | None, tax_code: str, reason: Reason, similarity: float
    ) -> DuplicateCandidate:
        commune = self._ref.communes.get(commune_code) if commune_code is not None else None
        return DuplicateCandidate(
            id=row_id,
            name=name,
            commune_name=commune.name if commune else "",
            tax_code=tax_code or "",
            reason=reason,
            similarity=round(similarity, 3),
        )


def _similar(target: str, rows: Iterable[tuple[str, str]]) -> dict[str, float]:
    """Names (as stored) whose folded form is at least :data:`NAME_THRESHOLD` like ``target``, with the ratio.

    The cheap upper bounds run first (see the module docstring); the search text's first part is the folded
    name, and the final score is taken on the name itself in case the name contains the separator.
    """
    matcher = difflib.SequenceMatcher(None, autojunk=False)
    matcher.set_seq2(target)  # the index of the target is built once, not once per row
    found: dict[str, float] = {}
    for name, search_text in rows:
        if name in found:
            continue
        matcher.set_seq1(search_text.partition(_SEARCH_SEPARATOR)[0] if search_text else fold(name))
        if (
            matcher.real_quick_ratio() < NAME_THRESHOLD
            or matcher.quick_ratio() < NAME_THRESHOLD
            or matcher.ratio() < NAME_THRESHOLD
        ):
            continue
        similarity = _ratio(target, fold(name))
        if similarity >= NAME_THRESHOLD:
            found[name] = similarity
    return found


def _ratio(a: str, b: str) -> float:
    if not a or not b:
        return 0.0
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()
