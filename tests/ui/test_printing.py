"""Printing from the screens: each page's Print builds its document in the background and shows the real
pages; the day's route prints pre-filled forms in its order; scanned signed forms find their records."""

from __future__ import annotations

from pathlib import Path
from uuid import UUID

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from kcfield.domain.errors import DomainError
from kcfield.paths import AppPaths
from kcfield.services import pdf_pages
from kcfield.services.container import Services
from kcfield.services.demo import DemoService
from kcfield.services.places import DayPlan
from kcfield.services.progress import CancelToken
from kcfield.ui.main_window import MainWindow
from kcfield.ui.printing.controller import _forms_progress
from kcfield.ui.printing.preview import PreviewDialog
from kcfield.ui.tasks import TaskContext
from tests.forms import page_texts
from tests.ui.conftest import build_window


@pytest.fixture
def demo(profiled: Services) -> Services:
    DemoService(profiled.ctx, profiled.reference).generate(40, seed=3)
    return profiled


@pytest.fixture
def window(qtbot: QtBot, demo: Services, app_paths: AppPaths) -> MainWindow:
    keep: list[object] = []
    win = build_window(demo, app_paths, keep)
    qtbot.addWidget(win)
    win.keep = keep  # type: ignore[attr-defined]
    return win


def preview_of(window: MainWindow) -> PreviewDialog:
    preview = window.printer.preview
    assert preview is not None
    return preview


def text_of(preview: PreviewDialog) -> str:
    return "\n".join(page_texts(preview.pdf))


def test_printing_a_visit_from_the_visits_page_shows_its_filled_form(window: MainWindow, demo: Services) -> None:
    window.show_related("visits", None)
    page = window.visits
    page.refresh()
    assert page.model.rowCount() > 0
    page.table.selectRow(0)
    item = page.selected_item()
    assert item is not None
    window.app_actions.print.trigger()  # Ctrl+P on the visits page
    preview = preview_of(window)
    assert preview.page_total == len(preview.page_labels) >= 1
    assert item.establishment_name in text_of(preview)
    assert preview.pdf.parent == window.paths.printouts


def test_ctrl_p_in_the_registry_prints_the_selected_profile_or_a_blank_form(window: MainWindow, demo: Services) -> None:
    window.registry.refresh()
    window.app_actions.print.trigger()  # nothing selected: a blank form
    blank = preview_of(window)
    assert "PHIẾU KHẢO SÁT" in text_of(blank).upper()
    window.registry.table.selectRow(0)
    chosen = window.registry.current_id()
    assert chosen is not None
    window.app_actions.print.trigger()
    filled = preview_of(window)
    assert filled is not blank
    assert demo.establishments.get(chosen).name in text_of(filled)


def test_the_needs_page_prints_an_establishment_or_a_commune(
    window: MainWindow, demo: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, message: told.append(message))
    page = window.needs
    window.show_related("needs", None)
    page.reload()
    page.table.clearSelection()
    page.table.setCurrentIndex(page.model.index(-1, -1))
    page.request_print()
    assert told and "Chọn một nhu cầu" in told[0]  # nothing chosen: says what to do
    page.table.selectRow(0)
    item = page.selected_item()
    assert item is not None
    page.request_print()
    assert item.establishment_name in text_of(preview_of(window))
    page.tabs.setCurrentIndex(1)
    page.load_commune_totals()
    page.commune_table.selectRow(0)
    code = page.commune_model.code_at(0)
    assert code is not None
    page.request_print()
    assert demo.reference.communes[code].name in text_of(preview_of(window))


def test_the_cp_page_prints_the_report_of_the_selected_assessment(window: MainWindow, demo: Services) -> None:
    window.show_related("cp", None)
    page = window.cp
    page.refresh()
    page.view.selectRow(0)
    item = page.current_item()
    assert item is not None
    page.print_button.click()
    assert "SẠCH HƠN" in text_of(preview_of(window)).upper()
    assert item.establishment_name in text_of(preview_of(window))


