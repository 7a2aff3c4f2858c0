"""The work the registry page hands to the task runner: plain functions over the services, no Qt.

They run in a worker thread and return plain values; the page puts those into its model in the GUI thread.
"""

from __future__ import annotations

from dataclasses import dataclass

from kcfield.domain.text import sort_key
from kcfield.services.collaborators import CollaboratorService
from kcfield.services.reference import ReferenceService
from kcfield.services.registry import EstablishmentListItem, RegistryQuery, RegistryService


@dataclass(frozen=True)
class SearchResult:
    query: RegistryQuery
    ids: list[str]
    start: int  # first row of ``items``
    items: list[EstablishmentListItem]  # the page the view will show first
    select_row: int | None  # the kept record's row, else the fallback row; None: select nothing


def search(
    registry: RegistryService,
    query: RegistryQuery,
    *,
    page_size: int,
    keep: str | None = None,
    fallback_row: int | None = None,
) -> SearchResult:
    """The ids matching ``query`` plus the rows of the page that will be on screen, in one trip, so a new
    result paints at once instead of flashing "…" rows: the page holding ``keep`` (a record to keep
    selected), else the one holding ``fallback_row`` (clamped: e.g. the row of a record just deleted), else the
    first."""
    ids = registry.search(query)
    row: int | None = None
    if keep is not None:
        try:
            row = ids.index(keep)
        except ValueError:
            row = None
    if row is None and fallback_row is not None and ids:
        row = min(fallback_row, len(ids) - 1)
    start = (row // page_size) * page_size if row is not None else 0
    return SearchResult(query, ids, start, registry.items(ids[start : start + page_size]), row)


def first_page(registry: RegistryService, count: int) -> tuple[list[str], list[EstablishmentListItem]]:
    """The first ``count`` establishments by name, straight from the name index (no snapshot needed)."""
    ids = registry.first_ids(count)
    return ids, registry.items(ids)


def commune_choices(
    registry: RegistryService, collaborators: CollaboratorService, reference: ReferenceService
) -> list[tuple[int, str]]:
    """(code, name) of the communes worth filtering by: those with establishments and those assigned to the
    local collaborator (still empty, but where they will add some), in Vietnamese order."""
    codes = set(registry.communes_in_use())
    user = collaborators.local_user()
    if user is not None:
        codes.update(user.commune_codes)
    communes = reference.communes
    named = [(code, communes[code].name) for code in codes if code in communes]
    return sorted(named, key=lambda pair: sort_key(pair[1]))
