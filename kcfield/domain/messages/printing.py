"""Messages: previewing and printing PDFs, reading scanned forms (kcfield.services.pdf_pages, kcfield.ui.printing)."""

from __future__ import annotations

CATALOGUE: dict[str, tuple[str, str]] = {
    "pdf.unreadable": (
        "Không đọc được tệp PDF «{file}» (tệp hỏng hoặc không phải PDF): {reason}",
        "Cannot read the PDF file «{file}» (damaged or not a PDF): {reason}",
    ),
    "printing.building": (
        "Đang tạo tài liệu in…",
        "Building the document…",
    ),
    "printing.forms_progress": (
        "Đang tạo phiếu {value}/{maximum}…",
        "Building form {value} of {maximum}…",
    ),
    "printing.pages_progress": (
        "Đang in trang {value}/{maximum}…",
        "Printing page {value} of {maximum}…",
    ),
    "scan.no_code": (
        "Không tìm thấy mã QR của kcfield trên «{file}». Hãy quét lại trang có mã QR (góc dưới), rõ nét, không bị"
        " che, rồi thử lại; hoặc đính kèm tệp vào hồ sơ bằng tay.",
        "No kcfield QR code found on «{file}». Scan the page with the QR code (bottom corner) again, sharp and"
        " uncovered, and try again; or attach the file to the record by hand.",
    ),
    "scan.unreadable_image": (
        "Không mở được ảnh «{file}». Chỉ nhận ảnh JPEG, PNG hoặc tệp PDF.",
        "Cannot open the image «{file}». Only JPEG, PNG or PDF files are accepted.",
    ),
    "cli.print_ids": (
        "«kcfield print {kind}» cần {count} mã hồ sơ (ID).",
        "«kcfield print {kind}» needs {count} record id(s).",
    ),
    "cli.bad_id": (
        "«{value}» không phải mã hồ sơ (32 chữ số thập lục phân, dạng UUID).",
        "«{value}» is not a record id (32 hexadecimal digits, UUID form).",
    ),
    "cli.route_empty": (
        "Lộ trình trong ngày đang trống: thêm cơ sở vào lộ trình trong phần mềm trước (Công cụ → Lộ trình).",
        "The day's route is empty: add establishments to it in the app first (Tools → Day's route).",
    ),
    "cli.print_done": (
        "Đã ghi {pages} trang vào {path}",
        "Wrote {pages} pages to {path}",
    ),
    "scan.commune_summary": (
        "«{file}» là bảng tổng hợp nhu cầu của cả xã, không thuộc riêng hồ sơ nào; hãy lưu nó cùng báo cáo của xã.",
        "«{file}» is a whole commune's needs summary and belongs to no single record; keep it with the commune's"
        " reports.",
    ),
    "scan.progress": (
        "Đang đọc mã QR trên bản quét {value}/{maximum}…",
        "Reading the QR code of scan {value} of {maximum}…",
    ),
    "scan.caption": (
        "Bản quét phiếu đã ký",
        "Scan of the signed form",
    ),
}
