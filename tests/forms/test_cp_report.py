"""Cleaner-production report: the indicators against their benchmark with its source, energy over all carriers,
payback and savings per category with hand-checked numbers, a chart with Vietnamese labels in the bundled
font, A4, and a QR code naming the assessment."""

from __future__ import annotations

import csv
import io
import re
import uuid
from datetime import date

import pypdf
import pytest

from kcfield.domain.cp_indicators import (
    compare_with_benchmarks,
    energy_total,
    evaluate_option,
    savings_by_category,
    specific_consumption,
)
from kcfield.domain.enums import CPInputCategory, CPOutputCategory, OptionScreening, OptionStatus
from kcfield.domain.model import CPAssessment, CPInput, CPOption, CPOutput
from kcfield.forms.cp_report import FORM_VERSION, build_cp_report
from kcfield.forms.page import DocumentSettings, decode_qr_payload
from kcfield.forms.report_data import CPReportData
from kcfield.resources import resource_path
from tests.forms import A4_PT, page_sizes, page_texts, qr_payloads
from tests.unit.test_cp_indicators import BENCHMARKS, CARRIERS, GRID, TABLE

ASSESSMENT_ID = uuid.UUID("0190f1e2-3c4d-7e5f-8a9b-0c1d2e3f4a5b")
SETTINGS = DocumentSettings(
    centre_name="Trung tâm Khuyến công Đồng Nai",
    font_dir=resource_path("fonts"),
    today=date(2026, 2, 5),
    province_name="Đồng Nai",
)
CATFISH_SOURCE = next(b.source for b in BENCHMARKS if b.code == "BM_1020_CATFISH_ELEC")


def _category_names() -> dict[int, str]:
    with resource_path("data", "cp_option_categories.csv").open(encoding="utf-8", newline="") as f:
        return {int(r["number"]): r["name_vi"] for r in csv.DictReader(f)}


def _assessment() -> CPAssessment:
    return CPAssessment(
        id=ASSESSMENT_ID,
        period_start=date(2025, 1, 1),
        period_end=date(2025, 6, 30),
        focus_step="Cấp đông và bảo quản lạnh",
        product_name="Cá tra phi lê đông lạnh",
        output_quantity=120,
        output_unit="t",
        inputs=(
            CPInput(CPInputCategory.MATERIAL, "Cá tra nguyên con", 330, "t", 28_000_000),
            CPInput(CPInputCategory.ENERGY, "Điện năng", 150_000, "kWh", 2_100, "electricity"),
            CPInput(CPInputCategory.ENERGY, "Than cám cho lò hơi", 20_000, "kg", 3_500, "coal_anthracite"),
            CPInput(CPInputCategory.WATER, "Nước giếng khoan", 900, "m3", 8_000),
        ),
        outputs=(
            CPOutput(CPOutputCategory.PRODUCT, "Cá tra phi lê", 120, "t", "Xuất khẩu"),
            CPOutput(CPOutputCategory.WASTEWATER, "Nước thải chế biến", 800, "m3", "Trạm xử lý tập trung"),
        ),
        options=(
            CPOption(1, "Sửa rò rỉ đường ống nước", 2_000_000, 12_000_000, 0, 300, "m3", "", OptionScreening.NOW),
            CPOption(
                4,
                "Lắp biến tần cho máy nén lạnh",
                45_000_000,
                20_000_000,
                2_000_000,
                12_000,
                "kWh",
                "electricity",
                OptionScreening.NOW,
                OptionStatus.IMPLEMENTING,
            ),
            CPOption(4, "Thay đèn huỳnh quang bằng đèn LED", 8_000_000, 2_000_000),
            CPOption(7, "Bán đầu, xương cá làm bột cá", 0, 40_000_000, 3_000_000),
        ),
    )


def _data() -> CPReportData:
    a = _assessment()
    indicators = specific_consumption(a, TABLE, CARRIERS)
    return CPReportData(
        assessment=a,
        establishment_name="Cơ sở chế biến cá tra Đất Đỏ",
        establishment_address="Ấp Phước Thới, Xã Đất Đỏ, Thành phố Hồ Chí Minh",
        vsic="1020 — Chế biến, bảo quản thuỷ sản và các sản phẩm từ thuỷ sản (VSIC 2018)",
        indicators=tuple(indicators),
        comparisons=tuple(
            compare_with_benchmarks(
                indicators,
                BENCHMARKS,
                TABLE,
                vsic_version="2018",
                vsic_code="1020",
                period_start=a.period_start,
                period_end=a.period_end,
            )
        ),
        energy=energy_total(a, TABLE, CARRIERS),
        options=tuple(
            evaluate_option(o, grid_factor_t_per_mwh=GRID, good_payback_years=3, table=TABLE, carriers=CARRIERS)
            for o in a.options
        ),
        savings_by_category=savings_by_category(a.options),
        category_names=_category_names(),
        carrier_names={"electricity": "Điện lưới", "coal_anthracite": "Than antraxit"},
        grid_emission_factor=GRID,
    )


@pytest.fixture(scope="module")
def report() -> tuple[bytes, int]:
    buffer = io.BytesIO()
    pages = build_cp_report(buffer, _data(), SETTINGS)
    return buffer.getvalue(), pages


def _flat(pdf: bytes) -> str:
    return " ".join(" ".join(page_texts(pdf)).split())


