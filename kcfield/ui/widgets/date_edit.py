"""Dates typed as dd/MM/yyyy, the way Vietnamese forms write them, with an optional calendar popup.

QDateEdit with the vi_VN locale shows "5/2/25" and makes the user step through sections; collaborators copy
dates from papers and type them whole, in whatever form the paper has ("5/2/2025", "05-02-2025", "05022025").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate, QLocale, QPoint, Qt
from PySide6.QtWidgets import QCalendarWidget, QToolButton, QWidget

from kcfield.domain.numbers import format_date_vi, parse_date_vi
from kcfield.ui.widgets.parsed_edit import InputProblem, ParsedLineEdit

_DIGITS_ONLY = re.compile(r"\d{8}")

MaximumDate = date | Callable[[], date] | None


def _to_qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def _from_qdate(d: QDate) -> date:
    return date(d.year(), d.month(), d.day())


class DateEdit(ParsedLineEdit):
    """A calendar date; ``value()`` is a ``datetime.date``, or None when the box is empty or unreadable.

    Reading is kcfield.domain.numbers.parse_date_vi, plus eight bare digits read as ddMMyyyy ("05022025").
    ``maximum_date`` is the last allowed day ("date.future" when passed); give a callable such as
    ``lambda: date.today()`` so a window left open overnight still means today.
    """

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        maximum_date: MaximumDate = None,
        calendar_popup: bool = True,
        lang: str = "vi",
    ) -> None:
        super().__init__(lang, parent)
        self._maximum_date: MaximumDate = maximum_date
        self._calendar: QCalendarWidget | None = None
        self.calendar_button: QToolButton | None = None
        self.setPlaceholderText(self.tr("ngày/tháng/năm"))
        if calendar_popup:
            button = QToolButton()
            button.setArrowType(Qt.ArrowType.DownArrow)  # drawn by the style: no icon file, no font glyph
            button.setCursor(Qt.CursorShape.ArrowCursor)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setAutoRaise(True)
            button.setToolTip(self.tr("Chọn ngày"))
            button.setAccessibleName(self.tr("Chọn ngày"))
            button.clicked.connect(self.show_calendar)
            self.calendar_button = button
            self._set_trailing_widget(button)

    def maximum_date(self) -> date | None:
        limit = self._maximum_date
        return limit() if callable(limit) else limit

    def set_maximum_date(self, maximum_date: MaximumDate) -> None:
        self._maximum_date = maximum_date
        self._finish()

    def calendar(self) -> QCalendarWidget:
        """The popup calendar (made on first use); picking a day in it writes that day into the box."""
        if self._calendar is None:
            calendar = QCalendarWidget(self)
            calendar.setWindowFlags(Qt.WindowType.Popup)
            calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
            calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
            calendar.setGridVisible(True)
            calendar.clicked.connect(self._pick)
            calendar.activated.connect(self._pick)
            self._calendar = calendar
            self._language_changed()
        return self._calendar

    def show_calendar(self) -> None:
        calendar = self.calendar()
        limit = self.maximum_date()
        if limit is None:
            calendar.setMaximumDate(QDate(9999, 12, 31))
        else:
            calendar.setMaximumDate(_to_qdate(limit))
        current = self.value()
        calendar.setSelectedDate(_to_qdate(current) if current is not None else QDate.currentDate())
        calendar.adjustSize()
        calendar.move(self.mapToGlobal(QPoint(0, self.height())))
        calendar.show()
        calendar.setFocus(Qt.FocusReason.PopupFocusReason)

    def _pick(self, day: QDate) -> None:
        if self._calendar is not None:
            self._calendar.hide()
        self.setFocus(Qt.FocusReason.OtherFocusReason)
        self.setText(format_date_vi(_from_qdate(day)))
        self._finish()

    def _parse(self, text: str) -> date:
        typed = text.strip()
        if _DIGITS_ONLY.fullmatch(typed):
            typed = f"{typed[:2]}/{typed[2:4]}/{typed[4:]}"
        try:
            day = parse_date_vi(typed)
        except ValueError:
            raise InputProblem("date.format") from None
        limit = self.maximum_date()
        if limit is not None and day > limit:
            raise InputProblem("date.future", date=format_date_vi(day))
        return day

    def _format(self, value: date) -> str:
        return format_date_vi(value)

    def _language_changed(self) -> None:
        if self._calendar is not None:
            self._calendar.setLocale(QLocale("vi_VN" if self._lang == "vi" else "en_GB"))
