"""The About box: what the program is, which version, where the data lives, and whose work it ships with."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kcfield import APP_NAME

FONT_LICENCE = "resources/fonts/LICENSE-DejaVu.txt"


class AboutDialog(QDialog):
    def __init__(self, data_dir: Path, version: str, lang: str = "vi", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._data_dir = data_dir
        self._lang = lang
        self.setWindowTitle(self.tr("Giới thiệu kcfield"))

        title = QLabel(APP_NAME, self)
        title.setStyleSheet("font-size: 16pt; font-weight: bold;")
        purpose = QLabel(
            self.tr("Phần mềm khảo sát cơ sở công nghiệp nông thôn dành cho cộng tác viên khuyến công."), self
        )
        purpose.setWordWrap(True)
        self.version_label = QLabel(self.tr("Phiên bản %1").replace("%1", version), self)
        self.version_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        folder_caption = QLabel(self.tr("Thư mục dữ liệu (sao lưu thư mục này là sao lưu toàn bộ công việc):"), self)
        folder_caption.setWordWrap(True)
        self.folder_edit = QLineEdit(str(data_dir), self)
        self.folder_edit.setReadOnly(True)  # selectable and copyable, not editable
        self.folder_edit.setCursorPosition(0)
        self.open_folder_button = QPushButton(self.tr("&Mở thư mục dữ liệu"), self)
        self.open_folder_button.clicked.connect(self.open_data_folder)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_edit, 1)
        folder_row.addWidget(self.open_folder_button)

        self.credits = QLabel(
            self.tr(
                "Phông chữ DejaVu Sans đi kèm được phát hành theo giấy phép Bitstream Vera (xem %1).\n"
                "Danh mục đơn vị hành chính: danh sách của Cục Thống kê (GSO) năm 2025, lấy theo dữ liệu của gói "
                "vietnam-provinces."
            ).replace("%1", FONT_LICENCE),
            self,
        )
        self.credits.setWordWrap(True)
        self.credits.setTextFormat(Qt.TextFormat.PlainText)
        self.credits.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, parent=self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(purpose)
        layout.addWidget(self.version_label)
        layout.addSpacing(8)
        layout.addWidget(folder_caption)
        layout.addLayout(folder_row)
        layout.addSpacing(8)
        layout.addWidget(self.credits)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.resize(560, 320)

    def open_data_folder(self) -> bool:
        """Show the data folder in the system's file manager; say where it is if none opens."""
        opened = QDesktopServices.openUrl(QUrl.fromLocalFile(str(self._data_dir)))
        if not opened:
            QMessageBox.information(
                self,
                self.tr("Không mở được thư mục"),
                self.tr("Không mở được thư mục dữ liệu. Đường dẫn:\n%1").replace("%1", str(self._data_dir)),
            )
        return bool(opened)
