"""Messages: validation problems (kcfield.domain.identifiers and kcfield.domain.validation).

``describe()`` puts the field label in front ("Mã số thuế: …"), so each text starts lower-case and says which
rule was broken and, where it helps, what to type instead.
"""

from __future__ import annotations

CATALOGUE: dict[str, tuple[str, str]] = {
    "required": ("bắt buộc phải nhập.", "is required."),
    # Tax code
    "tax_code.format": (
        "{value} không đúng dạng mã số thuế: phải là 10 chữ số, 13 chữ số (dạng NNNNNNNNNN-NNN) hoặc số định danh"
        " cá nhân 12 chữ số; giá trị đã nhập có {digits} chữ số.",
        "{value} is not a tax code: it must be 10 digits, 13 digits (NNNNNNNNNN-NNN) or a 12-digit personal ID"
        " number; the value entered has {digits} digits.",
    ),
    "tax_code.check_digit": (
        "mã số thuế 10 số phải có chữ số cuối là {expected} theo quy tắc kiểm tra (tổng có trọng số của 9 chữ số"
        " đầu chia cho 11), nhưng {value} có chữ số cuối là {found}; hãy kiểm tra lại từng chữ số.",
        "a 10-digit tax code must end in {expected} by the check-digit rule (weighted sum of the first 9 digits"
        " modulo 11), but {value} ends in {found}; please check each digit.",
    ),
    "tax_code.no_check_digit": (
        "9 chữ số đầu của {value} không thể tạo thành mã số thuế hợp lệ (tổng có trọng số chia hết cho 11 nên"
        " không có chữ số kiểm tra); có thể đã nhập nhầm một chữ số.",
        "the first 9 digits of {value} cannot form a valid tax code (their weighted sum is divisible by 11, so"
        " there is no check digit); a digit was probably mistyped.",
    ),
    "tax_code.zero_body": (
        "chữ số thứ 3 đến thứ 9 của {value} đều bằng 0; không có mã số thuế nào như vậy.",
        "digits 3 to 9 of {value} are all zero; no tax code is issued like that.",
    ),
    "tax_code.branch_suffix": (
        "phần đuôi 3 chữ số của mã số thuế đơn vị phụ thuộc {value} phải từ 001 đến 999.",
        "the 3-digit suffix of the dependent-unit tax code {value} must be between 001 and 999.",
    ),
    "tax_code.kind_mismatch": (
        "đã chọn loại mã {declared} nhưng mã số thuế đã nhập thuộc loại {found}.",
        "the type {declared} was chosen but the tax code entered is of type {found}.",
    ),
    "tax_code.personal_id_not_household": (
        "số định danh cá nhân 12 chữ số chỉ dùng làm mã số thuế cho hộ kinh doanh; cơ sở loại {kind} phải dùng"
        " mã số thuế 10 hoặc 13 chữ số.",
        "a 12-digit personal ID number serves as tax code only for a business household; a {kind} establishment"
        " needs a 10- or 13-digit tax code.",
    ),
    # Personal identification number
    "personal_id.format": (
        "số định danh cá nhân phải có đúng 12 chữ số; giá trị đã nhập có {digits} chữ số.",
        "a personal ID number has exactly 12 digits; the value entered has {digits}.",
    ),
    "personal_id.province": (
        "3 chữ số đầu ({province_code}) phải là mã tỉnh nơi đăng ký khai sinh theo danh sách 63 tỉnh, thành phố"
        " cũ, nhưng danh sách không có mã {province_code}.",
        "the first 3 digits ({province_code}) must be a birth-province code from the former 63-province list,"
        " which has no code {province_code}.",
    ),
    "personal_id.birth_year_future": (
        "chữ số thứ 4 đến thứ 6 cho năm sinh {year}, sau năm hiện tại; hãy kiểm tra chữ số thứ 4 (thế kỷ và giới"
        " tính) và hai chữ số năm sinh.",
        "digits 4 to 6 give the birth year {year}, which is after this year; check the 4th digit (century and"
        " sex) and the two year digits.",
    ),
    "personal_id.sex_mismatch": (
        "chữ số thứ 4 ({digit}) không khớp với giới tính đã chọn (chữ số chẵn là nam, chữ số lẻ là nữ).",
        "the 4th digit ({digit}) does not match the gender chosen (an even digit means male, an odd one female).",
    ),
    # Phone numbers
    "phone.format": (
        "{value} có ký tự không phải chữ số; chỉ dùng chữ số, có thể kèm dấu cách, dấu chấm, gạch ngang, dấu"
        " ngoặc hoặc đầu số +84.",
        "{value} contains characters other than digits; use digits, optionally with spaces, dots, dashes,"
        " parentheses or a +84 prefix.",
    ),
    "phone.length": (
        "{value} có {digits} chữ số: số di động phải có 10 chữ số (0 + mã mạng + 7 số), số cố định có 11 chữ số"
        " (02 + mã vùng + số thuê bao).",
        "{value} has {digits} digits: a mobile number has 10 (0 + network code + 7 digits) and a landline 11"
        " (02 + area code + subscriber number).",
    ),
    "phone.old_mobile": (
        "{old} là số di động 11 chữ số cũ, đã chuyển sang 10 chữ số từ năm 2018; số mới là {suggested}.",
        "{old} is an old 11-digit mobile number, renumbered to 10 digits in 2018; the new number is {suggested}.",
    ),
    "phone.unknown_network": (
        "đầu số {prefix} không thuộc các mạng di động đã biết (Viettel, VinaPhone, MobiFone, Vietnamobile,"
        " Gmobile); hãy kiểm tra lại.",
        "the prefix {prefix} belongs to none of the known mobile networks (Viettel, VinaPhone, MobiFone,"
        " Vietnamobile, Gmobile); please check it.",
    ),
    "phone.unknown_area_code": (
        "mã vùng 0{area_code} không có trong danh sách mã vùng điện thoại cố định; hãy kiểm tra lại.",
        "the area code 0{area_code} is not in the list of landline area codes; please check it.",
    ),
    "email.format": (
        "{value} không phải địa chỉ thư điện tử hợp lệ (dạng ten@tenmien.vn).",
        "{value} is not a valid email address (name@domain.vn).",
    ),
    # Position
    "coordinates.outside_vietnam": (
        "toạ độ ({latitude}, {longitude}) nằm ngoài lãnh thổ Việt Nam (vĩ độ 6,0–23,5, kinh độ 102,1–117,9, kể cả"
        " các đảo); hãy lấy lại vị trí.",
        "the position ({latitude}, {longitude}) lies outside Vietnam (latitude 6.0–23.5, longitude 102.1–117.9,"
        " islands included); please take the position again.",
    ),
    "coordinates.swapped": (
        "toạ độ ({latitude}, {longitude}) nằm ngoài Việt Nam nhưng sẽ đúng nếu đổi chỗ vĩ độ và kinh độ; có lẽ đã"
        " nhập nhầm thứ tự.",
        "the position ({latitude}, {longitude}) lies outside Vietnam but would be inside with latitude and"
        " longitude swapped; they were probably entered the wrong way round.",
    ),
    "coordinates.incomplete": (
        "cần nhập đủ cả vĩ độ và kinh độ, hoặc để trống cả hai.",
        "enter both latitude and longitude, or neither.",
    ),
    # Numbers, dates
    "money.negative": ("số tiền không được âm.", "an amount of money cannot be negative."),
    "number.negative": ("giá trị phải là số không âm.", "the value must be a non-negative number."),
    "count.negative": ("số người không được âm.", "a number of people cannot be negative."),
    "percent.range": (
        "tỷ lệ phần trăm phải từ 0 đến 100 (đang là {value}).",
        "a percentage must be between 0 and 100 (it is {value}).",
    ),
    "date.future": (
        "ngày {date} ở sau ngày hôm nay; không được nhập ngày trong tương lai.",
        "the date {date} is after today; dates in the future are not allowed.",
    ),
    "year_founded.range": (
        "năm thành lập phải từ {min} đến {max} (đang là {value}).",
        "the year founded must be between {min} and {max} (it is {value}).",
    ),
    "year_founded.after_registration": (
        "năm thành lập {year} sau năm đăng ký {registered}; cơ sở thường thành lập trước hoặc trong năm đăng ký.",
        "the year founded, {year}, is after the registration year {registered}; an establishment is normally"
        " founded before or in the year it registers.",
    ),
    # Establishment
    "legal_form.not_enterprise": (
        "chỉ doanh nghiệp (DN) mới có loại hình doanh nghiệp; cơ sở này thuộc loại {kind}.",
        "only an enterprise (DN) has a legal form; this establishment is of type {kind}.",
    ),
    "workers.insured_exceeds_total": (
        "số lao động có bảo hiểm xã hội ({insured}) không được lớn hơn tổng số lao động ({total}).",
        "the number of insured workers ({insured}) cannot exceed the total number of workers ({total}).",
    ),
    "workers.female_exceeds_total": (
        "số lao động nữ ({female}) không được lớn hơn tổng số lao động ({total}).",
        "the number of female workers ({female}) cannot exceed the total number of workers ({total}).",
    ),
    "ocop.range": (
        "sản phẩm OCOP được xếp hạng từ 1 đến 5 sao (đang là {value}).",
        "OCOP products are rated from 1 to 5 stars (it is {value}).",
    ),
    "capacity.unit_missing": (
        "đã nhập công suất nhưng chưa ghi đơn vị (ví dụ: tấn/năm, sản phẩm/tháng).",
        "a capacity was entered without its unit (e.g. tonnes/year, pieces/month).",
    ),
    "vsic.format": (
        "{value} không phải mã ngành VSIC (mã cấp 1 là một chữ cái A–U, mã cấp 2 đến cấp 5 gồm 2 đến 5 chữ số).",
        "{value} is not a VSIC code (level 1 is a letter A–U, levels 2 to 5 are 2 to 5 digits).",
    ),
    "vsic.version_missing": (
        "cần ghi phiên bản hệ thống ngành kinh tế (VSIC 2018 hay VSIC 2025) vì cùng một mã có thể mang nghĩa khác"
        " nhau giữa hai phiên bản.",
        "state the VSIC version (2018 or 2025): the same code can mean different things in the two versions.",
    ),
    "craft_village.name_missing": (
        "cơ sở thuộc làng nghề được công nhận thì phải ghi tên làng nghề.",
        "an establishment in a recognised craft village needs the village's name.",
    ),
    # Visit
    "time.end_before_start": (
        "giờ kết thúc ({end}) phải sau giờ bắt đầu ({start}).",
        "the end time ({end}) must be after the start time ({start}).",
    ),
    # Equipment need
    "quantity.not_positive": ("số lượng phải lớn hơn 0.", "the quantity must be greater than 0."),
    "need.own_exceeds_cost": (
        "vốn đối ứng ({amount} đồng) không được lớn hơn giá trị thiết bị ({cost} đồng = số lượng × đơn giá).",
        "the own contribution ({amount} VND) cannot exceed the equipment cost ({cost} VND = quantity × unit price).",
    ),
    "need.support_exceeds_cost": (
        "kinh phí đề nghị hỗ trợ ({amount} đồng) không được lớn hơn giá trị thiết bị ({cost} đồng = số lượng ×"
        " đơn giá).",
        "the requested support ({amount} VND) cannot exceed the equipment cost ({cost} VND = quantity × unit price).",
    ),
    "need.shares_exceed_cost": (
        "vốn đối ứng cộng kinh phí đề nghị hỗ trợ ({amount} đồng) lớn hơn giá trị thiết bị ({cost} đồng).",
        "the own contribution plus the requested support ({amount} VND) exceed the equipment cost ({cost} VND).",
    ),
}
