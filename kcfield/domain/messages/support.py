"""Messages: the support an equipment need may get (codes emitted by kcfield.domain.support).

Fragments of a chain like ``messages/eligibility.py``: lower case, no final full stop, joined with "; ".
Money params are whole đồng (grouped by ``messages.text``), ``pct`` and ``*multiplier`` are numbers rendered
with the reader's decimal mark. ``support.excluded`` gets the exclusion's name in both languages from the rule
data (``exclusion_vi`` / ``exclusion_en``); each text uses its own, the only place the fields differ.
"""

from __future__ import annotations

CATALOGUE: dict[str, tuple[str, str]] = {
    "support.no_rule": (
        "không có quy định hỗ trợ máy móc thiết bị nào có hiệu lực ngày {on} nên không tính được mức hỗ trợ",
        "no machinery support rule was in force on {on}, so no support can be worked out",
    ),
    "support.not_new": (
        "máy móc thiết bị không phải loại mới nên không được hỗ trợ ({legal_basis})",
        "the equipment is not new, so it cannot be supported ({legal_basis})",
    ),
    "support.excluded": (
        "thuộc trường hợp không được hỗ trợ: {exclusion_vi} ({legal_basis})",
        "this is a case that cannot be supported: {exclusion_en} ({legal_basis})",
    ),
    "support.double_funding": (
        "hạng mục này đã được ngân sách nhà nước hỗ trợ, mỗi hạng mục chỉ được hỗ trợ một lần ({legal_basis})",
        "this item has already received state support and an item may be supported only once ({legal_basis})",
    ),
    "support.exclusion_not_listed": (
        "mã loại trừ {exclusion} không có trong danh mục loại trừ của {legal_basis} nên không được xét",
        "the exclusion code {exclusion} is not among the exclusions of {legal_basis}, so it is not applied",
    ),
    "support.no_cost": (
        "chưa có số lượng hoặc đơn giá nên chưa tính được mức hỗ trợ",
        "the quantity or unit price is missing, so the support cannot be worked out",
    ),
    "support.lump_sum": (
        "{legal_basis} hỗ trợ theo mức khoán, không theo tỷ lệ chi phí; chi phí là {cost} ₫",
        "{legal_basis} gives a lump sum, not a share of the cost; the cost is {cost} VND",
    ),
    "support.share": (
        "{pct}% của {cost} ₫ là {amount} ₫",
        "{pct}% of {cost} VND is {amount} VND",
    ),
    "support.cap": (
        "mức trần là {cap} ₫ ({legal_basis})",
        "the cap is {cap} VND ({legal_basis})",
    ),
    "support.cap_line": (
        "mức trần cho dây chuyền công nghệ là {multiplier} × {base_cap} ₫ = {cap} ₫ ({legal_basis})",
        "the cap for a technology line is {multiplier} × {base_cap} VND = {cap} VND ({legal_basis})",
    ),
    "support.cap_priority": (
        "mức trần cho địa bàn, lĩnh vực ưu tiên là {multiplier} × {base_cap} ₫ = {cap} ₫ ({legal_basis})",
        "the cap for a priority area or sector is {multiplier} × {base_cap} VND = {cap} VND ({legal_basis})",
    ),
    "support.cap_line_and_priority": (
        "là dây chuyền công nghệ (hệ số {line_multiplier}) và thuộc diện ưu tiên (hệ số {priority_multiplier});"
        " hai hệ số không nhân dồn mà áp dụng hệ số lớn hơn, nên mức trần là {multiplier} × {base_cap} ₫ ="
        " {cap} ₫ ({legal_basis})",
        "a technology line (factor {line_multiplier}) with priority (factor {priority_multiplier}); the factors"
        " do not multiply, the larger one applies, so the cap is {multiplier} × {base_cap} VND = {cap} VND"
        " ({legal_basis})",
    ),
    "support.no_line_multiplier": (
        "{legal_basis} không có mức trần riêng cho dây chuyền công nghệ",
        "{legal_basis} has no higher cap for a technology line",
    ),
    "support.no_priority_multiplier": (
        "{legal_basis} không có mức trần riêng cho địa bàn, lĩnh vực ưu tiên",
        "{legal_basis} has no higher cap for priority areas or sectors",
    ),
    "support.capped": (
        "vượt mức trần nên hỗ trợ tối đa {allowed} ₫",
        "this is above the cap, so the support is at most {allowed} VND",
    ),
    "support.within_cap": (
        "không vượt mức trần nên hỗ trợ tối đa {allowed} ₫",
        "this is within the cap, so the support is at most {allowed} VND",
    ),
    "support.limited_by_request": (
        "cơ sở chỉ đề nghị hỗ trợ {requested} ₫, thấp hơn mức tối đa {limit} ₫, nên hỗ trợ {requested} ₫",
        "the establishment asks for only {requested} VND, less than the {limit} VND allowed, so the support is"
        " {requested} VND",
    ),
    "support.request_exceeds": (
        "cơ sở đề nghị {requested} ₫, vượt mức tối đa {limit} ₫",
        "the establishment asks for {requested} VND, more than the {limit} VND allowed",
    ),
}
