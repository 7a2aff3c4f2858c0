"""Deleting from the registry: confirm, soft-delete, then offer "undo" in a strip above the list for a while.

An inline strip rather than a dialog: the collaborator keeps working, and the undo stays in reach long enough to
notice that the wrong row went away (Gmail's pattern). Records are only soft-deleted, so undo is a restore.
"""

from __future__ import annotations

import logging
from uuid import UUID

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QMessageBox, QPushButton, QToolButton, QWidget

from kcfield.domain.errors import DomainError
from kcfield.domain.messages import describe_error
from kcfield.services.establishments import EstablishmentService
from kcfield.ui.registry.lifetime import while_alive
from kcfield.ui.tasks import Lane, Tasks

log = logging.getLogger(__name__)

UNDO_SHOW_MS = 15_000


class UndoBanner(QFrame):
    undo_requested = Signal(object)  # UUID of the deleted record

    def __init__(self, parent: QWidget | None = None, *, show_ms: int = UNDO_SHOW_MS) -> None:
        super().__init__(parent)
        self.setObjectName("undoBanner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("#undoBanner { background: #fff8e1; border: 1px solid #e0c36a; border-radius: 3px; }")
        self.label = QLabel(self)
        self.label.setTextFormat(Qt.TextFormat.PlainText)  # names are data, never markup
        self.undo_button = QPushButton(self.tr("Hoàn tác"), self)
        self.undo_button.setToolTip(self.tr("Khôi phục cơ sở vừa xoá"))
        self.close_button = QToolButton(self)
        self.close_button.setText("×")
        self.close_button.setAutoRaise(True)
        self.close_button.setToolTip(self.tr("Đóng"))
        self.close_button.setAccessibleName(self.tr("Đóng thông báo"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 4, 4)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.undo_button)
        layout.addWidget(self.close_button)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(show_ms)
        self.timer.timeout.connect(self.dismiss)
        self.undo_button.clicked.connect(self._undo)
        self.close_button.clicked.connect(self.dismiss)
        self.record_id: UUID | None = None
        self.hide()

    def show_deleted(self, record_id: UUID, name: str) -> None:
        self.record_id = record_id
        self.label.setText(self.tr("Đã xoá «{name}».").format(name=name))
        self.undo_button.setEnabled(True)
        self.show()
        self.timer.start()

    def dismiss(self) -> None:
        self.timer.stop()
        self.record_id = None
        self.hide()

    def _undo(self) -> None:
        if self.record_id is not None:
            self.undo_button.setEnabled(False)  # one click, one restore
            self.undo_requested.emit(self.record_id)


class DeleteFlow(QObject):
    """Confirm → delete (WRITE lane) → banner → restore on undo. The page refreshes on the two signals."""

    deleted = Signal(object)  # UUID
    restored = Signal(object)  # UUID

    def __init__(
        self, establishments: EstablishmentService, tasks: Tasks, banner: UndoBanner, lang: str, parent: QWidget
    ) -> None:
        super().__init__(parent)
        self._establishments = establishments
        self._tasks = tasks
        self._banner = banner
        self._lang = lang
        self._parent = parent
        banner.undo_requested.connect(self.restore)

    def confirm(self, name: str) -> bool:
        answer = QMessageBox.question(
            self._parent,
            self.tr("Xoá cơ sở"),
            self.tr("Xoá cơ sở «{name}» khỏi danh sách?\n\nNgay sau khi xoá vẫn có thể bấm «Hoàn tác».").format(
                name=name
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def delete(self, record_id: UUID, name: str) -> None:
        """Ask, then delete; nothing happens if the user says no."""
        if not self.confirm(name):
            return
        establishments = self._establishments

        def done(_result: object) -> None:
            self._banner.show_deleted(record_id, name)
            self.deleted.emit(record_id)

        self._tasks.run(
            lambda _ctx: establishments.delete(record_id),
            on_success=while_alive(self, done),
            on_failure=while_alive(self, self._show_error),
            lane=Lane.WRITE,
            parent_widget=self._parent,
        )

    def restore(self, record_id: UUID) -> None:
        establishments = self._establishments

        def done(_result: object) -> None:
            self._banner.dismiss()
            self.restored.emit(record_id)

        def failed(error: BaseException) -> None:
            self._banner.undo_button.setEnabled(self._banner.record_id is not None)  # let them try again
            self._show_error(error)

        self._tasks.run(
            lambda _ctx: establishments.restore(record_id),
            on_success=while_alive(self, done),
            on_failure=while_alive(self, failed),
            lane=Lane.WRITE,
            parent_widget=self._parent,
        )

    def _show_error(self, error: BaseException) -> None:
        if isinstance(error, DomainError):
            message = describe_error(error, self._lang)
        else:
            log.error("registry delete/restore failed", exc_info=(type(error), error, error.__traceback__))
            message = self.tr("Lỗi không mong đợi: {error}").format(error=f"{type(error).__name__}: {error}")
        QMessageBox.warning(self._parent, self.tr("Không thực hiện được"), message)
