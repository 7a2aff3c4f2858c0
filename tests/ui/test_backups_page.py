"""The Backup page: back up now adds a row; a confirmed restore rebuilds the window on the restored data."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from kcfield.app import Application
from kcfield.paths import AppPaths
from kcfield.services.container import Services
from kcfield.store.backup import BackupKind
from kcfield.ui.backups.page import BackupsPage
from kcfield.ui.tasks import SyncTaskRunner
from tests.ui.conftest import build_window
from tests.unit.test_services import _draft


def test_back_up_now_adds_a_row(app: QApplication, qtbot, profiled: Services, app_paths: AppPaths) -> None:
    keep: list[object] = []
    window = build_window(profiled, app_paths, keep)
    qtbot.addWidget(window)
    page = window.backups
    window.nav.setCurrentRow(window.stack.indexOf(page))
    assert window.nav.currentItem().text() == "Sao lưu"
    before = page.model.rowCount()
    page.backup_button.click()
    assert page.model.rowCount() == before + 1
    newest = page.model.item_at(0)
    assert newest is not None and newest.kind is BackupKind.MANUAL and newest.path.is_file()
    assert "Đã sao lưu vào" in page.status.text()
    assert page.model.index(0, 1).data() == "Tự sao lưu"


def test_a_confirmed_restore_rebuilds_the_window_on_the_restored_data(
    app: QApplication, qtbot, profiled: Services, app_paths: AppPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    profiled.establishments.create(_draft(name="Cơ sở Mây tre đan Phú Vinh"))
    backup = profiled.backups.backup_now().path
    profiled.establishments.create(_draft(name="Cơ sở Gốm Bát Tràng"))
    settings = QSettings(str(app_paths.data_dir / "window.ini"), QSettings.Format.IniFormat)
    controller = Application(app, profiled, SyncTaskRunner(), app_paths, "vi")
    controller.settings = settings
    try:
        controller.window = controller._build_window()
        controller.window.show()
        old = controller.window
        page: BackupsPage = old.backups
        row = next(r for r in range(page.model.rowCount()) if page.model.item_at(r).path == backup)
        page.table.selectRow(row)
        asked: list[str] = []
        monkeypatch.setattr(BackupsPage, "confirm_restore", lambda _self, when: asked.append(when) or True)
        page.restore_button.click()
        assert len(asked) == 1
        assert controller.window is not old and controller.window.isVisible()
        assert controller.services is not profiled
        assert controller.services.establishments.count() == 1  # the one made after the backup is gone
        assert controller.window.registry.model.rowCount() == 1
        new_page = controller.window.backups
        assert controller.window.stack.currentWidget() is new_page
        assert "Đã khôi phục" in new_page.status.text() and "số 1" in new_page.status.text()
        kinds = [new_page.model.item_at(r).kind for r in range(new_page.model.rowCount())]
        assert BackupKind.BEFORE_RESTORE in kinds  # the data as it was, kept aside
        assert app.quitOnLastWindowClosed()
    finally:
        if controller.window is not None:
            controller.window.close()  # stops its status timer: it must not fire into a later test
        controller.shutdown()


def test_a_cancelled_restore_changes_nothing(
    app: QApplication, qtbot, profiled: Services, app_paths: AppPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    keep: list[object] = []
    window = build_window(profiled, app_paths, keep)
    qtbot.addWidget(window)
    page = window.backups
    page.backup_now()
    page.table.selectRow(0)
    requested: list[Path] = []
    page.restore_requested.connect(requested.append)
    monkeypatch.setattr(BackupsPage, "confirm_restore", lambda _self, _when: False)
    page.choose_restore()
    assert requested == []
    monkeypatch.setattr(BackupsPage, "confirm_restore", lambda _self, _when: True)
    page.choose_restore()
    assert requested == [page.model.item_at(0).path]
