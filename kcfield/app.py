"""Composition root of the GUI: builds the store, the services, the task runner and the windows, and passes
each its collaborators (HOUSE-STYLE: no globals, no QApplication.instance() lookups in the widgets).

Start-up order, chosen so the window is usable fast on a 100k-establishment store:
1. open the store (backup + migrate only when the schema changed) and load missing reference data;
2. install the interface language (compiled translations are cached);
3. first run only: the profile wizard (and, if asked, demo data with a progress dialog);
4. show the window — the registry paints its first page from the name index at once;
5. in the background: re-derive eligibility if the rules in force changed, load the search snapshot;
6. offer back any editor drafts a crash or power cut left behind.
"""

from __future__ import annotations

import gc
import sys
from pathlib import Path

from PySide6.QtCore import QObject, QSettings
from PySide6.QtWidgets import QApplication, QMessageBox

from kcfield.domain.errors import DomainError
from kcfield.domain.messages import describe_error
from kcfield.instance import FolderLock
from kcfield.paths import AppPaths, resolve_paths
from kcfield.services.backups import RestoreResult, restore
from kcfield.services.container import Services, open_services
from kcfield.services.context import VIETNAM_TZ
from kcfield.services.drafts import DraftStore
from kcfield.services.duplicates import DuplicateFinder
from kcfield.ui.first_run import FirstRunWizard, load_demo
from kcfield.ui.fonts import register_bundled_fonts
from kcfield.ui.i18n import install_translators
from kcfield.ui.main_window import MainWindow
from kcfield.ui.tasks import Lane, TaskContext, TaskRunner, Tasks


