"""The cleaner-production assessments page: a list (all, or one establishment's), "Thêm đánh giá", and the
editor on double-click. Every read goes through the task runner."""

from __future__ import annotations

from uuid import UUID

import shiboken6
from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from kcfield.domain.model import CPAssessment
from kcfield.services.assessments import AssessmentListItem
from kcfield.services.container import Services
from kcfield.services.drafts import DraftStore
from kcfield.ui.cp.editor import CPEditor, error_text
from kcfield.ui.cp.model import CPListModel, RecordRole
from kcfield.ui.registry.picker import EstablishmentPicker
from kcfield.ui.tasks import Lane, Tasks


class CPPage(QWidget):
    editor_opened = Signal(object)  # the CPEditor (tests, main window)
    print_requested = Signal(str, object)  # (kind, id), see ui/printing

    def __init__(
        self, services: Services, tasks: Tasks, drafts: DraftStore, lang: str = "vi", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._tasks = tasks
        self._drafts = drafts
        self._lang = lang
        self.establishment_id: UUID | None = None
        self.editor: CPEditor | None = None
        self.picker: EstablishmentPicker | None = None
        self.title = QLabel(self)
        self.add_button = QPushButton(self.tr("Thêm đánh giá"), self)
        self.open_button = QPushButton(self.tr("Mở"), self)
        self.print_button = QPushButton(self.tr("In báo cáo…"), self)
        self.print_button.setToolTip(self.tr("In báo cáo đánh giá SXSH của dòng đang chọn (Ctrl+P)"))
        self.print_button.clicked.connect(self.request_print)
        self.model = CPListModel(self)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)  # kind, period, count
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)  # establishment: long, resizable
        header.resizeSection(0, 340)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)  # product
        self.view.doubleClicked.connect(self._on_double_click)
        self.add_button.clicked.connect(self.add_assessment)
        self.open_button.clicked.connect(self.open_current)
        self.message = QLabel(self)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.open_button)
        top.addWidget(self.print_button)
        top.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.message)
        self._update_title()

    # --- listing ----------------------------------------------------------------------------------------

    def show_for_establishment(self, establishment_id: UUID | None) -> None:
        self.establishment_id = establishment_id
        self.refresh()

    def refresh(self) -> None:
        service, est = self._services.assessments, self.establishment_id
        self._tasks.run(
            lambda _ctx: service.list(est),
            on_success=self._on_listed,
            on_failure=self._on_failed,
            lane=Lane.READ,
            key="cp-page-list",
        )

    def _on_listed(self, rows: list[AssessmentListItem]) -> None:
        if not shiboken6.isValid(self):
            return
        self.model.set_rows(rows)
        self.message.setText("" if rows else self.tr("Chưa có đánh giá nào."))
        self._update_title(rows)

    def _update_title(self, rows: list[AssessmentListItem] | None = None) -> None:
        if self.establishment_id is not None and rows:
            self.title.setText(self.tr("Đánh giá sản xuất sạch hơn — {name}").format(name=rows[0].establishment_name))
        else:
            self.title.setText(self.tr("Đánh giá sản xuất sạch hơn"))

    def _on_failed(self, error: BaseException) -> None:
        if shiboken6.isValid(self):
            self.message.setText(error_text(error, self._lang))

    # --- opening ----------------------------------------------------------------------------------------

    def request_print(self) -> None:
        item = self.current_item()
        if item is not None:
            self.print_requested.emit("cp", item.id)
        else:
            self.print_requested.emit("hint", self.tr("Chọn một đánh giá SXSH để in báo cáo."))

    def current_item(self) -> AssessmentListItem | None:
        index = self.view.currentIndex()
        if not index.isValid():
            return None
        item = index.data(RecordRole)
        return item if isinstance(item, AssessmentListItem) else None

    def _on_double_click(self, index: QModelIndex) -> None:
        item = index.data(RecordRole)
        if isinstance(item, AssessmentListItem):
            self.open_assessment(item.id)

    def open_current(self) -> None:
        item = self.current_item()
        if item is not None:
            self.open_assessment(item.id)

    def open_assessment(self, assessment_id: UUID) -> None:
        service = self._services.assessments
        self._tasks.run(
            lambda _ctx: service.get(assessment_id),
            on_success=self._open_editor,
            on_failure=self._on_failed,
            lane=Lane.READ,
        )

    def add_assessment(self) -> None:
        if self.establishment_id is not None:
            self.new_assessment(self.establishment_id)
            return
        picker = EstablishmentPicker(self._services, self._tasks, self)
        picker.setWindowModality(Qt.WindowModality.WindowModal)
        picker.accepted.connect(lambda: self._picked(picker))
        self.picker = picker
        picker.open()

    def _picked(self, picker: EstablishmentPicker) -> None:
        self.picker = None
        picker.deleteLater()
        if picker.chosen_id is not None:
            self.new_assessment(picker.chosen_id)

    def new_assessment(self, establishment_id: UUID) -> None:
        self._open_editor(None, establishment_id)

    def _open_editor(self, record: CPAssessment | None, establishment_id: UUID | None = None) -> None:
        if not shiboken6.isValid(self):
            return
        est = establishment_id if establishment_id is not None else (record.establishment_id if record else None)
        assert est is not None
        editor = CPEditor(self._services, self._tasks, self._drafts, self._lang, record, est, self)
        editor.saved.connect(lambda _saved: self.refresh())
        editor.finished.connect(lambda _r: self._editor_closed(editor))
        self.editor = editor
        editor.show()
        self.editor_opened.emit(editor)

    def _editor_closed(self, editor: CPEditor) -> None:
        if self.editor is editor:
            self.editor = None
        editor.deleteLater()
