"""The one bridge for background work (STYLE.md 5): a QThreadPool runner that runs a function away
from the GUI thread, reports progress by signal, can be cancelled, and delivers its result or its
error back on the GUI thread. Long jobs show a progress dialog with 取消; the window never freezes.

A job function takes a `JobControl` as its first argument when it wants to report progress or look
for cancellation. Services never see Qt: they get plain callables (`control.progress`,
`control.cancelled`).

Tests use `use_synchronous_runner()` (the same callbacks, run at once on the calling thread) or wait
for `Job.finished` with qtbot.waitSignal."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QObject,
    QRunnable,
    Qt,
    QThread,
    QThreadPool,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from desktop_app.services.errors import ServiceError

logger = logging.getLogger(__name__)

# A job quicker than this never shows its progress dialog (no flicker for a quick page load).
PROGRESS_DELAY_MS = 400


PROGRESS_SCALE = 1000


def _tr(text: str) -> str:
    return QCoreApplication.translate("runner", text)


def per_mille(done: int, total: int) -> int:
    """How far a job is, 0–1000, for any size of count (bytes of a file over 2 GiB included)."""
    if total <= 0:
        return 0
    return max(0, min(PROGRESS_SCALE, done * PROGRESS_SCALE // total))


class Cancelled(Exception):
    """Raised inside a job (by `JobControl.check`) when the user pressed 取消."""


class JobControl:
    """What a running job sees: progress to report and whether it was cancelled (thread-safe)."""

    def __init__(self, job: Job) -> None:
        self._job = job
        self._cancel = threading.Event()

    def progress(self, done: int, total: int) -> None:
        self._job.report_progress(int(done), int(total))

    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def check(self) -> None:
        if self._cancel.is_set():
            raise Cancelled()

    def cancel(self) -> None:
        self._cancel.set()


class Job(QObject):
    """One piece of work. Its public signals are emitted on the GUI thread: the worker thread only
    emits the private relays, queued to this object (which lives on the GUI thread)."""

    # Progress goes as Python objects, not C++ ints: a byte count past 2 GiB would overflow a 32-bit
    # `int` signal argument (a copy of a large evidence file, a backup).
    progressed = Signal(object, object)
    succeeded = Signal(object)
    failed = Signal(object)  # the exception
    cancelled = Signal()
    finished = Signal()  # after any of the three above

    _relay_outcome = Signal(str, object)
    _relay_progress = Signal(object, object)

    def __init__(self, fn: Callable[..., Any], args: tuple[Any, ...], with_control: bool) -> None:
        super().__init__()
        self.fn = fn
        self.args = args
        self.with_control = with_control
        self.control = JobControl(self)
        self.result: Any = None
        self.error: BaseException | None = None
        self.done = False
        self._relay_outcome.connect(self._deliver, Qt.ConnectionType.QueuedConnection)
        # a slot of this object, like _deliver: progress and outcome arrive in the order they were sent
        self._relay_progress.connect(self._deliver_progress, Qt.ConnectionType.QueuedConnection)

    def cancel(self) -> None:
        self.control.cancel()

    def _on_gui_thread(self) -> bool:
        return QThread.currentThread() is self.thread()

    def report_progress(self, done: int, total: int) -> None:
        if self._on_gui_thread():
            self.progressed.emit(done, total)
        else:
            self._relay_progress.emit(done, total)

    def execute(self) -> None:
        """Runs the function (on whatever thread calls it); the outcome reaches the GUI thread."""
        kind: str
        payload: Any = None
        try:
            args = (self.control, *self.args) if self.with_control else self.args
            payload = self.fn(*args)
            kind = "cancelled" if self.control.cancelled() else "succeeded"
        except Cancelled:
            kind = "cancelled"
        except Exception as exc:  # delivered to the GUI thread, never lost in the pool
            if not isinstance(exc, ServiceError):
                logger.error("background job %s failed", getattr(self.fn, "__name__", self.fn), exc_info=exc)
            kind, payload = "failed", exc
        if self._on_gui_thread():
            self._deliver(kind, payload)
        else:
            self._relay_outcome.emit(kind, payload)

    @Slot(object, object)
    def _deliver_progress(self, done: int, total: int) -> None:
        self.progressed.emit(done, total)

    @Slot(str, object)
    def _deliver(self, kind: str, payload: Any) -> None:
        self.done = True
        if kind == "succeeded":
            self.result = payload
            self.succeeded.emit(payload)
        elif kind == "failed":
            self.error = payload
            self.failed.emit(payload)
        else:
            self.cancelled.emit()
        self.finished.emit()


class _Task(QRunnable):
    def __init__(self, job: Job) -> None:
        super().__init__()
        self.job = job
        self.setAutoDelete(True)

    def run(self) -> None:
        self.job.execute()


class Runner(QObject):
    """Submits jobs to one QThreadPool (or runs them at once, for tests)."""

    def __init__(self, *, synchronous: bool = False, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.synchronous = synchronous
        self.pool = QThreadPool(self)
        # SQLite writes serialise anyway; a few threads keep reads (list pages, counts) responsive.
        self.pool.setMaxThreadCount(4)
        self._jobs: set[Job] = set()

    def submit(
        self,
        fn: Callable[..., Any],
        *args: Any,
        on_done: Callable[[Any], object] | None = None,
        on_error: Callable[[BaseException], object] | None = None,
        on_cancel: Callable[[], object] | None = None,
        with_control: bool = False,
        progress_title: str | None = None,
        parent: QWidget | None = None,
    ) -> Job:
        """Run `fn(*args)` (or `fn(control, *args)` with `with_control`) in the background.

        `on_error` gets the exception; without it, a ServiceError shows its Chinese message and any
        other error a message saying the details are in the log. `progress_title` shows a progress
        dialog with 取消 (after a short delay) until the job ends."""
        job = Job(fn, args, with_control)
        self._jobs.add(job)
        if on_done is not None:
            job.succeeded.connect(on_done)
        job.failed.connect(on_error if on_error is not None else (lambda exc: report_error(parent, exc)))
        if on_cancel is not None:
            job.cancelled.connect(on_cancel)
        job.finished.connect(lambda: self._jobs.discard(job))
        if progress_title is not None:
            _ProgressBinding(job, progress_title, parent)
        if self.synchronous:
            job.execute()
        else:
            self.pool.start(_Task(job))
        return job

    def wait(self, msecs: int = 30_000) -> bool:
        """Wait for every running job (shutdown and tests)."""
        return bool(self.pool.waitForDone(msecs))


class _ProgressBinding(QObject):
    """A QProgressDialog with 取消 tied to one job; it appears only if the job takes a while."""

    def __init__(self, job: Job, title: str, parent: QWidget | None) -> None:
        super().__init__(job)
        self.job = job
        self.dialog = QProgressDialog(title, _tr("取消"), 0, 0, parent)
        self.dialog.setObjectName("progressDialog")
        self.dialog.setWindowTitle(_tr("请稍候"))
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(0)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.dialog.canceled.connect(self._cancel)
        self.dialog.hide()
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self._show)
        self.timer.start(PROGRESS_DELAY_MS)
        job.progressed.connect(self._progress)
        job.finished.connect(self._close)
        if job.done:  # a synchronous job ended before we were attached
            self._close()

    def _show(self) -> None:
        if not self.job.done:
            self.dialog.show()

    def _progress(self, done: int, total: int) -> None:
        # QProgressDialog's range is a 32-bit int too: show per mille, whatever the units are.
        if total > 0:
            self.dialog.setMaximum(PROGRESS_SCALE)
            self.dialog.setValue(per_mille(done, total))

    def _cancel(self) -> None:
        self.dialog.setLabelText(_tr("正在取消……"))
        self.job.cancel()

    def _close(self) -> None:
        self.timer.stop()
        self.dialog.hide()
        self.dialog.deleteLater()


def report_error(parent: QWidget | None, exc: BaseException, title: str | None = None) -> QMessageBox:
    """An error as a Chinese message box that does not block (details of a bug are in the log)."""
    if isinstance(exc, ServiceError):
        text = str(exc)
    else:
        text = _tr("操作未完成：程序出现内部错误。详细信息已写入日志文件。")
    box = QMessageBox(QMessageBox.Icon.Warning, title or _tr("操作未完成"), text, QMessageBox.StandardButton.Ok,
                      parent)
    box.setObjectName("errorBox")
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box


_runner: Runner | None = None


def runner() -> Runner:
    """The application's one runner."""
    global _runner
    if _runner is None:
        _runner = Runner()
    return _runner


def use_runner(new: Runner | None) -> None:
    """Replace the application's runner (tests: a synchronous one); None: a fresh default next time."""
    global _runner
    _runner = new


def use_synchronous_runner() -> Runner:
    sync = Runner(synchronous=True)
    use_runner(sync)
    return sync
