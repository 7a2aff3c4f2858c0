"""Type any Unicode text into a widget, one character at a time, as a keyboard would deliver it.

``qtbot.keyClicks()`` (QTest.keyClicks) maps every character to a key code through Qt's ASCII table and hits an
assertion in ``qasciikey.cpp`` on anything else: one Vietnamese letter aborts the whole pytest process, not just
the test (PITFALLS 2). Vietnamese keyboards (Unikey, ibus-bamboo) hand Qt finished letters as key-event *text*,
so this helper sends each character as ``Key_unknown`` with that text, which QLineEdit, QTextEdit and
QPlainTextEdit insert like a typed letter. ``text`` is typed exactly as given: pass NFD to test decomposed
input. Use ``qtbot.keyClick`` only for ASCII keys such as Tab, Return or Backspace.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget


def type_text(widget: QWidget, text: str) -> None:
    """Type ``text`` at the cursor of ``widget`` (focused first if it is not), one character at a time."""
    if not widget.hasFocus():
        widget.setFocus(Qt.FocusReason.OtherFocusReason)
    for ch in text:
        QTest.sendKeyEvent(QTest.KeyAction.Click, widget, Qt.Key.Key_unknown, ch, Qt.KeyboardModifier.NoModifier)


def clear_and_type(widget: QWidget, text: str) -> None:
    """Select everything with the platform's Select All keys, delete it, then type ``text``."""
    if not widget.hasFocus():
        widget.setFocus(Qt.FocusReason.OtherFocusReason)
    QTest.keySequence(widget, QKeySequence(QKeySequence.StandardKey.SelectAll))
    QTest.keyClick(widget, Qt.Key.Key_Delete)
    type_text(widget, text)
