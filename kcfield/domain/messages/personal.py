"""Messages: personal data — which personal fields the centre collects (kcfield.domain.personal)."""

from __future__ import annotations

CATALOGUE: dict[str, tuple[str, str]] = {
    "personal.unknown_field": (
        "Không có trường dữ liệu cá nhân «{name}»; các trường có thể thu thập: {known}.",
        "There is no personal data field '{name}'; the fields that can be collected are: {known}.",
    ),
    "personal.collect": (
        "Trung tâm thu thập: {collect}. Không thu thập (máy trạm không gửi): {withheld}.",
        "The centre collects: {collect}. Not collected (laptops do not send them): {withheld}.",
    ),
    "personal.nothing": (
        "(không có)",
        "(none)",
    ),
    "personal.bad_setting": (
        "Gói {file} có thiết lập dữ liệu cá nhân không đọc được ({reason}); không có gì thay đổi.",
        "Package {file} has an unreadable personal data setting ({reason}); nothing changed.",
    ),
}
