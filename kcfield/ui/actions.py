"""The window's actions, menus and keyboard shortcuts, in one place (HOUSE-STYLE: main_window.py stays thin)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow


def _tr(text: str) -> str:
    return QCoreApplication.translate("Actions", text)


@dataclass
class Actions:
    new: QAction
    save: QAction
    find: QAction
    print: QAction
    settings: QAction
    about: QAction
    quit: QAction


def build_actions(window: QMainWindow) -> Actions:
    def make(text: str, shortcut: QKeySequence | QKeySequence.StandardKey | str | None, tip: str = "") -> QAction:
        action = QAction(text, window)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setStatusTip(tip)
        return action

    actions = Actions(
        new=make(_tr("&Thêm cơ sở mới"), QKeySequence.StandardKey.New, _tr("Tạo hồ sơ cơ sở mới (Ctrl+N)")),
        save=make(_tr("&Lưu"), QKeySequence.StandardKey.Save, _tr("Lưu hồ sơ đang sửa (Ctrl+S)")),
        find=make(_tr("&Tìm cơ sở"), QKeySequence.StandardKey.Find, _tr("Đưa con trỏ vào ô tìm kiếm (Ctrl+F)")),
        print=make(_tr("&In phiếu…"), QKeySequence.StandardKey.Print, _tr("In phiếu khảo sát (Ctrl+P)")),
        settings=make(_tr("&Thiết lập…"), "Ctrl+,", _tr("Ngôn ngữ và các tuỳ chọn")),
        about=make(_tr("&Giới thiệu kcfield"), None),
        quit=make(_tr("&Thoát"), QKeySequence.StandardKey.Quit),
    )
    menu_file = window.menuBar().addMenu(_tr("&Tệp"))
    for action in (actions.new, actions.save, actions.print):
        menu_file.addAction(action)
    menu_file.addSeparator()
    menu_file.addAction(actions.settings)
    menu_file.addSeparator()
    menu_file.addAction(actions.quit)
    menu_edit = window.menuBar().addMenu(_tr("&Sửa"))
    menu_edit.addAction(actions.find)
    menu_help = window.menuBar().addMenu(_tr("Trợ &giúp"))
    menu_help.addAction(actions.about)
    return actions
