"""Messages: positions (kcfield.geo).

``coordinates.unreadable`` is raised as an error and shown on its own, so it is a whole sentence; the others
are problems that ``describe()`` puts behind the field label, so they start lower-case.
"""

from __future__ import annotations

CATALOGUE: dict[str, tuple[str, str]] = {
    "coordinates.unreadable": (
        "Không đọc được toạ độ «{text}». Hãy nhập vĩ độ rồi kinh độ, ví dụ 10.4912, 107.2714 hoặc"
        " 10°29'28\"B 107°16'17\"Đ (B = Bắc, N = Nam, Đ = Đông, T = Tây), hoặc dán đường dẫn Google Maps.",
        "Cannot read the position «{text}». Enter latitude then longitude, e.g. 10.4912, 107.2714 or"
        " 10°29'28\"N 107°16'17\"E, or paste a Google Maps link.",
    ),
    "coordinates.outside_named_province": (
        "toạ độ ({latitude}, {longitude}) nằm ngoài địa bàn {province} của cơ sở; hãy kiểm tra lại vị trí"
        " (vĩ độ, kinh độ có bị đảo hay gõ nhầm không) hoặc địa chỉ của cơ sở.",
        "the position ({latitude}, {longitude}) lies outside {province}, where the establishment is recorded;"
        " please check the position (latitude and longitude swapped or mistyped?) or the establishment's address.",
    ),
    "coordinates.outside_province": (
        "toạ độ ({latitude}, {longitude}) nằm ngoài phạm vi của tỉnh, thành phố đã chọn; hãy kiểm tra lại vị trí"
        " hoặc địa bàn.",
        "the position ({latitude}, {longitude}) lies outside the chosen province or city; please check the"
        " position or the address.",
    ),
    "coordinates.far_from_establishment": (
        "vị trí ghi nhận khi khảo sát cách vị trí của cơ sở {distance_m} m (quá {threshold_m} m); hãy kiểm tra"
        " lại toạ độ của cơ sở hoặc của lần khảo sát.",
        "the position recorded at the visit is {distance_m} m from the establishment's position (more than"
        " {threshold_m} m); please check the establishment's or the visit's coordinates.",
    ),
}
