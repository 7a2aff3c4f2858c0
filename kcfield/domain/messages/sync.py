"""Messages: signing keys and sync packages (codes raised by kcfield.sync).

Every refusal of a package names the file and one reason, in one sentence, so the CLI can print it as one
line and a person at the centre can tell the sender what to do.
"""

from __future__ import annotations

CATALOGUE: dict[str, tuple[str, str]] = {
    # --- keys ---
    "key.unreadable": (
        "Không đọc được khoá ký {path}: tệp bị thiếu, hỏng hoặc không phải khoá Ed25519.",
        "The signing key {path} cannot be read: the file is missing, damaged or not an Ed25519 key.",
    ),
    "key.exists": (
        "Đã có khoá ký tại {path}; không ghi đè để thiết bị này vẫn được trung tâm nhận ra.",
        "A signing key already exists at {path}; it is not overwritten so the centre still recognises this device.",
    ),
    # --- the encrypted envelope ---
    "package.not_encrypted": (
        "Gói {file} là gói không mã hoá, do phiên bản kcfield cũ tạo ra (định dạng 1), không còn được nhận: "
        "hãy cập nhật kcfield ở phía gửi rồi xuất lại.",
        "The package {file} is not encrypted: it was made by an older kcfield, format 1, no longer accepted: "
        "update kcfield on the sending side and export again.",
    ),
    "package.wrong_recipient": (
        "Gói {file} được mã hoá cho khoá khác ({fingerprint}), không phải khoá của máy này ({expected}): "
        "gói này không gửi cho bạn, hoặc khoá đã thay đổi sau khi gói được tạo.",
        "The package {file} is encrypted for another key ({fingerprint}), not this one ({expected}): it was "
        "not sent to you, or the key changed after the package was made.",
    ),
    "package.bad_envelope": (
        "Gói {file} không phải gói kcfield hợp lệ ({detail}); hãy xin gửi lại.",
        "The package {file} is not a valid kcfield package ({detail}); ask for it to be sent again.",
    ),
    "package.decrypt_failed": (
        "Không giải mã được gói {file}: tệp bị hỏng hoặc bị giả mạo; hãy xin gửi lại.",
        "The package {file} cannot be decrypted: the file is damaged or forged; ask for it to be sent again.",
    ),
    "package.truncated": (
        "Gói {file} bị cắt cụt (sao chép chưa xong?); hãy sao chép hoặc xin gửi lại.",
        "The package {file} is truncated (an unfinished copy?); copy it again or ask for it to be sent again.",
    ),
    # --- the file and its zip structure ---
    "package.unreadable": (
        "Không mở được gói {file} ({detail}).",
        "The package {file} cannot be opened ({detail}).",
    ),
    "package.not_a_zip": (
        "Gói {file} không phải tệp gói kcfield hoặc bị cắt cụt/hỏng; hãy xin gửi lại.",
        "The package {file} is not a kcfield package file or is truncated or damaged; ask for it to be sent again.",
    ),
    "package.too_many_members": (
        "Gói {file} có {count} tệp thành phần, vượt giới hạn {limit}.",
        "The package {file} holds {count} members, more than the limit of {limit}.",
    ),
    "package.not_a_file": (
        "Gói {file} chứa mục {name} là thư mục hoặc liên kết, không phải tệp thường.",
        "The package {file} holds {name}, a folder or link rather than a plain file.",
    ),
    "package.unsafe_name": (
        "Gói {file} chứa tên tệp không an toàn {name} (đường dẫn tuyệt đối, '..', dấu '\\' hoặc ký tự lạ).",
        "The package {file} holds an unsafe member name {name} (absolute path, '..', backslash or odd character).",
    ),
    "package.unexpected_name": (
        "Gói {file} chứa tệp {name} không thuộc định dạng gói.",
        "The package {file} holds {name}, which is not part of the package format.",
    ),
    "package.unknown_entity": (
        "Gói {file} chứa bản ghi loại {entity} ({name}) mà ứng dụng không biết.",
        "The package {file} holds records of an unknown kind {entity} ({name}).",
    ),
    "package.duplicate_member": (
        "Gói {file} chứa tệp {name} hai lần.",
        "The package {file} holds the member {name} twice.",
    ),
    "package.unsupported_compression": (
        "Gói {file}: tệp {name} được nén hoặc mã hoá theo cách không hỗ trợ.",
        "The package {file}: the member {name} uses an unsupported compression or encryption.",
    ),
    # --- manifest and signature ---
    "package.missing_manifest": (
        "Gói {file} thiếu {name} nên không kiểm tra được nguồn gốc.",
        "The package {file} lacks {name}, so its origin cannot be checked.",
    ),
    "package.bad_manifest": (
        "Gói {file}: bảng kê (manifest.json) sai ở mục {field}.",
        "The package {file}: the manifest (manifest.json) is wrong at {field}.",
    ),
    "package.wrong_format": (
        "Tệp {file} không phải gói kcfield (định dạng {found}, cần {supported}).",
        "The file {file} is not a kcfield package (format {found}, expected {supported}).",
    ),
    "package.wrong_version": (
        "Gói {file} có định dạng phiên bản {found}; ứng dụng này đọc phiên bản {supported}, hãy cập nhật ứng dụng.",
        "The package {file} is format version {found}; this application reads version {supported}, please update.",
    ),
    "package.unknown_key": (
        "Gói {file} được ký bằng khoá lạ ({fingerprint}); người gửi chưa đăng ký hoặc khoá không được tin cậy.",
        "The package {file} is signed by an unknown key ({fingerprint}); the sender is not enrolled or not trusted.",
    ),
    "package.bad_signature": (
        "Gói {file} có chữ ký không hợp lệ: gói đã bị sửa sau khi ký hoặc không do khoá {fingerprint} ký.",
        "The package {file} has an invalid signature: it was changed after signing or not signed by {fingerprint}.",
    ),
    # --- members against the manifest ---
    "package.missing_member": (
        "Gói {file} thiếu tệp {name} có trong bảng kê.",
        "The package {file} lacks {name}, which its manifest lists.",
    ),
    "package.extra_member": (
        "Gói {file} chứa tệp {name} không có trong bảng kê.",
        "The package {file} holds {name}, which its manifest does not list.",
    ),
    "package.too_large": (
        "Gói {file}: tệp {name} lớn hơn giới hạn {limit_mb} MB.",
        "The package {file}: the member {name} is larger than the limit of {limit_mb} MB.",
    ),
    "package.total_too_large": (
        "Gói {file} khi giải nén lớn hơn giới hạn {limit_mb} MB.",
        "The package {file} unpacks to more than the limit of {limit_mb} MB.",
    ),
    "package.too_compressible": (
        "Gói {file}: tệp {name} nén quá {limit} lần, dấu hiệu của tệp nén độc hại (zip bomb).",
        "The package {file}: the member {name} is compressed more than {limit} times, the sign of a zip bomb.",
    ),
    "package.damaged_member": (
        "Gói {file}: tệp {name} bị hỏng, không giải nén được.",
        "The package {file}: the member {name} is damaged and cannot be unpacked.",
    ),
    "package.size_mismatch": (
        "Gói {file}: tệp {name} dài {found} byte, bảng kê ghi {expected}.",
        "The package {file}: the member {name} is {found} bytes long; the manifest says {expected}.",
    ),
    "package.hash_mismatch": (
        "Gói {file}: nội dung tệp {name} không khớp mã băm đã ký (bị sửa hoặc hỏng).",
        "The package {file}: the content of {name} does not match its signed hash (altered or damaged).",
    ),
    "package.changed": (
        "Gói {file} đã thay đổi sau khi kiểm tra (tệp {name}); hãy nhập lại.",
        "The package {file} changed after it was checked (member {name}); import it again.",
    ),
    # --- what the members say ---
    "package.bad_record": (
        "Gói {file}: dòng {line} của {name} không phải một đối tượng JSON.",
        "The package {file}: line {line} of {name} is not a JSON object.",
    ),
    "package.bad_id": (
        "Gói {file}: dòng {line} của {name} không có mã bản ghi (id) hợp lệ.",
        "The package {file}: line {line} of {name} has no valid record id.",
    ),
    "package.duplicate_id": (
        "Gói {file}: bản ghi {id} xuất hiện hai lần trong {name} (dòng {line}).",
        "The package {file}: the record {id} appears twice in {name} (line {line}).",
    ),
    "package.record_count_mismatch": (
        "Gói {file}: {name} có {found} bản ghi, bảng kê ghi {expected}.",
        "The package {file}: {name} holds {found} records; the manifest says {expected}.",
    ),
    "package.bad_json": (
        "Gói {file}: tệp {name} không phải JSON hợp lệ.",
        "The package {file}: the member {name} is not valid JSON.",
    ),
}
