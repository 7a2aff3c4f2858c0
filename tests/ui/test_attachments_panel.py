"""The attachments panel as an editor embeds it: add photos and PDFs (button API and drag and drop), shrink large
photos, refuse what is not a photo or PDF, edit captions, remove, open, and notice a stored file changed on disk.

Runs on SyncTaskRunner: the work has finished (callbacks included) when the call returns. One test runs the real
TaskRunner to check the thumbnails made in a worker reach the model.
"""

from __future__ import annotations

from pathlib import Path
from uuid import UUID

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QColor, QDesktopServices, QDragEnterEvent, QDropEvent, QImage, QImageReader, QPixmap
from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox
from pytestqt.qtbot import QtBot

from kcfield.domain.model import Establishment
from kcfield.services.container import Services
from kcfield.ui.attachments import AttachmentsPanel
from kcfield.ui.attachments.model import AttachmentListModel, RecordRole
from kcfield.ui.tasks import SyncTaskRunner, TaskRunner

PDF_BYTES = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


@pytest.fixture
def owner(profiled: Services) -> UUID:
    saved = profiled.establishments.create(Establishment(name="Cơ sở bún Tư Hùng", commune_code=26596))
    assert saved.id is not None
    return saved.id


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    folder = tmp_path / "from-phone"
    folder.mkdir()
    big = QImage(3000, 1500, QImage.Format.Format_RGB32)
    big.fill(QColor("#2a7ab0"))
    assert big.save(str(folder / "nha-xuong.png"))
    small = QImage(400, 300, QImage.Format.Format_RGB32)
    small.fill(QColor("#c04020"))
    assert small.save(str(folder / "may-moc.jpg"))
    (folder / "giay-phep.pdf").write_bytes(PDF_BYTES)
    (folder / "ghi-chu.jpg").write_text("Đây không phải là ảnh", encoding="utf-8")
    return {p.name: p for p in folder.iterdir()}


def make_panel(
    qtbot: QtBot, services: Services, owner_id: UUID | None, tasks: SyncTaskRunner | TaskRunner | None = None
) -> AttachmentsPanel:
    panel = AttachmentsPanel(services, tasks or SyncTaskRunner(), "establishment", owner_id)
    qtbot.addWidget(panel)
    return panel


