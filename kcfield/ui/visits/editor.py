"""The visit editor: the form, live checks (position against Vietnam and the establishment), drafts, saving,
finalising and amendments.

* **Checks** run 250 ms after the last change, in the GUI thread (pure rules, no database): each message sits
  under its box; errors block "Lưu" and the line beside the buttons says which boxes to fix.
* **The establishment** (for the far-from warning) is loaded once in the READ lane.
* **Drafts** are written two seconds after the last change in a background task (entity ``"visit"``); saving
  removes the draft, and closing with changes asks first.
* **Finalising** locks the visit (the service keeps a snapshot of the profile). A final visit opens read-only
  with a banner; corrections go through "Tạo bản điều chỉnh", which opens a new draft pointing at it.
"""

from __future__ import annotations

import logging
from typing import Any
from uuid import UUID, uuid4

import shiboken6
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QMessageBox,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from kcfield.domain import messages
from kcfield.domain.enums import VisitStatus
from kcfield.domain.errors import DomainError, ValidationFailed
from kcfield.domain.model import Establishment, Visit
from kcfield.domain.numbers import format_date_vi
from kcfield.services.container import Services
from kcfield.services.context import VIETNAM_TZ
from kcfield.services.drafts import DraftStore, check_key
from kcfield.ui.attachments.panel import AttachmentsPanel
from kcfield.ui.places.nearby import NearbyDialog
from kcfield.ui.tasks import Lane, Tasks
from kcfield.ui.visits import checks
from kcfield.ui.visits.bar import EditorBar
from kcfield.ui.visits.drafts import ENTITY, VisitDrafts, draft_values, restore
from kcfield.ui.visits.form import VisitForm

__all__ = ["ENTITY", "VisitEditor"]

log = logging.getLogger(__name__)

VALIDATE_DELAY_MS = 250
AUTOSAVE_DELAY_MS = 2_000


