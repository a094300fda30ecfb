from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication

from desktop_app.ui.qt_setup import configure_application


@pytest.fixture(autouse=True)
def _configured_app(qapp: QApplication) -> Iterator[QApplication]:
    """The same font, translation and style as the real application; afterwards the windows and
    message boxes a test left open are closed (an open window keeps receiving events)."""
    configure_application(qapp)
    yield qapp
    for widget in QApplication.topLevelWidgets():
        if widget.isVisible():
            widget.close()
