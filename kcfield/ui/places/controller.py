"""What the main window does for places: the day's list, establishments near one, adding to the list."""

from __future__ import annotations

from collections.abc import Callable
from uuid import UUID

import shiboken6
from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMainWindow, QMessageBox

from kcfield.domain.model import Establishment
from kcfield.services.container import Services
from kcfield.ui.places.day_plan import DayPlanDialog
from kcfield.ui.places.nearby import NearbyDialog
from kcfield.ui.tasks import Lane, Tasks


class PlacesController(QObject):
    def __init__(
        self,
        window: QMainWindow,
        services: Services,
        tasks: Tasks,
        lang: str,
        open_establishment: Callable[[UUID], None],
    ) -> None:
        super().__init__(window)
        self._window, self._services, self._tasks, self._lang = window, services, tasks, lang
        self._open_establishment = open_establishment
        self.print_forms: Callable[[list[UUID]], None] | None = None  # set once printing is available
        self.dialog: QObject | None = None  # the last dialog opened, for tests and screenshots

    def show_day_plan(self) -> DayPlanDialog:
        dialog = DayPlanDialog(
            self._services, self._tasks, self._lang, print_forms=self.print_forms, parent=self._window
        )
        self.dialog = dialog
        dialog.open()
        return dialog

    def show_nearby_of(self, establishment_id: UUID | None) -> None:
        if establishment_id is None:
            self._window.statusBar().showMessage(self.tr("Chọn một cơ sở trong danh sách trước."), 8_000)
            return
        establishments = self._services.establishments
        self._tasks.run(
            lambda _ctx: establishments.get(establishment_id),
            on_success=self._nearby_of_loaded,
            lane=Lane.READ,
        )

    def add_to_plan(self, establishment_id: UUID | None) -> None:
        if establishment_id is None:
            return
        places = self._services.places
        self._tasks.run(
            lambda _ctx: places.add_to_day_plan(establishment_id),
            on_success=lambda plan: self._window.statusBar().showMessage(
                self.tr("Đã thêm vào lộ trình trong ngày ({count} cơ sở). Xem lộ trình: Ctrl+L.").format(
                    count=len(plan.stops)
                ),
                8_000,
            ),
            lane=Lane.WRITE,
        )

    def _nearby_of_loaded(self, establishment: Establishment) -> None:
        if not shiboken6.isValid(self._window):
            return
        if establishment.latitude is None or establishment.longitude is None or establishment.id is None:
            QMessageBox.information(
                self._window,
                self.tr("Cơ sở lân cận"),
                self.tr("«{name}» chưa có toạ độ. Ghi toạ độ vào hồ sơ (hoặc một lượt khảo sát) trước.").format(
                    name=establishment.name
                ),
            )
            return
        dialog = NearbyDialog(
            self._services,
            self._tasks,
            (establishment.latitude, establishment.longitude),
            self._lang,
            exclude=establishment.id,
            around=establishment.name,
            open_establishment=self._open_establishment,
            parent=self._window,
        )
        self.dialog = dialog
        dialog.open()
