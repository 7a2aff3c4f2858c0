"""The establishment profile as six tabs of labelled fields (DESIGN.md §3), and nothing else.

:class:`EstablishmentForm` knows how to show an :class:`Establishment` and read one back; it does no I/O and
no validation. Every field sits in a :class:`FieldRow` (label, box, message line) so the editor can put a
Vietnamese message beside the right box. Widgets are created in reading order, row by row, which is also the
Tab order.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any, cast

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QSpinBox,
    QTabWidget,
    QWidget,
)

from kcfield.domain import messages
from kcfield.domain.enums import EstablishmentKind, SectorGroup
from kcfield.domain.identifiers import parse_tax_code
from kcfield.domain.model import Establishment, editable_field_names
from kcfield.domain.text import sort_key
from kcfield.services.reference import ReferenceService
from kcfield.ui.registry import editor_choices as choices
from kcfield.ui.registry.editor_inputs import Binding, ChoiceCombo, MaskedEdit, TaxCodeEdit, YearEdit
from kcfield.ui.widgets.date_edit import DateEdit
from kcfield.ui.widgets.field_row import FieldRow
from kcfield.ui.widgets.money_edit import MoneyEdit
from kcfield.ui.widgets.number_edit import NumberEdit
from kcfield.ui.widgets.parsed_edit import ParsedLineEdit

DEFAULT_PROVINCE = 79  # Thành phố Hồ Chí Minh, where the first collaborators work
#: Problems about a field that has no box of its own are shown at the box that decides it.
FIELD_ALIASES = {"tax_code_kind": "tax_code", "vsic_version": "vsic_code", "position_time": "latitude"}
#: Fields kept from the record as they are: no box edits them here.
_KEPT = frozenset({"tax_code_kind", "vsic_version", "position_time"})


class EstablishmentForm(QTabWidget):
    edited = Signal()  # the person changed something (never emitted while the form is being filled)

    def __init__(self, reference: ReferenceService, lang: str = "vi", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ref = reference
        self._lang = lang
        self._loading = 0
        self.bindings: dict[str, Binding] = {}
        self._tab_of: dict[str, int] = {}
        self._grid: QGridLayout | None = None
        self._cell = 0
        self._base = Establishment()
        self.tab_titles: list[str] = []
        self._build()

    # --- reading and writing ------------------------------------------------------------------------------

    def establishment(self) -> Establishment:
        """The record as the boxes show it, on top of the one last given to :meth:`set_establishment` (its id,
        sync metadata and the fields no box edits)."""
        values = {name: binding.get() for name, binding in self.bindings.items()}
        if not self.legal_form.isEnabled():
            values["legal_form"] = None  # only an enterprise has one; the choice stays in the box if kind returns
        version, _, code = (self.vsic.value() or "").partition(":")
        values["vsic_code"], values["vsic_version"] = code, version
        tax = parse_tax_code(values["tax_code"]) if values["tax_code"].strip() else None
        values["tax_code_kind"] = tax.kind if tax is not None else None
        return dataclasses.replace(self._base, **values)

    def set_establishment(self, est: Establishment) -> None:
        self._loading += 1
        try:
            self._base = est
            self.set_value("province_code", est.province_code)
            self._refill_communes()
            for name, binding in self.bindings.items():
                if name == "vsic_code":
                    binding.set(f"{est.vsic_version or '2018'}:{est.vsic_code}" if est.vsic_code else None)
                elif name != "province_code":
                    binding.set(getattr(est, name))
            self._kind_changed()
            self._support_changed()
        finally:
            self._loading -= 1

    def set_base(self, est: Establishment) -> None:
        """Take ``est``'s id, sync metadata and unedited fields as the base, leaving the boxes as they are
        (after a save: the next save is an update of that record)."""
        self._base = est

    def set_value(self, name: str, value: Any) -> None:
        self._loading += 1
        try:
            self.bindings[name].set(value)
        finally:
            self._loading -= 1

    def state(self) -> dict[str, Any]:
        """What the boxes hold, comparable between two moments (see :meth:`Binding.state`)."""
        return {name: binding.state() for name, binding in self.bindings.items()}

    def input_problems(self) -> list[tuple[str, str]]:
        """(field, message) for each box whose text cannot be read as its kind of value."""
        found = []
        for name, binding in self.bindings.items():
            editor = binding.editor
            if isinstance(editor, ParsedLineEdit) and not editor.is_valid():
                found.append((name, editor.error_text() or ""))
        return found

    def raw_texts(self) -> dict[str, str]:
        """The text of each box that cannot be read, for a draft (the value alone would lose it)."""
        return {name: cast(ParsedLineEdit, self.bindings[name].editor).text() for name, _ in self.input_problems()}

    def set_raw_texts(self, texts: dict[str, str]) -> None:
        self._loading += 1
        try:
            for name, text in texts.items():
                editor = self.bindings[name].editor if name in self.bindings else None
                if isinstance(editor, ParsedLineEdit) and isinstance(text, str):
                    editor.setText(text)
        finally:
            self._loading -= 1

    # --- where things are ---------------------------------------------------------------------------------

    def row(self, field: str) -> FieldRow | None:
        binding = self.bindings.get(FIELD_ALIASES.get(field, field))
        return binding.row if binding else None

    def tab_of(self, field: str) -> int | None:
        return self._tab_of.get(FIELD_ALIASES.get(field, field))

    def focus_field(self, field: str) -> None:
        name = FIELD_ALIASES.get(field, field)
        binding = self.bindings.get(name)
        if binding is None:
            return
        self.setCurrentIndex(self._tab_of[name])
        area = self.currentWidget()
        if isinstance(area, QScrollArea):
            area.ensureWidgetVisible(binding.row)
        binding.editor.setFocus(Qt.FocusReason.OtherFocusReason)

    def focus_first(self) -> None:
        self.focus_field("name")

    # --- building -----------------------------------------------------------------------------------------

    def _build(self) -> None:
        self._tab(self.tr("Định danh"))
        self.name = self._line("name", wide=True, max_length=200, label=self.tr("Tên cơ sở"))
        self.kind = self._combo("kind", [(t, k) for k, t in choices.kinds().items()])
        self.legal_form = self._combo("legal_form", [("—", None), *((t, k) for k, t in choices.legal_forms().items())])
        self.tax_code = TaxCodeEdit(self._describe_tax_kind)
        self._bind("tax_code", self.tax_code, self.tax_code.text, self.tax_code.setText, self.tax_code.textChanged)
        self._line("registration_no", max_length=40)
        self._parsed("registration_date", DateEdit(lang=self._lang))
        year = YearEdit()
        self._bind("year_founded", year, year.value, year.setValue, year.textChanged)

        self._tab(self.tr("Người đại diện"))
        self._line("rep_name", max_length=120)
        self._line("rep_title", max_length=80)
        self._combo("rep_gender", [("—", None), *((t, g) for g, t in choices.genders().items())])
        self._line("rep_phone", max_length=20).setPlaceholderText("0912 345 678")
        self._line("rep_email", max_length=120)
        self.personal_id = MaskedEdit()
        pid = self.personal_id
        self._bind("rep_personal_id", pid, pid.text, pid.setText, pid.textChanged)
        self._check("rep_ethnic_minority")
        self._check("owner_female")
        self._check("owner_ethnic_minority")

        self._tab(self.tr("Địa chỉ và vị trí"))
        self.province = self._combo("province_code", self._province_items())
        self.commune = self._combo("commune_code", [], describe_unknown=self._describe_commune)
        self.province.currentIndexChanged.connect(self._refill_communes)
        self._line("village", max_length=120)
        self._line("street", max_length=200)
        self._text("legacy_address")
        self._line("craft_village_name", max_length=120)
        self._check("craft_village_recognised")
        self._parsed("latitude", NumberEdit(decimals=6, minimum=-90, maximum=90, lang=self._lang))
        self._parsed("longitude", NumberEdit(decimals=6, minimum=-180, maximum=180, lang=self._lang))
        self._parsed("position_accuracy_m", NumberEdit(decimals=1, minimum=0, lang=self._lang))
        self._combo("position_source", [("—", None), *((t, s) for s, t in choices.position_sources().items())])

        self._tab(self.tr("Ngành nghề"))
        self.vsic = self._combo("vsic_code", self._vsic_items(), wide=True, describe_unknown=self._describe_vsic)
        self.sector_group = self._combo("sector_group", self._sector_items(), wide=True)
        self.vsic.currentIndexChanged.connect(self._suggest_sector_group)
        self._text("main_products")
        self._parsed("capacity_design", NumberEdit(decimals=2, minimum=0, lang=self._lang))
        self._parsed("capacity_actual", NumberEdit(decimals=2, minimum=0, lang=self._lang))
        self._line("capacity_unit", max_length=40).setPlaceholderText(self.tr("tấn/năm, sản phẩm/năm…"))
        self._check("supporting_industry_product")

        self._tab(self.tr("Quy mô"))
        for name in ("workers_total", "workers_insured", "workers_female"):
            self._parsed(name, NumberEdit(decimals=0, minimum=0, lang=self._lang))
        self._parsed("revenue_prev_year_vnd", MoneyEdit(lang=self._lang))
        self._parsed("total_capital_vnd", MoneyEdit(lang=self._lang))
        self._parsed("export_share_pct", NumberEdit(decimals=1, minimum=0, maximum=100, lang=self._lang))
        self._parsed("local_material_share_pct", NumberEdit(decimals=1, minimum=0, maximum=100, lang=self._lang))
        self._check("has_export_contract")

        self._tab(self.tr("Chứng nhận và môi trường"))
        stars = QSpinBox()
        stars.setRange(0, 5)
        stars.setSpecialValueText(self.tr("Chưa có"))
        stars.setSuffix(self.tr(" sao"))
        self._bind(
            "ocop_stars", stars, lambda: stars.value() or None, lambda v: stars.setValue(v or 0), stars.valueChanged
        )
        self._combo("typical_product_level", [(t, v) for v, t in choices.product_levels().items()])
        self._check("iso_certified")
        self._check("haccp_certified")
        self._text("other_certifications")
        self._combo("environmental_permit", [(t, v) for v, t in choices.permits().items()], wide=True)
        self._check("applies_cleaner_production")
        self.earlier_support = self._check("earlier_state_support")
        self.earlier_support_note = self._text("earlier_state_support_note")
        self.earlier_support.toggled.connect(self._support_changed)
        self._text("notes")

        self._end_tab()
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self._refill_communes()
        self.set_value("province_code", DEFAULT_PROVINCE)
        self._kind_changed()
        self._support_changed()
        missing = set(editable_field_names(Establishment)) - set(self.bindings) - _KEPT
        assert not missing, f"fields without a box: {sorted(missing)}"

    def _tab(self, title: str) -> None:
        self._end_tab()
        page = QWidget()
        grid = QGridLayout(page)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        grid.setVerticalSpacing(10)
        area = QScrollArea()
        area.setWidgetResizable(True)
        area.setWidget(page)
        area.setFrameShape(QScrollArea.Shape.NoFrame)
        self.addTab(area, title)
        self.tab_titles.append(title)
        self._grid, self._cell = grid, 0

    def _end_tab(self) -> None:
        """Let the space below the last row take any extra height, so rows keep their natural size."""
        if self._grid is not None:
            self._grid.setRowStretch((self._cell + 1) // 2, 1)

    def _bind(
        self,
        name: str,
        editor: QWidget,
        get: Callable[[], Any],
        set_: Callable[[Any], None],
        changed: Any,
        *,
        wide: bool = False,
        label: str | None = None,
    ) -> FieldRow:
        row = FieldRow(messages.field_label(name, self._lang) if label is None else label, editor)
        row.setObjectName(f"row_{name}")
        editor.setObjectName(name)
        editor.setAccessibleName(messages.field_label(name, self._lang))
        assert self._grid is not None
        if wide and self._cell % 2:
            self._cell += 1
        self._grid.addWidget(row, self._cell // 2, self._cell % 2, 1, 2 if wide else 1, Qt.AlignmentFlag.AlignTop)
        self._cell += 2 if wide else 1
        self.bindings[name] = Binding(name, editor, row, get, set_)
        self._tab_of[name] = self.count() - 1
        changed.connect(self._changed)
        return row

    def _line(self, name: str, *, wide: bool = False, max_length: int = 200, label: str | None = None) -> QLineEdit:
        edit = QLineEdit()
        edit.setMaxLength(max_length)
        self._bind(name, edit, edit.text, lambda v: edit.setText(v or ""), edit.textChanged, wide=wide, label=label)
        return edit

    def _text(self, name: str) -> QPlainTextEdit:
        edit = QPlainTextEdit()
        edit.setTabChangesFocus(True)  # Tab moves on, as in every other box of the form
        edit.setMinimumHeight(60)
        edit.setMaximumHeight(90)
        self._bind(name, edit, edit.toPlainText, lambda v: edit.setPlainText(v or ""), edit.textChanged, wide=True)
        return edit

    def _parsed(self, name: str, edit: ParsedLineEdit) -> ParsedLineEdit:
        self._bind(name, edit, edit.value, edit.setValue, edit.textChanged)
        edit.editingFinished.connect(self._changed)  # tidied or flagged: the message line follows
        return edit

    def _check(self, name: str) -> QCheckBox:
        box = QCheckBox(messages.field_label(name, self._lang))
        row = self._bind(name, box, box.isChecked, lambda v: box.setChecked(bool(v)), box.toggled, label="")
        row.label.hide()  # the box carries its own label
        return box

    def _combo(
        self,
        name: str,
        items: list[tuple[str, Any]],
        *,
        wide: bool = False,
        describe_unknown: Callable[[Any], str] = str,
    ) -> ChoiceCombo:
        combo = ChoiceCombo(describe_unknown)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(12)
        combo.set_items(items)
        self._bind(name, combo, combo.value, combo.setValue, combo.currentIndexChanged, wide=wide)
        return combo

    # --- behaviour ----------------------------------------------------------------------------------------

    def _changed(self, *_args: Any) -> None:
        if not self._loading:
            self.edited.emit()

    def _kind_changed(self, *_args: Any) -> None:
        self.legal_form.setEnabled(self.kind.value() is EstablishmentKind.ENTERPRISE)

    def _support_changed(self, *_args: Any) -> None:
        self.earlier_support_note.setEnabled(self.earlier_support.isChecked())

    def _refill_communes(self, *_args: Any) -> None:
        province = self.province.value()
        communes = self._ref.communes_of(province) if province is not None else []
        items = [(c.name, c.code) for c in sorted(communes, key=lambda c: sort_key(c.name))]
        self.commune.set_items([(self.tr("— Chọn xã/phường/đặc khu —"), None), *items])

    def _suggest_sector_group(self, *_args: Any) -> None:
        """A VSIC code implies its sector group; fill it in when the person has not chosen one."""
        version, _, code = (self.vsic.value() or "").partition(":")
        info = self._ref.vsic.get((version, code))
        if info is not None and info.sector_group and self.sector_group.value() is None:
            self.sector_group.setValue(SectorGroup(info.sector_group))

    def _describe_commune(self, code: Any) -> str:
        commune = self._ref.communes.get(code)
        return commune.name if commune is not None else self.tr("Mã xã {code}").format(code=code)

    def _describe_vsic(self, value: Any) -> str:
        version, _, code = str(value).partition(":")
        return self.tr("{code} (VSIC {version}, không có trong danh mục)").format(code=code, version=version)

    def _describe_tax_kind(self, text: str) -> str:
        if not text.strip():
            return ""
        kind = parse_tax_code(text).kind
        return choices.tax_code_kinds()[kind] if kind is not None else self.tr("Chưa nhận ra loại mã")

    # --- choices ------------------------------------------------------------------------------------------

    def _province_items(self) -> list[tuple[str, Any]]:
        provinces = sorted(self._ref.provinces.values(), key=lambda p: sort_key(p.name))
        return [(self.tr("— Chọn tỉnh/thành phố —"), None), *((p.name, p.code) for p in provinces)]

    def _vsic_items(self) -> list[tuple[str, Any]]:
        entries = sorted(self._ref.vsic.values(), key=lambda v: (v.version != "2018", v.version, v.code))
        name = (lambda v: v.name_en) if self._lang == "en" else (lambda v: v.name_vi)
        items = [(f"{v.code} – {name(v)}", f"{v.version}:{v.code}") for v in entries]
        return [(self.tr("— Chọn mã ngành VSIC 2018 —"), None), *items]

    def _sector_items(self) -> list[tuple[str, Any]]:
        return [("—", None), *((f"{g.letter}) {text}", g) for g, text in choices.sector_groups().items())]
