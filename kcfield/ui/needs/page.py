"""The needs page: the list of equipment-support needs with their allowed support, totals, totals per commune."""

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
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from kcfield.domain.model import EquipmentNeed
from kcfield.domain.numbers import format_vnd
from kcfield.domain.support import SupportTotals
from kcfield.services.container import Services
from kcfield.services.drafts import DraftStore
from kcfield.services.needs import NeedListItem, totals_by_commune_of, totals_of
from kcfield.ui.needs.editor import NeedEditor
from kcfield.ui.needs.model import CommuneTotalsModel, NeedsTableModel, RecordRole
from kcfield.ui.registry.picker import EstablishmentPicker
from kcfield.ui.tasks import Lane, Tasks

Loaded = tuple[list[NeedListItem], list[tuple[int, str, SupportTotals]] | None]


class NeedsPage(QWidget):
    print_requested = Signal(str, object)  # (kind, record id or commune code), see ui/printing

    def __init__(
        self,
        services: Services,
        tasks: Tasks,
        drafts: DraftStore,
        lang: str = "vi",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("NeedsPage")
        self._services = services
        self._tasks = tasks
        self._drafts = drafts
        self._lang = lang
        self._establishment_id: UUID | None = None
        self.editor: NeedEditor | None = None
        self.picker: EstablishmentPicker | None = None
        self.totals: SupportTotals = SupportTotals()

        self.title = QLabel(self.tr("Nhu cầu hỗ trợ máy móc, thiết bị"))
        self.add_button = QPushButton(self.tr("Thêm nhu cầu"))
        self.add_button.clicked.connect(self.add_need)
        self.show_all_button = QPushButton(self.tr("Xem tất cả cơ sở"))
        self.show_all_button.clicked.connect(lambda: self.show_for_establishment(None))
        self.show_all_button.hide()
        self.print_button = QPushButton(self.tr("In bảng tổng hợp…"))
        self.print_button.setToolTip(
            self.tr("Bảng tổng hợp nhu cầu của cơ sở đang chọn, hoặc của xã đang chọn ở thẻ «Tổng theo xã» (Ctrl+P)")
        )
        self.print_button.clicked.connect(self.request_print)
        self.model = NeedsTableModel(lang, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)  # money is never cut off
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(1, 240)
        self.table.doubleClicked.connect(self._open_index)
        self.totals_label = QLabel()
        self.totals_label.setWordWrap(True)
        self.totals_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.commune_model = CommuneTotalsModel(lang, self)
        self.commune_table = QTableView()
        self.commune_table.setModel(self.commune_model)
        self.commune_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.commune_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.commune_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.commune_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.commune_table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)

        list_tab = QWidget()
        list_layout = QVBoxLayout(list_tab)
        list_layout.addWidget(self.table, 1)
        list_layout.addWidget(self.totals_label)
        self.tabs = QTabWidget()
        self.tabs.addTab(list_tab, self.tr("Danh sách nhu cầu"))
        self.tabs.addTab(self.commune_table, self.tr("Tổng theo xã"))
        self.tabs.currentChanged.connect(self._on_tab)
        self._communes_stale = True
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.show_all_button)
        top.addWidget(self.print_button)
        top.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        self._show_totals()

    # --- public -------------------------------------------------------------------------------------------

    def request_print(self) -> None:
        """The commune's summary on the «by commune» tab, else the selected (or shown) establishment's."""
        if self.tabs.currentIndex() == 1:
            rows = self.commune_table.selectionModel().selectedRows()
            code = self.commune_model.code_at(rows[0].row()) if rows else None
            if code is not None:
                self.print_requested.emit("needs_commune", code)
                return
        item = self.selected_item()
        establishment_id = item.need.establishment_id if item is not None else self._establishment_id
        if establishment_id is not None:
            self.print_requested.emit("needs", establishment_id)
        else:
            self.print_requested.emit("hint", self.tr("Chọn một nhu cầu (hoặc một xã ở thẻ «Tổng theo xã») để in."))

    @property
    def establishment_id(self) -> UUID | None:
        return self._establishment_id

    def show_for_establishment(self, establishment_id: UUID | None) -> None:
        """Show the needs of one establishment (None: all) and load them in the background."""
        self._establishment_id = establishment_id
        self.show_all_button.setVisible(establishment_id is not None)
        self.reload()

    def reload(self) -> None:
        needs, establishment_id = self._services.needs, self._establishment_id

        def load(_ctx: object) -> Loaded:
            items = needs.list(establishment_id)
            # all needs listed: the commune totals come from the same rows; filtered: read when the tab is opened
            return items, (totals_by_commune_of(items) if establishment_id is None else None)

        self._tasks.run(
            load, on_success=self._on_loaded, lane=Lane.READ, key="needs-page", progress_label=self.tr("Đang tải…")
        )

    def load_commune_totals(self) -> None:
        """Totals per commune over all needs (the list may be filtered to one establishment)."""
        needs = self._services.needs
        self._tasks.run(
            lambda _ctx: needs.totals_by_commune(),
            on_success=self._on_communes,
            lane=Lane.READ,
            key="needs-page-communes",
        )

    def selected_item(self) -> NeedListItem | None:
        index = self.table.currentIndex()
        item = index.data(RecordRole) if index.isValid() else None
        return item if isinstance(item, NeedListItem) else None

    def add_need(self) -> None:
        if self._establishment_id is not None:
            self.open_editor(None, self._establishment_id)
            return
        self.picker = EstablishmentPicker(self._services, self._tasks, None)
        self.picker.setParent(self, self.picker.windowFlags())
        self.picker.picked.connect(lambda est_id: self.open_editor(None, est_id))
        self.picker.open()

    def open_editor(self, record: EquipmentNeed | None, establishment_id: UUID) -> NeedEditor:
        editor = NeedEditor(self._services, self._tasks, self._drafts, self._lang, record, establishment_id, self)
        editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        editor.saved.connect(self._on_saved)
        self.editor = editor
        editor.open()
        return editor

    # --- internals ----------------------------------------------------------------------------------------

    def _open_index(self, index: QModelIndex) -> None:
        item = index.data(RecordRole)
        if isinstance(item, NeedListItem) and item.need.establishment_id is not None:
            self.open_editor(item.need, item.need.establishment_id)

    def _on_saved(self, _need: EquipmentNeed) -> None:
        if shiboken6.isValid(self):
            self.reload()

    def _on_loaded(self, loaded: Loaded) -> None:
        if not shiboken6.isValid(self):
            return
        items, communes = loaded
        self.model.set_rows(items)
        self._communes_stale = communes is None
        if communes is not None:
            self.commune_model.set_rows(communes)
        elif self.tabs.currentIndex() == 1:
            self.load_commune_totals()
        self.totals = totals_of(items)
        if self._establishment_id is not None and items:
            self.title.setText(self.tr("Nhu cầu hỗ trợ của {name}").format(name=items[0].establishment_name))
        elif self._establishment_id is None:
            self.title.setText(self.tr("Nhu cầu hỗ trợ máy móc, thiết bị"))
        self._show_totals()

    def _on_communes(self, communes: list[tuple[int, str, SupportTotals]]) -> None:
        if shiboken6.isValid(self):
            self._communes_stale = False
            self.commune_model.set_rows(communes)

    def _on_tab(self, index: int) -> None:
        if index == 1 and self._communes_stale:
            self.load_commune_totals()

    def _show_totals(self) -> None:
        t, lang = self.totals, self._lang
        text = self.tr("{count} nhu cầu. Tổng chi phí {cost}; đề nghị hỗ trợ {requested}; được hỗ trợ tối đa {allowed}")
        text = text.format(
            count=t.count,
            cost=format_vnd(t.cost_vnd, lang),
            requested=format_vnd(t.requested_vnd, lang),
            allowed=format_vnd(t.allowed_vnd, lang),
        )
        if t.refused_count:
            text += self.tr(" ({refused} nhu cầu không được hỗ trợ)").format(refused=t.refused_count)
        self.totals_label.setText(text)
