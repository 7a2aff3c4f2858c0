"""Quantities typed Vietnamese-style ("1.234,5") or plain ("1234.5"), with a fixed number of decimals."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from kcfield.domain.numbers import format_number, parse_decimal
from kcfield.ui.widgets.parsed_edit import InputProblem, ParsedLineEdit, right_aligned

_SWAP_SEPARATORS = str.maketrans(",.", ".,")


class NumberEdit(ParsedLineEdit):
    """A number with at most ``decimals`` decimal places, optionally within [``minimum``, ``maximum``].

    ``value()`` is an int when ``decimals`` is 0, else a float; None when the box is empty or unreadable.
    More decimals than allowed is an error ("number.format"), not a silent rounding: "1,5" workers or a
    pasted "3,14159" for a two-decimal field should be looked at, not guessed. In English mode "." and ","
    swap roles before kcfield.domain.numbers.parse_decimal reads the text, so "1,234" is 1234 there.
    """

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        decimals: int = 0,
        minimum: float | None = None,
        maximum: float | None = None,
        lang: str = "vi",
    ) -> None:
        if decimals < 0:
            raise ValueError(f"decimals must not be negative: {decimals}")
        super().__init__(lang, parent)
        self._decimals = decimals
        self._minimum = minimum
        self._maximum = maximum
        right_aligned(self)

    def decimals(self) -> int:
        return self._decimals

    def minimum(self) -> float | None:
        return self._minimum

    def maximum(self) -> float | None:
        return self._maximum

    def set_range(self, minimum: float | None, maximum: float | None) -> None:
        self._minimum, self._maximum = minimum, maximum
        self._finish()

    def _parse(self, text: str) -> float | int:
        typed = text.translate(_SWAP_SEPARATORS) if self._lang == "en" else text
        example = format_number(1234.5 if self._decimals else 1234, self._decimals, self._lang)
        try:
            number = parse_decimal(typed)
        except ValueError:
            raise InputProblem("number.format", example=example) from None
        number += 0.0  # "-0" reads as 0, not as a negative zero shown as "-0"
        if round(number, self._decimals) != number:
            raise InputProblem("number.format", example=example)
        value: float | int = int(number) if self._decimals == 0 else number
        too_low = self._minimum is not None and value < self._minimum
        too_high = self._maximum is not None and value > self._maximum
        if too_low or too_high:
            raise InputProblem("number.range", value=self._format(value), range=self._describe_range())
        return value

    def _format(self, value: float | int) -> str:
        return format_number(value, self._decimals, self._lang)

    def _describe_range(self) -> str:
        """The limits as "0 – 100", "≥ 0" or "≤ 100": symbols read the same in both languages."""
        low = None if self._minimum is None else self._format_limit(self._minimum)
        high = None if self._maximum is None else self._format_limit(self._maximum)
        if low is not None and high is not None:
            return f"{low} – {high}"
        return f"≥ {low}" if low is not None else f"≤ {high}"

    def _format_limit(self, limit: float) -> str:
        text = format_number(limit, self._decimals, self._lang)
        if self._decimals:
            mark = "," if self._lang == "vi" else "."
            text = text.rstrip("0").removesuffix(mark)
        return text
