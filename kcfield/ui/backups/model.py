"""The backups list as a table model: fed with :meth:`BackupTableModel.set_rows`, no I/O."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QObject, QPersistentModelIndex, Qt

from kcfield.domain.numbers import format_number
from kcfield.services.context import VIETNAM_TZ
from kcfield.store.backup import BackupInfo, BackupKind

__all__ = ["COLUMNS", "BackupRole", "BackupTableModel", "kind_text", "size_text"]

Index = QModelIndex | QPersistentModelIndex
BackupRole = Qt.ItemDataRole.UserRole + 2
COLUMNS = ("time", "kind", "size", "revision")


def _tr(text: str) -> str:
    return QCoreApplication.translate("BackupTableModel", text)


def _headers() -> dict[str, str]:
    return {
        "time": _tr("Thời điểm"),
        "kind": _tr("Loại"),
        "size": _tr("Dung lượng"),
        "revision": _tr("Phiên bản dữ liệu"),
    }


def kind_text(kind: BackupKind) -> str:
    names = {
        BackupKind.DAILY: _tr("Hằng ngày"),
        BackupKind.BEFORE_IMPORT: _tr("Trước khi nhập gói"),
        BackupKind.BEFORE_EXPORT: _tr("Trước khi xuất gói"),
        BackupKind.BEFORE_MIGRATION: _tr("Trước khi nâng cấp"),
        BackupKind.MANUAL: _tr("Tự sao lưu"),
        BackupKind.BEFORE_RESTORE: _tr("Trước khi khôi phục"),
    }
    return names[kind]


def size_text(size: int, lang: str) -> str:
    if size < 1024 * 1024:
        return f"{format_number(max(1, round(size / 1024)), 0, lang)} KB"
    return f"{format_number(size / 1024 / 1024, 1, lang)} MB"


class BackupTableModel(QAbstractTableModel):
    def __init__(self, lang: str = "vi", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lang = lang
        self._rows: list[BackupInfo] = []

    def set_rows(self, rows: list[BackupInfo]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def item_at(self, row: int) -> BackupInfo | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 - Qt's name and signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 - Qt's name and signature
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)) or index.column() >= len(COLUMNS):
            return None
        item = self._rows[index.row()]
        column = COLUMNS[index.column()]
        if role == BackupRole:
            return item
        if role == Qt.ItemDataRole.DisplayRole:
            if column == "time":
                return item.taken_at.astimezone(VIETNAM_TZ).strftime("%d/%m/%Y %H:%M:%S")
            if column == "kind":
                return kind_text(item.kind)
            if column == "size":
                return size_text(item.size, self._lang)
            return item.revision or "—"
        if role == Qt.ItemDataRole.ToolTipRole:
            return str(item.path)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == "size":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
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
