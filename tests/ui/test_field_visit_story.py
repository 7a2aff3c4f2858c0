"""The field visit story: for a demo establishment, a final visit with a position and two photos, an
equipment need capped by the rule, a quick CP assessment compared with its benchmark — and after a restart
(the store closed and opened again from disk) all of it reopens exactly as saved."""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path
from uuid import UUID

import pytest
from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot

from kcfield.domain.enums import CPInputCategory, PositionSource, SectorGroup, VisitStatus
from kcfield.domain.model import CPAssessment, CPInput, EquipmentNeed
from kcfield.paths import AppPaths
from kcfield.services.container import open_services
from kcfield.services.demo import DemoService
from kcfield.services.drafts import DraftStore
from kcfield.ui.attachments.panel import AttachmentsPanel
from kcfield.ui.cp.editor import CPEditor
from kcfield.ui.needs.editor import NeedEditor
from kcfield.ui.tasks import SyncTaskRunner
from kcfield.ui.visits.editor import VisitEditor
from tests.ui.typing import type_text

M = 1_000_000


def _photo(path: Path, colour: str) -> Path:
    image = QImage(640, 480, QImage.Format.Format_RGB32)
    image.fill(QColor(colour))
    assert image.save(str(path), "PNG")
    return path


def test_record_everything_restart_and_reopen_exactly(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = AppPaths(tmp_path / "data")
    services = open_services(paths)
    services.collaborators.save_local_user("CTV001", "Nguyễn Thị Lan")
    DemoService(services.ctx, services.reference).generate(20, seed=3)
    demo = services.establishments.get(UUID(hex=services.registry.first_ids(1)[0]))
    # Make it a seafood processor, so the catfish electricity norm applies to its assessment.
    est = services.establishments.update(
        dataclasses.replace(demo, vsic_version="2018", vsic_code="1020", sector_group=SectorGroup.A)
    )
    assert est.id is not None
    tasks, drafts = SyncTaskRunner(), DraftStore(paths.drafts)
    keep: list[object] = []

    # 1. The visit: a position typed as Vietnamese DMS, two photos, then finalised.
    visit_editor = VisitEditor(services, tasks, drafts, "vi", None, est.id)
    keep.append(visit_editor)
    qtbot.addWidget(visit_editor)
    type_text(visit_editor.form.purpose, "Khảo sát nhu cầu máy móc thiết bị")
    visit_editor.form.position.text.setText("10°29'28\"B 107°16'17\"Đ")
    visit_editor.validate_now()
    with qtbot.waitSignal(visit_editor.saved) as saved_visit:
        visit_editor.save()
    visit = saved_visit.args[0]
    panel = AttachmentsPanel(services, tasks, "visit", visit.id)
    keep.append(panel)
    panel.add_files([_photo(tmp_path / "nha-xuong.png", "#884422"), _photo(tmp_path / "lo-say.png", "#224488")])
    monkeypatch.setattr(visit_editor, "confirm_finalise", lambda: True)
    with qtbot.waitSignal(visit_editor.saved):
        visit_editor.finalise()

    # 2. The need: a 1,200 million VND technology line, capped at 1.5 x 300 million.
    need = services.needs.create(
        EquipmentNeed(
            establishment_id=est.id,
            visit_id=visit.id,
            equipment_name="Dây chuyền sấy hải sản",
            is_technology_line=True,
            quantity=1,
            unit_price_vnd=1_200 * M,
            requested_support_vnd=600 * M,
        )
    )
    # 3. The CP assessment: 150,000 kWh for 120 t of product in 2024.
    cp = services.assessments.create(
        CPAssessment(
            establishment_id=est.id,
            visit_id=visit.id,
            period_start=date(2024, 1, 1),
            period_end=date(2024, 12, 31),
            product_name="Cá tra phi lê",
            output_quantity=120,
            output_unit="t",
            inputs=(CPInput(CPInputCategory.ENERGY, "Điện lưới", 150_000, "kWh", 2_100, "electricity"),),
        )
    )
    services.close()

    # --- restart: everything comes back from disk ---------------------------------------------------
    again = open_services(paths)
    try:
        stored = again.visits.get(visit.id)
        assert stored.status is VisitStatus.FINAL and stored.position_source is PositionSource.MANUAL
        assert stored.latitude == pytest.approx(10 + 29 / 60 + 28 / 3600)
        assert stored.purpose == "Khảo sát nhu cầu máy móc thiết bị"
        photos = again.attachments.of_owner("visit", visit.id)
        assert sorted(p.file_name for p in photos) == ["lo-say.png", "nha-xuong.png"]
        assert all(again.attachments.verify(p.id) for p in photos)  # type: ignore[arg-type]

        reopened_need = again.needs.get(need.id)  # type: ignore[arg-type]
        assert reopened_need == need
        assessment = again.needs.assess(reopened_need)
        assert (assessment.allowed_vnd, assessment.capped) == (450 * M, True)
        need_editor = NeedEditor(again, SyncTaskRunner(), DraftStore(paths.drafts), "vi", reopened_need, est.id)
        keep.append(need_editor)
        assert "Được hỗ trợ tối đa: 450.000.000 ₫" in need_editor.panel.text()

        reopened_cp = again.assessments.get(cp.id)  # type: ignore[arg-type]
        assert reopened_cp == cp
        facts = again.cp_reference.indicators_for(reopened_cp, "2018", "1020")
        electricity = next(c for c in facts.comparisons if c.indicator.code == "electricity_per_product")
        assert electricity.value == pytest.approx(1_250) and electricity.is_legal_norm
        cp_editor = CPEditor(again, SyncTaskRunner(), DraftStore(paths.drafts), "vi", reopened_cp, est.id)
        keep.append(cp_editor)
        assert not cp_editor.is_dirty()
    finally:
        again.close()