def enter_event(mime: QMimeData) -> QDragEnterEvent:
    return QDragEnterEvent(
        QPoint(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )


def stored_size(services: Services, panel: AttachmentsPanel, file_name: str) -> tuple[int, int]:
    record = next(a for a in panel.model.records() if a.file_name == file_name)
    assert record.id is not None
    size = QImageReader(str(services.attachments.file_path(record.id))).size()
    return size.width(), size.height()


def test_unsaved_owner_cannot_add(app: QApplication, qtbot: QtBot, profiled: Services, owner: UUID) -> None:
    panel = make_panel(qtbot, profiled, None)
    assert not panel.hint_label.isHidden()
    assert panel.hint_label.text() == "Lưu hồ sơ trước khi thêm ảnh"
    assert not panel.add_button.isEnabled()
    panel.set_owner("establishment", owner)
    assert panel.hint_label.isHidden()
    assert panel.add_button.isEnabled()


def test_add_shrinks_large_photo_and_shows_thumbnails(
    app: QApplication, qtbot: QtBot, profiled: Services, owner: UUID, files: dict[str, Path]
) -> None:
    panel = make_panel(qtbot, profiled, owner)
    assert panel.shrink_check.isChecked()
    assert "2000" in panel.shrink_check.toolTip()
    with qtbot.waitSignal(panel.changed):
        panel.add_files([files["nha-xuong.png"], files["may-moc.jpg"], files["giay-phep.pdf"]])
    assert panel.model.rowCount() == 3
    names = [a.file_name for a in panel.model.records()]
    assert names == ["nha-xuong.jpg", "may-moc.jpg", "giay-phep.pdf"]  # the shrunk copy is a JPEG
    assert stored_size(profiled, panel, "nha-xuong.jpg") == (2000, 1000)
    assert stored_size(profiled, panel, "may-moc.jpg") == (400, 300)  # small photos are kept as they are
    assert files["nha-xuong.png"].is_file()  # the original is untouched
    photo, small, pdf = panel.model.records()
    assert photo.id is not None and pdf.id is not None and small.id is not None
    assert panel.model.has_thumbnail(photo.id) and panel.model.has_thumbnail(small.id)
    assert not panel.model.has_thumbnail(pdf.id)
    thumb = panel.model.index(0).data(Qt.ItemDataRole.DecorationRole)
    assert isinstance(thumb, QPixmap) and max(thumb.width(), thumb.height()) == 128
    assert panel.model.index(2).data(Qt.ItemDataRole.DisplayRole) == "giay-phep.pdf"
    assert panel.status_label.text() == "3 tệp; tất cả nguyên vẹn"


def test_unchecked_shrink_keeps_original_size(
    app: QApplication, qtbot: QtBot, profiled: Services, owner: UUID, files: dict[str, Path]
) -> None:
    panel = make_panel(qtbot, profiled, owner)
    panel.shrink_check.setChecked(False)
    panel.add_files([files["nha-xuong.png"]])
    assert stored_size(profiled, panel, "nha-xuong.png") == (3000, 1500)


def test_refused_file_listed_while_others_are_added(
    app: QApplication, qtbot: QtBot, profiled: Services, owner: UUID, files: dict[str, Path]
) -> None:
    panel = make_panel(qtbot, profiled, owner)
    panel.add_files([files["ghi-chu.jpg"], files["giay-phep.pdf"]])
    assert [a.file_name for a in panel.model.records()] == ["giay-phep.pdf"]
    assert not panel.message_label.isHidden()
    message = panel.message_label.text()
    assert "Không đính kèm được 1 tệp" in message
    assert "Tệp ghi-chu.jpg không phải ảnh JPEG, ảnh PNG hay tài liệu PDF" in message


def test_drop_local_files(
    app: QApplication, qtbot: QtBot, profiled: Services, owner: UUID, files: dict[str, Path]
) -> None:
    panel = make_panel(qtbot, profiled, owner)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(files["may-moc.jpg"])), QUrl.fromLocalFile(str(files["giay-phep.pdf"]))])
    event = QDropEvent(
        QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    enter = enter_event(mime)
    QApplication.sendEvent(panel, enter)  # Qt delivers a drop only to the widget that accepted the drag
    assert enter.isAccepted()
    QApplication.sendEvent(panel, event)
    assert event.isAccepted()
    assert sorted(a.file_name for a in panel.model.records()) == ["giay-phep.pdf", "may-moc.jpg"]


def test_drop_refused_without_owner(
    app: QApplication, qtbot: QtBot, profiled: Services, files: dict[str, Path]
) -> None:
    panel = make_panel(qtbot, profiled, None)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(files["may-moc.jpg"]))])
    enter = enter_event(mime)
    QApplication.sendEvent(panel, enter)
    assert not enter.isAccepted()
    panel.dropEvent(
        QDropEvent(
            QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
        )
    )
    assert panel.model.rowCount() == 0


