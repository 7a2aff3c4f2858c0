"""The Visits page and the visit editor: position typed in any form, NMEA files, far-away warnings,
finalising (read-only, snapshot kept) and amendments."""

from __future__ import annotations

import dataclasses
from datetime import date
from functools import reduce
from pathlib import Path
from uuid import UUID

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from kcfield.domain.enums import PositionSource, VisitStatus
from kcfield.domain.model import Establishment, Visit
from kcfield.services.container import Services
from kcfield.services.drafts import DraftStore
from kcfield.services.visits import VisitListItem
from kcfield.ui.tasks import SyncTaskRunner
from kcfield.ui.visits.editor import VisitEditor
from kcfield.ui.visits.model import RecordRole, VisitTableModel
from kcfield.ui.visits.page import VisitsPage
from tests.ui.typing import clear_and_type, type_text

EST_LAT, EST_LON = 10.4911, 107.2714  # where the establishment is recorded


@pytest.fixture
def est(profiled: Services) -> Establishment:
    return profiled.establishments.create(
        Establishment(name="Cơ sở bánh tráng Ba Hòa", commune_code=26596, latitude=EST_LAT, longitude=EST_LON)
    )


@pytest.fixture
def drafts(tmp_path: Path) -> DraftStore:
    return DraftStore(tmp_path / "drafts")


def make_editor(
    qtbot: QtBot, services: Services, drafts: DraftStore, est: Establishment, record: Visit | None = None
) -> VisitEditor:
    assert est.id is not None
    editor = VisitEditor(services, SyncTaskRunner(), drafts, "vi", record, est.id)
    qtbot.addWidget(editor)
    return editor


def type_position(editor: VisitEditor, text: str) -> None:
    clear_and_type(editor.form.position.text, text)
    editor.validate_now()


def test_a_visit_with_a_typed_dms_position_is_saved_with_its_coordinates(
    qtbot: QtBot, profiled: Services, drafts: DraftStore, est: Establishment
) -> None:
    editor = make_editor(qtbot, profiled, drafts, est)
    assert editor.form.visit_date.value() == date(2026, 11, 26)  # today by default
    type_text(editor.form.purpose, "Khảo sát nhu cầu máy móc")
    type_position(editor, "10°29'28\"B 107°16'17\"Đ")
    assert "10°29'28.0\"B 107°16'17.0\"Đ" in editor.form.position.reading.text()
    assert "10.491111, 107.271389" in editor.form.position.reading.text()
    assert editor.findings.blocking == []
    assert editor.save_button.isEnabled()
    with qtbot.waitSignal(editor.saved) as signal:
        editor.save()
    saved: Visit = signal.args[0]
    assert saved.id is not None
    stored = profiled.visits.get(saved.id)
    assert stored.latitude == pytest.approx(10 + 29 / 60 + 28 / 3600)
    assert stored.longitude == pytest.approx(107 + 16 / 60 + 17 / 3600)
    assert stored.position_source == PositionSource.MANUAL
    assert stored.purpose == "Khảo sát nhu cầu máy móc"
    assert stored.status == VisitStatus.DRAFT
    assert editor.tabs.isTabEnabled(editor.attachments_tab)  # photos can be added once saved


def test_n_means_nam_so_a_southern_position_is_outside_vietnam_and_blocks_saving(
    qtbot: QtBot, profiled: Services, drafts: DraftStore, est: Establishment
) -> None:
    editor = make_editor(qtbot, profiled, drafts, est)
    type_position(editor, "8°41' N, 106°36' Đ")
    assert "8°41'00.0\"N 106°36'00.0\"Đ" in editor.form.position.reading.text()  # read as south
    row = editor.form.rows["position"]
    assert row.severity() == "error"
    assert "Việt Nam" in row.message_text()
    assert not editor.save_button.isEnabled()
    assert editor.blockers.isVisibleTo(editor)
    editor.save()  # Ctrl+S while blocked does nothing but point at the box
    assert profiled.visits.recent(10) == []


