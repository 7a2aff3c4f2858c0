"""Equipment-needs summary (BẢNG TỔNG HỢP NHU CẦU HỖ TRỢ MÁY MÓC THIẾT BỊ) for one establishment or one commune.

An internal report for the centre, so no national heading. One table: each need with its cost (quantity × unit
price) and the support the rules allow, a subtotal per establishment when the summary covers a commune, and
the grand total; the header row repeats on every page. Under the table: the rule sets applied (legal basis and
their own note, from the reference data) and, for every need the cap, a refusal or the request limited, the
arithmetic in words exactly as the assessment explains it.

Portrait A4 holds the table: the money columns are sized to their widest figure (measured with the font) and
the text columns share what is left, wrapping long names inside their cells.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import BinaryIO, Final

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from kcfield.domain import messages
from kcfield.domain.numbers import format_date_vi, format_number
from kcfield.domain.support import support_totals
from kcfield.forms.page import (
    BOLD,
    FONT,
    DocumentSettings,
    QrTarget,
    build_pdf,
    content_width,
    register_fonts,
    styles,
)
from kcfield.forms.report_common import FONT_SIZE, escape, table_styles
from kcfield.forms.report_data import EstablishmentNeeds, NeedLine, NeedsScope, NeedsSummaryData

__all__ = ["FORM_CODE", "FORM_VERSION", "TITLE", "build_needs_summary"]

TITLE: Final = "BẢNG TỔNG HỢP NHU CẦU HỖ TRỢ MÁY MÓC THIẾT BỊ"
FORM_CODE: Final = "KC-NC"
FORM_VERSION: Final = "KC-NC/2026.1"

PAD: Final = 2.5  # points of cell padding left and right

_HEADER_BG: Final = colors.Color(0.88, 0.91, 0.95)
_GROUP_BG: Final = colors.Color(0.97, 0.97, 0.9)
_SUBTOTAL_BG: Final = colors.Color(0.95, 0.95, 0.95)
_TOTAL_BG: Final = colors.Color(0.86, 0.86, 0.86)


def build_needs_summary(out: BinaryIO | Path, data: NeedsSummaryData, settings: DocumentSettings) -> int:
    """Write the summary as PDF to ``out``; returns the number of pages."""
    if not any(e.lines for e in data.establishments):
        raise ValueError("a needs summary needs at least one need")  # the service refuses earlier, in words
    register_fonts(settings.font_dir)  # the table measures its figures with the font
    story = _story(data)
    return build_pdf(
        out,
        story,
        settings=settings,
        title=TITLE.capitalize(),
        form_code=FORM_CODE,
        form_version=FORM_VERSION,
        qr=QrTarget("needs", data.record_id, FORM_VERSION),
        national_heading=False,
    )


# --- styles ---------------------------------------------------------------------------------------------------


@cache
def _styles() -> dict[str, ParagraphStyle]:
    return table_styles("needs")


def _p(text: str, style: str = "cell") -> Paragraph:
    return Paragraph(escape(text), _styles()[style])


# --- the story --------------------------------------------------------------------------------------------------


def _story(data: NeedsSummaryData) -> list[Flowable]:
    s = styles()
    per_commune = data.scope is NeedsScope.COMMUNE
    lines = [line for e in data.establishments for line in e.lines]
    totals = support_totals((line.need, line.assessment) for line in lines)

    story: list[Flowable] = [Paragraph(TITLE, s["title"])]
    label = "Địa bàn" if per_commune else "Cơ sở"
    subject = f"<b>{label}:</b> {escape(data.subject)}"
    if data.subject_detail:
        subject += f" — {escape(data.subject_detail)}"
    story.append(Paragraph(subject, s["subtitle"]))
    if per_commune:
        story.append(
            Paragraph(
                f"Số cơ sở có nhu cầu: {len([e for e in data.establishments if e.lines])}; số nhu cầu: {totals.count}",
                s["small"],
            )
        )
    story.append(Paragraph("Đơn vị tính: đồng", ParagraphStyle("unit_line", s["small"], alignment=2)))
    story.append(Spacer(0, 1 * mm))
    story.append(_table(data, per_commune, totals.cost_vnd, totals.allowed_vnd))
    story.append(Spacer(0, 2 * mm))
    story.append(
        Paragraph(
            f"Tổng chi phí đầu tư: <b>{_money(totals.cost_vnd)} đồng</b>; tổng mức hỗ trợ tối đa theo quy định: "
            f"<b>{_money(totals.allowed_vnd)} đồng</b>; phần cơ sở tự đầu tư: "
            f"<b>{_money(totals.cost_vnd - totals.allowed_vnd)} đồng</b>. "
            f"Số nhu cầu vượt mức trần: {totals.capped_count}; không đủ điều kiện hỗ trợ: {totals.refused_count}.",
            s["small"],
        )
    )
    story.extend(_legal_basis(data))
    story.extend(_notes(data, per_commune))
    story.append(Spacer(0, 6 * mm))
    story.append(
        KeepTogether(
            [
                Paragraph("NGƯỜI LẬP BIỂU", ParagraphStyle("signer", s["center_bold"], leftIndent=content_width() / 2)),
                Paragraph(
                    "(Ký, ghi rõ họ tên)",
                    ParagraphStyle("signer_hint", s["center_small"], leftIndent=content_width() / 2),
                ),
                Spacer(0, 18 * mm),
            ]
        )
    )
    return story


# --- the table --------------------------------------------------------------------------------------------------

_HEADERS: Final = (
    "STT",
    "Máy móc, thiết bị",
    "Loại",
    "Số lượng",
    "Đơn giá",
    "Thành tiền",
    "Hỗ trợ tối đa",
    "Trạng thái",
)


def _table(data: NeedsSummaryData, per_commune: bool, total_cost: int, total_allowed: int) -> Table:
    headers = _HEADERS
    col_price, col_cost, col_allowed = 4, 5, 6

    rows: list[list[object]] = [[_p(h, "head") for h in headers]]
    commands: list[tuple[object, ...]] = []
    figures: dict[int, list[str]] = {
        col_price: [],
        col_cost: [_money(total_cost)],
        col_allowed: [_money(total_allowed)],
    }
    number = 0
    for est in data.establishments:
        if not est.lines:
            continue
        if per_commune:  # the establishment heads its group; its subtotal row names it again at the end
            index = len(rows)
            rows.append([_establishment_cell(est)] + [""] * (len(headers) - 1))
            commands.append(("SPAN", (0, index), (-1, index)))
            commands.append(("BACKGROUND", (0, index), (-1, index), _GROUP_BG))
            commands.append(("NOSPLIT", (0, index), (-1, index + 1)))  # never alone at the foot of a page
        for line in est.lines:
            number += 1
            rows.append(_need_row(number, line))
            figures[col_price].append(_money(line.need.unit_price_vnd))
            figures[col_cost].append(_money(line.assessment.cost_vnd))
            figures[col_allowed].append(_money(line.assessment.allowed_vnd))
        if per_commune:
            sub = support_totals((line.need, line.assessment) for line in est.lines)
            index = len(rows)
            rows.append(
                _sum_row(len(headers), f"Cộng: {est.name}", col_cost, col_allowed, sub.cost_vnd, sub.allowed_vnd)
            )
            commands.append(("BACKGROUND", (0, index), (-1, index), _SUBTOTAL_BG))
            commands.append(("SPAN", (0, index), (col_price, index)))
    index = len(rows)
    rows.append(_sum_row(len(headers), "TỔNG CỘNG", col_cost, col_allowed, total_cost, total_allowed))
    commands.append(("BACKGROUND", (0, index), (-1, index), _TOTAL_BG))
    commands.append(("SPAN", (0, index), (col_price, index)))

    table = Table(rows, colWidths=_widths(figures), repeatRows=1, hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.4, colors.Color(0.45, 0.45, 0.45)),
                ("BACKGROUND", (0, 0), (-1, 0), _HEADER_BG),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("VALIGN", (0, 0), (-1, 0), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), PAD),
                ("RIGHTPADDING", (0, 0), (-1, -1), PAD),
                ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                *commands,
            ]
        )
    )
    return table


def _establishment_cell(est: EstablishmentNeeds) -> Paragraph:
    text = f"Cơ sở: {escape(est.name)}"
    if est.address:
        text += f' <font name="{FONT}" size="6.5">— {escape(est.address)}</font>'
    return Paragraph(text, _styles()["bold"])


def _need_row(number: int, line: NeedLine) -> list[object]:
    need, a = line.need, line.assessment
    details = [d for d in (need.specification, _stage(need.production_stage)) if d]
    equipment: list[Paragraph] = [_p(need.equipment_name or "—", "bold")]
    if details:
        equipment.append(_p("; ".join(details), "detail"))
    kind = "Dây chuyền công nghệ" if need.is_technology_line else "Máy móc, thiết bị"
    if not need.is_new:
        kind += " (đã qua sử dụng)"
    status = messages.text(f"report.need_status.{need.status.value}")
    if a.refused:
        status += " — không đủ điều kiện"
    elif a.capped:
        status += " — vượt mức trần"
    return [
        _p(str(number), "center"),
        equipment,
        _p(kind),
        _p(_quantity(need.quantity), "right"),
        _p(_money(need.unit_price_vnd), "right"),
        _p(_money(a.cost_vnd), "right"),
        _p(_money(a.allowed_vnd), "right_bold" if a.capped else "right"),
        _p(status),
    ]


def _sum_row(columns: int, label: str, col_cost: int, col_allowed: int, cost: int, allowed: int) -> list[object]:
    row: list[object] = [""] * columns
    row[0] = _p(label, "bold")
    row[col_cost] = _p(_money(cost), "right_bold")
    row[col_allowed] = _p(_money(allowed), "right_bold")
    return row


def _widths(figures: dict[int, list[str]]) -> list[float]:
    """Each money column as wide as its widest figure (measured bold, as totals print); the number, quantity,
    kind and status columns wide enough for the longest word of their header; the equipment takes the rest
    and wraps inside its cell."""
    widths: list[float] = [0.0] * len(_HEADERS)
    for column, minimum in ((0, 8 * mm), (2, 21 * mm), (3, 10 * mm), (7, 17 * mm)):
        widths[column] = max(minimum, _longest_word(_HEADERS[column]) + 2 * PAD + 1)
    for column, texts in figures.items():
        widest = max((pdfmetrics.stringWidth(t, BOLD, FONT_SIZE) for t in texts), default=0)
        widths[column] = max(widest, _longest_word(_HEADERS[column])) + 2 * PAD + 1
    widths[1] = content_width() - sum(widths)
    return widths


def _longest_word(text: str) -> float:
    return max(float(pdfmetrics.stringWidth(w, BOLD, FONT_SIZE)) for w in text.split())


# --- under the table -------------------------------------------------------------------------------------------


def _legal_basis(data: NeedsSummaryData) -> list[Flowable]:
    s = styles()
    if not data.rules:
        return []
    out: list[Flowable] = [CondPageBreak(25 * mm), Paragraph("Căn cứ áp dụng", s["heading"])]
    for rule in data.rules:
        period = f"hiệu lực từ {format_date_vi(rule.effective_from)}"
        if rule.effective_to is not None:
            period += f" đến {format_date_vi(rule.effective_to)}"
        text = f"<b>{escape(rule.legal_basis)}</b> — {escape(rule.name_vi)} ({period})."
        if rule.note:
            text += f" {escape(rule.note)}"
        exclusions = "; ".join(f"{x.name_vi} ({x.legal_basis})" for x in rule.exclusions)
        if exclusions:
            text += f" Không hỗ trợ: {escape(exclusions)}."
        out.append(Paragraph("• " + text, s["small"]))
        out.append(Spacer(0, 1 * mm))
    return out


def _notes(data: NeedsSummaryData, per_commune: bool) -> list[Flowable]:
    """The arithmetic in words for each need whose amount is not a plain share of the cost."""
    s = styles()
    notes: list[Flowable] = []
    number = 0
    for est in data.establishments:
        for line in est.lines:
            number += 1
            a = line.assessment
            if not (a.capped or a.refused or a.limited_by_request):
                continue
            who = f" ({escape(est.name)})" if per_commune else ""
            notes.append(
                Paragraph(
                    f"<b>Dòng {number} — {escape(line.need.equipment_name)}</b>{who}: {escape(a.explain('vi'))}.",
                    s["small"],
                )
            )
            notes.append(Spacer(0, 1 * mm))
    if not notes:
        return []
    return [CondPageBreak(25 * mm), Paragraph("Cách tính mức hỗ trợ", s["heading"]), *notes]


# --- formatting -------------------------------------------------------------------------------------------------


def _money(n: int) -> str:
    return format_number(n, 0)


def _quantity(q: float) -> str:
    text = format_number(q, 2)
    return text.rstrip("0").rstrip(",") if "," in text else text


def _stage(stage: str) -> str:
    return f"công đoạn: {stage}" if stage else ""
