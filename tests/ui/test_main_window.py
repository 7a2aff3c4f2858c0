"""The shell: pages, status bar, shortcuts, About, window geometry, and the application's start-up."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from kcfield.domain.model import Establishment
from kcfield.paths import AppPaths
from kcfield.services.container import Services
from kcfield.services.drafts import DraftStore
from kcfield.ui.pages.placeholder import PlaceholderPage
from kcfield.ui.tasks import SyncTaskRunner
from tests.ui.conftest import build_window

ROOT = Path(__file__).resolve().parents[2]


def test_pages_and_placeholders_say_what_they_are(qtbot: QtBot, profiled: Services, app_paths: AppPaths) -> None:
    keep: list[object] = []
    window = build_window(profiled, app_paths, keep)
    qtbot.addWidget(window)
    titles = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert titles == ["Cơ sở", "Lượt khảo sát", "Nhu cầu thiết bị", "Đánh giá SXSH", "Đồng bộ", "Báo cáo", "Sao lưu"]
    with qtbot.waitActive(window):
        window.show()
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is window.visits
    qtbot.keyClick(window, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is window.sync
    qtbot.keyClick(window, Qt.Key.Key_6, Qt.KeyboardModifier.ControlModifier)
    page = window.stack.currentWidget()
    assert isinstance(page, PlaceholderPage) and "phiên bản tới" in page.body.text()
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is window.registry


def test_status_bar_counts_unsynced_changes(qtbot: QtBot, profiled: Services, app_paths: AppPaths) -> None:
    keep: list[object] = []
    window = build_window(profiled, app_paths, keep)
    qtbot.addWidget(window)
    assert window.unsynced_label.text() == "Chưa gửi: 0 thay đổi"
    assert window.last_sync_label.text() == "Chưa đồng bộ lần nào"
    profiled.establishments.create(Establishment(name="Cơ sở bún Tư Hùng", commune_code=26596))
    window.refresh_status()
    assert window.unsynced_label.text() == "Chưa gửi: 1 thay đổi"


def test_find_shortcut_focuses_the_search_box(qtbot: QtBot, profiled: Services, app_paths: AppPaths) -> None:
    keep: list[object] = []
    window = build_window(profiled, app_paths, keep)
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
    window.nav.setCurrentRow(3)
    window.app_actions.find.trigger()
    assert window.stack.currentWidget() is window.registry
    assert window.registry.search.hasFocus()
    assert window.app_actions.find.shortcut().toString() == "Ctrl+F"
    assert window.app_actions.new.shortcut().toString() == "Ctrl+N"
    assert window.app_actions.save.shortcut().toString() == "Ctrl+S"
    assert window.app_actions.print.shortcut().toString() == "Ctrl+P"


def test_about_names_the_version_and_data_folder(
    qtbot: QtBot, profiled: Services, app_paths: AppPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kcfield.ui.about import AboutDialog

    shown: list[AboutDialog] = []
    monkeypatch.setattr(AboutDialog, "exec", lambda self: shown.append(self) or 0)
    keep: list[object] = []
    window = build_window(profiled, app_paths, keep)
    qtbot.addWidget(window)
    window.app_actions.about.trigger()
    assert shown and str(app_paths.data_dir) in shown[0].folder_edit.text()


def test_geometry_is_restored(qtbot: QtBot, profiled: Services, app_paths: AppPaths) -> None:
    keep: list[object] = []
    first = build_window(profiled, app_paths, keep)
    qtbot.addWidget(first)
    first.show()
    # The offscreen test screen is 800 x 600 and restoring clamps to the screen, so the height (below 600)
    # is what can be compared here; the width is clamped the same way on a real screen only if it is too wide.
    first.resize(first.width(), 480)
    first.close()
    assert QSettings(str(app_paths.data_dir / "window.ini"), QSettings.Format.IniFormat).value("main/geometry")
    second = build_window(profiled, app_paths, keep)
    qtbot.addWidget(second)
    assert second.height() == 480  # the default is 760


def test_new_action_opens_an_editor(qtbot: QtBot, profiled: Services, app_paths: AppPaths) -> None:
    keep: list[object] = []
    window = build_window(profiled, app_paths, keep)
    qtbot.addWidget(window)
    window.app_actions.new.trigger()
    editors = [w for w in QApplication.topLevelWidgets() if type(w).__name__ == "EstablishmentEditor" and w.isVisible()]
    assert editors
    for editor in editors:
        editor.done(0)


# --- the application: start-up and a crash with unsaved work -------------------------------------------------

EDIT_THEN_WAIT = r"""
import sys, time
from PySide6.QtWidgets import QApplication
from kcfield.app import Application
from kcfield.paths import resolve_paths
from kcfield.services.container import open_services
from kcfield.ui.tasks import TaskRunner
app = QApplication(sys.argv)
paths = resolve_paths(sys.argv[1])
services = open_services(paths)
controller = Application(app, services, TaskRunner("vi"), paths, "vi")
controller.start()
controller.window.open_editor(None)
editor = next(w for w in app.topLevelWidgets() if type(w).__name__ == "EstablishmentEditor")
editor.form.name.setText("Cơ sở đang gõ dở Đất Đỏ")
print("TYPED", flush=True)
app.exec()  # killed from outside while the edit is unsaved
"""


def test_killed_with_an_unsaved_edit_the_draft_is_offered_back(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kcfield.app import Application
    from kcfield.services.container import open_services
    from kcfield.ui.registry.editor import EstablishmentEditor

    paths = AppPaths(tmp_path / "data")
    services = open_services(paths)
    services.collaborators.save_local_user("CTV001", "Nguyễn Thị Lan")
    services.close()
    env = dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen")
    child = subprocess.Popen([sys.executable, "-c", EDIT_THEN_WAIT, str(paths.data_dir)], env=env,
                             stdout=subprocess.PIPE, text=True)  # fmt: skip
    assert child.stdout is not None and child.stdout.readline().startswith("TYPED")
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and not DraftStore(paths.drafts).pending():
        time.sleep(0.1)  # the editor autosaves about 2 s after the last change
    child.send_signal(signal.SIGKILL)
    child.wait()
    pending = DraftStore(paths.drafts).pending()
    assert [d.title for d in pending] == ["Cơ sở đang gõ dở Đất Đỏ"]

    asked: list[str] = []

    def answer_yes(*args: object, **_kw: object) -> QMessageBox.StandardButton:
        asked.append(str(args[2]))
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer_yes)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    services = open_services(paths)
    controller = Application(app, services, SyncTaskRunner(), paths, "vi")
    try:
        assert controller.start()
        assert asked and "Cơ sở đang gõ dở Đất Đỏ" in asked[0]
        editors = [w for w in app.topLevelWidgets() if isinstance(w, EstablishmentEditor) and w.isVisible()]
        assert [e.form.name.text() for e in editors] == ["Cơ sở đang gõ dở Đất Đỏ"]
        for editor in editors:
            editor.done(0)
        assert controller.window is not None
        controller.window.close()
    finally:
        controller.shutdown()


def test_the_first_run_wizard_comes_first(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from kcfield.app import Application
    from kcfield.services.container import open_services
    from kcfield.ui.first_run import FirstRunWizard

    seen: list[FirstRunWizard] = []
    monkeypatch.setattr(FirstRunWizard, "exec", lambda self: seen.append(self) or 0)  # the person cancels
    paths = AppPaths(tmp_path / "data")
    services = open_services(paths)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    controller = Application(app, services, SyncTaskRunner(), paths, "vi")
    try:
        assert controller.start() is False and seen and controller.window is None
    finally:
        controller.shutdown()


def test_create_with_a_wrong_tax_code_correct_it_then_find_it_without_accents(
    qtbot: QtBot, profiled: Services, app_paths: AppPaths
) -> None:
    """The registry story, through the window a collaborator uses: New, a wrong tax code refused with the
    reason, corrected, saved, then found again by typing the name without accents."""
    from kcfield.ui.registry.editor import EstablishmentEditor
    from kcfield.ui.registry.model import RecordRole
    from tests.ui.test_editor import choose
    from tests.ui.typing import clear_and_type, type_text

    keep: list[object] = []
    window = build_window(profiled, app_paths, keep)
    qtbot.addWidget(window)
    window.show()
    window.app_actions.new.trigger()
    editor = next(w for w in QApplication.topLevelWidgets() if isinstance(w, EstablishmentEditor) and w.isVisible())
    keep.append(editor)
    type_text(editor.form.name, "Cơ sở Nước mắm Đồng Tiến")
    choose(editor.form.commune, 26686)  # Xã Phước Hải
    type_text(editor.form.tax_code.edit, "0300588568")
    qtbot.waitUntil(lambda: "Mã số thuế" in editor.blockers.text(), timeout=5000)
    assert not editor.save_button.isEnabled()
    assert "chữ số cuối là 9" in editor.blockers.text()  # names the rule and the digit it expects

    clear_and_type(editor.form.tax_code.edit, "0300588569")
    qtbot.waitUntil(editor.save_button.isEnabled, timeout=5000)
    with qtbot.waitSignal(editor.saved, timeout=5000):
        qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)

    search = window.registry.search
    clear_and_type(search, "nuoc mam dong tien")

    def found() -> bool:
        model = window.registry.model
        item = model.index(0, 0).data(RecordRole) if model.rowCount() == 1 else None
        return item is not None and item.name == "Cơ sở Nước mắm Đồng Tiến" and item.tax_code == "0300588569"

    qtbot.waitUntil(found, timeout=5000)


def test_an_establishments_visits_needs_and_assessments_are_one_click_away(
    qtbot: QtBot, profiled: Services, app_paths: AppPaths
) -> None:
    from kcfield.domain.model import EquipmentNeed, Visit

    est = profiled.establishments.create(Establishment(name="Cơ sở bún Tư Hùng", commune_code=26596))
    other = profiled.establishments.create(Establishment(name="Cơ sở khác", commune_code=26596))
    assert est.id is not None and other.id is not None
    from datetime import date

    profiled.visits.create(Visit(establishment_id=est.id, visit_date=date(2026, 11, 20), purpose="Khảo sát"))
    profiled.visits.create(Visit(establishment_id=other.id, visit_date=date(2026, 11, 21), purpose="Khác"))
    profiled.needs.create(EquipmentNeed(establishment_id=est.id, equipment_name="Máy sấy", unit_price_vnd=10_000_000))
    keep: list[object] = []
    window = build_window(profiled, app_paths, keep)
    qtbot.addWidget(window)
    window.show_related("visits", est.id)
    assert window.stack.currentWidget() is window.visits
    qtbot.waitUntil(lambda: window.visits.model.rowCount() == 1, timeout=5000)
    window.show_related("needs", est.id)
    assert window.stack.currentWidget() is window.needs
    qtbot.waitUntil(lambda: window.needs.model.rowCount() == 1, timeout=5000)
    window.nav.setCurrentRow(1)  # the visits page keeps its filter; the all-visits list is one click away
    window.visits.show_for_establishment(None)
    qtbot.waitUntil(lambda: window.visits.model.rowCount() == 2, timeout=5000)
