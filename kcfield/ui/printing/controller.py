"""Build a document in the background (progress bar, Cancel), then show its preview.

Screens ask for a document by what it is (``visit``, ``prefilled``, ``needs_for_commune`` …); the PDF is
written to the printouts cache folder under a fresh name, so two previews never share a file, and files
older than a day are removed when the controller starts.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from uuid import UUID

import shiboken6
from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMessageBox, QWidget

from kcfield.domain.errors import DomainError
from kcfield.domain.messages import describe_error
from kcfield.services.container import Services
from kcfield.services.progress import Cancelled, ProgressUpdate
from kcfield.services.registry import RegistryQuery
from kcfield.ui.printing.preview import PreviewDialog
from kcfield.ui.tasks import Lane, TaskContext, Tasks

log = logging.getLogger("kcfield.ui.printing")

KEEP_SECONDS = 24 * 3600

Build = Callable[[Path, TaskContext], int]


class PrintController(QObject):
    def __init__(self, window: QWidget, services: Services, tasks: Tasks, folder: Path, lang: str = "vi") -> None:
        super().__init__(window)
        self._window, self._services, self._tasks, self._folder, self._lang = window, services, tasks, folder, lang
        self.preview: PreviewDialog | None = None  # the last preview opened (tests, screenshots)
        self._counter = 0
        self._sweep()

    def request(self, kind: str, ident: object) -> None:
        """What the pages' ``print_requested(kind, id)`` signals ask for."""
        if kind == "blank":
            self.blank()
        elif kind == "visit" and isinstance(ident, UUID):
            self.visit(ident)
        elif kind == "prefilled" and isinstance(ident, UUID):
            self.prefilled([ident])
        elif kind == "needs" and isinstance(ident, UUID):
            self.needs_for_establishment(ident)
        elif kind == "needs_commune" and isinstance(ident, int):
            self.needs_for_commune(ident)
        elif kind == "cp" and isinstance(ident, UUID):
            self.cp(ident)
        elif kind == "list" and isinstance(ident, RegistryQuery):
            self.establishment_list(ident)
        elif kind == "hint":
            QMessageBox.information(self._window, self.tr("In"), str(ident))
        else:
            raise ValueError(f"unknown print request {kind!r} {ident!r}")

    # --- documents -------------------------------------------------------------------------------------------

    def blank(self) -> None:
        printing = self._services.printing
        self._build(
            self.tr("Phiếu khảo sát trắng"), "phieu-khao-sat-trang.pdf", lambda out, _c: printing.blank_form(out)
        )

    def visit(self, visit_id: UUID) -> None:
        self.visits([visit_id])

    def visits(self, visit_ids: Sequence[UUID]) -> None:
        printing, ids = self._services.printing, [str(v) for v in visit_ids]
        title = (
            self.tr("Phiếu khảo sát đã điền")
            if len(ids) == 1
            else self.tr("{count} phiếu khảo sát").format(count=len(ids))
        )
        self._build(
            title,
            "phieu-khao-sat.pdf" if len(ids) == 1 else "cac-phieu-khao-sat.pdf",
            lambda out, ctx: printing.visit_forms(ids, out, progress=_forms_progress(ctx)),
        )

    def prefilled(self, establishment_ids: Sequence[UUID]) -> None:
        printing, ids = self._services.printing, [str(e) for e in establishment_ids]
        self._build(
            self.tr("Phiếu khảo sát điền sẵn hồ sơ ({count} cơ sở)").format(count=len(ids)),
            "phieu-dien-san.pdf",
            lambda out, ctx: printing.prefilled_forms(ids, out, progress=_forms_progress(ctx)),
        )

    def establishment_list(self, query: RegistryQuery) -> None:
        reports = self._services.reports
        self._build(
            self.tr("Danh sách cơ sở"),
            "danh-sach-co-so.pdf",
            lambda out, _c: reports.establishment_list(query, out),
        )

    def needs_for_establishment(self, establishment_id: UUID) -> None:
        reports = self._services.reports
        self._build(
            self.tr("Bảng tổng hợp nhu cầu thiết bị của cơ sở"),
            "nhu-cau-thiet-bi.pdf",
            lambda out, _c: reports.needs_summary_for_establishment(establishment_id, out),
        )

    def needs_for_commune(self, commune_code: int) -> None:
        reports = self._services.reports
        self._build(
            self.tr("Bảng tổng hợp nhu cầu thiết bị của xã"),
            f"nhu-cau-thiet-bi-xa-{commune_code}.pdf",
            lambda out, _c: reports.needs_summary_for_commune(commune_code, out),
        )

    def cp(self, assessment_id: UUID) -> None:
        reports = self._services.reports
        self._build(
            self.tr("Báo cáo đánh giá sản xuất sạch hơn"),
            "bao-cao-sxsh.pdf",
            lambda out, _c: reports.cp_report(assessment_id, out),
        )

    # --- internals -------------------------------------------------------------------------------------------

    def _build(self, title: str, filename: str, build: Build) -> None:
        self._counter += 1
        out = self._folder / f"{time.strftime('%Y%m%d-%H%M%S')}-{self._counter}-{filename}"

        def work(ctx: TaskContext) -> Path:
            out.parent.mkdir(parents=True, exist_ok=True)
            ctx.report(ProgressUpdate("printing.building", 0, 0))
            try:
                build(out, ctx)
            except DomainError as error:
                if error.code == "forms.cancelled":
                    raise Cancelled from error
                raise
            return out

        self._tasks.run(
            work,
            on_success=lambda path: self._show(path, title, filename),
            on_failure=self._failed,
            lane=Lane.READ,
            progress_label="printing.building",
            parent_widget=self._window,
        )

    def _show(self, path: Path, title: str, filename: str) -> None:
        if not shiboken6.isValid(self._window):
            return
        self.preview = PreviewDialog(self._tasks, path, title, filename, self._lang, self._window)
        self.preview.open()

    def _failed(self, error: BaseException) -> None:
        if isinstance(error, Cancelled) or not shiboken6.isValid(self._window):
            return
        if isinstance(error, DomainError):
            message = describe_error(error, self._lang)
        else:
            log.exception("printing failed", exc_info=error)
            message = str(error)
        QMessageBox.warning(self._window, self.tr("Không tạo được tài liệu in"), message)

    def _sweep(self) -> None:
        if not self._folder.is_dir():
            return
        limit = time.time() - KEEP_SECONDS
        for old in self._folder.glob("*.pdf"):
            try:
                if old.stat().st_mtime < limit:
                    old.unlink()
            except OSError as error:  # a file open in another program: try again next start
                log.info("old printout %s kept: %s", old, error)


def _forms_progress(ctx: TaskContext) -> Callable[[int, int], bool]:
    def progress(done: int, total: int) -> bool:
        ctx.report(ProgressUpdate("printing.forms_progress", done, total))
        return not ctx.cancel_token.cancelled

    return progress
