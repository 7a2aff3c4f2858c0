"""The cleaner-production assessment editor: tabs (CPForm), live validation with a Save bar naming what blocks
saving, the "Chỉ số" tab recomputed as figures change, autosaved drafts, confirmation before discarding."""

from __future__ import annotations

import dataclasses
import logging
from dataclasses import dataclass
from typing import Any
from uuid import UUID

import shiboken6
from PySide6.QtCore import QCoreApplication, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QMessageBox, QPushButton, QVBoxLayout, QWidget

from kcfield.domain import messages
from kcfield.domain.cp import validate_cp_assessment
from kcfield.domain.errors import DomainError, Problem, ValidationFailed
from kcfield.domain.model import CPAssessment, Establishment
from kcfield.domain.serialization import from_json, to_json
from kcfield.services.assessments import ChecklistItem, OptionCategory
from kcfield.services.container import Services
from kcfield.services.drafts import DraftStore
from kcfield.ui.attachments.panel import AttachmentsPanel
from kcfield.ui.cp.form import CPForm
from kcfield.ui.tasks import Lane, Tasks

log = logging.getLogger(__name__)

ENTITY = "cp_assessment"
VALIDATE_MS = 250
AUTOSAVE_MS = 1500


@dataclass(frozen=True)
class _Loaded:
    establishment: Establishment
    checklist: list[ChecklistItem]
    categories: list[OptionCategory]
    units: list[str]
    carriers: list[str]


def draft_key(record: CPAssessment | None, establishment_id: UUID) -> str:
    return record.id.hex if record is not None and record.id is not None else f"{establishment_id.hex}-c0"


def _timer(parent: QWidget, interval: int) -> QTimer:
    timer = QTimer(parent)
    timer.setSingleShot(True)
    timer.setInterval(interval)
    return timer


def error_text(error: BaseException, lang: str) -> str:
    if isinstance(error, ValidationFailed):
        return " ".join(messages.describe(p, lang) for p in error.problems)
    if isinstance(error, DomainError):
        return messages.describe_error(error, lang)
    return str(error)


