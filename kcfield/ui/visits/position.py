"""The visit's position: typed or pasted coordinates in any form, accuracy, source, and reading a GPS's NMEA file.

The text box is the truth: whatever was typed is parsed by :func:`kcfield.geo.coordinates.parse_position` and
the reading is shown beside it (degrees-minutes-seconds with B/N/Đ/T, and decimal) so the person sees at once
when "N" was meant as north but reads as *Nam* (south). Reading an NMEA file writes the best fix into the box.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kcfield.domain import messages
from kcfield.domain.enums import PositionSource
from kcfield.domain.errors import DomainError
from kcfield.geo.coordinates import format_position, parse_position
from kcfield.geo.nmea import NmeaStats, best_fix, read_nmea
from kcfield.ui.widgets.number_edit import NumberEdit

__all__ = ["PositionBox"]


class PositionBox(QWidget):
    """Coordinates text, what it reads as, accuracy (m), source and the NMEA button."""

    edited = Signal()
    nearby_requested = Signal(object)  # (latitude, longitude) typed in the box

    def __init__(self, lang: str = "vi", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._lang = lang
        self.position_time: datetime | None = None
        self._exact: tuple[str, float, float] | None = None  # values set in full, kept while their text stays
        self.text = QLineEdit()
        self.text.setPlaceholderText(
            self.tr("Ví dụ: 10°29'28\"B 107°16'17\"Đ hoặc 10.4912, 107.2714 — dán từ điện thoại")
        )
        self.text.setAccessibleName(self.tr("Toạ độ"))
        self.reading = QLabel()
        self.reading.setTextFormat(Qt.TextFormat.PlainText)
        self.reading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.accuracy = NumberEdit(decimals=1, minimum=0, lang=lang)
        self.accuracy.setAccessibleName(self.tr("Sai số (m)"))
        self.source = QComboBox()
        self.source.addItem(self.tr("— chưa rõ —"), None)
        self.source.addItem(self.tr("GPS"), PositionSource.GPS)
        self.source.addItem(self.tr("Nhập tay"), PositionSource.MANUAL)
        self.source.addItem(self.tr("Theo địa chỉ (geocoded)"), PositionSource.GEOCODED)
        self.nmea_button = QPushButton(self.tr("Đọc từ tệp NMEA…"))
        self.nmea_button.setAutoDefault(False)
        self.nmea_button.clicked.connect(self.choose_nmea_file)
        self.nearby_button = QPushButton(self.tr("Cơ sở gần đây…"))
        self.nearby_button.setAutoDefault(False)
        self.nearby_button.setToolTip(self.tr("Các cơ sở đã có trong máy gần vị trí này, gần nhất trước"))
        self.nearby_button.clicked.connect(self._ask_nearby)

        extras = QHBoxLayout()
        extras.setContentsMargins(0, 0, 0, 0)
        extras.addWidget(QLabel(self.tr("Sai số (m)")))
        extras.addWidget(self.accuracy)
        extras.addWidget(QLabel(self.tr("Nguồn")))
        extras.addWidget(self.source)
        extras.addStretch(1)
        extras.addWidget(self.nearby_button)
        extras.addWidget(self.nmea_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.text)
        layout.addWidget(self.reading)
        layout.addLayout(extras)

        self.text.textChanged.connect(self._on_text)
        self.accuracy.textChanged.connect(lambda _t: self.edited.emit())
        self.source.currentIndexChanged.connect(lambda _i: self.edited.emit())
        self._show_reading()

    # --- values ------------------------------------------------------------------------------------------

    def position(self) -> tuple[float, float] | None:
        """The parsed (latitude, longitude); None when the box is empty or unreadable."""
        raw = self.text.text().strip()
        if not raw:
            return None
        if self._exact is not None and self._exact[0] == self.text.text():
            return self._exact[1], self._exact[2]
        try:
            parsed = parse_position(raw)
        except DomainError:
            return None
        return parsed.latitude, parsed.longitude

    def error_text(self) -> str | None:
        """Why the text is not a position, in words; None when it is one (or empty)."""
        raw = self.text.text().strip()
        if not raw:
            return None
        try:
            parse_position(raw)
        except DomainError as error:
            return messages.describe_error(error, self._lang)
        return None

    def source_value(self) -> PositionSource | None:
        data = self.source.currentData()
        return PositionSource(data) if data is not None else None

    def set_values(
        self,
        latitude: float | None,
        longitude: float | None,
        accuracy: float | None,
        source: PositionSource | None,
        when: datetime | None,
    ) -> None:
        blocked = [w.blockSignals(True) for w in (self.text, self.accuracy, self.source)]
        try:
            if latitude is not None and longitude is not None:
                shown = format_position(latitude, longitude, "dms", self._lang)
                self.text.setText(shown)
                self._exact = (shown, latitude, longitude)
            else:
                self.text.setText("")
                self._exact = None
            self.accuracy.setValue(accuracy)
            index = self.source.findData(source)
            self.source.setCurrentIndex(max(index, 0))
            self.position_time = when
        finally:
            for w, was in zip((self.text, self.accuracy, self.source), blocked, strict=True):
                w.blockSignals(was)
        self._show_reading()

    def set_read_only(self, read_only: bool) -> None:
        self.text.setReadOnly(read_only)
        self.accuracy.setReadOnly(read_only)
        self.source.setEnabled(not read_only)
        self.nmea_button.setEnabled(not read_only)

    # --- NMEA --------------------------------------------------------------------------------------------

    def choose_nmea_file(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self,
            self.tr("Chọn tệp NMEA của máy GPS"),
            "",
            self.tr("Tệp NMEA (*.nmea *.txt *.log);;Mọi tệp (*)"),
        )
        if path:
            self.load_nmea(Path(path))

    def load_nmea(self, path: Path) -> bool:
        """Fill the position from the best recent fix in ``path``; False (and a message) when there is none."""
        stats = NmeaStats()
        try:
            fix = best_fix(read_nmea(path, stats))
        except OSError as error:
            self.reading.setText(self.tr("Không đọc được tệp: {error}").format(error=error.strerror or error))
            return False
        if fix is None:
            self.reading.setText(
                self.tr("Tệp không có vị trí GPS hợp lệ ({count} dòng NMEA, {bad} dòng sai mã kiểm tra).").format(
                    count=stats.sentences, bad=stats.bad_checksum
                )
            )
            return False
        self.set_values(fix.latitude, fix.longitude, fix.accuracy_m, PositionSource.GPS, fix.timestamp)
        self.edited.emit()
        return True

    # --- internals ---------------------------------------------------------------------------------------

    def _on_text(self, _text: str) -> None:
        self.position_time = None  # a typed position is not the GPS fix's any more
        if self.source_value() is None and self.text.text().strip():
            self.source.blockSignals(True)
            self.source.setCurrentIndex(self.source.findData(PositionSource.MANUAL))
            self.source.blockSignals(False)
        self._show_reading()
        self.edited.emit()

    def _ask_nearby(self) -> None:
        point = self.position()
        if point is not None:
            self.nearby_requested.emit(point)

    def _show_reading(self) -> None:
        point = self.position()
        self.nearby_button.setEnabled(point is not None)
        if point is None:
            self.reading.setText("" if self.error_text() is None else self.tr("Chưa đọc được toạ độ"))
            return
        lat, lon = point
        dms = format_position(lat, lon, "dms", self._lang)
        decimal = format_position(lat, lon, "decimal", self._lang)
        self.reading.setText(self.tr("Đọc được: {dms}  ({decimal})").format(dms=dms, decimal=decimal))
