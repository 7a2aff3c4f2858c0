""" "Is this the same establishment as …?" — asked before saving when the registry already holds look-alikes.

Same tax code or a similar name in the same commune is a duplicate *to review*, never a refusal (DESIGN.md §3):
the collaborator may open the existing record instead, save anyway (two branches of one family business can
share a name), or go back and correct what was typed.
"""

from __future__ import annotations

from enum import Enum
from functools import partial
from uuid import UUID

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kcfield.domain.personal import mask_tax_code
from kcfield.services.duplicates import DuplicateCandidate


class Choice(Enum):
    BACK = "back"
    SAVE_ANYWAY = "save_anyway"
    OPEN = "open"


class DuplicateDialog(QDialog):
    """Lists the candidates; :attr:`choice` (and :attr:`chosen_id` for OPEN) say what the person picked."""

    def __init__(self, candidates: list[DuplicateCandidate], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Có thể đã có cơ sở này"))
        self.choice = Choice.BACK
        self.chosen_id: UUID | None = None
        self.open_buttons: list[QPushButton] = []
        self.candidate_labels: list[QLabel] = []
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "Sổ cơ sở đã có {count} cơ sở giống cơ sở đang nhập. Hãy xem có phải cùng một cơ sở không, để tránh"
                " nhập trùng."
            ).format(count=len(candidates))
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)

        frame = QFrame()
        frame.setFrameShape(QFrame.Shape.StyledPanel)
        grid = QGridLayout(frame)
        for index, candidate in enumerate(candidates):
            label = QLabel(self.describe(candidate))
            label.setTextFormat(Qt.TextFormat.PlainText)  # names typed by people: never markup
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            button = QPushButton(self.tr("Mở bản ghi này"))
            button.setAccessibleName(self.tr("Mở bản ghi {name}").format(name=candidate.name))
            button.clicked.connect(partial(self._open, candidate.id))
            grid.addWidget(label, index, 0)
            grid.addWidget(button, index, 1, Qt.AlignmentFlag.AlignTop)
            self.open_buttons.append(button)
            self.candidate_labels.append(label)
        grid.setColumnStretch(0, 1)
        layout.addWidget(frame)

        buttons = QDialogButtonBox()
        self.save_anyway_button = buttons.addButton(self.tr("Vẫn lưu"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.back_button = buttons.addButton(self.tr("Quay lại"), QDialogButtonBox.ButtonRole.RejectRole)
        self.back_button.setDefault(True)  # the safe answer: nothing is written
        self.save_anyway_button.clicked.connect(self._save_anyway)
        self.back_button.clicked.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(560, self.sizeHint().height())

    def describe(self, candidate: DuplicateCandidate) -> str:
        percent = round(candidate.similarity * 100)
        if candidate.reason == "same_tax_code":
            reason = self.tr("trùng mã số thuế")
        elif candidate.reason == "nearby_similar_name":
            reason = self.tr("tên gần giống ({percent}%), cách chưa tới 50 m").format(percent=percent)
        else:
            reason = self.tr("tên gần giống ({percent}%), cùng xã/phường").format(percent=percent)
        parts = [candidate.name]
        if candidate.commune_name:
            parts.append(candidate.commune_name)
        # Another establishment's 12-digit tax code is its owner's personal ID: masked, as in every list.
        code = candidate.tax_code if candidate.reason == "same_tax_code" else mask_tax_code(candidate.tax_code)
        parts.append(self.tr("MST: {code}").format(code=code) if candidate.tax_code else self.tr("chưa có MST"))
        return "{}\n{}".format(" – ".join(parts), self.tr("Lý do: {reason}").format(reason=reason))

    def _open(self, record_id: UUID) -> None:
        self.choice, self.chosen_id = Choice.OPEN, record_id
        self.accept()

    def _save_anyway(self) -> None:
        self.choice = Choice.SAVE_ANYWAY
        self.accept()
