"""A page's part that fills its place when there is room and scrolls when there is not (1366×768 at
150 % leaves a page about 745×350 logical px), without making the whole window as large as that part."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFrame, QScrollArea, QWidget


class MinimumFill(QWidget):
    """Holds one widget at the scroll area's size, never below the widget's own smallest size.

    A layout here would not do: QScrollArea asks a layout with height-for-width (any word-wrapped
    label) for its *preferred* height at the current width, so a tab with tall tables scrolled even on
    a large window, where it used to shrink its tables to fit. Here the smallest height at a width is
    the content's smallest height plus what its wrapping lines add at that width: tables still shrink,
    wrapped notes never overlap."""

    UNWRAPPED = 100_000  # a width at which nothing wraps

    def __init__(self, content: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.content = content
        content.setParent(self)
        policy = self.sizePolicy()
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def minimumSizeHint(self) -> QSize:
        return self.content.minimumSizeHint().expandedTo(self.content.minimumSize())

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        smallest = self.minimumSizeHint().height()
        if not self.content.hasHeightForWidth():
            return smallest
        wrapped = self.content.heightForWidth(width) - self.content.heightForWidth(self.UNWRAPPED)
        return smallest + max(0, wrapped)

    def sizeHint(self) -> QSize:
        return self.content.sizeHint().expandedTo(self.minimumSizeHint())

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LayoutRequest:
            # the content's smallest size changed (rows, a banner shown): the scroll area sizes us anew
            self.updateGeometry()
            self.content.setGeometry(self.rect())
        return super().event(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        self.content.setGeometry(self.rect())


def scroll_when_small(content: QWidget, name: str = "") -> QScrollArea:
    """`content` in a frameless scroll area: as without one on a roomy window, scrolling on a small one."""
    area = QScrollArea()
    if name:
        area.setObjectName(name)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidget(MinimumFill(content))
    return area


def scrolled_content(area: QWidget | None) -> QWidget | None:
    """What `scroll_when_small` put in `area` (or `area` itself when it is not such a scroll area)."""
    if isinstance(area, QScrollArea):
        fill = area.widget()
        if isinstance(fill, MinimumFill):
            return fill.content
        return fill
    return area