def test_caption_edit_by_double_click(
    app: QApplication,
    qtbot: QtBot,
    profiled: Services,
    owner: UUID,
    files: dict[str, Path],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    panel = make_panel(qtbot, profiled, owner)
    panel.add_files([files["may-moc.jpg"]])
    monkeypatch.setattr(QInputDialog, "getText", lambda *args, **kwargs: ("Máy xay bột mới mua", True))
    with qtbot.waitSignal(panel.changed):
        panel.view.doubleClicked.emit(panel.model.index(0))
    record = panel.model.index(0).data(RecordRole)
    assert record.caption == "Máy xay bột mới mua"
    assert panel.model.index(0).data(Qt.ItemDataRole.DisplayRole) == "Máy xay bột mới mua"
    assert profiled.attachments.get(record.id).caption == "Máy xay bột mới mua"


def test_remove_after_confirmation(
    app: QApplication,
    qtbot: QtBot,
    profiled: Services,
    owner: UUID,
    files: dict[str, Path],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    panel = make_panel(qtbot, profiled, owner)
    panel.add_files([files["may-moc.jpg"], files["giay-phep.pdf"]])
    pdf = panel.model.records()[1]
    assert pdf.id is not None
    panel.select(pdf.id)
    assert panel.remove_button.isEnabled()
    monkeypatch.setattr(QMessageBox, "question", lambda *args, **kwargs: QMessageBox.StandardButton.No)
    panel.remove_button.click()
    assert panel.model.rowCount() == 2
    monkeypatch.setattr(QMessageBox, "question", lambda *args, **kwargs: QMessageBox.StandardButton.Yes)
    panel.select(pdf.id)
    with qtbot.waitSignal(panel.changed):
        panel.remove_button.click()
    assert [a.file_name for a in panel.model.records()] == ["may-moc.jpg"]
    assert [a.file_name for a in profiled.attachments.of_owner("establishment", owner)] == ["may-moc.jpg"]
    assert panel.status_label.text() == "1 tệp; tất cả nguyên vẹn"


def test_open_copies_with_original_name(
    app: QApplication,
    qtbot: QtBot,
    profiled: Services,
    owner: UUID,
    files: dict[str, Path],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    panel = make_panel(qtbot, profiled, owner)
    panel.add_files([files["giay-phep.pdf"]])
    opened: list[QUrl] = []

    def fake_open(url: QUrl) -> bool:
        opened.append(url)
        return True

    monkeypatch.setattr(QDesktopServices, "openUrl", fake_open)
    panel.select(panel.model.records()[0].id)  # type: ignore[arg-type]
    panel.open_button.click()
    assert len(opened) == 1
    path = Path(opened[0].toLocalFile())
    assert path.name == "giay-phep.pdf"
    assert path.read_bytes() == PDF_BYTES


def test_modified_file_shows_integrity_warning(
    app: QApplication, qtbot: QtBot, profiled: Services, owner: UUID, files: dict[str, Path]
) -> None:
    panel = make_panel(qtbot, profiled, owner)
    panel.add_files([files["may-moc.jpg"], files["giay-phep.pdf"]])
    assert panel.status_label.text() == "2 tệp; tất cả nguyên vẹn"
    pdf = panel.model.records()[1]
    assert pdf.id is not None
    stored = profiled.attachments.file_path(pdf.id)
    stored.write_bytes(PDF_BYTES + "sửa".encode())
    panel.reload()
    assert panel.status_label.text() == "Tệp «giay-phep.pdf» đã bị thay đổi hoặc mất"
    stored.unlink()
    panel.reload()
    assert "giay-phep.pdf" in panel.status_label.text()


def test_thumbnails_from_worker_threads(
    app: QApplication, qtbot: QtBot, profiled: Services, owner: UUID, files: dict[str, Path]
) -> None:
    runner = TaskRunner()
    panel = make_panel(qtbot, profiled, owner, runner)
    try:
        with qtbot.waitSignal(panel.changed, timeout=10_000):
            panel.add_files([files["nha-xuong.png"]])
        qtbot.waitUntil(lambda: panel.model.rowCount() == 1, timeout=10_000)
        record = panel.model.records()[0]
        assert record.id is not None
        qtbot.waitUntil(lambda: panel.model.has_thumbnail(record.id), timeout=10_000)  # type: ignore[arg-type]
        qtbot.waitUntil(lambda: panel.status_label.text() == "1 tệp; tất cả nguyên vẹn", timeout=10_000)
    finally:
        assert runner.wait_idle()
        runner.shutdown()


def test_model_passes_qtmodeltester(
    app: QApplication, qtbot: QtBot, qtmodeltester: object, profiled: Services, owner: UUID, files: dict[str, Path]
) -> None:
    panel = make_panel(qtbot, profiled, owner)
    panel.add_files([files["may-moc.jpg"], files["giay-phep.pdf"]])
    qtmodeltester.check(panel.model)  # type: ignore[attr-defined]
    empty = AttachmentListModel()
    qtmodeltester.check(empty)  # type: ignore[attr-defined]
    empty.set_rows(panel.model.records())
    qtmodeltester.check(empty)  # type: ignore[attr-defined]
