"""Messages: syncing with the centre over the network (kcfield.services.sync_online, ``kcfield sync``)."""

from __future__ import annotations

CATALOGUE: dict[str, tuple[str, str]] = {
    "sync_online.offline": (
        "Không kết nối được tới Trung tâm ({centre}): {reason}. Dữ liệu vẫn an toàn trên máy; các gói chưa gửi sẽ"
        " được gửi lại ở lần đồng bộ sau.",
        "Could not reach the centre ({centre}): {reason}. Your data is safe on this computer; the packages not yet"
        " sent will be sent at the next sync.",
    ),
    "sync_online.no_centre": (
        "Chưa có địa chỉ Trung tâm; hãy nhập địa chỉ (ví dụ https://khuyencong.example.vn).",
        "There is no centre address yet; enter it (e.g. https://khuyencong.example.vn).",
    ),
    "sync_online.bad_url": (
        "Địa chỉ Trung tâm «{centre}» không hợp lệ; địa chỉ phải bắt đầu bằng http:// hoặc https://.",
        "The centre address «{centre}» is not valid; it must start with http:// or https://.",
    ),
    "sync_online.not_trusted": (
        "Máy này chưa nhận Trung tâm: hãy nhập gói chào mừng Trung tâm gửi khi đăng ký trước khi đồng bộ qua mạng.",
        "This computer does not trust the centre yet: import the welcome package the centre gave at enrolment"
        " before syncing over the network.",
    ),
    "sync_online.server_error": (
        "Trung tâm đang gặp sự cố (mã {status}); dữ liệu vẫn an toàn trên máy, hãy thử lại sau.",
        "The centre has a problem (status {status}); your data is safe on this computer, try again later.",
    ),
    "sync_online.busy": (
        "Trung tâm đang bận, đã thử lại nhiều lần; dữ liệu vẫn an toàn trên máy, hãy thử lại sau ít phút.",
        "The centre is busy and several tries failed; your data is safe on this computer, try again in a few minutes.",
    ),
    "sync_online.refused": (
        "Trung tâm từ chối yêu cầu (mã {status}): {message}",
        "The centre refused the request (status {status}): {message}",
    ),
    "sync_online.bad_answer": (
        "Trung tâm trả lời không đúng định dạng (mã {status}); dữ liệu vẫn an toàn trên máy.",
        "The centre's answer is not in the expected form (status {status}); your data is safe on this computer.",
    ),
    "sync_online.package_refused": (
        "Trung tâm từ chối gói số {sequence}: {message}. Các gói sau chưa được gửi.",
        "The centre refused package number {sequence}: {message}. The later packages were not sent.",
    ),
    "sync_online.step_export": ("Đang ghi các thay đổi chờ gửi…", "Packing the pending changes…"),
    "sync_online.step_upload": ("Đang gửi gói {value}/{maximum}…", "Sending package {value}/{maximum}…"),
    "sync_online.step_reference": ("Đang nhận dữ liệu mới của Trung tâm…", "Receiving the centre's new data…"),
    "sync_online.step_done": ("Đồng bộ xong.", "Sync finished."),
    "sync_online.result_ok": (
        "Đồng bộ xong: đã gửi {sent} gói, {held} gói đang chờ; nhận {records} bản ghi mới hoặc đã cập nhật từ"
        " Trung tâm.",
        "Sync finished: {sent} packages sent, {held} held; {records} new or updated records received from the centre.",
    ),
    "sync_online.last_result": ("Lần đồng bộ gần nhất ({when}): {result}", "Last sync ({when}): {result}"),
    "sync_online.never": ("Chưa đồng bộ qua mạng lần nào.", "Never synced over the network."),
}
