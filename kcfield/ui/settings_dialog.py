"""Settings: for now the interface language, which travels with the data (``services.preferences``)."""

from __future__ import annotations

import logging

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QMessageBox, QVBoxLayout, QWidget

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
        form = QFormLayout()
        form.addRow(self.tr("&Ngôn ngữ giao diện:"), self.language_combo)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, parent=self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

    def chosen_language(self) -> str:
        return str(self.language_combo.currentData())

    def accept(self) -> None:
        if self._saving:
            return
        chosen = self.chosen_language()
        if chosen == self._lang:
            super().accept()
            return
        preferences = self._services.preferences

        def work(_ctx: TaskContext) -> str:
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
        self._lang = chosen
        super().accept()
        self.language_changed.emit(chosen)

    def _failed(self, error: BaseException) -> None:
        self._set_saving(False)
        if isinstance(error, DomainError):
            message = describe_error(error, self._lang)
        else:
            log.error("saving the language failed", exc_info=(type(error), error, error.__traceback__))
            message = f"{type(error).__name__}: {error}"
        QMessageBox.warning(self, self.tr("Không lưu được cài đặt"), message)
