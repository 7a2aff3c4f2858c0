"""The filter bar above the registry list: commune, kind, sector group, CNNT eligibility, changed only.

Combo boxes carry plain sentinel data for "all" (-1 or "") rather than no data: reading back an item without
data goes through an invalid QVariant, the path that aborts PySide6 6.12 on Python 3.11 (PITFALLS 1).
"""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QSizePolicy, QWidget

from kcfield.domain.enums import EstablishmentKind, SectorGroup
from kcfield.services.registry import Eligibility, RegistryQuery
from kcfield.ui.registry.columns import ELIGIBILITY_LABELS, KIND_LABELS, SECTOR_DESCRIPTIONS, tr

_ALL_COMMUNES = -1
_ALL = ""


class RegistryFilters(QWidget):
    """Emits :attr:`changed` whenever the user changes a filter (not when the commune list is reloaded)."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.commune = QComboBox(self)
        self.commune.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.commune.setMinimumContentsLength(14)
        self.commune.setAccessibleName(self.tr("Lọc theo xã/phường"))
        self.commune.addItem(self.tr("Tất cả xã/phường"), _ALL_COMMUNES)

        self.kind = QComboBox(self)
        self.kind.setAccessibleName(self.tr("Lọc theo loại hình"))
        self.kind.addItem(self.tr("Tất cả loại hình"), _ALL)
        for kind, label in KIND_LABELS.items():
            self.kind.addItem(tr(label), kind.value)

        self.sector = QComboBox(self)
        self.sector.setAccessibleName(self.tr("Lọc theo nhóm ngành"))
        self.sector.addItem(self.tr("Tất cả nhóm ngành"), _ALL)
        for group, description in SECTOR_DESCRIPTIONS.items():
            self.sector.addItem(f"{group.letter}) {tr(description)}", group.value)

        self.eligible = QComboBox(self)
        self.eligible.setAccessibleName(self.tr("Lọc theo điều kiện cơ sở CNNT"))
        self.eligible.addItem(self.tr("CNNT: tất cả"), _ALL)
        for value, label in ELIGIBILITY_LABELS.items():
            self.eligible.addItem(self.tr("CNNT: {label}").format(label=tr(label)), value.value)

        self.changed_only = QCheckBox(self.tr("Chỉ cơ sở chưa gửi"), self)
        self.changed_only.setToolTip(self.tr("Chỉ hiện các cơ sở đã sửa trên máy này mà chưa gửi về Trung tâm"))

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        # Each box may shrink to a few letters (the full text shows in its drop-down), so the window fits a
        # 1024-pixel-wide laptop screen.
        for box, letters in ((self.commune, 10), (self.kind, 8), (self.sector, 8), (self.eligible, 7)):
            box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            box.setMinimumContentsLength(letters)
            box.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)  # wider when there is room
            layout.addWidget(box)
            box.currentIndexChanged.connect(self._emit_changed)
        layout.addWidget(self.changed_only)
        self.changed_only.toggled.connect(self._emit_changed)
        self._quiet = False

    def set_communes(self, communes: list[tuple[int, str]]) -> None:
        """Replace the commune choices (already in display order); the current choice is kept."""
        chosen = self.commune_code()
        codes = {code for code, _ in communes}
        self._quiet = True
        try:
            self.commune.clear()
            self.commune.addItem(self.tr("Tất cả xã/phường"), _ALL_COMMUNES)
            for code, name in communes:
                self.commune.addItem(name, code)
            if chosen is not None and chosen not in codes:
                self.commune.addItem(str(chosen), chosen)  # keep what the user chose, even if now empty
            index = self.commune.findData(chosen if chosen is not None else _ALL_COMMUNES)
            self.commune.setCurrentIndex(max(index, 0))
        finally:
            self._quiet = False

    def commune_code(self) -> int | None:
        value = self.commune.currentData()
        return int(value) if isinstance(value, int) and value != _ALL_COMMUNES else None

    def set_commune(self, code: int | None) -> None:
        index = self.commune.findData(code if code is not None else _ALL_COMMUNES)
        if index >= 0:
            self.commune.setCurrentIndex(index)

    def apply(self, query: RegistryQuery) -> RegistryQuery:
        """``query`` with this bar's filters (text and sort are left as they are)."""
        kind = self.kind.currentData()
        sector = self.sector.currentData()
        eligible = self.eligible.currentData()
        return dataclasses.replace(
            query,
            commune_code=self.commune_code(),
            kind=EstablishmentKind(kind) if kind else None,
            sector_group=SectorGroup(sector) if sector else None,
            eligible=Eligibility(eligible) if eligible else None,
            changed_only=self.changed_only.isChecked(),
        )

    def _emit_changed(self) -> None:
        if not self._quiet:
            self.changed.emit()
