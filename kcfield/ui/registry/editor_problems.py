"""From the checks' problems to what the form shows: a message beside each box, a mark on each tab that holds
one, and the line beside Save that says what blocks saving.

A box whose text cannot be read ("mười hai" workers) is a blocking problem too — saving would silently drop
what was typed — but its message waits until the person leaves the box, as the input widgets do, so nobody is
scolded for a figure they are still typing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor

from kcfield.domain import messages
from kcfield.domain.errors import Problem
from kcfield.ui.registry.editor_fields import FIELD_ALIASES, EstablishmentForm

ERROR_COLOUR = "#c62828"  # the colours of FieldRow's message line
WARNING_COLOUR = "#9a6700"


@dataclass
class Findings:
    per_field: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # field -> [(severity, text)]
    blocking: list[tuple[str, str]] = field(default_factory=list)  # (field, text), in form order
    general: list[str] = field(default_factory=list)  # about no box in particular

    def add(self, name: str, severity: str, text: str) -> None:
        self.per_field.setdefault(name, []).append((severity, text))


def capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def collect(form: EstablishmentForm, problems: Iterable[Problem], lang: str) -> Findings:
    found = Findings()
    unreadable = set()
    for name, text in form.input_problems():
        unreadable.add(name)
        found.blocking.append((name, text))
        editor = form.bindings[name].editor
        if not editor.hasFocus() or editor.property("invalid"):  # not while the figure is half typed
            found.add(name, "error", text)
    for problem in problems:
        name = FIELD_ALIASES.get(problem.field, problem.field)
        if name in unreadable:
            continue  # the box's own complaint says it better
        params = {"field": messages.field_label(problem.field, lang) if problem.field else "", **problem.params}
        text = messages.text(problem.code, lang, **params)
        if form.row(name) is None:
            found.general.append(messages.describe(problem, lang))
        else:
            found.add(name, problem.severity.value, text)
        if problem.blocking:
            found.blocking.append((name if form.row(name) is not None else "", text))
    order = {name: index for index, name in enumerate(form.bindings)}
    found.blocking.sort(key=lambda item: order.get(item[0], len(order)))  # the first one is the first box
    return found


def show(form: EstablishmentForm, found: Findings) -> None:
    """Put each message beside its box (red for errors, amber for warnings) and mark the tabs that hold one."""
    marks: dict[int, str] = {}
    for name, binding in form.bindings.items():
        entries = found.per_field.get(name, [])
        if not entries:
            binding.row.set_message("", None)
            continue
        severity = "error" if any(s == "error" for s, _ in entries) else "warning"
        binding.row.set_message("\n".join(capitalised(t) for _, t in entries), severity)  # type: ignore[arg-type]
        tab = form.tab_of(name)
        if tab is not None and marks.get(tab) != "error":
            marks[tab] = severity
    bar = form.tabBar()
    for index, title in enumerate(form.tab_titles):
        mark = marks.get(index)
        form.setTabText(index, f"{title} ⚠" if mark else title)
        colour = {"error": QColor(ERROR_COLOUR), "warning": QColor(WARNING_COLOUR)}.get(mark or "", QColor())
        bar.setTabTextColor(index, colour)
        tip = QCoreApplication.translate("EstablishmentEditor", "Có ô cần xem lại trong thẻ này") if mark else ""
        form.setTabToolTip(index, tip)


def blockers_text(form: EstablishmentForm, blocking: list[tuple[str, str]], lang: str) -> str:
    """ "Chưa lưu được: Mã số thuế – …; Tên cơ sở – …." naming each box by its label on the form."""
    if not blocking:
        return ""
    items = [
        f"{_label_of(form, name, lang)} – {text.rstrip('.')}" if name else text.rstrip(".") for name, text in blocking
    ]
    template = QCoreApplication.translate("EstablishmentEditor", "Chưa lưu được: {problems}.")
    return template.format(problems="; ".join(items))


def _label_of(form: EstablishmentForm, name: str, lang: str) -> str:
    row = form.row(name)
    label = row.label.text().replace("&", "") if row is not None else ""
    return label or messages.field_label(name, lang)
