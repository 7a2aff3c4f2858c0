"""What the profile implies, beside the form, updated as the collaborator types: SME size class, CNNT
eligibility and the priority criteria met — each with its reasons in words.

These facts are never typed in (DESIGN.md §3). Showing the reasons next to the figures lets the collaborator
catch a wrong figure at the establishment ("10 lao động có bảo hiểm? Then it is not micro…") instead of
trusting an unexplained yes/no back at the office.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from kcfield.domain import messages
from kcfield.domain.eligibility import explain
from kcfield.domain.enums import SizeClass
from kcfield.services.establishments import EstablishmentFacts


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


class FactsPanel(QScrollArea):
    def __init__(self, lang: str = "vi", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._lang = lang
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setMinimumWidth(260)
        body = QWidget()
        layout = QVBoxLayout(body)
        title = QLabel(self.tr("Đánh giá tự động"))
        title.setStyleSheet("font-weight: bold; font-size: 11pt;")
        layout.addWidget(title)
        hint = QLabel(self.tr("Tính từ số liệu đã nhập, không nhập tay. Cập nhật ngay khi sửa."))
        hint.setWordWrap(True)
        hint.setStyleSheet("color: palette(mid);")
        layout.addWidget(hint)
        self.size_value = self._heading(layout)
        self.size_reasons = self._reasons(layout)
        self.eligibility_value = self._heading(layout)
        self.eligibility_reasons = self._reasons(layout)
        self.priorities_value = self._heading(layout)
        self.priorities_reasons = self._reasons(layout)
        layout.addStretch(1)
        self.setWidget(body)
        self.setAccessibleName(self.tr("Đánh giá tự động"))

    def show_facts(self, facts: EstablishmentFacts) -> None:
        lang = self._lang
        size = facts.size
        size_words = (
            self.tr("Chưa xác định")
            if size.size is SizeClass.UNKNOWN
            else _capitalised(messages.text(f"size.term.{size.size.value}", lang))
        )
        if size.provisional:
            size_words += self.tr(" (tạm tính)")
        self.size_value.setText(self.tr("Quy mô: {size}").format(size=size_words))
        self.size_reasons.setText(explain(size.reasons, lang))

        eligible = facts.eligibility.eligible
        answer = self.tr("Chưa xác định") if eligible is None else (self.tr("Có") if eligible else self.tr("Không"))
        self.eligibility_value.setText(self.tr("Thuộc đối tượng CNNT: {answer}").format(answer=answer))
        self.eligibility_reasons.setText(facts.eligibility.explain(lang))

        met = [c for c in facts.priorities if c.met]
        self.priorities_value.setText(self.tr("Tiêu chí ưu tiên đáp ứng: {count}").format(count=len(met)))
        marks = {True: "✓", False: "✗", None: "?"}
        lines = [f"{marks[c.met]} {_capitalised(c.reason.text(lang))}" for c in facts.priorities]
        self.priorities_reasons.setText("\n".join(lines))

    def text(self) -> str:
        """Everything the panel says, as one text (for a screen reader's summary and for tests)."""
        labels = (
            self.size_value,
            self.size_reasons,
            self.eligibility_value,
            self.eligibility_reasons,
            self.priorities_value,
            self.priorities_reasons,
        )
        return "\n".join(label.text() for label in labels)

    @staticmethod
    def _heading(layout: QVBoxLayout) -> QLabel:
        label = QLabel()
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setStyleSheet("font-weight: bold; margin-top: 8px;")
        layout.addWidget(label)
        return label

    @staticmethod
    def _reasons(layout: QVBoxLayout) -> QLabel:
        label = QLabel()
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)  # reasons quote names typed by people: never markup
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(label)
        return label
