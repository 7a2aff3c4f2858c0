"""A print preview that shows the real pages of the PDF (rendered by PDFium, not re-drawn by Qt).

Pages are rendered in the background one at a time and appear as they come, so a 100-page batch shows its
first page at once. "Print…" goes through Qt's print dialog and paints each page, rendered at the printer's
resolution, in a worker thread with a progress bar; "Save as PDF…" copies the built file.
"""

from __future__ import annotations

import logging
import queue
import shutil
from pathlib import Path

import shiboken6
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QImage, QKeySequence, QPainter, QPixmap, QShortcut
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from kcfield.domain.errors import DomainError
from kcfield.domain.messages import describe_error
from kcfield.services import pdf_pages
from kcfield.services.progress import ProgressUpdate
from kcfield.ui.tasks import Lane, TaskContext, Tasks

log = logging.getLogger("kcfield.ui.printing")

PREVIEW_DPI = 80  # an A4 page is 661 × 935 pixels: readable, and 100 pages stay under 250 MB of pixmaps
PREVIEW_PAGES = 200  # more than this: the preview shows the first ones and says so; printing takes all
PRINT_DPI = 300


def to_qimage(page: pdf_pages.PageImage) -> QImage:
    fmt = QImage.Format.Format_Grayscale8 if page.grey else QImage.Format.Format_RGBX8888
    return QImage(page.data, page.width, page.height, page.stride, fmt).copy()  # copy: own the pixels


