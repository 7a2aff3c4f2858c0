"""The page frame every printed document shares: fonts, styles, header, footer, QR code, atomic output.

Every page carries (PITFALLS.md item 4: all Vietnamese is page text drawn with the bundled TTF, never AcroForm
fields, never reportlab's Helvetica/Vera):

- the centre's name (top left) and, for official forms, the national heading (top right) with the dated line
  "Đồng Nai, ngày 05 tháng 02 năm 2026" below it;
- the form code and version (bottom left), "Trang x/y" (bottom centre);
- a QR code (bottom right) carrying :func:`encode_qr_payload` of the page's record, so a scanned signed page
  can be attached to the right record later.

**Batches (many forms in one PDF).** Put a :class:`StartForm` flowable at the beginning of each form's story
(after a ``PageBreak`` for every form but the first). From the page on which it is drawn, the pages belong to
that form: their QR carries the marker's target, "Trang x/y" counts within the form, and an optional
watermark ("BẢN NHÁP") is drawn on them. ``build_pdf(qr=...)`` is the target of the pages before any marker
(the whole document when there is none). ``per_page_qr(page_number)`` (1-based, whole document) overrides
both when it returns a target. Page numbers are known only at the end, so the footer is drawn when the
document is saved (a canvas that keeps each page until then), in one pass.

:class:`Callback` is a zero-size flowable that calls a function when layout reaches it; batch builders put one
at the end of each form to report progress from the real rendering work (and to cancel by raising).
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any, BinaryIO, Final
from uuid import UUID

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Spacer

from kcfield.domain.errors import DomainError
from kcfield.domain.numbers import official_date_line

__all__ = [
    "BOLD",
    "FONT",
    "PAGE_HEIGHT",
    "PAGE_WIDTH",
    "QR_KINDS",
    "Callback",
    "DocumentSettings",
    "QrTarget",
    "StartForm",
    "build_pdf",
    "content_width",
    "decode_qr_payload",
    "encode_qr_payload",
    "place_date_line",
    "register_fonts",
    "styles",
    "vn_admin_date",
]

FONT: Final = "KCSans"
BOLD: Final = "KCSans-Bold"
PAGE_WIDTH: Final[float] = A4[0]
PAGE_HEIGHT: Final[float] = A4[1]
MARGIN_X: Final[float] = 16 * mm
HEADER_H: Final = 24 * mm  # room for the centre's name, the national heading and the dated line
FOOTER_H: Final = 26 * mm  # room for the QR code and the footer line
MARGIN_TOP: Final = 10 * mm
MARGIN_BOTTOM: Final = 8 * mm
BODY_TOP: Final = PAGE_HEIGHT - MARGIN_TOP - HEADER_H  # where the body frame starts
BODY_BOTTOM: Final = MARGIN_BOTTOM + FOOTER_H
QR_SIZE: Final = 22 * mm

QR_PREFIX: Final = "KCF1"
QR_KINDS: Final = frozenset({"visit", "establishment", "needs", "cp", "blank"})

_FONT_FILES: Final = {FONT: "DejaVuSans.ttf", BOLD: "DejaVuSans-Bold.ttf"}
_font_lock = threading.Lock()
_registered: set[str] = set()  # font names registered in this process


@dataclass(frozen=True)
class DocumentSettings:
    centre_name: str  # from Preferences.centre_name
    font_dir: Path  # resources/fonts
    today: date  # the date printed ("ngày … tháng … năm …")
    province_name: str = ""  # place name before the date, e.g. "Đồng Nai, ngày 05 tháng 02 năm 2026"


@dataclass(frozen=True)
class QrTarget:
    kind: str  # "visit" | "establishment" | "needs" | "cp" | "blank"
    record_id: str  # UUID text of the record ("" for a blank form; a commune code for a commune's needs summary)
    form_version: str  # e.g. "KC-01/2026.1"


def content_width() -> float:
    """Width of the text frame in points (A4 less both margins)."""
    return PAGE_WIDTH - 2 * MARGIN_X


# --- fonts and styles -------------------------------------------------------------------------------------------


def register_fonts(font_dir: Path) -> None:
    """Register the bundled DejaVu Sans (regular and bold) once per process; later calls do nothing.

    The family mapping makes ``<b>`` in paragraphs pick the bold file (reportlab would otherwise fall back to
    Helvetica-Bold, which has no Vietnamese letters).
    """
    if FONT in _registered:
        return
    with _font_lock:
        if FONT in _registered:
            return
        # Page streams are compressed; ASCII85 on top only makes them 25 % larger and costs time.
        rl_config.useA85 = 0
        for name, file_name in _FONT_FILES.items():
            pdfmetrics.registerFont(TTFont(name, str(Path(font_dir) / file_name)))
        _register_family()
        _registered.add(FONT)


def _register_family() -> None:
    """Map the family so paragraphs resolve ``<b>`` to the bold file; needs no font file, so styles() can do it
    before the fonts are registered (paragraphs are parsed when made, fonts are needed only when drawing)."""
    from reportlab.lib.fonts import addMapping

    addMapping(FONT, 0, 0, FONT)
    addMapping(FONT, 1, 0, BOLD)
    addMapping(FONT, 0, 1, FONT)
    addMapping(FONT, 1, 1, BOLD)
    addMapping(BOLD, 0, 0, BOLD)
    addMapping(BOLD, 1, 0, BOLD)
    addMapping(BOLD, 0, 1, BOLD)
    addMapping(BOLD, 1, 1, BOLD)


@cache
def styles() -> Mapping[str, ParagraphStyle]:
    """The shared paragraph styles (made once): title, heading, body, small, cell, cell_bold, label, …"""
    _register_family()
    base = ParagraphStyle("body", fontName=FONT, fontSize=10, leading=13, alignment=TA_LEFT)
    made = {
        "body": base,
        "title": ParagraphStyle(
            "title", base, fontName=BOLD, fontSize=14, leading=18, alignment=TA_CENTER, spaceAfter=2 * mm
        ),
        "subtitle": ParagraphStyle("subtitle", base, fontSize=9.5, leading=12, alignment=TA_CENTER, spaceAfter=3 * mm),
        "heading": ParagraphStyle(
            "heading", base, fontName=BOLD, fontSize=11, leading=14, spaceBefore=3 * mm, spaceAfter=1.5 * mm
        ),
        "small": ParagraphStyle("small", base, fontSize=8, leading=10),
        "cell": ParagraphStyle("cell", base, fontSize=8.5, leading=10.5),
        "cell_bold": ParagraphStyle("cell_bold", base, fontName=BOLD, fontSize=8.5, leading=10.5),
        "cell_right": ParagraphStyle("cell_right", base, fontSize=8.5, leading=10.5, alignment=2),
        "cell_center": ParagraphStyle("cell_center", base, fontSize=8.5, leading=10.5, alignment=TA_CENTER),
        "label": ParagraphStyle("label", base, fontName=BOLD, fontSize=9, leading=11.5),
        "center": ParagraphStyle("center", base, alignment=TA_CENTER),
        "center_bold": ParagraphStyle("center_bold", base, fontName=BOLD, alignment=TA_CENTER),
        "center_small": ParagraphStyle("center_small", base, fontSize=8.5, leading=11, alignment=TA_CENTER),
    }
    return made


def vn_admin_date(d: date) -> str:
    """ "ngày 05 tháng 02 năm 2026": the administrative way (Decree 30/2020: leading zero for days < 10 and for
    months 1–2)."""
    line = official_date_line(d)
    return line[0].lower() + line[1:]


def place_date_line(settings: DocumentSettings) -> str:
    """ "Đồng Nai, ngày 05 tháng 02 năm 2026" (or "Ngày 05 tháng 02 năm 2026" without a place name)."""
    return official_date_line(settings.today, settings.province_name)


# --- QR payload ------------------------------------------------------------------------------------------------

_VERSION_RE: Final = re.compile(r"[A-Za-z0-9][A-Za-z0-9./_-]{0,31}")


def _checksum(body: str) -> str:
    return hashlib.sha256(body.encode("utf-8")).hexdigest()[:8]


def encode_qr_payload(target: QrTarget) -> str:
    """ "KCF1|visit|<uuid>|KC-01/2026.1|<8 hex checksum>": ASCII only, so any scanner reads it back unchanged.

    The checksum (first 8 hex digits of SHA-256 over the text before it) catches misreads and hand-typed
    mistakes; it is not a signature.
    """
    _check_target(target)
    body = f"{QR_PREFIX}|{target.kind}|{target.record_id}|{target.form_version}"
    return f"{body}|{_checksum(body)}"


def decode_qr_payload(text: str) -> QrTarget:
    """The target in a scanned payload; DomainError("forms.qr_invalid") when malformed or the checksum is wrong."""
    parts = text.strip().split("|")
    if len(parts) != 5 or parts[0] != QR_PREFIX:
        raise DomainError("forms.qr_invalid", text=text)
    body, checksum = "|".join(parts[:4]), parts[4].lower()
    if not re.fullmatch(r"[0-9a-f]{8}", checksum) or checksum != _checksum(body):
        raise DomainError("forms.qr_invalid", text=text)
    target = QrTarget(kind=parts[1], record_id=parts[2], form_version=parts[3])
    try:
        _check_target(target)
    except ValueError:
        raise DomainError("forms.qr_invalid", text=text) from None
    return target


def _check_target(target: QrTarget) -> None:
    if target.kind not in QR_KINDS:
        raise ValueError(f"unknown QR kind {target.kind!r}")
    if not _VERSION_RE.fullmatch(target.form_version):
        raise ValueError(f"bad form version {target.form_version!r}")
    if target.kind == "blank":
        if target.record_id:
            raise ValueError("a blank form carries no record id")
    elif target.kind == "needs" and re.fullmatch(r"[0-9]{1,6}", target.record_id):
        pass  # a needs summary of a whole commune carries the commune's code
    else:
        UUID(target.record_id)  # ValueError when not a UUID
        if target.record_id != target.record_id.lower() or len(target.record_id) != 36:
            raise ValueError(f"record id must be canonical UUID text: {target.record_id!r}")


@cache
def _qr_runs(payload: str) -> tuple[int, tuple[tuple[int, int, int], ...]]:
    """(module count, dark runs as (row, first column, length)) of the QR symbol, computed once per payload."""
    from reportlab.graphics.barcode import qrencoder

    code = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    code.addData(payload)
    code.make()
    runs: list[tuple[int, int, int]] = []
    for r, row in enumerate(code.modules):
        c = 0
        n = len(row)
        while c < n:
            if row[c]:
                start = c
                while c < n and row[c]:
                    c += 1
                runs.append((r, start, c - start))
            else:
                c += 1
    return code.getModuleCount(), tuple(runs)


def _draw_qr(canvas: Canvas, payload: str, x: float, y: float, size: float) -> None:
    """Draw the symbol with a 4-module quiet zone as one filled path (fast, and crisp when rasterised)."""
    count, runs = _qr_runs(payload)
    box = size / (count + 8)
    path = canvas.beginPath()
    top = y + size - 4 * box
    for r, c, length in runs:
        path.rect(x + (c + 4) * box, top - (r + 1) * box, length * box, box)
    canvas.saveState()
    canvas.setFillColor(colors.black)
    canvas.drawPath(path, stroke=0, fill=1)
    canvas.restoreState()


# --- flowables ---------------------------------------------------------------------------------------------------


class _Marker(Flowable):  # type: ignore[misc]
    """A zero-size flowable that only tells the canvas (or a callback) where layout has got to."""

    def __init__(self) -> None:
        super().__init__()
        self.width = self.height = 0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803 (reportlab API)
        return 0, 0


class StartForm(_Marker):
    """Zero-size marker: from this page on, pages belong to a new form (own QR, own "Trang x/y", watermark)."""

    def __init__(
        self, qr: QrTarget | None, *, watermark: str = "", form_code: str = "", form_version: str = ""
    ) -> None:
        super().__init__()
        self.qr = qr
        self.watermark = watermark
        self.form_code = form_code
        self.form_version = form_version

    def draw(self) -> None:
        canvas = self.canv
        if isinstance(canvas, _FramedCanvas):
            canvas.start_form(self)


class Callback(_Marker):
    """Zero-size flowable that calls ``fn()`` when layout draws it (progress reporting, cancellation)."""

    def __init__(self, fn: Callable[[], None]) -> None:
        super().__init__()
        self.fn = fn

    def draw(self) -> None:
        self.fn()


class Deferred(Flowable):  # type: ignore[misc]
    """Stands for flowables made only when layout reaches them. A batch of a hundred forms then keeps one
    form's flowables in memory at a time instead of all of them, which also keeps Python's cyclic garbage
    collector from walking (and stalling every thread on) hundreds of thousands of live objects."""

    def __init__(self, make: Callable[[], list[Flowable]]) -> None:
        super().__init__()
        self.make = make
        self.width = self.height = 0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803 (reportlab API)
        return availWidth, availHeight + 1  # never fits whole: layout asks split(), which makes the flowables

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803 (reportlab API)
        # Layout draws the first part of a split at once and queues the rest; a zero-size first part lets
        # every made flowable (a long table that must split again, a page break) be handled as usual.
        return [Spacer(0, 0), *self.make()]


class PageRecording:
    """Pages laid out once and placed again: the identical blank part of every pre-filled form in a batch.

    The first form lays its blank part out as usual between :class:`RecordPages` and :class:`StopRecording`;
    each page's drawing becomes a form XObject when the PDF is written. The later forms carry a
    :class:`ReusedPages` instead, which takes the same room (whole pages, and the same height on the last
    one) and shows those XObjects: no layout, no text measuring, and each page's content is stored once.
    Each recorded part must start at the top of a page (put a ``PageBreak`` before both).
    """

    def __init__(self, key: str) -> None:
        self.key = key
        self.planned = False  # a story holds the recording markers already
        self.pages = 0  # set when the recording stops
        self.last_height = 0.0  # room the part takes on its last page

    @property
    def done(self) -> bool:
        return self.pages > 0


class RecordPages(_Marker):
    """Zero-size marker at the top of a page: from here, the canvas records (see :class:`PageRecording`)."""

    def __init__(self, recording: PageRecording) -> None:
        super().__init__()
        self.recording = recording

    def draw(self) -> None:
        canvas = self.canv
        if isinstance(canvas, _FramedCanvas):
            canvas.start_recording(self.recording)


class StopRecording(_Marker):
    """Zero-size marker where the recorded part ends; it notes how far down its last page the part reached."""

    def __init__(self, recording: PageRecording) -> None:
        super().__init__()
        self.recording = recording

    def drawOn(self, canvas: Canvas, x: float, y: float, _sW: float = 0) -> None:  # noqa: N802, N803 (reportlab API)
        if isinstance(canvas, _FramedCanvas):
            canvas.stop_recording(self.recording, used_height=BODY_TOP - y)


class _ReusedPage(Flowable):  # type: ignore[misc]
    def __init__(self, recording: PageRecording, index: int, height: float) -> None:
        super().__init__()
        self.recording, self.index = recording, index
        self.width, self.height = 0.0, height

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803 (reportlab API)
        self.width = availWidth
        return availWidth, self.height  # never shrinks: a copied page only fits on a page of its own

    def draw(self) -> None:
        canvas = self.canv
        if isinstance(canvas, _FramedCanvas):
            canvas.reuse_page(self.recording, self.index)


class ReusedPages(Flowable):  # type: ignore[misc]
    """Stands for a recorded part (see :class:`PageRecording`); falls back to ``fallback`` flowables when the
    recording did not happen (e.g. it was never laid out)."""

    def __init__(self, recording: PageRecording, fallback: Callable[[], list[Flowable]]) -> None:
        super().__init__()
        self.recording = recording
        self.fallback = fallback
        self.width = self.height = 0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803 (reportlab API)
        return availWidth, availHeight + 1  # never fits whole: layout asks split(), which gives the pages

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803 (reportlab API)
        rec = self.recording
        if not rec.done:
            return self.fallback()
        full = BODY_TOP - BODY_BOTTOM - 0.01  # a hair under the frame's height, so rounding never pushes it on
        pages: list[Flowable] = [_ReusedPage(rec, i, full) for i in range(rec.pages - 1)]
        pages.append(_ReusedPage(rec, rec.pages - 1, rec.last_height))
        return pages


# --- the canvas that draws the frame ---------------------------------------------------------------------------


@dataclass
class _FormState:
    index: int
    qr: QrTarget | None
    watermark: str
    form_code: str
    form_version: str


class _FramedCanvas(Canvas):  # type: ignore[misc]
    """Keeps every page until save() so the footer can say "Trang x/y" with y known (per form in a batch)."""

    frame_info: _FrameInfo  # set right after construction by build_pdf

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._pages: list[dict[str, Any]] = []
        self._page_forms: list[_FormState] = []
        self._form: _FormState | None = None
        # Per page: what it records ("record", recording, index, code start, code end) or shows ("reuse", …).
        self._page_tags: list[tuple[str, PageRecording, int, int, int | None] | None] = []
        self._tag: tuple[str, PageRecording, int, int, int | None] | None = None
        self._recording: PageRecording | None = None
        self._recorded_index = 0

    def start_recording(self, recording: PageRecording) -> None:
        if recording.done or self._recording is not None:
            return  # recorded already (or nested): lay out as usual
        self._recording, self._recorded_index = recording, 0
        self._tag = ("record", recording, 0, len(self._code), None)

    def stop_recording(self, recording: PageRecording, used_height: float) -> None:
        if self._recording is not recording or self._tag is None:
            return
        kind, rec, index, start, _end = self._tag
        self._tag = (kind, rec, index, start, len(self._code))
        recording.pages = index + 1
        recording.last_height = max(used_height, 0.0)
        self._recording = None

    def reuse_page(self, recording: PageRecording, index: int) -> None:
        self._tag = ("reuse", recording, index, 0, None)

    def start_form(self, marker: StartForm) -> None:
        index = self._form.index + 1 if self._form is not None else 0
        self._form = _FormState(index, marker.qr, marker.watermark, marker.form_code, marker.form_version)

    def showPage(self) -> None:  # noqa: N802 (reportlab API)
        info = self.frame_info
        self._page_forms.append(
            self._form or _FormState(-1, info.qr, info.watermark, info.form_code, info.form_version)
        )
        self._pages.append(dict(self.__dict__))
        self._page_tags.append(self._tag)
        self._tag = None
        if self._recording is not None:  # the recorded part goes on over the page break
            self._recorded_index += 1
            self._tag = ("record", self._recording, self._recorded_index, 0, None)
        self._startPage()

    def save(self) -> None:
        totals: dict[int, int] = {}
        for form in self._page_forms:
            totals[form.index] = totals.get(form.index, 0) + 1
        seen: dict[int, int] = {}
        pages = zip(self._pages, self._page_forms, self._page_tags, strict=True)
        for number, (state, form, tag) in enumerate(pages, start=1):
            self.__dict__.update(state)
            seen[form.index] = seen.get(form.index, 0) + 1
            if tag is not None:  # before anything is added to the page: a recorded page keeps only its body
                self._place_recorded(tag)
            self._draw_header_once()
            self._draw_footer(number, form, seen[form.index], totals[form.index])
            Canvas.showPage(self)
        self.frame_info.page_count = len(self._pages)
        Canvas.save(self)

    def _draw_header_once(self) -> None:
        """The page heading is the same on every page of a document: one form XObject, placed on each."""
        if not self.frame_info.header_form:
            self.frame_info.header_form = "kchead"
            self.beginForm("kchead")
            _draw_header(self, self.frame_info)
            self.endForm()
        self.doForm("kchead")

    def _place_recorded(self, tag: tuple[str, PageRecording, int, int, int | None]) -> None:
        kind, recording, index, start, end = tag
        name = f"kcrec{id(recording):x}p{index}"
        if kind == "record":  # this page stays as drawn; its recorded part also becomes an XObject
            body = self._code[start:end]
            self.beginForm(name)
            self._code.extend(body)
            self.endForm()
        else:
            self.doForm(name)

    def _draw_qr_once(self, payload: str, x: float, y: float) -> None:
        """The symbol is drawn once per payload as a form XObject and placed on each page that carries it:
        the pages of one form share it, so a batch does not redraw hundreds of modules per page."""
        forms = self.frame_info.qr_forms
        name = forms.get(payload)
        if name is None:
            name = forms[payload] = f"kcfqr{len(forms)}"
            self.beginForm(name, 0, 0, QR_SIZE, QR_SIZE)
            _draw_qr(self, payload, 0, 0, QR_SIZE)
            self.endForm()
        self.saveState()
        self.translate(x, y)
        self.doForm(name)
        self.restoreState()

    def _draw_footer(self, number: int, form: _FormState, page: int, pages: int) -> None:
        info = self.frame_info
        target = form.qr
        if info.per_page_qr is not None:
            target = info.per_page_qr(number) or target
        if form.watermark:
            _draw_watermark(self, form.watermark)
        code = form.form_code or info.form_code
        version = form.form_version or info.form_version
        y = MARGIN_BOTTOM + 2 * mm
        self.saveState()
        self.setStrokeColor(colors.grey)
        self.setLineWidth(0.4)
        self.line(
            MARGIN_X, MARGIN_BOTTOM + QR_SIZE + 1.5 * mm, PAGE_WIDTH - MARGIN_X, MARGIN_BOTTOM + QR_SIZE + 1.5 * mm
        )
        self.setFillColor(colors.black)
        self.setFont(FONT, 8)
        left = f"Mẫu {code} — phiên bản {version}" if code else f"Phiên bản {version}"
        self.drawString(MARGIN_X, y + 4 * mm, left)
        if target is not None:
            self.setFont(FONT, 6.5)
            ref = target.record_id[-12:] if target.record_id else "—"
            self.drawString(MARGIN_X, y, f"Mã hồ sơ: {target.kind} {ref}")
        self.setFont(FONT, 9)
        self.drawCentredString(PAGE_WIDTH / 2, y + 4 * mm, f"Trang {page}/{pages}")
        if target is not None:
            self._draw_qr_once(encode_qr_payload(target), PAGE_WIDTH - MARGIN_X - QR_SIZE, MARGIN_BOTTOM)
        self.restoreState()


def _draw_watermark(canvas: Canvas, text: str) -> None:
    canvas.saveState()
    canvas.setFillColor(colors.Color(0.85, 0.1, 0.1, alpha=0.18))
    canvas.setFont(BOLD, 72)
    canvas.translate(PAGE_WIDTH / 2, PAGE_HEIGHT / 2)
    canvas.rotate(40)
    canvas.drawCentredString(0, -24, text)
    canvas.restoreState()
    # a small upright mark too, so photocopies that lose the light grey still show it
    canvas.saveState()
    canvas.setFillColor(colors.Color(0.8, 0.0, 0.0))
    canvas.setFont(BOLD, 10)
    canvas.drawRightString(PAGE_WIDTH - MARGIN_X, PAGE_HEIGHT - MARGIN_TOP - HEADER_H + 1 * mm, text)
    canvas.restoreState()


@dataclass
class _FrameInfo:
    settings: DocumentSettings
    national_heading: bool
    form_code: str
    form_version: str
    qr: QrTarget | None
    watermark: str
    per_page_qr: Callable[[int], QrTarget | None] | None
    page_count: int = 0  # set when the canvas is saved
    qr_forms: dict[str, str] = field(default_factory=dict)  # payload -> name of its form XObject
    header_form: str = ""  # name of the heading's form XObject once drawn


def _draw_header(canvas: Canvas, info: _FrameInfo) -> None:
    settings = info.settings
    top = PAGE_HEIGHT - MARGIN_TOP
    left_x = MARGIN_X + 40 * mm  # centre of the left block
    right_x = PAGE_WIDTH - MARGIN_X - 52 * mm  # centre of the right block
    canvas.saveState()
    canvas.setFillColor(colors.black)
    # Left: the centre's name, upper-case as on official documents, on up to three lines, underlined.
    lines = _split_lines(settings.centre_name.upper(), BOLD, 8.5, 80 * mm, 3)
    y = top - 4 * mm
    canvas.setFont(BOLD, 8.5)
    for line in lines:
        canvas.drawCentredString(left_x, y, line)
        y -= 3.8 * mm
    if lines:
        canvas.setLineWidth(0.5)
        canvas.line(left_x - 12 * mm, y + 1.4 * mm, left_x + 12 * mm, y + 1.4 * mm)
    y = top - 4 * mm
    if info.national_heading:
        canvas.setFont(BOLD, 9)
        canvas.drawCentredString(right_x, y, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
        y -= 4.5 * mm
        canvas.setFont(BOLD, 9.5)
        motto = "Độc lập - Tự do - Hạnh phúc"
        canvas.drawCentredString(right_x, y, motto)
        w = pdfmetrics.stringWidth(motto, BOLD, 9.5)
        canvas.setLineWidth(0.5)
        canvas.line(right_x - w / 2, y - 1.2 * mm, right_x + w / 2, y - 1.2 * mm)
        y -= 6.5 * mm
    canvas.setFont(FONT, 9)
    canvas.drawCentredString(right_x, y, place_date_line(settings))
    canvas.restoreState()


def _split_lines(text: str, font: str, size: float, width: float, most: int) -> list[str]:
    """The text on at most ``most`` lines of ``width``; the last one ends with "…" if it still overflows."""
    words = text.split()
    lines: list[str] = []
    current = ""
    for word in words:
        trial = f"{current} {word}".strip()
        if pdfmetrics.stringWidth(trial, font, size) <= width or not current:
            current = trial
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    if len(lines) > most:
        lines = [*lines[: most - 1], " ".join(lines[most - 1 :])]
    if lines and pdfmetrics.stringWidth(lines[-1], font, size) > width:
        last = lines[-1]
        while pdfmetrics.stringWidth(last + "…", font, size) > width and len(last) > 1:
            last = last[:-1]
        if last != lines[-1]:
            lines[-1] = last.rstrip() + "…"
    return lines


# --- building -----------------------------------------------------------------------------------------------------


def build_pdf(
    out: BinaryIO | Path,
    story: list[Flowable],
    *,
    settings: DocumentSettings,
    title: str,
    form_code: str,
    form_version: str,
    qr: QrTarget | None,
    national_heading: bool,
    per_page_qr: Callable[[int], QrTarget | None] | None = None,
    watermark: str = "",
) -> int:
    """Lay out ``story`` on A4 pages with the shared frame and write the PDF; returns the number of pages.

    With a Path the file appears complete or not at all: the PDF is written to a temporary file in the same
    folder and renamed over the target only when it is finished (an existing file is left untouched when the
    build fails or is cancelled).
    """
    register_fonts(settings.font_dir)
    if isinstance(out, Path):
        return _build_atomic(
            out, story, settings, title, form_code, form_version, qr, national_heading, per_page_qr, watermark
        )
    return _build(out, story, settings, title, form_code, form_version, qr, national_heading, per_page_qr, watermark)


def _build_atomic(out: Path, *args: Any) -> int:
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, temp_name = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".part", dir=out.parent)
    temp = Path(temp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            pages = _build(handle, *args)
            handle.flush()
            os.fsync(handle.fileno())
        temp.replace(out)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return pages


def _build(
    out: BinaryIO,
    story: list[Flowable],
    settings: DocumentSettings,
    title: str,
    form_code: str,
    form_version: str,
    qr: QrTarget | None,
    national_heading: bool,
    per_page_qr: Callable[[int], QrTarget | None] | None,
    watermark: str,
) -> int:
    info = _FrameInfo(settings, national_heading, form_code, form_version, qr, watermark, per_page_qr)
    doc = BaseDocTemplate(
        out,
        pagesize=A4,
        leftMargin=MARGIN_X,
        rightMargin=MARGIN_X,
        topMargin=MARGIN_TOP + HEADER_H,
        bottomMargin=MARGIN_BOTTOM + FOOTER_H,
        title=title,
        author=settings.centre_name,
        creator="kcfield",
        subject=f"{form_code} {form_version}".strip(),
        invariant=True,
    )
    frame = Frame(
        doc.leftMargin,
        doc.bottomMargin,
        doc.width,
        doc.height,
        id="body",
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )

    # The heading is drawn with the footer when the canvas is saved (_FramedCanvas.save), so a page's own
    # drawing holds only its body, which recorded pages (PageRecording) rely on.
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])

    def make_canvas(*args: Any, **kwargs: Any) -> _FramedCanvas:
        canvas = _FramedCanvas(*args, **kwargs)
        canvas.frame_info = info
        return canvas

    doc.build(list(story), canvasmaker=make_canvas)
    return info.page_count


# API READY
