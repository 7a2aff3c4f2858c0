"""Equipment-needs summary: hand-checked amounts and totals, the legal basis and the arithmetic in words, long
tables over several pages with their header row on each, A4, and a QR code that names the record."""

from __future__ import annotations

import dataclasses
import io
import json
import uuid
from datetime import date
from typing import Any

import pytest

from kcfield.domain.enums import NeedStatus
from kcfield.domain.model import EquipmentNeed
from kcfield.domain.rules import SupportRules
from kcfield.domain.support import allowed_support
from kcfield.forms.needs_report import FORM_VERSION, build_needs_summary
from kcfield.forms.page import DocumentSettings, decode_qr_payload
from kcfield.forms.report_data import EstablishmentNeeds, NeedLine, NeedsScope, NeedsSummaryData
from kcfield.resources import resource_path
from tests.forms import A4_PT, page_sizes, page_texts, qr_payloads

M = 1_000_000
ON = date(2026, 2, 5)  # Circular 28/2018: 50 %, cap 300 million, a technology line × 1.5
RULES = SupportRules.from_dict(json.loads(resource_path("data", "support_rules.json").read_text(encoding="utf-8")))
SETTINGS = DocumentSettings(
    centre_name="Trung tâm Khuyến công Đồng Nai",
    font_dir=resource_path("fonts"),
    today=ON,
    province_name="Đồng Nai",
)
EST_ID = "0190f1e2-3c4d-7e5f-8a9b-0c1d2e3f4a5b"


def _line(name: str, price: int, **changes: Any) -> NeedLine:
    need = dataclasses.replace(EquipmentNeed(equipment_name=name, unit_price_vnd=price), **changes)
    return NeedLine(need, allowed_support(need, RULES, ON, priority=False))


def _build(data: NeedsSummaryData) -> tuple[bytes, int]:
    buffer = io.BytesIO()
    pages = build_needs_summary(buffer, data, SETTINGS)
    return buffer.getvalue(), pages


def _flat(text: str) -> str:
    """The text with every run of white space (line ends of wrapped cells) as one space."""
    return " ".join(text.split())


def _one_establishment() -> NeedsSummaryData:
    lines = (
        _line(
            "Dây chuyền sấy hải sản bằng bơm nhiệt",
            1_200 * M,
            is_technology_line=True,
            specification="Công suất 2 tấn/mẻ",
            production_stage="Sấy",
        ),
        _line("Máy hút chân không", 85 * M, quantity=2, status=NeedStatus.SUBMITTED),
        _line("Máy cấp đông đã qua sử dụng", 150 * M, is_new=False),
    )
    group = EstablishmentNeeds(EST_ID, "Cơ sở chế biến hải sản Tư Hùng", "Ấp Bắc, Xã Châu Đức", lines)
    return NeedsSummaryData(
        scope=NeedsScope.ESTABLISHMENT,
        record_id=EST_ID,
        subject=group.name,
        subject_detail=group.address,
        establishments=(group,),
        rules=tuple(r for r in RULES.rule_sets if r.code == "tt28_2018_machinery"),
    )


def test_the_capped_technology_line_shows_450_million_and_the_arithmetic_in_words() -> None:
    pdf, pages = _build(_one_establishment())
    assert pages == 1
    text = _flat(page_texts(pdf)[0])
    assert "BẢNG TỔNG HỢP NHU CẦU HỖ TRỢ MÁY MÓC THIẾT BỊ" in text
    assert "Cơ sở chế biến hải sản Tư Hùng" in text
    assert "Dây chuyền sấy hải sản bằng bơm nhiệt" in text
    # row 1: 1 × 1.200.000.000 = 1.200.000.000; 50 % = 600 million > cap 1.5 × 300 million = 450 million
    assert "1 1.200.000.000 1.200.000.000 450.000.000" in text
    assert (
        "Dòng 1 — Dây chuyền sấy hải sản bằng bơm nhiệt: 50% của 1.200.000.000 ₫ là 600.000.000 ₫; mức trần cho"
        " dây chuyền công nghệ là 1,5 × 300.000.000 ₫ = 450.000.000 ₫" in text
    )
    assert "vượt mức trần nên hỗ trợ tối đa 450.000.000 ₫" in text
    # row 2: 2 × 85 million = 170 million, half = 85 million (within the cap: no note)
    assert "2 85.000.000 170.000.000 85.000.000 Đã gửi đề nghị" in text
    assert "Dòng 2" not in text
    # row 3: not new → refused, with the reason
    assert "1 150.000.000 150.000.000 0" in text
    assert "Dòng 3 — Máy cấp đông đã qua sử dụng: Máy móc thiết bị không phải loại mới" in text
    # totals: cost 1.200 + 170 + 150 = 1.520 million; allowed 450 + 85 + 0 = 535 million
    assert "TỔNG CỘNG 1.520.000.000 535.000.000" in text
    assert "phần cơ sở tự đầu tư: 985.000.000 đồng" in text
    # the legal basis of the rule applied, with its own note from the reference data
    assert "Thông tư 28/2018/TT-BTC (sửa đổi bởi Thông tư 64/2024/TT-BTC)" in text
    assert "không quá 300 triệu đồng/cơ sở" in text
    assert "CỘNG HÒA" not in text  # an internal report: no national heading
    assert page_sizes(pdf) == [pytest.approx(A4_PT, abs=0.01)]


