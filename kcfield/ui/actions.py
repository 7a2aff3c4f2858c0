"""The window's actions, menus and keyboard shortcuts, in one place (HOUSE-STYLE: main_window.py stays thin)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow


@dataclass
class Actions:
    new: QAction
    save: QAction
    find: QAction
    print: QAction
    print_blank: QAction
    attach_scans: QAction
    settings: QAction
    key_passphrase: QAction
    day_plan: QAction
    nearby: QAction
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

    # Each string is a literal in its own translate() call: lupdate collects only those.
    actions = Actions(
        new=make(
            QCoreApplication.translate("Actions", "&Thêm cơ sở mới"),
            QKeySequence.StandardKey.New,
            QCoreApplication.translate("Actions", "Tạo hồ sơ cơ sở mới (Ctrl+N)"),
        ),
        save=make(
            QCoreApplication.translate("Actions", "&Lưu"),
            QKeySequence.StandardKey.Save,
            QCoreApplication.translate("Actions", "Lưu hồ sơ đang sửa (Ctrl+S)"),
        ),
        find=make(
            QCoreApplication.translate("Actions", "&Tìm cơ sở"),
            QKeySequence.StandardKey.Find,
            QCoreApplication.translate("Actions", "Đưa con trỏ vào ô tìm kiếm (Ctrl+F)"),
        ),
        print=make(
            QCoreApplication.translate("Actions", "&In phiếu…"),
            QKeySequence.StandardKey.Print,
            QCoreApplication.translate("Actions", "In tài liệu của dòng đang chọn ở trang hiện tại (Ctrl+P)"),
        ),
        print_blank=make(
            QCoreApplication.translate("Actions", "In phiếu &trắng…"),
            "Ctrl+Shift+P",
            QCoreApplication.translate("Actions", "In phiếu khảo sát trắng để điền tay (Ctrl+Shift+P)"),
        ),
        attach_scans=make(
            QCoreApplication.translate("Actions", "&Gắn bản quét phiếu đã ký…"),
            "Ctrl+Shift+G",
            QCoreApplication.translate(
                "Actions", "Chọn ảnh hoặc PDF quét phiếu đã ký; mã QR trên phiếu cho biết gắn vào hồ sơ nào"
            ),
        ),
        settings=make(
            QCoreApplication.translate("Actions", "&Cài đặt…"),
            "Ctrl+,",
            QCoreApplication.translate("Actions", "Ngôn ngữ và các tuỳ chọn"),
        ),
        key_passphrase=make(
            QCoreApplication.translate("Actions", "&Mật khẩu khoá riêng…"),
            None,
            QCoreApplication.translate("Actions", "Đặt, đổi hoặc bỏ mật khẩu bảo vệ khoá ký và giải mã gói"),
        ),
        day_plan=make(
            QCoreApplication.translate("Actions", "&Lộ trình trong ngày…"),
            "Ctrl+L",
            QCoreApplication.translate("Actions", "Các cơ sở sẽ đến hôm nay, theo thứ tự đi ngắn (Ctrl+L)"),
        ),
        nearby=make(
            QCoreApplication.translate("Actions", "Cơ sở &lân cận…"),
            "Ctrl+Shift+L",
            QCoreApplication.translate("Actions", "Các cơ sở gần cơ sở đang chọn, gần nhất trước (Ctrl+Shift+L)"),
        ),
        about=make(QCoreApplication.translate("Actions", "&Giới thiệu kcfield"), None),
        quit=make(QCoreApplication.translate("Actions", "T&hoát"), QKeySequence.StandardKey.Quit),
    )
    menu_file = window.menuBar().addMenu(QCoreApplication.translate("Actions", "&Tệp"))
    for action in (actions.new, actions.save, actions.print, actions.print_blank, actions.attach_scans):
        menu_file.addAction(action)
    menu_file.addSeparator()
    menu_file.addAction(actions.settings)
    menu_file.addAction(actions.key_passphrase)
    menu_file.addSeparator()
    menu_file.addAction(actions.quit)
    menu_edit = window.menuBar().addMenu(QCoreApplication.translate("Actions", "&Sửa"))
    menu_edit.addAction(actions.find)
    menu_tools = window.menuBar().addMenu(QCoreApplication.translate("Actions", "Công &cụ"))
    menu_tools.addAction(actions.day_plan)
    menu_tools.addAction(actions.nearby)
    menu_help = window.menuBar().addMenu(QCoreApplication.translate("Actions", "Trợ &giúp"))
    menu_help.addAction(actions.about)
    return actions
