"""The establishment editor: the profile form, its live checks and facts, drafts, duplicates and saving.

How it behaves, and why:

* **Live checks.** 250 ms after the last change the form is read into a draft and checked by
  ``services.establishments.check`` (pure rules plus cached reference lookups, fast enough for the GUI thread).
  Each message sits beside its box; a tab holding problems is marked; Save stays disabled while an error
  remains, and a line beside it says what blocks saving (clicking it, or Ctrl+S, goes to the first problem).
* **Drafts.** Two seconds after the last change the form is written as a draft by the
  :class:`~kcfield.services.drafts.DraftStore` in a background task, so the GUI never waits on fsync and a power
  cut loses at most those two seconds (DESIGN.md §6). A saved record, or "Discard" on closing, removes it.
* **Duplicates.** Before writing, :class:`~kcfield.services.duplicates.DuplicateFinder` runs in the READ lane;
  look-alikes are shown and the person chooses: open the other record, save anyway, or go back.
* **Writing** goes through the WRITE lane. A refusal (``ValidationFailed``, ``DomainError``) is shown in words
  and everything typed stays in the boxes.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any
from uuid import UUID, uuid4

import shiboken6
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QMessageBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from kcfield.domain import messages
from kcfield.domain.errors import DomainError, ValidationFailed
from kcfield.domain.model import Establishment
from kcfield.domain.validation import normalized_establishment
from kcfield.services.container import Services
from kcfield.services.drafts import DraftStore, check_key
from kcfield.services.duplicates import DuplicateFinder
from kcfield.ui.registry import editor_problems as problems
from kcfield.ui.registry.editor_drafts import DraftChannel, draft_values, restore
from kcfield.ui.registry.editor_duplicates import DuplicateDialog
from kcfield.ui.registry.editor_facts import FactsPanel
from kcfield.ui.registry.editor_fields import DEFAULT_PROVINCE, EstablishmentForm
from kcfield.ui.registry.editor_inputs import SaveBar
from kcfield.ui.registry.editor_problems import ERROR_COLOUR
from kcfield.ui.registry.editor_saving import SaveFlow
from kcfield.ui.tasks import Lane, Tasks

log = logging.getLogger(__name__)

VALIDATE_DELAY_MS = 250
AUTOSAVE_DELAY_MS = 2_000
_IDENTITY_FIELDS = ("name", "tax_code", "commune_code")  # what the duplicate check looks at


class EstablishmentEditor(QDialog):
    saved = Signal(object)  # the saved Establishment
    open_other = Signal(object)  # UUID of a look-alike record the person chose to open instead

    def __init__(
        self,
        services: Services,
        tasks: Tasks,
        drafts: DraftStore,
        finder: DuplicateFinder,
        lang: str = "vi",
        record: Establishment | None = None,
        draft: tuple[str, dict[str, Any]] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._tasks = tasks
        self._finder = finder
        self._lang = lang
        self._record = record
        self._drafts = DraftChannel(drafts)
        if draft is not None:
            self._key = check_key(draft[0])
        elif record is not None and record.id is not None:
            self._key = record.id.hex
        else:
            self._key = uuid4().hex
        self._restored = draft is not None
        self._draft_on_disk = draft is not None
        self._busy = False
        self._close_after_save = False
        self._finished = False
        self._focused_once = False
        self.blocking: list[tuple[str, str]] = []  # (field, message) of each problem that prevents saving
        self.general_problems: list[str] = []  # problems about no box in particular

        self._validate_timer = QTimer(self, singleShot=True, interval=VALIDATE_DELAY_MS)
        self._validate_timer.timeout.connect(self.validate_now)
        self._autosave_timer = QTimer(self, singleShot=True, interval=AUTOSAVE_DELAY_MS)
        self._autosave_timer.timeout.connect(self._autosave)
        self._build()
        self.form.set_establishment(record if record is not None else Establishment(province_code=DEFAULT_PROVINCE))
        self._baseline = self.form.state()
        if draft is not None:
            self._restore(draft[1])
        elif record is None:
            self._adopt_home_province()

        self.form.edited.connect(self._on_edited)
        self.validate_now()
        self._update_title()

    # --- public -------------------------------------------------------------------------------------------

    @property
    def draft_key(self) -> str:
        return self._key

    @property
    def duplicate_dialog(self) -> DuplicateDialog | None:
        """The look-alikes being shown before a save, if any."""
        return self._saving.dialog

    def current_draft(self) -> Establishment:
        return self.form.establishment()

    def is_dirty(self) -> bool:
        return self._restored or self.form.state() != self._baseline

    def draft_values(self) -> dict[str, Any]:
        """The form as a draft stores it (see :mod:`kcfield.ui.registry.editor_drafts`)."""
        return draft_values(self.form)

    def validate_now(self) -> None:
        """Check the form as it is now and show the outcome: messages, tab marks, Save, facts."""
        self._validate_timer.stop()
        draft = self.current_draft()
        found = problems.collect(self.form, self._services.establishments.check(draft), self._lang)
        problems.show(self.form, found)
        self.blocking = found.blocking
        self.general_problems = found.general
        self.bar.show_blockers(problems.blockers_text(self.form, found.blocking, self._lang))
        self._update_save_button()
        self._show_facts(draft)

    def jump_to_first_problem(self) -> None:
        if self.blocking:
            self.form.focus_field(self.blocking[0][0])

    def save(self) -> None:
        """Check, look for duplicates, then write (each step in the background); the dialog closes when the
        record is saved."""
        if self._busy or self._finished:
            return
        self.validate_now()
        if self.blocking:
            self._close_after_save = False
            self.jump_to_first_problem()
            return
        draft = self.current_draft()
        state = self.form.state()
        self._set_busy(True)
        self._say("")
        stored = normalized_establishment(draft)
        if self._record is not None and all(getattr(stored, f) == getattr(self._record, f) for f in _IDENTITY_FIELDS):
            # an existing record whose name, tax code and commune did not change was checked when it was saved
            self._saving.start(draft, state, look_for_duplicates=False)
            return
        self._saving.start(draft, state)

    def save_draft(self) -> None:
        """Write the form as a draft now (in the background)."""
        self._autosave_timer.stop()
        name = self.current_draft().name.strip()
        title = name or self.tr("Cơ sở mới")
        record_id = self._record.id if self._record is not None else None
        channel, epoch, key, values = self._drafts, self._drafts.epoch, self._key, self.draft_values()
        self._draft_on_disk = True
        self._run_draft_task(lambda: channel.write(epoch, key, record_id, title, values))

    def reject(self) -> None:
        """Esc, the window's close button and "Huỷ" all come here: ask before losing typed changes."""
        if self._finished:
            super().reject()
            return
        if self._busy:
            return  # a save is under way; its outcome decides
        if self.is_dirty():
            answer = QMessageBox.question(
                self,
                self.tr("Đóng hồ sơ cơ sở"),
                self.tr("Hồ sơ “{name}” có thay đổi chưa lưu.\nBạn có muốn lưu trước khi đóng không?").format(
                    name=self._display_name()
                ),
                QMessageBox.StandardButton.Save
                | QMessageBox.StandardButton.Discard
                | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Save,
            )
            if answer == QMessageBox.StandardButton.Save:
                self._close_after_save = True
                self.save()
                return
            if answer != QMessageBox.StandardButton.Discard:
                return  # Cancel (or the question closed): keep editing
        if self._draft_on_disk:
            self._discard_draft()
        self._finish(accepted=False)

    # --- building -----------------------------------------------------------------------------------------

    def _build(self) -> None:
        self.setObjectName("EstablishmentEditor")
        self._saving = SaveFlow(self._services, self._tasks, self._finder, self._key, self)
        self._saving.written.connect(self._on_saved)
        self._saving.failed.connect(self._on_save_failed)
        self._saving.stopped.connect(self._on_back_to_editing)
        self._saving.open_requested.connect(self._on_open_requested)
        self.resize(1100, 720)
        self.form = EstablishmentForm(self._services.reference, self._lang)
        self.facts = FactsPanel(self._lang)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.form)
        splitter.addWidget(self.facts)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)

        self.bar = SaveBar(ERROR_COLOUR)
        self.blockers, self.message = self.bar.blockers, self.bar.message
        self.save_button, self.cancel_button = self.bar.save_button, self.bar.cancel_button
        self.blockers.clicked.connect(self.jump_to_first_problem)
        self.save_button.clicked.connect(self.save)
        self.cancel_button.clicked.connect(self.reject)
        shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self)
        shortcut.activated.connect(self.save)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.bar)

    def _restore(self, values: dict[str, Any]) -> None:
        try:
            restore(self.form, values, self._record)
        except (TypeError, ValueError, KeyError) as error:
            log.warning("draft %s could not be read: %s", self._key, error)
            self._say(self.tr("Không đọc được bản nháp đã lưu; hãy kiểm tra lại các ô."))

    def _adopt_home_province(self) -> None:
        """A new record starts in the collaborator's own province (read in the background)."""
        collaborators = self._services.collaborators
        self._tasks.run(lambda _ctx: collaborators.local_user(), on_success=self._set_home_province, lane=Lane.READ)

    def _set_home_province(self, user: Any) -> None:
        if not self._alive() or user is None or user.province_code is None or self.is_dirty():
            return
        self.form.set_value("province_code", user.province_code)
        self._baseline = self.form.state()
        self.validate_now()

    # --- live behaviour -----------------------------------------------------------------------------------

    def _on_edited(self) -> None:
        self._say("")
        self._validate_timer.start()
        self._autosave_timer.start()
        self.setWindowModified(self.is_dirty())

    def _autosave(self) -> None:
        if not self._alive():
            return
        if self.is_dirty():
            self.save_draft()
        elif self._draft_on_disk:
            self._discard_draft()  # changed back to what was saved: nothing to keep

    def _discard_draft(self) -> None:
        self._autosave_timer.stop()
        self._draft_on_disk = False
        channel, key = self._drafts, self._key
        channel.epoch += 1  # before submitting: a write already running then lands first or not at all
        self._run_draft_task(lambda: channel.delete(key))

    def _run_draft_task(self, work: Callable[[], None]) -> None:
        """Draft files are written in the READ lane, one task key per draft (a newer write supersedes a queued
        one). When the runner is already shut down (the app is closing) the small file operation runs here."""
        try:
            self._tasks.run(
                lambda _ctx: work(), on_failure=self._on_draft_failed, lane=Lane.READ, key=f"draft-{self._key}"
            )
        except RuntimeError:
            try:
                work()
            except OSError as error:
                self._on_draft_failed(error)

    def _on_draft_failed(self, error: BaseException) -> None:
        log.warning("draft %s not written: %s", self._key, error)
        if self._alive():
            self._say(
                self.tr("Không ghi được bản nháp ({error}); hãy lưu hồ sơ sớm.").format(
                    error=str(error) or type(error).__name__
                )
            )

    def _say(self, text: str) -> None:
        self.bar.say(text)

    def _show_facts(self, draft: Establishment) -> None:
        try:
            self.facts.show_facts(self._services.establishments.facts(draft))
        except Exception:  # a fact that cannot be worked out must not stop the typing
            log.exception("facts of the draft could not be worked out")

    def _update_save_button(self) -> None:
        self.save_button.setEnabled(not self.blocking and not self._busy)

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self._update_save_button()

    def _update_title(self) -> None:
        name = self._record.name if self._record is not None else ""
        title = self.tr("Hồ sơ cơ sở – {name}").format(name=name) if name else self.tr("Cơ sở mới")
        self.setWindowTitle(f"{title}[*]")
        self.setWindowModified(self.is_dirty())

    def _display_name(self) -> str:
        return self.current_draft().name.strip() or self.tr("Cơ sở mới")

    # --- saving -------------------------------------------------------------------------------------------

    def _open_other(self, record_id: UUID) -> None:
        if self.is_dirty():
            answer = QMessageBox.question(
                self,
                self.tr("Mở cơ sở đã có"),
                self.tr(
                    "Chưa lưu “{name}”. Giữ những gì đã nhập làm bản nháp để làm tiếp sau không?\n"
                    "Chọn “Không” để bỏ những gì đã nhập."
                ).format(name=self._display_name()),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Yes,
            )
            if answer == QMessageBox.StandardButton.Yes:
                self.save_draft()
            elif answer == QMessageBox.StandardButton.No:
                self._discard_draft()
            else:
                return
        elif self._draft_on_disk:
            self._discard_draft()
        self._finish(accepted=False)
        self.open_other.emit(record_id)

    def _on_back_to_editing(self) -> None:
        self._set_busy(False)
        self._close_after_save = False

    def _on_open_requested(self, record_id: UUID) -> None:
        self._on_back_to_editing()
        self._open_other(record_id)

    def _on_saved(self, state: dict[str, Any], saved: Establishment) -> None:
        self._record = saved
        if self._finished:
            self.saved.emit(saved)
            return
        self._set_busy(False)
        self._restored = False
        self._baseline = state
        self.form.set_base(saved)
        self._discard_draft()
        self._update_title()
        self.saved.emit(saved)
        if self.form.state() == state:
            self._finish(accepted=True)
            return
        self._close_after_save = False  # typed on while the save ran: keep the new typing open
        self._say(self.tr("Đã lưu. Những gì nhập thêm sau khi bấm Lưu chưa được lưu."))
        self._autosave_timer.start()

    def _on_save_failed(self, error: BaseException) -> None:
        if not self._alive():
            log.error("saving an establishment failed after its editor closed: %s", error)
            return
        self._on_back_to_editing()
        if isinstance(error, DomainError):
            text = messages.describe_error(error, self._lang)
            if isinstance(error, ValidationFailed):
                self.validate_now()
        else:
            log.error("saving an establishment failed", exc_info=(type(error), error, error.__traceback__))
            text = self.tr("Không lưu được: {error}").format(error=str(error) or type(error).__name__)
        self._say(text)

    # --- lifetime -----------------------------------------------------------------------------------------

    def _finish(self, *, accepted: bool) -> None:
        self._finished = True
        self._validate_timer.stop()
        self._autosave_timer.stop()
        if accepted:
            super().accept()
        else:
            super().reject()

    def _alive(self) -> bool:
        return not self._finished and shiboken6.isValid(self)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if not self._focused_once:
            self._focused_once = True
            self.form.focus_first()
