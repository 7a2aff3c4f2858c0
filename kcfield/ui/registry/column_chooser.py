"""Which registry columns show: a menu of checkable columns, remembered in the ``registry_columns`` preference.

The preference travels with the data (services.preferences), so it is read and written through the task runner
like any other database access.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QHeaderView, QMenu, QWidget

from kcfield.services.preferences import Preferences
from kcfield.ui.registry.columns import COLUMN_BY_KEY, COLUMNS, Column, header_text
from kcfield.ui.registry.lifetime import while_alive
from kcfield.ui.tasks import Lane, Tasks


class ColumnChooser(QObject):
    def __init__(self, header: QHeaderView, preferences: Preferences, tasks: Tasks, parent: QWidget) -> None:
        super().__init__(parent)
        self._header = header
        self._preferences = preferences
        self._tasks = tasks
        self.menu = QMenu(self.tr("Cột hiển thị"), parent)
        self.actions: dict[Column, QAction] = {}
        for column in Column:
            action = QAction(header_text(column), self.menu)
            action.setCheckable(True)
            action.setChecked(True)
            action.setEnabled(column is not Column.NAME)  # a list without names would be useless
            action.toggled.connect(lambda on, c=column: self._on_toggled(c, on))
            self.menu.addAction(action)
            self.actions[column] = action

    def visible_columns(self) -> list[Column]:
        return [column for column in Column if not self._header.isSectionHidden(column)]

    def set_visible(self, column: Column, visible: bool) -> None:
        """Show or hide a column as the menu does, and remember the choice (the name column always stays)."""
        self.actions[column].setChecked(visible or column is Column.NAME)

    def load(self) -> None:
        preferences = self._preferences
        self._tasks.run(
            lambda _ctx: preferences.registry_columns,
            on_success=while_alive(self, self.apply),
            lane=Lane.READ,
            key="registry-columns",
        )

    def apply(self, keys: list[str] | None) -> None:
        """Show exactly the columns named by ``keys`` (None: never chosen, so all), without saving."""
        wanted = set(Column) if keys is None else {COLUMN_BY_KEY[k] for k in keys if k in COLUMN_BY_KEY}
        wanted.add(Column.NAME)
        for column, action in self.actions.items():
            action.blockSignals(True)
            action.setChecked(column in wanted)
            action.blockSignals(False)
            self._header.setSectionHidden(column, column not in wanted)

    def _on_toggled(self, column: Column, visible: bool) -> None:
        if self._header.isSectionHidden(column) == visible:
            self._header.setSectionHidden(column, not visible)
            self._save()

    def _save(self) -> None:
        keys = [COLUMNS[column].key for column in self.visible_columns()]
        preferences = self._preferences

        def save(_ctx: object) -> None:
            preferences.registry_columns = keys

        self._tasks.run(save, lane=Lane.WRITE)
