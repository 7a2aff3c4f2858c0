"""Cleaner-production assessment report (BÁO CÁO ĐÁNH GIÁ NHANH SẢN XUẤT SẠCH HƠN), a report to the centre.

It lays out what the assessment recorded (period, focus step, product, inputs and outputs) and what the domain
computed from it (:mod:`kcfield.domain.cp_indicators`: specific consumption, comparison with sector benchmarks
with their source, energy in MJ over all carriers, payback and CO₂ avoided of each option, savings per option
category). Nothing is recomputed here, so the report agrees with the "Chỉ số" tab of the editor; each figure
is followed by its arithmetic in words where the domain gives one, so the centre can check it by hand.

A report to the centre, not an official form: no national heading.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any, BinaryIO, Final

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from kcfield.domain import messages
from kcfield.domain.cp_indicators import BenchmarkComparison, Indicator, Position
from kcfield.domain.eligibility import explain
from kcfield.domain.enums import CPInputCategory, CPKind
from kcfield.domain.model import CPInput
from kcfield.domain.numbers import format_date_vi, format_number
from kcfield.forms.page import BOLD, FONT, DocumentSettings, QrTarget, build_pdf, content_width, register_fonts, styles
from kcfield.forms.report_common import FONT_SIZE, cell_style, escape, table_styles
from kcfield.forms.report_data import CPReportData

__all__ = ["FORM_CODE", "FORM_VERSION", "build_cp_report", "report_title"]

FORM_CODE: Final = "KC-SXSH"
FORM_VERSION: Final = "KC-SXSH/2026.1"
CATEGORIES: Final = range(1, 9)

PAD: Final = 2.5

_HEADER_BG: Final = colors.Color(0.88, 0.91, 0.95)
_TOTAL_BG: Final = colors.Color(0.9, 0.9, 0.9)
_BAR: Final = colors.Color(0.18, 0.49, 0.2)
_BAR_NEGATIVE: Final = colors.Color(0.78, 0.16, 0.16)


def report_title(kind: CPKind) -> str:
    if kind is CPKind.DETAILED:
        return "BÁO CÁO ĐÁNH GIÁ CHI TIẾT SẢN XUẤT SẠCH HƠN"
    return "BÁO CÁO ĐÁNH GIÁ NHANH SẢN XUẤT SẠCH HƠN"


def build_cp_report(out: BinaryIO | Path, data: CPReportData, settings: DocumentSettings) -> int:
    """Write the report as PDF to ``out``; returns the number of pages."""
    register_fonts(settings.font_dir)  # tables measure their figures with the font
    title = report_title(data.assessment.kind)
    return build_pdf(
        out,
        _story(data, title),
        settings=settings,
        title=title.capitalize(),
        form_code=FORM_CODE,
        form_version=FORM_VERSION,
        qr=QrTarget("cp", data.record_id, FORM_VERSION),
        national_heading=False,
    )


# --- styles and small helpers ----------------------------------------------------------------------------------


@cache
def _styles() -> dict[str, ParagraphStyle]:
    return {
        **table_styles("cp"),
        "note": ParagraphStyle("cp_note", styles()["small"], fontSize=7.5, leading=9.5, leftIndent=3 * mm),
        "info_label": cell_style("cp_info_label", fontName=BOLD, fontSize=8.5, leading=10.5),
        "info": cell_style("cp_info", fontSize=8.5, leading=10.5),
    }


def _p(text: str, style: str = "cell") -> Paragraph:
    return Paragraph(escape(text), _styles()[style])


def _money(n: float) -> str:
    return format_number(round(n), 0)


def _decimal(x: float, decimals: int = 3) -> str:
    """Grouped, with up to ``decimals`` decimals and no trailing zeros: 1.234,5 — 0,125 — 150.000."""
    text = format_number(x, decimals)
    return text.rstrip("0").rstrip(",") if "," in text else text


def _indicator_value(x: float) -> str:
    """An indicator rounded for reading, as the editor shows it: whole from 100 up, else up to 3 decimals."""
    return format_number(x, 0) if abs(x) >= 100 else _decimal(round(x, 3), 3)


def _text(code: str) -> str:
    return messages.text(code, "vi")


def _grid(
    rows: list[list[Any]], widths: Sequence[float], *, total_rows: Sequence[int] = (), extra: Sequence[Any] = ()
) -> Table:
    table = Table(rows, colWidths=list(widths), repeatRows=1, hAlign="LEFT")
    commands: list[Any] = [
        ("GRID", (0, 0), (-1, -1), 0.4, colors.Color(0.45, 0.45, 0.45)),
        ("BACKGROUND", (0, 0), (-1, 0), _HEADER_BG),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("VALIGN", (0, 0), (-1, 0), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), PAD),
        ("RIGHTPADDING", (0, 0), (-1, -1), PAD),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]
    for r in total_rows:
        commands.append(("BACKGROUND", (0, r), (-1, r), _TOTAL_BG))
    commands.extend(extra)
    table.setStyle(TableStyle(commands))
    return table


def _fit(texts: Sequence[str], minimum: float = 0) -> float:
    """Width of a column holding these figures (bold, so totals fit too), with its padding."""
    widest = max((pdfmetrics.stringWidth(t, BOLD, FONT_SIZE) for t in texts), default=0)
    return max(widest + 2 * PAD + 1.5, minimum)


def _share(fixed: list[float | None]) -> list[float]:
    """Give the columns marked None equal parts of the width the fixed columns leave."""
    free = [i for i, w in enumerate(fixed) if w is None]
    rest = content_width() - sum(w for w in fixed if w is not None)
    part = rest / len(free) if free else 0
    return [part if w is None else w for w in fixed]


# --- the story ---------------------------------------------------------------------------------------------------


def _story(data: CPReportData, title: str) -> list[Flowable]:
    s = styles()
    story: list[Flowable] = [Paragraph(title, s["title"])]
    story.append(Paragraph(f"<b>Cơ sở:</b> {escape(data.establishment_name)}", s["subtitle"]))
    story.extend(_heading("I. Thông tin chung"))
    story.append(_general(data))
    story.extend(_heading("II. Đầu vào và đầu ra trong kỳ đánh giá"))
    story.extend(_inputs(data))
    story.extend(_outputs(data))
    story.extend(_heading("III. Năng lượng tiêu thụ"))
    story.extend(_energy(data))
    story.extend(_heading("IV. Suất tiêu hao trên đơn vị sản phẩm và so sánh với mức tham chiếu"))
    story.extend(_indicators(data))
    story.extend(_heading("V. Các giải pháp sản xuất sạch hơn"))
    story.extend(_options(data))
    story.extend(_heading("VI. Tổng hợp tiết kiệm theo nhóm giải pháp"))
    story.extend(_categories(data))
    story.append(Spacer(0, 6 * mm))
    story.append(_signatures())
    return story


def _heading(text: str) -> list[Flowable]:
    """A section heading that never sits alone at the foot of a page."""
    return [CondPageBreak(30 * mm), Paragraph(text, styles()["heading"])]


def _general(data: CPReportData) -> Table:
    a = data.assessment
    period = "—"
    if a.period_start or a.period_end:
        start = format_date_vi(a.period_start) if a.period_start else "…"
        end = format_date_vi(a.period_end) if a.period_end else "…"
        period = f"từ {start} đến {end}"
    output = "—"
    if a.output_quantity is not None:
        output = f"{_decimal(a.output_quantity)} {a.output_unit}".strip()
    rows = [
        ("Tên cơ sở", data.establishment_name),
        ("Địa chỉ", data.establishment_address or "—"),
        ("Ngành nghề (VSIC)", data.vsic or "—"),
        ("Hình thức đánh giá", _text(f"report.cp_kind.{a.kind.value}")),
        ("Kỳ đánh giá", period),
        ("Công đoạn trọng tâm", a.focus_step or "—"),
        ("Sản phẩm", a.product_name or "—"),
        ("Sản lượng trong kỳ", output),
    ]
    if a.notes:
        rows.append(("Ghi chú", a.notes))
    table = Table(
        [[_p(k, "info_label"), _p(v, "info")] for k, v in rows],
        colWidths=[42 * mm, content_width() - 42 * mm],
        hAlign="LEFT",
    )
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), PAD),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
                ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.Color(0.75, 0.75, 0.75)),
            ]
        )
    )
    return table


def _inputs(data: CPReportData) -> list[Flowable]:
    s = styles()
    inputs = data.assessment.inputs
    out: list[Flowable] = [Paragraph("1. Đầu vào (nguyên liệu, năng lượng, nước, hoá chất)", s["label"])]
    if not inputs:
        return [*out, Paragraph("Chưa ghi nhận đầu vào.", s["small"])]
    costs = [_row_cost(i) for i in inputs]
    total = sum(c for c in costs if c is not None)
    money = [_money(total)] + [_money(i.unit_price_vnd) for i in inputs if i.unit_price_vnd is not None]
    money += [_money(c) for c in costs if c is not None]
    quantities = [_decimal(i.quantity) for i in inputs]
    rows: list[list[Any]] = [
        [_p(h, "head") for h in ("STT", "Loại", "Tên", "Số lượng", "Đơn vị", "Đơn giá (đồng)", "Thành tiền (đồng)")]
    ]
    for n, (item, cost) in enumerate(zip(inputs, costs, strict=True), start=1):
        name = [_p(item.name, "bold")]
        if item.carrier_code:
            name.append(_p(data.carrier_names.get(item.carrier_code, item.carrier_code), "detail"))
        rows.append(
            [
                _p(str(n), "center"),
                _p(_text(f"report.cp_input.{item.category.value}")),
                name,
                _p(_decimal(item.quantity), "right"),
                _p(item.unit),
                _p(_money(item.unit_price_vnd) if item.unit_price_vnd is not None else "—", "right"),
                _p(_money(cost) if cost is not None else "—", "right"),
            ]
        )
    rows.append([_p("Tổng chi phí đầu vào", "bold"), "", "", "", "", "", _p(_money(total), "right_bold")])
    last = len(rows) - 1
    widths = _share(
        [8 * mm, 20 * mm, None, _fit(quantities, 15 * mm), 14 * mm, _fit(money, 20 * mm), _fit(money, 22 * mm)]
    )
    out.append(_grid(rows, widths, total_rows=[last], extra=[("SPAN", (0, last), (5, last))]))
    out.append(Spacer(0, 2 * mm))
    return out


def _row_cost(item: CPInput) -> float | None:
    return None if item.unit_price_vnd is None else item.quantity * item.unit_price_vnd


def _outputs(data: CPReportData) -> list[Flowable]:
    s = styles()
    outputs = data.assessment.outputs
    out: list[Flowable] = [Paragraph("2. Đầu ra (sản phẩm, phụ phẩm, chất thải)", s["label"])]
    if not outputs:
        return [*out, Paragraph("Chưa ghi nhận đầu ra.", s["small"])]
    quantities = [_decimal(o.quantity) for o in outputs]
    rows: list[list[Any]] = [
        [_p(h, "head") for h in ("STT", "Loại", "Tên", "Số lượng", "Đơn vị", "Nơi thải / sử dụng")]
    ]
    for n, o in enumerate(outputs, start=1):
        rows.append(
            [
                _p(str(n), "center"),
                _p(_text(f"report.cp_output.{o.category.value}")),
                _p(o.name, "bold"),
                _p(_decimal(o.quantity), "right"),
                _p(o.unit),
                _p(o.destination or "—"),
            ]
        )
    widths = _share([8 * mm, 22 * mm, None, _fit(quantities, 15 * mm), 14 * mm, None])
    return [*out, _grid(rows, widths), Spacer(0, 1 * mm)]


def _energy(data: CPReportData) -> list[Flowable]:
    s = styles()
    energy = data.energy
    if energy is None:
        return [Paragraph("Chưa có đầu vào năng lượng.", s["small"])]
    rows: list[list[Any]] = [
        [_p(h, "head") for h in ("Đầu vào", "Loại năng lượng", "Lượng", "Quy đổi (MJ)", "Tỷ trọng")]
    ]
    energy_inputs = [i for i in data.assessment.inputs if i.category is CPInputCategory.ENERGY]
    parts = list(energy.parts)
    texts = [format_number(energy.mj, 0)]
    for item in energy_inputs:
        mj: float | None = None
        if parts and parts[0][0] == item.name:
            mj = parts.pop(0)[1]
        carrier = data.carrier_names.get(item.carrier_code, item.carrier_code) if item.carrier_code else "—"
        share = "—" if mj is None or energy.mj <= 0 else f"{format_number(100 * mj / energy.mj, 1)} %"
        texts.append(format_number(mj, 0) if mj is not None else "không quy đổi được")
        rows.append(
            [
                _p(item.name, "bold"),
                _p(carrier),
                _p(f"{_decimal(item.quantity)} {item.unit}", "right"),
                _p(texts[-1], "right"),
                _p(share, "right"),
            ]
        )
    kgoe = "" if energy.kgoe is None else f" ({format_number(energy.kgoe, 1)} kgOE)"
    rows.append(
        [
            _p("Tổng năng lượng", "bold"),
            "",
            "",
            _p(format_number(energy.mj, 0), "right_bold"),
            _p("100 %", "right_bold"),
        ]
    )
    last = len(rows) - 1
    widths = _share([None, None, 28 * mm, _fit(texts, 24 * mm), 16 * mm])
    out: list[Flowable] = [_grid(rows, widths, total_rows=[last], extra=[("SPAN", (0, last), (2, last))])]
    by_carrier = "; ".join(
        f"{data.carrier_names.get(code, code) if code else 'khác'}: {format_number(mj, 0)} MJ"
        for code, mj in sorted(energy.by_carrier.items(), key=lambda kv: -kv[1])
    )
    out.append(Spacer(0, 1 * mm))
    out.append(
        Paragraph(
            f"Tổng năng lượng tiêu thụ trong kỳ: <b>{format_number(energy.mj, 0)} MJ</b>{kgoe}. "
            f"Theo loại năng lượng: {escape(by_carrier)}.",
            _styles()["note"],
        )
    )
    out.append(Paragraph(f"Cách tính: {escape(explain(energy.reasons, 'vi'))}.", _styles()["note"]))
    return out


# --- indicators -------------------------------------------------------------------------------------------------


def _indicator_name(indicator: Indicator) -> str:
    name = _text(f"cp_indicator.name.{indicator.code}")
    return name[:1].upper() + name[1:]


def _comparison_cells(c: BenchmarkComparison) -> tuple[list[Paragraph], list[Paragraph]]:
    b = c.benchmark
    kind = "định mức theo quy định" if b.is_legal_norm else "mức tham khảo"
    reference = [
        _p(f"{_indicator_value(b.value)} {b.unit}", "bold"),
        _p(f"{kind}; {b.product}", "detail"),
    ]
    word = {Position.ABOVE: "Cao hơn", Position.EQUAL: "Bằng", Position.BELOW: "Thấp hơn"}[c.position]
    verdict = [_p(f"{word} ({_decimal(c.ratio, 2)} lần)")]
    if c.benchmark.unit != c.indicator.unit:
        verdict.append(_p(f"= {_indicator_value(c.value)} {b.unit}", "detail"))
    if c.in_force is False:
        verdict.append(_p("mức này không áp dụng cho kỳ đánh giá", "detail"))
    elif c.exceeds_norm:
        verdict.append(_p("vượt định mức", "bold"))
    return reference, verdict


def _indicators(data: CPReportData) -> list[Flowable]:
    s = styles()
    if not data.indicators:
        return [Paragraph("Chưa tính được: cần sản lượng sản phẩm và số liệu đầu vào có đơn vị.", s["small"])]
    rows: list[list[Any]] = [
        [_p(h, "head") for h in ("Chỉ số", "Giá trị", "Mức so sánh", "Đánh giá", "Nguồn của mức so sánh")]
    ]
    for indicator in data.indicators:
        value = _p(f"{_indicator_value(indicator.value)} {indicator.unit}", "right_bold")
        mine = [c for c in data.comparisons if c.indicator.code == indicator.code]
        if not mine:
            rows.append([_p(_indicator_name(indicator), "bold"), value, _p("—"), _p("—"), _p("—")])
            continue
        for k, c in enumerate(mine):
            reference, verdict = _comparison_cells(c)
            # each comparison row names its indicator again: the table may break between two of them
            name: list[Paragraph] = [_p(_indicator_name(indicator), "bold")]
            if k:
                name.append(_p(f"(so sánh thứ {k + 1})", "detail"))
            rows.append(
                [
                    name,
                    _p(f"{_indicator_value(indicator.value)} {indicator.unit}", "right_bold"),
                    reference,
                    verdict,
                    _p(c.source or "—", "detail"),
                ]
            )
    widths = _share([34 * mm, 27 * mm, 30 * mm, 26 * mm, None])
    out: list[Flowable] = [_grid(rows, widths), Spacer(0, 1 * mm)]
    out.append(Paragraph("Cách tính:", _styles()["note"]))
    for indicator in data.indicators:
        out.append(
            Paragraph(
                f"– {escape(_indicator_name(indicator))}: {escape(explain(indicator.reasons, 'vi'))}.",
                _styles()["note"],
            )
        )
    return out


# --- options ----------------------------------------------------------------------------------------------------


def _options(data: CPReportData) -> list[Flowable]:
    s = styles()
    evaluations = data.options
    if not evaluations:
        return [Paragraph("Chưa có giải pháp.", s["small"])]
    headers = (
        "STT",
        "Nhóm",
        "Giải pháp",
        "Đầu tư (đồng)",
        "Tiết kiệm /năm (đồng)",
        "Chi phí vận hành tăng thêm /năm (đồng)",
        "Hoàn vốn (năm)",
        "Giảm CO₂ (t/năm)",
        "Sàng lọc",
        "Trạng thái",
    )
    rows: list[list[Any]] = [[_p(h, "head") for h in headers]]
    investment = sum(e.option.investment_vnd for e in evaluations)
    savings = sum(e.option.annual_savings_vnd for e in evaluations)
    added = sum(e.option.added_operating_cost_vnd for e in evaluations)
    co2_values = [e.co2_avoided_t for e in evaluations if e.co2_avoided_t is not None]
    money = [_money(investment), _money(savings), _money(added)]
    for n, e in enumerate(evaluations, start=1):
        o = e.option
        money += [_money(o.investment_vnd), _money(o.annual_savings_vnd), _money(o.added_operating_cost_vnd)]
        payback = "không hoàn vốn" if e.payback_years is None else _decimal(e.payback_years, 2)
        co2 = "—" if e.co2_avoided_t is None else _decimal(e.co2_avoided_t, 2)
        rows.append(
            [
                _p(str(n), "center"),
                _p(str(o.category), "center"),
                _p(o.description, "bold"),
                _p(_money(o.investment_vnd), "right"),
                _p(_money(o.annual_savings_vnd), "right"),
                _p(_money(o.added_operating_cost_vnd), "right"),
                _p(payback, "right"),
                _p(co2, "right"),
                _p(_text(f"report.cp_screening.{o.screening.value}")),
                _p(_text(f"report.cp_option_status.{o.status.value}")),
            ]
        )
    co2_total = _decimal(sum(co2_values), 2) if co2_values else "—"
    rows.append(
        [
            _p("Tổng cộng", "bold"),
            "",
            "",
            _p(_money(investment), "right_bold"),
            _p(_money(savings), "right_bold"),
            _p(_money(added), "right_bold"),
            "",
            _p(co2_total, "right_bold"),
            "",
            "",
        ]
    )
    last = len(rows) - 1
    m = _fit(money, 17 * mm)
    widths = _share([8.5 * mm, 10.5 * mm, None, m, m, m, 13 * mm, 13 * mm, 16 * mm, 17 * mm])
    out: list[Flowable] = [_grid(rows, widths, total_rows=[last], extra=[("SPAN", (0, last), (2, last))])]
    out.append(Spacer(0, 1 * mm))
    names = "; ".join(f"{n}. {data.category_names.get(n, f'Nhóm {n}')}" for n in CATEGORIES)
    out.append(Paragraph(f"Nhóm giải pháp: {escape(names)}.", _styles()["note"]))
    if data.grid_emission_factor is not None:
        factor = format_number(data.grid_emission_factor, 4).rstrip("0").rstrip(",")
        out.append(
            Paragraph(f"Giảm phát thải CO₂ tính với hệ số phát thải lưới điện {factor} tCO₂/MWh.", _styles()["note"])
        )
    out.append(Paragraph("Cách tính:", _styles()["note"]))
    for n, e in enumerate(evaluations, start=1):
        out.append(
            Paragraph(
                f"– Giải pháp {n} ({escape(e.option.description)}): {escape(explain(e.reasons, 'vi'))}.",
                _styles()["note"],
            )
        )
    return out


# --- savings by category, with a chart ---------------------------------------------------------------------------


def _categories(data: CPReportData) -> list[Flowable]:
    s = styles()
    totals = data.savings_by_category
    if not totals:
        return [Paragraph("Chưa có giải pháp.", s["small"])]
    headers = (
        "Nhóm",
        "Tên nhóm giải pháp",
        "Số giải pháp",
        "Đầu tư (đồng)",
        "Tiết kiệm /năm (đồng)",
        "Chi phí tăng thêm /năm (đồng)",
        "Tiết kiệm ròng /năm (đồng)",
    )
    rows: list[list[Any]] = [[_p(h, "head") for h in headers]]
    sums = [0, 0, 0, 0, 0]
    money: list[str] = []
    for number, c in totals.items():
        values = (c.investment_vnd, c.annual_savings_vnd, c.added_operating_cost_vnd, c.net_savings_vnd)
        sums[0] += c.options
        for k, v in enumerate(values, start=1):
            sums[k] += v
        money += [_money(v) for v in values]
        rows.append(
            [
                _p(str(number), "center"),
                _p(data.category_names.get(number, f"Nhóm {number}")),
                _p(str(c.options), "right"),
                *(_p(_money(v), "right") for v in values),
            ]
        )
    money += [_money(v) for v in sums[1:]]
    rows.append(
        [_p("Tổng cộng", "bold"), "", _p(str(sums[0]), "right_bold"), *(_p(_money(v), "right_bold") for v in sums[1:])]
    )
    last = len(rows) - 1
    m = _fit(money, 19 * mm)
    widths = _share([11 * mm, None, 14 * mm, m, m, m, m])
    table = _grid(rows, widths, total_rows=[last], extra=[("SPAN", (0, last), (1, last))])
    return [
        table,
        Spacer(0, 3 * mm),
        KeepTogether(
            [
                Paragraph("Tiết kiệm ròng hằng năm theo nhóm giải pháp (triệu đồng/năm)", s["label"]),
                Spacer(0, 1 * mm),
                _chart(data),
            ]
        ),
    ]


def _chart(data: CPReportData) -> Flowable:
    """Horizontal bars of the yearly net savings per category (all 8, so a gap shows), in million đồng."""
    from reportlab.graphics.charts.barcharts import HorizontalBarChart
    from reportlab.graphics.shapes import Drawing

    totals = data.savings_by_category
    values = [totals[n].net_savings_vnd / 1_000_000 if n in totals else 0.0 for n in CATEGORIES]
    labels = [f"{n}. {data.category_names.get(n, f'Nhóm {n}')}" for n in CATEGORIES]
    width = content_width()
    label_width = max(pdfmetrics.stringWidth(t, FONT, 8) for t in labels) + 6
    bar_step = 6.5 * mm
    height = bar_step * len(values) + 14 * mm
    drawing = Drawing(width, height)
    chart = HorizontalBarChart()
    chart.x = label_width
    chart.y = 9 * mm
    chart.width = width - label_width - 22 * mm  # room for the value label after the longest bar
    chart.height = bar_step * len(values)
    chart.data = [values]
    chart.bars.strokeColor = None
    chart.bars[0].fillColor = _BAR
    for k, v in enumerate(values):
        if v < 0:
            chart.bars[(0, k)].fillColor = _BAR_NEGATIVE
    chart.barWidth = bar_step * 0.6
    chart.categoryAxis.categoryNames = labels
    chart.categoryAxis.reverseDirection = 1  # category 1 at the top, as in the table
    chart.categoryAxis.labels.fontName = FONT
    chart.categoryAxis.labels.fontSize = 8
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.labels.dx = -3
    chart.categoryAxis.tickLeft = 0
    chart.categoryAxis.joinAxisMode = "left"  # the axis and its labels left of the plot, clear of bars below 0
    low, high = min(0.0, *values), max(0.0, *values)
    if high == low:
        high = low + 1
    chart.valueAxis.valueMin = low - 0.04 * (high - low) if low < 0 else 0
    chart.valueAxis.valueMax = high * 1.02 if high > 0 else high
    chart.valueAxis.labels.fontName = FONT
    chart.valueAxis.labels.fontSize = 7.5
    chart.valueAxis.labelTextFormat = lambda v: _decimal(v, 1)
    chart.valueAxis.visibleGrid = 1
    chart.valueAxis.gridStrokeColor = colors.Color(0.85, 0.85, 0.85)
    chart.valueAxis.gridStrokeWidth = 0.3
    chart.barLabelFormat = lambda v: _decimal(v, 1) if v else ""
    chart.barLabels.fontName = FONT
    chart.barLabels.fontSize = 7.5
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.boxTarget = "hi"  # right of the bar's high end: its tip, or zero for a loss
    chart.barLabels.dx = 3
    drawing.add(chart)
    return drawing


def _signatures() -> Flowable:
    s = styles()
    half = content_width() / 2
    block = Table(
        [
            [Paragraph("XÁC NHẬN CỦA CƠ SỞ", s["center_bold"]), Paragraph("NGƯỜI LẬP BÁO CÁO", s["center_bold"])],
            [
                Paragraph("(Ký, ghi rõ họ tên, đóng dấu nếu có)", s["center_small"]),
                Paragraph("(Ký, ghi rõ họ tên)", s["center_small"]),
            ],
            ["", ""],
        ],
        colWidths=[half, half],
        rowHeights=[None, None, 20 * mm],
    )
    return KeepTogether([block])
