"""The interface language: catalogues compile once, Qt's own buttons and menus speak Vietnamese, our strings
speak English when asked, and a missing or broken lrelease leaves a working app instead of a crash."""

from __future__ import annotations

import logging
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLineEdit, QMessageBox, QTextEdit, QWizard
from pytestqt.qtbot import QtBot

from kcfield.resources import resource_path
from kcfield.ui import i18n

S = QDialogButtonBox.StandardButton
W = QWizard.WizardButton
TS_FILES = ("qt_vi.ts", "kcfield_en.ts")


@pytest.fixture
def sources(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private copy of resources/i18n that a test may edit, served in place of the real one."""
    folder = tmp_path / "resources" / "i18n"
    folder.mkdir(parents=True)
    for name in TS_FILES:
        shutil.copyfile(resource_path("i18n", name), folder / name)
    monkeypatch.setattr(i18n, "resource_path", folder.parent.joinpath)
    return folder


def _button_texts(box: QDialogButtonBox) -> dict[S, str]:
    buttons = (S.Ok, S.Cancel, S.Save, S.Discard, S.Yes, S.No, S.Close, S.Apply)
    return {which: box.button(which).text() for which in buttons}


def _wizard_texts(wizard: QWizard) -> list[str]:
    return [wizard.buttonText(which) for which in (W.BackButton, W.NextButton, W.FinishButton, W.CancelButton)]


def _menu_texts(widget: QLineEdit | QTextEdit) -> list[str]:
    menu = widget.createStandardContextMenu()
    try:
        return [action.text().split("\t")[0] for action in menu.actions() if not action.isSeparator()]
    finally:
        menu.deleteLater()


VI_BUTTONS = {
    S.Ok: "OK",
    S.Cancel: "Huỷ",
    S.Save: "Lưu",
    S.Discard: "Không lưu",
    S.Yes: "&Có",
    S.No: "&Không",
    S.Close: "Đóng",
    S.Apply: "Áp dụng",
}
EN_BUTTONS = {
    S.Ok: "OK",
    S.Cancel: "Cancel",
    S.Save: "Save",
    S.Discard: "Discard",
    S.Yes: "&Yes",
    S.No: "&No",
    S.Close: "Close",
    S.Apply: "Apply",
}
VI_WIZARD = ["< &Quay lại", "&Tiếp theo >", "&Hoàn tất", "Huỷ"]
EN_WIZARD = ["< &Back", "&Next >", "&Finish", "Cancel"]
VI_EDIT_MENU = ["&Hoàn tác", "&Làm lại", "&Cắt", "&Sao chép", "&Dán", "Xoá", "Chọn tất cả"]
EN_EDIT_MENU = ["&Undo", "&Redo", "Cu&t", "&Copy", "&Paste", "Delete", "Select All"]


def test_vietnamese_is_compiled_once_and_again_when_the_source_changes(
    sources: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    compiled = i18n.compiled_translations("vi", cache) + i18n.compiled_translations("en", cache)
    assert [path.name for path in compiled] == ["qt_vi.qm", "kcfield_en.qm"]
    stamps = {path.name: path.stat().st_mtime_ns for path in compiled}

    lookups: list[Path | None] = []
    real_find = i18n.find_lrelease

    def counting_find() -> Path | None:
        lookups.append(real_find())
        return lookups[-1]

    monkeypatch.setattr(i18n, "find_lrelease", counting_find)
    assert i18n.compiled_translations("vi", cache) + i18n.compiled_translations("en", cache) == compiled
    assert {path.name: path.stat().st_mtime_ns for path in compiled} == stamps
    assert lookups == [], "an unchanged .ts must not start lrelease"

    ts = sources / "kcfield_en.ts"
    ts.write_text(
        ts.read_text(encoding="utf-8").replace(
            "</TS>",
            "<context><name>Probe</name><message><source>Thư mục dữ liệu</source>"
            "<translation>Data folder</translation></message></context></TS>",
        ),
        encoding="utf-8",
    )
    i18n.compiled_translations("vi", cache)
    i18n.compiled_translations("en", cache)
    assert len(lookups) == 1, "only the changed file is recompiled"
    assert (cache / "qt_vi.qm").stat().st_mtime_ns == stamps["qt_vi.qm"]
    translator = QTranslator()
    assert translator.load(str(cache / "kcfield_en.qm"))
    assert translator.translate("Probe", "Thư mục dữ liệu") == "Data folder"
    assert not list(cache.glob("*.tmp"))


def test_vietnamese_needs_only_the_qt_catalogue(tmp_path: Path) -> None:
    assert [p.name for p in i18n.compiled_translations("vi", tmp_path / "cache")] == ["qt_vi.qm"]


def test_qt_widgets_speak_the_chosen_language(app: QApplication, qtbot: QtBot, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    already_open = QDialogButtonBox(S.Ok | S.Cancel)
    qtbot.addWidget(already_open)

    for _ in range(2):  # back and forth: each switch must fully undo the previous one
        translators = i18n.install_translators(app, "vi", cache)
        assert len(translators) >= 1  # qt_vi (Qt ships no qtbase_vi)
        QCoreApplication.processEvents()
        box = QDialogButtonBox(S.Ok | S.Cancel | S.Save | S.Discard | S.Yes | S.No | S.Close | S.Apply)
        qtbot.addWidget(box)
        assert _button_texts(box) == VI_BUTTONS
        assert [button.text() for button in already_open.buttons()] == ["OK", "Huỷ"]
        wizard = QWizard()
        wizard.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        qtbot.addWidget(wizard)
        assert _wizard_texts(wizard) == VI_WIZARD
        line = QLineEdit("dữ liệu")
        qtbot.addWidget(line)
        assert _menu_texts(line) == VI_EDIT_MENU
        text = QTextEdit("dữ liệu")
        qtbot.addWidget(text)
        assert _menu_texts(text) == VI_EDIT_MENU
        message = QMessageBox()
        qtbot.addWidget(message)
        message.setDetailedText("chi tiết")
        assert [button.text() for button in message.buttons() if "..." in button.text()] == ["Hiện chi tiết..."]
        assert QLocale().toString(1234.5) == "1.234,5"

        i18n.install_translators(app, "en", cache)
        QCoreApplication.processEvents()
        box = QDialogButtonBox(S.Ok | S.Cancel | S.Save | S.Discard | S.Yes | S.No | S.Close | S.Apply)
        qtbot.addWidget(box)
        assert _button_texts(box) == EN_BUTTONS
        assert [button.text() for button in already_open.buttons()] == ["OK", "Cancel"]
        wizard = QWizard()
        wizard.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        qtbot.addWidget(wizard)
        assert _wizard_texts(wizard) == EN_WIZARD
        line = QLineEdit("data")
        qtbot.addWidget(line)
        assert _menu_texts(line) == EN_EDIT_MENU
        assert QLocale().toString(1234.5) == "1,234.5"


def test_a_missing_lrelease_leaves_a_working_app(
    app: QApplication, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(i18n, "find_lrelease", lambda: tmp_path / "no-such-folder" / "lrelease")
    cache = tmp_path / "cache"
    with caplog.at_level(logging.WARNING, logger=i18n.__name__):
        assert i18n.compiled_translations("vi", cache) == []
        i18n.install_translators(app, "vi", cache)
    assert any("not compiled" in record.getMessage() for record in caplog.records)
    box = QDialogButtonBox(S.Ok | S.Cancel)
    qtbot.addWidget(box)
    assert [button.text() for button in box.buttons()] == ["OK", "Cancel"]
    assert not list(cache.glob("*.tmp"))

    monkeypatch.setattr(i18n, "find_lrelease", lambda: None)
    assert i18n.compiled_translations("vi", cache) == []


def test_a_broken_source_leaves_no_half_compiled_file(sources: Path, tmp_path: Path) -> None:
    (sources / "qt_vi.ts").write_text("<TS version='2.1'><context><name>Oops", encoding="utf-8")
    cache = tmp_path / "cache"
    assert i18n.compiled_translations("vi", cache) == []
    assert not (cache / "qt_vi.qm").exists()
    assert not list(cache.glob("*.tmp"))


@pytest.mark.parametrize("name", TS_FILES)
def test_ts_files_are_linguist_sources(name: str) -> None:
    root = ET.parse(resource_path("i18n", name)).getroot()
    assert root.tag == "TS"
    assert root.get("version") == "2.1"
    if name == "qt_vi.ts":  # Qt's own strings are English, translated to Vietnamese
        assert (root.get("language"), root.get("sourcelanguage")) == ("vi_VN", "en")
    else:  # our interface is written in Vietnamese, translated to English
        assert (root.get("language"), root.get("sourcelanguage")) == ("en_US", "vi_VN")


def _qt_messages() -> list[tuple[str, str, ET.Element | None]]:
    root = ET.parse(resource_path("i18n", "qt_vi.ts")).getroot()
    return [
        (context.findtext("name", ""), message.findtext("source", ""), message.find("translation"))
        for context in root.iter("context")
        for message in context.iter("message")
    ]


def test_every_qt_string_is_translated_with_its_accelerator_and_placeholders() -> None:
    messages = _qt_messages()
    assert len(messages) > 50
    assert len({(context, source) for context, source, _ in messages}) == len(messages), "duplicate message"
    for context, source, translation in messages:
        where = f"{context} / {source!r}"
        assert translation is not None, where
        assert translation.get("type") is None, f"{where} is {translation.get('type')}"
        assert (translation.text or "").strip(), where
        target = translation.text or ""
        assert source.replace("&&", "").count("&") == target.replace("&&", "").count("&"), f"{where}: accelerator"
        assert sorted(re.findall(r"%\d", source)) == sorted(re.findall(r"%\d", target)), f"{where}: placeholder"


def test_every_qt_string_is_one_qt_asks_for() -> None:
    """A context or source that differs from Qt's by one character is silently never used: check each pair
    against the catalogue Qt ships for another language (German is complete)."""
    reference = QTranslator()
    if not reference.load("qtbase_de", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        pytest.skip("this Qt build ships no qtbase_de.qm to compare with")
    unknown = [(context, source) for context, source, _ in _qt_messages() if not reference.translate(context, source)]
    assert unknown == []


def test_language_names_and_unsupported_languages() -> None:
    assert [i18n.ui_language_name(lang) for lang in i18n.SUPPORTED] == ["Tiếng Việt", "English"]
    with pytest.raises(ValueError, match="fr"):
        i18n.compiled_translations("fr", Path("unused"))
