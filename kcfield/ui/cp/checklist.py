"""The walk-through checklist tab: the questions from reference data grouped by theme, each with an answer
(Có / Không / Không áp dụng / Chưa rõ) and a note."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from kcfield.domain.enums import ChecklistAnswer
from kcfield.domain.model import CPChecklistEntry
from kcfield.services.assessments import ChecklistItem


def answer_labels() -> list[tuple[ChecklistAnswer, str]]:
    return [
        (ChecklistAnswer.UNKNOWN, QCoreApplication.translate("CPChecklist", "Chưa rõ")),
        (ChecklistAnswer.YES, QCoreApplication.translate("CPChecklist", "Có")),
        (ChecklistAnswer.NO, QCoreApplication.translate("CPChecklist", "Không")),
        (ChecklistAnswer.NOT_APPLICABLE, QCoreApplication.translate("CPChecklist", "Không áp dụng")),
    ]


class ChecklistView(QScrollArea):
    changed = Signal()

    def __init__(self, lang: str = "vi", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._lang = lang
        self.setWidgetResizable(True)
        self.answers: dict[str, QComboBox] = {}
        self.notes: dict[str, QLineEdit] = {}
        self._extra: dict[str, CPChecklistEntry] = {}  # answers to questions no longer in reference data: kept
        self._body = QWidget()
        self._layout = QVBoxLayout(self._body)
        self._layout.addWidget(QLabel(QCoreApplication.translate("CPChecklist", "Đang tải danh mục câu hỏi…")))
        self.setWidget(self._body)

    def set_items(self, items: Sequence[ChecklistItem]) -> None:
        entries = self.entries()
        body = QWidget()
        layout = QVBoxLayout(body)
        self.answers.clear()
        self.notes.clear()
        groups: dict[str, QFormLayout] = {}
        for item in items:
            form = groups.get(item.theme)
            if form is None:
                box = QGroupBox(_theme_title(item.theme), body)
                form = QFormLayout(box)
                groups[item.theme] = form
                layout.addWidget(box)
            answer = QComboBox()
            for value, label in answer_labels():
                answer.addItem(label, value)
            note = QLineEdit()
            note.setPlaceholderText(QCoreApplication.translate("CPChecklist", "Ghi chú"))
            answer.currentIndexChanged.connect(lambda _i: self.changed.emit())
            note.textChanged.connect(lambda _t: self.changed.emit())
            row = QHBoxLayout()
            row.addWidget(answer)
            row.addWidget(note, 1)
            question = QLabel(item.text(self._lang))
            question.setWordWrap(True)
            form.addRow(question, row)
            self.answers[item.code] = answer
            self.notes[item.code] = note
        layout.addStretch(1)
        self._body = body
        self.setWidget(body)
        self.set_entries(entries)

    def set_entries(self, entries: Sequence[CPChecklistEntry]) -> None:
        self._extra = {}
        for combo in self.answers.values():
            combo.setCurrentIndex(0)
        for note in self.notes.values():
            note.clear()
        for entry in entries:
            found = self.answers.get(entry.item_code)
            if found is None:
                self._extra[entry.item_code] = entry
                continue
            found.setCurrentIndex(max(0, found.findData(entry.answer)))
            self.notes[entry.item_code].setText(entry.note)

    def entries(self) -> list[CPChecklistEntry]:
        """Answered questions only (an unknown answer without a note is not stored)."""
        out = list(self._extra.values())
        for code, combo in self.answers.items():
            answer = ChecklistAnswer(combo.currentData())
            note = self.notes[code].text().strip()
            if answer is not ChecklistAnswer.UNKNOWN or note:
                out.append(CPChecklistEntry(code, answer, note))
        return sorted(out, key=lambda e: e.item_code)

    def set_answer(self, code: str, answer: ChecklistAnswer, note: str = "") -> None:
        combo = self.answers[code]
        combo.setCurrentIndex(combo.findData(answer))
        self.notes[code].setText(note)


def _theme_title(theme: str) -> str:
    titles = {
        "housekeeping": QCoreApplication.translate("CPChecklist", "Quản lý nội vi"),
        "energy": QCoreApplication.translate("CPChecklist", "Năng lượng"),
        "water": QCoreApplication.translate("CPChecklist", "Nước"),
        "materials": QCoreApplication.translate("CPChecklist", "Nguyên liệu"),
        "material": QCoreApplication.translate("CPChecklist", "Nguyên liệu"),
        "waste": QCoreApplication.translate("CPChecklist", "Chất thải"),
        "chemicals": QCoreApplication.translate("CPChecklist", "Hoá chất"),
        "equipment": QCoreApplication.translate("CPChecklist", "Thiết bị"),
        "process_control": QCoreApplication.translate("CPChecklist", "Kiểm soát quá trình"),
        "safety": QCoreApplication.translate("CPChecklist", "An toàn lao động"),
    }
    return titles.get(theme, theme)
