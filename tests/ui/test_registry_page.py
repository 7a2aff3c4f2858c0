"""The registry page as a collaborator uses it: type to find, filter, sort, choose columns, delete and undo.

Most tests run the page on SyncTaskRunner, so a search has finished when the keystroke returns; pages the view
asks for while painting still arrive one event-loop turn later (queued), hence the few waitUntil calls. One test
runs the real TaskRunner end to end.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from uuid import UUID

import pytest
import shiboken6
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMessageBox, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from kcfield.domain.enums import EstablishmentKind, LegalForm, SectorGroup, TaxCodeKind
from kcfield.domain.errors import NotFound
from kcfield.domain.model import Establishment
from kcfield.services.container import Services
from kcfield.services.demo import DemoService
from kcfield.ui.registry.columns import Column
from kcfield.ui.registry.model import RecordRole
from kcfield.ui.registry.page import RegistryPage
from kcfield.ui.tasks import SyncTaskRunner, TaskRunner
from tests.ui.typing import clear_and_type, type_text

WAIT_MS = 5_000

DAT_DO = "Cơ sở chế biến hải sản Đất Đỏ"
LONG_DIEN = "Hợp tác xã mây tre Long Điền"
CHAU_DUC = "Công ty TNHH Cơ khí Châu Đức"
DONG_TAM = "Cơ sở nước mắm Đồng Tâm"
# Vietnamese order: "Công" before "Cơ" (ô before ơ), then by the next syllables.
NAME_ORDER = [CHAU_DUC, DAT_DO, DONG_TAM, LONG_DIEN]


@dataclass
class Registry:
    services: Services
    ids: dict[str, UUID]  # name -> id


@pytest.fixture
def registry(profiled: Services) -> Registry:
    """Four establishments in four communes of former Bà Rịa–Vũng Tàu (province 79)."""
    drafts = [
        Establishment(
            name=DAT_DO,
            province_code=79,
            commune_code=26680,
            village="Ấp Bắc",
            rep_name="Nguyễn Văn Hải",
            rep_phone="0912000001",
            sector_group=SectorGroup.A,
        ),
        Establishment(
            name=LONG_DIEN,
            kind=EstablishmentKind.COOPERATIVE,
            province_code=79,
            commune_code=26659,
            village="Đông Hải",
            sector_group=SectorGroup.DD,
        ),
        Establishment(
            name=CHAU_DUC,
            kind=EstablishmentKind.ENTERPRISE,
            legal_form=LegalForm.LLC_ONE,
            tax_code="0100109106",
            tax_code_kind=TaxCodeKind.ENTERPRISE,
            province_code=79,
            commune_code=26596,
            village="Dinh Cố",
            sector_group=SectorGroup.D,
        ),
        Establishment(name=DONG_TAM, province_code=79, commune_code=26506, village="An Ngãi"),
    ]
    ids = {}
    for draft in drafts:
        saved = profiled.establishments.create(draft)
        assert saved.id is not None
        ids[draft.name] = saved.id
    return Registry(profiled, ids)


@pytest.fixture
def tasks(qtbot: QtBot) -> Iterator[SyncTaskRunner]:
    runner = SyncTaskRunner(lang="vi")
    yield runner
    runner.shutdown()


@pytest.fixture
def keep() -> Iterator[list[QWidget]]:
    """Strong references for the test's widgets (qtbot keeps only weak ones)."""
    widgets: list[QWidget] = []
    yield widgets
    for widget in widgets:
        widget.close()


def open_page(
    qtbot: QtBot, services: Services, tasks: SyncTaskRunner | TaskRunner, keep: list[QWidget]
) -> RegistryPage:
    page = RegistryPage(services, tasks, "vi")
    keep.append(page)
    qtbot.addWidget(page)
    page.resize(1200, 600)
    page.show()
    qtbot.waitExposed(page)
    return page


def names(page: RegistryPage) -> list[str]:
    model = page.model
    return [model.data(model.index(row, Column.NAME)) for row in range(model.rowCount())]


def column_texts(page: RegistryPage, column: Column) -> list[str]:
    model = page.model
    return [model.data(model.index(row, column)) for row in range(model.rowCount())]


