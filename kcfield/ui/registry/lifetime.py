"""Task callbacks that outlive their widget: a page closed (or rebuilt for another language) while its search
was running must not have the result poured into deleted Qt objects."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import shiboken6
from PySide6.QtCore import QObject

T = TypeVar("T")


def while_alive(owner: QObject, callback: Callable[[T], None]) -> Callable[[T], None]:
    """``callback``, run only if ``owner``'s C++ object still exists when the result arrives."""

    def call(value: T) -> None:
        if shiboken6.isValid(owner):
            callback(value)

    return call
