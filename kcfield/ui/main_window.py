"""The main window. In this version it shows where the data lives and what the store holds; the registry and
the other pages are built on this shell."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QVBoxLayout, QWidget

from kcfield import __version__
from kcfield.domain.messages import text
from kcfield.paths import AppPaths
from kcfield.services.container import Services


class MainWindow(QMainWindow):
    def __init__(self, services: Services, paths: AppPaths, lang: str) -> None:
        super().__init__()
        self._services = services
        self.setWindowTitle(f"kcfield {__version__}")
        self.resize(900, 600)
        central = QWidget(self)
        layout = QVBoxLayout(central)
        title = QLabel(text("ui.welcome", lang), central)
        title.setStyleSheet("font-size: 18pt; font-weight: bold;")
        layout.addWidget(title)
        self.summary = QLabel(
            text(
                "ui.store_summary",
                lang,
                path=str(paths.data_dir),
                establishments=services.establishments.count(),
                events=services.audit.count(),
            ),
            central,
        )
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        layout.addStretch(1)
        self.setCentralWidget(central)
        quit_action = QAction(text("ui.quit", lang), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        self.menuBar().addMenu(text("ui.menu_file", lang)).addAction(quit_action)
        self.statusBar().showMessage(text("ui.ready", lang))
