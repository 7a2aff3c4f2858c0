"""Small editable grids of the CP editor (inputs, outputs, options): a few dozen rows at most, so a
QTableWidget with a column spec is enough. Numbers are typed vi style ("1.234,5") and read back with
kcfield.domain.numbers; a cell that cannot be read is marked and reported, never guessed."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kcfield.domain.numbers import format_number, parse_decimal, parse_vnd

BAD_CELL = QColor("#f8d7da")


class Kind(Enum):
    TEXT = "text"
    NUMBER = "number"  # a decimal, may be empty (None)
    MONEY = "money"  # whole đồng, may be empty (None)
    CHOICE = "choice"  # a fixed list of (value, label)
    UNIT = "unit"  # an editable list: the units table, free text kept


@dataclass(frozen=True)
class ColumnSpec:
    key: str
    header: str
    kind: Kind = Kind.TEXT
    choices: tuple[tuple[Any, str], ...] = ()
    width: int = 0


@dataclass(frozen=True)
class BadCell:
    row: int  # 1-based, as shown to people
    header: str
    text: str


def format_decimal(value: float | None) -> str:
    """vi text of a decimal with as many decimals as it needs (up to 4): 150000 -> "150.000", 1.5 -> "1,5"."""
    if value is None:
        return ""
    for decimals in range(5):
        if abs(round(value, decimals) - value) < 1e-9:
            return format_number(value, decimals)
    return format_number(value, 4)


class GridTable(QTableWidget):
    """A grid over dict rows keyed by the column specs."""

    changed = Signal()

    def __init__(self, columns: Sequence[ColumnSpec], parent: QWidget | None = None) -> None:
        super().__init__(0, len(columns), parent)
        self.columns = tuple(columns)
        self.setHorizontalHeaderLabels([c.header for c in self.columns])
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.horizontalHeader().setStretchLastSection(True)
        for index, column in enumerate(self.columns):
            if column.width:
                self.setColumnWidth(index, column.width)
        self.itemChanged.connect(self._on_item_changed)

    def set_choices(self, key: str, choices: Sequence[tuple[Any, str]]) -> None:
        """Replace the list of a CHOICE/UNIT column (reference data arriving late); rows keep their values."""
        rows = self.rows()
        index = self._index(key)
        column = self.columns[index]
        columns = list(self.columns)
        columns[index] = dataclasses.replace(column, choices=tuple(choices))
        self.columns = tuple(columns)
        self.set_rows(rows)

    def add_row(self, values: dict[str, Any] | None = None) -> int:
        row = self.rowCount()
        self.blockSignals(True)
        try:
            self.insertRow(row)
            for index, column in enumerate(self.columns):
                value = (values or {}).get(column.key)
                if column.kind in (Kind.CHOICE, Kind.UNIT):
                    self.setCellWidget(row, index, self._combo(column, value))
                else:
                    self.setItem(row, index, QTableWidgetItem(self._text(column, value)))
        finally:
            self.blockSignals(False)
        self.changed.emit()
        return row

    def remove_selected(self) -> None:
        rows = sorted({i.row() for i in self.selectedIndexes()} | {self.currentRow()} - {-1}, reverse=True)
        for row in rows:
            self.removeRow(row)
        if rows:
            self.changed.emit()

    def set_rows(self, rows: Sequence[dict[str, Any]]) -> None:
        self.blockSignals(True)
        try:
            self.setRowCount(0)
        finally:
            self.blockSignals(False)
        for values in rows:
            self.add_row(values)
        self.changed.emit()

    def set_text(self, row: int, key: str, text: str) -> None:
        """Type into a text/number cell (tests, paste)."""
        item = self.item(row, self._index(key))
        assert item is not None
        item.setText(text)

    def set_value(self, row: int, key: str, value: Any) -> None:
        index = self._index(key)
        column = self.columns[index]
        if column.kind in (Kind.CHOICE, Kind.UNIT):
            combo = self.cellWidget(row, index)
            assert isinstance(combo, QComboBox)
            found = combo.findData(value)
            if found < 0:
                combo.addItem(str(value), value)
                found = combo.count() - 1
            combo.setCurrentIndex(found)
        else:
            self.set_text(row, key, self._text(column, value))

    def rows(self) -> list[dict[str, Any]]:
        """The rows as typed; unreadable numbers come back as None (see :meth:`bad_cells`)."""
        return [{c.key: self._read(r, i)[0] for i, c in enumerate(self.columns)} for r in range(self.rowCount())]

    def bad_cells(self) -> list[BadCell]:
        bad: list[BadCell] = []
        for r in range(self.rowCount()):
            for i, column in enumerate(self.columns):
                ok = self._read(r, i)[1]
                item = self.item(r, i)
                if item is not None and column.kind in (Kind.NUMBER, Kind.MONEY):
                    item.setBackground(QBrush() if ok else QBrush(BAD_CELL))
                if not ok and item is not None:
                    bad.append(BadCell(r + 1, column.header, item.text()))
        return bad

    # --- cells ------------------------------------------------------------------------------------------

    def _index(self, key: str) -> int:
        return next(i for i, c in enumerate(self.columns) if c.key == key)

    def _combo(self, column: ColumnSpec, value: Any) -> QComboBox:
        combo = QComboBox()
        combo.setEditable(column.kind is Kind.UNIT)
        if column.kind is Kind.UNIT or value in (None, ""):
            combo.addItem("", "")
        for data, label in column.choices:
            combo.addItem(label, data)
        if value not in (None, ""):
            found = combo.findData(value)
            if found < 0:  # a value the list does not offer is kept, not dropped
                combo.addItem(str(value), value)
                found = combo.count() - 1
            combo.setCurrentIndex(found)
        combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
        combo.editTextChanged.connect(lambda _t: self.changed.emit())
        return combo

    @staticmethod
    def _text(column: ColumnSpec, value: Any) -> str:
        if value is None:
            return ""
        if column.kind is Kind.NUMBER:
            return format_decimal(float(value))
        if column.kind is Kind.MONEY:
            return format_number(int(value))
        return str(value)

    def _read(self, row: int, index: int) -> tuple[Any, bool]:
        column = self.columns[index]
        if column.kind in (Kind.CHOICE, Kind.UNIT):
            combo = self.cellWidget(row, index)
            if not isinstance(combo, QComboBox):
                return None, True
            if column.kind is Kind.UNIT:
                data = combo.currentData()
                text = combo.currentText().strip()
                return (data if data and combo.itemText(combo.currentIndex()) == text else text), True
            return combo.currentData(), True
        item = self.item(row, index)
        text = item.text().strip() if item is not None else ""
        if column.kind is Kind.TEXT:
            return text, True
        if not text:
            return None, True
        try:
            return (parse_decimal(text) if column.kind is Kind.NUMBER else parse_vnd(text)), True
        except ValueError:
            return None, False

    def _on_item_changed(self, _item: QTableWidgetItem) -> None:
        self.changed.emit()


class GridPanel(QWidget):
    """A grid with "Thêm dòng" / "Xoá dòng" buttons."""

    def __init__(self, columns: Sequence[ColumnSpec], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = GridTable(columns, self)
        self.add_button = QPushButton(QCoreApplication.translate("CPGrid", "Thêm dòng"), self)
        self.remove_button = QPushButton(QCoreApplication.translate("CPGrid", "Xoá dòng"), self)
        self.add_button.clicked.connect(self._add)
        self.remove_button.clicked.connect(self.table.remove_selected)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(buttons)

    def _add(self) -> None:
        row = self.table.add_row()
        self.table.setCurrentCell(row, 0)
