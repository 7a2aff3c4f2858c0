"""The key passphrase in the window: open a protected key once per session, and set, change or remove it.

Opening runs scrypt (a third of a second on purpose), so it runs as a background task while the dialog waits.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from kcfield.domain.errors import DomainError
from kcfield.domain.messages import describe_error, text
from kcfield.services.key_vault import KeyVault
from kcfield.ui.tasks import Lane, Tasks


def _password_edit(parent: QWidget) -> QLineEdit:
    edit = QLineEdit(parent)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setMinimumWidth(280)
    return edit


class _TaskDialog(QDialog):
    """A dialog whose OK runs one piece of key work in the background and closes only when it succeeded."""

    def __init__(self, tasks: Tasks, lang: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self._tasks, self._lang = tasks, lang
        self.setMinimumWidth(460)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b3261e;")
        self.message.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, parent=self
        )
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)

    def say(self, line: str) -> None:
        self.message.setText(line)
        self.message.setVisible(bool(line))
        self.adjustSize()  # a wrapped reason needs room: grow rather than clip the lines above it

    def _submit(self) -> None:
        raise NotImplementedError

    def _run(self, work, done_text: str = "") -> None:
        self.buttons.setEnabled(False)
        self.setCursor(Qt.CursorShape.BusyCursor)
        self.say("")

        def succeeded(_result: object) -> None:
            self.unsetCursor()
            self.buttons.setEnabled(True)
            self.done_text = done_text
            self.accept()

        def failed(error: BaseException) -> None:
            self.unsetCursor()
            self.buttons.setEnabled(True)
            self.say(describe_error(error, self._lang) if isinstance(error, DomainError) else str(error))

        self._tasks.run(lambda _ctx: work(), on_success=succeeded, on_failure=failed, lane=Lane.READ)


class UnlockKeyDialog(_TaskDialog):
    """Asks for the passphrase of the protected key and opens it for the session."""

    def __init__(self, vault: KeyVault, tasks: Tasks, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(tasks, lang, parent)
        self._vault = vault
        self.setWindowTitle(self.tr("Mở khoá riêng"))
        intro = QLabel(
            self.tr(
                "Khoá riêng của bạn được bảo vệ bằng mật khẩu. Nhập mật khẩu để ký, xuất và nhập gói trong lần "
                "làm việc này."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.passphrase = _password_edit(self)
        form = QFormLayout()
        form.addRow(self.tr("&Mật khẩu khoá:"), self.passphrase)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

    def _submit(self) -> None:
        passphrase = self.passphrase.text()
        self._run(lambda: self._vault.unlock(passphrase))


class KeyPassphraseDialog(_TaskDialog):
    """Sets, changes or removes the passphrase of the key file."""

    def __init__(self, vault: KeyVault, tasks: Tasks, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(tasks, lang, parent)
        self._vault = vault
        self.done_text = ""
        protected = vault.is_protected()
        self.setWindowTitle(self.tr("Mật khẩu bảo vệ khoá riêng"))
        intro = QLabel(
            self.tr(
                "Khoá riêng ký và giải mã các gói của bạn. Đặt mật khẩu để ai lấy được máy tính cũng không dùng "
                "được khoá. Quên mật khẩu thì phải tạo khoá mới và đăng ký lại với Trung tâm."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.current = _password_edit(self)
        self.new = _password_edit(self)
        self.repeat = _password_edit(self)
        self.remove = QCheckBox(self.tr("&Bỏ mật khẩu (khoá lưu không mã hoá)"), self)
        self.remove.setVisible(protected)
        self.remove.toggled.connect(self._remove_toggled)
        form = QFormLayout()
        if protected:
            form.addRow(self.tr("Mật khẩu &hiện tại:"), self.current)
        else:
            self.current.hide()
        form.addRow(self.tr("Mật khẩu &mới:"), self.new)
        form.addRow(self.tr("&Nhập lại mật khẩu mới:"), self.repeat)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.remove)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

    def _remove_toggled(self, on: bool) -> None:
        self.new.setEnabled(not on)
        self.repeat.setEnabled(not on)

    def _submit(self) -> None:
        current = self.current.text() if self._vault.is_protected() else None
        if self.remove.isChecked():
            self._run(lambda: self._vault.set_passphrase(current, None), text("key.passphrase_removed", self._lang))
            return
        if self.new.text() != self.repeat.text():
            self.say(text("key.passphrase_mismatch", self._lang))
            return
        new = self.new.text()
        self._run(lambda: self._vault.set_passphrase(current, new), text("key.passphrase_set", self._lang))


def ensure_unlocked(vault: KeyVault, tasks: Tasks, lang: str, parent: QWidget | None) -> bool:
    """True when the key can be used now: it is not protected, already open, or the person just opened it."""
    if not vault.is_locked():
        return True
    return UnlockKeyDialog(vault, tasks, lang, parent).exec() == QDialog.DialogCode.Accepted
