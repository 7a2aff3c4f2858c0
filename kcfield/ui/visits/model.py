"""The visits list as a table model: fed with :meth:`VisitTableModel.set_rows`, no I/O."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QObject, QPersistentModelIndex, Qt

from kcfield.domain.enums import VisitStatus
from kcfield.domain.numbers import format_date_vi
from kcfield.services.visits import VisitListItem

__all__ = ["COLUMNS", "RecordRole", "VisitTableModel"]

Index = QModelIndex | QPersistentModelIndex
RecordRole = Qt.ItemDataRole.UserRole + 2


def _tr(text: str) -> str:
    return QCoreApplication.translate("VisitTableModel", text)


COLUMNS = ("date", "establishment", "collaborator", "purpose", "status", "position")


def _headers() -> dict[str, str]:
    return {
        "date": _tr("Ngày"),
        "establishment": _tr("Cơ sở"),
        "collaborator": _tr("Cộng tác viên"),
        "purpose": _tr("Mục đích"),
        "status": _tr("Trạng thái"),
        "position": _tr("Có vị trí"),
    }


def status_text(status: VisitStatus) -> str:
    return _tr("Đã hoàn tất") if status == VisitStatus.FINAL else _tr("Nháp")


class VisitTableModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[VisitListItem] = []

    def set_rows(self, rows: list[VisitListItem]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def item_at(self, row: int) -> VisitListItem | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, record_id: UUID) -> int | None:
        for i, item in enumerate(self._rows):
            if item.id == record_id:
                return i
        return None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 - Qt's name and signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 - Qt's name and signature
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)) or index.column() >= len(COLUMNS):
            return None
        item = self._rows[index.row()]
        if role == RecordRole:
            return item
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(item, COLUMNS[index.column()])
        if role == Qt.ItemDataRole.ToolTipRole and COLUMNS[index.column()] == "purpose":
            return item.purpose or None
        return None

    def headerData(  # noqa: N802 - Qt override
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return _headers()[COLUMNS[section]] if 0 <= section < len(COLUMNS) else None
        return section + 1

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    @staticmethod
    def _display(item: VisitListItem, column: str) -> str:
        if column == "date":
            return format_date_vi(item.visit_date) if item.visit_date is not None else ""
        if column == "establishment":
            return item.establishment_name
        if column == "collaborator":
            return item.collaborator_code
        if column == "purpose":
            first = item.purpose.splitlines()[0] if item.purpose else ""
            return first if len(first) <= 80 else first[:79] + "…"
        if column == "status":
            text = status_text(item.status)
            return text + _tr(" (điều chỉnh)") if item.amends_visit_id is not None else text
        return _tr("Có") if item.has_position else _tr("Không")
