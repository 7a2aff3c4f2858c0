"""The needs page and the need editor: the issue's technology line capped by the rule, refusals, totals,
a changed rule set, drafts. Background work runs inline (SyncTaskRunner)."""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from uuid import UUID

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from kcfield.domain.enums import NeedStatus
from kcfield.domain.model import EquipmentNeed, Establishment
from kcfield.domain.rules import SupportRules
from kcfield.services.container import Services
from kcfield.services.drafts import DraftStore
from kcfield.ui.needs import NeedEditor, NeedsPage
from kcfield.ui.needs.model import CommuneTotalsModel, NeedColumn, NeedsTableModel
from kcfield.ui.tasks import SyncTaskRunner
from tests.ui.typing import clear_and_type, type_text

CHAU_DUC = 26596  # Xã Châu Đức
VUNG_TAU = 26506  # Phường Vũng Tàu
M = 1_000_000

MakeEditor = Callable[..., NeedEditor]


@pytest.fixture
def drafts(tmp_path: Path) -> DraftStore:
    return DraftStore(tmp_path / "drafts")


@pytest.fixture
def est(profiled: Services) -> Establishment:
    return profiled.establishments.create(Establishment(name="Cơ sở sấy nông sản Tư Hùng", province_code=79,
                                                        commune_code=CHAU_DUC))  # fmt: skip


@pytest.fixture
def make(qtbot: QtBot, profiled: Services, drafts: DraftStore, est: Establishment) -> Iterator[MakeEditor]:
    keep: list[Any] = []

    def _make(record: EquipmentNeed | None = None, draft: Any = None) -> NeedEditor:
        runner = SyncTaskRunner()
        editor = NeedEditor(profiled, runner, drafts, "vi", record, est.id, draft=draft)
        keep.extend((runner, editor))
        editor.show()
        return editor

    yield _make
    for item in keep:
        if isinstance(item, NeedEditor):
            item._finished = True
            item.close()
            item.deleteLater()


def fill_line(editor: NeedEditor) -> None:
    type_text(editor.form.equipment_name, "Dây chuyền sấy nông sản")
    editor.form.is_technology_line.setChecked(True)
    clear_and_type(editor.form.quantity, "1")
    type_text(editor.form.unit_price_vnd, "1.200.000.000")
    editor.validate_now()


def test_a_technology_line_is_capped_by_the_rule(qtbot: QtBot, make: MakeEditor, profiled: Services) -> None:
    editor = make()
    fill_line(editor)
    assert editor.form.cost.text() == "1.200.000.000 ₫"
    panel = editor.panel.text()
    assert "Được hỗ trợ tối đa: 450.000.000 ₫" in panel
    assert "mức trần cho dây chuyền công nghệ là 1.5 × 300.000.000 ₫ = 450.000.000 ₫" in panel.replace("1,5", "1.5")
    assert "Thông tư 28/2018/TT-BTC" in panel
    assert editor.panel.assessment is not None and editor.panel.assessment.capped

    with qtbot.waitSignal(editor.saved) as saved:
        editor.save_button.click()
    need = saved.args[0]
    assert isinstance(need, EquipmentNeed) and need.id is not None
    assert (need.cost_vnd, need.is_technology_line) == (1_200 * M, True)

    again = make(profiled.needs.get(need.id))
    assert again.form.unit_price_vnd.text() == "1.200.000.000"
    assert again.form.equipment_name.text() == "Dây chuyền sấy nông sản"
    assert "Được hỗ trợ tối đa: 450.000.000 ₫" in again.panel.text()
    assert not again.is_dirty()


def test_a_machine_that_is_not_new_is_refused_in_red(make: MakeEditor) -> None:
    editor = make()
    type_text(editor.form.equipment_name, "Máy xay cũ")
    type_text(editor.form.unit_price_vnd, "100.000.000")
    editor.form.is_new.setChecked(False)
    assert editor.panel.amount.text() == "Không được hỗ trợ"
    assert "không phải loại mới" in editor.panel.explanation.text()
    assert "#c62828" in editor.panel.amount.styleSheet()


def test_an_exclusion_from_the_rule_set_refuses(make: MakeEditor) -> None:
    editor = make()
    type_text(editor.form.unit_price_vnd, "100.000.000")
    combo = editor.form.exclusion
    assert combo.itemText(0) == "Không thuộc diện loại trừ"
    combo.setCurrentIndex(combo.findData("fired_clay_brick_manual_ring_kiln"))
    assert editor.panel.assessment is not None and editor.panel.assessment.refused
    assert "lò thủ công cải tiến" in editor.panel.explanation.text()


