"""Under the visit form: what blocks saving, a message line, and the editor's buttons."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

__all__ = ["ERROR_COLOUR", "EditorBar"]

ERROR_COLOUR = "#b3261e"


class EditorBar(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.blockers = QLabel()
        self.message = QLabel()
        for label in (self.blockers, self.message):
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.PlainText)  # messages quote what was typed: never markup
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            label.setStyleSheet(f"color: {ERROR_COLOUR};")
            label.hide()
        self.save_button = QPushButton(self.tr("Lưu"))
        self.save_button.setToolTip(self.tr("Lưu phiếu khảo sát (Ctrl+S)"))
        self.finalise_button = QPushButton(self.tr("Hoàn tất phiếu"))
        self.finalise_button.setToolTip(self.tr("Khoá phiếu và lưu lại hồ sơ cơ sở tại thời điểm này"))
        self.amend_button = QPushButton(self.tr("Tạo bản điều chỉnh"))
        self.amend_button.setToolTip(self.tr("Tạo một phiếu nháp mới để sửa; phiếu đã hoàn tất được giữ nguyên"))
        self.close_button = QPushButton(self.tr("Đóng"))
        notes = QVBoxLayout()
        notes.setContentsMargins(0, 0, 0, 0)
        notes.addWidget(self.blockers)
        notes.addWidget(self.message)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(notes, 1)
        for button in (self.save_button, self.finalise_button, self.amend_button, self.close_button):
            button.setAutoDefault(False)  # Enter in a box must not save a half-filled form
            layout.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)

    def show_blockers(self, text: str) -> None:
        self.blockers.setText(text)
        self.blockers.setVisible(bool(text))

    def say(self, text: str, *, error: bool = True) -> None:
        """Show ``text`` on the message line (red for trouble); "" hides it."""
        self.message.setStyleSheet(f"color: {ERROR_COLOUR};" if error else "")
        self.message.setText(text)
        self.message.setVisible(bool(text))
