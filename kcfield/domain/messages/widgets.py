"""Messages the input widgets show when what was typed cannot be read (kcfield.ui.widgets).

Written like the validation messages (lower-case, ending with a full stop) because a field row or ``describe``
may put the field's label in front of them.
"""

CATALOGUE: dict[str, tuple[str, str]] = {
    "money.format": (
        "không đọc được số tiền; hãy nhập dạng 1.234.567, 300 triệu hoặc 1,5 tỷ.",
        "this is not an amount of money; type it like 1,234,567, 300 triệu or 1.5 tỷ.",
    ),
    "number.format": (
        "không đọc được số; hãy nhập dạng {example}.",
        "this is not a number; type it like {example}.",
    ),
    "number.range": (
        "giá trị {value} nằm ngoài giới hạn cho phép ({range}).",
        "the value {value} is outside the allowed limits ({range}).",
    ),
    "date.format": (
        "không đọc được ngày; hãy nhập ngày/tháng/năm, ví dụ 05/02/2025.",
        "this is not a date; type day/month/year, for example 05/02/2025.",
    ),
}
