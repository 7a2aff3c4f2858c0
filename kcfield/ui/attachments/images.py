"""Image work for the attachments panel, safe in a worker thread (QImage/QImageReader only, never QPixmap).

- :func:`read_thumbnail` reads a stored photo already scaled down (QImageReader.setScaledSize decodes less).
- :func:`shrink_photo` makes a JPEG copy, at most ``max_side`` pixels on its long side, of a large photo before
  it is attached, so a 12-megapixel phone picture does not fill the laptop's disk. The original is untouched.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QImage, QImageReader, QPainter

THUMBNAIL_SIDE = 128
MAX_PHOTO_SIDE = 2000
JPEG_QUALITY = 85


def _fit(size: QSize, side: int) -> QSize:
    """``size`` scaled down (never up) to fit a ``side``×``side`` square, keeping its proportions."""
    scaled = QSize(size)
    if max(size.width(), size.height()) > side:
        scaled = size.scaled(side, side, Qt.AspectRatioMode.KeepAspectRatio)
    return QSize(max(1, scaled.width()), max(1, scaled.height()))


def read_thumbnail(path: Path, side: int = THUMBNAIL_SIDE) -> QImage | None:
    """A small image of the photo at ``path`` (format told by content: stored files have no extension), or None
    when it cannot be read (missing, damaged, not an image)."""
    reader = QImageReader(str(path))
    reader.setAutoTransform(True)
    size = reader.size()
    if not size.isValid():
        return None
    reader.setScaledSize(_fit(size, side))
    image = reader.read()
    return None if image.isNull() else image


def shrink_photo(source: Path, folder: Path, max_side: int = MAX_PHOTO_SIDE) -> Path | None:
    """A JPEG copy of ``source`` in ``folder`` with its long side at ``max_side`` px, or None when ``source`` is
    not a readable photo or is small enough already (then the original is attached as it is)."""
    reader = QImageReader(str(source))
    reader.setAutoTransform(True)
    size = reader.size()
    if not size.isValid() or max(size.width(), size.height()) <= max_side:
        return None
    reader.setScaledSize(_fit(size, max_side))
    image = reader.read()
    if image.isNull():
        return None
    if image.hasAlphaChannel():  # JPEG has no transparency: put the picture on white rather than black
        flat = QImage(image.size(), QImage.Format.Format_RGB32)
        flat.fill(Qt.GlobalColor.white)
        painter = QPainter(flat)
        painter.drawImage(0, 0, image)
        painter.end()
        image = flat
    target = folder / f"{source.stem}.jpg"
    saved = image.save(str(target), "JPEG", JPEG_QUALITY)  # type: ignore[call-overload]  # stubs want bytes; str works
    if not saved:
        return None
    return target
