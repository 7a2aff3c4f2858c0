"""ReportsService: the reports built from records made through the real services, with the centre's name, the
date of the context clock, clear refusals for unknown ids and for nothing to report."""

from __future__ import annotations

import uuid
from datetime import date
from pathlib import Path

import pytest

from kcfield.domain.enums import CPInputCategory
from kcfield.domain.errors import DomainError, NotFound
from kcfield.domain.messages import describe_error
from kcfield.domain.model import CPAssessment, CPInput, CPOption, EquipmentNeed, Establishment
from kcfield.forms.page import decode_qr_payload
from kcfield.services.container import Services
from kcfield.services.reports import ReportsService
from tests.forms import A4_PT, page_sizes, page_texts, qr_payloads

CHAU_DUC = 26596  # Xã Châu Đức, Thành phố Hồ Chí Minh
DAT_DO = 26680  # Xã Đất Đỏ
VUNG_TAU = 26506  # Phường Vũng Tàu
M = 1_000_000
CENTRE = "Trung tâm Khuyến công Thành phố Hồ Chí Minh"


def _reports(services: Services) -> ReportsService:
    return ReportsService(
        services.ctx,
        services.reference,
        establishments=services.establishments,
        needs=services.needs,
        assessments=services.assessments,
        cp_reference=services.cp_reference,
        preferences=services.preferences,
    )


def _flat(pdf: Path) -> str:
    return " ".join(" ".join(page_texts(pdf)).split())


def _est(services: Services, name: str, commune: int = CHAU_DUC, **changes: object) -> Establishment:
    return services.establishments.create(Establishment(name=name, commune_code=commune, **changes))  # type: ignore[arg-type]


def _need(services: Services, est: Establishment, name: str, price: int, **changes: object) -> EquipmentNeed:
    return services.needs.create(
        EquipmentNeed(establishment_id=est.id, equipment_name=name, unit_price_vnd=price, **changes)  # type: ignore[arg-type]
    )


def test_the_needs_of_one_establishment(profiled: Services, tmp_path: Path) -> None:
    profiled.preferences.centre_name = CENTRE
    est = _est(profiled, "Cơ sở chế biến hải sản Tư Hùng", village="Ấp Bắc")
    _need(profiled, est, "Dây chuyền sấy hải sản", 1_200 * M, is_technology_line=True)
    _need(profiled, est, "Máy hút chân không", 85 * M, quantity=2)
    out = tmp_path / "nhu-cau.pdf"
    assert _reports(profiled).needs_summary_for_establishment(est.id, out) == 1  # type: ignore[arg-type]
    text = _flat(out)
    assert "Cơ sở: Cơ sở chế biến hải sản Tư Hùng — Ấp Bắc, Xã Châu Đức, Thành phố Hồ Chí Minh" in text
    assert "1 1.200.000.000 1.200.000.000 450.000.000" in text  # capped at 1.5 × 300 million
    assert "mức trần cho dây chuyền công nghệ là 1,5 × 300.000.000 ₫ = 450.000.000 ₫" in text
    assert "2 85.000.000 170.000.000 85.000.000" in text
    assert "TỔNG CỘNG 1.370.000.000 535.000.000" in text  # 1.200 + 170 million; 450 + 85 million
    assert CENTRE.upper() in text  # the centre's name from the preferences
    assert "Thành phố Hồ Chí Minh, ngày 26 tháng 11 năm 2026" in text  # the context clock, in Vietnam
    assert page_sizes(out) == [pytest.approx(A4_PT, abs=0.01)]
    target = decode_qr_payload(qr_payloads(out, 0)[0])
    assert (target.kind, target.record_id) == ("needs", str(est.id))


def test_an_establishment_without_needs_is_refused_in_words(profiled: Services, tmp_path: Path) -> None:
    est = _est(profiled, "Cơ sở mộc Ánh Dương")
    out = tmp_path / "nhu-cau.pdf"
    with pytest.raises(DomainError) as caught:
        _reports(profiled).needs_summary_for_establishment(est.id, out)  # type: ignore[arg-type]
    assert caught.value.code == "reports.no_needs"
    assert "Cơ sở mộc Ánh Dương" in describe_error(caught.value)
    assert not out.exists()