def test_an_unreadable_position_is_explained_inline(
    qtbot: QtBot, profiled: Services, drafts: DraftStore, est: Establishment
) -> None:
    editor = make_editor(qtbot, profiled, drafts, est)
    type_position(editor, "gần chợ")
    row = editor.form.rows["position"]
    assert row.severity() == "error"
    assert row.message_text()
    assert not editor.save_button.isEnabled()


def test_a_far_position_warns_with_the_distance_but_can_be_saved(
    qtbot: QtBot, profiled: Services, drafts: DraftStore, est: Establishment
) -> None:
    editor = make_editor(qtbot, profiled, drafts, est)
    type_position(editor, "10.5011, 107.2714")  # 0.01° north: about 1.1 km
    row = editor.form.rows["position"]
    assert row.severity() == "warning"
    assert editor.findings.distance_m is not None
    assert 1_090 < editor.findings.distance_m < 1_120
    assert str(editor.findings.distance_m) in row.message_text()
    assert editor.save_button.isEnabled()
    with qtbot.waitSignal(editor.saved):
        editor.save()
    assert len(profiled.visits.recent(10)) == 1


def test_a_position_outside_the_establishments_province_names_the_province(
    qtbot: QtBot, profiled: Services, drafts: DraftStore, est: Establishment
) -> None:
    editor = make_editor(qtbot, profiled, drafts, est)
    assert editor.province_area is not None and editor.province_area.name == "Thành phố Hồ Chí Minh"
    type_position(editor, "21.0285, 105.8542")  # Hà Nội, in Vietnam but far from Hồ Chí Minh City
    row = editor.form.rows["position"]
    assert row.severity() == "warning"
    assert "ngoài địa bàn Thành phố Hồ Chí Minh" in row.message_text()
    assert editor.save_button.isEnabled()  # a warning, not a block: the collaborator may know better
    type_position(editor, f"{EST_LAT}, {EST_LON}")
    assert "địa bàn" not in row.message_text()


def nmea(body: str) -> str:
    checksum = reduce(lambda acc, ch: acc ^ ord(ch), body, 0)
    return f"${body}*{checksum:02X}"


def test_an_nmea_file_fills_the_position(
    qtbot: QtBot, profiled: Services, drafts: DraftStore, est: Establishment, tmp_path: Path
) -> None:
    path = tmp_path / "gps.nmea"
    gga = nmea("GPGGA,031500.00,1029.4667,N,10716.2833,E,1,08,0.9,12.0,M,0.0,M,,")
    path.write_text("rác không phải NMEA\n" + gga + "\n", encoding="utf-8")
    editor = make_editor(qtbot, profiled, drafts, est)
    assert editor.form.position.load_nmea(path)
    editor.validate_now()
    visit = editor.current_visit()
    assert visit.latitude == pytest.approx(10 + 29.4667 / 60)
    assert visit.longitude == pytest.approx(107 + 16.2833 / 60)
    assert visit.position_source == PositionSource.GPS
    assert visit.position_accuracy_m is not None and visit.position_accuracy_m > 0
    assert editor.findings.blocking == []


def test_an_nmea_file_without_a_fix_says_so(
    qtbot: QtBot, profiled: Services, drafts: DraftStore, est: Establishment, tmp_path: Path
) -> None:
    path = tmp_path / "bad.nmea"
    path.write_text("$GPGGA,031500.00,1029.4667,N,10716.2833,E,1,08,0.9,12.0,M,0.0,M,,*00\n", encoding="utf-8")
    editor = make_editor(qtbot, profiled, drafts, est)
    assert not editor.form.position.load_nmea(path)
    assert "mã kiểm tra" in editor.form.position.reading.text()
    assert editor.current_visit().latitude is None


def saved_visit(profiled: Services, est: Establishment) -> Visit:
    return profiled.visits.create(
        Visit(establishment_id=est.id, visit_date=date(2026, 11, 20), latitude=EST_LAT, longitude=EST_LON)
    )


