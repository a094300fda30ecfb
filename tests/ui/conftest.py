from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication

from desktop_app.services.context import AppContext
from desktop_app.services.demo import create_demo
from desktop_app.ui.qt_setup import configure_application
from desktop_app.ui.runner import use_runner, use_synchronous_runner


@pytest.fixture(autouse=True)
def _configured_app(qapp: QApplication) -> Iterator[QApplication]:
    """The same font, translation and style as the real application; afterwards the windows and
    message boxes a test left open are closed (an open window keeps receiving events)."""
    configure_application(qapp)
    yield qapp
    # Closing can open another window (a filled 登记线索 asks "放弃登记？"): close until none is left
    for _ in range(3):
        left = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
        if not left:
            break
        for widget in left:
            widget.close()
    for widget in QApplication.topLevelWidgets():
        widget.hide()


@pytest.fixture
def synchronous_runner() -> Iterator[None]:
    """Background jobs run at once in the test's thread (files that drive whole screens use it:
    `pytestmark = pytest.mark.usefixtures("synchronous_runner")`); test_runner.py tests the real one."""
    use_synchronous_runner()
    yield
    use_runner(None)


@pytest.fixture
def demo(ctx: AppContext) -> AppContext:
    """The demo office (users demo-officer1 … with password "demo", items, benchmarks) without cases."""
    create_demo(ctx, cases=0, seed=3)
    return ctx
