"""The input widgets as a collaborator uses them: type, press Tab or Enter, read what the box shows.

Text goes in through tests.ui.typing (Vietnamese letters abort qtbot.keyClicks, PITFALLS 2); only ASCII keys go
through qtbot.keyClick.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from datetime import date

import pytest
from PySide6.QtCore import QDate, QPoint, Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QTableView, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from kcfield.domain import messages
from kcfield.domain.messages import widgets as widget_messages
from kcfield.ui.widgets.date_edit import DateEdit
from kcfield.ui.widgets.field_row import FieldRow
from kcfield.ui.widgets.money_edit import MoneyEdit
from kcfield.ui.widgets.number_edit import NumberEdit
from tests.ui.typing import clear_and_type, type_text

Show = Callable[[QWidget], QLineEdit]


@pytest.fixture
def show(qtbot: QtBot) -> Show:
    """Put an editor in an active window, followed by another box for Tab to move to; focus the editor."""
    windows: list[QWidget] = []  # qtbot holds widgets weakly; the window must live as long as the test

    def _show(editor: QWidget) -> QLineEdit:
        window = QWidget()
        windows.append(window)
        layout = QVBoxLayout(window)
        layout.addWidget(editor)
        next_box = QLineEdit(window)
        layout.addWidget(next_box)
        qtbot.addWidget(window)
        window.show()
        window.activateWindow()
        qtbot.waitActive(window)
        editor.setFocus()
        qtbot.waitUntil(editor.hasFocus)
        return next_box

    return _show


def finish_with_tab(qtbot: QtBot, editor: QWidget, next_box: QWidget) -> None:
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    qtbot.waitUntil(next_box.hasFocus)


# --- typing helper ------------------------------------------------------------------------------------------


def test_type_text_enters_a_vietnamese_name_exactly(qtbot: QtBot, show: Show) -> None:
    name = unicodedata.normalize("NFC", "Nguyễn Thị Ánh")
    box = QLineEdit()
    show(box)
    type_text(box, name)
    assert box.text() == name
    assert unicodedata.is_normalized("NFC", box.text())


def test_clear_and_type_replaces_what_was_there(qtbot: QtBot, show: Show) -> None:
    box = QLineEdit("Ấp cũ")
    show(box)
    clear_and_type(box, "Đặc khu Côn Đảo")
    assert box.text() == "Đặc khu Côn Đảo"


# --- money --------------------------------------------------------------------------------------------------


def test_money_typed_without_dots_is_grouped_when_the_user_tabs_away(qtbot: QtBot, show: Show) -> None:
    money = MoneyEdit()
    next_box = show(money)
    type_text(money, "1234567")
    finish_with_tab(qtbot, money, next_box)
    assert money.text() == "1.234.567"
    assert money.value() == 1_234_567
    assert money.is_valid()
    assert money.property("invalid") is False


@pytest.mark.parametrize(
    ("typed", "shown", "value"),
    [
        ("1.234.567", "1.234.567", 1_234_567),
        ("1 234 567", "1.234.567", 1_234_567),
        ("1.234.567 ₫", "1.234.567", 1_234_567),
        ("300 triệu", "300.000.000", 300_000_000),
        ("1,5 tỷ", "1.500.000.000", 1_500_000_000),
        ("250k", "250.000", 250_000),
    ],
)
def test_money_accepts_the_ways_people_write_amounts(
    qtbot: QtBot, show: Show, typed: str, shown: str, value: int
) -> None:
    money = MoneyEdit()
    show(money)
    type_text(money, typed)
    qtbot.keyClick(money, Qt.Key.Key_Return)
    assert money.text() == shown
    assert money.value() == value


def test_money_is_not_reformatted_while_typing_but_reports_the_value(qtbot: QtBot, show: Show) -> None:
    money = MoneyEdit()
    show(money)
    type_text(money, "123")
    with qtbot.waitSignal(money.valueChanged) as blocker:
        type_text(money, "4")
    assert blocker.args == [1234]
    assert money.text() == "1234"  # the dot appears only when editing finishes
    assert money.cursorPosition() == 4
    type_text(money, "5")
    assert money.text() == "12345"


def test_half_typed_money_is_not_flagged_until_editing_finishes(qtbot: QtBot, show: Show) -> None:
    money = MoneyEdit()
    show(money)
    type_text(money, "1.23")  # on the way to 1.234.567
    assert not money.is_valid()
    assert money.property("invalid") is False
    type_text(money, "4.567")
    qtbot.keyClick(money, Qt.Key.Key_Return)
    assert money.value() == 1_234_567
    assert money.property("invalid") is False


def test_unreadable_money_is_kept_and_flagged_with_a_vietnamese_reason(qtbot: QtBot, show: Show) -> None:
    money = MoneyEdit()
    next_box = show(money)
    money.setToolTip("Tổng vốn đầu tư")
    type_text(money, "12 quả trứng")
    with qtbot.waitSignal(money.valueChanged) as blocker:
        finish_with_tab(qtbot, money, next_box)
    assert blocker.args == [None]  # the 12 announced while typing no longer holds
    assert money.text() == "12 quả trứng"
    assert money.value() is None
    assert money.property("invalid") is True
    assert money.error_code() == "money.format"
    assert money.toolTip() == messages.text("money.format", "vi")
    assert money.error_text() == money.toolTip()

    money.setFocus()
    clear_and_type(money, "12")
    assert money.property("invalid") is False  # fixed: the flag goes at once
    assert money.toolTip() == "Tổng vốn đầu tư"
    assert money.value() == 12


def test_negative_money_is_refused_with_its_own_reason(qtbot: QtBot, show: Show) -> None:
    money = MoneyEdit()
    show(money)
    type_text(money, "-500.000")
    qtbot.keyClick(money, Qt.Key.Key_Return)
    assert money.text() == "-500.000"
    assert money.error_code() == "money.negative"
    assert money.toolTip() == "số tiền không được âm."


def test_set_value_formats_and_announces(qtbot: QtBot) -> None:
    money = MoneyEdit()
    qtbot.addWidget(money)
    with qtbot.waitSignal(money.valueChanged) as blocker:
        money.setValue(9_050_000_000)
    assert blocker.args == [9_050_000_000]
    assert money.text() == "9.050.000.000"
    with qtbot.waitSignal(money.valueChanged) as blocker:
        money.setValue(None)
    assert blocker.args == [None]
    assert money.text() == ""
    assert money.value() is None
    assert money.is_valid()
    with qtbot.assertNotEmitted(money.valueChanged):
        money.setValue(None)


def test_money_in_english_groups_with_commas_and_reads_english_decimals(qtbot: QtBot, show: Show) -> None:
    money = MoneyEdit()
    show(money)
    money.setValue(1_234_567)
    money.set_language("en")
    assert money.text() == "1,234,567"
    assert money.value() == 1_234_567
    clear_and_type(money, "1.5 tỷ")
    qtbot.keyClick(money, Qt.Key.Key_Return)
    assert money.text() == "1,500,000,000"
    clear_and_type(money, "lots")
    qtbot.keyClick(money, Qt.Key.Key_Return)
    assert money.toolTip() == messages.text("money.format", "en")
    money.set_language("vi")
    assert money.toolTip() == messages.text("money.format", "vi")
    assert money.text() == "lots"


def test_money_shows_the_dong_sign_outside_the_text(qtbot: QtBot, show: Show) -> None:
    money = MoneyEdit()
    show(money)
    money.setValue(5000)
    suffix = money._suffix
    assert suffix.text() == "₫"
    assert suffix.isVisible()
    assert money.text() == "5.000"
    assert money.textMargins().right() >= suffix.width()  # the figure never runs under the sign


# --- numbers ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("typed", ["1234,5", "1.234,5", "1234.5", "1,234.5"])
def test_number_with_one_decimal_is_shown_vietnamese_style(qtbot: QtBot, show: Show, typed: str) -> None:
    number = NumberEdit(decimals=1)
    next_box = show(number)
    type_text(number, typed)
    finish_with_tab(qtbot, number, next_box)
    assert number.text() == "1.234,5"
    assert number.value() == 1234.5


def test_whole_number_field_gives_ints_and_refuses_fractions(qtbot: QtBot, show: Show) -> None:
    workers = NumberEdit(decimals=0, minimum=0)
    show(workers)
    type_text(workers, "1")
    with qtbot.waitSignal(workers.valueChanged) as blocker:
        type_text(workers, "2")
    assert blocker.args == [12]
    assert isinstance(workers.value(), int)
    type_text(workers, ",5")
    qtbot.keyClick(workers, Qt.Key.Key_Return)
    assert workers.text() == "12,5"  # not rounded behind the user's back
    assert workers.error_code() == "number.format"
    assert workers.property("invalid") is True
    assert workers.toolTip() == messages.text("number.format", "vi", example="1.234")  # shows how to write it


def test_number_outside_its_limits_is_flagged_with_the_limits(qtbot: QtBot, show: Show) -> None:
    percent = NumberEdit(decimals=1, minimum=0, maximum=100)
    show(percent)
    type_text(percent, "150")
    qtbot.keyClick(percent, Qt.Key.Key_Return)
    assert percent.text() == "150"
    assert percent.value() is None
    assert percent.error_code() == "number.range"
    assert percent.toolTip() == messages.text("number.range", "vi", value="150,0", range="0 – 100")
    clear_and_type(percent, "99,5")
    qtbot.keyClick(percent, Qt.Key.Key_Return)
    assert percent.value() == 99.5
    assert percent.is_valid()


def test_number_in_english(qtbot: QtBot, show: Show) -> None:
    amount = NumberEdit(decimals=2)
    show(amount)
    amount.setValue(1234.5)
    assert amount.text() == "1.234,50"
    amount.set_language("en")
    assert amount.text() == "1,234.50"
    clear_and_type(amount, "2,500")  # an English thousand separator, not a decimal comma
    qtbot.keyClick(amount, Qt.Key.Key_Return)
    assert amount.value() == 2500
    assert amount.text() == "2,500.00"


def test_garbage_number_is_kept(qtbot: QtBot, show: Show) -> None:
    number = NumberEdit(decimals=2)
    next_box = show(number)
    type_text(number, "khoảng 3 tấn")
    finish_with_tab(qtbot, number, next_box)
    assert number.text() == "khoảng 3 tấn"
    assert number.error_code() == "number.format"
    assert number.property("invalid") is True


# --- dates --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("typed", ["5/2/2025", "05/02/2025", "5-2-2025", "05022025", "5.2.25"])
def test_date_is_read_day_first_and_shown_dd_mm_yyyy(qtbot: QtBot, show: Show, typed: str) -> None:
    day = DateEdit()
    next_box = show(day)
    type_text(day, typed)
    finish_with_tab(qtbot, day, next_box)
    assert day.text() == "05/02/2025"
    assert day.value() == date(2025, 2, 5)


def test_impossible_date_is_kept_and_flagged(qtbot: QtBot, show: Show) -> None:
    day = DateEdit()
    show(day)
    type_text(day, "31/02/2025")
    qtbot.keyClick(day, Qt.Key.Key_Return)
    assert day.text() == "31/02/2025"
    assert day.value() is None
    assert day.error_code() == "date.format"
    assert day.toolTip() == messages.text("date.format", "vi")


def test_date_after_the_maximum_is_refused(qtbot: QtBot, show: Show) -> None:
    day = DateEdit(maximum_date=lambda: date(2025, 1, 31))
    show(day)
    type_text(day, "5/2/2025")
    qtbot.keyClick(day, Qt.Key.Key_Return)
    assert day.text() == "5/2/2025"
    assert day.error_code() == "date.future"
    assert "05/02/2025" in day.toolTip()
    clear_and_type(day, "31/1/2025")
    qtbot.keyClick(day, Qt.Key.Key_Return)
    assert day.value() == date(2025, 1, 31)
    assert day.property("invalid") is False


def _calendar_cell_centre(view: QTableView, day_number: int) -> QPoint:
    model = view.model()
    for row in range(model.rowCount()):
        for column in range(model.columnCount()):
            index = model.index(row, column)
            if str(model.data(index)) == str(day_number):
                return view.visualRect(index).center()
    raise AssertionError(f"day {day_number} not in the calendar")


def test_calendar_popup_writes_the_clicked_day(qtbot: QtBot, show: Show) -> None:
    day = DateEdit()
    show(day)
    day.setValue(date(2025, 2, 5))
    assert day.calendar_button is not None
    qtbot.mouseClick(day.calendar_button, Qt.MouseButton.LeftButton)
    calendar = day.calendar()
    qtbot.waitUntil(calendar.isVisible)
    assert calendar.selectedDate() == QDate(2025, 2, 5)  # opens on the day already in the box
    view = calendar.findChild(QTableView)
    assert view is not None
    with qtbot.waitSignal(day.valueChanged) as blocker:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=_calendar_cell_centre(view, 20))
    assert blocker.args == [date(2025, 2, 20)]
    assert day.text() == "20/02/2025"
    assert not calendar.isVisible()


def test_calendar_popup_by_keyboard(qtbot: QtBot, show: Show) -> None:
    day = DateEdit(maximum_date=date(2030, 12, 31))
    show(day)
    day.show_calendar()
    calendar = day.calendar()
    qtbot.waitUntil(calendar.isVisible)
    assert calendar.maximumDate() == QDate(2030, 12, 31)
    calendar.setSelectedDate(QDate(2024, 3, 7))
    focused = QApplication.focusWidget()
    assert focused is not None
    qtbot.keyClick(focused, Qt.Key.Key_Return)
    assert day.text() == "07/03/2024"
    assert day.value() == date(2024, 3, 7)
    assert not calendar.isVisible()


def test_date_edit_without_calendar(qtbot: QtBot) -> None:
    day = DateEdit(calendar_popup=False)
    qtbot.addWidget(day)
    assert day.calendar_button is None


# --- field row ----------------------------------------------------------------------------------------------

LONG_MESSAGE = (
    "Mã số thuế: chữ số kiểm tra sai; hãy đối chiếu lại với giấy chứng nhận đăng ký kinh doanh hoặc thông báo"
    " mã số thuế của cơ quan thuế quản lý trực tiếp."
)


def test_field_row_shows_errors_and_warnings_and_hides_them(qtbot: QtBot) -> None:
    row = FieldRow("Số lao động", NumberEdit())
    qtbot.addWidget(row)
    row.show()
    qtbot.waitExposed(row)
    assert not row.message.isVisible()
    row.set_message("số người không được âm.", "error")
    assert row.message.isVisible()
    assert row.message.text() == "số người không được âm."
    assert row.message.property("severity") == "error"
    assert "#c62828" in row.message.styleSheet()
    row.set_message("nhiều hơn 200 người: không còn là doanh nghiệp vừa.", "warning")
    assert row.severity() == "warning"
    assert "#9a6700" in row.message.styleSheet()
    row.set_message("", None)
    assert not row.message.isVisible()
    assert row.severity() is None


def test_field_row_wraps_a_long_message_instead_of_cutting_it(qtbot: QtBot) -> None:
    row = FieldRow("Mã số thuế", QLineEdit())
    qtbot.addWidget(row)
    row.resize(220, 60)
    row.show()
    qtbot.waitExposed(row)
    row.set_message(LONG_MESSAGE, "error")
    qtbot.waitUntil(lambda: row.message.height() >= row.message.heightForWidth(row.message.width()))
    assert row.message.wordWrap()
    assert row.message.width() <= row.width()
    assert row.message.height() > 2 * row.message.fontMetrics().height()  # several lines, all of them shown


def test_field_row_label_moves_focus_to_its_editor(qtbot: QtBot, show: Show) -> None:
    editor = QLineEdit()
    row = FieldRow("&Tên cơ sở", editor)
    other = show(row)
    other.setFocus()
    qtbot.waitUntil(other.hasFocus)
    assert row.label.buddy() is editor
    assert row.editor is editor
    qtbot.keyClick(other, Qt.Key.Key_T, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(editor.hasFocus)


# --- messages -----------------------------------------------------------------------------------------------


def test_every_code_the_widgets_raise_has_words_in_both_languages() -> None:
    existing = messages.catalogue()
    for code in ("money.format", "money.negative", "number.format", "number.range", "date.format", "date.future"):
        vietnamese, english = widget_messages.CATALOGUE.get(code) or existing[code]
        assert vietnamese
        assert english
