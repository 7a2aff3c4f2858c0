"""Messages: SME size, CNNT eligibility and priority criteria (codes emitted by kcfield.domain.eligibility).

Each text is a fragment of a chain: it starts in lower case and has no final full stop, because
``eligibility.explain`` joins the steps with "; " and capitalises the first letter. Params ending in
``_term`` are message codes rendered in the same language (the ``*.term.*`` entries below).
"""

from __future__ import annotations

_SIZE: dict[str, tuple[str, str]] = {
    "size.term.micro": ("doanh nghiệp siêu nhỏ", "micro enterprise"),
    "size.term.small": ("doanh nghiệp nhỏ", "small enterprise"),
    "size.term.medium": ("doanh nghiệp vừa", "medium-sized enterprise"),
    "size.term.large": ("doanh nghiệp lớn", "large enterprise"),
    "size.term.unknown": ("chưa xác định quy mô", "size not determined"),
    "size.term.revenue": ("doanh thu năm", "yearly revenue"),
    "size.term.capital": ("tổng nguồn vốn", "total capital"),
    "size.workers_unknown": (
        "chưa có số lao động tham gia bảo hiểm xã hội bình quân năm nên chưa xác định được quy mô doanh nghiệp"
        " theo {legal_basis}",
        "the yearly average number of workers with social insurance is missing, so the enterprise size under"
        " {legal_basis} cannot be determined",
    ),
    "size.finance_unknown": (
        "doanh nghiệp có {workers} lao động tham gia bảo hiểm xã hội nhưng chưa có doanh thu năm và tổng nguồn vốn"
        " nên chưa xác định được quy mô theo {legal_basis}",
        "the enterprise has {workers} workers with social insurance but neither its yearly revenue nor its total"
        " capital is recorded, so its size under {legal_basis} cannot be determined",
    ),
    "size.large_by_workers": (
        "doanh nghiệp có {workers} lao động tham gia bảo hiểm xã hội, vượt mức tối đa {max_workers} lao động của"
        " doanh nghiệp vừa, nên là doanh nghiệp lớn theo {legal_basis}",
        "the enterprise has {workers} workers with social insurance, more than the {max_workers} allowed for a"
        " medium-sized enterprise, so it is a large enterprise under {legal_basis}",
    ),
    "size.large_by_finance": (
        "doanh nghiệp có doanh thu năm {revenue} ₫ và tổng nguồn vốn {capital} ₫, vượt cả hai mức của doanh nghiệp"
        " vừa (doanh thu không quá {max_revenue} ₫ hoặc tổng nguồn vốn không quá {max_capital} ₫), nên là doanh"
        " nghiệp lớn theo {legal_basis}",
        "the enterprise has a yearly revenue of {revenue} VND and a total capital of {capital} VND, above both"
        " limits of a medium-sized enterprise (revenue up to {max_revenue} VND or capital up to {max_capital} VND),"
        " so it is a large enterprise under {legal_basis}",
    ),
    "size.within_revenue": (
        "cơ sở là {size_term} theo {legal_basis}: {workers} lao động tham gia bảo hiểm xã hội (không quá"
        " {max_workers}) và doanh thu năm {revenue} ₫ (không quá {max} ₫)",
        "the establishment is a {size_term} under {legal_basis}: {workers} workers with social insurance (at most"
        " {max_workers}) and a yearly revenue of {revenue} VND (at most {max} VND)",
    ),
    "size.within_capital": (
        "cơ sở là {size_term} theo {legal_basis}: {workers} lao động tham gia bảo hiểm xã hội (không quá"
        " {max_workers}) và tổng nguồn vốn {capital} ₫ (không quá {max} ₫)",
        "the establishment is a {size_term} under {legal_basis}: {workers} workers with social insurance (at most"
        " {max_workers}) and a total capital of {capital} VND (at most {max} VND)",
    ),
    "size.may_be_smaller": (
        "cơ sở có thể là {size_term} nếu {missing_term} không quá {max} ₫; cần bổ sung số liệu {missing_term}",
        "it may be a {size_term} if its {missing_term} is at most {max} VND; please record the {missing_term}",
    ),
    "size.figure_exceeds_other_missing": (
        "{known_term} {value} ₫ vượt mức {max} ₫ của doanh nghiệp vừa và chưa có số liệu {missing_term}: theo"
        " {legal_basis}, doanh nghiệp là doanh nghiệp nhỏ và vừa nếu {missing_term} không quá {max_missing} ₫,"
        " nếu không là doanh nghiệp lớn",
        "the {known_term} of {value} VND is above the {max} VND limit of a medium-sized enterprise and the"
        " {missing_term} is missing: under {legal_basis} the enterprise is small or medium if its {missing_term}"
        " is at most {max_missing} VND, otherwise large",
    ),
}