class Application(QObject):
    """Owns the main window's lifetime: a language change rebuilds the window in the new language."""

    def __init__(self, app: QApplication, services: Services, tasks: Tasks, paths: AppPaths, lang: str) -> None:
        super().__init__()
        self.app, self.services, self.tasks, self.paths, self.lang = app, services, tasks, paths, lang
        self.drafts = DraftStore(paths.drafts)
        self.finder = DuplicateFinder(services.ctx, services.reference)
        self.settings = QSettings(str(paths.data_dir / "window.ini"), QSettings.Format.IniFormat)
        self.window: MainWindow | None = None

    def translations_cache(self) -> Path:
        return self.paths.data_dir / "cache" / "i18n"

    def start(self) -> bool:
        """Show the window; False when the first-run wizard was cancelled (the app then quits)."""
        install_translators(self.app, self.lang, self.translations_cache())
        demo = None
        if self.services.collaborators.local_user() is None:
            wizard = FirstRunWizard(self.services, self.tasks, self.lang)
            if not wizard.exec():
                return False
            demo = wizard.demo_requested()
        self.window = self._build_window()
        self.window.show()
        sync = self.services.sync_field
        # The collaborator's signing key, made once (a few milliseconds) so enrolment and export are ready.
        self.tasks.run(lambda _ctx: sync.ensure_key(), lane=Lane.WRITE)
        if demo:
            load_demo(self.services, self.tasks, demo, self.window, lambda _summary: self._after_data_change())
        self._background_upkeep()
        self._daily_backup()
        self._offer_drafts()
        # Everything made so far (modules, classes, the window) lives as long as the app: keep it out of the
        # cyclic collector's full passes, which hold the interpreter lock and would otherwise walk it all each
        # time and stall the window while a background task (a batch of forms) allocates heavily.
        gc.freeze()
        return True

    def _build_window(self) -> MainWindow:
        window = MainWindow(self.services, self.tasks, self.paths, self.drafts, self.finder, self.settings, self.lang)
        window.language_change_requested.connect(self.switch_language)
        window.backups.restore_requested.connect(self.restore_backup)
        return window

    def switch_language(self, lang: str) -> None:
        if lang == self.lang:
            return
        self.lang = lang
        install_translators(self.app, lang, self.translations_cache())
        self.tasks.set_language(lang)
        old = self.window
        if old is not None and not old.close():
            return
        self.window = self._build_window()
        self.window.show()
        if old is not None:
            old.deleteLater()

    def _daily_backup(self) -> None:
        """The day's backup (when the last is 24 hours old), in the background: the window is usable at once."""
        backups = self.services.backups

        def made(path: Path | None) -> None:
            if path is not None and self.window is not None:
                self.window.backups.refresh()

        self.tasks.run(lambda _ctx: backups.daily_if_due(), lane=Lane.WRITE, on_success=made)

    def restore_backup(self, chosen: Path) -> None:
        """Replace the store with a backup, then rebuild the window over it (like a language change).

        Order: close the window (an editor with unsaved changes may refuse: then nothing happens), wait for
        every task over the old store, close the store, restore in the background (a busy dialog shows), open
        the services again, build the new window. When the restore fails the store is reopened as it is — the
        restore leaves it untouched unless its last step committed — and the failure is shown."""
        old = self.window
        self.app.setQuitOnLastWindowClosed(False)  # between the two windows there is none
        if old is not None and not old.close():
            self.app.setQuitOnLastWindowClosed(True)
            return
        self.tasks.wait_idle()
        self.services.close()
        paths = self.paths

        def work(_ctx: TaskContext) -> tuple[RestoreResult | BaseException, Services]:
            try:
                outcome: RestoreResult | BaseException = restore(paths, chosen)
            except Exception as error:  # shown after reopening; the store is reopened either way
                outcome = error
            return outcome, open_services(paths)

        def reopened(value: tuple[RestoreResult | BaseException, Services]) -> None:
            outcome, services = value
            self.services = services
            self.finder = DuplicateFinder(services.ctx, services.reference)
            self.window = self._build_window()
            self.window.show()
            self.app.setQuitOnLastWindowClosed(True)
            if old is not None:
                old.deleteLater()
            page = self.window.backups
            self.window.nav.setCurrentRow(self.window.stack.indexOf(page))
            if isinstance(outcome, BaseException):
                message = describe_error(outcome, self.lang) if isinstance(outcome, DomainError) else str(outcome)
                page.say(message, error=True)
                return
            lines = [self.tr("Đã khôi phục từ {path}.").format(path=str(outcome.restored_from))]
            if outcome.kept_aside is not None:
                lines.append(
                    self.tr("Dữ liệu trước khi khôi phục được giữ ở {path}.").format(path=str(outcome.kept_aside))
                )
            lines.append(self.tr("Gói gửi Trung tâm tiếp theo sẽ mang số {n}.").format(n=outcome.next_sequence))
            page.say("\n".join(lines))

        def failed(error: BaseException) -> None:  # the store could not be opened again
            text = describe_error(error, self.lang) if isinstance(error, DomainError) else str(error)
            QMessageBox.critical(None, "kcfield", text)
            self.app.setQuitOnLastWindowClosed(True)
            self.app.quit()

        self.tasks.run(
            work, on_success=reopened, on_failure=failed, lane=Lane.WRITE, progress_label=self.tr("Đang khôi phục…")
        )

    def _after_data_change(self) -> None:
        if self.window is not None:
            self.window.registry.refresh()
            self.window.refresh_status()

    def _background_upkeep(self) -> None:
        establishments = self.services.establishments

        def refresh_derived(ctx: TaskContext) -> int:
            stamp = establishments.derived_facts_outdated()
            if stamp is None:
                return 0
            return establishments.refresh_derived(stamp, progress=ctx.report, cancel=ctx.cancel_token)

        def refreshed(changed: int) -> None:
            if changed:
                self._after_data_change()

        self.tasks.run(refresh_derived, lane=Lane.WRITE, on_success=refreshed)
        self.tasks.run(lambda _ctx: self.services.registry.current(), key="registry-warm-up")

    def _offer_drafts(self) -> None:
        pending = self.drafts.pending()
        if not pending or self.window is None:
            return
        names = "\n".join(
            f"• {d.title} ({d.saved_at.astimezone(VIETNAM_TZ).strftime('%d/%m/%Y %H:%M')})" for d in pending[:8]
        )
        answer = QMessageBox.question(
            self.window,
            self.tr("Bản nháp chưa lưu"),
            self.tr("Lần làm việc trước còn %1 hồ sơ đang sửa dở chưa lưu:\n\n%2\n\nMở lại để tiếp tục?")
            .replace("%1", str(len(pending)))
            .replace("%2", names),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.Yes,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return  # kept on disk: offered again next time, until saved or discarded in an editor
        for info in pending:
            try:
                values = self.drafts.load(info.key)
            except (OSError, ValueError):
                continue  # unreadable: pending() already logged it; the file stays for a person to look at
            record_id = info.record_id if info.entity == "establishment" else None
            self.window.open_editor(record_id, (info.key, values))

    def shutdown(self) -> None:
        self.tasks.shutdown()
        self.settings.sync()
        self.services.close()


def run_gui(data_dir: str | None, lang: str | None) -> int:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv)
    app.setApplicationName("kcfield")
    app.setOrganizationName("KhuyenCong")
    register_bundled_fonts(app)
    paths = resolve_paths(data_dir)
    lock = FolderLock(paths.data_dir)  # one window per data folder; `kcfield restore` waits for it to close
    try:
        if not lock.acquire():
            message = describe_error(DomainError("app.already_open", path=str(paths.data_dir)), lang or "vi")
            QMessageBox.information(None, "kcfield", message)
            return 1
        services = open_services(paths)
    except DomainError as error:
        lock.release()
        QMessageBox.critical(None, "kcfield", describe_error(error, lang or "vi"))
        return 1
    chosen = lang or services.preferences.language
    controller = Application(app, services, TaskRunner(chosen), paths, chosen)
    try:
        if not controller.start():
            return 0
        return int(app.exec())
    finally:
        controller.shutdown()
        lock.release()
