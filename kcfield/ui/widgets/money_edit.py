"""Whole đồng typed the way people say them: "1234567", "1.234.567", "300 triệu", "1,5 tỷ"."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from kcfield.domain.numbers import format_number, parse_vnd
from kcfield.ui.widgets.parsed_edit import InputProblem, ParsedLineEdit, right_aligned

_SWAP_SEPARATORS = str.maketrans(",.", ".,")
_MINUS_SIGNS = ("-", "\u2212")


class MoneyEdit(ParsedLineEdit):
    """An amount of money in whole VND; ``value()`` is an int, or None when the box is empty.

    Reading is kcfield.domain.numbers.parse_vnd. In English mode the roles of "." and "," are swapped before
    reading, so "1.5 tỷ" is one and a half billion and "1,500 tỷ" fifteen hundred billion, as an English
    reader means them; grouping in the box follows the language ("1.234.567" / "1,234,567"). The "₫" sits
    outside the text, so copying the figure never copies the sign.
    """

    def __init__(self, parent: QWidget | None = None, *, lang: str = "vi") -> None:
        super().__init__(lang, parent)
        right_aligned(self)
        self._suffix = QLabel("₫")
        self._suffix.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self._suffix.setContentsMargins(4, 0, 4, 0)  # keeps the cursor after the last digit clear of the sign
        self._set_trailing_widget(self._suffix)

    def _parse(self, text: str) -> int:
        typed = text.translate(_SWAP_SEPARATORS) if self._lang == "en" else text
        try:
            return parse_vnd(typed)
        except ValueError:
            stripped = typed.strip()
            if stripped.startswith(_MINUS_SIGNS):
                try:
                    parse_vnd(stripped[1:])
                except ValueError:
                    pass
                else:
                    raise InputProblem("money.negative") from None
            raise InputProblem("money.format") from None

    def _format(self, value: int) -> str:
        return format_number(value, 0, self._lang)