def test_the_electricity_indicator_is_shown_against_its_benchmark_and_source(report: tuple[bytes, int]) -> None:
    text = _flat(report[0])
    assert "BÁO CÁO ĐÁNH GIÁ NHANH SẢN XUẤT SẠCH HƠN" in text
    assert "Cơ sở chế biến cá tra Đất Đỏ" in text
    assert "từ 01/01/2025 đến 30/06/2025" in text
    assert "Cấp đông và bảo quản lạnh" in text
    # 150.000 kWh ÷ 120 t = 1.250 kWh/t against the catfish norm of 1.050 kWh/t: 1.250 / 1.050 = 1,19 times
    assert "Suất tiêu hao điện 1.250 kWh/t 1.050 kWh/t" in text
    assert "Cao hơn (1,19 lần)" in text
    assert "vượt định mức" in text
    assert " ".join(CATFISH_SOURCE.split()) in text
    assert "1250 kWh/t = 150.000 kWh ÷ 120 t sản phẩm" in text  # the domain's own words for the arithmetic
    assert "CỘNG HÒA" not in text  # a report to the centre: no national heading


def test_energy_is_totalled_over_the_carriers(report: tuple[bytes, int]) -> None:
    text = _flat(report[0])
    # 150.000 kWh × 3,6 MJ/kWh = 540.000 MJ; 20.000 kg × 26,7 MJ/kg = 534.000 MJ; together 1.074.000 MJ
    assert "Điện năng Điện lưới 150.000 kWh 540.000" in text
    assert "Than cám cho lò hơi Than antraxit 20.000 kg 534.000" in text
    assert "Tổng năng lượng tiêu thụ trong kỳ: 1.074.000 MJ" in text


def test_payback_is_investment_over_savings_less_added_operating_cost(report: tuple[bytes, int]) -> None:
    text = _flat(report[0])
    # 45.000.000 ÷ (20.000.000 − 2.000.000) = 2,5 years; 12.000 kWh × 0,6592 t/MWh = 7,91 t CO2
    assert "45.000.000 20.000.000 2.000.000 2,5 7,91 Làm ngay Đang thực hiện" in text
    assert "thời gian hoàn vốn 2,5 năm = đầu tư 45.000.000 ₫ ÷ tiết kiệm ròng 18.000.000 ₫/năm" in text
    # 8.000.000 ÷ 2.000.000 = 4 years
    assert "8.000.000 2.000.000 0 4 — Nghiên cứu thêm Đề xuất" in text
    assert "Tổng cộng 55.000.000 74.000.000 5.000.000 7,91" in text


def test_savings_by_category_sum_up(report: tuple[bytes, int]) -> None:
    text = _flat(report[0])
    # category 4: 45 + 8 million invested, 20 + 2 saved, 2 + 0 added, 22 − 2 = 20 million net a year
    assert "4 Cải tiến thiết bị 2 53.000.000 22.000.000 2.000.000 20.000.000" in text
    assert "1 Quản lý nội vi 1 2.000.000 12.000.000 0 12.000.000" in text
    assert "7 Sản xuất sản phẩm phụ hữu ích 1 0 40.000.000 3.000.000 37.000.000" in text
    # 4 options; 55 million invested; 74 million saved; 5 million added; 69 million net
    assert "Tổng cộng 4 55.000.000 74.000.000 5.000.000 69.000.000" in text


def test_the_chart_labels_every_category_in_vietnamese_with_the_bundled_font(report: tuple[bytes, int]) -> None:
    pdf = report[0]
    text = _flat(pdf)
    assert "Tiết kiệm ròng hằng năm theo nhóm giải pháp (triệu đồng/năm)" in text
    for label in ("1. Quản lý nội vi", "2. Thay đổi nguyên liệu đầu vào", "6. Thu hồi, tái sử dụng tại chỗ"):
        assert label in text
    assert _fonts_that_draw_text(pdf) == {"DejaVuSans", "DejaVuSans-Bold"}  # never reportlab's Helvetica


def _fonts_that_draw_text(pdf: bytes) -> set[str]:
    """Base fonts in force wherever text is shown (reportlab also selects Helvetica where it draws nothing, which
    is harmless). The font is followed through the content stream in order; q/Q nesting is ignored."""
    used: set[str] = set()
    token = re.compile(rb"/([^\s/]+) [\d.]+ Tf|(\)\s*Tj|\)\s*'|\]\s*TJ)")
    for page in pypdf.PdfReader(io.BytesIO(pdf)).pages:
        names = {k.lstrip("/"): str(v.get_object()["/BaseFont"]) for k, v in page["/Resources"]["/Font"].items()}
        content = page.get_contents()
        assert content is not None
        current = "(none)"
        for match in token.finditer(content.get_data()):
            if match.group(1):
                current = names[match.group(1).decode()].split("+", 1)[-1].lstrip("/")
            else:
                used.add(current)
    return used


def test_a4_pages_and_the_qr_names_the_assessment(report: tuple[bytes, int]) -> None:
    pdf, pages = report
    assert pages == len(page_sizes(pdf)) >= 2
    assert all(size == pytest.approx(A4_PT, abs=0.01) for size in page_sizes(pdf))
    target = decode_qr_payload(qr_payloads(pdf, 0)[0])
    assert (target.kind, target.record_id, target.form_version) == ("cp", str(ASSESSMENT_ID), FORM_VERSION)
