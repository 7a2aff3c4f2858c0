"""Choose one establishment: type to search (the registry's search, READ lane), Enter or double-click picks.

Used wherever a new record needs its establishment (a visit, a need, an assessment started from the
all-records list). The choice is both in ``chosen_id`` (for ``exec()``) and in the ``picked`` signal (for
``open()``).
"""

from __future__ import annotations

from uuid import UUID

import shiboken6
from PySide6.QtCore import Qt, QTimer, Signal
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

SHOWN = 50  # the first matches; typing more narrows the list
SEARCH_DELAY_MS = 200


class EstablishmentPicker(QDialog):
    picked = Signal(object)  # UUID of the establishment chosen

    def __init__(self, services: Services, tasks: Tasks, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Chọn cơ sở"))
        self._services = services
        self._tasks = tasks
        self.chosen_id: UUID | None = None
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Tìm theo tên, mã số thuế, người đại diện, điện thoại, thôn/ấp, xã…"))
        self.search.setClearButtonEnabled(True)
        self.results = QListWidget()
        self.note = QLabel()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Chọn"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Huỷ"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.results.itemDoubleClicked.connect(lambda _item: self.accept())
        self.results.currentItemChanged.connect(lambda *_: self.ok_button.setEnabled(self.current_id() is not None))
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.note)
        layout.addWidget(buttons)
        self._timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.search_now)
        self.search.textChanged.connect(lambda _t: self._timer.start())
        self.search.returnPressed.connect(self.accept)
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
            return len(ids), registry.items(ids[:SHOWN])

        self._tasks.run(find, on_success=self._show, lane=Lane.READ, key="establishment-picker")

    def _show(self, found: tuple[int, list[EstablishmentListItem]]) -> None:
        if not shiboken6.isValid(self):
            return
        total, items = found
        self.results.clear()
        for est in items:
            where = ", ".join(p for p in (est.village, est.commune_name) if p)
            item = QListWidgetItem(f"{est.name} — {where}" if where else est.name)
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

    def accept(self) -> None:
        chosen = self.current_id()
        if chosen is None:
            return
        self.chosen_id = chosen
        self.picked.emit(chosen)
        super().accept()
