"""The establishment editor driven as a collaborator drives it: type, read the messages, save, close.

Vietnamese goes in through tests.ui.typing (qtbot.keyClicks aborts on non-ASCII, PITFALLS 2). Background work
runs inline (SyncTaskRunner) except in the autosave test, which uses the real runner and waits for the file.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from uuid import UUID

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLineEdit, QMessageBox
from pytestqt.qtbot import QtBot

from kcfield.domain.enums import EstablishmentKind, LegalForm
from kcfield.domain.errors import DomainError
from kcfield.domain.model import Establishment
from kcfield.domain.text import sort_key
from kcfield.services.container import Services
from kcfield.services.drafts import DraftStore
from kcfield.services.duplicates import DuplicateFinder
from kcfield.ui.registry.editor import EstablishmentEditor
from kcfield.ui.registry.editor_inputs import ChoiceCombo
from kcfield.ui.tasks import SyncTaskRunner, TaskRunner
from tests.ui.typing import clear_and_type, type_text

DAT_DO = 26680  # Xã Đất Đỏ, Thành phố Hồ Chí Minh
WAIT_MS = 5_000

Make = Callable[..., EstablishmentEditor]


@pytest.fixture
def drafts(tmp_path: Path) -> DraftStore:
    return DraftStore(tmp_path / "drafts")


@pytest.fixture
def make(qtbot: QtBot, profiled: Services, drafts: DraftStore) -> Iterator[Make]:
    """Open an editor the way the main window will: shown, active, on the synchronous runner by default."""
    keep: list[Any] = []  # references of our own: pytest-qt holds widgets weakly

    def _make(record: Establishment | None = None, draft: Any = None, tasks: Any = None) -> EstablishmentEditor:
        runner = tasks if tasks is not None else SyncTaskRunner()
        finder = DuplicateFinder(profiled.ctx, profiled.reference)
        editor = EstablishmentEditor(profiled, runner, drafts, finder, "vi", record=record, draft=draft)
        keep.extend((runner, editor))
        with qtbot.waitActive(editor):  # shortcuts (Ctrl+S) work in the active window only
            editor.show()
            editor.activateWindow()
        return editor

    yield _make
    # Closed here rather than by qtbot.addWidget: pytest-qt closes its widgets before fixtures are torn down,
    # and closing a changed editor asks a (modal) question.
    for item in keep:
        if isinstance(item, EstablishmentEditor):
            item._finished = True
            item.close()
            item.deleteLater()


def choose(combo: ChoiceCombo, value: Any) -> None:
    """Pick an item as a user does (it emits the same change signals)."""
    combo.setCurrentIndex(combo.values().index(value))


def fill_minimum(editor: EstablishmentEditor, name: str = "Cơ sở Hải sản Đất Đỏ") -> None:
    type_text(editor.form.name, name)
    choose(editor.form.commune, DAT_DO)


class Answers:
    """Stands in for QMessageBox.question: records each question and gives the prepared answer."""

    def __init__(self, answer: QMessageBox.StandardButton) -> None:
        self.answer = answer
        self.asked: list[str] = []

    def __call__(self, _parent: Any, _title: str, text: str, *_args: Any) -> QMessageBox.StandardButton:
        self.asked.append(text)
        return self.answer


def answer_with(monkeypatch: pytest.MonkeyPatch, button: QMessageBox.StandardButton) -> Answers:
    answers = Answers(button)
    monkeypatch.setattr(QMessageBox, "question", staticmethod(answers))
    return answers


# --- opening ---------------------------------------------------------------------------------------------


def test_a_new_editor_starts_on_the_name_in_the_home_province(qtbot: QtBot, make: Make) -> None:
    editor = make()
    qtbot.waitUntil(editor.form.name.hasFocus, timeout=WAIT_MS)
    assert editor.form.currentIndex() == 0
    assert editor.form.province.value() == 79
    assert editor.windowTitle().startswith("Cơ sở mới")
    assert not editor.is_dirty()
    assert not editor.save_button.isEnabled()  # no name yet
    assert editor.blockers.text() == "Chưa lưu được: Tên cơ sở – bắt buộc phải nhập."
    row = editor.form.row("name")
    assert row is not None and row.label.buddy() is editor.form.name  # Alt+letter and screen readers


def test_legal_form_is_only_for_an_enterprise(qtbot: QtBot, make: Make) -> None:
    editor = make()
    form = editor.form
    assert form.kind.value() is EstablishmentKind.HOUSEHOLD
    assert not form.legal_form.isEnabled()
    choose(form.kind, EstablishmentKind.ENTERPRISE)
    assert form.legal_form.isEnabled()
    choose(form.legal_form, LegalForm.JOINT_STOCK)
    assert editor.current_draft().legal_form is LegalForm.JOINT_STOCK
    choose(form.kind, EstablishmentKind.COOPERATIVE)
    assert not form.legal_form.isEnabled()
    assert editor.current_draft().legal_form is None


def test_commune_list_follows_the_province_in_vietnamese_order(qtbot: QtBot, make: Make, profiled: Services) -> None:
    editor = make()
    form = editor.form
    communes = profiled.reference.communes
    codes = form.commune.values()[1:]
    assert DAT_DO in codes
    assert {communes[c].province_code for c in codes} == {79}
    names = [communes[c].name for c in codes]
    assert names == sorted(names, key=sort_key)
    choose(form.commune, DAT_DO)
    choose(form.province, 1)  # Hà Nội
    codes = form.commune.values()[1:]
    assert codes and {communes[c].province_code for c in codes} == {1}
    assert form.commune.value() is None  # Đất Đỏ is not in Hà Nội


def test_values_the_lists_do_not_offer_are_kept_not_dropped(qtbot: QtBot, make: Make) -> None:
    """A record from the centre may hold a commune outside its province or a code from an older VSIC list."""
    record = Establishment(name="Cơ sở cũ", province_code=1, commune_code=DAT_DO, vsic_version="2007", vsic_code="9999")
    editor = make(record=record)
    assert not editor.is_dirty()
    draft = editor.current_draft()
    assert (draft.province_code, draft.commune_code) == (1, DAT_DO)
    assert (draft.vsic_version, draft.vsic_code) == ("2007", "9999")
    assert editor.form.commune.currentText() == "Xã Đất Đỏ"
    row = editor.form.row("commune_code")
    assert row is not None and row.message_text() == "Xã Đất Đỏ không thuộc Thành phố Hà Nội."
    choose(editor.form.province, 79)  # the person picks the right province, where the commune is offered
    assert editor.form.commune.value() == DAT_DO
    assert editor.form.commune.values().count(DAT_DO) == 1


def test_personal_id_is_masked_until_shown(qtbot: QtBot, make: Make) -> None:
    editor = make()
    masked = editor.form.personal_id
    assert masked.edit.echoMode() == QLineEdit.EchoMode.Password
    qtbot.mouseClick(masked.toggle, Qt.MouseButton.LeftButton)
    assert masked.edit.echoMode() == QLineEdit.EchoMode.Normal


# --- checking and saving ---------------------------------------------------------------------------------


def test_a_wrong_tax_code_blocks_saving_until_it_is_corrected(
    qtbot: QtBot, make: Make, profiled: Services, drafts: DraftStore
) -> None:
    editor = make()
    fill_minimum(editor)
    type_text(editor.form.tax_code.edit, "0100109107")
    row = editor.form.row("tax_code")
    assert row is not None
    qtbot.waitUntil(lambda: row.severity() == "error", timeout=WAIT_MS)
    assert "chữ số cuối là 6" in row.message_text() and "0100109107" in row.message_text()
    assert not editor.save_button.isEnabled()
    assert editor.blockers.text().startswith("Chưa lưu được: Mã số thuế – mã số thuế 10 số phải có chữ số cuối là 6")
    assert editor.form.tabText(0).endswith("⚠")

    editor.form.setCurrentIndex(4)
    qtbot.mouseClick(editor.blockers, Qt.MouseButton.LeftButton)  # the line leads to the box to fix
    assert editor.form.currentIndex() == 0
    assert editor.form.tax_code.edit.hasFocus()

    clear_and_type(editor.form.tax_code.edit, "0100109106")
    qtbot.waitUntil(editor.save_button.isEnabled, timeout=WAIT_MS)
    assert row.severity() is None
    assert editor.blockers.isHidden()
    assert editor.form.tabText(0) == "Định danh"

    editor.save_draft()
    assert [d.key for d in drafts.pending()] == [editor.draft_key]
    with qtbot.waitSignal(editor.saved, timeout=WAIT_MS) as signal:
        qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    saved = signal.args[0]
    assert isinstance(saved, Establishment) and saved.id is not None
    stored = profiled.establishments.get(saved.id)
    assert (stored.name, stored.tax_code, stored.commune_code) == ("Cơ sở Hải sản Đất Đỏ", "0100109106", DAT_DO)
    assert drafts.pending() == []
    assert editor.result() == QDialog.DialogCode.Accepted
    assert not editor.isVisible()


def test_ctrl_s_on_a_blocked_form_goes_to_the_problem(qtbot: QtBot, make: Make, profiled: Services) -> None:
    editor = make()
    editor.form.setCurrentIndex(3)
    qtbot.keyClick(editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert editor.form.currentIndex() == 0
    assert editor.form.name.hasFocus()
    assert editor.isVisible()
    assert profiled.establishments.count() == 0


def test_an_unreadable_figure_blocks_saving_and_is_named(qtbot: QtBot, make: Make) -> None:
    editor = make()
    fill_minimum(editor)
    qtbot.waitUntil(editor.save_button.isEnabled, timeout=WAIT_MS)
    workers = editor.form.bindings["workers_total"].editor
    type_text(workers, "mười hai")
    qtbot.waitUntil(lambda: not editor.save_button.isEnabled(), timeout=WAIT_MS)
    assert "Tổng số lao động – không đọc được số" in editor.blockers.text()
    assert editor.is_dirty()


def test_facts_follow_the_figures_as_they_are_typed(qtbot: QtBot, make: Make) -> None:
    editor = make()
    fill_minimum(editor)
    choose(editor.form.kind, EstablishmentKind.ENTERPRISE)
    facts = editor.facts
    qtbot.waitUntil(lambda: facts.size_value.text() == "Quy mô: Chưa xác định", timeout=WAIT_MS)
    type_text(editor.form.bindings["workers_insured"].editor, "5")
    type_text(editor.form.bindings["revenue_prev_year_vnd"].editor, "1,5 tỷ")
    qtbot.waitUntil(lambda: "siêu nhỏ" in facts.size_value.text(), timeout=WAIT_MS)
    assert facts.size_value.text() == "Quy mô: Doanh nghiệp siêu nhỏ"
    assert "5 lao động" in facts.size_reasons.text()
    assert facts.eligibility_value.text() == "Thuộc đối tượng CNNT: Có"
    clear_and_type(editor.form.bindings["workers_insured"].editor, "150")
    qtbot.waitUntil(lambda: "vừa" in facts.size_value.text(), timeout=WAIT_MS)
    assert "Tiêu chí ưu tiên đáp ứng:" in facts.text()


def test_a_look_alike_is_shown_before_saving(qtbot: QtBot, make: Make, profiled: Services) -> None:
    other = profiled.establishments.create(
        Establishment(name="Công ty TNHH Tư Hùng", kind=EstablishmentKind.ENTERPRISE, tax_code="0100109106",
                      province_code=79, commune_code=DAT_DO)
    )  # fmt: skip
    editor = make()
    fill_minimum(editor, "Doanh nghiệp Biển Xanh")
    choose(editor.form.kind, EstablishmentKind.ENTERPRISE)
    type_text(editor.form.tax_code.edit, "0100109106")
    qtbot.waitUntil(editor.save_button.isEnabled, timeout=WAIT_MS)

    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    dialog = editor.duplicate_dialog
    assert dialog is not None and dialog.isVisible()
    (label,) = dialog.candidate_labels
    assert "Công ty TNHH Tư Hùng" in label.text() and "Xã Đất Đỏ" in label.text()
    assert "Lý do: trùng mã số thuế" in label.text()

    qtbot.mouseClick(dialog.back_button, Qt.MouseButton.LeftButton)  # "Quay lại": keep editing
    qtbot.waitUntil(lambda: editor.duplicate_dialog is None, timeout=WAIT_MS)
    assert editor.isVisible() and editor.save_button.isEnabled()
    assert profiled.establishments.count() == 1

    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    dialog = editor.duplicate_dialog
    assert dialog is not None
    with qtbot.waitSignal(editor.saved, timeout=WAIT_MS) as signal:
        qtbot.mouseClick(dialog.save_anyway_button, Qt.MouseButton.LeftButton)  # "Vẫn lưu"
    assert signal.args[0].id != other.id
    assert profiled.establishments.count() == 2
    assert not editor.isVisible()


def test_opening_the_look_alike_instead(
    qtbot: QtBot, make: Make, profiled: Services, drafts: DraftStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    other = profiled.establishments.create(
        Establishment(name="Cơ sở Hải sản Đất Đỏ", province_code=79, commune_code=DAT_DO)
    )
    editor = make()
    fill_minimum(editor, "Co so hai san Dat Do")
    qtbot.waitUntil(editor.save_button.isEnabled, timeout=WAIT_MS)
    editor.save_draft()
    answers = answer_with(monkeypatch, QMessageBox.StandardButton.No)  # do not keep what was typed
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    dialog = editor.duplicate_dialog
    assert dialog is not None
    assert "tên gần giống (100%)" in dialog.candidate_labels[0].text()
    with qtbot.waitSignal(editor.open_other, timeout=WAIT_MS) as signal:
        qtbot.mouseClick(dialog.open_buttons[0], Qt.MouseButton.LeftButton)
    assert signal.args == [other.id]
    assert len(answers.asked) == 1 and "Co so hai san Dat Do" in answers.asked[0]
    assert not editor.isVisible()
    assert profiled.establishments.count() == 1
    assert drafts.pending() == []


def test_editing_a_saved_record_updates_it(qtbot: QtBot, make: Make, profiled: Services) -> None:
    record = profiled.establishments.create(
        Establishment(name="Hợp tác xã Gốm Đất Đỏ", kind=EstablishmentKind.COOPERATIVE, province_code=79,
                      commune_code=DAT_DO, workers_total=20)
    )  # fmt: skip
    editor = make(record=record)
    assert editor.form.name.text() == "Hợp tác xã Gốm Đất Đỏ"
    assert editor.form.commune.value() == DAT_DO
    assert editor.form.bindings["workers_total"].get() == 20
    assert not editor.is_dirty()
    type_text(editor.form.bindings["rep_name"].editor, "Lê Thị Ánh")
    qtbot.waitUntil(editor.save_button.isEnabled, timeout=WAIT_MS)
    with qtbot.waitSignal(editor.saved, timeout=WAIT_MS) as signal:
        qtbot.keyClick(editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert signal.args[0].id == record.id
    assert record.id is not None and profiled.establishments.get(record.id).rep_name == "Lê Thị Ánh"
    assert profiled.establishments.count() == 1


def test_a_refused_save_keeps_everything_typed(
    qtbot: QtBot, make: Make, profiled: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full_disk(_draft: Establishment) -> Establishment:
        raise DomainError("store.disk_full")

    monkeypatch.setattr(profiled.establishments, "create", full_disk)
    editor = make()
    fill_minimum(editor)
    qtbot.waitUntil(editor.save_button.isEnabled, timeout=WAIT_MS)
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert editor.message.text().startswith("Ổ đĩa đã đầy")
    assert editor.isVisible()
    assert editor.form.name.text() == "Cơ sở Hải sản Đất Đỏ"
    assert editor.save_button.isEnabled()


# --- drafts and closing ----------------------------------------------------------------------------------


def test_autosave_writes_a_draft_that_a_new_editor_restores(
    qtbot: QtBot, make: Make, drafts: DraftStore, profiled: Services
) -> None:
    runner = TaskRunner(lang="vi")
    editor = make(tasks=runner)
    try:
        fill_minimum(editor, "Cơ sở Nước mắm Đất Đỏ")
        type_text(editor.form.bindings["workers_total"].editor, "12 người")  # not a number: kept as typed
        type_text(editor.form.bindings["village"].editor, "Ấp Phước Lợi")
        qtbot.waitUntil(lambda: len(drafts.pending()) == 1, timeout=WAIT_MS)
        qtbot.waitUntil(lambda: "Ấp Phước Lợi" in str(drafts.load(editor.draft_key)), timeout=WAIT_MS)
        (info,) = drafts.pending()
        assert (info.key, info.entity, info.record_id) == (editor.draft_key, "establishment", None)
        assert info.title == "Cơ sở Nước mắm Đất Đỏ"
        assert profiled.establishments.count() == 0  # a draft is not a record

        restored = make(draft=(info.key, drafts.load(info.key)))
        form = restored.form
        assert form.name.text() == "Cơ sở Nước mắm Đất Đỏ"
        assert form.commune.value() == DAT_DO
        assert form.bindings["village"].get() == "Ấp Phước Lợi"
        assert form.raw_texts() == {"workers_total": "12 người"}
        assert restored.is_dirty()
        assert restored.draft_key == info.key
        assert restored.windowTitle().startswith("Cơ sở mới")
    finally:
        editor._finished = True  # no autosave may reach the runner once it is shut down
        assert runner.shutdown(WAIT_MS)


def test_closing_with_changes_and_discarding_them(
    qtbot: QtBot, make: Make, drafts: DraftStore, profiled: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    answers = answer_with(monkeypatch, QMessageBox.StandardButton.Discard)
    editor = make()
    fill_minimum(editor)
    editor.save_draft()
    assert drafts.pending()
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert len(answers.asked) == 1
    assert "“Cơ sở Hải sản Đất Đỏ”" in answers.asked[0] and "chưa lưu" in answers.asked[0]
    assert not editor.isVisible()
    assert editor.result() == QDialog.DialogCode.Rejected
    assert drafts.pending() == []
    assert profiled.establishments.count() == 0


def test_closing_with_changes_and_cancelling_keeps_editing(
    qtbot: QtBot, make: Make, drafts: DraftStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    answers = answer_with(monkeypatch, QMessageBox.StandardButton.Cancel)
    editor = make()
    fill_minimum(editor)
    editor.save_draft()
    qtbot.mouseClick(editor.cancel_button, Qt.MouseButton.LeftButton)  # "Huỷ"
    editor.close()  # the window's close button
    assert len(answers.asked) == 2
    assert editor.isVisible()
    assert editor.form.name.text() == "Cơ sở Hải sản Đất Đỏ"
    assert [d.key for d in drafts.pending()] == [editor.draft_key]


def test_closing_with_changes_and_saving_them(
    qtbot: QtBot, make: Make, profiled: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    answer_with(monkeypatch, QMessageBox.StandardButton.Save)
    editor = make()
    fill_minimum(editor)
    with qtbot.waitSignal(editor.saved, timeout=WAIT_MS):
        qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert profiled.establishments.count() == 1
    assert not editor.isVisible()


def test_closing_an_unchanged_editor_asks_nothing(qtbot: QtBot, make: Make, monkeypatch: pytest.MonkeyPatch) -> None:
    answers = answer_with(monkeypatch, QMessageBox.StandardButton.Cancel)
    editor = make()
    type_text(editor.form.name, "x")
    qtbot.keyClick(editor.form.name, Qt.Key.Key_Backspace)  # typed and taken back: nothing changed
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert answers.asked == []
    assert not editor.isVisible()


def test_open_other_carries_a_uuid(qtbot: QtBot, make: Make) -> None:
    editor = make()
    with qtbot.waitSignal(editor.open_other, timeout=WAIT_MS) as signal:
        editor._open_other(UUID(int=7))
    assert signal.args == [UUID(int=7)]