def test_unknown_records_are_not_found(profiled: Services, tmp_path: Path) -> None:
    reports = _reports(profiled)
    folder = tmp_path / "in"
    with pytest.raises(NotFound):
        reports.needs_summary_for_establishment(uuid.uuid4(), folder / "a.pdf")
    with pytest.raises(NotFound):
        reports.needs_summary_for_commune(99_999_999, folder / "b.pdf")
    with pytest.raises(NotFound):
        reports.cp_report(uuid.uuid4(), folder / "c.pdf")
    assert not folder.exists()


def test_a_commune_without_needs_is_refused_in_words(profiled: Services, tmp_path: Path) -> None:
    _need(profiled, _est(profiled, "Cơ sở gốm Bà Rịa", VUNG_TAU), "Lò nung gas", 300 * M)
    with pytest.raises(DomainError) as caught:
        _reports(profiled).needs_summary_for_commune(CHAU_DUC, tmp_path / "xa.pdf")
    assert caught.value.code == "reports.no_needs_commune"
    assert "Xã Châu Đức" in describe_error(caught.value)


def test_the_needs_of_a_commune_with_subtotals(profiled: Services, tmp_path: Path) -> None:
    a = _est(profiled, "Cơ sở mộc Ánh Dương")
    b = _est(profiled, "Cơ sở bánh tráng Út Hạnh")
    elsewhere = _est(profiled, "Cơ sở gốm Bà Rịa", VUNG_TAU)
    _need(profiled, a, "Máy cưa CNC", 400 * M)
    _need(profiled, a, "Máy bào hai mặt", 60 * M)
    _need(profiled, b, "Máy tráng bánh tự động", 90 * M)
    _need(profiled, elsewhere, "Lò nung gas", 300 * M)
    out = tmp_path / "xa.pdf"
    assert _reports(profiled).needs_summary_for_commune(CHAU_DUC, out) == 1
    text = _flat(out)
    assert "Địa bàn: Xã Châu Đức — Thành phố Hồ Chí Minh" in text
    assert "Lò nung gas" not in text and "Cơ sở gốm Bà Rịa" not in text
    # Vietnamese order: "bánh" before "mộc"; each group ends with its subtotal
    assert text.index("Cơ sở: Cơ sở bánh tráng Út Hạnh") < text.index("Cơ sở: Cơ sở mộc Ánh Dương")
    assert "Cộng: Cơ sở bánh tráng Út Hạnh 90.000.000 45.000.000" in text
    assert "Cộng: Cơ sở mộc Ánh Dương 460.000.000 230.000.000" in text  # 400 + 60; 200 + 30 million
    assert "TỔNG CỘNG 550.000.000 275.000.000" in text
    target = decode_qr_payload(qr_payloads(out, 0)[0])
    assert (target.kind, target.record_id) == ("needs", str(CHAU_DUC))


def test_the_cp_report_of_an_assessment(profiled: Services, tmp_path: Path) -> None:
    est = _est(profiled, "Cơ sở chế biến cá tra Đất Đỏ", DAT_DO, vsic_version="2018", vsic_code="1020")
    saved = profiled.assessments.create(
        CPAssessment(
            establishment_id=est.id,
            period_start=date(2025, 1, 1),
            period_end=date(2025, 6, 30),
            focus_step="Cấp đông",
            product_name="Cá tra phi lê",
            output_quantity=120,
            output_unit="t",
            inputs=(CPInput(CPInputCategory.ENERGY, "Điện năng", 150_000, "kWh", 2_100, "electricity"),),
            options=(CPOption(4, "Lắp biến tần cho máy nén lạnh", 30_000_000, 25_000_000, 5_000_000),),
        )
    )
    out = tmp_path / "sxsh.pdf"
    pages = _reports(profiled).cp_report(saved.id, out)  # type: ignore[arg-type]
    text = _flat(out)
    assert pages == len(page_sizes(out))
    assert "1020 — " in text and "(VSIC 2018)" in text
    assert "Suất tiêu hao điện 1.250 kWh/t 1.050 kWh/t" in text  # 150.000 kWh ÷ 120 t; the catfish norm
    assert "Thông tư 52/2018/TT-BCT" in text
    assert "Điện năng Điện lưới 150.000 kWh 540.000" in text  # the carrier's name from reference data
    # 30.000.000 ÷ (25.000.000 − 5.000.000) = 1,5 years
    assert "30.000.000 25.000.000 5.000.000 1,5" in text
    assert "4 Cải tiến thiết bị 1 30.000.000 25.000.000 5.000.000 20.000.000" in text
    target = decode_qr_payload(qr_payloads(out, 0)[0])
    assert (target.kind, target.record_id) == ("cp", str(saved.id))
