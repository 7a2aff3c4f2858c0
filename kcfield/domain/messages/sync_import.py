"""Messages: importing packages at the centre and at the field (kcfield.centre.importer, field imports)."""

from __future__ import annotations

CATALOGUE: dict[str, tuple[str, str]] = {
    "package.revoked_key": (
        "Gói «{file}» được ký bằng khoá của cộng tác viên {collaborator}, khoá này đã bị thu hồi; Trung tâm không"
        " nhận gói này.",
        "Package «{file}» is signed with the key of collaborator {collaborator}, which has been revoked; the centre"
        " does not accept it.",
    ),
    "package.wrong_kind": (
        "«{file}» là gói loại «{kind}», không phải gói dữ liệu của cộng tác viên.",
        "«{file}» is a «{kind}» package, not a collaborator's data package.",
    ),
    "package.sender_mismatch": (
        "Gói «{file}» ghi người gửi là «{sender}» nhưng được ký bằng khoá của người khác.",
        "Package «{file}» names «{sender}» as its sender but is signed with someone else's key.",
    ),
    "package.bad_sequence": (
        "Gói «{file}» có số thứ tự {sequence} không hợp lệ (phải từ 1 trở lên).",
        "Package «{file}» has an invalid sequence number {sequence} (it must be 1 or more).",
    ),
    "package.id_reused": (
        "Đã nhận một gói khác có cùng mã gói; gói này bị từ chối để không ghi đè.",
        "Another package with the same package id was received before; this one is refused rather than overwrite it.",
    ),
    "package.sequence_used": (
        "Máy này đã gửi một gói khác với cùng số thứ tự; gói này bị từ chối (có thể máy đã được khôi phục từ bản"
        " sao lưu cũ).",
        "This device already sent another package with the same sequence number; this one is refused (the device"
        " may have been restored from an old backup).",
    ),
    "package.chain_broken": (
        "Gói không nối tiếp gói trước của cùng máy (mã băm của gói trước không khớp); gói bị từ chối.",
        "The package does not follow the device's previous package (the previous package's hash does not match);"
        " it is refused.",
    ),
    "sync.unknown_owner": (
        "bản ghi thuộc một cơ sở hoặc lượt khảo sát mà Trung tâm chưa có",
        "the record belongs to an establishment or visit the centre does not have",
    ),
    "sync.unknown_reference": (
        "Bản ghi {entity} {id} ghi mã {value} ở cột {column}, nhưng danh mục trên máy này chưa có mã đó (danh mục"
        " xã/phường, tỉnh/thành cũ hơn nơi gửi); gói không được áp dụng. Hãy cập nhật danh mục (gói danh mục mới"
        " của Trung tâm, hoặc phiên bản kcfield mới) rồi nhập lại.",
        "Record {entity} {id} has the code {value} in {column}, which the reference data here does not have (older"
        " commune or province lists than the sender's); the package was not applied. Update the reference data (a"
        " newer reference package from the centre, or a newer kcfield), then import it again.",
    ),
    "sync.bad_record": (
        "Bản ghi {entity} {id} không đọc được: {reason}",
        "Record {entity} {id} cannot be read: {reason}",
    ),
    "centre.import_missing": ("Không có tệp «{file}».", "There is no file «{file}»."),
    "centre.import_rejected": ("{file}: TỪ CHỐI — {reason}", "{file}: REFUSED — {reason}"),
    "centre.import_held": (
        "{file}: đang giữ lại, chờ gói số {waiting_for} của cùng máy gửi trước",
        "{file}: held, waiting for the same device's package number {waiting_for}",
    ),
    "centre.import_duplicate": (
        "{file}: đã nhận trước đây, không thay đổi gì; biên nhận: {receipt}",
        "{file}: received before, nothing changed; receipt: {receipt}",
    ),
    "centre.import_applied": (
        "{file}: đã nhận — {applied} bản ghi cập nhật, {merged} gộp, {conflicts} xung đột, {rejected} từ chối;"
        " biên nhận: {receipt}",
        "{file}: accepted — {applied} records applied, {merged} merged, {conflicts} conflicts, {rejected} refused;"
        " receipt: {receipt}",
    ),
    "centre.conflict_resolved": (
        "Xung đột số {id} đã được giải quyết trước đó.",
        "Conflict {id} was resolved already.",
    ),
    "centre.unknown_conflict": ("Không có xung đột số {id}.", "There is no conflict {id}."),
    "centre.conflict_id_needed": (
        "Hãy cho biết số của xung đột (xem «kcfield-centre conflicts list»).",
        "Give the conflict's number (see «kcfield-centre conflicts list»).",
    ),
    "centre.take_needed": (
        "Hãy cho biết giữ giá trị nào: --take field (của cộng tác viên), --take centre (của Trung tâm) hoặc một"
        " giá trị mới.",
        "Say which value to keep: --take field (the collaborator's), --take centre (the centre's) or a new value.",
    ),
    "centre.conflicts_none": ("Không có xung đột nào đang chờ.", "No conflict is waiting."),
    "centre.conflict_line": (
        "#{id}  {entity} {record}  «{field}»: Trung tâm = {centre}; cộng tác viên {sender} = {value}",
        "#{id}  {entity} {record}  «{field}»: centre = {centre}; collaborator {sender} = {value}",
    ),
    "centre.conflict_done": (
        "Đã giải quyết xung đột #{id}: «{field}» = {value}. Gói danh mục tiếp theo sẽ mang giá trị này tới các máy.",
        "Conflict #{id} resolved: «{field}» = {value}. The next reference packages carry it to the laptops.",
    ),
    "centre.reference_done": (
        "Đã ghi gói danh mục cho {collaborator}: {establishments} cơ sở, {assignments} phân công → {path}",
        "Wrote the reference package for {collaborator}: {establishments} establishments, {assignments}"
        " assignments → {path}",
    ),
    "sync_import.not_for_you": (
        "Gói «{file}» gửi cho cộng tác viên «{recipient}», không phải cho máy này.",
        "Package «{file}» is addressed to collaborator «{recipient}», not to this laptop.",
    ),
    "sync_import.untrusted": (
        "Gói «{file}» không được ký bằng khoá của Trung tâm mà máy này tin cậy. Nếu máy chưa nhận Trung tâm, hãy"
        " nhập gói chào mừng (welcome) mà Trung tâm gửi khi đăng ký trước.",
        "Package «{file}» is not signed with the centre key this laptop trusts. If the laptop has no centre yet,"
        " import the welcome package the centre wrote at enrolment first.",
    ),
    "sync_import.wrong_kind": (
        "«{file}» là gói loại «{kind}»; máy cộng tác viên chỉ nhận biên nhận và gói danh mục của Trung tâm.",
        "«{file}» is a «{kind}» package; a collaborator's laptop takes only the centre's receipts and reference"
        " packages.",
    ),
    "sync_import.bad_receipt": (
        "Biên nhận «{file}» không đọc được (thiếu danh sách bản ghi).",
        "The receipt «{file}» cannot be read (its list of records is missing).",
    ),
    "sync_import.unknown_package": (
        "Biên nhận «{file}» nói về một gói mà máy này không gửi.",
        "The receipt «{file}» is about a package this laptop did not send.",
    ),
    "cli.import_receipt": (
        "{file}: biên nhận của gói {package} — {summary}",
        "{file}: receipt for package {package} — {summary}",
    ),
    "cli.import_reference": (
        "{file}: gói danh mục của Trung tâm — {summary}",
        "{file}: the centre's reference package — {summary}",
    ),
    "cli.import_trusted": (
        "Máy này từ nay tin cậy khoá của Trung tâm, dấu vân tay: {fingerprint}. Hãy đọc so với Trung tâm.",
        "This laptop now trusts the centre's key, fingerprint: {fingerprint}. Read it aloud against the centre's.",
    ),
    "centre.enrolled": (
        "Đã đăng ký {collaborator} ({name}), dấu vân tay khoá: {fingerprint}; gói chào mừng: {path}",
        "Enrolled {collaborator} ({name}), key fingerprint: {fingerprint}; welcome package: {path}",
    ),
    "cli.profile_done": (
        "Hồ sơ cộng tác viên: {code} — {name}; dấu vân tay khoá: {fingerprint}",
        "Collaborator profile: {code} — {name}; key fingerprint: {fingerprint}",
    ),
    "cli.bad_change": (
        "Không hiểu thay đổi «{change}»: hãy viết TÊN_TRƯỜNG=GIÁ_TRỊ với tên trường của hồ sơ cơ sở.",
        "Cannot read the change «{change}»: write FIELD=VALUE with a field of the establishment profile.",
    ),
    "cli.edit_done": ("Đã lưu «{name}»: {fields}", "Saved «{name}»: {fields}"),
    "sync_import.bad_dataset": (
        "Dữ liệu tham chiếu trong gói của Trung tâm không đọc được: {reason}",
        "Reference data in the centre's package cannot be read: {reason}",
    ),
    "centre.unknown_dataset": (
        "Không có bộ dữ liệu tham chiếu «{name}». Các bộ có: {known}.",
        "There is no reference dataset «{name}». The datasets are: {known}.",
    ),
    "centre.bad_version": (
        "Phiên bản «{version}» không hợp lệ: hãy dùng các số cách nhau bằng dấu chấm, ví dụ 2026.2.",
        "Version «{version}» is not valid: use numbers separated by dots, e.g. 2026.2.",
    ),
    "centre.version_not_newer": (
        "Bộ «{name}» đang ở phiên bản {current}; phiên bản mới ({version}) phải lớn hơn.",
        "Dataset «{name}» is at version {current}; the new version ({version}) must be higher.",
    ),
    "centre.dataset_loaded": (
        "Đã nạp «{name}» phiên bản {version}; các gói danh mục từ nay mang bộ dữ liệu này tới các máy.",
        "Loaded «{name}» version {version}; reference packages now carry it to the laptops.",
    ),
}
