"""One equipment need: the boxes, the support the rules allow (live), inline messages, Save, drafts.

The day whose rules apply and whether the establishment has priority are read once in the background
(EquipmentNeedService.support_basis); after that the allowed support is worked out at every change from the
cached rule set, so the panel follows the typing without touching the database.
"""

from __future__ import annotations

import dataclasses
import logging
from datetime import date
from typing import Any
from uuid import UUID, uuid4

import shiboken6
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from kcfield.domain import messages
from kcfield.domain.errors import DomainError, ValidationFailed
from kcfield.domain.model import EquipmentNeed, editable_field_names
from kcfield.domain.rules import SupportItem, SupportRules
from kcfield.domain.serialization import from_json, to_json
from kcfield.domain.support import allowed_support
from kcfield.domain.validation import validate_equipment_need
from kcfield.services.container import Services
from kcfield.services.drafts import DraftStore, check_key
from kcfield.ui.attachments.panel import AttachmentsPanel
from kcfield.ui.needs.form import PARSED_FIELDS, NeedForm
from kcfield.ui.needs.support_panel import REFUSED_COLOUR, SupportPanel
from kcfield.ui.tasks import Lane, Tasks
from kcfield.ui.widgets.field_row import Severity

log = logging.getLogger(__name__)

ENTITY = "equipment_need"
TYPED_KEY = "_typed"
VALIDATE_DELAY_MS = 250
AUTOSAVE_DELAY_MS = 2000


