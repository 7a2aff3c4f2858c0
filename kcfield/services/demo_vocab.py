"""Words for realistic demo data in the communes of former Bà Rịa–Vũng Tàu (not reference data)."""

from __future__ import annotations

from dataclasses import dataclass

SURNAMES = (
    ("Nguyễn", 38), ("Trần", 11), ("Lê", 9), ("Phạm", 7), ("Huỳnh", 5), ("Hoàng", 4), ("Phan", 4), ("Võ", 4),
    ("Vũ", 3), ("Đặng", 2), ("Bùi", 2), ("Đỗ", 2), ("Hồ", 2), ("Ngô", 2), ("Dương", 1), ("Lý", 1), ("Đinh", 1),
    ("Trương", 1), ("Lâm", 1), ("Châu", 1),
)  # fmt: skip
MALE_MIDDLE = ("Văn", "Hữu", "Đức", "Minh", "Quốc", "Thanh", "Công", "Tấn", "Ngọc", "Hoàng")
FEMALE_MIDDLE = ("Thị", "Thị", "Thị", "Ngọc", "Thanh", "Kim", "Mỹ", "Thu", "Hồng", "Bích")
MALE_GIVEN = (
    "Hùng", "Dũng", "Tuấn", "Phúc", "Tài", "Lộc", "Thành", "Hải", "Sơn", "Long", "Nam", "Bình", "Tâm", "Trung",
    "Đạt", "Khoa", "Nghĩa", "Quang", "Thắng", "Toàn", "Vinh", "Hiếu", "Lợi", "Phước", "Sang", "Tám", "Tư",
)  # fmt: skip
FEMALE_GIVEN = (
    "Lan", "Hoa", "Hương", "Mai", "Thảo", "Hạnh", "Loan", "Nga", "Phượng", "Trang", "Tuyết", "Yến", "Dung",
    "Hằng", "Liên", "Ngọc", "Nhung", "Oanh", "Thủy", "Vân", "Xuân", "Cúc", "Đào", "Ánh",
)  # fmt: skip
TITLES = ("Chủ cơ sở", "Giám đốc", "Phó giám đốc", "Chủ nhiệm HTX", "Tổ trưởng", "Quản lý sản xuất")
VILLAGES_RURAL = (
    "Ấp Bắc", "Ấp Nam", "Ấp Đông", "Ấp Tây", "Ấp 1", "Ấp 2", "Ấp 3", "Ấp 4", "Ấp Phước Lợi", "Ấp Hải Sơn",
    "Ấp Láng Găng", "Ấp Gò Cát", "Ấp Bàu Ngứa", "Ấp Suối Lúp", "Ấp Tân Hòa", "Ấp An Thạnh", "Ấp Hội Mỹ",
)  # fmt: skip
VILLAGES_URBAN = ("Khu phố 1", "Khu phố 2", "Khu phố 3", "Khu phố 4", "Khu phố 5", "Khu phố Hải Trung")
STREETS = (
    "Quốc lộ 55", "Quốc lộ 51", "Quốc lộ 56", "Tỉnh lộ 44A", "Tỉnh lộ 328", "Đường 30/4", "Đường Võ Văn Kiệt",
    "Đường Trần Hưng Đạo", "Đường Lê Lợi", "Đường Nguyễn Văn Cừ", "Đường Hùng Vương", "Đường Độc Lập",
    "Đường Cách Mạng Tháng Tám", "Đường Nguyễn Tất Thành", "Đường ven biển",
)  # fmt: skip
PLACE_WORDS = ("Phước Thành", "Hải Đăng", "Thành Đạt", "Tân Phát", "Long Hải", "Minh Phú", "Bình An", "Phú Quý")
MOBILE_PREFIXES = ("032", "033", "034", "035", "036", "037", "038", "039", "086", "096", "097", "098", "081",
                   "082", "083", "084", "085", "088", "091", "094", "070", "076", "077", "078", "079", "089",
                   "090", "093", "056", "058", "059")  # fmt: skip
