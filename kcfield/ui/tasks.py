"""Background work for every screen (HOUSE-STYLE "background work": Anki's QueryOp, Picard's run_task).

A screen hands a plain function to :meth:`TaskRunner.run`; the function runs in a worker thread, returns a
plain value and never touches widgets or Qt models, and the screen's ``on_success`` / ``on_failure`` run later
in the GUI thread. Two lanes: WRITE has one thread, so database writes never race each other (SQLite has one
writer anyway, and a second one would only wait on its lock); READ runs a few queries, PDF builds or network
calls side by side. A ``key`` makes tasks supersede each other, so in search-as-you-type only the newest
query's rows reach the model even when an older query finishes last.

Long work shows Anki's progress contract: a dialog appears only if the task still runs after 600 ms (a flash
for a fast task is worse than nothing), shows the latest :class:`ProgressUpdate`, and its Cancel button sets
the task's :class:`CancelToken`. :class:`SyncTaskRunner` has the same API but runs inline, which makes UI
tests deterministic (Picard swaps its thread pool the same way).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from functools import partial
from typing import Any, Protocol, TypeVar

from PySide6.QtCore import (
    QCoreApplication,
    QDeadlineTimer,
    QEventLoop,
    QObject,
    Qt,
    QThread,
    QThreadPool,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import QProgressDialog, QWidget

from kcfield.domain.errors import DomainError
from kcfield.domain.messages import DEFAULT_LANGUAGE, describe_error, text
from kcfield.services.progress import Cancelled, CancelToken, ProgressUpdate

T = TypeVar("T")
log = logging.getLogger("kcfield.ui.tasks")

PROGRESS_DELAY_MS = 600  # Anki's threshold: below it a dialog only flickers
READ_THREADS = 2  # the target laptops have 2 cores; more readers would only contend for them


class Lane(Enum):
    READ = "read"
    WRITE = "write"


class Outcome(Enum):
    SUCCEEDED = "succeeded"
    FAILED = "failed"
    CANCELLED = "cancelled"  # raised Cancelled: neither callback ran
    SUPERSEDED = "superseded"  # a newer task with the same key started: the result was dropped
    DROPPED = "dropped"  # finished after shutdown(): the screens may be gone, so nothing is delivered


class TaskContext:
    """What a worker function may use: the token to check between units of work and a thread-safe
    ``report``. Reports are coalesced (only the newest waits for the GUI), so a service may report per row
    without flooding the event queue."""

    def __init__(self, token: CancelToken, notify: Callable[[], None]) -> None:
        self.cancel_token = token
        self._notify = notify
        self._lock = threading.Lock()
        self._latest: ProgressUpdate | None = None
        self._pending = False

    def report(self, update: ProgressUpdate) -> None:
        with self._lock:
            self._latest = update
            if self._pending:
                return
            self._pending = True
        self._notify()

    def take_latest(self) -> ProgressUpdate | None:
        with self._lock:
            self._pending = False
            return self._latest


class TaskHandle(QObject):
    """One submitted task, living in the GUI thread. Its signals are emitted there, after the callbacks."""

    finished = Signal()  # whatever the outcome
    cancelled = Signal()  # the work raised Cancelled
    progressed = Signal(object)  # ProgressUpdate, for screens with an inline progress bar

    def __init__(self, key: str | None, progress_label: str | None, parent_widget: QWidget | None) -> None:
        super().__init__()
        self.key = key
        self.cancel_token = CancelToken()
        self.outcome: Outcome | None = None
        self.last_update: ProgressUpdate | None = None
        self.progress_dialog: QProgressDialog | None = None
        self._progress_label = progress_label
        self._parent_widget = parent_widget
        self._superseded = False
        self._timer: QTimer | None = None
        self._context: TaskContext | None = None
        self._work: Callable[[], None] | None = None  # kept alive until done (the pool holds a wrapper)

    def cancel(self) -> None:
        """Ask the work to stop; it stops when it next checks the token. A result that arrives anyway is
        delivered: the work did happen (a write committed), so the screen should show it."""
        self.cancel_token.cancel()

    @property
    def done(self) -> bool:
        return self.outcome is not None


@dataclass(frozen=True)
class _Result:
    handle: TaskHandle
    value: Any = None
    error: BaseException | None = None


_Pending = tuple[TaskHandle, Callable[[Any], None] | None, Callable[[BaseException], None] | None]


class Tasks(Protocol):
    """What screens type against, so tests can pass :class:`SyncTaskRunner`."""

    failed: Any  # Signal(str): an unexpected failure nobody handled, for the status bar

    def run(
        self,
        fn: Callable[[TaskContext], T],
        *,
        on_success: Callable[[T], None] | None = None,
        on_failure: Callable[[BaseException], None] | None = None,
        lane: Lane = Lane.READ,
        progress_label: str | None = None,
        parent_widget: QWidget | None = None,
        key: str | None = None,
    ) -> TaskHandle: ...

    def set_language(self, lang: str) -> None: ...

    def wait_idle(self, timeout_ms: int = 30_000) -> bool: ...

    def shutdown(self, timeout_ms: int = 10_000) -> bool: ...


class TaskRunner(QObject):
    """Runs work on two thread pools and delivers outcomes in the GUI thread; create and call it there."""

    failed = Signal(str)
    _resolved = Signal(object)  # _Result, emitted by workers, delivered queued in the GUI thread
    _progressed = Signal(object)  # TaskHandle with a fresh report waiting

    def __init__(self, lang: str = DEFAULT_LANGUAGE, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lang = lang
        self._live: dict[int, _Pending] = {}  # keeps handles (and their closures) alive until delivered
        self._by_key: dict[str, TaskHandle] = {}
        self._closing = False
        self._pools = {Lane.READ: QThreadPool(self), Lane.WRITE: QThreadPool(self)}
        self._pools[Lane.READ].setMaxThreadCount(READ_THREADS)
        self._pools[Lane.WRITE].setMaxThreadCount(1)
        # Explicitly queued: the emitter is a worker thread, the slot must run in ours.
        self._resolved.connect(self._deliver, Qt.ConnectionType.QueuedConnection)
        self._progressed.connect(self._on_progress, Qt.ConnectionType.QueuedConnection)

    def set_language(self, lang: str) -> None:
        self._lang = lang

    def run(
        self,
        fn: Callable[[TaskContext], T],
        *,
        on_success: Callable[[T], None] | None = None,
        on_failure: Callable[[BaseException], None] | None = None,
        lane: Lane = Lane.READ,
        progress_label: str | None = None,
        parent_widget: QWidget | None = None,
        key: str | None = None,
    ) -> TaskHandle:
        if self._closing:
            raise RuntimeError("the task runner has been shut down")
        if QThread.currentThread() is not self.thread():
            raise RuntimeError("TaskRunner.run() must be called from the thread that owns the runner")
        handle = TaskHandle(key, progress_label, parent_widget)
        if key is not None:
            older = self._by_key.get(key)
            if older is not None and not older.done:
                older._superseded = True
                older.cancel()
            self._by_key[key] = handle
        context = TaskContext(handle.cancel_token, partial(self._notify_progress, handle))
        handle._context = context

        def work() -> None:
            if handle.cancel_token.cancelled:  # superseded or cancelled while queued: do not start at all
                result = _Result(handle, error=Cancelled())
            else:
                try:
                    result = _Result(handle, value=fn(context))
                except BaseException as exc:  # everything reaches the GUI thread; nothing dies with the worker
                    result = _Result(handle, error=exc)
            self._post(result)

        handle._work = work
        self._live[id(handle)] = (handle, on_success, on_failure)
        self._submit(handle, lane)
        return handle

    def wait_idle(self, timeout_ms: int = 30_000) -> bool:
        """Wait until every task has finished and its callbacks ran (processing events meanwhile, because
        outcomes arrive as queued signals). Returns False on timeout."""
        deadline = QDeadlineTimer(timeout_ms)
        while self._live:
            if deadline.hasExpired():
                return False
            for pool in self._pools.values():
                pool.waitForDone(5)
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
        return True

    def shutdown(self, timeout_ms: int = 10_000) -> bool:
        """Cancel everything and wait for the workers (call from closeEvent): a worker must not outlive the
        Session and widgets it was given. Outcomes arriving now are dropped, not delivered to closing screens."""
        self._closing = True
        for handle, _, _ in list(self._live.values()):
            handle.cancel()
        idle = self.wait_idle(timeout_ms)
        if not idle:
            log.warning("shutdown: %d task(s) still running after %d ms", len(self._live), timeout_ms)
        return idle

    # --- submission, overridden by SyncTaskRunner ---------------------------------------------------------

    def _submit(self, handle: TaskHandle, lane: Lane) -> None:
        assert handle._work is not None
        self._pools[lane].start(handle._work)
        if handle._progress_label is not None:
            timer = QTimer(handle)
            timer.setSingleShot(True)
            timer.timeout.connect(partial(self._show_dialog, handle))
            timer.start(PROGRESS_DELAY_MS)
            handle._timer = timer

    def _post(self, result: _Result) -> None:
        self._resolved.emit(result)

    def _notify_progress(self, handle: TaskHandle) -> None:
        self._progressed.emit(handle)

    # --- GUI thread ---------------------------------------------------------------------------------------

    def _on_progress(self, handle: TaskHandle) -> None:
        if handle.done or handle._superseded or handle._context is None:
            return
        update = handle._context.take_latest()
        if update is None:
            return
        handle.last_update = update
        handle.progressed.emit(update)
        if handle.progress_dialog is not None:
            self._apply(handle.progress_dialog, handle._progress_label or update.label, update)

    def _show_dialog(self, handle: TaskHandle) -> None:
        if handle.done or handle._progress_label is None:
            return
        dialog = QProgressDialog(handle._parent_widget)
        dialog.setWindowModality(
            Qt.WindowModality.WindowModal if handle._parent_widget is not None else Qt.WindowModality.ApplicationModal
        )
        dialog.setAutoReset(False)  # reaching the maximum is not the end; the task's end is
        dialog.setMinimumDuration(0)  # we already waited our 600 ms
        dialog.canceled.connect(partial(self._cancel_from_dialog, handle))
        handle.progress_dialog = dialog
        update = handle.last_update or ProgressUpdate(handle._progress_label, 0, 0)
        self._apply(dialog, handle._progress_label, update)
        dialog.show()

    def _apply(self, dialog: QProgressDialog, fallback_label: str, update: ProgressUpdate) -> None:
        # setValue() last: on a modal dialog it processes events, which may finish this very task.
        dialog.setLabelText(
            text(update.label or fallback_label, self._lang, value=update.value, maximum=update.maximum)
        )
        dialog.setRange(0, max(update.maximum, 0))  # 0..0 is Qt's busy indicator
        if update.maximum > 0:
            dialog.setValue(max(0, min(update.value, update.maximum)))

    def _deliver(self, result: _Result) -> None:
        handle = result.handle
        _, on_success, on_failure = self._live.pop(id(handle), (handle, None, None))
        if handle.key is not None and self._by_key.get(handle.key) is handle:
            del self._by_key[handle.key]
        handle._work = handle._context = None
        if handle._timer is not None:
            handle._timer.stop()
            handle._timer = None
        self._close_dialog(handle)
        error = result.error
        if self._closing:
            handle.outcome = Outcome.DROPPED
        elif handle._superseded:
            handle.outcome = Outcome.SUPERSEDED
        elif isinstance(error, Cancelled):
            handle.outcome = Outcome.CANCELLED
        elif error is not None:
            handle.outcome = Outcome.FAILED
        else:
            handle.outcome = Outcome.SUCCEEDED
        try:  # a callback that raises is a bug to surface, but the bookkeeping must still finish
            if handle.outcome is Outcome.SUCCEEDED and on_success is not None:
                on_success(result.value)
            elif handle.outcome is Outcome.FAILED and error is not None:
                if on_failure is not None:
                    on_failure(error)
                else:
                    self._report_unhandled(error)
        finally:
            if handle.outcome is Outcome.CANCELLED:
                handle.cancelled.emit()
            handle.finished.emit()

    def _cancel_from_dialog(self, handle: TaskHandle) -> None:
        """Cancel hides the dialog at once (as QProgressDialog does itself); we also drop it, because a late
        report would otherwise make QProgressDialog.setValue() show it again."""
        handle.cancel()
        self._close_dialog(handle)

    def _close_dialog(self, handle: TaskHandle) -> None:
        dialog, handle.progress_dialog = handle.progress_dialog, None
        if dialog is not None:
            dialog.hide()  # not close(): closeEvent would emit canceled
            dialog.deleteLater()

    def _report_unhandled(self, error: BaseException) -> None:
        """Nobody asked to handle this failure: it must not vanish. Log it with the worker's traceback and tell
        the main window, which shows it in the status bar."""
        log.error("background task failed", exc_info=(type(error), error, error.__traceback__))
        if isinstance(error, DomainError):
            message = describe_error(error, self._lang)
        else:
            message = f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
        self.failed.emit(message)


class SyncTaskRunner(TaskRunner):
    """The same API, run inline in the calling thread: callbacks have run when ``run()`` returns, so UI tests
    need no waiting. No progress dialog (nothing is still running after 600 ms); reports still reach
    ``TaskHandle.last_update``. Its thread pools exist but stay empty."""

    def _submit(self, handle: TaskHandle, lane: Lane) -> None:
        assert handle._work is not None
        handle._work()

    def _post(self, result: _Result) -> None:
        self._deliver(result)

    def _notify_progress(self, handle: TaskHandle) -> None:
        self._on_progress(handle)
