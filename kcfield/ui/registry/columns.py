"""What each column of the registry list shows, and the words for the closed vocabularies in it.

Texts are Vietnamese source strings marked with ``QT_TRANSLATE_NOOP`` (so ``pyside6-lupdate`` collects them)
and translated when shown, never at import: a language switch must reach a table that is already open.

The list shows personal data masked (:mod:`kcfield.domain.personal`): the phone as "091*****78", a household's
12-digit tax code (its owner's personal ID) as "079*******34". The establishment's own editor shows the real
values, and the search box still finds a full number typed in.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import IntEnum

from PySide6.QtCore import QCoreApplication

from kcfield.domain.enums import EstablishmentKind, SectorGroup, SizeClass
from kcfield.domain.personal import mask_phone, mask_tax_code
from kcfield.services.context import VIETNAM_TZ
from kcfield.services.registry import Eligibility, EstablishmentListItem, SortColumn

CONTEXT = "RegistryModel"  # spelt out in every QT_TRANSLATE_NOOP below: lupdate reads only literal contexts


def QT_TRANSLATE_NOOP(context: str, source: str) -> str:  # noqa: N802 - the name pyside6-lupdate looks for
    """Marks ``source`` for translation in ``context`` and returns it untranslated (typed, unlike Qt's own)."""
    return source


def tr(source: str) -> str:
    return QCoreApplication.translate(CONTEXT, source)


class Column(IntEnum):
    NAME = 0
    TAX_CODE = 1
    REP_NAME = 2
    REP_PHONE = 3
    VILLAGE = 4
    COMMUNE = 5
    KIND = 6
    SECTOR_GROUP = 7
    SIZE_CLASS = 8
    ELIGIBLE = 9
    CHANGED = 10
    UPDATED = 11


@dataclass(frozen=True)
class ColumnSpec:
    key: str  # stable name, stored in the registry_columns preference
    header: str  # Vietnamese source text
    sort: SortColumn | None  # None: the column cannot be sorted on
    tooltip: str = ""
    width: int = 110  # first-show width in pixels; the user may resize


COLUMNS: dict[Column, ColumnSpec] = {
    Column.NAME: ColumnSpec("name", QT_TRANSLATE_NOOP("RegistryModel", "Tên cơ sở"), SortColumn.NAME, width=300),
    Column.TAX_CODE: ColumnSpec("tax_code", QT_TRANSLATE_NOOP("RegistryModel", "Mã số thuế"), SortColumn.TAX_CODE),
    Column.REP_NAME: ColumnSpec(
        "rep_name", QT_TRANSLATE_NOOP("RegistryModel", "Người đại diện"), SortColumn.REP_NAME, width=170
    ),
    Column.REP_PHONE: ColumnSpec("rep_phone", QT_TRANSLATE_NOOP("RegistryModel", "Điện thoại"), SortColumn.REP_PHONE),
    Column.VILLAGE: ColumnSpec("village", QT_TRANSLATE_NOOP("RegistryModel", "Thôn/ấp"), SortColumn.VILLAGE, width=130),
    Column.COMMUNE: ColumnSpec(
        "commune", QT_TRANSLATE_NOOP("RegistryModel", "Xã/phường"), SortColumn.COMMUNE, width=150
    ),
    Column.KIND: ColumnSpec("kind", QT_TRANSLATE_NOOP("RegistryModel", "Loại hình"), SortColumn.KIND),
    Column.SECTOR_GROUP: ColumnSpec(
        "sector_group",
        QT_TRANSLATE_NOOP("RegistryModel", "Nhóm ngành"),
        SortColumn.SECTOR_GROUP,
        QT_TRANSLATE_NOOP("RegistryModel", "Nhóm ngành nghề được hỗ trợ (Nghị định 45/2012/NĐ-CP, Điều 5)"),
        width=80,
    ),
    Column.SIZE_CLASS: ColumnSpec(
        "size_class", QT_TRANSLATE_NOOP("RegistryModel", "Quy mô"), SortColumn.SIZE_CLASS, width=80
    ),
    Column.ELIGIBLE: ColumnSpec(
        "cnnt_eligible",
        QT_TRANSLATE_NOOP("RegistryModel", "Cơ sở CNNT"),
        SortColumn.ELIGIBLE,
        QT_TRANSLATE_NOOP("RegistryModel", "Có đủ điều kiện là cơ sở công nghiệp nông thôn để được hỗ trợ khuyến công"),
    ),
    Column.CHANGED: ColumnSpec(
        "changed",
        QT_TRANSLATE_NOOP("RegistryModel", "Chưa gửi"),
        None,
        QT_TRANSLATE_NOOP("RegistryModel", "Đã sửa, chưa gửi Trung tâm"),
        width=70,
    ),
    Column.UPDATED: ColumnSpec(
        "updated_at", QT_TRANSLATE_NOOP("RegistryModel", "Cập nhật lúc"), SortColumn.UPDATED, width=125
    ),
}

COLUMN_BY_KEY: dict[str, Column] = {spec.key: column for column, spec in COLUMNS.items()}
COLUMN_BY_SORT: dict[SortColumn, Column] = {spec.sort: column for column, spec in COLUMNS.items() if spec.sort}

CHANGED_MARK = "●"
CHANGED_TIP = COLUMNS[Column.CHANGED].tooltip
NOT_FETCHED = "…"

KIND_LABELS: dict[EstablishmentKind, str] = {
    EstablishmentKind.ENTERPRISE: QT_TRANSLATE_NOOP("RegistryModel", "Doanh nghiệp"),
    EstablishmentKind.COOPERATIVE: QT_TRANSLATE_NOOP("RegistryModel", "Hợp tác xã"),
    EstablishmentKind.COOPERATIVE_GROUP: QT_TRANSLATE_NOOP("RegistryModel", "Tổ hợp tác"),
    EstablishmentKind.HOUSEHOLD: QT_TRANSLATE_NOOP("RegistryModel", "Hộ kinh doanh"),
}

SIZE_LABELS: dict[SizeClass, str] = {
    SizeClass.MICRO: QT_TRANSLATE_NOOP("RegistryModel", "siêu nhỏ"),
    SizeClass.SMALL: QT_TRANSLATE_NOOP("RegistryModel", "nhỏ"),
    SizeClass.MEDIUM: QT_TRANSLATE_NOOP("RegistryModel", "vừa"),
    SizeClass.LARGE: QT_TRANSLATE_NOOP("RegistryModel", "lớn"),
    SizeClass.UNKNOWN: QT_TRANSLATE_NOOP("RegistryModel", "chưa rõ"),
}

ELIGIBILITY_LABELS: dict[Eligibility, str] = {
    Eligibility.YES: QT_TRANSLATE_NOOP("RegistryModel", "Đủ điều kiện"),
    Eligibility.NO: QT_TRANSLATE_NOOP("RegistryModel", "Không"),
    Eligibility.UNKNOWN: QT_TRANSLATE_NOOP("RegistryModel", "Chưa rõ"),
}

# Decree 45/2012/NĐ-CP Art. 5, shortened so a combo box can show them (DOMAIN.md "Eligible sector groups").
SECTOR_DESCRIPTIONS: dict[SectorGroup, str] = {
    SectorGroup.A: QT_TRANSLATE_NOOP("RegistryModel", "Chế biến nông, lâm, thuỷ sản và thực phẩm"),
    SectorGroup.B: QT_TRANSLATE_NOOP("RegistryModel", "Hàng công nghiệp tiêu dùng, xuất khẩu, thay thế hàng nhập khẩu"),
    SectorGroup.C: QT_TRANSLATE_NOOP("RegistryModel", "Hoá chất phục vụ nông nghiệp, nông thôn; vật liệu xây dựng"),
    SectorGroup.D: QT_TRANSLATE_NOOP("RegistryModel", "Cơ khí, lắp ráp, sửa chữa máy móc; điện, điện tử – tin học"),
    SectorGroup.DD: QT_TRANSLATE_NOOP("RegistryModel", "Hàng tiểu thủ công nghiệp"),
    SectorGroup.E: QT_TRANSLATE_NOOP("RegistryModel", "Khai thác, chế biến khoáng sản ở địa bàn khó khăn"),
    SectorGroup.G: QT_TRANSLATE_NOOP("RegistryModel", "Sản xuất sạch hơn; xử lý ô nhiễm môi trường"),
}


def header_text(column: Column) -> str:
    return tr(COLUMNS[column].header)


def header_tooltip(column: Column) -> str:
    spec = COLUMNS[column]
    return tr(spec.tooltip) if spec.tooltip else tr(spec.header)


def format_instant(value: datetime | None) -> str:
    """dd/MM/yyyy HH:mm in Vietnam time, whatever the laptop's own time zone."""
    if value is None:
        return ""
    local = value.astimezone(VIETNAM_TZ)
    return local.strftime("%d/%m/%Y %H:%M")


def display_text(item: EstablishmentListItem, column: Column) -> str:
    """What the cell shows for ``item``."""
    match column:
        case Column.NAME:
            return item.name
        case Column.TAX_CODE:
            return mask_tax_code(item.tax_code)
        case Column.REP_NAME:
            return item.rep_name
        case Column.REP_PHONE:
            return mask_phone(item.rep_phone)
        case Column.VILLAGE:
            return item.village
        case Column.COMMUNE:
            return item.commune_name
        case Column.KIND:
            return tr(KIND_LABELS[item.kind])
        case Column.SECTOR_GROUP:
            return item.sector_group.letter if item.sector_group else ""
        case Column.SIZE_CLASS:
            return tr(SIZE_LABELS[item.size_class])
        case Column.ELIGIBLE:
            return tr(ELIGIBILITY_LABELS[item.cnnt_eligible])
        case Column.CHANGED:
            return CHANGED_MARK if item.changed else ""
        case Column.UPDATED:
            return format_instant(item.updated_at)
    return ""


def tooltip_text(item: EstablishmentListItem, column: Column) -> str | None:
    if column is Column.CHANGED:
        return tr(CHANGED_TIP) if item.changed else None
    if column is Column.SECTOR_GROUP and item.sector_group is not None:
        return tr(SECTOR_DESCRIPTIONS[item.sector_group])
    if column is Column.NAME:
        return item.name  # long names are cut by the column width
    return None


def sort_value(item: EstablishmentListItem, column: Column) -> object:
    """A plain value for SortRole; the registry itself sorts (in the service), this is for other consumers."""
    match column:
        case Column.CHANGED:
            return int(item.changed)
        case Column.UPDATED:
            return item.updated_at.isoformat() if item.updated_at else ""
        case Column.COMMUNE:
            return item.commune_code if item.commune_code is not None else -1
    return display_text(item, column)
