"""The registry page: the screen a collaborator lives in to find one establishment among up to 100,000.

Every keystroke searches (the service filters an in-memory snapshot in milliseconds; the task runner's key
makes the newest query win), the result's id list resets the model together with the page of rows that will
be visible first, and further pages are fetched only when the view paints them. Nothing here touches the
database in the GUI thread: every service call goes through the task runner, writes in its WRITE lane.
"""

from __future__ import annotations

import dataclasses
import functools
from typing import TYPE_CHECKING, Any
from uuid import UUID

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from kcfield.domain.numbers import format_number
from kcfield.services.registry import EstablishmentListItem, RegistryQuery
from kcfield.ui.registry.column_chooser import ColumnChooser
from kcfield.ui.registry.columns import COLUMN_BY_SORT, COLUMNS, Column
from kcfield.ui.registry.deletion import DeleteFlow, UndoBanner
from kcfield.ui.registry.filters import RegistryFilters
from kcfield.ui.registry.keys import PageKeys
from kcfield.ui.registry.lifetime import while_alive
from kcfield.ui.registry.model import PAGE_SIZE, EstablishmentTableModel
from kcfield.ui.registry.search import SearchResult, commune_choices, first_page
from kcfield.ui.registry.search import search as search_registry
from kcfield.ui.tasks import Lane, TaskHandle, Tasks

if TYPE_CHECKING:
    from kcfield.services.container import Services

SEARCH_KEY = "registry-search"