def test_the_qr_code_names_the_establishment() -> None:
    pdf, _ = _build(_one_establishment())
    (payload,) = qr_payloads(pdf, 0)
    target = decode_qr_payload(payload)
    assert (target.kind, target.record_id, target.form_version) == ("needs", EST_ID, FORM_VERSION)


def _commune_of_60_needs() -> NeedsSummaryData:
    """5 establishments × 12 needs; establishment k, need j costs (10 + j + k) million, nothing is capped."""
    names = [
        "Cơ sở mộc Ánh Dương",
        "Hợp tác xã gốm sứ Đất Đỏ",
        "Cơ sở bánh tráng Út Hạnh",
        "Doanh nghiệp tư nhân cơ khí Phước Thạnh chuyên sản xuất nông cụ cầm tay và máy tuốt lúa",
        "Tổ hợp tác đan lát mây tre Long Điền",
    ]
    groups = []
    for k, name in enumerate(names):
        lines = tuple(
            _line(f"Máy chuyên dụng số {j + 1} cho công đoạn {['cưa', 'bào', 'nung', 'sấy'][j % 4]}", (10 + j + k) * M)
            for j in range(12)
        )
        groups.append(EstablishmentNeeds(str(uuid.UUID(int=k + 1)), name, "Xã Châu Đức", lines))
    return NeedsSummaryData(
        scope=NeedsScope.COMMUNE,
        record_id="26596",
        subject="Xã Châu Đức",
        subject_detail="Thành phố Hồ Chí Minh",
        establishments=tuple(groups),
        rules=tuple(r for r in RULES.rule_sets if r.code == "tt28_2018_machinery"),
    )


def test_a_commune_of_60_needs_runs_over_several_pages_with_the_header_row_on_each() -> None:
    pdf, pages = _build(_commune_of_60_needs())
    texts = [_flat(t) for t in page_texts(pdf)]
    assert pages == len(texts) >= 3
    table_pages = [t for t in texts if "Máy chuyên dụng số" in t]
    assert len(table_pages) >= 3
    for text in table_pages:
        assert "STT Máy móc, thiết bị Loại Số lượng Đơn giá Thành tiền Hỗ trợ tối đa Trạng thái" in text
    whole = " ".join(texts)
    for number in range(1, 61):
        assert f" {number} Máy chuyên dụng số " in whole  # every need printed once, numbered in order
    # subtotal of establishment k: Σ(10 + j + k) for j < 12 = 186 + 12k million, half of it allowed
    for k, name in enumerate(["Cơ sở mộc Ánh Dương", "Hợp tác xã gốm sứ Đất Đỏ", "Cơ sở bánh tráng Út Hạnh"]):
        cost = (186 + 12 * k) * M
        assert f"Cộng: {name} {cost:,} {cost // 2:,}".replace(",", ".") in whole
    # grand total: 5 × 186 + 12 × (0 + 1 + 2 + 3 + 4) = 1.050 million; allowed 525 million
    assert "TỔNG CỘNG 1.050.000.000 525.000.000" in whole
    assert "Số cơ sở có nhu cầu: 5; số nhu cầu: 60" in whole
    assert all(size == pytest.approx(A4_PT, abs=0.01) for size in page_sizes(pdf))
    target = decode_qr_payload(qr_payloads(pdf, 0)[0])
    assert (target.kind, target.record_id) == ("needs", "26596")


def test_an_empty_summary_is_refused() -> None:
    data = dataclasses.replace(_one_establishment(), establishments=())
    with pytest.raises(ValueError):
        _build(data)