def test_the_days_route_prints_prefilled_forms_in_its_order(window: MainWindow, demo: Services) -> None:
    ids = [UUID(i) for i in demo.registry.first_ids(3)]
    demo.places.save_day_plan(DayPlan((ids[2], ids[0], ids[1])))
    dialog = window.places.show_day_plan()
    dialog.print_button.click()
    texts = page_texts(preview_of(window).pdf)
    names = [demo.establishments.get(i).name for i in (ids[2], ids[0], ids[1])]
    first_pages = [next(n for n, t in enumerate(texts) if name in t) for name in names]
    assert first_pages == sorted(first_pages)  # each form after the one before it


def test_a_cancelled_batch_shows_nothing(window: MainWindow, demo: Services, monkeypatch: pytest.MonkeyPatch) -> None:
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: warned.append(args[-1]))

    def cancelled(*_args: object, **_kwargs: object) -> int:
        raise DomainError("forms.cancelled")

    monkeypatch.setattr(demo.printing, "prefilled_forms", cancelled)
    window.printer.prefilled([UUID(demo.registry.first_ids(1)[0])])
    assert window.printer.preview is None and warned == []
    token = CancelToken()
    progress = _forms_progress(TaskContext(token, lambda: None))
    assert progress(1, 10) is True
    token.cancel()
    assert progress(2, 10) is False  # the form builder stops at the next form


def test_a_failure_to_build_is_told_plainly(
    window: MainWindow, demo: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: warned.append(args[-1]))
    window.printer.visit(UUID(int=1))
    assert warned and "Không tìm thấy" in warned[0]
    assert window.printer.preview is None


def test_scanned_forms_are_attached_to_their_records_after_confirmation(
    window: MainWindow, demo: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    visit = demo.visits.recent(1)[0]
    printed = tmp_path / "phieu-da-ky.pdf"
    demo.printing.visit_form(str(visit.id), printed)
    photo = tmp_path / "anh-chup.png"
    page = next(pdf_pages.render_pages(printed, 200, [0]))
    image = QImage(page.data, page.width, page.height, page.stride, QImage.Format.Format_RGBX8888)
    assert image.save(str(photo))
    stranger = tmp_path / "ghi-chu.png"
    blank = QImage(400, 300, QImage.Format.Format_RGB32)
    blank.fill(Qt.GlobalColor.white)
    assert blank.save(str(stranger))
    asked: list[str] = []

    def answer(_parent: object, _title: str, message: str) -> QMessageBox.StandardButton:
        asked.append(message)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer)
    window.scans.read([printed, photo, stranger])
    assert asked, "the person confirms before anything is attached"
    assert "phieu-da-ky.pdf → lượt khảo sát ngày" in asked[0] and visit.establishment_name in asked[0]
    assert "✘ ghi-chu.png" in asked[0]
    attached = demo.attachments.of_owner("visit", visit.id)
    assert sorted(a.file_name for a in attached) == ["anh-chup.png", "phieu-da-ky.pdf"]
    assert window.scans.attached == 2


def test_the_registry_prints_the_list_it_shows_without_phone_numbers(window: MainWindow, demo: Services) -> None:
    registry = window.registry
    registry.refresh()
    commune = next(item.commune_code for item in demo.registry.items(demo.registry.first_ids(1)))
    assert commune is not None
    registry.filters.set_commune(commune)
    query = registry.current_query()
    assert query.commune_code == commune
    registry.print_list_button.click()
    text = text_of(preview_of(window))
    expected = demo.registry.items(demo.registry.search(query))
    assert f"{len(expected)} cơ sở" in text
    for item in expected[:5]:
        assert item.name.split()[-1] in text
        if item.rep_phone:
            assert item.rep_phone not in text  # phone numbers stay off paper that leaves the collaborator