def test_inline_messages_block_saving(make: MakeEditor) -> None:
    editor = make()
    type_text(editor.form.unit_price_vnd, "100.000.000")
    type_text(editor.form.requested_support_vnd, "200.000.000")
    editor.validate_now()
    assert editor.form.rows["equipment_name"].severity() == "error"
    assert not editor.save_button.isEnabled()
    assert editor.blockers.isVisibleTo(editor)
    type_text(editor.form.equipment_name, "Máy sấy")
    editor.validate_now()
    assert editor.form.rows["equipment_name"].severity() is None
    row = editor.form.rows["requested_support_vnd"]
    assert row.severity() == "error" and "100.000.000" in row.message_text()
    assert not editor.save_button.isEnabled()
    clear_and_type(editor.form.requested_support_vnd, "50.000.000")
    editor.validate_now()
    assert editor.save_button.isEnabled() and not editor.blockers.isVisibleTo(editor)


def test_a_changed_rule_set_changes_the_amount(
    make: MakeEditor, profiled: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    raw = copy.deepcopy(profiled.reference._document("support_rules"))
    for rule in raw["rule_sets"]:
        if rule["code"] == "tt28_2018_machinery":
            rule["cap_vnd"] = 200 * M
    monkeypatch.setattr(profiled.reference, "support_rules", SupportRules.from_dict(raw))
    editor = make()
    fill_line(editor)
    assert "Được hỗ trợ tối đa: 300.000.000 ₫" in editor.panel.text()  # 1.5 × 200 million


def test_drafts_keep_what_was_typed_and_confirm_discard(
    make: MakeEditor, drafts: DraftStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    editor = make()
    type_text(editor.form.equipment_name, "Máy đóng gói")
    type_text(editor.form.unit_price_vnd, "12 triệu")
    type_text(editor.form.benefit_capacity_pct, "khoảng hai mươi")
    editor.save_draft()
    (info,) = drafts.pending()
    assert info.entity == "equipment_need"
    values = drafts.load(editor.draft_key)
    again = make(draft=(editor.draft_key, values))
    assert again.form.equipment_name.text() == "Máy đóng gói"
    assert again.form.unit_price_vnd.value() == 12 * M
    assert again.form.benefit_capacity_pct.text() == "khoảng hai mươi"  # unreadable text kept as typed

    asked: list[str] = []

    def answer(*args: Any, **_kw: Any) -> QMessageBox.StandardButton:
        asked.append(args[2])
        return QMessageBox.StandardButton.Discard

    monkeypatch.setattr(QMessageBox, "question", answer)
    again.reject()
    assert asked and not again.isVisible()
    assert drafts.pending() == []


@pytest.fixture
def page(qtbot: QtBot, profiled: Services, drafts: DraftStore) -> Iterator[NeedsPage]:
    runner = SyncTaskRunner()
    widget = NeedsPage(profiled, runner, drafts, "vi")
    keep = [runner, widget]
    widget.show()
    yield widget
    if widget.editor is not None:
        widget.editor._finished = True
        widget.editor.close()
    keep.clear()


def _two_needs(profiled: Services, est: Establishment) -> None:
    base = EquipmentNeed(establishment_id=est.id, equipment_name="Dây chuyền sấy")
    profiled.needs.create(
        EquipmentNeed(**{**_fields(base), "is_technology_line": True, "unit_price_vnd": 1_200 * M,
                         "requested_support_vnd": 500 * M})
    )  # fmt: skip
    profiled.needs.create(
        EquipmentNeed(**{**_fields(base), "equipment_name": "Máy đóng gói", "unit_price_vnd": 100 * M,
                         "requested_support_vnd": 40 * M, "status": NeedStatus.SUBMITTED})
    )  # fmt: skip


def _fields(need: EquipmentNeed) -> dict[str, Any]:
    import dataclasses

    return {f.name: getattr(need, f.name) for f in dataclasses.fields(need)}


def test_page_totals_for_an_establishment(page: NeedsPage, profiled: Services, est: Establishment) -> None:
    other = profiled.establishments.create(Establishment(name="Cơ sở khác", province_code=79, commune_code=VUNG_TAU))
    _two_needs(profiled, est)
    profiled.needs.create(EquipmentNeed(establishment_id=other.id, equipment_name="Lò sấy", unit_price_vnd=10 * M,
                                        is_new=False))  # fmt: skip
    assert est.id is not None
    page.show_for_establishment(est.id)
    assert page.model.rowCount() == 2
    assert page.totals_label.text() == (
        "2 nhu cầu. Tổng chi phí 1.300.000.000 ₫; đề nghị hỗ trợ 540.000.000 ₫; được hỗ trợ tối đa 490.000.000 ₫"
    )
    allowed = {page.model.index(r, NeedColumn.ALLOWED).data() for r in range(2)}
    assert allowed == {"450.000.000 ₫", "40.000.000 ₫"}

    assert page.commune_model.rowCount() == 0  # filtered: read only when the tab is opened
    page.tabs.setCurrentIndex(1)
    assert page.commune_model.rowCount() == 2
    page.tabs.setCurrentIndex(0)

    page.show_for_establishment(None)
    assert page.model.rowCount() == 3
    assert "1 nhu cầu không được hỗ trợ" in page.totals_label.text()
    communes = page.commune_model
    rows = [(communes.index(r, 0).data(), communes.index(r, 1).data(), communes.index(r, 4).data())
            for r in range(communes.rowCount())]  # fmt: skip
    assert rows == [("Phường Vũng Tàu", "1", "0 ₫"), ("Xã Châu Đức", "2", "490.000.000 ₫")]


def test_add_and_double_click_open_the_editor(page: NeedsPage, profiled: Services, est: Establishment) -> None:
    _two_needs(profiled, est)
    page.show_for_establishment(est.id)
    page.add_need()
    editor = page.editor
    assert editor is not None and editor.current_draft().establishment_id == est.id
    type_text(editor.form.equipment_name, "Máy ép viên")
    type_text(editor.form.unit_price_vnd, "50.000.000")
    editor.save()
    assert page.model.rowCount() == 3

    row = next(r for r in range(3) if page.model.index(r, 0).data() == "Máy đóng gói")
    page.table.doubleClicked.emit(page.model.index(row, 0))
    assert page.editor is not None and page.editor is not editor
    assert page.editor.form.equipment_name.text() == "Máy đóng gói"


def test_add_without_a_filter_asks_for_the_establishment(
    page: NeedsPage, profiled: Services, est: Establishment
) -> None:
    page.show_for_establishment(None)
    page.add_need()
    picker = page.picker
    assert picker is not None
    type_text(picker.search, "Tư Hùng")
    picker.search_now()
    assert picker.results.count() == 1 and picker.current_id() == est.id
    picker.ok_button.click()
    assert page.editor is not None and page.editor.current_draft().establishment_id == est.id


def test_models(qtmodeltester: Any, profiled: Services, est: Establishment) -> None:
    _two_needs(profiled, est)
    model = NeedsTableModel()
    model.set_rows(profiled.needs.list())
    qtmodeltester.check(model)
    communes = CommuneTotalsModel()
    communes.set_rows(profiled.needs.totals_by_commune())
    qtmodeltester.check(communes)
    assert isinstance(model.rows()[0].need.id, UUID)


def test_the_status_box_offers_only_the_next_steps_of_the_workflow(
    make: MakeEditor, profiled: Services, est: Establishment
) -> None:
    import dataclasses

    from kcfield.domain.enums import NeedStatus

    new = make()
    assert [new.form.status.itemData(i) for i in range(new.form.status.count())] == ["proposed"]
    need = profiled.needs.create(
        EquipmentNeed(establishment_id=est.id, equipment_name="Máy sấy", unit_price_vnd=100 * M)
    )
    submitted = profiled.needs.update(dataclasses.replace(need, status=NeedStatus.SUBMITTED))
    editor = make(submitted)
    offered = [editor.form.status.itemData(i) for i in range(editor.form.status.count())]
    assert offered == ["submitted", "proposed", "approved", "rejected"]


def test_a_saved_need_takes_photos_and_documents_a_new_one_waits(
    make: MakeEditor, profiled: Services, est: Establishment, tmp_path: Path
) -> None:
    new = make()
    assert not new.attachments.add_button.isEnabled()  # nothing to attach to before the first save
    need = profiled.needs.create(EquipmentNeed(establishment_id=est.id, equipment_name="Máy sấy", unit_price_vnd=M))
    editor = make(need)
    quotation = tmp_path / "bao-gia.pdf"
    quotation.write_bytes(b"%PDF-1.4\n% bao gia may say\n%%EOF\n")
    editor.attachments.add_files([quotation])
    assert need.id is not None
    assert [a.file_name for a in profiled.attachments.of_owner("equipment_need", need.id)] == ["bao-gia.pdf"]
