"""The interface in English: the main window, its menus and status bar and the establishment editor speak
English once the English translators are installed, and every message of kcfield_en.ts is finished, keeps its
placeholders and its accelerator."""

from __future__ import annotations

import ast
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QMenu
from pytestqt.qtbot import QtBot

from kcfield.domain.model import Establishment
from kcfield.paths import AppPaths
from kcfield.resources import resource_path
from kcfield.services.container import Services
from kcfield.services.drafts import DraftStore
from kcfield.services.duplicates import DuplicateFinder
from kcfield.ui import i18n
from kcfield.ui.main_window import MainWindow
from kcfield.ui.registry.editor import EstablishmentEditor
from kcfield.ui.tasks import SyncTaskRunner
from tests.ui.conftest import build_window

ROOT = Path(__file__).resolve().parents[2]
# Typography an English text may keep; anything else outside ASCII is a Vietnamese leftover.
ALLOWED = frozenset("…«»–—₫●")
BULLET = "•"  # in the welcome page's list
# Proper names the English text quotes as they are spelt.
PROPER_NAMES = ("Nguyễn Thị Lan", "Bà Rịa – Vũng Tàu", "Trung tâm Khuyến công và Tư vấn phát triển công nghiệp")
PLACEHOLDER = re.compile(r"%(?:\d|n)|\{[a-z_]+\}")


@pytest.fixture
def english(app: QApplication, tmp_path: Path) -> QApplication:
    assert i18n.install_translators(app, "en", tmp_path / "cache"), "no translator installed"
    QCoreApplication.processEvents()
    return app


def _not_english(texts: list[str]) -> list[str]:
    """The texts that are empty or hold a character outside ASCII and the allowed typography."""
    return [text for text in texts if not text.strip() or any(ord(c) > 127 and c not in ALLOWED for c in text)]


def _menu_texts(window: MainWindow) -> dict[str, list[str]]:
    menus: dict[str, list[str]] = {}
    for entry in window.menuBar().actions():
        menu = entry.menu()
        assert isinstance(menu, QMenu)
        menus[entry.text()] = [action.text() for action in menu.actions() if not action.isSeparator()]
    return menus


def test_main_window_speaks_english(
    english: QApplication, qtbot: QtBot, profiled: Services, app_paths: AppPaths
) -> None:
    profiled.establishments.create(Establishment(name="Cơ sở bún Tư Hùng", commune_code=26596))
    keep: list[object] = []
    window = build_window(profiled, app_paths, keep, "en")
    qtbot.addWidget(window)
    with qtbot.waitExposed(window):  # the registry starts searching when it is first shown
        window.show()

    titles = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert titles == [
        "Establishments",
        "Survey visits",
        "Equipment needs",
        "CP assessment",
        "Sync",
        "Reports",
        "Backups",
    ]
    tips = [window.nav.item(i).toolTip() for i in range(window.nav.count())]

    menus = _menu_texts(window)
    assert menus == {
        "&File": [
            "&New establishment",
            "&Save",
            "&Print forms…",
            "Print a &blank form…",
            "&Attach scans of signed forms…",
            "Se&ttings…",
            "Private &key passphrase…",
            "&Quit",
        ],
        "&Edit": ["&Find establishment"],
        "&Tools": ["&Day's route…", "Establishments &nearby…"],
        "&Help": ["&About kcfield"],
    }
    for entries in menus.values():  # one accelerator per entry, no two alike in a menu
        keys = [re.search(r"&(\w)", entry) for entry in entries]
        assert all(keys), entries
        letters = [key.group(1).lower() for key in keys if key]
        assert len(set(letters)) == len(letters), entries
    status_tips = [action.statusTip() for action in vars(window.app_actions).values() if action.statusTip()]
    assert len(status_tips) == 10

    registry = window.registry
    assert registry.search.placeholderText() == (
        "Search by name, tax code, representative, phone, village/hamlet, commune…"
    )
    assert registry.count_label.text() == "1 establishment"
    profiled.establishments.create(Establishment(name="Cơ sở mộc Bảy Sơn", commune_code=26596))
    registry.refresh()
    assert registry.count_label.text() == "2 establishments"
    headers = [registry.model.headerData(c, Qt.Orientation.Horizontal) for c in range(registry.model.columnCount())]

    window.refresh_status()
    assert window.unsynced_label.text() == "Unsent changes: 2"
    assert window.last_sync_label.text() == "Never synced"
    assert window.windowTitle() == "kcfield — Rural industrial establishment survey"

    visible = [
        *titles,
        *tips,
        *menus,
        *(entry for entries in menus.values() for entry in entries),
        *status_tips,
        registry.search.placeholderText(),
        registry.count_label.text(),
        registry.new_button.text(),
        registry.delete_button.text(),
        registry.columns_button.text(),
        *(str(header) for header in headers if header),
        window.unsynced_label.text(),
        window.last_sync_label.text(),
        window.windowTitle(),
    ]
    assert _not_english(visible) == []


