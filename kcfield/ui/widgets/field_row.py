"""A labelled input with a message line under it, where a form says what is wrong with this one field.

Messages sit next to their field rather than in a dialog: a collaborator fixing a long survey form needs to see
which box the complaint is about, and Vietnamese sentences are long, so the line wraps instead of being cut.
"""

from __future__ import annotations

from typing import Literal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

Severity = Literal["error", "warning"]

# Dark enough to read on a white form (contrast above 4.5:1); amber proper (#ffbf00) is unreadable as text.
_COLOURS: dict[str, str] = {"error": "#c62828", "warning": "#9a6700"}


class FieldRow(QWidget):
    """``label`` above ``editor`` above a message line, hidden until there is something to say.

    Put "&" in the label text ("&Tên cơ sở") and Alt+letter moves the focus to the editor (the label's buddy).
    The message label carries a ``severity`` dynamic property ("error", "warning" or "") for style sheets.
    """

    def __init__(self, label: str, editor: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.label = QLabel(label, self)
        self.label.setWordWrap(True)
        self.label.setBuddy(editor)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)  # messages quote what was typed; never markup
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.message.setProperty("severity", "")
        self.message.hide()
        self._severity: Severity | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.label)
        layout.addWidget(editor)
        layout.addWidget(self.message)

    def set_message(self, text: str, severity: Severity | None) -> None:
        """Show ``text`` in red (error) or amber (warning) under the editor; ``severity`` None hides the line."""
        if severity is None or not text:
            self._severity = None
            self.message.clear()
            self.message.setProperty("severity", "")
            self.message.setStyleSheet("")
            self.message.hide()
            return
        if severity not in _COLOURS:
            raise ValueError(f"unknown severity: {severity!r}")
        self._severity = severity
        self.message.setText(text)
        self.message.setProperty("severity", severity)
        self.message.setStyleSheet(f"color: {_COLOURS[severity]};")
        self.message.show()

    def severity(self) -> Severity | None:
        return self._severity

    def message_text(self) -> str:
        return self.message.text()
