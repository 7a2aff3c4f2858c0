"""The day's visiting list ("lộ trình trong ngày"): which establishments, in which order, how far.

Every change is saved at once (preferences, WRITE lane), so the list is there after a restart. "Suggest an
order" puts the stops in a short order from the start point (or the first stop); stops without a recorded
position keep their place at the end. Distances are straight lines, said so on screen: roads are longer.
"""

from __future__ import annotations

from collections.abc import Callable
from uuid import UUID

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kcfield.domain import messages
from kcfield.domain.errors import DomainError
from kcfield.geo.coordinates import format_position, parse_position
from kcfield.services.container import Services
from kcfield.services.places import DayPlan, PlanRoute
from kcfield.ui.places.distance_text import distance_text
from kcfield.ui.registry.picker import EstablishmentPicker
from kcfield.ui.tasks import Lane, Tasks


class DayPlanDialog(QDialog):
    def __init__(
        self,
        services: Services,
        tasks: Tasks,
        lang: str = "vi",
        *,
        print_forms: Callable[[list[UUID]], None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._services, self._tasks, self._lang = services, tasks, lang
        self._print_forms = print_forms
        self.plan = DayPlan()
        self.route = PlanRoute()
        self.setWindowTitle(self.tr("Lộ trình trong ngày"))

        self.start = QLineEdit()
        self.start.setPlaceholderText(self.tr("Để trống: bắt đầu từ cơ sở đầu tiên. Hoặc dán toạ độ nơi xuất phát"))
        self.start.setAccessibleName(self.tr("Nơi xuất phát"))
        self.start.editingFinished.connect(self._start_edited)
        self.start_note = QLabel()
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(
            [self.tr("STT"), self.tr("Cơ sở"), self.tr("Địa chỉ"), self.tr("Chặng (đường chim bay)")]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setAccessibleName(self.tr("Các cơ sở sẽ đến, theo thứ tự"))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.total = QLabel()
        self.total.setWordWrap(True)

        self.add_button = QPushButton(self.tr("&Thêm cơ sở…"))
        self.add_button.setToolTip(self.tr("Chọn một cơ sở để thêm vào cuối lộ trình (Insert)"))
        self.add_button.clicked.connect(self.choose_and_add)
        self.remove_button = QPushButton(self.tr("&Bỏ khỏi lộ trình"))
        self.remove_button.setToolTip(self.tr("Bỏ cơ sở đang chọn khỏi lộ trình (Delete); hồ sơ không bị xoá"))
        self.remove_button.clicked.connect(self.remove_current)
        self.up_button = QPushButton(self.tr("Lên"))
        self.up_button.setToolTip(self.tr("Đưa lên trước (Alt+Up)"))
        self.up_button.clicked.connect(lambda: self.move_current(-1))
        self.down_button = QPushButton(self.tr("Xuống"))
        self.down_button.setToolTip(self.tr("Đưa xuống sau (Alt+Down)"))
        self.down_button.clicked.connect(lambda: self.move_current(1))
        self.order_button = QPushButton(self.tr("&Gợi ý thứ tự đi ngắn nhất"))
        self.order_button.setToolTip(
            self.tr("Sắp lại các cơ sở có toạ độ theo quãng đường ngắn, tính từ nơi xuất phát (Ctrl+R)")
        )
        self.order_button.clicked.connect(self.suggest_order)
        self.clear_button = QPushButton(self.tr("Xoá &hết"))
        self.clear_button.clicked.connect(self.clear)
        self.print_button = QPushButton(self.tr("&In phiếu cho lộ trình…"))
        self.print_button.setToolTip(self.tr("In phiếu khảo sát đã điền sẵn hồ sơ của từng cơ sở, theo thứ tự này"))
        self.print_button.clicked.connect(self._print)
        self.print_button.setVisible(print_forms is not None)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Đóng"))
        buttons.rejected.connect(self.reject)

        start_row = QHBoxLayout()
        start_row.addWidget(QLabel(self.tr("Nơi xuất phát")))
        start_row.addWidget(self.start, 1)
        side = QVBoxLayout()
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            side.addWidget(button)
        side.addSpacing(12)
        side.addWidget(self.order_button)
        side.addStretch(1)
        side.addWidget(self.clear_button)
        middle = QHBoxLayout()
        middle.addWidget(self.table, 1)
        middle.addLayout(side)
        bottom = QHBoxLayout()
        bottom.addWidget(self.print_button)
        bottom.addStretch(1)
        bottom.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addLayout(start_row)
        layout.addWidget(self.start_note)
        layout.addLayout(middle, 1)
        layout.addWidget(self.total)
        layout.addLayout(bottom)

        QShortcut(QKeySequence(Qt.Key.Key_Insert), self, self.choose_and_add)
        QShortcut(QKeySequence(Qt.Key.Key_Delete), self.table, self.remove_current)
        QShortcut(QKeySequence("Alt+Up"), self, lambda: self.move_current(-1))
        QShortcut(QKeySequence("Alt+Down"), self, lambda: self.move_current(1))
        QShortcut(QKeySequence("Ctrl+R"), self, self.suggest_order)
        self.resize(880, 520)
        self._update_buttons()
        self._load()

    # --- actions -----------------------------------------------------------------------------------------

    def choose_and_add(self) -> None:
        picker = EstablishmentPicker(self._services, self._tasks, self)
        if picker.exec() and picker.chosen_id is not None:
            self.set_plan(self.plan.with_stop(picker.chosen_id), select=len(self.plan.stops))

    def remove_current(self) -> None:
        row = self.current_row()
        if row is not None:
            self.set_plan(self.plan.without(self.plan.stops[row]), select=min(row, len(self.plan.stops) - 2))

    def move_current(self, offset: int) -> None:
        row = self.current_row()
        if row is not None:
            self.set_plan(self.plan.moved(row, offset), select=max(0, min(row + offset, len(self.plan.stops) - 1)))

    def suggest_order(self) -> None:
        places, plan = self._services.places, self.plan
        self._tasks.run(
            lambda _ctx: places.suggest_order(plan),
            on_success=lambda ordered: self.set_plan(ordered, select=0),
            lane=Lane.READ,
        )

    def clear(self) -> None:
        if not self.plan.stops:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Xoá lộ trình"),
            self.tr("Bỏ cả {count} cơ sở khỏi lộ trình trong ngày? Hồ sơ các cơ sở không bị xoá.").format(
                count=len(self.plan.stops)
            ),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.set_plan(DayPlan((), self.plan.start))

    def set_plan(self, plan: DayPlan, select: int | None = None) -> None:
        """Save the plan (WRITE lane) and show it with fresh distances."""
        self.plan = plan
        places = self._services.places

        def save(_ctx: object) -> tuple[DayPlan, PlanRoute]:
            saved = places.save_day_plan(plan)
            return saved, places.route(saved)

        self._tasks.run(save, on_success=lambda result: self._show(*result, select=select), lane=Lane.WRITE)

    def current_row(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows and rows[0].row() < len(self.plan.stops) else None

    # --- internals ---------------------------------------------------------------------------------------

    def _load(self) -> None:
        places = self._services.places

        def read(_ctx: object) -> tuple[DayPlan, PlanRoute]:
            plan = places.day_plan()
            return plan, places.route(plan)

        self._tasks.run(read, on_success=lambda result: self._show(*result, select=0), lane=Lane.READ)

    def _start_edited(self) -> None:
        raw = self.start.text().strip()
        if not raw:
            self.start_note.setText("")
            if self.plan.start is not None:
                self.set_plan(DayPlan(self.plan.stops, None))
            return
        try:
            parsed = parse_position(raw)
        except DomainError as error:
            self.start_note.setText(messages.describe_error(error, self._lang))
            return
        self.start_note.setText(
            self.tr("Đọc là: {position}").format(
                position=format_position(parsed.latitude, parsed.longitude, "dms", self._lang)
            )
        )
        point = (parsed.latitude, parsed.longitude)
        if point != self.plan.start:
            self.set_plan(DayPlan(self.plan.stops, point))

    def _show(self, plan: DayPlan, route: PlanRoute, select: int | None = None) -> None:
        if not shiboken6.isValid(self):
            return
        self.plan, self.route = plan, route
        if plan.start is not None and not self.start.hasFocus() and not self.start.text().strip():
            self.start.setText(format_position(plan.start[0], plan.start[1], "dms", self._lang))
        self.table.setRowCount(len(route.stops))
        for row, stop in enumerate(route.stops):
            number = QTableWidgetItem(str(row + 1))
            name = stop.name if not stop.missing else self.tr("(cơ sở đã bị xoá hoặc không còn trong máy)")
            where = stop.where
            if not stop.missing and stop.latitude is None:
                where = (where + " — " if where else "") + self.tr("chưa có toạ độ")
            leg = QTableWidgetItem(distance_text(stop.leg_m, self._lang))
            leg.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            for column, item in enumerate((number, QTableWidgetItem(name), QTableWidgetItem(where), leg)):
                self.table.setItem(row, column, item)
        if select is not None and 0 <= select < len(route.stops):
            self.table.selectRow(select)
        self.total.setText(self._total_text(route))
        self._update_buttons()

    def _total_text(self, route: PlanRoute) -> str:
        if not route.stops:
            return self.tr("Lộ trình trống. Thêm cơ sở bằng nút «Thêm cơ sở…» hoặc từ danh sách cơ sở (chuột phải).")
        text = self.tr("{count} cơ sở; tổng quãng đường đường chim bay {distance} (đường đi thực tế dài hơn).").format(
            count=len(route.stops), distance=distance_text(route.total_m, self._lang)
        )
        if route.unplaced:
            text += " " + self.tr("{count} cơ sở chưa có toạ độ nên được xếp cuối.").format(count=route.unplaced)
        return text

    def _update_buttons(self) -> None:
        row = self.current_row()
        count = len(self.plan.stops)
        self.remove_button.setEnabled(row is not None)
        self.up_button.setEnabled(row is not None and row > 0)
        self.down_button.setEnabled(row is not None and row < count - 1)
        self.order_button.setEnabled(count >= 2)
        self.clear_button.setEnabled(count > 0)
        self.print_button.setEnabled(count > 0)

    def _print(self) -> None:
        if self._print_forms is not None and self.plan.stops:
            self._print_forms(list(self.plan.stops))
