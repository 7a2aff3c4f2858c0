"""The Sync page: pending changes by type, export to a folder, the centre's welcome package and receipts."""

from __future__ import annotations

import base64
import json
from pathlib import Path

from pytestqt.qtbot import QtBot

from kcfield.domain.model import Establishment
from kcfield.paths import AppPaths
from kcfield.services.container import Services
from kcfield.sync import keys
from kcfield.sync.manifest import PackageKind, Party
from kcfield.sync.package import read_package, write_package
from kcfield.ui.sync.page import ENTITY_ORDER, SyncPage
from kcfield.ui.tasks import SyncTaskRunner
from tests.ui.conftest import build_window


def centre_package(  # type: ignore[no-untyped-def]
    folder: Path, key, kind: PackageKind, members: dict[str, bytes], encrypt_for: bytes, sequence: int = 1
) -> Path:
    public = keys.public_bytes(key)
    written = write_package(
        folder,
        kind=kind,
        sender=Party("centre", "TTKC", "centre-device", keys.fingerprint(public)),
        recipient="CTV001",
        sequence=sequence,
        previous_sha256="",
        members=members,
        key=key,
        app_version="test",
        schema_version="test",
        encrypt_for=encrypt_for,
    )
    return written.path


def test_pending_changes_export_and_the_centres_answers(qtbot: QtBot, profiled: Services, tmp_path: Path) -> None:
    est = profiled.establishments.create(Establishment(name="Cơ sở mộc Kim Long", commune_code=26596))
    page = SyncPage(profiled, SyncTaskRunner(), "vi")
    qtbot.addWidget(page)
    counts = {ENTITY_ORDER[r]: page.pending.item(r, 1).text() for r in range(len(ENTITY_ORDER))}
    assert counts["establishment"] == "1" and counts["visit"] == "0"
    assert "chưa nhận Trung tâm" in page.trust.text()
    assert page.export_button.isEnabled()

    usb = tmp_path / "usb"
    usb.mkdir()
    page.export_to(usb)  # no centre trusted yet: nothing to seal the package for
    assert "khoá mã hoá của trung tâm" in page.status.text() and list(usb.glob("*.kcpkg")) == []
    assert page.pending.item(0, 1).text() == "1"

    # The centre's welcome package makes the laptop trust its keys; then an export is sealed for the centre.
    mine = keys.load_private_key(profiled.sync_field.key_path)
    own_encryption = keys.encryption_public_bytes(mine)
    centre_key = keys.generate_private_key()
    public = keys.public_bytes(centre_key)
    centre = {"code": "TTKC", "device_id": "centre-device", "fingerprint": keys.fingerprint(public),
              "public_key": base64.b64encode(public).decode(),
              "encryption_key": base64.b64encode(keys.encryption_public_bytes(centre_key)).decode()}  # fmt: skip
    welcome = centre_package(tmp_path, centre_key, PackageKind.CENTRE_REFERENCE,
                             {"reference/centre.json": json.dumps(centre).encode()}, own_encryption)  # fmt: skip
    page.import_files([welcome])
    assert keys.fingerprint(public) in page.trust.text()
    assert any("tin cậy" in line for line in page.last_import)

    page.export_to(usb)
    [package] = list(usb.glob("*.kcpkg"))
    assert "gói số 1" in page.status.text() and str(usb) in page.status.text()
    assert page.pending.item(0, 1).text() == "0" and not page.export_button.isEnabled()
    assert page.outbox.rowCount() == 1 and "chưa có" in page.outbox.item(0, 3).text()

    sent = read_package(package, lambda fp: keys.public_bytes(mine), keys.encryption_private_key(centre_key))
    receipt = {"package_id": sent.manifest.package_id, "records": [
        {"entity": "establishment", "id": str(est.id), "outcome": "applied", "revision": 1}]}  # fmt: skip
    answer = centre_package(tmp_path, centre_key, PackageKind.RECEIPT,
                            {"receipt.json": json.dumps(receipt).encode()}, own_encryption, sequence=2)  # fmt: skip
    page.import_files([answer])
    assert "đã nhận" in page.outbox.item(0, 3).text()
    assert profiled.establishments.get(est.id).meta.base_revision == 1  # type: ignore[arg-type,union-attr]

    stranger = keys.generate_private_key()  # a package signed by anyone else is refused, nothing changes
    forged = centre_package(tmp_path / "forged", stranger, PackageKind.RECEIPT,
                            {"receipt.json": json.dumps(receipt).encode()}, own_encryption, sequence=3)  # fmt: skip
    page.import_files([forged])
    assert page.last_import[0].startswith("✘")


def test_the_sync_page_is_in_the_window(qtbot: QtBot, profiled: Services, app_paths: AppPaths) -> None:
    keep: list[object] = []
    window = build_window(profiled, app_paths, keep)
    qtbot.addWidget(window)
    titles = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert window.stack.widget(titles.index("Đồng bộ")) is window.sync
