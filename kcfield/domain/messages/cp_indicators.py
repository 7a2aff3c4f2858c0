"""Messages: units, cleaner-production indicators, benchmarks and option evaluation.

Codes emitted by kcfield.domain.units (errors, full sentences) and kcfield.domain.cp_indicators (reason
fragments: lower case, no final full stop, joined with "; " by ``eligibility.explain``).
"""

from __future__ import annotations

_UNITS: dict[str, tuple[str, str]] = {
    "units.unknown": ("Đơn vị «{unit}» không có trong bảng đơn vị.", "The unit “{unit}” is not in the units table."),
    "units.incompatible": (
        "Không đổi được từ {from_unit} ({from_dimension}) sang {to_unit} ({to_dimension}): hai đơn vị khác loại.",
        "Cannot convert {from_unit} ({from_dimension}) to {to_unit} ({to_dimension}): they measure different things.",
    ),
    "units.bad_rate": (
        "«{unit}» không phải đơn vị suất tiêu hao dạng «tử/mẫu» (ví dụ kWh/t).",
        "“{unit}” is not a rate of the form “numerator/denominator” (e.g. kWh/t).",
    ),
    "units.carrier_needed": (
        "Cần biết loại nhiên liệu để đổi {unit} ra năng lượng (MJ).",
        "The fuel must be known to convert {unit} to energy (MJ).",
    ),
}

_INDICATORS: dict[str, tuple[str, str]] = {
    "cp_indicator.name.electricity_per_product": ("suất tiêu hao điện", "specific electricity consumption"),
    "cp_indicator.name.energy_per_product": ("suất tiêu hao năng lượng", "specific energy consumption"),
    "cp_indicator.name.water_per_product": ("suất tiêu hao nước", "specific water consumption"),
    "cp_indicator.name.material_per_product": ("suất tiêu hao nguyên liệu", "specific material consumption"),
    "cp_indicator.name.wastewater_per_product": ("nước thải trên đơn vị sản phẩm", "wastewater per product"),
    "cp_indicator.name.solid_waste_per_product": ("chất thải rắn trên đơn vị sản phẩm", "solid waste per product"),
    "cp_indicator.name.cost_per_product": ("chi phí đầu vào trên đơn vị sản phẩm", "input cost per product"),
    "cp_indicator.computed": (
        "{value} {unit} = {total} {numerator_unit} ÷ {product} {product_unit} sản phẩm ({rows} dòng số liệu)",
        "{value} {unit} = {total} {numerator_unit} ÷ {product} {product_unit} of product ({rows} data rows)",
    ),
    "cp_indicator.converted": (
        "«{name}»: {quantity} {unit} = {value} {target}",
        "“{name}”: {quantity} {unit} = {value} {target}",
    ),
    "cp_indicator.row_skipped_unit": (
        "bỏ qua «{name}» vì đơn vị {unit} không đổi được sang {target}",
        "“{name}” left out because its unit {unit} cannot be converted to {target}",
    ),
    "cp_indicator.row_skipped_unknown_unit": (
        "bỏ qua «{name}» vì đơn vị «{unit}» không có trong bảng đơn vị",
        "“{name}” left out because the unit “{unit}” is not in the units table",
    ),
    "cp_indicator.row_skipped_carrier": (
        "bỏ qua «{name}» vì chưa biết nhiệt trị của nhiên liệu «{carrier}»",
        "“{name}” left out because the heating value of the fuel “{carrier}” is not known",
    ),
    "cp_indicator.energy_row": (
        "«{name}»: {quantity} {unit} × nhiệt trị {ncv} MJ/{carrier_unit} = {mj} MJ",
        "“{name}”: {quantity} {unit} × heating value {ncv} MJ/{carrier_unit} = {mj} MJ",
    ),
    "cp_indicator.energy_row_direct": (
        "«{name}»: {quantity} {unit} = {mj} MJ",
        "“{name}”: {quantity} {unit} = {mj} MJ",
    ),
    "cp_indicator.energy_total": (
        "tổng năng lượng {mj} MJ ({kgoe} kgOE)",
        "total energy {mj} MJ ({kgoe} kgOE)",
    ),
}