def click_header(qtbot: QtBot, page: RegistryPage, column: Column) -> None:
    header = page.table.horizontalHeader()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))


def row_center(page: RegistryPage, row: int) -> QPoint:
    return page.table.visualRect(page.model.index(row, Column.NAME)).center()


def double_click_row(qtbot: QtBot, page: RegistryPage, row: int) -> None:
    # A real double click starts with a press: Qt's item views ignore a lone double-click event.
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=row_center(page, row))
    qtbot.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=row_center(page, row))


# --- finding ---------------------------------------------------------------------------------------------


def test_the_page_opens_on_every_establishment_in_vietnamese_name_order(
    qtbot: QtBot, registry: Registry, tasks: SyncTaskRunner, keep: list[QWidget]
) -> None:
    page = open_page(qtbot, registry.services, tasks, keep)
    assert names(page) == NAME_ORDER
    assert page.count_label.text() == "4 cơ sở"
    assert page.empty_text() == ""
    assert page.search.placeholderText().startswith("Tìm theo tên, mã số thuế")
    assert page.current_id() is None
    assert not page.delete_button.isEnabled()


def test_typing_without_accents_finds_the_establishment(
    qtbot: QtBot, registry: Registry, tasks: SyncTaskRunner, keep: list[QWidget]
) -> None:
    page = open_page(qtbot, registry.services, tasks, keep)
    type_text(page.search, "dat do")
    assert names(page) == [DAT_DO]
    assert page.count_label.text() == "1 cơ sở"
    clear_and_type(page.search, "Đất Đỏ")
    assert names(page) == [DAT_DO]
    clear_and_type(page.search, "0100109106")  # by tax code
    assert names(page) == [CHAU_DUC]


def test_dong_finds_dong_and_dong_with_any_marks(
    qtbot: QtBot, registry: Registry, tasks: SyncTaskRunner, keep: list[QWidget]
) -> None:
    page = open_page(qtbot, registry.services, tasks, keep)
    type_text(page.search, "dong")
    assert names(page) == [DONG_TAM, LONG_DIEN]  # "Đồng Tâm" in the name, "Đông Hải" as the village


def test_a_search_that_finds_nothing_says_so(
    qtbot: QtBot, registry: Registry, tasks: SyncTaskRunner, keep: list[QWidget]
) -> None:
    page = open_page(qtbot, registry.services, tasks, keep)
    type_text(page.search, "gốm sứ")
    assert page.model.rowCount() == 0
    assert page.count_label.text() == "0 cơ sở"
    assert page.empty_text() == "Không tìm thấy cơ sở nào khớp với «gốm sứ»."
    assert page.empty_label.isVisible()
    clear_and_type(page.search, "")
    assert page.empty_text() == ""
    assert len(names(page)) == 4


def test_filter_by_commune_lists_used_and_assigned_communes_in_vietnamese_order(
    qtbot: QtBot, registry: Registry, tasks: SyncTaskRunner, keep: list[QWidget]
) -> None:
    page = open_page(qtbot, registry.services, tasks, keep)
    combo = page.filters.commune
    choices = [combo.itemText(i) for i in range(combo.count())]
    # "Phường" before "Xã"; "Đất Đỏ" after "Châu Đức" (Đ after D after C), "Long Điền" last
    assert choices == ["Tất cả xã/phường", "Phường Vũng Tàu", "Xã Châu Đức", "Xã Đất Đỏ", "Xã Long Điền"]
    combo.setCurrentIndex(choices.index("Xã Long Điền"))
    assert names(page) == [LONG_DIEN]
    assert page.current_query().commune_code == 26659
    type_text(page.search, "dat do")
    assert page.empty_text() == "Không tìm thấy cơ sở nào khớp với «dat do» trong bộ lọc đang chọn."
    clear_and_type(page.search, "")
    combo.setCurrentIndex(0)
    assert len(names(page)) == 4