def test_finalising_locks_the_form_and_keeps_the_profile_snapshot(
    qtbot: QtBot, profiled: Services, drafts: DraftStore, est: Establishment, monkeypatch: pytest.MonkeyPatch
) -> None:
    visit = saved_visit(profiled, est)
    editor = make_editor(qtbot, profiled, drafts, est, visit)
    monkeypatch.setattr(editor, "confirm_finalise", lambda: True)
    type_text(editor.form.observations, "Lò sấy cũ")
    with qtbot.waitSignal(editor.saved):
        editor.finalise()
    assert editor.is_final()
    assert editor.banner.isVisibleTo(editor)
    assert "Phiếu đã hoàn tất ngày 26/11/2026 — chỉ xem" in editor.banner.text()
    assert editor.form.purpose.isReadOnly() and editor.form.position.text.isReadOnly()
    assert not editor.save_button.isVisibleTo(editor)
    assert editor.amend_button.isVisibleTo(editor)
    assert visit.id is not None
    stored = profiled.visits.get(visit.id)
    assert stored.status == VisitStatus.FINAL
    assert stored.observations == "Lò sấy cũ"  # what was typed was saved before locking

    profiled.establishments.update(dataclasses.replace(profiled.establishments.get(est.id), name="Tên mới"))  # type: ignore[arg-type]
    snapshot = profiled.visits.get(visit.id).profile_snapshot
    assert snapshot is not None and snapshot["name"] == "Cơ sở bánh tráng Ba Hòa"


def test_declining_the_confirmation_does_not_finalise(
    qtbot: QtBot, profiled: Services, drafts: DraftStore, est: Establishment, monkeypatch: pytest.MonkeyPatch
) -> None:
    visit = saved_visit(profiled, est)
    editor = make_editor(qtbot, profiled, drafts, est, visit)
    monkeypatch.setattr(editor, "confirm_finalise", lambda: False)
    editor.finalise()
    assert not editor.is_final()
    assert visit.id is not None and profiled.visits.get(visit.id).status == VisitStatus.DRAFT


def test_amending_opens_a_new_draft_pointing_at_the_original(
    qtbot: QtBot, profiled: Services, drafts: DraftStore, est: Establishment
) -> None:
    visit = saved_visit(profiled, est)
    assert visit.id is not None
    final = profiled.visits.finalise(visit.id)
    editor = make_editor(qtbot, profiled, drafts, est, final)
    assert editor.form.purpose.isReadOnly()
    with qtbot.waitSignal(editor.saved) as signal:
        editor.amend()
    amendment: Visit = signal.args[0]
    assert amendment.amends_visit_id == visit.id
    assert amendment.status == VisitStatus.DRAFT
    opened = editor.amendment_editor
    assert opened is not None
    qtbot.addWidget(opened)
    assert opened.record == amendment
    assert not opened.form.purpose.isReadOnly()
    assert profiled.visits.get(visit.id).status == VisitStatus.FINAL  # the original stays


def test_a_draft_is_autosaved_and_discarding_removes_it(
    qtbot: QtBot, profiled: Services, drafts: DraftStore, est: Establishment, monkeypatch: pytest.MonkeyPatch
) -> None:
    editor = make_editor(qtbot, profiled, drafts, est)
    type_position(editor, "10.49, 107.27")
    editor.save_draft()
    assert [d.key for d in drafts.pending()] == [editor.draft_key]
    values = drafts.load(editor.draft_key)
    assert values["_typed"]["position"] == "10.49, 107.27"
    restored = VisitEditor(profiled, SyncTaskRunner(), drafts, "vi", None, est.id, draft=(editor.draft_key, values))
    qtbot.addWidget(restored)
    assert restored.form.position.text.text() == "10.49, 107.27"
    assert restored.is_dirty()
    monkeypatch.setattr(editor, "ask_unsaved", lambda: QMessageBox.StandardButton.Discard)
    editor.reject()
    assert drafts.pending() == []


