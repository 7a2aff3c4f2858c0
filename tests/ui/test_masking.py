"""Personal data on screen: the registry list shows phones and a household's personal-ID tax code masked, the
search still finds a full number typed in, and the establishment's own editor shows the real values."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtWidgets import QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from kcfield.domain.model import Establishment
from kcfield.services.container import Services
from kcfield.services.drafts import DraftStore
from kcfield.services.duplicates import DuplicateFinder
from kcfield.ui.registry.columns import Column
from kcfield.ui.registry.editor import EstablishmentEditor
from kcfield.ui.registry.editor_duplicates import DuplicateDialog
from kcfield.ui.registry.page import RegistryPage
from kcfield.ui.tasks import SyncTaskRunner
from tests.forms.test_masking import OWNER_ID, _household
from tests.ui.typing import clear_and_type


@pytest.fixture
def keep() -> Iterator[list[Any]]:
    kept: list[Any] = []
    yield kept
    for item in kept:
        if isinstance(item, EstablishmentEditor):
            item._finished = True  # closed without the "keep your changes?" question
        if isinstance(item, QWidget):
            item.close()


def _cells(page: RegistryPage, column: Column) -> list[str]:
    model = page.model
    return [model.data(model.index(row, column)) for row in range(model.rowCount())]


def test_the_registry_list_masks_and_the_editor_shows_the_real_values(
    qtbot: QtBot, profiled: Services, keep: list[Any], tmp_path: Any
) -> None:
    est = _household(profiled)
    tasks = SyncTaskRunner(lang="vi")
    keep.append(tasks)
    page = RegistryPage(profiled, tasks, "vi")
    keep.append(page)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    qtbot.waitUntil(lambda: _cells(page, Column.REP_PHONE) == ["091*****78"], timeout=5_000)
    assert _cells(page, Column.TAX_CODE) == ["079*******34"]
    # Search is not masked: the full number, typed as people type it, finds the establishment.
    clear_and_type(page.search, "0912345678")
    assert _cells(page, Column.NAME) == ["Hộ kinh doanh gốm Tân Hạnh"]
    clear_and_type(page.search, "0912345679")
    assert page.model.rowCount() == 0

    editor = EstablishmentEditor(
        profiled, tasks, DraftStore(tmp_path / "drafts"), DuplicateFinder(profiled.ctx, profiled.reference), "vi",
        record=est,
    )  # fmt: skip
    keep.append(editor)
    phone = editor.form.bindings["rep_phone"].editor
    assert isinstance(phone, QLineEdit) and phone.text() == est.rep_phone and "*" not in phone.text()
    assert editor.form.personal_id.edit.text() == OWNER_ID


def test_a_duplicate_candidate_shows_another_household_tax_code_masked(profiled: Services) -> None:
    est = _household(profiled)
    finder = DuplicateFinder(profiled.ctx, profiled.reference)
    similar = Establishment(name="Hộ kinh doanh gốm Tân Hạnh", province_code=79, commune_code=26596)
    candidates = finder.find(similar)
    assert candidates and candidates[0].id == est.id
    dialog = DuplicateDialog(candidates)
    text = dialog.describe(candidates[0])
    dialog.close()
    assert "079*******34" in text and OWNER_ID not in text
