"""The read-only "Chỉ số" tab: specific consumption, benchmark comparisons (with their source and whether they are a
legal norm), energy total, per-option payback and CO₂ avoided, savings by category — all from CPFacts."""

from __future__ import annotations

from collections.abc import Mapping
from html import escape

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QTextBrowser, QWidget

from kcfield.domain import messages
from kcfield.domain.cp_indicators import BenchmarkComparison, Indicator, Position
from kcfield.domain.eligibility import explain
from kcfield.domain.numbers import format_number, format_vnd
from kcfield.services.cp_reference import CPFacts
from kcfield.ui.cp.tables import format_decimal


def indicator_value(value: float) -> str:
    """An indicator rounded for reading: whole numbers from 100 up, otherwise up to 3 decimals."""
    return format_number(value, 0) if abs(value) >= 100 else format_decimal(round(value, 3))


def short_source(source: str) -> str:
    """The head of a benchmark's source ("Thông tư 52/2018/TT-BCT của Bộ …" -> "Thông tư 52/2018/TT-BCT")."""
    head = source
    for stop in (" của ", ";", " ("):
        head = head.split(stop, 1)[0]
    return head.strip()


def comparison_line(c: BenchmarkComparison) -> str:
    """e.g. "1.250 kWh/t — cao hơn định mức 1.050 kWh/t (Thông tư 52/2018/TT-BCT)"."""
    b = c.benchmark
    what = (
        QCoreApplication.translate("CPFacts", "định mức")
        if b.is_legal_norm
        else QCoreApplication.translate("CPFacts", "mức tham khảo")
    )
    position = {
        Position.ABOVE: QCoreApplication.translate("CPFacts", "cao hơn"),
        Position.EQUAL: QCoreApplication.translate("CPFacts", "bằng"),
        Position.BELOW: QCoreApplication.translate("CPFacts", "thấp hơn"),
    }[c.position]
    line = (
        f"{indicator_value(c.value)} {b.unit} — {position} {what} {indicator_value(b.value)} {b.unit}"
        f" ({short_source(b.source)})"
    )
    if c.in_force is False:
        line += " — " + QCoreApplication.translate("CPFacts", "mức này không áp dụng cho kỳ đánh giá")
    elif c.exceeds_norm:
        line += " — " + QCoreApplication.translate("CPFacts", "vượt định mức")
    return line


def indicator_name(indicator: Indicator, lang: str) -> str:
    name = messages.text(f"cp_indicator.name.{indicator.code}", lang)
    return name[:1].upper() + name[1:]


class FactsView(QTextBrowser):
    def __init__(self, lang: str = "vi", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._lang = lang
        self.setOpenLinks(False)
        self.lines: list[str] = []  # the plain lines shown (tests and copy)

    def show_message(self, text: str) -> None:
        self.lines = [text]
        self.setHtml(f"<p>{escape(text)}</p>")

    def show_facts(self, facts: CPFacts, category_names: Mapping[int, str]) -> None:
        lang = self._lang
        html: list[str] = []
        lines: list[str] = []

        def heading(text: str) -> None:
            lines.append(text)
            html.append(f"<h3>{escape(text)}</h3>")

        def item(text: str, detail: str = "") -> None:
            lines.append(text)
            small = f"<br/><small>{escape(detail)}</small>" if detail else ""
            html.append(f"<p>{escape(text)}{small}</p>")

        heading(QCoreApplication.translate("CPFacts", "Suất tiêu hao trên đơn vị sản phẩm"))
        if not facts.indicators:
            item(
                QCoreApplication.translate(
                    "CPFacts", "Chưa tính được: cần sản lượng sản phẩm và số liệu đầu vào có đơn vị."
                )
            )
        for indicator in facts.indicators:
            item(
                f"{indicator_name(indicator, lang)}: {indicator_value(indicator.value)} {indicator.unit}",
                explain(indicator.reasons, lang),
            )
            for c in facts.comparisons:
                if c.indicator.code == indicator.code:
                    kind = (
                        QCoreApplication.translate("CPFacts", "định mức theo quy định pháp luật")
                        if c.is_legal_norm
                        else QCoreApplication.translate("CPFacts", "số liệu tham khảo")
                    )
                    item("    " + comparison_line(c), f"{kind}. {explain(c.reasons, lang)}")
        heading(QCoreApplication.translate("CPFacts", "Tổng năng lượng"))
        if facts.energy is None:
            item(QCoreApplication.translate("CPFacts", "Chưa có đầu vào năng lượng."))
        else:
            kgoe = "" if facts.energy.kgoe is None else f" ({format_number(facts.energy.kgoe, 1)} kgOE)"
            item(f"{format_number(facts.energy.mj, 0)} MJ{kgoe}", explain(facts.energy.reasons, lang))
        heading(QCoreApplication.translate("CPFacts", "Giải pháp"))
        if not facts.options:
            item(QCoreApplication.translate("CPFacts", "Chưa có giải pháp."))
        for number, evaluation in enumerate(facts.options, start=1):
            option = evaluation.option
            if evaluation.payback_years is None:
                payback = QCoreApplication.translate("CPFacts", "không hoàn vốn")
            else:
                payback = QCoreApplication.translate("CPFacts", "hoàn vốn {years} năm").format(
                    years=format_number(evaluation.payback_years, 1)
                )
            co2 = ""
            if evaluation.co2_avoided_t is not None:
                co2 = "; " + QCoreApplication.translate("CPFacts", "giảm {co2} t CO₂/năm").format(
                    co2=format_number(evaluation.co2_avoided_t, 2)
                )
            item(f"{number}. {option.description}: {payback}{co2}", explain(evaluation.reasons, lang))
        heading(QCoreApplication.translate("CPFacts", "Tiết kiệm theo nhóm giải pháp"))
        if not facts.savings_by_category:
            item(QCoreApplication.translate("CPFacts", "Chưa có giải pháp."))
        for category, s in sorted(facts.savings_by_category.items()):
            name = category_names.get(category, str(category))
            item(
                QCoreApplication.translate(
                    "CPFacts", "{number}. {name}: {options} giải pháp, đầu tư {investment}, tiết kiệm ròng {net}/năm"
                ).format(
                    number=category,
                    name=name,
                    options=s.options,
                    investment=format_vnd(s.investment_vnd),
                    net=format_vnd(s.net_savings_vnd),
                )
            )
        self.lines = lines
        self.setHtml("".join(html))