_ELIGIBILITY: dict[str, tuple[str, str]] = {
    "elig.term.kind.DN": ("doanh nghiệp", "an enterprise"),
    "elig.term.kind.HTX": ("hợp tác xã", "a cooperative"),
    "elig.term.kind.THT": ("tổ hợp tác", "a cooperative group"),
    "elig.term.kind.HKD": ("hộ kinh doanh", "a business household"),
    "elig.term.xa": ("xã", "a commune"),
    "elig.term.phuong": ("phường", "a ward"),
    "elig.term.dac_khu": ("đặc khu", "a special zone"),
    "elig.term.tinh": ("tỉnh", "a province"),
    "elig.term.thanh_pho_tw": ("thành phố trực thuộc trung ương", "a centrally-run city"),
    "elig.kind.DN": (
        "doanh nghiệp là đối tượng CNNT nếu là doanh nghiệp nhỏ và vừa",
        "an enterprise is a CNNT beneficiary if it is small or medium-sized",
    ),
    "elig.kind.HTX": (
        "hợp tác xã (kể cả liên hiệp hợp tác xã) là đối tượng CNNT",
        "cooperatives (and unions of cooperatives) are CNNT beneficiaries",
    ),
    "elig.kind.THT": ("tổ hợp tác là đối tượng CNNT", "cooperative groups are CNNT beneficiaries"),
    "elig.kind.HKD": ("hộ kinh doanh là đối tượng CNNT", "business households are CNNT beneficiaries"),
    "elig.kind_excluded": (
        "{kind_term} không thuộc đối tượng CNNT theo {legal_basis}",
        "{kind_term} is not a CNNT beneficiary under {legal_basis}",
    ),
    "elig.cleaner_production": (
        "cơ sở áp dụng sản xuất sạch hơn nên là đối tượng hỗ trợ, không phụ thuộc quy mô và địa bàn ({legal_basis})",
        "the establishment applies cleaner production, so it is a beneficiary whatever its size or place"
        " ({legal_basis})",
    ),
    "elig.sme": (
        "cơ sở là {size_term} theo {legal_basis}",
        "the establishment is a {size_term} under {legal_basis}",
    ),
    "elig.large": (
        "doanh nghiệp lớn không phải là cơ sở CNNT, trừ khi áp dụng sản xuất sạch hơn",
        "a large enterprise is not a CNNT establishment unless it applies cleaner production",
    ),
    "elig.no_place_rule": (
        "không có quy định về địa bàn được hỗ trợ áp dụng vào ngày {on}",
        "no rule on eligible places is in force on {on}",
    ),
    "elig.place_unknown": (
        "chưa có thông tin xã, phường, đặc khu nơi cơ sở hoạt động để đối chiếu với {legal_basis}",
        "the commune, ward or special zone where the establishment works is not recorded, so it cannot be checked"
        " against {legal_basis}",
    ),
    "elig.place_ok": (
        "cơ sở tại {commune} ({commune_term} của {province_term}) thuộc địa bàn được hỗ trợ theo {legal_basis}",
        "the establishment in {commune} ({commune_term} of {province_term}) is in an eligible place under"
        " {legal_basis}",
    ),
    "elig.place_not_covered": (
        "cơ sở tại {commune} ({commune_term} của {province_term}) không thuộc địa bàn được hỗ trợ theo {legal_basis}",
        "the establishment in {commune} ({commune_term} of {province_term}) is not in an eligible place under"
        " {legal_basis}",
    ),
    "elig.place_excluded": (
        "cơ sở tại {commune} ({commune_term} của {province_term}) không thuộc địa bàn được hỗ trợ theo {legal_basis},"
        " trừ khi nằm trong làng nghề được công nhận",
        "the establishment in {commune} ({commune_term} of {province_term}) is not in an eligible place under"
        " {legal_basis}, unless it lies in a recognised craft village",
    ),
    "elig.place_excluded_no_exception": (
        "cơ sở tại {commune} ({commune_term} của {province_term}) không thuộc địa bàn được hỗ trợ theo {legal_basis}",
        "the establishment in {commune} ({commune_term} of {province_term}) is not in an eligible place under"
        " {legal_basis}",
    ),
    "elig.craft_village": (
        "tuy vậy, cơ sở nằm trong làng nghề được công nhận nên vẫn thuộc địa bàn được hỗ trợ theo {legal_basis}",
        "however, it lies in a recognised craft village and so is in an eligible place under {legal_basis}",
    ),
    "elig.craft_village_named": (
        "tuy vậy, cơ sở nằm trong làng nghề được công nhận ({craft_village}) nên vẫn thuộc địa bàn được hỗ trợ theo"
        " {legal_basis}",
        "however, it lies in a recognised craft village ({craft_village}) and so is in an eligible place under"
        " {legal_basis}",
    ),
    "elig.undecided": (
        "chưa đủ dữ liệu để kết luận cơ sở có thuộc đối tượng CNNT hay không",
        "there is not enough data to decide whether the establishment is a CNNT beneficiary",
    ),
}

