"""Fixtures shared by the UI tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QLocale, QSettings
from PySide6.QtWidgets import QApplication

from kcfield.paths import AppPaths
from kcfield.services.container import Services
from kcfield.services.drafts import DraftStore
from kcfield.services.duplicates import DuplicateFinder
from kcfield.ui import i18n
from kcfield.ui.main_window import MainWindow
from kcfield.ui.tasks import SyncTaskRunner


@pytest.fixture
def app(qapp: QApplication) -> Iterator[QApplication]:
    """The shared QApplication, handed back with the translators and default locale it had before the test."""
    previous_translators = list(i18n._installed)
    previous_locale = QLocale()
    yield qapp
    for translator in i18n._installed:
        qapp.removeTranslator(translator)
    i18n._installed[:] = previous_translators
    for translator in previous_translators:
        qapp.installTranslator(translator)
    QLocale.setDefault(previous_locale)


def build_window(services: Services, paths: AppPaths, keep: list[object], lang: str = "vi") -> MainWindow:
    """A main window over ``services`` with a synchronous task runner; ``keep`` holds the reference (pytest-qt
    keeps only weak ones)."""
    settings = QSettings(str(paths.data_dir / "window.ini"), QSettings.Format.IniFormat)
    window = MainWindow(
        services,
        SyncTaskRunner(),
        paths,
        DraftStore(paths.drafts),
        DuplicateFinder(services.ctx, services.reference),
        settings,
        lang,
    )
    keep.append(window)
    return window
