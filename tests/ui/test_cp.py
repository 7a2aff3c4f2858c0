"""The cleaner-production page and editor driven as a collaborator drives them (synchronous task runner)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any
from uuid import UUID

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from kcfield.domain.enums import ChecklistAnswer, CPInputCategory
from kcfield.domain.model import CPAssessment, CPInput, CPOption, Establishment
from kcfield.services.container import Services
from kcfield.services.drafts import DraftStore
from kcfield.ui.cp import CPEditor, CPPage
from kcfield.ui.cp.model import CPListModel, RecordRole
from kcfield.ui.cp.tables import GridTable
from kcfield.ui.registry.picker import EstablishmentPicker
from kcfield.ui.tasks import SyncTaskRunner
from tests.ui.typing import type_text

DAT_DO = 26680  # Xã Đất Đỏ, Thành phố Hồ Chí Minh

MakeEditor = Callable[..., CPEditor]


@pytest.fixture
def drafts(tmp_path: Path) -> DraftStore:
    return DraftStore(tmp_path / "drafts")


@pytest.fixture
def catfish(profiled: Services) -> UUID:
    est = profiled.establishments.create(
        Establishment(name="Cơ sở chế biến cá tra Đất Đỏ", commune_code=DAT_DO, vsic_version="2018", vsic_code="1020")
    )
    assert est.id is not None
    return est.id


@pytest.fixture
def keep() -> Iterator[list[Any]]:
    held: list[Any] = []  # pytest-qt holds widgets weakly
    yield held
    for item in held:
        if isinstance(item, CPEditor):
            item._finished = True
            item.close()
            item.deleteLater()


@pytest.fixture
def make(qtbot: QtBot, profiled: Services, drafts: DraftStore, keep: list[Any]) -> MakeEditor:
    def _make(establishment_id: UUID, record: CPAssessment | None = None) -> CPEditor:
        runner = SyncTaskRunner()
        editor = CPEditor(profiled, runner, drafts, "vi", record, establishment_id)
        keep.extend((runner, editor))
        editor.show()
        return editor

    return _make


def answer_with(monkeypatch: pytest.MonkeyPatch, button: QMessageBox.StandardButton) -> list[str]:
    asked: list[str] = []

    def question(_parent: Any, _title: str, text: str, *_args: Any) -> QMessageBox.StandardButton:
        asked.append(text)
        return button

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    return asked


def fill_general(editor: CPEditor) -> None:
    form = editor.form
    type_text(form.period_start, "01/01/2024")
    type_text(form.period_end, "31/12/2024")
    type_text(form.product_name, "Cá tra phi lê đông lạnh")
    type_text(form.output_quantity, "120")
    form.output_unit.setCurrentText("t")


def add_electricity(editor: CPEditor, quantity: str = "150.000") -> None:
    table: GridTable = editor.form.inputs.table
    row = table.add_row()
    table.set_value(row, "category", CPInputCategory.ENERGY)
    table.set_text(row, "name", "Điện lưới")
    table.set_text(row, "quantity", quantity)
    table.set_value(row, "unit", "kWh")
    table.set_value(row, "carrier_code", "electricity")


def add_option(editor: CPEditor, category: int = 1) -> None:
    table: GridTable = editor.form.options.table
    row = table.add_row()
    table.set_value(row, "category", category)
    table.set_text(row, "description", "Thay động cơ hiệu suất cao cho máy nén lạnh")
    table.set_text(row, "investment_vnd", "60.000.000")
    table.set_text(row, "annual_savings_vnd", "30.000.000")
    table.set_text(row, "added_operating_cost_vnd", "5.000.000")


def facts_text(editor: CPEditor) -> str:
    editor.validate()
    return "\n".join(editor.form.facts.lines)


def test_indicator_compared_with_the_catfish_norm_saved_and_reopened(
    qtbot: QtBot, make: MakeEditor, profiled: Services, catfish: UUID
) -> None:
    editor = make(catfish)
    assert editor.form.isEnabled()
    fill_general(editor)
    add_electricity(editor)
    add_option(editor)
    first = next(iter(editor.form.checklist.answers))
    editor.form.checklist.set_answer(first, ChecklistAnswer.NO, "Rò rỉ ở van")
    text = facts_text(editor)
    assert "Suất tiêu hao điện: 1.250 kWh/t" in text
    assert "1.250 kWh/t — cao hơn định mức 1.050 kWh/t (Thông tư 52/2018/TT-BCT)" in text
    assert "hoàn vốn 2,4 năm" in text
    assert editor.problems == []

    with qtbot.waitSignal(editor.saved) as blocker:
        editor.save()
    saved: CPAssessment = blocker.args[0]
    assert saved.id is not None
    assert saved.output_quantity == 120 and saved.output_unit == "t"
    assert [(i.name, i.quantity, i.unit, i.carrier_code) for i in saved.inputs] == [
        ("Điện lưới", 150_000, "kWh", "electricity")
    ]
    assert saved.options[0].investment_vnd == 60_000_000
    assert [(e.item_code, e.answer, e.note) for e in saved.checklist] == [(first, ChecklistAnswer.NO, "Rò rỉ ở van")]

    again = make(catfish, profiled.assessments.get(saved.id))
    assert again.form.inputs.table.rows() == editor.form.inputs.table.rows()
    assert again.form.options.table.rows() == editor.form.options.table.rows()
    assert again.form.checklist.entries() == list(saved.checklist)
    assert again.form.period_start.value() == date(2024, 1, 1)
    assert "1.250 kWh/t — cao hơn định mức 1.050 kWh/t" in facts_text(again)
    assert not again.is_dirty()


def test_an_option_in_category_9_is_refused(make: MakeEditor, catfish: UUID) -> None:
    editor = make(catfish)
    fill_general(editor)
    add_option(editor, category=9)
    blocking = editor.validate()
    assert blocking and not editor.save_button.isEnabled()
    assert any("dòng 1" in line and "8 nhóm" in line for line in blocking), blocking


def test_an_unreadable_number_blocks_saving_and_is_named(make: MakeEditor, catfish: UUID) -> None:
    editor = make(catfish)
    fill_general(editor)
    add_electricity(editor, quantity="150 nghìn")
    blocking = editor.validate()
    assert any("150 nghìn" in line and "Đầu vào" in line for line in blocking)
    assert not editor.save_button.isEnabled()


def test_closing_with_changes_asks_and_discards_the_draft(
    make: MakeEditor, catfish: UUID, drafts: DraftStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    editor = make(catfish)
    fill_general(editor)
    editor.autosave()
    assert drafts.pending() and drafts.pending()[0].entity == "cp_assessment"
    asked = answer_with(monkeypatch, QMessageBox.StandardButton.Discard)
    editor.reject()
    assert asked and not drafts.pending()
    assert not editor.isVisible()


def test_a_draft_is_offered_and_restored(
    make: MakeEditor, catfish: UUID, drafts: DraftStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    editor = make(catfish)
    fill_general(editor)
    add_electricity(editor)
    editor.autosave()
    editor._finished = True
    editor.close()
    asked = answer_with(monkeypatch, QMessageBox.StandardButton.Yes)
    again = make(catfish)
    assert asked
    assert again.form.product_name.text() == "Cá tra phi lê đông lạnh"
    assert again.form.inputs.table.rows()[0]["quantity"] == 150_000


def test_page_lists_by_establishment_and_opens_the_editor(
    qtbot: QtBot, profiled: Services, drafts: DraftStore, catfish: UUID, keep: list[Any]
) -> None:
    other = profiled.establishments.create(Establishment(name="Cơ sở mộc Phước Hải", commune_code=DAT_DO))
    assert other.id is not None
    ours = profiled.assessments.create(
        CPAssessment(
            establishment_id=catfish,
            product_name="Cá tra phi lê",
            output_quantity=120,
            output_unit="t",
            inputs=(CPInput(CPInputCategory.ENERGY, "Điện", 150_000, "kWh", carrier_code="electricity"),),
            options=(CPOption(1, "Sửa rò rỉ khí nén"),),
        )
    )
    profiled.assessments.create(CPAssessment(establishment_id=other.id, product_name="Bàn ghế gỗ"))
    runner = SyncTaskRunner()
    page = CPPage(profiled, runner, drafts, "vi")
    keep.extend((runner, page))
    qtbot.addWidget(page)
    page.show_for_establishment(None)
    assert page.model.rowCount() == 2
    page.show_for_establishment(catfish)
    assert page.model.rowCount() == 1
    item = page.model.index(0, 0).data(RecordRole)
    assert item.id == ours.id and item.options == 1
    assert page.model.index(0, 4).data() == "1"

    opened: list[CPEditor] = []
    page.editor_opened.connect(opened.append)
    page.view.doubleClicked.emit(page.model.index(0, 0))
    assert opened and opened[0].record is not None and opened[0].record.id == ours.id
    keep.append(opened[0])

    page.add_button.click()  # filtered: a new assessment of this establishment, no picker
    assert len(opened) == 2 and opened[1].establishment_id == catfish and opened[1].record is None
    keep.append(opened[1])


def test_adding_without_a_filter_picks_the_establishment(
    qtbot: QtBot, profiled: Services, drafts: DraftStore, catfish: UUID, keep: list[Any]
) -> None:
    runner = SyncTaskRunner()
    page = CPPage(profiled, runner, drafts, "vi")
    keep.extend((runner, page))
    qtbot.addWidget(page)
    page.show_for_establishment(None)
    opened: list[CPEditor] = []
    page.editor_opened.connect(opened.append)
    page.add_button.click()
    picker = page.picker
    assert isinstance(picker, EstablishmentPicker)
    type_text(picker.search, "cá tra")
    picker.search_now()
    assert picker.results.count() >= 1
    picker.results.setCurrentRow(0)
    picker.accept()
    assert opened and opened[0].establishment_id == catfish
    keep.append(opened[0])


def test_list_model(qtmodeltester: Any, profiled: Services, catfish: UUID) -> None:
    profiled.assessments.create(CPAssessment(establishment_id=catfish, period_start=date(2024, 1, 1)))
    model = CPListModel()
    model.set_rows(profiled.assessments.list())
    qtmodeltester.check(model)
    assert model.rowCount() == 1
    assert model.index(0, 2).data().startswith("01/01/2024")


def test_photos_and_documents_can_be_added_once_the_assessment_is_saved(
    qtbot: QtBot, make: MakeEditor, profiled: Services, catfish: UUID, tmp_path: Path
) -> None:
    editor = make(catfish)
    assert not editor.attachments.add_button.isEnabled()
    fill_general(editor)
    with qtbot.waitSignal(editor.saved) as blocker:
        editor.save()
    saved: CPAssessment = blocker.args[0]
    assert editor.attachments.add_button.isEnabled()  # the panel now belongs to the saved assessment
    sheet = tmp_path / "so-do-quy-trinh.pdf"
    sheet.write_bytes(b"%PDF-1.4\n% so do quy trinh\n%%EOF\n")
    editor.attachments.add_files([sheet])
    assert saved.id is not None
    assert [a.file_name for a in profiled.attachments.of_owner("cp_assessment", saved.id)] == ["so-do-quy-trinh.pdf"]
