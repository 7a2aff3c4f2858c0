"""The boxes of one equipment need, laid out in groups; reads and fills an :class:`EquipmentNeed`."""

from __future__ import annotations

import dataclasses
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from kcfield.domain.enums import NeedPurpose, NeedStatus
from kcfield.domain.model import EquipmentNeed
from kcfield.domain.need_status import allowed_statuses
from kcfield.domain.numbers import format_vnd
from kcfield.domain.rules import Exclusion
from kcfield.ui.needs.model import status_text
from kcfield.ui.widgets.field_row import FieldRow
from kcfield.ui.widgets.money_edit import MoneyEdit
from kcfield.ui.widgets.number_edit import NumberEdit
from kcfield.ui.widgets.parsed_edit import ParsedLineEdit

PARSED_FIELDS = (
    "quantity",
    "unit_price_vnd",
    "own_contribution_vnd",
    "requested_support_vnd",
    "benefit_capacity_pct",
    "benefit_labour_saved",
    "benefit_energy_kwh_per_year",
)


class NeedForm(QWidget):
    """Every box of a need. ``edited`` fires on any change the person makes (and on ``set_need``)."""

    edited = Signal()

    def __init__(self, lang: str = "vi", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._lang = lang
        self._base = EquipmentNeed()
        self._exclusions: list[Exclusion] = []
        self.rows: dict[str, FieldRow] = {}

        self.equipment_name = QLineEdit()
        self.specification = QPlainTextEdit()
        self.specification.setTabChangesFocus(True)
        self.specification.setFixedHeight(60)
        self.production_stage = QLineEdit()
        self.production_stage.setPlaceholderText(self.tr("Ví dụ: sấy, đóng gói, xay xát…"))
        self.purposes: dict[NeedPurpose, QCheckBox] = {
            NeedPurpose.PRODUCTIVITY: QCheckBox(self.tr("Nâng cao năng suất")),
            NeedPurpose.QUALITY: QCheckBox(self.tr("Nâng cao chất lượng")),
            NeedPurpose.EFFICIENCY: QCheckBox(self.tr("Tiết kiệm nguyên liệu, năng lượng")),
            NeedPurpose.POLLUTION: QCheckBox(self.tr("Giảm ô nhiễm môi trường")),
            NeedPurpose.NEW_PRODUCT: QCheckBox(self.tr("Sản phẩm mới")),
        }
        self.is_new = QCheckBox(self.tr("Máy móc, thiết bị mới (chưa qua sử dụng)"))
        self.is_technology_line = QCheckBox(self.tr("Là dây chuyền công nghệ hoàn chỉnh"))
        self.quantity = NumberEdit(decimals=2, minimum=0, lang=lang)
        self.unit_price_vnd = MoneyEdit(lang=lang)
        self.cost = QLabel()
        self.cost.setObjectName("cost")
        self.own_contribution_vnd = MoneyEdit(lang=lang)
        self.requested_support_vnd = MoneyEdit(lang=lang)
        self.supplier = QLineEdit()
        self.exclusion = QComboBox()
        self.previously_state_funded = QCheckBox(self.tr("Hạng mục này đã được ngân sách nhà nước hỗ trợ trước đây"))
        self.benefit_capacity_pct = NumberEdit(decimals=1, minimum=0, lang=lang)
        self.benefit_labour_saved = NumberEdit(decimals=1, minimum=0, lang=lang)
        self.benefit_energy_kwh_per_year = NumberEdit(decimals=0, minimum=0, lang=lang)
        self.status = QComboBox()
        for status in NeedStatus:
            self.status.addItem(status_text(status), status.value)
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(60)
        self.set_exclusions([])
        self._layout()
        self._connect()

    # --- layout -------------------------------------------------------------------------------------------

    def _row(self, name: str, label: str, editor: QWidget) -> FieldRow:
        row = FieldRow(label, editor)
        self.rows[name] = row
        return row

    def _layout(self) -> None:
        what = QGroupBox(self.tr("Máy móc, thiết bị"))
        grid = QGridLayout(what)
        grid.addWidget(self._row("equipment_name", self.tr("&Tên máy móc, thiết bị"), self.equipment_name), 0, 0, 1, 2)
        grid.addWidget(self._row("specification", self.tr("Thông số kỹ thuật"), self.specification), 1, 0, 1, 2)
        grid.addWidget(self._row("production_stage", self.tr("Công đoạn sản xuất"), self.production_stage), 2, 0)
        grid.addWidget(self._row("supplier", self.tr("Nhà cung cấp"), self.supplier), 2, 1)
        purposes = QGroupBox(self.tr("Mục đích đầu tư"))
        purpose_layout = QVBoxLayout(purposes)
        for box in self.purposes.values():
            purpose_layout.addWidget(box)
        grid.addWidget(purposes, 3, 0, 1, 2)
        grid.addWidget(self.is_new, 4, 0)
        grid.addWidget(self.is_technology_line, 4, 1)

        money = QGroupBox(self.tr("Chi phí và đề nghị hỗ trợ"))
        money_grid = QGridLayout(money)
        money_grid.addWidget(self._row("quantity", self.tr("Số lượng"), self.quantity), 0, 0)
        money_grid.addWidget(self._row("unit_price_vnd", self.tr("Đơn giá (đồng)"), self.unit_price_vnd), 0, 1)
        money_grid.addWidget(self._row("cost_vnd", self.tr("Thành tiền (số lượng × đơn giá)"), self.cost), 0, 2)
        own = self._row("own_contribution_vnd", self.tr("Vốn đối ứng của cơ sở (đồng)"), self.own_contribution_vnd)
        money_grid.addWidget(own, 1, 0)
        requested = self._row("requested_support_vnd", self.tr("Đề nghị hỗ trợ (đồng)"), self.requested_support_vnd)
        money_grid.addWidget(requested, 1, 1)

        rules = QGroupBox(self.tr("Điều kiện hỗ trợ"))
        rules_layout = QVBoxLayout(rules)
        rules_layout.addWidget(self._row("exclusion_code", self.tr("Trường hợp loại trừ"), self.exclusion))
        rules_layout.addWidget(self.previously_state_funded)

        benefits = QGroupBox(self.tr("Hiệu quả dự kiến"))
        benefit_grid = QGridLayout(benefits)
        capacity = self._row("benefit_capacity_pct", self.tr("Tăng công suất (%)"), self.benefit_capacity_pct)
        labour = self._row("benefit_labour_saved", self.tr("Lao động tiết kiệm (người)"), self.benefit_labour_saved)
        energy = self._row(
            "benefit_energy_kwh_per_year", self.tr("Điện tiết kiệm (kWh/năm)"), self.benefit_energy_kwh_per_year
        )
        for column, row in enumerate((capacity, labour, energy)):
            benefit_grid.addWidget(row, 0, column)

        other = QFormLayout()
        other.addRow(self._row("status", self.tr("Trạng thái"), self.status))
        other.addRow(self._row("notes", self.tr("Ghi chú"), self.notes))

        layout = QVBoxLayout(self)
        for group in (what, money, rules, benefits):
            layout.addWidget(group)
        layout.addLayout(other)
        layout.addStretch(1)

    def _connect(self) -> None:
        for line in (self.equipment_name, self.production_stage, self.supplier):
            line.textChanged.connect(self._changed)
        for text in (self.specification, self.notes):
            text.textChanged.connect(self._changed)
        for box in (*self.purposes.values(), self.is_new, self.is_technology_line, self.previously_state_funded):
            box.toggled.connect(self._changed)
        for name in PARSED_FIELDS:
            self.parsed(name).textChanged.connect(self._changed)
        for combo in (self.exclusion, self.status):
            combo.currentIndexChanged.connect(self._changed)

    def _changed(self, *_args: Any) -> None:
        self._show_cost()
        self.edited.emit()

    # --- values -------------------------------------------------------------------------------------------

    def parsed(self, name: str) -> ParsedLineEdit:
        widget = getattr(self, name)
        assert isinstance(widget, ParsedLineEdit)
        return widget

    def set_exclusions(self, exclusions: list[Exclusion], keep: str | None = None) -> None:
        """Offer "none" and ``exclusions`` (of the rule set in force) with ``keep`` chosen (None: the current
        choice); a code outside them stays offered as it is."""
        self._exclusions = list(exclusions)
        current = keep if keep is not None else str(self.exclusion.currentData() or "")
        self.exclusion.blockSignals(True)
        self.exclusion.clear()
        self.exclusion.addItem(self.tr("Không thuộc diện loại trừ"), "")
        for exclusion in exclusions:
            name = exclusion.name_vi if self._lang == "vi" else exclusion.name_en
            self.exclusion.addItem(name, exclusion.code)
            self.exclusion.setItemData(self.exclusion.count() - 1, exclusion.legal_basis, Qt.ItemDataRole.ToolTipRole)
        if current and self.exclusion.findData(current) < 0:
            self.exclusion.addItem(current, current)
        self.exclusion.setCurrentIndex(max(self.exclusion.findData(current), 0))
        self.exclusion.blockSignals(False)

    def need(self) -> EquipmentNeed:
        """The need as typed (unreadable numbers read as 0 / None; the editor blocks saving those)."""
        quantity = self.quantity.value()
        return dataclasses.replace(
            self._base,
            equipment_name=self.equipment_name.text(),
            specification=self.specification.toPlainText(),
            production_stage=self.production_stage.text(),
            purposes=frozenset(p for p, box in self.purposes.items() if box.isChecked()),
            is_new=self.is_new.isChecked(),
            is_technology_line=self.is_technology_line.isChecked(),
            quantity=float(quantity) if quantity is not None else 0.0,
            unit_price_vnd=self.unit_price_vnd.value() or 0,
            own_contribution_vnd=self.own_contribution_vnd.value() or 0,
            requested_support_vnd=self.requested_support_vnd.value() or 0,
            supplier=self.supplier.text(),
            exclusion_code=str(self.exclusion.currentData() or ""),
            previously_state_funded=self.previously_state_funded.isChecked(),
            benefit_capacity_pct=_float(self.benefit_capacity_pct.value()),
            benefit_labour_saved=_float(self.benefit_labour_saved.value()),
            benefit_energy_kwh_per_year=_float(self.benefit_energy_kwh_per_year.value()),
            status=NeedStatus(self.status.currentData()),
            notes=self.notes.toPlainText(),
        )

    def set_need(self, need: EquipmentNeed) -> None:
        self._base = need
        self.blockSignals(True)
        self.equipment_name.setText(need.equipment_name)
        self.specification.setPlainText(need.specification)
        self.production_stage.setText(need.production_stage)
        for purpose, box in self.purposes.items():
            box.setChecked(purpose in need.purposes)
        self.is_new.setChecked(need.is_new)
        self.is_technology_line.setChecked(need.is_technology_line)
        self.quantity.setValue(need.quantity)
        # 0 đồng shows as an empty box (read back as 0): the person types a figure without deleting a "0" first
        self.unit_price_vnd.setValue(need.unit_price_vnd or None)
        self.own_contribution_vnd.setValue(need.own_contribution_vnd or None)
        self.requested_support_vnd.setValue(need.requested_support_vnd or None)
        self.supplier.setText(need.supplier)
        self.set_exclusions(self._exclusions, keep=need.exclusion_code)
        self.previously_state_funded.setChecked(need.previously_state_funded)
        self.benefit_capacity_pct.setValue(need.benefit_capacity_pct)
        self.benefit_labour_saved.setValue(need.benefit_labour_saved)
        self.benefit_energy_kwh_per_year.setValue(need.benefit_energy_kwh_per_year)
        # Only the statuses the workflow allows from the saved one (kcfield.domain.need_status).
        self.status.blockSignals(True)
        self.status.clear()
        for status in allowed_statuses(need.status) if need.id is not None else [NeedStatus.PROPOSED]:
            self.status.addItem(status_text(status), status.value)
        self.status.blockSignals(False)
        self.status.setCurrentIndex(max(self.status.findData(need.status.value), 0))
        self.notes.setPlainText(need.notes)
        self.blockSignals(False)
        self._changed()

    def raw_texts(self) -> dict[str, str]:
        """The text of every number box that cannot be read, so a draft keeps exactly what was typed."""
        return {n: self.parsed(n).text() for n in PARSED_FIELDS if not self.parsed(n).is_valid()}

    def set_raw_texts(self, texts: dict[str, Any]) -> None:
        for name, text in texts.items():
            if name in PARSED_FIELDS and isinstance(text, str):
                self.parsed(name).setText(text)

    def state(self) -> tuple[EquipmentNeed, tuple[tuple[str, str], ...]]:
        """What the person sees, for telling whether anything changed."""
        return self.need(), tuple(sorted(self.raw_texts().items()))

    def _show_cost(self) -> None:
        if self.quantity.is_valid() and self.unit_price_vnd.is_valid():
            self.cost.setText(format_vnd(self.need().cost_vnd, self._lang))
        else:
            self.cost.setText("—")


def _float(value: float | int | None) -> float | None:
    return None if value is None else float(value)
