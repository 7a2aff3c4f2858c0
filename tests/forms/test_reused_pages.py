"""Pre-filled forms in a batch share their blank part: laid out once, placed again on every later form.

The copies must be indistinguishable for the reader: the same pages, the same text, each page still with its
own form's QR code and "Trang x/y"; and the file must not carry the blank part's drawing once per form.
"""

from __future__ import annotations

from pathlib import Path
from uuid import UUID

from kcfield.domain.model import Establishment
from kcfield.forms.page import decode_qr_payload
from kcfield.services.container import Services
from tests.forms import page_texts, qr_payloads

NAMES = ("Cơ sở đan lát Phú Vinh", "Hộ kinh doanh bánh tráng Tư Hạnh", "Hợp tác xã gốm Bàu Trúc")


def _establishments(services: Services) -> list[str]:
    ids = []
    for name in NAMES:
        est = services.establishments.create(Establishment(name=name, commune_code=26596, rep_name="Lê Văn Tám"))
        ids.append(str(est.id))
    return ids


def test_every_form_of_a_batch_has_the_same_blank_pages_and_its_own_codes(services: Services, tmp_path: Path) -> None:
    ids = _establishments(services)
    single = tmp_path / "one.pdf"
    services.printing.prefilled_forms(ids[:1], single)
    batch = tmp_path / "three.pdf"
    services.printing.prefilled_forms(ids, batch)
    one = page_texts(single)
    three = page_texts(batch)
    per_form = len(one)
    assert len(three) == 3 * per_form
    for form in range(3):
        pages = three[form * per_form : (form + 1) * per_form]
        assert NAMES[form] in pages[0]
        assert f"Trang {per_form}/{per_form}" in pages[-1]
        joined = "\n".join(pages)
        for question in ("H. THÔNG TIN LẦN KHẢO SÁT", "NHU CẦU HỖ TRỢ MÁY MÓC", "WA05", "ĐẠI DIỆN CƠ SỞ"):
            assert question in joined, (form, question)
        for number in range(per_form):  # each page's code points at its own form's establishment
            target = decode_qr_payload(qr_payloads(batch, form * per_form + number, scale=2.5)[0])
            assert UUID(target.record_id) == UUID(ids[form])
    # The blank part is stored once: three forms cost far less than three single forms.
    assert batch.stat().st_size < 2 * single.stat().st_size
