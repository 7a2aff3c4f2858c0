"""Messages: the passphrase that may protect the collaborator's private key."""

from __future__ import annotations

CATALOGUE: dict[str, tuple[str, str]] = {
    "key.locked": (
        "Khoá riêng {path} được bảo vệ bằng mật khẩu: hãy nhập mật khẩu khoá để ký, xuất hoặc nhập gói"
        " (dòng lệnh: đặt biến môi trường KCFIELD_KEY_PASSPHRASE hoặc chạy trong cửa sổ dòng lệnh để được hỏi).",
        "The private key {path} is protected by a passphrase: enter the key passphrase to sign, export or import"
        " packages (command line: set KCFIELD_KEY_PASSPHRASE or run in a terminal to be asked).",
    ),
    "key.wrong_passphrase": (
        "Mật khẩu không mở được khoá riêng {path}. Hãy gõ lại (chú ý bộ gõ tiếng Việt và phím Caps Lock).",
        "The passphrase does not open the private key {path}. Type it again (mind the keyboard layout and Caps Lock).",
    ),
    "key.passphrase_too_short": (
        "Mật khẩu khoá cần ít nhất {minimum} ký tự.",
        "The key passphrase needs at least {minimum} characters.",
    ),
    "key.passphrase_mismatch": (
        "Hai lần nhập mật khẩu mới không giống nhau.",
        "The two entries of the new passphrase differ.",
    ),
    "key.passphrase_set": (
        "Đã bảo vệ khoá riêng bằng mật khẩu. Hãy ghi nhớ mật khẩu: quên nó thì phải tạo khoá mới và đăng ký lại"
        " với Trung tâm.",
        "The private key is now protected by a passphrase. Remember it: without it a new key must be made and"
        " enrolled with the centre again.",
    ),
    "key.passphrase_removed": (
        "Đã bỏ mật khẩu bảo vệ khoá riêng.",
        "The private key is no longer protected by a passphrase.",
    ),
    "cli.key_passphrase_current": ("Mật khẩu hiện tại của khoá:", "Current key passphrase:"),
    "cli.key_passphrase_new": ("Mật khẩu mới (ít nhất 8 ký tự):", "New passphrase (at least 8 characters):"),
    "cli.key_passphrase_repeat": ("Nhập lại mật khẩu mới:", "New passphrase again:"),
    "cli.key_fingerprint": (
        "Dấu vân tay khoá (không đổi): {fingerprint}",
        "Key fingerprint (unchanged): {fingerprint}",
    ),
}