def test_editor_speaks_english(english: QApplication, qtbot: QtBot, profiled: Services, tmp_path: Path) -> None:
    finder = DuplicateFinder(profiled.ctx, profiled.reference)
    runner = SyncTaskRunner()
    editor = EstablishmentEditor(profiled, runner, DraftStore(tmp_path / "drafts"), finder, "en")
    try:
        form = editor.form
        tabs = form.tab_titles
        assert tabs == [
            "Identification",
            "Representative",
            "Address and location",
            "Business activity",
            "Size",
            "Certification and environment",
        ]
        # a tab holding a box to check carries a mark after its title
        assert [form.tabText(i).removesuffix(" ⚠") for i in range(form.count())] == tabs
        assert editor.save_button.text() == "Save"
        assert editor.cancel_button.text() == "Cancel"
        assert editor.windowTitle().removesuffix("[*]") == "New establishment"
        assert _not_english([*tabs, editor.save_button.text(), editor.save_button.toolTip()]) == []
    finally:
        editor._finished = True  # closing must not ask about unsaved changes
        editor.close()
        editor.deleteLater()


# --- the catalogue itself -------------------------------------------------------------------------------------


def _messages() -> list[tuple[str, ET.Element]]:
    root = ET.parse(resource_path("i18n", "kcfield_en.ts")).getroot()
    return [(context.findtext("name", ""), message) for context in root.iter("context") for message in context]


def _accelerators(text: str) -> int:
    return text.replace("&&", "").count("&")


def _without_proper_names(text: str) -> str:
    for name in PROPER_NAMES:
        text = text.replace(name, "")
    return text


def test_every_message_is_finished_with_its_placeholders_and_accelerator() -> None:
    messages = [(context, message) for context, message in _messages() if message.tag == "message"]
    assert len(messages) > 200
    keys = [(context, message.findtext("source", "")) for context, message in messages]
    assert len(set(keys)) == len(keys), "duplicate message"
    for (context, source), (_, message) in zip(keys, messages, strict=True):
        where = f"{context} / {source!r}"
        translation = message.find("translation")
        assert translation is not None, where
        assert translation.get("type") is None, f"{where} is {translation.get('type')}"
        if message.get("numerus") == "yes":
            targets = [form.text or "" for form in translation.iter("numerusform")]
            assert len(targets) == 2, f"{where}: English has a singular and a plural"
        else:
            targets = [translation.text or ""]
        for target in targets:
            assert target.strip(), where
            assert sorted(PLACEHOLDER.findall(source)) == sorted(PLACEHOLDER.findall(target)), f"{where}: {target!r}"
            assert _accelerators(source) == _accelerators(target), f"{where}: accelerator in {target!r}"
            plain = _without_proper_names(target).replace(BULLET, "") or "-"
            assert _not_english([plain]) == [], f"{where}: {target!r}"


def _actions_texts() -> set[str]:
    """The literal texts actions.py translates in the "Actions" context: through its ``_tr`` helper, or through
    ``QT_TRANSLATE_NOOP`` / ``QCoreApplication.translate`` with the context spelt out."""
    tree = ast.parse((ROOT / "kcfield" / "ui" / "actions.py").read_text(encoding="utf-8"))
    texts: set[str] = set()
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
        args = [arg.value if isinstance(arg, ast.Constant) else None for arg in node.args]
        if name == "_tr" and args and isinstance(args[0], str):
            texts.add(args[0])
        elif name in {"QT_TRANSLATE_NOOP", "translate"} and args[:1] == ["Actions"] and isinstance(args[-1], str):
            texts.add(args[-1])
    return texts


def test_the_menu_texts_are_all_translated() -> None:
    """actions.py's texts must all be in the catalogue. While it hands a variable to QCoreApplication.translate,
    lupdate cannot see them: they are kept by hand, and scripts/update_translations.py drops them."""
    wanted = _actions_texts()
    assert len(wanted) >= 15
    present = {message.findtext("source", "") for context, message in _messages() if context == "Actions"}
    assert sorted(wanted - present) == []
