"""The attachments panel: photos and documents of one record, embedded by the establishment, visit, need and
assessment editors.

``AttachmentsPanel(services, tasks, owner_entity, owner_id, lang="vi", parent=None)``; ``set_owner()`` switches
record (``owner_id=None``: the record is not saved yet, so nothing can be attached); ``changed`` is emitted after
every add, caption edit or removal. All database and file work runs through the task runner: listing,
thumbnails and the integrity check in the READ lane, adding / captions / removal in the WRITE lane.
"""

from __future__ import annotations

from pathlib import Path
from uuid import UUID

from PySide6.QtCore import QModelIndex, QSize, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QDragEnterEvent, QDragMoveEvent, QDropEvent, QImage, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListView,
    QMessageBox,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from kcfield.domain.errors import DomainError
from kcfield.domain.messages import describe_error
from kcfield.domain.model import Attachment
from kcfield.services.container import Services
from kcfield.ui.attachments.adding import AddOutcome, add_files, copy_for_viewer
from kcfield.ui.attachments.images import THUMBNAIL_SIDE, read_thumbnail
from kcfield.ui.attachments.model import AttachmentListModel, RecordRole, is_image
from kcfield.ui.tasks import Lane, TaskContext, Tasks


class AttachmentsPanel(QWidget):
    changed = Signal()

    def __init__(
        self,
        services: Services,
        tasks: Tasks,
        owner_entity: str,
        owner_id: UUID | None,
        lang: str = "vi",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._tasks = tasks
        self._lang = lang
        self.owner_entity = owner_entity
        self.owner_id: UUID | None = owner_id
        self._generation = 0  # bumps on every owner change: late results for another record are dropped

        self.model = AttachmentListModel(self.style().standardIcon(QStyle.StandardPixmap.SP_FileIcon), lang, self)
        self.view = QListView(self)
        self.view.setModel(self.model)
        self.view.setViewMode(QListView.ViewMode.IconMode)
        self.view.setIconSize(QSize(THUMBNAIL_SIDE, THUMBNAIL_SIDE))
        self.view.setGridSize(QSize(THUMBNAIL_SIDE + 32, THUMBNAIL_SIDE + 48))
        self.view.setResizeMode(QListView.ResizeMode.Adjust)
        self.view.setMovement(QListView.Movement.Static)
        self.view.setWordWrap(True)
        self.view.setUniformItemSizes(True)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAccessibleName(self.tr("Ảnh và tài liệu đính kèm"))
        self.view.doubleClicked.connect(self._on_double_clicked)

        self.add_button = QPushButton(self.tr("Thêm ảnh/tài liệu…"), self)
        self.add_button.setToolTip(self.tr("Chọn ảnh (JPEG, PNG) hoặc tài liệu PDF; có thể kéo thả tệp vào đây."))
        self.add_button.clicked.connect(self.choose_files)
        self.open_button = QPushButton(self.tr("Mở"), self)
        self.open_button.setToolTip(self.tr("Mở tệp đã chọn bằng chương trình xem ảnh/PDF của máy."))
        self.open_button.clicked.connect(self._open_selected)
        self.caption_button = QPushButton(self.tr("Sửa chú thích…"), self)
        self.caption_button.clicked.connect(self._edit_selected_caption)
        self.remove_button = QPushButton(self.tr("Xoá"), self)
        self.remove_button.clicked.connect(self._remove_selected)
        self.shrink_check = QCheckBox(self.tr("Thu nhỏ ảnh lớn"), self)
        self.shrink_check.setChecked(True)
        self.shrink_check.setToolTip(
            self.tr(
                "Ảnh có cạnh dài hơn 2000 điểm ảnh được thu nhỏ còn 2000 điểm ảnh và lưu dạng JPEG trước khi đính "
                "kèm, để tiết kiệm chỗ trên máy và khi gửi dữ liệu. Tệp gốc trên máy không bị thay đổi và không "
                "được chép vào. Bỏ chọn để đính kèm ảnh với cỡ gốc."
            )
        )

        buttons = QHBoxLayout()
        for widget in (self.add_button, self.open_button, self.caption_button, self.remove_button):
            buttons.addWidget(widget)
        buttons.addStretch(1)
        buttons.addWidget(self.shrink_check)

        self.hint_label = QLabel(self.tr("Lưu hồ sơ trước khi thêm ảnh"), self)
        self.hint_label.setWordWrap(True)
        self.message_label = QLabel(self)
        self.message_label.setWordWrap(True)
        self.message_label.setTextFormat(Qt.TextFormat.PlainText)
        self.message_label.setStyleSheet("color: #a40000;")
        self.message_label.hide()
        self.status_label = QLabel(self)
        self.status_label.setWordWrap(True)
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.hint_label)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.message_label)
        layout.addWidget(self.status_label)

        self.setAcceptDrops(True)
        self.view.selectionModel().selectionChanged.connect(self._update_actions)
        self.model.modelReset.connect(self._update_actions)
        self.set_owner(owner_entity, owner_id)

    # --- owner -----------------------------------------------------------------------------------------------

    def set_owner(self, owner_entity: str, owner_id: UUID | None) -> None:
        self.owner_entity = owner_entity
        self.owner_id = owner_id
        self._generation += 1
        self.message_label.clear()
        self.message_label.hide()
        self.status_label.clear()
        self.model.set_rows([])
        saved = owner_id is not None
        self.hint_label.setVisible(not saved)
        self.add_button.setEnabled(saved)
        self.view.setEnabled(saved)
        if saved:
            self.reload()
        self._update_actions()

    def reload(self) -> None:
        """Read the owner's attachments again (READ lane), then their thumbnails and the integrity check."""
        owner_entity, owner_id, generation = self.owner_entity, self.owner_id, self._generation
        if owner_id is None:
            return
        service = self._services.attachments
        self._tasks.run(
            lambda _ctx: service.of_owner(owner_entity, owner_id),
            on_success=lambda rows: self._on_loaded(generation, rows),
            on_failure=self._show_error,
            lane=Lane.READ,
            key=f"attachments.load.{id(self)}",
        )

    def _on_loaded(self, generation: int, rows: list[Attachment]) -> None:
        if generation != self._generation:
            return
        self.model.set_rows(rows)
        self._load_thumbnails(generation, rows)
        self._check_integrity(generation, rows)

    def _load_thumbnails(self, generation: int, rows: list[Attachment]) -> None:
        service = self._services.attachments
        wanted = [a for a in rows if is_image(a) and a.id is not None and not self.model.has_thumbnail(a.id)]
        if not wanted:
            return

        def work(ctx: TaskContext) -> dict[UUID, QImage]:
            images: dict[UUID, QImage] = {}
            for attachment in wanted:
                ctx.cancel_token.check()
                assert attachment.id is not None
                image = read_thumbnail(service.store.path_of(attachment.sha256))
                if image is not None:
                    images[attachment.id] = image
            return images

        def done(images: dict[UUID, QImage]) -> None:
            if generation != self._generation:
                return
            for attachment_id, image in images.items():  # QPixmap only here, in the GUI thread
                self.model.set_thumbnail(attachment_id, QPixmap.fromImage(image))

        self._tasks.run(work, on_success=done, on_failure=self._show_error, key=f"attachments.thumbs.{id(self)}")

    def _check_integrity(self, generation: int, rows: list[Attachment]) -> None:
        service = self._services.attachments

        def work(_ctx: TaskContext) -> list[Attachment]:
            return [a for a in rows if a.id is not None and not service.verify(a.id)]

        def done(damaged: list[Attachment]) -> None:
            if generation != self._generation:
                return
            self.model.set_damaged({a.id for a in damaged if a.id is not None})
            self._show_integrity(len(rows), damaged)

        self._tasks.run(work, on_success=done, on_failure=self._show_error, key=f"attachments.verify.{id(self)}")

    def _show_integrity(self, count: int, damaged: list[Attachment]) -> None:
        if count == 0:
            self.status_label.setText(self.tr("Chưa có tệp đính kèm."))
            self.status_label.setStyleSheet("")
        elif not damaged:
            self.status_label.setText(self.tr("%n tệp; tất cả nguyên vẹn", "", count))
            self.status_label.setStyleSheet("")
        else:
            names = "», «".join(a.file_name for a in damaged)
            self.status_label.setText(self.tr("Tệp «%1» đã bị thay đổi hoặc mất").replace("%1", names))
            self.status_label.setStyleSheet("color: #a40000;")

    # --- adding ----------------------------------------------------------------------------------------------

    def choose_files(self) -> None:
        if self.owner_id is None:
            return
        paths, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Chọn ảnh hoặc tài liệu"), "", self.tr("Ảnh và PDF (*.jpg *.jpeg *.png *.pdf)")
        )
        if paths:
            self.add_files([Path(p) for p in paths])

    def add_files(self, paths: list[Path]) -> None:
        """Attach ``paths`` (WRITE lane); the files refused are listed in the panel while the others are added."""
        owner_entity, owner_id, generation = self.owner_entity, self.owner_id, self._generation
        if owner_id is None or not paths:
            return
        service = self._services.attachments
        shrink = self.shrink_check.isChecked()
        lang = self._lang

        def work(ctx: TaskContext) -> AddOutcome:
            return add_files(service, owner_entity, owner_id, paths, shrink=shrink, lang=lang, token=ctx.cancel_token)

        self._tasks.run(
            work,
            on_success=lambda outcome: self._on_added(generation, outcome),
            on_failure=self._show_error,
            lane=Lane.WRITE,
            parent_widget=self,
        )

    def _on_added(self, generation: int, outcome: AddOutcome) -> None:
        if outcome.refused:
            self._show_message(
                self.tr("Không đính kèm được %n tệp:", "", len(outcome.refused)) + "\n" + "\n".join(outcome.refused)
            )
        else:
            self.message_label.hide()
        if outcome.added:
            self.changed.emit()
        if generation == self._generation:
            self.reload()

    # --- drag and drop ---------------------------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt's name
        if self.owner_id is not None and self._local_files(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:  # noqa: N802 - Qt's name
        if self.owner_id is not None and self._local_files(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt's name
        paths = self._local_files(event)
        if self.owner_id is None or not paths:
            event.ignore()
            return
        event.acceptProposedAction()
        self.add_files(paths)

    @staticmethod
    def _local_files(event: QDropEvent) -> list[Path]:
        mime = event.mimeData()
        if mime is None or not mime.hasUrls():
            return []
        return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile() and url.toLocalFile()]

    # --- the selected attachment -----------------------------------------------------------------------------

    def selected(self) -> Attachment | None:
        indexes = self.view.selectionModel().selectedIndexes()
        if not indexes:
            return None
        record = indexes[0].data(RecordRole)
        return record if isinstance(record, Attachment) else None

    def select(self, attachment_id: UUID) -> None:
        row = self.model.row_of(attachment_id)
        if row >= 0:
            self.view.setCurrentIndex(self.model.index(row))

    def _update_actions(self) -> None:
        has = self.owner_id is not None and self.selected() is not None
        for button in (self.open_button, self.caption_button, self.remove_button):
            button.setEnabled(has)

    def _on_double_clicked(self, index: QModelIndex) -> None:
        record = index.data(RecordRole)
        if isinstance(record, Attachment):
            self._ask_caption(record)

    def _edit_selected_caption(self) -> None:
        record = self.selected()
        if record is not None:
            self._ask_caption(record)

    def _ask_caption(self, attachment: Attachment) -> None:
        caption, ok = QInputDialog.getText(
            self,
            self.tr("Chú thích"),
            self.tr("Chú thích cho «%1»:").replace("%1", attachment.file_name),
            QLineEdit.EchoMode.Normal,
            attachment.caption,
        )
        if ok and attachment.id is not None:
            self.set_caption(attachment.id, caption)

    def set_caption(self, attachment_id: UUID, caption: str) -> None:
        service = self._services.attachments

        def done(updated: Attachment) -> None:
            self.model.replace(updated)
            self.changed.emit()

        self._tasks.run(
            lambda _ctx: service.set_caption(attachment_id, caption),
            on_success=done,
            on_failure=self._show_error,
            lane=Lane.WRITE,
        )

    def _remove_selected(self) -> None:
        record = self.selected()
        if record is None or record.id is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Xoá tệp đính kèm"),
            self.tr("Xoá «%1» khỏi hồ sơ này?").replace("%1", record.caption or record.file_name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.remove(record.id)

    def remove(self, attachment_id: UUID) -> None:
        """Soft-delete (WRITE lane) without asking; the Remove button asks first."""
        service = self._services.attachments

        def done(_: None) -> None:
            self.changed.emit()
            self.reload()

        self._tasks.run(
            lambda _ctx: service.delete(attachment_id), on_success=done, on_failure=self._show_error, lane=Lane.WRITE
        )

    def _open_selected(self) -> None:
        record = self.selected()
        if record is not None and record.id is not None:
            self.open_attachment(record.id)

    def open_attachment(self, attachment_id: UUID) -> None:
        """Open a copy of the stored file, named as it was attached (stored files have no extension, and a viewer
        must not change the stored bytes), with the computer's own viewer."""
        service = self._services.attachments

        def work(_ctx: TaskContext) -> Path:
            return copy_for_viewer(service, attachment_id)

        def done(path: Path) -> None:
            if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
                self._show_message(self.tr("Máy chưa có chương trình mở được tệp «%1».").replace("%1", path.name))

        self._tasks.run(work, on_success=done, on_failure=self._show_error)

    # --- messages --------------------------------------------------------------------------------------------

    def _show_message(self, message: str) -> None:
        self.message_label.setText(message)
        self.message_label.show()

    def _show_error(self, error: BaseException) -> None:
        if isinstance(error, DomainError):
            self._show_message(describe_error(error, self._lang))
        else:
            self._show_message(self.tr("Lỗi: %1").replace("%1", str(error) or type(error).__name__))
