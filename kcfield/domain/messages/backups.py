"""Messages: backups of the local store and restoring one (kcfield.store.backup, kcfield.services.backups)."""

from __future__ import annotations

CATALOGUE: dict[str, tuple[str, str]] = {
    # --- problems ---------------------------------------------------------------------------------------------
    "backup.store_missing": (
        "Không tìm thấy cơ sở dữ liệu {path} để sao lưu.",
        "The database {path} to back up was not found.",
    ),
    "backup.store_unreadable": (
        "Không đọc được cơ sở dữ liệu {path} để sao lưu ({reason}).",
        "The database {path} could not be read for a backup ({reason}).",
    ),
    "backup.in_use": (
        "kcfield đang mở trên thư mục dữ liệu {path}: hãy đóng cửa sổ kcfield rồi khôi phục (hoặc khôi phục ngay"
        " trong trang Sao lưu của cửa sổ đó).",
        "kcfield is open on the data folder {path}: close its window, then restore (or restore from that"
        " window's Backups page).",
    ),
    "app.already_open": (
        "kcfield đã đang mở trên thư mục dữ liệu {path}. Hãy dùng cửa sổ đang mở (có thể đang bị thu nhỏ).",
        "kcfield is already open on the data folder {path}. Use the open window (it may be minimised).",
    ),
    "backup.failed": (
        "Không sao lưu được vào {path} ({reason}). Dữ liệu hiện có không bị ảnh hưởng và thao tác chưa được làm;"
        " hãy giải phóng chỗ trống trên đĩa rồi thử lại.",
        "The backup into {path} failed ({reason}). The data already saved is untouched and the operation was not"
        " done; free some disk space and try again.",
    ),
    "backup.missing": (
        "Không tìm thấy bản sao lưu {path}.",
        "The backup {path} was not found.",
    ),
    "backup.not_sqlite": (
        "{path} không phải là bản sao lưu của kcfield (không phải tệp cơ sở dữ liệu); dữ liệu hiện tại giữ nguyên.",
        "{path} is not a kcfield backup (not a database file); the current data is untouched.",
    ),
    "backup.damaged": (
        "Bản sao lưu {path} bị hỏng ({detail}); không khôi phục từ bản này, dữ liệu hiện tại giữ nguyên. Hãy chọn "
        "một bản sao lưu khác.",
        "The backup {path} is damaged ({detail}); it was not restored and the current data is untouched. Choose "
        "another backup.",
    ),
    "backup.not_kcfield": (
        "{path} không phải là bản sao lưu của kcfield (thiếu bảng: {tables}); dữ liệu hiện tại giữ nguyên.",
        "{path} is not a kcfield backup (tables missing: {tables}); the current data is untouched.",
    ),
    "backup.unknown_revision": (
        "Bản sao lưu {path} được tạo bởi phiên bản kcfield khác hoặc mới hơn (lược đồ {revision}); hãy cập nhật "
        "kcfield rồi thử lại. Dữ liệu hiện tại giữ nguyên.",
        "The backup {path} was made by another or newer version of kcfield (schema {revision}); update kcfield and "
        "try again. The current data is untouched.",
    ),
    "backup.restore_install_failed": (
        "Không thay được cơ sở dữ liệu bằng bản sao lưu ({reason}); dữ liệu hiện tại giữ nguyên, bản sao để riêng "
        "ở {aside}.",
        "The database could not be replaced by the backup ({reason}); the current data is untouched, and a copy "
        "was kept aside in {aside}.",
    ),
    "backup.restore_needs_yes": (
        "Khôi phục sẽ thay dữ liệu trên máy này bằng bản sao lưu; hãy chạy lại với --yes để xác nhận.",
        "Restoring replaces the data on this computer with the backup; run again with --yes to confirm.",
    ),
    # --- what the CLI and the page say -------------------------------------------------------------------------
    "backup.done": (
        "Đã sao lưu vào {path} ({size}).",
        "Backed up into {path} ({size}).",
    ),
    "backup.none": (
        "Chưa có bản sao lưu nào trong {folder}.",
        "There are no backups in {folder} yet.",
    ),
    "backup.list_header": (
        "Thời điểm            Loại              Dung lượng  Lược đồ  Tệp",
        "Time                 Kind              Size        Schema   File",
    ),
    "backup.restore_confirm": (
        "Khôi phục {path} (sao lưu lúc {when})? Dữ liệu hiện tại sẽ được giữ riêng thành một bản sao lưu; mọi thay "
        "đổi sau thời điểm đó sẽ không còn trên máy này (các gói đã gửi vẫn còn ở Trung tâm). Gõ 'co' để tiếp tục: ",
        "Restore {path} (backed up at {when})? The current data will be kept aside as a backup; every change made "
        "after that time will be gone from this computer (packages already sent stay at the centre). Type 'yes' to "
        "go on: ",
    ),
    "backup.restore_cancelled": (
        "Đã huỷ; không có gì thay đổi.",
        "Cancelled; nothing changed.",
    ),
    "backup.restored": (
        "Đã khôi phục từ {path}.",
        "Restored from {path}.",
    ),
    "backup.kept_aside": (
        "Dữ liệu trước khi khôi phục được giữ ở {path}.",
        "The data as it was before the restore is kept in {path}.",
    ),
    "backup.kept_aside_unreadable": (
        "Cơ sở dữ liệu trước khi khôi phục không đọc được; các tệp của nó được giữ nguyên trạng ở {path}.",
        "The database before the restore could not be read; its files are kept as they were in {path}.",
    ),
    "backup.next_package": (
        "Gói gửi Trung tâm tiếp theo sẽ mang số {sequence}.",
        "The next package for the centre will be number {sequence}.",
    ),
    "backup.kind.daily": ("hằng ngày", "daily"),
    "backup.kind.before-import": ("trước khi nhập", "before import"),
    "backup.kind.before-export": ("trước khi xuất", "before export"),
    "backup.kind.before-migration": ("trước khi nâng cấp", "before upgrade"),
    "backup.kind.manual": ("tự sao lưu", "manual"),
    "backup.kind.before-restore": ("trước khi khôi phục", "before restore"),
}
