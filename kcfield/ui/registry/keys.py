"""What the keys do on the registry page, for a collaborator who works from the keyboard all day.

* Down or Enter in the search box: into the list (the first row selected if none is).
* Enter in the list: open the selected establishment; Delete: delete it (asks first).
* Ctrl+N anywhere on the page: a new establishment.
* Typing letters in the list: they go to the search box. The view's own type-ahead would walk the model row by
  row looking for a match, asking for (and fetching) every page of 100,000 rows.

Enter, Delete and Ctrl+N are claimed at ShortcutOverride, before the window's shortcut map: if the main window
has an action on the same keys, Qt would otherwise see two shortcuts, call it ambiguous and trigger neither.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QLineEdit, QTableView, QWidget

_OPEN_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
_PLAIN = (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier)
_COMMAND_MODIFIERS = (
    Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.MetaModifier
)
Action = Callable[[], None]


class PageKeys(QObject):
    def __init__(
        self,
        page: QWidget,
        search: QLineEdit,
        table: QTableView,
        *,
        enter_list: Action,
        open_current: Action,
        delete_current: Action,
        new: Action,
    ) -> None:
        super().__init__(page)
        self._page, self._search, self._table = page, search, table
        self._enter_list, self._open, self._delete, self._new = enter_list, open_current, delete_current, new
        for widget in (page, search, table):
            widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        kind = event.type()
        if kind not in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride) or not isinstance(event, QKeyEvent):
            return False
        pressed = kind == QEvent.Type.KeyPress
        if watched is self._page:  # reached the page: no child used the key
            if event.matches(QKeySequence.StandardKey.New):
                event.accept()
                if pressed:
                    self._new()
                return True
            return False
        key, plain = event.key(), event.modifiers() in _PLAIN
        if watched is self._search:
            if pressed and plain and key in (Qt.Key.Key_Down, *_OPEN_KEYS):
                self._enter_list()
                return True
            return False
        if watched is not self._table:
            return False
        if plain and (key in _OPEN_KEYS or key == Qt.Key.Key_Delete):
            event.accept()  # at ShortcutOverride: ours, not a window shortcut's
            if pressed:
                (self._delete if key == Qt.Key.Key_Delete else self._open)()
            return True
        typed = event.text()
        if pressed and not event.modifiers() & _COMMAND_MODIFIERS and typed.isprintable() and typed.strip():
            self._search.setFocus(Qt.FocusReason.OtherFocusReason)
            self._search.end(False)
            self._search.insert(typed)
            return True
        return False