class CPEditor(QDialog):
    saved = Signal(object)  # the saved CPAssessment

    def __init__(
        self,
        services: Services,
        tasks: Tasks,
        drafts: DraftStore,
        lang: str = "vi",
        record: CPAssessment | None = None,
        establishment_id: UUID | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        if establishment_id is None:
            if record is None or record.establishment_id is None:
                raise ValueError("an assessment needs an establishment")
            establishment_id = record.establishment_id
        self._services = services
        self._tasks = tasks
        self._drafts = drafts
        self._lang = lang
        self.record = record
        self.establishment_id = establishment_id
        self.establishment: Establishment | None = None
        self._categories: dict[int, str] = {}
        self._key = draft_key(record, establishment_id)
        self._clean: dict[str, Any] = {}
        self._finished = False
        self._saving = False
        self.problems: list[str] = []
        self.setWindowTitle(QCoreApplication.translate("CPEditor", "Đánh giá sản xuất sạch hơn"))
        self.resize(1000, 680)
        self.form = CPForm(lang, self)
        # Photos and documents of the assessment (e.g. the walk-through): addable once it is saved.
        self.attachments = AttachmentsPanel(services, tasks, "cp_assessment", record.id if record else None, lang)
        self.form.addTab(self.attachments, QCoreApplication.translate("CPEditor", "Ảnh và tài liệu"))
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.save_button = QPushButton(QCoreApplication.translate("CPEditor", "Lưu"), self)
        self.save_button.setDefault(True)
        self.cancel_button = QPushButton(QCoreApplication.translate("CPEditor", "Huỷ"), self)
        self.save_button.clicked.connect(self.save)
        self.cancel_button.clicked.connect(self.reject)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save)
        bar = QHBoxLayout()
        bar.addWidget(self.status, 1)
        bar.addWidget(self.save_button)
        bar.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form, 1)
        layout.addLayout(bar)
        self._validate_timer = _timer(self, VALIDATE_MS)
        self._validate_timer.timeout.connect(self.validate)
        self._autosave_timer = _timer(self, AUTOSAVE_MS)
        self._autosave_timer.timeout.connect(self.autosave)
        self.form.set_assessment(record or CPAssessment(establishment_id=establishment_id))
        self.form.setEnabled(False)
        self.save_button.setEnabled(False)
        self.status.setText(QCoreApplication.translate("CPEditor", "Đang tải…"))
        self._load()

    # --- loading ----------------------------------------------------------------------------------------

    def _load(self) -> None:
        services, est_id = self._services, self.establishment_id

        def load(_ctx: Any) -> _Loaded:
            cp = services.cp_reference
            _ = (cp.benchmarks, cp.parameters)  # warm the caches the "Chỉ số" tab reads in the GUI thread
            return _Loaded(
                services.establishments.get(est_id),
                services.assessments.checklist_items(),
                services.assessments.option_categories(),
                list(cp.units.codes),
                sorted(cp.carriers),
            )

        self._tasks.run(load, on_success=self._on_loaded, on_failure=self._on_load_failed, lane=Lane.READ)

    def _on_loaded(self, loaded: _Loaded) -> None:
        if not shiboken6.isValid(self):
            return
        self.establishment = loaded.establishment
        self.setWindowTitle(
            QCoreApplication.translate("CPEditor", "Đánh giá sản xuất sạch hơn — {name}").format(
                name=loaded.establishment.name
            )
        )
        self._categories = {c.number: c.name(self._lang) for c in loaded.categories}
        self.form.set_reference(loaded.units, loaded.carriers, loaded.checklist, loaded.categories)
        self.form.set_assessment(self.record or CPAssessment(establishment_id=self.establishment_id))
        self._clean = to_json(self.form.assessment())
        self.form.setEnabled(True)
        self.form.changed.connect(self._on_changed)
        self._offer_draft()
        self.validate()

    def _on_load_failed(self, error: BaseException) -> None:
        if shiboken6.isValid(self):
            self.status.setText(
                QCoreApplication.translate("CPEditor", "Không tải được dữ liệu: {error}").format(
                    error=error_text(error, self._lang)
                )
            )

    def _offer_draft(self) -> None:
        try:
            values = self._drafts.load(self._key)
        except FileNotFoundError:
            return
        except ValueError:
            log.warning("damaged CP draft %s ignored", self._key)
            return
        answer = QMessageBox.question(
            self,
            QCoreApplication.translate("CPEditor", "Bản nháp"),
            QCoreApplication.translate("CPEditor", "Có bản nháp chưa lưu của đánh giá này. Khôi phục bản nháp?"),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.Yes,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.restore_draft(values)
        else:
            self._drafts.discard(self._key)

    def restore_draft(self, values: dict[str, Any]) -> None:
        try:
            typed = from_json(CPAssessment, values)
        except (ValueError, TypeError, KeyError):
            log.warning("unreadable CP draft %s ignored", self._key)
            return
        base = self.record or CPAssessment()
        self.form.set_assessment(
            dataclasses.replace(typed, id=base.id, meta=base.meta, establishment_id=self.establishment_id)
        )

    # --- validation and indicators ----------------------------------------------------------------------

    def is_dirty(self) -> bool:
        return bool(self._clean) and to_json(self.form.assessment()) != self._clean

    def _on_changed(self) -> None:
        self._validate_timer.start()
        self._autosave_timer.start()

    def validate(self) -> list[str]:
        """Check the form now; the Save bar lists what blocks saving. Returns the blocking sentences."""
        draft = self.form.assessment()
        blocking: list[str] = []
        for title, cell in self.form.bad_inputs():
            if cell is None:
                blocking.append(
                    QCoreApplication.translate("CPEditor", "{tab}: có ô ngày/số chưa đọc được.").format(tab=title)
                )
            else:
                blocking.append(
                    QCoreApplication.translate(
                        "CPEditor", "{tab}, dòng {row}, cột «{column}»: «{text}» không phải là số."
                    ).format(tab=title, row=cell.row, column=cell.header, text=cell.text)
                )
        problems = validate_cp_assessment(draft)
        blocking.extend(self._describe(p) for p in problems if p.blocking)
        warnings = [self._describe(p) for p in problems if not p.blocking]
        self.problems = blocking
        ready = self.establishment is not None and not self._saving
        self.save_button.setEnabled(ready and not blocking)
        if blocking:
            self.status.setText(QCoreApplication.translate("CPEditor", "Chưa lưu được: ") + " ".join(blocking))
            self.status.setStyleSheet("color: #a94442")
        else:
            self.status.setText(" ".join(warnings))
            self.status.setStyleSheet("")
        self._refresh_facts(draft)
        return blocking

    def _describe(self, problem: Problem) -> str:
        return messages.describe(problem, self._lang)

    def _refresh_facts(self, draft: CPAssessment) -> None:
        est = self.establishment
        if est is None:
            return
        try:
            facts = self._services.cp_reference.indicators_for(draft, est.vsic_version, est.vsic_code)
        except Exception as error:  # a figure the arithmetic cannot use: say so, keep editing
            log.info("CP indicators not computed: %s", error)
            self.form.facts.show_message(error_text(error, self._lang))
            return
        self.form.facts.show_facts(facts, self._categories)

    # --- drafts -----------------------------------------------------------------------------------------

    def autosave(self) -> None:
        if self._finished or not self.is_dirty():
            return
        values = to_json(self.form.assessment())
        drafts, key, record_id = self._drafts, self._key, self.record.id if self.record else None
        title = self.establishment.name if self.establishment else ""
        self._tasks.run(
            lambda _ctx: drafts.save(key, ENTITY, record_id, title, values),
            lane=Lane.READ,
            key=f"cp-draft-{key}",
        )

    # --- saving -----------------------------------------------------------------------------------------

    def save(self) -> None:
        if self.validate() or self.establishment is None or self._saving:
            return
        draft = self.form.assessment()
        service = self._services.assessments
        write = service.update if draft.id is not None else service.create
        self._saving = True
        self.save_button.setEnabled(False)
        self._autosave_timer.stop()
        self._tasks.run(
            lambda _ctx: write(draft), on_success=self._on_saved, on_failure=self._on_failed, lane=Lane.WRITE
        )

    def _on_saved(self, saved: CPAssessment) -> None:
        if not shiboken6.isValid(self):
            return
        self._saving = False
        old_key = self._key
        self.record = saved
        self._key = draft_key(saved, self.establishment_id)
        drafts = self._drafts
        new_key = self._key

        def forget(_ctx: Any) -> None:
            drafts.discard(old_key)
            drafts.discard(new_key)

        self._tasks.run(forget, lane=Lane.READ)
        self.form.set_assessment(saved)
        self._clean = to_json(self.form.assessment())
        self.attachments.set_owner("cp_assessment", saved.id)
        self.saved.emit(saved)
        self._finished = True
        self.accept()

    def _on_failed(self, error: BaseException) -> None:
        if not shiboken6.isValid(self):
            return
        self._saving = False
        if isinstance(error, ValidationFailed):
            text = " ".join(self._describe(p) for p in error.problems)
        else:
            text = error_text(error, self._lang)
        self.status.setText(QCoreApplication.translate("CPEditor", "Không lưu được: ") + text)
        self.status.setStyleSheet("color: #a94442")
        self.save_button.setEnabled(True)

    # --- closing ----------------------------------------------------------------------------------------

    def reject(self) -> None:
        if not self._finished and self.is_dirty():
            answer = QMessageBox.question(
                self,
                QCoreApplication.translate("CPEditor", "Đóng đánh giá"),
                QCoreApplication.translate("CPEditor", "Đánh giá có thay đổi chưa lưu. Lưu trước khi đóng?"),
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
            self._autosave_timer.stop()
            self._drafts.discard(self._key)
        self._finished = True
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        if self._finished:
            event.accept()
            return
        event.ignore()
        self.reject()