PURPOSES = (
    "Khảo sát, cập nhật thông tin cơ sở CNNT năm 2026",
    "Khảo sát nhu cầu hỗ trợ máy móc thiết bị tiên tiến",
    "Đánh giá nhanh sản xuất sạch hơn",
    "Kiểm tra tình hình sử dụng máy móc được hỗ trợ",
    "Tư vấn lập hồ sơ đề án khuyến công",
)
OBSERVATIONS = (
    "Nhà xưởng thông thoáng, máy móc cũ, tiêu hao điện cao ở công đoạn sấy.",
    "Cơ sở hoạt động ổn định, có nhu cầu mở rộng thị trường tiêu thụ.",
    "Nước thải chưa được thu gom riêng; khu chứa nguyên liệu chưa có mái che.",
    "Lò đốt thủ công, khói nhiều; chủ cơ sở quan tâm đến lò sấy tiết kiệm năng lượng.",
    "Người lao động chưa sử dụng đầy đủ bảo hộ lao động.",
    "Sản phẩm đã có nhãn mác, đang chuẩn bị hồ sơ đánh giá OCOP.",
)
RECOMMENDATIONS = (
    "Lắp đồng hồ đo điện, nước riêng cho từng công đoạn.",
    "Bảo ôn đường ống hơi, sửa chỗ rò rỉ.",
    "Lập hồ sơ đề nghị hỗ trợ máy móc thiết bị năm sau.",
    "Tham gia lớp tập huấn sản xuất sạch hơn của Trung tâm.",
    "Phân loại chất thải rắn tại nguồn, bán phế liệu cho đơn vị thu mua.",
)


@dataclass(frozen=True)
class Activity:
    """One kind of rural industrial activity: VSIC code, sector group and what it makes and needs."""

    vsic: str
    group: str
    short: str  # as it appears in a name: "chế biến hải sản"
    title: str  # in a company name: "Chế biến Hải sản"
    products: tuple[str, ...]
    capacity_unit: str
    weight: int
    equipment: tuple[tuple[str, int], ...]  # (equipment, typical unit price in million VND)
    inputs: tuple[tuple[str, str, str, str], ...]  # (category, name, unit, carrier)
    output_unit: str = "t"


