"""The assessments list model: rows set from outside (set_rows), no I/O; RecordRole gives the row's item."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QObject, QPersistentModelIndex, Qt

from kcfield.domain.enums import CPKind
from kcfield.domain.numbers import format_date_vi
from kcfield.services.assessments import AssessmentListItem

RecordRole = Qt.ItemDataRole.UserRole + 2

Index = QModelIndex | QPersistentModelIndex


def _headers() -> list[str]:
    return [
        QCoreApplication.translate("CPListModel", "Cơ sở"),
        QCoreApplication.translate("CPListModel", "Loại đánh giá"),
        QCoreApplication.translate("CPListModel", "Kỳ đánh giá"),
        QCoreApplication.translate("CPListModel", "Sản phẩm"),
        QCoreApplication.translate("CPListModel", "Số giải pháp"),
    ]


def kind_label(kind: CPKind) -> str:
    return (
        QCoreApplication.translate("CPListModel", "Nhanh")
        if kind is CPKind.QUICK
        else QCoreApplication.translate("CPListModel", "Chi tiết")
    )


def period_label(item: AssessmentListItem) -> str:
    start = format_date_vi(item.period_start) if item.period_start else "…"
    end = format_date_vi(item.period_end) if item.period_end else "…"
    return "" if item.period_start is None and item.period_end is None else f"{start} – {end}"


class CPListModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[AssessmentListItem] = []
        self._headers = _headers()

    def set_rows(self, rows: Sequence[AssessmentListItem]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def item(self, row: int) -> AssessmentListItem:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt signature
        return 0 if parent.isValid() else len(self._headers)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        item = self._rows[index.row()]
        if role == RecordRole:
            return item
        if role == Qt.ItemDataRole.DisplayRole:
            column = index.column()
            if column == 0:
                return item.establishment_name
            if column == 1:
                return kind_label(item.kind)
            if column == 2:
                return period_label(item)
            if column == 3:
                return item.product_name
            if column == 4:
                return str(item.options)
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 4:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        horizontal = orientation == Qt.Orientation.Horizontal
        if role == Qt.ItemDataRole.DisplayRole and horizontal and 0 <= section < len(self._headers):
            return self._headers[section]
        return None  # never super().headerData (PITFALLS 1)
