"""The list model behind the attachments panel: one row per live attachment, no I/O.

The panel feeds it with :meth:`AttachmentListModel.set_rows` (records read in the READ lane) and
:meth:`AttachmentListModel.set_thumbnail` (pixmaps made in the GUI thread from images scaled in a worker).
Selection resolves through :data:`RecordRole` (the :class:`Attachment`), never through a row number.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QIcon, QPixmap

from kcfield.domain.model import Attachment
from kcfield.domain.numbers import format_number

RecordRole = Qt.ItemDataRole.UserRole + 1
IntactRole = Qt.ItemDataRole.UserRole + 2

_Index = QModelIndex | QPersistentModelIndex


def is_image(attachment: Attachment) -> bool:
    return attachment.media_type.startswith("image/")


class AttachmentListModel(QAbstractListModel):
    def __init__(self, document_icon: QIcon | None = None, lang: str = "vi", parent: Any = None) -> None:
        super().__init__(parent)
        self._lang = lang
        self._rows: list[Attachment] = []
        self._thumbnails: dict[UUID, QPixmap] = {}
        self._damaged: set[UUID] = set()
        self._document_icon = document_icon if document_icon is not None else QIcon()

    # --- feeding ---------------------------------------------------------------------------------------------

    def set_rows(self, rows: list[Attachment]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        live = {a.id for a in self._rows}
        self._thumbnails = {k: v for k, v in self._thumbnails.items() if k in live}
        self._damaged &= live
        self.endResetModel()

    def set_thumbnail(self, attachment_id: UUID, pixmap: QPixmap) -> None:
        self._thumbnails[attachment_id] = pixmap
        self._changed(attachment_id, [Qt.ItemDataRole.DecorationRole])

    def has_thumbnail(self, attachment_id: UUID) -> bool:
        return attachment_id in self._thumbnails

    def set_damaged(self, damaged: set[UUID]) -> None:
        self._damaged = set(damaged)
        if self._rows:
            self.dataChanged.emit(self.index(0), self.index(len(self._rows) - 1))

    def replace(self, attachment: Attachment) -> None:
        for row, current in enumerate(self._rows):
            if current.id == attachment.id:
                self._rows[row] = attachment
                self.dataChanged.emit(self.index(row), self.index(row))
                return

    def records(self) -> list[Attachment]:
        return list(self._rows)

    def row_of(self, attachment_id: UUID) -> int:
        for row, current in enumerate(self._rows):
            if current.id == attachment_id:
                return row
        return -1

    # --- Qt --------------------------------------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008 - Qt's name and signature
        return 0 if parent.isValid() else len(self._rows)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        attachment = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return attachment.caption or attachment.file_name
        if role == Qt.ItemDataRole.DecorationRole:
            if attachment.id in self._thumbnails:
                return self._thumbnails[attachment.id]
            return self._document_icon
        if role == Qt.ItemDataRole.ToolTipRole:
            size_kb = format_number(max(1, round(attachment.size_bytes / 1024)), lang=self._lang)
            lines = [attachment.file_name, f"{size_kb} KB"]
            if attachment.caption:
                lines.insert(0, attachment.caption)
            return "\n".join(lines)
        if role == RecordRole:
            return attachment
        if role == IntactRole:
            return attachment.id not in self._damaged
        return None

    def _changed(self, attachment_id: UUID, roles: list[int]) -> None:
        row = self.row_of(attachment_id)
        if row >= 0:
            self.dataChanged.emit(self.index(row), self.index(row), roles)
