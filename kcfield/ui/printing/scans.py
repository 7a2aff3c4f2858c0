"""Attach scanned signed forms: each file finds its record by the QR code printed on its pages.

The files are read in the background (PDF pages rendered by PDFium, photos decoded by Qt, QR codes read by
zxing-cpp); the person then sees which record each file will go to, and confirms before anything is written.
Files that found no record say why and are left alone.
"""

from __future__ import annotations

from pathlib import Path

import shiboken6
from PySide6.QtCore import QObject
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from kcfield.domain.errors import DomainError
from kcfield.domain.messages import describe_error, text
from kcfield.domain.numbers import format_date_vi
from kcfield.services.container import Services
from kcfield.services.progress import ProgressUpdate
from kcfield.services.scans import ScanMatch
from kcfield.ui.tasks import Lane, TaskContext, Tasks

Found = list[tuple[Path, ScanMatch | None, str]]  # file, where it goes (or None), why not


def read_scan(services: Services, path: Path) -> ScanMatch:
    """The record a scanned file belongs to (runs in a worker thread; QImage may be used there)."""
    if path.suffix.lower() == ".pdf":
        return services.scans.identify_pdf(path)
    image = QImage(str(path))
    if image.isNull():
        raise DomainError("scan.unreadable_image", file=path.name)
    grey = image.convertToFormat(QImage.Format.Format_Grayscale8)
    width, height, stride = grey.width(), grey.height(), grey.bytesPerLine()
    raw = bytes(grey.constBits())
    rows = raw if stride == width else b"".join(raw[r * stride : r * stride + width] for r in range(height))
    return services.scans.identify_pixels(path.name, rows, width, height)


class ScanAttacher(QObject):
    def __init__(self, window: QWidget, services: Services, tasks: Tasks, lang: str = "vi") -> None:
        super().__init__(window)
        self._window, self._services, self._tasks, self._lang = window, services, tasks, lang
        self.last_found: Found = []
        self.attached = 0

    def choose_files(self) -> None:
        files, _filter = QFileDialog.getOpenFileNames(
            self._window,
            self.tr("Chọn bản quét phiếu đã ký"),
            str(Path.home()),
            self.tr("Bản quét (*.pdf *.jpg *.jpeg *.png)"),
        )
        if files:
            self.read([Path(f) for f in files])

    def read(self, files: list[Path]) -> None:
        services, lang = self._services, self._lang

        def work(ctx: TaskContext) -> Found:
            found: Found = []
            for number, path in enumerate(files, start=1):
                ctx.cancel_token.check()
                try:
                    found.append((path, read_scan(services, path), ""))
                except DomainError as error:
                    found.append((path, None, describe_error(error, lang)))
                except OSError as error:
                    found.append((path, None, error.strerror or str(error)))
                ctx.report(ProgressUpdate("scan.progress", number, len(files)))
            return found

        self._tasks.run(
            work,
            on_success=self._confirm,
            lane=Lane.READ,
            progress_label="scan.progress",
            parent_widget=self._window,
        )

    def describe(self, match: ScanMatch) -> str:
        if match.owner_entity == "visit":
            when = format_date_vi(match.visit_date) if match.visit_date else "—"
            return self.tr("lượt khảo sát ngày {date} — {name}").format(date=when, name=match.establishment_name)
        if match.owner_entity == "cp_assessment":
            return self.tr("đánh giá SXSH — {name}").format(name=match.establishment_name)
        return self.tr("hồ sơ cơ sở — {name}").format(name=match.establishment_name)

    def _confirm(self, found: Found) -> None:
        if not shiboken6.isValid(self._window):
            return
        self.last_found = found
        lines = []
        for path, match, why in found:
            if match is not None:
                lines.append(f"✔ {path.name} → {self.describe(match)}")
            else:
                lines.append(f"✘ {path.name}: {why}")
        matched = [(path, match) for path, match, _why in found if match is not None]
        if not matched:
            QMessageBox.warning(self._window, self.tr("Không gắn được bản quét"), "\n".join(lines))
            return
        answer = QMessageBox.question(
            self._window,
            self.tr("Gắn bản quét"),
            self.tr("Gắn {count} tệp vào hồ sơ như sau?").format(count=len(matched)) + "\n\n" + "\n".join(lines),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self._attach(matched)

    def _attach(self, matched: list[tuple[Path, ScanMatch]]) -> None:
        scans, caption = self._services.scans, text("scan.caption", self._lang)

        def work(_ctx: TaskContext) -> int:
            for path, match in matched:
                scans.attach(match, path, caption)
            return len(matched)

        self._tasks.run(
            work, on_success=self._attached, on_failure=self._failed, lane=Lane.WRITE, parent_widget=self._window
        )

    def _attached(self, count: int) -> None:
        self.attached += count
        if shiboken6.isValid(self._window):
            bar = getattr(self._window, "statusBar", None)
            message = self.tr("Đã gắn {count} bản quét vào hồ sơ.").format(count=count)
            if callable(bar):
                bar().showMessage(message, 10_000)

    def _failed(self, error: BaseException) -> None:
        if shiboken6.isValid(self._window):
            message = describe_error(error, self._lang) if isinstance(error, DomainError) else str(error)
            QMessageBox.warning(self._window, self.tr("Không gắn được bản quét"), message)
