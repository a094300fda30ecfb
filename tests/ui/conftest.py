from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from desktop_app.ui.qt_setup import configure_application


@pytest.fixture(autouse=True)
def _configured_app(qapp: QApplication) -> QApplication:
    """The same font, translation and style as the real application."""
    configure_application(qapp)
    return qapp
