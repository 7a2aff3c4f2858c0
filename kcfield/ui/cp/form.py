"""The tabs of the CP editor and the mapping between them and a CPAssessment (no I/O here)."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QLineEdit, QPlainTextEdit, QTabWidget, QWidget

from kcfield.domain.enums import CPInputCategory, CPKind, CPOutputCategory, OptionScreening, OptionStatus
from kcfield.domain.model import CPAssessment, CPInput, CPOption, CPOutput
from kcfield.services.assessments import ChecklistItem, OptionCategory
from kcfield.ui.cp.checklist import ChecklistView
from kcfield.ui.cp.facts import FactsView
from kcfield.ui.cp.tables import BadCell, ColumnSpec, GridPanel, Kind
from kcfield.ui.widgets.date_edit import DateEdit
from kcfield.ui.widgets.number_edit import NumberEdit


def input_columns() -> list[ColumnSpec]:
    categories = (
        (CPInputCategory.MATERIAL, QCoreApplication.translate("CPEditor", "Nguyên liệu")),
        (CPInputCategory.ENERGY, QCoreApplication.translate("CPEditor", "Năng lượng")),
        (CPInputCategory.WATER, QCoreApplication.translate("CPEditor", "Nước")),
        (CPInputCategory.CHEMICAL, QCoreApplication.translate("CPEditor", "Hoá chất")),
    )
    return [
        ColumnSpec("category", QCoreApplication.translate("CPEditor", "Loại"), Kind.CHOICE, categories, 110),
        ColumnSpec("name", QCoreApplication.translate("CPEditor", "Tên"), Kind.TEXT, width=180),
        ColumnSpec("quantity", QCoreApplication.translate("CPEditor", "Số lượng"), Kind.NUMBER, width=100),
        ColumnSpec("unit", QCoreApplication.translate("CPEditor", "Đơn vị"), Kind.UNIT, width=80),
        ColumnSpec("unit_price_vnd", QCoreApplication.translate("CPEditor", "Đơn giá (đồng)"), Kind.MONEY, width=110),
        ColumnSpec("carrier_code", QCoreApplication.translate("CPEditor", "Loại năng lượng"), Kind.UNIT, width=140),
    ]


def output_columns() -> list[ColumnSpec]:
    categories = (
        (CPOutputCategory.PRODUCT, QCoreApplication.translate("CPEditor", "Sản phẩm")),
        (CPOutputCategory.BY_PRODUCT, QCoreApplication.translate("CPEditor", "Phụ phẩm")),
        (CPOutputCategory.WASTEWATER, QCoreApplication.translate("CPEditor", "Nước thải")),
        (CPOutputCategory.SOLID_WASTE, QCoreApplication.translate("CPEditor", "Chất thải rắn")),
        (CPOutputCategory.EMISSION, QCoreApplication.translate("CPEditor", "Khí thải")),
    )
    return [
        ColumnSpec("category", QCoreApplication.translate("CPEditor", "Loại"), Kind.CHOICE, categories, 120),
        ColumnSpec("name", QCoreApplication.translate("CPEditor", "Tên"), Kind.TEXT, width=180),
        ColumnSpec("quantity", QCoreApplication.translate("CPEditor", "Số lượng"), Kind.NUMBER, width=100),
        ColumnSpec("unit", QCoreApplication.translate("CPEditor", "Đơn vị"), Kind.UNIT, width=80),
        ColumnSpec("destination", QCoreApplication.translate("CPEditor", "Nơi thải / sử dụng"), Kind.TEXT),
    ]


def option_columns() -> list[ColumnSpec]:
    screening = (
        (OptionScreening.NOW, QCoreApplication.translate("CPEditor", "Làm ngay")),
        (OptionScreening.STUDY, QCoreApplication.translate("CPEditor", "Nghiên cứu thêm")),
        (OptionScreening.REJECT, QCoreApplication.translate("CPEditor", "Loại bỏ")),
    )
    status = (
        (OptionStatus.PROPOSED, QCoreApplication.translate("CPEditor", "Đề xuất")),
        (OptionStatus.IMPLEMENTING, QCoreApplication.translate("CPEditor", "Đang thực hiện")),
        (OptionStatus.IMPLEMENTED, QCoreApplication.translate("CPEditor", "Đã thực hiện")),
        (OptionStatus.DROPPED, QCoreApplication.translate("CPEditor", "Không thực hiện")),
    )
    return [
        ColumnSpec("category", QCoreApplication.translate("CPEditor", "Nhóm giải pháp"), Kind.CHOICE, (), 160),
        ColumnSpec("description", QCoreApplication.translate("CPEditor", "Mô tả"), Kind.TEXT, width=200),
        ColumnSpec("investment_vnd", QCoreApplication.translate("CPEditor", "Đầu tư (đồng)"), Kind.MONEY, width=110),
        ColumnSpec(
            "annual_savings_vnd", QCoreApplication.translate("CPEditor", "Tiết kiệm/năm (đồng)"), Kind.MONEY, width=120
        ),
        ColumnSpec(
            "added_operating_cost_vnd",
            QCoreApplication.translate("CPEditor", "Chi phí tăng thêm/năm (đồng)"),
            Kind.MONEY,
            width=120,
        ),
        ColumnSpec(
            "resource_saved_quantity",
            QCoreApplication.translate("CPEditor", "Lượng tiết kiệm/năm"),
            Kind.NUMBER,
            width=100,
        ),
        ColumnSpec("resource_saved_unit", QCoreApplication.translate("CPEditor", "Đơn vị"), Kind.UNIT, width=80),
        ColumnSpec(
            "resource_saved_carrier", QCoreApplication.translate("CPEditor", "Loại năng lượng"), Kind.UNIT, width=120
        ),
        ColumnSpec("screening", QCoreApplication.translate("CPEditor", "Sàng lọc"), Kind.CHOICE, screening, 120),
        ColumnSpec("status", QCoreApplication.translate("CPEditor", "Trạng thái"), Kind.CHOICE, status, 120),
    ]


class CPForm(QTabWidget):
    changed = Signal()

    def __init__(self, lang: str = "vi", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._lang = lang
        self._base = CPAssessment()
        self._row_ids: dict[str, list[Any]] = {}
        general = QWidget()
        form = QFormLayout(general)
        self.kind = QComboBox()
        self.kind.addItem(QCoreApplication.translate("CPEditor", "Đánh giá nhanh"), CPKind.QUICK)
        self.kind.addItem(QCoreApplication.translate("CPEditor", "Đánh giá chi tiết"), CPKind.DETAILED)
        self.period_start = DateEdit(lang=lang)
        self.period_end = DateEdit(lang=lang)
        self.focus_step = QLineEdit()
        self.product_name = QLineEdit()
        self.output_quantity = NumberEdit(decimals=3, minimum=0, lang=lang)
        self.output_unit = QComboBox()
        self.output_unit.setEditable(True)
        self.notes = QPlainTextEdit()
        form.addRow(QCoreApplication.translate("CPEditor", "Loại đánh giá"), self.kind)
        form.addRow(QCoreApplication.translate("CPEditor", "Từ ngày"), self.period_start)
        form.addRow(QCoreApplication.translate("CPEditor", "Đến ngày"), self.period_end)
        form.addRow(QCoreApplication.translate("CPEditor", "Công đoạn trọng tâm"), self.focus_step)
        form.addRow(QCoreApplication.translate("CPEditor", "Sản phẩm"), self.product_name)
        form.addRow(QCoreApplication.translate("CPEditor", "Sản lượng trong kỳ"), self.output_quantity)
        form.addRow(QCoreApplication.translate("CPEditor", "Đơn vị sản lượng"), self.output_unit)
        form.addRow(QCoreApplication.translate("CPEditor", "Ghi chú"), self.notes)
        self.inputs = GridPanel(input_columns())
        self.outputs = GridPanel(output_columns())
        self.checklist = ChecklistView(lang)
        self.options = GridPanel(option_columns())
        self.facts = FactsView(lang)
        self.addTab(general, QCoreApplication.translate("CPEditor", "Chung"))
        self.addTab(self.inputs, QCoreApplication.translate("CPEditor", "Đầu vào"))
        self.addTab(self.outputs, QCoreApplication.translate("CPEditor", "Đầu ra và chất thải"))
        self.addTab(self.checklist, QCoreApplication.translate("CPEditor", "Kiểm tra nhanh"))
        self.addTab(self.options, QCoreApplication.translate("CPEditor", "Giải pháp"))
        self.addTab(self.facts, QCoreApplication.translate("CPEditor", "Chỉ số"))
        for signal in (
            self.kind.currentIndexChanged,
            self.period_start.textChanged,
            self.period_end.textChanged,
            self.focus_step.textChanged,
            self.product_name.textChanged,
            self.output_quantity.textChanged,
            self.output_unit.editTextChanged,
            self.notes.textChanged,
            self.inputs.table.changed,
            self.outputs.table.changed,
            self.checklist.changed,
            self.options.table.changed,
        ):
            signal.connect(lambda *_a: self.changed.emit())

    # --- reference data ---------------------------------------------------------------------------------

    def set_reference(
        self,
        units: Sequence[str],
        carriers: Sequence[str],
        checklist: Sequence[ChecklistItem],
        categories: Sequence[OptionCategory],
    ) -> None:
        unit_choices = [(u, u) for u in units]
        carrier_choices = [(c, c) for c in carriers]
        current = self.output_unit.currentText()
        self.output_unit.blockSignals(True)
        self.output_unit.clear()
        self.output_unit.addItems(["", *units])
        self.output_unit.setCurrentText(current)
        self.output_unit.blockSignals(False)
        self.inputs.table.set_choices("unit", unit_choices)
        self.inputs.table.set_choices("carrier_code", carrier_choices)
        self.outputs.table.set_choices("unit", unit_choices)
        self.options.table.set_choices("resource_saved_unit", unit_choices)
        self.options.table.set_choices("resource_saved_carrier", carrier_choices)
        self.options.table.set_choices(
            "category", [(c.number, f"{c.number}. {c.name(self._lang)}") for c in categories]
        )
        self.checklist.set_items(checklist)

    # --- record <-> form --------------------------------------------------------------------------------

    def set_assessment(self, a: CPAssessment) -> None:
        self._base = a
        self.kind.setCurrentIndex(max(0, self.kind.findData(a.kind)))
        self.period_start.setValue(a.period_start)
        self.period_end.setValue(a.period_end)
        self.focus_step.setText(a.focus_step)
        self.product_name.setText(a.product_name)
        self.output_quantity.setValue(a.output_quantity)
        self.output_unit.setCurrentText(a.output_unit)
        self.notes.setPlainText(a.notes)
        self.inputs.table.set_rows([dataclasses.asdict(i) for i in a.inputs])
        self.outputs.table.set_rows([dataclasses.asdict(o) for o in a.outputs])
        self.options.table.set_rows([dataclasses.asdict(o) for o in a.options])
        self.checklist.set_entries(a.checklist)
        self._row_ids = {
            "inputs": [i.id for i in a.inputs],
            "outputs": [o.id for o in a.outputs],
            "options": [o.id for o in a.options],
        }

    def assessment(self) -> CPAssessment:
        """The assessment as typed (unreadable numbers as None / 0; see :meth:`bad_inputs`)."""
        inputs = tuple(
            CPInput(
                category=CPInputCategory(r["category"] or CPInputCategory.MATERIAL),
                name=r["name"],
                quantity=r["quantity"] or 0.0,
                unit=r["unit"] or "",
                unit_price_vnd=r["unit_price_vnd"],
                carrier_code=r["carrier_code"] or "",
            )
            for r in self.inputs.table.rows()
        )
        outputs = tuple(
            CPOutput(
                category=CPOutputCategory(r["category"] or CPOutputCategory.PRODUCT),
                name=r["name"],
                quantity=r["quantity"] or 0.0,
                unit=r["unit"] or "",
                destination=r["destination"],
            )
            for r in self.outputs.table.rows()
        )
        options = tuple(_option(r) for r in self.options.table.rows())
        return dataclasses.replace(
            self._base,
            kind=CPKind(self.kind.currentData()),
            period_start=self.period_start.value(),
            period_end=self.period_end.value(),
            focus_step=self.focus_step.text().strip(),
            product_name=self.product_name.text().strip(),
            output_quantity=self.output_quantity.value(),
            output_unit=self.output_unit.currentText().strip(),
            notes=self.notes.toPlainText().strip(),
            inputs=_keep_ids(inputs, self._row_ids.get("inputs", [])),
            outputs=_keep_ids(outputs, self._row_ids.get("outputs", [])),
            checklist=tuple(self.checklist.entries()),
            options=_keep_ids(options, self._row_ids.get("options", [])),
        )

    def bad_inputs(self) -> list[tuple[str, BadCell | None]]:
        """(tab title, cell) of each box that cannot be read; cell None for the boxes of the general tab."""
        bad: list[tuple[str, BadCell | None]] = []
        for edit in (self.period_start, self.period_end, self.output_quantity):
            if not edit.is_valid():
                bad.append((QCoreApplication.translate("CPEditor", "Chung"), None))
        panels = (
            (QCoreApplication.translate("CPEditor", "Đầu vào"), self.inputs),
            (QCoreApplication.translate("CPEditor", "Đầu ra và chất thải"), self.outputs),
            (QCoreApplication.translate("CPEditor", "Giải pháp"), self.options),
        )
        for title, panel in panels:
            bad.extend((title, cell) for cell in panel.table.bad_cells())
        return bad


def _option(r: dict[str, Any]) -> CPOption:
    category = r["category"]
    return CPOption(
        category=int(category) if category not in (None, "") else 0,
        description=r["description"],
        investment_vnd=r["investment_vnd"] or 0,
        annual_savings_vnd=r["annual_savings_vnd"] or 0,
        added_operating_cost_vnd=r["added_operating_cost_vnd"] or 0,
        resource_saved_quantity=r["resource_saved_quantity"],
        resource_saved_unit=r["resource_saved_unit"] or "",
        resource_saved_carrier=r["resource_saved_carrier"] or "",
        screening=OptionScreening(r["screening"] or OptionScreening.STUDY),
        status=OptionStatus(r["status"] or OptionStatus.PROPOSED),
    )


def _keep_ids(rows: tuple[Any, ...], ids: list[Any]) -> tuple[Any, ...]:
    """Rows keep the ids they were loaded with, by position (rows are re-written whole on save)."""
    return tuple(dataclasses.replace(r, id=ids[i]) if i < len(ids) else r for i, r in enumerate(rows))
