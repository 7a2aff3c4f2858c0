"""Establishments near a point (an establishment's recorded position or the visit being typed), nearest first.

From here the collaborator adds one to the day's list, or opens its profile when the caller allows it.
"""

from __future__ import annotations

from collections.abc import Callable
from uuid import UUID

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kcfield.geo.coordinates import format_position
from kcfield.geo.distance import Point
from kcfield.services.container import Services
from kcfield.services.places import NearbyPlace
from kcfield.ui.places.distance_text import distance_text
from kcfield.ui.tasks import Lane, Tasks

RADII_KM = (1, 2, 5, 10, 20)
DEFAULT_RADIUS_KM = 5
LIMIT = 50


class NearbyDialog(QDialog):
    def __init__(
        self,
        services: Services,
        tasks: Tasks,
        point: Point,
        lang: str = "vi",
        *,
        exclude: UUID | None = None,
        around: str = "",
        open_establishment: Callable[[UUID], None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._services, self._tasks, self._lang = services, tasks, lang
        self._point, self._exclude = point, exclude
        self._open = open_establishment
        self.places: list[NearbyPlace] = []
        self.setWindowTitle(self.tr("Cơ sở lân cận"))
        where = format_position(point[0], point[1], "dms", lang)
        self.heading = QLabel(
            self.tr("Quanh {name} ({position})").format(name=around, position=where)
            if around
            else self.tr("Quanh vị trí {position}").format(position=where)
        )
        self.heading.setWordWrap(True)
        self.radius = QComboBox()
        for km in RADII_KM:
            self.radius.addItem(self.tr("trong vòng {km} km").format(km=km), km)
        self.radius.setCurrentIndex(RADII_KM.index(DEFAULT_RADIUS_KM))
        self.radius.setAccessibleName(self.tr("Bán kính tìm"))
        self.radius.currentIndexChanged.connect(lambda _i: self.search())
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels([self.tr("Cơ sở"), self.tr("Địa chỉ"), self.tr("Khoảng cách")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.add_button = QPushButton(self.tr("&Thêm vào lộ trình trong ngày"))
        self.add_button.clicked.connect(self.add_current_to_plan)
        self.open_button = QPushButton(self.tr("&Mở hồ sơ"))
        self.open_button.clicked.connect(self.open_current)
        self.open_button.setVisible(open_establishment is not None)
        if open_establishment is not None:
            self.table.doubleClicked.connect(lambda _i: self.open_current())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Đóng"))
        buttons.rejected.connect(self.reject)

        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.radius)
        actions = QHBoxLayout()
        actions.addWidget(self.add_button)
        actions.addWidget(self.open_button)
        actions.addStretch(1)
        actions.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.note)
        layout.addLayout(actions)
        self.resize(720, 460)
        self._update_buttons()
        self.search()

    def radius_km(self) -> int:
        return int(self.radius.currentData())

    def search(self) -> None:
        places, point, exclude, within = self._services.places, self._point, self._exclude, self.radius_km() * 1_000
        self.note.setText(self.tr("Đang tìm…"))
        self._tasks.run(
            lambda _ctx: places.nearby(point, within_m=within, limit=LIMIT, exclude=exclude),
            on_success=self._show,
            lane=Lane.READ,
            key="nearby-establishments",
        )

    def current_place(self) -> NearbyPlace | None:
        rows = self.table.selectionModel().selectedRows()
        return self.places[rows[0].row()] if rows and rows[0].row() < len(self.places) else None

    def add_current_to_plan(self) -> None:
        place = self.current_place()
        if place is None:
            return
        places = self._services.places
        self._tasks.run(
            lambda _ctx: places.add_to_day_plan(place.id),
            on_success=lambda plan: self._added(place, len(plan.stops)),
            lane=Lane.WRITE,
        )

    def open_current(self) -> None:
        place = self.current_place()
        if place is not None and self._open is not None:
            self._open(place.id)
            self.accept()

    def _added(self, place: NearbyPlace, count: int) -> None:
        if shiboken6.isValid(self):
            self.note.setText(
                self.tr("Đã thêm «{name}» vào lộ trình trong ngày ({count} cơ sở).").format(
                    name=place.name, count=count
                )
            )

    def _show(self, places: list[NearbyPlace]) -> None:
        if not shiboken6.isValid(self):
            return
        self.places = places
        self.table.setRowCount(len(places))
        for row, place in enumerate(places):
            distance = QTableWidgetItem(distance_text(place.distance_m, self._lang))
            distance.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            for column, item in enumerate((QTableWidgetItem(place.name), QTableWidgetItem(place.where), distance)):
                self.table.setItem(row, column, item)
        if len(places) >= LIMIT:
            self.table.selectRow(0)
            self.note.setText(
                self.tr(
                    "Đang hiện {count} cơ sở gần nhất trong vòng {km} km; chọn bán kính nhỏ hơn để xem gần hơn."
                ).format(count=len(places), km=self.radius_km())
            )
        elif places:
            self.table.selectRow(0)
            self.note.setText(
                self.tr("{count} cơ sở có toạ độ trong vòng {km} km, gần nhất ở trên.").format(
                    count=len(places), km=self.radius_km()
                )
            )
        else:
            self.note.setText(
                self.tr("Không có cơ sở nào có toạ độ trong vòng {km} km. Chọn bán kính lớn hơn.").format(
                    km=self.radius_km()
                )
            )
        self._update_buttons()

    def _update_buttons(self) -> None:
        chosen = self.current_place() is not None
        self.add_button.setEnabled(chosen)
        self.open_button.setEnabled(chosen)
