"""The visit form: every box of a visit, read into and filled from a :class:`~kcfield.domain.model.Visit`."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from datetime import date, time
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGridLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from kcfield.domain import messages
from kcfield.domain.errors import Severity
from kcfield.domain.model import Visit
from kcfield.ui.visits.position import PositionBox
from kcfield.ui.widgets.date_edit import DateEdit
from kcfield.ui.widgets.field_row import FieldRow

__all__ = ["FIELD_ROWS", "VisitForm", "parse_time"]

_TIME = re.compile(r"^\s*(\d{1,2})\s*(?:(?::|h|\.|giờ)\s*(\d{1,2})?\s*(?:phút|p)?)?\s*$", re.IGNORECASE)

#: The row that shows a problem about a field (position problems all sit under the coordinates box).
FIELD_ROWS = {
    "visit_date": "visit_date",
    "start_time": "start_time",
    "end_time": "end_time",
    "respondent_phone": "respondent_phone",
    "latitude": "position",
    "longitude": "position",
    "position": "position",
    "position_accuracy_m": "position",
    "position_source": "position",
}


def parse_time(text: str) -> time | None:
    """ "8:30", "08h30", "8h", "8 giờ 30" → a time; "" → None; anything else → ValueError."""
    if not text.strip():
        return None
    match = _TIME.match(text)
    if match is None:
        raise ValueError(text)
    hour, minute = int(match.group(1)), int(match.group(2) or 0)
    return time(hour, minute)  # raises ValueError when out of range


class VisitForm(QWidget):
    edited = Signal()

    def __init__(self, lang: str, today: Callable[[], date], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._lang = lang
        self._base = Visit()
        self.visit_date = DateEdit(maximum_date=today, lang=lang)
        self.start_time = QLineEdit()
        self.end_time = QLineEdit()
        for box in (self.start_time, self.end_time):
            box.setPlaceholderText(self.tr("giờ:phút, ví dụ 8:30"))
            box.setMaxLength(12)
        self.purpose = QPlainTextEdit()
        self.respondent_name = QLineEdit()
        self.respondent_title = QLineEdit()
        self.respondent_phone = QLineEdit()
        self.observations = QPlainTextEdit()
        self.recommendations = QPlainTextEdit()
        self.next_steps = QPlainTextEdit()
        for text_box in (self.purpose, self.observations, self.recommendations, self.next_steps):
            text_box.setTabChangesFocus(True)
            text_box.setMinimumHeight(60)
        self.consent = QCheckBox(self.tr("Người trả lời đồng ý cung cấp thông tin và cho chụp ảnh"))
        self.position = PositionBox(lang)

        label = messages.field_label
        self.rows: dict[str, FieldRow] = {
            "visit_date": FieldRow(self.tr("&Ngày khảo sát"), self.visit_date),
            "start_time": FieldRow(self.tr("Giờ &bắt đầu"), self.start_time),
            "end_time": FieldRow(self.tr("Giờ &kết thúc"), self.end_time),
            "purpose": FieldRow(self.tr("&Mục đích"), self.purpose),
            "respondent_name": FieldRow(self.tr("Người trả lời"), self.respondent_name),
            "respondent_title": FieldRow(self.tr("Chức vụ"), self.respondent_title),
            "respondent_phone": FieldRow(label("respondent_phone", lang), self.respondent_phone),
            "position": FieldRow(self.tr("&Vị trí (toạ độ)"), self.position),
            "observations": FieldRow(self.tr("Ghi nhận tại cơ sở"), self.observations),
            "recommendations": FieldRow(self.tr("Khuyến nghị"), self.recommendations),
            "next_steps": FieldRow(self.tr("Việc tiếp theo"), self.next_steps),
        }
        grid = QGridLayout()
        grid.addWidget(self.rows["visit_date"], 0, 0)
        grid.addWidget(self.rows["start_time"], 0, 1)
        grid.addWidget(self.rows["end_time"], 0, 2)
        grid.addWidget(self.rows["respondent_name"], 1, 0)
        grid.addWidget(self.rows["respondent_title"], 1, 1)
        grid.addWidget(self.rows["respondent_phone"], 1, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        for name in ("purpose", "position", "observations", "recommendations", "next_steps"):
            layout.addWidget(self.rows[name])
        form = QFormLayout()
        form.addRow(self.consent)
        layout.addLayout(form)

        for line in (self.visit_date, self.start_time, self.end_time, self.respondent_name):
            line.textChanged.connect(self._emit)
        for line in (self.respondent_title, self.respondent_phone):
            line.textChanged.connect(self._emit)
        for text in (self.purpose, self.observations, self.recommendations, self.next_steps):
            text.textChanged.connect(self.edited.emit)
        self.consent.toggled.connect(self._emit)
        self.position.edited.connect(self.edited.emit)

    # --- values ------------------------------------------------------------------------------------------

    def set_visit(self, visit: Visit) -> None:
        self._base = visit
        self.blockSignals(True)
        try:
            self.visit_date.setValue(visit.visit_date)
            self.start_time.setText(visit.start_time.strftime("%H:%M") if visit.start_time else "")
            self.end_time.setText(visit.end_time.strftime("%H:%M") if visit.end_time else "")
            self.purpose.setPlainText(visit.purpose)
            self.respondent_name.setText(visit.respondent_name)
            self.respondent_title.setText(visit.respondent_title)
            self.respondent_phone.setText(visit.respondent_phone)
            self.observations.setPlainText(visit.observations)
            self.recommendations.setPlainText(visit.recommendations)
            self.next_steps.setPlainText(visit.next_steps)
            self.consent.setChecked(visit.consent)
            self.position.set_values(
                visit.latitude, visit.longitude, visit.position_accuracy_m, visit.position_source, visit.position_time
            )
        finally:
            self.blockSignals(False)

    def visit(self) -> Visit:
        """The form as a visit; unreadable times and positions are left empty (their boxes say why)."""
        point = self.position.position()
        return dataclasses.replace(
            self._base,
            visit_date=self.visit_date.value(),
            start_time=_time_or_none(self.start_time.text()),
            end_time=_time_or_none(self.end_time.text()),
            purpose=self.purpose.toPlainText(),
            respondent_name=self.respondent_name.text(),
            respondent_title=self.respondent_title.text(),
            respondent_phone=self.respondent_phone.text(),
            latitude=point[0] if point else None,
            longitude=point[1] if point else None,
            position_accuracy_m=self.position.accuracy.value(),
            position_source=self.position.source_value() if point else None,
            position_time=self.position.position_time if point else None,
            observations=self.observations.toPlainText(),
            recommendations=self.recommendations.toPlainText(),
            next_steps=self.next_steps.toPlainText(),
            consent=self.consent.isChecked(),
        )

    def input_problems(self) -> list[tuple[str, str]]:
        """(row, message) of each box whose text cannot be read at all."""
        found: list[tuple[str, str]] = []
        date_error = self.visit_date.error_text()
        if date_error:
            found.append(("visit_date", date_error))
        for name, box in (("start_time", self.start_time), ("end_time", self.end_time)):
            if _time_error(box.text()):
                found.append(
                    (
                        name,
                        self.tr("Giờ “{text}” không đọc được; viết giờ:phút, ví dụ 8:30.").format(
                            text=box.text().strip()
                        ),
                    )
                )
        position_error = self.position.error_text()
        if position_error:
            found.append(("position", position_error))
        accuracy_error = self.position.accuracy.error_text()
        if accuracy_error:
            found.append(("position", accuracy_error))
        return found

    def raw_texts(self) -> dict[str, str]:
        """The text of the boxes a draft must give back as typed."""
        return {
            "visit_date": self.visit_date.text(),
            "start_time": self.start_time.text(),
            "end_time": self.end_time.text(),
            "position": self.position.text.text(),
            "accuracy": self.position.accuracy.text(),
        }

    def set_raw_texts(self, raw: dict[str, Any]) -> None:
        boxes = {
            "visit_date": self.visit_date,
            "start_time": self.start_time,
            "end_time": self.end_time,
            "position": self.position.text,
            "accuracy": self.position.accuracy,
        }
        for key, box in boxes.items():
            if isinstance(raw.get(key), str) and box.text() != raw[key]:
                box.setText(raw[key])

    def state(self) -> tuple[Any, ...]:
        """Everything typed, for telling whether the form changed."""
        return (tuple(self.raw_texts().values()), self.visit(), self.position.source.currentIndex())

    def show_messages(self, found: dict[str, tuple[str, Severity]]) -> None:
        for name, row in self.rows.items():
            shown = found.get(name)
            if shown is None:
                row.set_message("", None)
            else:
                row.set_message(shown[0], "error" if shown[1] == Severity.ERROR else "warning")

    def set_read_only(self, read_only: bool) -> None:
        for line in (
            self.visit_date,
            self.start_time,
            self.end_time,
            self.respondent_name,
            self.respondent_title,
            self.respondent_phone,
        ):
            line.setReadOnly(read_only)
        for text in (self.purpose, self.observations, self.recommendations, self.next_steps):
            text.setReadOnly(read_only)
        self.consent.setEnabled(not read_only)
        self.position.set_read_only(read_only)
        if self.visit_date.calendar_button is not None:
            self.visit_date.calendar_button.setEnabled(not read_only)

    def focus_row(self, name: str) -> None:
        row = self.rows.get(name)
        if row is not None:
            target = row.editor.text if isinstance(row.editor, PositionBox) else row.editor
            target.setFocus()

    def _emit(self, *_args: object) -> None:
        self.edited.emit()


def _time_or_none(text: str) -> time | None:
    try:
        return parse_time(text)
    except ValueError:
        return None


def _time_error(text: str) -> bool:
    try:
        parse_time(text)
    except ValueError:
        return True
    return False