_BENCHMARKS: dict[str, tuple[str, str]] = {
    "cp_benchmark.converted": (
        "{value} {unit} đổi ra đơn vị của mức so sánh là {converted} {benchmark_unit}",
        "{value} {unit} is {converted} {benchmark_unit} in the benchmark's unit",
    ),
    "cp_benchmark.above": (
        "{value} {unit} cao hơn mức {benchmark} {unit} của «{product}» (gấp {ratio} lần; nguồn: {source})",
        "{value} {unit} is above the {benchmark} {unit} of “{product}” ({ratio} times; source: {source})",
    ),
    "cp_benchmark.equal": (
        "{value} {unit} bằng mức {benchmark} {unit} của «{product}» (tỷ lệ {ratio}; nguồn: {source})",
        "{value} {unit} equals the {benchmark} {unit} of “{product}” (ratio {ratio}; source: {source})",
    ),
    "cp_benchmark.below": (
        "{value} {unit} thấp hơn mức {benchmark} {unit} của «{product}» (bằng {ratio} lần; nguồn: {source})",
        "{value} {unit} is below the {benchmark} {unit} of “{product}” ({ratio} times; source: {source})",
    ),
    "cp_benchmark.legal_norm": (
        "đây là định mức theo quy định pháp luật (độ tin cậy {mark})",
        "this is a legal norm (reliability mark {mark})",
    ),
    "cp_benchmark.not_a_norm": (
        "đây là số liệu tham khảo để so sánh, không phải định mức bắt buộc (độ tin cậy {mark})",
        "this is a reference figure for comparison, not a legal limit (reliability mark {mark})",
    ),
    "cp_benchmark.in_force": (
        "mức này áp dụng cho kỳ đánh giá (hiệu lực {valid_from} – {valid_to})",
        "it applies to the assessment period (valid {valid_from} – {valid_to})",
    ),
    "cp_benchmark.not_in_force": (
        "mức này không áp dụng cho kỳ đánh giá (hiệu lực {valid_from} – {valid_to})",
        "it does not apply to the assessment period (valid {valid_from} – {valid_to})",
    ),
    "cp_benchmark.period_unknown": (
        "chưa có kỳ đánh giá nên chưa biết mức này (hiệu lực {valid_from} – {valid_to}) có áp dụng không",
        "the assessment period is missing, so whether it applies (valid {valid_from} – {valid_to}) is unknown",
    ),
}

_OPTIONS: dict[str, tuple[str, str]] = {
    "cp_option.net_savings": (
        "tiết kiệm ròng {net} ₫/năm = tiết kiệm {gross} ₫ − chi phí vận hành tăng thêm {added} ₫",
        "net savings {net} VND/year = savings {gross} VND − added operating cost {added} VND",
    ),
    "cp_option.no_payback": (
        "tiết kiệm ròng {net} ₫/năm không dương nên giải pháp không hoàn vốn",
        "the net savings of {net} VND/year are not positive, so the option never pays back",
    ),
    "cp_option.payback": (
        "thời gian hoàn vốn {years} năm = đầu tư {investment} ₫ ÷ tiết kiệm ròng {net} ₫/năm",
        "simple payback {years} years = investment {investment} VND ÷ net savings {net} VND/year",
    ),
    "cp_option.payback_good": (
        "hoàn vốn trong vòng {limit} năm: hấp dẫn với cơ sở nhỏ",
        "pays back within {limit} years: attractive for a small establishment",
    ),
    "cp_option.payback_long": (
        "hoàn vốn lâu hơn {limit} năm: cần cân nhắc thêm",
        "pays back in more than {limit} years: needs a closer look",
    ),
    "cp_option.co2_electricity": (
        "giảm phát thải {co2} t CO₂/năm = {quantity} {unit} điện tiết kiệm × hệ số lưới điện {factor} kg CO₂/MWh",
        "avoids {co2} t CO₂/year = {quantity} {unit} of electricity saved × grid factor {factor} kg CO₂/MWh",
    ),
    "cp_option.co2_fuel": (
        "giảm phát thải {co2} t CO₂/năm từ {quantity} {unit} nhiên liệu «{carrier}» tiết kiệm",
        "avoids {co2} t CO₂/year from {quantity} {unit} of the fuel “{carrier}” saved",
    ),
}

CATALOGUE: dict[str, tuple[str, str]] = {**_UNITS, **_INDICATORS, **_BENCHMARKS, **_OPTIONS}