class VisitEditor(QDialog):
    saved = Signal(object)  # the saved (or finalised, or newly amended) Visit

    def __init__(
        self,
        services: Services,
        tasks: Tasks,
        drafts: DraftStore,
        lang: str = "vi",
        record: Visit | None = None,
        establishment_id: UUID | None = None,
        parent: QWidget | None = None,
        *,
        draft: tuple[str, dict[str, Any]] | None = None,
    ) -> None:
        super().__init__(parent)
        if establishment_id is None:
            establishment_id = record.establishment_id if record is not None else None
        if establishment_id is None:
            raise ValueError("a visit belongs to an establishment")
        self._services = services
        self._tasks = tasks
        self._drafts = drafts
        self._channel = VisitDrafts(drafts)
        self._lang = lang
        self._record = record
        self._establishment_id = establishment_id
        self.establishment: Establishment | None = None
        self.province_area: checks.ProvinceArea | None = None
        self.findings = checks.Findings()
        self.amendment_editor: VisitEditor | None = None
        self._busy = False
        self._finished = False
        if draft is not None:
            self._key = check_key(draft[0])
        elif record is not None and record.id is not None:
            self._key = record.id.hex
        else:
            self._key = uuid4().hex
        self._restored = draft is not None

        self._validate_timer = QTimer(self, singleShot=True, interval=VALIDATE_DELAY_MS)
        self._validate_timer.timeout.connect(self.validate_now)
        self._autosave_timer = QTimer(self, singleShot=True, interval=AUTOSAVE_DELAY_MS)
        self._autosave_timer.timeout.connect(self.save_draft)
        self._build()
        base = record if record is not None else Visit(establishment_id=establishment_id, visit_date=self._today())
        self.form.set_visit(base)
        self._baseline = self.form.state()
        if draft is not None:
            self._restore(draft[1])
        self.form.edited.connect(self._on_edited)
        self.form.position.nearby_requested.connect(self.show_nearby)
        self._apply_status()
        self.validate_now()
        self._load_establishment()

    # --- building ----------------------------------------------------------------------------------------

    def _build(self) -> None:
        self.setMinimumSize(760, 600)
        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet("background: #fff4ce; padding: 6px; border: 1px solid #e0c060;")
        self.banner.hide()
        self.form = VisitForm(self._lang, self._today)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.form)
        self.tabs = QTabWidget()
        self.tabs.addTab(scroll, self.tr("Phiếu khảo sát"))
        owner_id = self._record.id if self._record is not None else None
        self.attachments = AttachmentsPanel(self._services, self._tasks, ENTITY, owner_id, self._lang)
        self.attachments_tab = self.tabs.addTab(self.attachments, self.tr("Ảnh và tài liệu"))

        self.bar = EditorBar()
        self.save_button = self.bar.save_button
        self.finalise_button = self.bar.finalise_button
        self.amend_button = self.bar.amend_button
        self.blockers = self.bar.blockers
        self.save_button.clicked.connect(self.save)
        self.finalise_button.clicked.connect(self.finalise)
        self.amend_button.clicked.connect(self.amend)
        self.bar.close_button.clicked.connect(self.reject)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self, self.save)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.bar)

    # --- public ------------------------------------------------------------------------------------------

    @property
    def record(self) -> Visit | None:
        return self._record

    @property
    def draft_key(self) -> str:
        return self._key

    def is_final(self) -> bool:
        return self._record is not None and self._record.status == VisitStatus.FINAL

    def is_dirty(self) -> bool:
        return not self.is_final() and (self._restored or self.form.state() != self._baseline)

    def current_visit(self) -> Visit:
        return self.form.visit()

    def validate_now(self) -> None:
        self._validate_timer.stop()
        if self.is_final():
            self.form.show_messages({})
            self.findings = checks.Findings()
        else:
            self.findings = checks.collect(
                self.current_visit(),
                self.form.input_problems(),
                self.establishment,
                self._today(),
                self._lang,
                self.province_area,
            )
            self.form.show_messages(self.findings.rows)
        labels = {name: row.label.text().replace("&", "") for name, row in self.form.rows.items()}
        names = checks.blocker_names(self.findings, labels)
        text = self.tr("Chưa lưu được — cần sửa: {boxes}").format(boxes="; ".join(names)) if names else ""
        self.bar.show_blockers(text)
        self._update_buttons()

    def save(self) -> None:
        """Write the form (WRITE lane); the editor stays open so photos can be added and the visit finalised."""
        if self._busy or self._finished or self.is_final():
            return
        self.validate_now()
        if self.findings.blocking:
            self._focus_first_problem()
            return
        visit = self.current_visit()
        services = self._services
        self._set_busy(True)
        self._tasks.run(
            lambda _ctx: services.visits.update(visit) if visit.id is not None else services.visits.create(visit),
            on_success=self._on_saved,
            on_failure=self._on_failure,
            lane=Lane.WRITE,
            progress_label=self.tr("Đang lưu phiếu khảo sát…"),
            parent_widget=self,
        )

    def confirm_finalise(self) -> bool:
        answer = QMessageBox.question(
            self,
            self.tr("Hoàn tất phiếu"),
            self.tr("Sau khi hoàn tất, phiếu bị khoá; muốn sửa phải tạo bản điều chỉnh.\nHoàn tất phiếu này?"),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def finalise(self) -> None:
        """After confirmation: save what is typed, then lock the visit (one WRITE task)."""
        if self._busy or self._finished or self.is_final():
            return
        self.validate_now()
        if self.findings.blocking:
            self._focus_first_problem()
            return
        if not self.confirm_finalise():
            return
        visit = self.current_visit()
        dirty = self.is_dirty() or visit.id is None
        visits = self._services.visits

        def work(_ctx: object) -> Visit:
            stored = visit
            if dirty:
                stored = visits.update(visit) if visit.id is not None else visits.create(visit)
            assert stored.id is not None
            return visits.finalise(stored.id)

        self._set_busy(True)
        self._tasks.run(
            work,
            on_success=self._on_saved,
            on_failure=self._on_failure,
            lane=Lane.WRITE,
            progress_label=self.tr("Đang hoàn tất phiếu…"),
            parent_widget=self,
        )

    def amend(self) -> None:
        """Start a correction of this final visit and open it in a new editor; this one closes."""
        if self._busy or not self.is_final() or self._record is None or self._record.id is None:
            return
        record_id = self._record.id
        visits = self._services.visits
        self._set_busy(True)
        self._tasks.run(
            lambda _ctx: visits.amend(record_id),
            on_success=self._on_amended,
            on_failure=self._on_failure,
            lane=Lane.WRITE,
            parent_widget=self,
        )

    def save_draft(self) -> None:
        """Write the form as a draft now (in the background)."""
        self._autosave_timer.stop()
        if self.is_final() or self._finished:
            return
        values = draft_values(self.form)
        name = self.establishment.name if self.establishment is not None else ""
        title = self.tr("Lượt khảo sát {name}").format(name=name).strip()
        record_id = self._record.id if self._record is not None else None
        channel, epoch, key = self._channel, self._channel.epoch, self._key
        self._tasks.run(
            lambda _ctx: channel.write(epoch, key, record_id, title, values),
            on_failure=self._on_draft_failure,
            lane=Lane.READ,
            key=f"draft-{key}",
        )

    def ask_unsaved(self) -> QMessageBox.StandardButton:
        return QMessageBox.question(
            self,
            self.tr("Đóng phiếu khảo sát"),
            self.tr("Phiếu khảo sát có thay đổi chưa lưu.\nBạn có muốn lưu trước khi đóng không?"),
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )

    def reject(self) -> None:
        """Esc, the window's close button and "Đóng": ask before losing typed changes."""
        if self._busy:
            return
        if not self._finished and self.is_dirty():
            answer = self.ask_unsaved()
            if answer == QMessageBox.StandardButton.Cancel:
                return
            if answer == QMessageBox.StandardButton.Save:
                self.save()
                if self.is_dirty():
                    return  # not saved (a problem, or still writing): stay
            else:
                self._discard_draft()
        self._finished = True
        self._autosave_timer.stop()
        self._validate_timer.stop()
        super().reject()

    def show_nearby(self, point: tuple[float, float]) -> NearbyDialog:
        """Establishments already recorded near the visit's position (the one visited left out)."""
        dialog = NearbyDialog(
            self._services, self._tasks, point, self._lang, exclude=self._establishment_id, parent=self
        )
        self.nearby_dialog = dialog
        dialog.open()
        return dialog

    # --- internals ---------------------------------------------------------------------------------------

    def _today(self) -> Any:
        return self._services.ctx.today()

    def _load_establishment(self) -> None:
        establishments, reference, eid = self._services.establishments, self._services.reference, self._establishment_id

        def load(_ctx: Any) -> tuple[Establishment, checks.ProvinceArea | None]:
            establishment = establishments.get(eid)
            return establishment, checks.province_area(reference, establishment)

        self._tasks.run(
            load,
            on_success=self._got_establishment,
            on_failure=lambda error: log.warning("establishment %s not loaded: %s", eid, error),
            lane=Lane.READ,
        )

    def _got_establishment(self, loaded: tuple[Establishment, checks.ProvinceArea | None]) -> None:
        if not shiboken6.isValid(self):
            return
        self.establishment, self.province_area = loaded
        self._update_title()
        self.validate_now()

    def _on_edited(self) -> None:
        self._validate_timer.start()
        self._autosave_timer.start()
        self.bar.say("")

    def _restore(self, values: dict[str, Any]) -> None:
        base = self._record if self._record is not None else Visit(establishment_id=self._establishment_id)
        try:
            restore(self.form, values, base)
        except (ValueError, TypeError, KeyError) as error:
            log.warning("draft %s not readable: %s", self._key, error)

    def _on_saved(self, visit: Visit) -> None:
        if not shiboken6.isValid(self):
            return
        self._set_busy(False)
        first_save = self._record is None or self._record.id is None
        self._record = visit
        self._discard_draft()
        self._restored = False
        self.form.blockSignals(True)
        self.form.set_visit(visit)
        self.form.blockSignals(False)
        # the boxes now show the record as stored (a position re-written in degrees)
        self._baseline = self.form.state()
        if first_save:
            self._key = visit.id.hex if visit.id is not None else self._key
        self.attachments.set_owner(ENTITY, visit.id)
        self._apply_status()
        self.validate_now()
        self._say(self.tr("Đã hoàn tất phiếu.") if self.is_final() else self.tr("Đã lưu."), error=False)
        self.saved.emit(visit)

    def _on_amended(self, amendment: Visit) -> None:
        self._set_busy(False)
        self.saved.emit(amendment)
        editor = VisitEditor(
            self._services,
            self._tasks,
            self._drafts,
            self._lang,
            amendment,
            self._establishment_id,
            self.parentWidget(),
        )
        editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.amendment_editor = editor
        editor.show()
        self._finished = True
        super().reject()

    def _on_failure(self, error: BaseException) -> None:
        if not shiboken6.isValid(self):
            return
        self._set_busy(False)
        if isinstance(error, ValidationFailed):
            text = "\n".join(messages.describe(p, self._lang) for p in error.problems)
        elif isinstance(error, DomainError):
            text = messages.describe_error(error, self._lang)
        else:
            log.error("saving a visit failed", exc_info=error)
            text = self.tr("Không lưu được: {error}").format(error=error)
        self._say(text)

    def _on_draft_failure(self, error: BaseException) -> None:
        log.warning("draft %s not written: %s", self._key, error)
        if shiboken6.isValid(self):
            self._say(self.tr("Không ghi được bản nháp tự động: {error}").format(error=error))

    def _discard_draft(self) -> None:
        self._channel.start_delete()
        channel, key = self._channel, self._key
        self._tasks.run(
            lambda _ctx: channel.delete(key), on_failure=self._on_draft_failure, lane=Lane.READ, key=f"draft-{key}"
        )

    def _apply_status(self) -> None:
        final = self.is_final()
        self.form.set_read_only(final)
        saved = self._record is not None and self._record.id is not None
        self.tabs.setTabEnabled(self.attachments_tab, saved)
        self.tabs.setTabToolTip(
            self.attachments_tab, "" if saved else self.tr("Lưu phiếu trước, rồi thêm ảnh và tài liệu")
        )
        self.save_button.setVisible(not final)
        self.finalise_button.setVisible(not final)
        self.amend_button.setVisible(final)
        if final and self._record is not None:
            when = self._record.finalised_at
            day = format_date_vi(when.astimezone(VIETNAM_TZ).date()) if when is not None else ""
            self.banner.setText(self.tr("Phiếu đã hoàn tất ngày {day} — chỉ xem").format(day=day))
            self.banner.show()
        elif self._record is not None and self._record.amends_visit_id is not None:
            self.banner.setText(self.tr("Bản điều chỉnh của một phiếu đã hoàn tất; phiếu gốc được giữ nguyên."))
            self.banner.show()
        else:
            self.banner.hide()
        self._update_title()

    def _update_buttons(self) -> None:
        can = not self._busy and not self.findings.blocking
        self.save_button.setEnabled(can)
        self.finalise_button.setEnabled(can)
        self.amend_button.setEnabled(not self._busy)

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self._update_buttons()

    def _say(self, text: str, *, error: bool = True) -> None:
        self.bar.say(text, error=error)

    def _focus_first_problem(self) -> None:
        for row, _text in self.findings.blocking:
            if row:
                self.form.focus_row(row)
                return

    def _update_title(self) -> None:
        name = self.establishment.name if self.establishment is not None else ""
        if self._record is None or self._record.id is None:
            title = self.tr("Lượt khảo sát mới")
        elif self.is_final():
            title = self.tr("Lượt khảo sát (đã hoàn tất)")
        else:
            title = self.tr("Lượt khảo sát (nháp)")
        self.setWindowTitle(f"{title} — {name}" if name else title)
