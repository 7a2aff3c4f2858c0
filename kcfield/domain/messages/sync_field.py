"""Messages: the field side of package sync — keys, enrolment requests, exports (kcfield.services.sync_*)."""

from __future__ import annotations

CATALOGUE: dict[str, tuple[str, str]] = {
    "sync_field.no_profile": (
        "Chưa có hồ sơ cộng tác viên trên máy này; hãy mở ứng dụng và nhập mã, họ tên của bạn trước.",
        "There is no collaborator profile on this computer; open the application and enter your code and name first.",
    ),
    "sync_field.no_centre_key": (
        "Máy này chưa có khoá mã hoá của trung tâm nên chưa thể xuất gói: hãy nhập gói chào mừng (hoặc một gói "
        "dữ liệu tham chiếu mới) do trung tâm gửi trước.",
        "This computer does not have the centre's encryption key yet, so it cannot export: import the welcome "
        "package (or a new reference package) from the centre first.",
    ),
    "sync_field.bad_code": (
        "Mã cộng tác viên {collaborator} chỉ được gồm chữ cái không dấu, chữ số, '-' và '_' (tối đa 64 ký tự) "
        "để gửi dữ liệu; hãy sửa mã trong hồ sơ.",
        "The collaborator code {collaborator} may hold only unaccented letters, digits, '-' and '_' (at most 64) "
        "to send data; correct it in the profile.",
    ),
    "sync_field.folder_missing": (
        "Không tìm thấy thư mục {path}.",
        "The folder {path} was not found.",
    ),
    "sync_field.attachment_missing": (
        "Tệp đính kèm {name} ({sha256}) không còn trong thư mục dữ liệu nên chưa xuất được gói; không có gì thay đổi.",
        "The attached file {name} ({sha256}) is no longer in the data folder, so no package was written; nothing "
        "changed.",
    ),
    "sync_field.attachment_changed": (
        "Tệp đính kèm {name} ({sha256}) đã bị thay đổi hoặc hỏng sau khi đính kèm nên chưa xuất được gói; không có gì "
        "thay đổi.",
        "The attached file {name} ({sha256}) was changed or damaged after it was attached, so no package was written; "
        "nothing changed.",
    ),
    "sync_field.concurrent_export": (
        "Một lần xuất gói khác vừa dùng số thứ tự {sequence}; gói này đã được bỏ, hãy xuất lại.",
        "Another export has just used sequence number {sequence}; this package was discarded, export again.",
    ),
    "sync_field.write_failed": (
        "Không ghi được gói vào thư mục {folder} ({reason}); chưa có gì được gửi hay đánh dấu, hãy giải phóng chỗ "
        "trống rồi xuất lại.",
        "The package could not be written to {folder} ({reason}); nothing was sent or marked, make room and export "
        "again.",
    ),
    "sync_field.copy_failed": (
        "Gói đã được ghi vào {path} nhưng không chép được sang {folder} ({reason}); hãy chép tệp đó bằng tay.",
        "The package was written to {path} but could not be copied to {folder} ({reason}); copy that file by hand.",
    ),
    "enrol_request.unreadable": (
        "Không đọc được yêu cầu đăng ký {path} (không có, quá lớn hoặc không phải JSON).",
        "The enrolment request {path} cannot be read (missing, too large or not JSON).",
    ),
    "enrol_request.bad_shape": (
        "Yêu cầu đăng ký {path} không đúng định dạng.",
        "The enrolment request {path} is not in the expected format.",
    ),
    "enrol_request.bad_key": (
        "Khoá công khai trong yêu cầu đăng ký {path} không hợp lệ hoặc không khớp dấu vân tay.",
        "The public key in the enrolment request {path} is invalid or does not match its fingerprint.",
    ),
    "enrol_request.no_encryption_key": (
        "Yêu cầu đăng ký {path} do phiên bản kcfield cũ tạo ra (không có khoá mã hoá): hãy cập nhật kcfield trên "
        "máy cộng tác viên và gửi yêu cầu đăng ký mới.",
        "The enrolment request {path} was made by an older kcfield (it carries no encryption key): update "
        "kcfield on the collaborator's computer and send a new enrolment request.",
    ),
    "enrol_request.bad_signature": (
        "Chữ ký của yêu cầu đăng ký {path} không đúng: tệp đã bị sửa hoặc không do khoá này ký.",
        "The signature of the enrolment request {path} does not verify: the file was altered or not signed by this "
        "key.",
    ),
    "cli.export_done": (
        "Đã ghi gói số {sequence} ({records} bản ghi): {path}",
        "Wrote package number {sequence} ({records} records): {path}",
    ),
    "cli.export_nothing": (
        "Không có thay đổi nào chờ gửi; không ghi gói nào.",
        "No changes are waiting to be sent; no package was written.",
    ),
    "cli.enrol_request_done": (
        "Đã ghi yêu cầu đăng ký: {path}",
        "Wrote the enrolment request: {path}",
    ),
    "cli.enrol_request_fingerprint": (
        "Dấu vân tay khoá (đọc cho Trung tâm để đối chiếu): {fingerprint}",
        "Key fingerprint (read it to the centre to compare): {fingerprint}",
    ),
}
