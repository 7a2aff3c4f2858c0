"""Saving one establishment in three steps: look for look-alikes (READ lane), let the person choose, write
(WRITE lane). Nothing here touches the form: the editor hands in the record and hears how it ended."""

from __future__ import annotations

import logging
from functools import partial
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QWidget

from kcfield.domain.model import Establishment
from kcfield.services.container import Services
from kcfield.services.duplicates import DuplicateCandidate, DuplicateFinder
from kcfield.ui.registry.editor_duplicates import Choice, DuplicateDialog
from kcfield.ui.tasks import Lane, Tasks

log = logging.getLogger(__name__)


class SaveFlow(QObject):
    written = Signal(object, object)  # (the form's state that was saved, the saved Establishment)
    failed = Signal(object)  # the exception that stopped the save; nothing was written
    stopped = Signal()  # the person went back to editing
    open_requested = Signal(object)  # UUID of the look-alike the person wants to open instead

    def __init__(self, services: Services, tasks: Tasks, finder: DuplicateFinder, key: str, parent: QWidget) -> None:
        super().__init__(parent)
        self._services = services
        self._tasks = tasks
        self._finder = finder
        self._key = key
        self._parent = parent
        self.dialog: DuplicateDialog | None = None  # the look-alikes being shown, if any

    def start(self, draft: Establishment, state: dict[str, Any], *, look_for_duplicates: bool = True) -> None:
        if not look_for_duplicates:
            self._write(draft, state)
            return
        finder = self._finder
        self._tasks.run(
            lambda _ctx: finder.find(draft),
            on_success=partial(self._on_found, draft, state),
            on_failure=self._on_failure,
            lane=Lane.READ,
            key=f"duplicates-{self._key}",
        )

    def _on_found(self, draft: Establishment, state: dict[str, Any], found: list[DuplicateCandidate]) -> None:
        if not shiboken6.isValid(self):
            return  # the editor is gone: nothing to ask
        if not found:
            self._write(draft, state)
            return
        dialog = DuplicateDialog(found, self._parent)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.finished.connect(partial(self._on_choice, dialog, draft, state))
        self.dialog = dialog
        dialog.open()  # not exec(): no nested event loop under the background tasks

    def _on_choice(self, dialog: DuplicateDialog, draft: Establishment, state: dict[str, Any], _result: int) -> None:
        self.dialog = None
        dialog.deleteLater()
        if dialog.choice is Choice.SAVE_ANYWAY:
            self._write(draft, state)
        elif dialog.choice is Choice.OPEN and dialog.chosen_id is not None:
            self.open_requested.emit(dialog.chosen_id)
        else:
            self.stopped.emit()

    def _write(self, draft: Establishment, state: dict[str, Any]) -> None:
        service = self._services.establishments
        write = service.update if draft.id is not None else service.create
        self._tasks.run(
            lambda _ctx: write(draft),
            on_success=partial(self._on_written, state),
            on_failure=self._on_failure,
            lane=Lane.WRITE,
        )

    def _on_written(self, state: dict[str, Any], saved: Establishment) -> None:
        if shiboken6.isValid(self):
            self.written.emit(state, saved)
        else:
            log.info("establishment %s saved after its editor was destroyed", saved.id)

    def _on_failure(self, error: BaseException) -> None:
        if shiboken6.isValid(self):
            self.failed.emit(error)
        else:
            log.error("saving an establishment failed after its editor was destroyed: %s", error)
