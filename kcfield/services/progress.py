"""Progress reports and cancellation for long work (HOUSE-STYLE: Anki's contract).

A service doing long work takes a ``progress`` callback and a :class:`CancelToken`; it reports between units
of work and checks the token there. The UI's task runner turns reports into a progress dialog; the CLI
ignores them or prints a line.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class ProgressUpdate:
    label: str  # a message code (see kcfield.domain.messages)
    value: int
    maximum: int


Progress = Callable[[ProgressUpdate], None]


def no_progress(_update: ProgressUpdate) -> None:
    return None


class Cancelled(Exception):
    """The user cancelled; the work's transaction was rolled back and nothing was written."""


class CancelToken:
    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def check(self) -> None:
        if self._event.is_set():
            raise Cancelled