ACTIVITIES = (
    Activity("1020", "a", "chế biến hải sản", "Chế biến Hải sản", ("nước mắm", "khô cá", "tôm khô", "mực khô"),
             "tấn/năm", 14, (("Máy sấy hải sản bằng nhiệt heat pump", 450), ("Kho lạnh bảo quản 20 tấn", 600),
                              ("Máy hút chân không đóng gói", 120)),
             (("material", "Cá tươi", "t", ""), ("energy", "Điện năng", "kWh", "electricity"),
              ("water", "Nước sạch", "m3", ""), ("material", "Muối", "t", ""))),
    Activity("1030", "a", "chế biến hạt điều", "Chế biến Điều", ("nhân điều", "hạt điều rang muối"), "tấn/năm", 8,
             (("Máy cắt tách vỏ hạt điều tự động", 380), ("Lò hấp điều bằng hơi", 250)),
             (("material", "Hạt điều thô", "t", ""), ("energy", "Điện năng", "kWh", "electricity"),
              ("energy", "Củi", "kg", "firewood"))),
    Activity("1061", "a", "xay xát lúa gạo", "Lương thực", ("gạo", "gạo lứt"), "tấn/năm", 6,
             (("Máy xay xát liên hoàn", 520), ("Máy tách màu gạo", 900)),
             (("material", "Lúa", "t", ""), ("energy", "Điện năng", "kWh", "electricity"))),
    Activity("1062", "a", "sản xuất tinh bột mì", "Tinh bột", ("tinh bột sắn",), "tấn/năm", 3,
             (("Máy ly tâm tách bã", 700), ("Hệ thống thu hồi biogas", 800)),
             (("material", "Củ sắn tươi", "t", ""), ("water", "Nước giếng", "m3", ""),
              ("energy", "Điện năng", "kWh", "electricity"))),
    Activity("1071", "a", "làm bánh", "Thực phẩm", ("bánh tráng", "bánh pía", "bánh bông lan"), "tấn/năm", 8,
             (("Lò nướng bánh đối lưu", 180), ("Máy tráng bánh tự động", 220)),
             (("material", "Bột gạo", "t", ""), ("energy", "Khí hóa lỏng LPG", "kg", "lpg"),
              ("energy", "Điện năng", "kWh", "electricity"))),
    Activity("1074", "a", "sản xuất bún, hủ tiếu", "Thực phẩm", ("bún tươi", "hủ tiếu", "bánh phở"), "tấn/năm", 6,
             (("Máy ép bún liên hoàn", 160), ("Nồi hơi đốt trấu 0,5 tấn hơi/giờ", 300)),
             (("material", "Gạo", "t", ""), ("energy", "Trấu", "kg", "rice_husk"),
              ("water", "Nước sạch", "m3", ""))),
    Activity("1080", "a", "sản xuất thức ăn chăn nuôi", "Thức ăn Chăn nuôi", ("thức ăn gia súc", "cám viên"),
             "tấn/năm", 3, (("Máy ép viên thức ăn", 350),),
             (("material", "Ngô, cám", "t", ""), ("energy", "Điện năng", "kWh", "electricity"))),
    Activity("1101", "b", "nấu rượu", "Rượu", ("rượu gạo", "rượu trái cây"), "lít/năm", 3,
             (("Nồi chưng cất rượu bằng inox", 140),),
             (("material", "Gạo nếp", "t", ""), ("energy", "Củi", "kg", "firewood"))),
    Activity("1610", "b", "cưa xẻ gỗ", "Gỗ", ("gỗ xẻ", "ván"), "m3/năm", 4,
             (("Máy cưa CD tự động", 260), ("Lò sấy gỗ bằng hơi", 480)),
             (("material", "Gỗ tròn", "m3", ""), ("energy", "Điện năng", "kWh", "electricity")), "m3"),
    Activity("1629", "dd", "đan lát mây tre", "Mây tre đan", ("giỏ mây", "bàn ghế mây", "đồ trang trí tre"),
             "sản phẩm/năm", 7, (("Máy chẻ nan tre", 90), ("Máy chà nhám", 60)),
             (("material", "Mây, tre", "t", ""), ("energy", "Điện năng", "kWh", "electricity")), "piece"),
    Activity("2392", "c", "sản xuất gạch", "Vật liệu Xây dựng", ("gạch đất nung", "gạch không nung"),
             "nghìn viên/năm", 3, (("Máy ép gạch không nung", 650), ("Lò nung tuynen", 2500)),
             (("material", "Đất sét", "t", ""), ("energy", "Than đá", "kg", "coal_anthracite"),
              ("energy", "Điện năng", "kWh", "electricity")), "kpiece"),
    Activity("2395", "c", "sản xuất bê tông, cấu kiện", "Bê tông", ("cống bê tông", "trụ điện", "gạch block"),
             "m3/năm", 4, (("Trạm trộn bê tông mini", 800), ("Máy rung ép cống", 400)),
             (("material", "Xi măng", "t", ""), ("material", "Cát, đá", "m3", ""),
              ("energy", "Điện năng", "kWh", "electricity")), "m3"),
    Activity("2396", "c", "chế tác đá", "Đá", ("đá ốp lát", "bia mộ"), "m2/năm", 2,
             (("Máy cắt đá CNC", 900),), (("material", "Đá khối", "t", ""),
                                           ("energy", "Điện năng", "kWh", "electricity"))),
    Activity("2592", "d", "gia công cơ khí", "Cơ khí", ("khung nhà thép", "cửa sắt", "chi tiết máy"),
             "tấn/năm", 8, (("Máy cắt plasma CNC", 420), ("Máy chấn tôn thủy lực", 550)),
             (("material", "Thép tấm, thép hình", "t", ""), ("energy", "Điện năng", "kWh", "electricity"))),
    Activity("2821", "d", "chế tạo máy nông nghiệp", "Cơ khí Nông nghiệp", ("máy tuốt lúa", "máy cày mini"),
             "cái/năm", 2, (("Máy tiện CNC", 750), ("Máy hàn robot", 980)),
             (("material", "Thép", "t", ""), ("energy", "Điện năng", "kWh", "electricity")), "piece"),
    Activity("3101", "b", "sản xuất đồ gỗ", "Đồ gỗ", ("bàn ghế gỗ", "tủ gỗ", "giường"), "sản phẩm/năm", 6,
             (("Máy chép hình CNC 4 đầu", 480), ("Dây chuyền sơn tĩnh điện gỗ", 1200)),
             (("material", "Gỗ xẻ", "m3", ""), ("energy", "Điện năng", "kWh", "electricity"),
              ("chemical", "Sơn PU", "kg", "")), "piece"),
    Activity("3312", "d", "sửa chữa máy móc", "Cơ điện", ("sửa chữa máy nông nghiệp", "bảo dưỡng máy tàu cá"),
             "lượt/năm", 3, (("Máy tiện vạn năng", 200),),
             (("material", "Phụ tùng", "t", ""), ("energy", "Điện năng", "kWh", "electricity")), "piece"),
)  # fmt: skip
