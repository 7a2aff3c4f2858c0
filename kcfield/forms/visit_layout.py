"""Which establishment fields the visit form prints, in which order and section, and the Vietnamese words for
the closed vocabularies. One list serves the blank form (what to ask) and the service (what to fill in), so the
two never drift apart. The documents are Vietnamese only (official forms), hence plain Vietnamese here.
"""

from __future__ import annotations

from typing import Final

#: (section title, field names). Field labels come from ``kcfield.domain.messages.field_label``.
PROFILE_LAYOUT: Final[tuple[tuple[str, tuple[str, ...]], ...]] = (
    (
        "A. THÔNG TIN CHUNG VỀ CƠ SỞ",
        (
            "name",
            "kind",
            "legal_form",
            "tax_code",
            "registration_no",
            "tax_code_kind",
            "registration_date",
            "year_founded",
        ),
    ),
    (
        "B. NGƯỜI ĐẠI DIỆN, CHỦ CƠ SỞ",
        (
            "rep_name",
            "rep_title",
            "rep_gender",
            "rep_ethnic_minority",
            "rep_phone",
            "rep_email",
            "rep_personal_id",
            "owner_female",
            "owner_ethnic_minority",
        ),
    ),
    (
        "C. ĐỊA CHỈ VÀ VỊ TRÍ",
        (
            "province_code",
            "commune_code",
            "village",
            "street",
            "legacy_address",
            "craft_village_name",
            "craft_village_recognised",
            "latitude",
            "longitude",
            "position_accuracy_m",
            "position_source",
        ),
    ),
    (
        "D. NGÀNH NGHỀ, SẢN PHẨM",
        (
            "vsic_code",
            "vsic_version",
            "main_products",
            "sector_group",
            "capacity_design",
            "capacity_actual",
            "capacity_unit",
            "supporting_industry_product",
        ),
    ),
    (
        "E. LAO ĐỘNG, VỐN, THỊ TRƯỜNG",
        (
            "workers_total",
            "workers_insured",
            "workers_female",
            "revenue_prev_year_vnd",
            "total_capital_vnd",
            "export_share_pct",
            "has_export_contract",
            "local_material_share_pct",
        ),
    ),
    (
        "G. CHỨNG NHẬN, MÔI TRƯỜNG, HỖ TRỢ ĐÃ NHẬN",
        (
            "ocop_stars",
            "typical_product_level",
            "iso_certified",
            "haccp_certified",
            "other_certifications",
            "environmental_permit",
            "applies_cleaner_production",
            "earlier_state_support",
            "earlier_state_support_note",
            "notes",
        ),
    ),
)

#: How the blank form asks for a field: a vocabulary name (tick boxes), "yesno", "wide" (a full line), or
#: absent (half a line).
BLANK_KIND: Final[dict[str, str]] = {
    "name": "wide",
    "kind": "establishment_kinds",
    "legal_form": "legal_forms",
    "tax_code_kind": "tax_code_kinds",
    "rep_gender": "genders",
    "rep_ethnic_minority": "yesno",
    "rep_personal_id": "wide",
    "owner_female": "yesno",
    "owner_ethnic_minority": "yesno",
    "legacy_address": "wide",
    "craft_village_recognised": "yesno",
    "position_source": "position_sources",
    "main_products": "wide",
    "sector_group": "sector_groups",
    "supporting_industry_product": "yesno",
    "has_export_contract": "yesno",
    "typical_product_level": "typical_product_levels",
    "iso_certified": "yesno",
    "haccp_certified": "yesno",
    "other_certifications": "wide",
    "environmental_permit": "environmental_permits",
    "applies_cleaner_production": "yesno",
    "earlier_state_support": "yesno",
    "earlier_state_support_note": "wide",
    "notes": "wide2",
}

ESTABLISHMENT_KINDS: Final = {"DN": "Doanh nghiệp", "HTX": "Hợp tác xã", "THT": "Tổ hợp tác", "HKD": "Hộ kinh doanh"}
LEGAL_FORMS: Final = {
    "TNHH1": "Công ty TNHH một thành viên",
    "TNHH2": "Công ty TNHH hai thành viên trở lên",
    "CP": "Công ty cổ phần",
    "HD": "Công ty hợp danh",
    "DNTN": "Doanh nghiệp tư nhân",
}
TAX_CODE_KINDS: Final = {
    "MST10": "Mã số thuế 10 số",
    "MST13": "Mã đơn vị phụ thuộc 13 số",
    "CCCD12": "Số định danh 12 số",
}
GENDERS: Final = {"M": "Nam", "F": "Nữ", "O": "Khác"}
POSITION_SOURCES: Final = {"GPS": "GPS", "MANUAL": "Nhập tay", "GEOCODED": "Tra theo địa chỉ"}
TYPICAL_PRODUCT_LEVELS: Final = {
    "none": "Chưa",
    "provincial": "Cấp tỉnh",
    "regional": "Cấp khu vực",
    "national": "Cấp quốc gia",
}
ENVIRONMENTAL_PERMITS: Final = {
    "unknown": "Chưa rõ",
    "not_required": "Không thuộc diện phải có",
    "registered": "Đã đăng ký môi trường",
    "granted": "Đã có giấy phép môi trường",
    "pending": "Đang làm thủ tục",
    "missing": "Chưa có",
}
NEED_PURPOSES: Final = {
    "productivity": "Tăng năng suất",
    "quality": "Nâng cao chất lượng",
    "efficiency": "Tiết kiệm nguyên liệu, năng lượng",
    "pollution": "Giảm ô nhiễm",
    "new_product": "Sản phẩm mới",
}
NEED_STATUSES: Final = {
    "proposed": "Đề xuất",
    "submitted": "Đã gửi hồ sơ",
    "approved": "Được duyệt",
    "rejected": "Không được duyệt",
    "installed": "Đã lắp đặt",
}
CHECKLIST_THEMES: Final = {
    "housekeeping": "Quản lý nội vi",
    "water": "Sử dụng nước",
    "energy": "Sử dụng năng lượng",
    "process_control": "Kiểm soát quá trình",
    "materials": "Nguyên liệu",
    "waste": "Chất thải, sản phẩm phụ",
    "safety": "An toàn lao động",
}
CP_KINDS: Final = {"quick": "Đánh giá nhanh", "detailed": "Đánh giá chi tiết"}
OPTION_SCREENING: Final = {"now": "Thực hiện ngay", "study": "Cần nghiên cứu thêm", "reject": "Loại bỏ"}
COMPARISON_POSITIONS: Final = {"above": "cao hơn", "equal": "bằng", "below": "thấp hơn"}
