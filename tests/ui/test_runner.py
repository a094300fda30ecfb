"""The one background runner: results and errors arrive on the GUI thread, progress by signal, a
job can be cancelled, an error is a Chinese message box (details only in the log)."""

from __future__ import annotations

import threading
import time

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMessageBox, QProgressDialog
from pytestqt.qtbot import QtBot

from desktop_app.services.errors import Refused
from desktop_app.ui.runner import JobControl, Runner, per_mille, report_error


def test_a_result_arrives_on_the_gui_thread_with_progress(qtbot: QtBot) -> None:
    runner = Runner()
    seen: list[tuple[int, int]] = []
    threads: list[bool] = []

    def work(control: JobControl) -> str:
        for i in range(3):
            control.progress(i + 1, 3)
        return threading.current_thread().name

    job = runner.submit(work, with_control=True, on_done=lambda _r: threads.append(
        threading.current_thread() is threading.main_thread()))
    job.progressed.connect(lambda d, t: seen.append((d, t)))
    with qtbot.waitSignal(job.finished, timeout=10_000):
        pass
    assert job.result != threading.main_thread().name  # it ran in the pool
    assert threads == [True]  # and was delivered on the GUI thread
    assert runner.wait()


def test_a_job_is_cancelled_and_an_error_is_delivered(qtbot: QtBot) -> None:
    runner = Runner()
    started = threading.Event()

    def slow(control: JobControl) -> None:
        started.set()
        while True:
            control.check()
            time.sleep(0.01)

    job = runner.submit(slow, with_control=True, progress_title="请稍候")
    assert started.wait(10)
    with qtbot.waitSignal(job.cancelled, timeout=10_000):
        job.cancel()

    errors: list[BaseException] = []

    def refused() -> None:
        raise Refused("决定前须经法制审核（行政处罚法第五十八条）")

    failing = runner.submit(refused, on_error=errors.append)
    with qtbot.waitSignal(failing.finished, timeout=10_000):
        pass
    assert isinstance(errors[0], Refused)
    assert runner.wait()


def test_errors_read_as_chinese_message_boxes(qtbot: QtBot) -> None:
    box = report_error(None, Refused("决定前须经法制审核（行政处罚法第五十八条）"))
    qtbot.addWidget(box)
    assert "法制审核" in box.text() and box.windowTitle() == "操作未完成"
    bug = report_error(None, ZeroDivisionError("division by zero"))
    qtbot.addWidget(bug)
    assert "日志" in bug.text() and "division" not in bug.text()  # never a traceback
    assert bug.button(QMessageBox.StandardButton.Ok).text().replace("&", "").startswith("确定")


def test_progress_past_two_gibibytes_reaches_the_gui_intact(qtbot: QtBot) -> None:
    """A byte count over 2 GiB used to overflow the 32-bit int signal (and the dialog's range)."""
    runner = Runner()
    seen: list[tuple[int, int]] = []
    big = 5 * 1024**3  # a 5 GiB evidence video

    def copy(control: JobControl) -> None:
        for done in (0, 3 * 1024**3, big):
            control.progress(done, big)

    job = runner.submit(copy, with_control=True, progress_title="正在复制文件……")
    job.progressed.connect(lambda d, t: seen.append((d, t)))
    with qtbot.waitSignal(job.finished, timeout=10_000):
        pass
    assert runner.wait()
    assert seen == [(0, big), (3 * 1024**3, big), (big, big)]
    assert per_mille(3 * 1024**3, big) == 600 and per_mille(big, big) == 1000
    assert per_mille(1, 0) == 0 and per_mille(big * 2, big) == 1000


def test_the_progress_dialog_shows_per_mille_of_a_huge_job(qtbot: QtBot) -> None:
    sync = Runner(synchronous=True)
    dialogs: list[QProgressDialog] = []
    big = 3 * 1024**3

    def work(control: JobControl) -> None:
        binding = control._job.findChild(QObject)  # the progress binding lives on the job
        assert binding is not None
        dialogs.append(binding.dialog)  # type: ignore[attr-defined]
        control.progress(big // 2, big)
        assert dialogs[0].maximum() == 1000 and dialogs[0].value() == 500

    sync.submit(work, with_control=True, progress_title="正在备份……")
    assert dialogs