def test_filter_by_kind_and_sector_group(
    qtbot: QtBot, registry: Registry, tasks: SyncTaskRunner, keep: list[QWidget]
) -> None:
    page = open_page(qtbot, registry.services, tasks, keep)
    kinds = page.filters.kind
    kinds.setCurrentIndex(kinds.findText("Hợp tác xã"))
    assert names(page) == [LONG_DIEN]
    kinds.setCurrentIndex(0)
    sectors = page.filters.sector
    sectors.setCurrentIndex(sectors.findData(SectorGroup.DD.value))
    assert sectors.currentText().startswith("đ) ")
    assert names(page) == [LONG_DIEN]


def test_changed_only_hides_what_the_centre_already_has(
    qtbot: QtBot, registry: Registry, tasks: SyncTaskRunner, keep: list[QWidget]
) -> None:
    with registry.services.ctx.store.write() as session:  # as if exported: this one is clean now
        session.execute(
            text("UPDATE establishments SET exported_edits = local_edits WHERE id = :id"),
            {"id": registry.ids[LONG_DIEN].hex},
        )
    page = open_page(qtbot, registry.services, tasks, keep)
    assert column_texts(page, Column.CHANGED) == ["●", "●", "●", ""]
    page.filters.changed_only.setChecked(True)
    assert names(page) == [CHAU_DUC, DAT_DO, DONG_TAM]
    page.filters.changed_only.setChecked(False)
    assert names(page) == NAME_ORDER


# --- sorting and opening ---------------------------------------------------------------------------------


def test_clicking_a_header_sorts_in_vietnamese_order(
    qtbot: QtBot, registry: Registry, tasks: SyncTaskRunner, keep: list[QWidget]
) -> None:
    page = open_page(qtbot, registry.services, tasks, keep)
    click_header(qtbot, page, Column.VILLAGE)
    # Â after A, Đ after D (a code-point sort would put "Ấp" and "Đông" last)
    assert column_texts(page, Column.VILLAGE) == ["An Ngãi", "Ấp Bắc", "Dinh Cố", "Đông Hải"]
    assert page.current_query().sort.value == "village"
    assert page.table.horizontalHeader().sortIndicatorSection() == Column.VILLAGE
    click_header(qtbot, page, Column.VILLAGE)
    assert column_texts(page, Column.VILLAGE) == ["Đông Hải", "Dinh Cố", "Ấp Bắc", "An Ngãi"]
    assert page.current_query().descending
    click_header(qtbot, page, Column.CHANGED)  # not sortable: the indicator stays where it was
    assert page.table.horizontalHeader().sortIndicatorSection() == Column.VILLAGE
    assert column_texts(page, Column.VILLAGE) == ["Đông Hải", "Dinh Cố", "Ấp Bắc", "An Ngãi"]


def test_opening_after_sorting_opens_the_record_on_that_row(
    qtbot: QtBot, registry: Registry, tasks: SyncTaskRunner, keep: list[QWidget]
) -> None:
    page = open_page(qtbot, registry.services, tasks, keep)
    opened: list[UUID] = []
    page.open_requested.connect(opened.append)
    click_header(qtbot, page, Column.VILLAGE)
    double_click_row(qtbot, page, 0)
    assert opened == [registry.ids[DONG_TAM]]  # "An Ngãi" is first now; by name it was third
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=row_center(page, 1))
    assert page.current_id() == registry.ids[DAT_DO]
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert opened == [registry.ids[DONG_TAM], registry.ids[DAT_DO]]


def test_sorting_keeps_the_selected_record_selected(
    qtbot: QtBot, registry: Registry, tasks: SyncTaskRunner, keep: list[QWidget]
) -> None:
    page = open_page(qtbot, registry.services, tasks, keep)
    assert page.select_record(registry.ids[LONG_DIEN])
    assert page.table.selectionModel().selectedRows()[0].row() == 3
    click_header(qtbot, page, Column.VILLAGE)
    assert page.current_id() == registry.ids[LONG_DIEN]
    assert page.table.selectionModel().selectedRows()[0].row() == 3  # "Đông Hải" is last by village too
    click_header(qtbot, page, Column.VILLAGE)
    assert page.current_id() == registry.ids[LONG_DIEN]
    assert page.table.selectionModel().selectedRows()[0].row() == 0


