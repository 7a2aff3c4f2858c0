"""The window opens on a store, in Vietnamese, with the bundled font."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kcfield.paths import AppPaths
from kcfield.services.container import Services
from kcfield.ui.fonts import register_bundled_fonts
from kcfield.ui.main_window import MainWindow


def test_main_window_shows_the_store(qtbot: QtBot, services: Services, app_paths: AppPaths) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    assert register_bundled_fonts(app) == "DejaVu Sans"
    window = MainWindow(services, app_paths, "vi")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert "Thư mục dữ liệu" in window.summary.text()
    assert str(app_paths.data_dir) in window.summary.text()
    assert window.statusBar().currentMessage() == "Sẵn sàng"


def test_main_window_in_english(qtbot: QtBot, services: Services, app_paths: AppPaths) -> None:
    window = MainWindow(services, app_paths, "en")
    qtbot.addWidget(window)
    assert "Data folder" in window.summary.text()
