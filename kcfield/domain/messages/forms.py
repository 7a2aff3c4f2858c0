"""Messages: printed forms and the QR codes on them (kcfield.forms, kcfield.services.printing).

These are raised as errors and shown on their own, so each is a whole sentence.
"""

from __future__ import annotations

CATALOGUE: dict[str, tuple[str, str]] = {
    "forms.qr_invalid": (
        "Mã QR «{text}» không phải mã của phiếu do phần mềm in ra, hoặc đã bị đọc sai (mã kiểm tra không khớp)."
        " Hãy quét lại hoặc chọn hồ sơ bằng tay.",
        "The QR code «{text}» is not one printed by this app, or it was misread (its checksum does not match)."
        " Scan it again or choose the record by hand.",
    ),
    "forms.qr_blank": (
        "Mã QR này thuộc một phiếu trắng nên không gắn với hồ sơ nào. Hãy chọn hồ sơ bằng tay.",
        "This QR code belongs to a blank form, so it points at no record. Choose the record by hand.",
    ),
    "forms.qr_record_missing": (
        "Mã QR trỏ tới một hồ sơ ({kind} {id}) không có trong dữ liệu trên máy này (có thể đã bị xoá hoặc chưa"
        " được đồng bộ).",
        "The QR code points at a record ({kind} {id}) that is not in the data on this computer (it may have been"
        " deleted or not synchronised yet).",
    ),
    "forms.cancelled": (
        "Đã huỷ việc tạo tệp PDF; không có tệp nào được ghi.",
        "Building the PDF was cancelled; no file was written.",
    ),
    "forms.nothing_to_print": (
        "Chưa chọn hồ sơ nào để in.",
        "No record was chosen to print.",
    ),
}
