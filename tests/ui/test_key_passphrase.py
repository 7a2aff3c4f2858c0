"""The key passphrase in the window: set from the File menu, asked once before the first export."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kcfield.domain.model import Establishment
from kcfield.paths import AppPaths
from kcfield.services.container import Services
from kcfield.sync import protected_key
from kcfield.ui.key_passphrase import KeyPassphraseDialog, UnlockKeyDialog
from kcfield.ui.sync.page import SyncPage
from kcfield.ui.tasks import SyncTaskRunner
from tests.conftest import CentreKeys
from tests.ui.conftest import build_window
from tests.ui.typing import type_text

PASSPHRASE = "đèn lồng Hội An"


def _later(step: Callable[[], None]) -> None:
    """Run ``step`` once the modal dialog is open; a failing step closes the dialog so the test fails, not
    hangs."""

    def run() -> None:
        try:
            step()
        except BaseException:
            dialog = QApplication.activeModalWidget()
            if dialog is not None:
                dialog.close()
            raise

    QTimer.singleShot(0, run)


def test_the_file_menu_protects_the_key(qtbot: QtBot, trusted: Services, app_paths: AppPaths) -> None:
    keep: list[object] = []
    window = build_window(trusted, app_paths, keep)
    qtbot.addWidget(window)
    opened: list[KeyPassphraseDialog] = []

    def fill() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, KeyPassphraseDialog)
        opened.append(dialog)
        type_text(dialog.new, PASSPHRASE)
        type_text(dialog.repeat, PASSPHRASE + "x")
        dialog.buttons.accepted.emit()  # the two entries differ: said, nothing changed
        assert "khác nhau" in dialog.message.text() or "không giống" in dialog.message.text()
        assert not protected_key.is_protected(trusted.sync_field.key_path)
        dialog.repeat.clear()
        type_text(dialog.repeat, PASSPHRASE)
        dialog.buttons.accepted.emit()

    _later(fill)
    window.app_actions.key_passphrase.trigger()
    assert opened
    assert protected_key.is_protected(trusted.sync_field.key_path)
    assert "mật khẩu" in window.statusBar().currentMessage()


def test_the_first_export_asks_for_the_passphrase_once(
    qtbot: QtBot, trusted: Services, centre_keys: CentreKeys, tmp_path: Path
) -> None:
    vault = trusted.sync_field.vault
    vault.set_passphrase(None, PASSPHRASE)
    vault.forget()  # as at the next start: the key file is protected and not opened
    trusted.establishments.create(Establishment(name="Xưởng mây tre Phú Vinh"))
    page = SyncPage(trusted, SyncTaskRunner(), "vi")
    qtbot.addWidget(page)
    asked: list[str] = []

    def answer(passphrase: str, accept: bool = True) -> None:
        def fill() -> None:
            dialog = QApplication.activeModalWidget()
            assert isinstance(dialog, UnlockKeyDialog)
            asked.append(passphrase)
            type_text(dialog.passphrase, passphrase)
            dialog.buttons.accepted.emit()
            if dialog.isVisible():  # a wrong passphrase keeps the dialog open with the reason
                asked.append(dialog.message.text())
                dialog.reject()

        _later(fill)

    answer("sai mật khẩu rồi")
    page.export_to(tmp_path)
    assert len(asked) == 2 and "không mở được" in asked[1]
    assert list(tmp_path.glob("*.kcpkg")) == []  # cancelled: nothing exported

    answer(PASSPHRASE)
    page.export_to(tmp_path)
    (package,) = tmp_path.glob("*.kcpkg")
    assert centre_keys.read(package).manifest.sequence == 1

    trusted.establishments.create(Establishment(name="Lò rèn Phúc Sen"))
    page.export_to(tmp_path)  # opened for the session: not asked again
    assert len(asked) == 3
    assert len(list(tmp_path.glob("*.kcpkg"))) == 2
