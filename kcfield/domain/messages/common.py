"""General messages: records, services, the command line."""

CATALOGUE: dict[str, tuple[str, str]] = {
    "common.yes": ("có", "yes"),
    "common.no": ("không", "no"),
    "validation.failed": ("Dữ liệu chưa hợp lệ ({count} lỗi).", "The data is not valid ({count} problems)."),
    "record.not_found": ("Không tìm thấy bản ghi {entity} có mã {id}.", "No {entity} record with id {id}."),
    "record.deleted": ("Bản ghi {entity} {id} đã bị xoá.", "The {entity} record {id} has been deleted."),
    "visit.locked": (
        "Phiếu khảo sát đã hoàn tất nên không sửa trực tiếp được; hãy tạo bản điều chỉnh.",
        "The visit is final and cannot be edited; create an amendment instead.",
    ),
    "store.newer_schema": (
        "Cơ sở dữ liệu được tạo bởi phiên bản kcfield mới hơn ({found}); hãy cập nhật ứng dụng.",
        "The database was made by a newer kcfield ({found}); please update the application.",
    ),
    "store.not_a_database": (
        "Tệp {path} không phải cơ sở dữ liệu kcfield hoặc đã hỏng.",
        "The file {path} is not a kcfield database or is damaged.",
    ),
    "store.disk_full": (
        "Ổ đĩa đã đầy, không ghi được dữ liệu; dữ liệu đã lưu trước đó vẫn còn nguyên.",
        "The disk is full; nothing was written and data saved earlier is intact.",
    ),
    "store.read_only": (
        "Không có quyền ghi vào thư mục dữ liệu {path}.",
        "The data folder {path} is not writable.",
    ),
    "audit.chain_broken": (
        "Nhật ký thay đổi bị sửa hoặc hỏng tại sự kiện số {seq}.",
        "The audit log was altered or damaged at event {seq}.",
    ),
    "demo.store_not_empty": (
        "Kho dữ liệu đã có {count} cơ sở; dữ liệu mẫu chỉ nạp vào kho trống (hãy dùng một thư mục dữ liệu mới).",
        "The store already holds {count} establishments; demo data only goes into an empty store"
        " (use a new data folder).",
    ),
    "demo.bad_count": (
        "Số cơ sở mẫu phải từ 1 đến 1.000.000.",
        "The number of demo establishments must be between 1 and 1,000,000.",
    ),
    "reference.invalid": (
        "Dữ liệu tham chiếu {name} không hợp lệ: {reason}",
        "Reference data {name} is invalid: {reason}",
    ),
    "cli.not_yet": (
        "Lệnh này chưa có trong phiên bản này.",
        "This command is not available in this version yet.",
    ),
}

CATALOGUE.update(
    {
        "reference.unknown_province": ("Mã tỉnh {code} không có trong danh mục.", "Province code {code} is unknown."),
        "reference.unknown_commune": ("Mã xã {code} không có trong danh mục.", "Commune code {code} is unknown."),
        "reference.commune_not_in_province": (
            "{commune} không thuộc {province}.",
            "{commune} is not in {province}.",
        ),
        "reference.unknown_vsic": (
            "Mã ngành {code} không có trong VSIC {version}.",
            "Sector code {code} is not in VSIC {version}.",
        ),
        "reference.commune_missing": (
            "Chưa chọn xã/phường; không xác định được địa bàn hỗ trợ.",
            "No commune chosen; the eligible area cannot be decided.",
        ),
    }
)

CATALOGUE.update(
    {
        "visit.not_final": (
            "Chỉ điều chỉnh được phiếu khảo sát đã hoàn tất.",
            "Only a final visit can be amended.",
        ),
        "cp.period_order": ("Ngày kết thúc kỳ phải sau ngày bắt đầu.", "The period must end after it starts."),
        "cp.negative_quantity": ("Số lượng không được âm (dòng {row}).", "Quantities cannot be negative (row {row})."),
        "cp.row_name_missing": ("Dòng {row} chưa có tên/mô tả.", "Row {row} has no name or description."),
        "cp.option_category": (
            "Giải pháp ở dòng {row} phải thuộc một trong 8 nhóm giải pháp SXSH (1–8).",
            "The option in row {row} must be in one of the 8 cleaner-production categories (1–8).",
        ),
        "cp.checklist_duplicate": (
            "Một câu hỏi trong danh mục kiểm tra được trả lời hai lần.",
            "A checklist question is answered twice.",
        ),
    }
)

CATALOGUE.update(
    {
        "cli.interrupted": ("Đã dừng theo yêu cầu; không có gì được ghi dở dang.", "Stopped; nothing half-written."),
        "demo.progress": ("Đang tạo dữ liệu mẫu: {value}/{maximum} cơ sở", "Making demo data: {value}/{maximum}"),
        "cli.demo_done": (
            "Đã tạo {establishments} cơ sở, {visits} lượt khảo sát, {needs} nhu cầu thiết bị, {assessments} đánh giá"
            " SXSH trong {seconds} giây vào {path}",
            "Made {establishments} establishments, {visits} visits, {needs} equipment needs, {assessments} CP"
            " assessments in {seconds} s in {path}",
        ),
        "cli.info_data_dir": ("Thư mục dữ liệu: {path}", "Data folder: {path}"),
        "cli.info_database": ("Cơ sở dữ liệu: {path}", "Database: {path}"),
        "cli.info_user": ("Cộng tác viên: {user}", "Collaborator: {user}"),
        "cli.info_establishments": ("Số cơ sở: {count}", "Establishments: {count}"),
        "cli.info_audit": (
            "Nhật ký thay đổi: {count} sự kiện, chuỗi băm nguyên vẹn",
            "Audit log: {count} events, hash chain intact",
        ),
    }
)

CATALOGUE.update(
    {
        "ui.welcome": ("kcfield — Khảo sát cơ sở công nghiệp nông thôn", "kcfield — rural industry field survey"),
        "ui.store_summary": (
            "Thư mục dữ liệu: {path}\nSố cơ sở trong kho: {establishments}\nSố sự kiện trong nhật ký: {events}",
            "Data folder: {path}\nEstablishments in the store: {establishments}\nAudit events: {events}",
        ),
        "ui.quit": ("Thoát", "Quit"),
        "ui.menu_file": ("&Tệp", "&File"),
        "ui.ready": ("Sẵn sàng", "Ready"),
    }
)

CATALOGUE.update(
    {
        "derived.progress": (
            "Đang cập nhật quy mô và điều kiện hỗ trợ theo quy định mới: {value}/{maximum} cơ sở",
            "Updating size class and eligibility under the current rules: {value}/{maximum}",
        ),
    }
)

CATALOGUE.update(
    {
        "need.status_transition": (
            "Không chuyển được trạng thái từ «{before}» sang «{after}»: nhu cầu đi theo thứ tự đề xuất → đã gửi →"
            " được duyệt hoặc không được duyệt → đã lắp đặt.",
            "The status cannot go from '{before}' to '{after}': a need goes proposed → submitted → approved or"
            " rejected → installed.",
        ),
    }
)
