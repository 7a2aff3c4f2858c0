"""PrintingService: filled, pre-filled and blank visit forms from real records, and scanning simulated."""

from __future__ import annotations

from datetime import date, time
from pathlib import Path

import pytest

from kcfield.domain.enums import NeedPurpose
from kcfield.domain.errors import DomainError, NotFound
from kcfield.domain.model import EquipmentNeed, Establishment, Visit
from kcfield.forms.page import decode_qr_payload, encode_qr_payload
from kcfield.services.container import Services
from kcfield.services.printing import PrintingService
from tests.forms import A4_PT, page_sizes, page_texts, qr_payloads

M = 1_000_000
NAME = "Cơ sở chế biến gỗ Đức Thịnh"


def _printing(services: Services) -> PrintingService:
    return PrintingService(
        services.ctx,
        reference=services.reference,
        establishments=services.establishments,
        visits=services.visits,
        needs=services.needs,
        assessments=services.assessments,
        cp_reference=services.cp_reference,
        preferences=services.preferences,
        collaborators=services.collaborators,
    )


def _visit(services: Services, name: str = NAME, observations: str = "Máy cưa cũ, bụi nhiều.") -> Visit:
    est = services.establishments.create(
        Establishment(
            name=name, province_code=79, commune_code=26596, rep_name="Trần Văn Đức", main_products="Bàn ghế gỗ"
        )
    )
    assert est.id is not None
    return services.visits.create(
        Visit(
            establishment_id=est.id,
            collaborator_code="CTV001",
            visit_date=date(2026, 11, 20),
            start_time=time(8, 30),
            end_time=time(10, 15),
            purpose="Khảo sát nhu cầu hỗ trợ máy móc",
            respondent_name="Trần Văn Đức",
            observations=observations,
            consent=True,
        )
    )


def _line_need(services: Services, visit: Visit) -> EquipmentNeed:
    return services.needs.create(
        EquipmentNeed(
            establishment_id=visit.establishment_id,
            visit_id=visit.id,
            equipment_name="Dây chuyền sấy gỗ bằng hơi nước",
            is_technology_line=True,
            unit_price_vnd=1_200 * M,
            purposes=frozenset({NeedPurpose.PRODUCTIVITY}),
        )
    )


def test_a_final_visit_form_prints_the_snapshot_the_capped_support_and_both_signatures(
    profiled: Services, tmp_path: Path
) -> None:
    visit = _visit(profiled)
    _line_need(profiled, visit)
    assert visit.id is not None
    profiled.visits.finalise(visit.id)
    est = profiled.establishments.get(visit.establishment_id)  # type: ignore[arg-type]
    profiled.establishments.update(est.__class__(**{**_fields(est), "name": "Tên đổi sau khi chốt"}))
    out = tmp_path / "phiếu.pdf"
    pages = _printing(profiled).visit_form(str(visit.id), out)
    texts = page_texts(out)
    assert pages == len(texts) >= 1
    assert page_sizes(out) == [pytest.approx(A4_PT, abs=0.01)] * pages
    whole = "\n".join(texts)
    assert NAME in whole and "Tên đổi sau khi chốt" not in whole  # the snapshot, not today's profile
    assert "1.200.000.000" in whole and "450.000.000" in whole and "600.000.000" not in whole.split("Cách tính")[0]
    assert "28/2018" in whole
    assert "BẢN NHÁP" not in whole
    assert f"Trang 1/{pages}" in texts[0]
    signed = [i for i, t in enumerate(texts) if "ĐẠI DIỆN CƠ SỞ" in t]
    assert signed and all("CỘNG TÁC VIÊN KHUYẾN CÔNG" in texts[i] for i in signed)
    assert "Nguyễn Thị Lan" in texts[signed[0]]


def _fields(est: Establishment) -> dict[str, object]:
    return {f: getattr(est, f) for f in est.__dataclass_fields__}


def test_a_draft_is_marked_and_a_long_observation_flows_onto_the_next_page(profiled: Services, tmp_path: Path) -> None:
    long = " ".join(f"ghi{i}nhận" for i in range(400))[:3000].rsplit(" ", 1)[0]
    words = long.split()
    assert 2990 <= len(long) <= 3000 and len(set(words)) == len(words)
    visit = _visit(profiled, observations=long)
    out = tmp_path / "nháp.pdf"
    pages = _printing(profiled).visit_form(str(visit.id), out)
    texts = page_texts(out)
    assert pages >= 2
    assert "BẢN NHÁP" in texts[0]
    assert all(f"Trang {i}/{pages}" in texts[i - 1] for i in range(1, pages + 1))
    joined = " ".join(texts).split()
    assert all(w in joined for w in words)  # every word printed, none cut off
    pages_with_words = {i for i, t in enumerate(texts) for w in words if w in t.split()}
    assert len(pages_with_words) >= 2  # it really flowed over a page break


