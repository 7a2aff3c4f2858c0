"""Small pieces the establishment editor is built from: one binding per field, the inputs Qt lacks, and the
bar under the form (what blocks saving, Save, Huỷ).

A :class:`Binding` ties a field name of :class:`~kcfield.domain.model.Establishment` to its widget: how to read
the value, how to write it, and what "unchanged" means (``state``). For a box holding a typed figure that
cannot be read ("12 người"), the state is the text itself, so the form knows it is dirty and a draft keeps
exactly what was typed: nothing typed is ever dropped.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QIntValidator, QMouseEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from kcfield.ui.widgets.field_row import FieldRow
from kcfield.ui.widgets.parsed_edit import ParsedLineEdit

INVALID = "\x00invalid"  # marks the state of a box whose text cannot be read


@dataclass
class Binding:
    name: str
    editor: QWidget  # what gets the focus (the label's buddy)
    row: FieldRow
    get: Callable[[], Any]
    set: Callable[[Any], None]

    def state(self) -> Any:
        """The value, or the raw text when the box cannot be read (so typing junk still counts as a change)."""
        if isinstance(self.editor, ParsedLineEdit) and not self.editor.is_valid():
            return (INVALID, self.editor.text())
        return self.get()


class ChoiceCombo(QComboBox):
    """A combo box whose items stand for Python values (enums, codes, None for "not chosen").

    The values stay on the Python side: a ``StrEnum`` stored as item data would come back from Qt as a plain
    ``str``, and a tuple as a list, so ``value()`` would no longer be the enum member the domain expects.
    A record holding a value the list does not offer (a VSIC code from an older list, a commune outside the
    chosen province) gets an extra item for it rather than losing it when the form is saved.
    """

    def __init__(self, describe_unknown: Callable[[Any], str] = str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._values: list[Any] = []
        self._describe_unknown = describe_unknown

    def value(self) -> Any:
        index = self.currentIndex()
        return self._values[index] if 0 <= index < len(self._values) else None

    def values(self) -> list[Any]:
        return list(self._values)

    def setValue(self, value: Any) -> None:  # noqa: N802 - same name as the other value boxes
        """Select the item standing for ``value``, adding one when the list does not offer it."""
        if value is not None and value not in self._values:
            self._values.append(value)
            self.addItem(self._describe_unknown(value))
        self._select(value)

    def set_items(self, items: list[tuple[str, Any]]) -> None:
        """Replace the items, keeping the chosen value when it is still offered (no change signal meanwhile)."""
        chosen = self.value()
        blocked = self.blockSignals(True)
        try:
            self.clear()
            self._values = [value for _, value in items]
            self.addItems([label for label, _ in items])
            self._select(chosen)
        finally:
            self.blockSignals(blocked)

    def _select(self, value: Any) -> None:
        """The item standing for ``value``; the first (the "not chosen" entry) when there is none."""
        try:
            index = self._values.index(value)
        except ValueError:
            index = 0 if self._values else -1
        self.setCurrentIndex(index)


class YearEdit(QLineEdit):
    """A four-digit year. Not a NumberEdit: that one groups thousands, and "2.015" is no way to write a year."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setValidator(QIntValidator(0, 9999, self))
        self.setMaxLength(4)
        self.setPlaceholderText("yyyy")
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

    def value(self) -> int | None:
        text = self.text().strip()
        return int(text) if text.isdigit() else None

    def setValue(self, value: int | None) -> None:  # noqa: N802 - same name as the other value boxes
        self.setText("" if value is None else str(value))


class MaskedEdit(QWidget):
    """A line edit for personal data, dotted out until "Hiện" is pressed (a neighbour may read the screen)."""

    textChanged = Signal(str)  # noqa: N815 - Qt naming, forwarded from the line edit

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QLineEdit(self)
        self.edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.edit.setMaxLength(20)
        self.toggle = QToolButton(self)
        self.toggle.setCheckable(True)
        self.toggle.setText(self.tr("Hiện"))
        self.toggle.setToolTip(self.tr("Hiện hoặc ẩn số định danh cá nhân"))
        self.toggle.setAccessibleName(self.tr("Hiện số định danh cá nhân"))
        self.toggle.toggled.connect(self._reveal)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.toggle)
        self.setFocusProxy(self.edit)
        self.edit.textChanged.connect(self.textChanged)

    def text(self) -> str:
        return self.edit.text()

    def setText(self, text: str) -> None:  # noqa: N802 - Qt naming
        self.edit.setText(text)

    def is_revealed(self) -> bool:
        return self.edit.echoMode() == QLineEdit.EchoMode.Normal

    def _reveal(self, shown: bool) -> None:
        self.edit.setEchoMode(QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password)
        self.toggle.setText(self.tr("Ẩn") if shown else self.tr("Hiện"))


class TaxCodeEdit(QWidget):
    """The tax-code box with, beside it, the kind of code recognised while typing (10, 13 or 12 digits)."""

    textChanged = Signal(str)  # noqa: N815 - Qt naming

    def __init__(self, describe_kind: Callable[[str], str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._describe_kind = describe_kind
        self.edit = QLineEdit(self)
        self.edit.setMaxLength(20)
        self.edit.setPlaceholderText("0100109106")
        self.kind_label = QLabel(self)
        self.kind_label.setTextFormat(Qt.TextFormat.PlainText)
        self.kind_label.setStyleSheet("color: palette(mid);")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.kind_label, 1)
        self.setFocusProxy(self.edit)
        self.edit.textChanged.connect(self._changed)

    def text(self) -> str:
        return self.edit.text()

    def setText(self, text: str) -> None:  # noqa: N802 - Qt naming
        self.edit.setText(text)

    def _changed(self, text: str) -> None:
        self.kind_label.setText(self._describe_kind(text))
        self.textChanged.emit(text)


class ClickableLabel(QLabel):
    """A wrapping label that can be clicked (a QPushButton would not wrap a long Vietnamese sentence)."""

    clicked = Signal()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit()
        super().mouseReleaseEvent(event)


class SaveBar(QWidget):
    """Under the form: the line saying what blocks saving (click it to go there), a message line for save and
    draft trouble, and the Save and Huỷ buttons."""

    def __init__(self, colour: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.blockers = ClickableLabel()
        self.blockers.setCursor(Qt.CursorShape.PointingHandCursor)
        self.blockers.setToolTip(self.tr("Bấm để đến ô cần sửa"))
        self.message = QLabel()
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        notes = QVBoxLayout()
        notes.setContentsMargins(0, 0, 0, 0)
        for label in (self.blockers, self.message):
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.PlainText)  # messages quote what was typed: never markup
            label.setStyleSheet(f"color: {colour};")
            label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.MinimumExpanding)
            label.hide()
            notes.addWidget(label)
        self.save_button = QPushButton(self.tr("Lưu"))
        self.save_button.setToolTip(self.tr("Lưu hồ sơ cơ sở (Ctrl+S)"))
        self.cancel_button = QPushButton(self.tr("Huỷ"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(notes, 1)
        for button in (self.save_button, self.cancel_button):
            button.setAutoDefault(False)  # Enter in a box must not save a half-filled form
            layout.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)

    def show_blockers(self, text: str) -> None:
        self.blockers.setText(text)
        self.blockers.setVisible(bool(text))

    def say(self, text: str) -> None:
        """Show ``text`` on the message line (save failures, draft trouble); "" hides it."""
        self.message.setText(text)
        self.message.setVisible(bool(text))
