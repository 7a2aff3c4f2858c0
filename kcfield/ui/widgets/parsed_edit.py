"""The behaviour MoneyEdit, NumberEdit and DateEdit share: free typing, reading on the way, tidying at the end.

A QValidator would refuse keystrokes that make the text unreadable for a moment ("1.2" on the way to
"1.234.567"), and an input mask forces one way of typing; field collaborators type figures in many ways, so the
text is left alone while they type and is only *read* (with kcfield.domain.numbers) on every change. When editing
finishes the text is rewritten in the standard form, or, if it cannot be read, kept as typed and flagged:
dynamic property ``invalid`` (for style sheets: ``QLineEdit[invalid="true"]``) and the reason as the tooltip.
Nothing the user typed is ever dropped.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLineEdit, QWidget

from kcfield.domain import messages


class InputProblem(ValueError):
    """Why a text cannot be read: a message code from kcfield.domain.messages and its parameters."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


class ParsedLineEdit(QLineEdit):
    """A line edit holding a typed value (or None when empty). Subclasses give ``_parse`` and ``_format``.

    ``valueChanged`` carries the value each time it changes: while typing whenever the text can be read (so
    totals update as the user types), and when editing finishes or ``setValue`` is called. An unreadable text
    reads as None, which is announced when editing finishes, not at every half-typed keystroke.
    """

    valueChanged = Signal(object)  # noqa: N815 - Qt naming, like QSpinBox.valueChanged

    _TRAILING_GAP = 2

    def __init__(self, lang: str = "vi", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._lang = lang
        self._last_value: Any = None
        self._tooltip_before_error: str | None = None
        self._trailing: QWidget | None = None
        # Set before anything reads it: reading a missing property returns an invalid QVariant (PITFALLS 1).
        self.setProperty("invalid", False)
        self.textChanged.connect(self._on_text_changed)
        self.editingFinished.connect(self._finish)

    # --- for subclasses -----------------------------------------------------------------------------------

    def _parse(self, text: str) -> Any:
        """The value of a non-blank ``text``; raises InputProblem when it cannot be read."""
        raise NotImplementedError

    def _format(self, value: Any) -> str:
        raise NotImplementedError

    def _language_changed(self) -> None:
        """Hook for subclasses whose texts depend on the language."""

    def _set_trailing_widget(self, widget: QWidget) -> None:
        """Put ``widget`` (a suffix label, a button) inside the right edge of the box, text kept clear of it."""
        self._trailing = widget
        widget.setParent(self)
        widget.show()
        self._place_trailing()

    # --- public API -----------------------------------------------------------------------------------------

    def value(self) -> Any:
        """The value the text holds; None when the text is empty or cannot be read."""
        value, _problem = self._evaluate()
        return value

    def setValue(self, value: Any) -> None:  # noqa: N802 - Qt naming, like QSpinBox.setValue
        self.setText("" if value is None else self._format(value))
        self._finish()

    def is_valid(self) -> bool:
        """True when the text is empty or can be read (and is within the allowed limits)."""
        return self._evaluate()[1] is None

    def error_code(self) -> str | None:
        problem = self._evaluate()[1]
        return None if problem is None else problem.code

    def error_text(self) -> str | None:
        """The reason the text cannot be used, in the widget's language; None when it can."""
        problem = self._evaluate()[1]
        return None if problem is None else messages.text(problem.code, self._lang, **problem.params)

    def language(self) -> str:
        return self._lang

    def set_language(self, lang: str) -> None:
        """Switch how numbers are written and read ("vi" or "en"); a readable text is rewritten accordingly."""
        value, problem = self._evaluate()
        self._lang = lang
        self._language_changed()
        if problem is None and value is not None:
            self.setText(self._format(value))
        self._show_problem(self._evaluate()[1] if self.property("invalid") else None)

    # --- internals ------------------------------------------------------------------------------------------

    def _evaluate(self) -> tuple[Any, InputProblem | None]:
        text = self.text()
        if not text.strip():
            return None, None
        try:
            return self._parse(text), None
        except InputProblem as problem:
            return None, problem

    def _on_text_changed(self, _text: str) -> None:
        value, problem = self._evaluate()
        if problem is not None:
            return  # half-typed: neither flag it nor announce it yet
        if self.property("invalid"):
            self._show_problem(None)  # fixed while typing: take the red away at once
        self._announce(value)

    def _finish(self) -> None:
        value, problem = self._evaluate()
        if problem is None and value is not None:
            tidy = self._format(value)
            if tidy != self.text():
                self.setText(tidy)
        self._show_problem(problem)
        self._announce(value)

    def _announce(self, value: Any) -> None:
        if value != self._last_value or type(value) is not type(self._last_value):
            self._last_value = value
            self.valueChanged.emit(value)

    def _show_problem(self, problem: InputProblem | None) -> None:
        invalid = problem is not None
        if problem is not None:
            if not self.property("invalid"):
                self._tooltip_before_error = self.toolTip()
            self.setToolTip(messages.text(problem.code, self._lang, **problem.params))
        elif self.property("invalid"):
            self.setToolTip(self._tooltip_before_error or "")
            self._tooltip_before_error = None
        if bool(self.property("invalid")) != invalid:
            self.setProperty("invalid", invalid)
            self.style().unpolish(self)  # let a style sheet keyed on [invalid="true"] take effect
            self.style().polish(self)
            self.update()

    def _place_trailing(self) -> None:
        widget = self._trailing
        if widget is None:
            return
        hint = widget.sizeHint()
        height = min(hint.height(), self.height() - 2 * self._TRAILING_GAP)
        x = self.width() - hint.width() - self._TRAILING_GAP
        widget.setGeometry(x, (self.height() - height) // 2, hint.width(), height)
        self.setTextMargins(0, 0, hint.width() + self._TRAILING_GAP, 0)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._place_trailing()


def right_aligned(edit: QLineEdit) -> None:
    """Figures line up on the right, as in every Vietnamese form and spreadsheet."""
    edit.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
