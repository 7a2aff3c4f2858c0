"""The print preview shows the PDF's real pages, saves a copy and prints through a QPrinter."""

from __future__ import annotations

from pathlib import Path

import pypdf
from PySide6.QtPrintSupport import QPrinter
from pytestqt.qtbot import QtBot
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from kcfield.ui.printing.preview import PREVIEW_DPI, PreviewDialog
from kcfield.ui.tasks import SyncTaskRunner


def three_pages(path: Path) -> Path:
    pdf = canvas.Canvas(str(path), pagesize=A4)
    for number in range(1, 4):
        pdf.drawString(72, 760, f"Page {number}")
        pdf.showPage()
    pdf.save()
    return path


def test_the_preview_shows_every_page_and_saves_an_identical_copy(qtbot: QtBot, tmp_path: Path) -> None:
    source = three_pages(tmp_path / "phieu.pdf")
    dialog = PreviewDialog(SyncTaskRunner(), source, "Phiếu khảo sát", "phieu.pdf")
    qtbot.addWidget(dialog)
    assert len(dialog.page_labels) == 3 and dialog.page_total == 3
    pixmap = dialog.page_labels[0].pixmap()
    assert abs(pixmap.width() - round(595.28 * PREVIEW_DPI / 72)) <= 1  # a real A4 page at the preview's dpi
    assert "3 trang" in dialog.status.text()
    target = tmp_path / "out" / "ban-sao.pdf"
    target.parent.mkdir()
    dialog.save_to(target)
    assert target.read_bytes() == source.read_bytes()
    assert not (target.parent / "ban-sao.pdf.part").exists()


def test_printing_paints_every_page_onto_the_printer(qtbot: QtBot, tmp_path: Path) -> None:
    source = three_pages(tmp_path / "phieu.pdf")
    dialog = PreviewDialog(SyncTaskRunner(), source, "Phiếu", "phieu.pdf")
    qtbot.addWidget(dialog)
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printed = tmp_path / "may-in.pdf"
    printer.setOutputFileName(str(printed))
    printer.setFullPage(True)
    dialog.print_to(printer)
    assert len(pypdf.PdfReader(printed).pages) == 3
    assert "3 trang" in dialog.status.text()


def test_a_damaged_pdf_is_explained_and_cannot_be_printed(qtbot: QtBot, tmp_path: Path) -> None:
    broken = tmp_path / "hong.pdf"
    broken.write_bytes(b"%PDF-1.4\nnot really a pdf")
    dialog = PreviewDialog(SyncTaskRunner(), broken, "Phiếu", "hong.pdf")
    qtbot.addWidget(dialog)
    assert "hong.pdf" in dialog.status.text() and "Không đọc được" in dialog.status.text()
    assert not dialog.print_button.isEnabled()
    assert dialog.page_labels == []
