"""The main window: navigation between pages, the status bar, and opening editors. Nothing else.

Everything it shows comes from objects built by the composition root (kcfield/app.py) and passed in.
Database work goes through the task runner; the window only wires signals to pages and dialogs.
"""

from __future__ import annotations

from datetime import datetime
from uuid import UUID
from zoneinfo import ZoneInfo

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QWidget,
)

from kcfield import __version__
from kcfield.domain.errors import DomainError
from kcfield.domain.messages import describe_error
from kcfield.domain.model import Establishment
from kcfield.domain.numbers import format_number
from kcfield.paths import AppPaths
from kcfield.services.container import Services
from kcfield.services.drafts import DraftStore
from kcfield.services.duplicates import DuplicateFinder
from kcfield.ui.about import AboutDialog
from kcfield.ui.actions import build_actions
from kcfield.ui.backups.page import BackupsPage
from kcfield.ui.cp.page import CPPage
from kcfield.ui.key_passphrase import KeyPassphraseDialog
from kcfield.ui.needs.page import NeedsPage
from kcfield.ui.pages.placeholder import PlaceholderPage
from kcfield.ui.places.controller import PlacesController
from kcfield.ui.printing.controller import PrintController
from kcfield.ui.printing.scans import ScanAttacher
from kcfield.ui.registry.editor import EstablishmentEditor
from kcfield.ui.registry.page import RegistryPage
from kcfield.ui.settings_dialog import SettingsDialog
from kcfield.ui.sync.page import SyncPage
from kcfield.ui.tasks import Tasks
from kcfield.ui.visits.page import VisitsPage

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
STATUS_REFRESH_MS = 60_000