def test_keyboard_search_down_enter_and_new(
    qtbot: QtBot, registry: Registry, tasks: SyncTaskRunner, keep: list[QWidget]
) -> None:
    page = open_page(qtbot, registry.services, tasks, keep)
    page.activateWindow()
    qtbot.waitActive(page)
    opened: list[UUID] = []
    selected: list[UUID | None] = []
    page.open_requested.connect(opened.append)
    page.selection_changed.connect(selected.append)
    with qtbot.waitSignal(page.new_requested, timeout=WAIT_MS):
        qtbot.keyClick(page.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)

    page.focus_search()
    qtbot.waitUntil(page.search.hasFocus)  # focus follows window activation, which is asynchronous
    type_text(page.search, "co so")
    assert names(page) == [DAT_DO, DONG_TAM]
    qtbot.keyClick(page.search, Qt.Key.Key_Down)
    qtbot.waitUntil(page.table.hasFocus)
    assert page.current_id() == registry.ids[DAT_DO]
    assert selected == [registry.ids[DAT_DO]]
    qtbot.keyClick(page.table, Qt.Key.Key_Down)
    assert page.current_id() == registry.ids[DONG_TAM]
    qtbot.keyClick(page.table, Qt.Key.Key_Enter)
    assert opened == [registry.ids[DONG_TAM]]
    assert selected == [registry.ids[DAT_DO], registry.ids[DONG_TAM]]

    with qtbot.waitSignal(page.new_requested, timeout=WAIT_MS):
        qtbot.keyClick(page.search, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(page.table, Qt.Key.Key_M)  # typing in the list types into the search box
    qtbot.waitUntil(page.search.hasFocus)
    assert page.search.text() == "co som"
    page.focus_search()
    assert page.search.selectedText() == "co som"


def test_ctrl_n_is_not_ambiguous_beside_a_window_action_on_the_same_keys(
    qtbot: QtBot, registry: Registry, tasks: SyncTaskRunner, keep: list[QWidget]
) -> None:
    window = QMainWindow()
    keep.append(window)
    qtbot.addWidget(window)
    triggered: list[str] = []
    for keys, name in ((QKeySequence(QKeySequence.StandardKey.New), "new"), (QKeySequence("Ctrl+M"), "other")):
        action = QAction(name, window)
        action.setShortcut(keys)
        action.triggered.connect(lambda _checked=False, n=name: triggered.append(n))
        window.addAction(action)
    page = RegistryPage(registry.services, tasks, "vi")
    window.setCentralWidget(page)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    requested: list[bool] = []
    page.new_requested.connect(lambda: requested.append(True))
    qtbot.keyClick(page.table, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    assert triggered == ["other"]  # the window's shortcuts are live here
    qtbot.keyClick(page.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(page.search, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert requested == [True, True]
    assert triggered == ["other"]  # the page answered Ctrl+N; two live shortcuts would have done nothing


def test_selection_is_reported_and_cleared_by_a_new_search(
    qtbot: QtBot, registry: Registry, tasks: SyncTaskRunner, keep: list[QWidget]
) -> None:
    page = open_page(qtbot, registry.services, tasks, keep)
    selected: list[UUID | None] = []
    page.selection_changed.connect(selected.append)
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=row_center(page, 2))
    assert selected == [registry.ids[DONG_TAM]]
    assert page.delete_button.isEnabled()
    type_text(page.search, "hop tac")
    assert selected == [registry.ids[DONG_TAM], None]
    assert not page.delete_button.isEnabled()
    assert not page.select_record(registry.ids[DONG_TAM])  # not in this result
    assert page.select_record(registry.ids[LONG_DIEN])
    assert selected[-1] == registry.ids[LONG_DIEN]


def test_refresh_keeps_the_selected_record_even_when_it_moves(
    qtbot: QtBot, registry: Registry, tasks: SyncTaskRunner, keep: list[QWidget]
) -> None:
    page = open_page(qtbot, registry.services, tasks, keep)
    page.select_record(registry.ids[DAT_DO])
    assert page.table.selectionModel().selectedRows()[0].row() == 1
    registry.services.establishments.create(
        Establishment(name="Cơ sở bánh tráng Bà Rịa", province_code=79, commune_code=26680)
    )  # "bánh" sorts before "chế": the selected record moves down one row
    page.refresh()
    assert page.current_id() == registry.ids[DAT_DO]
    assert page.table.selectionModel().selectedRows()[0].row() == 2
    assert page.count_label.text() == "5 cơ sở"


# --- columns --------------------------------------------------------------------------------------------


def test_hidden_columns_stay_hidden_in_a_new_page(
    qtbot: QtBot, registry: Registry, tasks: SyncTaskRunner, keep: list[QWidget]
) -> None:
    page = open_page(qtbot, registry.services, tasks, keep)
    assert page.visible_columns() == list(Column)
    action = page.columns.actions[Column.TAX_CODE]
    assert action.text() == "Mã số thuế"
    action.trigger()  # as if unticked in the header's context menu
    assert page.table.isColumnHidden(Column.TAX_CODE)
    assert not page.columns.actions[Column.NAME].isEnabled()  # the name column cannot be hidden
    assert "tax_code" not in (registry.services.preferences.registry_columns or [])

    again = open_page(qtbot, registry.services, tasks, keep)
    assert again.table.isColumnHidden(Column.TAX_CODE)
    assert not again.columns.actions[Column.TAX_CODE].isChecked()
    assert Column.TAX_CODE not in again.visible_columns()
    again.set_column_visible(Column.TAX_CODE, True)
    assert not again.table.isColumnHidden(Column.TAX_CODE)
    assert "tax_code" in (registry.services.preferences.registry_columns or [])


# --- deleting -------------------------------------------------------------------------------------------


def test_delete_asks_then_offers_undo_which_restores(
    qtbot: QtBot, registry: Registry, tasks: SyncTaskRunner, keep: list[QWidget], monkeypatch: pytest.MonkeyPatch
) -> None:
    questions: list[str] = []

    def answer_yes(_parent: QWidget, _title: str, message: str, *_args: object) -> QMessageBox.StandardButton:
        questions.append(message)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer_yes)
    page = open_page(qtbot, registry.services, tasks, keep)
    page.select_record(registry.ids[DAT_DO])
    assert page.delete_button.isEnabled()
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)

    assert questions and f"«{DAT_DO}»" in questions[0]
    assert names(page) == [CHAU_DUC, DONG_TAM, LONG_DIEN]
    assert page.current_id() == registry.ids[DONG_TAM]  # the next one takes the deleted row's place
    assert page.banner.isVisible()
    assert page.banner.label.text() == f"Đã xoá «{DAT_DO}»."
    assert page.banner.undo_button.text() == "Hoàn tác"
    assert page.banner.timer.isActive() and page.banner.timer.interval() == 15_000

    qtbot.mouseClick(page.banner.undo_button, Qt.MouseButton.LeftButton)
    assert names(page) == NAME_ORDER
    assert page.current_id() == registry.ids[DAT_DO]
    assert not page.banner.isVisible()
    assert not registry.services.establishments.get(registry.ids[DAT_DO]).meta.deleted  # type: ignore[union-attr]


def test_saying_no_deletes_nothing(
    qtbot: QtBot, registry: Registry, tasks: SyncTaskRunner, keep: list[QWidget], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QMessageBox, "question", lambda *_args: QMessageBox.StandardButton.No)
    page = open_page(qtbot, registry.services, tasks, keep)
    page.select_record(registry.ids[CHAU_DUC])
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    assert names(page) == NAME_ORDER
    assert not page.banner.isVisible()


def test_a_refused_delete_is_explained_in_vietnamese(
    qtbot: QtBot, registry: Registry, tasks: SyncTaskRunner, keep: list[QWidget], monkeypatch: pytest.MonkeyPatch
) -> None:
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "question", lambda *_args: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, message, *_args: warnings.append(message))

    def gone(record_id: UUID) -> None:
        raise NotFound("establishment", record_id)

    monkeypatch.setattr(registry.services.establishments, "delete", gone)
    page = open_page(qtbot, registry.services, tasks, keep)
    page.select_record(registry.ids[CHAU_DUC])
    page.delete_selected()
    assert len(warnings) == 1
    assert warnings[0] and warnings[0] != "record.not_found"  # words, not the code
    assert not page.banner.isVisible()
    assert names(page) == NAME_ORDER


