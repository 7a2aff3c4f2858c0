"""Pieces the blank and the filled visit forms share: escaping, tick boxes, table styles, signature blocks."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import cache
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from kcfield.forms.data import Choice
from kcfield.forms.page import FONT, DocumentSettings, content_width, place_date_line, styles

BOX = "☐"
TICKED = "☒"
WRITE_ROW = 8.5 * mm  # a handwriting line: at least 8 mm

REPRESENTATIVE = "ĐẠI DIỆN CƠ SỞ"
REPRESENTATIVE_HINT = "(Ký, ghi rõ họ tên, đóng dấu nếu có)"
COLLABORATOR = "CỘNG TÁC VIÊN KHUYẾN CÔNG"
COLLABORATOR_HINT = "(Ký, ghi rõ họ tên)"


def esc(text: str) -> str:
    """Text for a Paragraph: XML-escaped, line breaks kept."""
    return escape(text).replace("\n", "<br/>")


def para(text: str, style: str = "body") -> Paragraph:
    return Paragraph(esc(text), styles()[style])


def markup(text: str, style: str = "body") -> Paragraph:
    """A Paragraph from trusted markup (our own <b> tags around escaped values)."""
    return Paragraph(text, styles()[style])


def ticks(choices: Iterable[Choice], sep: str = "&nbsp;&nbsp;&nbsp; ") -> str:
    """ "☐ Doanh nghiệp   ☒ Hợp tác xã …" as markup (non-breaking inside each choice)."""
    return sep.join(f"{TICKED if c.ticked else BOX}&nbsp;{esc(c.label).replace(' ', '&nbsp;')}" for c in choices)


def ticks_wrapping(choices: Iterable[Choice]) -> str:
    """Like :func:`ticks` but long labels may wrap (sector groups): one choice per line."""
    return "<br/>".join(f"{TICKED if c.ticked else BOX} {esc(c.label)}" for c in choices)


def yes_no(value: bool | None) -> str:
    yes = TICKED if value is True else BOX
    no = TICKED if value is False else BOX
    return f"{yes}&nbsp;Có&nbsp;&nbsp;&nbsp; {no}&nbsp;Không"


def heading(text: str) -> Paragraph:
    return Paragraph(esc(text), styles()["heading"])


@cache
def grid_style(header_rows: int = 1) -> TableStyle:
    """Ruled table with a shaded header (made once; TableStyle objects are reusable)."""
    commands: list[tuple[object, ...]] = [
        ("GRID", (0, 0), (-1, -1), 0.4, colors.black),
        ("FONTNAME", (0, 0), (-1, -1), FONT),  # plain-string cells too: never Helvetica
        ("FONTSIZE", (0, 0), (-1, -1), 8.5),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 2),
        ("RIGHTPADDING", (0, 0), (-1, -1), 2),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]
    if header_rows:
        commands.append(("BACKGROUND", (0, 0), (-1, header_rows - 1), colors.Color(0.9, 0.9, 0.9)))
        commands.append(("VALIGN", (0, 0), (-1, header_rows - 1), "MIDDLE"))
    return TableStyle(commands)


@cache
def field_style(write: bool) -> TableStyle:
    """Label/value rows (blank forms add :func:`write_line` under the cells to fill in)."""
    pad = 3 * mm if write else 1.2  # one written line: 3 + 4 + 1.5 mm ≥ 8 mm
    commands: list[tuple[object, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "BOTTOM" if write else "TOP"),
        ("FONTNAME", (0, 0), (-1, -1), FONT),
        ("FONTSIZE", (0, 0), (-1, -1), 9),
        ("LEFTPADDING", (0, 0), (-1, -1), 1),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), pad),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5 if write else 1.2),
    ]
    if not write:
        commands.append(("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.Color(0.75, 0.75, 0.75)))
    return TableStyle(commands)


def write_line(first: tuple[int, int], last: tuple[int, int]) -> tuple[object, ...]:
    """A dotted handwriting line under the cells from ``first`` to ``last``."""
    return ("LINEBELOW", first, last, 0.4, colors.grey, 1, (1, 2))


def table(rows: Sequence[Sequence[object]], widths_mm: Sequence[float], style: TableStyle, **kw: object) -> Table:
    scale = content_width() / (sum(widths_mm) * mm)
    t = Table(rows, colWidths=[w * mm * scale for w in widths_mm], style=style, **kw)
    return t


def signature_blocks(settings: DocumentSettings, representative: str, collaborator: str) -> Flowable:
    """The dated line and the two signature blocks, kept together on one page."""
    st = styles()
    half = content_width() / 2
    date_line = Paragraph(esc(place_date_line(settings)), st["center"])
    left = [
        Paragraph(REPRESENTATIVE, st["center_bold"]),
        Paragraph(REPRESENTATIVE_HINT, st["center_small"]),
        Spacer(1, 24 * mm),
        Paragraph(esc(representative), st["center_bold"]) if representative else Spacer(1, 5 * mm),
    ]
    right = [
        Paragraph(COLLABORATOR, st["center_bold"]),
        Paragraph(COLLABORATOR_HINT, st["center_small"]),
        Spacer(1, 24 * mm),
        Paragraph(esc(collaborator), st["center_bold"]) if collaborator else Spacer(1, 5 * mm),
    ]
    dated = Table([["", date_line]], colWidths=[half, half], style=TableStyle([("FONTNAME", (0, 0), (-1, -1), FONT)]))
    blocks = Table(
        [[left, right]],
        colWidths=[half, half],
        style=TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("FONTNAME", (0, 0), (-1, -1), FONT)]),
    )
    return KeepTogether([Spacer(1, 6 * mm), dated, Spacer(1, 1 * mm), blocks])