class RegistryPage(QWidget):
    open_requested = Signal(object)  # UUID
    new_requested = Signal()
    selection_changed = Signal(object)  # UUID | None
    related_requested = Signal(str, object)  # ("visits" | "needs" | "cp", establishment UUID)
    nearby_requested = Signal(object)  # establishment UUID
    plan_add_requested = Signal(object)  # establishment UUID
    print_requested = Signal(str, object)  # (kind, id), see ui/printing

    def __init__(self, services: Services, tasks: Tasks, lang: str = "vi", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._tasks = tasks
        self._lang = lang
        self._query = RegistryQuery()
        self._started = False
        self._searched = False  # a full search result has arrived (the fast first page must not replace it)
        self._search_handle: TaskHandle | None = None
        self._pending_select: str | None = None  # select_record() for a row the running search will bring
        self._last_emitted: UUID | None = None

        self.model = EstablishmentTableModel(self)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Tìm theo tên, mã số thuế, người đại diện, điện thoại, thôn/ấp, xã…"))
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(self.tr("Tìm cơ sở"))
        self.new_button = QPushButton(self.tr("Thêm cơ sở"), self)
        self.new_button.setToolTip(self.tr("Thêm cơ sở mới (Ctrl+N)"))
        self.delete_button = QPushButton(self.tr("Xoá"), self)
        self.delete_button.setToolTip(self.tr("Xoá cơ sở đang chọn (Delete); có thể hoàn tác ngay sau đó"))
        self.delete_button.setEnabled(False)
        self.filters = RegistryFilters(self)
        self.count_label = QLabel(self)
        self.columns_button = QPushButton(self.tr("Cột hiển thị"), self)  # a push button draws its menu arrow aside
        self.print_list_button = QPushButton(self.tr("In danh sách…"), self)
        self.print_list_button.setToolTip(
            self.tr("In danh sách các cơ sở đang hiện (theo bộ lọc), không kèm số điện thoại, số định danh")
        )
        self.print_list_button.clicked.connect(lambda: self.print_requested.emit("list", self.current_query()))
        self.banner = UndoBanner(self)
        self.deletion = DeleteFlow(services.establishments, tasks, self.banner, lang, self)
        self._row_before_delete: int | None = None
        self.table = QTableView(self)
        self.empty_label = QLabel(self.table.viewport())
        self._build_table()
        self._build_layout()
        self.columns = ColumnChooser(self.table.horizontalHeader(), services.preferences, tasks, self)
        self.columns_button.setMenu(self.columns.menu)

        self.search.textChanged.connect(self._on_text_changed)
        self.filters.changed.connect(self._on_filters_changed)
        self.new_button.clicked.connect(self.new_requested)
        self.delete_button.clicked.connect(self.delete_selected)
        self.deletion.deleted.connect(self._after_delete)
        self.deletion.restored.connect(self._after_restore)
        # Queued: a page asked for while the view paints is fetched after the paint, never inside data().
        self.model.page_needed.connect(self._fetch_page, Qt.ConnectionType.QueuedConnection)
        self.table.viewport().installEventFilter(self)  # keeps the empty-state message the viewport's size
        self.keys = PageKeys(
            self,
            self.search,
            self.table,
            enter_list=self._focus_table,
            open_current=self._open_current,
            delete_current=self.delete_selected,
            new=self.new_requested.emit,
        )

    # --- building ----------------------------------------------------------------------------------

    def _build_table(self) -> None:
        table = self.table
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.setTextElideMode(Qt.TextElideMode.ElideRight)
        table.verticalHeader().hide()
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)
        table.setAccessibleName(self.tr("Danh sách cơ sở"))
        header = table.horizontalHeader()
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        header.setSortIndicator(Column.NAME, Qt.SortOrder.AscendingOrder)
        header.setHighlightSections(False)
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, spec in COLUMNS.items():
            header.resizeSection(column, spec.width)
        header.sortIndicatorChanged.connect(self._on_sort_changed)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._show_column_menu)
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        table.customContextMenuRequested.connect(self._show_row_menu)
        table.doubleClicked.connect(self._on_double_clicked)
        table.selectionModel().selectionChanged.connect(self._emit_selection)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.empty_label.setTextFormat(Qt.TextFormat.PlainText)  # it quotes what was typed
        self.empty_label.setStyleSheet("color: palette(placeholder-text); padding: 24px;")
        self.empty_label.hide()

    def _build_layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.count_label)
        top.addWidget(self.new_button)
        top.addWidget(self.delete_button)
        bar = QHBoxLayout()
        bar.addWidget(self.filters, 1)
        bar.addWidget(self.columns_button)
        bar.addWidget(self.print_list_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(bar)
        layout.addWidget(self.banner)
        layout.addWidget(self.table, 1)

    # --- public API --------------------------------------------------------------------------------

    def focus_search(self) -> None:
        self.search.selectAll()
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def refresh(self) -> None:
        """Search again with the current query and filters, keeping the selected record selected if it is
        still there (found by its id: it may have moved to another row)."""
        if not self._started:
            self._start()  # the first search of all: nothing is selected yet
            return
        current = self.current_id()
        rows = self.table.selectionModel().selectedRows()
        self._run_search(keep=current.hex if current else None, fallback_row=rows[0].row() if rows else None)
        self._load_communes()

    def current_id(self) -> UUID | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows or rows[0].row() >= self.model.rowCount():
            return None
        return self.model.uuid_at(rows[0].row())

    def select_record(self, record_id: UUID) -> bool:
        """Select and show ``record_id``; False when it is not in the list (yet: a running search may bring it,
        and then it is selected when that result arrives)."""
        if self._search_running():
            self._pending_select = record_id.hex
        row = self.model.row_of(record_id)
        if row is None:
            return False
        self._select_row(row)
        return True

    def request_print(self, record_id: UUID | None = None) -> None:
        """The selected establishment's form with its profile filled in; a blank form when none is selected."""
        record_id = record_id or self.current_id()
        if record_id is not None:
            self.print_requested.emit("prefilled", record_id)
        else:
            self.print_requested.emit("blank", None)

    def current_query(self) -> RegistryQuery:
        return self._query

    def delete_selected(self) -> None:
        """Ask, soft-delete the selected establishment, then offer undo in the banner."""
        record_id = self.current_id()
        if record_id is None:
            return
        row = self.table.selectionModel().selectedRows()[0].row()
        item = self.model.item_at(row)
        self._row_before_delete = row
        self.deletion.delete(record_id, item.name if item is not None else self.tr("cơ sở này"))

    def visible_columns(self) -> list[Column]:
        return self.columns.visible_columns()

    def set_column_visible(self, column: Column, visible: bool) -> None:
        self.columns.set_visible(column, visible)

    # --- searching ---------------------------------------------------------------------------------

    def _start(self) -> None:
        """First show: a page straight from the name index at once, while the full search builds its snapshot."""
        if self._started:
            return
        self._started = True
        self.columns.load()
        registry = self._services.registry
        self._tasks.run(
            lambda _ctx: first_page(registry, PAGE_SIZE),
            on_success=while_alive(self, self._show_first_page),
            lane=Lane.READ,
            key="registry-first-page",
        )
        self._run_search()
        self._load_communes()

    def _show_first_page(self, result: tuple[list[str], list[EstablishmentListItem]]) -> None:
        if self._searched or self._query != RegistryQuery():
            return  # the real answer (or another question) is already on screen
        ids, items = result
        self.model.set_ids(ids)
        self.model.set_page(0, items)
        self.count_label.setText(self.tr("Đang tải danh sách…"))
        self._emit_selection()

    def _on_text_changed(self, text: str) -> None:
        self._query = dataclasses.replace(self._query, text=text)
        self._run_search()

    def _on_filters_changed(self) -> None:
        self._query = self.filters.apply(self._query)
        self._run_search()

    def _on_sort_changed(self, section: int, order: Qt.SortOrder) -> None:
        spec = COLUMNS[Column(section)]
        if spec.sort is None:  # this column cannot be sorted on: put the indicator back
            self._show_sort_indicator()
            return
        self._query = dataclasses.replace(self._query, sort=spec.sort, descending=order == Qt.SortOrder.DescendingOrder)
        current = self.current_id()
        self._run_search(keep=current.hex if current else None)

    def _show_sort_indicator(self) -> None:
        header = self.table.horizontalHeader()
        order = Qt.SortOrder.DescendingOrder if self._query.descending else Qt.SortOrder.AscendingOrder
        header.blockSignals(True)
        header.setSortIndicator(COLUMN_BY_SORT[self._query.sort], order)
        header.blockSignals(False)

    def _run_search(self, *, keep: str | None = None, fallback_row: int | None = None) -> None:
        query, registry, page_size = self._query, self._services.registry, self.model.page_size

        def work(_ctx: object) -> SearchResult:
            return search_registry(registry, query, page_size=page_size, keep=keep, fallback_row=fallback_row)

        self._search_handle = self._tasks.run(
            work, on_success=while_alive(self, self._show_result), lane=Lane.READ, key=SEARCH_KEY
        )

    def _search_running(self) -> bool:
        return self._search_handle is not None and not self._search_handle.done

    def _show_result(self, result: SearchResult) -> None:
        self._searched = True
        pending, self._pending_select = self._pending_select, None
        self.model.set_ids(result.ids)
        self.model.set_page(result.start, result.items)
        count = len(result.ids)
        self.count_label.setText(self._count_text(count))
        self._update_empty_state(result.query, count)
        row = self.model.row_of(pending) if pending is not None else None
        if row is None:
            row = result.select_row
        if row is not None:
            self._select_row(row)
        else:
            self.table.scrollToTop()
        self._emit_selection()

    def _count_text(self, count: int) -> str:
        """ "12.345 cơ sở": Qt's %n for the plural forms of other languages, our grouping for the number."""
        return self.tr("%n cơ sở", "", count).replace(str(count), format_number(count, 0, self._lang))

    def _update_empty_state(self, query: RegistryQuery, count: int) -> None:
        if count:
            self.empty_label.hide()
            return
        typed = query.text.strip()
        filtered = dataclasses.replace(query, text="", sort=RegistryQuery.sort, descending=False) != RegistryQuery()
        if typed and filtered:
            message = self.tr("Không tìm thấy cơ sở nào khớp với «{text}» trong bộ lọc đang chọn.")
        elif typed:
            message = self.tr("Không tìm thấy cơ sở nào khớp với «{text}».")
        elif filtered:
            message = self.tr("Không có cơ sở nào khớp với bộ lọc đang chọn.")
        else:
            message = self.tr("Chưa có cơ sở nào. Bấm «Thêm cơ sở» (Ctrl+N) để thêm cơ sở đầu tiên.")
        self.empty_label.setText(message.format(text=typed))
        self.empty_label.resize(self.table.viewport().size())
        self.empty_label.show()

    def empty_text(self) -> str:
        """The empty-state message, or "" while the list has rows."""
        return self.empty_label.text() if not self.empty_label.isHidden() else ""

    def _fetch_page(self, start: int, count: int) -> None:
        ids = self.model.ids()[start : start + count]
        generation = self.model.generation
        registry = self._services.registry

        def fill(items: list[EstablishmentListItem]) -> None:
            if self.model.generation == generation:  # else the list changed while we fetched
                self.model.set_page(start, items)

        self._tasks.run(lambda _ctx: registry.items(ids), on_success=while_alive(self, fill), lane=Lane.READ)

    def _load_communes(self) -> None:
        services = self._services

        def work(_ctx: object) -> list[tuple[int, str]]:
            return commune_choices(services.registry, services.collaborators, services.reference)

        self._tasks.run(
            work, on_success=while_alive(self, self.filters.set_communes), lane=Lane.READ, key="registry-communes"
        )

    # --- selection and opening ---------------------------------------------------------------------

    def _select_row(self, row: int) -> None:
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, 0), QAbstractItemView.ScrollHint.EnsureVisible)
        self._emit_selection()

    def _emit_selection(self, *_args: object) -> None:
        current = self.current_id()
        self.delete_button.setEnabled(current is not None)
        if current != self._last_emitted:
            self._last_emitted = current
            self.selection_changed.emit(current)

    def _on_double_clicked(self, index: Any) -> None:
        if index.isValid():
            self.open_requested.emit(self.model.uuid_at(index.row()))

    def _open_current(self) -> None:
        current = self.current_id()
        if current is not None:
            self.open_requested.emit(current)

    def _focus_table(self) -> None:
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        if self.current_id() is None and self.model.rowCount() > 0:
            self._select_row(0)

    def _after_delete(self, _record_id: UUID) -> None:
        self._run_search(keep=None, fallback_row=self._row_before_delete)

    def _after_restore(self, record_id: UUID) -> None:
        self._run_search(keep=record_id.hex)

    def _show_column_menu(self, pos: Any) -> None:
        self.columns.menu.exec(self.table.horizontalHeader().mapToGlobal(pos))

    def _show_row_menu(self, pos: Any) -> None:
        index = self.table.indexAt(pos)
        if not index.isValid():
            return
        self._select_row(index.row())
        menu = QMenu(self)
        menu.addAction(self.tr("Mở hồ sơ"), self._open_current)
        menu.addSeparator()
        current = self.current_id()
        for kind, label in (
            ("visits", self.tr("Các lượt khảo sát của cơ sở")),
            ("needs", self.tr("Nhu cầu thiết bị của cơ sở")),
            ("cp", self.tr("Đánh giá SXSH của cơ sở")),
        ):
            menu.addAction(label, functools.partial(self.related_requested.emit, kind, current))
        menu.addSeparator()
        menu.addAction(self.tr("In phiếu khảo sát điền sẵn hồ sơ…"), functools.partial(self.request_print, current))
        menu.addAction(
            self.tr("In bảng nhu cầu thiết bị của cơ sở…"),
            functools.partial(self.print_requested.emit, "needs", current),
        )
        menu.addSeparator()
        menu.addAction(self.tr("Cơ sở lân cận…"), functools.partial(self.nearby_requested.emit, current))
        menu.addAction(
            self.tr("Thêm vào lộ trình trong ngày"), functools.partial(self.plan_add_requested.emit, current)
        )
        menu.addSeparator()
        menu.addAction(self.tr("Xoá…"), self.delete_selected)
        menu.exec(self.table.viewport().mapToGlobal(pos))

    # --- events ------------------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        self._start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self.empty_label.resize(self.table.viewport().size())
        return False