def test_scanning_the_printed_qr_finds_the_visit_and_a_tampered_one_is_refused(
    profiled: Services, tmp_path: Path
) -> None:
    visit = _visit(profiled)
    printing = _printing(profiled)
    out = tmp_path / "quét.pdf"
    printing.visit_form(str(visit.id), out)
    (payload,) = qr_payloads(out, 0)
    assert payload == encode_qr_payload(decode_qr_payload(payload))
    assert printing.find_by_qr(payload) == ("visit", str(visit.id))
    body, checksum = payload.rsplit("|", 1)
    tampered = f"{body}|{format(int(checksum, 16) ^ 1, '08x')}"
    with pytest.raises(DomainError) as caught:
        printing.find_by_qr(tampered)
    assert caught.value.code == "forms.qr_invalid"


def test_a_qr_of_a_deleted_or_unknown_record_is_reported(profiled: Services) -> None:
    from kcfield.forms.page import QrTarget

    printing = _printing(profiled)
    ghost = encode_qr_payload(QrTarget("visit", "0190f1e2-3c4d-7e5f-8a9b-0c1d2e3f4a5b", "KC-01/2026.1"))
    with pytest.raises(DomainError) as caught:
        printing.find_by_qr(ghost)
    assert caught.value.code == "forms.qr_record_missing"
    with pytest.raises(DomainError) as caught:
        printing.find_by_qr(encode_qr_payload(QrTarget("blank", "", "KC-01/2026.1")))
    assert caught.value.code == "forms.qr_blank"


def test_a_batch_of_three_has_its_own_qr_and_numbering_per_form(profiled: Services, tmp_path: Path) -> None:
    visits = [_visit(profiled, name=f"Cơ sở số {i}") for i in range(3)]
    out = tmp_path / "lô.pdf"
    seen: list[tuple[int, int]] = []
    pages = _printing(profiled).visit_forms(
        [str(v.id) for v in visits], out, progress=lambda d, t: seen.append((d, t)) is None
    )
    texts = page_texts(out)
    assert seen == [(1, 3), (2, 3), (3, 3)]
    starts = [i for i, t in enumerate(texts) if "Trang 1/" in t]
    assert len(starts) == 3 and pages == len(texts)
    payloads = [qr_payloads(out, i)[0] for i in starts]
    assert len(set(payloads)) == 3
    printing = _printing(profiled)
    assert [printing.find_by_qr(p)[1] for p in payloads] == [str(v.id) for v in visits]
    assert [f"Cơ sở số {i}" in texts[s] for i, s in enumerate(starts)] == [True] * 3


def test_cancelling_a_batch_writes_nothing_and_keeps_an_existing_file(profiled: Services, tmp_path: Path) -> None:
    visits = [_visit(profiled, name=f"Cơ sở số {i}") for i in range(3)]
    folder = tmp_path / "in"
    folder.mkdir()
    out = folder / "lô.pdf"
    out.write_bytes(b"earlier file")
    with pytest.raises(DomainError) as caught:
        _printing(profiled).visit_forms([str(v.id) for v in visits], out, progress=lambda d, t: d < 2)
    assert caught.value.code == "forms.cancelled"
    assert out.read_bytes() == b"earlier file"
    assert [p.name for p in folder.iterdir()] == ["lô.pdf"]


def test_prefilled_forms_carry_the_establishment_qr_and_blank_visit_part(profiled: Services, tmp_path: Path) -> None:
    visit = _visit(profiled)
    printing = _printing(profiled)
    out = tmp_path / "ngày.pdf"
    printing.prefilled_forms([str(visit.establishment_id)], out)
    texts = page_texts(out)
    assert NAME in texts[0] and "Bàn ghế gỗ" in texts[0]
    assert printing.find_by_qr(qr_payloads(out, 0)[0]) == ("establishment", str(visit.establishment_id))
    assert "KIỂM TRA NHANH SẢN XUẤT SẠCH HƠN" in "\n".join(texts)


def test_blank_form_asks_every_section_and_unknown_ids_are_not_found(profiled: Services, tmp_path: Path) -> None:
    printing = _printing(profiled)
    out = tmp_path / "trắng.pdf"
    pages = printing.blank_form(out)
    whole = "\n".join(page_texts(out))
    assert pages >= 4
    for expected in (
        "Hộ kinh doanh",
        "Tổ hợp tác",
        "Mã số thuế",
        "Ghi nhận tại cơ sở",
        "HK01",
        "Giảm ô nhiễm",
        "ĐẠI DIỆN CƠ SỞ",
        "a) Công nghiệp chế biến nông – lâm – thuỷ sản",
    ):
        assert expected in whole
    with pytest.raises(NotFound):
        printing.visit_form("0190f1e2-3c4d-7e5f-8a9b-0c1d2e3f4a5b", tmp_path / "x.pdf")
    with pytest.raises(NotFound):
        printing.prefilled_forms(["không-phải-mã"], tmp_path / "y.pdf")
    assert not (tmp_path / "x.pdf").exists()
