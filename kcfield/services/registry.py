"""The establishment registry as a list: search and filter on a plain in-memory list, rows fetched by page.

Measured at 100,000 establishments (benchmarks/registry_search.py): SQL search is fast when few rows match
and slow when many do (100–500 ms for "ng", "co", "hop tac" — the matches must be materialised and sorted),
while a scan of a plain list of folded texts that is already in Vietnamese name order costs 7–18 ms for any
input. So the service keeps a *snapshot* — ids, folded search text and the filter columns of every live
establishment, in name order — and filters it in Python (PITFALLS 6 allows "a plain list"; it forbids a
QSortFilterProxyModel over Python rows). The view then asks for the rows of the page it shows, by id.

The snapshot is current as long as the ``establishments`` change counter (bumped by a trigger on every
write, see kcfield.store.search) has not moved; reading it costs one row. Loading a snapshot takes a few
hundred milliseconds at 100k rows and runs in a background task (the UI's READ lane).
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any
from uuid import UUID

from sqlalchemy import text

from kcfield.domain.enums import EstablishmentKind, SectorGroup, SizeClass
from kcfield.domain.text import fold, sort_key
from kcfield.services.context import ServiceContext
from kcfield.services.reference import ReferenceService
from kcfield.store.models import SYNCED_TABLES
from kcfield.store.search import change_count


class SortColumn(StrEnum):
    NAME = "name"
    TAX_CODE = "tax_code"
    REP_NAME = "rep_name"
    REP_PHONE = "rep_phone"
    VILLAGE = "village"
    COMMUNE = "commune"
    KIND = "kind"
    SECTOR_GROUP = "sector_group"
    SIZE_CLASS = "size_class"
    ELIGIBLE = "cnnt_eligible"
    UPDATED = "updated_at"


class Eligibility(StrEnum):
    YES = "yes"
    NO = "no"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class RegistryQuery:
    text: str = ""
    commune_code: int | None = None
    kind: EstablishmentKind | None = None
    sector_group: SectorGroup | None = None
    eligible: Eligibility | None = None
    changed_only: bool = False
    sort: SortColumn = SortColumn.NAME
    descending: bool = False


@dataclass(frozen=True)
class EstablishmentListItem:
    """One row of the registry list: what the table shows, nothing more (no personal ID)."""

    id: UUID
    name: str
    kind: EstablishmentKind
    tax_code: str
    rep_name: str
    rep_phone: str
    village: str
    commune_code: int | None
    commune_name: str
    sector_group: SectorGroup | None
    size_class: SizeClass
    cnnt_eligible: Eligibility
    changed: bool
    updated_at: datetime | None


@dataclass(frozen=True)
class _Snapshot:
    generation: int
    ids: list[str]  # the store's hex ids, in Vietnamese name order
    texts: list[str]
    communes: list[int | None]
    kinds: list[str]
    sectors: list[str | None]
    eligible: list[str]
    changed: list[bool]


_LIST_COLUMNS = (
    "id, name, kind, tax_code, rep_name, rep_phone, village, commune_code, sector_group, size_class, "
    "cnnt_eligible, local_edits > exported_edits AS changed, updated_at"
)
_TEXT_SORTS = frozenset({SortColumn.REP_NAME, SortColumn.VILLAGE})


class RegistryService:
    def __init__(self, ctx: ServiceContext, reference: ReferenceService) -> None:
        self._ctx = ctx
        self._ref = reference
        self._lock = threading.Lock()
        self._snapshot: _Snapshot | None = None
        self._ranks: dict[SortColumn, tuple[int, list[int]]] = {}
        # (generation, filters, folded text, matching snapshot rows in name order) of the last search
        self._last: tuple[int, tuple[Any, ...], str, list[int]] | None = None

    # --- the snapshot ---------------------------------------------------------------------------------

    def generation(self) -> int:
        with self._ctx.store.read() as session:
            return change_count(session.connection())

    def current(self) -> _Snapshot:
        """The snapshot, reloaded first if any establishment changed since it was taken."""
        with self._lock:
            generation = self.generation()
            if self._snapshot is None or self._snapshot.generation != generation:
                self._snapshot = self._load()
            return self._snapshot

    def _load(self) -> _Snapshot:
        with self._ctx.store.read() as session:
            conn = session.connection()
            generation = change_count(conn)  # same transaction as the rows: they agree
            rows = conn.exec_driver_sql(
                "SELECT id, search_text, commune_code, kind, sector_group, cnnt_eligible, "
                "local_edits > exported_edits FROM establishments WHERE deleted = 0 ORDER BY name_sort, id"
            ).all()
        columns: list[tuple[Any, ...]] = list(zip(*rows, strict=True)) if rows else [() for _ in range(7)]
        return _Snapshot(
            generation,
            list(columns[0]),
            list(columns[1]),
            list(columns[2]),
            list(columns[3]),
            list(columns[4]),
            list(columns[5]),
            [bool(v) for v in columns[6]],
        )

    def first_ids(self, limit: int) -> list[str]:
        """The first ``limit`` ids in name order straight from the index: lets the window show a page at once
        while the snapshot loads in the background."""
        with self._ctx.store.read() as session:
            rows = (
                session.connection()
                .exec_driver_sql(
                    "SELECT id FROM establishments WHERE deleted = 0 ORDER BY name_sort, id LIMIT ?", (limit,)
                )
                .all()
            )
        return [r[0] for r in rows]

    # --- searching -----------------------------------------------------------------------------------

    def search(self, query: RegistryQuery) -> list[str]:
        """Ids of the live establishments matching ``query``, in display order.

        Every word typed must occur somewhere in the folded text (name, tax code, representative, phone,
        village, commune, craft village), in any order: "dat do" finds "Đất Đỏ", "nguyen lan" finds
        "Nguyễn Thị Lan".
        """
        snap = self.current()
        folded = fold(query.text)
        words = folded.split()
        narrowed = self._narrowed(snap, query, folded)
        if narrowed is None:
            found = self._filtered(snap, query)
        else:
            found, earlier = narrowed
            # Words identical to the earlier search's hold for every candidate already; check the rest.
            words = [w for i, w in enumerate(words) if i >= len(earlier) or w != earlier[i]]
        texts = snap.texts
        for word in words:
            found = [i for i in found if word in texts[i]]
        with self._lock:
            self._last = (snap.generation, _filters_of(query), folded, found)
        ordered = list(found)  # the cached list stays in name order
        if query.sort is not SortColumn.NAME:
            rank = self._rank(snap, query.sort)
            ordered.sort(key=rank.__getitem__)
        if query.descending:
            ordered.reverse()
        ids = snap.ids
        return [ids[i] for i in ordered]

    def _narrowed(self, snap: _Snapshot, query: RegistryQuery, folded: str) -> tuple[list[int], list[str]] | None:
        """When the text only grew since the last search (typing forward) under the same filters, every new
        match is among the last matches: start from those (and the earlier words) instead of everything."""
        with self._lock:
            last = self._last
        if last is None:
            return None
        generation, filters, text, found = last
        if generation != snap.generation or filters != _filters_of(query) or not text or not folded.startswith(text):
            return None
        return found, text.split()

    @staticmethod
    def _filtered(snap: _Snapshot, query: RegistryQuery) -> list[int]:
        found: Sequence[int] = range(len(snap.ids))
        if query.commune_code is not None:
            found = [i for i in found if snap.communes[i] == query.commune_code]
        if query.kind is not None:
            found = [i for i in found if snap.kinds[i] == query.kind.value]
        if query.sector_group is not None:
            found = [i for i in found if snap.sectors[i] == query.sector_group.value]
        if query.eligible is not None:
            found = [i for i in found if snap.eligible[i] == query.eligible.value]
        if query.changed_only:
            found = [i for i in found if snap.changed[i]]
        return list(found)

    def _rank(self, snap: _Snapshot, column: SortColumn) -> list[int]:
        """Position of each snapshot row when sorted by ``column`` (then by name), cached per generation."""
        cached = self._ranks.get(column)
        if cached is not None and cached[0] == snap.generation:
            return cached[1]
        source = "commune_code" if column is SortColumn.COMMUNE else column.value
        with self._ctx.store.read() as session:
            values: dict[str, Any] = dict(
                session.connection().exec_driver_sql(f"SELECT id, {source} FROM establishments WHERE deleted = 0").all()
            )
        if column is SortColumn.COMMUNE:
            order = {
                c.code: i for i, c in enumerate(sorted(self._ref.communes.values(), key=lambda c: sort_key(c.name)))
            }

            def key(value: Any) -> Any:
                return order.get(value, len(order))
        elif column in _TEXT_SORTS:

            def key(value: Any) -> Any:
                return sort_key(value or "")
        else:

            def key(value: Any) -> Any:
                return (value is None, "" if value is None else str(value))

        # Python's sort is stable and the snapshot is in name order, so ties stay in name order.
        positions = sorted(range(len(snap.ids)), key=lambda i: key(values.get(snap.ids[i])))
        rank = [0] * len(positions)
        for place, index in enumerate(positions):
            rank[index] = place
        self._ranks[column] = (snap.generation, rank)
        return rank

    # --- rows ----------------------------------------------------------------------------------------

    def items(self, ids: Sequence[str]) -> list[EstablishmentListItem]:
        """The list rows of ``ids``, in the order given (ids no longer present are left out)."""
        if not ids:
            return []
        communes = self._ref.communes
        placeholders = ", ".join("?" for _ in ids)
        with self._ctx.store.read() as session:
            rows = (
                session.connection()
                .exec_driver_sql(f"SELECT {_LIST_COLUMNS} FROM establishments WHERE id IN ({placeholders})", tuple(ids))
                .all()
            )
        by_id = {row[0]: row for row in rows}
        items = []
        for value in ids:
            row = by_id.get(value)
            if row is None:
                continue
            commune = communes.get(row.commune_code) if row.commune_code is not None else None
            items.append(
                EstablishmentListItem(
                    id=UUID(hex=row.id),
                    name=row.name,
                    kind=EstablishmentKind(row.kind),
                    tax_code=row.tax_code,
                    rep_name=row.rep_name,
                    rep_phone=row.rep_phone,
                    village=row.village,
                    commune_code=row.commune_code,
                    commune_name=commune.name if commune else "",
                    sector_group=SectorGroup(row.sector_group) if row.sector_group else None,
                    size_class=SizeClass(row.size_class),
                    cnnt_eligible=Eligibility(row.cnnt_eligible),
                    changed=bool(row.changed),
                    updated_at=_parse_instant(row.updated_at),
                )
            )
        return items

    # --- counts --------------------------------------------------------------------------------------

    def unsynced_count(self) -> int:
        """Records changed here and not yet exported to the centre, over every table that syncs."""
        total = 0
        with self._ctx.store.read() as session:
            for model in SYNCED_TABLES.values():
                table = model.__tablename__  # type: ignore[attr-defined]
                sql = f"SELECT count(*) FROM {table} WHERE local_edits > exported_edits"
                total += int(session.execute(text(sql)).scalar_one())
        return total

    def communes_in_use(self) -> list[int]:
        snap = self.current()
        return sorted({c for c in snap.communes if c is not None})


def _filters_of(query: RegistryQuery) -> tuple[Any, ...]:
    return (query.commune_code, query.kind, query.sector_group, query.eligible, query.changed_only)


def _parse_instant(value: Any) -> datetime | None:
    """Raw SQL returns SQLite's text form of a UTC instant (the ORM's UTCDateTime is bypassed here)."""
    if value is None:
        return None
    parsed = datetime.fromisoformat(value) if isinstance(value, str) else value
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
