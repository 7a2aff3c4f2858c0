"""The Sync page's "Sync now": the centre's address remembered, progress per step, the last result shown."""

from __future__ import annotations

from pathlib import Path

import httpx
from pytestqt.qtbot import QtBot

from kcfield.domain.model import Establishment
from kcfield.services.container import Services
from kcfield.sync import keys
from kcfield.ui.sync.page import SyncPage
from kcfield.ui.tasks import SyncTaskRunner
from tests.sync.test_sync_online import FakeCentre, Sleeps, online, trust


def _centre(services: Services, tmp_path: Path) -> FakeCentre:
    services.sync_field.ensure_key()
    mine = keys.load_private_key(services.sync_field.key_path)
    centre = FakeCentre(tmp_path / "centre", keys.public_bytes(mine), keys.encryption_public_bytes(mine))
    centre.folder.mkdir()
    trust(services, centre)
    return centre


def test_sync_now_sends_the_changes_and_remembers_the_address_and_result(
    qtbot: QtBot, profiled: Services, tmp_path: Path
) -> None:
    centre = _centre(profiled, tmp_path)
    profiled.establishments.create(Establishment(name="Cơ sở mộc Kim Long", commune_code=26596))
    page = SyncPage(profiled, SyncTaskRunner(), "vi")
    qtbot.addWidget(page)
    assert page.sync_button.text() == "Đồng bộ ngay"
    assert "Chưa đồng bộ" in page.last_result.text()
    page.online = online(profiled, centre)
    page.centre_edit.setText("http://centre.test")
    with qtbot.waitSignal(page.data_changed, timeout=1000):
        page.sync_now()
    assert "Đồng bộ xong" in page.status.text()
    assert "Lần đồng bộ gần nhất" in page.last_result.text() and "đã gửi 1 gói" in page.last_result.text()
    assert page.sync_button.isEnabled() and not page.sync_bar.isVisible()
    assert page.pending_total == 0 and "đã nhận" in page.outbox.item(0, 3).text()
    assert profiled.preferences.centre_url == "http://centre.test"

    again = SyncPage(profiled, SyncTaskRunner(), "vi")  # a new window finds the address and the result
    qtbot.addWidget(again)
    assert again.centre_edit.text() == "http://centre.test"
    assert "đã gửi 1 gói" in again.last_result.text()


def test_sync_now_without_a_network_says_so_and_keeps_working(qtbot: QtBot, profiled: Services, tmp_path: Path) -> None:
    _centre(profiled, tmp_path)
    profiled.establishments.create(Establishment(name="Lò bánh tráng Bà Năm", commune_code=26596))
    page = SyncPage(profiled, SyncTaskRunner(), "vi")
    qtbot.addWidget(page)

    def down(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("network is unreachable", request=request)

    page.online = online(profiled, down, Sleeps())
    page.centre_edit.setText("http://centre.test")
    page.sync_now()
    assert "Không kết nối được tới Trung tâm" in page.status.text()
    assert "an toàn trên máy" in page.last_result.text()
    assert page.sync_button.isEnabled()
    assert page.outbox.rowCount() == 1 and "chưa có" in page.outbox.item(0, 3).text()  # kept for next time


def test_the_address_typed_is_remembered(qtbot: QtBot, profiled: Services) -> None:
    page = SyncPage(profiled, SyncTaskRunner(), "vi")
    qtbot.addWidget(page)
    page.centre_edit.setText("  https://khuyencong.example.vn ")
    page.centre_edit.editingFinished.emit()
    assert profiled.preferences.centre_url == "https://khuyencong.example.vn"
