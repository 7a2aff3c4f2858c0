"""The parts of the visit form printed blank for handwriting: profile questions, the visit, the equipment-needs
table with empty rows and the cleaner-production walk-through checklist, all with tick boxes and ≥ 8 mm lines."""

from __future__ import annotations

from functools import lru_cache

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer

from kcfield.domain.messages import field_label
from kcfield.forms.data import BlankFormReference, Choice
from kcfield.forms.page import styles
from kcfield.forms.visit_common import (
    BOX,
    WRITE_ROW,
    esc,
    field_style,
    grid_style,
    heading,
    markup,
    table,
    ticks,
    ticks_wrapping,
    write_line,
    yes_no,
)
from kcfield.forms.visit_layout import BLANK_KIND, GENDERS, PROFILE_LAYOUT

_FIELD_WIDTHS = (38, 51, 38, 51)  # label, value, label, value (mm, scaled to the frame)


def _vocab(reference: BlankFormReference, name: str) -> tuple[Choice, ...]:
    if name == "genders":
        return tuple(Choice(code, label) for code, label in GENDERS.items())
    vocab: tuple[Choice, ...] = getattr(reference, name)
    return vocab


def profile_questions(reference: BlankFormReference) -> list[Flowable]:
    """Every establishment field as a writing line or tick boxes, by section."""
    out: list[Flowable] = []
    for title, names in PROFILE_LAYOUT:
        out += [heading(title), _question_table(reference, names)]
    return out


def _question_table(reference: BlankFormReference, names: tuple[str, ...]) -> Flowable:
    """Short questions two to a row, long ones and tick-box lists on a row of their own."""
    st = styles()
    rows: list[list[object]] = []
    commands: list[tuple[object, ...]] = []
    pending: list[object] = []  # half a row waiting for its partner
    pending_lines: list[int] = []  # value columns of the pending half rows that need a writing line

    def flush() -> None:
        rows.append([*pending, "", ""][:4])
        r = len(rows) - 1
        if len(pending) == 2:
            commands.append(("SPAN", (1, r), (3, r)))
            commands.extend(write_line((1, r), (3, r)) for _ in pending_lines[:1])
        else:
            commands.extend(write_line((c, r), (c, r)) for c in pending_lines)
        pending.clear()
        pending_lines.clear()

    for name in names:
        kind = BLANK_KIND.get(name, "")
        label = Paragraph(esc(field_label(name)), st["label"])
        if kind in ("", "yesno"):
            if kind == "":
                pending_lines.append(len(pending) + 1)
            pending += [label, markup(yes_no(None), "body") if kind == "yesno" else ""]
            if len(pending) == 4:
                flush()
            continue
        if pending:
            flush()
        r = len(rows)
        if kind in ("wide", "wide2"):
            rows.append([label, "", "", ""])
            commands += [("SPAN", (1, r), (3, r)), write_line((1, r), (3, r))]
            if kind == "wide2":
                rows.append(["", "", "", ""])
                commands += [("SPAN", (0, r + 1), (3, r + 1)), write_line((0, r + 1), (3, r + 1))]
        else:
            vocab = _vocab(reference, kind)
            text = ticks_wrapping(vocab) if name == "sector_group" else ticks(vocab)
            rows.append([label, markup(text, "body" if name != "sector_group" else "cell"), "", ""])
            commands.append(("SPAN", (1, r), (3, r)))
    if pending:
        flush()
    t = table(rows, _FIELD_WIDTHS, field_style(True))
    t.setStyle(commands)
    return t


def visit_questions() -> list[Flowable]:
    """The visit itself: date, times, purpose, respondent, position, observations … consent."""
    st = styles()

    def label(name: str) -> Paragraph:
        return Paragraph(esc(field_label(name)), st["label"])

    rows: list[list[object]] = [
        [
            label("visit_date"),
            Paragraph("........ / ........ / 20........", st["body"]),
            Paragraph("Thời gian", st["label"]),
            Paragraph("từ ......giờ...... đến ......giờ......", st["body"]),
        ],
        [label("purpose"), "", "", ""],
        [label("respondent_name"), "", label("respondent_title"), ""],
        [label("respondent_phone"), "", Paragraph("Toạ độ tại nơi khảo sát", st["label"]), ""],
    ]
    t = table(rows, _FIELD_WIDTHS, field_style(True))
    t.setStyle(
        [("SPAN", (1, 1), (3, 1)), write_line((1, 1), (3, 1)), write_line((1, 2), (1, 3)), write_line((3, 2), (3, 3))]
    )
    out: list[Flowable] = [heading("H. THÔNG TIN LẦN KHẢO SÁT"), t]
    for name, lines in (("observations", 6), ("recommendations", 4), ("next_steps", 3)):
        out.append(writing_lines(field_label(name), lines))
    out.append(Spacer(1, 2 * mm))
    out.append(
        markup(
            f"<b>{esc(field_label('consent'))}:</b> {yes_no(None)} — cơ sở đồng ý để Trung tâm Khuyến công lưu giữ"
            " và sử dụng thông tin trong phiếu này cho công tác khuyến công.",
            "body",
        )
    )
    return out


