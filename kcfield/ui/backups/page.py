"""The Backup page: every backup of the local store, "back up now", "restore…", and the backups folder.

Backups are made in the background (WRITE lane). A restore is confirmed here, then asked of the application
(:attr:`BackupsPage.restore_requested`): it must close the window and the store, restore, and build the window
again over the restored store (kcfield/app.py), which a page cannot do for itself.
"""

from __future__ import annotations

from pathlib import Path

import shiboken6
from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from kcfield.domain.errors import DomainError
from kcfield.domain.messages import describe_error
from kcfield.paths import AppPaths
from kcfield.services.container import Services
from kcfield.services.context import VIETNAM_TZ
from kcfield.store.backup import BackupInfo, BackupKind, parse_name
from kcfield.ui.backups.model import BackupRole, BackupTableModel, size_text
from kcfield.ui.tasks import Lane, Tasks

BACKUP_NOW_SHORTCUT = "Ctrl+Shift+B"


class BackupsPage(QWidget):
    restore_requested = Signal(object)  # Path of the confirmed backup: the application restores and rebuilds

    def __init__(
        self, services: Services, tasks: Tasks, paths: AppPaths, lang: str = "vi", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._services, self._tasks, self._paths, self._lang = services, tasks, paths, lang
        self.title = QLabel(self.tr("Sao lưu và khôi phục dữ liệu"))
        self.title.setStyleSheet("font-size: 15px; font-weight: 600;")
        self.explain = QLabel(
            self.tr(
                "Máy tự sao lưu mỗi ngày, trước mỗi lần nhập hoặc xuất gói và trước khi nâng cấp. Bản sao lưu nằm "
                "trong thư mục dữ liệu và chứa thông tin cá nhân: chỉ chép ra ngoài khi cần, và giữ cẩn thận."
            )
        )
        self.explain.setWordWrap(True)
        self.model = BackupTableModel(lang, self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        for column in range(3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _index: self.choose_restore())
        self.table.selectionModel().selectionChanged.connect(lambda *_args: self._update_buttons())

        self.backup_button = QPushButton(self.tr("Sao lưu ngay"))
        self.backup_button.setToolTip(self.tr("Sao lưu toàn bộ dữ liệu trên máy này ngay bây giờ (Ctrl+Shift+B)"))
        self.backup_button.clicked.connect(self.backup_now)
        self.restore_button = QPushButton(self.tr("Khôi phục…"))
        self.restore_button.setToolTip(
            self.tr("Thay dữ liệu trên máy bằng bản sao lưu đang chọn (hoặc một tệp sao lưu khác)")
        )
        self.restore_button.clicked.connect(self.choose_restore)
        self.folder_button = QPushButton(self.tr("Mở thư mục sao lưu"))
        self.folder_button.clicked.connect(self.open_folder)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        shortcut = QShortcut(QKeySequence(BACKUP_NOW_SHORTCUT), self)  # active while this page is shown
        shortcut.activated.connect(self.backup_now)

        buttons = QHBoxLayout()
        for button in (self.backup_button, self.restore_button, self.folder_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.explain)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        layout.addWidget(self.table, 1)
        self.refresh()

    # --- reading -------------------------------------------------------------------------------------------

    def refresh(self) -> None:
        backups = self._services.backups
        self._tasks.run(lambda _ctx: backups.backups(), on_success=self._show, lane=Lane.READ, key="backups-page")

    def _show(self, rows: list[BackupInfo]) -> None:
        if not shiboken6.isValid(self):
            return
        self.model.set_rows(rows)
        self._update_buttons()

    def selected(self) -> BackupInfo | None:
        indexes = self.table.selectionModel().selectedRows()
        return indexes[0].data(BackupRole) if indexes else None

    def _update_buttons(self) -> None:
        self.restore_button.setText(self.tr("Khôi phục bản đã chọn…") if self.selected() else self.tr("Khôi phục…"))

    # --- actions -------------------------------------------------------------------------------------------

    def backup_now(self) -> None:
        backups = self._services.backups

        def made(info: BackupInfo) -> None:
            self.say(
                self.tr("Đã sao lưu vào {path} ({size}).").format(
                    path=str(info.path), size=size_text(info.size, self._lang)
                )
            )
            self.refresh()

        self.backup_button.setEnabled(False)
        handle = self._tasks.run(
            lambda _ctx: backups.backup_now(BackupKind.MANUAL),
            on_success=made,
            on_failure=self._failed,
            lane=Lane.WRITE,
            progress_label=self.tr("Đang sao lưu…"),
            parent_widget=self,
        )
        if handle.done:
            self.backup_button.setEnabled(True)
        else:
            handle.finished.connect(self._backup_finished)

    def _backup_finished(self) -> None:
        if shiboken6.isValid(self):
            self.backup_button.setEnabled(True)

    def choose_restore(self) -> None:
        chosen = self.selected()
        if chosen is not None:
            self.restore(chosen.path, chosen.taken_at.astimezone(VIETNAM_TZ).strftime("%d/%m/%Y %H:%M"))
            return
        name, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Chọn bản sao lưu"), str(self._paths.backups), self.tr("Bản sao lưu kcfield (*.db)")
        )
        if name:
            self.restore(Path(name), "")

    def restore(self, path: Path, when: str) -> None:
        """Ask, then hand the restore to the application (which closes this window to do it)."""
        if not when:
            parsed = parse_name(path, self._paths.database.stem)
            when = parsed[1].astimezone(VIETNAM_TZ).strftime("%d/%m/%Y %H:%M") if parsed else path.name
        if self.confirm_restore(when):
            self.restore_requested.emit(path)

    def confirm_restore(self, when: str) -> bool:
        answer = QMessageBox.question(
            self,
            self.tr("Khôi phục dữ liệu"),
            self.tr(
                "Khôi phục bản sao lưu lúc {when}?\n\n"
                "• Dữ liệu hiện tại được giữ riêng thành một bản sao lưu «Trước khi khôi phục».\n"
                "• Mọi thay đổi làm sau {when} sẽ không còn trên máy này. Các gói đã gửi thì vẫn còn ở Trung tâm, "
                "và gói gửi tiếp theo vẫn nối tiếp đúng số thứ tự.\n"
                "• Cửa sổ sẽ đóng lại rồi mở ra trên dữ liệu đã khôi phục."
            ).format(when=when),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Yes

    def open_folder(self) -> None:
        self._paths.backups.mkdir(parents=True, exist_ok=True)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self._paths.backups)))

    # --- helpers -------------------------------------------------------------------------------------------

    def say(self, text: str, error: bool = False) -> None:
        if shiboken6.isValid(self):
            self.status.setStyleSheet("color: #b00020;" if error else "")
            self.status.setText(text)

    def _failed(self, error: BaseException) -> None:
        message = describe_error(error, self._lang) if isinstance(error, DomainError) else str(error)
        self.say(message, error=True)
