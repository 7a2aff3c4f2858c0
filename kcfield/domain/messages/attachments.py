"""Messages: attached photos and documents (codes raised by kcfield.services.attachments)."""

from __future__ import annotations

CATALOGUE: dict[str, tuple[str, str]] = {
    "attachment.unsupported_type": (
        "Tệp {name} không phải ảnh JPEG, ảnh PNG hay tài liệu PDF nên không đính kèm được.",
        "The file {name} is not a JPEG or PNG image or a PDF document, so it cannot be attached.",
    ),
    "attachment.too_large": (
        "Tệp {name} lớn hơn {limit_mb} MB nên không đính kèm được; hãy giảm cỡ ảnh hoặc tách tài liệu.",
        "The file {name} is larger than {limit_mb} MB and cannot be attached; shrink the image or split the document.",
    ),
    "attachment.not_a_file": (
        "{name} không phải một tệp thông thường (có thể là thư mục hoặc thiết bị) nên không đính kèm được.",
        "{name} is not a regular file (it may be a folder or a device), so it cannot be attached.",
    ),
    "attachment.source_missing": (
        "Không tìm thấy tệp {name}; có thể tệp đã bị chuyển hoặc xoá.",
        "The file {name} was not found; it may have been moved or deleted.",
    ),
    "attachment.file_missing": (
        "Tệp đính kèm {sha256} không còn trong thư mục dữ liệu.",
        "The attached file {sha256} is no longer in the data folder.",
    ),
    "attachment.bad_owner": (
        "Không đính kèm tệp vào loại bản ghi {entity} được.",
        "Files cannot be attached to a {entity} record.",
    ),
    "attachment.bad_position": (
        "Vị trí chụp phải có cả vĩ độ (−90 đến 90) và kinh độ (−180 đến 180).",
        "The position taken needs both a latitude (−90 to 90) and a longitude (−180 to 180).",
    ),
}
