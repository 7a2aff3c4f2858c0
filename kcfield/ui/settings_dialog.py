"""Settings that travel with the data (``services.preferences``): the interface language and the centre's name
printed at the top of every form."""

from __future__ import annotations

import logging

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from kcfield.domain.errors import DomainError
from kcfield.domain.messages import describe_error
from kcfield.services.container import Services
from kcfield.ui.i18n import SUPPORTED, ui_language_name
from kcfield.ui.tasks import Lane, TaskContext, Tasks

log = logging.getLogger(__name__)


class SettingsDialog(QDialog):
    """OK saves the language in the WRITE lane and then closes; ``language_changed`` fires only for a real change
    (switching the interface costs a retranslation of every window, so "the same again" must not trigger one)."""

    language_changed = Signal(str)

    def __init__(self, services: Services, tasks: Tasks, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services, self._tasks, self._lang = services, tasks, lang
        self._saving = False
        self.setWindowTitle(self.tr("Cài đặt"))
        self.language_combo = QComboBox(self)
        for code in SUPPORTED:
            self.language_combo.addItem(ui_language_name(code), code)
        self.language_combo.setCurrentIndex(max(self.language_combo.findData(lang), 0))
        self.centre_name = QLineEdit(self)
        self.centre_name.setPlaceholderText(self.tr("Ví dụ: Trung tâm Khuyến công và Tư vấn phát triển công nghiệp"))
        self.centre_name.setToolTip(self.tr("In ở đầu mọi phiếu và báo cáo"))
        self.centre_name.setMaxLength(160)
        self._centre_name = ""
        form = QFormLayout()
        form.addRow(self.tr("&Ngôn ngữ giao diện:"), self.language_combo)
        form.addRow(self.tr("&Tên Trung tâm (in trên phiếu):"), self.centre_name)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, parent=self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.resize(560, self.sizeHint().height())
        preferences = services.preferences
        tasks.run(lambda _ctx: preferences.centre_name, on_success=self._show_centre_name, lane=Lane.READ)

    def _show_centre_name(self, name: str) -> None:
        self._centre_name = name
        if not self.centre_name.isModified():
            self.centre_name.setText(name)

    def chosen_language(self) -> str:
        return str(self.language_combo.currentData())

    def accept(self) -> None:
        if self._saving:
            return
        chosen = self.chosen_language()
        centre = " ".join(self.centre_name.text().split())
        new_centre = centre if centre and centre != self._centre_name else None
        if chosen == self._lang and new_centre is None:
            super().accept()
            return
        preferences = self._services.preferences

        def work(_ctx: TaskContext) -> str:
            if new_centre is not None:
                preferences.centre_name = new_centre
            if chosen != self._lang:
                preferences.language = chosen
            return chosen

        self._set_saving(True)
        self._tasks.run(work, on_success=self._saved, on_failure=self._failed, lane=Lane.WRITE, parent_widget=self)

    def reject(self) -> None:
        if not self._saving:
            super().reject()

    def _set_saving(self, saving: bool) -> None:
        self._saving = saving
        self.buttons.setEnabled(not saving)

    def _saved(self, chosen: str) -> None:
        self._set_saving(False)
        changed = chosen != self._lang
        self._lang = chosen
        super().accept()
        if changed:
            self.language_changed.emit(chosen)

    def _failed(self, error: BaseException) -> None:
        self._set_saving(False)
        if isinstance(error, DomainError):
            message = describe_error(error, self._lang)
        else:
            log.error("saving the language failed", exc_info=(type(error), error, error.__traceback__))
            message = f"{type(error).__name__}: {error}"
        QMessageBox.warning(self, self.tr("Không lưu được cài đặt"), message)