_PRIORITY: dict[str, tuple[str, str]] = {
    "priority.term.difficult_commune": (
        "địa bàn có điều kiện kinh tế - xã hội khó khăn",
        "socio-economically difficult area",
    ),
    "priority.term.ethnic_minority_area": ("vùng đồng bào dân tộc thiểu số", "ethnic-minority area"),
    "priority.term.export_contract": ("có hợp đồng xuất khẩu", "export contract"),
    "priority.term.local_raw_material": ("sử dụng nguyên liệu tại chỗ", "local raw materials"),
    "priority.term.workers": ("sử dụng nhiều lao động", "many workers"),
    "priority.term.supporting_industry": ("sản phẩm công nghiệp hỗ trợ", "supporting-industry product"),
    "priority.term.typical_product": ("sản phẩm CNNT tiêu biểu", "typical rural industrial product"),
    "priority.term.owner_female": ("cơ sở do phụ nữ làm chủ", "owned by a woman"),
    "priority.term.owner_ethnic_minority": (
        "cơ sở do người dân tộc thiểu số làm chủ",
        "owned by a member of an ethnic minority",
    ),
    "priority.term.gt": ("trên", "more than"),
    "priority.term.ge": ("ít nhất", "at least"),
    "priority.term.level.none": ("chưa được công nhận", "not recognised"),
    "priority.term.level.provincial": ("cấp tỉnh", "provincial"),
    "priority.term.level.regional": ("cấp khu vực", "regional"),
    "priority.term.level.national": ("cấp quốc gia", "national"),
    "priority.difficult_commune.met": (
        "cơ sở ở địa bàn có điều kiện kinh tế - xã hội khó khăn, thuộc diện ưu tiên theo {legal_basis}",
        "the establishment is in a socio-economically difficult area, a priority under {legal_basis}",
    ),
    "priority.difficult_commune.not_met": (
        "cơ sở không ở địa bàn có điều kiện kinh tế - xã hội khó khăn",
        "the establishment is not in a socio-economically difficult area",
    ),
    "priority.difficult_commune.unknown": (
        "chưa có thông tin địa bàn của cơ sở có thuộc vùng khó khăn hay không",
        "it is not recorded whether the establishment's commune is a difficult area",
    ),
    "priority.ethnic_minority_area.met": (
        "cơ sở ở vùng đồng bào dân tộc thiểu số, thuộc diện ưu tiên theo {legal_basis}",
        "the establishment is in an ethnic-minority area, a priority under {legal_basis}",
    ),
    "priority.ethnic_minority_area.not_met": (
        "cơ sở không ở vùng đồng bào dân tộc thiểu số",
        "the establishment is not in an ethnic-minority area",
    ),
    "priority.ethnic_minority_area.unknown": (
        "chưa có thông tin địa bàn của cơ sở có thuộc vùng đồng bào dân tộc thiểu số hay không",
        "it is not recorded whether the establishment's commune is an ethnic-minority area",
    ),
    "priority.export_contract.met": (
        "cơ sở có hợp đồng xuất khẩu, thuộc diện ưu tiên theo {legal_basis}",
        "the establishment has an export contract, a priority under {legal_basis}",
    ),
    "priority.export_contract.not_met": (
        "cơ sở chưa có hợp đồng xuất khẩu",
        "the establishment has no export contract",
    ),
    "priority.local_raw_material.met": (
        "giá trị nguyên liệu tại chỗ chiếm {share}% giá trị nguyên liệu, {comparison_term} {threshold}%, thuộc diện"
        " ưu tiên theo {legal_basis}",
        "local raw materials make up {share}% of the raw-material value, {comparison_term} {threshold}%, a priority"
        " under {legal_basis}",
    ),
    "priority.local_raw_material.not_met": (
        "giá trị nguyên liệu tại chỗ chiếm {share}% giá trị nguyên liệu, chưa đạt mức {comparison_term} {threshold}%"
        " theo {legal_basis}",
        "local raw materials make up {share}% of the raw-material value, not {comparison_term} {threshold}% as"
        " {legal_basis} requires",
    ),
    "priority.local_raw_material.unknown": (
        "chưa có tỷ lệ giá trị nguyên liệu tại chỗ của cơ sở",
        "the share of local raw materials is not recorded",
    ),
    "priority.workers.met": (
        "cơ sở sử dụng thường xuyên {workers} lao động, đạt mức {comparison_term} {threshold} lao động, thuộc diện"
        " ưu tiên theo {legal_basis}",
        "the establishment regularly employs {workers} workers, {comparison_term} {threshold}, a priority under"
        " {legal_basis}",
    ),
    "priority.workers.met_by_insured": (
        "chưa có tổng số lao động nhưng riêng số lao động tham gia bảo hiểm xã hội đã là {workers}, đạt mức"
        " {comparison_term} {threshold} lao động, thuộc diện ưu tiên theo {legal_basis}",
        "the total workforce is not recorded, but the {workers} workers with social insurance alone are"
        " {comparison_term} {threshold}, a priority under {legal_basis}",
    ),
    "priority.workers.not_met": (
        "cơ sở sử dụng thường xuyên {workers} lao động, chưa đạt mức {comparison_term} {threshold} lao động theo"
        " {legal_basis}",
        "the establishment regularly employs {workers} workers, not {comparison_term} {threshold} as {legal_basis}"
        " requires",
    ),
    "priority.workers.unknown": (
        "chưa có tổng số lao động thường xuyên của cơ sở",
        "the number of regular workers is not recorded",
    ),
    "priority.supporting_industry.met": (
        "cơ sở sản xuất sản phẩm công nghiệp hỗ trợ, thuộc diện ưu tiên theo {legal_basis}",
        "the establishment makes supporting-industry products, a priority under {legal_basis}",
    ),
    "priority.supporting_industry.not_met": (
        "cơ sở không sản xuất sản phẩm công nghiệp hỗ trợ",
        "the establishment does not make supporting-industry products",
    ),
    "priority.typical_product.met": (
        "cơ sở có sản phẩm được công nhận là sản phẩm CNNT tiêu biểu {level_term}, thuộc diện ưu tiên theo"
        " {legal_basis}",
        "the establishment has a product recognised as a typical rural industrial product ({level_term}), a"
        " priority under {legal_basis}",
    ),
    "priority.typical_product.not_met": (
        "cơ sở chưa có sản phẩm được công nhận là sản phẩm CNNT tiêu biểu",
        "the establishment has no product recognised as a typical rural industrial product",
    ),
    "priority.owner_female.met": (
        "cơ sở do phụ nữ làm chủ, thuộc diện ưu tiên theo {legal_basis}",
        "the establishment is owned by a woman, a priority under {legal_basis}",
    ),
    "priority.owner_female.not_met": (
        "cơ sở không được ghi nhận là do phụ nữ làm chủ",
        "the establishment is not recorded as owned by a woman",
    ),
    "priority.owner_ethnic_minority.met": (
        "cơ sở do người dân tộc thiểu số làm chủ, thuộc diện ưu tiên theo {legal_basis}",
        "the establishment is owned by a member of an ethnic minority, a priority under {legal_basis}",
    ),
    "priority.owner_ethnic_minority.not_met": (
        "cơ sở không được ghi nhận là do người dân tộc thiểu số làm chủ",
        "the establishment is not recorded as owned by a member of an ethnic minority",
    ),
    "priority.not_yet_in_force": (
        "tiêu chí ưu tiên “{criterion_term}” chỉ áp dụng từ ngày {effective_from} theo {legal_basis} nên chưa được"
        " tính",
        "the priority criterion “{criterion_term}” applies only from {effective_from} under {legal_basis}, so it"
        " does not count yet",
    ),
    "priority.no_longer_in_force": (
        "tiêu chí ưu tiên “{criterion_term}” chỉ áp dụng đến hết ngày {effective_to} nên không còn được tính",
        "the priority criterion “{criterion_term}” applied only until {effective_to}, so it no longer counts",
    ),
    "priority.no_threshold": (
        "dữ liệu quy định chưa có ngưỡng cho tiêu chí ưu tiên “{criterion_term}” nên chưa đánh giá được",
        "the rules give no threshold for the priority criterion “{criterion_term}”, so it cannot be assessed",
    ),
    "priority.unsupported": (
        "phiên bản này chưa đánh giá được tiêu chí ưu tiên “{criterion}” (mã {criterion_code})",
        "this version cannot assess the priority criterion “{criterion}” (code {criterion_code})",
    ),
}

CATALOGUE: dict[str, tuple[str, str]] = {**_SIZE, **_ELIGIBILITY, **_PRIORITY}
