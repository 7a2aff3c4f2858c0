"""The establishment list as printed: the registry's rows under the filter in force, for a meeting or a file.

The list leaves the collaborator's hands (a meeting, a file, another office), so personal data in it is masked
(:mod:`kcfield.domain.personal`): the representative's phone as "091*****78", a household's 12-digit tax code —
its owner's personal ID — as "079*******34"; personal ID numbers themselves are not printed. The service masks
the cells; this module prints what it is given. Long lists are cut at the number the service chooses, and the
heading says how many were left out.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import BinaryIO, Final

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from kcfield.domain.numbers import format_number
from kcfield.forms.page import BOLD, Deferred, DocumentSettings, build_pdf, content_width, register_fonts, styles

__all__ = ["FORM_CODE", "FORM_VERSION", "EstablishmentListData", "build_establishment_list"]

FORM_CODE: Final = "KC-DS"
FORM_VERSION: Final = "KC-DS/2026.1"
TITLE: Final = "DANH SÁCH CƠ SỞ CÔNG NGHIỆP NÔNG THÔN"
CHUNK: Final = 200  # rows per table: a long list is laid out a slice at a time
HEADER: Final = (
    "STT", "Tên cơ sở", "Loại hình", "Mã số thuế", "Điện thoại", "Thôn/ấp", "Xã/phường", "Nhóm ngành", "Quy mô", "CNNT"
)  # fmt: skip
WIDTHS_MM: Final = (9, 44, 18, 24, 21, 20, 22, 13, 13, 11)


@dataclass(frozen=True, slots=True)
class EstablishmentListData:
    filter_text: str  # the filter in force, in words ("Xã Đất Đỏ; tìm «gốm»"), or "" for all
    total: int  # how many matched
    rows: tuple[tuple[str, ...], ...]  # the first rows, each with the 9 cells after STT, in words, masked


def build_establishment_list(out: BinaryIO | Path, data: EstablishmentListData, settings: DocumentSettings) -> int:
    register_fonts(settings.font_dir)
    s = styles()
    story: list[Flowable] = [Paragraph(TITLE, s["title"])]
    shown = len(data.rows)
    count = f"{format_number(data.total, 0)} cơ sở"
    if shown < data.total:
        count += f"; in {format_number(shown, 0)} cơ sở đầu, thu hẹp bộ lọc để in phần còn lại"
    story.append(Paragraph(_esc(f"{data.filter_text} — {count}" if data.filter_text else count), s["subtitle"]))
    story.append(Spacer(1, 2 * mm))
    for start in range(0, shown, CHUNK):
        story.append(Deferred(functools.partial(_tables, data.rows[start : start + CHUNK], start)))
    return build_pdf(
        out,
        story,
        settings=settings,
        title="Danh sách cơ sở",
        form_code=FORM_CODE,
        form_version=FORM_VERSION,
        qr=None,  # a list is no record: nothing to attach a scan to
        national_heading=False,
    )


@cache
def _cell() -> ParagraphStyle:
    return ParagraphStyle("list_cell", styles()["cell"], fontSize=7.5, leading=9)


@cache
def _head() -> ParagraphStyle:
    return ParagraphStyle("list_head", _cell(), fontName=BOLD, alignment=1)


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _tables(rows: tuple[tuple[str, ...], ...], start: int) -> list[Flowable]:
    return [_table(rows, start)]


def _table(rows: tuple[tuple[str, ...], ...], start: int) -> Table:
    cell, head = _cell(), _head()
    body = [[Paragraph(h, head) for h in HEADER]]
    for number, row in enumerate(rows, start=start + 1):
        body.append([Paragraph(str(number), cell), *(Paragraph(_esc(v), cell) for v in row)])
    scale = content_width() / (sum(WIDTHS_MM) * mm)
    table = Table(body, colWidths=[w * mm * scale for w in WIDTHS_MM], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.3, colors.black),
                ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.9, 0.9, 0.9)),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 2),
                ("RIGHTPADDING", (0, 0), (-1, -1), 2),
                ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    return table
