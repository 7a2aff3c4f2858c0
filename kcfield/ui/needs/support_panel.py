"""The live panel "Mức hỗ trợ theo quy định": the allowed support, the rule's legal basis, the arithmetic."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGroupBox, QLabel, QVBoxLayout, QWidget

from kcfield.domain.numbers import format_vnd
from kcfield.domain.support import SupportAssessment

REFUSED_COLOUR = "#c62828"


class SupportPanel(QGroupBox):
    def __init__(self, lang: str = "vi", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Mức hỗ trợ theo quy định"))
        self._lang = lang
        self.amount = QLabel()
        self.amount.setObjectName("allowedAmount")
        font = self.amount.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.amount.setFont(font)
        self.basis = QLabel()
        self.explanation = QLabel()
        for label in (self.amount, self.basis, self.explanation):
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.addWidget(self.amount)
        layout.addWidget(self.basis)
        layout.addWidget(self.explanation)
        layout.addStretch(1)
        self.assessment: SupportAssessment | None = None
        self.show_waiting()

    def show_waiting(self) -> None:
        self.assessment = None
        self.amount.setText(self.tr("Đang tải quy định…"))
        self.basis.clear()
        self.explanation.clear()

    def show_assessment(self, assessment: SupportAssessment) -> None:
        self.assessment = assessment
        style = f"color: {REFUSED_COLOUR};" if assessment.refused else ""
        if assessment.refused:
            self.amount.setText(self.tr("Không được hỗ trợ"))
        else:
            self.amount.setText(
                self.tr("Được hỗ trợ tối đa: {amount}").format(amount=format_vnd(assessment.allowed_vnd, self._lang))
            )
        self.amount.setStyleSheet(style)
        self.explanation.setStyleSheet(style)
        if assessment.legal_basis:
            self.basis.setText(self.tr("Căn cứ: {basis}").format(basis=assessment.legal_basis))
        else:
            self.basis.clear()
        self.explanation.setText(assessment.explain(self._lang))

    def text(self) -> str:
        """Everything the panel says, for tests and copying."""
        return "\n".join(t for t in (self.amount.text(), self.basis.text(), self.explanation.text()) if t)
