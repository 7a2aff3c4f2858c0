"""The registry list as a Qt table model: every id at once, the records page by page, no I/O of its own.

100,000 establishments are too many to load as records, but their ids (in display order) are cheap: the
service returns them from a search in a few milliseconds. The model therefore knows its row count at once
and asks for records only for rows a view actually paints, by emitting :attr:`page_needed` once per page; the
page widget fetches them in a background task and hands them back with :meth:`set_page`. Sorting and
filtering happen in the service (PITFALLS 6: no QSortFilterProxyModel), which gives the model a new id list.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any
from uuid import UUID

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal

from kcfield.services.registry import EstablishmentListItem
from kcfield.ui.registry.columns import (
    COLUMNS,
    NOT_FETCHED,
    Column,
    display_text,
    header_text,
    header_tooltip,
    sort_value,
    tooltip_text,
)

__all__ = ["PAGE_SIZE", "Column", "EstablishmentTableModel", "RecordRole", "SortRole"]

PAGE_SIZE = 200
KEPT_PAGES = 40  # filled pages kept (8,000 rows); scrolling further drops the least recently shown ones

SortRole = Qt.ItemDataRole.UserRole + 1
RecordRole = Qt.ItemDataRole.UserRole + 2

Index = QModelIndex | QPersistentModelIndex

_GONE = object()  # a row whose record vanished between the search and the fetch (deleted meanwhile)


class EstablishmentTableModel(QAbstractTableModel):
    """Rows are ids (hex strings, as the registry service returns them); records arrive by page."""

    page_needed = Signal(int, int)  # start row, row count

    def __init__(
        self, parent: QObject | None = None, *, page_size: int = PAGE_SIZE, kept_pages: int = KEPT_PAGES
    ) -> None:
        super().__init__(parent)
        self.page_size = page_size
        self.kept_pages = kept_pages
        # Filled pages, least recently shown first: scrolling a 100,000-row list end to end must not keep every
        # row it passed (memory), and a dropped page is simply asked for again when it comes back into view.
        self._filled: OrderedDict[int, None] = OrderedDict()
        self._ids: list[str] = []
        self._items: list[EstablishmentListItem | object | None] = []
        self._requested: set[int] = set()  # page numbers asked for (or filled) since the last reset
        self._row_by_id: dict[str, int] | None = None  # built on first use of row_of()
        self._generation = 0

    # --- feeding ------------------------------------------------------------------------------------

    @property
    def generation(self) -> int:
        """Bumped by every :meth:`set_ids`: a page fetched for an older id list must be dropped."""
        return self._generation

    def set_ids(self, ids: list[str]) -> None:
        self.beginResetModel()
        self._ids = list(ids)
        self._items = [None] * len(self._ids)
        self._requested.clear()
        self._filled.clear()
        self._row_by_id = None
        self._generation += 1
        self.endResetModel()

    def set_page(self, start: int, items: list[EstablishmentListItem]) -> None:
        """Fill rows from ``start`` with ``items``, matched to the rows by id.

        The service leaves out ids that no longer exist, so ``items`` may be shorter than the page; a row of
        the page with no item is marked gone (shown empty, never asked for again until the next reset).
        """
        if start < 0 or start >= len(self._ids):
            return
        by_id = {item.id.hex: item for item in items}
        end = min(len(self._ids), start + max(len(items), self.page_size))
        first = last = -1
        for row in range(start, end):
            item = by_id.get(self._ids[row])
            if item is None and self._items[row] is not None:
                continue  # already filled by another page: keep it
            self._items[row] = item if item is not None else _GONE
            first = row if first < 0 else first
            last = row
        size = self.page_size
        for page in range(-(-start // size), (end - 1) // size + 1):  # the pages wholly inside start..end
            if min((page + 1) * size, len(self._ids)) <= end:
                self._requested.add(page)
                self._filled[page] = None
                self._filled.move_to_end(page)
        self._evict()
        if first >= 0:
            self.dataChanged.emit(self.index(first, 0), self.index(last, len(COLUMNS) - 1))

    def fetched(self, row: int) -> bool:
        return 0 <= row < len(self._items) and self._items[row] is not None

    # --- looking up ---------------------------------------------------------------------------------

    def ids(self) -> list[str]:
        return self._ids

    def id_at(self, row: int) -> str:
        return self._ids[row]

    def uuid_at(self, row: int) -> UUID:
        return UUID(hex=self._ids[row])

    def row_of(self, record_id: str | UUID) -> int | None:
        key = record_id.hex if isinstance(record_id, UUID) else record_id
        if self._row_by_id is None:
            self._row_by_id = {value: row for row, value in enumerate(self._ids)}
        return self._row_by_id.get(key)

    def item_at(self, row: int) -> EstablishmentListItem | None:
        if not 0 <= row < len(self._items):
            return None
        item = self._items[row]
        return item if isinstance(item, EstablishmentListItem) else None

    # --- Qt model interface ------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 - Qt's name and signature
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 - Qt's name and signature
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), Column(index.column())
        if row >= len(self._ids):
            return None
        stored = self._items[row]
        if stored is None:
            self._request(row)
            if role == Qt.ItemDataRole.DisplayRole:
                return NOT_FETCHED
            return None
        if not isinstance(stored, EstablishmentListItem):
            return None  # gone
        if role == Qt.ItemDataRole.DisplayRole:
            return display_text(stored, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip_text(stored, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (Column.CHANGED, Column.SECTOR_GROUP):
            return Qt.AlignmentFlag.AlignCenter
        if role == RecordRole:
            return stored
        if role == SortRole:
            return sort_value(stored, column)
        return None

    def headerData(  # noqa: N802 - Qt override
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
                return str(section + 1)
            return None
        column = Column(section)
        if role == Qt.ItemDataRole.DisplayRole:
            return header_text(column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return header_tooltip(column)
        if role == Qt.ItemDataRole.InitialSortOrderRole and column is Column.UPDATED:
            return Qt.SortOrder.DescendingOrder  # newest first is what one wants from "updated at"
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    # --- internals ---------------------------------------------------------------------------------

    def _evict(self) -> None:
        while len(self._filled) > self.kept_pages:
            page, _ = self._filled.popitem(last=False)
            self._requested.discard(page)
            start = page * self.page_size
            for row in range(start, min(start + self.page_size, len(self._items))):
                if self._items[row] is not _GONE:
                    self._items[row] = None

    def _request(self, row: int) -> None:
        page = row // self.page_size
        if page in self._requested:
            return
        self._requested.add(page)
        start = page * self.page_size
        self.page_needed.emit(start, min(self.page_size, len(self._ids) - start))
