"""A second kcfield window on the same data folder says the first is open, and opens nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from kcfield.app import run_gui
from kcfield.instance import LOCK_NAME
from kcfield.paths import AppPaths
from kcfield.services.container import Services
from tests.unit.test_instance_lock import held_elsewhere


def test_a_second_window_on_the_same_folder_is_refused(
    app: QApplication, profiled: Services, app_paths: AppPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    profiled.close()
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _parent, _title, message: said.append(message))
    before = sorted(p.name for p in Path(app_paths.data_dir).iterdir())
    with held_elsewhere(app_paths.data_dir):
        assert run_gui(str(app_paths.data_dir), "en") == 1
    assert len(said) == 1 and "already open" in said[0] and str(app_paths.data_dir) in said[0]
    after = sorted(p.name for p in Path(app_paths.data_dir).iterdir() if p.name != LOCK_NAME)
    assert after == before  # no store opened, no backup made