class MainWindow(QMainWindow):
    language_change_requested = Signal(str)

    def __init__(
        self,
        services: Services,
        tasks: Tasks,
        paths: AppPaths,
        drafts: DraftStore,
        finder: DuplicateFinder,
        settings: QSettings,
        lang: str = "vi",
    ) -> None:
        super().__init__()
        self.services, self.tasks, self.paths = services, tasks, paths
        self.drafts, self.finder, self.settings, self.lang = drafts, finder, settings, lang
        self._editors: dict[str, EstablishmentEditor] = {}
        self.setWindowTitle(self.tr("kcfield — Khảo sát cơ sở công nghiệp nông thôn"))
        self.resize(1200, 760)

        self.registry = RegistryPage(services, tasks, lang, self)
        self.visits = VisitsPage(services, tasks, drafts, lang, self)
        self.needs = NeedsPage(services, tasks, drafts, lang, self)
        self.cp = CPPage(services, tasks, drafts, lang, self)
        self.sync = SyncPage(services, tasks, lang, self)
        self.sync.data_changed.connect(self._after_sync)
        self.backups = BackupsPage(services, tasks, paths, lang, self)  # its restore is the application's job
        later = self.tr("Phần này sẽ có trong phiên bản tới. Hiện bạn quản lý hồ sơ cơ sở ở trang «Cơ sở».")
        self.pages: list[tuple[str, QWidget]] = [
            (self.tr("Cơ sở"), self.registry),
            (self.tr("Lượt khảo sát"), self.visits),
            (self.tr("Nhu cầu thiết bị"), self.needs),
            (self.tr("Đánh giá SXSH"), self.cp),
            (self.tr("Đồng bộ"), self.sync),
            (self.tr("Báo cáo"), PlaceholderPage(self.tr("Báo cáo"), later)),
            (self.tr("Sao lưu"), self.backups),
        ]
        self.nav = QListWidget(self)
        self.stack = QStackedWidget(self)
        for number, (title, page) in enumerate(self.pages, start=1):
            self.nav.addItem(title)
            self.nav.item(number - 1).setToolTip(f"{title} (Ctrl+{number})")
            self.stack.addWidget(page)
            QShortcut(QKeySequence(f"Ctrl+{number}"), self, lambda n=number - 1: self.nav.setCurrentRow(n))
        self.nav.setFixedWidth(160)
        self.nav.currentRowChanged.connect(self.stack.setCurrentIndex)
        self.nav.setCurrentRow(0)
        central = QWidget(self)
        row = QHBoxLayout(central)
        row.setContentsMargins(4, 4, 4, 0)
        row.addWidget(self.nav)
        row.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.unsynced_label = QLabel(self)
        self.last_sync_label = QLabel(self)
        self.statusBar().addPermanentWidget(self.unsynced_label)
        self.statusBar().addPermanentWidget(self.last_sync_label)

        self.app_actions = build_actions(self)
        self.app_actions.new.triggered.connect(lambda: self.open_editor(None))
        self.app_actions.save.triggered.connect(self._save_active_editor)
        self.app_actions.find.triggered.connect(self._focus_search)
        self.app_actions.print.triggered.connect(self._print)
        self.app_actions.settings.triggered.connect(self._settings)
        self.app_actions.about.triggered.connect(self._about)
        self.app_actions.key_passphrase.triggered.connect(self._key_passphrase)
        self.app_actions.quit.triggered.connect(self.close)
        self.registry.open_requested.connect(self.open_editor)
        self.registry.new_requested.connect(lambda: self.open_editor(None))
        self.registry.related_requested.connect(self.show_related)
        self.places = PlacesController(self, services, tasks, lang, self._open_in_registry)
        self.printer = PrintController(self, services, tasks, paths.printouts, lang)
        self.places.print_forms = self.printer.prefilled
        self.app_actions.print_blank.triggered.connect(self.printer.blank)
        self.scans = ScanAttacher(self, services, tasks, lang)
        self.app_actions.attach_scans.triggered.connect(self.scans.choose_files)
        for page in (self.registry, self.visits, self.needs, self.cp):
            page.print_requested.connect(self.printer.request)
        self.app_actions.day_plan.triggered.connect(self.places.show_day_plan)
        self.app_actions.nearby.triggered.connect(lambda: self.places.show_nearby_of(self.registry.current_id()))
        self.registry.nearby_requested.connect(self.places.show_nearby_of)
        self.registry.plan_add_requested.connect(self.places.add_to_plan)
        self._shown_pages: set[int] = {0}
        self.nav.currentRowChanged.connect(self._first_show)
        tasks.failed.connect(lambda message: self.statusBar().showMessage(message, 15_000))

        self._restore_geometry()
        self.refresh_status()
        self._status_timer = self.startTimer(STATUS_REFRESH_MS)

    # --- editors -------------------------------------------------------------------------------------

    def open_editor(self, record_id: UUID | None, draft: tuple[str, dict] | None = None) -> None:
        """Open the editor for a saved record (fetched in the background), a new one, or a restored draft."""
        key = record_id.hex if record_id is not None else (draft[0] if draft else "")
        if key and key in self._editors:
            self._editors[key].raise_()
            self._editors[key].activateWindow()
            return
        if record_id is None:
            self._show_editor(None, draft, key)
            return

        def failed(error: BaseException) -> None:
            if draft is not None and isinstance(error, DomainError):
                # The record was deleted (or never reached this store) since the draft was written: keep the
                # typed work by offering it as a new record rather than losing it.
                self._show_editor(None, draft, key)
            else:
                self._error(error)

        self.tasks.run(
            lambda _ctx: self.services.establishments.get(record_id),
            on_success=lambda record: self._show_editor(record, draft, key),
            on_failure=failed,
        )

    def _show_editor(self, record: Establishment | None, draft: tuple[str, dict] | None, key: str) -> None:
        editor = EstablishmentEditor(
            self.services, self.tasks, self.drafts, self.finder, self.lang, record=record, draft=draft, parent=self
        )
        editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        editor.saved.connect(self._after_save)
        editor.open_other.connect(self.open_editor)
        if key:
            self._editors[key] = editor
            editor.destroyed.connect(lambda _obj=None, k=key: self._editors.pop(k, None))
        editor.show()

    def _after_save(self, record: Establishment) -> None:
        self.registry.refresh()
        if record.id is not None:
            self.registry.select_record(record.id)
        self.refresh_status()
        self.statusBar().showMessage(self.tr("Đã lưu «%1».").replace("%1", record.name), 8000)

    def _save_active_editor(self) -> None:
        active = self.window().focusWidget()
        for editor in self._editors.values():
            if editor.isActiveWindow() or (active is not None and editor.isAncestorOf(active)):
                editor.save()
                return
        self.statusBar().showMessage(self.tr("Không có hồ sơ nào đang sửa để lưu."), 5000)

    # --- the other pages ------------------------------------------------------------------------------

    def _after_sync(self) -> None:
        """Records came from the centre: the lists show them, the status bar counts what is left to send."""
        self.registry.refresh()
        self.refresh_status()

    def _open_in_registry(self, record_id: UUID) -> None:
        """Show the registry with ``record_id`` selected and its profile open."""
        self.nav.setCurrentRow(self.stack.indexOf(self.registry))
        self.registry.select_record(record_id)
        self.open_editor(record_id)

    def show_related(self, kind: str, establishment_id: UUID | None) -> None:
        """From an establishment, its visits, needs or assessments in one click."""
        pages: dict[str, VisitsPage | NeedsPage | CPPage] = {"visits": self.visits, "needs": self.needs, "cp": self.cp}
        page = pages[kind]
        self._shown_pages.add(self.stack.indexOf(page))
        self.nav.setCurrentRow(self.stack.indexOf(page))
        page.show_for_establishment(establishment_id)

    def _first_show(self, row: int) -> None:
        """A page loads its list the first time it is shown, not at start-up."""
        if row in self._shown_pages:
            return
        self._shown_pages.add(row)
        page = self.stack.widget(row)
        if isinstance(page, VisitsPage | NeedsPage | CPPage):
            page.show_for_establishment(None)

    # --- status bar ----------------------------------------------------------------------------------

    def refresh_status(self) -> None:
        def read(_ctx: object) -> tuple[int, datetime | None]:
            return self.services.registry.unsynced_count(), self.services.preferences.last_sync_at

        self.tasks.run(read, on_success=self._show_status, key="status-bar")

    def _show_status(self, values: tuple[int, datetime | None]) -> None:
        unsynced, last_sync = values
        self.unsynced_label.setText(
            self.tr("Chưa gửi: %1 thay đổi").replace("%1", format_number(unsynced, 0, self.lang))
        )
        if last_sync is None:
            self.last_sync_label.setText(self.tr("Chưa đồng bộ lần nào"))
        else:
            local = last_sync.astimezone(VIETNAM)
            self.last_sync_label.setText(
                self.tr("Đồng bộ lần cuối: %1").replace("%1", local.strftime("%d/%m/%Y %H:%M"))
            )

    def timerEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if self._status_timer and event.timerId() == self._status_timer and self.isVisible():
            self.refresh_status()

    # --- other actions -------------------------------------------------------------------------------

    def _focus_search(self) -> None:
        self.nav.setCurrentRow(0)
        self.registry.focus_search()

    def _print(self) -> None:
        """Ctrl+P prints what the page shows: the selected record's document, or a blank form."""
        page = self.stack.currentWidget()
        request = getattr(page, "request_print", None)
        if callable(request):
            request()
        else:
            self.printer.blank()

    def _settings(self) -> None:
        dialog = SettingsDialog(self.services, self.tasks, self.lang, self)
        dialog.language_changed.connect(self.language_change_requested)
        dialog.exec()

    def _key_passphrase(self) -> None:
        dialog = KeyPassphraseDialog(self.services.sync_field.vault, self.tasks, self.lang, self)
        if dialog.exec():
            self.statusBar().showMessage(dialog.done_text, 8000)

    def _about(self) -> None:
        AboutDialog(self.paths.data_dir, __version__, self.lang, self).exec()

    def _error(self, error: BaseException) -> None:
        text = describe_error(error, self.lang) if isinstance(error, DomainError) else str(error)
        QMessageBox.warning(self, self.tr("Không thực hiện được"), text)

    # --- window state --------------------------------------------------------------------------------

    def _restore_geometry(self) -> None:
        geometry = self.settings.value("main/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        state = self.settings.value("main/state")
        if state is not None:
            self.restoreState(state)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        for editor in list(self._editors.values()):
            if not editor.close():  # an editor with unsaved changes asked, and the user chose to stay
                event.ignore()
                return
        self.settings.setValue("main/geometry", self.saveGeometry())
        self.settings.setValue("main/state", self.saveState())
        self.settings.sync()
        if self._status_timer:
            self.killTimer(self._status_timer)  # a closed window asks the store nothing more
            self._status_timer = 0
        super().closeEvent(event)
