"""The first-run wizard as a new collaborator meets it: fill the profile, pick communes, finish; then demo data.

Vietnamese goes in through tests.ui.typing (PITFALLS 2); only ASCII keys go through qtbot.keyClick(s).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QCheckBox, QMessageBox, QWidget, QWizard
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from kcfield.domain.errors import Problem, ValidationFailed
from kcfield.services.container import Services
from kcfield.services.demo import DemoSummary
from kcfield.services.progress import ProgressUpdate
from kcfield.ui.first_run import PAGE_DEMO, PAGE_FINISH, PAGE_PROFILE, PAGE_WELCOME, FirstRunWizard, load_demo
from kcfield.ui.tasks import SyncTaskRunner, TaskContext, TaskRunner
from tests.ui.typing import type_text

WAIT_MS = 30_000
DAT_DO = 26680


@pytest.fixture
def tasks() -> SyncTaskRunner:
    return SyncTaskRunner(lang="vi")


@pytest.fixture
def wizard(qtbot: QtBot, services: Services, tasks: SyncTaskRunner) -> Iterator[FirstRunWizard]:
    shown = FirstRunWizard(services, tasks, "vi")
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    yield shown  # the fixture's frame keeps the wizard alive (pytest-qt holds it weakly)


def click(qtbot: QtBot, wizard: FirstRunWizard, which: QWizard.WizardButton) -> None:
    button = wizard.button(which)
    assert button.isEnabled(), f"{which} is disabled on page {wizard.currentId()}"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def next_enabled(wizard: FirstRunWizard) -> bool:
    return wizard.button(QWizard.WizardButton.NextButton).isEnabled()


def to_profile(qtbot: QtBot, wizard: FirstRunWizard) -> None:
    assert wizard.currentId() == PAGE_WELCOME
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert wizard.currentId() == PAGE_PROFILE


def fill_identity(qtbot: QtBot, wizard: FirstRunWizard) -> None:
    page = wizard.profile_page
    qtbot.keyClicks(page.code_edit, "ctv001")
    type_text(page.name_edit, "Nguyễn Thị Lan")


def tick(qtbot: QtBot, wizard: FirstRunWizard, name: str) -> None:
    """Select the commune's row and press Space, as a keyboard user ticks a box in a list."""
    page = wizard.profile_page
    model = page.commune_model
    row = next(r for r in range(model.rowCount()) if model.item(r).text() == name)
    page.commune_list.setFocus()
    page.commune_list.setCurrentIndex(model.index(row, 0))
    qtbot.keyClick(page.commune_list, Qt.Key.Key_Space)