def test_an_empty_registry_invites_to_add_the_first(
    qtbot: QtBot, profiled: Services, tasks: SyncTaskRunner, keep: list[QWidget]
) -> None:
    page = open_page(qtbot, profiled, tasks, keep)
    assert page.model.rowCount() == 0
    assert page.empty_text().startswith("Chưa có cơ sở nào.")
    combo = page.filters.commune
    # nothing in use yet, but the collaborator's assigned communes are there to choose
    assert [combo.itemText(i) for i in range(combo.count())] == ["Tất cả xã/phường", "Xã Châu Đức", "Xã Đất Đỏ"]
    with qtbot.waitSignal(page.new_requested, timeout=WAIT_MS):
        qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)


# --- many rows ------------------------------------------------------------------------------------------


def test_a_thousand_rows_are_fetched_by_page_as_they_scroll_into_view(
    qtbot: QtBot, profiled: Services, tasks: SyncTaskRunner, keep: list[QWidget]
) -> None:
    DemoService(profiled.ctx, profiled.reference).generate(1000)
    page = open_page(qtbot, profiled, tasks, keep)
    model = page.model
    assert model.rowCount() == 1000
    assert page.count_label.text() == "1.000 cơ sở"
    assert model.fetched(0)
    assert not model.fetched(999)
    assert model.data(model.index(999, Column.NAME)) == "…"
    page.table.scrollToBottom()
    qtbot.waitUntil(lambda: model.fetched(999), timeout=WAIT_MS)
    assert model.data(model.index(999, Column.NAME)) not in ("…", "")
    item = model.data(model.index(999, Column.NAME), RecordRole)
    assert item.id.hex == model.id_at(999)
    assert not model.fetched(500)  # pages nobody looked at are not fetched


