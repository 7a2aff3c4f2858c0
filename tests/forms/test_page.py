"""The shared page frame: fonts, header, "Trang x/y", QR payloads, batches and atomic output."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from reportlab.platypus import PageBreak, Paragraph

from kcfield.domain.errors import DomainError
from kcfield.forms.page import (
    Callback,
    DocumentSettings,
    QrTarget,
    StartForm,
    build_pdf,
    decode_qr_payload,
    encode_qr_payload,
    styles,
    vn_admin_date,
)
from kcfield.resources import resource_path
from tests.forms import A4_PT, page_sizes, page_texts, qr_payloads

VISIT_ID = "0190f1e2-3c4d-7e5f-8a9b-0c1d2e3f4a5b"
OTHER_ID = "0190f1e2-3c4d-7e5f-8a9b-0c1d2e3f4a5c"
SETTINGS = DocumentSettings(
    centre_name="Trung tâm Khuyến công Đồng Nai",
    font_dir=resource_path("fonts"),
    today=date(2026, 2, 5),
    province_name="Đồng Nai",
)


def _build(story: list, **kwargs: object) -> tuple[bytes, int]:
    buffer = io.BytesIO()
    options: dict = {
        "settings": SETTINGS,
        "title": "Thử",
        "form_code": "KC-01",
        "form_version": "KC-01/2026.1",
        "qr": QrTarget("visit", VISIT_ID, "KC-01/2026.1"),
        "national_heading": True,
    }
    options.update(kwargs)
    pages = build_pdf(buffer, story, **options)
    return buffer.getvalue(), pages


def test_one_page_with_vietnamese_text_heading_numbering_and_a_readable_qr() -> None:
    pdf, pages = _build([Paragraph("Cơ sở chế biến gỗ Đức Thịnh — ước tính ữ ặ ỹ", styles()["body"])])
    assert pages == 1
    assert page_sizes(pdf) == [pytest.approx(A4_PT, abs=0.01)]
    text = page_texts(pdf)[0]
    for expected in (
        "Cơ sở chế biến gỗ Đức Thịnh — ước tính ữ ặ ỹ",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "TRUNG TÂM KHUYẾN CÔNG ĐỒNG NAI",
        "Đồng Nai, ngày 05 tháng 02 năm 2026",
        "Trang 1/1",
        "KC-01/2026.1",
    ):
        assert expected in text
    # sha256("KCF1|visit|0190f1e2-…-0c1d2e3f4a5b|KC-01/2026.1") begins 69861108 (checked with sha256sum)
    assert qr_payloads(pdf, 0) == [f"KCF1|visit|{VISIT_ID}|KC-01/2026.1|69861108"]


def test_no_national_heading_when_not_asked() -> None:
    pdf, _ = _build([Paragraph("Báo cáo", styles()["body"])], national_heading=False)
    assert "CỘNG HÒA" not in page_texts(pdf)[0]


def test_admin_date_has_leading_zeros_for_small_days_and_january_february() -> None:
    assert vn_admin_date(date(2026, 2, 5)) == "ngày 05 tháng 02 năm 2026"
    assert vn_admin_date(date(2026, 11, 26)) == "ngày 26 tháng 11 năm 2026"


def test_payload_round_trips_and_a_changed_character_is_refused() -> None:
    target = QrTarget("visit", VISIT_ID, "KC-01/2026.1")
    payload = encode_qr_payload(target)
    assert payload.startswith(f"KCF1|visit|{VISIT_ID}|KC-01/2026.1|")
    assert decode_qr_payload(payload) == target
    tampered_id = payload.replace(VISIT_ID, OTHER_ID)
    body, checksum = payload.rsplit("|", 1)
    wrong_sum = f"{body}|{'0' if checksum[0] != '0' else '1'}{checksum[1:]}"
    for bad in (tampered_id, wrong_sum, "hello", "", "KCF1|visit|x|KC-01|00000000"):
        with pytest.raises(DomainError) as caught:
            decode_qr_payload(bad)
        assert caught.value.code == "forms.qr_invalid"
    assert decode_qr_payload(encode_qr_payload(QrTarget("blank", "", "KC-01/2026.1"))).kind == "blank"


def test_long_text_flows_and_pages_count_within_each_form_of_a_batch() -> None:
    body = styles()["body"]
    long = " ".join(f"từ{i}" for i in range(1000))
    story = [
        StartForm(QrTarget("visit", VISIT_ID, "KC-01/2026.1")),
        Paragraph(long, body),
        PageBreak(),
        StartForm(QrTarget("visit", OTHER_ID, "KC-01/2026.1"), watermark="BẢN NHÁP"),
        Paragraph("Ngắn", body),
    ]
    pdf, pages = _build(story)
    texts = page_texts(pdf)
    assert pages == len(texts) == 3
    assert "Trang 1/2" in texts[0] and "Trang 2/2" in texts[1] and "Trang 1/1" in texts[2]
    flowed = " ".join(texts[:2])
    assert all(f"từ{i}" in flowed for i in range(1000))
    assert "BẢN NHÁP" not in texts[0] and "BẢN NHÁP" in texts[2]
    assert [decode_qr_payload(qr_payloads(pdf, i)[0]).record_id for i in range(3)] == [VISIT_ID, VISIT_ID, OTHER_ID]


def test_path_output_is_atomic(tmp_path: Path) -> None:
    out = tmp_path / "phiếu.pdf"
    out.write_bytes(b"old file")

    def fail() -> None:
        raise DomainError("forms.cancelled")

    with pytest.raises(DomainError):
        build_pdf(
            out,
            [Paragraph("a", styles()["body"]), Callback(fail)],
            settings=SETTINGS,
            title="t",
            form_code="KC-01",
            form_version="KC-01/2026.1",
            qr=None,
            national_heading=False,
        )
    assert out.read_bytes() == b"old file"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["phiếu.pdf"]
    pages = build_pdf(
        out,
        [Paragraph("a", styles()["body"])],
        settings=SETTINGS,
        title="t",
        form_code="KC-01",
        form_version="KC-01/2026.1",
        qr=None,
        national_heading=False,
    )
    assert pages == 1 and out.read_bytes().startswith(b"%PDF")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["phiếu.pdf"]


def test_a_commune_needs_summary_carries_the_commune_code() -> None:
    target = QrTarget("needs", "26596", "KC-03/2026.1")
    assert decode_qr_payload(encode_qr_payload(target)) == target
    with pytest.raises(ValueError):
        encode_qr_payload(QrTarget("visit", "26596", "KC-01/2026.1"))  # other records are UUIDs
