"""Messages of the centre database and the ``kcfield-centre`` command."""

CATALOGUE: dict[str, tuple[str, str]] = {
    "centre.bad_url": (
        "Địa chỉ cơ sở dữ liệu không dùng được: {url} (cần sqlite:///TỆP hoặc postgresql+psycopg://…).",
        "Unusable database address: {url} (expected sqlite:///FILE or postgresql+psycopg://…).",
    ),
    "centre.db_unreachable": (
        "Không kết nối được cơ sở dữ liệu {url}: {reason}",
        "Cannot connect to the database {url}: {reason}",
    ),
    "centre.not_initialised": (
        "Chưa có cơ sở dữ liệu Trung tâm tại {where}; hãy chạy «kcfield-centre init» trước.",
        "There is no centre database at {where}; run «kcfield-centre init» first.",
    ),
    "centre.not_a_centre_database": (
        "{where} đã chứa dữ liệu khác, không phải cơ sở dữ liệu Trung tâm; không ghi đè lên nó.",
        "{where} already holds other data, not a centre database; it was left untouched.",
    ),
    "centre.key_path_needed": (
        "Với PostgreSQL, hãy cho biết tệp khoá của Trung tâm bằng --key TỆP hoặc biến KCFIELD_CENTRE_KEY.",
        "With PostgreSQL, give the centre key file with --key FILE or the KCFIELD_CENTRE_KEY variable.",
    ),
    "centre.key_missing": (
        "Không thấy tệp khoá của Trung tâm {path} (dấu vân tay đã ghi: {fingerprint}); hãy khôi phục tệp từ bản sao"
        " lưu — tạo khoá mới sẽ khiến máy của cộng tác viên không tin gói của Trung tâm.",
        "The centre key file {path} is missing (recorded fingerprint: {fingerprint}); restore it from a backup —"
        " a new key would make the collaborators' laptops refuse the centre's packages.",
    ),
    "centre.key_mismatch": (
        "Tệp khoá {path} không phải khoá của Trung tâm này (dấu vân tay đã ghi: {fingerprint}).",
        "The key file {path} is not this centre's key (recorded fingerprint: {fingerprint}).",
    ),
    "centre.bad_code": (
        "Mã cộng tác viên «{collaborator}» không hợp lệ (1–40 ký tự, không có khoảng trắng hay dấu /).",
        "The collaborator code «{collaborator}» is not valid (1–40 characters, no spaces or slashes).",
    ),
    "centre.bad_name": (
        "Họ tên của cộng tác viên {collaborator} bị trống hoặc quá dài.",
        "The name of collaborator {collaborator} is empty or too long.",
    ),
    "centre.bad_device": (
        "Mã thiết bị «{device}» không hợp lệ.",
        "The device id «{device}» is not valid.",
    ),
    "centre.bad_public_key": (
        "Khoá công khai không hợp lệ (cần khoá Ed25519 dài 32 byte).",
        "The public key is not valid (an Ed25519 key of 32 bytes is expected).",
    ),
    "centre.bad_encryption_key": (
        "Khoá mã hoá trong yêu cầu đăng ký không hợp lệ (cần khoá X25519 dài 32 byte).",
        "The encryption key in the enrolment request is not valid (an X25519 key of 32 bytes is expected).",
    ),
    "centre.no_encryption_key": (
        "Trung tâm chưa có khoá mã hoá của cộng tác viên {collaborator} (đăng ký bằng phiên bản cũ): hãy yêu cầu "
        "họ gửi yêu cầu đăng ký mới (kcfield enrol-request) rồi đăng ký lại.",
        "The centre has no encryption key for the collaborator {collaborator} (enrolled with an older version): "
        "ask them to send a new enrolment request (kcfield enrol-request) and enrol it again.",
    ),
    "centre.key_in_use": (
        "Khoá này đã được đăng ký cho cộng tác viên {collaborator}.",
        "This key is already enrolled for collaborator {collaborator}.",
    ),
    "centre.key_revoked": (
        "Khoá của cộng tác viên {collaborator} đã bị thu hồi; máy cần tạo khoá mới và gửi lại yêu cầu đăng ký.",
        "The key of collaborator {collaborator} was revoked; the laptop needs a new key and a new enrolment request.",
    ),
    "centre.collaborator_enrolled": (
        "Cộng tác viên {collaborator} đã đăng ký với khoá khác ({fingerprint}); chỉ thay khoá khi được yêu cầu"
        " rõ ràng.",
        "Collaborator {collaborator} is enrolled with another key ({fingerprint}); a key is replaced only when asked.",
    ),
    "centre.unknown_collaborator": (
        "Không có cộng tác viên mã {collaborator} trong danh sách đã đăng ký.",
        "No enrolled collaborator has the code {collaborator}.",
    ),
    "centre.unknown_commune": (
        "Mã xã {commune} không có trong danh mục đơn vị hành chính.",
        "The commune code {commune} is not in the list of communes.",
    ),
    "centre.bad_communes": (
        "Danh sách mã xã không hợp lệ: «{value}» (ví dụ: --communes 26596,26680).",
        "Invalid list of commune codes: «{value}» (e.g. --communes 26596,26680).",
    ),
    "centre.init_created": ("Đã tạo cơ sở dữ liệu Trung tâm: {where}", "Centre database created: {where}"),
    "centre.init_upgraded": (
        "Đã nâng cấp cơ sở dữ liệu Trung tâm: {where}",
        "Centre database upgraded: {where}",
    ),
    "centre.init_ready": ("Cơ sở dữ liệu Trung tâm đã sẵn sàng: {where}", "Centre database ready: {where}"),
    "centre.init_backup": ("Bản sao lưu trước khi nâng cấp: {path}", "Backup made before the upgrade: {path}"),
    "centre.init_key_created": ("Đã tạo khoá của Trung tâm: {path}", "Centre key created: {path}"),
    "centre.init_key": ("Khoá của Trung tâm: {path}", "Centre key: {path}"),
    "centre.init_reference": ("Đã nạp dữ liệu tham chiếu: {names}", "Reference data loaded: {names}"),
    "centre.fingerprint": (
        "Dấu vân tay khoá Trung tâm (đọc cho cộng tác viên đối chiếu): {fingerprint}",
        "Centre key fingerprint (read it aloud for the collaborators to check): {fingerprint}",
    ),
    "centre.collaborators_none": ("Chưa có cộng tác viên nào đăng ký.", "No collaborator is enrolled yet."),
    "centre.status_active": ("đang hoạt động", "active"),
    "centre.status_revoked": ("đã thu hồi khoá", "key revoked"),
    "centre.revoked_done": (
        "Đã thu hồi khoá của cộng tác viên {collaborator}; gói của họ sẽ bị từ chối.",
        "The key of collaborator {collaborator} is revoked; their packages will be refused.",
    ),
}