class PreviewDialog(QDialog):
    def __init__(
        self, tasks: Tasks, pdf: Path, title: str, suggested_name: str, lang: str = "vi", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._tasks, self.pdf, self._lang, self._suggested = tasks, pdf, lang, suggested_name
        self.setWindowTitle(self.tr("Xem trước khi in — {title}").format(title=title))
        self.page_labels: list[QLabel] = []
        self._ready: queue.SimpleQueue[pdf_pages.PageImage] = queue.SimpleQueue()
        self.page_total = 0
        self.pages_widget = QWidget()
        self.pages_layout = QVBoxLayout(self.pages_widget)
        self.pages_layout.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.pages_layout.setSpacing(12)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidget(self.pages_widget)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.scroll_area.setStyleSheet("QScrollArea { background: palette(dark); }")
        self.status = QLabel(self.tr("Đang hiện các trang…"))
        self.print_button = QPushButton(self.tr("&In…"))
        self.print_button.setToolTip(self.tr("Chọn máy in và in (Ctrl+P)"))
        self.print_button.clicked.connect(self.print_document)
        self.save_button = QPushButton(self.tr("&Lưu thành PDF…"))
        self.save_button.setToolTip(self.tr("Lưu tệp PDF để gửi hoặc in sau (Ctrl+S)"))
        self.save_button.clicked.connect(self.save_as)
        self.close_button = QPushButton(self.tr("Đóng"))
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.scroll_area, 1)
        layout.addLayout(buttons)
        QShortcut(QKeySequence.StandardKey.Print, self, self.print_document)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save_as)
        self.print_button.setDefault(True)
        self.resize(QSize(780, 900))
        self._render()

    # --- pages -------------------------------------------------------------------------------------------

    def _render(self) -> None:
        pdf, ready = self.pdf, self._ready

        def work(ctx: TaskContext) -> int:
            total = pdf_pages.page_count(pdf)
            shown = min(total, PREVIEW_PAGES)
            for page in pdf_pages.render_pages(pdf, PREVIEW_DPI, range(shown)):
                ctx.cancel_token.check()
                # Each page goes to the GUI as soon as it is ready: reports are coalesced, so the pixels travel
                # in a thread-safe queue and a report only says "look in the queue" (see _take_pages).
                ready.put(page)
                ctx.report(ProgressUpdate("", page.index + 1, shown))
            return total

        handle = self._tasks.run(work, on_success=self._rendered, on_failure=self._failed, lane=Lane.READ)
        progressed = getattr(handle, "progressed", None)
        if progressed is not None:
            progressed.connect(lambda _update: self._take_pages())

    def _take_pages(self) -> None:
        if not shiboken6.isValid(self):
            return
        while not self._ready.empty():
            page = self._ready.get_nowait()
            label = QLabel()
            label.setPixmap(QPixmap.fromImage(to_qimage(page)))
            label.setFrameShape(QLabel.Shape.Box)
            label.setAccessibleName(self.tr("Trang {number}").format(number=page.index + 1))
            self.pages_layout.addWidget(label)
            self.page_labels.append(label)

    def _rendered(self, total: int) -> None:
        if not shiboken6.isValid(self):
            return
        self._take_pages()
        self.page_total = total
        if total > len(self.page_labels):
            self.status.setText(
                self.tr("{total} trang; đang xem {shown} trang đầu. In hoặc lưu sẽ gồm tất cả.").format(
                    total=total, shown=len(self.page_labels)
                )
            )
        else:
            self.status.setText(self.tr("{total} trang, khổ A4").format(total=total))

    def _failed(self, error: BaseException) -> None:
        if not shiboken6.isValid(self):
            return
        message = describe_error(error, self._lang) if isinstance(error, DomainError) else str(error)
        self.status.setText(message)
        self.print_button.setEnabled(False)

    # --- actions -----------------------------------------------------------------------------------------

    def save_as(self) -> None:
        target, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Lưu thành PDF"), str(Path.home() / self._suggested), self.tr("Tệp PDF (*.pdf)")
        )
        if target:
            self.save_to(Path(target if target.lower().endswith(".pdf") else target + ".pdf"))

    def save_to(self, target: Path) -> None:
        source = self.pdf

        def copy(_ctx: TaskContext) -> Path:
            partial = target.with_name(target.name + ".part")
            shutil.copyfile(source, partial)
            partial.replace(target)  # never a half-written PDF under the chosen name
            return target

        self._tasks.run(copy, on_success=self._saved, on_failure=self._save_failed, lane=Lane.READ)

    def _saved(self, target: Path) -> None:
        if shiboken6.isValid(self):
            self.status.setText(self.tr("Đã lưu {file}").format(file=str(target)))

    def _save_failed(self, error: BaseException) -> None:
        if shiboken6.isValid(self):
            detail = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
            QMessageBox.warning(
                self, self.tr("Không lưu được"), self.tr("Không lưu được tệp PDF: {reason}").format(reason=detail)
            )

    def print_document(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self._suggested)
        printer.setFullPage(True)  # the PDF has its own margins
        dialog = QPrintDialog(printer, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.print_to(printer)

    def print_to(self, printer: QPrinter) -> None:
        """Paint every page onto ``printer`` in a worker thread (QPainter on a QPrinter may live there)."""
        pdf = self.pdf

        def work(ctx: TaskContext) -> int:
            total = pdf_pages.page_count(pdf)
            first, last = printer.fromPage(), printer.toPage()
            wanted = list(range(total)) if first == 0 else list(range(first - 1, min(last, total)))
            dpi = min(PRINT_DPI, max(printer.resolution(), 72))
            painter = QPainter()
            if not painter.begin(printer):
                raise OSError(self.tr("Máy in không nhận lệnh in"))
            try:
                for done, page in enumerate(pdf_pages.render_pages(pdf, dpi, wanted)):
                    ctx.cancel_token.check()
                    if done:
                        printer.newPage()
                    target = painter.viewport()
                    image = to_qimage(page)
                    scaled = image.size().scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
                    painter.setViewport(target.x(), target.y(), scaled.width(), scaled.height())
                    painter.setWindow(image.rect())
                    painter.drawImage(0, 0, image)
                    painter.setViewport(target)
                    ctx.report(ProgressUpdate("printing.pages_progress", done + 1, len(wanted)))
            finally:
                painter.end()
            return len(wanted)

        self._tasks.run(
            work,
            on_success=self._printed,
            on_failure=self._failed,
            lane=Lane.READ,
            progress_label="printing.pages_progress",
            parent_widget=self,
        )

    def _printed(self, pages: int) -> None:
        if shiboken6.isValid(self):
            self.status.setText(self.tr("Đã gửi {pages} trang tới máy in.").format(pages=pages))
