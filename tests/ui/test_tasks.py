"""The background-task helper: callbacks in the GUI thread, one writer at a time, newest search wins, Anki's
600 ms progress dialog with a working Cancel, and a synchronous twin for UI tests."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import Qt, QThread
from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from kcfield.domain.errors import NotFound
from kcfield.services.progress import Cancelled, ProgressUpdate
from kcfield.ui.tasks import Lane, Outcome, SyncTaskRunner, TaskContext, TaskRunner, Tasks

WAIT_MS = 5_000


@pytest.fixture
def runner(qtbot: QtBot) -> Iterator[TaskRunner]:
    tasks = TaskRunner(lang="vi")
    yield tasks
    assert tasks.shutdown(WAIT_MS)


def _app_thread() -> QThread:
    app = QApplication.instance()
    assert app is not None
    return app.thread()


def _visible_progress_dialogs() -> list[QProgressDialog]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog) and w.isVisible()]


def test_result_is_delivered_in_the_gui_thread(qtbot: QtBot, runner: TaskRunner) -> None:
    seen: dict[str, object] = {}

    def work(_ctx: TaskContext) -> int:
        seen["worker_in_gui"] = QThread.currentThread() is _app_thread()
        return 42

    def done(value: int) -> None:
        seen["value"] = value
        seen["callback_in_gui"] = QThread.currentThread() is _app_thread()

    handle = runner.run(work, on_success=done)
    with qtbot.waitSignal(handle.finished, timeout=WAIT_MS):
        pass
    assert seen == {"worker_in_gui": False, "value": 42, "callback_in_gui": True}
    assert handle.done
    assert handle.outcome is Outcome.SUCCEEDED


def test_failure_goes_to_on_failure(qtbot: QtBot, runner: TaskRunner) -> None:
    errors: list[BaseException] = []
    successes: list[object] = []

    def work(_ctx: TaskContext) -> None:
        raise NotFound("establishment", "CS-1")

    with qtbot.assertNotEmitted(runner.failed):
        handle = runner.run(work, on_success=successes.append, on_failure=errors.append)
        qtbot.waitUntil(lambda: handle.done, timeout=WAIT_MS)
    assert successes == []
    assert len(errors) == 1
    assert isinstance(errors[0], NotFound)
    assert handle.outcome is Outcome.FAILED


def test_unhandled_failure_is_logged_and_announced(
    qtbot: QtBot, runner: TaskRunner, caplog: pytest.LogCaptureFixture
) -> None:
    def work(_ctx: TaskContext) -> None:
        raise NotFound("establishment", "CS-1")

    caplog.set_level(logging.ERROR, logger="kcfield.ui.tasks")
    with qtbot.waitSignal(runner.failed, timeout=WAIT_MS) as signal:
        runner.run(work)
    assert signal.args == ["Không tìm thấy bản ghi establishment có mã CS-1."]
    records = [r for r in caplog.records if r.name == "kcfield.ui.tasks"]
    assert len(records) == 1
    assert records[0].exc_info is not None
    assert records[0].exc_info[0] is NotFound

    def crash(_ctx: TaskContext) -> None:
        raise ZeroDivisionError("division by zero")

    with qtbot.waitSignal(runner.failed, timeout=WAIT_MS) as signal:
        runner.run(crash)
    assert signal.args == ["ZeroDivisionError: division by zero"]


def test_write_lane_runs_one_task_at_a_time_in_submission_order(qtbot: QtBot, runner: TaskRunner) -> None:
    markers: list[tuple[str, int]] = []
    lock = threading.Lock()

    def write(number: int) -> None:
        def work(_ctx: TaskContext) -> int:
            with lock:
                markers.append(("start", number))
            time.sleep(0.03)
            with lock:
                markers.append(("end", number))
            return number

        runner.run(work, lane=Lane.WRITE)

    for number in range(5):
        write(number)
    assert runner.wait_idle(WAIT_MS)
    assert markers == [(kind, n) for n in range(5) for kind in ("start", "end")]


def test_read_lane_runs_two_tasks_at_once(qtbot: QtBot, runner: TaskRunner) -> None:
    # Each task waits for the other at the barrier: with one thread the barrier breaks after its timeout.
    barrier = threading.Barrier(2, timeout=5)
    results: list[str] = []
    failures: list[BaseException] = []

    def work(_ctx: TaskContext) -> str:
        barrier.wait()
        return "met"

    first = runner.run(work, on_success=results.append, on_failure=failures.append)
    second = runner.run(work, on_success=results.append, on_failure=failures.append)
    qtbot.waitUntil(lambda: first.done and second.done, timeout=WAIT_MS * 2)
    assert failures == []
    assert results == ["met", "met"]


def test_newer_search_supersedes_older_even_when_older_finishes_last(qtbot: QtBot, runner: TaskRunner) -> None:
    delivered: list[str] = []
    older_started = threading.Event()
    older_finished = threading.Event()

    def slow_old_query(_ctx: TaskContext) -> str:
        older_started.set()
        time.sleep(0.3)  # ignores its token on purpose: the late result must still be dropped
        older_finished.set()
        return "rows for 'Đồ'"

    def quick_new_query(_ctx: TaskContext) -> str:
        time.sleep(0.02)
        return "rows for 'Đồng'"

    older = runner.run(slow_old_query, on_success=delivered.append, key="establishment-search")
    qtbot.waitUntil(older_started.is_set, timeout=WAIT_MS)  # (one still queued would never start at all)
    newer = runner.run(quick_new_query, on_success=delivered.append, key="establishment-search")
    qtbot.waitUntil(lambda: newer.done, timeout=WAIT_MS)
    assert not older_finished.is_set()  # the newer one really did finish first
    with qtbot.waitSignal(older.finished, timeout=WAIT_MS):
        pass
    assert older_finished.is_set()
    assert delivered == ["rows for 'Đồng'"]
    assert older.cancel_token.cancelled
    assert older.outcome is Outcome.SUPERSEDED
    assert newer.outcome is Outcome.SUCCEEDED


def test_quick_task_shows_no_progress_dialog(qtbot: QtBot, runner: TaskRunner) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)

    def work(_ctx: TaskContext) -> str:
        time.sleep(0.05)
        return "ok"

    handle = runner.run(work, progress_label="demo.progress", parent_widget=parent)
    qtbot.waitUntil(lambda: handle.done, timeout=WAIT_MS)
    qtbot.wait(800)  # past the 600 ms threshold: proving a negative needs the time to pass
    assert handle.progress_dialog is None
    assert _visible_progress_dialogs() == []


def test_long_task_shows_progress_dialog_with_rendered_label(qtbot: QtBot, runner: TaskRunner) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    release = threading.Event()

    def work(ctx: TaskContext) -> str:
        ctx.report(ProgressUpdate("demo.progress", 3, 10))
        release.wait(WAIT_MS / 1000)
        return "ok"

    started = time.monotonic()
    handle = runner.run(work, progress_label="demo.progress", parent_widget=parent)
    qtbot.waitUntil(lambda: handle.progress_dialog is not None and handle.progress_dialog.isVisible(), timeout=WAIT_MS)
    assert time.monotonic() - started >= 0.55  # not before Anki's 600 ms (timer slack allowed)
    dialog = handle.progress_dialog
    assert dialog is not None
    assert dialog.labelText() == "Đang tạo dữ liệu mẫu: 3/10 cơ sở"
    assert (dialog.value(), dialog.maximum()) == (3, 10)
    assert dialog.windowModality() is Qt.WindowModality.WindowModal
    assert dialog.parent() is parent

    release.set()
    qtbot.waitUntil(lambda: handle.done, timeout=WAIT_MS)
    assert handle.progress_dialog is None
    assert _visible_progress_dialogs() == []


def test_busy_indicator_when_maximum_is_zero(qtbot: QtBot, runner: TaskRunner) -> None:
    release = threading.Event()

    def work(_ctx: TaskContext) -> None:
        release.wait(WAIT_MS / 1000)

    handle = runner.run(work, progress_label="demo.progress")
    qtbot.waitUntil(lambda: handle.progress_dialog is not None, timeout=WAIT_MS)
    dialog = handle.progress_dialog
    assert dialog is not None
    assert (dialog.minimum(), dialog.maximum()) == (0, 0)
    release.set()
    qtbot.waitUntil(lambda: handle.done, timeout=WAIT_MS)


def test_cancel_button_stops_the_task_without_callbacks(qtbot: QtBot, runner: TaskRunner) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    calls: list[object] = []

    def work(ctx: TaskContext) -> str:
        for unit in range(500):
            ctx.cancel_token.check()
            ctx.report(ProgressUpdate("demo.progress", unit, 500))
            time.sleep(0.01)
        return "finished anyway"

    handle = runner.run(
        work, on_success=calls.append, on_failure=calls.append, progress_label="demo.progress", parent_widget=parent
    )
    qtbot.waitUntil(lambda: handle.progress_dialog is not None and handle.progress_dialog.isVisible(), timeout=WAIT_MS)
    dialog = handle.progress_dialog
    assert dialog is not None
    button = dialog.findChild(QPushButton)
    assert button is not None
    with qtbot.assertNotEmitted(runner.failed), qtbot.waitSignal(handle.cancelled, timeout=WAIT_MS):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        assert handle.cancel_token.cancelled
    assert handle.done
    assert handle.outcome is Outcome.CANCELLED
    assert calls == []
    assert handle.progress_dialog is None
    assert _visible_progress_dialogs() == []


def test_superseded_task_still_queued_never_runs(qtbot: QtBot, runner: TaskRunner) -> None:
    release = threading.Event()
    ran: list[str] = []

    def blocker(_ctx: TaskContext) -> None:
        release.wait(WAIT_MS / 1000)

    def query(name: str) -> Callable[[TaskContext], str]:
        def work(_ctx: TaskContext) -> str:
            ran.append(name)
            return name

        return work

    blocker_handle = runner.run(blocker, lane=Lane.WRITE)
    older = runner.run(query("older"), lane=Lane.WRITE, key="recalculate")
    newer = runner.run(query("newer"), lane=Lane.WRITE, key="recalculate")
    release.set()
    qtbot.waitUntil(lambda: blocker_handle.done and older.done and newer.done, timeout=WAIT_MS)
    assert ran == ["newer"]
    assert older.outcome is Outcome.SUPERSEDED


def test_sync_runner_runs_inline_with_the_same_rules(caplog: pytest.LogCaptureFixture) -> None:
    tasks: Tasks = SyncTaskRunner(lang="en")
    gui = QThread.currentThread()
    events: list[object] = []

    def work(ctx: TaskContext) -> str:
        events.append(QThread.currentThread() is gui)
        ctx.report(ProgressUpdate("demo.progress", 1, 2))
        return "rows"

    handle = tasks.run(work, on_success=events.append, progress_label="demo.progress")
    assert events == [True, "rows"]  # ran and delivered before run() returned
    assert handle.done
    assert handle.outcome is Outcome.SUCCEEDED
    assert handle.last_update == ProgressUpdate("demo.progress", 1, 2)
    assert handle.progress_dialog is None

    def fail(_ctx: TaskContext) -> None:
        raise NotFound("visit", "V-9")

    errors: list[BaseException] = []
    tasks.run(fail, on_success=events.append, on_failure=errors.append)
    assert [type(e) for e in errors] == [NotFound]

    announced: list[str] = []
    tasks.failed.connect(announced.append)
    caplog.set_level(logging.ERROR, logger="kcfield.ui.tasks")
    tasks.run(fail)
    assert announced == ["No visit record with id V-9."]
    assert any(r.name == "kcfield.ui.tasks" for r in caplog.records)

    def cancelled(_ctx: TaskContext) -> None:
        raise Cancelled

    handle = tasks.run(cancelled, on_success=events.append, on_failure=errors.append)
    assert handle.outcome is Outcome.CANCELLED
    assert len(errors) == 1
    assert events == [True, "rows"]

    first = tasks.run(lambda _ctx: "a", on_success=events.append, key="search")
    second = tasks.run(lambda _ctx: "b", on_success=events.append, key="search")
    assert (first.outcome, second.outcome) == (Outcome.SUCCEEDED, Outcome.SUCCEEDED)
    assert events[-2:] == ["a", "b"]
    assert tasks.shutdown()


def test_shutdown_waits_for_running_tasks_and_delivers_nothing(qtbot: QtBot) -> None:
    tasks = TaskRunner()
    stubborn_done = threading.Event()
    calls: list[object] = []
    started = threading.Barrier(3, timeout=5)

    def stubborn(_ctx: TaskContext) -> str:
        started.wait()
        time.sleep(0.2)  # never checks its token: shutdown must still wait for it
        stubborn_done.set()
        return "late"

    def polite(ctx: TaskContext) -> str:
        started.wait()
        while True:
            ctx.cancel_token.check()
            time.sleep(0.01)

    writer = tasks.run(stubborn, on_success=calls.append, lane=Lane.WRITE)
    reader = tasks.run(polite, on_success=calls.append, on_failure=calls.append)
    started.wait()
    assert tasks.shutdown(WAIT_MS)
    assert stubborn_done.is_set()
    assert writer.done
    assert reader.done
    assert reader.cancel_token.cancelled
    assert calls == []
    with pytest.raises(RuntimeError):
        tasks.run(stubborn)