class NeedEditor(QDialog):
    """Edit ``record`` (None: a new need of ``establishment_id``); ``saved`` carries the saved EquipmentNeed.

    ``draft`` = (key, values) reopens an autosaved draft (DraftStore entity "equipment_need")."""

    saved = Signal(object)

    def __init__(
        self,
        services: Services,
        tasks: Tasks,
        drafts: DraftStore,
        lang: str = "vi",
        record: EquipmentNeed | None = None,
        establishment_id: UUID | None = None,
        parent: QWidget | None = None,
        *,
        visit_id: UUID | None = None,
        draft: tuple[str, dict[str, Any]] | None = None,
    ) -> None:
        super().__init__(parent)
        if record is None and establishment_id is None:
            raise ValueError("a new equipment need needs its establishment")
        self._services = services
        self._tasks = tasks
        self._store = drafts
        self._lang = lang
        self._record = record
        if draft is not None:
            self._key = check_key(draft[0])
        elif record is not None and record.id is not None:
            self._key = record.id.hex
        else:
            self._key = uuid4().hex
        self._draft_on_disk = draft is not None
        self._restored = draft is not None
        self._busy = False
        self._finished = False
        self._rules: SupportRules | None = None
        self._day: date | None = None
        self._priority = False
        self.blocking: list[tuple[str, str]] = []

        base = record if record is not None else EquipmentNeed(establishment_id=establishment_id, visit_id=visit_id)
        self._build()
        self.form.set_need(base)
        self._baseline = self.form.state()
        if draft is not None:
            self._restore(base, draft[1])
        self._validate_timer = QTimer(self, singleShot=True, interval=VALIDATE_DELAY_MS)
        self._validate_timer.timeout.connect(self.validate_now)
        self._autosave_timer = QTimer(self, singleShot=True, interval=AUTOSAVE_DELAY_MS)
        self._autosave_timer.timeout.connect(self.save_draft)
        self.form.edited.connect(self._on_edited)
        self.validate_now()
        self._load_basis(base)
        self.setWindowTitle(self.tr("Nhu cầu hỗ trợ máy móc, thiết bị"))

    # --- building -----------------------------------------------------------------------------------------

    def _build(self) -> None:
        self.setObjectName("NeedEditor")
        self.resize(1000, 720)
        self.form = NeedForm(self._lang)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.form)
        self.panel = SupportPanel(self._lang)
        # Photos and documents (quotations, catalogues) of the need, addable once it is saved.
        record_id = self._record.id if self._record is not None else None
        self.attachments = AttachmentsPanel(self._services, self._tasks, "equipment_need", record_id, self._lang)
        side = QSplitter(Qt.Orientation.Vertical)
        side.addWidget(self.panel)
        side.addWidget(self.attachments)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(scroll)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)

        self.blockers = QLabel()
        self.message = QLabel()
        for label in (self.blockers, self.message):
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setStyleSheet(f"color: {REFUSED_COLOUR};")
            label.hide()
        self.save_button = QPushButton(self.tr("Lưu"))
        self.save_button.setToolTip(self.tr("Lưu nhu cầu hỗ trợ (Ctrl+S)"))
        self.cancel_button = QPushButton(self.tr("Huỷ"))
        for button in (self.save_button, self.cancel_button):
            button.setAutoDefault(False)
        self.save_button.clicked.connect(self.save)
        self.cancel_button.clicked.connect(self.reject)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self).activated.connect(self.save)
        notes = QVBoxLayout()
        notes.addWidget(self.blockers)
        notes.addWidget(self.message)
        bar = QHBoxLayout()
        bar.addLayout(notes, 1)
        bar.addWidget(self.save_button, 0, Qt.AlignmentFlag.AlignTop)
        bar.addWidget(self.cancel_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addLayout(bar)

    # --- public -------------------------------------------------------------------------------------------

    @property
    def draft_key(self) -> str:
        return self._key

    def current_draft(self) -> EquipmentNeed:
        return self.form.need()

    def is_dirty(self) -> bool:
        return self._restored or self.form.state() != self._baseline

    def validate_now(self) -> None:
        """Show what is wrong next to each box, what blocks saving, and the support the rules allow."""
        self._validate_timer.stop()
        need = self.current_draft()
        found: dict[str, tuple[str, Severity]] = {}
        for name in PARSED_FIELDS:
            text = self.form.parsed(name).error_text()
            if text:
                found[name] = (text, "error")
        if "quantity" not in found and "unit_price_vnd" not in found:
            for problem in validate_equipment_need(need):
                if problem.field and problem.field not in found:
                    severity: Severity = "error" if problem.blocking else "warning"
                    found[problem.field] = (messages.describe(problem, self._lang), severity)
        for name, row in self.form.rows.items():
            message = found.get(name)
            row.set_message(message[0], message[1]) if message is not None else row.set_message("", None)
        self.blocking = [(name, text) for name, (text, severity) in found.items() if severity == "error"]
        if self.blocking:
            self.blockers.setText(
                self.tr("Chưa lưu được: {problems}").format(problems="; ".join(t for _n, t in self.blocking))
            )
            self.blockers.show()
        else:
            self.blockers.hide()
        self.save_button.setEnabled(not self.blocking and not self._busy)
        self._show_support(need)

    def save(self) -> None:
        if self._busy or self._finished:
            return
        self.validate_now()
        if self.blocking:
            self.form.rows[self.blocking[0][0]].editor.setFocus()
            return
        need = self.current_draft()
        service = self._services.needs
        write = service.update if need.id is not None else service.create
        self._set_busy(True)
        self._tasks.run(
            lambda _ctx: write(need),
            on_success=self._on_saved,
            on_failure=self._on_save_failed,
            lane=Lane.WRITE,
        )

    def save_draft(self) -> None:
        """Write the form as a draft now (in the background)."""
        self._autosave_timer.stop()
        if self._finished:
            return
        store, key, values = self._store, self._key, self.draft_values()
        title = self.current_draft().equipment_name.strip() or self.tr("Nhu cầu mới")
        record_id = self._record.id if self._record is not None else None
        self._draft_on_disk = True
        self._tasks.run(
            lambda _ctx: store.save(key, ENTITY, record_id, title, values),
            on_failure=self._on_draft_failed,
            lane=Lane.READ,
            key=f"need-draft-{key}",
        )

    def draft_values(self) -> dict[str, Any]:
        values = to_json(self.current_draft())
        typed = self.form.raw_texts()
        if typed:
            values[TYPED_KEY] = typed
        return values

    def reject(self) -> None:
        """Esc, the close button and "Huỷ": ask before losing typed changes."""
        if self._finished:
            super().reject()
            return
        if self._busy:
            return
        if self.is_dirty():
            answer = QMessageBox.question(
                self,
                self.tr("Đóng nhu cầu hỗ trợ"),
                self.tr("Nhu cầu này có thay đổi chưa lưu.\nBạn có muốn lưu trước khi đóng không?"),
                QMessageBox.StandardButton.Save
                | QMessageBox.StandardButton.Discard
                | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Save,
            )
            if answer == QMessageBox.StandardButton.Save:
                self.save()
                return
            if answer != QMessageBox.StandardButton.Discard:
                return
        self._discard_draft()
        self._finish(accepted=False)

    # --- internals ----------------------------------------------------------------------------------------

    def _restore(self, base: EquipmentNeed, values: dict[str, Any]) -> None:
        try:
            typed = from_json(EquipmentNeed, values)
        except (ValueError, TypeError, KeyError) as error:
            log.warning("draft %s of an equipment need cannot be read: %s", self._key, error)
            return
        names = editable_field_names(EquipmentNeed)
        self.form.set_need(dataclasses.replace(base, **{n: getattr(typed, n) for n in names}))
        raw = values.get(TYPED_KEY)
        if isinstance(raw, dict):
            self.form.set_raw_texts(raw)

    def _load_basis(self, need: EquipmentNeed) -> None:
        service = self._services.needs

        def read(_ctx: Any) -> tuple[date, bool, SupportRules]:
            day, priority = service.support_basis(need)
            return day, priority, service.support_rules()

        self._tasks.run(read, on_success=self._on_basis, on_failure=self._on_basis_failed, lane=Lane.READ)

    def _on_basis(self, result: tuple[date, bool, SupportRules]) -> None:
        if not shiboken6.isValid(self):
            return
        self._day, self._priority, self._rules = result
        rule = self._rules.in_force(SupportItem.MACHINERY, self._day)
        self.form.blockSignals(True)
        self.form.set_exclusions(list(rule.exclusions) if rule is not None else [])
        self.form.blockSignals(False)
        self._show_support(self.current_draft())

    def _on_basis_failed(self, error: BaseException) -> None:
        if shiboken6.isValid(self):
            self.panel.amount.setText(self.tr("Không đọc được quy định hỗ trợ: {error}").format(error=error))

    def _show_support(self, need: EquipmentNeed) -> None:
        if self._rules is None or self._day is None:
            return
        self.panel.show_assessment(allowed_support(need, self._rules, self._day, priority=self._priority))

    def _on_edited(self) -> None:
        self._validate_timer.start()
        self._autosave_timer.start()
        self._show_support(self.current_draft())  # the amount follows every keystroke

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.save_button.setEnabled(not busy and not self.blocking)
        self.form.setEnabled(not busy)

    def _on_saved(self, saved: EquipmentNeed) -> None:
        if not shiboken6.isValid(self):
            log.info("equipment need %s saved after its editor was closed", saved.id)
            return
        self._set_busy(False)
        self._record = saved
        self._discard_draft()
        self.saved.emit(saved)
        self._finish(accepted=True)

    def _on_save_failed(self, error: BaseException) -> None:
        if not shiboken6.isValid(self):
            return
        self._set_busy(False)
        if isinstance(error, ValidationFailed):
            text = "; ".join(messages.describe(p, self._lang) for p in error.problems)
        elif isinstance(error, DomainError):
            text = messages.describe_error(error, self._lang)
        else:
            text = str(error)
        self.message.setText(self.tr("Chưa lưu được: {reason}").format(reason=text))
        self.message.show()

    def _on_draft_failed(self, error: BaseException) -> None:
        if shiboken6.isValid(self):
            self.message.setText(self.tr("Không lưu được bản nháp: {reason}").format(reason=error))
            self.message.show()

    def _discard_draft(self) -> None:
        self._autosave_timer.stop()
        if not self._draft_on_disk:
            return
        store, key = self._store, self._key
        self._draft_on_disk = False
        self._tasks.run(lambda _ctx: store.discard(key), lane=Lane.READ, key=f"need-draft-{key}")

    def _finish(self, *, accepted: bool) -> None:
        self._finished = True
        self._validate_timer.stop()
        self._autosave_timer.stop()
        if accepted:
            self.accept()
        else:
            super().reject()