def test_the_first_page_is_on_screen_before_the_full_search_runs(
    qtbot: QtBot, registry: Registry, tasks: SyncTaskRunner, keep: list[QWidget], monkeypatch: pytest.MonkeyPatch
) -> None:
    page = RegistryPage(registry.services, tasks, "vi")
    keep.append(page)
    qtbot.addWidget(page)
    seen_at_search: list[list[str]] = []
    real_search = registry.services.registry.search

    def search(query: object) -> list[str]:
        seen_at_search.append(names(page))
        return real_search(query)  # type: ignore[arg-type]

    monkeypatch.setattr(registry.services.registry, "search", search)
    page.show()
    qtbot.waitExposed(page)
    assert seen_at_search[0] == NAME_ORDER  # from first_ids(), without waiting for the snapshot
    assert page.count_label.text() == "4 cơ sở"


def test_the_real_task_runner_delivers_search_results(qtbot: QtBot, registry: Registry, keep: list[QWidget]) -> None:
    runner = TaskRunner(lang="vi")
    try:
        page = open_page(qtbot, registry.services, runner, keep)
        qtbot.waitUntil(lambda: page.count_label.text() == "4 cơ sở", timeout=WAIT_MS)
        type_text(page.search, "long dien")
        qtbot.waitUntil(lambda: names(page) == [LONG_DIEN], timeout=WAIT_MS)
        page.select_record(registry.ids[LONG_DIEN])
        with qtbot.waitSignal(page.open_requested, timeout=WAIT_MS) as opened:
            page.table.setFocus()
            qtbot.keyClick(page.table, Qt.Key.Key_Return)
        assert opened.args == [registry.ids[LONG_DIEN]]
    finally:
        assert runner.shutdown(WAIT_MS)


def test_a_page_closed_while_its_search_runs_ignores_the_late_result(qtbot: QtBot, registry: Registry) -> None:
    runner = TaskRunner(lang="vi")
    try:
        page = RegistryPage(registry.services, runner, "vi")
        page.show()  # starts the first page, the search and the commune list in the background
        page.deleteLater()
        qtbot.waitUntil(lambda: not shiboken6.isValid(page), timeout=WAIT_MS)
        assert runner.wait_idle(WAIT_MS)  # the results arrive for a deleted page: dropped, no error
    finally:
        assert runner.shutdown(WAIT_MS)
