"""The Visits page: the visits (of every establishment or of one), newest first; add one, open one."""

from __future__ import annotations

from uuid import UUID

import shiboken6
from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from kcfield.domain.model import Visit
from kcfield.services.container import Services
from kcfield.services.drafts import DraftStore
from kcfield.services.visits import VisitListItem
from kcfield.ui.registry.picker import EstablishmentPicker
from kcfield.ui.tasks import Lane, Tasks
from kcfield.ui.visits.editor import VisitEditor
from kcfield.ui.visits.model import RecordRole, VisitTableModel

__all__ = ["VisitsPage"]

LIST_LIMIT = 2_000


class VisitsPage(QWidget):
    visit_saved = Signal(object)  # a Visit saved through an editor opened here
    print_requested = Signal(str, object)  # (kind, id), see ui/printing

    def __init__(
        self,
        services: Services,
        tasks: Tasks,
        drafts: DraftStore,
        lang: str = "vi",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._tasks = tasks
        self._drafts = drafts
        self._lang = lang
        self.establishment_id: UUID | None = None
        self.editor: VisitEditor | None = None
        self.picker: EstablishmentPicker | None = None

        self.title = QLabel(self.tr("Các lượt khảo sát"))
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.show_all_button = QPushButton(self.tr("Xem tất cả cơ sở"))
        self.show_all_button.clicked.connect(lambda: self.show_for_establishment(None))
        self.show_all_button.hide()
        self.add_button = QPushButton(self.tr("Thêm lượt khảo sát"))
        self.add_button.clicked.connect(self.add_visit)
        self.print_button = QPushButton(self.tr("In phiếu…"))
        self.print_button.setToolTip(self.tr("In phiếu khảo sát đã điền của lượt đang chọn, để cơ sở ký (Ctrl+P)"))
        self.print_button.clicked.connect(self.request_print)
        self.model = VisitTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)  # date, code, status, position
        for column, width in ((1, 320), (3, 300)):  # establishment and purpose: long texts, resizable
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width)
        header.setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.table.doubleClicked.connect(self._open_index)
        self.empty = QLabel(self.tr("Chưa có lượt khảo sát nào."))
        self.empty.hide()

        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.show_all_button)
        top.addWidget(self.print_button)
        top.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)

    # --- public ------------------------------------------------------------------------------------------

    def show_for_establishment(self, establishment_id: UUID | None) -> None:
        """Show the visits of one establishment (None: of all), loading in the background."""
        self.establishment_id = establishment_id
        self.show_all_button.setVisible(establishment_id is not None)
        self.refresh()

    def refresh(self) -> None:
        visits, eid = self._services.visits, self.establishment_id
        self._tasks.run(
            lambda _ctx: visits.recent(LIST_LIMIT, eid),
            on_success=lambda rows: self._show_rows(eid, rows),
            lane=Lane.READ,
            key="visits-page-list",
        )

    def add_visit(self) -> None:
        """A new visit of the establishment shown, or (on the all-visits list) of one the person picks."""
        eid = self.establishment_id
        if eid is None:
            self.picker = EstablishmentPicker(self._services, self._tasks, self)
            if self.picker.exec() != QDialog.DialogCode.Accepted or self.picker.chosen_id is None:
                return
            eid = self.picker.chosen_id
        self.open_editor(None, eid)

    def open_visit(self, record_id: UUID) -> None:
        visits = self._services.visits
        self._tasks.run(
            lambda _ctx: visits.get(record_id),
            on_success=self._open_loaded,
            lane=Lane.READ,
        )

    def open_editor(self, record: Visit | None, establishment_id: UUID) -> VisitEditor:
        editor = VisitEditor(self._services, self._tasks, self._drafts, self._lang, record, establishment_id, self)
        editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        editor.saved.connect(self._on_saved)
        self.editor = editor
        editor.show()
        return editor

    def request_print(self) -> None:
        item = self.selected_item()
        if item is not None:
            self.print_requested.emit("visit", item.id)
        else:
            self.print_requested.emit("hint", self.tr("Chọn một lượt khảo sát để in phiếu."))

    def selected_item(self) -> VisitListItem | None:
        index = self.table.currentIndex()
        return index.data(RecordRole) if index.isValid() else None

    # --- internals ---------------------------------------------------------------------------------------

    def _show_rows(self, establishment_id: UUID | None, rows: list[VisitListItem]) -> None:
        if not shiboken6.isValid(self) or establishment_id != self.establishment_id:
            return  # a newer filter was asked for meanwhile
        selected = self.selected_item()
        self.model.set_rows(rows)
        if establishment_id is not None and rows:
            self.title.setText(self.tr("Các lượt khảo sát của {name}").format(name=rows[0].establishment_name))
        else:
            self.title.setText(self.tr("Các lượt khảo sát"))
        self.empty.setVisible(not rows)
        if selected is not None:
            row = self.model.row_of(selected.id)
            if row is not None:
                self.table.selectRow(row)

    def _open_loaded(self, visit: Visit) -> None:
        if shiboken6.isValid(self) and visit.establishment_id is not None:
            self.open_editor(visit, visit.establishment_id)

    def _open_index(self, index: QModelIndex) -> None:
        item = index.data(RecordRole)
        if isinstance(item, VisitListItem):
            self.open_visit(item.id)

    def _on_saved(self, visit: Visit) -> None:
        self.visit_saved.emit(visit)
        if shiboken6.isValid(self):
            self.refresh()
