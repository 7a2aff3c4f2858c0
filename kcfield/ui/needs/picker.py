"""A small dialog to choose the establishment a new need belongs to (search as in the registry)."""

from __future__ import annotations

from uuid import UUID

import shiboken6
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout

from kcfield.services.container import Services
from kcfield.services.registry import EstablishmentListItem, RegistryQuery
from kcfield.ui.tasks import Lane, Tasks

LIMIT = 50
SEARCH_DELAY_MS = 200


class EstablishmentPicker(QDialog):
    chosen = Signal(object)  # UUID of the establishment picked

    def __init__(self, services: Services, tasks: Tasks, parent: QDialog | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Chọn cơ sở"))
        self._services = services
        self._tasks = tasks
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Tìm theo tên, mã số thuế, người đại diện, điện thoại, thôn/ấp, xã…"))
        self.results = QListWidget()
        self.note = QLabel()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Chọn"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Huỷ"))
        buttons.accepted.connect(self._accept_current)
        buttons.rejected.connect(self.reject)
        self.results.itemDoubleClicked.connect(lambda _item: self._accept_current())
        self.results.currentItemChanged.connect(lambda *_: self.ok_button.setEnabled(self.current_id() is not None))
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.note)
        layout.addWidget(buttons)
        self._timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.search_now)
        self.search.textChanged.connect(lambda _t: self._timer.start())
        self.ok_button.setEnabled(False)
        self.resize(560, 480)
        self.search_now()

    def current_id(self) -> UUID | None:
        item = self.results.currentItem()
        value = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        return value if isinstance(value, UUID) else None

    def search_now(self) -> None:
        self._timer.stop()
        registry, text = self._services.registry, self.search.text()

        def find(_ctx: object) -> tuple[int, list[EstablishmentListItem]]:
            ids = registry.search(RegistryQuery(text=text))
            return len(ids), registry.items(ids[:LIMIT])

        self._tasks.run(find, on_success=self._show, lane=Lane.READ, key="need-establishment-picker")

    def _show(self, found: tuple[int, list[EstablishmentListItem]]) -> None:
        if not shiboken6.isValid(self):
            return
        total, items = found
        self.results.clear()
        for est in items:
            label = f"{est.name} — {est.commune_name}" if est.commune_name else est.name
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, est.id)
            self.results.addItem(item)
        if items:
            self.results.setCurrentRow(0)
        if total > len(items):
            self.note.setText(
                self.tr("Đang hiện {shown}/{total} cơ sở; gõ thêm để thu hẹp.").format(shown=len(items), total=total)
            )
        else:
            self.note.setText(self.tr("{total} cơ sở").format(total=total))

    def _accept_current(self) -> None:
        chosen = self.current_id()
        if chosen is None:
            return
        self.chosen.emit(chosen)
        self.accept()
