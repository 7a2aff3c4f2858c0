"""The words for each closed choice of the establishment form (kind, legal form, gender, …), in one place.

Vietnamese is the source text (the interface's first language); English comes from the translation files.
The enums' values are stable codes and never shown (kcfield.domain.enums).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from kcfield.domain.enums import (
    EnvironmentalPermit,
    EstablishmentKind,
    Gender,
    LegalForm,
    PositionSource,
    SectorGroup,
    TaxCodeKind,
    TypicalProductLevel,
)
from kcfield.ui.registry.columns import SECTOR_DESCRIPTIONS


def kinds() -> dict[EstablishmentKind, str]:
    return {
        EstablishmentKind.HOUSEHOLD: QCoreApplication.translate("EstablishmentForm", "Hộ kinh doanh"),
        EstablishmentKind.COOPERATIVE_GROUP: QCoreApplication.translate("EstablishmentForm", "Tổ hợp tác"),
        EstablishmentKind.COOPERATIVE: QCoreApplication.translate("EstablishmentForm", "Hợp tác xã"),
        EstablishmentKind.ENTERPRISE: QCoreApplication.translate("EstablishmentForm", "Doanh nghiệp"),
    }


def legal_forms() -> dict[LegalForm, str]:
    return {
        LegalForm.LLC_ONE: QCoreApplication.translate("EstablishmentForm", "Công ty TNHH một thành viên"),
        LegalForm.LLC_MULTI: QCoreApplication.translate("EstablishmentForm", "Công ty TNHH hai thành viên trở lên"),
        LegalForm.JOINT_STOCK: QCoreApplication.translate("EstablishmentForm", "Công ty cổ phần"),
        LegalForm.PARTNERSHIP: QCoreApplication.translate("EstablishmentForm", "Công ty hợp danh"),
        LegalForm.PRIVATE: QCoreApplication.translate("EstablishmentForm", "Doanh nghiệp tư nhân"),
    }


def genders() -> dict[Gender, str]:
    return {
        Gender.MALE: QCoreApplication.translate("EstablishmentForm", "Nam"),
        Gender.FEMALE: QCoreApplication.translate("EstablishmentForm", "Nữ"),
        Gender.OTHER: QCoreApplication.translate("EstablishmentForm", "Khác"),
    }


def position_sources() -> dict[PositionSource, str]:
    return {
        PositionSource.GPS: QCoreApplication.translate("EstablishmentForm", "Định vị GPS"),
        PositionSource.MANUAL: QCoreApplication.translate("EstablishmentForm", "Nhập tay"),
        PositionSource.GEOCODED: QCoreApplication.translate("EstablishmentForm", "Tra từ địa chỉ"),
    }


def sector_groups() -> dict[SectorGroup, str]:
    """Short names of the eligible sector groups of Decree 45/2012 Art. 5: the same words as the registry's
    filter (one definition, in columns.py)."""
    return {group: QCoreApplication.translate("RegistryModel", text) for group, text in SECTOR_DESCRIPTIONS.items()}


def product_levels() -> dict[TypicalProductLevel, str]:
    return {
        TypicalProductLevel.NONE: QCoreApplication.translate("EstablishmentForm", "Chưa được công nhận"),
        TypicalProductLevel.PROVINCIAL: QCoreApplication.translate("EstablishmentForm", "Cấp tỉnh"),
        TypicalProductLevel.REGIONAL: QCoreApplication.translate("EstablishmentForm", "Cấp khu vực"),
        TypicalProductLevel.NATIONAL: QCoreApplication.translate("EstablishmentForm", "Cấp quốc gia"),
    }


def permits() -> dict[EnvironmentalPermit, str]:
    return {
        EnvironmentalPermit.UNKNOWN: QCoreApplication.translate("EstablishmentForm", "Chưa rõ"),
        EnvironmentalPermit.NOT_REQUIRED: QCoreApplication.translate(
            "EstablishmentForm", "Không thuộc diện phải làm thủ tục"
        ),
        EnvironmentalPermit.REGISTERED: QCoreApplication.translate("EstablishmentForm", "Đã đăng ký môi trường"),
        EnvironmentalPermit.GRANTED: QCoreApplication.translate("EstablishmentForm", "Đã có giấy phép môi trường"),
        EnvironmentalPermit.PENDING: QCoreApplication.translate("EstablishmentForm", "Đang làm thủ tục"),
        EnvironmentalPermit.MISSING: QCoreApplication.translate("EstablishmentForm", "Chưa có (thuộc diện phải có)"),
    }


def tax_code_kinds() -> dict[TaxCodeKind, str]:
    return {
        TaxCodeKind.ENTERPRISE: QCoreApplication.translate("EstablishmentForm", "Mã số doanh nghiệp, tổ chức (10 số)"),
        TaxCodeKind.BRANCH: QCoreApplication.translate("EstablishmentForm", "Mã số đơn vị phụ thuộc (13 số)"),
        TaxCodeKind.PERSONAL_ID: QCoreApplication.translate(
            "EstablishmentForm", "Số định danh cá nhân của chủ hộ (12 số)"
        ),
    }
