"""The Sync page: what is waiting to be sent, the packages sent and their receipts, and the file exchange
with the centre (USB stick, shared folder, e-mail): export to a folder, import the centre's packages.

Every action runs in the background (WRITE lane for what changes the store); the lists are read again after.
"""

from __future__ import annotations

import contextlib
import shutil
from datetime import datetime
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kcfield.domain.errors import DomainError
from kcfield.domain.messages import describe_error, text
from kcfield.domain.numbers import format_number
from kcfield.services.container import Services
from kcfield.services.context import VIETNAM_TZ
from kcfield.services.progress import ProgressUpdate
from kcfield.services.sync_field import OutboxEntry
from kcfield.services.sync_import import FieldImportResult
from kcfield.services.sync_online import OnlineSync, SyncOutcome
from kcfield.ui.key_passphrase import ensure_unlocked
from kcfield.ui.tasks import Lane, TaskContext, Tasks

ENTITY_ORDER = ("establishment", "visit", "equipment_need", "cp_assessment", "attachment")


class SyncPage(QWidget):
    data_changed = Signal()  # records arrived from the centre: other pages refresh

    def __init__(self, services: Services, tasks: Tasks, lang: str = "vi", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services, self._tasks, self._lang = services, tasks, lang
        self.pending_total = 0
        self.last_import: list[str] = []
        self.title = QLabel(self.tr("Gửi và nhận dữ liệu với Trung tâm"))
        self.title.setStyleSheet("font-size: 15px; font-weight: 600;")
        self.trust = QLabel()
        self.trust.setWordWrap(True)
        self.trust.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status = QLabel()
        self.status.setWordWrap(True)

        self.pending = QTableWidget(len(ENTITY_ORDER), 2)
        self.pending.setHorizontalHeaderLabels([self.tr("Loại hồ sơ"), self.tr("Chờ gửi")])
        self.pending.verticalHeader().hide()
        self.pending.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.pending.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.pending.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        names = self._entity_names()
        for row, entity in enumerate(ENTITY_ORDER):
            self.pending.setItem(row, 0, QTableWidgetItem(names[entity]))
        self.pending.setMaximumHeight(
            self.pending.verticalHeader().length() + self.pending.horizontalHeader().height() + 6
        )

        self.outbox = QTableWidget(0, 4)
        self.outbox.setHorizontalHeaderLabels(
            [self.tr("Gói số"), self.tr("Ngày tạo"), self.tr("Số bản ghi"), self.tr("Biên nhận của Trung tâm")]
        )
        self.outbox.verticalHeader().hide()
        self.outbox.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.outbox.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.outbox.horizontalHeader()
        for column in range(3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)

        self.export_button = QPushButton(self.tr("&Xuất gói ra thư mục…"))
        self.export_button.setToolTip(
            self.tr("Ghi mọi thay đổi chưa gửi thành một gói có chữ ký, vào thư mục bạn chọn (ví dụ USB)")
        )
        self.export_button.clicked.connect(self.choose_export_folder)
        self.import_button = QPushButton(self.tr("&Nhập gói của Trung tâm…"))
        self.import_button.setToolTip(self.tr("Biên nhận, gói danh mục, hoặc gói chào mừng khi mới đăng ký"))
        self.import_button.clicked.connect(self.choose_import_files)
        self.resend_button = QPushButton(self.tr("Chép lại các gói chưa có biên nhận…"))
        self.resend_button.clicked.connect(self.choose_resend_folder)
        self.enrol_button = QPushButton(self.tr("Tạo yêu cầu đăng ký…"))
        self.enrol_button.setToolTip(self.tr("Tệp gửi cho Trung tâm để đăng ký khoá của máy này"))
        self.enrol_button.clicked.connect(self.choose_enrol_file)

        # Online sync: the centre's address (remembered), one button, a progress line per step, the last result.
        self.online: OnlineSync | None = None  # built on first use unless the container or a test provides one
        self.centre_edit = QLineEdit()
        self.centre_edit.setPlaceholderText(self.tr("https://địa-chỉ-trung-tâm"))
        self.centre_edit.setToolTip(self.tr("Địa chỉ máy chủ của Trung tâm, do Trung tâm cung cấp"))
        self.centre_edit.editingFinished.connect(self._save_centre_url)
        self.sync_button = QPushButton(self.tr("Đồng bộ ngay"))
        self.sync_button.setToolTip(
            self.tr("Gửi mọi thay đổi chưa gửi, nhận biên nhận và dữ liệu mới của Trung tâm qua mạng")
        )
        self.sync_button.clicked.connect(self.sync_now)
        self.sync_bar = QProgressBar()
        self.sync_bar.setVisible(False)
        self.sync_progress = QLabel()
        self.last_result = QLabel()
        self.last_result.setWordWrap(True)
        online_row = QHBoxLayout()  # one row (and the result line) so the page still fits a small screen
        online_row.addWidget(QLabel(self.tr("Địa chỉ Trung tâm:")))
        online_row.addWidget(self.centre_edit, 1)
        online_row.addWidget(self.sync_button)
        online_row.addWidget(self.sync_bar)
        online_row.addWidget(self.sync_progress)

        buttons = QHBoxLayout()
        for button in (self.export_button, self.import_button, self.resend_button, self.enrol_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        pending_box = QGroupBox(self.tr("Thay đổi chờ gửi"))
        QVBoxLayout(pending_box).addWidget(self.pending)
        outbox_box = QGroupBox(self.tr("Các gói đã gửi"))
        QVBoxLayout(outbox_box).addWidget(self.outbox)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.trust)
        layout.addLayout(online_row)
        layout.addWidget(self.last_result)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        layout.addWidget(pending_box)
        layout.addWidget(outbox_box, 1)
        self.refresh()
        self._load_online_settings()

    # --- reading -------------------------------------------------------------------------------------------

    def refresh(self) -> None:
        services = self._services

        def read(_ctx: TaskContext) -> tuple[dict[str, int], list[OutboxEntry], str, str]:
            user = services.collaborators.local_user()
            mine = user.key_fingerprint if user is not None else ""
            return (
                services.sync_field.pending_summary(),
                services.sync_field.outbox(),
                services.sync_import.centre_fingerprint(),
                mine,
            )

        self._tasks.run(read, on_success=self._show, lane=Lane.READ, key="sync-page")

    def _show(self, values: tuple[dict[str, int], list[OutboxEntry], str, str]) -> None:
        if not shiboken6.isValid(self):
            return
        pending, outbox, centre, mine = values
        for row, entity in enumerate(ENTITY_ORDER):
            item = QTableWidgetItem(format_number(pending.get(entity, 0), 0, self._lang))
            item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.pending.setItem(row, 1, item)
        self.pending_total = sum(pending.values())
        self.export_button.setEnabled(self.pending_total > 0)
        self.outbox.setRowCount(len(outbox))
        for row, entry in enumerate(reversed(outbox)):
            when = entry.created_at.astimezone(VIETNAM_TZ).strftime("%d/%m/%Y %H:%M")
            cells = [str(entry.sequence), when, format_number(entry.record_count, 0, self._lang), self._receipt(entry)]
            for column, value in enumerate(cells):
                self.outbox.setItem(row, column, QTableWidgetItem(value))
        unacknowledged = sum(1 for e in outbox if not e.acknowledged)
        self.resend_button.setEnabled(unacknowledged > 0)
        if centre:
            text = self.tr("Trung tâm đã được tin cậy — dấu vân tay khoá Trung tâm: {centre}").format(centre=centre)
        else:
            text = self.tr(
                "Máy này chưa nhận Trung tâm: tạo yêu cầu đăng ký, gửi cho Trung tâm, rồi nhập gói chào mừng."
            )
        if mine:
            text += "\n" + self.tr("Dấu vân tay khoá của máy này: {mine}").format(mine=mine)
        self.trust.setText(text)

    def _receipt(self, entry: OutboxEntry) -> str:
        if not entry.acknowledged:
            return self.tr("chưa có — giữ gói này đến khi có biên nhận")
        summary = entry.receipt_summary or {}
        parts = [self.tr("đã nhận")]
        if summary.get("merged"):
            parts.append(self.tr("{count} gộp").format(count=summary["merged"]))
        if summary.get("conflict"):
            parts.append(self.tr("{count} xung đột chờ Trung tâm giải quyết").format(count=summary["conflict"]))
        if summary.get("rejected"):
            parts.append(self.tr("{count} bị từ chối").format(count=summary["rejected"]))
        return ", ".join(parts)

    # --- actions -------------------------------------------------------------------------------------------

    def choose_export_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Chọn thư mục để ghi gói (ví dụ USB)"))
        if folder:
            self.export_to(Path(folder))

    def _unlocked(self) -> bool:
        """Ask for the key passphrase first when the key is protected and not opened yet in this session."""
        return ensure_unlocked(self._services.sync_field.vault, self._tasks, self._lang, self)

    def export_to(self, folder: Path) -> None:
        if not self._unlocked():
            return
        sync = self._services.sync_field
        self._run(lambda _ctx: sync.export(folder), self._exported, self.tr("Đang ghi gói…"), Lane.WRITE)

    def _exported(self, result: Any) -> None:
        if result is None:
            self.say(self.tr("Không có thay đổi nào chờ gửi."))
        else:
            self.say(
                self.tr("Đã ghi gói số {sequence} ({records} bản ghi) vào {path}").format(
                    sequence=result.sequence, records=result.record_count, path=str(result.copied_to or result.path)
                )
            )
        self.refresh()

    def choose_import_files(self) -> None:
        files, _filter = QFileDialog.getOpenFileNames(
            self, self.tr("Chọn gói của Trung tâm"), "", self.tr("Gói kcfield (*.kcpkg)")
        )
        if files:
            self.import_files([Path(f) for f in files])

    def import_files(self, files: list[Path]) -> None:
        if not self._unlocked():
            return
        importer = self._services.sync_import

        def work(ctx: TaskContext) -> list[tuple[Path, FieldImportResult | None, str]]:
            done: list[tuple[Path, FieldImportResult | None, str]] = []
            for path in files:
                ctx.cancel_token.check()
                try:
                    done.append((path, importer.import_file(path), ""))
                except DomainError as error:
                    done.append((path, None, describe_error(error, self._lang)))
            return done

        self._run(work, self._imported, self.tr("Đang nhập gói…"), Lane.WRITE)

    def _imported(self, done: list[tuple[Path, FieldImportResult | None, str]]) -> None:
        lines: list[str] = []
        trusted = ""
        for path, result, error in done:
            if result is None:
                lines.append(f"✘ {path.name}: {error}")
                continue
            counts = ", ".join(f"{k}: {v}" for k, v in sorted(result.counts.items())) or "—"
            kind = self.tr("biên nhận") if result.kind == "receipt" else self.tr("gói danh mục")
            lines.append(f"✔ {path.name} ({kind}): {counts}")
            trusted = trusted or result.trusted_fingerprint
        if trusted:
            lines.append(
                self.tr(
                    "Máy này từ nay tin cậy khoá Trung tâm có dấu vân tay {fingerprint}. Hãy đọc so với Trung tâm."
                ).format(fingerprint=trusted)
            )
        self.last_import = lines
        self.say("\n".join(lines))
        self.refresh()
        if any(result is not None for _p, result, _e in done):
            self.data_changed.emit()

    def choose_resend_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Chọn thư mục để chép lại các gói"))
        if folder:
            self.resend_to(Path(folder))

    def resend_to(self, folder: Path) -> None:
        sync = self._services.sync_field

        def work(_ctx: TaskContext) -> int:
            paths = sync.resend_paths()
            for path in paths:
                shutil.copy2(path, folder / path.name)
            return len(paths)

        self._run(
            work,
            lambda count: self.say(self.tr("Đã chép {count} gói chưa có biên nhận vào {folder}").format(
                count=count, folder=str(folder))),
            self.tr("Đang chép gói…"),
            Lane.READ,
        )  # fmt: skip

    def choose_enrol_file(self) -> None:
        target, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Lưu yêu cầu đăng ký"), "yeu-cau-dang-ky.json", self.tr("Yêu cầu đăng ký (*.json)")
        )
        if target:
            self.enrol_request(Path(target))

    def enrol_request(self, target: Path) -> None:
        if not self._unlocked():
            return
        sync = self._services.sync_field
        self._run(
            lambda _ctx: sync.enrol_request(target),
            lambda written: self.say(
                self.tr("Đã ghi yêu cầu đăng ký vào {path}. Đọc dấu vân tay cho Trung tâm: {fingerprint}").format(
                    path=str(written.path), fingerprint=written.fingerprint
                )
            ),
            self.tr("Đang ghi yêu cầu…"),
            Lane.WRITE,
        )

    # --- online sync -----------------------------------------------------------------------------------------

    def _online(self) -> OnlineSync:
        if self.online is None:
            self.online = self._services.sync_online
        return self.online

    def _load_online_settings(self) -> None:
        preferences = self._services.preferences

        def read(_ctx: TaskContext) -> tuple[str, dict[str, Any]]:
            return preferences.centre_url, preferences.last_sync_result

        def show(values: tuple[str, dict[str, Any]]) -> None:
            if shiboken6.isValid(self):
                if not self.centre_edit.text():
                    self.centre_edit.setText(values[0])
                self._show_last_result(values[1])

        self._tasks.run(read, on_success=show, lane=Lane.READ, key="sync-page-online")

    def _save_centre_url(self) -> None:
        preferences = self._services.preferences
        url = self.centre_edit.text().strip()

        def write(_ctx: TaskContext) -> None:
            preferences.centre_url = url

        self._tasks.run(write, lane=Lane.WRITE)

    def sync_now(self) -> None:
        """Export, upload, apply receipts and the reference package, in the background (WRITE lane): the window
        keeps working; a bad connection is retried, then said plainly."""
        if not self._unlocked():
            return
        online = self._online()
        url = self.centre_edit.text().strip()
        self.sync_button.setEnabled(False)
        self.sync_bar.setVisible(True)
        self.sync_bar.setRange(0, 0)
        self.sync_progress.setText(text("sync_online.step_export", self._lang))

        def work(ctx: TaskContext) -> SyncOutcome:
            return online.sync(url, progress=ctx.report, cancel=ctx.cancel_token)

        def failed(error: BaseException) -> None:
            message = describe_error(error, self._lang) if isinstance(error, DomainError) else str(error)
            self.say(message, error=True)
            self._sync_finished(message)
            self.refresh()  # the export may have happened: the package waits in the outbox for next time

        handle = self._tasks.run(work, on_success=self._synced, on_failure=failed, lane=Lane.WRITE, key="sync-now")
        if handle.done:
            self._sync_finished(None)
        else:
            handle.progressed.connect(self._sync_progressed)
            handle.finished.connect(lambda: self._sync_finished(None))

    def _sync_progressed(self, update: ProgressUpdate) -> None:
        if not shiboken6.isValid(self):
            return
        self.sync_progress.setText(text(update.label, self._lang, value=update.value, maximum=update.maximum))
        if update.maximum > 0:
            self.sync_bar.setRange(0, update.maximum)
            self.sync_bar.setValue(update.value)

    def _synced(self, outcome: SyncOutcome) -> None:
        code, params = outcome.summary()
        line = text(code, self._lang, **params)
        self.say(line, error=not outcome.ok)
        self._sync_finished(line)
        self.refresh()
        self.data_changed.emit()

    def _sync_finished(self, line: str | None) -> None:
        if not shiboken6.isValid(self):
            return
        self.sync_button.setEnabled(True)
        self.sync_bar.setVisible(False)
        if line is not None:
            self.sync_progress.setText("")
            self._load_online_settings()

    def _show_last_result(self, result: dict[str, Any]) -> None:
        if not result:
            self.last_result.setText(text("sync_online.never", self._lang))
            return
        when = str(result.get("at", ""))
        with contextlib.suppress(ValueError):
            when = datetime.fromisoformat(when).astimezone(VIETNAM_TZ).strftime("%d/%m/%Y %H:%M")
        raw = result.get("params")
        params = raw if isinstance(raw, dict) else {}
        said = text(str(result.get("code", "")), self._lang, **params)
        self.last_result.setText(text("sync_online.last_result", self._lang, when=when, result=said))
        self.last_result.setStyleSheet("" if result.get("ok") else "color: #b00020;")

    # --- helpers -------------------------------------------------------------------------------------------

    def say(self, text: str, error: bool = False) -> None:
        if shiboken6.isValid(self):
            self.status.setStyleSheet("color: #b00020;" if error else "")
            self.status.setText(text)

    def _run(self, work: Any, done: Any, label: str, lane: Lane) -> None:
        def failed(error: BaseException) -> None:
            message = describe_error(error, self._lang) if isinstance(error, DomainError) else str(error)
            self.say(message, error=True)
            if isinstance(error, OSError) and shiboken6.isValid(self):
                QMessageBox.warning(self, self.tr("Không thực hiện được"), message)

        self._tasks.run(work, on_success=done, on_failure=failed, lane=lane, progress_label=label, parent_widget=self)

    def _entity_names(self) -> dict[str, str]:
        return {
            "establishment": self.tr("Hồ sơ cơ sở"),
            "visit": self.tr("Lượt khảo sát"),
            "equipment_need": self.tr("Nhu cầu thiết bị"),
            "cp_assessment": self.tr("Đánh giá SXSH"),
            "attachment": self.tr("Ảnh, tài liệu đính kèm"),
        }