def test_the_page_lists_visits_newest_first_and_filters_by_establishment(
    qtbot: QtBot, profiled: Services, drafts: DraftStore, est: Establishment
) -> None:
    other = profiled.establishments.create(Establishment(name="Cơ sở mộc Bảy Sơn", commune_code=26596))
    older = saved_visit(profiled, est)
    newer = profiled.visits.create(Visit(establishment_id=est.id, visit_date=date(2026, 11, 25), purpose="Lần 2"))
    profiled.visits.create(Visit(establishment_id=other.id, visit_date=date(2026, 11, 22)))
    page = VisitsPage(profiled, SyncTaskRunner(), drafts)
    qtbot.addWidget(page)
    page.show_for_establishment(None)
    assert page.model.rowCount() == 3
    page.show_for_establishment(est.id)
    items = [page.model.index(r, 0).data(RecordRole) for r in range(page.model.rowCount())]
    assert [i.id for i in items] == [newer.id, older.id]
    assert page.model.index(0, 0).data() == "25/11/2026"
    assert page.model.index(0, 1).data() == "Cơ sở bánh tráng Ba Hòa"
    assert page.model.index(0, 4).data() == "Nháp"
    assert page.model.index(1, 5).data() == "Có"
    assert page.model.index(0, 5).data() == "Không"

    page.table.doubleClicked.emit(page.model.index(1, 0))
    assert page.editor is not None
    qtbot.addWidget(page.editor)
    assert page.editor.record is not None and page.editor.record.id == older.id

    assert est.id is not None
    editor = page.open_editor(None, est.id)  # "Thêm lượt khảo sát" on a filtered page
    page.add_button.click()
    assert page.editor is not None and page.editor is not editor
    qtbot.addWidget(page.editor)
    qtbot.addWidget(editor)
    with qtbot.waitSignal(page.editor.saved):
        page.editor.save()
    assert page.model.rowCount() == 3


def item(n: int, status: VisitStatus = VisitStatus.DRAFT) -> VisitListItem:
    return VisitListItem(
        id=UUID(int=n),
        establishment_id=UUID(int=100),
        establishment_name=f"Cơ sở {n}",
        visit_date=date(2026, 11, n),
        collaborator_code="CTV001",
        purpose="Khảo sát\nchi tiết",
        status=status,
        has_position=n % 2 == 0,
        amends_visit_id=None,
    )


def test_the_model_passes_qt_model_tester(qtmodeltester: ModelTester) -> None:
    model = VisitTableModel()
    model.set_rows([item(1), item(2, VisitStatus.FINAL), item(3)])
    qtmodeltester.check(model)
    assert model.index(1, 4).data() == "Đã hoàn tất"
    assert model.index(0, 3).data() == "Khảo sát"
    assert model.row_of(UUID(int=3)) == 2
    model.set_rows([])
    qtmodeltester.check(model)


def test_ctrl_s_saves_and_adding_from_the_all_visits_list_asks_for_the_establishment(
    qtbot: QtBot, profiled: Services, drafts: DraftStore, est: Establishment, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QDialog

    from kcfield.ui.registry.picker import EstablishmentPicker

    def pick(picker: EstablishmentPicker) -> QDialog.DialogCode:
        type_text(picker.search, "Ba Hòa")
        picker.search_now()
        assert picker.results.count() == 1
        picker.accept()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(EstablishmentPicker, "exec", pick)
    page = VisitsPage(profiled, SyncTaskRunner(), drafts)
    qtbot.addWidget(page)
    page.show_for_establishment(None)
    page.add_button.click()
    editor = page.editor
    assert editor is not None and editor.establishment is not None
    qtbot.addWidget(editor)
    assert editor.establishment.id == est.id
    with qtbot.waitActive(editor):  # shortcuts (Ctrl+S) work in the active window only
        editor.show()
        editor.activateWindow()
    editor.form.purpose.setFocus()
    with qtbot.waitSignal(editor.saved):
        qtbot.keyClick(editor.form.purpose, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert page.model.rowCount() == 1
