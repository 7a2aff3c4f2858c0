"""Messages: the printed reports (equipment-needs summary, cleaner-production report) and their services.

``reports.no_needs*`` are errors shown on their own (whole sentences). The ``report.*`` labels are the words the
Vietnamese documents print for closed vocabularies (need status, option screening and status, input and output
categories); the English texts exist so a future English print-out and the catalogue check have them.
"""

from __future__ import annotations

_ERRORS: dict[str, tuple[str, str]] = {
    "reports.no_needs": (
        "Cơ sở «{name}» chưa có nhu cầu hỗ trợ máy móc thiết bị nào nên chưa lập được bảng tổng hợp.",
        "The establishment “{name}” has no equipment needs recorded, so there is nothing to summarise.",
    ),
    "reports.no_needs_commune": (
        "Chưa có cơ sở nào ở {commune} có nhu cầu hỗ trợ máy móc thiết bị nên chưa lập được bảng tổng hợp.",
        "No establishment in {commune} has equipment needs recorded, so there is nothing to summarise.",
    ),
}

_NEED_STATUS: dict[str, tuple[str, str]] = {
    "report.need_status.proposed": ("Đề xuất", "Proposed"),
    "report.need_status.submitted": ("Đã gửi đề nghị", "Submitted"),
    "report.need_status.approved": ("Đã được duyệt", "Approved"),
    "report.need_status.rejected": ("Không được duyệt", "Rejected"),
    "report.need_status.installed": ("Đã lắp đặt", "Installed"),
}

_CP_TERMS: dict[str, tuple[str, str]] = {
    "report.cp_screening.now": ("Làm ngay", "Implement now"),
    "report.cp_screening.study": ("Nghiên cứu thêm", "Study further"),
    "report.cp_screening.reject": ("Loại bỏ", "Reject"),
    "report.cp_option_status.proposed": ("Đề xuất", "Proposed"),
    "report.cp_option_status.implementing": ("Đang thực hiện", "Being implemented"),
    "report.cp_option_status.implemented": ("Đã thực hiện", "Implemented"),
    "report.cp_option_status.dropped": ("Không thực hiện", "Dropped"),
    "report.cp_input.material": ("Nguyên liệu", "Material"),
    "report.cp_input.energy": ("Năng lượng", "Energy"),
    "report.cp_input.water": ("Nước", "Water"),
    "report.cp_input.chemical": ("Hoá chất", "Chemical"),
    "report.cp_output.product": ("Sản phẩm", "Product"),
    "report.cp_output.by_product": ("Phụ phẩm", "By-product"),
    "report.cp_output.wastewater": ("Nước thải", "Wastewater"),
    "report.cp_output.solid_waste": ("Chất thải rắn", "Solid waste"),
    "report.cp_output.emission": ("Khí thải", "Emission"),
    "report.cp_kind.quick": ("Đánh giá nhanh", "Quick assessment"),
    "report.cp_kind.detailed": ("Đánh giá chi tiết", "Detailed assessment"),
}

CATALOGUE: dict[str, tuple[str, str]] = {**_ERRORS, **_NEED_STATUS, **_CP_TERMS}
