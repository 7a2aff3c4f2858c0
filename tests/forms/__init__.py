"""Tests of the printed documents (kcfield.forms) and helpers to read PDFs back: text, pages, QR codes."""

from __future__ import annotations

import io
import unicodedata
from pathlib import Path

import pypdf
import pypdfium2
import zxingcpp

A4_PT = (595.28, 841.89)


def _reader(pdf: bytes | Path) -> pypdf.PdfReader:
    return pypdf.PdfReader(io.BytesIO(pdf) if isinstance(pdf, bytes) else pdf)


def page_texts(pdf: bytes | Path) -> list[str]:
    """The text of each page, NFC (as the values were stored)."""
    return [unicodedata.normalize("NFC", page.extract_text() or "") for page in _reader(pdf).pages]


def page_sizes(pdf: bytes | Path) -> list[tuple[float, float]]:
    return [(float(p.mediabox.width), float(p.mediabox.height)) for p in _reader(pdf).pages]


def qr_payloads(pdf: bytes | Path, page_index: int, scale: float = 3.0) -> list[str]:
    """QR codes read from the page rendered like a 216 dpi scan (pypdfium2 → grey bitmap → zxing-cpp)."""
    data = pdf if isinstance(pdf, bytes) else pdf.read_bytes()
    document = pypdfium2.PdfDocument(data)
    try:
        page = document[page_index]
        bitmap = page.render(scale=scale, grayscale=True)
        # ImageView does not keep its buffer alive: hold the bytes in a name until decoding is done.
        pixels = bytes(bitmap.buffer)
        view = zxingcpp.ImageView(pixels, bitmap.width, bitmap.height, zxingcpp.ImageFormat.Lum, bitmap.stride)
        found = [result.text for result in zxingcpp.read_barcodes(view)]
        del view, pixels
        bitmap.close()
        page.close()
        return found
    finally:
        document.close()
