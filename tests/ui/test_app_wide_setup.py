"""What the application sets up for every window: the mouse wheel scrolls a form and changes a field only
once the user put the focus in it
(exploratory test: scrolling the 决定 dialog moved its 发生时间 two years back)."""

from __future__ import annotations

from PySide6.QtCore import QDate, QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QComboBox, QDateEdit, QScrollArea, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot


def _wheel(widget: QWidget, steps: int = -1) -> None:
    centre = QPointF(widget.rect().center())
    event = QWheelEvent(centre, QPointF(widget.mapToGlobal(widget.rect().center())), QPoint(0, 0),
                        QPoint(0, 120 * steps), Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                        Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(widget, event)


def test_a_wheel_turn_over_an_unfocused_field_scrolls_the_form(qtbot: QtBot) -> None:
    area = QScrollArea()
    content = QWidget()
    layout = QVBoxLayout(content)
    combo = QComboBox()
    combo.addItems(["符合", "需补充", "不符合"])
    day = QDateEdit(QDate(2026, 12, 2))
    layout.addWidget(combo)
    layout.addWidget(day)
    layout.addSpacing(2000)  # a long form
    area.setWidget(content)
    area.resize(300, 200)
    qtbot.addWidget(area)
    area.show()
    qtbot.waitExposed(area)
    assert combo.focusPolicy() == Qt.FocusPolicy.StrongFocus  # no focus taken by a wheel turn
    bar = area.verticalScrollBar()
    assert bar.value() == 0
    _wheel(combo)
    _wheel(day)
    assert combo.currentIndex() == 0 and day.date() == QDate(2026, 12, 2)
    assert bar.value() > 0  # the form scrolled instead
    # once the user has clicked into it, the wheel is the field's
    combo.setFocus()
    qtbot.waitUntil(combo.hasFocus)
    _wheel(combo)
    assert combo.currentIndex() == 1


def test_every_window_carries_the_application_icon(qtbot: QtBot) -> None:
    """One icon for the title bars and the taskbar (resources/icons)."""
    icon = QApplication.windowIcon()
    assert not icon.isNull() and icon.availableSizes()
    window = QWidget()
    qtbot.addWidget(window)
    assert window.windowIcon().cacheKey() == icon.cacheKey()


def test_the_qt_bindings_keep_the_reference_counts(qtbot: QtBot) -> None:
    """PySide6 6.12.0 dropped a reference to None on every call returning None: a long session (or a
    full test run) on Python 3.11 then ended in "Fatal Python error: none_dealloc". pyproject excludes it;
    this catches another version doing the same."""
    import sys

    widget = QWidget()
    qtbot.addWidget(widget)
    before = sys.getrefcount(None)
    for _ in range(1000):
        widget.resize(10, 10)
        widget.setProperty("probe", True)
    assert sys.getrefcount(None) >= before - 50  # a few may be released legitimately; 1,000 is the bug
