"""Table models for the needs page: the needs (with their computed support) and the totals per commune.

No I/O here: the page loads rows through the task runner and hands them in with ``set_rows``.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from kcfield.domain.enums import NeedStatus
from kcfield.domain.numbers import format_vnd
from kcfield.domain.support import SupportTotals
from kcfield.services.needs import NeedListItem

__all__ = ["CommuneTotalsModel", "NeedColumn", "NeedsTableModel", "RecordRole", "status_text"]

RecordRole = Qt.ItemDataRole.UserRole + 2
_RED = "#c62828"

AnyIndex = QModelIndex | QPersistentModelIndex


def _tr(text: str) -> str:
    return QCoreApplication.translate("NeedsTableModel", text)


def status_text(status: NeedStatus) -> str:
    return {
        NeedStatus.PROPOSED: _tr("Đề xuất"),
        NeedStatus.SUBMITTED: _tr("Đã gửi đề nghị"),
        NeedStatus.APPROVED: _tr("Đã được duyệt"),
        NeedStatus.REJECTED: _tr("Không được duyệt"),
        NeedStatus.INSTALLED: _tr("Đã lắp đặt"),
    }[status]


class NeedColumn(IntEnum):
    EQUIPMENT = 0
    ESTABLISHMENT = 1
    COST = 2
    REQUESTED = 3
    ALLOWED = 4
    STATUS = 5


def _need_header(column: NeedColumn) -> str:
    return {
        NeedColumn.EQUIPMENT: _tr("Máy móc, thiết bị"),
        NeedColumn.ESTABLISHMENT: _tr("Cơ sở"),
        NeedColumn.COST: _tr("Chi phí"),
        NeedColumn.REQUESTED: _tr("Đề nghị hỗ trợ"),
        NeedColumn.ALLOWED: _tr("Được hỗ trợ tối đa"),
        NeedColumn.STATUS: _tr("Trạng thái"),
    }[column]


_MONEY = (NeedColumn.COST, NeedColumn.REQUESTED, NeedColumn.ALLOWED)


class NeedsTableModel(QAbstractTableModel):
    """One row per need; ``RecordRole`` gives the :class:`NeedListItem` of a row."""

    def __init__(self, lang: str = "vi", parent: Any = None) -> None:
        super().__init__(parent)
        self._lang = lang
        self._rows: list[NeedListItem] = []

    def set_rows(self, rows: Sequence[NeedListItem]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[NeedListItem]:
        return list(self._rows)

    def row_of(self, need_id: Any) -> int:
        """The row showing the need with id ``need_id``; -1 when it is not shown."""
        return next((i for i, item in enumerate(self._rows) if item.need.id == need_id), -1)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: N802, B008 - Qt override
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: N802, B008 - Qt override
        return 0 if parent.isValid() else len(NeedColumn)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        item = self._rows[index.row()]
        column = NeedColumn(index.column())
        if role == RecordRole:
            return item
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(item, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in _MONEY:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and column is NeedColumn.ALLOWED:
            return item.assessment.explain(self._lang)
        if role == Qt.ItemDataRole.ToolTipRole and column is NeedColumn.ESTABLISHMENT:
            return item.commune_name or None
        if role == Qt.ItemDataRole.ForegroundRole and column is NeedColumn.ALLOWED and item.assessment.refused:
            return QColor(_RED)
        return None

    def _display(self, item: NeedListItem, column: NeedColumn) -> str:
        need = item.need
        if column is NeedColumn.EQUIPMENT:
            return need.equipment_name + (_tr(" (dây chuyền)") if need.is_technology_line else "")
        if column is NeedColumn.ESTABLISHMENT:
            return item.establishment_name
        if column is NeedColumn.COST:
            return format_vnd(item.assessment.cost_vnd, self._lang)
        if column is NeedColumn.REQUESTED:
            return format_vnd(need.requested_support_vnd, self._lang)
        if column is NeedColumn.ALLOWED:
            if item.assessment.refused:
                return _tr("Không được hỗ trợ")
            return format_vnd(item.assessment.allowed_vnd, self._lang)
        return status_text(need.status)

    def headerData(  # noqa: N802 - Qt override
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(NeedColumn):
            return _need_header(NeedColumn(section))
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        return None


class CommuneColumn(IntEnum):
    COMMUNE = 0
    COUNT = 1
    COST = 2
    REQUESTED = 3
    ALLOWED = 4


def _commune_header(column: CommuneColumn) -> str:
    return {
        CommuneColumn.COMMUNE: _tr("Xã, phường"),
        CommuneColumn.COUNT: _tr("Số nhu cầu"),
        CommuneColumn.COST: _tr("Tổng chi phí"),
        CommuneColumn.REQUESTED: _tr("Đề nghị hỗ trợ"),
        CommuneColumn.ALLOWED: _tr("Được hỗ trợ tối đa"),
    }[column]


class CommuneTotalsModel(QAbstractTableModel):
    """One row per commune: ``set_rows`` takes EquipmentNeedService.totals_by_commune()."""

    def __init__(self, lang: str = "vi", parent: Any = None) -> None:
        super().__init__(parent)
        self._lang = lang
        self._rows: list[tuple[int, str, SupportTotals]] = []

    def set_rows(self, rows: Sequence[tuple[int, str, SupportTotals]]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: N802, B008 - Qt override
        return 0 if parent.isValid() else len(self._rows)

    def code_at(self, row: int) -> int | None:
        return self._rows[row][0] if 0 <= row < len(self._rows) else None

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: N802, B008 - Qt override
        return 0 if parent.isValid() else len(CommuneColumn)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        _code, name, totals = self._rows[index.row()]
        column = CommuneColumn(index.column())
        if role == RecordRole:
            return self._rows[index.row()]
        if role == Qt.ItemDataRole.TextAlignmentRole and column is not CommuneColumn.COMMUNE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if column is CommuneColumn.COMMUNE:
            return name or _tr("(chưa ghi xã)")
        if column is CommuneColumn.COUNT:
            return str(totals.count)
        amount = {
            CommuneColumn.COST: totals.cost_vnd,
            CommuneColumn.REQUESTED: totals.requested_vnd,
            CommuneColumn.ALLOWED: totals.allowed_vnd,
        }[column]
        return format_vnd(amount, self._lang)

    def headerData(  # noqa: N802 - Qt override
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(CommuneColumn):
            return _commune_header(CommuneColumn(section))
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        return None
