"""The settings dialog (interface language) and the About box, used as a collaborator would."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialog, QDialogButtonBox
from pytestqt.qtbot import QtBot

from kcfield.paths import AppPaths
from kcfield.services.container import Services
from kcfield.ui.about import AboutDialog
from kcfield.ui.settings_dialog import SettingsDialog
from kcfield.ui.tasks import SyncTaskRunner
from tests.ui.typing import clear_and_type


@pytest.fixture
def settings(qtbot: QtBot, services: Services) -> SettingsDialog:
    dialog = SettingsDialog(services, SyncTaskRunner(lang="vi"), "vi")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def press(qtbot: QtBot, dialog: SettingsDialog, which: QDialogButtonBox.StandardButton) -> None:
    qtbot.mouseClick(dialog.buttons.button(which), Qt.MouseButton.LeftButton)


def test_languages_are_named_in_their_own_language(settings: SettingsDialog) -> None:
    names = [settings.language_combo.itemText(i) for i in range(settings.language_combo.count())]
    assert names == ["Tiếng Việt", "English"]
    assert settings.language_combo.currentText() == "Tiếng Việt"


def test_choosing_english_stores_it_and_says_so(qtbot: QtBot, settings: SettingsDialog, services: Services) -> None:
    settings.language_combo.setCurrentIndex(settings.language_combo.findText("English"))
    with qtbot.waitSignal(settings.language_changed, timeout=1000) as emitted:
        press(qtbot, settings, QDialogButtonBox.StandardButton.Ok)
    assert emitted.args == ["en"]
    assert settings.result() == QDialog.DialogCode.Accepted
    assert services.preferences.language == "en"


def test_the_same_language_changes_nothing(qtbot: QtBot, settings: SettingsDialog, services: Services) -> None:
    with qtbot.assertNotEmitted(settings.language_changed):
        press(qtbot, settings, QDialogButtonBox.StandardButton.Ok)
    assert settings.result() == QDialog.DialogCode.Accepted
    assert services.preferences.language == "vi"


def test_cancel_keeps_the_language(qtbot: QtBot, settings: SettingsDialog, services: Services) -> None:
    settings.language_combo.setCurrentIndex(settings.language_combo.findText("English"))
    with qtbot.assertNotEmitted(settings.language_changed):
        press(qtbot, settings, QDialogButtonBox.StandardButton.Cancel)
    assert settings.result() == QDialog.DialogCode.Rejected
    assert services.preferences.language == "vi"


def test_the_centre_name_is_saved_and_printed_on_forms(
    qtbot: QtBot, settings: SettingsDialog, services: Services, tmp_path: Path
) -> None:
    assert settings.centre_name.text() == "Trung tâm Khuyến công"  # the default until the user sets it
    clear_and_type(settings.centre_name, "Trung tâm Khuyến công và Tư vấn phát triển công nghiệp Đồng Nai")
    with qtbot.assertNotEmitted(settings.language_changed):
        press(qtbot, settings, QDialogButtonBox.StandardButton.Ok)
    assert services.preferences.centre_name == "Trung tâm Khuyến công và Tư vấn phát triển công nghiệp Đồng Nai"
    blank = tmp_path / "trang.pdf"
    services.printing.blank_form(blank)
    from tests.forms import page_texts

    heading = " ".join(page_texts(blank)[0].split()).upper()
    assert "TƯ VẤN PHÁT TRIỂN CÔNG NGHIỆP ĐỒNG NAI" in heading


def test_english_dialog_starts_on_english(qtbot: QtBot, services: Services) -> None:
    dialog = SettingsDialog(services, SyncTaskRunner(lang="en"), "en")
    qtbot.addWidget(dialog)
    assert dialog.chosen_language() == "en"
    assert dialog.language_combo.currentText() == "English"


# --- About ------------------------------------------------------------------------------------------------------


@pytest.fixture
def about(qtbot: QtBot, app_paths: AppPaths) -> AboutDialog:
    dialog = AboutDialog(app_paths.data_dir, "1.2.3", "vi")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_about_shows_version_folder_and_credits(about: AboutDialog, app_paths: AppPaths) -> None:
    assert "1.2.3" in about.version_label.text()
    assert about.folder_edit.text() == str(app_paths.data_dir)
    assert about.folder_edit.isReadOnly()
    assert "DejaVu" in about.credits.text()
    assert "Bitstream Vera" in about.credits.text()
    assert "resources/fonts/LICENSE-DejaVu.txt" in about.credits.text()
    assert "vietnam-provinces" in about.credits.text()


def test_about_opens_the_data_folder(
    qtbot: QtBot, about: AboutDialog, app_paths: AppPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[QUrl] = []

    def fake_open(url: QUrl) -> bool:
        opened.append(url)
        return True

    monkeypatch.setattr(QDesktopServices, "openUrl", fake_open)
    assert about.open_folder_button.text().replace("&", "") == "Mở thư mục dữ liệu"
    qtbot.mouseClick(about.open_folder_button, Qt.MouseButton.LeftButton)
    assert opened == [QUrl.fromLocalFile(str(app_paths.data_dir))]
    assert Path(opened[0].toLocalFile()) == app_paths.data_dir
