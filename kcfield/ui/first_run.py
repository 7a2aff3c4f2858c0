"""The first-run wizard: who is using this laptop, which communes they cover, and whether to load demo data.

A collaborator meets this once, usually alone with a new laptop, so each page says in plain Vietnamese what it
asks and why. The profile is saved only on Finish (one write, in the WRITE lane); the demo data is loaded
afterwards by the caller with :func:`load_demo`, because it can take a while and has its own progress dialog.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QLocale, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from kcfield.domain.errors import DomainError, Problem, ValidationFailed
from kcfield.domain.messages import describe_error, field_label, text
from kcfield.domain.model import Collaborator
from kcfield.domain.text import fold, normalize, sort_key
from kcfield.domain.validation import check_phone
from kcfield.services.container import Services
from kcfield.services.demo import DemoService, DemoSummary
from kcfield.services.progress import Cancelled
from kcfield.ui.tasks import Lane, TaskContext, TaskHandle, Tasks
from kcfield.ui.widgets.field_row import FieldRow

log = logging.getLogger(__name__)

PAGE_WELCOME, PAGE_PROFILE, PAGE_DEMO, PAGE_FINISH = range(4)
DEFAULT_PROVINCE = 79  # Thành phố Hồ Chí Minh
DEMO_DEFAULT, DEMO_MIN, DEMO_MAX = 1_000, 100, 100_000
CODE_ROLE = Qt.ItemDataRole.UserRole + 1
FOLDED_ROLE = Qt.ItemDataRole.UserRole + 2  # the name as search folds it, so filtering does not refold
_PROVINCE_PREFIXES = ("Thành phố ", "Tỉnh ")


def _sentence(problem: Problem, lang: str) -> str:
    """The problem's text as a sentence of its own (the field's label is already above it)."""
    said = text(problem.code, lang, **problem.params)
    return said[:1].upper() + said[1:]


def _locale(lang: str) -> QLocale:
    if lang == "en":
        return QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
    return QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam)


class _WelcomePage(QWizardPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Chào mừng bạn đến với kcfield"))
        self.setSubTitle(self.tr("Vài bước ngắn để chuẩn bị máy trước khi đi khảo sát."))
        body = QLabel(
            self.tr(
                "kcfield giúp cộng tác viên khuyến công ghi lại thông tin các cơ sở công nghiệp nông thôn.\n\n"
                "• Lập và cập nhật hồ sơ cơ sở, ghi kết quả từng lần khảo sát.\n"
                "• Ghi nhu cầu hỗ trợ máy móc, thiết bị và đánh giá sản xuất sạch hơn.\n"
                "• In phiếu khảo sát để cơ sở ký xác nhận.\n\n"
                "Mọi dữ liệu được lưu ngay trên máy tính này, không cần mạng. Dữ liệu chỉ rời khỏi máy khi bạn "
                "gửi cho Trung tâm Khuyến công."
            ),
            self,
        )
        body.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(body)
        layout.addStretch(1)


class _ProfilePage(QWizardPage):
    """Code, name, phone, province and the communes this collaborator covers; Next waits for code and name."""

    def __init__(self, services: Services, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ref = services.reference
        self._lang = lang
        self._checked: set[int] = set()
        self.setTitle(self.tr("Thông tin cộng tác viên"))
        self.setSubTitle(
            self.tr("Nhập mã và họ tên do Trung tâm cấp. Các xã/phường được giao là nơi bạn sẽ đi khảo sát.")
        )

        self.code_edit = QLineEdit(self)
        self.code_edit.setPlaceholderText(self.tr("Ví dụ: CTV001"))
        self.code_edit.setMaxLength(20)
        self.code_edit.textEdited.connect(self._upper_code)
        self.name_edit = QLineEdit(self)
        self.name_edit.setPlaceholderText(self.tr("Ví dụ: Nguyễn Thị Lan"))
        self.phone_edit = QLineEdit(self)
        self.phone_edit.setPlaceholderText(self.tr("Ví dụ: 0912345678"))
        self.use_suggested = QPushButton(self)
        self.use_suggested.hide()
        self.use_suggested.clicked.connect(self._take_suggested_phone)
        self._suggested = ""
        self.province_combo = QComboBox(self)
        provinces = sorted(self._ref.provinces.values(), key=lambda p: sort_key(_bare_province(p.name)))
        for province in provinces:
            self.province_combo.addItem(province.name, province.code)
        self.commune_filter = QLineEdit(self)
        self.commune_filter.setPlaceholderText(self.tr("Gõ tên xã/phường để lọc, có dấu hoặc không dấu"))
        self.commune_filter.setClearButtonEnabled(True)
        self.commune_model = QStandardItemModel(self)
        self.commune_list = QListView(self)
        self.commune_list.setModel(self.commune_model)
        self.commune_list.setUniformItemSizes(True)
        self.commune_counter = QLabel(self)
        self.error_label = QLabel(self)
        self.error_label.setWordWrap(True)
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)
        self.error_label.setStyleSheet("color: #c62828;")
        self.error_label.hide()

        self.code_row = FieldRow(self.tr("&Mã cộng tác viên"), self.code_edit, self)
        self.name_row = FieldRow(self.tr("&Họ và tên"), self.name_edit, self)
        phone_box = QWidget(self)
        phone_layout = QHBoxLayout(phone_box)
        phone_layout.setContentsMargins(0, 0, 0, 0)
        phone_layout.addWidget(self.phone_edit, 1)
        phone_layout.addWidget(self.use_suggested)
        self.phone_row = FieldRow(self.tr("Số điện thoại &di động (không bắt buộc)"), phone_box, self)
        self.phone_row.label.setBuddy(self.phone_edit)
        self.province_row = FieldRow(self.tr("Tỉnh/thành &phố"), self.province_combo, self)
        communes_box = QWidget(self)
        communes_layout = QVBoxLayout(communes_box)
        communes_layout.setContentsMargins(0, 0, 0, 0)
        communes_layout.addWidget(self.commune_filter)
        communes_layout.addWidget(self.commune_list, 1)
        communes_layout.addWidget(self.commune_counter)
        self.communes_row = FieldRow(self.tr("&Xã/phường được giao"), communes_box, self)
        self.communes_row.label.setBuddy(self.commune_filter)

        left = QVBoxLayout()
        for row in (self.code_row, self.name_row, self.phone_row, self.province_row):
            left.addWidget(row)
        left.addStretch(1)
        columns = QHBoxLayout()
        columns.addLayout(left, 1)
        columns.addWidget(self.communes_row, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addWidget(self.error_label)

        for edit in (self.code_edit, self.name_edit):
            edit.textChanged.connect(self._changed)
        self.phone_edit.textChanged.connect(self._phone_changed)
        self.commune_filter.textChanged.connect(self._apply_filter)
        self.commune_model.itemChanged.connect(self._item_changed)
        self.province_combo.setCurrentIndex(max(self.province_combo.findData(DEFAULT_PROVINCE), 0))
        self.province_combo.currentIndexChanged.connect(self._province_changed)
        self._province_changed()

    # --- what the page holds -------------------------------------------------------------------------------

    def code(self) -> str:
        return normalize(self.code_edit.text()).upper()

    def full_name(self) -> str:
        return normalize(self.name_edit.text())

    def phone(self) -> str:
        return self.phone_edit.text().strip()

    def province_code(self) -> int | None:
        code = self.province_combo.currentData()
        return int(code) if code is not None else None

    def commune_codes(self) -> tuple[int, ...]:
        return tuple(sorted(self._checked))

    def visible_communes(self) -> list[str]:
        return [
            self.commune_model.item(row).text()
            for row in range(self.commune_model.rowCount())
            if not self.commune_list.isRowHidden(row)
        ]

    def check_commune(self, name: str, checked: bool = True) -> None:
        """Tick a commune by its name, as a click on its box would (for scripts and tests)."""
        for row in range(self.commune_model.rowCount()):
            item = self.commune_model.item(row)
            if item.text() == name:
                item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
                return
        raise KeyError(name)

    def show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.setVisible(bool(message))

    def isComplete(self) -> bool:  # noqa: N802 (Qt's name)
        if not self.code() or not self.full_name():
            return False
        return not any(p.blocking for p in check_phone(self.phone(), "phone"))

    # --- reactions -----------------------------------------------------------------------------------------

    def _changed(self) -> None:
        self.show_error("")
        self.completeChanged.emit()

    def _upper_code(self, typed: str) -> None:
        if typed != typed.upper():
            cursor = self.code_edit.cursorPosition()
            self.code_edit.setText(typed.upper())
            self.code_edit.setCursorPosition(cursor)

    def _phone_changed(self) -> None:
        problems = check_phone(self.phone(), "phone")
        shown = next((p for p in problems if p.blocking), problems[0] if problems else None)
        if shown is None:
            self.phone_row.set_message("", None)
        else:
            self.phone_row.set_message(_sentence(shown, self._lang), "error" if shown.blocking else "warning")
        self._suggested = str(shown.params.get("suggested", "")) if shown and shown.code == "phone.old_mobile" else ""
        self.use_suggested.setText(self.tr("Dùng số %1").replace("%1", self._suggested))
        self.use_suggested.setVisible(bool(self._suggested))
        self._changed()

    def _take_suggested_phone(self) -> None:
        if self._suggested:
            self.phone_edit.setText(self._suggested)
            self.phone_edit.setFocus()

    def _province_changed(self) -> None:
        code = self.province_code()
        communes = self._ref.communes_of(code) if code is not None else []
        here = {c.code for c in communes}
        self._checked &= here  # communes are assigned within the chosen province only
        self.commune_model.clear()
        for commune in sorted(communes, key=lambda c: sort_key(c.name)):
            item = QStandardItem(commune.name)
            item.setData(commune.code, CODE_ROLE)
            item.setData(fold(commune.name), FOLDED_ROLE)
            item.setEditable(False)
            item.setCheckable(True)
            item.setCheckState(Qt.CheckState.Checked if commune.code in self._checked else Qt.CheckState.Unchecked)
            self.commune_model.appendRow(item)  # the state was set before the row joined: no itemChanged
        self._apply_filter()
        self._update_counter()

    def _apply_filter(self) -> None:
        wanted = fold(self.commune_filter.text())
        for row in range(self.commune_model.rowCount()):
            key = str(self.commune_model.item(row).data(FOLDED_ROLE))
            self.commune_list.setRowHidden(row, bool(wanted) and wanted not in key)

    def _item_changed(self, item: QStandardItem) -> None:
        code = int(item.data(CODE_ROLE))
        if item.checkState() == Qt.CheckState.Checked:
            self._checked.add(code)
        else:
            self._checked.discard(code)
        self._update_counter()

    def _update_counter(self) -> None:
        self.commune_counter.setText(self.tr("Đã chọn %n xã/phường", "", len(self._checked)))


class _DemoPage(QWizardPage):
    def __init__(self, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Dữ liệu mẫu"))
        self.setSubTitle(self.tr("Có thể nạp một bộ cơ sở giả lập để tập sử dụng trước khi đi khảo sát thật."))
        self.demo_box = QCheckBox(self.tr("&Nạp dữ liệu mẫu để làm quen"), self)
        self.count_spin = QSpinBox(self)
        self.count_spin.setLocale(_locale(lang))
        self.count_spin.setGroupSeparatorShown(True)
        self.count_spin.setRange(DEMO_MIN, DEMO_MAX)
        self.count_spin.setSingleStep(100)
        self.count_spin.setValue(DEMO_DEFAULT)
        self.count_spin.setEnabled(False)
        self.demo_box.toggled.connect(self.count_spin.setEnabled)
        note = QLabel(
            self.tr(
                "Dữ liệu mẫu là các cơ sở không có thật ở vùng Bà Rịa – Vũng Tàu cũ. Muốn bỏ dữ liệu mẫu, hãy "
                "dùng một thư mục dữ liệu mới."
            ),
            self,
        )
        note.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Số cơ sở mẫu:"), self.count_spin)
        layout = QVBoxLayout(self)
        layout.addWidget(self.demo_box)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addStretch(1)


class _FinishPage(QWizardPage):
    def __init__(
        self, profile: _ProfilePage, demo: _DemoPage, services: Services, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._profile, self._demo, self._ref = profile, demo, services.reference
        self.setTitle(self.tr("Kiểm tra lại thông tin"))
        self.setSubTitle(self.tr("Bấm Hoàn tất để lưu. Bạn có thể sửa lại các thông tin này sau."))
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addStretch(1)

    def initializePage(self) -> None:  # noqa: N802 (Qt's name)
        p = self._profile
        province = self._ref.provinces.get(p.province_code() or -1)
        names = [self._ref.communes[c].name for c in p.commune_codes() if c in self._ref.communes]
        none = self.tr("(chưa nhập)")
        lines = [
            self.tr("Mã cộng tác viên: %1").replace("%1", p.code()),
            self.tr("Họ và tên: %1").replace("%1", p.full_name()),
            self.tr("Số điện thoại: %1").replace("%1", p.phone() or none),
            self.tr("Tỉnh/thành phố: %1").replace("%1", province.name if province else none),
            self.tr("Xã/phường được giao (%1): %2")
            .replace("%1", str(len(names)))
            .replace("%2", ", ".join(sorted(names, key=sort_key)) or self.tr("(chưa chọn)")),
        ]
        if self._demo.demo_box.isChecked():
            count = self._demo.count_spin.locale().toString(self._demo.count_spin.value())
            lines.append(self.tr("Sau khi lưu sẽ nạp %1 cơ sở mẫu.").replace("%1", count))
        self.summary.setText("\n".join(lines))


class FirstRunWizard(QWizard):
    """Collects the local collaborator's profile and saves it on Finish; the caller then asks
    :meth:`demo_requested` and runs :func:`load_demo` if a number comes back."""

    def __init__(self, services: Services, tasks: Tasks, lang: str = "vi", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services, self._tasks, self._lang = services, tasks, lang
        self._saving = False
        self.saved: Collaborator | None = None
        self.setWindowTitle(self.tr("Thiết lập ban đầu — kcfield"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.profile_page = _ProfilePage(services, lang, self)
        self.demo_page = _DemoPage(lang, self)
        self.setPage(PAGE_WELCOME, _WelcomePage(self))
        self.setPage(PAGE_PROFILE, self.profile_page)
        self.setPage(PAGE_DEMO, self.demo_page)
        self.finish_page = _FinishPage(self.profile_page, self.demo_page, services, self)
        self.setPage(PAGE_FINISH, self.finish_page)
        self.setStartId(PAGE_WELCOME)
        self.resize(760, 560)

    def demo_requested(self) -> int | None:
        """How many demo establishments the collaborator asked for, or None."""
        return self.demo_page.count_spin.value() if self.demo_page.demo_box.isChecked() else None

    def accept(self) -> None:
        if self._saving:
            return
        p = self.profile_page
        code, name, phone = p.code(), p.full_name(), p.phone()
        province, communes = p.province_code(), p.commune_codes()
        collaborators = self._services.collaborators

        def work(_ctx: TaskContext) -> Collaborator:
            return collaborators.save_local_user(code, name, phone, province, communes)

        self._set_saving(True)
        self._tasks.run(work, on_success=self._saved, on_failure=self._failed, lane=Lane.WRITE, parent_widget=self)

    def reject(self) -> None:
        if not self._saving:  # the write is under way; closing now would hide its outcome
            super().reject()

    def _set_saving(self, saving: bool) -> None:
        self._saving = saving
        for which in (QWizard.WizardButton.FinishButton, QWizard.WizardButton.BackButton):
            button = self.button(which)
            if button is not None:
                button.setEnabled(not saving)

    def _saved(self, collaborator: Collaborator) -> None:
        self._set_saving(False)
        self.saved = collaborator
        super().accept()

    def _failed(self, error: BaseException) -> None:
        self._set_saving(False)
        if isinstance(error, ValidationFailed):
            message = "; ".join(self._describe(p) for p in error.problems if p.blocking) or describe_error(
                error, self._lang
            )
        elif isinstance(error, DomainError):
            message = describe_error(error, self._lang)
        else:
            log.error("saving the profile failed", exc_info=(type(error), error, error.__traceback__))
            message = self.tr("Không lưu được thông tin: %1").replace("%1", str(error) or type(error).__name__)
        while self.currentId() > PAGE_PROFILE:  # page ids run in page order
            self.back()
        self.profile_page.show_error(message)

    def _describe(self, problem: Problem) -> str:
        """describe() with this page's labels (the catalogue has no label for some profile fields)."""
        labels = {
            "collaborator_code": self.tr("Mã cộng tác viên"),
            "full_name": self.tr("Họ và tên"),
            "phone": self.tr("Số điện thoại"),
        }
        label = labels.get(problem.field) or field_label(problem.field, self._lang)
        sentence = text(problem.code, self._lang, field=label, **problem.params)
        return f"{label}: {sentence}" if label else sentence