def tick_box(qtbot: QtBot, box: QCheckBox) -> None:
    """Click the box itself (a stretched check box only reacts on its indicator and text, not its middle)."""
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(6, box.height() // 2))


# --- the profile page ---------------------------------------------------------------------------------------


def test_next_waits_for_code_and_name(qtbot: QtBot, wizard: FirstRunWizard) -> None:
    to_profile(qtbot, wizard)
    page = wizard.profile_page
    assert not next_enabled(wizard)
    qtbot.keyClicks(page.code_edit, "ctv001")
    assert page.code_edit.text() == "CTV001"  # codes are upper case, whatever the keyboard says
    assert not next_enabled(wizard)
    type_text(page.name_edit, "Nguyễn Thị Lan")
    assert next_enabled(wizard)
    page.name_edit.clear()
    type_text(page.name_edit, "   ")
    assert not next_enabled(wizard)


def test_old_mobile_number_is_blocked_with_the_new_number_offered(qtbot: QtBot, wizard: FirstRunWizard) -> None:
    to_profile(qtbot, wizard)
    fill_identity(qtbot, wizard)
    page = wizard.profile_page
    qtbot.keyClicks(page.phone_edit, "01234567890")
    assert page.phone_row.severity() == "error"
    assert "0834567890" in page.phone_row.message_text()
    assert "11 chữ số cũ" in page.phone_row.message_text()
    assert not next_enabled(wizard)
    assert page.use_suggested.isVisible()
    qtbot.mouseClick(page.use_suggested, Qt.MouseButton.LeftButton)
    assert page.phone_edit.text() == "0834567890"
    assert page.phone_row.severity() is None
    assert next_enabled(wizard)


def test_unknown_network_only_warns(qtbot: QtBot, wizard: FirstRunWizard) -> None:
    to_profile(qtbot, wizard)
    fill_identity(qtbot, wizard)
    page = wizard.profile_page
    qtbot.keyClicks(page.phone_edit, "0612345678")
    assert page.phone_row.severity() == "warning"
    assert next_enabled(wizard)


def test_communes_of_ho_chi_minh_city_filter_without_accents(
    qtbot: QtBot, wizard: FirstRunWizard, services: Services, qtmodeltester: ModelTester
) -> None:
    to_profile(qtbot, wizard)
    page = wizard.profile_page
    assert page.province_combo.currentText() == "Thành phố Hồ Chí Minh"
    assert page.province_combo.count() == 34
    assert len(page.visible_communes()) == len(services.reference.communes_of(79))
    qtmodeltester.check(page.commune_model)
    qtbot.keyClicks(page.commune_filter, "dat do")
    assert page.visible_communes() == ["Xã Đất Đỏ"]
    page.commune_filter.clear()
    type_text(page.commune_filter, "ĐẤT ĐỎ")
    assert page.visible_communes() == ["Xã Đất Đỏ"]


def test_ticked_communes_are_counted_and_survive_filtering(qtbot: QtBot, wizard: FirstRunWizard) -> None:
    to_profile(qtbot, wizard)
    page = wizard.profile_page
    assert page.commune_counter.text() == "Đã chọn 0 xã/phường"
    qtbot.keyClicks(page.commune_filter, "dat do")
    tick(qtbot, wizard, "Xã Đất Đỏ")
    page.commune_filter.clear()
    tick(qtbot, wizard, "Xã Long Hải")
    assert page.commune_counter.text() == "Đã chọn 2 xã/phường"
    tick(qtbot, wizard, "Xã Long Hải")  # Space again unticks
    assert page.commune_counter.text() == "Đã chọn 1 xã/phường"
    assert page.commune_codes() == (DAT_DO,)


def test_another_province_drops_the_communes_of_the_first(qtbot: QtBot, wizard: FirstRunWizard) -> None:
    to_profile(qtbot, wizard)
    page = wizard.profile_page
    page.check_commune("Xã Đất Đỏ")
    page.province_combo.setCurrentIndex(page.province_combo.findData(1))
    assert page.commune_codes() == ()
    assert page.commune_counter.text() == "Đã chọn 0 xã/phường"
    assert "Phường Ba Đình" in page.visible_communes()


# --- finishing ------------------------------------------------------------------------------------------------


def test_finishing_saves_the_local_user(qtbot: QtBot, wizard: FirstRunWizard, services: Services) -> None:
    assert services.collaborators.local_user() is None
    to_profile(qtbot, wizard)
    fill_identity(qtbot, wizard)
    page = wizard.profile_page
    qtbot.keyClicks(page.phone_edit, "0912345678")
    tick(qtbot, wizard, "Xã Đất Đỏ")
    tick(qtbot, wizard, "Xã Long Hải")
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert wizard.currentId() == PAGE_DEMO
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert wizard.currentId() == PAGE_FINISH
    summary = wizard.finish_page.summary.text()
    assert "CTV001" in summary
    assert "Nguyễn Thị Lan" in summary
    assert "Xã Đất Đỏ, Xã Long Hải" in summary
    click(qtbot, wizard, QWizard.WizardButton.FinishButton)

    assert wizard.result() == QWizard.DialogCode.Accepted
    saved = services.collaborators.local_user()
    assert saved is not None
    assert (saved.code, saved.full_name, saved.phone, saved.province_code) == (
        "CTV001",
        "Nguyễn Thị Lan",
        "0912345678",
        79,
    )
    long_hai = next(c.code for c in services.reference.communes_of(79) if c.name == "Xã Long Hải")
    assert saved.commune_codes == tuple(sorted((DAT_DO, long_hai)))
    assert wizard.saved == saved
    assert wizard.demo_requested() is None


def test_a_refused_profile_comes_back_to_the_profile_page(
    qtbot: QtBot, wizard: FirstRunWizard, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*_args: object) -> None:
        raise ValidationFailed([Problem("required", "full_name")])

    monkeypatch.setattr(services.collaborators, "save_local_user", refuse)
    to_profile(qtbot, wizard)
    fill_identity(qtbot, wizard)
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    click(qtbot, wizard, QWizard.WizardButton.FinishButton)
    assert wizard.isVisible()
    assert wizard.currentId() == PAGE_PROFILE
    assert wizard.profile_page.error_label.isVisible()
    assert wizard.profile_page.error_label.text() == "Họ và tên: bắt buộc phải nhập."
    assert services.collaborators.local_user() is None


def test_demo_is_requested_only_when_ticked(qtbot: QtBot, wizard: FirstRunWizard) -> None:
    to_profile(qtbot, wizard)
    fill_identity(qtbot, wizard)
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    page = wizard.demo_page
    assert not page.demo_box.isChecked()
    assert not page.count_spin.isEnabled()
    assert wizard.demo_requested() is None
    tick_box(qtbot, page.demo_box)
    assert page.count_spin.isEnabled()
    assert page.count_spin.text() == "1.000"
    assert wizard.demo_requested() == 1000
    page.count_spin.selectAll()
    qtbot.keyClicks(page.count_spin, "2500")
    assert wizard.demo_requested() == 2500
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert "2.500 cơ sở mẫu" in wizard.finish_page.summary.text()
    tick_box(qtbot, page.demo_box)
    assert wizard.demo_requested() is None


# --- demo data -------------------------------------------------------------------------------------------------

Done = Callable[[DemoSummary | None], None]


def recorder() -> tuple[list[DemoSummary | None], Done]:
    calls: list[DemoSummary | None] = []
    return calls, calls.append


def test_load_demo_fills_the_store(qtbot: QtBot, services: Services, tasks: SyncTaskRunner) -> None:
    calls, done = recorder()
    parent = QWidget()
    qtbot.addWidget(parent)
    handle = load_demo(services, tasks, 200, parent, done)
    assert len(calls) == 1
    summary = calls[0]
    assert summary is not None
    assert summary.establishments == 200
    assert services.establishments.count() == 200
    assert handle.last_update == ProgressUpdate("demo.progress", 200, 200)


def test_cancelled_load_writes_nothing(
    qtbot: QtBot, services: Services, tasks: SyncTaskRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    report = TaskContext.report

    def report_then_cancel(self: TaskContext, update: ProgressUpdate) -> None:
        report(self, update)
        self.cancel_token.cancel()  # the user pressed Cancel on the progress dialog

    monkeypatch.setattr(TaskContext, "report", report_then_cancel)
    calls, done = recorder()
    load_demo(services, tasks, 200, None, done)
    assert calls == [None]
    assert services.establishments.count() == 0


def test_failed_load_is_explained(
    qtbot: QtBot, services: Services, tasks: SyncTaskRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, message: shown.append(message))
    load_demo(services, tasks, 100, None, lambda _summary: None)
    calls, done = recorder()
    load_demo(services, tasks, 100, None, done)  # demo data goes into an empty store only
    assert calls == [None]
    assert len(shown) == 1
    assert "100" in shown[0]
    assert services.establishments.count() == 100


def test_load_demo_in_the_background(qtbot: QtBot, services: Services) -> None:
    runner = TaskRunner(lang="vi")
    try:
        calls, done = recorder()
        handle = load_demo(services, runner, 150, None, done)
        qtbot.waitUntil(lambda: handle.done, timeout=WAIT_MS)
        assert len(calls) == 1
        assert calls[0] is not None
        assert services.establishments.count() == 150
    finally:
        assert runner.shutdown(WAIT_MS)


def test_english_wizard_uses_english_numbers(qtbot: QtBot, services: Services, tasks: SyncTaskRunner) -> None:
    wizard = FirstRunWizard(services, tasks, "en")
    qtbot.addWidget(wizard)
    assert wizard.demo_page.count_spin.text() == "1,000"
    wizard.profile_page.phone_edit.setText("01234567890")
    assert "new number is 0834567890" in wizard.profile_page.phone_row.message_text()
