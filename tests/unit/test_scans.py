"""A scanned signed page finds its record by its QR code and is attached there; other files get a reason."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from reportlab.pdfgen import canvas

from kcfield.domain.errors import DomainError
from kcfield.domain.model import Establishment, Visit
from kcfield.services import pdf_pages
from kcfield.services.container import Services


def _visit(services: Services) -> Visit:
    est = services.establishments.create(Establishment(name="Cơ sở dệt thổ cẩm Hơ Bia", commune_code=26596))
    assert est.id is not None
    return services.visits.create(Visit(establishment_id=est.id, visit_date=date(2026, 11, 20), consent=True))


def test_a_scanned_visit_form_is_attached_to_its_visit(services: Services, tmp_path: Path) -> None:
    visit = _visit(services)
    other = _visit(services)
    assert visit.id is not None and other.id is not None
    printed = tmp_path / "phieu.pdf"
    services.printing.visit_form(str(visit.id), printed)
    match = services.scans.identify_pdf(printed)  # the PDF stands for the scanner's output
    assert (match.kind, match.owner_entity, match.owner_id, match.page) == ("visit", "visit", visit.id, 0)
    assert (match.establishment_name, match.visit_date) == ("Cơ sở dệt thổ cẩm Hơ Bia", date(2026, 11, 20))
    attachment = services.scans.attach(match, printed, "Phiếu đã ký")
    assert [a.id for a in services.attachments.of_owner("visit", visit.id)] == [attachment.id]
    assert services.attachments.of_owner("visit", other.id) == []
    assert attachment.caption == "Phiếu đã ký" and attachment.media_type == "application/pdf"


def test_a_photo_of_the_page_is_read_too(services: Services, tmp_path: Path) -> None:
    visit = _visit(services)
    printed = tmp_path / "phieu.pdf"
    services.printing.visit_form(str(visit.id), printed)
    page = next(pdf_pages.render_pages(printed, 200, [0], grey=True))
    rows = b"".join(page.data[r * page.stride : r * page.stride + page.width] for r in range(page.height))
    match = services.scans.identify_pixels("anh-chup.jpg", rows, page.width, page.height)
    assert match.owner_id == visit.id


def test_a_page_without_a_code_says_what_to_do(services: Services, tmp_path: Path) -> None:
    plain = tmp_path / "giay-trang.pdf"
    pdf = canvas.Canvas(str(plain))
    pdf.drawString(72, 700, "no code here")
    pdf.save()
    with pytest.raises(DomainError) as caught:
        services.scans.identify_pdf(plain)
    assert caught.value.code == "scan.no_code" and caught.value.params["file"] == "giay-trang.pdf"


def test_a_blank_form_is_refused_with_its_reason(services: Services, tmp_path: Path) -> None:
    blank = tmp_path / "trang.pdf"
    services.printing.blank_form(blank)
    with pytest.raises(DomainError) as caught:
        services.scans.identify_pdf(blank)
    assert caught.value.code == "forms.qr_blank"


def test_a_visit_deleted_since_printing_is_refused(services: Services, tmp_path: Path) -> None:
    visit = _visit(services)
    assert visit.id is not None
    printed = tmp_path / "phieu.pdf"
    services.printing.visit_form(str(visit.id), printed)
    services.visits.delete(visit.id)
    with pytest.raises(DomainError) as caught:
        services.scans.identify_pdf(printed)
    assert caught.value.code == "record.deleted"  # the scan is not attached to a deleted visit


def test_a_damaged_pdf_is_a_clear_error(services: Services, tmp_path: Path) -> None:
    broken = tmp_path / "hong.pdf"
    broken.write_bytes(b"%PDF-1.7\n garbage")
    with pytest.raises(DomainError) as caught:
        services.scans.identify_pdf(broken)
    assert caught.value.code == "pdf.unreadable"
