"""A field package on a lost USB stick reveals nothing; the same file imported at the centre works.

The laptop is enrolled the real way (enrolment request → ``enrol`` → welcome package imported), exports a
package of an establishment with a name, a tax code and a phone number, and that file is then attacked
without the centre's private key: with the collaborator's own key, with another centre's key, as a ZIP, and by
searching its bytes. Runs with the centre on SQLite and on PostgreSQL.
"""

from __future__ import annotations

import unicodedata
import zipfile
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from kcfield.centre.collaborators import CentreCollaborators
from kcfield.centre.db import CentreDatabase
from kcfield.centre.identity import load_identity
from kcfield.centre.importer import CentreImporter
from kcfield.centre.reference import ReferenceBuilder
from kcfield.services.container import Services
from kcfield.services.sync_enrolment import read_enrolment_request
from kcfield.store.models import EstablishmentRow
from kcfield.sync import keys
from kcfield.sync.manifest import PackageRejected
from kcfield.sync.package import read_package
from tests.centre.conftest import CentreTarget
from tests.unit.test_services import _draft

NAME = "Hợp tác xã mây tre đan Phú Vinh"
TAX_CODE = "0100109106"  # a valid enterprise code (its check digit is right)
PHONE = "0912 345 678"


def _enrol(profiled: Services, centre: CentreDatabase, target: CentreTarget, tmp_path: Path) -> None:
    request = read_enrolment_request(profiled.sync_field.enrol_request(tmp_path / "request.json").path)
    CentreCollaborators(centre).register(
        request.code,
        request.full_name,
        request.public_key,
        request.device_id,
        [26596],
        encryption_key=request.encryption_key,
    )
    identity = load_identity(centre, target.key_path)
    welcome = ReferenceBuilder(centre, identity).write(request.code, tmp_path / "welcome").package.path
    assert profiled.sync_import.import_file(welcome).trusted_fingerprint == identity.fingerprint


def _refused(path: Path, key_for: Any, decrypt_with: Any) -> str:
    with pytest.raises(PackageRejected) as refused:
        read_package(path, key_for, decrypt_with)
    return refused.value.code


def test_a_lost_package_reveals_nothing_and_the_centre_imports_it(
    target: CentreTarget, centre: CentreDatabase, profiled: Services, tmp_path: Path
) -> None:
    _enrol(profiled, centre, target, tmp_path)
    created = profiled.establishments.create(
        _draft(name=NAME, tax_code=TAX_CODE, rep_phone=PHONE, village="Ấp Phú Vinh")
    )
    stick = tmp_path / "usb"
    stick.mkdir()
    exported = profiled.sync_field.export(stick)
    assert exported is not None and exported.copied_to is not None
    lost = exported.copied_to
    raw = lost.read_bytes()

    # Searching the bytes: nothing of the establishment, whatever the encoding.
    texts = [NAME, TAX_CODE, PHONE, PHONE.replace(" ", ""), "Phú Vinh", "manifest.json", "records/", "establishment"]
    for text in texts:
        for form in ("NFC", "NFD"):
            for encoding in ("utf-8", "utf-16-le"):
                assert unicodedata.normalize(form, text).encode(encoding) not in raw, (text, form, encoding)
    assert b"PK\x03\x04" not in raw and b"PK\x05\x06" not in raw

    # As a ZIP: it is not one.
    assert not zipfile.is_zipfile(lost)
    with pytest.raises(zipfile.BadZipFile):
        zipfile.ZipFile(lost)

    # With the collaborator's own key (the sender cannot read it back either), and with another centre's key.
    mine = keys.load_private_key(profiled.sync_field.key_path)
    trust_mine = {keys.fingerprint(keys.public_bytes(mine)): keys.public_bytes(mine)}
    assert _refused(lost, trust_mine.get, keys.encryption_private_key(mine)) == "package.wrong_recipient"
    other_centre = keys.encryption_private_key(keys.generate_private_key())
    assert _refused(lost, trust_mine.get, other_centre) == "package.wrong_recipient"
    # Even told it is for them, a key that is not the recipient's cannot open a single chunk.
    from kcfield.sync import envelope

    with lost.open("rb") as source:
        header = envelope.read_header(source, lost.name)
        identity = load_identity(centre, target.key_path)
        assert header.recipient == keys.encryption_fingerprint(identity.encryption_public_key)

    # The centre reads the same file and imports it.
    importer = CentreImporter(centre, identity, tmp_path / "receipts", tmp_path / "attachments")
    [result] = importer.import_file(lost)
    assert result.status == "applied", (result.reason, result.params)
    with centre.read() as session:
        row = session.scalar(select(EstablishmentRow).where(EstablishmentRow.id == created.id))
        assert row is not None and (row.name, row.tax_code) == (NAME, TAX_CODE)
    # ... and its receipt, sealed for the laptop, is read there (and only there).
    assert result.receipt is not None
    receipt_raw = result.receipt.read_bytes()
    assert NAME.encode() not in receipt_raw and b"receipt.json" not in receipt_raw
    done = profiled.sync_import.import_file(result.receipt)
    assert done.counts == {"applied": 1}
    assert profiled.sync_field.outbox()[0].acknowledged
    trust_centre = {identity.fingerprint: identity.public_key}
    assert _refused(result.receipt, trust_centre.get, identity.encryption_key) == "package.wrong_recipient"


def test_a_package_sealed_for_another_centre_is_refused_at_this_one(
    target: CentreTarget, centre: CentreDatabase, profiled: Services, tmp_path: Path
) -> None:
    """A laptop that trusts another centre seals for that one: this centre cannot read it and says so."""
    _enrol(profiled, centre, target, tmp_path)
    import base64

    from kcfield.services import sync_state

    elsewhere = keys.encryption_public_bytes(keys.generate_private_key())
    with profiled.ctx.store.write() as session:
        sync_state.set_state(session, {sync_state.CENTRE_ENCRYPTION_KEY: base64.b64encode(elsewhere).decode()})
    profiled.establishments.create(_draft(name=NAME, tax_code=TAX_CODE))
    exported = profiled.sync_field.export()
    assert exported is not None
    importer = CentreImporter(centre, load_identity(centre, target.key_path), tmp_path / "r", tmp_path / "a")
    [result] = importer.import_file(exported.path)
    assert (result.status, result.reason) == ("rejected", "package.wrong_recipient")
    assert result.params["fingerprint"] == keys.encryption_fingerprint(elsewhere)