def _bare_province(name: str) -> str:
    for prefix in _PROVINCE_PREFIXES:
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


def load_demo(
    services: Services,
    tasks: Tasks,
    count: int,
    parent: QWidget | None,
    on_done: Callable[[DemoSummary | None], None],
    lang: str = "vi",
) -> TaskHandle:
    """Fill the (empty) store with ``count`` demo establishments in the WRITE lane, with a cancellable progress
    dialog; ``on_done`` gets the summary, or None when the user cancelled (nothing was written) or the load
    failed (the reason was shown in a message box)."""
    demo = DemoService(services.ctx, services.reference)

    def work(ctx: TaskContext) -> DemoSummary | None:
        try:
            return demo.generate(count, seed=1, progress=ctx.report, cancel=ctx.cancel_token)
        except Cancelled:  # delivered as a value, so on_done runs on both runners (the sync one has no time
            return None  # to connect to TaskHandle.cancelled before it is emitted)

    def failed(error: BaseException) -> None:
        if isinstance(error, DomainError):
            message = describe_error(error, lang)
        else:
            log.error("demo data load failed", exc_info=(type(error), error, error.__traceback__))
            message = f"{type(error).__name__}: {error}"
        title = QCoreApplication.translate("FirstRunWizard", "Không nạp được dữ liệu mẫu")
        QMessageBox.warning(parent, title, message)
        on_done(None)

    return tasks.run(
        work,
        on_success=on_done,
        on_failure=failed,
        lane=Lane.WRITE,
        progress_label="demo.progress",
        parent_widget=parent,
    )