def writing_lines(title: str, lines: int) -> Flowable:
    """A titled block of ``lines`` dotted lines, each ≥ 8 mm high."""
    st = styles()
    rows: list[list[object]] = [[Paragraph(f"<b>{esc(title)}</b>", st["body"])]]
    rows += [[""] for _ in range(lines)]
    t = table(rows, (178,), field_style(True), rowHeights=[None] + [WRITE_ROW] * lines)
    t.setStyle([write_line((0, 1), (0, -1))])
    return KeepTogether([t])


NEEDS_HEADER = (
    "STT",
    "Tên máy móc, thiết bị; thông số kỹ thuật",
    "Công đoạn sản xuất",
    "Số lượng",
    "Đơn giá (đồng)",
    "Đề nghị hỗ trợ (đồng)",
    "Mới / Dây chuyền",
    "Mục tiêu (ghi số)",
)


def needs_table_blank(reference: BlankFormReference) -> list[Flowable]:
    st = styles()
    header = [Paragraph(esc(h), st["cell_bold"]) for h in NEEDS_HEADER]
    rows: list[list[object]] = [header]
    for i in range(reference.equipment_rows):
        rows.append([str(i + 1), "", "", "", "", "", Paragraph(f"{BOX} Mới<br/>{BOX} Dây chuyền", st["cell"]), ""])
    t = table(
        rows,
        (9, 46, 22, 14, 22, 22, 26, 17),
        grid_style(1),
        rowHeights=[None] + [12 * mm] * reference.equipment_rows,
        repeatRows=1,
    )
    legend = "; ".join(f"{i}. {c.label}" for i, c in enumerate(reference.need_purposes, start=1))
    return [
        heading("I. NHU CẦU HỖ TRỢ MÁY MÓC, THIẾT BỊ"),
        t,
        Spacer(1, 1 * mm),
        Paragraph(f"<b>Mục tiêu đầu tư</b> (ghi số vào cột «Mục tiêu»): {esc(legend)}.", st["small"]),
    ]


@lru_cache(maxsize=4)
def _question_heights(questions: tuple[str, ...]) -> tuple[float, ...]:
    """Each question's row height: room to tick (9 mm), taller when the question needs a third line.
    Measured once per checklist, not once per printed form."""
    style = styles()["cell"]
    text_width = 91 * mm - 4  # grid_style: 2 pt padding left and right, 1.5 pt above and 2 pt below
    return tuple(max(9 * mm, Paragraph(esc(q), style).wrap(text_width, 1000)[1] + 3.5 + 2) for q in questions)


def checklist_blank(reference: BlankFormReference) -> list[Flowable]:
    """The quick cleaner-production walk-through: one row per question, tick boxes Có / Không / KAD."""
    st = styles()
    rows: list[list[object]] = [
        [Paragraph(h, st["cell_bold"]) for h in ("Mã", "Nội dung kiểm tra", "Có", "Không", "Không áp dụng", "Ghi chú")]
    ]
    theme_rows: list[int] = []
    theme = None
    for item in reference.checklist:
        if item.theme != theme:
            theme = item.theme
            rows.append([Paragraph(f"<b>{esc(theme)}</b>", st["cell"]), "", "", "", "", ""])
            theme_rows.append(len(rows) - 1)
        rows.append([item.code, Paragraph(esc(item.text), st["cell"]), BOX, BOX, BOX, ""])
    heights: list[float | None] = [None] * len(rows)
    questions = iter(_question_heights(tuple(item.text for item in reference.checklist)))
    for i in range(1, len(rows)):
        if i not in theme_rows:
            heights[i] = next(questions)
    t = table(rows, (13, 91, 10, 14, 17, 33), grid_style(1), rowHeights=heights, repeatRows=1)
    style: list[tuple[object, ...]] = [
        ("FONTNAME", (0, 1), (0, -1), "KCSans"),
        ("FONTSIZE", (0, 1), (0, -1), 8),
        ("FONTNAME", (2, 1), (4, -1), "KCSans"),
        ("FONTSIZE", (2, 1), (4, -1), 13),
        ("ALIGN", (2, 0), (4, -1), "CENTER"),
        ("VALIGN", (0, 1), (-1, -1), "MIDDLE"),
    ]
    for r in theme_rows:
        style += [("SPAN", (0, r), (-1, r)), ("BACKGROUND", (0, r), (-1, r), "#f2f2f2")]
    t.setStyle(style)
    return [heading("K. KIỂM TRA NHANH SẢN XUẤT SẠCH HƠN (đánh dấu ☒ vào ô phù hợp)"), t]
