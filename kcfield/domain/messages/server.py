"""Messages of the centre's HTTP service (``kcfield-centre serve``): the ``error`` codes of its JSON answers."""

CATALOGUE: dict[str, tuple[str, str]] = {
    "server.internal": (
        "Máy chủ Trung tâm gặp lỗi nội bộ; lỗi đã được ghi lại, hãy thử lại sau.",
        "The centre's server met an internal error; it was logged, please try again later.",
    ),
    "server.unauthenticated": (
        "Yêu cầu thiếu chữ ký của cộng tác viên (các tiêu đề X-KC-…).",
        "The request is missing the collaborator's signature (the X-KC-… headers).",
    ),
    "server.unknown_collaborator": (
        "Trung tâm không biết cộng tác viên {collaborator}.",
        "The centre does not know the collaborator {collaborator}.",
    ),
    "server.revoked": (
        "Khoá của cộng tác viên {collaborator} đã bị thu hồi.",
        "The key of collaborator {collaborator} has been revoked.",
    ),
    "server.stale_timestamp": (
        "Đồng hồ của máy lệch quá {limit} giây so với Trung tâm; hãy chỉnh lại giờ của máy.",
        "The laptop's clock is more than {limit} seconds away from the centre's; please set the time right.",
    ),
    "server.replayed": (
        "Yêu cầu này đã được gửi một lần rồi (nonce đã dùng).",
        "This request was already sent once (its nonce was used).",
    ),
    "server.bad_signature": (
        "Chữ ký của yêu cầu không đúng.",
        "The request's signature is not valid.",
    ),
    "server.wrong_sender": (
        "Gói được gửi bởi {sender}, không phải cộng tác viên đã đăng nhập {collaborator}.",
        "The package was sent by {sender}, not by the authenticated collaborator {collaborator}.",
    ),
    "server.too_large": (
        "Nội dung gửi lên quá lớn (tối đa {limit_mb} MiB).",
        "The body is too large (at most {limit_mb} MiB).",
    ),
    "server.rate_limited": (
        "Quá nhiều yêu cầu; hãy thử lại sau {retry_after} giây.",
        "Too many requests; try again in {retry_after} seconds.",
    ),
    "server.busy": (
        "Cơ sở dữ liệu Trung tâm đang bận; hãy gửi lại sau ít phút.",
        "The centre's database is busy; send again in a few minutes.",
    ),
    "server.not_found": ("Không có địa chỉ này trên máy chủ.", "There is no such address on the server."),
    "server.method_not_allowed": (
        "Địa chỉ này không nhận phương thức {method}.",
        "This address does not accept the method {method}.",
    ),
    "server.bad_request": ("Yêu cầu không hợp lệ.", "The request is not valid."),
    "server.listening": (
        "Máy chủ Trung tâm đang nghe tại http://{host}:{port} (dấu vân tay {fingerprint}); Ctrl+C để dừng.",
        "The centre's server listens on http://{host}:{port} (fingerprint {fingerprint}); Ctrl+C to stop.",
    ),
}
