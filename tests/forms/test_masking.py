"""Personal data on paper: the establishment list (it leaves the establishment) masks phones and a household's
personal-ID tax code; the visit form of one establishment (signed there) prints them whole."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from kcfield.domain.enums import EstablishmentKind, TaxCodeKind
from kcfield.domain.model import Establishment, Visit
from kcfield.services.container import Services
from kcfield.services.registry import RegistryQuery
from tests.forms import page_texts

PHONE, MASKED_PHONE = "0912345678", "091*****78"
OWNER_ID, MASKED_ID = "079203001234", "079*******34"
RESPONDENT = "0987654321"


def _household(services: Services) -> Establishment:
    return services.establishments.create(
        Establishment(
            name="Hộ kinh doanh gốm Tân Hạnh",
            kind=EstablishmentKind.HOUSEHOLD,
            tax_code=OWNER_ID,
            tax_code_kind=TaxCodeKind.PERSONAL_ID,
            rep_name="Trần Văn Đức",
            rep_phone="0912 345 678",
            rep_personal_id=OWNER_ID,
            province_code=79,
            commune_code=26596,
            main_products="Gốm",
        )
    )


def _flat(pages: list[str]) -> str:
    return " ".join(" ".join(pages).split())


def test_the_establishment_list_masks_phones_and_personal_ids(profiled: Services, tmp_path: Path) -> None:
    _household(profiled)
    profiled.establishments.create(
        Establishment(name="Công ty TNHH Mộc Việt", kind=EstablishmentKind.ENTERPRISE, tax_code="0100109106",
                      tax_code_kind=TaxCodeKind.ENTERPRISE, province_code=79, commune_code=26596)
    )  # fmt: skip
    out = tmp_path / "list.pdf"
    assert profiled.reports.establishment_list(RegistryQuery(), out) >= 1
    text = _flat(page_texts(out))
    assert MASKED_PHONE in text and PHONE not in text and "0912 345 678" not in text
    assert MASKED_ID in text and OWNER_ID not in text
    assert "0100109106" in text  # an enterprise's tax code is public: shown whole
    assert "Điện thoại" in text


def test_the_visit_form_of_one_establishment_prints_the_real_values(profiled: Services, tmp_path: Path) -> None:
    est = _household(profiled)
    assert est.id is not None
    visit = profiled.visits.create(
        Visit(
            establishment_id=est.id,
            collaborator_code="CTV001",
            visit_date=date(2026, 11, 20),
            purpose="Khảo sát",
            respondent_name="Trần Văn Đức",
            respondent_phone=RESPONDENT,
            consent=True,
        )
    )
    out = tmp_path / "visit.pdf"
    profiled.printing.visit_form(str(visit.id), out)
    text = _flat(page_texts(out)).replace(" ", "")
    assert RESPONDENT in text and PHONE in text and OWNER_ID in text
    assert "*****" not in text
