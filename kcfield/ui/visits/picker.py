"""A small searchable picker of one establishment (for starting a visit from the Visits page)."""

from __future__ import annotations

from uuid import UUID

import shiboken6
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kcfield.services.container import Services
from kcfield.services.registry import EstablishmentListItem, RegistryQuery
from kcfield.ui.tasks import Lane, Tasks

__all__ = ["EstablishmentPicker"]

SEARCH_DELAY_MS = 200
SHOWN = 50  # the first matches; typing more narrows the list


class EstablishmentPicker(QDialog):
    """Type to search (registry search, READ lane); Enter or double-click chooses. ``chosen`` is the id."""

    def __init__(self, services: Services, tasks: Tasks, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._tasks = tasks
        self.chosen: UUID | None = None
        self.setWindowTitle(self.tr("Chọn cơ sở cho lượt khảo sát"))
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Tìm theo tên, mã số thuế, người đại diện, điện thoại, thôn/ấp, xã…"))
        self.search.setClearButtonEnabled(True)
        self.results = QListWidget()
        self.hint = QLabel()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Chọn"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Huỷ"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.hint)
        layout.addWidget(self.buttons)
        self._timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.run_search)
        self.search.textChanged.connect(lambda _t: self._timer.start())
        self.search.returnPressed.connect(self.accept)
        self.results.itemDoubleClicked.connect(lambda _item: self.accept())
        self.run_search()

    def run_search(self) -> None:
        self._timer.stop()
        registry, text = self._services.registry, self.search.text()

        def work(_ctx: object) -> tuple[int, list[EstablishmentListItem]]:
            ids = registry.search(RegistryQuery(text=text))
            return len(ids), registry.items(ids[:SHOWN])

        self._tasks.run(work, on_success=self._show, lane=Lane.READ, key="visit-picker-search")

    def _show(self, found: tuple[int, list[EstablishmentListItem]]) -> None:
        if not shiboken6.isValid(self):
            return
        total, items = found
        self.results.clear()
        for item in items:
            where = ", ".join(p for p in (item.village, item.commune_name) if p)
            row = QListWidgetItem(f"{item.name} — {where}" if where else item.name)
            row.setData(Qt.ItemDataRole.UserRole, item.id)
            self.results.addItem(row)
        if items:
            self.results.setCurrentRow(0)
        more = total - len(items)
        self.hint.setText(self.tr("Còn {count} cơ sở khác; gõ thêm để thu hẹp.").format(count=more) if more > 0 else "")
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(items))

    def accept(self) -> None:
        current = self.results.currentItem()
        if current is None:
            return
        self.chosen = current.data(Qt.ItemDataRole.UserRole)
        super().accept()
