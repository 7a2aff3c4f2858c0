"""Composition root of the GUI: builds the store, the services and the main window, and passes them in."""

from __future__ import annotations

import sys


def run_gui(data_dir: str | None, lang: str) -> int:
    from PySide6.QtWidgets import QApplication, QMessageBox

    from kcfield.domain.errors import DomainError
    from kcfield.domain.messages import describe_error
    from kcfield.paths import resolve_paths
    from kcfield.services.container import open_services
    from kcfield.ui.fonts import register_bundled_fonts
    from kcfield.ui.main_window import MainWindow

    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv)
    app.setApplicationName("kcfield")
    app.setOrganizationName("KhuyenCong")
    register_bundled_fonts(app)
    paths = resolve_paths(data_dir)
    try:
        services = open_services(paths)
    except DomainError as error:
        QMessageBox.critical(None, "kcfield", describe_error(error, lang))
        return 1
    window = MainWindow(services, paths, lang)
    window.show()
    try:
        return int(app.exec())
    finally:
        services.close()
