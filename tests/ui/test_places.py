"""Establishments nearby (from the registry and from a visit's position) and the day's visiting list."""

from __future__ import annotations

from pathlib import Path
from uuid import UUID

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from kcfield.domain.model import Establishment
from kcfield.paths import AppPaths
from kcfield.services.container import Services
from kcfield.services.drafts import DraftStore
from kcfield.services.places import DayPlan
from kcfield.ui.places.day_plan import DayPlanDialog
from kcfield.ui.places.nearby import NearbyDialog
from kcfield.ui.tasks import SyncTaskRunner
from kcfield.ui.visits.editor import VisitEditor
from tests.ui.conftest import build_window
from tests.ui.typing import clear_and_type

BASE = (10.4911, 107.2714)


def make(services: Services, name: str, dlon: float | None) -> Establishment:
    lat, lon = (BASE[0], BASE[1] + dlon) if dlon is not None else (None, None)
    est = services.establishments.create(
        Establishment(name=name, commune_code=26596, village="Ấp Nam", latitude=lat, longitude=lon)
    )
    assert est.id is not None
    return est


def ids(*records: Establishment) -> tuple[UUID, ...]:
    return tuple(r.id for r in records if r.id is not None)


def test_nearby_from_the_registry_lists_neighbours_and_opens_one(
    qtbot: QtBot, profiled: Services, app_paths: AppPaths
) -> None:
    here = make(profiled, "Cơ sở gốm Tân Hạnh", 0.0)
    near = make(profiled, "Cơ sở mây tre Ấp Nam", 0.005)  # ≈ 550 m
    far = make(profiled, "Cơ sở cơ khí Long Phước", 0.03)  # ≈ 3.3 km
    make(profiled, "Cơ sở chưa định vị", None)
    keep: list[object] = []
    window = build_window(profiled, app_paths, keep)
    qtbot.addWidget(window)
    window.places.show_nearby_of(here.id)
    dialog = window.places.dialog
    assert isinstance(dialog, NearbyDialog)
    assert [p.id for p in dialog.places] == [near.id, far.id]  # nearest first, itself left out
    # 0.005° of longitude at 10.49° N on WGS-84: 111,319.49 m × cos φ / √(1 − e² sin² φ) × 0.005 ≈ 547.4 m
    assert dialog.table.item(0, 2).text() == "547 m"
    assert dialog.table.item(1, 2).text().endswith(" km") and "," in dialog.table.item(1, 2).text()
    dialog.radius.setCurrentIndex(dialog.radius.findData(1))  # within 1 km: only the near one
    assert [p.id for p in dialog.places] == [near.id]
    dialog.table.selectRow(0)
    dialog.add_current_to_plan()
    assert profiled.places.day_plan().stops == (near.id,)
    assert "Cơ sở mây tre Ấp Nam" in dialog.note.text()
    opened: list[UUID | None] = []
    window.open_editor = lambda record_id, draft=None: opened.append(record_id)  # type: ignore[method-assign]
    dialog.open_current()
    assert opened == [near.id]


def test_nearby_of_an_establishment_without_a_position_says_so(
    qtbot: QtBot, profiled: Services, app_paths: AppPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    lost = make(profiled, "Cơ sở chưa định vị", None)
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: told.append(text))
    keep: list[object] = []
    window = build_window(profiled, app_paths, keep)
    qtbot.addWidget(window)
    window.places.show_nearby_of(lost.id)
    assert told and "chưa có toạ độ" in told[0]
    assert window.places.dialog is None


def test_the_day_plan_dialog_orders_edits_and_remembers(
    qtbot: QtBot, profiled: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    a, b, c = make(profiled, "Cơ sở A", 0.0), make(profiled, "Cơ sở B", 0.02), make(profiled, "Cơ sở C", 0.01)
    unplaced = make(profiled, "Cơ sở D", None)
    profiled.places.save_day_plan(DayPlan(ids(a, b, unplaced, c)))
    printed: list[list[UUID]] = []
    dialog = DayPlanDialog(profiled, SyncTaskRunner(), "vi", print_forms=printed.append)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    assert [dialog.table.item(r, 1).text() for r in range(4)] == ["Cơ sở A", "Cơ sở B", "Cơ sở D", "Cơ sở C"]
    assert "chưa có toạ độ" in dialog.table.item(2, 2).text()
    assert dialog.table.item(0, 3).text() == "—"  # no start point: the day starts at A
    before = dialog.route.total_m

    qtbot.keyClick(dialog, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)  # suggest an order
    assert dialog.plan.stops == ids(a, c, b, unplaced)
    assert dialog.route.total_m < before
    assert profiled.places.day_plan().stops == ids(a, c, b, unplaced)  # saved at once
    assert "1 cơ sở chưa có toạ độ" in dialog.total.text()

    dialog.table.selectRow(1)
    dialog.move_current(1)
    assert dialog.plan.stops == ids(a, b, c, unplaced)
    assert dialog.current_row() == 2  # the moved one stays selected
    dialog.table.selectRow(3)
    dialog.remove_current()
    assert profiled.places.day_plan().stops == ids(a, b, c)
    assert profiled.establishments.get(unplaced.id).name == "Cơ sở D"  # type: ignore[arg-type]  # not deleted

    clear_and_type(dialog.start, "10.4911, 107.3114")  # start east of B
    dialog.start.editingFinished.emit()
    assert "Đọc là" in dialog.start_note.text()
    dialog.suggest_order()
    assert dialog.plan.stops == ids(b, c, a)
    assert profiled.places.day_plan().start == pytest.approx((10.4911, 107.3114))

    dialog.print_button.click()
    assert printed == [list(ids(b, c, a))]

    monkeypatch.setattr(QMessageBox, "question", lambda *_a, **_k: QMessageBox.StandardButton.No)
    dialog.clear()
    assert len(profiled.places.day_plan().stops) == 3  # declined: nothing removed
    monkeypatch.setattr(QMessageBox, "question", lambda *_a, **_k: QMessageBox.StandardButton.Yes)
    dialog.clear()
    assert profiled.places.day_plan().stops == ()
    assert "trống" in dialog.total.text()


def test_ctrl_l_opens_the_day_plan(qtbot: QtBot, profiled: Services, app_paths: AppPaths) -> None:
    keep: list[object] = []
    window = build_window(profiled, app_paths, keep)
    qtbot.addWidget(window)
    window.app_actions.day_plan.trigger()
    assert isinstance(window.places.dialog, DayPlanDialog)
    assert window.app_actions.day_plan.shortcut().toString() == "Ctrl+L"


def test_the_visit_editor_shows_establishments_near_the_typed_position(
    qtbot: QtBot, profiled: Services, tmp_path: Path
) -> None:
    visited = make(profiled, "Cơ sở được khảo sát", 0.0)
    neighbour = make(profiled, "Cơ sở bên cạnh", 0.002)
    editor = VisitEditor(profiled, SyncTaskRunner(), DraftStore(tmp_path / "drafts"), "vi", None, visited.id)
    qtbot.addWidget(editor)
    assert not editor.form.position.nearby_button.isEnabled()  # nothing typed yet
    clear_and_type(editor.form.position.text, f"{BASE[0]}, {BASE[1] + 0.0021}")
    assert editor.form.position.nearby_button.isEnabled()
    editor.form.position.nearby_button.click()
    dialog = editor.nearby_dialog
    assert [p.id for p in dialog.places] == [
        neighbour.id,
    ]  # the visited one is left out
    assert dialog.places[0].distance_m < 20
    assert not dialog.open_button.isVisible()
