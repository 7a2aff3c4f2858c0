"""Closed vocabularies of the domain. Values are stable ASCII codes stored in the database and in packages;
words for people come from the message catalogue, never from these values."""

from __future__ import annotations

from enum import StrEnum


class EstablishmentKind(StrEnum):
    ENTERPRISE = "DN"  # doanh nghiệp
    COOPERATIVE = "HTX"  # hợp tác xã (and unions of cooperatives)
    COOPERATIVE_GROUP = "THT"  # tổ hợp tác
    HOUSEHOLD = "HKD"  # hộ kinh doanh


class LegalForm(StrEnum):
    """Legal form of an enterprise (DN) under the Enterprise Law."""

    LLC_ONE = "TNHH1"  # công ty TNHH một thành viên
    LLC_MULTI = "TNHH2"  # công ty TNHH hai thành viên trở lên
    JOINT_STOCK = "CP"  # công ty cổ phần
    PARTNERSHIP = "HD"  # công ty hợp danh
    PRIVATE = "DNTN"  # doanh nghiệp tư nhân


class TaxCodeKind(StrEnum):
    ENTERPRISE = "MST10"  # 10 digits with check digit
    BRANCH = "MST13"  # NNNNNNNNNN-NNN, dependent unit
    PERSONAL_ID = "CCCD12"  # 12-digit personal identification number (households since 07/2025)


class Gender(StrEnum):
    MALE = "M"
    FEMALE = "F"
    OTHER = "O"


class PositionSource(StrEnum):
    GPS = "GPS"
    MANUAL = "MANUAL"
    GEOCODED = "GEOCODED"


class SectorGroup(StrEnum):
    """Eligible sector groups of Decree 45/2012 Art. 5 (letters a, b, c, d, đ, e, g)."""

    A = "a"
    B = "b"
    C = "c"
    D = "d"
    DD = "dd"  # đ
    E = "e"
    G = "g"

    @property
    def letter(self) -> str:
        return "đ" if self is SectorGroup.DD else self.value


class TypicalProductLevel(StrEnum):
    """Recognition level of a typical rural industrial product (sản phẩm CNNT tiêu biểu)."""

    NONE = "none"
    PROVINCIAL = "provincial"
    REGIONAL = "regional"
    NATIONAL = "national"


class EnvironmentalPermit(StrEnum):
    UNKNOWN = "unknown"
    NOT_REQUIRED = "not_required"
    REGISTERED = "registered"  # đăng ký môi trường
    GRANTED = "granted"  # giấy phép môi trường
    PENDING = "pending"
    MISSING = "missing"


class CommuneKind(StrEnum):
    COMMUNE = "xa"
    WARD = "phuong"
    SPECIAL_ZONE = "dac_khu"


class ProvinceKind(StrEnum):
    PROVINCE = "tinh"
    CENTRAL_CITY = "thanh_pho_tw"


class VisitStatus(StrEnum):
    DRAFT = "draft"
    FINAL = "final"


class NeedPurpose(StrEnum):
    PRODUCTIVITY = "productivity"
    QUALITY = "quality"
    EFFICIENCY = "efficiency"  # material or energy efficiency
    POLLUTION = "pollution"
    NEW_PRODUCT = "new_product"


class NeedStatus(StrEnum):
    PROPOSED = "proposed"
    SUBMITTED = "submitted"
    APPROVED = "approved"
    REJECTED = "rejected"
    INSTALLED = "installed"


class CPKind(StrEnum):
    QUICK = "quick"
    DETAILED = "detailed"


class CPInputCategory(StrEnum):
    MATERIAL = "material"
    ENERGY = "energy"
    WATER = "water"
    CHEMICAL = "chemical"


class CPOutputCategory(StrEnum):
    PRODUCT = "product"
    BY_PRODUCT = "by_product"
    WASTEWATER = "wastewater"
    SOLID_WASTE = "solid_waste"
    EMISSION = "emission"


class ChecklistAnswer(StrEnum):
    YES = "yes"
    NO = "no"
    NOT_APPLICABLE = "na"
    UNKNOWN = "unknown"


class OptionScreening(StrEnum):
    NOW = "now"
    STUDY = "study"
    REJECT = "reject"


class OptionStatus(StrEnum):
    PROPOSED = "proposed"
    IMPLEMENTING = "implementing"
    IMPLEMENTED = "implemented"
    DROPPED = "dropped"


class SizeClass(StrEnum):
    MICRO = "micro"
    SMALL = "small"
    MEDIUM = "medium"
    LARGE = "large"
    UNKNOWN = "unknown"


class AuditAction(StrEnum):
    CREATE = "create"
    UPDATE = "update"
    DELETE = "delete"
    RESTORE = "restore"
    FINALISE = "finalise"
    IMPORT = "import"
