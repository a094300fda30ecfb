"""The one background runner: results and errors arrive on the GUI thread, progress by signal, a
job can be cancelled, an error is a Chinese message box (details only in the log)."""

from __future__ import annotations

import threading
import time

from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from desktop_app.services.errors import Refused
from desktop_app.ui.runner import JobControl, Runner, report_error


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
