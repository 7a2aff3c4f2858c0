"""PDF pages as pixels (for the print preview and for printing) and QR codes read off pages or photos.

PDFium (through pypdfium2) is not thread-safe, so every call into it holds one process-wide lock; the
preview renders a page at a time, which keeps each hold short. Pixels leave this module as plain bytes
(RGBX, 4 bytes a pixel, or 8-bit grey) so no layer below the UI needs Qt.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from kcfield.domain.errors import DomainError

__all__ = ["PageImage", "page_count", "page_sizes_pt", "read_codes_in_pdf", "read_codes_in_pixels", "render_pages"]

_LOCK = threading.Lock()


@dataclass(frozen=True)
class PageImage:
    index: int
    width: int
    height: int
    stride: int
    data: bytes  # RGBX rows (or 8-bit grey for a grey render), ``stride`` bytes each
    grey: bool = False


def _open(path: Path):  # type: ignore[no-untyped-def]
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as error:
        raise DomainError("pdf.unreadable", file=Path(path).name, reason=str(error)) from error


def page_count(path: Path) -> int:
    with _LOCK:
        pdf = _open(path)
        try:
            return len(pdf)
        finally:
            pdf.close()


def page_sizes_pt(path: Path) -> list[tuple[float, float]]:
    with _LOCK:
        pdf = _open(path)
        try:
            return [tuple(pdf[i].get_size()) for i in range(len(pdf))]
        finally:
            pdf.close()


def render_pages(
    path: Path, dpi: float = 96, pages: Sequence[int] | None = None, *, grey: bool = False
) -> Iterator[PageImage]:
    """Each page (or the chosen ones) rendered at ``dpi``; the lock is held one page at a time."""
    with _LOCK:
        pdf = _open(path)
    try:
        with _LOCK:
            wanted = list(range(len(pdf))) if pages is None else list(pages)
        for index in wanted:
            with _LOCK:
                page = pdf[index]
                try:
                    if grey:
                        bitmap = page.render(scale=dpi / 72, grayscale=True)
                    else:
                        bitmap = page.render(scale=dpi / 72, rev_byteorder=True, prefer_bgrx=True)
                    image = PageImage(index, bitmap.width, bitmap.height, bitmap.stride, bytes(bitmap.buffer), grey)
                finally:
                    page.close()
            yield image
    finally:
        with _LOCK:
            pdf.close()


def read_codes_in_pixels(grey: bytes, width: int, height: int) -> list[str]:
    """The text of every QR code found in an 8-bit grey image of ``width`` × ``height`` (no row padding)."""
    import zxingcpp

    if len(grey) != width * height:
        raise ValueError("grey image size does not match its width and height")
    view = memoryview(grey).cast("B", (height, width))
    found = zxingcpp.read_barcodes(view)
    return [code.text for code in found if code.valid and code.format == zxingcpp.BarcodeFormat.QRCode]


def read_codes_in_pdf(path: Path, dpi: float = 200, max_pages: int = 50) -> list[tuple[int, str]]:
    """``(page index, text)`` of the QR codes on each page of a scanned (or printed) PDF."""
    found: list[tuple[int, str]] = []
    with _LOCK:
        pdf = _open(path)
        count = min(len(pdf), max_pages)
        pdf.close()
    for image in render_pages(path, dpi, range(count), grey=True):
        rows = (
            image.data
            if image.stride == image.width
            else b"".join(image.data[r * image.stride : r * image.stride + image.width] for r in range(image.height))
        )
        found.extend((image.index, text) for text in read_codes_in_pixels(rows, image.width, image.height))
    return found
