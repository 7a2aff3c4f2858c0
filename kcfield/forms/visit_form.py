"""The visit form (phiếu khảo sát, mẫu KC-01): blank for handwriting, pre-filled with a profile, or filled.

Many forms go into one PDF as a batch: each starts on a new page behind a :class:`~kcfield.forms.page.StartForm`
marker, so its pages count "Trang 1/y" from its own start and its QR code carries its own record id; a draft
visit's pages carry "BẢN NHÁP". Progress is reported from the real layout work (a :class:`Callback` at the end
of each form), so cancelling stops the build and, with a Path, leaves no file behind.

Personal data is printed whole here: a visit form is about one establishment and is read and signed at the
establishment by its representative, whose phone and personal ID it shows. Lists and summaries of several
establishments mask them (:mod:`kcfield.domain.personal`).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import BinaryIO

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Paragraph, Spacer

from kcfield.domain.errors import DomainError
from kcfield.forms.data import (
    VISIT_FORM_CODE,
    BlankFormReference,
    CPSummary,
    Field,
    NeedRow,
    NeedTotals,
    Section,
    VisitFormData,
)
from kcfield.forms.page import (
    Callback,
    Deferred,
    DocumentSettings,
    PageRecording,
    QrTarget,
    RecordPages,
    ReusedPages,
    StartForm,
    StopRecording,
    build_pdf,
    register_fonts,
    styles,
)
from kcfield.forms.visit_blank import (
    checklist_blank,
    needs_table_blank,
    profile_questions,
    visit_questions,
)
from kcfield.forms.visit_common import esc, field_style, grid_style, heading, markup, signature_blocks, table, yes_no

__all__ = ["build_blank_form", "build_visit_forms"]

TITLE = "PHIẾU KHẢO SÁT CƠ SỞ CÔNG NGHIỆP NÔNG THÔN"
DRAFT_MARK = "BẢN NHÁP"
_LONG_VALUE = 60  # a value longer than this gets a full-width row
_FLOW_VALUE = 600  # a value longer than this is printed as flowing paragraphs below its section


def build_blank_form(out: BinaryIO | Path, settings: DocumentSettings, reference: BlankFormReference) -> int:
    """The blank form for handwriting; returns the number of pages."""
    register_fonts(settings.font_dir)  # the checklist measures its questions while the story is made
    st = styles()
    story: list[Flowable] = [
        Paragraph(TITLE, st["title"]),
        Paragraph("(Phiếu dùng để ghi tay khi khảo sát; đánh dấu ☒ vào ô phù hợp)", st["subtitle"]),
        *profile_questions(reference),
        *visit_questions(),
        *needs_table_blank(reference),
        *checklist_blank(reference),
        signature_blocks(settings, "", ""),
    ]
    qr = QrTarget("blank", "", reference.form_version)
    return build_pdf(
        out,
        story,
        settings=settings,
        title=TITLE,
        form_code=VISIT_FORM_CODE,
        form_version=reference.form_version,
        qr=qr,
        national_heading=True,
    )


def build_visit_forms(
    out: BinaryIO | Path,
    forms: Sequence[VisitFormData],
    settings: DocumentSettings,
    progress: Callable[[int, int], bool] | None = None,
) -> int:
    """One or many filled (or pre-filled) forms in one PDF; returns the number of pages.

    ``progress(done, total)`` is called after each form is laid out; returning False cancels with
    DomainError("forms.cancelled") (and, when ``out`` is a Path, no file is written).
    """
    register_fonts(settings.font_dir)  # pre-filled forms carry the checklist, which measures its questions
    if not forms:
        raise DomainError("forms.nothing_to_print")
    total = len(forms)
    story: list[Flowable] = []
    blank_part = PageRecording("prefilled-blank-part")  # laid out once, placed again on the later forms
    for index, form in enumerate(forms):
        # Each form's flowables are made when layout reaches it (Deferred): one form in memory at a time.
        story.append(Deferred(functools.partial(_one_form, form, index, total, settings, blank_part, progress)))
    return build_pdf(
        out,
        story,
        settings=settings,
        title=TITLE if total == 1 else f"{TITLE} ({total} phiếu)",
        form_code=VISIT_FORM_CODE,
        form_version=forms[0].form_version,
        qr=None,
        national_heading=True,
    )


def _one_form(
    form: VisitFormData,
    index: int,
    total: int,
    settings: DocumentSettings,
    blank_part: PageRecording,
    progress: Callable[[int, int], bool] | None,
) -> list[Flowable]:
    story: list[Flowable] = [PageBreak()] if index else []
    story.append(
        StartForm(
            QrTarget(form.record_kind, form.record_id, form.form_version),
            watermark=DRAFT_MARK if form.draft else "",
            form_code=VISIT_FORM_CODE,
            form_version=form.form_version,
        )
    )
    story += _filled_form(form, settings, blank_part)
    if progress is not None:
        story.append(Callback(_reporter(progress, index + 1, total)))
    return story


def _reporter(progress: Callable[[int, int], bool], done: int, total: int) -> Callable[[], None]:
    def report() -> None:
        if progress(done, total) is False:
            raise DomainError("forms.cancelled")

    return report


def _filled_form(
    form: VisitFormData, settings: DocumentSettings, blank_part: PageRecording | None = None
) -> list[Flowable]:
    st = styles()
    story: list[Flowable] = [Paragraph(TITLE, st["title"])]
    subtitle = esc(form.establishment_name)
    if form.draft:
        subtitle += f" — <font color='#cc0000'><b>{DRAFT_MARK}</b></font> (lần khảo sát chưa hoàn tất)"
    story.append(Paragraph(subtitle, st["subtitle"]))
    if form.profile_note:
        story.append(Paragraph(f"<i>{esc(form.profile_note)}</i>", st["small"]))
    for section in form.profile:
        story += _section(section)
    if form.visit is None:  # pre-filled: the visit part is written by hand, on pages of its own
        reference = form.reference

        def blank() -> list[Flowable]:
            part = visit_questions()
            if reference is not None:
                part += needs_table_blank(reference)
                part += checklist_blank(reference)
            return part

        story.append(PageBreak())
        if blank_part is None:
            story += blank()
        elif not blank_part.planned:  # the first pre-filled form of the batch lays it out and records it
            blank_part.planned = True
            story += [RecordPages(blank_part), *blank(), StopRecording(blank_part)]
        else:
            story.append(ReusedPages(blank_part, blank))
    else:
        story += _visit(form)
        story += _needs(form.needs, form.needs_total)
        if form.cp is not None:
            story += _cp(form.cp)
    story.append(signature_blocks(settings, form.representative_name, form.collaborator_name))
    return story


def _section(section: Section) -> list[Flowable]:
    """Label/value pairs two to a row; long values take a whole row; very long ones flow below."""
    st = styles()
    rows: list[list[object]] = []
    spans: list[tuple[object, ...]] = []
    pending: list[object] = []
    flowing: list[Field] = []
    for f in section.fields:
        if len(f.value) > _FLOW_VALUE:
            flowing.append(f)
            continue
        label = Paragraph(esc(f.label), st["cell_bold"])
        value = Paragraph(esc(f.value) or "—", st["cell"])
        if len(f.value) > _LONG_VALUE or len(f.label) > 45:
            if pending:
                rows.append([*pending, "", ""])
                pending = []
            rows.append([label, value, "", ""])
            spans.append(("SPAN", (1, len(rows) - 1), (3, len(rows) - 1)))
            continue
        pending += [label, value]
        if len(pending) == 4:
            rows.append(pending)
            pending = []
    if pending:
        rows.append([*pending, "", ""])
    out: list[Flowable] = [heading(section.title)]
    if rows:
        t = table(rows, (34, 55, 34, 55), field_style(False))
        if spans:
            t.setStyle(spans)
        out.append(t)
    for f in flowing:
        out.append(Paragraph(f"<b>{esc(f.label)}:</b>", st["body"]))
        out += _flowing_text(f.value)
    return out


def _flowing_text(text: str) -> list[Flowable]:
    """Long text as one paragraph per line of the original, so it wraps and flows across pages, never cut."""
    st = styles()
    parts = [p for p in text.split("\n")]
    return [Paragraph(esc(p) if p.strip() else "&nbsp;", st["body"]) for p in parts]


def _visit(form: VisitFormData) -> list[Flowable]:
    st = styles()
    out: list[Flowable] = [heading("H. THÔNG TIN LẦN KHẢO SÁT")]
    out += _section(Section("", form.visit or ()))[1:]
    for title, text in (
        ("Ghi nhận tại cơ sở", form.observations),
        ("Kiến nghị", form.recommendations),
        ("Việc cần làm tiếp", form.next_steps),
    ):
        out.append(Spacer(1, 1.5 * mm))
        out.append(Paragraph(f"<b>{esc(title)}:</b>", st["body"]))
        out += _flowing_text(text) if text.strip() else [Paragraph("—", st["body"])]
    out.append(Spacer(1, 1.5 * mm))
    out.append(markup(f"<b>Đồng ý cung cấp thông tin:</b> {yes_no(form.consent)}"))
    return out


_NEED_HEAD = (
    "STT",
    "Máy móc, thiết bị",
    "SL",
    "Thành tiền (đồng)",
    "Đề nghị hỗ trợ (đồng)",
    "Hỗ trợ được phép (đồng)",
    "Căn cứ pháp lý",
)


def _needs(needs: Sequence[NeedRow], totals: NeedTotals | None) -> list[Flowable]:
    st = styles()
    out: list[Flowable] = [heading("I. NHU CẦU HỖ TRỢ MÁY MÓC, THIẾT BỊ")]
    if not needs:
        return [
            *out,
            Paragraph("Cơ sở chưa đăng ký nhu cầu hỗ trợ máy móc, thiết bị trong lần khảo sát này.", st["body"]),
        ]
    rows: list[list[object]] = [[Paragraph(h, st["cell_bold"]) for h in _NEED_HEAD]]
    for i, n in enumerate(needs, start=1):
        detail = f"<b>{esc(n.equipment)}</b>"
        for extra in (
            n.specification,
            n.production_stage and f"Công đoạn: {n.production_stage}",
            n.purposes and f"Mục tiêu: {n.purposes}",
            n.status and f"Trạng thái: {n.status}",
        ):
            if extra:
                detail += f"<br/>{esc(extra)}"
        allowed = esc(n.allowed)
        if n.refused:
            allowed += "<br/><font size='7'>(không được hỗ trợ)</font>"
        elif n.capped:
            allowed += "<br/><font size='7'>(đã áp mức trần)</font>"
        rows.append(
            [
                Paragraph(str(i), st["cell_center"]),
                Paragraph(detail, st["cell"]),
                Paragraph(esc(n.quantity), st["cell_right"]),
                Paragraph(esc(n.cost), st["cell_right"]),
                Paragraph(esc(n.requested), st["cell_right"]),
                Paragraph(allowed, st["cell_right"]),
                Paragraph(esc(n.legal_basis), st["small"]),
            ]
        )
    if totals is not None:
        rows.append(
            [
                "",
                Paragraph(f"<b>Cộng ({totals.count} hạng mục)</b>", st["cell"]),
                "",
                Paragraph(f"<b>{esc(totals.cost)}</b>", st["cell_right"]),
                Paragraph(f"<b>{esc(totals.requested)}</b>", st["cell_right"]),
                Paragraph(f"<b>{esc(totals.allowed)}</b>", st["cell_right"]),
                "",
            ]
        )
    out.append(table(rows, (9, 52, 11, 26, 26, 26, 28), grid_style(1), repeatRows=1))
    notes = [f"({i}) {esc(n.explanation)}" for i, n in enumerate(needs, start=1) if n.explanation]
    if notes:
        out.append(Spacer(1, 1 * mm))
        out.append(Paragraph("<b>Cách tính mức hỗ trợ:</b>", st["small"]))
        out += [Paragraph(note, st["small"]) for note in notes]
    return out


def _cp(cp: CPSummary) -> list[Flowable]:
    st = styles()
    out: list[Flowable] = [heading("K. TÓM TẮT ĐÁNH GIÁ SẢN XUẤT SẠCH HƠN"), Paragraph(esc(cp.heading), st["body"])]
    if cp.facts:
        out += _section(Section("", cp.facts))[1:]
    if cp.indicators:
        rows: list[list[object]] = [
            [Paragraph(h, st["cell_bold"]) for h in ("Chỉ số", "Giá trị", "Định mức / tham chiếu", "So sánh", "Nguồn")]
        ]
        for r in cp.indicators:
            rows.append(
                [Paragraph(esc(v), st["cell"]) for v in (r.name, r.value, r.benchmark, r.comparison)]
                + [Paragraph(esc(r.source), st["small"])]
            )
        out += [Spacer(1, 1.5 * mm), table(rows, (42, 28, 32, 30, 46), grid_style(1), repeatRows=1)]
    if cp.options:
        rows = [
            [
                Paragraph(h, st["cell_bold"])
                for h in ("Nhóm", "Giải pháp", "Đầu tư (đồng)", "Lợi ích ròng (đồng/năm)", "Hoàn vốn (năm)", "Sàng lọc")
            ]
        ]
        for o in cp.options:
            rows.append(
                [
                    Paragraph(esc(o.category), st["cell"]),
                    Paragraph(esc(o.description), st["cell"]),
                    Paragraph(esc(o.investment), st["cell_right"]),
                    Paragraph(esc(o.net_savings), st["cell_right"]),
                    Paragraph(esc(o.payback), st["cell_right"]),
                    Paragraph(esc(o.screening), st["cell"]),
                ]
            )
        if cp.total_investment or cp.total_net_savings:
            rows.append(
                [
                    "",
                    Paragraph("<b>Cộng</b>", st["cell"]),
                    Paragraph(f"<b>{esc(cp.total_investment)}</b>", st["cell_right"]),
                    Paragraph(f"<b>{esc(cp.total_net_savings)}</b>", st["cell_right"]),
                    "",
                    "",
                ]
            )
        out += [Spacer(1, 1.5 * mm), table(rows, (28, 54, 27, 27, 15, 27), grid_style(1), repeatRows=1)]
    if cp.savings:
        out.append(Spacer(1, 1.5 * mm))
        out.append(Paragraph("<b>Theo nhóm giải pháp:</b>", st["small"]))
        out += [Paragraph(f"{esc(f.label)}: {esc(f.value)}", st["small"]) for f in cp.savings]
    return out
